// posix_proc.cpp — processes and the environment: ids, kill, fork/exec,
// waitpid and the W* status macros, _exit, times (posix.times_result),
// uname (posix.uname_result), cpu_count, strerror, umask, system,
// putenv/unsetenv, register_at_fork, and the posix.environ bytes dict.
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

#include "modules/posix/posix_internal.h"
#include "runtime/interp_state.h"

extern char** environ;

namespace krait::posix {

namespace {

#define FASTCALL_KW(fn) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fn))

PyTypeObject* g_times_result = nullptr;
PyTypeObject* g_uname_result = nullptr;
// register_at_fork callbacks (lists owned for the life of the process).
PyObject* g_before_fork = nullptr;
PyObject* g_after_in_parent = nullptr;
PyObject* g_after_in_child = nullptr;

PyObject* os_getpid(PyObject*, PyObject*) { return PyLong_FromLong(getpid()); }
PyObject* os_getppid(PyObject*, PyObject*) { return PyLong_FromLong(getppid()); }
PyObject* os_getuid(PyObject*, PyObject*) { return from_uid(getuid()); }
PyObject* os_geteuid(PyObject*, PyObject*) { return from_uid(geteuid()); }
PyObject* os_getgid(PyObject*, PyObject*) { return from_gid(getgid()); }
PyObject* os_getegid(PyObject*, PyObject*) { return from_gid(getegid()); }
PyObject* os_getpgrp(PyObject*, PyObject*) { return PyLong_FromLong(getpgrp()); }

PyObject* os_getpgid(PyObject*, PyObject* arg) {
  long pid = PyLong_AsLong(arg);
  if (pid == -1 && PyErr_Occurred()) return nullptr;
  pid_t r = getpgid(pid);
  if (r < 0) return posix_error();
  return PyLong_FromLong(r);
}

PyObject* os_getsid(PyObject*, PyObject* arg) {
  long pid = PyLong_AsLong(arg);
  if (pid == -1 && PyErr_Occurred()) return nullptr;
  pid_t r = getsid(pid);
  if (r < 0) return posix_error();
  return PyLong_FromLong(r);
}

PyObject* os_setsid(PyObject*, PyObject*) {
  if (setsid() < 0) return posix_error();
  Py_RETURN_NONE;
}

PyObject* os_getgroups(PyObject*, PyObject*) {
  int n = getgroups(0, nullptr);
  if (n < 0) return posix_error();
  std::vector<gid_t> groups(n);
  n = getgroups(n, groups.data());
  if (n < 0) return posix_error();
  Ref<> list = steal(PyList_New(n));
  if (!list) return nullptr;
  for (int i = 0; i < n; i++) {
    PyObject* g = from_gid(groups[i]);
    if (!g) return nullptr;
    PyList_SET_ITEM(list.get(), i, g);
  }
  return list.release();
}

PyObject* os_getlogin(PyObject*, PyObject*) {
  errno = 0;
  char* name = getlogin();
  if (!name) {
    if (errno) return posix_error();
    PyErr_SetString(PyExc_OSError, "unable to determine login name");
    return nullptr;
  }
  return PyUnicode_DecodeFSDefault(name);
}

PyObject* os_kill(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  long pid;
  int sig;
  if (!_PyArg_ParseStack(args, nargs, "lO&:kill", &pid, int_converter, &sig)) return nullptr;
  if (kill(static_cast<pid_t>(pid), sig) != 0) return posix_error();
  // CPython's eval loop checks for signals right after a call returns; Krait
  // checks at function starts and backward jumps, so a signal sent to
  // ourselves is handled here, before the next statement runs.
  if (PyErr_CheckSignals()) return nullptr;
  Py_RETURN_NONE;
}

PyObject* os_killpg(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  long pgid;
  int sig;
  if (!_PyArg_ParseStack(args, nargs, "lO&:killpg", &pgid, int_converter, &sig)) return nullptr;
  if (killpg(static_cast<pid_t>(pgid), sig) != 0) return posix_error();
  Py_RETURN_NONE;
}

PyObject* os_waitpid(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  long pid;
  int options;
  if (!_PyArg_ParseStack(args, nargs, "lO&:waitpid", &pid, int_converter, &options))
    return nullptr;
  int status = 0;
  pid_t r;
  do {
    Py_BEGIN_ALLOW_THREADS
    r = waitpid(static_cast<pid_t>(pid), &status, options);
    Py_END_ALLOW_THREADS
  } while (r < 0 && errno == EINTR && PyErr_CheckSignals() == 0);
  if (r < 0 && PyErr_Occurred()) return nullptr;
  if (r < 0) return posix_error();
  return Py_BuildValue("(li)", static_cast<long>(r), status);
}

PyObject* os_wait(PyObject*, PyObject*) {
  int status = 0;
  pid_t r;
  do {
    Py_BEGIN_ALLOW_THREADS
    r = wait(&status);
    Py_END_ALLOW_THREADS
  } while (r < 0 && errno == EINTR && PyErr_CheckSignals() == 0);
  if (r < 0 && PyErr_Occurred()) return nullptr;
  if (r < 0) return posix_error();
  return Py_BuildValue("(li)", static_cast<long>(r), status);
}

// The W* helpers all take one keyword-capable `status` int.
int parse_status(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, _PyArg_Parser* p,
                 int* status) {
  return _PyArg_ParseStackAndKeywords(args, nargs, kwnames, p, int_converter, status);
}

#define W_BOOL(NAME)                                                                     \
  PyObject* os_##NAME(PyObject*, PyObject* const* args, Py_ssize_t nargs,               \
                      PyObject* kwnames) {                                                \
    static const char* const kwlist[] = {"status", nullptr};                              \
    static _PyArg_Parser parser = {"O&:" #NAME, kwlist, 0};                               \
    int status;                                                                           \
    if (!parse_status(args, nargs, kwnames, &parser, &status)) return nullptr;            \
    return PyBool_FromLong(NAME(status));                                                 \
  }
#define W_INT(NAME)                                                                      \
  PyObject* os_##NAME(PyObject*, PyObject* const* args, Py_ssize_t nargs,               \
                      PyObject* kwnames) {                                                \
    static const char* const kwlist[] = {"status", nullptr};                              \
    static _PyArg_Parser parser = {"O&:" #NAME, kwlist, 0};                               \
    int status;                                                                           \
    if (!parse_status(args, nargs, kwnames, &parser, &status)) return nullptr;            \
    return PyLong_FromLong(NAME(status));                                                 \
  }
// WCOREDUMP's status is positional-only in CPython, unlike the other W* functions.
PyObject* os_WCOREDUMP(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"", nullptr};
  static _PyArg_Parser parser = {"O&:WCOREDUMP", kwlist, 0};
  int status;
  if (!parse_status(args, nargs, kwnames, &parser, &status)) return nullptr;
  return PyBool_FromLong(WCOREDUMP(status));
}
W_BOOL(WIFCONTINUED)
W_BOOL(WIFSTOPPED)
W_BOOL(WIFSIGNALED)
W_BOOL(WIFEXITED)
W_INT(WEXITSTATUS)
W_INT(WTERMSIG)
W_INT(WSTOPSIG)

PyObject* os_waitstatus_to_exitcode(PyObject*, PyObject* const* args, Py_ssize_t nargs,
                                    PyObject* kwnames) {
  static const char* const kwlist[] = {"status", nullptr};
  static _PyArg_Parser parser = {"O&:waitstatus_to_exitcode", kwlist, 0};
  int status;
  if (!parse_status(args, nargs, kwnames, &parser, &status)) return nullptr;
  if (WIFEXITED(status)) return PyLong_FromLong(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return PyLong_FromLong(-WTERMSIG(status));
  PyErr_Format(PyExc_ValueError, "invalid wait status: %i", status);
  return nullptr;
}

PyObject* os__exit(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"status", nullptr};
  static _PyArg_Parser parser = {"O&:_exit", kwlist, 0};
  int status;
  if (!parse_status(args, nargs, kwnames, &parser, &status)) return nullptr;
  _exit(status);
}

void run_callbacks(PyObject* list, bool reverse) {
  if (!list) return;
  Py_ssize_t n = PyList_GET_SIZE(list);
  for (Py_ssize_t k = 0; k < n; k++) {
    Py_ssize_t i = reverse ? n - 1 - k : k;
    if (i >= PyList_GET_SIZE(list)) continue;
    Ref<> f = borrow(PyList_GET_ITEM(list, i));
    Ref<> r = steal(PyObject_CallNoArgs(f.get()));
    if (!r) PyErr_WriteUnraisable(f.get());
  }
}

PyObject* os_fork(PyObject*, PyObject*) {
  PyOS_BeforeFork();
  pid_t pid = fork();
  int saved = errno;
  if (pid == 0)
    PyOS_AfterFork_Child();
  else
    PyOS_AfterFork_Parent();
  if (pid < 0) {
    errno = saved;
    return posix_error();
  }
  return PyLong_FromLong(pid);
}

PyObject* os_register_at_fork(PyObject*, PyObject* const* args, Py_ssize_t nargs,
                              PyObject* kwnames) {
  static const char* const kwlist[] = {"before", "after_in_child", "after_in_parent", nullptr};
  static _PyArg_Parser parser = {"|$OOO:register_at_fork", kwlist, 0};
  PyObject *before = nullptr, *child = nullptr, *parent = nullptr;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, &before, &child, &parent))
    return nullptr;
  if (!before && !child && !parent) {
    PyErr_SetString(PyExc_TypeError, "At least one argument is required.");
    return nullptr;
  }
  struct { PyObject* f; const char* name; PyObject** list; } items[] = {
      {before, "before", &g_before_fork},
      {child, "after_in_child", &g_after_in_child},
      {parent, "after_in_parent", &g_after_in_parent}};
  for (auto& it : items) {
    if (it.f && !PyCallable_Check(it.f)) {
      PyErr_Format(PyExc_TypeError, "'%s' must be callable, not %s", it.name,
                   Py_TYPE(it.f)->tp_name);
      return nullptr;
    }
  }
  for (auto& it : items) {
    if (!it.f) continue;
    if (!*it.list && !(*it.list = PyList_New(0))) return nullptr;
    if (PyList_Append(*it.list, it.f) < 0) return nullptr;
  }
  Py_RETURN_NONE;
}

