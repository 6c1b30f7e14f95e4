// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "support/FakeSecretStore.h"
#include "support/SignalWait.h"
#include "topology/TopologyFile.h"

#include <QDirIterator>
#include <QFile>
#include <QSettings>
#include <QTest>

namespace SourceTestHelpers {

/// Stores a secret in the fake keychain and waits for the answer.
inline bool storeSecret(FakeSecretStore& store, const SecretKey& key, const QByteArray& secret)
{
    const auto result = waitForSignal<SecretResult>(store.write(key, secret), &SecretReply::finished);
    return result && result->isOk();
}

/// The reference deployment written to `path` with its one data source (monitor11) changed by `edit`.
template <typename Edit>
bool writeTopology(const QString& path, Edit edit)
{
    Topology topology = TopologyFile::referenceDeployment();
    edit(topology.dataSources.first());
    return TopologyFile::save(path, topology).isEmpty();
}

/// The files under `directory` (QSettings files included) that contain `needle`.
inline QStringList filesContaining(const QString& directory, const QByteArray& needle)
{
    QSettings().sync();
    QStringList found;
    QDirIterator it(directory, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found.append(file.fileName());
    }
    return found;
}

} // namespace SourceTestHelpers
