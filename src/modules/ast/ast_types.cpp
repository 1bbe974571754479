// ast_types.cpp — the `_ast` module: ast.AST and one class per ASDL type and
// constructor, generated from parser/ast_nodes.def.
//
// As in CPython 3.11, AST is a C type whose instances carry a __dict__; every other
// class is made by calling type(name, (base,), {...}) with `_fields`,
// `__match_args__`, `__module__ = 'ast'` and `__doc__` (the ASDL signature); sum and
// product types also get `_attributes`, and optional (`?`) fields and the optional
// attributes end_lineno / end_col_offset get a class-level None default, so
// `ast.Return().value` is None while `ast.Name().id` raises AttributeError.
#define PY_SSIZE_T_CLEAN  // Py_BuildValue("s#") takes Py_ssize_t lengths
#include <Python.h>

#include <cstring>
#include <string>
#include <vector>

#include "modules/ast/ast_state.h"
#include "support/ref.h"

namespace krait::astmod {
namespace {

// -- ast.AST ------------------------------------------------------------------------

struct ASTObject {
  PyObject_HEAD
  PyObject* dict;
};

int ast_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<ASTObject*>(self)->dict);
  return 0;
}

int ast_clear(PyObject* self) {
  Py_CLEAR(reinterpret_cast<ASTObject*>(self)->dict);
  return 0;
}

// AST itself is static: subtype_dealloc drops the reference of heap subclasses.
void ast_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_CLEAR(reinterpret_cast<ASTObject*>(self)->dict);
  Py_TYPE(self)->tp_free(self);
}

// AST.__init__(*args, **kwargs): positional arguments name the `_fields` in order.
int ast_init(PyObject* self, PyObject* args, PyObject* kw) {
  State* st = state();
  if (!st) return -1;
  PyObject* fields_raw = nullptr;
  if (_PyObject_LookupAttr(reinterpret_cast<PyObject*>(Py_TYPE(self)), st->names[N__fields], &fields_raw) < 0)
    return -1;
  Ref<> fields = steal(fields_raw);
  Py_ssize_t numfields = 0;
  if (fields) {
    numfields = PySequence_Size(fields.get());
    if (numfields == -1) return -1;
  }
  Py_ssize_t nargs = PyTuple_GET_SIZE(args);
  if (numfields < nargs) {
    PyErr_Format(PyExc_TypeError, "%.400s constructor takes at most %zd positional argument%s",
                 _PyType_Name(Py_TYPE(self)), numfields, numfields == 1 ? "" : "s");
    return -1;
  }
  for (Py_ssize_t i = 0; i < nargs; i++) {
    Ref<> name = steal(PySequence_GetItem(fields.get(), i));
    if (!name) return -1;
    if (PyObject_SetAttr(self, name.get(), PyTuple_GET_ITEM(args, i)) < 0) return -1;
  }
  if (kw) {
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(kw, &pos, &key, &value))
      if (PyObject_SetAttr(self, key, value) < 0) return -1;
  }
  return 0;
}

// AST.__reduce__(): (type(self), (), self.__dict__) — enough for pickle and copy.
PyObject* ast_reduce(PyObject* self, PyObject*) {
  State* st = state();
  if (!st) return nullptr;
  PyObject* dict = nullptr;
  if (_PyObject_LookupAttr(self, st->names[N___dict__], &dict) < 0) return nullptr;
  if (dict) return Py_BuildValue("O()N", Py_TYPE(self), dict);
  return Py_BuildValue("O()", Py_TYPE(self));
}

