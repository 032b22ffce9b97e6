#include "WhyGraphSection.h"

#include "EgoGraphDialog.h"
#include "EgoGraphView.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace rs::ui {

WhyGraphSection::WhyGraphSection(QWidget* parent)
    : QGroupBox(tr("Graph of this recommendation"), parent), m_view(new EgoGraphView(this)),
      m_hint(new QLabel(this)), m_open(new QPushButton(tr("Open larger…"), this)) {
    setObjectName(QStringLiteral("whyGraphSection"));
    m_view->setMinimumHeight(500);
    m_hint->setObjectName(QStringLiteral("egoGraphHint"));
    m_hint->setWordWrap(true);
    m_hint->setText(
        QStringLiteral("<span style='color:gray'>%1</span>")
            .arg(tr("Hover a node for its details; click a history item to select its rating in "
                    "the evidence list. Wheel: zoom.")));
    m_open->setObjectName(QStringLiteral("egoGraphOpenButton"));
    auto* fit = new QPushButton(tr("Fit"), this);
    fit->setObjectName(QStringLiteral("egoGraphFitButton"));
    auto* exportButton = new QToolButton(this);
    exportButton->setObjectName(QStringLiteral("egoGraphExportButton"));
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(exportButton);
    for (const QString& format : {QStringLiteral("png"), QStringLiteral("svg")})
        menu->addAction(tr("%1 image…").arg(format.toUpper()), this, [this, format] {
            m_view->exportWithDialog(format, QStringLiteral("recommendation-graph"), m_title);
        });
    exportButton->setMenu(menu);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_hint, 1);
    buttons->addWidget(fit);
    buttons->addWidget(exportButton);
    buttons->addWidget(m_open);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 8);
    layout->addWidget(m_view);
    layout->addLayout(buttons);

    connect(fit, &QPushButton::clicked, m_view, &EgoGraphView::fitToView);
    connect(m_open, &QPushButton::clicked, this, &WhyGraphSection::openLarger);
    connect(m_view, &EgoGraphView::historyItemClicked, this, &WhyGraphSection::historyItemClicked);
    connect(m_view, &EgoGraphView::userClicked, this, &WhyGraphSection::userClicked);
    setVisible(false);
}

void WhyGraphSection::setExplanation(const rs::Explanation& e,
                                     std::shared_ptr<const rs::RunContext> ctx,
                                     const QString& title) {
    m_graph = rs::buildEgoGraph(e, EgoGraphView::layoutOptions());
    m_context = std::move(ctx);
    m_title = title;
    if (m_graph.empty() || !m_context) {
        clear();
        return;
    }
    m_view->setGraph(m_graph, *m_context);
    setVisible(true);
    if (m_dialog)
        m_dialog->setGraph(m_graph, m_context, m_title);
}

void WhyGraphSection::clear() {
    m_graph = {};
    m_view->clear();
    setVisible(false);
    if (m_dialog)
        m_dialog->close();
}

EgoGraphDialog* WhyGraphSection::dialog() const {
    return m_dialog;
}

EgoGraphDialog* WhyGraphSection::openLarger() {
    if (m_graph.empty())
        return nullptr;
    if (!m_dialog) {
        m_dialog = new EgoGraphDialog(window());
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_dialog, &EgoGraphDialog::historyItemClicked, this,
                &WhyGraphSection::historyItemClicked);
        connect(m_dialog, &EgoGraphDialog::userClicked, this, &WhyGraphSection::userClicked);
        m_dialog->setGraph(m_graph, m_context, m_title);
    }
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
    return m_dialog;
}

} // namespace rs::ui
