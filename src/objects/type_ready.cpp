// PyType_Ready: turning a type's C definition into a working Python type.
//
// Steps, in order: ready the bases; set ob_type, tp_base, tp_bases; create the
// dict and fill it with descriptors for tp_methods / tp_members / tp_getset and
// wrappers for the C slots; compute the MRO (C3); inherit layout and slots
// from the bases; register as a subclass of each base. Static types become
// immortal (DESIGN.md §2).
#include <Python.h>
#include <structmember.h>

#include <string>
#include <vector>

#include "objects/object_util.h"
#include "objects/static_types.h"
#include "objects/type_internal.h"
#include "runtime/identifiers.h"

using krait::Ref;

namespace krait {
namespace {

// --- C3 linearization --------------------------------------------------------

bool tail_contains(const std::vector<std::vector<PyObject*>>& seqs, size_t skip_seq,
                   PyObject* candidate, const std::vector<size_t>& heads) {
  for (size_t i = 0; i < seqs.size(); i++) {
    if (i == skip_seq) continue;
    for (size_t j = heads[i] + 1; j < seqs[i].size(); j++) {
      if (seqs[i][j] == candidate) return true;
    }
  }
  return false;
}

// Raised when no consistent order exists, naming the remaining bases as
// CPython does.
void mro_error(const std::vector<std::vector<PyObject*>>& seqs, const std::vector<size_t>& heads) {
  Ref<> names = steal(PyUnicode_FromString(""));
  std::vector<PyObject*> seen;
  for (size_t i = 0; i < seqs.size(); i++) {
    if (heads[i] >= seqs[i].size()) continue;
    PyObject* cand = seqs[i][heads[i]];
    bool dup = false;
    for (PyObject* s : seen) dup |= (s == cand);
    if (dup) continue;
    seen.push_back(cand);
  }
  std::string text;
  for (size_t i = 0; i < seen.size(); i++) {
    PyObject* name = PyObject_GetAttr(seen[i], id::name);
    const char* s = name && PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : "?";
    if (!s) {
      PyErr_Clear();
      s = "?";
    }
    if (i) text += ", ";
    text += s;
    Py_XDECREF(name);
  }
  PyErr_Clear();
  PyErr_Format(PyExc_TypeError,
               "Cannot create a consistent method resolution\norder (MRO) for bases %s",
               text.c_str());
}

}  // namespace

PyObject* compute_mro(PyTypeObject* type) {
  PyObject* bases = type->tp_bases;
  Py_ssize_t n = PyTuple_GET_SIZE(bases);
  // Single inheritance is by far the most common: the MRO is type + base's MRO.
  if (n == 1) {
    auto* base = reinterpret_cast<PyTypeObject*>(PyTuple_GET_ITEM(bases, 0));
    PyObject* bmro = base->tp_mro;
    if (bmro == nullptr) {
      PyErr_Format(PyExc_TypeError, "Cannot extend an incomplete type '%.100s'", base->tp_name);
      return nullptr;
    }
    Py_ssize_t k = PyTuple_GET_SIZE(bmro);
    PyObject* mro = PyTuple_New(k + 1);
    if (!mro) return nullptr;
    Py_INCREF(type);
    PyTuple_SET_ITEM(mro, 0, reinterpret_cast<PyObject*>(type));
    for (Py_ssize_t i = 0; i < k; i++) {
      PyObject* o = PyTuple_GET_ITEM(bmro, i);
      Py_INCREF(o);
      PyTuple_SET_ITEM(mro, i + 1, o);
    }
    return mro;
  }
  // Duplicate bases are an error before C3 even starts.
  for (Py_ssize_t i = 0; i < n; i++) {
    for (Py_ssize_t j = i + 1; j < n; j++) {
      if (PyTuple_GET_ITEM(bases, i) == PyTuple_GET_ITEM(bases, j)) {
        PyObject* dup = PyTuple_GET_ITEM(bases, i);
        Ref<> name = steal(PyObject_GetAttr(dup, id::name));
        if (!name) return nullptr;
        PyErr_Format(PyExc_TypeError, "duplicate base class %U", name.get());
        return nullptr;
      }
    }
  }
  std::vector<std::vector<PyObject*>> seqs;
  for (Py_ssize_t i = 0; i < n; i++) {
    auto* base = reinterpret_cast<PyTypeObject*>(PyTuple_GET_ITEM(bases, i));
    if (base->tp_mro == nullptr) {
      PyErr_Format(PyExc_TypeError, "Cannot extend an incomplete type '%.100s'", base->tp_name);
      return nullptr;
    }
    std::vector<PyObject*> s;
    for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(base->tp_mro); j++)
      s.push_back(PyTuple_GET_ITEM(base->tp_mro, j));
    seqs.push_back(std::move(s));
  }
  std::vector<PyObject*> bl;
  for (Py_ssize_t i = 0; i < n; i++) bl.push_back(PyTuple_GET_ITEM(bases, i));
  seqs.push_back(std::move(bl));
  std::vector<size_t> heads(seqs.size(), 0);
  std::vector<PyObject*> result{reinterpret_cast<PyObject*>(type)};
  while (true) {
    bool empty = true;
    bool progressed = false;
    for (size_t i = 0; i < seqs.size(); i++) {
      if (heads[i] >= seqs[i].size()) continue;
      empty = false;
      PyObject* cand = seqs[i][heads[i]];
      if (tail_contains(seqs, i, cand, heads)) continue;
      result.push_back(cand);
      for (size_t j = 0; j < seqs.size(); j++) {
        if (heads[j] < seqs[j].size() && seqs[j][heads[j]] == cand) heads[j]++;
      }
      progressed = true;
      break;
    }
    if (empty) break;
    if (!progressed) {
      mro_error(seqs, heads);
      return nullptr;
    }
  }
  PyObject* mro = PyTuple_New(result.size());
  if (!mro) return nullptr;
  for (size_t i = 0; i < result.size(); i++) {
    Py_INCREF(result[i]);
    PyTuple_SET_ITEM(mro, i, result[i]);
  }
  return mro;
}

