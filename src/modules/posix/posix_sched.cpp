// posix_sched.cpp — scheduler control (sched_* functions and the sched_param type) and the
// wait variants that report resource usage or siginfo (wait3, wait4, waitid + waitid_result).
#include <Python.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "modules/posix/posix_internal.h"

namespace krait::posix {

namespace {

#define FC(fn) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fn))

PyTypeObject* g_sched_param = nullptr;
PyTypeObject* g_waitid_result = nullptr;

PyStructSequence_Field sched_param_fields[] = {{"sched_priority", "the scheduling priority"}, {nullptr, nullptr}};
PyStructSequence_Desc sched_param_desc = {
    "posix.sched_param",
    "sched_param(sched_priority)\n--\n\nCurrently has only one field: sched_priority\n\n"
    "  sched_priority\n    A scheduling parameter.",
    sched_param_fields, 1};

PyStructSequence_Field waitid_result_fields[] = {
    {"si_pid", nullptr}, {"si_uid", nullptr}, {"si_signo", nullptr}, {"si_status", nullptr},
    {"si_code", nullptr}, {nullptr, nullptr}};
PyStructSequence_Desc waitid_result_desc = {
    "posix.waitid_result",
    "waitid_result: Result from waitid.\n\nThis object may be accessed either as a tuple of\n"
    "  (si_pid, si_uid, si_signo, si_status, si_code),\n"
    "or via the attributes si_pid, si_uid, and so on.\n\nSee os.waitid for more information.",
    waitid_result_fields, 5};

// sched_param(sched_priority): keyword or positional, any object (checked when used).
PyObject* sched_param_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"sched_priority", nullptr};
  PyObject* prio;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:sched_param", const_cast<char**>(kwlist), &prio))
    return nullptr;
  PyObject* r = PyStructSequence_New(type);
  if (!r) return nullptr;
  PyStructSequence_SET_ITEM(r, 0, Py_NewRef(prio));
  return r;
}

// A sched_param argument: an instance of the type whose priority is a C int.
bool convert_sched_param(PyObject* param, struct sched_param* out) {
  if (!PyObject_TypeCheck(param, g_sched_param)) {
    PyErr_SetString(PyExc_TypeError, "must have a sched_param object");
    return false;
  }
  PyObject* prio = PyStructSequence_GET_ITEM(param, 0);
  if (!PyLong_Check(prio)) {
    PyErr_SetString(PyExc_TypeError, "sched_priority must be an integer");
    return false;
  }
  long p = PyLong_AsLong(prio);
  if (p == -1 && PyErr_Occurred()) return false;
  if (p > INT_MAX || p < INT_MIN) {
    PyErr_SetString(PyExc_OverflowError, "sched_priority out of range");
    return false;
  }
  out->sched_priority = static_cast<int>(p);
  return true;
}

PyObject* os_sched_yield(PyObject*, PyObject*) {
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = sched_yield();
  Py_END_ALLOW_THREADS
  if (r < 0) return posix_error();
  Py_RETURN_NONE;
}

PyObject* priority_limit(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, bool max) {
  static const char* const kwlist[] = {"policy", nullptr};
  static _PyArg_Parser pmax = {"i:sched_get_priority_max", kwlist, 0};
  static _PyArg_Parser pmin = {"i:sched_get_priority_min", kwlist, 0};
  int policy;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, max ? &pmax : &pmin, &policy)) return nullptr;
  int r = max ? sched_get_priority_max(policy) : sched_get_priority_min(policy);
  if (r < 0) return posix_error();
  return PyLong_FromLong(r);
}
PyObject* os_sched_get_priority_max(PyObject*, PyObject* const* a, Py_ssize_t n, PyObject* k) {
  return priority_limit(a, n, k, true);
}
PyObject* os_sched_get_priority_min(PyObject*, PyObject* const* a, Py_ssize_t n, PyObject* k) {
  return priority_limit(a, n, k, false);
}

pid_t pid_arg(PyObject* o, bool* ok) {
  long v = PyLong_AsLong(o);
  *ok = !(v == -1 && PyErr_Occurred());
  return static_cast<pid_t>(v);
}

