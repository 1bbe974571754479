// unicode_codecs.cpp — UTF-8, Latin-1 and ASCII codecs, error handling, and the
// generic encode/decode entry points (PyUnicode_Decode, PyUnicode_AsEncodedString,
// PyUnicode_FromEncodedObject, PyUnicode_AsUTF8AndSize, ...).
//
// Decoders build into a _PyUnicodeWriter; the UTF-8 decoder first tries a
// validating pass that sizes the result exactly (the common, error-free case
// allocates once). Error ranges and reasons are CPython 3.11's, so the
// UnicodeDecodeError/UnicodeEncodeError messages match.
#include "objects/unicode_codecs.h"

#include <cctype>
#include <cstdio>

#include "objects/unicode_codecs_internal.h"
#include "objects/unicode_object.h"
#include "support/unicode_db.h"

using namespace krait;

// -- Error handler names ---------------------------------------------------------------

ErrorHandler krait::error_handler_from_name(const char* errors) {
  if (errors == nullptr || std::strcmp(errors, "strict") == 0) return ErrorHandler::Strict;
  if (std::strcmp(errors, "surrogateescape") == 0) return ErrorHandler::SurrogateEscape;
  if (std::strcmp(errors, "replace") == 0) return ErrorHandler::Replace;
  if (std::strcmp(errors, "ignore") == 0) return ErrorHandler::Ignore;
  if (std::strcmp(errors, "backslashreplace") == 0) return ErrorHandler::BackslashReplace;
  if (std::strcmp(errors, "surrogatepass") == 0) return ErrorHandler::SurrogatePass;
  if (std::strcmp(errors, "xmlcharrefreplace") == 0) return ErrorHandler::XmlCharRefReplace;
  if (std::strcmp(errors, "namereplace") == 0) return ErrorHandler::NameReplace;
  return ErrorHandler::Other;
}

// CPython's private _Py_GetErrorHandler (_testinternalcapi imports it): the
// same names as internal/pycore_fileutils.h's _Py_error_handler numbering
// (namereplace has no entry there and counts as "other", as in CPython).
extern "C" PyAPI_FUNC(int) _Py_GetErrorHandler(const char* errors) {
  switch (error_handler_from_name(errors)) {
    case ErrorHandler::Strict: return 1;
    case ErrorHandler::SurrogateEscape: return 2;
    case ErrorHandler::Replace: return 3;
    case ErrorHandler::Ignore: return 4;
    case ErrorHandler::BackslashReplace: return 5;
    case ErrorHandler::SurrogatePass: return 6;
    case ErrorHandler::XmlCharRefReplace: return 7;
    case ErrorHandler::NameReplace:
    case ErrorHandler::Other: return 8;
  }
  return 8;
}

int krait::format_backslash_escape(Py_UCS4 c, char* buf) {
  if (c < 0x100) return std::snprintf(buf, 12, "\\x%02x", static_cast<unsigned>(c));
  if (c < 0x10000) return std::snprintf(buf, 12, "\\u%04x", static_cast<unsigned>(c));
  return std::snprintf(buf, 12, "\\U%08x", static_cast<unsigned>(c));
}

BuiltinCodec krait::builtin_codec(const char* encoding) {
  if (encoding == nullptr) return BuiltinCodec::Utf8;
  char norm[32];
  size_t n = 0;
  for (const char* p = encoding; *p; ++p) {
    if (n + 1 >= sizeof(norm)) return BuiltinCodec::None;
    char c = *p;
    if (c == '-' || c == ' ') c = '_';
    norm[n++] = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  norm[n] = 0;
  auto is = [&](const char* s) { return std::strcmp(norm, s) == 0; };
  if (is("utf_8") || is("utf8") || is("u8") || is("utf")) return BuiltinCodec::Utf8;
  if (is("latin_1") || is("latin1") || is("iso_8859_1") || is("iso8859_1") || is("l1") ||
      is("latin") || is("8859") || is("cp819") || is("iso_ir_100"))
    return BuiltinCodec::Latin1;
  if (is("ascii") || is("us_ascii") || is("646")) return BuiltinCodec::Ascii;
  if (is("utf_16") || is("utf16")) return BuiltinCodec::Utf16;
  if (is("utf_32") || is("utf32")) return BuiltinCodec::Utf32;
  return BuiltinCodec::None;
}

// -- Decode errors ----------------------------------------------------------------------

PyObject* DecodeErrorState::lookup() {
  if (handler_ == nullptr) handler_ = PyCodec_LookupError(errors_);
  return handler_;
}

DecodeErrorState::~DecodeErrorState() {
  Py_XDECREF(handler_);
  Py_XDECREF(replaced_input_);
}

static void raise_exc_object(PyObject* exc) {
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc)), exc);
}

