// symtable_module.cpp — the `_symtable` module under Lib/symtable.py:
// symtable(source, filename, mode) parses the source, runs Krait's compiler
// symbol-table pass (src/compiler/symtable.cpp) and returns the top entry;
// plus CPython 3.11's flag and scope constants.
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "compiler/compiler.h"

#include <cstring>
#include <string>

#include "compiler/symtable.h"
#include "modules/symtable/symtable_entry.h"
#include "parser/parser.h"
#include "support/ref.h"

namespace krait::symtable_mod {
namespace {

// Sets SyntaxError(msg) with its location attributes, as CPython's
// PyErr_RangedSyntaxLocationObject does for symbol-table errors (args stay (msg,)).
void raise_symtable_error(const compiler::SymtableError& err, PyObject* filename) {
  if (err.recursion) {
    PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded during compilation");
    return;
  }
  Ref<> exc = steal(PyObject_CallFunction(PyExc_SyntaxError, "s#", err.msg.data(),
                                          static_cast<Py_ssize_t>(err.msg.size())));
  if (!exc) return;
  Ref<> lineno = steal(PyLong_FromLong(err.lineno));
  Ref<> offset = steal(PyLong_FromLong(err.col + 1));
  Ref<> end_lineno = steal(PyLong_FromLong(err.end_lineno));
  Ref<> end_offset = steal(PyLong_FromLong(err.end_col + 1));
  if (!lineno || !offset || !end_lineno || !end_offset) return;
  if (PyObject_SetAttrString(exc.get(), "filename", filename) < 0 ||
      PyObject_SetAttrString(exc.get(), "lineno", lineno.get()) < 0 ||
      PyObject_SetAttrString(exc.get(), "offset", offset.get()) < 0 ||
      PyObject_SetAttrString(exc.get(), "end_lineno", end_lineno.get()) < 0 ||
      PyObject_SetAttrString(exc.get(), "end_offset", end_offset.get()) < 0)
    return;
  PyErr_SetObject(PyExc_SyntaxError, exc.get());
}

// symtable(source, filename, startstr, /)
PyObject* st_symtable(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs != 3) {
    PyErr_Format(PyExc_TypeError, "symtable expected 3 arguments, got %zd", nargs);
    return nullptr;
  }
  PyObject* fn_raw = nullptr;
  if (!PyUnicode_FSDecoder(args[1], &fn_raw)) return nullptr;
  Ref<> filename = steal(fn_raw);
  if (!PyUnicode_Check(args[2])) {
    PyErr_Format(PyExc_TypeError, "symtable() argument 3 must be str, not %.50s", Py_TYPE(args[2])->tp_name);
    return nullptr;
  }
  Py_ssize_t mode_len;
  const char* mode = PyUnicode_AsUTF8AndSize(args[2], &mode_len);
  if (!mode) return nullptr;
  if (std::strlen(mode) != static_cast<size_t>(mode_len)) {
    PyErr_SetString(PyExc_ValueError, "embedded null character");
    return nullptr;
  }
  // The source: str as UTF-8, bytes-like as raw source (coding declarations honoured).
  PyObject* src = args[0];
  std::string copy;
  const char* data;
  Py_ssize_t size;
  unsigned pflags = parser::kFlagNone;
  if (PyUnicode_Check(src)) {
    data = PyUnicode_AsUTF8AndSize(src, &size);
    if (!data) return nullptr;
  } else if (PyBytes_Check(src)) {
    data = PyBytes_AS_STRING(src);
    size = PyBytes_GET_SIZE(src);
    pflags |= parser::kFlagBytesInput;
  } else if (PyObject_CheckBuffer(src)) {
    Py_buffer view;
    if (PyObject_GetBuffer(src, &view, PyBUF_SIMPLE) < 0) return nullptr;
    copy.assign(static_cast<const char*>(view.buf), static_cast<size_t>(view.len));
    PyBuffer_Release(&view);
    data = copy.data();
    size = static_cast<Py_ssize_t>(copy.size());
    pflags |= parser::kFlagBytesInput;
  } else {
    PyErr_SetString(PyExc_TypeError, "symtable() arg 1 must be a string or bytes object");
    return nullptr;
  }
  if (std::memchr(data, '\0', static_cast<size_t>(size))) {
    PyErr_SetString(PyExc_ValueError, "source code string cannot contain null bytes");
    return nullptr;
  }
  parser::Mode pm;
  std::string_view m(mode);
  if (m == "exec") pm = parser::Mode::Exec;
  else if (m == "eval") pm = parser::Mode::Eval;
  else if (m == "single") pm = parser::Mode::Single;
  else {
    PyErr_SetString(PyExc_ValueError, "symtable() arg 3 must be 'exec' or 'eval' or 'single'");
    return nullptr;
  }
  Py_ssize_t fn_len;
  const char* fn = PyUnicode_AsUTF8AndSize(filename.get(), &fn_len);
  if (!fn) {
    PyErr_Clear();
    fn = "<unknown>";
    fn_len = 9;
  }
  ast::Arena arena;
  parser::ParseResult r = parser::parse(std::string_view(data, static_cast<size_t>(size)),
                                        std::string_view(fn, static_cast<size_t>(fn_len)), pm, pflags, arena);
  if (!r.ok()) {
    compiler::raise_parse_error(*r.error, filename.get());
    return nullptr;
  }
  compiler::SymbolTable table;
  compiler::SymtableError err;
  if (!table.build(r.mod, err)) {
    raise_symtable_error(err, filename.get());
    return nullptr;
  }
  return entry_from_scope(table.top());
}

PyMethodDef st_methods[] = {
    {"symtable", reinterpret_cast<PyCFunction>(reinterpret_cast<void*>(st_symtable)), METH_FASTCALL,
     "symtable($module, source, filename, startstr, /)\n--\n\n"
     "Return symbol and scope dictionaries used internally by compiler."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef st_module = {
    PyModuleDef_HEAD_INIT, "_symtable", nullptr, 0, st_methods, nullptr, nullptr, nullptr, nullptr,
};

}  // namespace
}  // namespace krait::symtable_mod

extern "C" PyObject* PyInit__symtable(void) {
  using namespace krait;
  using namespace krait::symtable_mod;
  if (PyType_Ready(&Entry_Type) < 0) return nullptr;
  Ref<> m = steal(PyModule_Create(&st_module));
  if (!m) return nullptr;
  struct {
    const char* name;
    long value;
  } constants[] = {
      {"USE", kUse},
      {"DEF_GLOBAL", kDefGlobal},
      {"DEF_NONLOCAL", kDefNonlocal},
      {"DEF_LOCAL", kDefLocal},
      {"DEF_PARAM", kDefParam},
      {"DEF_FREE", kDefFree},
      {"DEF_FREE_CLASS", kDefFreeClass},
      {"DEF_IMPORT", kDefImport},
      {"DEF_BOUND", kDefBound},
      {"DEF_ANNOT", kDefAnnot},
      {"TYPE_FUNCTION", kTypeFunction},
      {"TYPE_CLASS", kTypeClass},
      {"TYPE_MODULE", kTypeModule},
      {"LOCAL", kLocal},
      {"GLOBAL_EXPLICIT", kGlobalExplicit},
      {"GLOBAL_IMPLICIT", kGlobalImplicit},
      {"FREE", kFree},
      {"CELL", kCell},
      {"SCOPE_OFF", kScopeOffset},
      {"SCOPE_MASK", kScopeMask},
  };
  for (const auto& c : constants)
    if (PyModule_AddIntConstant(m.get(), c.name, c.value) < 0) return nullptr;
  return m.release();
}
