// The `type` type: attribute lookup along the MRO, attribute access on
// classes, instantiation (type_call), and type's own attributes and methods.
// PyType_Ready lives in type_ready.cpp, class creation in type_new.cpp, the
// slot <-> dunder machinery in type_slots.cpp.
#include <Python.h>
#include <structmember.h>

#include <algorithm>
#include <vector>

#include "gc/gc_header.h"
#include "objects/dict_object.h"
#include "objects/genericalias_object.h"
#include "objects/object_util.h"
#include "objects/type_internal.h"
#include "runtime/identifiers.h"

using krait::Ref;

namespace krait {

// --- subclass registry ---------------------------------------------------------
// tp_subclasses holds a std::vector of borrowed subclass pointers (our layout:
// C extensions never read it). A heap type removes itself when it dies.
using SubclassList = std::vector<PyTypeObject*>;

static SubclassList* subclasses_of(PyTypeObject* t) {
  return reinterpret_cast<SubclassList*>(t->tp_subclasses);
}

void type_add_subclass(PyTypeObject* base, PyTypeObject* sub) {
  if (!base->tp_subclasses) base->tp_subclasses = reinterpret_cast<PyObject*>(new SubclassList());
  subclasses_of(base)->push_back(sub);
}

void type_remove_subclass(PyTypeObject* base, PyTypeObject* sub) {
  SubclassList* l = subclasses_of(base);
  if (!l) return;
  l->erase(std::remove(l->begin(), l->end(), sub), l->end());
}

int type_for_each_subclass(PyTypeObject* type, int (*fn)(PyTypeObject*, void*), void* arg) {
  SubclassList* l = subclasses_of(type);
  if (!l) return 0;
  // Copy: callbacks may create or destroy classes.
  SubclassList copy = *l;
  for (PyTypeObject* sub : copy) {
    if (fn(sub, arg) < 0) return -1;
  }
  return 0;
}

PyObject* type_subclasses_list(PyTypeObject* type) {
  PyObject* list = PyList_New(0);
  if (!list) return nullptr;
  SubclassList* l = subclasses_of(type);
  if (l) {
    for (PyTypeObject* sub : *l) {
      if (PyList_Append(list, reinterpret_cast<PyObject*>(sub)) < 0) {
        Py_DECREF(list);
        return nullptr;
      }
    }
  }
  return list;
}

// --- lookup ------------------------------------------------------------------------

namespace {
PyObject* lookup_in_mro(PyTypeObject* type, PyObject* name);
}  // namespace

// Like _PyType_Lookup, this never sets an exception and never clears one that
// was pending before the call (error paths look up slots too, e.g. restoring
// the slots after a failed __bases__ assignment).
PyObject* type_lookup_uncached(PyTypeObject* type, PyObject* name) {
  if (!PyErr_Occurred()) return lookup_in_mro(type, name);
  PyObject *et, *ev, *tb;
  PyErr_Fetch(&et, &ev, &tb);
  PyObject* res = lookup_in_mro(type, name);
  PyErr_Restore(et, ev, tb);
  return res;
}

namespace {
PyObject* lookup_in_mro(PyTypeObject* type, PyObject* name) {
  PyObject* mro = type->tp_mro;
  if (mro == nullptr) {
    // Type still being readied: walk the solid-base chain.
    for (PyTypeObject* t = type; t; t = t->tp_base) {
      if (t->tp_dict) {
        PyObject* res = PyDict_GetItemWithError(t->tp_dict, name);
        if (res) return res;
        if (PyErr_Occurred()) PyErr_Clear();
      }
    }
    return nullptr;
  }
  // Held: a key's __eq__ run by a dict probe may assign __bases__ and free the old MRO.
  Ref<> keep = borrow(mro);
  Py_ssize_t n = PyTuple_GET_SIZE(mro);
  // Most names are absent from most dicts of the MRO (a new class's slot
  // names): the dicts' bloom filters skip those without probing.
  Py_hash_t h = PyUnicode_CheckExact(name) ? reinterpret_cast<PyASCIIObject*>(name)->hash : -1;
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject* base = PyTuple_GET_ITEM(mro, i);
    PyObject* dict = reinterpret_cast<PyTypeObject*>(base)->tp_dict;
    if (dict == nullptr) continue;
    if (h != -1 && PyDict_CheckExact(dict) && !dk_may_contain(reinterpret_cast<PyDictObject*>(dict)->ma_keys, h))
      continue;
    PyObject* res = PyDict_GetItemWithError(dict, name);
    if (res) return res;
    if (PyErr_Occurred()) PyErr_Clear();  // an unhashable name can't be an attribute
  }
  return nullptr;
}
}  // namespace

// --- generic instance attribute access --------------------------------------------

