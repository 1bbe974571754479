// posix_stat.cpp — os.stat_result and the stat family (stat, lstat, fstat),
// plus the calls that read or change inode metadata: access, chmod, fchmod,
// lchmod-free utime, chown family.
//
// stat_result is a struct sequence with 10 visible fields (the last three the
// integer times, unnamed) and named-only float times, *_ns times, st_blksize,
// st_blocks and st_rdev, exactly as CPython builds it on Linux.
#include <fcntl.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modules/posix/posix_internal.h"

namespace krait::posix {

namespace {

PyTypeObject* g_stat_result = nullptr;
newfunc g_structseq_new = nullptr;

PyStructSequence_Field stat_result_fields[] = {
    {"st_mode", "protection bits"},
    {"st_ino", "inode"},
    {"st_dev", "device"},
    {"st_nlink", "number of hard links"},
    {"st_uid", "user ID of owner"},
    {"st_gid", "group ID of owner"},
    {"st_size", "total size, in bytes"},
    // The integer times are reachable by index only.
    {PyStructSequence_UnnamedField, "integer time of last access"},
    {PyStructSequence_UnnamedField, "integer time of last modification"},
    {PyStructSequence_UnnamedField, "integer time of last change"},
    {"st_atime", "time of last access"},
    {"st_mtime", "time of last modification"},
    {"st_ctime", "time of last change"},
    {"st_atime_ns", "time of last access in nanoseconds"},
    {"st_mtime_ns", "time of last modification in nanoseconds"},
    {"st_ctime_ns", "time of last change in nanoseconds"},
    {"st_blksize", "blocksize for filesystem I/O"},
    {"st_blocks", "number of blocks allocated"},
    {"st_rdev", "device type (if inode device)"},
    {nullptr, nullptr},
};

PyStructSequence_Desc stat_result_desc = {
    "os.stat_result",
    "stat_result: Result from stat, fstat, or lstat.\n\n"
    "This object may be accessed either as a tuple of\n"
    "  (mode, ino, dev, nlink, uid, gid, size, atime, mtime, ctime)\n"
    "or via the attributes st_mode, st_ino, st_dev, st_nlink, st_uid, and so on.\n\n"
    "Posix/windows: If your platform supports st_blksize, st_blocks, st_rdev,\n"
    "or st_flags, they are available as attributes only.\n\n"
    "See os.stat for more information.",
    stat_result_fields, 10};

PyStructSequence_Field statvfs_result_fields[] = {
    {"f_bsize", nullptr}, {"f_frsize", nullptr}, {"f_blocks", nullptr}, {"f_bfree", nullptr},
    {"f_bavail", nullptr}, {"f_files", nullptr}, {"f_ffree", nullptr}, {"f_favail", nullptr},
    {"f_flag", nullptr},  {"f_namemax", nullptr}, {"f_fsid", nullptr}, {nullptr, nullptr},
};

PyStructSequence_Desc statvfs_result_desc = {
    "os.statvfs_result",
    "statvfs_result: Result from statvfs or fstatvfs.\n\n"
    "This object may be accessed either as a tuple of\n"
    "  (bsize, frsize, blocks, bfree, bavail, files, ffree, favail, flag, namemax),\n"
    "or via the attributes f_bsize, f_frsize, f_blocks, f_bfree, and so on.\n\n"
    "See os.statvfs for more information.",
    statvfs_result_fields, 10};

// stat_result(seq): like any struct sequence, but the float times default to
// the integer ones when not given (as CPython's statresult_new).
PyObject* statresult_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  PyObject* r = g_structseq_new(type, args, kwds);
  if (!r) return nullptr;
  auto* seq = reinterpret_cast<PyStructSequence*>(r);
  for (int i = 7; i <= 9; i++) {
    if (seq->ob_item[i + 3] == Py_None) {
      Py_DECREF(Py_None);
      seq->ob_item[i + 3] = Py_NewRef(seq->ob_item[i]);
    }
  }
  return r;
}

int fill_time(PyObject* v, int index, time_t sec, long nsec) {
  PyObject* s = PyLong_FromLongLong(sec);
  PyObject* f = PyFloat_FromDouble(static_cast<double>(sec) + nsec * 1e-9);
  Ref<> billion = steal(PyLong_FromLong(1000000000));
  Ref<> ns_ns = steal(PyLong_FromLong(nsec));
  Ref<> prod = s && billion ? steal(PyNumber_Multiply(s, billion.get())) : Ref<>();
  PyObject* ns = prod && ns_ns ? PyNumber_Add(prod.get(), ns_ns.get()) : nullptr;
  if (!s || !f || !ns) {
    Py_XDECREF(s);
    Py_XDECREF(f);
    Py_XDECREF(ns);
    return -1;
  }
  PyStructSequence_SET_ITEM(v, index, s);
  PyStructSequence_SET_ITEM(v, index + 3, f);
  PyStructSequence_SET_ITEM(v, index + 6, ns);
  return 0;
}

}  // namespace

