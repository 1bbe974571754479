// datetime_ops.cpp — the computational half of `datetime.datetime`:
// arithmetic with timedelta and between datetimes (offset-adjusted when the
// tzinfos differ), comparison with PEP 495's inter-zone fold rule, hashing,
// timetuples, timestamp() and astimezone() (including the local zone, found
// by solving localtime() for naive values).
#include "modules/datetime/datetime_internal.h"

#include <cstring>

namespace krait::dt {

PyObject* epoch_datetime;

namespace {

PyDateTime_DateTime* as_dt(PyObject* o) { return reinterpret_cast<PyDateTime_DateTime*>(o); }

int ymd_ord_of(PyObject* dt) { return ymd_to_ord(get_year(dt), get_month(dt), get_day(dt)); }

}  // namespace

PyObject* datetime_utcoffset_of(PyObject* self) { return call_utcoffset(dt_tzinfo(self), self); }
PyObject* datetime_dst_of(PyObject* self) { return call_dst(dt_tzinfo(self), self); }

PyObject* datetime_utcoffset(PyObject* self, PyObject*) { return datetime_utcoffset_of(self); }
PyObject* datetime_dst(PyObject* self, PyObject*) { return datetime_dst_of(self); }
PyObject* datetime_tzname(PyObject* self, PyObject*) { return call_tzname(dt_tzinfo(self), self); }

// date + factor * delta, keeping the (sub)class and tzinfo.
PyObject* add_datetime_timedelta(PyObject* date, PyObject* delta, int factor) {
  int year = get_year(date), month = get_month(date);
  int day = get_day(date) + td_days(delta) * factor;
  int hour = dt_hour(date), minute = dt_minute(date);
  int second = dt_second(date) + td_seconds(delta) * factor;
  int us = dt_us(date) + td_us(delta) * factor;
  if (normalize_datetime(&year, &month, &day, &hour, &minute, &second, &us) < 0) return nullptr;
  return new_datetime_subclass_fold(year, month, day, hour, minute, second, us, dt_tzinfo(date), 0,
                                    reinterpret_cast<PyObject*>(Py_TYPE(date)));
}

// A datetime subclass's constructor can return anything; code that goes on
// to read the result's fields needs a datetime (CPython would read garbage).
PyObject* checked_datetime(PyObject* r) {
  if (r != nullptr && !is_datetime(r)) {
    PyErr_Format(PyExc_TypeError, "datetime subclass constructor returned '%.200s', not a datetime",
                 Py_TYPE(r)->tp_name);
    Py_DECREF(r);
    return nullptr;
  }
  return r;
}

PyObject* datetime_add(PyObject* left, PyObject* right) {
  if (is_datetime(left)) {
    if (is_delta(right)) return add_datetime_timedelta(left, right, 1);
  } else if (is_delta(left)) {
    return add_datetime_timedelta(right, left, 1);
  }
  Py_RETURN_NOTIMPLEMENTED;
}

PyObject* datetime_subtract(PyObject* left, PyObject* right) {
  if (!is_datetime(left)) Py_RETURN_NOTIMPLEMENTED;
  if (is_delta(right)) return add_datetime_timedelta(left, right, -1);
  if (!is_datetime(right)) Py_RETURN_NOTIMPLEMENTED;
  Ref<> offset1, offset2;
  if (dt_tzinfo(left) == dt_tzinfo(right)) {
    offset1 = borrow(Py_None);
    offset2 = borrow(Py_None);
  } else {
    offset1 = steal(datetime_utcoffset_of(left));
    if (!offset1) return nullptr;
    offset2 = steal(datetime_utcoffset_of(right));
    if (!offset2) return nullptr;
    if ((offset1.get() != Py_None) != (offset2.get() != Py_None)) {
      PyErr_SetString(PyExc_TypeError, "can't subtract offset-naive and offset-aware datetimes");
      return nullptr;
    }
  }
  Ref<> offdiff;
  if (offset1.get() != offset2.get() && delta_cmp(offset1.get(), offset2.get()) != 0) {
    offdiff = steal(delta_subtract_deltas(offset1.get(), offset2.get()));
    if (!offdiff) return nullptr;
  }
  int delta_d = ymd_ord_of(left) - ymd_ord_of(right);
  // These can't overflow: each field is bounded by its unit.
  int delta_s = (dt_hour(left) - dt_hour(right)) * 3600 +
                (dt_minute(left) - dt_minute(right)) * 60 + (dt_second(left) - dt_second(right));
  int delta_us = dt_us(left) - dt_us(right);
  PyObject* result = new_delta(delta_d, delta_s, delta_us, 1);
  if (result == nullptr) return nullptr;
  if (offdiff) {
    Ref<> r = steal(result);
    result = delta_subtract_deltas(r.get(), offdiff.get());
  }
  return result;
}

PyObject* datetime_sub(PyObject* left, PyObject* right) { return datetime_subtract(left, right); }

namespace {

// utcoffset() of dt with its fold flipped.
PyObject* flip_fold_offset(PyObject* dt) {
  Ref<> flip = steal(new_datetime_ex2(get_year(dt), get_month(dt), get_day(dt), dt_hour(dt),
                                      dt_minute(dt), dt_second(dt), dt_us(dt), dt_tzinfo(dt),
                                      !dt_fold(dt), Py_TYPE(dt)));
  if (!flip) return nullptr;
  return datetime_utcoffset_of(flip.get());
}

// PEP 495: an aware datetime whose utcoffset() depends on fold is never equal
// to a datetime in another zone.
int pep495_eq_exception(PyObject* self, PyObject* other, PyObject* offset_self,
                        PyObject* offset_other) {
  Ref<> flip = steal(flip_fold_offset(self));
  if (!flip) return -1;
  if (flip.get() != offset_self && delta_cmp(flip.get(), offset_self)) return 1;
  flip = steal(flip_fold_offset(other));
  if (!flip) return -1;
  if (flip.get() != offset_other && delta_cmp(flip.get(), offset_other)) return 1;
  return 0;
}

}  // namespace

PyObject* datetime_richcompare(PyObject* self, PyObject* other, int op) {
  if (!is_datetime(other)) {
    if (is_date(other)) {
      // A plain date would otherwise compare by its date part alone.
      if (op == Py_EQ) Py_RETURN_FALSE;
      if (op == Py_NE) Py_RETURN_TRUE;
      return cmperror(self, other);
    }
    Py_RETURN_NOTIMPLEMENTED;
  }
  if (dt_tzinfo(self) == dt_tzinfo(other)) {
    int diff = std::memcmp(as_dt(self)->data, as_dt(other)->data, _PyDateTime_DATETIME_DATASIZE);
    return diff_to_bool(diff, op);
  }
  Ref<> offset1 = steal(datetime_utcoffset_of(self));
  if (!offset1) return nullptr;
  Ref<> offset2 = steal(datetime_utcoffset_of(other));
  if (!offset2) return nullptr;
  if (offset1.get() == offset2.get() ||
      (is_delta(offset1.get()) && is_delta(offset2.get()) &&
       delta_cmp(offset1.get(), offset2.get()) == 0)) {
    int diff = std::memcmp(as_dt(self)->data, as_dt(other)->data, _PyDateTime_DATETIME_DATASIZE);
    if ((op == Py_EQ || op == Py_NE) && diff == 0) {
      int ex = pep495_eq_exception(self, other, offset1.get(), offset2.get());
      if (ex == -1) return nullptr;
      if (ex) diff = 1;
    }
    return diff_to_bool(diff, op);
  }
  if (offset1.get() != Py_None && offset2.get() != Py_None) {
    Ref<> delta = steal(datetime_subtract(self, other));
    if (!delta) return nullptr;
    int diff = td_days(delta.get());
    if (diff == 0) diff = td_seconds(delta.get()) | td_us(delta.get());
    if ((op == Py_EQ || op == Py_NE) && diff == 0) {
      int ex = pep495_eq_exception(self, other, offset1.get(), offset2.get());
      if (ex == -1) return nullptr;
      if (ex) diff = 1;
    }
    return diff_to_bool(diff, op);
  }
  if (op == Py_EQ) Py_RETURN_FALSE;
  if (op == Py_NE) Py_RETURN_TRUE;
  PyErr_SetString(PyExc_TypeError, "can't compare offset-naive and offset-aware datetimes");
  return nullptr;
}

Py_hash_t datetime_hash(PyObject* self) {
  auto* me = as_dt(self);
  if (me->hashcode != -1) return me->hashcode;
  Ref<> self0;
  if (dt_fold(self)) {
    self0 = steal(new_datetime_ex2(get_year(self), get_month(self), get_day(self), dt_hour(self),
                                   dt_minute(self), dt_second(self), dt_us(self), dt_tzinfo(self),
                                   0, Py_TYPE(self)));
    if (!self0) return -1;
  } else {
    self0 = borrow(self);
  }
  Ref<> offset = steal(datetime_utcoffset_of(self0.get()));
  if (!offset) return -1;
  if (offset.get() == Py_None) {
    me->hashcode = _Py_HashBytes(me->data, _PyDateTime_DATETIME_DATASIZE);
  } else {
    int seconds = dt_hour(self) * 3600 + dt_minute(self) * 60 + dt_second(self);
    Ref<> temp1 = steal(new_delta(ymd_ord_of(self), seconds, dt_us(self), 1));
    if (!temp1) return -1;
    Ref<> temp2 = steal(delta_subtract_deltas(temp1.get(), offset.get()));
    if (!temp2) return -1;
    me->hashcode = PyObject_Hash(temp2.get());
  }
  return me->hashcode;
}

PyObject* datetime_timetuple(PyObject* self, PyObject*) {
  int dstflag = -1;
  if (dt_tzinfo(self) != Py_None) {
    Ref<> dst = steal(call_dst(dt_tzinfo(self), self));
    if (!dst) return nullptr;
    if (dst.get() != Py_None) dstflag = delta_nonzero(dst.get()) ? 1 : 0;
  }
  return build_struct_time(get_year(self), get_month(self), get_day(self), dt_hour(self),
                           dt_minute(self), dt_second(self), dstflag);
}

PyObject* datetime_utctimetuple(PyObject* self, PyObject*) {
  Ref<> utcself = borrow(self);
  PyObject* tzinfo = dt_tzinfo(self);
  if (tzinfo != Py_None) {
    Ref<> offset = steal(call_utcoffset(tzinfo, self));
    if (!offset) return nullptr;
    if (offset.get() != Py_None) {
      utcself = steal(checked_datetime(add_datetime_timedelta(self, offset.get(), -1)));
      if (!utcself) return nullptr;
    }
  }
  PyObject* u = utcself.get();
  return build_struct_time(get_year(u), get_month(u), get_day(u), dt_hour(u), dt_minute(u),
                           dt_second(u), 0);
}

PyObject* datetime_timestamp(PyObject* self, PyObject*) {
  if (dt_tzinfo(self) != Py_None) {
    Ref<> delta = steal(datetime_subtract(self, epoch_datetime));
    if (!delta) return nullptr;
    return delta_total_seconds_of(delta.get());
  }
  long long seconds = local_to_seconds(get_year(self), get_month(self), get_day(self),
                                       dt_hour(self), dt_minute(self), dt_second(self),
                                       dt_fold(self));
  if (seconds == -1) return nullptr;
  return PyFloat_FromDouble(double(seconds - kEpochSeconds) + dt_us(self) / 1e6);
}

namespace {

// The local zone (as a fixed-offset timezone) in effect at a naive local
// datetime.
PyObject* local_timezone_from_local(PyObject* local_dt) {
  long long seconds = local_to_seconds(get_year(local_dt), get_month(local_dt), get_day(local_dt),
                                       dt_hour(local_dt), dt_minute(local_dt),
                                       dt_second(local_dt), dt_fold(local_dt));
  if (seconds == -1) return nullptr;
  return local_timezone_from_timestamp(time_t(seconds - kEpochSeconds));
}

// The local zone in effect at an aware UTC datetime.
PyObject* local_timezone(PyObject* utc_time) {
  Ref<> delta = steal(datetime_subtract(utc_time, epoch_datetime));
  if (!delta) return nullptr;
  Ref<> one_second = steal(new_delta(0, 1, 0, 0));
  if (!one_second) return nullptr;
  Ref<> seconds = steal(PyNumber_FloorDivide(delta.get(), one_second.get()));
  if (!seconds) return nullptr;
  time_t timestamp = _PyLong_AsTime_t(seconds.get());
  if (timestamp == -1 && PyErr_Occurred()) return nullptr;
  return local_timezone_from_timestamp(timestamp);
}

}  // namespace

PyObject* datetime_astimezone(PyObject* self, PyObject* args, PyObject* kw) {
  PyObject* tzinfo = Py_None;
  static const char* kws[] = {"tz", nullptr};
  if (!PyArg_ParseTupleAndKeywords(args, kw, "|O:astimezone", const_cast<char**>(kws), &tzinfo))
    return nullptr;
  if (check_tzinfo_subclass(tzinfo) < 0) return nullptr;

  Ref<> self_tzinfo;
  Ref<> offset;
  bool naive = dt_tzinfo(self) == Py_None;
  for (;;) {
    if (naive) {
      self_tzinfo = steal(local_timezone_from_local(self));
      if (!self_tzinfo) return nullptr;
    } else {
      self_tzinfo = borrow(dt_tzinfo(self));
    }
    // Conversion to self's own zone is a no-op.
    if (self_tzinfo.get() == tzinfo) return Py_NewRef(self);
    offset = steal(call_utcoffset(self_tzinfo.get(), self));
    if (!offset) return nullptr;
    if (offset.get() != Py_None) break;
    naive = true;  // a tzinfo without an offset counts as local time
  }
  // result = self - offset, as UTC.
  Ref<> result = steal(checked_datetime(add_datetime_timedelta(self, offset.get(), -1)));
  if (!result) return nullptr;
  auto* r = as_dt(result.get());
  if (!r->hastzinfo) {
    result = steal(new_datetime_ex2(get_year(result.get()), get_month(result.get()),
                                    get_day(result.get()), dt_hour(result.get()),
                                    dt_minute(result.get()), dt_second(result.get()),
                                    dt_us(result.get()), utc_timezone, dt_fold(result.get()),
                                    Py_TYPE(result.get())));
    if (!result) return nullptr;
    r = as_dt(result.get());
  } else {
    Py_SETREF(r->tzinfo, Py_NewRef(utc_timezone));
  }
  // Attach the target zone and let its fromutc() do the rest.
  Ref<> target;
  if (tzinfo == Py_None) {
    target = steal(local_timezone(result.get()));
    if (!target) return nullptr;
  } else {
    target = borrow(tzinfo);
  }
  Py_SETREF(r->tzinfo, Py_NewRef(target.get()));
  return PyObject_CallMethod(target.get(), "fromutc", "O", result.get());
}

}  // namespace krait::dt
