// SPDX-License-Identifier: GPL-3.0-or-later
#include "sources/DataSourceCheck.h"

#include "topology/TopologyValidator.h"
#include "topology/UrlUserInfo.h"

#include <QFileInfo>

namespace DataSourceCheck {

namespace {

bool nameTaken(const DataSource& source, const QList<DataSource>& all)
{
    const QString name = source.name.trimmed();
    return std::any_of(all.cbegin(), all.cend(), [&](const DataSource& other) {
        return other.id != source.id && other.name.trimmed().compare(name, Qt::CaseInsensitive) == 0;
    });
}

void checkUrl(QList<Problem>& problems, Field field, const QUrl& url, const QString& typed)
{
    if (UrlUserInfo::holdsPassword(url)) {
        problems.append({field, UrlUserInfo::passwordRefusal(field == Field::LokiUrl ? "TUNNELSCOPE_LOKI_PASSWORD"
                                                                                      : "TUNNELSCOPE_INFLUX_PASSWORD")});
        return; // and never quote what was typed: it holds the password
    }
    const QString text = typed.trimmed().isEmpty() ? url.toString() : typed.trimmed();
    if ((!url.isEmpty() || !text.isEmpty()) && !TopologyValidator::isHttpUrl(url))
        problems.append({field, TopologyValidator::notAnHttpUrl(UrlUserInfo::displayedText(text))});
}

} // namespace

QList<Problem> check(const DataSource& source, const QList<DataSource>& all, const TypedUrls& typed)
{
    QList<Problem> problems;
    if (source.name.trimmed().isEmpty())
        problems.append({Field::Name, QStringLiteral("Give the source a name.")});
    else if (nameTaken(source, all))
        problems.append({Field::Name, QStringLiteral("Another source is already called \"%1\".").arg(source.name.trimmed())});
    if (source.influxUrl.isEmpty() && source.lokiUrl.isEmpty() && typed.influx.trimmed().isEmpty() && typed.loki.trimmed().isEmpty())
        problems.append({Field::InfluxUrl, QStringLiteral("Give an InfluxDB URL, a Loki URL, or both.")});
    checkUrl(problems, Field::InfluxUrl, source.influxUrl, typed.influx);
    if (!source.influxUrl.isEmpty() && source.influxDatabase.trimmed().isEmpty())
        problems.append({Field::InfluxDatabase, QStringLiteral("Name the database Telegraf writes to (often \"telegraf\").")});
    if (source.influxAuth == DataSource::InfluxAuth::UserPassword && source.influxUser.trimmed().isEmpty())
        problems.append({Field::InfluxUser, QStringLiteral("Give the InfluxDB user, or choose another kind of login.")});
    checkUrl(problems, Field::LokiUrl, source.lokiUrl, typed.loki);
    if (!source.caFile.isEmpty()) {
        const QFileInfo file(source.caFile);
        if (!file.isFile() || !file.isReadable())
            problems.append({Field::CaFile, QStringLiteral("No readable file at %1.").arg(source.caFile)});
    }
    if (source.pollIntervalSeconds < DataSource::MinPollIntervalSeconds || source.pollIntervalSeconds > DataSource::MaxPollIntervalSeconds)
        problems.append({Field::PollInterval, QStringLiteral("Poll every %1 to %2 seconds.")
                                                  .arg(DataSource::MinPollIntervalSeconds)
                                                  .arg(DataSource::MaxPollIntervalSeconds)});
    return problems;
}

QString messageFor(const QList<Problem>& problems, Field field)
{
    QStringList messages;
    for (const Problem& problem : problems) {
        if (problem.field == field)
            messages.append(problem.message);
    }
    return messages.join(QLatin1Char(' '));
}

} // namespace DataSourceCheck
