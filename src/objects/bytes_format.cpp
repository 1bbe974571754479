// bytes_format.cpp — printf-style formatting of bytes and bytearray
// (PEP 461: `b"%d" % 3`, _PyBytes_FormatEx), PyBytes_FromFormat[V], and the
// backslash-escape decoder behind codecs.escape_decode (PyBytes_DecodeEscape).
//
// The % walk mirrors str's (unicode_percent.cpp) with bytes' own rules, all
// CPython 3.11's: %s/%b take bytes-like objects or __bytes__, %r/%a give
// ascii(), %c a byte, numbers are formatted through _PyUnicode_FormatLong /
// PyOS_double_to_string (ASCII), and the mapping test excludes str too.
#include <Python.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "objects/bytes_object.h"
#include "support/ref.h"

using namespace krait;

namespace {

enum : int { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

struct Walk {
  const char* fmt;
  Py_ssize_t len;
  Py_ssize_t pos = 0;
  PyObject* args;
  Ref<> args_owned;
  Py_ssize_t arglen, argidx;
  PyObject* dict = nullptr;
  std::string out;

  PyObject* next_arg() {
    if (argidx < arglen) {
      Py_ssize_t i = argidx++;
      return arglen < 0 ? args : PyTuple_GET_ITEM(args, i);
    }
    PyErr_SetString(PyExc_TypeError, "not enough arguments for format string");
    return nullptr;
  }
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// '*' or digits for width / precision.
int read_number(Walk& f, Py_ssize_t* out, const char* too_big, bool is_width, int* flags) {
  if (f.pos < f.len && f.fmt[f.pos] == '*') {
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
        *flags |= F_LJUST;
        n = -n;
      } else {
        n = 0;
      }
    }
    *out = n;
    f.pos++;
    return 0;
  }
  if (f.pos < f.len && is_digit(f.fmt[f.pos])) {
    Py_ssize_t n = 0;
    while (f.pos < f.len && is_digit(f.fmt[f.pos])) {
      int d = f.fmt[f.pos] - '0';
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

// %s / %b: the bytes of a bytes-like object or of __bytes__ (new reference
// to an object owning them; *p/*n point into it).
PyObject* bytes_of(PyObject* v, const char** p, Py_ssize_t* n) {
  if (PyBytes_Check(v)) {
    *p = PyBytes_AS_STRING(v);
    *n = PyBytes_GET_SIZE(v);
    return Py_NewRef(v);
  }
  if (PyByteArray_Check(v)) {
    *p = PyByteArray_AS_STRING(v);
    *n = PyByteArray_GET_SIZE(v);
    return Py_NewRef(v);
  }
  // __bytes__ is looked up on the type, as special methods are.
  static PyObject* name = PyUnicode_InternFromString("__bytes__");
  if (name == nullptr) return nullptr;
  if (PyObject* meth = _PyType_Lookup(Py_TYPE(v), name)) {
    Ref<> bound;
    if (descrgetfunc get = Py_TYPE(meth)->tp_descr_get) {
      bound = steal(get(meth, v, reinterpret_cast<PyObject*>(Py_TYPE(v))));
      if (!bound) return nullptr;
    } else {
      bound = borrow(meth);
    }
    Ref<> result = steal(PyObject_CallNoArgs(bound.get()));
    if (!result) return nullptr;
    if (!PyBytes_Check(result.get())) {
      PyErr_Format(PyExc_TypeError, "__bytes__ returned non-bytes (type %.200s)",
                   Py_TYPE(result.get())->tp_name);
      return nullptr;
    }
    *p = PyBytes_AS_STRING(result.get());
    *n = PyBytes_GET_SIZE(result.get());
    return result.release();
  }
  if (PyObject_CheckBuffer(v)) {
    Py_buffer view;
    if (PyObject_GetBuffer(v, &view, PyBUF_FULL_RO) < 0) return nullptr;
    PyObject* copy = PyBytes_FromStringAndSize(nullptr, view.len);
    if (copy && PyBuffer_ToContiguous(PyBytes_AS_STRING(copy), &view, view.len, 'C') < 0) Py_CLEAR(copy);
    PyBuffer_Release(&view);
    if (copy == nullptr) return nullptr;
    *p = PyBytes_AS_STRING(copy);
    *n = PyBytes_GET_SIZE(copy);
    return copy;
  }
  PyErr_Format(PyExc_TypeError,
               "%%b requires a bytes-like object, or an object that implements __bytes__, not '%.100s'",
               Py_TYPE(v)->tp_name);
  return nullptr;
}

// %c: a single byte from a length-1 bytes/bytearray or an int in range(256).
int byte_of(PyObject* v, char* out) {
  if (PyBytes_Check(v) && PyBytes_GET_SIZE(v) == 1) {
    *out = PyBytes_AS_STRING(v)[0];
    return 0;
  }
  if (PyByteArray_Check(v) && PyByteArray_GET_SIZE(v) == 1) {
    *out = PyByteArray_AS_STRING(v)[0];
    return 0;
  }
  int overflow = 0;
  long x = PyLong_AsLongAndOverflow(v, &overflow);
  if (x == -1 && PyErr_Occurred()) {
    if (!PyErr_ExceptionMatches(PyExc_TypeError)) return -1;
    PyErr_SetString(PyExc_TypeError, "%c requires an integer in range(256) or a single byte");
    return -1;
  }
  if (overflow || x < 0 || x > 255) {
    PyErr_SetString(PyExc_OverflowError, "%c arg not in range(256)");
    return -1;
  }
  *out = char(x);
  return 0;
}

PyObject* format_long(PyObject* v, int flags, Py_ssize_t prec, char type) {
  if (PyNumber_Check(v)) {
    bool integral = type == 'o' || type == 'x' || type == 'X';
    Ref<> iobj = steal(integral ? PyNumber_Index(v) : PyNumber_Long(v));
    if (iobj) return _PyUnicode_FormatLong(iobj.get(), flags & F_ALT, int(prec), type);
    if (!PyErr_ExceptionMatches(PyExc_TypeError)) return nullptr;
    PyErr_Clear();
  }
  PyErr_Format(PyExc_TypeError, "%%%c format: %s is required, not %.200s", type,
               (type == 'o' || type == 'x' || type == 'X') ? "an integer" : "a real number",
               Py_TYPE(v)->tp_name);
  return nullptr;
}

PyObject* format_float(PyObject* v, int flags, Py_ssize_t prec, char type) {
  double x = PyFloat_AsDouble(v);
  if (x == -1.0 && PyErr_Occurred()) {
    PyErr_Format(PyExc_TypeError, "float argument required, not %.200s", Py_TYPE(v)->tp_name);
    return nullptr;
  }
  int p = prec < 0 ? 6 : (prec > INT_MAX ? INT_MAX : int(prec));
  char* s = PyOS_double_to_string(x, type, p, (flags & F_ALT) ? Py_DTSF_ALT : 0, nullptr);
  if (s == nullptr) return nullptr;
  PyObject* r = PyUnicode_FromString(s);
  PyMem_Free(s);
  return r;
}

// One spec after '%'; f.pos is past the '%'. Returns 0 or -1.
int format_one(Walk& f) {
  if (f.fmt[f.pos] == '(') {
    if (f.dict == nullptr) {
      PyErr_SetString(PyExc_TypeError, "format requires a mapping");
      return -1;
    }
    Py_ssize_t keystart = ++f.pos;
    int depth = 1;
    while (f.pos < f.len) {
      char c = f.fmt[f.pos];
      if (c == ')' && --depth == 0) break;
      if (c == '(') depth++;
      f.pos++;
    }
    if (depth > 0 || f.pos >= f.len) {
      PyErr_SetString(PyExc_ValueError, "incomplete format key");
      return -1;
    }
    Ref<> key = steal(PyBytes_FromStringAndSize(f.fmt + keystart, f.pos - keystart));
    if (!key) return -1;
    f.pos++;
    Ref<> value = steal(PyObject_GetItem(f.dict, key.get()));
    if (!value) return -1;
    f.args_owned = std::move(value);
    f.args = f.args_owned.get();
    f.arglen = -1;
    f.argidx = -2;
  }
  int flags = 0;
  for (; f.pos < f.len; f.pos++) {
    char c = f.fmt[f.pos];
    if (c == '-') flags |= F_LJUST;
    else if (c == '+') flags |= F_SIGN;
    else if (c == ' ') flags |= F_BLANK;
    else if (c == '#') flags |= F_ALT;
    else if (c == '0') flags |= F_ZERO;
    else break;
  }
  Py_ssize_t width = -1, prec = -1;
  if (read_number(f, &width, "width too big", true, &flags) < 0) return -1;
  if (f.pos < f.len && f.fmt[f.pos] == '.') {
    f.pos++;
    prec = 0;
    if (read_number(f, &prec, "precision too big", false, &flags) < 0) return -1;
  }
  if (f.pos < f.len && (f.fmt[f.pos] == 'h' || f.fmt[f.pos] == 'l' || f.fmt[f.pos] == 'L')) f.pos++;
  if (f.pos >= f.len) {
    PyErr_SetString(PyExc_ValueError, "incomplete format");
    return -1;
  }
  char c = f.fmt[f.pos++];
  PyObject* v = f.next_arg();
  if (v == nullptr) return -1;

  Ref<> holder;
  const char* pbuf = nullptr;
  Py_ssize_t len = 0;
  char onechar;
  bool sign = false;
  switch (c) {
    case 'r':
    case 'a':
      holder = steal(PyObject_ASCII(v));
      if (!holder) return -1;
      pbuf = reinterpret_cast<const char*>(PyUnicode_DATA(holder.get()));
      len = PyUnicode_GET_LENGTH(holder.get());
      if (prec >= 0 && len > prec) len = prec;
      break;
    case 's':
    case 'b':
      holder = steal(bytes_of(v, &pbuf, &len));
      if (!holder) return -1;
      if (prec >= 0 && len > prec) len = prec;
      break;
    case 'i': case 'd': case 'u': case 'o': case 'x': case 'X':
      holder = steal(format_long(v, flags, prec, c));
      if (!holder) return -1;
      pbuf = reinterpret_cast<const char*>(PyUnicode_DATA(holder.get()));
      len = PyUnicode_GET_LENGTH(holder.get());
      sign = true;
      break;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
      holder = steal(format_float(v, flags, prec, c));
      if (!holder) return -1;
      pbuf = reinterpret_cast<const char*>(PyUnicode_DATA(holder.get()));
      len = PyUnicode_GET_LENGTH(holder.get());
      sign = true;
      break;
    case 'c':
      if (byte_of(v, &onechar) < 0) return -1;
      pbuf = &onechar;
      len = 1;
      break;
    default:
      if (static_cast<unsigned char>(c) >= 0x80) {
        // CPython's message formatting fails on a non-ASCII byte and leaves
        // an argument-less ValueError; match it.
        PyErr_SetNone(PyExc_ValueError);
      } else {
        PyErr_Format(PyExc_ValueError, "unsupported format character '%c' (0x%x) at index %zd", c,
                     unsigned(static_cast<unsigned char>(c)), f.pos - 1);
      }
      return -1;
  }

  // Layout: sign, then '0x'/'0o' prefix, zero or space padding, text.
  char fill = (sign && (flags & F_ZERO)) ? '0' : ' ';
  char signchar = 0;
  if (sign) {
    if (len > 0 && (pbuf[0] == '-' || pbuf[0] == '+')) {
      signchar = *pbuf++;
      len--;
    } else if (flags & F_SIGN) {
      signchar = '+';
    } else if (flags & F_BLANK) {
      signchar = ' ';
    } else {
      sign = false;
    }
  }
  if (width < len) width = len;
  if (sign && width == len) width++;
  std::string& o = f.out;
  if (sign && fill != ' ') o.push_back(signchar);
  if (sign && width > len) width--;
  bool prefix = (flags & F_ALT) && (c == 'x' || c == 'X' || c == 'o');
  if (prefix) {
    if (fill != ' ') {
      o.append(pbuf, 2);
      pbuf += 2;
    }
    width -= 2;
    if (width < 0) width = 0;
    len -= 2;
  }
  if (width > len && !(flags & F_LJUST)) {
    o.append(size_t(width - len), fill);
    width = len;
  }
  if (fill == ' ') {
    if (sign) o.push_back(signchar);
    if (prefix) {
      o.append(pbuf, 2);
      pbuf += 2;
    }
  }
  o.append(pbuf, size_t(len));
  if (width > len) o.append(size_t(width - len), ' ');
  if (f.dict && f.argidx < f.arglen) {
    PyErr_SetString(PyExc_TypeError, "not all arguments converted during bytes formatting");
    return -1;
  }
  return 0;
}

}  // namespace

extern "C" PyObject* _PyBytes_FormatEx(const char* format, Py_ssize_t format_len, PyObject* args,
                                       int use_bytearray) {
  if (format == nullptr || format_len < 0 || args == nullptr) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  Walk f;
  f.fmt = format;
  f.len = format_len;
  f.args = args;
  if (PyTuple_Check(args)) {
    f.arglen = PyTuple_GET_SIZE(args);
    f.argidx = 0;
  } else {
    f.arglen = -1;
    f.argidx = -2;
  }
  PyMappingMethods* mp = Py_TYPE(args)->tp_as_mapping;
  if (mp && mp->mp_subscript && !PyTuple_Check(args) && !PyBytes_Check(args) && !PyUnicode_Check(args) &&
      !PyByteArray_Check(args))
    f.dict = args;
  f.out.reserve(size_t(format_len) + 16);
  while (f.pos < f.len) {
    const char* pct = static_cast<const char*>(memchr(f.fmt + f.pos, '%', size_t(f.len - f.pos)));
    Py_ssize_t stop = pct ? pct - f.fmt : f.len;
    f.out.append(f.fmt + f.pos, size_t(stop - f.pos));
    f.pos = stop;
    if (f.pos >= f.len) break;
    f.pos++;
    if (f.pos >= f.len) {
      PyErr_SetString(PyExc_ValueError, "incomplete format");
      return nullptr;
    }
    if (f.fmt[f.pos] == '%') {
      f.out.push_back('%');
      f.pos++;
      continue;
    }
    if (format_one(f) < 0) return nullptr;
  }
  if (f.argidx < f.arglen && !f.dict) {
    PyErr_SetString(PyExc_TypeError, "not all arguments converted during bytes formatting");
    return nullptr;
  }
  if (use_bytearray) return PyByteArray_FromStringAndSize(f.out.data(), Py_ssize_t(f.out.size()));
  return PyBytes_FromStringAndSize(f.out.data(), Py_ssize_t(f.out.size()));
}

// -- PyBytes_FromFormat ----------------------------------------------------------------

// CPython's subset: %c %d %u %ld %lu %zd %zu %i %x %s %p %%; a width is
// ignored, a precision limits %s. An unknown code copies the rest of the
// format verbatim and stops.
extern "C" PyObject* PyBytes_FromFormatV(const char* format, va_list vargs) {
  std::string out;
  char buf[64];
  for (const char* f = format; *f; f++) {
    if (*f != '%') {
      out.push_back(*f);
      continue;
    }
    const char* p = f++;
    while (*f >= '0' && *f <= '9') f++;
    Py_ssize_t prec = 0;
    if (*f == '.') {
      f++;
      for (; *f >= '0' && *f <= '9'; f++) prec = prec * 10 + (*f - '0');
    }
    while (*f && *f != '%' && !Py_ISALPHA(*f)) f++;
    bool longflag = false, sizeflag = false;
    if (*f == 'l' && (f[1] == 'd' || f[1] == 'u')) longflag = true, ++f;
    if (*f == 'z' && (f[1] == 'd' || f[1] == 'u')) sizeflag = true, ++f;
    switch (*f) {
      case 'c': {
        int c = va_arg(vargs, int);
        if (c < 0 || c > 255) {
          PyErr_SetString(PyExc_OverflowError,
                          "PyBytes_FromFormatV(): %c format expects an integer in range [0; 255]");
          return nullptr;
        }
        out.push_back(char(c));
        break;
      }
      case 'd':
        if (longflag) snprintf(buf, sizeof buf, "%ld", va_arg(vargs, long));
        else if (sizeflag) snprintf(buf, sizeof buf, "%zd", va_arg(vargs, Py_ssize_t));
        else snprintf(buf, sizeof buf, "%d", va_arg(vargs, int));
        out += buf;
        break;
      case 'u':
        if (longflag) snprintf(buf, sizeof buf, "%lu", va_arg(vargs, unsigned long));
        else if (sizeflag) snprintf(buf, sizeof buf, "%zu", va_arg(vargs, size_t));
        else snprintf(buf, sizeof buf, "%u", va_arg(vargs, unsigned int));
        out += buf;
        break;
      case 'i':
        snprintf(buf, sizeof buf, "%i", va_arg(vargs, int));
        out += buf;
        break;
      case 'x':
        snprintf(buf, sizeof buf, "%x", va_arg(vargs, int));
        out += buf;
        break;
      case 's': {
        const char* s = va_arg(vargs, const char*);
        size_t n;
        if (prec <= 0) {
          n = strlen(s);
        } else {
          n = 0;
          while (Py_ssize_t(n) < prec && s[n]) n++;
        }
        out.append(s, n);
        break;
      }
      case 'p':
        snprintf(buf, sizeof buf, "%p", va_arg(vargs, void*));
        if (buf[1] == 'X') {
          buf[1] = 'x';
        } else if (buf[1] != 'x') {
          memmove(buf + 2, buf, strlen(buf) + 1);
          buf[0] = '0';
          buf[1] = 'x';
        }
        out += buf;
        break;
      case '%':
        out.push_back('%');
        break;
      default:
        out += p;
        return PyBytes_FromStringAndSize(out.data(), Py_ssize_t(out.size()));
    }
  }
  return PyBytes_FromStringAndSize(out.data(), Py_ssize_t(out.size()));
}

extern "C" PyObject* PyBytes_FromFormat(const char* format, ...) {
  va_list va;
  va_start(va, format);
  PyObject* r = PyBytes_FromFormatV(format, va);
  va_end(va);
  return r;
}

// -- Escape decoding ---------------------------------------------------------------------

namespace {
int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 16;
}
}  // namespace

// Decodes Python bytes-literal escapes. *first_invalid_char gets the first
// unrecognised escape's character, or an octal value > 0o377, or -1;
// *first_invalid_ptr where that escape starts (just past the backslash).
extern "C" PyObject* _PyBytes_DecodeEscape2(const char* s, Py_ssize_t len, const char* errors,
                                            int* first_invalid_char, const char** first_invalid_ptr) {
  *first_invalid_char = -1;
  *first_invalid_ptr = nullptr;
  std::string out;
  out.reserve(size_t(len));
  const char* begin = s;
  const char* end = s + len;
  while (s < end) {
    if (*s != '\\') {
      out.push_back(*s++);
      continue;
    }
    s++;
    if (s >= end) {
      PyErr_SetString(PyExc_ValueError, "Trailing \\ in string");
      return nullptr;
    }
    char c = *s++;
    switch (c) {
      case '\n': break;
      case '\\': out.push_back('\\'); break;
      case '\'': out.push_back('\''); break;
      case '"': out.push_back('"'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 't': out.push_back('\t'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 'v': out.push_back('\v'); break;
      case 'a': out.push_back('\a'); break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        int v = c - '0';
        if (s < end && *s >= '0' && *s <= '7') {
          v = (v << 3) + (*s++ - '0');
          if (s < end && *s >= '0' && *s <= '7') v = (v << 3) + (*s++ - '0');
        }
        if (v > 0377 && *first_invalid_char == -1) {
          *first_invalid_char = v;
          *first_invalid_ptr = s - 3;
        }
        out.push_back(char(v));
        break;
      }
      case 'x':
        if (s + 1 < end) {
          int d1 = hexval(s[0]), d2 = hexval(s[1]);
          if (d1 < 16 && d2 < 16) {
            out.push_back(char((d1 << 4) + d2));
            s += 2;
            break;
          }
        }
        if (errors == nullptr || strcmp(errors, "strict") == 0) {
          PyErr_Format(PyExc_ValueError, "invalid \\x escape at position %zd", (s - 2) - begin);
          return nullptr;
        }
        if (strcmp(errors, "replace") == 0) {
          out.push_back('?');
        } else if (strcmp(errors, "ignore") != 0) {
          PyErr_Format(PyExc_ValueError, "decoding error; unknown error handling code: %.400s", errors);
          return nullptr;
        }
        if (s < end && hexval(s[0]) < 16) s++;
        break;
      default:
        if (*first_invalid_char == -1) {
          *first_invalid_char = static_cast<unsigned char>(c);
          *first_invalid_ptr = s - 1;
        }
        out.push_back('\\');
        s--;
        break;
    }
  }
  return PyBytes_FromStringAndSize(out.data(), Py_ssize_t(out.size()));
}

extern "C" PyObject* _PyBytes_DecodeEscape(const char* s, Py_ssize_t len, const char* errors,
                                           const char** first_invalid_escape) {
  int c;
  return _PyBytes_DecodeEscape2(s, len, errors, &c, first_invalid_escape);
}

extern "C" PyObject* PyBytes_DecodeEscape(const char* s, Py_ssize_t len, const char* errors,
                                          Py_ssize_t, const char*) {
  int c;
  const char* where;
  PyObject* result = _PyBytes_DecodeEscape2(s, len, errors, &c, &where);
  if (result == nullptr) return nullptr;
  if (c != -1) {
    int r = c > 0xff ? PyErr_WarnFormat(PyExc_DeprecationWarning, 1, "invalid octal escape sequence '\\%.3s'", where)
                     : PyErr_WarnFormat(PyExc_DeprecationWarning, 1, "invalid escape sequence '\\%c'", c);
    if (r < 0) {
      Py_DECREF(result);
      return nullptr;
    }
  }
  return result;
}
