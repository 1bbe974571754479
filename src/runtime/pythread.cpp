// The PyThread_* API (pythread.h): OS threads, locks, thread-specific storage,
// on POSIX threads as CPython 3.11 does on Linux.
//
// - Thread identifiers are pthread_self() values; native ids are gettid().
// - Locks are unnamed POSIX semaphores (sys.thread_info.lock == "semaphore"):
//   unlike a pthread mutex, a semaphore may be released by a thread other than
//   the one that acquired it, which `_thread.LockType` requires, and
//   sem_clockwait gives timed waits on the monotonic clock.
// - Thread-specific storage maps directly onto pthread keys (Py_tss_t's public
//   layout wraps a pthread_key_t).
#include <Python.h>

#include <pthread.h>
#include <semaphore.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <ctime>

namespace krait {
namespace {

// Smallest stack size threading.stack_size() accepts (CPython's THREAD_STACK_MIN).
constexpr size_t kThreadStackMin = 0x8000;

// 0 means "the platform default". One interpreter, so one process-wide value.
size_t g_stack_size = 0;
bool g_initialized = false;

struct ThreadStart {
  void (*func)(void*);
  void* arg;
};

void* thread_trampoline(void* raw) {
  ThreadStart start = *static_cast<ThreadStart*>(raw);
  PyMem_RawFree(raw);
  start.func(start.arg);
  return nullptr;
}

sem_t* as_sem(PyThread_type_lock lock) { return static_cast<sem_t*>(lock); }

// The absolute CLOCK_MONOTONIC deadline `us` microseconds from now, saturating
// far in the future rather than overflowing.
timespec deadline_after(PY_TIMEOUT_T us) {
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  constexpr long long kMaxSeconds = LLONG_MAX / 4;
  long long secs = us / 1000000;
  long long nsec = (us % 1000000) * 1000 + now.tv_nsec;
  if (secs > kMaxSeconds - now.tv_sec) {
    secs = kMaxSeconds;
  } else {
    secs += now.tv_sec + nsec / 1000000000;
    nsec %= 1000000000;
  }
  timespec ts;
  ts.tv_sec = static_cast<time_t>(secs);
  ts.tv_nsec = static_cast<long>(nsec);
  return ts;
}

}  // namespace
}  // namespace krait

extern "C" {

void PyThread_init_thread(void) { krait::g_initialized = true; }

unsigned long PyThread_get_thread_ident(void) {
  return static_cast<unsigned long>(pthread_self());
}

unsigned long PyThread_get_thread_native_id(void) {
  return static_cast<unsigned long>(syscall(SYS_gettid));
}

// Starts a detached thread running func(arg). Returns its identifier, or
// PYTHREAD_INVALID_THREAD_ID ((unsigned long)-1) on failure.
unsigned long PyThread_start_new_thread(void (*func)(void*), void* arg) {
  if (!krait::g_initialized) PyThread_init_thread();
  pthread_attr_t attrs;
  if (pthread_attr_init(&attrs) != 0) return static_cast<unsigned long>(-1);
  if (krait::g_stack_size != 0 && pthread_attr_setstacksize(&attrs, krait::g_stack_size) != 0) {
    pthread_attr_destroy(&attrs);
    return static_cast<unsigned long>(-1);
  }
  pthread_attr_setscope(&attrs, PTHREAD_SCOPE_SYSTEM);
  auto* start = static_cast<krait::ThreadStart*>(PyMem_RawMalloc(sizeof(krait::ThreadStart)));
  if (start == nullptr) {
    pthread_attr_destroy(&attrs);
    return static_cast<unsigned long>(-1);
  }
  start->func = func;
  start->arg = arg;
  pthread_t th;
  int status = pthread_create(&th, &attrs, krait::thread_trampoline, start);
  pthread_attr_destroy(&attrs);
  if (status != 0) {
    PyMem_RawFree(start);
    return static_cast<unsigned long>(-1);
  }
  pthread_detach(th);
  return static_cast<unsigned long>(th);
}

void PyThread_exit_thread(void) {
  if (!krait::g_initialized) exit(0);
  pthread_exit(nullptr);
}

// --- locks -----------------------------------------------------------------

PyThread_type_lock PyThread_allocate_lock(void) {
  if (!krait::g_initialized) PyThread_init_thread();
  auto* sem = static_cast<sem_t*>(PyMem_RawMalloc(sizeof(sem_t)));
  if (sem == nullptr) return nullptr;
  if (sem_init(sem, 0, 1) != 0) {
    PyMem_RawFree(sem);
    return nullptr;
  }
  return sem;
}

void PyThread_free_lock(PyThread_type_lock lock) {
  if (lock == nullptr) return;
  sem_destroy(krait::as_sem(lock));
  PyMem_RawFree(lock);
}

// microseconds < 0: wait forever; 0: try once; > 0: wait up to that long.
// With intr_flag, a signal interrupting the wait returns PY_LOCK_INTR so the
// caller can run signal handlers; without it the wait resumes (with the
// remaining time, since the deadline is absolute).
PyLockStatus PyThread_acquire_lock_timed(PyThread_type_lock lock, PY_TIMEOUT_T microseconds,
                                         int intr_flag) {
  sem_t* sem = krait::as_sem(lock);
  timespec deadline{};
  if (microseconds > 0) deadline = krait::deadline_after(microseconds);
  for (;;) {
    int status;
    if (microseconds > 0) {
      status = sem_clockwait(sem, CLOCK_MONOTONIC, &deadline);
    } else if (microseconds == 0) {
      status = sem_trywait(sem);
    } else {
      status = sem_wait(sem);
    }
    if (status == 0) return PY_LOCK_ACQUIRED;
    int err = errno;
    if (err == EINTR) {
      if (intr_flag) return PY_LOCK_INTR;
      continue;
    }
    // EAGAIN (trywait) or ETIMEDOUT: the lock is held.
    return PY_LOCK_FAILURE;
  }
}

int PyThread_acquire_lock(PyThread_type_lock lock, int waitflag) {
  return PyThread_acquire_lock_timed(lock, waitflag ? -1 : 0, 0) == PY_LOCK_ACQUIRED;
}

void PyThread_release_lock(PyThread_type_lock lock) { sem_post(krait::as_sem(lock)); }

// After fork() only the forking thread survives; a lock another thread held
// would stay held forever. CPython replaces it with a fresh one and leaks the
// old (its state is undefined, so destroying it is not safe either).
int _PyThread_at_fork_reinit(PyThread_type_lock* lock) {
  PyThread_type_lock fresh = PyThread_allocate_lock();
  if (fresh == nullptr) return -1;
  *lock = fresh;
  return 0;
}

// --- stack size --------------------------------------------------------------

size_t PyThread_get_stacksize(void) { return krait::g_stack_size; }

// 0 restores the default. Returns 0 on success, -1 for an invalid size.
int PyThread_set_stacksize(size_t size) {
  if (size == 0) {
    krait::g_stack_size = 0;
    return 0;
  }
  if (size < krait::kThreadStackMin) return -1;
  pthread_attr_t attrs;
  if (pthread_attr_init(&attrs) != 0) return -1;
  int rc = pthread_attr_setstacksize(&attrs, size);
  pthread_attr_destroy(&attrs);
  if (rc != 0) return -1;
  krait::g_stack_size = size;
  return 0;
}

// sys.thread_info, built by the sys module.
PyObject* PyThread_GetInfo(void) {
  PyObject* info = PySys_GetObject("thread_info");
  if (info == nullptr) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_RuntimeError, "lost sys.thread_info");
    return nullptr;
  }
  Py_INCREF(info);
  return info;
}

