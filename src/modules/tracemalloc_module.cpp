// tracemalloc_module.cpp — the `_tracemalloc` module as it behaves while
// not tracing: no traces, a traceback limit of 1, zero traced memory.
// Krait's allocator (mimalloc, src/gc/alloc.cpp) has no tracing hooks, so
// start() raises RuntimeError after validating its argument like CPython.
#include <Python.h>

namespace {

PyObject* tm_is_tracing(PyObject*, PyObject*) { Py_RETURN_FALSE; }
PyObject* tm_clear_traces(PyObject*, PyObject*) { Py_RETURN_NONE; }
PyObject* tm_get_traces(PyObject*, PyObject*) { return PyList_New(0); }
PyObject* tm_get_object_traceback(PyObject*, PyObject*) { Py_RETURN_NONE; }
PyObject* tm_get_traceback_limit(PyObject*, PyObject*) { return PyLong_FromLong(1); }
PyObject* tm_get_traced_memory(PyObject*, PyObject*) { return Py_BuildValue("nn", 0, 0); }
PyObject* tm_get_tracemalloc_memory(PyObject*, PyObject*) { return PyLong_FromLong(0); }
PyObject* tm_reset_peak(PyObject*, PyObject*) { Py_RETURN_NONE; }
PyObject* tm_stop(PyObject*, PyObject*) { Py_RETURN_NONE; }

PyObject* tm_start(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("start", nargs, 0, 1)) return nullptr;
  int nframe = 1;
  if (nargs > 0) {
    PyObject* index = PyNumber_Index(args[0]);
    if (!index) return nullptr;
    nframe = _PyLong_AsInt(index);
    Py_DECREF(index);
    if (nframe == -1 && PyErr_Occurred()) return nullptr;
  }
  if (nframe < 1 || nframe > 65535) {
    PyErr_SetString(PyExc_ValueError, "the number of frames must be in range [1; 65535]");
    return nullptr;
  }
  PyErr_SetString(PyExc_RuntimeError, "tracemalloc is not supported by Krait's allocator");
  return nullptr;
}

PyMethodDef module_methods[] = {
    {"is_tracing", tm_is_tracing, METH_NOARGS,
     "is_tracing($module, /)\n--\n\n"
     "Return True if the tracemalloc module is tracing Python memory allocations."},
    {"clear_traces", tm_clear_traces, METH_NOARGS,
     "clear_traces($module, /)\n--\n\nClear traces of memory blocks allocated by Python."},
    {"_get_traces", tm_get_traces, METH_NOARGS,
     "_get_traces($module, /)\n--\n\n"
     "Get traces of all memory blocks allocated by Python.\n\n"
     "Return a list of (size: int, traceback: tuple) tuples.\n"
     "traceback is a tuple of (filename: str, lineno: int) tuples.\n\n"
     "Return an empty list if the tracemalloc module is disabled."},
    {"_get_object_traceback", tm_get_object_traceback, METH_O,
     "_get_object_traceback($module, obj, /)\n--\n\n"
     "Get the traceback where the Python object obj was allocated.\n\n"
     "Return a tuple of (filename: str, lineno: int) tuples.\n"
     "Return None if the tracemalloc module is disabled or did not\n"
     "trace the allocation of the object."},
    {"start", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(tm_start)), METH_FASTCALL,
     "start($module, nframe=1, /)\n--\n\n"
     "Start tracing Python memory allocations.\n\n"
     "Also set the maximum number of frames stored in the traceback of a\n"
     "trace to nframe."},
    {"stop", tm_stop, METH_NOARGS,
     "stop($module, /)\n--\n\n"
     "Stop tracing Python memory allocations.\n\n"
     "Also clear traces of memory blocks allocated by Python."},
    {"get_traceback_limit", tm_get_traceback_limit, METH_NOARGS,
     "get_traceback_limit($module, /)\n--\n\n"
     "Get the maximum number of frames stored in the traceback of a trace.\n\n"
     "By default, a trace of an allocated memory block only stores\n"
     "the most recent frame: the limit is 1."},
    {"get_tracemalloc_memory", tm_get_tracemalloc_memory, METH_NOARGS,
     "get_tracemalloc_memory($module, /)\n--\n\n"
     "Get the memory usage in bytes of the tracemalloc module.\n\n"
     "This memory is used internally to trace memory allocations."},
    {"get_traced_memory", tm_get_traced_memory, METH_NOARGS,
     "get_traced_memory($module, /)\n--\n\n"
     "Get the current size and peak size of memory blocks traced by tracemalloc.\n\n"
     "Returns a tuple: (current: int, peak: int)."},
    {"reset_peak", tm_reset_peak, METH_NOARGS,
     "reset_peak($module, /)\n--\n\n"
     "Set the peak size of memory blocks traced by tracemalloc to the current size.\n\n"
     "Do nothing if the tracemalloc module is not tracing memory allocations."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef tracemalloc_module = {
    PyModuleDef_HEAD_INIT, "_tracemalloc",
    "Debug module to trace memory blocks allocated by Python.", -1, module_methods,
};

}  // namespace

extern "C" PyObject* PyInit__tracemalloc(void) { return PyModule_Create(&tracemalloc_module); }
