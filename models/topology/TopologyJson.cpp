// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/TopologyJson.h"

#include "topology/TopologyValidator.h"
#include "topology/UrlUserInfo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

#include <cmath>
#include <limits>

namespace {

// ---- writing ----------------------------------------------------------------------------------

void putString(QJsonObject& object, const char* key, const QString& value)
{
    if (!value.isEmpty())
        object.insert(QLatin1String(key), value);
}

void putStrings(QJsonObject& object, const char* key, const QStringList& values)
{
    if (!values.isEmpty())
        object.insert(QLatin1String(key), QJsonArray::fromStringList(values));
}

QJsonObject serviceToJson(const Service& service)
{
    QJsonObject object;
    object.insert(QLatin1String("id"), service.id);
    object.insert(QLatin1String("name"), service.name);
    putString(object, "kind", service.kind);
    if (!service.ports.isEmpty()) {
        QJsonArray ports;
        for (int port : service.ports)
            ports.append(port);
        object.insert(QLatin1String("ports"), ports);
    }
    object.insert(QLatin1String("protocol"), Service::protocolName(service.protocol));
    object.insert(QLatin1String("exposure"), Service::exposureName(service.exposure));
    putStrings(object, "buckets", service.buckets);
    return object;
}

QJsonObject hostToJson(const Host& host)
{
    QJsonObject object;
    object.insert(QLatin1String("id"), host.id);
    object.insert(QLatin1String("name"), host.name);
    putString(object, "fqdn", host.fqdn);
    object.insert(QLatin1String("role"), Host::roleName(host.role));
    putString(object, "description", host.description);
    object.insert(QLatin1String("segment"), host.segmentId);
    putString(object, "parentHost", host.parentHostId);
    putStrings(object, "addresses", host.addresses);
    if (!host.services.isEmpty()) {
        QJsonArray services;
        for (const auto& service : host.services)
            services.append(serviceToJson(service));
        object.insert(QLatin1String("services"), services);
    }
    if (host.position) {
        object.insert(QLatin1String("position"),
            QJsonObject{{QLatin1String("x"), std::round(host.position->x() * 10) / 10},
                {QLatin1String("y"), std::round(host.position->y() * 10) / 10}});
    }
    return object;
}

QJsonObject segmentToJson(const Segment& segment)
{
    QJsonObject object;
    object.insert(QLatin1String("id"), segment.id);
    object.insert(QLatin1String("name"), segment.name);
    object.insert(QLatin1String("kind"), Segment::kindName(segment.kind));
    putString(object, "cidr", segment.cidr);
    putString(object, "parent", segment.parentId);
    return object;
}

QJsonObject interfaceToJson(const WireGuardInterface& wgInterface)
{
    QJsonObject object;
    object.insert(QLatin1String("id"), wgInterface.id);
    object.insert(QLatin1String("host"), wgInterface.hostId);
    object.insert(QLatin1String("name"), wgInterface.name);
    putStrings(object, "addresses", wgInterface.addresses);
    if (wgInterface.listenPort > 0)
        object.insert(QLatin1String("listenPort"), wgInterface.listenPort);
    putString(object, "publicKey", wgInterface.publicKey);
    if (wgInterface.isHub)
        object.insert(QLatin1String("hub"), true);
    if (wgInterface.placeholderKey)
        object.insert(QLatin1String("placeholderKey"), true);
    return object;
}

QJsonObject peerToJson(const WireGuardPeer& peer)
{
    QJsonObject object;
    object.insert(QLatin1String("id"), peer.id);
    putString(object, "name", peer.name);
    object.insert(QLatin1String("interface"), peer.interfaceId);
    putString(object, "host", peer.hostId);
    putString(object, "publicKey", peer.publicKey);
    putStrings(object, "allowedIps", peer.allowedIps);
    putString(object, "endpoint", peer.endpoint);
    if (peer.persistentKeepalive > 0)
        object.insert(QLatin1String("persistentKeepalive"), peer.persistentKeepalive);
    if (peer.presharedKey)
        object.insert(QLatin1String("presharedKey"), true);
    if (peer.keyCreated.isValid()) {
        // Whole seconds stay in the short form; a time with milliseconds keeps them so it reads back equal.
        const QDateTime created = peer.keyCreated.toUTC();
        const Qt::DateFormat format = created.time().msec() == 0 ? Qt::ISODate : Qt::ISODateWithMs;
        object.insert(QLatin1String("keyCreated"), created.toString(format));
    }
    // Written only when false: files without it (all files before it existed) mean true.
    if (!peer.clientConfigAvailable)
        object.insert(QLatin1String("clientConfigAvailable"), false);
    if (peer.placeholderKey)
        object.insert(QLatin1String("placeholderKey"), true);
    return object;
}

QJsonObject flowToJson(const DataFlow& flow)
{
    QJsonObject object;
    object.insert(QLatin1String("id"), flow.id);
    object.insert(QLatin1String("kind"), DataFlow::kindName(flow.kind));
    object.insert(QLatin1String("source"), flow.sourceHostId);
    putString(object, "sourceService", flow.sourceServiceId);
    object.insert(QLatin1String("target"), flow.targetHostId);
    putString(object, "targetService", flow.targetServiceId);
    if (flow.viaTunnel)
        object.insert(QLatin1String("viaTunnel"), true);
    putString(object, "storage", flow.storageHostId);
    putString(object, "bucket", flow.storageBucket);
    return object;
}

QJsonObject dataSourceToJson(const DataSource& source)
{
    QJsonObject object;
    object.insert(QLatin1String("id"), source.id);
    object.insert(QLatin1String("name"), source.name);
    putString(object, "influxUrl", source.influxUrl.toString());
    putString(object, "influxDatabase", source.influxDatabase);
    object.insert(QLatin1String("influxAuth"), DataSource::influxAuthName(source.influxAuth));
    putString(object, "influxUser", source.influxUser);
    putString(object, "lokiUrl", source.lokiUrl.toString());
    putString(object, "lokiTenant", source.lokiTenant);
    putString(object, "lokiUser", source.lokiUser);
    putString(object, "caFile", source.caFile);
    object.insert(QLatin1String("pollIntervalSeconds"), source.pollIntervalSeconds);
    return object;
}

template<typename List, typename Convert>
QJsonArray arrayOf(const List& list, Convert convert)
{
    QJsonArray array;
    for (const auto& item : list)
        array.append(convert(item));
    return array;
}

// ---- reading ----------------------------------------------------------------------------------

/** Reads one JSON value tree into a Topology, recording every schema error with its path. */
class Reader
{
public:
    explicit Reader(QList<TopologyError>& errors)
        : m_errors(errors)
    {
    }