// --- thread-specific storage (PEP 539) ---------------------------------------

Py_tss_t* PyThread_tss_alloc(void) {
  auto* key = static_cast<Py_tss_t*>(PyMem_RawMalloc(sizeof(Py_tss_t)));
  if (key != nullptr) key->_is_initialized = 0;
  return key;
}

void PyThread_tss_free(Py_tss_t* key) {
  if (key == nullptr) return;
  PyThread_tss_delete(key);
  PyMem_RawFree(key);
}

int PyThread_tss_is_created(Py_tss_t* key) { return key->_is_initialized; }

int PyThread_tss_create(Py_tss_t* key) {
  if (key->_is_initialized) return 0;  // creating twice is a no-op
  if (pthread_key_create(&key->_key, nullptr) != 0) return -1;
  key->_is_initialized = 1;
  return 0;
}

void PyThread_tss_delete(Py_tss_t* key) {
  if (!key->_is_initialized) return;
  pthread_key_delete(key->_key);
  key->_is_initialized = 0;
}

int PyThread_tss_set(Py_tss_t* key, void* value) {
  return pthread_setspecific(key->_key, value) == 0 ? 0 : -1;
}

void* PyThread_tss_get(Py_tss_t* key) { return pthread_getspecific(key->_key); }

// --- the deprecated int-keyed TLS API (3.7) ----------------------------------

int PyThread_create_key(void) {
  pthread_key_t key;
  if (pthread_key_create(&key, nullptr) != 0) return -1;
  if (key > static_cast<pthread_key_t>(INT_MAX)) {
    // The old API cannot represent this key.
    pthread_key_delete(key);
    errno = ENOMEM;
    return -1;
  }
  return static_cast<int>(key);
}

void PyThread_delete_key(int key) { pthread_key_delete(static_cast<pthread_key_t>(key)); }

void PyThread_delete_key_value(int key) {
  pthread_setspecific(static_cast<pthread_key_t>(key), nullptr);
}

int PyThread_set_key_value(int key, void* value) {
  return pthread_setspecific(static_cast<pthread_key_t>(key), value) == 0 ? 0 : -1;
}

void* PyThread_get_key_value(int key) {
  return pthread_getspecific(static_cast<pthread_key_t>(key));
}

void PyThread_ReInitTLS(void) {}

}  // extern "C"
