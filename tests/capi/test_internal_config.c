/* The private C API `_testinternalcapi` and `_xxsubinterpreters` import:
 * _Py_DecodeLocaleEx/_Py_EncodeLocaleEx, _Py_normpath, PyConfig and its
 * dict form, interpreter IDs and cross-interpreter data. */
#define Py_BUILD_CORE_MODULE 1
#include "capi_check.h"
#include "internal/pycore_fileutils.h"
#include "internal/pycore_initconfig.h"
#include "internal/pycore_interpreteridobject.h"
#include <wchar.h>

static int norm_is(const wchar_t* in, const wchar_t* expected) {
  wchar_t buf[64];
  wcscpy(buf, in);
  const wchar_t* out = _Py_normpath(buf, -1);
  int ok = wcscmp(out, expected) == 0;
  if (!ok) fprintf(stderr, "  _Py_normpath(%ls) = %ls, expected %ls\n", in, out, expected);
  return ok;
}

int main(void) {
  Py_Initialize();

  /* Locale conversions (the C locale: ASCII, so \xff is undecodable). */
  wchar_t* w = NULL;
  size_t wlen = 0;
  const char* reason = NULL;
  CHECK(_Py_DecodeLocaleEx("abc", &w, &wlen, &reason, 0, _Py_ERROR_STRICT) == 0);
  CHECK(w && wcscmp(w, L"abc") == 0 && wlen == 3);
  PyMem_RawFree(w);
  CHECK(_Py_DecodeLocaleEx("ab\xff", &w, &wlen, &reason, 0, _Py_ERROR_SURROGATEESCAPE) == 0);
  CHECK(w && w[2] == 0xDCFF && wlen == 3);
  char* s = NULL;
  size_t pos = 0;
  CHECK(_Py_EncodeLocaleEx(w, &s, &pos, &reason, 0, _Py_ERROR_SURROGATEESCAPE) == 0);
  CHECK(s && strcmp(s, "ab\xff") == 0);
  PyMem_RawFree(s);
  CHECK(_Py_EncodeLocaleEx(w, &s, &pos, &reason, 0, _Py_ERROR_STRICT) == -2);
  CHECK(pos == 2 && reason != NULL);
  PyMem_RawFree(w);
  CHECK(_Py_DecodeLocaleEx("ab\xff", &w, &wlen, &reason, 0, _Py_ERROR_STRICT) == -2);
  CHECK(wlen == 2);
  CHECK(_Py_DecodeLocaleEx("ab", &w, &wlen, &reason, 0, _Py_ERROR_REPLACE) == -3);

  /* Path normalisation. */
  CHECK(norm_is(L"/a/b/../c/./d//e/", L"/a/c/d/e"));
  CHECK(norm_is(L"a/../../b", L"../b"));
  CHECK(norm_is(L"//x/y", L"//x/y"));
  CHECK(norm_is(L"///x/..", L"/"));
  CHECK(norm_is(L"./a/b", L"a/b"));
  CHECK(norm_is(L"a/..", L""));
  CHECK(norm_is(L"/..", L"/"));

  /* PyConfig round trip through a dict. */
  PyConfig config;
  PyConfig_InitIsolatedConfig(&config);
  CHECK(config.isolated == 1 && config.use_environment == 0);
  CHECK(_PyInterpreterState_GetConfigCopy(&config) == 0);
  PyObject* d = _PyConfig_AsDict(&config);
  CHECK(d != NULL && PyDict_Check(d));
  PyConfig copy;
  PyConfig_InitIsolatedConfig(&copy);
  CHECK(_PyConfig_FromDict(&copy, d) == 0);
  PyObject* d2 = _PyConfig_AsDict(&copy);
  CHECK(d2 != NULL && PyObject_RichCompareBool(d, d2, Py_EQ) == 1);
  CHECK(PyDict_SetItemString(d, "argv", Py_None) == 0);
  CHECK(_PyConfig_FromDict(&copy, d) == -1);
  CHECK_ERROR(PyExc_TypeError, "invalid config type: argv");
  Py_XDECREF(d);
  Py_XDECREF(d2);
  PyConfig_Clear(&copy);
  PyConfig_Clear(&config);
  CHECK(config.argv.length == 0 && config.executable == NULL);
  PyObject* all = _Py_GetConfigsAsDict();
  CHECK(all != NULL && PyDict_GetItemString(all, "config") != NULL);
  Py_XDECREF(all);

  /* Interpreter IDs: only the main interpreter (0) exists. */
  PyInterpreterState* interp = PyInterpreterState_Get();
  PyObject* id = _PyInterpreterState_GetIDObject(interp);
  CHECK_REPR(id, "InterpreterID(0)");
  CHECK(_PyInterpreterID_LookUp(id) == interp);
  CHECK(_PyInterpreterID_New(3) == NULL);
  CHECK_ERROR(PyExc_RuntimeError, "unrecognized interpreter ID 3");
  Py_XDECREF(id);
  PyObject* main_mod = _PyInterpreterState_GetMainModule(interp);
  CHECK_REPR(main_mod, "<module '__main__' (built-in)>");
  Py_XDECREF(main_mod);

  /* Cross-interpreter data. */
  _PyCrossInterpreterData data;
  PyObject* b = PyBytes_FromString("spam");
  CHECK(_PyObject_CheckCrossInterpreterData(b) == 0);
  CHECK(_PyObject_GetCrossInterpreterData(b, &data) == 0);
  PyObject* b2 = _PyCrossInterpreterData_NewObject(&data);
  CHECK_REPR(b2, "b'spam'");
  _PyCrossInterpreterData_Release(&data);
  CHECK(data.obj == NULL);
  Py_XDECREF(b2);
  Py_DECREF(b);
  PyObject* l = PyList_New(0);
  CHECK(_PyObject_CheckCrossInterpreterData(l) == -1);
  CHECK_ERROR(PyExc_ValueError, "[] does not support cross-interpreter data");
  Py_DECREF(l);

  CAPI_TEST_END();
}
