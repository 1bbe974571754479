// main_entry.cpp — Py_BytesMain: the `krait` command line.
//
// The options and environment are parsed into krait::g_config (config.cpp);
// this file runs what they ask for as CPython's main does: import site
// (unless -S), set sys.path[0] (unless -P), run the command, module (runpy),
// script or stdin program, or the REPL (repl.cpp) when stdin is a terminal,
// and the REPL after the program with -i / PYTHONINSPECT. Krait's own
// developer options: `-X dis` prints Krait bytecode instead of running,
// `-X dump-ast FILE` prints the parser's AST. Exit codes follow CPython: 0, 1
// for an uncaught exception, SystemExit's code, 2 for usage errors and
// unreadable scripts, 120 when flushing at exit fails.
#include <Python.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bytecode/code.h"
#include "compiler/compiler.h"
#include "interp/eval.h"
#include "interp/support.h"
#include "parser/parser.h"
#include "runtime/config.h"
#include "runtime/crash_report.h"
#include "runtime/import_bootstrap.h"
#include "runtime/repl.h"

namespace {

using namespace krait;
using krait::Config;

void flush_std_streams() {
  // Callers may have an exception pending (about to be printed): keep it.
  PyObject *et, *ev, *etb;
  PyErr_Fetch(&et, &ev, &etb);
  struct Restore {
    PyObject *t, *v, *tb;
    ~Restore() { PyErr_Restore(t, v, tb); }
  } restore{et, ev, etb};
  for (const char* name : {"stdout", "stderr"}) {
    PyObject* f = PySys_GetObject(name);
    if (f && f != Py_None) {
      PyObject* r = PyObject_CallMethod(f, "flush", nullptr);
      if (!r) PyErr_Clear();
      Py_XDECREF(r);
    }
  }
  fflush(stdout);
  fflush(stderr);
}

// Handles a pending exception the way CPython's main does: SystemExit sets
// the status silently (printing a non-int code), anything else prints the
// traceback and yields 1.
// Set when the program ended with an uncaught KeyboardInterrupt: as CPython,
// the process then kills itself with SIGINT after finalization so the parent
// sees "terminated by SIGINT" (exit status 130 in shells).
bool g_unhandled_keyboard_interrupt = false;

int handle_exception() {
  if (PyErr_ExceptionMatches(PyExc_KeyboardInterrupt)) g_unhandled_keyboard_interrupt = true;
  if (PyErr_ExceptionMatches(PyExc_SystemExit)) {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    PyErr_NormalizeException(&t, &v, &tb);
    int status = 0;
    PyObject* code = v ? PyObject_GetAttrString(v, "code") : nullptr;
    if (!code) PyErr_Clear();
    if (!code || code == Py_None) {
      status = 0;
    } else if (PyLong_Check(code)) {
      status = static_cast<int>(PyLong_AsLong(code));
    } else {
      flush_std_streams();
      // str(code) goes to sys.stderr as a str (its backslashreplace error
      // handler deals with surrogates), or to the C stream when there is none.
      PyObject* err = PySys_GetObject("stderr");
      if (err && err != Py_None && PyFile_WriteObject(code, err, Py_PRINT_RAW) == 0 &&
          PyFile_WriteString("\n", err) == 0) {
        PyObject* r = PyObject_CallMethod(err, "flush", nullptr);
        Py_XDECREF(r);
      } else {
        PyErr_Clear();
        PyObject* s = PyObject_Str(code);
        PyObject* b = s ? PyUnicode_AsEncodedString(s, "utf-8", "backslashreplace") : nullptr;
        if (b) fprintf(stderr, "%s\n", PyBytes_AS_STRING(b));
        fflush(stderr);
        Py_XDECREF(b);
        Py_XDECREF(s);
      }
      PyErr_Clear();
      status = 1;
    }
    Py_XDECREF(code);
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
    return status;
  }
  flush_std_streams();
  PyErr_Print();
  return 1;
}

int run_source(const std::string& source, const char* filename, bool dis) {
  PyObject* fn = PyUnicode_DecodeFSDefault(filename);
  if (!fn) return handle_exception();
  Ref<PyCodeObject> co = std::strcmp(filename, "<string>") != 0
                             ? compiler::compile_file_source(source, fn, compiler::Mode::Exec)
                             : compiler::compile_source(source, fn, compiler::Mode::Exec);
  Py_DECREF(fn);
  if (!co) return handle_exception();
  if (dis) {
    std::string text = bytecode::disassemble(co.get());
    fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  }
  PyObject* main_mod = PyImport_AddModule("__main__");  // borrowed
  if (!main_mod) return handle_exception();
  PyObject* globals = PyModule_GetDict(main_mod);
  if (!PyDict_GetItemString(globals, "__builtins__"))
    PyDict_SetItemString(globals, "__builtins__", interp::default_builtins_module());
  if (std::strcmp(filename, "<string>") != 0) {
    PyObject* f = PyUnicode_DecodeFSDefault(filename);
    if (f) {
      PyDict_SetItemString(globals, "__file__", f);
      PyDict_SetItemString(globals, "__cached__", Py_None);
      // As CPython: the script's loader is a SourceFileLoader.
      PyObject* ext = PyImport_AddModule("_frozen_importlib_external");
      PyObject* loader = ext ? PyObject_CallMethod(ext, "SourceFileLoader", "sO", "__main__", f) : nullptr;
      if (loader) PyDict_SetItemString(globals, "__loader__", loader);
      else PyErr_Clear();
      Py_XDECREF(loader);
      Py_DECREF(f);
    }
  }
  PyObject* r = PyEval_EvalCode(reinterpret_cast<PyObject*>(co.get()), globals, globals);
  if (!r) return handle_exception();
  Py_DECREF(r);
  flush_std_streams();
  return 0;
}

// Reads a whole file; false with errno set when it cannot be opened.
bool read_all(FILE* f, std::string* out) {
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  return !ferror(f);
}

// -x: drop the first line but keep the line count (CPython keeps the newline).
void skip_first_line(std::string* source) {
  size_t nl = source->find('\n');
  *source = nl == std::string::npos ? std::string() : source->substr(nl);
}

// sys.path[0] as CPython sets it, unless -P / PYTHONSAFEPATH / -I.
void set_path0(const Config& cfg, const char* script_abs) {
  if (cfg.safe_path) return;
  if (cfg.run == Config::Run::Module) {
    char cwd[4096];
    std::string dir = getcwd(cwd, sizeof cwd) ? cwd : "";
    PyObject* path = PySys_GetObject("path");
    Ref<> c = steal(PyUnicode_DecodeFSDefault(dir.c_str()));
    if (path && c) PyList_Insert(path, 0, c.get());
  } else {
    krait::set_main_path0(cfg.run == Config::Run::File ? script_abs : nullptr);
  }
  PyErr_Clear();
}

// -X faulthandler / PYTHONFAULTHANDLER: faulthandler.enable() before any
// user code runs, as CPython's start-up does.
void enable_faulthandler() {
  Ref<> mod = steal(PyImport_ImportModule("faulthandler"));
  Ref<> r = mod ? steal(PyObject_CallMethod(mod.get(), "enable", nullptr)) : Ref<>();
  if (!r) PyErr_Print();
}

int import_site() {
  Ref<> site = steal(PyImport_ImportModule("site"));
  if (site) return 0;
  // CPython reports the failure and goes on without site.
  fputs("Error in site module:\n", stderr);  // not reached normally
  PyErr_Print();
  return -1;
}

// Runs PYTHONSTARTUP's file in __main__ before the first prompt.
void run_startup_file(const Config& cfg) {
  if (cfg.startup.empty()) return;
  FILE* f = fopen(cfg.startup.c_str(), "rb");
  if (!f) {
    PyErr_SetFromErrnoWithFilename(PyExc_OSError, cfg.startup.c_str());
    PyErr_Print();
    return;
  }
  std::string text;
  read_all(f, &text);
  fclose(f);
  PyObject* main_mod = PyImport_AddModule("__main__");
  PyObject* g = main_mod ? PyModule_GetDict(main_mod) : nullptr;
  Ref<> code = steal(Py_CompileString(text.c_str(), cfg.startup.c_str(), Py_file_input));
  Ref<> r = code && g ? steal(PyEval_EvalCode(code.get(), g, g)) : Ref<>();
  if (!r) PyErr_Print();
}

// The REPL: its banner (only when no program was given), readline, the loop.
int interactive(const Config& cfg, bool show_banner) {
  if (show_banner && !cfg.quiet) {
    fprintf(stderr, "Python %s on %s\n", Py_GetVersion(), Py_GetPlatform());
    if (!cfg.no_site)
      fputs("Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n", stderr);
  }
  if (isatty(0)) {  // line editing and history when the readline module loads
    Ref<> rl = steal(PyImport_ImportModule("readline"));
    if (!rl) PyErr_Clear();
  }
  int status = 0;
  int r = krait::run_interactive_loop(stdin, &status);
  if (r != 0) return handle_exception();
  return status;
}

}  // namespace

