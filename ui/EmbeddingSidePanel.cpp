#include "EmbeddingSidePanel.h"

#include "FactorInspector.h"
#include "ItemScoreModel.h"
#include "ItemScoreTable.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace rs::ui {

EmbeddingSidePanel::EmbeddingSidePanel(FactorInspector* inspector, QWidget* parent)
    : QTabWidget(parent) {
    setObjectName(QStringLiteral("embeddingTabs"));
    addTab(buildNeighboursTab(), tr("Neighbours"));
    addTab(buildSelectionTab(), tr("Selection"));
    addTab(inspector, tr("Factors"));
    setPointTitle({});
    setSelection({}, false);
    setWhyEnabled(false, tr("Enter a user and click an item to explain its score"));
}

QWidget* EmbeddingSidePanel::buildNeighboursTab() {
    auto* tab = new QWidget(this);
    m_pointTitle = new QLabel(tab);
    m_pointTitle->setObjectName(QStringLiteral("embeddingPointTitle"));
    m_pointTitle->setWordWrap(true);
    m_pointTitle->setTextFormat(Qt::PlainText);
    m_metric = new QComboBox(tab);
    m_metric->setObjectName(QStringLiteral("embeddingMetric"));
    for (rs::FactorMetric m :
         {rs::FactorMetric::Cosine, rs::FactorMetric::Dot, rs::FactorMetric::Euclidean})
        m_metric->addItem(QString::fromLatin1(rs::factorMetricName(m)), int(m));
    m_count = new QSpinBox(tab);
    m_count->setRange(1, 200);
    m_count->setValue(20);
    m_neighbours = new ItemScoreModel(true, tr("Similarity"), this);
    QTableView* table = itemScoreTable(m_neighbours, QStringLiteral("neighbourTable"), tab);
    table->setColumnHidden(ItemScoreModel::ItemId, true);
    table->setColumnWidth(ItemScoreModel::Title, 240);
    table->setColumnWidth(ItemScoreModel::Genres, 150);
    auto* select = new QPushButton(tr("Select on map"), tab);
    select->setObjectName(QStringLiteral("selectNeighbours"));
    m_why = new QPushButton(QIcon(QStringLiteral(":/icons/recommend.svg")), tr("Why?"), tab);
    m_why->setObjectName(QStringLiteral("embeddingWhy"));

    auto* head = new QHBoxLayout;
    head->addWidget(new QLabel(tr("Metric"), tab));
    head->addWidget(m_metric);
    head->addWidget(new QLabel(tr("Count"), tab));
    head->addWidget(m_count);
    head->addStretch(1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(select);
    buttons->addStretch(1);
    buttons->addWidget(m_why);
    auto* layout = new QVBoxLayout(tab);
    layout->addWidget(m_pointTitle);
    layout->addLayout(head);
    layout->addWidget(table, 1);
    layout->addLayout(buttons);

    connect(m_metric, &QComboBox::currentIndexChanged, this,
            &EmbeddingSidePanel::neighbourQueryChanged);
    connect(m_count, &QSpinBox::valueChanged, this, &EmbeddingSidePanel::neighbourQueryChanged);
    connect(table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (const ItemScoreRow* r = m_neighbours->at(index.row()))
            emit pointActivated(r->item);
    });
    connect(select, &QPushButton::clicked, this, &EmbeddingSidePanel::selectNeighboursClicked);
    connect(m_why, &QPushButton::clicked, this, &EmbeddingSidePanel::whyClicked);
    return tab;
}

QWidget* EmbeddingSidePanel::buildSelectionTab() {
    auto* tab = new QWidget(this);
    m_selectionLabel = new QLabel(tab);
    m_selectionLabel->setObjectName(QStringLiteral("embeddingSelectionLabel"));
    m_selectionLabel->setWordWrap(true);
    m_selection = new ItemScoreModel(false, tr("Ratings"), this);
    QTableView* table = itemScoreTable(m_selection, QStringLiteral("selectionTable"), tab);
    table->setColumnHidden(ItemScoreModel::Rank, true);
    table->setColumnHidden(ItemScoreModel::ItemId, true);
    m_toHeatmap = new QPushButton(tr("Filter heatmap"), tab);
    m_toHeatmap->setObjectName(QStringLiteral("selectionToHeatmap"));
    m_toHeatmap->setToolTip(tr("Show only these items among the history rows of the heatmap"));
    m_toDatasets = new QPushButton(tr("Show in dataset browser"), tab);
    m_toDatasets->setObjectName(QStringLiteral("selectionToDatasets"));
    m_clear = new QPushButton(tr("Clear"), tab);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_toHeatmap);
    buttons->addWidget(m_toDatasets);
    buttons->addStretch(1);
    buttons->addWidget(m_clear);
    auto* layout = new QVBoxLayout(tab);
    layout->addWidget(m_selectionLabel);
    layout->addWidget(table, 1);
    layout->addLayout(buttons);

    connect(table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (const ItemScoreRow* r = m_selection->at(index.row()))
            emit pointActivated(r->item);
    });
    connect(m_toHeatmap, &QPushButton::clicked, this, &EmbeddingSidePanel::toHeatmapClicked);
    connect(m_toDatasets, &QPushButton::clicked, this, &EmbeddingSidePanel::toDatasetsClicked);
    connect(m_clear, &QPushButton::clicked, this, &EmbeddingSidePanel::clearSelectionClicked);
    return tab;
}

rs::FactorMetric EmbeddingSidePanel::metric() const {
    return rs::FactorMetric(m_metric->currentData().toInt());
}

int EmbeddingSidePanel::neighbourCount() const {
    return m_count->value();
}

void EmbeddingSidePanel::setPointTitle(const QString& text) {
    m_pointTitle->setText(text.isEmpty() ? tr("Click a point to list its nearest neighbours.")
                                         : text);
}

void EmbeddingSidePanel::setNeighbours(std::vector<ItemScoreRow> rows) {
    m_neighbours->setRows(std::move(rows));
}

void EmbeddingSidePanel::setSelection(std::vector<ItemScoreRow> rows, bool linkable) {
    const int count = int(rows.size());
    m_selection->setRows(std::move(rows));
    m_selectionLabel->setText(
        count == 0 ? tr("Nothing selected. Use Box or Lasso and drag over the map, or select a "
                        "point's neighbours.")
                   : tr("%n point(s) selected.", nullptr, count));
    m_toHeatmap->setEnabled(linkable && count > 0);
    m_toDatasets->setEnabled(linkable && count > 0);
    m_clear->setEnabled(count > 0);
}

void EmbeddingSidePanel::setWhyEnabled(bool enabled, const QString& toolTip) {
    m_why->setEnabled(enabled);
    m_why->setToolTip(toolTip);
}

} // namespace rs::ui
