// timedelta.cpp — `datetime.timedelta`: a normalized (days, seconds,
// microseconds) triple in CPython's PyDateTime_Delta layout.
//
// Arithmetic that can leave the int range (multiplication, division, the
// keyword constructor) goes through a Python int of microseconds and back, so
// overflow surfaces as CPython's OverflowError rather than wrapping.
#include "modules/datetime/datetime_internal.h"

#include <structmember.h>

#include <cmath>

namespace krait::dt {

PyObject* us_per_ms;
PyObject* us_per_second;
PyObject* us_per_minute;
PyObject* us_per_hour;
PyObject* us_per_day;
PyObject* us_per_week;
PyObject* seconds_per_day;

namespace {

PyDateTime_Delta* as_delta(PyObject* o) { return reinterpret_cast<PyDateTime_Delta*>(o); }

}  // namespace

PyObject* new_delta_ex(int days, int seconds, int us, int normalize, PyTypeObject* type) {
  if (normalize) {
    normalize_pair(&seconds, &us, 1000000);
    normalize_pair(&days, &seconds, 24 * 3600);
  }
  if (check_delta_day_range(days) < 0) return nullptr;
  PyObject* self = type->tp_alloc(type, 0);
  if (self == nullptr) return nullptr;
  auto* d = as_delta(self);
  d->hashcode = -1;
  d->days = days;
  d->seconds = seconds;
  d->microseconds = us;
  return self;
}

// Nearest integer to m / n, halves to even.
PyObject* divide_nearest(PyObject* m, PyObject* n) {
  Ref<> t = steal(_PyLong_DivmodNear(m, n));
  if (!t) return nullptr;
  return Py_NewRef(PyTuple_GET_ITEM(t.get(), 0));
}

PyObject* delta_to_microseconds(PyObject* self) {
  Ref<> x1 = steal(PyLong_FromLong(td_days(self)));
  if (!x1) return nullptr;
  Ref<> x2 = steal(PyNumber_Multiply(x1.get(), seconds_per_day));
  if (!x2) return nullptr;
  x1 = steal(PyLong_FromLong(td_seconds(self)));
  if (!x1) return nullptr;
  Ref<> x3 = steal(PyNumber_Add(x1.get(), x2.get()));
  if (!x3) return nullptr;
  x1 = steal(PyNumber_Multiply(x3.get(), us_per_second));
  if (!x1) return nullptr;
  x2 = steal(PyLong_FromLong(td_us(self)));
  if (!x2) return nullptr;
  return PyNumber_Add(x1.get(), x2.get());
}

namespace {

// divmod() that insists on a (int, int) result, as the quotient feeds C ints.
PyObject* checked_divmod(PyObject* a, PyObject* b) {
  PyObject* r = PyNumber_Divmod(a, b);
  if (r == nullptr) return nullptr;
  if (!PyTuple_Check(r)) {
    PyErr_Format(PyExc_TypeError, "divmod() returned non-tuple (type %.200s)",
                 Py_TYPE(r)->tp_name);
    Py_DECREF(r);
    return nullptr;
  }
  if (PyTuple_GET_SIZE(r) != 2) {
    PyErr_Format(PyExc_TypeError, "divmod() returned a tuple of size %zd", PyTuple_GET_SIZE(r));
    Py_DECREF(r);
    return nullptr;
  }
  return r;
}

}  // namespace

PyObject* microseconds_to_delta_ex(PyObject* pyus, PyTypeObject* type) {
  Ref<> t = steal(checked_divmod(pyus, us_per_second));
  if (!t) return nullptr;
  Ref<> num = borrow(PyTuple_GET_ITEM(t.get(), 0));
  int us = _PyLong_AsInt(PyTuple_GET_ITEM(t.get(), 1));
  if (us == -1 && PyErr_Occurred()) return nullptr;
  t = steal(checked_divmod(num.get(), seconds_per_day));
  if (!t) return nullptr;
  num = borrow(PyTuple_GET_ITEM(t.get(), 0));
  int s = _PyLong_AsInt(PyTuple_GET_ITEM(t.get(), 1));
  if (s == -1 && PyErr_Occurred()) return nullptr;
  int d = _PyLong_AsInt(num.get());
  if (d == -1 && PyErr_Occurred()) return nullptr;
  return new_delta_ex(d, s, us, 0, type);
}

namespace {

PyObject* microseconds_to_delta(PyObject* pyus) { return microseconds_to_delta_ex(pyus, &DeltaType); }

PyObject* multiply_int_timedelta(PyObject* num, PyObject* delta) {
  Ref<> us = steal(delta_to_microseconds(delta));
  if (!us) return nullptr;
  Ref<> prod = steal(PyNumber_Multiply(us.get(), num));
  if (!prod) return nullptr;
  return microseconds_to_delta(prod.get());
}

// float.as_integer_ratio() checked to give two ints.
PyObject* get_float_as_integer_ratio(PyObject* floatobj) {
  PyObject* ratio = PyObject_CallMethod(floatobj, "as_integer_ratio", nullptr);
  if (ratio == nullptr) return nullptr;
  if (!PyTuple_Check(ratio)) {
    PyErr_Format(PyExc_TypeError, "unexpected return type from as_integer_ratio(): expected tuple, got '%.200s'",
                 Py_TYPE(ratio)->tp_name);
    Py_DECREF(ratio);
    return nullptr;
  }
  if (PyTuple_Size(ratio) != 2) {
    PyErr_SetString(PyExc_ValueError, "as_integer_ratio() must return a 2-tuple");
    Py_DECREF(ratio);
    return nullptr;
  }
  return ratio;
}

// delta * f and delta / f: exact rational arithmetic on f's integer ratio,
// rounded half to even, as CPython does.
PyObject* scale_timedelta_float(PyObject* delta, PyObject* f, bool divide) {
  Ref<> us = steal(delta_to_microseconds(delta));
  if (!us) return nullptr;
  Ref<> ratio = steal(get_float_as_integer_ratio(f));
  if (!ratio) return nullptr;
  PyObject* num = PyTuple_GET_ITEM(ratio.get(), 0);
  PyObject* den = PyTuple_GET_ITEM(ratio.get(), 1);
  Ref<> temp = steal(PyNumber_Multiply(us.get(), divide ? den : num));
  if (!temp) return nullptr;
  Ref<> result = steal(divide_nearest(temp.get(), divide ? num : den));
  if (!result) return nullptr;
  return microseconds_to_delta(result.get());
}

PyObject* divide_timedelta_int(PyObject* delta, PyObject* i, bool nearest) {
  Ref<> us = steal(delta_to_microseconds(delta));
  if (!us) return nullptr;
  Ref<> q = steal(nearest ? divide_nearest(us.get(), i) : PyNumber_FloorDivide(us.get(), i));
  if (!q) return nullptr;
  return microseconds_to_delta(q.get());
}

// Applies a binary int operation to the two deltas' microsecond counts.
PyObject* delta_us_binop(PyObject* a, PyObject* b, PyObject* (*op)(PyObject*, PyObject*)) {
  Ref<> ua = steal(delta_to_microseconds(a));
  if (!ua) return nullptr;
  Ref<> ub = steal(delta_to_microseconds(b));
  if (!ub) return nullptr;
  return op(ua.get(), ub.get());
}

// ------------------------------------------------------------ number slots

PyObject* delta_add(PyObject* left, PyObject* right) {
  if (is_delta(left) && is_delta(right)) {
    return new_delta(td_days(left) + td_days(right), td_seconds(left) + td_seconds(right),
                     td_us(left) + td_us(right), 1);
  }
  Py_RETURN_NOTIMPLEMENTED;
}

PyObject* delta_sub(PyObject* left, PyObject* right) {
  if (is_delta(left) && is_delta(right)) return delta_subtract_deltas(left, right);
  Py_RETURN_NOTIMPLEMENTED;
}

PyObject* delta_positive(PyObject* self) {
  return new_delta(td_days(self), td_seconds(self), td_us(self), 0);
}

PyObject* delta_abs(PyObject* self) {
  if (td_days(self) < 0) return delta_negative(self);
  return delta_positive(self);
}

int delta_bool(PyObject* self) { return delta_nonzero(self) ? 1 : 0; }

PyObject* delta_multiply(PyObject* left, PyObject* right) {
  if (is_delta(left)) {
    if (PyLong_Check(right)) return multiply_int_timedelta(right, left);
    if (PyFloat_Check(right)) return scale_timedelta_float(left, right, false);
  } else if (PyLong_Check(left)) {
    return multiply_int_timedelta(left, right);
  } else if (PyFloat_Check(left)) {
    return scale_timedelta_float(right, left, false);
  }
  Py_RETURN_NOTIMPLEMENTED;
}

PyObject* delta_truedivide(PyObject* left, PyObject* right) {
  if (is_delta(left)) {
    if (is_delta(right)) return delta_us_binop(left, right, PyNumber_TrueDivide);
    if (PyFloat_Check(right)) return scale_timedelta_float(left, right, true);
    if (PyLong_Check(right)) return divide_timedelta_int(left, right, true);
  }
  Py_RETURN_NOTIMPLEMENTED;
}

PyObject* delta_floordivide(PyObject* left, PyObject* right) {
  if (is_delta(left)) {
    if (is_delta(right)) return delta_us_binop(left, right, PyNumber_FloorDivide);
    if (PyLong_Check(right)) return divide_timedelta_int(left, right, false);
  }
  Py_RETURN_NOTIMPLEMENTED;
}

PyObject* delta_remainder(PyObject* left, PyObject* right) {
  if (!is_delta(left) || !is_delta(right)) Py_RETURN_NOTIMPLEMENTED;
  Ref<> r = steal(delta_us_binop(left, right, PyNumber_Remainder));
  if (!r) return nullptr;
  return microseconds_to_delta(r.get());
}

PyObject* delta_divmod(PyObject* left, PyObject* right) {
  if (!is_delta(left) || !is_delta(right)) Py_RETURN_NOTIMPLEMENTED;
  Ref<> qr = steal(delta_us_binop(left, right, checked_divmod));
  if (!qr) return nullptr;
  Ref<> delta = steal(microseconds_to_delta(PyTuple_GET_ITEM(qr.get(), 1)));
  if (!delta) return nullptr;
  return PyTuple_Pack(2, PyTuple_GET_ITEM(qr.get(), 0), delta.get());
}

// ------------------------------------------------------------ construction

// Adds num * factor microseconds to sofar. A float's fraction is carried in
// *leftover so the whole sum is rounded only once, at the end.
PyObject* accum(const char* tag, PyObject* sofar, PyObject* num, PyObject* factor,
                double* leftover) {
  if (PyLong_Check(num)) {
    Ref<> prod = steal(PyNumber_Multiply(num, factor));
    if (!prod) return nullptr;
    return PyNumber_Add(sofar, prod.get());
  }
  if (PyFloat_Check(num)) {
    double dnum = PyFloat_AsDouble(num);
    if (dnum == -1.0 && PyErr_Occurred()) return nullptr;
    double intpart;
    double fracpart = std::modf(dnum, &intpart);
    Ref<> x = steal(PyLong_FromDouble(intpart));
    if (!x) return nullptr;
    Ref<> prod = steal(PyNumber_Multiply(x.get(), factor));
    if (!prod) return nullptr;
    Ref<> sum = steal(PyNumber_Add(sofar, prod.get()));
    if (!sum) return nullptr;
    if (fracpart == 0.0) return sum.release();
    // The fraction needs float arithmetic; factor is a small exact int.
    dnum = PyLong_AsDouble(factor);
    dnum *= fracpart;
    fracpart = std::modf(dnum, &intpart);
    x = steal(PyLong_FromDouble(intpart));
    if (!x) return nullptr;
    PyObject* y = PyNumber_Add(sum.get(), x.get());
    *leftover += fracpart;
    return y;
  }
  PyErr_Format(PyExc_TypeError, "unsupported type for timedelta %s component: %s", tag,
               Py_TYPE(num)->tp_name);
  return nullptr;
}

PyObject* delta_new(PyTypeObject* type, PyObject* args, PyObject* kw) {
  PyObject* day = nullptr;
  PyObject* second = nullptr;
  PyObject* us = nullptr;
  PyObject* ms = nullptr;
  PyObject* minute = nullptr;
  PyObject* hour = nullptr;
  PyObject* week = nullptr;
  static const char* keywords[] = {"days", "seconds", "microseconds", "milliseconds",
                                   "minutes", "hours", "weeks", nullptr};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "|OOOOOOO:__new__", const_cast<char**>(keywords),
                                   &day, &second, &us, &ms, &minute, &hour, &week))
    return nullptr;
  Ref<> x = steal(PyLong_FromLong(0));
  if (!x) return nullptr;
  double leftover_us = 0.0;
  struct Part {
    const char* tag;
    PyObject* value;
    PyObject* factor;
  };
  Ref<> one = steal(PyLong_FromLong(1));
  if (!one) return nullptr;
  const Part parts[] = {{"microseconds", us, one.get()},      {"milliseconds", ms, us_per_ms},
                        {"seconds", second, us_per_second},   {"minutes", minute, us_per_minute},
                        {"hours", hour, us_per_hour},         {"days", day, us_per_day},
                        {"weeks", week, us_per_week}};
  for (const Part& p : parts) {
    if (p.value == nullptr) continue;
    x = steal(accum(p.tag, x.get(), p.value, p.factor, &leftover_us));
    if (!x) return nullptr;
  }
  if (leftover_us != 0.0) {
    // Round the accumulated fraction to the nearest microsecond, halves to
    // even with respect to the whole sum.
    double whole_us = std::round(leftover_us);
    if (std::fabs(whole_us - leftover_us) == 0.5) {
      Ref<> odd = steal(PyNumber_And(x.get(), one.get()));
      if (!odd) return nullptr;
      int x_is_odd = PyObject_IsTrue(odd.get());
      if (x_is_odd == -1) return nullptr;
      whole_us = 2.0 * std::round((leftover_us + x_is_odd) * 0.5) - x_is_odd;
    }
    Ref<> temp = steal(PyLong_FromLong(long(whole_us)));
    if (!temp) return nullptr;
    x = steal(PyNumber_Add(x.get(), temp.get()));
    if (!x) return nullptr;
  }
  return microseconds_to_delta_ex(x.get(), type);
}

