#include "ExplainText.h"

#include <QLocale>
#include <QStringList>

namespace rs::ui::ExplainText {

QString itemTitle(const rs::ItemLabel& label) {
    if (!label.title.empty())
        return QString::fromStdString(label.title);
    return QObject::tr("item %1").arg(QString::fromStdString(label.id));
}

QString itemTitle(const std::vector<rs::ItemLabel>& items, std::uint32_t item) {
    if (item < items.size())
        return itemTitle(items[item]);
    return QObject::tr("item #%1").arg(item);
}

QString itemGenres(const std::vector<rs::ItemLabel>& items, std::uint32_t item) {
    if (item >= items.size())
        return {};
    QStringList genres =
        QString::fromStdString(items[item].genres).split(QLatin1Char('|'), Qt::SkipEmptyParts);
    genres.removeAll(QStringLiteral("(no genres listed)"));
    return genres.join(QStringLiteral(" · "));
}

QString factorName(const rs::FactorProfile& profile) {
    QString name = QString::fromStdString(profile.name);
    // "Drama-" ends with an ASCII hyphen standing for a minus sign.
    name.replace(QStringLiteral("- /"), QStringLiteral("\u2212 /"));
    if (name.endsWith(QLatin1Char('-')))
        name.replace(name.size() - 1, 1, QChar(0x2212));
    return name;
}

QString factorDetail(const rs::ScorePart& part, const std::vector<rs::ItemLabel>& items,
                     const std::vector<rs::FactorProfile>& factors) {
    if (part.kind != rs::ScorePartKind::LatentFactor &&
        part.kind != rs::ScorePartKind::ImplicitFactor)
        return {};
    if (part.factor < 0 || std::size_t(part.factor) >= factors.size() ||
        factors[std::size_t(part.factor)].factor != part.factor)
        return {};
    const rs::FactorProfile& f = factors[std::size_t(part.factor)];
    QStringList genres;
    for (std::size_t g = 0; g < f.genres.size() && g < 4; ++g)
        genres << QStringLiteral("%1 (r %2)")
                      .arg(QString::fromStdString(f.genres[g].first).toHtmlEscaped(),
                           number(f.genres[g].second, true));
    auto list = [&items](const std::vector<std::pair<std::uint32_t, float>>& side) {
        QStringList titles;
        for (const auto& [item, value] : side)
            titles << itemTitle(items, item).toHtmlEscaped();
        return titles.join(QStringLiteral("<br>&nbsp;&nbsp;"));
    };
    QString text = QObject::tr("<b>Factor %1</b>").arg(f.factor);
    if (!genres.isEmpty())
        text += QObject::tr("<br>correlates with: %1").arg(genres.join(QStringLiteral(", ")));
    if (!f.topItems.empty())
        text += QObject::tr("<br>highest items:<br>&nbsp;&nbsp;%1").arg(list(f.topItems));
    if (!f.bottomItems.empty())
        text += QObject::tr("<br>lowest items:<br>&nbsp;&nbsp;%1").arg(list(f.bottomItems));
    return text;
}

QString partLabel(const rs::ScorePart& part, const std::vector<rs::ItemLabel>& items,
                  const std::vector<rs::FactorProfile>& factors) {
    QString label = QString::fromStdString(part.label);
    switch (part.kind) {
    case rs::ScorePartKind::LatentFactor:
    case rs::ScorePartKind::ImplicitFactor:
        if (label.isEmpty())
            label = part.kind == rs::ScorePartKind::LatentFactor
                        ? QObject::tr("factor %1").arg(part.factor)
                        : QObject::tr("implicit factor %1").arg(part.factor);
        if (part.factor >= 0 && std::size_t(part.factor) < factors.size() &&
            factors[std::size_t(part.factor)].factor == part.factor)
            label += QStringLiteral(" · ") + factorName(factors[std::size_t(part.factor)]);
        return label;
    case rs::ScorePartKind::HistoryItem:
        return itemTitle(items, part.item);
    case rs::ScorePartKind::GlobalMean:
        return label.isEmpty() ? QObject::tr("global mean") : label;
    case rs::ScorePartKind::UserBias:
        return label.isEmpty() ? QObject::tr("user bias") : label;
    case rs::ScorePartKind::ItemBias:
        return label.isEmpty() ? QObject::tr("item bias") : label;
    case rs::ScorePartKind::Neighbourhood:
        return label.isEmpty() ? QObject::tr("neighbours") : label;
    case rs::ScorePartKind::Popularity:
        return label.isEmpty() ? QObject::tr("popularity") : label;
    case rs::ScorePartKind::Other:
        break;
    }
    return label.isEmpty() ? QObject::tr("other") : label;
}

QString number(double value, bool signedValue) {
    QString text = QLocale().toString(value, 'f', 3);
    if (text.startsWith(QLatin1Char('-')))
        text.replace(0, 1, QChar(0x2212));
    else if (signedValue && value > 0)
        text.prepend(QLatin1Char('+'));
    return text;
}

QString ratings(qsizetype n) {
    return n == 1 ? QObject::tr("1 rating")
                  : QObject::tr("%1 ratings").arg(QLocale().toString(qint64(n)));
}

QString tick(double value) {
    QString text = QLocale().toString(value, 'g', 6);
    if (text.startsWith(QLatin1Char('-')))
        text.replace(0, 1, QChar(0x2212));
    return text;
}

QString rankText(int rank, int k) {
    if (rank <= 0)
        return QObject::tr("rated in training");
    if (rank <= k)
        return QObject::tr("rank %1 (top-%2)").arg(rank).arg(k);
    return QObject::tr("rank %1 (outside the top %2)").arg(rank).arg(k);
}

QString methodName(rs::EvidenceMethod method) {
    switch (method) {
    case rs::EvidenceMethod::ExactTerms:
        return QObject::tr("exact terms");
    case rs::EvidenceMethod::Resolve:
        return QObject::tr("re-solved");
    case rs::EvidenceMethod::None:
        break;
    }
    return QObject::tr("none");
}

QString methodDescription(rs::EvidenceMethod method) {
    switch (method) {
    case rs::EvidenceMethod::ExactTerms:
        return QObject::tr("Each contribution is an exact additive term of the score.");
    case rs::EvidenceMethod::Resolve:
        return QObject::tr("Each contribution is the score with the rating minus the score "
                           "without it, re-solving the user's parameters each time.");
    case rs::EvidenceMethod::None:
        break;
    }
    return QObject::tr("This model does not attribute its score to the user's ratings.");
}

QString pathsHtml(const rs::Explanation& e, const rs::RunContext& ctx, int maxPaths,
                  int maxNeighbours) {
    if (e.paths.empty() && e.pathNeighbours.empty())
        return {};
    auto userText = [&ctx](std::uint32_t u) {
        return QObject::tr("user %1").arg(
            u < ctx.userIds.size() ? QString::fromStdString(ctx.userIds[u]) : QString::number(u));
    };
    QString html = QStringLiteral("<ol style='margin-left:-20px'>");
    for (std::size_t k = 0; k < e.paths.size() && int(k) < maxPaths; ++k) {
        QStringList nodes;
        for (const rs::PathNode& n : e.paths[k].nodes)
            nodes << (n.kind == rs::PathNode::Kind::User ? userText(n.index)
                                                         : itemTitle(ctx.items, n.index))
                         .toHtmlEscaped();
        html += QStringLiteral("<li>%1: <b>%2</b></li>")
                    .arg(nodes.join(QStringLiteral(" → ")), number(e.paths[k].contribution, true));
    }
    html += QStringLiteral("</ol>");
    if (!e.pathNeighbours.empty()) {
        QStringList users;
        for (std::size_t k = 0; k < e.pathNeighbours.size() && int(k) < maxNeighbours; ++k)
            users << QObject::tr("%1 (%2 over %n path(s))", nullptr, e.pathNeighbours[k].paths)
                         .arg(userText(e.pathNeighbours[k].user).toHtmlEscaped(),
                              number(e.pathNeighbours[k].contribution, true));
        html += QObject::tr("Neighbour users carrying the most: %1.")
                    .arg(users.join(QStringLiteral(", ")));
    }
    if (!e.pathNote.empty())
        html += QStringLiteral("<br><span style='color:gray'>%1</span>")
                    .arg(QString::fromStdString(e.pathNote).toHtmlEscaped());
    return html;
}

} // namespace rs::ui::ExplainText
