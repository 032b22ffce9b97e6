#include "ComparisonTables.h"

#include "ExplainText.h"

#include <QHeaderView>
#include <QObject>
#include <QTableWidget>
#include <cmath>

namespace rs::ui::ComparisonTables {

namespace {

QTableWidgetItem* textCell(const QString& text) {
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

/// A number's cell: its text, the value under Qt::UserRole (NaN for "n/a"), right-aligned.
QTableWidgetItem* cell(const QString& text, double value) {
    QTableWidgetItem* item = textCell(text);
    item->setData(Qt::UserRole, value);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

QTableWidget* newTable(QWidget* parent, const QString& objectName, const QStringList& headers) {
    auto* t = new QTableWidget(0, int(headers.size()), parent);
    t->setObjectName(objectName);
    t->setHorizontalHeaderLabels(headers);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setAlternatingRowColors(true);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

QString number(double v, int decimals) {
    return std::isnan(v) ? QObject::tr("n/a") : QString::number(v, 'f', decimals);
}

QString protocolHtml(const rs::ComparisonResult& r, const QStringList& labels) {
    // Each distinct protocol once; a ranking-only run's text is part of a rating model's.
    QStringList protocols;
    for (const rs::RunInfo& run : r.runs) {
        const QString text = QString::fromStdString(run.protocol);
        if (text.isEmpty())
            continue;
        bool covered = false;
        for (QString& known : protocols) {
            if (known.contains(text))
                covered = true;
            else if (text.contains(known)) {
                known = text;
                covered = true;
            }
        }
        if (!covered)
            protocols << text;
    }
    protocols.removeDuplicates();
    const QString split = QString::fromStdString(r.runs.front().splitSpec);
    return QObject::tr("<b>%1</b> · dataset “%2” · %3 · protocol: %4 · top-%5 lists over %6 "
                       "users · computed in %7 s")
        .arg(labels.join(QStringLiteral(" vs ")).toHtmlEscaped(),
             QString::fromStdString(r.datasetName).toHtmlEscaped(),
             r.protocol.sameSplit ? QObject::tr("same split (%1)").arg(split.toHtmlEscaped())
                                  : QObject::tr("<b>different test splits</b>"),
             protocols.isEmpty() ? QObject::tr("not stored")
                                 : protocols.join(QStringLiteral(" | ")).toHtmlEscaped())
        .arg(r.options.k)
        .arg(r.overlap.users)
        .arg(r.seconds, 0, 'f', 1);
}

QString overlapNote(const rs::OverlapMatrix& o, const QStringList& labels) {
    QStringList tauNotes;
    for (std::size_t a = 0; a < o.runs; ++a)
        for (std::size_t b = a + 1; b < o.runs; ++b)
            tauNotes << QObject::tr("%1/%2: tau over %3 users, on shared items %4 (%5 users)")
                            .arg(labels[int(a)], labels[int(b)])
                            .arg(o.tauUsers[a * o.runs + b])
                            .arg(number(o.kendallTauSharedAt(a, b), 2))
                            .arg(o.sharedTauUsers[a * o.runs + b]);
    return QObject::tr("Means over %n sampled user(s) of their top-%1 lists. ", nullptr,
                       int(o.users))
               .arg(o.k) +
           tauNotes.join(QStringLiteral("; ")) + QLatin1Char('.');
}

void fillPopularityTable(QTableWidget* table, const std::vector<rs::PopularityProfile>& profiles,
                         const QStringList& labels) {
    table->setRowCount(int(profiles.size()));
    for (std::size_t i = 0; i < profiles.size(); ++i) {
        const rs::PopularityProfile& p = profiles[i];
        const int row = int(i);
        table->setItem(row, 0, textCell(labels[row]));
        table->setItem(row, 1, cell(number(p.averagePopularity, 1), p.averagePopularity));
        table->setItem(row, 2, cell(number(p.longTailShare), p.longTailShare));
        table->setItem(row, 3, cell(number(p.exposureGini), p.exposureGini));
        table->setItem(row, 4, cell(number(p.coverage), p.coverage));
        table->setItem(row, 5, cell(QString::number(p.lists), double(p.lists)));
    }
    table->resizeColumnsToContents();
}

void fillSegmentTable(QTableWidget* table, const std::vector<rs::SegmentReport>& reports,
                      const QStringList& labels) {
    table->setRowCount(0);
    if (reports.empty())
        return;
    const std::vector<std::string>& accuracy = reports.front().accuracy;
    QStringList headers = {QObject::tr("Segment"),       QObject::tr("Range"),
                           QObject::tr("Run"),           QObject::tr("Users"),
                           QObject::tr("ARP"),           QObject::tr("Long-tail share"),
                           QObject::tr("Exposure Gini"), QObject::tr("Coverage")};
    for (const std::string& name : accuracy)
        headers << QString::fromStdString(name);
    table->setColumnCount(int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
    const std::size_t groups = reports.front().segments.size() + 1;
    table->setRowCount(int(groups * reports.size()));
    int row = 0;
    for (std::size_t g = 0; g < groups; ++g)
        for (std::size_t r = 0; r < reports.size(); ++r, ++row) {
            const rs::SegmentReport& report = reports[r];
            const bool all = g + 1 == groups || g >= report.perSegment.size();
            const rs::SegmentMeasures& m = all ? report.overall : report.perSegment[g];
            table->setItem(row, 0,
                           textCell(all ? QObject::tr("all users")
                                        : QString::fromStdString(report.segments[g].name)));
            table->setItem(
                row, 1,
                textCell(all ? QString()
                             : QString::fromStdString(report.segments[g].range(report.by))));
            table->setItem(row, 2, textCell(labels.value(int(r))));
            table->setItem(row, 3, cell(QString::number(m.users), double(m.users)));
            table->setItem(row, 4, cell(number(m.arp, 1), m.arp));
            table->setItem(row, 5, cell(number(m.longTail), m.longTail));
            table->setItem(row, 6, cell(number(m.exposureGini), m.exposureGini));
            table->setItem(row, 7, cell(number(m.coverage), m.coverage));
            for (std::size_t a = 0; a < accuracy.size(); ++a) {
                const double v = a < m.accuracy.size() ? m.accuracy[a] : std::nan("");
                table->setItem(row, 8 + int(a), cell(number(v), v));
            }
        }
    table->resizeColumnsToContents();
}

void fillExplanationTable(QTableWidget* table, const rs::ExplanationAgreement& e,
                          const QStringList& labels) {
    table->setRowCount(int(e.pairs.size()));
    for (std::size_t i = 0; i < e.pairs.size(); ++i) {
        const rs::ExplanationPairAgreement& p = e.pairs[i];
        const int row = int(i);
        table->setItem(row, 0, textCell(labels.value(int(p.a))));
        table->setItem(row, 1, textCell(labels.value(int(p.b))));
        table->setItem(row, 2, cell(QString::number(p.users), double(p.users)));
        table->setItem(row, 3, cell(QString::number(p.pairs), double(p.pairs)));
        table->setItem(row, 4, cell(number(p.top3Jaccard), p.top3Jaccard));
        table->setItem(row, 5, cell(number(p.top5Jaccard), p.top5Jaccard));
        table->setItem(row, 6, cell(number(p.spearman), p.spearman));
        table->setItem(row, 7, textCell(p.comparable ? QString() : QString::fromStdString(p.note)));
    }
    table->resizeColumnsToContents();
}

QString explanationNote(const rs::ComparisonResult& r, const QStringList& labels) {
    if (!r.options.explanations)
        return QObject::tr("Explanations were not compared.");
    const rs::ExplanationAgreement& e = r.explanations;
    QStringList methods;
    for (std::size_t i = 0; i < e.runs.size(); ++i) {
        const rs::ExplainerAvailability& a = e.runs[i];
        methods << QObject::tr("%1: %2").arg(
            labels.value(int(i)),
            a.available && a.evidence
                ? ExplainText::methodName(a.method.value_or(rs::EvidenceMethod::None))
                : QString::fromStdString(a.note.empty() ? "no evidence" : a.note));
    }
    return QObject::tr("How often two runs cite the same ratings as evidence when both recommend "
                       "an item: Jaccard of their top-3 / top-5 evidence items and Spearman "
                       "correlation of the contributions, over %n sampled user(s). ",
                       nullptr, int(e.usersSampled)) +
           methods.join(QStringLiteral("; "));
}

} // namespace rs::ui::ComparisonTables
