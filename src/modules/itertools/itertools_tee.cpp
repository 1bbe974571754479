// itertools_tee.cpp — itertools.tee and its helper types _tee and
// _tee_dataobject.
//
// As in CPython, the values read from the shared source are kept in a singly
// linked list of fixed-size blocks (_tee_dataobject, kLinkCells values each);
// every _tee holds a block and an index into it, so blocks no iterator points
// at any more are freed. Deallocation unlinks the chain iteratively: a long
// chain must not recurse once per block.
#include "modules/itertools/itertools.h"

#include "support/ref.h"

using namespace krait;
using namespace krait::itertools;

namespace {

constexpr int kLinkCells = 57;

struct TeeData {
  PyObject_HEAD
  PyObject* it;
  int numread;
  bool running;
  PyObject* nextlink;
  PyObject* values[kLinkCells];
};

struct TeeObject {
  PyObject_HEAD
  TeeData* dataobj;
  int index;
  PyObject* weakreflist;
};

TeeData* teedata_new(PyObject* it) {
  auto* tdo = PyObject_GC_New(TeeData, &teedataobject_type);
  if (!tdo) return nullptr;
  tdo->running = false;
  tdo->numread = 0;
  tdo->nextlink = nullptr;
  tdo->it = Py_NewRef(it);
  PyObject_GC_Track(tdo);
  return tdo;
}

// The block after tdo, created on demand (new reference).
PyObject* teedata_jumplink(TeeData* tdo) {
  if (tdo->nextlink == nullptr) {
    tdo->nextlink = reinterpret_cast<PyObject*>(teedata_new(tdo->it));
    if (!tdo->nextlink) return nullptr;
  }
  return Py_NewRef(tdo->nextlink);
}

PyObject* teedata_getitem(TeeData* tdo, int i) {
  PyObject* value;
  if (i < tdo->numread) {
    value = tdo->values[i];
  } else {
    if (tdo->running) {
      PyErr_SetString(PyExc_RuntimeError, "cannot re-enter the tee iterator");
      return nullptr;
    }
    tdo->running = true;
    value = PyIter_Next(tdo->it);
    tdo->running = false;
    if (!value) return nullptr;
    tdo->numread++;
    tdo->values[i] = value;
  }
  return Py_NewRef(value);
}

void teedata_clear_values(TeeData* tdo) {
  int n = tdo->numread;
  tdo->numread = 0;
  for (int i = 0; i < n; i++) Py_CLEAR(tdo->values[i]);
  Py_CLEAR(tdo->it);
}

int teedata_clear(PyObject* op) {
  auto* tdo = reinterpret_cast<TeeData*>(op);
  teedata_clear_values(tdo);
  // Unlink the tail iteratively while we own its only reference.
  PyObject* next = tdo->nextlink;
  tdo->nextlink = nullptr;
  while (next && Py_REFCNT(next) == 1) {
    auto* nd = reinterpret_cast<TeeData*>(next);
    PyObject* after = nd->nextlink;
    nd->nextlink = nullptr;
    Py_DECREF(next);
    next = after;
  }
  Py_XDECREF(next);
  return 0;
}

void teedata_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  teedata_clear(op);
  PyObject_GC_Del(op);
}

int teedata_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* tdo = reinterpret_cast<TeeData*>(op);
  Py_VISIT(tdo->it);
  for (int i = 0; i < tdo->numread; i++) Py_VISIT(tdo->values[i]);
  Py_VISIT(tdo->nextlink);
  return 0;
}

// _tee_dataobject(it, values read so far, next block or None).
PyObject* teedata_reduce(PyObject* op, PyObject*) {
  auto* tdo = reinterpret_cast<TeeData*>(op);
  Ref<> values = steal(PyList_New(tdo->numread));
  if (!values) return nullptr;
  for (int i = 0; i < tdo->numread; i++) PyList_SET_ITEM(values.get(), i, Py_NewRef(tdo->values[i]));
  return Py_BuildValue("O(OOO)", Py_TYPE(op), tdo->it, values.get(),
                       tdo->nextlink ? tdo->nextlink : Py_None);
}

