// sre_engine.cpp — the backtracking matcher that executes `re` compiled code.
//
// The code is the flat uint32 list built by re/_compiler.py (opcodes from
// re/_constants.py, skips relative to the skip word). It is run by a small
// virtual machine with an explicit backtracking stack, so the C stack never
// grows with the subject's length:
//
//  * a choice point records where to resume (a BRANCH alternative, one fewer
//    REPEAT_ONE item, one more MIN_REPEAT_ONE item, the tail after a greedy
//    repeat, another lazy iteration) together with the trail height, lastmark,
//    lastindex and the current repeat context;
//  * MARK writes go to a trail (undo log), so backtracking restores the marks
//    exactly as they were at the choice point;
//  * REPEAT contexts (count, last_ptr of the zero-width guard) live in an arena
//    as persistent nodes: "changing" a count makes a new node, so restoring a
//    choice point restores the repeat state by restoring one index;
//  * bodies that end in SUCCESS (ASSERT, ASSERT_NOT, ATOMIC_GROUP,
//    POSSESSIVE_REPEAT) run as nested sub-matches whose choice points are
//    dropped when they succeed — that is exactly their atomic semantics. Only
//    these nest on the C stack, bounded by the pattern's nesting depth.
#include "modules/sre/sre.h"

#include <cctype>

#include "support/unicode_db.h"

