// repl.cpp — the interactive loop (`krait` on a terminal, `-i`).
//
// Each statement is read with PyOS_Readline (prompt sys.ps1, then sys.ps2 for
// continuation lines) and handed to codeop.compile_command, which tells a
// complete statement from one that needs more lines exactly as the stdlib's
// code module does (a compound statement ends with a blank line). Complete
// statements run in __main__ compiled in 'single' mode, so expression values
// go through sys.displayhook (printing them and setting builtins._). Errors
// print a traceback and the loop goes on; SystemExit ends it.
#include "runtime/repl.h"

#include <cstdio>
#include <cstring>
#include <string>

#include "support/ref.h"

namespace krait {
namespace {

// The prompt text: str() of sys.ps1/ps2 (any object may be assigned).
std::string prompt_text(const char* name) {
  PyObject* p = PySys_GetObject(name);
  if (!p) return "";
  Ref<> s = steal(PyObject_Str(p));
  if (!s) {
    PyErr_Clear();
    return "";
  }
  const char* u = PyUnicode_AsUTF8(s.get());
  if (!u) {
    PyErr_Clear();
    return "";
  }
  return u;
}

void flush_stream(const char* name) {
  PyObject* f = PySys_GetObject(name);
  if (!f || f == Py_None) return;
  Ref<> r = steal(PyObject_CallMethod(f, "flush", nullptr));
  if (!r) PyErr_Clear();
}

enum class Read { Line, Eof, Interrupted, Error };

Read read_line(FILE* in, const char* prompt_name, std::string* out) {
  flush_stream("stdout");
  flush_stream("stderr");
  std::string prompt = prompt_text(prompt_name);
  char* line = PyOS_Readline(in, stdout, prompt.c_str());
  if (!line) {
    if (PyErr_ExceptionMatches(PyExc_KeyboardInterrupt)) return Read::Interrupted;
    return Read::Error;
  }
  bool eof = line[0] == '\0';
  *out = line;
  PyMem_Free(line);
  return eof ? Read::Eof : Read::Line;
}

}  // namespace

int run_interactive_loop(FILE* in, int* exit_status) {
  *exit_status = 0;
  if (!PySys_GetObject("ps1")) {
    Ref<> s = steal(PyUnicode_FromString(">>> "));
    if (s) PySys_SetObject("ps1", s.get());
  }
  if (!PySys_GetObject("ps2")) {
    Ref<> s = steal(PyUnicode_FromString("... "));
    if (s) PySys_SetObject("ps2", s.get());
  }
  Ref<> codeop = steal(PyImport_ImportModule("codeop"));
  if (!codeop) return -1;
  Ref<> compile_command = steal(PyObject_GetAttrString(codeop.get(), "compile_command"));
  if (!compile_command) return -1;
  PyObject* main_mod = PyImport_AddModule("__main__");
  if (!main_mod) return -1;
  PyObject* globals = PyModule_GetDict(main_mod);

  for (;;) {
    std::string source, line;
    Read r = read_line(in, "ps1", &line);
    if (r == Read::Eof) {
      fputs("\n", stderr);
      return 0;
    }
    if (r == Read::Interrupted || r == Read::Error) {
      // CPython prints the interrupt and offers a fresh prompt.
      fputs("\n", stderr);
      PyErr_Print();
      continue;
    }
    source = line;
    Ref<> code;
    bool restart = false;
    for (;;) {
      // compile_command wants the text without the final newline.
      std::string text = source;
      if (!text.empty() && text.back() == '\n') text.pop_back();
      Ref<> src = steal(PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()),
                                             "surrogateescape"));
      code = src ? steal(PyObject_CallFunction(compile_command.get(), "Oss", src.get(), "<stdin>",
                                               "single"))
                 : Ref<>();
      if (!code) {  // a syntax error: report it (without codeop's frames), start over
        if (PyErr_ExceptionMatches(PyExc_SyntaxError)) {
          // codeop re-raises "incomplete input" for a statement that cannot
          // be completed; CPython's REPL reports the plain compiler's error.
          PyObject *et, *ev, *etb;
          PyErr_Fetch(&et, &ev, &etb);
          Ref<> plain = steal(Py_CompileString((text + "\n").c_str(), "<stdin>", Py_single_input));
          if (plain) {
            PyErr_Restore(et, ev, etb);  // it compiles after all: keep codeop's error
          } else {
            Py_XDECREF(et);  // the compiler's own error is pending now
            Py_XDECREF(ev);
            Py_XDECREF(etb);
          }
        }
        PyObject *t, *v, *tb;
        PyErr_Fetch(&t, &v, &tb);
        PyErr_NormalizeException(&t, &v, &tb);
        Py_CLEAR(tb);
        if (v) PyException_SetTraceback(v, Py_None);
        PyErr_Restore(t, v, tb);
        PyErr_Print();
        restart = true;
        break;
      }
      if (code.get() != Py_None) break;  // complete
      r = read_line(in, "ps2", &line);
      if (r == Read::Eof) {  // end of input inside a statement: run what we have
        source += "\n";
        code = steal(Py_CompileString(source.c_str(), "<stdin>", Py_single_input));
        if (!code) {
          PyErr_Print();
          fputs("\n", stderr);
          return 0;
        }
        break;
      }
      if (r != Read::Line) {
        fputs("\n", stderr);
        PyErr_Print();
        restart = true;
        break;
      }
      source += line;
    }
    if (restart) continue;
    Ref<> result = steal(PyEval_EvalCode(code.get(), globals, globals));
    if (!result) {
      if (PyErr_ExceptionMatches(PyExc_SystemExit)) return 1;  // the caller handles it
      PyErr_Print();
    }
    flush_stream("stdout");
  }
}

}  // namespace krait