    Topology read(const QJsonObject& root);

private:
    void readVersion(const QJsonValue& version);
    void fail(const QString& path, const QString& message) { m_errors.append({path, message, 0, 0}); }
    static QString at(const QString& path, const char* key)
    {
        return path.isEmpty() ? QString::fromLatin1(key) : path + QLatin1Char('.') + QLatin1String(key);
    }

    bool checkKeys(const QJsonObject& object, const QString& path, std::initializer_list<const char*> allowed);
    QString string(const QJsonObject& object, const QString& path, const char* key, bool required = false);
    QStringList strings(const QJsonObject& object, const QString& path, const char* key);
    int integer(const QJsonObject& object, const QString& path, const char* key, int min, int max, int fallback,
        const QString& noun);
    bool boolean(const QJsonObject& object, const QString& path, const char* key);
    bool placeholderFlag(const QJsonObject& object, const QString& path, const QString& publicKey);
    QUrl url(const QJsonObject& object, const QString& path, const char* key);
    template<typename Enum>
    Enum enumeration(const QJsonObject& object, const QString& path, const char* key, Enum fallback,
        std::optional<Enum> (*fromName)(const QString&), const QStringList& accepted);
    template<typename Item, typename ReadItem>
    QList<Item> list(const QJsonObject& object, const QString& path, const char* key, ReadItem readItem);
    std::optional<QJsonObject> objectAt(const QJsonValue& value, const QString& path);

    Segment readSegment(const QJsonObject& object, const QString& path);
    Host readHost(const QJsonObject& object, const QString& path);
    Service readService(const QJsonObject& object, const QString& path);
    WireGuardInterface readInterface(const QJsonObject& object, const QString& path);
    WireGuardPeer readPeer(const QJsonObject& object, const QString& path);
    DataFlow readFlow(const QJsonObject& object, const QString& path);
    DataSource readDataSource(const QJsonObject& object, const QString& path);

