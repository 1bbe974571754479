// unicode_fromformat.cpp — PyUnicode_FromFormat / FromFormatV (C-level printf
// into a str), with every format unit CPython 3.11 accepts:
//   %%  %c  %d %i %u %x (with l, ll, z)  %p  %s  %U  %V  %S  %R  %A
// plus a '0' flag, a width and a .precision. As in 3.11, precision limits the
// characters taken from %U/%V/%S/%R/%A (and the bytes of %s), width pads on
// the left with spaces, and for integers precision pads digits with zeros;
// an unknown unit copies the rest of the format string verbatim.
#include <Python.h>

#include <cstdarg>
#include <cstdio>

#include "objects/unicode_object.h"

using namespace krait;

namespace {

int write_padded_str(_PyUnicodeWriter* w, PyObject* s, Py_ssize_t width, Py_ssize_t precision) {
  Py_ssize_t len = ulen(s);
  if (precision >= 0 && len > precision) len = precision;
  if (width > len) {
    Py_ssize_t fill = width - len;
    if (_PyUnicodeWriter_Prepare(w, fill, ' ') < 0) return -1;
    _PyUnicode_FastFill(w->buffer, w->pos, fill, ' ');
    w->pos += fill;
  }
  return _PyUnicodeWriter_WriteSubstring(w, s, 0, len);
}

int write_cstr(_PyUnicodeWriter* w, const char* str, Py_ssize_t width, Py_ssize_t precision) {
  Py_ssize_t len = precision < 0 ? static_cast<Py_ssize_t>(std::strlen(str))
                                 : static_cast<Py_ssize_t>(strnlen(str, precision));
  PyObject* s = PyUnicode_DecodeUTF8Stateful(str, len, "replace", nullptr);
  if (s == nullptr) return -1;
  int r = write_padded_str(w, s, width, -1);
  Py_DECREF(s);
  return r;
}

// One format unit starting at f (just past '%'); returns the position after
// it, or NULL on error. An unknown unit returns `f - 1` flagged via *verbatim.
const char* format_arg(_PyUnicodeWriter* w, const char* f, va_list* vargs, bool* verbatim) {
  const char* start = f - 1;
  bool zeropad = false;
  if (*f == '%') {
    if (_PyUnicodeWriter_WriteChar(w, '%') < 0) return nullptr;
    return f + 1;
  }
  if (*f == '0') {
    zeropad = true;
    ++f;
  }
  Py_ssize_t width = -1, precision = -1;
  if (*f >= '0' && *f <= '9') {
    width = 0;
    while (*f >= '0' && *f <= '9') {
      if (width > (PY_SSIZE_T_MAX - 9) / 10) {
        PyErr_SetString(PyExc_ValueError, "width too big");
        return nullptr;
      }
      width = width * 10 + (*f++ - '0');
    }
  }
  if (*f == '.') {
    ++f;
    precision = 0;
    while (*f >= '0' && *f <= '9') {
      if (precision > (PY_SSIZE_T_MAX - 9) / 10) {
        PyErr_SetString(PyExc_ValueError, "precision too big");
        return nullptr;
      }
      precision = precision * 10 + (*f++ - '0');
    }
  }
  int longflag = 0;  // 1: l, 2: ll, 3: z
  if (*f == 'l') {
    if (f[1] == 'd' || f[1] == 'u' || f[1] == 'i') {
      longflag = 1;
      ++f;
    } else if (f[1] == 'l' && (f[2] == 'd' || f[2] == 'u' || f[2] == 'i')) {
      longflag = 2;
      f += 2;
    }
  } else if (*f == 'z' && (f[1] == 'd' || f[1] == 'u' || f[1] == 'i')) {
    longflag = 3;
    ++f;
  }
  switch (*f) {
    case 'c': {
      int ch = va_arg(*vargs, int);
      if (ch < 0 || ch > 0x10FFFF) {
        PyErr_SetString(PyExc_OverflowError, "character argument not in range(0x110000)");
        return nullptr;
      }
      if (_PyUnicodeWriter_WriteChar(w, static_cast<Py_UCS4>(ch)) < 0) return nullptr;
      break;
    }
    case 'i':
    case 'd':
    case 'u':
    case 'x': {
      char buffer[64];
      int len;
      if (*f == 'x') {
        len = std::snprintf(buffer, sizeof buffer, "%x", va_arg(*vargs, int));
      } else if (*f == 'u') {
        switch (longflag) {
          case 1: len = std::snprintf(buffer, sizeof buffer, "%lu", va_arg(*vargs, unsigned long)); break;
          case 2: len = std::snprintf(buffer, sizeof buffer, "%llu", va_arg(*vargs, unsigned long long)); break;
          case 3: len = std::snprintf(buffer, sizeof buffer, "%zu", va_arg(*vargs, size_t)); break;
          default: len = std::snprintf(buffer, sizeof buffer, "%u", va_arg(*vargs, unsigned int));
        }
      } else {
        switch (longflag) {
          case 1: len = std::snprintf(buffer, sizeof buffer, "%ld", va_arg(*vargs, long)); break;
          case 2: len = std::snprintf(buffer, sizeof buffer, "%lld", va_arg(*vargs, long long)); break;
          case 3: len = std::snprintf(buffer, sizeof buffer, "%zd", va_arg(*vargs, Py_ssize_t)); break;
          default: len = std::snprintf(buffer, sizeof buffer, "%d", va_arg(*vargs, int));
        }
      }
      if (precision < len) precision = len;
      Py_ssize_t arglen = precision > width ? precision : width;
      if (arglen > len) {
        if (_PyUnicodeWriter_Prepare(w, arglen, 127) < 0) return nullptr;
        if (width > precision) {
          Py_ssize_t fill = width - precision;
          _PyUnicode_FastFill(w->buffer, w->pos, fill, zeropad ? '0' : ' ');
          w->pos += fill;
        }
        if (precision > len) {
          Py_ssize_t fill = precision - len;
          _PyUnicode_FastFill(w->buffer, w->pos, fill, '0');
          w->pos += fill;
        }
      }
      if (_PyUnicodeWriter_WriteASCIIString(w, buffer, len) < 0) return nullptr;
      break;
    }
    case 'p': {
      char number[64];
      int len = std::snprintf(number, sizeof number, "%p", va_arg(*vargs, void*));
      const char* out = number;
      char fixed[72];
      if (number[1] == 'X') {
        number[1] = 'x';
      } else if (number[1] != 'x') {
        std::snprintf(fixed, sizeof fixed, "0x%s", number);
        out = fixed;
        len += 2;
      }
      if (_PyUnicodeWriter_WriteASCIIString(w, out, len) < 0) return nullptr;
      break;
    }
    case 's': {
      const char* s = va_arg(*vargs, const char*);
      if (write_cstr(w, s, width, precision) < 0) return nullptr;
      break;
    }
    case 'U': {
      PyObject* obj = va_arg(*vargs, PyObject*);
      if (write_padded_str(w, obj, width, precision) < 0) return nullptr;
      break;
    }
    case 'V': {
      PyObject* obj = va_arg(*vargs, PyObject*);
      const char* str = va_arg(*vargs, const char*);
      if (obj != nullptr) {
        if (write_padded_str(w, obj, width, precision) < 0) return nullptr;
      } else if (write_cstr(w, str, width, precision) < 0) {
        return nullptr;
      }
      break;
    }
    case 'S':
    case 'R':
    case 'A': {
      PyObject* obj = va_arg(*vargs, PyObject*);
      PyObject* s = *f == 'S' ? PyObject_Str(obj) : (*f == 'R' ? PyObject_Repr(obj) : PyObject_ASCII(obj));
      if (s == nullptr) return nullptr;
      int r = write_padded_str(w, s, width, precision);
      Py_DECREF(s);
      if (r < 0) return nullptr;
      break;
    }
    default:
      // Unknown unit: CPython copies the rest of the format string verbatim.
      if (_PyUnicodeWriter_WriteASCIIString(w, start, static_cast<Py_ssize_t>(std::strlen(start))) < 0)
        return nullptr;
      *verbatim = true;
      return start + std::strlen(start);
  }
  return f + 1;
}

}  // namespace

