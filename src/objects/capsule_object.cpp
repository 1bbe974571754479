// PyCapsule: an opaque C pointer with a name, a context and a destructor,
// the way extension modules export C interfaces to each other
// (`PyCapsule_Import("datetime.datetime_CAPI", 0)`).
//
// A capsule holds no Python references, so it is not a GC type (as in
// CPython 3.11). Names are NOT copied: the caller keeps them alive, exactly the
// documented contract extensions rely on.
#include <Python.h>

#include <cstring>

#include "objects/object_util.h"

using krait::Ref;

namespace krait {
namespace {

struct Capsule {
  PyObject_HEAD
  void* pointer;
  const char* name;
  void* context;
  PyCapsule_Destructor destructor;
};

inline Capsule* as_capsule(PyObject* op) { return reinterpret_cast<Capsule*>(op); }

// Two names match when both are NULL or both are equal C strings.
bool names_match(const char* a, const char* b) {
  if (a == nullptr || b == nullptr) return a == b;
  return std::strcmp(a, b) == 0;
}

// A usable capsule is an exact PyCapsule whose pointer is set. Otherwise raise
// ValueError("<api> called with invalid PyCapsule object").
bool check_capsule(PyObject* op, const char* api) {
  if (op == nullptr || !PyCapsule_CheckExact(op) || as_capsule(op)->pointer == nullptr) {
    PyErr_Format(PyExc_ValueError, "%s called with invalid PyCapsule object", api);
    return false;
  }
  return true;
}

void capsule_dealloc(PyObject* op) {
  Capsule* c = as_capsule(op);
  if (c->destructor != nullptr) c->destructor(op);
  PyObject_Free(op);
}

PyObject* capsule_repr(PyObject* op) {
  const char* name = as_capsule(op)->name;
  if (name == nullptr) return PyUnicode_FromFormat("<capsule object NULL at %p>", op);
  return PyUnicode_FromFormat("<capsule object \"%s\" at %p>", name, op);
}

const char capsule_doc[] =
    "Capsule objects let you wrap a C \"void *\" pointer in a Python\n"
    "object.  They're a way of passing data through the Python interpreter\n"
    "without creating your own custom type.\n"
    "\n"
    "Capsules are used for communication between extension modules.\n"
    "They provide a way for an extension module to export a C interface\n"
    "to other extension modules, so that extension modules can use the\n"
    "Python import mechanism to link to one another.\n";

}  // namespace
}  // namespace krait

PyTypeObject PyCapsule_Type = {
    .ob_base = KRAIT_IMMORTAL_VAR_HEAD(&PyType_Type, 0),
    .tp_name = "PyCapsule",
    .tp_basicsize = sizeof(krait::Capsule),
    .tp_dealloc = krait::capsule_dealloc,
    .tp_repr = krait::capsule_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = krait::capsule_doc,
};

