// datetime_type.cpp — `datetime.datetime` (PyDateTime_DateTime: 10 packed
// bytes, fold, optional tzinfo), a subclass of date: construction (including
// from pickled state), the alternate constructors (now, fromtimestamp,
// combine, strptime, fromisoformat, ...), accessors, string forms, replace()
// and pickling. The arithmetic lives in datetime_ops.cpp.
#include "modules/datetime/datetime_internal.h"

#include <cstring>

namespace krait::dt {

namespace {

PyDateTime_DateTime* as_dt(PyObject* o) { return reinterpret_cast<PyDateTime_DateTime*>(o); }

PyObject* datetime_from_pickle(PyTypeObject* type, PyObject* state, PyObject* tzinfo) {
  bool aware = tzinfo != Py_None;
  if (aware && check_tzinfo_subclass(tzinfo) < 0) {
    PyErr_SetString(PyExc_TypeError, "bad tzinfo state arg");
    return nullptr;
  }
  PyObject* self = type->tp_alloc(type, aware);
  if (self == nullptr) return nullptr;
  auto* me = as_dt(self);
  const char* pdata = PyBytes_AS_STRING(state);
  std::memcpy(me->data, pdata, _PyDateTime_DATETIME_DATASIZE);
  me->hashcode = -1;
  me->hastzinfo = aware;
  if (aware) me->tzinfo = Py_NewRef(tzinfo);
  // Protocol 4+ pickles carry fold in the month byte's top bit.
  if (pdata[2] & (1 << 7)) {
    me->data[2] -= 128;
    me->fold = 1;
  } else {
    me->fold = 0;
  }
  return self;
}

PyObject* datetime_new(PyTypeObject* type, PyObject* args, PyObject* kw) {
  PyObject* tzinfo = Py_None;
  Py_ssize_t nargs = PyTuple_GET_SIZE(args);
  if (nargs >= 1 && nargs <= 2) {
    PyObject* state = PyTuple_GET_ITEM(args, 0);
    if (nargs == 2) tzinfo = PyTuple_GET_ITEM(args, 1);
    if (PyBytes_Check(state)) {
      if (PyBytes_GET_SIZE(state) == _PyDateTime_DATETIME_DATASIZE &&
          unsigned((0x7F & static_cast<unsigned char>(PyBytes_AS_STRING(state)[2]))) - 1 < 12)
        return datetime_from_pickle(type, state, tzinfo);
    } else if (PyUnicode_Check(state)) {
      if (PyUnicode_GET_LENGTH(state) == _PyDateTime_DATETIME_DATASIZE &&
          unsigned(0x7F & PyUnicode_READ_CHAR(state, 2)) - 1 < 12) {
        Ref<> bytes = steal(PyUnicode_AsLatin1String(state));
        if (!bytes) {
          if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
            PyErr_SetString(PyExc_ValueError,
                            "Failed to encode latin1 string when unpickling a datetime object. "
                            "pickle.load(data, encoding='latin1') is assumed.");
          }
          return nullptr;
        }
        return datetime_from_pickle(type, bytes.get(), tzinfo);
      }
    }
    tzinfo = Py_None;
  }
  int year, month, day, hour = 0, minute = 0, second = 0, us = 0, fold = 0;
  static const char* kws[] = {"year",   "month",       "day",    "hour", "minute",
                              "second", "microsecond", "tzinfo", "fold", nullptr};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "iii|iiiiO$i", const_cast<char**>(kws), &year, &month,
                                   &day, &hour, &minute, &second, &us, &tzinfo, &fold))
    return nullptr;
  return new_datetime_ex2(year, month, day, hour, minute, second, us, tzinfo, fold, type);
}

void datetime_dealloc(PyObject* self) {
  if (as_dt(self)->hastzinfo) Py_XDECREF(as_dt(self)->tzinfo);
  Py_TYPE(self)->tp_free(self);
}

// ------------------------------------------------------------ from time_t

