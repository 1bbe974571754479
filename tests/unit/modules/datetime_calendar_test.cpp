// The pure calendar and ISO 8601 parsing helpers of `_datetime`
// (src/modules/datetime/calendar.cpp, isoparse.cpp): exhaustive ordinal
// round trips and spot checks against values printed by CPython 3.11.
#include "modules/datetime/datetime_internal.h"

#include <gtest/gtest.h>

#include <cstring>

namespace dt = krait::dt;

TEST(DatetimeCalendar, OrdinalRoundTripOverTheWholeRange) {
  int prev_y = 0, prev_m = 12, prev_d = 31;  // the day before 0001-01-01
  for (int ordinal = 1; ordinal <= dt::kMaxOrdinal; ++ordinal) {
    int y, m, d;
    dt::ord_to_ymd(ordinal, &y, &m, &d);
    ASSERT_EQ(dt::ymd_to_ord(y, m, d), ordinal);
    ASSERT_GE(d, 1);
    ASSERT_LE(d, dt::days_in_month(y, m));
    // Consecutive ordinals are consecutive days.
    if (d == 1) {
      ASSERT_EQ(prev_d, dt::days_in_month(prev_y, prev_m));
    } else {
      ASSERT_EQ(d, prev_d + 1);
    }
    prev_y = y, prev_m = m, prev_d = d;
  }
  EXPECT_EQ(prev_y, 9999);
  EXPECT_EQ(prev_m, 12);
  EXPECT_EQ(prev_d, 31);
}

TEST(DatetimeCalendar, LeapYearsAndWeekdays) {
  EXPECT_TRUE(dt::is_leap(2000));
  EXPECT_FALSE(dt::is_leap(1900));
  EXPECT_TRUE(dt::is_leap(2024));
  EXPECT_FALSE(dt::is_leap(2023));
  EXPECT_EQ(dt::days_before_month(2024, 3), 60);
  EXPECT_EQ(dt::weekday(1, 1, 1), 0);        // a Monday
  EXPECT_EQ(dt::weekday(2020, 5, 17), 6);    // a Sunday
  EXPECT_EQ(dt::ymd_to_ord(1970, 1, 1), 719163);
}

TEST(DatetimeCalendar, IsoWeeks) {
  int y, m, d;
  ASSERT_EQ(dt::iso_to_ymd(2020, 53, 7, &y, &m, &d), 0);  // date(2021, 1, 3)
  EXPECT_EQ(y * 10000 + m * 100 + d, 20210103);
  ASSERT_EQ(dt::iso_to_ymd(2004, 1, 1, &y, &m, &d), 0);   // date(2003, 12, 29)
  EXPECT_EQ(y * 10000 + m * 100 + d, 20031229);
  EXPECT_EQ(dt::iso_to_ymd(2021, 53, 1, &y, &m, &d), -2);
  EXPECT_EQ(dt::iso_to_ymd(2021, 1, 8, &y, &m, &d), -3);
  EXPECT_EQ(dt::iso_to_ymd(0, 1, 1, &y, &m, &d), -4);
  EXPECT_EQ(dt::iso_week1_monday(2021), dt::ymd_to_ord(2021, 1, 4));
}

TEST(DatetimeCalendar, FloorDivmodAndCarries) {
  int r;
  EXPECT_EQ(dt::floor_divmod(-1, 60, &r), -1);
  EXPECT_EQ(r, 59);
  EXPECT_EQ(dt::floor_divmod(119, 60, &r), 1);
  EXPECT_EQ(r, 59);
  int hi = 0, lo = -1000001;
  dt::normalize_pair(&hi, &lo, 1000000);
  EXPECT_EQ(hi, -2);
  EXPECT_EQ(lo, 999999);
}

TEST(DatetimeIsoParse, DateForms) {
  struct Case {
    const char* text;
    int rv, y, m, d;
  } cases[] = {{"2020-05-17", 0, 2020, 5, 17}, {"20200517", 0, 2020, 5, 17},
               {"2020-W20-7", 0, 2020, 5, 17}, {"2020W207", 0, 2020, 5, 17},
               {"2020-W01", 0, 2019, 12, 30},  {"2020-0517", -2, 0, 0, 0},
               {"2020-5-17", -1, 0, 0, 0}};
  for (const Case& c : cases) {
    int y = 0, m = 0, d = 0;
    int rv = dt::parse_isoformat_date(c.text, std::strlen(c.text), &y, &m, &d);
    EXPECT_EQ(rv, c.rv) << c.text;
    if (rv == 0) EXPECT_EQ(y * 10000 + m * 100 + d, c.y * 10000 + c.m * 100 + c.d) << c.text;
  }
}

TEST(DatetimeIsoParse, TimeForms) {
  int h, mi, s, us, off = 0, offus = 0;
  const char* t = "12:30:45.1234567+05:30";
  ASSERT_EQ(dt::parse_isoformat_time(t, std::strlen(t), &h, &mi, &s, &us, &off, &offus), 1);
  EXPECT_EQ(h * 10000 + mi * 100 + s, 123045);
  EXPECT_EQ(us, 123456);
  EXPECT_EQ(off, 5 * 3600 + 30 * 60);
  t = "123045,5";
  ASSERT_EQ(dt::parse_isoformat_time(t, std::strlen(t), &h, &mi, &s, &us, &off, &offus), 0);
  EXPECT_EQ(us, 500000);
  t = "12:3045";
  EXPECT_LT(dt::parse_isoformat_time(t, std::strlen(t), &h, &mi, &s, &us, &off, &offus), 0);
  t = "12:30Zx";
  EXPECT_LT(dt::parse_isoformat_time(t, std::strlen(t), &h, &mi, &s, &us, &off, &offus), 0);
}

TEST(DatetimeIsoParse, SeparatorPosition) {
  auto sep = [](const char* s) {
    return dt::find_isoformat_datetime_separator(s, Py_ssize_t(std::strlen(s)));
  };
  EXPECT_EQ(sep("2020-05-17T01"), 10);
  EXPECT_EQ(sep("20200517T01"), 8);
  EXPECT_EQ(sep("2020-W01T01"), 8);
  EXPECT_EQ(sep("2020-W01-1T01"), 10);
  EXPECT_EQ(sep("2020W01T01"), 7);
  EXPECT_EQ(sep("2020W011T01"), 8);
  EXPECT_EQ(sep("2020W01"), 7);
  EXPECT_EQ(sep("2020-W01-"), -1);
}
