// builtins_module.cpp — the `builtins` module: builtin functions, and the
// types and exceptions other files define, gathered into one namespace.
//
// Types and exceptions defined elsewhere are referenced weakly (#pragma weak
// below) so that this module links while other object files are still being
// written; a missing one is simply absent from builtins.
#include <Python.h>

#include "runtime/identifiers.h"

#include <cstdio>
#include <string>

#include "interp/eval.h"
#include "interp/support.h"
#include "modules/builtins_args.h"
#include "runtime/interp_state.h"

#define KRAIT_WEAK_TYPES(X)                                                                          \
  X(PyBaseObject_Type, "object") X(PyType_Type, "type") X(PyLong_Type, "int") X(PyBool_Type, "bool") \
  X(PyFloat_Type, "float") X(PyComplex_Type, "complex") X(PyUnicode_Type, "str")                     \
  X(PyBytes_Type, "bytes") X(PyByteArray_Type, "bytearray") X(PyList_Type, "list")                   \
  X(PyTuple_Type, "tuple") X(PyDict_Type, "dict") X(PySet_Type, "set")                               \
  X(PyFrozenSet_Type, "frozenset") X(PyRange_Type, "range") X(PySlice_Type, "slice")                 \
  X(PyEnum_Type, "enumerate") X(PyZip_Type, "zip") X(PyMap_Type, "map") X(PyFilter_Type, "filter")   \
  X(PyReversed_Type, "reversed") X(PyProperty_Type, "property") X(PyStaticMethod_Type, "staticmethod") \
  X(PyClassMethod_Type, "classmethod") X(PySuper_Type, "super") X(PyMemoryView_Type, "memoryview")

#define DECLARE_WEAK(sym, name) _Pragma(KRAIT_STR(weak sym))
#define KRAIT_STR(x) #x
KRAIT_WEAK_TYPES(DECLARE_WEAK)

#define KRAIT_EXCEPTIONS(X)                                                                          \
  X(BaseException) X(Exception) X(TypeError) X(StopAsyncIteration) X(StopIteration)                 \
  X(GeneratorExit) X(SystemExit) X(KeyboardInterrupt) X(ImportError) X(ModuleNotFoundError)        \
  X(OSError) X(EOFError) X(RuntimeError) X(RecursionError) X(NotImplementedError) X(NameError)     \
  X(UnboundLocalError) X(AttributeError) X(SyntaxError) X(IndentationError) X(TabError)             \
  X(LookupError) X(IndexError) X(KeyError) X(ValueError) X(UnicodeError) X(UnicodeEncodeError)      \
  X(UnicodeDecodeError) X(UnicodeTranslateError) X(AssertionError) X(ArithmeticError)               \
  X(FloatingPointError) X(OverflowError) X(ZeroDivisionError) X(SystemError) X(ReferenceError)      \
  X(MemoryError) X(BufferError) X(ConnectionError) X(BlockingIOError) X(BrokenPipeError)            \
  X(ChildProcessError) X(ConnectionAbortedError) X(ConnectionRefusedError) X(ConnectionResetError)  \
  X(FileExistsError) X(FileNotFoundError) X(IsADirectoryError) X(NotADirectoryError)                \
  X(InterruptedError) X(PermissionError) X(ProcessLookupError) X(TimeoutError) X(Warning)           \
  X(UserWarning) X(DeprecationWarning) X(PendingDeprecationWarning) X(SyntaxWarning)                \
  X(RuntimeWarning) X(FutureWarning) X(ImportWarning) X(UnicodeWarning) X(BytesWarning)             \
  X(ResourceWarning) X(EncodingWarning) X(BaseExceptionGroup)

#define DECLARE_WEAK_EXC(n) _Pragma(KRAIT_STR(weak PyExc_##n))
KRAIT_EXCEPTIONS(DECLARE_WEAK_EXC)

namespace {

using namespace krait::interp;

// -- print ---------------------------------------------------------------------------------

PyObject* get_kw(PyObject* kwnames, PyObject* const* args, size_t nargs, const char* name) {
  if (!kwnames) return nullptr;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); i++)
    if (PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(kwnames, i), name) == 0) return args[nargs + static_cast<size_t>(i)];
  return nullptr;
}

int check_kwnames(PyObject* kwnames, const char* fname, std::initializer_list<const char*> allowed) {
  if (!kwnames) return 0;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); i++) {
    bool ok = false;
    for (const char* a : allowed) ok = ok || PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(kwnames, i), a) == 0;
    if (!ok) {
      PyErr_Format(PyExc_TypeError, "'%U' is an invalid keyword argument for %s()", PyTuple_GET_ITEM(kwnames, i), fname);
      return -1;
    }
  }
  return 0;
}

// Writes `s` (a str) to `file`, or to C stdout when no file object exists yet.
int write_str(PyObject* file, PyObject* s) {
  if (file) {
    PyObject* r = PyObject_CallMethod(file, "write", "O", s);
    if (!r) return -1;
    Py_DECREF(r);
    return 0;
  }
  Py_ssize_t n;
  const char* p = PyUnicode_AsUTF8AndSize(s, &n);
  if (!p) return -1;
  fwrite(p, 1, static_cast<size_t>(n), stdout);
  return 0;
}