PyObject* generic_getattr(PyObject* obj, PyObject* name, PyObject* dict, bool suppress) {
  PyTypeObject* tp = Py_TYPE(obj);
  if (!PyUnicode_Check(name)) {
    PyErr_Format(PyExc_TypeError, "attribute name must be string, not '%.200s'",
                 Py_TYPE(name)->tp_name);
    return nullptr;
  }
  if (tp->tp_dict == nullptr && PyType_Ready(tp) < 0) return nullptr;
  Ref<> descr = borrow(type_lookup(tp, name));
  descrgetfunc f = nullptr;
  if (descr) {
    f = Py_TYPE(descr.get())->tp_descr_get;
    if (f != nullptr && Py_TYPE(descr.get())->tp_descr_set != nullptr) {
      // Data descriptors win over the instance dict.
      PyObject* res = f(descr.get(), obj, reinterpret_cast<PyObject*>(tp));
      if (res == nullptr && suppress && PyErr_ExceptionMatches(PyExc_AttributeError)) PyErr_Clear();
      return res;
    }
  }
  if (dict == nullptr) {
    PyObject** dictptr = tp->tp_dictoffset ? _PyObject_GetDictPtr(obj) : nullptr;
    if (dictptr) dict = *dictptr;
  }
  if (dict != nullptr) {
    Py_INCREF(dict);
    PyObject* res = PyDict_GetItemWithError(dict, name);
    if (res != nullptr) {
      Py_INCREF(res);
      Py_DECREF(dict);
      return res;
    }
    Py_DECREF(dict);
    if (PyErr_Occurred()) {
      if (suppress && PyErr_ExceptionMatches(PyExc_AttributeError)) PyErr_Clear();
      return nullptr;
    }
  }
  if (f != nullptr) {
    PyObject* res = f(descr.get(), obj, reinterpret_cast<PyObject*>(tp));
    if (res == nullptr && suppress && PyErr_ExceptionMatches(PyExc_AttributeError)) PyErr_Clear();
    return res;
  }
  if (descr) return descr.release();
  if (!suppress) {
    PyErr_Format(PyExc_AttributeError, "'%.50s' object has no attribute '%U'", tp->tp_name, name);
    // As 3.11: name and obj are recorded here too (object.__getattribute__(o, n)).
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    if (v && PyErr_GivenExceptionMatches(v, PyExc_AttributeError)) {
      auto* ae = reinterpret_cast<PyAttributeErrorObject*>(v);
      if (!ae->name && !ae->obj) {
        ae->name = Py_NewRef(name);
        ae->obj = Py_NewRef(obj);
      }
    }
    PyErr_Restore(t, v, tb);
  }
  return nullptr;
}

int generic_setattr(PyObject* obj, PyObject* name, PyObject* value, PyObject* dict) {
  PyTypeObject* tp = Py_TYPE(obj);
  if (!PyUnicode_Check(name)) {
    PyErr_Format(PyExc_TypeError, "attribute name must be string, not '%.200s'",
                 Py_TYPE(name)->tp_name);
    return -1;
  }
  if (tp->tp_dict == nullptr && PyType_Ready(tp) < 0) return -1;
  Ref<> descr = borrow(type_lookup(tp, name));
  if (descr) {
    descrsetfunc f = Py_TYPE(descr.get())->tp_descr_set;
    if (f != nullptr) return f(descr.get(), obj, value);
  }
  PyObject** dictptr = nullptr;
  if (dict == nullptr) {
    dictptr = _PyObject_GetDictPtr(obj);
    if (dictptr == nullptr) {
      if (!descr) {
        PyErr_Format(PyExc_AttributeError, "'%.100s' object has no attribute '%U'", tp->tp_name,
                     name);
      } else {
        PyErr_Format(PyExc_AttributeError, "'%.50s' object attribute '%U' is read-only",
                     tp->tp_name, name);
      }
      return -1;
    }
    if (*dictptr == nullptr) {
      if (value == nullptr) {
        PyErr_Format(PyExc_AttributeError, "'%.100s' object has no attribute '%U'", tp->tp_name,
                     name);
        return -1;
      }
      *dictptr = PyDict_New();
      if (*dictptr == nullptr) return -1;
    }
    dict = *dictptr;
  }
  Py_INCREF(dict);
  int res;
  if (value == nullptr) {
    res = PyDict_DelItem(dict, name);
    if (res < 0 && PyErr_ExceptionMatches(PyExc_KeyError)) {
      PyErr_Clear();
      if (PyType_IsSubtype(tp, &PyType_Type)) {
        PyErr_Format(PyExc_AttributeError, "type object '%.50s' has no attribute '%U'",
                     reinterpret_cast<PyTypeObject*>(obj)->tp_name, name);
      } else {
        PyErr_Format(PyExc_AttributeError, "'%.100s' object has no attribute '%U'", tp->tp_name, name);
      }
    }
  } else {
    res = PyDict_SetItem(dict, name, value);
  }
  Py_DECREF(dict);
  return res;
}

