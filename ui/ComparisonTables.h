#pragma once
#include "compare/RunComparison.h"

#include <QString>
#include <QStringList>

class QTableWidget;
class QWidget;

namespace rs::ui {

/// How a run comparison reads on the Compare page: the protocol line, the notes under the
/// overlap and explanation tabs, and the popularity and explanation tables. `labels` name the
/// compared runs in result order.
namespace ComparisonTables {

/// A read-only, sortable-looking table with the given headers (no vertical header).
QTableWidget* newTable(QWidget* parent, const QString& objectName, const QStringList& headers);
/// "0.123" with `decimals`, "n/a" for NaN.
QString number(double v, int decimals = 3);

/// "<b>A vs B</b> · dataset … · same split (…) · protocol: … · top-10 lists over N users …"
QString protocolHtml(const rs::ComparisonResult& r, const QStringList& labels);
/// The users behind the overlap means and the rank agreement of each pair.
QString overlapNote(const rs::OverlapMatrix& o, const QStringList& labels);
/// One row per run: ARP, long-tail share, exposure Gini, coverage, lists.
void fillPopularityTable(QTableWidget* table, const std::vector<rs::PopularityProfile>& profiles,
                         const QStringList& labels);
/// One row per user segment (then "all users") and run: segment, range, run, users with a list,
/// ARP, long-tail share, exposure Gini, coverage and the accuracy means of the first report's
/// series (columns set here). Numbers under Qt::UserRole as given by core.
void fillSegmentTable(QTableWidget* table, const std::vector<rs::SegmentReport>& reports,
                      const QStringList& labels);
/// One row per pair of runs: users, pairs, top-3/top-5 Jaccard, Spearman, note.
void fillExplanationTable(QTableWidget* table, const rs::ExplanationAgreement& e,
                          const QStringList& labels);
/// What the explanation agreement measures and how each run measures evidence.
QString explanationNote(const rs::ComparisonResult& r, const QStringList& labels);

} // namespace ComparisonTables

} // namespace rs::ui
