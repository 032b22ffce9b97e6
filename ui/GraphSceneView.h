#pragma once
#include <QGraphicsView>
#include <QImage>
#include <QString>

namespace rs::ui {

/// What the graph views (PipelineView, EgoGraphView) share: a QGraphicsView on its own scene
/// whose scene rect is the whole drawing. Zoom with the wheel (1.15 per step) or +/- (1.25),
/// between 0.1x and 6x; 0 fits. The view starts fitted and keeps the fit when resized until the
/// user zooms. Without a graph it shows the placeholder text. PNG and SVG export draw the whole
/// scene rect on white.
class GraphSceneView : public QGraphicsView {
    Q_OBJECT
public:
    /// `maxFitZoom`: fitting never enlarges beyond it; `nothingToExport`: the export error
    /// without a graph; `svgDescription`: the description written into SVG exports.
    GraphSceneView(double maxFitZoom, const QString& nothingToExport, const QString& svgDescription,
                   QWidget* parent = nullptr);

    /// Whether a graph is shown (without one the placeholder text is drawn).
    virtual bool hasGraph() const = 0;

    void zoomBy(double factor);
    /// Fits the whole graph in the view (never enlarging beyond the maximum fit zoom); the fit
    /// is kept when the view is resized until the user zooms.
    void fitToView();
    double zoom() const;

    /// The whole graph on white at `scale` (2 = twice the screen size).
    QImage renderImage(double scale = 2.0) const;
    /// Writes the graph as PNG or SVG; an error text, or empty on success.
    QString exportPng(const QString& path, double scale = 2.0) const;
    QString exportSvg(const QString& path, const QString& title) const;

    void setPlaceholderText(const QString& text);

signals:
    void zoomChanged(double zoom);

protected:
    /// Whether the view refits when resized (set by fitToView, cleared by zoomBy).
    bool autoFit() const { return m_autoFit; }
    void setAutoFit(bool on) { m_autoFit = on; }

    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    double m_maxFitZoom;
    QString m_nothingToExport;
    QString m_svgDescription;
    QString m_placeholder;
    bool m_autoFit = true;
};

} // namespace rs::ui
