// io.h — what the files of the native `_io` module share: the type objects,
// the UnsupportedOperation exception, interned method names and small helpers.
// See docs/internals/modules-io.md.
#pragma once
#include <Python.h>

#include <cstddef>

#include "support/ref.h"

namespace krait::io {

constexpr Py_ssize_t kDefaultBufferSize = 8192;

// An interned str for a C string literal, created once and kept forever
// (the literal's address is the cache key).
#define IO_STR(literal)                                              \
  ([]() -> PyObject* {                                               \
    static PyObject* s_ = PyUnicode_InternFromString(literal);       \
    return s_;                                                       \
  }())

extern PyTypeObject IOBase_Type;
extern PyTypeObject RawIOBase_Type;
extern PyTypeObject BufferedIOBase_Type;
extern PyTypeObject TextIOBase_Type;
extern PyTypeObject FileIO_Type;
extern PyTypeObject BytesIO_Type;
// CPython exports this one under its private name (_testcapi imports it).
extern "C" {
PyAPI_DATA(PyTypeObject) _PyBytesIOBuffer_Type;
}
extern PyTypeObject StringIO_Type;
extern PyTypeObject BufferedReader_Type;
extern PyTypeObject BufferedWriter_Type;
extern PyTypeObject BufferedRandom_Type;
extern PyTypeObject BufferedRWPair_Type;
extern PyTypeObject TextIOWrapper_Type;
extern PyTypeObject IncrementalNewlineDecoder_Type;

// io.UnsupportedOperation (subclass of OSError and ValueError), set at module init.
extern PyObject* unsupported_operation;
PyObject* unsupported(const char* message);  // raises it; returns nullptr

// -- iobase.cpp ------------------------------------------------------------
// Whether self is closed, as _IOBase sees it (its `closed` attribute);
// -1 with an exception set.
int iobase_check_closed(PyObject* self);  // raises ValueError when closed
PyObject* iobase_check_readable(PyObject* self, PyObject* args);
PyObject* iobase_check_writable(PyObject* self, PyObject* args);
PyObject* iobase_check_seekable(PyObject* self, PyObject* args);
int iobase_finalize_close(PyObject* self);  // _IOBase's tp_finalize body

// -- fileio.cpp ------------------------------------------------------------
// Emits "unclosed file" ResourceWarning for a FileIO about to be finalized.
PyObject* fileio_dealloc_warn(PyObject* self, PyObject* source);

// -- newline_decoder.cpp ---------------------------------------------------
// IncrementalNewlineDecoder.decode(input, final) for a decoder object.
PyObject* newline_decoder_decode(PyObject* decoder, PyObject* input, int final);

// -- helpers ----------------------------------------------------------------
// Converts size arguments like CPython's _Py_convert_optional_to_ssize_t:
// None -> -1 (keeps *out), an index -> its value.
int convert_optional_size(PyObject* obj, void* out);
// Looks for a line ending in [start, end) of the given kind; see textio.cpp.
Py_ssize_t find_line_ending(int translated, int universal, PyObject* readnl, int kind,
                            const char* start, const char* end, Py_ssize_t* consumed);
// Whether an OSError is EINTR: clears it (after running signal handlers)
// and returns 1, returns -1 when a signal handler raised, 0 otherwise.
int trap_eintr();

// The io module's pieces of sys.std* setup (see sys_module.cpp).
PyObject* open_std_stream(int fd, int write_mode, const char* encoding, const char* errors,
                          int unbuffered);

}  // namespace krait::io
