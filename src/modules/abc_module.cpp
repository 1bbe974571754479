// abc_module.cpp — the `_abc` module: the per-class state of abc.ABCMeta
// (registry, positive and negative caches as sets of weak references) and
// the isinstance/issubclass algorithm over it. abc.py uses this module when it
// imports and falls back to _py_abc otherwise. A global invalidation counter
// (get_cache_token) is bumped by every register(); a class's negative cache
// is dropped lazily when its recorded version is older. Registering a class
// also propagates the ABC's Py_TPFLAGS_SEQUENCE/MAPPING (for `match`).
#include <Python.h>

#include <cstdint>
#include <vector>

#include "support/ref.h"

using namespace krait;

namespace {

constexpr unsigned long kCollectionFlags = Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MAPPING;

uint64_t invalidation_counter = 0;

struct AbcData {
  PyObject_HEAD
  PyObject* registry;        // set of weakrefs, created on first use
  PyObject* cache;           // set of weakrefs
  PyObject* negative_cache;  // set of weakrefs
  uint64_t negative_cache_version;
};

extern PyTypeObject abc_data_type;

inline AbcData* D(PyObject* op) { return reinterpret_cast<AbcData*>(op); }

PyObject* abc_data_new(PyTypeObject* type, PyObject*, PyObject*) {
  AbcData* self = reinterpret_cast<AbcData*>(type->tp_alloc(type, 0));
  if (!self) return nullptr;
  self->registry = self->cache = self->negative_cache = nullptr;
  self->negative_cache_version = invalidation_counter;
  return reinterpret_cast<PyObject*>(self);
}

int abc_data_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(D(op)->registry);
  Py_VISIT(D(op)->cache);
  Py_VISIT(D(op)->negative_cache);
  return 0;
}

int abc_data_clear(PyObject* op) {
  Py_CLEAR(D(op)->registry);
  Py_CLEAR(D(op)->cache);
  Py_CLEAR(D(op)->negative_cache);
  return 0;
}

void abc_data_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  abc_data_clear(op);
  Py_TYPE(op)->tp_free(op);
}

PyTypeObject abc_data_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_abc._abc_data",
    .tp_basicsize = sizeof(AbcData),
    .tp_dealloc = abc_data_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Internal state held by ABC machinery.",
    .tp_traverse = abc_data_traverse,
    .tp_clear = abc_data_clear,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = abc_data_new,
    .tp_free = PyObject_GC_Del,
};

// cls._abc_impl, checked to be our state object (a new reference).
PyObject* get_impl(PyObject* self) {
  PyObject* impl = PyObject_GetAttrString(self, "_abc_impl");
  if (!impl) return nullptr;
  if (!Py_IS_TYPE(impl, &abc_data_type)) {
    PyErr_SetString(PyExc_TypeError, "_abc_impl is set to a wrong type");
    Py_DECREF(impl);
    return nullptr;
  }
  return impl;
}

int in_weak_set(PyObject* set, PyObject* obj) {
  if (set == nullptr || PySet_GET_SIZE(set) == 0) return 0;
  Ref<> ref = steal(PyWeakref_NewRef(obj, nullptr));
  if (!ref) {
    if (PyErr_ExceptionMatches(PyExc_TypeError)) {
      PyErr_Clear();
      return 0;
    }
    return -1;
  }
  return PySet_Contains(set, ref.get());
}

