#include "WhyPanel.h"

#include "CounterfactualView.h"
#include "DeletionCurveChart.h"
#include "EvidenceBarList.h"
#include "ExplainService.h"
#include "ExplainText.h"
#include "InlineMessage.h"
#include "TopNComparison.h"
#include "WaterfallBars.h"
#include "WaterfallChart.h"
#include "WhyGraphSection.h"
#include "WhyHeader.h"

#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>
#include <cmath>

namespace rs::ui {

namespace {

constexpr int kDetailedFactors = 8; ///< factor bars shown before "other factors (n)"
constexpr int kCurveSteps = 5;      ///< deletion curve m = 1..5
constexpr int kCurveDraws = 5;      ///< random draws per m

QProgressBar* busyBar(const QString& name, QWidget* parent) {
    auto* bar = new QProgressBar(parent);
    bar->setObjectName(name);
    bar->setRange(0, 0);
    bar->setMaximumHeight(parent->fontMetrics().height());
    bar->setTextVisible(false);
    bar->setVisible(false);
    return bar;
}

QGroupBox* section(const QString& title, QWidget* parent) {
    auto* box = new QGroupBox(title, parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(8, 6, 8, 8);
    return box;
}

QLabel* noteLabel(const QString& name, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    return label;
}

} // namespace

WhyPanel::WhyPanel(ExplainService& service, QWidget* parent)
    : QWidget(parent), m_service(service), m_header(new WhyHeader(service.session(), this)),
      m_message(new InlineMessage(this)), m_progress(busyBar(QStringLiteral("whyProgress"), this)),
      m_scroll(new QScrollArea(this)), m_sections(new QWidget),
      m_waterfall(new WaterfallChart(m_sections)),
      m_decompositionNote(noteLabel(QStringLiteral("decompositionNote"), m_sections)),
      m_evidence(new EvidenceBarList(m_sections)),
      m_counterfactual(new CounterfactualView(m_sections)),
      m_whatIfProgress(busyBar(QStringLiteral("whatIfProgress"), m_sections)),
      m_whatIfMessage(new InlineMessage(m_sections)), m_whatIfView(new TopNComparison(m_sections)),
      m_curveChart(new DeletionCurveChart(m_sections)),
      m_fidelityText(noteLabel(QStringLiteral("fidelityText"), m_sections)),
      m_curveMessage(new InlineMessage(m_sections)),
      m_pathsText(noteLabel(QStringLiteral("pathsText"), m_sections)),
      m_graphSection(new WhyGraphSection(m_sections)) {
    setObjectName(QStringLiteral("whyPanel"));
    m_message->setObjectName(QStringLiteral("whyMessage"));
    m_whatIfMessage->setObjectName(QStringLiteral("whatIfMessage"));
    m_curveMessage->setObjectName(QStringLiteral("curveMessage"));

    QGroupBox* decomposition = section(tr("Score decomposition"), m_sections);
    decomposition->layout()->addWidget(m_waterfall);
    decomposition->layout()->addWidget(m_decompositionNote);
    QGroupBox* evidence = section(tr("Evidence: the user's ratings"), m_sections);
    evidence->layout()->addWidget(m_evidence);
    QGroupBox* paths = section(tr("Paths through the user–item graph"), m_sections);
    paths->layout()->addWidget(m_pathsText);
    m_pathsSection = paths;
    QGroupBox* counterfactual = section(tr("Counterfactual and what-if"), m_sections);
    counterfactual->layout()->addWidget(m_counterfactual);
    counterfactual->layout()->addWidget(m_whatIfProgress);
    counterfactual->layout()->addWidget(m_whatIfMessage);
    counterfactual->layout()->addWidget(m_whatIfView);
    m_dataWhatIf = new QPushButton(tr("What if the data changed…"), counterfactual);
    m_dataWhatIf->setObjectName(QStringLiteral("dataWhatIfButton"));
    m_dataWhatIf->setToolTip(tr("Remove or add ratings, remove or down-weight an item in the "
                                "training data and see how this recommendation changes"));
    counterfactual->layout()->addWidget(m_dataWhatIf);
    QGroupBox* fidelity = section(tr("Fidelity"), m_sections);
    fidelity->layout()->addWidget(m_curveChart);
    fidelity->layout()->addWidget(m_curveMessage);
    fidelity->layout()->addWidget(m_fidelityText);

    auto* sections = new QVBoxLayout(m_sections);
    sections->setContentsMargins(0, 0, 4, 0);
    sections->addWidget(decomposition);
    sections->addWidget(evidence);
    sections->addWidget(m_graphSection);
    sections->addWidget(paths);
    sections->addWidget(counterfactual);
    sections->addWidget(fidelity);
    sections->addStretch(1);
    m_scroll->setObjectName(QStringLiteral("whyScroll"));
    m_scroll->setWidget(m_sections);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_progress);
    layout->addWidget(m_message);
    layout->addWidget(m_scroll, 1);
    m_sections->setVisible(false);

