#include "ImportFormatPage.h"

#include "ImportDraft.h"
#include "ImportWizard.h"

#include <QFileInfo>
#include <QVBoxLayout>

namespace rs::ui {

ImportFormatPage::ImportFormatPage(FilePreviewPanel::Kind kind, ImportDraft& draft, QWidget* parent)
    : QWizardPage(parent), m_kind(kind), m_draft(draft), m_panel(new FilePreviewPanel(kind, this)) {
    if (kind == FilePreviewPanel::Kind::Ratings) {
        setTitle(tr("Ratings file: format and columns"));
        setSubTitle(tr("Check that the preview shows the file the way you expect; override the "
                       "delimiter, encoding or header and pick each column's role if needed."));
    } else {
        setTitle(tr("Item metadata: format and columns"));
        setSubTitle(tr("Items are joined to the ratings by their id; title and genres are "
                       "optional."));
    }
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_panel);
    connect(m_panel, &FilePreviewPanel::changed, this, &QWizardPage::completeChanged);
}

void ImportFormatPage::initializePage() {
    m_panel->setFile(m_kind == FilePreviewPanel::Kind::Ratings ? m_draft.ratingsPath
                                                               : m_draft.itemsPath);
}

bool ImportFormatPage::isComplete() const {
    return m_panel->isReady();
}

bool ImportFormatPage::validatePage() {
    if (!m_panel->isReady())
        return false;
    if (m_kind == FilePreviewPanel::Kind::Ratings) {
        m_draft.ratingsDialect = m_panel->dialect();
        m_draft.ratingColumns = m_panel->ratingColumns();
    } else {
        m_draft.itemsDialect = m_panel->dialect();
        m_draft.itemColumns = m_panel->itemColumns();
    }
    return true;
}

int ImportFormatPage::nextId() const {
    if (m_kind == FilePreviewPanel::Kind::Ratings && !m_draft.itemsPath.isEmpty())
        return ImportWizard::ItemsFormatPage;
    return ImportWizard::OptionsPage;
}

} // namespace rs::ui
