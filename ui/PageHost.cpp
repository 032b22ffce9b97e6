#include "PageHost.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QStackedWidget>

#include <algorithm>

namespace rs::ui {

namespace {
constexpr int kMinNavigationWidth = 140;
}

PageHost::PageHost(QWidget* parent)
    : QWidget(parent), m_nav(new QListWidget(this)), m_stack(new QStackedWidget(this)) {
    m_nav->setObjectName(QStringLiteral("pageNavigation"));
    m_nav->setViewMode(QListView::ListMode);
    m_nav->setIconSize(QSize(24, 24));
    m_nav->setSpacing(2);
    m_nav->setFrameShape(QFrame::NoFrame);
    m_nav->setFixedWidth(kMinNavigationWidth);
    m_nav->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_nav->setStyleSheet(
        QStringLiteral("QListWidget#pageNavigation{background:palette(alternate-base);}"
                       "QListWidget#pageNavigation::item{padding:6px 4px;}"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_nav);
    layout->addWidget(m_stack, 1);
    connect(m_nav, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0 || row >= m_ids.size())
            return;
        m_stack->setCurrentIndex(row);
        emit currentPageChanged(m_ids.at(row));
    });
}

int PageHost::addPage(const QString& id, const QString& title, const QIcon& icon, QWidget* page) {
    page->setObjectName(id + QStringLiteral("Page"));
    m_ids.append(id);
    m_stack->addWidget(page);
    auto* item = new QListWidgetItem(icon, title, m_nav);
    item->setData(Qt::UserRole, id);
    // Wide enough for the longest title (with its icon and the item spacing).
    m_nav->setFixedWidth(
        std::max(kMinNavigationWidth,
                 m_nav->sizeHintForColumn(0) + 2 * m_nav->frameWidth() + 2 * m_nav->spacing() + 8));
    if (m_nav->currentRow() < 0)
        m_nav->setCurrentRow(0);
    return int(m_ids.size()) - 1;
}

bool PageHost::showPage(const QString& id) {
    const auto row = m_ids.indexOf(id);
    if (row < 0)
        return false;
    m_nav->setCurrentRow(int(row));
    return true;
}

QString PageHost::currentPageId() const {
    const int row = m_stack->currentIndex();
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : QString();
}

QWidget* PageHost::page(const QString& id) const {
    const auto row = m_ids.indexOf(id);
    return row < 0 ? nullptr : m_stack->widget(int(row));
}

int PageHost::pageCount() const {
    return int(m_ids.size());
}

void PageHost::setNavigationVisible(bool visible) {
    m_nav->setVisible(visible);
}

} // namespace rs::ui
