#pragma once
#include "FilePreviewPanel.h"

#include <QWizardPage>

namespace rs::ui {

struct ImportDraft;

/// Import wizard, steps 2 and 3: format and column roles of the ratings file, or of the item
/// metadata file, with a live preview (see FilePreviewPanel).
class ImportFormatPage : public QWizardPage {
    Q_OBJECT
public:
    ImportFormatPage(FilePreviewPanel::Kind kind, ImportDraft& draft, QWidget* parent = nullptr);

    FilePreviewPanel* panel() const { return m_panel; }

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override;

private:
    FilePreviewPanel::Kind m_kind;
    ImportDraft& m_draft;
    FilePreviewPanel* m_panel;
};

} // namespace rs::ui