// The weakref callback: self is a weak reference to the set to prune.
PyObject* destroy_entry(PyObject* setweakref, PyObject* objweakref) {
  PyObject* set = PyWeakref_GetObject(setweakref);
  if (!set) return nullptr;
  if (set == Py_None) Py_RETURN_NONE;
  Ref<> hold = borrow(set);
  if (PySet_Discard(set, objweakref) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyMethodDef destroy_def = {"_destroy", destroy_entry, METH_O, nullptr};

int add_to_weak_set(PyObject** pset, PyObject* obj) {
  if (*pset == nullptr) {
    *pset = PySet_New(nullptr);
    if (!*pset) return -1;
  }
  Ref<> set = borrow(*pset);
  Ref<> wr = steal(PyWeakref_NewRef(set.get(), nullptr));
  if (!wr) return -1;
  Ref<> callback = steal(PyCFunction_NewEx(&destroy_def, wr.get(), nullptr));
  if (!callback) return -1;
  Ref<> ref = steal(PyWeakref_NewRef(obj, callback.get()));
  if (!ref) return -1;
  return PySet_Add(set.get(), ref.get());
}

// The names of abstract methods: those of the class body whose value has a
// true __isabstractmethod__, plus inherited ones still abstract here.
int compute_abstract_methods(PyObject* self) {
  Ref<> abstracts = steal(PySet_New(nullptr));
  if (!abstracts) return -1;
  Ref<> ns = steal(PyObject_GetAttrString(self, "__dict__"));
  if (!ns) return -1;
  // A snapshot of the items: __isabstractmethod__ lookups may mutate ns.
  Ref<> items = steal(PyMapping_Items(ns.get()));
  if (!items) return -1;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items.get()); ++i) {
    PyObject* item = PyList_GET_ITEM(items.get(), i);
    if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2) {
      PyErr_SetString(PyExc_TypeError, "items() returned item which is not a 2-tuple");
      return -1;
    }
    int abstract = _PyObject_IsAbstract(PyTuple_GET_ITEM(item, 1));
    if (abstract < 0) return -1;
    if (abstract && PySet_Add(abstracts.get(), PyTuple_GET_ITEM(item, 0)) < 0) return -1;
  }
  Ref<> bases = steal(PyObject_GetAttrString(self, "__bases__"));
  if (!bases) return -1;
  if (!PyTuple_Check(bases.get())) {
    PyErr_SetString(PyExc_TypeError, "__bases__ is not tuple");
    return -1;
  }
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases.get()); ++i) {
    PyObject* raw = nullptr;
    Ref<> name = steal(PyUnicode_FromString("__abstractmethods__"));
    if (!name) return -1;
    if (_PyObject_LookupAttr(PyTuple_GET_ITEM(bases.get(), i), name.get(), &raw) < 0) return -1;
    Ref<> base_abstracts = steal(raw);
    if (!base_abstracts) continue;
    Ref<> it = steal(PyObject_GetIter(base_abstracts.get()));
    if (!it) return -1;
    while (Ref<> key = steal(PyIter_Next(it.get()))) {
      PyObject* v = nullptr;
      if (_PyObject_LookupAttr(self, key.get(), &v) < 0) return -1;
      Ref<> value = steal(v);
      if (!value) continue;
      int abstract = _PyObject_IsAbstract(value.get());
      if (abstract < 0) return -1;
      if (abstract && PySet_Add(abstracts.get(), key.get()) < 0) return -1;
    }
    if (PyErr_Occurred()) return -1;
  }
  Ref<> frozen = steal(PyFrozenSet_New(abstracts.get()));
  if (!frozen) return -1;
  return PyObject_SetAttrString(self, "__abstractmethods__", frozen.get());
}

PyObject* abc_init(PyObject*, PyObject* self) {
  if (compute_abstract_methods(self) < 0) return nullptr;
  Ref<> data = steal(abc_data_new(&abc_data_type, nullptr, nullptr));
  if (!data) return nullptr;
  if (PyObject_SetAttrString(self, "_abc_impl", data.get()) < 0) return nullptr;
  // collections.abc declares Py_TPFLAGS_SEQUENCE/MAPPING with
  // __abc_tpflags__ in the class body; move it into the real flags.
  if (PyType_Check(self)) {
    PyTypeObject* cls = reinterpret_cast<PyTypeObject*>(self);
    PyObject* dict = cls->tp_dict;
    Ref<> key = steal(PyUnicode_FromString("__abc_tpflags__"));
    if (!key) return nullptr;
    PyObject* f = PyDict_GetItemWithError(dict, key.get());
    if (f) {
      if (PyLong_CheckExact(f)) {
        long val = PyLong_AsLong(f);
        if (val == -1 && PyErr_Occurred()) return nullptr;
        if ((static_cast<unsigned long>(val) & kCollectionFlags) == kCollectionFlags) {
          PyErr_SetString(PyExc_TypeError,
                          "__abc_tpflags__ cannot be both Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING");
          return nullptr;
        }
        cls->tp_flags |= static_cast<unsigned long>(val) & kCollectionFlags;
      }
      if (PyDict_DelItem(dict, key.get()) < 0) return nullptr;
      PyType_Modified(cls);
    } else if (PyErr_Occurred()) {
      return nullptr;
    }
  }
  Py_RETURN_NONE;
}

