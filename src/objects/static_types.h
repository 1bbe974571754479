// Declarations of every type listed in static_types.def, for the code that
// readies them. A type declared in a header of its own area (a C++-namespaced
// type, or one generated from another table) adds its header here.
#pragma once
#include <Python.h>

#include "objects/exceptions.h"
#include "objects/unicode_object.h"
#include "objects/memoryview_object.h"
#include "objects/genericalias_object.h"
#include "objects/namespace_object.h"
#include "objects/context_object.h"

// Declared by CPython only in internal/pycore_interpreteridobject.h.
extern "C" {
PyAPI_DATA(PyTypeObject) _PyInterpreterID_Type;
}
