// posix_path.cpp — path argument conversion for the posix module, os.fspath
// and PyOS_FSPath (the C API function CPython also defines in posixmodule.c).
#include <fcntl.h>
#include <string.h>

#include "modules/posix/posix_internal.h"

namespace krait::posix {

namespace {

// type(o).__fspath__ bound to o, or NULL without an exception when absent.
PyObject* lookup_fspath(PyObject* o) {
  static PyObject* name = PyUnicode_InternFromString("__fspath__");
  PyObject* f = _PyType_Lookup(Py_TYPE(o), name);
  if (!f) return nullptr;
  if (descrgetfunc get = Py_TYPE(f)->tp_descr_get)
    return get(f, o, reinterpret_cast<PyObject*>(Py_TYPE(o)));
  return Py_NewRef(f);
}

// __fspath__ protocol: str/bytes pass through, else call type(o).__fspath__.
PyObject* fspath(PyObject* path) {
  if (PyUnicode_Check(path) || PyBytes_Check(path)) return Py_NewRef(path);
  Ref<> func = steal(lookup_fspath(path));
  if (!func) {
    if (PyErr_Occurred()) return nullptr;
    PyErr_Format(PyExc_TypeError, "expected str, bytes or os.PathLike object, not %.200s",
                 Py_TYPE(path)->tp_name);
    return nullptr;
  }
  Ref<> res = steal(PyObject_CallNoArgs(func.get()));
  if (!res) return nullptr;
  if (!PyUnicode_Check(res.get()) && !PyBytes_Check(res.get())) {
    PyErr_Format(PyExc_TypeError, "expected %.200s.__fspath__() to return str or bytes, not %.200s",
                 Py_TYPE(path)->tp_name, Py_TYPE(res.get())->tp_name);
    return nullptr;
  }
  return res.release();
}

}  // namespace

int path_converter(PyObject* o, void* p) {
  auto* path = static_cast<Path*>(p);
  path->object = o;
  if (o == Py_None && path->nullable) return 1;
  if (path->allow_fd && PyIndex_Check(o) && !PyUnicode_Check(o) && !PyBytes_Check(o)) {
    int fd;
    if (!fd_converter(o, &fd)) return 0;
    path->fd = fd;
    return 1;
  }
  Ref<> res;
  bool pathlike = false;
  if (PyUnicode_Check(o) || PyBytes_Check(o)) {
    res = borrow(o);
  } else {
    Ref<> func = steal(lookup_fspath(o));
    if (!func && PyErr_Occurred()) return 0;
    if (func) {
      res = steal(PyObject_CallNoArgs(func.get()));
      if (!res) return 0;
      pathlike = true;
    }
  }
  if (!res || (!PyUnicode_Check(res.get()) && !PyBytes_Check(res.get()))) {
    if (pathlike) {
      PyErr_Format(PyExc_TypeError, "expected %.200s.__fspath__() to return str or bytes, not %.200s",
                   Py_TYPE(o)->tp_name, Py_TYPE(res.get())->tp_name);
      return 0;
    }
    const char* kinds = path->allow_fd && path->nullable ? "string, bytes, os.PathLike, integer or None"
                        : path->allow_fd                  ? "string, bytes, os.PathLike or integer"
                        : path->nullable                  ? "string, bytes, os.PathLike or None"
                                                          : "string, bytes or os.PathLike";
    const char* fn = path->function_name ? path->function_name : "";
    const char* sep = path->function_name ? ": " : "";
    const char* arg = path->argument_name ? path->argument_name : "path";
    if (!PyObject_CheckBuffer(o)) {
      PyErr_Format(PyExc_TypeError, "%s%s%s should be %s, not %.200s", fn, sep, arg, kinds, Py_TYPE(o)->tp_name);
      return 0;
    }
    // Other bytes-like objects (bytearray, memoryview) still work, deprecated, as in
    // CPython 3.11; errors keep the original object as the filename.
    if (PyErr_WarnFormat(PyExc_DeprecationWarning, 1, "%s%s%s should be %s, not %.200s", fn, sep, arg, kinds,
                         Py_TYPE(o)->tp_name) < 0)
      return 0;
    res = steal(PyBytes_FromObject(o));
    if (!res) return 0;
  }
  if (pathlike) {
    path->fspath = res;
    path->object = res.get();
  }
  if (PyUnicode_Check(res.get())) {
    path->bytes = steal(PyUnicode_EncodeFSDefault(res.get()));
    if (!path->bytes) return 0;
    if (strlen(PyBytes_AS_STRING(path->bytes.get())) !=
        static_cast<size_t>(PyBytes_GET_SIZE(path->bytes.get()))) {
      PyErr_SetString(PyExc_ValueError, "embedded null byte");  // as PyUnicode_FSConverter
      return 0;
    }
  } else {
    path->bytes = std::move(res);
    path->is_bytes = true;
  }
  const char* s = PyBytes_AS_STRING(path->bytes.get());
  if (strlen(s) != static_cast<size_t>(PyBytes_GET_SIZE(path->bytes.get()))) {
    PyErr_Format(PyExc_ValueError, "%s%sembedded null character in %s",
                 path->function_name ? path->function_name : "", path->function_name ? ": " : "",
                 path->argument_name ? path->argument_name : "path");
    return 0;
  }
  path->narrow = s;
  return 1;
}

int int_converter(PyObject* o, void* p) {
  long v = PyLong_AsLong(o);
  if (v == -1 && PyErr_Occurred()) return 0;
  if (v > INT_MAX || v < INT_MIN) {
    PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
    return 0;
  }
  *static_cast<int*>(p) = static_cast<int>(v);
  return 1;
}

int fd_converter(PyObject* o, void* p) {
  Ref<> idx = steal(PyNumber_Index(o));
  if (!idx) return 0;
  int overflow;
  long v = PyLong_AsLongAndOverflow(idx.get(), &overflow);
  if (v == -1 && PyErr_Occurred()) return 0;
  if (overflow > 0 || v > INT_MAX) {
    PyErr_SetString(PyExc_OverflowError, "fd is greater than maximum");
    return 0;
  }
  if (overflow < 0 || v < INT_MIN) {
    PyErr_SetString(PyExc_OverflowError, "fd is less than minimum");
    return 0;
  }
  *static_cast<int*>(p) = static_cast<int>(v);
  return 1;
}

int dir_fd_converter(PyObject* o, void* p) {
  if (o == Py_None) {
    *static_cast<int*>(p) = AT_FDCWD;
    return 1;
  }
  if (!PyIndex_Check(o)) {
    PyErr_Format(PyExc_TypeError, "argument should be integer or None, not %.200s",
                 Py_TYPE(o)->tp_name);
    return 0;
  }
  return fd_converter(o, p);
}

PyObject* path_error(const Path& p) {
  return PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, p.object);
}

