// datetime_internal.h — shared declarations of the native `_datetime` module.
//
// The objects use CPython's layouts from <datetime.h> (PyDateTime_Date,
// PyDateTime_DateTime with data[]/hastzinfo/fold, PyDateTime_Delta, ...)
// because C extensions read them directly through that header's macros.
// Every instance is allocated at the full (aware) size; `hastzinfo` alone says
// whether the tzinfo slot is in use, exactly as the macros expect.
#pragma once

#define _PY_DATETIME_IMPL  // the header's capsule-based macros are for clients
#include <Python.h>
#include <datetime.h>

#include <ctime>
#include <string>

#include "support/ref.h"

namespace krait::dt {

constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;
constexpr int kMaxOrdinal = 3652059;  // date(9999, 12, 31).toordinal()
constexpr int kMaxDeltaDays = 999999999;
constexpr long long kEpochSeconds = 719163LL * 24 * 60 * 60;  // 1970-01-01 as seconds since 0001-01-01
constexpr long long kMaxFoldSeconds = 24 * 3600;

extern PyTypeObject DateType;
extern PyTypeObject DateTimeType;
extern PyTypeObject TimeType;
extern PyTypeObject DeltaType;
extern PyTypeObject TZInfoType;
extern PyTypeObject TimeZoneType;
extern PyTypeObject IsoCalendarDateType;

// The timezone.utc singleton and datetime(1970, 1, 1, tzinfo=utc).
extern PyObject* utc_timezone;
extern PyObject* epoch_datetime;
// Conversion factors as Python ints, made at module init.
extern PyObject* us_per_ms;
extern PyObject* us_per_second;
extern PyObject* us_per_minute;
extern PyObject* us_per_hour;
extern PyObject* us_per_day;
extern PyObject* us_per_week;
extern PyObject* seconds_per_day;

inline bool is_date(PyObject* o) { return PyObject_TypeCheck(o, &DateType); }
inline bool is_datetime(PyObject* o) { return PyObject_TypeCheck(o, &DateTimeType); }
inline bool is_time(PyObject* o) { return PyObject_TypeCheck(o, &TimeType); }
inline bool is_delta(PyObject* o) { return PyObject_TypeCheck(o, &DeltaType); }
inline bool is_tzinfo(PyObject* o) { return PyObject_TypeCheck(o, &TZInfoType); }
inline bool is_timezone(PyObject* o) { return PyObject_TypeCheck(o, &TimeZoneType); }

// The timezone object (not exposed through <datetime.h>).
struct TimeZoneObject {
  PyObject_HEAD
  PyObject* offset;  // a timedelta
  PyObject* name;    // str or nullptr
};

// A METH_VARARGS | METH_KEYWORDS function as the PyCFunction PyMethodDef holds.
template <class F>
PyCFunction kw_method(F f) {
  return reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f));
}

// ------------------------------------------------------------ field access

inline int get_year(PyObject* o) { return PyDateTime_GET_YEAR(o); }
inline int get_month(PyObject* o) { return PyDateTime_GET_MONTH(o); }
inline int get_day(PyObject* o) { return PyDateTime_GET_DAY(o); }
inline int dt_hour(PyObject* o) { return PyDateTime_DATE_GET_HOUR(o); }
inline int dt_minute(PyObject* o) { return PyDateTime_DATE_GET_MINUTE(o); }
inline int dt_second(PyObject* o) { return PyDateTime_DATE_GET_SECOND(o); }
inline int dt_us(PyObject* o) { return PyDateTime_DATE_GET_MICROSECOND(o); }
inline int dt_fold(PyObject* o) { return PyDateTime_DATE_GET_FOLD(o); }
inline PyObject* dt_tzinfo(PyObject* o) { return PyDateTime_DATE_GET_TZINFO(o); }
inline int t_hour(PyObject* o) { return PyDateTime_TIME_GET_HOUR(o); }
inline int t_minute(PyObject* o) { return PyDateTime_TIME_GET_MINUTE(o); }
inline int t_second(PyObject* o) { return PyDateTime_TIME_GET_SECOND(o); }
inline int t_us(PyObject* o) { return PyDateTime_TIME_GET_MICROSECOND(o); }
inline int t_fold(PyObject* o) { return PyDateTime_TIME_GET_FOLD(o); }
inline PyObject* t_tzinfo(PyObject* o) { return PyDateTime_TIME_GET_TZINFO(o); }
inline int td_days(PyObject* o) { return PyDateTime_DELTA_GET_DAYS(o); }
inline int td_seconds(PyObject* o) { return PyDateTime_DELTA_GET_SECONDS(o); }
inline int td_us(PyObject* o) { return PyDateTime_DELTA_GET_MICROSECONDS(o); }

