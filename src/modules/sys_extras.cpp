// sys_extras.cpp — the less central parts of the sys module: breakpointhook, call_tracing,
// _current_frames/_current_exceptions, coroutine origin tracking, dlopen flags, allocator
// introspection and the constant data CPython 3.11 exposes (stdlib_module_names, _git, ...).
// sys_module.cpp creates the module and calls sys_add_extras() on it.
#include <Python.h>

#include <dlfcn.h>
#include <mimalloc.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "modules/sys_module.h"
#include "runtime/config.h"
#include "support/ref.h"

// Defined in capi/errors.cpp (CPython keeps it internal too).
_PyErr_StackItem* _PyErr_GetTopmostException(PyThreadState* ts);

namespace krait {

namespace {

// sys.breakpointhook(*args, **kws): $PYTHONBREAKPOINT names the callable ("0" disables,
// unset/empty means pdb.set_trace); an unimportable name warns and returns None.
PyObject* sys_breakpointhook(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  const char* env = g_config.ignore_environment ? nullptr : std::getenv("PYTHONBREAKPOINT");
  std::string target = (env && *env) ? env : "pdb.set_trace";
  if (target == "0") Py_RETURN_NONE;
  size_t dot = target.rfind('.');
  std::string modpath = dot == std::string::npos ? "builtins" : target.substr(0, dot);
  std::string attr = dot == std::string::npos ? target : target.substr(dot + 1);
  Ref<> hook;
  {
    Ref<> modname = steal(PyUnicode_FromString(modpath.c_str()));
    if (!modname) return nullptr;
    Ref<> mod = steal(PyImport_Import(modname.get()));
    if (!mod) {
      if (!PyErr_ExceptionMatches(PyExc_ImportError)) return nullptr;
    } else {
      hook = steal(PyObject_GetAttrString(mod.get(), attr.c_str()));
      if (!hook && !PyErr_ExceptionMatches(PyExc_AttributeError)) return nullptr;
    }
  }
  if (!hook) {
    PyErr_Clear();
    if (PyErr_WarnFormat(PyExc_RuntimeWarning, 0, "Ignoring unimportable $PYTHONBREAKPOINT: \"%s\"",
                         target.c_str()) < 0)
      return nullptr;
    Py_RETURN_NONE;
  }
  return PyObject_Vectorcall(hook.get(), args, static_cast<size_t>(nargs), kwnames);
}

// sys.call_tracing(func, args): func(*args); CPython uses it to trace code run by a debugger.
PyObject* sys_call_tracing(PyObject*, PyObject* args) {
  PyObject *func, *funcargs;
  if (!PyArg_ParseTuple(args, "OO!:call_tracing", &func, &PyTuple_Type, &funcargs)) return nullptr;
  return PyObject_Call(func, funcargs, nullptr);
}

// sys._current_frames(): {thread id: that thread's innermost frame}.
PyObject* sys_current_frames(PyObject*, PyObject*) {
  Ref<> result = steal(PyDict_New());
  if (!result) return nullptr;
  PyInterpreterState* interp = PyThreadState_Get()->interp;
  for (PyThreadState* ts = PyInterpreterState_ThreadHead(interp); ts; ts = PyThreadState_Next(ts)) {
    Ref<> frame = steal(reinterpret_cast<PyObject*>(PyThreadState_GetFrame(ts)));
    if (!frame) {
      if (PyErr_Occurred()) return nullptr;
      continue;
    }
    Ref<> id = steal(PyLong_FromUnsignedLong(ts->thread_id));
    if (!id || PyDict_SetItem(result.get(), id.get(), frame.get()) < 0) return nullptr;
  }
  return result.release();
}

// sys._current_exceptions(): {thread id: (type, value, traceback)} of the exception each thread
// is handling (3.11 gives the exc_info triple; 3.12 changed it to the exception alone).
PyObject* sys_current_exceptions(PyObject*, PyObject*) {
  Ref<> result = steal(PyDict_New());
  if (!result) return nullptr;
  PyInterpreterState* interp = PyThreadState_Get()->interp;
  for (PyThreadState* ts = PyInterpreterState_ThreadHead(interp); ts; ts = PyThreadState_Next(ts)) {
    // Every thread has an entry, (None, None, None) when it handles nothing.
    _PyErr_StackItem* item = _PyErr_GetTopmostException(ts);
    if (!item) continue;
    PyObject* exc = item->exc_value;
    Ref<> info;
    if (!exc || exc == Py_None) {
      info = steal(PyTuple_Pack(3, Py_None, Py_None, Py_None));
    } else {
      Ref<> tb = steal(PyException_GetTraceback(exc));
      info = steal(PyTuple_Pack(3, reinterpret_cast<PyObject*>(Py_TYPE(exc)), exc, tb ? tb.get() : Py_None));
    }
    Ref<> id = steal(PyLong_FromUnsignedLong(ts->thread_id));
    if (!info || !id || PyDict_SetItem(result.get(), id.get(), info.get()) < 0) return nullptr;
  }
  return result.release();
}

PyObject* sys_clear_type_cache(PyObject*, PyObject*) {
  PyType_ClearCache();
  Py_RETURN_NONE;
}

// Coroutine origin tracking: the depth lives in the thread state, where coroutine creation
// (generator_object.cpp) reads it to fill cr_origin.
PyObject* sys_set_coroutine_origin_tracking_depth(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"depth", nullptr};
  int depth;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "i:set_coroutine_origin_tracking_depth",
                                   const_cast<char**>(kwlist), &depth))
    return nullptr;
  if (depth < 0) {
    PyErr_SetString(PyExc_ValueError, "depth must be >= 0");
    return nullptr;
  }
  PyThreadState_Get()->coroutine_origin_tracking_depth = depth;
  Py_RETURN_NONE;
}