PyObject* stat_result_from(const struct stat& st) {
  Ref<> v = steal(PyStructSequence_New(g_stat_result));
  if (!v) return nullptr;
  PyObject* o = v.get();
  PyStructSequence_SET_ITEM(o, 0, PyLong_FromLong(st.st_mode));
  PyStructSequence_SET_ITEM(o, 1, PyLong_FromUnsignedLongLong(st.st_ino));
  PyStructSequence_SET_ITEM(o, 2, PyLong_FromUnsignedLongLong(st.st_dev));
  PyStructSequence_SET_ITEM(o, 3, PyLong_FromLong(static_cast<long>(st.st_nlink)));
  PyStructSequence_SET_ITEM(o, 4, from_uid(st.st_uid));
  PyStructSequence_SET_ITEM(o, 5, from_gid(st.st_gid));
  PyStructSequence_SET_ITEM(o, 6, PyLong_FromLongLong(st.st_size));
  if (fill_time(o, 7, st.st_atim.tv_sec, st.st_atim.tv_nsec) < 0 ||
      fill_time(o, 8, st.st_mtim.tv_sec, st.st_mtim.tv_nsec) < 0 ||
      fill_time(o, 9, st.st_ctim.tv_sec, st.st_ctim.tv_nsec) < 0)
    return nullptr;
  PyStructSequence_SET_ITEM(o, 16, PyLong_FromLong(st.st_blksize));
  PyStructSequence_SET_ITEM(o, 17, PyLong_FromLongLong(st.st_blocks));
  PyStructSequence_SET_ITEM(o, 18, PyLong_FromUnsignedLongLong(st.st_rdev));
  for (int i = 0; i < 19; i++)
    if (!PyStructSequence_GET_ITEM(o, i)) return nullptr;
  return v.release();
}

namespace {

#define FASTCALL_KW(fn) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fn))

// Shared implementation of stat / lstat.
PyObject* do_stat(const char* fname, Path& path, int dir_fd, bool follow_symlinks) {
  if (path.is_fd() && dir_fd != AT_FDCWD) {
    PyErr_Format(PyExc_ValueError, "%s: can't specify both dir_fd and fd", fname);
    return nullptr;
  }
  if (path.is_fd() && !follow_symlinks) {
    PyErr_Format(PyExc_ValueError, "%s: cannot use fd and follow_symlinks together", fname);
    return nullptr;
  }
  struct stat st;
  int r;
  Py_BEGIN_ALLOW_THREADS
  if (path.is_fd())
    r = fstat(path.fd, &st);
  else if (dir_fd != AT_FDCWD || !follow_symlinks)
    r = fstatat(dir_fd, path.narrow, &st, follow_symlinks ? 0 : AT_SYMLINK_NOFOLLOW);
  else
    r = stat(path.narrow, &st);
  Py_END_ALLOW_THREADS
  if (r != 0) return path_error(path);
  return stat_result_from(st);
}

PyObject* os_stat(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "dir_fd", "follow_symlinks", nullptr};
  static _PyArg_Parser parser = {"O&|$O&p:stat", kwlist, 0};
  Path path("stat", "path", true);
  int dir_fd = AT_FDCWD, follow = 1;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path,
                                    dir_fd_converter, &dir_fd, &follow))
    return nullptr;
  return do_stat("stat", path, dir_fd, follow);
}

