#include "EvidenceListModel.h"

#include "DatasetFormat.h"
#include "ExplainText.h"

#include <QFont>
#include <algorithm>
#include <cmath>

namespace rs::ui {

EvidenceListModel::EvidenceListModel(QObject* parent) : QAbstractTableModel(parent) {}

void EvidenceListModel::setExplanation(const rs::Explanation& e,
                                       const std::vector<rs::ItemLabel>& items) {
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(e.evidence.size());
    m_checked.clear();
    m_maxAbs = 0;
    m_method = e.evidenceMethod;
    const auto& removed = e.counterfactual.removed;
    for (const rs::EvidenceItem& ev : e.evidence) {
        Row r;
        r.item = ev.item;
        r.title = ExplainText::itemTitle(items, ev.item);
        r.genres = ExplainText::itemGenres(items, ev.item);
        r.rating = ev.rating;
        r.contribution = ev.contribution;
        r.inCounterfactual = e.counterfactual.found &&
                             std::find(removed.begin(), removed.end(), ev.item) != removed.end();
        if (std::isfinite(ev.contribution))
            m_maxAbs = std::max(m_maxAbs, std::abs(ev.contribution));
        m_rows.push_back(std::move(r));
    }
    endResetModel();
    emit checkedChanged(0);
}

void EvidenceListModel::clear() {
    beginResetModel();
    m_rows.clear();
    m_checked.clear();
    m_maxAbs = 0;
    m_method = rs::EvidenceMethod::None;
    endResetModel();
    emit checkedChanged(0);
}

std::vector<std::uint32_t> EvidenceListModel::checkedItems() const {
    std::vector<std::uint32_t> out;
    for (const Row& r : m_rows)
        if (m_checked.contains(r.item))
            out.push_back(r.item);
    return out;
}

void EvidenceListModel::setChecked(std::uint32_t item, bool checked) {
    for (int r = 0; r < int(m_rows.size()); ++r) {
        if (m_rows[std::size_t(r)].item == item) {
            setData(index(r, Title), checked ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole);
            return;
        }
    }
}

void EvidenceListModel::clearChecks() {
    if (m_checked.isEmpty())
        return;
    m_checked.clear();
    emit dataChanged(index(0, Title), index(rowCount() - 1, Title), {Qt::CheckStateRole});
    emit checkedChanged(0);
}

int EvidenceListModel::rowOf(std::uint32_t item) const {
    for (std::size_t r = 0; r < m_rows.size(); ++r)
        if (m_rows[r].item == item)
            return int(r);
    return -1;
}

int EvidenceListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EvidenceListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString EvidenceListModel::tooltip(const Row& r) const {
    QString text = QStringLiteral("<b>%1</b>").arg(r.title.toHtmlEscaped());
    if (!r.genres.isEmpty())
        text += QStringLiteral("<br>%1").arg(r.genres.toHtmlEscaped());
    text += tr("<br>The user rated it %1.<br>Contribution to the score: "
               "<b>%2</b> (%3)")
                .arg(formatRating(r.rating), ExplainText::number(r.contribution, true),
                     ExplainText::methodName(m_method));
    if (r.inCounterfactual)
        text += tr("<br>Part of the counterfactual set.");
    return text;
}

QVariant EvidenceListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row& r = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Title:
            return r.title;
        case Genres:
            return r.genres;
        case Rating:
            return formatRating(r.rating);
        case Contribution:
            return ExplainText::number(r.contribution, true);
        default:
            return {};
        }
    case Qt::CheckStateRole:
        if (index.column() == Title)
            return m_checked.contains(r.item) ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::ToolTipRole:
        return tooltip(r);
    case Qt::TextAlignmentRole:
        if (index.column() == Rating)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if (r.inCounterfactual && index.column() == Title) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case ItemRole:
        return QVariant::fromValue(r.item);
    case ValueRole:
        return r.contribution;
    case BarRole:
        return m_maxAbs > 0 && std::isfinite(r.contribution) ? r.contribution / m_maxAbs : 0.0;
    default:
        return {};
    }
}

bool EvidenceListModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.column() != Title || role != Qt::CheckStateRole)
        return false;
    const std::uint32_t item = m_rows[std::size_t(index.row())].item;
    const bool checked = value.toInt() == Qt::Checked;
    if (checked == m_checked.contains(item))
        return true;
    if (checked)
        m_checked.insert(item);
    else
        m_checked.remove(item);
    emit dataChanged(index, index, {Qt::CheckStateRole});
    emit checkedChanged(int(m_checked.size()));
    return true;
}

Qt::ItemFlags EvidenceListModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Title)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant EvidenceListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Title:
        return tr("Rated item");
    case Genres:
        return tr("Genres");
    case Rating:
        return tr("Rating");
    case Contribution:
        return tr("Contribution");
    default:
        return {};
    }
}

} // namespace rs::ui
