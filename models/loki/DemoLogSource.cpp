// SPDX-License-Identifier: GPL-3.0-or-later
#include "loki/DemoLogSource.h"

#include "loki/LokiResponseParser.h"

#include <QHash>
#include <QLocale>

namespace {

constexpr int MaxScannedSlots = 20000; ///< bounds the work when a text filter matches little
constexpr qint64 NanosecondsPerSecond = 1000000000;

/// splitmix64: a stable, well-mixed number per slot, independent of Qt's per-process hash seed.
quint64 mix(quint64 value)
{
    value += 0x9e3779b97f4a7c15ULL;
    value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
    value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
    return value ^ (value >> 31);
}

QString pick(const QStringList& choices, quint64 variant)
{
    return choices.at(int(variant % quint64(choices.size())));
}

QString externalAddress(quint64 variant)
{
    static const QStringList networks
        = { QStringLiteral("203.0.113."), QStringLiteral("198.51.100."), QStringLiteral("192.0.2.") };
    return pick(networks, variant) + QString::number(2 + (variant >> 8) % 250);
}

QString wireguardLine(quint64 variant)
{
    const QString peer = QString::number(1 + (variant >> 4) % 3);
    const QString endpoint = externalAddress(variant >> 12) + QStringLiteral(":51820");
    const QStringList lines = {
        QStringLiteral("wg0: Receiving handshake initiation from peer %1 (%2)").arg(peer, endpoint),
        QStringLiteral("wg0: Sending handshake response to peer %1 (%2)").arg(peer, endpoint),
        QStringLiteral("wg0: Keypair %1 created for peer %2").arg(QString::number(10 + (variant >> 20) % 30), peer),
        QStringLiteral("wg0: Receiving keepalive packet from peer %1 (%2)").arg(peer, endpoint),
        QStringLiteral("wg0: Handshake for peer %1 (%2) did not complete after 5 seconds, retrying (try 2)")
            .arg(peer, endpoint),
    };
    return pick(lines, variant);
}

QString fail2banLine(quint64 variant, const QDateTime& time)
{
    const QString address = externalAddress(variant >> 6);
    const QString jail = (variant >> 3) % 4 == 0 ? QStringLiteral("wireguard") : QStringLiteral("sshd");
    const QString stamp = time.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    const QStringList lines = {
        QStringLiteral("fail2ban.filter [812]: INFO [%1] Found %2 - %3").arg(jail, address, stamp),
        QStringLiteral("fail2ban.filter [812]: INFO [%1] Found %2 - %3").arg(jail, address, stamp),
        QStringLiteral("fail2ban.actions [812]: NOTICE [%1] Ban %2").arg(jail, address),
        QStringLiteral("fail2ban.actions [812]: NOTICE [%1] Unban %2").arg(jail, address),
    };
    return pick(lines, variant);
}

QString apacheLine(quint64 variant, const QDateTime& time)
{
    static const QStringList paths = { QStringLiteral("/"),
        QStringLiteral("/index.html"),
        QStringLiteral("/blog/feed.xml"),
        QStringLiteral("/wp-login.php"),
        QStringLiteral("/.env"),
        QStringLiteral("/assets/site.css") };
    static const QStringList agents
        = { QStringLiteral("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"),
              QStringLiteral("curl/7.88.1"),
              QStringLiteral("Mozilla/5.0 (compatible; Googlebot/2.1)") };
    const QString path = pick(paths, variant >> 5);
    const bool probe = path == QLatin1String("/wp-login.php") || path == QLatin1String("/.env");
    const QString status
        = probe ? QStringLiteral("404") : ((variant >> 9) % 10 == 0 ? QStringLiteral("304") : QStringLiteral("200"));
    const QString stamp = QLocale::c().toString(time, QStringLiteral("dd/MMM/yyyy:HH:mm:ss +0000"));
    return QStringLiteral("%1 - - [%2] \"GET %3 HTTP/1.1\" %4 %5 \"-\" \"%6\"")
        .arg(externalAddress(variant >> 14),
            stamp,
            path,
            status,
            QString::number(probe ? 196 : 512 + (variant >> 24) % 20000),
            pick(agents, variant >> 11));
}

QString mailLine(quint64 variant)
{
    const QString address = externalAddress(variant >> 7);
    const QString pid = QString::number(1000 + (variant >> 17) % 9000);
    const QString queueId = QString::number(variant >> 28, 16).toUpper().left(10);
    const QStringList lines = {
        QStringLiteral("postfix/smtpd[%1]: connect from unknown[%2]").arg(pid, address),
        QStringLiteral("postfix/smtpd[%1]: NOQUEUE: reject: RCPT from unknown[%2]: 554 5.7.1 Service unavailable; "
                       "Client host [%2] blocked")
            .arg(pid, address),
        QStringLiteral("postfix/smtpd[%1]: disconnect from unknown[%2] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4")
            .arg(pid, address),
        QStringLiteral("postfix/qmgr[%1]: %2: removed").arg(pid, queueId),
    };
    return pick(lines, variant);
}

QString bindLine(quint64 variant)
{
    static const QStringList names
        = { QStringLiteral("example.com"), QStringLiteral("www.example.com"), QStringLiteral("mail.example.com") };
    const QString address = externalAddress(variant >> 9);
    const QString name = pick(names, variant >> 4);
    const QStringList lines = {
        QStringLiteral("client @0x7f3a1c004d10 %1#%2 (%3): query: %3 IN A -E(0) (10.10.0.1)")
            .arg(address, QString::number(1024 + (variant >> 20) % 60000), name),
        QStringLiteral("client @0x7f3a1c004d10 %1#%2 (%3): query: %3 IN MX -E(0) (10.10.0.1)")
            .arg(address, QString::number(1024 + (variant >> 20) % 60000), name),
        QStringLiteral("client @0x7f3a1c0112a0 %1#%2 (%3): query (cache) '%3/ANY/IN' denied")
            .arg(address, QString::number(1024 + (variant >> 22) % 60000), name),
    };
    return pick(lines, variant);
}

} // namespace