namespace {

// --- type's own slots -------------------------------------------------------------

PyObject* type_getattro(PyObject* self, PyObject* name) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  PyTypeObject* meta = Py_TYPE(type);
  if (!PyUnicode_Check(name)) {
    PyErr_Format(PyExc_TypeError, "attribute name must be string, not '%.200s'",
                 Py_TYPE(name)->tp_name);
    return nullptr;
  }
  if (type->tp_dict == nullptr && PyType_Ready(type) < 0) return nullptr;
  Ref<> meta_attr = borrow(type_lookup(meta, name));
  descrgetfunc meta_get = nullptr;
  if (meta_attr) {
    meta_get = Py_TYPE(meta_attr.get())->tp_descr_get;
    if (meta_get && Py_TYPE(meta_attr.get())->tp_descr_set) {
      return meta_get(meta_attr.get(), self, reinterpret_cast<PyObject*>(meta));
    }
  }
  Ref<> attribute = borrow(type_lookup(type, name));
  if (attribute) {
    descrgetfunc local_get = Py_TYPE(attribute.get())->tp_descr_get;
    if (local_get) return local_get(attribute.get(), nullptr, self);
    return attribute.release();
  }
  if (meta_get) return meta_get(meta_attr.get(), self, reinterpret_cast<PyObject*>(meta));
  if (meta_attr) return meta_attr.release();
  PyErr_Format(PyExc_AttributeError, "type object '%.50s' has no attribute '%U'", type->tp_name,
               name);
  return nullptr;
}

bool is_dunder(PyObject* name) {
  Py_ssize_t n = PyUnicode_GET_LENGTH(name);
  if (n < 5 || !PyUnicode_IS_ASCII(name)) return false;
  const char* s = reinterpret_cast<const char*>(PyUnicode_DATA(name));
  return s[0] == '_' && s[1] == '_' && s[n - 1] == '_' && s[n - 2] == '_';
}

int type_setattro(PyObject* self, PyObject* name, PyObject* value) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  if (type->tp_flags & Py_TPFLAGS_IMMUTABLETYPE) {
    PyErr_Format(PyExc_TypeError, "cannot set %R attribute of immutable type '%s'", name,
                 type->tp_name);
    return -1;
  }
  if (!PyUnicode_Check(name)) {
    PyErr_Format(PyExc_TypeError, "attribute name must be string, not '%.200s'",
                 Py_TYPE(name)->tp_name);
    return -1;
  }
  Ref<> key = borrow(name);
  if (PyUnicode_CheckExact(name)) {
    PyObject* k = key.release();
    PyUnicode_InternInPlace(&k);
    key = steal(k);
  }
  // Metatype data descriptors (e.g. __name__, __doc__ getsets) first.
  int res = generic_setattr(self, key.get(), value, nullptr);
  if (res == 0) {
    PyType_Modified(type);
    if (is_dunder(key.get())) res = update_slot(type, key.get());
  }
  return res;
}

PyObject* type_call(PyObject* self, PyObject* args, PyObject* kwds) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  // type(x) returns x's type.
  if (type == &PyType_Type) {
    Py_ssize_t nargs = PyTuple_GET_SIZE(args);
    if (nargs == 1 && (kwds == nullptr || PyDict_GET_SIZE(kwds) == 0)) {
      PyObject* obj = reinterpret_cast<PyObject*>(Py_TYPE(PyTuple_GET_ITEM(args, 0)));
      Py_INCREF(obj);
      return obj;
    }
    if (nargs != 3) {
      PyErr_SetString(PyExc_TypeError, "type() takes 1 or 3 arguments");
      return nullptr;
    }
  }
  if (type->tp_new == nullptr) {
    PyErr_Format(PyExc_TypeError, "cannot create '%s' instances", type->tp_name);
    return nullptr;
  }
  PyObject* obj = type->tp_new(type, args, kwds);
  if (obj == nullptr) return nullptr;
  // __init__ runs only when __new__ returned an instance of this type.
  if (!PyObject_TypeCheck(obj, type)) return obj;
  PyTypeObject* otype = Py_TYPE(obj);
  if (otype->tp_init != nullptr) {
    if (otype->tp_init(obj, args, kwds) < 0) {
      Py_DECREF(obj);
      return nullptr;
    }
  }
  return obj;
}

PyObject* type_module(PyTypeObject* type) {
  if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) {
    PyObject* mod = PyDict_GetItemWithError(type->tp_dict, id::module);
    if (mod == nullptr) {
      if (!PyErr_Occurred()) PyErr_Format(PyExc_AttributeError, "__module__");
      return nullptr;
    }
    Py_INCREF(mod);
    return mod;
  }
  const char* s = strrchr(type->tp_name, '.');
  if (s != nullptr) {
    // Interned as in CPython: pickle memoizes the module name by identity,
    // so repeated globals of one module share a memo entry in the output.
    PyObject* mod = PyUnicode_FromStringAndSize(type->tp_name, s - type->tp_name);
    if (mod != nullptr) PyUnicode_InternInPlace(&mod);
    return mod;
  }
  Py_INCREF(id::builtins_mod);
  return id::builtins_mod;
}

