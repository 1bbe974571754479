// ast_state.h — the `_ast` module's classes and the two AST conversions, shared by
// ast_types.cpp (classes, module), ast_to_py.cpp (C++ tree -> Python objects) and
// ast_from_py.cpp (Python objects -> C++ tree, with CPython's checks and validation).
//
// Every class is numbered by `Cls`, generated from parser/ast_nodes.def, so the three
// files index one table of type objects instead of naming node kinds by hand.
#pragma once
#include <Python.h>

#include "parser/ast.h"

namespace krait::astmod {

enum Cls : int {
  C_AST,
#define AST_SUM(sum, attrs) C_##sum,
#define AST_CTOR(sum, Name) C_##Name,
#define AST_PRODUCT(Name, attrs) C_##Name,
#define AST_ENUM(sum) C_##sum,
#define AST_ENUM_VALUE(sum, Name) C_##Name,
#include "parser/ast_nodes.def"
  C_COUNT
};

// Interned attribute names used by the conversions.
enum AttrName : int {
  N_lineno, N_col_offset, N_end_lineno, N_end_col_offset,
  N__fields, N__attributes, N___match_args__, N___dict__,
  N_COUNT
};

struct State {
  PyTypeObject* types[C_COUNT];   // strong references, never released
  PyObject* singletons[C_COUNT];  // instances of Load, Store, Add, ... (simple sums)
  PyObject* names[N_COUNT];
};

// The state, created on first use (by `import _ast` or compile()); NULL + exception on
// failure.
State* state();

// Python name of a class / field (the C++ spelling without a trailing underscore).
const char* py_name(const char* cxx, char* buf, size_t n);

// C++ tree -> Python objects (new reference, NULL + exception on error).
PyObject* to_python(ast::mod* tree);

// Python objects -> C++ tree in `arena`; `mode` 0 exec (Module), 1 eval (Expression),
// 2 single (Interactive), 3 func_type (FunctionType). Raises TypeError("expected Module
// node, got X") etc. and validates the tree as CPython's PyAST_Validate.
ast::mod* from_python(PyObject* obj, ast::Arena& arena, int mode);

// True if `obj` is an instance of ast.AST.
int is_ast(PyObject* obj);

}  // namespace krait::astmod

// The API builtins_exec.cpp uses.
namespace krait {
int ast_check(PyObject* obj);  // 1 if an ast.AST instance, 0 if not, -1 on error
PyObject* ast_from_source(ast::mod* tree);
ast::mod* ast_to_tree(PyObject* obj, ast::Arena& arena, int mode);
}  // namespace krait
