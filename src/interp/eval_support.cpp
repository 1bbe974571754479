// eval_support.cpp — the slow-path helpers of the interpreter loop: error
// formatting, raise, unpacking, imports, function creation, container
// merging for calls and displays. eval.cpp keeps only the loop itself.
#include "interp/eval_support.h"

#include <pthread.h>

#include "interp/frame_object.h"
#include "interp/support.h"
#include "runtime/identifiers.h"
#include "support/ref.h"

namespace krait::interp {

// -- Helpers ---------------------------------------------------------------------------------

PyObject* builtins_for_globals(PyObject* globals) {
  PyObject* b = PyDict_GetItemWithError(globals, id::builtins);  // interned key: no str built per call
  if (!b && PyErr_Occurred()) PyErr_Clear();  // as PyDict_GetItemString: lookup errors are ignored
  if (b) {
    if (PyModule_Check(b)) return PyModule_GetDict(b);
    return b;
  }
  return PyEval_GetBuiltins();  // inherited from the running frame, as CPython 3.10+
}

void format_unbound(PyCodeObject* co, int slot) {
  PyObject* name = PyTuple_GET_ITEM(co->co_localsplusnames, slot);
  uint8_t kind = static_cast<uint8_t>(PyBytes_AS_STRING(co->co_localspluskinds)[slot]);
  if (kind & bytecode::kFastFree)
    PyErr_Format(PyExc_NameError,
                 "cannot access free variable '%U' where it is not associated with a value in enclosing scope",
                 name);
  else
    PyErr_Format(PyExc_UnboundLocalError,
                 "cannot access local variable '%U' where it is not associated with a value", name);
}

// NameError with its `name` attribute set (used for "Did you mean" hints).
void name_error(PyObject* name) {
  PyErr_Format(PyExc_NameError, "name '%U' is not defined", name);
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  PyErr_NormalizeException(&t, &v, &tb);
  if (v) PyObject_SetAttrString(v, "name", name);
  PyErr_Restore(t, v, tb);
}

// AttributeError.name/.obj for "Did you mean" (CPython sets them on attribute
// loads; done here too in case the C-API path did not).
void attribute_error_context(PyObject* obj, PyObject* name) {
  if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return;
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  PyErr_NormalizeException(&t, &v, &tb);
  if (v && PyErr_GivenExceptionMatches(v, PyExc_AttributeError)) {
    PyObject* cur = PyObject_GetAttrString(v, "obj");
    if (!cur) PyErr_Clear();
    if (!cur || cur == Py_None) {
      if (PyObject_SetAttrString(v, "name", name) < 0 || PyObject_SetAttrString(v, "obj", obj) < 0) PyErr_Clear();
    }
    Py_XDECREF(cur);
  }
  PyErr_Restore(t, v, tb);
}

PyObject* dict_or_mapping_get(PyObject* d, PyObject* key) {  // new ref or NULL (error only if set)
  if (PyDict_CheckExact(d)) return Py_XNewRef(PyDict_GetItemWithError(d, key));
  PyObject* v = PyObject_GetItem(d, key);
  if (!v && PyErr_ExceptionMatches(PyExc_KeyError)) PyErr_Clear();
  return v;
}

PyObject* load_global(Frame* f, PyObject* name) {
  PyObject* v = dict_or_mapping_get(f->globals, name);
  if (v || PyErr_Occurred()) return v;
  v = dict_or_mapping_get(f->builtins, name);
  if (!v && !PyErr_Occurred()) name_error(name);
  return v;
}

static binaryfunc binary_ops[] = {
    PyNumber_Add, PyNumber_And, PyNumber_FloorDivide, PyNumber_Lshift, PyNumber_MatrixMultiply,
    PyNumber_Multiply, PyNumber_Remainder, PyNumber_Or, nullptr /* power */, PyNumber_Rshift,
    PyNumber_Subtract, PyNumber_TrueDivide, PyNumber_Xor,
    PyNumber_InPlaceAdd, PyNumber_InPlaceAnd, PyNumber_InPlaceFloorDivide, PyNumber_InPlaceLshift,
    PyNumber_InPlaceMatrixMultiply, PyNumber_InPlaceMultiply, PyNumber_InPlaceRemainder,
    PyNumber_InPlaceOr, nullptr /* inplace power */, PyNumber_InPlaceRshift,
    PyNumber_InPlaceSubtract, PyNumber_InPlaceTrueDivide, PyNumber_InPlaceXor,
};

PyObject* binary_op(uint32_t op, PyObject* l, PyObject* r) {
  if (op == static_cast<uint32_t>(bytecode::BinaryOp::Power)) return PyNumber_Power(l, r, Py_None);
  if (op == static_cast<uint32_t>(bytecode::BinaryOp::InplacePower)) return PyNumber_InPlacePower(l, r, Py_None);
  return binary_ops[op](l, r);
}

// RAISE_VARARGS with an exception (and cause). Returns with the error set.
void do_raise(PyObject* exc, PyObject* cause) {
  PyObject* type = nullptr;
  PyObject* value = nullptr;
  if (PyExceptionClass_Check(exc)) {
    type = exc;
    value = PyObject_CallNoArgs(exc);
    if (!value) return;
    if (!PyExceptionInstance_Check(value)) {
      // The raise statement shows the result's type with %R, unlike PyErr_SetObject (%s).
      PyErr_Format(PyExc_TypeError, "calling %R should have returned an instance of BaseException, not %R",
                   type, reinterpret_cast<PyObject*>(Py_TYPE(value)));
      Py_DECREF(value);
      return;
    }
  } else if (PyExceptionInstance_Check(exc)) {
    value = Py_NewRef(exc);
  } else {
    PyErr_SetString(PyExc_TypeError, "exceptions must derive from BaseException");
    return;
  }
  if (cause) {
    PyObject* fixed;
    if (PyExceptionClass_Check(cause)) {
      fixed = PyObject_CallNoArgs(cause);
      if (!fixed) {
        Py_DECREF(value);
        return;
      }
      if (!PyExceptionInstance_Check(fixed)) {
        PyErr_Format(PyExc_TypeError, "calling %R should have returned an instance of BaseException, not %R",
                     cause, reinterpret_cast<PyObject*>(Py_TYPE(fixed)));
        Py_DECREF(fixed);
        Py_DECREF(value);
        return;
      }
    } else if (PyExceptionInstance_Check(cause) || cause == Py_None) {
      fixed = Py_NewRef(cause);
    } else {
      PyErr_SetString(PyExc_TypeError, "exception causes must derive from BaseException");
      Py_DECREF(value);
      return;
    }
    PyException_SetCause(value, cause == Py_None ? nullptr : fixed);  // steals
    if (cause == Py_None) {
      Py_DECREF(fixed);
      // `raise X from None` still suppresses the context.
      reinterpret_cast<PyBaseExceptionObject*>(value)->suppress_context = 1;
    }
  }
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(value)), value);
  Py_DECREF(value);
}

