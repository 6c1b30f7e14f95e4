// SPDX-License-Identifier: GPL-3.0-or-later
// tunnelscope-bench-poll: what one poll cycle costs at N peers, against a real influxd holding Telegraf-shaped
// data for them. Not a test (no timing is asserted); installer/dev.sh bench runs it and gathers its JSON.
//   tunnelscope-bench-poll [--rounds R] PEERS...   client work per poll, end to end next to curl, bytes per peer
//   tunnelscope-bench-poll --soak PEERS POLLS      resident memory after 1 h and after POLLS polls of 10 s
// Each step is a function of its own so that callgrind attributes instructions to it:
//   valgrind --tool=callgrind build-bench/tests/bench/tunnelscope-bench-poll --rounds 3 2000
#include "BenchTiming.h"
#include "diagram/DiagramScene.h"
#include "influx/InfluxResponseParser.h"
#include "influx/InfluxTelemetrySource.h"
#include "influx/TelegrafPoll.h"
#include "itemmodels/TopologyTreeModel.h"
#include "support/InfluxServerFixture.h"
#include "support/ManualClock.h"
#include "support/ScaledTelegrafData.h"
#include "telemetry/NetworkState.h"
#include "topology/SyntheticTopology.h"
#include "topology/TopologyFile.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace {

const QString Database = QStringLiteral("telegraf");
constexpr int HistorySamples = 4;
constexpr int AnswerTimeoutMs = 60000;
constexpr int PollsPerHour = 3600 / ScaledTelegrafData::IntervalSeconds;

using BenchTiming::median;
using BenchTiming::milliseconds;

[[noreturn]] void fail(const QString& what)
{
    std::fprintf(stderr, "tunnelscope-bench-poll: %s\n", qPrintable(what));
    std::exit(1);
}

long residentKilobytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLong() * (sysconf(_SC_PAGESIZE) / 1024) : 0;
}

/// What the app holds while it polls: the network, the diagram and the tree, all joined on every snapshot.
struct Client
{
    explicit Client(const Topology& topology, const Clock* clock) : network(clock)
    {
        network.setTopology(topology);
        network.setPollIntervalSeconds(ScaledTelegrafData::IntervalSeconds);
        // InfluxDB answers: the peers are judged on their data, as in the app, not shown as unknown.
        SourceStatus up;
        up.sourceName = QStringLiteral("bench");
        EndpointHealth influx;
        influx.state = EndpointHealth::State::Ok;
        up.endpoints.append(influx);
        network.applyStatus(up);
        scene = std::make_unique<DiagramScene>(&network);
        tree = std::make_unique<TopologyTreeModel>(&network);
    }
    NetworkState network;
    std::unique_ptr<DiagramScene> scene;
    std::unique_ptr<TopologyTreeModel> tree;
    TelegrafPoll poll;
};

// The steps, never inlined: callgrind reports each one's instructions under its own name.

[[gnu::noinline]] InfluxResult stepParse(const QByteArray& body)
{
    InfluxResult result = InfluxResponseParser::parse(body);
    result.httpStatus = 200;
    return result;
}

[[gnu::noinline]] void stepMerge(TelegrafPoll& poll, const InfluxResult& result)
{
    poll.apply(result);
}

[[gnu::noinline]] void stepJoin(NetworkState& network, const TelegrafPoll& poll, const QDateTime& now)
{
    network.applySnapshot(poll.snapshot(now));
}

void clientCycle(Client& client, const QByteArray& body, const QDateTime& now)
{
    stepMerge(client.poll, stepParse(body));
    stepJoin(client.network, client.poll, now);
}

/// body with every epoch time moved by shiftMs: 13-digit numbers are milliseconds, 19-digit ones nanoseconds.
QByteArray shiftedTimes(const QByteArray& body, qint64 shiftMs)
{
    QByteArray out;
    out.reserve(body.size() + 64);
    qsizetype i = 0;
    while (i < body.size()) {
        if (!std::isdigit(static_cast<unsigned char>(body.at(i)))) {
            out += body.at(i++);
            continue;
        }
        qsizetype end = i;
        while (end < body.size() && std::isdigit(static_cast<unsigned char>(body.at(end))))
            ++end;
        const QByteArray digits = body.mid(i, end - i);
        if (digits.size() == 13)
            out += QByteArray::number(digits.toLongLong() + shiftMs);
        else if (digits.size() == 19)
            out += QByteArray::number(digits.toLongLong() + shiftMs * 1000000LL);
        else
            out += digits;
        i = end;
    }
    return out;
}

struct Server
{
    InfluxServerFixture influx;
    Topology topology;
    QDateTime last; ///< the newest sample written
    std::unique_ptr<ScaledTelegrafData> data;
    int samples = 0;

