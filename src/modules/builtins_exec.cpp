// builtins_exec.cpp — compile(), eval() and exec(): source or code objects run
// in caller-chosen namespaces.
//
// The rules follow CPython 3.11's bltinmodule.c: str sources are compiled as
// UTF-8 (their coding declaration is meant to be ignored), bytes and other
// buffers as raw source (coding declarations honoured, parser columns in
// bytes); eval() skips leading blanks; globals without '__builtins__' receive
// the caller's builtins dict before anything runs.
#define PY_SSIZE_T_CLEAN  // Py_BuildValue("s#"): Py_ssize_t lengths
#include <Python.h>

#include <cstring>
#include <string>
#include <string_view>

#include "compiler/compiler.h"
#include "interp/eval.h"
#include "modules/ast/ast_state.h"
#include "modules/builtins_args.h"
#include "parser/parser.h"
#include "support/ref.h"

namespace krait::builtins {
namespace {

// The source text of a compile/eval/exec argument (CPython's _Py_SourceAsString).
struct Source {
  std::string copy;       // owns the bytes of non-bytes buffers
  const char* data = nullptr;
  Py_ssize_t size = 0;
  bool is_bytes = false;  // bytes-like input: the parser's byte-column rule applies
};

int source_as_string(PyObject* src, const char* fname, const char* what, Source* out) {
  if (PyUnicode_Check(src)) {
    out->data = PyUnicode_AsUTF8AndSize(src, &out->size);
    if (!out->data) return -1;
  } else if (PyBytes_Check(src)) {
    out->data = PyBytes_AS_STRING(src);
    out->size = PyBytes_GET_SIZE(src);
    out->is_bytes = true;
  } else if (PyObject_CheckBuffer(src)) {
    Py_buffer view;
    if (PyObject_GetBuffer(src, &view, PyBUF_SIMPLE) < 0) return -1;
    out->copy.assign(static_cast<const char*>(view.buf), static_cast<size_t>(view.len));
    PyBuffer_Release(&view);
    out->data = out->copy.data();
    out->size = static_cast<Py_ssize_t>(out->copy.size());
    out->is_bytes = true;
  } else {
    PyErr_Format(PyExc_TypeError, "%s() arg 1 must be a %s object", fname, what);
    return -1;
  }
  if (std::memchr(out->data, '\0', static_cast<size_t>(out->size))) {
    PyErr_SetString(PyExc_ValueError, "source code string cannot contain null bytes");
    return -1;
  }
  return 0;
}

// The future features of the running code (PyEval_MergeCompilerFlags): exec(), eval() and
// compile() without dont_inherit compile in their caller's __future__ context.
int caller_future_flags() {
  PyFrameObject* f = PyEval_GetFrame();  // borrowed
  if (!f) return 0;
  Ref<PyCodeObject> code = steal(PyFrame_GetCode(f));
  return code ? (code->co_flags & PyCF_MASK) : 0;
}

// Parses and compiles `src`; `start` is Py_file_input / Py_eval_input / Py_single_input.
// With PyCF_ONLY_AST the result is the tree as `ast` node objects.
PyObject* compile_text(const Source& src, PyObject* filename, int start, int cf_flags, int optimize) {
  parser::Mode pm = start == Py_eval_input ? parser::Mode::Eval
                    : start == Py_single_input ? parser::Mode::Single
                    : start == Py_func_type_input ? parser::Mode::FuncType : parser::Mode::Exec;
  compiler::Mode cm = start == Py_eval_input ? compiler::Mode::Eval
                      : start == Py_single_input ? compiler::Mode::Single : compiler::Mode::Exec;
  unsigned pflags = parser::kFlagNone;
  if (src.is_bytes) pflags |= parser::kFlagBytesInput;
  if (cf_flags & PyCF_ALLOW_INCOMPLETE_INPUT) pflags |= parser::kFlagAllowIncompleteInput;
  if (cf_flags & PyCF_DONT_IMPLY_DEDENT) pflags |= parser::kFlagDontImplyDedent;
  Py_ssize_t fn_len;
  const char* fn = PyUnicode_AsUTF8AndSize(filename, &fn_len);
  if (!fn) {
    PyErr_Clear();
    fn = "<unknown>";
    fn_len = 9;
  }
  ast::Arena arena;
  parser::ParseResult r = parser::parse(std::string_view(src.data, static_cast<size_t>(src.size)),
                                        std::string_view(fn, static_cast<size_t>(fn_len)), pm, pflags, arena);
  // Warnings found while parsing come first (one turned into an error wins).
  if (!compiler::issue_parse_warnings(r.warnings, filename)) return nullptr;
  if (!r.ok()) {
    compiler::raise_parse_error(*r.error, filename);
    return nullptr;
  }
  if (cf_flags & PyCF_ONLY_AST) return ast_from_source(r.mod);
  // optimize -1 means "the interpreter's level" (sys.flags.optimize).
  return reinterpret_cast<PyObject*>(
      compiler::compile_ast(r.mod, filename, cm, optimize, cf_flags & CO_FUTURE_ANNOTATIONS).release());
}

// compile()'s `filename` converter (PyUnicode_FSDecoder): str, bytes or os.PathLike.
PyObject* fs_decode(PyObject* o) {
  Ref<> path;
  if (PyUnicode_Check(o) || PyBytes_Check(o)) {
    path = Ref<>::borrow(o);
  } else {
    // os.PathLike: type(o).__fspath__(o) must give str or bytes.
    Ref<> meth = steal(PyObject_GetAttrString(reinterpret_cast<PyObject*>(Py_TYPE(o)), "__fspath__"));
    if (!meth) {
      PyErr_Clear();
      PyErr_Format(PyExc_TypeError, "expected str, bytes or os.PathLike object, not %.200s", Py_TYPE(o)->tp_name);
      return nullptr;
    }
    path = steal(PyObject_CallOneArg(meth.get(), o));
    if (!path) return nullptr;
    if (!PyUnicode_Check(path.get()) && !PyBytes_Check(path.get())) {
      PyErr_Format(PyExc_TypeError, "expected %.200s.__fspath__() to return str or bytes, not %.200s",
                   Py_TYPE(o)->tp_name, Py_TYPE(path.get())->tp_name);
      return nullptr;
    }
  }
  if (PyBytes_Check(path.get())) {
    const char* b = PyBytes_AS_STRING(path.get());
    Py_ssize_t n = PyBytes_GET_SIZE(path.get());
    if (std::memchr(b, '\0', static_cast<size_t>(n))) {
      PyErr_SetString(PyExc_ValueError, "embedded null byte");
      return nullptr;
    }
    return PyUnicode_DecodeFSDefaultAndSize(b, n);
  }
  if (PyUnicode_FindChar(path.get(), 0, 0, PyUnicode_GET_LENGTH(path.get()), 1) >= 0) {
    PyErr_SetString(PyExc_ValueError, "embedded null character");
    return nullptr;
  }
  return path.release();
}

// Puts the caller's builtins into `globals` unless it has its own (exec/eval).
int ensure_builtins(PyObject* globals) {
  Ref<> key = steal(PyUnicode_InternFromString("__builtins__"));
  if (!key) return -1;
  int r = PyDict_Contains(globals, key.get());
  if (r == 0) {
    PyObject* b = PyEval_GetBuiltins();
    r = b ? PyDict_SetItem(globals, key.get(), b) : -1;
  }
  return r < 0 ? -1 : 0;
}

PyObject* run_code(PyObject* co, PyObject* globals, PyObject* locals, PyObject* closure) {
  if (!closure) return PyEval_EvalCode(co, globals, locals);
  Ref<> func = steal(PyFunction_New(co, globals));
  if (!func || PyFunction_SetClosure(func.get(), closure) < 0) return nullptr;
  return interp::call_with_locals(reinterpret_cast<PyFunctionObject*>(func.get()), locals);
}

PyObject* run_source(const char* fname, PyObject* source, int start, PyObject* globals, PyObject* locals) {
  Source src;
  if (source_as_string(source, fname, "string, bytes or code", &src) < 0) return nullptr;
  if (start == Py_eval_input) {
    while (src.size > 0 && (*src.data == ' ' || *src.data == '\t')) {
      src.data++;
      src.size--;
    }
  }
  Ref<> filename = steal(PyUnicode_FromString("<string>"));
  if (!filename) return nullptr;
  Ref<> co = steal(compile_text(src, filename.get(), start, caller_future_flags(), -1));
  if (!co) return nullptr;
  return PyEval_EvalCode(co.get(), globals, locals);
}

}  // namespace

// compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, *, _feature_version=-1)
PyObject* builtin_compile(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  static const char* const names[] = {"source", "filename", "mode", "flags", "dont_inherit", "optimize",
                                      "_feature_version"};
  static const ArgSpec spec = {"compile", names, 0, 3, 6, 7};
  PyObject* a[7];
  if (unpack_args(spec, args, PyVectorcall_NARGS(nargsf), kwnames, a) < 0) return nullptr;
  PyObject* source = a[0];
  Ref<> filename = steal(fs_decode(a[1]));
  if (!filename) return nullptr;
  if (!PyUnicode_Check(a[2])) {
    PyErr_Format(PyExc_TypeError, "compile() argument 'mode' must be str, not %.50s",
                 a[2] == Py_None ? "None" : Py_TYPE(a[2])->tp_name);
    return nullptr;
  }
  Py_ssize_t mode_len;
  const char* mode = PyUnicode_AsUTF8AndSize(a[2], &mode_len);
  if (!mode) return nullptr;
  if (static_cast<size_t>(mode_len) != std::strlen(mode)) {
    PyErr_SetString(PyExc_ValueError, "embedded null character");
    return nullptr;
  }
  int flags = 0, dont_inherit = 0, optimize = -1, feature_version = -1;
  if (a[3] && as_c_int(a[3], &flags) < 0) return nullptr;
  if (a[4] && as_c_int(a[4], &dont_inherit) < 0) return nullptr;
  if (a[5] && as_c_int(a[5], &optimize) < 0) return nullptr;
  if (a[6] && as_c_int(a[6], &feature_version) < 0) return nullptr;
  if (!dont_inherit) flags |= caller_future_flags();
  (void)feature_version;

  if (flags & ~(PyCF_MASK | PyCF_MASK_OBSOLETE | PyCF_COMPILE_MASK)) {
    PyErr_SetString(PyExc_ValueError, "compile(): unrecognised flags");
    return nullptr;
  }
  if (optimize < -1 || optimize > 2) {
    PyErr_SetString(PyExc_ValueError, "compile(): invalid optimize value");
    return nullptr;
  }
  int start;
  if (std::strcmp(mode, "exec") == 0) start = Py_file_input;
  else if (std::strcmp(mode, "eval") == 0) start = Py_eval_input;
  else if (std::strcmp(mode, "single") == 0) start = Py_single_input;
  else if (std::strcmp(mode, "func_type") == 0) {
    if (!(flags & PyCF_ONLY_AST)) {
      PyErr_SetString(PyExc_ValueError, "compile() mode 'func_type' requires flag PyCF_ONLY_AST");
      return nullptr;
    }
    start = Py_func_type_input;
  } else {
    PyErr_SetString(PyExc_ValueError, (flags & PyCF_ONLY_AST)
                                          ? "compile() mode must be 'exec', 'eval', 'single' or 'func_type'"
                                          : "compile() mode must be 'exec', 'eval' or 'single'");
    return nullptr;
  }
  int is_ast = ast_check(source);
  if (is_ast < 0) return nullptr;
  if (is_ast) {
    if (flags & PyCF_ONLY_AST) return Py_NewRef(source);
    int ast_mode = start == Py_file_input ? 0 : start == Py_eval_input ? 1 : start == Py_single_input ? 2 : 3;
    ast::Arena arena;
    ast::mod* tree = ast_to_tree(source, arena, ast_mode);
    if (!tree) return nullptr;
    compiler::Mode cm = start == Py_eval_input ? compiler::Mode::Eval
                        : start == Py_single_input ? compiler::Mode::Single : compiler::Mode::Exec;
    return reinterpret_cast<PyObject*>(
        compiler::compile_ast(tree, filename.get(), cm, optimize < 0 ? 0 : optimize, flags).release());
  }
  Source src;
  if (source_as_string(source, "compile", "string, bytes or AST", &src) < 0) return nullptr;
  return compile_text(src, filename.get(), start, flags, optimize);
}

// eval(source, globals=None, locals=None, /)
PyObject* builtin_eval(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  if (kwnames && PyTuple_GET_SIZE(kwnames)) {
    PyErr_SetString(PyExc_TypeError, "eval() takes no keyword arguments");
    return nullptr;
  }
  if (nargs < 1 || nargs > 3) {
    PyErr_Format(PyExc_TypeError, nargs < 1 ? "eval expected at least 1 argument, got %zd"
                                            : "eval expected at most 3 arguments, got %zd", nargs);
    return nullptr;
  }
  PyObject* source = args[0];
  PyObject* globals = nargs > 1 ? args[1] : Py_None;
  PyObject* locals = nargs > 2 ? args[2] : Py_None;
  if (locals != Py_None && !PyMapping_Check(locals)) {
    PyErr_SetString(PyExc_TypeError, "locals must be a mapping");
    return nullptr;
  }
  if (globals != Py_None && !PyDict_Check(globals)) {
    PyErr_SetString(PyExc_TypeError, PyMapping_Check(globals)
                                         ? "globals must be a real dict; try eval(expr, {}, mapping)"
                                         : "globals must be a dict");
    return nullptr;
  }
  if (globals == Py_None) {
    globals = PyEval_GetGlobals();
    if (locals == Py_None) {
      locals = PyEval_GetLocals();
      if (!locals) return nullptr;
    }
  } else if (locals == Py_None) {
    locals = globals;
  }
  if (!globals || !locals) {
    PyErr_SetString(PyExc_TypeError, "eval must be given globals and locals when called without a frame");
    return nullptr;
  }
  if (ensure_builtins(globals) < 0) return nullptr;
  if (PyCode_Check(source)) {
    if (PyCode_GetNumFree(reinterpret_cast<PyCodeObject*>(source)) > 0) {
      PyErr_SetString(PyExc_TypeError, "code object passed to eval() may not contain free variables");
      return nullptr;
    }
    return PyEval_EvalCode(source, globals, locals);
  }
  return run_source("eval", source, Py_eval_input, globals, locals);
}

// exec(source, globals=None, locals=None, /, *, closure=None)
PyObject* builtin_exec(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  static const char* const names[] = {"", "", "", "closure"};
  static const ArgSpec spec = {"exec", names, 3, 1, 3, 4};
  PyObject* a[4];
  if (unpack_args(spec, args, PyVectorcall_NARGS(nargsf), kwnames, a) < 0) return nullptr;
  PyObject* source = a[0];
  PyObject* globals = a[1] ? a[1] : Py_None;
  PyObject* locals = a[2] ? a[2] : Py_None;
  PyObject* closure = a[3] == Py_None ? nullptr : a[3];
  if (globals == Py_None) {
    globals = PyEval_GetGlobals();
    if (locals == Py_None) {
      locals = PyEval_GetLocals();
      if (!locals) return nullptr;
    }
    if (!globals || !locals) {
      PyErr_SetString(PyExc_SystemError, "globals and locals cannot be NULL");
      return nullptr;
    }
  } else if (locals == Py_None) {
    locals = globals;
  }
  if (!PyDict_Check(globals)) {
    PyErr_Format(PyExc_TypeError, "exec() globals must be a dict, not %.100s", Py_TYPE(globals)->tp_name);
    return nullptr;
  }
  if (!PyMapping_Check(locals)) {
    PyErr_Format(PyExc_TypeError, "locals must be a mapping or None, not %.100s", Py_TYPE(locals)->tp_name);
    return nullptr;
  }
  if (ensure_builtins(globals) < 0) return nullptr;
  Ref<> r;
  if (PyCode_Check(source)) {
    Py_ssize_t nfree = PyCode_GetNumFree(reinterpret_cast<PyCodeObject*>(source));
    if (nfree == 0) {
      if (closure) {
        PyErr_SetString(PyExc_TypeError, "cannot use a closure with this code object");
        return nullptr;
      }
    } else {
      bool ok = closure && PyTuple_CheckExact(closure) && PyTuple_GET_SIZE(closure) == nfree;
      for (Py_ssize_t i = 0; ok && i < nfree; i++) ok = PyCell_Check(PyTuple_GET_ITEM(closure, i));
      if (!ok) {
        PyErr_Format(PyExc_TypeError, "code object requires a closure of exactly length %zd", nfree);
        return nullptr;
      }
    }
    r = steal(run_code(source, globals, locals, closure));
  } else {
    if (closure) {
      PyErr_SetString(PyExc_TypeError, "closure can only be used when source is a code object");
      return nullptr;
    }
    r = steal(run_source("exec", source, Py_file_input, globals, locals));
  }
  if (!r) return nullptr;
  Py_RETURN_NONE;
}

}  // namespace krait::builtins
