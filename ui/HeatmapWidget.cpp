#include "HeatmapWidget.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QSaveFile>
#include <QScrollBar>
#include <QSvgGenerator>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace rs::ui {

namespace {

constexpr double kMinZoom = 1.0 / HeatmapWidget::kBaseCell; // one pixel per cell
constexpr double kMaxZoom = 6.0;
constexpr int kMaxExportSide = 16000;

bool fail(QString* error, const QString& text) {
    if (error)
        *error = text;
    return false;
}

} // namespace

HeatmapWidget::HeatmapWidget(QWidget* parent) : QAbstractScrollArea(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setMinimumSize(HeatmapPainter::rowHeaderFor(0) + HeatmapPainter::kLegendWidth + 60,
                   HeatmapPainter::kColumnHeaderHeight + 120);
    m_placeholder = tr("No heatmap yet.");
}

void HeatmapWidget::setPlaceholderText(const QString& text) {
    m_placeholder = text;
    viewport()->update();
}

void HeatmapWidget::setGrid(rs::EvidenceGrid grid, const QString& valueLabel) {
    if (!valueLabel.isEmpty())
        m_content.setValueLabel(valueLabel);
    m_content.setGrid(std::move(grid));
    m_hover = {-1, -1};
    contentChanged();
}

void HeatmapWidget::setRowSort(RowSort sort) {
    m_content.setRowSort(sort);
    contentChanged();
}

void HeatmapWidget::setColumnSort(ColumnSort sort) {
    m_content.setColumnSort(sort);
    contentChanged();
}

void HeatmapWidget::setRowFilter(const QString& text) {
    m_content.setRowFilter(text);
    contentChanged();
}

void HeatmapWidget::setRowItems(std::optional<QSet<quint32>> items) {
    m_content.setRowItems(std::move(items));
    contentChanged();
}

void HeatmapWidget::setRowOrder(const QVector<int>& gridRows) {
    m_content.setRowOrder(gridRows);
    contentChanged();
}

void HeatmapWidget::setColumnOrder(const QVector<int>& gridColumns) {
    m_content.setColumnOrder(gridColumns);
    contentChanged();
}

void HeatmapWidget::setColumnAnnotation(const QString& label, std::vector<double> perGridColumn) {
    m_content.setColumnAnnotation(label, std::move(perGridColumn));
    updateScrollBars();
    viewport()->update();
}

void HeatmapWidget::contentChanged() {
    if (m_content.rowCount() == 0 || m_content.columnCount() == 0)
        m_current = {-1, -1};
    else if (m_current.x() >= 0)
        m_current = QPoint(std::min(m_current.x(), m_content.columnCount() - 1),
                           std::min(m_current.y(), m_content.rowCount() - 1));
    updateScrollBars();
    viewport()->update();
    emit orderChanged();
}

HeatmapGeometry HeatmapWidget::geometry() const {
    return HeatmapPainter::geometry(m_content, frame());
}

HeatmapFrame HeatmapWidget::frame() const {
    HeatmapFrame f;
    f.size = viewport()->size();
    f.rowHeader = HeatmapPainter::rowHeaderFor(f.size.width());
    f.cell = cellSize();
    f.scroll = QPointF(horizontalScrollBar()->value(), verticalScrollBar()->value());
    f.hoverRow = m_hover.y();
    f.hoverColumn = m_hover.x();
    f.currentRow = m_current.y();
    f.currentColumn = m_current.x();
    return f;
}

void HeatmapWidget::updateScrollBars() {
    const HeatmapGeometry g = geometry();
    const double cs = cellSize();
    const int width = int(std::ceil(m_content.columnCount() * cs));
    const int height = int(std::ceil(m_content.rowCount() * cs));
    horizontalScrollBar()->setRange(0, std::max(0, width - g.cells.width()));
    horizontalScrollBar()->setPageStep(std::max(1, g.cells.width()));
    horizontalScrollBar()->setSingleStep(std::max(1, int(cs)));
    verticalScrollBar()->setRange(0, std::max(0, height - g.cells.height()));
    verticalScrollBar()->setPageStep(std::max(1, g.cells.height()));
    verticalScrollBar()->setSingleStep(std::max(1, int(cs)));
}

void HeatmapWidget::setZoom(double zoom) {
    m_fitting = false;
    applyZoom(zoom);
}

