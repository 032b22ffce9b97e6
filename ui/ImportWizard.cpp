#include "ImportWizard.h"

#include "ImportFilesPage.h"
#include "ImportFormatPage.h"
#include "ImportOptionsPage.h"
#include "ImportProgressPage.h"
#include "ImportResultPage.h"
#include "UiLog.h"
#include "WorkspaceSession.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace rs::ui {

ImportWizard::ImportWizard(WorkspaceSession& session, JobRunner& jobs, AppSettings* settings,
                           QWidget* parent)
    : QWizard(parent), m_session(session), m_jobs(jobs),
      m_filesPage(new ImportFilesPage(m_draft, settings, this)),
      m_ratingsPage(new ImportFormatPage(FilePreviewPanel::Kind::Ratings, m_draft, this)),
      m_itemsPage(new ImportFormatPage(FilePreviewPanel::Kind::Items, m_draft, this)),
      m_optionsPage(new ImportOptionsPage(m_draft, session, this)),
      m_progressPage(new ImportProgressPage(this)), m_resultPage(new ImportResultPage(this)) {
    setObjectName(QStringLiteral("importWizard"));
    setWindowTitle(tr("Import ratings"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage, true);
    setOption(QWizard::NoCancelButtonOnLastPage, true);
    setPage(FilesPage, m_filesPage);
    setPage(RatingsFormatPage, m_ratingsPage);
    setPage(ItemsFormatPage, m_itemsPage);
    setPage(OptionsPage, m_optionsPage);
    setPage(ProgressPage, m_progressPage);
    setPage(ResultPage, m_resultPage);
    setStartId(FilesPage);
    resize(900, 640);
    connect(m_progressPage, &ImportProgressPage::cancelRequested, this,
            &ImportWizard::cancelImport);
    connect(m_resultPage, &ImportResultPage::retryRequested, this, &QWizard::restart);
    connect(&m_jobs, &JobRunner::jobProgress, this,
            [this](JobId id, double fraction, const QString& stage) {
                if (id == m_job && m_job != 0)
                    m_progressPage->setProgress(fraction, stage);
            });
}

ImportWizard::~ImportWizard() {
    if (m_job)
        m_jobs.cancel(m_job);
}

void ImportWizard::setFiles(const QStringList& files) {
    QStringList rest = files;
    QString ratings, items;
    const QRegularExpression ratingName(QStringLiteral("rating"),
                                        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpression itemName(QStringLiteral("movie|item|meta|book|product|title"),
                                      QRegularExpression::CaseInsensitiveOption);
    for (const QString& f : rest) {
        if (QFileInfo(f).fileName().contains(ratingName)) {
            ratings = f;
            break;
        }
    }
    if (ratings.isEmpty() && !rest.isEmpty())
        ratings = rest.first();
    rest.removeAll(ratings);
    for (const QString& f : rest) {
        if (QFileInfo(f).fileName().contains(itemName)) {
            items = f;
            break;
        }
    }
    if (items.isEmpty() && !rest.isEmpty())
        items = rest.first();
    m_filesPage->setFiles(ratings, items);
}

void ImportWizard::initializePage(int id) {
    QWizard::initializePage(id);
    if (id == ProgressPage)
        startImport();
}

void ImportWizard::startImport() {
    m_result.reset();
    const QString workspacePath = m_session.path();
    const rs::ImportOptions options = m_draft.toOptions();
    m_progressPage->setRunning(tr("Importing %1 as “%2” into %3")
                                   .arg(QFileInfo(m_draft.ratingsPath).fileName(),
                                        m_draft.datasetName, QFileInfo(workspacePath).fileName()));
    std::function<rs::ImportResult(const rs::Progress&)> work =
        [workspacePath, options](const rs::Progress& progress) {
            try {
                rs::Workspace ws(workspacePath.toStdString());
                return rs::importRatings(ws, options, progress);
            } catch (const std::exception& e) {
                rs::ImportResult failed;
                failed.status = rs::ImportStatus::Failed;
                failed.error = e.what();
                return failed;
            }
        };
    m_job = m_jobs.start<rs::ImportResult>(tr("Importing “%1”").arg(m_draft.datasetName),
                                           std::move(work), this,
                                           [this](rs::ImportResult r) { onImportDone(r); });
}

void ImportWizard::cancelImport() {
    if (!m_job)
        return;
    m_jobs.cancel(m_job);
    m_progressPage->setCancelling();
}

void ImportWizard::onImportDone(const rs::ImportResult& result) {
    m_job = 0;
    m_result = result;
    qCInfo(lcUi) << "import ended:" << int(result.status) << result.ratings << "ratings"
                 << QString::fromStdString(result.error);
    if (result.status == rs::ImportStatus::Ok)
        m_session.notifyDatasetsChanged(result.datasetId);
    m_progressPage->setFinished();
    m_resultPage->showResult(result);
    if (currentId() == ProgressPage)
        next();
    emit importFinished(int(result.status), result.datasetId);
}

void ImportWizard::reject() {
    if (m_job) {
        cancelImport();
        return;
    }
    QWizard::reject();
}

} // namespace rs::ui
