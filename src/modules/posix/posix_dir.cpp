// posix_dir.cpp — directories and names: getcwd, chdir, listdir, scandir
// (ScandirIterator + DirEntry), mkdir, rmdir, unlink/remove, rename/replace,
// link, symlink, readlink.
//
// DirEntry caches d_type/d_ino from readdir and its stat()/lstat() results,
// so is_dir()/is_file()/is_symlink() cost no system call when the file system
// reports the type, as in CPython.
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "modules/posix/posix_internal.h"

#include <structmember.h>

namespace krait::posix {

namespace {

#define FASTCALL_KW(fn) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fn))

PyObject* os_getcwd_impl(bool as_bytes) {
  std::string buf(1024, '\0');
  for (;;) {
    char* r;
    Py_BEGIN_ALLOW_THREADS
    r = getcwd(buf.data(), buf.size());
    Py_END_ALLOW_THREADS
    if (r) break;
    if (errno != ERANGE) return posix_error();
    buf.resize(buf.size() * 2);
  }
  return fs_name(buf.data(), strlen(buf.data()), as_bytes);
}

PyObject* os_getcwd(PyObject*, PyObject*) { return os_getcwd_impl(false); }
PyObject* os_getcwdb(PyObject*, PyObject*) { return os_getcwd_impl(true); }

PyObject* os_chdir(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", nullptr};
  static _PyArg_Parser parser = {"O&:chdir", kwlist, 0};
  Path path("chdir", "path", true);
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path))
    return nullptr;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = path.is_fd() ? fchdir(path.fd) : chdir(path.narrow);
  Py_END_ALLOW_THREADS
  if (r != 0) return path_error(path);
  Py_RETURN_NONE;
}

// Open a directory stream for `path` (an fd is dup()ed so closedir() leaves
// the caller's descriptor open).
DIR* open_dir(const Path& path, const char* name) {
  DIR* d;
  Py_BEGIN_ALLOW_THREADS
  if (path.is_fd()) {
    int fd = dup(path.fd);
    d = fd < 0 ? nullptr : fdopendir(fd);
    if (!d && fd >= 0) {
      int e = errno;
      close(fd);
      errno = e;
    }
  } else {
    d = opendir(name);
  }
  Py_END_ALLOW_THREADS
  return d;
}

bool is_dot(const char* n) { return n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0)); }

PyObject* os_listdir(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", nullptr};
  static _PyArg_Parser parser = {"|O&:listdir", kwlist, 0};
  Path path("listdir", "path", true, true);
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path))
    return nullptr;
  const char* name = path.narrow ? path.narrow : ".";
  bool as_bytes = path.is_bytes;
  DIR* d = open_dir(path, name);
  if (!d) {
    if (!path.object || path.object == Py_None) {
      Ref<> dot = steal(PyUnicode_FromString("."));
      return PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, dot.get());
    }
    return path_error(path);
  }
  Ref<> list = steal(PyList_New(0));
  for (;;) {
    errno = 0;
    struct dirent* ep;
    Py_BEGIN_ALLOW_THREADS
    ep = readdir(d);
    Py_END_ALLOW_THREADS
    if (!ep) {
      if (errno != 0) {
        path_error(path);
        list = Ref<>();
      }
      break;
    }
    if (is_dot(ep->d_name)) continue;
    Ref<> v = steal(fs_name(ep->d_name, strlen(ep->d_name), as_bytes));
    if (!v || PyList_Append(list.get(), v.get()) < 0) {
      list = Ref<>();
      break;
    }
  }
  if (path.is_fd()) rewinddir(d);
  closedir(d);
  return list.release();
}

// -- DirEntry -------------------------------------------------------------------

struct DirEntry {
  PyObject_HEAD
  PyObject* name;
  PyObject* path;
  PyObject* stat;   // cached stat() (follow symlinks), or NULL
  PyObject* lstat;  // cached lstat(), or NULL
  unsigned char d_type;
  ino_t d_ino;
  int dir_fd;  // scandir(fd): names are relative to this fd; else -1
};

void direntry_dealloc(PyObject* op) {
  auto* e = reinterpret_cast<DirEntry*>(op);
  Py_XDECREF(e->name);
  Py_XDECREF(e->path);
  Py_XDECREF(e->stat);
  Py_XDECREF(e->lstat);
  PyObject_Free(op);
}

