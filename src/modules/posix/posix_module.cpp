// posix_module.cpp — the `posix` builtin module (what os.py builds `os` on):
// assembles the per-area method tables, the integer constants os.py and the
// stdlib expect (O_*, *_OK, W*, EX_*, ...), the result types and
// _have_functions, which os.py turns into supports_dir_fd & co.
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/statvfs.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <spawn.h>
#include <sysexits.h>
#include <unistd.h>
#include <linux/limits.h>

#include "modules/posix/posix_internal.h"

namespace krait::posix {
namespace {

struct IntConst {
  const char* name;
  long value;
};

#define C(n) {#n, n}
const IntConst kConstants[] = {
    C(F_OK), C(R_OK), C(W_OK), C(X_OK), C(NGROUPS_MAX), C(TMP_MAX),
    C(WCONTINUED), C(WNOHANG), C(WUNTRACED), C(WEXITED), C(WNOWAIT), C(WSTOPPED),
    C(O_RDONLY), C(O_WRONLY), C(O_RDWR), C(O_NDELAY), C(O_NONBLOCK), C(O_APPEND), C(O_DSYNC),
    C(O_RSYNC), C(O_SYNC), C(O_NOCTTY), C(O_CREAT), C(O_EXCL), C(O_TRUNC), C(O_LARGEFILE),
    C(O_PATH), C(O_TMPFILE), C(O_ACCMODE), C(O_ASYNC), C(O_DIRECT), C(O_DIRECTORY),
    C(O_NOFOLLOW), C(O_NOATIME), C(O_CLOEXEC), C(O_FSYNC),
    C(PRIO_PROCESS), C(PRIO_PGRP), C(PRIO_USER),
    C(EX_OK), C(EX_USAGE), C(EX_DATAERR), C(EX_NOINPUT), C(EX_NOUSER), C(EX_NOHOST),
    C(EX_UNAVAILABLE), C(EX_SOFTWARE), C(EX_OSERR), C(EX_OSFILE), C(EX_CANTCREAT), C(EX_IOERR),
    C(EX_TEMPFAIL), C(EX_PROTOCOL), C(EX_NOPERM), C(EX_CONFIG),
    C(ST_RDONLY), C(ST_NOSUID), C(ST_NODEV), C(ST_NOEXEC), C(ST_SYNCHRONOUS), C(ST_MANDLOCK),
    C(ST_WRITE), C(ST_APPEND), C(ST_NOATIME), C(ST_NODIRATIME), C(ST_RELATIME),
    C(P_PID), C(P_PGID), C(P_ALL), {"P_PIDFD", 3},
    C(CLD_EXITED), C(CLD_KILLED), C(CLD_DUMPED), C(CLD_TRAPPED), C(CLD_STOPPED), C(CLD_CONTINUED),
    C(F_LOCK), C(F_TLOCK), C(F_ULOCK), C(F_TEST),
    C(RWF_DSYNC), C(RWF_HIPRI), C(RWF_SYNC), C(RWF_NOWAIT), C(RWF_APPEND),
    C(SPLICE_F_MOVE), C(SPLICE_F_NONBLOCK), C(SPLICE_F_MORE),
    {"POSIX_SPAWN_OPEN", 0}, {"POSIX_SPAWN_CLOSE", 1}, {"POSIX_SPAWN_DUP2", 2},
    {"POSIX_FADV_NORMAL", 0}, {"POSIX_FADV_RANDOM", 1}, {"POSIX_FADV_SEQUENTIAL", 2},
    {"POSIX_FADV_WILLNEED", 3}, {"POSIX_FADV_DONTNEED", 4}, {"POSIX_FADV_NOREUSE", 5},
    C(SCHED_OTHER), C(SCHED_FIFO), C(SCHED_RR), C(SCHED_BATCH), C(SCHED_IDLE),
    C(SCHED_RESET_ON_FORK),
    C(XATTR_CREATE), C(XATTR_REPLACE), C(XATTR_SIZE_MAX),
    C(RTLD_LAZY), C(RTLD_NOW), C(RTLD_GLOBAL), C(RTLD_LOCAL), C(RTLD_NODELETE), C(RTLD_NOLOAD),
    C(RTLD_DEEPBIND),
    C(GRND_RANDOM), C(GRND_NONBLOCK),
    C(MFD_CLOEXEC), C(MFD_ALLOW_SEALING), C(MFD_HUGETLB), {"MFD_HUGE_SHIFT", 26},
    {"MFD_HUGE_MASK", 0x3f}, {"MFD_HUGE_64KB", 16L << 26}, {"MFD_HUGE_512KB", 19L << 26},
    {"MFD_HUGE_1MB", 20L << 26}, {"MFD_HUGE_2MB", 21L << 26}, {"MFD_HUGE_8MB", 23L << 26},
    {"MFD_HUGE_16MB", 24L << 26}, {"MFD_HUGE_32MB", 25L << 26}, {"MFD_HUGE_256MB", 28L << 26},
    {"MFD_HUGE_512MB", 29L << 26}, {"MFD_HUGE_1GB", 30L << 26}, {"MFD_HUGE_2GB", 31L << 26},
    {"MFD_HUGE_16GB", 34L << 26},
    C(EFD_CLOEXEC), C(EFD_NONBLOCK), C(EFD_SEMAPHORE),
    C(SEEK_DATA), C(SEEK_HOLE),
};
#undef C

// What os.py's supports_dir_fd / supports_fd / supports_follow_symlinks are
// computed from: CPython's list on this platform. os.py only records a
// capability for functions the module actually has, so names whose function
// Krait lacks yet (e.g. mkfifo) are inert.
const char* const kHaveFunctions[] = {
    "HAVE_EVENTFD",
    "HAVE_FACCESSAT",
    "HAVE_FCHDIR",
    "HAVE_FCHMOD",
    "HAVE_FCHMODAT",
    "HAVE_FCHOWN",
    "HAVE_FCHOWNAT",
    "HAVE_FEXECVE",
    "HAVE_FDOPENDIR",
    "HAVE_FPATHCONF",
    "HAVE_FSTATAT",
    "HAVE_FSTATVFS",
    "HAVE_FTRUNCATE",
    "HAVE_FUTIMENS",
    "HAVE_FUTIMES",
    "HAVE_FUTIMESAT",
    "HAVE_LINKAT",
    "HAVE_LCHOWN",
    "HAVE_LSTAT",
    "HAVE_LUTIMES",
    "HAVE_MEMFD_CREATE",
    "HAVE_MKDIRAT",
    "HAVE_MKFIFOAT",
    "HAVE_MKNODAT",
    "HAVE_OPENAT",
    "HAVE_READLINKAT",
    "HAVE_RENAMEAT",
    "HAVE_SYMLINKAT",
    "HAVE_UNLINKAT",
    "HAVE_UTIMENSAT",
};

int posix_exec(PyObject* m) {
  for (PyMethodDef* table : {posix_path_methods, posix_stat_methods, posix_dir_methods,
                             posix_fd_methods, posix_proc_methods, posix_conf_methods,
                             posix_creds_methods, posix_sched_methods, posix_io_methods})
    if (PyModule_AddFunctions(m, table) < 0) return -1;
  for (const IntConst& c : kConstants)
    if (PyModule_AddIntConstant(m, c.name, c.value) < 0) return -1;
  Ref<> have = steal(PyList_New(0));
  if (!have) return -1;
  for (const char* name : kHaveFunctions) {
    Ref<> s = steal(PyUnicode_FromString(name));
    if (!s || PyList_Append(have.get(), s.get()) < 0) return -1;
  }
  if (PyModule_AddObjectRef(m, "_have_functions", have.get()) < 0) return -1;
  if (PyModule_AddObjectRef(m, "error", PyExc_OSError) < 0) return -1;
  if (init_stat_types(m) < 0 || init_dir_types(m) < 0 || init_fd_types(m) < 0 ||
      init_proc_types(m) < 0 || init_conf_names(m) < 0 || init_sched_types(m) < 0)
    return -1;
  return 0;
}

PyModuleDef_Slot posix_slots[] = {
    {Py_mod_exec, reinterpret_cast<void*>(posix_exec)},
    {0, nullptr},
};

PyModuleDef posix_module = {
    .m_base = PyModuleDef_HEAD_INIT,
    .m_name = "posix",
    .m_doc = "This module provides access to operating system functionality that is\n"
             "standardized by the C Standard and the POSIX standard (a thinly\n"
             "disguised Unix interface).  Refer to the library manual and\n"
             "corresponding Unix manual entries for more information on calls.",
    .m_size = 0,
    .m_slots = posix_slots,
};

}  // namespace
}  // namespace krait::posix

// The extra reference keeps the static def alive under an importer that
// releases the PyInit_* result (src/runtime/import.cpp currently does; CPython
// does not). It is harmless once that is fixed.
extern "C" PyObject* PyInit_posix() {
  PyObject* def = PyModuleDef_Init(&krait::posix::posix_module);
  Py_XINCREF(def);
  return def;
}
