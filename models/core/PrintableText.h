// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

/**
 * Text from elsewhere (log lines, names in a file) made safe to print on one line: every control character a
 * terminal or a line-based file format would act on is written out as an escape instead. Backslashes are kept as
 * they are, so ordinary text stays readable; the escapes are for a reader, not meant to be decoded.
 */
namespace PrintableText {

enum class Tabs { Escape, Keep };

/// C0 controls (newline, CR, ESC, ...), DEL, C1 controls and the Unicode line and paragraph separators.
bool isControl(char32_t character);
bool hasControl(QStringView text);
/// "a\x1b]0;x\x07\r" for a, ESC, "]0;x", BEL, CR: \n, \r and \t by their C names, others as \xHH or \uHHHH.
QString escaped(QStringView text, Tabs tabs = Tabs::Escape);

} // namespace PrintableText
