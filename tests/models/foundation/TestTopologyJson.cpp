// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/JsonPatch.h"
#include "topology/TopologyFile.h"
#include "topology/TopologyJson.h"
#include "topology/TopologyValidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

const QString HubKey = QStringLiteral("pOCHi5ErMbBrjMLKg5xOQGfzn0NHS9CUUE4JjICWsXA=");
const QString ClientKey = QStringLiteral("+CbMOOPHuZ5I5i4CkyjFMXz7fGFKIg9chAZ0R7kAASw=");

QByteArray goodFile()
{
    return testDataFile(QStringLiteral("topology/small-valid.json"));
}

/// The good file with one value replaced, given as JSON text; empty text removes the key.
QByteArray goodFileWith(const QString& path, const QByteArray& value)
{
    return value.isEmpty() ? JsonPatch::remove(goodFile(), path) : JsonPatch::set(goodFile(), path, JsonPatch::parse(value));
}

QStringList messagesOf(const QList<TopologyError>& errors)
{
    QStringList messages;
    for (const auto& error : errors)
        messages.append(error.toString());
    return messages;
}

} // namespace

class TestTopologyJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void goodFileReadsEveryField();
    void syntaxErrors_data();
    void syntaxErrors();
    void topLevelMustBeAnObject_data();
    void topLevelMustBeAnObject();
    void schemaErrors_data();
    void schemaErrors();
    void validationErrors_data();
    void validationErrors();
    void everyProblemIsReported();
    void badFileGivesNoTopology();
    void validatorPredicates_data();
    void validatorPredicates();
    void validatorChecksProgrammaticTopologies();
    void errorDescriptionIsShortened();
    void roundTrip();
    void roundTripOfTheReferenceDeployment();
    void writerOmitsDefaults();
    void deepNestingIsAnErrorNotACrash();
};

void TestTopologyJson::goodFileReadsEveryField()
{
    const TopologyParseResult result = TopologyJson::read(goodFile());
    QVERIFY2(result.ok(), qPrintable(TopologyError::describe(result.errors)));
    const Topology& topology = result.topology;
    QCOMPARE(topology.name, QStringLiteral("Small test network"));
    QCOMPARE(topology.segments.size(), 5);
    QCOMPARE(topology.segment(QStringLiteral("pve"))->parentId, QStringLiteral("home"));
    QCOMPARE(topology.segment(QStringLiteral("pve"))->kind, Segment::Kind::Hypervisor);
    QCOMPARE(topology.segment(QStringLiteral("vpn"))->cidr, QStringLiteral("10.10.0.0/24"));

    const Host* web = topology.host(QStringLiteral("web1"));
    QVERIFY(web);
    QCOMPARE(web->fqdn, QStringLiteral("web1.example.org"));
    QCOMPARE(web->role, Host::Role::PublicServer);
    QCOMPARE(web->description, QStringLiteral("VPS"));
    QCOMPARE(web->addresses, QStringList{QStringLiteral("203.0.113.10")});
    QCOMPARE(web->services.size(), 3);
    QCOMPARE(web->services.at(0).ports, (QList<int>{80, 443}));
    QCOMPARE(web->services.at(0).exposure, Service::Exposure::Public);
    QCOMPARE(web->services.at(1).exposure, Service::Exposure::Agent);
    QCOMPARE(web->services.at(1).protocol, Service::Protocol::None);
    QVERIFY(!web->position);

    const Host* mon = topology.host(QStringLiteral("mon"));
    QCOMPARE(mon->parentHostId, QStringLiteral("hv"));
    QCOMPARE(mon->service(QStringLiteral("wireguard"))->protocol, Service::Protocol::Udp);
    QCOMPARE(mon->service(QStringLiteral("wireguard"))->portLabel(), QStringLiteral("51820/udp"));
    QCOMPARE(mon->service(QStringLiteral("influxdb"))->exposure, Service::Exposure::VpnOnly);
    QCOMPARE(topology.host(QStringLiteral("nas"))->services.at(0).buckets,
        (QStringList{QStringLiteral("metrics"), QStringLiteral("logs")}));
    QCOMPARE(topology.host(QStringLiteral("hv"))->position, std::optional<QPointF>(QPointF(120.5, -40)));

    const WireGuardInterface* hub = topology.interface(QStringLiteral("mon-wg0"));
    QVERIFY(hub->isHub);
    QCOMPARE(hub->listenPort, 51820);
    QCOMPARE(hub->publicKey, HubKey);
    QCOMPARE(topology.interface(QStringLiteral("web1-wg0"))->listenPort, 0);
    QVERIFY(!topology.interface(QStringLiteral("web1-wg0"))->isHub);

    const WireGuardPeer* hubSide = topology.peer(QStringLiteral("mon-web1"));
    QVERIFY(hubSide->presharedKey);
    QCOMPARE(hubSide->keyCreated, QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
    QCOMPARE(hubSide->persistentKeepalive, 0);
    const WireGuardPeer* clientSide = topology.peer(QStringLiteral("web1-mon"));
    QCOMPARE(clientSide->endpoint, QStringLiteral("mon.example.org:51820"));
    QCOMPARE(clientSide->persistentKeepalive, 25);
    QVERIFY(!clientSide->presharedKey);
    QVERIFY(!clientSide->keyCreated.isValid());

    QCOMPARE(topology.flows.size(), 2);
    QCOMPARE(topology.flows.at(1).kind, DataFlow::Kind::Logs);
    QVERIFY(topology.flows.at(1).viaTunnel);
    QCOMPARE(topology.flows.at(1).storageBucket, QStringLiteral("logs"));

    const DataSource* source = topology.dataSource(QStringLiteral("mon"));
    QCOMPARE(source->influxUrl, QUrl(QStringLiteral("http://10.10.0.11:8086")));
    QCOMPARE(source->influxAuth, DataSource::InfluxAuth::UserPassword);
    QCOMPARE(source->influxUser, QStringLiteral("reader"));
    QCOMPARE(source->lokiTenant, QStringLiteral("tenant1"));
    QCOMPARE(source->pollIntervalSeconds, 10);

    QCOMPARE(topology.hostIdOfPublicKey(ClientKey), QStringLiteral("web1"));
    QCOMPARE(topology.tunnelAddress(QStringLiteral("mon")), QStringLiteral("10.10.0.11"));
}

void TestTopologyJson::syntaxErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    QTest::newRow("missing comma, from a file") << testDataFile(QStringLiteral("topology/syntax-missing-comma.json"))
                                                << QStringLiteral("line 4, column 4: JSON syntax error: unterminated object");
    QTest::newRow("trailing comma") << QByteArray("{\n\"version\": 1,\n}")
                                    << QStringLiteral("line 3, column 2: JSON syntax error: object is missing after a comma");
    QTest::newRow("unterminated string") << QByteArray("{\"name\": \"abc")
                                         << QStringLiteral("line 1, column 14: JSON syntax error: unterminated string");
    QTest::newRow("bad literal") << QByteArray("{\n  \"hub\": tru}")
                                 << QStringLiteral("line 2, column 11: JSON syntax error: illegal value");
    QTest::newRow("garbage after the object") << QByteArray("{} x")
                                              << QStringLiteral("line 1, column 4: JSON syntax error: garbage at the end of the document");
    // Columns count characters, not bytes: "ü" is two bytes of UTF-8.
    QTest::newRow("column after non-ASCII") << QByteArray("{\"\xc3\xbc\": 1 \"a\": 2}")
                                            << QStringLiteral("line 1, column 10: JSON syntax error: unterminated object");
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("the file is empty; a topology file is a JSON object");
    QTest::newRow("blank file") << QByteArray(" \n\t\n") << QStringLiteral("the file is empty; a topology file is a JSON object");
}

