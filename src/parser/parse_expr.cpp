// parse_expr.cpp — expression rules of the 3.11 grammar (python.gram, "EXPRESSIONS").
#include <cstring>

#include "parser/parser_impl.h"
#include "parser/unicode_adapter.h"

namespace krait::parser {

// -- token plumbing ------------------------------------------------------------------

const Token& Parser::tok(size_t i) {
  while (tokens_.size() <= i) {
    if (!tokens_.empty() && tokens_.back().type == TokType::ERRORTOKEN) return tokens_.back();
    if (!tokens_.empty() && tokens_.back().type == TokType::ENDMARKER) return tokens_.back();
    Token t = tokenizer_.next();
    if (shift_line_ && tokenizer_.lineno() == shift_line_ && t.col_offset >= 0) {
      t.col_offset += col_shift_;
      t.end_col_offset += col_shift_;
    }
    tokens_.push_back(t);
    if (t.type == TokType::ERRORTOKEN) {
      // Tokenizer errors are final: CPython's first pass stops on them.
      error = tokenizer_.error();
      throw ParseAbort{};
    }
  }
  return tokens_[i];
}

bool Parser::at_soft(const char* kw) {
  const Token& t = cur();
  return t.type == TokType::NAME && t.op == Op::None && text(t) == kw;
}

const Token* Parser::accept(Op op) {
  if (at(op)) return &tokens_[pos_++];
  return nullptr;
}

const Token* Parser::accept_type(TokType t) {
  if (cur().type == t) return &tokens_[pos_++];
  return nullptr;
}

void Parser::enter() {
  // Bracket nesting is limited by the tokenizer (200, "too many nested parentheses");
  // other recursion (unary operators, lambda, await, ...) by this counter.  CPython fails
  // such input with MemoryError (parser stack) or RecursionError (AST construction).
  if (++depth_ > 3000) {
    SyntaxErrorInfo e;
    e.type = ErrorType::MemoryError;
    e.has_end = false;
    error = e;
    throw ParseAbort{};
  }
}

// -- star_expressions ------------------------------------------------------------------

expr* Parser::star_expressions() {
  const Token& start = cur();
  expr* first = star_expression();
  if (!first) return nullptr;
  if (!at(Op::COMMA)) return first;
  std::vector<expr*> elts{first};
  while (accept(Op::COMMA)) {
    size_t save = pos_;
    expr* e = star_expression();
    if (!e) {
      pos_ = save;
      break;
    }
    elts.push_back(e);
  }
  auto* t = node<Tuple>(start);
  t->elts = seq(elts);
  t->ctx = expr_context::Load;
  finish(t);
  return t;
}

expr* Parser::star_expression() {
  if (const Token* s = accept(Op::STAR)) {
    expr* v = bitwise_or();
    if (!v) return nullptr;
    auto* n = node<Starred>(*s);
    n->value = v;
    n->ctx = expr_context::Load;
    finish(n);
    return n;
  }
  return expression();
}

expr* Parser::star_named_expression() {
  if (const Token* s = accept(Op::STAR)) {
    expr* v = bitwise_or();
    if (!v) return nullptr;
    auto* n = node<Starred>(*s);
    n->value = v;
    n->ctx = expr_context::Load;
    finish(n);
    return n;
  }
  return named_expression();
}

expr* Parser::named_expression(bool invalid_rules) {
  const Token& t = cur();
  if (t.type == TokType::NAME && t.op == Op::None && tok(pos_ + 1).type == TokType::OP &&
      tok(pos_ + 1).op == Op::COLONEQUAL) {
    size_t save = pos_;
    pos_++;
    auto* target = node<Name>(t);
    target->id = ident(t);
    target->ctx = expr_context::Store;
    finish(target);
    pos_++;
    expr* v = expression();
    if (!v) {
      pos_ = save;
      return nullptr;
    }
    auto* n = node<NamedExpr>(t);
    n->target = target;
    n->value = v;
    finish(n);
    return n;
  }
  size_t start = pos_;
  expr* e = expression();
  if (e && error_pass_ && invalid_rules) invalid_named_expression(start, e);
  return e;
}

// invalid_named_expression, checked after `e` was parsed from token `start`:
//   a=expression ':=' expression                      -> cannot use assignment expressions
//   a=NAME '=' b=bitwise_or !('='|':=')               -> Maybe you meant '==' or ':='
//   !(list|tuple|genexp|True|None|False) a=bitwise_or '=' bitwise_or !('='|':=')
//                                                     -> cannot assign to X here
// The trial parses run without invalid rules (as nested rules were already tried while
// parsing `e`), which keeps the error pass linear.
void Parser::invalid_named_expression(size_t start, expr* e) {
  if (at(Op::COLONEQUAL))
    raise_node(e, std::string("cannot use assignment expressions with ") +
                      invalid_target_kind(e));
  if (!at(Op::EQUAL)) return;
  size_t after = pos_;
  struct NoErrors {
    Parser* p;
    explicit NoErrors(Parser* p) : p(p) { p->error_pass_ = false; }
    ~NoErrors() { p->error_pass_ = true; }
  };
  auto rhs_ok = [&]() {
    // '=' bitwise_or !('='|':=')
    pos_++;
    expr* b;
    {
      NoErrors ne(this);
      b = bitwise_or();
    }
    if (!b || at(Op::EQUAL) || at(Op::COLONEQUAL)) return static_cast<expr*>(nullptr);
    return b;
  };
  const Token& st = tokens_[start];
  if (st.type == TokType::NAME && st.op == Op::None && pos_ == start + 1) {
    if (expr* b = rhs_ok())
      raise_range(e, b, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    pos_ = after;
    return;
  }
  if (st.type == TokType::NAME &&
      (st.op == Op::KW_True || st.op == Op::KW_False || st.op == Op::KW_None))
    return;
  if (starts_with_display(start)) return;
  pos_ = start;
  expr* a;
  {
    NoErrors ne(this);
    a = bitwise_or();
  }
  if (a && at(Op::EQUAL) && rhs_ok())
    raise_node(a, std::string("cannot assign to ") + invalid_target_kind(a) +
                      " here. Maybe you meant '==' instead of '='?");
  pos_ = after;
}

// The negative lookahead !(list|tuple|genexp): does a list display, a parenthesized
// tuple or a generator expression start at token `start`?
bool Parser::starts_with_display(size_t start) {
  const Token& st = tokens_[start];
  if (st.type != TokType::OP || (st.op != Op::LSQB && st.op != Op::LPAR)) return false;
  size_t save = pos_;
  pos_ = start;
  bool prev = error_pass_;
  error_pass_ = false;
  expr* a = nullptr;
  try {
    a = atom();
  } catch (ParseAbort&) {
    error_pass_ = prev;
    throw;
  }
  error_pass_ = prev;
  pos_ = save;
  if (!a) return false;
  if (st.op == Op::LSQB) return a->kind == expr_kind::List;
  if (a->kind == expr_kind::GeneratorExp) return true;
  // A tuple, but not a parenthesized expression that happens to be a tuple inside.
  return a->kind == expr_kind::Tuple && a->lineno == st.lineno && a->col_offset == st.col_offset;
}

expr* Parser::expressions() {
  const Token& start = cur();
  expr* first = expression();
  if (!first) return nullptr;
  if (!at(Op::COMMA)) return first;
  std::vector<expr*> elts{first};
  while (accept(Op::COMMA)) {
    size_t save = pos_;
    expr* e = expression();
    if (!e) {
      pos_ = save;
      break;
    }
    elts.push_back(e);
  }
  auto* t = node<Tuple>(start);
  t->elts = seq(elts);
  t->ctx = expr_context::Load;
  finish(t);
  return t;
}

expr* Parser::expression() {
  uint64_t key = (static_cast<uint64_t>(pos_) << 1) | (error_pass_ ? 1 : 0);
  auto it = expr_memo_.find(key);
  if (it != expr_memo_.end()) {
    pos_ = it->second.second;
    return it->second.first;
  }
  expr* r = expression_uncached();  // a ParseAbort propagates: nothing to cache
  expr_memo_[key] = {r, pos_};
  return r;
}

expr* Parser::expression_uncached() {
  Guard g(this);
  if (at(Op::KW_lambda)) return lambdef();
  const Token& start = cur();
  bool name_string = error_pass_ && start.type == TokType::NAME &&
                     tok(pos_ + 1).type == TokType::STRING;
  bool soft = start.type == TokType::NAME && start.op == Op::None &&
              (text(start) == "match" || text(start) == "case" || text(start) == "_");
  expr* a = disjunction();
  if (!a) return nullptr;
  if (error_pass_ && !name_string && !soft && !at(Op::KW_if) && tokens_[pos_ - 1].level > 0) {
    // invalid_expression: two expressions in a row inside brackets.
    bool legacy = a->kind == expr_kind::Name &&
                  (static_cast<Name*>(a)->id == "print" || static_cast<Name*>(a)->id == "exec");
    size_t save = pos_;
    if (!legacy && !at(Op::KW_lambda)) {
      error_pass_ = false;
      expr* b = nullptr;
      try {
        b = expression();
      } catch (ParseAbort&) {
        error_pass_ = true;
        throw;
      }
      error_pass_ = true;
      if (b) raise_range(a, b, "invalid syntax. Perhaps you forgot a comma?");
    }
    pos_ = save;
  }
  if (at(Op::KW_if)) {
    size_t save = pos_;
    pos_++;
    expr* test = disjunction();
    size_t after_test = pos_;
    if (test && accept(Op::KW_else)) {
      expr* orelse = expression();
      if (orelse) {
        auto* n = node<IfExp>(start);
        n->test = test;
        n->body = a;
        n->orelse = orelse;
        finish(n);
        return n;
      }
    }
    pos_ = after_test;
    if (error_pass_ && test && !at(Op::KW_else)) {
      // invalid_expression: a=disjunction 'if' b=disjunction !('else'|':')
      if (!at(Op::COLON))
        raise_range(a, test, "expected 'else' after 'if' expression");
    }
    pos_ = save;
  }
  return a;
}

expr* Parser::yield_expr() {
  const Token* y = accept(Op::KW_yield);
  if (!y) return nullptr;
  if (accept(Op::KW_from)) {
    expr* v = expression();
    if (!v) return nullptr;
    auto* n = node<YieldFrom>(*y);
    n->value = v;
    finish(n);
    return n;
  }
  auto* n = node<Yield>(*y);
  size_t save = pos_;
  expr* v = star_expressions();
  if (!v) pos_ = save;
  n->value = v;
  finish(n);
  return n;
}

expr* Parser::lambdef() {
  const Token* l = accept(Op::KW_lambda);
  arguments* a = params(true, Op::COLON);
  if (!a) return nullptr;
  if (!accept(Op::COLON)) return nullptr;
  expr* body = expression();
  if (!body) return nullptr;
  auto* n = node<Lambda>(*l);
  n->args = a;
  n->body = body;
  finish(n);
  return n;
}

// -- boolean and comparison operators -------------------------------------------------

expr* Parser::disjunction() {
  const Token& start = cur();
  expr* a = conjunction();
  if (!a || !at(Op::KW_or)) return a;
  std::vector<expr*> vals{a};
  while (at(Op::KW_or)) {
    size_t save = pos_;
    pos_++;
    expr* b = conjunction();
    if (!b) {
      pos_ = save;
      break;
    }
    vals.push_back(b);
  }
  if (vals.size() == 1) return a;
  auto* n = node<BoolOp>(start);
  n->op = boolop::Or;
  n->values = seq(vals);
  finish(n);
  return n;
}

expr* Parser::conjunction() {
  const Token& start = cur();
  expr* a = inversion();
  if (!a || !at(Op::KW_and)) return a;
  std::vector<expr*> vals{a};
  while (at(Op::KW_and)) {
    size_t save = pos_;
    pos_++;
    expr* b = inversion();
    if (!b) {
      pos_ = save;
      break;
    }
    vals.push_back(b);
  }
  if (vals.size() == 1) return a;
  auto* n = node<BoolOp>(start);
  n->op = boolop::And;
  n->values = seq(vals);
  finish(n);
  return n;
}

expr* Parser::inversion() {
  Guard g(this);
  if (const Token* t = accept(Op::KW_not)) {
    expr* v = inversion();
    if (!v) return nullptr;
    auto* n = node<UnaryOp>(*t);
    n->op = unaryop::Not;
    n->operand = v;
    finish(n);
    return n;
  }
  return comparison();
}

expr* Parser::comparison() {
  const Token& start = cur();
  expr* a = bitwise_or();
  if (!a) return nullptr;
  std::vector<cmpop> ops;
  std::vector<expr*> comps;
  for (;;) {
    size_t save = pos_;
    cmpop op;
    const Token& t = cur();
    if (t.type != TokType::OP && t.type != TokType::NAME) break;
    switch (t.op) {
      case Op::EQEQUAL: op = cmpop::Eq; break;
      case Op::NOTEQUAL: op = cmpop::NotEq; break;
      case Op::LESS: op = cmpop::Lt; break;
      case Op::LESSEQUAL: op = cmpop::LtE; break;
      case Op::GREATER: op = cmpop::Gt; break;
      case Op::GREATEREQUAL: op = cmpop::GtE; break;
      case Op::KW_in: op = cmpop::In; break;
      case Op::KW_not:
        if (tok(pos_ + 1).op != Op::KW_in || tok(pos_ + 1).type != TokType::NAME) goto done;
        pos_++;
        op = cmpop::NotIn;
        break;
      case Op::KW_is:
        if (tok(pos_ + 1).type == TokType::NAME && tok(pos_ + 1).op == Op::KW_not) {
          pos_++;
          op = cmpop::IsNot;
        } else {
          op = cmpop::Is;
        }
        break;
      default:
        goto done;
    }
    pos_++;
    {
      expr* b = bitwise_or();
      if (!b) {
        pos_ = save;
        break;
      }
      ops.push_back(op);
      comps.push_back(b);
    }
  }
done:
  if (ops.empty()) return a;
  auto* n = node<Compare>(start);
  n->left = a;
  n->ops = seq(ops);
  n->comparators = seq(comps);
  finish(n);
  return n;
}

// -- binary operators -------------------------------------------------------------------

namespace {
struct BinLevel {
  Op tok;
  operator_ op;
};
}  // namespace

#define KRAIT_BINARY_RULE(name, next, ...)                                  \
  expr* Parser::name() {                                                    \
    static const BinLevel kOps[] = {__VA_ARGS__};                           \
    const Token& start = cur();                                             \
    expr* a = next();                                                       \
    if (!a) return nullptr;                                                 \
    for (;;) {                                                              \
      const Token& t = cur();                                               \
      if (t.type != TokType::OP) break;                                     \
      const BinLevel* m = nullptr;                                          \
      for (const auto& l : kOps)                                            \
        if (l.tok == t.op) m = &l;                                          \
      if (!m) break;                                                        \
      size_t save = pos_;                                                   \
      pos_++;                                                               \
      expr* b = next();                                                     \
      if (!b) {                                                             \
        pos_ = save;                                                        \
        break;                                                              \
      }                                                                     \
      auto* n = node<BinOp>(start);                                        \
      n->left = a;                                                          \
      n->op = m->op;                                                        \
      n->right = b;                                                         \
      finish(n);                                                            \
      a = n;                                                                \
    }                                                                       \
    return a;                                                               \
  }

KRAIT_BINARY_RULE(bitwise_or, bitwise_xor, {Op::VBAR, operator_::BitOr})
KRAIT_BINARY_RULE(bitwise_xor, bitwise_and, {Op::CIRCUMFLEX, operator_::BitXor})
KRAIT_BINARY_RULE(bitwise_and, shift_expr, {Op::AMPER, operator_::BitAnd})
KRAIT_BINARY_RULE(shift_expr, sum, {Op::LEFTSHIFT, operator_::LShift},
                  {Op::RIGHTSHIFT, operator_::RShift})
KRAIT_BINARY_RULE(sum, term, {Op::PLUS, operator_::Add}, {Op::MINUS, operator_::Sub})
KRAIT_BINARY_RULE(term, factor, {Op::STAR, operator_::Mult}, {Op::SLASH, operator_::Div},
                  {Op::DOUBLESLASH, operator_::FloorDiv}, {Op::PERCENT, operator_::Mod},
                  {Op::AT, operator_::MatMult})
#undef KRAIT_BINARY_RULE

expr* Parser::factor() {
  Guard g(this);
  const Token& t = cur();
  if (t.type == TokType::OP && (t.op == Op::PLUS || t.op == Op::MINUS || t.op == Op::TILDE)) {
    pos_++;
    expr* v = factor();
    if (!v) return nullptr;
    auto* n = node<UnaryOp>(t);
    n->op = t.op == Op::PLUS ? unaryop::UAdd : t.op == Op::MINUS ? unaryop::USub : unaryop::Invert;
    n->operand = v;
    finish(n);
    return n;
  }
  return power();
}

expr* Parser::power() {
  const Token& start = cur();
  expr* a = await_primary();
  if (!a) return nullptr;
  if (at(Op::DOUBLESTAR)) {
    size_t save = pos_;
    pos_++;
    expr* b = factor();
    if (!b) {
      pos_ = save;
      return a;
    }
    auto* n = node<BinOp>(start);
    n->left = a;
    n->op = operator_::Pow;
    n->right = b;
    finish(n);
    return n;
  }
  return a;
}

expr* Parser::await_primary() {
  if (const Token* t = accept(Op::KW_await)) {
    expr* v = primary();
    if (!v) return nullptr;
    auto* n = node<Await>(*t);
    n->value = v;
    finish(n);
    return n;
  }
  return primary();
}

// -- primaries -------------------------------------------------------------------------

expr* Parser::primary() {
  Guard g(this);
  const Token& start = cur();
  expr* a = atom();
  if (!a) return nullptr;
  for (;;) {
    if (at(Op::DOT)) {
      const Token& n1 = tok(pos_ + 1);
      if (n1.type != TokType::NAME) {
        if (error_pass_) { pos_++; return nullptr; }
        return a;
      }
      pos_ += 2;
      auto* n = node<Attribute>(start);
      n->value = a;
      n->attr = ident(n1);
      n->ctx = expr_context::Load;
      finish(n);
      a = n;
    } else if (at(Op::LPAR)) {
      expr* c = call_tail(a, start);
      if (!c) return nullptr;
      a = c;
    } else if (at(Op::LSQB)) {
      size_t save = pos_;
      pos_++;
      expr* s = slices();
      if (!s || !accept(Op::RSQB)) {
        pos_ = save;
        return a;
      }
      auto* n = node<Subscript>(start);
      n->value = a;
      n->slice = s;
      n->ctx = expr_context::Load;
      finish(n);
      a = n;
    } else {
      break;
    }
  }
  return a;
}

expr* Parser::slices() {
  const Token& start = cur();
  expr* first = slice();
  if (!first) return nullptr;
  if (!at(Op::COMMA) && first->kind != expr_kind::Starred) return first;
  std::vector<expr*> elts{first};
  while (accept(Op::COMMA)) {
    if (at(Op::RSQB)) break;
    expr* e = slice();
    if (!e) return nullptr;
    elts.push_back(e);
  }
  auto* t = node<Tuple>(start);
  t->elts = seq(elts);
  t->ctx = expr_context::Load;
  finish(t);
  return t;
}

expr* Parser::slice() {
  const Token& start = cur();
  if (at(Op::STAR)) return star_expression();  // starred_expression: '*' expression
  expr* lower = nullptr;
  if (!at(Op::COLON)) {
    lower = named_expression();
    if (!lower) return nullptr;
    if (!at(Op::COLON)) return lower;
    if (lower->kind == expr_kind::NamedExpr) return nullptr;
  }
  pos_++;  // ':'
  expr* upper = nullptr;
  expr* step = nullptr;
  if (!at(Op::COLON) && !at(Op::COMMA) && !at(Op::RSQB)) {
    upper = expression();
    if (!upper) return nullptr;
  }
  if (accept(Op::COLON)) {
    if (!at(Op::COMMA) && !at(Op::RSQB)) {
      step = expression();
      if (!step) return nullptr;
    }
  }
  auto* n = node<Slice>(start);
  n->lower = lower;
  n->upper = upper;
  n->step = step;
  finish(n);
  return n;
}

// invalid_comprehension, once the first element(s) of a display are parsed and a `for`
// follows: a starred first element, or several elements without parentheses.
void Parser::invalid_comprehension(expr* first, const std::vector<expr*>& elts, bool comma) {
  if (!at(Op::KW_for) && !at(Op::KW_async)) return;
  size_t save = pos_;
  error_pass_ = false;
  Seq<comprehension*> gens;
  try {
    gens = for_if_clauses();
  } catch (ParseAbort&) {
    error_pass_ = true;
    throw;
  }
  error_pass_ = true;
  pos_ = save;
  if (gens.empty()) return;
  if (first->kind == expr_kind::Starred && elts.size() == 1 && !comma)
    raise_node(first, "iterable unpacking cannot be used in comprehension");
  if (elts.size() >= 2)
    raise_range(elts.front(), elts.back(),
                "did you forget parentheses around the comprehension target?");
  if (comma)
    raise_at(ErrorType::SyntaxError,
             "did you forget parentheses around the comprehension target?", first->lineno,
             first->col_offset, tokens_[pos_ - 1].end_lineno, tokens_[pos_ - 1].end_col_offset);
}

// _PyPegen_get_last_comprehension_item of the last clause.
static const Located* last_comprehension_item(Seq<comprehension*> gens) {
  comprehension* c = gens[gens.size() - 1];
  if (c->ifs.empty()) return c->iter;
  return c->ifs[c->ifs.size() - 1];
}

expr* Parser::call_tail(expr* func, const Token& start) {
  const Token& lpar = *accept(Op::LPAR);
  std::vector<expr*> args;
  std::vector<keyword*> kws;
  // A lone generator expression argument: f(x for x in y).  The first argument parsed
  // here is reused below: parsing it twice would make nested calls exponential.
  expr* pre = nullptr;
  size_t pre_start = 0, pre_end = 0;
  if (!at(Op::RPAR)) {
    size_t save = pos_;
    if (!at(Op::STAR) && !at(Op::DOUBLESTAR)) {
      expr* e = named_expression(false);
      if (e) {
        pre = e;
        pre_start = save;
        pre_end = pos_;
      }
      if (e && (at(Op::KW_for) || at(Op::KW_async))) {
        Seq<comprehension*> gens = for_if_clauses();
        if (gens.empty()) return nullptr;
        if (at(Op::RPAR)) {
          pos_++;
          auto* g = node<GeneratorExp>(lpar);
          g->elt = e;
          g->generators = gens;
          finish(g);
          auto* c = node<Call>(start);
          c->func = func;
          c->args = seq(std::vector<expr*>{g});
          finish(c);
          return c;
        }
        if (error_pass_ && at(Op::COMMA)) {
          // invalid_arguments: a=NAME b='=' expression for_if_clauses / genexp not alone.
          // Its optional `[args | ...]` after the comma reads the next token first, so
          // a tokenizer error there (an unclosed '(' at EOF) is what gets reported.
          pos_++;
          (void)cur();
          pos_--;
          raise_range(e, last_comprehension_item(gens), "Generator expression must be parenthesized");
        }
        return nullptr;
      }
    }
    pos_ = save;
  }
  const Located* first_item = nullptr;
  const Located* last_item = nullptr;
  bool seen_dstar = false;
  while (!at(Op::RPAR)) {
    const Token& s = cur();
    if (s.type == TokType::OP && s.op == Op::STAR) {
      if (seen_dstar) {
        // invalid_arguments: a=args ',' '*'
        if (error_pass_)
          raise_range(first_item, last_item,
                      "iterable argument unpacking follows keyword argument unpacking");
        return nullptr;
      }
      pos_++;
      expr* v = expression();
      if (!v) return nullptr;
      auto* st = node<Starred>(s);
      st->value = v;
      st->ctx = expr_context::Load;
      finish(st);
      args.push_back(st);
      last_item = st;
    } else if (s.type == TokType::OP && s.op == Op::DOUBLESTAR) {
      pos_++;
      expr* v = expression();
      if (!v) return nullptr;
      auto* k = node<keyword>(s);
      k->value = v;
      finish(k);
      kws.push_back(k);
      seen_dstar = true;
      last_item = k;
    } else if (s.type == TokType::NAME && s.op == Op::None && tok(pos_ + 1).type == TokType::OP &&
               tok(pos_ + 1).op == Op::EQUAL) {
      pos_ += 2;
      expr* v = expression();
      if (!v) return nullptr;
      if (error_pass_ && (at(Op::KW_for) || at(Op::KW_async))) {
        // invalid_kwarg: a=NAME b='=' expression for_if_clauses
        const Token& eq = tok(pos_ - 1);
        (void)eq;
        raise_at(ErrorType::SyntaxError,
                 "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", s.lineno,
                 s.col_offset, tok(&s - &tokens_[0] + 1).end_lineno,
                 tok(&s - &tokens_[0] + 1).end_col_offset);
      }
      auto* k = node<keyword>(s);
      k->arg = ident(s);
      k->value = v;
      finish(k);
      kws.push_back(k);
      last_item = k;
    } else {
      expr* e;
      if (pre && pos_ == pre_start) {
        e = pre;
        pos_ = pre_end;
      } else {
        e = named_expression(false);
      }
      if (!e) return nullptr;
      if (error_pass_ && at(Op::EQUAL)) {
        // invalid_kwarg: ('True'|'False'|'None') '=' / !(NAME '=') expression '='
        const Token& eq = cur();
        if (s.type == TokType::NAME &&
            (s.op == Op::KW_True || s.op == Op::KW_False || s.op == Op::KW_None) &&
            pos_ == static_cast<size_t>(&s - &tokens_[0]) + 1)
          raise_at(ErrorType::SyntaxError, "cannot assign to " + std::string(text(s)), s.lineno,
                   s.col_offset, eq.end_lineno, eq.end_col_offset);
        raise_at(ErrorType::SyntaxError,
                 "expression cannot contain assignment, perhaps you meant \"==\"?", e->lineno,
                 e->col_offset, eq.end_lineno, eq.end_col_offset);
      }
      if (at(Op::KW_for) || at(Op::KW_async)) {
        if (error_pass_) {
          size_t p0 = pos_;
          Seq<comprehension*> gens = for_if_clauses();
          (void)p0;
          if (!gens.empty())
            raise_range(e, last_comprehension_item(gens),
                        "Generator expression must be parenthesized");
        }
        return nullptr;
      }
      if (!kws.empty() && error_pass_) {
        // _PyPegen_arguments_parsing_error: RAISE_SYNTAX_ERROR at the last token fetched.
        bool unpacking = false;
        for (auto* k : kws)
          if (!k->arg.data()) unpacking = true;
        // CPython's second `args` consumed the rest of the list: fetch as far.
        error_pass_ = false;
        while (accept(Op::COMMA)) {
          if (accept(Op::STAR) || accept(Op::DOUBLESTAR)) {
          } else if (cur().type == TokType::NAME && tok(pos_ + 1).type == TokType::OP &&
                     tok(pos_ + 1).op == Op::EQUAL) {
            pos_ += 2;
          }
          if (!expression()) break;
        }
        cur();
        error_pass_ = true;
        raise_at(ErrorType::SyntaxError,
                 unpacking ? "positional argument follows keyword argument unpacking"
                           : "positional argument follows keyword argument",
                 0, -2, 0, -2);
      }
      if (!kws.empty()) return nullptr;
      args.push_back(e);
      last_item = e;
    }
    if (!first_item) first_item = last_item;
    if (!accept(Op::COMMA)) break;
  }
  if (!accept(Op::RPAR)) return nullptr;
  auto* c = node<Call>(start);
  c->func = func;
  c->args = seq(args);
  c->keywords = seq(kws);
  finish(c);
  return c;
}

// -- atoms ------------------------------------------------------------------------------

Identifier Parser::ident(const Token& t) {
  std::string_view s = text(t);
  bool ascii = true;
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 128) ascii = false;
  if (ascii) return arena_.str(s);
  // NFKC normalization of non-ASCII identifiers (PEP 3131).
  std::u32string u;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n && i + k < s.size(); k++) cp = (cp << 6) | (s[i + k] & 0x3F);
    u += cp;
    i += n;
  }
  std::u32string nf = uni::normalize_nfkc(u);
  std::string out;
  for (char32_t cp : nf) {
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return arena_.str(out);
}