// Builds cls's datetime from a time_t and microseconds via localtime() or
// gmtime(). For the local zone it also detects whether the result is the
// second occurrence of a repeated wall time (fold=1).
PyObject* datetime_from_timet_and_us(PyObject* cls, bool local, time_t timet, int us,
                                     PyObject* tzinfo) {
  struct tm tm;
  if ((local ? _PyTime_localtime(timet, &tm) : _PyTime_gmtime(timet, &tm)) != 0) return nullptr;
  int year = tm.tm_year + 1900, month = tm.tm_mon + 1, day = tm.tm_mday;
  int hour = tm.tm_hour, minute = tm.tm_min;
  // A leap second becomes :59, as datetime has no second 60.
  int second = tm.tm_sec < 59 ? tm.tm_sec : 59;
  int fold = 0;
  if (tzinfo == Py_None && local) {
    long long result_seconds = utc_to_seconds(year, month, day, hour, minute, second);
    if (result_seconds == -1 && PyErr_Occurred()) return nullptr;
    // Probe a day earlier: if the offset then was larger, a transition may
    // have repeated this wall time.
    long long probe_seconds = local_seconds(kEpochSeconds + timet - kMaxFoldSeconds);
    if (probe_seconds == -1) return nullptr;
    long long transition = result_seconds - probe_seconds - kMaxFoldSeconds;
    if (transition < 0) {
      probe_seconds = local_seconds(kEpochSeconds + timet + transition);
      if (probe_seconds == -1) return nullptr;
      if (probe_seconds == result_seconds) fold = 1;
    }
  }
  return new_datetime_subclass_fold(year, month, day, hour, minute, second, us, tzinfo, fold, cls);
}

// ------------------------------------------------------------ class methods

PyObject* datetime_now(PyObject* cls, PyObject* args, PyObject* kw) {
  PyObject* tzinfo = Py_None;
  static const char* kws[] = {"tz", nullptr};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:now", const_cast<char**>(kws), &tzinfo))
    return nullptr;
  if (check_tzinfo_subclass(tzinfo) < 0) return nullptr;
  _PyTime_t ts = _PyTime_GetSystemClock();
  time_t secs;
  int us;
  if (_PyTime_AsTimevalTime_t(ts, &secs, &us, _PyTime_ROUND_FLOOR) < 0) return nullptr;
  PyObject* self = datetime_from_timet_and_us(cls, tzinfo == Py_None, secs, us, tzinfo);
  if (self != nullptr && tzinfo != Py_None) {
    Ref<> utc = steal(self);
    self = PyObject_CallMethod(tzinfo, "fromutc", "O", utc.get());
  }
  return self;
}

PyObject* datetime_utcnow(PyObject* cls, PyObject*) {
  _PyTime_t ts = _PyTime_GetSystemClock();
  time_t secs;
  int us;
  if (_PyTime_AsTimevalTime_t(ts, &secs, &us, _PyTime_ROUND_FLOOR) < 0) return nullptr;
  return datetime_from_timet_and_us(cls, false, secs, us, Py_None);
}

PyObject* datetime_fromtimestamp(PyObject* cls, PyObject* args, PyObject* kw) {
  PyObject* timestamp;
  PyObject* tzinfo = Py_None;
  static const char* kws[] = {"timestamp", "tz", nullptr};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "O|O:fromtimestamp", const_cast<char**>(kws),
                                   &timestamp, &tzinfo))
    return nullptr;
  if (check_tzinfo_subclass(tzinfo) < 0) return nullptr;
  PyObject* self = datetime_from_timestamp_obj(cls, tzinfo == Py_None, timestamp, tzinfo);
  if (self != nullptr && tzinfo != Py_None) {
    Ref<> utc = steal(self);
    self = PyObject_CallMethod(tzinfo, "fromutc", "O", utc.get());
  }
  return self;
}

PyObject* datetime_utcfromtimestamp(PyObject* cls, PyObject* args) {
  PyObject* timestamp;
  if (!PyArg_ParseTuple(args, "O:utcfromtimestamp", &timestamp)) return nullptr;
  return datetime_from_timestamp_obj(cls, false, timestamp, Py_None);
}

PyObject* datetime_strptime(PyObject* cls, PyObject* args) {
  PyObject* string;
  PyObject* format;
  if (!PyArg_ParseTuple(args, "UU:strptime", &string, &format)) return nullptr;
  Ref<> module = steal(PyImport_ImportModule("_strptime"));
  if (!module) return nullptr;
  return PyObject_CallMethod(module.get(), "_strptime_datetime", "OOO", cls, string, format);
}

PyObject* datetime_combine(PyObject* cls, PyObject* args, PyObject* kw) {
  PyObject* date;
  PyObject* time;
  PyObject* tzinfo = nullptr;
  static const char* kws[] = {"date", "time", "tzinfo", nullptr};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "O!O!|O:combine", const_cast<char**>(kws), &DateType,
                                   &date, &TimeType, &time, &tzinfo))
    return nullptr;
  if (tzinfo == nullptr) tzinfo = t_tzinfo(time);
  return new_datetime_subclass_fold(get_year(date), get_month(date), get_day(date), t_hour(time),
                                    t_minute(time), t_second(time), t_us(time), tzinfo,
                                    t_fold(time), cls);
}

