// OSError: errno/strerror/filename/filename2, the errno -> subclass choice in
// OSError.__new__ (OSError(2, ...) is a FileNotFoundError),
// BlockingIOError.characters_written, and PyErr_SetFromErrno*.
#include <Python.h>
#include <structmember.h>

#include <cerrno>
#include <cstring>

#include "objects/exceptions_impl.h"
#include "objects/object_util.h"

namespace krait::exc {

static PyOSErrorObject* as_os(PyObject* o) { return reinterpret_cast<PyOSErrorObject*>(o); }

// OSError(errno, strerror[, filename[, winerror[, filename2]]]): with 2..5
// arguments the fields are filled; otherwise only args is kept.
static int parse_args(PyObject* args, PyObject** myerrno, PyObject** strerror,
                      PyObject** filename, PyObject** filename2) {
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  if (n >= 2 && n <= 5) {
    PyObject* winerror = nullptr;  // parsed for a uniform signature, ignored on POSIX
    if (!PyArg_UnpackTuple(args, "OSError", 2, 5, myerrno, strerror, filename, &winerror,
                           filename2))
      return -1;
  }
  return 0;
}

// Fills the fields; `*p_args` (owned) becomes self->args, cut to its first two
// items when a filename was given (old code unpacks `errno, strerror = e.args`).
static int init_fields(PyOSErrorObject* self, PyObject** p_args, PyObject* myerrno,
                       PyObject* strerror, PyObject* filename, PyObject* filename2) {
  PyObject* args = *p_args;
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  if (filename && filename != Py_None) {
    if (Py_IS_TYPE(reinterpret_cast<PyObject*>(self),
                   reinterpret_cast<PyTypeObject*>(PyExc_BlockingIOError)) &&
        PyNumber_Check(filename)) {
      // BlockingIOError's third argument is the number of characters written.
      self->written = PyNumber_AsSsize_t(filename, PyExc_ValueError);
      if (self->written == -1 && PyErr_Occurred()) return -1;
    } else {
      Py_INCREF(filename);
      Py_XSETREF(self->filename, filename);
      if (filename2 && filename2 != Py_None) {
        Py_INCREF(filename2);
        Py_XSETREF(self->filename2, filename2);
      }
      if (n >= 2 && n <= 5) {
        PyObject* sub = PyTuple_GetSlice(args, 0, 2);
        if (!sub) return -1;
        Py_DECREF(args);
        *p_args = args = sub;
      }
    }
  }
  Py_XINCREF(myerrno);
  Py_XSETREF(self->myerrno, myerrno);
  Py_XINCREF(strerror);
  Py_XSETREF(self->strerror, strerror);
  Py_XSETREF(self->args, args);
  *p_args = nullptr;
  return 0;
}


// When a subclass defines __init__ but not __new__, its __new__ call may
// carry arguments meant for that __init__: then argument handling moves to
// OSError.__init__ (CPython bpo-12555).
static bool use_init(PyTypeObject* type) {
  return type->tp_init != OSError_init && type->tp_new == OSError_new;
}

PyObject* OSError_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  PyObject *myerrno = nullptr, *strerror = nullptr, *filename = nullptr, *filename2 = nullptr;
  Py_INCREF(args);
  Ref<> owned_args = steal(args);
  if (!use_init(type)) {
    if (!no_keywords(type->tp_name, kwds)) return nullptr;
    if (parse_args(args, &myerrno, &strerror, &filename, &filename2) < 0) return nullptr;
    if (myerrno && PyLong_Check(myerrno) && g_errno_map &&
        type == reinterpret_cast<PyTypeObject*>(PyExc_OSError)) {
      PyObject* sub = PyDict_GetItemWithError(g_errno_map, myerrno);
      if (sub)
        type = reinterpret_cast<PyTypeObject*>(sub);
      else if (PyErr_Occurred())
        return nullptr;
    }
  }
  Ref<> obj = steal(type->tp_alloc(type, 0));
  if (!obj) return nullptr;
  auto* self = as_os(obj.get());
  self->written = -1;
  if (!use_init(type)) {
    PyObject* a = owned_args.release();
    if (init_fields(self, &a, myerrno, strerror, filename, filename2) < 0) {
      Py_XDECREF(a);
      return nullptr;
    }
  } else {
    self->args = PyTuple_New(0);
    if (!self->args) return nullptr;
  }
  return obj.release();
}

int OSError_init(PyObject* op, PyObject* args, PyObject* kwds) {
  if (!use_init(Py_TYPE(op))) return 0;  // OSError_new did everything
  if (!no_keywords(Py_TYPE(op)->tp_name, kwds)) return -1;
  PyObject *myerrno = nullptr, *strerror = nullptr, *filename = nullptr, *filename2 = nullptr;
  if (parse_args(args, &myerrno, &strerror, &filename, &filename2) < 0) return -1;
  Py_INCREF(args);
  PyObject* a = args;
  if (init_fields(as_os(op), &a, myerrno, strerror, filename, filename2) < 0) {
    Py_XDECREF(a);
    return -1;
  }
  return 0;
}

int OSError_clear(PyObject* op) {
  auto* self = as_os(op);
  Py_CLEAR(self->myerrno);
  Py_CLEAR(self->strerror);
  Py_CLEAR(self->filename);
  Py_CLEAR(self->filename2);
  return BaseException_clear(op);
}

void OSError_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  OSError_clear(op);
  Py_TYPE(op)->tp_free(op);
}

