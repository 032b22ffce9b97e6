#pragma once
#include <QFrame>

class QLabel;
class QToolButton;

namespace rs::ui {

/// A coloured message strip shown in the view where something happened (instead of a modal
/// dialog): errors, warnings and information. Hidden while empty; the user can close it.
class InlineMessage : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Info, Success, Warning, Error };
    explicit InlineMessage(QWidget* parent = nullptr);

    void showMessage(Kind kind, const QString& text);
    void showError(const QString& text) { showMessage(Kind::Error, text); }
    void showInfo(const QString& text) { showMessage(Kind::Info, text); }
    void clear();

    Kind kind() const { return m_kind; }
    QString text() const;

signals:
    /// The user dismissed the message with its close button.
    void dismissed();

private:
    QLabel* m_label;
    QToolButton* m_close;
    Kind m_kind = Kind::Info;
};

} // namespace rs::ui