namespace {

// Is `anc` reachable from `type` through __bases__ (not through the MRO, which
// may be anything a metaclass returned)?
bool is_base_ancestor(PyTypeObject* type, PyTypeObject* anc) {
  if (type == anc || anc == &PyBaseObject_Type) return true;
  PyObject* bases = type->tp_bases;
  if (bases == nullptr || !PyTuple_Check(bases))
    return type->tp_base && is_base_ancestor(type->tp_base, anc);
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases); i++) {
    PyObject* b = PyTuple_GET_ITEM(bases, i);
    if (PyType_Check(b) && is_base_ancestor(reinterpret_cast<PyTypeObject*>(b), anc)) return true;
  }
  return false;
}

// A metaclass may override mro(); call it and check the result, as type does.
PyObject* mro_invoke(PyTypeObject* type) {
  if (Py_IS_TYPE(type, &PyType_Type)) return compute_mro(type);
  PyObject* mro_meth = type_lookup(Py_TYPE(type), id::mro);
  if (mro_meth == nullptr) return compute_mro(type);
  // Looked up on the metatype (not as an attribute of `type`, whose own MRO may hold type.mro
  // as an unbound method), then bound to `type`.
  Ref<> res;
  PyObject* self = reinterpret_cast<PyObject*>(type);
  if (PyType_HasFeature(Py_TYPE(mro_meth), Py_TPFLAGS_METHOD_DESCRIPTOR)) {
    res = steal(PyObject_CallOneArg(mro_meth, self));
  } else if (descrgetfunc get = Py_TYPE(mro_meth)->tp_descr_get) {
    Ref<> bound = steal(get(mro_meth, self, reinterpret_cast<PyObject*>(Py_TYPE(type))));
    if (bound) res = steal(PyObject_CallNoArgs(bound.get()));
  } else {
    res = steal(PyObject_CallNoArgs(mro_meth));
  }
  if (!res) return nullptr;
  Ref<> tup = steal(PySequence_Tuple(res.get()));
  if (!tup) return nullptr;
  // Instances are laid out for `type`'s solid base: a class in the MRO whose
  // layout is not a prefix of it would read fields that are not there.
  PyTypeObject* solid = type_solid_base(type);
  bool custom = mro_meth != type_lookup(&PyType_Type, id::mro);
  bool foreign = false;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(tup.get()); i++) {
    PyObject* t = PyTuple_GET_ITEM(tup.get(), i);
    if (!PyType_Check(t)) {
      PyErr_Format(PyExc_TypeError, "mro() returned a non-class ('%.500s')", Py_TYPE(t)->tp_name);
      return nullptr;
    }
    auto* tt = reinterpret_cast<PyTypeObject*>(t);
    if (tt == type) continue;
    if (!PyType_IsSubtype(solid, type_solid_base(tt))) {
      PyErr_Format(PyExc_TypeError, "mro() returned base with unsuitable layout ('%.500s')",
                   tt->tp_name);
      return nullptr;
    }
    // type.mro itself (e.g. under ABCMeta) computes C3, which lists ancestors only.
    if (custom && !foreign && !is_base_ancestor(type, tt)) foreign = true;
  }
  // The attribute cache is invalidated through subclass lists; a class that
  // is in the MRO without being an ancestor would not reach this type, so
  // the type gets no version tag (type_cache.cpp then always looks it up).
  if (foreign) {
    PyType_Modified(type);
    type->tp_flags |= kTpFlagsNoVersionTag;
  } else {
    type->tp_flags &= ~kTpFlagsNoVersionTag;
  }
  return tup.release();
}

