// date.cpp — `datetime.date` (PyDateTime_Date: 4 packed bytes year/month/day)
// and the IsoCalendarDate tuple that date.isocalendar() returns.
//
// Methods that datetime inherits (strftime, __format__, fromordinal, ...) call
// through the instance or class so a datetime or a subclass gets its own
// behaviour, as in CPython.
#include "modules/datetime/datetime_internal.h"

#include <cstring>

namespace krait::dt {

namespace {

PyDateTime_Date* as_date(PyObject* o) { return reinterpret_cast<PyDateTime_Date*>(o); }

bool month_is_sane(unsigned m) { return m - 1 < 12; }

PyObject* date_from_pickle(PyTypeObject* type, PyObject* state) {
  PyObject* self = type->tp_alloc(type, 0);
  if (self == nullptr) return nullptr;
  auto* me = as_date(self);
  std::memcpy(me->data, PyBytes_AS_STRING(state), _PyDateTime_DATE_DATASIZE);
  me->hashcode = -1;
  return self;
}

PyObject* date_new(PyTypeObject* type, PyObject* args, PyObject* kw) {
  // A single bytes (or latin-1 str, from Python 2 pickles) argument is the
  // pickled state.
  if (PyTuple_GET_SIZE(args) == 1) {
    PyObject* state = PyTuple_GET_ITEM(args, 0);
    if (PyBytes_Check(state)) {
      if (PyBytes_GET_SIZE(state) == _PyDateTime_DATE_DATASIZE &&
          month_is_sane(static_cast<unsigned char>(PyBytes_AS_STRING(state)[2])))
        return date_from_pickle(type, state);
    } else if (PyUnicode_Check(state)) {
      if (PyUnicode_GET_LENGTH(state) == _PyDateTime_DATE_DATASIZE &&
          month_is_sane(PyUnicode_READ_CHAR(state, 2))) {
        Ref<> bytes = steal(PyUnicode_AsLatin1String(state));
        if (!bytes) {
          if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
            PyErr_SetString(PyExc_ValueError,
                            "Failed to encode latin1 string when unpickling a date object. "
                            "pickle.load(data, encoding='latin1') is assumed.");
          }
          return nullptr;
        }
        return date_from_pickle(type, bytes.get());
      }
    }
  }
  int year, month, day;
  static const char* kws[] = {"year", "month", "day", nullptr};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "iii", const_cast<char**>(kws), &year, &month, &day))
    return nullptr;
  return new_date_ex(year, month, day, type);
}

// ------------------------------------------------------------ class methods

PyObject* date_fromtimestamp(PyObject* cls, PyObject* timestamp) {
  return date_fromtimestamp_obj(cls, timestamp);
}

PyObject* date_today(PyObject* cls, PyObject*) {
  Ref<> now = steal(time_time());
  if (!now) return nullptr;
  // cls may be datetime (or a subclass): its fromtimestamp keeps the
  // microseconds, hence time.time() rather than C time().
  return PyObject_CallMethod(cls, "fromtimestamp", "O", now.get());
}

PyObject* date_fromordinal(PyObject* cls, PyObject* args) {
  int ordinal;
  if (!PyArg_ParseTuple(args, "i:fromordinal", &ordinal)) return nullptr;
  if (ordinal < 1) {
    PyErr_SetString(PyExc_ValueError, "ordinal must be >= 1");
    return nullptr;
  }
  int y, m, d;
  ord_to_ymd(ordinal, &y, &m, &d);
  return new_date_subclass(y, m, d, cls);
}

PyObject* date_fromisoformat(PyObject* cls, PyObject* dtstr) {
  if (!PyUnicode_Check(dtstr)) {
    PyErr_SetString(PyExc_TypeError, "fromisoformat: argument must be str");
    return nullptr;
  }
  Py_ssize_t len;
  const char* p = PyUnicode_AsUTF8AndSize(dtstr, &len);
  int rv = -1;
  int year = 0, month = 0, day = 0;
  if (p == nullptr) {
    PyErr_Clear();
  } else if (len == 7 || len == 8 || len == 10) {
    rv = parse_isoformat_date(p, size_t(len), &year, &month, &day);
  }
  if (rv < 0) {
    PyErr_Format(PyExc_ValueError, "Invalid isoformat string: %R", dtstr);
    return nullptr;
  }
  return new_date_subclass(year, month, day, cls);
}

