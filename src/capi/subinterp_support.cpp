// What `_xxsubinterpreters` needs beyond interpreter creation: interpreter ID
// objects (`_PyInterpreterID_Type`), the interpreter's main module, and the
// cross-interpreter data registry (bytes, str, int and None built in, other
// types by _PyCrossInterpreterData_RegisterClass).
//
// Krait has one interpreter (id 0, see subinterpreters.cpp), so an ID names
// either it or nothing; the semantics otherwise follow CPython 3.11: an ID
// object holds a reference on the interpreter's ID refcount, IDs compare and
// hash as ints, and looking up a destroyed or unknown ID raises RuntimeError.
#include <Python.h>

#include <cstring>
#include <vector>

#include "objects/static_types.h"
#include "runtime/interp_state.h"
#include "support/ref.h"

using krait::Ref;

// Declared by CPython only in internal/pycore_interpreteridobject.h.
extern "C" {
PyAPI_FUNC(PyObject*) _PyInterpreterID_New(int64_t);
PyAPI_FUNC(PyObject*) _PyInterpreterState_GetIDObject(PyInterpreterState*);
PyAPI_FUNC(PyInterpreterState*) _PyInterpreterID_LookUp(PyObject*);
}

namespace {

struct InterpreterID {
  PyObject_HEAD
  int64_t id;
};

// The interpreter's ID refcount (CPython's interp->id_refcount) and whether
// it must be kept alive by IDs (RequireIDRef).
int64_t g_id_refcount = 0;
int g_requires_idref = 0;

PyInterpreterState* lookup_id(int64_t id) {
  PyInterpreterState* interp = krait::main_interp();
  if (interp != nullptr && interp->id == id) return interp;
  PyErr_Format(PyExc_RuntimeError, "unrecognized interpreter ID %lld",
               static_cast<long long>(id));
  return nullptr;
}

// An int-like argument (int or an object with __index__) as an interpreter ID.
int id_from_object(PyObject* obj, int64_t* out) {
  if (PyObject_TypeCheck(obj, &_PyInterpreterID_Type)) {
    *out = reinterpret_cast<InterpreterID*>(obj)->id;
    return 0;
  }
  if (!PyIndex_Check(obj)) {
    PyErr_Format(PyExc_TypeError, "interpreter ID must be an int, got %.100s",
                 Py_TYPE(obj)->tp_name);
    return -1;
  }
  long long v = PyLong_AsLongLong(obj);
  if (v == -1 && PyErr_Occurred()) return -1;
  if (v < 0) {
    PyErr_Format(PyExc_ValueError, "interpreter ID must be a non-negative int, got %R", obj);
    return -1;
  }
  *out = v;
  return 0;
}

PyObject* new_id(PyTypeObject* cls, int64_t id, bool force) {
  if (!force && lookup_id(id) == nullptr) return nullptr;
  auto* self = PyObject_New(InterpreterID, cls);
  if (self == nullptr) return nullptr;
  self->id = id;
  g_id_refcount++;
  return reinterpret_cast<PyObject*>(self);
}

PyObject* interpid_new(PyTypeObject* cls, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"id", "force", nullptr};
  PyObject* idobj;
  int force = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$p:InterpreterID.__init__",
                                   const_cast<char**>(kwlist), &idobj, &force))
    return nullptr;
  int64_t id;
  if (id_from_object(idobj, &id) < 0) return nullptr;
  return new_id(cls, id, force != 0);
}

void interpid_dealloc(PyObject* self) {
  // The last ID of an interpreter that requires ID references would finalize
  // it in CPython; the main interpreter outlives them all.
  if (g_id_refcount > 0) g_id_refcount--;
  Py_TYPE(self)->tp_free(self);
}

PyObject* interpid_repr(PyObject* self) {
  const char* name = _PyType_Name(Py_TYPE(self));
  return PyUnicode_FromFormat("%s(%lld)", name,
                              static_cast<long long>(reinterpret_cast<InterpreterID*>(self)->id));
}

PyObject* interpid_str(PyObject* self) {
  return PyUnicode_FromFormat("%lld",
                              static_cast<long long>(reinterpret_cast<InterpreterID*>(self)->id));
}

PyObject* interpid_int(PyObject* self) {
  return PyLong_FromLongLong(reinterpret_cast<InterpreterID*>(self)->id);
}

Py_hash_t interpid_hash(PyObject* self) {
  Ref<> v = krait::steal(interpid_int(self));
  return v ? PyObject_Hash(v.get()) : -1;
}

