// unicode_codecs_utf.cpp — UTF-16, UTF-32, unicode_escape and
// raw_unicode_escape codecs (decode and encode), with CPython 3.11's BOM
// handling, error ranges and reasons.
#include <Python.h>

#include <cstdio>

#include "objects/unicode_codecs.h"
#include "objects/unicode_codecs_internal.h"
#include "objects/unicode_object.h"
#include "support/unicode_db.h"

using namespace krait;

// -- UTF-16 / UTF-32 decoding ------------------------------------------------------------

namespace {

inline Py_UCS4 read16(const unsigned char* p, int bo) {
  return bo < 0 ? static_cast<Py_UCS4>(p[0] | (p[1] << 8)) : static_cast<Py_UCS4>((p[0] << 8) | p[1]);
}
inline Py_UCS4 read32(const unsigned char* p, int bo) {
  return bo < 0 ? (static_cast<Py_UCS4>(p[0]) | (static_cast<Py_UCS4>(p[1]) << 8) |
                   (static_cast<Py_UCS4>(p[2]) << 16) | (static_cast<Py_UCS4>(p[3]) << 24))
                : ((static_cast<Py_UCS4>(p[0]) << 24) | (static_cast<Py_UCS4>(p[1]) << 16) |
                   (static_cast<Py_UCS4>(p[2]) << 8) | static_cast<Py_UCS4>(p[3]));
}

}  // namespace

extern "C" PyObject* PyUnicode_DecodeUTF16Stateful(const char* s, Py_ssize_t size, const char* errors,
                                                   int* byteorder, Py_ssize_t* consumed) {
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  int bo = byteorder ? *byteorder : 0;
  Py_ssize_t pos = 0;
  if (bo == 0 && size >= 2) {
    if (p[0] == 0xFF && p[1] == 0xFE) {
      bo = -1;
      pos = 2;
    } else if (p[0] == 0xFE && p[1] == 0xFF) {
      bo = 1;
      pos = 2;
    }
  }
  if (byteorder) *byteorder = bo;
  int eff = bo == 0 ? -1 : bo;  // no BOM: native order (little-endian)
  _PyUnicodeWriter w;
  _PyUnicodeWriter_Init(&w);
  w.min_length = (size - pos) / 2;
  w.overallocate = 1;
  DecodeErrorState es(eff < 0 ? "utf-16-le" : "utf-16-be", errors, DecodeErrorState::Codec::Utf16, eff);
  while (pos < size) {
    Py_ssize_t rem = size - pos;
    const char* reason;
    Py_ssize_t end;
    if (rem < 2) {
      if (consumed) break;
      reason = "truncated data";
      end = size;
    } else {
      Py_UCS4 u = read16(p + pos, eff);
      if (u < 0xD800 || u > 0xDFFF) {
        if (_PyUnicodeWriter_WriteChar(&w, u) < 0) goto fail;
        pos += 2;
        continue;
      }
      if (u >= 0xDC00) {
        reason = "illegal encoding";
        end = pos + 2;
      } else if (rem < 4) {
        if (consumed) break;
        reason = "unexpected end of data";
        end = size;
      } else {
        Py_UCS4 u2 = read16(p + pos + 2, eff);
        if (u2 >= 0xDC00 && u2 <= 0xDFFF) {
          if (_PyUnicodeWriter_WriteChar(&w, Py_UNICODE_JOIN_SURROGATES(u, u2)) < 0) goto fail;
          pos += 4;
          continue;
        }
        reason = "illegal UTF-16 surrogate";
        end = pos + 2;
      }
    }
    pos = es.handle(&w, s, size, pos, end, reason);
    p = reinterpret_cast<const unsigned char*>(s);  // the handler may replace the input
    if (pos < 0) goto fail;
  }
  if (consumed) *consumed = pos;
  w.overallocate = 0;
  return _PyUnicodeWriter_Finish(&w);
fail:
  _PyUnicodeWriter_Dealloc(&w);
  return nullptr;
}

extern "C" PyObject* PyUnicode_DecodeUTF16(const char* s, Py_ssize_t size, const char* errors, int* byteorder) {
  return PyUnicode_DecodeUTF16Stateful(s, size, errors, byteorder, nullptr);
}