PyObject* date_fromisocalendar(PyObject* cls, PyObject* args, PyObject* kw) {
  static const char* kws[] = {"year", "week", "day", nullptr};
  int year, week, day;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "iii:fromisocalendar", const_cast<char**>(kws),
                                   &year, &week, &day)) {
    if (PyErr_ExceptionMatches(PyExc_OverflowError))
      PyErr_Format(PyExc_ValueError, "ISO calendar component out of range");
    return nullptr;
  }
  int y, m, d;
  int rv = iso_to_ymd(year, week, day, &y, &m, &d);
  if (rv == -4) {
    PyErr_Format(PyExc_ValueError, "Year is out of range: %d", year);
    return nullptr;
  }
  if (rv == -2) {
    PyErr_Format(PyExc_ValueError, "Invalid week: %d", week);
    return nullptr;
  }
  if (rv == -3) {
    PyErr_Format(PyExc_ValueError, "Invalid day: %d (range is [1, 7])", day);
    return nullptr;
  }
  return new_date_subclass(y, m, d, cls);
}

// ------------------------------------------------------------ accessors

PyObject* date_year(PyObject* self, void*) { return PyLong_FromLong(get_year(self)); }
PyObject* date_month(PyObject* self, void*) { return PyLong_FromLong(get_month(self)); }
PyObject* date_day(PyObject* self, void*) { return PyLong_FromLong(get_day(self)); }

PyGetSetDef date_getset[] = {{"year", date_year, nullptr, nullptr, nullptr},
                             {"month", date_month, nullptr, nullptr, nullptr},
                             {"day", date_day, nullptr, nullptr, nullptr},
                             {nullptr, nullptr, nullptr, nullptr, nullptr}};

// ------------------------------------------------------------ methods

PyObject* date_repr(PyObject* self) {
  return PyUnicode_FromFormat("%s(%d, %d, %d)", Py_TYPE(self)->tp_name, get_year(self),
                              get_month(self), get_day(self));
}

PyObject* date_isoformat(PyObject* self, PyObject*) {
  return PyUnicode_FromFormat("%04d-%02d-%02d", get_year(self), get_month(self), get_day(self));
}

PyObject* date_str(PyObject* self) { return PyObject_CallMethod(self, "isoformat", nullptr); }

PyObject* date_ctime(PyObject* self, PyObject*) {
  int wd = weekday(get_year(self), get_month(self), get_day(self));
  return PyUnicode_FromFormat("%s %s %2d %02d:%02d:%02d %04d", kDayNames[wd],
                              kMonthNames[get_month(self) - 1], get_day(self), 0, 0, 0,
                              get_year(self));
}

PyObject* date_strftime(PyObject* self, PyObject* args, PyObject* kw) {
  PyObject* format;
  static const char* kws[] = {"format", nullptr};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "U:strftime", const_cast<char**>(kws), &format))
    return nullptr;
  // Inherited by datetime: its own timetuple() supplies the fields.
  Ref<> tuple = steal(PyObject_CallMethod(self, "timetuple", nullptr));
  if (!tuple) return nullptr;
  return wrap_strftime(self, format, tuple.get(), self);
}

PyObject* date_timetuple(PyObject* self, PyObject*) {
  return build_struct_time(get_year(self), get_month(self), get_day(self), 0, 0, 0, -1);
}

PyObject* date_toordinal(PyObject* self, PyObject*) {
  return PyLong_FromLong(ymd_to_ord(get_year(self), get_month(self), get_day(self)));
}

PyObject* date_weekday(PyObject* self, PyObject*) {
  return PyLong_FromLong(weekday(get_year(self), get_month(self), get_day(self)));
}

PyObject* date_isoweekday(PyObject* self, PyObject*) {
  return PyLong_FromLong(weekday(get_year(self), get_month(self), get_day(self)) + 1);
}

