// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiagramTestHelpers.h"
#include "DarkPalette.h"
#include "MainWindow.h"
#include "SourceTestHelpers.h"
#include "diagram/DiagramView.h"
#include "panels/NetworkStatusBar.h"
#include "settings/DataSourceForm.h"
#include "settings/DataSourcesDialog.h"
#include "sources/ActiveSourceMemory.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QStyleFactory>
#include <QTemporaryDir>

using namespace SourceTestHelpers;
using Field = DataSourceCheck::Field;

class TestDataSourcesDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void addedSourceIsSavedWithSecretsOnlyInTheKeychain();
    void badFieldShowsInlineMessageAndDisablesSave_data();
    void badFieldShowsInlineMessageAndDisablesSave();
    void nameUsedTwiceIsRefused();
    void unparseableUrlIsKeptAsTyped();
    void storedSecretIsNeverShownAndKeptWhenLeftEmpty();
    void forgetRemovesTheStoredSecret();
    void noKeychainShowsBannerAndKeepsDialogOpen();
    void removedSourceLosesItsSecrets();
    void duplicateCopiesSettingsButNotSecrets();
    void plainHttpCredentialsOutsideTheTunnelAreWarnedAbout();
    void screenshots();

private:
    void openWindow(const QString& path);
    DataSourcesDialog* openDialog();
    static QLineEdit* field(const DataSourcesDialog* dialog, const char* name);
    static void chooseAuth(const DataSourcesDialog* dialog, DataSource::InfluxAuth auth);
    static QByteArray fileBytes(const QString& path);

    QTemporaryDir m_settings;
    ManualClock m_clock;
    std::unique_ptr<FakeSecretStore> m_store;
    std::unique_ptr<NetworkState> m_network;
    std::unique_ptr<MainWindow> m_window;
};

void TestDataSourcesDialog::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    QCoreApplication::setOrganizationName(QStringLiteral("TunnelscopeTest"));
}

void TestDataSourcesDialog::init()
{
    m_store = std::make_unique<FakeSecretStore>();
}

void TestDataSourcesDialog::cleanup()
{
    m_window.reset();
    m_network.reset();
    m_store.reset();
}

void TestDataSourcesDialog::openWindow(const QString& path)
{
    m_network = std::make_unique<NetworkState>(&m_clock);
    m_window = std::make_unique<MainWindow>(m_network.get(), [this](const Topology& topology, const QString&) {
        return std::make_unique<DemoTelemetrySource>(topology, &m_clock);
    });
    m_window->setSecretStore(m_store.get());
    QCOMPARE(m_window->loadFile(path), QString());
    m_window->show();
}

DataSourcesDialog* TestDataSourcesDialog::openDialog()
{
    m_window->editDataSources();
    auto* dialog = m_window->findChild<DataSourcesDialog*>();
    if (dialog && !QTest::qWaitFor([dialog] { return dialog->isReady(); }, 5000))
        return nullptr;
    return dialog;
}

QLineEdit* TestDataSourcesDialog::field(const DataSourcesDialog* dialog, const char* name)
{
    return dialog->form()->findChild<QLineEdit*>(QString::fromLatin1(name));
}

void TestDataSourcesDialog::chooseAuth(const DataSourcesDialog* dialog, DataSource::InfluxAuth auth)
{
    auto* combo = dialog->form()->findChild<QComboBox*>(QStringLiteral("influxAuth"));
    combo->setCurrentIndex(combo->findData(int(auth)));
}