// An ASCII image of the string, one byte per code point: any non-ASCII
// character becomes 0x80, which no field accepts, except the date/time
// separator, which may be any character (surrogates included) and becomes
// 'T'.
std::string isoformat_ascii_image(PyObject* dtstr) {
  Py_ssize_t len = PyUnicode_GET_LENGTH(dtstr);
  std::string image(size_t(len), '\0');
  for (Py_ssize_t i = 0; i < len; i++) {
    Py_UCS4 ch = PyUnicode_READ_CHAR(dtstr, i);
    image[size_t(i)] = ch < 0x80 ? char(ch) : char(0x80);
  }
  Py_ssize_t sep = find_isoformat_datetime_separator(image.data(), len);
  if (sep >= 0 && sep < len && PyUnicode_READ_CHAR(dtstr, sep) >= 0x80) image[size_t(sep)] = 'T';
  return image;
}

PyObject* datetime_fromisoformat(PyObject* cls, PyObject* dtstr) {
  if (!PyUnicode_Check(dtstr)) {
    PyErr_SetString(PyExc_TypeError, "fromisoformat: argument must be str");
    return nullptr;
  }
  std::string image = isoformat_ascii_image(dtstr);
  const char* p = image.c_str();
  auto len = Py_ssize_t(image.size());
  int rv = -1;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, us = 0;
  int tzoffset = 0, tzus = 0;
  Py_ssize_t sep = find_isoformat_datetime_separator(p, len);
  if (sep >= 0) {
    rv = parse_isoformat_date(p, size_t(sep), &year, &month, &day);
    if (rv == 0 && len > sep) {
      // Only parse a time when something follows the separator.
      rv = parse_isoformat_time(p + sep + 1, size_t(len - sep - 1), &hour, &minute, &second, &us,
                                &tzoffset, &tzus);
    }
  }
  if (rv < 0) {
    PyErr_Format(PyExc_ValueError, "Invalid isoformat string: %R", dtstr);
    return nullptr;
  }
  Ref<> tzinfo = steal(tzinfo_from_isoformat_results(rv, tzoffset, tzus));
  if (!tzinfo) return nullptr;
  return new_datetime_subclass_fold(year, month, day, hour, minute, second, us, tzinfo.get(), 0,
                                    cls);
}

// ------------------------------------------------------------ accessors

PyObject* dt_get_hour(PyObject* self, void*) { return PyLong_FromLong(dt_hour(self)); }
PyObject* dt_get_minute(PyObject* self, void*) { return PyLong_FromLong(dt_minute(self)); }
PyObject* dt_get_second(PyObject* self, void*) { return PyLong_FromLong(dt_second(self)); }
PyObject* dt_get_us(PyObject* self, void*) { return PyLong_FromLong(dt_us(self)); }
PyObject* dt_get_tzinfo(PyObject* self, void*) { return Py_NewRef(dt_tzinfo(self)); }
PyObject* dt_get_fold(PyObject* self, void*) { return PyLong_FromLong(dt_fold(self)); }

PyGetSetDef datetime_getset[] = {{"hour", dt_get_hour, nullptr, nullptr, nullptr},
                                 {"minute", dt_get_minute, nullptr, nullptr, nullptr},
                                 {"second", dt_get_second, nullptr, nullptr, nullptr},
                                 {"microsecond", dt_get_us, nullptr, nullptr, nullptr},
                                 {"tzinfo", dt_get_tzinfo, nullptr, nullptr, nullptr},
                                 {"fold", dt_get_fold, nullptr, nullptr, nullptr},
                                 {nullptr, nullptr, nullptr, nullptr, nullptr}};

// ------------------------------------------------------------ string forms

PyObject* datetime_repr(PyObject* self) {
  const char* type_name = Py_TYPE(self)->tp_name;
  int y = get_year(self), mo = get_month(self), d = get_day(self);
  int h = dt_hour(self), mi = dt_minute(self), s = dt_second(self), us = dt_us(self);
  PyObject* base;
  if (us)
    base = PyUnicode_FromFormat("%s(%d, %d, %d, %d, %d, %d, %d)", type_name, y, mo, d, h, mi, s, us);
  else if (s)
    base = PyUnicode_FromFormat("%s(%d, %d, %d, %d, %d, %d)", type_name, y, mo, d, h, mi, s);
  else
    base = PyUnicode_FromFormat("%s(%d, %d, %d, %d, %d)", type_name, y, mo, d, h, mi);
  if (base != nullptr && dt_fold(self)) base = append_keyword_fold(base, dt_fold(self));
  if (base == nullptr || !as_dt(self)->hastzinfo) return base;
  return append_keyword_tzinfo(base, as_dt(self)->tzinfo);
}

