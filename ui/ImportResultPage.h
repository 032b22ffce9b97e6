#pragma once
#include "import/ImportJob.h"

#include <QMap>
#include <QWizardPage>

class QLabel;
class QPushButton;
class QTableView;

namespace rs::ui {

class InlineMessage;
class RejectsTableModel;

/// Import wizard, last step: what the import did — counts (ratings, users, items, duplicates,
/// rejected, seconds), the rejected lines with file and line number — or, inline, why it
/// failed and that nothing was written.
class ImportResultPage : public QWizardPage {
    Q_OBJECT
public:
    explicit ImportResultPage(QWidget* parent = nullptr);

    void showResult(const rs::ImportResult& result);

    /// The value shown for a count ("ratings", "users", "items", "duplicates", "rejected",
    /// "seconds", "lines", ...), for tests.
    QString countText(const QString& key) const;
    InlineMessage* message() const { return m_message; }
    RejectsTableModel* rejectsModel() const { return m_rejects; }
    QTableView* rejectsView() const { return m_rejectsView; }
    QPushButton* retryButton() const { return m_retry; }

    int nextId() const override { return -1; }

signals:
    void retryRequested();

private:
    QLabel* addCount(const QString& key, const QString& caption, int row, int column);

    InlineMessage* m_message;
    QWidget* m_counts;
    QMap<QString, QLabel*> m_values;
    QLabel* m_rejectsTitle;
    RejectsTableModel* m_rejects;
    QTableView* m_rejectsView;
    QPushButton* m_retry;
};

} // namespace rs::ui
