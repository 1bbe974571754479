// CPython's private file helpers (Python/fileutils.c) that Krait's own
// modules use too; extension binaries find them under the same names. The
// declarations live in CPython's internal headers, so they are repeated here.
#pragma once
#include <Python.h>

extern "C" {
// read(2)/write(2) of at most PY_SSIZE_T_MAX bytes with the GIL released,
// retried on EINTR after running signal handlers (PEP 475). -1 with an
// exception set on failure; errno stays the call's (callers test EAGAIN).
Py_ssize_t _Py_read(int fd, void* buf, size_t count);
Py_ssize_t _Py_write(int fd, const void* buf, size_t count);
}
