// The format-specification mini-language: parsing and number layout.
// See format_spec.h. Messages and layout rules are CPython 3.11's
// (Python/formatter_unicode.c is the reference for the facts).
#include "objects/format_spec.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <clocale>

namespace krait::format {

namespace {

bool is_align(Py_UCS4 c) { return c == '<' || c == '>' || c == '=' || c == '^'; }
bool is_sign(Py_UCS4 c) { return c == '+' || c == '-' || c == ' '; }

// Reads decimal digits at *pos; returns how many were read, -1 on overflow.
Py_ssize_t read_int(PyObject* spec, Py_ssize_t* pos, Py_ssize_t end, Py_ssize_t* out) {
  Py_ssize_t n = 0, v = 0;
  int kind = PyUnicode_KIND(spec);
  const void* data = PyUnicode_DATA(spec);
  for (; *pos < end; ++*pos, ++n) {
    Py_UCS4 c = PyUnicode_READ(kind, data, *pos);
    if (c < '0' || c > '9') break;
    int d = int(c - '0');
    if (v > (PY_SSIZE_T_MAX - d) / 10) {
      PyErr_SetString(PyExc_ValueError, "Too many decimal digits in format string");
      return -1;
    }
    v = v * 10 + d;
  }
  *out = v;
  return n;
}

void bad_grouping(char sep, Py_UCS4 type) {
  if (type > 32 && type < 128)
    PyErr_Format(PyExc_ValueError, "Cannot specify '%c' with '%c'.", sep, int(type));
  else
    PyErr_Format(PyExc_ValueError, "Cannot specify '%c' with '\\x%x'.", sep, unsigned(type));
}

void both_separators() {
  PyErr_SetString(PyExc_ValueError, "Cannot specify both ',' and '_'.");
}

// Builds a str from ASCII text plus fill runs; the fill may be any code
// point, so the result is assembled in UCS4 only when it must be.
class Builder {
 public:
  explicit Builder(Py_UCS4 fill) : fill_(fill), wide_(fill > 127) {}
  void fill(Py_ssize_t n) {
    for (Py_ssize_t i = 0; i < n; i++) push(fill_);
  }
  void text(const std::string& s) {
    for (unsigned char c : s) {
      if (c < 128) {
        push(c);
      } else {
        // Locale separators arrive as UTF-8: decode them.
        utf8_.push_back(char(c));
        flush_utf8(false);
      }
    }
    flush_utf8(true);
  }
  void text(PyObject* s) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void* data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i < n; i++) push(PyUnicode_READ(kind, data, i));
  }
  PyObject* finish() {
    if (!wide_) {
      PyObject* r = PyUnicode_New(Py_ssize_t(narrow_.size()), 127);
      if (r) memcpy(PyUnicode_DATA(r), narrow_.data(), narrow_.size());
      return r;
    }
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, wide_buf_.data(), Py_ssize_t(wide_buf_.size()));
  }

 private:
  void push(Py_UCS4 c) {
    if (!wide_ && c > 127) {
      wide_ = true;
      wide_buf_.assign(narrow_.begin(), narrow_.end());
    }
    if (wide_)
      wide_buf_.push_back(c);
    else
      narrow_.push_back(char(c));
  }
  void flush_utf8(bool force) {
    if (utf8_.empty()) return;
    unsigned char lead = static_cast<unsigned char>(utf8_[0]);
    size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (utf8_.size() < need && !force) return;
    Py_UCS4 c = need == 1 ? lead : lead & (0x3f >> (need - 1));
    for (size_t i = 1; i < utf8_.size(); i++) c = (c << 6) | (utf8_[i] & 0x3f);
    push(c);
    utf8_.clear();
  }
  Py_UCS4 fill_;
  bool wide_;
  std::string narrow_;
  std::u32string wide_buf_;
  std::string utf8_;
};

}  // namespace

