// The call protocol: PyObject_Call*, vectorcall (PEP 590), method calls.
//
// Vectorcall is the fast path everywhere: a callable whose type sets
// Py_TPFLAGS_HAVE_VECTORCALL stores a function pointer at tp_vectorcall_offset
// that takes a C array of arguments plus a tuple of keyword names, so calls
// need no tuple or dict. tp_call (args tuple + kwargs dict) is the fallback.
#include <Python.h>

#include <cstring>
#include <cstdarg>

#include "capi/call_internal.h"
#include "runtime/interp_state.h"
#include "support/ref.h"

using krait::Ref;

namespace krait {
namespace {

// Builds a kwargs dict from vectorcall keyword names and values.
PyObject* stack_as_dict(PyObject* const* values, PyObject* kwnames) {
  Py_ssize_t n = PyTuple_GET_SIZE(kwnames);
  PyObject* kwdict = _PyDict_NewPresized(n);
  if (!kwdict) return nullptr;
  for (Py_ssize_t i = 0; i < n; i++) {
    if (PyDict_SetItem(kwdict, PyTuple_GET_ITEM(kwnames, i), values[i]) < 0) {
      Py_DECREF(kwdict);
      return nullptr;
    }
  }
  return kwdict;
}

// Flattens (args tuple, kwargs dict) into a vectorcall stack. On success,
// *stack/*kwnames hold new references that free_stack releases.
bool unpack_kwargs(PyObject* const* args, Py_ssize_t nargs, PyObject* kwargs,
                   PyObject*** stack, PyObject** kwnames) {
  Py_ssize_t nkw = PyDict_GET_SIZE(kwargs);
  // One extra slot in front allows PY_VECTORCALL_ARGUMENTS_OFFSET.
  auto** buf = static_cast<PyObject**>(PyMem_Malloc((1 + nargs + nkw) * sizeof(PyObject*)));
  if (!buf) {
    PyErr_NoMemory();
    return false;
  }
  buf++;
  PyObject* names = PyTuple_New(nkw);
  if (!names) {
    PyMem_Free(buf - 1);
    return false;
  }
  for (Py_ssize_t i = 0; i < nargs; i++) {
    Py_INCREF(args[i]);
    buf[i] = args[i];
  }
  Py_ssize_t pos = 0, i = 0;
  PyObject *key, *value;
  bool keys_are_str = true;
  while (PyDict_Next(kwargs, &pos, &key, &value)) {
    keys_are_str &= PyUnicode_Check(key) != 0;
    Py_INCREF(key);
    Py_INCREF(value);
    PyTuple_SET_ITEM(names, i, key);
    buf[nargs + i] = value;
    i++;
  }
  if (!keys_are_str) {
    PyErr_SetString(PyExc_TypeError, "keywords must be strings");
    for (Py_ssize_t j = 0; j < nargs + nkw; j++) Py_DECREF(buf[j]);
    PyMem_Free(buf - 1);
    Py_DECREF(names);
    return false;
  }
  *stack = buf;
  *kwnames = names;
  return true;
}

void free_stack(PyObject** stack, Py_ssize_t n, PyObject* kwnames) {
  for (Py_ssize_t i = 0; i < n; i++) Py_DECREF(stack[i]);
  PyMem_Free(stack - 1);
  Py_DECREF(kwnames);
}

}  // namespace
}  // namespace krait

