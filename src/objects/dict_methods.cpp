// dict: the type object, construction, methods and operators. The hash
// table itself and the C API are in dict_object.cpp.
#include "gc/gc_inline.h"
#include "objects/container_util.h"
#include "objects/dict_object.h"

namespace krait {

// dict_object.cpp
void dict_init_empty(PyDictObject* mp);
void dict_release_table(PyDictObject* mp);
int dict_popitem_last(PyDictObject* mp, PyObject** key, PyObject** value);
int dict_reserve(PyDictObject* mp, Py_ssize_t extra);
Py_ssize_t dict_keys_sizeof(PyDictObject* mp);
bool dict_push_free_list(PyDictObject* mp);

namespace {

inline PyDictObject* as_dict(PyObject* o) { return reinterpret_cast<PyDictObject*>(o); }

// -- Object protocol ---------------------------------------------------------

void dict_dealloc(PyObject* self) {
  PyDictObject* mp = as_dict(self);
  krait::gc::untrack(self);
  KRAIT_TRASHCAN_BEGIN(mp, dict_dealloc)
  dict_release_table(mp);
  if (PyDict_CheckExact(self) && dict_push_free_list(mp)) {
    // kept for reuse by PyDict_New
  } else {
    Py_TYPE(self)->tp_free(self);
  }
  KRAIT_TRASHCAN_END
}

int dict_traverse(PyObject* self, visitproc visit, void* arg) {
  PyDictKeysObject* dk = as_dict(self)->ma_keys;
  DictEntry* ep = dk_entries(dk);
  bool visit_keys = !dk->dk_all_str;
  for (Py_ssize_t i = 0; i < dk->dk_nentries; i++) {
    if (ep[i].value == nullptr) continue;
    Py_VISIT(ep[i].value);
    if (visit_keys) Py_VISIT(ep[i].key);
  }
  return 0;
}

int dict_tp_clear(PyObject* self) {
  PyDict_Clear(self);
  return 0;
}

PyObject* dict_repr(PyObject* self) {
  PyDictObject* mp = as_dict(self);
  int rc = Py_ReprEnter(self);
  if (rc != 0) return rc > 0 ? PyUnicode_FromString("{...}") : nullptr;
  PyObject* result = nullptr;
  if (mp->ma_used == 0) {
    result = PyUnicode_FromString("{}");
    Py_ReprLeave(self);
    return result;
  }
  PyObject* parts = PyList_New(0);
  PyObject* colon = PyUnicode_FromString(": ");
  bool ok = parts != nullptr && colon != nullptr;
  Py_ssize_t pos = 0;
  PyObject *key, *value;
  // Keys and values are held while their reprs run: those may mutate us.
  while (ok && PyDict_Next(self, &pos, &key, &value)) {
    Py_INCREF(key);
    Py_INCREF(value);
    PyObject* kr = PyObject_Repr(key);
    PyObject* vr = kr ? PyObject_Repr(value) : nullptr;
    PyObject* piece = nullptr;
    if (vr) piece = PyUnicode_FromFormat("%U: %U", kr, vr);
    Py_XDECREF(kr);
    Py_XDECREF(vr);
    Py_DECREF(key);
    Py_DECREF(value);
    if (piece == nullptr || PyList_Append(parts, piece) < 0) ok = false;
    Py_XDECREF(piece);
  }
  if (ok) {
    PyObject* sep = PyUnicode_FromString(", ");
    PyObject* body = sep ? PyUnicode_Join(sep, parts) : nullptr;
    Py_XDECREF(sep);
    if (body) {
      result = PyUnicode_FromFormat("{%U}", body);
      Py_DECREF(body);
    }
  }
  Py_XDECREF(colon);
  Py_XDECREF(parts);
  Py_ReprLeave(self);
  return result;
}

// 1 if equal, 0 if not, -1 on error.
int dict_equal(PyDictObject* a, PyDictObject* b) {
  if (a->ma_used != b->ma_used) return 0;
  for (Py_ssize_t i = 0; i < a->ma_keys->dk_nentries; i++) {
    DictEntry* ep = &dk_entries(a->ma_keys)[i];
    PyObject* aval = ep->value;
    if (aval == nullptr) continue;
    PyObject* key = Py_NewRef(ep->key);
    Py_INCREF(aval);
    PyObject* bval;
    Py_ssize_t ix = dict_lookup(b, key, ep->hash, &bval);
    if (ix == kDkixError) {
      Py_DECREF(key);
      Py_DECREF(aval);
      return -1;
    }
    if (bval == nullptr) {
      Py_DECREF(key);
      Py_DECREF(aval);
      return 0;
    }
    Py_INCREF(bval);
    int cmp = PyObject_RichCompareBool(aval, bval, Py_EQ);
    Py_DECREF(key);
    Py_DECREF(aval);
    Py_DECREF(bval);
    if (cmp <= 0) return cmp;
  }
  return 1;
}

PyObject* dict_richcompare(PyObject* v, PyObject* w, int op) {
  if (!PyDict_Check(v) || !PyDict_Check(w) || (op != Py_EQ && op != Py_NE)) Py_RETURN_NOTIMPLEMENTED;
  int cmp = dict_equal(as_dict(v), as_dict(w));
  if (cmp < 0) return nullptr;
  return PyBool_FromLong(op == Py_EQ ? cmp : !cmp);
}

Py_ssize_t dict_length(PyObject* self) { return as_dict(self)->ma_used; }

int dict_ass_sub(PyObject* self, PyObject* key, PyObject* value) {
  if (value == nullptr) return PyDict_DelItem(self, key);
  return PyDict_SetItem(self, key, value);
}

// -- Methods ------------------------------------------------------------------------

PyObject* dict_getitem_meth(PyObject* self, PyObject* key) { return dict_subscript(self, key); }

PyObject* dict_contains_meth(PyObject* self, PyObject* key) {
  int r = dict_contains(self, key);
  if (r < 0) return nullptr;
  return PyBool_FromLong(r);
}

PyObject* dict_get(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("get", nargs, 1, 2)) return nullptr;
  PyObject* key = args[0];
  PyObject* deflt = nargs > 1 ? args[1] : Py_None;
  Py_hash_t hash = hash_of(key);
  if (hash == -1) return nullptr;
  PyObject* value;
  Py_ssize_t ix = dict_lookup(as_dict(self), key, hash, &value);
  if (ix == kDkixError) return nullptr;
  if (ix == kDkixEmpty || value == nullptr) value = deflt;
  return Py_NewRef(value);
}

PyObject* dict_setdefault(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("setdefault", nargs, 1, 2)) return nullptr;
  PyObject* val = PyDict_SetDefault(self, args[0], nargs > 1 ? args[1] : Py_None);
  return Py_XNewRef(val);
}

