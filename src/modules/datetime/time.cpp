// time.cpp — `datetime.time` (PyDateTime_Time: 6 packed bytes, fold, and a
// tzinfo that exists only when hastzinfo is set).
//
// A time's tzinfo methods are called with None as their argument: a time has
// no date, so the offset cannot depend on one.
#include "modules/datetime/datetime_internal.h"

#include <cstring>

namespace krait::dt {

namespace {

PyDateTime_Time* as_time(PyObject* o) { return reinterpret_cast<PyDateTime_Time*>(o); }

PyObject* time_from_pickle(PyTypeObject* type, PyObject* state, PyObject* tzinfo) {
  bool aware = tzinfo != Py_None;
  if (aware && check_tzinfo_subclass(tzinfo) < 0) {
    PyErr_SetString(PyExc_TypeError, "bad tzinfo state arg");
    return nullptr;
  }
  PyObject* self = type->tp_alloc(type, aware);
  if (self == nullptr) return nullptr;
  auto* me = as_time(self);
  const char* pdata = PyBytes_AS_STRING(state);
  std::memcpy(me->data, pdata, _PyDateTime_TIME_DATASIZE);
  me->hashcode = -1;
  me->hastzinfo = aware;
  if (aware) me->tzinfo = Py_NewRef(tzinfo);
  // Protocol 4+ pickles carry fold in the hour byte's top bit.
  if (pdata[0] & (1 << 7)) {
    me->data[0] -= 128;
    me->fold = 1;
  } else {
    me->fold = 0;
  }
  return self;
}

PyObject* time_new(PyTypeObject* type, PyObject* args, PyObject* kw) {
  PyObject* tzinfo = Py_None;
  Py_ssize_t nargs = PyTuple_GET_SIZE(args);
  if (nargs >= 1 && nargs <= 2) {
    PyObject* state = PyTuple_GET_ITEM(args, 0);
    if (nargs == 2) tzinfo = PyTuple_GET_ITEM(args, 1);
    if (PyBytes_Check(state)) {
      if (PyBytes_GET_SIZE(state) == _PyDateTime_TIME_DATASIZE &&
          (0x7F & static_cast<unsigned char>(PyBytes_AS_STRING(state)[0])) < 24)
        return time_from_pickle(type, state, tzinfo);
    } else if (PyUnicode_Check(state)) {
      if (PyUnicode_GET_LENGTH(state) == _PyDateTime_TIME_DATASIZE &&
          (0x7F & PyUnicode_READ_CHAR(state, 0)) < 24) {
        Ref<> bytes = steal(PyUnicode_AsLatin1String(state));
        if (!bytes) {
          if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
            PyErr_SetString(PyExc_ValueError,
                            "Failed to encode latin1 string when unpickling a time object. "
                            "pickle.load(data, encoding='latin1') is assumed.");
          }
          return nullptr;
        }
        return time_from_pickle(type, bytes.get(), tzinfo);
      }
    }
    tzinfo = Py_None;
  }
  int hour = 0, minute = 0, second = 0, us = 0, fold = 0;
  static const char* kws[] = {"hour", "minute", "second", "microsecond", "tzinfo", "fold", nullptr};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "|iiiiO$i", const_cast<char**>(kws), &hour, &minute,
                                   &second, &us, &tzinfo, &fold))
    return nullptr;
  return new_time_ex2(hour, minute, second, us, tzinfo, fold, type);
}

void time_dealloc(PyObject* self) {
  if (as_time(self)->hastzinfo) Py_XDECREF(as_time(self)->tzinfo);
  Py_TYPE(self)->tp_free(self);
}

// ------------------------------------------------------------ accessors

PyObject* time_hour(PyObject* self, void*) { return PyLong_FromLong(t_hour(self)); }
PyObject* time_minute(PyObject* self, void*) { return PyLong_FromLong(t_minute(self)); }
PyObject* time_second(PyObject* self, void*) { return PyLong_FromLong(t_second(self)); }
PyObject* time_microsecond(PyObject* self, void*) { return PyLong_FromLong(t_us(self)); }
PyObject* time_tzinfo(PyObject* self, void*) { return Py_NewRef(t_tzinfo(self)); }
PyObject* time_fold(PyObject* self, void*) { return PyLong_FromLong(t_fold(self)); }

PyGetSetDef time_getset[] = {{"hour", time_hour, nullptr, nullptr, nullptr},
                             {"minute", time_minute, nullptr, nullptr, nullptr},
                             {"second", time_second, nullptr, nullptr, nullptr},
                             {"microsecond", time_microsecond, nullptr, nullptr, nullptr},
                             {"tzinfo", time_tzinfo, nullptr, nullptr, nullptr},
                             {"fold", time_fold, nullptr, nullptr, nullptr},
                             {nullptr, nullptr, nullptr, nullptr, nullptr}};

