#include "WhyHeader.h"

#include "CompareRunMenu.h"
#include "ExplainText.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace rs::ui {

WhyHeader::WhyHeader(WorkspaceSession& session, QWidget* parent)
    : QWidget(parent), m_run(new QLabel(this)), m_k(new QSpinBox(this)),
      m_pin(new QToolButton(this)), m_compare(new QToolButton(this)),
      m_close(new QToolButton(this)), m_compareMenu(new CompareRunMenu(session, this)),
      m_title(new QLabel(this)), m_genres(new QLabel(this)), m_facts(new QLabel(this)) {
    setObjectName(QStringLiteral("whyHeader"));
    m_run->setObjectName(QStringLiteral("whyRun"));
    m_run->setStyleSheet(QStringLiteral("QLabel{background:#e8eef7; color:#1f3b63; "
                                        "border-radius:3px; padding:1px 6px;}"));
    m_k->setObjectName(QStringLiteral("whyTopK"));
    m_k->setRange(1, 100);
    m_k->setValue(10);
    m_k->setPrefix(tr("top-"));
    m_k->setToolTip(tr("The top-K the rank and the counterfactual refer to"));
    m_pin->setObjectName(QStringLiteral("whyPinButton"));
    m_pin->setText(tr("Pin"));
    m_pin->setCheckable(true);
    m_pin->setToolTip(tr("Keep this panel: the next explanation opens a new one"));
    m_compare->setObjectName(QStringLiteral("whyCompareButton"));
    m_compare->setText(tr("Compare with…"));
    m_compare->setPopupMode(QToolButton::InstantPopup);
    m_compare->setMenu(m_compareMenu);
    m_compare->setToolTip(tr("Explain the same user and item with another run, side by side"));
    m_close->setObjectName(QStringLiteral("whyCloseButton"));
    m_close->setText(tr("Close"));
    m_close->setVisible(false);

    m_title->setObjectName(QStringLiteral("whyTitle"));
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    f.setBold(true);
    m_title->setFont(f);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_genres->setObjectName(QStringLiteral("whyGenres"));
    m_genres->setWordWrap(true);
    m_genres->setEnabled(false);
    m_facts->setObjectName(QStringLiteral("whyFacts"));
    m_facts->setWordWrap(true);
    m_facts->setTextFormat(Qt::RichText);

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_run);
    controls->addStretch(1);
    controls->addWidget(m_k);
    controls->addWidget(m_pin);
    controls->addWidget(m_compare);
    controls->addWidget(m_close);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(controls);
    layout->addWidget(m_title);
    layout->addWidget(m_genres);
    layout->addWidget(m_facts);

    connect(m_k, &QSpinBox::valueChanged, this, &WhyHeader::kChanged);
    connect(m_pin, &QToolButton::toggled, this, &WhyHeader::pinToggled);
    connect(m_close, &QToolButton::clicked, this, &WhyHeader::closeRequested);
    connect(m_compareMenu, &CompareRunMenu::runChosen, this, &WhyHeader::compareRequested);
}

void WhyHeader::setPending(qint64 runId, quint32 user, quint32 item) {
    m_run->setText(tr("run #%1").arg(runId));
    m_title->setText(tr("Item #%1").arg(item));
    m_genres->clear();
    m_facts->setText(tr("User #%1 · explaining…").arg(user));
}

void WhyHeader::setExplanation(const rs::Explanation& e, const rs::RunContext& ctx) {
    m_run->setText(tr("%1 · run #%2").arg(QString::fromStdString(e.model)).arg(ctx.run.id));
    m_run->setToolTip(QString::fromStdString(ctx.run.splitSpec));
    m_title->setText(ExplainText::itemTitle(ctx.items, e.item));
    m_genres->setText(ExplainText::itemGenres(ctx.items, e.item));
    const QString user = e.user < ctx.userIds.size() ? QString::fromStdString(ctx.userIds[e.user])
                                                     : QString::number(e.user);
    const QString score =
        e.predictsRatings ? tr("predicted rating <b>%1</b>") : tr("score <b>%1</b>");
    m_facts->setText(tr("User <b>%1</b> · %2 · <b>%3</b>")
                         .arg(user.toHtmlEscaped(), score.arg(ExplainText::number(e.score)),
                              ExplainText::rankText(e.rank, e.k)));
    m_compareMenu->setRun(ctx.run.datasetId, ctx.run.id);
}

int WhyHeader::k() const {
    return m_k->value();
}

void WhyHeader::setK(int k) {
    const QSignalBlocker block(m_k);
    m_k->setValue(k);
}

bool WhyHeader::isPinned() const {
    return m_pin->isChecked();
}

void WhyHeader::setPinned(bool pinned) {
    m_pin->setChecked(pinned);
}

void WhyHeader::setSecondary(bool secondary) {
    m_pin->setVisible(!secondary);
    m_compare->setVisible(!secondary);
    m_close->setVisible(secondary);
}

QString WhyHeader::titleText() const {
    return m_title->text();
}

QString WhyHeader::genresText() const {
    return m_genres->text();
}

QString WhyHeader::factsText() const {
    return m_facts->text();
}

QString WhyHeader::runText() const {
    return m_run->text();
}

} // namespace rs::ui
