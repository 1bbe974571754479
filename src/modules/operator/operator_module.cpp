// operator_module.cpp — the `_operator` module's functions (operator.py
// replaces its pure-Python definitions with these) and the module init. The
// getter/caller types live in operator_getters.cpp.
#include <cstring>

#include "modules/operator/operator.h"
#include "support/ref.h"

using namespace krait;

namespace {

PyObject* none_or_null(int rc) {
  if (rc < 0) return nullptr;
  Py_RETURN_NONE;
}
PyObject* bool_or_null(int rc) { return rc < 0 ? nullptr : PyBool_FromLong(rc); }
PyObject* ssize_or_null(Py_ssize_t n) { return n < 0 ? nullptr : PyLong_FromSsize_t(n); }

#define KRAIT_OP2(name, expr, doc)                                                      \
  PyObject* op_##name(PyObject*, PyObject* const* args, Py_ssize_t nargs) {             \
    if (!_PyArg_CheckPositional(#name, nargs, 2, 2)) return nullptr;                    \
    PyObject* a = args[0];                                                              \
    PyObject* b = args[1];                                                              \
    (void)a;                                                                            \
    (void)b;                                                                            \
    return expr;                                                                        \
  }
#include "modules/operator/operator_functions.def"
#undef KRAIT_OP2

PyObject* op_truth(PyObject*, PyObject* a) { return bool_or_null(PyObject_IsTrue(a)); }
PyObject* op_not_(PyObject*, PyObject* a) { return bool_or_null(PyObject_Not(a)); }
PyObject* op_abs(PyObject*, PyObject* a) { return PyNumber_Absolute(a); }
PyObject* op_inv(PyObject*, PyObject* a) { return PyNumber_Invert(a); }
PyObject* op_neg(PyObject*, PyObject* a) { return PyNumber_Negative(a); }
PyObject* op_pos(PyObject*, PyObject* a) { return PyNumber_Positive(a); }
PyObject* op_index(PyObject*, PyObject* a) { return PyNumber_Index(a); }

PyObject* op_setitem(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("setitem", nargs, 3, 3)) return nullptr;
  return none_or_null(PyObject_SetItem(args[0], args[1], args[2]));
}

PyObject* op_length_hint(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("length_hint", nargs, 1, 2)) return nullptr;
  Py_ssize_t dflt = 0;
  if (nargs > 1) {
    Ref<> ival = steal(PyNumber_Index(args[1]));
    if (!ival) return nullptr;
    dflt = PyLong_AsSsize_t(ival.get());
    if (dflt == -1 && PyErr_Occurred()) return nullptr;
  }
  Py_ssize_t n = PyObject_LengthHint(args[0], dflt);
  if (n == -1 && PyErr_Occurred()) return nullptr;
  return PyLong_FromSsize_t(n);
}

PyObject* op_call(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (nargs < 1) {
    PyErr_SetString(PyExc_TypeError, "call expected at least 1 argument, got 0");
    return nullptr;
  }
  return PyObject_Vectorcall(args[0], args + 1, nargs - 1, kwnames);
}

// Compares every byte whatever the first difference, so the time taken
// depends only on the length of b.
bool timing_safe_equal(const unsigned char* a, Py_ssize_t len_a, const unsigned char* b,
                       Py_ssize_t len_b) {
  volatile const unsigned char* left = len_a == len_b ? a : b;
  volatile const unsigned char* right = b;
  volatile unsigned char result = len_a == len_b ? 0 : 1;
  for (Py_ssize_t i = 0; i < len_b; ++i) result |= left[i] ^ right[i];
  return result == 0;
}

