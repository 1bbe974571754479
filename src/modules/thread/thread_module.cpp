// thread_module.cpp — the `_thread` module: locks (lock, RLock), thread
// identity, _local, _excepthook and the rest of CPython 3.11's surface.
//
// Threads run Python code under the GIL (src/runtime/gil.cpp); a new
// thread's start-up and exit are in thread_run.cpp, `_local` in
// local_object.cpp. Locks are real OS locks (PyThread_* semaphores) waited
// on with the GIL released, so their timeout behaviour is CPython's.
#include <Python.h>
#include <structmember.h>

#include <cmath>
#include <csignal>
#include <cstddef>

#include "modules/thread/thread_internal.h"
#include "support/ref.h"

using namespace krait;

namespace {

// CPython: PY_TIMEOUT_MAX (µs) / 1e6, as the float TIMEOUT_MAX.
constexpr double kTimeoutMax = static_cast<double>(PY_TIMEOUT_MAX / 1000000);

// Parses acquire()'s (blocking=True, timeout=-1) with CPython's errors;
// *micros is -1 for "forever", 0 for non-blocking.
bool parse_acquire(PyObject* args, PyObject* kwds, PY_TIMEOUT_T* micros) {
  static const char* kwlist[] = {"blocking", "timeout", nullptr};
  int blocking = 1;
  PyObject* timeout_obj = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|pO:acquire", const_cast<char**>(kwlist), &blocking,
                                   &timeout_obj))
    return false;
  double timeout = -1;
  if (timeout_obj) {
    timeout = PyFloat_AsDouble(timeout_obj);
    if (timeout == -1 && PyErr_Occurred()) return false;
    if (std::isnan(timeout)) {
      PyErr_SetString(PyExc_ValueError, "Invalid value NaN (not a number)");
      return false;
    }
    if (std::fabs(timeout) * 1e9 >= 9223372036854775808.0) {
      PyErr_SetString(PyExc_OverflowError, "timestamp too large to convert to C _PyTime_t");
      return false;
    }
  }
  if (!blocking && timeout != -1) {
    PyErr_SetString(PyExc_ValueError, "can't specify a timeout for a non-blocking call");
    return false;
  }
  if (timeout < 0 && timeout != -1) {
    PyErr_SetString(PyExc_ValueError, "timeout value must be positive");
    return false;
  }
  if (!blocking) {
    *micros = 0;
  } else if (timeout == -1) {
    *micros = -1;
  } else {
    if (timeout > kTimeoutMax) {
      PyErr_SetString(PyExc_OverflowError, "timeout value is too large");
      return false;
    }
    *micros = static_cast<PY_TIMEOUT_T>(std::ceil(timeout * 1e6));
  }
  return true;
}

// Acquires with the interpreter released around a blocking wait; retries
// after signal handlers on EINTR as CPython does.
PyLockStatus acquire_timed(PyThread_type_lock lock, PY_TIMEOUT_T micros) {
  PyLockStatus r = PyThread_acquire_lock_timed(lock, 0, 0);
  if (r == PY_LOCK_ACQUIRED || micros == 0) return r;
  for (;;) {
    Py_BEGIN_ALLOW_THREADS
    r = PyThread_acquire_lock_timed(lock, micros, 1);
    Py_END_ALLOW_THREADS
    if (r != PY_LOCK_INTR) return r;
    if (PyErr_CheckSignals() < 0) return PY_LOCK_INTR;
  }
}

// ------------------------------------------------------------------ lock

struct LockObject {
  PyObject_HEAD
  PyThread_type_lock lock;
  char locked;
  PyObject* weakreflist;
};
inline LockObject* L(PyObject* o) { return reinterpret_cast<LockObject*>(o); }

extern PyTypeObject Lock_Type;

LockObject* new_lock() {
  LockObject* self = PyObject_New(LockObject, &Lock_Type);
  if (!self) return nullptr;
  self->locked = 0;
  self->weakreflist = nullptr;
  self->lock = PyThread_allocate_lock();
  if (!self->lock) {
    Py_DECREF(self);
    PyErr_SetString(PyExc_RuntimeError, "can't allocate lock");
    return nullptr;
  }
  return self;
}

void lock_dealloc(PyObject* op) {
  LockObject* self = L(op);
  if (self->weakreflist) PyObject_ClearWeakRefs(op);
  if (self->lock) {
    if (self->locked) PyThread_release_lock(self->lock);
    PyThread_free_lock(self->lock);
  }
  PyObject_Free(op);
}

