// SPDX-License-Identifier: GPL-3.0-or-later
#include "topology/TopologyValidator.h"
#include "topology/UrlUserInfo.h"

#include "core/PrintableText.h"
#include "topology/TopologyNameRule.h"

#include <QHash>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSet>

namespace {

class Validator
{
public:
    explicit Validator(const Topology& topology)
        : m_topology(topology)
        , m_segments(indexById(topology.segments))
        , m_hosts(indexById(topology.hosts))
        , m_interfaces(indexById(topology.interfaces))
    {
    }

    QList<TopologyError> run()
    {
        checkSegments();
        checkHosts();
        checkInterfaces();
        checkPeers();
        checkFlows();
        checkDataSources();
        checkNames();
        return m_errors;
    }

private:
    // Lookups by id through hashes: a linear search per reference made big topologies (2,000 hosts) quadratic.
    template<typename Item>
    static QHash<QString, const Item*> indexById(const QList<Item>& items)
    {
        QHash<QString, const Item*> index;
        for (const Item& item : items) { // the first wins, as in Topology's own lookups
            if (!index.contains(item.id))
                index.insert(item.id, &item);
        }
        return index;
    }
    const Segment* segmentById(const QString& id) const { return m_segments.value(id); }
    const Host* hostById(const QString& id) const { return m_hosts.value(id); }
    const WireGuardInterface* interfaceById(const QString& id) const { return m_interfaces.value(id); }

    void fail(const QString& path, const QString& message) { m_errors.append({path, message, 0, 0}); }
    static QString item(const char* list, qsizetype index)
    {
        return QStringLiteral("%1[%2]").arg(QLatin1String(list)).arg(index);
    }

    /// The ids from start up its parents and back to start when start lies on a cycle, else empty. A cycle further
    /// up that start does not lie on is left to its own members to report.
    template<typename ParentOf>
    static QStringList cycleThrough(const QString& start, ParentOf parentOf)
    {
        QStringList chain{start};
        QSet<QString> visited{start};
        for (QString current = parentOf(start); !current.isEmpty(); current = parentOf(current)) {
            chain.append(current);
            if (current == start)
                return chain;
            if (visited.contains(current))
                return {};
            visited.insert(current);
        }
        return {};
    }