// ------------------------------------------------------------ tzinfo methods

PyObject* time_utcoffset(PyObject* self, PyObject*) { return call_utcoffset(t_tzinfo(self), Py_None); }
PyObject* time_dst(PyObject* self, PyObject*) { return call_dst(t_tzinfo(self), Py_None); }
PyObject* time_tzname(PyObject* self, PyObject*) { return call_tzname(t_tzinfo(self), Py_None); }

// ------------------------------------------------------------ string forms

PyObject* time_repr(PyObject* self) {
  const char* type_name = Py_TYPE(self)->tp_name;
  int h = t_hour(self), m = t_minute(self), s = t_second(self), us = t_us(self);
  PyObject* result;
  if (us)
    result = PyUnicode_FromFormat("%s(%d, %d, %d, %d)", type_name, h, m, s, us);
  else if (s)
    result = PyUnicode_FromFormat("%s(%d, %d, %d)", type_name, h, m, s);
  else
    result = PyUnicode_FromFormat("%s(%d, %d)", type_name, h, m);
  if (result != nullptr && as_time(self)->hastzinfo)
    result = append_keyword_tzinfo(result, as_time(self)->tzinfo);
  if (result != nullptr && t_fold(self)) result = append_keyword_fold(result, t_fold(self));
  return result;
}

PyObject* time_str(PyObject* self) { return PyObject_CallMethod(self, "isoformat", nullptr); }

PyObject* time_isoformat(PyObject* self, PyObject* args, PyObject* kw) {
  const char* timespec = nullptr;
  static const char* kws[] = {"timespec", nullptr};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "|s:isoformat", const_cast<char**>(kws), &timespec))
    return nullptr;
  int us = t_us(self);
  int spec = parse_timespec(timespec, us);
  if (spec < 0) return nullptr;
  int h = t_hour(self), m = t_minute(self), s = t_second(self);
  PyObject* result;
  switch (spec) {
    case 0: result = PyUnicode_FromFormat("%02d", h); break;
    case 1: result = PyUnicode_FromFormat("%02d:%02d", h, m); break;
    case 2: result = PyUnicode_FromFormat("%02d:%02d:%02d", h, m, s); break;
    case 3: result = PyUnicode_FromFormat("%02d:%02d:%02d.%03d", h, m, s, us / 1000); break;
    default: result = PyUnicode_FromFormat("%02d:%02d:%02d.%06d", h, m, s, us); break;
  }
  if (result == nullptr || !as_time(self)->hastzinfo || as_time(self)->tzinfo == Py_None)
    return result;
  std::string off;
  if (format_utcoffset(&off, ":", as_time(self)->tzinfo, Py_None) < 0) {
    Py_DECREF(result);
    return nullptr;
  }
  PyUnicode_AppendAndDel(&result, PyUnicode_FromString(off.c_str()));
  return result;
}

PyObject* time_strftime(PyObject* self, PyObject* args, PyObject* kw) {
  PyObject* format;
  static const char* kws[] = {"format", nullptr};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "U:strftime", const_cast<char**>(kws), &format))
    return nullptr;
  // The date fields are 1900-01-01, enough for any strftime() directive.
  Ref<> tuple = steal(Py_BuildValue("iiiiiiiii", 1900, 1, 1, t_hour(self), t_minute(self),
                                    t_second(self), 0, 1, -1));
  if (!tuple) return nullptr;
  return wrap_strftime(self, format, tuple.get(), Py_None);
}

PyObject* time_fromisoformat(PyObject* cls, PyObject* tstr) {
  if (!PyUnicode_Check(tstr)) {
    PyErr_SetString(PyExc_TypeError, "fromisoformat: argument must be str");
    return nullptr;
  }
  Py_ssize_t len;
  const char* p = PyUnicode_AsUTF8AndSize(tstr, &len);
  int rv = -1;
  int hour = 0, minute = 0, second = 0, us = 0, tzoffset = 0, tzus = 0;
  if (p == nullptr) {
    PyErr_Clear();
  } else {
    // ISO 8601 time-only strings may start with 'T'.
    if (*p == 'T') {
      ++p;
      --len;
    }
    rv = parse_isoformat_time(p, size_t(len), &hour, &minute, &second, &us, &tzoffset, &tzus);
  }
  if (rv < 0) {
    PyErr_Format(PyExc_ValueError, "Invalid isoformat string: %R", tstr);
    return nullptr;
  }
  Ref<> tzinfo = steal(tzinfo_from_isoformat_results(rv, tzoffset, tzus));
  if (!tzinfo) return nullptr;
  if (reinterpret_cast<PyTypeObject*>(cls) == &TimeType)
    return new_time_ex2(hour, minute, second, us, tzinfo.get(), 0, &TimeType);
  return PyObject_CallFunction(cls, "iiiiO", hour, minute, second, us, tzinfo.get());
}

