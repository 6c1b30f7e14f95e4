// SPDX-License-Identifier: GPL-3.0-or-later
#include "welcome/WelcomePage.h"

#include <QCommandLinkButton>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QFrame>
#include <QLabel>
#include <QMimeData>
#include <QVBoxLayout>

namespace {

constexpr int PanelWidth = 600;
constexpr int ChoiceIconSize = 36;

/// The one local file a drop carries, when it is a WireGuard config (wg0.conf) or `wg show dump` output.
QString droppedServerConfig(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1)
        return {};
    const QString path = mime->urls().constFirst().toLocalFile();
    const QString suffix = QFileInfo(path).suffix().toLower();
    return !path.isEmpty() && (suffix == QLatin1String("conf") || suffix == QLatin1String("dump") || suffix == QLatin1String("txt"))
        ? path
        : QString();
}

QLabel* label(const QString& text, double scale, bool bold, QWidget* parent)
{
    auto* result = new QLabel(text, parent);
    QFont font = result->font();
    font.setPointSizeF(font.pointSizeF() * scale);
    font.setBold(bold);
    result->setFont(font);
    result->setWordWrap(true);
    result->setAlignment(Qt::AlignHCenter);
    return result;
}

} // namespace

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent)
    , m_panel(new QFrame(this))
{
    setObjectName(QStringLiteral("welcomePage"));
    setAcceptDrops(true);
    auto* panel = static_cast<QFrame*>(m_panel);
    panel->setFrameShape(QFrame::StyledPanel);
    panel->setAutoFillBackground(true);
    panel->setBackgroundRole(QPalette::Base);
    panel->setFixedWidth(PanelWidth);

    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(32, 28, 32, 24);
    layout->setSpacing(8);
    layout->addWidget(label(tr("Welcome to Tunnelscope"), 1.6, true, panel));
    layout->addWidget(label(tr("A live map of your WireGuard monitoring network. How would you like to start?"), 1.0, false, panel));
    layout->addSpacing(12);
    m_fromServer = addChoice(QStringLiteral(":/icons/welcome-server.svg"), tr("&New from Server Config…"),
        tr("Map your real network from the WireGuard server's wg0.conf."));
    m_open = addChoice(QStringLiteral(":/icons/welcome-open.svg"), tr("&Open a Topology…"),
        tr("Open a Tunnelscope topology file (.json) you saved before."));
    m_demo = addChoice(QStringLiteral(":/icons/welcome-demo.svg"), tr("Explore the &Demo"),
        tr("The reference deployment on made-up data, clearly labelled DEMO."));
    layout->addSpacing(6);
    QLabel* hint = label(tr("You can also drop the server's wg0.conf on this window."), 0.9, false, panel);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);
    m_notice = label(QString(), 1.0, false, panel);
    m_notice->setObjectName(QStringLiteral("welcomeNotice"));
    m_notice->hide();
    layout->addWidget(m_notice);

    connect(m_open, &QAbstractButton::clicked, this, &WelcomePage::openRequested);
    connect(m_fromServer, &QAbstractButton::clicked, this, &WelcomePage::fromServerConfigRequested);
    connect(m_demo, &QAbstractButton::clicked, this, &WelcomePage::demoRequested);
    setTabOrder(m_fromServer, m_open);
    setTabOrder(m_open, m_demo);

    auto* outer = new QVBoxLayout(this);
    outer->addStretch(2);
    outer->addWidget(panel, 0, Qt::AlignHCenter);
    outer->addStretch(3);
}

QCommandLinkButton* WelcomePage::addChoice(const QString& iconPath, const QString& text, const QString& description)
{
    auto* button = new QCommandLinkButton(text, description, m_panel);
    button->setIcon(QIcon(iconPath));
    button->setIconSize(QSize(ChoiceIconSize, ChoiceIconSize));
    button->setAccessibleDescription(description);
    button->setAutoDefault(true); // Enter presses the focused one, as in a dialog

    m_panel->layout()->addWidget(button);
    return button;
}

void WelcomePage::setNotice(const QString& text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

QString WelcomePage::notice() const
{
    return m_notice->text();
}

void WelcomePage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // Keyboard first: Enter starts the way a new user most likely wants, Tab moves between the three.
    m_fromServer->setFocus(Qt::OtherFocusReason);
}

void WelcomePage::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedServerConfig(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void WelcomePage::dropEvent(QDropEvent* event)
{
    const QString path = droppedServerConfig(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    Q_EMIT serverConfigDropped(path);
}
