// posix_creds.cpp — process credentials and scheduling niceness of the posix module: set*uid /
// set*gid and their real/effective/saved variants, supplementary groups, process groups,
// getpriority/setpriority/nice and chroot. Messages and argument rules follow CPython 3.11.
#include <Python.h>
#include <grp.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "modules/posix/posix_internal.h"

namespace krait::posix {

namespace {

#define FC(fn) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fn))

PyObject* os_setuid(PyObject*, PyObject* arg) {
  uid_t uid;
  if (!_Py_Uid_Converter(arg, &uid)) return nullptr;
  return none_or_error(setuid(uid));
}
PyObject* os_seteuid(PyObject*, PyObject* arg) {
  uid_t uid;
  if (!_Py_Uid_Converter(arg, &uid)) return nullptr;
  return none_or_error(seteuid(uid));
}
PyObject* os_setgid(PyObject*, PyObject* arg) {
  gid_t gid;
  if (!_Py_Gid_Converter(arg, &gid)) return nullptr;
  return none_or_error(setgid(gid));
}
PyObject* os_setegid(PyObject*, PyObject* arg) {
  gid_t gid;
  if (!_Py_Gid_Converter(arg, &gid)) return nullptr;
  return none_or_error(setegid(gid));
}

PyObject* os_setreuid(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  uid_t r, e;
  if (!_PyArg_ParseStack(args, nargs, "O&O&:setreuid", _Py_Uid_Converter, &r, _Py_Uid_Converter, &e))
    return nullptr;
  return none_or_error(setreuid(r, e));
}
PyObject* os_setregid(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  gid_t r, e;
  if (!_PyArg_ParseStack(args, nargs, "O&O&:setregid", _Py_Gid_Converter, &r, _Py_Gid_Converter, &e))
    return nullptr;
  return none_or_error(setregid(r, e));
}
PyObject* os_setresuid(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  uid_t r, e, s;
  if (!_PyArg_ParseStack(args, nargs, "O&O&O&:setresuid", _Py_Uid_Converter, &r, _Py_Uid_Converter, &e,
                         _Py_Uid_Converter, &s))
    return nullptr;
  return none_or_error(setresuid(r, e, s));
}
PyObject* os_setresgid(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  gid_t r, e, s;
  if (!_PyArg_ParseStack(args, nargs, "O&O&O&:setresgid", _Py_Gid_Converter, &r, _Py_Gid_Converter, &e,
                         _Py_Gid_Converter, &s))
    return nullptr;
  return none_or_error(setresgid(r, e, s));
}

PyObject* os_getresuid(PyObject*, PyObject*) {
  uid_t r, e, s;
  if (getresuid(&r, &e, &s) < 0) return posix_error();
  return Py_BuildValue("(NNN)", from_uid(r), from_uid(e), from_uid(s));
}
PyObject* os_getresgid(PyObject*, PyObject*) {
  gid_t r, e, s;
  if (getresgid(&r, &e, &s) < 0) return posix_error();
  return Py_BuildValue("(NNN)", from_gid(r), from_gid(e), from_gid(s));
}

// setgroups(groups): any iterable... CPython requires a sequence of ints that are gids.
PyObject* os_setgroups(PyObject*, PyObject* groups) {
  if (!PySequence_Check(groups)) {
    PyErr_SetString(PyExc_TypeError, "setgroups argument must be a sequence");
    return nullptr;
  }
  Py_ssize_t n = PySequence_Size(groups);
  if (n < 0) return nullptr;
  if (n > sysconf(_SC_NGROUPS_MAX)) {
    PyErr_SetString(PyExc_ValueError, "too many groups");
    return nullptr;
  }
  std::vector<gid_t> list(static_cast<size_t>(n));
  for (Py_ssize_t i = 0; i < n; i++) {
    Ref<> item = steal(PySequence_GetItem(groups, i));
    if (!item) return nullptr;
    if (!PyLong_Check(item.get())) {
      PyErr_SetString(PyExc_TypeError, "groups must be integers");
      return nullptr;
    }
    if (!_Py_Gid_Converter(item.get(), &list[static_cast<size_t>(i)])) return nullptr;
  }
  return none_or_error(setgroups(static_cast<size_t>(n), list.data()));
}

PyObject* os_getgrouplist(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  const char* user;
  gid_t base;
  if (!_PyArg_ParseStack(args, nargs, "sO&:getgrouplist", &user, _Py_Gid_Converter, &base)) return nullptr;
  int n = 64;
  std::vector<gid_t> groups;
  for (;;) {
    groups.resize(static_cast<size_t>(n));
    int count = n;
    if (getgrouplist(user, base, groups.data(), &count) != -1) {
      n = count;
      break;
    }
    if (count <= n) n *= 2;  // some libcs leave count alone on overflow
    else n = count;
    if (n > (1 << 20)) return PyErr_NoMemory();
  }
  Ref<> list = steal(PyList_New(n));
  if (!list) return nullptr;
  for (int i = 0; i < n; i++) {
    PyObject* g = from_gid(groups[static_cast<size_t>(i)]);
    if (!g) return nullptr;
    PyList_SET_ITEM(list.get(), i, g);
  }
  return list.release();
}

PyObject* os_initgroups(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  PyObject* user_obj;
  gid_t gid;
  if (!_PyArg_ParseStack(args, nargs, "O&O&:initgroups", PyUnicode_FSConverter, &user_obj, _Py_Gid_Converter,
                         &gid))
    return nullptr;
  Ref<> user = steal(user_obj);
  return none_or_error(initgroups(PyBytes_AS_STRING(user.get()), gid));
}

PyObject* os_setpgid(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int pid, pgrp;
  if (!_PyArg_ParseStack(args, nargs, "ii:setpgid", &pid, &pgrp)) return nullptr;
  return none_or_error(setpgid(pid, pgrp));
}
PyObject* os_setpgrp(PyObject*, PyObject*) { return none_or_error(setpgid(0, 0)); }

PyObject* os_getpriority(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"which", "who", nullptr};
  static _PyArg_Parser parser = {"ii:getpriority", kwlist, 0};
  int which, who;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, &which, &who)) return nullptr;
  errno = 0;
  int r = getpriority(which, static_cast<id_t>(who));
  if (r == -1 && errno != 0) return posix_error();
  return PyLong_FromLong(r);
}
PyObject* os_setpriority(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"which", "who", "priority", nullptr};
  static _PyArg_Parser parser = {"iii:setpriority", kwlist, 0};
  int which, who, prio;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, &which, &who, &prio)) return nullptr;
  return none_or_error(setpriority(which, static_cast<id_t>(who), prio));
}

