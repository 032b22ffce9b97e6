#pragma once
#include "JobRunner.h"

#include "train/RunContext.h"
#include "whatif/DataWhatIf.h"

#include <QDialog>
#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace rs::ui {

class InlineMessage;
class TopNComparison;

/// "What if the data changed?" for one recommendation: the analyst lists changes to the run's
/// training data — remove one of the user's ratings, add a rating by the user, remove an item
/// from all data, down-weight an item everywhere — and runs them as a background job. The answer
/// (core runDataWhatIf: the model's fold-in when only the user's own ratings go, a retrain with
/// the run's settings otherwise) shows the user's top-N before and after, the explained item's
/// score and rank, how many users' lists changed, the edited items' exposure and how the
/// explanation's strongest evidence moved. Cancel stops a retrain; nothing is ever stored.
class DataWhatIfDialog : public QDialog {
    Q_OBJECT
public:
    enum Action { RemoveRating, AddRating, RemoveItem, WeightItem };

    DataWhatIfDialog(JobRunner& jobs, std::shared_ptr<const rs::RunContext> context, quint32 user,
                     quint32 item, QWidget* parent = nullptr);
    ~DataWhatIfDialog() override;

    /// Adds a change to the list (as the Add button does with the form's choice).
    void addEdit(const rs::DataEdit& edit);
    const std::vector<rs::DataEdit>& edits() const { return m_edits; }
    /// Runs the listed changes in the background; false (with the reason shown) when nothing is
    /// listed or a run is already going.
    bool runWhatIf();
    bool isBusy() const { return m_job != 0; }
    const std::optional<rs::DataWhatIfResult>& result() const { return m_result; }

    QComboBox* actionBox() const { return m_action; }
    QComboBox* itemBox() const { return m_itemBox; }
    QDoubleSpinBox* valueBox() const { return m_value; }
    QPushButton* addButton() const { return m_add; }
    QListWidget* editList() const { return m_editList; }
    QPushButton* removeEditButton() const { return m_removeEdit; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    QProgressBar* progressBar() const { return m_progress; }
    InlineMessage* message() const { return m_message; }
    QLabel* summaryLabel() const { return m_summary; }
    TopNComparison* comparison() const { return m_comparison; }
    QTableWidget* exposureTable() const { return m_exposure; }
    QTableWidget* evidenceTable() const { return m_evidence; }

signals:
    /// A what-if finished (its result or error is shown).
    void answered();

private:
    QWidget* buildForm();
    QWidget* buildResults();
    void actionChanged();
    void addFromForm();
    void refreshEditList();
    void showResult(rs::DataWhatIfResult result);
    void setBusy(bool busy);
    QString itemText(std::uint32_t item) const;
    QString editText(const rs::DataEdit& edit) const;

    JobRunner& m_jobs;
    std::shared_ptr<const rs::RunContext> m_ctx;
    quint32 m_user, m_item;
    std::vector<rs::DataEdit> m_edits;
    std::optional<rs::DataWhatIfResult> m_result;
    JobId m_job = 0;

    QComboBox* m_action = nullptr;
    QComboBox* m_itemBox = nullptr;
    QDoubleSpinBox* m_value = nullptr;
    QLabel* m_valueLabel = nullptr;
    QPushButton* m_add = nullptr;
    QListWidget* m_editList = nullptr;
    QPushButton* m_removeEdit = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    InlineMessage* m_message = nullptr;
    QLabel* m_summary = nullptr;
    TopNComparison* m_comparison = nullptr;
    QTableWidget* m_exposure = nullptr;
    QTableWidget* m_evidence = nullptr;
};

} // namespace rs::ui
