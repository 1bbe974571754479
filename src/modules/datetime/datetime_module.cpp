// datetime_module.cpp — `_datetime` module init and the
// `datetime.datetime_CAPI` capsule (<datetime.h>'s PyDateTime_CAPI) that C
// extensions load with PyDateTime_IMPORT.
//
// The types are static and shared by every module object: test suites
// re-import `_datetime` fresh, so init readies the types and makes the class
// constants only once.
#include "modules/datetime/datetime_internal.h"

namespace krait::dt {

namespace {

PyDateTime_CAPI capi;

int set_class_attr(PyTypeObject* type, const char* name, PyObject* value) {
  if (value == nullptr) return -1;
  int rc = PyDict_SetItemString(type->tp_dict, name, value);
  Py_DECREF(value);
  return rc;
}

int init_constants() {
  us_per_ms = PyLong_FromLong(1000);
  us_per_second = PyLong_FromLong(1000000);
  us_per_minute = PyLong_FromLong(60000000);
  seconds_per_day = PyLong_FromLong(24 * 3600);
  us_per_hour = PyLong_FromLongLong(3600000000LL);
  us_per_day = PyLong_FromLongLong(86400000000LL);
  us_per_week = PyLong_FromLongLong(604800000000LL);
  if (!us_per_ms || !us_per_second || !us_per_minute || !seconds_per_day || !us_per_hour ||
      !us_per_day || !us_per_week)
    return -1;
  if (make_utc_singleton() < 0) return -1;

  // timedelta: min, max, resolution
  if (set_class_attr(&DeltaType, "resolution", new_delta(0, 0, 1, 0)) < 0 ||
      set_class_attr(&DeltaType, "min", new_delta(-kMaxDeltaDays, 0, 0, 0)) < 0 ||
      set_class_attr(&DeltaType, "max", new_delta(kMaxDeltaDays, 24 * 3600 - 1, 999999, 0)) < 0)
    return -1;
  if (set_class_attr(&DateType, "resolution", new_delta(1, 0, 0, 0)) < 0 ||
      set_class_attr(&DateType, "min", new_date_ex(1, 1, 1, &DateType)) < 0 ||
      set_class_attr(&DateType, "max", new_date_ex(kMaxYear, 12, 31, &DateType)) < 0)
    return -1;
  if (set_class_attr(&TimeType, "resolution", new_delta(0, 0, 1, 0)) < 0 ||
      set_class_attr(&TimeType, "min", new_time_ex(0, 0, 0, 0, Py_None, &TimeType)) < 0 ||
      set_class_attr(&TimeType, "max", new_time_ex(23, 59, 59, 999999, Py_None, &TimeType)) < 0)
    return -1;
  if (set_class_attr(&DateTimeType, "resolution", new_delta(0, 0, 1, 0)) < 0 ||
      set_class_attr(&DateTimeType, "min",
                     new_datetime_ex(1, 1, 1, 0, 0, 0, 0, Py_None, &DateTimeType)) < 0 ||
      set_class_attr(&DateTimeType, "max",
                     new_datetime_ex(kMaxYear, 12, 31, 23, 59, 59, 999999, Py_None,
                                     &DateTimeType)) < 0)
    return -1;
  // timezone: utc, min (-23:59), max (+23:59)
  if (set_class_attr(&TimeZoneType, "utc", Py_NewRef(utc_timezone)) < 0) return -1;
  {
    Ref<> d = steal(new_delta(-1, 60, 0, 1));
    if (!d || set_class_attr(&TimeZoneType, "min", new_timezone(d.get(), nullptr)) < 0) return -1;
    d = steal(new_delta(0, (23 * 60 + 59) * 60, 0, 0));
    if (!d || set_class_attr(&TimeZoneType, "max", new_timezone(d.get(), nullptr)) < 0) return -1;
  }
  PyType_Modified(&DeltaType);
  PyType_Modified(&DateType);
  PyType_Modified(&TimeType);
  PyType_Modified(&DateTimeType);
  PyType_Modified(&TimeZoneType);

  epoch_datetime = new_datetime_ex(1970, 1, 1, 0, 0, 0, 0, utc_timezone, &DateTimeType);
  if (epoch_datetime == nullptr) return -1;

  capi.DateType = &DateType;
  capi.DateTimeType = &DateTimeType;
  capi.TimeType = &TimeType;
  capi.DeltaType = &DeltaType;
  capi.TZInfoType = &TZInfoType;
  capi.TimeZone_UTC = utc_timezone;
  capi.Date_FromDate = new_date_ex;
  capi.DateTime_FromDateAndTime = new_datetime_ex;
  capi.Time_FromTime = new_time_ex;
  capi.Delta_FromDelta = new_delta_ex;
  capi.TimeZone_FromTimeZone = new_timezone;
  capi.DateTime_FromTimestamp = datetime_fromtimestamp_capi;
  capi.Date_FromTimestamp = date_fromtimestamp_capi;
  capi.DateTime_FromDateAndTimeAndFold = new_datetime_ex2;
  capi.Time_FromTimeAndFold = new_time_ex2;
  return 0;
}

int ready_once() {
  static bool done = false;
  if (done) return 0;
  init_delta_type();
  init_date_type();
  init_time_type();
  init_datetime_type();
  init_tz_types();
  PyTypeObject* types[] = {&DeltaType, &DateType,   &TimeType,           &DateTimeType,
                           &TZInfoType, &TimeZoneType, &IsoCalendarDateType};
  for (PyTypeObject* t : types) {
    if (PyType_Ready(t) < 0) return -1;
  }
  if (init_constants() < 0) return -1;
  done = true;
  return 0;
}

PyModuleDef datetime_module = {
    PyModuleDef_HEAD_INIT, "_datetime", "Fast implementation of the datetime type.", -1, nullptr,
};

}  // namespace

}  // namespace krait::dt

extern "C" PyObject* PyInit__datetime(void) {
  using namespace krait;
  using namespace krait::dt;
  if (ready_once() < 0) return nullptr;
  Ref<> m = steal(PyModule_Create(&datetime_module));
  if (!m) return nullptr;
  struct {
    const char* name;
    PyObject* value;
  } objects[] = {{"date", reinterpret_cast<PyObject*>(&DateType)},
                 {"datetime", reinterpret_cast<PyObject*>(&DateTimeType)},
                 {"time", reinterpret_cast<PyObject*>(&TimeType)},
                 {"timedelta", reinterpret_cast<PyObject*>(&DeltaType)},
                 {"tzinfo", reinterpret_cast<PyObject*>(&TZInfoType)},
                 {"timezone", reinterpret_cast<PyObject*>(&TimeZoneType)},
                 {"UTC", utc_timezone}};
  for (const auto& o : objects) {
    if (PyModule_AddObjectRef(m.get(), o.name, o.value) < 0) return nullptr;
  }
  if (PyModule_AddIntConstant(m.get(), "MINYEAR", kMinYear) < 0 ||
      PyModule_AddIntConstant(m.get(), "MAXYEAR", kMaxYear) < 0)
    return nullptr;
  Ref<> capsule = steal(PyCapsule_New(&capi, PyDateTime_CAPSULE_NAME, nullptr));
  if (!capsule || PyModule_AddObjectRef(m.get(), "datetime_CAPI", capsule.get()) < 0)
    return nullptr;
  return m.release();
}
