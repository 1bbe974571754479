// builtins_module_exec.cpp — the builtins that run or inspect code:
// compile, eval, exec, dir, vars, aiter, anext. (The rest of the builtins
// module is in builtins_module.cpp, which installs these too.)
#include <Python.h>

#include <string>

#include "compiler/compiler.h"
#include "interp/support.h"

using namespace krait;

namespace {

#define VC(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

// The UTF-8 text of a str / bytes / buffer source, or NULL with TypeError.
bool source_text(PyObject* src, const char* what, std::string* out) {
  if (PyUnicode_Check(src)) {
    Py_ssize_t n;
    const char* s = PyUnicode_AsUTF8AndSize(src, &n);
    if (!s) return false;
    out->assign(s, static_cast<size_t>(n));
  } else if (PyBytes_Check(src)) {
    out->assign(PyBytes_AS_STRING(src), static_cast<size_t>(PyBytes_GET_SIZE(src)));
  } else if (PyByteArray_Check(src)) {
    out->assign(PyByteArray_AS_STRING(src), static_cast<size_t>(PyByteArray_GET_SIZE(src)));
  } else {
    PyErr_Format(PyExc_TypeError, "%s() arg 1 must be a string, bytes or code object", what);
    return false;
  }
  if (out->find('\0') != std::string::npos) {
    PyErr_SetString(PyExc_ValueError, "source code string cannot contain null bytes");
    return false;
  }
  return true;
}

// Fills in the default namespaces and '__builtins__'. Returns -1 on error.
int resolve_namespaces(PyObject** globals, PyObject** locals) {
  if (*globals == Py_None) {
    *globals = PyEval_GetGlobals();
    if (*locals == Py_None) {
      *locals = PyEval_GetLocals();
      if (!*locals) return -1;
    }
    if (!*globals) {
      PyErr_SetString(PyExc_SystemError, "globals and locals cannot be NULL");
      return -1;
    }
  } else if (*locals == Py_None) {
    *locals = *globals;
  }
  if (!PyDict_GetItemString(*globals, "__builtins__")) {
    if (PyDict_SetItemString(*globals, "__builtins__", interp::default_builtins_module()) < 0) return -1;
  }
  return 0;
}

PyObject* run_source(PyObject* src, PyObject* globals, PyObject* locals, compiler::Mode mode, const char* what) {
  if (PyCode_Check(src)) {
    if (PyCode_GetNumFree(reinterpret_cast<PyCodeObject*>(src)) > 0) {
      PyErr_Format(PyExc_TypeError, "code object passed to %s() may not contain free variables", what);
      return nullptr;
    }
    return PyEval_EvalCode(src, globals, locals);
  }
  std::string text;
  if (!source_text(src, what, &text)) return nullptr;
  size_t start = 0;
  if (mode == compiler::Mode::Eval)
    while (start < text.size() && (text[start] == ' ' || text[start] == '\t')) start++;
  Ref<> filename = steal(PyUnicode_FromString("<string>"));
  Ref<PyCodeObject> co = compiler::compile_source(std::string_view(text).substr(start), filename.obj(), mode);
  if (!co) return nullptr;
  return PyEval_EvalCode(reinterpret_cast<PyObject*>(co.get()), globals, locals);
}

bool parse_ns_args(const char* what, PyObject* const* args, size_t nargsf, PyObject* kwnames, PyObject** src,
                   PyObject** globals, PyObject** locals) {
  Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
  static const char* const kw[] = {"source", "globals", "locals", nullptr};
  (void)kw;
  *globals = Py_None;
  *locals = Py_None;
  if (nargs < 1 || nargs > 3) {
    if (nargs < 1 && !kwnames)
      PyErr_Format(PyExc_TypeError, "%s expected at least 1 argument, got 0", what);
    else if (nargs > 3)
      PyErr_Format(PyExc_TypeError, "%s expected at most 3 arguments, got %zd", what, nargs);
    if (nargs < 1 || nargs > 3) {
      if (!PyErr_Occurred()) PyErr_Format(PyExc_TypeError, "%s() missing required argument 'source' (pos 1)", what);
      return false;
    }
  }
  *src = args[0];
  if (nargs > 1) *globals = args[1];
  if (nargs > 2) *locals = args[2];
  if (kwnames) {
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); i++) {
      const char* k = PyUnicode_AsUTF8(PyTuple_GET_ITEM(kwnames, i));
      PyObject* v = args[nargs + i];
      if (k && std::string(k) == "globals") *globals = v;
      else if (k && std::string(k) == "locals") *locals = v;
      else {
        PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%s'", what, k ? k : "?");
        return false;
      }
    }
  }
  return true;
}

PyObject* builtin_eval(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  PyObject *src, *globals, *locals;
  if (!parse_ns_args("eval", args, nargsf, kwnames, &src, &globals, &locals)) return nullptr;
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
  if (resolve_namespaces(&globals, &locals) < 0) return nullptr;
  return run_source(src, globals, locals, compiler::Mode::Eval, "eval");
}

