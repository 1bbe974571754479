// codegen_warn.cpp — compile-time SyntaxWarnings, as CPython 3.11's compiler gives them:
// `x is 1` ("is" with a literal), `(1, 2)(3)` / `{1}[0]` / `[1][i, j]` ("perhaps you missed a
// comma?") and `assert (x, "msg")` (always true).
//
// A warning goes through warnings.warn_explicit() with the unit's filename and the node's
// line; when the filters turn it into an exception, a SyntaxError with the same message at
// the node replaces it (CPython's compiler_warn()).
//
// CPython decides "is it a literal?" after its AST optimizer folded constants (`-1`,
// `(1, 2)`, `not 1`), which Krait does not run; folded_constant() recomputes that much.
#include "compiler/codegen.h"

namespace krait::compiler {

using namespace ast;

bool Codegen::warn(const std::string& msg, const Located* at) {
  if (failed_) return false;
  Ref<> m = steal(PyUnicode_FromStringAndSize(msg.data(), static_cast<Py_ssize_t>(msg.size())));
  if (!m) return false;
  Ref<> fallback;
  PyObject* fn = filename_;
  if (!fn) {
    fallback = steal(PyUnicode_FromString("<string>"));
    fn = fallback.obj();
  }
  if (PyErr_WarnExplicitObject(PyExc_SyntaxWarning, m.obj(), fn, at->lineno, nullptr, nullptr) < 0) {
    if (PyErr_ExceptionMatches(PyExc_SyntaxWarning)) {
      PyErr_Clear();
      error(msg, at);
    } else {
      failed_ = true;
      PyErr_Fetch(&err_type_, &err_value_, &err_tb_);
      PyErr_NormalizeException(&err_type_, &err_value_, &err_tb_);
    }
    return false;
  }
  return true;
}

namespace {

bool is_number(PyObject* v) { return PyLong_Check(v) || PyFloat_Check(v) || PyComplex_Check(v); }

// Small enough to fold: CPython refuses to build huge constants (its safe_* limits).
bool small_result(PyObject* v) {
  if (PyLong_Check(v)) return _PyLong_NumBits(v) <= 128;
  if (PyUnicode_Check(v)) return PyUnicode_GET_LENGTH(v) <= 4096;
  if (PyBytes_Check(v)) return PyBytes_GET_SIZE(v) <= 4096;
  return true;
}

}  // namespace

Ref<> Codegen::folded_constant(expr* e) {
  Ref<> r;
  switch (e->kind) {
    case expr_kind::Constant:
      r = constant(static_cast<Constant*>(e)->value);
      if (!r) PyErr_Clear();
      return r;  // literals are constants whatever their size
    case expr_kind::UnaryOp: {
      auto* u = static_cast<UnaryOp*>(e);
      Ref<> v = folded_constant(u->operand);
      if (!v) return nullptr;
      switch (u->op) {
        case unaryop::USub: r = steal(PyNumber_Negative(v.obj())); break;
        case unaryop::UAdd: r = steal(PyNumber_Positive(v.obj())); break;
        case unaryop::Invert: r = steal(PyNumber_Invert(v.obj())); break;
        case unaryop::Not: {
          int t = PyObject_Not(v.obj());
          if (t >= 0) r = Ref<>::borrow(t ? Py_True : Py_False);
          break;
        }
      }
      break;
    }
    case expr_kind::BinOp: {
      auto* b = static_cast<BinOp*>(e);
      Ref<> l = folded_constant(b->left);
      if (!l) return nullptr;
      Ref<> rr = folded_constant(b->right);
      if (!rr) return nullptr;
      bool nums = is_number(l.obj()) && is_number(rr.obj());
      bool seqs = (PyUnicode_Check(l.obj()) && PyUnicode_Check(rr.obj())) ||
                  (PyBytes_Check(l.obj()) && PyBytes_Check(rr.obj()));
      PyObject *a = l.obj(), *c = rr.obj();
      switch (b->op) {
        case operator_::Add:
          if (nums || seqs) r = steal(PyNumber_Add(a, c));
          break;
        case operator_::Sub: if (nums) r = steal(PyNumber_Subtract(a, c)); break;
        case operator_::Mult:
          if (nums && (!PyLong_Check(a) || !PyLong_Check(c) || _PyLong_NumBits(a) + _PyLong_NumBits(c) <= 128))
            r = steal(PyNumber_Multiply(a, c));
          break;
        case operator_::Div: if (nums) r = steal(PyNumber_TrueDivide(a, c)); break;
        case operator_::FloorDiv: if (nums) r = steal(PyNumber_FloorDivide(a, c)); break;
        case operator_::Mod: if (nums) r = steal(PyNumber_Remainder(a, c)); break;
        case operator_::BitOr: if (nums) r = steal(PyNumber_Or(a, c)); break;
        case operator_::BitAnd: if (nums) r = steal(PyNumber_And(a, c)); break;
        case operator_::BitXor: if (nums) r = steal(PyNumber_Xor(a, c)); break;
        default: break;  // pow and shifts can explode: not folded here
      }
      break;
    }
    case expr_kind::Tuple: {
      auto* t = static_cast<Tuple*>(e);
      if (t->ctx != expr_context::Load) return nullptr;
      Ref<> tup = steal(PyTuple_New(static_cast<Py_ssize_t>(t->elts.size())));
      if (!tup) break;
      for (size_t i = 0; i < t->elts.size(); i++) {
        Ref<> v = folded_constant(t->elts[i]);
        if (!v) return nullptr;
        PyTuple_SET_ITEM(tup.obj(), static_cast<Py_ssize_t>(i), v.release());
      }
      r = std::move(tup);
      break;
    }
    default:
      return nullptr;
  }
  if (!r) {
    PyErr_Clear();  // 1/0 and friends are simply not folded
    return nullptr;
  }
  if (!small_result(r.obj())) return nullptr;
  return r;
}

namespace {

// CPython's infer_type(): the type an expression certainly has, or null.
PyTypeObject* infer_type(expr* e, PyObject* folded) {
  if (folded) return Py_TYPE(folded);
  switch (e->kind) {
    case expr_kind::Tuple: return &PyTuple_Type;
    case expr_kind::List:
    case expr_kind::ListComp: return &PyList_Type;
    case expr_kind::Dict:
    case expr_kind::DictComp: return &PyDict_Type;
    case expr_kind::Set:
    case expr_kind::SetComp: return &PySet_Type;
    case expr_kind::GeneratorExp: return &PyGen_Type;
    case expr_kind::Lambda: return &PyFunction_Type;
    case expr_kind::JoinedStr:
    case expr_kind::FormattedValue: return &PyUnicode_Type;
    case expr_kind::Slice: return &PySlice_Type;
    default: return nullptr;
  }
}

}  // namespace

bool Codegen::check_compare(Compare* c) {
  // A literal operand other than None/True/False/... (after folding).
  auto is_literal = [&](expr* e) {
    Ref<> v = folded_constant(e);
    return v && v.obj() != Py_None && v.obj() != Py_True && v.obj() != Py_False && v.obj() != Py_Ellipsis;
  };
  bool left = is_literal(c->left);
  for (size_t i = 0; i < c->ops.size(); i++) {
    bool right = is_literal(c->comparators[i]);
    cmpop op = c->ops[i];
    if ((op == cmpop::Is || op == cmpop::IsNot) && (left || right))
      return warn(op == cmpop::Is ? "\"is\" with a literal. Did you mean \"==\"?"
                                  : "\"is not\" with a literal. Did you mean \"!=\"?",
                  c);
    left = right;
  }
  return true;
}

bool Codegen::check_caller(Call* call) {
  expr* f = call->func;
  Ref<> folded = folded_constant(f);
  switch (f->kind) {
    case expr_kind::Constant:
    case expr_kind::Tuple:
    case expr_kind::List:
    case expr_kind::ListComp:
    case expr_kind::Dict:
    case expr_kind::DictComp:
    case expr_kind::Set:
    case expr_kind::SetComp:
    case expr_kind::GeneratorExp:
    case expr_kind::JoinedStr:
    case expr_kind::FormattedValue:
      break;
    default:
      if (!folded) return true;
  }
  PyTypeObject* t = infer_type(f, folded.obj());
  if (!t) return true;
  return warn(std::string("'") + t->tp_name + "' object is not callable; perhaps you missed a comma?", call);
}

bool Codegen::check_subscript(Subscript* s) {
  expr* v = s->value;
  Ref<> folded = folded_constant(v);
  // check_subscripter: values that are never subscriptable.
  bool never = false;
  if (folded) {
    PyObject* c = folded.obj();
    never = c == Py_None || c == Py_Ellipsis || PyLong_Check(c) || PyFloat_Check(c) ||
            PyComplex_Check(c) || PyAnySet_Check(c);
  } else {
    never = v->kind == expr_kind::Set || v->kind == expr_kind::SetComp ||
            v->kind == expr_kind::GeneratorExp || v->kind == expr_kind::Lambda;
  }
  if (never)
    return warn(std::string("'") + infer_type(v, folded.obj())->tp_name +
                    "' object is not subscriptable; perhaps you missed a comma?",
                s);
  // check_index: sequences indexed by something that is certainly not an index.
  Ref<> ifolded = folded_constant(s->slice);
  PyTypeObject* it = infer_type(s->slice, ifolded.obj());
  if (!it || PyType_FastSubclass(it, Py_TPFLAGS_LONG_SUBCLASS) || it == &PySlice_Type) return true;
  bool seq = false;
  if (folded) {
    PyObject* c = folded.obj();
    seq = PyUnicode_Check(c) || PyBytes_Check(c) || PyTuple_Check(c);
  } else {
    seq = v->kind == expr_kind::Tuple || v->kind == expr_kind::List || v->kind == expr_kind::ListComp ||
          v->kind == expr_kind::JoinedStr || v->kind == expr_kind::FormattedValue;
  }
  if (!seq) return true;
  return warn(std::string(infer_type(v, folded.obj())->tp_name) + " indices must be integers or slices, not " +
                  it->tp_name + "; perhaps you missed a comma?",
              s);
}

}  // namespace krait::compiler
