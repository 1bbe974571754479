// The interim standard streams (stdio_stream.cpp) until `_io` exists.
#pragma once
#include <Python.h>

namespace krait {

// A text stream over a file descriptor. mode is "r" or "w"; errors is the
// codec error handler ("strict", "backslashreplace", "surrogateescape").
// New reference.
PyObject* stdio_stream_new(int fd, const char* name, const char* mode, const char* errors,
                           bool line_buffering, bool write_through);
// Writes out the buffered bytes of a stream made by stdio_stream_new.
int stdio_stream_flush(PyObject* stream);
extern PyTypeObject StdioStream_Type;

}  // namespace krait