void TestTopologyJson::syntaxErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const TopologyParseResult result = TopologyJson::read(json);
    QCOMPARE(messagesOf(result.errors), QStringList{expected});
    QVERIFY(result.errors.constFirst().path.isEmpty());
}

void TestTopologyJson::topLevelMustBeAnObject_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("list") << QByteArray("[{\"format\": \"tunnelscope-topology\"}]");
    QTest::newRow("empty list") << QByteArray("[]");
}

void TestTopologyJson::topLevelMustBeAnObject()
{
    QFETCH(QByteArray, json);
    const TopologyParseResult result = TopologyJson::read(json);
    QCOMPARE(messagesOf(result.errors), QStringList{QStringLiteral("the top level must be a JSON object")});
}

void TestTopologyJson::schemaErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("value"); ///< JSON text; empty removes the key
    QTest::addColumn<QString>("expected");

    const QString notOurs
        = QStringLiteral("format: must be \"tunnelscope-topology\"; this is not a Tunnelscope topology file");
    QTest::newRow("format missing") << "format" << QByteArray() << notOurs;
    QTest::newRow("format wrong") << "format" << QByteArray("\"drawio\"") << notOurs;
    QTest::newRow("format not a string") << "format" << QByteArray("1") << notOurs;
    QTest::newRow("version missing") << "version" << QByteArray() << QStringLiteral("version: is required");
    QTest::newRow("version a string") << "version" << QByteArray("\"1\"") << QStringLiteral("version: must be a whole number");
    QTest::newRow("version fractional") << "version" << QByteArray("1.5") << QStringLiteral("version: must be a whole number");
    QTest::newRow("version zero") << "version" << QByteArray("0") << QStringLiteral("version: 0 is not a valid version");
    QTest::newRow("version negative") << "version" << QByteArray("-3") << QStringLiteral("version: -3 is not a valid version");
    QTest::newRow("version too new")
        << "version" << QByteArray("2")
        << QStringLiteral("version: 2 is newer than this Tunnelscope understands (1); please update Tunnelscope");
    QTest::newRow("version far too new")
        << "version" << QByteArray("10000000000")
        << QStringLiteral("version: 10000000000 is newer than this Tunnelscope understands (1); please update Tunnelscope");

    QTest::newRow("unknown top-level key") << "colour" << QByteArray("\"red\"") << QStringLiteral("colour: unknown key");
    QTest::newRow("unknown host key") << "hosts[1].colour" << QByteArray("1") << QStringLiteral("hosts[1].colour: unknown key");
    const QString keychain = QStringLiteral("secrets are never stored in a topology file; they belong in the keychain");
    QTest::newRow("private key on an interface")
        << "interfaces[0].privateKey" << QByteArray("\"aGVsbG8=\"") << QStringLiteral("interfaces[0].privateKey: ") + keychain;
    QTest::newRow("private key at the top") << "privateKey" << QByteArray("\"x\"") << QStringLiteral("privateKey: ") + keychain;
    QTest::newRow("password on a data source")
        << "dataSources[0].influxPassword" << QByteArray("\"hunter2\"") << QStringLiteral("dataSources[0].influxPassword: ") + keychain;
    QTest::newRow("token on a data source")
        << "dataSources[0].apiToken" << QByteArray("\"t\"") << QStringLiteral("dataSources[0].apiToken: ") + keychain;
    QTest::newRow("secret on a peer")
        << "peers[0].presharedSecret" << QByteArray("\"s\"") << QStringLiteral("peers[0].presharedSecret: ") + keychain;

    QTest::newRow("name not a string") << "name" << QByteArray("5") << QStringLiteral("name: must be a string");
    QTest::newRow("host name not a string") << "hosts[0].name" << QByteArray("true") << QStringLiteral("hosts[0].name: must be a string");
    QTest::newRow("hosts not a list") << "hosts" << QByteArray("{}") << QStringLiteral("hosts: must be a list");
    QTest::newRow("host not an object") << "hosts[3]" << QByteArray("\"hv\"") << QStringLiteral("hosts[3]: must be an object");
    QTest::newRow("addresses not a list") << "hosts[0].addresses" << QByteArray("\"203.0.113.10\"")
                                          << QStringLiteral("hosts[0].addresses: must be a list of strings");
    QTest::newRow("address not a string") << "hosts[0].addresses[1]" << QByteArray("4")
                                          << QStringLiteral("hosts[0].addresses[1]: must be a string");
    QTest::newRow("bucket not a string") << "hosts[2].services[0].buckets[0]" << QByteArray("null")
                                         << QStringLiteral("hosts[2].services[0].buckets[0]: must be a string");
    QTest::newRow("hub not a boolean") << "interfaces[0].hub" << QByteArray("\"yes\"")
                                       << QStringLiteral("interfaces[0].hub: must be true or false");
    QTest::newRow("preshared key flag not a boolean") << "peers[0].presharedKey" << QByteArray("1")
                                                      << QStringLiteral("peers[0].presharedKey: must be true or false");
    QTest::newRow("via tunnel not a boolean") << "flows[0].viaTunnel" << QByteArray("\"true\"")
                                              << QStringLiteral("flows[0].viaTunnel: must be true or false");

    QTest::newRow("segment id missing") << "segments[0].id" << QByteArray() << QStringLiteral("segments[0].id: is required");
    QTest::newRow("segment name missing") << "segments[1].name" << QByteArray() << QStringLiteral("segments[1].name: is required");
    QTest::newRow("host name blank") << "hosts[2].name" << QByteArray("\"  \"") << QStringLiteral("hosts[2].name: must not be empty");
    QTest::newRow("host segment missing") << "hosts[0].segment" << QByteArray() << QStringLiteral("hosts[0].segment: is required");
    QTest::newRow("service name missing") << "hosts[0].services[2].name" << QByteArray()
                                          << QStringLiteral("hosts[0].services[2].name: is required");
    QTest::newRow("interface host missing") << "interfaces[1].host" << QByteArray() << QStringLiteral("interfaces[1].host: is required");
    QTest::newRow("peer interface missing") << "peers[1].interface" << QByteArray() << QStringLiteral("peers[1].interface: is required");
    QTest::newRow("flow source missing") << "flows[0].source" << QByteArray() << QStringLiteral("flows[0].source: is required");
    QTest::newRow("flow target null") << "flows[1].target" << QByteArray("null") << QStringLiteral("flows[1].target: is required");
    QTest::newRow("data source name missing") << "dataSources[0].name" << QByteArray()
                                              << QStringLiteral("dataSources[0].name: is required");

    QTest::newRow("segment kind") << "segments[2].kind" << QByteArray("\"lan\"")
                                  << QStringLiteral("segments[2].kind: \"lan\" is not one of internet, public-cloud, "
                                                    "home-network, hypervisor, vpn, other");
    QTest::newRow("host role") << "hosts[0].role" << QByteArray("\"web\"")
                               << QStringLiteral("hosts[0].role: \"web\" is not one of public-server, monitoring-server, "
                                                 "storage, hypervisor, collector, workstation, other");
    QTest::newRow("protocol") << "hosts[0].services[0].protocol" << QByteArray("\"http\"")
                              << QStringLiteral("hosts[0].services[0].protocol: \"http\" is not one of tcp, udp, tcp+udp, none");
    QTest::newRow("exposure") << "hosts[1].services[0].exposure" << QByteArray("\"vpn\"")
                              << QStringLiteral("hosts[1].services[0].exposure: \"vpn\" is not one of public, private, "
                                                "vpn-only, agent");
    QTest::newRow("flow kind") << "flows[0].kind" << QByteArray("\"traces\"")
                               << QStringLiteral("flows[0].kind: \"traces\" is not one of metrics, logs");
    QTest::newRow("influx auth") << "dataSources[0].influxAuth" << QByteArray("\"basic\"")
                                 << QStringLiteral("dataSources[0].influxAuth: \"basic\" is not one of none, user-password, token");

    QTest::newRow("port too big") << "hosts[2].services[0].ports[1]" << QByteArray("70000")
                                  << QStringLiteral("hosts[2].services[0].ports[1]: 70000 is not a port");
    QTest::newRow("port zero") << "hosts[0].services[0].ports[0]" << QByteArray("0")
                               << QStringLiteral("hosts[0].services[0].ports[0]: 0 is not a port");
    QTest::newRow("port negative") << "hosts[0].services[0].ports[1]" << QByteArray("-443")
                                   << QStringLiteral("hosts[0].services[0].ports[1]: -443 is not a port");
    QTest::newRow("port fractional") << "hosts[0].services[0].ports[0]" << QByteArray("80.5")
                                     << QStringLiteral("hosts[0].services[0].ports[0]: must be a whole number");
    QTest::newRow("port as text") << "hosts[0].services[0].ports[0]" << QByteArray("\"80\"")
                                  << QStringLiteral("hosts[0].services[0].ports[0]: must be a whole number");
    QTest::newRow("ports not a list") << "hosts[0].services[0].ports" << QByteArray("80")
                                      << QStringLiteral("hosts[0].services[0].ports: must be a list of port numbers");
    QTest::newRow("listen port") << "interfaces[0].listenPort" << QByteArray("65536")
                                 << QStringLiteral("interfaces[0].listenPort: 65536 is not a port");
    QTest::newRow("keepalive negative") << "peers[1].persistentKeepalive" << QByteArray("-1")
                                        << QStringLiteral("peers[1].persistentKeepalive: -1 is not a keepalive interval "
                                                          "(0 to 65535 seconds)");
    QTest::newRow("key created not a date") << "peers[0].keyCreated" << QByteArray("\"last spring\"")
                                            << QStringLiteral("peers[0].keyCreated: \"last spring\" is not an ISO 8601 "
                                                              "date and time");
    const QString badPosition = QStringLiteral("hosts[3].position: must be an object with numbers x and y");
    QTest::newRow("position without y") << "hosts[3].position" << QByteArray("{\"x\": 1}") << badPosition;
    QTest::newRow("position with text") << "hosts[3].position" << QByteArray("{\"x\": 1, \"y\": \"2\"}") << badPosition;
    QTest::newRow("position extra key") << "hosts[3].position" << QByteArray("{\"x\": 1, \"y\": 2, \"z\": 3}") << badPosition;
    QTest::newRow("position a list") << "hosts[3].position" << QByteArray("[1, 2]") << badPosition;

    QTest::newRow("poll interval zero") << "dataSources[0].pollIntervalSeconds" << QByteArray("0")
                                        << QStringLiteral("dataSources[0].pollIntervalSeconds: 0 is not a poll interval "
                                                          "(1 to 3600 seconds)");
    QTest::newRow("poll interval an hour and a second")
        << "dataSources[0].pollIntervalSeconds" << QByteArray("3601")
        << QStringLiteral("dataSources[0].pollIntervalSeconds: 3601 is not a poll interval (1 to 3600 seconds)");
    QTest::newRow("URL without scheme") << "dataSources[0].influxUrl" << QByteArray("\"10.10.0.11:8086\"")
                                        << QStringLiteral("dataSources[0].influxUrl: \"10.10.0.11:8086\" is not an "
                                                          "http:// or https:// URL");
    QTest::newRow("URL with spaces") << "dataSources[0].lokiUrl" << QByteArray("\"http://loki example\"")
                                     << QStringLiteral("dataSources[0].lokiUrl: \"http://loki example\" is not an "
                                                       "http:// or https:// URL");
    QTest::newRow("URL of another scheme") << "dataSources[0].lokiUrl" << QByteArray("\"ftp://10.10.0.11\"")
                                           << QStringLiteral("dataSources[0].lokiUrl: \"ftp://10.10.0.11\" is not an "
                                                             "http:// or https:// URL");
    QTest::newRow("URL without host") << "dataSources[0].influxUrl" << QByteArray("\"http://\"")
                                      << QStringLiteral("dataSources[0].influxUrl: \"http://\" is not an http:// or "
                                                        "https:// URL");
}