PyObject* os_lstat(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "dir_fd", nullptr};
  static _PyArg_Parser parser = {"O&|$O&:lstat", kwlist, 0};
  Path path("lstat");
  int dir_fd = AT_FDCWD;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path,
                                    dir_fd_converter, &dir_fd))
    return nullptr;
  return do_stat("lstat", path, dir_fd, false);
}

PyObject* os_fstat(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"fd", nullptr};
  static _PyArg_Parser parser = {"O&:fstat", kwlist, 0};
  int fd;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, int_converter, &fd))
    return nullptr;
  struct stat st;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = fstat(fd, &st);
  Py_END_ALLOW_THREADS
  if (r != 0) return posix_error();
  return stat_result_from(st);
}

PyObject* os_access(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "mode", "dir_fd", "effective_ids",
                                       "follow_symlinks", nullptr};
  static _PyArg_Parser parser = {"O&O&|$O&pp:access", kwlist, 0};
  Path path("access");
  int mode, dir_fd = AT_FDCWD, effective = 0, follow = 1;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path,
                                    int_converter, &mode, dir_fd_converter, &dir_fd, &effective,
                                    &follow))
    return nullptr;
  int flags = (effective ? AT_EACCESS : 0) | (follow ? 0 : AT_SYMLINK_NOFOLLOW);
  int r;
  Py_BEGIN_ALLOW_THREADS
  if (dir_fd != AT_FDCWD || flags)
    r = faccessat(dir_fd, path.narrow, mode, flags);
  else
    r = access(path.narrow, mode);
  Py_END_ALLOW_THREADS
  return PyBool_FromLong(r == 0);
}

PyObject* os_chmod(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "mode", "dir_fd", "follow_symlinks", nullptr};
  static _PyArg_Parser parser = {"O&O&|$O&p:chmod", kwlist, 0};
  Path path("chmod", "path", true);
  int mode, dir_fd = AT_FDCWD, follow = 1;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path,
                                    int_converter, &mode, dir_fd_converter, &dir_fd, &follow))
    return nullptr;
  int r;
  Py_BEGIN_ALLOW_THREADS
  if (path.is_fd())
    r = fchmod(path.fd, mode);
  else if (dir_fd != AT_FDCWD || !follow)
    r = fchmodat(dir_fd, path.narrow, mode, follow ? 0 : AT_SYMLINK_NOFOLLOW);
  else
    r = chmod(path.narrow, mode);
  Py_END_ALLOW_THREADS
  if (r != 0) {
    if (!follow && errno == ENOTSUP) {
      PyErr_SetString(PyExc_NotImplementedError,
                      "chmod: follow_symlinks unavailable on this platform");
      return nullptr;
    }
    return path_error(path);
  }
  Py_RETURN_NONE;
}

PyObject* os_fchmod(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"fd", "mode", nullptr};
  static _PyArg_Parser parser = {"O&O&:fchmod", kwlist, 0};
  int fd, mode;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, int_converter, &fd,
                                    int_converter, &mode))
    return nullptr;
  if (fchmod(fd, mode) != 0) return posix_error();
  Py_RETURN_NONE;
}

