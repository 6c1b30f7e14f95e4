// SPDX-License-Identifier: GPL-3.0-or-later
#include "LokiServerFixture.h"

#include "BlockingHttp.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

namespace {

QString configPath(const QTemporaryDir& dir)
{
    return dir.filePath(QStringLiteral("loki.yaml"));
}

} // namespace

LokiServerFixture::LokiServerFixture() = default;

LokiServerFixture::~LokiServerFixture()
{
    kill();
}

QString LokiServerFixture::executable()
{
    const QString path = qEnvironmentVariableIsSet("TUNNELSCOPE_LOKI") ? qEnvironmentVariable("TUNNELSCOPE_LOKI")
                                                                       : QStringLiteral(TUNNELSCOPE_LOKI_BINARY);
    const QFileInfo file(path);
    return !path.isEmpty() && file.isFile() && file.isExecutable() ? file.absoluteFilePath() : QString();
}

QString LokiServerFixture::missingReason()
{
    return QStringLiteral("no Loki binary: the build unpacks ../shared/tools/loki-2.7.5-linux-amd64.xz next to the "
                          "source into BUILD/tools/loki (needs xz-utils), or set TUNNELSCOPE_LOKI");
}

QUrl LokiServerFixture::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_httpPort));
}

bool LokiServerFixture::start(QString* error, bool multiTenant)
{
    if (executable().isEmpty()) {
        *error = missingReason();
        return false;
    }
    if (!m_dir.isValid()) {
        *error = QStringLiteral("no temporary directory");
        return false;
    }
    m_multiTenant = multiTenant;
    m_httpPort = BlockingHttp::freeLoopbackPort();
    m_grpcPort = BlockingHttp::freeLoopbackPort();
    return writeConfig(error) && launch(error);
}

bool LokiServerFixture::writeConfig(QString* error) const
{
    const QString dir = m_dir.path();
    const QString config = QStringLiteral(R"(auth_enabled: %1
server: {http_listen_address: 127.0.0.1, http_listen_port: %2, grpc_listen_address: 127.0.0.1, grpc_listen_port: %3, log_level: warn}
common:
  instance_addr: 127.0.0.1
  path_prefix: %4
  storage: {filesystem: {chunks_directory: %4/chunks, rules_directory: %4/rules}}
  replication_factor: 1
  ring: {instance_addr: 127.0.0.1, kvstore: {store: inmemory}}
schema_config:
  configs: [{from: 2020-10-24, store: boltdb-shipper, object_store: filesystem, schema: v11, index: {prefix: index_, period: 24h}}]
frontend: {address: 127.0.0.1}
analytics: {reporting_enabled: false}
ingester: {lifecycler: {min_ready_duration: 0s, final_sleep: 0s}}
)")
                               .arg(m_multiTenant ? QStringLiteral("true") : QStringLiteral("false"))
                               .arg(m_httpPort)
                               .arg(m_grpcPort)
                               .arg(dir);
    QFile file(configPath(m_dir));
    if (!file.open(QIODevice::WriteOnly) || file.write(config.toUtf8()) < 0) {
        *error = QStringLiteral("cannot write %1").arg(file.fileName());
        return false;
    }
    return true;
}

bool LokiServerFixture::launch(QString* error)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    // /ready stays 503 ("number of schedulers this worker is connected to is 0") for about 10 s, until the query
    // frontend's first scheduler lookup; a shorter lookup period makes it ready early but its queries hang.
    m_process.start(executable(), {QStringLiteral("-config.file=") + configPath(m_dir)});
    if (!m_process.waitForStarted(5000)) {
        *error = QStringLiteral("loki did not start: %1").arg(m_process.errorString());
        return false;
    }
    const QDeadlineTimer deadline(StartTimeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process.state() == QProcess::NotRunning) {
            *error = QStringLiteral("loki exited: %1").arg(serverOutput());
            return false;
        }
        QByteArray answer;
        if (BlockingHttp::exchange(m_network, "GET", QNetworkRequest(QUrl(url().toString() + QStringLiteral("/ready"))),
                                   {}, &answer, 1000)
            == 200)
            return true;
        QThread::msleep(100);
    }
    *error = QStringLiteral("loki was not ready within %1 s: %2").arg(StartTimeoutMs / 1000).arg(serverOutput());
    return false;
}

void LokiServerFixture::kill()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool LokiServerFixture::restart(QString* error)
{
    kill();
    return launch(error);
}

bool LokiServerFixture::push(const QMap<QString, QString>& labels, const QList<Line>& lines, QString* error,
                             const QByteArray& tenant)
{
    QJsonObject stream;
    for (auto it = labels.constBegin(); it != labels.constEnd(); ++it)
        stream.insert(it.key(), it.value());
    QJsonArray values;
    for (const Line& line : lines)
        values.append(QJsonArray{QString::number(line.time.toMSecsSinceEpoch() * 1000000), line.text});
    const QJsonObject body{{QStringLiteral("streams"), QJsonArray{QJsonObject{{QStringLiteral("stream"), stream},
                                                                               {QStringLiteral("values"), values}}}}};
    QNetworkRequest request(QUrl(url().toString() + QStringLiteral("/loki/api/v1/push")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!tenant.isEmpty())
        request.setRawHeader("X-Scope-OrgID", tenant);
    QByteArray answer;
    const int status = BlockingHttp::exchange(m_network, "POST", request, QJsonDocument(body).toJson(QJsonDocument::Compact),
                                              &answer, 10000);
    if (status != 204) {
        *error = QStringLiteral("push: HTTP %1: %2").arg(status).arg(QString::fromUtf8(answer));
        return false;
    }
    return true;
}

QString LokiServerFixture::serverOutput() const
{
    return QString::fromUtf8(const_cast<QProcess&>(m_process).readAll());
}
