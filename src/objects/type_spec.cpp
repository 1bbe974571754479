// Heap types from C specifications (PEP 384): PyType_FromSpec,
// PyType_FromSpecWithBases, PyType_FromModuleAndSpec and PyType_GetSlot.
// The slot ids are typeslots.h's; the table below maps each to its field.
#include <Python.h>
#include <structmember.h>

#include <cstring>

#include "objects/object_util.h"
#include "objects/type_internal.h"
#include "runtime/identifiers.h"

using krait::Ref;

namespace krait {
namespace {

enum Kind : uint8_t { kNone, kTP, kAM, kNB, kMP, kSQ, kBF };
struct SlotInfo {
  Kind kind;
  uint16_t offset;  // within the struct the kind names
};

constexpr int kMaxSlot = Py_am_send;

// id -> (struct, field), filled by slot id so the order of lines is free.
struct SlotTable {
  SlotInfo info[kMaxSlot + 1] = {};
  constexpr SlotTable() {
#define TP(f) info[Py_tp_##f] = {kTP, offsetof(PyTypeObject, tp_##f)};
#define AM(f) info[Py_am_##f] = {kAM, offsetof(PyAsyncMethods, am_##f)};
#define NB(f) info[Py_nb_##f] = {kNB, offsetof(PyNumberMethods, nb_##f)};
#define MP(f) info[Py_mp_##f] = {kMP, offsetof(PyMappingMethods, mp_##f)};
#define SQ(f) info[Py_sq_##f] = {kSQ, offsetof(PySequenceMethods, sq_##f)};
#define BF(f) info[Py_bf_##f] = {kBF, offsetof(PyBufferProcs, bf_##f)};
    BF(getbuffer) BF(releasebuffer)
    MP(ass_subscript) MP(length) MP(subscript)
    NB(absolute) NB(add) NB(and) NB(bool) NB(divmod) NB(float) NB(floor_divide) NB(index)
    NB(inplace_add) NB(inplace_and) NB(inplace_floor_divide) NB(inplace_lshift)
    NB(inplace_multiply) NB(inplace_or) NB(inplace_power) NB(inplace_remainder)
    NB(inplace_rshift) NB(inplace_subtract) NB(inplace_true_divide) NB(inplace_xor) NB(int)
    NB(invert) NB(lshift) NB(multiply) NB(negative) NB(or) NB(positive) NB(power)
    NB(remainder) NB(rshift) NB(subtract) NB(true_divide) NB(xor)
    SQ(ass_item) SQ(concat) SQ(contains) SQ(inplace_concat) SQ(inplace_repeat) SQ(item)
    SQ(length) SQ(repeat)
    TP(alloc) TP(base) TP(bases) TP(call) TP(clear) TP(dealloc) TP(del) TP(descr_get)
    TP(descr_set) TP(doc) TP(getattr) TP(getattro) TP(hash) TP(init) TP(is_gc) TP(iter)
    TP(iternext) TP(methods) TP(new) TP(repr) TP(richcompare) TP(setattr) TP(setattro)
    TP(str) TP(traverse) TP(members) TP(getset) TP(free)
    NB(matrix_multiply) NB(inplace_matrix_multiply)
    AM(await) AM(aiter) AM(anext)
    TP(finalize)
    AM(send)
#undef TP
#undef AM
#undef NB
#undef MP
#undef SQ
#undef BF
  }
};
constexpr SlotTable kSlots;

void* struct_of(PyTypeObject* type, Kind kind) {
  switch (kind) {
    case kTP: return type;
    case kAM: return type->tp_as_async;
    case kNB: return type->tp_as_number;
    case kMP: return type->tp_as_mapping;
    case kSQ: return type->tp_as_sequence;
    case kBF: return type->tp_as_buffer;
    default: return nullptr;
  }
}

}  // namespace
}  // namespace krait

using namespace krait;