PyObject* iso_calendar_date_make(PyTypeObject* type, int year, int week, int wd) {
  PyObject* self = type->tp_alloc(type, 3);
  if (self == nullptr) return nullptr;
  PyObject* items[3] = {PyLong_FromLong(year), PyLong_FromLong(week), PyLong_FromLong(wd)};
  for (int i = 0; i < 3; i++) {
    if (items[i] == nullptr) {
      for (PyObject* it : items) Py_XDECREF(it);
      Py_DECREF(self);
      return nullptr;
    }
  }
  for (int i = 0; i < 3; i++) PyTuple_SET_ITEM(self, i, items[i]);
  return self;
}

PyObject* date_isocalendar(PyObject* self, PyObject*) {
  int year = get_year(self);
  int week1_monday = iso_week1_monday(year);
  int today = ymd_to_ord(year, get_month(self), get_day(self));
  int day;
  int week = floor_divmod(today - week1_monday, 7, &day);
  if (week < 0) {
    --year;
    week1_monday = iso_week1_monday(year);
    week = floor_divmod(today - week1_monday, 7, &day);
  } else if (week >= 52 && today >= iso_week1_monday(year + 1)) {
    ++year;
    week = 0;
  }
  return iso_calendar_date_make(&IsoCalendarDateType, year, week + 1, day + 1);
}

PyObject* date_replace(PyObject* self, PyObject* args, PyObject* kw) {
  int y = get_year(self), m = get_month(self), d = get_day(self);
  static const char* kws[] = {"year", "month", "day", nullptr};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "|iii:replace", const_cast<char**>(kws), &y, &m, &d))
    return nullptr;
  Ref<> tuple = steal(Py_BuildValue("iii", y, m, d));
  if (!tuple) return nullptr;
  return date_new(Py_TYPE(self), tuple.get(), nullptr);
}

PyObject* date_reduce(PyObject* self, PyObject*) {
  return Py_BuildValue("(O(N))", Py_TYPE(self),
                       PyBytes_FromStringAndSize(reinterpret_cast<const char*>(as_date(self)->data),
                                                 _PyDateTime_DATE_DATASIZE));
}

Py_hash_t date_hash(PyObject* self) {
  auto* me = as_date(self);
  if (me->hashcode == -1) me->hashcode = _Py_HashBytes(me->data, _PyDateTime_DATE_DATASIZE);
  return me->hashcode;
}

PyObject* date_richcompare(PyObject* self, PyObject* other, int op) {
  if (is_date(other)) {
    int diff = std::memcmp(as_date(self)->data, as_date(other)->data, _PyDateTime_DATE_DATASIZE);
    return diff_to_bool(diff, op);
  }
  Py_RETURN_NOTIMPLEMENTED;
}

// date + timedelta keeps the date's (sub)class.
PyObject* add_date_timedelta(PyObject* date, PyObject* delta, bool negate) {
  int year = get_year(date), month = get_month(date);
  int day = get_day(date) + (negate ? -td_days(delta) : td_days(delta));
  if (normalize_date(&year, &month, &day) < 0) return nullptr;
  return new_date_subclass(year, month, day, reinterpret_cast<PyObject*>(Py_TYPE(date)));
}

PyObject* date_add(PyObject* left, PyObject* right) {
  if (is_datetime(left) || is_datetime(right)) Py_RETURN_NOTIMPLEMENTED;
  if (is_date(left)) {
    if (is_delta(right)) return add_date_timedelta(left, right, false);
  } else if (is_delta(left)) {
    return add_date_timedelta(right, left, false);
  }
  Py_RETURN_NOTIMPLEMENTED;
}

PyObject* date_subtract(PyObject* left, PyObject* right) {
  if (is_datetime(left) || is_datetime(right)) Py_RETURN_NOTIMPLEMENTED;
  if (is_date(left)) {
    if (is_date(right)) {
      int l = ymd_to_ord(get_year(left), get_month(left), get_day(left));
      int r = ymd_to_ord(get_year(right), get_month(right), get_day(right));
      return new_delta(l - r, 0, 0, 0);
    }
    if (is_delta(right)) return add_date_timedelta(left, right, true);
  }
  Py_RETURN_NOTIMPLEMENTED;
}

