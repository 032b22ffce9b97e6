#include "TopNComparison.h"

#include "ExplainText.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace rs::ui {

namespace {

const QColor kHighlight(255, 226, 122);

QTableWidgetItem* cell(const QString& text,
                       Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter) {
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled);
    item->setTextAlignment(align);
    return item;
}

} // namespace

TopNComparison::TopNComparison(QWidget* parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_table(new QTableWidget(this)) {
    setObjectName(QStringLiteral("topNComparison"));
    m_summary->setObjectName(QStringLiteral("whatIfSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_table->setObjectName(QStringLiteral("whatIfTable"));
    m_table->setColumnCount(ColumnCount);
    m_table->setHorizontalHeaderLabels(
        {tr("#"), tr("Now"), tr("score"), tr("What if"), tr("score")});
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QHeaderView* h = m_table->horizontalHeader();
    h->setSectionResizeMode(Rank, QHeaderView::ResizeToContents);
    h->setSectionResizeMode(Before, QHeaderView::Stretch);
    h->setSectionResizeMode(BeforeScore, QHeaderView::ResizeToContents);
    h->setSectionResizeMode(After, QHeaderView::Stretch);
    h->setSectionResizeMode(AfterScore, QHeaderView::ResizeToContents);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_table);
    layout->addStretch(1);
    clear();
}

void TopNComparison::clear() {
    m_summary->clear();
    m_table->setRowCount(0);
    m_table->setVisible(false);
    setVisible(false);
    m_rowBefore = m_rowAfter = -1;
}

QString TopNComparison::summary() const {
    return m_summary->text();
}

void TopNComparison::setResult(const WhatIfReply& r, const std::vector<rs::ItemLabel>& items) {
    clear();
    if (!r.error.isEmpty())
        return;
    const QString title = ExplainText::itemTitle(items, r.item).toHtmlEscaped();
    const QString lead =
        r.changeText.isEmpty()
            ? tr("Without %1").arg(ExplainText::ratings(qsizetype(r.removed.size())))
            : r.changeText;
    QString text;
    if (r.rankAfter <= 0)
        text = tr("%1, “%2” is excluded.").arg(lead, title);
    else if (r.rankBefore <= r.k && r.rankAfter > r.k)
        text = tr("%1, “%2” moves from rank %3 to rank <b>%4</b>: out of the top %5.")
                   .arg(lead, title)
                   .arg(r.rankBefore)
                   .arg(r.rankAfter)
                   .arg(r.k);
    else
        text = tr("%1, “%2” moves from rank %3 to rank <b>%4</b>.")
                   .arg(lead, title)
                   .arg(r.rankBefore)
                   .arg(r.rankAfter);
    const QString note =
        r.note.isEmpty() ? tr("Both lists re-solve the user's parameters with every item fixed, so "
                              "“Now” can differ slightly from the trained model's list (%1 s).")
                               .arg(QLocale().toString(r.seconds, 'f', 2))
                         : r.note;
    text += QStringLiteral(" <span style='color:gray'>%1</span>").arg(note.toHtmlEscaped());
    m_summary->setText(text);

    m_table->setHorizontalHeaderItem(After, new QTableWidgetItem(lead));
    const int rows = int(std::max(r.before.size(), r.after.size()));
    m_table->setRowCount(rows);
    for (int i = 0; i < rows; ++i) {
        m_table->setItem(i, Rank, cell(QString::number(i + 1), Qt::AlignRight | Qt::AlignVCenter));
        auto put = [&](const std::vector<rs::ScoredItem>& list, int titleCol, int scoreCol,
                       bool after) {
            if (i >= int(list.size()))
                return;
            const rs::ScoredItem& s = list[std::size_t(i)];
            QTableWidgetItem* t = cell(ExplainText::itemTitle(items, s.item));
            QTableWidgetItem* v =
                cell(ExplainText::number(s.score), Qt::AlignRight | Qt::AlignVCenter);
            QString tip = ExplainText::itemGenres(items, s.item);
            const bool wasRemoved =
                after && std::find(r.removed.begin(), r.removed.end(), s.item) != r.removed.end();
            if (wasRemoved) {
                QFont f = t->font();
                f.setItalic(true);
                t->setFont(f);
                tip += tr("\nIts rating was removed, so it can be recommended again.");
            }
            if (s.item == r.item) {
                QFont f = t->font();
                f.setBold(true);
                t->setFont(f);
                t->setBackground(kHighlight);
                v->setBackground(kHighlight);
                (after ? m_rowAfter : m_rowBefore) = i;
            }
            t->setToolTip(tip.trimmed());
            m_table->setItem(i, titleCol, t);
            m_table->setItem(i, scoreCol, v);
        };
        put(r.before, Before, BeforeScore, false);
        put(r.after, After, AfterScore, true);
    }
    m_table->resizeRowsToContents();
    int height = m_table->horizontalHeader()->height() + 2 * m_table->frameWidth();
    for (int i = 0; i < rows; ++i)
        height += m_table->rowHeight(i);
    m_table->setFixedHeight(height + 2);
    m_table->setVisible(rows > 0);
    setVisible(true);
}

} // namespace rs::ui