bool parse(PyObject* spec, Py_ssize_t start, Py_ssize_t end, PyObject* obj, Spec* f,
           Py_UCS4 default_type, char default_align) {
  *f = Spec{};
  f->align = default_align;
  f->type = default_type;
  int kind = PyUnicode_KIND(spec);
  const void* data = PyUnicode_DATA(spec);
  auto at = [&](Py_ssize_t i) { return PyUnicode_READ(kind, data, i); };
  Py_ssize_t pos = start;
  bool align_given = false;
  if (end - pos >= 2 && is_align(at(pos + 1))) {
    f->align = char(at(pos + 1));
    f->fill = at(pos);
    f->fill_given = align_given = true;
    pos += 2;
  } else if (end - pos >= 1 && is_align(at(pos))) {
    f->align = char(at(pos));
    align_given = true;
    pos++;
  }
  if (end - pos >= 1 && is_sign(at(pos))) f->sign = char(at(pos++));
  if (end - pos >= 1 && at(pos) == 'z') {
    f->no_neg_zero = true;
    pos++;
  }
  if (end - pos >= 1 && at(pos) == '#') {
    f->alternate = true;
    pos++;
  }
  // The '0' flag: zero fill, and '=' alignment for numbers unless an
  // alignment was given.
  if (!f->fill_given && end - pos >= 1 && at(pos) == '0') {
    f->fill = '0';
    f->fill_given = true;
    if (!align_given && default_align == '>') f->align = '=';
    pos++;
  }
  Py_ssize_t n = read_int(spec, &pos, end, &f->width);
  if (n < 0) return false;
  if (n == 0) f->width = -1;
  if (end - pos >= 1 && at(pos) == ',') {
    f->grouping = ',';
    pos++;
  }
  if (end - pos >= 1 && at(pos) == '_') {
    if (f->grouping) {
      both_separators();
      return false;
    }
    f->grouping = '_';
    pos++;
  }
  if (end - pos >= 1 && at(pos) == ',' && f->grouping == '_') {
    both_separators();
    return false;
  }
  if (end - pos >= 1 && at(pos) == '.') {
    pos++;
    n = read_int(spec, &pos, end, &f->precision);
    if (n < 0) return false;
    if (n == 0) {
      PyErr_SetString(PyExc_ValueError, "Format specifier missing precision");
      return false;
    }
  }
  if (end - pos > 1) {
    PyObject* s = PyUnicode_Substring(spec, start, end);
    if (s) {
      PyErr_Format(PyExc_ValueError, "Invalid format specifier '%U' for object of type '%.200s'",
                   s, Py_TYPE(obj)->tp_name);
      Py_DECREF(s);
    }
    return false;
  }
  if (end - pos == 1) f->type = at(pos++);
  if (f->grouping) {
    switch (f->type) {
      case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
        break;
      case 'b': case 'o': case 'x': case 'X':
        if (f->grouping == '_') break;
        [[fallthrough]];
      default:
        bad_grouping(f->grouping, f->type);
        return false;
    }
  }
  return true;
}

PyObject* unknown_code(Py_UCS4 type, PyObject* obj) {
  if (type > 32 && type < 128)
    PyErr_Format(PyExc_ValueError, "Unknown format code '%c' for object of type '%.200s'",
                 int(type), Py_TYPE(obj)->tp_name);
  else
    PyErr_Format(PyExc_ValueError, "Unknown format code '\\x%x' for object of type '%.200s'",
                 unsigned(type), Py_TYPE(obj)->tp_name);
  return nullptr;
}

Grouping grouping_for(const Spec& spec, Py_UCS4 type) {
  if (type == 'n') {
    const struct lconv* lc = localeconv();
    return Grouping{lc->grouping ? lc->grouping : "", lc->thousands_sep ? lc->thousands_sep : ""};
  }
  if (spec.grouping == ',') return Grouping{"\3", ","};
  if (spec.grouping == '_') {
    bool four = type == 'b' || type == 'o' || type == 'x' || type == 'X';
    return Grouping{four ? "\4" : "\3", "_"};
  }
  return Grouping{};
}

std::string locale_decimal_point() {
  const struct lconv* lc = localeconv();
  return lc->decimal_point && *lc->decimal_point ? lc->decimal_point : ".";
}