PyObject* lock_acquire(PyObject* op, PyObject* args, PyObject* kwds) {
  PY_TIMEOUT_T micros;
  if (!parse_acquire(args, kwds, &micros)) return nullptr;
  PyLockStatus r = acquire_timed(L(op)->lock, micros);
  if (r == PY_LOCK_INTR) return nullptr;
  if (r == PY_LOCK_ACQUIRED) L(op)->locked = 1;
  return PyBool_FromLong(r == PY_LOCK_ACQUIRED);
}

PyObject* lock_release(PyObject* op, PyObject*) {
  if (!L(op)->locked) {
    PyErr_SetString(PyExc_RuntimeError, "release unlocked lock");
    return nullptr;
  }
  L(op)->locked = 0;
  PyThread_release_lock(L(op)->lock);
  Py_RETURN_NONE;
}

PyObject* lock_exit(PyObject* op, PyObject*) { return lock_release(op, nullptr); }
PyObject* lock_locked(PyObject* op, PyObject*) { return PyBool_FromLong(L(op)->locked); }

PyObject* lock_repr(PyObject* op) {
  return PyUnicode_FromFormat("<%s %s object at %p>", L(op)->locked ? "locked" : "unlocked",
                              Py_TYPE(op)->tp_name, op);
}

PyObject* lock_at_fork_reinit(PyObject* op, PyObject*) {
  if (_PyThread_at_fork_reinit(&L(op)->lock) < 0) {
    PyErr_SetString(PyExc_RuntimeError, "failed to reinitialize lock at fork");
    return nullptr;
  }
  L(op)->locked = 0;
  Py_RETURN_NONE;
}

PyMethodDef lock_methods[] = {
    {"acquire_lock", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(lock_acquire)),
     METH_VARARGS | METH_KEYWORDS, nullptr},
    {"acquire", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(lock_acquire)),
     METH_VARARGS | METH_KEYWORDS, nullptr},
    {"release_lock", lock_release, METH_NOARGS, nullptr},
    {"release", lock_release, METH_NOARGS, nullptr},
    {"locked_lock", lock_locked, METH_NOARGS, nullptr},
    {"locked", lock_locked, METH_NOARGS, nullptr},
    {"__enter__", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(lock_acquire)),
     METH_VARARGS | METH_KEYWORDS, nullptr},
    {"__exit__", lock_exit, METH_VARARGS, nullptr},
    {"_at_fork_reinit", lock_at_fork_reinit, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyTypeObject Lock_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_thread.lock",
    .tp_basicsize = sizeof(LockObject),
    .tp_dealloc = lock_dealloc,
    .tp_repr = lock_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_weaklistoffset = offsetof(LockObject, weakreflist),
    .tp_methods = lock_methods,
};

// ------------------------------------------------------------------ RLock

struct RLockObject {
  PyObject_HEAD
  PyThread_type_lock lock;
  unsigned long owner;
  unsigned long count;
  PyObject* weakreflist;
};
inline RLockObject* RL(PyObject* o) { return reinterpret_cast<RLockObject*>(o); }

PyObject* rlock_new(PyTypeObject* type, PyObject*, PyObject*) {
  auto* self = reinterpret_cast<RLockObject*>(type->tp_alloc(type, 0));
  if (!self) return nullptr;
  self->lock = PyThread_allocate_lock();
  if (!self->lock) {
    Py_DECREF(self);
    PyErr_SetString(PyExc_RuntimeError, "can't allocate lock");
    return nullptr;
  }
  return reinterpret_cast<PyObject*>(self);
}

void rlock_dealloc(PyObject* op) {
  RLockObject* self = RL(op);
  if (self->weakreflist) PyObject_ClearWeakRefs(op);
  if (self->lock) {
    if (self->count) PyThread_release_lock(self->lock);
    PyThread_free_lock(self->lock);
  }
  PyTypeObject* tp = Py_TYPE(op);
  tp->tp_free(op);
  if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_DECREF(tp);
}

PyObject* rlock_acquire(PyObject* op, PyObject* args, PyObject* kwds) {
  PY_TIMEOUT_T micros;
  if (!parse_acquire(args, kwds, &micros)) return nullptr;
  RLockObject* self = RL(op);
  unsigned long tid = PyThread_get_thread_ident();
  if (self->count > 0 && tid == self->owner) {
    if (self->count + 1 == 0) {
      PyErr_SetString(PyExc_OverflowError, "Internal lock count overflowed");
      return nullptr;
    }
    self->count++;
    Py_RETURN_TRUE;
  }
  PyLockStatus r = acquire_timed(self->lock, micros);
  if (r == PY_LOCK_INTR) return nullptr;
  if (r != PY_LOCK_ACQUIRED) Py_RETURN_FALSE;
  self->owner = tid;
  self->count = 1;
  Py_RETURN_TRUE;
}