// Encodes a str/bytes/PathLike argv item; keeps the bytes alive in `keep`.
bool build_argv(const char* fname, PyObject* argv, std::vector<Ref<>>& keep,
                std::vector<char*>& out) {
  if (!PyList_Check(argv) && !PyTuple_Check(argv)) {
    PyErr_Format(PyExc_TypeError, "%s() arg 2 must be a tuple or list", fname);
    return false;
  }
  Py_ssize_t n = PySequence_Size(argv);
  if (n < 1) {
    PyErr_Format(PyExc_ValueError, "%s() arg 2 must not be empty", fname);
    return false;
  }
  for (Py_ssize_t i = 0; i < n; i++) {
    Ref<> item = steal(PySequence_GetItem(argv, i));
    if (!item) return false;
    Path p(nullptr);
    if (!path_converter(item.get(), &p)) return false;
    if (i == 0 && p.narrow[0] == 0) {
      PyErr_Format(PyExc_ValueError, "%s() arg 2 first element cannot be empty", fname);
      return false;
    }
    out.push_back(const_cast<char*>(p.narrow));
    keep.push_back(std::move(p.bytes));
  }
  out.push_back(nullptr);
  return true;
}

bool build_env(PyObject* env, std::vector<Ref<>>& keep, std::vector<char*>& out) {
  Ref<> keys = steal(PyMapping_Keys(env));
  Ref<> values = keys ? steal(PyMapping_Values(env)) : Ref<>();
  if (!values) return false;
  Py_ssize_t n = PyList_GET_SIZE(keys.get());
  for (Py_ssize_t i = 0; i < n; i++) {
    Path k(nullptr, "key"), v(nullptr, "value");
    if (!path_converter(PyList_GET_ITEM(keys.get(), i), &k) ||
        !path_converter(PyList_GET_ITEM(values.get(), i), &v))
      return false;
    if (k.narrow[0] == 0 || strchr(k.narrow + 1, '=')) {
      PyErr_SetString(PyExc_ValueError, "illegal environment variable name");
      return false;
    }
    Ref<> kv = steal(PyBytes_FromFormat("%s=%s", k.narrow, v.narrow));
    if (!kv) return false;
    out.push_back(PyBytes_AS_STRING(kv.get()));
    keep.push_back(std::move(kv));
  }
  out.push_back(nullptr);
  return true;
}

