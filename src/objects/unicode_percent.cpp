// unicode_percent.cpp — printf-style formatting of str: `fmt % args`
// (PyUnicode_Format, str.__mod__) and _PyUnicode_FormatLong.
//
// The walk follows CPython 3.11's observable rules (Objects/unicodeobject.c is
// the reference for the facts):
//   * args is a tuple (consumed item by item) or a single object; a mapping
//     that is not a tuple/str also enables %(key)s lookups. After a key is
//     used, the looked-up value becomes the single argument of that spec.
//   * the argument is fetched before the conversion character is checked, so
//     "%y" % () reports "not enough arguments", "%y" % 1 the bad character.
//   * numbers are converted to text first, then laid out by one routine that
//     handles sign, '0x'/'0o' prefix, zero fill and justification.
#include <Python.h>

#include <string>

#include "objects/unicode_object.h"
#include "support/ref.h"

using namespace krait;

namespace {

enum : int { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

struct Formatter {
  PyObject* fmt;
  int kind;
  const void* data;
  Py_ssize_t len;
  Py_ssize_t pos = 0;
  PyObject* args;         // current argument source (borrowed or owned in args_owned)
  Ref<> args_owned;       // a value looked up by %(key)
  Py_ssize_t arglen;
  Py_ssize_t argidx;
  PyObject* dict = nullptr;
  _PyUnicodeWriter w;

  Py_UCS4 at(Py_ssize_t i) const { return PyUnicode_READ(kind, data, i); }

