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
  PyTypeObject* type;
  PyObject* mro;      // owned: the MRO before
  PyObject* new_mro;  // borrowed: the MRO installed (a re-entrant assignment may replace it)
};

// Recomputes type's MRO and its subclasses', remembering the old ones.
int mro_hierarchy(PyTypeObject* type, std::vector<SavedMro>* saved) {
  PyObject* mro = type_mro_invoke(type);
  if (!mro) return -1;
  saved->push_back({type, type->tp_mro, mro});
  type->tp_mro = mro;
  PyType_Modified(type);
  fixup_slot_dispatchers(type);
  Ref<> subs = steal(type_subclasses_list(type));
  if (!subs) return -1;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(subs.get()); i++) {
    if (mro_hierarchy(reinterpret_cast<PyTypeObject*>(PyList_GET_ITEM(subs.get(), i)), saved) < 0)
      return -1;
  }
  return 0;
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
    // A custom mro() can re-enter here before tp_mro is updated, but tp_base is assigned
    // first: walking the tp_base chain catches the cycle that tp_mro does not show yet.
    bool in_base_chain = false;
    for (PyTypeObject* t = bt; t && !in_base_chain; t = t->tp_base) in_base_chain = t == type;
    if (PyType_IsSubtype(bt, type) || in_base_chain ||
        (bt->tp_mro && PySequence_Contains(bt->tp_mro, self) == 1)) {
      PyErr_SetString(PyExc_TypeError, "a __bases__ item causes an inheritance cycle");
      return -1;
    }
  }
  PyTypeObject* new_base = type_best_base(value);
  if (!new_base) return -1;
  if (!compatible_for_assignment(type->tp_base, new_base, "__bases__")) return -1;

  PyObject* old_bases = type->tp_bases;  // owned; kept until success
  PyTypeObject* old_base = type->tp_base;
  Py_INCREF(value);
  Py_INCREF(new_base);
  type->tp_bases = value;
  type->tp_base = new_base;
  std::vector<SavedMro> saved;
  if (mro_hierarchy(type, &saved) < 0) {
    // Undo: old MROs back (innermost last), except where a re-entrant
    // assignment installed a newer one; then the old bases, unless a
    // re-entrant assignment replaced ours (it then consumed our tuple and base).
    for (auto it = saved.rbegin(); it != saved.rend(); ++it) {
      if (it->type->tp_mro == it->new_mro) {
        Py_SETREF(it->type->tp_mro, it->mro);
        fixup_slot_dispatchers(it->type);
      } else {
        Py_XDECREF(it->mro);
      }
    }
    if (type->tp_bases == value) {
      type->tp_bases = old_bases;
      type->tp_base = old_base;
      Py_DECREF(value);
      Py_DECREF(new_base);
    } else {
      Py_DECREF(old_bases);
      Py_DECREF(old_base);
    }
    return -1;
  }
  for (auto& s : saved) Py_XDECREF(s.mro);
  // A custom mro() may have assigned __bases__ again (re-entering here): then that inner
  // assignment already moved the subclass links, and redoing it with our tuple would make
  // tp_subclasses disagree with tp_bases (and cycle).
  if (type->tp_bases == value) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(old_bases); i++) {
      PyObject* b = PyTuple_GET_ITEM(old_bases, i);
      if (PyType_Check(b)) type_remove_subclass(reinterpret_cast<PyTypeObject*>(b), type);
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(value); i++) {
      PyObject* b = PyTuple_GET_ITEM(value, i);
      if (PyType_Check(b)) type_add_subclass(reinterpret_cast<PyTypeObject*>(b), type);
    }
  }
  Py_DECREF(old_bases);
  Py_DECREF(old_base);
  return 0;
}

}  // namespace krait
