#include "RunSegmentTable.h"

#include "ComparisonTables.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace rs::ui {

namespace {

QTableWidgetItem* numberCell(double v, int decimals) {
    auto* item = new QTableWidgetItem(ComparisonTables::number(v, decimals));
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setData(Qt::UserRole, v);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QTableWidgetItem* textCell(const QString& text) {
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

} // namespace

RunSegmentTable::RunSegmentTable(QWidget* parent)
    : QWidget(parent), m_note(new QLabel(this)),
      m_table(ComparisonTables::newTable(this, QStringLiteral("runSegmentTable"), {})) {
    setObjectName(QStringLiteral("runSegments"));
    auto* title = new QLabel(tr("<b>Popularity bias by user activity</b> (users in thirds by "
                                "training ratings; means of the stored per-user metrics)"),
                             this);
    title->setWordWrap(true);
    m_note->setObjectName(QStringLiteral("runSegmentNote"));
    m_note->setWordWrap(true);
    m_table->horizontalHeader()->setStretchLastSection(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_note);
    layout->addWidget(m_table, 1);
    clear();
}

void RunSegmentTable::clear(const QString& note) {
    m_table->setRowCount(0);
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

void RunSegmentTable::setReport(const rs::SeriesSegmentReport& report) {
    clear();
    // Transposed to stay narrow beside the histogram: a column per segment (then all users), a
    // row for the range, the users and each series.
    QStringList columns;
    for (const rs::UserSegment& g : report.segments)
        columns << QString::fromStdString(g.name);
    columns << tr("all users");
    QStringList rows = {report.by == rs::UserSegmentBy::Activity ? tr("Training ratings")
                                                                 : tr("Popularity pct"),
                        tr("Users")};
    for (const rs::SegmentedSeries& s : report.series)
        rows << (s.name == "LongTail" ? tr("Long-tail share") : QString::fromStdString(s.name));
    m_table->setColumnCount(int(columns.size()));
    m_table->setHorizontalHeaderLabels(columns);
    m_table->setRowCount(int(rows.size()));
    m_table->setVerticalHeaderLabels(rows);
    m_table->verticalHeader()->show();
    const std::size_t groups = report.segments.size() + 1;
    for (std::size_t g = 0; g < groups; ++g) {
        const bool all = g == report.segments.size();
        const int col = int(g);
        auto* range = textCell(
            all ? QString() : QString::fromStdString(report.segments[g].range(report.by, false)));
        range->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(0, col, range);
        // Users: those of the first series (every stored ranking series covers the same users).
        const std::size_t users = report.series.empty() ? 0
                                  : all                 ? report.series.front().overallUsers
                                                        : report.series.front().users[g];
        m_table->setItem(1, col, numberCell(double(users), 0));
        for (std::size_t c = 0; c < report.series.size(); ++c) {
            const rs::SegmentedSeries& s = report.series[c];
            const double v = all ? s.overall : s.means[g];
            m_table->setItem(2 + int(c), col, numberCell(v, s.name == "ARP" ? 1 : 3));
        }
    }
    m_table->resizeColumnsToContents();
}

} // namespace rs::ui
