// weakref_module.cpp — the `_weakref` module under weakref.py: the ref and
// proxy types (objects/weakref_object.cpp), getweakrefcount, getweakrefs and
// _remove_dead_weakref (WeakValueDictionary's cleanup hook).
#include <Python.h>

#include "support/ref.h"

namespace {

PyWeakReference* weakref_list(PyObject* o) {
  PyTypeObject* t = Py_TYPE(o);
  if (t->tp_weaklistoffset <= 0) return nullptr;
  return *reinterpret_cast<PyWeakReference**>(reinterpret_cast<char*>(o) +
                                               t->tp_weaklistoffset);
}

PyObject* weakref_getweakrefcount(PyObject*, PyObject* o) {
  Py_ssize_t n = 0;
  for (PyWeakReference* r = weakref_list(o); r; r = r->wr_next) n++;
  return PyLong_FromSsize_t(n);
}

PyObject* weakref_getweakrefs(PyObject*, PyObject* o) {
  krait::Ref<> list = krait::steal(PyList_New(0));
  if (!list) return nullptr;
  for (PyWeakReference* r = weakref_list(o); r; r = r->wr_next)
    if (PyList_Append(list.get(), reinterpret_cast<PyObject*>(r)) < 0) return nullptr;
  return list.release();
}

PyObject* weakref_remove_dead_weakref(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  PyObject *dct, *key;
  if (!_PyArg_ParseStack(args, nargs, "O!O:_remove_dead_weakref", &PyDict_Type, &dct, &key))
    return nullptr;
  PyObject* value = PyDict_GetItemWithError(dct, key);  // borrowed
  if (!value) {
    if (PyErr_Occurred()) return nullptr;
    Py_RETURN_NONE;  // already gone: nothing to do, as CPython ignores KeyError
  }
  if (!PyWeakref_Check(value)) {
    PyErr_SetString(PyExc_TypeError, "not a weakref");
    return nullptr;
  }
  if (PyWeakref_GET_OBJECT(value) == Py_None && PyDict_DelItem(dct, key) < 0) {
    if (!PyErr_ExceptionMatches(PyExc_KeyError)) return nullptr;
    PyErr_Clear();
  }
  Py_RETURN_NONE;
}

PyObject* weakref_proxy(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  PyObject *object, *callback = nullptr;
  if (!_PyArg_ParseStack(args, nargs, "O|O:proxy", &object, &callback)) return nullptr;
  return PyWeakref_NewProxy(object, callback);
}

PyMethodDef weakref_methods[] = {
    {"getweakrefcount", weakref_getweakrefcount, METH_O,
     "getweakrefcount($module, object, /)\n--\n\nReturn the number of weak references to "
     "'object'."},
    {"_remove_dead_weakref",
     reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(weakref_remove_dead_weakref)),
     METH_FASTCALL,
     "_remove_dead_weakref($module, dct, key, /)\n--\n\nAtomically remove key from dict if it "
     "points to a dead weakref."},
    {"getweakrefs", weakref_getweakrefs, METH_O,
     "getweakrefs(object) -- return a list of all weak reference objects\nthat point to "
     "'object'."},
    {"proxy", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(weakref_proxy)),
     METH_FASTCALL,
     "proxy(object[, callback]) -- create a proxy object that weakly\nreferences 'object'.  "
     "'callback', if given, is called with a\nreference to the proxy when 'object' is about to "
     "be finalized."},
    {nullptr, nullptr, 0, nullptr},
};

int weakref_exec(PyObject* m) {
  auto* ref = reinterpret_cast<PyObject*>(&_PyWeakref_RefType);
  if (PyModule_AddObjectRef(m, "ref", ref) < 0 ||
      PyModule_AddObjectRef(m, "ReferenceType", ref) < 0 ||
      PyModule_AddObjectRef(m, "ProxyType",
                            reinterpret_cast<PyObject*>(&_PyWeakref_ProxyType)) < 0 ||
      PyModule_AddObjectRef(m, "CallableProxyType",
                            reinterpret_cast<PyObject*>(&_PyWeakref_CallableProxyType)) < 0)
    return -1;
  return 0;
}

PyModuleDef_Slot weakref_slots[] = {
    {Py_mod_exec, reinterpret_cast<void*>(weakref_exec)},
    {0, nullptr},
};

PyModuleDef weakref_module = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "_weakref",
    .m_doc = "Weak-reference support module.",
    .m_size = 0,
    .m_methods = weakref_methods,
    .m_slots = weakref_slots,
};

}  // namespace

// See PyInit_posix for the extra reference.
extern "C" PyObject* PyInit__weakref() {
  PyObject* def = PyModuleDef_Init(&weakref_module);
  Py_XINCREF(def);
  return def;
}