expr* Parser::atom() {
  const Token& t = cur();
  switch (t.type) {
    case TokType::NAME: {
      ConstantKind k;
      switch (t.op) {
        case Op::None:
          pos_++;
          {
            auto* n = node<Name>(t);
            n->id = ident(t);
            n->ctx = expr_context::Load;
            finish(n);
            return n;
          }
        case Op::KW_True: k = ConstantKind::True; break;
        case Op::KW_False: k = ConstantKind::False; break;
        case Op::KW_None: k = ConstantKind::None; break;
        default:
          return nullptr;
      }
      pos_++;
      auto* n = node<Constant>(t);
      n->value.kind = k;
      finish(n);
      return n;
    }
    case TokType::NUMBER:
      pos_++;
      return number(t);
    case TokType::STRING:
      return strings();
    case TokType::OP:
      switch (t.op) {
        case Op::LPAR: return paren_atom();
        case Op::LSQB: return list_atom();
        case Op::LBRACE: return brace_atom();
        case Op::ELLIPSIS: {
          pos_++;
          auto* n = node<Constant>(t);
          n->value.kind = ConstantKind::Ellipsis;
          finish(n);
          return n;
        }
        default:
          return nullptr;
      }
    default:
      return nullptr;
  }
}

expr* Parser::paren_atom() {
  Guard g(this);
  const Token& lpar = *accept(Op::LPAR);
  if (accept(Op::RPAR)) {
    auto* t = node<Tuple>(lpar);
    t->ctx = expr_context::Load;
    finish(t);
    return t;
  }
  if (at(Op::KW_yield)) {
    expr* y = yield_expr();
    if (!y || !accept(Op::RPAR)) return nullptr;
    return y;
  }
  if (error_pass_ && at(Op::DOUBLESTAR)) {
    // invalid_group: '(' '**' expression ')'
    size_t save = pos_;
    const Token& ds = cur();
    pos_++;
    expr* e = expression();
    if (e && at(Op::RPAR)) raise_tok(ds, "cannot use double starred expression here");
    pos_ = save;
  }
  expr* first = star_named_expression();
  if (!first) return nullptr;
  if (error_pass_ && first->kind == expr_kind::Starred) invalid_comprehension(first, {first}, false);
  if (accept(Op::RPAR)) {
    if (first->kind == expr_kind::Starred) {
      if (error_pass_) raise_node(first, "cannot use starred expression here");
      return nullptr;
    }
    return first;  // group: the inner expression keeps its own position
  }
  if ((at(Op::KW_for) || at(Op::KW_async)) && first->kind != expr_kind::Starred) {
    Seq<comprehension*> gens = for_if_clauses();
    if (gens.empty() || !accept(Op::RPAR)) return nullptr;
    auto* n = node<GeneratorExp>(lpar);
    n->elt = first;
    n->generators = gens;
    finish(n);
    return n;
  }
  if (!at(Op::COMMA)) return nullptr;
  std::vector<expr*> elts{first};
  while (accept(Op::COMMA)) {
    if (at(Op::RPAR)) break;
    expr* e = star_named_expression();
    if (!e) return nullptr;
    elts.push_back(e);
  }
  if (!accept(Op::RPAR)) return nullptr;
  auto* t = node<Tuple>(lpar);
  t->elts = seq(elts);
  t->ctx = expr_context::Load;
  finish(t);
  return t;
}

