// memo_proxy.cpp — the memo tables' Python face: PicklerMemoProxy and
// UnpicklerMemoProxy (clear/copy/__reduce__), the copy and clear helpers
// for both memos, and assignment of `memo` from a proxy or a dict.
//
// A pickler memo maps objects to indices and copies out as
// {id(obj): (index, obj)}; an unpickler memo is an array of objects and
// copies out as {index: obj}.
#include <Python.h>

#include "modules/pickle/pickle_internal.h"
#include "support/ref.h"

namespace krait::pickle {

// ------------------------------------------------------------ pickler memo

void pickler_memo_clear(PicklerObject* p) {
  PicklerMemo old;
  old.swap(*p->memo);
  for (auto& entry : old) Py_DECREF(entry.first);
}

PyObject* pickler_memo_copy(PicklerObject* p) {
  Ref<PyObject> d = steal(PyDict_New());
  if (!d) return nullptr;
  for (auto& [obj, idx] : *p->memo) {
    Ref<PyObject> key = steal(PyLong_FromVoidPtr(obj));
    Ref<PyObject> value = steal(Py_BuildValue("nO", idx, obj));
    if (!key || !value || PyDict_SetItem(d.get(), key.get(), value.get()) < 0) return nullptr;
  }
  return d.release();
}

int pickler_set_memo(PicklerObject* p, PyObject* obj) {
  PicklerMemo fresh;
  auto drop = [&fresh] {
    for (auto& entry : fresh) Py_DECREF(entry.first);
  };
  if (Py_IS_TYPE(obj, g_state.PicklerMemoProxyType)) {
    PicklerObject* other = reinterpret_cast<PicklerMemoProxyObject*>(obj)->pickler;
    for (auto& entry : *other->memo) {
      Py_INCREF(entry.first);
      fresh.emplace(entry.first, entry.second);
    }
  } else if (PyDict_Check(obj)) {
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(obj, &pos, &key, &value)) {
      if (!PyTuple_Check(value) || PyTuple_GET_SIZE(value) != 2) {
        PyErr_SetString(PyExc_TypeError, "'memo' values must be 2-item tuples");
        drop();
        return -1;
      }
      Py_ssize_t idx = PyLong_AsSsize_t(PyTuple_GET_ITEM(value, 0));
      if (idx == -1 && PyErr_Occurred()) {
        drop();
        return -1;
      }
      PyObject* memo_obj = PyTuple_GET_ITEM(value, 1);
      auto [it, inserted] = fresh.emplace(memo_obj, idx);
      if (inserted) Py_INCREF(memo_obj);
      else it->second = idx;
    }
  } else {
    PyErr_Format(PyExc_TypeError,
                 "'memo' attribute must be a PicklerMemoProxy object or dict, not %.200s",
                 Py_TYPE(obj)->tp_name);
    return -1;
  }
  pickler_memo_clear(p);
  p->memo->swap(fresh);
  return 0;
}

// ---------------------------------------------------------- unpickler memo

void unpickler_memo_clear(UnpicklerObject* u) {
  std::vector<PyObject*> old;
  old.swap(*u->memo);
  u->memo_len = 0;
  for (PyObject* o : old) Py_XDECREF(o);
}

PyObject* unpickler_memo_copy(UnpicklerObject* u) {
  Ref<PyObject> d = steal(PyDict_New());
  if (!d) return nullptr;
  for (size_t i = 0; i < u->memo->size(); i++) {
    PyObject* o = (*u->memo)[i];
    if (o == nullptr) continue;
    Ref<PyObject> key = steal(PyLong_FromSsize_t(Py_ssize_t(i)));
    if (!key || PyDict_SetItem(d.get(), key.get(), o) < 0) return nullptr;
  }
  return d.release();
}

int unpickler_set_memo(UnpicklerObject* u, PyObject* obj) {
  std::vector<PyObject*> fresh;
  Py_ssize_t count = 0;
  auto drop = [&fresh] {
    for (PyObject* o : fresh) Py_XDECREF(o);
  };
  auto put = [&](Py_ssize_t idx, PyObject* value) {
    if (size_t(idx) >= fresh.size()) fresh.resize(size_t(idx) + 1, nullptr);
    Py_INCREF(value);
    if (fresh[size_t(idx)] == nullptr) count++;
    Py_XSETREF(fresh[size_t(idx)], value);
  };
  if (Py_IS_TYPE(obj, g_state.UnpicklerMemoProxyType)) {
    UnpicklerObject* other = reinterpret_cast<UnpicklerMemoProxyObject*>(obj)->unpickler;
    for (size_t i = 0; i < other->memo->size(); i++)
      if ((*other->memo)[i] != nullptr) put(Py_ssize_t(i), (*other->memo)[i]);
  } else if (PyDict_Check(obj)) {
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(obj, &pos, &key, &value)) {
      if (!PyLong_Check(key)) {
        PyErr_SetString(PyExc_TypeError, "memo key must be integers");
        drop();
        return -1;
      }
      Py_ssize_t idx = PyLong_AsSsize_t(key);
      if (idx == -1 && PyErr_Occurred()) {
        drop();
        return -1;
      }
      if (idx < 0) {
        PyErr_SetString(PyExc_ValueError, "memo key must be positive integers.");
        drop();
        return -1;
      }
      put(idx, value);
    }
  } else {
    PyErr_Format(PyExc_TypeError,
                 "'memo' attribute must be an UnpicklerMemoProxy object or dict, not %.200s",
                 Py_TYPE(obj)->tp_name);
    return -1;
  }
  unpickler_memo_clear(u);
  u->memo->swap(fresh);
  u->memo_len = count;
  return 0;
}

