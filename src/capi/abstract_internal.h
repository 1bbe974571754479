// Helpers shared by the abstract-protocol files (abstract_*.cpp).
#pragma once
#include <Python.h>

#include "objects/type_internal.h"

#include "support/ref.h"

namespace krait {

// Sets TypeError with `format` % type(o).__name__ (CPython's type_error()).
// Returns nullptr for use in return statements.
PyObject* type_error(const char* format, PyObject* o);

// An interned str for a C string literal, created once and kept forever.
// The address of the literal is the cache key, so call it with literals only.
#define KRAIT_INTERNED(literal)                                                  \
  ([]() -> PyObject* {                                                      \
    static PyObject* s = PyUnicode_InternFromString(literal);              \
    return s;                                                               \
  }())

// lookup_special (special-method lookup bound to obj) is the kernel's,
// declared in objects/type_internal.h.

// The parts of isinstance()/issubclass() that ignore __instancecheck__ /
// __subclasscheck__: what type.__instancecheck__/__subclasscheck__ do
// (CPython's _PyObject_RealIsInstance / _PyObject_RealIsSubclass).
int object_real_isinstance(PyObject* inst, PyObject* cls);
int object_real_issubclass(PyObject* derived, PyObject* cls);

// binary_op1 of CPython: tries v's and w's slot (w's first when w's type is
// a proper subtype overriding it); returns NotImplemented (new ref) when
// neither applies.
PyObject* binary_op1(PyObject* v, PyObject* w, binaryfunc PyNumberMethods::*slot);
// The in-place variant: v's in-place slot first, then binary_op1.
PyObject* binary_iop1(PyObject* v, PyObject* w, binaryfunc PyNumberMethods::*islot,
                      binaryfunc PyNumberMethods::*slot);

}  // namespace krait
