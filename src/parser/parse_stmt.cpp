// parse_stmt.cpp — statement rules of the 3.11 grammar (python.gram, "STATEMENTS").
#include "parser/parser_impl.h"

namespace krait::parser {

namespace {
bool is_aug(Op op, operator_* out) {
  switch (op) {
    case Op::PLUSEQUAL: *out = operator_::Add; return true;
    case Op::MINEQUAL: *out = operator_::Sub; return true;
    case Op::STAREQUAL: *out = operator_::Mult; return true;
    case Op::ATEQUAL: *out = operator_::MatMult; return true;
    case Op::SLASHEQUAL: *out = operator_::Div; return true;
    case Op::PERCENTEQUAL: *out = operator_::Mod; return true;
    case Op::AMPEREQUAL: *out = operator_::BitAnd; return true;
    case Op::VBAREQUAL: *out = operator_::BitOr; return true;
    case Op::CIRCUMFLEXEQUAL: *out = operator_::BitXor; return true;
    case Op::LEFTSHIFTEQUAL: *out = operator_::LShift; return true;
    case Op::RIGHTSHIFTEQUAL: *out = operator_::RShift; return true;
    case Op::DOUBLESTAREQUAL: *out = operator_::Pow; return true;
    case Op::DOUBLESLASHEQUAL: *out = operator_::FloorDiv; return true;
    default: return false;
  }
}
}  // namespace

template <class T>
static T* mk(Arena& a, const Token& t) {
  T* n = a.make<T>();
  n->lineno = t.lineno;
  n->col_offset = t.col_offset;
  return n;
}

#define NODE(T, tok) mk<T>(arena_, tok)
#define FINISH(n)                          \
  do {                                     \
    (n)->end_lineno = last().end_lineno;   \
    (n)->end_col_offset = last().end_col_offset; \
  } while (0)

// -- statement lists ------------------------------------------------------------------

std::vector<stmt*> Parser::statements() {
  std::vector<stmt*> out;
  while (!at_type(TokType::ENDMARKER) && !at_type(TokType::DEDENT)) {
    size_t before = pos_;
    statement(out);
    if (pos_ == before) break;
    if (error) break;
  }
  return out;
}

void Parser::statement(std::vector<stmt*>& out) {
  size_t save = pos_;
  if (stmt* s = compound_stmt()) {
    out.push_back(s);
    return;
  }
  pos_ = save;
  std::vector<stmt*> tmp;
  simple_stmts(tmp);
  if (tmp.empty()) {
    pos_ = save;
    return;
  }
  out.insert(out.end(), tmp.begin(), tmp.end());
}

void Parser::simple_stmts(std::vector<stmt*>& out) {
  for (;;) {
    stmt* s = simple_stmt();
    if (!s) {
      out.clear();
      return;
    }
    out.push_back(s);
    if (accept(Op::SEMI)) {
      if (accept_type(TokType::NEWLINE)) return;
      continue;
    }
    if (accept_type(TokType::NEWLINE)) return;
    out.clear();
    return;
  }
}

stmt* Parser::simple_stmt() {
  Guard g(this);
  const Token& t = cur();
  if (t.type == TokType::NAME) {
    switch (t.op) {
      case Op::KW_return: return return_stmt();
      case Op::KW_import: return import_stmt();
      case Op::KW_from: return from_stmt();
      case Op::KW_raise: return raise_stmt();
      case Op::KW_pass: {
        pos_++;
        auto* n = NODE(Pass, t);
        FINISH(n);
        return n;
      }
      case Op::KW_break: {
        pos_++;
        auto* n = NODE(Break, t);
        FINISH(n);
        return n;
      }
      case Op::KW_continue: {
        pos_++;
        auto* n = NODE(Continue, t);
        FINISH(n);
        return n;
      }
      case Op::KW_del: {
        const Token& n1 = tok(pos_ + 1);
        (void)n1;
        size_t save = pos_;
        if (stmt* s = del_stmt()) return s;
        pos_ = save;
        break;
      }
      case Op::KW_assert: return assert_stmt();
      case Op::KW_global: return global_stmt(false);
      case Op::KW_nonlocal: return global_stmt(true);
      default: break;
    }
  }
  return assignment_or_expr();
}

stmt* Parser::assignment_or_expr() {
  const Token& start = cur();
  size_t stmt_start = pos_;
  // NAME ':' expression ['=' annotated_rhs]
  if (start.type == TokType::NAME && start.op == Op::None && tok(pos_ + 1).type == TokType::OP &&
      tok(pos_ + 1).op == Op::COLON) {
    pos_ += 2;
    auto* target = NODE(Name, start);
    target->id = ident(start);
    target->ctx = expr_context::Store;
    target->end_lineno = start.end_lineno;
    target->end_col_offset = start.end_col_offset;
    expr* ann = expression();
    if (!ann) return nullptr;
    expr* value = nullptr;
    if (accept(Op::EQUAL)) {
      value = at(Op::KW_yield) ? yield_expr() : star_expressions();
      if (!value) return nullptr;
    }
    auto* n = NODE(AnnAssign, start);
    n->target = target;
    n->annotation = ann;
    n->value = value;
    n->simple = 1;
    FINISH(n);
    return n;
  }
  if (error_pass_ && start.type == TokType::NAME && start.op == Op::None &&
      (text(start) == "print" || text(start) == "exec") &&
      !(tok(pos_ + 1).type == TokType::OP && tok(pos_ + 1).op == Op::LPAR)) {
    // invalid_legacy_expression
    size_t save = pos_;
    pos_++;
    error_pass_ = false;
    expr* b = nullptr;
    try {
      b = star_expressions();
    } catch (ParseAbort&) {
      error_pass_ = true;
      throw;
    }
    error_pass_ = true;
    if (b) {
      std::string n(text(start));
      raise_at(ErrorType::SyntaxError,
               "Missing parentheses in call to '" + n + "'. Did you mean " + n + "(...)?",
               start.lineno, start.col_offset, b->end_lineno, b->end_col_offset);
    }
    pos_ = save;
  }
  bool parenthesized = at(Op::LPAR);
  expr* e = at(Op::KW_yield) ? yield_expr() : star_expressions();
  if (!e) return nullptr;
  // Annotated assignment to an attribute, subscript or parenthesized name.
  if (at(Op::COLON)) {
    bool ok = e->kind == expr_kind::Attribute || e->kind == expr_kind::Subscript ||
              (parenthesized && e->kind == expr_kind::Name);
    if (!ok) {
      if (error_pass_) {
        const char* what = e->kind == expr_kind::Tuple ? "tuple"
                           : e->kind == expr_kind::List ? "list"
                                                        : nullptr;
        // invalid_ann_assign_target (a parenthesized tuple or a list) is reported whole;
        // a bare `a, b: int` at its first element (star_named_expression ',' ...).
        if (what && e->kind == expr_kind::Tuple && !parenthesized)
          raise_node(static_cast<Tuple*>(e)->elts[0],
                     "only single target (not tuple) can be annotated");
        if (what) raise_node(e, std::string("only single target (not ") + what + ") can be annotated");
        raise_node(e, "illegal target for annotation");
      }
      return nullptr;
    }
    pos_++;
    expr* ann = expression();
    if (!ann) return nullptr;
    expr* value = nullptr;
    if (accept(Op::EQUAL)) {
      value = at(Op::KW_yield) ? yield_expr() : star_expressions();
      if (!value) return nullptr;
    }
    auto* n = NODE(AnnAssign, start);
    n->target = to_target(e, expr_context::Store);
    n->annotation = ann;
    n->value = value;
    n->simple = 0;
    FINISH(n);
    return n;
  }
  if (at(Op::EQUAL)) {
    std::vector<expr*> targets;
    expr* value = e;
    while (accept(Op::EQUAL)) {
      expr* t = to_target(value, expr_context::Store);
      if (!t) {
        if (error_pass_) {
          // invalid_assignment
          expr* bad = value;
          if (value->kind == expr_kind::Tuple || value->kind == expr_kind::List) {
            for (expr* x : value->kind == expr_kind::Tuple ? static_cast<Tuple*>(value)->elts
                                                           : static_cast<List*>(value)->elts) {
              if (!to_target(x, expr_context::Store)) {
                bad = x;
                break;
              }
            }
          }
          if (bad->kind == expr_kind::Starred) bad = static_cast<Starred*>(bad)->value;
          // invalid_assignment, second alternative: star_named_expression ',' ... reaches
          // invalid_named_expression for each element of the first target list.
          size_t after = pos_;
          pos_ = stmt_start;
          for (;;) {
            if (!star_named_expression()) break;
            if (!accept(Op::COMMA)) break;
            if (at(Op::EQUAL) || at(Op::COLON)) break;
          }
          pos_ = after;
          // A bare `yield x = ...` is its own alternative; a parenthesized one is an
          // invalid star_expressions target like any other.
          if (bad->kind == expr_kind::Yield || bad->kind == expr_kind::YieldFrom) {
            bool parenthesized = false;
            for (size_t i = stmt_start + 1; i < pos_; i++) {
              const Token& tk = tok(i);
              if (tk.lineno == bad->lineno && tk.col_offset == bad->col_offset) {
                parenthesized = tok(i - 1).type == TokType::OP && tok(i - 1).op == Op::LPAR;
                break;
              }
            }
            if (!parenthesized) raise_node(bad, "assignment to yield expression not possible");
          }
          // (star_targets '=')* a=star_expressions '=': RAISE_SYNTAX_ERROR_INVALID_TARGET.
          if (expr* t = invalid_target(value, TargetsKind::Star))
            raise_node(t, std::string("cannot assign to ") + invalid_target_kind(t));
          raise_node(bad, std::string("cannot assign to ") + invalid_target_kind(bad));
        }
        return nullptr;
      }
      targets.push_back(t);
      value = at(Op::KW_yield) ? yield_expr() : star_expressions();
      if (!value) return nullptr;
    }
    auto* n = NODE(Assign, start);
    n->targets = seq(targets);
    n->value = value;
    FINISH(n);
    return n;
  }
  operator_ op;
  if (cur().type == TokType::OP && is_aug(cur().op, &op)) {
    if (e->kind != expr_kind::Name && e->kind != expr_kind::Attribute &&
        e->kind != expr_kind::Subscript) {
      if (error_pass_)
        raise_node(e, std::string("'") + invalid_target_kind(e) +
                          "' is an illegal expression for augmented assignment");
      return nullptr;
    }
    if (parenthesized && e->kind == expr_kind::Name && false) return nullptr;
    pos_++;
    expr* value = at(Op::KW_yield) ? yield_expr() : star_expressions();
    if (!value) return nullptr;
    auto* n = NODE(AugAssign, start);
    n->target = to_target(e, expr_context::Store);
    n->op = op;
    n->value = value;
    FINISH(n);
    return n;
  }
  auto* n = NODE(Expr, start);
  n->value = e;
  FINISH(n);
  return n;
}

stmt* Parser::return_stmt() {
  const Token& t = *accept(Op::KW_return);
  auto* n = NODE(Return, t);
  if (!at_type(TokType::NEWLINE) && !at(Op::SEMI)) {
    n->value = star_expressions();
    if (!n->value) return nullptr;
  }
  FINISH(n);
  return n;
}

stmt* Parser::raise_stmt() {
  const Token& t = *accept(Op::KW_raise);
  auto* n = NODE(Raise, t);
  if (!at_type(TokType::NEWLINE) && !at(Op::SEMI)) {
    n->exc = expression();
    if (!n->exc) return nullptr;
    if (accept(Op::KW_from)) {
      n->cause = expression();
      if (!n->cause) return nullptr;
    }
  }
  FINISH(n);
  return n;
}

stmt* Parser::assert_stmt() {
  const Token& t = *accept(Op::KW_assert);
  auto* n = NODE(Assert, t);
  n->test = expression();
  if (!n->test) return nullptr;
  if (accept(Op::COMMA)) {
    n->msg = expression();
    if (!n->msg) return nullptr;
  }
  FINISH(n);
  return n;
}

stmt* Parser::global_stmt(bool nonlocal) {
  const Token& t = cur();
  pos_++;
  std::vector<Identifier> names;
  for (;;) {
    const Token& nm = cur();
    if (nm.type != TokType::NAME || nm.op != Op::None) return nullptr;
    pos_++;
    names.push_back(ident(nm));
    if (!accept(Op::COMMA)) break;
  }
  if (nonlocal) {
    auto* n = NODE(Nonlocal, t);
    n->names = seq(names);
    FINISH(n);
    return n;
  }
  auto* n = NODE(Global, t);
  n->names = seq(names);
  FINISH(n);
  return n;
}

stmt* Parser::del_stmt() {
  const Token& t = *accept(Op::KW_del);
  // invalid_del_stmt (error pass): `del` followed by star_expressions; the message names the
  // first sub-target that cannot be deleted (`del (1, 2)`: "cannot delete literal").
  const size_t after_del = pos_;
  auto invalid_del = [&]() {
    if (!error_pass_) return;
    const size_t saved = pos_;
    pos_ = after_del;
    if (expr* a = star_expressions()) {
      if (expr* bad = invalid_target(a, TargetsKind::Del))
        raise_node(bad, std::string("cannot delete ") + invalid_target_kind(bad));
    }
    pos_ = saved;
  };
  std::vector<expr*> targets;
  for (;;) {
    expr* e = at(Op::STAR) ? nullptr : primary();
    if (!e) {
      invalid_del();
      return nullptr;
    }
    expr* d = to_target(e, expr_context::Del);
    if (!d) {
      invalid_del();
      return nullptr;
    }
    targets.push_back(d);
    if (!accept(Op::COMMA)) break;
    if (at_type(TokType::NEWLINE) || at(Op::SEMI)) break;
  }
  if (!at_type(TokType::NEWLINE) && !at(Op::SEMI)) {
    invalid_del();
    return nullptr;
  }
  auto* n = NODE(Delete, t);
  n->targets = seq(targets);
  FINISH(n);
  return n;
}

stmt* Parser::import_stmt() {
  const Token& t = *accept(Op::KW_import);
  std::vector<alias*> names;
  for (;;) {
    const Token& s = cur();
    if (s.type != TokType::NAME || s.op != Op::None) return nullptr;
    std::string dotted(text(s));
    pos_++;
    while (at(Op::DOT)) {
      const Token& n1 = tok(pos_ + 1);
      if (n1.type != TokType::NAME || n1.op != Op::None) return nullptr;
      pos_ += 2;
      dotted += ".";
      dotted += ident(n1);
    }
    auto* a = NODE(alias, s);
    a->name = s.end == last().end ? ident(s) : arena_.str(dotted);
    if (accept(Op::KW_as)) {
      const Token& as = cur();
      if (as.type != TokType::NAME || as.op != Op::None) return nullptr;
      pos_++;
      a->asname = ident(as);
    }
    FINISH(a);
    names.push_back(a);
    if (!accept(Op::COMMA)) break;
  }
  auto* n = NODE(Import, t);
  n->names = seq(names);
  FINISH(n);
  return n;
}

stmt* Parser::from_stmt() {
  const Token& t = *accept(Op::KW_from);
  int level = 0;
  for (;;) {
    if (accept(Op::DOT)) level++;
    else if (accept(Op::ELLIPSIS)) level += 3;
    else break;
  }
  Identifier module;
  if (cur().type == TokType::NAME && cur().op == Op::None) {
    std::string dotted(ident(cur()));
    pos_++;
    while (at(Op::DOT)) {
      const Token& n1 = tok(pos_ + 1);
      if (n1.type != TokType::NAME || n1.op != Op::None) return nullptr;
      pos_ += 2;
      dotted += ".";
      dotted += ident(n1);
    }
    module = arena_.str(dotted);
  } else if (level == 0) {
    return nullptr;
  }
  if (!accept(Op::KW_import)) return nullptr;
  std::vector<alias*> names;
  if (const Token* star = accept(Op::STAR)) {
    auto* a = NODE(alias, *star);
    a->name = arena_.str("*");
    FINISH(a);
    names.push_back(a);
  } else {
    bool paren = accept(Op::LPAR) != nullptr;
    for (;;) {
      const Token& s = cur();
      if (s.type != TokType::NAME || s.op != Op::None) return nullptr;
      pos_++;
      auto* a = NODE(alias, s);
      a->name = ident(s);
      if (accept(Op::KW_as)) {
        const Token& as = cur();
        if (as.type != TokType::NAME || as.op != Op::None) return nullptr;
        pos_++;
        a->asname = ident(as);
      }
      FINISH(a);
      names.push_back(a);
      if (!accept(Op::COMMA)) break;
      if (paren && at(Op::RPAR)) break;
      if (!paren && (at_type(TokType::NEWLINE))) {
        if (error_pass_)
          raise_at(ErrorType::SyntaxError, "trailing comma not allowed without surrounding parentheses",
                   0, -2, 0, -2);
        return nullptr;
      }
    }
    if (paren && !accept(Op::RPAR)) return nullptr;
  }
  auto* n = NODE(ImportFrom, t);
  n->module = module;
  n->names = seq(names);
  n->level = level;
  FINISH(n);
  return n;
}

// -- compound statements ---------------------------------------------------------------

Seq<stmt*> Parser::block(const Token& owner, const char* what) {
  if (accept_type(TokType::NEWLINE)) {
    if (!accept_type(TokType::INDENT)) {
      if (error_pass_ && what) {
        raise_at(ErrorType::IndentationError,
                 std::string("expected an indented block after ") + what + " on line " +
                     std::to_string(owner.lineno),
                 0, -2, 0, -2);
      }
      return {};
    }
    std::vector<stmt*> body = statements();
    if (body.empty() || !accept_type(TokType::DEDENT)) return {};
    return seq(body);
  }
  std::vector<stmt*> body;
  simple_stmts(body);
  return seq(body);
}

stmt* Parser::compound_stmt() {
  Guard g(this);
  const Token& t = cur();
  if (t.type == TokType::OP && t.op == Op::AT) {
    std::vector<expr*> decos;
    while (accept(Op::AT)) {
      expr* d = named_expression();
      if (!d || !accept_type(TokType::NEWLINE)) return nullptr;
      decos.push_back(d);
    }
    if (at(Op::KW_def)) return function_def(decos, nullptr);
    if (at(Op::KW_async) && tok(pos_ + 1).op == Op::KW_def) {
      const Token* a = accept(Op::KW_async);
      return function_def(decos, a);
    }
    if (at(Op::KW_class)) return class_def(decos);
    return nullptr;
  }
  if (t.type != TokType::NAME) return nullptr;
  switch (t.op) {
    case Op::KW_def: return function_def({}, nullptr);
    case Op::KW_if: return if_stmt(false);
    case Op::KW_class: return class_def({});
    case Op::KW_with: return with_stmt(nullptr);
    case Op::KW_for: return for_stmt(nullptr);
    case Op::KW_try: return try_stmt();
    case Op::KW_while: return while_stmt();
    case Op::KW_async: {
      const Token& n1 = tok(pos_ + 1);
      if (n1.type != TokType::NAME) return nullptr;
      const Token* a = &t;
      if (n1.op == Op::KW_def) { pos_++; return function_def({}, a); }
      if (n1.op == Op::KW_with) { pos_++; return with_stmt(a); }
      if (n1.op == Op::KW_for) { pos_++; return for_stmt(a); }
      return nullptr;
    }
    case Op::None:
      if (text(t) == "match") {
        size_t save = pos_;
        if (stmt* s = match_stmt()) return s;
        if (error) return nullptr;
        pos_ = save;
      }
      return nullptr;
    default:
      return nullptr;
  }
}

stmt* Parser::function_def(std::vector<expr*> decorators, const Token* async_tok) {
  const Token& def = *accept(Op::KW_def);
  const Token& name = cur();
  if (name.type != TokType::NAME || name.op != Op::None) return nullptr;
  pos_++;
  if (!accept(Op::LPAR)) return nullptr;
  arguments* args = params(false, Op::RPAR);
  if (!args || !accept(Op::RPAR)) return nullptr;
  expr* returns = nullptr;
  if (at(Op::RARROW)) {
    size_t save = pos_;
    pos_++;
    returns = expression();
    if (!returns) pos_ = save;  // ['->' expression] is optional: fall to &&':'
  }
  if (!accept(Op::COLON)) {
    if (error_pass_) raise_tok(cur(), "expected ':'");
    return nullptr;
  }
  Seq<stmt*> body = block(def, "function definition");
  if (body.empty()) return nullptr;
  const Token& start = async_tok ? *async_tok : def;
  if (async_tok) {
    auto* n = NODE(AsyncFunctionDef, start);
    n->name = ident(name);
    n->args = args;
    n->body = body;
    n->decorator_list = seq(decorators);
    n->returns = returns;
    FINISH(n);
    return n;
  }
  auto* n = NODE(FunctionDef, start);
  n->name = ident(name);
  n->args = args;
  n->body = body;
  n->decorator_list = seq(decorators);
  n->returns = returns;
  FINISH(n);
  return n;
}

arg* Parser::param(bool lambda, bool star) {
  const Token& nm = cur();
  if (nm.type != TokType::NAME || nm.op != Op::None) return nullptr;
  pos_++;
  auto* a = NODE(arg, nm);
  a->arg = ident(nm);
  if (!lambda && accept(Op::COLON)) {
    if (star && at(Op::STAR)) {
      a->annotation = star_expression();
    } else {
      a->annotation = expression();
    }
    if (!a->annotation) return nullptr;
  }
  FINISH(a);
  return a;
}

arguments* Parser::params(bool lambda, Op closing) {
  auto* A = arena_.make<arguments>();
  std::vector<arg*> posonly, args, kwonly;
  std::vector<expr*> defaults, kw_defaults;
  arg* vararg = nullptr;
  arg* kwarg = nullptr;
  bool seen_star = false, seen_default = false;
  size_t bare_star_pos = 0, bare_star_next = 0;
  while (!at(closing)) {
    if (accept(Op::SLASH)) {
      if (seen_star || !posonly.empty() || args.empty()) {
        if (error_pass_) {
          if (seen_star) raise_tok(last(), "/ must be ahead of *");
          if (args.empty()) raise_tok(last(), "at least one argument must precede /");
          raise_tok(last(), "/ may appear only once");
        }
        return nullptr;
      }
      posonly = args;
      args.clear();
    } else if (accept(Op::STAR)) {
      if (seen_star) {
        if (error_pass_) raise_tok(last(), "* argument may appear only once");
        return nullptr;
      }
      seen_star = true;
      bare_star_pos = pos_ - 1;
      bare_star_next = at(Op::COMMA) && tok(pos_ + 1).type == TokType::OP &&
                               tok(pos_ + 1).op == Op::DOUBLESTAR
                           ? pos_ + 1
                           : pos_;
      if (!at(Op::COMMA) && !at(closing)) {
        vararg = param(lambda, true);
        if (!vararg) return nullptr;
      }
    } else if (accept(Op::DOUBLESTAR)) {
      kwarg = param(lambda, false);
      if (!kwarg) return nullptr;
      accept(Op::COMMA);
      break;
    } else {
      arg* a = param(lambda, false);
      if (!a) return nullptr;
      expr* d = nullptr;
      if (accept(Op::EQUAL)) {
        d = expression();
        if (!d) return nullptr;
      }
      if (seen_star) {
        kwonly.push_back(a);
        kw_defaults.push_back(d);
      } else {
        if (d) {
          defaults.push_back(d);
          seen_default = true;
        } else if (seen_default) {
          if (error_pass_) raise_node(a, "non-default argument follows default argument");
          return nullptr;
        }
        args.push_back(a);
      }
    }
    if (!accept(Op::COMMA)) break;
  }
  if (seen_star && !vararg && kwonly.empty()) {
    // invalid_star_etc: at the '*'; invalid_lambda_star_etc: RAISE_SYNTAX_ERROR, i.e. at
    // the last token fetched (':' or '**').
    if (error_pass_) {
      if (lambda) raise_tok(tokens_[bare_star_next], "named arguments must follow bare *");
      raise_tok(tokens_[bare_star_pos], "named arguments must follow bare *");
    }
    return nullptr;
  }
  A->posonlyargs = seq(posonly);
  A->args = seq(args);
  A->vararg = vararg;
  A->kwonlyargs = seq(kwonly);
  A->kw_defaults = seq(kw_defaults);
  A->kwarg = kwarg;
  A->defaults = seq(defaults);
  return A;
}

stmt* Parser::class_def(std::vector<expr*> decorators) {
  const Token& kw = *accept(Op::KW_class);
  const Token& name = cur();
  if (name.type != TokType::NAME || name.op != Op::None) return nullptr;
  pos_++;
  Seq<expr*> bases;
  Seq<keyword*> keywords;
  if (at(Op::LPAR)) {
    auto* dummy = NODE(Name, name);
    expr* c = call_tail(dummy, name);
    if (!c) return nullptr;
    bases = static_cast<Call*>(c)->args;
    keywords = static_cast<Call*>(c)->keywords;
  }
  if (!accept(Op::COLON)) {
    if (error_pass_) raise_tok(cur(), "expected ':'");
    return nullptr;
  }
  Seq<stmt*> body = block(kw, "class definition");
  if (body.empty()) return nullptr;
  auto* n = NODE(ClassDef, kw);
  n->name = ident(name);
  n->bases = bases;
  n->keywords = keywords;
  n->body = body;
  n->decorator_list = seq(decorators);
  FINISH(n);
  return n;
}

#define end_at(n, body) FINISH(n)

stmt* Parser::if_stmt(bool elif) {
  const Token& kw = cur();
  pos_++;
  expr* test = named_expression();
  if (!test) return nullptr;
  if (!accept(Op::COLON)) {
    if (error_pass_) raise_tok(cur(), "expected ':'");
    return nullptr;
  }
  Seq<stmt*> body = block(kw, elif ? "'elif' statement" : "'if' statement");
  if (body.empty()) return nullptr;
  auto* n = NODE(If, kw);
  n->test = test;
  n->body = body;
  end_at(n, body);
  if (at(Op::KW_elif)) {
    stmt* e = if_stmt(true);
    if (!e) return nullptr;
    n->orelse = seq(std::vector<stmt*>{e});
    FINISH(n);
  } else if (at(Op::KW_else)) {
    const Token& ekw = cur();
    pos_++;
    if (!accept(Op::COLON)) {
      if (error_pass_) raise_tok(cur(), "expected ':'");
      return nullptr;
    }
    Seq<stmt*> orelse = block(ekw, "'else' statement");
    if (orelse.empty()) return nullptr;
    n->orelse = orelse;
    end_at(n, orelse);
  }
  return n;
}

stmt* Parser::while_stmt() {
  const Token& kw = *accept(Op::KW_while);
  expr* test = named_expression();
  if (!test) return nullptr;
  if (!accept(Op::COLON)) {
    if (error_pass_) raise_tok(cur(), "expected ':'");
    return nullptr;
  }
  Seq<stmt*> body = block(kw, "'while' statement");
  if (body.empty()) return nullptr;
  auto* n = NODE(While, kw);
  n->test = test;
  n->body = body;
  end_at(n, body);
  if (at(Op::KW_else)) {
    const Token& ekw = cur();
    pos_++;
    if (!accept(Op::COLON)) return nullptr;
    Seq<stmt*> orelse = block(ekw, "'else' statement");
    if (orelse.empty()) return nullptr;
    n->orelse = orelse;
    end_at(n, orelse);
  }
  return n;
}

stmt* Parser::for_stmt(const Token* async_tok) {
  const Token& kw = *accept(Op::KW_for);
  size_t target_pos = pos_;
  expr* target = target_list(&kw);
  if (!target || !at(Op::KW_in)) {
    if (error_pass_) invalid_for_target(target_pos);
    return nullptr;
  }
  pos_++;
  expr* iter = star_expressions();
  if (!iter) return nullptr;
  if (!accept(Op::COLON)) {
    if (error_pass_) raise_tok(cur(), "expected ':'");
    return nullptr;
  }
  Seq<stmt*> body = block(kw, "'for' statement");
  if (body.empty()) return nullptr;
  Seq<stmt*> orelse;
  if (at(Op::KW_else)) {
    const Token& ekw = cur();
    pos_++;
    if (!accept(Op::COLON)) return nullptr;
    orelse = block(ekw, "'else' statement");
    if (orelse.empty()) return nullptr;
  }
  stmt* r;
  if (async_tok) {
    auto* n = NODE(AsyncFor, *async_tok);
    n->target = target;
    n->iter = iter;
    n->body = body;
    n->orelse = orelse;
    r = n;
  } else {
    auto* n = NODE(For, kw);
    n->target = target;
    n->iter = iter;
    n->body = body;
    n->orelse = orelse;
    r = n;
  }
  end_at(r, orelse.empty() ? body : orelse);
  return r;
}

withitem* Parser::with_item() {
  expr* e = expression();
  if (!e) return nullptr;
  auto* w = arena_.make<withitem>();
  w->context_expr = e;
  if (at(Op::KW_as)) {
    size_t save = pos_;
    pos_++;
    expr* t = target_primary_elt();
    if (t && t->kind != expr_kind::Starred) t = to_target(t, expr_context::Store);
    else t = nullptr;
    if (!t || !(at(Op::COMMA) || at(Op::RPAR) || at(Op::COLON))) {
      pos_ = save;
      return nullptr;
    }
    w->optional_vars = t;
  }
  return w;
}

stmt* Parser::with_stmt(const Token* async_tok) {
  const Token& kw = *accept(Op::KW_with);
  std::vector<withitem*> items;
  bool done = false;
  if (at(Op::LPAR)) {
    size_t save = pos_;
    pos_++;
    for (;;) {
      withitem* w = with_item();
      if (!w) break;
      items.push_back(w);
      if (!accept(Op::COMMA)) break;
      if (at(Op::RPAR)) break;
    }
    if (!items.empty() && accept(Op::RPAR) && at(Op::COLON)) {
      done = true;
    } else {
      items.clear();
      pos_ = save;
    }
  }
  if (!done) {
    for (;;) {
      withitem* w = with_item();
      if (!w) return nullptr;
      items.push_back(w);
      if (!accept(Op::COMMA)) break;
    }
  }
  if (!accept(Op::COLON)) {
    if (error_pass_) raise_tok(cur(), "expected ':'");
    return nullptr;
  }
  Seq<stmt*> body = block(kw, "'with' statement");
  if (body.empty()) return nullptr;
  stmt* r;
  if (async_tok) {
    auto* n = NODE(AsyncWith, *async_tok);
    n->items = seq(items);
    n->body = body;
    r = n;
  } else {
    auto* n = NODE(With, kw);
    n->items = seq(items);
    n->body = body;
    r = n;
  }
  end_at(r, body);
  return r;
}

stmt* Parser::try_stmt() {
  const Token& kw = *accept(Op::KW_try);
  if (!accept(Op::COLON)) {
    if (error_pass_) raise_tok(cur(), "expected ':'");
    return nullptr;
  }
  Seq<stmt*> body = block(kw, "'try' statement");
  if (body.empty()) return nullptr;
  std::vector<excepthandler*> handlers;
  Seq<stmt*> orelse, finalbody;
  int star = -1;
  while (at(Op::KW_except)) {
    const Token& ekw = cur();
    pos_++;
    bool is_star = accept(Op::STAR) != nullptr;
    if (star == -1) star = is_star;
    else if (star != is_star) {
      if (error_pass_) {
        // Located on the offending `except` or `except*` (the star included).
        const Token& last = tokens_[pos_ - 1];
        raise_at(ErrorType::SyntaxError, "cannot have both 'except' and 'except*' on the same 'try'",
                 ekw.lineno, ekw.col_offset, last.end_lineno, last.end_col_offset);
      }
      return nullptr;
    }
    auto* h = NODE(ExceptHandler, ekw);
    if (!at(Op::COLON)) {
      h->type = expressions();
      if (!h->type) return nullptr;
      if (accept(Op::KW_as)) {
        const Token& nm = cur();
        if (nm.type != TokType::NAME || nm.op != Op::None) return nullptr;
        pos_++;
        h->name = ident(nm);
      }
    } else if (is_star) {
      if (error_pass_) raise_tok(cur(), "expected one or more exception types");
      return nullptr;
    }
    if (!accept(Op::COLON)) {
      if (error_pass_) raise_tok(cur(), "expected ':'");
      return nullptr;
    }
    Seq<stmt*> hb = block(ekw, is_star ? "'except*' statement" : "'except' statement");
    if (hb.empty()) return nullptr;
    h->body = hb;
    FINISH(h);
    handlers.push_back(h);
  }
  if (!handlers.empty() && at(Op::KW_else)) {
    const Token& ekw = cur();
    pos_++;
    if (!accept(Op::COLON)) return nullptr;
    orelse = block(ekw, "'else' statement");
    if (orelse.empty()) return nullptr;
  }
  if (at(Op::KW_finally)) {
    const Token& fkw = cur();
    pos_++;
    if (!accept(Op::COLON)) return nullptr;
    finalbody = block(fkw, "'finally' statement");
    if (finalbody.empty()) return nullptr;
  }
  if (handlers.empty() && finalbody.empty()) {
    if (error_pass_) raise_tok(cur(), "expected 'except' or 'finally' block");
    return nullptr;
  }
  stmt* r;
  if (star == 1) {
    auto* n = NODE(TryStar, kw);
    n->body = body;
    n->handlers = seq(handlers);
    n->orelse = orelse;
    n->finalbody = finalbody;
    r = n;
  } else {
    auto* n = NODE(Try, kw);
    n->body = body;
    n->handlers = seq(handlers);
    n->orelse = orelse;
    n->finalbody = finalbody;
    r = n;
  }
  FINISH(r);
  return r;
}

}  // namespace krait::parser
