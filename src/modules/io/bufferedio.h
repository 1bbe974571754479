// bufferedio.h — the layout of _io.BufferedReader/Writer/Random objects, shared
// by bufferedio.cpp and TextIOWrapper's fast paths.
#pragma once
#include <Python.h>
#include <pythread.h>

namespace krait::io {

struct Buffered {
  PyObject_HEAD
  PyObject* raw;
  int ok;  // initialized?
  int detached;
  int readable;
  int writable;
  char finalizing;
  int fast_closed_checks;  // raw is an exact FileIO: check its fd directly
  long long abs_pos;
  char* buffer;
  long long pos;
  long long raw_pos;
  long long read_end;
  long long write_pos;
  long long write_end;
  PyThread_type_lock lock;
  volatile unsigned long owner;
  Py_ssize_t buffer_size;
  Py_ssize_t buffer_mask;
  PyObject* dict;
  PyObject* weakreflist;
};

// readline() of a buffered reader (limit < 0: no limit).
PyObject* buffered_readline(Buffered* self, Py_ssize_t limit);

// Whether a FileIO is closed (its fd is -1).
int fileio_closed(PyObject* fileio);

}  // namespace krait::io
