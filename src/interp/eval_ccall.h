// eval_ccall.h — CALL's direct path into builtin functions and method
// descriptors, and the fused list/tuple/str slice of BUILD_SLICE.
//
// `lst.append(x)` reaches CALL as [method_descriptor, lst, x] (LOAD_METHOD's
// unbound form). The generic path, PyObject_Vectorcall on the descriptor,
// binds a builtin-method object per call; here the METH_* convention is
// called straight from the PyMethodDef, with the recursion accounting and
// result check that PyObject_Vectorcall would do. Anything unusual (wrong
// self type, argument-count or keyword errors, METH_VARARGS, recursion limit
// reached) is "not handled" and takes the generic path, which raises
// CPython's errors.
#pragma once
#include <Python.h>

#include "objects/long_object.h"
#include "runtime/interp_state.h"

namespace krait::interp {

// Calls `callable` (exact builtin function or method descriptor) with
// args[0..nargs) and trailing keyword values named by kwnames. Sets
// *handled = false (and returns NULL, no exception) when it does not apply.
inline PyObject* call_builtin_fast(PyObject* callable, PyObject* const* args, size_t nargs, PyObject* kwnames,
                                   bool* handled) {
  PyTypeObject* ct = Py_TYPE(callable);
  PyMethodDef* ml;
  PyObject* self;
  PyTypeObject* cls = nullptr;
  if (ct == &PyMethodDescr_Type) {
    if (nargs == 0) return *handled = false, nullptr;
    auto* d = reinterpret_cast<PyMethodDescrObject*>(callable);
    self = args[0];
    cls = PyDescr_TYPE(d);
    if (Py_TYPE(self) != cls && !PyType_IsSubtype(Py_TYPE(self), cls)) return *handled = false, nullptr;
    ml = d->d_method;
    args++;
    nargs--;
  } else if (ct == &PyCFunction_Type) {
    auto* f = reinterpret_cast<PyCFunctionObject*>(callable);
    ml = f->m_ml;
    self = (ml->ml_flags & METH_STATIC) ? nullptr : f->m_self;
  } else {
    return *handled = false, nullptr;
  }
  PyThreadState* ts = krait::tstate();
  if (ts->recursion_remaining <= 1) return *handled = false, nullptr;
  int flags = ml->ml_flags & ~(METH_CLASS | METH_STATIC | METH_COEXIST);
  PyObject* r;
  auto fn = reinterpret_cast<void (*)(void)>(ml->ml_meth);
  ts->recursion_remaining--;
  switch (flags) {
    case METH_NOARGS:
      if (nargs != 0 || kwnames) goto not_handled;
      r = ml->ml_meth(self, nullptr);
      break;
    case METH_O:
      if (nargs != 1 || kwnames) goto not_handled;
      r = ml->ml_meth(self, args[0]);
      break;
    case METH_FASTCALL:
      if (kwnames) goto not_handled;
      r = reinterpret_cast<_PyCFunctionFast>(fn)(self, args, static_cast<Py_ssize_t>(nargs));
      break;
    case METH_FASTCALL | METH_KEYWORDS:
      r = reinterpret_cast<_PyCFunctionFastWithKeywords>(fn)(self, args, static_cast<Py_ssize_t>(nargs), kwnames);
      break;
    case METH_METHOD | METH_FASTCALL | METH_KEYWORDS:
      if (!cls) goto not_handled;  // a PyCMethod object has its own type
      r = reinterpret_cast<PyCMethod>(fn)(self, cls, args, static_cast<Py_ssize_t>(nargs), kwnames);
      break;
    default:
      goto not_handled;
  }
  ts->recursion_remaining++;
  *handled = true;
  // NULL without an exception, or a result with one, is a SystemError.
  if ((r == nullptr) != (ts->curexc_type != nullptr)) r = _Py_CheckFunctionResult(ts, callable, r, nullptr);
  return r;
not_handled:
  ts->recursion_remaining++;
  *handled = false;
  return nullptr;
}

// A slice bound of a step-1 slice on a sequence of length len: None gives
// `dflt`, a compact exact int is counted from the end if negative and clipped
// to [0, len] (PySlice_AdjustIndices' rule). false for anything else.
inline bool slice_bound(PyObject* v, Py_ssize_t len, Py_ssize_t dflt, Py_ssize_t* out) {
  if (v == Py_None) {
    *out = dflt;
    return true;
  }
  if (!PyLong_CheckExact(v) || !longs::is_compact(v)) return false;
  Py_ssize_t i = longs::compact_value(v);
  if (i < 0) {
    i += len;
    if (i < 0) i = 0;
  } else if (i > len) {
    i = len;
  }
  *out = i;
  return true;
}

// o[start:stop] for an exact list, tuple or str and int/None bounds, without
// a slice object; NULL with *handled = false when it does not apply.
inline PyObject* slice_get_fast(PyObject* o, PyObject* start, PyObject* stop, bool* handled) {
  PyTypeObject* t = Py_TYPE(o);
  Py_ssize_t len;
  if (t == &PyList_Type || t == &PyTuple_Type) len = Py_SIZE(o);
  else if (t == &PyUnicode_Type) len = PyUnicode_GET_LENGTH(o);
  else return *handled = false, nullptr;
  Py_ssize_t lo, hi;
  if (!slice_bound(start, len, 0, &lo) || !slice_bound(stop, len, len, &hi)) return *handled = false, nullptr;
  if (hi < lo) hi = lo;
  *handled = true;
  if (t == &PyList_Type) return PyList_GetSlice(o, lo, hi);
  if (t == &PyTuple_Type) return PyTuple_GetSlice(o, lo, hi);
  return PyUnicode_Substring(o, lo, hi);
}

// o[start:stop] = v for an exact list and int/None bounds: 0, -1 with an
// exception, or 1 when it does not apply.
inline int slice_store_fast(PyObject* o, PyObject* start, PyObject* stop, PyObject* v) {
  if (Py_TYPE(o) != &PyList_Type) return 1;
  Py_ssize_t len = Py_SIZE(o), lo, hi;
  if (!slice_bound(start, len, 0, &lo) || !slice_bound(stop, len, len, &hi)) return 1;
  if (hi < lo) hi = lo;
  return PyList_SetSlice(o, lo, hi, v);
}

}  // namespace krait::interp
