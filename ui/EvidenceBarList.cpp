#include "EvidenceBarList.h"

#include "DatasetFormat.h"
#include "EvidenceListModel.h"
#include "ExplainText.h"
#include "SignedBarDelegate.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <algorithm>

namespace rs::ui {

EvidenceBarList::EvidenceBarList(QWidget* parent)
    : QWidget(parent), m_model(new EvidenceListModel(this)), m_summary(new QLabel(this)),
      m_whatIf(new QPushButton(this)), m_clear(new QPushButton(tr("Clear ticks"), this)),
      m_view(new QTreeView(this)) {
    setObjectName(QStringLiteral("evidenceBarList"));
    m_summary->setObjectName(QStringLiteral("evidenceSummary"));
    m_summary->setWordWrap(true);
    m_whatIf->setObjectName(QStringLiteral("evidenceWhatIfButton"));
    m_whatIf->setToolTip(tr("Re-score the user's top-N as if the ticked ratings did not exist"));
    m_clear->setObjectName(QStringLiteral("evidenceClearButton"));

    m_view->setObjectName(QStringLiteral("evidenceView"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setItemDelegateForColumn(EvidenceListModel::Contribution,
                                     new SignedBarDelegate(EvidenceListModel::BarRole, m_view));
    m_view->setMinimumHeight(220);
    QHeaderView* header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(EvidenceListModel::Title, QHeaderView::Stretch);
    header->setSectionResizeMode(EvidenceListModel::Genres, QHeaderView::Interactive);
    header->setSectionResizeMode(EvidenceListModel::Rating, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(EvidenceListModel::Contribution, QHeaderView::Fixed);
    header->setMinimumSectionSize(40);
    header->resizeSection(EvidenceListModel::Genres, 110);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_clear);
    buttons->addWidget(m_whatIf);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);

    connect(m_model, &EvidenceListModel::checkedChanged, this, &EvidenceBarList::updateButton);
    connect(m_clear, &QPushButton::clicked, m_model, &EvidenceListModel::clearChecks);
    connect(m_whatIf, &QPushButton::clicked, this,
            [this] { emit whatIfRequested(m_model->checkedItems()); });
    updateButton();
}

void EvidenceBarList::setExplanation(const rs::Explanation& e,
                                     const std::vector<rs::ItemLabel>& items) {
    m_model->setExplanation(e, items);
    QString text;
    if (e.evidenceMethod == rs::EvidenceMethod::None) {
        text = ExplainText::methodDescription(e.evidenceMethod);
    } else {
        text = tr("%1 ratings of the user, by contribution · method: <b>%2</b>")
                   .arg(formatCount(qint64(e.evidence.size())),
                        ExplainText::methodName(e.evidenceMethod));
        if (e.evidenceMethod == rs::EvidenceMethod::Resolve)
            text +=
                tr(" (from the re-solved score %1)").arg(ExplainText::number(e.evidenceBaseScore));
    }
    if (!e.evidenceNote.empty())
        text += QStringLiteral("<br>") + QString::fromStdString(e.evidenceNote).toHtmlEscaped();
    m_summary->setText(text);
    m_summary->setToolTip(ExplainText::methodDescription(e.evidenceMethod));
    m_view->setEnabled(!e.evidence.empty());
    if (!e.evidence.empty())
        m_view->scrollToTop();
}

void EvidenceBarList::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // When narrow, the title matters more than the genres (they stay in the tooltips).
    m_view->setColumnHidden(EvidenceListModel::Genres, width() < 470);
    const int text = fontMetrics().horizontalAdvance(QStringLiteral("+00.000"));
    m_view->header()->resizeSection(EvidenceListModel::Contribution,
                                    std::clamp(width() / 4, text + 40, text + 80));
}

void EvidenceBarList::clear() {
    m_model->clear();
    m_summary->clear();
}

void EvidenceBarList::setWhatIfEnabled(bool enabled) {
    m_whatIfAllowed = enabled;
    updateButton();
}

bool EvidenceBarList::focusItem(std::uint32_t item) {
    const int row = m_model->rowOf(item);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, EvidenceListModel::Title);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

QString EvidenceBarList::summary() const {
    return m_summary->text();
}

void EvidenceBarList::updateButton() {
    const int n = int(m_model->checkedItems().size());
    m_whatIf->setText(n > 0 ? tr("What if… without %1 ticked").arg(n)
                            : tr("What if… (tick ratings)"));
    m_whatIf->setEnabled(m_whatIfAllowed && n > 0);
    m_clear->setEnabled(n > 0);
}

} // namespace rs::ui
