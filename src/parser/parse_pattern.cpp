// parse_pattern.cpp — the match statement and its patterns (PEP 634, python.gram
// "match_stmt" ... "keyword_pattern").
#include "parser/parser_impl.h"

namespace krait::parser {

template <class T>
static T* mkp(Arena& a, const Token& t) {
  T* n = a.make<T>();
  n->lineno = t.lineno;
  n->col_offset = t.col_offset;
  return n;
}
template <class T>
static T* mkl(Arena& a, const Located* l) {
  T* n = a.make<T>();
  n->lineno = l->lineno;
  n->col_offset = l->col_offset;
  return n;
}
#define FIN(n)                                   \
  do {                                           \
    (n)->end_lineno = last().end_lineno;         \
    (n)->end_col_offset = last().end_col_offset; \
  } while (0)

stmt* Parser::match_stmt() {
  const Token& kw = cur();
  pos_++;
  // subject_expr: star_named_expression ',' star_named_expressions? | named_expression
  const Token& sstart = cur();
  expr* subject = star_named_expression();
  if (!subject) return nullptr;
  if (at(Op::COMMA)) {
    std::vector<expr*> elts{subject};
    while (accept(Op::COMMA)) {
      if (at(Op::COLON)) break;
      expr* e = star_named_expression();
      if (!e) return nullptr;
      elts.push_back(e);
    }
    auto* t = mkp<Tuple>(arena_, sstart);
    t->elts = seq(elts);
    t->ctx = expr_context::Load;
    FIN(t);
    subject = t;
  } else if (subject->kind == expr_kind::Starred) {
    return nullptr;
  }
  if (!accept(Op::COLON)) return nullptr;
  if (!accept_type(TokType::NEWLINE)) return nullptr;
  if (!accept_type(TokType::INDENT)) {
    if (error_pass_)
      raise_at(ErrorType::IndentationError,
               "expected an indented block after 'match' statement on line " +
                   std::to_string(kw.lineno),
               0, -2, 0, -2);
    return nullptr;
  }
  std::vector<match_case*> cases;
  while (at_soft("case")) {
    const Token& ckw = cur();
    pos_++;
    pattern* pat = patterns();
    if (!pat) return nullptr;
    expr* guard = nullptr;
    if (accept(Op::KW_if)) {
      guard = named_expression();
      if (!guard) return nullptr;
    }
    if (!accept(Op::COLON)) {
      if (error_pass_) raise_tok(cur(), "expected ':'");
      return nullptr;
    }
    Seq<stmt*> body = block(ckw, "'case' statement");
    if (body.empty()) return nullptr;
    auto* mc = arena_.make<match_case>();
    mc->pattern = pat;
    mc->guard = guard;
    mc->body = body;
    cases.push_back(mc);
  }
  if (cases.empty() || !accept_type(TokType::DEDENT)) return nullptr;
  auto* n = mkp<Match>(arena_, kw);
  n->subject = subject;
  n->cases = seq(cases);
  FIN(n);
  return n;
}

pattern* Parser::patterns() {
  // open_sequence_pattern | pattern
  const Token& start = cur();
  pattern* first = maybe_star_pattern();
  if (!first) return nullptr;
  if (!at(Op::COMMA)) {
    if (first->kind == pattern_kind::MatchStar) return nullptr;
    return first;
  }
  std::vector<pattern*> pats{first};
  while (accept(Op::COMMA)) {
    if (at(Op::COLON) || at(Op::KW_if)) break;
    pattern* p = maybe_star_pattern();
    if (!p) return nullptr;
    pats.push_back(p);
  }
  auto* n = mkp<MatchSequence>(arena_, start);
  n->patterns = seq(pats);
  FIN(n);
  return n;
}

pattern* Parser::maybe_star_pattern() {
  if (const Token* s = accept(Op::STAR)) {
    const Token& nm = cur();
    if (nm.type != TokType::NAME || nm.op != Op::None) return nullptr;
    pos_++;
    auto* n = mkp<MatchStar>(arena_, *s);
    if (text(nm) != "_") n->name = ident(nm);
    FIN(n);
    return n;
  }
  return pattern_();
}

pattern* Parser::pattern_() {
  Guard g(this);
  const Token& start = cur();
  pattern* p = or_pattern();
  if (!p) return nullptr;
  if (accept(Op::KW_as)) {
    const Token& nm = cur();
    if (nm.type != TokType::NAME || nm.op != Op::None) return nullptr;
    if (text(nm) == "_") {
      if (error_pass_) raise_tok(nm, "cannot use '_' as a target");
      return nullptr;
    }
    pos_++;
    auto* n = mkp<MatchAs>(arena_, start);
    n->pattern = p;
    n->name = ident(nm);
    FIN(n);
    return n;
  }
  return p;
}

pattern* Parser::or_pattern() {
  const Token& start = cur();
  pattern* first = closed_pattern();
  if (!first) return nullptr;
  if (!at(Op::VBAR)) return first;
  std::vector<pattern*> pats{first};
  while (accept(Op::VBAR)) {
    pattern* p = closed_pattern();
    if (!p) return nullptr;
    pats.push_back(p);
  }
  auto* n = mkp<MatchOr>(arena_, start);
  n->patterns = seq(pats);
  FIN(n);
  return n;
}

expr* Parser::signed_number() {
  const Token& t = cur();
  if (t.type == TokType::OP && t.op == Op::MINUS) {
    if (tok(pos_ + 1).type != TokType::NUMBER) return nullptr;
    pos_++;
    const Token& nt = cur();
    pos_++;
    expr* num = number(nt);
    auto* u = mkp<UnaryOp>(arena_, t);
    u->op = unaryop::USub;
    u->operand = num;
    FIN(u);
    return u;
  }
  if (t.type == TokType::NUMBER) {
    pos_++;
    return number(t);
  }
  return nullptr;
}

// literal_expr / literal_pattern.  Sets *is_singleton for None/True/False.
expr* Parser::literal_expr(bool* is_singleton, ConstantValue* singleton) {
  *is_singleton = false;
  const Token& t = cur();
  if (t.type == TokType::STRING) {
    expr* s = strings();
    return s;
  }
  if (t.type == TokType::NAME) {
    ConstantKind k;
    if (t.op == Op::KW_None) k = ConstantKind::None;
    else if (t.op == Op::KW_True) k = ConstantKind::True;
    else if (t.op == Op::KW_False) k = ConstantKind::False;
    else return nullptr;
    pos_++;
    *is_singleton = true;
    singleton->kind = k;
    auto* c = mkp<Constant>(arena_, t);
    c->value.kind = k;
    FIN(c);
    return c;
  }
  const Token& rstart = cur();
  expr* real = signed_number();
  if (!real) return nullptr;
  if (at(Op::PLUS) || at(Op::MINUS)) {
    const Token& op = cur();
    if (tok(pos_ + 1).type != TokType::NUMBER) return nullptr;
    pos_++;
    const Token& nt = cur();
    pos_++;
    expr* imag = number(nt);
    // complex_number: the left operand must be real and the right one imaginary; CPython's
    // actions raise at once (not only in the error pass).
    expr* real_num = real->kind == expr_kind::UnaryOp ? static_cast<UnaryOp*>(real)->operand : real;
    if (static_cast<Constant*>(real_num)->value.kind == ConstantKind::Complex)
      raise_node(real_num, "real number required in complex literal");
    if (static_cast<Constant*>(imag)->value.kind != ConstantKind::Complex)
      raise_node(imag, "imaginary number required in complex literal");
    auto* b = mkp<BinOp>(arena_, rstart);
    b->left = real;
    b->op = op.op == Op::PLUS ? operator_::Add : operator_::Sub;
    b->right = imag;
    FIN(b);
    return b;
  }
  return real;
}

expr* Parser::name_or_attr() {
  const Token& t = cur();
  if (t.type != TokType::NAME || t.op != Op::None) return nullptr;
  pos_++;
  auto* n = mkp<Name>(arena_, t);
  n->id = ident(t);
  n->ctx = expr_context::Load;
  FIN(n);
  expr* e = n;
  while (at(Op::DOT) && tok(pos_ + 1).type == TokType::NAME) {
    const Token& a = tok(pos_ + 1);
    pos_ += 2;
    auto* at_ = mkl<Attribute>(arena_, e);
    at_->value = e;
    at_->attr = ident(a);
    at_->ctx = expr_context::Load;
    FIN(at_);
    e = at_;
  }
  return e;
}

std::vector<pattern*> Parser::maybe_sequence_pattern(Op closing) {
  std::vector<pattern*> pats;
  while (!at(closing)) {
    pattern* p = maybe_star_pattern();
    if (!p) return {};
    pats.push_back(p);
    if (!accept(Op::COMMA)) break;
  }
  return pats;
}

pattern* Parser::closed_pattern() {
  Guard g(this);
  const Token& t = cur();
  // literal patterns
  if (t.type == TokType::STRING || t.type == TokType::NUMBER ||
      (t.type == TokType::OP && t.op == Op::MINUS) ||
      (t.type == TokType::NAME && (t.op == Op::KW_None || t.op == Op::KW_True || t.op == Op::KW_False))) {
    bool single;
    ConstantValue sv;
    expr* e = literal_expr(&single, &sv);
    if (!e) return nullptr;
    if (single) {
      auto* n = mkp<MatchSingleton>(arena_, t);
      n->value = sv;
      FIN(n);
      return n;
    }
    auto* n = mkp<MatchValue>(arena_, t);
    n->value = e;
    FIN(n);
    return n;
  }
  if (t.type == TokType::NAME && t.op == Op::None) {
    const Token& n1 = tok(pos_ + 1);
    bool dotted = n1.type == TokType::OP && n1.op == Op::DOT;
    bool call = n1.type == TokType::OP && n1.op == Op::LPAR;
    if (!dotted && !call) {
      pos_++;
      auto* n = mkp<MatchAs>(arena_, t);
      if (text(t) != "_") n->name = ident(t);
      FIN(n);
      return n;
    }
    expr* e = name_or_attr();
    if (!e) return nullptr;
    if (at(Op::LPAR)) return class_pattern_tail(e, e);
    if (e->kind != expr_kind::Attribute) return nullptr;
    auto* n = mkp<MatchValue>(arena_, t);
    n->value = e;
    FIN(n);
    return n;
  }
  if (t.type == TokType::OP && t.op == Op::LPAR) {
    pos_++;
    if (accept(Op::RPAR)) {
      auto* n = mkp<MatchSequence>(arena_, t);
      FIN(n);
      return n;
    }
    pattern* p = maybe_star_pattern();
    if (!p) return nullptr;
    if (accept(Op::RPAR)) {
      if (p->kind == pattern_kind::MatchStar) return nullptr;
      return p;  // group_pattern
    }
    if (!accept(Op::COMMA)) return nullptr;
    std::vector<pattern*> rest = maybe_sequence_pattern(Op::RPAR);
    if (!accept(Op::RPAR)) return nullptr;
    rest.insert(rest.begin(), p);
    auto* n = mkp<MatchSequence>(arena_, t);
    n->patterns = seq(rest);
    FIN(n);
    return n;
  }
  if (t.type == TokType::OP && t.op == Op::LSQB) {
    pos_++;
    std::vector<pattern*> pats = maybe_sequence_pattern(Op::RSQB);
    if (!accept(Op::RSQB)) return nullptr;
    auto* n = mkp<MatchSequence>(arena_, t);
    n->patterns = seq(pats);
    FIN(n);
    return n;
  }
  if (t.type == TokType::OP && t.op == Op::LBRACE) {
    pos_++;
    std::vector<expr*> keys;
    std::vector<pattern*> pats;
    Identifier rest;
    while (!at(Op::RBRACE)) {
      if (accept(Op::DOUBLESTAR)) {
        const Token& nm = cur();
        // `**_` is not a capture target (the grammar excludes the wildcard).
        if (nm.type != TokType::NAME || nm.op != Op::None || text(nm) == "_") return nullptr;
        pos_++;
        rest = ident(nm);
        accept(Op::COMMA);
        break;
      }
      expr* k;
      const Token& kt = cur();
      if (kt.type == TokType::NAME && kt.op == Op::None) {
        k = name_or_attr();
        if (!k || k->kind != expr_kind::Attribute) return nullptr;
      } else {
        bool single;
        ConstantValue sv;
        k = literal_expr(&single, &sv);
        if (!k) return nullptr;
      }
      if (!accept(Op::COLON)) return nullptr;
      pattern* p = pattern_();
      if (!p) return nullptr;
      keys.push_back(k);
      pats.push_back(p);
      if (!accept(Op::COMMA)) break;
    }
    if (!accept(Op::RBRACE)) return nullptr;
    auto* n = mkp<MatchMapping>(arena_, t);
    n->keys = seq(keys);
    n->patterns = seq(pats);
    n->rest = rest;
    FIN(n);
    return n;
  }
  return nullptr;
}

pattern* Parser::class_pattern_tail(expr* cls, const Located* start) {
  pos_++;  // '('
  std::vector<pattern*> pats, kwd_pats;
  std::vector<Identifier> kwd_attrs;
  while (!at(Op::RPAR)) {
    const Token& t = cur();
    if (t.type == TokType::NAME && t.op == Op::None && tok(pos_ + 1).type == TokType::OP &&
        tok(pos_ + 1).op == Op::EQUAL) {
      pos_ += 2;
      pattern* p = pattern_();
      if (!p) return nullptr;
      kwd_attrs.push_back(ident(t));
      kwd_pats.push_back(p);
    } else {
      if (!kwd_pats.empty()) {
        if (error_pass_) {
          pattern* p = pattern_();
          if (p) raise_node(p, "positional patterns follow keyword patterns");
        }
        return nullptr;
      }
      pattern* p = pattern_();
      if (!p) return nullptr;
      pats.push_back(p);
    }
    if (!accept(Op::COMMA)) break;
  }
  if (!accept(Op::RPAR)) return nullptr;
  auto* n = mkl<MatchClass>(arena_, start);
  n->cls = cls;
  n->patterns = seq(pats);
  n->kwd_attrs = seq(kwd_attrs);
  n->kwd_patterns = seq(kwd_pats);
  FIN(n);
  return n;
}

}  // namespace krait::parser
