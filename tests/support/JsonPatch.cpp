// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonPatch.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

namespace {

struct Step
{
    QString key;     ///< set for an object member
    qsizetype index = -1; ///< set for a list item
};

QList<Step> stepsOf(const QString& path)
{
    static const QRegularExpression token(QStringLiteral("([^.\\[\\]]+)|\\[(\\d+)\\]"));
    QList<Step> steps;
    for (auto it = token.globalMatch(path); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        if (match.hasCaptured(1))
            steps.append({match.captured(1), -1});
        else
            steps.append({QString(), match.captured(2).toLongLong()});
    }
    return steps;
}

QJsonValue applied(const QJsonValue& current, const QList<Step>& steps, qsizetype at, const QJsonValue& value)
{
    const Step& step = steps.at(at);
    const bool last = at == steps.size() - 1;
    if (step.index < 0) {
        QJsonObject object = current.toObject();
        const QJsonValue replacement = last ? value : applied(object.value(step.key), steps, at + 1, value);
        if (replacement.isUndefined())
            object.remove(step.key);
        else
            object.insert(step.key, replacement);
        return object;
    }
    QJsonArray array = current.toArray();
    if (step.index > array.size())
        qFatal("JsonPatch: index %lld is beyond the end of the list", static_cast<long long>(step.index));
    const QJsonValue existing = step.index < array.size() ? array.at(step.index) : QJsonValue();
    const QJsonValue replacement = last ? value : applied(existing, steps, at + 1, value);
    if (replacement.isUndefined())
        array.removeAt(step.index);
    else if (step.index == array.size())
        array.append(replacement);
    else
        array.replace(step.index, replacement);
    return array;
}

} // namespace

namespace JsonPatch {

QByteArray set(const QByteArray& json, const QString& path, const QJsonValue& value)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (!document.isObject())
        qFatal("JsonPatch: the document is not a JSON object");
    const QList<Step> steps = stepsOf(path);
    if (steps.isEmpty())
        qFatal("JsonPatch: empty path");
    return QJsonDocument(applied(document.object(), steps, 0, value).toObject()).toJson();
}

QByteArray remove(const QByteArray& json, const QString& path)
{
    return set(json, path, QJsonValue(QJsonValue::Undefined));
}

QJsonValue parse(const QByteArray& text)
{
    QJsonParseError error;
    const QJsonDocument wrapper = QJsonDocument::fromJson("[" + text + "]", &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("JsonPatch: bad JSON value %s", text.constData());
    return wrapper.array().at(0);
}

} // namespace JsonPatch

QByteArray testDataFile(const QString& relativePath)
{
    QFile file(QStringLiteral(TUNNELSCOPE_TEST_DATA_DIR "/") + relativePath);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(file.fileName()));
    return file.readAll();
}