void HeatmapWidget::applyZoom(double zoom) {
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    if (zoom == m_zoom)
        return;
    m_zoom = zoom;
    updateScrollBars();
    viewport()->update();
    emit zoomChanged(m_zoom);
}

void HeatmapWidget::zoomBy(double factor, QPoint anchor) {
    const HeatmapGeometry g = geometry();
    if (!g.cells.contains(anchor))
        anchor = g.cells.center();
    const double before = cellSize();
    const QPointF offset = anchor - g.cells.topLeft();
    const QPointF content((offset.x() + horizontalScrollBar()->value()) / before,
                          (offset.y() + verticalScrollBar()->value()) / before);
    setZoom(m_zoom * factor);
    const double after = cellSize();
    horizontalScrollBar()->setValue(int(std::lround(content.x() * after - offset.x())));
    verticalScrollBar()->setValue(int(std::lround(content.y() * after - offset.y())));
}

void HeatmapWidget::zoomToFit(double minZoom, double maxZoom) {
    if (m_content.isEmpty())
        return;
    const HeatmapGeometry g = geometry();
    double cs = std::min(double(g.cells.width()) / m_content.columnCount(),
                         double(g.cells.height()) / m_content.rowCount());
    if (cs >= 2)
        cs = std::floor(cs); // whole pixels: the last row or column is not cut by rounding
    applyZoom(std::clamp(cs / kBaseCell, minZoom, std::max(minZoom, maxZoom)));
    m_fitting = true;
    m_fitRange = {minZoom, maxZoom};
}

void HeatmapWidget::setBandReserved(bool reserved) {
    m_content.setBandReserved(reserved);
    updateScrollBars();
    viewport()->update();
}

void HeatmapWidget::setCurrentCell(int displayRow, int displayColumn) {
    if (m_content.isEmpty() || m_content.rowCount() == 0 || m_content.columnCount() == 0)
        return;
    const QPoint cell(std::clamp(displayColumn, 0, m_content.columnCount() - 1),
                      std::clamp(displayRow, 0, m_content.rowCount() - 1));
    ensureVisible(cell.y(), cell.x());
    if (cell == m_current)
        return;
    m_current = cell;
    viewport()->update();
    emit currentCellChanged(cell.y(), cell.x());
}

void HeatmapWidget::ensureVisible(int displayRow, int displayColumn) {
    const HeatmapGeometry g = geometry();
    const double cs = cellSize();
    auto scrollTo = [cs](QScrollBar* bar, int index, int extent) {
        const double start = index * cs, end = start + cs;
        if (start < bar->value())
            bar->setValue(int(std::floor(start)));
        else if (end > bar->value() + extent)
            bar->setValue(int(std::ceil(end - extent)));
    };
    scrollTo(horizontalScrollBar(), displayColumn, g.cells.width());
    scrollTo(verticalScrollBar(), displayRow, g.cells.height());
}

QPoint HeatmapWidget::cellAt(QPoint pos) const {
    const HeatmapGeometry g = geometry();
    if (!g.cells.contains(pos) || m_content.isEmpty())
        return {-1, -1};
    const double cs = cellSize();
    const int c = int(std::floor((pos.x() - g.cells.left() + horizontalScrollBar()->value()) / cs));
    const int r = int(std::floor((pos.y() - g.cells.top() + verticalScrollBar()->value()) / cs));
    if (c < 0 || r < 0 || c >= m_content.columnCount() || r >= m_content.rowCount())
        return {-1, -1};
    return {c, r};
}

QRectF HeatmapWidget::cellRect(int displayRow, int displayColumn) const {
    const HeatmapGeometry g = geometry();
    const double cs = cellSize();
    return {g.cells.left() + displayColumn * cs - horizontalScrollBar()->value(),
            g.cells.top() + displayRow * cs - verticalScrollBar()->value(), cs, cs};
}