namespace {

// ------------------------------------------------------------ proxy types

template <typename Proxy>
void proxy_dealloc(PyObject* op) {
  PyTypeObject* tp = Py_TYPE(op);
  PyObject_GC_UnTrack(op);
  auto* self = reinterpret_cast<Proxy*>(op);
  if constexpr (std::is_same_v<Proxy, PicklerMemoProxyObject>) Py_CLEAR(self->pickler);
  else Py_CLEAR(self->unpickler);
  PyObject_GC_Del(op);
  Py_DECREF(tp);
}

int pmp_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<PicklerMemoProxyObject*>(op)->pickler);
  return 0;
}
int pmp_clear_slot(PyObject* op) {
  Py_CLEAR(reinterpret_cast<PicklerMemoProxyObject*>(op)->pickler);
  return 0;
}
int ump_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<UnpicklerMemoProxyObject*>(op)->unpickler);
  return 0;
}
int ump_clear_slot(PyObject* op) {
  Py_CLEAR(reinterpret_cast<UnpicklerMemoProxyObject*>(op)->unpickler);
  return 0;
}

PyObject* pmp_clear(PyObject* op, PyObject*) {
  auto* self = reinterpret_cast<PicklerMemoProxyObject*>(op);
  if (self->pickler != nullptr) pickler_memo_clear(self->pickler);
  Py_RETURN_NONE;
}
PyObject* pmp_copy(PyObject* op, PyObject*) {
  return pickler_memo_copy(reinterpret_cast<PicklerMemoProxyObject*>(op)->pickler);
}
PyObject* ump_clear(PyObject* op, PyObject*) {
  auto* self = reinterpret_cast<UnpicklerMemoProxyObject*>(op);
  if (self->unpickler != nullptr) unpickler_memo_clear(self->unpickler);
  Py_RETURN_NONE;
}
PyObject* ump_copy(PyObject* op, PyObject*) {
  return unpickler_memo_copy(reinterpret_cast<UnpicklerMemoProxyObject*>(op)->unpickler);
}

// Pickling a memo proxy pickles a dict copy of the memo.
template <PyObject* (*Copy)(PyObject*, PyObject*)>
PyObject* proxy_reduce(PyObject* op, PyObject*) {
  Ref<PyObject> contents = steal(Copy(op, nullptr));
  if (!contents) return nullptr;
  return Py_BuildValue("(O(O))", (PyObject*)&PyDict_Type, contents.get());
}

PyMethodDef pmp_methods[] = {
    {"clear", pmp_clear, METH_NOARGS, PyDoc_STR("Remove all items from memo.")},
    {"copy", pmp_copy, METH_NOARGS, PyDoc_STR("Copy the memo to a new object.")},
    {"__reduce__", proxy_reduce<pmp_copy>, METH_NOARGS,
     PyDoc_STR("Implement pickle support.")},
    {nullptr, nullptr, 0, nullptr},
};
PyMethodDef ump_methods[] = {
    {"clear", ump_clear, METH_NOARGS, PyDoc_STR("Remove all items from memo.")},
    {"copy", ump_copy, METH_NOARGS, PyDoc_STR("Copy the memo to a new object.")},
    {"__reduce__", proxy_reduce<ump_copy>, METH_NOARGS,
     PyDoc_STR("Implement pickling support.")},
    {nullptr, nullptr, 0, nullptr},
};

PyType_Slot pmp_slots[] = {
    {Py_tp_dealloc, reinterpret_cast<void*>(proxy_dealloc<PicklerMemoProxyObject>)},
    {Py_tp_traverse, reinterpret_cast<void*>(pmp_traverse)},
    {Py_tp_clear, reinterpret_cast<void*>(pmp_clear_slot)},
    {Py_tp_methods, pmp_methods},
    {Py_tp_hash, reinterpret_cast<void*>(PyObject_HashNotImplemented)},
    {0, nullptr},
};
PyType_Slot ump_slots[] = {
    {Py_tp_dealloc, reinterpret_cast<void*>(proxy_dealloc<UnpicklerMemoProxyObject>)},
    {Py_tp_traverse, reinterpret_cast<void*>(ump_traverse)},
    {Py_tp_clear, reinterpret_cast<void*>(ump_clear_slot)},
    {Py_tp_methods, ump_methods},
    {Py_tp_hash, reinterpret_cast<void*>(PyObject_HashNotImplemented)},
    {0, nullptr},
};

PyType_Spec pmp_spec = {"_pickle.PicklerMemoProxy", sizeof(PicklerMemoProxyObject), 0,
                        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, pmp_slots};
PyType_Spec ump_spec = {"_pickle.UnpicklerMemoProxy", sizeof(UnpicklerMemoProxyObject), 0,
                        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, ump_slots};

}  // namespace

PyTypeObject* make_pickler_memo_proxy_type(PyObject* module) {
  return reinterpret_cast<PyTypeObject*>(PyType_FromModuleAndSpec(module, &pmp_spec, nullptr));
}
PyTypeObject* make_unpickler_memo_proxy_type(PyObject* module) {
  return reinterpret_cast<PyTypeObject*>(PyType_FromModuleAndSpec(module, &ump_spec, nullptr));
}

}  // namespace krait::pickle