PyObject* dict_pop_meth(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("pop", nargs, 1, 2)) return nullptr;
  return _PyDict_Pop(self, args[0], nargs > 1 ? args[1] : nullptr);
}

PyObject* dict_popitem(PyObject* self, PyObject*) {
  PyDictObject* mp = as_dict(self);
  // Allocate the result first: after popping, failure would lose the item.
  PyObject* res = PyTuple_New(2);
  if (res == nullptr) return nullptr;
  PyObject *key, *value;
  if (dict_popitem_last(mp, &key, &value) < 0) {
    Py_DECREF(res);
    PyErr_SetString(PyExc_KeyError, "popitem(): dictionary is empty");
    return nullptr;
  }
  PyTuple_SET_ITEM(res, 0, key);
  PyTuple_SET_ITEM(res, 1, value);
  return res;
}

PyObject* dict_keys(PyObject* self, PyObject*) { return _PyDictView_New(self, &PyDictKeys_Type); }
PyObject* dict_items(PyObject* self, PyObject*) { return _PyDictView_New(self, &PyDictItems_Type); }
PyObject* dict_values(PyObject* self, PyObject*) { return _PyDictView_New(self, &PyDictValues_Type); }

int dict_update_common(PyObject* self, PyObject* args, PyObject* kwds, const char* methname) {
  PyObject* arg = nullptr;
  if (!PyArg_UnpackTuple(args, methname, 0, 1, &arg)) return -1;
  int result = 0;
  if (arg != nullptr) result = dict_update_arg(self, arg);
  if (result == 0 && kwds != nullptr) {
    if (PyArg_ValidateKeywordArguments(kwds)) result = PyDict_Merge(self, kwds, 1);
    else result = -1;
  }
  return result;
}

