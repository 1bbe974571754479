// unicode_codecs_utf7.cpp — UTF-7 (RFC 2152): PyUnicode_DecodeUTF7[Stateful]
// and _PyUnicode_EncodeUTF7.
//
// Text is ASCII except for shift sequences "+<modified base64 of UTF-16>-";
// "+-" is a literal '+'. As in CPython, the encoder writes the RFC's set O
// characters and whitespace directly (unless asked not to), ends a shift
// sequence implicitly when the next direct character cannot be mistaken for
// base64, and encodes lone surrogates like any other UTF-16 unit (UTF-7
// cannot fail to encode). The decoder reports malformed shift sequences with
// CPython's reasons, over the range from the '+' that started the sequence;
// in stateful mode an unfinished shift sequence is left unconsumed.
#include <Python.h>

#include "objects/unicode_codecs_internal.h"
#include "objects/unicode_object.h"

using namespace krait;

namespace {

// 0: set D (always direct), 1: set O (optional direct), 2: whitespace,
// 3: must be encoded.
constexpr unsigned char kCategory[128] = {
    3, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 3, 3, 2, 3, 3,  // NUL..SI (HT, LF, CR: whitespace)
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,  // DLE..US
    2, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 3, 0, 0, 0, 0,  //  !"#$%&'()*+,-./
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0,  // 0-9 :;<=>?
    1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // @A-O
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 1, 1, 1,  // P-Z [\]^_
    1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,  // `a-o
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 3, 3,  // p-z {|}~ DEL
};

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

inline bool is_base64(Py_UCS4 c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}
inline unsigned from_base64(Py_UCS4 c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  return c == '+' ? 62 : 63;
}
inline bool encode_direct(Py_UCS4 c, bool direct_o, bool direct_ws) {
  if (c == 0 || c >= 128) return false;
  unsigned cat = kCategory[c];
  return cat == 0 || (direct_ws && cat == 2) || (direct_o && cat == 1);
}
inline bool decode_direct(Py_UCS4 c) { return c <= 127 && c != '+'; }

}  // namespace

extern "C" PyObject* PyUnicode_DecodeUTF7Stateful(const char* s, Py_ssize_t size, const char* errors,
                                                  Py_ssize_t* consumed) {
  if (size == 0) {
    if (consumed) *consumed = 0;
    return unicode_empty();
  }
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  _PyUnicodeWriter w;
  _PyUnicodeWriter_Init(&w);
  w.min_length = size;
  DecodeErrorState es("utf7", errors, DecodeErrorState::Codec::Other);
  bool in_shift = false;
  int bits = 0;
  unsigned long buffer = 0;
  Py_UCS4 surrogate = 0;
  Py_ssize_t shift_out_start = 0, startpos = 0;
  Py_ssize_t i = 0;
  auto error = [&](Py_ssize_t start, Py_ssize_t end, const char* reason) {
    i = es.handle(&w, s, size, start, end, reason);
    p = reinterpret_cast<const unsigned char*>(s);  // the handler may replace the input
    return i >= 0;
  };
  for (;;) {
    while (i < size) {
      Py_UCS4 ch = p[i];
      if (in_shift) {
        if (is_base64(ch)) {
          buffer = (buffer << 6) | from_base64(ch);
          bits += 6;
          i++;
          if (bits >= 16) {
            Py_UCS4 out = Py_UCS4(buffer >> (bits - 16));
            bits -= 16;
            buffer &= (1UL << bits) - 1;
            if (surrogate) {
              if (Py_UNICODE_IS_LOW_SURROGATE(out)) {
                if (_PyUnicodeWriter_WriteChar(&w, Py_UNICODE_JOIN_SURROGATES(surrogate, out)) < 0) goto fail;
                surrogate = 0;
                continue;
              }
              if (_PyUnicodeWriter_WriteChar(&w, surrogate) < 0) goto fail;
              surrogate = 0;
            }
            if (Py_UNICODE_IS_HIGH_SURROGATE(out)) surrogate = out;
            else if (_PyUnicodeWriter_WriteChar(&w, out) < 0) goto fail;
          }
        } else {
          // Leaving the base64 section.
          in_shift = false;
          if (bits > 6) {
            i++;
            if (!error(startpos, i, "partial character in shift sequence")) goto fail;
            continue;
          }
          if (buffer != 0) {
            i++;
            if (!error(startpos, i, "non-zero padding bits in shift sequence")) goto fail;
            continue;
          }
          if (surrogate && decode_direct(ch) && _PyUnicodeWriter_WriteChar(&w, surrogate) < 0) goto fail;
          surrogate = 0;
          if (ch == '-') i++;  // '-' is absorbed; any other terminator is kept
        }
      } else if (ch == '+') {
        startpos = i++;
        if (i < size && p[i] == '-') {
          i++;
          if (_PyUnicodeWriter_WriteChar(&w, '+') < 0) goto fail;
        } else if (i < size && !is_base64(p[i])) {
          i++;
          if (!error(startpos, i, "ill-formed sequence")) goto fail;
        } else {
          in_shift = true;
          surrogate = 0;
          shift_out_start = w.pos;
          bits = 0;
          buffer = 0;
        }
      } else if (decode_direct(ch)) {
        i++;
        if (_PyUnicodeWriter_WriteChar(&w, ch) < 0) goto fail;
      } else {
        startpos = i++;
        if (!error(startpos, i, "unexpected special character")) goto fail;
      }
    }
    if (in_shift && !consumed) {
      in_shift = false;
      if (surrogate || bits >= 6 || (bits > 0 && buffer != 0)) {
        if (!error(startpos, size, "unterminated shift sequence")) goto fail;
        if (i < size) continue;  // the handler asked to resume earlier
      }
    }
    break;
  }
  if (consumed) {
    if (in_shift) {
      *consumed = startpos;
      // Back off the output of the unfinished shift sequence.
      w.pos = shift_out_start;
    } else {
      *consumed = i;
    }
  }
  return _PyUnicodeWriter_Finish(&w);
fail:
  _PyUnicodeWriter_Dealloc(&w);
  return nullptr;
}