void TestTopologyJson::schemaErrors()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, value);
    QFETCH(QString, expected);
    const TopologyParseResult result = TopologyJson::read(goodFileWith(path, value));
    QCOMPARE(messagesOf(result.errors), QStringList{expected});
}

void TestTopologyJson::validationErrors_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QStringList>("expected");

    auto one = [](const char* message) { return QStringList{QString::fromUtf8(message)}; };
    QTest::newRow("duplicate segment id") << "segments[5]" << QByteArray("{\"id\": \"home\", \"name\": \"Again\"}")
                                          << one("segments[5].id: \"home\" is used twice");
    QTest::newRow("duplicate host id")
        << "hosts[4]" << QByteArray("{\"id\": \"nas\", \"name\": \"nas2\", \"segment\": \"home\"}")
        << one("hosts[4].id: \"nas\" is used twice");
    QTest::newRow("duplicate flow id") << "flows[1].id" << QByteArray("\"web1-metrics\"")
                                       << one("flows[1].id: \"web1-metrics\" is used twice");
    QTest::newRow("duplicate service id") << "hosts[0].services[3]" << QByteArray("{\"id\": \"web\", \"name\": \"again\"}")
                                          << one("hosts[0].services[3].id: \"web\" is used twice on this host");
    QTest::newRow("id with a space") << "segments[5]" << QByteArray("{\"id\": \"dmz zone\", \"name\": \"DMZ\"}")
                                     << one("segments[5].id: \"dmz zone\" may hold only letters, digits, '.', '_', ':' and '-'");

    QTest::newRow("host in a missing segment") << "hosts[0].segment" << QByteArray("\"dmz\"")
                                               << one("hosts[0].segment: no segment has the id \"dmz\"");
    QTest::newRow("segment in a missing parent") << "segments[3].parent" << QByteArray("\"office\"")
                                                 << one("segments[3].parent: no segment has the id \"office\"");
    QTest::newRow("VM on a missing host") << "hosts[1].parentHost" << QByteArray("\"esx\"")
                                          << one("hosts[1].parentHost: no host has the id \"esx\"");
    QTest::newRow("host inside itself") << "hosts[3].parentHost" << QByteArray("\"hv\"")
                                        << one("hosts[3].parentHost: a host cannot run inside itself");
    QTest::newRow("hosts inside each other") << "hosts[3].parentHost" << QByteArray("\"mon\"")
                                             << QStringList{QStringLiteral("hosts[1].parentHost: hosts run inside each "
                                                                           "other in a cycle: mon -> hv -> mon"),
                                                    QStringLiteral("hosts[3].parentHost: hosts run inside each other "
                                                                   "in a cycle: hv -> mon -> hv")};
    QTest::newRow("interface on a missing host") << "interfaces[1].host" << QByteArray("\"web2\"")
                                                 << one("interfaces[1].host: no host has the id \"web2\"");
    QTest::newRow("peer of a missing interface") << "peers[0].interface" << QByteArray("\"mon-wg1\"")
                                                 << one("peers[0].interface: no interface has the id \"mon-wg1\"");
    QTest::newRow("peer of a missing host") << "peers[0].host" << QByteArray("\"web2\"")
                                            << one("peers[0].host: no host has the id \"web2\"");
    QTest::newRow("flow from a missing host") << "flows[0].source" << QByteArray("\"web2\"")
                                              << one("flows[0].source: no host has the id \"web2\"");
    QTest::newRow("flow to a missing host") << "flows[1].target" << QByteArray("\"mon2\"")
                                            << one("flows[1].target: no host has the id \"mon2\"");
    QTest::newRow("flow into a missing storage") << "flows[0].storage" << QByteArray("\"nas2\"")
                                                 << one("flows[0].storage: no host has the id \"nas2\"");
    QTest::newRow("flow from a missing agent") << "flows[0].sourceService" << QByteArray("\"collectd\"")
                                               << one("flows[0].sourceService: host \"web1\" has no service \"collectd\"");
    QTest::newRow("flow to a missing service") << "flows[1].targetService" << QByteArray("\"elastic\"")
                                               << one("flows[1].targetService: host \"mon\" has no service \"elastic\"");
    QTest::newRow("flow into a missing bucket") << "flows[1].bucket" << QByteArray("\"loki11\"")
                                                << one("flows[1].bucket: host \"nas\" has no bucket \"loki11\"");
    QTest::newRow("bucket without storage") << "flows[1].storage" << QByteArray()
                                            << one("flows[1].bucket: a bucket needs its storage host (\"storage\")");

    QTest::newRow("segment inside itself") << "segments[3].parent" << QByteArray("\"pve\"")
                                           << one("segments[3].parent: segments nest in a cycle: pve -> pve");
    QTest::newRow("segments inside each other")
        << "segments[2].parent" << QByteArray("\"pve\"")
        << QStringList{QStringLiteral("segments[2].parent: segments nest in a cycle: home -> pve -> home"),
               QStringLiteral("segments[3].parent: segments nest in a cycle: pve -> home -> pve")};

    QTest::newRow("address out of range") << "interfaces[0].addresses[0]" << QByteArray("\"10.10.0.300/24\"")
                                          << one("interfaces[0].addresses[0]: \"10.10.0.300/24\" is not an IP address or CIDR");
    QTest::newRow("prefix too long") << "interfaces[1].addresses[0]" << QByteArray("\"10.10.0.1/33\"")
                                     << one("interfaces[1].addresses[0]: \"10.10.0.1/33\" is not an IP address or CIDR");
    QTest::newRow("prefix missing") << "peers[0].allowedIps[0]" << QByteArray("\"10.10.0.1/\"")
                                    << one("peers[0].allowedIps[0]: \"10.10.0.1/\" is not an IP address or CIDR");
    QTest::newRow("IPv6 prefix too long") << "peers[1].allowedIps[1]" << QByteArray("\"fd00:10::/129\"")
                                          << one("peers[1].allowedIps[1]: \"fd00:10::/129\" is not an IP address or CIDR");
    QTest::newRow("address with a space") << "peers[1].allowedIps[0]" << QByteArray("\" 10.10.0.0/24\"")
                                          << one("peers[1].allowedIps[0]: \" 10.10.0.0/24\" is not an IP address or CIDR");
    QTest::newRow("address is a name") << "interfaces[0].addresses[1]" << QByteArray("\"mon.example.org\"")
                                       << one("interfaces[0].addresses[1]: \"mon.example.org\" is not an IP address or CIDR");

    QTest::newRow("key too short") << "interfaces[0].publicKey" << QByteArray("\"pOCHi5ErMbBrjMLKg5xOQGfzn0NHS9CUUE4JjICWsX=\"")
                                   << one("interfaces[0].publicKey: \"pOCHi5ErMbBrjMLKg5xOQGfzn0NHS9CUUE4JjICWsX=\" is "
                                          "not a WireGuard public key (44 characters of base64)");
    QTest::newRow("key without padding") << "peers[0].publicKey" << QByteArray("\"+CbMOOPHuZ5I5i4CkyjFMXz7fGFKIg9chAZ0R7kAASwA\"")
                                         << one("peers[0].publicKey: \"+CbMOOPHuZ5I5i4CkyjFMXz7fGFKIg9chAZ0R7kAASwA\" is "
                                                "not a WireGuard public key (44 characters of base64)");
    QTest::newRow("key with a bad character") << "peers[0].publicKey" << QByteArray("\"+CbMOOPHuZ5I5i4CkyjFMXz7fGFKIg9chAZ0R7kAA-w=\"")
                                              << one("peers[0].publicKey: \"+CbMOOPHuZ5I5i4CkyjFMXz7fGFKIg9chAZ0R7kAA-w=\" "
                                                     "is not a WireGuard public key (44 characters of base64)");
    QTest::newRow("key not canonical") << "peers[1].publicKey" << QByteArray("\"pOCHi5ErMbBrjMLKg5xOQGfzn0NHS9CUUE4JjICWsXB=\"")
                                       << one("peers[1].publicKey: \"pOCHi5ErMbBrjMLKg5xOQGfzn0NHS9CUUE4JjICWsXB=\" is "
                                              "not a WireGuard public key: base64 of 32 bytes cannot end in \"B=\"");
    QTest::newRow("key of two interfaces")
        << "interfaces[1].publicKey" << QByteArray("\"pOCHi5ErMbBrjMLKg5xOQGfzn0NHS9CUUE4JjICWsXA=\"")
        << one("interfaces[1].publicKey: is already the key of interfaces[0]: every interface has its own key");
    QTest::newRow("interface name too long") << "interfaces[0].name" << QByteArray("\"wireguard-tunnel0\"")
                                             << one("interfaces[0].name: \"wireguard-tunnel0\" is not a valid interface name");
    QTest::newRow("interface name with a space") << "interfaces[0].name" << QByteArray("\"wg 0\"")
                                                 << one("interfaces[0].name: \"wg 0\" is not a valid interface name");

    QTest::newRow("endpoint without port") << "peers[1].endpoint" << QByteArray("\"mon.example.org\"")
                                           << one("peers[1].endpoint: \"mon.example.org\" is not host:port");
    QTest::newRow("endpoint without host") << "peers[1].endpoint" << QByteArray("\":51820\"")
                                           << one("peers[1].endpoint: \":51820\" is not host:port");
    QTest::newRow("endpoint port zero") << "peers[1].endpoint" << QByteArray("\"mon.example.org:0\"")
                                        << one("peers[1].endpoint: \"mon.example.org:0\" is not host:port");
    QTest::newRow("endpoint port too big") << "peers[1].endpoint" << QByteArray("\"192.0.2.1:65536\"")
                                           << one("peers[1].endpoint: \"192.0.2.1:65536\" is not host:port");
    QTest::newRow("password in the InfluxDB URL")
        << "dataSources[0].influxUrl" << QByteArray("\"http://reader:hunter2@10.10.0.11:8086\"")
        << one("dataSources[0].influxUrl: the URL holds a password: remove \"user:password@\" and keep the password "
               "in the keychain (Data Sources dialog) or in TUNNELSCOPE_INFLUX_PASSWORD for tunnelscope-cli");
    QTest::newRow("password in the Loki URL")
        << "dataSources[0].lokiUrl" << QByteArray("\"http://grafana:hunter2@10.10.0.11:3100\"")
        << one("dataSources[0].lokiUrl: the URL holds a password: remove \"user:password@\" and keep the password "
               "in the keychain (Data Sources dialog) or in TUNNELSCOPE_LOKI_PASSWORD for tunnelscope-cli");
    QTest::newRow("password in a URL that is not http")
        << "dataSources[0].influxUrl" << QByteArray("\"ftp://reader:hunter2@10.10.0.11:8086/x\"")
        << one("dataSources[0].influxUrl: \"ftp://10.10.0.11:8086/x\" is not an http:// or https:// URL");
    QTest::newRow("password in a URL that does not parse")
        << "dataSources[0].lokiUrl" << QByteArray("\"http://grafana:hunter2@10.10.0.11:31 00\"")
        << one("dataSources[0].lokiUrl: \"http://10.10.0.11:31 00\" is not an http:// or https:// URL");
    QTest::newRow("endpoint IPv6 without brackets") << "peers[1].endpoint" << QByteArray("\"2001:db8::1:51820\"")
                                                    << one("peers[1].endpoint: \"2001:db8::1:51820\" is not host:port");
}

