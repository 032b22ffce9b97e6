#pragma once
#include "ImportDraft.h"
#include "JobRunner.h"

#include <QWizard>
#include <optional>

namespace rs::ui {

class AppSettings;
class ImportFilesPage;
class ImportFormatPage;
class ImportOptionsPage;
class ImportProgressPage;
class ImportResultPage;
class WorkspaceSession;

/// Imports a ratings file (and optional item metadata) as a new dataset: files → format and
/// columns with a live preview → item metadata → name and options → progress (cancellable)
/// → result with counts and rejected lines. The import itself runs through the JobRunner on a
/// worker thread with its own workspace connection; the wizard never blocks the UI.
class ImportWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId {
        FilesPage,
        RatingsFormatPage,
        ItemsFormatPage,
        OptionsPage,
        ProgressPage,
        ResultPage
    };

    ImportWizard(WorkspaceSession& session, JobRunner& jobs, AppSettings* settings,
                 QWidget* parent = nullptr);
    ~ImportWizard() override;

    /// Pre-fills the files page: a name containing "rating" (else the first) is the ratings
    /// file, one naming movies/items/metadata (else the second) the item file.
    void setFiles(const QStringList& files);

    const ImportDraft& draft() const { return m_draft; }
    bool isImporting() const { return m_job != 0; }
    /// The last import's outcome (empty before the first import ended).
    const std::optional<rs::ImportResult>& result() const { return m_result; }

    ImportFilesPage* filesPage() const { return m_filesPage; }
    ImportFormatPage* ratingsPage() const { return m_ratingsPage; }
    ImportFormatPage* itemsPage() const { return m_itemsPage; }
    ImportOptionsPage* optionsPage() const { return m_optionsPage; }
    ImportProgressPage* progressPage() const { return m_progressPage; }
    ImportResultPage* resultPage() const { return m_resultPage; }

    /// Cancels a running import (the wizard stays open to show that nothing was written);
    /// otherwise closes.
    void reject() override;

signals:
    /// The import ended (any status); the result page shows it.
    void importFinished(int status, qint64 datasetId);

protected:
    void initializePage(int id) override;

private:
    void startImport();
    void onImportDone(const rs::ImportResult& result);
    void cancelImport();

    WorkspaceSession& m_session;
    JobRunner& m_jobs;
    ImportDraft m_draft;
    JobId m_job = 0;
    std::optional<rs::ImportResult> m_result;
    ImportFilesPage* m_filesPage;
    ImportFormatPage* m_ratingsPage;
    ImportFormatPage* m_itemsPage;
    ImportOptionsPage* m_optionsPage;
    ImportProgressPage* m_progressPage;
    ImportResultPage* m_resultPage;
};

} // namespace rs::ui