    void start(int peers)
    {
        topology = SyntheticTopology::withCollectors(TopologyFile::referenceDeployment(), peers);
        data = std::make_unique<ScaledTelegrafData>(topology);
        QString error;
        const QByteArray history = data->history(HistorySamples, QDateTime::currentDateTimeUtc().addSecs(-5));
        if (!influx.startWithData(Database, history, &error))
            fail(error);
        last = QDateTime::currentDateTimeUtc().addSecs(-5);
        samples = HistorySamples;
    }
    /// One more sample, as the collectors write every 10 s.
    void writeSample()
    {
        last = last.addSecs(ScaledTelegrafData::IntervalSeconds);
        QString error;
        if (!influx.write(Database, data->sample(samples++, last), &error))
            fail(error);
    }
    QByteArray body(const InfluxQuery& query)
    {
        QString error;
        const QByteArray answer = influx.queryBody(query.joinedStatements(), Database, &error);
        if (answer.isEmpty())
            fail(error);
        return answer;
    }
};

struct CurlRun
{
    double totalMs = 0;
    qint64 wireBytes = 0; ///< headers and (compressed) body
};

CurlRun curl(const QUrl& server, const InfluxQuery& query)
{
    QUrl url(server.toString() + QStringLiteral("/query"));
    url.setQuery(QStringLiteral("q=%1&db=%2&epoch=ms")
                     .arg(QString::fromLatin1(QUrl::toPercentEncoding(query.joinedStatements())), Database),
                 QUrl::StrictMode);
    QProcess process;
    process.start(QStringLiteral("curl"), {QStringLiteral("-sS"), QStringLiteral("--compressed"), QStringLiteral("-o"),
        QStringLiteral("/dev/null"), QStringLiteral("-w"), QStringLiteral("%{time_total} %{size_download} %{size_header}"),
        QString::fromLatin1(url.toEncoded())});
    if (!process.waitForFinished(AnswerTimeoutMs) || process.exitCode() != 0)
        fail(QStringLiteral("curl failed: ") + QString::fromLocal8Bit(process.readAllStandardError()));
    const QList<QByteArray> fields = process.readAllStandardOutput().split(' ');
    if (fields.size() != 3)
        fail(QStringLiteral("curl wrote no timings"));
    return {fields.at(0).toDouble() * 1000, fields.at(1).toLongLong() + fields.at(2).toLongLong()};
}

/// Bench 1: the client's own work on a steady-state answer, two recorded answers 10 s apart taken in turn.
QJsonObject clientWork(Server& server, int rounds)
{
    ManualClock clock(server.last.addSecs(2));
    Client client(server.topology, &clock);
    const QByteArray first = server.body(client.poll.nextQuery());
    clientCycle(client, first, clock.now());
    server.writeSample();
    const QByteArray steadyA = server.body(client.poll.nextQuery());
    server.writeSample();
    const QByteArray steadyB = server.body(client.poll.nextQuery());
    QList<double> parse, merge, join, total;
    for (int round = 0; round < rounds; ++round) {
        clock.advance(ScaledTelegrafData::IntervalSeconds);
        const QByteArray& body = round % 2 ? steadyB : steadyA;
        InfluxResult result;
        parse.append(milliseconds([&] { result = stepParse(body); }));
        merge.append(milliseconds([&] { stepMerge(client.poll, result); }));
        join.append(milliseconds([&] { stepJoin(client.network, client.poll, clock.now()); }));
        total.append(parse.constLast() + merge.constLast() + join.constLast());
    }
    return {{QStringLiteral("parse_ms"), median(parse)}, {QStringLiteral("merge_ms"), median(merge)},
        {QStringLiteral("join_models_scene_ms"), median(join)}, {QStringLiteral("total_ms"), median(total)},
        {QStringLiteral("answer_bytes"), steadyA.size()}, {QStringLiteral("first_answer_bytes"), first.size()}};
}