void set_ymd(PyObject* o, int y, int m, int d);
void set_dt_hms(PyObject* o, int h, int mi, int s, int us);
void set_t_hms(PyObject* o, int h, int mi, int s, int us);

// ------------------------------------------------------------ calendar.cpp

int floor_divmod(int x, int y, int* r);
bool is_leap(int year);
int days_in_month(int year, int month);
int days_before_month(int year, int month);
int ymd_to_ord(int year, int month, int day);
void ord_to_ymd(int ordinal, int* year, int* month, int* day);
int weekday(int year, int month, int day);
int iso_week1_monday(int year);
int iso_to_ymd(int iso_year, int iso_week, int iso_day, int* year, int* month, int* day);
int check_date_args(int year, int month, int day);
int check_time_args(int h, int m, int s, int us, int fold);
int check_delta_day_range(int days);
void normalize_pair(int* hi, int* lo, int factor);
int normalize_date(int* year, int* month, int* day);
int normalize_datetime(int* year, int* month, int* day, int* hour, int* minute, int* second,
                       int* us);
long long utc_to_seconds(int year, int month, int day, int hour, int minute, int second);
long long local_seconds(long long u);
long long local_to_seconds(int year, int month, int day, int hour, int minute, int second,
                           int fold);
extern const char* const kDayNames[7];
extern const char* const kMonthNames[12];

// ------------------------------------------------------------ constructors

PyObject* new_delta_ex(int days, int seconds, int us, int normalize, PyTypeObject* type);
inline PyObject* new_delta(int d, int s, int us, int normalize) {
  return new_delta_ex(d, s, us, normalize, &DeltaType);
}
PyObject* new_date_ex(int year, int month, int day, PyTypeObject* type);
PyObject* new_date_subclass(int year, int month, int day, PyObject* cls);
PyObject* new_datetime_ex2(int y, int m, int d, int hh, int mi, int ss, int us, PyObject* tzinfo,
                           int fold, PyTypeObject* type);
PyObject* new_datetime_ex(int y, int m, int d, int hh, int mi, int ss, int us, PyObject* tzinfo,
                          PyTypeObject* type);
PyObject* new_datetime_subclass_fold(int y, int m, int d, int hh, int mi, int ss, int us,
                                     PyObject* tzinfo, int fold, PyObject* cls);
PyObject* new_time_ex2(int hh, int mi, int ss, int us, PyObject* tzinfo, int fold,
                       PyTypeObject* type);
PyObject* new_time_ex(int hh, int mi, int ss, int us, PyObject* tzinfo, PyTypeObject* type);
PyObject* new_timezone(PyObject* offset, PyObject* name);

// ------------------------------------------------------------ timedelta.cpp

PyObject* delta_to_microseconds(PyObject* delta);
PyObject* microseconds_to_delta_ex(PyObject* us, PyTypeObject* type);
PyObject* delta_negative(PyObject* delta);
PyObject* delta_subtract_deltas(PyObject* a, PyObject* b);
int delta_cmp(PyObject* a, PyObject* b);
bool delta_nonzero(PyObject* delta);
PyObject* delta_total_seconds_of(PyObject* delta);
PyObject* divide_nearest(PyObject* m, PyObject* n);