void TestTopologyJson::validationErrors()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, value);
    QFETCH(QStringList, expected);
    const TopologyParseResult result = TopologyJson::read(goodFileWith(path, value));
    QCOMPARE(messagesOf(result.errors), expected);
}

void TestTopologyJson::everyProblemIsReported()
{
    const TopologyParseResult result = TopologyJson::read(testDataFile(QStringLiteral("topology/bad-several.json")));
    QCOMPARE(messagesOf(result.errors),
        (QStringList{QStringLiteral("segments[0].kind: \"lan\" is not one of internet, public-cloud, home-network, "
                                    "hypervisor, vpn, other"),
            QStringLiteral("hosts[2].services[0].ports[1]: 70000 is not a port")}));
    QCOMPARE(result.errors.at(1).path, QStringLiteral("hosts[2].services[0].ports[1]"));
    QCOMPARE(result.errors.at(1).message, QStringLiteral("70000 is not a port"));
}

void TestTopologyJson::badFileGivesNoTopology()
{
    // A half-read topology must not reach the app: it keeps what it had instead.
    const QByteArray json = JsonPatch::set(goodFile(), QStringLiteral("hosts[0].segment"), QStringLiteral("dmz"));
    const TopologyParseResult result = TopologyJson::read(json);
    QVERIFY(!result.ok());
    QCOMPARE(result.topology, Topology());
    const TopologyParseResult schemaBroken
        = TopologyJson::read(JsonPatch::set(goodFile(), QStringLiteral("version"), 7));
    QVERIFY(!schemaBroken.ok());
    QCOMPARE(schemaBroken.topology, Topology());
}

