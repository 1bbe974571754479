// lru_cache_object.cpp — functools._lru_cache_wrapper, the engine behind
// functools.lru_cache. Three call strategies chosen at construction:
// maxsize=0 (no caching, only counts misses), maxsize=None (a plain dict) and
// bounded (a dict whose values are links of a circular doubly linked list in
// recency order). Keys are built like CPython's so hash/eq are called the
// same number of times; each key's hash is computed once per call. The user
// function and key __eq__ may re-enter the wrapper, so the list is only
// updated after each dict operation succeeded.
#include <Python.h>
#include <structmember.h>

#include <cstddef>

#include "modules/functools/functools.h"
#include "support/ref.h"

using namespace krait;

namespace {

// A link of the recency list; it is also the value stored in the cache dict.
// Both the list and the dict own a reference to each link.
struct Link {
  PyObject_HEAD
  Link* prev;
  Link* next;
  Py_hash_t hash;
  PyObject* key;
  PyObject* result;
};

struct LruObject;
using WrapperFn = PyObject* (*)(LruObject*, PyObject*, PyObject*);

struct LruObject {
  PyObject_HEAD
  Link root;  // sentinel: root.next is the oldest entry, root.prev the newest
  WrapperFn wrapper;
  int typed;
  PyObject* cache;
  Py_ssize_t hits;
  PyObject* func;
  Py_ssize_t maxsize;  // -1: unbounded
  Py_ssize_t misses;
  PyObject* cache_info_type;
  PyObject* dict;
  PyObject* weakreflist;
};

inline LruObject* L(PyObject* op) { return reinterpret_cast<LruObject*>(op); }

void link_dealloc(PyObject* op) {
  Link* link = reinterpret_cast<Link*>(op);
  Py_XDECREF(link->key);
  Py_XDECREF(link->result);
  PyObject_Free(op);
}

// Builds the cache key: the args tuple itself (or its single str/int item)
// when untyped without keywords, else args + mark + k, v... + types.
PyObject* make_key(PyObject* args, PyObject* kwds, int typed) {
  Py_ssize_t kwsize = kwds ? PyDict_GET_SIZE(kwds) : 0;
  Py_ssize_t nargs = PyTuple_GET_SIZE(args);
  if (!typed && kwsize == 0) {
    if (nargs == 1) {
      PyObject* only = PyTuple_GET_ITEM(args, 0);
      if (PyUnicode_CheckExact(only) || PyLong_CheckExact(only)) return Py_NewRef(only);
    }
    return Py_NewRef(args);
  }
  Py_ssize_t size = nargs + kwsize * 2 + (kwsize ? 1 : 0);
  if (typed) size += nargs + kwsize;
  PyObject* key = PyTuple_New(size);
  if (!key) return nullptr;
  Py_ssize_t at = 0;
  for (Py_ssize_t i = 0; i < nargs; ++i) PyTuple_SET_ITEM(key, at++, Py_NewRef(PyTuple_GET_ITEM(args, i)));
  PyObject *k, *v;
  if (kwsize) {
    PyTuple_SET_ITEM(key, at++, Py_NewRef(functools::kwd_mark));
    for (Py_ssize_t pos = 0; PyDict_Next(kwds, &pos, &k, &v);) {
      PyTuple_SET_ITEM(key, at++, Py_NewRef(k));
      PyTuple_SET_ITEM(key, at++, Py_NewRef(v));
    }
  }
  if (typed) {
    for (Py_ssize_t i = 0; i < nargs; ++i)
      PyTuple_SET_ITEM(key, at++, Py_NewRef(reinterpret_cast<PyObject*>(Py_TYPE(PyTuple_GET_ITEM(args, i)))));
    if (kwsize)
      for (Py_ssize_t pos = 0; PyDict_Next(kwds, &pos, &k, &v);)
        PyTuple_SET_ITEM(key, at++, Py_NewRef(reinterpret_cast<PyObject*>(Py_TYPE(v))));
  }
  return key;
}

PyObject* uncached_call(LruObject* self, PyObject* args, PyObject* kwds) {
  self->misses++;
  return PyObject_Call(self->func, args, kwds);
}

PyObject* infinite_call(LruObject* self, PyObject* args, PyObject* kwds) {
  Ref<> key = steal(make_key(args, kwds, self->typed));
  if (!key) return nullptr;
  Py_hash_t hash = PyObject_Hash(key.get());
  if (hash == -1) return nullptr;
  PyObject* hit = _PyDict_GetItem_KnownHash(self->cache, key.get(), hash);
  if (hit) {
    self->hits++;
    return Py_NewRef(hit);
  }
  if (PyErr_Occurred()) return nullptr;
  self->misses++;
  Ref<> result = steal(PyObject_Call(self->func, args, kwds));
  if (!result) return nullptr;
  if (_PyDict_SetItem_KnownHash(self->cache, key.get(), result.get(), hash) < 0) return nullptr;
  return result.release();
}

void extract_link(Link* link) {
  link->prev->next = link->next;
  link->next->prev = link->prev;
}

void append_link(LruObject* self, Link* link) {  // as the newest
  Link* root = &self->root;
  Link* last = root->prev;
  last->next = root->prev = link;
  link->prev = last;
  link->next = root;
}

void prepend_link(LruObject* self, Link* link) {  // as the oldest
  Link* root = &self->root;
  Link* first = root->next;
  first->prev = root->next = link;
  link->prev = root;
  link->next = first;
}

PyObject* bounded_call(LruObject* self, PyObject* args, PyObject* kwds) {
  Ref<> key = steal(make_key(args, kwds, self->typed));
  if (!key) return nullptr;
  Py_hash_t hash = PyObject_Hash(key.get());
  if (hash == -1) return nullptr;
  Link* link = reinterpret_cast<Link*>(_PyDict_GetItem_KnownHash(self->cache, key.get(), hash));
  if (link) {
    extract_link(link);
    append_link(self, link);
    self->hits++;
    return Py_NewRef(link->result);
  }
  if (PyErr_Occurred()) return nullptr;
  self->misses++;
  Ref<> result = steal(PyObject_Call(self->func, args, kwds));
  if (!result) return nullptr;
  // The call may have re-entered and cached this very key; keep that entry.
  if (_PyDict_GetItem_KnownHash(self->cache, key.get(), hash)) return result.release();
  if (PyErr_Occurred()) return nullptr;
  if (PyDict_GET_SIZE(self->cache) < self->maxsize || self->root.next == &self->root) {
    Ref<Link> fresh = steal(PyObject_New(Link, &functools::lru_list_elem_type));
    if (!fresh) return nullptr;
    fresh->hash = hash;
    fresh->key = Py_NewRef(key.get());
    fresh->result = Py_NewRef(result.get());
    // Into the dict first: a reentrant __eq__ must never see a half-linked
    // entry in the list.
    if (_PyDict_SetItem_KnownHash(self->cache, key.get(), fresh.obj(), hash) < 0) return nullptr;
    append_link(self, fresh.release());  // the list owns a reference too
    return result.release();
  }
  // Full: recycle the oldest link for the new entry.
  Link* oldest = self->root.next;
  extract_link(oldest);
  Ref<Link> keep = borrow(oldest);
  PyObject* present = _PyDict_GetItem_KnownHash(self->cache, oldest->key, oldest->hash);
  if (present == nullptr) {
    if (PyErr_Occurred()) {
      prepend_link(self, oldest);
      return nullptr;
    }
    // Someone (the user function, another thread) already removed the old
    // key: the link is an orphan; drop the list's reference to it.
    Py_DECREF(oldest);
    return result.release();
  }
  if (_PyDict_DelItem_KnownHash(self->cache, oldest->key, oldest->hash) < 0) {
    prepend_link(self, oldest);
    return nullptr;
  }
  // Old key/result die only after the links are consistent again.
  Ref<> oldkey = steal(oldest->key);
  Ref<> oldresult = steal(oldest->result);
  oldest->hash = hash;
  oldest->key = Py_NewRef(key.get());
  oldest->result = Py_NewRef(result.get());
  if (_PyDict_SetItem_KnownHash(self->cache, key.get(), keep.obj(), hash) < 0) {
    Py_DECREF(oldest);  // the list's reference: the link is out of the list for good
    return nullptr;
  }
  append_link(self, oldest);
  return result.release();
}

// Detaches the whole list (so clearing it cannot be observed half-done).
Link* unlink_list(LruObject* self) {
  Link* root = &self->root;
  Link* link = root->next;
  if (link == root) return nullptr;
  root->prev->next = nullptr;
  root->next = root->prev = root;
  return link;
}

void clear_list(Link* link) {
  while (link) {
    Link* next = link->next;
    Py_DECREF(reinterpret_cast<PyObject*>(link));
    link = next;
  }
}

PyObject* lru_new(PyTypeObject* type, PyObject* args, PyObject* kw) {
  static const char* kwlist[] = {"user_function", "maxsize", "typed", "cache_info_type", nullptr};
  PyObject *func, *maxsize_o, *cache_info_type;
  int typed;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "OOpO:lru_cache", const_cast<char**>(kwlist), &func,
                                   &maxsize_o, &typed, &cache_info_type))
    return nullptr;
  if (!PyCallable_Check(func)) {
    PyErr_SetString(PyExc_TypeError, "the first argument must be callable");
    return nullptr;
  }
  WrapperFn wrapper;
  Py_ssize_t maxsize;
  if (maxsize_o == Py_None) {
    wrapper = infinite_call;
    maxsize = -1;
  } else if (PyIndex_Check(maxsize_o)) {
    maxsize = PyNumber_AsSsize_t(maxsize_o, PyExc_OverflowError);
    if (maxsize == -1 && PyErr_Occurred()) return nullptr;
    if (maxsize < 0) maxsize = 0;
    wrapper = maxsize == 0 ? uncached_call : bounded_call;
  } else {
    PyErr_SetString(PyExc_TypeError, "maxsize should be integer or None");
    return nullptr;
  }
  Ref<> cache = steal(PyDict_New());
  if (!cache) return nullptr;
  LruObject* obj = reinterpret_cast<LruObject*>(type->tp_alloc(type, 0));
  if (!obj) return nullptr;
  obj->root.prev = obj->root.next = &obj->root;
  obj->wrapper = wrapper;
  obj->typed = typed;
  obj->cache = cache.release();
  obj->func = Py_NewRef(func);
  obj->misses = obj->hits = 0;
  obj->maxsize = maxsize;
  obj->cache_info_type = Py_NewRef(cache_info_type);
  return reinterpret_cast<PyObject*>(obj);
}