PyObject* direntry_fetch_stat(DirEntry* e, bool follow) {
  struct stat st;
  int r;
  Ref<> b;
  if (e->dir_fd != -1) {
    b = steal(PyUnicode_Check(e->name) ? PyUnicode_EncodeFSDefault(e->name) : Py_NewRef(e->name));
    if (!b) return nullptr;
    r = fstatat(e->dir_fd, PyBytes_AS_STRING(b.get()), &st, follow ? 0 : AT_SYMLINK_NOFOLLOW);
  } else {
    b = steal(PyUnicode_Check(e->path) ? PyUnicode_EncodeFSDefault(e->path) : Py_NewRef(e->path));
    if (!b) return nullptr;
    r = follow ? ::stat(PyBytes_AS_STRING(b.get()), &st) : ::lstat(PyBytes_AS_STRING(b.get()), &st);
  }
  if (r != 0) return PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, e->path);
  return stat_result_from(st);
}

PyObject* direntry_get_lstat(DirEntry* e) {
  if (!e->lstat) e->lstat = direntry_fetch_stat(e, false);
  return Py_XNewRef(e->lstat);
}

int direntry_is_symlink_impl(DirEntry* e) {
  if (e->d_type != DT_UNKNOWN) return e->d_type == DT_LNK;
  Ref<> st = steal(direntry_get_lstat(e));
  if (!st) return -1;
  long mode = PyLong_AsLong(PyStructSequence_GET_ITEM(st.get(), 0));
  if (mode == -1 && PyErr_Occurred()) return -1;
  return S_ISLNK(mode);
}

PyObject* direntry_get_stat(DirEntry* e, bool follow) {
  if (!follow) return direntry_get_lstat(e);
  if (!e->stat) {
    int sl = direntry_is_symlink_impl(e);
    if (sl < 0) return nullptr;
    e->stat = sl ? direntry_fetch_stat(e, true) : direntry_get_lstat(e);
  }
  return Py_XNewRef(e->stat);
}

int parse_follow(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, _PyArg_Parser* p,
                 int* follow) {
  return _PyArg_ParseStackAndKeywords(args, nargs, kwnames, p, follow);
}

int direntry_test_mode(DirEntry* e, bool follow, mode_t bits) {
  bool need_stat = e->d_type == DT_UNKNOWN;
  if (!need_stat && follow) {
    int sl = direntry_is_symlink_impl(e);
    if (sl < 0) return -1;
    need_stat = sl;
  }
  if (need_stat) {
    Ref<> st = steal(direntry_get_stat(e, follow));
    if (!st) {
      if (PyErr_ExceptionMatches(PyExc_FileNotFoundError)) {
        PyErr_Clear();
        return 0;
      }
      return -1;
    }
    long mode = PyLong_AsLong(PyStructSequence_GET_ITEM(st.get(), 0));
    if (mode == -1 && PyErr_Occurred()) return -1;
    return (mode & S_IFMT) == bits;
  }
  return bits == S_IFDIR ? e->d_type == DT_DIR : e->d_type == DT_REG;
}

PyObject* direntry_is_dir(PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                          PyObject* kwnames) {
  static const char* const kwlist[] = {"follow_symlinks", nullptr};
  static _PyArg_Parser parser = {"|$p:is_dir", kwlist, 0};
  int follow = 1;
  if (!parse_follow(args, nargs, kwnames, &parser, &follow)) return nullptr;
  int r = direntry_test_mode(reinterpret_cast<DirEntry*>(self), follow, S_IFDIR);
  return r < 0 ? nullptr : PyBool_FromLong(r);
}

PyObject* direntry_is_file(PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                           PyObject* kwnames) {
  static const char* const kwlist[] = {"follow_symlinks", nullptr};
  static _PyArg_Parser parser = {"|$p:is_file", kwlist, 0};
  int follow = 1;
  if (!parse_follow(args, nargs, kwnames, &parser, &follow)) return nullptr;
  int r = direntry_test_mode(reinterpret_cast<DirEntry*>(self), follow, S_IFREG);
  return r < 0 ? nullptr : PyBool_FromLong(r);
}

PyObject* direntry_is_symlink(PyObject* self, PyObject*) {
  int r = direntry_is_symlink_impl(reinterpret_cast<DirEntry*>(self));
  return r < 0 ? nullptr : PyBool_FromLong(r);
}