expr* Parser::list_atom() {
  Guard g(this);
  const Token& lsqb = *accept(Op::LSQB);
  std::vector<expr*> elts;
  if (!at(Op::RSQB)) {
    expr* first = star_named_expression();
    if (!first) return nullptr;
    if (error_pass_) invalid_comprehension(first, {first}, false);
    if ((at(Op::KW_for) || at(Op::KW_async)) && first->kind != expr_kind::Starred) {
      Seq<comprehension*> gens = for_if_clauses();
      if (gens.empty() || !accept(Op::RSQB)) return nullptr;
      auto* n = node<ListComp>(lsqb);
      n->elt = first;
      n->generators = gens;
      finish(n);
      return n;
    }
    elts.push_back(first);
    bool comma = false;
    while (accept(Op::COMMA)) {
      comma = true;
      if (at(Op::RSQB)) break;
      expr* e = star_named_expression();
      if (!e) {
        if (error_pass_) invalid_comprehension(first, elts, true);
        return nullptr;
      }
      elts.push_back(e);
    }
    if (error_pass_) invalid_comprehension(first, elts, comma);
  }
  if (!accept(Op::RSQB)) return nullptr;
  auto* l = node<List>(lsqb);
  l->elts = seq(elts);
  l->ctx = expr_context::Load;
  finish(l);
  return l;
}

