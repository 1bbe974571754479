// enumerate(iterable, start=0): (index, item) pairs. The index is a C
// Py_ssize_t until it would overflow, then an int object. The result tuple
// is recycled when the caller dropped the previous one.
#include "objects/container_util.h"

namespace krait {
namespace {

struct EnumObject {
  PyObject_HEAD
  Py_ssize_t en_index;
  PyObject* en_sit;        // the underlying iterator
  PyObject* en_result;     // recycled (index, item) tuple
  PyObject* en_longindex;  // index once past PY_SSIZE_T_MAX, else NULL
};

PyObject* enum_new_impl(PyTypeObject* type, PyObject* iterable, PyObject* start) {
  EnumObject* en = reinterpret_cast<EnumObject*>(type->tp_alloc(type, 0));
  if (en == nullptr) return nullptr;
  en->en_index = 0;
  en->en_longindex = nullptr;
  if (start != nullptr) {
    start = PyNumber_Index(start);
    if (start == nullptr) {
      Py_DECREF(en);
      return nullptr;
    }
    en->en_index = PyLong_AsSsize_t(start);
    if (en->en_index == -1 && PyErr_Occurred()) {
      PyErr_Clear();
      en->en_index = PY_SSIZE_T_MAX;
      en->en_longindex = start;
    } else {
      Py_DECREF(start);
    }
  }
  en->en_sit = PyObject_GetIter(iterable);
  if (en->en_sit == nullptr) {
    Py_DECREF(en);
    return nullptr;
  }
  en->en_result = PyTuple_Pack(2, Py_None, Py_None);
  if (en->en_result == nullptr) {
    Py_DECREF(en);
    return nullptr;
  }
  return reinterpret_cast<PyObject*>(en);
}

PyObject* enum_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"iterable", "start", nullptr};
  PyObject *iterable, *start = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O:enumerate", const_cast<char**>(kwlist), &iterable, &start))
    return nullptr;
  return enum_new_impl(type, iterable, start);
}

bool check_keyword(PyObject* kwnames, Py_ssize_t index, const char* name) {
  PyObject* kw = PyTuple_GET_ITEM(kwnames, index);
  if (!_PyUnicode_EqualToASCIIString(kw, name)) {
    PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for enumerate()", kw);
    return false;
  }
  return true;
}

PyObject* enum_vectorcall(PyObject* type, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  PyTypeObject* tp = reinterpret_cast<PyTypeObject*>(type);
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  Py_ssize_t nkwargs = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  if (nargs + nkwargs == 2) {
    if (nkwargs == 1) {
      if (!check_keyword(kwnames, 0, "start")) return nullptr;
    } else if (nkwargs == 2) {
      PyObject* kw0 = PyTuple_GET_ITEM(kwnames, 0);
      if (_PyUnicode_EqualToASCIIString(kw0, "start")) {
        if (!check_keyword(kwnames, 1, "iterable")) return nullptr;
        return enum_new_impl(tp, args[1], args[0]);
      }
      if (!check_keyword(kwnames, 0, "iterable") || !check_keyword(kwnames, 1, "start")) return nullptr;
    }
    return enum_new_impl(tp, args[0], args[1]);
  }
  if (nargs + nkwargs == 1) {
    if (nkwargs == 1 && !check_keyword(kwnames, 0, "iterable")) return nullptr;
    return enum_new_impl(tp, args[0], nullptr);
  }
  if (nargs == 0) {
    PyErr_SetString(PyExc_TypeError, "enumerate() missing required argument 'iterable'");
    return nullptr;
  }
  PyErr_Format(PyExc_TypeError, "enumerate() takes at most 2 arguments (%d given)", int(nargs + nkwargs));
  return nullptr;
}

void enum_dealloc(PyObject* self) {
  EnumObject* en = reinterpret_cast<EnumObject*>(self);
  PyObject_GC_UnTrack(self);
  Py_XDECREF(en->en_sit);
  Py_XDECREF(en->en_result);
  Py_XDECREF(en->en_longindex);
  Py_TYPE(self)->tp_free(self);
}

