/* The `_PyRuntime` shim as Py_BUILD_CORE_MODULE extensions (CPython's own
 * lib-dynload modules) see it: this program is compiled the way they are and
 * reads Krait's runtime through the internal headers' inline functions. */
#define Py_BUILD_CORE_MODULE 1
#include "capi_check.h"
#include "internal/pycore_long.h"
#include "internal/pycore_pystate.h"
#include "internal/pycore_runtime.h"

int main(void) {
  Py_Initialize();

  /* _PyThreadState_GET() reads _PyRuntime.gilstate.tstate_current. */
  CHECK(_PyThreadState_GET() == PyThreadState_Get());
  CHECK(_PyInterpreterState_GET() == PyInterpreterState_Get());
  CHECK(_PyRuntime.interpreters.main == PyInterpreterState_Main());
  PyThreadState* saved = PyEval_SaveThread();
  CHECK(_PyRuntime.gilstate.tstate_current._value == 0);
  PyEval_RestoreThread(saved);
  CHECK(_PyThreadState_GET() == saved);

  /* The small ints, empty tuple/bytes and one-byte bytes are Krait's own. */
  PyObject* zero = PyLong_FromLong(0);
  CHECK(zero == _PyLong_GetZero());
  CHECK(PyLong_FromLong(1) == _PyLong_GetOne());
  PyObject* m5 = PyLong_FromLong(-5);
  PyObject* big = PyLong_FromLong(256);
  CHECK(m5 == (PyObject*)&_Py_SINGLETON(small_ints[0]));
  CHECK(big == (PyObject*)&_Py_SINGLETON(small_ints[261]));
  CHECK(PyTuple_New(0) == (PyObject*)&_Py_SINGLETON(tuple_empty));
  CHECK(PyBytes_FromStringAndSize("", 0) == (PyObject*)&_Py_SINGLETON(bytes_empty));
  CHECK(PyBytes_FromStringAndSize("a", 1) == (PyObject*)&_Py_SINGLETON(bytes_characters['a']));
  CHECK(PyUnicode_FromString("") == &_Py_STR(empty));
  CHECK(PyUnicode_FromString("z") == (PyObject*)&_Py_SINGLETON(strings.ascii['z']));
  CHECK(PyUnicode_FromString("\xc3\xa9") == (PyObject*)&_Py_SINGLETON(strings.latin1[0xe9 - 128]));

  /* _Py_ID strings are real, interned str objects. */
  PyObject* w = &_Py_ID(write);
  CHECK(PyUnicode_CheckExact(w) && PyUnicode_CHECK_INTERNED(w));
  CHECK(PyUnicode_CompareWithASCIIString(w, "write") == 0);
  PyObject* w2 = PyUnicode_InternFromString("write");
  CHECK(w2 == w);
  CHECK_STR(&_Py_STR(list_err), "list index out of range");
  CHECK_STR(&_Py_STR(anon_module), "<module>");
  PyObject* d = PyDict_New();
  CHECK(PyDict_SetItem(d, &_Py_ID(__name__), zero) == 0);
  CHECK(PyDict_GetItemString(d, "__name__") == zero);
  PyObject* mod = PyImport_ImportModule("sys");
  PyObject* name = PyObject_GetAttr(mod, &_Py_ID(__name__));
  CHECK_STR(name, "sys");
  Py_XDECREF(name);
  Py_XDECREF(mod);
  Py_DECREF(d);

  CAPI_TEST_END();
}