PyObject* sys_get_coroutine_origin_tracking_depth(PyObject*, PyObject*) {
  return PyLong_FromLong(PyThreadState_Get()->coroutine_origin_tracking_depth);
}

// The flags the extension loader (imp_module.cpp) passes to dlopen; RTLD_NOW as in CPython.
int g_dlopenflags = RTLD_NOW;

PyObject* sys_getdlopenflags(PyObject*, PyObject*) { return PyLong_FromLong(g_dlopenflags); }

PyObject* sys_setdlopenflags(PyObject*, PyObject* arg) {
  int flags = _PyLong_AsInt(arg);
  if (flags == -1 && PyErr_Occurred()) return nullptr;
  g_dlopenflags = flags;
  Py_RETURN_NONE;
}

// Krait allocates with mimalloc, not pymalloc: like CPython run with PYTHONMALLOC=malloc, it
// reports no pymalloc blocks, and _debugmallocstats prints mimalloc's own statistics.
PyObject* sys_getallocatedblocks(PyObject*, PyObject*) { return PyLong_FromLong(0); }

PyObject* sys_debugmallocstats(PyObject*, PyObject*) {
  fflush(stdout);
  mi_stats_print_out(nullptr, nullptr);
  Py_RETURN_NONE;
}

// CPython's count of quickened code objects (a debugging aid of its specializer).
PyObject* sys_getquickenedcount(PyObject*, PyObject*) { return PyLong_FromLong(0); }

#ifdef Py_REF_DEBUG
// Only the refcount-debug build has it, as only CPython's debug build does: the sum of all
// reference counts (_Py_RefTotal), which tests/refleak compares across repeated runs.
PyObject* sys_gettotalrefcount(PyObject*, PyObject*) { return PyLong_FromSsize_t(_Py_RefTotal); }
#endif

