// SPDX-License-Identifier: GPL-3.0-or-later
#include "welcome/StartupMemory.h"

#include <QFileInfo>
#include <QSettings>

namespace {

const QString LastTopologyKey = QStringLiteral("startup/lastTopology");
const QString DemoKey = QStringLiteral("startup/demo");
bool enabledForThisRun = true;

} // namespace

namespace StartupMemory {

void setEnabled(bool enabled)
{
    enabledForThisRun = enabled;
}

QString lastTopology()
{
    return QSettings().value(LastTopologyKey).toString();
}

void rememberTopology(const QString& path)
{
    if (path.isEmpty() || !enabledForThisRun)
        return;
    QSettings settings;
    settings.setValue(LastTopologyKey, QFileInfo(path).absoluteFilePath());
    settings.remove(DemoKey);
}

bool demoChosen()
{
    return QSettings().value(DemoKey, false).toBool();
}

void rememberDemo()
{
    if (!enabledForThisRun)
        return;
    QSettings settings;
    // A file opened before stays the way in: the demo is only remembered for those who have none.
    if (settings.value(LastTopologyKey).toString().isEmpty())
        settings.setValue(DemoKey, true);
}

} // namespace StartupMemory
