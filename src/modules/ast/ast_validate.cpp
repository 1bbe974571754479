// ast_validate.cpp — the checks CPython's PyAST_Validate makes on a tree built from
// Python objects before compiling it (the parser never produces such trees):
// expression contexts, None inside statement / expression lists, empty bodies, Try
// shape, Compare arity, constant types, reserved names.
//
// The walk is generic (from parser/ast_nodes.def); only the fields whose expressions
// need a Store / Del context and the few structural rules are spelled out.
#include <Python.h>

#include <cstring>

#include "modules/ast/ast_state.h"

namespace krait::astmod {
namespace {

using namespace krait::ast;

bool fail(PyObject* type, const char* msg) {
  PyErr_SetString(type, msg);
  return false;
}

const char* ctx_name(expr_context c) {
  switch (c) {
    case expr_context::Load: return "Load";
    case expr_context::Store: return "Store";
    case expr_context::Del: return "Del";
  }
  return "?";
}

bool valid_constant(PyObject* v) {
  if (v == Py_None || v == Py_Ellipsis) return true;
  if (PyLong_CheckExact(v) || PyFloat_CheckExact(v) || PyComplex_CheckExact(v) || PyBool_Check(v) ||
      PyUnicode_CheckExact(v) || PyBytes_CheckExact(v))
    return true;
  if (PyTuple_CheckExact(v) || PyFrozenSet_CheckExact(v)) {
    PyObject* it = PyObject_GetIter(v);
    if (!it) return false;
    bool ok = true;
    while (PyObject* item = PyIter_Next(it)) {
      ok = valid_constant(item);
      Py_DECREF(item);
      if (!ok) break;
    }
    Py_DECREF(it);
    return ok && !PyErr_Occurred();
  }
  return false;
}

bool check_name(std::string_view id) {
  static const char* const forbidden[] = {"None", "True", "False"};
  for (const char* f : forbidden)
    if (id == f) {
      PyErr_Format(PyExc_ValueError, "identifier field can't represent '%s' constant", f);
      return false;
    }
  return true;
}

// The context an expression field requires: Store for assignment targets, Del for
// `del` targets, the parent's own context for List/Tuple elements and Starred.
expr_context want_for(const char* owner, const char* field, expr_context own) {
  auto is = [&](const char* o, const char* f) { return !std::strcmp(owner, o) && !std::strcmp(field, f); };
  if (is("Delete", "targets")) return expr_context::Del;
  if (is("Assign", "targets") || is("AugAssign", "target") || is("AnnAssign", "target") ||
      is("For", "target") || is("AsyncFor", "target") || is("NamedExpr", "target") ||
      is("comprehension", "target") || is("withitem", "optional_vars"))
    return expr_context::Store;
  if (is("List", "elts") || is("Tuple", "elts") || is("Starred", "value")) return own;
  return expr_context::Load;
}

bool empty_seq(const char* what, const char* owner) {
  PyErr_Format(PyExc_ValueError, "empty %s on %s", what, owner);
  return false;
}

#define AST_SUM(sum, attrs) bool v_##sum(const sum* n, expr_context want);
#define AST_PRODUCT(Name, attrs) bool v_##Name(const Name* n, expr_context want);
#include "parser/ast_nodes.def"

// Leaves need no checks.
template <class T>
bool v_leaf(const T&, expr_context) {
  return true;
}

// Dispatch on field type: nodes recurse, everything else is a leaf.
#define KRAIT_V_identifier(x, w) v_leaf(x, w)
#define KRAIT_V_string(x, w) v_leaf(x, w)
#define KRAIT_V_int(x, w) v_leaf(x, w)
#define KRAIT_V_constant(x, w) v_leaf(x, w)
#define KRAIT_V_expr_context(x, w) v_leaf(x, w)
#define KRAIT_V_boolop(x, w) v_leaf(x, w)
#define KRAIT_V_operator_(x, w) v_leaf(x, w)
#define KRAIT_V_unaryop(x, w) v_leaf(x, w)
#define KRAIT_V_cmpop(x, w) v_leaf(x, w)
#define KRAIT_V_mod(x, w) v_mod(x, w)
#define KRAIT_V_stmt(x, w) v_stmt(x, w)
#define KRAIT_V_expr(x, w) v_expr(x, w)
#define KRAIT_V_excepthandler(x, w) v_excepthandler(x, w)
#define KRAIT_V_pattern(x, w) v_pattern(x, w)
#define KRAIT_V_type_ignore(x, w) v_type_ignore(x, w)
#define KRAIT_V_comprehension(x, w) v_comprehension(x, w)
#define KRAIT_V_arguments(x, w) v_arguments(x, w)
#define KRAIT_V_arg(x, w) v_arg(x, w)
#define KRAIT_V_keyword(x, w) v_keyword(x, w)
#define KRAIT_V_alias(x, w) v_alias(x, w)
#define KRAIT_V_withitem(x, w) v_withitem(x, w)
#define KRAIT_V_match_case(x, w) v_match_case(x, w)

// Null entries: allowed in Dict.keys and arguments.kw_defaults only.
bool null_ok(const char* owner, const char* field) {
  return (!std::strcmp(owner, "Dict") && !std::strcmp(field, "keys")) ||
         (!std::strcmp(owner, "arguments") && !std::strcmp(field, "kw_defaults"));
}

template <class T>
bool is_null(T* p) {
  return p == nullptr;
}
template <class T>
bool is_null(const T&) {
  return false;
}

#define KRAIT_VF_ONE(type, name)                                                      \
  if (!KRAIT_V_##type(n->name, want_for(owner, #name, own))) return false;
#define KRAIT_VF_OPT(type, name)                                                      \
  if (!KRAIT_V_##type(n->name, want_for(owner, #name, own))) return false;
#define KRAIT_VF_SEQ(type, name)                                                      \
  for (auto& item : n->name) {                                                        \
    if (is_null(item)) {                                                              \
      if (null_ok(owner, #name)) continue;                                            \
      return fail(PyExc_ValueError, std::strcmp(#type, "stmt") ? "None disallowed in expression list" \
                                                               : "None disallowed in statement list"); \
    }                                                                                 \
    if (!KRAIT_V_##type(item, want_for(owner, #name, own))) return false;           \
  }

template <class T>
bool try_rules(const T* t, const char* k) {
  if (t->body.empty()) return empty_seq("body", k);
  if (t->handlers.empty() && t->finalbody.empty()) {
    PyErr_Format(PyExc_ValueError, "%s has neither except handlers nor finalbody", k);
    return false;
  }
  if (t->handlers.empty() && !t->orelse.empty()) {
    PyErr_Format(PyExc_ValueError, "%s has orelse but no except handlers", k);
    return false;
  }
  return true;
}

// Structural rules of single node kinds (run before the fields are walked).
bool rules(const stmt* s) {
  switch (s->kind) {
#define BODY(K)                                                                  \
  case stmt_kind::K:                                                             \
    if (static_cast<const K*>(s)->body.empty()) return empty_seq("body", #K);    \
    break;
    BODY(FunctionDef) BODY(AsyncFunctionDef) BODY(ClassDef) BODY(For) BODY(AsyncFor) BODY(While) BODY(If)
#undef BODY
    case stmt_kind::Try: return try_rules(static_cast<const Try*>(s), "Try");
    case stmt_kind::TryStar: return try_rules(static_cast<const TryStar*>(s), "TryStar");
    case stmt_kind::Delete:
      if (static_cast<const Delete*>(s)->targets.empty()) return empty_seq("targets", "Delete");
      break;
    case stmt_kind::Assign:
      if (static_cast<const Assign*>(s)->targets.empty()) return empty_seq("targets", "Assign");
      break;
    case stmt_kind::Import:
      if (static_cast<const Import*>(s)->names.empty()) return empty_seq("names", "Import");
      break;
    case stmt_kind::Global:
      if (static_cast<const Global*>(s)->names.empty()) return empty_seq("names", "Global");
      break;
    case stmt_kind::Nonlocal:
      if (static_cast<const Nonlocal*>(s)->names.empty()) return empty_seq("names", "Nonlocal");
      break;
    case stmt_kind::ImportFrom:
      if (static_cast<const ImportFrom*>(s)->level < 0)
        return fail(PyExc_ValueError, "Negative ImportFrom level");
      if (static_cast<const ImportFrom*>(s)->names.empty()) return empty_seq("names", "ImportFrom");
      break;
    case stmt_kind::With:
      if (static_cast<const With*>(s)->items.empty()) return empty_seq("items", "With");
      if (static_cast<const With*>(s)->body.empty()) return empty_seq("body", "With");
      break;
    case stmt_kind::AsyncWith:
      if (static_cast<const AsyncWith*>(s)->items.empty()) return empty_seq("items", "AsyncWith");
      if (static_cast<const AsyncWith*>(s)->body.empty()) return empty_seq("body", "AsyncWith");
      break;
    case stmt_kind::Match:
      if (static_cast<const Match*>(s)->cases.empty()) return empty_seq("cases", "Match");
      break;
    case stmt_kind::Raise: {
      auto* r = static_cast<const Raise*>(s);
      if (r->cause && !r->exc) return fail(PyExc_ValueError, "Raise with cause but no exception");
      break;
    }
    case stmt_kind::AnnAssign: {
      auto* a = static_cast<const AnnAssign*>(s);
      if (a->simple && a->target && a->target->kind != expr_kind::Name)
        return fail(PyExc_TypeError, "AnnAssign with simple non-Name target");
      break;
    }
    default: break;
  }
  return true;
}

bool rules(const excepthandler* h) {
  if (auto* e = as<ExceptHandler>(h); e && e->body.empty()) return empty_seq("body", "ExceptHandler");
  return true;
}

// Product nodes with rules of their own (run before their fields are walked).
template <class T>
bool product_rules(const T*) {
  return true;
}
bool product_rules(const arguments* a) {
  if (a->defaults.size() > a->posonlyargs.size() + a->args.size())
    return fail(PyExc_ValueError, "more positional defaults than args on arguments");
  if (a->kw_defaults.size() != a->kwonlyargs.size())
    return fail(PyExc_ValueError, "length of kwonlyargs is not the same as kw_defaults on arguments");
  return true;
}
bool product_rules(const match_case* c) {
  if (c->body.empty()) return empty_seq("body", "match_case");
  return true;
}

bool rules(const expr* e, expr_context want) {
  auto ctx_check = [&](expr_context actual) {
    if (actual == want) return true;
    PyErr_Format(PyExc_ValueError, "expression must have %s context but has %s instead", ctx_name(want),
                 ctx_name(actual));
    return false;
  };
  switch (e->kind) {
    case expr_kind::Name:
      if (!ctx_check(static_cast<const Name*>(e)->ctx)) return false;
      return check_name(static_cast<const Name*>(e)->id);
    case expr_kind::Attribute: return ctx_check(static_cast<const Attribute*>(e)->ctx);
    case expr_kind::Subscript: return ctx_check(static_cast<const Subscript*>(e)->ctx);
    case expr_kind::Starred: return ctx_check(static_cast<const Starred*>(e)->ctx);
    case expr_kind::List: return ctx_check(static_cast<const List*>(e)->ctx);
    case expr_kind::Tuple: return ctx_check(static_cast<const Tuple*>(e)->ctx);
    default: break;
  }
  if (want != expr_context::Load) {
    PyErr_Format(PyExc_ValueError, "expression which can't be assigned to in %s context", ctx_name(want));
    return false;
  }
  switch (e->kind) {
    case expr_kind::BoolOp:
      if (static_cast<const BoolOp*>(e)->values.size() < 2)
        return fail(PyExc_ValueError, "BoolOp with less than 2 values");
      break;
    case expr_kind::Dict: {
      auto* d = static_cast<const Dict*>(e);
      if (d->keys.size() != d->values.size())
        return fail(PyExc_ValueError, "Dict doesn't have the same number of keys as values");
      break;
    }
    case expr_kind::Compare: {
      auto* c = static_cast<const Compare*>(e);
      if (c->comparators.empty()) return fail(PyExc_ValueError, "Compare with no comparators");
      if (c->comparators.size() != c->ops.size())
        return fail(PyExc_ValueError, "Compare has a different number of comparators and operands");
      break;
    }
    case expr_kind::ListComp:
    case expr_kind::SetComp:
    case expr_kind::GeneratorExp:
    case expr_kind::DictComp: {
      static const char* const names[] = {"ListComp", "SetComp", "DictComp", "GeneratorExp"};
      size_t count = e->kind == expr_kind::ListComp ? static_cast<const ListComp*>(e)->generators.size()
                     : e->kind == expr_kind::SetComp ? static_cast<const SetComp*>(e)->generators.size()
                     : e->kind == expr_kind::DictComp ? static_cast<const DictComp*>(e)->generators.size()
                                                      : static_cast<const GeneratorExp*>(e)->generators.size();
      int idx = e->kind == expr_kind::ListComp ? 0 : e->kind == expr_kind::SetComp ? 1
                : e->kind == expr_kind::DictComp ? 2 : 3;
      if (!count) {
        PyErr_Format(PyExc_ValueError, "comprehension with no generators");
        (void)names[idx];
        return false;
      }
      break;
    }
    case expr_kind::Constant: {
      auto& v = static_cast<const Constant*>(e)->value;
      if (v.kind == ConstantKind::Object) {
        auto* o = static_cast<PyObject*>(const_cast<void*>(v.object));
        if (!valid_constant(o)) {
          if (!PyErr_Occurred())
            PyErr_Format(PyExc_TypeError, "got an invalid type in Constant: %s", _PyType_Name(Py_TYPE(o)));
          return false;
        }
      }
      break;
    }
    default: break;
  }
  return true;
}

bool rules(const pattern* p) {
  if (auto* s = as<MatchSingleton>(p)) {
    auto k = s->value.kind;
    if (k != ConstantKind::None && k != ConstantKind::True && k != ConstantKind::False)
      return fail(PyExc_ValueError, "MatchSingleton can only contain True, False and None");
  }
  if (auto* v = as<MatchValue>(p); v && v->value) {
    // Literals (possibly negated, or real +/- imaginary) and dotted names only.
    const expr* e = v->value;
    if (auto* u = as<UnaryOp>(e); u && u->op == unaryop::USub) e = u->operand;
    if (auto* b = as<BinOp>(e); b && (b->op == operator_::Add || b->op == operator_::Sub)) e = b->left;
    if (e->kind != expr_kind::Constant && e->kind != expr_kind::Attribute)
      return fail(PyExc_ValueError, "patterns may only match literals and attribute lookups");
  }
  if (auto* m = as<MatchMapping>(p); m && m->keys.size() != m->patterns.size())
    return fail(PyExc_ValueError, "MatchMapping doesn't have the same number of keys as patterns");
  if (auto* c = as<MatchClass>(p); c && c->kwd_attrs.size() != c->kwd_patterns.size())
    return fail(PyExc_ValueError, "MatchClass doesn't have the same number of keyword attributes as patterns");
  if (auto* a = as<MatchAs>(p); a && a->pattern && !a->name.data())
    return fail(PyExc_ValueError, "MatchAs must specify a target name if a pattern is given");
  if (auto* o = as<MatchOr>(p); o && o->patterns.size() < 2)
    return fail(PyExc_ValueError, "MatchOr requires at least 2 patterns");
  return true;
}

template <class T>
bool rules_any(const T*, expr_context) {
  return true;
}
bool rules_any(const stmt* s, expr_context) { return rules(s); }
bool rules_any(const expr* e, expr_context w) { return rules(e, w); }
bool rules_any(const pattern* p, expr_context) { return rules(p); }
bool rules_any(const excepthandler* h, expr_context) { return rules(h); }

// The context of a node that has one (List, Tuple, Starred): passed to its children.
template <class T>
expr_context own_of(const T* n, expr_context want) {
  if constexpr (requires { n->ctx; }) return n->ctx;
  (void)want;
  return expr_context::Load;
}

#define AST_FIELD(card, type, name) KRAIT_VF_##card(type, name)
#define AST_SUM(sum, attrs)                                                   \
  bool v_##sum(const sum* node, expr_context want) {                          \
    if (!node) return true;                                                   \
    if (Py_EnterRecursiveCall(" during compilation")) return false;           \
    bool ok = rules_any(node, want) && [&]() -> bool {                        \
      switch (node->kind) {
#define AST_CTOR(sum, Name)                                    \
  case sum##_kind::Name: {                                     \
    [[maybe_unused]] auto* n = static_cast<const Name*>(node); \
    [[maybe_unused]] const char* owner = #Name;                \
    [[maybe_unused]] expr_context own = own_of(n, want);
#define AST_CTOR_END(sum, Name) \
  return true;                  \
  }
#define AST_SUM_END(sum) \
  }                      \
  return true;           \
  }();                   \
  Py_LeaveRecursiveCall(); \
  return ok;             \
  }
#define AST_PRODUCT(Name, attrs)                        \
  bool v_##Name(const Name* n, expr_context) {          \
    if (!n) return true;                                \
    if (!product_rules(n)) return false;                \
    [[maybe_unused]] const char* owner = #Name;         \
    [[maybe_unused]] expr_context own = expr_context::Load;
#define AST_PRODUCT_END(Name) \
  return true;                \
  }
#include "parser/ast_nodes.def"

}  // namespace

bool validate(ast::mod* tree) { return v_mod(tree, expr_context::Load); }

}  // namespace krait::astmod
