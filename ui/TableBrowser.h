#pragma once
#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace rs::ui {

class InlineMessage;
class PagedTableModel;

/// A lazy table with a filter box: typing waits for a pause (debounce) before the filter goes
/// to SQL; a line tells how many rows match or that they are loading; errors appear inline.
class TableBrowser : public QWidget {
    Q_OBJECT
public:
    /// Takes ownership of `model`.
    TableBrowser(PagedTableModel* model, const QString& filterHint, QWidget* parent = nullptr);

    static constexpr int kDebounceMs = 300;

    PagedTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QLineEdit* filterEdit() const { return m_filter; }
    QString statusText() const;
    void setColumnWidths(const QList<int>& widths);

signals:
    /// A row was double-clicked or activated with Enter.
    void rowActivated(int row);

private:
    void updateStatus();

    PagedTableModel* m_model;
    QLineEdit* m_filter;
    QLabel* m_status;
    InlineMessage* m_message;
    QTableView* m_view;
    QTimer* m_debounce;
};

} // namespace rs::ui
