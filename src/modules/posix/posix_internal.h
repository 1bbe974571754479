// posix_internal.h — shared pieces of the `posix` module (src/modules/posix/).
//
// The module is split by area (paths, stat, directories, file descriptors,
// processes); each file contributes a PyMethodDef table that posix_module.cpp
// adds to the module. Path arguments go through krait::posix::Path, the
// equivalent of CPython's path_t: str / bytes / os.PathLike (and optionally
// an int fd or None), encoded with the filesystem encoding, remembering
// whether results should be bytes.
#pragma once

#include <Python.h>

#include "support/ref.h"

namespace krait::posix {

struct Path {
  const char* function_name = nullptr;  // for error messages ("stat")
  const char* argument_name = "path";
  bool nullable = false;
  bool allow_fd = false;
  // Results of conversion.
  // The argument as passed, or for an os.PathLike its __fspath__() result (held by fspath), as
  // CPython's path_t: error filenames show '/tmp', not PosixPath('/tmp').
  PyObject* object = nullptr;
  Ref<> fspath;
  Ref<> bytes;                 // the encoded path (owned), null for fd/None
  const char* narrow = nullptr;
  int fd = -1;
  bool is_bytes = false;  // caller passed bytes (results should be bytes)

  Path(const char* fn, const char* arg = "path", bool allow_fd_ = false, bool nullable_ = false)
      : function_name(fn), argument_name(arg), nullable(nullable_), allow_fd(allow_fd_) {}
  bool is_fd() const { return fd != -1; }
};

// O& converter for a Path* (the Path is preconfigured by the caller).
int path_converter(PyObject* o, void* p);
// O& converter for dir_fd arguments: None -> AT_FDCWD, else an int fd.
int dir_fd_converter(PyObject* o, void* p);
// O& converter for a path's int fd ("fd is greater than maximum").
int fd_converter(PyObject* o, void* p);
// O& converter for a plain C int argument, as CPython's _PyLong_AsInt.
int int_converter(PyObject* o, void* p);

// Raise OSError from errno with the path object as filename; returns NULL.
PyObject* path_error(const Path& p);
PyObject* path_error2(const Path& a, const Path& b);
PyObject* posix_error();
// None for a system call's result r >= 0, else OSError from errno (NULL).
inline PyObject* none_or_error(int r) {
  if (r < 0) return posix_error();
  Py_RETURN_NONE;
}

// Decode a filesystem name for results, as bytes when `as_bytes`.
PyObject* fs_name(const char* s, Py_ssize_t len, bool as_bytes);

// uid/gid/pid conversions as CPython's _PyLong_FromUid etc.
PyObject* from_uid(uid_t uid);
PyObject* from_gid(gid_t gid);

// Per-area method tables (NULL-terminated) and initialisers.
extern PyMethodDef posix_path_methods[];
extern PyMethodDef posix_stat_methods[];
extern PyMethodDef posix_dir_methods[];
extern PyMethodDef posix_fd_methods[];
extern PyMethodDef posix_proc_methods[];
extern PyMethodDef posix_conf_methods[];   // posix_conf.cpp: sysconf, pathconf, statvfs
extern PyMethodDef posix_creds_methods[];  // posix_creds.cpp: set*id, groups, priorities
extern PyMethodDef posix_sched_methods[];  // posix_sched.cpp: sched_*, wait3/wait4/waitid
extern PyMethodDef posix_io_methods[];     // posix_io.cpp: vectored/positional I/O, sendfile, ...

// os.statvfs_result (created by init_stat_types).
extern PyTypeObject* g_statvfs_result;

int init_stat_types(PyObject* m);     // stat_result, statvfs_result
int init_dir_types(PyObject* m);      // ScandirIterator, DirEntry
int init_fd_types(PyObject* m);       // terminal_size
int init_proc_types(PyObject* m);     // times_result, uname_result, environ
int init_conf_names(PyObject* m);     // sysconf_names, confstr_names, pathconf_names
int init_sched_types(PyObject* m);    // sched_param, waitid_result
PyObject* stat_result_from(const struct stat& st);

}  // namespace krait::posix

// CPython's uid/gid converters (posix_ids.cpp), O& converters for uid_t / gid_t.
extern "C" int _Py_Uid_Converter(PyObject* obj, void* p);
extern "C" int _Py_Gid_Converter(PyObject* obj, void* p);
