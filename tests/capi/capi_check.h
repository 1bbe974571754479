/* Tiny assertion helpers for the C-API tests: each test is a C program built
 * against the system's <Python.h> and linked to libkrait.so; exit status 0
 * means every CHECK held. */
#ifndef KRAIT_CAPI_CHECK_H
#define KRAIT_CAPI_CHECK_H
#include <Python.h>
#include <stdio.h>
#include <string.h>

static int capi_failures = 0;

#define CHECK(cond)                                                              \
  do {                                                                           \
    if (!(cond)) {                                                               \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);   \
      if (PyErr_Occurred()) PyErr_Print();                                       \
      capi_failures++;                                                           \
    }                                                                            \
  } while (0)

/* Checks that str(obj) (or repr when use_repr) equals `expected`. */
static int capi_text_is(PyObject* obj, const char* expected, int use_repr) {
  if (obj == NULL) return 0;
  PyObject* s = use_repr ? PyObject_Repr(obj) : PyObject_Str(obj);
  if (s == NULL) { PyErr_Clear(); return 0; }
  const char* u = PyUnicode_AsUTF8(s);
  int ok = u != NULL && strcmp(u, expected) == 0;
  if (!ok) fprintf(stderr, "  got: %s\n  expected: %s\n", u ? u : "(null)", expected);
  Py_DECREF(s);
  return ok;
}
#define CHECK_REPR(obj, text) CHECK(capi_text_is((obj), (text), 1))
#define CHECK_STR(obj, text) CHECK(capi_text_is((obj), (text), 0))

/* The pending exception matches `exc` (clears it). */
#define CHECK_ERR(exc)                                                           \
  do {                                                                           \
    if (!PyErr_ExceptionMatches(exc)) {                                          \
      fprintf(stderr, "%s:%d: expected %s pending\n", __FILE__, __LINE__, #exc);  \
      capi_failures++;                                                           \
    }                                                                            \
    PyErr_Clear();                                                               \
  } while (0)

/* Checks that the pending exception is `type` with str() == msg, and clears it. */
static int capi_error_is(PyObject* type, const char* msg) {
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  if (t == NULL) { fprintf(stderr, "  no exception set\n"); return 0; }
  PyErr_NormalizeException(&t, &v, &tb);
  int ok = PyErr_GivenExceptionMatches(t, type) && capi_text_is(v, msg, 0);
  Py_XDECREF(t); Py_XDECREF(v); Py_XDECREF(tb);
  return ok;
}
#define CHECK_ERROR(type, msg) CHECK(capi_error_is((type), (msg)))

#define CAPI_TEST_END()                                                          \
  do {                                                                           \
    if (Py_FinalizeEx() < 0) capi_failures++;                                    \
    if (capi_failures) fprintf(stderr, "%d check(s) failed\n", capi_failures);   \
    return capi_failures ? 1 : 0;                                                \
  } while (0)

#endif