PyObject* direntry_stat(PyObject* self, PyObject* const* args, Py_ssize_t nargs,
                        PyObject* kwnames) {
  static const char* const kwlist[] = {"follow_symlinks", nullptr};
  static _PyArg_Parser parser = {"|$p:stat", kwlist, 0};
  int follow = 1;
  if (!parse_follow(args, nargs, kwnames, &parser, &follow)) return nullptr;
  return direntry_get_stat(reinterpret_cast<DirEntry*>(self), follow);
}

PyObject* direntry_inode(PyObject* self, PyObject*) {
  return PyLong_FromUnsignedLongLong(reinterpret_cast<DirEntry*>(self)->d_ino);
}

PyObject* direntry_fspath(PyObject* self, PyObject*) {
  return Py_NewRef(reinterpret_cast<DirEntry*>(self)->path);
}

PyObject* direntry_repr(PyObject* self) {
  return PyUnicode_FromFormat("<DirEntry %R>", reinterpret_cast<DirEntry*>(self)->name);
}

PyMethodDef direntry_methods[] = {
    {"stat", FASTCALL_KW(direntry_stat), METH_FASTCALL | METH_KEYWORDS,
     "stat($self, /, *, follow_symlinks=True)\n--\n\nReturn stat_result object for the entry; "
     "cached per entry."},
    {"is_dir", FASTCALL_KW(direntry_is_dir), METH_FASTCALL | METH_KEYWORDS,
     "is_dir($self, /, *, follow_symlinks=True)\n--\n\nReturn True if the entry is a directory; "
     "cached per entry."},
    {"is_file", FASTCALL_KW(direntry_is_file), METH_FASTCALL | METH_KEYWORDS,
     "is_file($self, /, *, follow_symlinks=True)\n--\n\nReturn True if the entry is a file; "
     "cached per entry."},
    {"is_symlink", direntry_is_symlink, METH_NOARGS,
     "is_symlink($self, /)\n--\n\nReturn True if the entry is a symbolic link; cached per entry."},
    {"inode", direntry_inode, METH_NOARGS,
     "inode($self, /)\n--\n\nReturn inode of the entry; cached per entry."},
    {"__fspath__", direntry_fspath, METH_NOARGS,
     "__fspath__($self, /)\n--\n\nReturns the path for the entry."},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS,
     "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef direntry_members[] = {
    {"name", T_OBJECT_EX, offsetof(DirEntry, name), READONLY,
     "the entry's base filename, relative to scandir() \"path\" argument"},
    {"path", T_OBJECT_EX, offsetof(DirEntry, path), READONLY,
     "the entry's full path name; equivalent to os.path.join(scandir_path, entry.name)"},
    {nullptr, 0, 0, 0, nullptr},
};

PyTypeObject DirEntry_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "posix.DirEntry",
    .tp_basicsize = sizeof(DirEntry),
    .tp_dealloc = direntry_dealloc,
    .tp_repr = direntry_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_methods = direntry_methods,
    .tp_members = direntry_members,
};

// -- ScandirIterator --------------------------------------------------------------

struct ScandirIter {
  PyObject_HEAD
  DIR* dirp;
  PyObject* path;   // the scandir() argument as given (None -> NULL)
  PyObject* prefix; // bytes: encoded directory path with trailing '/', or NULL for fd
  bool as_bytes;
  int fd;  // scandir(fd), else -1
};

void scandir_closedir(ScandirIter* it) {
  if (!it->dirp) return;
  DIR* d = it->dirp;
  it->dirp = nullptr;
  Py_BEGIN_ALLOW_THREADS
  if (it->fd != -1) rewinddir(d);
  closedir(d);
  Py_END_ALLOW_THREADS
}

// An iterator dropped before it was exhausted or closed warns, as in CPython.
void scandir_finalize(PyObject* op) {
  auto* it = reinterpret_cast<ScandirIter*>(op);
  PyObject *et, *ev, *tb;
  PyErr_Fetch(&et, &ev, &tb);
  if (it->dirp) {
    scandir_closedir(it);
    if (PyErr_ResourceWarning(op, 1, "unclosed scandir iterator %R", op) < 0 &&
        PyErr_ExceptionMatches(PyExc_Warning))
      PyErr_WriteUnraisable(op);
  }
  PyErr_Restore(et, ev, tb);
}