QByteArray TestDataSourcesDialog::fileBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestDataSourcesDialog::addedSourceIsSavedWithSecretsOnlyInTheKeychain()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mine.json"));
    QVERIFY(writeTopology(path, [](DataSource& source) { source.name = QStringLiteral("monitor11"); }));
    openWindow(path);
    QPointer<DataSourcesDialog> dialog = openDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->sourceList()->count(), 1);

    dialog->addSource();
    QCOMPARE(dialog->sourceList()->count(), 2);
    const QString id = dialog->dataSources().last().id;
    field(dialog, "name")->setText(QStringLiteral("Office"));
    field(dialog, "influxUrl")->setText(QStringLiteral("https://127.0.0.1:8086"));
    chooseAuth(dialog, DataSource::InfluxAuth::Token);
    QTest::keyClicks(field(dialog, "influxSecret"), QStringLiteral("tok-Q7x9-office"));
    field(dialog, "lokiUrl")->setText(QStringLiteral("http://127.0.0.1:3100"));
    field(dialog, "lokiTenant")->setText(QStringLiteral("ops"));
    field(dialog, "lokiUser")->setText(QStringLiteral("alice"));
    QTest::keyClicks(field(dialog, "lokiSecret"), QStringLiteral("pw-Loki-4411"));
    dialog->form()->findChild<QSpinBox*>(QStringLiteral("pollInterval"))->setValue(30);
    QCOMPARE(field(dialog, "influxSecret")->echoMode(), QLineEdit::Password);
    dialog->activeCombo()->setCurrentIndex(dialog->activeCombo()->findData(id));
    QVERIFY(dialog->saveButton()->isEnabled());
    dialog->saveButton()->click();
    QTRY_VERIFY(dialog.isNull() || !dialog->isVisible());

    // The keychain has the secrets...
    QCOMPARE(m_store->storedSecret(SecretKey::influxToken(id)), QByteArray("tok-Q7x9-office"));
    QCOMPARE(m_store->storedSecret(SecretKey::lokiPassword(id)), QByteArray("pw-Loki-4411"));
    // ...the topology file has the rest and no secret...
    const TopologyParseResult saved = TopologyFile::load(path);
    QVERIFY(saved.ok());
    QCOMPARE(saved.topology.dataSources.size(), 2);
    const DataSource* office = saved.topology.dataSource(id);
    QVERIFY(office);
    QCOMPARE(office->name, QStringLiteral("Office"));
    QCOMPARE(office->influxUrl, QUrl(QStringLiteral("https://127.0.0.1:8086")));
    QCOMPARE(office->influxAuth, DataSource::InfluxAuth::Token);
    QCOMPARE(office->lokiTenant, QStringLiteral("ops"));
    QCOMPARE(office->lokiUser, QStringLiteral("alice"));
    QCOMPARE(office->pollIntervalSeconds, 30);
    // ...and neither it nor the settings hold a secret anywhere.
    for (const QByteArray& secret : {QByteArray("tok-Q7x9-office"), QByteArray("pw-Loki-4411")}) {
        QVERIFY(!fileBytes(path).contains(secret));
        QCOMPARE(filesContaining(dir.path(), secret), QStringList());
        QCOMPARE(filesContaining(m_settings.path(), secret), QStringList());
    }
    // The chosen source is in use and remembered for this file.
    QCOMPARE(m_window->activeSourceId(), id);
    QCOMPARE(ActiveSourceMemory::recall(path), std::optional<QString>(id));
    QVERIFY(m_window->sourceCombo()->findText(QStringLiteral("Office")) >= 0);
    QVERIFY(!m_window->view()->isDemoBannerShown());
}

