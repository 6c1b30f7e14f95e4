// SPDX-License-Identifier: GPL-3.0-or-later
// Against a real InfluxDB (Debian's influxd 1.6) holding Telegraf-shaped data: the client, the telemetry source
// through NetworkState, the history query and the command line must all produce the numbers that were written.
#include "support/CliProcess.h"
#include "support/CountingNetworkAccess.h"
#include "support/InfluxServerFixture.h"
#include "support/ManualClock.h"
#include "support/ScaledTelegrafData.h"
#include "support/TelegrafScenario.h"
#include "support/TestRequirements.h"
#include "influx/InfluxClient.h"
#include "influx/InfluxHistoryQuery.h"
#include "influx/InfluxTelemetrySource.h"
#include "influx/TelegrafPoll.h"
#include "telemetry/NetworkState.h"
#include "topology/SyntheticTopology.h"
#include "topology/TopologyFile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

namespace {

constexpr int AnswerTimeoutMs = 15000;
const QString Database = QStringLiteral("telegraf");

InfluxResult runQuery(InfluxClient& client, const InfluxQuery& query)
{
    InfluxQueryReply* reply = client.query(query);
    QSignalSpy spy(reply, &InfluxQueryReply::finished);
    if (!spy.wait(AnswerTimeoutMs))
        return {};
    return spy.constFirst().constFirst().value<InfluxResult>();
}

/// The requests of a first and of a steady-state poll cycle of the real source, for a topology of peers
/// collectors whose data lies in database: each must be one, whatever the number of peers.
QList<int> requestsPerPoll(InfluxServerFixture& server, const QString& database, int peers)
{
    const Topology topology = SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), peers);
    const ScaledTelegrafData data(topology);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString error;
    if (server.execute(QStringLiteral("CREATE DATABASE ") + database, &error).isEmpty()
        || !server.write(database, data.history(2, now.addSecs(-ScaledTelegrafData::IntervalSeconds)), &error)) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    ManualClock clock(now);
    CountingNetworkAccess access;
    DataSource dataSource;
    dataSource.influxUrl = server.url();
    dataSource.influxDatabase = database;
    InfluxTelemetrySource source(dataSource, {}, &access, &clock);
    NetworkState state(&clock);
    state.setTopology(topology);
    QObject::connect(&source, &TelemetrySource::snapshotReady, &state, &NetworkState::applySnapshot);
    QObject::connect(&source, &TelemetrySource::statusChanged, &state, &NetworkState::applyStatus);
    QSignalSpy cycles(&source, &InfluxTelemetrySource::cycleFinished);
    QList<int> counts;
    for (int cycle = 0; cycle < 2; ++cycle) {
        access.resetCount();
        clock.advance(ScaledTelegrafData::IntervalSeconds);
        if (cycle > 0 && !server.write(database, data.sample(2, now), &error))
            return {};
        source.pollNow();
        if (!cycles.wait(AnswerTimeoutMs))
            return {};
        counts.append(access.requests());
    }
    // Every collector's tunnel was read: the count is of polls that fetched all the peers.
    int online = 0;
    for (const TunnelState& tunnel : state.tunnels())
        online += tunnel.status.state == PeerStatus::State::Online ? 1 : 0;
    counts.append(online);
    return counts;
}

QJsonObject findById(const QJsonArray& array, const QString& key, const QString& value)
{
    for (const QJsonValue& entry : array) {
        if (entry.toObject().value(key).toString() == value)
            return entry.toObject();
    }
    return {};
}

} // namespace