PyObject* builtin_print(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  size_t nargs = PyVectorcall_NARGS(nargsf);
  if (check_kwnames(kwnames, "print", {"sep", "end", "file", "flush"}) < 0) return nullptr;
  PyObject* sep = get_kw(kwnames, args, nargs, "sep");
  PyObject* end = get_kw(kwnames, args, nargs, "end");
  PyObject* file = get_kw(kwnames, args, nargs, "file");
  PyObject* flush = get_kw(kwnames, args, nargs, "flush");
  if (sep == Py_None) sep = nullptr;
  if (end == Py_None) end = nullptr;
  if (sep && !PyUnicode_Check(sep)) {
    PyErr_Format(PyExc_TypeError, "sep must be None or a string, not %.200s", Py_TYPE(sep)->tp_name);
    return nullptr;
  }
  if (end && !PyUnicode_Check(end)) {
    PyErr_Format(PyExc_TypeError, "end must be None or a string, not %.200s", Py_TYPE(end)->tp_name);
    return nullptr;
  }
  if (!file || file == Py_None) {
    file = PySys_GetObject("stdout");
    if (file == Py_None) Py_RETURN_NONE;  // CPython: print() to a missing stdout does nothing
  }
  for (size_t i = 0; i < nargs; i++) {
    if (i > 0) {
      PyObject* s = sep ? Py_NewRef(sep) : PyUnicode_FromString(" ");
      int rc = s ? write_str(file, s) : -1;
      Py_XDECREF(s);
      if (rc < 0) return nullptr;
    }
    PyObject* s = PyObject_Str(args[i]);
    int rc = s ? write_str(file, s) : -1;
    Py_XDECREF(s);
    if (rc < 0) return nullptr;
  }
  PyObject* e = end ? Py_NewRef(end) : PyUnicode_FromString("\n");
  int rc = e ? write_str(file, e) : -1;
  Py_XDECREF(e);
  if (rc < 0) return nullptr;
  if (flush && PyObject_IsTrue(flush) > 0) {
    if (file) {
      PyObject* r = PyObject_CallMethod(file, "flush", nullptr);
      if (!r) return nullptr;
      Py_DECREF(r);
    } else {
      fflush(stdout);
    }
  }
  Py_RETURN_NONE;
}

// -- Simple functions -----------------------------------------------------------------------

