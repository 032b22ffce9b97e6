#include "MetricKeys.h"

#include <cctype>
#include <map>

namespace rs::cli {

std::string jsonMetricKey(const std::string& name) {
    static const std::map<std::string, std::string> prefixes = {
        {"P", "precision"}, {"R", "recall"}, {"NDCG", "ndcg"}, {"MAP", "map"},
        {"HR", "hr"},       {"MRR", "mrr"},  {"AP", "ap"},     {"RR", "rr"}};
    static const std::map<std::string, std::string> plain = {
        {"ILD", "diversity"}, {"LongTail", "long_tail_share"}, {"ARP", "arp"}};
    if (auto at = name.find('@'); at != std::string::npos) {
        auto it = prefixes.find(name.substr(0, at));
        if (it != prefixes.end())
            return it->second + name.substr(at);
    }
    if (auto it = plain.find(name); it != plain.end())
        return it->second;
    std::string lower;
    for (char c : name)
        lower += char(std::tolower(static_cast<unsigned char>(c)));
    return lower;
}

} // namespace rs::cli