Py_ssize_t DecodeErrorState::handle(_PyUnicodeWriter* w, const char*& input, Py_ssize_t& insize,
                                    Py_ssize_t start, Py_ssize_t end, const char* reason) {
  auto strict = [&]() -> Py_ssize_t {
    PyObject* exc = PyUnicodeDecodeError_Create(encoding_, input, insize, start, end, reason);
    if (exc != nullptr) {
      raise_exc_object(exc);
      Py_DECREF(exc);
    }
    return -1;
  };
  switch (kind_) {
    case ErrorHandler::Strict:
      return strict();
    case ErrorHandler::Ignore:
      return end;
    case ErrorHandler::Replace:
      if (_PyUnicodeWriter_WriteChar(w, 0xFFFD) < 0) return -1;
      return end;
    case ErrorHandler::BackslashReplace: {
      for (Py_ssize_t i = start; i < end; ++i) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(input[i]));
        if (_PyUnicodeWriter_WriteASCIIString(w, buf, 4) < 0) return -1;
      }
      return end;
    }
    case ErrorHandler::SurrogateEscape: {
      Py_ssize_t k = 0;
      while (k < 4 && start + k < end) {
        unsigned char b = static_cast<unsigned char>(input[start + k]);
        if (b < 128) break;
        if (_PyUnicodeWriter_WriteChar(w, 0xDC00 + b) < 0) return -1;
        ++k;
      }
      if (k == 0) return strict();
      return start + k;
    }
    case ErrorHandler::SurrogatePass: {
      Py_ssize_t used = 0;
      Py_UCS4 ch = surrogatepass_decode(input + start, insize - start, &used);
      if (used == 0) return strict();
      if (_PyUnicodeWriter_WriteChar(w, ch) < 0) return -1;
      return start + used;
    }
    case ErrorHandler::XmlCharRefReplace:
    case ErrorHandler::NameReplace:
    case ErrorHandler::Other:
      break;
  }
  PyObject* handler = lookup();
  if (handler == nullptr) return -1;
  Ref<> exc = steal(PyUnicodeDecodeError_Create(encoding_, input, insize, start, end, reason));
  if (!exc) return -1;
  Ref<> res = steal(PyObject_CallOneArg(handler, exc.get()));
  if (!res) return -1;
  if (!PyTuple_Check(res.get()) || PyTuple_GET_SIZE(res.get()) != 2 ||
      !PyUnicode_Check(PyTuple_GET_ITEM(res.get(), 0)) || !PyLong_Check(PyTuple_GET_ITEM(res.get(), 1))) {
    PyErr_SetString(PyExc_TypeError, "decoding error handler must return (str, int) tuple");
    return -1;
  }
  Py_ssize_t newpos = PyLong_AsSsize_t(PyTuple_GET_ITEM(res.get(), 1));
  if (newpos == -1 && PyErr_Occurred()) return -1;
  // The handler may have replaced exc.object: go on in that input (CPython does the same).
  PyObject* obj = PyUnicodeDecodeError_GetObject(exc.get());
  if (obj == nullptr) return -1;
  if (PyBytes_GET_SIZE(obj) != insize || std::memcmp(PyBytes_AS_STRING(obj), input, insize) != 0) {
    Py_XSETREF(replaced_input_, obj);
    input = PyBytes_AS_STRING(obj);
    insize = PyBytes_GET_SIZE(obj);
  } else {
    Py_DECREF(obj);
  }
  if (newpos < 0) newpos += insize;
  if (newpos < 0 || newpos > insize) {
    PyErr_Format(PyExc_IndexError, "position %zd from error handler out of bounds", newpos);
    return -1;
  }
  if (_PyUnicodeWriter_WriteStr(w, PyTuple_GET_ITEM(res.get(), 0)) < 0) return -1;
  return newpos;
}

// -- Encode errors ----------------------------------------------------------------------

EncodeErrorState::~EncodeErrorState() { Py_XDECREF(handler_); }

static PyObject* make_encode_exc(const char* encoding, PyObject* str, Py_ssize_t start,
                                 Py_ssize_t end, const char* reason) {
  return PyObject_CallFunction(PyExc_UnicodeEncodeError, "sOnns", encoding, str, start, end, reason);
}

int EncodeErrorState::raise(PyObject* str, Py_ssize_t start, Py_ssize_t end, const char* reason) {
  PyObject* exc = make_encode_exc(encoding_, str, start, end, reason);
  if (exc != nullptr) {
    raise_exc_object(exc);
    Py_DECREF(exc);
  }
  return -1;
}