PyObject* os_execv(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  Path path("execv");
  PyObject* argv;
  if (!_PyArg_ParseStack(args, nargs, "O&O:execv", path_converter, &path, &argv)) return nullptr;
  std::vector<Ref<>> keep;
  std::vector<char*> cargv;
  if (!build_argv("execv", argv, keep, cargv)) return nullptr;
  execv(path.narrow, cargv.data());
  return posix_error();
}

PyObject* os_execve(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"path", "argv", "env", nullptr};
  static _PyArg_Parser parser = {"O&OO:execve", kwlist, 0};
  Path path("execve", "path", true);
  PyObject *argv, *env;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &path, &argv,
                                    &env))
    return nullptr;
  if (!PyMapping_Check(env)) {
    PyErr_SetString(PyExc_TypeError, "execve: environment must be a mapping object");
    return nullptr;
  }
  std::vector<Ref<>> keep;
  std::vector<char*> cargv, cenv;
  if (!build_argv("execve", argv, keep, cargv) || !build_env(env, keep, cenv)) return nullptr;
  if (path.is_fd())
    fexecve(path.fd, cargv.data(), cenv.data());
  else
    execve(path.narrow, cargv.data(), cenv.data());
  return path_error(path);
}

PyObject* os_times(PyObject*, PyObject*) {
  struct tms t;
  clock_t c = times(&t);
  if (c == static_cast<clock_t>(-1)) return posix_error();
  double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  Ref<> r = steal(PyStructSequence_New(g_times_result));
  if (!r) return nullptr;
  double vals[] = {t.tms_utime / tick, t.tms_stime / tick, t.tms_cutime / tick,
                   t.tms_cstime / tick, c / tick};
  for (int i = 0; i < 5; i++) {
    PyObject* f = PyFloat_FromDouble(vals[i]);
    if (!f) return nullptr;
    PyStructSequence_SET_ITEM(r.get(), i, f);
  }
  return r.release();
}