    connect(m_header, &WhyHeader::kChanged, this, [this] {
        if (m_runId)
            request();
    });
    connect(m_header, &WhyHeader::pinToggled, this, &WhyPanel::pinnedChanged);
    connect(m_header, &WhyHeader::compareRequested, this, &WhyPanel::compareRequested);
    connect(m_header, &WhyHeader::closeRequested, this, &WhyPanel::closeRequested);
    connect(m_counterfactual, &CounterfactualView::whatIfRequested, this, &WhyPanel::runWhatIf);
    connect(m_evidence, &EvidenceBarList::whatIfRequested, this, &WhyPanel::runWhatIf);
    connect(m_dataWhatIf, &QPushButton::clicked, this, &WhyPanel::dataWhatIfRequested);
    connect(m_graphSection, &WhyGraphSection::historyItemClicked, this,
            [this](quint32 item) { revealEvidenceRow(item); });
}

QString WhyPanel::title() const {
    if (!m_context || !m_explanation)
        return tr("Why: item #%1 for user #%2").arg(m_item).arg(m_user);
    const QString user = m_user < m_context->userIds.size()
                             ? QString::fromStdString(m_context->userIds[m_user])
                             : QString::number(m_user);
    return tr("Why %1 for user %2").arg(ExplainText::itemTitle(m_context->items, m_item), user);
}

QSize WhyPanel::sizeHint() const {
    return QSize(620, 900); // a dock opens wide enough for titles, genres and the bars
}

bool WhyPanel::isPinned() const {
    return m_header->isPinned();
}

void WhyPanel::setPinned(bool pinned) {
    m_header->setPinned(pinned);
}

void WhyPanel::setSecondary(bool secondary) {
    m_header->setSecondary(secondary);
}

void WhyPanel::showWhy(qint64 runId, quint32 user, quint32 item, std::optional<quint32> focus) {
    m_focus = focus;
    m_runId = runId;
    m_user = user;
    m_item = item;
    request();
}

void WhyPanel::setBusy(bool busy) {
    m_busy = busy;
    m_progress->setVisible(busy);
    m_sections->setEnabled(!busy); // the previous explanation stays in view, greyed
    updateWhatIfButtons();
}

void WhyPanel::updateWhatIfButtons() {
    const bool enabled = !m_busy && !m_whatIfBusy && m_explanation.has_value();
    m_counterfactual->setWhatIfEnabled(enabled);
    m_evidence->setWhatIfEnabled(enabled);
}

void WhyPanel::request() {
    m_service.cancel(this); // a what-if or curve of the previous explanation
    m_explanation.reset();
    m_whatIf.reset();
    m_whatIfBusy = false;
    m_curveBusy = false;
    m_message->clear();
    m_header->setPending(m_runId, m_user, m_item);
    setBusy(true);
    emit titleChanged(title());
    rs::ExplainOptions options;
    options.k = m_header->k();
    m_service.explain(this, m_runId, m_user, m_item, options,
                      [this](ExplainReply reply) { showReply(std::move(reply)); });
}

QString WhyPanel::decompositionText(const rs::Explanation& e) const {
    QString text;
    if (e.exactDecomposition)
        text = tr("The parts add up to the model's score: Σ = %1.")
                   .arg(ExplainText::number(e.decomposedScore));
    else
        text = tr("The parts add up to <b>%1</b>, not to the model's score %2.")
                   .arg(ExplainText::number(e.decomposedScore), ExplainText::number(e.score));
    if (!e.decompositionNote.empty())
        text += QStringLiteral(" ") +
                tr("Note: %1.").arg(QString::fromStdString(e.decompositionNote).toHtmlEscaped());
    text += QStringLiteral(" <span style='color:gray'>%1</span>")
                .arg(tr("(explained in %1 s)").arg(QLocale().toString(e.seconds, 'f', 2)));
    return text;
}

void WhyPanel::showReply(ExplainReply reply) {
    setBusy(false);
    if (!reply.error.isEmpty()) {
        m_sections->setVisible(false);
        m_message->showError(tr("Run #%1 cannot be explained: %2").arg(m_runId).arg(reply.error));
        emit titleChanged(title());
        emit explained();
        return;
    }
    m_context = std::move(reply.context);
    m_factors = reply.factors ? std::move(reply.factors)
                              : std::make_shared<const std::vector<rs::FactorProfile>>();
    m_explanation = std::move(reply.explanation);
    const rs::Explanation& e = *m_explanation;
    const auto& items = m_context->items;
    m_header->setExplanation(e, *m_context);

    const auto& factors = *m_factors;
    m_waterfall->setBars(WaterfallBars::build(
        e.parts, kDetailedFactors,
        [&items, &factors](const rs::ScorePart& p) {
            return ExplainText::partLabel(p, items, factors);
        },
        e.exactDecomposition ? tr("score") : tr("decomposed score"),
        [&items, &factors](const rs::ScorePart& p) {
            return ExplainText::factorDetail(p, items, factors);
        }));
    m_decompositionNote->setText(decompositionText(e));
    m_evidence->setExplanation(e, items);
    const QString pathsHtml = ExplainText::pathsHtml(e, *m_context);
    m_pathsText->setText(pathsHtml);
    m_pathsSection->setVisible(!pathsHtml.isEmpty());
    m_counterfactual->setExplanation(e, items);
    m_whatIfMessage->clear();
    m_whatIfView->clear();
    m_curveMessage->clear();
    m_curveChart->clear();
    m_sections->setVisible(true);
    updateWhatIfButtons();
    m_graphSection->setExplanation(e, m_context, title());
    // A focused rating (e.g. a heatmap cell's history row): its evidence row is selected and
    // scrolled into view, once the sections have their geometry.
    if (m_focus)
        revealEvidenceRow(*m_focus);

    if (e.rank > 0 && !e.evidence.empty()) {
        m_curveBusy = true;
        m_fidelityText->setText(tr("Measuring the deletion curve…"));
        m_service.deletionCurve(this, m_runId, e, kCurveSteps, kCurveDraws,
                                [this](CurveReply r) { showCurve(std::move(r)); });
    } else {
        m_fidelityText->setText(
            e.rank == 0 ? tr("No deletion curve: the user rated this item in training.")
                        : tr("No deletion curve: the model has no per-rating evidence."));
    }
    emit titleChanged(title());
    emit explained();
}

bool WhyPanel::revealEvidenceRow(std::uint32_t item) {
    if (!m_evidence->focusItem(item))
        return false;
    QTimer::singleShot(0, this, [this] {
        QTreeView* view = m_evidence->view();
        const QModelIndex index = view->currentIndex();
        view->scrollTo(index, QAbstractItemView::PositionAtCenter);
        const QPoint at = view->viewport()->mapTo(m_sections, view->visualRect(index).center());
        m_scroll->ensureVisible(at.x(), at.y(), 50, 80);
    });
    return true;
}

void WhyPanel::runWhatIf(const std::vector<std::uint32_t>& removed) {
    if (!m_explanation || removed.empty())
        return;
    m_whatIfBusy = true;
    m_whatIfProgress->setVisible(true);
    m_whatIfMessage->clear();
    updateWhatIfButtons();
    m_service.whatIf(this, m_runId, m_user, m_item, removed, m_explanation->k,
                     [this](WhatIfReply r) { showWhatIf(std::move(r)); });
}

void WhyPanel::showWhatIf(WhatIfReply reply) {
    m_whatIfBusy = false;
    m_whatIfProgress->setVisible(false);
    updateWhatIfButtons();
    if (!reply.error.isEmpty()) {
        m_whatIfMessage->showError(tr("The what-if failed: %1").arg(reply.error));
        m_whatIfView->clear();
    } else if (m_context) {
        m_whatIfView->setResult(reply, m_context->items);
        m_whatIf = std::move(reply);
    }
    emit whatIfShown();
}

void WhyPanel::showCurve(CurveReply reply) {
    m_curveBusy = false;
    if (!reply.error.isEmpty() || !m_explanation) {
        m_curveMessage->showError(tr("The deletion curve failed: %1").arg(reply.error));
        m_fidelityText->clear();
        emit curveShown();
        return;
    }
    const rs::DeletionCurve& c = reply.curve;
    const int k = m_explanation->k;
    m_curveChart->setCurve(c, k);
    if (c.rankTop.empty()) {
        m_fidelityText->setText(tr("No deletion curve: the user has no ratings to remove."));
    } else {
        const int m = int(c.rankTop.size());
        m_fidelityText->setText(
            tr("Removing the top %1 evidence ratings moves the item from rank %2 "
               "to rank "
               "<b>%3</b>; removing %1 random ratings, to rank %4 on average (%5 "
               "draws). "
               "A faithful explanation drops the item much faster than chance. "
               "<span style='color:gray'>(measured in %6 s)</span>")
                .arg(m)
                .arg(c.rankBefore)
                .arg(c.rankTop.back())
                .arg(QLocale().toString(c.rankRandom.empty() ? 0.0 : c.rankRandom.back(), 'f', 1))
                .arg(kCurveDraws)
                .arg(QLocale().toString(reply.seconds, 'f', 2)));
    }
    emit curveShown();
}

} // namespace rs::ui