// Rebuilds a block from its pickle: at most kLinkCells values, and a next block only
// after a full one.
PyObject* teedata_new_from_args(PyTypeObject*, PyObject* args, PyObject* kwds) {
  if (!_PyArg_NoKeywords("_tee_dataobject", kwds)) return nullptr;
  PyObject *it, *values, *next;
  if (!PyArg_ParseTuple(args, "OO!O:teedataobject", &it, &PyList_Type, &values, &next)) return nullptr;
  Py_ssize_t len = PyList_GET_SIZE(values);
  bool ok = len <= kLinkCells &&
            (next == Py_None || (len == kLinkCells && Py_IS_TYPE(next, &teedataobject_type)));
  if (!ok) {
    PyErr_SetString(PyExc_ValueError, "Invalid arguments");
    return nullptr;
  }
  TeeData* tdo = teedata_new(it);
  if (!tdo) return nullptr;
  for (Py_ssize_t i = 0; i < len; i++) tdo->values[i] = Py_NewRef(PyList_GET_ITEM(values, i));
  tdo->numread = static_cast<int>(len);
  if (next != Py_None) tdo->nextlink = Py_NewRef(next);
  return reinterpret_cast<PyObject*>(tdo);
}

PyMethodDef teedata_methods[] = {
    {"__reduce__", teedata_reduce, METH_NOARGS, "Return state information for pickling."},
    {nullptr, nullptr, 0, nullptr},
};

// -- _tee ---------------------------------------------------------------------

PyObject* tee_copy(PyObject* op, PyObject* = nullptr) {
  auto* to = reinterpret_cast<TeeObject*>(op);
  auto* nt = PyObject_GC_New(TeeObject, &tee_type);
  if (!nt) return nullptr;
  nt->dataobj = reinterpret_cast<TeeData*>(Py_NewRef(reinterpret_cast<PyObject*>(to->dataobj)));
  nt->index = to->index;
  nt->weakreflist = nullptr;
  PyObject_GC_Track(nt);
  return reinterpret_cast<PyObject*>(nt);
}

PyObject* tee_fromiterable(PyObject* iterable) {
  Ref<> it = steal(PyObject_GetIter(iterable));
  if (!it) return nullptr;
  if (Py_IS_TYPE(it.get(), &tee_type)) return tee_copy(it.get());
  PyObject* data = reinterpret_cast<PyObject*>(teedata_new(it.get()));
  if (!data) return nullptr;
  auto* to = PyObject_GC_New(TeeObject, &tee_type);
  if (!to) {
    Py_DECREF(data);
    return nullptr;
  }
  to->dataobj = reinterpret_cast<TeeData*>(data);
  to->index = 0;
  to->weakreflist = nullptr;
  PyObject_GC_Track(to);
  return reinterpret_cast<PyObject*>(to);
}

PyObject* tee_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if (!no_keywords(type, &tee_type, "_tee", kwds)) return nullptr;
  if (!_PyArg_CheckPositional("_tee", PyTuple_GET_SIZE(args), 1, 1)) return nullptr;
  return tee_fromiterable(PyTuple_GET_ITEM(args, 0));
}

PyObject* tee_next(PyObject* op) {
  auto* to = reinterpret_cast<TeeObject*>(op);
  if (to->index >= kLinkCells) {
    PyObject* link = teedata_jumplink(to->dataobj);
    if (!link) return nullptr;
    Py_SETREF(to->dataobj, reinterpret_cast<TeeData*>(link));
    to->index = 0;
  }
  PyObject* value = teedata_getitem(to->dataobj, to->index);
  if (!value) return nullptr;
  to->index++;
  return value;
}

int tee_clear(PyObject* op) {
  auto* to = reinterpret_cast<TeeObject*>(op);
  if (to->weakreflist) PyObject_ClearWeakRefs(op);
  Py_CLEAR(to->dataobj);
  return 0;
}

