// time_module.cpp — the `time` module: clocks (time, monotonic, perf_counter,
// process_time, thread_time and their _ns forms, clock_gettime), sleep,
// struct_time with gmtime/localtime/mktime/asctime/ctime/strftime, strptime
// (delegated to _strptime as CPython does), the timezone globals and
// get_clock_info. Float seconds come from integer nanoseconds exactly as
// CPython's _PyTime_AsSecondsDouble, so printed values match.
#include <Python.h>
#include <errno.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include <string>

#include "support/ref.h"

using krait::borrow;
using krait::Ref;
using krait::steal;

extern "C" PyObject* _PyNamespace_New(PyObject* kwds);

namespace {

PyTypeObject* g_struct_time = nullptr;

long long clock_ns(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

PyObject* ns_to_float(long long ns) {
  double d;
  if (ns % 1000000000LL == 0)
    d = static_cast<double>(ns / 1000000000LL);
  else
    d = static_cast<double>(ns) / 1e9;
  return PyFloat_FromDouble(d);
}

#define CLOCK_FUNCS(NAME, ID)                                                              \
  PyObject* time_##NAME(PyObject*, PyObject*) { return ns_to_float(clock_ns(ID)); }        \
  PyObject* time_##NAME##_ns(PyObject*, PyObject*) { return PyLong_FromLongLong(clock_ns(ID)); }
CLOCK_FUNCS(time, CLOCK_REALTIME)
CLOCK_FUNCS(monotonic, CLOCK_MONOTONIC)
CLOCK_FUNCS(perf_counter, CLOCK_MONOTONIC)
CLOCK_FUNCS(process_time, CLOCK_PROCESS_CPUTIME_ID)
CLOCK_FUNCS(thread_time, CLOCK_THREAD_CPUTIME_ID)

int clockid_arg(PyObject* o, clockid_t* id) {
  int v = _PyLong_AsInt(o);
  if (v == -1 && PyErr_Occurred()) return -1;
  *id = v;
  return 0;
}

PyObject* time_clock_gettime(PyObject*, PyObject* arg) {
  clockid_t id;
  if (clockid_arg(arg, &id) < 0) return nullptr;
  struct timespec ts;
  if (clock_gettime(id, &ts) != 0) return PyErr_SetFromErrno(PyExc_OSError);
  return PyFloat_FromDouble(ts.tv_sec + ts.tv_nsec * 1e-9);
}

PyObject* time_clock_gettime_ns(PyObject*, PyObject* arg) {
  clockid_t id;
  if (clockid_arg(arg, &id) < 0) return nullptr;
  struct timespec ts;
  if (clock_gettime(id, &ts) != 0) return PyErr_SetFromErrno(PyExc_OSError);
  return PyLong_FromLongLong(static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec);
}

PyObject* time_clock_getres(PyObject*, PyObject* arg) {
  clockid_t id;
  if (clockid_arg(arg, &id) < 0) return nullptr;
  struct timespec ts;
  if (clock_getres(id, &ts) != 0) return PyErr_SetFromErrno(PyExc_OSError);
  return PyFloat_FromDouble(ts.tv_sec + ts.tv_nsec * 1e-9);
}

// Seconds object (int or float) -> nanoseconds, rounding as `round_ceiling`
// says (sleep rounds up, CPython's _PyTime_ROUND_TIMEOUT).
int seconds_to_ns(PyObject* o, long long* out) {
  if (PyFloat_Check(o)) {
    double d = PyFloat_AsDouble(o);
    if (isnan(d)) {
      PyErr_SetString(PyExc_ValueError, "Invalid value NaN (not a number)");
      return -1;
    }
    d = ceil(d * 1e9);
    if (!(d >= -9.2e18 && d < 9.2e18)) {
      PyErr_SetString(PyExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
      return -1;
    }
    *out = static_cast<long long>(d);
    return 0;
  }
  long long v = PyLong_AsLongLong(o);
  if (v == -1 && PyErr_Occurred()) {
    if (PyErr_ExceptionMatches(PyExc_OverflowError))
      PyErr_SetString(PyExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
    return -1;
  }
  if (v > 9223372036LL || v < -9223372036LL) {
    PyErr_SetString(PyExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
    return -1;
  }
  *out = v * 1000000000LL;
  return 0;
}

PyObject* time_sleep(PyObject*, PyObject* arg) {
  long long ns;
  if (seconds_to_ns(arg, &ns) < 0) return nullptr;
  if (ns < 0) {
    PyErr_SetString(PyExc_ValueError, "sleep length must be non-negative");
    return nullptr;
  }
  long long deadline = clock_ns(CLOCK_MONOTONIC) + ns;
  for (;;) {
    struct timespec ts = {static_cast<time_t>(deadline / 1000000000LL),
                          static_cast<long>(deadline % 1000000000LL)};
    int r;
    Py_BEGIN_ALLOW_THREADS
    r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr);
    Py_END_ALLOW_THREADS
    if (r == 0) break;
    if (r != EINTR) {
      errno = r;
      return PyErr_SetFromErrno(PyExc_OSError);
    }
    // PEP 475: run the signal handlers, then sleep for the rest of the time.
    if (PyErr_CheckSignals()) return nullptr;
  }
  Py_RETURN_NONE;
}

// Seconds (int/float/None) -> time_t, flooring, as _PyTime_ObjectToTime_t.
int object_to_time_t(PyObject* o, time_t* out) {
  if (o == Py_None || o == nullptr) {
    *out = time(nullptr);
    return 0;
  }
  if (PyFloat_Check(o)) {
    double d = PyFloat_AsDouble(o);
    if (isnan(d)) {
      PyErr_SetString(PyExc_ValueError, "Invalid value NaN (not a number)");
      return -1;
    }
    d = floor(d);
    if (!(d >= -9.2e18 && d < 9.2e18)) {
      PyErr_SetString(PyExc_OverflowError, "timestamp out of range for platform time_t");
      return -1;
    }
    *out = static_cast<time_t>(d);
    return 0;
  }
  long long v = PyLong_AsLongLong(o);
  if (v == -1 && PyErr_Occurred()) {
    if (PyErr_ExceptionMatches(PyExc_OverflowError))
      PyErr_SetString(PyExc_OverflowError, "timestamp out of range for platform time_t");
    return -1;
  }
  *out = static_cast<time_t>(v);
  return 0;
}

PyObject* tm_to_struct_time(const struct tm& t) {
  Ref<> v = steal(PyStructSequence_New(g_struct_time));
  if (!v) return nullptr;
  long vals[9] = {t.tm_year + 1900L, t.tm_mon + 1L, t.tm_mday, t.tm_hour, t.tm_min,
                  t.tm_sec, (t.tm_wday + 6L) % 7, t.tm_yday + 1L, t.tm_isdst};
  for (int i = 0; i < 9; i++) {
    PyObject* x = PyLong_FromLong(vals[i]);
    if (!x) return nullptr;
    PyStructSequence_SET_ITEM(v.get(), i, x);
  }
  PyObject* zone = t.tm_zone ? PyUnicode_DecodeLocale(t.tm_zone, "surrogateescape")
                             : Py_NewRef(Py_None);
  PyObject* off = PyLong_FromLong(t.tm_gmtoff);
  if (!zone || !off) {
    Py_XDECREF(zone);
    Py_XDECREF(off);
    return nullptr;
  }
  PyStructSequence_SET_ITEM(v.get(), 9, zone);
  PyStructSequence_SET_ITEM(v.get(), 10, off);
  return v.release();
}

PyObject* time_convert(PyObject* const* args, Py_ssize_t nargs, const char* fmt, bool local) {
  PyObject* secs = Py_None;
  if (!_PyArg_ParseStack(args, nargs, fmt, &secs)) return nullptr;
  time_t t;
  if (object_to_time_t(secs, &t) < 0) return nullptr;
  struct tm buf;
  // A failing localtime_r/gmtime_r (EOVERFLOW for huge years) is an OSError.
  if ((local ? _PyTime_localtime(t, &buf) : _PyTime_gmtime(t, &buf)) != 0) return nullptr;
  return tm_to_struct_time(buf);
}

PyObject* time_gmtime(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  return time_convert(args, nargs, "|O:gmtime", false);
}

PyObject* time_localtime(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  return time_convert(args, nargs, "|O:localtime", true);
}

// struct_time or 9-tuple -> struct tm (CPython's gettmarg). `zone` keeps
// tm_zone's bytes alive.
int gettmarg(PyObject* args, struct tm* p, const char* fname, Ref<>& zone) {
  memset(p, 0, sizeof(*p));
  if (!PyTuple_Check(args)) {
    PyErr_SetString(PyExc_TypeError, "Tuple or struct_time argument required");
    return -1;
  }
  if (PyTuple_GET_SIZE(args) != 9) {
    PyErr_Format(PyExc_TypeError, "%s(): illegal time tuple argument", fname);
    return -1;
  }
  long v[9];
  for (int i = 0; i < 9; i++) {
    v[i] = PyLong_AsLong(PyTuple_GET_ITEM(args, i));
    if (v[i] == -1 && PyErr_Occurred()) return -1;
    if (v[i] > INT_MAX || v[i] < INT_MIN) {
      PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
      return -1;
    }
  }
  if (v[0] < INT_MIN + 1900) {
    PyErr_SetString(PyExc_OverflowError, "year out of range");
    return -1;
  }
  p->tm_year = v[0] - 1900;
  p->tm_mon = v[1] - 1;
  p->tm_mday = v[2];
  p->tm_hour = v[3];
  p->tm_min = v[4];
  p->tm_sec = v[5];
  // A negative weekday is rejected later, by the callers that use it
  // (strftime, asctime); mktime ignores it (-1 is the usual "unknown").
  p->tm_wday = (v[6] + 1) % 7;
  p->tm_yday = v[7] - 1;
  p->tm_isdst = v[8];
  if (Py_IS_TYPE(args, g_struct_time)) {
    PyObject* item = PyStructSequence_GET_ITEM(args, 9);
    if (item != Py_None) {
      zone = steal(PyUnicode_EncodeLocale(item, "surrogateescape"));
      if (!zone) return -1;
      p->tm_zone = PyBytes_AS_STRING(zone.get());
    }
    item = PyStructSequence_GET_ITEM(args, 10);
    if (item != Py_None) {
      p->tm_gmtoff = PyLong_AsLong(item);
      if (p->tm_gmtoff == -1 && PyErr_Occurred()) return -1;
    }
  }
  return 0;
}

// CPython's checktm, for strftime and asctime: a zero month, day of month
// or day of year means the first one; other fields must be in range so the
// C library never indexes its name tables out of bounds.
int checktm(struct tm* t) {
  const char* msg = nullptr;
  if (t->tm_mon == -1) t->tm_mon = 0;
  else if (t->tm_mon < 0 || t->tm_mon > 11) msg = "month out of range";
  if (!msg) {
    if (t->tm_mday == 0) t->tm_mday = 1;
    else if (t->tm_mday < 0 || t->tm_mday > 31) msg = "day of month out of range";
  }
  if (!msg && (t->tm_hour < 0 || t->tm_hour > 23)) msg = "hour out of range";
  if (!msg && (t->tm_min < 0 || t->tm_min > 59)) msg = "minute out of range";
  if (!msg && (t->tm_sec < 0 || t->tm_sec > 61)) msg = "seconds out of range";
  if (!msg && t->tm_wday < 0) msg = "day of week out of range";
  if (!msg) {
    if (t->tm_yday == -1) t->tm_yday = 0;
    else if (t->tm_yday < 0 || t->tm_yday > 365) msg = "day of year out of range";
  }
  if (msg) {
    PyErr_SetString(PyExc_ValueError, msg);
    return -1;
  }
  return 0;
}

int current_tm(struct tm* buf) {
  time_t t = time(nullptr);
  if (!localtime_r(&t, buf)) {
    PyErr_SetFromErrno(PyExc_OSError);
    return -1;
  }
  return 0;
}

PyObject* time_strftime(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  PyObject *format, *tup = nullptr;
  if (!_PyArg_ParseStack(args, nargs, "U|O:strftime", &format, &tup)) return nullptr;
  struct tm buf;
  Ref<> zone;
  if (tup == nullptr) {
    if (current_tm(&buf) < 0) return nullptr;
  } else if (gettmarg(tup, &buf, "strftime", zone) < 0) {
    return nullptr;
  }
  if (tup != nullptr && checktm(&buf) < 0) return nullptr;
  if (buf.tm_isdst < -1) buf.tm_isdst = -1;
  else if (buf.tm_isdst > 1) buf.tm_isdst = 1;
  Ref<> fmt = steal(PyUnicode_EncodeLocale(format, "surrogateescape"));
  if (!fmt) return nullptr;
  const char* f = PyBytes_AS_STRING(fmt.get());
  size_t flen = PyBytes_GET_SIZE(fmt.get());
  if (flen == 0) return PyUnicode_FromString("");
  // strftime() returns 0 both for "buffer too small" and for an empty
  // result; grow until the buffer is clearly large enough.
  for (size_t size = 1024;; size *= 2) {
    std::string out(size, '\0');
    size_t n = strftime(out.data(), size, f, &buf);
    if (n > 0 || size >= 256 * flen) return PyUnicode_DecodeLocaleAndSize(out.data(), n, "surrogateescape");
  }
}

PyObject* format_asctime(const struct tm& t) {
  static const char wday[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char mon[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return PyUnicode_FromFormat("%s %s%3d %.2d:%.2d:%.2d %d", wday[t.tm_wday], mon[t.tm_mon],
                              t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, 1900 + t.tm_year);
}

PyObject* time_asctime(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  PyObject* tup = nullptr;
  if (!_PyArg_ParseStack(args, nargs, "|O:asctime", &tup)) return nullptr;
  struct tm buf;
  Ref<> zone;
  if (tup == nullptr) {
    if (current_tm(&buf) < 0) return nullptr;
  } else if (gettmarg(tup, &buf, "asctime", zone) < 0 || checktm(&buf) < 0) {
    return nullptr;
  }
  return format_asctime(buf);
}

PyObject* time_ctime(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  PyObject* secs = Py_None;
  if (!_PyArg_ParseStack(args, nargs, "|O:ctime", &secs)) return nullptr;
  time_t t;
  if (object_to_time_t(secs, &t) < 0) return nullptr;
  struct tm buf;
  if (_PyTime_localtime(t, &buf) != 0) return nullptr;
  return format_asctime(buf);
}

PyObject* time_mktime(PyObject*, PyObject* arg) {
  struct tm buf;
  Ref<> zone;
  if (gettmarg(arg, &buf, "mktime", zone) < 0) return nullptr;
  buf.tm_wday = -1;  // sentinel: mktime() sets it on success
  time_t t = mktime(&buf);
  if (t == static_cast<time_t>(-1) && buf.tm_wday == -1) {
    PyErr_SetString(PyExc_OverflowError, "mktime argument out of range");
    return nullptr;
  }
  return PyFloat_FromDouble(static_cast<double>(t));
}

PyObject* time_strptime(PyObject*, PyObject* args) {
  Ref<> mod = steal(PyImport_ImportModule("_strptime"));
  if (!mod) return nullptr;
  Ref<> func = steal(PyObject_GetAttrString(mod.get(), "_strptime_time"));
  if (!func) return nullptr;
  return PyObject_Call(func.get(), args, nullptr);
}

int init_timezone(PyObject* m) {
  const time_t year = (365 * 24 + 6) * 3600;
  time_t t = (time(nullptr) / year) * year;
  struct tm p;
  localtime_r(&t, &p);
  long janzone = -p.tm_gmtoff;
  std::string janname = p.tm_zone ? p.tm_zone : "";
  t += year / 2;
  localtime_r(&t, &p);
  long julyzone = -p.tm_gmtoff;
  std::string julyname = p.tm_zone ? p.tm_zone : "";
  long tz = janzone, alt = julyzone;
  const std::string *std_name = &janname, *dst_name = &julyname;
  if (janzone < julyzone) {  // DST is reversed in the southern hemisphere
    tz = julyzone;
    alt = janzone;
    std_name = &julyname;
    dst_name = &janname;
  }
  Ref<> n0 = steal(PyUnicode_DecodeLocale(std_name->c_str(), "surrogateescape"));
  Ref<> n1 = steal(PyUnicode_DecodeLocale(dst_name->c_str(), "surrogateescape"));
  if (!n0 || !n1) return -1;
  Ref<> names = steal(PyTuple_Pack(2, n0.get(), n1.get()));
  if (!names) return -1;
  if (PyModule_AddIntConstant(m, "timezone", tz) < 0 ||
      PyModule_AddIntConstant(m, "altzone", alt) < 0 ||
      PyModule_AddIntConstant(m, "daylight", janzone != julyzone) < 0 ||
      PyModule_AddObjectRef(m, "tzname", names.get()) < 0)
    return -1;
  return 0;
}

PyObject* time_tzset(PyObject* m, PyObject*) {
  tzset();
  if (init_timezone(m) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* time_get_clock_info(PyObject*, PyObject* arg) {
  const char* name = PyUnicode_Check(arg) ? PyUnicode_AsUTF8(arg) : nullptr;
  if (!name) {
    if (!PyErr_Occurred())
      PyErr_Format(PyExc_TypeError, "get_clock_info() argument must be str, not %.200s",
                   Py_TYPE(arg)->tp_name);
    return nullptr;
  }
  struct Info { const char* name; const char* impl; clockid_t id; bool mono, adjustable; };
  static const Info infos[] = {
      {"time", "clock_gettime(CLOCK_REALTIME)", CLOCK_REALTIME, false, true},
      {"monotonic", "clock_gettime(CLOCK_MONOTONIC)", CLOCK_MONOTONIC, true, false},
      {"perf_counter", "clock_gettime(CLOCK_MONOTONIC)", CLOCK_MONOTONIC, true, false},
      {"process_time", "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", CLOCK_PROCESS_CPUTIME_ID,
       true, false},
      {"thread_time", "clock_gettime(CLOCK_THREAD_CPUTIME_ID)", CLOCK_THREAD_CPUTIME_ID, true,
       false},
  };
  for (const Info& i : infos) {
    if (strcmp(i.name, name) != 0) continue;
    struct timespec res;
    clock_getres(i.id, &res);
    Ref<> d = steal(Py_BuildValue("{s:s,s:O,s:O,s:d}", "implementation", i.impl, "monotonic",
                                  i.mono ? Py_True : Py_False, "adjustable",
                                  i.adjustable ? Py_True : Py_False, "resolution",
                                  res.tv_sec + res.tv_nsec * 1e-9));
    if (!d) return nullptr;
    return _PyNamespace_New(d.get());
  }
  PyErr_SetString(PyExc_ValueError, "unknown clock");
  return nullptr;
}

#define FASTCALL(fn) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fn))
#define CLOCK_DEFS(NAME, DOC)                                                             \
  {#NAME, time_##NAME, METH_NOARGS, #NAME "() -> floating point number\n\n" DOC},        \
  {#NAME "_ns", time_##NAME##_ns, METH_NOARGS, #NAME "_ns() -> int\n\n" DOC " as nanoseconds."}

PyMethodDef time_methods[] = {
    CLOCK_DEFS(time, "Return the current time in seconds since the Epoch.\n"
                     "Fractions of a second may be present if the system clock provides them."),
    CLOCK_DEFS(monotonic, "Monotonic clock, cannot go backward."),
    CLOCK_DEFS(perf_counter, "Performance counter for benchmarking."),
    CLOCK_DEFS(process_time, "Process time for profiling: sum of the kernel and user-space CPU time."),
    CLOCK_DEFS(thread_time, "Thread time for profiling: sum of the kernel and user-space CPU time."),
    {"clock_gettime", time_clock_gettime, METH_O,
     "clock_gettime(clk_id) -> float\n\nReturn the time of the specified clock clk_id."},
    {"clock_gettime_ns", time_clock_gettime_ns, METH_O,
     "clock_gettime_ns(clk_id) -> int\n\nReturn the time of the specified clock clk_id as nanoseconds."},
    {"clock_getres", time_clock_getres, METH_O,
     "clock_getres(clk_id) -> floating point number\n\nReturn the resolution (precision) of the specified clock clk_id."},
    {"sleep", time_sleep, METH_O,
     "sleep(seconds)\n\nDelay execution for a given number of seconds.  The argument may be\n"
     "a floating point number for subsecond precision."},
    {"gmtime", FASTCALL(time_gmtime), METH_FASTCALL, "gmtime([seconds]) -> (tm_year, tm_mon, tm_mday, tm_hour, tm_min,\n                       tm_sec, tm_wday, tm_yday, tm_isdst)\n\nConvert seconds since the Epoch to a time tuple expressing UTC (a.k.a.\nGMT).  When 'seconds' is not passed in, convert the current time instead.\n\nIf the platform supports the tm_gmtoff and tm_zone, they are available as\nattributes only."},
    {"localtime", FASTCALL(time_localtime), METH_FASTCALL, "localtime([seconds]) -> (tm_year,tm_mon,tm_mday,tm_hour,tm_min,\n                          tm_sec,tm_wday,tm_yday,tm_isdst)\n\nConvert seconds since the Epoch to a time tuple expressing local time.\nWhen 'seconds' is not passed in, convert the current time instead."},
    {"mktime", time_mktime, METH_O, "mktime(tuple) -> floating point number\n\nConvert a time tuple in local time to seconds since the Epoch.\nNote that mktime(gmtime(0)) will not generally return zero for most\ntime zones; instead the returned value will either be equal to that\nof the timezone or altzone attributes on the time module."},
    {"asctime", FASTCALL(time_asctime), METH_FASTCALL, "asctime([tuple]) -> string\n\nConvert a time tuple to a string, e.g. 'Sat Jun 06 16:26:11 1998'.\nWhen the time tuple is not present, current time as returned by localtime()\nis used."},
    {"ctime", FASTCALL(time_ctime), METH_FASTCALL, "ctime(seconds) -> string\n\nConvert a time in seconds since the Epoch to a string in local time.\nThis is equivalent to asctime(localtime(seconds)). When the time tuple is\nnot present, current time as returned by localtime() is used."},
    {"strftime", FASTCALL(time_strftime), METH_FASTCALL, "strftime(format[, tuple]) -> string\n\nConvert a time tuple to a string according to a format specification.\nSee the library reference manual for formatting codes. When the time tuple\nis not present, current time as returned by localtime() is used."},
    {"strptime", time_strptime, METH_VARARGS, "strptime(string, format) -> struct_time\n\nParse a string to a time tuple according to a format specification.\nSee the library reference manual for formatting codes (same as\nstrftime())."},
    {"tzset", time_tzset, METH_NOARGS, "tzset()\n\nInitialize, or reinitialize, the local timezone to the value stored in\nos.environ['TZ']."},
    {"get_clock_info", time_get_clock_info, METH_O, "get_clock_info(name: str) -> dict\n\nGet information of the specified clock."},
    {nullptr, nullptr, 0, nullptr},
};

PyStructSequence_Field struct_time_fields[] = {
    {"tm_year", "year, for example, 1993"},
    {"tm_mon", "month of year, range [1, 12]"},
    {"tm_mday", "day of month, range [1, 31]"},
    {"tm_hour", "hours, range [0, 23]"},
    {"tm_min", "minutes, range [0, 59]"},
    {"tm_sec", "seconds, range [0, 61])"},
    {"tm_wday", "day of week, range [0, 6], Monday is 0"},
    {"tm_yday", "day of year, range [1, 366]"},
    {"tm_isdst", "1 if summer time is in effect, 0 if not, and -1 if unknown"},
    {"tm_zone", "abbreviation of timezone name"},
    {"tm_gmtoff", "offset from UTC in seconds"},
    {nullptr, nullptr},
};

PyStructSequence_Desc struct_time_desc = {
    "time.struct_time",
    "The time value as returned by gmtime(), localtime(), and strptime(), and\n"
    " accepted by asctime(), mktime() and strftime().  May be considered as a\n"
    " sequence of 9 integers.\n\n"
    " Note that several fields' values are not the same as those defined by\n"
    " the C language standard for struct tm.  For example, the value of the\n"
    " field tm_year is the actual year, not year - 1900.  See individual\n"
    " fields' descriptions for details.",
    struct_time_fields, 9};

int time_exec(PyObject* m) {
  if (!g_struct_time) {
    g_struct_time = PyStructSequence_NewType(&struct_time_desc);
    if (!g_struct_time) return -1;
  }
  if (PyModule_AddObjectRef(m, "struct_time", reinterpret_cast<PyObject*>(g_struct_time)) < 0)
    return -1;
  const struct { const char* n; long v; } clocks[] = {
      {"CLOCK_REALTIME", CLOCK_REALTIME},   {"CLOCK_MONOTONIC", CLOCK_MONOTONIC},
      {"CLOCK_MONOTONIC_RAW", CLOCK_MONOTONIC_RAW},
      {"CLOCK_PROCESS_CPUTIME_ID", CLOCK_PROCESS_CPUTIME_ID},
      {"CLOCK_THREAD_CPUTIME_ID", CLOCK_THREAD_CPUTIME_ID},
      {"CLOCK_BOOTTIME", CLOCK_BOOTTIME},   {"CLOCK_TAI", CLOCK_TAI}};
  for (const auto& c : clocks)
    if (PyModule_AddIntConstant(m, c.n, c.v) < 0) return -1;
  // struct_time's field count, which _strptime reads.
  if (PyModule_AddIntConstant(m, "_STRUCT_TM_ITEMS", 11) < 0) return -1;
  return init_timezone(m);
}

PyModuleDef_Slot time_slots[] = {
    {Py_mod_exec, reinterpret_cast<void*>(time_exec)},
    {0, nullptr},
};

PyModuleDef time_module = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "time",
    .m_doc = "This module provides various functions to manipulate time values.",
    .m_size = 0,
    .m_methods = time_methods,
    .m_slots = time_slots,
};

}  // namespace

// See PyInit_posix for the extra reference.
extern "C" PyObject* PyInit_time() {
  PyObject* def = PyModuleDef_Init(&time_module);
  Py_XINCREF(def);
  return def;
}
