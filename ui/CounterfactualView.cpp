#include "CounterfactualView.h"

#include "DatasetFormat.h"
#include "ExplainText.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

namespace rs::ui {

CounterfactualView::CounterfactualView(QWidget* parent)
    : QWidget(parent), m_status(new QLabel(this)), m_list(new QListWidget(this)),
      m_whatIf(new QPushButton(tr("What if…"), this)) {
    setObjectName(QStringLiteral("counterfactualView"));
    m_status->setObjectName(QStringLiteral("counterfactualStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_list->setObjectName(QStringLiteral("counterfactualList"));
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_whatIf->setObjectName(QStringLiteral("counterfactualWhatIfButton"));
    m_whatIf->setToolTip(tr("Remove these ratings and re-score the user's top-N"));

    auto* row = new QHBoxLayout;
    row->addWidget(m_status, 1);
    row->addWidget(m_whatIf, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_list);
    layout->addStretch(1);
    connect(m_whatIf, &QPushButton::clicked, this, [this] { emit whatIfRequested(m_removed); });
    clear();
}

void CounterfactualView::clear() {
    m_removed.clear();
    m_status->clear();
    m_list->clear();
    m_list->setVisible(false);
    updateButton();
}

void CounterfactualView::setWhatIfEnabled(bool enabled) {
    m_whatIfAllowed = enabled;
    updateButton();
}

QString CounterfactualView::statusText() const {
    return m_status->text();
}

void CounterfactualView::updateButton() {
    m_whatIf->setEnabled(m_whatIfAllowed && !m_removed.empty());
}

void CounterfactualView::setExplanation(const rs::Explanation& e,
                                        const std::vector<rs::ItemLabel>& items) {
    const rs::Counterfactual& cf = e.counterfactual;
    m_list->clear();
    m_removed.clear();
    const QString title = ExplainText::itemTitle(items, e.item).toHtmlEscaped();
    if (cf.searched && cf.found) {
        m_removed = cf.removed;
        m_status->setText(
            tr("Without these <b>%1</b> of the user, “%2” drops out of the top %3 (to rank %4, "
               "score %5).")
                .arg(ExplainText::ratings(qsizetype(cf.removed.size())), title)
                .arg(e.k)
                .arg(cf.rankAfter)
                .arg(ExplainText::number(cf.scoreAfter)));
        for (std::uint32_t item : cf.removed) {
            const auto ev =
                std::find_if(e.evidence.begin(), e.evidence.end(),
                             [item](const rs::EvidenceItem& x) { return x.item == item; });
            QString text = ExplainText::itemTitle(items, item);
            if (ev != e.evidence.end())
                text +=
                    tr("  — rated %1, contribution %2")
                        .arg(formatRating(ev->rating), ExplainText::number(ev->contribution, true));
            auto* entry = new QListWidgetItem(text, m_list);
            entry->setData(Qt::UserRole, QVariant::fromValue(item));
            entry->setToolTip(ExplainText::itemGenres(items, item));
        }
    } else if (cf.searched) {
        QString text = tr("<b>No counterfactual found</b> for “%1” (searched up to %2).")
                           .arg(title, ExplainText::ratings(cf.budget));
        if (!cf.note.empty())
            text += QStringLiteral("<br><i>%1</i>")
                        .arg(QString::fromStdString(cf.note).toHtmlEscaped());
        m_status->setText(text);
    } else {
        QString note = QString::fromStdString(cf.note).toHtmlEscaped();
        if (!note.isEmpty())
            note[0] = note[0].toUpper();
        m_status->setText(note.isEmpty() ? tr("The counterfactual was not searched.") : note);
    }
    const int rows = m_list->count();
    m_list->setVisible(rows > 0);
    if (rows > 0)
        m_list->setFixedHeight(std::min(rows, 6) * m_list->sizeHintForRow(0) +
                               2 * m_list->frameWidth() + 2);
    updateButton();
}

} // namespace rs::ui
