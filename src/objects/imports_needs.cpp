// imports_needs.cpp — TEMPORARY stand-ins for native modules that importlib
// needs at start-up and that other branches own (osmods: posix, _thread,
// _warnings, _weakref; _io is src/modules/io). Each stand-in is installed into sys.modules only
// when PyImport_Inittab has no module of that name, so the real modules win
// as soon as they are merged; the lead can then delete this file.
//
// They implement only what importlib._bootstrap/_bootstrap_external call
// (stat, listdir, getcwd, open/read/write/close, mkdir, replace, unlink;
// FileIO; allocate_lock/get_ident; warn; weak references) — enough to import
// pure-Python modules from sys.path and write the bytecode cache.
#include <Python.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "compiler/compiler.h"
#include "interp/support.h"
#include "support/ref.h"

extern char** environ;

namespace krait {
namespace {

// ---- posix ---------------------------------------------------------------------

PyObject* path_arg(PyObject* p, std::string* out) {  // bool-ish; fills *out
  PyObject* raw = nullptr;
  if (PyLong_Check(p)) {
    PyErr_SetString(PyExc_TypeError, "fd arguments are not supported by the bootstrap posix");
    return nullptr;
  }
  if (PyBytes_Check(p)) {
    *out = std::string(PyBytes_AS_STRING(p), static_cast<size_t>(PyBytes_GET_SIZE(p)));
    return Py_None;
  }
  if (!PyUnicode_Check(p)) {
    PyErr_Format(PyExc_TypeError, "expected str, bytes or os.PathLike object, not %.200s",
                 Py_TYPE(p)->tp_name);
    return nullptr;
  }
  raw = PyUnicode_EncodeFSDefault(p);
  if (!raw) return nullptr;
  *out = std::string(PyBytes_AS_STRING(raw), static_cast<size_t>(PyBytes_GET_SIZE(raw)));
  Py_DECREF(raw);
  return Py_None;
}

PyObject* os_error(PyObject* filename) {
  return PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, filename);
}

PyStructSequence_Field stat_fields[] = {
    {"st_mode", nullptr},  {"st_ino", nullptr},   {"st_dev", nullptr},   {"st_nlink", nullptr},
    {"st_uid", nullptr},   {"st_gid", nullptr},   {"st_size", nullptr},  {"st_atime", nullptr},
    {"st_mtime", nullptr}, {"st_ctime", nullptr}, {"st_mtime_ns", nullptr}, {nullptr, nullptr}};
PyStructSequence_Desc stat_desc = {"os.stat_result", nullptr, stat_fields, 10};
PyTypeObject StatResultType;

PyObject* make_stat(const struct stat& st) {
  PyObject* r = PyStructSequence_New(&StatResultType);
  if (!r) return nullptr;
  auto ts = [](const struct timespec& t) { return static_cast<double>(t.tv_sec) + t.tv_nsec * 1e-9; };
  PyStructSequence_SET_ITEM(r, 0, PyLong_FromLong(st.st_mode));
  PyStructSequence_SET_ITEM(r, 1, PyLong_FromUnsignedLongLong(st.st_ino));
  PyStructSequence_SET_ITEM(r, 2, PyLong_FromUnsignedLongLong(st.st_dev));
  PyStructSequence_SET_ITEM(r, 3, PyLong_FromLong(static_cast<long>(st.st_nlink)));
  PyStructSequence_SET_ITEM(r, 4, PyLong_FromLong(st.st_uid));
  PyStructSequence_SET_ITEM(r, 5, PyLong_FromLong(st.st_gid));
  PyStructSequence_SET_ITEM(r, 6, PyLong_FromLongLong(st.st_size));
  PyStructSequence_SET_ITEM(r, 7, PyFloat_FromDouble(ts(st.st_atim)));
  PyStructSequence_SET_ITEM(r, 8, PyFloat_FromDouble(ts(st.st_mtim)));
  PyStructSequence_SET_ITEM(r, 9, PyFloat_FromDouble(ts(st.st_ctim)));
  PyStructSequence_SET_ITEM(
      r, 10, PyLong_FromLongLong(static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec));
  if (PyErr_Occurred()) {
    Py_DECREF(r);
    return nullptr;
  }
  return r;
}

PyObject* do_stat(PyObject* p, bool follow) {
  struct stat st;
  if (PyLong_Check(p)) {
    int fd = static_cast<int>(PyLong_AsLong(p));
    if (fstat(fd, &st) < 0) return os_error(nullptr);
    return make_stat(st);
  }
  std::string path;
  if (!path_arg(p, &path)) return nullptr;
  int r = follow ? ::stat(path.c_str(), &st) : ::lstat(path.c_str(), &st);
  if (r < 0) return os_error(p);
  return make_stat(st);
}

PyObject* px_stat(PyObject*, PyObject* p) { return do_stat(p, true); }
PyObject* px_lstat(PyObject*, PyObject* p) { return do_stat(p, false); }
PyObject* px_fspath(PyObject*, PyObject* p) {
  if (PyUnicode_Check(p) || PyBytes_Check(p)) return Py_NewRef(p);
  return PyObject_CallMethod(p, "__fspath__", nullptr);
}

PyObject* px_getcwd(PyObject*, PyObject*) {
  char buf[4096];
  if (!::getcwd(buf, sizeof buf)) return os_error(nullptr);
  return PyUnicode_DecodeFSDefault(buf);
}

PyObject* px_listdir(PyObject*, PyObject* args) {
  PyObject* p = nullptr;
  if (!PyArg_UnpackTuple(args, "listdir", 0, 1, &p)) return nullptr;
  std::string path = ".";
  bool as_bytes = p && PyBytes_Check(p);
  if (p && p != Py_None && !path_arg(p, &path)) return nullptr;
  DIR* d = opendir(path.c_str());
  if (!d) return os_error(p ? p : nullptr);
  Ref<> list = steal(PyList_New(0));
  while (dirent* e = readdir(d)) {
    if (!std::strcmp(e->d_name, ".") || !std::strcmp(e->d_name, "..")) continue;
    Ref<> name = steal(as_bytes ? PyBytes_FromString(e->d_name) : PyUnicode_DecodeFSDefault(e->d_name));
    if (!name || PyList_Append(list.get(), name.get()) < 0) {
      closedir(d);
      return nullptr;
    }
  }
  closedir(d);
  return list.release();
}

PyObject* px_open(PyObject*, PyObject* args) {
  PyObject* p;
  int flags, mode = 0777;
  if (!PyArg_ParseTuple(args, "Oi|i:open", &p, &flags, &mode)) return nullptr;
  std::string path;
  if (!path_arg(p, &path)) return nullptr;
  int fd = ::open(path.c_str(), flags | O_CLOEXEC, mode);
  if (fd < 0) return os_error(p);
  return PyLong_FromLong(fd);
}

PyObject* px_read(PyObject*, PyObject* args) {
  int fd;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "in:read", &fd, &n)) return nullptr;
  std::string buf(static_cast<size_t>(n), '\0');
  ssize_t got;
  do got = ::read(fd, buf.data(), static_cast<size_t>(n));
  while (got < 0 && errno == EINTR);
  if (got < 0) return os_error(nullptr);
  return PyBytes_FromStringAndSize(buf.data(), got);
}