PyMethodDef ast_methods[] = {
    {"__reduce__", ast_reduce, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef ast_getset[] = {
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyTypeObject AST_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "ast.AST",
    .tp_basicsize = sizeof(ASTObject),
    .tp_dealloc = ast_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = ast_traverse,
    .tp_clear = ast_clear,
    .tp_methods = ast_methods,
    .tp_getset = ast_getset,
    .tp_dictoffset = offsetof(ASTObject, dict),
    .tp_init = ast_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
};

// -- the class table ------------------------------------------------------------------

struct FieldInfo {
  const char* name;
  const char* type;
  char card;  // ' ' one, '?' optional, '*' sequence
};

enum class Kind { Sum, Ctor, Product, Enum, EnumValue };

struct ClassInfo {
  Cls cls;
  const char* name;
  Cls base;
  Kind kind;
  bool attrs;
  std::vector<FieldInfo> fields;
};

std::vector<ClassInfo> build_table() {
  std::vector<ClassInfo> t;
#define AST_SUM(sum, attrs) \
  t.push_back({C_##sum, #sum, C_AST, Kind::Sum, std::strcmp(#attrs, "ATTRS") == 0, {}});
#define AST_CTOR(sum, Name) t.push_back({C_##Name, #Name, C_##sum, Kind::Ctor, false, {}});
#define AST_FIELD(card, type, name) \
  t.back().fields.push_back({#name, #type, std::strcmp(#card, "ONE") == 0 ? ' ' : std::strcmp(#card, "OPT") == 0 ? '?' : '*'});
#define AST_PRODUCT(Name, attrs) \
  t.push_back({C_##Name, #Name, C_AST, Kind::Product, std::strcmp(#attrs, "ATTRS") == 0, {}});
#define AST_ENUM(sum) t.push_back({C_##sum, #sum, C_AST, Kind::Enum, false, {}});
#define AST_ENUM_VALUE(sum, Name) t.push_back({C_##Name, #Name, C_##sum, Kind::EnumValue, false, {}});
#include "parser/ast_nodes.def"
  return t;
}

// "Name(type? field, ...)" as the ASDL declares the constructor.
std::string signature(const ClassInfo& c) {
  char buf[64];
  std::string s = py_name(c.name, buf, sizeof buf);
  if (c.fields.empty()) return s;
  s += '(';
  for (size_t i = 0; i < c.fields.size(); i++) {
    if (i) s += ", ";
    s += py_name(c.fields[i].type, buf, sizeof buf);
    if (c.fields[i].card != ' ') s += c.fields[i].card;
    s += ' ';
    s += py_name(c.fields[i].name, buf, sizeof buf);
  }
  s += ')';
  return s;
}

// The doc of a sum type: "sum = A(...)\n    | B(...)" (simple sums on one line).
std::string sum_doc(const std::vector<ClassInfo>& t, const ClassInfo& sum) {
  char buf[64];
  std::string name = py_name(sum.name, buf, sizeof buf);
  std::string s = name + " = ";
  bool first = true;
  for (const ClassInfo& c : t) {
    if (c.base != sum.cls || (c.kind != Kind::Ctor && c.kind != Kind::EnumValue)) continue;
    if (!first) s += sum.kind == Kind::Enum ? " | " : "\n" + std::string(name.size() + 1, ' ') + "| ";
    first = false;
    s += signature(c);
  }
  return s;
}

PyObject* tuple_of_names(const std::vector<FieldInfo>& f) {
  PyObject* t = PyTuple_New(static_cast<Py_ssize_t>(f.size()));
  if (!t) return nullptr;
  char buf[64];
  for (size_t i = 0; i < f.size(); i++) {
    PyObject* s = PyUnicode_InternFromString(py_name(f[i].name, buf, sizeof buf));
    if (!s) {
      Py_DECREF(t);
      return nullptr;
    }
    PyTuple_SET_ITEM(t, static_cast<Py_ssize_t>(i), s);
  }
  return t;
}

State* g_state = nullptr;

State* make_state() {
  if (PyType_Ready(&AST_Type) < 0) return nullptr;
  auto* st = new State{};
  static const char* const attr_names[N_COUNT] = {"lineno",      "col_offset",  "end_lineno",
                                                  "end_col_offset", "_fields", "_attributes",
                                                  "__match_args__", "__dict__"};
  for (int i = 0; i < N_COUNT; i++) {
    st->names[i] = PyUnicode_InternFromString(attr_names[i]);
    if (!st->names[i]) return nullptr;
  }
  Ref<> empty = steal(PyTuple_New(0));
  if (!empty) return nullptr;
  PyObject* tpdict = AST_Type.tp_dict;
  if (PyDict_SetItem(tpdict, st->names[N__fields], empty.get()) < 0 ||
      PyDict_SetItem(tpdict, st->names[N___match_args__], empty.get()) < 0 ||
      PyDict_SetItem(tpdict, st->names[N__attributes], empty.get()) < 0)
    return nullptr;
  PyType_Modified(&AST_Type);
  Py_INCREF(&AST_Type);
  st->types[C_AST] = &AST_Type;

  Ref<> attrs = steal(Py_BuildValue("(ssss)", "lineno", "col_offset", "end_lineno", "end_col_offset"));
  if (!attrs) return nullptr;
  std::vector<ClassInfo> table = build_table();
  char buf[64];
  for (const ClassInfo& c : table) {
    Ref<> fields = steal(tuple_of_names(c.fields));
    if (!fields) return nullptr;
    std::string doc = c.kind == Kind::Sum || c.kind == Kind::Enum ? sum_doc(table, c) : signature(c);
    Ref<> ns = steal(Py_BuildValue("{sOsOssss#}", "_fields", fields.get(), "__match_args__", fields.get(),
                                   "__module__", "ast", "__doc__", doc.data(),
                                   static_cast<Py_ssize_t>(doc.size())));
    if (!ns) return nullptr;
    if (c.kind == Kind::Sum || c.kind == Kind::Product || c.kind == Kind::Enum) {
      if (PyDict_SetItemString(ns.get(), "_attributes", c.attrs ? attrs.get() : empty.get()) < 0) return nullptr;
      if (c.attrs && (PyDict_SetItemString(ns.get(), "end_lineno", Py_None) < 0 ||
                      PyDict_SetItemString(ns.get(), "end_col_offset", Py_None) < 0))
        return nullptr;
    }
    for (const FieldInfo& f : c.fields)
      if (f.card == '?' && PyDict_SetItemString(ns.get(), py_name(f.name, buf, sizeof buf), Py_None) < 0)
        return nullptr;
    PyObject* base = reinterpret_cast<PyObject*>(st->types[c.base]);
    PyObject* tp = PyObject_CallFunction(reinterpret_cast<PyObject*>(&PyType_Type), "s(O)O",
                                         py_name(c.name, buf, sizeof buf), base, ns.get());
    if (!tp) return nullptr;
    st->types[c.cls] = reinterpret_cast<PyTypeObject*>(tp);
    if (c.kind == Kind::EnumValue) {
      st->singletons[c.cls] = PyType_GenericNew(st->types[c.cls], nullptr, nullptr);
      if (!st->singletons[c.cls]) return nullptr;
    }
  }
  return st;
}

int ast_exec(PyObject* m) {
  State* st = state();
  if (!st) return -1;
  for (int i = 0; i < C_COUNT; i++) {
    PyTypeObject* tp = st->types[i];
    if (PyModule_AddObjectRef(m, _PyType_Name(tp), reinterpret_cast<PyObject*>(tp)) < 0) return -1;
  }
  if (PyModule_AddIntConstant(m, "PyCF_ALLOW_TOP_LEVEL_AWAIT", PyCF_ALLOW_TOP_LEVEL_AWAIT) < 0 ||
      PyModule_AddIntConstant(m, "PyCF_ONLY_AST", PyCF_ONLY_AST) < 0 ||
      PyModule_AddIntConstant(m, "PyCF_TYPE_COMMENTS", PyCF_TYPE_COMMENTS) < 0)
    return -1;
  return 0;
}

PyModuleDef ast_module = {
    PyModuleDef_HEAD_INIT, "_ast", nullptr, 0, nullptr, nullptr, nullptr, nullptr, nullptr,
};

}  // namespace

const char* py_name(const char* cxx, char* buf, size_t n) {
  size_t len = std::strlen(cxx);
  if (!len || cxx[len - 1] != '_' || len >= n) return cxx;
  std::memcpy(buf, cxx, len - 1);
  buf[len - 1] = '\0';
  return buf;
}

State* state() {
  if (!g_state) g_state = make_state();
  return g_state;
}

int is_ast(PyObject* obj) { return PyObject_IsInstance(obj, reinterpret_cast<PyObject*>(&AST_Type)); }

}  // namespace krait::astmod

namespace krait {
int ast_check(PyObject* obj) {
  if (!astmod::state()) return -1;
  return astmod::is_ast(obj);
}
PyObject* ast_from_source(ast::mod* tree) { return astmod::to_python(tree); }
ast::mod* ast_to_tree(PyObject* obj, ast::Arena& arena, int mode) { return astmod::from_python(obj, arena, mode); }
}  // namespace krait

PyMODINIT_FUNC PyInit__ast() {
  PyObject* m = PyModule_Create(&krait::astmod::ast_module);
  if (!m) return nullptr;
  if (krait::astmod::ast_exec(m) < 0) {
    Py_DECREF(m);
    return nullptr;
  }
  return m;
}
