#pragma once
#include "data/RatingTable.h"
#include <cstdint>
#include <string>
#include <vector>

namespace rs {

/// How to divide a dataset's ratings into train and test rows.
///   Random          each rating goes to test with probability about testFraction (exact count:
///                   round(testFraction * n) rows, chosen by a seeded shuffle)
///   PerUser         per user, round(testFraction * n_u) of the user's ratings go to test, but
///                   every user keeps at least one training rating
///   TemporalGlobal  the newest round(testFraction * n) ratings (one global time cut) are test;
///                   needs timestamps
///   TemporalLastN   per user, the lastN newest ratings are test (at least one stays in train);
///                   needs timestamps
///   KFold           a seeded shuffle cut into `folds` near-equal parts; part `fold` is test
///   Predefined      train and test come from two files; the importer builds it, not makeSplit
struct SplitSpec {
    enum Kind { Random, PerUser, TemporalGlobal, TemporalLastN, KFold, Predefined } kind = Random;
    double testFraction = 0.2;
    int lastN = 1;
    int folds = 5;
    int fold = 0;
    std::uint64_t seed = 0;

    bool operator==(const SplitSpec&) const = default;
};

/// Row indices into the RatingTable the split was made from, each list ascending.
/// `error` is non-empty (and both lists empty) when the split could not be made.
struct SplitResult {
    std::vector<std::uint32_t> trainRows, testRows;
    std::string error;

    bool ok() const { return error.empty(); }
};

/// Splits `table` as `spec` says. Reproducible: the same table and spec give the same rows with
/// every compiler and standard library (std::mt19937_64 with our own shuffle and range mapping).
/// Ties in time are broken by row index. Never throws for bad input; sets SplitResult::error.
SplitResult makeSplit(const RatingTable& table, const SplitSpec& spec);

/// Parses command-line text: `<kind>[:<number>][:key=value]...` where kind is random, peruser,
/// temporal, lastn, kfold or predefined; the number is the test fraction (random, peruser,
/// temporal), N (lastn) or the number of folds (kfold); keys are seed, fold, test, n and folds.
/// Examples: "random:0.2:seed=0", "peruser:0.2:seed=1", "temporal:0.2", "lastn:1",
/// "kfold:5:fold=0:seed=3". On failure returns a default spec and sets `error` (else clears it).
SplitSpec parseSplitSpec(const std::string& text, std::string& error);

/// Canonical text of a spec; parseSplitSpec(describe(s)) == s for the fields that kind uses.
std::string describe(const SplitSpec& spec);

/// The name of a kind as used in the text form ("random", "peruser", ...).
std::string splitKindName(SplitSpec::Kind kind);

} // namespace rs