int lru_tp_clear(PyObject* op) {
  LruObject* self = L(op);
  Link* list = unlink_list(self);
  Py_CLEAR(self->cache);
  Py_CLEAR(self->func);
  Py_CLEAR(self->cache_info_type);
  Py_CLEAR(self->dict);
  clear_list(list);
  return 0;
}

int lru_traverse(PyObject* op, visitproc visit, void* arg) {
  LruObject* self = L(op);
  for (Link* link = self->root.next; link && link != &self->root; link = link->next) {
    Py_VISIT(link->result);
  }
  Py_VISIT(self->cache);
  Py_VISIT(self->func);
  Py_VISIT(self->cache_info_type);
  Py_VISIT(self->dict);
  return 0;
}

void lru_dealloc(PyObject* op) {
  PyTypeObject* tp = Py_TYPE(op);
  PyObject_GC_UnTrack(op);
  if (L(op)->weakreflist) PyObject_ClearWeakRefs(op);
  lru_tp_clear(op);
  tp->tp_free(op);  // a heap subclass's subtype_dealloc drops its type reference
}

PyObject* lru_call(PyObject* op, PyObject* args, PyObject* kwds) {
  return L(op)->wrapper(L(op), args, kwds);
}

PyObject* lru_descr_get(PyObject* self, PyObject* obj, PyObject*) {
  if (obj == Py_None || obj == nullptr) return Py_NewRef(self);
  return PyMethod_New(self, obj);
}