PyObject* os_uname(PyObject*, PyObject*) {
  struct utsname u;
  if (uname(&u) != 0) return posix_error();
  Ref<> r = steal(PyStructSequence_New(g_uname_result));
  if (!r) return nullptr;
  const char* vals[] = {u.sysname, u.nodename, u.release, u.version, u.machine};
  for (int i = 0; i < 5; i++) {
    PyObject* s = PyUnicode_DecodeFSDefault(vals[i]);
    if (!s) return nullptr;
    PyStructSequence_SET_ITEM(r.get(), i, s);
  }
  return r.release();
}

PyObject* os_cpu_count(PyObject*, PyObject*) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  if (n < 1) Py_RETURN_NONE;
  return PyLong_FromLong(n);
}

PyObject* os_strerror(PyObject*, PyObject* arg) {
  int code;
  if (!int_converter(arg, &code)) return nullptr;
  const char* msg = strerror(code);
  if (!msg) {
    PyErr_SetString(PyExc_ValueError, "strerror() argument out of range");
    return nullptr;
  }
  return PyUnicode_DecodeLocale(msg, "surrogateescape");
}

PyObject* os_umask(PyObject*, PyObject* arg) {
  int mask;
  if (!int_converter(arg, &mask)) return nullptr;
  return PyLong_FromLong(umask(static_cast<mode_t>(mask)));
}

PyObject* os_system(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"command", nullptr};
  static _PyArg_Parser parser = {"O&:system", kwlist, 0};
  Path cmd("system", "command");
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, path_converter, &cmd))
    return nullptr;
  fflush(nullptr);
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = system(cmd.narrow);
  Py_END_ALLOW_THREADS
  return PyLong_FromLong(r);
}

PyObject* os_putenv(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  Path name("putenv", "name"), value("putenv", "value");
  if (!_PyArg_ParseStack(args, nargs, "O&O&:putenv", path_converter, &name, path_converter,
                         &value))
    return nullptr;
  if (name.narrow[0] == 0 || strchr(name.narrow, '=')) {
    PyErr_SetString(PyExc_ValueError, "illegal environment variable name");
    return nullptr;
  }
  if (setenv(name.narrow, value.narrow, 1) != 0) return posix_error();
  Py_RETURN_NONE;
}

PyObject* os_unsetenv(PyObject*, PyObject* arg) {
  Path name("unsetenv", "name");
  if (!path_converter(arg, &name)) return nullptr;
  if (name.narrow[0] == 0 || strchr(name.narrow, '=')) {
    PyErr_SetString(PyExc_ValueError, "illegal environment variable name");
    return nullptr;
  }
  if (unsetenv(name.narrow) != 0) return posix_error();
  Py_RETURN_NONE;
}

PyObject* os_getloadavg(PyObject*, PyObject*) {
  double l[3];
  if (getloadavg(l, 3) != 3) {
    PyErr_SetString(PyExc_OSError, "Load averages are unobtainable");
    return nullptr;
  }
  return Py_BuildValue("ddd", l[0], l[1], l[2]);
}