    QList<TopologyError>& m_errors;
};

bool Reader::checkKeys(const QJsonObject& object, const QString& path, std::initializer_list<const char*> allowed)
{
    bool clean = true;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key();
        bool known = false;
        for (const char* candidate : allowed)
            known = known || key == QLatin1String(candidate);
        if (known)
            continue;
        clean = false;
        const QString lower = key.toLower();
        if (lower.contains(QLatin1String("private")) || lower.contains(QLatin1String("password"))
            || lower.contains(QLatin1String("token")) || lower.contains(QLatin1String("secret"))) {
            fail(path.isEmpty() ? key : path + QLatin1Char('.') + key,
                QStringLiteral("secrets are never stored in a topology file; they belong in the keychain"));
        } else {
            fail(path.isEmpty() ? key : path + QLatin1Char('.') + key, QStringLiteral("unknown key"));
        }
    }
    return clean;
}

QString Reader::string(const QJsonObject& object, const QString& path, const char* key, bool required)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull()) {
        if (required)
            fail(at(path, key), QStringLiteral("is required"));
        return {};
    }
    if (!value.isString()) {
        fail(at(path, key), QStringLiteral("must be a string"));
        return {};
    }
    if (required && value.toString().trimmed().isEmpty())
        fail(at(path, key), QStringLiteral("must not be empty"));
    return value.toString();
}

QStringList Reader::strings(const QJsonObject& object, const QString& path, const char* key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isArray()) {
        fail(at(path, key), QStringLiteral("must be a list of strings"));
        return {};
    }
    QStringList result;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString())
            fail(QStringLiteral("%1[%2]").arg(at(path, key)).arg(i), QStringLiteral("must be a string"));
        else
            result.append(array.at(i).toString());
    }
    return result;
}

int Reader::integer(const QJsonObject& object, const QString& path, const char* key, int min, int max, int fallback,
    const QString& noun)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return fallback;
    const double number = value.toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!value.isDouble() || number != std::floor(number)) {
        fail(at(path, key), QStringLiteral("must be a whole number"));
        return fallback;
    }
    if (number < min || number > max) {
        fail(at(path, key), QStringLiteral("%1 is not %2").arg(QString::number(number, 'g', 12), noun));
        return fallback;
    }
    return static_cast<int>(number);
}

bool Reader::boolean(const QJsonObject& object, const QString& path, const char* key)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return false;
    if (!value.isBool())
        fail(at(path, key), QStringLiteral("must be true or false"));
    return value.toBool();
}

bool Reader::placeholderFlag(const QJsonObject& object, const QString& path, const QString& publicKey)
{
    const bool placeholder = boolean(object, path, "placeholderKey");
    if (placeholder && publicKey.isEmpty())
        fail(at(path, "placeholderKey"), QStringLiteral("marks a publicKey as a placeholder, but there is none; "
                                                        "remove placeholderKey or add the publicKey"));
    return placeholder;
}

QUrl Reader::url(const QJsonObject& object, const QString& path, const char* key)
{
    const QString text = string(object, path, key);
    if (text.isEmpty())
        return {};
    const QUrl parsed(text, QUrl::StrictMode);
    if (!TopologyValidator::isHttpUrl(parsed)) {
        fail(at(path, key), TopologyValidator::notAnHttpUrl(UrlUserInfo::displayedText(text)));
        return {};
    }
    return parsed;
}

template<typename Enum>
Enum Reader::enumeration(const QJsonObject& object, const QString& path, const char* key, Enum fallback,
    std::optional<Enum> (*fromName)(const QString&), const QStringList& accepted)
{
    const QString name = string(object, path, key);
    if (name.isEmpty())
        return fallback;
    if (const auto value = fromName(name))
        return *value;
    fail(at(path, key), QStringLiteral("\"%1\" is not one of %2").arg(name, accepted.join(QStringLiteral(", "))));
    return fallback;
}

std::optional<QJsonObject> Reader::objectAt(const QJsonValue& value, const QString& path)
{
    if (!value.isObject()) {
        fail(path, QStringLiteral("must be an object"));
        return std::nullopt;
    }
    return value.toObject();
}

template<typename Item, typename ReadItem>
QList<Item> Reader::list(const QJsonObject& object, const QString& path, const char* key, ReadItem readItem)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isArray()) {
        fail(at(path, key), QStringLiteral("must be a list"));
        return {};
    }
    QList<Item> result;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString itemPath = QStringLiteral("%1[%2]").arg(at(path, key)).arg(i);
        if (const auto itemObject = objectAt(array.at(i), itemPath))
            result.append((this->*readItem)(*itemObject, itemPath));
    }
    return result;
}

