// posixsubprocess_module.cpp — `_posixsubprocess.fork_exec`, the fork+exec
// primitive under subprocess.Popen (CPython 3.11's 23-argument form).
//
// The parent converts every argument to plain C data first; the child then
// only makes system calls (plus preexec_fn, which CPython also runs there):
// pipe set-up on fds 0-2, cwd, umask, signals, session/process group, ids,
// preexec_fn, close_fds, exec over each candidate path. A failure in the
// child is reported on errpipe_write as "OSError:<hex errno>:[noexec]" or
// "SubprocessError:0:<message>", which subprocess.py parses.
#include <Python.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <vector>

#include "modules/posix/posix_internal.h"
#include "support/ref.h"

extern "C" void _Py_RestoreSignals(void);

using namespace krait;

namespace {

// str/bytes/PathLike -> new bytes reference in *out (PyUnicode_FSConverter's job).
bool fs_encode(PyObject* o, PyObject** out) {
  krait::posix::Path p(nullptr, "path");
  if (!krait::posix::path_converter(o, &p)) return false;
  *out = p.bytes.release();
  return true;
}

// Sequence of str/bytes/PathLike -> owned bytes + a NULL-terminated char* array.
bool to_cstrings(PyObject* seq, const char* msg, std::vector<Ref<>>& keep, std::vector<char*>& out) {
  Ref<> fast = steal(PySequence_Fast(seq, msg));
  if (!fast) return false;
  Py_ssize_t n = PySequence_Fast_GET_SIZE(fast.get());
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject* b = nullptr;
    if (!fs_encode(PySequence_Fast_GET_ITEM(fast.get(), i), &b)) return false;
    keep.push_back(steal(b));
    out.push_back(PyBytes_AS_STRING(b));
  }
  out.push_back(nullptr);
  return true;
}

bool check_fds_to_keep(PyObject* fds, std::vector<int>& out) {
  Py_ssize_t n = PyTuple_GET_SIZE(fds);
  long prev = -1;
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject* o = PyTuple_GET_ITEM(fds, i);
    long fd = PyLong_Check(o) ? PyLong_AsLong(o) : -1;
    if (fd == -1 && PyErr_Occurred()) PyErr_Clear();
    if (fd < 0 || fd <= prev || fd > INT_MAX) {
      PyErr_SetString(PyExc_ValueError, "bad value(s) in fds_to_keep");
      return false;
    }
    prev = fd;
    out.push_back(static_cast<int>(fd));
  }
  return true;
}

void write_all(int fd, const char* s, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, s, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    s += w;
    n -= static_cast<size_t>(w);
  }
}

int set_inheritable(int fd, bool inheritable) {
  int flags = fcntl(fd, F_GETFD);
  if (flags < 0) return -1;
  int nflags = inheritable ? (flags & ~FD_CLOEXEC) : (flags | FD_CLOEXEC);
  if (nflags == flags) return 0;
  return fcntl(fd, F_SETFD, nflags);
}

bool is_kept(const std::vector<int>& keep, int fd) {
  for (int k : keep)
    if (k == fd) return true;
  return false;
}

// Closes every fd >= 3 except those to keep; getdents64 on /proc/self/fd is
// async-signal-safe (no malloc), with a brute-force fallback.
void close_open_fds(const std::vector<int>& keep) {
  int dfd = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    char buf[4096];
    for (;;) {
      long n = syscall(SYS_getdents64, dfd, buf, sizeof buf);
      if (n <= 0) break;
      for (long off = 0; off < n;) {
        struct linux_dirent64 {
          unsigned long long d_ino;
          long long d_off;
          unsigned short d_reclen;
          unsigned char d_type;
          char d_name[1];
        };
        auto* d = reinterpret_cast<linux_dirent64*>(buf + off);
        off += d->d_reclen;
        if (d->d_name[0] < '0' || d->d_name[0] > '9') continue;
        int fd = 0;
        for (const char* p = d->d_name; *p; p++) fd = fd * 10 + (*p - '0');
        if (fd >= 3 && fd != dfd && !is_kept(keep, fd)) close(fd);
      }
    }
    close(dfd);
    return;
  }
  long maxfd = sysconf(_SC_OPEN_MAX);
  if (maxfd < 0) maxfd = 256;
  for (int fd = 3; fd < maxfd; fd++)
    if (!is_kept(keep, fd)) close(fd);
}

struct ChildArgs {
  char* const* argv;
  std::vector<char*>* exec_array;
  char* const* envp;
  const char* cwd;
  int p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write;
  bool close_fds, restore_signals, call_setsid;
  int pgid_to_set;
  bool have_gid, have_uid, have_groups;
  gid_t gid;
  uid_t uid;
  std::vector<gid_t>* groups;
  int child_umask;
  PyObject* preexec_fn;
  std::vector<int>* fds_to_keep;
};

