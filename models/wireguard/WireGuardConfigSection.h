// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

/** One line of a wg-quick config: kept as written, so an unchanged line is written back byte for byte. */
struct WireGuardConfigLine
{
    QString text;   ///< the line without its newline; rewritten when the entry changes
    QString key;    ///< as spelled in the file; empty for blank lines and comments
    QString value;  ///< trimmed, trailing comment removed
    int number = 0; ///< 1-based line in the parsed text, 0 for lines added since

    bool isEntry() const { return !key.isEmpty(); }
};

/** An [Interface] or [Peer] section: its header line and the lines up to the next header. */
class WireGuardConfigSection
{
public:
    enum class Kind { Interface, Peer };

    explicit WireGuardConfigSection(Kind kind = Kind::Peer);

    Kind kind() const { return m_kind; }
    int lineNumber() const { return m_header.number; }
    const WireGuardConfigLine& header() const { return m_header; }
    const QList<WireGuardConfigLine>& lines() const { return m_lines; }

    /// The first value of a key (case-insensitive), empty when absent.
    QString value(QStringView key) const;
    /// Every value of a list key, from every occurrence, split at commas and trimmed.
    QStringList values(QStringView key) const;
    bool has(QStringView key) const;

    /// Replaces the first occurrence (keeping its spelling), drops further ones, or appends the key.
    void set(const QString& key, const QString& value);
    /// Adds one more occurrence, for list keys and hooks.
    void append(const QString& key, const QString& value);
    void remove(QStringView key);

    /// The peer's name from a "# Name = prod" comment inside the section or just above its header.
    QString name() const;
    void setName(const QString& name);

private:
    friend class WireGuardConfig;
    friend class WireGuardConfigParser;

    qsizetype insertionIndex() const;

    Kind m_kind;
    WireGuardConfigLine m_header;
    QList<WireGuardConfigLine> m_lines;
    QString m_nameAboveHeader;
};
