/* Tiny assertion helpers for the C-API tests in tests/capi/.
 *
 * Each test is a C program: it calls Py_Initialize(), runs CHECKs, calls
 * Py_Finalize() and returns capi_failures != 0 (exit 0 = pass). A failed CHECK
 * prints its location and keeps going, so one run reports every failure. */
#ifndef KRAIT_CAPI_CHECK_H
#define KRAIT_CAPI_CHECK_H

#include <Python.h>
#include <stdio.h>
#include <string.h>

static int capi_failures = 0;

#define CHECK(cond)                                                         \
  do {                                                                      \
    if (!(cond)) {                                                          \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      if (PyErr_Occurred()) PyErr_Print();                                  \
      capi_failures++;                                                      \
    }                                                                       \
  } while (0)

/* The pending exception is exactly `exc` (clears it). */
#define CHECK_ERR(exc)                                                     \
  do {                                                                     \
    if (!PyErr_ExceptionMatches(exc)) {                                    \
      fprintf(stderr, "%s:%d: expected %s pending\n", __FILE__, __LINE__, #exc); \
      capi_failures++;                                                     \
    }                                                                      \
    PyErr_Clear();                                                         \
  } while (0)

/* str(obj) == expected (UTF-8). Steals nothing. */
static int capi_str_equals(PyObject *obj, const char *expected) {
  if (obj == NULL) return 0;
  PyObject *s = PyObject_Str(obj);
  if (s == NULL) return 0;
  const char *u = PyUnicode_AsUTF8(s);
  int ok = u != NULL && strcmp(u, expected) == 0;
  if (!ok && u != NULL) fprintf(stderr, "  got: %s\n  expected: %s\n", u, expected);
  Py_DECREF(s);
  return ok;
}
#define CHECK_STR(obj, expected) CHECK(capi_str_equals((obj), (expected)))

#endif
