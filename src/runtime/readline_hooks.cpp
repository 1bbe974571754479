// PyOS_Readline and its hooks: how the REPL and input() read a line.
//
// PyOS_ReadlineFunctionPointer starts as PyOS_StdioReadline (prompt to
// stderr, line from the FILE); importing the `readline` extension replaces it
// with GNU readline's line editor, used only when stdin and stdout are
// terminals. The line is read with the GIL released. The result follows
// CPython's protocol: a PyMem_Malloc'ed string, "" at end of file, NULL with
// KeyboardInterrupt (or another signal handler's exception) set.
#include <Python.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <unistd.h>

extern "C" {

int (*PyOS_InputHook)(void) = nullptr;
PyThreadState* _PyOS_ReadlineTState = nullptr;

// Reads one line (with its newline) into a PyMem_RawMalloc'ed buffer.
// Called without the GIL; takes it back only to run signal handlers.
char* PyOS_StdioReadline(FILE* sys_stdin, FILE* sys_stdout, const char* prompt) {
  (void)sys_stdout;
  fflush(stdout);
  if (prompt && *prompt) {
    fputs(prompt, stderr);
    fflush(stderr);
  }
  size_t cap = 128, len = 0;
  char* buf = static_cast<char*>(PyMem_RawMalloc(cap));
  if (!buf) return nullptr;
  for (;;) {
    if (PyOS_InputHook) PyOS_InputHook();
    errno = 0;
    int ch = fgetc(sys_stdin);
    if (ch == EOF) {
      if (errno == EINTR) {
        clearerr(sys_stdin);
        PyEval_RestoreThread(_PyOS_ReadlineTState);
        int err = PyErr_CheckSignals();
        PyEval_SaveThread();
        if (err < 0) {
          PyMem_RawFree(buf);
          return nullptr;
        }
        continue;
      }
      break;  // end of file: return what we have ("" means EOF)
    }
    if (len + 2 > cap) {
      cap *= 2;
      char* nb = static_cast<char*>(PyMem_RawRealloc(buf, cap));
      if (!nb) {
        PyMem_RawFree(buf);
        return nullptr;
      }
      buf = nb;
    }
    buf[len++] = static_cast<char>(ch);
    if (ch == '\n') break;
  }
  buf[len] = '\0';
  return buf;
}

char* (*PyOS_ReadlineFunctionPointer)(FILE*, FILE*, const char*) = PyOS_StdioReadline;

char* PyOS_Readline(FILE* sys_stdin, FILE* sys_stdout, const char* prompt) {
  static std::mutex busy;  // one reader at a time, as CPython's lock
  PyThreadState* ts = PyThreadState_Get();
  if (_PyOS_ReadlineTState == ts) {
    PyErr_SetString(PyExc_RuntimeError, "can't re-enter readline");
    return nullptr;
  }
  char* raw;
  Py_BEGIN_ALLOW_THREADS
  busy.lock();
  _PyOS_ReadlineTState = ts;
  // The line editor only for terminals; a pipe or file reads plainly.
  if (!isatty(fileno(sys_stdin)) || !isatty(fileno(sys_stdout)))
    raw = PyOS_StdioReadline(sys_stdin, sys_stdout, prompt);
  else
    raw = PyOS_ReadlineFunctionPointer(sys_stdin, sys_stdout, prompt);
  _PyOS_ReadlineTState = nullptr;
  busy.unlock();
  Py_END_ALLOW_THREADS
  if (!raw) {
    if (!PyErr_Occurred()) PyErr_SetNone(PyExc_KeyboardInterrupt);
    return nullptr;
  }
  // Callers free the result with PyMem_Free.
  size_t n = std::strlen(raw) + 1;
  char* out = static_cast<char*>(PyMem_Malloc(n));
  if (out) std::memcpy(out, raw, n);
  else PyErr_NoMemory();
  PyMem_RawFree(raw);
  return out;
}

}  // extern "C"
