// Struct sequences (PyStructSequence_*): tuples with named fields, like
// sys.version_info and os.stat_result. The visible fields are the tuple's
// items (ob_size); "invisible" fields (n_fields > n_in_sequence) are stored
// after them in the same allocation and reached only by attribute.
// As in CPython, the three sizes live in the type's dict (n_sequence_fields,
// n_fields, n_unnamed_fields), which is where Python code also finds them.
#include <Python.h>
#include <structmember.h>

#include <cstring>

#include "objects/object_util.h"

using krait::Ref;
using krait::steal;

extern "C" const char* const PyStructSequence_UnnamedField = "unnamed field";

namespace {

Py_ssize_t dict_size(PyTypeObject* tp, const char* key) {
  PyObject* v = tp->tp_dict ? PyDict_GetItemString(tp->tp_dict, key) : nullptr;
  return v ? PyLong_AsSsize_t(v) : 0;
}
Py_ssize_t visible_size(PyTypeObject* tp) { return dict_size(tp, "n_sequence_fields"); }
Py_ssize_t real_size(PyTypeObject* tp) { return dict_size(tp, "n_fields"); }
Py_ssize_t unnamed_fields(PyTypeObject* tp) { return dict_size(tp, "n_unnamed_fields"); }

PyObject** items(PyObject* o) { return reinterpret_cast<PyTupleObject*>(o)->ob_item; }

void structseq_dealloc(PyObject* obj) {
  PyTypeObject* tp = Py_TYPE(obj);
  PyObject_GC_UnTrack(obj);
  Py_ssize_t size = real_size(tp);
  for (Py_ssize_t i = 0; i < size; ++i) Py_XDECREF(items(obj)[i]);
  PyObject_GC_Del(obj);
  if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_DECREF(tp);
}

int structseq_traverse(PyObject* obj, visitproc visit, void* arg) {
  if (Py_TYPE(obj)->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_VISIT(Py_TYPE(obj));
  Py_ssize_t size = real_size(Py_TYPE(obj));
  for (Py_ssize_t i = 0; i < size; ++i) Py_VISIT(items(obj)[i]);
  return 0;
}

// type(sequence, dict=None)
PyObject* structseq_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"sequence", "dict", nullptr};
  PyObject* arg = nullptr;
  PyObject* dict = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O:structseq", const_cast<char**>(kwlist), &arg,
                                   &dict))
    return nullptr;
  Ref<> seq = steal(PySequence_Fast(arg, "constructor requires a sequence"));
  if (!seq) return nullptr;
  // An explicit None is not a dict either (CPython 3.11: "takes a dict as second arg").

  if (dict && !PyDict_Check(dict)) {
    PyErr_Format(PyExc_TypeError, "%.500s() takes a dict as second arg, if any", type->tp_name);
    return nullptr;
  }
  Py_ssize_t len = PySequence_Fast_GET_SIZE(seq.get());
  Py_ssize_t min_len = visible_size(type), max_len = real_size(type);
  Py_ssize_t n_unnamed = unnamed_fields(type);
  if (min_len > len) {
    if (min_len == max_len)
      PyErr_Format(PyExc_TypeError, "%.500s() takes a %zd-sequence (%zd-sequence given)",
                   type->tp_name, min_len, len);
    else
      PyErr_Format(PyExc_TypeError, "%.500s() takes an at least %zd-sequence (%zd-sequence given)",
                   type->tp_name, min_len, len);
    return nullptr;
  }
  if (len > max_len) {
    if (min_len == max_len)
      PyErr_Format(PyExc_TypeError, "%.500s() takes a %zd-sequence (%zd-sequence given)",
                   type->tp_name, max_len, len);
    else
      PyErr_Format(PyExc_TypeError, "%.500s() takes an at most %zd-sequence (%zd-sequence given)",
                   type->tp_name, max_len, len);
    return nullptr;
  }
  PyObject* res = PyStructSequence_New(type);
  if (!res) return nullptr;
  for (Py_ssize_t i = 0; i < len; ++i) {
    PyObject* v = PySequence_Fast_GET_ITEM(seq.get(), i);
    Py_INCREF(v);
    items(res)[i] = v;
  }
  for (Py_ssize_t i = len; i < max_len; ++i) {
    PyObject* ob = nullptr;
    if (dict) {
      ob = PyDict_GetItemString(dict, type->tp_members[i - n_unnamed].name);
      if (!ob && PyErr_Occurred()) {
        Py_DECREF(res);
        return nullptr;
      }
    }
    if (!ob) ob = Py_None;
    Py_INCREF(ob);
    items(res)[i] = ob;
  }
  return res;
}