void TestDataSourcesDialog::badFieldShowsInlineMessageAndDisablesSave_data()
{
    QTest::addColumn<QString>("fieldName");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("message");
    QTest::newRow("influx URL without scheme") << QStringLiteral("influxUrl") << QStringLiteral("10.10.0.11:8086") << int(Field::InfluxUrl) << QStringLiteral("is not an http:// or https:// URL");
    QTest::newRow("influx URL ftp") << QStringLiteral("influxUrl") << QStringLiteral("ftp://10.10.0.11") << int(Field::InfluxUrl) << QStringLiteral("is not an http:// or https:// URL");
    QTest::newRow("loki URL words") << QStringLiteral("lokiUrl") << QStringLiteral("loki on monitor11") << int(Field::LokiUrl) << QStringLiteral("is not an http:// or https:// URL");
    QTest::newRow("influx URL with a password") << QStringLiteral("influxUrl") << QStringLiteral("http://reader:hunter2@10.10.0.11:8086") << int(Field::InfluxUrl) << QStringLiteral("the URL holds a password: remove \"user:password@\" and keep the password in the keychain");
    QTest::newRow("loki URL with a password") << QStringLiteral("lokiUrl") << QStringLiteral("http://grafana:hunter2@10.10.0.11:3100") << int(Field::LokiUrl) << QStringLiteral("TUNNELSCOPE_LOKI_PASSWORD");
    QTest::newRow("empty name") << QStringLiteral("name") << QStringLiteral("  ") << int(Field::Name) << QStringLiteral("Give the source a name");
    QTest::newRow("empty database") << QStringLiteral("influxDatabase") << QStringLiteral("") << int(Field::InfluxDatabase) << QStringLiteral("Name the database");
    QTest::newRow("missing CA file") << QStringLiteral("caFile") << QStringLiteral("/nonexistent/ca.pem") << int(Field::CaFile) << QStringLiteral("No readable file at /nonexistent/ca.pem");
}

void TestDataSourcesDialog::badFieldShowsInlineMessageAndDisablesSave()
{
    QFETCH(QString, fieldName);
    QFETCH(QString, text);
    QFETCH(int, field);
    QFETCH(QString, message);
    DataSourcesDialog dialog(TopologyFile::referenceDeployment().dataSources, QString(), m_store.get());
    dialog.show();
    QTRY_VERIFY(dialog.isReady());
    QVERIFY(dialog.saveButton()->isEnabled());
    QLineEdit* edit = dialog.form()->findChild<QLineEdit*>(fieldName);
    QVERIFY(edit);
    const QString good = edit->text();

    edit->setText(text);
    QVERIFY2(dialog.form()->messageFor(Field(field)).contains(message), qPrintable(dialog.form()->messageFor(Field(field))));
    QVERIFY(!dialog.saveButton()->isEnabled());
    QVERIFY(!dialog.sourceList()->item(0)->toolTip().isEmpty());
    dialog.accept(); // Return pressed anyway: nothing happens
    QVERIFY(dialog.isVisible());

    edit->setText(good);
    QCOMPARE(dialog.form()->messageFor(Field(field)), QString());
    QVERIFY(dialog.saveButton()->isEnabled());
}

void TestDataSourcesDialog::nameUsedTwiceIsRefused()
{
    DataSourcesDialog dialog(TopologyFile::referenceDeployment().dataSources, QString(), m_store.get());
    dialog.show();
    QTRY_VERIFY(dialog.isReady());
    dialog.addSource();
    field(&dialog, "influxUrl")->setText(QStringLiteral("http://127.0.0.1:8086"));
    QVERIFY(dialog.saveButton()->isEnabled());
    field(&dialog, "name")->setText(QStringLiteral("MONITOR11 over the tunnel "));
    QVERIFY(dialog.form()->messageFor(Field::Name).contains(QStringLiteral("already called")));
    QVERIFY(!dialog.saveButton()->isEnabled());
}

void TestDataSourcesDialog::unparseableUrlIsKeptAsTyped()
{
    DataSourcesDialog dialog(TopologyFile::referenceDeployment().dataSources, QString(), m_store.get());
    dialog.show();
    QTRY_VERIFY(dialog.isReady());
    dialog.addSource();
    field(&dialog, "influxUrl")->setText(QStringLiteral("10.10.0.12:8086"));
    dialog.sourceList()->setCurrentRow(0);
    QCOMPARE(dialog.form()->messageFor(Field::InfluxUrl), QString());
    dialog.sourceList()->setCurrentRow(1);
    QCOMPARE(field(&dialog, "influxUrl")->text(), QStringLiteral("10.10.0.12:8086"));
    QVERIFY2(dialog.form()->messageFor(Field::InfluxUrl).contains(QStringLiteral("\"10.10.0.12:8086\"")), qPrintable(dialog.form()->messageFor(Field::InfluxUrl)));
    QVERIFY(!dialog.saveButton()->isEnabled());
}