expr* Parser::brace_atom() {
  Guard g(this);
  const Token& lbrace = *accept(Op::LBRACE);
  if (accept(Op::RBRACE)) {
    auto* d = node<Dict>(lbrace);
    finish(d);
    return d;
  }
  // Dict or dict comprehension?
  std::vector<expr*> keys, values;
  expr* first_key = nullptr;
  if (at(Op::DOUBLESTAR)) goto dict;
  {
    size_t save = pos_;
    expr* first = star_named_expression();
    if (!first) return nullptr;
    if (at(Op::COLON) && first->kind != expr_kind::Starred) {
      // The first key is reused rather than parsed again (nested dict keys would
      // otherwise cost 2^depth); a walrus key is not an `expression`: parse again.
      if (first->kind == expr_kind::NamedExpr) {
        pos_ = save;
      } else {
        first_key = first;
      }
      goto dict;
    }
    if (error_pass_) invalid_comprehension(first, {first}, false);
    if ((at(Op::KW_for) || at(Op::KW_async)) && first->kind != expr_kind::Starred) {
      Seq<comprehension*> gens = for_if_clauses();
      if (gens.empty() || !accept(Op::RBRACE)) return nullptr;
      auto* n = node<SetComp>(lbrace);
      n->elt = first;
      n->generators = gens;
      finish(n);
      return n;
    }
    std::vector<expr*> elts{first};
    bool comma = false;
    while (accept(Op::COMMA)) {
      comma = true;
      if (at(Op::RBRACE)) break;
      expr* e = star_named_expression();
      if (!e) {
        if (error_pass_) invalid_comprehension(first, elts, true);
        return nullptr;
      }
      elts.push_back(e);
    }
    if (error_pass_) invalid_comprehension(first, elts, comma);
    if (!accept(Op::RBRACE)) return nullptr;
    auto* s = node<Set>(lbrace);
    s->elts = seq(elts);
    finish(s);
    return s;
  }
dict:
  for (;;) {
    if (const Token* ds = accept(Op::DOUBLESTAR)) {
      expr* v = bitwise_or();
      if (!v) return nullptr;
      if (error_pass_ && keys.empty() && (at(Op::KW_for) || at(Op::KW_async)))
        raise_tok(*ds, "dict unpacking cannot be used in dict comprehension");
      keys.push_back(nullptr);
      values.push_back(v);
    } else {
      expr* k = first_key ? first_key : expression();
      first_key = nullptr;
      if (!k) return nullptr;
      if (!at(Op::COLON)) {
        // invalid_kvpair after at least one pair: a=expression !(':')
        if (error_pass_ && !keys.empty())
          raise_at(ErrorType::SyntaxError, "':' expected after dictionary key", k->lineno,
                   k->end_col_offset - 1, k->end_lineno, -1);
        return nullptr;
      }
      const Token& colon = cur();
      pos_++;
      if (error_pass_ && (at(Op::RBRACE) || at(Op::COMMA)))
        raise_tok(colon, "expression expected after dictionary key and ':'");
      if (error_pass_ && at(Op::STAR)) {
        // expression ':' a='*' bitwise_or: RAISE_SYNTAX_ERROR_STARTING_FROM(a)
        const Token& star = cur();
        pos_++;
        error_pass_ = false;
        expr* b = bitwise_or();
        error_pass_ = true;
        if (b)
          raise_at(ErrorType::SyntaxError, "cannot use a starred expression in a dictionary value",
                   star.lineno, star.col_offset, b->end_lineno, b->end_col_offset);
        return nullptr;
      }
      expr* v = expression();
      if (!v) return nullptr;
      if (keys.empty() && (at(Op::KW_for) || at(Op::KW_async))) {
        Seq<comprehension*> gens = for_if_clauses();
        if (gens.empty() || !accept(Op::RBRACE)) return nullptr;
        auto* n = node<DictComp>(lbrace);
        n->key = k;
        n->value = v;
        n->generators = gens;
        finish(n);
        return n;
      }
      keys.push_back(k);
      values.push_back(v);
    }
    if (!accept(Op::COMMA)) break;
    if (at(Op::RBRACE)) break;
  }
  if (!accept(Op::RBRACE)) return nullptr;
  auto* d = node<Dict>(lbrace);
  d->keys = seq(keys);
  d->values = seq(values);
  finish(d);
  return d;
}

