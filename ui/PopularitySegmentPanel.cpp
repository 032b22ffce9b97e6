#include "PopularitySegmentPanel.h"

#include "ComparisonTables.h"
#include "PopularitySegmentChart.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

namespace rs::ui {

namespace {

constexpr int kAxisTitleRole = Qt::UserRole + 1;

/// Combo data of a measure: the measure and, for accuracy, which stored series.
int measureKey(rs::SegmentMeasure m, int accuracyIndex) {
    return int(m) * 16 + (m == rs::SegmentMeasure::Accuracy ? accuracyIndex : 0);
}

/// "63% less popular" / "12% more popular" / "as popular" from a relative change.
QString popularityShift(double change) {
    if (std::isnan(change))
        return QObject::tr("n/a");
    const int percent = int(std::lround(std::abs(change) * 100.0));
    if (percent == 0)
        return QObject::tr("about as popular");
    return change < 0 ? QObject::tr("%1% less popular").arg(percent)
                      : QObject::tr("%1% more popular").arg(percent);
}

/// "−63%" / "+12%" for a segment's change.
QString signedPercent(double change) {
    if (std::isnan(change))
        return QObject::tr("n/a");
    const long percent = std::lround(change * 100.0);
    return percent < 0 ? QStringLiteral("\u2212%1%").arg(-percent)
                       : QStringLiteral("+%1%").arg(percent);
}

} // namespace

PopularitySegmentPanel::PopularitySegmentPanel(QWidget* parent)
    : QWidget(parent), m_by(new QComboBox(this)), m_measure(new QComboBox(this)),
      m_headline(new QLabel(this)), m_chart(new PopularitySegmentChart(this)),
      m_table(ComparisonTables::newTable(this, QStringLiteral("popularitySegmentTable"), {})) {
    setObjectName(QStringLiteral("popularitySegments"));
    m_by->setObjectName(QStringLiteral("popularitySegmentBy"));
    m_by->addItem(tr("Activity (training ratings)"), int(rs::UserSegmentBy::Activity));
    m_by->addItem(tr("Mainstreamness (popularity of their items)"),
                  int(rs::UserSegmentBy::Mainstreamness));
    m_by->setToolTip(tr("Users in three equal-sized groups (ties kept together): by how many "
                        "training ratings they have, or by the mean popularity percentile of "
                        "the items they rated"));
    m_measure->setObjectName(QStringLiteral("popularitySegmentMeasure"));
    m_measure->setMinimumContentsLength(16);
    m_headline->setObjectName(QStringLiteral("popularitySegmentHeadline"));
    m_headline->setWordWrap(true);
    m_headline->setTextFormat(Qt::RichText);
    m_chart->setObjectName(QStringLiteral("popularitySegmentChart"));
    m_table->horizontalHeader()->setStretchLastSection(false);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Users by:"), this));
    controls->addWidget(m_by);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Measure:"), this));
    controls->addWidget(m_measure);
    controls->addStretch(1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_chart);
    split->addWidget(m_table);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_headline);
    layout->addLayout(controls);
    layout->addWidget(split, 1);