int DemoLogSource::periodSeconds(const QString& job)
{
    if (job == QLatin1String("apache"))
        return 17;
    if (job == QLatin1String("bind9"))
        return 41;
    if (job == QLatin1String("mail"))
        return 73;
    if (job == QLatin1String("fail2ban"))
        return 150;
    return 60; // wireguard: a handshake every two minutes, in a few lines each
}

QString DemoLogSource::line(const QString& host, const QString& job, quint64 variant, const QDateTime& time)
{
    Q_UNUSED(host);
    if (job == QLatin1String("fail2ban"))
        return fail2banLine(variant, time);
    if (job == QLatin1String("apache"))
        return apacheLine(variant, time);
    if (job == QLatin1String("mail"))
        return mailLine(variant);
    if (job == QLatin1String("bind9"))
        return bindLine(variant);
    return wireguardLine(variant);
}

QList<LokiEntry> DemoLogSource::query(const LogFilter& filter, const QDateTime& now, int limit) const
{
    QList<LokiEntry> entries;
    const QStringList wanted = filter.job.isEmpty() ? jobs() : QStringList { filter.job };
    for (const QString& job : wanted)
        entries += jobEntries(filter, job, now, limit);
    LokiResponseParser::sortEntries(entries, LokiDirection::Backward);
    if (entries.size() > limit)
        entries.resize(limit);
    return entries;
}

QList<LokiEntry> DemoLogSource::jobEntries(
    const LogFilter& filter, const QString& job, const QDateTime& now, int limit) const
{
    QList<LokiEntry> entries;
    if (filter.host.isEmpty() || !jobs().contains(job))
        return entries;
    const quint64 seed = qHash(filter.host + QLatin1Char('/') + job, 0);
    const qint64 period = periodSeconds(job);
    const qint64 offset = qint64(seed % quint64(period));
    const qint64 nowSeconds = now.toSecsSinceEpoch();
    const qint64 oldest = nowSeconds - filter.rangeSeconds;
    qint64 slot = (nowSeconds - offset) / period;
    for (int scanned = 0; scanned < MaxScannedSlots && entries.size() < limit; ++scanned, --slot) {
        const qint64 seconds = slot * period + offset;
        if (seconds < oldest)
            break;
        const quint64 variant = mix(seed ^ quint64(slot));
        const QDateTime time = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
        LokiEntry entry;
        entry.timestampNs = seconds * NanosecondsPerSecond + qint64(variant % 1000000) * 1000;
        entry.labels = { { QStringLiteral("host"), filter.host },
            { QStringLiteral("job"), job },
            { QStringLiteral("demo"), QStringLiteral("true") } };
        entry.line = line(filter.host, job, variant, time);
        if (filter.text.isEmpty() || entry.line.contains(filter.text))
            entries.append(entry);
    }
    return entries;
}