void tee_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  tee_clear(op);
  PyObject_GC_Del(op);
}

int tee_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<PyObject*>(reinterpret_cast<TeeObject*>(op)->dataobj));
  return 0;
}

// _tee(()) with (data block, index) as the state.
PyObject* tee_reduce(PyObject* op, PyObject*) {
  auto* to = reinterpret_cast<TeeObject*>(op);
  return Py_BuildValue("O(())(Oi)", Py_TYPE(op), to->dataobj, to->index);
}

PyObject* tee_setstate(PyObject* op, PyObject* state) {
  auto* to = reinterpret_cast<TeeObject*>(op);
  if (!PyTuple_Check(state)) {
    PyErr_SetString(PyExc_TypeError, "state is not a tuple");
    return nullptr;
  }
  PyObject* tdo;
  int index;
  if (!PyArg_ParseTuple(state, "O!i", &teedataobject_type, &tdo, &index)) return nullptr;
  if (index < 0 || index > kLinkCells) {
    PyErr_SetString(PyExc_ValueError, "Index out of range");
    return nullptr;
  }
  Py_SETREF(to->dataobj, reinterpret_cast<TeeData*>(Py_NewRef(tdo)));
  to->index = index;
  Py_RETURN_NONE;
}

PyMethodDef tee_methods[] = {
    {"__copy__", tee_copy, METH_NOARGS, "Returns an independent iterator."},
    {"__reduce__", tee_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", tee_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

namespace krait::itertools {

PyTypeObject teedataobject_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "itertools._tee_dataobject",
    .tp_basicsize = sizeof(TeeData),
    .tp_dealloc = teedata_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Data container common to multiple tee objects.",
    .tp_traverse = teedata_traverse,
    .tp_clear = teedata_clear,
    .tp_methods = teedata_methods,
    .tp_new = teedata_new_from_args,
};

PyTypeObject tee_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "itertools._tee",
    .tp_basicsize = sizeof(TeeObject),
    .tp_dealloc = tee_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Iterator wrapped to make it copyable.",
    .tp_traverse = tee_traverse,
    .tp_clear = tee_clear,
    .tp_weaklistoffset = offsetof(TeeObject, weakreflist),
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = tee_next,
    .tp_methods = tee_methods,
    .tp_new = tee_new,
};

PyObject* tee_function(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("tee", nargs, 1, 2)) return nullptr;
  Py_ssize_t n = 2;
  if (nargs == 2) {
    PyObject* iobj = PyNumber_Index(args[1]);
    if (!iobj) return nullptr;
    n = PyLong_AsSsize_t(iobj);
    Py_DECREF(iobj);
    if (n == -1 && PyErr_Occurred()) return nullptr;
  }
  if (n < 0) {
    PyErr_SetString(PyExc_ValueError, "n must be >= 0");
    return nullptr;
  }
  Ref<> result = steal(PyTuple_New(n));
  if (!result || n == 0) return result.release();
  Ref<> it = steal(PyObject_GetIter(args[0]));
  if (!it) return nullptr;
  static PyObject* copy_name = PyUnicode_InternFromString("__copy__");
  if (!copy_name) return nullptr;
  PyObject* raw = nullptr;
  if (_PyObject_LookupAttr(it.get(), copy_name, &raw) < 0)
    return nullptr;
  Ref<> copyfunc = steal(raw);
  Ref<> copyable;
  if (copyfunc) {
    copyable = std::move(it);
  } else {
    copyable = steal(tee_fromiterable(it.get()));
    if (!copyable) return nullptr;
    copyfunc = steal(PyObject_GetAttrString(copyable.get(), "__copy__"));
    if (!copyfunc) return nullptr;
  }
  PyTuple_SET_ITEM(result.get(), 0, copyable.release());
  for (Py_ssize_t i = 1; i < n; i++) {
    PyObject* c = PyObject_CallNoArgs(copyfunc.get());
    if (!c) return nullptr;
    PyTuple_SET_ITEM(result.get(), i, c);
  }
  return result.release();
}

}  // namespace krait::itertools
