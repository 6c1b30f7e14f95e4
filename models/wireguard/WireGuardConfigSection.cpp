// SPDX-License-Identifier: GPL-3.0-or-later
#include "wireguard/WireGuardConfigSection.h"

#include "core/PrintableText.h"
#include "wireguard/WireGuardConfigKeys.h"

namespace {

// wg and wg-quick read a line at a time: a line break inside a value would start a line of its own (a PostUp that
// wg-quick runs as root), so every written line has its control characters escaped.
WireGuardConfigLine entryLine(const QString& key, const QString& value)
{
    const QString safeKey = PrintableText::escaped(key);
    const QString safeValue = PrintableText::escaped(value);
    return {safeKey + QStringLiteral(" = ") + safeValue, safeKey, safeValue, 0};
}

} // namespace

WireGuardConfigSection::WireGuardConfigSection(Kind kind)
    : m_kind(kind)
{
    m_header.text = kind == Kind::Interface ? QStringLiteral("[Interface]") : QStringLiteral("[Peer]");
}

QString WireGuardConfigSection::value(QStringView key) const
{
    for (const auto& line : m_lines) {
        if (line.isEntry() && line.key.compare(key, Qt::CaseInsensitive) == 0)
            return line.value;
    }
    return {};
}

QStringList WireGuardConfigSection::values(QStringView key) const
{
    QStringList result;
    for (const auto& line : m_lines) {
        if (!line.isEntry() || line.key.compare(key, Qt::CaseInsensitive) != 0)
            continue;
        if (!WireGuardConfigKeys::isCommaList(key)) {
            result.append(line.value);
            continue;
        }
        const QStringList parts = line.value.split(QLatin1Char(','));
        for (const QString& part : parts) {
            if (!part.trimmed().isEmpty())
                result.append(part.trimmed());
        }
    }
    return result;
}

bool WireGuardConfigSection::has(QStringView key) const
{
    for (const auto& line : m_lines) {
        if (line.isEntry() && line.key.compare(key, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

void WireGuardConfigSection::set(const QString& key, const QString& value)
{
    bool replaced = false;
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        WireGuardConfigLine& line = m_lines[i];
        if (!line.isEntry() || line.key.compare(key, Qt::CaseInsensitive) != 0)
            continue;
        if (replaced) {
            m_lines.removeAt(i--);
            continue;
        }
        if (line.value != value) {
            const int number = line.number;
            line = entryLine(line.key, value);
            line.number = number;
        }
        replaced = true;
    }
    if (!replaced)
        append(key, value);
}

void WireGuardConfigSection::append(const QString& key, const QString& value)
{
    m_lines.insert(insertionIndex(), entryLine(key, value));
}

void WireGuardConfigSection::remove(QStringView key)
{
    m_lines.removeIf([key](const WireGuardConfigLine& line) {
        return line.isEntry() && line.key.compare(key, Qt::CaseInsensitive) == 0;
    });
}

QString WireGuardConfigSection::name() const
{
    const qsizetype end = insertionIndex();
    for (qsizetype i = 0; i < end; ++i) {
        const auto& line = m_lines.at(i);
        if (!line.isEntry()) {
            const QString name = WireGuardConfigKeys::nameFromComment(line.text);
            if (!name.isEmpty())
                return name;
        }
    }
    return m_nameAboveHeader;
}

void WireGuardConfigSection::setName(const QString& name)
{
    for (auto& line : m_lines) {
        if (!line.isEntry() && !WireGuardConfigKeys::nameFromComment(line.text).isEmpty()) {
            line.text = WireGuardConfigKeys::nameComment(name);
            return;
        }
    }
    m_lines.prepend({WireGuardConfigKeys::nameComment(name), {}, {}, 0});
}

qsizetype WireGuardConfigSection::insertionIndex() const
{
    // After the last entry, so comments and blank lines that lead into the next section stay with it.
    for (qsizetype i = m_lines.size() - 1; i >= 0; --i) {
        if (m_lines.at(i).isEntry())
            return i + 1;
    }
    qsizetype index = 0;
    while (index < m_lines.size() && !WireGuardConfigKeys::nameFromComment(m_lines.at(index).text).isEmpty())
        ++index;
    return index;
}