PyObject* os_sched_getscheduler(PyObject*, PyObject* arg) {
  bool ok;
  pid_t pid = pid_arg(arg, &ok);
  if (!ok) return nullptr;
  int r = sched_getscheduler(pid);
  if (r < 0) return posix_error();
  return PyLong_FromLong(r);
}

PyObject* os_sched_setscheduler(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int pid, policy;
  PyObject* param;
  if (!_PyArg_ParseStack(args, nargs, "iiO:sched_setscheduler", &pid, &policy, &param)) return nullptr;
  struct sched_param sp;
  if (!convert_sched_param(param, &sp)) return nullptr;
  if (sched_setscheduler(pid, policy, &sp) < 0) return posix_error();
  Py_RETURN_NONE;
}

PyObject* os_sched_getparam(PyObject*, PyObject* arg) {
  bool ok;
  pid_t pid = pid_arg(arg, &ok);
  if (!ok) return nullptr;
  struct sched_param sp;
  if (sched_getparam(pid, &sp) < 0) return posix_error();
  PyObject* r = PyStructSequence_New(g_sched_param);
  if (!r) return nullptr;
  PyObject* prio = PyLong_FromLong(sp.sched_priority);
  if (!prio) {
    Py_DECREF(r);
    return nullptr;
  }
  PyStructSequence_SET_ITEM(r, 0, prio);
  return r;
}

PyObject* os_sched_setparam(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int pid;
  PyObject* param;
  if (!_PyArg_ParseStack(args, nargs, "iO:sched_setparam", &pid, &param)) return nullptr;
  struct sched_param sp;
  if (!convert_sched_param(param, &sp)) return nullptr;
  if (sched_setparam(pid, &sp) < 0) return posix_error();
  Py_RETURN_NONE;
}

PyObject* os_sched_rr_get_interval(PyObject*, PyObject* arg) {
  bool ok;
  pid_t pid = pid_arg(arg, &ok);
  if (!ok) return nullptr;
  struct timespec ts;
  if (sched_rr_get_interval(pid, &ts) < 0) return posix_error();
  return PyFloat_FromDouble(static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec));
}

// sched_getaffinity(pid): the set of CPUs the process may run on. The CPU set grows until
// the kernel accepts it (machines with more CPUs than CPU_SETSIZE).
PyObject* os_sched_getaffinity(PyObject*, PyObject* arg) {
  bool ok;
  pid_t pid = pid_arg(arg, &ok);
  if (!ok) return nullptr;
  int ncpus = 16;
  for (;;) {
    cpu_set_t* mask = CPU_ALLOC(ncpus);
    if (!mask) return PyErr_NoMemory();
    size_t setsize = CPU_ALLOC_SIZE(ncpus);
    if (sched_getaffinity(pid, setsize, mask) == 0) {
      Ref<> result = steal(PySet_New(nullptr));
      int count = CPU_COUNT_S(setsize, mask);
      for (int cpu = 0; result && count > 0; cpu++) {
        if (CPU_ISSET_S(cpu, setsize, mask)) {
          Ref<> c = steal(PyLong_FromLong(cpu));
          if (!c || PySet_Add(result.get(), c.get()) < 0) result = Ref<>();
          count--;
        }
      }
      CPU_FREE(mask);
      return result.release();
    }
    CPU_FREE(mask);
    if (errno != EINVAL || ncpus > (1 << 20)) return posix_error();
    ncpus *= 2;
  }
}

PyObject* os_sched_setaffinity(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("sched_setaffinity", nargs, 2, 2)) return nullptr;
  bool ok;
  pid_t pid = pid_arg(args[0], &ok);
  if (!ok) return nullptr;
  Ref<> it = steal(PyObject_GetIter(args[1]));
  if (!it) return nullptr;
  std::vector<long> cpus;
  long maxcpu = -1;
  while (Ref<> item = steal(PyIter_Next(it.get()))) {
    if (!PyLong_Check(item.get())) {
      PyErr_Format(PyExc_TypeError, "expected an iterator of ints, but iterator yielded %R",
                   reinterpret_cast<PyObject*>(Py_TYPE(item.get())));
      return nullptr;
    }
    long cpu = PyLong_AsLong(item.get());
    if (cpu == -1 && PyErr_Occurred()) return nullptr;
    if (cpu < 0) {
      PyErr_SetString(PyExc_ValueError, "negative CPU number");
      return nullptr;
    }
    if (cpu > INT_MAX - 1) {
      PyErr_SetString(PyExc_OverflowError, "invalid CPU number");
      return nullptr;
    }
    cpus.push_back(cpu);
    if (cpu > maxcpu) maxcpu = cpu;
  }
  if (PyErr_Occurred()) return nullptr;
  int ncpus = static_cast<int>(maxcpu + 1 > 16 ? maxcpu + 1 : 16);
  cpu_set_t* mask = CPU_ALLOC(ncpus);
  if (!mask) return PyErr_NoMemory();
  size_t setsize = CPU_ALLOC_SIZE(ncpus);
  CPU_ZERO_S(setsize, mask);
  for (long c : cpus) CPU_SET_S(static_cast<int>(c), setsize, mask);
  int r = sched_setaffinity(pid, setsize, mask);
  CPU_FREE(mask);
  if (r < 0) return posix_error();
  Py_RETURN_NONE;
}