// nice(increment): the new niceness; -1 is a valid result, so errno decides.
PyObject* os_nice(PyObject*, PyObject* arg) {
  int inc = _PyLong_AsInt(arg);
  if (inc == -1 && PyErr_Occurred()) return nullptr;
  errno = 0;
  int r = nice(inc);
  if (r == -1 && errno != 0) return posix_error();
  return PyLong_FromLong(r);
}

PyObject* os_chroot(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", nullptr};
  static _PyArg_Parser parser = {"O&:chroot", kwlist, 0};
  Path path("chroot");
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path)) return nullptr;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = chroot(path.narrow);
  Py_END_ALLOW_THREADS
  if (r < 0) return path_error(path);
  Py_RETURN_NONE;
}

}  // namespace

PyMethodDef posix_creds_methods[] = {
    {"setuid", os_setuid, METH_O, "setuid($module, uid, /)\n--\n\nSet the current process's user id."},
    {"seteuid", os_seteuid, METH_O, "seteuid($module, euid, /)\n--\n\nSet the current process's effective user id."},
    {"setgid", os_setgid, METH_O, "setgid($module, gid, /)\n--\n\nSet the current process's group id."},
    {"setegid", os_setegid, METH_O,
     "setegid($module, egid, /)\n--\n\nSet the current process's effective group id."},
    {"setreuid", FC(os_setreuid), METH_FASTCALL,
     "setreuid($module, ruid, euid, /)\n--\n\nSet the current process's real and effective user ids."},
    {"setregid", FC(os_setregid), METH_FASTCALL,
     "setregid($module, rgid, egid, /)\n--\n\nSet the current process's real and effective group ids."},
    {"setresuid", FC(os_setresuid), METH_FASTCALL,
     "setresuid($module, ruid, euid, suid, /)\n--\n\nSet the current process's real, effective, and saved "
     "user ids."},
    {"setresgid", FC(os_setresgid), METH_FASTCALL,
     "setresgid($module, rgid, egid, sgid, /)\n--\n\nSet the current process's real, effective, and saved "
     "group ids."},
    {"getresuid", os_getresuid, METH_NOARGS,
     "getresuid($module, /)\n--\n\nReturn a tuple of the current process's real, effective, and saved "
     "user ids."},
    {"getresgid", os_getresgid, METH_NOARGS,
     "getresgid($module, /)\n--\n\nReturn a tuple of the current process's real, effective, and saved "
     "group ids."},
    {"setgroups", os_setgroups, METH_O,
     "setgroups($module, groups, /)\n--\n\nSet the groups of the current process to list."},
    {"getgrouplist", FC(os_getgrouplist), METH_FASTCALL,
     "getgrouplist($module, user, group, /)\n--\n\nReturns a list of groups to which a user belongs."},
    {"initgroups", FC(os_initgroups), METH_FASTCALL,
     "initgroups($module, username, gid, /)\n--\n\nInitialize the group access list."},
    {"setpgid", FC(os_setpgid), METH_FASTCALL,
     "setpgid($module, pid, pgrp, /)\n--\n\nCall the system call setpgid(pid, pgrp)."},
    {"setpgrp", os_setpgrp, METH_NOARGS,
     "setpgrp($module, /)\n--\n\nMake the current process the leader of its process group."},
    {"getpriority", FC(os_getpriority), METH_FASTCALL | METH_KEYWORDS,
     "getpriority($module, /, which, who)\n--\n\nReturn program scheduling priority."},
    {"setpriority", FC(os_setpriority), METH_FASTCALL | METH_KEYWORDS,
     "setpriority($module, /, which, who, priority)\n--\n\nSet program scheduling priority."},
    {"nice", os_nice, METH_O, "nice($module, increment, /)\n--\n\nAdd increment to the priority of process and "
                              "return the new priority."},
    {"chroot", FC(os_chroot), METH_FASTCALL | METH_KEYWORDS,
     "chroot($module, /, path)\n--\n\nChange root directory to path."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace krait::posix
