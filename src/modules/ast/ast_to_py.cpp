// ast_to_py.cpp — a C++ AST (parser/ast.h) as `ast` node objects, generated from
// parser/ast_nodes.def (CPython's ast2obj_*).
//
// Each node is a fresh instance of its class with one instance attribute per field
// (None for an absent optional, a list for a sequence) plus the four position
// attributes where the ASDL type has them.  Simple-sum values (Load, Add, ...) are
// shared singletons, as in CPython.  Constants are rebuilt exactly: ints from their
// literal text, strs from WTF-8 (lone surrogates via surrogatepass).
#include <Python.h>

#include "compiler/compiler.h"

#include <string>

#include "modules/ast/ast_state.h"
#include "support/ref.h"

namespace krait::astmod {
namespace {

using namespace krait::ast;

State* g;  // the state for the duration of one conversion

PyObject* conv(int v) { return PyLong_FromLong(v); }

PyObject* conv(std::string_view s) {
  if (!s.data()) Py_RETURN_NONE;
  return PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "surrogatepass");
}

PyObject* conv_identifier(std::string_view s) {
  if (!s.data()) Py_RETURN_NONE;
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "surrogatepass");
  if (o) PyUnicode_InternInPlace(&o);
  return o;
}

PyObject* conv(const ConstantValue& v) { return compiler::constant_object(v); }

#define AST_ENUM(sum) \
  [[maybe_unused]] PyObject* conv(sum v) { \
    switch (v) {
#define AST_ENUM_VALUE(sum, Name) \
  case sum::Name: return Py_NewRef(g->singletons[C_##Name]);
#define AST_ENUM_END(sum) \
  }                       \
  Py_RETURN_NONE;         \
  }
#include "parser/ast_nodes.def"

#define AST_SUM(sum, attrs) PyObject* conv(const sum* n);
#define AST_PRODUCT(Name, attrs) PyObject* conv(const Name* n);
#include "parser/ast_nodes.def"

// Sets `name` (a string literal) on `obj` to the new reference `v`; false on error.
bool set(PyObject* obj, PyObject* name, PyObject* v) {
  if (!v) return false;
  int r = PyObject_SetAttr(obj, name, v);
  Py_DECREF(v);
  return r == 0;
}

template <class T>
PyObject* conv_seq(const Seq<T>& s) {
  PyObject* list = PyList_New(static_cast<Py_ssize_t>(s.size()));
  if (!list) return nullptr;
  for (size_t i = 0; i < s.size(); i++) {
    PyObject* item;
    if constexpr (std::is_same_v<T, std::string_view>) item = conv_identifier(s[i]);
    else item = conv(s[i]);
    if (!item) {
      Py_DECREF(list);
      return nullptr;
    }
    PyList_SET_ITEM(list, static_cast<Py_ssize_t>(i), item);
  }
  return list;
}

template <class T>
bool set_attrs(PyObject* o, const T* n) {
  if constexpr (std::is_base_of_v<Located, T>) {
    return set(o, g->names[N_lineno], PyLong_FromLong(n->lineno)) &&
           set(o, g->names[N_col_offset], PyLong_FromLong(n->col_offset)) &&
           set(o, g->names[N_end_lineno], PyLong_FromLong(n->end_lineno)) &&
           set(o, g->names[N_end_col_offset], PyLong_FromLong(n->end_col_offset));
  }
  return true;
}

template <class T>
PyObject* conv_field(const T& v) {
  if constexpr (requires { v.items; }) return conv_seq(v);
  else return conv(v);
}

// The interned Python name of a field, cached per expansion site.
#define KRAIT_FIELD_NAME(name)                                           \
  ([]() -> PyObject* {                                                   \
    static PyObject* s = nullptr;                                        \
    if (!s) {                                                            \
      char buf[64];                                                      \
      s = PyUnicode_InternFromString(py_name(#name, buf, sizeof buf));   \
    }                                                                    \
    return s;                                                            \
  }())

template <class T>
PyObject* conv_named(const char* type, const T& v) {
  if constexpr (std::is_same_v<T, std::string_view>) {
    if (std::string_view(type) == "identifier") return conv_identifier(v);
    return conv(v);
  } else {
    return conv_field(v);
  }
}

#define AST_FIELD(card, type, name)                                       \
  {                                                                       \
    PyObject* fname = KRAIT_FIELD_NAME(name);                             \
    if (!fname || !set(o, fname, conv_named(#type, n->name))) goto fail;  \
  }

#define AST_SUM(sum, attrs)                                                           \
  PyObject* conv(const sum* node) {                                                   \
    if (!node) Py_RETURN_NONE;                                                        \
    if (Py_EnterRecursiveCall(" during ast construction")) return nullptr;            \
    PyObject* o = nullptr;                                                            \
    switch (node->kind) {
#define AST_CTOR(sum, Name)                                                           \
  case sum##_kind::Name: {                                                            \
    [[maybe_unused]] auto* n = static_cast<const Name*>(node);                        \
    o = PyType_GenericNew(g->types[C_##Name], nullptr, nullptr);                      \
    if (!o) goto fail;
#define AST_CTOR_END(sum, Name)      \
  if (!set_attrs(o, n)) goto fail;   \
  break;                             \
  }
#define AST_SUM_END(sum)     \
  }                          \
  Py_LeaveRecursiveCall();   \
  return o;                  \
  fail:                      \
  Py_LeaveRecursiveCall();   \
  Py_XDECREF(o);             \
  return nullptr;            \
  }
#define AST_PRODUCT(Name, attrs)                                  \
  PyObject* conv(const Name* n) {                                 \
    if (!n) Py_RETURN_NONE;                                       \
    PyObject* o = PyType_GenericNew(g->types[C_##Name], nullptr, nullptr); \
    if (!o) return nullptr;
#define AST_PRODUCT_END(Name)      \
  if (!set_attrs(o, n)) goto fail; \
  return o;                        \
  fail:                            \
  Py_XDECREF(o);                   \
  return nullptr;                  \
  }
#include "parser/ast_nodes.def"

}  // namespace

PyObject* to_python(ast::mod* tree) {
  g = state();
  if (!g) return nullptr;
  return conv(tree);
}

}  // namespace krait::astmod
