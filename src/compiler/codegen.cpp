// codegen.cpp — code generation for units and statements.
//
// Control-flow shapes follow CPython 3.11's (exception-table handlers,
// PUSH_EXC_INFO/POP_EXCEPT around except bodies, finally bodies duplicated
// on the normal and the exceptional path); they are written out in
// docs/internals/compiler.md. Expressions live in codegen_expr.cpp.
#define PY_SSIZE_T_CLEAN  // '#' lengths are Py_ssize_t (else 3.11 warns)
#include "runtime/config.h"
#include "compiler/codegen.h"
#include "compiler/unparse.h"

#include <algorithm>

namespace krait::compiler {

using namespace krait::ast;

// -- Units -------------------------------------------------------------------------------

void Codegen::enter_unit(Scope* scope, std::string name, int firstlineno) {
  auto* u = new Unit();
  u->scope = scope;
  u->consts = steal(PyList_New(0));
  u->const_index = steal(PyDict_New());
  u->name = std::move(name);
  u->firstlineno = firstlineno;
  u->pos = Position{firstlineno, firstlineno, -1, -1};
  for (auto& [n, r] : scope->resolved) {
    if (r == NameScope::Cell) u->cellvars.push_back(n);
    if (r == NameScope::Free) u->freevars.push_back(n);
  }
  if (scope->kind == ScopeKind::Class) {
    for (auto& [n, f] : scope->symbols)
      if (f & kDefFreeClass) u->freevars.push_back(n);
    if (scope->needs_class_closure) u->cellvars.push_back("__class__");
  }
  std::sort(u->cellvars.begin(), u->cellvars.end());
  std::sort(u->freevars.begin(), u->freevars.end());
  units_.push_back(u);
  if (u_) u->qualname = qualname_for(u->name, scope);
  else u->qualname = u->name;
  u_ = u;
  // Parameters take the first local slots (varname_index works on u_).
  for (const std::string& v : scope->varnames) varname_index(v);
  // Prologue: cells for cell variables, then the closure copied into free slots.
  for (size_t i = 0; i < u->cellvars.size(); i++) emit(Op::MAKE_CELL, static_cast<uint32_t>(i));
  if (!u->freevars.empty()) emit(Op::COPY_FREE_VARS, static_cast<uint32_t>(u->freevars.size()));
}

std::string Codegen::qualname_for(const std::string& name, Scope* scope) {
  // `u_` is the parent unit here (the new one is not yet current).
  Unit* parent = units_.size() >= 2 ? units_[units_.size() - 2] : nullptr;
  if (!parent || parent->scope->kind == ScopeKind::Module) return name;
  std::string mname = mangle(class_names_.empty() ? "" : class_names_.back(), name);
  if (scope->kind != ScopeKind::Comprehension && parent->scope->resolved.count(mname) &&
      parent->scope->resolved[mname] == NameScope::GlobalExplicit)
    return name;
  if (parent->scope->kind == ScopeKind::Function || parent->scope->kind == ScopeKind::Lambda ||
      parent->scope->kind == ScopeKind::Comprehension)
    return parent->qualname + ".<locals>." + name;
  return parent->qualname + "." + name;
}

Ref<PyCodeObject> Codegen::leave_unit() {
  Unit* u = u_;
  int flags = 0;
  Scope* s = u->scope;
  if (s->kind == ScopeKind::Function || s->kind == ScopeKind::Lambda ||
      s->kind == ScopeKind::Comprehension) {
    flags |= CO_OPTIMIZED | CO_NEWLOCALS;
    if (s->parent && s->parent->kind != ScopeKind::Module) flags |= CO_NESTED;
    if (s->has_varargs) flags |= CO_VARARGS;
    if (s->has_varkeywords) flags |= CO_VARKEYWORDS;
    if (s->is_generator && s->is_coroutine) flags |= CO_ASYNC_GENERATOR;
    else if (s->is_generator) flags |= CO_GENERATOR;
    else if (s->is_coroutine) flags |= CO_COROUTINE;
  }
  flags |= future_flags_;
  Ref<PyCodeObject> co = failed_ ? nullptr : assemble_unit(*u, filename_, flags);
  units_.pop_back();
  delete u;
  u_ = units_.empty() ? nullptr : units_.back();
  if (!co && !PyErr_Occurred() && !failed_) PyErr_NoMemory();
  return co;
}

// The future statements a module starts with (after its docstring): only `annotations`
// changes code generation in 3.11 (the others are mandatory or, like barry_as_FLUFL, the
// parser's business).
void Codegen::scan_future_imports(const Seq<stmt*>& body) {
  size_t i = 0;
  if (!body.empty()) {
    auto* e = as<Expr>(body[0]);
    auto* c = e ? as<Constant>(e->value) : nullptr;
    if (c && c->value.kind == ConstantKind::Str) i = 1;
  }
  for (; i < body.size(); i++) {
    auto* f = as<ImportFrom>(body[i]);
    if (!f || !f->module.data() || f->module != "__future__") break;
    for (alias* a : f->names)
      if (a->name == "annotations") future_flags_ |= CO_FUTURE_ANNOTATIONS;
  }
}

// An annotation's value: evaluated, or under PEP 563 its source text.
void Codegen::load_annotation(expr* annotation) {
  if (!future_annotations()) {
    visit_expr(annotation);
    return;
  }
  Ref<> text = annotation_text(annotation);
  if (text) load_const(text.obj());
}

// PEP 563's text of an annotation; null after reporting the yield, await or walrus CPython's
// symtable refuses there (under the future import only: evaluated annotations may hold them).
Ref<> Codegen::annotation_text(expr* annotation) {
  const expr* bad = nullptr;
  const char* what = nullptr;
  Ref<> text = unparse_annotation(annotation, &bad, &what);
  if (!text) {
    failed_ = true;
    return nullptr;
  }
  if (bad) {
    error(std::string("'") + what + "' can not be used within an annotation", const_cast<expr*>(bad));
    return nullptr;
  }
  return text;
}

Ref<PyCodeObject> Codegen::module(Mod* mod, Mode mode) {
  if (auto* m = as<Module>(mod)) scan_future_imports(m->body);
  if (auto* i = as<Interactive>(mod)) scan_future_imports(i->body);
  enter_unit(st_.top(), "<module>", 1);
  if (auto* m = as<Module>(mod)) {
    if (!check_future(m->body)) return nullptr;
    if (!m->body.empty()) u_->pos = Position{m->body[0]->lineno, m->body[0]->lineno, -1, -1};
    bind_docstring_and_body(m->body, false);
    load_none();
    emit(Op::RETURN_VALUE);
  } else if (auto* e = as<Expression>(mod)) {
    visit_expr(e->body);
    emit(Op::RETURN_VALUE);
  } else if (auto* i = as<Interactive>(mod)) {
    if (!check_future(i->body)) return nullptr;
    interactive_ = true;
    body(i->body);
    load_none();
    emit(Op::RETURN_VALUE);
  }
  return leave_unit();
}

// -- Emission -------------------------------------------------------------------------------

int Codegen::new_label() {
  u_->labels.push_back(-1);
  return static_cast<int>(u_->labels.size() - 1);
}
void Codegen::place(int label) { u_->labels[static_cast<size_t>(label)] = static_cast<int>(u_->code.size()); }

void Codegen::emit(Op op, uint32_t arg) {
  int handler = u_->handlers.empty() ? -1 : u_->handlers.back().first;
  u_->code.push_back(Instr{op, arg, -1, handler, u_->pos});
}
void Codegen::emit_jump(Op op, int label) {
  emit(op, 0);
  u_->code.back().label = label;
}

bool Codegen::last_is_terminal() const {
  if (u_->code.empty()) return false;
  // A label placed after the last instruction makes the end reachable.
  int end = static_cast<int>(u_->code.size());
  for (int l : u_->labels)
    if (l == end) return false;
  return bytecode::info(u_->code.back().op).flags & bytecode::F_NOFALL;
}

int Codegen::add_const(PyObject* v) {
  // Key: (type, value) so 1, 1.0 and True stay distinct; floats also keyed by
  // their bits so 0.0 and -0.0 do too. Code objects are never merged.
  Ref<> key;
  if (PyFloat_CheckExact(v)) {
    double d = PyFloat_AS_DOUBLE(v);
    Ref<> bits = steal(PyBytes_FromStringAndSize(reinterpret_cast<const char*>(&d), sizeof d));
    key = bits ? steal(PyTuple_Pack(2, reinterpret_cast<PyObject*>(Py_TYPE(v)), bits.obj())) : nullptr;
  } else if (PyCode_Check(v) || PyComplex_Check(v) || PyTuple_Check(v) || PyFrozenSet_Check(v)) {
    key = steal(PyLong_FromVoidPtr(v));
  } else {
    key = steal(PyTuple_Pack(2, reinterpret_cast<PyObject*>(Py_TYPE(v)), v));
  }
  if (!key) {
    failed_ = true;
    return 0;
  }
  PyObject* idx = PyDict_GetItemWithError(u_->const_index.obj(), key.obj());
  if (idx) return static_cast<int>(PyLong_AsLong(idx));
  PyErr_Clear();  // unhashable constants are simply not merged
  Py_ssize_t n = PyList_GET_SIZE(u_->consts.obj());
  if (PyList_Append(u_->consts.obj(), v) < 0) {
    failed_ = true;
    return 0;
  }
  Ref<> ni = steal(PyLong_FromSsize_t(n));
  if (ni) PyDict_SetItem(u_->const_index.obj(), key.obj(), ni.obj());
  return static_cast<int>(n);
}
int Codegen::add_const_steal(PyObject* v) {
  if (!v) {
    failed_ = true;
    return 0;
  }
  int i = add_const(v);
  Py_DECREF(v);
  return i;
}

int Codegen::add_name(const std::string& n) {
  auto it = u_->names.find(n);
  if (it != u_->names.end()) return it->second;
  int i = static_cast<int>(u_->names_order.size());
  u_->names[n] = i;
  u_->names_order.push_back(n);
  return i;
}

int Codegen::varname_index(const std::string& n) {
  auto it = u_->varnames.find(n);
  if (it != u_->varnames.end()) return it->second;
  int i = static_cast<int>(u_->varnames_order.size());
  u_->varnames[n] = i;
  u_->varnames_order.push_back(n);
  return i;
}

// Deref operands index cellvars then freevars; the assembler maps them to
// localsplus slots once all plain locals are known.
int Codegen::deref_index(const std::string& n) {
  auto c = std::find(u_->cellvars.begin(), u_->cellvars.end(), n);
  if (c != u_->cellvars.end()) return static_cast<int>(c - u_->cellvars.begin());
  auto f = std::find(u_->freevars.begin(), u_->freevars.end(), n);
  if (f != u_->freevars.end()) return static_cast<int>(u_->cellvars.size() + (f - u_->freevars.begin()));
  error("internal compiler error: no cell for '" + n + "'", nullptr);
  return 0;
}

void Codegen::error(const std::string& msg, const Located* at) {
  if (failed_) return;
  failed_ = true;
  Position p = at ? Position{at->lineno, at->end_lineno, at->col_offset, at->end_col_offset} : u_->pos;
  raise_syntax_error("SyntaxError", msg, filename_, {}, p.line, p.col, p.end_line, p.end_col);
  // Kept aside until compilation unwinds: later C-API calls (dict lookups
  // while emitting constants) may clear a pending exception.
  PyErr_Fetch(&err_type_, &err_value_, &err_tb_);
  PyErr_NormalizeException(&err_type_, &err_value_, &err_tb_);
  // Like CPython's compiler errors: the text line is read from the file.
  if (err_value_ && filename_ && p.line > 0) {
    PyObject* text = PyErr_ProgramTextObject(filename_, p.line);
    if (text) {
      PyObject_SetAttrString(err_value_, "text", text);
      Py_DECREF(text);
    }
    PyErr_Clear();
  }
}

DepthGuard::DepthGuard(Codegen* c) : cg(c), deep(++c->depth_ > kMaxCompileDepth) {
  if (deep) c->recursion_error();
}
DepthGuard::~DepthGuard() { --cg->depth_; }

void Codegen::recursion_error() {
  if (failed_) return;
  failed_ = true;
  PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded during compilation");
  PyErr_Fetch(&err_type_, &err_value_, &err_tb_);
  PyErr_NormalizeException(&err_type_, &err_value_, &err_tb_);
}

void Codegen::restore_error() {
  if (err_type_) PyErr_Restore(err_type_, err_value_, err_tb_);
  err_type_ = err_value_ = err_tb_ = nullptr;
}

std::string Codegen::mangled(std::string_view n) const {
  return mangle(class_names_.empty() ? std::string() : class_names_.back(), std::string(n));
}

void Codegen::push_handler(Op setup, int label) {
  emit_jump(setup, label);
  u_->handlers.emplace_back(label, setup);
}
void Codegen::pop_handler() {
  u_->handlers.pop_back();
  emit(Op::POP_BLOCK);
}

// -- Statements -------------------------------------------------------------------------------

void Codegen::body(const Seq<stmt*>& stmts) {
  for (stmt* s : stmts) {
    statement(s);
    if (failed_) return;
  }
}

static expr* docstring_of(const Seq<stmt*>& stmts) {
  if (stmts.empty()) return nullptr;
  auto* e = as<Expr>(stmts[0]);
  if (!e) return nullptr;
  auto* c = as<Constant>(e->value);
  if (!c || c->value.kind != ConstantKind::Str) return nullptr;
  return c;
}

// Does a module or class body annotate a simple target anywhere that shares
// its namespace (nested blocks, not nested functions or classes)? Then it
// needs its own __annotations__ dict (SETUP_ANNOTATIONS), as in CPython.
static bool find_ann(const Seq<stmt*>& stmts) {
  for (stmt* st : stmts) {
    bool res = false;
    switch (st->kind) {
      case stmt_kind::AnnAssign: return true;
      case stmt_kind::For: {
        auto* f = static_cast<For*>(st);
        res = find_ann(f->body) || find_ann(f->orelse);
        break;
      }
      case stmt_kind::AsyncFor: {
        auto* f = static_cast<AsyncFor*>(st);
        res = find_ann(f->body) || find_ann(f->orelse);
        break;
      }
      case stmt_kind::While: {
        auto* w = static_cast<While*>(st);
        res = find_ann(w->body) || find_ann(w->orelse);
        break;
      }
      case stmt_kind::If: {
        auto* i = static_cast<If*>(st);
        res = find_ann(i->body) || find_ann(i->orelse);
        break;
      }
      case stmt_kind::With: res = find_ann(static_cast<With*>(st)->body); break;
      case stmt_kind::AsyncWith: res = find_ann(static_cast<AsyncWith*>(st)->body); break;
      case stmt_kind::Try:
      case stmt_kind::TryStar: {
        const Seq<stmt*>& body = st->kind == stmt_kind::Try ? static_cast<Try*>(st)->body
                                                             : static_cast<TryStar*>(st)->body;
        const Seq<excepthandler*>& handlers = st->kind == stmt_kind::Try
                                                  ? static_cast<Try*>(st)->handlers
                                                  : static_cast<TryStar*>(st)->handlers;
        const Seq<stmt*>& orelse = st->kind == stmt_kind::Try ? static_cast<Try*>(st)->orelse
                                                               : static_cast<TryStar*>(st)->orelse;
        const Seq<stmt*>& finalbody = st->kind == stmt_kind::Try
                                          ? static_cast<Try*>(st)->finalbody
                                          : static_cast<TryStar*>(st)->finalbody;
        for (excepthandler* h : handlers) {
          if (find_ann(static_cast<ExceptHandler*>(h)->body)) return true;
        }
        res = find_ann(body) || find_ann(finalbody) || find_ann(orelse);
        break;
      }
      case stmt_kind::Match:
        for (match_case* c : static_cast<Match*>(st)->cases) {
          if (find_ann(c->body)) return true;
        }
        break;
      default:
        break;
    }
    if (res) return true;
  }
  return false;
}

void Codegen::bind_docstring_and_body(const Seq<stmt*>& stmts, bool is_function) {
  if (!is_function && find_ann(stmts)) emit(Op::SETUP_ANNOTATIONS);
  expr* doc = optimize_ < 2 ? docstring_of(stmts) : nullptr;
  size_t start = 0;
  if (doc && !is_function) {
    LocGuard g(u_, stmts[0]);
    visit_expr(doc);
    name_op("__doc__", expr_context::Store);
    start = 1;
  } else if (doc) {
    start = 1;
  }
  for (size_t i = start; i < stmts.size() && !failed_; i++) statement(stmts[i]);
}

void Codegen::statement(stmt* s) {
  DepthGuard depth(this);
  if (depth.too_deep()) return;
  LocGuard g(u_, s);
  switch (s->kind) {
    case stmt_kind::FunctionDef: {
      auto* f = static_cast<FunctionDef*>(s);
      function_def(s, f->name, f->args, f->body, f->decorator_list, f->returns, false);
      break;
    }
    case stmt_kind::AsyncFunctionDef: {
      auto* f = static_cast<AsyncFunctionDef*>(s);
      function_def(s, f->name, f->args, f->body, f->decorator_list, f->returns, true);
      break;
    }
    case stmt_kind::ClassDef: class_def(static_cast<ClassDef*>(s)); break;
    case stmt_kind::Return: return_stmt(static_cast<Return*>(s)); break;
    case stmt_kind::Delete:
      for (expr* t : static_cast<Delete*>(s)->targets) delete_target(t);
      break;
    case stmt_kind::Assign: {
      auto* a = static_cast<Assign*>(s);
      visit_expr(a->value);
      for (size_t i = 0; i < a->targets.size(); i++) {
        if (i + 1 < a->targets.size()) emit(Op::COPY, 1);
        store(a->targets[i]);
      }
      break;
    }
    case stmt_kind::AugAssign: aug_assign(static_cast<AugAssign*>(s)); break;
    case stmt_kind::AnnAssign: ann_assign(static_cast<AnnAssign*>(s)); break;
    case stmt_kind::For: for_stmt(static_cast<For*>(s)); break;
    case stmt_kind::While: while_stmt(static_cast<While*>(s)); break;
    case stmt_kind::If: if_stmt(static_cast<If*>(s)); break;
    case stmt_kind::With: with_stmt(static_cast<With*>(s), 0); break;
    case stmt_kind::AsyncWith: async_with_stmt(static_cast<AsyncWith*>(s), 0); break;
    case stmt_kind::AsyncFor: async_for_stmt(static_cast<AsyncFor*>(s)); break;
    case stmt_kind::Match: match_stmt(static_cast<Match*>(s)); break;
    case stmt_kind::Raise: raise_stmt(static_cast<Raise*>(s)); break;
    case stmt_kind::Try: try_stmt(static_cast<Try*>(s)); break;
    case stmt_kind::TryStar: {
      // Try and TryStar have the same fields; the try/finally part is shared.
      static_assert(offsetof(Try, body) == offsetof(TryStar, body) &&
                    offsetof(Try, handlers) == offsetof(TryStar, handlers) &&
                    offsetof(Try, orelse) == offsetof(TryStar, orelse) &&
                    offsetof(Try, finalbody) == offsetof(TryStar, finalbody));
      try_stmt(reinterpret_cast<Try*>(s));
      break;
    }
    case stmt_kind::Assert: assert_stmt(static_cast<Assert*>(s)); break;
    case stmt_kind::Import: import_stmt(static_cast<Import*>(s)); break;
    case stmt_kind::ImportFrom: import_from(static_cast<ImportFrom*>(s)); break;
    case stmt_kind::Global:
    case stmt_kind::Nonlocal:
      break;
    case stmt_kind::Pass:
      // A NOP carries the line (CPython keeps it when nothing else does): tracing
      // sees `pass` lines and a frame ending there reports it.
      emit(Op::NOP);
      break;
    case stmt_kind::Expr: {
      auto* e = static_cast<Expr*>(s);
      if (interactive_ && units_.size() == 1) {  // 'single' mode: echo the value
        visit_expr(e->value);
        emit(Op::PRINT_EXPR);
        break;
      }
      if (as<Constant>(e->value)) break;  // docstring-like constants do nothing
      visit_expr(e->value);
      emit(Op::POP_TOP);
      break;
    }
    case stmt_kind::Break: break_continue(s, true); break;
    case stmt_kind::Continue: break_continue(s, false); break;
    default:
      // async for/with, match and except* arrive with the generator/coroutine issue.
      error("Krait does not support this statement yet", s);
      break;
  }
}

void Codegen::if_stmt(If* s) {
  int end = new_label();
  int next = s->orelse.empty() ? end : new_label();
  jump_if(s->test, false, next);
  body(s->body);
  if (!s->orelse.empty()) {
    if (!last_is_terminal()) {
      // Located by the body's last instruction (the assembler propagates it).
      Position saved = u_->pos;
      u_->pos = Position{};
      emit_jump(Op::JUMP, end);
      u_->pos = saved;
    }
    place(next);
    body(s->orelse);
  }
  place(end);
}

// The loop is inverted as in CPython 3.11: the test runs once before the loop and
// again at the bottom, where it jumps back into the body when true, so an
// iteration dispatches no unconditional JUMP. `while True:` / `while 1:` test
// nothing (a NOP keeps the line for tracing; the back edge carries it too).
void Codegen::while_stmt(While* s) {
  int head = new_label(), top = new_label(), orelse = new_label(), end = new_label();
  auto* k = as<Constant>(s->test);
  bool always = k && (k->value.kind == ConstantKind::True ||
                      (k->value.kind == ConstantKind::Int && k->value.text != "0"));
  place(head);
  if (always) {
    LocGuard g(u_, s->test);
    emit(Op::NOP);
  } else {
    jump_if(s->test, false, orelse);
  }
  place(top);
  u_->fblocks.push_back({FBlock::WhileLoop, head, end});
  body(s->body);
  u_->fblocks.pop_back();
  if (always) {
    LocGuard g(u_, s->test);  // the back edge belongs to the loop test, as in CPython
    u_->pos.end_line = u_->pos.line;
    emit_jump(Op::JUMP, top);
  } else {
    jump_if(s->test, true, top);
  }
  place(orelse);
  body(s->orelse);
  place(end);
}

void Codegen::for_stmt(For* s) {
  int head = new_label(), exit = new_label(), end = new_label();
  visit_expr(s->iter);
  emit(Op::GET_ITER);
  place(head);
  emit_jump(Op::FOR_ITER, exit);
  store(s->target);
  u_->fblocks.push_back({FBlock::ForLoop, head, end});
  body(s->body);
  u_->fblocks.pop_back();
  {
    // The back edge has no location of its own (CPython's UNSET_LOC): it takes the
    // body's last line, so tracing sees one 'line' event for the `for` per iteration.
    Position saved = u_->pos;
    u_->pos = Position{};
    emit_jump(Op::JUMP, head);
    u_->pos = saved;
  }
  place(exit);
  body(s->orelse);
  place(end);
}

// break/continue/return may not leave an except* handler (checked up to the
// innermost loop for break/continue).
bool Codegen::leaves_except_star(bool stop_at_loop) const {
  for (auto it = u_->fblocks.rbegin(); it != u_->fblocks.rend(); ++it) {
    if (stop_at_loop && (it->kind == FBlock::WhileLoop || it->kind == FBlock::ForLoop)) return false;
    if (it->kind == FBlock::ExceptStarHandler) return true;
  }
  return false;
}

void Codegen::break_continue(stmt* s, bool is_break) {
  if (leaves_except_star(true)) {
    error("'break', 'continue' and 'return' cannot appear in an except* block", s);
    return;
  }
  FBlockInfo loop{};
  if (!unwind_fblock_stack(false, &loop)) {
    error(is_break ? "'break' outside loop" : "'continue' not properly in loop", s);
    return;
  }
  if (is_break) {
    if (loop.kind == FBlock::ForLoop) emit(Op::POP_TOP);  // the iterator
    emit_jump(Op::JUMP, loop.exit);
  } else {
    emit_jump(Op::JUMP, loop.head);
  }
}

void Codegen::return_stmt(Return* s) {
  Scope* sc = u_->scope;
  if (sc->kind != ScopeKind::Function && sc->kind != ScopeKind::Lambda) {
    error("'return' outside function", s);
    return;
  }
  if (s->value && sc->is_coroutine && sc->is_generator) {
    error("'return' with value in async generator", s);
    return;
  }
  if (leaves_except_star(false)) {
    error("'break', 'continue' and 'return' cannot appear in an except* block",
          s->value ? static_cast<const Located*>(s->value) : s);
    return;
  }
  bool preserve = s->value != nullptr;
  if (s->value) visit_expr(s->value);
  unwind_fblock_stack(preserve, nullptr);
  if (!s->value) load_none();
  emit(Op::RETURN_VALUE);
}

// Emits what leaving block `b` early requires (return/break/continue).
void Codegen::unwind_fblock(const FBlockInfo& b, bool preserve_tos) {
  switch (b.kind) {
    case FBlock::WhileLoop:
    case FBlock::ExceptionHandler:
      break;
    case FBlock::ForLoop:
      if (preserve_tos) emit(Op::SWAP, 2);
      emit(Op::POP_TOP);  // the iterator
      break;
    case FBlock::TryExcept:
      emit(Op::POP_BLOCK);
      break;
    case FBlock::FinallyTry: {
      emit(Op::POP_BLOCK);
      // The finally body runs here with the value (if any) kept below it.
      auto saved_handlers = u_->handlers;
      if (!u_->handlers.empty()) u_->handlers.pop_back();
      if (preserve_tos) u_->fblocks.push_back({FBlock::PopValue});
      body(*b.finalbody);
      if (preserve_tos) u_->fblocks.pop_back();
      u_->handlers = saved_handlers;
      break;
    }
    case FBlock::FinallyEnd:
      if (preserve_tos) emit(Op::SWAP, 2);
      emit(Op::POP_TOP);  // the exception
      if (preserve_tos) emit(Op::SWAP, 2);
      emit(Op::POP_BLOCK);
      emit(Op::POP_EXCEPT);
      break;
    case FBlock::With:
    case FBlock::AsyncWith: {
      emit(Op::POP_BLOCK);
      if (preserve_tos) emit(Op::SWAP, 2);
      load_none();
      load_none();
      load_none();
      emit(Op::CALL, 2);
      if (b.kind == FBlock::AsyncWith) await_tos(2);
      emit(Op::POP_TOP);
      break;
    }
    case FBlock::HandlerCleanup:
      if (!b.name.empty()) {
        emit(Op::POP_BLOCK);
      }
      if (preserve_tos) emit(Op::SWAP, 2);
      emit(Op::POP_BLOCK);
      emit(Op::POP_EXCEPT);
      if (!b.name.empty()) {
        load_none();
        name_op(b.name, expr_context::Store);
        name_op(b.name, expr_context::Del);
      }
      break;
    case FBlock::PopValue:
      if (preserve_tos) emit(Op::SWAP, 2);
      emit(Op::POP_TOP);
      break;
  }
}

// Unwinds blocks innermost-first until a loop (stored in *loop_out) or, for
// return (loop_out == NULL), all of them. The pseudo POP_BLOCKs emitted here
// do not change codegen's handler stack: the code after a return/break is
// unreachable, and the enclosing construct pops its handler itself.
bool Codegen::unwind_fblock_stack(bool preserve_tos, FBlockInfo* loop_out) {
  auto saved_fblocks = u_->fblocks;
  auto saved_handlers = u_->handlers;
  bool found = false;
  while (!u_->fblocks.empty()) {
    FBlockInfo b = u_->fblocks.back();
    if (loop_out && (b.kind == FBlock::WhileLoop || b.kind == FBlock::ForLoop)) {
      *loop_out = b;
      found = true;
      break;
    }
    u_->fblocks.pop_back();
    // Emission below must be tagged with the handlers still active outside b.
    // (an __exit__ raising on the way out must not re-enter its own with's handler).
    if (b.kind == FBlock::TryExcept || b.kind == FBlock::With || b.kind == FBlock::AsyncWith ||
        b.kind == FBlock::HandlerCleanup || b.kind == FBlock::FinallyEnd) {
      if (!u_->handlers.empty()) u_->handlers.pop_back();
      if (b.kind == FBlock::HandlerCleanup && !b.name.empty() && !u_->handlers.empty())
        u_->handlers.pop_back();
      unwind_fblock(b, preserve_tos);
    } else if (b.kind == FBlock::FinallyTry) {
      unwind_fblock(b, preserve_tos);  // pops its handler itself before the finally body
      if (!u_->handlers.empty()) u_->handlers.pop_back();
    } else {
      unwind_fblock(b, preserve_tos);
    }
  }
  u_->fblocks = saved_fblocks;
  u_->handlers = saved_handlers;
  return loop_out ? found : true;
}

void Codegen::try_stmt(Try* s) {
  if (!s->finalbody.empty()) try_finally(s);
  else if (s->kind == stmt_kind::TryStar) try_except_star(s);
  else try_except(s);
}

void Codegen::try_finally(Try* s) {
  int exc = new_label(), end = new_label(), cleanup = new_label();
  push_handler(Op::SETUP_FINALLY, exc);
  u_->fblocks.push_back({FBlock::FinallyTry});
  u_->fblocks.back().finalbody = &s->finalbody;
  if (!s->handlers.empty()) {
    if (s->kind == stmt_kind::TryStar) try_except_star(s);
    else try_except(s);
  } else {
    body(s->body);
  }
  u_->fblocks.pop_back();
  pop_handler();
  body(s->finalbody);
  if (!last_is_terminal()) emit_jump(Op::JUMP, end);
  // Exceptional path: [exc]
  place(exc);
  {
    Position saved = u_->pos;
    u_->pos = Position{};  // no line: the handler belongs to no statement
    push_handler(Op::SETUP_CLEANUP, cleanup);
    emit(Op::PUSH_EXC_INFO);
    u_->pos = saved;
  }
  u_->fblocks.push_back({FBlock::FinallyEnd});
  body(s->finalbody);
  u_->fblocks.pop_back();
  u_->pos = Position{};
  emit(Op::RERAISE, 0);
  u_->handlers.pop_back();
  place(cleanup);
  emit(Op::COPY, 3);
  emit(Op::POP_EXCEPT);
  emit(Op::RERAISE, 1);
  place(end);
}

void Codegen::try_except(Try* s) {
  int except = new_label(), end = new_label(), cleanup = new_label();
  push_handler(Op::SETUP_FINALLY, except);
  u_->fblocks.push_back({FBlock::TryExcept});
  body(s->body);
  u_->fblocks.pop_back();
  pop_handler();
  body(s->orelse);
  if (!last_is_terminal()) emit_jump(Op::JUMP, end);
  place(except);  // [exc]
  Position saved = u_->pos;
  u_->pos = Position{};
  push_handler(Op::SETUP_CLEANUP, cleanup);
  emit(Op::PUSH_EXC_INFO);  // [prev exc]
  for (size_t i = 0; i < s->handlers.size() && !failed_; i++) {
    auto* h = static_cast<ExceptHandler*>(s->handlers[i]);
    if (!h->type && i + 1 < s->handlers.size()) {
      error("default 'except:' must be last", h);
      return;
    }
    LocGuard g(u_, h);
    int next = new_label();
    if (h->type) {
      visit_expr(h->type);
      emit(Op::CHECK_EXC_MATCH);
      emit_jump(Op::POP_JUMP_IF_FALSE, next);
    }
    if (h->name.data()) {
      std::string name(h->name);
      name_op(name, expr_context::Store);  // [prev]
      int cleanup_name = new_label();
      push_handler(Op::SETUP_CLEANUP, cleanup_name);
      u_->fblocks.push_back({FBlock::HandlerCleanup});
      u_->fblocks.back().name = name;
      body(h->body);
      u_->fblocks.pop_back();
      pop_handler();
      pop_handler();
      emit(Op::POP_EXCEPT);
      load_none();
      name_op(name, expr_context::Store);
      name_op(name, expr_context::Del);
      emit_jump(Op::JUMP, end);
      // An exception inside the body: unbind the name, then re-raise.
      u_->handlers.emplace_back(cleanup, Op::SETUP_CLEANUP);
      place(cleanup_name);
      u_->pos = Position{};
      load_none();
      name_op(name, expr_context::Store);
      name_op(name, expr_context::Del);
      emit(Op::RERAISE, 1);
    } else {
      emit(Op::POP_TOP);  // [prev]
      u_->fblocks.push_back({FBlock::HandlerCleanup});
      body(h->body);
      u_->fblocks.pop_back();
      pop_handler();
      emit(Op::POP_EXCEPT);
      emit_jump(Op::JUMP, end);
      u_->handlers.emplace_back(cleanup, Op::SETUP_CLEANUP);
    }
    place(next);
  }
  u_->pos = Position{};
  emit(Op::RERAISE, 0);  // no handler matched: [prev exc]
  u_->handlers.pop_back();
  place(cleanup);  // [prev lasti exc]
  emit(Op::COPY, 3);
  emit(Op::POP_EXCEPT);
  emit(Op::RERAISE, 1);
  u_->pos = saved;
  place(end);
}

// try/except* (PEP 654), CPython 3.11's shape. The handlers run with
// [orig, raised_list, rest] on the stack: each CHECK_EG_MATCH splits `rest`;
// what a handler raises is appended to the list; PREP_RERAISE_STAR combines
// the list and the unhandled rest into what is re-raised (or None).
void Codegen::try_except_star(Try* s) {
  int except = new_label(), orelse = new_label(), end = new_label(), cleanup = new_label();
  int reraise_star = new_label(), reraise = new_label();
  push_handler(Op::SETUP_FINALLY, except);
  u_->fblocks.push_back({FBlock::TryExcept});
  body(s->body);
  u_->fblocks.pop_back();
  pop_handler();
  emit_jump(Op::JUMP, orelse);
  size_t n = s->handlers.size();
  place(except);  // [exc]
  Position saved = u_->pos;
  u_->pos = Position{};
  push_handler(Op::SETUP_CLEANUP, cleanup);
  emit(Op::PUSH_EXC_INFO);  // [prev exc]
  u_->fblocks.push_back({FBlock::ExceptStarHandler});
  for (size_t i = 0; i < n && !failed_; i++) {
    auto* h = static_cast<ExceptHandler*>(s->handlers[i]);
    LocGuard g(u_, h);
    int next = new_label(), no_match = new_label(), cleanup_end = new_label();
    if (i == 0) {
      emit(Op::COPY, 1);        // [prev orig exc]
      emit(Op::BUILD_LIST, 0);  // [prev orig exc []]
      emit(Op::SWAP, 2);        // [prev orig [] exc]
    }
    if (h->type) {
      visit_expr(h->type);
      emit(Op::CHECK_EG_MATCH);  // [... rest match]
      emit(Op::COPY, 1);
      emit_jump(Op::POP_JUMP_IF_NONE, no_match);
    }
    std::string name = h->name.data() ? std::string(h->name) : std::string();
    if (!name.empty()) name_op(name, expr_context::Store);
    else emit(Op::POP_TOP);
    push_handler(Op::SETUP_CLEANUP, cleanup_end);
    u_->fblocks.push_back({FBlock::HandlerCleanup});
    u_->fblocks.back().name = name;
    body(h->body);
    u_->fblocks.pop_back();
    pop_handler();
    if (!name.empty()) {
      load_none();
      name_op(name, expr_context::Store);
      name_op(name, expr_context::Del);
    }
    emit_jump(Op::JUMP, next);
    place(cleanup_end);  // [... rest lasti exc]
    {
      Position p = u_->pos;
      u_->pos = Position{};
      if (!name.empty()) {
        load_none();
        name_op(name, expr_context::Store);
        name_op(name, expr_context::Del);
      }
      emit(Op::LIST_APPEND, 3);  // raised in the handler: collect it
      emit(Op::POP_TOP);         // lasti
      emit_jump(Op::JUMP, next);
      u_->pos = p;
    }
    place(no_match);
    emit(Op::POP_TOP);  // the None match
    place(next);
    if (i + 1 == n) {
      emit(Op::LIST_APPEND, 1);  // the unhandled rest (or None)
      emit_jump(Op::JUMP, reraise_star);
    }
  }
  u_->fblocks.pop_back();
  place(reraise_star);  // [prev orig list]
  emit(Op::PREP_RERAISE_STAR);  // [prev exc_or_None]
  emit(Op::COPY, 1);
  emit_jump(Op::POP_JUMP_IF_NOT_NONE, reraise);
  emit(Op::POP_TOP);
  emit(Op::POP_BLOCK);
  u_->handlers.pop_back();
  emit(Op::POP_EXCEPT);
  emit_jump(Op::JUMP, end);
  place(reraise);  // [prev exc]
  u_->handlers.emplace_back(cleanup, Op::SETUP_CLEANUP);
  emit(Op::POP_BLOCK);
  u_->handlers.pop_back();
  emit(Op::SWAP, 2);
  emit(Op::POP_EXCEPT);
  emit(Op::RERAISE, 0);
  place(cleanup);  // [prev lasti exc]
  emit(Op::COPY, 3);
  emit(Op::POP_EXCEPT);
  emit(Op::RERAISE, 1);
  u_->pos = saved;
  place(orelse);
  body(s->orelse);
  place(end);
}

void Codegen::with_stmt(With* s, size_t item) {
  withitem* w = s->items[item];
  int exc = new_label(), end = new_label(), cleanup = new_label(), suppress = new_label();
  visit_expr(w->context_expr);
  emit(Op::BEFORE_WITH);  // [exit enter_result]
  push_handler(Op::SETUP_WITH, exc);
  u_->fblocks.push_back({FBlock::With});
  if (w->optional_vars) store(w->optional_vars);
  else emit(Op::POP_TOP);
  if (item + 1 < s->items.size()) with_stmt(s, item + 1);
  else body(s->body);
  u_->fblocks.pop_back();
  pop_handler();
  // Normal exit: exit(None, None, None) through the method-call convention.
  {
    LocGuard g(u_, s);
    load_none();
    load_none();
    load_none();
    emit(Op::CALL, 2);
    emit(Op::POP_TOP);
    emit_jump(Op::JUMP, end);
  }
  place(exc);  // [exit lasti exc]
  Position saved = u_->pos;
  u_->pos = Position{};
  push_handler(Op::SETUP_CLEANUP, cleanup);
  emit(Op::PUSH_EXC_INFO);      // [exit lasti prev exc]
  {
    LocGuard g(u_, s);
    emit(Op::WITH_EXCEPT_START);  // [exit lasti prev exc res]
  }
  emit_jump(Op::POP_JUMP_IF_TRUE, suppress);
  emit(Op::RERAISE, 2);
  place(suppress);
  emit(Op::POP_TOP);      // exc
  emit(Op::POP_BLOCK);
  u_->handlers.pop_back();
  emit(Op::POP_EXCEPT);   // prev
  emit(Op::POP_TOP);      // lasti
  emit(Op::POP_TOP);      // exit
  emit_jump(Op::JUMP, end);
  place(cleanup);
  emit(Op::COPY, 3);
  emit(Op::POP_EXCEPT);
  emit(Op::RERAISE, 1);
  u_->pos = saved;
  place(end);
}

// `async for`: like `for`, with __anext__() awaited inside a handler that
// ends the loop on StopAsyncIteration (END_ASYNC_FOR).
void Codegen::async_for_stmt(AsyncFor* s) {
  if (!in_async_context()) {
    error("'async for' outside async function", s);
    return;
  }
  int head = new_label(), except = new_label(), end = new_label();
  visit_expr(s->iter);
  emit(Op::GET_AITER);
  place(head);
  push_handler(Op::SETUP_FINALLY, except);
  emit(Op::GET_ANEXT);
  load_none();
  yield_from_loop();
  pop_handler();
  store(s->target);
  u_->fblocks.push_back({FBlock::ForLoop, head, end});
  body(s->body);
  u_->fblocks.pop_back();
  emit_jump(Op::JUMP, head);
  place(except);  // [aiter exc]
  {
    LocGuard g(u_, s->iter);
    emit(Op::END_ASYNC_FOR);
  }
  body(s->orelse);
  place(end);
}

// Awaits the value on top of the stack (GET_AWAITABLE kind + SEND loop).
void Codegen::await_tos(uint32_t kind) {
  emit(Op::GET_AWAITABLE, kind);
  load_none();
  yield_from_loop();
}

// `async with`: `with` with __aenter__/__aexit__ results awaited.
void Codegen::async_with_stmt(AsyncWith* s, size_t item) {
  if (!in_async_context()) {
    error("'async with' outside async function", s);
    return;
  }
  withitem* w = s->items[item];
  int exc = new_label(), end = new_label(), cleanup = new_label(), suppress = new_label();
  visit_expr(w->context_expr);
  emit(Op::BEFORE_ASYNC_WITH);  // [aexit aenter()]
  await_tos(1);
  push_handler(Op::SETUP_WITH, exc);
  u_->fblocks.push_back({FBlock::AsyncWith});
  if (w->optional_vars) store(w->optional_vars);
  else emit(Op::POP_TOP);
  if (item + 1 < s->items.size()) async_with_stmt(s, item + 1);
  else body(s->body);
  u_->fblocks.pop_back();
  pop_handler();
  {
    LocGuard g(u_, s);
    load_none();
    load_none();
    load_none();
    emit(Op::CALL, 2);
    await_tos(2);
    emit(Op::POP_TOP);
    emit_jump(Op::JUMP, end);
  }
  place(exc);  // [aexit lasti exc]
  Position saved = u_->pos;
  u_->pos = Position{};
  push_handler(Op::SETUP_CLEANUP, cleanup);
  emit(Op::PUSH_EXC_INFO);
  {
    LocGuard g(u_, s);
    emit(Op::WITH_EXCEPT_START);
    await_tos(2);
  }
  emit_jump(Op::POP_JUMP_IF_TRUE, suppress);
  emit(Op::RERAISE, 2);
  place(suppress);
  emit(Op::POP_TOP);
  emit(Op::POP_BLOCK);
  u_->handlers.pop_back();
  emit(Op::POP_EXCEPT);
  emit(Op::POP_TOP);
  emit(Op::POP_TOP);
  emit_jump(Op::JUMP, end);
  place(cleanup);
  emit(Op::COPY, 3);
  emit(Op::POP_EXCEPT);
  emit(Op::RERAISE, 1);
  u_->pos = saved;
  place(end);
}

bool Codegen::in_async_context() const {
  Scope* sc = u_->scope;
  return sc->kind == ScopeKind::Function &&
         static_cast<const stmt*>(sc->node)->kind == stmt_kind::AsyncFunctionDef;
}

void Codegen::raise_stmt(Raise* s) {
  uint32_t n = 0;
  if (s->exc) {
    visit_expr(s->exc);
    n = 1;
    if (s->cause) {
      visit_expr(s->cause);
      n = 2;
    }
  }
  emit(Op::RAISE_VARARGS, n);
}

void Codegen::assert_stmt(Assert* s) {
  // Warned about even under -O (as CPython).
  if (auto* t = as<Tuple>(s->test); t && !t->elts.empty() &&
      !warn("assertion is always true, perhaps remove parentheses?", s))
    return;
  if (optimize_) return;
  int end = new_label();
  jump_if(s->test, true, end);
  // CPython 3.11 leaves a comparison test's position in force for the raise
  // (its traceback marks the comparison); other tests give the statement's.
  Position saved = u_->pos;
  if (s->test->kind == expr_kind::Compare)
    u_->pos = Position{s->test->lineno, s->test->end_lineno, s->test->col_offset, s->test->end_col_offset};
  emit(Op::LOAD_ASSERTION_ERROR);
  if (s->msg) {
    visit_expr(s->msg);
    emit(Op::CALL, 0);
  }
  emit(Op::RAISE_VARARGS, 1);
  u_->pos = saved;
  place(end);
}

// 3.11 gives every instruction of an import statement the statement's own
// position (so tracebacks show no markers under the names).
void Codegen::import_stmt(Import* s) {
  for (alias* a : s->names) {
    emit(Op::LOAD_CONST, static_cast<uint32_t>(add_const_steal(PyLong_FromLong(0))));
    load_none();
    std::string full(a->name);
    emit(Op::IMPORT_NAME, static_cast<uint32_t>(add_name(full)));
    if (a->asname.data()) {
      // `import a.b.c as d` binds d to the innermost module.
      size_t pos = full.find('.');
      if (pos != std::string::npos) {
        while (pos != std::string::npos) {
          size_t next = full.find('.', pos + 1);
          std::string part = full.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
          emit(Op::IMPORT_FROM, static_cast<uint32_t>(add_name(part)));
          emit(Op::SWAP, 2);
          emit(Op::POP_TOP);
          pos = next;
        }
      }
      name_op(a->asname, expr_context::Store);
    } else {
      name_op(full.substr(0, full.find('.')), expr_context::Store);
    }
  }
}

// CPython's future.c: the future statements at the top of a module (after an
// optional docstring) name known features; one after other code on its line is
// an error here, one on a later line is reported by import_from().
bool Codegen::check_future(const Seq<stmt*>& body) {
  static const char* const kFeatures[] = {"nested_scopes", "generators", "division", "absolute_import",
                                          "with_statement", "print_function", "unicode_literals",
                                          "barry_as_FLUFL", "generator_stop", "annotations"};
  bool done = false;
  int prev_line = 0;
  for (size_t i = 0; i < body.size(); i++) {
    stmt* s = body[i];
    if (done && s->lineno > prev_line) return true;
    prev_line = s->lineno;
    auto* f = as<ImportFrom>(s);
    if (f && f->module.data() && f->module == "__future__") {
      if (done) {
        // (CPython passes the 0-based column as the offset here.)
        located_error("from __future__ imports must occur at the beginning of the file", s->lineno, s->col_offset);
        return false;
      }
      for (alias* a : f->names) {
        bool known = false;
        for (const char* k : kFeatures) known = known || a->name == k;
        if (known) continue;
        if (a->name == "braces") {
          located_error("not a chance", s->lineno, s->col_offset + 1);
        } else {
          std::string msg = "future feature " + std::string(a->name) + " is not defined";
          located_error(msg.c_str(), s->lineno, s->col_offset + 1);
        }
        return false;
      }
      future_lineno_ = s->lineno;
    } else if (i == 0 && docstring_of(body)) {
      // a docstring may precede the future statements
    } else {
      done = true;
    }
  }
  return true;
}

// A SyntaxError with only a line and an offset (no end), as PyErr_SyntaxLocationObject.
void Codegen::located_error(const char* msg, int lineno, int offset) {
  if (failed_) return;
  failed_ = true;
  PyErr_SetString(PyExc_SyntaxError, msg);
  PyErr_SyntaxLocationObject(filename_, lineno, offset);
  PyErr_Fetch(&err_type_, &err_value_, &err_tb_);
  PyErr_NormalizeException(&err_type_, &err_value_, &err_tb_);
}

void Codegen::import_from(ImportFrom* s) {
  if (s->module.data() && s->module == "__future__" && s->lineno > future_lineno_) {
    error("from __future__ imports must occur at the beginning of the file", s);
    return;
  }
  emit(Op::LOAD_CONST, static_cast<uint32_t>(add_const_steal(PyLong_FromLong(s->level))));
  Ref<> names = steal(PyTuple_New(static_cast<Py_ssize_t>(s->names.size())));
  if (!names) {
    failed_ = true;
    return;
  }
  for (size_t i = 0; i < s->names.size(); i++)
    PyTuple_SET_ITEM(names.obj(), i, PyUnicode_FromStringAndSize(s->names[i]->name.data(), s->names[i]->name.size()));
  load_const(names.obj());
  std::string mod = s->module.data() ? std::string(s->module) : "";
  emit(Op::IMPORT_NAME, static_cast<uint32_t>(add_name(mod)));
  if (s->names.size() == 1 && s->names[0]->name == "*") {
    emit(Op::IMPORT_STAR);
    return;
  }
  for (alias* a : s->names) {
    emit(Op::IMPORT_FROM, static_cast<uint32_t>(add_name(std::string(a->name))));
    name_op(a->asname.data() ? a->asname : a->name, expr_context::Store);
  }
  emit(Op::POP_TOP);
}

void Codegen::delete_target(expr* t) {
  LocGuard g(u_, t);
  switch (t->kind) {
    case expr_kind::Name: name_op(static_cast<Name*>(t)->id, expr_context::Del); break;
    case expr_kind::Attribute: {
      auto* a = static_cast<Attribute*>(t);
      visit_expr(a->value);
      emit(Op::DELETE_ATTR, static_cast<uint32_t>(add_name(mangled(a->attr))));
      break;
    }
    case expr_kind::Subscript: {
      auto* s = static_cast<Subscript*>(t);
      visit_expr(s->value);
      visit_expr(s->slice);
      emit(Op::DELETE_SUBSCR);
      break;
    }
    case expr_kind::Tuple:
      for (expr* e : static_cast<Tuple*>(t)->elts) delete_target(e);
      break;
    case expr_kind::List:
      for (expr* e : static_cast<List*>(t)->elts) delete_target(e);
      break;
    default:
      error("cannot delete expression", t);
  }
}

static uint32_t binop_code(operator_ op) {
  using B = bytecode::BinaryOp;
  switch (op) {
    case operator_::Add: return (uint32_t)B::Add;
    case operator_::Sub: return (uint32_t)B::Subtract;
    case operator_::Mult: return (uint32_t)B::Multiply;
    case operator_::MatMult: return (uint32_t)B::MatrixMultiply;
    case operator_::Div: return (uint32_t)B::TrueDivide;
    case operator_::Mod: return (uint32_t)B::Remainder;
    case operator_::Pow: return (uint32_t)B::Power;
    case operator_::LShift: return (uint32_t)B::Lshift;
    case operator_::RShift: return (uint32_t)B::Rshift;
    case operator_::BitOr: return (uint32_t)B::Or;
    case operator_::BitXor: return (uint32_t)B::Xor;
    case operator_::BitAnd: return (uint32_t)B::And;
    case operator_::FloorDiv: return (uint32_t)B::FloorDivide;
  }
  return 0;
}
uint32_t binop_arg(operator_ op, bool inplace) {
  return binop_code(op) + (inplace ? bytecode::kInplaceOffset : 0);
}

void Codegen::aug_assign(AugAssign* s) {
  expr* t = s->target;
  uint32_t op = binop_arg(s->op, true);
  switch (t->kind) {
    case expr_kind::Name: {
      auto* n = static_cast<Name*>(t);
      {
        LocGuard g(u_, t);
        name_op(n->id, expr_context::Load);
      }
      visit_expr(s->value);
      emit(Op::BINARY_OP, op);
      LocGuard g(u_, t);
      name_op(n->id, expr_context::Store);
      break;
    }
    case expr_kind::Attribute: {
      auto* a = static_cast<Attribute*>(t);
      uint32_t name = static_cast<uint32_t>(add_name(mangled(a->attr)));
      {
        LocGuard g(u_, t);
        visit_expr(a->value);
        emit(Op::COPY, 1);
        emit(Op::LOAD_ATTR, name);
      }
      visit_expr(s->value);
      emit(Op::BINARY_OP, op);
      LocGuard g(u_, t);
      emit(Op::SWAP, 2);
      emit(Op::STORE_ATTR, name);
      break;
    }
    case expr_kind::Subscript: {
      auto* sub = static_cast<Subscript*>(t);
      {
        LocGuard g(u_, t);
        visit_expr(sub->value);
        visit_expr(sub->slice);
        emit(Op::COPY, 2);
        emit(Op::COPY, 2);
        emit(Op::BINARY_SUBSCR);
      }
      visit_expr(s->value);
      emit(Op::BINARY_OP, op);
      LocGuard g(u_, t);
      emit(Op::SWAP, 3);
      emit(Op::SWAP, 2);
      emit(Op::STORE_SUBSCR);
      break;
    }
    default:
      error("illegal expression for augmented assignment", t);
  }
}

void Codegen::ann_assign(AnnAssign* s) {
  // Under PEP 563 every annotation is checked, even those never stored (function scope).
  if (future_annotations() && !annotation_text(s->annotation)) return;
  if (s->value) {
    visit_expr(s->value);
    store(s->target);
  }
  // Annotations of simple names at module/class level go to __annotations__.
  if (s->simple && (u_->scope->kind == ScopeKind::Module || u_->scope->kind == ScopeKind::Class)) {
    load_annotation(s->annotation);
    name_op("__annotations__", expr_context::Load);
    std::string n = mangled(static_cast<Name*>(s->target)->id);
    Ref<> key = steal(PyUnicode_FromStringAndSize(n.data(), static_cast<Py_ssize_t>(n.size())));
    load_const(key.obj());
    emit(Op::STORE_SUBSCR);
  }
}

// -- Functions and classes ------------------------------------------------------------------------

// Pushes defaults tuple / kwdefaults dict; returns the MAKE_FUNCTION flags.
int Codegen::default_args(arguments* args) {
  int flags = 0;
  if (!args->defaults.empty()) {
    for (expr* e : args->defaults) visit_expr(e);
    emit(Op::BUILD_TUPLE, static_cast<uint32_t>(args->defaults.size()));
    flags |= bytecode::MF_DEFAULTS;
  }
  int nkw = 0;
  for (size_t i = 0; i < args->kwonlyargs.size(); i++) {
    if (expr* d = args->kw_defaults[i]) {
      std::string n = mangled(args->kwonlyargs[i]->arg);
      Ref<> key = steal(PyUnicode_FromStringAndSize(n.data(), static_cast<Py_ssize_t>(n.size())));
      load_const(key.obj());
      visit_expr(d);
      nkw++;
    }
  }
  if (nkw) {
    emit(Op::BUILD_MAP, static_cast<uint32_t>(nkw));
    flags |= bytecode::MF_KWDEFAULTS;
  }
  return flags;
}

// Emits LOAD_CLOSURE for each free variable of `co`, then MAKE_FUNCTION.
void Codegen::make_closure(PyCodeObject* co, uint32_t flags) {
  if (co->co_nfreevars) {
    Py_ssize_t n = co->co_nlocalsplus;
    for (Py_ssize_t i = n - co->co_nfreevars; i < n; i++) {
      const char* name = PyUnicode_AsUTF8(PyTuple_GET_ITEM(co->co_localsplusnames, i));
      std::string sname(name ? name : "");
      // In a class body, a free `__class__` of a method is our own cell.
      emit(Op::LOAD_CLOSURE, static_cast<uint32_t>(deref_index(sname)));
    }
    emit(Op::BUILD_TUPLE, static_cast<uint32_t>(co->co_nfreevars));
    flags |= bytecode::MF_CLOSURE;
  }
  load_const(reinterpret_cast<PyObject*>(co));
  emit(Op::MAKE_FUNCTION, flags);
}

void Codegen::function_def(stmt* s, std::string_view name, arguments* args,
                           const Seq<stmt*>& fbody, const Seq<expr*>& decorators, expr* returns,
                           bool is_async) {
  for (expr* d : decorators) visit_expr(d);
  int flags = default_args(args);
  // Annotations (evaluated eagerly, PEP 563 off): a tuple of name/value pairs.
  int nann = 0;
  auto ann = [&](arg* a) {
    if (a && a->annotation) {
      std::string n = mangled(a->arg);
      Ref<> key = steal(PyUnicode_FromStringAndSize(n.data(), static_cast<Py_ssize_t>(n.size())));
      load_const(key.obj());
      if (future_annotations()) {
        load_annotation(a->annotation);
      } else if (auto* st = as<Starred>(a->annotation)) {
        // PEP 646, `*args: *Ts`: the annotation is the one item of Ts ([value] = [*Ts]).
        visit_expr(st->value);
        emit(Op::UNPACK_SEQUENCE, 1);
      } else {
        visit_expr(a->annotation);
      }
      nann++;
    }
  };
  for (arg* a : args->posonlyargs) ann(a);
  for (arg* a : args->args) ann(a);
  ann(args->vararg);
  for (arg* a : args->kwonlyargs) ann(a);
  ann(args->kwarg);
  if (returns) {
    Ref<> key = steal(PyUnicode_FromString("return"));
    load_const(key.obj());
    load_annotation(returns);
    nann++;
  }
  if (nann) {
    emit(Op::BUILD_TUPLE, static_cast<uint32_t>(2 * nann));
    flags |= bytecode::MF_ANNOTATIONS;
  }
  Scope* scope = st_.lookup(s);
  int firstlineno = decorators.empty() ? s->lineno : decorators[0]->lineno;
  enter_unit(scope, std::string(name), firstlineno);
  u_->argcount = static_cast<int>(args->posonlyargs.size() + args->args.size());
  u_->posonlyargcount = static_cast<int>(args->posonlyargs.size());
  u_->kwonlyargcount = static_cast<int>(args->kwonlyargs.size());
  // co_consts[0] is the docstring or None (PyFunction_New reads it).
  expr* doc = optimize_ < 2 ? docstring_of(fbody) : nullptr;
  if (doc) add_const_steal(constant(static_cast<Constant*>(doc)->value).release());
  else add_const(Py_None);
  bind_docstring_and_body(fbody, true);
  if (!last_is_terminal()) {
    // No location: the assembler gives it the one of whatever leads there.
    u_->pos = Position{};
    load_none();
    emit(Op::RETURN_VALUE);
  }
  Ref<PyCodeObject> co = leave_unit();
  if (!co) {
    failed_ = true;
    return;
  }
  make_closure(co.get(), static_cast<uint32_t>(flags));
  for (size_t i = 0; i < decorators.size(); i++) emit(Op::CALL, 0);
  name_op(name, expr_context::Store);
}

void Codegen::class_def(ClassDef* c) {
  for (expr* d : c->decorator_list) visit_expr(d);
  Scope* scope = st_.lookup(c);
  int firstlineno = c->decorator_list.empty() ? c->lineno : c->decorator_list[0]->lineno;
  enter_unit(scope, std::string(c->name), firstlineno);
  class_names_.emplace_back(c->name);
  u_->pos = Position{c->lineno, c->lineno, -1, -1};
  name_op("__name__", expr_context::Load);
  name_op("__module__", expr_context::Store);
  {
    Ref<> qn = steal(PyUnicode_FromStringAndSize(u_->qualname.data(), static_cast<Py_ssize_t>(u_->qualname.size())));
    load_const(qn.obj());
    name_op("__qualname__", expr_context::Store);
  }
  bind_docstring_and_body(c->body, false);
  if (scope->needs_class_closure) {
    emit(Op::LOAD_CLOSURE, static_cast<uint32_t>(deref_index("__class__")));
    emit(Op::COPY, 1);
    name_op("__classcell__", expr_context::Store);
  } else {
    load_none();
  }
  emit(Op::RETURN_VALUE);
  class_names_.pop_back();
  Ref<PyCodeObject> co = leave_unit();
  if (!co) {
    failed_ = true;
    return;
  }
  emit(Op::PUSH_NULL);
  emit(Op::LOAD_BUILD_CLASS);
  make_closure(co.get(), 0);
  Ref<> name = steal(PyUnicode_FromStringAndSize(c->name.data(), static_cast<Py_ssize_t>(c->name.size())));
  load_const(name.obj());
  call_helper(2, c->bases, c->keywords);
  for (size_t i = 0; i < c->decorator_list.size(); i++) emit(Op::CALL, 0);
  name_op(c->name, expr_context::Store);
}

// -- Entry points ------------------------------------------------------------------------------------

Ref<PyCodeObject> compile_ast(Mod* mod, PyObject* filename, Mode mode, int optimize, int future_flags) {
  if (optimize < 0) optimize = g_config.optimize;
  SymbolTable st;
  SymtableError err;
  if (!st.build(mod, err)) {
    if (err.recursion) {
      PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded during compilation");
      return nullptr;
    }
    raise_syntax_error("SyntaxError", err.msg, filename, {}, err.lineno, err.col, err.end_lineno,
                       err.end_col);
    return nullptr;
  }
  Codegen cg(st, filename, optimize, future_flags & CO_FUTURE_ANNOTATIONS);
  Ref<PyCodeObject> co = cg.module(mod, mode);
  if (cg.failed()) {
    PyErr_Clear();
    cg.restore_error();
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_SystemError, "compiler failed");
    return nullptr;
  }
  return co;
}

}  // namespace krait::compiler