/// Bench 3 and 6: the real source polling the real server, each poll timed until the network has joined it,
/// and curl fetching the same query right after.
QJsonObject endToEnd(Server& server, int rounds)
{
    ManualClock clock(QDateTime::currentDateTimeUtc());
    Client client(server.topology, &clock);
    QNetworkAccessManager access;
    DataSource source;
    source.id = QStringLiteral("bench");
    source.influxUrl = server.influx.url();
    source.influxDatabase = Database;
    InfluxTelemetrySource telemetry(source, {}, &access, &clock);
    QObject::connect(&telemetry, &TelemetrySource::snapshotReady, &client.network, &NetworkState::applySnapshot);
    QObject::connect(&telemetry, &TelemetrySource::statusChanged, &client.network, &NetworkState::applyStatus);
    QList<double> ours, theirs, ratio;
    qint64 answerBytes = 0;
    qint64 wireBytes = 0;
    for (int round = -1; round < rounds; ++round) { // round -1 is the first query, not steady state
        server.writeSample();
        clock.set(QDateTime::currentDateTimeUtc());
        const InfluxQuery query = telemetry.poll().nextQuery();
        QSignalSpy finished(&telemetry, &InfluxTelemetrySource::cycleFinished);
        QSignalSpy snapshots(&telemetry, &TelemetrySource::snapshotReady);
        QElapsedTimer timer;
        timer.start();
        telemetry.pollNow();
        if (!finished.wait(AnswerTimeoutMs) || snapshots.isEmpty())
            fail(QStringLiteral("the poll did not finish: ") + telemetry.status().endpoints.value(0).message);
        const double elapsed = timer.nsecsElapsed() / 1e6;
        const CurlRun bare = curl(server.influx.url(), query);
        if (round < 0)
            continue;
        ours.append(elapsed);
        theirs.append(bare.totalMs);
        ratio.append(elapsed / bare.totalMs);
        wireBytes = bare.wireBytes;
        answerBytes = server.body(query).size();
    }
    const int peers = server.data->clientCount();
    return {{QStringLiteral("ours_ms"), median(ours)}, {QStringLiteral("curl_ms"), median(theirs)},
        {QStringLiteral("ratio"), median(ratio)}, {QStringLiteral("requests_per_poll"), 1},
        {QStringLiteral("wire_bytes_per_poll"), wireBytes}, {QStringLiteral("body_bytes_per_poll"), answerBytes},
        {QStringLiteral("wire_bytes_per_peer"), peers ? double(wireBytes) / peers : 0.0},
        {QStringLiteral("body_bytes_per_peer"), peers ? double(answerBytes) / peers : 0.0}};
}

/// Bench 4: polls of 10 s on a simulated clock, each answer the recorded steady-state one with its times moved
/// on, so the client sees time pass as it would in six hours.
QJsonObject soak(int peers, int polls)
{
    Server server;
    server.start(peers);
    ManualClock clock(server.last.addSecs(2));
    Client client(server.topology, &clock);
    clientCycle(client, server.body(client.poll.nextQuery()), clock.now());
    server.writeSample();
    const QByteArray steady = server.body(client.poll.nextQuery());
    server.influx.kill(); // from here on no server: its memory must not count, and the clock is simulated
    const long before = residentKilobytes();
    long afterHour = 0;
    QElapsedTimer timer;
    timer.start();
    for (int poll = 1; poll <= polls; ++poll) {
        clock.advance(ScaledTelegrafData::IntervalSeconds);
        clientCycle(client, shiftedTimes(steady, qint64(poll) * ScaledTelegrafData::IntervalSeconds * 1000), clock.now());
        if (poll == PollsPerHour)
            afterHour = residentKilobytes();
    }
    const long afterAll = residentKilobytes();
    return {{QStringLiteral("peers"), peers}, {QStringLiteral("polls"), polls},
        {QStringLiteral("rss_start_mb"), before / 1024.0}, {QStringLiteral("rss_1h_mb"), afterHour / 1024.0},
        {QStringLiteral("rss_end_mb"), afterAll / 1024.0},
        {QStringLiteral("growth_percent"), afterHour ? 100.0 * (afterAll - afterHour) / afterHour : 0.0},
        {QStringLiteral("seconds"), timer.elapsed() / 1000.0}};
}

void print(const QJsonObject& object)
{
    std::printf("%s\n", QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

[[noreturn]] void usage()
{
    std::fprintf(stderr, "usage: tunnelscope-bench-poll [--rounds R] PEERS... | --soak PEERS POLLS\n");
    std::exit(2);
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication application(argc, argv);
    QStringList arguments = QApplication::arguments().mid(1);
    if (InfluxServerFixture::executable().isEmpty())
        fail(QStringLiteral("influxd is not installed (Debian package influxdb)"));
    if (arguments.value(0) == QLatin1String("--soak")) {
        if (arguments.size() != 3)
            usage();
        print(soak(arguments.at(1).toInt(), arguments.at(2).toInt()));
        return 0;
    }
    int rounds = 7;
    if (arguments.value(0) == QLatin1String("--rounds") && arguments.size() > 1) {
        rounds = std::max(1, arguments.at(1).toInt());
        arguments = arguments.mid(2);
    }
    if (arguments.isEmpty())
        usage();
    for (const QString& argument : std::as_const(arguments)) {
        bool ok = false;
        const int peers = argument.toInt(&ok);
        if (!ok || peers < 1)
            usage();
        Server server;
        server.start(peers);
        QJsonObject row{{QStringLiteral("peers"), peers}};
        row.insert(QStringLiteral("client_work"), clientWork(server, rounds));
        row.insert(QStringLiteral("end_to_end"), endToEnd(server, rounds));
        print(row);
    }
    return 0;
}
