#pragma once
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rs {

/// A model's hyper-parameters declared once: each entry binds a name to a member variable of the
/// model, with its kind, valid range and a help text. The model's hyperParameters() and
/// setHyperParameter() forward here, so parsing, range checks, error text and formatting are
/// written once for every model.
///
/// Usage (in a model's constructor):
///   m_params.addInt("factors", m_factors, 1, 1024, "latent dimensions")
///           .addDouble("lr", m_lr, {0.0, 1.0, true}, "SGD step size");
/// The bound variables must outlive this object (they are members of the same model), which is
/// why HyperParams cannot be copied.
class HyperParams {
public:
    /// A closed or half-open numeric interval [min, max] or (min, max].
    struct Range {
        double min = 0.0;
        double max = 0.0;
        bool minExclusive = false;
    };

    /// Description of one entry for forms and help text.
    struct Info {
        std::string name;
        std::string kind;    ///< "int", "real", "bool" or "choice"
        std::string allowed; ///< e.g. "[1, 1024]", "(0, 1]", "true|false", "cosine|pearson"
        std::string help;
    };

    HyperParams() = default;
    HyperParams(const HyperParams&) = delete;
    HyperParams& operator=(const HyperParams&) = delete;

    HyperParams& addInt(std::string name, int& target, int min, int max, std::string help = {});
    HyperParams& addDouble(std::string name, double& target, Range range, std::string help = {});
    HyperParams& addBool(std::string name, bool& target, std::string help = {});
    HyperParams& addChoice(std::string name, std::string& target, std::vector<std::string> choices,
                           std::string help = {});

    /// Current values as text, in declaration order.
    std::vector<std::pair<std::string, std::string>> values() const;
    /// Current values as a map (what ModelState::hyper stores).
    std::map<std::string, std::string> toMap() const;
    /// Parses and range-checks `value` for `key`; on failure leaves the variable unchanged and
    /// returns false with a one-line `error` such as "factors: expected an integer in [1, 1024],
    /// got 'abc'".
    bool set(const std::string& key, const std::string& value, std::string& error);
    /// Sets every entry of `values` (all or nothing); unknown names are an error.
    bool setAll(const std::map<std::string, std::string>& values, std::string& error);
    /// Entries for forms and help, in declaration order.
    std::vector<Info> describe() const;
    bool contains(std::string_view key) const;

    /// Shortest text that parses back to exactly `v`.
    static std::string formatReal(double v);

private:
    enum class Kind { Int, Real, Bool, Choice };
    struct Entry {
        std::string name;
        Kind kind;
        void* target;
        Range range;
        std::vector<std::string> choices;
        std::string help;
    };
    const Entry* entry(std::string_view key) const;
    std::string format(const Entry& e) const;
    static std::string allowedText(const Entry& e);
    bool parseInto(const Entry& e, const std::string& value, std::string& error) const;

    std::vector<Entry> m_entries;
};

} // namespace rs
