#pragma once
#include "JobRunner.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace rs::ui {

/// Status-bar widget for the JobRunner: the title and stage of the latest running job, a
/// progress bar and a cancel button ("+N" when more jobs run). Hidden when nothing runs.
class JobStatusWidget : public QWidget {
    Q_OBJECT
public:
    explicit JobStatusWidget(JobRunner& runner, QWidget* parent = nullptr);

    /// The job currently shown (0 when none).
    JobId shownJob() const { return m_shown; }
    QProgressBar* progressBar() const { return m_bar; }
    QToolButton* cancelButton() const { return m_cancel; }

private:
    void refresh();

    JobRunner& m_runner;
    QLabel* m_label;
    QProgressBar* m_bar;
    QToolButton* m_cancel;
    JobId m_shown = 0;
    JobId m_cancelling = 0;
};

} // namespace rs::ui