PyObject* px_write(PyObject*, PyObject* args) {
  int fd;
  Py_buffer b;
  if (!PyArg_ParseTuple(args, "iy*:write", &fd, &b)) return nullptr;
  ssize_t n;
  do n = ::write(fd, b.buf, static_cast<size_t>(b.len));
  while (n < 0 && errno == EINTR);
  PyBuffer_Release(&b);
  if (n < 0) return os_error(nullptr);
  return PyLong_FromSsize_t(n);
}

PyObject* px_close(PyObject*, PyObject* fd) {
  if (::close(static_cast<int>(PyLong_AsLong(fd))) < 0) return os_error(nullptr);
  Py_RETURN_NONE;
}

PyObject* px_mkdir(PyObject*, PyObject* args) {
  PyObject* p;
  int mode = 0777;
  if (!PyArg_ParseTuple(args, "O|i:mkdir", &p, &mode)) return nullptr;
  std::string path;
  if (!path_arg(p, &path)) return nullptr;
  if (::mkdir(path.c_str(), static_cast<mode_t>(mode)) < 0) return os_error(p);
  Py_RETURN_NONE;
}

PyObject* px_replace(PyObject*, PyObject* args) {
  PyObject *a, *b;
  if (!PyArg_ParseTuple(args, "OO:replace", &a, &b)) return nullptr;
  std::string pa, pb;
  if (!path_arg(a, &pa) || !path_arg(b, &pb)) return nullptr;
  if (::rename(pa.c_str(), pb.c_str()) < 0) return PyErr_SetFromErrnoWithFilenameObjects(PyExc_OSError, a, b);
  Py_RETURN_NONE;
}

