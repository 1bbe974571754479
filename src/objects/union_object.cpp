// types.UnionType: `int | str | None` (PEP 604), as CPython 3.11.
//
// A union holds its members flattened (unions inside unions are spliced)
// and deduplicated (by identity; generic aliases by equality), with None
// stored as NoneType. A union of one member is that member. Equality and
// hashing ignore order. isinstance()/issubclass() treat a union as the tuple
// of its members (abstract.cpp asks union_args); the type itself defines no
// __instancecheck__, as in 3.11.
#include <Python.h>

#include <structmember.h>

#include <cstddef>

#include "objects/genericalias_object.h"
#include "objects/object_util.h"

using krait::Ref;
using krait::steal;

namespace krait {
namespace {

struct Union {
  PyObject_HEAD
  PyObject* args;
  PyObject* parameters;  // computed on first use
};

inline Union* as_union(PyObject* op) { return reinterpret_cast<Union*>(op); }

bool is_unionable(PyObject* obj) {
  return obj == Py_None || PyType_Check(obj) || generic_alias_check(obj) || union_check(obj);
}

// Members of `args` with nested unions spliced in and None as NoneType.
PyObject* flatten(PyObject* args) {
  Py_ssize_t n = PyTuple_GET_SIZE(args), total = 0;
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* a = PyTuple_GET_ITEM(args, i);
    total += union_check(a) ? PyTuple_GET_SIZE(as_union(a)->args) : 1;
  }
  PyObject* flat = PyTuple_New(total);
  if (flat == nullptr) return nullptr;
  Py_ssize_t pos = 0;
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* a = PyTuple_GET_ITEM(args, i);
    if (union_check(a)) {
      PyObject* nested = as_union(a)->args;
      for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(nested); ++j) {
        PyObject* m = PyTuple_GET_ITEM(nested, j);
        Py_INCREF(m);
        PyTuple_SET_ITEM(flat, pos++, m);
      }
    } else {
      if (a == Py_None) a = reinterpret_cast<PyObject*>(Py_TYPE(Py_None));
      Py_INCREF(a);
      PyTuple_SET_ITEM(flat, pos++, a);
    }
  }
  return flat;
}

PyObject* dedup_and_flatten(PyObject* args) {
  Ref<> flat = steal(flatten(args));
  if (!flat) return nullptr;
  Py_ssize_t n = PyTuple_GET_SIZE(flat.get());
  PyObject* out = PyTuple_New(n);
  if (out == nullptr) return nullptr;
  Py_ssize_t kept = 0;
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* x = PyTuple_GET_ITEM(flat.get(), i);
    int dup = 0;
    for (Py_ssize_t j = 0; j < kept && !dup; ++j) {
      PyObject* y = PyTuple_GET_ITEM(out, j);
      // Generic aliases are recreated on every subscription: compare them.
      dup = generic_alias_check(x) && generic_alias_check(y) ? PyObject_RichCompareBool(x, y, Py_EQ)
                                                             : x == y;
      if (dup < 0) {
        Py_DECREF(out);
        return nullptr;
      }
    }
    if (!dup) {
      Py_INCREF(x);
      PyTuple_SET_ITEM(out, kept++, x);
    }
  }
  if (_PyTuple_Resize(&out, kept) < 0) return nullptr;
  return out;
}

PyObject* make_union(PyObject* args) {
  Ref<> members = steal(dedup_and_flatten(args));
  if (!members) return nullptr;
  if (PyTuple_GET_SIZE(members.get()) == 1) {
    PyObject* only = PyTuple_GET_ITEM(members.get(), 0);
    Py_INCREF(only);
    return only;
  }
  Union* u = PyObject_GC_New(Union, &_PyUnion_Type);
  if (u == nullptr) return nullptr;
  u->args = members.release();
  u->parameters = nullptr;
  PyObject_GC_Track(u);
  return reinterpret_cast<PyObject*>(u);
}

void union_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_XDECREF(as_union(self)->args);
  Py_XDECREF(as_union(self)->parameters);
  Py_TYPE(self)->tp_free(self);
}

int union_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(as_union(self)->args);
  Py_VISIT(as_union(self)->parameters);
  return 0;
}

Py_hash_t union_hash(PyObject* self) {
  Ref<> set = steal(PyFrozenSet_New(as_union(self)->args));
  if (!set) return -1;
  return PyObject_Hash(set.get());
}

