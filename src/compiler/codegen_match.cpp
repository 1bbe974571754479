// codegen_match.cpp — the `match` statement (PEP 634).
//
// Same strategy as CPython 3.11's compiler, so code shapes, positions and
// compile-time errors agree:
// * Every pattern consumes the subject on top of the stack, on success and on
//   failure alike.
// * Captured values are not stored while matching (a failed case must bind
//   nothing): each is rotated beneath the items the pattern still works on,
//   and its name is appended to PatternCtx::stores. The newest capture is the
//   deepest; stores[0] ends on top, so the case stores them in list order.
// * A failure jumps to fail_pop[n], where n = items to discard (work items +
//   captures); the labels are emitted after the case as a chain of POP_TOPs.
#include <algorithm>

#include "compiler/codegen.h"

namespace krait::compiler {

using namespace ast;

namespace {
bool is_wildcard(pattern* p) {
  auto* as = p->kind == pattern_kind::MatchAs ? static_cast<MatchAs*>(p) : nullptr;
  return as && !as->pattern && !as->name.data();
}
bool is_star_wildcard(pattern* p) {
  return p->kind == pattern_kind::MatchStar && !static_cast<MatchStar*>(p)->name.data();
}
}  // namespace

void Codegen::rotate(int count) {
  while (count > 1) emit(Op::SWAP, static_cast<uint32_t>(count--));
}

void Codegen::ensure_fail_pop(PatternCtx& pc, size_t n) {
  while (pc.fail_pop.size() <= n) pc.fail_pop.push_back(new_label());
}

void Codegen::jump_to_fail_pop(PatternCtx& pc, Op op) {
  size_t pops = static_cast<size_t>(pc.on_top) + pc.stores.size();
  ensure_fail_pop(pc, pops);
  emit_jump(op, pc.fail_pop[pops]);
}

void Codegen::emit_and_reset_fail_pop(PatternCtx& pc) {
  if (pc.fail_pop.empty()) return;
  for (size_t n = pc.fail_pop.size() - 1; n > 0; n--) {
    place(pc.fail_pop[n]);
    emit(Op::POP_TOP);
  }
  place(pc.fail_pop[0]);
  pc.fail_pop.clear();
}

bool Codegen::store_capture(PatternCtx& pc, std::string_view name, const Located* at) {
  std::string n(name);
  if (n == "__debug__") {
    error("cannot assign to __debug__", at);
    return false;
  }
  if (std::find(pc.stores.begin(), pc.stores.end(), n) != pc.stores.end()) {
    error("multiple assignments to name '" + n + "' in pattern", at);
    return false;
  }
  rotate(pc.on_top + static_cast<int>(pc.stores.size()) + 1);
  pc.stores.push_back(n);
  return true;
}

bool Codegen::subpattern(pattern* p, PatternCtx& pc) {
  bool saved = pc.allow_irrefutable;
  pc.allow_irrefutable = true;
  bool ok = compile_pattern(p, pc);
  pc.allow_irrefutable = saved;
  return ok;
}

bool Codegen::compile_pattern(pattern* p, PatternCtx& pc) {
  LocGuard g(u_, p);
  switch (p->kind) {
    case pattern_kind::MatchValue:
      // The grammar admits f-strings as literal patterns; the AST validation rejects them.
      if (static_cast<MatchValue*>(p)->value->kind == expr_kind::JoinedStr) {
        error("patterns may only match literals and attribute lookups", p);
        return false;
      }
      visit_expr(static_cast<MatchValue*>(p)->value);
      emit(Op::COMPARE_OP, Py_EQ);
      jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
      return !failed_;
    case pattern_kind::MatchSingleton: {
      Ref<> v = constant(static_cast<MatchSingleton*>(p)->value);
      if (!v) return false;
      load_const(v.obj());
      emit(Op::IS_OP, 0);
      jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
      return true;
    }
    case pattern_kind::MatchAs: {
      auto* m = static_cast<MatchAs*>(p);
      if (!m->pattern) {
        if (!pc.allow_irrefutable) {
          if (m->name.data())
            error("name capture '" + std::string(m->name) + "' makes remaining patterns unreachable", p);
          else
            error("wildcard makes remaining patterns unreachable", p);
          return false;
        }
        if (!m->name.data()) {
          emit(Op::POP_TOP);
          return true;
        }
        return store_capture(pc, m->name, p);
      }
      // `P as name`: match P against a copy, then capture the subject.  P keeps the
      // irrefutability rule of the `as` pattern (`case _ as y:` before another case is an error).
      pc.on_top++;
      emit(Op::COPY, 1);
      if (!compile_pattern(m->pattern, pc)) return false;
      pc.on_top--;
      return store_capture(pc, m->name, p);
    }
    case pattern_kind::MatchStar: {
      auto* m = static_cast<MatchStar*>(p);
      if (!m->name.data()) {
        emit(Op::POP_TOP);
        return true;
      }
      return store_capture(pc, m->name, p);
    }
    case pattern_kind::MatchSequence: return sequence_pattern(static_cast<MatchSequence*>(p), pc);
    case pattern_kind::MatchMapping: return mapping_pattern(static_cast<MatchMapping*>(p), pc);
    case pattern_kind::MatchClass: return class_pattern(static_cast<MatchClass*>(p), pc);
    case pattern_kind::MatchOr: return or_pattern(static_cast<MatchOr*>(p), pc);
  }
  return false;
}

bool Codegen::sequence_pattern(MatchSequence* p, PatternCtx& pc) {
  const auto& pats = p->patterns;
  int size = static_cast<int>(pats.size());
  int star = -1;
  bool only_wildcard = true, star_wildcard = false;
  for (int i = 0; i < size; i++) {
    pattern* q = pats[static_cast<size_t>(i)];
    if (q->kind == pattern_kind::MatchStar) {
      if (star >= 0) {
        error("multiple starred names in sequence pattern", p);
        return false;
      }
      star = i;
      star_wildcard = is_star_wildcard(q);
      only_wildcard &= star_wildcard;
    } else {
      only_wildcard &= is_wildcard(q);
    }
  }
  pc.on_top++;  // the subject stays during the checks
  emit(Op::MATCH_SEQUENCE);
  jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
  // A lone star needs no length check at all (as in CPython: len() is never
  // called, so a registered Sequence without __len__ matches `[*_]`).
  if (star < 0 || size > 1) {
    emit(Op::GET_LEN);
    if (star < 0) {
      load_const(steal(PyLong_FromLong(size)).obj());
      emit(Op::COMPARE_OP, Py_EQ);
    } else {
      load_const(steal(PyLong_FromLong(size - 1)).obj());
      emit(Op::COMPARE_OP, Py_GE);
    }
    jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
  }
  pc.on_top--;
  if (only_wildcard) {
    emit(Op::POP_TOP);
    return true;
  }
  if (star_wildcard) {
    // [a, *_, b]: index the items instead of unpacking everything.
    pc.on_top++;
    for (int i = 0; i < size; i++) {
      pattern* q = pats[static_cast<size_t>(i)];
      if (is_wildcard(q) || i == star) continue;
      emit(Op::COPY, 1);
      if (i < star) {
        load_const(steal(PyLong_FromLong(i)).obj());
      } else {
        emit(Op::GET_LEN);
        load_const(steal(PyLong_FromLong(size - i)).obj());
        emit(Op::BINARY_OP, static_cast<uint32_t>(bytecode::BinaryOp::Subtract));
      }
      emit(Op::BINARY_SUBSCR);
      if (!subpattern(q, pc)) return false;
    }
    pc.on_top--;
    emit(Op::POP_TOP);
    return true;
  }
  if (star < 0) emit(Op::UNPACK_SEQUENCE, static_cast<uint32_t>(size));
  else emit(Op::UNPACK_EX, static_cast<uint32_t>(star | ((size - 1 - star) << 8)));
  pc.on_top += size;
  for (pattern* q : pats) {
    pc.on_top--;
    if (is_wildcard(q)) {
      emit(Op::POP_TOP);
      continue;
    }
    if (!subpattern(q, pc)) return false;
  }
  return true;
}


// The value of a literal mapping-pattern key, or null (no error set) when the
// key is not a literal. Besides plain constants, the pattern grammar allows
// signed numbers and complex literals (`-1`, `1+2j`, `-0-0j`), which CPython's
// AST optimizer folds before codegen; they are folded here for the duplicate
// check.
Ref<> Codegen::pattern_key_value(ast::expr* k) {
  if (k->kind == expr_kind::Constant) {
    Ref<> v = constant(static_cast<Constant*>(k)->value);
    if (!v) PyErr_Clear();
    return v;
  }
  if (auto* u = ast::as<UnaryOp>(k)) {
    if (u->op != ast::unaryop::USub) return nullptr;
    Ref<> v = pattern_key_value(u->operand);
    if (!v) return nullptr;
    Ref<> r = steal(PyNumber_Negative(v.obj()));
    if (!r) PyErr_Clear();
    return r;
  }
  if (auto* b = ast::as<BinOp>(k)) {
    if (b->op != ast::operator_::Add && b->op != ast::operator_::Sub) return nullptr;
    Ref<> l = pattern_key_value(b->left), r = pattern_key_value(b->right);
    if (!l || !r) return nullptr;
    Ref<> v = steal(b->op == ast::operator_::Add ? PyNumber_Add(l.obj(), r.obj())
                                                 : PyNumber_Subtract(l.obj(), r.obj()));
    if (!v) PyErr_Clear();
    return v;
  }
  return nullptr;
}

bool Codegen::mapping_pattern(MatchMapping* p, PatternCtx& pc) {
  size_t size = p->keys.size();
  if (size != p->patterns.size()) {
    error("keys (" + std::to_string(size) + ") / patterns (" + std::to_string(p->patterns.size()) +
              ") length mismatch in mapping pattern", p);
    return false;
  }
  bool has_rest = p->rest.data() != nullptr;
  pc.on_top++;
  emit(Op::MATCH_MAPPING);
  jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
  if (!size && !has_rest) {
    pc.on_top--;
    emit(Op::POP_TOP);
    return true;
  }
  if (size) {
    emit(Op::GET_LEN);
    load_const(steal(PyLong_FromSsize_t(static_cast<Py_ssize_t>(size))).obj());
    emit(Op::COMPARE_OP, Py_GE);
    jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
  }
  Ref<> seen = steal(PySet_New(nullptr));
  for (expr* k : p->keys) {
    if (Ref<> v = pattern_key_value(k)) {
      int dup = PySet_Contains(seen.obj(), v.obj());
      if (dup < 0) PyErr_Clear();
      if (dup > 0) {
        Ref<> r = steal(PyObject_Repr(v.obj()));
        error(std::string("mapping pattern checks duplicate key (") + (r ? PyUnicode_AsUTF8(r.obj()) : "?") + ")", p);
        return false;
      }
      if (PySet_Add(seen.obj(), v.obj()) < 0) PyErr_Clear();
    } else if (k->kind != expr_kind::Attribute) {
      error("mapping pattern keys may only match literals and attribute lookups", k);
      return false;
    }
    visit_expr(k);
  }
  emit(Op::BUILD_TUPLE, static_cast<uint32_t>(size));
  emit(Op::MATCH_KEYS);  // [subject keys values_or_None]
  pc.on_top += 2;
  emit(Op::COPY, 1);
  load_none();
  emit(Op::IS_OP, 1);
  jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
  emit(Op::UNPACK_SEQUENCE, static_cast<uint32_t>(size));
  pc.on_top += static_cast<int>(size) - 1;
  for (pattern* q : p->patterns) {
    pc.on_top--;
    if (is_wildcard(q)) {
      emit(Op::POP_TOP);
      continue;
    }
    if (!subpattern(q, pc)) return false;
  }
  pc.on_top -= 2;  // [subject keys]
  if (has_rest) {
    // rest = dict(subject) minus the matched keys.
    emit(Op::BUILD_MAP, 0);        // [subject keys {}]
    emit(Op::SWAP, 3);             // [{} keys subject]
    emit(Op::DICT_UPDATE, 2);      // [rest keys]
    emit(Op::UNPACK_SEQUENCE, static_cast<uint32_t>(size));  // [rest k...]
    for (size_t n = size; n > 0; n--) {
      emit(Op::COPY, static_cast<uint32_t>(1 + n));  // [rest k... rest]
      emit(Op::SWAP, 2);                             // [rest k... rest k]
      emit(Op::DELETE_SUBSCR);
    }
    return store_capture(pc, p->rest, p);
  }
  emit(Op::POP_TOP);  // keys
  emit(Op::POP_TOP);  // subject
  return true;
}

bool Codegen::class_pattern(MatchClass* p, PatternCtx& pc) {
  size_t nargs = p->patterns.size(), nattrs = p->kwd_attrs.size();
  if (nattrs != p->kwd_patterns.size()) {
    error("kwd_attrs (" + std::to_string(nattrs) + ") / kwd_patterns (" + std::to_string(p->kwd_patterns.size()) +
              ") length mismatch in class pattern", p);
    return false;
  }
  for (size_t i = 0; i < nattrs; i++) {
    std::string a(p->kwd_attrs[i]);
    for (size_t j = i + 1; j < nattrs; j++) {
      if (a == std::string(p->kwd_attrs[j])) {
        error("attribute name repeated in class pattern: " + a, p->kwd_patterns[j]);
        return false;
      }
    }
  }
  visit_expr(p->cls);
  Ref<> names = steal(PyTuple_New(static_cast<Py_ssize_t>(nattrs)));
  for (size_t i = 0; i < nattrs; i++) {
    std::string a(p->kwd_attrs[i]);
    PyTuple_SET_ITEM(names.obj(), static_cast<Py_ssize_t>(i), PyUnicode_FromStringAndSize(a.data(), static_cast<Py_ssize_t>(a.size())));
  }
  load_const(names.obj());
  emit(Op::MATCH_CLASS, static_cast<uint32_t>(nargs));  // [attrs_or_None]
  emit(Op::COPY, 1);
  load_none();
  emit(Op::IS_OP, 1);
  pc.on_top++;
  jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
  emit(Op::UNPACK_SEQUENCE, static_cast<uint32_t>(nargs + nattrs));
  pc.on_top += static_cast<int>(nargs + nattrs) - 1;
  for (size_t i = 0; i < nargs + nattrs; i++) {
    pattern* q = i < nargs ? p->patterns[i] : p->kwd_patterns[i - nargs];
    pc.on_top--;
    if (is_wildcard(q)) {
      emit(Op::POP_TOP);
      continue;
    }
    if (!subpattern(q, pc)) return false;
  }
  return true;
}

bool Codegen::or_pattern(MatchOr* p, PatternCtx& pc) {
  int end = new_label();
  size_t n = p->patterns.size();
  PatternCtx old = pc;
  std::vector<std::string> control;
  for (size_t i = 0; i < n; i++) {
    pattern* alt = p->patterns[i];
    pc.stores.clear();
    pc.allow_irrefutable = (i == n - 1) && old.allow_irrefutable;
    pc.fail_pop.clear();
    pc.on_top = 0;
    {
      LocGuard g(u_, alt);
      emit(Op::COPY, 1);
    }
    if (!compile_pattern(alt, pc)) return false;
    size_t nstores = pc.stores.size();
    if (i == 0) {
      control = pc.stores;
    } else if (nstores != control.size()) {
      error("alternative patterns bind different names", alt);
      return false;
    } else if (nstores) {
      // Bring this alternative's captures into the first one's stack order.
      for (size_t ic = nstores; ic-- > 0;) {
        auto it = std::find(pc.stores.begin(), pc.stores.end(), control[ic]);
        if (it == pc.stores.end()) {
          error("alternative patterns bind different names", alt);
          return false;
        }
        size_t is = static_cast<size_t>(it - pc.stores.begin());
        if (is != ic) {
          size_t rotations = is + 1;
          std::vector<std::string> moved(pc.stores.begin(), pc.stores.begin() + static_cast<long>(rotations));
          pc.stores.erase(pc.stores.begin(), pc.stores.begin() + static_cast<long>(rotations));
          pc.stores.insert(pc.stores.begin() + static_cast<long>(ic - is), moved.begin(), moved.end());
          for (size_t r = 0; r < rotations; r++) rotate(static_cast<int>(ic) + 1);
        }
      }
    }
    emit_jump(Op::JUMP, end);
    emit_and_reset_fail_pop(pc);
  }
  pc = old;
  // No alternative matched: drop the subject and fail.
  emit(Op::POP_TOP);
  jump_to_fail_pop(pc, Op::JUMP);
  place(end);
  // [previous captures, work items, subject, new captures]: move the new
  // captures below everything else, then drop the subject.
  int nrots = static_cast<int>(control.size()) + 1 + pc.on_top + static_cast<int>(pc.stores.size());
  for (const std::string& name : control) {
    rotate(nrots);
    if (std::find(pc.stores.begin(), pc.stores.end(), name) != pc.stores.end()) {
      error("multiple assignments to name '" + name + "' in pattern", p);
      return false;
    }
    pc.stores.push_back(name);
  }
  emit(Op::POP_TOP);
  return true;
}

void Codegen::match_stmt(Match* s) {
  visit_expr(s->subject);
  int end = new_label();
  size_t cases = s->cases.size();
  bool has_default = cases > 1 && is_wildcard(s->cases[cases - 1]->pattern) && !s->cases[cases - 1]->guard;
  size_t last = cases - (has_default ? 1 : 0);
  for (size_t i = 0; i < last; i++) {
    match_case* m = s->cases[i];
    PatternCtx pc;
    {
      LocGuard g(u_, m->pattern);
      if (i != last - 1) emit(Op::COPY, 1);
    }
    pc.allow_irrefutable = m->guard != nullptr || i == cases - 1;
    if (!compile_pattern(m->pattern, pc)) return;
    {
      LocGuard g(u_, m->pattern);
      for (const std::string& n : pc.stores) name_op(n, expr_context::Store);
    }
    if (m->guard) {
      ensure_fail_pop(pc, 0);
      jump_if(m->guard, false, pc.fail_pop[0]);
    }
    if (i != last - 1) {
      LocGuard g(u_, m->pattern);
      emit(Op::POP_TOP);
    }
    body(m->body);
    if (failed_) return;
    {
      Position saved = u_->pos;
      u_->pos = Position{};  // located by the body's last instruction
      emit_jump(Op::JUMP, end);
      u_->pos = saved;
    }
    LocGuard g(u_, m->pattern);
    emit_and_reset_fail_pop(pc);
  }
  if (has_default) {
    match_case* m = s->cases[cases - 1];
    {
      LocGuard g(u_, m->pattern);
      emit(cases == 1 ? Op::POP_TOP : Op::NOP);
    }
    body(m->body);
  }
  place(end);
}

}  // namespace krait::compiler
