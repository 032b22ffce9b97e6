// Per-row value parsers: ratings, timestamps, ids, and the rating scale.
#include "io/RatingFields.h"

#include <QtTest>

#include <charconv>
#include <cmath>
#include <limits>

using namespace rs;

namespace {

std::string reasonForRating(std::string_view s) {
    std::string why;
    const auto v = parseRating(s, why);
    return v ? std::string("ok") : why;
}

std::string reasonForTimestamp(std::string_view s) {
    std::string why;
    const auto v = parseTimestamp(s, why);
    return v ? std::string("ok") : why;
}

std::int64_t ts(std::string_view s) {
    std::string why;
    const auto v = parseTimestamp(s, why);
    if (!v)
        qFatal("timestamp '%s' rejected: %s", std::string(s).c_str(), why.c_str());
    return *v;
}

float rating(std::string_view s) {
    std::string why;
    const auto v = parseRating(s, why);
    if (!v)
        qFatal("rating '%s' rejected: %s", std::string(s).c_str(), why.c_str());
    return *v;
}

constexpr std::int64_t kDay = 86400;

} // namespace

class TestRatingFields : public QObject {
    Q_OBJECT
private slots:
    void ratingsAccepted() {
        QCOMPARE(rating("4.5"), 4.5f);
        QCOMPARE(rating("3"), 3.0f);
        QCOMPARE(rating(" 2.5 "), 2.5f);
        QCOMPARE(rating("-1"), -1.0f);
        QCOMPARE(rating("+2"), 2.0f);
        QCOMPARE(rating("1e1"), 10.0f);
        QCOMPARE(rating("3,5"), 3.5f); // decimal comma
        QCOMPARE(rating("0.1"), 0.1f);
        QCOMPARE(rating(".5"), 0.5f);
        QCOMPARE(rating("10."), 10.0f);
        QCOMPARE(rating("12345.678"), 12345.678f);
    }

    void fastPathRoundsLikeFromChars() {
        // Plain decimals up to 7 digits take a hand-written path: it must give the very same
        // float as std::from_chars for every digit/point layout.
        std::string why;
        int checked = 0;
        for (std::uint32_t m = 0; m < 10000000; m += 9973) {
            const std::string digits = std::to_string(m);
            for (std::size_t point = 0; point <= digits.size(); ++point) {
                std::string s = digits;
                s.insert(point, ".");
                if (s == ".")
                    continue;
                float expected = 0;
                std::from_chars(s.data(), s.data() + s.size(), expected);
                const auto got = parseRating(s, why);
                QVERIFY(got.has_value());
                if (*got != expected)
                    QFAIL(qPrintable(QString::fromStdString("mismatch for " + s)));
                QCOMPARE(*parseRating("-" + s, why), -expected);
                ++checked;
            }
        }
        QVERIFY(checked > 5000);
    }

    void ratingRejections() {
        QCOMPARE(reasonForRating(""), std::string("rating is empty"));
        QCOMPARE(reasonForRating("   "), std::string("rating is empty"));
        QCOMPARE(reasonForRating("abc"), std::string("rating is not a number: 'abc'"));
        QCOMPARE(reasonForRating("4.5x"), std::string("rating is not a number: '4.5x'"));
        QCOMPARE(reasonForRating("4..5"), std::string("rating is not a number: '4..5'"));
        QCOMPARE(reasonForRating("1,2,3"), std::string("rating is not a number: '1,2,3'"));
        QCOMPARE(reasonForRating("-"), std::string("rating is not a number: '-'"));
        QCOMPARE(reasonForRating("nan"), std::string("rating is NaN"));
        QCOMPARE(reasonForRating("NaN"), std::string("rating is NaN"));
        QCOMPARE(reasonForRating("inf"), std::string("rating is infinite"));
        QCOMPARE(reasonForRating("-Infinity"), std::string("rating is infinite"));
        QCOMPARE(reasonForRating("1e999"), std::string("rating is out of range: '1e999'"));
        const std::string longJunk(100, 'q');
        QCOMPARE(reasonForRating(longJunk),
                 "rating is not a number: '" + std::string(40, 'q') + "...'");
    }