Segment Reader::readSegment(const QJsonObject& object, const QString& path)
{
    checkKeys(object, path, {"id", "name", "kind", "cidr", "parent"});
    Segment segment;
    segment.id = string(object, path, "id", true);
    segment.name = string(object, path, "name", true);
    segment.kind = enumeration(object, path, "kind", Segment::Kind::Other, &Segment::kindFromName, Segment::kindNames());
    segment.cidr = string(object, path, "cidr");
    segment.parentId = string(object, path, "parent");
    return segment;
}

Service Reader::readService(const QJsonObject& object, const QString& path)
{
    checkKeys(object, path, {"id", "name", "kind", "ports", "protocol", "exposure", "buckets"});
    Service service;
    service.id = string(object, path, "id", true);
    service.name = string(object, path, "name", true);
    service.kind = string(object, path, "kind");
    const QJsonValue ports = object.value(QLatin1String("ports"));
    if (!ports.isUndefined() && !ports.isNull()) {
        if (!ports.isArray()) {
            fail(at(path, "ports"), QStringLiteral("must be a list of port numbers"));
        } else {
            const QJsonArray array = ports.toArray();
            for (qsizetype i = 0; i < array.size(); ++i) {
                const QJsonObject wrapper{{QStringLiteral("port"), array.at(i)}};
                const QString portPath = QStringLiteral("%1[%2]").arg(at(path, "ports")).arg(i);
                const qsizetype before = m_errors.size();
                const int port = integer(wrapper, {}, "port", 1, 65535, 0, QStringLiteral("a port"));
                for (qsizetype e = before; e < m_errors.size(); ++e)
                    m_errors[e].path = portPath;
                if (port > 0)
                    service.ports.append(port);
            }
        }
    }
    const QStringList protocols{QStringLiteral("tcp"), QStringLiteral("udp"), QStringLiteral("tcp+udp"),
        QStringLiteral("none")};
    service.protocol
        = enumeration(object, path, "protocol", Service::Protocol::Tcp, &Service::protocolFromName, protocols);
    const QStringList exposures{QStringLiteral("public"), QStringLiteral("private"), QStringLiteral("vpn-only"),
        QStringLiteral("agent")};
    service.exposure
        = enumeration(object, path, "exposure", Service::Exposure::Private, &Service::exposureFromName, exposures);
    service.buckets = strings(object, path, "buckets");
    return service;
}

Host Reader::readHost(const QJsonObject& object, const QString& path)
{
    checkKeys(object, path,
        {"id", "name", "fqdn", "role", "description", "segment", "parentHost", "addresses", "services", "position"});
    Host host;
    host.id = string(object, path, "id", true);
    host.name = string(object, path, "name", true);
    host.fqdn = string(object, path, "fqdn");
    const QStringList roles{QStringLiteral("public-server"), QStringLiteral("monitoring-server"),
        QStringLiteral("storage"), QStringLiteral("hypervisor"), QStringLiteral("collector"),
        QStringLiteral("workstation"), QStringLiteral("other")};
    host.role = enumeration(object, path, "role", Host::Role::Other, &Host::roleFromName, roles);
    host.description = string(object, path, "description");
    host.segmentId = string(object, path, "segment", true);
    host.parentHostId = string(object, path, "parentHost");
    host.addresses = strings(object, path, "addresses");
    host.services = list<Service>(object, path, "services", &Reader::readService);
    const QJsonValue position = object.value(QLatin1String("position"));
    if (!position.isUndefined() && !position.isNull()) {
        const QJsonObject point = position.toObject();
        const QJsonValue x = point.value(QLatin1String("x"));
        const QJsonValue y = point.value(QLatin1String("y"));
        if (!position.isObject() || !x.isDouble() || !y.isDouble() || point.size() != 2)
            fail(at(path, "position"), QStringLiteral("must be an object with numbers x and y"));
        else
            host.position = QPointF(x.toDouble(), y.toDouble());
    }
    return host;
}

