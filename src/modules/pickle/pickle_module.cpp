// pickle_module.cpp — the `_pickle` module object: its exception types
// (PickleError, PicklingError, UnpicklingError), the state it borrows from
// copyreg / _compat_pickle / codecs / functools, the module-level
// dump/dumps/load/loads shortcuts, and small helpers shared by the
// Pickler and Unpickler files.
#include <Python.h>

#include "modules/pickle/pickle_internal.h"
#include "support/ref.h"

namespace krait::pickle {

State g_state;

int lookup_attr(PyObject* obj, const char* name, PyObject** result) {
  *result = nullptr;
  PyObject* key = PyUnicode_InternFromString(name);
  if (key == nullptr) return -1;
  int r = _PyObject_LookupAttr(obj, key, result);
  Py_DECREF(key);
  return r;
}

PyObject* get_dotted_attribute(PyObject* obj, PyObject* names) {
  return get_deep_attribute(obj, names, nullptr);
}

// Follows names[0].names[1]... from obj; a missing attribute gives NULL
// with no exception set (callers word their own error). *parent, when
// asked for, receives the object holding the last name.
PyObject* get_deep_attribute(PyObject* obj, PyObject* names, PyObject** parent) {
  Py_ssize_t n = PyList_GET_SIZE(names);
  Ref<PyObject> cur = borrow(obj);
  Ref<PyObject> par;
  for (Py_ssize_t i = 0; i < n; i++) {
    par = cur;
    PyObject* next = nullptr;
    if (_PyObject_LookupAttr(par.get(), PyList_GET_ITEM(names, i), &next) < 0 || next == nullptr)
      return nullptr;
    cur = steal(next);
  }
  if (parent != nullptr) *parent = par.release();
  return cur.release();
}

namespace {

PyObject* new_pickler() {
  PyTypeObject* tp = g_state.Pickler_Type;
  Ref<PyObject> args = steal(PyTuple_New(0));
  if (!args) return nullptr;
  return tp->tp_new(tp, args.get(), nullptr);
}

PyObject* new_unpickler() {
  PyTypeObject* tp = g_state.Unpickler_Type;
  Ref<PyObject> args = steal(PyTuple_New(0));
  if (!args) return nullptr;
  return tp->tp_new(tp, args.get(), nullptr);
}

PyObject* mod_dump(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"obj", "file", "protocol", "fix_imports", "buffer_callback",
                                 nullptr};
  PyObject *obj, *file, *protocol = Py_None, *buffer_callback = Py_None;
  int fix = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO|O$pO:dump", const_cast<char**>(kwlist), &obj,
                                   &file, &protocol, &fix, &buffer_callback))
    return nullptr;
  Ref<PyObject> p = steal(new_pickler());
  if (!p) return nullptr;
  auto* pk = reinterpret_cast<PicklerObject*>(p.get());
  if (pickler_init_args(pk, file, protocol, fix, buffer_callback) < 0) return nullptr;
  if (pickler_dump(pk, obj) < 0) return nullptr;
  if (pickler_flush_to_file(pk) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* mod_dumps(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"obj", "protocol", "fix_imports", "buffer_callback", nullptr};
  PyObject *obj, *protocol = Py_None, *buffer_callback = Py_None;
  int fix = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O$pO:dumps", const_cast<char**>(kwlist), &obj,
                                   &protocol, &fix, &buffer_callback))
    return nullptr;
  Ref<PyObject> p = steal(new_pickler());
  if (!p) return nullptr;
  auto* pk = reinterpret_cast<PicklerObject*>(p.get());
  if (pickler_init_args(pk, nullptr, protocol, fix, buffer_callback) < 0) return nullptr;
  if (pickler_dump(pk, obj) < 0) return nullptr;
  return pickler_output_bytes(pk);
}

PyObject* mod_load(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"file", "fix_imports", "encoding", "errors", "buffers", nullptr};
  PyObject *file, *buffers = nullptr;
  int fix = 1;
  const char* encoding = "ASCII";
  const char* errors = "strict";
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$pssO:load", const_cast<char**>(kwlist), &file,
                                   &fix, &encoding, &errors, &buffers))
    return nullptr;
  Ref<PyObject> u = steal(new_unpickler());
  if (!u) return nullptr;
  auto* up = reinterpret_cast<UnpicklerObject*>(u.get());
  if (unpickler_set_file(up, file) < 0) return nullptr;
  if (unpickler_set_options(up, fix, encoding, errors, buffers) < 0) return nullptr;
  return unpickler_load(up);
}

PyObject* mod_loads(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"", "fix_imports", "encoding", "errors", "buffers", nullptr};
  PyObject *data, *buffers = nullptr;
  int fix = 1;
  const char* encoding = "ASCII";
  const char* errors = "strict";
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$pssO:loads", const_cast<char**>(kwlist), &data,
                                   &fix, &encoding, &errors, &buffers))
    return nullptr;
  Ref<PyObject> u = steal(new_unpickler());
  if (!u) return nullptr;
  auto* up = reinterpret_cast<UnpicklerObject*>(u.get());
  if (unpickler_set_string(up, data) < 0) return nullptr;
  if (unpickler_set_options(up, fix, encoding, errors, buffers) < 0) return nullptr;
  return unpickler_load(up);
}

