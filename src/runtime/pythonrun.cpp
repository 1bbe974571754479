// Running source from C (CPython's Python/pythonrun.c family): Py_CompileString*,
// PyRun_String*, PyRun_SimpleString*, PyRun_File*. Embedders and tests use
// these; the command line has its own driver (main_entry.cpp).
#include <Python.h>

#include <cstdio>
#include <string>

#include "compiler/compiler.h"
#include "runtime/interp_state.h"
#include "support/ref.h"

using krait::Ref;

// The non-limited headers define these as macros over the *Flags forms; the
// library still exports them as functions for the stable ABI.
#undef PyRun_String
#undef PyRun_AnyFile
#undef PyRun_AnyFileEx
#undef PyRun_AnyFileFlags
#undef PyRun_SimpleString
#undef PyRun_SimpleFile
#undef PyRun_SimpleFileEx
#undef PyRun_InteractiveOne
#undef PyRun_InteractiveLoop
#undef PyRun_File
#undef PyRun_FileEx
#undef PyRun_FileFlags
#undef Py_CompileString

namespace krait {
namespace {

bool mode_of(int start, compiler::Mode* mode) {
  switch (start) {
    case Py_file_input: *mode = compiler::Mode::Exec; return true;
    case Py_eval_input: *mode = compiler::Mode::Eval; return true;
    case Py_single_input: *mode = compiler::Mode::Single; return true;
    default:
      PyErr_SetString(PyExc_ValueError, "invalid start symbol");
      return false;
  }
}

PyObject* compile_and_run(std::string_view source, const char* filename, int start,
                          PyObject* globals, PyObject* locals) {
  compiler::Mode mode;
  if (!mode_of(start, &mode)) return nullptr;
  Ref<> fn = steal(PyUnicode_DecodeFSDefault(filename));
  if (!fn) return nullptr;
  Ref<PyCodeObject> co = compiler::compile_source(source, fn.get(), mode);
  if (!co) return nullptr;
  // Like CPython, make sure the globals know their builtins.
  if (PyDict_Check(globals) && !PyDict_GetItemString(globals, "__builtins__")) {
    PyObject* builtins = PyEval_GetBuiltins();
    if (builtins && PyDict_SetItemString(globals, "__builtins__", builtins) < 0) return nullptr;
  }
  return PyEval_EvalCode(reinterpret_cast<PyObject*>(co.get()), globals, locals);
}

bool read_file(FILE* fp, std::string* out) {
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, fp)) > 0) out->append(buf, n);
  if (ferror(fp)) {
    PyErr_SetFromErrno(PyExc_OSError);
    return false;
  }
  return true;
}

// The __main__ module's dict (created on first use).
PyObject* main_dict() {
  PyObject* m = PyImport_AddModule("__main__");
  return m ? PyModule_GetDict(m) : nullptr;
}

}  // namespace
}  // namespace krait

using namespace krait;

