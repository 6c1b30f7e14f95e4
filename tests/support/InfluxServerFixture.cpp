// SPDX-License-Identifier: GPL-3.0-or-later
#include "InfluxServerFixture.h"

#include "BlockingHttp.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QStandardPaths>
#include <QThread>
#include <QUrlQuery>

InfluxServerFixture::InfluxServerFixture() = default;

InfluxServerFixture::~InfluxServerFixture()
{
    kill();
}

void InfluxServerFixture::kill()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool InfluxServerFixture::restart(QString* error)
{
    kill();
    return launch(error);
}

QString InfluxServerFixture::executable()
{
    return QStandardPaths::findExecutable(QStringLiteral("influxd"), {QStringLiteral("/usr/bin"), QStringLiteral("/usr/sbin")});
}

QUrl InfluxServerFixture::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_httpPort));
}

void InfluxServerFixture::setAdmin(const QByteArray& user, const QByteArray& password)
{
    const QByteArray pair = user + ':' + password;
    m_basicAuth = "Basic " + pair.toBase64();
}

bool InfluxServerFixture::startWithData(const QString& database, const QByteArray& lineProtocol, QString* error)
{
    return start(error) && !execute(QStringLiteral("CREATE DATABASE \"%1\"").arg(database), error).isEmpty()
        && write(database, lineProtocol, error);
}

bool InfluxServerFixture::start(QString* error, bool authEnabled)
{
    if (executable().isEmpty()) {
        *error = QStringLiteral("influxd is not installed");
        return false;
    }
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    m_httpPort = BlockingHttp::freeLoopbackPort();
    return writeConfig(authEnabled, error) && launch(error);
}

bool InfluxServerFixture::writeConfig(bool authEnabled, QString* error)
{
    const quint16 rpcPort = BlockingHttp::freeLoopbackPort();
    const QString dir = m_dir.path();
    const QString config = QStringLiteral(R"(reporting-disabled = true
bind-address = "127.0.0.1:%1"
[meta]
  dir = "%3/meta"
  logging-enabled = false
[data]
  dir = "%3/data"
  wal-dir = "%3/wal"
  wal-fsync-delay = "0s"
  query-log-enabled = false
[retention]
  enabled = false
[shard-precreation]
  enabled = false
[monitor]
  store-enabled = false
[subscriber]
  enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:%2"
  auth-enabled = %4
  log-enabled = false
  pprof-enabled = false
  bind-socket = "%3/influxdb.sock"
[ifql]
  enabled = false
[logging]
  level = "warn"
  suppress-logo = true
[continuous_queries]
  enabled = false
[[graphite]]
  enabled = false
[[collectd]]
  enabled = false
[[opentsdb]]
  enabled = false
[[udp]]
  enabled = false
)")
                               .arg(rpcPort)
                               .arg(m_httpPort)
                               .arg(dir)
                               .arg(authEnabled ? QStringLiteral("true") : QStringLiteral("false"));
    QFile file(dir + QStringLiteral("/influxdb.conf"));
    if (!file.open(QIODevice::WriteOnly) || file.write(config.toUtf8()) < 0) {
        *error = QStringLiteral("cannot write %1").arg(file.fileName());
        return false;
    }
    return true;
}

bool InfluxServerFixture::launch(QString* error)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(executable(), {QStringLiteral("-config"), m_dir.filePath(QStringLiteral("influxdb.conf"))});
    if (!m_process.waitForStarted(5000)) {
        *error = QStringLiteral("influxd did not start: %1").arg(m_process.errorString());
        return false;
    }
    const QDeadlineTimer deadline(StartTimeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process.state() == QProcess::NotRunning) {
            *error = QStringLiteral("influxd exited: %1").arg(serverOutput());
            return false;
        }
        QByteArray answer;
        if (exchange("GET", QUrl(url().toString() + QStringLiteral("/ping")), {}, &answer, 1000) == 204)
            return true;
        QThread::msleep(100);
    }
    *error = QStringLiteral("influxd did not answer /ping within %1 s: %2").arg(StartTimeoutMs / 1000).arg(serverOutput());
    return false;
}

QString InfluxServerFixture::serverOutput() const
{
    return QString::fromUtf8(const_cast<QProcess&>(m_process).readAll());
}

int InfluxServerFixture::exchange(const QByteArray& verb, const QUrl& url, const QByteArray& body, QByteArray* answer,
                                  int timeoutMs)
{
    QNetworkRequest request(url);
    if (!m_basicAuth.isEmpty())
        request.setRawHeader("Authorization", m_basicAuth);
    if (verb == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    return BlockingHttp::exchange(m_network, verb, request, body, answer, timeoutMs);
}

QByteArray InfluxServerFixture::execute(const QString& statement, QString* error)
{
    QByteArray answer;
    const int status = exchange("POST", QUrl(url().toString() + QStringLiteral("/query")),
                                "q=" + QUrl::toPercentEncoding(statement), &answer, 10000);
    if (status != 200) {
        *error = QStringLiteral("HTTP %1: %2").arg(status).arg(QString::fromUtf8(answer));
        return {};
    }
    return answer;
}

bool InfluxServerFixture::write(const QString& database, const QByteArray& lineProtocol, QString* error)
{
    QUrl target(url().toString() + QStringLiteral("/write"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("db"), database);
    query.addQueryItem(QStringLiteral("precision"), QStringLiteral("ns"));
    target.setQuery(query);
    QByteArray answer;
    const int status = exchange("POST", target, lineProtocol, &answer, 10000);
    if (status != 204) {
        *error = QStringLiteral("write: HTTP %1: %2").arg(status).arg(QString::fromUtf8(answer));
        return false;
    }
    return true;
}

QByteArray InfluxServerFixture::queryBody(const QString& statements, const QString& database, QString* error)
{
    QUrl target(url().toString() + QStringLiteral("/query"));
    target.setQuery(QStringLiteral("q=%1&db=%2&epoch=ms")
                        .arg(QString::fromLatin1(QUrl::toPercentEncoding(statements)),
                             QString::fromLatin1(QUrl::toPercentEncoding(database))),
                    QUrl::StrictMode);
    QByteArray answer;
    const int status = exchange("GET", target, {}, &answer, 10000);
    if (status != 200)
        *error = QStringLiteral("HTTP %1: %2").arg(status).arg(QString::fromUtf8(answer));
    return answer;
}