void TestDataSourcesDialog::storedSecretIsNeverShownAndKeptWhenLeftEmpty()
{
    QList<DataSource> sources = TopologyFile::referenceDeployment().dataSources;
    sources.first().influxAuth = DataSource::InfluxAuth::UserPassword;
    sources.first().influxUser = QStringLiteral("reader");
    const SecretKey key = SecretKey::influxPassword(sources.first().id);
    QVERIFY(storeSecret(*m_store, key, "s3cret-stored"));

    DataSourcesDialog dialog(sources, QString(), m_store.get());
    dialog.show();
    QTRY_VERIFY(dialog.isReady());
    QLineEdit* secret = field(&dialog, "influxSecret");
    QCOMPARE(secret->text(), QString());
    QCOMPARE(secret->placeholderText(), QStringLiteral("stored in keychain"));
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QVERIFY(dialog.form()->findChild<QPushButton*>(QStringLiteral("forgetInflux"))->isEnabled());

    const int calls = m_store->callCount();
    dialog.saveButton()->click();
    QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(m_store->callCount(), calls); // an empty field writes nothing
    QCOMPARE(m_store->storedSecret(key), QByteArray("s3cret-stored"));
}

void TestDataSourcesDialog::forgetRemovesTheStoredSecret()
{
    QList<DataSource> sources = TopologyFile::referenceDeployment().dataSources;
    sources.first().influxAuth = DataSource::InfluxAuth::Token;
    const SecretKey key = SecretKey::influxToken(sources.first().id);
    QVERIFY(storeSecret(*m_store, key, "tok-to-forget"));

    DataSourcesDialog dialog(sources, QString(), m_store.get());
    dialog.show();
    QTRY_VERIFY(dialog.isReady());
    auto* forget = dialog.form()->findChild<QPushButton*>(QStringLiteral("forgetInflux"));
    QVERIFY(forget->isEnabled());
    forget->click();
    QCOMPARE(field(&dialog, "influxSecret")->placeholderText(), QStringLiteral("not stored"));
    QVERIFY(!forget->isEnabled());
    QVERIFY(m_store->contains(key)); // only on save
    dialog.saveButton()->click();
    QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!m_store->contains(key));
}

void TestDataSourcesDialog::noKeychainShowsBannerAndKeepsDialogOpen()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("mine.json"));
    QVERIFY(writeTopology(path, [](DataSource&) {}));
    const QByteArray before = fileBytes(path);
    m_store->setBehaviour(FakeSecretStore::Behaviour::NoKeychain);
    openWindow(path);
    QPointer<DataSourcesDialog> dialog = openDialog();
    QVERIFY(dialog);
    // Told at once, in the store's words.
    QVERIFY(dialog->isBannerShown());
    QVERIFY2(dialog->bannerText().contains(SecretResult::noKeychainMessage(SecretOperation::CheckAvailability)), qPrintable(dialog->bannerText()));

    chooseAuth(dialog, DataSource::InfluxAuth::UserPassword);
    field(dialog, "influxUser")->setText(QStringLiteral("reader"));
    QTest::keyClicks(field(dialog, "influxSecret"), QStringLiteral("hunter2-nokeychain"));
    dialog->saveButton()->click();
    QTRY_VERIFY(!dialog->isSaving());
    QTest::qWait(50);
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY(dialog->result() != QDialog::Accepted);
    QVERIFY2(dialog->bannerText().contains(SecretResult::noKeychainMessage(SecretOperation::Write)), qPrintable(dialog->bannerText()));
    QCOMPARE(field(dialog, "influxSecret")->text(), QStringLiteral("hunter2-nokeychain")); // not lost
    QCOMPARE(m_store->entryCount(), 0);
    QCOMPARE(fileBytes(path), before);

    // Saving without the secret is the user's explicit choice; still nothing secret anywhere.
    auto* saveWithout = dialog->findChild<QPushButton*>(QStringLiteral("saveWithoutSecrets"));
    QVERIFY(saveWithout->isVisible());
    saveWithout->click();
    QTRY_VERIFY(dialog.isNull() || !dialog->isVisible());
    QCOMPARE(TopologyFile::load(path).topology.dataSources.first().influxUser, QStringLiteral("reader"));
    QCOMPARE(filesContaining(dir.path(), "hunter2-nokeychain"), QStringList());
    QCOMPARE(filesContaining(m_settings.path(), "hunter2-nokeychain"), QStringList());
    QCOMPARE(m_store->entryCount(), 0);
}