extern "C" PyObject* PyUnicode_FromFormatV(const char* format, va_list vargs) {
  va_list va;
  va_copy(va, vargs);
  _PyUnicodeWriter w;
  _PyUnicodeWriter_Init(&w);
  w.min_length = static_cast<Py_ssize_t>(std::strlen(format)) + 100;
  w.overallocate = 1;
  const char* f = format;
  while (*f) {
    if (*f == '%') {
      bool verbatim = false;
      f = format_arg(&w, f + 1, &va, &verbatim);
      if (f == nullptr) goto fail;
      continue;
    }
    const char* p = f;
    while (*p && *p != '%') {
      if (static_cast<unsigned char>(*p) > 127) {
        PyErr_Format(PyExc_ValueError,
                     "PyUnicode_FromFormatV() expects an ASCII-encoded format string, got a non-ASCII byte: 0x%02x",
                     static_cast<unsigned char>(*p));
        goto fail;
      }
      ++p;
    }
    if (_PyUnicodeWriter_WriteASCIIString(&w, f, p - f) < 0) goto fail;
    f = p;
  }
  va_end(va);
  return _PyUnicodeWriter_Finish(&w);
fail:
  va_end(va);
  _PyUnicodeWriter_Dealloc(&w);
  return nullptr;
}

extern "C" PyObject* PyUnicode_FromFormat(const char* format, ...) {
  va_list va;
  va_start(va, format);
  PyObject* r = PyUnicode_FromFormatV(format, va);
  va_end(va);
  return r;
}