// ------------------------------------------------------------ object protocol

PyObject* delta_richcompare(PyObject* self, PyObject* other, int op) {
  if (is_delta(other)) return diff_to_bool(delta_cmp(self, other), op);
  Py_RETURN_NOTIMPLEMENTED;
}

PyObject* delta_getstate(PyObject* self) {
  return Py_BuildValue("iii", td_days(self), td_seconds(self), td_us(self));
}

Py_hash_t delta_hash(PyObject* self) {
  auto* d = as_delta(self);
  if (d->hashcode == -1) {
    Ref<> state = steal(delta_getstate(self));
    if (!state) return -1;
    d->hashcode = PyObject_Hash(state.get());
  }
  return d->hashcode;
}

PyObject* delta_repr(PyObject* self) {
  std::string args;
  const char* sep = "";
  char buf[64];
  if (td_days(self) != 0) {
    snprintf(buf, sizeof buf, "days=%d", td_days(self));
    args += buf;
    sep = ", ";
  }
  if (td_seconds(self) != 0) {
    snprintf(buf, sizeof buf, "%sseconds=%d", sep, td_seconds(self));
    args += buf;
    sep = ", ";
  }
  if (td_us(self) != 0) {
    snprintf(buf, sizeof buf, "%smicroseconds=%d", sep, td_us(self));
    args += buf;
  }
  if (args.empty()) args = "0";
  return PyUnicode_FromFormat("%s(%s)", Py_TYPE(self)->tp_name, args.c_str());
}