void TestDataSourcesDialog::removedSourceLosesItsSecrets()
{
    const QList<DataSource> sources = TopologyFile::referenceDeployment().dataSources;
    const QString id = sources.first().id;
    QVERIFY(storeSecret(*m_store, SecretKey::influxToken(id), "tok"));
    QVERIFY(storeSecret(*m_store, SecretKey::lokiPassword(id), "pw"));
    DataSourcesDialog dialog(sources, id, m_store.get());
    dialog.show();
    QTRY_VERIFY(dialog.isReady());
    QCOMPARE(dialog.activeSourceId(), id);
    dialog.removeSource();
    QCOMPARE(dialog.sourceList()->count(), 0);
    QVERIFY(!dialog.form()->isEnabled());
    QCOMPARE(dialog.activeSourceId(), QString()); // back to demo data
    dialog.saveButton()->click();
    QTRY_COMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.dataSources().size(), 0);
    QCOMPARE(m_store->entryCount(), 0);
}

void TestDataSourcesDialog::duplicateCopiesSettingsButNotSecrets()
{
    QList<DataSource> sources = TopologyFile::referenceDeployment().dataSources;
    sources.first().influxAuth = DataSource::InfluxAuth::Token;
    QVERIFY(storeSecret(*m_store, SecretKey::influxToken(sources.first().id), "tok"));
    DataSourcesDialog dialog(sources, QString(), m_store.get());
    dialog.show();
    QTRY_VERIFY(dialog.isReady());
    dialog.duplicateSource();
    const QList<DataSource> edited = dialog.dataSources();
    QCOMPARE(edited.size(), 2);
    QVERIFY(edited.at(1).id != edited.at(0).id);
    QCOMPARE(edited.at(1).name, QStringLiteral("Copy of monitor11 over the tunnel"));
    QCOMPARE(edited.at(1).influxUrl, edited.at(0).influxUrl);
    QCOMPARE(field(&dialog, "influxSecret")->placeholderText(), QStringLiteral("not stored"));
    QVERIFY(dialog.saveButton()->isEnabled());
}

void TestDataSourcesDialog::plainHttpCredentialsOutsideTheTunnelAreWarnedAbout()
{
    DataSourcesDialog dialog(TopologyFile::referenceDeployment().dataSources, QString(), m_store.get());
    dialog.setTunnelCidrs({QStringLiteral("10.10.0.0/24")});
    dialog.show();
    QTRY_VERIFY(dialog.isReady());
    auto* warning = dialog.form()->findChild<QLabel*>(QStringLiteral("influxUrlWarning"));
    QVERIFY(warning);
    chooseAuth(&dialog, DataSource::InfluxAuth::UserPassword);
    field(&dialog, "influxUser")->setText(QStringLiteral("reader"));
    field(&dialog, "influxUrl")->setText(QStringLiteral("http://10.10.0.11:8086"));
    QCOMPARE(dialog.form()->exposureWarning(Field::InfluxUrl), QString()); // inside the tunnel
    field(&dialog, "influxUrl")->setText(QStringLiteral("http://203.0.113.5:8086"));
    const QString text = dialog.form()->exposureWarning(Field::InfluxUrl);
    QVERIFY2(text.contains(QStringLiteral("203.0.113.5")) && text.contains(QStringLiteral("plain HTTP")), qPrintable(text));
    QVERIFY(warning->isVisible());
    QVERIFY(dialog.saveButton()->isEnabled()); // a warning, not a refusal
    field(&dialog, "influxUrl")->setText(QStringLiteral("https://203.0.113.5:8086"));
    QCOMPARE(dialog.form()->exposureWarning(Field::InfluxUrl), QString());
    QVERIFY(!warning->isVisible());
    field(&dialog, "lokiUser")->setText(QStringLiteral("viewer"));
    field(&dialog, "lokiUrl")->setText(QStringLiteral("http://logs.example.org:3100"));
    QVERIFY2(dialog.form()->exposureWarning(Field::LokiUrl).contains(QStringLiteral("logs.example.org")),
             qPrintable(dialog.form()->exposureWarning(Field::LokiUrl)));
}