PyObject* type_qualname_obj(PyTypeObject* type) {
  if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) {
    PyObject* q = reinterpret_cast<PyHeapTypeObject*>(type)->ht_qualname;
    Py_INCREF(q);
    return q;
  }
  return PyUnicode_FromString(_PyType_Name(type));
}

PyObject* type_repr(PyObject* self) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  if (type->tp_name == nullptr) return PyUnicode_FromFormat("<class at %p>", type);
  Ref<> mod = steal(type_module(type));
  if (!mod) PyErr_Clear();
  else if (!PyUnicode_Check(mod.get())) mod = nullptr;
  Ref<> name = steal(type_qualname_obj(type));
  if (!name) return nullptr;
  if (mod && !_PyUnicode_Equal(mod.get(), id::builtins_mod)) {
    return PyUnicode_FromFormat("<class '%U.%U'>", mod.get(), name.get());
  }
  return PyUnicode_FromFormat("<class '%s'>", type->tp_name);
}

// --- getset ------------------------------------------------------------------------

PyObject* type_get_name(PyObject* self, void*) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) {
    PyObject* n = reinterpret_cast<PyHeapTypeObject*>(type)->ht_name;
    Py_INCREF(n);
    return n;
  }
  return PyUnicode_FromString(_PyType_Name(type));
}

bool check_set_special_type_attr(PyTypeObject* type, PyObject* value, const char* name) {
  if (type->tp_flags & Py_TPFLAGS_IMMUTABLETYPE) {
    PyErr_Format(PyExc_TypeError, "cannot set '%s' attribute of immutable type '%s'", name,
                 type->tp_name);
    return false;
  }
  if (value == nullptr) {
    PyErr_Format(PyExc_TypeError, "cannot delete '%s' attribute of immutable type '%s'", name,
                 type->tp_name);
    return false;
  }
  return true;
}

int type_set_name(PyObject* self, PyObject* value, void*) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  if (!check_set_special_type_attr(type, value, "__name__")) return -1;
  if (!PyUnicode_Check(value)) {
    PyErr_Format(PyExc_TypeError, "can only assign string to %s.__name__, not '%s'",
                 type->tp_name, Py_TYPE(value)->tp_name);
    return -1;
  }
  Py_ssize_t n;
  const char* s = PyUnicode_AsUTF8AndSize(value, &n);
  if (!s) return -1;
  if (strlen(s) != static_cast<size_t>(n)) {
    PyErr_SetString(PyExc_ValueError, "type name must not contain null characters");
    return -1;
  }
  auto* et = reinterpret_cast<PyHeapTypeObject*>(type);
  type->tp_name = s;
  Py_INCREF(value);
  Py_SETREF(et->ht_name, value);
  return 0;
}

PyObject* type_get_qualname(PyObject* self, void*) {
  return type_qualname_obj(reinterpret_cast<PyTypeObject*>(self));
}

int type_set_qualname(PyObject* self, PyObject* value, void*) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  if (!check_set_special_type_attr(type, value, "__qualname__")) return -1;
  if (!PyUnicode_Check(value)) {
    PyErr_Format(PyExc_TypeError, "can only assign string to %s.__qualname__, not '%s'",
                 type->tp_name, Py_TYPE(value)->tp_name);
    return -1;
  }
  Py_INCREF(value);
  Py_SETREF(reinterpret_cast<PyHeapTypeObject*>(type)->ht_qualname, value);
  return 0;
}

PyObject* type_get_bases(PyObject* self, void*) {
  PyObject* b = reinterpret_cast<PyTypeObject*>(self)->tp_bases;
  Py_INCREF(b);
  return b;
}

PyObject* type_get_mro(PyObject* self, void*) {
  PyObject* m = reinterpret_cast<PyTypeObject*>(self)->tp_mro;
  if (m == nullptr) Py_RETURN_NONE;
  Py_INCREF(m);
  return m;
}

PyObject* type_get_module(PyObject* self, void*) {
  return type_module(reinterpret_cast<PyTypeObject*>(self));
}

int type_set_module(PyObject* self, PyObject* value, void*) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  if (!check_set_special_type_attr(type, value, "__module__")) return -1;
  PyType_Modified(type);
  return PyDict_SetItem(type->tp_dict, id::module, value);
}

PyObject* type_get_dict(PyObject* self, void*) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  if (type->tp_dict == nullptr) Py_RETURN_NONE;
  return PyDictProxy_New(type->tp_dict);
}