// --- descriptors from the C tables ------------------------------------------

int add_methods(PyTypeObject* type, PyMethodDef* meth) {
  PyObject* dict = type->tp_dict;
  for (; meth->ml_name != nullptr; meth++) {
    Ref<> name = steal(PyUnicode_InternFromString(meth->ml_name));
    if (!name) return -1;
    if (!(meth->ml_flags & METH_COEXIST) && PyDict_Contains(dict, name.get()) == 1) continue;
    Ref<> descr;
    if (meth->ml_flags & METH_CLASS) {
      if (meth->ml_flags & METH_STATIC) {
        PyErr_SetString(PyExc_ValueError, "method cannot be both class and static");
        return -1;
      }
      descr = steal(PyDescr_NewClassMethod(type, meth));
    } else if (meth->ml_flags & METH_STATIC) {
      Ref<> cfunc = steal(PyCFunction_NewEx(meth, reinterpret_cast<PyObject*>(type), nullptr));
      if (!cfunc) return -1;
      descr = steal(PyStaticMethod_New(cfunc.get()));
    } else {
      descr = steal(PyDescr_NewMethod(type, meth));
    }
    if (!descr || PyDict_SetItem(dict, name.get(), descr.get()) < 0) return -1;
  }
  return 0;
}

int add_members(PyTypeObject* type, PyMemberDef* memb) {
  for (; memb->name != nullptr; memb++) {
    Ref<> descr = steal(PyDescr_NewMember(type, memb));
    if (!descr) return -1;
    if (PyDict_SetDefault(type->tp_dict, PyDescr_NAME(descr.get()), descr.get()) == nullptr)
      return -1;
  }
  return 0;
}

int add_getset(PyTypeObject* type, PyGetSetDef* gsp) {
  for (; gsp->name != nullptr; gsp++) {
    Ref<> descr = steal(PyDescr_NewGetSet(type, gsp));
    if (!descr) return -1;
    if (PyDict_SetDefault(type->tp_dict, PyDescr_NAME(descr.get()), descr.get()) == nullptr)
      return -1;
  }
  return 0;
}

// --- inheritance ------------------------------------------------------------------

// Layout and flags come from tp_base only (the "solid" base).
void inherit_special(PyTypeObject* type, PyTypeObject* base) {
  if (!(type->tp_flags & Py_TPFLAGS_HAVE_GC) && (base->tp_flags & Py_TPFLAGS_HAVE_GC) &&
      (!type->tp_traverse && !type->tp_clear)) {
    type->tp_flags |= Py_TPFLAGS_HAVE_GC;
    if (type->tp_traverse == nullptr) type->tp_traverse = base->tp_traverse;
    if (type->tp_clear == nullptr) type->tp_clear = base->tp_clear;
  }
  type->tp_flags |= (base->tp_flags & Py_TPFLAGS_MANAGED_DICT);
  if (type->tp_basicsize == 0) type->tp_basicsize = base->tp_basicsize;
  if (type->tp_itemsize == 0) type->tp_itemsize = base->tp_itemsize;
  if (type->tp_weaklistoffset == 0) type->tp_weaklistoffset = base->tp_weaklistoffset;
  if (type->tp_dictoffset == 0) type->tp_dictoffset = base->tp_dictoffset;
  // The fast subclass bits (long, list, tuple, ...) pass down the chain.
  static const unsigned long kSubclassFlags =
      Py_TPFLAGS_LONG_SUBCLASS | Py_TPFLAGS_LIST_SUBCLASS | Py_TPFLAGS_TUPLE_SUBCLASS |
      Py_TPFLAGS_BYTES_SUBCLASS | Py_TPFLAGS_UNICODE_SUBCLASS | Py_TPFLAGS_DICT_SUBCLASS |
      Py_TPFLAGS_BASE_EXC_SUBCLASS | Py_TPFLAGS_TYPE_SUBCLASS;
  type->tp_flags |= base->tp_flags & kSubclassFlags;
}

