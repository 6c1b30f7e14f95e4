// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

/**
 * The one rule for the names Tunnelscope writes into configs and scripts (host and peer names: Telegraf's
 * hostname, Alloy's host label, "# Name =" comments, the bundle folders): a DNS label. The topology validator,
 * the onboarding plan and the importers all use it; labelFrom() turns free text (a "# Name = Bob's phone"
 * comment) into a name that follows it.
 */
namespace TopologyNameRule {

constexpr int MaxLabelLength = 63;
constexpr int MaxDnsNameLength = 253;

/// 1 to 63 ASCII letters, digits and '-', neither first nor last a '-'.
bool isLabel(QStringView name);
/// Labels joined by dots (web1.example.com), at most 253 characters.
bool isDnsName(QStringView name);
/// wg-quick's interface names: 1 to 15 of letters, digits, '_', '=', '+', '.' and '-'.
bool isInterfaceName(QStringView name);

/// The rule in words, for messages and help.
QString labelRule();
/// Empty when name is a label, else why not, with the rule and a label derived from it to use instead.
QString labelError(const QString& name);
/// Empty when name is a DNS name, else why not.
QString dnsNameError(const QString& name);

/// A label made of free text: accents dropped, apostrophes removed, every other run of characters outside the
/// rule made one '-', at most 63 characters. "Bob's phone" gives "Bobs-phone"; a label gives itself. Empty when
/// nothing usable is left.
QString labelFrom(const QString& text);

} // namespace TopologyNameRule
