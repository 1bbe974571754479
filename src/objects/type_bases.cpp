// type.__bases__ assignment: checks the new bases as CPython does (a
// non-empty tuple of classes, no inheritance cycle, a layout-compatible best
// base), then recomputes the MRO of the class and of every subclass, moves the
// class between its old and new bases' subclass lists and re-derives the
// slots. On a failure while recomputing, the old bases are restored.
#include <Python.h>

#include <vector>

#include "objects/type_internal.h"

namespace krait {
namespace {

struct SavedMro {
  Ref<PyTypeObject> type;
  Ref<> new_mro;
  Ref<> old_mro;  // may be null (a type whose MRO was still being computed)
};

// Recomputes type's MRO and its subclasses', remembering old and new ones.
// A metaclass mro() may itself assign __bases__ somewhere (reentrance): when
// type's MRO changed under us, that inner assignment already did the work for
// this type and its subclasses, so the result is dropped.
int mro_hierarchy(PyTypeObject* type, std::vector<SavedMro>* saved) {
  Ref<> old_mro = Ref<>::borrow(type->tp_mro);
  Ref<> mro = steal(type_mro_invoke(type));
  if (!mro) return -1;
  if (type->tp_mro != old_mro.get()) return 0;
  Py_XSETREF(type->tp_mro, Py_NewRef(mro.get()));
  PyType_Modified(type);
  fixup_slot_dispatchers(type);
  saved->push_back({Ref<PyTypeObject>::borrow(type), std::move(mro), std::move(old_mro)});
  Ref<> subs = steal(type_subclasses_list(type));
  if (!subs) return -1;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(subs.get()); i++) {
    if (mro_hierarchy(reinterpret_cast<PyTypeObject*>(PyList_GET_ITEM(subs.get(), i)), saved) < 0)
      return -1;
  }
  return 0;
}

// Is `base` (or a class on its tp_base chain) `type`? The MRO may not be
// updated yet during a reentrant assignment; the tp_base chain is.
bool base_chain_contains(PyTypeObject* base, PyTypeObject* type) {
  for (PyTypeObject* t = base; t; t = t->tp_base) {
    if (t == type) return true;
  }
  return false;
}

}  // namespace

int type_set_bases(PyObject* self, PyObject* value, void*) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE) || (type->tp_flags & Py_TPFLAGS_IMMUTABLETYPE)) {
    PyErr_Format(PyExc_TypeError, "cannot set '__bases__' attribute of immutable type '%s'",
                 type->tp_name);
    return -1;
  }
  if (!value) {
    PyErr_Format(PyExc_TypeError, "cannot delete '__bases__' attribute of immutable type '%s'",
                 type->tp_name);
    return -1;
  }
  if (PySys_Audit("object.__setattr__", "OsO", self, "__bases__", value) < 0) return -1;
  if (!PyTuple_Check(value)) {
    PyErr_Format(PyExc_TypeError, "can only assign tuple to %s.__bases__, not %s", type->tp_name,
                 Py_TYPE(value)->tp_name);
    return -1;
  }
  if (PyTuple_GET_SIZE(value) == 0) {
    PyErr_Format(PyExc_TypeError, "can only assign non-empty tuple to %s.__bases__, not ()",
                 type->tp_name);
    return -1;
  }
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(value); i++) {
    PyObject* b = PyTuple_GET_ITEM(value, i);
    if (!PyType_Check(b)) {
      PyErr_Format(PyExc_TypeError, "%s.__bases__ must be tuple of classes, not '%s'",
                   type->tp_name, Py_TYPE(b)->tp_name);
      return -1;
    }
    auto* bt = reinterpret_cast<PyTypeObject*>(b);
    if (PyType_IsSubtype(bt, type) || base_chain_contains(bt, type)) {
      PyErr_SetString(PyExc_TypeError, "a __bases__ item causes an inheritance cycle");
      return -1;
    }
  }
  PyTypeObject* new_base = type_best_base(value);
  if (!new_base) return -1;
  if (!compatible_for_assignment(type->tp_base, new_base, "__bases__")) return -1;

  Ref<> old_bases = steal(type->tp_bases);  // the type's reference, moved here
  Ref<PyTypeObject> old_base = steal(type->tp_base);
  type->tp_bases = Py_NewRef(value);
  type->tp_base = reinterpret_cast<PyTypeObject*>(Py_NewRef(new_base));
  std::vector<SavedMro> saved;
  if (mro_hierarchy(type, &saved) < 0) {
    // Undo, innermost first; only what was not replaced again by reentrance.
    for (auto it = saved.rbegin(); it != saved.rend(); ++it) {
      PyTypeObject* cls = it->type.get();
      if (cls->tp_mro != it->new_mro.get()) continue;
      Py_XSETREF(cls->tp_mro, it->old_mro.release());
      PyType_Modified(cls);
      fixup_slot_dispatchers(cls);
    }
    if (type->tp_bases == value) {
      Py_SETREF(type->tp_bases, old_bases.release());
      Py_SETREF(type->tp_base, old_base.release());
    }
    return -1;
  }
  // A reentrant assignment may have replaced the bases already: it did the
  // subclass bookkeeping for them.
  if (type->tp_bases != value) return 0;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(old_bases.get()); i++) {
    PyObject* b = PyTuple_GET_ITEM(old_bases.get(), i);
    if (PyType_Check(b)) type_remove_subclass(reinterpret_cast<PyTypeObject*>(b), type);
  }
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(value); i++) {
    PyObject* b = PyTuple_GET_ITEM(value, i);
    if (PyType_Check(b)) type_add_subclass(reinterpret_cast<PyTypeObject*>(b), type);
  }
  return 0;
}

}  // namespace krait