void scandir_dealloc(PyObject* op) {
  auto* it = reinterpret_cast<ScandirIter*>(op);
  if (PyObject_CallFinalizerFromDealloc(op) < 0) return;  // resurrected
  scandir_closedir(it);
  Py_XDECREF(it->path);
  Py_XDECREF(it->prefix);
  PyObject_Free(op);
}

PyObject* scandir_next(PyObject* op) {
  auto* it = reinterpret_cast<ScandirIter*>(op);
  if (!it->dirp) return nullptr;
  for (;;) {
    errno = 0;
    struct dirent* ep;
    Py_BEGIN_ALLOW_THREADS
    ep = readdir(it->dirp);
    Py_END_ALLOW_THREADS
    if (!ep) {
      if (errno != 0) PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, it->path);
      scandir_closedir(it);
      return nullptr;
    }
    if (is_dot(ep->d_name)) continue;
    size_t nlen = strlen(ep->d_name);
    auto* e = PyObject_New(DirEntry, &DirEntry_Type);
    if (!e) return nullptr;
    e->name = e->path = e->stat = e->lstat = nullptr;
    e->d_type = ep->d_type;
    e->d_ino = ep->d_ino;
    e->dir_fd = it->fd;
    Ref<> entry = steal(reinterpret_cast<PyObject*>(e));
    e->name = fs_name(ep->d_name, nlen, it->as_bytes);
    if (!e->name) return nullptr;
    if (it->fd != -1) {
      e->path = Py_NewRef(e->name);
    } else {
      std::string full(PyBytes_AS_STRING(it->prefix), PyBytes_GET_SIZE(it->prefix));
      full.append(ep->d_name, nlen);
      e->path = fs_name(full.data(), full.size(), it->as_bytes);
      if (!e->path) return nullptr;
    }
    return entry.release();
  }
}

PyObject* scandir_close(PyObject* op, PyObject*) {
  scandir_closedir(reinterpret_cast<ScandirIter*>(op));
  Py_RETURN_NONE;
}

PyObject* scandir_enter(PyObject* op, PyObject*) { return Py_NewRef(op); }

PyObject* scandir_exit(PyObject* op, PyObject*) {
  scandir_closedir(reinterpret_cast<ScandirIter*>(op));
  Py_RETURN_NONE;
}

PyMethodDef scandir_methods[] = {
    {"__enter__", scandir_enter, METH_NOARGS, nullptr},
    {"__exit__", scandir_exit, METH_VARARGS, nullptr},
    {"close", scandir_close, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyTypeObject ScandirIter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "posix.ScandirIterator",
    .tp_basicsize = sizeof(ScandirIter),
    .tp_dealloc = scandir_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = scandir_next,
    .tp_methods = scandir_methods,
    .tp_finalize = scandir_finalize,
};

PyObject* os_scandir(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", nullptr};
  static _PyArg_Parser parser = {"|O&:scandir", kwlist, 0};
  Path path("scandir", "path", true, true);
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path))
    return nullptr;
  const char* name = path.narrow ? path.narrow : ".";
  auto* it = PyObject_New(ScandirIter, &ScandirIter_Type);
  if (!it) return nullptr;
  it->dirp = nullptr;
  it->path = Py_XNewRef(path.object && path.object != Py_None ? path.object : nullptr);
  it->prefix = nullptr;
  it->as_bytes = path.is_bytes;
  it->fd = path.is_fd() ? path.fd : -1;
  Ref<> owner = steal(reinterpret_cast<PyObject*>(it));
  it->dirp = open_dir(path, name);
  if (!it->dirp) {
    if (!it->path) {
      Ref<> dot = steal(PyUnicode_FromString("."));
      return PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, dot.get());
    }
    return path_error(path);
  }
  if (it->fd == -1) {
    std::string prefix(name);
    if (prefix.empty() || prefix.back() != '/') prefix.push_back('/');
    it->prefix = PyBytes_FromStringAndSize(prefix.data(), prefix.size());
    if (!it->prefix) return nullptr;
  }
  return owner.release();
}

// -- creating, removing and renaming names ------------------------------------------

PyObject* os_mkdir(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "mode", "dir_fd", nullptr};
  static _PyArg_Parser parser = {"O&|O&$O&:mkdir", kwlist, 0};
  Path path("mkdir");
  int mode = 0777, dir_fd = AT_FDCWD;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path,
                                    int_converter, &mode, dir_fd_converter, &dir_fd))
    return nullptr;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = mkdirat(dir_fd, path.narrow, mode);
  Py_END_ALLOW_THREADS
  if (r != 0) return path_error(path);
  Py_RETURN_NONE;
}

