// PyConfig (PEP 587) as far as a running Krait can honour it, plus the
// private pieces `_testinternalcapi` imports: config <-> dict conversion,
// reading and writing the running interpreter's configuration, the PEP 523
// frame-evaluation hooks and the getpath/path-config entry points.
//
// Krait is configured by its own start-up (src/main, runtime/lifecycle), not
// by a PyConfig; the "interpreter's config" is what that start-up produced,
// read back from `sys` (argv, path, prefixes, flags...). Setting a config
// writes the sys-visible parts back (argv, orig_argv, path, executable,
// prefixes, platlibdir, pycache_prefix, warnoptions, _xoptions); options that
// only matter during start-up are accepted and reported back unchanged.
#include <Python.h>

#include <climits>
#include <cstddef>
#include <cstring>
#include <cwchar>

#include "support/ref.h"

using krait::Ref;
using krait::steal;

// Declared by CPython only in internal headers (pycore_initconfig.h, pycore_pathconfig.h).
extern "C" {
PyAPI_FUNC(PyObject*) _PyConfig_AsDict(const PyConfig* config);
PyAPI_FUNC(int) _PyConfig_FromDict(PyConfig* config, PyObject* dict);
PyAPI_FUNC(PyObject*) _Py_GetConfigsAsDict(void);
PyAPI_FUNC(PyObject*) _Py_Get_Getpath_CodeObject(void);
PyAPI_FUNC(void) _PyPathConfig_ClearGlobal(void);
}