extern "C" PyObject* PyUnicode_DecodeUTF32Stateful(const char* s, Py_ssize_t size, const char* errors,
                                                   int* byteorder, Py_ssize_t* consumed) {
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  int bo = byteorder ? *byteorder : 0;
  Py_ssize_t pos = 0;
  if (bo == 0 && size >= 4) {
    if (p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0) {
      bo = -1;
      pos = 4;
    } else if (p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF) {
      bo = 1;
      pos = 4;
    }
  }
  if (byteorder) *byteorder = bo;
  int eff = bo == 0 ? -1 : bo;
  _PyUnicodeWriter w;
  _PyUnicodeWriter_Init(&w);
  w.min_length = (size - pos) / 4;
  w.overallocate = 1;
  DecodeErrorState es(eff < 0 ? "utf-32-le" : "utf-32-be", errors, DecodeErrorState::Codec::Utf32, eff);
  while (pos < size) {
    const char* reason;
    Py_ssize_t end;
    if (size - pos < 4) {
      if (consumed) break;
      reason = "truncated data";
      end = size;
    } else {
      Py_UCS4 c = read32(p + pos, eff);
      if (c > 0x10FFFF) {
        reason = "code point not in range(0x110000)";
      } else if (c >= 0xD800 && c <= 0xDFFF) {
        reason = "code point in surrogate code point range(0xd800, 0xe000)";
      } else {
        if (_PyUnicodeWriter_WriteChar(&w, c) < 0) goto fail;
        pos += 4;
        continue;
      }
      end = pos + 4;
    }
    pos = es.handle(&w, s, size, pos, end, reason);
    p = reinterpret_cast<const unsigned char*>(s);  // the handler may replace the input
    if (pos < 0) goto fail;
  }
  if (consumed) *consumed = pos;
  w.overallocate = 0;
  return _PyUnicodeWriter_Finish(&w);
fail:
  _PyUnicodeWriter_Dealloc(&w);
  return nullptr;
}

extern "C" PyObject* PyUnicode_DecodeUTF32(const char* s, Py_ssize_t size, const char* errors, int* byteorder) {
  return PyUnicode_DecodeUTF32Stateful(s, size, errors, byteorder, nullptr);
}

// -- UTF-16 / UTF-32 encoding ------------------------------------------------------------

namespace {

struct UnitWriter {
  ByteBuf& out;
  int bo;     // -1 little, 1 big
  int width;  // 2 or 4
  bool put(Py_UCS4 v) {
    if (!out.reserve(width)) return false;
    for (int i = 0; i < width; ++i) {
      int shift = bo < 0 ? 8 * i : 8 * (width - 1 - i);
      out.put_unchecked(static_cast<char>((v >> shift) & 0xff));
    }
    return true;
  }
  bool put_char(Py_UCS4 c) {
    if (width == 4 || c < 0x10000) return put(c);
    return put(Py_UNICODE_HIGH_SURROGATE(c)) && put(Py_UNICODE_LOW_SURROGATE(c));
  }
};

PyObject* encode_utf_wide(PyObject* str, const char* errors, int byteorder, int width) {
  const char* encoding;
  if (width == 2)
    encoding = byteorder == 0 ? "utf-16" : (byteorder < 0 ? "utf-16-le" : "utf-16-be");
  else
    encoding = byteorder == 0 ? "utf-32" : (byteorder < 0 ? "utf-32-le" : "utf-32-be");
  Py_ssize_t n = ulen(str);
  int kind = ukind(str);
  const void* d = udata(str);
  ByteBuf out;
  if (!out.reserve((n + 1) * width)) return nullptr;
  UnitWriter uw{out, byteorder == 0 ? -1 : byteorder, width};
  if (byteorder == 0 && !uw.put(0xFEFF)) return nullptr;
  EncodeErrorState es(encoding, errors);
  for (Py_ssize_t i = 0; i < n;) {
    Py_UCS4 c = PyUnicode_READ(kind, d, i);
    if (c < 0xD800 || c > 0xDFFF) {
      if (!uw.put_char(c)) return nullptr;
      ++i;
      continue;
    }
    Py_ssize_t end = i + 1;
    while (end < n) {
      Py_UCS4 c2 = PyUnicode_READ(kind, d, end);
      if (c2 < 0xD800 || c2 > 0xDFFF) break;
      ++end;
    }
    if (es.kind() == ErrorHandler::SurrogatePass) {
      for (; i < end; ++i)
        if (!uw.put(PyUnicode_READ(kind, d, i))) return nullptr;
      continue;
    }
    Ref<> rep;
    Py_ssize_t np = es.replacement(str, i, end, "surrogates not allowed", &rep);
    if (np < 0) return nullptr;
    if (PyBytes_Check(rep.get())) {
      if (PyBytes_GET_SIZE(rep.get()) % width != 0) {
        es.raise(str, i, end, "surrogates not allowed");
        return nullptr;
      }
      if (!out.put(PyBytes_AS_STRING(rep.get()), PyBytes_GET_SIZE(rep.get()))) return nullptr;
    } else {
      PyObject* r = rep.get();
      for (Py_ssize_t k = 0; k < ulen(r); ++k) {
        Py_UCS4 rc = PyUnicode_READ_CHAR(r, k);
        if (rc >= 128) {
          es.raise(str, i, end, "surrogates not allowed");
          return nullptr;
        }
        if (!uw.put(rc)) return nullptr;
      }
    }
    i = np;
  }
  return out.to_bytes();
}

}  // namespace

