#pragma once
#include "models/Recommender.h"
#include "pipeline/PipelineDiff.h"
#include "pipeline/StageGraph.h"

#include <QDialog>
#include <QList>
#include <QPair>
#include <QString>
#include <QWidget>
#include <optional>
#include <vector>

class QLabel;
class QPushButton;
class QTableWidget;

namespace rs::ui {

class LossChart;

/// "Edit and re-run": a stage's parameters in an editable table; changedParams() lists the
/// values the user changed (key, new value) in the stage's order.
class PipelineRerunDialog : public QDialog {
    Q_OBJECT
public:
    PipelineRerunDialog(const rs::StageNode& node, QWidget* parent = nullptr);

    QTableWidget* table() const { return m_table; }
    /// Sets the value of `key` in the table; false for an unknown key.
    bool setValue(const QString& key, const QString& value);
    QList<QPair<QString, QString>> changedParams() const;

private:
    rs::StageNode m_node;
    QTableWidget* m_table;
    QPushButton* m_ok;
};

/// The details of the stage clicked in a pipeline: status, time and rows, its parameters and
/// outputs in a table (with the compared run's values and the differences marked in compare
/// mode), the error of a failed stage, the loss per epoch of a training stage, and for the
/// split and training stages of a stored run an "Edit and re-run…" button.
class PipelineDetails : public QWidget {
    Q_OBJECT
public:
    explicit PipelineDetails(QWidget* parent = nullptr);

    /// Shows `node` of run `runId` (0: a live run, not stored: no re-run). `epochs` feed the
    /// loss chart of a training stage; `diff` and `other` (the compared run's stage) add the
    /// "Compared run" column.
    void showNode(const rs::StageNode& node, qint64 runId,
                  const std::vector<rs::EpochRecord>& epochs = {},
                  const rs::StageNodeDiff* diff = nullptr, const rs::StageNode* other = nullptr);
    void clear();
    /// The stage shown (empty id when none).
    QString nodeId() const { return QString::fromStdString(m_node.id); }

    QLabel* titleLabel() const { return m_title; }
    QLabel* statusLabel() const { return m_status; }
    QLabel* errorLabel() const { return m_error; }
    QTableWidget* table() const { return m_table; }
    LossChart* lossChart() const { return m_loss; }
    QPushButton* rerunButton() const { return m_rerun; }
    /// The value column's text for a parameter or output key ("" when absent).
    QString valueOf(const QString& key) const;

    /// Opens the edit dialog for the stage shown (window-modal, not blocking); its accept()
    /// emits rerunRequested with the changes. nullptr when the stage cannot be re-run.
    PipelineRerunDialog* openRerunDialog();

signals:
    void rerunRequested(qint64 runId, const QString& nodeId,
                        const QList<QPair<QString, QString>>& changedParams);

private:
    rs::StageNode m_node;
    qint64 m_runId = 0;
    QLabel* m_title;
    QLabel* m_status;
    QLabel* m_error;
    QTableWidget* m_table;
    LossChart* m_loss;
    QPushButton* m_rerun;
};

} // namespace rs::ui
