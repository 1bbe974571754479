/* Differential checks against CPython: a test builds a Python script that
 * prints one line per case (a repr, or "ExcType: message"), runs it under
 * /usr/bin/python3.11 (the oracle), computes the same cases through the C
 * API, and compares line by line. Expectations are generated live, never
 * stored. Include after capi_check.h. */
#ifndef KRAIT_CAPI_ORACLE_H
#define KRAIT_CAPI_ORACLE_H
#include <Python.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ORACLE_PYTHON "/usr/bin/python3.11"
#ifndef ORACLE_MAX_REPORT
#define ORACLE_MAX_REPORT 60
#endif

/* A growable text buffer. */
typedef struct {
  char* data;
  size_t len, cap;
} oracle_buf;

static void oracle_append(oracle_buf* b, const char* s) {
  size_t n = strlen(s);
  if (b->len + n + 1 > b->cap) {
    b->cap = (b->len + n + 1) * 2;
    b->data = (char*)realloc(b->data, b->cap);
  }
  memcpy(b->data + b->len, s, n + 1);
  b->len += n;
}

static void oracle_appendf(oracle_buf* b, const char* fmt, ...) {
  char tmp[4096];
  va_list va;
  va_start(va, fmt);
  vsnprintf(tmp, sizeof tmp, fmt, va);
  va_end(va);
  oracle_append(b, tmp);
}

/* The script prelude: show(f) prints repr(f()) or the exception. */
static const char oracle_prelude[] =
    "import sys\n"
    "def show(f):\n"
    "    try:\n"
    "        r = repr(f())\n"
    "    except Exception as e:\n"
    "        r = type(e).__name__ + ': ' + str(e)\n"
    "    print(r.encode('ascii', 'backslashreplace').decode())\n";

/* Runs the script; returns its stdout (caller frees) or NULL if the oracle
 * is unavailable. */
static char* oracle_run(const char* script) {
  if (access(ORACLE_PYTHON, X_OK) != 0) return NULL;
  char path[] = "/tmp/krait_oracle_XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return NULL;
  FILE* f = fdopen(fd, "w");
  fputs(script, f);
  fclose(f);
  char cmd[256];
  snprintf(cmd, sizeof cmd, "%s %s", ORACLE_PYTHON, path);
  FILE* p = popen(cmd, "r");
  oracle_buf out = {0};
  char line[65536];
  while (p && fgets(line, sizeof line, p)) oracle_append(&out, line);
  if (p) pclose(p);
  unlink(path);
  return out.data ? out.data : strdup("");
}

/* Appends str `r` as ASCII with backslashreplace, as the script prints. */
static void oracle_append_escaped(oracle_buf* out, PyObject* r) {
  Py_ssize_t n = PyUnicode_GET_LENGTH(r);
  for (Py_ssize_t i = 0; i < n; i++) {
    Py_UCS4 c = PyUnicode_READ_CHAR(r, i);
    char tmp[16];
    if (c < 128)
      snprintf(tmp, sizeof tmp, "%c", (int)c);
    else if (c < 256)
      snprintf(tmp, sizeof tmp, "\\x%02x", (unsigned)c);
    else if (c < 0x10000)
      snprintf(tmp, sizeof tmp, "\\u%04x", (unsigned)c);
    else
      snprintf(tmp, sizeof tmp, "\\U%08x", (unsigned)c);
    oracle_append(out, tmp);
  }
}

/* Describes a C-API result like show(): repr, or "ExcType: message".
 * Steals `result`; clears the error. */
static void oracle_describe(PyObject* result, oracle_buf* out) {
  if (result) {
    PyObject* r = PyObject_Repr(result);
    Py_DECREF(result);
    if (!r) {
      oracle_describe(NULL, out);
      return;
    }
    oracle_append_escaped(out, r);
    Py_DECREF(r);
  } else {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    if (!t) {
      oracle_append(out, "<NULL without exception>");
    } else {
      PyErr_NormalizeException(&t, &v, &tb);
      oracle_append(out, ((PyTypeObject*)t)->tp_name);
      oracle_append(out, ": ");
      PyObject* s = v ? PyObject_Str(v) : NULL;
      if (s)
        oracle_append_escaped(out, s);
      else
        oracle_append(out, "<?>");
      Py_XDECREF(s);
      PyErr_Clear();
    }
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
  }
  oracle_append(out, "\n");
}

/* Compares ours with the oracle's output line by line; labels (one per
 * line, '\n'-separated) name the cases in failure messages. Returns the
 * number of mismatches. */
static int oracle_compare(const char* ours, const char* theirs, const char* labels) {
  int failures = 0, lineno = 0;
  const char *a = ours, *b = theirs, *l = labels;
  while (*a || *b) {
    const char* ae = strchr(a, '\n');
    const char* be = strchr(b, '\n');
    const char* le = l ? strchr(l, '\n') : NULL;
    size_t an = ae ? (size_t)(ae - a) : strlen(a);
    size_t bn = be ? (size_t)(be - b) : strlen(b);
    size_t ln = le ? (size_t)(le - l) : (l ? strlen(l) : 0);
    if (an != bn || memcmp(a, b, an) != 0) {
      failures++;
      if (failures <= ORACLE_MAX_REPORT)
        fprintf(stderr, "case %d [%.*s]:\n  krait:   %.*s\n  cpython: %.*s\n", lineno, (int)ln,
                l ? l : "", (int)an, a, (int)bn, b);
    }
    a += an + (ae ? 1 : 0);
    b += bn + (be ? 1 : 0);
    if (l) l += ln + (le ? 1 : 0);
    lineno++;
  }
  if (failures) fprintf(stderr, "%d of %d cases differ from CPython\n", failures, lineno);
  return failures;
}

#endif
