// Audit hooks (PEP 578): sys.audit, sys.addaudithook, PySys_Audit and
// PySys_AddAuditHook. C hooks run first, then Python hooks, in the order they
// were added; a hook that raises aborts the audited operation.
#include <Python.h>

#include <cstdarg>
#include <vector>

#include "support/ref.h"

using krait::Ref;

namespace krait {
namespace {

struct CHook {
  Py_AuditHookFunction fn;
  void* data;
};
std::vector<CHook> g_c_hooks;
PyObject* g_py_hooks = nullptr;  // list, created by the first addaudithook

int run_hooks(const char* event, PyObject* args) {
  if (g_c_hooks.empty() && (g_py_hooks == nullptr || PyList_GET_SIZE(g_py_hooks) == 0)) return 0;
  for (const CHook& h : g_c_hooks) {
    if (h.fn(event, args, h.data) < 0) return -1;
  }
  if (g_py_hooks == nullptr) return 0;
  Ref<> ev = steal(PyUnicode_FromString(event));
  if (!ev) return -1;
  Ref<> hooks = borrow(g_py_hooks);
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(hooks.get()); i++) {
    PyObject* hook = PyList_GET_ITEM(hooks.get(), i);
    Ref<> r = steal(PyObject_CallFunctionObjArgs(hook, ev.get(), args, nullptr));
    if (!r) return -1;
  }
  return 0;
}

}  // namespace

// sys.audit(event, *args)
PyObject* sys_audit(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs == 0) {
    PyErr_SetString(PyExc_TypeError, "audit() missing 1 required positional argument: 'event'");
    return nullptr;
  }
  if (!PyUnicode_Check(args[0])) {
    PyErr_Format(PyExc_TypeError, "expected str for argument 'event', not %.200s",
                 Py_TYPE(args[0])->tp_name);
    return nullptr;
  }
  if (g_c_hooks.empty() && (g_py_hooks == nullptr || PyList_GET_SIZE(g_py_hooks) == 0))
    Py_RETURN_NONE;
  const char* event = PyUnicode_AsUTF8(args[0]);
  if (!event) return nullptr;
  Ref<> tuple = steal(PyTuple_New(nargs - 1));
  if (!tuple) return nullptr;
  for (Py_ssize_t i = 1; i < nargs; i++) PyTuple_SET_ITEM(tuple.get(), i - 1, Py_NewRef(args[i]));
  if (run_hooks(event, tuple.get()) < 0) return nullptr;
  Py_RETURN_NONE;
}

// sys.addaudithook(hook): audited itself ("sys.addaudithook"), as in CPython.
PyObject* sys_addaudithook(PyObject*, PyObject* hook) {
  if (PySys_Audit("sys.addaudithook", nullptr) < 0) {
    // A hook refusing with RuntimeError silently blocks the addition.
    if (PyErr_ExceptionMatches(PyExc_RuntimeError)) {
      PyErr_Clear();
      Py_RETURN_NONE;
    }
    return nullptr;
  }
  if (g_py_hooks == nullptr) {
    g_py_hooks = PyList_New(0);
    if (!g_py_hooks) return nullptr;
  }
  if (PyList_Append(g_py_hooks, hook) < 0) return nullptr;
  Py_RETURN_NONE;
}

}  // namespace krait

extern "C" {

int PySys_Audit(const char* event, const char* format, ...) {
  if (krait::g_c_hooks.empty() &&
      (krait::g_py_hooks == nullptr || PyList_GET_SIZE(krait::g_py_hooks) == 0))
    return 0;
  Ref<> args;
  if (format && *format) {
    va_list va;
    va_start(va, format);
    args = krait::steal(Py_VaBuildValue(format, va));
    va_end(va);
    if (!args) return -1;
    if (!PyTuple_Check(args.get())) {
      PyObject* t = PyTuple_Pack(1, args.get());
      if (!t) return -1;
      args = krait::steal(t);
    }
  } else {
    args = krait::steal(PyTuple_New(0));
    if (!args) return -1;
  }
  return krait::run_hooks(event, args.get());
}

int PySys_AddAuditHook(Py_AuditHookFunction hook, void* data) {
  // Before the runtime starts there is no thread state to report errors in.
  if (Py_IsInitialized() && PySys_Audit("sys.addaudithook", nullptr) < 0) {
    if (PyErr_ExceptionMatches(PyExc_Exception)) {
      PyErr_Clear();
      return 0;
    }
    return -1;
  }
  krait::g_c_hooks.push_back({hook, data});
  return 0;
}

}  // extern "C"
