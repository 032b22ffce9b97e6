#include "InlineMessage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace rs::ui {

InlineMessage::InlineMessage(QWidget* parent)
    : QFrame(parent), m_label(new QLabel(this)), m_close(new QToolButton(this)) {
    setObjectName(QStringLiteral("inlineMessage"));
    setProperty("inlineMessage", true); // the style sheet selector (object names may change)
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_label->setObjectName(QStringLiteral("inlineMessageText"));
    // Messages quote names and errors (a dataset called "<b>x</b>"): shown as they are.
    m_label->setTextFormat(Qt::PlainText);
    m_close->setText(QStringLiteral("\u00d7"));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, [this] {
        clear();
        emit dismissed();
    });
    setVisible(false);
}

void InlineMessage::showMessage(Kind kind, const QString& text) {
    m_kind = kind;
    const char* colors = "";
    switch (kind) {
    case Kind::Info:
        colors = "background:#e8f1fb; border:1px solid #9cc2e9; color:#12355b;";
        break;
    case Kind::Success:
        colors = "background:#e9f6ea; border:1px solid #98cf9c; color:#1d4d21;";
        break;
    case Kind::Warning:
        colors = "background:#fdf5e2; border:1px solid #e6c56e; color:#5a4106;";
        break;
    case Kind::Error:
        colors = "background:#fbeaea; border:1px solid #e39a9a; color:#6b1414;";
        break;
    }
    setStyleSheet(QStringLiteral("QFrame[inlineMessage=\"true\"]{%1 border-radius:4px;}")
                      .arg(QString::fromLatin1(colors)));
    m_label->setText(text);
    setVisible(!text.isEmpty());
}

void InlineMessage::clear() {
    m_label->clear();
    setVisible(false);
}

QString InlineMessage::text() const {
    return m_label->text();
}

} // namespace rs::ui