PyObject* datetime_str(PyObject* self) { return PyObject_CallMethod(self, "isoformat", "(s)", " "); }

PyObject* datetime_isoformat(PyObject* self, PyObject* args, PyObject* kw) {
  int sep = 'T';
  const char* timespec = nullptr;
  static const char* kws[] = {"sep", "timespec", nullptr};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "|Cs:isoformat", const_cast<char**>(kws), &sep,
                                   &timespec))
    return nullptr;
  int us = dt_us(self);
  int spec = parse_timespec(timespec, us);
  if (spec < 0) return nullptr;
  int y = get_year(self), mo = get_month(self), d = get_day(self);
  int h = dt_hour(self), mi = dt_minute(self), s = dt_second(self);
  PyObject* result;
  switch (spec) {
    case 0: result = PyUnicode_FromFormat("%04d-%02d-%02d%c%02d", y, mo, d, sep, h); break;
    case 1:
      result = PyUnicode_FromFormat("%04d-%02d-%02d%c%02d:%02d", y, mo, d, sep, h, mi);
      break;
    case 2:
      result = PyUnicode_FromFormat("%04d-%02d-%02d%c%02d:%02d:%02d", y, mo, d, sep, h, mi, s);
      break;
    case 3:
      result = PyUnicode_FromFormat("%04d-%02d-%02d%c%02d:%02d:%02d.%03d", y, mo, d, sep, h, mi, s,
                                    us / 1000);
      break;
    default:
      result = PyUnicode_FromFormat("%04d-%02d-%02d%c%02d:%02d:%02d.%06d", y, mo, d, sep, h, mi, s,
                                    us);
      break;
  }
  if (result == nullptr || !as_dt(self)->hastzinfo) return result;
  std::string off;
  if (format_utcoffset(&off, ":", as_dt(self)->tzinfo, self) < 0) {
    Py_DECREF(result);
    return nullptr;
  }
  PyUnicode_AppendAndDel(&result, PyUnicode_FromString(off.c_str()));
  return result;
}

PyObject* datetime_ctime(PyObject* self, PyObject*) {
  int wd = weekday(get_year(self), get_month(self), get_day(self));
  return PyUnicode_FromFormat("%s %s %2d %02d:%02d:%02d %04d", kDayNames[wd],
                              kMonthNames[get_month(self) - 1], get_day(self), dt_hour(self),
                              dt_minute(self), dt_second(self), get_year(self));
}

// ------------------------------------------------------------ parts

PyObject* datetime_getdate(PyObject* self, PyObject*) {
  return new_date_ex(get_year(self), get_month(self), get_day(self), &DateType);
}

PyObject* datetime_gettime(PyObject* self, PyObject*) {
  return new_time_ex2(dt_hour(self), dt_minute(self), dt_second(self), dt_us(self), Py_None,
                      dt_fold(self), &TimeType);
}

PyObject* datetime_gettimetz(PyObject* self, PyObject*) {
  return new_time_ex2(dt_hour(self), dt_minute(self), dt_second(self), dt_us(self),
                      dt_tzinfo(self), dt_fold(self), &TimeType);
}

// ------------------------------------------------------------ replace, pickle

PyObject* datetime_replace(PyObject* self, PyObject* args, PyObject* kw) {
  int y = get_year(self), m = get_month(self), d = get_day(self);
  int hh = dt_hour(self), mm = dt_minute(self), ss = dt_second(self), us = dt_us(self);
  PyObject* tzinfo = dt_tzinfo(self);
  int fold = dt_fold(self);
  static const char* kws[] = {"year",   "month",       "day",    "hour", "minute",
                              "second", "microsecond", "tzinfo", "fold", nullptr};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "|iiiiiiiO$i:replace", const_cast<char**>(kws), &y,
                                   &m, &d, &hh, &mm, &ss, &us, &tzinfo, &fold))
    return nullptr;
  if (fold != 0 && fold != 1) {
    PyErr_SetString(PyExc_ValueError, "fold must be either 0 or 1");
    return nullptr;
  }
  Ref<> tuple = steal(Py_BuildValue("iiiiiiiO", y, m, d, hh, mm, ss, us, tzinfo));
  if (!tuple) return nullptr;
  PyObject* clone = datetime_new(Py_TYPE(self), tuple.get(), nullptr);
  if (clone != nullptr) as_dt(clone)->fold = static_cast<unsigned char>(fold);
  return clone;
}