extern "C" {

PyObject* PyCapsule_New(void* pointer, const char* name, PyCapsule_Destructor destructor) {
  if (pointer == nullptr) {
    PyErr_SetString(PyExc_ValueError, "PyCapsule_New called with null pointer");
    return nullptr;
  }
  auto* c = PyObject_New(krait::Capsule, &PyCapsule_Type);
  if (c == nullptr) return nullptr;
  c->pointer = pointer;
  c->name = name;
  c->context = nullptr;
  c->destructor = destructor;
  return reinterpret_cast<PyObject*>(c);
}

int PyCapsule_IsValid(PyObject* op, const char* name) {
  return op != nullptr && PyCapsule_CheckExact(op) && krait::as_capsule(op)->pointer != nullptr &&
         krait::names_match(krait::as_capsule(op)->name, name);
}

void* PyCapsule_GetPointer(PyObject* op, const char* name) {
  if (!krait::check_capsule(op, "PyCapsule_GetPointer")) return nullptr;
  if (!krait::names_match(krait::as_capsule(op)->name, name)) {
    PyErr_SetString(PyExc_ValueError, "PyCapsule_GetPointer called with incorrect name");
    return nullptr;
  }
  return krait::as_capsule(op)->pointer;
}

const char* PyCapsule_GetName(PyObject* op) {
  if (!krait::check_capsule(op, "PyCapsule_GetName")) return nullptr;
  return krait::as_capsule(op)->name;
}

PyCapsule_Destructor PyCapsule_GetDestructor(PyObject* op) {
  if (!krait::check_capsule(op, "PyCapsule_GetDestructor")) return nullptr;
  return krait::as_capsule(op)->destructor;
}

void* PyCapsule_GetContext(PyObject* op) {
  if (!krait::check_capsule(op, "PyCapsule_GetContext")) return nullptr;
  return krait::as_capsule(op)->context;
}

int PyCapsule_SetPointer(PyObject* op, void* pointer) {
  if (pointer == nullptr) {
    PyErr_SetString(PyExc_ValueError, "PyCapsule_SetPointer called with null pointer");
    return -1;
  }
  if (!krait::check_capsule(op, "PyCapsule_SetPointer")) return -1;
  krait::as_capsule(op)->pointer = pointer;
  return 0;
}

int PyCapsule_SetName(PyObject* op, const char* name) {
  if (!krait::check_capsule(op, "PyCapsule_SetName")) return -1;
  krait::as_capsule(op)->name = name;
  return 0;
}

int PyCapsule_SetDestructor(PyObject* op, PyCapsule_Destructor destructor) {
  if (!krait::check_capsule(op, "PyCapsule_SetDestructor")) return -1;
  krait::as_capsule(op)->destructor = destructor;
  return 0;
}

int PyCapsule_SetContext(PyObject* op, void* context) {
  if (!krait::check_capsule(op, "PyCapsule_SetContext")) return -1;
  krait::as_capsule(op)->context = context;
  return 0;
}

// "pkg.mod.attr": import the first component, then walk attributes (CPython
// imports only the first component; `pkg.mod` must already be reachable as an
// attribute, which importing `pkg` usually arranges). The capsule found must
// carry exactly the requested dotted name.
static bool is_missing_krait_capsule(const char* name) {
  return std::strcmp(name, "datetime.datetime_CAPI") == 0 || std::strcmp(name, "_socket.CAPI") == 0;
}

void* PyCapsule_Import(const char* name, int no_block) {
  const size_t len = std::strlen(name);
  char* path = static_cast<char*>(PyMem_Malloc(len + 1));
  if (path == nullptr) {
    PyErr_NoMemory();
    return nullptr;
  }
  std::memcpy(path, name, len + 1);

  Ref<> object;
  void* result = nullptr;
  for (char* part = path; part != nullptr;) {
    char* dot = std::strchr(part, '.');
    if (dot != nullptr) *dot++ = '\0';
    if (!object) {
      object = krait::steal(PyImport_ImportModule(part));
      if (!object) {
        PyErr_Format(PyExc_ImportError, "PyCapsule_Import could not import module \"%s\"", part);
      }
    } else {
      object = krait::steal(PyObject_GetAttrString(object.get(), part));
      // C APIs Krait does not provide yet (datetime is the pure-Python module;
      // _socket has no CAPI capsule): asking for them is an ImportError
      // rather than CPython's AttributeError, so importers fall back as when
      // an accelerator is missing (zoneinfo over _zoneinfo, http.client
      // without ssl). Remove an entry once its capsule exists.
      if (!object && is_missing_krait_capsule(name) &&
          PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        PyErr_Format(PyExc_ImportError, "PyCapsule_Import could not import \"%s\"", name);
      }
    }
    if (!object) break;
    part = dot;
  }
  if (object) {
    if (PyCapsule_IsValid(object.get(), name)) {
      result = krait::as_capsule(object.get())->pointer;
    } else {
      PyErr_Format(PyExc_AttributeError, "PyCapsule_Import \"%s\" is not valid", name);
    }
  }
  PyMem_Free(path);
  return result;
}

}  // extern "C"
