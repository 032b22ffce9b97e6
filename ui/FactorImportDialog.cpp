#include "FactorImportDialog.h"

#include "InlineMessage.h"
#include "MetricFormat.h"
#include "SplitChooser.h"
#include "WorkspaceSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace rs::ui {

namespace {

/// A line edit with a "Browse…" button that picks an existing file.
QWidget* fileRow(QLineEdit* edit, const QString& title, QWidget* parent) {
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* browse = new QToolButton(row);
    browse->setText(QObject::tr("Browse…"));
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    QObject::connect(browse, &QToolButton::clicked, row, [edit, title, row] {
        const QString path = QFileDialog::getOpenFileName(
            row, title, edit->text(),
            QObject::tr("Factor files (*.csv *.tsv *.txt *.dat);;All files (*)"));
        if (!path.isEmpty())
            edit->setText(path);
    });
    return row;
}

QString sideText(const rs::FactorSideReport& side, const QString& what) {
    const QLocale l;
    QString text =
        QObject::tr("%1: %2 of %3 rows mapped")
            .arg(what, l.toString(qlonglong(side.mapped)), l.toString(qlonglong(side.rows)));
    if (side.unknown > 0) {
        QStringList examples;
        for (const std::string& e : side.unknownExamples)
            examples << QString::fromStdString(e);
        text += QObject::tr(", %1 unknown to the dataset and skipped (%2)")
                    .arg(l.toString(qlonglong(side.unknown)), examples.join(QStringLiteral(", ")));
    }
    if (side.missing > 0)
        text += QObject::tr(", %1 without a row (zero factors)")
                    .arg(l.toString(qlonglong(side.missing)));
    if (side.foldedIn > 0)
        text += QObject::tr(", %1 solved from their training ratings")
                    .arg(l.toString(qlonglong(side.foldedIn)));
    return text;
}

} // namespace

FactorImportDialog::FactorImportDialog(WorkspaceSession& session, JobRunner& jobs, QWidget* parent)
    : QDialog(parent), m_session(session), m_jobs(jobs), m_dataset(new QComboBox(this)),
      m_items(new QLineEdit(this)), m_users(new QLineEdit(this)),
      m_firstIsBias(
          new QCheckBox(tr("Headerless files: the first value after the id is a bias"), this)),
      m_kind(new QComboBox(this)), m_mean(new QDoubleSpinBox(this)), m_source(new QLineEdit(this)),
      m_evaluate(new QCheckBox(tr("Evaluate on a split, like a trained run"), this)),
      m_split(new SplitChooser(this)), m_message(new InlineMessage(this)),
      m_report(new QLabel(this)), m_progress(new QProgressBar(this)),
      m_import(new QPushButton(tr("Import"), this)),
      m_cancel(new QPushButton(tr("Cancel import"), this)) {
    setObjectName(QStringLiteral("factorImportDialog"));
    setWindowTitle(tr("Import factor model"));
    m_dataset->setObjectName(QStringLiteral("factorImportDataset"));
    m_items->setObjectName(QStringLiteral("factorImportItems"));
    m_items->setPlaceholderText(tr("item id, [bias,] f1 … fk — required"));
    m_users->setObjectName(QStringLiteral("factorImportUsers"));
    m_users->setPlaceholderText(tr("optional: without it users are solved from their ratings"));
    m_kind->addItem(tr("Rating prediction (explicit)"), QStringLiteral("rating"));
    m_kind->addItem(tr("Ranking (implicit feedback)"), QStringLiteral("implicit"));
    m_mean->setRange(-1e6, 1e6);
    m_mean->setDecimals(4);
    m_mean->setToolTip(tr("A constant added to every score (a model's global mean)"));
    m_source->setPlaceholderText(tr("e.g. Spark ALS rank 50 (defaults to the file name)"));
    m_report->setObjectName(QStringLiteral("factorImportReport"));
    m_report->setWordWrap(true);
    m_report->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setRange(0, 1000);
    m_progress->hide();
    m_cancel->hide();
    m_import->setObjectName(QStringLiteral("factorImportButton"));
    m_import->setDefault(true);
    m_evaluate->setChecked(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Dataset"), m_dataset);
    form->addRow(tr("Item factors"), fileRow(m_items, tr("Item factor file"), this));
    form->addRow(tr("User factors"), fileRow(m_users, tr("User factor file"), this));
    form->addRow(QString(), m_firstIsBias);
    form->addRow(tr("Scores are"), m_kind);
    form->addRow(tr("Global mean"), m_mean);
    form->addRow(tr("Source"), m_source);
    form->addRow(QString(), m_evaluate);
    form->addRow(m_split);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_import, QDialogButtonBox::ActionRole);
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_report);
    layout->addLayout(progressRow);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_import, &QPushButton::clicked, this, &FactorImportDialog::startImport);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_jobs.cancel(m_job);
    });
    connect(m_dataset, &QComboBox::currentIndexChanged, this, &FactorImportDialog::datasetChanged);
    connect(m_evaluate, &QCheckBox::toggled, m_split, &QWidget::setEnabled);
    connect(&m_jobs, &JobRunner::jobProgress, this,
            [this](JobId id, double fraction, const QString&) {
                if (id == m_job)
                    m_progress->setValue(int(fraction * 1000));
            });

    QString error;
    m_datasets = m_session.datasets(&error);
    if (!error.isEmpty())
        m_message->showError(tr("Cannot list the datasets: %1").arg(error));
    for (const rs::DatasetInfo& d : m_datasets)
        m_dataset->addItem(QString::fromStdString(d.name), qlonglong(d.id));
    if (m_datasets.empty())
        m_message->showError(tr("Import a rating dataset first: factors are mapped onto its ids."));
    datasetChanged();
}