PyObject* builtin_len(PyObject*, PyObject* o) {
  Py_ssize_t n = PyObject_Length(o);
  if (n < 0) return nullptr;
  return PyLong_FromSsize_t(n);
}
PyObject* builtin_repr(PyObject*, PyObject* o) { return PyObject_Repr(o); }
PyObject* builtin_ascii(PyObject*, PyObject* o) { return PyObject_ASCII(o); }
PyObject* builtin_abs(PyObject*, PyObject* o) { return PyNumber_Absolute(o); }
PyObject* builtin_hash(PyObject*, PyObject* o) {
  Py_hash_t h = PyObject_Hash(o);
  if (h == -1 && PyErr_Occurred()) return nullptr;
  return PyLong_FromSsize_t(h);
}
PyObject* builtin_id(PyObject*, PyObject* o) { return PyLong_FromVoidPtr(o); }
PyObject* builtin_callable(PyObject*, PyObject* o) { return PyBool_FromLong(PyCallable_Check(o)); }
PyObject* builtin_chr(PyObject*, PyObject* o) {
  long c = PyLong_AsLong(o);
  if (c == -1 && PyErr_Occurred()) return nullptr;
  if (c < 0 || c > 0x10FFFF) {
    PyErr_SetString(PyExc_ValueError, "chr() arg not in range(0x110000)");
    return nullptr;
  }
  Py_UCS4 ch = static_cast<Py_UCS4>(c);
  return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, &ch, 1);
}
PyObject* builtin_ord(PyObject*, PyObject* o) {
  if (PyUnicode_Check(o)) {
    if (PyUnicode_GET_LENGTH(o) == 1) return PyLong_FromLong(PyUnicode_READ_CHAR(o, 0));
    PyErr_Format(PyExc_TypeError, "ord() expected a character, but string of length %zd found", PyUnicode_GET_LENGTH(o));
    return nullptr;
  }
  if (PyBytes_Check(o) || PyByteArray_Check(o)) {
    Py_ssize_t n = PyBytes_Check(o) ? PyBytes_GET_SIZE(o) : PyByteArray_GET_SIZE(o);
    if (n == 1)
      return PyLong_FromLong(static_cast<unsigned char>(PyBytes_Check(o) ? PyBytes_AS_STRING(o)[0] : PyByteArray_AS_STRING(o)[0]));
    PyErr_Format(PyExc_TypeError, "ord() expected a character, but string of length %zd found", n);
    return nullptr;
  }
  PyErr_Format(PyExc_TypeError, "ord() expected string of length 1, but %.200s found", Py_TYPE(o)->tp_name);
  return nullptr;
}
PyObject* builtin_iter(PyObject*, PyObject* const* args, Py_ssize_t n) {
  if (n == 1) return PyObject_GetIter(args[0]);
  if (n == 2) {
    if (!PyCallable_Check(args[0])) {
      PyErr_SetString(PyExc_TypeError, "iter(v, w): v must be callable");
      return nullptr;
    }
    return PyCallIter_New(args[0], args[1]);
  }
  PyErr_Format(PyExc_TypeError, n ? "iter expected at most 2 arguments, got %zd" : "iter expected at least 1 argument, got %zd", n);
  return nullptr;
}
PyObject* builtin_next(PyObject*, PyObject* const* args, Py_ssize_t n) {
  if (n < 1 || n > 2) {
    PyErr_Format(PyExc_TypeError, n ? "next expected at most 2 arguments, got %zd" : "next expected at least 1 argument, got %zd", n);
    return nullptr;
  }
  PyObject* it = args[0];
  if (!PyIter_Check(it)) {
    PyErr_Format(PyExc_TypeError, "'%.200s' object is not an iterator", Py_TYPE(it)->tp_name);
    return nullptr;
  }
  PyObject* v = (*Py_TYPE(it)->tp_iternext)(it);
  if (v) return v;
  if (PyErr_Occurred()) {
    if (n == 2 && PyErr_ExceptionMatches(PyExc_StopIteration)) PyErr_Clear();
    else return nullptr;
  }
  if (n == 2) return Py_NewRef(args[1]);
  PyErr_SetNone(PyExc_StopIteration);
  return nullptr;
}
PyObject* builtin_isinstance(PyObject*, PyObject* const* args, Py_ssize_t n) {
  if (n != 2) {
    PyErr_Format(PyExc_TypeError, "isinstance expected 2 arguments, got %zd", n);
    return nullptr;
  }
  int r = PyObject_IsInstance(args[0], args[1]);
  return r < 0 ? nullptr : PyBool_FromLong(r);
}
PyObject* builtin_issubclass(PyObject*, PyObject* const* args, Py_ssize_t n) {
  if (n != 2) {
    PyErr_Format(PyExc_TypeError, "issubclass expected 2 arguments, got %zd", n);
    return nullptr;
  }
  int r = PyObject_IsSubclass(args[0], args[1]);
  return r < 0 ? nullptr : PyBool_FromLong(r);
}
PyObject* builtin_getattr(PyObject*, PyObject* const* args, Py_ssize_t n) {
  if (n < 2 || n > 3) {
    PyErr_Format(PyExc_TypeError, n < 2 ? "getattr expected at least 2 arguments, got %zd" : "getattr expected at most 3 arguments, got %zd", n);
    return nullptr;
  }
  if (!PyUnicode_Check(args[1])) {
    PyErr_Format(PyExc_TypeError, "attribute name must be string, not '%.200s'", Py_TYPE(args[1])->tp_name);
    return nullptr;
  }
  PyObject* v = PyObject_GetAttr(args[0], args[1]);
  if (!v && n == 3 && PyErr_ExceptionMatches(PyExc_AttributeError)) {
    PyErr_Clear();
    return Py_NewRef(args[2]);
  }
  return v;
}
PyObject* builtin_setattr(PyObject*, PyObject* const* args, Py_ssize_t n) {
  if (n != 3) {
    PyErr_Format(PyExc_TypeError, "setattr expected 3 arguments, got %zd", n);
    return nullptr;
  }
  if (PyObject_SetAttr(args[0], args[1], args[2]) < 0) return nullptr;
  Py_RETURN_NONE;
}
PyObject* builtin_delattr(PyObject*, PyObject* const* args, Py_ssize_t n) {
  if (n != 2) {
    PyErr_Format(PyExc_TypeError, "delattr expected 2 arguments, got %zd", n);
    return nullptr;
  }
  if (PyObject_SetAttr(args[0], args[1], nullptr) < 0) return nullptr;
  Py_RETURN_NONE;
}
PyObject* builtin_hasattr(PyObject*, PyObject* const* args, Py_ssize_t n) {
  if (n != 2) {
    PyErr_Format(PyExc_TypeError, "hasattr expected 2 arguments, got %zd", n);
    return nullptr;
  }
  PyObject* v = PyObject_GetAttr(args[0], args[1]);
  if (v) {
    Py_DECREF(v);
    Py_RETURN_TRUE;
  }
  if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
    PyErr_Clear();
    Py_RETURN_FALSE;
  }
  return nullptr;
}

