#include "EgoGraphDialog.h"

#include "EgoGraphView.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace rs::ui {

EgoGraphDialog::EgoGraphDialog(QWidget* parent)
    : QDialog(parent), m_view(new EgoGraphView(this)), m_heading(new QLabel(this)) {
    setObjectName(QStringLiteral("egoGraphDialog"));
    setWindowFlag(Qt::WindowMaximizeButtonHint);
    setSizeGripEnabled(true);
    setModal(false);
    m_heading->setObjectName(QStringLiteral("egoGraphDialogHeading"));
    m_heading->setWordWrap(true);

    auto* zoomIn = new QPushButton(tr("Zoom in"), this);
    auto* zoomOut = new QPushButton(tr("Zoom out"), this);
    auto* fit = new QPushButton(tr("Fit"), this);
    auto* png = new QPushButton(tr("Export PNG…"), this);
    auto* svg = new QPushButton(tr("Export SVG…"), this);
    auto* close = new QPushButton(tr("Close"), this);
    fit->setToolTip(tr("Fit the whole graph into the window (key 0)"));
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {zoomIn, zoomOut, fit})
        buttons->addWidget(b);
    buttons->addStretch(1);
    for (QPushButton* b : {png, svg, close})
        buttons->addWidget(b);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    resize(1100, 760);

    connect(zoomIn, &QPushButton::clicked, this, [this] { m_view->zoomBy(1.25); });
    connect(zoomOut, &QPushButton::clicked, this, [this] { m_view->zoomBy(0.8); });
    connect(fit, &QPushButton::clicked, m_view, &EgoGraphView::fitToView);
    connect(png, &QPushButton::clicked, this, [this] {
        m_view->exportWithDialog(QStringLiteral("png"), QStringLiteral("recommendation-graph"),
                                 m_title);
    });
    connect(svg, &QPushButton::clicked, this, [this] {
        m_view->exportWithDialog(QStringLiteral("svg"), QStringLiteral("recommendation-graph"),
                                 m_title);
    });
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    connect(m_view, &EgoGraphView::historyItemClicked, this, &EgoGraphDialog::historyItemClicked);
    connect(m_view, &EgoGraphView::userClicked, this, &EgoGraphDialog::userClicked);
}

void EgoGraphDialog::setGraph(const rs::EgoGraph& graph, std::shared_ptr<const rs::RunContext> ctx,
                              const QString& title) {
    m_context = std::move(ctx);
    m_title = title;
    setWindowTitle(tr("Graph: %1").arg(title));
    m_heading->setText(QStringLiteral("<b>%1</b> · %2")
                           .arg(title.toHtmlEscaped(),
                                tr("hover a node for its details, click a history item to select "
                                   "its rating in the why panel")));
    if (m_context)
        m_view->setGraph(graph, *m_context);
    else
        m_view->clear();
}

} // namespace rs::ui