  PyObject* next_arg() {
    if (argidx < arglen) {
      Py_ssize_t i = argidx++;
      if (arglen < 0) return args;
      return PyTuple_GET_ITEM(args, i);
    }
    PyErr_SetString(PyExc_TypeError, "not enough arguments for format string");
    return nullptr;
  }
};

struct Spec {
  int flags = 0;
  Py_ssize_t width = -1;
  Py_ssize_t prec = -1;
  Py_UCS4 ch = 0;
  bool sign = false;  // a numeric conversion: sign handling and zero fill apply
};

// Reads `*` (from the arguments) or a decimal number for width/precision.
// Returns 0 on success, -1 on error.
int read_number(Formatter& f, Py_ssize_t* out, const char* too_big, bool is_width, Spec& s) {
  if (f.pos < f.len && f.at(f.pos) == '*') {
    PyObject* v = f.next_arg();
    if (v == nullptr) return -1;
    if (!PyLong_Check(v)) {
      PyErr_SetString(PyExc_TypeError, "* wants int");
      return -1;
    }
    Py_ssize_t n = PyLong_AsSsize_t(v);
    if (n == -1 && PyErr_Occurred()) return -1;
    if (n < 0) {
      if (is_width) {
        s.flags |= F_LJUST;
        n = -n;
      } else {
        n = 0;
      }
    }
    *out = n;
    f.pos++;
    return 0;
  }
  Py_UCS4 c;
  if (f.pos < f.len && (c = f.at(f.pos)) >= '0' && c <= '9') {
    Py_ssize_t n = 0;
    while (f.pos < f.len && (c = f.at(f.pos)) >= '0' && c <= '9') {
      int d = int(c - '0');
      if (n > (PY_SSIZE_T_MAX - d) / 10) {
        PyErr_SetString(PyExc_ValueError, too_big);
        return -1;
      }
      n = n * 10 + d;
      f.pos++;
    }
    *out = n;
  }
  return 0;
}

// Parses the spec after '%' (f.pos is just past the '%'). Returns 0 or -1.
int parse_spec(Formatter& f, Spec& s) {
  if (f.at(f.pos) == '(') {
    if (f.dict == nullptr) {
      PyErr_SetString(PyExc_TypeError, "format requires a mapping");
      return -1;
    }
    Py_ssize_t keystart = ++f.pos;
    int depth = 1;
    while (f.pos < f.len) {
      Py_UCS4 c = f.at(f.pos);
      if (c == ')' && --depth == 0) break;
      if (c == '(') depth++;
      f.pos++;
    }
    if (depth > 0 || f.pos >= f.len) {
      PyErr_SetString(PyExc_ValueError, "incomplete format key");
      return -1;
    }
    Ref<> key = steal(PyUnicode_Substring(f.fmt, keystart, f.pos));
    if (!key) return -1;
    f.pos++;  // ')'
    Ref<> value = steal(PyObject_GetItem(f.dict, key.get()));
    if (!value) return -1;
    f.args_owned = std::move(value);
    f.args = f.args_owned.get();
    f.arglen = -1;
    f.argidx = -2;
  }
  for (; f.pos < f.len; f.pos++) {
    Py_UCS4 c = f.at(f.pos);
    if (c == '-') s.flags |= F_LJUST;
    else if (c == '+') s.flags |= F_SIGN;
    else if (c == ' ') s.flags |= F_BLANK;
    else if (c == '#') s.flags |= F_ALT;
    else if (c == '0') s.flags |= F_ZERO;
    else break;
  }
  if (read_number(f, &s.width, "width too big", true, s) < 0) return -1;
  if (f.pos < f.len && f.at(f.pos) == '.') {
    f.pos++;
    s.prec = 0;
    if (read_number(f, &s.prec, "precision too big", false, s) < 0) return -1;
  }
  if (f.pos < f.len) {
    Py_UCS4 c = f.at(f.pos);
    if (c == 'h' || c == 'l' || c == 'L') f.pos++;  // C length modifiers are ignored
  }
  if (f.pos >= f.len) {
    PyErr_SetString(PyExc_ValueError, "incomplete format");
    return -1;
  }
  s.ch = f.at(f.pos++);
  return 0;
}

// %c: a one-character str or an int code point.
Py_UCS4 format_char(PyObject* v) {
  if (PyUnicode_Check(v)) {
    if (PyUnicode_GET_LENGTH(v) == 1) return PyUnicode_READ_CHAR(v, 0);
  } else {
    int overflow = 0;
    long x = PyLong_AsLongAndOverflow(v, &overflow);
    if (x == -1 && PyErr_Occurred()) {
      if (!PyErr_ExceptionMatches(PyExc_TypeError)) return Py_UCS4(-1);
      PyErr_Clear();
    } else {
      if (overflow || x < 0 || x > 0x10ffff) {
        PyErr_SetString(PyExc_OverflowError, "%c arg not in range(0x110000)");
        return Py_UCS4(-1);
      }
      return Py_UCS4(x);
    }
  }
  PyErr_SetString(PyExc_TypeError, "%c requires int or char");
  return Py_UCS4(-1);
}

// %d %i %u %o %x %X: the text of the integer value of v (NULL + error).
PyObject* format_integer(PyObject* v, const Spec& s) {
  char type = char(s.ch);
  Ref<> iobj;
  if (!PyNumber_Check(v)) goto wrongtype;
  if (PyLong_Check(v)) {
    iobj = borrow(v);
  } else {
    iobj = steal(type == 'o' || type == 'x' || type == 'X' ? PyNumber_Index(v) : PyNumber_Long(v));
    if (!iobj) {
      if (PyErr_ExceptionMatches(PyExc_TypeError)) {
        PyErr_Clear();
        goto wrongtype;
      }
      return nullptr;
    }
  }
  return _PyUnicode_FormatLong(iobj.get(), s.flags & F_ALT, int(s.prec), type);
wrongtype:
  if (type == 'o' || type == 'x' || type == 'X')
    PyErr_Format(PyExc_TypeError, "%%%c format: an integer is required, not %.200s", type,
                 Py_TYPE(v)->tp_name);
  else
    PyErr_Format(PyExc_TypeError, "%%%c format: a real number is required, not %.200s", type,
                 Py_TYPE(v)->tp_name);
  return nullptr;
}

// %e %E %f %F %g %G (NULL + error).
PyObject* format_float(PyObject* v, const Spec& s) {
  double x = PyFloat_AsDouble(v);
  if (x == -1.0 && PyErr_Occurred()) return nullptr;
  int prec = s.prec < 0 ? 6 : (s.prec > INT_MAX ? INT_MAX : int(s.prec));
  char* p = PyOS_double_to_string(x, char(s.ch), prec, (s.flags & F_ALT) ? Py_DTSF_ALT : 0, nullptr);
  if (p == nullptr) return nullptr;
  PyObject* r = unicode_from_ascii(p, Py_ssize_t(strlen(p)));
  PyMem_Free(p);
  return r;
}

int write_fill(_PyUnicodeWriter* w, Py_UCS4 fill, Py_ssize_t n) {
  if (n <= 0) return 0;
  if (_PyUnicodeWriter_Prepare(w, n, fill) < 0) return -1;
  _PyUnicode_FastFill(w->buffer, w->pos, n, fill);
  w->pos += n;
  return 0;
}

// Lays out the converted text `str` per width/precision/flags.
int output(Formatter& f, Spec& s, PyObject* str) {
  _PyUnicodeWriter* w = &f.w;
  Py_UCS4 fill = (s.sign && (s.flags & F_ZERO)) ? '0' : ' ';
  Py_ssize_t len = PyUnicode_GET_LENGTH(str);
  if ((s.width == -1 || s.width <= len) && (s.prec == -1 || s.prec >= len) &&
      !(s.flags & (F_SIGN | F_BLANK)))
    return _PyUnicodeWriter_WriteStr(w, str);
  if ((s.ch == 's' || s.ch == 'r' || s.ch == 'a') && s.prec >= 0 && len > s.prec) len = s.prec;
  Py_ssize_t pindex = 0;
  Py_UCS4 signchar = 0;
  if (s.sign) {
    Py_UCS4 c = len > 0 ? PyUnicode_READ_CHAR(str, 0) : 0;
    if (c == '-' || c == '+') {
      signchar = c;
      len--;
      pindex++;
    } else if (s.flags & F_SIGN) {
      signchar = '+';
    } else if (s.flags & F_BLANK) {
      signchar = ' ';
    } else {
      s.sign = false;
    }
  }
  Py_ssize_t width = s.width < len ? len : s.width;
  if (s.sign && width == len) width++;
  bool prefix = (s.flags & F_ALT) && (s.ch == 'x' || s.ch == 'X' || s.ch == 'o');
  if (s.sign && fill != ' ') {
    if (_PyUnicodeWriter_WriteChar(w, signchar) < 0) return -1;
  }
  if (s.sign && width > len) width--;
  if (prefix) {
    if (fill != ' ') {
      if (_PyUnicodeWriter_WriteSubstring(w, str, pindex, pindex + 2) < 0) return -1;
      pindex += 2;
    }
    width -= 2;
    if (width < 0) width = 0;
    len -= 2;
  }
  if (width > len && !(s.flags & F_LJUST)) {
    if (write_fill(w, fill, width - len) < 0) return -1;
    width = len;
  }
  if (fill == ' ') {
    if (s.sign && _PyUnicodeWriter_WriteChar(w, signchar) < 0) return -1;
    if (prefix) {
      if (_PyUnicodeWriter_WriteSubstring(w, str, pindex, pindex + 2) < 0) return -1;
      pindex += 2;
    }
  }
  if (len > 0 && _PyUnicodeWriter_WriteSubstring(w, str, pindex, pindex + len) < 0) return -1;
  if (width > len && write_fill(w, ' ', width - len) < 0) return -1;
  return 0;
}

// One '%' spec; f.pos is just past the '%'. Returns 0 or -1.
int format_one(Formatter& f) {
  if (f.at(f.pos) == '%') {
    f.pos++;
    return _PyUnicodeWriter_WriteChar(&f.w, '%');
  }
  Spec s;
  if (parse_spec(f, s) < 0) return -1;
  PyObject* v = f.next_arg();
  if (v == nullptr) return -1;
  Ref<> str;
  switch (s.ch) {
    case 's':
      str = steal(PyUnicode_CheckExact(v) ? Py_NewRef(v) : PyObject_Str(v));
      break;
    case 'r':
      str = steal(PyObject_Repr(v));
      break;
    case 'a':
      str = steal(PyObject_ASCII(v));
      break;
    case 'i': case 'd': case 'u': case 'o': case 'x': case 'X':
      str = steal(format_integer(v, s));
      s.sign = true;
      break;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
      str = steal(format_float(v, s));
      s.sign = true;
      break;
    case 'c': {
      Py_UCS4 c = format_char(v);
      if (c == Py_UCS4(-1)) return -1;
      str = steal(PyUnicode_FromOrdinal(int(c)));
      break;
    }
    default:
      PyErr_Format(PyExc_ValueError, "unsupported format character '%c' (0x%x) at index %zd",
                   (s.ch >= 31 && s.ch <= 126) ? int(s.ch) : '?', unsigned(s.ch), f.pos - 1);
      return -1;
  }
  if (!str) return -1;
  if (output(f, s, str.get()) < 0) return -1;
  if (f.dict && f.argidx < f.arglen) {
    PyErr_SetString(PyExc_TypeError, "not all arguments converted during string formatting");
    return -1;
  }
  return 0;
}

}  // namespace

extern "C" PyObject* PyUnicode_Format(PyObject* format, PyObject* args) {
  if (format == nullptr || args == nullptr) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  if (!PyUnicode_Check(format)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  Formatter f;
  f.fmt = format;
  f.kind = PyUnicode_KIND(format);
  f.data = PyUnicode_DATA(format);
  f.len = PyUnicode_GET_LENGTH(format);
  f.args = args;
  if (PyTuple_Check(args)) {
    f.arglen = PyTuple_GET_SIZE(args);
    f.argidx = 0;
  } else {
    f.arglen = -1;
    f.argidx = -2;
  }
  if (PyMapping_Check(args) && !PyTuple_Check(args) && !PyUnicode_Check(args)) f.dict = args;
  _PyUnicodeWriter_Init(&f.w);
  f.w.min_length = f.len + 100;
  f.w.overallocate = 1;
  while (f.pos < f.len) {
    // Copy the literal run up to the next '%'.
    Py_ssize_t start = f.pos;
    while (f.pos < f.len && f.at(f.pos) != '%') f.pos++;
    if (f.pos > start && _PyUnicodeWriter_WriteSubstring(&f.w, format, start, f.pos) < 0) goto fail;
    if (f.pos >= f.len) break;
    f.pos++;  // '%'
    if (f.pos >= f.len) {
      PyErr_SetString(PyExc_ValueError, "incomplete format");
      goto fail;
    }
    if (format_one(f) < 0) goto fail;
  }
  if (f.argidx < f.arglen && !f.dict) {
    PyErr_SetString(PyExc_TypeError, "not all arguments converted during string formatting");
    goto fail;
  }
  return _PyUnicodeWriter_Finish(&f.w);
fail:
  _PyUnicodeWriter_Dealloc(&f.w);
  return nullptr;
}

// The text of an int for %d/%i/%u (decimal), %o, %x, %X: sign, optional
// '0o'/'0x'/'0X' prefix (alt), digits zero-padded to `prec`.
extern "C" PyObject* _PyUnicode_FormatLong(PyObject* val, int alt, int prec, int type) {
  Ref<> text;
  switch (type) {
    case 'd': case 'i': case 'u':
      // int subclasses print numerically, ignoring an overridden __repr__.
      text = steal(PyLong_Type.tp_repr(val));
      break;
    case 'o':
      text = steal(PyNumber_ToBase(val, 8));
      break;
    case 'x': case 'X':
      text = steal(PyNumber_ToBase(val, 16));
      break;
    default:
      PyErr_BadInternalCall();
      return nullptr;
  }
  if (!text) return nullptr;
  Py_ssize_t n;
  const char* s = PyUnicode_AsUTF8AndSize(text.get(), &n);
  if (s == nullptr) return nullptr;
  bool neg = n > 0 && s[0] == '-';
  if (neg) {
    s++;
    n--;
  }
  bool has_prefix = type == 'o' || type == 'x' || type == 'X';
  if (has_prefix) {  // PyNumber_ToBase gave "0o.."/"0x.."
    s += 2;
    n -= 2;
  }
  bool plain = !neg && !has_prefix && prec <= n;
  if (plain) return text.release();
  std::string out;
  out.reserve(size_t(n) + 4 + (prec > n ? size_t(prec - n) : 0));
  if (neg) out.push_back('-');
  if (has_prefix && alt) {
    out.push_back('0');
    out.push_back(type == 'o' ? 'o' : char(type));
  }
  if (prec > n) out.append(size_t(prec - n), '0');
  for (Py_ssize_t i = 0; i < n; i++) {
    char c = s[i];
    if (type == 'X' && c >= 'a' && c <= 'f') c = char(c - 'a' + 'A');
    out.push_back(c);
  }
  return unicode_from_ascii(out.data(), Py_ssize_t(out.size()));
}

namespace krait {

// str % args (nb_remainder): NotImplemented unless the left operand is a str.
PyObject* unicode_mod(PyObject* v, PyObject* w) {
  if (!PyUnicode_Check(v)) Py_RETURN_NOTIMPLEMENTED;
  return PyUnicode_Format(v, w);
}

}  // namespace krait