// min/max share one loop; `op` is Py_LT for min, Py_GT for max.
PyObject* minmax(PyObject* const* args, size_t nargs, PyObject* kwnames, int op, const char* name) {
  // CPython parses the keywords with PyArg_ParseTupleAndKeywords("|$OO"), whose count check
  // comes before the names are looked at.
  if (kwnames && PyTuple_GET_SIZE(kwnames) > 2) {
    PyErr_Format(PyExc_TypeError, "%s() takes at most 2 keyword arguments (%zd given)", name,
                 PyTuple_GET_SIZE(kwnames));
    return nullptr;
  }
  if (check_kwnames(kwnames, name, {"key", "default"}) < 0) return nullptr;
  PyObject* key = get_kw(kwnames, args, nargs, "key");
  PyObject* dflt = get_kw(kwnames, args, nargs, "default");
  if (key == Py_None) key = nullptr;
  if (nargs == 0) {
    PyErr_Format(PyExc_TypeError, "%s expected at least 1 argument, got 0", name);
    return nullptr;
  }
  PyObject* seq;
  if (nargs == 1) {
    seq = Py_NewRef(args[0]);
  } else {
    if (dflt) {
      PyErr_Format(PyExc_TypeError, "Cannot specify a default for %s() with multiple positional arguments", name);
      return nullptr;
    }
    seq = PyTuple_New(static_cast<Py_ssize_t>(nargs));
    if (!seq) return nullptr;
    for (size_t i = 0; i < nargs; i++) PyTuple_SET_ITEM(seq, i, Py_NewRef(args[i]));
  }
  PyObject* it = PyObject_GetIter(seq);
  Py_DECREF(seq);
  if (!it) return nullptr;
  PyObject *best = nullptr, *best_key = nullptr;
  while (PyObject* item = PyIter_Next(it)) {
    PyObject* k = key ? PyObject_CallOneArg(key, item) : Py_NewRef(item);
    if (!k) {
      Py_DECREF(item);
      goto fail;
    }
    if (!best) {
      best = item;
      best_key = k;
      continue;
    }
    int cmp = PyObject_RichCompareBool(k, best_key, op);
    if (cmp < 0) {
      Py_DECREF(item);
      Py_DECREF(k);
      goto fail;
    }
    if (cmp) {
      Py_SETREF(best, item);
      Py_SETREF(best_key, k);
    } else {
      Py_DECREF(item);
      Py_DECREF(k);
    }
  }
  if (PyErr_Occurred()) goto fail;
  Py_DECREF(it);
  Py_XDECREF(best_key);
  if (!best) {
    if (dflt) return Py_NewRef(dflt);
    PyErr_Format(PyExc_ValueError, "%s() arg is an empty sequence", name);
  }
  return best;
fail:
  Py_DECREF(it);
  Py_XDECREF(best);
  Py_XDECREF(best_key);
  return nullptr;
}
PyObject* builtin_min(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kw) {
  return minmax(args, PyVectorcall_NARGS(nargsf), kw, Py_LT, "min");
}
PyObject* builtin_max(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kw) {
  return minmax(args, PyVectorcall_NARGS(nargsf), kw, Py_GT, "max");
}

PyObject* builtin_sum(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  size_t nargs = PyVectorcall_NARGS(nargsf);
  static const char* const names[] = {"", "start"};
  static const krait::builtins::ArgSpec spec = {"sum", names, 1, 1, 2, 2};
  PyObject* a[2];
  if (krait::builtins::unpack_args(spec, args, static_cast<Py_ssize_t>(nargs), kwnames, a) < 0) return nullptr;
  PyObject* start = a[1];
  if (start && (PyUnicode_Check(start) || PyBytes_Check(start) || PyByteArray_Check(start))) {
    PyErr_SetString(PyExc_TypeError, PyUnicode_Check(start) ? "sum() can't sum strings [use ''.join(seq) instead]"
                                     : PyBytes_Check(start) ? "sum() can't sum bytes [use b''.join(seq) instead]"
                                                            : "sum() can't sum bytearray [use b''.join(seq) instead]");
    return nullptr;
  }
  PyObject* it = PyObject_GetIter(a[0]);
  if (!it) return nullptr;
  PyObject* acc = start ? Py_NewRef(start) : PyLong_FromLong(0);
  // Fast path: accumulate machine integers while nothing overflows.
  long long small = 0;
  bool in_small = false;
  if (acc && PyLong_CheckExact(acc)) {
    int overflow = 0;
    small = PyLong_AsLongLongAndOverflow(acc, &overflow);
    in_small = !overflow;
  }
  while (acc) {
    PyObject* item = PyIter_Next(it);
    if (!item) break;
    if (in_small && PyLong_CheckExact(item)) {
      int overflow = 0;
      long long v = PyLong_AsLongLongAndOverflow(item, &overflow);
      long long r;
      if (!overflow && !__builtin_add_overflow(small, v, &r)) {
        small = r;
        Py_DECREF(item);
        continue;
      }
    }
    if (in_small) {
      Py_SETREF(acc, PyLong_FromLongLong(small));
      in_small = false;
      if (!acc) {
        Py_DECREF(item);
        break;
      }
    }
    PyObject* r = PyNumber_Add(acc, item);
    Py_DECREF(item);
    Py_SETREF(acc, r);
  }
  Py_DECREF(it);
  if (PyErr_Occurred()) {
    Py_XDECREF(acc);
    return nullptr;
  }
  if (in_small) Py_SETREF(acc, PyLong_FromLongLong(small));
  return acc;
}

