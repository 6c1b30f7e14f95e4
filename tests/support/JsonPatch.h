// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

/**
 * Small edits of a JSON document for tests that start from a good file and break one thing. A path is written as
 * the topology errors name places: "hosts[2].services[0].ports[1]". An index one past the end appends.
 */
namespace JsonPatch {

/// The document with the value at path replaced; an undefined value removes the key or the list item.
QByteArray set(const QByteArray& json, const QString& path, const QJsonValue& value);
/// The document with the key or item at path removed.
QByteArray remove(const QByteArray& json, const QString& path);
/// A JSON value from its text, e.g. "70000", "\"tcp\"", "{\"x\": 1}"; aborts the test program on bad text.
QJsonValue parse(const QByteArray& text);

} // namespace JsonPatch

/// The bytes of a file under tests/data/, e.g. "topology/small-valid.json"; aborts when it is missing.
QByteArray testDataFile(const QString& relativePath);
