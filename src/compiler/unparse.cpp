// unparse.cpp — an expression back to source text, for `from __future__ import annotations`
// (PEP 563): the annotation is stored as this string instead of being evaluated.
//
// The text must be exactly what CPython 3.11's C unparser (Python/ast_unparse.c) writes, since
// programs compare and eval() these strings: its operator precedence table decides the
// parentheses, constants are written with repr() (an infinite float as 1e309), and a few special
// cases are kept (`1 .real`, `f(x for x in y)`, `lambda*a: 0`, `{ {` at the start of an f-string
// replacement field). This is not ast.unparse (Lib/ast.py), which differs in places.
#include "compiler/unparse.h"

#include "compiler/compiler.h"

#include <string>

namespace krait::compiler {

using namespace ast;

namespace {

// Precedence levels, lowest first (PR_BOR is PR_EXPR: `|` is the loosest binary operator).
enum Prec {
  kTuple, kTest, kOr, kAnd, kNot, kCmp, kExpr, kBor = kExpr, kBxor, kBand, kShift, kArith, kTerm,
  kFactor, kPower, kAwait, kAtom
};

class Unparser {
 public:
  bool expr(const ast::expr* e, int level);
  std::string out;
  // The first yield, await or walrus met outside a nested lambda or comprehension: CPython's
  // symtable rejects those in an annotation under PEP 563.
  const ast::expr* forbidden = nullptr;
  const char* forbidden_what = nullptr;
  int nested_scopes = 0;