// Bare `raise`: re-raise the exception being handled.
void do_reraise_current() {
  PyObject* exc = PyErr_GetHandledException();
  if (!exc || exc == Py_None) {
    Py_XDECREF(exc);
    PyErr_SetString(PyExc_RuntimeError, "No active exception to reraise");
    return;
  }
  PyObject* tb = PyException_GetTraceback(exc);
  PyErr_Restore(Py_NewRef(reinterpret_cast<PyObject*>(Py_TYPE(exc))), exc, tb);
}

// The pending exception as one normalized value carrying its traceback.
PyObject* fetch_exception_value() {
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  PyErr_NormalizeException(&t, &v, &tb);
  if (tb && v) PyException_SetTraceback(v, tb);
  Py_XDECREF(t);
  Py_XDECREF(tb);
  if (!v) v = Py_NewRef(Py_None);
  return v;
}

void restore_exception_value(PyObject* exc) {  // steals exc
  PyObject* tb = PyException_GetTraceback(exc);
  PyErr_Restore(Py_NewRef(reinterpret_cast<PyObject*>(Py_TYPE(exc))), exc, tb);
}

int check_except_type(PyObject* t) {
  auto ok = [](PyObject* x) { return PyType_Check(x) && PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(x), reinterpret_cast<PyTypeObject*>(PyExc_BaseException)); };
  if (PyTuple_Check(t)) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(t); i++) {
      if (!ok(PyTuple_GET_ITEM(t, i))) goto bad;
    }
    return 0;
  }
  if (ok(t)) return 0;
