#pragma once
#include "JobRunner.h"
#include "import/FactorImport.h"
#include "store/DatasetStore.h"

#include <QDialog>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace rs::ui {

class InlineMessage;
class SplitChooser;
class WorkspaceSession;

/// "Bring your own model": imports item (and optionally user) factor matrices trained elsewhere
/// (Spark ALS, implicit, LightFM, Surprise, ...) as a run of model "imported" on a dataset of the
/// workspace, so the Latent space map, neighbours, recommendations, heatmaps and the why panel's
/// decomposition work on it. Files are CSV/TSV/space-separated "id, [bias,] f1..fk" or Spark's
/// "id,[f1, ..., fk]"; ids are mapped onto the dataset's ids (unknown ones are skipped and
/// reported). Optionally evaluated on a split like a trained run. The import runs as a job; a
/// bad file is reported with its file and line and writes nothing.
class FactorImportDialog : public QDialog {
    Q_OBJECT
public:
    FactorImportDialog(WorkspaceSession& session, JobRunner& jobs, QWidget* parent = nullptr);

    void setDataset(qint64 datasetId);
    void setItemsFile(const QString& path);
    void setUsersFile(const QString& path);
    void setKind(const QString& kind); ///< "rating" or "implicit"
    void setMean(double mean);
    void setEvaluate(bool on);
    /// Starts the import job; finished() follows.
    void startImport();

    bool isBusy() const { return m_job != 0; }
    InlineMessage* message() const { return m_message; }
    QLabel* reportLabel() const { return m_report; }
    QPushButton* importButton() const { return m_import; }
    SplitChooser* splitChooser() const { return m_split; }
    /// The last import's result.
    const rs::FactorImportResult& result() const { return m_result; }

signals:
    /// An import ended: ok with the stored run's id, or not (see message()).
    void finished(bool ok, qint64 runId);

private:
    void datasetChanged();
    void importArrived(rs::FactorImportResult result);
    QString reportText(const rs::FactorImportResult& r) const;

    WorkspaceSession& m_session;
    JobRunner& m_jobs;
    std::vector<rs::DatasetInfo> m_datasets;
    rs::FactorImportResult m_result;
    JobId m_job = 0;

    QComboBox* m_dataset;
    QLineEdit* m_items;
    QLineEdit* m_users;
    QCheckBox* m_firstIsBias;
    QComboBox* m_kind;
    QDoubleSpinBox* m_mean;
    QLineEdit* m_source;
    QCheckBox* m_evaluate;
    SplitChooser* m_split;
    InlineMessage* m_message;
    QLabel* m_report;
    QProgressBar* m_progress;
    QPushButton* m_import;
    QPushButton* m_cancel;
};

} // namespace rs::ui