void TestDataSourcesDialog::screenshots()
{
    // For looking at the dialog: TUNNELSCOPE_SCREENSHOT_DIR=/tmp ctest -R TestDataSourcesDialog
    const QString directory = qEnvironmentVariable("TUNNELSCOPE_SCREENSHOT_DIR");
    if (directory.isEmpty())
        QSKIP("TUNNELSCOPE_SCREENSHOT_DIR is not set");
    QList<DataSource> sources = TopologyFile::referenceDeployment().dataSources;
    sources.first().influxAuth = DataSource::InfluxAuth::UserPassword;
    sources.first().influxUser = QStringLiteral("reader");
    QVERIFY(storeSecret(*m_store, SecretKey::influxPassword(sources.first().id), "pw"));
    const QPalette light = QApplication::palette();
    for (const bool dark : {false, true}) {
        if (dark) {
            QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
            QApplication::setPalette(DarkPalette::make());
        }
        m_store->setBehaviour(dark ? FakeSecretStore::Behaviour::NoKeychain : FakeSecretStore::Behaviour::Available);
        DataSourcesDialog dialog(sources, sources.first().id, m_store.get());
        dialog.show();
        QTRY_VERIFY(dialog.isReady());
        dialog.addSource();
        field(&dialog, "influxUrl")->setText(QStringLiteral("10.10.0.12:8086"));
        dialog.sourceList()->setCurrentRow(0);
        QTest::qWait(20);
        QVERIFY(dialog.grab().save(directory + (dark ? QStringLiteral("/datasources-dark.png") : QStringLiteral("/datasources.png"))));
        dialog.sourceList()->setCurrentRow(1);
        QTest::qWait(20);
        QCOMPARE(field(&dialog, "influxUrl")->text(), QStringLiteral("10.10.0.12:8086")); // kept as typed
        QVERIFY(dialog.form()->messageFor(Field::InfluxUrl).contains(QStringLiteral("\"10.10.0.12:8086\"")));
        QVERIFY(dialog.grab().save(directory + (dark ? QStringLiteral("/datasources-invalid-dark.png") : QStringLiteral("/datasources-invalid.png"))));
        dialog.setTunnelCidrs({QStringLiteral("10.10.0.0/24")});
        chooseAuth(&dialog, DataSource::InfluxAuth::UserPassword);
        field(&dialog, "influxUser")->setText(QStringLiteral("reader"));
        field(&dialog, "influxUrl")->setText(QStringLiteral("http://203.0.113.5:8086"));
        QTest::qWait(20);
        QVERIFY(!dialog.form()->exposureWarning(Field::InfluxUrl).isEmpty());
        QVERIFY(dialog.grab().save(directory + (dark ? QStringLiteral("/datasources-warning-dark.png") : QStringLiteral("/datasources-warning.png"))));
    }
    QApplication::setPalette(light);
}

QTEST_MAIN(TestDataSourcesDialog)
#include "TestDataSourcesDialog.moc"