PyObject* delta_str(PyObject* self) {
  int us = td_us(self);
  int seconds = td_seconds(self);
  int minutes = floor_divmod(seconds, 60, &seconds);
  int hours = floor_divmod(minutes, 60, &minutes);
  int days = td_days(self);
  char buf[96];
  int n = 0;
  if (days != 0) {
    n = snprintf(buf, sizeof buf, "%d day%s, ", days, (days == 1 || days == -1) ? "" : "s");
  }
  if (us != 0)
    snprintf(buf + n, sizeof buf - n, "%d:%02d:%02d.%06d", hours, minutes, seconds, us);
  else
    snprintf(buf + n, sizeof buf - n, "%d:%02d:%02d", hours, minutes, seconds);
  return PyUnicode_FromString(buf);
}

PyObject* delta_total_seconds(PyObject* self, PyObject*) { return delta_total_seconds_of(self); }

PyObject* delta_reduce(PyObject* self, PyObject*) {
  return Py_BuildValue("ON", Py_TYPE(self), delta_getstate(self));
}

PyMemberDef delta_members[] = {
    {"days", T_INT, offsetof(PyDateTime_Delta, days), READONLY,
     PyDoc_STR("Number of days.")},
    {"seconds", T_INT, offsetof(PyDateTime_Delta, seconds), READONLY,
     PyDoc_STR("Number of seconds (>= 0 and less than 1 day).")},
    {"microseconds", T_INT, offsetof(PyDateTime_Delta, microseconds), READONLY,
     PyDoc_STR("Number of microseconds (>= 0 and less than 1 second).")},
    {nullptr, 0, 0, 0, nullptr}};

