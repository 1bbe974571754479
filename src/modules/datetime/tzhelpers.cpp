// tzhelpers.cpp — helpers shared by the `_datetime` types: calling a
// tzinfo's utcoffset/dst/tzname with CPython's result validation, formatting
// UTC offsets, the strftime() wrapper (%z, %Z and %f are expanded here, the
// rest goes to time.strftime), struct_time building, and small repr/compare
// utilities.
#include "modules/datetime/datetime_internal.h"

#include <cstring>

namespace krait::dt {

int check_tzinfo_subclass(PyObject* p) {
  if (p == Py_None || is_tzinfo(p)) return 0;
  PyErr_Format(PyExc_TypeError,
               "tzinfo argument must be None or of a tzinfo subclass, not type '%s'",
               Py_TYPE(p)->tp_name);
  return -1;
}

namespace {

// sys.modules["time"], imported if needed. PyImport_ImportModule would go
// through __import__ on every call, which timetuple()/strftime() pay for.
PyObject* import_time_module() {
  PyObject* name = PyUnicode_InternFromString("time");
  if (name == nullptr) return nullptr;
  PyObject* m = PyImport_GetModule(name);
  Py_DECREF(name);
  if (PyErr_Occurred()) return nullptr;
  if (m != nullptr && m != Py_None) return m;
  Py_XDECREF(m);  // a None entry blocks the import: let the import say so
  return PyImport_ImportModule("time");
}

// tzinfo.<name>(tzinfoarg) must give None or a timedelta strictly inside
// (-24h, 24h).
PyObject* call_tzinfo_method(PyObject* tzinfo, const char* name, PyObject* tzinfoarg) {
  if (tzinfo == Py_None) Py_RETURN_NONE;
  PyObject* offset = PyObject_CallMethod(tzinfo, name, "O", tzinfoarg);
  if (offset == Py_None || offset == nullptr) return offset;
  if (is_delta(offset)) {
    if ((td_days(offset) == -1 && td_seconds(offset) == 0 && td_us(offset) < 1) ||
        td_days(offset) < -1 || td_days(offset) >= 1) {
      Py_DECREF(offset);
      PyErr_Format(PyExc_ValueError,
                   "offset must be a timedelta strictly between -timedelta(hours=24) and "
                   "timedelta(hours=24).");
      return nullptr;
    }
  } else {
    PyErr_Format(PyExc_TypeError, "tzinfo.%s() must return None or timedelta, not '%.200s'", name,
                 Py_TYPE(offset)->tp_name);
    Py_DECREF(offset);
    return nullptr;
  }
  return offset;
}

}  // namespace

PyObject* call_utcoffset(PyObject* tzinfo, PyObject* tzinfoarg) {
  return call_tzinfo_method(tzinfo, "utcoffset", tzinfoarg);
}

PyObject* call_dst(PyObject* tzinfo, PyObject* tzinfoarg) {
  return call_tzinfo_method(tzinfo, "dst", tzinfoarg);
}

PyObject* call_tzname(PyObject* tzinfo, PyObject* tzinfoarg) {
  if (tzinfo == Py_None) Py_RETURN_NONE;
  PyObject* result = PyObject_CallMethod(tzinfo, "tzname", "O", tzinfoarg);
  if (result == nullptr || result == Py_None) return result;
  if (!PyUnicode_Check(result)) {
    PyErr_Format(PyExc_TypeError, "tzinfo.tzname() must return None or a string, not '%s'",
                 Py_TYPE(result)->tp_name);
    Py_DECREF(result);
    return nullptr;
  }
  return result;
}

int format_utcoffset(std::string* out, const char* sep, PyObject* tzinfo, PyObject* tzinfoarg) {
  out->clear();
  Ref<> offset = steal(call_utcoffset(tzinfo, tzinfoarg));
  if (!offset) return -1;
  if (offset.get() == Py_None) return 0;
  char sign = '+';
  // Normalized, so negative exactly when days < 0.
  if (td_days(offset.get()) < 0) {
    sign = '-';
    offset = steal(delta_negative(offset.get()));
    if (!offset) return -1;
  }
  int us = td_us(offset.get());
  int seconds = td_seconds(offset.get());
  int minutes = floor_divmod(seconds, 60, &seconds);
  int hours = floor_divmod(minutes, 60, &minutes);
  char buf[64];
  if (us)
    snprintf(buf, sizeof buf, "%c%02d%s%02d%s%02d.%06d", sign, hours, sep, minutes, sep, seconds, us);
  else if (seconds)
    snprintf(buf, sizeof buf, "%c%02d%s%02d%s%02d", sign, hours, sep, minutes, sep, seconds);
  else
    snprintf(buf, sizeof buf, "%c%02d%s%02d", sign, hours, sep, minutes);
  *out = buf;
  return 0;
}

// "X(...)" -> "X(..., tzinfo=<repr>)".
PyObject* append_keyword_tzinfo(PyObject* repr, PyObject* tzinfo) {
  if (tzinfo == Py_None) return repr;
  Ref<> r = steal(repr);
  Ref<> head = steal(PyUnicode_Substring(r.get(), 0, PyUnicode_GET_LENGTH(r.get()) - 1));
  if (!head) return nullptr;
  return PyUnicode_FromFormat("%U, tzinfo=%R)", head.get(), tzinfo);
}

PyObject* append_keyword_fold(PyObject* repr, int fold) {
  if (fold == 0) return repr;
  Ref<> r = steal(repr);
  Ref<> head = steal(PyUnicode_Substring(r.get(), 0, PyUnicode_GET_LENGTH(r.get()) - 1));
  if (!head) return nullptr;
  return PyUnicode_FromFormat("%U, fold=%d)", head.get(), fold);
}

namespace {

PyObject* get_tzinfo_member(PyObject* self) {
  if (is_datetime(self)) return dt_tzinfo(self);
  if (is_time(self)) return t_tzinfo(self);
  return nullptr;
}

// tzname() with '%' doubled, since it is spliced into a strftime format.
PyObject* make_Zreplacement(PyObject* object, PyObject* tzinfoarg) {
  PyObject* tzinfo = get_tzinfo_member(object);
  if (tzinfo == Py_None || tzinfo == nullptr) return PyUnicode_FromStringAndSize(nullptr, 0);
  Ref<> temp = steal(call_tzname(tzinfo, tzinfoarg));
  if (!temp) return nullptr;
  if (temp.get() == Py_None) return PyUnicode_FromStringAndSize(nullptr, 0);
  return PyObject_CallMethod(temp.get(), "replace", "ss", "%", "%%");
}

}  // namespace

PyObject* wrap_strftime(PyObject* object, PyObject* format, PyObject* timetuple,
                        PyObject* tzinfoarg) {
  Py_ssize_t flen;
  const char* pin = PyUnicode_AsUTF8AndSize(format, &flen);
  if (pin == nullptr) return nullptr;
  const char* end = pin + flen;
  // Replacements are computed lazily: calling tzinfo methods is costly and
  // may fail, and CPython only does it when the directive is used.
  bool have_z = false, have_Z = false;
  std::string zrep, Zrep;
  std::string newfmt;
  newfmt.reserve(size_t(flen) + 1);
  while (pin < end && *pin != '\0') {
    char ch = *pin++;
    if (ch != '%') {
      newfmt += ch;
      continue;
    }
    if (pin >= end || *pin == '\0') {  // a trailing '%' is copied alone
      newfmt += '%';
      continue;
    }
    ch = *pin++;
    if (ch == 'z') {
      if (!have_z) {
        PyObject* tzinfo = get_tzinfo_member(object);
        if (tzinfo != Py_None && tzinfo != nullptr) {
          if (format_utcoffset(&zrep, "", tzinfo, tzinfoarg) < 0) return nullptr;
        }
        have_z = true;
      }
      newfmt += zrep;
    } else if (ch == 'Z') {
      if (!have_Z) {
        Ref<> z = steal(make_Zreplacement(object, tzinfoarg));
        if (!z) return nullptr;
        Py_ssize_t n;
        const char* s = PyUnicode_AsUTF8AndSize(z.get(), &n);
        if (s == nullptr) return nullptr;
        Zrep.assign(s, size_t(n));
        have_Z = true;
      }
      newfmt += Zrep;
    } else if (ch == 'f') {
      int us = 0;
      if (is_time(object))
        us = t_us(object);
      else if (is_datetime(object))
        us = dt_us(object);
      char buf[16];
      snprintf(buf, sizeof buf, "%06d", us);
      newfmt += buf;
    } else {
      newfmt += '%';
      newfmt += ch;
    }
  }
  Ref<> time = steal(import_time_module());
  if (!time) return nullptr;
  Ref<> fmt = steal(PyUnicode_FromString(newfmt.c_str()));
  if (!fmt) return nullptr;
  return PyObject_CallMethod(time.get(), "strftime", "OO", fmt.get(), timetuple);
}

PyObject* build_struct_time(int y, int m, int d, int hh, int mm, int ss, int dstflag) {
  Ref<> time = steal(import_time_module());
  if (!time) return nullptr;
  Ref<> args = steal(Py_BuildValue("iiiiiiiii", y, m, d, hh, mm, ss, weekday(y, m, d),
                                   days_before_month(y, m) + d, dstflag));
  if (!args) return nullptr;
  return PyObject_CallMethod(time.get(), "struct_time", "(O)", args.get());
}

PyObject* time_time() {
  Ref<> time = steal(import_time_module());
  if (!time) return nullptr;
  return PyObject_CallMethod(time.get(), "time", nullptr);
}

// A fixed-offset timezone for the local zone at `timestamp`, named after
// tm_zone.
PyObject* local_timezone_from_timestamp(time_t timestamp) {
  struct tm local_tm;
  if (_PyTime_localtime(timestamp, &local_tm) != 0) return nullptr;
  Ref<> delta = steal(new_delta(0, int(local_tm.tm_gmtoff), 0, 1));
  if (!delta) return nullptr;
  Ref<> name;
  if (local_tm.tm_zone != nullptr) {
    name = steal(PyUnicode_DecodeLocale(local_tm.tm_zone, "surrogateescape"));
    if (!name) return nullptr;
  }
  return new_timezone(delta.get(), name.get());
}

PyObject* diff_to_bool(int diff, int op) { Py_RETURN_RICHCOMPARE(diff, 0, op); }

PyObject* cmperror(PyObject* a, PyObject* b) {
  PyErr_Format(PyExc_TypeError, "can't compare %s to %s", Py_TYPE(a)->tp_name,
               Py_TYPE(b)->tp_name);
  return nullptr;
}

int parse_timespec(const char* timespec, int us) {
  if (timespec == nullptr || std::strcmp(timespec, "auto") == 0) return us == 0 ? 2 : 4;
  static const char* const specs[] = {"hours", "minutes", "seconds", "milliseconds",
                                      "microseconds"};
  for (int i = 0; i < 5; i++) {
    if (std::strcmp(timespec, specs[i]) == 0) return i;
  }
  PyErr_SetString(PyExc_ValueError, "Unknown timespec value");
  return -1;
}

}  // namespace krait::dt