extern "C" int Py_BytesMain(int argc, char** argv) {
  int rc = krait::parse_command_line(argc, argv);
  if (rc >= 0) return rc;
  const Config& cfg = krait::g_config;
  if (cfg.dump_ast_requested) return krait::parser::dump_ast_main(cfg.dump_ast.c_str());
  Py_OptimizeFlag = cfg.optimize;

  // The script: CPython 3.11 makes its path absolute (cwd joined with the
  // argument, not normalized) for co_filename, __file__ and messages; sys.argv[0]
  // keeps the argument as given.
  std::string source, script_abs;
  if (cfg.run == Config::Run::File) {
    script_abs = cfg.run_arg;
    if (!script_abs.empty() && script_abs[0] != '/') {
      char cwd[4096];
      if (getcwd(cwd, sizeof cwd)) script_abs = std::string(cwd) + "/" + script_abs;
    }
    FILE* f = fopen(script_abs.c_str(), "rb");
    if (!f) {
      fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", argv[0], script_abs.c_str(), errno,
              std::strerror(errno));
      return 2;
    }
    read_all(f, &source);
    fclose(f);
    if (cfg.skip_first_line) skip_first_line(&source);
  } else if (cfg.run == Config::Run::Command) {
    source = cfg.run_arg;
  }

  Py_Initialize();
  krait::install_crash_report();
  if (cfg.faulthandler) enable_faulthandler();
  if (!cfg.no_site) import_site();
  set_path0(cfg, script_abs.c_str());

  bool stdin_tty = isatty(0);
  int status = 0;
  switch (cfg.run) {
    case Config::Run::Module: {
      Ref<> runpy = steal(PyImport_ImportModule("runpy"));
      Ref<> r = runpy ? steal(PyObject_CallMethod(runpy.get(), "_run_module_as_main", "si",
                                                  cfg.run_arg.c_str(), 1))
                      : Ref<>();
      status = r ? 0 : handle_exception();
      break;
    }
    case Config::Run::Command:
      status = run_source(source, "<string>", cfg.dis);
      break;
    case Config::Run::File:
      status = run_source(source, script_abs.c_str(), cfg.dis);
      break;
    case Config::Run::Stdin:
      if (stdin_tty || cfg.inspect) {
        run_startup_file(cfg);
        status = interactive(cfg, true);
        flush_std_streams();
        if (Py_FinalizeEx() < 0 && status == 0) status = 120;
        return status;
      }
      read_all(stdin, &source);
      if (cfg.skip_first_line) skip_first_line(&source);
      status = run_source(source, "<stdin>", cfg.dis);
      break;
  }
  // -i (or PYTHONINSPECT set by the program): the REPL after the program.
  bool inspect = cfg.inspect;
  if (!inspect && !cfg.ignore_environment) {
    const char* v = getenv("PYTHONINSPECT");
    inspect = v && *v;
  }
  if (inspect && (stdin_tty || cfg.interactive)) status = interactive(cfg, false);
  flush_std_streams();
  if (Py_FinalizeEx() < 0 && status == 0) status = 120;
  if (g_unhandled_keyboard_interrupt) {
    PyOS_setsig(SIGINT, SIG_DFL);
    kill(getpid(), SIGINT);
    status = 130;  // if SIGINT was blocked or ignored
  }
  return status;
}
