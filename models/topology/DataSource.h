// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QUrl>

#include <optional>

/** Where the app reads telemetry from: an InfluxDB and a Loki, as a named pair. No secrets: those are in the keychain. */
struct DataSource
{
    enum class InfluxAuth { None, UserPassword, Token };
    static constexpr int MinPollIntervalSeconds = 1;
    static constexpr int MaxPollIntervalSeconds = 3600;

    QString id;
    QString name;
    QUrl influxUrl;
    QString influxDatabase = QStringLiteral("telegraf");
    InfluxAuth influxAuth = InfluxAuth::None;
    QString influxUser;
    QUrl lokiUrl;
    QString lokiTenant; ///< X-Scope-OrgID, empty when Loki runs without multi-tenancy
    QString lokiUser;   ///< basic auth through a proxy, empty for none
    QString caFile;     ///< extra CA for HTTPS, empty for the system CAs
    int pollIntervalSeconds = 10;

    static QString influxAuthName(InfluxAuth auth);
    static std::optional<InfluxAuth> influxAuthFromName(const QString& name);
    /// "a poll interval (1 to 3600 seconds)", for error messages.
    static QString pollIntervalNoun()
    {
        return QStringLiteral("a poll interval (%1 to %2 seconds)").arg(MinPollIntervalSeconds).arg(MaxPollIntervalSeconds);
    }

    friend bool operator==(const DataSource&, const DataSource&) = default;
};