PyObject* builtin_exec(PyObject*, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  PyObject *src, *globals, *locals;
  if (!parse_ns_args("exec", args, nargsf, kwnames, &src, &globals, &locals)) return nullptr;
  if (globals != Py_None && !PyDict_Check(globals)) {
    PyErr_Format(PyExc_TypeError, "exec() globals must be a dict, not %.100s", Py_TYPE(globals)->tp_name);
    return nullptr;
  }
  if (locals != Py_None && !PyMapping_Check(locals)) {
    PyErr_Format(PyExc_TypeError, "locals must be a mapping or None, not %.100s", Py_TYPE(locals)->tp_name);
    return nullptr;
  }
  if (resolve_namespaces(&globals, &locals) < 0) return nullptr;
  PyObject* r = run_source(src, globals, locals, compiler::Mode::Exec, "exec");
  if (!r) return nullptr;
  Py_DECREF(r);
  Py_RETURN_NONE;
}

// compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, *, _feature_version=-1)
PyObject* builtin_compile(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"source", "filename", "mode", "flags", "dont_inherit", "optimize",
                                 "_feature_version", nullptr};
  PyObject *src, *filename;
  const char* mode;
  int flags = 0, dont_inherit = 0, optimize = -1, feature = -1;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOs|iii$i:compile", const_cast<char**>(kwlist), &src,
                                   &filename, &mode, &flags, &dont_inherit, &optimize, &feature))
    return nullptr;
  // str or bytes (os.PathLike needs posix.fspath; not yet).
  Ref<> fname = PyBytes_Check(filename) ? steal(PyUnicode_DecodeFSDefault(PyBytes_AS_STRING(filename)))
                                        : Ref<>::borrow(filename);
  if (!fname) return nullptr;
  if (!PyUnicode_Check(fname.obj())) {
    PyErr_Format(PyExc_TypeError, "expected str, bytes or os.PathLike object, not %.200s",
                 Py_TYPE(filename)->tp_name);
    return nullptr;
  }
  compiler::Mode m;
  std::string ms = mode;
  if (ms == "exec") m = compiler::Mode::Exec;
  else if (ms == "eval") m = compiler::Mode::Eval;
  else if (ms == "single") m = compiler::Mode::Single;
  else {
    PyErr_SetString(PyExc_ValueError, "compile() mode must be 'exec', 'eval' or 'single'");
    return nullptr;
  }
  if (flags & PyCF_ONLY_AST) {
    PyErr_SetString(PyExc_NotImplementedError, "Krait: compile() with PyCF_ONLY_AST is not supported yet");
    return nullptr;
  }
  std::string text;
  if (!source_text(src, "compile", &text)) {
    if (PyErr_ExceptionMatches(PyExc_TypeError)) {
      PyErr_Clear();
      PyErr_SetString(PyExc_TypeError, "compile() arg 1 must be a string, bytes or AST object");
    }
    return nullptr;
  }
  Ref<PyCodeObject> co = compiler::compile_source(text, fname.obj(), m, optimize < 0 ? 0 : optimize);
  return reinterpret_cast<PyObject*>(co.release());
}

PyObject* builtin_dir(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs > 1) {
    PyErr_Format(PyExc_TypeError, "dir expected at most 1 argument, got %zd", nargs);
    return nullptr;
  }
  return PyObject_Dir(nargs ? args[0] : nullptr);
}

PyObject* builtin_vars(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs > 1) {
    PyErr_Format(PyExc_TypeError, "vars expected at most 1 argument, got %zd", nargs);
    return nullptr;
  }
  if (nargs == 0) return Py_XNewRef(PyEval_GetLocals());
  PyObject* d;
  if (_PyObject_LookupAttr(args[0], PyUnicode_InternFromString("__dict__"), &d) == 0) {
    PyErr_SetString(PyExc_TypeError, "vars() argument must have __dict__ attribute");
    return nullptr;
  }
  return d;
}

PyObject* builtin_aiter(PyObject*, PyObject* o) { return PyObject_GetAIter(o); }

PyObject* builtin_anext(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs < 1 || nargs > 2) {
    PyErr_Format(PyExc_TypeError, nargs < 1 ? "anext expected at least 1 argument, got %zd"
                                            : "anext expected at most 2 arguments, got %zd",
                 nargs);
    return nullptr;
  }
  PyObject* aiter = args[0];
  PyTypeObject* t = Py_TYPE(aiter);
  if (!t->tp_as_async || !t->tp_as_async->am_anext) {
    PyErr_Format(PyExc_TypeError, "'%.200s' object is not an async iterator", t->tp_name);
    return nullptr;
  }
  PyObject* aw = t->tp_as_async->am_anext(aiter);
  if (nargs == 1) return aw;
  PyErr_SetString(PyExc_NotImplementedError, "Krait: anext() with a default is not supported yet");
  Py_XDECREF(aw);
  return nullptr;
}

PyMethodDef exec_methods[] = {
    {"aiter", builtin_aiter, METH_O, nullptr},
    {"anext", VC(builtin_anext), METH_FASTCALL, nullptr},
    {"compile", VC(builtin_compile), METH_VARARGS | METH_KEYWORDS, nullptr},
    {"dir", VC(builtin_dir), METH_FASTCALL, nullptr},
    {"eval", VC(builtin_eval), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"exec", VC(builtin_exec), METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"vars", VC(builtin_vars), METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

namespace krait {
int add_builtins_exec_functions(PyObject* module) { return PyModule_AddFunctions(module, exec_methods); }
}  // namespace krait