// Gives `child` and its subclasses the ABC's collection flag (unless they
// are immutable types or already have it).
int set_collection_flag_recursive(PyTypeObject* child, unsigned long flag) {
  if ((child->tp_flags & Py_TPFLAGS_IMMUTABLETYPE) || (child->tp_flags & kCollectionFlags) == flag)
    return 0;
  child->tp_flags = (child->tp_flags & ~kCollectionFlags) | flag;
  Ref<> subs = steal(PyObject_CallMethod(reinterpret_cast<PyObject*>(child), "__subclasses__", nullptr));
  if (!subs) return -1;
  if (!PyList_Check(subs.get())) return 0;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(subs.get()); ++i) {
    PyObject* sub = PyList_GET_ITEM(subs.get(), i);
    if (PyType_Check(sub) && set_collection_flag_recursive(reinterpret_cast<PyTypeObject*>(sub), flag) < 0)
      return -1;
  }
  return 0;
}

PyObject* abc_register(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("_abc_register", nargs, 2, 2)) return nullptr;
  PyObject* self = args[0];
  PyObject* subclass = args[1];
  if (!PyType_Check(subclass)) {
    PyErr_SetString(PyExc_TypeError, "Can only register classes");
    return nullptr;
  }
  int r = PyObject_IsSubclass(subclass, self);
  if (r < 0) return nullptr;
  if (r > 0) return Py_NewRef(subclass);  // already a subclass
  // Checked after "already a subclass", so X.register(X) is a no-op.
  r = PyObject_IsSubclass(self, subclass);
  if (r < 0) return nullptr;
  if (r > 0) {
    PyErr_SetString(PyExc_RuntimeError, "Refusing to create an inheritance cycle");
    return nullptr;
  }
  Ref<> impl = steal(get_impl(self));
  if (!impl) return nullptr;
  if (add_to_weak_set(&D(impl.get())->registry, subclass) < 0) return nullptr;
  invalidation_counter++;
  if (PyType_Check(self)) {
    unsigned long flag = PyType_GetFlags(reinterpret_cast<PyTypeObject*>(self)) & kCollectionFlags;
    if (flag && set_collection_flag_recursive(reinterpret_cast<PyTypeObject*>(subclass), flag) < 0)
      return nullptr;
  }
  return Py_NewRef(subclass);
}

PyObject* abc_instancecheck(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("_abc_instancecheck", nargs, 2, 2)) return nullptr;
  PyObject* self = args[0];
  PyObject* instance = args[1];
  Ref<> impl = steal(get_impl(self));
  if (!impl) return nullptr;
  Ref<> subclass = steal(PyObject_GetAttrString(instance, "__class__"));
  if (!subclass) return nullptr;
  int incache = in_weak_set(D(impl.get())->cache, subclass.get());
  if (incache < 0) return nullptr;
  if (incache > 0) Py_RETURN_TRUE;
  PyObject* subtype = reinterpret_cast<PyObject*>(Py_TYPE(instance));
  Ref<> name = steal(PyUnicode_FromString("__subclasscheck__"));
  if (!name) return nullptr;
  if (subtype == subclass.get()) {
    if (D(impl.get())->negative_cache_version == invalidation_counter) {
      incache = in_weak_set(D(impl.get())->negative_cache, subclass.get());
      if (incache < 0) return nullptr;
      if (incache > 0) Py_RETURN_FALSE;
    }
    return PyObject_CallMethodOneArg(self, name.get(), subclass.get());
  }
  Ref<> result = steal(PyObject_CallMethodOneArg(self, name.get(), subclass.get()));
  if (!result) return nullptr;
  int truth = PyObject_IsTrue(result.get());
  if (truth < 0) return nullptr;
  if (truth > 0) return result.release();
  return PyObject_CallMethodOneArg(self, name.get(), subtype);
}