PyMethodDef delta_methods[] = {
    {"total_seconds", delta_total_seconds, METH_NOARGS,
     PyDoc_STR("Total seconds in the duration.")},
    {"__reduce__", delta_reduce, METH_NOARGS, PyDoc_STR("__reduce__() -> (cls, state)")},
    {nullptr, nullptr, 0, nullptr}};

PyNumberMethods delta_as_number;  // filled in by init_delta_type

const char delta_doc[] =
    "Difference between two datetime values.\n\n"
    "timedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)\n\n"
    "All arguments are optional and default to 0.\n"
    "Arguments may be integers or floats, and may be positive or negative.";

}  // namespace

PyObject* delta_negative(PyObject* self) {
  return new_delta(-td_days(self), -td_seconds(self), -td_us(self), 1);
}

PyObject* delta_subtract_deltas(PyObject* a, PyObject* b) {
  return new_delta(td_days(a) - td_days(b), td_seconds(a) - td_seconds(b), td_us(a) - td_us(b), 1);
}

int delta_cmp(PyObject* a, PyObject* b) {
  int diff = td_days(a) - td_days(b);
  if (diff == 0) {
    diff = td_seconds(a) - td_seconds(b);
    if (diff == 0) diff = td_us(a) - td_us(b);
  }
  return diff;
}