// ------------------------------------------------------------ comparison, hash

PyObject* time_richcompare(PyObject* self, PyObject* other, int op) {
  if (!is_time(other)) Py_RETURN_NOTIMPLEMENTED;
  if (t_tzinfo(self) == t_tzinfo(other)) {
    int diff = std::memcmp(as_time(self)->data, as_time(other)->data, _PyDateTime_TIME_DATASIZE);
    return diff_to_bool(diff, op);
  }
  Ref<> offset1 = steal(time_utcoffset(self, nullptr));
  if (!offset1) return nullptr;
  Ref<> offset2 = steal(time_utcoffset(other, nullptr));
  if (!offset2) return nullptr;
  // Both naive, or both aware with equal offsets: compare the fields.
  if (offset1.get() == offset2.get() ||
      (is_delta(offset1.get()) && is_delta(offset2.get()) &&
       delta_cmp(offset1.get(), offset2.get()) == 0)) {
    int diff = std::memcmp(as_time(self)->data, as_time(other)->data, _PyDateTime_TIME_DATASIZE);
    return diff_to_bool(diff, op);
  }
  if (offset1.get() != Py_None && offset2.get() != Py_None) {
    int offsecs1 = t_hour(self) * 3600 + t_minute(self) * 60 + t_second(self) -
                   td_days(offset1.get()) * 86400 - td_seconds(offset1.get());
    int offsecs2 = t_hour(other) * 3600 + t_minute(other) * 60 + t_second(other) -
                   td_days(offset2.get()) * 86400 - td_seconds(offset2.get());
    int diff = offsecs1 - offsecs2;
    if (diff == 0) diff = t_us(self) - t_us(other);
    return diff_to_bool(diff, op);
  }
  if (op == Py_EQ) Py_RETURN_FALSE;
  if (op == Py_NE) Py_RETURN_TRUE;
  PyErr_SetString(PyExc_TypeError, "can't compare offset-naive and offset-aware times");
  return nullptr;
}

Py_hash_t time_hash(PyObject* self) {
  auto* me = as_time(self);
  if (me->hashcode != -1) return me->hashcode;
  // fold does not take part in equality, so not in the hash either.
  Ref<> self0;
  if (t_fold(self)) {
    self0 = steal(new_time_ex2(t_hour(self), t_minute(self), t_second(self), t_us(self),
                               t_tzinfo(self), 0, Py_TYPE(self)));
    if (!self0) return -1;
  } else {
    self0 = borrow(self);
  }
  Ref<> offset = steal(time_utcoffset(self0.get(), nullptr));
  if (!offset) return -1;
  if (offset.get() == Py_None) {
    me->hashcode = _Py_HashBytes(me->data, _PyDateTime_TIME_DATASIZE);
  } else {
    int seconds = t_hour(self) * 3600 + t_minute(self) * 60 + t_second(self);
    Ref<> temp1 = steal(new_delta(0, seconds, t_us(self), 1));
    if (!temp1) return -1;
    Ref<> temp2 = steal(delta_subtract_deltas(temp1.get(), offset.get()));
    if (!temp2) return -1;
    me->hashcode = PyObject_Hash(temp2.get());
  }
  return me->hashcode;
}

// ------------------------------------------------------------ replace, pickle

PyObject* time_replace(PyObject* self, PyObject* args, PyObject* kw) {
  int hh = t_hour(self), mm = t_minute(self), ss = t_second(self), us = t_us(self);
  PyObject* tzinfo = t_tzinfo(self);
  int fold = t_fold(self);
  static const char* kws[] = {"hour", "minute", "second", "microsecond", "tzinfo", "fold", nullptr};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "|iiiiO$i:replace", const_cast<char**>(kws), &hh, &mm,
                                   &ss, &us, &tzinfo, &fold))
    return nullptr;
  if (fold != 0 && fold != 1) {
    PyErr_SetString(PyExc_ValueError, "fold must be either 0 or 1");
    return nullptr;
  }
  Ref<> tuple = steal(Py_BuildValue("iiiiO", hh, mm, ss, us, tzinfo));
  if (!tuple) return nullptr;
  PyObject* clone = time_new(Py_TYPE(self), tuple.get(), nullptr);
  if (clone != nullptr) as_time(clone)->fold = static_cast<unsigned char>(fold);
  return clone;
}