extern "C" PyObject* PyUnicode_DecodeUTF7(const char* s, Py_ssize_t size, const char* errors) {
  return PyUnicode_DecodeUTF7Stateful(s, size, errors, nullptr);
}

extern "C" PyObject* _PyUnicode_EncodeUTF7(PyObject* str, int base64SetO, int base64WhiteSpace,
                                           const char* /*errors*/) {
  if (!PyUnicode_Check(str)) {
    PyErr_BadArgument();
    return nullptr;
  }
  Py_ssize_t len = ulen(str);
  if (len == 0) return PyBytes_FromStringAndSize(nullptr, 0);
  int kind = ukind(str);
  const void* data = udata(str);
  bool direct_o = !base64SetO, direct_ws = !base64WhiteSpace;
  ByteBuf out;
  if (!out.reserve(len)) return nullptr;
  bool in_shift = false;
  int bits = 0;
  unsigned long buffer = 0;
  auto push16 = [&](Py_UCS4 unit) {
    bits += 16;
    buffer = (buffer << 16) | unit;
    while (bits >= 6) {
      if (!out.put(kBase64[(buffer >> (bits - 6)) & 0x3F])) return false;
      bits -= 6;
    }
    buffer &= (1UL << bits) - 1;
    return true;
  };
  for (Py_ssize_t i = 0; i < len; i++) {
    Py_UCS4 ch = PyUnicode_READ(kind, data, i);
    if (in_shift) {
      if (encode_direct(ch, direct_o, direct_ws)) {
        if (bits) {
          if (!out.put(kBase64[(buffer << (6 - bits)) & 0x3F])) return nullptr;
          buffer = 0;
          bits = 0;
        }
        in_shift = false;
        // A following base64 character or '-' needs an explicit end mark.
        if ((is_base64(ch) || ch == '-') && !out.put('-')) return nullptr;
        if (!out.put(char(ch))) return nullptr;
        continue;
      }
    } else if (ch == '+') {
      if (!out.put("+-", 2)) return nullptr;
      continue;
    } else if (encode_direct(ch, direct_o, direct_ws)) {
      if (!out.put(char(ch))) return nullptr;
      continue;
    } else {
      if (!out.put('+')) return nullptr;
      in_shift = true;
    }
    if (ch >= 0x10000) {
      if (!push16(Py_UNICODE_HIGH_SURROGATE(ch))) return nullptr;
      ch = Py_UNICODE_LOW_SURROGATE(ch);
    }
    if (!push16(ch)) return nullptr;
  }
  if (bits && !out.put(kBase64[(buffer << (6 - bits)) & 0x3F])) return nullptr;
  if (in_shift && !out.put('-')) return nullptr;
  return out.to_bytes();
}
