// codegen.h — internal: the code generator's state (shared by codegen.cpp,
// codegen_expr.cpp and assembler.cpp).
//
// Codegen emits a flat list of Instr per code object ("unit"). Jumps refer
// to labels; protected regions are opened and closed with the pseudo
// instructions SETUP_* / POP_BLOCK, and every emitted instruction is tagged
// with the label of the innermost active handler, so the assembler can build
// the exception table without a separate block-stack simulation.
#pragma once
#include <Python.h>

#include <map>
#include <string>
#include <vector>

#include "bytecode/code.h"
#include "compiler/compiler.h"
#include "compiler/symtable.h"

namespace krait::compiler {

using bytecode::Op;
using bytecode::Position;

struct Instr {
  Op op;
  uint32_t arg;
  int label;    // jump target label, or -1
  int handler;  // label of the innermost handler covering it, or -1
  Position pos;
};

// Frame blocks: what `break`, `continue` and `return` must unwind.
enum class FBlock { WhileLoop, ForLoop, TryExcept, FinallyTry, FinallyEnd, With, AsyncWith, HandlerCleanup, ExceptStarHandler,
                    ExceptionHandler, PopValue };
struct FBlockInfo {
  FBlock kind;
  int head = -1, exit = -1;  // loop labels
  const ast::Seq<ast::stmt*>* finalbody = nullptr;
  std::string name;  // HandlerCleanup: the bound name
};

struct Unit {
  Scope* scope = nullptr;
  std::vector<Instr> code;
  std::vector<int> labels;         // label -> instruction index (-1 until placed)
  Ref<> consts;                    // list
  Ref<> const_index;               // dict: constant key -> index
  std::map<std::string, int> names;
  std::vector<std::string> names_order;
  std::map<std::string, int> varnames;
  std::vector<std::string> varnames_order;
  std::vector<std::string> cellvars, freevars;  // sorted
  std::vector<FBlockInfo> fblocks;
  std::vector<std::pair<int, Op>> handlers;      // active handler labels
  std::string name, qualname;
  int firstlineno = 1, argcount = 0, posonlyargcount = 0, kwonlyargcount = 0;
  Position pos;                    // current source position
  bool in_class_body() const { return scope->kind == ScopeKind::Class; }
};

// State of one pattern being compiled (codegen_match.cpp).
struct PatternCtx {
  std::vector<std::string> stores;  // captured names; their values wait on the stack
  std::vector<int> fail_pop;        // fail_pop[n]: pop n items, then fail
  bool allow_irrefutable = false;
  int on_top = 0;                   // work items above the captures
};

class Codegen;

class Codegen {
 public:
  Codegen(SymbolTable& st, PyObject* filename, int optimize, int future_flags = 0)
      : st_(st), filename_(filename), optimize_(optimize), future_flags_(future_flags) {}
  Ref<PyCodeObject> module(ast::Mod* mod, Mode mode);

  // Error state: the first syntax error found during codegen.
  bool failed() const { return failed_; }
  void restore_error();  // re-raises the first error found

 private:
  friend struct LocGuard;
  SymbolTable& st_;
  PyObject* filename_;
  int optimize_;
  int future_flags_;  // CO_FUTURE_* in force (PEP 563: CO_FUTURE_ANNOTATIONS)
  bool future_annotations() const { return (future_flags_ & CO_FUTURE_ANNOTATIONS) != 0; }
  void scan_future_imports(const ast::Seq<ast::stmt*>& body);
  void load_annotation(ast::expr* annotation);
  Ref<> annotation_text(ast::expr* annotation);
  std::vector<Unit*> units_;
  Unit* u_ = nullptr;
  bool failed_ = false;
  // Nesting of visit_expr/statement: deep ASTs raise RecursionError instead of
  // overflowing the C stack (CPython: "maximum recursion depth exceeded
  // during compilation").
  int depth_ = 0;
  void recursion_error();
  bool interactive_ = false;  // 'single' mode: expression statements print their value
  PyObject *err_type_ = nullptr, *err_value_ = nullptr, *err_tb_ = nullptr;
  std::vector<std::string> class_names_;
  // Line of the last future statement at the top of the module (-1: none), as
  // CPython's ff_lineno: a `from __future__` import after it is an error.
  int future_lineno_ = -1;
  bool check_future(const ast::Seq<ast::stmt*>& body);
  void located_error(const char* msg, int lineno, int offset);

  // -- units -----------------------------------------------------------------------
  void enter_unit(Scope* scope, std::string name, int firstlineno);
  Ref<PyCodeObject> leave_unit();  // assembles and pops
  std::string qualname_for(const std::string& name, Scope* scope);

  // -- emission ----------------------------------------------------------------------
  int new_label();
  void place(int label);
  void emit(Op op, uint32_t arg = 0);
  void emit_jump(Op op, int label);
  int add_const(PyObject* v);  // borrowed
  int add_const_steal(PyObject* v);
  int add_name(const std::string& n);
  int varname_index(const std::string& n);
  int deref_index(const std::string& n);
  void load_const(PyObject* v) { emit(Op::LOAD_CONST, static_cast<uint32_t>(add_const(v))); }
  void load_none() { load_const(Py_None); }
  bool last_is_terminal() const;
  void error(const std::string& msg, const ast::Located* at);
  // Compile-time SyntaxWarnings (codegen_warn.cpp); false when compilation must stop.
  bool warn(const std::string& msg, const ast::Located* at);
  Ref<> folded_constant(ast::expr* e);  // null (no error) if not a constant expression
  bool check_compare(ast::Compare* c);
  bool check_caller(ast::Call* c);
  bool check_subscript(ast::Subscript* s);
  std::string mangled(std::string_view n) const;

