/* The GIL and thread-state API: a thread Python did not create runs Python
   code through PyGILState_Ensure/Release while the main thread waits with the
   GIL released, and Py_AddPendingCall's callbacks run on the main thread at
   the next safe point. */
#include <Python.h>
#include <pthread.h>

#include "capi_check.h"

static int foreign_ok = 0;
static int foreign_state_was_new = 0;

static void* foreign_thread(void* arg) {
  (void)arg;
  foreign_state_was_new = PyGILState_GetThisThreadState() == NULL;
  PyGILState_STATE st = PyGILState_Ensure();
  if (PyGILState_Check() && PyRun_SimpleString("import threading\n"
                                               "foreign_name = threading.current_thread().name\n"
                                               "total = sum(range(100000))\n") == 0)
    foreign_ok = 1;
  /* Nested Ensure on a thread that holds the GIL is LOCKED. */
  PyGILState_STATE inner = PyGILState_Ensure();
  if (inner != PyGILState_LOCKED) foreign_ok = 0;
  PyGILState_Release(inner);
  PyGILState_Release(st);
  return NULL;
}

static int pending_ran = 0;
static int pending_cb(void* arg) {
  pending_ran += *(int*)arg;
  return 0;
}

int main(void) {
  Py_Initialize();
  CHECK(PyGILState_Check());
  CHECK(PyGILState_GetThisThreadState() == PyThreadState_Get());

  /* threading names the thread that imports it MainThread: import it here. */
  CHECK(PyRun_SimpleString("import threading\n") == 0);
  pthread_t th;
  Py_BEGIN_ALLOW_THREADS
  pthread_create(&th, NULL, foreign_thread, NULL);
  pthread_join(th, NULL);
  Py_END_ALLOW_THREADS
  CHECK(foreign_ok);
  CHECK(foreign_state_was_new);
  PyObject* main = PyImport_AddModule("__main__");
  PyObject* total = PyObject_GetAttrString(main, "total");
  CHECK_REPR(total, "4999950000");
  Py_XDECREF(total);
  PyObject* name = PyObject_GetAttrString(main, "foreign_name");
  CHECK(name && PyUnicode_Check(name) &&
        PyUnicode_CompareWithASCIIString(name, "Dummy-1") == 0);
  Py_XDECREF(name);

  /* Save/Restore round trip keeps the thread state. */
  PyThreadState* ts = PyEval_SaveThread();
  CHECK(!PyGILState_Check());
  PyEval_RestoreThread(ts);
  CHECK(PyThreadState_Get() == ts);

  static int three = 3;
  CHECK(Py_AddPendingCall(pending_cb, &three) == 0);
  CHECK(PyRun_SimpleString("for i in range(10): pass\n") == 0);
  CHECK(pending_ran == 3);
  CHECK(Py_AddPendingCall(pending_cb, &three) == 0);
  CHECK(Py_MakePendingCalls() == 0);
  CHECK(pending_ran == 6);
  CAPI_TEST_END();
}