// A type without its own sub-structures shares the base's (so a static dict subclass is
// subscriptable). This runs after the slot-by-slot inheritance over the MRO, as in CPython:
// sharing first would make that inheritance write other bases' slots into the base's own
// struct (numpy.str_ = (str, numpy.character) filled str's number methods with numpy's).
void inherit_as_structs(PyTypeObject* type, PyTypeObject* base) {
  if (type->tp_as_async == nullptr) type->tp_as_async = base->tp_as_async;
  if (type->tp_as_number == nullptr) type->tp_as_number = base->tp_as_number;
  if (type->tp_as_sequence == nullptr) type->tp_as_sequence = base->tp_as_sequence;
  if (type->tp_as_mapping == nullptr) type->tp_as_mapping = base->tp_as_mapping;
  if (type->tp_as_buffer == nullptr) type->tp_as_buffer = base->tp_as_buffer;
}

template <class T>
void copy_if_null(T& dst, const T& src) {
  if (dst == nullptr) dst = src;
}

void inherit_slots(PyTypeObject* type, PyTypeObject* base) {
#define COPY(field) copy_if_null(type->field, base->field)
  if (type->tp_as_async && base->tp_as_async) {
    copy_if_null(type->tp_as_async->am_await, base->tp_as_async->am_await);
    copy_if_null(type->tp_as_async->am_aiter, base->tp_as_async->am_aiter);
    copy_if_null(type->tp_as_async->am_anext, base->tp_as_async->am_anext);
    copy_if_null(type->tp_as_async->am_send, base->tp_as_async->am_send);
  }
  if (type->tp_as_number && base->tp_as_number) {
    PyNumberMethods* t = type->tp_as_number;
    PyNumberMethods* b = base->tp_as_number;
    void** tp = reinterpret_cast<void**>(t);
    void** bp = reinterpret_cast<void**>(b);
    for (size_t i = 0; i < sizeof(PyNumberMethods) / sizeof(void*); i++) copy_if_null(tp[i], bp[i]);
  }
  if (type->tp_as_sequence && base->tp_as_sequence) {
    void** tp = reinterpret_cast<void**>(type->tp_as_sequence);
    void** bp = reinterpret_cast<void**>(base->tp_as_sequence);
    for (size_t i = 0; i < sizeof(PySequenceMethods) / sizeof(void*); i++) copy_if_null(tp[i], bp[i]);
  }
  if (type->tp_as_mapping && base->tp_as_mapping) {
    void** tp = reinterpret_cast<void**>(type->tp_as_mapping);
    void** bp = reinterpret_cast<void**>(base->tp_as_mapping);
    for (size_t i = 0; i < sizeof(PyMappingMethods) / sizeof(void*); i++) copy_if_null(tp[i], bp[i]);
  }
  if (type->tp_as_buffer && base->tp_as_buffer) {
    copy_if_null(type->tp_as_buffer->bf_getbuffer, base->tp_as_buffer->bf_getbuffer);
    copy_if_null(type->tp_as_buffer->bf_releasebuffer, base->tp_as_buffer->bf_releasebuffer);
  }
  COPY(tp_dealloc);
  if (type->tp_getattr == nullptr && type->tp_getattro == nullptr) {
    type->tp_getattr = base->tp_getattr;
    type->tp_getattro = base->tp_getattro;
  }
  if (type->tp_setattr == nullptr && type->tp_setattro == nullptr) {
    type->tp_setattr = base->tp_setattr;
    type->tp_setattro = base->tp_setattro;
  }
  COPY(tp_repr);
  // tp_vectorcall_offset is always inherited, as in CPython: PyVectorcall_Call (a common
  // tp_call) reads it without the flag check, also for heap subclasses (weakref.KeyedRef, a
  // Python class whose __call__ reaches the C base's through super()). The
  // Py_TPFLAGS_HAVE_VECTORCALL flag only for static types that inherit tp_call too (a Python
  // class may define __call__).
  if (type->tp_vectorcall_offset == 0) type->tp_vectorcall_offset = base->tp_vectorcall_offset;
  if (type->tp_call == nullptr && (base->tp_flags & Py_TPFLAGS_HAVE_VECTORCALL) &&
      !(type->tp_flags & Py_TPFLAGS_HEAPTYPE))
    type->tp_flags |= Py_TPFLAGS_HAVE_VECTORCALL;
  COPY(tp_call);
  COPY(tp_str);
  // tp_richcompare and tp_hash are inherited together: a type that defines
  // one must not silently get the other from its base.
  if (type->tp_richcompare == nullptr && type->tp_hash == nullptr) {
    int r = PyDict_Contains(type->tp_dict, id::eq);
    int h = PyDict_Contains(type->tp_dict, id::hash);
    if (r == 0 && h == 0) {
      type->tp_richcompare = base->tp_richcompare;
      type->tp_hash = base->tp_hash;
    }
  }
  COPY(tp_iter);
  COPY(tp_iternext);
  COPY(tp_descr_get);
  // Method descriptors keep their vectorcall-friendly flag only with tp_descr_get.
  if (base->tp_descr_get && type->tp_descr_get == base->tp_descr_get &&
      !(type->tp_flags & Py_TPFLAGS_HEAPTYPE) &&
      (base->tp_flags & Py_TPFLAGS_METHOD_DESCRIPTOR)) {
    type->tp_flags |= Py_TPFLAGS_METHOD_DESCRIPTOR;
  }
  COPY(tp_descr_set);
  COPY(tp_init);
  COPY(tp_alloc);
  COPY(tp_is_gc);
  COPY(tp_finalize);
  if ((type->tp_flags & Py_TPFLAGS_HAVE_GC) == (base->tp_flags & Py_TPFLAGS_HAVE_GC)) {
    COPY(tp_free);
  } else if ((type->tp_flags & Py_TPFLAGS_HAVE_GC) && type->tp_free == nullptr &&
             (base->tp_free == PyObject_Free || base->tp_free == nullptr)) {
    // A GC subclass of a non-GC type needs the GC deallocator.
    type->tp_free = PyObject_GC_Del;
  }
#undef COPY
}