int OSError_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* self = as_os(op);
  Py_VISIT(self->myerrno);
  Py_VISIT(self->strerror);
  Py_VISIT(self->filename);
  Py_VISIT(self->filename2);
  return BaseException_traverse(op, visit, arg);
}

// "[Errno 2] No such file or directory: 'x'" (and " -> 'y'" for two names).
PyObject* OSError_str(PyObject* op) {
  auto* self = as_os(op);
  PyObject* eno = self->myerrno ? self->myerrno : Py_None;
  PyObject* serr = self->strerror ? self->strerror : Py_None;
  if (self->filename) {
    if (self->filename2)
      return PyUnicode_FromFormat("[Errno %S] %S: %R -> %R", eno, serr, self->filename,
                                  self->filename2);
    return PyUnicode_FromFormat("[Errno %S] %S: %R", eno, serr, self->filename);
  }
  if (self->myerrno && self->strerror)
    return PyUnicode_FromFormat("[Errno %S] %S", self->myerrno, self->strerror);
  return BaseException_str(op);
}

// Rebuilds the constructor arguments, filename(s) included, for pickling.
static PyObject* OSError_reduce(PyObject* op, PyObject*) {
  auto* self = as_os(op);
  Ref<> args = borrow(self->args);
  if (PyTuple_GET_SIZE(self->args) == 2 && self->filename) {
    Py_ssize_t size = self->filename2 ? 5 : 3;
    args = steal(PyTuple_New(size));
    if (!args) return nullptr;
    PyObject* items[5] = {PyTuple_GET_ITEM(self->args, 0), PyTuple_GET_ITEM(self->args, 1),
                          self->filename, Py_None, self->filename2};
    for (Py_ssize_t i = 0; i < size; i++) {
      Py_INCREF(items[i]);
      PyTuple_SET_ITEM(args.get(), i, items[i]);
    }
  }
  if (self->dict) return PyTuple_Pack(3, Py_TYPE(op), args.get(), self->dict);
  return PyTuple_Pack(2, Py_TYPE(op), args.get());
}

static PyObject* written_get(PyObject* op, void*) {
  auto* self = as_os(op);
  if (self->written == -1) {
    PyErr_SetString(PyExc_AttributeError, "characters_written");
    return nullptr;
  }
  return PyLong_FromSsize_t(self->written);
}

static int written_set(PyObject* op, PyObject* arg, void*) {
  auto* self = as_os(op);
  if (!arg) {
    if (self->written == -1) {
      PyErr_SetString(PyExc_AttributeError, "characters_written");
      return -1;
    }
    self->written = -1;
    return 0;
  }
  Py_ssize_t n = PyNumber_AsSsize_t(arg, PyExc_ValueError);
  if (n == -1 && PyErr_Occurred()) return -1;
  self->written = n;
  return 0;
}

PyMemberDef OSError_members[] = {
    {"errno", T_OBJECT, offsetof(PyOSErrorObject, myerrno), 0, "POSIX exception code"},
    {"strerror", T_OBJECT, offsetof(PyOSErrorObject, strerror), 0, "exception strerror"},
    {"filename", T_OBJECT, offsetof(PyOSErrorObject, filename), 0, "exception filename"},
    {"filename2", T_OBJECT, offsetof(PyOSErrorObject, filename2), 0,
     "second exception filename"},
    {nullptr, 0, 0, 0, nullptr},
};

PyMethodDef OSError_methods[] = {
    {"__reduce__", OSError_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef OSError_getset[] = {
    {"characters_written", written_get, written_set, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace krait::exc

// -- PyErr_SetFromErrno family ----------------------------------------------------------

PyObject* PyErr_SetFromErrnoWithFilenameObjects(PyObject* exc, PyObject* filename,
                                                PyObject* filename2) {
  int saved = errno;
  // As CPython: on EINTR a signal handler's exception takes precedence.
  if (saved == EINTR && PyErr_CheckSignals()) return nullptr;
  krait::Ref<> message;
  if (saved == 0) {
    message = krait::steal(PyUnicode_FromString("Error"));
  } else {
    message = krait::steal(PyUnicode_DecodeLocale(std::strerror(saved), "surrogateescape"));
  }
  if (!message) return nullptr;
  krait::Ref<> code = krait::steal(PyLong_FromLong(saved));
  if (!code) return nullptr;
  krait::Ref<> args;
  if (filename && filename2)
    args = krait::steal(
        PyTuple_Pack(5, code.get(), message.get(), filename, Py_None, filename2));
  else if (filename)
    args = krait::steal(PyTuple_Pack(3, code.get(), message.get(), filename));
  else
    args = krait::steal(PyTuple_Pack(2, code.get(), message.get()));
  if (!args) return nullptr;
  krait::Ref<> v = krait::steal(PyObject_Call(exc, args.get(), nullptr));
  if (v) PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(v.get())), v.get());
  return nullptr;
}

PyObject* PyErr_SetFromErrnoWithFilenameObject(PyObject* exc, PyObject* filename) {
  return PyErr_SetFromErrnoWithFilenameObjects(exc, filename, nullptr);
}

PyObject* PyErr_SetFromErrno(PyObject* exc) {
  return PyErr_SetFromErrnoWithFilenameObjects(exc, nullptr, nullptr);
}

PyObject* PyErr_SetFromErrnoWithFilename(PyObject* exc, const char* filename) {
  int saved = errno;
  krait::Ref<> name;
  if (filename) {
    name = krait::steal(PyUnicode_DecodeFSDefault(filename));
    if (!name) return nullptr;
  }
  errno = saved;
  return PyErr_SetFromErrnoWithFilenameObjects(exc, name.get(), nullptr);
}
