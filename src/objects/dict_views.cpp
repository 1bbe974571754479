// dict views (dict_keys, dict_values, dict_items) and the six dict
// iterator types (forward and reverse over keys, values, items).
//
// Iterators follow CPython's mutation checks exactly: a size change raises
// "dictionary changed size during iteration" (and keeps raising), and
// finding more entries than the dict had when iteration started raises
// "dictionary keys changed during iteration".
#include <cstring>

#include "objects/container_util.h"
#include "objects/dict_object.h"

namespace krait {
namespace {

struct DictIter {
  PyObject_HEAD
  PyDictObject* di_dict;  // NULL once exhausted
  Py_ssize_t di_used;
  Py_ssize_t di_pos;
  PyObject* di_result;  // reusable (key, value) tuple for item iterators
  Py_ssize_t len;
};

enum class Kind { kKeys, kValues, kItems };

inline bool is_reverse(PyTypeObject* t) {
  return t == &PyDictRevIterKey_Type || t == &PyDictRevIterValue_Type || t == &PyDictRevIterItem_Type;
}

void dictiter_dealloc(PyObject* self) {
  DictIter* di = reinterpret_cast<DictIter*>(self);
  PyObject_GC_UnTrack(self);
  Py_XDECREF(di->di_dict);
  Py_XDECREF(di->di_result);
  PyObject_GC_Del(self);
}

int dictiter_traverse(PyObject* self, visitproc visit, void* arg) {
  DictIter* di = reinterpret_cast<DictIter*>(self);
  Py_VISIT(di->di_dict);
  Py_VISIT(di->di_result);
  return 0;
}

PyObject* dictiter_len(PyObject* self, PyObject*) {
  DictIter* di = reinterpret_cast<DictIter*>(self);
  Py_ssize_t len = 0;
  if (di->di_dict != nullptr && di->di_used == di->di_dict->ma_used) len = di->len;
  return PyLong_FromSsize_t(len);
}

PyObject* dictiter_copy(DictIter* di) {
  DictIter* c = PyObject_GC_New(DictIter, Py_TYPE(di));
  if (c == nullptr) return nullptr;
  c->di_dict = reinterpret_cast<PyDictObject*>(Py_XNewRef(reinterpret_cast<PyObject*>(di->di_dict)));
  c->di_used = di->di_used;
  c->di_pos = di->di_pos;
  c->len = di->len;
  c->di_result = nullptr;
  if (Py_TYPE(di) == &PyDictIterItem_Type || Py_TYPE(di) == &PyDictRevIterItem_Type) {
    c->di_result = PyTuple_Pack(2, Py_None, Py_None);
    if (c->di_result == nullptr) {
      Py_DECREF(c);
      return nullptr;
    }
  }
  PyObject_GC_Track(c);
  return reinterpret_cast<PyObject*>(c);
}

// Pickles as iter(list_of_remaining_items), leaving this iterator untouched.
PyObject* dictiter_reduce(PyObject* self, PyObject*) {
  PyObject* copy = dictiter_copy(reinterpret_cast<DictIter*>(self));
  if (copy == nullptr) return nullptr;
  PyObject* list = PySequence_List(copy);
  Py_DECREF(copy);
  if (list == nullptr) return nullptr;
  PyObject* iter = builtin_object("iter");
  if (iter == nullptr) {
    Py_DECREF(list);
    return nullptr;
  }
  return Py_BuildValue("N(N)", iter, list);
}

PyMethodDef dictiter_methods[] = {
    {"__length_hint__", dictiter_len, METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {"__reduce__", dictiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

// Advances to the next live entry; returns it or NULL (exhausted / error).
DictEntry* dictiter_advance(DictIter* di) {
  PyDictObject* d = di->di_dict;
  if (d == nullptr) return nullptr;
  if (di->di_used != d->ma_used) {
    PyErr_SetString(PyExc_RuntimeError, "dictionary changed size during iteration");
    di->di_used = -1;  // make this state sticky
    return nullptr;
  }
  Py_ssize_t i = di->di_pos;
  Py_ssize_t n = d->ma_keys->dk_nentries;
  DictEntry* entries = dk_entries(d->ma_keys);
  while (i < n && entries[i].value == nullptr) i++;
  if (i >= n) goto fail;
  if (di->len == 0) {
    PyErr_SetString(PyExc_RuntimeError, "dictionary keys changed during iteration");
    goto fail;
  }
  di->di_pos = i + 1;
  di->len--;
  return &entries[i];
fail:
  di->di_dict = nullptr;
  Py_DECREF(d);
  return nullptr;
}

DictEntry* dictreviter_advance(DictIter* di) {
  PyDictObject* d = di->di_dict;
  if (d == nullptr) return nullptr;
  if (di->di_used != d->ma_used) {
    PyErr_SetString(PyExc_RuntimeError, "dictionary changed size during iteration");
    di->di_used = -1;
    return nullptr;
  }
  Py_ssize_t i = di->di_pos;
  if (i < 0) goto fail;
  {
    DictEntry* entries = dk_entries(d->ma_keys);
    if (i >= d->ma_keys->dk_nentries) i = d->ma_keys->dk_nentries - 1;
    while (i >= 0 && entries[i].value == nullptr) i--;
    if (i < 0) goto fail;
    di->di_pos = i - 1;
    di->len--;
    return &entries[i];
  }
fail:
  di->di_pos = -1;
  di->di_dict = nullptr;
  Py_DECREF(d);
  return nullptr;
}

template <Kind K, bool Reverse>
PyObject* dictiter_next(PyObject* self) {
  DictIter* di = reinterpret_cast<DictIter*>(self);
  DictEntry* ep = Reverse ? dictreviter_advance(di) : dictiter_advance(di);
  if (ep == nullptr) return nullptr;
  if constexpr (K == Kind::kKeys) {
    return Py_NewRef(ep->key);
  } else if constexpr (K == Kind::kValues) {
    return Py_NewRef(ep->value);
  } else {
    PyObject* key = Py_NewRef(ep->key);
    PyObject* value = Py_NewRef(ep->value);
    PyObject* result = di->di_result;
    if (Py_REFCNT(result) == 1) {
      // Nobody else sees the last tuple: recycle it.
      PyObject* oldkey = PyTuple_GET_ITEM(result, 0);
      PyObject* oldvalue = PyTuple_GET_ITEM(result, 1);
      PyTuple_SET_ITEM(result, 0, key);
      PyTuple_SET_ITEM(result, 1, value);
      Py_INCREF(result);
      Py_DECREF(oldkey);
      Py_DECREF(oldvalue);
      // The GC may have untracked the tuple while it held atomic items.
      if (!PyObject_GC_IsTracked(result)) PyObject_GC_Track(result);
      return result;
    }
    result = PyTuple_New(2);
    if (result == nullptr) {
      Py_DECREF(key);
      Py_DECREF(value);
      return nullptr;
    }
    PyTuple_SET_ITEM(result, 0, key);
    PyTuple_SET_ITEM(result, 1, value);
    return result;
  }
}

}  // namespace

PyObject* dict_iter_new(PyDictObject* dict, PyTypeObject* itertype) {
  DictIter* di = PyObject_GC_New(DictIter, itertype);
  if (di == nullptr) return nullptr;
  di->di_dict = reinterpret_cast<PyDictObject*>(Py_NewRef(reinterpret_cast<PyObject*>(dict)));
  di->di_used = dict->ma_used;
  di->len = dict->ma_used;
  di->di_pos = is_reverse(itertype) ? dict->ma_keys->dk_nentries - 1 : 0;
  if (itertype == &PyDictIterItem_Type || itertype == &PyDictRevIterItem_Type) {
    di->di_result = PyTuple_Pack(2, Py_None, Py_None);
    if (di->di_result == nullptr) {
      Py_DECREF(di);
      return nullptr;
    }
  } else {
    di->di_result = nullptr;
  }
  PyObject_GC_Track(di);
  return reinterpret_cast<PyObject*>(di);
}

// -- Views -------------------------------------------------------------------------

namespace {

inline PyObject* view_dict(PyObject* v) {
  return reinterpret_cast<PyObject*>(reinterpret_cast<_PyDictViewObject*>(v)->dv_dict);
}
inline bool is_set_view(PyObject* o) { return PyDictKeys_Check(o) || PyDictItems_Check(o); }

void dictview_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_XDECREF(view_dict(self));
  PyObject_GC_Del(self);
}

int dictview_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(view_dict(self));
  return 0;
}

Py_ssize_t dictview_len(PyObject* self) {
  PyObject* d = view_dict(self);
  return d ? reinterpret_cast<PyDictObject*>(d)->ma_used : 0;
}

PyObject* dictview_mapping(PyObject* self, void*) { return PyDictProxy_New(view_dict(self)); }

PyGetSetDef dictview_getset[] = {
    {"mapping", dictview_mapping, nullptr,
     "dictionary that this view refers to", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyObject* dictview_repr(PyObject* self) {
  int rc = Py_ReprEnter(self);
  if (rc != 0) return rc > 0 ? PyUnicode_FromString("...") : nullptr;
  PyObject* result = nullptr;
  PyObject* seq = PySequence_List(self);
  if (seq != nullptr) {
    const char* name = Py_TYPE(self)->tp_name;
    const char* dot = strrchr(name, '.');
    result = PyUnicode_FromFormat("%s(%R)", dot ? dot + 1 : name, seq);
    Py_DECREF(seq);
  }
  Py_ReprLeave(self);
  return result;
}

// 1 if every element of self is in other.
int all_contained_in(PyObject* self, PyObject* other) {
  PyObject* iter = PyObject_GetIter(self);
  if (iter == nullptr) return -1;
  int ok = 1;
  for (;;) {
    PyObject* next = PyIter_Next(iter);
    if (next == nullptr) {
      if (PyErr_Occurred()) ok = -1;
      break;
    }
    ok = PySequence_Contains(other, next);
    Py_DECREF(next);
    if (ok <= 0) break;
  }
  Py_DECREF(iter);
  return ok;
}

PyObject* dictview_richcompare(PyObject* self, PyObject* other, int op) {
  if (!is_set_view(self) || (!PyAnySet_Check(other) && !is_set_view(other))) Py_RETURN_NOTIMPLEMENTED;
  Py_ssize_t len_self = PyObject_Size(self);
  if (len_self < 0) return nullptr;
  Py_ssize_t len_other = PyObject_Size(other);
  if (len_other < 0) return nullptr;
  int ok = 0;
  switch (op) {
    case Py_NE:
    case Py_EQ:
      if (len_self == len_other) ok = all_contained_in(self, other);
      if (op == Py_NE && ok >= 0) ok = !ok;
      break;
    case Py_LT:
      if (len_self < len_other) ok = all_contained_in(self, other);
      break;
    case Py_LE:
      if (len_self <= len_other) ok = all_contained_in(self, other);
      break;
    case Py_GT:
      if (len_self > len_other) ok = all_contained_in(other, self);
      break;
    case Py_GE:
      if (len_self >= len_other) ok = all_contained_in(other, self);
      break;
  }
  if (ok < 0) return nullptr;
  return PyBool_FromLong(ok);
}

// set(view), using the dict itself for keys views (PySet_New's dict fast
// path keeps the hashes).
PyObject* dictviews_to_set(PyObject* self) {
  PyObject* left = self;
  if (PyDictKeys_Check(self)) {
    PyObject* dict = view_dict(self);
    if (PyDict_CheckExact(dict)) left = dict;
  }
  return PySet_New(left);
}

PyObject* call_method1(PyObject* obj, const char* name, PyObject* arg) {
  PyObject* n = PyUnicode_FromString(name);
  if (n == nullptr) return nullptr;
  PyObject* r = PyObject_CallMethodOneArg(obj, n, arg);
  Py_DECREF(n);
  return r;
}

PyObject* dictviews_sub(PyObject* self, PyObject* other) {
  PyObject* result = dictviews_to_set(self);
  if (result == nullptr) return nullptr;
  PyObject* tmp = call_method1(result, "difference_update", other);
  if (tmp == nullptr) {
    Py_DECREF(result);
    return nullptr;
  }
  Py_DECREF(tmp);
  return result;
}

PyObject* dictviews_or(PyObject* self, PyObject* other) {
  PyObject* result = dictviews_to_set(self);
  if (result == nullptr) return nullptr;
  if (_PySet_Update(result, other) < 0) {
    Py_DECREF(result);
    return nullptr;
  }
  return result;
}

PyObject* dictitems_xor(PyObject* self, PyObject* other) {
  PyObject* d1 = view_dict(self);
  PyObject* d2 = view_dict(other);
  PyObject* temp_dict = PyDict_Copy(d1);
  if (temp_dict == nullptr) return nullptr;
  PyObject* result_set = PySet_New(nullptr);
  if (result_set == nullptr) {
    Py_DECREF(temp_dict);
    return nullptr;
  }
  PyObject *key = nullptr, *val1 = nullptr, *val2 = nullptr;
  Py_ssize_t pos = 0;
  Py_hash_t hash;
  // Pairs of d2 not in d1 go to the result; pairs in both are dropped from
  // the copy of d1, whose remaining pairs are added last.
  while (_PyDict_Next(d2, &pos, &key, &val2, &hash)) {
    Py_INCREF(key);
    Py_INCREF(val2);
    val1 = _PyDict_GetItem_KnownHash(temp_dict, key, hash);
    int to_delete;
    if (val1 == nullptr) {
      if (PyErr_Occurred()) goto error;
      to_delete = 0;
    } else {
      Py_INCREF(val1);
      to_delete = PyObject_RichCompareBool(val1, val2, Py_EQ);
      if (to_delete < 0) goto error;
    }
    if (to_delete) {
      if (_PyDict_DelItem_KnownHash(temp_dict, key, hash) < 0) goto error;
    } else {
      PyObject* pair = PyTuple_Pack(2, key, val2);
      if (pair == nullptr) goto error;
      if (PySet_Add(result_set, pair) < 0) {
        Py_DECREF(pair);
        goto error;
      }
      Py_DECREF(pair);
    }
    Py_DECREF(key);
    Py_XDECREF(val1);
    Py_DECREF(val2);
  }
  key = val1 = val2 = nullptr;
  {
    PyObject* remaining = _PyDictView_New(temp_dict, &PyDictItems_Type);
    if (remaining == nullptr) goto error;
    int rc = _PySet_Update(result_set, remaining);
    Py_DECREF(remaining);
    if (rc < 0) goto error;
  }
  Py_DECREF(temp_dict);
  return result_set;
error:
  Py_XDECREF(temp_dict);
  Py_XDECREF(result_set);
  Py_XDECREF(key);
  Py_XDECREF(val1);
  Py_XDECREF(val2);
  return nullptr;
}

PyObject* dictviews_xor(PyObject* self, PyObject* other) {
  if (PyDictItems_Check(self) && PyDictItems_Check(other)) return dictitems_xor(self, other);
  PyObject* result = dictviews_to_set(self);
  if (result == nullptr) return nullptr;
  PyObject* tmp = call_method1(result, "symmetric_difference_update", other);
  if (tmp == nullptr) {
    Py_DECREF(result);
    return nullptr;
  }
  Py_DECREF(tmp);
  return result;
}

PyObject* dictviews_isdisjoint(PyObject* self, PyObject* other) {
  if (self == other) {
    if (dictview_len(self) == 0) Py_RETURN_TRUE;
    Py_RETURN_FALSE;
  }
  // Iterate over the shorter side when the other side has cheap lookups.
  if (PyAnySet_Check(other) || is_set_view(other)) {
    Py_ssize_t len_self = dictview_len(self);
    Py_ssize_t len_other = PyObject_Size(other);
    if (len_other == -1) return nullptr;
    if (len_other > len_self) {
      PyObject* tmp = other;
      other = self;
      self = tmp;
    }
  }
  PyObject* it = PyObject_GetIter(other);
  if (it == nullptr) return nullptr;
  PyObject* item;
  while ((item = PyIter_Next(it)) != nullptr) {
    int contains = PySequence_Contains(self, item);
    Py_DECREF(item);
    if (contains == -1) {
      Py_DECREF(it);
      return nullptr;
    }
    if (contains) {
      Py_DECREF(it);
      Py_RETURN_FALSE;
    }
  }
  Py_DECREF(it);
  if (PyErr_Occurred()) return nullptr;
  Py_RETURN_TRUE;
}

PyNumberMethods dictviews_as_number = {
    .nb_subtract = dictviews_sub,
    .nb_and = _PyDictView_Intersect,
    .nb_xor = dictviews_xor,
    .nb_or = dictviews_or,
};

// -- dict_keys ---

PyObject* dictkeys_iter(PyObject* self) {
  PyObject* d = view_dict(self);
  if (d == nullptr) Py_RETURN_NONE;
  return dict_iter_new(reinterpret_cast<PyDictObject*>(d), &PyDictIterKey_Type);
}

int dictkeys_contains_slot(PyObject* self, PyObject* obj) {
  PyObject* d = view_dict(self);
  if (d == nullptr) return 0;
  return PyDict_Contains(d, obj);
}

PyObject* dictkeys_reversed(PyObject* self, PyObject*) {
  PyObject* d = view_dict(self);
  if (d == nullptr) Py_RETURN_NONE;
  return dict_iter_new(reinterpret_cast<PyDictObject*>(d), &PyDictRevIterKey_Type);
}

PyMethodDef dictkeys_methods[] = {
    {"isdisjoint", dictviews_isdisjoint, METH_O, "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", dictkeys_reversed, METH_NOARGS, "Return a reverse iterator over the dict keys."},
    {nullptr, nullptr, 0, nullptr},
};

PySequenceMethods dictkeys_as_sequence = {
    .sq_length = dictview_len,
    .sq_contains = dictkeys_contains_slot,
};

// -- dict_items ---

PyObject* dictitems_iter(PyObject* self) {
  PyObject* d = view_dict(self);
  if (d == nullptr) Py_RETURN_NONE;
  return dict_iter_new(reinterpret_cast<PyDictObject*>(d), &PyDictIterItem_Type);
}

PyObject* dictitems_reversed(PyObject* self, PyObject*) {
  PyObject* d = view_dict(self);
  if (d == nullptr) Py_RETURN_NONE;
  return dict_iter_new(reinterpret_cast<PyDictObject*>(d), &PyDictRevIterItem_Type);
}

PyMethodDef dictitems_methods[] = {
    {"isdisjoint", dictviews_isdisjoint, METH_O, "Return True if the view and the given iterable have a null intersection."},
    {"__reversed__", dictitems_reversed, METH_NOARGS, "Return a reverse iterator over the dict items."},
    {nullptr, nullptr, 0, nullptr},
};

PySequenceMethods dictitems_as_sequence = {
    .sq_length = dictview_len,
    .sq_contains = dictitems_contains,
};

// -- dict_values ---

PyObject* dictvalues_iter(PyObject* self) {
  PyObject* d = view_dict(self);
  if (d == nullptr) Py_RETURN_NONE;
  return dict_iter_new(reinterpret_cast<PyDictObject*>(d), &PyDictIterValue_Type);
}

PyObject* dictvalues_reversed(PyObject* self, PyObject*) {
  PyObject* d = view_dict(self);
  if (d == nullptr) Py_RETURN_NONE;
  return dict_iter_new(reinterpret_cast<PyDictObject*>(d), &PyDictRevIterValue_Type);
}

PyMethodDef dictvalues_methods[] = {
    {"__reversed__", dictvalues_reversed, METH_NOARGS, "Return a reverse iterator over the dict values."},
    {nullptr, nullptr, 0, nullptr},
};

PySequenceMethods dictvalues_as_sequence = {
    .sq_length = dictview_len,
};

}  // namespace

int dictkeys_contains(PyObject* self, PyObject* obj) { return dictkeys_contains_slot(self, obj); }

int dictitems_contains(PyObject* self, PyObject* obj) {
  PyObject* d = view_dict(self);
  if (d == nullptr) return 0;
  if (!PyTuple_Check(obj) || PyTuple_GET_SIZE(obj) != 2) return 0;
  PyObject* key = PyTuple_GET_ITEM(obj, 0);
  PyObject* value = PyTuple_GET_ITEM(obj, 1);
  PyObject* found = PyDict_GetItemWithError(d, key);
  if (found == nullptr) return PyErr_Occurred() ? -1 : 0;
  Py_INCREF(found);
  int result = PyObject_RichCompareBool(found, value, Py_EQ);
  Py_DECREF(found);
  return result;
}

}  // namespace krait

using namespace krait;

PyObject* _PyDictView_New(PyObject* dict, PyTypeObject* type) {
  if (dict == nullptr) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  if (!PyDict_Check(dict)) {
    PyErr_Format(PyExc_TypeError, "%s() requires a dict argument, not '%s'", type->tp_name,
                 Py_TYPE(dict)->tp_name);
    return nullptr;
  }
  _PyDictViewObject* dv = PyObject_GC_New(_PyDictViewObject, type);
  if (dv == nullptr) return nullptr;
  dv->dv_dict = reinterpret_cast<PyDictObject*>(Py_NewRef(dict));
  PyObject_GC_Track(dv);
  return reinterpret_cast<PyObject*>(dv);
}

PyObject* _PyDictView_Intersect(PyObject* self, PyObject* other) {
  // With the view on the right of &, the interpreter swaps the operands.
  if (!is_set_view(self)) {
    PyObject* tmp = other;
    other = self;
    self = tmp;
  }
  Py_ssize_t len_self = dictview_len(self);
  // A bigger exact set: let set.intersection do the work.
  if (PySet_CheckExact(other)) {
    Py_ssize_t len_other = PyObject_Size(other);
    if (len_other < 0) return nullptr;
    if (len_self <= len_other) return call_method1(other, "intersection", self);
  }
  // With two views, iterate over the smaller one.
  if (is_set_view(other)) {
    Py_ssize_t len_other = dictview_len(other);
    if (len_other > len_self) {
      PyObject* tmp = other;
      other = self;
      self = tmp;
    }
  }
  PyObject* result = PySet_New(nullptr);
  if (result == nullptr) return nullptr;
  PyObject* it = PyObject_GetIter(other);
  if (it == nullptr) {
    Py_DECREF(result);
    return nullptr;
  }
  int (*contains)(PyObject*, PyObject*) = PyDictKeys_Check(self) ? dictkeys_contains : dictitems_contains;
  PyObject* key;
  while ((key = PyIter_Next(it)) != nullptr) {
    int rv = contains(self, key);
    if (rv < 0 || (rv && PySet_Add(result, key) < 0)) {
      Py_DECREF(key);
      Py_DECREF(it);
      Py_DECREF(result);
      return nullptr;
    }
    Py_DECREF(key);
  }
  Py_DECREF(it);
  if (PyErr_Occurred()) {
    Py_DECREF(result);
    return nullptr;
  }
  return result;
}

#define KRAIT_DICT_ITER_TYPE(CName, pyname, nextfn)          \
  PyTypeObject CName = {                                     \
      .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)      \
      .tp_name = pyname,                                     \
      .tp_basicsize = sizeof(DictIter),                      \
      .tp_dealloc = dictiter_dealloc,                        \
      .tp_getattro = PyObject_GenericGetAttr,                \
      .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,   \
      .tp_traverse = dictiter_traverse,                      \
      .tp_iter = PyObject_SelfIter,                          \
      .tp_iternext = nextfn,                                 \
      .tp_methods = dictiter_methods,                        \
  };

KRAIT_DICT_ITER_TYPE(PyDictIterKey_Type, "dict_keyiterator", (dictiter_next<Kind::kKeys, false>))
KRAIT_DICT_ITER_TYPE(PyDictIterValue_Type, "dict_valueiterator", (dictiter_next<Kind::kValues, false>))
KRAIT_DICT_ITER_TYPE(PyDictIterItem_Type, "dict_itemiterator", (dictiter_next<Kind::kItems, false>))
KRAIT_DICT_ITER_TYPE(PyDictRevIterKey_Type, "dict_reversekeyiterator", (dictiter_next<Kind::kKeys, true>))
KRAIT_DICT_ITER_TYPE(PyDictRevIterValue_Type, "dict_reversevalueiterator", (dictiter_next<Kind::kValues, true>))
KRAIT_DICT_ITER_TYPE(PyDictRevIterItem_Type, "dict_reverseitemiterator", (dictiter_next<Kind::kItems, true>))
#undef KRAIT_DICT_ITER_TYPE

PyTypeObject PyDictKeys_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "dict_keys",
    .tp_basicsize = sizeof(_PyDictViewObject),
    .tp_dealloc = dictview_dealloc,
    .tp_repr = dictview_repr,
    .tp_as_number = &dictviews_as_number,
    .tp_as_sequence = &dictkeys_as_sequence,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = dictview_traverse,
    .tp_richcompare = dictview_richcompare,
    .tp_iter = dictkeys_iter,
    .tp_methods = dictkeys_methods,
    .tp_getset = dictview_getset,
};

PyTypeObject PyDictItems_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "dict_items",
    .tp_basicsize = sizeof(_PyDictViewObject),
    .tp_dealloc = dictview_dealloc,
    .tp_repr = dictview_repr,
    .tp_as_number = &dictviews_as_number,
    .tp_as_sequence = &dictitems_as_sequence,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = dictview_traverse,
    .tp_richcompare = dictview_richcompare,
    .tp_iter = dictitems_iter,
    .tp_methods = dictitems_methods,
    .tp_getset = dictview_getset,
};

PyTypeObject PyDictValues_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "dict_values",
    .tp_basicsize = sizeof(_PyDictViewObject),
    .tp_dealloc = dictview_dealloc,
    .tp_repr = dictview_repr,
    .tp_as_sequence = &dictvalues_as_sequence,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = dictview_traverse,
    .tp_iter = dictvalues_iter,
    .tp_methods = dictvalues_methods,
    .tp_getset = dictview_getset,
};
