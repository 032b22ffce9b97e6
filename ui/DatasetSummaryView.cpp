#include "DatasetSummaryView.h"

#include "AppSettings.h"
#include "DatasetFormat.h"
#include "InlineMessage.h"
#include "SummaryCharts.h"
#include "UiLog.h"
#include "WorkerCall.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace rs::ui {

namespace {

struct SummaryData {
    rs::DatasetSummary summary;
    QString error;
};

QChartView* makeChartView(const QString& name, QWidget* parent) {
    auto* view = new QChartView(parent);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(190);
    view->setFrameShape(QFrame::NoFrame);
    return view;
}

/// Shows `chart` in `view` and deletes the chart it replaces (QChartView does not).
void replaceChart(QChartView* view, QChart* chart) {
    QChart* old = view->chart();
    view->setChart(chart);
    delete old;
}

QString percent(double share, int decimals) {
    return QLocale().toString(share * 100.0, 'f', decimals) + QStringLiteral(" %");
}

} // namespace

DatasetSummaryView::DatasetSummaryView(AppSettings* settings, QWidget* parent)
    : QWidget(parent), m_settings(settings), m_title(new QLabel(this)),
      m_subtitle(new QLabel(this)), m_message(new InlineMessage(this)), m_stats(new QGridLayout),
      m_histogram(makeChartView(QStringLiteral("ratingHistogramChart"), this)),
      m_popularity(makeChartView(QStringLiteral("popularityChart"), this)),
      m_activity(makeChartView(QStringLiteral("userActivityChart"), this)),
      m_logScale(new QCheckBox(tr("Log scale"), this)) {
    setObjectName(QStringLiteral("datasetSummary"));
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    f.setBold(true);
    m_title->setFont(f);
    m_title->setObjectName(QStringLiteral("summaryTitle"));
    m_title->setTextFormat(Qt::PlainText); // a dataset name is text, never markup
    m_subtitle->setEnabled(false);
    m_subtitle->setWordWrap(true);
    m_logScale->setObjectName(QStringLiteral("logScaleCheck"));
    m_logScale->setChecked(m_settings ? m_settings->popularityLogScale() : true);
    m_logScale->setToolTip(tr("Count axis of the popularity curve on a logarithmic scale"));

    addStat(QStringLiteral("ratings"), tr("ratings"), 0, 0);
    addStat(QStringLiteral("users"), tr("users"), 0, 1);
    addStat(QStringLiteral("items"), tr("items"), 0, 2);
    addStat(QStringLiteral("density"), tr("density"), 0, 3);
    addStat(QStringLiteral("mean"), tr("mean rating"), 0, 4);
    addStat(QStringLiteral("scale"), tr("rating scale"), 2, 0);
    addStat(QStringLiteral("shortHead"), tr("ratings on top 20% items"), 2, 1);
    addStat(QStringLiteral("duplicates"), tr("duplicates resolved"), 2, 2);
    addStat(QStringLiteral("rejected"), tr("lines rejected"), 2, 3);
    addStat(QStringLiteral("feedback"), tr("feedback"), 2, 4);
    for (int c = 0; c < 5; ++c)
        m_stats->setColumnStretch(c, 1);
    m_stats->setVerticalSpacing(0);

    auto* popularityBox = new QWidget(this);
    auto* popularityLayout = new QVBoxLayout(popularityBox);
    popularityLayout->setContentsMargins(0, 0, 0, 0);
    popularityLayout->setSpacing(2);
    popularityLayout->addWidget(m_popularity, 1);
    popularityLayout->addWidget(m_logScale, 0, Qt::AlignRight);

    auto* charts = new QGridLayout;
    charts->addWidget(m_histogram, 0, 0);
    charts->addWidget(m_activity, 0, 1);
    charts->addWidget(popularityBox, 1, 0, 1, 2);
    charts->setRowStretch(0, 1);
    charts->setRowStretch(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addWidget(m_message);
    layout->addLayout(m_stats);
    layout->addSpacing(6);
    layout->addLayout(charts, 1);

    connect(m_logScale, &QCheckBox::toggled, this, [this](bool on) {
        if (m_settings)
            m_settings->setPopularityLogScale(on);
        rebuildPopularity();
    });
    clear();
}

void DatasetSummaryView::addStat(const QString& key, const QString& caption, int row, int column) {
    auto* value = new QLabel(this);
    value->setObjectName(QStringLiteral("stat_") + key);
    QFont f = value->font();
    f.setPointSizeF(f.pointSizeF() * 1.35);
    f.setBold(true);
    value->setFont(f);
    auto* label = new QLabel(caption, this);
    label->setEnabled(false);
    m_stats->addWidget(value, row, column);
    m_stats->addWidget(label, row + 1, column);
    m_values.insert(key, value);
}

QString DatasetSummaryView::statText(const QString& key) const {
    const QLabel* l = m_values.value(key);
    return l ? l->text() : QString();
}

void DatasetSummaryView::clear() {
    ++m_generation;
    m_loading = false;
    m_info.reset();
    m_summary.reset();
    m_title->setText(tr("No dataset selected"));
    m_subtitle->clear();
    m_message->clear();
    for (QLabel* l : std::as_const(m_values))
        l->setText(QStringLiteral("–"));
    replaceChart(m_histogram, new QChart);
    replaceChart(m_popularity, new QChart);
    replaceChart(m_activity, new QChart);
}

void DatasetSummaryView::setTitle(const QString& name) {
    m_title->setText(visibleText(name));
}

void DatasetSummaryView::setDataset(const QString& workspacePath, const rs::DatasetInfo& info) {
    clear();
    m_info = info;
    m_loading = true;
    const quint64 generation = m_generation;
    m_title->setText(visibleText(QString::fromStdString(info.name)));
    QStringList files;
    for (const QString& f :
         QString::fromStdString(info.source).split(QLatin1Char(';'), Qt::SkipEmptyParts))
        files << QFileInfo(f).fileName();
    QStringList has;
    if (info.hasTimestamps)
        has << tr("timestamps");
    if (info.hasItemMetadata)
        has << tr("item titles and genres");
    QString subtitle = tr("Imported %1 UTC from %2")
                           .arg(QString::fromStdString(info.createdAt)
                                    .replace(QLatin1Char('T'), QLatin1Char(' '))
                                    .remove(QLatin1Char('Z')),
                                files.join(QStringLiteral(", ")));
    if (!has.isEmpty())
        subtitle += tr("; with %1").arg(has.join(tr(" and ")));
    m_subtitle->setText(subtitle + QLatin1Char('.'));
    m_subtitle->setToolTip(QString::fromStdString(info.source));
    const std::string path = workspacePath.toStdString();
    const qint64 id = info.id;
    runInWorker(
        this,
        [path, id] {
            SummaryData out;
            try {
                rs::Workspace ws(path);
                out.summary = rs::DatasetQueries(ws, id).summary(400);
            } catch (const std::exception& e) {
                out.error = QString::fromUtf8(e.what());
            }
            return out;
        },
        [this, generation](SummaryData data) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!data.error.isEmpty()) {
                m_message->showError(tr("Cannot compute the summary: %1").arg(data.error));
            } else {
                m_summary = std::move(data.summary);
                showSummary();
            }
            emit summaryLoaded();
        });
}