QString HeatmapWidget::toolTipAt(QPoint pos) const {
    const QPoint cell = cellAt(pos);
    if (cell.x() >= 0)
        return m_content.toolTipText(cell.y(), cell.x());
    const HeatmapGeometry g = geometry();
    const double cs = cellSize();
    if (m_content.isEmpty())
        return {};
    if ((g.band.contains(pos) && m_content.hasAnnotation()) || g.columnHeader.contains(pos)) {
        const int c =
            int(std::floor((pos.x() - g.cells.left() + horizontalScrollBar()->value()) / cs));
        if (c < 0 || c >= m_content.columnCount())
            return {};
        if (g.band.contains(pos))
            return m_content.annotationToolTip(c);
        const auto& col = m_content.column(c);
        return tr("%1\nGenres: %2\nScore: %3")
            .arg(m_content.columnLabel(c), QString::fromStdString(col.genres))
            .arg(col.score);
    }
    if (g.rowHeader.contains(pos)) {
        const int r =
            int(std::floor((pos.y() - g.cells.top() + verticalScrollBar()->value()) / cs));
        if (r < 0 || r >= m_content.rowCount())
            return {};
        const auto& row = m_content.row(r);
        return tr("%1\nGenres: %2\nUser's rating: %3")
            .arg(m_content.rowLabel(r), QString::fromStdString(row.genres))
            .arg(row.inHistory ? QString::number(row.rating) : tr("not in history"));
    }
    return {};
}

void HeatmapWidget::paintEvent(QPaintEvent*) {
    QElapsedTimer timer;
    timer.start();
    QPainter p(viewport());
    if (m_content.isEmpty()) {
        p.fillRect(viewport()->rect(), palette().color(QPalette::Window));
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(viewport()->rect().adjusted(20, 20, -20, -20),
                   Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
    } else {
        HeatmapPainter::paint(p, m_content, frame(), palette(), font());
        if (hasFocus() && m_current.x() < 0) {
            p.setPen(QPen(palette().color(QPalette::Highlight), 1, Qt::DotLine));
            p.drawRect(geometry().cells.adjusted(0, 0, -1, -1));
        }
    }
    m_lastPaintMs = double(timer.nsecsElapsed()) / 1e6;
}

void HeatmapWidget::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    if (m_fitting)
        zoomToFit(m_fitRange.first, m_fitRange.second);
    updateScrollBars();
}

bool HeatmapWidget::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, viewport());
        }
        return true;
    }
    if (event->type() == QEvent::Leave)
        setHover({-1, -1});
    return QAbstractScrollArea::viewportEvent(event);
}

void HeatmapWidget::setHover(QPoint cell) {
    if (cell == m_hover)
        return;
    m_hover = cell;
    viewport()->update();
}

void HeatmapWidget::activate(QPoint cell) {
    if (cell.x() < 0 || cell.y() < 0 || cell.x() >= m_content.columnCount() ||
        cell.y() >= m_content.rowCount())
        return;
    emit cellActivated(m_content.row(cell.y()).item, m_content.column(cell.x()).item);
}

void HeatmapWidget::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    m_pressed = true;
    m_panning = false;
    m_pressPos = event->position().toPoint();
    m_pressScroll = QPoint(horizontalScrollBar()->value(), verticalScrollBar()->value());
    event->accept();
}

void HeatmapWidget::mouseMoveEvent(QMouseEvent* event) {
    const QPoint pos = event->position().toPoint();
    if (m_pressed && (event->buttons() & Qt::LeftButton)) {
        const QPoint delta = pos - m_pressPos;
        if (!m_panning && delta.manhattanLength() >= QApplication::startDragDistance()) {
            m_panning = true;
            viewport()->setCursor(Qt::ClosedHandCursor);
        }
        if (m_panning) {
            horizontalScrollBar()->setValue(m_pressScroll.x() - delta.x());
            verticalScrollBar()->setValue(m_pressScroll.y() - delta.y());
        }
        event->accept();
        return;
    }
    setHover(cellAt(pos));
    event->accept();
}

void HeatmapWidget::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || !m_pressed) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    const bool click = !m_panning;
    m_pressed = false;
    m_panning = false;
    viewport()->unsetCursor();
    if (click) {
        const QPoint cell = cellAt(event->position().toPoint());
        if (cell.x() >= 0) {
            setCurrentCell(cell.y(), cell.x());
            activate(cell);
        }
    }
    event->accept();
}

