// select_internal.h — shared pieces of the `select` module (src/modules/select/):
// CPython's timeout conversions (_PyTime_FromSecondsObject /
// _PyTime_FromMillisecondsObject with _PyTime_ROUND_TIMEOUT, i.e. rounding
// away from zero) and the per-type initialisers.
#pragma once

#include <Python.h>

namespace krait::select {

// int/float seconds (or milliseconds when `unit_ns` is 1e6) -> nanoseconds,
// rounded away from zero. TypeError for other types (callers reword it),
// ValueError for NaN, OverflowError beyond the 64-bit nanosecond range.
bool timeout_to_ns(PyObject* obj, long long unit_ns, long long* ns);
// Monotonic clock in nanoseconds.
long long monotonic_ns();
// Nanoseconds -> milliseconds rounded toward +inf.
long long ns_to_ms_ceiling(long long ns);

int init_poll_type(PyObject* module);
int init_epoll_type(PyObject* module);

}  // namespace krait::select