    template<typename List>
    void checkIds(const List& list, const char* listName)
    {
        static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._:-]*$"));
        QSet<QString> seen;
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString& id = list.at(i).id;
            if (id.isEmpty())
                continue; // already reported as required
            if (!idPattern.match(id).hasMatch())
                fail(item(listName, i) + QStringLiteral(".id"),
                    QStringLiteral("\"%1\" may hold only letters, digits, '.', '_', ':' and '-'").arg(id));
            if (seen.contains(id))
                fail(item(listName, i) + QStringLiteral(".id"), QStringLiteral("\"%1\" is used twice").arg(id));
            seen.insert(id);
        }
    }

    void checkReference(const QString& path, const QString& id, bool exists, const char* what)
    {
        if (!id.isEmpty() && !exists)
            fail(path, QStringLiteral("no %1 has the id \"%2\"").arg(QLatin1String(what), id));
    }

    void checkSegments()
    {
        checkIds(m_topology.segments, "segments");
        for (qsizetype i = 0; i < m_topology.segments.size(); ++i) {
            const Segment& segment = m_topology.segments.at(i);
            checkReference(item("segments", i) + QStringLiteral(".parent"), segment.parentId,
                segmentById(segment.parentId) != nullptr, "segment");
            // A cycle would nest a region inside itself forever.
            const QStringList cycle = cycleThrough(segment.id, [this](const QString& id) {
                const Segment* found = segmentById(id);
                return found ? found->parentId : QString();
            });
            if (!cycle.isEmpty())
                fail(item("segments", i) + QStringLiteral(".parent"),
                    QStringLiteral("segments nest in a cycle: %1").arg(cycle.join(QStringLiteral(" -> "))));
        }
    }

    void checkHosts()
    {
        checkIds(m_topology.hosts, "hosts");
        for (qsizetype i = 0; i < m_topology.hosts.size(); ++i) {
            const Host& host = m_topology.hosts.at(i);
            const QString path = item("hosts", i);
            checkReference(path + QStringLiteral(".segment"), host.segmentId,
                segmentById(host.segmentId) != nullptr, "segment");
            checkReference(path + QStringLiteral(".parentHost"), host.parentHostId,
                hostById(host.parentHostId) != nullptr, "host");
            if (!host.parentHostId.isEmpty() && host.parentHostId == host.id)
                fail(path + QStringLiteral(".parentHost"), QStringLiteral("a host cannot run inside itself"));
            else
                checkHostNesting(path, host);
            QSet<QString> serviceIds;
            for (qsizetype s = 0; s < host.services.size(); ++s) {
                const QString& serviceId = host.services.at(s).id;
                if (!serviceId.isEmpty() && serviceIds.contains(serviceId))
                    fail(path + QStringLiteral(".services[%1].id").arg(s),
                        QStringLiteral("\"%1\" is used twice on this host").arg(serviceId));
                serviceIds.insert(serviceId);
            }
        }
    }

    // VMs that run inside each other would nest their cards forever.
    void checkHostNesting(const QString& path, const Host& host)
    {
        const QStringList cycle = cycleThrough(host.id, [this](const QString& id) {
            const Host* found = hostById(id);
            return found ? found->parentHostId : QString();
        });
        if (!cycle.isEmpty())
            fail(path + QStringLiteral(".parentHost"),
                QStringLiteral("hosts run inside each other in a cycle: %1").arg(cycle.join(QStringLiteral(" -> "))));
    }

    void checkAddresses(const QString& path, const QStringList& addresses)
    {
        for (qsizetype a = 0; a < addresses.size(); ++a) {
            if (!TopologyValidator::isCidr(addresses.at(a)))
                fail(QStringLiteral("%1[%2]").arg(path).arg(a),
                    QStringLiteral("\"%1\" is not an IP address or CIDR").arg(addresses.at(a)));
        }
    }

    void checkKey(const QString& path, const QString& key)
    {
        if (key.isEmpty() || TopologyValidator::isWireGuardKey(key))
            return;
        static const QRegularExpression base64Of32Bytes(QStringLiteral("^[A-Za-z0-9+/]{43}=$"));
        if (base64Of32Bytes.match(key).hasMatch())
            fail(path,
                QStringLiteral("\"%1\" is not a WireGuard public key: base64 of 32 bytes cannot end in \"%2\"")
                    .arg(key, key.right(2)));
        else
            fail(path, QStringLiteral("\"%1\" is not a WireGuard public key (44 characters of base64)").arg(key));
    }

    void checkInterfaces()
    {
        checkIds(m_topology.interfaces, "interfaces");
        QHash<QString, qsizetype> interfaceOfKey;
        for (qsizetype i = 0; i < m_topology.interfaces.size(); ++i) {
            const WireGuardInterface& wgInterface = m_topology.interfaces.at(i);
            const QString path = item("interfaces", i);
            checkReference(path + QStringLiteral(".host"), wgInterface.hostId,
                hostById(wgInterface.hostId) != nullptr, "host");
            if (!TopologyNameRule::isInterfaceName(wgInterface.name))
                fail(path + QStringLiteral(".name"),
                    QStringLiteral("\"%1\" is not a valid interface name").arg(wgInterface.name));
            checkAddresses(path + QStringLiteral(".addresses"), wgInterface.addresses);
            checkKey(path + QStringLiteral(".publicKey"), wgInterface.publicKey);
            if (wgInterface.publicKey.isEmpty())
                continue;
            if (const auto first = interfaceOfKey.constFind(wgInterface.publicKey); first != interfaceOfKey.cend())
                fail(path + QStringLiteral(".publicKey"),
                    QStringLiteral("is already the key of %1: every interface has its own key").arg(item("interfaces", *first)));
            else
                interfaceOfKey.insert(wgInterface.publicKey, i);
        }
    }

    void checkPeers()
    {
        checkIds(m_topology.peers, "peers");
        for (qsizetype i = 0; i < m_topology.peers.size(); ++i) {
            const WireGuardPeer& peer = m_topology.peers.at(i);
            const QString path = item("peers", i);
            checkReference(path + QStringLiteral(".interface"), peer.interfaceId,
                interfaceById(peer.interfaceId) != nullptr, "interface");
            checkReference(
                path + QStringLiteral(".host"), peer.hostId, hostById(peer.hostId) != nullptr, "host");
            checkKey(path + QStringLiteral(".publicKey"), peer.publicKey);
            checkAddresses(path + QStringLiteral(".allowedIps"), peer.allowedIps);
            if (!peer.endpoint.isEmpty() && !TopologyValidator::isEndpoint(peer.endpoint))
                fail(path + QStringLiteral(".endpoint"),
                    QStringLiteral("\"%1\" is not host:port").arg(peer.endpoint));
        }
    }

    void checkFlowService(const QString& path, const QString& hostId, const QString& serviceId)
    {
        const Host* host = hostById(hostId);
        if (host && !serviceId.isEmpty() && !host->service(serviceId))
            fail(path, QStringLiteral("host \"%1\" has no service \"%2\"").arg(hostId, serviceId));
    }

    void checkBucket(const QString& path, const DataFlow& flow)
    {
        if (flow.storageBucket.isEmpty())
            return;
        if (flow.storageHostId.isEmpty()) {
            fail(path, QStringLiteral("a bucket needs its storage host (\"storage\")"));
            return;
        }
        const Host* storage = hostById(flow.storageHostId);
        if (!storage)
            return; // already reported as a dangling storage reference
        for (const auto& service : storage->services) {
            if (service.buckets.contains(flow.storageBucket))
                return;
        }
        fail(path, QStringLiteral("host \"%1\" has no bucket \"%2\"").arg(flow.storageHostId, flow.storageBucket));
    }

    void checkFlows()
    {
        checkIds(m_topology.flows, "flows");
        for (qsizetype i = 0; i < m_topology.flows.size(); ++i) {
            const DataFlow& flow = m_topology.flows.at(i);
            const QString path = item("flows", i);
            checkReference(path + QStringLiteral(".source"), flow.sourceHostId,
                hostById(flow.sourceHostId) != nullptr, "host");
            checkReference(path + QStringLiteral(".target"), flow.targetHostId,
                hostById(flow.targetHostId) != nullptr, "host");
            checkReference(path + QStringLiteral(".storage"), flow.storageHostId,
                hostById(flow.storageHostId) != nullptr, "host");
            checkFlowService(path + QStringLiteral(".sourceService"), flow.sourceHostId, flow.sourceServiceId);
            checkFlowService(path + QStringLiteral(".targetService"), flow.targetHostId, flow.targetServiceId);
            checkBucket(path + QStringLiteral(".bucket"), flow);
        }
    }

    void checkUrl(const QString& path, const QUrl& url)
    {
        if (!url.isEmpty() && !TopologyValidator::isHttpUrl(url))
            fail(path, TopologyValidator::notAnHttpUrl(UrlUserInfo::displayed(url)));
    }

    /// A password in a URL would be written into this file and shown with the URL: it belongs in the keychain.
    void checkNoPassword(const QString& path, const QUrl& url, const char* passwordVariable)
    {
        if (UrlUserInfo::holdsPassword(url))
            fail(path, UrlUserInfo::passwordRefusal(passwordVariable));
    }

    void checkDataSources()
    {
        checkIds(m_topology.dataSources, "dataSources");
        for (qsizetype i = 0; i < m_topology.dataSources.size(); ++i) {
            const DataSource& source = m_topology.dataSources.at(i);
            const QString path = item("dataSources", i);
            checkUrl(path + QStringLiteral(".influxUrl"), source.influxUrl);
            checkUrl(path + QStringLiteral(".lokiUrl"), source.lokiUrl);
            checkNoPassword(path + QStringLiteral(".influxUrl"), source.influxUrl, "TUNNELSCOPE_INFLUX_PASSWORD");
            checkNoPassword(path + QStringLiteral(".lokiUrl"), source.lokiUrl, "TUNNELSCOPE_LOKI_PASSWORD");
            if (source.pollIntervalSeconds < DataSource::MinPollIntervalSeconds
                || source.pollIntervalSeconds > DataSource::MaxPollIntervalSeconds)
                fail(path + QStringLiteral(".pollIntervalSeconds"),
                    QStringLiteral("%1 is not %2").arg(source.pollIntervalSeconds).arg(DataSource::pollIntervalNoun()));
        }
    }

    // Host and peer names reach generated configs and root scripts; other text reaches terminals and the window.
    void checkNames()
    {
        checkText(QStringLiteral("name"), m_topology.name);
        for (qsizetype i = 0; i < m_topology.segments.size(); ++i)
            checkText(item("segments", i) + QStringLiteral(".name"), m_topology.segments.at(i).name);
        for (qsizetype i = 0; i < m_topology.hosts.size(); ++i) {
            const Host& host = m_topology.hosts.at(i);
            const QString path = item("hosts", i);
            checkLabel(path + QStringLiteral(".name"), host.name);
            if (!host.fqdn.isEmpty() && !TopologyNameRule::isDnsName(host.fqdn))
                fail(path + QStringLiteral(".fqdn"), TopologyNameRule::dnsNameError(host.fqdn));
            checkText(path + QStringLiteral(".description"), host.description);
            for (qsizetype s = 0; s < host.services.size(); ++s)
                checkText(path + QStringLiteral(".services[%1].name").arg(s), host.services.at(s).name);
        }
        for (qsizetype i = 0; i < m_topology.peers.size(); ++i)
            checkLabel(item("peers", i) + QStringLiteral(".name"), m_topology.peers.at(i).name);
        for (qsizetype i = 0; i < m_topology.dataSources.size(); ++i)
            checkText(item("dataSources", i) + QStringLiteral(".name"), m_topology.dataSources.at(i).name);
    }

    void checkLabel(const QString& path, const QString& name)
    {
        if (!name.isEmpty() && !TopologyNameRule::isLabel(name))
            fail(path, TopologyNameRule::labelError(name));
    }

    void checkText(const QString& path, const QString& text)
    {
        if (PrintableText::hasControl(text))
            fail(path, QStringLiteral("\"%1\" holds a line break or another control character; write it on one line")
                           .arg(PrintableText::escaped(text)));
    }

    const Topology& m_topology;
    QHash<QString, const Segment*> m_segments;
    QHash<QString, const Host*> m_hosts;
    QHash<QString, const WireGuardInterface*> m_interfaces;
    QList<TopologyError> m_errors;
};

} // namespace

namespace TopologyValidator {

QList<TopologyError> validate(const Topology& topology)
{
    return Validator(topology).run();
}

bool isWireGuardKey(const QString& key)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$"));
    return pattern.match(key).hasMatch();
}

bool isCidr(const QString& text)
{
    if (text != text.trimmed())
        return false; // wg-quick would not take it as written
    if (text.contains(QLatin1Char('/')))
        return QHostAddress::parseSubnet(text).second >= 0 && !QHostAddress::parseSubnet(text).first.isNull();
    return !QHostAddress(text).isNull();
}

bool isEndpoint(const QString& text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(\\[[0-9A-Fa-f:.%a-zA-Z]+\\]|[A-Za-z0-9._-]+):([0-9]{1,5})$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return false;
    const int port = match.captured(2).toInt();
    return port >= 1 && port <= 65535;
}

bool isHttpUrl(const QUrl& url)
{
    const QString scheme = url.scheme();
    return url.isValid() && !url.host().isEmpty()
        && (scheme == QLatin1String("http") || scheme == QLatin1String("https"));
}

QString notAnHttpUrl(const QString& text)
{
    return QStringLiteral("\"%1\" is not an http:// or https:// URL").arg(text);
}

} // namespace TopologyValidator