namespace {

enum class Kind { Int, ULong, WStr, WStrOpt, WList };

struct Field {
  const char* name;
  Kind kind;
  size_t offset;
};

#define F(name, kind) {#name, Kind::kind, offsetof(PyConfig, name)}
// CPython 3.11's _PyConfig_AsDict keys, in its order.
const Field kFields[] = {
    F(_config_init, Int), F(isolated, Int), F(use_environment, Int), F(dev_mode, Int),
    F(install_signal_handlers, Int), F(use_hash_seed, Int), F(hash_seed, ULong),
    F(faulthandler, Int), F(tracemalloc, Int), F(import_time, Int),
    F(code_debug_ranges, Int), F(show_ref_count, Int), F(dump_refs, Int),
    F(malloc_stats, Int), F(filesystem_encoding, WStr), F(filesystem_errors, WStr),
    F(pycache_prefix, WStrOpt), F(program_name, WStr), F(parse_argv, Int), F(argv, WList),
    F(xoptions, WList), F(warnoptions, WList), F(pythonpath_env, WStrOpt), F(home, WStrOpt),
    F(module_search_paths_set, Int), F(module_search_paths, WList), F(stdlib_dir, WStrOpt),
    F(executable, WStrOpt), F(base_executable, WStrOpt), F(prefix, WStrOpt),
    F(base_prefix, WStrOpt), F(exec_prefix, WStrOpt), F(base_exec_prefix, WStrOpt),
    F(platlibdir, WStr), F(site_import, Int), F(bytes_warning, Int),
    F(warn_default_encoding, Int), F(inspect, Int), F(interactive, Int),
    F(optimization_level, Int), F(parser_debug, Int), F(write_bytecode, Int), F(verbose, Int),
    F(quiet, Int), F(user_site_directory, Int), F(configure_c_stdio, Int),
    F(buffered_stdio, Int), F(stdio_encoding, WStr), F(stdio_errors, WStr),
    F(skip_source_first_line, Int), F(run_command, WStrOpt), F(run_module, WStrOpt),
    F(run_filename, WStrOpt), F(_install_importlib, Int), F(check_hash_pycs_mode, WStr),
    F(pathconfig_warnings, Int), F(_init_main, Int), F(_isolated_interpreter, Int),
    F(orig_argv, WList), F(use_frozen_modules, Int), F(safe_path, Int),
    F(_is_python_build, Int),
};
#undef F

template <class T>
T& at(PyConfig* c, const Field& f) {
  return *reinterpret_cast<T*>(reinterpret_cast<char*>(c) + f.offset);
}
template <class T>
const T& at(const PyConfig* c, const Field& f) {
  return *reinterpret_cast<const T*>(reinterpret_cast<const char*>(c) + f.offset);
}

void list_clear(PyWideStringList* l) {
  for (Py_ssize_t i = 0; i < l->length; i++) PyMem_RawFree(l->items[i]);
  PyMem_RawFree(l->items);
  l->items = nullptr;
  l->length = 0;
}

wchar_t* wstr_dup(const wchar_t* s) {
  size_t n = std::wcslen(s);
  auto* r = static_cast<wchar_t*>(PyMem_RawMalloc((n + 1) * sizeof(wchar_t)));
  if (r) std::wmemcpy(r, s, n + 1);
  return r;
}

// Replaces *dst with a copy of the str `v` (or NULL for None when allowed).
int set_wstr(wchar_t** dst, PyObject* v, bool allow_none, const char* name) {
  wchar_t* w = nullptr;
  if (v == Py_None && allow_none) {
  } else if (PyUnicode_Check(v)) {
    wchar_t* tmp = PyUnicode_AsWideCharString(v, nullptr);
    if (!tmp) return -1;
    w = wstr_dup(tmp);
    PyMem_Free(tmp);
    if (!w) {
      PyErr_NoMemory();
      return -1;
    }
  } else {
    PyErr_Format(PyExc_TypeError, "invalid config type: %s", name);
    return -1;
  }
  PyMem_RawFree(*dst);
  *dst = w;
  return 0;
}

int set_wlist(PyWideStringList* dst, PyObject* v, const char* name) {
  if (!PyList_Check(v)) {
    PyErr_Format(PyExc_TypeError, "invalid config type: %s", name);
    return -1;
  }
  Py_ssize_t n = PyList_GET_SIZE(v);
  auto** items = static_cast<wchar_t**>(PyMem_RawCalloc(n ? n : 1, sizeof(wchar_t*)));
  if (!items) {
    PyErr_NoMemory();
    return -1;
  }
  PyWideStringList l{0, items};
  for (Py_ssize_t i = 0; i < n; i++) {
    if (set_wstr(&l.items[i], PyList_GET_ITEM(v, i), false, name) < 0) {
      l.length = i + 1;
      list_clear(&l);
      return -1;
    }
    l.length = i + 1;
  }
  list_clear(dst);
  *dst = l;
  return 0;
}

PyObject* wstr_obj(const wchar_t* s) {
  if (s == nullptr) Py_RETURN_NONE;
  return PyUnicode_FromWideChar(s, -1);
}

PyObject* wlist_obj(const PyWideStringList& l) {
  Ref<> list = steal(PyList_New(l.length));
  if (!list) return nullptr;
  for (Py_ssize_t i = 0; i < l.length; i++) {
    PyObject* s = PyUnicode_FromWideChar(l.items[i], -1);
    if (!s) return nullptr;
    PyList_SET_ITEM(list.get(), i, s);
  }
  return list.release();
}

// sys.<name> as a wide string field (None -> NULL).
int from_sys_str(wchar_t** dst, const char* name) {
  PyObject* v = PySys_GetObject(name);
  if (v == nullptr) return 0;
  return set_wstr(dst, v, true, name);
}

int from_sys_list(PyWideStringList* dst, const char* name) {
  PyObject* v = PySys_GetObject(name);
  if (v == nullptr || !PyList_Check(v)) return 0;
  return set_wlist(dst, v, name);
}

int flag(PyObject* flags, const char* name) {
  if (!flags) return 0;
  Ref<> v = steal(PyObject_GetAttrString(flags, name));
  if (!v) {
    PyErr_Clear();
    return 0;
  }
  return PyObject_IsTrue(v.get());
}

int to_sys(const char* name, PyObject* value) {
  if (!value) return -1;
  int r = PySys_SetObject(name, value);
  Py_DECREF(value);
  return r;
}

_PyFrameEvalFunction g_eval_frame = nullptr;

}  // namespace

