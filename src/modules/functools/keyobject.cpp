// keyobject.cpp — functools.KeyWrapper, the K objects cmp_to_key() returns:
// calling the wrapper with one object gives a K wrapping it, and K instances
// compare by calling the user's cmp function and comparing its result to 0.
#include <Python.h>
#include <structmember.h>

#include <cstddef>

#include "modules/functools/functools.h"
#include "support/ref.h"

using namespace krait;

namespace {

struct KeyObject {
  PyObject_HEAD
  PyObject* cmp;
  PyObject* object;
};

inline KeyObject* K(PyObject* op) { return reinterpret_cast<KeyObject*>(op); }

PyObject* make_key(PyObject* cmp, PyObject* object) {
  KeyObject* ko = PyObject_GC_New(KeyObject, &functools::keyobject_type);
  if (!ko) return nullptr;
  ko->cmp = Py_NewRef(cmp);
  ko->object = Py_XNewRef(object);
  PyObject_GC_Track(ko);
  return reinterpret_cast<PyObject*>(ko);
}

int key_clear(PyObject* self) {
  Py_CLEAR(K(self)->cmp);
  Py_CLEAR(K(self)->object);
  return 0;
}

int key_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(K(self)->cmp);
  Py_VISIT(K(self)->object);
  return 0;
}

void key_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  key_clear(self);
  PyObject_GC_Del(self);
}

PyObject* key_call(PyObject* self, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"obj", nullptr};
  PyObject* object;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:K", const_cast<char**>(kwlist), &object))
    return nullptr;
  return make_key(K(self)->cmp, object);
}

PyObject* key_richcompare(PyObject* self, PyObject* other, int op) {
  if (!Py_IS_TYPE(other, Py_TYPE(self))) {
    PyErr_Format(PyExc_TypeError, "other argument must be K instance");
    return nullptr;
  }
  PyObject* x = K(self)->object;
  PyObject* y = K(other)->object;
  if (!x || !y) {
    PyErr_Format(PyExc_AttributeError, "object");
    return nullptr;
  }
  Ref<> cmp = borrow(K(self)->cmp);
  PyObject* stack[2] = {x, y};
  Ref<> res = steal(PyObject_Vectorcall(cmp.get(), stack, 2, nullptr));
  if (!res) return nullptr;
  Ref<> zero = steal(PyLong_FromLong(0));
  if (!zero) return nullptr;
  return PyObject_RichCompare(res.get(), zero.get(), op);
}

PyMemberDef key_members[] = {
    {"obj", T_OBJECT, offsetof(KeyObject, object), 0, "Value wrapped by a key function."},
    {nullptr, 0, 0, 0, nullptr},
};

}  // namespace

namespace krait::functools {

PyTypeObject keyobject_type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "functools.KeyWrapper",
    .tp_basicsize = sizeof(KeyObject),
    .tp_dealloc = key_dealloc,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_call = key_call,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = key_traverse,
    .tp_clear = key_clear,
    .tp_richcompare = key_richcompare,
    .tp_members = key_members,
};

}  // namespace krait::functools

// cmp_to_key(mycmp): the module-level function lives here beside its type.
namespace krait::functools {

PyObject* cmp_to_key(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"mycmp", nullptr};
  PyObject* cmp;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:cmp_to_key", const_cast<char**>(kwlist), &cmp))
    return nullptr;
  return make_key(cmp, nullptr);
}

}  // namespace krait::functools