// wait3/wait4: (pid, status, resource.struct_rusage(...)), built through the resource module
// as CPython does.
PyObject* wait_result(pid_t pid, int status, const struct rusage& ru) {
  if (pid < 0) return posix_error();
  Ref<> resource = steal(PyImport_ImportModule("resource"));
  if (!resource) return nullptr;
  Ref<> cls = steal(PyObject_GetAttrString(resource.get(), "struct_rusage"));
  if (!cls) return nullptr;
  auto tv = [](const struct timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6;
  };
  Ref<> fields = steal(Py_BuildValue("((ddllllllllllllll))", tv(ru.ru_utime), tv(ru.ru_stime), ru.ru_maxrss,
                                     ru.ru_ixrss, ru.ru_idrss, ru.ru_isrss, ru.ru_minflt, ru.ru_majflt,
                                     ru.ru_nswap, ru.ru_inblock, ru.ru_oublock, ru.ru_msgsnd, ru.ru_msgrcv,
                                     ru.ru_nsignals, ru.ru_nvcsw, ru.ru_nivcsw));
  if (!fields) return nullptr;
  Ref<> usage = steal(PyObject_Call(cls.get(), fields.get(), nullptr));
  if (!usage) return nullptr;
  return Py_BuildValue("(iiO)", static_cast<int>(pid), status, usage.get());
}

PyObject* os_wait3(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"options", nullptr};
  static _PyArg_Parser parser = {"i:wait3", kwlist, 0};
  int options;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, &options)) return nullptr;
  struct rusage ru;
  int status = 0;
  pid_t pid;
  do {
    Py_BEGIN_ALLOW_THREADS
    pid = wait3(&status, options, &ru);
    Py_END_ALLOW_THREADS
  } while (pid < 0 && errno == EINTR && PyErr_CheckSignals() == 0);
  if (pid < 0 && PyErr_Occurred()) return nullptr;
  return wait_result(pid, status, ru);
}

PyObject* os_wait4(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  static const char* const kwlist[] = {"pid", "options", nullptr};
  static _PyArg_Parser parser = {"ii:wait4", kwlist, 0};
  int target, options;
  if (!_PyArg_ParseStackAndKeywords(args, nargs, kwnames, &parser, &target, &options)) return nullptr;
  struct rusage ru;
  int status = 0;
  pid_t pid;
  do {
    Py_BEGIN_ALLOW_THREADS
    pid = wait4(target, &status, options, &ru);
    Py_END_ALLOW_THREADS
  } while (pid < 0 && errno == EINTR && PyErr_CheckSignals() == 0);
  if (pid < 0 && PyErr_Occurred()) return nullptr;
  return wait_result(pid, status, ru);
}