    void timestampsAsEpochSeconds() {
        QCOMPARE(ts("964982703"), std::int64_t(964982703));
        QCOMPARE(ts("0"), std::int64_t(0));
        QCOMPARE(ts(" 42 "), std::int64_t(42));
        QCOMPARE(ts("-86400"), -kDay);
        QCOMPARE(ts("964982703.0"), std::int64_t(964982703));
        QCOMPARE(ts("9223372036854775807"), std::numeric_limits<std::int64_t>::max());
    }

    void epochDigitsAgreeWithFromChars() {
        // Long digit runs are read eight at a time: compare with std::from_chars for every
        // length, and make sure any non-digit byte at any position is refused.
        std::uint64_t seed = 12345;
        auto nextDigit = [&] {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            return char('0' + (seed >> 33) % 10);
        };
        std::string why;
        for (std::size_t len = 1; len <= 19; ++len) {
            for (int rep = 0; rep < 50; ++rep) {
                std::string s;
                for (std::size_t i = 0; i < len; ++i)
                    s += nextDigit();
                std::int64_t expected = 0;
                const auto res = std::from_chars(s.data(), s.data() + s.size(), expected);
                const auto got = parseTimestamp(s, why);
                if (res.ec == std::errc()) {
                    QVERIFY(got.has_value());
                    QCOMPARE(*got, expected);
                } else {
                    QVERIFY(!got.has_value()); // 19 digits beyond int64
                }
                for (const char bad : {'/', ':', 'a', ' ', '\x80', '\xB5'}) {
                    std::string t = s;
                    t[std::size_t(rep) % len] = bad;
                    if (bad == ' ' &&
                        (std::size_t(rep) % len == 0 || std::size_t(rep) % len == len - 1))
                        continue; // surrounding spaces are allowed
                    QVERIFY2(!parseTimestamp(t, why).has_value(), t.c_str());
                }
            }
        }
    }

    void isoDatesByHand() {
        QCOMPARE(ts("1970-01-01"), std::int64_t(0));
        QCOMPARE(ts("1970-01-02"), kDay);
        // 1970..1999: 30 years of 365 days plus the leap days of 1972, 76, 80, 84, 88, 92, 96.
        const std::int64_t y2000 = (30 * 365 + 7) * kDay;
        QCOMPARE(ts("2000-01-01"), y2000);
        // 2000 is a leap year (divisible by 400): January 31 + February 29 days.
        QCOMPARE(ts("2000-03-01"), y2000 + (31 + 29) * kDay);
        // 2001-01-01: 2000 has 366 days.
        QCOMPARE(ts("2001-01-01"), y2000 + 366 * kDay);
        // 1900 is not a leap year: 1900..1969 = 70 * 365 + 17 leap days (1904..1968).
        QCOMPARE(ts("1900-01-01"), -(70 * 365 + 17) * kDay);
        // 2009-02-13 = 2000-01-01 + 9 years (3 leap: 2000, 2004, 2008) + 31 + 12 days.
        const std::int64_t feb13 = y2000 + (9 * 365 + 3 + 31 + 12) * kDay;
        const std::int64_t t = feb13 + 23 * 3600 + 31 * 60 + 30;
        QCOMPARE(t, std::int64_t(1234567890));
        QCOMPARE(ts("2009-02-13 23:31:30"), t);
        QCOMPARE(ts("2009-02-13T23:31:30"), t);
        QCOMPARE(ts("2009-02-13T23:31:30Z"), t);
        QCOMPARE(ts("2009-02-13T23:31:30.750"), t);
        QCOMPARE(ts("2009-02-14T01:31:30+02:00"), t);
        QCOMPARE(ts("2009-02-13T20:31:30-0300"), t);
        QCOMPARE(ts("1969-12-31 23:59:59"), std::int64_t(-1));
        QCOMPARE(ts("2020-02-29"), (50 * 365 + 12 + 31 + 28) * kDay); // leap days 1972..2016
    }

