// CPython's private time API (cpython/pytime.h): _PyTime_t timestamps in
// nanoseconds, conversions from Python numbers and to C structs with explicit
// rounding, the clocks, and the deadlines _queue and _ssl wait on.
//
// Extension binaries (_lsprof, _queue, _ssl, select-like code) call these, so
// the rounding modes and overflow errors follow CPython's pytime.c.
#include <Python.h>

#include <cerrno>
#include <climits>
#include <cmath>
#include <ctime>
#include <limits>
#include <sys/time.h>

namespace {

constexpr _PyTime_t kNsPerSec = 1000000000;
constexpr _PyTime_t kTimeMin = LLONG_MIN;
constexpr _PyTime_t kTimeMax = LLONG_MAX;

void time_overflow() {
  PyErr_SetString(PyExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
}

void time_t_overflow() {
  PyErr_SetString(PyExc_OverflowError, "timestamp out of range for platform time_t");
}

// Rounds a double to an integral value according to `round`.
double round_double(double x, _PyTime_round_t round) {
  switch (round) {
    case _PyTime_ROUND_HALF_EVEN: {
      double r = std::round(x);  // halves away from zero
      if (std::fabs(x - std::trunc(x)) == 0.5) r = 2.0 * std::round(x / 2.0);
      return r;
    }
    case _PyTime_ROUND_CEILING: return std::ceil(x);
    case _PyTime_ROUND_FLOOR: return std::floor(x);
    case _PyTime_ROUND_UP: return x >= 0 ? std::ceil(x) : std::floor(x);
  }
  return x;
}

// t / k rounded according to `round` (k > 0).
_PyTime_t divide(_PyTime_t t, _PyTime_t k, _PyTime_round_t round) {
  switch (round) {
    case _PyTime_ROUND_HALF_EVEN: {
      _PyTime_t x = t / k;
      _PyTime_t r = t % k;
      _PyTime_t abs_r = r < 0 ? -r : r;
      if (abs_r > k / 2 || (abs_r == k / 2 && (x & 1))) x += t >= 0 ? 1 : -1;
      return x;
    }
    case _PyTime_ROUND_CEILING:
      return t >= 0 ? (t / k + (t % k != 0)) : t / k;
    case _PyTime_ROUND_FLOOR:
      return t >= 0 ? t / k : (t / k - (t % k != 0));
    case _PyTime_ROUND_UP:
      return t >= 0 ? (t / k + (t % k != 0)) : (t / k - (t % k != 0));
  }
  return t / k;
}

// seconds (double) * unit -> _PyTime_t with rounding and range check.
int from_double(_PyTime_t* t, double value, _PyTime_round_t round, _PyTime_t unit) {
  double d = round_double(value * double(unit), round);
  if (!(double(kTimeMin) <= d && d < -double(kTimeMin))) {
    time_overflow();
    return -1;
  }
  *t = _PyTime_t(d);
  return 0;
}

int from_object(_PyTime_t* t, PyObject* obj, _PyTime_round_t round, _PyTime_t unit) {
  if (PyFloat_Check(obj)) {
    double d = PyFloat_AsDouble(obj);
    if (std::isnan(d)) {
      PyErr_SetString(PyExc_ValueError, "Invalid value NaN (not a number)");
      return -1;
    }
    return from_double(t, d, round, unit);
  }
  long long sec = PyLong_AsLongLong(obj);
  if (sec == -1 && PyErr_Occurred()) {
    if (PyErr_ExceptionMatches(PyExc_OverflowError)) time_overflow();
    return -1;
  }
  if (__builtin_mul_overflow(sec, unit, t)) {
    time_overflow();
    return -1;
  }
  return 0;
}

// Splits a float number of seconds into whole seconds and a fraction in units
// of 1/denominator, rounding the fraction.
int double_to_denominator(double d, time_t* sec, long* numerator, long denominator,
                          _PyTime_round_t round) {
  double intpart;
  double floatpart = std::modf(d, &intpart);
  floatpart = round_double(floatpart * double(denominator), round);
  if (floatpart >= double(denominator)) {
    floatpart -= double(denominator);
    intpart += 1.0;
  } else if (floatpart < 0) {
    floatpart += double(denominator);
    intpart -= 1.0;
  }
  if (!(double(std::numeric_limits<time_t>::min()) <= intpart &&
        intpart < -double(std::numeric_limits<time_t>::min()))) {
    time_t_overflow();
    return -1;
  }
  *sec = time_t(intpart);
  *numerator = long(floatpart);
  return 0;
}

int object_to_denominator(PyObject* obj, time_t* sec, long* numerator, long denominator,
                          _PyTime_round_t round) {
  if (PyFloat_Check(obj)) {
    double d = PyFloat_AsDouble(obj);
    if (std::isnan(d)) {
      *numerator = 0;
      PyErr_SetString(PyExc_ValueError, "Invalid value NaN (not a number)");
      return -1;
    }
    return double_to_denominator(d, sec, numerator, denominator, round);
  }
  *sec = _PyLong_AsTime_t(obj);
  *numerator = 0;
  if (*sec == time_t(-1) && PyErr_Occurred()) return -1;
  return 0;
}

// t (ns) -> whole seconds and a fraction in 1/`per_sec` units, rounded.
int as_sec_frac(_PyTime_t t, time_t* sec, long* frac, _PyTime_t per_sec, _PyTime_round_t round) {
  _PyTime_t units = divide(t, kNsPerSec / per_sec, round);
  _PyTime_t s = units / per_sec;
  _PyTime_t f = units % per_sec;
  if (f < 0) {
    f += per_sec;
    s -= 1;
  }
  *sec = time_t(s);
  *frac = long(f);
  return 0;
}

_PyTime_t clock_ns(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return _PyTime_t(ts.tv_sec) * kNsPerSec + ts.tv_nsec;
}

int clock_with_info(clockid_t id, const char* name, int monotonic, int adjustable, _PyTime_t* t,
                    _Py_clock_info_t* info) {
  struct timespec ts;
  if (clock_gettime(id, &ts) != 0) {
    PyErr_SetFromErrno(PyExc_OSError);
    return -1;
  }
  *t = _PyTime_t(ts.tv_sec) * kNsPerSec + ts.tv_nsec;
  if (info != nullptr) {
    struct timespec res;
    info->implementation = name;
    info->monotonic = monotonic;
    info->adjustable = adjustable;
    info->resolution = clock_getres(id, &res) == 0 ? double(res.tv_sec) + res.tv_nsec * 1e-9 : 1e-9;
  }
  return 0;
}

}  // namespace

extern "C" {

PyObject* _PyLong_FromTime_t(time_t sec) { return PyLong_FromLongLong(sec); }

time_t _PyLong_AsTime_t(PyObject* obj) {
  long long v = PyLong_AsLongLong(obj);
  if (v == -1 && PyErr_Occurred()) {
    if (PyErr_ExceptionMatches(PyExc_OverflowError)) time_t_overflow();
    return time_t(-1);
  }
  return time_t(v);
}

int _PyTime_ObjectToTime_t(PyObject* obj, time_t* sec, _PyTime_round_t round) {
  if (PyFloat_Check(obj)) {
    double d = PyFloat_AsDouble(obj);
    if (std::isnan(d)) {
      PyErr_SetString(PyExc_ValueError, "Invalid value NaN (not a number)");
      return -1;
    }
    d = round_double(d, round);
    if (!(double(std::numeric_limits<time_t>::min()) <= d &&
          d < -double(std::numeric_limits<time_t>::min()))) {
      time_t_overflow();
      return -1;
    }
    *sec = time_t(d);
    return 0;
  }
  *sec = _PyLong_AsTime_t(obj);
  return *sec == time_t(-1) && PyErr_Occurred() ? -1 : 0;
}

int _PyTime_ObjectToTimeval(PyObject* obj, time_t* sec, long* usec, _PyTime_round_t round) {
  return object_to_denominator(obj, sec, usec, 1000000, round);
}

int _PyTime_ObjectToTimespec(PyObject* obj, time_t* sec, long* nsec, _PyTime_round_t round) {
  return object_to_denominator(obj, sec, nsec, 1000000000, round);
}

_PyTime_t _PyTime_FromSeconds(int seconds) { return _PyTime_t(seconds) * kNsPerSec; }
_PyTime_t _PyTime_FromNanoseconds(_PyTime_t ns) { return ns; }

int _PyTime_FromNanosecondsObject(_PyTime_t* t, PyObject* obj) {
  if (!PyLong_Check(obj)) {
    PyErr_Format(PyExc_TypeError, "expect int, got %s", Py_TYPE(obj)->tp_name);
    return -1;
  }
  long long ns = PyLong_AsLongLong(obj);
  if (ns == -1 && PyErr_Occurred()) {
    if (PyErr_ExceptionMatches(PyExc_OverflowError)) time_overflow();
    return -1;
  }
  *t = ns;
  return 0;
}

int _PyTime_FromSecondsObject(_PyTime_t* t, PyObject* obj, _PyTime_round_t round) {
  return from_object(t, obj, round, kNsPerSec);
}

int _PyTime_FromMillisecondsObject(_PyTime_t* t, PyObject* obj, _PyTime_round_t round) {
  return from_object(t, obj, round, 1000000);
}

double _PyTime_AsSecondsDouble(_PyTime_t t) {
  // Dividing exact multiples as integers avoids a rounding error.
  if (t % kNsPerSec == 0) return double(t / kNsPerSec);
  return double(t) / 1e9;
}

_PyTime_t _PyTime_AsMilliseconds(_PyTime_t t, _PyTime_round_t round) {
  return divide(t, 1000000, round);
}
_PyTime_t _PyTime_AsMicroseconds(_PyTime_t t, _PyTime_round_t round) {
  return divide(t, 1000, round);
}
_PyTime_t _PyTime_AsNanoseconds(_PyTime_t t) { return t; }
PyObject* _PyTime_AsNanosecondsObject(_PyTime_t t) { return PyLong_FromLongLong(t); }

int _PyTime_FromTimeval(_PyTime_t* tp, struct timeval* tv) {
  _PyTime_t t;
  if (__builtin_mul_overflow(_PyTime_t(tv->tv_sec), kNsPerSec, &t) ||
      __builtin_add_overflow(t, _PyTime_t(tv->tv_usec) * 1000, &t)) {
    time_overflow();
    return -1;
  }
  *tp = t;
  return 0;
}

int _PyTime_AsTimeval(_PyTime_t t, struct timeval* tv, _PyTime_round_t round) {
  time_t sec;
  long usec;
  as_sec_frac(t, &sec, &usec, 1000000, round);
  tv->tv_sec = sec;
  tv->tv_usec = usec;
  return 0;
}

void _PyTime_AsTimeval_clamp(_PyTime_t t, struct timeval* tv, _PyTime_round_t round) {
  _PyTime_AsTimeval(t, tv, round);
}

int _PyTime_AsTimevalTime_t(_PyTime_t t, time_t* secs, int* us, _PyTime_round_t round) {
  long usec;
  as_sec_frac(t, secs, &usec, 1000000, round);
  *us = int(usec);
  return 0;
}

int _PyTime_FromTimespec(_PyTime_t* tp, struct timespec* ts) {
  _PyTime_t t;
  if (__builtin_mul_overflow(_PyTime_t(ts->tv_sec), kNsPerSec, &t) ||
      __builtin_add_overflow(t, _PyTime_t(ts->tv_nsec), &t)) {
    time_overflow();
    return -1;
  }
  *tp = t;
  return 0;
}

int _PyTime_AsTimespec(_PyTime_t t, struct timespec* ts) {
  time_t sec;
  long nsec;
  as_sec_frac(t, &sec, &nsec, kNsPerSec, _PyTime_ROUND_FLOOR);
  ts->tv_sec = sec;
  ts->tv_nsec = nsec;
  return 0;
}

void _PyTime_AsTimespec_clamp(_PyTime_t t, struct timespec* ts) { _PyTime_AsTimespec(t, ts); }

_PyTime_t _PyTime_Add(_PyTime_t t1, _PyTime_t t2) {
  _PyTime_t r;
  if (__builtin_add_overflow(t1, t2, &r)) return t2 > 0 ? kTimeMax : kTimeMin;
  return r;
}

_PyTime_t _PyTime_MulDiv(_PyTime_t ticks, _PyTime_t mul, _PyTime_t div) {
  // Splits ticks to keep the intermediate product in range, as CPython does.
  _PyTime_t intpart = ticks / div;
  _PyTime_t rem = ticks % div;
  return intpart * mul + rem * mul / div;
}

_PyTime_t _PyTime_GetSystemClock(void) { return clock_ns(CLOCK_REALTIME); }
int _PyTime_GetSystemClockWithInfo(_PyTime_t* t, _Py_clock_info_t* info) {
  return clock_with_info(CLOCK_REALTIME, "clock_gettime(CLOCK_REALTIME)", 0, 1, t, info);
}
_PyTime_t _PyTime_GetMonotonicClock(void) { return clock_ns(CLOCK_MONOTONIC); }
int _PyTime_GetMonotonicClockWithInfo(_PyTime_t* t, _Py_clock_info_t* info) {
  return clock_with_info(CLOCK_MONOTONIC, "clock_gettime(CLOCK_MONOTONIC)", 1, 0, t, info);
}
_PyTime_t _PyTime_GetPerfCounter(void) { return clock_ns(CLOCK_MONOTONIC); }
int _PyTime_GetPerfCounterWithInfo(_PyTime_t* t, _Py_clock_info_t* info) {
  return _PyTime_GetMonotonicClockWithInfo(t, info);
}

int _PyTime_localtime(time_t t, struct tm* tm) {
  errno = 0;
  if (localtime_r(&t, tm) == nullptr) {
    if (errno == 0) errno = EINVAL;
    PyErr_SetFromErrno(PyExc_OSError);
    return -1;
  }
  return 0;
}

int _PyTime_gmtime(time_t t, struct tm* tm) {
  if (gmtime_r(&t, tm) == nullptr) {
    if (errno == 0) errno = EINVAL;
    PyErr_SetFromErrno(PyExc_OSError);
    return -1;
  }
  return 0;
}

_PyTime_t _PyDeadline_Init(_PyTime_t timeout) {
  return _PyTime_Add(_PyTime_GetMonotonicClock(), timeout);
}

_PyTime_t _PyDeadline_Get(_PyTime_t deadline) {
  return deadline - _PyTime_GetMonotonicClock();
}

}  // extern "C"