PyObject* unlink_common(const char* fname, int flags, PyObject* const* args, Py_ssize_t nargs,
                        PyObject* kwnames, _PyArg_Parser* parser) {
  Path path(fname);
  int dir_fd = AT_FDCWD;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, parser, path_converter, &path,
                                    dir_fd_converter, &dir_fd))
    return nullptr;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = unlinkat(dir_fd, path.narrow, flags);
  Py_END_ALLOW_THREADS
  if (r != 0) return path_error(path);
  Py_RETURN_NONE;
}

PyObject* os_rmdir(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "dir_fd", nullptr};
  static _PyArg_Parser parser = {"O&|$O&:rmdir", kwlist, 0};
  return unlink_common("rmdir", AT_REMOVEDIR, args, nargs, kwnames, &parser);
}

PyObject* os_unlink(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "dir_fd", nullptr};
  static _PyArg_Parser parser = {"O&|$O&:unlink", kwlist, 0};
  return unlink_common("unlink", 0, args, nargs, kwnames, &parser);
}

PyObject* os_remove(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "dir_fd", nullptr};
  static _PyArg_Parser parser = {"O&|$O&:remove", kwlist, 0};
  return unlink_common("remove", 0, args, nargs, kwnames, &parser);
}

PyObject* rename_common(const char* fname, PyObject* const* args, Py_ssize_t nargs,
                        PyObject* kwnames, _PyArg_Parser* parser) {
  Path src(fname, "src"), dst(fname, "dst");
  int src_dir_fd = AT_FDCWD, dst_dir_fd = AT_FDCWD;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, parser, path_converter, &src,
                                    path_converter, &dst, dir_fd_converter, &src_dir_fd,
                                    dir_fd_converter, &dst_dir_fd))
    return nullptr;
  // (str and bytes may be mixed: CPython's "must be the same type" check is Windows-only.)
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = renameat(src_dir_fd, src.narrow, dst_dir_fd, dst.narrow);
  Py_END_ALLOW_THREADS
  if (r != 0) return path_error2(src, dst);
  Py_RETURN_NONE;
}

PyObject* os_rename(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"src", "dst", "src_dir_fd", "dst_dir_fd", nullptr};
  static _PyArg_Parser parser = {"O&O&|$O&O&:rename", kwlist, 0};
  return rename_common("rename", args, nargs, kwnames, &parser);
}

PyObject* os_replace(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"src", "dst", "src_dir_fd", "dst_dir_fd", nullptr};
  static _PyArg_Parser parser = {"O&O&|$O&O&:replace", kwlist, 0};
  return rename_common("replace", args, nargs, kwnames, &parser);
}

PyObject* os_link(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"src", "dst", "src_dir_fd", "dst_dir_fd",
                                       "follow_symlinks", nullptr};
  static _PyArg_Parser parser = {"O&O&|$O&O&p:link", kwlist, 0};
  Path src("link", "src"), dst("link", "dst");
  int src_dir_fd = AT_FDCWD, dst_dir_fd = AT_FDCWD, follow = 1;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &src,
                                    path_converter, &dst, dir_fd_converter, &src_dir_fd,
                                    dir_fd_converter, &dst_dir_fd, &follow))
    return nullptr;
  int r = linkat(src_dir_fd, src.narrow, dst_dir_fd, dst.narrow, follow ? AT_SYMLINK_FOLLOW : 0);
  if (r != 0) return path_error2(src, dst);
  Py_RETURN_NONE;
}

PyObject* os_symlink(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"src", "dst", "target_is_directory", "dir_fd", nullptr};
  static _PyArg_Parser parser = {"O&O&|p$O&:symlink", kwlist, 0};
  Path src("symlink", "src"), dst("symlink", "dst");
  int is_dir = 0, dir_fd = AT_FDCWD;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &src,
                                    path_converter, &dst, &is_dir, dir_fd_converter, &dir_fd))
    return nullptr;
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = symlinkat(src.narrow, dir_fd, dst.narrow);
  Py_END_ALLOW_THREADS
  if (r != 0) return path_error2(src, dst);
  Py_RETURN_NONE;
}

