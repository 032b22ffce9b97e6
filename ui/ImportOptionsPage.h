#pragma once
#include <QWizardPage>

class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace rs::ui {

class InlineMessage;
class WorkspaceSession;
struct ImportDraft;

/// Import wizard, step 4: dataset name, strict or lenient parsing, duplicate policy. This is
/// the commit page: its button starts the import.
class ImportOptionsPage : public QWizardPage {
    Q_OBJECT
public:
    ImportOptionsPage(ImportDraft& draft, WorkspaceSession& session, QWidget* parent = nullptr);

    QLineEdit* nameEdit() const { return m_name; }
    QRadioButton* strictButton() const { return m_strict; }
    QRadioButton* lenientButton() const { return m_lenient; }
    QComboBox* duplicatesCombo() const { return m_duplicates; }

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override;

private:
    QStringList takenNames() const;
    void check();

    ImportDraft& m_draft;
    WorkspaceSession& m_session;
    QLineEdit* m_name;
    QRadioButton* m_lenient;
    QRadioButton* m_strict;
    QComboBox* m_duplicates;
    QLabel* m_summary;
    InlineMessage* m_message;
    QStringList m_taken;
};

} // namespace rs::ui