PyObject* rlock_release(PyObject* op, PyObject*) {
  RLockObject* self = RL(op);
  if (self->count == 0 || self->owner != PyThread_get_thread_ident()) {
    PyErr_SetString(PyExc_RuntimeError, "cannot release un-acquired lock");
    return nullptr;
  }
  if (--self->count == 0) {
    self->owner = 0;
    PyThread_release_lock(self->lock);
  }
  Py_RETURN_NONE;
}

PyObject* rlock_exit(PyObject* op, PyObject*) { return rlock_release(op, nullptr); }

PyObject* rlock_acquire_restore(PyObject* op, PyObject* state) {
  unsigned long owner, count;
  if (!PyArg_ParseTuple(state, "(kk):_acquire_restore", &count, &owner)) return nullptr;
  RLockObject* self = RL(op);
  if (acquire_timed(self->lock, -1) != PY_LOCK_ACQUIRED) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_RuntimeError, "couldn't acquire lock");
    return nullptr;
  }
  self->owner = owner;
  self->count = count;
  Py_RETURN_NONE;
}

PyObject* rlock_release_save(PyObject* op, PyObject*) {
  RLockObject* self = RL(op);
  if (self->count == 0) {
    PyErr_SetString(PyExc_RuntimeError, "cannot release un-acquired lock");
    return nullptr;
  }
  unsigned long owner = self->owner, count = self->count;
  self->count = 0;
  self->owner = 0;
  PyThread_release_lock(self->lock);
  return Py_BuildValue("kk", count, owner);
}

PyObject* rlock_is_owned(PyObject* op, PyObject*) {
  RLockObject* self = RL(op);
  return PyBool_FromLong(self->count > 0 && self->owner == PyThread_get_thread_ident());
}

PyObject* rlock_repr(PyObject* op) {
  RLockObject* self = RL(op);
  return PyUnicode_FromFormat("<%s %s object owner=%lu count=%lu at %p>",
                              self->count ? "locked" : "unlocked", Py_TYPE(op)->tp_name, self->owner,
                              self->count, op);
}

PyObject* rlock_at_fork_reinit(PyObject* op, PyObject*) {
  if (_PyThread_at_fork_reinit(&RL(op)->lock) < 0) {
    PyErr_SetString(PyExc_RuntimeError, "failed to reinitialize lock at fork");
    return nullptr;
  }
  RL(op)->owner = 0;
  RL(op)->count = 0;
  Py_RETURN_NONE;
}

PyMethodDef rlock_methods[] = {
    {"acquire", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(rlock_acquire)),
     METH_VARARGS | METH_KEYWORDS, nullptr},
    {"release", rlock_release, METH_NOARGS, nullptr},
    {"_is_owned", rlock_is_owned, METH_NOARGS, nullptr},
    {"_acquire_restore", rlock_acquire_restore, METH_VARARGS, nullptr},
    {"_release_save", rlock_release_save, METH_NOARGS, nullptr},
    {"__enter__", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(rlock_acquire)),
     METH_VARARGS | METH_KEYWORDS, nullptr},
    {"__exit__", rlock_exit, METH_VARARGS, nullptr},
    {"_at_fork_reinit", rlock_at_fork_reinit, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyTypeObject RLock_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_thread.RLock",
    .tp_basicsize = sizeof(RLockObject),
    .tp_dealloc = rlock_dealloc,
    .tp_repr = rlock_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_weaklistoffset = offsetof(RLockObject, weakreflist),
    .tp_methods = rlock_methods,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = rlock_new,
    .tp_free = PyObject_Free,
};

// ------------------------------------------------------------------ functions

PyObject* th_start_new_thread(PyObject*, PyObject* args) {
  PyObject *func, *fargs, *kwargs = nullptr;
  if (!PyArg_UnpackTuple(args, "start_new_thread", 2, 3, &func, &fargs, &kwargs)) return nullptr;
  if (!PyCallable_Check(func)) {
    PyErr_SetString(PyExc_TypeError, "first arg must be callable");
    return nullptr;
  }
  if (!PyTuple_Check(fargs)) {
    PyErr_SetString(PyExc_TypeError, "2nd arg must be a tuple");
    return nullptr;
  }
  if (kwargs && !PyDict_Check(kwargs)) {
    PyErr_SetString(PyExc_TypeError, "optional 3rd arg must be a dictionary");
    return nullptr;
  }
  return thread::start_thread(func, fargs, kwargs);
}

