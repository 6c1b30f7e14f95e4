// SPDX-License-Identifier: GPL-3.0-or-later
#include "logs/LogPanel.h"
#include "loki/LogTableModel.h"
#include "loki/LokiClient.h"
#include "support/LokiTestServer.h"
#include "support/ManualClock.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QTest>

namespace {

constexpr qint64 RecordedNewestSeconds = 1795303796;
constexpr int Wait = 10000;

} // namespace

class TestLogPanel : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;
    std::unique_ptr<LokiTestServer> m_server;
    std::unique_ptr<LokiClient> m_client;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<LogPanel> m_panel;

    QString lastQuery() const
    {
        const auto requests = m_server->requestsTo(QStringLiteral("/loki/api/v1/query_range"));
        return requests.isEmpty() ? QString() : requests.constLast().item(QStringLiteral("query"));
    }

    bool noDialogShown() const
    {
        const auto widgets = QApplication::topLevelWidgets();
        return std::none_of(
            widgets.cbegin(), widgets.cend(), [](QWidget* w) { return qobject_cast<QDialog*>(w) && w->isVisible(); });
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<LokiTestServer>();
        QVERIFY(m_server->listen());
        m_network.clearConnectionCache();
        m_client = std::make_unique<LokiClient>(&m_network, LokiConnection { m_server->url(), {}, 3000 });
        m_clock = std::make_unique<ManualClock>(QDateTime::fromSecsSinceEpoch(RecordedNewestSeconds + 60, Qt::UTC));
        m_panel = std::make_unique<LogPanel>();
        m_panel->setClock(m_clock.get());
        m_panel->show();
    }

    void cleanup()
    {
        m_panel.reset();
        m_client.reset();
    }

    void withoutSourceSaysSo()
    {
        m_panel->setHost(QStringLiteral("prod"));
        QCOMPARE(m_panel->state(), LogPanel::State::NoSource);
        QVERIFY(m_panel->message().contains(QLatin1String("No Loki source configured")));
    }

    void withoutHostAsksForOne()
    {
        m_panel->setClient(m_client.get());
        QCOMPARE(m_panel->state(), LogPanel::State::NoHost);
        QVERIFY(m_panel->message().contains(QLatin1String("Select a host")));
    }

    void setHostShowsItsLines()
    {
        m_panel->setClient(m_client.get());
        m_panel->setHost(QStringLiteral("prod"));
        QCOMPARE(m_panel->state(), LogPanel::State::Loading);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->state(), LogPanel::State::Lines, Wait);
        QCOMPARE(m_panel->model()->rowCount(), 45);
        QCOMPARE(lastQuery(), QStringLiteral("{host=\"prod\"}"));
        const auto request = m_server->requestsTo(QStringLiteral("/loki/api/v1/query_range")).constLast();
        const qint64 endNs = (RecordedNewestSeconds + 60) * Q_INT64_C(1000000000) + 1;
        QCOMPARE(request.item(QStringLiteral("end")), QString::number(endNs));
        QCOMPARE(request.item(QStringLiteral("start")), QString::number(endNs - 1 - Q_INT64_C(3600000000000)));
        QCOMPARE(m_panel->model()->index(0, LogTableModel::LineColumn).data().toString(),
            QStringLiteral("wg0: Keypair 16 destroyed for peer 1"));
        QCOMPARE(
            m_panel->model()->index(0, LogTableModel::LabelsColumn).data().toString(), QStringLiteral("job=wireguard"));
    }

    void jobsComeFromLabelValuesAndFilterTheQuery()
    {
        m_panel->setClient(m_client.get());
        auto* jobs = m_panel->findChild<QComboBox*>(QStringLiteral("jobCombo"));
        QVERIFY(jobs);
        QTRY_COMPARE_WITH_TIMEOUT(jobs->count(), 3, Wait); // All jobs, fail2ban, wireguard: what the server knows
        QCOMPARE(jobs->itemText(1), QStringLiteral("fail2ban"));
        m_panel->setHost(QStringLiteral("prod"));
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->state(), LogPanel::State::Lines, Wait);
        jobs->setCurrentIndex(1);
        QTRY_COMPARE_WITH_TIMEOUT(lastQuery(), QStringLiteral("{host=\"prod\", job=\"fail2ban\"}"), Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowCount(), 15, Wait);
    }

    void defaultJobsWhenLabelsFail()
    {
        m_server->setFault(LokiTestServer::Fault::ServerError);
        m_panel->setClient(m_client.get());
        auto* jobs = m_panel->findChild<QComboBox*>(QStringLiteral("jobCombo"));
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_server->requestsTo(QStringLiteral("/loki/api/v1/label/job/values")).isEmpty(), Wait);
        QTest::qWait(100);
        QCOMPARE(jobs->count(), 6);
        QCOMPARE(jobs->itemText(5), QStringLiteral("bind9"));
    }

    void textFilterIsDebouncedAndSentAsLineFilter()
    {
        m_panel->setClient(m_client.get());
        m_panel->setHost(QStringLiteral("prod"));
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->state(), LogPanel::State::Lines, Wait);
        const auto before = m_server->requestsTo(QStringLiteral("/loki/api/v1/query_range")).size();
        auto* text = m_panel->findChild<QLineEdit*>(QStringLiteral("textFilter"));
        QTest::keyClicks(text, QStringLiteral("Ban"));
        QTRY_COMPARE_WITH_TIMEOUT(lastQuery(), QStringLiteral("{host=\"prod\"} |= \"Ban\""), Wait);
        // Three keystrokes, one query.
        QCOMPARE(m_server->requestsTo(QStringLiteral("/loki/api/v1/query_range")).size(), before + 1);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowCount(), 3, Wait);
    }

    void emptyResultSaysNoLines()
    {
        m_panel->setClient(m_client.get());
        m_panel->setHost(QStringLiteral("prod"));
        m_panel->setFilterText(QStringLiteral("nothing like this"));
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->state(), LogPanel::State::Empty, Wait);
        QVERIFY2(m_panel->message().startsWith(QLatin1String("No lines for prod in the last 1 h")),
            qPrintable(m_panel->message()));
    }

    void rangeChangesStart()
    {
        m_panel->setClient(m_client.get());
        m_panel->setHost(QStringLiteral("prod"));
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->state(), LogPanel::State::Lines, Wait);
        m_panel->findChild<QComboBox*>(QStringLiteral("rangeCombo"))->setCurrentText(QStringLiteral("6 h"));
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->filter().rangeSeconds, 6 * 3600, Wait);
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->state(), LogPanel::State::Lines, Wait);
        const auto request = m_server->requestsTo(QStringLiteral("/loki/api/v1/query_range")).constLast();
        QCOMPARE(
            request.item(QStringLiteral("end")).toLongLong() - 1 - request.item(QStringLiteral("start")).toLongLong(),
            Q_INT64_C(6) * 3600 * 1000000000);
    }

    void followReQueriesTheNewest()
    {
        m_panel->setClient(m_client.get());
        m_panel->setHost(QStringLiteral("prod"));
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->state(), LogPanel::State::Lines, Wait);
        const auto before = m_server->requestsTo(QStringLiteral("/loki/api/v1/query_range")).size();
        m_panel->setFollowIntervalMs(50);
        m_panel->setFollow(true);
        m_clock->advance(30);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_server->requestsTo(QStringLiteral("/loki/api/v1/query_range")).size() >= before + 3, Wait);
        const auto request = m_server->requestsTo(QStringLiteral("/loki/api/v1/query_range")).constLast();
        QCOMPARE(request.item(QStringLiteral("end")),
            QString::number((RecordedNewestSeconds + 90) * Q_INT64_C(1000000000) + 1));
        m_panel->setFollow(false);
        QTest::qWait(200);
        const auto settled = m_server->requestsTo(QStringLiteral("/loki/api/v1/query_range")).size();
        QTest::qWait(300);
        QCOMPARE(m_server->requestsTo(QStringLiteral("/loki/api/v1/query_range")).size(), settled);
    }

    void errorsShowInlineWithTheServerText()
    {
        m_panel->setClient(m_client.get());
        m_panel->setHost(QStringLiteral("prod"));
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->state(), LogPanel::State::Lines, Wait);
        m_server->setFault(LokiTestServer::Fault::TooManyRequests);
        m_panel->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(m_panel->state(), LogPanel::State::Error, Wait);
        QVERIFY2(
            m_panel->message().contains(QLatin1String("HTTP 429 Too Many Requests: too many outstanding requests")),
            qPrintable(m_panel->message()));
        QCOMPARE(m_panel->model()->rowCount(), 45); // what was shown stays
        QVERIFY(noDialogShown());
        QVERIFY(m_panel->findChild<QLabel*>(QStringLiteral("message"))->isVisible());
    }

    void demoModeShowsLabelledLines()
    {
        m_panel->setDemoMode(true);
        m_panel->setHost(QStringLiteral("prod"));
        QCOMPARE(m_panel->state(), LogPanel::State::Lines);
        QVERIFY(m_panel->model()->rowCount() > 50);
        QVERIFY(m_panel->model()
                    ->index(0, LogTableModel::LabelsColumn)
                    .data()
                    .toString()
                    .contains(QLatin1String("demo=true")));
        const auto labels = m_panel->findChildren<QLabel*>();
        QVERIFY(std::any_of(
            labels.cbegin(), labels.cend(), [](QLabel* l) { return l->text().contains(QLatin1String("DEMO")); }));
        m_panel->setJob(QStringLiteral("apache"));
        QCOMPARE(m_panel->filter().job, QStringLiteral("apache"));
        QVERIFY(
            m_panel->model()->index(0, LogTableModel::LineColumn).data().toString().contains(QLatin1String("\"GET ")));
        QVERIFY(m_server->requests().isEmpty());
    }
};

QTEST_MAIN(TestLogPanel)
#include "TestLogPanel.moc"