PyObject* builtin_any_all(PyObject* o, bool want) {
  PyObject* it = PyObject_GetIter(o);
  if (!it) return nullptr;
  while (PyObject* item = PyIter_Next(it)) {
    int t = PyObject_IsTrue(item);
    Py_DECREF(item);
    if (t < 0) {
      Py_DECREF(it);
      return nullptr;
    }
    if (static_cast<bool>(t) == want) {
      Py_DECREF(it);
      return PyBool_FromLong(want);
    }
  }
  Py_DECREF(it);
  if (PyErr_Occurred()) return nullptr;
  return PyBool_FromLong(!want);
}
PyObject* builtin_any(PyObject*, PyObject* o) { return builtin_any_all(o, true); }
PyObject* builtin_all(PyObject*, PyObject* o) { return builtin_any_all(o, false); }

PyObject* builtin_divmod(PyObject*, PyObject* const* args, Py_ssize_t n) {
  if (n != 2) {
    PyErr_Format(PyExc_TypeError, "divmod expected 2 arguments, got %zd", n);
    return nullptr;
  }
  return PyNumber_Divmod(args[0], args[1]);
}
PyObject* builtin_pow(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  static const char* const names[] = {"base", "exp", "mod"};
  static const krait::builtins::ArgSpec spec = {"pow", names, 0, 2, 3, 3};
  PyObject* a[3];
  if (krait::builtins::unpack_args(spec, args, PyVectorcall_NARGS(nargsf), kwnames, a) < 0) return nullptr;
  return PyNumber_Power(a[0], a[1], a[2] ? a[2] : Py_None);
}
PyObject* builtin_round(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  static const char* const names[] = {"number", "ndigits"};
  static const krait::builtins::ArgSpec spec = {"round", names, 0, 1, 2, 2};
  PyObject* a[2];
  if (krait::builtins::unpack_args(spec, args, PyVectorcall_NARGS(nargsf), kwnames, a) < 0) return nullptr;
  PyObject* nd = a[1];
  PyObject* meth = PyObject_GetAttrString(reinterpret_cast<PyObject*>(Py_TYPE(a[0])), "__round__");
  if (!meth) {
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return nullptr;
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError, "type %.100s doesn't define __round__ method", Py_TYPE(a[0])->tp_name);
    return nullptr;
  }
  PyObject* r = (nd && nd != Py_None) ? PyObject_CallFunctionObjArgs(meth, a[0], nd, nullptr)
                                      : PyObject_CallOneArg(meth, a[0]);
  Py_DECREF(meth);
  return r;
}
PyObject* builtin_format(PyObject*, PyObject* const* args, Py_ssize_t n) {
  if (n < 1 || n > 2) {
    PyErr_Format(PyExc_TypeError, "format expected at least 1 argument, got %zd", n);
    return nullptr;
  }
  if (n == 2 && !PyUnicode_Check(args[1])) {
    PyErr_Format(PyExc_TypeError, "format() argument 2 must be str, not %.50s",
                 args[1] == Py_None ? "None" : Py_TYPE(args[1])->tp_name);
    return nullptr;
  }
  return PyObject_Format(args[0], n == 2 ? args[1] : nullptr);
}
PyObject* builtin_sorted(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  size_t n = PyVectorcall_NARGS(nargsf);
  if (n != 1) {
    PyErr_Format(PyExc_TypeError, n ? "sorted expected 1 argument, got %zu" : "sorted expected 1 argument, got %zu", n);
    return nullptr;
  }
  PyObject* list = PySequence_List(args[0]);
  if (!list) return nullptr;
  PyObject* sort = PyObject_GetAttrString(list, "sort");
  PyObject* r = sort ? PyObject_Vectorcall(sort, args + 1, 0, kwnames) : nullptr;
  Py_XDECREF(sort);
  if (!r) {
    Py_DECREF(list);
    return nullptr;
  }
  Py_DECREF(r);
  return list;
}
PyObject* builtin_globals(PyObject*, PyObject*) {
  PyObject* g = PyEval_GetGlobals();
  return Py_XNewRef(g ? g : Py_None);
}
PyObject* builtin_locals(PyObject*, PyObject*) { return Py_XNewRef(PyEval_GetLocals()); }
PyObject* number_to_base(PyObject* o, int base) { return PyNumber_ToBase(o, base); }
PyObject* builtin_bin(PyObject*, PyObject* o) { return number_to_base(o, 2); }
PyObject* builtin_oct(PyObject*, PyObject* o) { return number_to_base(o, 8); }
PyObject* builtin_hex(PyObject*, PyObject* o) { return number_to_base(o, 16); }

