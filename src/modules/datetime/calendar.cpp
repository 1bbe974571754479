// calendar.cpp — proleptic Gregorian arithmetic for `_datetime`: ordinals
// (0001-01-01 is day 1), ISO weeks, argument range checks with CPython's
// messages, carry normalization of date/time fields, and the local-time
// solver behind datetime.timestamp()/astimezone() on naive values (PEP 495:
// `fold` picks between the two solutions in a repeated hour).
#include "modules/datetime/datetime_internal.h"

#include <algorithm>

namespace krait::dt {

const char* const kDayNames[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
const char* const kMonthNames[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

namespace {

constexpr int kDaysInMonth[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
constexpr int kDaysBeforeMonth[13] = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
constexpr int kDaysIn4Years = 1461;
constexpr int kDaysIn100Years = 36524;
constexpr int kDaysIn400Years = 146097;

int days_before_year(int year) {
  int y = year - 1;
  return y * 365 + y / 4 - y / 100 + y / 400;
}

}  // namespace

// Python's divmod for y > 0: the quotient is floored, 0 <= *r < y.
int floor_divmod(int x, int y, int* r) {
  int q = x / y;
  *r = x - q * y;
  if (*r < 0) {
    --q;
    *r += y;
  }
  return q;
}

bool is_leap(int year) {
  unsigned y = unsigned(year);
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int days_in_month(int year, int month) {
  if (month == 2 && is_leap(year)) return 29;
  return kDaysInMonth[month];
}

int days_before_month(int year, int month) {
  int days = kDaysBeforeMonth[month];
  if (month > 2 && is_leap(year)) ++days;
  return days;
}

int ymd_to_ord(int year, int month, int day) {
  return days_before_year(year) + days_before_month(year, month) + day;
}

// Works from the 400-year cycle down to the day, as the leap pattern repeats
// every 400 years; the 4th 100-year block and the 4th year of a 4-year block
// are one day longer, which is why n100 == 4 / n1 == 4 mean Dec 31.
void ord_to_ymd(int ordinal, int* year, int* month, int* day) {
  int n = ordinal - 1;
  int n400 = n / kDaysIn400Years;
  n %= kDaysIn400Years;
  *year = n400 * 400 + 1;
  int n100 = n / kDaysIn100Years;
  n %= kDaysIn100Years;
  int n4 = n / kDaysIn4Years;
  n %= kDaysIn4Years;
  int n1 = n / 365;
  n %= 365;
  *year += n100 * 100 + n4 * 4 + n1;
  if (n1 == 4 || n100 == 4) {
    *year -= 1;
    *month = 12;
    *day = 31;
    return;
  }
  bool leap = n1 == 3 && (n4 != 24 || n100 == 3);
  // The month estimate (n + 50) >> 5 is exact or one too large.
  *month = (n + 50) >> 5;
  int preceding = kDaysBeforeMonth[*month] + (*month > 2 && leap);
  if (preceding > n) {
    *month -= 1;
    preceding -= kDaysInMonth[*month] + (*month == 2 && leap);
  }
  *day = n - preceding + 1;
}

int weekday(int year, int month, int day) { return (ymd_to_ord(year, month, day) + 6) % 7; }

// Ordinal of the Monday starting ISO week 1 (the week holding Jan 4th).
int iso_week1_monday(int year) {
  int first_day = ymd_to_ord(year, 1, 1);
  int first_weekday = (first_day + 6) % 7;
  int monday = first_day - first_weekday;
  if (first_weekday > 3) monday += 7;
  return monday;
}

// 0 on success; -4 year, -2 week, -3 weekday out of range.
int iso_to_ymd(int iso_year, int iso_week, int iso_day, int* year, int* month, int* day) {
  if (iso_year < kMinYear || iso_year > kMaxYear) return -4;
  if (iso_week <= 0 || iso_week >= 53) {
    bool out_of_range = true;
    if (iso_week == 53) {
      // Years starting on a Thursday, and leap years starting on a
      // Wednesday, have 53 ISO weeks.
      int first_weekday = (ymd_to_ord(iso_year, 1, 1) + 6) % 7;
      if (first_weekday == 3 || (first_weekday == 2 && is_leap(iso_year))) out_of_range = false;
    }
    if (out_of_range) return -2;
  }
  if (iso_day <= 0 || iso_day >= 8) return -3;
  int day_1 = iso_week1_monday(iso_year);
  ord_to_ymd(day_1 + (iso_week - 1) * 7 + iso_day - 1, year, month, day);
  return 0;
}

int check_date_args(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear) {
    PyErr_Format(PyExc_ValueError, "year %i is out of range", year);
    return -1;
  }
  if (month < 1 || month > 12) {
    PyErr_SetString(PyExc_ValueError, "month must be in 1..12");
    return -1;
  }
  if (day < 1 || day > days_in_month(year, month)) {
    PyErr_SetString(PyExc_ValueError, "day is out of range for month");
    return -1;
  }
  return 0;
}

int check_time_args(int h, int m, int s, int us, int fold) {
  if (h < 0 || h > 23) {
    PyErr_SetString(PyExc_ValueError, "hour must be in 0..23");
    return -1;
  }
  if (m < 0 || m > 59) {
    PyErr_SetString(PyExc_ValueError, "minute must be in 0..59");
    return -1;
  }
  if (s < 0 || s > 59) {
    PyErr_SetString(PyExc_ValueError, "second must be in 0..59");
    return -1;
  }
  if (us < 0 || us > 999999) {
    PyErr_SetString(PyExc_ValueError, "microsecond must be in 0..999999");
    return -1;
  }
  if (fold != 0 && fold != 1) {
    PyErr_SetString(PyExc_ValueError, "fold must be either 0 or 1");
    return -1;
  }
  return 0;
}

int check_delta_day_range(int days) {
  if (-kMaxDeltaDays <= days && days <= kMaxDeltaDays) return 0;
  PyErr_Format(PyExc_OverflowError, "days=%d; must have magnitude <= %d", days, kMaxDeltaDays);
  return -1;
}

// Moves whole multiples of `factor` from *lo into *hi so 0 <= *lo < factor.
void normalize_pair(int* hi, int* lo, int factor) {
  if (*lo < 0 || *lo >= factor) {
    int r;
    int q = floor_divmod(*lo, factor, &r);
    *hi += q;
    *lo = r;
  }
}

// The month is always valid here (it comes from an existing object); only the
// day can be out of its month, by one in the common timezone-shift case.
int normalize_date(int* y, int* m, int* d) {
  int dim = days_in_month(*y, *m);
  if (*d < 1 || *d > dim) {
    if (*d == 0) {
      --*m;
      if (*m > 0) {
        *d = days_in_month(*y, *m);
      } else {
        --*y;
        *m = 12;
        *d = 31;
      }
    } else if (*d == dim + 1) {
      ++*m;
      *d = 1;
      if (*m > 12) {
        *m = 1;
        ++*y;
      }
    } else {
      int ordinal = ymd_to_ord(*y, *m, 1) + *d - 1;
      if (ordinal < 1 || ordinal > kMaxOrdinal) goto error;
      ord_to_ymd(ordinal, y, m, d);
      return 0;
    }
  }
  if (kMinYear <= *y && *y <= kMaxYear) return 0;
error:
  PyErr_SetString(PyExc_OverflowError, "date value out of range");
  return -1;
}

int normalize_datetime(int* year, int* month, int* day, int* hour, int* minute, int* second,
                       int* us) {
  normalize_pair(second, us, 1000000);
  normalize_pair(minute, second, 60);
  normalize_pair(hour, minute, 60);
  normalize_pair(day, hour, 24);
  return normalize_date(year, month, day);
}

long long utc_to_seconds(int year, int month, int day, int hour, int minute, int second) {
  // ymd_to_ord only works for years in range; the local-time solver can
  // probe a day outside it.
  if (year < kMinYear || year > kMaxYear) {
    PyErr_Format(PyExc_ValueError, "year %i is out of range", year);
    return -1;
  }
  long long ordinal = ymd_to_ord(year, month, day);
  return ((ordinal * 24 + hour) * 60 + minute) * 60 + second;
}

// Local wall-clock seconds (since 0001-01-01) for u UTC seconds (same scale).
long long local_seconds(long long u) {
  u -= kEpochSeconds;
  time_t t = time_t(u);
  if (t != u) {
    PyErr_SetString(PyExc_OverflowError, "timestamp out of range for platform time_t");
    return -1;
  }
  struct tm tm;
  if (_PyTime_localtime(t, &tm) != 0) return -1;
  return utc_to_seconds(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                        tm.tm_sec);
}

// Solves local(u) == t for u. With two solutions (a fold) `fold` picks the
// later one; with none (a gap) it picks the side, as PEP 495 specifies.
long long local_to_seconds(int year, int month, int day, int hour, int minute, int second,
                           int fold) {
  long long t = utc_to_seconds(year, month, day, hour, minute, second);
  if (t == -1 && PyErr_Occurred()) return -1;
  long long lt = local_seconds(t);
  if (lt == -1) return -1;
  long long a = lt - t;
  long long u1 = t - a;
  long long t1 = local_seconds(u1);
  if (t1 == -1) return -1;
  long long b;
  if (t1 == t) {
    // One solution; look for an earlier (fold=0) or later (fold=1) one.
    long long u2 = fold ? u1 + kMaxFoldSeconds : u1 - kMaxFoldSeconds;
    lt = local_seconds(u2);
    if (lt == -1) return -1;
    b = lt - u2;
    if (a == b) return u1;
  } else {
    b = t1 - u1;
  }
  long long u2 = t - b;
  long long t2 = local_seconds(u2);
  if (t2 == -1) return -1;
  if (t2 == t) return u2;
  if (t1 == t) return u1;
  // Neither t - a nor t - b solves it: t is in a gap.
  return fold ? std::min(u1, u2) : std::max(u1, u2);
}

void set_ymd(PyObject* o, int y, int m, int d) {
  auto* p = reinterpret_cast<PyDateTime_Date*>(o);
  p->data[0] = static_cast<unsigned char>((y & 0xff00) >> 8);
  p->data[1] = static_cast<unsigned char>(y & 0xff);
  p->data[2] = static_cast<unsigned char>(m);
  p->data[3] = static_cast<unsigned char>(d);
}

void set_dt_hms(PyObject* o, int h, int mi, int s, int us) {
  auto* p = reinterpret_cast<PyDateTime_DateTime*>(o);
  p->data[4] = static_cast<unsigned char>(h);
  p->data[5] = static_cast<unsigned char>(mi);
  p->data[6] = static_cast<unsigned char>(s);
  p->data[7] = static_cast<unsigned char>((us & 0xff0000) >> 16);
  p->data[8] = static_cast<unsigned char>((us & 0xff00) >> 8);
  p->data[9] = static_cast<unsigned char>(us & 0xff);
}

void set_t_hms(PyObject* o, int h, int mi, int s, int us) {
  auto* p = reinterpret_cast<PyDateTime_Time*>(o);
  p->data[0] = static_cast<unsigned char>(h);
  p->data[1] = static_cast<unsigned char>(mi);
  p->data[2] = static_cast<unsigned char>(s);
  p->data[3] = static_cast<unsigned char>((us & 0xff0000) >> 16);
  p->data[4] = static_cast<unsigned char>((us & 0xff00) >> 8);
  p->data[5] = static_cast<unsigned char>(us & 0xff);
}

}  // namespace krait::dt