extern "C" {

void PyConfig_InitPythonConfig(PyConfig* c) {
  std::memset(c, 0, sizeof *c);
  c->_config_init = 2;  // _PyConfig_INIT_PYTHON
  c->isolated = 0;
  c->use_environment = 1;
  c->install_signal_handlers = 1;
  c->use_hash_seed = -1;
  c->faulthandler = -1;
  c->tracemalloc = -1;
  c->code_debug_ranges = 1;
  c->parse_argv = 1;
  c->site_import = 1;
  c->write_bytecode = 1;
  c->user_site_directory = 1;
  c->configure_c_stdio = 1;
  c->buffered_stdio = 1;
  c->pathconfig_warnings = 1;
  c->_install_importlib = 1;
  c->_init_main = 1;
  c->use_frozen_modules = 1;
  c->safe_path = 0;
  c->dev_mode = -1;
  c->import_time = -1;
  c->bytes_warning = -1;
  c->warn_default_encoding = 0;
  c->inspect = -1;
  c->interactive = -1;
  c->optimization_level = -1;
  c->parser_debug = -1;
  c->verbose = -1;
  c->quiet = -1;
  c->skip_source_first_line = -1;
  c->malloc_stats = -1;
  c->show_ref_count = -1;
}

void PyConfig_InitIsolatedConfig(PyConfig* c) {
  std::memset(c, 0, sizeof *c);
  c->_config_init = 3;  // _PyConfig_INIT_ISOLATED
  c->isolated = 1;
  c->use_environment = 0;
  c->user_site_directory = 0;
  c->dev_mode = 0;
  c->install_signal_handlers = 0;
  c->use_hash_seed = 0;
  c->faulthandler = 0;
  c->tracemalloc = 0;
  c->code_debug_ranges = 1;
  c->safe_path = 1;
  c->pathconfig_warnings = 0;
  c->parse_argv = 0;
  c->site_import = 1;
  c->write_bytecode = 1;
  c->configure_c_stdio = 0;
  c->buffered_stdio = 1;
  c->_install_importlib = 1;
  c->_init_main = 1;
  c->use_frozen_modules = 1;
  c->import_time = -1;
  c->bytes_warning = -1;
  c->inspect = -1;
  c->interactive = -1;
  c->optimization_level = -1;
  c->parser_debug = -1;
  c->verbose = -1;
  c->quiet = -1;
  c->skip_source_first_line = -1;
  c->malloc_stats = -1;
  c->show_ref_count = -1;
}

void PyConfig_Clear(PyConfig* c) {
  for (const Field& f : kFields) {
    if (f.kind == Kind::WStr || f.kind == Kind::WStrOpt) {
      PyMem_RawFree(at<wchar_t*>(c, f));
      at<wchar_t*>(c, f) = nullptr;
    } else if (f.kind == Kind::WList) {
      list_clear(&at<PyWideStringList>(c, f));
    }
  }
  PyMem_RawFree(c->dump_refs_file);
  c->dump_refs_file = nullptr;
}

PyObject* _PyConfig_AsDict(const PyConfig* c) {
  Ref<> dict = steal(PyDict_New());
  if (!dict) return nullptr;
  for (const Field& f : kFields) {
    Ref<> v;
    switch (f.kind) {
      case Kind::Int: v = steal(PyLong_FromLong(at<int>(c, f))); break;
      case Kind::ULong: v = steal(PyLong_FromUnsignedLong(at<unsigned long>(c, f))); break;
      case Kind::WStr:
      case Kind::WStrOpt: v = steal(wstr_obj(at<wchar_t*>(c, f))); break;
      case Kind::WList: v = steal(wlist_obj(at<PyWideStringList>(c, f))); break;
    }
    if (!v || PyDict_SetItemString(dict.get(), f.name, v.get()) < 0) return nullptr;
  }
  return dict.release();
}

int _PyConfig_FromDict(PyConfig* c, PyObject* dict) {
  if (!PyDict_Check(dict)) {
    PyErr_SetString(PyExc_TypeError, "dict expected");
    return -1;
  }
  for (const Field& f : kFields) {
    PyObject* v = PyDict_GetItemString(dict, f.name);
    if (v == nullptr) {
      PyErr_Format(PyExc_ValueError, "missing config key: %s", f.name);
      return -1;
    }
    switch (f.kind) {
      case Kind::Int: {
        if (!PyLong_Check(v)) {
          PyErr_Format(PyExc_TypeError, "invalid config type: %s", f.name);
          return -1;
        }
        int overflow;
        long x = PyLong_AsLongAndOverflow(v, &overflow);
        if (overflow || x < INT_MIN || x > INT_MAX) {
          PyErr_Format(PyExc_ValueError, "invalid config value: %s", f.name);
          return -1;
        }
        at<int>(c, f) = static_cast<int>(x);
        break;
      }
      case Kind::ULong: {
        if (!PyLong_Check(v)) {
          PyErr_Format(PyExc_TypeError, "invalid config type: %s", f.name);
          return -1;
        }
        unsigned long x = PyLong_AsUnsignedLong(v);
        if (x == (unsigned long)-1 && PyErr_Occurred()) {
          PyErr_Clear();
          PyErr_Format(PyExc_ValueError, "invalid config value: %s", f.name);
          return -1;
        }
        at<unsigned long>(c, f) = x;
        break;
      }
      case Kind::WStr:
      case Kind::WStrOpt:
        if (set_wstr(&at<wchar_t*>(c, f), v, f.kind == Kind::WStrOpt, f.name) < 0) return -1;
        break;
      case Kind::WList:
        if (set_wlist(&at<PyWideStringList>(c, f), v, f.name) < 0) return -1;
        break;
    }
  }
  return 0;
}

// The running interpreter's configuration, read back from sys.
int _PyInterpreterState_GetConfigCopy(PyConfig* c) {
  PyConfig_Clear(c);
  PyConfig_InitPythonConfig(c);
  PyObject* flags = PySys_GetObject("flags");
  c->isolated = flag(flags, "isolated");
  c->use_environment = !flag(flags, "ignore_environment");
  c->dev_mode = flag(flags, "dev_mode");
  c->use_hash_seed = 0;
  c->faulthandler = 0;
  c->tracemalloc = 0;
  c->import_time = 0;
  c->show_ref_count = 0;
  c->malloc_stats = 0;
  c->parse_argv = 2;
  c->site_import = !flag(flags, "no_site");
  c->bytes_warning = flag(flags, "bytes_warning");
  c->warn_default_encoding = flag(flags, "warn_default_encoding");
  c->inspect = flag(flags, "inspect");
  c->interactive = flag(flags, "interactive");
  c->optimization_level = flag(flags, "optimize");
  c->parser_debug = flag(flags, "debug");
  c->write_bytecode = !flag(flags, "dont_write_bytecode");
  c->verbose = flag(flags, "verbose");
  c->quiet = flag(flags, "quiet");
  c->user_site_directory = !flag(flags, "no_user_site");
  c->safe_path = flag(flags, "safe_path");
  c->skip_source_first_line = 0;
  c->module_search_paths_set = 1;
  if (PyErr_Occurred()) return -1;
  struct {
    wchar_t** dst;
    const char* sys_name;
  } strs[] = {
      {&c->pycache_prefix, "pycache_prefix"}, {&c->executable, "executable"},
      {&c->base_executable, "_base_executable"}, {&c->prefix, "prefix"},
      {&c->base_prefix, "base_prefix"}, {&c->exec_prefix, "exec_prefix"},
      {&c->base_exec_prefix, "base_exec_prefix"}, {&c->platlibdir, "platlibdir"},
      {&c->stdlib_dir, "_stdlib_dir"}, {&c->program_name, "executable"},
  };
  for (auto& s : strs)
    if (from_sys_str(s.dst, s.sys_name) < 0) return -1;
  if (from_sys_list(&c->argv, "argv") < 0 || from_sys_list(&c->orig_argv, "orig_argv") < 0 ||
      from_sys_list(&c->module_search_paths, "path") < 0 ||
      from_sys_list(&c->warnoptions, "warnoptions") < 0)
    return -1;
  // sys._xoptions {"a": True, "b": "c"} -> ["a", "b=c"].
  if (PyObject* xo = PySys_GetObject("_xoptions"); xo && PyDict_Check(xo)) {
    Ref<> list = steal(PyList_New(0));
    if (!list) return -1;
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (PyDict_Next(xo, &pos, &k, &v)) {
      Ref<> item = steal(v == Py_True ? Py_NewRef(k) : PyUnicode_FromFormat("%S=%S", k, v));
      if (!item || PyList_Append(list.get(), item.get()) < 0) return -1;
    }
    if (set_wlist(&c->xoptions, list.get(), "xoptions") < 0) return -1;
  }
  const wchar_t* enc[] = {L"utf-8", L"surrogateescape", L"utf-8", L"strict", L"default"};
  wchar_t** enc_dst[] = {&c->filesystem_encoding, &c->filesystem_errors, &c->stdio_encoding,
                         &c->stdio_errors, &c->check_hash_pycs_mode};
  for (int i = 0; i < 5; i++) {
    *enc_dst[i] = wstr_dup(enc[i]);
    if (!*enc_dst[i]) {
      PyErr_NoMemory();
      return -1;
    }
  }
  if (PyObject* so = PySys_GetObject("stdout")) {
    Ref<> e = steal(PyObject_GetAttrString(so, "encoding"));
    Ref<> r = e ? steal(PyObject_GetAttrString(so, "errors")) : Ref<>();
    if (e && r && PyUnicode_Check(e.get()) && PyUnicode_Check(r.get())) {
      if (set_wstr(&c->stdio_encoding, e.get(), false, "stdio_encoding") < 0 ||
          set_wstr(&c->stdio_errors, r.get(), false, "stdio_errors") < 0)
        return -1;
    }
    PyErr_Clear();
  }
  return 0;
}

// Writes the sys-visible parts of a configuration back, as CPython's
// _PyInterpreterState_SetConfig does through _PySys_UpdateConfig.
int _PyInterpreterState_SetConfig(const PyConfig* c) {
  struct {
    const wchar_t* value;
    const char* sys_name;
  } strs[] = {
      {c->pycache_prefix, "pycache_prefix"}, {c->executable, "executable"},
      {c->base_executable, "_base_executable"}, {c->prefix, "prefix"},
      {c->base_prefix, "base_prefix"}, {c->exec_prefix, "exec_prefix"},
      {c->base_exec_prefix, "base_exec_prefix"}, {c->platlibdir, "platlibdir"},
      {c->stdlib_dir, "_stdlib_dir"},
  };
  for (auto& s : strs)
    if (to_sys(s.sys_name, wstr_obj(s.value)) < 0) return -1;
  if (c->module_search_paths_set && to_sys("path", wlist_obj(c->module_search_paths)) < 0)
    return -1;
  if (to_sys("argv", wlist_obj(c->argv)) < 0 || to_sys("orig_argv", wlist_obj(c->orig_argv)) < 0 ||
      to_sys("warnoptions", wlist_obj(c->warnoptions)) < 0)
    return -1;
  Ref<> xo = steal(PyDict_New());
  if (!xo) return -1;
  for (Py_ssize_t i = 0; i < c->xoptions.length; i++) {
    const wchar_t* opt = c->xoptions.items[i];
    const wchar_t* eq = std::wcschr(opt, L'=');
    Ref<> key = steal(PyUnicode_FromWideChar(opt, eq ? eq - opt : -1));
    Ref<> value = eq ? steal(PyUnicode_FromWideChar(eq + 1, -1)) : krait::borrow(Py_True);
    if (!key || !value || PyDict_SetItem(xo.get(), key.get(), value.get()) < 0) return -1;
  }
  return PySys_SetObject("_xoptions", xo.get());
}

PyObject* _Py_GetConfigsAsDict(void) {
  Ref<> result = steal(PyDict_New());
  if (!result) return nullptr;
  // Global configuration variables, from sys.flags.
  PyObject* flags = PySys_GetObject("flags");
  Ref<> global = steal(PyDict_New());
  if (!global) return nullptr;
  // CPython's order; a non-NULL text makes the value a str.
  struct {
    const char* name;
    const char* text;
    int value;
  } vars[] = {
      {"Py_FileSystemDefaultEncoding", "utf-8", 0},
      {"Py_HasFileSystemDefaultEncoding", nullptr, 0},
      {"Py_FileSystemDefaultEncodeErrors", "surrogateescape", 0},
      {"_Py_HasFileSystemDefaultEncodeErrors", nullptr, 0},
      {"Py_UTF8Mode", nullptr, flag(flags, "utf8_mode")},
      {"Py_DebugFlag", nullptr, flag(flags, "debug")},
      {"Py_VerboseFlag", nullptr, flag(flags, "verbose")},
      {"Py_QuietFlag", nullptr, flag(flags, "quiet")},
      {"Py_InteractiveFlag", nullptr, flag(flags, "interactive")},
      {"Py_InspectFlag", nullptr, flag(flags, "inspect")},
      {"Py_OptimizeFlag", nullptr, flag(flags, "optimize")},
      {"Py_NoSiteFlag", nullptr, flag(flags, "no_site")},
      {"Py_BytesWarningFlag", nullptr, flag(flags, "bytes_warning")},
      {"Py_FrozenFlag", nullptr, 0},
      {"Py_IgnoreEnvironmentFlag", nullptr, flag(flags, "ignore_environment")},
      {"Py_DontWriteBytecodeFlag", nullptr, flag(flags, "dont_write_bytecode")},
      {"Py_NoUserSiteDirectory", nullptr, flag(flags, "no_user_site")},
      {"Py_UnbufferedStdioFlag", nullptr, 0},
      {"Py_HashRandomizationFlag", nullptr, flag(flags, "hash_randomization")},
      {"Py_IsolatedFlag", nullptr, flag(flags, "isolated")},
  };
  for (auto& var : vars) {
    Ref<> v = steal(var.text ? PyUnicode_FromString(var.text) : PyLong_FromLong(var.value));
    if (!v || PyDict_SetItemString(global.get(), var.name, v.get()) < 0) return nullptr;
  }
  if (!global || PyDict_SetItemString(result.get(), "global_config", global.get()) < 0)
    return nullptr;
  Ref<> pre = steal(Py_BuildValue("{sisisisisisisisisisi}", "_config_init", 2, "parse_argv", 1,
                                  "isolated", flag(flags, "isolated"), "use_environment",
                                  !flag(flags, "ignore_environment"), "configure_locale", 1,
                                  "coerce_c_locale", 0, "coerce_c_locale_warn", 0, "utf8_mode",
                                  flag(flags, "utf8_mode"), "dev_mode", flag(flags, "dev_mode"),
                                  "allocator", 0));
  if (!pre || PyDict_SetItemString(result.get(), "pre_config", pre.get()) < 0) return nullptr;
  PyConfig c;
  PyConfig_InitPythonConfig(&c);
  if (_PyInterpreterState_GetConfigCopy(&c) < 0) {
    PyConfig_Clear(&c);
    return nullptr;
  }
  Ref<> config = steal(_PyConfig_AsDict(&c));
  PyConfig_Clear(&c);
  if (!config || PyDict_SetItemString(result.get(), "config", config.get()) < 0) return nullptr;
  return result.release();
}

// Krait keeps no path-configuration globals beyond what sys holds (Py_SetPath
// and friends are not kept across runtime restarts): nothing to clear.
void _PyPathConfig_ClearGlobal(void) {}

// CPython's getpath.py is a frozen module compiled into libpython; Krait
// computes its paths in C++ (src/main) and has no such code object.
PyObject* _Py_Get_Getpath_CodeObject(void) {
  PyErr_SetString(PyExc_NotImplementedError, "Krait has no getpath module (paths are computed natively)");
  return nullptr;
}

// PEP 523. Krait's interpreter does not run _PyInterpreterFrame-based frames,
// so the default evaluator can't be called directly and a custom one is never
// called; installing one warns (RuntimeWarning) instead of being silently ignored.
PyObject* _PyEval_EvalFrameDefault(PyThreadState*, struct _PyInterpreterFrame*, int) {
  PyErr_SetString(PyExc_SystemError,
                  "_PyEval_EvalFrameDefault: Krait does not evaluate _PyInterpreterFrame frames");
  return nullptr;
}

_PyFrameEvalFunction _PyInterpreterState_GetEvalFrameFunc(PyInterpreterState*) {
  return g_eval_frame ? g_eval_frame : _PyEval_EvalFrameDefault;
}

void _PyInterpreterState_SetEvalFrameFunc(PyInterpreterState*, _PyFrameEvalFunction eval_frame) {
  if (eval_frame == _PyEval_EvalFrameDefault) eval_frame = nullptr;
  if (eval_frame != nullptr && eval_frame != g_eval_frame &&
      PyErr_WarnEx(PyExc_RuntimeWarning,
                   "Krait does not call custom frame evaluation functions (PEP 523)", 1) < 0)
    PyErr_WriteUnraisable(nullptr);
  g_eval_frame = eval_frame;
}

}  // extern "C"