// __build_class__(func, name, *bases, metaclass=..., **kwds)
// Resolves __mro_entries__ on non-class bases (PEP 560). Returns a new
// reference: `bases` itself when nothing changed.
PyObject* update_bases(PyObject* bases) {
  Py_ssize_t n = PyTuple_GET_SIZE(bases);
  PyObject* new_bases = nullptr;  // a list, created on the first substitution
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject* base = PyTuple_GET_ITEM(bases, i);
    PyObject* meth = nullptr;
    if (!PyType_Check(base)) {
      if (_PyObject_LookupAttr(base, krait::id::mro_entries, &meth) < 0) goto error;
    }
    if (meth == nullptr) {
      if (new_bases && PyList_Append(new_bases, base) < 0) goto error;
      continue;
    }
    {
      PyObject* entries = PyObject_CallOneArg(meth, bases);
      Py_DECREF(meth);
      if (!entries) goto error;
      if (!PyTuple_Check(entries)) {
        PyErr_SetString(PyExc_TypeError, "__mro_entries__ must return a tuple");
        Py_DECREF(entries);
        goto error;
      }
      if (!new_bases) {
        new_bases = PyList_New(0);
        if (!new_bases) {
          Py_DECREF(entries);
          goto error;
        }
        for (Py_ssize_t j = 0; j < i; j++) {
          if (PyList_Append(new_bases, PyTuple_GET_ITEM(bases, j)) < 0) {
            Py_DECREF(entries);
            goto error;
          }
        }
      }
      Py_ssize_t end = PyList_GET_SIZE(new_bases);
      int r = PyList_SetSlice(new_bases, end, end, entries);
      Py_DECREF(entries);
      if (r < 0) goto error;
    }
  }
  if (!new_bases) return Py_NewRef(bases);
  {
    PyObject* t = PyList_AsTuple(new_bases);
    Py_DECREF(new_bases);
    return t;
  }
error:
  Py_XDECREF(new_bases);
  return nullptr;
}

PyObject* builtin_build_class(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  size_t nargs = PyVectorcall_NARGS(nargsf);
  if (nargs < 2) {
    PyErr_SetString(PyExc_TypeError, "__build_class__: not enough arguments");
    return nullptr;
  }
  PyObject* func = args[0];
  PyObject* name = args[1];
  if (!PyFunction_Check(func)) {
    PyErr_SetString(PyExc_TypeError, "__build_class__: func must be a function");
    return nullptr;
  }
  if (!PyUnicode_Check(name)) {
    PyErr_SetString(PyExc_TypeError, "__build_class__: name is not a string");
    return nullptr;
  }
  PyObject* orig_bases = PyTuple_New(static_cast<Py_ssize_t>(nargs - 2));
  if (!orig_bases) return nullptr;
  for (size_t i = 2; i < nargs; i++) PyTuple_SET_ITEM(orig_bases, i - 2, Py_NewRef(args[i]));
  // PEP 560: bases that aren't classes may substitute themselves (typing's
  // List[int], Protocol[T], ...); the originals are kept as __orig_bases__.
  PyObject* bases = update_bases(orig_bases);
  if (!bases) {
    Py_DECREF(orig_bases);
    return nullptr;
  }
  PyObject* kwds = PyDict_New();
  PyObject* meta = nullptr;
  PyObject *ns = nullptr, *cell = nullptr, *cls = nullptr;
  if (!kwds) goto done;
  if (kwnames) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); i++) {
      PyObject* k = PyTuple_GET_ITEM(kwnames, i);
      PyObject* v = args[nargs + static_cast<size_t>(i)];
      if (PyUnicode_CompareWithASCIIString(k, "metaclass") == 0) meta = Py_NewRef(v);
      else if (PyDict_SetItem(kwds, k, v) < 0) goto done;
    }
  }
  {
    bool is_class = false;
    if (!meta) {
      meta = Py_NewRef(PyTuple_GET_SIZE(bases) ? reinterpret_cast<PyObject*>(Py_TYPE(PyTuple_GET_ITEM(bases, 0)))
                                              : reinterpret_cast<PyObject*>(&PyType_Type));
      is_class = true;
    } else {
      is_class = PyType_Check(meta);
    }
    if (is_class) {
      // The most derived metaclass among meta and the bases' types.
      PyTypeObject* winner = reinterpret_cast<PyTypeObject*>(meta);
      for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); i++) {
        PyTypeObject* t = Py_TYPE(PyTuple_GET_ITEM(bases, i));
        if (PyType_IsSubtype(winner, t)) continue;
        if (PyType_IsSubtype(t, winner)) {
          winner = t;
          continue;
        }
        PyErr_SetString(PyExc_TypeError,
                        "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass "
                        "of the metaclasses of all its bases");
        goto done;
      }
      Py_SETREF(meta, Py_NewRef(reinterpret_cast<PyObject*>(winner)));
    }
  }
  {
    PyObject* prep = PyObject_GetAttrString(meta, "__prepare__");
    if (!prep) {
      if (!PyErr_ExceptionMatches(PyExc_AttributeError)) goto done;
      PyErr_Clear();
      ns = PyDict_New();
    } else {
      PyObject* pargs = PyTuple_Pack(2, name, bases);
      ns = pargs ? PyObject_Call(prep, pargs, kwds) : nullptr;
      Py_XDECREF(pargs);
      Py_DECREF(prep);
    }
    if (!ns) goto done;
    if (!PyMapping_Check(ns)) {
      PyErr_Format(PyExc_TypeError, "%.200s.__prepare__() must return a mapping, not %.200s",
                   PyType_Check(meta) ? reinterpret_cast<PyTypeObject*>(meta)->tp_name : "<metaclass>",
                   Py_TYPE(ns)->tp_name);
      goto done;
    }
  }
  cell = call_with_locals(reinterpret_cast<PyFunctionObject*>(func), ns);
  if (!cell) goto done;
  if (bases != orig_bases && PyMapping_SetItemString(ns, "__orig_bases__", orig_bases) < 0) goto done;
  {
    PyObject* margs = PyTuple_Pack(3, name, bases, ns);
    cls = margs ? PyObject_Call(meta, margs, kwds) : nullptr;
    Py_XDECREF(margs);
  }
  if (cls && PyType_Check(cls) && PyCell_Check(cell)) {
    PyObject* cell_cls = PyCell_GET(cell);
    if (cell_cls != cls) {
      // type.__new__ fills the cell from the namespace's __classcell__; a metaclass that
      // dropped it leaves the methods' __class__ unset (an error since 3.8).
      if (!cell_cls) {
        PyErr_Format(PyExc_RuntimeError,
                     "__class__ not set defining %.200R as %.200R. "
                     "Was __classcell__ propagated to type.__new__?",
                     name, cls);
      } else {
        PyErr_Format(PyExc_TypeError, "__class__ set to %.200R defining %.200R as %.200R",
                     cell_cls, name, cls);
      }
      Py_CLEAR(cls);
    }
  }