Seq<comprehension*> Parser::for_if_clauses() {
  std::vector<comprehension*> gens;
  while (at(Op::KW_for) || (at(Op::KW_async) && tok(pos_ + 1).op == Op::KW_for)) {
    int is_async = 0;
    if (accept(Op::KW_async)) is_async = 1;
    const Token& f = *accept(Op::KW_for);
    size_t target_pos = pos_;
    expr* target = target_list(&f);
    if (!target || !at(Op::KW_in)) {
      if (error_pass_) invalid_for_target(target_pos);
      if (target && error_pass_) raise_tok(cur(), "invalid syntax");
      return {};
    }
    pos_++;
    expr* iter = disjunction();
    if (!iter) return {};
    std::vector<expr*> ifs;
    while (at(Op::KW_if)) {
      pos_++;
      expr* c = disjunction();
      if (!c) return {};
      ifs.push_back(c);
    }
    auto* c = arena_.make<comprehension>();
    c->target = target;
    c->iter = iter;
    c->ifs = seq(ifs);
    c->is_async = is_async;
    gens.push_back(c);
  }
  return seq(gens);
}

// star_targets for `for` loops and comprehensions: stops before `in`.
expr* Parser::target_list(const Token* kw) {
  const Token& start = cur();
  std::vector<expr*> elts;
  bool trailing = false;
  for (;;) {
    expr* e = target_primary_elt();
    if (!e) return nullptr;
    elts.push_back(e);
    if (!accept(Op::COMMA)) {
      trailing = false;
      break;
    }
    trailing = true;
    if (at(Op::KW_in) || at(Op::EQUAL)) break;
  }
  expr* r;
  if (elts.size() == 1 && !trailing) {
    r = elts[0];
  } else {
    auto* t = node<Tuple>(start);
    t->elts = seq(elts);
    t->ctx = expr_context::Load;
    finish(t);
    r = t;
  }
  return to_target(r, expr_context::Store);
}