// The signature line of a static type's internal doc ("name(sig)\n--\n\n"), else None.
PyObject* type_get_text_signature(PyObject* self, void*) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  return _PyType_GetTextSignatureFromInternalDoc(type->tp_name, type->tp_doc);
}

PyObject* type_get_doc(PyObject* self, void*) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE) && type->tp_doc != nullptr) {
    return _PyType_GetDocFromInternalDoc(type->tp_name, type->tp_doc);
  }
  PyObject* res = PyDict_GetItemWithError(type->tp_dict, id::doc);
  if (res == nullptr) {
    if (PyErr_Occurred()) return nullptr;
    Py_RETURN_NONE;
  }
  descrgetfunc get = Py_TYPE(res)->tp_descr_get;
  if (get) return get(res, nullptr, self);
  Py_INCREF(res);
  return res;
}

int type_set_doc(PyObject* self, PyObject* value, void*) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  if (!check_set_special_type_attr(type, value, "__doc__")) return -1;
  PyType_Modified(type);
  return PyDict_SetItem(type->tp_dict, id::doc, value);
}

PyObject* type_get_abstractmethods(PyObject* self, void*) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  PyObject* mod = nullptr;
  if (type != &PyType_Type) mod = PyDict_GetItemWithError(type->tp_dict, id::abstractmethods);
  if (!mod) {
    if (!PyErr_Occurred()) PyErr_SetObject(PyExc_AttributeError, id::abstractmethods);
    return nullptr;
  }
  Py_INCREF(mod);
  return mod;
}

int type_set_abstractmethods(PyObject* self, PyObject* value, void*) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  int abstract = 0;
  int res;
  if (value != nullptr) {
    abstract = PyObject_IsTrue(value);
    if (abstract < 0) return -1;
    res = PyDict_SetItem(type->tp_dict, id::abstractmethods, value);
  } else {
    res = PyDict_DelItem(type->tp_dict, id::abstractmethods);
    if (res < 0 && PyErr_ExceptionMatches(PyExc_KeyError)) {
      PyErr_Clear();
      PyErr_SetObject(PyExc_AttributeError, id::abstractmethods);
      return -1;
    }
  }
  if (res == 0) {
    PyType_Modified(type);
    if (abstract) type->tp_flags |= Py_TPFLAGS_IS_ABSTRACT;
    else type->tp_flags &= ~Py_TPFLAGS_IS_ABSTRACT;
  }
  return res;
}

PyObject* type_get_annotations(PyObject* self, void*) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
    PyErr_Format(PyExc_AttributeError, "type object '%s' has no attribute '__annotations__'",
                 type->tp_name);
    return nullptr;
  }
  PyObject* ann = PyDict_GetItemWithError(type->tp_dict, id::annotations);
  if (ann) {
    descrgetfunc get = Py_TYPE(ann)->tp_descr_get;
    if (get) return get(ann, nullptr, self);
    Py_INCREF(ann);
    return ann;
  }
  if (PyErr_Occurred()) return nullptr;
  ann = PyDict_New();
  if (ann && PyDict_SetItem(type->tp_dict, id::annotations, ann) < 0) Py_CLEAR(ann);
  if (ann) PyType_Modified(type);
  return ann;
}

int type_set_annotations(PyObject* self, PyObject* value, void*) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  if (type->tp_flags & Py_TPFLAGS_IMMUTABLETYPE) {
    PyErr_Format(PyExc_TypeError, "cannot set '__annotations__' attribute of immutable type '%s'",
                 type->tp_name);
    return -1;
  }
  int res;
  if (value != nullptr) {
    res = PyDict_SetItem(type->tp_dict, id::annotations, value);
  } else {
    res = PyDict_DelItem(type->tp_dict, id::annotations);
    if (res < 0 && PyErr_ExceptionMatches(PyExc_KeyError)) {
      PyErr_Clear();
      PyErr_SetString(PyExc_AttributeError, "__annotations__");
    }
  }
  if (res == 0) PyType_Modified(type);
  return res;
}