  // -- statements (codegen.cpp) --------------------------------------------------------
  void body(const ast::Seq<ast::stmt*>& stmts);
  void statement(ast::stmt* s);
  void function_def(ast::stmt* s, std::string_view name, ast::arguments* args,
                    const ast::Seq<ast::stmt*>& body, const ast::Seq<ast::expr*>& decorators,
                    ast::expr* returns, bool is_async);
  void class_def(ast::ClassDef* c);
  void if_stmt(ast::If* s);
  void while_stmt(ast::While* s);
  void for_stmt(ast::For* s);
  void try_stmt(ast::Try* s);
  void try_except(ast::Try* s);
  void try_finally(ast::Try* s);
  void try_except_star(ast::Try* s);
  bool leaves_except_star(bool stop_at_loop) const;
  void with_stmt(ast::With* s, size_t item);
  void async_with_stmt(ast::AsyncWith* s, size_t item);
  void async_for_stmt(ast::AsyncFor* s);
  void await_tos(uint32_t kind);
  bool in_async_context() const;
  void raise_stmt(ast::Raise* s);
  void assert_stmt(ast::Assert* s);
  void import_stmt(ast::Import* s);
  void import_from(ast::ImportFrom* s);
  void return_stmt(ast::Return* s);
  void break_continue(ast::stmt* s, bool is_break);
  void unwind_fblock(const FBlockInfo& b, bool preserve_tos);
  bool unwind_fblock_stack(bool preserve_tos, FBlockInfo* loop_out);
  void delete_target(ast::expr* e);
  void aug_assign(ast::AugAssign* s);
  void ann_assign(ast::AnnAssign* s);
  void push_handler(Op setup, int label);
  void pop_handler();
  void make_closure(PyCodeObject* co, uint32_t flags);
  int default_args(ast::arguments* args);
  void bind_docstring_and_body(const ast::Seq<ast::stmt*>& stmts, bool is_function);

  // -- expressions (codegen_expr.cpp) -------------------------------------------------------
  void visit_expr(ast::expr* e);
  void name_op(std::string_view raw, ast::expr_context ctx);
  void store(ast::expr* target);
  void unpack_store(const ast::Seq<ast::expr*>& elts, const ast::Located* at);
  void jump_if(ast::expr* e, bool cond, int label);
  void compare(ast::Compare* c);
  void call(ast::Call* c);
  void match_attr_start(const ast::Attribute* a);
  void call_helper(int n_already, const ast::Seq<ast::expr*>& args,
                   const ast::Seq<ast::keyword*>& keywords);
  bool has_starred(const ast::Seq<ast::expr*>& es) const;
  void starunpack(const ast::Seq<ast::expr*>& elts, Op build, Op extend, bool tuple_result);
  void dict(ast::Dict* d);
  void comprehension(ast::expr* e, const ast::Seq<ast::comprehension*>& gens, ast::expr* elt,
                     ast::expr* value);
  void comprehension_loop(const ast::Seq<ast::comprehension*>& gens, size_t i, ast::expr* elt,
                          ast::expr* value, int kind, int depth);
  void lambda(ast::Lambda* l);
  void yield_from_loop();

  // -- match (codegen_match.cpp) -----------------------------------------------------------
  void match_stmt(ast::Match* s);
  bool compile_pattern(ast::pattern* p, PatternCtx& pc);
  bool subpattern(ast::pattern* p, PatternCtx& pc);
  bool sequence_pattern(ast::MatchSequence* p, PatternCtx& pc);
  bool mapping_pattern(ast::MatchMapping* p, PatternCtx& pc);
  bool class_pattern(ast::MatchClass* p, PatternCtx& pc);
  bool or_pattern(ast::MatchOr* p, PatternCtx& pc);
  bool store_capture(PatternCtx& pc, std::string_view name, const ast::Located* at);
  void rotate(int count);
  void ensure_fail_pop(PatternCtx& pc, size_t n);
  void jump_to_fail_pop(PatternCtx& pc, Op op);
  void emit_and_reset_fail_pop(PatternCtx& pc);
  bool check_yield_context(ast::expr* e);
  void joined_str(ast::JoinedStr* j);
  void formatted_value(ast::FormattedValue* f);
  void subscript(ast::Subscript* s);
  void slice(ast::Slice* s);
  void boolop(ast::BoolOp* b);
  Ref<> constant(const ast::ConstantValue& v);
  Ref<> pattern_key_value(ast::expr* k);

  friend Ref<PyCodeObject> assemble(Codegen&, Unit&, PyObject*);
  friend struct DepthGuard;
};

struct DepthGuard {
  Codegen* cg;
  bool deep;
  explicit DepthGuard(Codegen* c);
  ~DepthGuard();
  bool too_deep() const { return deep; }
};


// RAII: sets the current source position to a node's span for the instructions
// emitted while it lives (CPython attributes each instruction to the innermost
// expression or statement being compiled).
struct LocGuard {
  Unit* u;
  Position saved;
  LocGuard(Unit* unit, const ast::Located* n) : u(unit), saved(unit->pos) {
    u->pos = Position{n->lineno, n->end_lineno, n->col_offset, n->end_col_offset};
  }
  ~LocGuard() { u->pos = saved; }
};

// Builds the code object from a finished unit (assembler.cpp).
Ref<PyCodeObject> assemble_unit(Unit& u, PyObject* filename, int flags);

}  // namespace krait::compiler
