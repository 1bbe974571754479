// The line-reading hooks of the C API (pythonrun.h): PyOS_Readline and the
// two pointers the `readline` extension module installs into —
// PyOS_ReadlineFunctionPointer (its GNU readline front end) and PyOS_InputHook
// (called while waiting for input, e.g. by Tk) — plus _PyOS_ReadlineTState,
// the thread state readline re-acquires to run Python signal handlers.
//
// The default reader is a plain fgets loop. The returned line is
// PyMem_Malloc'ed; "" means EOF, NULL means an exception (KeyboardInterrupt
// or MemoryError) is set.
#include <Python.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <unistd.h>

namespace {

// Reads one line (with its '\n') from fp after writing the prompt to out;
// a PyMem_RawMalloc'ed string, "" at EOF, NULL when interrupted/out of memory.
char* stdio_readline(FILE* in, FILE* out, const char* prompt) {
  fflush(stdout);
  if (prompt) fputs(prompt, stderr);  // as CPython: the prompt goes to stderr
  fflush(stderr);
  size_t cap = 128, len = 0;
  auto* buf = static_cast<char*>(PyMem_RawMalloc(cap));
  if (buf == nullptr) return nullptr;
  buf[0] = '\0';
  for (;;) {
    if (PyOS_InputHook != nullptr) (void)PyOS_InputHook();
    errno = 0;
    if (fgets(buf + len, int(cap - len), in) == nullptr) {
      if (errno == EINTR && !feof(in)) {
        clearerr(in);
        continue;
      }
      return buf;  // EOF or error: whatever was read (possibly "")
    }
    len += strlen(buf + len);
    if (len > 0 && buf[len - 1] == '\n') return buf;
    if (feof(in)) return buf;
    cap *= 2;
    auto* bigger = static_cast<char*>(PyMem_RawRealloc(buf, cap));
    if (bigger == nullptr) {
      PyMem_RawFree(buf);
      return nullptr;
    }
    buf = bigger;
  }
}

}  // namespace

extern "C" {

int (*PyOS_InputHook)(void) = nullptr;
char* (*PyOS_ReadlineFunctionPointer)(FILE*, FILE*, const char*) = nullptr;
PyThreadState* _PyOS_ReadlineTState = nullptr;

char* PyOS_Readline(FILE* sys_stdin, FILE* sys_stdout, const char* prompt) {
  if (_PyOS_ReadlineTState == PyThreadState_Get()) {
    PyErr_SetString(PyExc_RuntimeError, "can't re-enter readline");
    return nullptr;
  }
  auto reader = PyOS_ReadlineFunctionPointer;
  if (reader == nullptr) reader = stdio_readline;
  // GNU readline only for terminals, as CPython does.
  if (!isatty(fileno(sys_stdin)) || !isatty(fileno(sys_stdout))) reader = stdio_readline;
  _PyOS_ReadlineTState = PyThreadState_Get();
  char* raw;
  Py_BEGIN_ALLOW_THREADS
  raw = reader(sys_stdin, sys_stdout, prompt);
  Py_END_ALLOW_THREADS
  _PyOS_ReadlineTState = nullptr;
  if (raw == nullptr) {
    if (!PyErr_Occurred()) PyErr_NoMemory();
    return nullptr;
  }
  // The reader allocates with PyMem_RawMalloc; callers free with PyMem_Free.
  size_t n = strlen(raw) + 1;
  auto* res = static_cast<char*>(PyMem_Malloc(n));
  if (res != nullptr) memcpy(res, raw, n);
  else PyErr_NoMemory();
  PyMem_RawFree(raw);
  return res;
}

}  // extern "C"
