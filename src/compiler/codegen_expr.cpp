// codegen_expr.cpp — code generation for expressions, assignment targets,
// calls, comprehensions and f-strings.
#include <algorithm>

#include "compiler/codegen.h"

namespace krait::compiler {

using namespace krait::ast;

uint32_t binop_arg(operator_ op, bool inplace);  // codegen.cpp

Ref<> Codegen::constant(const ConstantValue& v) { return steal(constant_object(v)); }

// -- Names -------------------------------------------------------------------------------

void Codegen::name_op(std::string_view raw, expr_context ctx) {
  if (ctx != expr_context::Load && raw == "__debug__") {
    error(ctx == expr_context::Store ? "cannot assign to __debug__" : "cannot delete __debug__", nullptr);
    return;
  }
  if (raw == "__debug__") {  // a constant, as CPython's AST optimizer makes it
    load_const(optimize_ ? Py_False : Py_True);
    return;
  }
  std::string n = mangled(raw);
  Scope* s = u_->scope;
  NameScope where = s->scope_of(n);
  enum { kFast, kDeref, kGlobal, kName } kind = kName;
  bool is_function = s->kind == ScopeKind::Function || s->kind == ScopeKind::Lambda ||
                     s->kind == ScopeKind::Comprehension;
  switch (where) {
    case NameScope::Free:
    case NameScope::Cell:
      kind = kDeref;
      break;
    case NameScope::Local:
      kind = is_function ? kFast : kName;
      break;
    case NameScope::GlobalExplicit:
      kind = kGlobal;
      break;
    case NameScope::GlobalImplicit:
      kind = is_function ? kGlobal : kName;
      break;
  }
  if (kind == kDeref && s->kind == ScopeKind::Class && (s->symbols.count(n) && (s->symbols[n] & kDefFreeClass)))
    kind = kName;  // class-local binding that is also passed through to methods
  uint32_t arg;
  switch (kind) {
    case kFast:
      arg = static_cast<uint32_t>(varname_index(n));
      emit(ctx == expr_context::Load ? Op::LOAD_FAST : ctx == expr_context::Store ? Op::STORE_FAST : Op::DELETE_FAST, arg);
      return;
    case kDeref:
      arg = static_cast<uint32_t>(deref_index(n));
      // A class body may hold `__class__` twice: its own implicit cell (for the methods'
      // closures) and a free variable from an enclosing scope; the body's own reads and
      // writes go to the free variable, as CPython.
      if (s->kind == ScopeKind::Class && where == NameScope::Free && n == "__class__") {
        auto f = std::find(u_->freevars.begin(), u_->freevars.end(), n);
        if (f != u_->freevars.end())
          arg = static_cast<uint32_t>(u_->cellvars.size() + (f - u_->freevars.begin()));
      }
      if (ctx == expr_context::Load)
        emit(s->kind == ScopeKind::Class ? Op::LOAD_CLASSDEREF : Op::LOAD_DEREF, arg);
      else emit(ctx == expr_context::Store ? Op::STORE_DEREF : Op::DELETE_DEREF, arg);
      return;
    case kGlobal:
      arg = static_cast<uint32_t>(add_name(n));
      if (arg >= bytecode::kLoadGlobalPushNull) {  // the operand bit above the index is LOAD_GLOBAL's flag
        error("too many global names in one code object", nullptr);
        return;
      }
      emit(ctx == expr_context::Load ? Op::LOAD_GLOBAL : ctx == expr_context::Store ? Op::STORE_GLOBAL : Op::DELETE_GLOBAL, arg);
      return;
    case kName:
      arg = static_cast<uint32_t>(add_name(n));
      emit(ctx == expr_context::Load ? Op::LOAD_NAME : ctx == expr_context::Store ? Op::STORE_NAME : Op::DELETE_NAME, arg);
      return;
  }
}

// -- Expressions -------------------------------------------------------------------------------

void Codegen::visit_expr(ast::expr* e) {
  if (failed_) return;
  DepthGuard depth(this);
  if (depth.too_deep()) return;
  LocGuard g(u_, e);
  switch (e->kind) {
    case expr_kind::BoolOp: boolop(static_cast<BoolOp*>(e)); break;
    case expr_kind::NamedExpr: {
      auto* n = static_cast<NamedExpr*>(e);
      visit_expr(n->value);
      emit(Op::COPY, 1);
      store(n->target);
      break;
    }
    case expr_kind::BinOp: {
      auto* b = static_cast<BinOp*>(e);
      visit_expr(b->left);
      visit_expr(b->right);
      emit(Op::BINARY_OP, binop_arg(b->op, false));
      break;
    }
    case expr_kind::UnaryOp: {
      auto* un = static_cast<UnaryOp*>(e);
      visit_expr(un->operand);
      switch (un->op) {
        case unaryop::Invert: emit(Op::UNARY_INVERT); break;
        case unaryop::Not: emit(Op::UNARY_NOT); break;
        case unaryop::UAdd: emit(Op::UNARY_POSITIVE); break;
        case unaryop::USub: emit(Op::UNARY_NEGATIVE); break;
      }
      break;
    }
    case expr_kind::Lambda: lambda(static_cast<Lambda*>(e)); break;
    case expr_kind::IfExp: {
      auto* i = static_cast<IfExp*>(e);
      int orelse = new_label(), end = new_label();
      jump_if(i->test, false, orelse);
      visit_expr(i->body);
      emit_jump(Op::JUMP, end);
      place(orelse);
      visit_expr(i->orelse);
      place(end);
      break;
    }
    case expr_kind::Dict: dict(static_cast<Dict*>(e)); break;
    case expr_kind::Set: starunpack(static_cast<Set*>(e)->elts, Op::BUILD_SET, Op::SET_UPDATE, false); break;
    case expr_kind::List: {
      auto* l = static_cast<List*>(e);
      if (l->ctx != expr_context::Load) { error("internal: list target in load", e); break; }
      starunpack(l->elts, Op::BUILD_LIST, Op::LIST_EXTEND, false);
      break;
    }
    case expr_kind::Tuple: {
      auto* t = static_cast<Tuple*>(e);
      // All-constant tuples are folded into one constant, as CPython does.
      bool all_const = !t->elts.empty();
      for (ast::expr* x : t->elts) all_const = all_const && as<Constant>(x);
      if (all_const) {
        Ref<> tup = steal(PyTuple_New(static_cast<Py_ssize_t>(t->elts.size())));
        if (!tup) { failed_ = true; break; }
        for (size_t i = 0; i < t->elts.size(); i++)
          PyTuple_SET_ITEM(tup.obj(), i, constant(static_cast<Constant*>(t->elts[i])->value).release());
        load_const(tup.obj());
        break;
      }
      starunpack(t->elts, Op::BUILD_LIST, Op::LIST_EXTEND, true);
      break;
    }
    case expr_kind::ListComp: {
      auto* c = static_cast<ListComp*>(e);
      comprehension(e, c->generators, c->elt, nullptr);
      break;
    }
    case expr_kind::SetComp: {
      auto* c = static_cast<SetComp*>(e);
      comprehension(e, c->generators, c->elt, nullptr);
      break;
    }
    case expr_kind::DictComp: {
      auto* c = static_cast<DictComp*>(e);
      comprehension(e, c->generators, c->key, c->value);
      break;
    }
    case expr_kind::GeneratorExp: {
      auto* c = static_cast<GeneratorExp*>(e);
      comprehension(e, c->generators, c->elt, nullptr);
      break;
    }
    case expr_kind::Yield: {
      auto* y = static_cast<Yield*>(e);
      if (!check_yield_context(e)) break;
      if (y->value) visit_expr(y->value);
      else load_none();
      emit(Op::YIELD_VALUE);
      break;
    }
    case expr_kind::YieldFrom: {
      if (!check_yield_context(e)) break;
      if (u_->scope->is_coroutine && u_->scope->kind == ScopeKind::Function &&
          static_cast<const ast::stmt*>(u_->scope->node)->kind == ast::stmt_kind::AsyncFunctionDef) {
        error("'yield from' inside async function", e);
        break;
      }
      visit_expr(static_cast<YieldFrom*>(e)->value);
      emit(Op::GET_YIELD_FROM_ITER);
      load_none();
      yield_from_loop();
      break;
    }
    case expr_kind::Await:
      if (u_->scope->kind != ScopeKind::Function && u_->scope->kind != ScopeKind::Lambda &&
          u_->scope->kind != ScopeKind::Comprehension) {
        error("'await' outside function", e);
        break;
      }
      if (!in_async_context() && u_->scope->kind != ScopeKind::Comprehension) {
        error("'await' outside async function", e);
        break;
      }
      visit_expr(static_cast<Await*>(e)->value);
      emit(Op::GET_AWAITABLE, 0);
      load_none();
      yield_from_loop();
      break;
    case expr_kind::Compare: compare(static_cast<Compare*>(e)); break;
    case expr_kind::Call: call(static_cast<Call*>(e)); break;
    case expr_kind::FormattedValue: formatted_value(static_cast<FormattedValue*>(e)); break;
    case expr_kind::JoinedStr: joined_str(static_cast<JoinedStr*>(e)); break;
    case expr_kind::Constant: {
      Ref<> v = constant(static_cast<Constant*>(e)->value);
      if (!v) { failed_ = true; break; }
      load_const(v.obj());
      break;
    }
    case expr_kind::Attribute: {
      auto* a = static_cast<Attribute*>(e);
      visit_expr(a->value);
      Position saved = u_->pos;
      match_attr_start(a);
      emit(Op::LOAD_ATTR, static_cast<uint32_t>(add_name(mangled(a->attr))));
      u_->pos = saved;
      break;
    }
    case expr_kind::Subscript: subscript(static_cast<Subscript*>(e)); break;
    case expr_kind::Starred: error("can't use starred expression here", e); break;
    case expr_kind::Name: name_op(static_cast<Name*>(e)->id, expr_context::Load); break;
    case expr_kind::Slice: slice(static_cast<Slice*>(e)); break;
    default: error("Krait cannot compile this expression yet", e); break;
  }
}

void Codegen::boolop(BoolOp* b) {
  int end = new_label();
  Op jump = b->op == boolop::And ? Op::JUMP_IF_FALSE_OR_POP : Op::JUMP_IF_TRUE_OR_POP;
  for (size_t i = 0; i + 1 < b->values.size(); i++) {
    visit_expr(b->values[i]);
    emit_jump(jump, end);
  }
  visit_expr(b->values[b->values.size() - 1]);
  place(end);
}

void Codegen::subscript(Subscript* s) {
  if (!check_subscript(s)) return;
  visit_expr(s->value);
  visit_expr(s->slice);
  emit(Op::BINARY_SUBSCR);
}

void Codegen::slice(Slice* s) {
  uint32_t n = 2;
  if (s->lower) visit_expr(s->lower); else load_none();
  if (s->upper) visit_expr(s->upper); else load_none();
  if (s->step) {
    visit_expr(s->step);
    n = 3;
  }
  emit(Op::BUILD_SLICE, n);
}

// Conditional jump on the truth of `e` without materializing a bool when the
// expression is itself a boolean combination.
void Codegen::jump_if(ast::expr* e, bool cond, int label) {
  if (auto* u = as<UnaryOp>(e); u && u->op == unaryop::Not) {
    LocGuard g(u_, e);
    jump_if(u->operand, !cond, label);
    return;
  }
  if (auto* b = as<BoolOp>(e)) {
    bool is_or = b->op == boolop::Or;
    size_t n = b->values.size();
    if (is_or == cond) {  // any value decides: jump straight to label
      for (size_t i = 0; i < n; i++) jump_if(b->values[i], cond, label);
    } else {
      int next = new_label();
      for (size_t i = 0; i + 1 < n; i++) jump_if(b->values[i], !cond, next);
      jump_if(b->values[n - 1], cond, label);
      place(next);
    }
    return;
  }
  visit_expr(e);
  LocGuard g(u_, e);
  emit_jump(cond ? Op::POP_JUMP_IF_TRUE : Op::POP_JUMP_IF_FALSE, label);
}

static void compare_op(Codegen*, cmpop) {}

void Codegen::compare(Compare* c) {
  if (!check_compare(c)) return;
  auto emit_cmp = [&](cmpop op) {
    switch (op) {
      case cmpop::Eq: emit(Op::COMPARE_OP, Py_EQ); break;
      case cmpop::NotEq: emit(Op::COMPARE_OP, Py_NE); break;
      case cmpop::Lt: emit(Op::COMPARE_OP, Py_LT); break;
      case cmpop::LtE: emit(Op::COMPARE_OP, Py_LE); break;
      case cmpop::Gt: emit(Op::COMPARE_OP, Py_GT); break;
      case cmpop::GtE: emit(Op::COMPARE_OP, Py_GE); break;
      case cmpop::Is: emit(Op::IS_OP, 0); break;
      case cmpop::IsNot: emit(Op::IS_OP, 1); break;
      case cmpop::In: emit(Op::CONTAINS_OP, 0); break;
      case cmpop::NotIn: emit(Op::CONTAINS_OP, 1); break;
    }
  };
  (void)compare_op;
  visit_expr(c->left);
  size_t n = c->ops.size();
  if (n == 1) {
    visit_expr(c->comparators[0]);
    emit_cmp(c->ops[0]);
    return;
  }
  int cleanup = new_label(), end = new_label();
  for (size_t i = 0; i + 1 < n; i++) {
    visit_expr(c->comparators[i]);
    emit(Op::SWAP, 2);
    emit(Op::COPY, 2);
    emit_cmp(c->ops[i]);
    emit_jump(Op::JUMP_IF_FALSE_OR_POP, cleanup);
  }
  visit_expr(c->comparators[n - 1]);
  emit_cmp(c->ops[n - 1]);
  emit_jump(Op::JUMP, end);
  place(cleanup);
  emit(Op::SWAP, 2);
  emit(Op::POP_TOP);
  place(end);
}

bool Codegen::has_starred(const Seq<ast::expr*>& es) const {
  for (ast::expr* e : es)
    if (e->kind == expr_kind::Starred) return true;
  return false;
}

// Builds a list/set/tuple from elements that may contain *starred items.
void Codegen::starunpack(const Seq<ast::expr*>& elts, Op build, Op extend, bool tuple_result) {
  if (!has_starred(elts)) {
    for (ast::expr* e : elts) visit_expr(e);
    emit(tuple_result ? Op::BUILD_TUPLE : build, static_cast<uint32_t>(elts.size()));
    return;
  }
  bool seen = false;
  size_t pending = 0;
  for (ast::expr* e : elts) {
    if (auto* s = as<Starred>(e)) {
      if (!seen) {
        emit(build, static_cast<uint32_t>(pending));
        seen = true;
        pending = 0;
      }
      visit_expr(s->value);
      emit(extend, 1);
    } else {
      visit_expr(e);
      if (seen) emit(build == Op::BUILD_SET ? Op::SET_ADD : Op::LIST_APPEND, 1);
      else pending++;
    }
  }
  if (tuple_result) emit(Op::LIST_TO_TUPLE);
}

void Codegen::dict(Dict* d) {
  // Runs of key: value pairs become BUILD_MAP; `**m` items merge with DICT_UPDATE.
  size_t n = d->keys.size(), run = 0;
  bool have = false;
  for (size_t i = 0; i < n; i++) {
    if (d->keys[i]) {
      visit_expr(d->keys[i]);
      visit_expr(d->values[i]);
      run++;
    } else {
      if (run || !have) {
        emit(Op::BUILD_MAP, static_cast<uint32_t>(run));
        if (have) emit(Op::DICT_UPDATE, 1);
        have = true;
        run = 0;
      }
      visit_expr(d->values[i]);
      emit(Op::DICT_UPDATE, 1);
    }
  }
  if (run || !have) {
    emit(Op::BUILD_MAP, static_cast<uint32_t>(run));
    if (have) emit(Op::DICT_UPDATE, 1);
  }
}

// -- Assignment targets --------------------------------------------------------------------------

void Codegen::store(ast::expr* t) {
  LocGuard g(u_, t);
  switch (t->kind) {
    case expr_kind::Name: name_op(static_cast<Name*>(t)->id, expr_context::Store); break;
    case expr_kind::Attribute: {
      auto* a = static_cast<Attribute*>(t);
      visit_expr(a->value);
      emit(Op::STORE_ATTR, static_cast<uint32_t>(add_name(mangled(a->attr))));
      break;
    }
    case expr_kind::Subscript: {
      auto* s = static_cast<Subscript*>(t);
      visit_expr(s->value);
      visit_expr(s->slice);
      emit(Op::STORE_SUBSCR);
      break;
    }
    case expr_kind::Tuple: unpack_store(static_cast<Tuple*>(t)->elts, t); break;
    case expr_kind::List: unpack_store(static_cast<List*>(t)->elts, t); break;
    case expr_kind::Starred: error("starred assignment target must be in a list or tuple", t); break;
    default: error("cannot assign to expression", t); break;
  }
}

void Codegen::unpack_store(const Seq<ast::expr*>& elts, const Located* at) {
  size_t star = elts.size();
  for (size_t i = 0; i < elts.size(); i++) {
    if (elts[i]->kind == expr_kind::Starred) {
      if (star != elts.size()) {
        error("multiple starred expressions in assignment", elts[i]);
        return;
      }
      star = i;
    }
  }
  if (star == elts.size()) {
    emit(Op::UNPACK_SEQUENCE, static_cast<uint32_t>(elts.size()));
  } else {
    size_t after = elts.size() - star - 1;
    // UNPACK_EX packs the counts as before | after << 8 (CPython's limit and message).
    if (star >= (1u << 8) || after >= (INT_MAX >> 8)) {
      error("too many expressions in star-unpacking assignment", elts[star]);
      return;
    }
    emit(Op::UNPACK_EX, static_cast<uint32_t>(star | (after << 8)));
  }
  for (ast::expr* e : elts) {
    if (auto* s = as<Starred>(e)) store(s->value);
    else store(e);
  }
}

// -- Calls ------------------------------------------------------------------------------------------

void Codegen::call(Call* c) {
  if (!check_caller(c)) return;
  bool simple = !has_starred(c->args);
  for (keyword* k : c->keywords) simple = simple && k->arg.data();
  if (auto* a = as<Attribute>(c->func); a && simple && a->ctx == expr_context::Load) {
    visit_expr(a->value);
    // LOAD_METHOD has the attribute's position and the call ops the call's, both with the start
    // moved to the attribute name when the chain spans lines (CPython 3.11's positions).
    Position saved = u_->pos;
    u_->pos = Position{a->lineno, a->end_lineno, a->col_offset, a->end_col_offset};
    match_attr_start(a);
    emit(Op::LOAD_METHOD, static_cast<uint32_t>(add_name(mangled(a->attr))));
    u_->pos = saved;
    match_attr_start(a);
    call_helper(0, c->args, c->keywords);
    u_->pos = saved;
    return;
  }
  emit(Op::PUSH_NULL);
  size_t at = u_->code.size();
  visit_expr(c->func);
  // A global callee: LOAD_GLOBAL pushes the NULL itself (one dispatch, as CPython 3.11).
  if (u_->code.size() == at + 1 && u_->code[at].op == Op::LOAD_GLOBAL && u_->code[at].arg < bytecode::kLoadGlobalPushNull) {
    Instr load = u_->code[at];
    load.arg |= bytecode::kLoadGlobalPushNull;
    u_->code.pop_back();
    u_->code.back() = load;  // replaces the PUSH_NULL; labels placed on it now name the merged instruction
  }
  call_helper(0, c->args, c->keywords);
}

// A multi-line `obj\n  .attr` starts its instructions' positions at the attribute name on its
// own line, so tracebacks underline `.attr`, not the whole chain (CPython 3.11's rule, in code
// points of the name even though columns are UTF-8 bytes).
void Codegen::match_attr_start(const Attribute* a) {
  Position& p = u_->pos;
  if (p.line == a->end_lineno) return;
  p.line = a->end_lineno;
  int len = 0;
  for (unsigned char ch : std::string_view(a->attr))
    if ((ch & 0xC0) != 0x80) len++;
  if (len <= a->end_col_offset) {
    p.col = a->end_col_offset - len;
  } else {
    p.col = p.end_col = -1;
  }
  p.end_line = std::max(p.line, p.end_line);
  if (p.line == p.end_line) p.end_col = std::max(p.col, p.end_col);
}

// Emits arguments and the call. `n_already` positional args are on the stack.
void Codegen::call_helper(int n_already, const Seq<ast::expr*>& args, const Seq<keyword*>& kws) {
  // CPython's validate_keywords: a keyword given twice is a compile-time error.
  for (size_t i = 0; i < kws.size(); i++) {
    if (!kws[i]->arg.data()) continue;
    for (size_t j = i + 1; j < kws.size(); j++) {
      if (kws[j]->arg.data() && kws[j]->arg == kws[i]->arg) {
        error("keyword argument repeated: " + std::string(kws[i]->arg), kws[j]);
        return;
      }
    }
  }
  bool starred = has_starred(args);
  bool dstar = false;
  for (keyword* k : kws) dstar = dstar || !k->arg.data();
  if (!starred && !dstar) {
    for (ast::expr* a : args) visit_expr(a);
    if (!kws.empty()) {
      Ref<> names = steal(PyTuple_New(static_cast<Py_ssize_t>(kws.size())));
      if (!names) { failed_ = true; return; }
      for (size_t i = 0; i < kws.size(); i++) {
        visit_expr(kws[i]->value);
        PyTuple_SET_ITEM(names.obj(), i, PyUnicode_FromStringAndSize(kws[i]->arg.data(), kws[i]->arg.size()));
      }
      emit(Op::KW_NAMES, static_cast<uint32_t>(add_const(names.obj())));
    }
    emit(Op::CALL, static_cast<uint32_t>(n_already + args.size() + kws.size()));
    return;
  }
  // General form: positional args as a tuple, keywords as a dict. A lone
  // `*iterable` goes to CALL_FUNCTION_EX as it is (CPython does the same, and
  // its error then names the callee).
  if (n_already == 0 && args.size() == 1 && as<Starred>(args[0])) {
    visit_expr(as<Starred>(args[0])->value);
  } else {
    emit(Op::BUILD_LIST, static_cast<uint32_t>(n_already));
    for (ast::expr* a : args) {
      if (auto* s = as<Starred>(a)) {
        visit_expr(s->value);
        emit(Op::LIST_EXTEND, 1);
      } else {
        visit_expr(a);
        emit(Op::LIST_APPEND, 1);
      }
    }
    emit(Op::LIST_TO_TUPLE);
  }
  if (!kws.empty()) {
    // As CPython: each run of name=value keywords is one BUILD_MAP, merged (DICT_MERGE) into
    // the first map, so a name repeated by a `**mapping` raises "got multiple values".
    bool have_map = false;
    for (size_t i = 0; i < kws.size();) {
      if (kws[i]->arg.data()) {
        size_t j = i;
        for (; j < kws.size() && kws[j]->arg.data(); j++) {
          Ref<> key = steal(PyUnicode_FromStringAndSize(kws[j]->arg.data(), kws[j]->arg.size()));
          load_const(key.obj());
          visit_expr(kws[j]->value);
        }
        emit(Op::BUILD_MAP, static_cast<uint32_t>(j - i));
        if (have_map) emit(Op::DICT_MERGE, 1);
        have_map = true;
        i = j;
      } else {
        if (!have_map) emit(Op::BUILD_MAP, 0);
        have_map = true;
        visit_expr(kws[i]->value);
        emit(Op::DICT_MERGE, 1);
        i++;
      }
    }
  }
  emit(Op::CALL_FUNCTION_EX, kws.empty() ? 0 : 1);
}

// -- Lambdas and comprehensions -------------------------------------------------------------------------

void Codegen::lambda(Lambda* l) {
  int flags = default_args(l->args);
  Scope* scope = st_.lookup(l);
  enter_unit(scope, "<lambda>", l->lineno);
  u_->argcount = static_cast<int>(l->args->posonlyargs.size() + l->args->args.size());
  u_->posonlyargcount = static_cast<int>(l->args->posonlyargs.size());
  u_->kwonlyargcount = static_cast<int>(l->args->kwonlyargs.size());
  add_const(Py_None);  // no docstring
  visit_expr(l->body);
  emit(Op::RETURN_VALUE);
  Ref<PyCodeObject> co = leave_unit();
  if (!co) { failed_ = true; return; }
  make_closure(co.get(), static_cast<uint32_t>(flags));
}

bool Codegen::check_yield_context(ast::expr* e) {
  ScopeKind k = u_->scope->kind;
  if (k == ScopeKind::Module || k == ScopeKind::Class) {
    error("'yield' outside function", e);
    return false;
  }
  return true;
}

// [iter value] -> [result]: the SEND loop of `yield from` and `await`. Its
// exact shape (SEND exit; YIELD_VALUE 1; JUMP send; exit:) is relied upon by
// generator throw() (see finish_yield_from in generator_object.cpp).
void Codegen::yield_from_loop() {
  int send = new_label(), exit = new_label();
  place(send);
  emit_jump(Op::SEND, exit);
  emit(Op::YIELD_VALUE, 1);
  emit_jump(Op::JUMP, send);
  place(exit);
}

// kind: 0 list, 1 set, 2 dict, 3 generator
void Codegen::comprehension(ast::expr* e, const Seq<ast::comprehension*>& gens, ast::expr* elt,
                            ast::expr* value) {
  int kind = e->kind == expr_kind::ListComp ? 0 : e->kind == expr_kind::SetComp ? 1
           : e->kind == expr_kind::DictComp ? 2 : 3;
  const char* name = kind == 0 ? "<listcomp>" : kind == 1 ? "<setcomp>" : kind == 2 ? "<dictcomp>" : "<genexpr>";
  Scope* scope = st_.lookup(e);
  bool is_async = scope->is_coroutine;
  if (is_async && kind != 3 && !in_async_context() && u_->scope->kind != ScopeKind::Comprehension) {
    error("asynchronous comprehension outside of an asynchronous function", e);
    return;
  }
  enter_unit(scope, name, e->lineno);
  u_->argcount = 1;
  if (kind != 3) emit(kind == 0 ? Op::BUILD_LIST : kind == 1 ? Op::BUILD_SET : Op::BUILD_MAP, 0);
  comprehension_loop(gens, 0, elt, value, kind, 0);
  if (kind == 3) load_none();
  emit(Op::RETURN_VALUE);
  Ref<PyCodeObject> co = leave_unit();
  if (!co) { failed_ = true; return; }
  make_closure(co.get(), 0);
  visit_expr(gens[0]->iter);
  emit(gens[0]->is_async ? Op::GET_AITER : Op::GET_ITER);
  emit(Op::CALL, 0);
  if (is_async && kind != 3) await_tos(0);  // the comprehension is a coroutine
}

void Codegen::comprehension_loop(const Seq<ast::comprehension*>& gens, size_t i, ast::expr* elt,
                                 ast::expr* value, int kind, int depth) {
  ast::comprehension* g = gens[i];
  int head = new_label(), exit = new_label(), skip = new_label();
  if (i == 0) {
    emit(Op::LOAD_FAST, static_cast<uint32_t>(varname_index(".0")));
  } else {
    visit_expr(g->iter);
    emit(g->is_async ? Op::GET_AITER : Op::GET_ITER);
  }
  place(head);
  if (g->is_async) {
    push_handler(Op::SETUP_FINALLY, exit);
    emit(Op::GET_ANEXT);
    load_none();
    yield_from_loop();
    pop_handler();
  } else {
    emit_jump(Op::FOR_ITER, exit);
  }
  store(g->target);
  for (ast::expr* cond : g->ifs) jump_if(cond, false, skip);
  if (i + 1 < gens.size()) {
    comprehension_loop(gens, i + 1, elt, value, kind, depth + 1);
  } else {
    // The collection is below one iterator per loop level.
    uint32_t pos = static_cast<uint32_t>(depth + 2);
    switch (kind) {
      case 0: visit_expr(elt); emit(Op::LIST_APPEND, pos); break;
      case 1: visit_expr(elt); emit(Op::SET_ADD, pos); break;
      case 2: visit_expr(elt); visit_expr(value); emit(Op::MAP_ADD, pos); break;
      case 3: visit_expr(elt); emit(Op::YIELD_VALUE); emit(Op::POP_TOP); break;
    }
  }
  place(skip);
  emit_jump(Op::JUMP, head);
  place(exit);
  if (g->is_async) emit(Op::END_ASYNC_FOR);  // [aiter exc] -> [] on StopAsyncIteration
}

// -- f-strings ------------------------------------------------------------------------------------------

void Codegen::joined_str(JoinedStr* j) {
  if (j->values.empty()) {
    Ref<> s = steal(PyUnicode_FromString(""));
    load_const(s.obj());
    return;
  }
  for (ast::expr* v : j->values) visit_expr(v);
  if (j->values.size() > 1) emit(Op::BUILD_STRING, static_cast<uint32_t>(j->values.size()));
}

void Codegen::formatted_value(FormattedValue* f) {
  visit_expr(f->value);
  uint32_t flags = 0;
  switch (f->conversion) {
    case 's': flags = bytecode::FV_STR; break;
    case 'r': flags = bytecode::FV_REPR; break;
    case 'a': flags = bytecode::FV_ASCII; break;
    default: break;
  }
  if (f->format_spec) {
    visit_expr(f->format_spec);
    flags |= bytecode::FV_HAVE_SPEC;
  }
  emit(Op::FORMAT_VALUE, flags);
}

}  // namespace krait::compiler
