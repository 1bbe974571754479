// pwd_module.cpp — the `pwd` module: getpwuid, getpwnam, getpwall and the
// pwd.struct_passwd struct sequence, over the reentrant getpw*_r calls.
#include <Python.h>
#include <errno.h>
#include <pwd.h>
#include <unistd.h>

#include <vector>

#include "support/ref.h"

extern "C" int _Py_Uid_Converter(PyObject* obj, void* p);
extern "C" PyObject* _PyLong_FromUid(uid_t uid);
extern "C" PyObject* _PyLong_FromGid(gid_t gid);

using namespace krait;

namespace {

PyTypeObject* g_passwd_type = nullptr;

PyStructSequence_Field passwd_fields[] = {
    {"pw_name", "user name"},       {"pw_passwd", "password"},  {"pw_uid", "user id"},
    {"pw_gid", "group id"},         {"pw_gecos", "real name"},  {"pw_dir", "home directory"},
    {"pw_shell", "shell program"},  {nullptr, nullptr}};

PyStructSequence_Desc passwd_desc = {
    "pwd.struct_passwd",
    "pwd.struct_passwd: Results from getpw*() routines.\n\n"
    "This object may be accessed either as a tuple of\n"
    "  (pw_name,pw_passwd,pw_uid,pw_gid,pw_gecos,pw_dir,pw_shell)\n"
    "or via the object attributes as named in the above tuple.",
    passwd_fields, 7};

PyObject* decode(const char* s) {
  if (!s) Py_RETURN_NONE;
  return PyUnicode_DecodeFSDefault(s);
}

PyObject* make_entry(const struct passwd* p) {
  Ref<> v = steal(PyStructSequence_New(g_passwd_type));
  if (!v) return nullptr;
  PyObject* items[] = {decode(p->pw_name), decode(p->pw_passwd), _PyLong_FromUid(p->pw_uid),
                       _PyLong_FromGid(p->pw_gid), decode(p->pw_gecos), decode(p->pw_dir),
                       decode(p->pw_shell)};
  bool ok = true;
  for (int i = 0; i < 7; i++) {
    if (!items[i]) ok = false;
    PyStructSequence_SET_ITEM(v.get(), i, items[i]);
  }
  return ok ? v.release() : nullptr;
}

// Calls getpwuid_r/getpwnam_r with a growing buffer. Returns 1 found,
// 0 not found, -1 out of memory.
template <typename F>
int lookup(F call, struct passwd* pw, std::vector<char>& buf) {
  long sz = sysconf(_SC_GETPW_R_SIZE_MAX);
  buf.resize(sz > 0 ? sz : 1024);
  for (;;) {
    struct passwd* result = nullptr;
    int status;
    Py_BEGIN_ALLOW_THREADS
    status = call(pw, buf.data(), buf.size(), &result);
    Py_END_ALLOW_THREADS
    if (status == ERANGE) {
      if (buf.size() > (1u << 28)) return -1;
      buf.resize(buf.size() * 2);
      continue;
    }
    return result ? 1 : 0;
  }
}

PyObject* pwd_getpwuid(PyObject*, PyObject* arg) {
  uid_t uid;
  if (!_Py_Uid_Converter(arg, &uid)) {
    if (PyErr_ExceptionMatches(PyExc_OverflowError))
      PyErr_Format(PyExc_KeyError, "getpwuid(): uid not found");
    return nullptr;
  }
  struct passwd pw;
  std::vector<char> buf;
  int r = lookup([uid](struct passwd* p, char* b, size_t n, struct passwd** out) {
    return getpwuid_r(uid, p, b, n, out);
  }, &pw, buf);
  if (r < 0) return PyErr_NoMemory();
  if (r == 0) {
    Ref<> uid_obj = steal(_PyLong_FromUid(uid));
    if (!uid_obj) return nullptr;
    PyErr_Format(PyExc_KeyError, "getpwuid(): uid not found: %S", uid_obj.get());
    return nullptr;
  }
  return make_entry(&pw);
}

PyObject* pwd_getpwnam(PyObject*, PyObject* arg) {
  if (!PyUnicode_Check(arg)) {
    PyErr_Format(PyExc_TypeError, "getpwnam() argument must be str, not %.50s", Py_TYPE(arg)->tp_name);
    return nullptr;
  }
  Ref<> bytes = steal(PyUnicode_EncodeFSDefault(arg));
  if (!bytes) return nullptr;
  char* name;
  if (PyBytes_AsStringAndSize(bytes.get(), &name, nullptr) < 0) return nullptr;
  struct passwd pw;
  std::vector<char> buf;
  int r = lookup([name](struct passwd* p, char* b, size_t n, struct passwd** out) {
    return getpwnam_r(name, p, b, n, out);
  }, &pw, buf);
  if (r < 0) return PyErr_NoMemory();
  if (r == 0) {
    PyErr_Format(PyExc_KeyError, "getpwnam(): name not found: %R", arg);
    return nullptr;
  }
  return make_entry(&pw);
}

PyObject* pwd_getpwall(PyObject*, PyObject*) {
  Ref<> list = steal(PyList_New(0));
  if (!list) return nullptr;
  // getpwent is not reentrant; with the GIL held nothing else calls it.
  setpwent();
  struct passwd* p;
  while ((p = getpwent()) != nullptr) {
    Ref<> v = steal(make_entry(p));
    if (!v || PyList_Append(list.get(), v.get()) < 0) {
      endpwent();
      return nullptr;
    }
  }
  endpwent();
  return list.release();
}

PyMethodDef pwd_methods[] = {
    {"getpwuid", pwd_getpwuid, METH_O,
     "getpwuid($module, uidobj, /)\n--\n\n"
     "Return the password database entry for the given numeric user ID.\n\n"
     "See `help(pwd)` for more on password database entries."},
    {"getpwnam", pwd_getpwnam, METH_O,
     "getpwnam($module, name, /)\n--\n\n"
     "Return the password database entry for the given user name.\n\n"
     "See `help(pwd)` for more on password database entries."},
    {"getpwall", pwd_getpwall, METH_NOARGS,
     "getpwall($module, /)\n--\n\n"
     "Return a list of all available password database entries, in arbitrary order.\n\n"
     "See help(pwd) for more on password database entries."},
    {nullptr, nullptr, 0, nullptr}};

PyModuleDef pwd_module = {
    PyModuleDef_HEAD_INIT, "pwd",
    "This module provides access to the Unix password database.\n"
    "It is available on all Unix versions.\n\n"
    "Password database entries are reported as 7-tuples containing the following\n"
    "items from the password database (see `<pwd.h>'), in order:\n"
    "pw_name, pw_passwd, pw_uid, pw_gid, pw_gecos, pw_dir, pw_shell.\n"
    "The uid and gid items are integers, all others are strings. An\n"
    "exception is raised if the entry asked for cannot be found.",
    -1, pwd_methods, nullptr, nullptr, nullptr, nullptr};

}  // namespace

PyMODINIT_FUNC PyInit_pwd(void) {
  Ref<> m = steal(PyModule_Create(&pwd_module));
  if (!m) return nullptr;
  if (!g_passwd_type && !(g_passwd_type = PyStructSequence_NewType(&passwd_desc))) return nullptr;
  if (PyModule_AddObjectRef(m.get(), "struct_passwd", reinterpret_cast<PyObject*>(g_passwd_type)) < 0)
    return nullptr;
  return m.release();
}