PyMethodDef extra_methods[] = {
#ifdef Py_REF_DEBUG
    {"gettotalrefcount", sys_gettotalrefcount, METH_NOARGS, nullptr},
#endif
    {"breakpointhook", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(sys_breakpointhook)),
     METH_FASTCALL | METH_KEYWORDS,
     "breakpointhook(*args, **kws)\n\nThis hook function is called by built-in breakpoint().\n"},
    {"call_tracing", sys_call_tracing, METH_VARARGS,
     "call_tracing($module, func, args, /)\n--\n\nCall func(*args), while tracing is enabled."},
    {"_current_frames", sys_current_frames, METH_NOARGS,
     "_current_frames($module, /)\n--\n\nReturn a dict mapping each thread's thread id to its current "
     "stack frame."},
    {"_current_exceptions", sys_current_exceptions, METH_NOARGS,
     "_current_exceptions($module, /)\n--\n\nReturn a dict mapping each thread's identifier to its "
     "current raised exception."},
    {"_clear_type_cache", sys_clear_type_cache, METH_NOARGS,
     "_clear_type_cache($module, /)\n--\n\nClear the internal type lookup cache."},
    {"set_coroutine_origin_tracking_depth",
     reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(sys_set_coroutine_origin_tracking_depth)),
     METH_VARARGS | METH_KEYWORDS,
     "set_coroutine_origin_tracking_depth($module, /, depth)\n--\n\nEnable or disable origin tracking "
     "for coroutine objects in this thread."},
    {"get_coroutine_origin_tracking_depth", sys_get_coroutine_origin_tracking_depth, METH_NOARGS,
     "get_coroutine_origin_tracking_depth($module, /)\n--\n\nCheck status of origin tracking for "
     "coroutine objects in this thread."},
    {"getdlopenflags", sys_getdlopenflags, METH_NOARGS,
     "getdlopenflags($module, /)\n--\n\nReturn the current value of the flags that are used for "
     "dlopen calls."},
    {"setdlopenflags", sys_setdlopenflags, METH_O,
     "setdlopenflags($module, flags, /)\n--\n\nSet the flags used by the interpreter for dlopen calls."},
    {"getallocatedblocks", sys_getallocatedblocks, METH_NOARGS,
     "getallocatedblocks($module, /)\n--\n\nReturn the number of memory blocks currently allocated."},
    {"_debugmallocstats", sys_debugmallocstats, METH_NOARGS,
     "_debugmallocstats($module, /)\n--\n\nPrint summary info to stderr about the state of the "
     "allocator."},
    {"_getquickenedcount", sys_getquickenedcount, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyObject* stdlib_module_names() {
  static const char* const names[] = {
#define STDLIB_MODULE(name) #name,
#include "modules/stdlib_module_names.def"
#undef STDLIB_MODULE
  };
  Ref<> set = steal(PyFrozenSet_New(nullptr));
  if (!set) return nullptr;
  for (const char* n : names) {
    Ref<> s = steal(PyUnicode_InternFromString(n));
    if (!s || PySet_Add(set.get(), s.get()) < 0) return nullptr;
  }
  return set.release();
}

int set_item(PyObject* d, const char* name, PyObject* value) {
  if (!value) return -1;
  int rc = PyDict_SetItemString(d, name, value);
  Py_DECREF(value);
  return rc;
}

}  // namespace

int sys_dlopenflags() { return g_dlopenflags; }

int sys_add_extras(PyObject* module) {
  if (PyModule_AddFunctions(module, extra_methods) < 0) return -1;
  PyObject* d = PyModule_GetDict(module);
  PyObject* hook = PyDict_GetItemString(d, "breakpointhook");
  if (!hook || PyDict_SetItemString(d, "__breakpointhook__", hook) < 0) return -1;
  if (set_item(d, "stdlib_module_names", stdlib_module_names()) < 0) return -1;
  if (set_item(d, "_stdlib_dir", PyUnicode_FromString("/usr/lib/python3.11")) < 0) return -1;
  if (set_item(d, "_git", Py_BuildValue("(sss)", "Krait", "", "")) < 0) return -1;
  if (set_item(d, "_framework", PyUnicode_FromString("")) < 0) return -1;
  return 0;
}

}  // namespace krait