void TestTopologyJson::validatorPredicates_data()
{
    QTest::addColumn<QString>("predicate");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("key") << "key" << HubKey << true;
    QTest::newRow("key ending in w") << "key" << QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAw=") << true;
    QTest::newRow("key ending in 8") << "key" << QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA8=") << true;
    QTest::newRow("key ending in x") << "key" << QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAx=") << false;
    QTest::newRow("key empty") << "key" << QString() << false;
    QTest::newRow("key 45 characters") << "key" << QStringLiteral("A") + HubKey << false;
    QTest::newRow("IPv4") << "cidr" << QStringLiteral("10.10.0.1") << true;
    QTest::newRow("IPv4 /32") << "cidr" << QStringLiteral("10.10.0.1/32") << true;
    QTest::newRow("IPv4 /0") << "cidr" << QStringLiteral("0.0.0.0/0") << true;
    QTest::newRow("IPv6") << "cidr" << QStringLiteral("fd00::1") << true;
    QTest::newRow("IPv6 /64") << "cidr" << QStringLiteral("fd00::/64") << true;
    QTest::newRow("masked") << "cidr" << QStringLiteral("192.168.x.x") << false;
    QTest::newRow("empty cidr") << "cidr" << QString() << false;
    QTest::newRow("name and port") << "endpoint" << QStringLiteral("vpn.example.org:51820") << true;
    QTest::newRow("IPv4 and port") << "endpoint" << QStringLiteral("192.0.2.1:65535") << true;
    QTest::newRow("IPv6 and port") << "endpoint" << QStringLiteral("[2001:db8::1]:51820") << true;
    QTest::newRow("six-digit port") << "endpoint" << QStringLiteral("192.0.2.1:051820") << false;
    QTest::newRow("http URL") << "url" << QStringLiteral("http://10.10.0.11:8086") << true;
    QTest::newRow("https URL with path") << "url" << QStringLiteral("https://loki.example.org/loki") << true;
    QTest::newRow("relative URL") << "url" << QStringLiteral("/api/v2") << false;
}