bad:
  PyErr_SetString(PyExc_TypeError, "catching classes that do not inherit from BaseException is not allowed");
  return -1;
}

// Unpacks `seq` into `n` items written top-first at `out[0..n)` (out[0] is the
// last item, i.e. the one pushed first). Returns -1 on error.
int unpack_iterable(PyObject* seq, int before, int after, PyObject** out) {
  bool star = after >= 0;
  PyObject* it = PyObject_GetIter(seq);
  if (!it) {
    if (PyErr_ExceptionMatches(PyExc_TypeError) && !Py_TYPE(seq)->tp_iter && !PySequence_Check(seq)) {
      PyErr_Clear();
      PyErr_Format(PyExc_TypeError, "cannot unpack non-iterable %.200s object", Py_TYPE(seq)->tp_name);
    }
    return -1;
  }
  int total = before + (star ? 1 + after : 0);
  int i = 0;
  // out is filled so that out[total-1] is the first item.
  for (; i < before; i++) {
    PyObject* w = PyIter_Next(it);
    if (!w) {
      if (!PyErr_Occurred()) {
        if (star)
          PyErr_Format(PyExc_ValueError, "not enough values to unpack (expected at least %d, got %d)", before + after, i);
        else
          PyErr_Format(PyExc_ValueError, "not enough values to unpack (expected %d, got %d)", before, i);
      }
      goto fail;
    }
    out[total - 1 - i] = w;
  }
  if (!star) {
    PyObject* w = PyIter_Next(it);
    if (w) {
      Py_DECREF(w);
      PyErr_Format(PyExc_ValueError, "too many values to unpack (expected %d)", before);
      goto fail;
    }
    if (PyErr_Occurred()) goto fail;
    Py_DECREF(it);
    return 0;
  } else {
    PyObject* rest = PySequence_List(it);
    if (!rest) goto fail;
    Py_ssize_t n = PyList_GET_SIZE(rest);
    if (n < after) {
      PyErr_Format(PyExc_ValueError, "not enough values to unpack (expected at least %d, got %zd)", before + after,
                   before + n);
      Py_DECREF(rest);
      goto fail;
    }
    for (int j = 0; j < after; j++) {
      out[after - 1 - j] = Py_NewRef(PyList_GET_ITEM(rest, n - after + j));
    }
    if (PyList_SetSlice(rest, n - after, n, nullptr) < 0) {
      Py_DECREF(rest);
      i += 0;
      for (int j = 0; j < after; j++) Py_CLEAR(out[j]);
      goto fail;
    }
    out[after] = rest;
    Py_DECREF(it);
    return 0;
  }
fail:
  for (int j = 0; j < i; j++) Py_CLEAR(out[total - 1 - j]);
  Py_DECREF(it);
  return -1;
}

PyObject* import_name(Frame* f, PyObject* name, PyObject* fromlist, PyObject* level) {
  PyObject* import_func = PyDict_GetItemString(f->builtins, "__import__");
  if (!import_func) {
    return PyImport_ImportModuleLevelObject(name, f->globals, f->locals ? f->locals : Py_None, fromlist,
                                            static_cast<int>(PyLong_AsLong(level)));
  }
  PyObject* args[5] = {name, f->globals, f->locals ? f->locals : Py_None, fromlist, level};
  return PyObject_Vectorcall(import_func, args, 5, nullptr);
}