PyObject* path_error2(const Path& a, const Path& b) {
  return PyErr_SetFromErrnoWithFilenameObjects(PyExc_OSError, a.object, b.object);
}

PyObject* posix_error() { return PyErr_SetFromErrno(PyExc_OSError); }

PyObject* fs_name(const char* s, Py_ssize_t len, bool as_bytes) {
  if (as_bytes) return PyBytes_FromStringAndSize(s, len);
  return PyUnicode_DecodeFSDefaultAndSize(s, len);
}

PyObject* from_uid(uid_t uid) {
  if (uid == static_cast<uid_t>(-1)) return PyLong_FromLong(-1);
  return PyLong_FromUnsignedLong(uid);
}

PyObject* from_gid(gid_t gid) {
  if (gid == static_cast<gid_t>(-1)) return PyLong_FromLong(-1);
  return PyLong_FromUnsignedLong(gid);
}

namespace {

PyObject* os_fspath(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", nullptr};
  static _PyArg_Parser parser = {"O:fspath", kwlist, 0};
  PyObject* path;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, &path)) return nullptr;
  return fspath(path);
}

}  // namespace

PyMethodDef posix_path_methods[] = {
    {"fspath", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(os_fspath)),
     METH_FASTCALL | METH_KEYWORDS,
     "fspath($module, /, path)\n--\n\nReturn the file system path representation of the object.\n\n"
     "If the object is str or bytes, then allow it to pass through as-is. If the\n"
     "object defines __fspath__(), then return the result of that method. All other\n"
     "types raise a TypeError."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace krait::posix

extern "C" PyObject* PyOS_FSPath(PyObject* path) { return krait::posix::fspath(path); }