PyObject* datetime_getstate(PyObject* self, int proto) {
  Ref<> basestate = steal(PyBytes_FromStringAndSize(
      reinterpret_cast<const char*>(as_dt(self)->data), _PyDateTime_DATETIME_DATASIZE));
  if (!basestate) return nullptr;
  if (proto > 3 && dt_fold(self)) PyBytes_AS_STRING(basestate.get())[2] |= (1 << 7);
  if (!as_dt(self)->hastzinfo || as_dt(self)->tzinfo == Py_None)
    return PyTuple_Pack(1, basestate.get());
  return PyTuple_Pack(2, basestate.get(), as_dt(self)->tzinfo);
}

PyObject* datetime_reduce_ex(PyObject* self, PyObject* args) {
  int proto;
  if (!PyArg_ParseTuple(args, "i:__reduce_ex__", &proto)) return nullptr;
  return Py_BuildValue("(ON)", Py_TYPE(self), datetime_getstate(self, proto));
}

PyObject* datetime_reduce(PyObject* self, PyObject*) {
  return Py_BuildValue("(ON)", Py_TYPE(self), datetime_getstate(self, 2));
}

PyMethodDef datetime_methods[] = {
    {"now", kw_method(datetime_now), METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     PyDoc_STR("now($type, /, tz=None)\n--\n\n"
               "Returns new datetime object representing current time local to tz.\n\n"
               "  tz\n    Timezone object.\n\nIf no tz is specified, uses local timezone.")},
    {"utcnow", datetime_utcnow, METH_NOARGS | METH_CLASS,
     PyDoc_STR("Return a new datetime representing UTC day and time.")},
    {"fromtimestamp", kw_method(datetime_fromtimestamp), METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     PyDoc_STR("timestamp[, tz] -> tz's local time from POSIX timestamp.")},
    {"utcfromtimestamp", datetime_utcfromtimestamp, METH_VARARGS | METH_CLASS,
     PyDoc_STR("Construct a naive UTC datetime from a POSIX timestamp.")},
    {"strptime", datetime_strptime, METH_VARARGS | METH_CLASS,
     PyDoc_STR("string, format -> new datetime parsed from a string (like time.strptime()).")},
    {"combine", kw_method(datetime_combine), METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     PyDoc_STR("date, time -> datetime with same date and time fields")},
    {"fromisoformat", datetime_fromisoformat, METH_O | METH_CLASS,
     PyDoc_STR("string -> datetime from a string in most ISO 8601 formats")},
    {"date", datetime_getdate, METH_NOARGS, PyDoc_STR("Return date object with same year, month and day.")},
    {"time", datetime_gettime, METH_NOARGS,
     PyDoc_STR("Return time object with same time but with tzinfo=None.")},
    {"timetz", datetime_gettimetz, METH_NOARGS,
     PyDoc_STR("Return time object with same time and tzinfo.")},
    {"ctime", datetime_ctime, METH_NOARGS, PyDoc_STR("Return ctime() style string.")},
    {"timetuple", datetime_timetuple, METH_NOARGS,
     PyDoc_STR("Return time tuple, compatible with time.localtime().")},
    {"timestamp", datetime_timestamp, METH_NOARGS, PyDoc_STR("Return POSIX timestamp as float.")},
    {"utctimetuple", datetime_utctimetuple, METH_NOARGS,
     PyDoc_STR("Return UTC time tuple, compatible with time.localtime().")},
    {"isoformat", kw_method(datetime_isoformat), METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("[sep] -> string in ISO 8601 format, YYYY-MM-DDT[HH[:MM[:SS[.mmm[uuu]]]]][+HH:MM].\n"
               "sep is used to separate the year from the time, and defaults to 'T'.\n"
               "The optional argument timespec specifies the number of additional terms\n"
               "of the time to include. Valid options are 'auto', 'hours', 'minutes',\n"
               "'seconds', 'milliseconds' and 'microseconds'.\n")},
    {"utcoffset", datetime_utcoffset, METH_NOARGS, PyDoc_STR("Return self.tzinfo.utcoffset(self).")},
    {"tzname", datetime_tzname, METH_NOARGS, PyDoc_STR("Return self.tzinfo.tzname(self).")},
    {"dst", datetime_dst, METH_NOARGS, PyDoc_STR("Return self.tzinfo.dst(self).")},
    {"replace", kw_method(datetime_replace), METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("Return datetime with new specified fields.")},
    {"astimezone", kw_method(datetime_astimezone), METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("tz -> convert to local time in new timezone tz\n")},
    {"__reduce_ex__", datetime_reduce_ex, METH_VARARGS,
     PyDoc_STR("__reduce_ex__(proto) -> (cls, state)")},
    {"__reduce__", datetime_reduce, METH_NOARGS, PyDoc_STR("__reduce__() -> (cls, state)")},
    {nullptr, nullptr, 0, nullptr}};