// Step 5 of the subclass check: is `subclass` a subclass of anything
// registered? Returns 1 with *result set, 0 for "no", -1 on error.
int check_registry(AbcData* impl, PyObject* subclass, bool* result) {
  int r = in_weak_set(impl->registry, subclass);
  if (r < 0) return -1;
  if (r > 0) {
    *result = true;
    return 1;
  }
  if (impl->registry == nullptr || PySet_GET_SIZE(impl->registry) == 0) return 0;
  // A snapshot: weakref callbacks may shrink the registry while we iterate.
  std::vector<Ref<>> copy;
  {
    Ref<> it = steal(PyObject_GetIter(impl->registry));
    if (!it) return -1;
    while (PyObject* item = PyIter_Next(it.get())) copy.push_back(steal(item));
    if (PyErr_Occurred()) return -1;
  }
  for (Ref<>& wr : copy) {
    PyObject* rkey = PyWeakref_GetObject(wr.get());
    if (!rkey) return -1;
    if (rkey == Py_None) continue;
    Ref<> hold = borrow(rkey);
    int sub = PyObject_IsSubclass(subclass, rkey);
    if (sub < 0) return -1;
    if (sub > 0) {
      if (add_to_weak_set(&impl->cache, subclass) < 0) return -1;
      *result = true;
      return 1;
    }
  }
  return 0;
}

PyObject* abc_subclasscheck(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("_abc_subclasscheck", nargs, 2, 2)) return nullptr;
  PyObject* self = args[0];
  PyObject* subclass = args[1];
  if (!PyType_Check(subclass)) {
    PyErr_SetString(PyExc_TypeError, "issubclass() arg 1 must be a class");
    return nullptr;
  }
  Ref<> implref = steal(get_impl(self));
  if (!implref) return nullptr;
  AbcData* impl = D(implref.get());
  // 1. The positive cache.
  int incache = in_weak_set(impl->cache, subclass);
  if (incache < 0) return nullptr;
  if (incache > 0) Py_RETURN_TRUE;
  // 2. The negative cache, dropped if a register() happened since.
  if (impl->negative_cache_version < invalidation_counter) {
    if (impl->negative_cache && PySet_Clear(impl->negative_cache) < 0) return nullptr;
    impl->negative_cache_version = invalidation_counter;
  } else {
    incache = in_weak_set(impl->negative_cache, subclass);
    if (incache < 0) return nullptr;
    if (incache > 0) Py_RETURN_FALSE;
  }
  // 3. The subclass hook.
  Ref<> ok = steal(PyObject_CallMethod(self, "__subclasshook__", "O", subclass));
  if (!ok) return nullptr;
  if (ok.get() == Py_True) {
    if (add_to_weak_set(&impl->cache, subclass) < 0) return nullptr;
    Py_RETURN_TRUE;
  }
  if (ok.get() == Py_False) {
    if (add_to_weak_set(&impl->negative_cache, subclass) < 0) return nullptr;
    Py_RETURN_FALSE;
  }
  if (ok.get() != Py_NotImplemented) {
    PyErr_SetString(PyExc_AssertionError,
                    "__subclasshook__ must return either False, True, or NotImplemented");
    return nullptr;
  }
  // 4. A direct subclass.
  PyObject* mro = reinterpret_cast<PyTypeObject*>(subclass)->tp_mro;
  if (mro && PyTuple_Check(mro)) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(mro); ++i) {
      if (PyTuple_GET_ITEM(mro, i) == self) {
        if (add_to_weak_set(&impl->cache, subclass) < 0) return nullptr;
        Py_RETURN_TRUE;
      }
    }
  }
  // 5. A subclass of a registered class.
  bool found = false;
  int r = check_registry(impl, subclass, &found);
  if (r < 0) return nullptr;
  if (r > 0) return PyBool_FromLong(found);
  // 6. A subclass of a subclass.
  Ref<> subclasses = steal(PyObject_CallMethod(self, "__subclasses__", nullptr));
  if (!subclasses) return nullptr;
  if (!PyList_Check(subclasses.get())) {
    PyErr_SetString(PyExc_TypeError, "__subclasses__() must return a list");
    return nullptr;
  }
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(subclasses.get()); ++i) {
    Ref<> scls = borrow(PyList_GET_ITEM(subclasses.get(), i));
    int sub = PyObject_IsSubclass(subclass, scls.get());
    if (sub < 0) return nullptr;
    if (sub > 0) {
      if (add_to_weak_set(&impl->cache, subclass) < 0) return nullptr;
      Py_RETURN_TRUE;
    }
  }
  if (add_to_weak_set(&impl->negative_cache, subclass) < 0) return nullptr;
  Py_RETURN_FALSE;
}