class TestInfluxLive : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<InfluxServerFixture> m_server;
    std::unique_ptr<InfluxServerFixture> m_secured; ///< a second server with auth-enabled, started on demand
    std::unique_ptr<TelegrafScenario> m_scenario;
    ManualClock m_clock;
    QNetworkAccessManager m_network;

    InfluxConnection connection() const
    {
        InfluxConnection connection;
        connection.url = m_server->url();
        connection.database = Database;
        return connection;
    }

    /// With TUNNELSCOPE_RECORD_DIR set, saves the raw answer to a first poll for the offline parser tests.
    void recordForParserTests(const QString& statements)
    {
        const QString dir = qEnvironmentVariable("TUNNELSCOPE_RECORD_DIR");
        if (dir.isEmpty())
            return;
        QString error;
        const QByteArray body = m_server->queryBody(statements, Database, &error);
        QFile file(dir + QStringLiteral("/poll_first_epoch_ms.json"));
        QVERIFY2(error.isEmpty() && file.open(QIODevice::WriteOnly) && file.write(body) == body.size(), qPrintable(error));
        QFile times(dir + QStringLiteral("/poll_first_epoch_ms.times.txt"));
        QVERIFY(times.open(QIODevice::WriteOnly));
        times.write(QByteArray::number(m_scenario->lastSampleTime().toMSecsSinceEpoch()) + '\n');
    }

