// Internals of the type machinery shared by object.cpp, type_*.cpp,
// descr_object.cpp and the interpreter.
#pragma once
#include <Python.h>

#include "support/ref.h"

namespace krait {

// Looks `name` up along type's MRO. Borrowed reference; nullptr (and no
// exception) when absent.
PyObject* type_lookup(PyTypeObject* type, PyObject* name);
// tp_init is the slot that calls a Python-level __init__ (type_slots.cpp).
bool is_slot_tp_init(initproc f);
// The same without the cache (type_cache.cpp); the cache calls it on a miss.
PyObject* type_lookup_uncached(PyTypeObject* type, PyObject* name);
// Gives `type` (and its MRO) a valid tp_version_tag if possible: false for
// types not ready yet. Inline caches key on the tag.
bool type_ensure_version(PyTypeObject* type);

inline bool type_is_ready(PyTypeObject* t) { return (t->tp_flags & Py_TPFLAGS_READY) != 0; }

// Special-method lookup (on the type, never the instance), bound to `obj`.
// New reference; nullptr with no exception set when the type lacks it.
PyObject* lookup_special(PyObject* obj, PyObject* name);

// Calls the special method `name` of obj's type with obj prepended to args,
// without creating a bound method when the attribute is a plain function.
// Sets *found = false (and returns nullptr, no exception) when it is missing.
PyObject* call_special(PyObject* obj, PyObject* name, PyObject* const* args, Py_ssize_t nargs,
                       bool* found);

// PyObject_GenericGetAttr with an optional explicit dict; `suppress` turns a
// missing attribute into nullptr without an exception.
PyObject* generic_getattr(PyObject* obj, PyObject* name, PyObject* dict, bool suppress);
int generic_setattr(PyObject* obj, PyObject* name, PyObject* value, PyObject* dict);

// --- slots (type_slots.cpp) -------------------------------------------------
// Adds wrapper descriptors (int.__add__, ...) for the C slots a static type fills.
int add_slot_wrappers(PyTypeObject* type);
// Points every tp_* slot of a heap type at its dunder (or at the C function a
// wrapper descriptor wraps, when the dunder is inherited unchanged).
void fixup_slot_dispatchers(PyTypeObject* type);
// Re-derives the slots named by dunder `name` in type and its subclasses
// (after `Cls.__add__ = f`).
int update_slot(PyTypeObject* type, PyObject* name);
// The function behind the `__new__` staticmethod of static types.
extern PyMethodDef tp_new_methoddef;

// --- type bookkeeping (type_object.cpp) -------------------------------------
void type_add_subclass(PyTypeObject* base, PyTypeObject* sub);
void type_remove_subclass(PyTypeObject* base, PyTypeObject* sub);
// Calls fn on every direct subclass (fn returns -1 to stop with an error).
int type_for_each_subclass(PyTypeObject* type, int (*fn)(PyTypeObject*, void*), void* arg);
// The subclasses list as a new Python list.
PyObject* type_subclasses_list(PyTypeObject* type);
// Computes C3 linearization (type_ready.cpp). New reference to a tuple.
PyObject* compute_mro(PyTypeObject* type);
// The dealloc of instances of Python classes (type_new.cpp).
void subtype_dealloc(PyObject* self);
// Whether instances of `oldto` may become instances of `newto` (same
// deallocator and layout); sets TypeError "<attr> assignment: ..." if not.
bool compatible_for_assignment(PyTypeObject* oldto, PyTypeObject* newto, const char* attr);
// The base whose layout a class with these bases extends (type_new.cpp).
PyTypeObject* type_best_base(PyObject* bases);
// The class whose C layout `type` has (type_new.cpp).
PyTypeObject* type_solid_base(PyTypeObject* type);
// Krait's own tp_flags bit (unused by CPython 3.11): the type gets no version
// tag because a metaclass mro() put a non-ancestor in its MRO, and
// PyType_Modified on that class would not reach this type.
constexpr unsigned long kTpFlagsNoVersionTag = 1UL << 21;
// The MRO from the metaclass's mro() (type_ready.cpp). New reference.
PyObject* type_mro_invoke(PyTypeObject* type);
// type.__bases__ assignment (type_bases.cpp).
int type_set_bases(PyObject* self, PyObject* value, void*);
// Readies every static type listed in static_types.def.
int ready_static_types();

}  // namespace krait
