// The why panel's widgets with constructed explanations (no window, no workspace): waterfall
// geometry and grouping, the evidence list, exact-term naming, the counterfactual and what-if
// views, the deletion curve chart. tst_whypanel drives the whole panel end to end.
#include "AppSettings.h"
#include "CompareRunMenu.h"
#include "CounterfactualView.h"
#include "DeletionCurveChart.h"
#include "DemoDataset.h"
#include "EvidenceBarList.h"
#include "EvidenceListModel.h"
#include "ExplainService.h"
#include "ExplainText.h"
#include "ImportWizard.h" // MainWindow.h's inline importWizard() needs the complete type
#include "InlineMessage.h"
#include "MainWindow.h"
#include "TopNComparison.h"
#include "UiTestUtil.h"
#include "WaterfallBars.h"
#include "WaterfallChart.h"
#include "WhyDock.h"
#include "WhyHeader.h"
#include "WhyPanel.h"
#include "WhyPanels.h"
#include "store/Workspace.h"
#include "train/TrainingJob.h"

#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSplitter>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTreeView>
#include <QtTest/QtTest>
#include <cmath>
#include <numeric>

using namespace rs::ui;

namespace {

/// A few MovieLens-like items (dense index = position).
std::vector<rs::ItemLabel> sampleItems(int n) {
    static const char* titles[] = {"Toy Story (1995)", "Heat (1995)",    "Se7en (1995)",
                                   "Fargo (1996)",     "Alien (1979)",   "Babe (1995)",
                                   "Casino (1995)",    "Clueless (1995)"};
    static const char* genres[] = {"Adventure|Animation|Children|Comedy|Fantasy",
                                   "Action|Crime|Thriller",
                                   "Mystery|Thriller",
                                   "Comedy|Crime|Drama|Thriller",
                                   "Horror|Sci-Fi",
                                   "Children|Drama",
                                   "Crime|Drama",
                                   "Comedy|Romance"};
    std::vector<rs::ItemLabel> items;
    for (int i = 0; i < n; ++i) {
        rs::ItemLabel l;
        l.id = std::to_string(i + 1);
        l.title = i < 8 ? titles[i] : "Movie " + std::to_string(i + 1) + " (2001)";
        l.genres = genres[i % 8];
        items.push_back(l);
    }
    return items;
}

rs::ScorePart part(rs::ScorePartKind kind, const std::string& label, double value,
                   int factor = -1) {
    rs::ScorePart p;
    p.kind = kind;
    p.label = label;
    p.value = value;
    p.factor = factor;
    return p;
}

/// A biased-MF-like decomposition: mean, biases and 20 latent factors of
/// varying size.
std::vector<rs::ScorePart> factorParts() {
    std::vector<rs::ScorePart> parts{part(rs::ScorePartKind::GlobalMean, "global mean", 3.5),
                                     part(rs::ScorePartKind::UserBias, "user bias", 0.21),
                                     part(rs::ScorePartKind::ItemBias, "item bias", -0.13)};
    for (int f = 0; f < 20; ++f) {
        const double v = (f % 3 == 0 ? -1.0 : 1.0) * 0.4 / (1.0 + f) * (1.0 + 0.1 * (f % 4));
        parts.push_back(part(rs::ScorePartKind::LatentFactor, "factor " + std::to_string(f), v, f));
    }
    return parts;
}

double sumOf(const std::vector<rs::ScorePart>& parts) {
    double s = 0;
    for (const auto& p : parts)
        s += p.value;
    return s;
}

/// An explanation of item 0 for user 3 with `n` evidence items (sorted, largest
/// first).
rs::Explanation sampleExplanation(int n) {
    rs::Explanation e;
    e.model = "biasedmf";
    e.user = 3;
    e.item = 0;
    e.score = 4.3;
    e.rank = 2;
    e.k = 10;
    e.predictsRatings = true;
    e.parts = factorParts();
    e.decomposedScore = sumOf(e.parts);
    e.evidenceMethod = rs::EvidenceMethod::Resolve;
    e.evidenceBaseScore = 4.28;
    for (int i = 0; i < n; ++i) {
        rs::EvidenceItem ev;
        ev.item = std::uint32_t(i + 1);
        ev.rating = float(0.5 * (1 + (i * 7) % 10));
        ev.contribution = 0.3 - 0.6 * double(i) / double(std::max(n - 1, 1));
        e.evidence.push_back(ev);
    }
    e.counterfactual.searched = true;
    e.counterfactual.found = true;
    e.counterfactual.removed = {1, 2};
    e.counterfactual.rankAfter = 14;
    e.counterfactual.scoreAfter = 3.9;
    e.counterfactual.budget = 20;
    return e;
}

bool reddish(const QColor& c) {
    return c.red() > 150 && c.green() < 120 && c.blue() < 120;
}
bool greenish(const QColor& c) {
    return c.green() > 100 && c.red() < 100 && c.blue() < 120;
}

} // namespace

