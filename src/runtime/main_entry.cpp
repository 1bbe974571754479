// main_entry.cpp — Py_BytesMain: the `krait` command line.
//
// Supported now: `krait file.py [args]`, `krait -c CODE [args]`,
// `-X dis` (print Krait bytecode instead of running), `-X dump-ast FILE`
// (parser debugging), `-X key[=value]` (other keys ignored), `-u`, `-B`,
// `-E`, `-s`, `-S`, `-I` (accepted). Exit codes follow CPython: 0, 1 for an
// uncaught exception, SystemExit's code, 2 for usage errors and unreadable
// scripts.
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
#include "runtime/import_bootstrap.h"

namespace {

using namespace krait;

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
      PyObject* s = PyObject_Str(code);
      if (s) {
        const char* p = PyUnicode_AsUTF8(s);
        std::string line = std::string(p ? p : "") + "\n";
        PyObject* err = PySys_GetObject("stderr");
        PyObject* ls = PyUnicode_FromString(line.c_str());
        PyObject* r = (err && err != Py_None && ls) ? PyObject_CallMethod(err, "write", "O", ls) : nullptr;
        if (!r) {
          PyErr_Clear();
          fputs(line.c_str(), stderr);
        }
        Py_XDECREF(r);
        Py_XDECREF(ls);
        Py_DECREF(s);
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
  Ref<PyCodeObject> co = compiler::compile_source(source, fn, compiler::Mode::Exec);
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

void usage_error(const char* msg) {
  fprintf(stderr, "%s\nusage: krait [option] ... [-c cmd | file] [arg] ...\nTry `python -h' for more information.\n", msg);
}

}  // namespace

extern "C" int Py_BytesMain(int argc, char** argv) {
  bool dis = false;
  const char* command = nullptr;
  const char* script = nullptr;
  const char* dump_ast = nullptr;
  const char* run_module = nullptr;  // -m
  bool no_bytecode = false;         // -B
  int i = 1;
  for (; i < argc; i++) {
    const char* a = argv[i];
    if (a[0] != '-' || std::strcmp(a, "-") == 0) break;
    if (std::strcmp(a, "-c") == 0) {
      if (i + 1 >= argc) {
        usage_error("Argument expected for the -c option");
        return 2;
      }
      command = argv[++i];
      i++;
      break;
    }
    if (std::strncmp(a, "-c", 2) == 0) {
      command = a + 2;
      i++;
      break;
    }
    if (std::strcmp(a, "-m") == 0 || std::strncmp(a, "-m", 2) == 0) {
      if (a[2] == '\0' && i + 1 >= argc) {
        usage_error("Argument expected for the -m option");
        return 2;
      }
      run_module = a[2] ? a + 2 : argv[++i];
      i++;
      break;
    }
    if (std::strcmp(a, "-B") == 0) no_bytecode = true;
    if (std::strcmp(a, "-X") == 0 || std::strncmp(a, "-X", 2) == 0) {
      const char* opt = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : "");
      if (std::strcmp(opt, "dis") == 0) dis = true;
      else if (std::strcmp(opt, "dump-ast") == 0) dump_ast = i + 1 < argc ? argv[++i] : "";
      continue;
    }
    if (std::strcmp(a, "--") == 0) {
      i++;
      break;
    }
    // Flags accepted and (for now) ignored: -u -B -E -s -S -I -O -q -b -d -v.
    if (std::strchr("uBEsSIOqbdv", a[1]) && a[2] == '\0') continue;
    if (std::strcmp(a, "-W") == 0) {
      i++;
      continue;
    }
    usage_error((std::string("Unknown option: ") + a).c_str());
    return 2;
  }
  if (dump_ast) return krait::parser::dump_ast_main(dump_ast);
  if (!command && !run_module && i < argc) script = argv[i++];
  if (!command && !script && !run_module) {
    fprintf(stderr, "krait: reading programs from stdin is not supported yet\n");
    return 2;
  }
  std::string source;
  // Like CPython 3.11, the script's path becomes absolute (cwd joined with
  // the argument, not normalized) for co_filename, __file__ and messages.
  std::string script_abs;
  const char* script_arg = script;  // sys.argv[0] keeps the argument as given
  if (script) {
    script_abs = script;
    if (!script_abs.empty() && script_abs[0] != '/') {
      char cwd[4096];
      if (getcwd(cwd, sizeof cwd)) script_abs = std::string(cwd) + "/" + script_abs;
    }
    script = script_abs.c_str();
  }
  if (script) {
    std::ifstream in(script, std::ios::binary);
    if (!in) {
      fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", argv[0], script, errno, std::strerror(errno));
      return 2;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    source = ss.str();
  } else if (command) {
    source = command;
  }

  Py_Initialize();
  // sys.argv: the script path (or "-c") followed by the remaining arguments.
  PyObject* argv_list = PyList_New(0);
  if (argv_list) {
    PyObject* first = PyUnicode_DecodeFSDefault(script_arg ? script_arg : run_module ? "-m" : "-c");
    if (first) PyList_Append(argv_list, first);
    Py_XDECREF(first);
    for (; i < argc; i++) {
      PyObject* s = PyUnicode_DecodeFSDefault(argv[i]);
      if (s) PyList_Append(argv_list, s);
      Py_XDECREF(s);
    }
    PySys_SetObject("argv", argv_list);
    Py_DECREF(argv_list);
  }
  PyErr_Clear();
  if (no_bytecode) PySys_SetObject("dont_write_bytecode", Py_True);
  int status;
  if (run_module) {
    // sys.path[0] is the current directory; runpy finds and runs the module.
    char cwd[4096];
    krait::set_main_path0(nullptr);
    if (getcwd(cwd, sizeof cwd)) {
      PyObject* path = PySys_GetObject("path");
      PyObject* c = PyUnicode_DecodeFSDefault(cwd);
      if (path && c) PyList_SetItem(path, 0, c);
      else Py_XDECREF(c);
    }
    PyObject* runpy = PyImport_ImportModule("runpy");
    PyObject* r = runpy ? PyObject_CallMethod(runpy, "_run_module_as_main", "si", run_module, 1) : nullptr;
    Py_XDECREF(runpy);
    status = r ? 0 : handle_exception();
    Py_XDECREF(r);
  } else {
    krait::set_main_path0(script);
    PyErr_Clear();
    status = run_source(source, script ? script : "<string>", dis);
  }
  flush_std_streams();
  if (Py_FinalizeEx() < 0 && status == 0) status = 120;
  if (g_unhandled_keyboard_interrupt) {
    PyOS_setsig(SIGINT, SIG_DFL);
    kill(getpid(), SIGINT);
    status = 130;  // if SIGINT was blocked or ignored
  }
  return status;
}
