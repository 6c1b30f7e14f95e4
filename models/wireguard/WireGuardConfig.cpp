// SPDX-License-Identifier: GPL-3.0-or-later
#include "wireguard/WireGuardConfig.h"

#include "core/PrintableText.h"
#include "wireguard/WireGuardConfigKeys.h"

#include <QHash>
#include <QSet>

QString WireGuardConfigError::toString() const
{
    return line > 0 ? QStringLiteral("line %1: %2").arg(line).arg(message) : message;
}

/** Builds a WireGuardConfig line by line, collecting every error instead of stopping at the first. */
class WireGuardConfigParser
{
public:
    WireGuardConfigParseResult run(const QString& text)
    {
        QStringList lines = text.split(QLatin1Char('\n'));
        m_result.config.m_finalNewline = text.isEmpty() || text.endsWith(QLatin1Char('\n'));
        if (m_result.config.m_finalNewline)
            lines.removeLast();
        for (qsizetype i = 0; i < lines.size(); ++i)
            parseLine(lines.at(i), static_cast<int>(i + 1));
        checkSections();
        return std::move(m_result);
    }

private:
    void error(int line, const QString& message) { m_result.errors.append({line, message}); }

    QList<WireGuardConfigLine>& currentLines()
    {
        auto& sections = m_result.config.m_sections;
        return sections.isEmpty() ? m_result.config.m_preamble : sections.last().m_lines;
    }

    void parseLine(const QString& text, int number)
    {
        WireGuardConfigLine line{text, {}, {}, number};
        // wg(8) and wg-quick both end the meaningful part of a line at the first '#'.
        const QString content = text.left(text.indexOf(QLatin1Char('#'))).trimmed();
        if (content.isEmpty()) {
            currentLines().append(line);
        } else if (content.startsWith(QLatin1Char('['))) {
            startSection(line, content);
        } else {
            parseEntry(line, content);
            currentLines().append(line);
        }
    }

    void startSection(const WireGuardConfigLine& line, const QString& content)
    {
        const QString title = content.endsWith(QLatin1Char(']')) ? content.mid(1, content.size() - 2) : QString();
        WireGuardConfigSection::Kind kind = WireGuardConfigSection::Kind::Peer;
        if (title.compare(QLatin1String("Interface"), Qt::CaseInsensitive) == 0) {
            kind = WireGuardConfigSection::Kind::Interface;
        } else if (title.compare(QLatin1String("Peer"), Qt::CaseInsensitive) != 0) {
            error(line.number, QStringLiteral("unknown section %1; wg knows only [Interface] and [Peer]").arg(content));
            m_unknownSectionLines.insert(line.number);
        }
        WireGuardConfigSection section(kind);
        section.m_header = line;
        section.m_nameAboveHeader = nameInCommentsAbove();
        m_result.config.m_sections.append(section);
        m_sectionValid = !m_unknownSectionLines.contains(line.number);
        m_firstLineOfKey.clear();
    }

    /// A "# Name = x" comment directly above a [Peer] header names that peer (a common way to write it).
    QString nameInCommentsAbove()
    {
        const QList<WireGuardConfigLine>& lines = currentLines();
        for (qsizetype i = lines.size() - 1; i >= 0 && !lines.at(i).isEntry(); --i) {
            if (lines.at(i).text.trimmed().isEmpty())
                break;
            const QString name = WireGuardConfigKeys::nameFromComment(lines.at(i).text);
            if (!name.isEmpty())
                return name;
        }
        return {};
    }

    void parseEntry(WireGuardConfigLine& line, const QString& content)
    {
        const qsizetype equals = content.indexOf(QLatin1Char('='));
        if (equals < 0) {
            error(line.number, QStringLiteral("\"%1\" is not a Key = Value line").arg(content.left(40)));
            return;
        }
        line.key = content.left(equals).trimmed();
        line.value = content.mid(equals + 1).trimmed();
        if (line.key.isEmpty()) {
            error(line.number, QStringLiteral("a value without a key"));
            line.key = QStringLiteral("?");
            return;
        }
        if (m_result.config.m_sections.isEmpty()) {
            error(line.number,
                QStringLiteral("%1 is outside any section; put it under [Interface] or [Peer]").arg(line.key));
            return;
        }
        if (!m_sectionValid)
            return; // the unknown section header was reported already
        checkEntry(line);
    }