void TestTopologyJson::validatorPredicates()
{
    QFETCH(QString, predicate);
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    bool result = false;
    if (predicate == QLatin1String("key"))
        result = TopologyValidator::isWireGuardKey(text);
    else if (predicate == QLatin1String("cidr"))
        result = TopologyValidator::isCidr(text);
    else if (predicate == QLatin1String("endpoint"))
        result = TopologyValidator::isEndpoint(text);
    else
        result = TopologyValidator::isHttpUrl(QUrl(text));
    QCOMPARE(result, accepted);
}

void TestTopologyJson::validatorChecksProgrammaticTopologies()
{
    // Code that builds a topology (onboarding, the synthetic generator) is held to the same rules as a file.
    Topology topology = TopologyJson::read(goodFile()).topology;
    QVERIFY(TopologyValidator::validate(topology).isEmpty());
    topology.dataSources[0].pollIntervalSeconds = 0;
    topology.dataSources[0].influxUrl = QUrl(QStringLiteral("ftp://10.10.0.11"));
    QCOMPARE(messagesOf(TopologyValidator::validate(topology)),
        (QStringList{QStringLiteral("dataSources[0].influxUrl: \"ftp://10.10.0.11\" is not an http:// or https:// URL"),
            QStringLiteral("dataSources[0].pollIntervalSeconds: 0 is not a poll interval (1 to 3600 seconds)")}));

    // A region below a cycle is not on it: only the cycle's members report it, once each.
    Topology cyclic = TopologyJson::read(goodFile()).topology;
    cyclic.segments[2].parentId = QStringLiteral("pve");  // home inside pve, pve inside home
    cyclic.segments[1].parentId = QStringLiteral("home"); // cloud below the cycle
    QCOMPARE(messagesOf(TopologyValidator::validate(cyclic)),
        (QStringList{QStringLiteral("segments[2].parent: segments nest in a cycle: home -> pve -> home"),
            QStringLiteral("segments[3].parent: segments nest in a cycle: pve -> home -> pve")}));
}

