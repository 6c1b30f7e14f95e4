// SPDX-License-Identifier: GPL-3.0-or-later
#include "loki/LokiResponseParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <vector>

namespace LokiResponseParser {
namespace {

constexpr qsizetype MaxQuotedBodyChars = 500;

QString invalidJsonMessage(const QByteArray& body, const QJsonParseError& parseError)
{
    if (body.trimmed().isEmpty())
        return QStringLiteral("Loki's answer was empty");
    QString message = QStringLiteral("Loki's answer is not valid JSON (%1 at byte %2 of %3)")
                          .arg(parseError.errorString())
                          .arg(parseError.offset)
                          .arg(body.size());
    // Errors at the very end mean the text stopped in the middle: a truncated answer, not a different format.
    if (parseError.offset >= body.size() - 1 && body.trimmed().startsWith('{'))
        message += QStringLiteral("; the answer was cut off");
    return message;
}

/// The "data" of a success envelope, or an error in words.
QJsonValue successData(const QByteArray& body, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = invalidJsonMessage(body, parseError);
        return {};
    }
    const QJsonObject root = document.object();
    const QString status = root.value(QLatin1String("status")).toString();
    if (status != QLatin1String("success")) {
        const QString detail
            = root.value(QLatin1String("error")).toString(root.value(QLatin1String("message")).toString());
        *error = detail.isEmpty() ? QStringLiteral("Loki's answer has no \"status\":\"success\"")
                                  : QStringLiteral("Loki reported an error: %1").arg(detail);
        return {};
    }
    if (!root.contains(QLatin1String("data")))
        *error = QStringLiteral("Loki's answer has no \"data\"");
    return root.value(QLatin1String("data"));
}

QMap<QString, QString> labelMap(const QJsonObject& object)
{
    QMap<QString, QString> labels;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        labels.insert(it.key(), it.value().toString());
    return labels;
}

/// A timestamp string of nanoseconds; Loki never sends a number here, so a number is a format error.
bool parseNanoseconds(const QJsonValue& value, qint64* nanoseconds)
{
    bool ok = false;
    *nanoseconds = value.toString().toLongLong(&ok);
    return ok;
}

bool parseStreams(const QJsonArray& streams, QList<LokiEntry>* entries, QString* error)
{
    for (const QJsonValue& streamValue : streams) {
        const QJsonObject stream = streamValue.toObject();
        const QMap<QString, QString> labels = labelMap(stream.value(QLatin1String("stream")).toObject());
        for (const QJsonValue& pairValue : stream.value(QLatin1String("values")).toArray()) {
            const QJsonArray pair = pairValue.toArray();
            LokiEntry entry;
            entry.labels = labels;
            if (pair.size() < 2 || !parseNanoseconds(pair.at(0), &entry.timestampNs) || !pair.at(1).isString()) {
                *error = QStringLiteral("Loki's answer has a log entry that is not [\"<ns>\", \"<line>\"]");
                return false;
            }
            entry.line = pair.at(1).toString();
            // Structured metadata (a third element) is shown as labels: it is what the user filters on.
            const QJsonObject metadata = pair.size() > 2 ? pair.at(2).toObject() : QJsonObject();
            for (auto it = metadata.constBegin(); it != metadata.constEnd(); ++it)
                entry.labels.insert(it.key(), it.value().toString());
            entries->append(entry);
        }
    }
    return true;
}

bool parseSample(const QJsonValue& value, LokiSample* sample)
{
    const QJsonArray pair = value.toArray();
    bool ok = false;
    if (pair.size() != 2 || !pair.at(0).isDouble())
        return false;
    sample->timeSeconds = pair.at(0).toDouble();
    sample->value = pair.at(1).toString().toDouble(&ok);
    return ok;
}

bool parseSeries(const QJsonArray& result, bool vector, QList<LokiSeries>* series, QString* error)
{
    for (const QJsonValue& seriesValue : result) {
        const QJsonObject object = seriesValue.toObject();
        LokiSeries one;
        one.metric = labelMap(object.value(QLatin1String("metric")).toObject());
        const QJsonArray samples = vector ? QJsonArray { object.value(QLatin1String("value")) }
                                          : object.value(QLatin1String("values")).toArray();
        for (const QJsonValue& sampleValue : samples) {
            LokiSample sample;
            if (!parseSample(sampleValue, &sample)) {
                *error = QStringLiteral("Loki's answer has a sample that is not [<seconds>, \"<value>\"]");
                return false;
            }
            one.samples.append(sample);
        }
        series->append(one);
    }
    return true;
}

} // namespace