extern "C" {

PyObject* _Py_CheckFunctionResult(PyThreadState* ts, PyObject* callable, PyObject* result,
                                  const char* where) {
  if (result == nullptr) {
    if (!PyErr_Occurred()) {
      if (callable)
        PyErr_Format(PyExc_SystemError, "%R returned NULL without setting an exception", callable);
      else
        PyErr_Format(PyExc_SystemError, "%s returned NULL without setting an exception", where);
    }
  } else if (PyErr_Occurred()) {
    Py_DECREF(result);
    if (callable)
      _PyErr_FormatFromCause(PyExc_SystemError, "%R returned a result with an exception set",
                             callable);
    else
      _PyErr_FormatFromCause(PyExc_SystemError, "%s returned a result with an exception set",
                             where);
    return nullptr;
  }
  return result;
}

PyObject* _PyStack_AsDict(PyObject* const* values, PyObject* kwnames) {
  return krait::stack_as_dict(values, kwnames);
}

vectorcallfunc PyVectorcall_Function(PyObject* callable) {
  PyTypeObject* tp = Py_TYPE(callable);
  if (!PyType_HasFeature(tp, Py_TPFLAGS_HAVE_VECTORCALL)) return nullptr;
  Py_ssize_t offset = tp->tp_vectorcall_offset;
  vectorcallfunc f;
  memcpy(&f, reinterpret_cast<char*>(callable) + offset, sizeof(f));
  return f;
}

PyObject* _PyObject_MakeTpCall(PyThreadState* ts, PyObject* callable, PyObject* const* args,
                               Py_ssize_t nargs, PyObject* keywords) {
  ternaryfunc call = Py_TYPE(callable)->tp_call;
  if (call == nullptr) {
    PyErr_Format(PyExc_TypeError, "'%.200s' object is not callable", Py_TYPE(callable)->tp_name);
    return nullptr;
  }
  Ref<> argstuple = krait::steal(PyTuple_New(nargs));
  if (!argstuple) return nullptr;
  for (Py_ssize_t i = 0; i < nargs; i++) {
    Py_INCREF(args[i]);
    PyTuple_SET_ITEM(argstuple.get(), i, args[i]);
  }
  Ref<> kwdict;
  if (keywords != nullptr) {
    if (PyTuple_Check(keywords)) {
      if (PyTuple_GET_SIZE(keywords)) {
        kwdict = krait::steal(krait::stack_as_dict(args + nargs, keywords));
        if (!kwdict) return nullptr;
      }
    } else {
      kwdict = krait::borrow(keywords);
    }
  }
  ts = krait::tstate();
  if (!krait::enter_recursive_call(ts, " while calling a Python object")) return nullptr;
  PyObject* result = call(callable, argstuple.get(), kwdict.get());
  krait::leave_recursive_call(ts);
  return krait::check_function_result(ts, callable, result);
}

PyObject* PyObject_Vectorcall(PyObject* callable, PyObject* const* args, size_t nargsf,
                              PyObject* kwnames) {
  return krait::vectorcall(callable, args, nargsf, kwnames);
}

PyObject* _PyObject_FastCall(PyObject* func, PyObject* const* args, Py_ssize_t nargs) {
  return PyObject_Vectorcall(func, args, nargs, nullptr);
}

PyObject* PyObject_VectorcallDict(PyObject* callable, PyObject* const* args, size_t nargsf,
                                  PyObject* kwargs) {
  PyThreadState* ts = krait::tstate();
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  vectorcallfunc func = PyVectorcall_Function(callable);
  if (func == nullptr) return _PyObject_MakeTpCall(ts, callable, args, nargs, kwargs);
  PyObject* res;
  if (kwargs == nullptr || PyDict_GET_SIZE(kwargs) == 0) {
    res = func(callable, args, nargsf, nullptr);
  } else {
    PyObject** stack;
    PyObject* kwnames;
    if (!krait::unpack_kwargs(args, nargs, kwargs, &stack, &kwnames)) return nullptr;
    res = func(callable, stack, nargs | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
    krait::free_stack(stack, nargs + PyTuple_GET_SIZE(kwnames), kwnames);
  }
  return _Py_CheckFunctionResult(ts, callable, res, nullptr);
}

PyObject* PyVectorcall_Call(PyObject* callable, PyObject* tuple, PyObject* kwargs) {
  // Read the slot without the Py_TPFLAGS_HAVE_VECTORCALL check, as CPython does: heap
  // subclasses (weakref.KeyedRef) don't inherit the flag but inherit tp_call = this function.
  Py_ssize_t offset = Py_TYPE(callable)->tp_vectorcall_offset;
  vectorcallfunc func = nullptr;
  if (offset > 0) std::memcpy(&func, reinterpret_cast<char*>(callable) + offset, sizeof(func));
  if (func == nullptr) {
    PyErr_Format(PyExc_TypeError, "'%.200s' object does not support vectorcall",
                 Py_TYPE(callable)->tp_name);
    return nullptr;
  }
  Py_ssize_t nargs = PyTuple_GET_SIZE(tuple);
  PyObject* const* args = &PyTuple_GET_ITEM(tuple, 0);
  if (kwargs == nullptr || PyDict_GET_SIZE(kwargs) == 0) {
    return func(callable, args, nargs, nullptr);
  }
  PyObject** stack;
  PyObject* kwnames;
  if (!krait::unpack_kwargs(args, nargs, kwargs, &stack, &kwnames)) return nullptr;
  PyObject* res = func(callable, stack, nargs | PY_VECTORCALL_ARGUMENTS_OFFSET, kwnames);
  krait::free_stack(stack, nargs + PyTuple_GET_SIZE(kwnames), kwnames);
  return _Py_CheckFunctionResult(krait::tstate(), callable, res, nullptr);
}

PyObject* PyObject_Call(PyObject* callable, PyObject* args, PyObject* kwargs) {
  PyThreadState* ts = krait::tstate();
  if (!PyTuple_Check(args)) {
    PyErr_SetString(PyExc_TypeError, "argument list must be a tuple");
    return nullptr;
  }
  if (kwargs != nullptr && !PyDict_Check(kwargs)) {
    PyErr_SetString(PyExc_TypeError, "keyword list must be a dictionary");
    return nullptr;
  }
  if (PyVectorcall_Function(callable) != nullptr) return PyVectorcall_Call(callable, args, kwargs);
  ternaryfunc call = Py_TYPE(callable)->tp_call;
  if (call == nullptr) {
    PyErr_Format(PyExc_TypeError, "'%.200s' object is not callable", Py_TYPE(callable)->tp_name);
    return nullptr;
  }
  if (Py_EnterRecursiveCall(" while calling a Python object")) return nullptr;
  PyObject* result = call(callable, args, kwargs);
  Py_LeaveRecursiveCall();
  return _Py_CheckFunctionResult(ts, callable, result, nullptr);
}

PyObject* PyCFunction_Call(PyObject* callable, PyObject* args, PyObject* kwargs) {
  return PyObject_Call(callable, args, kwargs);
}

PyObject* PyObject_CallObject(PyObject* callable, PyObject* args) {
  if (args == nullptr) return PyObject_Vectorcall(callable, nullptr, 0, nullptr);
  if (!PyTuple_Check(args)) {
    PyErr_SetString(PyExc_TypeError, "argument list must be a tuple");
    return nullptr;
  }
  return PyObject_Call(callable, args, nullptr);
}

PyObject* PyEval_CallObjectWithKeywords(PyObject* callable, PyObject* args, PyObject* kwargs) {
  if (args == nullptr) return PyObject_VectorcallDict(callable, nullptr, 0, kwargs);
  if (!PyTuple_Check(args)) {
    PyErr_SetString(PyExc_TypeError, "argument list must be a tuple");
    return nullptr;
  }
  return PyObject_Call(callable, args, kwargs);
}

PyObject* PyObject_CallNoArgs(PyObject* func) {
  return krait::vectorcall(func, nullptr, 0, nullptr);
}

PyObject* PyObject_CallOneArg(PyObject* func, PyObject* arg) {
  PyObject* buf[2] = {nullptr, arg};
  return krait::vectorcall(func, buf + 1, 1 | PY_VECTORCALL_ARGUMENTS_OFFSET, nullptr);
}

PyObject* PyObject_VectorcallMethod(PyObject* name, PyObject* const* args, size_t nargsf,
                                    PyObject* kwnames) {
  PyObject* self = args[0];
  Ref<> callable = krait::steal(PyObject_GetAttr(self, name));
  if (!callable) return nullptr;
  return PyObject_Vectorcall(callable.get(), args + 1,
                             (PyVectorcall_NARGS(nargsf) - 1) | PY_VECTORCALL_ARGUMENTS_OFFSET,
                             kwnames);
}

// --- variadic forms -----------------------------------------------------------

static PyObject* call_with_format(PyObject* callable, const char* format, va_list va, bool size_t_fmt) {
  if (format == nullptr || *format == '\0') return PyObject_CallNoArgs(callable);
  Ref<> args = krait::steal(size_t_fmt ? _Py_VaBuildValue_SizeT(format, va)
                                       : Py_VaBuildValue(format, va));
  if (!args) return nullptr;
  if (PyTuple_Check(args.get())) return PyObject_Call(callable, args.get(), nullptr);
  return PyObject_CallOneArg(callable, args.get());
}

// Calls a callable fetched by the caller (a new reference, or NULL with an
// exception set) with Py_BuildValue-style arguments, then releases it.
static PyObject* call_owned_with_format(PyObject* callable, const char* format, va_list va,
                                        bool size_t_fmt) {
  if (!callable) return nullptr;
  PyObject* r = call_with_format(callable, format, va, size_t_fmt);
  Py_DECREF(callable);
  return r;
}

#define KRAIT_CALL_ATTR_VARIADIC(get_callable, size_t_fmt) \
  va_list va;                                              \
  va_start(va, format);                                    \
  PyObject* r = call_owned_with_format(get_callable, format, va, size_t_fmt); \
  va_end(va);                                              \
  return r;

PyObject* PyObject_CallFunction(PyObject* callable, const char* format, ...) {
  va_list va;
  va_start(va, format);
  PyObject* r = call_with_format(callable, format, va, false);
  va_end(va);
  return r;
}

PyObject* _PyObject_CallFunction_SizeT(PyObject* callable, const char* format, ...) {
  va_list va;
  va_start(va, format);
  PyObject* r = call_with_format(callable, format, va, true);
  va_end(va);
  return r;
}

PyObject* PyEval_CallFunction(PyObject* callable, const char* format, ...) {
  va_list va;
  va_start(va, format);
  PyObject* r = call_with_format(callable, format, va, false);
  va_end(va);
  return r;
}

PyObject* PyObject_CallMethod(PyObject* obj, const char* name, const char* format, ...) {
  KRAIT_CALL_ATTR_VARIADIC(PyObject_GetAttrString(obj, name), false)
}

PyObject* PyEval_CallMethod(PyObject* obj, const char* name, const char* format, ...) {
  KRAIT_CALL_ATTR_VARIADIC(PyObject_GetAttrString(obj, name), false)
}

PyObject* _PyObject_CallMethod_SizeT(PyObject* obj, const char* name, const char* format, ...) {
  KRAIT_CALL_ATTR_VARIADIC(PyObject_GetAttrString(obj, name), true)
}

PyObject* _PyObject_CallMethod(PyObject* obj, PyObject* name, const char* format, ...) {
  KRAIT_CALL_ATTR_VARIADIC(PyObject_GetAttr(obj, name), true)
}

PyObject* _PyObject_CallMethodId(PyObject* obj, _Py_Identifier* name, const char* format, ...) {
  KRAIT_CALL_ATTR_VARIADIC(_PyObject_GetAttrId(obj, name), false)
}

PyObject* _PyObject_CallMethodId_SizeT(PyObject* obj, _Py_Identifier* name, const char* format,
                                       ...) {
  KRAIT_CALL_ATTR_VARIADIC(_PyObject_GetAttrId(obj, name), true)
}

// Collects a NULL-terminated list of objects and calls with them.
static PyObject* call_objargs(PyObject* callable, PyObject* first, va_list va) {
  PyObject* small[8];
  PyObject** stack = small;
  Py_ssize_t n = 0, cap = 8;
  for (PyObject* o = first; o != nullptr; o = va_arg(va, PyObject*)) {
    if (n == cap) {
      cap *= 2;
      auto** bigger = static_cast<PyObject**>(PyMem_Malloc(cap * sizeof(PyObject*)));
      if (!bigger) {
        if (stack != small) PyMem_Free(stack);
        return PyErr_NoMemory();
      }
      memcpy(bigger, stack, n * sizeof(PyObject*));
      if (stack != small) PyMem_Free(stack);
      stack = bigger;
    }
    stack[n++] = o;
  }
  PyObject* r = PyObject_Vectorcall(callable, stack, n, nullptr);
  if (stack != small) PyMem_Free(stack);
  return r;
}

PyObject* PyObject_CallFunctionObjArgs(PyObject* callable, ...) {
  va_list va;
  va_start(va, callable);
  PyObject* first = va_arg(va, PyObject*);
  PyObject* r = call_objargs(callable, first, va);
  va_end(va);
  return r;
}

PyObject* PyObject_CallMethodObjArgs(PyObject* obj, PyObject* name, ...) {
  Ref<> callable = krait::steal(PyObject_GetAttr(obj, name));
  if (!callable) return nullptr;
  va_list va;
  va_start(va, name);
  PyObject* first = va_arg(va, PyObject*);
  PyObject* r = call_objargs(callable.get(), first, va);
  va_end(va);
  return r;
}

PyObject* _PyObject_CallMethodIdObjArgs(PyObject* obj, _Py_Identifier* name, ...) {
  PyObject* oname = _PyUnicode_FromId(name);
  if (!oname) return nullptr;
  Ref<> callable = krait::steal(PyObject_GetAttr(obj, oname));
  if (!callable) return nullptr;
  va_list va;
  va_start(va, name);
  PyObject* first = va_arg(va, PyObject*);
  PyObject* r = call_objargs(callable.get(), first, va);
  va_end(va);
  return r;
}

}  // extern "C"