// ------------------------------------------------------------ tzhelpers.cpp

int check_tzinfo_subclass(PyObject* p);
PyObject* call_utcoffset(PyObject* tzinfo, PyObject* tzinfoarg);
PyObject* call_dst(PyObject* tzinfo, PyObject* tzinfoarg);
PyObject* call_tzname(PyObject* tzinfo, PyObject* tzinfoarg);
// Writes "+HH<sep>MM[<sep>SS[.ffffff]]" (or "" for a None offset) to *out.
int format_utcoffset(std::string* out, const char* sep, PyObject* tzinfo, PyObject* tzinfoarg);
PyObject* append_keyword_tzinfo(PyObject* repr, PyObject* tzinfo);  // steals repr
PyObject* append_keyword_fold(PyObject* repr, int fold);            // steals repr
PyObject* wrap_strftime(PyObject* object, PyObject* format, PyObject* timetuple,
                        PyObject* tzinfoarg);
PyObject* build_struct_time(int y, int m, int d, int hh, int mm, int ss, int dstflag);
PyObject* time_time();
PyObject* local_timezone_from_timestamp(time_t timestamp);
PyObject* diff_to_bool(int diff, int op);
PyObject* cmperror(PyObject* a, PyObject* b);
// timespec index: 0 hours .. 4 microseconds; -1 (error set) when unknown.
int parse_timespec(const char* timespec, int us);

// ------------------------------------------------------------ isoparse.cpp

int parse_isoformat_date(const char* p, size_t len, int* year, int* month, int* day);
int parse_isoformat_time(const char* p, size_t len, int* hour, int* minute, int* second,
                         int* us, int* tzoffset, int* tzus);
Py_ssize_t find_isoformat_datetime_separator(const char* s, Py_ssize_t len);
PyObject* tzinfo_from_isoformat_results(int rv, int tzoffset, int tzus);

// ------------------------------------------------------------ shared methods

PyObject* date_format(PyObject* self, PyObject* args);
PyObject* datetime_utcoffset_of(PyObject* self);
PyObject* datetime_dst_of(PyObject* self);
PyObject* add_datetime_timedelta(PyObject* date, PyObject* delta, int factor);
PyObject* checked_datetime(PyObject* r);  // steals r; TypeError unless a datetime
PyObject* datetime_subtract(PyObject* left, PyObject* right);
PyObject* datetime_from_timestamp_obj(PyObject* cls, bool local, PyObject* timestamp,
                                      PyObject* tzinfo);
PyObject* date_fromtimestamp_obj(PyObject* cls, PyObject* timestamp);
PyObject* datetime_fromtimestamp_capi(PyObject* cls, PyObject* args, PyObject* kw);
PyObject* date_fromtimestamp_capi(PyObject* cls, PyObject* args);

void init_delta_type();
void init_date_type();
void init_time_type();
void init_datetime_type();
void init_tz_types();
int make_utc_singleton();

// ------------------------------------------------------------ datetime_ops.cpp
// (slots and methods that datetime_type.cpp puts in the type)
PyObject* datetime_add(PyObject* left, PyObject* right);
PyObject* datetime_sub(PyObject* left, PyObject* right);
PyObject* datetime_richcompare(PyObject* self, PyObject* other, int op);
Py_hash_t datetime_hash(PyObject* self);
PyObject* datetime_utcoffset(PyObject* self, PyObject*);
PyObject* datetime_dst(PyObject* self, PyObject*);
PyObject* datetime_tzname(PyObject* self, PyObject*);
PyObject* datetime_timetuple(PyObject* self, PyObject*);
PyObject* datetime_utctimetuple(PyObject* self, PyObject*);
PyObject* datetime_timestamp(PyObject* self, PyObject*);
PyObject* datetime_astimezone(PyObject* self, PyObject* args, PyObject* kw);

}  // namespace krait::dt
