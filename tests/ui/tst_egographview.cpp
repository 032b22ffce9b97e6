// The why panel's graph of a recommendation, offscreen on a workspace with the demo dataset and a
// real trained LightGCN run: the section draws the nodes and edges rs::buildEgoGraph gives for
// the panel's explanation, hovering a node highlights its edges and carries its details as a
// tooltip, clicking a history item selects its evidence row, "Open larger…" shows the same
// graph in a window, PNG and SVG exports are written, and a model without evidence (popularity)
// has no graph. (Named tst_egographview: tests/core/tst_egograph tests the core part.)
#include "DemoDataset.h"
#include "EgoGraphDialog.h"
#include "EgoGraphItems.h"
#include "EgoGraphView.h"
#include "EvidenceBarList.h"
#include "EvidenceListModel.h"
#include "ExplainService.h"
#include "ExplainText.h"
#include "InlineMessage.h"
#include "RunContextCache.h"
#include "TrainRun.h"
#include "UiTestUtil.h"
#include "WhyGraphSection.h"
#include "WhyPanel.h"
#include "WorkspaceSession.h"
#include "explain/Explainer.h"
#include "store/Workspace.h"
#include "train/TrainingJob.h"

#include <QFile>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolTip>
#include <QTreeView>
#include <QtTest/QtTest>
#include <cmath>

using namespace rs::ui;

namespace {
constexpr int kTimeout = 180000; ///< ms: explanations of a cold run on a loaded machine
}

class TestEgoGraphView : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_datasetId = 0, m_gcnRun = 0, m_popRun = 0;
    std::shared_ptr<const rs::RunContext> m_gcn;
    std::uint32_t m_user = 0, m_item = 0;
    std::unique_ptr<WorkspaceSession> m_session;
    std::unique_ptr<RunContextCache> m_contexts;
    std::unique_ptr<ExplainService> m_service;
    std::unique_ptr<WhyPanel> m_panel;

    WhyGraphSection* section() const { return m_panel->graphSection(); }
    EgoGraphView* view() const { return section()->view(); }

    /// The evidence row currently selected in the panel (-1: none).
    int selectedEvidenceRow() const {
        const QModelIndex index = m_panel->evidence()->view()->currentIndex();
        return index.isValid() && m_panel->evidence()->view()->selectionModel()->isSelected(index)
                   ? index.row()
                   : -1;
    }