PyObject* lru_cache_info(PyObject* op, PyObject*) {
  LruObject* self = L(op);
  Py_ssize_t currsize = self->cache ? PyDict_GET_SIZE(self->cache) : 0;
  if (self->maxsize == -1)
    return PyObject_CallFunction(self->cache_info_type, "nnOn", self->hits, self->misses, Py_None,
                                 currsize);
  return PyObject_CallFunction(self->cache_info_type, "nnnn", self->hits, self->misses,
                               self->maxsize, currsize);
}

PyObject* lru_cache_clear(PyObject* op, PyObject*) {
  LruObject* self = L(op);
  Link* list = unlink_list(self);
  self->hits = self->misses = 0;
  if (self->cache) PyDict_Clear(self->cache);
  clear_list(list);
  Py_RETURN_NONE;
}

// Pickled by reference: the wrapper replaces the function under its name.
PyObject* lru_reduce(PyObject* op, PyObject*) { return PyObject_GetAttrString(op, "__qualname__"); }

PyObject* lru_copy(PyObject* op, PyObject*) { return Py_NewRef(op); }

PyMethodDef lru_methods[] = {
    {"cache_info", lru_cache_info, METH_NOARGS, nullptr},
    {"cache_clear", lru_cache_clear, METH_NOARGS, nullptr},
    {"__reduce__", lru_reduce, METH_NOARGS, nullptr},
    {"__copy__", lru_copy, METH_VARARGS, nullptr},
    {"__deepcopy__", lru_copy, METH_VARARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef lru_members[] = {
    {"__dictoffset__", T_PYSSIZET, offsetof(LruObject, dict), READONLY, nullptr},
    {"__weaklistoffset__", T_PYSSIZET, offsetof(LruObject, weakreflist), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef lru_getset[] = {
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

namespace krait::functools {

PyTypeObject lru_list_elem_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "functools._lru_list_elem",
    .tp_basicsize = sizeof(Link),
    .tp_dealloc = link_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

PyTypeObject lru_cache_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "functools._lru_cache_wrapper",
    .tp_basicsize = sizeof(LruObject),
    .tp_dealloc = lru_dealloc,
    .tp_call = lru_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE |
                Py_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_doc = "Create a cached callable that wraps another function.\n\n"
              "user_function:      the function being cached\n\n"
              "maxsize:  0         for no caching\n"
              "          None      for unlimited cache size\n"
              "          n         for a bounded cache\n\n"
              "typed:    False     cache f(3) and f(3.0) as identical calls\n"
              "          True      cache f(3) and f(3.0) as distinct calls\n\n"
              "cache_info_type:    namedtuple class with the fields:\n"
              "                        hits misses currsize maxsize\n",
    .tp_traverse = lru_traverse,
    .tp_clear = lru_tp_clear,
    .tp_weaklistoffset = offsetof(LruObject, weakreflist),
    .tp_methods = lru_methods,
    .tp_members = lru_members,
    .tp_getset = lru_getset,
    .tp_descr_get = lru_descr_get,
    .tp_dictoffset = offsetof(LruObject, dict),
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = lru_new,
    .tp_free = PyObject_GC_Del,
};

}  // namespace krait::functools
