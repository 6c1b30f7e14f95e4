// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sources/DataSourceCheck.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
struct DataSourceEntry;

/**
 * The fields of one data source: name, InfluxDB (URL, database, login), Loki (URL, tenant, login), CA file and
 * poll interval, each with its inline message. Edits go straight into the entry being edited. Secret fields are
 * never filled with a stored secret: a placeholder says one is stored, an empty field keeps it, Forget removes it.
 */
class DataSourceForm final : public QWidget
{
    Q_OBJECT

public:
    explicit DataSourceForm(QWidget* parent = nullptr);

    /// Not owned; null empties and disables the form.
    void edit(DataSourceEntry* entry);
    DataSourceEntry* entry() const { return m_entry; }
    void showProblems(const QList<DataSourceCheck::Problem>& problems);
    /// The inline message shown under a field, empty when none.
    QString messageFor(DataSourceCheck::Field field) const;
    /// The tunnel's subnets, inside which plain HTTP credentials are no warning (see PlainHttpExposure).
    void setTunnelCidrs(const QStringList& cidrs);
    /// The plain-HTTP credentials warning under the InfluxDB or Loki URL, empty when none is shown.
    QString exposureWarning(DataSourceCheck::Field urlField) const;

Q_SIGNALS:
    void changed();

private:
    QLineEdit* addLine(const char* objectName);
    QLabel* addMessage(DataSourceCheck::Field field);
    QLineEdit* addSecretLine(const char* objectName);
    QWidget* withMessage(QWidget* field, DataSourceCheck::Field which, QLabel* warning = nullptr);
    QLabel* addWarning(const char* objectName);
    void updateExposureWarnings();
    QWidget* secretRow(QLineEdit* edit, QPushButton* forget);
    void buildUi();
    void connectFields();
    void fill();
    void updateSecretFields();
    void browseCaFile();

    DataSourceEntry* m_entry = nullptr;
    bool m_filling = false;
    QLineEdit* m_name;
    QLineEdit* m_influxUrl;
    QLineEdit* m_database;
    QComboBox* m_auth;
    QLabel* m_influxSecretLabel = nullptr;
    QLineEdit* m_influxUser;
    QLineEdit* m_influxSecret;
    QPushButton* m_forgetInflux;
    QLineEdit* m_lokiUrl;
    QLineEdit* m_tenant;
    QLineEdit* m_lokiUser;
    QLineEdit* m_lokiSecret;
    QPushButton* m_forgetLoki;
    QLineEdit* m_caFile;
    QSpinBox* m_poll;
    QHash<DataSourceCheck::Field, QLabel*> m_messages;
    QLabel* m_influxExposure = nullptr;
    QLabel* m_lokiExposure = nullptr;
    QStringList m_tunnelCidrs;
};