PyGetSetDef type_getsets[] = {
    {"__name__", type_get_name, type_set_name, nullptr, nullptr},
    {"__qualname__", type_get_qualname, type_set_qualname, nullptr, nullptr},
    {"__bases__", type_get_bases, type_set_bases, nullptr, nullptr},
    {"__mro__", type_get_mro, nullptr, nullptr, nullptr},
    {"__module__", type_get_module, type_set_module, nullptr, nullptr},
    {"__abstractmethods__", type_get_abstractmethods, type_set_abstractmethods, nullptr, nullptr},
    {"__dict__", type_get_dict, nullptr, nullptr, nullptr},
    {"__doc__", type_get_doc, type_set_doc, nullptr, nullptr},
    {"__annotations__", type_get_annotations, type_set_annotations, nullptr, nullptr},
    {"__text_signature__", type_get_text_signature, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyMemberDef type_members[] = {
    {"__basicsize__", T_PYSSIZET, offsetof(PyTypeObject, tp_basicsize), READONLY, nullptr},
    {"__itemsize__", T_PYSSIZET, offsetof(PyTypeObject, tp_itemsize), READONLY, nullptr},
    {"__flags__", T_ULONG, offsetof(PyTypeObject, tp_flags), READONLY, nullptr},
    {"__weakrefoffset__", T_PYSSIZET, offsetof(PyTypeObject, tp_weaklistoffset), READONLY, nullptr},
    {"__base__", T_OBJECT, offsetof(PyTypeObject, tp_base), READONLY, nullptr},
    {"__dictoffset__", T_PYSSIZET, offsetof(PyTypeObject, tp_dictoffset), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

// --- methods ---------------------------------------------------------------------

PyObject* type_mro_method(PyObject* self, PyObject*) {
  Ref<> mro = steal(compute_mro(reinterpret_cast<PyTypeObject*>(self)));
  if (!mro) return nullptr;
  return PySequence_List(mro.get());
}

PyObject* type_subclasses_method(PyObject* self, PyObject*) {
  return type_subclasses_list(reinterpret_cast<PyTypeObject*>(self));
}

PyObject* type_instancecheck(PyObject* self, PyObject* inst) {
  int r = _PyObject_RealIsInstance(inst, self);
  if (r < 0) return nullptr;
  return PyBool_FromLong(r);
}

PyObject* type_subclasscheck(PyObject* self, PyObject* sub) {
  int r = _PyObject_RealIsSubclass(sub, self);
  if (r < 0) return nullptr;
  return PyBool_FromLong(r);
}

PyObject* type_prepare(PyObject*, PyObject* const*, Py_ssize_t, PyObject*) { return PyDict_New(); }

// dir(cls): the union of the dicts along the MRO.
int merge_class_dict(PyObject* dict, PyObject* cls) {
  Ref<> classdict;
  PyObject* d;
  if (_PyObject_LookupAttr(cls, id::dict, &d) < 0) return -1;
  classdict = steal(d);
  if (classdict && PyDict_Update(dict, classdict.get()) < 0) return -1;
  PyObject* b;
  if (_PyObject_LookupAttr(cls, id::bases, &b) < 0) return -1;
  Ref<> bases = steal(b);
  if (bases) {
    Py_ssize_t n = PySequence_Size(bases.get());
    if (n < 0) return -1;
    for (Py_ssize_t i = 0; i < n; i++) {
      Ref<> base = steal(PySequence_GetItem(bases.get(), i));
      if (!base || merge_class_dict(dict, base.get()) < 0) return -1;
    }
  }
  return 0;
}

PyObject* type_dir(PyObject* self, PyObject*) {
  Ref<> dict = steal(PyDict_New());
  if (!dict || merge_class_dict(dict.get(), self) < 0) return nullptr;
  return PyDict_Keys(dict.get());
}

PyObject* type_sizeof(PyObject* self, PyObject*) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  size_t size = (type->tp_flags & Py_TPFLAGS_HEAPTYPE) ? sizeof(PyHeapTypeObject)
                                                       : sizeof(PyTypeObject);
  return PyLong_FromSize_t(size);
}

PyMethodDef type_methods[] = {
    {"mro", type_mro_method, METH_NOARGS,
     "mro($self, /)\n--\n\nReturn a type's method resolution order."},
    {"__subclasses__", type_subclasses_method, METH_NOARGS,
     "__subclasses__($self, /)\n--\n\nReturn a list of immediate subclasses."},
    {"__prepare__", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(type_prepare)),
     METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
     "__prepare__() -> dict\nused to create the namespace for the class statement"},
    {"__instancecheck__", type_instancecheck, METH_O,
     "__instancecheck__($self, instance, /)\n--\n\nCheck if an object is an instance."},
    {"__subclasscheck__", type_subclasscheck, METH_O,
     "__subclasscheck__($self, subclass, /)\n--\n\nCheck if a class is a subclass."},
    {"__dir__", type_dir, METH_NOARGS,
     "__dir__($self, /)\n--\n\nSpecialized __dir__ implementation for types."},
    {"__sizeof__", type_sizeof, METH_NOARGS,
     "__sizeof__($self, /)\n--\n\nReturn memory consumption of the type object."},
    {nullptr, nullptr, 0, nullptr}};

// --- lifetime of heap types ----------------------------------------------------

int type_traverse(PyObject* self, visitproc visit, void* arg) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) return 0;
  Py_VISIT(type->tp_dict);
  Py_VISIT(type->tp_mro);
  Py_VISIT(type->tp_bases);
  Py_VISIT(reinterpret_cast<PyObject*>(type->tp_base));
  Py_VISIT(reinterpret_cast<PyHeapTypeObject*>(type)->ht_module);
  // Not Py_TYPE(type): a heap metaclass's reference is visited (and released)
  // by subtype_traverse / subtype_dealloc, which run for instances of it.
  return 0;
}