class TestWhyWidgets : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { rs::test::initUiTestEnvironment(); }

    void waterfallGroupsSmallFactorsAndKeepsTheTotal() {
        const std::vector<rs::ScorePart> parts = factorParts();
        std::vector<rs::FactorProfile> factors(20);
        for (int f = 0; f < 20; ++f) {
            factors[std::size_t(f)].factor = f;
            factors[std::size_t(f)].name = f == 0 ? "Animation+ / Horror-" : "Drama+";
        }
        const auto items = sampleItems(4);
        const auto bars = WaterfallBars::build(
            parts, 8,
            [&](const rs::ScorePart& p) { return ExplainText::partLabel(p, items, factors); },
            QStringLiteral("score"));
        // 3 fixed parts, the 8 largest factors, one group of the other 12, the
        // total.
        QCOMPARE(int(bars.size()), 3 + 8 + 1 + 1);
        QCOMPARE(bars[0].label, QStringLiteral("global mean"));
        const WaterfallBar& group = bars[11];
        QCOMPARE(int(group.kind), int(WaterfallBar::Kind::Group));
        QCOMPARE(group.count, 12);
        QCOMPARE(group.label, QStringLiteral("other factors (12)"));
        // The detailed factors are the largest by |value|, in decreasing order.
        double smallestShown = 1e9;
        for (int i = 3; i < 11; ++i) {
            QCOMPARE(int(bars[std::size_t(i)].kind), int(WaterfallBar::Kind::Part));
            smallestShown = std::min(smallestShown, std::abs(bars[std::size_t(i)].value));
            if (i > 3)
                QVERIFY(std::abs(bars[std::size_t(i)].value) <=
                        std::abs(bars[std::size_t(i - 1)].value));
        }
        double grouped = 0, largestGrouped = 0;
        std::vector<double> all;
        for (const auto& p : parts)
            if (p.kind == rs::ScorePartKind::LatentFactor)
                all.push_back(std::abs(p.value));
        std::sort(all.begin(), all.end(), std::greater<>());
        for (std::size_t i = 8; i < all.size(); ++i)
            largestGrouped = std::max(largestGrouped, all[i]);
        QVERIFY(smallestShown >= largestGrouped);
        // The group is the exact sum of the factors it hides, and the total stays
        // exact.
        for (const auto& p : parts)
            if (p.kind == rs::ScorePartKind::LatentFactor && std::abs(p.value) < smallestShown)
                grouped += p.value;
        QVERIFY(std::abs(group.value - grouped) < 1e-12);
        const WaterfallBar& total = bars.back();
        QCOMPARE(int(total.kind), int(WaterfallBar::Kind::Total));
        QVERIFY(std::abs(total.value - sumOf(parts)) < 1e-12);
        QCOMPARE(total.start, 0.0);
        // Each bar starts where the previous one ended.
        for (std::size_t i = 1; i + 1 < bars.size(); ++i)
            QCOMPARE(bars[i].start, bars[i - 1].end);
        QVERIFY(std::abs(bars[bars.size() - 2].end - total.end) < 1e-12);
        // Factor labels carry the factor's readable name with a real minus sign.
        const auto f0 = std::find_if(bars.begin(), bars.end(), [](const WaterfallBar& b) {
            return b.label.startsWith(QStringLiteral("factor 0 "));
        });
        QVERIFY(f0 != bars.end());
        QCOMPARE(f0->label, QStringLiteral("factor 0 · Animation+ / Horror\u2212"));
        // Few factors are not grouped at all (grouping one would hide it for
        // nothing).
        std::vector<rs::ScorePart> nine(parts.begin(), parts.begin() + 3 + 9);
        const auto ungrouped = WaterfallBars::build(
            nine, 8, [](const rs::ScorePart& p) { return QString::fromStdString(p.label); },
            QStringLiteral("score"));
        QCOMPARE(int(ungrouped.size()), 3 + 9 + 1);
    }

    void waterfallBarGeometryAddsUp() {
        const std::vector<rs::ScorePart> parts = factorParts();
        WaterfallChart chart;
        chart.setBars(WaterfallBars::build(
            parts, 6, [](const rs::ScorePart& p) { return QString::fromStdString(p.label); },
            QStringLiteral("score")));
        chart.resize(640, chart.sizeHint().height());
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const auto& bars = chart.bars();
        const QRectF totalRect = chart.barRect(int(bars.size()) - 1);
        // Pixels per score unit, from the total bar.
        const double scale = totalRect.width() / std::abs(bars.back().value);
        QVERIFY(scale > 10);
        double signedWidth = 0;
        for (int i = 0; i + 1 < int(bars.size()); ++i) {
            const QRectF r = chart.barRect(i);
            const WaterfallBar& b = bars[std::size_t(i)];
            QVERIFY(std::abs(r.width() - std::abs(b.value) * scale) < 1e-6);
            // It starts where the previous bar ended (in pixels too).
            const double startX = b.value >= 0 ? r.left() : r.right();
            const double endX = b.value >= 0 ? r.right() : r.left();
            if (i > 0) {
                const QRectF prev = chart.barRect(i - 1);
                const double prevEnd =
                    bars[std::size_t(i - 1)].value >= 0 ? prev.right() : prev.left();
                QVERIFY(std::abs(startX - prevEnd) < 1e-6);
                QVERIFY(r.top() >= prev.bottom()); // rows do not overlap
            } else {
                QVERIFY(std::abs(startX - chart.xOf(0.0)) < 1e-6);
            }
            signedWidth += endX - startX;
            QVERIFY(chart.rect().contains(r.toAlignedRect()));
        }
        // The bars' signed widths add up to the total bar, which starts at zero.
        QVERIFY(std::abs(signedWidth - totalRect.width()) < 1e-6);
        QVERIFY(std::abs(totalRect.left() - chart.xOf(0.0)) < 1e-6);
        // Painted colours: the global mean rises (green), the item bias falls
        // (red).
        const QImage image = chart.grab().toImage();
        const qreal dpr = image.devicePixelRatio();
        auto colourAt = [&](int bar) {
            const QPointF c = chart.barRect(bar).center();
            return image.pixelColor(int(c.x() * dpr), int(c.y() * dpr));
        };
        QVERIFY2(greenish(colourAt(0)), qPrintable(colourAt(0).name()));
        QVERIFY2(reddish(colourAt(2)), qPrintable(colourAt(2).name()));
        QCOMPARE(chart.rowAt(chart.barRect(2).center().toPoint()), 2);
        rs::test::saveScreenshot(&chart, QStringLiteral("whypanel-waterfall-widget"));
    }

    void evidenceListIsSortedAndLabelled() {
        const auto items = sampleItems(2001);
        const rs::Explanation e = sampleExplanation(2000);
        EvidenceBarList list;
        list.resize(620, 320);
        list.setExplanation(e, items);
        list.show();
        QVERIFY(QTest::qWaitForWindowExposed(&list));
        EvidenceListModel* model = list.model();
        QCOMPARE(model->rowCount(), 2000);
        for (int r = 1; r < model->rowCount(); ++r)
            QVERIFY(model->index(r, EvidenceListModel::Contribution)
                        .data(EvidenceListModel::ValueRole)
                        .toDouble() <= model->index(r - 1, EvidenceListModel::Contribution)
                                           .data(EvidenceListModel::ValueRole)
                                           .toDouble());
        QCOMPARE(model->index(0, EvidenceListModel::Title).data().toString(),
                 QStringLiteral("Heat (1995)"));
        QCOMPARE(model->index(0, EvidenceListModel::Genres).data().toString(),
                 QStringLiteral("Action · Crime · Thriller"));
        QCOMPARE(model->index(0, EvidenceListModel::Rating).data().toString(),
                 QStringLiteral("0.5"));
        QCOMPARE(model->index(0, EvidenceListModel::Contribution).data().toString(),
                 QStringLiteral("+0.300"));
        QCOMPARE(model->index(1999, EvidenceListModel::Contribution).data().toString(),
                 QStringLiteral("\u22120.300"));
        QCOMPARE(model->index(1999, EvidenceListModel::Contribution)
                     .data(EvidenceListModel::BarRole)
                     .toDouble(),
                 -1.0);
        const QString tip =
            model->index(2, EvidenceListModel::Title).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("Fargo (1996)")) &&
                     tip.contains(QStringLiteral("rated it 2.5")) &&
                     tip.contains(QStringLiteral("re-solved")),
                 qPrintable(tip));
        // The counterfactual's items are marked.
        QVERIFY(model->row(0).inCounterfactual && model->row(1).inCounterfactual &&
                !model->row(2).inCounterfactual);
        QVERIFY(list.summary().contains(QStringLiteral("2,000 ratings")));
        QVERIFY(list.summary().contains(QStringLiteral("re-solved")));
        // 2,000 rows scroll inside the list.
        QVERIFY(list.view()->verticalScrollBar()->maximum() > 0);
        list.view()->scrollToBottom();
        QTRY_VERIFY(list.view()->verticalScrollBar()->value() ==
                    list.view()->verticalScrollBar()->maximum());

        // Tick two rows with the keyboard, then ask for the what-if.
        QVERIFY(!list.whatIfButton()->isEnabled());
        QSignalSpy spy(&list, &EvidenceBarList::whatIfRequested);
        list.view()->setFocus();
        for (int row : {4, 7}) {
            list.view()->setCurrentIndex(model->index(row, EvidenceListModel::Title));
            QTest::keyClick(list.view(), Qt::Key_Space);
        }
        QCOMPARE(model->checkedItems(), (std::vector<std::uint32_t>{5, 8}));
        QVERIFY(list.whatIfButton()->isEnabled());
        QVERIFY(list.whatIfButton()->text().contains(QStringLiteral("2")));
        QTest::mouseClick(list.whatIfButton(), Qt::LeftButton);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<std::vector<std::uint32_t>>(),
                 (std::vector<std::uint32_t>{5, 8}));
        // Untick one.
        list.view()->setCurrentIndex(model->index(4, EvidenceListModel::Title));
        QTest::keyClick(list.view(), Qt::Key_Space);
        QCOMPARE(model->checkedItems(), (std::vector<std::uint32_t>{8}));
        list.setWhatIfEnabled(false);
        QVERIFY(!list.whatIfButton()->isEnabled());
        list.view()->scrollToTop();
        rs::test::saveScreenshot(&list, QStringLiteral("whypanel-evidence-widget"));
    }

    void exactTermsAreNamed() {
        rs::Explanation e = sampleExplanation(3);
        e.evidenceMethod = rs::EvidenceMethod::ExactTerms;
        EvidenceBarList list;
        list.setExplanation(e, sampleItems(5));
        QVERIFY(list.summary().contains(QStringLiteral("exact terms")));
        e.evidenceMethod = rs::EvidenceMethod::None;
        e.evidence.clear();
        list.setExplanation(e, sampleItems(5));
        QCOMPARE(list.model()->rowCount(), 0);
        QVERIFY(list.summary().contains(QStringLiteral("does not attribute")));
    }

    void counterfactualSectionRenders() {
        const auto items = sampleItems(12);
        rs::Explanation e = sampleExplanation(10);
        CounterfactualView view;
        view.resize(560, 220);
        view.setExplanation(e, items);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY2(view.statusText().contains(QStringLiteral("2 ratings")) &&
                     view.statusText().contains(QStringLiteral("top 10")) &&
                     view.statusText().contains(QStringLiteral("rank 14")) &&
                     view.statusText().contains(QStringLiteral("Toy Story (1995)")),
                 qPrintable(view.statusText()));
        QCOMPARE(view.list()->count(), 2);
        QVERIFY(view.list()->item(0)->text().startsWith(QStringLiteral("Heat (1995)")));
        QVERIFY(view.list()->item(1)->text().startsWith(QStringLiteral("Se7en (1995)")));
        QVERIFY(view.list()->isVisible());
        QVERIFY(view.whatIfButton()->isEnabled());
        QSignalSpy spy(&view, &CounterfactualView::whatIfRequested);
        QTest::mouseClick(view.whatIfButton(), Qt::LeftButton);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<std::vector<std::uint32_t>>(),
                 (std::vector<std::uint32_t>{1, 2}));
        rs::test::saveScreenshot(&view, QStringLiteral("whypanel-counterfactual-widget"));

        // None found within the budget: said so, nothing to click.
        e.counterfactual.found = false;
        e.counterfactual.removed.clear();
        e.counterfactual.note = "no set of up to 20 ratings removes it from the top 10";
        view.setExplanation(e, items);
        QVERIFY(view.statusText().contains(QStringLiteral("No counterfactual")));
        QVERIFY(view.statusText().contains(QStringLiteral("up to 20 ratings")));
        QVERIFY(!view.whatIfButton()->isEnabled());
        QVERIFY(!view.list()->isVisible());
        // Not searched: the reason.
        e.counterfactual.searched = false;
        e.counterfactual.note = "not searched: the item is at rank 31, outside the top 10";
        view.setExplanation(e, items);
        QVERIFY(
            view.statusText().startsWith(QStringLiteral("Not searched: the item is at rank 31")));
        QVERIFY(!view.whatIfButton()->isEnabled());
    }

    void whatIfComparisonHighlightsTheItem() {
        const auto items = sampleItems(30);
        WhatIfReply r;
        r.user = 3;
        r.item = 0;
        r.k = 5;
        r.removed = {1, 2};
        r.before = {{10, 4.9f}, {11, 4.8f}, {0, 4.7f}, {12, 4.6f}, {13, 4.5f}};
        r.after = {{10, 4.8f}, {2, 4.75f}, {11, 4.7f}, {12, 4.6f}, {13, 4.4f}};
        r.rankBefore = 3;
        r.rankAfter = 9;
        TopNComparison view;
        view.resize(560, 300);
        view.setResult(r, items);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCOMPARE(view.table()->rowCount(), 5);
        QCOMPARE(view.highlightedBefore(), 2);
        QCOMPARE(view.highlightedAfter(), -1);
        QCOMPARE(view.table()->item(2, TopNComparison::Before)->text(),
                 QStringLiteral("Toy Story (1995)"));
        QVERIFY(view.table()->item(2, TopNComparison::Before)->font().bold());
        // The removed item that came back is marked.
        QVERIFY(view.table()->item(1, TopNComparison::After)->font().italic());
        QVERIFY2(view.summary().contains(QStringLiteral("rank 3 to rank <b>9</b>")) &&
                     view.summary().contains(QStringLiteral("out of the top 5")),
                 qPrintable(view.summary()));
        QCOMPARE(view.table()->horizontalHeaderItem(TopNComparison::After)->text(),
                 QStringLiteral("Without 2 ratings"));
        rs::test::saveScreenshot(&view, QStringLiteral("whypanel-topn-widget"));
        // Still in the top-N after: highlighted on both sides.
        r.after = {{10, 4.8f}, {0, 4.75f}, {11, 4.7f}, {12, 4.6f}, {13, 4.4f}};
        r.rankAfter = 2;
        view.setResult(r, items);
        QCOMPARE(view.highlightedAfter(), 1);
        QVERIFY(!view.summary().contains(QStringLiteral("out of the top")));
    }

    void deletionCurveChartPlotsBothCurves() {
        rs::DeletionCurve c;
        c.rankBefore = 2;
        c.rankTop = {5, 14, 40, 120, 300};
        c.rankRandom = {2.2, 2.4, 3.0, 3.2, 3.8};
        DeletionCurveChart chart;
        chart.resize(480, chart.sizeHint().height());
        QVERIFY(!chart.hasCurve());
        chart.setCurve(c, 10);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QVERIFY(chart.hasCurve());
        // Rank 1 is at the top, worse ranks lower, m grows to the right.
        QVERIFY(chart.pointAt(1, 5).y() > chart.pointAt(1, 2).y());
        QVERIFY(chart.pointAt(5, 300).y() > chart.pointAt(5, 3.8).y());
        QVERIFY(chart.pointAt(2, 1).x() > chart.pointAt(1, 1).x());
        QVERIFY(chart.rect().contains(chart.pointAt(5, 300).toPoint()));
        rs::test::saveScreenshot(&chart, QStringLiteral("whypanel-deletion-curve-widget"));
    }
};

QTEST_MAIN(TestWhyWidgets)
#include "tst_whywidgets.moc"
