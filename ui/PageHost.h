#pragma once
#include <QIcon>
#include <QWidget>

class QListWidget;
class QStackedWidget;

namespace rs::ui {

/// The window's page structure: a navigation list on the left and one page at a time on the
/// right. Adding a page (Datasets now; Training, Explain, ... later) is one addPage() call.
class PageHost : public QWidget {
    Q_OBJECT
public:
    explicit PageHost(QWidget* parent = nullptr);

    /// Appends `page` (reparented) under `title`; `id` names it for showPage(). Returns its index.
    int addPage(const QString& id, const QString& title, const QIcon& icon, QWidget* page);
    /// Shows the page with `id`; false when there is none.
    bool showPage(const QString& id);
    QString currentPageId() const;
    QWidget* page(const QString& id) const;
    int pageCount() const;
    QListWidget* navigation() const { return m_nav; }
    void setNavigationVisible(bool visible);

signals:
    void currentPageChanged(const QString& id);

private:
    QListWidget* m_nav;
    QStackedWidget* m_stack;
    QStringList m_ids;
};

} // namespace rs::ui