private Q_SLOTS:
    void initTestCase()
    {
        REQUIRE_OR_SKIP(!InfluxServerFixture::executable().isEmpty(), "influxd is not installed (Debian package influxdb)");
        m_server = std::make_unique<InfluxServerFixture>();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        QVERIFY2(!m_server->execute(QStringLiteral("CREATE DATABASE telegraf"), &error).isEmpty(), qPrintable(error));
        m_clock.set(QDateTime::currentDateTimeUtc());
        m_scenario = std::make_unique<TelegrafScenario>(m_clock.now());
        QVERIFY2(m_server->write(Database, m_scenario->lineProtocol(), &error), qPrintable(error));
    }

    void clientReadsTheWrittenNumbers()
    {
        InfluxClient client(&m_network);
        client.setConnection(connection());
        TelegrafPoll poll;
        const InfluxResult result = runQuery(client, poll.nextQuery());
        QVERIFY2(result.ok(), qPrintable(result.errorMessage));
        QCOMPARE(result.httpStatus, 200);
        QCOMPARE(result.statements.size(), qsizetype(TelegrafPoll::StatementCount));
        QVERIFY(result.serverVersion.startsWith(QLatin1String("1.6")));
        poll.apply(result);
        recordForParserTests(TelegrafPoll().nextQuery().joinedStatements());

        const int last = TelegrafScenario::Samples - 1;
        const PeerTelemetry prod = poll.peers().value(TelegrafPoll::peerKey(QStringLiteral("monitor11"), QStringLiteral("wg0"),
                                                                            TelegrafScenario::ProdKey));
        QCOMPARE(prod.publicKey, TelegrafScenario::ProdKey);
        QCOMPARE(prod.sampleTime, m_scenario->lastSampleTime());
        QCOMPARE(prod.rxBytes, m_scenario->prodRxBytes(last));
        QCOMPARE(prod.txBytes, m_scenario->prodTxBytes(last));
        QVERIFY(prod.rxBytesPerSecond.has_value());
        QCOMPARE(*prod.rxBytesPerSecond, TelegrafScenario::ProdUploadRate);
        QCOMPARE(*prod.txBytesPerSecond, TelegrafScenario::ProdDownloadRate);
        QCOMPARE(prod.lastHandshake, m_scenario->prodHandshake(last));
        QVERIFY(prod.endpoint.isEmpty()); // Telegraf before 1.39 writes no endpoint
        QCOMPARE(prod.allowedIps, QStringList{QStringLiteral("10.10.0.1/32")});
        QCOMPARE(prod.keepaliveSeconds, 0);

        const PeerTelemetry laptop = poll.peers().value(TelegrafPoll::peerKey(QStringLiteral("monitor11"), QStringLiteral("wg0"),
                                                                              TelegrafScenario::LaptopKey));
        QVERIFY(!laptop.lastHandshake.isValid());
        QVERIFY(laptop.endpoint.isEmpty());
        QCOMPARE(*laptop.rxBytesPerSecond, 0.0);

        const PeerTelemetry stranger = poll.peers().value(TelegrafPoll::peerKey(QStringLiteral("monitor11"),
                                                                                QStringLiteral("wg0"), TelegrafScenario::StrangerKey));
        QCOMPARE(stranger.allowedIps, (QStringList{QStringLiteral("10.10.0.99/32"), QStringLiteral("fd00::99/128")}));
        QCOMPARE(stranger.lastHandshake, m_scenario->strangerHandshake());

        const PeerTelemetry hub = poll.peers().value(TelegrafPoll::peerKey(QStringLiteral("prod"), QStringLiteral("wg0"),
                                                                           TelegrafScenario::MonitorKey));
        QCOMPARE(hub.keepaliveSeconds, 25);
        QCOMPARE(*hub.rxBytesPerSecond, TelegrafScenario::ProdDownloadRate);
        QCOMPARE(poll.peers().size(), 4);

        const HostTelemetry prodHost = poll.hosts().value(QStringLiteral("prod"));
        QCOMPARE(prodHost.lastReport, m_scenario->hostTime(last, "prod")); // prod's own clock
        QCOMPARE(prodHost.uptimeSeconds, std::optional<qint64>(TelegrafScenario::ProdUptimeSeconds));
        QCOMPARE(prodHost.load1, std::optional<double>(1.67));
        QCOMPARE(prodHost.cpuBusyPercent, std::optional<double>(25.0));
        QCOMPARE(prodHost.memoryUsedPercent, std::optional<double>(40.5));
        const HostTelemetry edge = poll.hosts().value(QStringLiteral("edge-02"));
        QCOMPARE(edge.lastReport, m_scenario->hostTime(last, "edge-02").addSecs(-TelegrafScenario::EdgeSilentSeconds));
        // Learnt from the spacing of the points, not assumed.
        QCOMPARE(poll.collectorIntervalSeconds(QStringLiteral("monitor11")), TelegrafScenario::IntervalSeconds);
        QCOMPARE(poll.collectorIntervalSeconds(QStringLiteral("prod")), TelegrafScenario::IntervalSeconds);
        QVERIFY(!edge.cpuBusyPercent.has_value());
    }

    void aCollectorFasterThanTenSecondsGetsItsTrueRate()
    {
        // A collector every 2 s at a steady 1,000 B/s down and 250 B/s up. Its newest point opens a 10 s stretch
        // of the server's clock: a rate per 10 s bucket would see one sample of five there and read a fifth.
        const QString database = QStringLiteral("fast");
        QString error;
        QVERIFY2(!m_server->execute(QStringLiteral("CREATE DATABASE fast"), &error).isEmpty(), qPrintable(error));
        const qint64 newestMs = QDateTime::currentMSecsSinceEpoch() / 10000 * 10000;
        const QString escapedKey = QString(TelegrafScenario::ProdKey).replace(QLatin1Char('='), QLatin1String("\\="));
        QByteArray lines;
        for (int sample = 0; sample <= 20; ++sample) {
            const qint64 atMs = newestMs - (20 - sample) * 2000LL;
            lines += QStringLiteral("wireguard_peer,device=wg0,host=fast,public_key=%1 rx_bytes=%2i,tx_bytes=%3i %4\n")
                         .arg(escapedKey)
                         .arg(100000 + sample * 2000)
                         .arg(5000 + sample * 500)
                         .arg(atMs * 1000000)
                         .toUtf8();
        }
        QVERIFY2(m_server->write(database, lines, &error), qPrintable(error));

        InfluxConnection fast = connection();
        fast.database = database;
        InfluxClient client(&m_network);
        client.setConnection(fast);
        TelegrafPoll poll;
        const InfluxResult result = runQuery(client, poll.nextQuery());
        QVERIFY2(result.ok(), qPrintable(result.errorMessage));
        poll.apply(result);
        const PeerTelemetry peer =
            poll.peers().value(TelegrafPoll::peerKey(QStringLiteral("fast"), QStringLiteral("wg0"), TelegrafScenario::ProdKey));
        QCOMPARE(peer.rxBytesPerSecond, std::optional<double>(1000));
        QCOMPARE(peer.txBytesPerSecond, std::optional<double>(250));
        QCOMPARE(poll.collectorIntervalSeconds(QStringLiteral("fast")), 2);
    }

    void sourceFeedsNetworkStateAndReadsOnlyNewerPoints()
    {
        DataSource dataSource;
        dataSource.name = QStringLiteral("test influxd");
        dataSource.influxUrl = m_server->url();
        dataSource.influxDatabase = Database;
        InfluxTelemetrySource source(dataSource, {}, &m_network, &m_clock);
        NetworkState state(&m_clock);
        state.setTopology(TopologyFile::referenceDeployment());
        state.setPollIntervalSeconds(source.pollIntervalSeconds());
        connect(&source, &TelemetrySource::snapshotReady, &state, &NetworkState::applySnapshot);
        connect(&source, &TelemetrySource::statusChanged, &state, &NetworkState::applyStatus);
        QSignalSpy cycles(&source, &InfluxTelemetrySource::cycleFinished);

        source.pollNow();
        QVERIFY(cycles.wait(AnswerTimeoutMs));
        QVERIFY2(state.sourceStatus().telemetryUp(), qPrintable(source.status().endpoints.constFirst().message));

        const TunnelState* prod = state.tunnel(QStringLiteral("monitor11-prod"));
        QVERIFY(prod);
        QVERIFY(prod->reportedByHub);
        QCOMPARE(prod->status.state, PeerStatus::State::Online);
        QCOMPARE(*prod->clientToHubBytesPerSecond(), TelegrafScenario::ProdUploadRate);
        QCOMPARE(*prod->hubToClientBytesPerSecond(), TelegrafScenario::ProdDownloadRate);
        QCOMPARE(prod->telemetry->keepaliveSeconds, 25); // the hub has none; prod's end fills the gap
        // prod's clock runs 4 s fast: its report of the same handshake must not make it look newer.
        QCOMPARE(prod->telemetry->lastHandshake, m_scenario->prodHandshake(TelegrafScenario::Samples - 1));
        // No endpoint in Telegraf's data: the topology's, labelled as such.
        QCOMPARE(prod->endpoint(), QStringLiteral("monitor11.example.com:51820"));
        QCOMPARE(prod->endpointOrigin(), TunnelState::EndpointOrigin::Topology);

        const TunnelState* laptop = state.tunnel(QStringLiteral("monitor11-laptop"));
        QVERIFY(laptop);
        QCOMPARE(laptop->status.state, PeerStatus::State::Never);

        QCOMPARE(state.unknownPeers().size(), 1);
        QCOMPARE(state.unknownPeers().constFirst().telemetry.publicKey, TelegrafScenario::StrangerKey);
        QCOMPARE(state.unknownPeers().constFirst().status.state, PeerStatus::State::Stale);
        QCOMPARE(state.hostState(QStringLiteral("prod")).reporting, HostState::Reporting::Reporting);
        QCOMPARE(state.hostState(QStringLiteral("monitor11")).reporting, HostState::Reporting::Reporting);
        QCOMPARE(state.hostState(QStringLiteral("laptop")).reporting, HostState::Reporting::NotMonitored);

        // A collector whose clock runs 10 min ahead reports; the cycle after still sees everyone's new sample.
        QVERIFY(!source.poll().isFirstQuery());
        QString error;
        QVERIFY2(m_server->write(Database, m_scenario->aheadCollectorSample(TelegrafScenario::Samples - 1), &error),
                 qPrintable(error));
        m_clock.advance(TelegrafScenario::IntervalSeconds / 2);
        source.pollNow();
        QVERIFY(cycles.wait(AnswerTimeoutMs));
        QVERIFY(source.poll().hosts().contains(TelegrafScenario::AheadHost));
        QVERIFY2(m_server->write(Database, m_scenario->extraSample(), &error), qPrintable(error));
        m_clock.advance(TelegrafScenario::IntervalSeconds / 2);
        source.pollNow();
        QVERIFY(cycles.wait(AnswerTimeoutMs));
        QCOMPARE(prod->telemetry->rxBytes, m_scenario->prodRxBytes(TelegrafScenario::Samples));
        QCOMPARE(prod->telemetry->sampleTime, m_scenario->sampleTime(TelegrafScenario::Samples));
        QCOMPARE(*prod->clientToHubBytesPerSecond(), TelegrafScenario::ProdUploadRate);
        QCOMPARE(state.unknownPeers().size(), 1);
    }

    void requestsPerPollDoNotGrowWithThePeers()
    {
        const QList<int> few = requestsPerPoll(*m_server, QStringLiteral("few"), 10);
        const QList<int> many = requestsPerPoll(*m_server, QStringLiteral("many"), 2000);
        QCOMPARE(few.size(), 3);
        QCOMPARE(many.size(), 3);
        QVERIFY2(few.at(2) >= 10 && many.at(2) >= 2000, "not every collector's tunnel was read as online");
        QCOMPARE(few.at(0), 1); // the first cycle, looking back an hour
        QCOMPARE(few.at(1), 1); // a steady-state cycle
        QCOMPARE(many.at(0), few.at(0));
        QCOMPARE(many.at(1), few.at(1));
    }

    void historyIsAggregatedOnTheServer_data()
    {
        QTest::addColumn<InfluxHistoryQuery::Range>("range");
        QTest::newRow("15 min") << InfluxHistoryQuery::Range::FifteenMinutes;
        QTest::newRow("1 h") << InfluxHistoryQuery::Range::OneHour;
        QTest::newRow("6 h") << InfluxHistoryQuery::Range::SixHours;
    }

    void historyIsAggregatedOnTheServer()
    {
        QFETCH(InfluxHistoryQuery::Range, range);
        InfluxClient client(&m_network);
        client.setConnection(connection());
        const InfluxHistoryQuery history(TelegrafScenario::ProdKey, QStringLiteral("monitor11"), range);
        const InfluxResult result = runQuery(client, history.query());
        QVERIFY2(result.ok(), qPrintable(result.errorMessage));
        const QList<InfluxHistoryPoint> points = history.points(result, QDateTime::currentDateTimeUtc());
        QVERIFY(!points.isEmpty());
        int rates = 0;
        for (const auto& point : points) {
            if (point.rxBytesPerSecond) {
                ++rates;
                // A bucket of n seconds holding several samples still averages to the steady rate; the reset
                // is never a negative or huge spike.
                QVERIFY2(qAbs(*point.rxBytesPerSecond - TelegrafScenario::ProdUploadRate) < 1e-6,
                         qPrintable(QString::number(*point.rxBytesPerSecond)));
            }
            QVERIFY(point.handshakeAgeSeconds.has_value());
            QVERIFY(*point.handshakeAgeSeconds >= TelegrafScenario::ProdHandshakeAgeSeconds);
            QVERIFY(*point.handshakeAgeSeconds
                    <= TelegrafScenario::ProdHandshakeAgeSeconds + InfluxHistoryQuery::bucketSeconds(range));
        }
        const int bucket = InfluxHistoryQuery::bucketSeconds(range);
        const int samplesPerBucket = std::max(1, bucket / TelegrafScenario::IntervalSeconds);
        const int expectedBuckets = (TelegrafScenario::Samples + 1) / samplesPerBucket; // +1: the extra sample
        QVERIFY2(rates >= expectedBuckets - 3 && rates <= expectedBuckets + 1, qPrintable(QString::number(rates)));
    }

    void authenticationAgainstARealServer_data()
    {
        QTest::addColumn<int>("auth");
        QTest::addColumn<QByteArray>("user");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("expected");
        const int none = int(DataSource::InfluxAuth::None);
        const int basic = int(DataSource::InfluxAuth::UserPassword);
        const int token = int(DataSource::InfluxAuth::Token);
        QTest::newRow("no credentials") << none << QByteArray() << QByteArray() << int(InfluxResult::Error::Auth)
                                        << QStringLiteral("refused the credentials (HTTP 401): unable to parse authentication credentials");
        QTest::newRow("wrong password") << basic << QByteArray("reader") << QByteArray("wrong") << int(InfluxResult::Error::Auth)
                                        << QStringLiteral("refused the credentials (HTTP 401): authorization failed");
        QTest::newRow("no read right") << basic << QByteArray("nobody") << QByteArray("n0body") << int(InfluxResult::Error::Auth)
                                       << QStringLiteral("denied access (HTTP 403): error authorizing query: nobody not authorized");
        QTest::newRow("basic") << basic << QByteArray("reader") << QByteArray("r3ader") << int(InfluxResult::Error::None) << QString();
        // "Token user:password" arrived in 1.8 (2.x and 3.x take "Token <token>"); 1.6 does not parse it.
        QTest::newRow("token on 1.6") << token << QByteArray() << QByteArray("reader:r3ader") << int(InfluxResult::Error::Auth)
                                      << QStringLiteral("HTTP 401");
    }

    void authenticationAgainstARealServer()
    {
        QFETCH(int, auth);
        QFETCH(QByteArray, user);
        QFETCH(QByteArray, secret);
        QFETCH(int, error);
        QFETCH(QString, expected);
        if (!m_secured) {
            m_secured = std::make_unique<InfluxServerFixture>();
            QString problem;
            QVERIFY2(m_secured->start(&problem, true), qPrintable(problem));
            // Without users the server accepts the first admin unauthenticated; after that everything needs one.
            const QStringList setup = {QStringLiteral("CREATE USER admin WITH PASSWORD 'adm1n' WITH ALL PRIVILEGES")};
            QVERIFY2(!m_secured->execute(setup.constFirst(), &problem).isEmpty(), qPrintable(problem));
            m_secured->setAdmin("admin", "adm1n");
            for (const QString& statement : {QStringLiteral("CREATE DATABASE telegraf"),
                                             QStringLiteral("CREATE USER reader WITH PASSWORD 'r3ader'"),
                                             QStringLiteral("GRANT READ ON telegraf TO reader"),
                                             QStringLiteral("CREATE USER nobody WITH PASSWORD 'n0body'")})
                QVERIFY2(!m_secured->execute(statement, &problem).isEmpty(), qPrintable(problem));
            QVERIFY2(m_secured->write(Database, m_scenario->lineProtocol(), &problem), qPrintable(problem));
        }
        InfluxClient client(&m_network);
        InfluxConnection secured;
        secured.url = m_secured->url();
        secured.database = Database;
        secured.auth = DataSource::InfluxAuth(auth);
        secured.credentials = InfluxCredentials(user, secret);
        client.setConnection(secured);
        const InfluxResult result = runQuery(client, TelegrafPoll().nextQuery());
        QCOMPARE(int(result.error), error);
        QVERIFY2(result.errorMessage.contains(expected), qPrintable(result.errorMessage));
        if (result.ok())
            QCOMPARE(result.statement(TelegrafPoll::PeerSamples)->series.size(), 4);
    }

    void cliStatusJsonShowsEveryPeer()
    {
        const CliProcess run = CliProcess::run({QStringLiteral("status"), QStringLiteral("--influx-url"), m_server->url().toString(),
                                   QStringLiteral("--influx-db"), Database, QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject document = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(document.value(QLatin1String("format")).toString(), QStringLiteral("tunnelscope-status"));
        const QJsonArray peers = document.value(QLatin1String("peers")).toArray();
        const QJsonObject prod = findById(peers, QStringLiteral("id"), QStringLiteral("monitor11-prod"));
        QCOMPARE(prod.value(QLatin1String("name")).toString(), QStringLiteral("prod"));
        QCOMPARE(prod.value(QLatin1String("publicKey")).toString(), TelegrafScenario::ProdKey);
        QCOMPARE(prod.value(QLatin1String("tunnelAddresses")).toArray(), QJsonArray{QStringLiteral("10.10.0.1/24")});
        QCOMPARE(prod.value(QLatin1String("rxBytesPerSecond")).toDouble(), TelegrafScenario::ProdUploadRate);
        QCOMPARE(prod.value(QLatin1String("txBytesPerSecond")).toDouble(), TelegrafScenario::ProdDownloadRate);
        QCOMPARE(prod.value(QLatin1String("state")).toString(), QStringLiteral("online"));
        QVERIFY(!prod.value(QLatin1String("reason")).toString().isEmpty());
        QVERIFY(prod.value(QLatin1String("lastHandshake")).isString());
        // Telegraf wrote no endpoint: the topology's, and the JSON says so.
        QCOMPARE(prod.value(QLatin1String("endpoint")).toString(), QStringLiteral("monitor11.example.com:51820"));
        QCOMPARE(prod.value(QLatin1String("endpointSource")).toString(), QStringLiteral("topology"));
        QCOMPARE(prod.value(QLatin1String("endpointOf")).toString(), QStringLiteral("hub"));
        const QJsonObject laptop = findById(peers, QStringLiteral("id"), QStringLiteral("monitor11-laptop"));
        QCOMPARE(laptop.value(QLatin1String("state")).toString(), QStringLiteral("never"));
        QVERIFY(laptop.value(QLatin1String("lastHandshake")).isNull());
        const QJsonObject stranger = findById(peers, QStringLiteral("publicKey"), TelegrafScenario::StrangerKey);
        QCOMPARE(stranger.value(QLatin1String("known")).toBool(true), false);
        QCOMPARE(stranger.value(QLatin1String("state")).toString(), QStringLiteral("stale"));

        const QJsonArray hosts = document.value(QLatin1String("hosts")).toArray();
        QCOMPARE(findById(hosts, QStringLiteral("id"), QStringLiteral("prod")).value(QLatin1String("reporting")).toString(),
                 QStringLiteral("reporting"));
        const QJsonObject edge = findById(hosts, QStringLiteral("name"), QStringLiteral("edge-02"));
        QCOMPARE(edge.value(QLatin1String("reporting")).toString(), QStringLiteral("silent"));
        const QJsonObject influx =
            document.value(QLatin1String("sources")).toArray().at(0).toObject().value(QLatin1String("endpoints")).toArray().at(0).toObject();
        QCOMPARE(influx.value(QLatin1String("state")).toString(), QStringLiteral("ok"));
    }

    void cliStatusTextNamesPeers()
    {
        const CliProcess run = CliProcess::run({QStringLiteral("status"), QStringLiteral("--influx-url"), m_server->url().toString()});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains("prod"));
        QVERIFY(run.out.contains(TelegrafScenario::ProdKey.toLatin1()));
        QVERIFY(run.out.contains("rx 2.0 kB/s (2000 B/s), tx 500 B/s (500 B/s)"));
        QVERIFY2(run.out.contains("    endpoint monitor11.example.com:51820 (from topology: the hub's address, as the "
                                  "client dials it)\n"),
                 run.out.constData());
        QVERIFY(run.out.contains("never"));
    }

    void cliStatusGivesNoCurrentRatesForUnknownPeers()
    {
        // Every collector stopped two minutes ago (inside the rate window, past freshness): their last numbers are history, not the tunnels' rates now.
        QString error;
        QVERIFY2(!m_server->execute(QStringLiteral("CREATE DATABASE quiet"), &error).isEmpty(), qPrintable(error));
        const TelegrafScenario old(QDateTime::currentDateTimeUtc().addSecs(-100));
        QVERIFY2(m_server->write(QStringLiteral("quiet"), old.lineProtocol(), &error), qPrintable(error));
        const QStringList arguments{QStringLiteral("status"), QStringLiteral("--influx-url"), m_server->url().toString(),
                                    QStringLiteral("--influx-db"), QStringLiteral("quiet")};

        const CliProcess json = CliProcess::run(arguments + QStringList{QStringLiteral("--json")});
        const QJsonArray peers = QJsonDocument::fromJson(json.out).object().value(QLatin1String("peers")).toArray();
        const QJsonObject prod = findById(peers, QStringLiteral("id"), QStringLiteral("monitor11-prod"));
        QCOMPARE(prod.value(QLatin1String("state")).toString(), QStringLiteral("unknown"));
        QVERIFY(prod.value(QLatin1String("rxBytesPerSecond")).isNull());
        QVERIFY(prod.value(QLatin1String("txBytesPerSecond")).isNull());
        const QJsonObject lastKnown = prod.value(QLatin1String("lastKnown")).toObject();
        QCOMPARE(lastKnown.value(QLatin1String("rxBytesPerSecond")).toDouble(), TelegrafScenario::ProdUploadRate);
        QVERIFY(lastKnown.value(QLatin1String("sampleTime")).isString());

        const CliProcess text = CliProcess::run(arguments);
        QVERIFY2(text.out.contains("rates: none current; last known rx 2.0 kB/s (2000 B/s), tx 500 B/s (500 B/s) at "),
                 text.out.constData());
        QVERIFY2(!text.out.contains("    rx 2.0 kB/s"), text.out.constData());
    }

    void cliStatusFailsOnAWrongDatabase()
    {
        const CliProcess run = CliProcess::run({QStringLiteral("status"), QStringLiteral("--influx-url"), m_server->url().toString(),
                                   QStringLiteral("--influx-db"), QStringLiteral("nosuchdb"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 1);
        const QJsonObject influx = QJsonDocument::fromJson(run.out).object().value(QLatin1String("sources")).toArray().at(0)
                                       .toObject().value(QLatin1String("endpoints")).toArray().at(0).toObject();
        QCOMPARE(influx.value(QLatin1String("state")).toString(), QStringLiteral("failing"));
        QVERIFY2(influx.value(QLatin1String("message")).toString().contains(QLatin1String("\"nosuchdb\"")),
                 QJsonDocument(influx).toJson().constData());
        const QJsonObject prod = findById(QJsonDocument::fromJson(run.out).object().value(QLatin1String("peers")).toArray(),
                                          QStringLiteral("id"), QStringLiteral("monitor11-prod"));
        QCOMPARE(prod.value(QLatin1String("state")).toString(), QStringLiteral("unknown"));
    }

    void cliStatusFailsWhenNothingListens()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        const CliProcess run = CliProcess::run({QStringLiteral("status"), QStringLiteral("--influx-url"),
                                   QStringLiteral("http://127.0.0.1:%1").arg(port)});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.out.contains("refused the connection"), run.out.constData());
    }

    void cliCheckProbesTheServer()
    {
        const CliProcess run = CliProcess::run({QStringLiteral("check"), QStringLiteral("--influx-url"), m_server->url().toString(),
                                   QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject check =
            QJsonDocument::fromJson(run.out).object().value(QLatin1String("checks")).toArray().at(0).toObject();
        QCOMPARE(check.value(QLatin1String("name")).toString(), QStringLiteral("InfluxDB"));
        QCOMPARE(check.value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(check.value(QLatin1String("probe")).toString(), QStringLiteral("/ping")); // 1.6 has no /health
        QVERIFY(check.value(QLatin1String("latencyMs")).toDouble() >= 0);
        QVERIFY(check.value(QLatin1String("version")).toString().startsWith(QLatin1String("1.6")));
    }
};

QTEST_GUILESS_MAIN(TestInfluxLive)
#include "TestInfluxLive.moc"
