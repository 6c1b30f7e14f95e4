// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/DataSource.h"

#include <QList>
#include <QString>

/** The checks a data source must pass before it is saved, each tied to the field it is about (for inline messages). */
namespace DataSourceCheck {

enum class Field { Name, InfluxUrl, InfluxDatabase, InfluxUser, LokiUrl, CaFile, PollInterval };

struct Problem
{
    Field field;
    QString message;

    friend bool operator==(const Problem&, const Problem&) = default;
};

/// What the user typed into the URL fields, for text that does not even parse as a URL (QUrl forgets it).
struct TypedUrls
{
    QString influx;
    QString loki;
};

/// The problems of `source`; `all` is every source of the topology (it may include `source` itself, by id),
/// to find a name used twice.
QList<Problem> check(const DataSource& source, const QList<DataSource>& all, const TypedUrls& typed = {});
/// The message about `field`, empty when there is none.
QString messageFor(const QList<Problem>& problems, Field field);

} // namespace DataSourceCheck
