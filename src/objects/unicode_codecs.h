// unicode_codecs.h — the built-in codecs' shared machinery (unicode_codecs*.cpp).
//
// The error handlers CPython implements natively (strict, ignore, replace,
// surrogateescape, surrogatepass, backslashreplace, xmlcharrefreplace,
// namereplace) run inline here; any other name is looked up with
// PyCodec_LookupError when an error actually happens, and called with a
// UnicodeDecodeError/UnicodeEncodeError as CPython does.
#pragma once
#include <Python.h>

#include <cstring>

#include "support/ref.h"

namespace krait {

enum class ErrorHandler {
  Strict,
  Ignore,
  Replace,
  SurrogateEscape,
  SurrogatePass,
  BackslashReplace,
  XmlCharRefReplace,
  NameReplace,
  Other,
};

ErrorHandler error_handler_from_name(const char* errors);  // NULL means strict

// Growable byte output for encoders (PyMem-backed, no C++ exceptions).
class ByteBuf {
 public:
  ByteBuf() = default;
  ~ByteBuf() { PyMem_Free(p_); }
  ByteBuf(const ByteBuf&) = delete;
  ByteBuf& operator=(const ByteBuf&) = delete;

  bool reserve(Py_ssize_t extra) {
    if (len_ + extra <= cap_) return true;
    Py_ssize_t ncap = cap_ ? cap_ : 64;
    while (ncap < len_ + extra) {
      if (ncap > PY_SSIZE_T_MAX / 2) {
        ncap = len_ + extra;
        break;
      }
      ncap *= 2;
    }
    char* np = static_cast<char*>(PyMem_Realloc(p_, ncap));
    if (np == nullptr) {
      PyErr_NoMemory();
      return false;
    }
    p_ = np;
    cap_ = ncap;
    return true;
  }
  bool put(char c) {
    if (len_ == cap_ && !reserve(1)) return false;
    p_[len_++] = c;
    return true;
  }
  bool put(const void* s, Py_ssize_t n) {
    if (!reserve(n)) return false;
    std::memcpy(p_ + len_, s, n);
    len_ += n;
    return true;
  }
  // Unchecked append after reserve().
  void put_unchecked(char c) { p_[len_++] = c; }
  char* data() { return p_; }
  Py_ssize_t size() const { return len_; }
  void set_size(Py_ssize_t n) { len_ = n; }
  PyObject* to_bytes() const { return PyBytes_FromStringAndSize(p_ ? p_ : "", len_); }

 private:
  char* p_ = nullptr;
  Py_ssize_t len_ = 0;
  Py_ssize_t cap_ = 0;
};

// Encoders (str -> bytes); `errors` may be NULL (strict).
PyObject* encode_utf8(PyObject* str, const char* errors);
PyObject* encode_ucs1(PyObject* str, const char* errors, Py_UCS4 limit);  // 128: ascii, 256: latin-1
PyObject* encode_utf16(PyObject* str, const char* errors, int byteorder);
PyObject* encode_utf32(PyObject* str, const char* errors, int byteorder);
PyObject* encode_unicode_escape(PyObject* str);
PyObject* encode_raw_unicode_escape(PyObject* str);

// Encoding names CPython handles without the codec registry, normalized
// ("UTF-8", "utf_8", "U8"... -> Utf8).
enum class BuiltinCodec { None, Utf8, Latin1, Ascii, Utf16, Utf32 };
BuiltinCodec builtin_codec(const char* encoding);

// The backslashreplace escapes of a code point (\xNN, \uNNNN, \UNNNNNNNN) into buf.
int format_backslash_escape(Py_UCS4 c, char* buf);

}  // namespace krait