PyObject* krait::encode_utf16(PyObject* str, const char* errors, int byteorder) {
  return encode_utf_wide(str, errors, byteorder, 2);
}
PyObject* krait::encode_utf32(PyObject* str, const char* errors, int byteorder) {
  return encode_utf_wide(str, errors, byteorder, 4);
}

extern "C" PyObject* _PyUnicode_EncodeUTF16(PyObject* unicode, const char* errors, int byteorder) {
  if (!PyUnicode_Check(unicode)) {
    PyErr_BadArgument();
    return nullptr;
  }
  return encode_utf16(unicode, errors, byteorder);
}
extern "C" PyObject* PyUnicode_AsUTF16String(PyObject* unicode) {
  return _PyUnicode_EncodeUTF16(unicode, nullptr, 0);
}
extern "C" PyObject* _PyUnicode_EncodeUTF32(PyObject* unicode, const char* errors, int byteorder) {
  if (!PyUnicode_Check(unicode)) {
    PyErr_BadArgument();
    return nullptr;
  }
  return encode_utf32(unicode, errors, byteorder);
}
extern "C" PyObject* PyUnicode_AsUTF32String(PyObject* unicode) {
  return _PyUnicode_EncodeUTF32(unicode, nullptr, 0);
}

// -- unicode_escape ----------------------------------------------------------------------