[[noreturn]] void child_exec(const ChildArgs& a) {
  int saved_errno = 0;
  bool reached_preexec = false;
  const char* err_msg = "";
  int c2pwrite = a.c2pwrite, errwrite = a.errwrite;
  for (int fd : *a.fds_to_keep)
    if (fd != a.errpipe_write) set_inheritable(fd, true);
#define CHILD_CALL(expr) \
  if ((expr) == -1) goto error
  if (a.p2cwrite != -1) close(a.p2cwrite);
  if (a.c2pread != -1) close(a.c2pread);
  if (a.errread != -1) close(a.errread);
  close(a.errpipe_read);
  // Move pipe ends that would be clobbered by the dup2 calls below.
  if (c2pwrite == 0) {
    CHILD_CALL(c2pwrite = dup(c2pwrite));
    CHILD_CALL(set_inheritable(c2pwrite, false));
  }
  while (errwrite == 0 || errwrite == 1) {
    CHILD_CALL(errwrite = dup(errwrite));
    CHILD_CALL(set_inheritable(errwrite, false));
  }
  if (a.p2cread == 0) {
    CHILD_CALL(set_inheritable(a.p2cread, true));
  } else if (a.p2cread != -1) {
    CHILD_CALL(dup2(a.p2cread, 0));
  }
  if (c2pwrite == 1) {
    CHILD_CALL(set_inheritable(c2pwrite, true));
  } else if (c2pwrite != -1) {
    CHILD_CALL(dup2(c2pwrite, 1));
  }
  if (errwrite == 2) {
    CHILD_CALL(set_inheritable(errwrite, true));
  } else if (errwrite != -1) {
    CHILD_CALL(dup2(errwrite, 2));
  }
  if (a.cwd) CHILD_CALL(chdir(a.cwd));
  if (a.child_umask >= 0) umask(static_cast<mode_t>(a.child_umask));
  if (a.restore_signals) _Py_RestoreSignals();
  if (a.call_setsid) CHILD_CALL(setsid());
  if (a.pgid_to_set >= 0) CHILD_CALL(setpgid(0, a.pgid_to_set));
  if (a.have_groups) CHILD_CALL(setgroups(a.groups->size(), a.groups->data()));
  if (a.have_gid) CHILD_CALL(setregid(a.gid, a.gid));
  if (a.have_uid) CHILD_CALL(setreuid(a.uid, a.uid));
  reached_preexec = true;
  if (a.preexec_fn != Py_None) {
    PyObject* r = PyObject_CallNoArgs(a.preexec_fn);
    if (!r) {
      // Formatting the exception could allocate/deadlock: report a fixed text.
      err_msg = "Exception occurred in preexec_fn.";
      errno = 0;
      goto error;
    }
    Py_DECREF(r);
  }
  if (a.close_fds) close_open_fds(*a.fds_to_keep);
  for (char* exe : *a.exec_array) {
    if (!exe) break;
    if (a.envp)
      execve(exe, a.argv, a.envp);
    else
      execv(exe, a.argv);
    if (errno != ENOENT && errno != ENOTDIR && saved_errno == 0) saved_errno = errno;
  }
  if (saved_errno) errno = saved_errno;
error:
#undef CHILD_CALL
  saved_errno = errno;
  if (saved_errno) {
    char hex[sizeof(int) * 2 + 1];
    char* cur = hex + sizeof hex;
    for (int e = saved_errno; e != 0 && cur != hex; e /= 16) *--cur = "0123456789abcdef"[e % 16];
    write_all(a.errpipe_write, "OSError:", 8);
    write_all(a.errpipe_write, cur, static_cast<size_t>(hex + sizeof hex - cur));
    write_all(a.errpipe_write, ":", 1);
    if (!reached_preexec) write_all(a.errpipe_write, "noexec", 6);
  } else {
    write_all(a.errpipe_write, "SubprocessError:0:", 18);
    write_all(a.errpipe_write, err_msg, strlen(err_msg));
  }
  _exit(255);
}