// waitid(idtype, id, options): a waitid_result, or None when WNOHANG found no child.
PyObject* os_waitid(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  int idtype, options;
  long id;
  if (!_PyArg_ParseStack(args, nargs, "ili:waitid", &idtype, &id, &options)) return nullptr;
  siginfo_t si;
  si.si_pid = 0;
  int r;
  do {
    Py_BEGIN_ALLOW_THREADS
    r = waitid(static_cast<idtype_t>(idtype), static_cast<id_t>(id), &si, options);
    Py_END_ALLOW_THREADS
  } while (r < 0 && errno == EINTR && PyErr_CheckSignals() == 0);
  if (r < 0) return PyErr_Occurred() ? nullptr : posix_error();
  if (si.si_pid == 0) Py_RETURN_NONE;
  PyObject* result = PyStructSequence_New(g_waitid_result);
  if (!result) return nullptr;
  PyObject* items[] = {PyLong_FromLong(si.si_pid), from_uid(si.si_uid), PyLong_FromLong(si.si_signo),
                       PyLong_FromLong(si.si_status), PyLong_FromLong(si.si_code)};
  bool ok = true;
  for (int i = 0; i < 5; i++) {
    if (!items[i]) ok = false;
    PyStructSequence_SET_ITEM(result, i, items[i]);
  }
  if (!ok) {
    Py_DECREF(result);
    return nullptr;
  }
  return result;
}

}  // namespace

PyMethodDef posix_sched_methods[] = {
    {"sched_yield", os_sched_yield, METH_NOARGS, "sched_yield($module, /)\n--\n\nVoluntarily relinquish the CPU."},
    {"sched_get_priority_max", FC(os_sched_get_priority_max), METH_FASTCALL | METH_KEYWORDS,
     "sched_get_priority_max($module, /, policy)\n--\n\nGet the maximum scheduling priority for policy."},
    {"sched_get_priority_min", FC(os_sched_get_priority_min), METH_FASTCALL | METH_KEYWORDS,
     "sched_get_priority_min($module, /, policy)\n--\n\nGet the minimum scheduling priority for policy."},
    {"sched_getscheduler", os_sched_getscheduler, METH_O,
     "sched_getscheduler($module, pid, /)\n--\n\nGet the scheduling policy for the process identified by pid."},
    {"sched_setscheduler", FC(os_sched_setscheduler), METH_FASTCALL,
     "sched_setscheduler($module, pid, policy, param, /)\n--\n\nSet the scheduling policy for the process "
     "identified by pid."},
    {"sched_getparam", os_sched_getparam, METH_O,
     "sched_getparam($module, pid, /)\n--\n\nReturns scheduling parameters for the process identified by pid."},
    {"sched_setparam", FC(os_sched_setparam), METH_FASTCALL,
     "sched_setparam($module, pid, param, /)\n--\n\nSet scheduling parameters for the process identified by "
     "pid."},
    {"sched_rr_get_interval", os_sched_rr_get_interval, METH_O,
     "sched_rr_get_interval($module, pid, /)\n--\n\nReturn the round-robin quantum for the process identified "
     "by pid, in seconds."},
    {"sched_getaffinity", os_sched_getaffinity, METH_O,
     "sched_getaffinity($module, pid, /)\n--\n\nReturn the affinity of the process identified by pid (or the "
     "current process if zero)."},
    {"sched_setaffinity", FC(os_sched_setaffinity), METH_FASTCALL,
     "sched_setaffinity($module, pid, mask, /)\n--\n\nSet the CPU affinity of the process identified by pid "
     "to mask."},
    {"wait3", FC(os_wait3), METH_FASTCALL | METH_KEYWORDS,
     "wait3($module, /, options)\n--\n\nWait for completion of a child process."},
    {"wait4", FC(os_wait4), METH_FASTCALL | METH_KEYWORDS,
     "wait4($module, /, pid, options)\n--\n\nWait for completion of a specific child process."},
    {"waitid", FC(os_waitid), METH_FASTCALL,
     "waitid($module, idtype, id, options, /)\n--\n\nReturns the result of waiting for a process or "
     "processes."},
    {nullptr, nullptr, 0, nullptr},
};

int init_sched_types(PyObject* m) {
  g_sched_param = PyStructSequence_NewType(&sched_param_desc);
  if (!g_sched_param) return -1;
  // 3.11 keeps the struct sequence's __reduce__, so a pickled sched_param does not load
  // (sched_param(seq, dict) is rejected): Krait behaves the same.
  g_sched_param->tp_new = sched_param_new;
  if (PyModule_AddObjectRef(m, "sched_param", reinterpret_cast<PyObject*>(g_sched_param)) < 0) return -1;
  g_waitid_result = PyStructSequence_NewType(&waitid_result_desc);
  if (!g_waitid_result) return -1;
  return PyModule_AddObjectRef(m, "waitid_result", reinterpret_cast<PyObject*>(g_waitid_result));
}

}  // namespace krait::posix
