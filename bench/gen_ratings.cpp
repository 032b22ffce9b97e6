// Writes a synthetic MovieLens-like ratings CSV (userId,movieId,rating,timestamp) to stdout or a
// file: long-tailed item popularity and user activity, a planted low-rank taste structure so that
// models have something to learn, half-star ratings and increasing timestamps.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    long long rows = 1000000;
    long long users = 0, items = 0;
    unsigned seed = 42;
    const char* out = nullptr;
    for (int a = 1; a < argc; ++a) {
        std::string s = argv[a];
        auto val = [&] { return a + 1 < argc ? argv[++a] : "0"; };
        if (s == "--rows")
            rows = std::atoll(val());
        else if (s == "--users")
            users = std::atoll(val());
        else if (s == "--items")
            items = std::atoll(val());
        else if (s == "--seed")
            seed = unsigned(std::atoll(val()));
        else if (s == "--out")
            out = val();
        else {
            std::fprintf(
                stderr,
                "usage: gen_ratings --rows N [--users U] [--items I] [--seed S] [--out FILE]\n");
            return 2;
        }
    }
    if (users <= 0)
        users = std::max<long long>(100, rows / 150);
    if (items <= 0)
        items = std::max<long long>(50, (long long)(std::sqrt(double(rows)) * 12));
    std::FILE* f = out ? std::fopen(out, "wb") : stdout;
    if (!f) {
        std::perror(out);
        return 1;
    }
    std::vector<char> buf(1 << 22);
    std::setvbuf(f, buf.data(), _IOFBF, buf.size());
    std::mt19937_64 rng(seed);
    const int k = 4;
    std::normal_distribution<double> gauss(0.0, 1.0);
    std::vector<double> uf(size_t(users) * k), itf(size_t(items) * k), ub(users), ib(items);
    for (auto& v : uf)
        v = gauss(rng) * 0.5;
    for (auto& v : itf)
        v = gauss(rng) * 0.5;
    for (auto& v : ub)
        v = gauss(rng) * 0.4;
    for (auto& v : ib)
        v = gauss(rng) * 0.4;
    // Zipf-like item popularity via inverse-CDF table, user activity by a lognormal weight.
    std::vector<double> icdf(items);
    double acc = 0;
    for (long long i = 0; i < items; ++i) {
        acc += 1.0 / std::pow(double(i + 1), 0.9);
        icdf[i] = acc;
    }
    std::vector<double> ucdf(users);
    std::lognormal_distribution<double> act(0.0, 1.0);
    acc = 0;
    for (long long u = 0; u < users; ++u) {
        acc += act(rng);
        ucdf[u] = acc;
    }
    std::uniform_real_distribution<double> uni(0.0, 1.0);
    // Ratings per user proportional to the user's activity weight (at least 1, at most half the
    // catalogue); rows grouped by user like MovieLens files; items distinct within a user.
    std::vector<long long> perUser(users);
    long long assigned = 0;
    for (long long u = 0; u < users; ++u) {
        const double w = (ucdf[u] - (u ? ucdf[u - 1] : 0.0)) / ucdf.back();
        perUser[u] = std::clamp<long long>((long long)(w * double(rows)), 1, items / 2);
        assigned += perUser[u];
    }
    for (long long u = 0; assigned < rows; u = (u + 1) % users)
        if (perUser[u] < items / 2) {
            ++perUser[u];
            ++assigned;
        }
    for (long long u = 0; assigned > rows; u = (u + 1) % users)
        if (perUser[u] > 1) {
            --perUser[u];
            --assigned;
        }
    long long ts = 964982703;
    char line[96];
    std::vector<unsigned char> seen(items, 0);
    std::vector<long long> chosen;
    for (long long u = 0; u < users; ++u) {
        chosen.clear();
        while ((long long)chosen.size() < perUser[u]) {
            long long i =
                std::lower_bound(icdf.begin(), icdf.end(), uni(rng) * icdf.back()) - icdf.begin();
            if (seen[i])
                continue;
            seen[i] = 1;
            chosen.push_back(i);
        }
        for (long long i : chosen) {
            seen[i] = 0;
            double s = 3.5 + ub[u] + ib[i] + gauss(rng) * 0.6;
            for (int d = 0; d < k; ++d)
                s += uf[u * k + d] * itf[i * k + d];
            s = std::clamp(std::round(s * 2.0) / 2.0, 0.5, 5.0);
            ts += (long long)(uni(rng) * 20);
            int n = std::snprintf(line, sizeof line, "%lld,%lld,%.1f,%lld\n", u + 1, i + 1, s, ts);
            std::fwrite(line, 1, size_t(n), f);
        }
    }
    // The stream buffer is a local vector: flush before it goes out of scope.
    std::fflush(f);
    if (f != stdout)
        std::fclose(f);
    return 0;
}
