/* The private time API (cpython/pytime.h) as _queue/_lsprof/_ssl use it:
 * conversions with each rounding mode, overflow/NaN errors, clocks, deadlines. */
#include "capi_check.h"
#include <math.h>

int main(void) {
  Py_Initialize();
  _PyTime_t t;
  PyObject* f = PyFloat_FromDouble(1.5);
  CHECK(_PyTime_FromSecondsObject(&t, f, _PyTime_ROUND_FLOOR) == 0 && t == 1500000000);
  Py_DECREF(f);
  PyObject* i = PyLong_FromLong(3);
  CHECK(_PyTime_FromSecondsObject(&t, i, _PyTime_ROUND_FLOOR) == 0 && t == 3000000000LL);
  CHECK(_PyTime_FromNanosecondsObject(&t, i) == 0 && t == 3);
  Py_DECREF(i);
  f = PyFloat_FromDouble(1e-10);  /* 0.1 ns */
  CHECK(_PyTime_FromSecondsObject(&t, f, _PyTime_ROUND_CEILING) == 0 && t == 1);
  CHECK(_PyTime_FromSecondsObject(&t, f, _PyTime_ROUND_FLOOR) == 0 && t == 0);
  Py_DECREF(f);
  f = PyFloat_FromDouble(NAN);
  CHECK(_PyTime_FromSecondsObject(&t, f, _PyTime_ROUND_FLOOR) == -1);
  CHECK_ERROR(PyExc_ValueError, "Invalid value NaN (not a number)");
  Py_DECREF(f);
  f = PyFloat_FromDouble(1e300);
  CHECK(_PyTime_FromSecondsObject(&t, f, _PyTime_ROUND_FLOOR) == -1);
  CHECK_ERROR(PyExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
  Py_DECREF(f);
  PyObject* s = PyUnicode_FromString("x");
  CHECK(_PyTime_FromNanosecondsObject(&t, s) == -1);
  CHECK_ERROR(PyExc_TypeError, "expect int, got str");
  Py_DECREF(s);

  CHECK(_PyTime_AsMilliseconds(1500000, _PyTime_ROUND_HALF_EVEN) == 2);
  CHECK(_PyTime_AsMilliseconds(2500000, _PyTime_ROUND_HALF_EVEN) == 2);
  CHECK(_PyTime_AsMilliseconds(-1500000, _PyTime_ROUND_HALF_EVEN) == -2);
  CHECK(_PyTime_AsMicroseconds(1001, _PyTime_ROUND_CEILING) == 2);
  CHECK(_PyTime_AsMicroseconds(-1001, _PyTime_ROUND_CEILING) == -1);
  CHECK(_PyTime_AsMicroseconds(-1001, _PyTime_ROUND_FLOOR) == -2);
  CHECK(_PyTime_AsMicroseconds(-1001, _PyTime_ROUND_UP) == -2);
  CHECK(_PyTime_AsSecondsDouble(2500000000LL) == 2.5);
  CHECK(_PyTime_FromSeconds(7) == 7000000000LL);

  struct timeval tv;
  CHECK(_PyTime_AsTimeval(-1, &tv, _PyTime_ROUND_FLOOR) == 0 && tv.tv_sec == -1 && tv.tv_usec == 999999);
  struct timespec ts;
  CHECK(_PyTime_AsTimespec(1234567890123LL, &ts) == 0 && ts.tv_sec == 1234 && ts.tv_nsec == 567890123);

  time_t sec;
  long usec;
  f = PyFloat_FromDouble(-1.25);
  CHECK(_PyTime_ObjectToTimeval(f, &sec, &usec, _PyTime_ROUND_FLOOR) == 0 && sec == -2 && usec == 750000);
  CHECK(_PyTime_ObjectToTime_t(f, &sec, _PyTime_ROUND_CEILING) == 0 && sec == -1);
  Py_DECREF(f);

  _PyTime_t a = _PyTime_GetMonotonicClock();
  _PyTime_t b = _PyTime_GetPerfCounter();
  CHECK(a > 0 && b >= a - 1000000000LL);
  _PyTime_t deadline = _PyDeadline_Init(_PyTime_FromSeconds(10));
  _PyTime_t left = _PyDeadline_Get(deadline);
  CHECK(left > 9000000000LL && left <= 10000000000LL);
  CHECK(_PyTime_Add(LLONG_MAX, 5) == LLONG_MAX);
  PyObject* ns = _PyTime_AsNanosecondsObject(42);
  CHECK(ns != NULL && PyLong_AsLong(ns) == 42);
  Py_XDECREF(ns);
  CAPI_TEST_END();
}