private slots:
    void initTestCase() { rs::test::initUiTestEnvironment(); }

    void trainRuns() {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("ego.recscope"));
        const rs::ImportResult imported = DemoDataset::importInto(m_path);
        QCOMPARE(int(imported.status), int(rs::ImportStatus::Ok));
        m_datasetId = imported.datasetId;
        m_gcnRun = rs::test::trainRun(m_path.toStdString(), m_datasetId,
                                      {"lightgcn",
                                       {{"factors", "16"}, {"layers", "2"}, {"epochs", "3"}},
                                       "random:0.2:seed=3",
                                       7});
        m_popRun = rs::test::trainRun(m_path.toStdString(), m_datasetId,
                                      {"popularity", {}, "random:0.2:seed=3", 7});
        QVERIFY(m_gcnRun > 0 && m_popRun > 0);
        rs::Workspace ws(m_path.toStdString());
        std::string error;
        m_gcn = rs::loadRunContext(ws, m_gcnRun, error);
        QVERIFY2(m_gcn, error.c_str());
        // A user with a modest history (more ratings than the graph draws) and a recommendation
        // whose strongest paths pass through other users (so the graph has a neighbour column).
        const auto explainer = rs::makeExplainer(*m_gcn, error);
        QVERIFY2(explainer, error.c_str());
        rs::ExplainOptions options;
        options.counterfactual = false;
        bool found = false;
        for (std::uint32_t u = 0; u < m_gcn->numUsers() && !found; ++u) {
            const auto n = m_gcn->trainItems(u).size();
            if (n < 25 || n > 60)
                continue;
            for (const rs::ScoredItem& s : m_gcn->recommend(u, 5)) {
                const rs::EgoGraph g = rs::buildEgoGraph(explainer->explain(u, s.item, options),
                                                         EgoGraphView::layoutOptions());
                const bool neighbours =
                    std::any_of(g.nodes.begin(), g.nodes.end(), [](const rs::EgoNode& node) {
                        return node.kind == rs::EgoNodeKind::NeighbourUser;
                    });
                if (neighbours && !found) {
                    m_user = u;
                    m_item = s.item;
                    found = true;
                }
            }
        }
        QVERIFY(found);

        m_session = std::make_unique<WorkspaceSession>();
        QVERIFY(m_session->open(m_path).isEmpty());
        m_contexts = std::make_unique<RunContextCache>(*m_session);
        m_service = std::make_unique<ExplainService>(*m_session, *m_contexts);
        m_panel = std::make_unique<WhyPanel>(*m_service);
        m_panel->resize(660, 1300);
        m_panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    }

    void sectionDrawsTheCoreGraph() {
        QVERIFY(m_panel);
        m_panel->showWhy(m_gcnRun, m_user, m_item);
        QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isBusy(), kTimeout);
        QVERIFY2(m_panel->explanation().has_value(), qPrintable(m_panel->message()->text()));
        const rs::Explanation& e = *m_panel->explanation();
        QVERIFY(!e.paths.empty());
        QVERIFY(section()->isVisibleTo(m_panel.get()));
        const rs::EgoGraph expected = rs::buildEgoGraph(e, EgoGraphView::layoutOptions());
        QVERIFY(expected.graphModel);
        const auto nodes = view()->nodeItems();
        const auto edges = view()->edgeItems();
        QCOMPARE(nodes.size(), qsizetype(expected.nodes.size()));
        QCOMPARE(edges.size(), qsizetype(expected.edges.size()));
        QVERIFY(nodes.size() >= 10); // user, 8 history items, neighbours, the item
        int neighbours = 0;
        for (qsizetype n = 0; n < nodes.size(); ++n) {
            const rs::EgoNode& want = expected.nodes[std::size_t(n)];
            const rs::EgoNode& got = nodes[n]->node();
            QCOMPARE(int(got.kind), int(want.kind));
            QCOMPARE(got.index, want.index);
            QCOMPARE(nodes[n]->sceneBox().center(), QPointF(want.x, want.y));
            neighbours += got.kind == rs::EgoNodeKind::NeighbourUser;
            if (got.kind == rs::EgoNodeKind::HistoryItem ||
                got.kind == rs::EgoNodeKind::RecommendedItem)
                QCOMPARE(nodes[n]->label(), ExplainText::itemTitle(m_gcn->items, got.index));
        }
        QVERIFY(neighbours > 0);
        // Edges: the core's values; the widest is the one with the largest |contribution|, and
        // green/red follow the sign.
        double widest = 0, widestValue = 0, largest = 0;
        for (qsizetype k = 0; k < edges.size(); ++k) {
            const rs::EgoEdge& want = expected.edges[std::size_t(k)];
            QCOMPARE(edges[k]->edge().from, want.from);
            QCOMPARE(edges[k]->edge().to, want.to);
            QCOMPARE(edges[k]->edge().contribution, want.contribution);
            QCOMPARE(edges[k]->color(), want.contribution >= 0 ? EgoGraphColors::positive()
                                                               : EgoGraphColors::negative());
            if (edges[k]->width() > widest) {
                widest = edges[k]->width();
                widestValue = std::abs(want.contribution);
            }
            largest = std::max(largest, std::abs(want.contribution));
        }
        QCOMPARE(widestValue, largest);
        // The legend explains the colours and says what share the drawing carries.
        QVERIFY(view()->legend());
        const QStringList legend = view()->legend()->entries();
        QVERIFY(legend.contains(QStringLiteral("raises the score")));
        QVERIFY(legend.contains(QStringLiteral("lowers the score")));
        bool other = false, again = false;
        for (const rs::EgoNode& n : expected.nodes) {
            other = other || (n.kind == rs::EgoNodeKind::NeighbourUser && !n.returnsToUser);
            again = again || n.returnsToUser;
        }
        QCOMPARE(legend.contains(QStringLiteral("neighbour user on the paths")), other);
        QCOMPARE(legend.contains(QStringLiteral("the user again (walk returns)")), again);
        QVERIFY2(view()->legend()->note().contains(QStringLiteral("drawn paths carry")),
                 qPrintable(view()->legend()->note()));
        QScrollArea* scroll = m_panel->findChild<QScrollArea*>(QStringLiteral("whyScroll"));
        scroll->ensureWidgetVisible(section());
        rs::test::saveScreenshot(section(), QStringLiteral("egograph-lightgcn"));
    }

    void hoverHighlightsANode() {
        QScrollArea* scroll = m_panel->findChild<QScrollArea*>(QStringLiteral("whyScroll"));
        scroll->ensureWidgetVisible(view(), 0, 0);
        QTest::qWait(50);
        // The neighbour user drawn first: its edges light up, the others fade.
        EgoNodeItem* node = nullptr;
        for (EgoNodeItem* n : view()->nodeItems())
            if (!node && n->node().kind == rs::EgoNodeKind::NeighbourUser)
                node = n;
        QVERIFY(node);
        const QPoint at = view()->viewportPos(node);
        QVERIFY(view()->viewport()->rect().contains(at));
        QTest::mouseMove(view()->viewport(), at);
        QTRY_COMPARE(view()->hoveredNode(), node);
        QVERIFY(node->isHovered());
        int highlighted = 0;
        for (EgoEdgeItem* e : view()->edgeItems()) {
            const bool mine = e->edge().from == node->index() || e->edge().to == node->index();
            QCOMPARE(int(e->emphasis()), int(mine ? EgoEdgeItem::Emphasis::Highlighted
                                                  : EgoEdgeItem::Emphasis::Dimmed));
            highlighted += mine;
        }
        QVERIFY(highlighted >= 2); // from a history item and on to the recommended item
        // The tooltip names the user and the share its drawn paths carry.
        const QString tip = node->toolTip();
        const std::uint32_t u = node->node().index;
        QVERIFY2(tip.contains(QString::fromStdString(m_gcn->userIds[u])), qPrintable(tip));
        QVERIFY2(tip.contains(ExplainText::number(node->node().contribution, true)),
                 qPrintable(tip));
        // The view shows it on a tooltip event at the node.
        QHelpEvent help(QEvent::ToolTip, at, view()->viewport()->mapToGlobal(at));
        QCoreApplication::sendEvent(view()->viewport(), &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), tip);
        QToolTip::hideText();
        // Leaving the node restores every edge.
        QTest::mouseMove(view()->viewport(), QPoint(2, 2));
        QTRY_VERIFY(!view()->hoveredNode());
        for (EgoEdgeItem* e : view()->edgeItems())
            QCOMPARE(int(e->emphasis()), int(EgoEdgeItem::Emphasis::Normal));
    }

    void clickSelectsTheEvidenceRow() {
        // The history item drawn last (bottom row), which is not the first evidence row.
        EgoNodeItem* node = nullptr;
        for (EgoNodeItem* n : view()->nodeItems())
            if (n->node().kind == rs::EgoNodeKind::HistoryItem)
                node = n;
        QVERIFY(node);
        const int row = m_panel->evidence()->model()->rowOf(node->node().index);
        QVERIFY(row > 0);
        QVERIFY(selectedEvidenceRow() != row);
        QSignalSpy clicked(view(), &EgoGraphView::historyItemClicked);
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, view()->viewportPos(node));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.front().front().value<quint32>(), node->node().index);
        QTRY_COMPARE(selectedEvidenceRow(), row);
        // A neighbour user says who it is.
        EgoNodeItem* user = nullptr;
        for (EgoNodeItem* n : view()->nodeItems())
            if (n->node().kind == rs::EgoNodeKind::NeighbourUser)
                user = n;
        QVERIFY(user);
        QSignalSpy users(view(), &EgoGraphView::userClicked);
        QTest::mouseClick(view()->viewport(), Qt::LeftButton, {}, view()->viewportPos(user));
        QCOMPARE(users.count(), 1);
        QCOMPARE(users.front().front().value<quint32>(), user->node().index);
        QCOMPARE(selectedEvidenceRow(), row);
    }

    void opensLarger() {
        QVERIFY(!section()->dialog());
        QTest::mouseClick(section()->openButton(), Qt::LeftButton);
        EgoGraphDialog* dialog = section()->dialog();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QCOMPARE(dialog->view()->nodeItems().size(), view()->nodeItems().size());
        QCOMPARE(dialog->view()->edgeItems().size(), view()->edgeItems().size());
        QVERIFY(dialog->windowTitle().contains(ExplainText::itemTitle(m_gcn->items, m_item)));
        dialog->resize(1200, 820);
        QTest::qWait(50);
        dialog->view()->fitToView();
        // The larger window fits the graph bigger than the panel does.
        QVERIFY(dialog->view()->zoom() > view()->zoom());
        // Clicking a history item there selects its evidence row in the panel too.
        EgoNodeItem* node = nullptr;
        for (EgoNodeItem* n : dialog->view()->nodeItems())
            if (n->node().kind == rs::EgoNodeKind::HistoryItem && !node)
                node = n;
        QVERIFY(node);
        const int row = m_panel->evidence()->model()->rowOf(node->node().index);
        QTest::mouseClick(dialog->view()->viewport(), Qt::LeftButton, {},
                          dialog->view()->viewportPos(node));
        QTRY_COMPARE(selectedEvidenceRow(), row);
        rs::test::saveScreenshot(dialog, QStringLiteral("egograph-dialog"));
        dialog->close();
        QTRY_VERIFY(!section()->dialog());
    }

    void exportsPngAndSvg() {
        QTemporaryDir out;
        QVERIFY(out.isValid());
        const QString png = out.filePath(QStringLiteral("graph.png"));
        const QString svg = out.filePath(QStringLiteral("graph.svg"));
        QCOMPARE(view()->exportPng(png), QString());
        QCOMPARE(view()->exportSvg(svg, m_panel->title()), QString());
        QVERIFY(QFileInfo(png).size() > 0);
        const QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), (view()->sceneRect().size() * 2.0).toSize());
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.contains(QStringLiteral("<svg")));
        // An item's title is drawn whole when it fits its box: find one that does.
        QFont bold = view()->font();
        bold.setBold(true);
        const QFontMetricsF fm(bold);
        QString title;
        for (EgoNodeItem* n : view()->nodeItems())
            if (title.isEmpty() && n->node().kind == rs::EgoNodeKind::HistoryItem &&
                fm.horizontalAdvance(n->label()) < EgoNodeItem::kWidth - 20)
                title = n->label();
        if (title.isEmpty()) // every title elided: the user's label is never
            title = view()->nodeItems().front()->label();
        QVERIFY2(text.contains(title.toHtmlEscaped()), qPrintable(title));
        QVERIFY(text.contains(QStringLiteral("raises the score")));
        // Nothing to export without a graph.
        EgoGraphView empty;
        QVERIFY(!empty.exportPng(out.filePath(QStringLiteral("none.png"))).isEmpty());
    }

    void popularityHasNoGraph() {
        const auto popular = m_gcn->recommend(m_user, 3);
        m_panel->showWhy(m_popRun, m_user, popular.back().item);
        QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isBusy(), kTimeout);
        QVERIFY2(m_panel->explanation().has_value(), qPrintable(m_panel->message()->text()));
        QVERIFY(m_panel->explanation()->evidence.empty());
        QVERIFY(!section()->isVisibleTo(m_panel.get()));
        QVERIFY(section()->graph().empty());
        QVERIFY(view()->nodeItems().isEmpty());
        // Back to the graph model: the section returns.
        m_panel->showWhy(m_gcnRun, m_user, m_item);
        QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isBusy(), kTimeout);
        QVERIFY(section()->isVisibleTo(m_panel.get()));
        QVERIFY(!view()->nodeItems().isEmpty());
    }

    void cleanupTestCase() {
        m_panel.reset();
        m_service.reset();
        m_contexts.reset();
        m_session.reset();
    }
};

QTEST_MAIN(TestEgoGraphView)
#include "tst_egographview.moc"