expr* Parser::target_primary_elt() {
  if (const Token* s = accept(Op::STAR)) {
    expr* v = target_primary_elt();
    if (!v) return nullptr;
    auto* n = node<Starred>(*s);
    n->value = v;
    n->ctx = expr_context::Load;
    finish(n);
    return n;
  }
  return primary();
}

// -- targets ----------------------------------------------------------------------------

const char* Parser::invalid_target_kind(expr* e) {
  switch (e->kind) {
    case expr_kind::Call: return "function call";
    case expr_kind::Compare: return "comparison";
    case expr_kind::Lambda: return "lambda";
    case expr_kind::IfExp: return "conditional expression";
    case expr_kind::NamedExpr: return "named expression";
    case expr_kind::BoolOp:
    case expr_kind::BinOp:
    case expr_kind::UnaryOp: return "expression";
    case expr_kind::GeneratorExp: return "generator expression";
    case expr_kind::Yield:
    case expr_kind::YieldFrom: return "yield expression";
    case expr_kind::Await: return "await expression";
    case expr_kind::ListComp: return "list comprehension";
    case expr_kind::SetComp: return "set comprehension";
    case expr_kind::DictComp: return "dict comprehension";
    case expr_kind::Dict: return "dict literal";
    case expr_kind::Set: return "set display";
    case expr_kind::JoinedStr:
    case expr_kind::FormattedValue: return "f-string expression";
    case expr_kind::Constant: {
      auto* c = static_cast<Constant*>(e);
      if (c->value.kind == ConstantKind::None) return "None";
      if (c->value.kind == ConstantKind::True) return "True";
      if (c->value.kind == ConstantKind::False) return "False";
      if (c->value.kind == ConstantKind::Ellipsis) return "ellipsis";
      return "literal";
    }
    case expr_kind::Name: return "name";
    case expr_kind::Attribute: return "attribute";
    case expr_kind::Subscript: return "subscript";
    case expr_kind::Starred: return "starred";
    case expr_kind::List: return "list";
    case expr_kind::Tuple: return "tuple";
    case expr_kind::Slice: return "slice";
  }
  return "expression";
}