void TestTopologyJson::errorDescriptionIsShortened()
{
    QList<TopologyError> errors;
    for (int i = 0; i < 7; ++i)
        errors.append({QStringLiteral("hosts[%1].id").arg(i), QStringLiteral("is required"), 0, 0});
    const QStringList lines = TopologyError::describe(errors, 5).split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 6);
    QCOMPARE(lines.first(), QStringLiteral("hosts[0].id: is required"));
    QCOMPARE(lines.last(), QStringLiteral("… and 2 more"));
    QCOMPARE(TopologyError::describe({}), QString());
}

void TestTopologyJson::roundTrip()
{
    Topology topology = TopologyJson::read(goodFile()).topology;
    topology.hosts[0].position = QPointF(-12.5, 300);
    topology.hosts[2].position = QPointF(0, 0);
    topology.peers[1].keyCreated = QDateTime(QDate(2025, 12, 31), QTime(23, 59, 58, 250), Qt::UTC);
    topology.peers[0].keyCreated = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::OffsetFromUTC, 2 * 3600);
    topology.dataSources[0].influxAuth = DataSource::InfluxAuth::Token;
    topology.dataSources[0].caFile = QStringLiteral("/etc/ssl/home-ca.pem");
    topology.dataSources[0].lokiUser = QStringLiteral("alloy");

    const QByteArray written = TopologyJson::write(topology);
    const TopologyParseResult reread = TopologyJson::read(written);
    QVERIFY2(reread.ok(), qPrintable(TopologyError::describe(reread.errors)));
    QCOMPARE(reread.topology, topology);
    QCOMPARE(reread.topology.hosts[0].position, std::optional<QPointF>(QPointF(-12.5, 300)));
    QCOMPARE(reread.topology.peers[1].keyCreated.time().msec(), 250);
    // Writing again gives the same bytes: saving an unchanged topology changes nothing on disk.
    QCOMPARE(TopologyJson::write(reread.topology), written);
}

