// tzinfo.cpp — `datetime.tzinfo` (the abstract base: utcoffset/dst/tzname
// raise NotImplementedError, fromutc() implements the standard algorithm)
// and `datetime.timezone` (a fixed offset with an optional name; not
// subclassable, and timezone(timedelta(0)) is the timezone.utc singleton).
#include "modules/datetime/datetime_internal.h"

namespace krait::dt {

PyObject* utc_timezone;

namespace {

TimeZoneObject* as_tz(PyObject* o) { return reinterpret_cast<TimeZoneObject*>(o); }

// ------------------------------------------------------------ tzinfo

PyObject* tzinfo_nogo(const char* methodname) {
  PyErr_Format(PyExc_NotImplementedError, "a tzinfo subclass must implement %s()", methodname);
  return nullptr;
}

PyObject* tzinfo_tzname(PyObject*, PyObject*) { return tzinfo_nogo("tzname"); }
PyObject* tzinfo_utcoffset(PyObject*, PyObject*) { return tzinfo_nogo("utcoffset"); }
PyObject* tzinfo_dst(PyObject*, PyObject*) { return tzinfo_nogo("dst"); }

// The default fromutc(): shift by the standard offset, then by dst() at the
// shifted time.
PyObject* tzinfo_fromutc(PyObject* self, PyObject* dt) {
  if (!is_datetime(dt)) {
    PyErr_SetString(PyExc_TypeError, "fromutc: argument must be a datetime");
    return nullptr;
  }
  if (dt_tzinfo(dt) != self) {
    PyErr_SetString(PyExc_ValueError, "fromutc: dt.tzinfo is not self");
    return nullptr;
  }
  Ref<> off = steal(datetime_utcoffset_of(dt));
  if (!off) return nullptr;
  if (off.get() == Py_None) {
    PyErr_SetString(PyExc_ValueError, "fromutc: non-None utcoffset() result required");
    return nullptr;
  }
  Ref<> dst = steal(datetime_dst_of(dt));
  if (!dst) return nullptr;
  if (dst.get() == Py_None) {
    PyErr_SetString(PyExc_ValueError, "fromutc: non-None dst() result required");
    return nullptr;
  }
  Ref<> delta = steal(delta_subtract_deltas(off.get(), dst.get()));
  if (!delta) return nullptr;
  Ref<> result = steal(checked_datetime(add_datetime_timedelta(dt, delta.get(), 1)));
  if (!result) return nullptr;
  dst = steal(call_dst(dt_tzinfo(dt), result.get()));
  if (!dst) return nullptr;
  if (dst.get() == Py_None) {
    PyErr_SetString(PyExc_ValueError,
                    "fromutc: tz.dst() gave inconsistent results; cannot convert");
    return nullptr;
  }
  if (delta_nonzero(dst.get())) result = steal(add_datetime_timedelta(result.get(), dst.get(), 1));
  return result.release();
}

// (type(self), self.__getinitargs__() or (), self.__getstate__())
PyObject* tzinfo_reduce(PyObject* self, PyObject*) {
  Ref<> getinitargs = steal(PyObject_GetAttrString(self, "__getinitargs__"));
  Ref<> args;
  if (getinitargs) {
    args = steal(PyObject_CallNoArgs(getinitargs.get()));
  } else {
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return nullptr;
    PyErr_Clear();
    args = steal(PyTuple_New(0));
  }
  if (!args) return nullptr;
  Ref<> state = steal(PyObject_CallMethod(self, "__getstate__", nullptr));
  if (!state) return nullptr;
  return Py_BuildValue("(OOO)", Py_TYPE(self), args.get(), state.get());
}

PyMethodDef tzinfo_methods[] = {
    {"tzname", tzinfo_tzname, METH_O, PyDoc_STR("datetime -> string name of time zone.")},
    {"utcoffset", tzinfo_utcoffset, METH_O,
     PyDoc_STR("datetime -> timedelta showing offset from UTC, negative values indicating West "
               "of UTC")},
    {"dst", tzinfo_dst, METH_O, PyDoc_STR("datetime -> DST offset as timedelta positive east of UTC.")},
    {"fromutc", tzinfo_fromutc, METH_O,
     PyDoc_STR("datetime in UTC -> datetime in local time.")},
    {"__reduce__", tzinfo_reduce, METH_NOARGS, PyDoc_STR("-> (cls, state)")},
    {nullptr, nullptr, 0, nullptr}};

// ------------------------------------------------------------ timezone

PyObject* create_timezone(PyObject* offset, PyObject* name, PyTypeObject* type) {
  PyObject* self = type->tp_alloc(type, 0);
  if (self == nullptr) return nullptr;
  as_tz(self)->offset = Py_NewRef(offset);
  as_tz(self)->name = Py_XNewRef(name);
  return self;
}

bool offset_out_of_range(PyObject* offset) {
  return (td_days(offset) == -1 && td_seconds(offset) == 0 && td_us(offset) < 1) ||
         td_days(offset) < -1 || td_days(offset) >= 1;
}

PyObject* timezone_new(PyTypeObject*, PyObject* args, PyObject* kw) {
  PyObject* offset;
  PyObject* name = nullptr;
  static const char* kws[] = {"offset", "name", nullptr};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "O!|U:timezone", const_cast<char**>(kws), &DeltaType,
                                   &offset, &name))
    return nullptr;
  return new_timezone(offset, name);
}