// "sys.version_info(major=3, minor=11, ...)"
PyObject* structseq_repr(PyObject* obj) {
  PyTypeObject* typ = Py_TYPE(obj);
  Ref<> out = steal(PyUnicode_FromFormat("%.100s(", typ->tp_name));
  if (!out) return nullptr;
  Py_ssize_t n = Py_SIZE(obj);
  for (Py_ssize_t i = 0; i < n; i++) {
    const char* name = typ->tp_members[i].name;
    if (!name) {
      PyErr_Format(PyExc_SystemError, "In structseq_repr(), member %zd name is NULL for type %.500s",
                   i, typ->tp_name);
      return nullptr;
    }
    Ref<> piece = steal(
        PyUnicode_FromFormat("%s%s=%R", i > 0 ? ", " : "", name, items(obj)[i]));
    if (!piece) return nullptr;
    PyObject* joined = out.release();
    PyUnicode_Append(&joined, piece.get());
    out = steal(joined);
    if (!out) return nullptr;
  }
  PyObject* joined = out.release();
  PyUnicode_AppendAndDel(&joined, PyUnicode_FromString(")"));
  return joined;
}

// (type, (visible items), {invisible field name: value})
PyObject* structseq_reduce(PyObject* self, PyObject*) {
  PyTypeObject* tp = Py_TYPE(self);
  Py_ssize_t n_fields = real_size(tp), n_visible = visible_size(tp), n_unnamed = unnamed_fields(tp);
  Ref<> tup = steal(PyTuple_New(n_visible));
  if (!tup) return nullptr;
  for (Py_ssize_t i = 0; i < n_visible; i++) {
    Py_INCREF(items(self)[i]);
    PyTuple_SET_ITEM(tup.get(), i, items(self)[i]);
  }
  Ref<> dict = steal(PyDict_New());
  if (!dict) return nullptr;
  for (Py_ssize_t i = n_visible; i < n_fields; i++) {
    const char* name = tp->tp_members[i - n_unnamed].name;
    if (PyDict_SetItemString(dict.get(), name, items(self)[i]) < 0) return nullptr;
  }
  return Py_BuildValue("(O(OO))", tp, tup.get(), dict.get());
}

