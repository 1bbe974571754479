// isoparse.cpp — the ISO 8601 parsers behind date/time/datetime
// .fromisoformat(), with Python 3.11's extended grammar: basic and extended
// dates (YYYY-MM-DD, YYYYMMDD), ISO week dates (YYYY-Www[-D], YYYYWww[D]),
// times with optional separators, ',' or '.' fractions of any length
// (truncated to microseconds), and 'Z' or +/-HH[:MM[:SS[.ffffff]]] offsets.
//
// The input is NUL-terminated UTF-8, and like CPython's parser these read
// up to the terminator when a field runs short, then fail.
#include "modules/datetime/datetime_internal.h"

namespace krait::dt {

namespace {

bool is_digit(char c) { return unsigned(c - '0') < 10; }

// Reads exactly n digits into *var (accumulating); nullptr on a non-digit.
const char* parse_digits(const char* p, int* var, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    unsigned tmp = unsigned(*p++ - '0');
    if (tmp > 9) return nullptr;
    *var = *var * 10 + int(tmp);
  }
  return p;
}

// [HH[:?MM[:?SS[{.,}fff...]]]] up to end. 0: parsed to the end; 1: stopped
// before the end; -3: bad digits; -4: bad separator.
int parse_hh_mm_ss_ff(const char* p, const char* end, int* hour, int* minute, int* second,
                      int* us) {
  *hour = *minute = *second = *us = 0;
  int* vals[3] = {hour, minute, second};
  bool has_separator = true;
  for (int i = 0; i < 3; ++i) {
    p = parse_digits(p, vals[i], 2);
    if (p == nullptr) return -3;
    char c = *p++;
    if (i == 0) has_separator = c == ':';
    if (p >= end) return c != '\0';
    if (has_separator && c == ':') continue;
    if (c == '.' || c == ',') break;
    if (!has_separator) {
      --p;
    } else {
      return -4;
    }
  }
  // The fraction: up to six digits count, more are dropped.
  size_t len_remains = size_t(end - p);
  size_t to_parse = len_remains >= 6 ? 6 : len_remains;
  p = parse_digits(p, us, to_parse);
  if (p == nullptr) return -3;
  static const int correction[] = {100000, 10000, 1000, 100, 10};
  if (to_parse < 6 && to_parse > 0) *us *= correction[to_parse - 1];
  while (is_digit(*p)) ++p;
  return *p != '\0';
}

}  // namespace

// 0 on success; -1 bad field, -2 inconsistent separators, -3/-4 bad ISO week
// or weekday (or out of range).
int parse_isoformat_date(const char* dtstr, size_t len, int* year, int* month, int* day) {
  const char* p = parse_digits(dtstr, year, 4);
  if (p == nullptr) return -1;
  bool uses_separator = *p == '-';
  if (uses_separator) ++p;
  if (*p == 'W') {
    ++p;
    int iso_week = 0, iso_day = 0;
    p = parse_digits(p, &iso_week, 2);
    if (p == nullptr) return -3;
    if (size_t(p - dtstr) < len) {
      if (uses_separator && *(p++) != '-') return -2;
      p = parse_digits(p, &iso_day, 1);
      if (p == nullptr) return -4;
    } else {
      iso_day = 1;
    }
    int rv = iso_to_ymd(*year, iso_week, iso_day, year, month, day);
    return rv ? -3 + rv : 0;
  }
  p = parse_digits(p, month, 2);
  if (p == nullptr) return -1;
  if (uses_separator && *(p++) != '-') return -2;
  p = parse_digits(p, day, 2);
  if (p == nullptr) return -1;
  return 0;
}

// 0: success without offset; 1: with offset; negative: malformed.
int parse_isoformat_time(const char* dtstr, size_t dtlen, int* hour, int* minute, int* second,
                         int* us, int* tzoffset, int* tzus) {
  const char* p_end = dtstr + dtlen;
  const char* tzinfo_pos = dtstr;
  while (tzinfo_pos < p_end) {
    if (*tzinfo_pos == 'Z' || *tzinfo_pos == '+' || *tzinfo_pos == '-') break;
    ++tzinfo_pos;
  }
  if (dtlen == 0) tzinfo_pos = p_end;
  int rv = parse_hh_mm_ss_ff(dtstr, tzinfo_pos, hour, minute, second, us);
  if (rv < 0) return rv;
  if (tzinfo_pos == p_end) {
    // No offset: anything left over is an error.
    return rv == 1 ? -5 : 0;
  }
  if (*tzinfo_pos == 'Z') {
    *tzoffset = 0;
    *tzus = 0;
    return *(tzinfo_pos + 1) != '\0' ? -5 : 1;
  }
  int tzsign = *tzinfo_pos == '-' ? -1 : 1;
  ++tzinfo_pos;
  int tzhour = 0, tzminute = 0, tzsecond = 0;
  rv = parse_hh_mm_ss_ff(tzinfo_pos, p_end, &tzhour, &tzminute, &tzsecond, tzus);
  *tzoffset = tzsign * (tzhour * 3600 + tzminute * 60 + tzsecond);
  *tzus *= tzsign;
  return rv ? -5 : 1;
}

// Where the date part of a datetime string ends. Characters 4 and 5 tell the
// date format apart; for YYYYWww[d] the run of digits decides, and
// "YYYY-Www-##" is taken as a '-' separator at 8.
Py_ssize_t find_isoformat_datetime_separator(const char* s, Py_ssize_t len) {
  auto at = [&](Py_ssize_t i) { return i < len ? s[i] : '\0'; };
  if (len == 7) return 7;
  if (at(4) == '-') {
    if (at(5) == 'W') {
      if (len < 8) return -1;
      if (len > 8 && at(8) == '-') {
        if (len == 9) return -1;
        if (len > 10 && is_digit(at(10))) return 8;
        return 10;
      }
      return 8;
    }
    return 10;
  }
  if (at(4) == 'W') {
    Py_ssize_t idx = 7;
    for (; idx < len; ++idx) {
      if (!is_digit(s[idx])) break;
    }
    if (idx < 9) return idx;
    return idx % 2 == 0 ? 7 : 8;
  }
  return 8;
}

PyObject* tzinfo_from_isoformat_results(int rv, int tzoffset, int tzus) {
  if (rv != 1) Py_RETURN_NONE;
  if (tzoffset == 0) return Py_NewRef(utc_timezone);
  Ref<> delta = steal(new_delta(0, tzoffset, tzus, 1));
  if (!delta) return nullptr;
  return new_timezone(delta.get(), nullptr);
}

}  // namespace krait::dt