    void checkEntry(const WireGuardConfigLine& line)
    {
        const WireGuardConfigSection& section = m_result.config.m_sections.last();
        const QString canonical = WireGuardConfigKeys::canonicalName(line.key);
        if (canonical.isEmpty()) {
            m_result.warnings.append({line.number,
                QStringLiteral("unknown key %1 (kept as written; wg setconf will refuse it)").arg(line.key)});
            return;
        }
        if (WireGuardConfigKeys::sectionOf(canonical) != section.kind()) {
            const bool inInterface = section.kind() == WireGuardConfigSection::Kind::Interface;
            error(line.number,
                QStringLiteral("%1 belongs in [%2], not in [%3]")
                    .arg(canonical, inInterface ? QStringLiteral("Peer") : QStringLiteral("Interface"),
                        inInterface ? QStringLiteral("Interface") : QStringLiteral("Peer")));
            return;
        }
        if (!WireGuardConfigKeys::mayRepeat(canonical)) {
            const int first = m_firstLineOfKey.value(canonical);
            if (first > 0)
                error(line.number,
                    QStringLiteral("%1 appears again (first on line %2); only list keys may repeat").arg(canonical).arg(first));
            else
                m_firstLineOfKey.insert(canonical, line.number);
        }
        const QString problem = WireGuardConfigKeys::valueError(canonical, line.value);
        if (!problem.isEmpty())
            error(line.number, canonical + QLatin1Char(' ') + problem);
    }

    void checkSections()
    {
        int interfaceLine = 0;
        QHash<QString, int> peerLines;
        for (const auto& section : std::as_const(m_result.config.m_sections)) {
            if (section.kind() == WireGuardConfigSection::Kind::Interface) {
                if (interfaceLine > 0)
                    error(section.lineNumber(),
                        QStringLiteral("a second [Interface] section (the first is on line %1)").arg(interfaceLine));
                else
                    interfaceLine = section.lineNumber();
                continue;
            }
            if (m_unknownSectionLines.contains(section.lineNumber()))
                continue; // an unknown section, reported already
            const QString publicKey = section.value(u"PublicKey");
            if (publicKey.isEmpty()) {
                error(section.lineNumber(), QStringLiteral("[Peer] has no PublicKey"));
                continue;
            }
            if (peerLines.contains(publicKey))
                error(section.lineNumber(),
                    QStringLiteral("this [Peer] has the same PublicKey as the one on line %1").arg(peerLines.value(publicKey)));
            peerLines.insert(publicKey, section.lineNumber());
        }
    }

    WireGuardConfigParseResult m_result;
    bool m_sectionValid = false;
    QHash<QString, int> m_firstLineOfKey;
    QSet<int> m_unknownSectionLines;
};

WireGuardConfigParseResult WireGuardConfig::parse(const QString& text)
{
    return WireGuardConfigParser().run(text);
}

QString WireGuardConfig::toText() const
{
    QStringList lines;
    for (const auto& line : m_preamble)
        lines.append(line.text);
    for (const auto& section : m_sections) {
        lines.append(section.m_header.text);
        for (const auto& line : section.m_lines)
            lines.append(line.text);
    }
    QString text = lines.join(QLatin1Char('\n'));
    if (m_finalNewline && !lines.isEmpty())
        text += QLatin1Char('\n');
    return text;
}

const WireGuardConfigSection* WireGuardConfig::interfaceSection() const
{
    for (const auto& section : m_sections) {
        if (section.kind() == Kind::Interface)
            return &section;
    }
    return nullptr;
}

WireGuardConfigSection* WireGuardConfig::interfaceSection()
{
    return const_cast<WireGuardConfigSection*>(std::as_const(*this).interfaceSection());
}

QList<const WireGuardConfigSection*> WireGuardConfig::peers() const
{
    QList<const WireGuardConfigSection*> result;
    for (const auto& section : m_sections) {
        if (section.kind() == Kind::Peer)
            result.append(&section);
    }
    return result;
}

const WireGuardConfigSection* WireGuardConfig::peer(const QString& publicKey) const
{
    for (const auto& section : m_sections) {
        if (section.kind() == Kind::Peer && section.value(u"PublicKey") == publicKey)
            return &section;
    }
    return nullptr;
}

WireGuardConfigSection* WireGuardConfig::peer(const QString& publicKey)
{
    return const_cast<WireGuardConfigSection*>(std::as_const(*this).peer(publicKey));
}

WireGuardConfigSection& WireGuardConfig::addSection(Kind kind)
{
    if (!m_sections.isEmpty()) {
        auto& previous = m_sections.last().m_lines;
        if (previous.isEmpty() || !previous.last().text.trimmed().isEmpty())
            previous.append(WireGuardConfigLine{});
    }
    m_sections.append(WireGuardConfigSection(kind));
    m_finalNewline = true;
    return m_sections.last();
}

bool WireGuardConfig::removePeer(const QString& publicKey)
{
    for (qsizetype i = 0; i < m_sections.size(); ++i) {
        const auto& section = m_sections.at(i);
        if (section.kind() == Kind::Peer && section.value(u"PublicKey") == publicKey) {
            m_sections.removeAt(i);
            return true;
        }
    }
    return false;
}

void WireGuardConfig::addPreambleComment(const QString& comment)
{
    m_preamble.append({QStringLiteral("# ") + PrintableText::escaped(comment), {}, {}, 0});
}