extern "C" {

PyObject* Py_CompileStringObject(const char* str, PyObject* filename, int start,
                                 PyCompilerFlags* flags, int optimize) {
  compiler::Mode mode;
  if (!mode_of(start, &mode)) return nullptr;
  if (flags && flags->cf_flags) {
    // Flags (PyCF_ONLY_AST, incomplete-input handling, ...) mean exactly what
    // they mean to compile(): let the builtin do the work.
    const char* mode_name = mode == compiler::Mode::Eval ? "eval"
                            : mode == compiler::Mode::Single ? "single" : "exec";
    PyObject* builtins = PyEval_GetBuiltins();
    PyObject* compile = builtins ? PyDict_GetItemString(builtins, "compile") : nullptr;
    if (!compile) {
      PyErr_SetString(PyExc_SystemError, "compile() is missing from builtins");
      return nullptr;
    }
    return PyObject_CallFunction(compile, "yOsiii", str, filename, mode_name, flags->cf_flags, 1,
                                 optimize);
  }
  return reinterpret_cast<PyObject*>(compiler::compile_source(str, filename, mode, optimize).release());
}

PyObject* Py_CompileStringExFlags(const char* str, const char* filename, int start,
                                  PyCompilerFlags* flags, int optimize) {
  Ref<> fn = steal(PyUnicode_DecodeFSDefault(filename));
  if (!fn) return nullptr;
  return Py_CompileStringObject(str, fn.get(), start, flags, optimize);
}

PyObject* Py_CompileString(const char* str, const char* filename, int start) {
  return Py_CompileStringExFlags(str, filename, start, nullptr, -1);
}

PyObject* PyRun_StringFlags(const char* str, int start, PyObject* globals, PyObject* locals,
                            PyCompilerFlags*) {
  return compile_and_run(str, "<string>", start, globals, locals);
}

PyObject* PyRun_String(const char* str, int start, PyObject* globals, PyObject* locals) {
  return PyRun_StringFlags(str, start, globals, locals, nullptr);
}

int PyRun_SimpleStringFlags(const char* command, PyCompilerFlags* flags) {
  PyObject* d = main_dict();
  if (!d) return -1;
  Ref<> v = steal(PyRun_StringFlags(command, Py_file_input, d, d, flags));
  if (!v) {
    PyErr_Print();
    return -1;
  }
  return 0;
}

int PyRun_SimpleString(const char* command) { return PyRun_SimpleStringFlags(command, nullptr); }

PyObject* PyRun_FileExFlags(FILE* fp, const char* filename, int start, PyObject* globals,
                            PyObject* locals, int closeit, PyCompilerFlags*) {
  std::string source;
  bool ok = read_file(fp, &source);
  if (closeit) fclose(fp);
  if (!ok) return nullptr;
  return compile_and_run(source, filename, start, globals, locals);
}

PyObject* PyRun_FileFlags(FILE* fp, const char* p, int s, PyObject* g, PyObject* l,
                          PyCompilerFlags* flags) {
  return PyRun_FileExFlags(fp, p, s, g, l, 0, flags);
}
PyObject* PyRun_FileEx(FILE* fp, const char* p, int s, PyObject* g, PyObject* l, int c) {
  return PyRun_FileExFlags(fp, p, s, g, l, c, nullptr);
}
PyObject* PyRun_File(FILE* fp, const char* p, int s, PyObject* g, PyObject* l) {
  return PyRun_FileExFlags(fp, p, s, g, l, 0, nullptr);
}

int PyRun_SimpleFileExFlags(FILE* fp, const char* filename, int closeit, PyCompilerFlags* flags) {
  PyObject* d = main_dict();
  if (!d) return -1;
  Ref<> fn = steal(PyUnicode_DecodeFSDefault(filename));
  if (!fn || PyDict_SetItemString(d, "__file__", fn.get()) < 0) return -1;
  Ref<> v = steal(PyRun_FileExFlags(fp, filename, Py_file_input, d, d, closeit, flags));
  if (!v) {
    PyErr_Print();
    return -1;
  }
  return 0;
}

int PyRun_SimpleFileEx(FILE* f, const char* p, int c) { return PyRun_SimpleFileExFlags(f, p, c, nullptr); }
int PyRun_SimpleFile(FILE* f, const char* p) { return PyRun_SimpleFileExFlags(f, p, 0, nullptr); }

int PyRun_AnyFileExFlags(FILE* fp, const char* filename, int closeit, PyCompilerFlags* flags) {
  return PyRun_SimpleFileExFlags(fp, filename, closeit, flags);
}
int PyRun_AnyFileFlags(FILE* fp, const char* name, PyCompilerFlags* flags) {
  return PyRun_AnyFileExFlags(fp, name, 0, flags);
}
int PyRun_AnyFileEx(FILE* fp, const char* name, int closeit) {
  return PyRun_AnyFileExFlags(fp, name, closeit, nullptr);
}
int PyRun_AnyFile(FILE* fp, const char* name) { return PyRun_AnyFileExFlags(fp, name, 0, nullptr); }

}  // extern "C"