done:
  Py_XDECREF(cell);
  Py_XDECREF(ns);
  Py_XDECREF(meta);
  Py_XDECREF(kwds);
  Py_DECREF(bases);
  Py_DECREF(orig_bases);
  return cls;
}

#define VC(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef builtin_methods[] = {
    {"__build_class__", VC(builtin_build_class), METH_FASTCALL | METH_KEYWORDS,
     "__build_class__(func, name, /, *bases, [metaclass], **kwds) -> class\n\nBuild a class from the function that runs its body, as the class statement does."},
    {"abs", builtin_abs, METH_O,
     "abs($module, x, /)\n--\n\nReturn the absolute value of x."},
    {"all", builtin_all, METH_O,
     "all($module, iterable, /)\n--\n\nReturn True if every element of the iterable is true (or it is empty)."},
    {"any", builtin_any, METH_O,
     "any($module, iterable, /)\n--\n\nReturn True if some element of the iterable is true (False when it is empty)."},
    {"ascii", builtin_ascii, METH_O,
     "ascii($module, obj, /)\n--\n\nReturn repr(obj) with every non-ASCII character escaped."},
    {"bin", builtin_bin, METH_O,
     "bin($module, number, /)\n--\n\nReturn the binary text of an integer, prefixed with '0b'."},
    {"callable", builtin_callable, METH_O,
     "callable($module, obj, /)\n--\n\nReturn whether obj can be called (its type has __call__)."},
    {"chr", builtin_chr, METH_O,
     "chr($module, i, /)\n--\n\nReturn the one-character string of Unicode code point i (0 <= i <= 0x10ffff)."},
    {"delattr", VC(builtin_delattr), METH_FASTCALL,
     "delattr($module, obj, name, /)\n--\n\nDelete the attribute called name from obj; del obj.name does the same."},
    {"divmod", VC(builtin_divmod), METH_FASTCALL,
     "divmod($module, x, y, /)\n--\n\nReturn the pair (x//y, x%y)."},
    {"format", VC(builtin_format), METH_FASTCALL,
     "format($module, value, format_spec='', /)\n--\n\nReturn value.__format__(format_spec)."},
    {"getattr", VC(builtin_getattr), METH_FASTCALL,
     "getattr(object, name[, default]) -> value\n\nReturn the attribute called name of object; with default, it is returned instead of\nraising AttributeError."},
    {"globals", builtin_globals, METH_NOARGS,
     "globals($module, /)\n--\n\nReturn the dictionary of the current module's global names."},
    {"hasattr", VC(builtin_hasattr), METH_FASTCALL,
     "hasattr($module, obj, name, /)\n--\n\nReturn whether getattr(obj, name) succeeds without AttributeError."},
    {"hash", builtin_hash, METH_O,
     "hash($module, obj, /)\n--\n\nReturn the hash value of obj; equal objects have equal hashes."},
    {"hex", builtin_hex, METH_O,
     "hex($module, number, /)\n--\n\nReturn the hexadecimal text of an integer, prefixed with '0x'."},
    {"id", builtin_id, METH_O,
     "id($module, obj, /)\n--\n\nReturn an integer identifying obj, unique among objects alive at the same time."},
    {"isinstance", VC(builtin_isinstance), METH_FASTCALL,
     "isinstance($module, obj, class_or_tuple, /)\n--\n\nReturn whether obj is an instance of the class (or of any class in the tuple)."},
    {"issubclass", VC(builtin_issubclass), METH_FASTCALL,
     "issubclass($module, cls, class_or_tuple, /)\n--\n\nReturn whether cls is the class (or one of the tuple's classes) or derives from it."},
    {"iter", VC(builtin_iter), METH_FASTCALL,
     "iter(iterable) -> iterator\niter(callable, sentinel) -> iterator\n\nReturn an iterator over the iterable, or one that calls callable until it returns sentinel."},
    {"len", builtin_len, METH_O,
     "len($module, obj, /)\n--\n\nReturn the number of items in a container."},
    {"locals", builtin_locals, METH_NOARGS,
     "locals($module, /)\n--\n\nReturn a dictionary of the current scope's local names."},
    {"max", VC(builtin_max), METH_FASTCALL | METH_KEYWORDS,
     "max(iterable, *[, default=obj, key=func]) -> value\nmax(arg1, arg2, *args, *[, key=func]) -> value\n\nReturn the largest item of the iterable or of the arguments; default is returned for an\nempty iterable and key computes the values compared."},
    {"min", VC(builtin_min), METH_FASTCALL | METH_KEYWORDS,
     "min(iterable, *[, default=obj, key=func]) -> value\nmin(arg1, arg2, *args, *[, key=func]) -> value\n\nReturn the smallest item of the iterable or of the arguments; default is returned for an\nempty iterable and key computes the values compared."},
    {"next", VC(builtin_next), METH_FASTCALL,
     "next(iterator[, default])\n\nReturn the next item of the iterator; with default, it is returned when the iterator is\nexhausted instead of raising StopIteration."},
    {"oct", builtin_oct, METH_O,
     "oct($module, number, /)\n--\n\nReturn the octal text of an integer, prefixed with '0o'."},
    {"ord", builtin_ord, METH_O,
     "ord($module, c, /)\n--\n\nReturn the Unicode code point of a one-character string (or the value of a one-byte bytes)."},
    {"pow", VC(builtin_pow), METH_FASTCALL | METH_KEYWORDS,
     "pow($module, /, base, exp, mod=None)\n--\n\nReturn base**exp, or base**exp % mod computed efficiently when mod is given."},
    {"print", VC(builtin_print), METH_FASTCALL | METH_KEYWORDS,
     "print($module, /, *args, sep=' ', end='\\n', file=None, flush=False)\n--\n\nWrite the arguments, separated by sep and followed by end, to file (sys.stdout by default)."},
    {"repr", builtin_repr, METH_O,
     "repr($module, obj, /)\n--\n\nReturn the canonical text form of obj; often eval(repr(obj)) == obj."},
    {"round", VC(builtin_round), METH_FASTCALL | METH_KEYWORDS,
     "round($module, /, number, ndigits=None)\n--\n\nRound a number to ndigits decimal digits (half to even); without ndigits, to an integer."},
    {"setattr", VC(builtin_setattr), METH_FASTCALL,
     "setattr($module, obj, name, value, /)\n--\n\nSet the attribute called name on obj to value; obj.name = value does the same."},
    {"sorted", VC(builtin_sorted), METH_FASTCALL | METH_KEYWORDS,
     "sorted($module, iterable, /, *, key=None, reverse=False)\n--\n\nReturn a new list of the iterable's items in ascending order (stable; key and reverse as\nin list.sort)."},
    {"sum", VC(builtin_sum), METH_FASTCALL | METH_KEYWORDS,
     "sum($module, iterable, /, start=0)\n--\n\nReturn start plus the sum of the iterable's items (numbers; not strings)."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef builtins_def = {
    PyModuleDef_HEAD_INIT, "builtins",
    "Built-in functions, exceptions, and other objects.", -1, builtin_methods,
    nullptr, nullptr, nullptr, nullptr,
};

PyObject* g_builtins_module = nullptr;

}  // namespace