// CPython's import_from: the attribute, else (for circular imports) the
// submodule "<module>.<name>" already in sys.modules, else ImportError with
// name= and path= set.
PyObject* import_from(PyObject* module, PyObject* name) {
  PyObject* x = PyObject_GetAttr(module, name);
  if (x || !PyErr_ExceptionMatches(PyExc_AttributeError)) return x;
  PyErr_Clear();
  PyObject* pkgname = PyObject_GetAttrString(module, "__name__");
  if (pkgname && PyUnicode_Check(pkgname)) {
    PyObject* fullname = PyUnicode_FromFormat("%U.%U", pkgname, name);
    if (fullname) {
      x = PyImport_GetModule(fullname);
      Py_DECREF(fullname);
      if (x) {
        Py_DECREF(pkgname);
        return x;
      }
    }
    if (PyErr_Occurred()) {
      Py_DECREF(pkgname);
      return nullptr;
    }
  } else {
    Py_XDECREF(pkgname);
    PyErr_Clear();
    pkgname = nullptr;
  }
  PyObject* shown = pkgname ? pkgname : PyUnicode_FromString("<unknown module name>");
  PyObject* path = PyModule_Check(module) ? PyModule_GetFilenameObject(module) : nullptr;
  if (!path) PyErr_Clear();
  bool initializing = false;
  if (PyObject* spec = PyObject_GetAttrString(module, "__spec__")) {
    if (PyObject* init = PyObject_GetAttrString(spec, "_initializing")) {
      initializing = PyObject_IsTrue(init) == 1;
      Py_DECREF(init);
    }
    Py_DECREF(spec);
  }
  PyErr_Clear();
  PyObject* msg;
  if (initializing)
    msg = PyUnicode_FromFormat("cannot import name %R from partially initialized module %R "
                               "(most likely due to a circular import) (%S)",
                               name, shown, path ? path : Py_None);
  else if (path)
    msg = PyUnicode_FromFormat("cannot import name %R from %R (%S)", name, shown, path);
  else
    msg = PyUnicode_FromFormat("cannot import name %R from %R (unknown location)", name, shown);
  if (msg) PyErr_SetImportError(msg, pkgname ? pkgname : Py_None, path ? path : Py_None);
  Py_XDECREF(msg);
  Py_XDECREF(path);
  Py_DECREF(shown);
  return nullptr;
}

int import_star(Frame* f, PyObject* module) {
  if (!f->locals) {
    PyErr_SetString(PyExc_SystemError, "no locals found during 'import *'");
    return -1;
  }
  PyObject* all = PyObject_GetAttrString(module, "__all__");
  bool skip_private = false;
  if (!all) {
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return -1;
    PyErr_Clear();
    PyObject* d = PyObject_GetAttrString(module, "__dict__");
    if (!d) return -1;
    all = PyMapping_Keys(d);
    Py_DECREF(d);
    if (!all) return -1;
    skip_private = true;
  }
  PyObject* it = PyObject_GetIter(all);
  Py_DECREF(all);
  if (!it) return -1;
  int rc = 0;
  while (PyObject* name = PyIter_Next(it)) {
    if (skip_private && PyUnicode_Check(name) && PyUnicode_READ_CHAR(name, 0) == '_') {
      Py_DECREF(name);
      continue;
    }
    PyObject* v = PyObject_GetAttr(module, name);
    if (!v || PyObject_SetItem(f->locals, name, v) < 0) rc = -1;
    Py_XDECREF(v);
    Py_DECREF(name);
    if (rc < 0) break;
  }
  Py_DECREF(it);
  if (PyErr_Occurred()) rc = -1;
  return rc;
}

PyObject* make_function(Frame* f, PyObject* code, uint32_t flags, PyObject** sp) {
  PyCodeObject* co = reinterpret_cast<PyCodeObject*>(code);
  PyObject* func = PyFunction_NewWithQualName(code, f->globals, co->co_qualname);
  if (!func) return nullptr;
  auto* fn = reinterpret_cast<PyFunctionObject*>(func);
  // Operands were pushed in the order defaults, kwdefaults, annotations, closure.
  int i = 0;
  if (flags & bytecode::MF_CLOSURE) fn->func_closure = Py_NewRef(sp[--i]);
  if (flags & bytecode::MF_ANNOTATIONS) {
    PyObject* t = sp[--i];
    PyObject* d = PyDict_New();
    if (!d) goto fail;
    for (Py_ssize_t k = 0; k + 1 < PyTuple_GET_SIZE(t); k += 2)
      PyDict_SetItem(d, PyTuple_GET_ITEM(t, k), PyTuple_GET_ITEM(t, k + 1));
    fn->func_annotations = d;
  }
  if (flags & bytecode::MF_KWDEFAULTS) fn->func_kwdefaults = Py_NewRef(sp[--i]);
  if (flags & bytecode::MF_DEFAULTS) fn->func_defaults = Py_NewRef(sp[--i]);
  return func;
fail:
  Py_DECREF(func);
  return nullptr;
}