PyMethodDef module_methods[] = {
    {"dump", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(mod_dump)),
     METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("dump($module, /, obj, file, protocol=None, *, fix_imports=True,\n"
               "     buffer_callback=None)\n--\n\n"
               "Write a pickled representation of obj to the open file object file.")},
    {"dumps", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(mod_dumps)),
     METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("dumps($module, /, obj, protocol=None, *, fix_imports=True,\n"
               "      buffer_callback=None)\n--\n\n"
               "Return the pickled representation of the object as a bytes object.")},
    {"load", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(mod_load)),
     METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("load($module, /, file, *, fix_imports=True, encoding='ASCII',\n"
               "     errors='strict', buffers=())\n--\n\n"
               "Read and return an object from the pickle data stored in a file.")},
    {"loads", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(mod_loads)),
     METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("loads($module, data, /, *, fix_imports=True, encoding='ASCII',\n"
               "      errors='strict', buffers=())\n--\n\n"
               "Read and return an object from the given pickle data.")},
    {nullptr, nullptr, 0, nullptr},
};

// Module attribute `name` of `modname`, required to be a dict when asked.
PyObject* import_attr(const char* modname, const char* name, bool want_dict) {
  Ref<PyObject> mod = steal(PyImport_ImportModule(modname));
  if (!mod) return nullptr;
  PyObject* v = PyObject_GetAttrString(mod.get(), name);
  if (v == nullptr) return nullptr;
  if (want_dict && !PyDict_CheckExact(v)) {
    if (strcmp(modname, "copyreg") == 0)
      PyErr_Format(PyExc_RuntimeError, "copyreg.%s should be a dict, not %.200s", name,
                   Py_TYPE(v)->tp_name);
    else
      PyErr_Format(PyExc_RuntimeError, "_compat_pickle.%s should be a dict, not %.200s", name,
                   Py_TYPE(v)->tp_name);
    Py_DECREF(v);
    return nullptr;
  }
  return v;
}

int init_state() {
  State& st = g_state;
  if (st.dispatch_table != nullptr) return 0;
  if (!(st.getattr = import_attr("builtins", "getattr", false))) return -1;
  if (!(st.dispatch_table = import_attr("copyreg", "dispatch_table", true))) return -1;
  if (!(st.extension_registry = import_attr("copyreg", "_extension_registry", true))) return -1;
  if (!(st.inverted_registry = import_attr("copyreg", "_inverted_registry", true))) return -1;
  if (!(st.extension_cache = import_attr("copyreg", "_extension_cache", true))) return -1;
  if (!(st.name_mapping_2to3 = import_attr("_compat_pickle", "NAME_MAPPING", true))) return -1;
  if (!(st.import_mapping_2to3 = import_attr("_compat_pickle", "IMPORT_MAPPING", true))) return -1;
  if (!(st.name_mapping_3to2 = import_attr("_compat_pickle", "REVERSE_NAME_MAPPING", true)))
    return -1;
  if (!(st.import_mapping_3to2 = import_attr("_compat_pickle", "REVERSE_IMPORT_MAPPING", true)))
    return -1;
  if (!(st.codecs_encode = import_attr("codecs", "encode", false))) return -1;
  if (!PyCallable_Check(st.codecs_encode)) {
    PyErr_Format(PyExc_RuntimeError, "codecs.encode should be a callable, not %.200s",
                 Py_TYPE(st.codecs_encode)->tp_name);
    return -1;
  }
  if (!(st.partial = import_attr("functools", "partial", false))) return -1;
  return 0;
}

int module_exec(PyObject* m) {
  State& st = g_state;
  if (PyType_Ready(&PyPickleBuffer_Type) < 0) return -1;
  if (PyModule_AddObjectRef(m, "PickleBuffer", (PyObject*)&PyPickleBuffer_Type) < 0) return -1;
  st.Pickler_Type = make_pickler_type(m);
  st.Unpickler_Type = make_unpickler_type(m);
  st.PicklerMemoProxyType = make_pickler_memo_proxy_type(m);
  st.UnpicklerMemoProxyType = make_unpickler_memo_proxy_type(m);
  if (!st.Pickler_Type || !st.Unpickler_Type || !st.PicklerMemoProxyType ||
      !st.UnpicklerMemoProxyType)
    return -1;
  if (PyModule_AddObjectRef(m, "Pickler", (PyObject*)st.Pickler_Type) < 0) return -1;
  if (PyModule_AddObjectRef(m, "Unpickler", (PyObject*)st.Unpickler_Type) < 0) return -1;
  st.PickleError = PyErr_NewException("_pickle.PickleError", nullptr, nullptr);
  if (!st.PickleError) return -1;
  st.PicklingError = PyErr_NewException("_pickle.PicklingError", st.PickleError, nullptr);
  if (!st.PicklingError) return -1;
  st.UnpicklingError = PyErr_NewException("_pickle.UnpicklingError", st.PickleError, nullptr);
  if (!st.UnpicklingError) return -1;
  if (PyModule_AddObjectRef(m, "PickleError", st.PickleError) < 0 ||
      PyModule_AddObjectRef(m, "PicklingError", st.PicklingError) < 0 ||
      PyModule_AddObjectRef(m, "UnpicklingError", st.UnpicklingError) < 0)
    return -1;
  return init_state();
}

PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, reinterpret_cast<void*>(module_exec)},
    {0, nullptr},
};

PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "_pickle",
    "Optimized C implementation for the Python pickle module.",
    0,
    module_methods,
    module_slots,
    nullptr,
    nullptr,
    nullptr,
};

}  // namespace
}  // namespace krait::pickle

extern "C" PyObject* PyInit__pickle(void) {
  return PyModuleDef_Init(&krait::pickle::module_def);
}