// _PyPegen_get_invalid_target: the first sub-expression of `e` that cannot be a target
// of kind `k`, or nullptr.  For `for` targets, `x in y` is the target and the iterable
// parsed together, so a Compare whose first operator is `in` is judged by its left side.
expr* Parser::invalid_target(expr* e, TargetsKind k) {
  if (!e) return nullptr;
  switch (e->kind) {
    case expr_kind::List:
    case expr_kind::Tuple:
      for (expr* x : e->kind == expr_kind::Tuple ? static_cast<Tuple*>(e)->elts
                                                : static_cast<List*>(e)->elts)
        if (expr* c = invalid_target(x, k)) return c;
      return nullptr;
    case expr_kind::Starred:
      if (k == TargetsKind::Del) return e;
      return invalid_target(static_cast<Starred*>(e)->value, k);
    case expr_kind::Compare:
      if (k == TargetsKind::For) {
        auto* c = static_cast<Compare*>(e);
        if (c->ops[0] == cmpop::In) return invalid_target(c->left, k);
        return nullptr;
      }
      return e;
    case expr_kind::Name:
    case expr_kind::Subscript:
    case expr_kind::Attribute:
      return nullptr;
    default:
      return e;
  }
}

// invalid_for_target: ASYNC? 'for' a=star_expressions -> cannot assign to X.
void Parser::invalid_for_target(size_t target_pos) {
  size_t save = pos_;
  pos_ = target_pos;
  expr* e = star_expressions();
  if (expr* t = invalid_target(e, TargetsKind::For))
    raise_node(t, std::string("cannot assign to ") + invalid_target_kind(t));
  pos_ = save;
}