PyObject* interpid_richcompare(PyObject* self, PyObject* other, int op) {
  if (op != Py_EQ && op != Py_NE) Py_RETURN_NOTIMPLEMENTED;
  int64_t a = reinterpret_cast<InterpreterID*>(self)->id;
  bool equal;
  if (PyObject_TypeCheck(other, &_PyInterpreterID_Type)) {
    equal = a == reinterpret_cast<InterpreterID*>(other)->id;
  } else if (PyLong_Check(other)) {
    int overflow;
    long long b = PyLong_AsLongLongAndOverflow(other, &overflow);
    if (b == -1 && PyErr_Occurred()) return nullptr;
    equal = !overflow && b >= 0 && a == b;
  } else if (PyNumber_Check(other)) {
    Ref<> mine = krait::steal(PyLong_FromLongLong(a));
    if (!mine) return nullptr;
    return PyObject_RichCompare(mine.get(), other, op);
  } else {
    Py_RETURN_NOTIMPLEMENTED;
  }
  return PyBool_FromLong((op == Py_EQ) == equal);
}

PyNumberMethods interpid_as_number = {
    .nb_int = interpid_int,
    .nb_index = interpid_int,
};

// -- cross-interpreter data ----------------------------------------------------

struct Registration {
  PyTypeObject* cls;  // strong
  crossinterpdatafunc getdata;
};
std::vector<Registration>* g_registry = nullptr;

PyObject* new_bytes(_PyCrossInterpreterData* data) {
  auto* shared = static_cast<Py_buffer*>(data->data);
  return PyBytes_FromStringAndSize(static_cast<const char*>(shared->buf), shared->len);
}

int bytes_data(PyObject* obj, _PyCrossInterpreterData* data) {
  auto* shared = static_cast<Py_buffer*>(PyMem_Malloc(sizeof(Py_buffer)));
  if (shared == nullptr) {
    PyErr_NoMemory();
    return -1;
  }
  shared->buf = PyBytes_AS_STRING(obj);
  shared->len = PyBytes_GET_SIZE(obj);
  data->data = shared;
  data->obj = Py_NewRef(obj);  // the bytes stay alive with the data
  data->new_object = new_bytes;
  data->free = PyMem_Free;
  return 0;
}

struct SharedStr {
  int kind;
  const void* buffer;
  Py_ssize_t len;
};

PyObject* new_str(_PyCrossInterpreterData* data) {
  auto* shared = static_cast<SharedStr*>(data->data);
  return PyUnicode_FromKindAndData(shared->kind, shared->buffer, shared->len);
}

int str_data(PyObject* obj, _PyCrossInterpreterData* data) {
  auto* shared = static_cast<SharedStr*>(PyMem_Malloc(sizeof(SharedStr)));
  if (shared == nullptr) {
    PyErr_NoMemory();
    return -1;
  }
  shared->kind = PyUnicode_KIND(obj);
  shared->buffer = PyUnicode_DATA(obj);
  shared->len = PyUnicode_GET_LENGTH(obj);
  data->data = shared;
  data->obj = Py_NewRef(obj);
  data->new_object = new_str;
  data->free = PyMem_Free;
  return 0;
}

PyObject* new_long(_PyCrossInterpreterData* data) {
  return PyLong_FromSsize_t(reinterpret_cast<Py_ssize_t>(data->data));
}

int long_data(PyObject* obj, _PyCrossInterpreterData* data) {
  // As CPython 3.11: only values that fit a Py_ssize_t can be shared.
  Py_ssize_t value = PyLong_AsSsize_t(obj);
  if (value == -1 && PyErr_Occurred()) {
    if (PyErr_ExceptionMatches(PyExc_OverflowError))
      PyErr_SetString(PyExc_OverflowError, "try sending as bytes");
    return -1;
  }
  data->data = reinterpret_cast<void*>(value);
  data->obj = nullptr;
  data->new_object = new_long;
  data->free = nullptr;
  return 0;
}

PyObject* new_none(_PyCrossInterpreterData*) { Py_RETURN_NONE; }

int none_data(PyObject*, _PyCrossInterpreterData* data) {
  data->data = nullptr;
  data->obj = nullptr;
  data->new_object = new_none;
  data->free = nullptr;
  return 0;
}

std::vector<Registration>& registry() {
  if (g_registry == nullptr) {
    g_registry = new std::vector<Registration>{
        {&PyBytes_Type, bytes_data},
        {&PyUnicode_Type, str_data},
        {&PyLong_Type, long_data},
        {Py_TYPE(Py_None), none_data},
    };
  }
  return *g_registry;
}

}  // namespace