QueryData parseQuery(const QByteArray& body, LokiDirection direction)
{
    QueryData data;
    const QJsonObject payload = successData(body, &data.error).toObject();
    if (!data.ok())
        return data;
    data.resultType = payload.value(QLatin1String("resultType")).toString();
    const QJsonArray result = payload.value(QLatin1String("result")).toArray();
    if (data.resultType == QLatin1String("streams")) {
        if (parseStreams(result, &data.entries, &data.error))
            sortEntries(data.entries, direction);
    } else if (data.resultType == QLatin1String("matrix") || data.resultType == QLatin1String("vector")) {
        parseSeries(result, data.resultType == QLatin1String("vector"), &data.series, &data.error);
    } else {
        data.error = QStringLiteral("Loki answered with an unexpected result type \"%1\"").arg(data.resultType);
    }
    return data;
}

StringListData parseStringList(const QByteArray& body)
{
    StringListData data;
    const QJsonValue payload = successData(body, &data.error);
    if (!data.ok())
        return data;
    // Loki sends no "data" key at all when nothing matches in some versions, and [] in others.
    for (const QJsonValue& value : payload.toArray())
        data.values.append(value.toString());
    return data;
}

void sortEntries(QList<LokiEntry>& entries, LokiDirection direction)
{
    // The tie-break text is built once per entry: building it in the comparison made big pages slow.
    struct Key
    {
        qint64 timestampNs;
        QString tieBreak;
        qsizetype index;
    };
    std::vector<Key> keys;
    keys.reserve(size_t(entries.size()));
    for (qsizetype i = 0; i < entries.size(); ++i)
        keys.push_back({ entries.at(i).timestampNs, entries.at(i).labelsText() + QChar(0x1f) + entries.at(i).line, i });
    const bool forward = direction == LokiDirection::Forward;
    std::stable_sort(keys.begin(), keys.end(), [forward](const Key& a, const Key& b) {
        if (a.timestampNs != b.timestampNs)
            return forward ? a.timestampNs < b.timestampNs : a.timestampNs > b.timestampNs;
        return forward ? a.tieBreak < b.tieBreak : b.tieBreak < a.tieBreak;
    });
    QList<LokiEntry> sorted;
    sorted.reserve(entries.size());
    for (const Key& key : keys)
        sorted.append(std::move(entries[key.index]));
    entries = std::move(sorted);
}

QString errorBodyText(const QByteArray& body)
{
    QString text = QString::fromUtf8(body);
    while (text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1Char('\r')))
        text.chop(1);
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(QLatin1Char('<')))
        return QStringLiteral("(an HTML page, probably from a proxy in front of Loki)");
    if (trimmed.startsWith(QLatin1Char('{'))) {
        const QJsonObject object = QJsonDocument::fromJson(body).object();
        const QString message
            = object.value(QLatin1String("message")).toString(object.value(QLatin1String("error")).toString());
        if (!message.isEmpty())
            return message;
    }
    if (text.size() > MaxQuotedBodyChars)
        text = text.left(MaxQuotedBodyChars) + QStringLiteral("…");
    return text;
}

LokiError httpError(int status, const QString& reasonPhrase, const QByteArray& body)
{
    LokiError error;
    error.kind = LokiError::Kind::Http;
    error.httpStatus = status;
    error.serverText = errorBodyText(body);
    QString heading = QStringLiteral("Loki answered HTTP %1").arg(status);
    if (!reasonPhrase.isEmpty())
        heading += QLatin1Char(' ') + reasonPhrase;
    error.message = error.serverText.isEmpty() ? heading : heading + QStringLiteral(": ") + error.serverText;
    if (status == 429)
        error.message += QStringLiteral(" (Loki is overloaded; try again in a moment)");
    else if (status == 401 && error.serverText.contains(QLatin1String("no org id")))
        error.message += QStringLiteral(" (this Loki needs a tenant: set the X-Scope-OrgID tenant of the data source)");
    return error;
}

} // namespace LokiResponseParser