extern "C" {

PyObject* PyType_FromModuleAndSpec(PyObject* module, PyType_Spec* spec, PyObject* bases) {
  const char* short_name = strrchr(spec->name, '.');
  short_name = short_name ? short_name + 1 : spec->name;

  // Members beyond the spec's fixed ones live after the type object.
  Py_ssize_t nmembers = 0;
  Py_ssize_t weaklistoffset = 0, dictoffset = 0, vectorcalloffset = 0;
  const char* doc = nullptr;
  for (PyType_Slot* slot = spec->slots; slot->slot; slot++) {
    if (slot->slot < 0 || slot->slot > kMaxSlot || kSlots.info[slot->slot].kind == kNone) {
      PyErr_SetString(PyExc_RuntimeError, "invalid slot offset");
      return nullptr;
    }
    if (slot->slot == Py_tp_members) {
      for (auto* m = static_cast<PyMemberDef*>(slot->pfunc); m->name; m++) {
        nmembers++;
        if (strcmp(m->name, "__weaklistoffset__") == 0) weaklistoffset = m->offset;
        else if (strcmp(m->name, "__dictoffset__") == 0) dictoffset = m->offset;
        else if (strcmp(m->name, "__vectorcalloffset__") == 0) vectorcalloffset = m->offset;
      }
    } else if (slot->slot == Py_tp_doc) {
      doc = static_cast<const char*>(slot->pfunc);
    }
  }

  // Bases: the argument, else the Py_tp_bases / Py_tp_base slots, else object.
  Ref<> bases_ref;
  if (bases == nullptr) {
    for (PyType_Slot* slot = spec->slots; slot->slot; slot++) {
      if (slot->slot == Py_tp_bases) bases = static_cast<PyObject*>(slot->pfunc);
    }
    if (bases == nullptr) {
      for (PyType_Slot* slot = spec->slots; slot->slot; slot++) {
        if (slot->slot == Py_tp_base) bases = static_cast<PyObject*>(slot->pfunc);
      }
    }
    if (bases == nullptr) bases = reinterpret_cast<PyObject*>(&PyBaseObject_Type);
  }
  if (PyType_Check(bases)) bases_ref = steal(PyTuple_Pack(1, bases));
  else bases_ref = borrow(bases);
  if (!bases_ref) return nullptr;
  // The solid base: the first base whose layout the others extend.
  auto* base = reinterpret_cast<PyTypeObject*>(PyTuple_GET_ITEM(bases_ref.get(), 0));
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(bases_ref.get()); i++) {
    PyObject* b = PyTuple_GET_ITEM(bases_ref.get(), i);
    if (!PyType_Check(b)) {
      PyErr_SetString(PyExc_TypeError, "bases must be types");
      return nullptr;
    }
    auto* bt = reinterpret_cast<PyTypeObject*>(b);
    if (!(bt->tp_flags & Py_TPFLAGS_BASETYPE)) {
      PyErr_Format(PyExc_TypeError, "type '%.100s' is not an acceptable base type", bt->tp_name);
      return nullptr;
    }
    if (bt->tp_basicsize > base->tp_basicsize) base = bt;
  }

  Ref<> obj = steal(PyType_GenericAlloc(&PyType_Type, nmembers));
  if (!obj) return nullptr;
  auto* res = reinterpret_cast<PyHeapTypeObject*>(obj.get());
  auto* type = &res->ht_type;
  type->tp_flags = spec->flags | Py_TPFLAGS_HEAPTYPE;
  type->tp_as_async = &res->as_async;
  type->tp_as_number = &res->as_number;
  type->tp_as_sequence = &res->as_sequence;
  type->tp_as_mapping = &res->as_mapping;
  type->tp_as_buffer = &res->as_buffer;

  res->ht_name = PyUnicode_FromString(short_name);
  if (!res->ht_name) return nullptr;
  Py_INCREF(res->ht_name);
  res->ht_qualname = res->ht_name;
  // tp_name must outlive the spec: keep a private copy.
  size_t name_len = strlen(spec->name) + 1;
  res->_ht_tpname = static_cast<char*>(PyMem_Malloc(name_len));
  if (!res->_ht_tpname) return PyErr_NoMemory();
  memcpy(res->_ht_tpname, spec->name, name_len);
  type->tp_name = res->_ht_tpname;

  type->tp_bases = bases_ref.release();
  Py_INCREF(base);
  type->tp_base = base;
  type->tp_basicsize = spec->basicsize;
  type->tp_itemsize = spec->itemsize;

  PyMemberDef* members = reinterpret_cast<PyMemberDef*>(
      reinterpret_cast<char*>(res) + Py_TYPE(res)->tp_basicsize);
  for (PyType_Slot* slot = spec->slots; slot->slot; slot++) {
    switch (slot->slot) {
      case Py_tp_base:
      case Py_tp_bases:
      case Py_tp_doc:
        break;
      case Py_tp_members: {
        size_t len = 0;
        for (auto* m = static_cast<PyMemberDef*>(slot->pfunc); m->name; m++) len++;
        memcpy(members, slot->pfunc, len * sizeof(PyMemberDef));
        type->tp_members = members;
        break;
      }
      default: {
        SlotInfo info = kSlots.info[slot->slot];
        char* target = static_cast<char*>(struct_of(type, info.kind));
        *reinterpret_cast<void**>(target + info.offset) = slot->pfunc;
        break;
      }
    }
  }
  if (doc) {
    // The docstring without its text-signature header becomes __doc__ later;
    // tp_doc keeps the whole text, as CPython's does.
    size_t len = strlen(doc) + 1;
    char* copy = static_cast<char*>(PyObject_Malloc(len));
    if (!copy) return PyErr_NoMemory();
    memcpy(copy, doc, len);
    type->tp_doc = copy;
  }
  if (weaklistoffset) type->tp_weaklistoffset = weaklistoffset;
  if (dictoffset) type->tp_dictoffset = dictoffset;
  if (vectorcalloffset) type->tp_vectorcall_offset = vectorcalloffset;
  if (type->tp_dealloc == nullptr) type->tp_dealloc = subtype_dealloc;

  Py_XINCREF(module);
  res->ht_module = module;

  if (PyType_Ready(type) < 0) return nullptr;
  if (type->tp_doc) {
    Ref<> d = steal(_PyType_GetDocFromInternalDoc(type->tp_name, type->tp_doc));
    if (!d || PyDict_SetItem(type->tp_dict, id::doc, d.get()) < 0) return nullptr;
  }
  // __module__ from the dotted part of the name.
  if (short_name != spec->name) {
    Ref<> modname = steal(PyUnicode_FromStringAndSize(spec->name, short_name - spec->name - 1));
    if (!modname || PyDict_SetItem(type->tp_dict, id::module, modname.get()) < 0) return nullptr;
  }
  PyType_Modified(type);  // the dict changed after PyType_Ready (attribute caches)
  return obj.release();
}

PyObject* PyType_FromSpecWithBases(PyType_Spec* spec, PyObject* bases) {
  return PyType_FromModuleAndSpec(nullptr, spec, bases);
}

PyObject* PyType_FromSpec(PyType_Spec* spec) { return PyType_FromModuleAndSpec(nullptr, spec, nullptr); }

void* PyType_GetSlot(PyTypeObject* type, int slot) {
  if (slot <= 0 || slot > kMaxSlot || kSlots.info[slot].kind == kNone ||
      slot == Py_tp_base || slot == Py_tp_bases) {
    if (slot == Py_tp_base) return type->tp_base;
    if (slot == Py_tp_bases) return type->tp_bases;
    PyErr_BadInternalCall();
    return nullptr;
  }
  SlotInfo info = kSlots.info[slot];
  char* target = static_cast<char*>(struct_of(type, info.kind));
  if (target == nullptr) return nullptr;
  return *reinterpret_cast<void**>(target + info.offset);
}

}  // extern "C"