int type_clear(PyObject* self) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  PyType_Modified(type);
  if (type->tp_dict) PyDict_Clear(type->tp_dict);
  Py_CLEAR(type->tp_mro);
  return 0;
}

void type_dealloc(PyObject* self) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  auto* et = reinterpret_cast<PyHeapTypeObject*>(type);
  PyObject_GC_UnTrack(self);
  if (type->tp_bases) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(type->tp_bases); i++) {
      PyObject* b = PyTuple_GET_ITEM(type->tp_bases, i);
      if (PyType_Check(b)) type_remove_subclass(reinterpret_cast<PyTypeObject*>(b), type);
    }
  }
  delete subclasses_of(type);
  type->tp_subclasses = nullptr;
  Py_XDECREF(type->tp_base);
  Py_XDECREF(type->tp_dict);
  Py_XDECREF(type->tp_bases);
  Py_XDECREF(type->tp_mro);
  Py_XDECREF(type->tp_cache);
  Py_XDECREF(et->ht_name);
  Py_XDECREF(et->ht_qualname);
  Py_XDECREF(et->ht_slots);
  Py_XDECREF(et->ht_module);
  PyMem_Free(et->_ht_tpname);
  // tp_doc of heap types is a private copy.
  PyObject_Free(const_cast<char*>(type->tp_doc));
  Py_TYPE(type)->tp_free(self);
}

int type_is_gc(PyObject* self) {
  return (reinterpret_cast<PyTypeObject*>(self)->tp_flags & Py_TPFLAGS_HEAPTYPE) != 0;
}

}  // namespace
}  // namespace krait

using namespace krait;

// Defined in type_new.cpp.
namespace krait {
PyObject* type_new(PyTypeObject* meta, PyObject* args, PyObject* kwds);
int type_init(PyObject* self, PyObject* args, PyObject* kwds);
}

// `int | None` (PEP 604): types.UnionType, built by the GenericAlias code.
static PyNumberMethods type_as_number = {.nb_or = krait::type_or};

PyTypeObject PyType_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "type",
    .tp_basicsize = sizeof(PyHeapTypeObject),
    .tp_itemsize = sizeof(PyMemberDef),
    .tp_dealloc = type_dealloc,
    .tp_vectorcall_offset = offsetof(PyTypeObject, tp_vectorcall),
    .tp_repr = type_repr,
    .tp_as_number = &type_as_number,
    .tp_call = type_call,
    .tp_getattro = type_getattro,
    .tp_setattro = type_setattro,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE |
                Py_TPFLAGS_TYPE_SUBCLASS | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "type(object) -> the object's type\n"
              "type(name, bases, dict, **kwds) -> a new type",
    .tp_traverse = type_traverse,
    .tp_clear = type_clear,
    .tp_weaklistoffset = offsetof(PyTypeObject, tp_weaklist),
    .tp_methods = type_methods,
    .tp_members = type_members,
    .tp_getset = type_getsets,
    .tp_base = &PyBaseObject_Type,
    .tp_dictoffset = offsetof(PyTypeObject, tp_dict),
    .tp_init = type_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = type_new,
    .tp_free = PyObject_GC_Del,
    .tp_is_gc = type_is_gc,
};