namespace krait::sre {

uint32_t lower_ascii(uint32_t ch) { return (ch >= 'A' && ch <= 'Z') ? ch + 32 : ch; }
uint32_t lower_unicode(uint32_t ch) { return krait::unicode::to_lower(ch); }
uint32_t upper_unicode(uint32_t ch) { return krait::unicode::to_upper(ch); }
uint32_t lower_locale(uint32_t ch) { return ch < 256 ? (uint32_t)std::tolower((int)ch) : ch; }
uint32_t upper_locale(uint32_t ch) { return ch < 256 ? (uint32_t)std::toupper((int)ch) : ch; }

namespace {

inline bool ascii_digit(uint32_t c) { return c >= '0' && c <= '9'; }
inline bool ascii_space(uint32_t c) { return c == ' ' || (c >= 9 && c <= 13); }
inline bool ascii_word(uint32_t c) {
  return c < 128 && (ascii_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_');
}
inline bool loc_word(uint32_t c) { return c < 256 && (std::isalnum((int)c) || c == '_'); }
inline bool uni_word(uint32_t c) { return c == '_' || krait::unicode::is_alnum(c); }

bool category(Code cat, uint32_t c) {
  using namespace krait::unicode;
  switch (cat) {
    case CAT_DIGIT: return ascii_digit(c);
    case CAT_NOT_DIGIT: return !ascii_digit(c);
    case CAT_SPACE: return ascii_space(c);
    case CAT_NOT_SPACE: return !ascii_space(c);
    case CAT_WORD: return ascii_word(c);
    case CAT_NOT_WORD: return !ascii_word(c);
    case CAT_LINEBREAK: return c == '\n';
    case CAT_NOT_LINEBREAK: return c != '\n';
    case CAT_LOC_WORD: return loc_word(c);
    case CAT_LOC_NOT_WORD: return !loc_word(c);
    case CAT_UNI_DIGIT: return is_decimal(c);
    case CAT_UNI_NOT_DIGIT: return !is_decimal(c);
    case CAT_UNI_SPACE: return is_space(c);
    case CAT_UNI_NOT_SPACE: return !is_space(c);
    case CAT_UNI_WORD: return uni_word(c);
    case CAT_UNI_NOT_WORD: return !uni_word(c);
    case CAT_UNI_LINEBREAK: return is_linebreak(c);
    case CAT_UNI_NOT_LINEBREAK: return !is_linebreak(c);
  }
  return false;
}

// Is c in the set starting at code[i] (terminated by FAILURE)?
bool in_charset(const Code* code, size_t i, uint32_t c) {
  bool ok = true;
  for (;;) {
    switch (code[i++]) {
      case FAILURE: return !ok;
      case LITERAL:
        if (c == code[i]) return ok;
        i += 1;
        break;
      case CATEGORY:
        if (category(code[i], c)) return ok;
        i += 1;
        break;
      case CHARSET:
        if (c < 256 && (code[i + (c >> 5)] & (1u << (c & 31)))) return ok;
        i += 8;
        break;
      case RANGE:
        if (code[i] <= c && c <= code[i + 1]) return ok;
        i += 2;
        break;
      case RANGE_UNI_IGNORE: {
        if (code[i] <= c && c <= code[i + 1]) return ok;
        uint32_t u = upper_unicode(c);
        if (code[i] <= u && u <= code[i + 1]) return ok;
        i += 2;
        break;
      }
      case NEGATE: ok = !ok; break;
      case BIGCHARSET: {
        Code nblocks = code[i++];
        if (c < 65536) {
          // 256 block numbers packed as bytes in 64 words, native order.
          const unsigned char* map = reinterpret_cast<const unsigned char*>(code + i);
          unsigned block = map[c >> 8];
          const Code* bits = code + i + 64 + block * 8;
          if (bits[(c & 255) >> 5] & (1u << (c & 31))) return ok;
        }
        i += 64 + nblocks * 8;
        break;
      }
      default: return false;  // malformed set: no match
    }
  }
}

enum ChoiceKind : uint8_t { C_BRANCH, C_REPEAT_ONE, C_MIN_REPEAT_ONE, C_UNTIL_TAIL, C_MIN_ITER };

struct Choice {
  ChoiceKind kind;
  uint32_t pc;           // resume point (meaning depends on kind)
  Py_ssize_t ptr;
  Py_ssize_t count;
  Py_ssize_t lastmark, lastindex;
  size_t trail;
  int32_t rep;           // repeat context at the choice
  int32_t aux;           // C_MIN_ITER: the repeat node to iterate
  size_t nreps;          // repeat arena size: later nodes are unreachable after restore
};

struct RepNode {
  uint32_t pc;           // index of the REPEAT's skip word
  int32_t prev;
  Py_ssize_t count;
  Py_ssize_t last_ptr;
};

template <typename C>
class Matcher {
 public:
  Matcher(State& st, const Code* code, size_t ncode)
      : st_(st), s_(static_cast<const C*>(st.data)), code_(code), ncode_(ncode),
        end_(st.endpos) {}

  // Runs the code from pc at ptr; on success *out is the end position.
  bool run(uint32_t pc, Py_ssize_t ptr, bool toplevel, Py_ssize_t* out);
  void clear() {
    bt_.clear();
    trail_.clear();
    reps_.clear();
    rep_ = -1;
  }
  Py_ssize_t attempt_start = 0;

 private:
  uint32_t ch(Py_ssize_t i) const { return (uint32_t)s_[i]; }
  bool match_one(uint32_t pc, uint32_t c) const;
  Py_ssize_t count_items(uint32_t pc, Py_ssize_t ptr, Py_ssize_t maxcount) const;
  bool at(Code kind, Py_ssize_t ptr) const;
  void set_mark(Py_ssize_t i, Py_ssize_t ptr) {
    auto& marks = st_.marks;
    if ((size_t)i >= marks.size()) marks.resize(i + 1, -1);
    if (i & 1) st_.lastindex = i / 2 + 1;
    if (i > st_.lastmark) {
      for (Py_ssize_t j = st_.lastmark + 1; j < i; ++j) marks[j] = -1;
      st_.lastmark = i;
    }
    trail_.push_back({i, marks[i]});
    marks[i] = ptr;
  }
  void undo(size_t h) {
    while (trail_.size() > h) {
      st_.marks[trail_.back().first] = trail_.back().second;
      trail_.pop_back();
    }
  }
  void push(ChoiceKind k, uint32_t pc, Py_ssize_t ptr, Py_ssize_t count, int32_t aux = -1) {
    bt_.push_back(Choice{k, pc, ptr, count, st_.lastmark, st_.lastindex, trail_.size(), rep_, aux,
                         reps_.size()});
  }
  int32_t new_rep(uint32_t pc, int32_t prev, Py_ssize_t count, Py_ssize_t last_ptr) {
    reps_.push_back(RepNode{pc, prev, count, last_ptr});
    return (int32_t)reps_.size() - 1;
  }
  bool group_span(Code g, Py_ssize_t* p, Py_ssize_t* e) const {
    Py_ssize_t i = 2 * (Py_ssize_t)g;
    if (i >= st_.lastmark) return false;
    *p = st_.marks[i];
    *e = st_.marks[i + 1];
    return *p >= 0 && *e >= 0 && *e >= *p;
  }

  State& st_;
  const C* s_;
  const Code* code_;
  size_t ncode_;
  Py_ssize_t end_;
  std::vector<Choice> bt_;
  std::vector<std::pair<Py_ssize_t, Py_ssize_t>> trail_;
  std::vector<RepNode> reps_;
  int32_t rep_ = -1;
};

template <typename C>
bool Matcher<C>::match_one(uint32_t pc, uint32_t c) const {
  const Code* p = code_ + pc;
  switch (p[0]) {
    case ANY: return c != '\n';
    case ANY_ALL: return true;
    case LITERAL: return c == p[1];
    case NOT_LITERAL: return c != p[1];
    case LITERAL_IGNORE: return lower_ascii(c) == p[1];
    case NOT_LITERAL_IGNORE: return lower_ascii(c) != p[1];
    case LITERAL_UNI_IGNORE: return lower_unicode(c) == p[1];
    case NOT_LITERAL_UNI_IGNORE: return lower_unicode(c) != p[1];
    case LITERAL_LOC_IGNORE:
      return c == p[1] || lower_locale(c) == p[1] || upper_locale(c) == p[1];
    case NOT_LITERAL_LOC_IGNORE:
      return !(c == p[1] || lower_locale(c) == p[1] || upper_locale(c) == p[1]);
    case CATEGORY: return category(p[1], c);
    case IN: return in_charset(code_, pc + 2, c);
    case IN_IGNORE: return in_charset(code_, pc + 2, lower_ascii(c));
    case IN_UNI_IGNORE: return in_charset(code_, pc + 2, lower_unicode(c));
    case IN_LOC_IGNORE:
      return in_charset(code_, pc + 2, c) || in_charset(code_, pc + 2, lower_locale(c)) ||
             in_charset(code_, pc + 2, upper_locale(c));
  }
  return false;
}

template <typename C>
Py_ssize_t Matcher<C>::count_items(uint32_t pc, Py_ssize_t ptr, Py_ssize_t maxcount) const {
  Py_ssize_t limit = end_ - ptr;
  if (limit > maxcount) limit = maxcount;
  if (limit <= 0) return 0;
  Py_ssize_t n = 0;
  switch (code_[pc]) {
    case ANY_ALL: return limit;
    case ANY:
      while (n < limit && ch(ptr + n) != '\n') ++n;
      return n;
    case LITERAL: {
      uint32_t want = code_[pc + 1];
      while (n < limit && ch(ptr + n) == want) ++n;
      return n;
    }
    default:
      while (n < limit && match_one(pc, ch(ptr + n))) ++n;
      return n;
  }
}

template <typename C>
bool Matcher<C>::at(Code kind, Py_ssize_t ptr) const {
  Py_ssize_t end = end_;
  auto word_test = [&](bool (*is_word)(uint32_t), bool want_boundary) {
    if (end == 0) return false;  // CPython: no boundaries in an empty subject
    bool before = ptr > 0 && is_word(ch(ptr - 1));
    bool here = ptr < end && is_word(ch(ptr));
    return (before != here) == want_boundary;
  };
  switch (kind) {
    case AT_BEGINNING:
    case AT_BEGINNING_STRING: return ptr == 0;
    case AT_BEGINNING_LINE: return ptr == 0 || ch(ptr - 1) == '\n';
    case AT_END: return ptr == end || (ptr + 1 == end && ch(ptr) == '\n');
    case AT_END_LINE: return ptr == end || ch(ptr) == '\n';
    case AT_END_STRING: return ptr == end;
    case AT_BOUNDARY: return word_test(ascii_word, true);
    case AT_NON_BOUNDARY: return word_test(ascii_word, false);
    case AT_LOC_BOUNDARY: return word_test(loc_word, true);
    case AT_LOC_NON_BOUNDARY: return word_test(loc_word, false);
    case AT_UNI_BOUNDARY: return word_test(uni_word, true);
    case AT_UNI_NON_BOUNDARY: return word_test(uni_word, false);
  }
  return false;
}

template <typename C>
bool Matcher<C>::run(uint32_t pc, Py_ssize_t ptr, bool toplevel, Py_ssize_t* out) {
  const Code* code = code_;
  const size_t base = bt_.size();
  const size_t trail0 = trail_.size();
  const Py_ssize_t lastmark0 = st_.lastmark, lastindex0 = st_.lastindex;
  const int32_t rep0 = rep_;
  const Py_ssize_t end = end_;
  uint32_t sp;  // BRANCH: index of the current alternative's skip word

  for (;;) {
    if (pc >= ncode_) goto fail;
    switch (code[pc]) {
      case SUCCESS:
        if (toplevel && ((st_.match_all && ptr != end) ||
                         (st_.must_advance && ptr == attempt_start && ptr == st_.start)))
          goto fail;
        *out = ptr;
        bt_.resize(base);
        rep_ = rep0;
        return true;
      case FAILURE: goto fail;
      case ANY:
        if (ptr >= end || ch(ptr) == '\n') goto fail;
        ++ptr;
        ++pc;
        break;
      case ANY_ALL:
        if (ptr >= end) goto fail;
        ++ptr;
        ++pc;
        break;
      case LITERAL:
      case NOT_LITERAL:
      case LITERAL_IGNORE:
      case NOT_LITERAL_IGNORE:
      case LITERAL_UNI_IGNORE:
      case NOT_LITERAL_UNI_IGNORE:
      case LITERAL_LOC_IGNORE:
      case NOT_LITERAL_LOC_IGNORE:
      case CATEGORY:
        if (ptr >= end || !match_one(pc, ch(ptr))) goto fail;
        ++ptr;
        pc += 2;
        break;
      case IN:
      case IN_IGNORE:
      case IN_UNI_IGNORE:
      case IN_LOC_IGNORE:
        if (ptr >= end || !match_one(pc, ch(ptr))) goto fail;
        ++ptr;
        pc += 1 + code[pc + 1];
        break;
      case AT:
        if (!at(code[pc + 1], ptr)) goto fail;
        pc += 2;
        break;
      case INFO:
        if (code[pc + 3] && (end - ptr < 0 || (size_t)(end - ptr) < code[pc + 3])) goto fail;
        pc += 1 + code[pc + 1];
        break;
      case JUMP: pc += 1 + code[pc + 1]; break;
      case MARK:
        set_mark(code[pc + 1], ptr);
        pc += 2;
        break;
      case BRANCH:
        sp = pc + 1;
      branch_alternatives:
        for (;;) {
          if (code[sp] == 0) goto fail;
          // Cheap pre-test of an alternative that starts with a literal.
          if (code[sp + 1] == LITERAL && (ptr >= end || ch(ptr) != code[sp + 2])) {
            sp += code[sp];
            continue;
          }
          push(C_BRANCH, sp + code[sp], ptr, 0);
          pc = sp + 1;
          break;
        }
        break;
      case GROUPREF:
      case GROUPREF_IGNORE:
      case GROUPREF_UNI_IGNORE:
      case GROUPREF_LOC_IGNORE: {
        Py_ssize_t p, e;
        if (!group_span(code[pc + 1], &p, &e)) goto fail;
        if (end - ptr < e - p) goto fail;
        Code op = code[pc];
        for (Py_ssize_t k = 0; k < e - p; ++k) {
          uint32_t a = ch(p + k), b = ch(ptr + k);
          if (op == GROUPREF_IGNORE) a = lower_ascii(a), b = lower_ascii(b);
          else if (op == GROUPREF_UNI_IGNORE) a = lower_unicode(a), b = lower_unicode(b);
          else if (op == GROUPREF_LOC_IGNORE) a = lower_locale(a), b = lower_locale(b);
          if (a != b) goto fail;
        }
        ptr += e - p;
        pc += 2;
        break;
      }
      case GROUPREF_EXISTS: {
        Py_ssize_t p, e;
        if (group_span(code[pc + 1], &p, &e)) pc += 3;
        else pc = pc + 1 + code[pc + 2];
        break;
      }
      case REPEAT_ONE: {
        uint32_t p = pc + 1;
        Py_ssize_t mn = code[p + 1];
        Py_ssize_t mx = code[p + 2] == kMaxRepeat ? PY_SSIZE_T_MAX : (Py_ssize_t)code[p + 2];
        uint32_t tail = p + code[p];
        if (mn > end - ptr) goto fail;
        Py_ssize_t n = count_items(p + 3, ptr, mx);
        if (n < mn) goto fail;
        if (code[tail] == LITERAL) {
          // Only positions followed by the tail's literal can succeed.
          uint32_t want = code[tail + 1];
          while (n >= mn && (ptr + n >= end || ch(ptr + n) != want)) --n;
          if (n < mn) goto fail;
        }
        if (n > mn) push(C_REPEAT_ONE, tail, ptr, n, (int32_t)mn);
        ptr += n;
        pc = tail;
        break;
      }
      case MIN_REPEAT_ONE: {
        uint32_t p = pc + 1;
        Py_ssize_t mn = code[p + 1];
        uint32_t tail = p + code[p];
        if (mn > end - ptr) goto fail;
        Py_ssize_t n = 0;
        if (mn > 0) {
          n = count_items(p + 3, ptr, mn);
          if (n < mn) goto fail;
          ptr += n;
        }
        push(C_MIN_REPEAT_ONE, p, ptr, n);
        pc = tail;
        break;
      }
      case POSSESSIVE_REPEAT_ONE: {
        uint32_t p = pc + 1;
        Py_ssize_t mn = code[p + 1];
        Py_ssize_t mx = code[p + 2] == kMaxRepeat ? PY_SSIZE_T_MAX : (Py_ssize_t)code[p + 2];
        if (mn > end - ptr) goto fail;
        Py_ssize_t n = count_items(p + 3, ptr, mx);
        if (n < mn) goto fail;
        ptr += n;
        pc = p + code[p];
        break;
      }
      case REPEAT:
        rep_ = new_rep(pc + 1, rep_, -1, -2);
        pc = pc + 1 + code[pc + 1];
        break;
      case MAX_UNTIL:
      case MIN_UNTIL: {
        if (rep_ < 0) goto fail;  // malformed code
        RepNode rp = reps_[rep_];
        Py_ssize_t count = rp.count + 1;
        Py_ssize_t mn = code[rp.pc + 1];
        Code mxc = code[rp.pc + 2];
        uint32_t body = rp.pc + 3;
        if (count < mn) {
          rep_ = new_rep(rp.pc, rp.prev, count, rp.last_ptr);
          pc = body;
          break;
        }
        if (code[pc] == MAX_UNTIL) {
          if ((mxc == kMaxRepeat || count < (Py_ssize_t)mxc) && ptr != rp.last_ptr) {
            // Another iteration first; the tail is the fallback.
            push(C_UNTIL_TAIL, pc + 1, ptr, 0, rp.prev);
            rep_ = new_rep(rp.pc, rp.prev, count, ptr);
            pc = body;
          } else {
            rep_ = rp.prev;
            ++pc;
          }
        } else {
          // Lazy: the tail first; another iteration is the fallback.
          push(C_MIN_ITER, pc + 1, ptr, count, rep_);
          rep_ = rp.prev;
          ++pc;
        }
        break;
      }
      case ASSERT:
      case ASSERT_NOT: {
        Py_ssize_t back = code[pc + 2];
        uint32_t next = pc + 1 + code[pc + 1];
        bool ok;
        Py_ssize_t dummy;
        if (ptr < back) {
          ok = false;
        } else {
          Py_ssize_t save_end = end_;
          ok = run(pc + 3, ptr - back, false, &dummy);
          end_ = save_end;
        }
        if (code[pc] == ASSERT) {
          if (!ok) goto fail;
        } else {
          if (ok) goto fail;
        }
        pc = next;
        break;
      }
      case ATOMIC_GROUP: {
        Py_ssize_t newptr;
        if (!run(pc + 2, ptr, false, &newptr)) goto fail;
        ptr = newptr;
        pc = pc + 1 + code[pc + 1];
        break;
      }
      case POSSESSIVE_REPEAT: {
        uint32_t p = pc + 1;
        Py_ssize_t mn = code[p + 1];
        Code mxc = code[p + 2];
        Py_ssize_t n = 0, newptr;
        while (n < mn) {
          if (!run(p + 3, ptr, false, &newptr)) goto fail;
          ptr = newptr;
          ++n;
        }
        Py_ssize_t prev = -1;
        while ((mxc == kMaxRepeat || n < (Py_ssize_t)mxc) && ptr != prev) {
          prev = ptr;
          if (!run(p + 3, ptr, false, &newptr)) break;
          ptr = newptr;
          ++n;
        }
        pc = p + code[p] + 1;  // the skip lands on the body's SUCCESS
        break;
      }
      default:
        goto fail;  // unknown opcode: treat as failure
    }
    continue;

  fail:
    if (bt_.size() == base) {
      undo(trail0);
      st_.lastmark = lastmark0;
      st_.lastindex = lastindex0;
      rep_ = rep0;
      return false;
    }
    {
      Choice c = bt_.back();
      bt_.pop_back();
      undo(c.trail);
      reps_.resize(c.nreps);
      st_.lastmark = c.lastmark;
      st_.lastindex = c.lastindex;
      rep_ = c.rep;
      switch (c.kind) {
        case C_BRANCH:
          ptr = c.ptr;
          sp = c.pc;
          goto branch_alternatives;
        case C_REPEAT_ONE: {
          Py_ssize_t mn = c.aux;
          Py_ssize_t n = c.count - 1;
          uint32_t tail = c.pc;
          if (code[tail] == LITERAL) {
            uint32_t want = code[tail + 1];
            while (n >= mn && ch(c.ptr + n) != want) --n;
          }
          if (n < mn) goto fail;
          if (n > mn) {
            bt_.push_back(c);
            bt_.back().count = n;
          }
          ptr = c.ptr + n;
          pc = tail;
          break;
        }
        case C_MIN_REPEAT_ONE: {
          uint32_t p = c.pc;
          Code mxc = code[p + 2];
          if (mxc != kMaxRepeat && c.count >= (Py_ssize_t)mxc) goto fail;
          if (c.ptr >= end || !match_one(p + 3, ch(c.ptr))) goto fail;
          bt_.push_back(c);
          bt_.back().ptr = c.ptr + 1;
          bt_.back().count = c.count + 1;
          ptr = c.ptr + 1;
          pc = p + code[p];
          break;
        }
        case C_UNTIL_TAIL:
          rep_ = c.aux;
          ptr = c.ptr;
          pc = c.pc;
          break;
        case C_MIN_ITER: {
          const RepNode& rp = reps_[c.aux];
          Code mxc = code[rp.pc + 2];
          if ((mxc != kMaxRepeat && c.count >= (Py_ssize_t)mxc) || c.ptr == rp.last_ptr) goto fail;
          uint32_t rpc = rp.pc;
          rep_ = new_rep(rpc, rp.prev, c.count, c.ptr);
          ptr = c.ptr;
          pc = rpc + 3;
          break;
        }
      }
    }
  }
}

// The INFO block's fast filters for search: minimum length, and a first
// character that must be the literal prefix's or in the given charset.
struct SearchInfo {
  Py_ssize_t min = 0;
  bool has_first = false;
  uint32_t first = 0;
  bool has_set = false;
  size_t set_pc = 0;
};

SearchInfo read_info(const Code* code, size_t ncode) {
  SearchInfo si;
  if (ncode < 5 || code[0] != INFO) return si;
  Code flags = code[2];
  si.min = code[3];
  if (flags & INFO_PREFIX) {
    if (code[5] > 0) {
      si.has_first = true;
      si.first = code[7];
    }
  } else if (flags & INFO_CHARSET) {
    si.has_set = true;
    si.set_pc = 5;
  }
  return si;
}

template <typename C>
int do_search(State& st, const Code* code, size_t ncode, bool search) {
  Matcher<C> m(st, code, ncode);
  const C* s = static_cast<const C*>(st.data);
  Py_ssize_t end = st.endpos;
  Py_ssize_t out;
  if (!search) {
    m.clear();
    m.attempt_start = st.start;
    if (m.run(0, st.start, true, &out)) {
      st.match_start = st.start;
      st.match_end = out;
      return 1;
    }
    return 0;
  }
  SearchInfo si = read_info(code, ncode);
  // A pattern anchored at the beginning of the string (\A, or ^ without MULTILINE) can
  // only match at the first attempt: don't scan the rest of the subject.
  size_t body = code[0] == INFO && ncode > 1 ? size_t(code[1]) + 1 : 0;
  Py_ssize_t last = end;  // the last start position to try
  if (body + 1 < ncode && code[body] == AT &&
      (code[body + 1] == AT_BEGINNING || code[body + 1] == AT_BEGINNING_STRING))
    last = st.start;
  for (Py_ssize_t pos = st.start; pos <= last; ++pos) {
    if (si.min > 0 && end - pos < si.min) return 0;
    if (si.has_first) {
      while (pos < end && (uint32_t)s[pos] != si.first) ++pos;
      if (pos >= end) return 0;
    } else if (si.has_set) {
      while (pos < end && !in_charset(code, si.set_pc, (uint32_t)s[pos])) ++pos;
      if (pos >= end) return 0;
    }
    st.lastmark = -1;
    st.lastindex = -1;
    m.clear();
    m.attempt_start = pos;
    if (m.run(0, pos, true, &out)) {
      st.match_start = pos;
      st.match_end = out;
      return 1;
    }
  }
  return 0;
}

template <bool Search>
int dispatch(State& st, const Code* code, size_t ncode) {
  switch (st.charsize) {
    case 1: return do_search<uint8_t>(st, code, ncode, Search);
    case 2: return do_search<uint16_t>(st, code, ncode, Search);
    default: return do_search<uint32_t>(st, code, ncode, Search);
  }
}

}  // namespace

int sre_match(State& st, const Code* code, size_t ncode) { return dispatch<false>(st, code, ncode); }
int sre_search(State& st, const Code* code, size_t ncode) { return dispatch<true>(st, code, ncode); }

}  // namespace krait::sre