PyObject* th_exit(PyObject*, PyObject*) {
  PyErr_SetNone(PyExc_SystemExit);
  return nullptr;
}

PyObject* th_interrupt_main(PyObject*, PyObject* args) {
  int signum = SIGINT;
  if (!PyArg_ParseTuple(args, "|i:interrupt_main", &signum)) return nullptr;
  if (PyErr_SetInterruptEx(signum)) {
    PyErr_SetString(PyExc_ValueError, "signal number out of range");
    return nullptr;
  }
  Py_RETURN_NONE;
}

PyObject* th_allocate_lock(PyObject*, PyObject*) { return reinterpret_cast<PyObject*>(new_lock()); }
PyObject* th_get_ident(PyObject*, PyObject*) { return PyLong_FromUnsignedLong(PyThread_get_thread_ident()); }
PyObject* th_get_native_id(PyObject*, PyObject*) {
  return PyLong_FromUnsignedLong(PyThread_get_thread_native_id());
}
PyObject* th_count(PyObject*, PyObject*) { return PyLong_FromLong(thread::running_threads()); }
PyObject* th_daemon_threads_allowed(PyObject*, PyObject*) { Py_RETURN_TRUE; }

Py_ssize_t g_stack_size = 0;

PyObject* th_stack_size(PyObject*, PyObject* args) {
  Py_ssize_t new_size = 0;
  if (!PyArg_ParseTuple(args, "|n:stack_size", &new_size)) return nullptr;
  if (new_size < 0) {
    PyErr_SetString(PyExc_ValueError, "size must be 0 or a positive value");
    return nullptr;
  }
  Py_ssize_t old = g_stack_size;
  if (new_size != 0 && new_size < 32768) {
    PyErr_Format(PyExc_ValueError, "size not valid: %zd bytes", new_size);
    return nullptr;
  }
  g_stack_size = new_size;
  return PyLong_FromSsize_t(old);
}

// When the thread state dies, release the sentinel lock if it still exists
// and is held (threading.Thread.join waits on it).
void release_sentinel(void* data) {
  PyObject* wr = static_cast<PyObject*>(data);
  PyObject* lock = PyWeakref_GET_OBJECT(wr);
  if (lock != Py_None && L(lock)->locked) {
    L(lock)->locked = 0;
    PyThread_release_lock(L(lock)->lock);
  }
  Py_DECREF(wr);
}

// _set_sentinel(): a new lock tied to the current thread state's lifetime.
PyObject* th_set_sentinel(PyObject*, PyObject*) {
  PyThreadState* ts = PyThreadState_Get();
  if (ts->on_delete_data) {
    // Re-created in a fork()ed child: forget the parent's.
    PyObject* old = static_cast<PyObject*>(ts->on_delete_data);
    ts->on_delete = nullptr;
    ts->on_delete_data = nullptr;
    Py_DECREF(old);
  }
  Ref<> lock = steal(reinterpret_cast<PyObject*>(new_lock()));
  if (!lock) return nullptr;
  PyObject* wr = PyWeakref_NewRef(lock.get(), nullptr);
  if (!wr) return nullptr;
  ts->on_delete_data = wr;
  ts->on_delete = release_sentinel;
  return lock.release();
}

PyStructSequence_Field hook_fields[] = {
    {"exc_type", "Exception type"},
    {"exc_value", "Exception value"},
    {"exc_traceback", "Exception traceback"},
    {"thread", "Thread"},
    {nullptr, nullptr},
};
PyStructSequence_Desc hook_desc = {"_thread._ExceptHookArgs", "ExceptHookArgs\n\nType used to pass arguments to threading.excepthook.", hook_fields, 4};
PyTypeObject* g_hook_args_type = nullptr;

