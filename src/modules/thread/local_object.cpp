// local_object.cpp — _thread._local: attributes that are per thread.
//
// Each instance keeps `dicts`, mapping a thread's ident to that thread's
// attribute dict. Attribute access looks up the current thread's dict (made
// on first use, when a subclass's __init__ also runs again with the
// constructor's arguments, as in CPython) and hands it to the generic
// getattr/setattr by pointing the instance's dict slot at it.
//
// When a thread ends, its entries must go (idents are reused by new threads):
// every thread state's dict holds a "cleanup" object listing weak references
// to the locals the thread touched; PyThreadState_Clear drops that dict, and
// the cleanup object's dealloc removes the thread's entry from each local
// still alive.
#include <Python.h>

#include <cstddef>

#include "modules/thread/thread_internal.h"
#include "support/ref.h"

namespace krait::thread {
namespace {

struct LocalObject {
  PyObject_HEAD
  PyObject* dict;     // the current thread's dict (borrowed from `dicts` while in use)
  PyObject* dicts;    // {ident: dict}
  PyObject* args;     // constructor arguments, replayed to __init__ in new threads
  PyObject* kw;
  PyObject* weakreflist;
};
inline LocalObject* LO(PyObject* o) { return reinterpret_cast<LocalObject*>(o); }

// --- per-thread cleanup ------------------------------------------------------

struct CleanupObject {
  PyObject_HEAD
  unsigned long ident;
  PyObject* locals;  // list of weakrefs to locals this thread has an entry in
};

void cleanup_dealloc(PyObject* op) {
  auto* self = reinterpret_cast<CleanupObject*>(op);
  if (self->locals) {
    Ref<> key = steal(PyLong_FromUnsignedLong(self->ident));
    for (Py_ssize_t i = 0; key && i < PyList_GET_SIZE(self->locals); i++) {
      PyObject* local = PyWeakref_GET_OBJECT(PyList_GET_ITEM(self->locals, i));
      if (local == Py_None || !LO(local)->dicts) continue;
      Py_INCREF(local);
      if (PyDict_DelItem(LO(local)->dicts, key.get()) < 0) PyErr_Clear();
      Py_DECREF(local);
    }
    if (!key) PyErr_Clear();
    Py_CLEAR(self->locals);
  }
  PyObject_Free(op);
}

PyTypeObject Cleanup_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_thread._localcleanup",
    .tp_basicsize = sizeof(CleanupObject),
    .tp_dealloc = cleanup_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

// Records that the current thread has an entry in `local`.
int note_thread_uses(PyObject* local) {
  PyObject* tsdict = PyThreadState_GetDict();
  if (!tsdict) {
    PyErr_SetString(PyExc_SystemError, "Couldn't get thread-state dictionary");
    return -1;
  }
  static PyObject* key = PyUnicode_InternFromString("_thread._local.cleanup");
  if (!key) return -1;
  PyObject* obj = PyDict_GetItemWithError(tsdict, key);
  if (!obj) {
    if (PyErr_Occurred()) return -1;
    if (PyType_Ready(&Cleanup_Type) < 0) return -1;
    auto* c = PyObject_New(CleanupObject, &Cleanup_Type);
    if (!c) return -1;
    c->ident = PyThread_get_thread_ident();
    c->locals = PyList_New(0);
    Ref<> owner = steal(reinterpret_cast<PyObject*>(c));
    if (!c->locals || PyDict_SetItem(tsdict, key, owner.get()) < 0) return -1;
    obj = owner.get();
  }
  PyObject* list = reinterpret_cast<CleanupObject*>(obj)->locals;
  // Keep the list from growing without bound in long-lived threads that
  // create many locals: drop dead references whenever the size is a power of 2.
  Py_ssize_t n = PyList_GET_SIZE(list);
  if (n >= 8 && (n & (n - 1)) == 0) {
    Ref<> live = steal(PyList_New(0));
    if (!live) return -1;
    for (Py_ssize_t i = 0; i < n; i++) {
      PyObject* wr = PyList_GET_ITEM(list, i);
      if (PyWeakref_GET_OBJECT(wr) != Py_None && PyList_Append(live.get(), wr) < 0) return -1;
    }
    if (PyList_SetSlice(list, 0, n, live.get()) < 0) return -1;
  }
  Ref<> wr = steal(PyWeakref_NewRef(local, nullptr));
  if (!wr) return -1;
  return PyList_Append(list, wr.get());
}

// --- the local type ----------------------------------------------------------

// Points self->dict at the current thread's dict, creating it (and running
// __init__ again) on a thread's first access. Returns -1 with an error set.
int select_dict(PyObject* self) {
  LocalObject* lo = LO(self);
  Ref<> key = steal(PyLong_FromUnsignedLong(PyThread_get_thread_ident()));
  if (!key) return -1;
  PyObject* d = PyDict_GetItemWithError(lo->dicts, key.get());
  if (d) {
    lo->dict = d;
    return 0;
  }
  if (PyErr_Occurred()) return -1;
  Ref<> nd = steal(PyDict_New());
  if (!nd || PyDict_SetItem(lo->dicts, key.get(), nd.get()) < 0) return -1;
  if (note_thread_uses(self) < 0) {
    PyDict_DelItem(lo->dicts, key.get());
    return -1;
  }
  lo->dict = nd.get();
  initproc init = Py_TYPE(self)->tp_init;
  if (init != PyBaseObject_Type.tp_init) {
    if (init(self, lo->args, lo->kw) < 0) {
      PyDict_DelItem(lo->dicts, key.get());
      lo->dict = nullptr;
      return -1;
    }
    lo->dict = PyDict_GetItemWithError(lo->dicts, key.get());
    if (!lo->dict) {
      if (!PyErr_Occurred()) PyErr_SetString(PyExc_RuntimeError, "thread-local dict vanished");
      return -1;
    }
  }
  return 0;
}

PyObject* local_new(PyTypeObject* type, PyObject* args, PyObject* kw) {
  if ((PyTuple_GET_SIZE(args) || (kw && PyDict_GET_SIZE(kw))) &&
      type->tp_init == PyBaseObject_Type.tp_init) {
    PyErr_SetString(PyExc_TypeError, "Initialization arguments are not supported");
    return nullptr;
  }
  Ref<> self = steal(type->tp_alloc(type, 0));
  if (!self) return nullptr;
  LocalObject* lo = LO(self.get());
  lo->args = Py_NewRef(args);
  lo->kw = Py_XNewRef(kw);
  lo->dicts = PyDict_New();
  if (!lo->dicts) return nullptr;
  // The creating thread's dict exists at once; its __init__ is the normal call
  // that follows tp_new.
  Ref<> key = steal(PyLong_FromUnsignedLong(PyThread_get_thread_ident()));
  Ref<> d = steal(PyDict_New());
  if (!key || !d || PyDict_SetItem(lo->dicts, key.get(), d.get()) < 0) return nullptr;
  if (note_thread_uses(self.get()) < 0) return nullptr;
  lo->dict = d.get();
  return self.release();
}

PyObject* local_getattro(PyObject* self, PyObject* name) {
  if (select_dict(self) < 0) return nullptr;
  if (PyUnicode_Check(name) && PyUnicode_CompareWithASCIIString(name, "__dict__") == 0)
    return Py_NewRef(LO(self)->dict);
  return PyObject_GenericGetAttr(self, name);
}

int local_setattro(PyObject* self, PyObject* name, PyObject* value) {
  if (select_dict(self) < 0) return -1;
  if (PyUnicode_Check(name) && PyUnicode_CompareWithASCIIString(name, "__dict__") == 0) {
    PyErr_Format(PyExc_AttributeError, "'%.100s' object attribute '%U' is read-only",
                 Py_TYPE(self)->tp_name, name);
    return -1;
  }
  return PyObject_GenericSetAttr(self, name, value);
}

int local_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(LO(op)->dicts);
  Py_VISIT(LO(op)->args);
  Py_VISIT(LO(op)->kw);
  return 0;
}

int local_clear(PyObject* op) {
  LO(op)->dict = nullptr;
  Py_CLEAR(LO(op)->dicts);
  Py_CLEAR(LO(op)->args);
  Py_CLEAR(LO(op)->kw);
  return 0;
}

void local_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  if (LO(op)->weakreflist) PyObject_ClearWeakRefs(op);
  local_clear(op);
  PyTypeObject* tp = Py_TYPE(op);
  tp->tp_free(op);
  if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_DECREF(tp);
}

}  // namespace

PyTypeObject Local_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_thread._local",
    .tp_basicsize = sizeof(LocalObject),
    .tp_dealloc = local_dealloc,
    .tp_getattro = local_getattro,
    .tp_setattro = local_setattro,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Thread-local data",
    .tp_traverse = local_traverse,
    .tp_clear = local_clear,
    .tp_weaklistoffset = offsetof(LocalObject, weakreflist),
    .tp_dictoffset = offsetof(LocalObject, dict),
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = local_new,
    .tp_free = PyObject_GC_Del,
};

}  // namespace krait::thread
