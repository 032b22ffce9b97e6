#include "data/RatingOrder.h"

#include <algorithm>

namespace rs {

const char* duplicatePolicyName(DuplicatePolicy p) {
    switch (p) {
    case DuplicatePolicy::KeepLast:
        return "last";
    case DuplicatePolicy::KeepFirst:
        return "first";
    case DuplicatePolicy::Mean:
        return "mean";
    }
    return "last";
}

bool parseDuplicatePolicy(const std::string& text, DuplicatePolicy& out) {
    for (auto p : {DuplicatePolicy::KeepLast, DuplicatePolicy::KeepFirst, DuplicatePolicy::Mean})
        if (text == duplicatePolicyName(p)) {
            out = p;
            return true;
        }
    return false;
}

namespace {

template <typename T> void gather(std::vector<T>& column, const std::vector<std::uint32_t>& order) {
    if (column.empty())
        return;
    std::vector<T> out(order.size());
    for (std::size_t k = 0; k < order.size(); ++k)
        out[k] = column[order[k]];
    column.swap(out);
}

} // namespace

namespace {

bool allDigits(const std::string& s) {
    if (s.empty())
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return true;
}

/// Returns old->new and reorders `ids` in place.
std::vector<std::uint32_t> naturalPermutation(std::vector<std::string>& ids) {
    std::vector<std::uint32_t> byRank(ids.size());
    for (std::uint32_t i = 0; i < byRank.size(); ++i)
        byRank[i] = i;
    std::sort(byRank.begin(), byRank.end(),
              [&](std::uint32_t a, std::uint32_t b) { return naturalIdLess(ids[a], ids[b]); });
    std::vector<std::uint32_t> oldToNew(ids.size());
    std::vector<std::string> sorted(ids.size());
    for (std::uint32_t r = 0; r < byRank.size(); ++r) {
        oldToNew[byRank[r]] = r;
        sorted[r] = std::move(ids[byRank[r]]);
    }
    ids.swap(sorted);
    return oldToNew;
}

} // namespace

bool naturalIdLess(const std::string& a, const std::string& b) {
    const bool da = allDigits(a), db = allDigits(b);
    if (da != db)
        return da;
    if (da) {
        auto strip = [](const std::string& s) {
            auto p = s.find_first_not_of('0');
            return p == std::string::npos ? std::string_view("0") : std::string_view(s).substr(p);
        };
        auto sa = strip(a), sb = strip(b);
        if (sa.size() != sb.size())
            return sa.size() < sb.size();
        if (sa != sb)
            return sa < sb;
    }
    return a < b;
}

void renumberByNaturalIdOrder(RatingTable& t, std::vector<std::uint32_t>* itemOldToNew) {
    const auto users = naturalPermutation(t.userIds);
    const auto items = naturalPermutation(t.itemIds);
    for (auto& u : t.users)
        u = users[u];
    for (auto& i : t.items)
        i = items[i];
    if (itemOldToNew)
        *itemOldToNew = items;
}

DuplicateReport sortByUserItem(RatingTable& t, DuplicatePolicy policy, std::size_t maxExamples) {
    DuplicateReport report;
    const std::size_t n = t.size();
    const std::uint32_t nu = t.numUsers()
                                 ? t.numUsers()
                                 : (n ? *std::max_element(t.users.begin(), t.users.end()) + 1 : 0);
    // Stable counting sort by user: `order` lists row indices grouped by user, file order kept.
    std::vector<std::uint64_t> start(std::size_t(nu) + 1, 0);
    for (auto u : t.users)
        ++start[u + 1];
    for (std::uint32_t u = 0; u < nu; ++u)
        start[u + 1] += start[u];
    std::vector<std::uint32_t> order(n);
    {
        std::vector<std::uint64_t> next(start.begin(), start.end() - 1);
        for (std::size_t r = 0; r < n; ++r)
            order[next[t.users[r]]++] = static_cast<std::uint32_t>(r);
    }
    // Within each user: by item, then file order (row index) — a 64-bit key sorts both at once.
    std::vector<std::uint64_t> keys;
    std::size_t write = 0;     // compacted position in `order`
    std::vector<float> merged; // Mean policy: merged values by compacted position
    const bool mean = policy == DuplicatePolicy::Mean;
    if (mean)
        merged.reserve(n);
    for (std::uint32_t u = 0; u < nu; ++u) {
        const auto b = start[u], e = start[u + 1];
        keys.resize(e - b);
        for (auto k = b; k < e; ++k)
            keys[k - b] = (std::uint64_t(t.items[order[k]]) << 32) | order[k];
        std::sort(keys.begin(), keys.end());
        for (std::size_t k = 0; k < keys.size();) {
            std::size_t j = k + 1;
            const auto item = std::uint32_t(keys[k] >> 32);
            while (j < keys.size() && std::uint32_t(keys[j] >> 32) == item)
                ++j;
            if (j - k > 1) {
                report.removed += std::int64_t(j - k - 1);
                if (report.examples.size() < maxExamples)
                    report.examples.emplace_back(u, item);
            }
            const std::size_t pick = policy == DuplicatePolicy::KeepFirst ? k : j - 1;
            order[write] = std::uint32_t(keys[pick]);
            if (mean) {
                double s = 0;
                for (auto q = k; q < j; ++q)
                    s += t.values[std::uint32_t(keys[q])];
                merged.push_back(float(s / double(j - k)));
            }
            ++write;
            k = j;
        }
    }
    order.resize(write);
    order.shrink_to_fit();
    gather(t.users, order);
    gather(t.items, order);
    if (mean)
        t.values.swap(merged);
    else
        gather(t.values, order);
    gather(t.timestamps, order);
    return report;
}

} // namespace rs