void DatasetSummaryView::showSummary() {
    QElapsedTimer timer;
    timer.start();
    const rs::DatasetSummary& s = *m_summary;
    const rs::DatasetInfo& info = *m_info;
    m_values[QStringLiteral("ratings")]->setText(formatCount(s.numRatings));
    m_values[QStringLiteral("users")]->setText(formatCount(s.numUsers));
    m_values[QStringLiteral("items")]->setText(formatCount(s.numItems));
    m_values[QStringLiteral("density")]->setText(percent(s.density, s.density < 0.001 ? 4 : 2));
    m_values[QStringLiteral("mean")]->setText(
        info.implicit ? tr("implicit") : QLocale().toString(s.meanRating, 'f', 2));
    m_values[QStringLiteral("scale")]->setText(
        info.implicit
            ? tr("1 (implicit)")
            : tr("%1 – %2").arg(formatRating(info.ratingMin), formatRating(info.ratingMax)) +
                  (info.ratingStep > 0 ? tr(" by %1").arg(formatRating(info.ratingStep))
                                       : QString()));
    m_values[QStringLiteral("shortHead")]->setText(percent(s.shortHeadShare, 1));
    m_values[QStringLiteral("duplicates")]->setText(formatCount(info.duplicates));
    m_values[QStringLiteral("rejected")]->setText(formatCount(info.rejected));
    m_values[QStringLiteral("feedback")]->setText(info.implicit ? tr("implicit") : tr("explicit"));
    replaceChart(m_histogram, SummaryCharts::ratingHistogram(s));
    replaceChart(m_activity, SummaryCharts::userActivity(s));
    rebuildPopularity();
    qCDebug(lcUi) << "summary shown in" << timer.elapsed() << "ms";
}

void DatasetSummaryView::rebuildPopularity() {
    if (!m_summary)
        return;
    replaceChart(m_popularity, SummaryCharts::popularityCurve(*m_summary, m_logScale->isChecked()));
}

} // namespace rs::ui