// Seconds as int or float -> timespec, rounding toward -inf as CPython's
// _PyTime_ObjectToTimespec(..., _PyTime_ROUND_FLOOR).
int object_to_timespec(PyObject* o, struct timespec* ts) {
  if (PyFloat_Check(o)) {
    double d = PyFloat_AsDouble(o);
    if (isnan(d)) {
      PyErr_SetString(PyExc_ValueError, "Invalid value NaN (not a number)");
      return -1;
    }
    double intpart;
    double frac = modf(d, &intpart);
    frac = floor(frac * 1e9);
    if (frac >= 1e9) {
      frac -= 1e9;
      intpart += 1.0;
    } else if (frac < 0) {
      frac += 1e9;
      intpart -= 1.0;
    }
    if (!(intpart >= -9.2e18 && intpart < 9.2e18)) {
      PyErr_SetString(PyExc_OverflowError, "timestamp out of range for platform time_t");
      return -1;
    }
    ts->tv_sec = static_cast<time_t>(intpart);
    ts->tv_nsec = static_cast<long>(frac);
    return 0;
  }
  long long v = PyLong_AsLongLong(o);
  if (v == -1 && PyErr_Occurred()) {
    if (PyErr_ExceptionMatches(PyExc_OverflowError))
      PyErr_SetString(PyExc_OverflowError, "timestamp out of range for platform time_t");
    return -1;
  }
  ts->tv_sec = v;
  ts->tv_nsec = 0;
  return 0;
}

int ns_to_timespec(PyObject* o, struct timespec* ts) {
  Ref<> billion = steal(PyLong_FromLong(1000000000));
  Ref<> dm = steal(PyNumber_Divmod(o, billion.get()));
  if (!dm) return -1;
  if (!PyTuple_Check(dm.get()) || PyTuple_GET_SIZE(dm.get()) != 2) {
    PyErr_SetString(PyExc_TypeError, "divmod() returned a non-tuple");
    return -1;
  }
  long long sec = PyLong_AsLongLong(PyTuple_GET_ITEM(dm.get(), 0));
  if (sec == -1 && PyErr_Occurred()) return -1;
  long nsec = PyLong_AsLong(PyTuple_GET_ITEM(dm.get(), 1));
  if (nsec == -1 && PyErr_Occurred()) return -1;
  ts->tv_sec = sec;
  ts->tv_nsec = nsec;
  return 0;
}

PyObject* os_utime(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "times", "ns", "dir_fd", "follow_symlinks",
                                       nullptr};
  static _PyArg_Parser parser = {"O&|O$OO&p:utime", kwlist, 0};
  Path path("utime", "path", true);
  PyObject* times = Py_None;
  PyObject* ns = nullptr;
  int dir_fd = AT_FDCWD, follow = 1;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path, &times,
                                    &ns, dir_fd_converter, &dir_fd, &follow))
    return nullptr;
  struct timespec ts[2];
  struct timespec* tsp = nullptr;
  if (times != Py_None && ns) {
    PyErr_SetString(PyExc_ValueError,
                    "utime: you may specify either 'times' or 'ns' but not both");
    return nullptr;
  }
  if (times != Py_None) {
    if (!PyTuple_CheckExact(times) || PyTuple_GET_SIZE(times) != 2) {
      PyErr_SetString(PyExc_TypeError,
                      "utime: 'times' must be either a tuple of two ints or None");
      return nullptr;
    }
    if (object_to_timespec(PyTuple_GET_ITEM(times, 0), &ts[0]) < 0 ||
        object_to_timespec(PyTuple_GET_ITEM(times, 1), &ts[1]) < 0)
      return nullptr;
    tsp = ts;
  } else if (ns) {
    if (!PyTuple_CheckExact(ns) || PyTuple_GET_SIZE(ns) != 2) {
      PyErr_SetString(PyExc_TypeError, "utime: 'ns' must be a tuple of two ints");
      return nullptr;
    }
    if (ns_to_timespec(PyTuple_GET_ITEM(ns, 0), &ts[0]) < 0 ||
        ns_to_timespec(PyTuple_GET_ITEM(ns, 1), &ts[1]) < 0)
      return nullptr;
    tsp = ts;
  }
  int r;
  Py_BEGIN_ALLOW_THREADS
  if (path.is_fd())
    r = futimens(path.fd, tsp);
  else
    r = utimensat(dir_fd, path.narrow, tsp, follow ? 0 : AT_SYMLINK_NOFOLLOW);
  Py_END_ALLOW_THREADS
  if (r != 0) return path_error(path);
  Py_RETURN_NONE;
}

