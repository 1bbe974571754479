// unicode_codecs_internal.h — error-handler state shared by the codec files.
#pragma once
#include <Python.h>

#include "objects/unicode_codecs.h"

namespace krait {

// surrogatepass for UTF-8: a 3-byte encoded surrogate at p, else *used = 0.
Py_UCS4 surrogatepass_decode_utf8(const char* p, Py_ssize_t n, Py_ssize_t* used);

// Per-call decoding error state: resolves the handler once, and applies it to
// an error range [start, end) of the input, appending the replacement to the
// writer. Returns the position to resume at, or -1 with an exception set.
class DecodeErrorState {
 public:
  enum class Codec { Utf8, Utf16, Utf32, Other };
  DecodeErrorState(const char* encoding, const char* errors, Codec codec, int byteorder = -1)
      : encoding_(encoding), errors_(errors), kind_(error_handler_from_name(errors)), codec_(codec),
        byteorder_(byteorder) {}
  ~DecodeErrorState();
  DecodeErrorState(const DecodeErrorState&) = delete;
  DecodeErrorState& operator=(const DecodeErrorState&) = delete;

  // Handles the error at input[start:end]; returns the position to go on from, or -1 with an
  // exception. A Python error handler may replace the exception's `object`: as in CPython,
  // decoding then goes on in that new input, so `input` and `insize` are updated (the new bytes
  // are kept alive by this state) and callers re-derive their pointers from them.
  Py_ssize_t handle(_PyUnicodeWriter* w, const char*& input, Py_ssize_t& insize, Py_ssize_t start,
                    Py_ssize_t end, const char* reason);
  void set_encoding(const char* e) { encoding_ = e; }
  void set_byteorder(int bo) { byteorder_ = bo; }

 private:
  PyObject* lookup();
  PyObject* replaced_input_ = nullptr;  // owned: bytes an error handler put in exc.object
  Py_UCS4 surrogatepass_decode(const char* p, Py_ssize_t n, Py_ssize_t* used) {
    *used = 0;
    if (codec_ == Codec::Utf8) return surrogatepass_decode_utf8(p, n, used);
    const auto* b = reinterpret_cast<const unsigned char*>(p);
    if (codec_ == Codec::Utf16 && n >= 2) {
      Py_UCS4 c = byteorder_ < 0 ? (b[0] | (b[1] << 8)) : ((b[0] << 8) | b[1]);
      if (c >= 0xD800 && c <= 0xDFFF) {
        *used = 2;
        return c;
      }
    } else if (codec_ == Codec::Utf32 && n >= 4) {
      Py_UCS4 c = byteorder_ < 0 ? (b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<Py_UCS4>(b[3]) << 24))
                                 : ((static_cast<Py_UCS4>(b[0]) << 24) | (b[1] << 16) | (b[2] << 8) | b[3]);
      if (c >= 0xD800 && c <= 0xDFFF) {
        *used = 4;
        return c;
      }
    }
    return 0;
  }

  const char* encoding_;
  const char* errors_;
  ErrorHandler kind_;
  Codec codec_;
  int byteorder_;
  PyObject* handler_ = nullptr;
};

// Per-call encoding error state. replacement() produces, for the unencodable
// range [start, end), either bytes (copied verbatim) or a str (to be encoded
// by the codec, each character checked), and the position to resume at; -1
// with an exception set on failure. SurrogatePass is left to the codecs that
// support it (replacement() treats it as strict).
class EncodeErrorState {
 public:
  EncodeErrorState(const char* encoding, const char* errors)
      : encoding_(encoding), errors_(errors), kind_(error_handler_from_name(errors)) {}
  ~EncodeErrorState();
  EncodeErrorState(const EncodeErrorState&) = delete;
  EncodeErrorState& operator=(const EncodeErrorState&) = delete;

  ErrorHandler kind() const { return kind_; }
  Py_ssize_t replacement(PyObject* str, Py_ssize_t start, Py_ssize_t end, const char* reason, Ref<>* rep);
  int raise(PyObject* str, Py_ssize_t start, Py_ssize_t end, const char* reason);

 private:
  const char* encoding_;
  const char* errors_;
  ErrorHandler kind_;
  PyObject* handler_ = nullptr;
};

}  // namespace krait