PyStructSequence_Field times_result_fields[] = {
    {"user", "user time"},
    {"system", "system time"},
    {"children_user", "user time of children"},
    {"children_system", "system time of children"},
    {"elapsed", "elapsed time since an arbitrary point in the past"},
    {nullptr, nullptr},
};
PyStructSequence_Desc times_result_desc = {
    "posix.times_result",
    "times_result: Result from os.times().\n\n"
    "This object may be accessed either as a tuple of\n"
    "  (user, system, children_user, children_system, elapsed),\n"
    "or via the attributes user, system, children_user, children_system,\n"
    "and elapsed.\n\n"
    "See os.times for more information.",
    times_result_fields, 5};

PyStructSequence_Field uname_result_fields[] = {
    {"sysname", "operating system name"},
    {"nodename", "name of machine on network (implementation-defined)"},
    {"release", "operating system release"},
    {"version", "operating system version"},
    {"machine", "hardware identifier"},
    {nullptr, nullptr},
};
PyStructSequence_Desc uname_result_desc = {
    "posix.uname_result",
    "uname_result: Result from os.uname().\n\n"
    "This object may be accessed either as a tuple of\n"
    "  (sysname, nodename, release, version, machine),\n"
    "or via the attributes sysname, nodename, release, version, and machine.\n\n"
    "See os.uname for more information.",
    uname_result_fields, 5};

PyObject* build_environ() {
  Ref<> d = steal(PyDict_New());
  if (!d) return nullptr;
  for (char** e = environ; e && *e; e++) {
    const char* eq = strchr(*e, '=');
    if (!eq) continue;
    Ref<> k = steal(PyBytes_FromStringAndSize(*e, eq - *e));
    Ref<> v = steal(PyBytes_FromString(eq + 1));
    if (!k || !v) return nullptr;
    // The first definition of a duplicated name wins, as in CPython.
    if (PyDict_SetDefault(d.get(), k.get(), v.get()) == nullptr) return nullptr;
  }
  return d.release();
}

}  // namespace