PyMethodDef structseq_methods[] = {
    {"__reduce__", structseq_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

Py_ssize_t count_members(PyStructSequence_Desc* desc, Py_ssize_t* n_unnamed) {
  Py_ssize_t i;
  *n_unnamed = 0;
  for (i = 0; desc->fields[i].name != nullptr; ++i)
    if (desc->fields[i].name == PyStructSequence_UnnamedField) (*n_unnamed)++;
  return i;
}

PyMemberDef* make_members(PyStructSequence_Desc* desc, Py_ssize_t n_members,
                          Py_ssize_t n_unnamed) {
  auto* members = PyMem_New(PyMemberDef, n_members - n_unnamed + 1);
  if (!members) {
    PyErr_NoMemory();
    return nullptr;
  }
  Py_ssize_t k = 0;
  for (Py_ssize_t i = 0; i < n_members; ++i) {
    if (desc->fields[i].name == PyStructSequence_UnnamedField) continue;
    members[k].name = desc->fields[i].name;
    members[k].type = T_OBJECT;
    members[k].offset = offsetof(PyTupleObject, ob_item) + i * sizeof(PyObject*);
    members[k].flags = READONLY;
    members[k].doc = desc->fields[i].doc;
    k++;
  }
  members[k] = PyMemberDef{nullptr, 0, 0, 0, nullptr};
  return members;
}

int fill_dict(PyStructSequence_Desc* desc, PyObject* dict, Py_ssize_t n_members,
              Py_ssize_t n_unnamed) {
  struct {
    const char* key;
    Py_ssize_t value;
  } const sizes[] = {{"n_sequence_fields", desc->n_in_sequence},
                     {"n_fields", n_members},
                     {"n_unnamed_fields", n_unnamed}};
  for (const auto& s : sizes) {
    Ref<> v = steal(PyLong_FromSsize_t(s.value));
    if (!v || PyDict_SetItemString(dict, s.key, v.get()) < 0) return -1;
  }
  // __match_args__: the named visible fields, for structural pattern matching.
  Ref<> keys = steal(PyTuple_New(desc->n_in_sequence));
  if (!keys) return -1;
  Py_ssize_t k = 0;
  for (Py_ssize_t i = 0; i < desc->n_in_sequence; ++i) {
    if (desc->fields[i].name == PyStructSequence_UnnamedField) continue;
    PyObject* name = PyUnicode_FromString(desc->fields[i].name);
    if (!name) return -1;
    PyTuple_SET_ITEM(keys.get(), k++, name);
  }
  PyObject* kp = keys.release();
  if (_PyTuple_Resize(&kp, k) < 0) return -1;
  keys = steal(kp);
  return PyDict_SetItemString(dict, "__match_args__", keys.get());
}

}  // namespace

PyObject* PyStructSequence_New(PyTypeObject* type) {
  Py_ssize_t size = real_size(type), vsize = visible_size(type);
  if (size < 0 || vsize < 0) return nullptr;
  PyTupleObject* obj = PyObject_GC_NewVar(PyTupleObject, type, size);
  if (!obj) return nullptr;
  // Only the visible fields are the tuple's items.
  Py_SET_SIZE(obj, vsize);
  for (Py_ssize_t i = 0; i < size; i++) obj->ob_item[i] = nullptr;
  PyObject_GC_Track(obj);
  return reinterpret_cast<PyObject*>(obj);
}

void PyStructSequence_SetItem(PyObject* p, Py_ssize_t i, PyObject* v) { items(p)[i] = v; }

PyObject* PyStructSequence_GetItem(PyObject* p, Py_ssize_t i) { return items(p)[i]; }

int PyStructSequence_InitType2(PyTypeObject* type, PyStructSequence_Desc* desc) {
  Py_ssize_t n_unnamed;
  Py_ssize_t n_members = count_members(desc, &n_unnamed);
  PyMemberDef* members = make_members(desc, n_members, n_unnamed);
  if (!members) return -1;
  type->tp_name = desc->name;
  type->tp_basicsize = sizeof(PyTupleObject) - sizeof(PyObject*);
  type->tp_itemsize = sizeof(PyObject*);
  type->tp_dealloc = structseq_dealloc;
  type->tp_repr = structseq_repr;
  type->tp_doc = desc->doc;
  type->tp_base = &PyTuple_Type;
  type->tp_methods = structseq_methods;
  type->tp_new = structseq_new;
  type->tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC;
  type->tp_traverse = structseq_traverse;
  type->tp_members = members;
  if (PyType_Ready(type) < 0) {
    PyMem_Free(members);
    return -1;
  }
  Py_INCREF(type);
  return fill_dict(desc, type->tp_dict, n_members, n_unnamed);
}

void PyStructSequence_InitType(PyTypeObject* type, PyStructSequence_Desc* desc) {
  (void)PyStructSequence_InitType2(type, desc);
}

PyTypeObject* PyStructSequence_NewType(PyStructSequence_Desc* desc) {
  Py_ssize_t n_unnamed;
  Py_ssize_t n_members = count_members(desc, &n_unnamed);
  PyMemberDef* members = make_members(desc, n_members, n_unnamed);
  if (!members) return nullptr;
  PyType_Slot slots[] = {
      {Py_tp_dealloc, reinterpret_cast<void*>(structseq_dealloc)},
      {Py_tp_repr, reinterpret_cast<void*>(structseq_repr)},
      {Py_tp_doc, const_cast<char*>(desc->doc)},
      {Py_tp_methods, structseq_methods},
      {Py_tp_new, reinterpret_cast<void*>(structseq_new)},
      {Py_tp_traverse, reinterpret_cast<void*>(structseq_traverse)},
      {Py_tp_members, members},
      {0, nullptr},
  };
  PyType_Spec spec = {
      desc->name, static_cast<int>(sizeof(PyTupleObject) - sizeof(PyObject*)),
      static_cast<int>(sizeof(PyObject*)), Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, slots};
  Ref<> bases = steal(PyTuple_Pack(1, &PyTuple_Type));
  if (!bases) {
    PyMem_Free(members);
    return nullptr;
  }
  auto* type = reinterpret_cast<PyTypeObject*>(PyType_FromSpecWithBases(&spec, bases.get()));
  PyMem_Free(members);  // the type copied what it needs into descriptors
  if (!type) return nullptr;
  if (fill_dict(desc, type->tp_dict, n_members, n_unnamed) < 0) {
    Py_DECREF(type);
    return nullptr;
  }
  return type;
}