PyObject* os_readlink(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "dir_fd", nullptr};
  static _PyArg_Parser parser = {"O&|$O&:readlink", kwlist, 0};
  Path path("readlink");
  int dir_fd = AT_FDCWD;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path,
                                    dir_fd_converter, &dir_fd))
    return nullptr;
  char buf[PATH_MAX + 1];
  ssize_t n;
  Py_BEGIN_ALLOW_THREADS
  n = readlinkat(dir_fd, path.narrow, buf, sizeof(buf));
  Py_END_ALLOW_THREADS
  if (n < 0) return path_error(path);
  return fs_name(buf, n, path.is_bytes);
}

}  // namespace

PyMethodDef posix_dir_methods[] = {
    {"getcwd", os_getcwd, METH_NOARGS,
     "getcwd($module, /)\n--\n\nReturn a unicode string representing the current working "
     "directory."},
    {"getcwdb", os_getcwdb, METH_NOARGS,
     "getcwdb($module, /)\n--\n\nReturn a bytes string representing the current working "
     "directory."},
    {"chdir", FASTCALL_KW(os_chdir), METH_FASTCALL | METH_KEYWORDS,
     "chdir($module, /, path)\n--\n\nChange the current working directory to the specified "
     "path."},
    {"listdir", FASTCALL_KW(os_listdir), METH_FASTCALL | METH_KEYWORDS,
     "listdir($module, /, path=None)\n--\n\nReturn a list containing the names of the files in "
     "the directory."},
    {"scandir", FASTCALL_KW(os_scandir), METH_FASTCALL | METH_KEYWORDS,
     "scandir($module, /, path=None)\n--\n\nReturn an iterator of DirEntry objects for given "
     "path."},
    {"mkdir", FASTCALL_KW(os_mkdir), METH_FASTCALL | METH_KEYWORDS,
     "mkdir($module, /, path, mode=511, *, dir_fd=None)\n--\n\nCreate a directory."},
    {"rmdir", FASTCALL_KW(os_rmdir), METH_FASTCALL | METH_KEYWORDS,
     "rmdir($module, /, path, *, dir_fd=None)\n--\n\nRemove a directory."},
    {"unlink", FASTCALL_KW(os_unlink), METH_FASTCALL | METH_KEYWORDS,
     "unlink($module, /, path, *, dir_fd=None)\n--\n\nRemove a file (same as remove())."},
    {"remove", FASTCALL_KW(os_remove), METH_FASTCALL | METH_KEYWORDS,
     "remove($module, /, path, *, dir_fd=None)\n--\n\nRemove a file (same as unlink())."},
    {"rename", FASTCALL_KW(os_rename), METH_FASTCALL | METH_KEYWORDS,
     "rename($module, /, src, dst, *, src_dir_fd=None, dst_dir_fd=None)\n--\n\n"
     "Rename a file or directory."},
    {"replace", FASTCALL_KW(os_replace), METH_FASTCALL | METH_KEYWORDS,
     "replace($module, /, src, dst, *, src_dir_fd=None, dst_dir_fd=None)\n--\n\n"
     "Rename a file or directory, overwriting the destination."},
    {"link", FASTCALL_KW(os_link), METH_FASTCALL | METH_KEYWORDS,
     "link($module, /, src, dst, *, src_dir_fd=None, dst_dir_fd=None,\n"
     "     follow_symlinks=True)\n--\n\nCreate a hard link to a file."},
    {"symlink", FASTCALL_KW(os_symlink), METH_FASTCALL | METH_KEYWORDS,
     "symlink($module, /, src, dst, target_is_directory=False, *, dir_fd=None)\n--\n\n"
     "Create a symbolic link pointing to src named dst."},
    {"readlink", FASTCALL_KW(os_readlink), METH_FASTCALL | METH_KEYWORDS,
     "readlink($module, /, path, *, dir_fd=None)\n--\n\nReturn a string representing the path "
     "to which the symbolic link points."},
    {nullptr, nullptr, 0, nullptr},
};

int init_dir_types(PyObject* m) {
  if (PyType_Ready(&DirEntry_Type) < 0 || PyType_Ready(&ScandirIter_Type) < 0) return -1;
  return PyModule_AddObjectRef(m, "DirEntry", reinterpret_cast<PyObject*>(&DirEntry_Type));
}

}  // namespace krait::posix
