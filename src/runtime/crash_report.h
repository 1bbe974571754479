// crash_report.h — the report the `krait` executable prints when the process dies of a fault
// (SIGSEGV, SIGBUS, SIGILL, SIGFPE), typically inside a C extension: CPython prints nothing
// unless faulthandler is enabled; Krait always prints "Krait crashed: <signal>", names the
// faulting library and dumps the Python stacks in faulthandler's format, then dies of the same signal (same exit status as CPython).
#pragma once

#include <atomic>

namespace krait {

// Installs the handlers for the signals whose disposition is still the default. Called once by
// Py_BytesMain after initialization; embedders of libkrait keep their own signal handling.
void install_crash_report();

// Set by the faulthandler module's own fatal handler once it has written its report, so the
// crash report (the handler it chains to) does not print a second one.
extern std::atomic<bool> g_fatal_report_written;

}  // namespace krait
