/* The datetime C API as extensions use it: PyDateTime_IMPORT loads the
 * datetime.datetime_CAPI capsule; the constructors come from its table and
 * the fields are read straight out of the objects with <datetime.h>'s
 * macros, so the layouts must be CPython's. */
#include "capi_check.h"
#include <datetime.h>

int main(void) {
  Py_Initialize();
  PyDateTime_IMPORT;
  CHECK(PyDateTimeAPI != NULL);
  if (PyDateTimeAPI == NULL) return 1;

  PyObject* d = PyDate_FromDate(2024, 2, 29);
  CHECK(d != NULL && PyDate_CheckExact(d) && PyDate_Check(d) && !PyDateTime_Check(d));
  CHECK(PyDateTime_GET_YEAR(d) == 2024 && PyDateTime_GET_MONTH(d) == 2 && PyDateTime_GET_DAY(d) == 29);
  CHECK_REPR(d, "datetime.date(2024, 2, 29)");
  CHECK(PyDate_FromDate(2023, 2, 29) == NULL);
  CHECK_ERROR(PyExc_ValueError, "day is out of range for month");

  PyObject* dt = PyDateTime_FromDateAndTime(9999, 12, 31, 23, 59, 58, 999999);
  CHECK(dt != NULL && PyDateTime_CheckExact(dt) && PyDate_Check(dt));
  CHECK(PyDateTime_GET_YEAR(dt) == 9999 && PyDateTime_DATE_GET_HOUR(dt) == 23);
  CHECK(PyDateTime_DATE_GET_MINUTE(dt) == 59 && PyDateTime_DATE_GET_SECOND(dt) == 58);
  CHECK(PyDateTime_DATE_GET_MICROSECOND(dt) == 999999 && PyDateTime_DATE_GET_FOLD(dt) == 0);
  CHECK(!_PyDateTime_HAS_TZINFO(dt) && PyDateTime_DATE_GET_TZINFO(dt) == Py_None);

  PyObject* dtf = PyDateTime_FromDateAndTimeAndFold(2021, 10, 31, 2, 30, 0, 0, 1);
  CHECK(dtf != NULL && PyDateTime_DATE_GET_FOLD(dtf) == 1);
  CHECK_REPR(dtf, "datetime.datetime(2021, 10, 31, 2, 30, fold=1)");
  CHECK(PyDateTime_FromDateAndTimeAndFold(2021, 10, 31, 2, 30, 0, 0, 2) == NULL);
  CHECK_ERROR(PyExc_ValueError, "fold must be either 0 or 1");

  PyObject* t = PyTime_FromTime(12, 34, 56, 789);
  CHECK(t != NULL && PyTime_CheckExact(t));
  CHECK(PyDateTime_TIME_GET_HOUR(t) == 12 && PyDateTime_TIME_GET_MINUTE(t) == 34);
  CHECK(PyDateTime_TIME_GET_SECOND(t) == 56 && PyDateTime_TIME_GET_MICROSECOND(t) == 789);
  CHECK(PyDateTime_TIME_GET_TZINFO(t) == Py_None);
  PyObject* tf = PyTime_FromTimeAndFold(1, 2, 3, 4, 1);
  CHECK(tf != NULL && PyDateTime_TIME_GET_FOLD(tf) == 1);
  CHECK(PyTime_FromTime(24, 0, 0, 0) == NULL);
  CHECK_ERROR(PyExc_ValueError, "hour must be in 0..23");

  PyObject* delta = PyDelta_FromDSU(1, -1, 5);  /* normalized: days=0 */
  CHECK(delta != NULL && PyDelta_CheckExact(delta));
  CHECK(PyDateTime_DELTA_GET_DAYS(delta) == 0 && PyDateTime_DELTA_GET_SECONDS(delta) == 86399);
  CHECK(PyDateTime_DELTA_GET_MICROSECONDS(delta) == 5);
  CHECK_REPR(delta, "datetime.timedelta(seconds=86399, microseconds=5)");
  CHECK(PyDelta_FromDSU(1000000000, 0, 0) == NULL);
  CHECK_ERROR(PyExc_OverflowError, "days=1000000000; must have magnitude <= 999999999");

  /* Time zones: UTC singleton, fixed offsets, aware objects. */
  CHECK(PyDateTime_TimeZone_UTC != NULL && PyTZInfo_Check(PyDateTime_TimeZone_UTC));
  CHECK_REPR(PyDateTime_TimeZone_UTC, "datetime.timezone.utc");
  PyObject* off = PyDelta_FromDSU(0, 3600, 0);
  PyObject* name = PyUnicode_FromString("CET");
  PyObject* tz = PyTimeZone_FromOffsetAndName(off, name);
  CHECK_STR(tz, "CET");
  PyObject* tz2 = PyTimeZone_FromOffset(off);
  CHECK_STR(tz2, "UTC+01:00");
  PyObject* zero = PyDelta_FromDSU(0, 0, 0);
  PyObject* utc = PyTimeZone_FromOffset(zero);
  CHECK(utc == PyDateTime_TimeZone_UTC);
  PyObject* aware = PyDateTimeAPI->DateTime_FromDateAndTime(2020, 1, 2, 3, 4, 5, 6, tz,
                                                            PyDateTimeAPI->DateTimeType);
  CHECK(aware != NULL && _PyDateTime_HAS_TZINFO(aware) && PyDateTime_DATE_GET_TZINFO(aware) == tz);
  CHECK_STR(aware, "2020-01-02 03:04:05.000006+01:00");
  PyObject* taware = PyDateTimeAPI->Time_FromTime(7, 8, 9, 0, tz, PyDateTimeAPI->TimeType);
  CHECK(taware != NULL && PyDateTime_TIME_GET_TZINFO(taware) == tz);
  CHECK(PyDateTimeAPI->Time_FromTime(7, 8, 9, 0, off, PyDateTimeAPI->TimeType) == NULL);
  CHECK_ERROR(PyExc_TypeError,
              "tzinfo argument must be None or of a tzinfo subclass, not type 'datetime.timedelta'");

  /* DB-API constructors from timestamps. */
  PyObject* args = Py_BuildValue("(dO)", 86400.5, PyDateTime_TimeZone_UTC);
  PyObject* fts = PyDateTime_FromTimestamp(args);
  CHECK_STR(fts, "1970-01-02 00:00:00.500000+00:00");
  Py_DECREF(args);
  args = Py_BuildValue("(i)", 0);
  PyObject* dts = PyDate_FromTimestamp(args);
  CHECK(dts != NULL && PyDate_CheckExact(dts));
  Py_DECREF(args);
  args = Py_BuildValue("(s)", "x");
  CHECK(PyDate_FromTimestamp(args) == NULL);
  CHECK_ERR(PyExc_TypeError);
  Py_DECREF(args);

  /* A subclass allocated through the table keeps the layout. */
  PyObject* main = PyImport_AddModule("__main__");
  PyObject* globals = PyModule_GetDict(main);
  PyObject* res = PyRun_String("import datetime\nclass D(datetime.datetime): pass\n", Py_file_input,
                               globals, globals);
  CHECK(res != NULL);
  Py_XDECREF(res);
  PyObject* sub = PyDict_GetItemString(globals, "D");
  PyObject* subdt = PyDateTimeAPI->DateTime_FromDateAndTimeAndFold(
      2000, 1, 1, 0, 0, 0, 1, tz, 1, (PyTypeObject*)sub);
  CHECK(subdt != NULL && PyDateTime_Check(subdt) && !PyDateTime_CheckExact(subdt));
  CHECK(PyDateTime_DATE_GET_MICROSECOND(subdt) == 1 && PyDateTime_DATE_GET_FOLD(subdt) == 1);
  CHECK_REPR(subdt, "D(2000, 1, 1, 0, 0, 0, 1, fold=1, tzinfo=datetime.timezone(datetime.timedelta(seconds=3600), 'CET'))");

  Py_XDECREF(subdt);
  Py_XDECREF(dts);
  Py_XDECREF(fts);
  Py_XDECREF(taware);
  Py_XDECREF(aware);
  Py_XDECREF(utc);
  Py_XDECREF(zero);
  Py_XDECREF(tz2);
  Py_XDECREF(tz);
  Py_XDECREF(name);
  Py_XDECREF(off);
  Py_XDECREF(delta);
  Py_XDECREF(tf);
  Py_XDECREF(t);
  Py_XDECREF(dtf);
  Py_XDECREF(dt);
  Py_XDECREF(d);
  CAPI_TEST_END();
}