int list_extend(PyObject* list, PyObject* iterable) {
  PyObject* it = PyObject_GetIter(iterable);
  if (!it) {
    if (PyErr_ExceptionMatches(PyExc_TypeError) && !Py_TYPE(iterable)->tp_iter && !PySequence_Check(iterable)) {
      PyErr_Clear();
      PyErr_Format(PyExc_TypeError, "Value after * must be an iterable, not %.200s", Py_TYPE(iterable)->tp_name);
    }
    return -1;
  }
  while (PyObject* v = PyIter_Next(it)) {
    int rc = PyList_Append(list, v);
    Py_DECREF(v);
    if (rc < 0) {
      Py_DECREF(it);
      return -1;
    }
  }
  Py_DECREF(it);
  return PyErr_Occurred() ? -1 : 0;
}

int set_update(PyObject* set, PyObject* iterable) {
  PyObject* it = PyObject_GetIter(iterable);
  if (!it) return -1;
  while (PyObject* v = PyIter_Next(it)) {
    int rc = PySet_Add(set, v);
    Py_DECREF(v);
    if (rc < 0) {
      Py_DECREF(it);
      return -1;
    }
  }
  Py_DECREF(it);
  return PyErr_Occurred() ? -1 : 0;
}

// "__main__.f()", "print()": how CPython names a callable in call errors
// (its _PyObject_FunctionStr: module-qualified unless the module is builtins).
PyObject* function_str(PyObject* func) {
  PyObject* qualname;
  if (_PyObject_LookupAttr(func, PyUnicode_InternFromString("__qualname__"), &qualname) <= 0) {
    PyErr_Clear();
    return PyObject_Str(func);
  }
  Ref<> q = steal(qualname);
  PyObject* module;
  if (_PyObject_LookupAttr(func, PyUnicode_InternFromString("__module__"), &module) < 0) PyErr_Clear();
  Ref<> m = steal(module);
  if (m && PyUnicode_Check(m.get()) && PyUnicode_CompareWithASCIIString(m.get(), "builtins") != 0)
    return PyUnicode_FromFormat("%U.%U()", m.get(), q.get());
  return PyUnicode_FromFormat("%U()", q.get());
}

int dict_merge(PyObject* dict, PyObject* update, PyObject* func, bool no_dups) {
  if (!PyDict_Check(update) && !PyObject_HasAttrString(update, "keys")) {
    if (func) {
      Ref<> fs = steal(function_str(func));
      if (fs)
        PyErr_Format(PyExc_TypeError, "%U argument after ** must be a mapping, not %.200s",
                     fs.get(), Py_TYPE(update)->tp_name);
    } else
      PyErr_Format(PyExc_TypeError, "'%.200s' object is not a mapping", Py_TYPE(update)->tp_name);
    return -1;
  }
  if (!no_dups) return PyDict_Update(dict, update);
  PyObject* keys = PyMapping_Keys(update);
  if (!keys) return -1;
  int rc = 0;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(keys) && rc == 0; i++) {
    PyObject* k = PyList_GET_ITEM(keys, i);
    if (PyDict_Contains(dict, k)) {
      if (func) {
        Ref<> fs = steal(function_str(func));
        if (fs)
          PyErr_Format(PyExc_TypeError, "%U got multiple values for keyword argument '%S'", fs.get(), k);
      } else {
        PyErr_Format(PyExc_TypeError, "got multiple values for keyword argument '%S'", k);
      }
      rc = -1;
      break;
    }
    PyObject* v = PyObject_GetItem(update, k);
    if (!v || PyDict_SetItem(dict, k, v) < 0) rc = -1;
    Py_XDECREF(v);
  }
  Py_DECREF(keys);
  return rc;
}


}  // namespace krait::interp
