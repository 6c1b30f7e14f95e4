// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "MainWindow.h"
#include "welcome/StartActions.h"

#include <QCoreApplication>
#include <QSettings>
#include <QTest>

#include <memory>

class UserPrompts;

namespace WelcomeTestHelpers {

/// Settings in the test's own folder: opening a file is remembered there, never in the user's settings.
inline void isolateSettings(const QString& folder)
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, folder);
    QCoreApplication::setOrganizationName(QStringLiteral("TunnelscopeTest"));
}

/// A shown main window on its welcome page, as on a first run (the settings cleared), asking prompts.
inline std::unique_ptr<MainWindow> welcomeWindow(NetworkState* network, MainWindow::SourceFactory factory, UserPrompts* prompts)
{
    QSettings().clear();
    auto window = std::make_unique<MainWindow>(network, std::move(factory));
    window->setRememberLayout(false);
    window->startActions()->setPrompts(prompts);
    window->resize(1300, 850);
    window->showWelcome();
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return {};
    return window;
}

} // namespace WelcomeTestHelpers
