#include "ImportResultPage.h"

#include "InlineMessage.h"
#include "RejectsTableModel.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace rs::ui {

namespace {

QString number(std::int64_t n) {
    return QLocale().toString(qlonglong(n));
}

} // namespace

ImportResultPage::ImportResultPage(QWidget* parent)
    : QWizardPage(parent), m_message(new InlineMessage(this)), m_counts(new QWidget(this)),
      m_rejectsTitle(new QLabel(this)), m_rejects(new RejectsTableModel(this)),
      m_rejectsView(new QTableView(this)),
      m_retry(new QPushButton(tr("Change settings and try again"), this)) {
    setTitle(tr("Import result"));
    setFinalPage(true);
    m_message->setObjectName(QStringLiteral("importResultMessage"));
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_rejectsView->setObjectName(QStringLiteral("rejectsTable"));
    m_rejectsView->setModel(m_rejects);
    m_rejectsView->setAlternatingRowColors(true);
    m_rejectsView->setWordWrap(false);
    m_rejectsView->verticalHeader()->setVisible(false);
    m_rejectsView->verticalHeader()->setDefaultSectionSize(m_rejectsView->fontMetrics().height() +
                                                           6);
    m_rejectsView->horizontalHeader()->setStretchLastSection(true);
    m_rejectsView->setColumnWidth(RejectsTableModel::File, 110);
    m_rejectsView->setColumnWidth(RejectsTableModel::Line, 60);
    m_rejectsView->setColumnWidth(RejectsTableModel::Reason, 260);

    auto* grid = new QGridLayout(m_counts);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(24);
    addCount(QStringLiteral("ratings"), tr("Ratings"), 0, 0);
    addCount(QStringLiteral("users"), tr("Users"), 0, 1);
    addCount(QStringLiteral("items"), tr("Items"), 0, 2);
    addCount(QStringLiteral("seconds"), tr("Seconds"), 0, 3);
    addCount(QStringLiteral("lines"), tr("Lines read"), 2, 0);
    addCount(QStringLiteral("duplicates"), tr("Duplicates resolved"), 2, 1);
    addCount(QStringLiteral("rejected"), tr("Rejected lines"), 2, 2);
    addCount(QStringLiteral("metadata"), tr("Items with metadata"), 2, 3);
    grid->setColumnStretch(4, 1);
    m_counts->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

    auto* retryRow = new QHBoxLayout;
    retryRow->addStretch(1);
    retryRow->addWidget(m_retry);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_counts);
    layout->addSpacing(6);
    layout->addWidget(m_rejectsTitle);
    layout->addWidget(m_rejectsView, 1);
    layout->addStretch(0); // takes the room when there is no reject table
    layout->addLayout(retryRow);
    connect(m_retry, &QPushButton::clicked, this, &ImportResultPage::retryRequested);
}

QLabel* ImportResultPage::addCount(const QString& key, const QString& caption, int row,
                                   int column) {
    auto* grid = static_cast<QGridLayout*>(m_counts->layout());
    auto* value = new QLabel(m_counts);
    value->setObjectName(QStringLiteral("count_") + key);
    QFont big = value->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    value->setFont(big);
    auto* label = new QLabel(caption, m_counts);
    label->setEnabled(false);
    grid->addWidget(value, row, column);
    grid->addWidget(label, row + 1, column);
    m_values.insert(key, value);
    return value;
}

QString ImportResultPage::countText(const QString& key) const {
    const QLabel* l = m_values.value(key);
    return l ? l->text() : QString();
}

void ImportResultPage::showResult(const rs::ImportResult& r) {
    const bool ok = r.status == rs::ImportStatus::Ok;
    switch (r.status) {
    case rs::ImportStatus::Ok: {
        QString text = tr("Imported %1 ratings in %2 s.")
                           .arg(number(r.ratings), QLocale().toString(r.seconds, 'f', 2));
        if (r.rejected > 0)
            text += tr(" %n line(s) were rejected; they are listed below and kept in the "
                       "workspace's reject report.",
                       nullptr, int(r.rejected));
        m_message->showMessage(
            r.rejected > 0 ? InlineMessage::Kind::Warning : InlineMessage::Kind::Success, text);
        break;
    }
    case rs::ImportStatus::Cancelled:
        m_message->showMessage(InlineMessage::Kind::Warning,
                               tr("The import was cancelled. Nothing was written: the workspace "
                                  "is exactly as it was before."));
        break;
    case rs::ImportStatus::Failed:
        m_message->showError(tr("The import failed: %1\nNothing was written: the workspace is "
                                "exactly as it was before.")
                                 .arg(QString::fromStdString(r.error)));
        break;
    }
    m_counts->setVisible(ok);
    m_values[QStringLiteral("ratings")]->setText(number(r.ratings));
    m_values[QStringLiteral("users")]->setText(number(r.users));
    m_values[QStringLiteral("items")]->setText(number(r.items));
    m_values[QStringLiteral("seconds")]->setText(QLocale().toString(r.seconds, 'f', 2));
    m_values[QStringLiteral("lines")]->setText(number(r.linesRead));
    m_values[QStringLiteral("duplicates")]->setText(number(r.duplicates));
    m_values[QStringLiteral("rejected")]->setText(number(r.rejected));
    m_values[QStringLiteral("metadata")]->setText(number(r.itemsWithMetadata));
    m_rejects->setRejects(r.rejects);
    const bool hasRejects = !r.rejects.empty();
    m_rejectsTitle->setVisible(hasRejects);
    m_rejectsView->setVisible(hasRejects);
    if (hasRejects)
        m_rejectsTitle->setText(r.rejected > qint64(r.rejects.size())
                                    ? tr("Rejected lines (first %1 of %2):")
                                          .arg(r.rejects.size())
                                          .arg(number(r.rejected))
                                    : tr("Rejected lines:"));
    m_retry->setVisible(!ok);
}

} // namespace rs::ui