#define NOARGS(name, doc) {#name, os_##name, METH_NOARGS, #name "($module, /)\n--\n\n" doc}
#define WFUNC(name, doc)                                                   \
  {#name, FASTCALL_KW(os_##name), METH_FASTCALL | METH_KEYWORDS,           \
   #name "($module, /, status)\n--\n\n" doc}

PyMethodDef posix_proc_methods[] = {
    NOARGS(getpid, "Return the current process id."),
    NOARGS(getppid, "Return the parent's process id.\n\nIf the parent process has already "
                    "exited, Windows machines will still\nreturn its id; others systems will "
                    "return the id of the 'init' process (1)."),
    NOARGS(getuid, "Return the current process's user id."),
    NOARGS(geteuid, "Return the current process's effective user id."),
    NOARGS(getgid, "Return the current process's group id."),
    NOARGS(getegid, "Return the current process's effective group id."),
    NOARGS(getpgrp, "Return the current process group id."),
    NOARGS(getgroups, "Return list of supplemental group IDs for the process."),
    NOARGS(getlogin, "Return the actual login name."),
    NOARGS(setsid, "Call the system call setsid()."),
    {"getpgid", os_getpgid, METH_O, "getpgid($module, /, pid)\n--\n\nCall the system call getpgid(), and return the result."},
    {"getsid", os_getsid, METH_O, "getsid($module, pid, /)\n--\n\nCall the system call getsid(pid) and return the result."},
    {"kill", FASTCALL_KW(os_kill), METH_FASTCALL, "kill($module, pid, signal, /)\n--\n\nKill a process with a signal."},
    {"killpg", FASTCALL_KW(os_killpg), METH_FASTCALL, "killpg($module, pgid, signal, /)\n--\n\nKill a process group with a signal."},
    {"waitpid", FASTCALL_KW(os_waitpid), METH_FASTCALL,
     "waitpid($module, pid, options, /)\n--\n\nWait for completion of a given child process.\n\n"
     "Returns a tuple of information regarding the child process:\n"
     "    (pid, status)\n\nThe options argument is ignored on Windows."},
    NOARGS(wait, "Wait for completion of a child process.\n\nReturns a tuple of information about "
                 "the child process:\n    (pid, status)"),
    {"WCOREDUMP", FASTCALL_KW(os_WCOREDUMP), METH_FASTCALL | METH_KEYWORDS,
     "WCOREDUMP($module, status, /)\n--\n\nReturn True if the process returning status was dumped to a core file."},
    WFUNC(WIFCONTINUED, "Return True if a particular process was continued from a job control "
                        "stop.\n\nReturn True if the process returning status was continued from "
                        "a\njob control stop."),
    WFUNC(WIFSTOPPED, "Return True if the process returning status was stopped."),
    WFUNC(WIFSIGNALED, "Return True if the process returning status was terminated by a signal."),
    WFUNC(WIFEXITED, "Return True if the process returning status exited via the exit() system "
                     "call."),
    WFUNC(WEXITSTATUS, "Return the process return code from status."),
    WFUNC(WTERMSIG, "Return the signal that terminated the process that provided the status "
                    "value."),
    WFUNC(WSTOPSIG, "Return the signal that stopped the process that provided the status value."),
    WFUNC(waitstatus_to_exitcode, "Convert a wait status to an exit code."),
    {"_exit", FASTCALL_KW(os__exit), METH_FASTCALL | METH_KEYWORDS,
     "_exit($module, /, status)\n--\n\nExit to the system with specified status, without "
     "normal exit processing."},
    NOARGS(fork, "Fork a child process.\n\nReturn 0 to child process and PID of child to parent "
                 "process."),
    {"register_at_fork", FASTCALL_KW(os_register_at_fork), METH_FASTCALL | METH_KEYWORDS,
     "register_at_fork($module, /, *, before=<unrepresentable>,\n"
     "                 after_in_child=<unrepresentable>,\n"
     "                 after_in_parent=<unrepresentable>)\n--\n\n"
     "Register callables to be called when forking a new process."},
    {"execv", FASTCALL_KW(os_execv), METH_FASTCALL,
     "execv($module, path, argv, /)\n--\n\nExecute an executable path with arguments, replacing "
     "current process."},
    {"execve", FASTCALL_KW(os_execve), METH_FASTCALL | METH_KEYWORDS,
     "execve($module, /, path, argv, env)\n--\n\nExecute an executable path with arguments, "
     "replacing current process."},
    NOARGS(times, "Return a collection containing process timing information."),
    NOARGS(uname, "Return an object identifying the current operating system."),
    NOARGS(cpu_count, "Return the number of CPUs in the system; return None if indeterminable."),
    NOARGS(getloadavg, "Return average recent system load information."),
    {"strerror", os_strerror, METH_O,
     "strerror($module, code, /)\n--\n\nTranslate an error code to a message string."},
    {"umask", os_umask, METH_O,
     "umask($module, mask, /)\n--\n\nSet the current numeric umask and return the previous "
     "umask."},
    {"system", FASTCALL_KW(os_system), METH_FASTCALL | METH_KEYWORDS,
     "system($module, /, command)\n--\n\nExecute the command in a subshell."},
    {"putenv", FASTCALL_KW(os_putenv), METH_FASTCALL,
     "putenv($module, name, value, /)\n--\n\nChange or add an environment variable."},
    {"unsetenv", os_unsetenv, METH_O,
     "unsetenv($module, name, /)\n--\n\nDelete an environment variable."},
    {nullptr, nullptr, 0, nullptr},
};

int init_proc_types(PyObject* m) {
  g_times_result = PyStructSequence_NewType(&times_result_desc);
  g_uname_result = g_times_result ? PyStructSequence_NewType(&uname_result_desc) : nullptr;
  if (!g_uname_result) return -1;
  if (PyModule_AddObjectRef(m, "times_result", reinterpret_cast<PyObject*>(g_times_result)) < 0 ||
      PyModule_AddObjectRef(m, "uname_result", reinterpret_cast<PyObject*>(g_uname_result)) < 0)
    return -1;
  PyObject* env = build_environ();
  if (!env) return -1;
  return PyModule_AddObject(m, "environ", env);
}

}  // namespace krait::posix

// The fork protocol of the C API (os.fork, _posixsubprocess's preexec_fn):
// register_at_fork hooks, and in the child a fresh signal state.
namespace krait::sig {
void clear_tripped();
}

extern "C" {

void PyOS_BeforeFork(void) {
  krait::posix::run_callbacks(krait::posix::g_before_fork, true);  // reverse order
  fflush(nullptr);
}

void PyOS_AfterFork_Parent(void) { krait::posix::run_callbacks(krait::posix::g_after_in_parent, false); }

void PyOS_AfterFork_Child(void) {
  krait::reinit_threads_after_fork();  // only this thread survives; fresh GIL
  krait::sig::clear_tripped();
  krait::posix::run_callbacks(krait::posix::g_after_in_child, false);
}

void PyOS_AfterFork(void) { PyOS_AfterFork_Child(); }

}  // extern "C"