PyObject* abc_get_cache_token(PyObject*, PyObject*) {
  return PyLong_FromUnsignedLongLong(invalidation_counter);
}

PyObject* abc_get_dump(PyObject*, PyObject* self) {
  Ref<> impl = steal(get_impl(self));
  if (!impl) return nullptr;
  AbcData* d = D(impl.get());
  return Py_BuildValue("NNNK", PySet_New(d->registry), PySet_New(d->cache),
                       PySet_New(d->negative_cache),
                       static_cast<unsigned long long>(d->negative_cache_version));
}

PyObject* abc_reset_registry(PyObject*, PyObject* self) {
  Ref<> impl = steal(get_impl(self));
  if (!impl) return nullptr;
  if (D(impl.get())->registry && PySet_Clear(D(impl.get())->registry) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* abc_reset_caches(PyObject*, PyObject* self) {
  Ref<> impl = steal(get_impl(self));
  if (!impl) return nullptr;
  if (D(impl.get())->cache && PySet_Clear(D(impl.get())->cache) < 0) return nullptr;
  // The negative cache is cleared, not invalidated (the counter is global).
  if (D(impl.get())->negative_cache && PySet_Clear(D(impl.get())->negative_cache) < 0)
    return nullptr;
  Py_RETURN_NONE;
}

#define FASTCALL(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef module_methods[] = {
    {"get_cache_token", abc_get_cache_token, METH_NOARGS,
     "get_cache_token($module, /)\n--\n\n"
     "Returns the current ABC cache token.\n\n"
     "The token is an opaque object (supporting equality testing) identifying the\n"
     "current version of the ABC cache for virtual subclasses. The token changes\n"
     "with every call to register() on any ABC."},
    {"_abc_init", abc_init, METH_O,
     "_abc_init($module, self, /)\n--\n\nInternal ABC helper for class set-up. Should be never used outside abc module."},
    {"_reset_registry", abc_reset_registry, METH_O,
     "_reset_registry($module, self, /)\n--\n\nInternal ABC helper to reset registry of a given class.\n\n"
     "Should be only used by refleak.py"},
    {"_reset_caches", abc_reset_caches, METH_O,
     "_reset_caches($module, self, /)\n--\n\nInternal ABC helper to reset both caches of a given class.\n\n"
     "Should be only used by refleak.py"},
    {"_get_dump", abc_get_dump, METH_O,
     "_get_dump($module, self, /)\n--\n\nInternal ABC helper for cache and registry debugging.\n\n"
     "Return shallow copies of registry, of both caches, and\n"
     "negative cache version. Don't call this function directly,\n"
     "instead use ABC._dump_registry() for a nice repr."},
    {"_abc_register", FASTCALL(abc_register), METH_FASTCALL,
     "_abc_register($module, self, subclass, /)\n--\n\nInternal ABC helper for subclasss registration. Should be never used outside abc module."},
    {"_abc_instancecheck", FASTCALL(abc_instancecheck), METH_FASTCALL,
     "_abc_instancecheck($module, self, instance, /)\n--\n\nInternal ABC helper for instance checks. Should be never used outside abc module."},
    {"_abc_subclasscheck", FASTCALL(abc_subclasscheck), METH_FASTCALL,
     "_abc_subclasscheck($module, self, subclass, /)\n--\n\nInternal ABC helper for subclasss checks. Should be never used outside abc module."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef abc_module = {
    PyModuleDef_HEAD_INIT,
    "_abc",
    "Module contains faster C implementation of abc.ABCMeta",
    -1,
    module_methods,
};

}  // namespace

extern "C" PyObject* PyInit__abc(void) {
  if (PyType_Ready(&abc_data_type) < 0) return nullptr;
  return PyModule_Create(&abc_module);
}
