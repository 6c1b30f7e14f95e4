// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QStandardPaths>
#include <QString>
#include <QTest>

#include <unistd.h>

/**
 * What a test needs of the machine: a tool, root, a device. Locally a missing one skips the test with the reason;
 * in CI (the runner sets CI) it fails it, because there a missing tool is a broken image, and a skip would
 * quietly turn the tests that matter most (real wg, influxd, network namespaces) into green nothing.
 */
namespace TestRequirements {

inline bool inCi()
{
    const QByteArray ci = qgetenv("CI");
    return !ci.isEmpty() && ci != "0" && ci.compare("false", Qt::CaseInsensitive) != 0;
}

/// On the PATH, or in /usr/sbin and /sbin (where Debian puts wg, nft and ip, off a user's PATH).
inline bool hasTool(const QString& program)
{
    return !QStandardPaths::findExecutable(program).isEmpty()
        || !QStandardPaths::findExecutable(program, {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")}).isEmpty();
}

inline bool isRoot()
{
    return ::geteuid() == 0;
}

inline QByteArray unmetMessage(const QString& what)
{
    return (inCi() ? QStringLiteral("%1; CI is set, so this fails instead of skipping: installer/install-deps.sh "
                                    "installs every tool the tests need, and CI runs as root")
                   : QStringLiteral("%1 (skipped here; in CI, where CI is set, this fails)"))
        .arg(what)
        .toUtf8();
}

inline QByteArray unmetMessage(const char* what)
{
    return unmetMessage(QString::fromUtf8(what));
}

/// For a check inside a test that only runs with `program`: true when it is there. Without it the check is left
/// out, said so locally and recorded as a failure in CI; the test goes on either way.
inline bool toolForCheck(const QString& program, const char* file, int line)
{
    if (hasTool(program))
        return true;
    const QByteArray message = unmetMessage(QStringLiteral("%1 is not installed, a check that needs it did not run").arg(program));
    if (inCi())
        QTest::qFail(message.constData(), file, line);
    else
        qWarning("%s", message.constData());
    return false;
}

} // namespace TestRequirements

/// Skips the test function unless `condition` holds, failing it instead in CI; `what` (a QString or a string
/// literal) says what is missing and which package brings it.
#define REQUIRE_OR_SKIP(condition, what)                                                                               \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            const QByteArray unmet_ = TestRequirements::unmetMessage(what);                                           \
            if (TestRequirements::inCi())                                                                              \
                QFAIL(unmet_.constData());                                                                             \
            else                                                                                                       \
                QSKIP(unmet_.constData());                                                                             \
        }                                                                                                              \
    } while (false)

/// `if (TOOL_FOR_CHECK("wg")) { ...compare with wg... }`: see TestRequirements::toolForCheck.
#define TOOL_FOR_CHECK(program) TestRequirements::toolForCheck(QStringLiteral(program), __FILE__, __LINE__)
