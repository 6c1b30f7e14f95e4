// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "wireguard/WireGuardConfigSection.h"

#include <QList>
#include <QString>

struct WireGuardConfigParseResult;

/** One problem in a config, at a 1-based line (0 when it concerns the whole file). */
struct WireGuardConfigError
{
    int line = 0;
    QString message;

    QString toString() const; ///< "line 7: AllowedIPs ..."
    friend bool operator==(const WireGuardConfigError&, const WireGuardConfigError&) = default;
};

/**
 * A wg-quick config (/etc/wireguard/wg0.conf) as a list of lines grouped into sections. Parsing keeps every line
 * as written (comments, unknown keys, spacing), so writing an unchanged config gives back the same bytes and a
 * change touches only its own lines.
 */
class WireGuardConfig
{
public:
    using Kind = WireGuardConfigSection::Kind;

    static WireGuardConfigParseResult parse(const QString& text);
    QString toText() const;

    /// Comment and blank lines before the first section.
    const QList<WireGuardConfigLine>& preamble() const { return m_preamble; }
    const QList<WireGuardConfigSection>& sections() const { return m_sections; }

    const WireGuardConfigSection* interfaceSection() const;
    WireGuardConfigSection* interfaceSection();
    QList<const WireGuardConfigSection*> peers() const;
    /// The peer section with this public key, nullptr when none.
    const WireGuardConfigSection* peer(const QString& publicKey) const;
    WireGuardConfigSection* peer(const QString& publicKey);

    /// Appends a section, separated from the one before by a blank line.
    WireGuardConfigSection& addSection(Kind kind);
    bool removePeer(const QString& publicKey);
    void addPreambleComment(const QString& comment);

private:
    friend class WireGuardConfigParser;

    QList<WireGuardConfigLine> m_preamble;
    QList<WireGuardConfigSection> m_sections;
    bool m_finalNewline = true;
};

struct WireGuardConfigParseResult
{
    WireGuardConfig config;
    QList<WireGuardConfigError> errors;   ///< what wg or wg-quick would refuse
    QList<WireGuardConfigError> warnings; ///< kept, but worth a look (unknown keys)

    bool ok() const { return errors.isEmpty(); }
};