PyObject* dict_update(PyObject* self, PyObject* args, PyObject* kwds) {
  if (dict_update_common(self, args, kwds, "update") != -1) Py_RETURN_NONE;
  return nullptr;
}

PyObject* dict_clear_meth(PyObject* self, PyObject*) {
  PyDict_Clear(self);
  Py_RETURN_NONE;
}

PyObject* dict_copy_meth(PyObject* self, PyObject*) { return PyDict_Copy(self); }

PyObject* dict_sizeof(PyObject* self, PyObject*) {
  return PyLong_FromSsize_t(_PyDict_SizeOf(as_dict(self)));
}

PyObject* dict_reversed(PyObject* self, PyObject*) {
  return dict_iter_new(as_dict(self), &PyDictRevIterKey_Type);
}

PyObject* dict_fromkeys(PyObject* cls, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("fromkeys", nargs, 1, 2)) return nullptr;
  PyObject* iterable = args[0];
  PyObject* value = nargs > 1 ? args[1] : Py_None;
  PyObject* d = PyObject_CallNoArgs(cls);
  if (d == nullptr) return nullptr;
  if (PyDict_CheckExact(d)) {
    PyDictObject* mp = as_dict(d);
    if (PyDict_CheckExact(iterable)) {
      if (dict_reserve(mp, PyDict_GET_SIZE(iterable)) < 0) goto fail;
      Py_ssize_t pos = 0;
      PyObject* key;
      Py_hash_t hash;
      while (_PyDict_Next(iterable, &pos, &key, nullptr, &hash)) {
        if (dict_setitem(mp, key, hash, value) < 0) goto fail;
      }
      return d;
    }
    if (PyAnySet_CheckExact(iterable)) {
      if (dict_reserve(mp, PySet_GET_SIZE(iterable)) < 0) goto fail;
      Py_ssize_t pos = 0;
      PyObject* key;
      Py_hash_t hash;
      while (_PySet_NextEntry(iterable, &pos, &key, &hash)) {
        if (dict_setitem(mp, key, hash, value) < 0) goto fail;
      }
      return d;
    }
  }
  {
    PyObject* it = PyObject_GetIter(iterable);
    if (it == nullptr) goto fail;
    PyObject* key;
    bool exact = PyDict_CheckExact(d);
    while ((key = PyIter_Next(it)) != nullptr) {
      int status = exact ? PyDict_SetItem(d, key, value) : PyObject_SetItem(d, key, value);
      Py_DECREF(key);
      if (status < 0) {
        Py_DECREF(it);
        goto fail;
      }
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) goto fail;
    return d;
  }
fail:
  Py_DECREF(d);
  return nullptr;
}

PyObject* dict_or(PyObject* self, PyObject* other) {
  if (!PyDict_Check(self) || !PyDict_Check(other)) Py_RETURN_NOTIMPLEMENTED;
  PyObject* n = PyDict_Copy(self);
  if (n == nullptr) return nullptr;
  if (dict_update_arg(n, other) < 0) {
    Py_DECREF(n);
    return nullptr;
  }
  return n;
}

PyObject* dict_ior(PyObject* self, PyObject* other) {
  if (dict_update_arg(self, other) < 0) return nullptr;
  return Py_NewRef(self);
}