namespace {

inline int hexval(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Shared by the public decoder (which warns on the first invalid escape) and
// the compiler's string-literal path (which reports it itself).
PyObject* decode_unicode_escape(const char* s, Py_ssize_t size, const char* errors, Py_ssize_t* consumed,
                                int* first_invalid_char, const char** first_invalid_ptr) {
  if (first_invalid_char) *first_invalid_char = -1;
  if (first_invalid_ptr) *first_invalid_ptr = nullptr;
  if (size == 0) {
    if (consumed) *consumed = 0;
    return unicode_empty();
  }
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  _PyUnicodeWriter w;
  _PyUnicodeWriter_Init(&w);
  w.min_length = size;
  w.overallocate = 1;
  DecodeErrorState es("unicodeescape", errors, DecodeErrorState::Codec::Other);
  Py_ssize_t pos = 0;
  while (pos < size) {
    unsigned char c = p[pos];
    if (c != '\\') {
      if (_PyUnicodeWriter_WriteChar(&w, c) < 0) goto fail;
      ++pos;
      continue;
    }
    Py_ssize_t start = pos;
    const char* reason;
    Py_ssize_t end;
    if (pos + 1 >= size) {
      if (consumed) break;
      reason = "\\ at end of string";
      end = size;
      goto error;
    }
    c = p[pos + 1];
    pos += 2;
    {
      Py_UCS4 ch;
      switch (c) {
        case '\n': continue;
        case '\\': ch = '\\'; break;
        case '\'': ch = '\''; break;
        case '"': ch = '"'; break;
        case 'b': ch = '\b'; break;
        case 'f': ch = '\014'; break;
        case 't': ch = '\t'; break;
        case 'n': ch = '\n'; break;
        case 'r': ch = '\r'; break;
        case 'v': ch = '\013'; break;
        case 'a': ch = '\007'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
          ch = c - '0';
          for (int k = 0; k < 2 && pos < size && p[pos] >= '0' && p[pos] <= '7'; ++k) ch = (ch << 3) + (p[pos++] - '0');
          // Above 0o377 is deprecated (3.11): reported like an invalid escape, with the value
          // (> 0xff tells the caller it is an octal one) and where its digits start.
          if (ch > 0377) {
            if (first_invalid_char && *first_invalid_char == -1) *first_invalid_char = static_cast<int>(ch);
            if (first_invalid_ptr && *first_invalid_ptr == nullptr) *first_invalid_ptr = s + pos - 3;
          }
          break;
        }
        case 'x': case 'u': case 'U': {
          int count = c == 'x' ? 2 : (c == 'u' ? 4 : 8);
          reason = c == 'x' ? "truncated \\xXX escape"
                            : (c == 'u' ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape");
          ch = 0;
          int k = 0;
          for (; k < count && pos < size; ++k) {
            int v = hexval(p[pos]);
            if (v < 0) break;
            ch = (ch << 4) | v;
            ++pos;
          }
          if (k < count) {
            if (consumed && pos >= size) {
              pos = start;
              goto done;
            }
            end = pos;
            goto error;
          }
          if (ch > 0x10FFFF) {
            reason = "illegal Unicode character";
            end = pos;
            goto error;
          }
          break;
        }
        case 'N': {
          reason = "malformed \\N character escape";
          if (pos < size && p[pos] == '{') {
            Py_ssize_t close = pos + 1;
            while (close < size && p[close] != '}') ++close;
            if (close < size && close > pos + 1) {
              std::string_view name(s + pos + 1, close - pos - 1);
              char32_t cp;
              if (name.size() <= unicode::kMaxNameLength && unicode::lookup_name(name, &cp)) {
                ch = cp;
                pos = close + 1;
                break;
              }
              reason = "unknown Unicode character name";
              end = close + 1;
              goto error;
            }
            if (consumed && close >= size) {
              pos = start;
              goto done;
            }
            end = close < size ? close + 1 : size;
            // "\N{}" and an unclosed brace are both malformed.
            if (close >= size) end = size;
            goto error;
          }
          if (consumed && pos >= size) {
            pos = start;
            goto done;
          }
          end = pos;
          goto error;
        }
        default:
          if (first_invalid_char && *first_invalid_char == -1) *first_invalid_char = c;
          if (first_invalid_ptr && *first_invalid_ptr == nullptr) *first_invalid_ptr = s + pos - 1;
          if (_PyUnicodeWriter_WriteChar(&w, '\\') < 0 || _PyUnicodeWriter_WriteChar(&w, c) < 0) goto fail;
          continue;
      }
      if (_PyUnicodeWriter_WriteChar(&w, ch) < 0) goto fail;
      continue;
    }
  error:
    pos = es.handle(&w, s, size, start, end, reason);
    p = reinterpret_cast<const unsigned char*>(s);  // the handler may replace the input
    if (pos < 0) goto fail;
  }
done:
  if (consumed) *consumed = pos;
  w.overallocate = 0;
  return _PyUnicodeWriter_Finish(&w);
fail:
  _PyUnicodeWriter_Dealloc(&w);
  return nullptr;
}

}  // namespace

extern "C" PyObject* _PyUnicode_DecodeUnicodeEscapeInternal2(const char* s, Py_ssize_t size, const char* errors,
                                                             Py_ssize_t* consumed, int* first_invalid_escape_char,
                                                             const char** first_invalid_escape_ptr) {
  return decode_unicode_escape(s, size, errors, consumed, first_invalid_escape_char, first_invalid_escape_ptr);
}

extern "C" PyObject* _PyUnicode_DecodeUnicodeEscapeInternal(const char* s, Py_ssize_t size, const char* errors,
                                                            Py_ssize_t* consumed, const char** first_invalid_escape) {
  return decode_unicode_escape(s, size, errors, consumed, nullptr, first_invalid_escape);
}

extern "C" PyObject* _PyUnicode_DecodeUnicodeEscapeStateful(const char* s, Py_ssize_t size, const char* errors,
                                                            Py_ssize_t* consumed) {
  int first = -1;
  const char* where = nullptr;
  PyObject* r = decode_unicode_escape(s, size, errors, consumed, &first, &where);
  if (r != nullptr && first != -1) {
    int rc = first > 0xff ? PyErr_WarnFormat(PyExc_DeprecationWarning, 1,
                                             "invalid octal escape sequence '\\%.3s'", where)
                          : PyErr_WarnFormat(PyExc_DeprecationWarning, 1, "invalid escape sequence '\\%c'", first);
    if (rc < 0) {
      Py_DECREF(r);
      return nullptr;
    }
  }
  return r;
}

extern "C" PyObject* PyUnicode_DecodeUnicodeEscape(const char* s, Py_ssize_t size, const char* errors) {
  return _PyUnicode_DecodeUnicodeEscapeStateful(s, size, errors, nullptr);
}

PyObject* krait::encode_unicode_escape(PyObject* str) {
  Py_ssize_t n = ulen(str);
  int kind = ukind(str);
  const void* d = udata(str);
  ByteBuf out;
  if (!out.reserve(n + 16)) return nullptr;
  for (Py_ssize_t i = 0; i < n; ++i) {
    Py_UCS4 c = PyUnicode_READ(kind, d, i);
    char buf[16];
    int len;
    if (c == '\\') {
      len = 2, buf[0] = '\\', buf[1] = '\\';
    } else if (c == '\t') {
      len = 2, buf[0] = '\\', buf[1] = 't';
    } else if (c == '\n') {
      len = 2, buf[0] = '\\', buf[1] = 'n';
    } else if (c == '\r') {
      len = 2, buf[0] = '\\', buf[1] = 'r';
    } else if (c >= ' ' && c < 0x7f) {
      len = 1, buf[0] = static_cast<char>(c);
    } else {
      len = format_backslash_escape(c, buf);
    }
    if (!out.put(buf, len)) return nullptr;
  }
  return out.to_bytes();
}

extern "C" PyObject* PyUnicode_AsUnicodeEscapeString(PyObject* unicode) {
  if (!PyUnicode_Check(unicode)) {
    PyErr_BadArgument();
    return nullptr;
  }
  return encode_unicode_escape(unicode);
}

// -- raw_unicode_escape ------------------------------------------------------------------

extern "C" PyObject* _PyUnicode_DecodeRawUnicodeEscapeStateful(const char* s, Py_ssize_t size, const char* errors,
                                                               Py_ssize_t* consumed) {
  if (size == 0) {
    if (consumed) *consumed = 0;
    return unicode_empty();
  }
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  _PyUnicodeWriter w;
  _PyUnicodeWriter_Init(&w);
  w.min_length = size;
  w.overallocate = 1;
  DecodeErrorState es("rawunicodeescape", errors, DecodeErrorState::Codec::Other);
  Py_ssize_t pos = 0;
  while (pos < size) {
    unsigned char c = p[pos];
    if (c != '\\' || pos + 1 >= size || (p[pos + 1] != 'u' && p[pos + 1] != 'U')) {
      if (c == '\\' && pos + 1 >= size && consumed) break;
      if (_PyUnicodeWriter_WriteChar(&w, c) < 0) goto fail;
      ++pos;
      if (c == '\\' && pos < size) {
        // An escaped character other than u/U: both bytes are literal.
        if (_PyUnicodeWriter_WriteChar(&w, p[pos]) < 0) goto fail;
        ++pos;
      }
      continue;
    }
    {
      Py_ssize_t start = pos;
      int count = p[pos + 1] == 'u' ? 4 : 8;
      const char* reason = count == 4 ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
      pos += 2;
      Py_UCS4 ch = 0;
      int k = 0;
      for (; k < count && pos < size; ++k) {
        int v = hexval(p[pos]);
        if (v < 0) break;
        ch = (ch << 4) | v;
        ++pos;
      }
      if (k < count) {
        if (consumed && pos >= size) {
          pos = start;
          break;
        }
      } else if (ch > 0x10FFFF) {
        reason = "\\Uxxxxxxxx out of range";
      } else {
        if (_PyUnicodeWriter_WriteChar(&w, ch) < 0) goto fail;
        continue;
      }
      pos = es.handle(&w, s, size, start, pos, reason);
      p = reinterpret_cast<const unsigned char*>(s);  // the handler may replace the input
      if (pos < 0) goto fail;
    }
  }
  if (consumed) *consumed = pos;
  w.overallocate = 0;
  return _PyUnicodeWriter_Finish(&w);
fail:
  _PyUnicodeWriter_Dealloc(&w);
  return nullptr;
}

extern "C" PyObject* PyUnicode_DecodeRawUnicodeEscape(const char* s, Py_ssize_t size, const char* errors) {
  return _PyUnicode_DecodeRawUnicodeEscapeStateful(s, size, errors, nullptr);
}

PyObject* krait::encode_raw_unicode_escape(PyObject* str) {
  Py_ssize_t n = ulen(str);
  int kind = ukind(str);
  const void* d = udata(str);
  if (kind == PyUnicode_1BYTE_KIND) return PyBytes_FromStringAndSize(static_cast<const char*>(d), n);
  ByteBuf out;
  if (!out.reserve(n)) return nullptr;
  for (Py_ssize_t i = 0; i < n; ++i) {
    Py_UCS4 c = PyUnicode_READ(kind, d, i);
    if (c < 0x100) {
      if (!out.put(static_cast<char>(c))) return nullptr;
      continue;
    }
    char buf[16];
    int len = format_backslash_escape(c, buf);
    if (!out.put(buf, len)) return nullptr;
  }
  return out.to_bytes();
}

extern "C" PyObject* PyUnicode_AsRawUnicodeEscapeString(PyObject* unicode) {
  if (!PyUnicode_Check(unicode)) {
    PyErr_BadArgument();
    return nullptr;
  }
  return encode_raw_unicode_escape(unicode);
}