Py_ssize_t EncodeErrorState::replacement(PyObject* str, Py_ssize_t start, Py_ssize_t end,
                                         const char* reason, Ref<>* rep) {
  int kind = ukind(str);
  const void* data = udata(str);
  switch (kind_) {
    case ErrorHandler::Strict:
    case ErrorHandler::SurrogatePass:  // the codec handles it when it applies
      return raise(str, start, end, reason);
    case ErrorHandler::Ignore:
      *rep = steal(unicode_empty());
      return end;
    case ErrorHandler::Replace: {
      PyObject* r = PyUnicode_New(end - start, 127);
      if (r == nullptr) return -1;
      std::memset(udata(r), '?', end - start);
      *rep = steal(r);
      return end;
    }
    case ErrorHandler::BackslashReplace: {
      ByteBuf b;
      for (Py_ssize_t i = start; i < end; ++i) {
        char buf[16];
        int n = format_backslash_escape(PyUnicode_READ(kind, data, i), buf);
        if (!b.put(buf, n)) return -1;
      }
      *rep = steal(unicode_from_ascii(b.data() ? b.data() : "", b.size()));
      if (b.size() == 0) *rep = steal(unicode_empty());
      return *rep ? end : -1;
    }
    case ErrorHandler::XmlCharRefReplace: {
      ByteBuf b;
      for (Py_ssize_t i = start; i < end; ++i) {
        char buf[16];
        int n = std::snprintf(buf, sizeof buf, "&#%u;", static_cast<unsigned>(PyUnicode_READ(kind, data, i)));
        if (!b.put(buf, n)) return -1;
      }
      *rep = steal(b.size() ? unicode_from_ascii(b.data(), b.size()) : unicode_empty());
      return *rep ? end : -1;
    }
    case ErrorHandler::NameReplace: {
      ByteBuf b;
      for (Py_ssize_t i = start; i < end; ++i) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        std::string name;
        if (unicode::name(c, &name)) {
          if (!b.put("\\N{", 3) || !b.put(name.data(), static_cast<Py_ssize_t>(name.size())) || !b.put('}'))
            return -1;
        } else {
          char buf[16];
          int n = format_backslash_escape(c, buf);
          if (!b.put(buf, n)) return -1;
        }
      }
      *rep = steal(b.size() ? unicode_from_ascii(b.data(), b.size()) : unicode_empty());
      return *rep ? end : -1;
    }
    case ErrorHandler::SurrogateEscape: {
      ByteBuf b;
      Py_ssize_t i = start;
      for (; i < end; ++i) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c < 0xDC80 || c > 0xDCFF) break;
        if (!b.put(static_cast<char>(c - 0xDC00))) return -1;
      }
      if (i == start) return raise(str, start, end, reason);
      *rep = steal(b.to_bytes());
      return *rep ? i : -1;
    }
    case ErrorHandler::Other:
      break;
  }
  if (handler_ == nullptr) {
    handler_ = PyCodec_LookupError(errors_);
    if (handler_ == nullptr) return -1;
  }
  Ref<> exc = steal(make_encode_exc(encoding_, str, start, end, reason));
  if (!exc) return -1;
  Ref<> res = steal(PyObject_CallOneArg(handler_, exc.get()));
  if (!res) return -1;
  if (!PyTuple_Check(res.get()) || PyTuple_GET_SIZE(res.get()) != 2 ||
      !(PyUnicode_Check(PyTuple_GET_ITEM(res.get(), 0)) || PyBytes_Check(PyTuple_GET_ITEM(res.get(), 0))) ||
      !PyLong_Check(PyTuple_GET_ITEM(res.get(), 1))) {
    PyErr_SetString(PyExc_TypeError, "encoding error handler must return (str/bytes, int) tuple");
    return -1;
  }
  Py_ssize_t len = ulen(str);
  Py_ssize_t newpos = PyLong_AsSsize_t(PyTuple_GET_ITEM(res.get(), 1));
  if (newpos == -1 && PyErr_Occurred()) return -1;
  if (newpos < 0) newpos += len;
  if (newpos < 0 || newpos > len) {
    PyErr_Format(PyExc_IndexError, "position %zd from error handler out of bounds", newpos);
    return -1;
  }
  *rep = borrow(PyTuple_GET_ITEM(res.get(), 0));
  return newpos;
}