int enum_traverse(PyObject* self, visitproc visit, void* arg) {
  EnumObject* en = reinterpret_cast<EnumObject*>(self);
  Py_VISIT(en->en_sit);
  Py_VISIT(en->en_result);
  Py_VISIT(en->en_longindex);
  return 0;
}

// Builds (index, item), recycling en_result when possible; steals both.
PyObject* make_pair(EnumObject* en, PyObject* index, PyObject* item) {
  PyObject* result = en->en_result;
  if (Py_REFCNT(result) == 1) {
    Py_INCREF(result);
    PyObject* old_index = PyTuple_GET_ITEM(result, 0);
    PyObject* old_item = PyTuple_GET_ITEM(result, 1);
    PyTuple_SET_ITEM(result, 0, index);
    PyTuple_SET_ITEM(result, 1, item);
    Py_DECREF(old_index);
    Py_DECREF(old_item);
    // The GC may have untracked the tuple while it held atomic items.
    if (!PyObject_GC_IsTracked(result)) PyObject_GC_Track(result);
    return result;
  }
  result = PyTuple_New(2);
  if (result == nullptr) {
    Py_DECREF(index);
    Py_DECREF(item);
    return nullptr;
  }
  PyTuple_SET_ITEM(result, 0, index);
  PyTuple_SET_ITEM(result, 1, item);
  return result;
}

PyObject* enum_next_long(EnumObject* en, PyObject* next_item) {
  if (en->en_longindex == nullptr) {
    en->en_longindex = PyLong_FromSsize_t(PY_SSIZE_T_MAX);
    if (en->en_longindex == nullptr) {
      Py_DECREF(next_item);
      return nullptr;
    }
  }
  PyObject* next_index = en->en_longindex;
  PyObject* one = PyLong_FromLong(1);
  PyObject* stepped_up = one ? PyNumber_Add(next_index, one) : nullptr;
  Py_XDECREF(one);
  if (stepped_up == nullptr) {
    Py_DECREF(next_item);
    return nullptr;
  }
  en->en_longindex = stepped_up;  // next_index's reference moves to the pair
  return make_pair(en, next_index, next_item);
}

PyObject* enum_next(PyObject* self) {
  EnumObject* en = reinterpret_cast<EnumObject*>(self);
  PyObject* it = en->en_sit;
  PyObject* next_item = Py_TYPE(it)->tp_iternext(it);
  if (next_item == nullptr) return nullptr;
  if (en->en_index == PY_SSIZE_T_MAX) return enum_next_long(en, next_item);
  PyObject* next_index = PyLong_FromSsize_t(en->en_index);
  if (next_index == nullptr) {
    Py_DECREF(next_item);
    return nullptr;
  }
  en->en_index++;
  return make_pair(en, next_index, next_item);
}

PyObject* enum_reduce(PyObject* self, PyObject*) {
  EnumObject* en = reinterpret_cast<EnumObject*>(self);
  if (en->en_longindex != nullptr) return Py_BuildValue("O(OO)", Py_TYPE(en), en->en_sit, en->en_longindex);
  return Py_BuildValue("O(On)", Py_TYPE(en), en->en_sit, en->en_index);
}

PyMethodDef enum_methods[] = {
    {"__reduce__", enum_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject PyEnum_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "enumerate",
    .tp_basicsize = sizeof(EnumObject),
    .tp_dealloc = enum_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "enumerate(iterable, start=0)\n--\n\n"
              "Return an enumerate object.\n\n"
              "  iterable\n    an object supporting iteration\n\n"
              "The enumerate object yields pairs containing a count (from start, which\n"
              "defaults to zero) and a value yielded by the iterable argument.\n\n"
              "enumerate is useful for obtaining an indexed list:\n"
              "    (0, seq[0]), (1, seq[1]), (2, seq[2]), ...",
    .tp_traverse = enum_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = enum_next,
    .tp_methods = enum_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = enum_new,
    .tp_free = PyObject_GC_Del,
    .tp_vectorcall = enum_vectorcall,
};