PyObject* os_chown(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "uid", "gid", "dir_fd", "follow_symlinks",
                                       nullptr};
  static _PyArg_Parser parser = {"O&O&O&|$O&p:chown", kwlist, 0};
  Path path("chown", "path", true);
  uid_t uid;
  gid_t gid;
  int dir_fd = AT_FDCWD, follow = 1;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path,
                                    _Py_Uid_Converter, &uid, _Py_Gid_Converter, &gid, dir_fd_converter,
                                    &dir_fd, &follow))
    return nullptr;
  int r;
  if (path.is_fd())
    r = fchown(path.fd, uid, gid);
  else
    r = fchownat(dir_fd, path.narrow, uid, gid, follow ? 0 : AT_SYMLINK_NOFOLLOW);
  if (r != 0) return path_error(path);
  Py_RETURN_NONE;
}

}  // namespace

PyMethodDef posix_stat_methods[] = {
    {"stat", FASTCALL_KW(os_stat), METH_FASTCALL | METH_KEYWORDS,
     "stat($module, /, path, *, dir_fd=None, follow_symlinks=True)\n--\n\n"
     "Perform a stat system call on the given path."},
    {"lstat", FASTCALL_KW(os_lstat), METH_FASTCALL | METH_KEYWORDS,
     "lstat($module, /, path, *, dir_fd=None)\n--\n\n"
     "Perform a stat system call on the given path, without following symbolic links."},
    {"fstat", FASTCALL_KW(os_fstat), METH_FASTCALL | METH_KEYWORDS,
     "fstat($module, /, fd)\n--\n\nPerform a stat system call on the given file descriptor."},
    {"access", FASTCALL_KW(os_access), METH_FASTCALL | METH_KEYWORDS,
     "access($module, /, path, mode, *, dir_fd=None, effective_ids=False,\n"
     "       follow_symlinks=True)\n--\n\nUse the real uid/gid to test for access to a path."},
    {"chmod", FASTCALL_KW(os_chmod), METH_FASTCALL | METH_KEYWORDS,
     "chmod($module, /, path, mode, *, dir_fd=None, follow_symlinks=True)\n--\n\n"
     "Change the access permissions of a file."},
    {"fchmod", FASTCALL_KW(os_fchmod), METH_FASTCALL | METH_KEYWORDS,
     "fchmod($module, /, fd, mode)\n--\n\nChange the access permissions of the file given by "
     "file descriptor fd."},
    {"utime", FASTCALL_KW(os_utime), METH_FASTCALL | METH_KEYWORDS,
     "utime($module, /, path, times=None, *, ns=<unrepresentable>,\n"
     "      dir_fd=None, follow_symlinks=True)\n--\n\nSet the access and modified time of path."},
    {"chown", FASTCALL_KW(os_chown), METH_FASTCALL | METH_KEYWORDS,
     "chown($module, /, path, uid, gid, *, dir_fd=None, follow_symlinks=True)\n--\n\n"
     "Change the owner and group id of path to the numeric uid and gid."},
    {nullptr, nullptr, 0, nullptr},
};

PyTypeObject* g_statvfs_result = nullptr;

int init_stat_types(PyObject* m) {
  g_stat_result = PyStructSequence_NewType(&stat_result_desc);
  if (!g_stat_result) return -1;
  g_structseq_new = g_stat_result->tp_new;
  g_stat_result->tp_new = statresult_new;
  if (PyModule_AddObjectRef(m, "stat_result", reinterpret_cast<PyObject*>(g_stat_result)) < 0)
    return -1;
  g_statvfs_result = PyStructSequence_NewType(&statvfs_result_desc);
  if (!g_statvfs_result) return -1;
  return PyModule_AddObjectRef(m, "statvfs_result", reinterpret_cast<PyObject*>(g_statvfs_result));
}

}  // namespace krait::posix
