// Small C-API entry points that belong to no larger family: the version
// string, per-interpreter module lookup (PyState_*), PyObject_Type and friends.
#include <Python.h>

#include <frameobject.h>

#include "interp/frame.h"
#include "runtime/interp_state.h"

extern "C" {

// -O level (sys.flags.optimize); read by extensions that strip asserts/docs.
int Py_OptimizeFlag = 0;

const char* Py_GetPlatform(void) { return "linux"; }

const char* Py_GetVersion(void) {
  // The same text as sys.version.
  static const char version[] = PY_VERSION " (main, Krait) [GCC " __VERSION__ "]";
  return version;
}

PyObject* PyObject_Type(PyObject* o) {
  if (o == nullptr) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "null argument to internal routine");
    return nullptr;
  }
  PyObject* t = reinterpret_cast<PyObject*>(Py_TYPE(o));
  Py_INCREF(t);
  return t;
}

int _PyObject_SetAttrId(PyObject* v, _Py_Identifier* name, PyObject* w) {
  PyObject* oname = _PyUnicode_FromId(name);  // borrowed
  if (!oname) return -1;
  return PyObject_SetAttr(v, oname, w);
}

PyFrameObject* PyThreadState_GetFrame(PyThreadState* ts) {
  if (ts == PyThreadState_Get()) {
    PyFrameObject* f = PyEval_GetFrame();  // borrowed
    Py_XINCREF(f);
    return f;
  }
  // Another thread: it is blocked outside the eval loop while we hold the GIL, so its
  // innermost frame (found through the registry of thread VMs) is stable.
  for (auto* e = krait::interp::all_thread_vms(); e; e = e->next) {
    if (e->ident != ts->thread_id || !e->vm) continue;
    return e->vm->current ? krait::interp::frame_object(e->vm->current) : nullptr;
  }
  return nullptr;
}

// --- PyState_*: single-phase modules registered by their PyModuleDef ----------
// The def's m_base.m_index (set by PyModuleDef_Init) indexes a per-interpreter
// list, as in CPython.

PyObject* PyState_FindModule(PyModuleDef* def) {
  if (def->m_slots) {
    PyErr_SetString(PyExc_SystemError, "PyState_FindModule does not support module_def with slots");
    return nullptr;
  }
  Py_ssize_t index = def->m_base.m_index;
  PyObject* list = krait::main_interp()->modules_by_index;
  if (index == 0 || !list || index >= PyList_GET_SIZE(list)) return nullptr;
  PyObject* m = PyList_GET_ITEM(list, index);
  return m == Py_None ? nullptr : m;  // borrowed
}

int PyState_AddModule(PyObject* module, PyModuleDef* def) {
  if (!def) {
    Py_FatalError("module definition is NULL");
    return -1;
  }
  if (def->m_slots) {
    PyErr_SetString(PyExc_SystemError, "PyState_AddModule called on module with slots");
    return -1;
  }
  PyObject* list = krait::main_interp()->modules_by_index;
  if (!list) return -1;
  if (def->m_base.m_index == 0) PyModuleDef_Init(def);
  Py_ssize_t index = def->m_base.m_index;
  while (PyList_GET_SIZE(list) <= index) {
    if (PyList_Append(list, Py_None) < 0) return -1;
  }
  Py_INCREF(module);
  return PyList_SetItem(list, index, module);  // steals
}

int PyState_RemoveModule(PyModuleDef* def) {
  Py_ssize_t index = def->m_base.m_index;
  PyObject* list = krait::main_interp()->modules_by_index;
  if (def->m_slots) {
    PyErr_SetString(PyExc_SystemError, "PyState_RemoveModule called on module with slots");
    return -1;
  }
  if (index == 0) {
    Py_FatalError("invalid module index");
    return -1;
  }
  if (!list || index >= PyList_GET_SIZE(list)) {
    Py_FatalError("Module index out of bounds.");
    return -1;
  }
  Py_INCREF(Py_None);
  return PyList_SetItem(list, index, Py_None);
}

}  // extern "C"
