// traceback_object.h — what Krait's C++ code needs of traceback objects.
#pragma once
#include <Python.h>

namespace krait {

// tb_lineno, computed on first use: PyTraceBack_Here leaves it -1 when the
// line can be derived from the code and tb_lasti, because mapping an
// instruction to its line walks the code's line table and most tracebacks
// (exceptions caught by an except clause) are never looked at. Always read
// the line through this (or the tb_lineno attribute), not the field.
int traceback_lineno(PyTracebackObject* tb);

}  // namespace krait