void TestTopologyJson::roundTripOfTheReferenceDeployment()
{
    const Topology reference = TopologyFile::referenceDeployment();
    const TopologyParseResult reread = TopologyJson::read(TopologyJson::write(reference));
    QVERIFY2(reread.ok(), qPrintable(TopologyError::describe(reread.errors)));
    QCOMPARE(reread.topology, reference);
}

void TestTopologyJson::writerOmitsDefaults()
{
    const QJsonObject root = QJsonDocument::fromJson(TopologyJson::write(TopologyJson::read(goodFile()).topology)).object();
    QCOMPARE(root.value(QLatin1String("format")).toString(), QStringLiteral("tunnelscope-topology"));
    QCOMPARE(root.value(QLatin1String("version")).toInt(), Topology::CurrentVersion);
    const QJsonObject web = root.value(QLatin1String("hosts")).toArray().at(0).toObject();
    QVERIFY(!web.contains(QLatin1String("position")));
    QVERIFY(!web.contains(QLatin1String("parentHost")));
    const QJsonObject clientInterface = root.value(QLatin1String("interfaces")).toArray().at(1).toObject();
    QVERIFY(!clientInterface.contains(QLatin1String("listenPort")));
    QVERIFY(!clientInterface.contains(QLatin1String("hub")));
    const QJsonObject hubPeer = root.value(QLatin1String("peers")).toArray().at(0).toObject();
    QVERIFY(!hubPeer.contains(QLatin1String("persistentKeepalive")));
    QCOMPARE(hubPeer.value(QLatin1String("keyCreated")).toString(), QStringLiteral("2026-03-01T12:00:00Z"));
}

void TestTopologyJson::deepNestingIsAnErrorNotACrash()
{
    // 100,000 open brackets: Qt's JSON parser stops at its nesting limit instead of recursing off the stack, and
    // the error says where.
    const TopologyParseResult result = TopologyJson::read(R"({"hosts":)" + QByteArray(100000, '['));
    QCOMPARE(result.errors.size(), 1);
    QVERIFY(result.errors.constFirst().line > 0);
    QCOMPARE(result.topology, Topology());
}

QTEST_GUILESS_MAIN(TestTopologyJson)
#include "TestTopologyJson.moc"
