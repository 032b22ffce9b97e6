#pragma once
#include "explain/Explainer.h"
#include "explain/Explanation.h"
#include "train/RunContext.h"

#include <QString>
#include <memory>
#include <vector>

namespace rs::ui {

/// An explanation computed in a worker, with what the views need to label it:
/// the run's context (item titles, user ids; shared, read-only) and the run's
/// factor profiles.
struct ExplainReply {
    QString error; ///< non-empty: the run could not be loaded or its model cannot
                   ///< be explained
    rs::Explanation explanation;
    std::shared_ptr<const rs::RunContext> context;
    std::shared_ptr<const std::vector<rs::FactorProfile>> factors;
};

/// The user's top-N before and after removing some of their ratings, and where
/// the explained item stands in both (ranks in the re-solved world of
/// Explainer::scoresWithout).
struct WhatIfReply {
    QString error;
    std::uint32_t user = 0, item = 0;
    int k = 10;
    std::vector<std::uint32_t> removed;
    std::vector<rs::ScoredItem> before, after;
    int rankBefore = 0, rankAfter = 0;
    double seconds = 0;
    /// What the "after" list stands for, e.g. "With the data changes" (default: "Without N
    /// ratings"), and a note replacing the default one about re-solving (both optional).
    QString changeText;
    QString note;
};

/// The deletion curve of one explanation (fidelity figures).
struct CurveReply {
    QString error;
    rs::DeletionCurve curve;
    double seconds = 0;
};

} // namespace rs::ui
