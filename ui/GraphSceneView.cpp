#include "GraphSceneView.h"

#include <QFileInfo>
#include <QGraphicsScene>
#include <QKeyEvent>
#include <QPainter>
#include <QSvgGenerator>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace rs::ui {

GraphSceneView::GraphSceneView(double maxFitZoom, const QString& nothingToExport,
                               const QString& svgDescription, QWidget* parent)
    : QGraphicsView(parent), m_maxFitZoom(maxFitZoom), m_nothingToExport(nothingToExport),
      m_svgDescription(svgDescription) {
    setScene(new QGraphicsScene(this));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setBackgroundBrush(QColor(0xfb, 0xfc, 0xfd));
    setAlignment(Qt::AlignCenter);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
}

void GraphSceneView::setPlaceholderText(const QString& text) {
    m_placeholder = text;
    viewport()->update();
}

double GraphSceneView::zoom() const {
    return transform().m11();
}

void GraphSceneView::zoomBy(double factor) {
    const double z = zoom() * factor;
    if (z < 0.1 || z > 6)
        return;
    m_autoFit = false;
    scale(factor, factor);
    emit zoomChanged(zoom());
}

void GraphSceneView::fitToView() {
    m_autoFit = true;
    const QRectF r = sceneRect();
    if (r.isEmpty() || viewport()->width() < 10 || viewport()->height() < 10)
        return;
    const double z = std::min({(viewport()->width() - 4) / r.width(),
                               (viewport()->height() - 4) / r.height(), m_maxFitZoom});
    setTransform(QTransform::fromScale(z, z));
    centerOn(r.center());
    emit zoomChanged(zoom());
}

void GraphSceneView::wheelEvent(QWheelEvent* event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    zoomBy(std::pow(1.15, steps));
    event->accept();
}

void GraphSceneView::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (m_autoFit)
        fitToView();
}

void GraphSceneView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.25);
        return;
    case Qt::Key_Minus:
        zoomBy(0.8);
        return;
    case Qt::Key_0:
        fitToView();
        return;
    default:
        QGraphicsView::keyPressEvent(event);
    }
}

void GraphSceneView::drawForeground(QPainter* painter, const QRectF& rect) {
    QGraphicsView::drawForeground(painter, rect);
    if (hasGraph() || m_placeholder.isEmpty())
        return;
    painter->save();
    painter->resetTransform();
    painter->setPen(palette().color(QPalette::PlaceholderText));
    painter->drawText(viewport()->rect().adjusted(24, 24, -24, -24),
                      Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
    painter->restore();
}

QImage GraphSceneView::renderImage(double scale) const {
    const QRectF r = sceneRect();
    if (r.isEmpty())
        return {};
    QImage image((r.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    scene()->render(&painter, QRectF(QPointF(0, 0), r.size() * scale), r);
    return image;
}

QString GraphSceneView::exportPng(const QString& path, double scale) const {
    const QImage image = renderImage(scale);
    if (image.isNull())
        return m_nothingToExport;
    if (!image.save(path, "PNG"))
        return tr("Cannot write %1.").arg(QFileInfo(path).fileName());
    return {};
}

QString GraphSceneView::exportSvg(const QString& path, const QString& title) const {
    const QRectF r = sceneRect();
    if (r.isEmpty())
        return m_nothingToExport;
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(r.size().toSize());
    svg.setViewBox(QRectF(QPointF(0, 0), r.size()));
    svg.setTitle(title);
    svg.setDescription(m_svgDescription);
    QPainter painter;
    if (!painter.begin(&svg))
        return tr("Cannot write %1.").arg(QFileInfo(path).fileName());
    painter.fillRect(QRectF(QPointF(0, 0), r.size()), Qt::white);
    scene()->render(&painter, QRectF(QPointF(0, 0), r.size()), r);
    painter.end();
    if (!QFileInfo(path).exists() || QFileInfo(path).size() == 0)
        return tr("Cannot write %1.").arg(QFileInfo(path).fileName());
    return {};
}

} // namespace rs::ui