WireGuardInterface Reader::readInterface(const QJsonObject& object, const QString& path)
{
    checkKeys(object, path, {"id", "host", "name", "addresses", "listenPort", "publicKey", "hub", "placeholderKey"});
    WireGuardInterface wgInterface;
    wgInterface.id = string(object, path, "id", true);
    wgInterface.hostId = string(object, path, "host", true);
    wgInterface.name = string(object, path, "name");
    if (wgInterface.name.isEmpty())
        wgInterface.name = QStringLiteral("wg0");
    wgInterface.addresses = strings(object, path, "addresses");
    wgInterface.listenPort = integer(object, path, "listenPort", 1, 65535, 0, QStringLiteral("a port"));
    wgInterface.publicKey = string(object, path, "publicKey");
    wgInterface.isHub = boolean(object, path, "hub");
    wgInterface.placeholderKey = placeholderFlag(object, path, wgInterface.publicKey);
    return wgInterface;
}

WireGuardPeer Reader::readPeer(const QJsonObject& object, const QString& path)
{
    checkKeys(object, path,
        {"id", "name", "interface", "host", "publicKey", "allowedIps", "endpoint", "persistentKeepalive",
            "presharedKey", "keyCreated", "clientConfigAvailable", "placeholderKey"});
    WireGuardPeer peer;
    peer.id = string(object, path, "id", true);
    peer.name = string(object, path, "name");
    peer.interfaceId = string(object, path, "interface", true);
    peer.hostId = string(object, path, "host");
    peer.publicKey = string(object, path, "publicKey");
    peer.allowedIps = strings(object, path, "allowedIps");
    peer.endpoint = string(object, path, "endpoint");
    peer.persistentKeepalive = integer(object, path, "persistentKeepalive", 0, 65535, 0,
        QStringLiteral("a keepalive interval (0 to 65535 seconds)"));
    peer.presharedKey = boolean(object, path, "presharedKey");
    if (object.contains(QLatin1String("clientConfigAvailable")))
        peer.clientConfigAvailable = boolean(object, path, "clientConfigAvailable");
    peer.placeholderKey = placeholderFlag(object, path, peer.publicKey);
    const QString created = string(object, path, "keyCreated");
    if (!created.isEmpty()) {
        peer.keyCreated = QDateTime::fromString(created, Qt::ISODate);
        if (!peer.keyCreated.isValid())
            fail(at(path, "keyCreated"), QStringLiteral("\"%1\" is not an ISO 8601 date and time").arg(created));
    }
    return peer;
}

DataFlow Reader::readFlow(const QJsonObject& object, const QString& path)
{
    checkKeys(object, path,
        {"id", "kind", "source", "sourceService", "target", "targetService", "viaTunnel", "storage", "bucket"});
    DataFlow flow;
    flow.id = string(object, path, "id", true);
    const QStringList kinds{QStringLiteral("metrics"), QStringLiteral("logs")};
    flow.kind = enumeration(object, path, "kind", DataFlow::Kind::Metrics, &DataFlow::kindFromName, kinds);
    flow.sourceHostId = string(object, path, "source", true);
    flow.sourceServiceId = string(object, path, "sourceService");
    flow.targetHostId = string(object, path, "target", true);
    flow.targetServiceId = string(object, path, "targetService");
    flow.viaTunnel = boolean(object, path, "viaTunnel");
    flow.storageHostId = string(object, path, "storage");
    flow.storageBucket = string(object, path, "bucket");
    return flow;
}

DataSource Reader::readDataSource(const QJsonObject& object, const QString& path)
{
    checkKeys(object, path,
        {"id", "name", "influxUrl", "influxDatabase", "influxAuth", "influxUser", "lokiUrl", "lokiTenant",
            "lokiUser", "caFile", "pollIntervalSeconds"});
    DataSource source;
    source.id = string(object, path, "id", true);
    source.name = string(object, path, "name", true);
    source.influxUrl = url(object, path, "influxUrl");
    const QString database = string(object, path, "influxDatabase");
    if (!database.isEmpty())
        source.influxDatabase = database;
    const QStringList auths{QStringLiteral("none"), QStringLiteral("user-password"), QStringLiteral("token")};
    source.influxAuth = enumeration(
        object, path, "influxAuth", DataSource::InfluxAuth::None, &DataSource::influxAuthFromName, auths);
    source.influxUser = string(object, path, "influxUser");
    source.lokiUrl = url(object, path, "lokiUrl");
    source.lokiTenant = string(object, path, "lokiTenant");
    source.lokiUser = string(object, path, "lokiUser");
    source.caFile = string(object, path, "caFile");
    source.pollIntervalSeconds = integer(object, path, "pollIntervalSeconds", DataSource::MinPollIntervalSeconds,
        DataSource::MaxPollIntervalSeconds, source.pollIntervalSeconds, DataSource::pollIntervalNoun());
    return source;
}