// Appends a replacement whose str form must consist of characters < limit
// (written one byte each), raising the original error otherwise.
static int put_rep_ucs1(EncodeErrorState& es, ByteBuf& out, PyObject* rep, Py_UCS4 limit, PyObject* str,
                        Py_ssize_t start, Py_ssize_t end, const char* reason) {
  if (PyBytes_Check(rep)) return out.put(PyBytes_AS_STRING(rep), PyBytes_GET_SIZE(rep)) ? 0 : -1;
  Py_ssize_t n = ulen(rep);
  int k = ukind(rep);
  const void* d = udata(rep);
  if (!out.reserve(n)) return -1;
  for (Py_ssize_t i = 0; i < n; ++i) {
    Py_UCS4 c = PyUnicode_READ(k, d, i);
    if (c >= limit) return es.raise(str, start, end, reason);
    out.put_unchecked(static_cast<char>(c));
  }
  return 0;
}

// -- UTF-8 ---------------------------------------------------------------------------------

Py_UCS4 krait::surrogatepass_decode_utf8(const char* p, Py_ssize_t n, Py_ssize_t* used) {
  *used = 0;
  if (n < 3) return 0;
  auto b0 = static_cast<unsigned char>(p[0]), b1 = static_cast<unsigned char>(p[1]),
       b2 = static_cast<unsigned char>(p[2]);
  if (b0 != 0xED || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return 0;
  Py_UCS4 ch = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
  if (ch < 0xD800 || ch > 0xDFFF) return 0;
  *used = 3;
  return ch;
}

namespace {

// Classifies the sequence at p[0..n): returns its length (1..4) and code
// point when valid; otherwise 0 with *err_end = bytes in the error range and
// *reason set ("unexpected end of data" means a valid but truncated prefix).
inline int utf8_sequence(const unsigned char* p, Py_ssize_t n, Py_UCS4* out, Py_ssize_t* err_end,
                         const char** reason) {
  unsigned char b = p[0];
  if (b < 0x80) {
    *out = b;
    return 1;
  }
  int need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b < 0xC2) {
    *err_end = 1;
    *reason = "invalid start byte";
    return 0;
  } else if (b < 0xE0) {
    need = 1;
  } else if (b < 0xF0) {
    need = 2;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b < 0xF5) {
    need = 3;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    *err_end = 1;
    *reason = "invalid start byte";
    return 0;
  }
  for (int k = 1; k <= need; ++k) {
    if (k >= n) {
      *err_end = n;
      *reason = "unexpected end of data";
      return 0;
    }
    unsigned char c = p[k];
    unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
    if (c < l || c > h) {
      *err_end = k;
      *reason = "invalid continuation byte";
      return 0;
    }
  }
  switch (need) {
    case 1: *out = ((b & 0x1F) << 6) | (p[1] & 0x3F); break;
    case 2: *out = ((b & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F); break;
    default:
      *out = ((b & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
  }
  return need + 1;
}

template <class T>
void utf8_decode_valid(const unsigned char* p, const unsigned char* e, T* out) {
  while (p < e) {
    unsigned char b = *p;
    if (b < 0x80) {
      *out++ = b;
      ++p;
    } else if (b < 0xE0) {
      *out++ = static_cast<T>(((b & 0x1F) << 6) | (p[1] & 0x3F));
      p += 2;
    } else if (b < 0xF0) {
      *out++ = static_cast<T>(((b & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
      p += 3;
    } else {
      *out++ = static_cast<T>(((b & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) |
                              (p[3] & 0x3F));
      p += 4;
    }
  }
}

PyObject* decode_utf8_slow(const char* s, Py_ssize_t size, const char* errors, Py_ssize_t* consumed,
                           Py_ssize_t pos) {
  _PyUnicodeWriter w;
  _PyUnicodeWriter_Init(&w);
  w.min_length = size;
  if (pos > 0 && _PyUnicodeWriter_WriteASCIIString(&w, s, pos) < 0) return nullptr;
  w.overallocate = 1;
  DecodeErrorState es("utf-8", errors, DecodeErrorState::Codec::Utf8);
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  while (pos < size) {
    Py_UCS4 ch;
    Py_ssize_t err_end;
    const char* reason;
    int n = utf8_sequence(p + pos, size - pos, &ch, &err_end, &reason);
    if (n > 0) {
      if (_PyUnicodeWriter_WriteChar(&w, ch) < 0) goto fail;
      pos += n;
      continue;
    }
    if (consumed != nullptr && reason[0] == 'u') break;  // truncated: wait for more data
    {
      Py_ssize_t np = es.handle(&w, s, size, pos, pos + err_end, reason);
      p = reinterpret_cast<const unsigned char*>(s);  // the handler may replace the input
      if (np < 0) goto fail;
      pos = np;
    }
  }
  if (consumed != nullptr) *consumed = pos;
  w.overallocate = 0;
  return _PyUnicodeWriter_Finish(&w);
fail:
  _PyUnicodeWriter_Dealloc(&w);
  return nullptr;
}

}  // namespace

extern "C" PyObject* PyUnicode_DecodeUTF8Stateful(const char* s, Py_ssize_t size, const char* errors,
                                                  Py_ssize_t* consumed) {
  if (size == 0) {
    if (consumed) *consumed = 0;
    return unicode_empty();
  }
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  if (size == 1 && p[0] < 128) {
    if (consumed) *consumed = 1;
    return unicode_char(p[0]);
  }
  // ASCII prefix, eight bytes at a time.
  Py_ssize_t i = 0;
  while (i + 8 <= size) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w & 0x8080808080808080ULL) break;
    i += 8;
  }
  while (i < size && p[i] < 0x80) ++i;
  if (i == size) {
    if (consumed) *consumed = size;
    return unicode_from_ascii(s, size);
  }
  // Validating pass: count characters and find the widest.
  Py_ssize_t count = i, j = i;
  Py_UCS4 maxch = 0x80;
  while (j < size) {
    if (p[j] < 0x80) {
      ++j;
      ++count;
      continue;
    }
    Py_UCS4 ch;
    Py_ssize_t err_end;
    const char* reason;
    int n = utf8_sequence(p + j, size - j, &ch, &err_end, &reason);
    if (n == 0) return decode_utf8_slow(s, size, errors, consumed, i);
    if (ch > maxch) maxch = ch;
    j += n;
    ++count;
  }
  PyObject* r = PyUnicode_New(count, maxch);
  if (r == nullptr) return nullptr;
  switch (ukind(r)) {
    case PyUnicode_1BYTE_KIND:
      utf8_decode_valid(p, p + size, static_cast<Py_UCS1*>(udata(r)));
      break;
    case PyUnicode_2BYTE_KIND:
      utf8_decode_valid(p, p + size, static_cast<Py_UCS2*>(udata(r)));
      break;
    default:
      utf8_decode_valid(p, p + size, static_cast<Py_UCS4*>(udata(r)));
  }
  if (consumed) *consumed = size;
  if (count == 1) return unicode_canonical(r);
  return r;
}

extern "C" PyObject* PyUnicode_DecodeUTF8(const char* s, Py_ssize_t size, const char* errors) {
  return PyUnicode_DecodeUTF8Stateful(s, size, errors, nullptr);
}

namespace {

inline void put_utf8(ByteBuf& b, Py_UCS4 c) {
  if (c < 0x80) {
    b.put_unchecked(static_cast<char>(c));
  } else if (c < 0x800) {
    b.put_unchecked(static_cast<char>(0xC0 | (c >> 6)));
    b.put_unchecked(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    b.put_unchecked(static_cast<char>(0xE0 | (c >> 12)));
    b.put_unchecked(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    b.put_unchecked(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    b.put_unchecked(static_cast<char>(0xF0 | (c >> 18)));
    b.put_unchecked(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    b.put_unchecked(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    b.put_unchecked(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Encodes str to UTF-8 into out. Strict errors on surrogates unless errors says otherwise.
int utf8_encode_into(PyObject* str, const char* errors, ByteBuf& out) {
  Py_ssize_t n = ulen(str);
  int kind = ukind(str);
  const void* d = udata(str);
  if (!out.reserve(n * (kind == 1 ? 2 : (kind == 2 ? 3 : 4)))) return -1;
  EncodeErrorState es("utf-8", errors);
  for (Py_ssize_t i = 0; i < n;) {
    Py_UCS4 c = PyUnicode_READ(kind, d, i);
    if (c < 0xD800 || c > 0xDFFF) {
      put_utf8(out, c);
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
      for (; i < end; ++i) put_utf8(out, PyUnicode_READ(kind, d, i));
      continue;
    }
    Ref<> rep;
    Py_ssize_t np = es.replacement(str, i, end, "surrogates not allowed", &rep);
    if (np < 0) return -1;
    if (put_rep_ucs1(es, out, rep.get(), 128, str, i, end, "surrogates not allowed") < 0) return -1;
    if (!out.reserve((n - np) * 4)) return -1;
    i = np;
  }
  return 0;
}

}  // namespace

PyObject* krait::encode_utf8(PyObject* str, const char* errors) {
  if (uascii(str)) return PyBytes_FromStringAndSize(static_cast<const char*>(udata(str)), ulen(str));
  auto* c = reinterpret_cast<PyCompactUnicodeObject*>(str);
  if (c->utf8 != nullptr) return PyBytes_FromStringAndSize(c->utf8, c->utf8_length);
  ByteBuf out;
  if (utf8_encode_into(str, errors, out) < 0) return nullptr;
  return out.to_bytes();
}

const char* krait::unicode_utf8(PyObject* s, Py_ssize_t* size) {
  if (uascii(s)) {
    if (size) *size = ulen(s);
    return static_cast<const char*>(udata(s));
  }
  auto* c = reinterpret_cast<PyCompactUnicodeObject*>(s);
  if (c->utf8 == nullptr) {
    ByteBuf out;
    if (utf8_encode_into(s, nullptr, out) < 0) return nullptr;
    char* u = static_cast<char*>(PyObject_Malloc(out.size() + 1));
    if (u == nullptr) {
      PyErr_NoMemory();
      return nullptr;
    }
    std::memcpy(u, out.data(), out.size());
    u[out.size()] = 0;
    c->utf8 = u;
    c->utf8_length = out.size();
  }
  if (size) *size = c->utf8_length;
  return c->utf8;
}

extern "C" const char* PyUnicode_AsUTF8AndSize(PyObject* unicode, Py_ssize_t* psize) {
  if (!PyUnicode_Check(unicode)) {
    PyErr_BadArgument();
    return nullptr;
  }
  return unicode_utf8(unicode, psize);
}

extern "C" const char* PyUnicode_AsUTF8(PyObject* unicode) {
  return PyUnicode_AsUTF8AndSize(unicode, nullptr);
}

extern "C" PyObject* _PyUnicode_AsUTF8String(PyObject* unicode, const char* errors) {
  if (!PyUnicode_Check(unicode)) {
    PyErr_BadArgument();
    return nullptr;
  }
  return encode_utf8(unicode, errors);
}

extern "C" PyObject* PyUnicode_AsUTF8String(PyObject* unicode) {
  return _PyUnicode_AsUTF8String(unicode, nullptr);
}

extern "C" PyObject* PyUnicode_EncodeUTF8(const Py_UNICODE* s, Py_ssize_t size, const char* errors) {
  Ref<> u = steal(PyUnicode_FromWideChar(s, size));
  if (!u) return nullptr;
  return encode_utf8(u.get(), errors);
}

// -- Latin-1 and ASCII ---------------------------------------------------------------------

extern "C" PyObject* PyUnicode_DecodeLatin1(const char* s, Py_ssize_t size, const char* errors) {
  return unicode_from_ucs1(reinterpret_cast<const Py_UCS1*>(s), size);
}

extern "C" PyObject* PyUnicode_DecodeASCII(const char* s, Py_ssize_t size, const char* errors) {
  if (size == 0) return unicode_empty();
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  Py_ssize_t i = 0;
  while (i < size && p[i] < 0x80) ++i;
  if (i == size) return unicode_from_ascii(s, size);
  _PyUnicodeWriter w;
  _PyUnicodeWriter_Init(&w);
  w.min_length = size;
  DecodeErrorState es("ascii", errors, DecodeErrorState::Codec::Other);
  if (_PyUnicodeWriter_WriteASCIIString(&w, s, i) < 0) goto fail;
  w.overallocate = 1;
  while (i < size) {
    if (p[i] < 0x80) {
      if (_PyUnicodeWriter_WriteChar(&w, p[i]) < 0) goto fail;
      ++i;
      continue;
    }
    i = es.handle(&w, s, size, i, i + 1, "ordinal not in range(128)");
    p = reinterpret_cast<const unsigned char*>(s);  // the handler may replace the input
    if (i < 0) goto fail;
  }
  w.overallocate = 0;
  return _PyUnicodeWriter_Finish(&w);
fail:
  _PyUnicodeWriter_Dealloc(&w);
  return nullptr;
}

PyObject* krait::encode_ucs1(PyObject* str, const char* errors, Py_UCS4 limit) {
  Py_ssize_t n = ulen(str);
  int kind = ukind(str);
  const void* d = udata(str);
  if (kind == PyUnicode_1BYTE_KIND && (limit == 256 || uascii(str)))
    return PyBytes_FromStringAndSize(static_cast<const char*>(d), n);
  const char* encoding = limit == 128 ? "ascii" : "latin-1";
  const char* reason = limit == 128 ? "ordinal not in range(128)" : "ordinal not in range(256)";
  ByteBuf out;
  if (!out.reserve(n)) return nullptr;
  EncodeErrorState es(encoding, errors);
  for (Py_ssize_t i = 0; i < n;) {
    Py_UCS4 c = PyUnicode_READ(kind, d, i);
    if (c < limit) {
      out.put(static_cast<char>(c));
      ++i;
      continue;
    }
    Py_ssize_t end = i + 1;
    while (end < n && PyUnicode_READ(kind, d, end) >= limit) ++end;
    Ref<> rep;
    Py_ssize_t np = es.replacement(str, i, end, reason, &rep);
    if (np < 0) return nullptr;
    if (put_rep_ucs1(es, out, rep.get(), limit, str, i, end, reason) < 0) return nullptr;
    i = np;
  }
  return out.to_bytes();
}

extern "C" PyObject* _PyUnicode_AsLatin1String(PyObject* unicode, const char* errors) {
  if (!PyUnicode_Check(unicode)) {
    PyErr_BadArgument();
    return nullptr;
  }
  return encode_ucs1(unicode, errors, 256);
}
extern "C" PyObject* PyUnicode_AsLatin1String(PyObject* unicode) {
  return _PyUnicode_AsLatin1String(unicode, nullptr);
}
extern "C" PyObject* _PyUnicode_AsASCIIString(PyObject* unicode, const char* errors) {
  if (!PyUnicode_Check(unicode)) {
    PyErr_BadArgument();
    return nullptr;
  }
  return encode_ucs1(unicode, errors, 128);
}
extern "C" PyObject* PyUnicode_AsASCIIString(PyObject* unicode) {
  return _PyUnicode_AsASCIIString(unicode, nullptr);
}

// -- Generic entry points ------------------------------------------------------------------

extern "C" PyObject* PyUnicode_Decode(const char* s, Py_ssize_t size, const char* encoding,
                                      const char* errors) {
  switch (builtin_codec(encoding)) {
    case BuiltinCodec::Utf8:
      return PyUnicode_DecodeUTF8Stateful(s, size, errors, nullptr);
    case BuiltinCodec::Latin1:
      return PyUnicode_DecodeLatin1(s, size, errors);
    case BuiltinCodec::Ascii:
      return PyUnicode_DecodeASCII(s, size, errors);
    case BuiltinCodec::Utf16:
      return PyUnicode_DecodeUTF16(s, size, errors, nullptr);
    case BuiltinCodec::Utf32:
      return PyUnicode_DecodeUTF32(s, size, errors, nullptr);
    case BuiltinCodec::None:
      break;
  }
  // Through the codec registry, with a memoryview over the bytes as CPython does.
  Py_buffer info;
  if (PyBuffer_FillInfo(&info, nullptr, const_cast<char*>(s), size, 1, PyBUF_FULL_RO) < 0) return nullptr;
  Ref<> buffer = steal(PyMemoryView_FromBuffer(&info));
  if (!buffer) return nullptr;
  Ref<> unicode = steal(PyCodec_Decode(buffer.get(), encoding, errors));
  if (!unicode) return nullptr;
  if (!PyUnicode_Check(unicode.get())) {
    PyErr_Format(PyExc_TypeError,
                 "'%.400s' decoder returned '%.400s' instead of 'str'; "
                 "use codecs.decode() to decode to arbitrary types",
                 encoding, Py_TYPE(unicode.get())->tp_name);
    return nullptr;
  }
  return unicode.release();
}

extern "C" PyObject* PyUnicode_FromEncodedObject(PyObject* obj, const char* encoding, const char* errors) {
  if (obj == nullptr) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  if (PyBytes_Check(obj)) {
    if (PyBytes_GET_SIZE(obj) == 0) return unicode_empty();
    return PyUnicode_Decode(PyBytes_AS_STRING(obj), PyBytes_GET_SIZE(obj), encoding, errors);
  }
  if (PyUnicode_Check(obj)) {
    PyErr_SetString(PyExc_TypeError, "decoding str is not supported");
    return nullptr;
  }
  Py_buffer view;
  if (PyObject_GetBuffer(obj, &view, PyBUF_SIMPLE) < 0) {
    PyErr_Format(PyExc_TypeError, "decoding to str: need a bytes-like object, %.80s found",
                 Py_TYPE(obj)->tp_name);
    return nullptr;
  }
  PyObject* r;
  if (view.len == 0)
    r = unicode_empty();
  else
    r = PyUnicode_Decode(static_cast<const char*>(view.buf), view.len, encoding, errors);
  PyBuffer_Release(&view);
  return r;
}

extern "C" PyObject* PyUnicode_AsEncodedString(PyObject* unicode, const char* encoding, const char* errors) {
  if (!PyUnicode_Check(unicode)) {
    PyErr_BadArgument();
    return nullptr;
  }
  switch (builtin_codec(encoding)) {
    case BuiltinCodec::Utf8:
      return encode_utf8(unicode, errors);
    case BuiltinCodec::Latin1:
      return encode_ucs1(unicode, errors, 256);
    case BuiltinCodec::Ascii:
      return encode_ucs1(unicode, errors, 128);
    case BuiltinCodec::Utf16:
      return encode_utf16(unicode, errors, 0);
    case BuiltinCodec::Utf32:
      return encode_utf32(unicode, errors, 0);
    case BuiltinCodec::None:
      break;
  }
  Ref<> v = steal(PyCodec_Encode(unicode, encoding, errors));
  if (!v) return nullptr;
  if (PyBytes_Check(v.get())) return v.release();
  if (PyByteArray_Check(v.get())) {
    if (PyErr_WarnFormat(PyExc_RuntimeWarning, 1,
                         "encoder %s returned bytearray instead of bytes; "
                         "use codecs.encode() to encode to arbitrary types",
                         encoding) < 0)
      return nullptr;
    return PyBytes_FromStringAndSize(PyByteArray_AS_STRING(v.get()), PyByteArray_GET_SIZE(v.get()));
  }
  PyErr_Format(PyExc_TypeError,
               "'%.400s' encoder returned '%.400s' instead of 'bytes'; "
               "use codecs.encode() to encode to arbitrary types",
               encoding, Py_TYPE(v.get())->tp_name);
  return nullptr;
}

extern "C" PyObject* PyUnicode_AsDecodedObject(PyObject* unicode, const char* encoding, const char* errors) {
  if (!PyUnicode_Check(unicode)) {
    PyErr_BadArgument();
    return nullptr;
  }
  if (PyErr_WarnEx(PyExc_DeprecationWarning,
                   "PyUnicode_AsDecodedObject() is deprecated; use PyCodec_Decode() to decode from str", 1) < 0)
    return nullptr;
  if (encoding == nullptr) encoding = "utf-8";
  return PyCodec_Decode(unicode, encoding, errors);
}

extern "C" PyObject* PyUnicode_AsEncodedObject(PyObject* unicode, const char* encoding, const char* errors) {
  if (!PyUnicode_Check(unicode)) {
    PyErr_BadArgument();
    return nullptr;
  }
  if (PyErr_WarnEx(PyExc_DeprecationWarning,
                   "PyUnicode_AsEncodedObject() is deprecated; use PyUnicode_AsEncodedString() to "
                   "encode from str to bytes or PyCodec_Encode() for generic encoding", 1) < 0)
    return nullptr;
  if (encoding == nullptr) encoding = "utf-8";
  return PyCodec_Encode(unicode, encoding, errors);
}

extern "C" const char* PyUnicode_GetDefaultEncoding(void) { return "utf-8"; }

// Locale and filesystem encodings: Krait runs in UTF-8 mode for these (as
// CPython does under a UTF-8 locale): utf-8 with surrogateescape.
extern "C" PyObject* PyUnicode_DecodeFSDefault(const char* s) {
  return PyUnicode_DecodeUTF8Stateful(s, static_cast<Py_ssize_t>(std::strlen(s)), "surrogateescape", nullptr);
}
extern "C" PyObject* PyUnicode_DecodeFSDefaultAndSize(const char* s, Py_ssize_t size) {
  return PyUnicode_DecodeUTF8Stateful(s, size, "surrogateescape", nullptr);
}
extern "C" PyObject* PyUnicode_EncodeFSDefault(PyObject* unicode) {
  return encode_utf8(unicode, "surrogateescape");
}
extern "C" PyObject* PyUnicode_DecodeLocaleAndSize(const char* str, Py_ssize_t len, const char* errors) {
  return PyUnicode_DecodeUTF8Stateful(str, len, errors ? errors : "strict", nullptr);
}
extern "C" PyObject* PyUnicode_DecodeLocale(const char* str, const char* errors) {
  return PyUnicode_DecodeLocaleAndSize(str, static_cast<Py_ssize_t>(std::strlen(str)), errors);
}
extern "C" PyObject* PyUnicode_EncodeLocale(PyObject* unicode, const char* errors) {
  // CPython goes through a NUL-terminated wchar_t string and refuses a NUL.
  if (PyUnicode_Check(unicode) && PyUnicode_FindChar(unicode, 0, 0, PyUnicode_GET_LENGTH(unicode), 1) >= 0) {
    PyErr_SetString(PyExc_ValueError, "embedded null character");
    return nullptr;
  }
  return encode_utf8(unicode, errors);
}