PyNumberMethods datetime_as_number = {datetime_add, datetime_sub};

const char datetime_doc[] =
    "datetime(year, month, day[, hour[, minute[, second[, microsecond[,tzinfo]]]]])\n\n"
    "The year, month and day arguments are required. tzinfo may be None, or an\n"
    "instance of a tzinfo subclass. The remaining arguments may be ints.\n";

}  // namespace

PyObject* new_datetime_ex2(int y, int m, int d, int hh, int mi, int ss, int us, PyObject* tzinfo,
                           int fold, PyTypeObject* type) {
  if (check_date_args(y, m, d) < 0) return nullptr;
  if (check_time_args(hh, mi, ss, us, fold) < 0) return nullptr;
  if (check_tzinfo_subclass(tzinfo) < 0) return nullptr;
  bool aware = tzinfo != Py_None;
  PyObject* self = type->tp_alloc(type, aware);
  if (self == nullptr) return nullptr;
  auto* me = as_dt(self);
  me->hastzinfo = aware;
  me->hashcode = -1;
  set_ymd(self, y, m, d);
  set_dt_hms(self, hh, mi, ss, us);
  if (aware) me->tzinfo = Py_NewRef(tzinfo);
  me->fold = static_cast<unsigned char>(fold);
  return self;
}

PyObject* new_datetime_ex(int y, int m, int d, int hh, int mi, int ss, int us, PyObject* tzinfo,
                          PyTypeObject* type) {
  return new_datetime_ex2(y, m, d, hh, mi, ss, us, tzinfo, 0, type);
}

PyObject* new_datetime_subclass_fold(int y, int m, int d, int hh, int mi, int ss, int us,
                                     PyObject* tzinfo, int fold, PyObject* cls) {
  if (reinterpret_cast<PyTypeObject*>(cls) == &DateTimeType)
    return new_datetime_ex2(y, m, d, hh, mi, ss, us, tzinfo, fold, &DateTimeType);
  // Python 3.11 does not pass fold on to a subclass's constructor.
  return PyObject_CallFunction(cls, "iiiiiiiO", y, m, d, hh, mi, ss, us, tzinfo);
}

PyObject* datetime_from_timestamp_obj(PyObject* cls, bool local, PyObject* timestamp,
                                      PyObject* tzinfo) {
  time_t timet;
  long us;
  if (_PyTime_ObjectToTimeval(timestamp, &timet, &us, _PyTime_ROUND_HALF_EVEN) == -1)
    return nullptr;
  return datetime_from_timet_and_us(cls, local, timet, int(us), tzinfo);
}

PyObject* datetime_fromtimestamp_capi(PyObject* cls, PyObject* args, PyObject* kw) {
  return datetime_fromtimestamp(cls, args, kw);
}

PyTypeObject DateTimeType = {
    PyVarObject_HEAD_INIT(nullptr, 0) "datetime.datetime",  // tp_name
    sizeof(PyDateTime_DateTime),                           // tp_basicsize
};

void init_datetime_type() {
  DateTimeType.tp_dealloc = datetime_dealloc;
  DateTimeType.tp_repr = datetime_repr;
  DateTimeType.tp_as_number = &datetime_as_number;
  DateTimeType.tp_hash = datetime_hash;
  DateTimeType.tp_str = datetime_str;
  DateTimeType.tp_getattro = PyObject_GenericGetAttr;
  DateTimeType.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE;
  DateTimeType.tp_doc = datetime_doc;
  DateTimeType.tp_richcompare = datetime_richcompare;
  DateTimeType.tp_methods = datetime_methods;
  DateTimeType.tp_getset = datetime_getset;
  DateTimeType.tp_base = &DateType;
  DateTimeType.tp_new = datetime_new;
}

}  // namespace krait::dt