bool delta_nonzero(PyObject* d) { return td_days(d) != 0 || td_seconds(d) != 0 || td_us(d) != 0; }

PyObject* delta_total_seconds_of(PyObject* self) {
  Ref<> us = steal(delta_to_microseconds(self));
  if (!us) return nullptr;
  return PyNumber_TrueDivide(us.get(), us_per_second);
}

PyTypeObject DeltaType = {
    PyVarObject_HEAD_INIT(nullptr, 0) "datetime.timedelta",  // tp_name
    sizeof(PyDateTime_Delta),                                // tp_basicsize
};

void init_delta_type() {
  DeltaType.tp_repr = delta_repr;
  delta_as_number.nb_add = delta_add;
  delta_as_number.nb_subtract = delta_sub;
  delta_as_number.nb_multiply = delta_multiply;
  delta_as_number.nb_remainder = delta_remainder;
  delta_as_number.nb_divmod = delta_divmod;
  delta_as_number.nb_negative = delta_negative;
  delta_as_number.nb_positive = delta_positive;
  delta_as_number.nb_absolute = delta_abs;
  delta_as_number.nb_bool = delta_bool;
  delta_as_number.nb_floor_divide = delta_floordivide;
  delta_as_number.nb_true_divide = delta_truedivide;
  DeltaType.tp_as_number = &delta_as_number;
  DeltaType.tp_hash = delta_hash;
  DeltaType.tp_str = delta_str;
  DeltaType.tp_getattro = PyObject_GenericGetAttr;
  DeltaType.tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE;
  DeltaType.tp_doc = delta_doc;
  DeltaType.tp_richcompare = delta_richcompare;
  DeltaType.tp_methods = delta_methods;
  DeltaType.tp_members = delta_members;
  DeltaType.tp_new = delta_new;
}

}  // namespace krait::dt
