// symtable.h — scopes and name resolution (the compiler's first pass).
//
// One Scope per module, class, function, lambda and comprehension, keyed by
// the AST node that opens it. After the tree walk, `analyze` decides for
// every name in every scope where it lives (CPython's rules: local, cell,
// free, explicit/implicit global), so code generation only looks up answers.
#pragma once
#include <array>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "parser/ast.h"

namespace krait::compiler {

enum class ScopeKind { Module, Class, Function, Lambda, Comprehension };

// Where a name lives, as codegen needs to know.
enum class NameScope { Local, Cell, Free, GlobalExplicit, GlobalImplicit };

// Flags of one name within one scope.
enum SymFlags : unsigned {
  kDefLocal = 1,     // bound here (assignment, def, import, for target, ...)
  kDefParam = 2,     // a parameter
  kDefGlobal = 4,    // `global` statement
  kDefNonlocal = 8,  // `nonlocal` statement
  kUse = 16,         // read here
  kDefFreeClass = 32,  // free in a method of this class (for __class__)
  kDefImport = 64,
  kDefAnnot = 128,
};

struct Scope {
  ScopeKind kind;
  std::string name;
  const void* node;
  Scope* parent = nullptr;
  std::vector<Scope*> children;
  std::map<std::string, unsigned> symbols;             // flags
  std::vector<std::string> order;                      // symbols' first-seen order (_symtable)
  std::map<std::string, NameScope> resolved;           // after analysis
  std::vector<std::string> varnames;                   // parameters first, then locals in order
  bool is_generator = false, is_coroutine = false;
  bool has_varargs = false, has_varkeywords = false;
  bool needs_class_closure = false;                    // class body: make a __class__ cell
  bool child_free = false;
  std::map<std::string, std::array<int, 4>> nonlocal_at;  // first global/nonlocal directive per name
  std::map<std::string, bool> comp_iter;               // comprehension: names its `for` targets bind
  int comp_iter_expr = 0;                              // > 0 inside a comprehension's iterable
  bool comp_iter_target = false;                       // visiting a comprehension's `for` target
  int lineno = 0;

  // The flags of `n`, recording it in `order` when new (write through this, not symbols[]).
  unsigned& sym(const std::string& n) {
    auto [it, inserted] = symbols.try_emplace(n, 0u);
    if (inserted) order.push_back(n);
    return it->second;
  }

  NameScope scope_of(const std::string& n) const {
    auto it = resolved.find(n);
    if (it != resolved.end()) return it->second;
    return kind == ScopeKind::Module ? NameScope::GlobalImplicit
           : kind == ScopeKind::Class ? NameScope::GlobalImplicit
                                      : NameScope::GlobalImplicit;
  }
};

// A syntax error found during symbol analysis (e.g. "name 'x' is parameter and global").
// How deep the compiler passes recurse through an AST before raising
// RecursionError. CPython scales its recursion limit by 3 for the compiler;
// 3000 levels also stays well inside the C stack.
inline constexpr int kMaxCompileDepth = 3000;

struct SymtableError {
  std::string msg;
  bool recursion = false;  // the AST nests too deeply: RecursionError, not SyntaxError
  int lineno = 0, col = 0, end_lineno = 0, end_col = 0;
};

class SymbolTable {
 public:
  // Builds and analyzes the table; false with `error` filled on a syntax error.
  bool build(ast::Mod* mod, SymtableError& error);
  Scope* lookup(const void* node) const {
    auto it = by_node_.find(node);
    return it == by_node_.end() ? nullptr : it->second;
  }
  Scope* top() const { return top_; }

 private:
  friend class SymtableBuilder;
  std::vector<std::unique_ptr<Scope>> scopes_;
  std::unordered_map<const void*, Scope*> by_node_;
  Scope* top_ = nullptr;
};

// Mangles a private name (`__x` inside class `C` -> `_C__x`).
std::string mangle(const std::string& class_name, const std::string& name);

}  // namespace krait::compiler