PyMethodDef dict_methods[] = {
    {"__contains__", dict_contains_meth, METH_O | METH_COEXIST,
     "__contains__($self, key, /)\n--\n\nTrue if the dictionary has the specified key, else False."},
    {"__getitem__", dict_getitem_meth, METH_O | METH_COEXIST, "x.__getitem__(y) <==> x[y]"},
    {"__sizeof__", dict_sizeof, METH_NOARGS, "D.__sizeof__() -> size of D in memory, in bytes"},
    {"get", reinterpret_cast<PyCFunction>(dict_get), METH_FASTCALL,
     "get($self, key, default=None, /)\n--\n\n"
     "Return the value for key if key is in the dictionary, else default."},
    {"setdefault", reinterpret_cast<PyCFunction>(dict_setdefault), METH_FASTCALL,
     "setdefault($self, key, default=None, /)\n--\n\n"
     "Insert key with a value of default if key is not in the dictionary.\n\n"
     "Return the value for key if key is in the dictionary, else default."},
    {"pop", reinterpret_cast<PyCFunction>(dict_pop_meth), METH_FASTCALL,
     "pop($self, key, default=<unrepresentable>, /)\n--\n\nD.pop(k[,d]) -> v, remove the key and return its value; d (if given) when the key is missing, else KeyError."},
    {"popitem", dict_popitem, METH_NOARGS,
     "popitem($self, /)\n--\n\nRemove and return a (key, value) pair as a 2-tuple.\n\n"
     "Pairs are returned in LIFO (last-in, first-out) order.\n"
     "Raises KeyError if the dict is empty."},
    {"keys", dict_keys, METH_NOARGS, "D.keys() -> a set-like object providing a view on D's keys"},
    {"items", dict_items, METH_NOARGS, "D.items() -> a set-like object providing a view on D's items"},
    {"values", dict_values, METH_NOARGS, "D.values() -> an object providing a view on D's values"},
    {"update", reinterpret_cast<PyCFunction>(dict_update), METH_VARARGS | METH_KEYWORDS,
     "D.update([E, ]**F) -> None.  Update D from dict/iterable E and F.\n"
     "If E is present and has a .keys() method, then does:  for k in E: D[k] = E[k]\n"
     "If E is present and lacks a .keys() method, then does:  for k, v in E: D[k] = v\n"
     "In either case, this is followed by: for k in F:  D[k] = F[k]"},
    {"fromkeys", reinterpret_cast<PyCFunction>(dict_fromkeys), METH_FASTCALL | METH_CLASS,
     "fromkeys($type, iterable, value=None, /)\n--\n\n"
     "Create a new dictionary with keys from iterable and values set to value."},
    {"clear", dict_clear_meth, METH_NOARGS, "D.clear() -> None.  Remove all items from D."},
    {"copy", dict_copy_meth, METH_NOARGS, "D.copy() -> a shallow copy of D"},
    {"__reversed__", dict_reversed, METH_NOARGS,
     "__reversed__($self, /)\n--\n\nReturn a reverse iterator over the dict keys."},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

// -- Construction --------------------------------------------------------------------

PyObject* dict_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  PyObject* self = type->tp_alloc(type, 0);
  if (self == nullptr) return nullptr;
  PyDictObject* d = as_dict(self);
  dict_init_empty(d);
  // tp_alloc tracked it; an exact empty dict holds nothing cyclic yet.
  if (type == &PyDict_Type) krait::gc::untrack(self);
  return self;
}

int dict_init(PyObject* self, PyObject* args, PyObject* kwds) {
  return dict_update_common(self, args, kwds, "dict");
}