PyObject* op_compare_digest(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("_compare_digest", nargs, 2, 2)) return nullptr;
  PyObject* a = args[0];
  PyObject* b = args[1];
  if (PyUnicode_Check(a) && PyUnicode_Check(b)) {
    if (!PyUnicode_IS_ASCII(a) || !PyUnicode_IS_ASCII(b)) {
      PyErr_SetString(PyExc_TypeError,
                      "comparing strings with non-ASCII characters is not supported");
      return nullptr;
    }
    return PyBool_FromLong(timing_safe_equal(static_cast<const unsigned char*>(PyUnicode_DATA(a)), PyUnicode_GET_LENGTH(a),
                                             static_cast<const unsigned char*>(PyUnicode_DATA(b)), PyUnicode_GET_LENGTH(b)));
  }
  if (!PyObject_CheckBuffer(a) && !PyObject_CheckBuffer(b)) {
    PyErr_Format(PyExc_TypeError,
                 "unsupported operand types(s) or combination of types: '%.100s' and '%.100s'",
                 Py_TYPE(a)->tp_name, Py_TYPE(b)->tp_name);
    return nullptr;
  }
  Py_buffer va, vb;
  if (PyObject_GetBuffer(a, &va, PyBUF_SIMPLE) < 0) return nullptr;
  if (va.ndim > 1) {
    PyErr_SetString(PyExc_BufferError, "Buffer must be single dimension");
    PyBuffer_Release(&va);
    return nullptr;
  }
  if (PyObject_GetBuffer(b, &vb, PyBUF_SIMPLE) < 0) {
    PyBuffer_Release(&va);
    return nullptr;
  }
  if (vb.ndim > 1) {
    PyErr_SetString(PyExc_BufferError, "Buffer must be single dimension");
    PyBuffer_Release(&va);
    PyBuffer_Release(&vb);
    return nullptr;
  }
  bool eq = timing_safe_equal(static_cast<const unsigned char*>(va.buf), va.len,
                              static_cast<const unsigned char*>(vb.buf), vb.len);
  PyBuffer_Release(&va);
  PyBuffer_Release(&vb);
  return PyBool_FromLong(eq);
}

#define SIG1(name) #name "($module, a, /)\n--\n\n"
#define SIG2(name) #name "($module, a, b, /)\n--\n\n"

PyMethodDef module_methods[] = {
#define KRAIT_OP2(name, expr, doc) \
  {#name, reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(op_##name)), METH_FASTCALL, SIG2(name) doc},
#include "modules/operator/operator_functions.def"
#undef KRAIT_OP2
    {"truth", op_truth, METH_O, SIG1(truth) "Return True if a is true, False otherwise."},
    {"not_", op_not_, METH_O, SIG1(not_) "Same as not a."},
    {"abs", op_abs, METH_O, SIG1(abs) "Same as abs(a)."},
    {"inv", op_inv, METH_O, SIG1(inv) "Same as ~a."},
    {"invert", op_inv, METH_O, SIG1(invert) "Same as ~a."},
    {"neg", op_neg, METH_O, SIG1(neg) "Same as -a."},
    {"pos", op_pos, METH_O, SIG1(pos) "Same as +a."},
    {"index", op_index, METH_O, SIG1(index) "Same as a.__index__()"},
    {"setitem", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(op_setitem)), METH_FASTCALL,
     "setitem($module, a, b, c, /)\n--\n\nSame as a[b] = c."},
    {"length_hint", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(op_length_hint)),
     METH_FASTCALL,
     "length_hint($module, obj, default=0, /)\n--\n\n"
     "Return an estimate of the number of items in obj.\n\n"
     "This is useful for presizing containers when building from an iterable.\n\n"
     "If the object supports len(), the result will be exact.\n"
     "Otherwise, it may over- or under-estimate by an arbitrary amount.\n"
     "The result will be an integer >= 0."},
    {"call", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(op_call)),
     METH_FASTCALL | METH_KEYWORDS,
     "call($module, obj, /, *args, **kwargs)\n--\n\nSame as obj(*args, **kwargs)."},
    {"_compare_digest", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(op_compare_digest)),
     METH_FASTCALL,
     SIG2(_compare_digest) "Return 'a == b'.\n\n"
     "This function uses an approach designed to prevent\n"
     "timing analysis, making it appropriate for cryptography.\n\n"
     "a and b must both be of the same type: either str (ASCII only),\n"
     "or any bytes-like object.\n\n"
     "Note: If a and b are of different lengths, or if an error occurs,\n"
     "a timing attack could theoretically reveal information about the\n"
     "types and lengths of a and b--but not their values."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef operator_module = {
    PyModuleDef_HEAD_INIT,
    "_operator",
    "Operator interface.\n\n"
    "This module exports a set of functions implemented in C corresponding\n"
    "to the intrinsic operators of Python.  For example, operator.add(x, y)\n"
    "is equivalent to the expression x+y.  The function names are those\n"
    "used for special methods; variants without leading and trailing\n"
    "'__' are also provided for convenience.",
    -1,
    module_methods,
};

}  // namespace

extern "C" PyObject* PyInit__operator(void) {
  using namespace krait::op;
  PyTypeObject* types[] = {&itemgetter_type, &attrgetter_type, &methodcaller_type};
  for (PyTypeObject* t : types)
    if (PyType_Ready(t) < 0) return nullptr;
  Ref<> m = steal(PyModule_Create(&operator_module));
  if (!m) return nullptr;
  for (PyTypeObject* t : types)
    if (PyModule_AddType(m.get(), t) < 0) return nullptr;
  return m.release();
}
