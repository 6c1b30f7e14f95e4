// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QCommandLinkButton;
class QLabel;

/**
 * The first-run page, in place of the diagram while no topology is open: three ways in (open a topology file,
 * make one from the server's WireGuard config, explore the demo), each a large button with a one-line
 * explanation, and a server config dropped on the page does the second.
 */
class WelcomePage final : public QWidget
{
    Q_OBJECT

public:
    explicit WelcomePage(QWidget* parent = nullptr);

    QCommandLinkButton* openButton() const { return m_open; }
    QCommandLinkButton* fromServerButton() const { return m_fromServer; }
    QCommandLinkButton* demoButton() const { return m_demo; }
    /// A line under the buttons, e.g. why the last topology could not be opened; hidden when empty.
    void setNotice(const QString& text);
    QString notice() const;

Q_SIGNALS:
    void openRequested();
    void fromServerConfigRequested();
    void demoRequested();
    void serverConfigDropped(const QString& path);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    QCommandLinkButton* addChoice(const QString& iconPath, const QString& text, const QString& description);

    QWidget* m_panel;
    QCommandLinkButton* m_open;
    QCommandLinkButton* m_fromServer;
    QCommandLinkButton* m_demo;
    QLabel* m_notice;
};