    void timestampRejections() {
        QCOMPARE(reasonForTimestamp(""), std::string("timestamp is empty"));
        QCOMPARE(reasonForTimestamp("  "), std::string("timestamp is empty"));
        QCOMPARE(reasonForTimestamp("abc"),
                 std::string("timestamp is neither epoch seconds nor an ISO date: 'abc'"));
        QCOMPARE(reasonForTimestamp("12:30"),
                 std::string("timestamp is neither epoch seconds nor an ISO date: '12:30'"));
        QCOMPARE(reasonForTimestamp("1e9"),
                 std::string("timestamp is neither epoch seconds nor an ISO date: '1e9'"));
        QCOMPARE(reasonForTimestamp("2021-02-30"),
                 std::string("timestamp is not a valid date/time: '2021-02-30'"));
        QCOMPARE(reasonForTimestamp("2019-02-29"),
                 std::string("timestamp is not a valid date/time: '2019-02-29'"));
        QCOMPARE(reasonForTimestamp("2021-13-01"),
                 std::string("timestamp is not a valid date/time: '2021-13-01'"));
        QCOMPARE(reasonForTimestamp("2021-01-01 24:00:00"),
                 std::string("timestamp is not a valid date/time: '2021-01-01 24:00:00'"));
        QCOMPARE(reasonForTimestamp("2021-01-01 10:00"),
                 std::string("timestamp is neither epoch seconds nor an ISO date: "
                             "'2021-01-01 10:00'"));
        QCOMPARE(reasonForTimestamp("99999999999999999999"),
                 std::string("timestamp is out of range: '99999999999999999999'"));
    }

    void ids() {
        std::string why;
        QVERIFY(validId("42", why));
        QVERIFY(validId("tt0114709", why));
        QVERIFY(validId("a b", why));
        QVERIFY(validId(" x", why));
        QVERIFY(validId("M\xC3\xBCller", why)); // ü
        QVERIFY(!validId("", why));
        QCOMPARE(why, std::string("empty value"));
        QVERIFY(!validId("   ", why));
        QCOMPARE(why, std::string("empty value"));
        QVERIFY(!validId("a\tb", why));
        QCOMPARE(why, std::string("contains a control character (U+0009)"));
        QVERIFY(!validId("a\x7F", why));
        QCOMPARE(why, std::string("contains a control character (U+007F)"));
        QVERIFY(!validId("x\xC2\x85y", why)); // NEL, a C1 control
        QCOMPARE(why, std::string("contains a control character (U+0085)"));
        QVERIFY(!validId(std::string_view("a\0b", 3), why));
        QCOMPARE(why, std::string("contains a control character (U+0000)"));
    }

    void scaleSteps() {
        auto scale = [](std::vector<float> v) { return detectScale(v.data(), v.size()); };
        RatingScale s = scale({1, 2, 3, 4, 5});
        QCOMPARE(s.min, 1.0f);
        QCOMPARE(s.max, 5.0f);
        QCOMPARE(s.step, 1.0f);
        QVERIFY(!s.implicit);
        s = scale({0.5f, 5, 3.5f, 2});
        QCOMPARE(s.step, 0.5f);
        QCOMPARE(s.min, 0.5f);
        s = scale({1, 1.25f, 2.75f});
        QCOMPARE(s.step, 0.25f);
        s = scale({1.1f, 2.3f, 4.7f});
        QCOMPARE(s.step, 0.1f);
        s = scale({0.25f, 0.1f}); // neither 0.25 nor 0.1 fits both
        QCOMPARE(s.step, 0.01f);
        s = scale({3.14f, 2.72f});
        QCOMPARE(s.step, 0.01f);
        s = scale({3.14159f, 1});
        QCOMPARE(s.step, 0.0f);
        s = scale({-10, 10, 0});
        QCOMPARE(s.min, -10.0f);
        QCOMPARE(s.max, 10.0f);
        QCOMPARE(s.step, 1.0f);
        s = scale({1000.5f, 2000});
        QCOMPARE(s.step, 0.5f);
        s = scale({1, 1, 1});
        QVERIFY(s.implicit);
        QCOMPARE(s.step, 1.0f);
        QCOMPARE(s.min, 1.0f);
        s = scale({1, 1, 2});
        QVERIFY(!s.implicit);
        s = scale({});
        QCOMPARE(s.min, 0.0f);
        QCOMPARE(s.max, 0.0f);
        QCOMPARE(s.step, 0.0f);
        QVERIFY(!s.implicit);
        s = scale({std::nanf(""), 2, 4});
        QCOMPARE(s.min, 2.0f);
        QCOMPARE(s.step, 1.0f);
    }
};

QTEST_APPLESS_MAIN(TestRatingFields)
#include "tst_ratingfields.moc"
