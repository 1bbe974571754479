// Interned identifier strings (identifiers.def), created once at start-up.
#pragma once
#include <Python.h>

namespace krait::id {
#define KRAIT_ID(cname, text) extern PyObject* cname;
#include "runtime/identifiers.def"
#undef KRAIT_ID
}  // namespace krait::id

namespace krait {
// Creates every identifier (interned and immortal). Returns -1 on failure.
int init_identifiers();
}
