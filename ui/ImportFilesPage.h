#pragma once
#include <QWizardPage>

class QLineEdit;
class QPushButton;

namespace rs::ui {

class AppSettings;
class InlineMessage;
struct ImportDraft;

/// Import wizard, step 1: the ratings file and an optional item metadata file.
class ImportFilesPage : public QWizardPage {
    Q_OBJECT
public:
    ImportFilesPage(ImportDraft& draft, AppSettings* settings, QWidget* parent = nullptr);

    void setFiles(const QString& ratings, const QString& items);
    QLineEdit* ratingsEdit() const { return m_ratings; }
    QLineEdit* itemsEdit() const { return m_items; }

    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override;

private:
    void browse(QLineEdit* target, const QString& caption);
    void check();

    ImportDraft& m_draft;
    AppSettings* m_settings;
    QLineEdit* m_ratings;
    QLineEdit* m_items;
    InlineMessage* m_message;
};

} // namespace rs::ui