void timezone_dealloc(PyObject* self) {
  Py_CLEAR(as_tz(self)->offset);
  Py_CLEAR(as_tz(self)->name);
  Py_TYPE(self)->tp_free(self);
}

PyObject* timezone_richcompare(PyObject* self, PyObject* other, int op) {
  if (op != Py_EQ && op != Py_NE) Py_RETURN_NOTIMPLEMENTED;
  if (!is_timezone(other)) Py_RETURN_NOTIMPLEMENTED;
  return diff_to_bool(delta_cmp(as_tz(self)->offset, as_tz(other)->offset), op);
}

Py_hash_t timezone_hash(PyObject* self) { return PyObject_Hash(as_tz(self)->offset); }

// The dt argument of the timezone methods must be a datetime or None.
int check_dt_argument(PyObject* dt, const char* meth) {
  if (dt == Py_None || is_datetime(dt)) return 0;
  PyErr_Format(PyExc_TypeError, "%s(dt) argument must be a datetime instance or None, not %.200s",
               meth, Py_TYPE(dt)->tp_name);
  return -1;
}

PyObject* timezone_repr(PyObject* self) {
  const char* type_name = Py_TYPE(self)->tp_name;
  if (self == utc_timezone) return PyUnicode_FromFormat("%s.utc", type_name);
  if (as_tz(self)->name == nullptr)
    return PyUnicode_FromFormat("%s(%R)", type_name, as_tz(self)->offset);
  return PyUnicode_FromFormat("%s(%R, %R)", type_name, as_tz(self)->offset, as_tz(self)->name);
}

PyObject* timezone_tzname_of(PyObject* self) {
  if (as_tz(self)->name != nullptr) return Py_NewRef(as_tz(self)->name);
  PyObject* offset = as_tz(self)->offset;
  if (self == utc_timezone || !delta_nonzero(offset)) return PyUnicode_FromString("UTC");
  char sign = '+';
  Ref<> off = borrow(offset);
  if (td_days(offset) < 0) {
    sign = '-';
    off = steal(delta_negative(offset));
    if (!off) return nullptr;
  }
  int us = td_us(off.get());
  int seconds = td_seconds(off.get());
  int minutes = floor_divmod(seconds, 60, &seconds);
  int hours = floor_divmod(minutes, 60, &minutes);
  if (us != 0)
    return PyUnicode_FromFormat("UTC%c%02d:%02d:%02d.%06d", sign, hours, minutes, seconds, us);
  if (seconds != 0)
    return PyUnicode_FromFormat("UTC%c%02d:%02d:%02d", sign, hours, minutes, seconds);
  return PyUnicode_FromFormat("UTC%c%02d:%02d", sign, hours, minutes);
}

PyObject* timezone_str(PyObject* self) { return timezone_tzname_of(self); }

PyObject* timezone_tzname(PyObject* self, PyObject* dt) {
  if (check_dt_argument(dt, "tzname") < 0) return nullptr;
  return timezone_tzname_of(self);
}