namespace krait::interp {

PyObject* default_builtins_module() { return g_builtins_module; }
PyObject* default_builtins() { return g_builtins_module ? PyModule_GetDict(g_builtins_module) : nullptr; }

}  // namespace krait::interp

namespace krait {

namespace builtins {
// builtins_more.cpp: eval, exec, compile, dir, vars, input, open, aiter, anext, ...
int builtins_add_more(PyObject* m);
}

// Runtime start-up hook (runtime/init_hooks.def).
int init_builtins_module() {
  if (g_builtins_module) return 0;
  PyObject* m = PyModule_Create(&builtins_def);
  if (!m) return -1;
  PyObject* d = PyModule_GetDict(m);
  if (builtins::builtins_add_more(m) < 0) return -1;
#define ADD_TYPE(sym, name) \
  if (&sym && PyDict_SetItemString(d, name, reinterpret_cast<PyObject*>(&sym)) < 0) return -1;
  KRAIT_WEAK_TYPES(ADD_TYPE)
#define ADD_EXC(n) \
  if (&PyExc_##n && PyExc_##n && PyDict_SetItemString(d, #n, PyExc_##n) < 0) return -1;
  KRAIT_EXCEPTIONS(ADD_EXC)
  if (&PyExc_OSError && PyExc_OSError) {
    PyDict_SetItemString(d, "EnvironmentError", PyExc_OSError);
    PyDict_SetItemString(d, "IOError", PyExc_OSError);
  }
  PyDict_SetItemString(d, "None", Py_None);
  PyDict_SetItemString(d, "Ellipsis", Py_Ellipsis);
  PyDict_SetItemString(d, "NotImplemented", Py_NotImplemented);
  PyDict_SetItemString(d, "True", Py_True);
  PyDict_SetItemString(d, "False", Py_False);
  PyDict_SetItemString(d, "__debug__", Py_True);
  g_builtins_module = m;
  PyInterpreterState* interp = main_interp();
  Py_XSETREF(interp->builtins, Py_NewRef(d));
  if (interp->modules) PyDict_SetItemString(interp->modules, "builtins", m);
  return 0;
}

}  // namespace krait