PyMethodDef date_methods[] = {
    {"fromtimestamp", date_fromtimestamp, METH_O | METH_CLASS,
     PyDoc_STR("fromtimestamp($type, timestamp, /)\n--\n\n"
               "Create a date from a POSIX timestamp.\n\nThe timestamp is a number, e.g. "
               "created via time.time(), that is interpreted\nas local time.")},
    {"fromordinal", date_fromordinal, METH_VARARGS | METH_CLASS,
     PyDoc_STR("int -> date corresponding to a proleptic Gregorian ordinal.")},
    {"fromisoformat", date_fromisoformat, METH_O | METH_CLASS,
     PyDoc_STR("str -> Construct a date from a string in ISO 8601 format.")},
    {"fromisocalendar", kw_method(date_fromisocalendar),
     METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     PyDoc_STR("int, int, int -> Construct a date from the ISO year, week number and weekday.\n\n"
               "This is the inverse of the date.isocalendar() function")},
    {"today", date_today, METH_NOARGS | METH_CLASS,
     PyDoc_STR("Current date or datetime:  same as self.__class__.fromtimestamp(time.time()).")},
    {"ctime", date_ctime, METH_NOARGS, PyDoc_STR("Return ctime() style string.")},
    {"strftime", kw_method(date_strftime),
     METH_VARARGS | METH_KEYWORDS, PyDoc_STR("format -> strftime() style string.")},
    {"__format__", date_format, METH_VARARGS, PyDoc_STR("Formats self with strftime.")},
    {"timetuple", date_timetuple, METH_NOARGS, PyDoc_STR("Return time tuple, compatible with time.localtime().")},
    {"isocalendar", date_isocalendar, METH_NOARGS,
     PyDoc_STR("Return a named tuple containing ISO year, week number, and weekday.")},
    {"isoformat", date_isoformat, METH_NOARGS, PyDoc_STR("Return string in ISO 8601 format, YYYY-MM-DD.")},
    {"isoweekday", date_isoweekday, METH_NOARGS,
     PyDoc_STR("Return the day of the week represented by the date.\nMonday == 1 ... Sunday == 7")},
    {"toordinal", date_toordinal, METH_NOARGS,
     PyDoc_STR("Return proleptic Gregorian ordinal.  January 1 of year 1 is day 1.")},
    {"weekday", date_weekday, METH_NOARGS,
     PyDoc_STR("Return the day of the week represented by the date.\nMonday == 0 ... Sunday == 6")},
    {"replace", kw_method(date_replace),
     METH_VARARGS | METH_KEYWORDS, PyDoc_STR("Return date with new specified fields.")},
    {"__reduce__", date_reduce, METH_NOARGS, PyDoc_STR("__reduce__() -> (cls, state)")},
    {nullptr, nullptr, 0, nullptr}};

PyNumberMethods date_as_number = {date_add, date_subtract};

const char date_doc[] = "date(year, month, day) --> date object";

// ------------------------------------------------------------ IsoCalendarDate

PyObject* iso_calendar_date_repr(PyObject* self) {
  return PyUnicode_FromFormat("%.100s(year=%S, week=%S, weekday=%S)", Py_TYPE(self)->tp_name,
                              PyTuple_GET_ITEM(self, 0), PyTuple_GET_ITEM(self, 1),
                              PyTuple_GET_ITEM(self, 2));
}

// Pickles as a plain tuple, so unpickling never needs this type.
PyObject* iso_calendar_date_reduce(PyObject* self, PyObject*) {
  return Py_BuildValue("O((OOO))", &PyTuple_Type, PyTuple_GET_ITEM(self, 0),
                       PyTuple_GET_ITEM(self, 1), PyTuple_GET_ITEM(self, 2));
}

PyObject* iso_year(PyObject* self, void*) { return Py_NewRef(PyTuple_GET_ITEM(self, 0)); }
PyObject* iso_week(PyObject* self, void*) { return Py_NewRef(PyTuple_GET_ITEM(self, 1)); }
PyObject* iso_weekday(PyObject* self, void*) { return Py_NewRef(PyTuple_GET_ITEM(self, 2)); }

