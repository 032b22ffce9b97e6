#include "explain/Explanation.h"

namespace rs {

const char* scorePartKindName(ScorePartKind kind) {
    switch (kind) {
    case ScorePartKind::GlobalMean:
        return "global_mean";
    case ScorePartKind::UserBias:
        return "user_bias";
    case ScorePartKind::ItemBias:
        return "item_bias";
    case ScorePartKind::LatentFactor:
        return "latent_factor";
    case ScorePartKind::ImplicitFactor:
        return "implicit_factor";
    case ScorePartKind::Neighbourhood:
        return "neighbourhood";
    case ScorePartKind::HistoryItem:
        return "history_item";
    case ScorePartKind::Popularity:
        return "popularity";
    case ScorePartKind::Other:
        break;
    }
    return "other";
}

const char* evidenceMethodName(EvidenceMethod method) {
    switch (method) {
    case EvidenceMethod::ExactTerms:
        return "exact_terms";
    case EvidenceMethod::Resolve:
        return "resolve";
    case EvidenceMethod::None:
        break;
    }
    return "none";
}

double sumOfParts(const std::vector<ScorePart>& parts) {
    double s = 0.0;
    for (const ScorePart& p : parts)
        s += p.value;
    return s;
}

} // namespace rs
