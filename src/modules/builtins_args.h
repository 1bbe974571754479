// builtins_args.h — Argument Clinic-style argument unpacking for the builtins
// written with METH_FASTCALL | METH_KEYWORDS (compile, exec, __import__).
//
// CPython generates these parsers; their error messages are part of the
// observable behaviour ("compile() missing required argument 'source' (pos 1)",
// "'foo' is an invalid keyword argument for exec()"), so this helper reproduces
// the messages of CPython 3.11's _PyArg_UnpackKeywords exactly.
#pragma once
#include <Python.h>

#include <cstring>

namespace krait::builtins {

struct ArgSpec {
  const char* fname;         // "compile"
  const char* const* names;  // every parameter; positional-only ones are ""
  int posonly;               // leading positional-only parameters
  int minpos;                // required parameters (all positional)
  int maxpos;                // parameters that may be passed positionally
  int maxargs;               // all parameters (maxpos + keyword-only)
};

// Fills out[0..maxargs) with borrowed references (NULL = not given).
// Returns -1 with TypeError set on a bad call.
inline int unpack_args(const ArgSpec& s, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                       PyObject** out) {
  Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  if (nargs + nkw > s.maxargs) {
    PyErr_Format(PyExc_TypeError, "%.200s() takes at most %d %sargument%s (%zd given)", s.fname, s.maxargs,
                 nargs == 0 ? "keyword " : "", s.maxargs == 1 ? "" : "s", nargs + nkw);
    return -1;
  }
  if (nargs > s.maxpos) {
    if (s.maxpos == 0)
      PyErr_Format(PyExc_TypeError, "%.200s() takes no positional arguments", s.fname);
    else
      PyErr_Format(PyExc_TypeError, "%.200s() takes %s %d positional argument%s (%zd given)", s.fname,
                   s.minpos < s.maxpos ? "at most" : "exactly", s.maxpos, s.maxpos == 1 ? "" : "s", nargs);
    return -1;
  }
  if (nargs < s.minpos && nargs < s.posonly) {
    PyErr_Format(PyExc_TypeError, "%.200s() takes %s %d positional argument%s (%zd given)", s.fname,
                 s.minpos < s.maxpos ? "at least" : "exactly", s.minpos, s.minpos == 1 ? "" : "s", nargs);
    return -1;
  }
  for (int i = 0; i < s.maxargs; i++) out[i] = i < nargs ? args[i] : nullptr;
  Py_ssize_t used = 0;
  for (int i = static_cast<int>(nargs); i < s.maxargs; i++) {
    if (i < s.posonly) continue;
    for (Py_ssize_t k = 0; k < nkw; k++) {
      if (PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(kwnames, k), s.names[i]) == 0) {
        out[i] = args[nargs + k];
        used++;
        break;
      }
    }
    if (!out[i] && i < s.minpos) {
      PyErr_Format(PyExc_TypeError, "%.200s() missing required argument '%s' (pos %d)", s.fname, s.names[i],
                   i + 1);
      return -1;
    }
  }
  if (used < nkw) {
    // Name the first keyword that matched nothing (or a positional one twice).
    for (Py_ssize_t k = 0; k < nkw; k++) {
      PyObject* kw = PyTuple_GET_ITEM(kwnames, k);
      int match = -1;
      for (int i = s.posonly; i < s.maxargs; i++)
        if (PyUnicode_CompareWithASCIIString(kw, s.names[i]) == 0) match = i;
      if (match >= 0 && match >= nargs) continue;
      if (match >= 0) {
        PyErr_Format(PyExc_TypeError, "argument for %.200s() given by name ('%s') and position (%d)", s.fname,
                     s.names[match], match + 1);
      } else {
        PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for %.200s()", kw, s.fname);
      }
      return -1;
    }
  }
  return 0;
}

// Clinic's `int` converter: the value as a C int or -1 with an exception.
inline int as_c_int(PyObject* o, int* out) {
  if (PyFloat_Check(o)) {
    PyErr_SetString(PyExc_TypeError, "'float' object cannot be interpreted as an integer");
    return -1;
  }
  long v = PyLong_AsLong(o);
  if (v == -1 && PyErr_Occurred()) return -1;
  if (v > INT_MAX || v < INT_MIN) {
    PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
    return -1;
  }
  *out = static_cast<int>(v);
  return 0;
}

}  // namespace krait::builtins
