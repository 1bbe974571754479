// posix_conf.cpp — system configuration queries of the posix module: sysconf, confstr, pathconf,
// fpathconf (with their *_names dictionaries, from posix_conf_names.def) and statvfs/fstatvfs.
#include <Python.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "modules/posix/posix_internal.h"

namespace krait::posix {

namespace {

struct ConfName {
  const char* name;
  int value;
};

const ConfName kSysconfNames[] = {
#define SYSCONF_NAME(n) {#n, _##n},
#define CONFSTR_NAME(n)
#define PATHCONF_NAME(n)
#include "modules/posix/posix_conf_names.def"
#undef SYSCONF_NAME
#undef CONFSTR_NAME
#undef PATHCONF_NAME
};
const ConfName kConfstrNames[] = {
#define SYSCONF_NAME(n)
#define CONFSTR_NAME(n) {#n, _##n},
#define PATHCONF_NAME(n)
#include "modules/posix/posix_conf_names.def"
#undef SYSCONF_NAME
#undef CONFSTR_NAME
#undef PATHCONF_NAME
};
const ConfName kPathconfNames[] = {
#define SYSCONF_NAME(n)
#define CONFSTR_NAME(n)
#define PATHCONF_NAME(n) {#n, _##n},
#include "modules/posix/posix_conf_names.def"
#undef SYSCONF_NAME
#undef CONFSTR_NAME
#undef PATHCONF_NAME
};

// The configuration name argument: an int, or a str looked up in the table (CPython's
// conv_confname): "unrecognized configuration name" for unknown strings.
template <size_t N>
bool conv_confname(PyObject* arg, const ConfName (&table)[N], int* out) {
  if (PyLong_Check(arg)) {
    int v = _PyLong_AsInt(arg);
    if (v == -1 && PyErr_Occurred()) return false;
    *out = v;
    return true;
  }
  if (!PyUnicode_Check(arg)) {
    PyErr_SetString(PyExc_TypeError, "configuration names must be strings or integers");
    return false;
  }
  const char* s = PyUnicode_AsUTF8(arg);
  if (!s) return false;
  for (const ConfName& c : table) {
    if (std::strcmp(c.name, s) == 0) {
      *out = c.value;
      return true;
    }
  }
  PyErr_SetString(PyExc_ValueError, "unrecognized configuration name");
  return false;
}

PyObject* os_sysconf(PyObject*, PyObject* arg) {
  int name;
  if (!conv_confname(arg, kSysconfNames, &name)) return nullptr;
  errno = 0;
  long v = sysconf(name);
  if (v == -1 && errno != 0) return posix_error();
  return PyLong_FromLong(v);
}

PyObject* os_confstr(PyObject*, PyObject* arg) {
  int name;
  if (!conv_confname(arg, kConfstrNames, &name)) return nullptr;
  errno = 0;
  size_t len = confstr(name, nullptr, 0);
  if (len == 0) {
    if (errno) return posix_error();
    Py_RETURN_NONE;  // the name is valid but has no value
  }
  std::string buf(len, '\0');
  confstr(name, buf.data(), len);
  return PyUnicode_DecodeFSDefaultAndSize(buf.data(), static_cast<Py_ssize_t>(len - 1));
}

PyObject* pathconf_result(long v) {
  if (v == -1 && errno != 0) return posix_error();
  return PyLong_FromLong(v);
}

PyObject* os_fpathconf(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("fpathconf", nargs, 2, 2)) return nullptr;
  int fd, name;
  if (!fd_converter(args[0], &fd) || !conv_confname(args[1], kPathconfNames, &name)) return nullptr;
  errno = 0;
  long v = fpathconf(fd, name);
  return pathconf_result(v);
}

PyObject* os_pathconf(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "name", nullptr};
  static _PyArg_Parser parser = {"O&O:pathconf", kwlist, 0};
  Path path("pathconf", "path", true);
  PyObject* name_obj;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path, &name_obj))
    return nullptr;
  int name;
  if (!conv_confname(name_obj, kPathconfNames, &name)) return nullptr;
  errno = 0;
  long v = path.is_fd() ? fpathconf(path.fd, name) : pathconf(path.narrow, name);
  if (v == -1 && errno != 0) return path_error(path);
  return PyLong_FromLong(v);
}