    connect(m_by, &QComboBox::currentIndexChanged, this, [this] {
        redraw();
        updateHeadline();
    });
    connect(m_measure, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
    fillMeasures();
}

void PopularitySegmentPanel::clear() {
    setResult(nullptr, {});
}

void PopularitySegmentPanel::setResult(std::shared_ptr<const rs::ComparisonResult> result,
                                       const QStringList& labels) {
    m_result = std::move(result);
    m_labels = labels;
    fillMeasures();
    redraw();
    updateHeadline();
}

void PopularitySegmentPanel::fillMeasures() {
    const int previous = m_measure->currentData().isValid()
                             ? m_measure->currentData().toInt()
                             : measureKey(rs::SegmentMeasure::Arp, 0);
    const QSignalBlocker block(m_measure);
    m_measure->clear();
    // Items: the combo text, the measure as data and a short axis title.
    auto add = [this](const QString& text, int key, const QString& axis) {
        m_measure->addItem(text, key);
        m_measure->setItemData(m_measure->count() - 1, axis, kAxisTitleRole);
    };
    add(tr("ARP (average recommendation popularity)"), measureKey(rs::SegmentMeasure::Arp, 0),
        tr("ARP"));
    add(tr("Long-tail share"), measureKey(rs::SegmentMeasure::LongTail, 0), tr("long-tail share"));
    add(tr("Exposure Gini"), measureKey(rs::SegmentMeasure::ExposureGini, 0), tr("exposure Gini"));
    add(tr("Coverage"), measureKey(rs::SegmentMeasure::Coverage, 0), tr("coverage"));
    if (m_result && !m_result->activitySegments.empty()) {
        const auto& accuracy = m_result->activitySegments.front().accuracy;
        for (std::size_t a = 0; a < accuracy.size(); ++a)
            add(QString::fromStdString(accuracy[a]),
                measureKey(rs::SegmentMeasure::Accuracy, int(a)),
                QString::fromStdString(accuracy[a]));
    }
    m_measure->setCurrentIndex(std::max(0, m_measure->findData(previous)));
}

void PopularitySegmentPanel::setSegmentation(rs::UserSegmentBy by) {
    m_by->setCurrentIndex(std::max(0, m_by->findData(int(by))));
}

bool PopularitySegmentPanel::setMeasure(rs::SegmentMeasure measure, int accuracyIndex) {
    const int index = m_measure->findData(measureKey(measure, accuracyIndex));
    if (index < 0)
        return false;
    m_measure->setCurrentIndex(index);
    return true;
}

rs::UserSegmentBy PopularitySegmentPanel::segmentation() const {
    return rs::UserSegmentBy(m_by->currentData().toInt());
}

rs::SegmentMeasure PopularitySegmentPanel::measure() const {
    return rs::SegmentMeasure(m_measure->currentData().toInt() / 16);
}

int PopularitySegmentPanel::accuracyIndex() const {
    return m_measure->currentData().toInt() % 16;
}

void PopularitySegmentPanel::redraw() {
    if (!m_result) {
        m_chart->clear();
        m_table->setRowCount(0);
        return;
    }
    const auto& reports = m_result->segments(segmentation());
    m_chart->setData(m_labels, reports, measure(), std::size_t(accuracyIndex()),
                     m_measure->currentData(kAxisTitleRole).toString());
    ComparisonTables::fillSegmentTable(m_table, reports, m_labels);
}

void PopularitySegmentPanel::updateHeadline() {
    const auto* r = m_result.get();
    if (!r || r->runs.size() < 2 || r->segments(segmentation()).size() < 2) {
        m_headline->setText(r ? QString()
                              : tr("Compare two runs on the same split (say a plain "
                                   "and a debiased model) to see how their "
                                   "recommendations lean on popular items for "
                                   "light and heavy, niche and mainstream users."));
        return;
    }
    const rs::SegmentReport& a = r->segments(segmentation())[0];
    const rs::SegmentReport& b = r->segments(segmentation())[1];
    const QString nameA = m_labels.value(0).toHtmlEscaped(),
                  nameB = m_labels.value(1).toHtmlEscaped();
    QString text =
        tr("<b>%1</b> recommends <b>%2</b> items than <b>%3</b> (ARP %4 → %5) · "
           "long-tail share %6 → %7")
            .arg(nameB, popularityShift(rs::relativeChange(a.overall.arp, b.overall.arp)), nameA,
                 ComparisonTables::number(a.overall.arp, 1),
                 ComparisonTables::number(b.overall.arp, 1),
                 ComparisonTables::number(a.overall.longTail, 2),
                 ComparisonTables::number(b.overall.longTail, 2));
    if (!a.accuracy.empty() && !b.accuracy.empty() && a.accuracy[0] == b.accuracy[0])
        text += tr(" · %1 %2 → %3")
                    .arg(QString::fromStdString(a.accuracy[0]).toHtmlEscaped(),
                         ComparisonTables::number(a.overall.accuracy[0]),
                         ComparisonTables::number(b.overall.accuracy[0]));
    QStringList segments;
    for (std::size_t s = 0; s < a.perSegment.size() && s < b.perSegment.size(); ++s)
        segments << tr("%1 %2").arg(
            QString::fromStdString(a.segments[s].name).toHtmlEscaped(),
            signedPercent(rs::relativeChange(a.perSegment[s].arp, b.perSegment[s].arp)));
    text += tr(".<br>ARP change per %1 segment: %2.")
                .arg(QString::fromUtf8(rs::userSegmentByName(segmentation())),
                     segments.join(QStringLiteral(", ")));
    m_headline->setText(text);
}

} // namespace rs::ui
