// Creating classes: type.__new__(meta, name, bases, dict) — metaclass
// selection, the solid base, __slots__, instance layout — and the lifetime of
// instances of Python classes (subtype_dealloc/traverse/clear, __dict__).
//
// Instance attributes live in a dict at tp_dictoffset for now; hidden classes
// with inline slots (DESIGN.md §6) replace that behind the same offsets later.
#include <Python.h>
#include <structmember.h>

#include <string>
#include <vector>

#include "gc/gc_header.h"
#include "objects/object_util.h"
#include "objects/type_internal.h"
#include "runtime/identifiers.h"

using krait::Ref;

namespace krait {
namespace {

PyTypeObject* calculate_metaclass(PyTypeObject* meta, PyObject* bases) {
  PyTypeObject* winner = meta;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); i++) {
    PyTypeObject* t = Py_TYPE(PyTuple_GET_ITEM(bases, i));
    if (PyType_IsSubtype(winner, t)) continue;
    if (PyType_IsSubtype(t, winner)) {
      winner = t;
      continue;
    }
    PyErr_SetString(PyExc_TypeError,
                    "metaclass conflict: the metaclass of a derived class must be a "
                    "(non-strict) subclass of the metaclasses of all its bases");
    return nullptr;
  }
  return winner;
}

// Does `type` add C-level fields to `base` (beyond a dict/weakref slot)?
bool extra_ivars(PyTypeObject* type, PyTypeObject* base) {
  size_t t_size = type->tp_basicsize;
  size_t b_size = base->tp_basicsize;
  if (type->tp_itemsize || base->tp_itemsize) {
    return t_size != b_size || type->tp_itemsize != base->tp_itemsize;
  }
  if ((type->tp_flags & Py_TPFLAGS_HEAPTYPE) && type->tp_weaklistoffset &&
      base->tp_weaklistoffset == 0 && type->tp_weaklistoffset + sizeof(PyObject*) == t_size)
    t_size -= sizeof(PyObject*);
  if ((type->tp_flags & Py_TPFLAGS_HEAPTYPE) && type->tp_dictoffset &&
      base->tp_dictoffset == 0 && type->tp_dictoffset + sizeof(PyObject*) == t_size)
    t_size -= sizeof(PyObject*);
  return t_size != b_size;
}

PyTypeObject* solid_base(PyTypeObject* type) {
  PyTypeObject* base = type->tp_base ? solid_base(type->tp_base) : &PyBaseObject_Type;
  return extra_ivars(type, base) ? type : base;
}

PyTypeObject* best_base(PyObject* bases) {
  PyTypeObject* base = nullptr;
  PyTypeObject* winner = nullptr;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); i++) {
    PyObject* b = PyTuple_GET_ITEM(bases, i);
    if (!PyType_Check(b)) {
      PyErr_SetString(PyExc_TypeError, "bases must be types");
      return nullptr;
    }
    auto* bt = reinterpret_cast<PyTypeObject*>(b);
    if (!type_is_ready(bt) && PyType_Ready(bt) < 0) return nullptr;
    if (!(bt->tp_flags & Py_TPFLAGS_BASETYPE)) {
      PyErr_Format(PyExc_TypeError, "type '%.100s' is not an acceptable base type", bt->tp_name);
      return nullptr;
    }
    PyTypeObject* candidate = solid_base(bt);
    if (winner == nullptr) {
      winner = candidate;
      base = bt;
    } else if (PyType_IsSubtype(winner, candidate)) {
      // keep winner
    } else if (PyType_IsSubtype(candidate, winner)) {
      winner = candidate;
      base = bt;
    } else {
      PyErr_SetString(PyExc_TypeError, "multiple bases have instance lay-out conflict");
      return nullptr;
    }
  }
  return base;
}

// --- instance __dict__ and __weakref__ ---------------------------------------------

