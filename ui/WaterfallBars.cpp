#include "WaterfallBars.h"

#include <QObject>
#include <algorithm>
#include <cmath>

namespace rs::ui {

namespace {

QString groupLabel(rs::ScorePartKind kind, int n) {
    switch (kind) {
    case rs::ScorePartKind::LatentFactor:
        return QObject::tr("other factors (%1)").arg(n);
    case rs::ScorePartKind::ImplicitFactor:
        return QObject::tr("other implicit factors (%1)").arg(n);
    case rs::ScorePartKind::HistoryItem:
        return QObject::tr("other history items (%1)").arg(n);
    default:
        return QObject::tr("other parts (%1)").arg(n);
    }
}

} // namespace

bool WaterfallBars::groupable(rs::ScorePartKind kind) {
    return kind == rs::ScorePartKind::LatentFactor || kind == rs::ScorePartKind::ImplicitFactor ||
           kind == rs::ScorePartKind::HistoryItem;
}

std::vector<WaterfallBar> WaterfallBars::build(const std::vector<rs::ScorePart>& parts,
                                               int maxDetailed, const Labeler& label,
                                               const QString& totalLabel, const Labeler& detail) {
    std::vector<WaterfallBar> bars;
    std::vector<const rs::ScorePart*> many;
    for (const rs::ScorePart& p : parts) {
        if (groupable(p.kind)) {
            many.push_back(&p);
            continue;
        }
        WaterfallBar b;
        b.label = label(p);
        b.value = p.value;
        if (detail)
            b.detail = detail(p);
        bars.push_back(b);
    }
    std::stable_sort(many.begin(), many.end(), [](const rs::ScorePart* a, const rs::ScorePart* b) {
        return std::abs(a->value) > std::abs(b->value);
    });
    // Grouping a single part would hide it for nothing.
    const std::size_t detailed = many.size() <= std::size_t(std::max(maxDetailed, 0)) + 1
                                     ? many.size()
                                     : std::size_t(maxDetailed);
    for (std::size_t i = 0; i < detailed; ++i) {
        WaterfallBar b;
        b.label = label(*many[i]);
        b.value = many[i]->value;
        if (detail)
            b.detail = detail(*many[i]);
        bars.push_back(b);
    }
    // The rest, one group per kind, in the kinds' order of first appearance.
    std::vector<rs::ScorePartKind> kinds;
    for (std::size_t i = detailed; i < many.size(); ++i)
        if (std::find(kinds.begin(), kinds.end(), many[i]->kind) == kinds.end())
            kinds.push_back(many[i]->kind);
    for (rs::ScorePartKind kind : kinds) {
        WaterfallBar b;
        b.kind = WaterfallBar::Kind::Group;
        b.count = 0;
        for (std::size_t i = detailed; i < many.size(); ++i) {
            if (many[i]->kind == kind) {
                b.value += many[i]->value;
                ++b.count;
            }
        }
        b.label = groupLabel(kind, b.count);
        bars.push_back(b);
    }
    double sum = 0.0;
    for (WaterfallBar& b : bars) {
        b.start = sum;
        sum += b.value;
        b.end = sum;
    }
    WaterfallBar total;
    total.kind = WaterfallBar::Kind::Total;
    total.label = totalLabel;
    total.value = sum;
    total.start = 0.0;
    total.end = sum;
    total.count = int(parts.size());
    bars.push_back(total);
    return bars;
}

} // namespace rs::ui