PyGetSetDef iso_calendar_date_getset[] = {
    {"year", iso_year, nullptr, nullptr, nullptr},
    {"week", iso_week, nullptr, nullptr, nullptr},
    {"weekday", iso_weekday, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyMethodDef iso_calendar_date_methods[] = {
    {"__reduce__", iso_calendar_date_reduce, METH_NOARGS, PyDoc_STR("__reduce__() -> (cls, state)")},
    {nullptr, nullptr, 0, nullptr}};

PyObject* iso_calendar_date_new(PyTypeObject* type, PyObject* args, PyObject* kw) {
  static const char* kws[] = {"year", "week", "weekday", nullptr};
  int y, w, d;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "iii:IsoCalendarDate", const_cast<char**>(kws), &y,
                                   &w, &d))
    return nullptr;
  return iso_calendar_date_make(type, y, w, d);
}

}  // namespace

PyObject* date_format(PyObject* self, PyObject* args) {
  PyObject* format;
  if (!PyArg_ParseTuple(args, "U:__format__", &format)) return nullptr;
  if (PyUnicode_GetLength(format) == 0) return PyObject_Str(self);
  return PyObject_CallMethod(self, "strftime", "O", format);
}

PyObject* new_date_ex(int year, int month, int day, PyTypeObject* type) {
  if (check_date_args(year, month, day) < 0) return nullptr;
  PyObject* self = type->tp_alloc(type, 0);
  if (self == nullptr) return nullptr;
  as_date(self)->hashcode = -1;
  set_ymd(self, year, month, day);
  return self;
}

// date and datetime are built directly; other classes go through their
// constructor so a subclass __new__ runs.
PyObject* new_date_subclass(int year, int month, int day, PyObject* cls) {
  auto* type = reinterpret_cast<PyTypeObject*>(cls);
  if (type == &DateType) return new_date_ex(year, month, day, type);
  if (type == &DateTimeType)
    return new_datetime_ex2(year, month, day, 0, 0, 0, 0, Py_None, 0, type);
  return PyObject_CallFunction(cls, "iii", year, month, day);
}

PyObject* date_fromtimestamp_obj(PyObject* cls, PyObject* obj) {
  time_t t;
  if (_PyTime_ObjectToTime_t(obj, &t, _PyTime_ROUND_FLOOR) == -1) return nullptr;
  struct tm tm;
  if (_PyTime_localtime(t, &tm) != 0) return nullptr;
  return new_date_subclass(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, cls);
}

PyObject* date_fromtimestamp_capi(PyObject* cls, PyObject* args) {
  PyObject* timestamp;
  if (!PyArg_UnpackTuple(args, "fromtimestamp", 1, 1, &timestamp)) return nullptr;
  return date_fromtimestamp_obj(cls, timestamp);
}

PyTypeObject DateType = {
    PyVarObject_HEAD_INIT(nullptr, 0) "datetime.date",  // tp_name
    sizeof(PyDateTime_Date),                           // tp_basicsize
};

PyTypeObject IsoCalendarDateType = {
    PyVarObject_HEAD_INIT(nullptr, 0) "datetime.IsoCalendarDate",  // tp_name
};

void init_date_type() {
  DateType.tp_repr = date_repr;
  DateType.tp_as_number = &date_as_number;
  DateType.tp_hash = date_hash;
  DateType.tp_str = date_str;
  DateType.tp_getattro = PyObject_GenericGetAttr;
  DateType.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE;
  DateType.tp_doc = date_doc;
  DateType.tp_richcompare = date_richcompare;
  DateType.tp_methods = date_methods;
  DateType.tp_getset = date_getset;
  DateType.tp_new = date_new;

  IsoCalendarDateType.tp_repr = iso_calendar_date_repr;
  IsoCalendarDateType.tp_flags = Py_TPFLAGS_DEFAULT;
  IsoCalendarDateType.tp_doc = "The result of date.isocalendar() or datetime.isocalendar()\n\n"
                               "This object may be accessed either as a tuple of\n"
                               "  ((year, week, weekday)\n"
                               "or via the object attributes as named in the above tuple.";
  IsoCalendarDateType.tp_methods = iso_calendar_date_methods;
  IsoCalendarDateType.tp_getset = iso_calendar_date_getset;
  IsoCalendarDateType.tp_base = &PyTuple_Type;
  IsoCalendarDateType.tp_new = iso_calendar_date_new;
}

}  // namespace krait::dt