// The nearest static base whose instances have a __dict__ (a metaclass's `type`):
// its own __dict__ descriptor governs (CPython's get_builtin_base_with_dict).
static PyObject* builtin_dict_descr(PyObject* obj) {
  for (PyTypeObject* t = Py_TYPE(obj); t; t = t->tp_base) {
    if ((t->tp_flags & Py_TPFLAGS_HEAPTYPE) || t->tp_dictoffset == 0 || !t->tp_dict) continue;
    static PyObject* name = PyUnicode_InternFromString("__dict__");
    return name ? _PyType_Lookup(t, name) : nullptr;  // borrowed
  }
  return nullptr;
}

PyObject* subtype_get_dict(PyObject* obj, void*) {
  if (PyObject* d = builtin_dict_descr(obj)) {
    if (descrgetfunc get = Py_TYPE(d)->tp_descr_get)
      return get(d, obj, reinterpret_cast<PyObject*>(Py_TYPE(obj)));
  }
  return PyObject_GenericGetDict(obj, nullptr);
}
int subtype_set_dict(PyObject* obj, PyObject* value, void*) {
  if (PyObject* d = builtin_dict_descr(obj)) {
    descrsetfunc set = Py_TYPE(d)->tp_descr_set;
    if (!set) {
      PyErr_SetString(PyExc_TypeError, "this __dict__ descriptor does not support '__dict__' objects");
      return -1;
    }
    return set(d, obj, value);
  }
  if (value == nullptr) {
    // Unlike PyObject_GenericSetDict, instances of classes may drop their __dict__
    // (a fresh empty one appears on next use).
    PyObject** dictptr = _PyObject_GetDictPtr(obj);
    if (dictptr == nullptr) {
      PyErr_SetString(PyExc_AttributeError, "This object has no __dict__");
      return -1;
    }
    Py_CLEAR(*dictptr);
    return 0;
  }
  return PyObject_GenericSetDict(obj, value, nullptr);
}

PyObject* subtype_get_weakref(PyObject* obj, void*) {
  PyTypeObject* t = Py_TYPE(obj);
  if (t->tp_weaklistoffset == 0) {
    PyErr_SetString(PyExc_AttributeError, "This object has no __weakref__");
    return nullptr;
  }
  PyObject* r = *reinterpret_cast<PyObject**>(reinterpret_cast<char*>(obj) + t->tp_weaklistoffset);
  if (r == nullptr) r = Py_None;
  Py_INCREF(r);
  return r;
}