PyObject* px_unlink(PyObject*, PyObject* p) {
  std::string path;
  if (!path_arg(p, &path)) return nullptr;
  if (::unlink(path.c_str()) < 0) return os_error(p);
  Py_RETURN_NONE;
}

PyObject* px_getpid(PyObject*, PyObject*) { return PyLong_FromLong(::getpid()); }

PyMethodDef posix_methods[] = {
    {"stat", px_stat, METH_O, nullptr},
    {"lstat", px_lstat, METH_O, nullptr},
    {"fspath", px_fspath, METH_O, nullptr},
    {"getcwd", px_getcwd, METH_NOARGS, nullptr},
    {"listdir", px_listdir, METH_VARARGS, nullptr},
    {"open", px_open, METH_VARARGS, nullptr},
    {"read", px_read, METH_VARARGS, nullptr},
    {"write", px_write, METH_VARARGS, nullptr},
    {"close", px_close, METH_O, nullptr},
    {"mkdir", px_mkdir, METH_VARARGS, nullptr},
    {"replace", px_replace, METH_VARARGS, nullptr},
    {"rename", px_replace, METH_VARARGS, nullptr},
    {"unlink", px_unlink, METH_O, nullptr},
    {"remove", px_unlink, METH_O, nullptr},
    {"getpid", px_getpid, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef posix_def = {PyModuleDef_HEAD_INIT, "posix", "Bootstrap stand-in for posix.", -1,
                         posix_methods, nullptr, nullptr, nullptr, nullptr};

PyObject* make_posix() {
  if (!StatResultType.tp_name && PyStructSequence_InitType2(&StatResultType, &stat_desc) < 0)
    return nullptr;
  Ref<> m = steal(PyModule_Create(&posix_def));
  if (!m) return nullptr;
  Ref<> env = steal(PyDict_New());
  if (!env) return nullptr;
  for (char** e = environ; e && *e; e++) {
    const char* eq = std::strchr(*e, '=');
    if (!eq) continue;
    Ref<> k = steal(PyBytes_FromStringAndSize(*e, eq - *e));
    Ref<> v = steal(PyBytes_FromString(eq + 1));
    if (!k || !v || PyDict_SetDefault(env.get(), k.get(), v.get()) == nullptr) return nullptr;
  }
  if (PyModule_AddObjectRef(m.get(), "environ", env.get()) < 0) return nullptr;
  if (PyModule_AddObjectRef(m.get(), "stat_result", reinterpret_cast<PyObject*>(&StatResultType)) < 0)
    return nullptr;
  if (PyModule_AddObjectRef(m.get(), "error", PyExc_OSError) < 0) return nullptr;
  struct {
    const char* n;
    long v;
  } consts[] = {{"O_RDONLY", O_RDONLY}, {"O_WRONLY", O_WRONLY}, {"O_RDWR", O_RDWR},
                {"O_CREAT", O_CREAT},   {"O_EXCL", O_EXCL},     {"O_TRUNC", O_TRUNC},
                {"O_APPEND", O_APPEND}, {"O_CLOEXEC", O_CLOEXEC}, {"F_OK", F_OK},
                {"R_OK", R_OK},         {"W_OK", W_OK},         {"X_OK", X_OK}};
  for (auto& c : consts)
    if (PyModule_AddIntConstant(m.get(), c.n, c.v) < 0) return nullptr;
  return m.release();
}

// ---- _weakref ------------------------------------------------------------------

PyObject* wr_getweakrefcount(PyObject*, PyObject* o) {
  if (Py_TYPE(o)->tp_weaklistoffset <= 0) return PyLong_FromLong(0);
  auto** list = reinterpret_cast<PyWeakReference**>(reinterpret_cast<char*>(o) + Py_TYPE(o)->tp_weaklistoffset);
  return PyLong_FromSsize_t(_PyWeakref_GetWeakrefCount(*list));
}

PyObject* wr_getweakrefs(PyObject*, PyObject* o) {
  Ref<> list = steal(PyList_New(0));
  if (!list || Py_TYPE(o)->tp_weaklistoffset <= 0) return list.release();
  auto** head = reinterpret_cast<PyWeakReference**>(reinterpret_cast<char*>(o) + Py_TYPE(o)->tp_weaklistoffset);
  for (PyWeakReference* r = *head; r; r = r->wr_next)
    if (PyList_Append(list.get(), reinterpret_cast<PyObject*>(r)) < 0) return nullptr;
  return list.release();
}

PyObject* wr_proxy(PyObject*, PyObject* args) {
  PyObject *o, *cb = nullptr;
  if (!PyArg_UnpackTuple(args, "proxy", 1, 2, &o, &cb)) return nullptr;
  return PyWeakref_NewProxy(o, cb);
}

// _remove_dead_weakref(dict, key): deletes dict[key] if it is a dead weakref.
PyObject* wr_remove_dead(PyObject*, PyObject* args) {
  PyObject *d, *key;
  if (!PyArg_ParseTuple(args, "O!O:_remove_dead_weakref", &PyDict_Type, &d, &key)) return nullptr;
  PyObject* v = PyDict_GetItemWithError(d, key);
  if (!v) {
    if (PyErr_Occurred()) return nullptr;
    Py_RETURN_NONE;
  }
  if (PyWeakref_Check(v) && PyWeakref_GetObject(v) == Py_None && PyDict_DelItem(d, key) < 0)
    return nullptr;
  Py_RETURN_NONE;
}

PyMethodDef weakref_methods[] = {
    {"getweakrefcount", wr_getweakrefcount, METH_O, nullptr},
    {"getweakrefs", wr_getweakrefs, METH_O, nullptr},
    {"proxy", wr_proxy, METH_VARARGS, nullptr},
    {"_remove_dead_weakref", wr_remove_dead, METH_VARARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
PyModuleDef weakref_def = {PyModuleDef_HEAD_INIT, "_weakref", "Bootstrap stand-in for _weakref.", -1,
                           weakref_methods, nullptr, nullptr, nullptr, nullptr};

PyObject* make_weakref() {
  Ref<> m = steal(PyModule_Create(&weakref_def));
  if (!m) return nullptr;
  struct {
    const char* n;
    PyTypeObject* t;
  } types[] = {{"ref", &_PyWeakref_RefType},
               {"ReferenceType", &_PyWeakref_RefType},
               {"ProxyType", &_PyWeakref_ProxyType},
               {"CallableProxyType", &_PyWeakref_CallableProxyType}};
  for (auto& t : types)
    if (PyModule_AddObjectRef(m.get(), t.n, reinterpret_cast<PyObject*>(t.t)) < 0) return nullptr;
  return m.release();
}


bool have_builtin(const char* name) {
  for (_inittab* p = PyImport_Inittab; p && p->name; p++)
    if (std::strcmp(p->name, name) == 0) return true;
  return false;
}

}  // namespace

// Installs the stand-ins that importlib needs and no merged module provides.
int install_fallback_modules() {
  PyObject* modules = PyImport_GetModuleDict();
  struct Fallback {
    const char* name;
    PyObject* (*make)();
  } natives[] = {{"posix", make_posix}, {"_weakref", make_weakref}};
  for (auto& f : natives) {
    if (have_builtin(f.name)) continue;
    Ref<> m = steal(f.make());
    if (!m || PyDict_SetItemString(modules, f.name, m.get()) < 0) return -1;
  }
  return 0;
}

}  // namespace krait
