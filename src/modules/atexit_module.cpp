// atexit_module.cpp — the `atexit` module: register/unregister/_run_exitfuncs/
// _clear/_ncallbacks, and the Py_FinalizeEx hook that runs the callbacks.
//
// Callbacks live in one process-wide list (Krait has one interpreter). As in
// CPython 3.11, unregister only empties a slot, so _ncallbacks() still counts
// it, and callbacks run last-registered first; a callback registered while
// the list runs is dropped with the rest when the run ends. A failing
// callback is reported as "Exception ignored in atexit callback: <func>".
#include <Python.h>

#include <vector>

#include "runtime/lifecycle.h"
#include "support/ref.h"

using namespace krait;

namespace {

struct Callback {
  PyObject* func;    // nullptr once unregistered
  PyObject* args;    // tuple
  PyObject* kwargs;  // dict or nullptr
};

std::vector<Callback>* g_callbacks;

std::vector<Callback>& callbacks() {
  if (!g_callbacks) g_callbacks = new std::vector<Callback>();
  return *g_callbacks;
}

void clear_slot(Callback& cb) {
  Py_CLEAR(cb.func);
  Py_CLEAR(cb.args);
  Py_CLEAR(cb.kwargs);
}

void clear_all() {
  // Move the list out first: decrefs may run code that registers again.
  std::vector<Callback> old;
  old.swap(callbacks());
  for (Callback& cb : old) clear_slot(cb);
}

void call_all() {
  std::vector<Callback>& list = callbacks();
  for (Py_ssize_t i = static_cast<Py_ssize_t>(list.size()) - 1; i >= 0; i--) {
    if (i >= static_cast<Py_ssize_t>(list.size())) continue;  // cleared by a callback
    Callback cb = list[i];
    if (!cb.func) continue;
    // The call may unregister the callback: hold our own references.
    Ref<> func = borrow(cb.func);
    Ref<> args = borrow(cb.args);
    Ref<> kwargs = cb.kwargs ? borrow(cb.kwargs) : Ref<>();
    PyObject* res = PyObject_Call(func.get(), args.get(), kwargs.get());
    if (!res) {
      _PyErr_WriteUnraisableMsg("in atexit callback", func.get());
    } else {
      Py_DECREF(res);
    }
  }
  clear_all();
}

PyObject* atexit_register(PyObject*, PyObject* args, PyObject* kwargs) {
  if (PyTuple_GET_SIZE(args) == 0) {
    PyErr_SetString(PyExc_TypeError, "register() takes at least 1 argument (0 given)");
    return nullptr;
  }
  PyObject* func = PyTuple_GET_ITEM(args, 0);
  if (!PyCallable_Check(func)) {
    PyErr_SetString(PyExc_TypeError, "the first argument must be callable");
    return nullptr;
  }
  PyObject* rest = PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args));
  if (!rest) return nullptr;
  Py_XINCREF(kwargs);
  callbacks().push_back(Callback{Py_NewRef(func), rest, kwargs});
  return Py_NewRef(func);
}

PyObject* atexit_unregister(PyObject*, PyObject* func) {
  std::vector<Callback>& list = callbacks();
  for (size_t i = 0; i < list.size(); i++) {
    if (!list[i].func) continue;
    int eq = PyObject_RichCompareBool(list[i].func, func, Py_EQ);
    if (eq < 0) return nullptr;
    if (eq && i < list.size()) clear_slot(list[i]);
  }
  Py_RETURN_NONE;
}

PyObject* atexit_run_exitfuncs(PyObject*, PyObject*) {
  call_all();
  if (PyErr_Occurred()) return nullptr;
  Py_RETURN_NONE;
}

PyObject* atexit_clear(PyObject*, PyObject*) {
  clear_all();
  Py_RETURN_NONE;
}

PyObject* atexit_ncallbacks(PyObject*, PyObject*) {
  return PyLong_FromSize_t(callbacks().size());
}

PyMethodDef atexit_methods[] = {
    {"register", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(atexit_register)),
     METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("register(func, *args, **kwargs) -> func\n\n"
               "Register a function to be executed upon normal program termination\n\n"
               "    func - function to be called at exit\n"
               "    args - optional arguments to pass to func\n"
               "    kwargs - optional keyword arguments to pass to func\n\n"
               "    func is returned to facilitate usage as a decorator.")},
    {"_clear", atexit_clear, METH_NOARGS,
     PyDoc_STR("_clear() -> None\n\nClear the list of previously registered exit functions.")},
    {"unregister", atexit_unregister, METH_O,
     PyDoc_STR("unregister(func) -> None\n\n"
               "Unregister an exit function which was previously registered using\n"
               "atexit.register\n\n"
               "    func - function to be unregistered")},
    {"_run_exitfuncs", atexit_run_exitfuncs, METH_NOARGS,
     PyDoc_STR("_run_exitfuncs() -> None\n\nRun all registered exit functions.\n\n"
               "If a callback raises an exception, it is logged with sys.unraisablehook.")},
    {"_ncallbacks", atexit_ncallbacks, METH_NOARGS,
     PyDoc_STR("_ncallbacks() -> int\n\nReturn the number of registered exit functions.")},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef atexit_module = {
    PyModuleDef_HEAD_INIT,
    "atexit",
    "allow programmer to define multiple exit functions to be executed\n"
    "upon normal program termination.\n\n"
    "Two public functions, register and unregister, are defined.\n",
    -1,
    atexit_methods,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

}  // namespace

namespace krait {

// Py_FinalizeEx hook (fini_hooks.def): runs the callbacks before the standard
// streams are flushed, as CPython does.
int run_atexit_callbacks() {
  if (!g_callbacks || g_callbacks->empty()) return 0;
  call_all();
  PyErr_Clear();
  return 0;
}

}  // namespace krait

extern "C" PyObject* PyInit_atexit(void) { return PyModule_Create(&atexit_module); }