PyGetSetDef subtype_getsets_full[] = {
    {"__dict__", subtype_get_dict, subtype_set_dict, "dictionary for instance variables (if defined)", nullptr},
    {"__weakref__", subtype_get_weakref, nullptr, "list of weak references to the object (if defined)", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};
PyGetSetDef subtype_getsets_dict_only[] = {
    {"__dict__", subtype_get_dict, subtype_set_dict, "dictionary for instance variables (if defined)", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};
PyGetSetDef subtype_getsets_weakref_only[] = {
    {"__weakref__", subtype_get_weakref, nullptr, "list of weak references to the object (if defined)", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

// --- traversal and clearing of Python-class instances ---------------------------------

int subtype_traverse(PyObject* self, visitproc visit, void* arg) {
  PyTypeObject* type = Py_TYPE(self);
  PyTypeObject* base = type;
  while (base->tp_traverse == subtype_traverse) {
    Py_ssize_t n = Py_SIZE(base);
    if (n) {
      PyMemberDef* mp = reinterpret_cast<PyMemberDef*>(
          reinterpret_cast<char*>(base) + Py_TYPE(base)->tp_basicsize);
      for (Py_ssize_t i = 0; i < n; i++, mp++) {
        if (mp->type == T_OBJECT_EX) {
          PyObject* obj = *reinterpret_cast<PyObject**>(reinterpret_cast<char*>(self) + mp->offset);
          Py_VISIT(obj);
        }
      }
    }
    base = base->tp_base;
  }
  if (type->tp_dictoffset != base->tp_dictoffset) {
    PyObject** dictptr = _PyObject_GetDictPtr(self);
    if (dictptr && *dictptr) Py_VISIT(*dictptr);
  }
  // An instance's reference to its heap type is visited once: here, unless
  // the nearest C base is itself a heap type, whose tp_traverse visits
  // Py_TYPE(self) by 3.11's convention (e.g. subclasses of _lsprof.Profiler).
  if ((type->tp_flags & Py_TPFLAGS_HEAPTYPE) && !(base->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
    Py_VISIT(type);
  }
  if (base->tp_traverse) return base->tp_traverse(self, visit, arg);
  return 0;
}

void clear_slots(PyTypeObject* type, PyObject* self) {
  Py_ssize_t n = Py_SIZE(type);
  PyMemberDef* mp = reinterpret_cast<PyMemberDef*>(
      reinterpret_cast<char*>(type) + Py_TYPE(type)->tp_basicsize);
  for (Py_ssize_t i = 0; i < n; i++, mp++) {
    if (mp->type == T_OBJECT_EX && !(mp->flags & READONLY)) {
      auto** addr = reinterpret_cast<PyObject**>(reinterpret_cast<char*>(self) + mp->offset);
      Py_CLEAR(*addr);
    }
  }
}

int subtype_clear(PyObject* self) {
  PyTypeObject* type = Py_TYPE(self);
  PyTypeObject* base = type;
  while (base->tp_clear == subtype_clear) {
    if (Py_SIZE(base)) clear_slots(base, self);
    base = base->tp_base;
  }
  if (type->tp_dictoffset != base->tp_dictoffset) {
    PyObject** dictptr = _PyObject_GetDictPtr(self);
    if (dictptr && *dictptr) Py_CLEAR(*dictptr);
  }
  if (base->tp_clear) return base->tp_clear(self);
  return 0;
}

// --- the class body's namespace -----------------------------------------------------

int set_names(PyTypeObject* type) {
  Ref<> names = steal(PyDict_Copy(type->tp_dict));
  if (!names) return -1;
  Py_ssize_t i = 0;
  PyObject *key, *value;
  while (PyDict_Next(names.get(), &i, &key, &value)) {
    Ref<> set_name = steal(lookup_special(value, id::set_name));
    if (!set_name) {
      if (PyErr_Occurred()) return -1;
      continue;
    }
    PyObject* args[2] = {reinterpret_cast<PyObject*>(type), key};
    Ref<> res = steal(PyObject_Vectorcall(set_name.get(), args, 2, nullptr));
    if (!res) {
      _PyErr_FormatFromCause(PyExc_RuntimeError,
                             "Error calling __set_name__ on '%.100s' instance %R in '%.100s'",
                             Py_TYPE(value)->tp_name, key, type->tp_name);
      return -1;
    }
  }
  return 0;
}

// super(type, type).__init_subclass__(**kwds)
int init_subclass(PyTypeObject* type, PyObject* kwds) {
  // This is super(type, type).__init_subclass__: the search starts after
  // `type` in its own MRO, which a metaclass mro() may have left out.
  PyObject* mro = type->tp_mro;
  Py_ssize_t n = PyTuple_GET_SIZE(mro);
  Py_ssize_t start = 0;
  while (start < n && PyTuple_GET_ITEM(mro, start) != reinterpret_cast<PyObject*>(type)) start++;
  if (start == n) {
    PyErr_SetString(PyExc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
    return -1;
  }
  PyObject* func = nullptr;
  for (Py_ssize_t i = start + 1; i < n; i++) {
    auto* base = reinterpret_cast<PyTypeObject*>(PyTuple_GET_ITEM(mro, i));
    if (!base->tp_dict) continue;
    func = PyDict_GetItemWithError(base->tp_dict, id::init_subclass);
    if (func) break;
    if (PyErr_Occurred()) return -1;
  }
  if (!func) return 0;
  Ref<> bound;
  descrgetfunc get = Py_TYPE(func)->tp_descr_get;
  if (get) {
    bound = steal(get(func, nullptr, reinterpret_cast<PyObject*>(type)));
    if (!bound) return -1;
  } else {
    bound = borrow(func);
  }
  Ref<> empty = steal(PyTuple_New(0));
  if (!empty) return -1;
  Ref<> res = steal(PyObject_Call(bound.get(), empty.get(), kwds));
  return res ? 0 : -1;
}

bool valid_identifier(PyObject* s) {
  if (!PyUnicode_Check(s)) {
    PyErr_Format(PyExc_TypeError, "__slots__ items must be strings, not '%.200s'",
                 Py_TYPE(s)->tp_name);
    return false;
  }
  if (!PyUnicode_IsIdentifier(s)) {
    PyErr_SetString(PyExc_TypeError, "__slots__ must be identifiers");
    return false;
  }
  return true;
}

// Private names in __slots__ are mangled like attribute names in the body.
PyObject* mangle_slot(PyObject* classname, PyObject* name) {
  Py_ssize_t n = PyUnicode_GET_LENGTH(name);
  if (n < 2 || PyUnicode_READ_CHAR(name, 0) != '_' || PyUnicode_READ_CHAR(name, 1) != '_' ||
      (n >= 4 && PyUnicode_READ_CHAR(name, n - 1) == '_' && PyUnicode_READ_CHAR(name, n - 2) == '_')) {
    Py_INCREF(name);
    return name;
  }
  Py_ssize_t lead = 0;
  Py_ssize_t cn = PyUnicode_GET_LENGTH(classname);
  while (lead < cn && PyUnicode_READ_CHAR(classname, lead) == '_') lead++;
  if (lead == cn) {
    Py_INCREF(name);
    return name;
  }
  Ref<> stripped = steal(PyUnicode_Substring(classname, lead, cn));
  if (!stripped) return nullptr;
  return PyUnicode_FromFormat("_%U%U", stripped.get(), name);
}

}  // namespace

PyObject* type_new(PyTypeObject* meta, PyObject* args, PyObject* kwds) {
  Py_ssize_t nargs = PyTuple_GET_SIZE(args);
  if (nargs != 3) {
    if (nargs == 1 && meta == &PyType_Type && (!kwds || PyDict_GET_SIZE(kwds) == 0)) {
      PyObject* t = reinterpret_cast<PyObject*>(Py_TYPE(PyTuple_GET_ITEM(args, 0)));
      Py_INCREF(t);
      return t;
    }
    PyErr_Format(PyExc_TypeError, "type.__new__() takes exactly 3 arguments (%zd given)", nargs);
    return nullptr;
  }
  PyObject* name = PyTuple_GET_ITEM(args, 0);
  PyObject* bases = PyTuple_GET_ITEM(args, 1);
  PyObject* orig_dict = PyTuple_GET_ITEM(args, 2);
  if (!PyUnicode_Check(name)) {
    PyErr_Format(PyExc_TypeError, "type.__new__() argument 1 must be str, not %.50s",
                 Py_TYPE(name)->tp_name);
    return nullptr;
  }
  if (!PyTuple_Check(bases)) {
    PyErr_Format(PyExc_TypeError, "type.__new__() argument 2 must be tuple, not %.50s",
                 Py_TYPE(bases)->tp_name);
    return nullptr;
  }
  if (!PyDict_Check(orig_dict)) {
    PyErr_Format(PyExc_TypeError, "type.__new__() argument 3 must be dict, not %.50s",
                 Py_TYPE(orig_dict)->tp_name);
    return nullptr;
  }

  // Bases with __mro_entries__ are refused before the metaclass is looked for (CPython's order:
  // the message names the real problem, not a metaclass conflict).
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); i++) {
    PyObject* b = PyTuple_GET_ITEM(bases, i);
    if (PyType_Check(b)) continue;
    PyObject* mro_entries;
    if (_PyObject_LookupAttr(b, id::mro_entries, &mro_entries) < 0) return nullptr;
    if (mro_entries) {
      Py_DECREF(mro_entries);
      PyErr_SetString(PyExc_TypeError,
                      "type() doesn't support MRO entry resolution; use types.new_class()");
      return nullptr;
    }
  }
  PyTypeObject* winner = calculate_metaclass(meta, bases);
  if (!winner) return nullptr;
  if (winner != meta && winner->tp_new != type_new) return winner->tp_new(winner, args, kwds);
  meta = winner;

  Ref<> bases_ref;
  if (PyTuple_GET_SIZE(bases) == 0) {
    bases_ref = steal(PyTuple_Pack(1, &PyBaseObject_Type));
    if (!bases_ref) return nullptr;
  } else {
    bases_ref = borrow(bases);
  }
  bases = bases_ref.get();
  PyTypeObject* base = best_base(bases);
  if (!base) return nullptr;

  Ref<> dict = steal(PyDict_Copy(orig_dict));
  if (!dict) return nullptr;

  // __slots__
  PyObject* slots = PyDict_GetItemWithError(dict.get(), id::slots);
  if (!slots && PyErr_Occurred()) return nullptr;
  bool add_dict = false, add_weak = false;
  std::vector<Ref<>> slot_names;
  bool may_add_dict = base->tp_dictoffset == 0;
  bool may_add_weak = base->tp_weaklistoffset == 0 && base->tp_itemsize == 0;
  Ref<> slots_tuple;
  if (slots == nullptr) {
    add_dict = may_add_dict;
    add_weak = may_add_weak;
  } else {
    if (PyUnicode_Check(slots)) slots_tuple = steal(PyTuple_Pack(1, slots));
    else slots_tuple = steal(PySequence_Tuple(slots));
    if (!slots_tuple) return nullptr;
    Py_ssize_t n = PyTuple_GET_SIZE(slots_tuple.get());
    if (n > 0 && base->tp_itemsize != 0) {
      PyErr_Format(PyExc_TypeError, "nonempty __slots__ not supported for subtype of '%s'",
                   base->tp_name);
      return nullptr;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
      PyObject* s = PyTuple_GET_ITEM(slots_tuple.get(), i);
      if (!valid_identifier(s)) return nullptr;
      if (_PyUnicode_Equal(s, id::dict)) {
        if (!may_add_dict || add_dict) {
          PyErr_SetString(PyExc_TypeError, "__dict__ slot disallowed: we already got one");
          return nullptr;
        }
        add_dict = true;
        continue;
      }
      if (_PyUnicode_Equal(s, id::weakref)) {
        if (!may_add_weak || add_weak) {
          PyErr_SetString(PyExc_TypeError, "__weakref__ slot disallowed: we already got one");
          return nullptr;
        }
        add_weak = true;
        continue;
      }
      Ref<> mangled = steal(mangle_slot(name, s));
      if (!mangled) return nullptr;
      int conflict = PyDict_Contains(dict.get(), mangled.get());
      if (conflict < 0) return nullptr;
      // __qualname__ and __classcell__ are put in the namespace by the class
      // statement itself and removed below: they never act as class variables.
      if (conflict && (PyUnicode_CompareWithASCIIString(mangled.get(), "__qualname__") == 0 ||
                       PyUnicode_CompareWithASCIIString(mangled.get(), "__classcell__") == 0))
        conflict = 0;
      if (conflict) {
        // A class attribute of the same name would shadow the slot descriptor.
        PyErr_Format(PyExc_ValueError, "%R in __slots__ conflicts with class variable", s);
        return nullptr;
      }
      slot_names.push_back(std::move(mangled));
    }
    // CPython keeps the slot names sorted.
    Ref<> sorted = steal(PyList_New(0));
    if (!sorted) return nullptr;
    for (auto& s : slot_names) {
      if (PyList_Append(sorted.get(), s.get()) < 0) return nullptr;
    }
    if (PyList_Sort(sorted.get()) < 0) return nullptr;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(sorted.get()); i++) {
      slot_names[i] = borrow(PyList_GET_ITEM(sorted.get(), i));
    }
    // Secondary bases may provide __dict__ / __weakref__ even though the
    // primary one does not (class C(SlottedMixin, PlainClass): __slots__ = ...).
    Py_ssize_t nbases = PyTuple_GET_SIZE(bases);
    for (Py_ssize_t i = 0; i < nbases && nbases > 1; i++) {
      if ((!may_add_dict || add_dict) && (!may_add_weak || add_weak)) break;
      auto* b = reinterpret_cast<PyTypeObject*>(PyTuple_GET_ITEM(bases, i));
      if (b == base) continue;
      if (may_add_dict && !add_dict && b->tp_dictoffset != 0) add_dict = true;
      if (may_add_weak && !add_weak && b->tp_weaklistoffset != 0) add_weak = true;
    }
  }

  Py_ssize_t nslots = static_cast<Py_ssize_t>(slot_names.size());
  Ref<> type_obj = steal(meta->tp_alloc(meta, nslots));
  if (!type_obj) return nullptr;
  auto* et = reinterpret_cast<PyHeapTypeObject*>(type_obj.get());
  auto* type = reinterpret_cast<PyTypeObject*>(type_obj.get());

  // All heap types are GC: instances can reach their class and close a cycle.
  type->tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HEAPTYPE | Py_TPFLAGS_BASETYPE |
                   Py_TPFLAGS_HAVE_GC;
  type->tp_as_async = &et->as_async;
  type->tp_as_number = &et->as_number;
  type->tp_as_sequence = &et->as_sequence;
  type->tp_as_mapping = &et->as_mapping;
  type->tp_as_buffer = &et->as_buffer;

  Py_INCREF(name);
  et->ht_name = name;
  Py_ssize_t name_len;
  const char* tp_name = PyUnicode_AsUTF8AndSize(name, &name_len);
  if (!tp_name) return nullptr;
  if (strlen(tp_name) != static_cast<size_t>(name_len)) {
    PyErr_SetString(PyExc_ValueError, "type name must not contain null characters");
    return nullptr;
  }
  type->tp_name = tp_name;

  Py_INCREF(bases);
  type->tp_bases = bases;
  Py_INCREF(base);
  type->tp_base = base;
  type->tp_dict = dict.release();
  PyObject* tdict = type->tp_dict;

  // __module__ defaults to the __name__ of the globals creating the class.
  int has_module = PyDict_Contains(tdict, id::module);
  if (has_module < 0) return nullptr;
  if (!has_module) {
    PyObject* globals = PyEval_GetGlobals();
    if (globals) {
      PyObject* modname = PyDict_GetItemWithError(globals, id::name);
      if (modname && PyDict_SetItem(tdict, id::module, modname) < 0) return nullptr;
      if (!modname && PyErr_Occurred()) return nullptr;
    }
  }
  PyObject* qualname = PyDict_GetItemWithError(tdict, id::qualname);
  if (qualname) {
    if (!PyUnicode_Check(qualname)) {
      PyErr_Format(PyExc_TypeError, "type __qualname__ must be a str, not %s",
                   Py_TYPE(qualname)->tp_name);
      return nullptr;
    }
    Py_INCREF(qualname);
    et->ht_qualname = qualname;
    if (PyDict_DelItem(tdict, id::qualname) < 0) return nullptr;
  } else {
    if (PyErr_Occurred()) return nullptr;
    Py_INCREF(name);
    et->ht_qualname = name;
  }
  // tp_doc: a private copy of a str __doc__.
  PyObject* doc = PyDict_GetItemWithError(tdict, id::doc);
  if (doc && PyUnicode_Check(doc)) {
    Py_ssize_t n;
    const char* s = PyUnicode_AsUTF8AndSize(doc, &n);
    if (!s) return nullptr;
    char* copy = static_cast<char*>(PyObject_Malloc(n + 1));
    if (!copy) return PyErr_NoMemory();
    memcpy(copy, s, n + 1);
    type->tp_doc = copy;
  }
  // __new__ is a static method; __init_subclass__ and __class_getitem__ are class methods.
  PyObject* tmp = PyDict_GetItemWithError(tdict, id::new_);
  if (tmp && PyFunction_Check(tmp)) {
    Ref<> sm = steal(PyStaticMethod_New(tmp));
    if (!sm || PyDict_SetItem(tdict, id::new_, sm.get()) < 0) return nullptr;
  }
  for (PyObject* cm_name : {id::init_subclass, id::class_getitem}) {
    tmp = PyDict_GetItemWithError(tdict, cm_name);
    if (tmp && PyFunction_Check(tmp)) {
      Ref<> cm = steal(PyClassMethod_New(tmp));
      if (!cm || PyDict_SetItem(tdict, cm_name, cm.get()) < 0) return nullptr;
    }
  }
  if (PyErr_Occurred()) return nullptr;

  // Layout: base fields, then slots, then __dict__ and __weakref__ pointers.
  Py_ssize_t slotoffset = base->tp_basicsize;
  PyMemberDef* mp = reinterpret_cast<PyMemberDef*>(reinterpret_cast<char*>(et) + meta->tp_basicsize);
  if (nslots) {
    Ref<> ht_slots = steal(PyTuple_New(nslots));
    if (!ht_slots) return nullptr;
    for (Py_ssize_t i = 0; i < nslots; i++) {
      PyObject* s = slot_names[i].get();
      Py_INCREF(s);
      PyTuple_SET_ITEM(ht_slots.get(), i, s);
      mp[i].name = PyUnicode_AsUTF8(s);
      if (!mp[i].name) return nullptr;
      mp[i].type = T_OBJECT_EX;
      mp[i].offset = slotoffset;
      slotoffset += sizeof(PyObject*);
    }
    et->ht_slots = ht_slots.release();
  }
  type->tp_members = mp;
  if (add_dict) {
    if (base->tp_itemsize) type->tp_dictoffset = -static_cast<Py_ssize_t>(sizeof(PyObject*));
    else type->tp_dictoffset = slotoffset;
    slotoffset += sizeof(PyObject*);
  }
  if (add_weak) {
    type->tp_weaklistoffset = slotoffset;
    slotoffset += sizeof(PyObject*);
  }
  type->tp_basicsize = slotoffset;
  type->tp_itemsize = base->tp_itemsize;
  if (add_dict && add_weak) type->tp_getset = subtype_getsets_full;
  else if (add_dict) type->tp_getset = subtype_getsets_dict_only;
  else if (add_weak) type->tp_getset = subtype_getsets_weakref_only;

  type->tp_dealloc = subtype_dealloc;
  type->tp_traverse = subtype_traverse;
  type->tp_clear = subtype_clear;
  type->tp_alloc = PyType_GenericAlloc;
  type->tp_free = PyObject_GC_Del;

  // The class cell of methods using super()/__class__: filled and removed from
  // the namespace before PyType_Ready adds the slot descriptors, one of which
  // may be named __classcell__ itself (as in CPython).
  PyObject* cell = PyDict_GetItemWithError(tdict, id::classcell);
  if (cell) {
    if (!PyCell_Check(cell)) {
      PyErr_Format(PyExc_TypeError, "__classcell__ must be a nonlocal cell, not %.200R",
                   Py_TYPE(cell));
      return nullptr;
    }
    PyCell_Set(cell, reinterpret_cast<PyObject*>(type));
    if (PyDict_DelItem(tdict, id::classcell) < 0) return nullptr;
  } else if (PyErr_Occurred()) {
    return nullptr;
  }

  if (PyType_Ready(type) < 0) return nullptr;
  fixup_slot_dispatchers(type);
  if (type->tp_dictoffset) et->ht_cached_keys = nullptr;

  PyType_Modified(type);  // the dict changed after PyType_Ready (attribute caches)
  if (set_names(type) < 0) return nullptr;
  if (init_subclass(type, kwds) < 0) return nullptr;
  return type_obj.release();
}

int type_init(PyObject*, PyObject* args, PyObject* kwds) {
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  if (kwds != nullptr && n == 1 && PyDict_GET_SIZE(kwds) != 0) {
    PyErr_SetString(PyExc_TypeError, "type.__init__() takes no keyword arguments");
    return -1;
  }
  if (n != 1 && n != 3) {
    PyErr_SetString(PyExc_TypeError, "type.__init__() takes 1 or 3 arguments");
    return -1;
  }
  return 0;
}

namespace {
void subtype_dealloc_body(PyObject* self);
}

void subtype_dealloc(PyObject* self) {
  // Heap types made by PyType_FromSpec without Py_tp_dealloc get this dealloc
  // too, and they need not be GC types (e.g. _hashlib.HASHXOF).
  if (!PyType_IS_GC(Py_TYPE(self))) {
    subtype_dealloc_body(self);
    return;
  }
  PyObject_GC_UnTrack(self);
  // The trashcan bounds the C recursion of a long chain of instances (o.x.x.x... 50000
  // deep) by parking deep objects and freeing them at a shallow depth.
  Py_TRASHCAN_BEGIN(self, subtype_dealloc)
  subtype_dealloc_body(self);
  Py_TRASHCAN_END
}

namespace {
void subtype_dealloc_body(PyObject* self) {
  PyTypeObject* type = Py_TYPE(self);
  if (type->tp_finalize) {
    if (PyObject_CallFinalizerFromDealloc(self) < 0) return;  // resurrected
    // __del__ may have assigned __class__ (which moved the type reference to the new
    // class): finish with the current type (CPython issue 5283).
    type = Py_TYPE(self);
  }
  // The nearest base with its own dealloc finishes the job.
  PyTypeObject* base = type;
  while (base->tp_dealloc == subtype_dealloc) {
    if (Py_SIZE(base)) clear_slots(base, self);
    base = base->tp_base;
  }
  if (type->tp_weaklistoffset && !base->tp_weaklistoffset) PyObject_ClearWeakRefs(self);
  if (type->tp_dictoffset && !base->tp_dictoffset) {
    PyObject** dictptr = _PyObject_GetDictPtr(self);
    if (dictptr && *dictptr) Py_CLEAR(*dictptr);
  }
  // A GC base dealloc expects a tracked object (it untracks first).
  if (PyType_IS_GC(base)) PyObject_GC_Track(self);
  // By 3.11's convention a heap type's own dealloc releases the instance's
  // reference to its type; only a static base leaves that to us.
  bool base_is_heap = base->tp_flags & Py_TPFLAGS_HEAPTYPE;
  base->tp_dealloc(self);
  if (!base_is_heap) Py_DECREF(type);
}
}  // namespace

PyTypeObject* type_best_base(PyObject* bases) { return best_base(bases); }
PyTypeObject* type_solid_base(PyTypeObject* type) { return solid_base(type); }

}  // namespace krait

extern "C" {

PyTypeObject* _PyType_CalculateMetaclass(PyTypeObject* meta, PyObject* bases) {
  return krait::calculate_metaclass(meta, bases);
}

// --- finalizers (PEP 442) ------------------------------------------------------------

void PyObject_CallFinalizer(PyObject* self) {
  PyTypeObject* tp = Py_TYPE(self);
  if (tp->tp_finalize == nullptr) return;
  if (PyType_IS_GC(tp) && PyObject_GC_IsFinalized(self)) return;
  tp->tp_finalize(self);
  if (PyType_IS_GC(tp)) krait::gc::header_of(self)->prev |= krait::gc::kFinalizedFlag;
}

int PyObject_CallFinalizerFromDealloc(PyObject* self) {
  // Resurrect temporarily so the finalizer sees a live object.
  self->ob_refcnt = 1;
  PyObject_CallFinalizer(self);
  if (--self->ob_refcnt == 0) return 0;
  // The finalizer stored a new reference: the object lives on.
  if (PyType_IS_GC(Py_TYPE(self)) && !krait::gc::is_tracked(self)) PyObject_GC_Track(self);
  return -1;
}

}  // extern "C"
