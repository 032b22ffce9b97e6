#include "FactorInspector.h"

#include "FactorBars.h"
#include "ItemScoreModel.h"
#include "ItemScoreTable.h"
#include "train/RunContext.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace rs::ui {

namespace {

std::vector<ItemScoreRow> rowsOf(const rs::RunContext& ctx,
                                 const std::vector<std::pair<std::uint32_t, float>>& items) {
    std::vector<ItemScoreRow> rows;
    for (const auto& [item, value] : items) {
        ItemScoreRow r;
        r.item = item;
        r.value = value;
        if (item < ctx.items.size()) {
            r.itemId = QString::fromStdString(ctx.items[item].id);
            r.title = QString::fromStdString(ctx.items[item].title);
            r.genres = QString::fromStdString(ctx.items[item].genres);
        }
        rows.push_back(r);
    }
    return rows;
}

} // namespace

FactorInspector::FactorInspector(QWidget* parent)
    : QWidget(parent), m_dimension(new QComboBox(this)),
      m_colour(new QPushButton(tr("Colour map by it"), this)),
      m_topModel(new ItemScoreModel(true, tr("Value"), this)),
      m_bottomModel(new ItemScoreModel(true, tr("Value"), this)), m_genres(new QLabel(this)),
      m_bars(new FactorBars(this)) {
    setObjectName(QStringLiteral("factorInspector"));
    m_dimension->setObjectName(QStringLiteral("factorDimensionBox"));
    m_colour->setObjectName(QStringLiteral("factorColourButton"));
    m_colour->setToolTip(tr("Colour every point by its value on this dimension"));
    m_top = itemScoreTable(m_topModel, QStringLiteral("factorTopTable"), this);
    m_bottom = itemScoreTable(m_bottomModel, QStringLiteral("factorBottomTable"), this);
    for (QTableView* t : {m_top, m_bottom}) {
        t->setColumnHidden(ItemScoreModel::ItemId, true);
        t->setColumnHidden(ItemScoreModel::Genres, true);
        t->setColumnWidth(ItemScoreModel::Rank, 32);
        t->setColumnWidth(ItemScoreModel::Title, 210);
    }
    m_genres->setObjectName(QStringLiteral("factorGenres"));
    m_genres->setWordWrap(true);
    m_genres->setTextFormat(Qt::PlainText);
    m_bars->setObjectName(QStringLiteral("factorBars"));

    auto* head = new QHBoxLayout;
    head->addWidget(new QLabel(tr("Dimension"), this));
    head->addWidget(m_dimension, 1);
    head->addWidget(m_colour);
    auto* lists = new QHBoxLayout;
    auto column = [this](const QString& title, QTableView* table) {
        auto* box = new QVBoxLayout;
        box->addWidget(new QLabel(title, this));
        box->addWidget(table);
        return box;
    };
    lists->addLayout(column(tr("Highest items"), m_top));
    lists->addLayout(column(tr("Lowest items"), m_bottom));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(head);
    layout->addWidget(m_genres);
    layout->addLayout(lists, 1);
    layout->addWidget(m_bars);

    connect(m_dimension, &QComboBox::currentIndexChanged, this, [this](int index) {
        showDimension(index);
        emit dimensionChanged(index);
    });
    connect(m_colour, &QPushButton::clicked, this,
            [this] { emit colourByFactorRequested(m_dimension->currentIndex()); });
    connect(m_bars, &FactorBars::dimensionClicked, this, &FactorInspector::setDimension);
    for (auto [view, model] : {std::pair{m_top, m_topModel}, std::pair{m_bottom, m_bottomModel}})
        connect(view, &QTableView::doubleClicked, this, [this, model](const QModelIndex& index) {
            if (const ItemScoreRow* r = model->at(index.row()))
                emit itemActivated(r->item);
        });
    clear();
}

void FactorInspector::setProfiles(std::shared_ptr<const rs::RunContext> ctx,
                                  std::vector<rs::FactorProfile> profiles) {
    m_ctx = std::move(ctx);
    m_profiles = std::move(profiles);
    const QSignalBlocker block(m_dimension);
    m_dimension->clear();
    for (const rs::FactorProfile& p : m_profiles)
        m_dimension->addItem(
            p.name.empty()
                ? tr("Factor %1").arg(p.factor + 1)
                : tr("Factor %1 · %2").arg(p.factor + 1).arg(QString::fromStdString(p.name)));
    m_dimension->setEnabled(!m_profiles.empty());
    m_colour->setEnabled(!m_profiles.empty());
    showDimension(m_profiles.empty() ? -1 : 0);
}

void FactorInspector::clear(const QString& note) {
    setProfiles(nullptr, {});
    m_bars->setVectors({}, {}, {}, {});
    if (!note.isEmpty())
        m_genres->setText(note);
}

void FactorInspector::setDimension(int dimension) {
    if (dimension >= 0 && dimension < m_dimension->count())
        m_dimension->setCurrentIndex(dimension);
}

int FactorInspector::dimension() const {
    return m_dimension->currentIndex();
}

void FactorInspector::setVectors(const QString& userLabel, std::vector<float> user,
                                 const QString& itemLabel, std::vector<float> item) {
    m_bars->setVectors(userLabel, std::move(user), itemLabel, std::move(item));
}

void FactorInspector::showDimension(int dimension) {
    if (dimension < 0 || dimension >= int(m_profiles.size()) || !m_ctx) {
        m_topModel->clear();
        m_bottomModel->clear();
        m_genres->setText(m_profiles.empty() ? tr("No factors to inspect.") : QString());
        return;
    }
    const rs::FactorProfile& p = m_profiles[std::size_t(dimension)];
    m_topModel->setRows(rowsOf(*m_ctx, p.topItems));
    m_bottomModel->setRows(rowsOf(*m_ctx, p.bottomItems));
    const QLocale locale;
    QStringList genres;
    for (std::size_t g = 0; g < p.genres.size() && g < 6; ++g)
        genres << QStringLiteral("%1 %2").arg(QString::fromStdString(p.genres[g].first),
                                              locale.toString(p.genres[g].second, 'f', 2));
    m_genres->setText(
        genres.isEmpty()
            ? tr("No genre correlates with this dimension.")
            : tr("Genre correlation (Pearson r): %1").arg(genres.join(QStringLiteral(", "))));
}

} // namespace rs::ui