 private:
  void put(const char* s) { out += s; }
  void put(std::string_view s) { out.append(s.data(), s.size()); }
  bool put_repr(PyObject* o, bool replace_inf);
  bool constant(const Constant* c);
  bool tuple_elts(const Seq<ast::expr*>& elts, int level);
  bool comprehensions(const Seq<comprehension*>& gens);
  bool args(const arguments* a);
  bool call(const Call* c);
  bool fstring_body(const Seq<ast::expr*>& values, std::string* body, bool is_spec);
  bool fstring_element(const ast::expr* e, std::string* body, bool is_spec);
  bool joined_str(const JoinedStr* j, bool is_spec);
  bool formatted_value(const FormattedValue* f, std::string* body);
};

bool Unparser::put_repr(PyObject* o, bool replace_inf) {
  Ref<> r = steal(PyObject_Repr(o));
  if (!r) return false;
  if (replace_inf) {  // an infinite float has no literal; 1e309 reads back as one
    r = steal(PyUnicode_Replace(r.get(), steal(PyUnicode_FromString("inf")).get(),
                                steal(PyUnicode_FromString("1e309")).get(), -1));
    if (!r) return false;
  }
  Py_ssize_t n;
  const char* s = PyUnicode_AsUTF8AndSize(r.get(), &n);
  if (!s) return false;
  out.append(s, static_cast<size_t>(n));
  return true;
}

bool Unparser::constant(const Constant* c) {
  if (c->value.kind == ConstantKind::Ellipsis) {
    put("...");
    return true;
  }
  if (c->kind_.data()) put(c->kind_);
  Ref<> v = steal(constant_object(c->value));
  if (!v) return false;
  bool num = PyFloat_CheckExact(v.get()) || PyComplex_CheckExact(v.get());
  return put_repr(v.get(), num);
}

bool Unparser::tuple_elts(const Seq<ast::expr*>& elts, int level) {
  if (elts.empty()) {
    put("()");
    return true;
  }
  if (level > kTuple) put("(");
  for (size_t i = 0; i < elts.size(); i++) {
    if (i) put(", ");
    if (!expr(elts[i], kTest)) return false;
  }
  if (elts.size() == 1) put(",");
  if (level > kTuple) put(")");
  return true;
}

bool Unparser::comprehensions(const Seq<comprehension*>& gens) {
  // The element and the conditions belong to the comprehension's own scope (and so, loosely,
  // the later iterators: only the first is evaluated outside).
  for (comprehension* g : gens) {
    put(g->is_async ? " async for " : " for ");
    if (!expr(g->target, kTuple)) return false;
    put(" in ");
    if (!expr(g->iter, kTest + 1)) return false;
    for (ast::expr* cond : g->ifs) {
      put(" if ");
      if (!expr(cond, kTest + 1)) return false;
    }
  }
  return true;
}

bool Unparser::args(const arguments* a) {
  bool first = true;
  auto sep = [&] {
    if (!first) put(", ");
    first = false;
  };
  auto one = [&](const arg* x) -> bool {
    put(x->arg);
    if (x->annotation) {
      put(": ");
      return expr(x->annotation, kTest);
    }
    return true;
  };
  size_t nposonly = a->posonlyargs.size(), nargs = a->args.size(), ndefaults = a->defaults.size();
  for (size_t i = 0; i < nposonly + nargs; i++) {
    sep();
    if (!one(i < nposonly ? a->posonlyargs[i] : a->args[i - nposonly])) return false;
    Py_ssize_t di = static_cast<Py_ssize_t>(i) - static_cast<Py_ssize_t>(nposonly + nargs) +
                    static_cast<Py_ssize_t>(ndefaults);
    if (di >= 0) {
      put("=");
      if (!expr(a->defaults[static_cast<size_t>(di)], kTest)) return false;
    }
    if (nposonly && i + 1 == nposonly) put(", /");
  }
  if (a->vararg || !a->kwonlyargs.empty()) {
    sep();
    put("*");
    if (a->vararg && !one(a->vararg)) return false;
  }
  for (size_t i = 0; i < a->kwonlyargs.size(); i++) {
    sep();
    if (!one(a->kwonlyargs[i])) return false;
    ast::expr* d = i < a->kw_defaults.size() ? a->kw_defaults[i] : nullptr;
    if (d) {
      put("=");
      if (!expr(d, kTest)) return false;
    }
  }
  if (a->kwarg) {
    sep();
    put("**");
    if (!one(a->kwarg)) return false;
  }
  return true;
}

bool Unparser::call(const Call* c) {
  if (!expr(c->func, kAtom)) return false;
  if (c->args.size() == 1 && c->keywords.empty() && c->args[0]->kind == expr_kind::GeneratorExp)
    return expr(c->args[0], kTest);  // the generator's own parentheses are the call's
  put("(");
  bool first = true;
  for (ast::expr* a : c->args) {
    if (!first) put(", ");
    first = false;
    if (!expr(a, kTest)) return false;
  }
  for (keyword* k : c->keywords) {
    if (!first) put(", ");
    first = false;
    if (k->arg.data()) {
      put(k->arg);
      put("=");
    } else {
      put("**");
    }
    if (!expr(k->value, kTest)) return false;
  }
  put(")");
  return true;
}

bool Unparser::fstring_element(const ast::expr* e, std::string* body, bool is_spec) {
  if (auto* c = as<Constant>(const_cast<ast::expr*>(e)); c && c->value.kind == ConstantKind::Str) {
    for (char ch : c->value.text) {  // literal braces are doubled
      *body += ch;
      if (ch == '{' || ch == '}') *body += ch;
    }
    return true;
  }
  if (auto* j = as<JoinedStr>(const_cast<ast::expr*>(e))) {
    Unparser inner;
    if (!inner.joined_str(j, is_spec)) return false;
    *body += inner.out;
    return true;
  }
  if (auto* f = as<FormattedValue>(const_cast<ast::expr*>(e))) return formatted_value(f, body);
  PyErr_SetString(PyExc_SystemError, "unknown expression kind inside f-string");
  return false;
}

bool Unparser::fstring_body(const Seq<ast::expr*>& values, std::string* body, bool is_spec) {
  for (ast::expr* v : values)
    if (!fstring_element(v, body, is_spec)) return false;
  return true;
}

bool Unparser::joined_str(const JoinedStr* j, bool is_spec) {
  std::string body;
  if (!fstring_body(j->values, &body, is_spec)) return false;
  if (is_spec) {
    out += body;
    return true;
  }
  Ref<> s = steal(PyUnicode_DecodeUTF8(body.data(), static_cast<Py_ssize_t>(body.size()), "surrogatepass"));
  if (!s) return false;
  put("f");
  return put_repr(s.get(), false);
}

bool Unparser::formatted_value(const FormattedValue* f, std::string* body) {
  // Above PR_TEST, so that a lambda (whose ':' would end the field) gets parentheses.
  Unparser inner;
  if (!inner.expr(f->value, kTest + 1)) return false;
  *body += inner.out.size() && inner.out[0] == '{' ? "{ " : "{";
  *body += inner.out;
  switch (f->conversion) {
    case 's': *body += "!s"; break;
    case 'r': *body += "!r"; break;
    case 'a': *body += "!a"; break;
    default: break;
  }
  if (f->format_spec) {
    *body += ":";
    if (!fstring_element(f->format_spec, body, true)) return false;
  }
  *body += "}";
  return true;
}

const char* binop_text(operator_ op, int* prec) {
  switch (op) {
    case operator_::Add: *prec = kArith; return " + ";
    case operator_::Sub: *prec = kArith; return " - ";
    case operator_::Mult: *prec = kTerm; return " * ";
    case operator_::MatMult: *prec = kTerm; return " @ ";
    case operator_::Div: *prec = kTerm; return " / ";
    case operator_::Mod: *prec = kTerm; return " % ";
    case operator_::FloorDiv: *prec = kTerm; return " // ";
    case operator_::LShift: *prec = kShift; return " << ";
    case operator_::RShift: *prec = kShift; return " >> ";
    case operator_::BitOr: *prec = kBor; return " | ";
    case operator_::BitXor: *prec = kBxor; return " ^ ";
    case operator_::BitAnd: *prec = kBand; return " & ";
    case operator_::Pow: *prec = kPower; return " ** ";
  }
  *prec = kAtom;
  return " ? ";
}

const char* cmpop_text(cmpop op) {
  switch (op) {
    case cmpop::Eq: return " == ";
    case cmpop::NotEq: return " != ";
    case cmpop::Lt: return " < ";
    case cmpop::LtE: return " <= ";
    case cmpop::Gt: return " > ";
    case cmpop::GtE: return " >= ";
    case cmpop::Is: return " is ";
    case cmpop::IsNot: return " is not ";
    case cmpop::In: return " in ";
    case cmpop::NotIn: return " not in ";
  }
  return " ? ";
}

bool Unparser::expr(const ast::expr* ce, int level) {
  auto* e = const_cast<ast::expr*>(ce);
  auto forbid = [&](const char* what) {
    if (!forbidden && nested_scopes == 0) {
      forbidden = e;
      forbidden_what = what;
    }
  };
  auto open = [&](int prec) {
    if (level > prec) put("(");
  };
  auto close = [&](int prec) {
    if (level > prec) put(")");
  };
  switch (e->kind) {
    case expr_kind::BoolOp: {
      auto* b = as<BoolOp>(e);
      int prec = b->op == boolop::And ? kAnd : kOr;
      open(prec);
      for (size_t i = 0; i < b->values.size(); i++) {
        if (i) put(b->op == boolop::And ? " and " : " or ");
        if (!expr(b->values[i], prec + 1)) return false;
      }
      close(prec);
      return true;
    }
    case expr_kind::NamedExpr: {
      auto* n = as<NamedExpr>(e);
      forbid("named expression");
      open(kTuple);
      if (!expr(n->target, kAtom)) return false;
      put(" := ");
      if (!expr(n->value, kAtom)) return false;
      close(kTuple);
      return true;
    }
    case expr_kind::BinOp: {
      auto* b = as<BinOp>(e);
      int prec;
      const char* text = binop_text(b->op, &prec);
      int rassoc = b->op == operator_::Pow;
      open(prec);
      if (!expr(b->left, prec + rassoc)) return false;
      put(text);
      if (!expr(b->right, prec + !rassoc)) return false;
      close(prec);
      return true;
    }
    case expr_kind::UnaryOp: {
      auto* u = as<UnaryOp>(e);
      const char* text = u->op == unaryop::Invert ? "~" : u->op == unaryop::Not ? "not " : u->op == unaryop::UAdd ? "+" : "-";
      int prec = u->op == unaryop::Not ? kNot : kFactor;
      open(prec);
      put(text);
      if (!expr(u->operand, prec)) return false;
      close(prec);
      return true;
    }
    case expr_kind::Lambda: {
      auto* l = as<Lambda>(e);
      open(kTest);
      size_t npos = l->args->args.size() + l->args->posonlyargs.size();
      put(npos ? "lambda " : "lambda");
      ++nested_scopes;
      bool ok = args(l->args);
      if (ok) put(": ");
      ok = ok && expr(l->body, kTest);
      --nested_scopes;
      if (!ok) return false;
      close(kTest);
      return true;
    }
    case expr_kind::IfExp: {
      auto* i = as<IfExp>(e);
      open(kTest);
      if (!expr(i->body, kTest + 1)) return false;
      put(" if ");
      if (!expr(i->test, kTest + 1)) return false;
      put(" else ");
      if (!expr(i->orelse, kTest)) return false;
      close(kTest);
      return true;
    }
    case expr_kind::Dict: {
      auto* d = as<Dict>(e);
      put("{");
      for (size_t i = 0; i < d->values.size(); i++) {
        if (i) put(", ");
        ast::expr* k = i < d->keys.size() ? d->keys[i] : nullptr;
        if (k) {
          if (!expr(k, kTest)) return false;
          put(": ");
          if (!expr(d->values[i], kTest)) return false;
        } else {
          put("**");
          if (!expr(d->values[i], kExpr)) return false;
        }
      }
      put("}");
      return true;
    }
    case expr_kind::Set: {
      auto* s = as<Set>(e);
      put("{");
      for (size_t i = 0; i < s->elts.size(); i++) {
        if (i) put(", ");
        if (!expr(s->elts[i], kTest)) return false;
      }
      put("}");
      return true;
    }
    case expr_kind::ListComp: {
      auto* c = as<ListComp>(e);
      put("[");
      ++nested_scopes;
      bool ok = expr(c->elt, kTest) && comprehensions(c->generators);
      --nested_scopes;
      if (!ok) return false;
      put("]");
      return true;
    }
    case expr_kind::SetComp: {
      auto* c = as<SetComp>(e);
      put("{");
      ++nested_scopes;
      bool ok = expr(c->elt, kTest) && comprehensions(c->generators);
      --nested_scopes;
      if (!ok) return false;
      put("}");
      return true;
    }
    case expr_kind::DictComp: {
      auto* c = as<DictComp>(e);
      put("{");
      ++nested_scopes;
      bool ok = expr(c->key, kTest);
      if (ok) put(": ");
      ok = ok && expr(c->value, kTest) && comprehensions(c->generators);
      --nested_scopes;
      if (!ok) return false;
      put("}");
      return true;
    }
    case expr_kind::GeneratorExp: {
      auto* c = as<GeneratorExp>(e);
      put("(");
      ++nested_scopes;
      bool ok = expr(c->elt, kTest) && comprehensions(c->generators);
      --nested_scopes;
      if (!ok) return false;
      put(")");
      return true;
    }
    case expr_kind::Await: {
      forbid("await expression");
      open(kAwait);
      put("await ");
      if (!expr(as<Await>(e)->value, kAtom)) return false;
      close(kAwait);
      return true;
    }
    case expr_kind::Yield: {
      auto* y = as<Yield>(e);
      forbid("yield expression");
      if (!y->value) {
        put("(yield)");
        return true;
      }
      put("(yield ");
      if (!expr(y->value, kTest)) return false;
      put(")");
      return true;
    }
    case expr_kind::YieldFrom: {
      forbid("yield expression");
      put("(yield from ");
      if (!expr(as<YieldFrom>(e)->value, kTest)) return false;
      put(")");
      return true;
    }
    case expr_kind::Compare: {
      auto* c = as<Compare>(e);
      open(kCmp);
      if (!expr(c->left, kCmp + 1)) return false;
      for (size_t i = 0; i < c->ops.size() && i < c->comparators.size(); i++) {
        put(cmpop_text(c->ops[i]));
        if (!expr(c->comparators[i], kCmp + 1)) return false;
      }
      close(kCmp);
      return true;
    }
    case expr_kind::Call: return call(as<Call>(e));
    case expr_kind::FormattedValue: {
      std::string body;
      if (!formatted_value(as<FormattedValue>(e), &body)) return false;
      out += body;
      return true;
    }
    case expr_kind::JoinedStr: return joined_str(as<JoinedStr>(e), false);
    case expr_kind::Constant: return constant(as<Constant>(e));
    case expr_kind::Attribute: {
      auto* a = as<Attribute>(e);
      if (!expr(a->value, kAtom)) return false;
      // An int needs a space: `1.real` would read as a float.
      auto* c = as<Constant>(a->value);
      put(c && c->value.kind == ConstantKind::Int ? " ." : ".");
      put(a->attr);
      return true;
    }
    case expr_kind::Subscript: {
      auto* s = as<Subscript>(e);
      if (!expr(s->value, kAtom)) return false;
      put("[");
      if (!expr(s->slice, kTuple)) return false;
      put("]");
      return true;
    }
    case expr_kind::Starred:
      put("*");
      return expr(as<Starred>(e)->value, kExpr);
    case expr_kind::Name: put(as<Name>(e)->id); return true;
    case expr_kind::List: {
      auto* l = as<List>(e);
      put("[");
      for (size_t i = 0; i < l->elts.size(); i++) {
        if (i) put(", ");
        if (!expr(l->elts[i], kTest)) return false;
      }
      put("]");
      return true;
    }
    case expr_kind::Tuple: return tuple_elts(as<Tuple>(e)->elts, level);
    case expr_kind::Slice: {
      auto* s = as<Slice>(e);
      if (s->lower && !expr(s->lower, kTest)) return false;
      put(":");
      if (s->upper && !expr(s->upper, kTest)) return false;
      if (s->step) {
        put(":");
        if (!expr(s->step, kTest)) return false;
      }
      return true;
    }
  }
  PyErr_SetString(PyExc_SystemError, "unknown expression kind");
  return false;
}

}  // namespace

// A constant of the tree as a new Python object (shared by the code generator, the ast module
// and the unparser).
PyObject* constant_object(const ast::ConstantValue& v) {
  switch (v.kind) {
    case ConstantKind::None: return Py_NewRef(Py_None);
    case ConstantKind::True: return Py_NewRef(Py_True);
    case ConstantKind::False: return Py_NewRef(Py_False);
    case ConstantKind::Ellipsis: return Py_NewRef(Py_Ellipsis);
    case ConstantKind::Int: {
      std::string text(v.text);
      return PyLong_FromString(text.c_str(), nullptr, 0);
    }
    case ConstantKind::Float: return PyFloat_FromDouble(v.num);
    case ConstantKind::Complex: return PyComplex_FromDoubles(0.0, v.num);
    case ConstantKind::Str:
      return PyUnicode_DecodeUTF8(v.text.data(), static_cast<Py_ssize_t>(v.text.size()), "surrogatepass");
    case ConstantKind::Bytes:
      return PyBytes_FromStringAndSize(v.text.data(), static_cast<Py_ssize_t>(v.text.size()));
    case ConstantKind::Object: return Py_NewRef(static_cast<PyObject*>(const_cast<void*>(v.object)));
  }
  return nullptr;
}

Ref<> unparse_annotation(const ast::expr* e, const ast::expr** forbidden, const char** what) {
  Unparser u;
  if (!u.expr(e, kTest)) return nullptr;
  if (forbidden) *forbidden = u.forbidden;
  if (what) *what = u.forbidden_what;
  return steal(PyUnicode_DecodeUTF8(u.out.data(), static_cast<Py_ssize_t>(u.out.size()), "surrogatepass"));
}

}  // namespace krait::compiler