extern "C" {

int PyType_IsSubtype(PyTypeObject* a, PyTypeObject* b) {
  PyObject* mro = a->tp_mro;
  if (mro != nullptr) {
    Py_ssize_t n = PyTuple_GET_SIZE(mro);
    for (Py_ssize_t i = 0; i < n; i++) {
      if (PyTuple_GET_ITEM(mro, i) == reinterpret_cast<PyObject*>(b)) return 1;
    }
    return 0;
  }
  // Not yet readied: follow the solid bases.
  for (PyTypeObject* t = a; t; t = t->tp_base) {
    if (t == b) return 1;
  }
  return b == &PyBaseObject_Type;
}

PyObject* _PyType_Lookup(PyTypeObject* type, PyObject* name) {
  return krait::type_lookup(type, name);
}

PyObject* _PyType_LookupId(PyTypeObject* type, _Py_Identifier* name) {
  PyObject* oname = _PyUnicode_FromId(name);
  if (!oname) return nullptr;
  return krait::type_lookup(type, oname);
}

const char* _PyType_Name(PyTypeObject* type) {
  const char* s = strrchr(type->tp_name, '.');
  return s ? s + 1 : type->tp_name;
}

PyObject* PyType_GetName(PyTypeObject* type) {
  return type_get_name(reinterpret_cast<PyObject*>(type), nullptr);
}

PyObject* PyType_GetQualName(PyTypeObject* type) {
  return type_get_qualname(reinterpret_cast<PyObject*>(type), nullptr);
}

unsigned long PyType_GetFlags(PyTypeObject* type) { return type->tp_flags; }

static unsigned int g_next_version_tag = 1;

static int invalidate_subclass(PyTypeObject* type, void*) {
  PyType_Modified(type);
  return 0;
}

void PyType_Modified(PyTypeObject* type) {
  // Inline caches key on tp_version_tag: a fresh tag invalidates them.
  if (!(type->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG)) return;
  type->tp_flags &= ~Py_TPFLAGS_VALID_VERSION_TAG;
  type->tp_version_tag = 0;
  krait::type_for_each_subclass(type, invalidate_subclass, nullptr);
}

int _PyType_AssignVersionTag(PyTypeObject* type) {
  if (type->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG) return 1;
  type->tp_version_tag = g_next_version_tag++;
  type->tp_flags |= Py_TPFLAGS_VALID_VERSION_TAG;
  return 1;
}

unsigned int PyType_ClearCache(void) {
  unsigned int cur = g_next_version_tag - 1;
  return cur;
}

PyObject* PyType_GenericAlloc(PyTypeObject* type, Py_ssize_t nitems) {
  // One extra item: variable-size objects may carry a sentinel (as in CPython).
  size_t size = _PyObject_VAR_SIZE(type, nitems + 1);
  PyObject* obj;
  if (PyType_IS_GC(type)) {
    obj = krait::gc::alloc_object(size);
  } else {
    obj = static_cast<PyObject*>(PyObject_Malloc(size));
  }
  if (obj == nullptr) return PyErr_NoMemory();
  memset(obj, 0, size);
  if (type->tp_itemsize == 0) {
    PyObject_Init(obj, type);
  } else {
    PyObject_InitVar(reinterpret_cast<PyVarObject*>(obj), type, nitems);
  }
  if (PyType_IS_GC(type)) PyObject_GC_Track(obj);
  return obj;
}

PyObject* PyType_GenericNew(PyTypeObject* type, PyObject*, PyObject*) {
  return type->tp_alloc(type, 0);
}

void* PyType_GetSlot(PyTypeObject* type, int slot);  // type_new.cpp

PyObject* PyType_GetModule(PyTypeObject* type) {
  if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
    PyErr_Format(PyExc_TypeError, "PyType_GetModule: Type '%s' is not a heap type",
                 type->tp_name);
    return nullptr;
  }
  PyObject* mod = reinterpret_cast<PyHeapTypeObject*>(type)->ht_module;
  if (!mod) {
    PyErr_Format(PyExc_TypeError, "PyType_GetModule: Type '%s' has no associated module",
                 type->tp_name);
    return nullptr;
  }
  return mod;
}

void* PyType_GetModuleState(PyTypeObject* type) {
  PyObject* m = PyType_GetModule(type);
  if (m == nullptr) return nullptr;
  return PyModule_GetState(m);
}

PyObject* PyType_GetModuleByDef(PyTypeObject* type, PyModuleDef* def) {
  PyObject* mro = type->tp_mro;
  for (Py_ssize_t i = 0; mro && i < PyTuple_GET_SIZE(mro); i++) {
    auto* super = reinterpret_cast<PyTypeObject*>(PyTuple_GET_ITEM(mro, i));
    if (!(super->tp_flags & Py_TPFLAGS_HEAPTYPE)) continue;
    PyObject* module = reinterpret_cast<PyHeapTypeObject*>(super)->ht_module;
    if (module && PyModule_GetDef(module) == def) return module;
  }
  PyErr_Format(PyExc_TypeError, "PyType_GetModuleByDef: No superclass of '%s' has the given module",
               type->tp_name);
  return nullptr;
}

// Strips the "name(sig)\n--\n\n" header that Argument Clinic puts in docstrings.
PyObject* _PyType_GetDocFromInternalDoc(const char* name, const char* doc) {
  if (doc == nullptr) Py_RETURN_NONE;
  const char* n = strrchr(name, '.');
  n = n ? n + 1 : name;
  size_t len = strlen(n);
  if (strncmp(doc, n, len) == 0 && doc[len] == '(') {
    const char* end = strstr(doc, ")\n--\n\n");
    if (end) doc = end + 6;
  }
  // A docstring that was only a signature (or empty) reads as None.
  if (*doc == '\0') Py_RETURN_NONE;
  return PyUnicode_FromString(doc);
}

PyObject* _PyType_GetTextSignatureFromInternalDoc(const char* name, const char* doc) {
  if (doc == nullptr) Py_RETURN_NONE;
  const char* n = strrchr(name, '.');
  n = n ? n + 1 : name;
  size_t len = strlen(n);
  if (strncmp(doc, n, len) == 0 && doc[len] == '(') {
    const char* end = strstr(doc, ")\n--\n\n");
    if (end) return PyUnicode_FromStringAndSize(doc + len, end + 1 - (doc + len));
  }
  Py_RETURN_NONE;
}

}  // extern "C"