void Reader::readVersion(const QJsonValue& version)
{
    const QString path = QStringLiteral("version");
    if (version.isUndefined() || version.isNull()) {
        fail(path, QStringLiteral("is required"));
        return;
    }
    const double number = version.toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!version.isDouble() || number != std::floor(number)) {
        fail(path, QStringLiteral("must be a whole number"));
        return;
    }
    if (number > Topology::CurrentVersion) {
        fail(path,
            QStringLiteral("%1 is newer than this Tunnelscope understands (%2); please update Tunnelscope")
                .arg(QString::number(number, 'g', 12))
                .arg(Topology::CurrentVersion));
    } else if (number < 1) {
        fail(path, QStringLiteral("%1 is not a valid version").arg(QString::number(number, 'g', 12)));
    }
}

Topology Reader::read(const QJsonObject& root)
{
    checkKeys(root, {},
        {"format", "version", "name", "segments", "hosts", "interfaces", "peers", "flows", "dataSources"});
    Topology topology;
    if (root.value(QLatin1String("format")).toString() != QLatin1String(TopologyJson::FormatName))
        fail(QStringLiteral("format"),
            QStringLiteral("must be \"%1\"; this is not a Tunnelscope topology file")
                .arg(QLatin1String(TopologyJson::FormatName)));
    readVersion(root.value(QLatin1String("version")));
    topology.name = string(root, {}, "name");
    topology.segments = list<Segment>(root, {}, "segments", &Reader::readSegment);
    topology.hosts = list<Host>(root, {}, "hosts", &Reader::readHost);
    topology.interfaces = list<WireGuardInterface>(root, {}, "interfaces", &Reader::readInterface);
    topology.peers = list<WireGuardPeer>(root, {}, "peers", &Reader::readPeer);
    topology.flows = list<DataFlow>(root, {}, "flows", &Reader::readFlow);
    topology.dataSources = list<DataSource>(root, {}, "dataSources", &Reader::readDataSource);
    return topology;
}

TopologyError syntaxError(const QByteArray& json, const QJsonParseError& parseError)
{
    int line = 1;
    int column = 1;
    const qsizetype end = std::min<qsizetype>(parseError.offset, json.size());
    for (qsizetype i = 0; i < end; ++i) {
        const auto byte = static_cast<unsigned char>(json.at(i));
        if (byte == '\n') {
            ++line;
            column = 1;
        } else if ((byte & 0xC0) != 0x80) { // a UTF-8 continuation byte is part of the previous character
            ++column;
        }
    }
    return {QString(), QStringLiteral("JSON syntax error: ") + parseError.errorString(), line, column};
}

} // namespace

namespace TopologyJson {

QByteArray write(const Topology& topology)
{
    QJsonObject root;
    root.insert(QLatin1String("format"), QLatin1String(FormatName));
    root.insert(QLatin1String("version"), Topology::CurrentVersion);
    root.insert(QLatin1String("name"), topology.name);
    root.insert(QLatin1String("segments"), arrayOf(topology.segments, segmentToJson));
    root.insert(QLatin1String("hosts"), arrayOf(topology.hosts, hostToJson));
    root.insert(QLatin1String("interfaces"), arrayOf(topology.interfaces, interfaceToJson));
    root.insert(QLatin1String("peers"), arrayOf(topology.peers, peerToJson));
    root.insert(QLatin1String("flows"), arrayOf(topology.flows, flowToJson));
    root.insert(QLatin1String("dataSources"), arrayOf(topology.dataSources, dataSourceToJson));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

TopologyParseResult read(const QByteArray& json)
{
    TopologyParseResult result;
    if (json.trimmed().isEmpty()) {
        result.errors.append({QString(), QStringLiteral("the file is empty; a topology file is a JSON object"), 0, 0});
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.errors.append(syntaxError(json, parseError));
        return result;
    }
    if (!document.isObject()) {
        result.errors.append({QString(), QStringLiteral("the top level must be a JSON object"), 0, 0});
        return result;
    }
    Reader reader(result.errors);
    result.topology = reader.read(document.object());
    if (result.errors.isEmpty())
        result.errors = TopologyValidator::validate(result.topology);
    if (!result.errors.isEmpty())
        result.topology = Topology(); // callers keep what they had; nothing half-read may leak into the app
    return result;
}

} // namespace TopologyJson
