// ast_from_py.cpp — `ast` node objects back to a C++ AST (CPython's obj2ast_* and
// the checks of PyAST_Validate), generated from parser/ast_nodes.def.
//
// Conversion follows CPython 3.11 step by step because its error messages depend on
// the order: a sum type's position attributes are read before its class is checked
// ('required field "lineno" missing from stmt' even for an int), product fields come
// before their attributes, a missing non-optional field is a TypeError, a None one a
// ValueError ("field 'value' is required for Expr").  Constants keep the Python object
// (ConstantKind::Object, borrowed from the tree, which outlives the compilation) except
// str / float / bytes and the singletons, which the compiler inspects.
#include <Python.h>

#include <climits>
#include <cstring>
#include <string>
#include <vector>

#include "modules/ast/ast_state.h"
#include "support/ref.h"

namespace krait::astmod {
namespace {

using namespace krait::ast;

State* g;
Arena* A;

// -- leaves ------------------------------------------------------------------------------

bool from_int(PyObject* o, int* out) {
  if (!PyLong_Check(o)) {
    PyErr_Format(PyExc_ValueError, "invalid integer value: %R", o);
    return false;
  }
  long v = PyLong_AsLong(o);
  if (v == -1 && PyErr_Occurred()) return false;
  if (v > INT_MAX || v < INT_MIN) {
    PyErr_SetString(PyExc_OverflowError, "Python int too large to convert to C int");
    return false;
  }
  *out = static_cast<int>(v);
  return true;
}

bool wtf8(PyObject* o, std::string_view* out) {
  Ref<> b = steal(PyUnicode_AsEncodedString(o, "utf-8", "surrogatepass"));
  if (!b) return false;
  *out = A->str(std::string_view(PyBytes_AS_STRING(b.get()), static_cast<size_t>(PyBytes_GET_SIZE(b.get()))));
  return true;
}

bool from_identifier(PyObject* o, std::string_view* out) {
  if (o == Py_None) {
    *out = {};
    return true;
  }
  if (!PyUnicode_CheckExact(o)) {
    PyErr_SetString(PyExc_TypeError, "AST identifier must be of type str");
    return false;
  }
  return wtf8(o, out);
}

bool from_string(PyObject* o, std::string_view* out) {
  if (o == Py_None) {
    *out = {};
    return true;
  }
  if (!PyUnicode_CheckExact(o) && !PyBytes_CheckExact(o)) {
    PyErr_SetString(PyExc_TypeError, "AST string must be of type str");
    return false;
  }
  if (PyBytes_CheckExact(o)) {
    *out = A->str(std::string_view(PyBytes_AS_STRING(o), static_cast<size_t>(PyBytes_GET_SIZE(o))));
    return true;
  }
  return wtf8(o, out);
}

bool from_constant(PyObject* o, ConstantValue* out) {
  if (o == Py_None) out->kind = ConstantKind::None;
  else if (o == Py_True) out->kind = ConstantKind::True;
  else if (o == Py_False) out->kind = ConstantKind::False;
  else if (o == Py_Ellipsis) out->kind = ConstantKind::Ellipsis;
  else if (PyFloat_CheckExact(o)) {
    out->kind = ConstantKind::Float;
    out->num = PyFloat_AS_DOUBLE(o);
  } else if (PyUnicode_CheckExact(o)) {
    out->kind = ConstantKind::Str;
    return wtf8(o, &out->text);
  } else if (PyBytes_CheckExact(o)) {
    out->kind = ConstantKind::Bytes;
    out->text = A->str(std::string_view(PyBytes_AS_STRING(o), static_cast<size_t>(PyBytes_GET_SIZE(o))));
  } else {
    out->kind = ConstantKind::Object;
    out->object = o;
  }
  return true;
}

// -- node types --------------------------------------------------------------------------

#define AST_SUM(sum, attrs) bool from_##sum(PyObject* o, sum** out);
#define AST_PRODUCT(Name, attrs) bool from_##Name(PyObject* o, Name** out);
#define AST_ENUM(sum) bool from_##sum(PyObject* o, sum* out);
#include "parser/ast_nodes.def"

// Looks `name` up on `o`; *present false if absent.
bool lookup(PyObject* o, PyObject* name, Ref<>* out) {
  PyObject* r = nullptr;
  if (_PyObject_LookupAttr(o, name, &r) < 0) return false;
  *out = steal(r);
  return true;
}

bool missing(const char* field, const char* owner) {
  PyErr_Format(PyExc_TypeError, "required field \"%s\" missing from %s", field, owner);
  return false;
}

// A `?` or plain field: absent is an error unless optional; None converts to "none".
template <class T, class F>
bool field_one(PyObject* o, PyObject* fname, const char* owner, bool optional, T* out, F conv) {
  Ref<> tmp;
  if (!lookup(o, fname, &tmp)) return false;
  if (!tmp) {
    if (optional) return true;
    return missing(PyUnicode_AsUTF8(fname), owner);
  }
  if (optional && tmp.get() == Py_None) return true;
  if (Py_EnterRecursiveCall(" while traversing AST node")) return false;
  bool ok = conv(tmp.get(), out);
  Py_LeaveRecursiveCall();
  return ok;
}

template <class T, class F>
bool field_seq(PyObject* o, PyObject* fname, const char* owner, Seq<T>* out, F conv) {
  Ref<> tmp;
  if (!lookup(o, fname, &tmp)) return false;
  const char* fn = PyUnicode_AsUTF8(fname);
  if (!tmp) return missing(fn, owner);
  if (!PyList_Check(tmp.get())) {
    PyErr_Format(PyExc_TypeError, "%s field \"%s\" must be a list, not a %.200s", owner, fn,
                 _PyType_Name(Py_TYPE(tmp.get())));
    return false;
  }
  Py_ssize_t len = PyList_GET_SIZE(tmp.get());
  std::vector<T> items(static_cast<size_t>(len));
  for (Py_ssize_t i = 0; i < len; i++) {
    Ref<> item = Ref<>::borrow(PyList_GET_ITEM(tmp.get(), i));
    if (Py_EnterRecursiveCall(" while traversing AST node")) return false;
    bool ok = conv(item.get(), &items[static_cast<size_t>(i)]);
    Py_LeaveRecursiveCall();
    if (!ok) return false;
    if (len != PyList_GET_SIZE(tmp.get())) {
      PyErr_Format(PyExc_TypeError, "%s field \"%s\" changed size during iteration", owner, fn);
      return false;
    }
  }
  *out = Seq<T>::from(*A, items);
  return true;
}

bool is_required_null(int) { return false; }
template <class T>
bool is_required_null(T v) {
  if constexpr (std::is_pointer_v<T>) return v == nullptr;
  else if constexpr (std::is_same_v<T, std::string_view>) return v.data() == nullptr;
  else return false;
}

bool required(const char* field, const char* owner) {
  char buf[64];
  PyErr_Format(PyExc_ValueError, "field '%s' is required for %s", py_name(field, buf, sizeof buf), owner);
  return false;
}

#define KRAIT_FIELD_NAME(name)                                         \
  ([]() -> PyObject* {                                                 \
    static PyObject* s = nullptr;                                      \
    if (!s) {                                                          \
      char buf[64];                                                    \
      s = PyUnicode_InternFromString(py_name(#name, buf, sizeof buf)); \
    }                                                                  \
    return s;                                                          \
  }())

#define KRAIT_FROM_ONE(type, name) field_one(o, KRAIT_FIELD_NAME(name), owner, false, &n->name, from_##type)
#define KRAIT_FROM_OPT(type, name) field_one(o, KRAIT_FIELD_NAME(name), owner, true, &n->name, from_##type)
#define KRAIT_FROM_SEQ(type, name) field_seq(o, KRAIT_FIELD_NAME(name), owner, &n->name, from_##type)
#define KRAIT_CHECK_ONE(name) \
  if (is_required_null(n->name)) return required(#name, owner);
#define KRAIT_CHECK_OPT(name)
#define KRAIT_CHECK_SEQ(name)

// Reads the four position attributes of a sum or product type with attributes.
bool positions(PyObject* o, const char* owner, Located* loc) {
  int* dst[4] = {&loc->lineno, &loc->col_offset, &loc->end_lineno, &loc->end_col_offset};
  for (int i = 0; i < 4; i++) {
    Ref<> tmp;
    if (!lookup(o, g->names[N_lineno + i], &tmp)) return false;
    if (!tmp || tmp.get() == Py_None) {
      if (i >= 2) {
        *dst[i] = 0;
        continue;
      }
      if (!tmp) return missing(PyUnicode_AsUTF8(g->names[N_lineno + i]), owner);
    }
    if (!from_int(tmp.get(), dst[i])) return false;
  }
  return true;
}

template <class T>
void copy_loc(T* n, const Located& l) {
  if constexpr (std::is_base_of_v<Located, T>) static_cast<Located&>(*n) = l;
}

// A None in a required field is CPython's constructor ValueError ("field 'value' is
// required for Expr"), raised as soon as the field is read.
#define AST_FIELD(card, type, name)                 \
  if (!KRAIT_FROM_##card(type, name)) return false; \
  KRAIT_CHECK_##card(name)

#define AST_SUM(sum, attrs)                                                 \
  bool from_##sum(PyObject* o, sum** out) {                                 \
    if (o == Py_None) {                                                     \
      *out = nullptr;                                                       \
      return true;                                                          \
    }                                                                       \
    [[maybe_unused]] const char* sum_name = #sum;                           \
    Located loc;                                                            \
    if (std::strcmp(#attrs, "ATTRS") == 0 && !positions(o, #sum, &loc)) return false; \
    int isinst;
#define AST_CTOR(sum, Name)                                                                   \
  isinst = PyObject_IsInstance(o, reinterpret_cast<PyObject*>(g->types[C_##Name]));          \
  if (isinst < 0) return false;                                                               \
  if (isinst) {                                                                               \
    [[maybe_unused]] const char* owner = #Name;                                               \
    auto* n = A->make<Name>();                                                                \
    copy_loc(n, loc);
#define AST_CTOR_END(sum, Name) \
  *out = n;                     \
  return true;                  \
  }
#define AST_SUM_END(sum)                                                              \
  PyErr_Format(PyExc_TypeError, "expected some sort of %s, but got %R", sum_name, o); \
  return false;                                                                       \
  }
#define AST_PRODUCT(Name, attrs)                                         \
  bool from_##Name(PyObject* o, Name** out) {                            \
    [[maybe_unused]] const char* owner = #Name;                          \
    auto* n = A->make<Name>();
#define AST_PRODUCT_END(Name)                                                  \
  if constexpr (std::is_base_of_v<Located, Name>) {                            \
    Located loc;                                                               \
    if (!positions(o, owner, &loc)) return false;                              \
    copy_loc(n, loc);                                                          \
  }                                                                            \
  *out = n;                                                                    \
  return true;                                                                 \
  }
#define AST_ENUM(sum)                           \
  bool from_##sum(PyObject* o, sum* out) {      \
    int isinst;
#define AST_ENUM_VALUE(sum, Name)                                                    \
  isinst = PyObject_IsInstance(o, reinterpret_cast<PyObject*>(g->types[C_##Name])); \
  if (isinst < 0) return false;                                                      \
  if (isinst) {                                                                      \
    *out = sum::Name;                                                                \
    return true;                                                                     \
  }
#define AST_ENUM_END(sum)                                                           \
  char buf[64];                                                                     \
  PyErr_Format(PyExc_TypeError, "expected some sort of %s, but got %R", py_name(#sum, buf, sizeof buf), o); \
  return false;                                                                     \
  }
#include "parser/ast_nodes.def"

}  // namespace

bool validate(ast::mod* tree);  // ast_validate.cpp

ast::mod* from_python(PyObject* obj, ast::Arena& arena, int mode) {
  g = state();
  if (!g) return nullptr;
  A = &arena;
  static const Cls req[] = {C_Module, C_Expression, C_Interactive, C_FunctionType};
  static const char* const req_name[] = {"Module", "Expression", "Interactive", "FunctionType"};
  int isinst = PyObject_IsInstance(obj, reinterpret_cast<PyObject*>(g->types[req[mode]]));
  if (isinst < 0) return nullptr;
  if (!isinst) {
    PyErr_Format(PyExc_TypeError, "expected %s node, got %.400s", req_name[mode], _PyType_Name(Py_TYPE(obj)));
    return nullptr;
  }
  ast::mod* out = nullptr;
  if (!from_mod(obj, &out)) return nullptr;
  if (!validate(out)) return nullptr;
  return out;
}

}  // namespace krait::astmod
