#include "ImportFilesPage.h"

#include "AppSettings.h"
#include "ImportDraft.h"
#include "ImportWizard.h"
#include "InlineMessage.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace rs::ui {

ImportFilesPage::ImportFilesPage(ImportDraft& draft, AppSettings* settings, QWidget* parent)
    : QWizardPage(parent), m_draft(draft), m_settings(settings), m_ratings(new QLineEdit(this)),
      m_items(new QLineEdit(this)), m_message(new InlineMessage(this)) {
    setTitle(tr("Choose the files"));
    setSubTitle(tr("A ratings file (CSV, TSV or similar: one user–item interaction per line) "
                   "and, optionally, a file with item titles and genres."));
    m_ratings->setObjectName(QStringLiteral("ratingsPathEdit"));
    m_items->setObjectName(QStringLiteral("itemsPathEdit"));
    m_ratings->setPlaceholderText(tr("ratings.csv"));
    m_items->setPlaceholderText(tr("optional, e.g. movies.csv"));
    m_ratings->setClearButtonEnabled(true);
    m_items->setClearButtonEnabled(true);
    auto* browseRatings = new QPushButton(tr("Browse…"), this);
    auto* browseItems = new QPushButton(tr("Browse…"), this);
    browseRatings->setObjectName(QStringLiteral("browseRatingsButton"));
    browseItems->setObjectName(QStringLiteral("browseItemsButton"));

    auto* grid = new QGridLayout;
    auto* ratingsLabel = new QLabel(tr("&Ratings file:"), this);
    ratingsLabel->setBuddy(m_ratings);
    auto* itemsLabel = new QLabel(tr("&Item metadata:"), this);
    itemsLabel->setBuddy(m_items);
    grid->addWidget(ratingsLabel, 0, 0);
    grid->addWidget(m_ratings, 0, 1);
    grid->addWidget(browseRatings, 0, 2);
    grid->addWidget(itemsLabel, 1, 0);
    grid->addWidget(m_items, 1, 1);
    grid->addWidget(browseItems, 1, 2);
    auto* hint = new QLabel(tr("Tip: you can also drop CSV/TSV files onto the main window."), this);
    hint->setEnabled(false);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addWidget(m_message);
    layout->addWidget(hint);
    layout->addStretch(1);

    connect(browseRatings, &QPushButton::clicked, this,
            [this] { browse(m_ratings, tr("Choose a ratings file")); });
    connect(browseItems, &QPushButton::clicked, this,
            [this] { browse(m_items, tr("Choose an item metadata file")); });
    connect(m_ratings, &QLineEdit::textChanged, this, &ImportFilesPage::check);
    connect(m_items, &QLineEdit::textChanged, this, &ImportFilesPage::check);
}

void ImportFilesPage::setFiles(const QString& ratings, const QString& items) {
    m_ratings->setText(ratings);
    m_items->setText(items);
}

void ImportFilesPage::browse(QLineEdit* target, const QString& caption) {
    QString dir = QFileInfo(target->text()).absolutePath();
    if (target->text().isEmpty() && m_settings)
        dir = m_settings->lastImportDirectory();
    const QString path = QFileDialog::getOpenFileName(
        this, caption, dir, tr("Delimited text (*.csv *.tsv *.dat *.txt *.data);;All files (*)"));
    if (path.isEmpty())
        return;
    target->setText(path);
    if (m_settings)
        m_settings->setLastImportDirectory(QFileInfo(path).absolutePath());
}

void ImportFilesPage::check() {
    QStringList problems;
    const QString ratings = m_ratings->text().trimmed();
    const QString items = m_items->text().trimmed();
    if (!ratings.isEmpty() && !QFileInfo(ratings).isFile())
        problems << tr("The ratings file %1 does not exist.").arg(ratings);
    if (!items.isEmpty() && !QFileInfo(items).isFile())
        problems << tr("The item metadata file %1 does not exist.").arg(items);
    if (problems.isEmpty())
        m_message->clear();
    else
        m_message->showError(problems.join(QLatin1Char('\n')));
    emit completeChanged();
}

bool ImportFilesPage::isComplete() const {
    const QString ratings = m_ratings->text().trimmed();
    const QString items = m_items->text().trimmed();
    return QFileInfo(ratings).isFile() && (items.isEmpty() || QFileInfo(items).isFile());
}

bool ImportFilesPage::validatePage() {
    m_draft.ratingsPath = QFileInfo(m_ratings->text().trimmed()).absoluteFilePath();
    const QString items = m_items->text().trimmed();
    m_draft.itemsPath = items.isEmpty() ? QString() : QFileInfo(items).absoluteFilePath();
    return true;
}

int ImportFilesPage::nextId() const {
    return ImportWizard::RatingsFormatPage;
}

} // namespace rs::ui
