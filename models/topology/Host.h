// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "topology/Service.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <optional>

/** A machine of the network, drawn as a card. */
struct Host
{
    enum class Role { PublicServer, MonitoringServer, Storage, Hypervisor, Collector, Workstation, Other };

    QString id;
    QString name; ///< short name shown on the card, e.g. "prod"
    QString fqdn;
    Role role = Role::Other;
    QString description; ///< e.g. "Linode VPS"
    QString segmentId;
    QString parentHostId; ///< the hypervisor of a VM
    QStringList addresses; ///< non-tunnel addresses; tunnel addresses live on the WireGuard interface
    QList<Service> services;
    std::optional<QPointF> position; ///< set when the user placed the card

    const Service* service(const QString& serviceId) const;
    QString displayName() const { return fqdn.isEmpty() ? name : fqdn; }

    static QString roleName(Role role);
    static QString roleTitle(Role role);
    static std::optional<Role> roleFromName(const QString& name);

    friend bool operator==(const Host&, const Host&) = default;
};
