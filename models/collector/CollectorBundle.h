// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "collector/CollectorPlan.h"

#include <QByteArray>
#include <QList>
#include <QString>

class WireGuardKey;

/** One file of a bundle: a name inside the bundle folder and its bytes. */
struct BundleFile
{
    QString name;
    QByteArray content;
    QString purpose; ///< one line for listings: "client WireGuard config (secret)"
};

/**
 * The files that onboard one collector, ready to be written to a folder or shown for review. Move-only: the
 * contents can hold private and preshared keys, and are wiped when the bundle goes away.
 */
class CollectorBundle
{
public:
    CollectorBundle() = default;
    ~CollectorBundle();
    CollectorBundle(CollectorBundle&&) noexcept = default;
    CollectorBundle& operator=(CollectorBundle&&) noexcept = default;
    CollectorBundle(const CollectorBundle&) = delete;
    CollectorBundle& operator=(const CollectorBundle&) = delete;

    /// A new peer: every file, the client config included. psk null when the plan has none.
    static CollectorBundle forNewPeer(const CollectorPlan& plan, const WireGuardKey& privateKey, const WireGuardKey* psk);
    /// Export of an existing peer. Without privateKey there is no client wg0.conf; missingKeyReason says why in the
    /// README. Without psk (while the plan has one) the server block carries a note instead of the key.
    static CollectorBundle forExport(const CollectorPlan& plan, const QString& clientPublicKey,
        const WireGuardKey* privateKey, const WireGuardKey* psk, const QString& missingKeyReason);
    /// Key rotation: the new client config, the new server block and the server script that switches keys in an
    /// order that keeps the tunnel up.
    static CollectorBundle forRotation(const CollectorPlan& plan, const QString& oldPublicKey,
        const WireGuardKey& newPrivateKey, const WireGuardKey* newPsk);

    const QList<BundleFile>& files() const { return m_files; }
    const BundleFile* file(const QString& name) const;
    QStringList fileNames() const;
    /// What the QR code shows: the client config text; empty when the bundle has none.
    QString qrPayload() const;

    static QString clientConfigName() { return QStringLiteral("wg0.conf"); }
    /// One more file, e.g. the QR code PNG the wizard renders from qrPayload().
    void addFile(const QString& name, const QByteArray& content, const QString& purpose);

private:
    void add(const QString& name, const QString& content, const QString& purpose);
    void addPresharedKey(const WireGuardKey& psk, const QString& purpose);
    void addServerFiles(
        const CollectorPlan& plan, const QString& publicKey, const WireGuardKey* psk, const QString& pskMissingNote);
    void addCollectorFiles(const CollectorPlan& plan);
    void addReadme(const CollectorPlan& plan, const QString& title, const QStringList& steps);

    QList<BundleFile> m_files;
};