PyObject* union_richcompare(PyObject* a, PyObject* b, int op) {
  if (!union_check(b) || (op != Py_EQ && op != Py_NE)) Py_RETURN_NOTIMPLEMENTED;
  Ref<> sa = steal(PySet_New(as_union(a)->args));
  if (!sa) return nullptr;
  Ref<> sb = steal(PySet_New(as_union(b)->args));
  if (!sb) return nullptr;
  return PyObject_RichCompare(sa.get(), sb.get(), op);
}

PyObject* union_repr(PyObject* self) {
  PyObject* args = as_union(self)->args;
  _PyUnicodeWriter w;
  _PyUnicodeWriter_Init(&w);
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); ++i) {
    PyObject* p = PyTuple_GET_ITEM(args, i);
    int rc = i > 0 ? _PyUnicodeWriter_WriteASCIIString(&w, " | ", 3) : 0;
    if (rc == 0) {
      rc = p == reinterpret_cast<PyObject*>(Py_TYPE(Py_None)) ? _PyUnicodeWriter_WriteASCIIString(&w, "None", 4)
                                                               : write_type_repr(&w, p);
    }
    if (rc < 0) {
      _PyUnicodeWriter_Dealloc(&w);
      return nullptr;
    }
  }
  return _PyUnicodeWriter_Finish(&w);
}

PyObject* ensure_parameters(Union* u) {
  if (u->parameters == nullptr) u->parameters = make_parameters(u->args);
  return u->parameters;
}

// (int | list[T])[str] -> int | list[str], rebuilt with `|` so that the
// substituted members decide (a TypeVar member yields a typing.Union).
PyObject* union_getitem(PyObject* self, PyObject* item) {
  Union* u = as_union(self);
  if (ensure_parameters(u) == nullptr) return nullptr;
  Ref<> newargs = steal(subs_parameters(self, u->args, u->parameters, item));
  if (!newargs) return nullptr;
  Py_ssize_t n = PyTuple_GET_SIZE(newargs.get());
  if (n == 0) return make_union(newargs.get());
  Ref<> res = borrow(PyTuple_GET_ITEM(newargs.get(), 0));
  for (Py_ssize_t i = 1; i < n && res; ++i) {
    res = steal(PyNumber_Or(res.get(), PyTuple_GET_ITEM(newargs.get(), i)));
  }
  return res.release();
}

PyMappingMethods union_as_mapping = {.mp_subscript = union_getitem};

PyObject* union_parameters(PyObject* self, void*) {
  PyObject* params = ensure_parameters(as_union(self));
  Py_XINCREF(params);
  return params;
}

PyMemberDef union_members[] = {
    {"__args__", T_OBJECT, offsetof(Union, args), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef union_getset[] = {
    {"__parameters__", union_parameters, nullptr, "Type variables in the types.UnionType.", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyNumberMethods union_as_number = {.nb_or = type_or};

// `(int | str).__module__` is the type's ('types'), as CPython forwards it: typing's aliases
// copy the origin's __module__ (typing.Annotated[int | str, ...]).
PyObject* union_getattro(PyObject* self, PyObject* name) {
  if (PyUnicode_Check(name) && PyUnicode_CompareWithASCIIString(name, "__module__") == 0)
    return PyObject_GetAttr(reinterpret_cast<PyObject*>(Py_TYPE(self)), name);
  return PyObject_GenericGetAttr(self, name);
}

}  // namespace

PyObject* type_or(PyObject* self, PyObject* other) {
  if (!is_unionable(self) || !is_unionable(other)) Py_RETURN_NOTIMPLEMENTED;
  Ref<> pair = steal(PyTuple_Pack(2, self, other));
  if (!pair) return nullptr;
  return make_union(pair.get());
}

PyObject* union_args(PyObject* op) { return as_union(op)->args; }

}  // namespace krait

PyTypeObject _PyUnion_Type = {
    .ob_base = KRAIT_IMMORTAL_VAR_HEAD(&PyType_Type, 0),
    .tp_name = "types.UnionType",
    .tp_basicsize = sizeof(krait::Union),
    .tp_dealloc = krait::union_dealloc,
    .tp_repr = krait::union_repr,
    .tp_as_number = &krait::union_as_number,
    .tp_as_mapping = &krait::union_as_mapping,
    .tp_hash = krait::union_hash,
    .tp_getattro = krait::union_getattro,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Represent a PEP 604 union type\n\nE.g. for int | str",
    .tp_traverse = krait::union_traverse,
    .tp_richcompare = krait::union_richcompare,
    .tp_members = krait::union_members,
    .tp_getset = krait::union_getset,
    .tp_alloc = PyType_GenericAlloc,
    .tp_free = PyObject_GC_Del,
};
