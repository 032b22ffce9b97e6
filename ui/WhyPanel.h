#pragma once
#include "ExplainReplies.h"

#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

class QGroupBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;

namespace rs::ui {

class CounterfactualView;
class DeletionCurveChart;
class EvidenceBarList;
class ExplainService;
class InlineMessage;
class TopNComparison;
class WaterfallChart;
class WhyGraphSection;
class WhyHeader;

/// Why a run's model recommends an item to a user: the header (item, user,
/// score, rank, model), the score's decomposition as a waterfall, the evidence
/// (the user's ratings by contribution), the counterfactual with a live "What
/// if…" re-scoring of the top-N, and the fidelity figures (deletion curve, what
/// the decomposition decomposes). Everything is computed by the ExplainService
/// in workers; the panel shows progress meanwhile and errors inline.
class WhyPanel : public QWidget {
    Q_OBJECT
public:
    explicit WhyPanel(ExplainService& service, QWidget* parent = nullptr);

    /// Explains (user, item) (dense dataset indices) with the run's model.
    /// `focus`: a rated item whose evidence row is selected once the explanation arrives
    /// (e.g. the history row of a heatmap cell).
    void showWhy(qint64 runId, quint32 user, quint32 item,
                 std::optional<quint32> focus = std::nullopt);
    /// Re-scores the user's top-N without their ratings of `removed`.
    void runWhatIf(const std::vector<std::uint32_t>& removed);

    qint64 runId() const { return m_runId; }
    quint32 user() const { return m_user; }
    quint32 item() const { return m_item; }
    /// The explanation shown (none while computing or after an error).
    const std::optional<rs::Explanation>& explanation() const { return m_explanation; }
    std::shared_ptr<const rs::RunContext> context() const { return m_context; }
    bool isBusy() const { return m_busy; }
    bool isWhatIfBusy() const { return m_whatIfBusy; }
    bool isCurveBusy() const { return m_curveBusy; }
    /// The last what-if's answer (none before the first).
    const std::optional<WhatIfReply>& whatIf() const { return m_whatIf; }
    /// "Why <title> for user <id>".
    QString title() const;

    bool isPinned() const;
    void setPinned(bool pinned);
    /// A comparison panel (second of a pair): Close instead of Pin and Compare.
    void setSecondary(bool secondary);

    WhyHeader* header() const { return m_header; }
    InlineMessage* message() const { return m_message; }
    WaterfallChart* waterfall() const { return m_waterfall; }
    QLabel* decompositionNote() const { return m_decompositionNote; }
    EvidenceBarList* evidence() const { return m_evidence; }
    CounterfactualView* counterfactual() const { return m_counterfactual; }
    TopNComparison* whatIfView() const { return m_whatIfView; }
    InlineMessage* whatIfMessage() const { return m_whatIfMessage; }
    DeletionCurveChart* curveChart() const { return m_curveChart; }
    QLabel* fidelityText() const { return m_fidelityText; }
    /// Graph models: the strongest paths through the user-item graph (hidden otherwise).
    QLabel* pathsText() const { return m_pathsText; }
    /// Opens the what-if on the training data (DataWhatIfDialog) for this recommendation.
    QPushButton* dataWhatIfButton() const { return m_dataWhatIf; }
    /// The ego graph of the recommendation (hidden without evidence).
    WhyGraphSection* graphSection() const { return m_graphSection; }

    QSize sizeHint() const override;

signals:
    void titleChanged(const QString& title);
    void explained();   ///< an explanation or an error is shown
    void whatIfShown(); ///< a what-if answer (or its error) is shown
    void curveShown();  ///< the deletion curve (or its error) is shown
    void pinnedChanged(bool pinned);
    void compareRequested(qint64 otherRunId);
    void closeRequested();
    /// The analyst asked what happens if the training data changed (see dataWhatIfButton()).
    void dataWhatIfRequested();

private:
    void request();
    void showReply(ExplainReply reply);
    void showWhatIf(WhatIfReply reply);
    void showCurve(CurveReply reply);
    void setBusy(bool busy);
    void updateWhatIfButtons();
    QString decompositionText(const rs::Explanation& e) const;
    /// Selects `item`'s evidence row and scrolls it into view; false when it is not listed.
    bool revealEvidenceRow(std::uint32_t item);

    ExplainService& m_service;
    qint64 m_runId = 0;
    std::optional<quint32> m_focus;
    quint32 m_user = 0, m_item = 0;
    bool m_busy = false, m_whatIfBusy = false, m_curveBusy = false;
    std::optional<rs::Explanation> m_explanation;
    std::optional<WhatIfReply> m_whatIf;
    std::shared_ptr<const rs::RunContext> m_context;
    std::shared_ptr<const std::vector<rs::FactorProfile>> m_factors;

    WhyHeader* m_header;
    InlineMessage* m_message;
    QProgressBar* m_progress;
    QScrollArea* m_scroll;
    QWidget* m_sections;
    WaterfallChart* m_waterfall;
    QLabel* m_decompositionNote;
    EvidenceBarList* m_evidence;
    CounterfactualView* m_counterfactual;
    QProgressBar* m_whatIfProgress;
    InlineMessage* m_whatIfMessage;
    TopNComparison* m_whatIfView;
    DeletionCurveChart* m_curveChart;
    QLabel* m_fidelityText;
    InlineMessage* m_curveMessage;
    QLabel* m_pathsText;
    QPushButton* m_dataWhatIf = nullptr;
    QWidget* m_pathsSection = nullptr;
    WhyGraphSection* m_graphSection;
};

} // namespace rs::ui