PyObject* time_getstate(PyObject* self, int proto) {
  Ref<> basestate = steal(PyBytes_FromStringAndSize(
      reinterpret_cast<const char*>(as_time(self)->data), _PyDateTime_TIME_DATASIZE));
  if (!basestate) return nullptr;
  if (proto > 3 && t_fold(self)) PyBytes_AS_STRING(basestate.get())[0] |= (1 << 7);
  if (!as_time(self)->hastzinfo || as_time(self)->tzinfo == Py_None)
    return PyTuple_Pack(1, basestate.get());
  return PyTuple_Pack(2, basestate.get(), as_time(self)->tzinfo);
}

PyObject* time_reduce_ex(PyObject* self, PyObject* args) {
  int proto;
  if (!PyArg_ParseTuple(args, "i:__reduce_ex__", &proto)) return nullptr;
  return Py_BuildValue("(ON)", Py_TYPE(self), time_getstate(self, proto));
}

PyObject* time_reduce(PyObject* self, PyObject*) {
  return Py_BuildValue("(ON)", Py_TYPE(self), time_getstate(self, 2));
}

PyMethodDef time_methods[] = {
    {"isoformat", kw_method(time_isoformat), METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("Return string in ISO 8601 format, [HH[:MM[:SS[.mmm[uuu]]]]][+HH:MM].\n\n"
               "The optional argument timespec specifies the number of additional terms\n"
               "of the time to include. Valid options are 'auto', 'hours', 'minutes',\n"
               "'seconds', 'milliseconds' and 'microseconds'.\n")},
    {"strftime", kw_method(time_strftime), METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("format -> strftime() style string.")},
    {"__format__", date_format, METH_VARARGS, PyDoc_STR("Formats self with strftime.")},
    {"utcoffset", time_utcoffset, METH_NOARGS,
     PyDoc_STR("Return self.tzinfo.utcoffset(self).")},
    {"tzname", time_tzname, METH_NOARGS, PyDoc_STR("Return self.tzinfo.tzname(self).")},
    {"dst", time_dst, METH_NOARGS, PyDoc_STR("Return self.tzinfo.dst(self).")},
    {"replace", kw_method(time_replace), METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("Return time with new specified fields.")},
    {"fromisoformat", time_fromisoformat, METH_O | METH_CLASS,
     PyDoc_STR("string -> time from a string in ISO 8601 format")},
    {"__reduce_ex__", time_reduce_ex, METH_VARARGS,
     PyDoc_STR("__reduce_ex__(proto) -> (cls, state)")},
    {"__reduce__", time_reduce, METH_NOARGS, PyDoc_STR("__reduce__() -> (cls, state)")},
    {nullptr, nullptr, 0, nullptr}};

const char time_doc[] =
    "time([hour[, minute[, second[, microsecond[, tzinfo]]]]]) --> a time object\n\n"
    "All arguments are optional. tzinfo may be None, or an instance of\n"
    "a tzinfo subclass. The remaining arguments may be ints.\n";

}  // namespace

PyObject* new_time_ex2(int hh, int mi, int ss, int us, PyObject* tzinfo, int fold,
                       PyTypeObject* type) {
  if (check_time_args(hh, mi, ss, us, fold) < 0) return nullptr;
  if (check_tzinfo_subclass(tzinfo) < 0) return nullptr;
  bool aware = tzinfo != Py_None;
  PyObject* self = type->tp_alloc(type, aware);
  if (self == nullptr) return nullptr;
  auto* me = as_time(self);
  me->hastzinfo = aware;
  me->hashcode = -1;
  set_t_hms(self, hh, mi, ss, us);
  if (aware) me->tzinfo = Py_NewRef(tzinfo);
  me->fold = static_cast<unsigned char>(fold);
  return self;
}

PyObject* new_time_ex(int hh, int mi, int ss, int us, PyObject* tzinfo, PyTypeObject* type) {
  return new_time_ex2(hh, mi, ss, us, tzinfo, 0, type);
}

PyTypeObject TimeType = {
    PyVarObject_HEAD_INIT(nullptr, 0) "datetime.time",  // tp_name
    sizeof(PyDateTime_Time),                           // tp_basicsize
};

void init_time_type() {
  TimeType.tp_dealloc = time_dealloc;
  TimeType.tp_repr = time_repr;
  TimeType.tp_hash = time_hash;
  TimeType.tp_str = time_str;
  TimeType.tp_getattro = PyObject_GenericGetAttr;
  TimeType.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE;
  TimeType.tp_doc = time_doc;
  TimeType.tp_richcompare = time_richcompare;
  TimeType.tp_methods = time_methods;
  TimeType.tp_getset = time_getset;
  TimeType.tp_new = time_new;
}

}  // namespace krait::dt
