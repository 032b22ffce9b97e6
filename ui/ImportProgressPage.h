#pragma once
#include <QWizardPage>

class QLabel;
class QProgressBar;
class QPushButton;

namespace rs::ui {

/// Import wizard, step 5: progress of the running import with a Cancel button. The wizard
/// moves on to the result page by itself when the import ends.
class ImportProgressPage : public QWizardPage {
    Q_OBJECT
public:
    explicit ImportProgressPage(QWidget* parent = nullptr);

    void setRunning(const QString& what);
    void setProgress(double fraction, const QString& stage);
    void setCancelling();
    void setFinished();

    QProgressBar* progressBar() const { return m_bar; }
    QPushButton* cancelButton() const { return m_cancel; }

    bool isComplete() const override { return m_finished; }
    int nextId() const override;

signals:
    void cancelRequested();

private:
    QLabel* m_what;
    QLabel* m_stage;
    QProgressBar* m_bar;
    QPushButton* m_cancel;
    bool m_finished = false;
};

} // namespace rs::ui
