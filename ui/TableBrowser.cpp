#include "TableBrowser.h"

#include "DatasetFormat.h"
#include "InlineMessage.h"
#include "PagedTableModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace rs::ui {

TableBrowser::TableBrowser(PagedTableModel* model, const QString& filterHint, QWidget* parent)
    : QWidget(parent), m_model(model), m_filter(new QLineEdit(this)), m_status(new QLabel(this)),
      m_message(new InlineMessage(this)), m_view(new QTableView(this)),
      m_debounce(new QTimer(this)) {
    m_model->setParent(this);
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setPlaceholderText(filterHint);
    m_filter->setClearButtonEnabled(true);
    m_status->setObjectName(QStringLiteral("tableStatus"));
    m_view->setObjectName(QStringLiteral("tableView"));
    m_view->setModel(m_model);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    // Millions of rows: fixed row heights, never measure contents.
    auto* vh = m_view->verticalHeader();
    vh->setSectionResizeMode(QHeaderView::Fixed);
    vh->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    vh->setMinimumWidth(m_view->fontMetrics().horizontalAdvance(QStringLiteral("00000000")));
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSortIndicator(0, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);

    auto* top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_status);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);

    connect(m_filter, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(m_debounce, &QTimer::timeout, this, [this] { m_model->setFilter(m_filter->text()); });
    connect(m_model, &PagedTableModel::loadingChanged, this, &TableBrowser::updateStatus);
    connect(m_model, &PagedTableModel::countReady, this, &TableBrowser::updateStatus);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_message->clear();
        updateStatus();
    });
    connect(m_model, &PagedTableModel::errorOccurred, this,
            [this](const QString& e) { m_message->showError(tr("Cannot read rows: %1").arg(e)); });
    connect(m_view, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { emit rowActivated(index.row()); });
    connect(m_view, &QTableView::activated, this,
            [this](const QModelIndex& index) { emit rowActivated(index.row()); });
    updateStatus();
}

QString TableBrowser::statusText() const {
    return m_status->text();
}

void TableBrowser::setColumnWidths(const QList<int>& widths) {
    for (int c = 0; c < widths.size(); ++c)
        m_view->setColumnWidth(c, widths.at(c));
}

void TableBrowser::updateStatus() {
    if (m_model->isLoading() && m_model->rowCount() == 0)
        m_status->setText(tr("loading…"));
    else if (!m_model->filter().isEmpty())
        m_status->setText(tr("%1 matching rows").arg(formatCount(m_model->rowCount())));
    else
        m_status->setText(tr("%1 rows").arg(formatCount(m_model->rowCount())));
}

} // namespace rs::ui
