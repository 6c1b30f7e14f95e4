// SPDX-License-Identifier: GPL-3.0-or-later
#include "adopt/ServerConfigReader.h"

#include "wireguard/IpNetwork.h"
#include "wireguard/SecureBytes.h"
#include "wireguard/WireGuardKey.h"

namespace {

/// The public half of a private key given as text; the text is wiped, whatever happens.
QString publicKeyOf(QString privateText, QString* error)
{
    const auto privateKey = WireGuardKey::fromBase64(privateText);
    SecureBytes::wipe(privateText);
    if (!privateKey) {
        *error = QStringLiteral("PrivateKey is not a WireGuard key");
        return {};
    }
    return privateKey->publicKey().toBase64();
}

QString firstMeaningfulLine(const QString& text)
{
    for (QStringView line : QStringView(text).split(QLatin1Char('\n'))) {
        const QStringView trimmed = line.trimmed();
        if (!trimmed.isEmpty() && !trimmed.startsWith(QLatin1Char('#')))
            return line.toString();
    }
    return {};
}

/// Reads the columns of `wg show wg0 dump` (or `wg show all dump`, one column more: the interface) line by line.
class DumpReader
{
public:
    ServerConfigReadResult run(const QString& text)
    {
        const QStringList lines = text.split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < lines.size(); ++i)
            readLine(lines.at(i), int(i + 1));
        if (!m_sawInterface)
            error(0, QStringLiteral("this is not the output of `wg show wg0 dump`: no interface line"));
        return std::move(m_result);
    }

private:
    void error(int line, const QString& message) { m_result.errors.append({line, message}); }

    void readLine(const QString& line, int number)
    {
        if (line.trimmed().isEmpty())
            return;
        QStringList fields = line.split(QLatin1Char('\t'));
        const bool interfaceLine = fields.size() == 4 || fields.size() == 5;
        const bool withDevice = fields.size() == 5 || fields.size() == 9;
        if (!interfaceLine && fields.size() != 8 && fields.size() != 9) {
            error(number, QStringLiteral("%1 tab-separated columns; `wg show wg0 dump` writes 4 on the interface "
                                         "line and 8 per peer").arg(fields.size()));
            wipeAll(fields);
            return;
        }
        const QString device = withDevice ? fields.takeFirst() : QString();
        if (withDevice && !m_device.isEmpty() && device != m_device) {
            if (m_skipped.isEmpty() || m_skipped.constLast() != device) {
                m_skipped.append(device);
                m_result.warnings.append(QStringLiteral("line %1: interface %2 ignored; only %3 is read (give "
                                                        "`wg show %3 dump` to read one interface)")
                        .arg(number).arg(device, m_device));
            }
            wipeAll(fields);
            return;
        }
        if (interfaceLine)
            readInterface(fields, device, number);
        else if (m_sawInterface)
            readPeer(fields, number);
        else
            error(number, QStringLiteral("a peer line before the interface line"));
        wipeAll(fields);
    }

    void readInterface(QStringList& fields, const QString& device, int number)
    {
        if (m_sawInterface)
            return error(number, QStringLiteral("a second interface line"));
        m_sawInterface = true;
        m_device = device.isEmpty() ? QStringLiteral("wg0") : device;
        ServerConfig& config = m_result.config;
        config.hubKeyLine = number;
        config.hubPublicKey = fields.at(1);
        if (const QString problem = WireGuardKey::decodeError(config.hubPublicKey); !problem.isEmpty()) {
            error(number, QStringLiteral("the interface's public key %1").arg(problem));
            config.hubPublicKey.clear();
        }
        bool ok = false;
        config.listenPort = fields.at(2).toInt(&ok);
        if (!ok || config.listenPort < 0 || config.listenPort > 65535)
            error(number, QStringLiteral("\"%1\" is not a listen port").arg(fields.at(2)));
    }

    void readPeer(const QStringList& fields, int number)
    {
        ServerPeerEntry peer;
        peer.line = number;
        peer.publicKey = fields.at(0);
        if (const QString problem = WireGuardKey::decodeError(peer.publicKey); !problem.isEmpty())
            error(number, QStringLiteral("the peer's public key %1").arg(problem));
        peer.presharedKey = fields.at(1) != QLatin1String("(none)");
        if (fields.at(2) != QLatin1String("(none)"))
            peer.endpoint = fields.at(2);
        if (fields.at(3) != QLatin1String("(none)"))
            peer.allowedIps = fields.at(3).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString& range : std::as_const(peer.allowedIps)) {
            if (!IpNetwork::parse(range))
                error(number, QStringLiteral("\"%1\" is not an allowed IP range").arg(range));
        }
        peer.persistentKeepalive = fields.at(7).toInt(); // "off" gives 0
        m_result.config.peers.append(peer);
    }

    static void wipeAll(QStringList& fields)
    {
        // The interface line holds the private key, a peer line its preshared key.
        for (QString& field : fields)
            SecureBytes::wipe(field);
    }

    ServerConfigReadResult m_result;
    QString m_device;
    QStringList m_skipped;
    bool m_sawInterface = false;
};

ServerPeerEntry peerOfSection(const WireGuardConfigSection& section)
{
    ServerPeerEntry peer;
    peer.name = section.name();
    peer.publicKey = section.value(u"PublicKey");
    peer.allowedIps = section.values(u"AllowedIPs");
    peer.endpoint = section.value(u"Endpoint");
    peer.persistentKeepalive = section.value(u"PersistentKeepalive").toInt(); // "off" gives 0
    peer.presharedKey = section.has(u"PresharedKey");
    peer.line = section.lineNumber();
    return peer;
}

} // namespace

namespace ServerConfigReader {

bool looksLikeDump(const QString& text)
{
    const QString first = firstMeaningfulLine(text);
    return !first.trimmed().startsWith(QLatin1Char('[')) && first.contains(QLatin1Char('\t'));
}

ServerConfigReadResult read(const QString& text)
{
    if (looksLikeDump(text))
        return fromDump(text);
    WireGuardConfigParseResult parsed = WireGuardConfig::parse(text);
    ServerConfigReadResult result;
    if (parsed.ok())
        result = fromWireGuardConfig(parsed.config);
    result.errors = parsed.errors + result.errors;
    for (const auto& warning : std::as_const(parsed.warnings))
        result.warnings.append(warning.toString());
    return result;
}

ServerConfigReadResult fromWireGuardConfig(const WireGuardConfig& config)
{
    ServerConfigReadResult result;
    result.config.format = ServerConfig::Format::WgQuick;
    if (const WireGuardConfigSection* section = config.interfaceSection()) {
        result.config.addresses = section->values(u"Address");
        result.config.listenPort = section->value(u"ListenPort").toInt();
        if (section->has(u"PrivateKey")) {
            QString error;
            result.config.hubPublicKey = publicKeyOf(section->value(u"PrivateKey"), &error);
            result.config.hubKeyLine = section->lineNumber();
            if (!error.isEmpty())
                result.errors.append({section->lineNumber(), error});
        }
    }
    for (const WireGuardConfigSection* section : config.peers())
        result.config.peers.append(peerOfSection(*section));
    return result;
}

ServerConfigReadResult fromDump(const QString& text)
{
    ServerConfigReadResult result = DumpReader().run(text);
    result.config.format = ServerConfig::Format::WgDump;
    return result;
}

} // namespace ServerConfigReader