void FactorImportDialog::setDataset(qint64 datasetId) {
    const int index = m_dataset->findData(qlonglong(datasetId));
    if (index >= 0)
        m_dataset->setCurrentIndex(index);
}

void FactorImportDialog::setItemsFile(const QString& path) {
    m_items->setText(path);
}

void FactorImportDialog::setUsersFile(const QString& path) {
    m_users->setText(path);
}

void FactorImportDialog::setKind(const QString& kind) {
    const int index = m_kind->findData(kind);
    if (index >= 0)
        m_kind->setCurrentIndex(index);
}

void FactorImportDialog::setMean(double mean) {
    m_mean->setValue(mean);
}

void FactorImportDialog::setEvaluate(bool on) {
    m_evaluate->setChecked(on);
}

void FactorImportDialog::datasetChanged() {
    const int index = m_dataset->currentIndex();
    const rs::DatasetInfo* info =
        index >= 0 && index < int(m_datasets.size()) ? &m_datasets[std::size_t(index)] : nullptr;
    m_split->setDataset(m_session.path(), info);
    if (info && info->implicit)
        setKind(QStringLiteral("implicit"));
}

void FactorImportDialog::startImport() {
    m_message->clear();
    m_report->clear();
    if (m_dataset->currentIndex() < 0) {
        m_message->showError(tr("Choose the dataset the factors belong to."));
        return;
    }
    if (m_items->text().trimmed().isEmpty()) {
        m_message->showError(tr("Choose the item factor file."));
        return;
    }
    if (m_evaluate->isChecked() && !m_split->isValid()) {
        m_message->showError(tr("The split is not valid for this dataset."));
        return;
    }
    rs::FactorImportRequest request;
    request.datasetId = m_dataset->currentData().toLongLong();
    request.itemsPath = m_items->text().trimmed().toStdString();
    request.usersPath = m_users->text().trimmed().toStdString();
    request.itemsFormat.firstValueIsBias = m_firstIsBias->isChecked();
    request.usersFormat.firstValueIsBias = m_firstIsBias->isChecked();
    request.kind = m_kind->currentData().toString().toStdString();
    request.mean = m_mean->value();
    request.source = m_source->text().trimmed().toStdString();
    if (m_evaluate->isChecked()) {
        const SplitChoice split = m_split->choice();
        request.split = split.spec;
        request.splitId = split.splitId;
    }
    const QString path = m_session.path();
    std::function<rs::FactorImportResult(const rs::Progress&)> work =
        [request, path](const rs::Progress& progress) {
            try {
                rs::Workspace ws(path.toStdString());
                return rs::importFactorModel(ws, request, progress);
            } catch (const std::exception& e) {
                rs::FactorImportResult failed;
                failed.error = e.what();
                return failed;
            }
        };
    m_import->setEnabled(false);
    m_progress->setValue(0);
    m_progress->show();
    m_cancel->show();
    m_job = m_jobs.start<rs::FactorImportResult>(
        tr("Import factors from %1").arg(QFileInfo(m_items->text()).fileName()), std::move(work),
        this, [this](rs::FactorImportResult r) { importArrived(std::move(r)); });
}

void FactorImportDialog::importArrived(rs::FactorImportResult result) {
    m_job = 0;
    m_import->setEnabled(true);
    m_progress->hide();
    m_cancel->hide();
    m_result = std::move(result);
    if (!m_result.ok) {
        m_message->showError(
            tr("Nothing was imported: %1").arg(QString::fromStdString(m_result.error)));
        emit finished(false, 0);
        return;
    }
    m_message->showMessage(InlineMessage::Kind::Success,
                           tr("Stored as run #%1 (model \"imported\", %2 factors).")
                               .arg(m_result.run.id)
                               .arg(m_result.k));
    m_report->setText(reportText(m_result));
    m_session.notifyRunsChanged(m_result.run.id);
    emit finished(true, m_result.run.id);
}

QString FactorImportDialog::reportText(const rs::FactorImportResult& r) const {
    QStringList lines{sideText(r.items, tr("Items"))};
    if (!r.users.file.empty() || r.users.foldedIn > 0)
        lines << sideText(r.users, tr("Users"));
    if (r.evaluated)
        lines << tr("Evaluated on %1 test ratings: %2")
                     .arg(QLocale().toString(qlonglong(r.testRows)),
                          MetricFormat::headline(r.run.metrics));
    return lines.join(u'\n');
}

} // namespace rs::ui