int type_ready_impl(PyTypeObject* type) {
  PyTypeObject* base = type->tp_base;
  if (base == nullptr && type != &PyBaseObject_Type) {
    base = &PyBaseObject_Type;
    if (type->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_INCREF(base);
    type->tp_base = base;
  }
  if (base && !krait::type_is_ready(base) && PyType_Ready(base) < 0) return -1;
  if (Py_TYPE(type) == nullptr && base != nullptr) Py_SET_TYPE(type, Py_TYPE(base));

  if (type->tp_bases == nullptr) {
    PyObject* bases = base ? PyTuple_Pack(1, base) : PyTuple_New(0);
    if (!bases) return -1;
    type->tp_bases = bases;
  }
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(type->tp_bases); i++) {
    auto* b = reinterpret_cast<PyTypeObject*>(PyTuple_GET_ITEM(type->tp_bases, i));
    if (!krait::type_is_ready(b) && PyType_Ready(b) < 0) return -1;
  }

  if (type->tp_dict == nullptr) {
    type->tp_dict = PyDict_New();
    if (!type->tp_dict) return -1;
  }
  // __new__ first (staticmethod-like builtin), then C slots' wrappers, then tables.
  if (add_slot_wrappers(type) < 0) return -1;
  if (type->tp_methods && add_methods(type, type->tp_methods) < 0) return -1;
  if (type->tp_members && add_members(type, type->tp_members) < 0) return -1;
  if (type->tp_getset && add_getset(type, type->tp_getset) < 0) return -1;

  Ref<> mro = steal(mro_invoke(type));
  if (!mro) return -1;
  Py_XSETREF(type->tp_mro, mro.release());

  if (base) inherit_special(type, base);
  PyObject* mro_t = type->tp_mro;
  for (Py_ssize_t i = 1; i < PyTuple_GET_SIZE(mro_t); i++) {
    PyObject* b = PyTuple_GET_ITEM(mro_t, i);
    if (!PyType_Check(b)) continue;
    inherit_slots(type, reinterpret_cast<PyTypeObject*>(b));
    // Sequence/mapping pattern-matching flags: the first class in the MRO
    // that has one decides (class M(C, UserDict, Sequence) is a mapping).
    constexpr unsigned long kCollection = Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MAPPING;
    if (!(type->tp_flags & kCollection))
      type->tp_flags |= reinterpret_cast<PyTypeObject*>(b)->tp_flags & kCollection;
  }
  if (base) inherit_as_structs(type, base);
  // tp_new is inherited from the solid base only, and only by types that can
  // be instantiated (CPython leaves it NULL for e.g. function/method types).
  // A static type directly under object that defines no tp_new cannot be
  // instantiated from Python (function, method-wrapper, types.UnionType, ...).
  if (type->tp_new == nullptr && base == &PyBaseObject_Type &&
      !(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
    type->tp_flags |= Py_TPFLAGS_DISALLOW_INSTANTIATION;
  }
  if (type->tp_new == nullptr && base && !(type->tp_flags & Py_TPFLAGS_DISALLOW_INSTANTIATION)) {
    type->tp_new = base->tp_new;
  }
  if (type->tp_flags & Py_TPFLAGS_DISALLOW_INSTANTIATION) type->tp_new = nullptr;

  // A type that defines __eq__ but not __hash__ is unhashable (tp_hash stays NULL
  // -> PyObject_HashNotImplemented and __hash__ = None in its dict).
  if (type->tp_hash == nullptr &&
      PyDict_Contains(type->tp_dict, id::hash) == 0) {
    if (PyDict_SetItem(type->tp_dict, id::hash, Py_None) < 0) return -1;
    type->tp_hash = PyObject_HashNotImplemented;
  }
  if (PyDict_Contains(type->tp_dict, id::doc) == 0) {
    if (type->tp_doc) {
      // Docstrings may carry a text signature header ("name(...)\n--\n\n"): skip it.
      const char* doc = type->tp_doc;
      const char* sep = strstr(doc, ")\n--\n\n");
      if (sep && strncmp(doc, type->tp_name, 0) == 0) doc = sep + 6;
      Ref<> d = steal(PyUnicode_FromString(doc));
      if (!d || PyDict_SetItem(type->tp_dict, id::doc, d.get()) < 0) return -1;
    } else if (PyDict_SetItem(type->tp_dict, id::doc, Py_None) < 0) {
      return -1;
    }
  }
  if (type->tp_free == nullptr) {
    type->tp_free = (type->tp_flags & Py_TPFLAGS_HAVE_GC) ? PyObject_GC_Del : PyObject_Free;
  }
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(type->tp_bases); i++) {
    PyObject* b = PyTuple_GET_ITEM(type->tp_bases, i);
    if (PyType_Check(b)) type_add_subclass(reinterpret_cast<PyTypeObject*>(b), type);
  }
  return 0;
}

}  // namespace

int ready_static_types() {
#define KRAIT_STATIC_TYPE(name) \
  if (PyType_Ready(&name) < 0) return -1;
#include "objects/static_types.def"
#undef KRAIT_STATIC_TYPE
  return 0;
}

PyObject* type_mro_invoke(PyTypeObject* type) { return mro_invoke(type); }

}  // namespace krait

extern "C" int PyType_Ready(PyTypeObject* type) {
  if (type->tp_flags & Py_TPFLAGS_READY) return 0;
  if (type->tp_flags & Py_TPFLAGS_READYING) return 0;  // a cycle through our own bases
  // 3.11 requires heap types to have a name and static types to be immutable.
  if (!(type->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
    type->tp_flags |= Py_TPFLAGS_IMMUTABLETYPE;
    krait::make_immortal(reinterpret_cast<PyObject*>(type));
  }
  type->tp_flags |= Py_TPFLAGS_READYING;
  int r = krait::type_ready_impl(type);
  type->tp_flags &= ~Py_TPFLAGS_READYING;
  if (r == 0) type->tp_flags |= Py_TPFLAGS_READY;
  return r;
}