PyObject* th_excepthook(PyObject*, PyObject* args) {
  if (!g_hook_args_type || !PyObject_TypeCheck(args, g_hook_args_type)) {
    PyErr_SetString(PyExc_TypeError, "_thread._excepthook argument type must be ExceptHookArgs");
    return nullptr;
  }
  PyObject* exc_type = PyStructSequence_GET_ITEM(args, 0);
  if (exc_type == PyExc_SystemExit) Py_RETURN_NONE;
  PyObject* exc_value = PyStructSequence_GET_ITEM(args, 1);
  PyObject* exc_tb = PyStructSequence_GET_ITEM(args, 2);
  PyObject* thread = PyStructSequence_GET_ITEM(args, 3);
  Ref<> file = borrow(PySys_GetObject("stderr"));
  if (!file || file.get() == Py_None) {
    if (thread == Py_None) Py_RETURN_NONE;
    file = steal(PyObject_GetAttrString(thread, "_stderr"));
    if (!file) return nullptr;
    if (file.get() == Py_None) Py_RETURN_NONE;
  }
  if (PyFile_WriteString("Exception in thread ", file.get()) < 0) return nullptr;
  Ref<> name;
  if (thread != Py_None) {
    name = steal(PyObject_GetAttrString(thread, "name"));
    if (!name) PyErr_Clear();
  }
  if (name) {
    if (PyFile_WriteObject(name.get(), file.get(), Py_PRINT_RAW) < 0) return nullptr;
  } else {
    Ref<> id = steal(PyUnicode_FromFormat("%lu", PyThread_get_thread_ident()));
    if (!id || PyFile_WriteObject(id.get(), file.get(), Py_PRINT_RAW) < 0) return nullptr;
  }
  if (PyFile_WriteString(":\n", file.get()) < 0) return nullptr;
  Ref<> r = steal(PyObject_CallMethod(file.get(), "flush", nullptr));
  if (!r) PyErr_Clear();
  Ref<> tb_mod = steal(PyImport_ImportModule("traceback"));
  if (!tb_mod) return nullptr;
  r = steal(PyObject_CallMethod(tb_mod.get(), "print_exception", "OOOOO", exc_type, exc_value,
                                exc_tb, Py_None, file.get()));
  if (!r) return nullptr;
  r = steal(PyObject_CallMethod(file.get(), "flush", nullptr));
  if (!r) PyErr_Clear();
  Py_RETURN_NONE;
}

PyMethodDef thread_methods[] = {
    {"start_new_thread", th_start_new_thread, METH_VARARGS, nullptr},
    {"start_new", th_start_new_thread, METH_VARARGS, nullptr},
    {"daemon_threads_allowed", th_daemon_threads_allowed, METH_NOARGS, nullptr},
    {"allocate_lock", th_allocate_lock, METH_NOARGS, nullptr},
    {"allocate", th_allocate_lock, METH_NOARGS, nullptr},
    {"exit_thread", th_exit, METH_NOARGS, nullptr},
    {"exit", th_exit, METH_NOARGS, nullptr},
    {"interrupt_main", th_interrupt_main, METH_VARARGS, nullptr},
    {"get_ident", th_get_ident, METH_NOARGS, nullptr},
    {"get_native_id", th_get_native_id, METH_NOARGS, nullptr},
    {"_count", th_count, METH_NOARGS, nullptr},
    {"stack_size", th_stack_size, METH_VARARGS, nullptr},
    {"_set_sentinel", th_set_sentinel, METH_NOARGS, nullptr},
    {"_excepthook", th_excepthook, METH_O, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef thread_def = {PyModuleDef_HEAD_INIT, "_thread",
                          "This module provides primitive operations to write multi-threaded "
                          "programs.\nThe 'threading' module provides a more convenient interface.",
                          -1, thread_methods, nullptr, nullptr, nullptr, nullptr};

}  // namespace

extern "C" PyObject* PyInit__thread(void) {
  for (PyTypeObject* t : {&Lock_Type, &RLock_Type, &thread::Local_Type})
    if (PyType_Ready(t) < 0) return nullptr;
  if (!g_hook_args_type) {
    g_hook_args_type = PyStructSequence_NewType(&hook_desc);
    if (!g_hook_args_type) return nullptr;
  }
  Ref<> m = steal(PyModule_Create(&thread_def));
  if (!m) return nullptr;
  PyObject* mod = m.get();
  if (PyModule_AddObjectRef(mod, "error", PyExc_RuntimeError) < 0 ||
      PyModule_AddObjectRef(mod, "LockType", reinterpret_cast<PyObject*>(&Lock_Type)) < 0 ||
      PyModule_AddObjectRef(mod, "RLock", reinterpret_cast<PyObject*>(&RLock_Type)) < 0 ||
      PyModule_AddObjectRef(mod, "_local", reinterpret_cast<PyObject*>(&thread::Local_Type)) < 0 ||
      PyModule_AddObjectRef(mod, "_ExceptHookArgs", reinterpret_cast<PyObject*>(g_hook_args_type)) < 0)
    return nullptr;
  Ref<> tmax = steal(PyFloat_FromDouble(kTimeoutMax));
  if (!tmax || PyModule_AddObjectRef(mod, "TIMEOUT_MAX", tmax.get()) < 0) return nullptr;
  return m.release();
}