PyObject* dict_vectorcall(PyObject* type, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (!_PyArg_CheckPositional("dict", nargs, 0, 1)) return nullptr;
  PyObject* self = dict_new(reinterpret_cast<PyTypeObject*>(type), nullptr, nullptr);
  if (self == nullptr) return nullptr;
  if (nargs == 1) {
    if (dict_update_arg(self, args[0]) < 0) {
      Py_DECREF(self);
      return nullptr;
    }
    args++;
  }
  if (kwnames != nullptr) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); i++) {
      if (PyDict_SetItem(self, PyTuple_GET_ITEM(kwnames, i), args[i]) < 0) {
        Py_DECREF(self);
        return nullptr;
      }
    }
  }
  return self;
}

PyObject* dict_iter(PyObject* self) { return dict_iter_new(as_dict(self), &PyDictIterKey_Type); }

PySequenceMethods dict_as_sequence = {
    .sq_contains = dict_contains,
};

PyMappingMethods dict_as_mapping = {
    .mp_length = dict_length,
    .mp_subscript = dict_subscript,
    .mp_ass_subscript = dict_ass_sub,
};

PyNumberMethods dict_as_number = {
    .nb_or = dict_or,
    .nb_inplace_or = dict_ior,
};

PyObject* missing_str() {
  static PyObject* s = nullptr;
  if (s == nullptr) s = PyUnicode_InternFromString("__missing__");
  return s;
}

}  // namespace

PyObject* dict_subscript(PyObject* self, PyObject* key) {
  PyDictObject* mp = as_dict(self);
  Py_hash_t hash = hash_of(key);
  if (hash == -1) return nullptr;
  PyObject* value;
  Py_ssize_t ix = dict_lookup(mp, key, hash, &value);
  if (ix == kDkixError) return nullptr;
  if (ix != kDkixEmpty && value != nullptr) return Py_NewRef(value);
  if (!PyDict_CheckExact(self)) {
    // Subclasses may define __missing__ (looked up on the type, as a
    // special method).
    PyObject* missing = _PyType_Lookup(Py_TYPE(self), missing_str());
    if (missing != nullptr) {
      Py_INCREF(missing);
      PyObject* res;
      descrgetfunc get = Py_TYPE(missing)->tp_descr_get;
      if (get != nullptr) {
        PyObject* bound = get(missing, self, reinterpret_cast<PyObject*>(Py_TYPE(self)));
        res = bound ? PyObject_CallOneArg(bound, key) : nullptr;
        Py_XDECREF(bound);
      } else {
        res = PyObject_CallOneArg(missing, key);
      }
      Py_DECREF(missing);
      return res;
    }
    if (PyErr_Occurred()) return nullptr;
  }
  _PyErr_SetKeyError(key);
  return nullptr;
}

}  // namespace krait

using namespace krait;

PyTypeObject PyDict_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "dict",
    .tp_basicsize = sizeof(PyDictObject),
    .tp_dealloc = dict_dealloc,
    .tp_repr = dict_repr,
    .tp_as_number = &dict_as_number,
    .tp_as_sequence = &dict_as_sequence,
    .tp_as_mapping = &dict_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE |
                Py_TPFLAGS_DICT_SUBCLASS | _Py_TPFLAGS_MATCH_SELF | Py_TPFLAGS_MAPPING,
    .tp_doc = "dict() -> new empty dictionary\n"
              "dict(mapping) -> new dictionary initialized from a mapping object's\n"
              "    (key, value) pairs\n"
              "dict(iterable) -> new dictionary initialized as if via:\n"
              "    d = {}\n"
              "    for k, v in iterable:\n"
              "        d[k] = v\n"
              "dict(**kwargs) -> new dictionary initialized with the name=value pairs\n"
              "    in the keyword argument list.  For example:  dict(one=1, two=2)",
    .tp_traverse = dict_traverse,
    .tp_clear = dict_tp_clear,
    .tp_richcompare = dict_richcompare,
    .tp_iter = dict_iter,
    .tp_methods = dict_methods,
    .tp_init = dict_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = dict_new,
    .tp_free = PyObject_GC_Del,
    .tp_vectorcall = dict_vectorcall,
};