PyObject* fork_exec(PyObject*, PyObject* args) {
  PyObject *process_args, *executable_list, *fds_to_keep, *cwd_obj, *env_list, *gid_obj,
      *groups_list, *uid_obj, *preexec_fn;
  int close_fds, restore_signals, call_setsid, allow_vfork, pgid_to_set, child_umask;
  ChildArgs a{};
  if (!PyArg_ParseTuple(args, "OOpO!OOiiiiiiiippiOOOiOp:fork_exec", &process_args,
                        &executable_list, &close_fds, &PyTuple_Type, &fds_to_keep, &cwd_obj,
                        &env_list, &a.p2cread, &a.p2cwrite, &a.c2pread, &a.c2pwrite, &a.errread,
                        &a.errwrite, &a.errpipe_read, &a.errpipe_write, &restore_signals,
                        &call_setsid, &pgid_to_set, &gid_obj, &groups_list, &uid_obj,
                        &child_umask, &preexec_fn, &allow_vfork))
    return nullptr;
  (void)allow_vfork;  // always fork(): the child may run preexec_fn
  if (close_fds && a.errpipe_write < 3) {
    PyErr_SetString(PyExc_ValueError, "errpipe_write must be >= 3");
    return nullptr;
  }
  std::vector<int> keep;
  if (!check_fds_to_keep(fds_to_keep, keep)) return nullptr;

  std::vector<Ref<>> owned;
  std::vector<char*> argv, exec_array, envp;
  if (process_args != Py_None && !to_cstrings(process_args, "args must be a sequence", owned, argv))
    return nullptr;
  if (!to_cstrings(executable_list, "executables must be a list", owned, exec_array)) return nullptr;
  if (env_list != Py_None && !to_cstrings(env_list, "env must be a sequence", owned, envp))
    return nullptr;
  Ref<> cwd_bytes;
  if (cwd_obj != Py_None) {
    PyObject* b = nullptr;
    if (!fs_encode(cwd_obj, &b)) return nullptr;
    cwd_bytes = steal(b);
    a.cwd = PyBytes_AS_STRING(b);
  }
  std::vector<gid_t> groups;
  if (groups_list != Py_None) {
    Ref<> fast = steal(PySequence_Fast(groups_list, "setgroups argument must be a list"));
    if (!fast) return nullptr;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(fast.get()); i++) {
      gid_t g;
      if (!_Py_Gid_Converter(PySequence_Fast_GET_ITEM(fast.get(), i), &g)) return nullptr;
      groups.push_back(g);
    }
    a.have_groups = true;
  }
  if (gid_obj != Py_None) {
    if (!_Py_Gid_Converter(gid_obj, &a.gid)) return nullptr;
    a.have_gid = true;
  }
  if (uid_obj != Py_None) {
    if (!_Py_Uid_Converter(uid_obj, &a.uid)) return nullptr;
    a.have_uid = true;
  }
  a.argv = argv.empty() ? nullptr : argv.data();
  a.exec_array = &exec_array;
  a.envp = env_list != Py_None ? envp.data() : nullptr;
  a.close_fds = close_fds;
  a.restore_signals = restore_signals;
  a.call_setsid = call_setsid;
  a.pgid_to_set = pgid_to_set;
  a.groups = &groups;
  a.child_umask = child_umask;
  a.preexec_fn = preexec_fn;
  a.fds_to_keep = &keep;

  bool python_in_child = preexec_fn != Py_None;
  if (python_in_child) PyOS_BeforeFork();
  pid_t pid = fork();
  if (pid == 0) {
    if (python_in_child) PyOS_AfterFork_Child();
    child_exec(a);
  }
  int saved = errno;
  if (python_in_child) PyOS_AfterFork_Parent();
  if (pid < 0) {
    errno = saved;
    return PyErr_SetFromErrno(PyExc_OSError);
  }
  return PyLong_FromLong(pid);
}

PyMethodDef methods[] = {
    {"fork_exec", fork_exec, METH_VARARGS,
     "fork_exec(args, executable_list, close_fds, pass_fds, cwd, env,\n"
     "          p2cread, p2cwrite, c2pread, c2pwrite,\n"
     "          errread, errwrite, errpipe_read, errpipe_write,\n"
     "          restore_signals, call_setsid, pgid_to_set,\n"
     "          gid, extra_groups, uid,\n"
     "          preexec_fn)\n\n"
     "Forks a child process, closes parent file descriptors as appropriate in the\n"
     "child and dups the few that are needed before calling exec() in the child\n"
     "process.\n\n"
     "If close_fds is true, close file descriptors 3 and higher, except those listed\n"
     "in the sorted tuple pass_fds.\n\n"
     "The preexec_fn, if supplied, will be called immediately before closing file\n"
     "descriptors and exec.\n"
     "WARNING: preexec_fn is NOT SAFE if your application uses threads.\n"
     "         It may trigger infrequent, difficult to debug deadlocks.\n\n"
     "If an error occurs in the child process before the exec, it is\n"
     "serialized and written to the errpipe_write fd per subprocess.py.\n\n"
     "Returns: the child process's PID.\n\n"
     "Raises: Only on an error in the parent process.\n"},
    {nullptr, nullptr, 0, nullptr}};

PyModuleDef module = {PyModuleDef_HEAD_INIT, "_posixsubprocess",
                      "A POSIX helper for the subprocess module.", -1, methods,
                      nullptr, nullptr, nullptr, nullptr};

}  // namespace

PyMODINIT_FUNC PyInit__posixsubprocess(void) { return PyModule_Create(&module); }