PyObject* statvfs_result(const struct statvfs& st) {
  PyObject* r = PyStructSequence_New(g_statvfs_result);
  if (!r) return nullptr;
  PyObject* items[] = {
      PyLong_FromUnsignedLong(st.f_bsize),     PyLong_FromUnsignedLong(st.f_frsize),
      PyLong_FromUnsignedLongLong(st.f_blocks), PyLong_FromUnsignedLongLong(st.f_bfree),
      PyLong_FromUnsignedLongLong(st.f_bavail), PyLong_FromUnsignedLongLong(st.f_files),
      PyLong_FromUnsignedLongLong(st.f_ffree),  PyLong_FromUnsignedLongLong(st.f_favail),
      PyLong_FromUnsignedLong(st.f_flag),       PyLong_FromUnsignedLong(st.f_namemax),
      PyLong_FromUnsignedLong(st.f_fsid),
  };
  bool ok = true;
  for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
    if (!items[i]) ok = false;
    PyStructSequence_SET_ITEM(r, static_cast<Py_ssize_t>(i), items[i]);
  }
  if (!ok) {
    Py_DECREF(r);
    return nullptr;
  }
  return r;
}

PyObject* os_statvfs(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", nullptr};
  static _PyArg_Parser parser = {"O&:statvfs", kwlist, 0};
  Path path("statvfs", "path", true);
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path)) return nullptr;
  struct statvfs st;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = path.is_fd() ? fstatvfs(path.fd, &st) : statvfs(path.narrow, &st);
  Py_END_ALLOW_THREADS
  if (r != 0) return path_error(path);
  return statvfs_result(st);
}

PyObject* os_fstatvfs(PyObject*, PyObject* arg) {
  int fd;
  if (!fd_converter(arg, &fd)) return nullptr;
  struct statvfs st;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = fstatvfs(fd, &st);
  Py_END_ALLOW_THREADS
  if (r != 0) return posix_error();
  return statvfs_result(st);
}

template <size_t N>
int add_names(PyObject* m, const char* attr, const ConfName (&table)[N]) {
  Ref<> d = steal(PyDict_New());
  if (!d) return -1;
  for (const ConfName& c : table) {
    Ref<> v = steal(PyLong_FromLong(c.value));
    if (!v || PyDict_SetItemString(d.get(), c.name, v.get()) < 0) return -1;
  }
  return PyModule_AddObjectRef(m, attr, d.get());
}

#define FC(fn) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fn))

}  // namespace

PyMethodDef posix_conf_methods[] = {
    {"sysconf", os_sysconf, METH_O,
     "sysconf($module, name, /)\n--\n\nReturn an integer-valued system configuration variable."},
    {"confstr", os_confstr, METH_O,
     "confstr($module, name, /)\n--\n\nReturn a string-valued system configuration variable."},
    {"fpathconf", FC(os_fpathconf), METH_FASTCALL,
     "fpathconf($module, fd, name, /)\n--\n\nReturn the configuration limit name for the file "
     "descriptor fd."},
    {"pathconf", FC(os_pathconf), METH_FASTCALL | METH_KEYWORDS,
     "pathconf($module, /, path, name)\n--\n\nReturn the configuration limit name for the file or "
     "directory path."},
    {"statvfs", FC(os_statvfs), METH_FASTCALL | METH_KEYWORDS,
     "statvfs($module, /, path)\n--\n\nPerform a statvfs system call on the given path."},
    {"fstatvfs", os_fstatvfs, METH_O,
     "fstatvfs($module, fd, /)\n--\n\nPerform an fstatvfs system call on the given fd."},
    {nullptr, nullptr, 0, nullptr},
};

int init_conf_names(PyObject* m) {
  if (add_names(m, "sysconf_names", kSysconfNames) < 0) return -1;
  if (add_names(m, "confstr_names", kConfstrNames) < 0) return -1;
  return add_names(m, "pathconf_names", kPathconfNames);
}

}  // namespace krait::posix