// Copies `e` with context `ctx`, or returns nullptr if it is not a valid target.
expr* Parser::to_target(expr* e, expr_context ctx, bool top) {
  switch (e->kind) {
    case expr_kind::Name: {
      auto* n = arena_.make<Name>();
      *n = *static_cast<Name*>(e);
      n->ctx = ctx;
      return n;
    }
    case expr_kind::Attribute: {
      auto* n = arena_.make<Attribute>();
      *n = *static_cast<Attribute*>(e);
      n->ctx = ctx;
      return n;
    }
    case expr_kind::Subscript: {
      auto* n = arena_.make<Subscript>();
      *n = *static_cast<Subscript*>(e);
      n->ctx = ctx;
      return n;
    }
    case expr_kind::Starred: {
      if (ctx == expr_context::Del) return nullptr;
      auto* n = arena_.make<Starred>();
      *n = *static_cast<Starred*>(e);
      n->ctx = ctx;
      n->value = to_target(n->value, ctx, false);
      return n->value ? n : nullptr;
    }
    case expr_kind::Tuple:
    case expr_kind::List: {
      Seq<expr*> src = e->kind == expr_kind::Tuple ? static_cast<Tuple*>(e)->elts
                                                   : static_cast<List*>(e)->elts;
      std::vector<expr*> out;
      for (expr* x : src) {
        expr* y = to_target(x, ctx, false);
        if (!y) return nullptr;
        out.push_back(y);
      }
      if (e->kind == expr_kind::Tuple) {
        auto* n = arena_.make<Tuple>();
        *n = *static_cast<Tuple*>(e);
        n->elts = seq(out);
        n->ctx = ctx;
        return n;
      }
      auto* n = arena_.make<List>();
      *n = *static_cast<List*>(e);
      n->elts = seq(out);
      n->ctx = ctx;
      return n;
    }
    default:
      return nullptr;
  }
}

}  // namespace krait::parser