PyObject* timezone_utcoffset(PyObject* self, PyObject* dt) {
  if (check_dt_argument(dt, "utcoffset") < 0) return nullptr;
  return Py_NewRef(as_tz(self)->offset);
}

PyObject* timezone_dst(PyObject*, PyObject* dt) {
  if (check_dt_argument(dt, "dst") < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* timezone_fromutc(PyObject* self, PyObject* dt) {
  if (!is_datetime(dt)) {
    PyErr_SetString(PyExc_TypeError, "fromutc: argument must be a datetime");
    return nullptr;
  }
  if (dt_tzinfo(dt) != self) {
    PyErr_SetString(PyExc_ValueError, "fromutc: dt.tzinfo is not self");
    return nullptr;
  }
  return add_datetime_timedelta(dt, as_tz(self)->offset, 1);
}

PyObject* timezone_getinitargs(PyObject* self, PyObject*) {
  if (as_tz(self)->name == nullptr) return Py_BuildValue("(O)", as_tz(self)->offset);
  return Py_BuildValue("(OO)", as_tz(self)->offset, as_tz(self)->name);
}

PyMethodDef timezone_methods[] = {
    {"tzname", timezone_tzname, METH_O,
     PyDoc_STR("If name is specified when timezone is created, returns the name.  Otherwise "
               "returns offset as 'UTC(+|-)HH:MM'.")},
    {"utcoffset", timezone_utcoffset, METH_O,
     PyDoc_STR("Return fixed offset.")},
    {"dst", timezone_dst, METH_O, PyDoc_STR("Return None.")},
    {"fromutc", timezone_fromutc, METH_O, PyDoc_STR("datetime in UTC -> datetime in local time.")},
    {"__getinitargs__", timezone_getinitargs, METH_NOARGS, PyDoc_STR("pickle support")},
    {nullptr, nullptr, 0, nullptr}};

const char timezone_doc[] = "Fixed offset from UTC implementation of tzinfo.";

}  // namespace

PyObject* new_timezone(PyObject* offset, PyObject* name) {
  if (name == nullptr && !delta_nonzero(offset)) return Py_NewRef(utc_timezone);
  if (offset_out_of_range(offset)) {
    PyErr_Format(PyExc_ValueError,
                 "offset must be a timedelta strictly between -timedelta(hours=24) and "
                 "timedelta(hours=24), not %R.",
                 offset);
    return nullptr;
  }
  return create_timezone(offset, name, &TimeZoneType);
}

PyTypeObject TZInfoType = {
    PyVarObject_HEAD_INIT(nullptr, 0) "datetime.tzinfo",  // tp_name
    sizeof(PyDateTime_TZInfo),                           // tp_basicsize
};

PyTypeObject TimeZoneType = {
    PyVarObject_HEAD_INIT(nullptr, 0) "datetime.timezone",  // tp_name
    sizeof(TimeZoneObject),                                // tp_basicsize
};

void init_tz_types() {
  TZInfoType.tp_getattro = PyObject_GenericGetAttr;
  TZInfoType.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE;
  TZInfoType.tp_doc = "Abstract base class for time zone info objects.";
  TZInfoType.tp_methods = tzinfo_methods;
  TZInfoType.tp_new = PyType_GenericNew;

  TimeZoneType.tp_dealloc = timezone_dealloc;
  TimeZoneType.tp_repr = timezone_repr;
  TimeZoneType.tp_hash = timezone_hash;
  TimeZoneType.tp_str = timezone_str;
  TimeZoneType.tp_flags = Py_TPFLAGS_DEFAULT;
  TimeZoneType.tp_doc = timezone_doc;
  TimeZoneType.tp_richcompare = timezone_richcompare;
  TimeZoneType.tp_methods = timezone_methods;
  TimeZoneType.tp_base = &TZInfoType;
  TimeZoneType.tp_new = timezone_new;
}

// timezone.utc, made before any other timezone (new_timezone returns it for
// a nameless zero offset).
int make_utc_singleton() {
  Ref<> zero = steal(new_delta(0, 0, 0, 0));
  if (!zero) return -1;
  utc_timezone = create_timezone(zero.get(), nullptr, &TimeZoneType);
  return utc_timezone ? 0 : -1;
}

}  // namespace krait::dt