PyTypeObject _PyInterpreterID_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "InterpreterID",
    .tp_basicsize = sizeof(InterpreterID),
    .tp_dealloc = interpid_dealloc,
    .tp_repr = interpid_repr,
    .tp_as_number = &interpid_as_number,
    .tp_hash = interpid_hash,
    .tp_str = interpid_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "A interpreter ID identifies a interpreter and may be used as an int.",
    .tp_richcompare = interpid_richcompare,
    .tp_new = interpid_new,
};

extern "C" {

PyObject* _PyInterpreterID_New(int64_t id) { return new_id(&_PyInterpreterID_Type, id, false); }

PyObject* _PyInterpreterState_GetIDObject(PyInterpreterState* interp) {
  if (interp == nullptr || interp->id < 0) {
    PyErr_SetString(PyExc_RuntimeError, "no interpreter provided");
    return nullptr;
  }
  return _PyInterpreterID_New(interp->id);
}

PyInterpreterState* _PyInterpreterID_LookUp(PyObject* requested_id) {
  int64_t id;
  if (id_from_object(requested_id, &id) < 0) return nullptr;
  return lookup_id(id);
}

int _PyInterpreterState_RequiresIDRef(PyInterpreterState*) { return g_requires_idref; }

void _PyInterpreterState_RequireIDRef(PyInterpreterState*, int required) {
  g_requires_idref = required != 0;
}

PyObject* _PyInterpreterState_GetMainModule(PyInterpreterState* interp) {
  if (interp == nullptr || interp->modules == nullptr) {
    PyErr_SetString(PyExc_RuntimeError, "interpreter not initialized");
    return nullptr;
  }
  return PyMapping_GetItemString(interp->modules, "__main__");
}

int _PyCrossInterpreterData_RegisterClass(PyTypeObject* cls, crossinterpdatafunc getdata) {
  if (!PyType_Check(reinterpret_cast<PyObject*>(cls))) {
    PyErr_Format(PyExc_ValueError, "only classes may be registered");
    return -1;
  }
  if (getdata == nullptr) {
    PyErr_Format(PyExc_ValueError, "missing 'getdata' func");
    return -1;
  }
  for (const Registration& r : registry()) {
    if (r.cls == cls) {
      PyErr_SetString(PyExc_ValueError, "already registered");
      return -1;
    }
  }
  Py_INCREF(cls);
  registry().push_back({cls, getdata});
  return 0;
}

crossinterpdatafunc _PyCrossInterpreterData_Lookup(PyObject* obj) {
  for (const Registration& r : registry())
    if (r.cls == Py_TYPE(obj)) return r.getdata;
  return nullptr;
}

int _PyObject_CheckCrossInterpreterData(PyObject* obj) {
  if (_PyCrossInterpreterData_Lookup(obj) != nullptr) return 0;
  if (!PyErr_Occurred())
    PyErr_Format(PyExc_ValueError, "%S does not support cross-interpreter data", obj);
  return -1;
}

int _PyObject_GetCrossInterpreterData(PyObject* obj, _PyCrossInterpreterData* data) {
  std::memset(data, 0, sizeof *data);
  data->interp = -1;
  Py_INCREF(obj);  // the getdata function may run arbitrary code
  crossinterpdatafunc getdata = _PyCrossInterpreterData_Lookup(obj);
  if (getdata == nullptr) {
    Py_DECREF(obj);
    if (!PyErr_Occurred())
      PyErr_Format(PyExc_ValueError, "%S does not support cross-interpreter data", obj);
    return -1;
  }
  int res = getdata(obj, data);
  Py_DECREF(obj);
  if (res != 0) return -1;
  data->interp = PyInterpreterState_GetID(PyInterpreterState_Get());
  if (data->new_object == nullptr) {
    _PyCrossInterpreterData_Release(data);
    PyErr_SetString(PyExc_SystemError, "missing new_object func");
    return -1;
  }
  return 0;
}

PyObject* _PyCrossInterpreterData_NewObject(_PyCrossInterpreterData* data) {
  return data->new_object(data);
}

void _PyCrossInterpreterData_Release(_PyCrossInterpreterData* data) {
  if (data->data == nullptr && data->obj == nullptr) return;  // nothing to release
  if (data->interp >= 0 && lookup_id(data->interp) == nullptr) {
    // The data's interpreter is gone: its objects can't be released safely.
    PyErr_Clear();
    return;
  }
  if (data->free != nullptr && data->data != nullptr) data->free(data->data);
  data->data = nullptr;
  Py_CLEAR(data->obj);
}

}  // extern "C"