void HeatmapWidget::wheelEvent(QWheelEvent* event) {
    if (event->modifiers() & Qt::ControlModifier) {
        const int steps = event->angleDelta().y() / 120;
        if (steps != 0)
            zoomBy(std::pow(1.25, steps), event->position().toPoint());
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void HeatmapWidget::keyPressEvent(QKeyEvent* event) {
    if (m_content.isEmpty()) {
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    const QPoint cur = m_current.x() < 0 ? QPoint(0, 0) : m_current;
    const int page = std::max(1, int(geometry().cells.height() / cellSize()) - 1);
    switch (event->key()) {
    case Qt::Key_Left:
        setCurrentCell(cur.y(), m_current.x() < 0 ? 0 : cur.x() - 1);
        break;
    case Qt::Key_Right:
        setCurrentCell(cur.y(), m_current.x() < 0 ? 0 : cur.x() + 1);
        break;
    case Qt::Key_Up:
        setCurrentCell(m_current.x() < 0 ? 0 : cur.y() - 1, cur.x());
        break;
    case Qt::Key_Down:
        setCurrentCell(m_current.x() < 0 ? 0 : cur.y() + 1, cur.x());
        break;
    case Qt::Key_PageUp:
        setCurrentCell(cur.y() - page, cur.x());
        break;
    case Qt::Key_PageDown:
        setCurrentCell(cur.y() + page, cur.x());
        break;
    case Qt::Key_Home:
        setCurrentCell(event->modifiers() & Qt::ControlModifier ? 0 : cur.y(), 0);
        break;
    case Qt::Key_End:
        setCurrentCell(event->modifiers() & Qt::ControlModifier ? m_content.rowCount() - 1
                                                                : cur.y(),
                       m_content.columnCount() - 1);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_current.x() >= 0)
            activate(m_current);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.25);
        break;
    case Qt::Key_Minus:
        zoomBy(0.8);
        break;
    case Qt::Key_0:
        zoomToFit();
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
        return;
    }
    event->accept();
}

void HeatmapWidget::scrollContentsBy(int, int) {
    viewport()->update();
}

double HeatmapWidget::exportCell() const {
    const int cells = std::max(1, std::max(m_content.rowCount(), m_content.columnCount()));
    const double room = double(kMaxExportSide - HeatmapPainter::kRowHeaderWidth -
                               HeatmapPainter::kColumnHeaderHeight - HeatmapPainter::kBandHeight -
                               HeatmapPainter::kLegendWidth);
    return std::clamp(std::max(cellSize(), 6.0), 1.0, std::max(1.0, room / cells));
}

QImage HeatmapWidget::renderAll() const {
    HeatmapFrame f;
    f.cell = exportCell();
    f.size = HeatmapPainter::fullSize(m_content, f.cell);
    QImage image(f.size, QImage::Format_ARGB32_Premultiplied);
    image.fill(palette().color(QPalette::Window));
    QPainter p(&image);
    HeatmapPainter::paint(p, m_content, f, palette(), font());
    return image;
}

bool HeatmapWidget::exportPng(const QString& path, QString* error) const {
    if (m_content.isEmpty())
        return fail(error, tr("there is no heatmap to export"));
    if (!renderAll().save(path, "PNG"))
        return fail(error, tr("could not write %1").arg(path));
    return true;
}

bool HeatmapWidget::exportSvg(const QString& path, QString* error) const {
    if (m_content.isEmpty())
        return fail(error, tr("there is no heatmap to export"));
    HeatmapFrame f;
    f.cell = exportCell();
    f.size = HeatmapPainter::fullSize(m_content, f.cell);
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(f.size);
    svg.setViewBox(QRect(QPoint(0, 0), f.size));
    svg.setTitle(tr("RecScope evidence heatmap"));
    svg.setDescription(tr("%1, user %2")
                           .arg(QString::fromStdString(m_content.grid().model),
                                QString::fromStdString(m_content.grid().userId)));
    QPainter p;
    if (!p.begin(&svg))
        return fail(error, tr("could not write %1").arg(path));
    HeatmapPainter::paint(p, m_content, f, palette(), font());
    if (!p.end() || !QFile::exists(path))
        return fail(error, tr("could not write %1").arg(path));
    return true;
}

bool HeatmapWidget::exportCsv(const QString& path, QString* error) const {
    if (m_content.isEmpty())
        return fail(error, tr("there is no heatmap to export"));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_content.toCsv()) < 0 || !file.commit())
        return fail(error, tr("could not write %1: %2").arg(path, file.errorString()));
    return true;
}

} // namespace rs::ui