std::string group_digits(const std::string& digits, const Grouping& g, Py_ssize_t min_width) {
  // Built right to left, then reversed.
  std::string out;
  Py_ssize_t remaining = Py_ssize_t(digits.size());
  Py_ssize_t src = remaining;  // digits[0..src) not yet emitted
  std::string rsep(g.sep.rbegin(), g.sep.rend());
  auto emit = [&](Py_ssize_t l) {
    Py_ssize_t n_zeros = std::max<Py_ssize_t>(0, l - remaining);
    Py_ssize_t n_chars = std::max<Py_ssize_t>(0, std::min(remaining, l));
    for (Py_ssize_t i = 0; i < n_chars; i++) out.push_back(digits[size_t(--src)]);
    out.append(size_t(n_zeros), '0');
    remaining -= n_chars;
    min_width -= l;
  };
  size_t gi = 0;
  Py_ssize_t previous = 0;
  // Next group size from the localeconv-style string; 0 = stop grouping.
  auto next_group = [&]() -> Py_ssize_t {
    if (g.sep.empty()) return 0;
    unsigned char c = gi < g.sizes.size() ? static_cast<unsigned char>(g.sizes[gi]) : 0;
    if (c == 0) return previous;
    if (c == CHAR_MAX) return 0;
    gi++;
    previous = c;
    return c;
  };
  bool done = false;
  for (Py_ssize_t l; (l = next_group()) > 0;) {
    emit(std::min(std::max({remaining, min_width, Py_ssize_t(1)}), l));
    if (remaining <= 0 && min_width <= 0) {
      done = true;
      break;
    }
    out.append(rsep);
    min_width -= Py_ssize_t(g.sep.size());
  }
  if (!done) emit(std::max({remaining, min_width, Py_ssize_t(1)}));
  return std::string(out.rbegin(), out.rend());
}

PyObject* render_number(const Spec& spec, const Number& num, const Grouping& grouping) {
  // Separators may be multi-byte UTF-8; count code points for widths.
  auto cp_len = [](const std::string& s) {
    Py_ssize_t n = 0;
    for (unsigned char c : s) n += (c & 0xc0) != 0x80;
    return n;
  };
  Py_ssize_t leading = Py_ssize_t(num.sign.size() + num.prefix.size());
  // Zero padding goes into the digits (and gets grouped): they must fill
  // whatever the other parts leave of the width.
  Py_ssize_t min_width = 0;
  if (spec.fill == '0' && spec.align == '=') min_width = spec.width - leading - cp_len(num.rest);
  std::string grouped;
  if (!num.digits.empty()) grouped = group_digits(num.digits, grouping, min_width);
  Py_ssize_t used = leading + cp_len(grouped) + cp_len(num.rest);
  Py_ssize_t padding = spec.width - used;
  Py_ssize_t left = 0, middle = 0, right = 0;
  if (padding > 0) {
    switch (spec.align) {
      case '<': right = padding; break;
      case '^': left = padding / 2; right = padding - left; break;
      case '=': middle = padding; break;
      default: left = padding; break;
    }
  }
  Builder b(spec.fill);
  b.fill(left);
  b.text(num.sign);
  b.text(num.prefix);
  b.fill(middle);
  b.text(grouped);
  b.text(num.rest);
  b.fill(right);
  return b.finish();
}

PyObject* pad(PyObject* s, const Spec& spec, char default_align) {
  Py_ssize_t len = PyUnicode_GET_LENGTH(s);
  if (spec.width <= len) return Py_NewRef(s);
  Py_ssize_t padding = spec.width - len;
  char align = spec.align ? spec.align : default_align;
  Py_ssize_t left = 0, right = 0;
  switch (align) {
    case '<': right = padding; break;
    case '^': left = padding / 2; right = padding - left; break;
    default: left = padding; break;  // '>' and '='
  }
  Builder b(spec.fill);
  b.fill(left);
  b.text(s);
  b.fill(right);
  return b.finish();
}

}  // namespace krait::format
