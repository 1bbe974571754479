// The codec registry (codecs.h): search functions, the lookup cache, the
// error-handler registry and the built-in error handlers, as CPython 3.11's
// Python/codecs.c.
//
// The registry starts on first use: it registers the eight built-in error
// handlers and imports the `encodings` package, whose import registers the
// standard search function. Encoding names are normalised before lookup
// (ASCII letters lowercased; every run of other characters except '.'
// becomes one '_', leading and trailing runs dropped), and results are
// cached per normalised name. Krait runs one interpreter, so the registry
// is process-wide.
#include <Python.h>

#include <cstring>
#include <string>

#include "support/ref.h"
#include "support/unicode_db.h"

using krait::Ref;
using krait::steal;

extern "C" {
// The hex digits CPython exports from codecs.c (used by escape codecs).
const char* Py_hexdigits = "0123456789abcdef";
}

namespace krait {
namespace {

PyObject* g_search_path = nullptr;   // list of search functions
PyObject* g_search_cache = nullptr;  // normalised name -> CodecInfo
PyObject* g_error_registry = nullptr;  // handler name -> callable

// --- the built-in error handlers' Python faces ----------------------------------------

PyObject* strict_errors(PyObject*, PyObject* exc) { return PyCodec_StrictErrors(exc); }
PyObject* ignore_errors(PyObject*, PyObject* exc) { return PyCodec_IgnoreErrors(exc); }
PyObject* replace_errors(PyObject*, PyObject* exc) { return PyCodec_ReplaceErrors(exc); }
PyObject* xmlcharrefreplace_errors(PyObject*, PyObject* exc) {
  return PyCodec_XMLCharRefReplaceErrors(exc);
}
PyObject* backslashreplace_errors(PyObject*, PyObject* exc) {
  return PyCodec_BackslashReplaceErrors(exc);
}
PyObject* namereplace_errors(PyObject*, PyObject* exc) { return PyCodec_NameReplaceErrors(exc); }
PyObject* surrogatepass_errors(PyObject*, PyObject* exc);
PyObject* surrogateescape_errors(PyObject*, PyObject* exc);

struct BuiltinHandler {
  const char* name;
  PyMethodDef def;
};

BuiltinHandler g_builtin_handlers[] = {
    {"strict",
     {"strict_errors", strict_errors, METH_O,
      "Implements the 'strict' error handling, which raises a UnicodeError on coding errors."}},
    {"ignore",
     {"ignore_errors", ignore_errors, METH_O,
      "Implements the 'ignore' error handling, which ignores malformed data and continues."}},
    {"replace",
     {"replace_errors", replace_errors, METH_O,
      "Implements the 'replace' error handling, which replaces malformed data with a replacement "
      "marker."}},
    {"xmlcharrefreplace",
     {"xmlcharrefreplace_errors", xmlcharrefreplace_errors, METH_O,
      "Implements the 'xmlcharrefreplace' error handling, which replaces an unencodable character "
      "with the appropriate XML character reference."}},
    {"backslashreplace",
     {"backslashreplace_errors", backslashreplace_errors, METH_O,
      "Implements the 'backslashreplace' error handling, which replaces malformed data with a "
      "backslashed escape sequence."}},
    {"namereplace",
     {"namereplace_errors", namereplace_errors, METH_O,
      "Implements the 'namereplace' error handling, which replaces an unencodable character with a "
      "\\N{...} escape sequence."}},
    {"surrogatepass", {"surrogatepass", surrogatepass_errors, METH_O, nullptr}},
    {"surrogateescape", {"surrogateescape", surrogateescape_errors, METH_O, nullptr}},
};

// Creates the registry on first use; 0 or -1. A failed `encodings` import
// leaves the (usable) registry in place and reports the error.
int ensure_registry() {
  if (g_search_path != nullptr) return 0;
  g_search_path = PyList_New(0);
  g_search_cache = PyDict_New();
  g_error_registry = PyDict_New();
  if (g_search_path == nullptr || g_search_cache == nullptr || g_error_registry == nullptr) {
    Py_FatalError("can't initialize codec registry");
  }
  for (auto& h : g_builtin_handlers) {
    Ref<> func = steal(PyCFunction_NewEx(&h.def, nullptr, nullptr));
    if (!func || PyDict_SetItemString(g_error_registry, h.name, func.get()) < 0) {
      Py_FatalError("can't initialize codec error registry");
    }
  }
  Ref<> mod = steal(PyImport_ImportModule("encodings"));
  return mod ? 0 : -1;
}

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// "UTF-8" -> "utf_8", " Latin 1 " -> "latin_1" (see the file comment).
PyObject* normalize_encoding(const char* encoding) {
  std::string out;
  bool punct = false;
  for (const char* e = encoding; *e != '\0'; ++e) {
    char c = *e;
    if (is_ascii_alnum(c) || c == '.') {
      if (punct && !out.empty()) out.push_back('_');
      punct = false;
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    } else {
      punct = true;
    }
  }
  return PyUnicode_FromStringAndSize(out.data(), static_cast<Py_ssize_t>(out.size()));
}

// (object,) or (object, errors).
PyObject* args_tuple(PyObject* object, const char* errors) {
  if (errors == nullptr) return PyTuple_Pack(1, object);
  Ref<> e = steal(PyUnicode_FromString(errors));
  if (!e) return nullptr;
  return PyTuple_Pack(2, object, e.get());
}

PyObject* codec_item(const char* encoding, Py_ssize_t index) {
  Ref<> codecs = steal(_PyCodec_Lookup(encoding));
  if (!codecs) return nullptr;
  PyObject* v = PyTuple_GET_ITEM(codecs.get(), index);
  Py_INCREF(v);
  return v;
}

PyObject* make_incremental(PyObject* codec_info, const char* errors, const char* attr) {
  Ref<> factory = steal(PyObject_GetAttrString(codec_info, attr));
  if (!factory) return nullptr;
  if (errors != nullptr) return PyObject_CallFunction(factory.get(), "s", errors);
  return PyObject_CallNoArgs(factory.get());
}

PyObject* incremental_codec(const char* encoding, const char* errors, const char* attr) {
  Ref<> info = steal(_PyCodec_Lookup(encoding));
  if (!info) return nullptr;
  return make_incremental(info.get(), errors, attr);
}

PyObject* stream_codec(const char* encoding, PyObject* stream, const char* errors, Py_ssize_t index) {
  Ref<> codecs = steal(_PyCodec_Lookup(encoding));
  if (!codecs) return nullptr;
  PyObject* cls = PyTuple_GET_ITEM(codecs.get(), index);
  if (errors != nullptr) return PyObject_CallFunction(cls, "Os", stream, errors);
  return PyObject_CallOneArg(cls, stream);
}

// Runs a codec function; on failure, re-raises a plain exception as
// "<op> with '<encoding>' codec failed (<type>: <message>)" where possible.
PyObject* run_codec(PyObject* object, PyObject* func, const char* encoding, const char* errors,
                    bool encoding_op) {
  Ref<> args = steal(args_tuple(object, errors));
  if (!args) return nullptr;
  Ref<> result = steal(PyObject_Call(func, args.get(), nullptr));
  if (!result) {
    _PyErr_TrySetFromCause("%s with '%s' codec failed", encoding_op ? "encoding" : "decoding", encoding);
    return nullptr;
  }
  if (!PyTuple_Check(result.get()) || PyTuple_GET_SIZE(result.get()) != 2) {
    PyErr_SetString(PyExc_TypeError, encoding_op ? "encoder must return a tuple (object, integer)"
                                                 : "decoder must return a tuple (object,integer)");
    return nullptr;
  }
  // The second item (the length consumed) is not checked or used.
  PyObject* v = PyTuple_GET_ITEM(result.get(), 0);
  Py_INCREF(v);
  return v;
}

// A text codec's encoder (index 0) or decoder (1), refusing codecs that
// declare `_is_text_encoding = False` (bytes-to-bytes and the like).
PyObject* text_codec_item(const char* encoding, const char* alternate, Py_ssize_t index) {
  Ref<> codec = steal(_PyCodec_LookupTextEncoding(encoding, alternate));
  if (!codec) return nullptr;
  PyObject* v = PyTuple_GET_ITEM(codec.get(), index);
  Py_INCREF(v);
  return v;
}

// --- handler helpers ------------------------------------------------------------------

PyObject* wrong_exception_type(PyObject* exc) {
  PyErr_Format(PyExc_TypeError, "don't know how to handle %.200s in error callback", Py_TYPE(exc)->tp_name);
  return nullptr;
}

bool is_encode_error(PyObject* exc) {
  return PyObject_TypeCheck(exc, reinterpret_cast<PyTypeObject*>(PyExc_UnicodeEncodeError));
}
bool is_decode_error(PyObject* exc) {
  return PyObject_TypeCheck(exc, reinterpret_cast<PyTypeObject*>(PyExc_UnicodeDecodeError));
}
bool is_translate_error(PyObject* exc) {
  return PyObject_TypeCheck(exc, reinterpret_cast<PyTypeObject*>(PyExc_UnicodeTranslateError));
}

// Re-raises the exception the handler was asked about.
PyObject* reraise(PyObject* exc) {
  PyErr_SetObject(PyExceptionInstance_Class(exc), exc);
  return nullptr;
}

// start, end and object of a UnicodeEncodeError or UnicodeTranslateError.
bool str_error_range(PyObject* exc, Py_ssize_t* start, Py_ssize_t* end, Ref<>* object) {
  if (is_encode_error(exc)) {
    if (PyUnicodeEncodeError_GetStart(exc, start) || PyUnicodeEncodeError_GetEnd(exc, end)) return false;
    *object = steal(PyUnicodeEncodeError_GetObject(exc));
  } else {
    if (PyUnicodeTranslateError_GetStart(exc, start) || PyUnicodeTranslateError_GetEnd(exc, end)) return false;
    *object = steal(PyUnicodeTranslateError_GetObject(exc));
  }
  return static_cast<bool>(*object);
}

// Writes "\xNN", "\uNNNN" or "\UNNNNNNNN" for c; returns the new end.
Py_UCS1* write_backslash_escape(Py_UCS1* out, Py_UCS4 c) {
  *out++ = '\\';
  int digits;
  if (c >= 0x10000) {
    *out++ = 'U';
    digits = 8;
  } else if (c >= 0x100) {
    *out++ = 'u';
    digits = 4;
  } else {
    *out++ = 'x';
    digits = 2;
  }
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) *out++ = Py_hexdigits[(c >> shift) & 0xf];
  return out;
}

Py_ssize_t backslash_escape_size(Py_UCS4 c) { return c >= 0x10000 ? 10 : c >= 0x100 ? 6 : 4; }

// The UTF flavours surrogatepass understands, from the exception's encoding.
enum class Utf { kUnknown, k8, k16LE, k16BE, k32LE, k32BE };

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

Utf standard_encoding(const char* enc, int* bytelength) {
  if (lower(enc[0]) == 'u' && lower(enc[1]) == 't' && lower(enc[2]) == 'f') {
    enc += 3;
    if (*enc == '-' || *enc == '_') ++enc;
    if (enc[0] == '8' && enc[1] == '\0') {
      *bytelength = 3;
      return Utf::k8;
    }
    bool is16 = enc[0] == '1' && enc[1] == '6';
    bool is32 = enc[0] == '3' && enc[1] == '2';
    if (is16 || is32) {
      enc += 2;
      *bytelength = is16 ? 2 : 4;
      Utf le = is16 ? Utf::k16LE : Utf::k32LE;
      Utf be = is16 ? Utf::k16BE : Utf::k32BE;
      if (*enc == '\0') return le;  // native order: x86-64 is little-endian
      if (*enc == '-' || *enc == '_') ++enc;  // optional: "utf-16le" names it too
      if (lower(enc[0]) != '\0' && lower(enc[1]) == 'e' && enc[2] == '\0') {
        if (lower(enc[0]) == 'b') return be;
        if (lower(enc[0]) == 'l') return le;
      }
    }
  } else if (std::strcmp(enc, "CP_UTF8") == 0) {
    *bytelength = 3;
    return Utf::k8;
  }
  return Utf::kUnknown;
}

Utf exception_encoding(PyObject* exc, bool encode, int* bytelength) {
  Ref<> enc = steal(encode ? PyUnicodeEncodeError_GetEncoding(exc) : PyUnicodeDecodeError_GetEncoding(exc));
  if (!enc) return Utf::kUnknown;
  const char* s = PyUnicode_AsUTF8(enc.get());
  if (s == nullptr) return Utf::kUnknown;
  return standard_encoding(s, bytelength);
}

PyObject* surrogatepass_errors(PyObject*, PyObject* exc) {
  Py_ssize_t start, end;
  int bytelength = 0;
  if (is_encode_error(exc)) {
    Ref<> object;
    if (!str_error_range(exc, &start, &end, &object)) return nullptr;
    Utf code = exception_encoding(exc, true, &bytelength);
    if (PyErr_Occurred()) return nullptr;
    if (code == Utf::kUnknown) return reraise(exc);
    if (end - start > PY_SSIZE_T_MAX / bytelength) end = start + PY_SSIZE_T_MAX / bytelength;
    Ref<> res = steal(PyBytes_FromStringAndSize(nullptr, bytelength * (end - start)));
    if (!res) return nullptr;
    auto* out = reinterpret_cast<unsigned char*>(PyBytes_AS_STRING(res.get()));
    for (Py_ssize_t i = start; i < end; ++i) {
      Py_UCS4 ch = PyUnicode_READ_CHAR(object.get(), i);
      if (!Py_UNICODE_IS_SURROGATE(ch)) return reraise(exc);
      switch (code) {
        case Utf::k8:
          *out++ = static_cast<unsigned char>(0xe0 | (ch >> 12));
          *out++ = static_cast<unsigned char>(0x80 | ((ch >> 6) & 0x3f));
          *out++ = static_cast<unsigned char>(0x80 | (ch & 0x3f));
          break;
        case Utf::k16LE: case Utf::k16BE:
        case Utf::k32LE: case Utf::k32BE: {
          bool big = code == Utf::k16BE || code == Utf::k32BE;
          for (int b = 0; b < bytelength; ++b) {
            int shift = big ? (bytelength - 1 - b) * 8 : b * 8;
            *out++ = static_cast<unsigned char>(ch >> shift);
          }
          break;
        }
        case Utf::kUnknown: break;
      }
    }
    return Py_BuildValue("(On)", res.get(), end);
  }
  if (is_decode_error(exc)) {
    if (PyUnicodeDecodeError_GetStart(exc, &start) || PyUnicodeDecodeError_GetEnd(exc, &end)) return nullptr;
    Ref<> object = steal(PyUnicodeDecodeError_GetObject(exc));
    if (!object) return nullptr;
    Utf code = exception_encoding(exc, false, &bytelength);
    if (PyErr_Occurred()) return nullptr;
    if (code == Utf::kUnknown) return reraise(exc);
    // One surrogate at a time; the codec calls again for the next.
    const auto* p = reinterpret_cast<const unsigned char*>(PyBytes_AS_STRING(object.get())) + start;
    Py_UCS4 ch = 0;
    if (PyBytes_GET_SIZE(object.get()) - start >= bytelength) {
      switch (code) {
        case Utf::k8:
          if ((p[0] & 0xf0) == 0xe0 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
            ch = ((p[0] & 0x0fu) << 12) + ((p[1] & 0x3fu) << 6) + (p[2] & 0x3fu);
          }
          break;
        case Utf::k16LE: ch = static_cast<Py_UCS4>(p[1] << 8 | p[0]); break;
        case Utf::k16BE: ch = static_cast<Py_UCS4>(p[0] << 8 | p[1]); break;
        case Utf::k32LE:
          ch = (static_cast<Py_UCS4>(p[3]) << 24) | (p[2] << 16) | (p[1] << 8) | p[0];
          break;
        case Utf::k32BE:
          ch = (static_cast<Py_UCS4>(p[0]) << 24) | (p[1] << 16) | (p[2] << 8) | p[3];
          break;
        case Utf::kUnknown: break;
      }
    }
    if (!Py_UNICODE_IS_SURROGATE(ch)) return reraise(exc);
    PyObject* res = PyUnicode_FromOrdinal(static_cast<int>(ch));
    if (res == nullptr) return nullptr;
    return Py_BuildValue("(Nn)", res, start + bytelength);
  }
  return wrong_exception_type(exc);
}

// PEP 383: undecodable bytes 0x80-0xff travel as lone surrogates U+DC80-U+DCFF.
PyObject* surrogateescape_errors(PyObject*, PyObject* exc) {
  Py_ssize_t start, end;
  if (is_encode_error(exc)) {
    Ref<> object;
    if (!str_error_range(exc, &start, &end, &object)) return nullptr;
    Ref<> res = steal(PyBytes_FromStringAndSize(nullptr, end - start));
    if (!res) return nullptr;
    char* out = PyBytes_AS_STRING(res.get());
    for (Py_ssize_t i = start; i < end; ++i) {
      Py_UCS4 ch = PyUnicode_READ_CHAR(object.get(), i);
      if (ch < 0xdc80 || ch > 0xdcff) return reraise(exc);
      *out++ = static_cast<char>(ch - 0xdc00);
    }
    return Py_BuildValue("(On)", res.get(), end);
  }
  if (is_decode_error(exc)) {
    if (PyUnicodeDecodeError_GetStart(exc, &start) || PyUnicodeDecodeError_GetEnd(exc, &end)) return nullptr;
    Ref<> object = steal(PyUnicodeDecodeError_GetObject(exc));
    if (!object) return nullptr;
    const auto* p = reinterpret_cast<const unsigned char*>(PyBytes_AS_STRING(object.get()));
    Py_UCS2 ch[4];  // up to four bad bytes per call
    int consumed = 0;
    while (consumed < 4 && consumed < end - start) {
      if (p[start + consumed] < 128) break;  // ASCII is never escaped
      ch[consumed] = static_cast<Py_UCS2>(0xdc00 + p[start + consumed]);
      ++consumed;
    }
    if (consumed == 0) return reraise(exc);
    PyObject* str = PyUnicode_FromKindAndData(PyUnicode_2BYTE_KIND, ch, consumed);
    if (str == nullptr) return nullptr;
    return Py_BuildValue("(Nn)", str, start + consumed);
  }
  return wrong_exception_type(exc);
}

}  // namespace

// Py_FinalizeEx: drop the registry (it is rebuilt on next use).
int fini_codecs() {
  Py_CLEAR(g_search_path);
  Py_CLEAR(g_search_cache);
  Py_CLEAR(g_error_registry);
  return 0;
}

}  // namespace krait

extern "C" {

int PyCodec_Register(PyObject* search_function) {
  if (krait::ensure_registry() < 0) return -1;
  if (search_function == nullptr) {
    PyErr_BadArgument();
    return -1;
  }
  if (!PyCallable_Check(search_function)) {
    PyErr_SetString(PyExc_TypeError, "argument must be callable");
    return -1;
  }
  return PyList_Append(krait::g_search_path, search_function);
}

int PyCodec_Unregister(PyObject* search_function) {
  PyObject* path = krait::g_search_path;
  if (path == nullptr) return 0;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(path); ++i) {
    if (PyList_GET_ITEM(path, i) == search_function) {
      if (krait::g_search_cache != nullptr) PyDict_Clear(krait::g_search_cache);
      return PyList_SetSlice(path, i, i + 1, nullptr);
    }
  }
  return 0;
}

PyObject* _PyCodec_Lookup(const char* encoding) {
  if (encoding == nullptr) {
    PyErr_BadArgument();
    return nullptr;
  }
  if (krait::ensure_registry() < 0) return nullptr;
  PyObject* key = krait::normalize_encoding(encoding);
  if (key == nullptr) return nullptr;
  PyUnicode_InternInPlace(&key);
  Ref<> name = steal(key);

  PyObject* cached = PyDict_GetItemWithError(krait::g_search_cache, name.get());
  if (cached != nullptr) {
    Py_INCREF(cached);
    return cached;
  }
  if (PyErr_Occurred()) return nullptr;

  Py_ssize_t n = PyList_Size(krait::g_search_path);
  if (n < 0) return nullptr;
  if (n == 0) {
    PyErr_SetString(PyExc_LookupError, "no codec search functions registered: can't find encoding");
    return nullptr;
  }
  Ref<> result;
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(krait::g_search_path); ++i) {
    Ref<> func = krait::borrow(PyList_GET_ITEM(krait::g_search_path, i));
    result = steal(PyObject_CallOneArg(func.get(), name.get()));
    if (!result) return nullptr;
    if (result.get() == Py_None) {
      result = nullptr;
      continue;
    }
    if (!PyTuple_Check(result.get()) || PyTuple_GET_SIZE(result.get()) != 4) {
      PyErr_SetString(PyExc_TypeError, "codec search functions must return 4-tuples");
      return nullptr;
    }
    break;
  }
  if (!result) {
    PyErr_Format(PyExc_LookupError, "unknown encoding: %s", encoding);
    return nullptr;
  }
  if (PyDict_SetItem(krait::g_search_cache, name.get(), result.get()) < 0) return nullptr;
  return result.release();
}

int _PyCodec_Forget(const char* encoding) {
  if (krait::g_search_cache == nullptr) return 0;
  Ref<> name = steal(krait::normalize_encoding(encoding));
  if (!name) return -1;
  return PyDict_DelItem(krait::g_search_cache, name.get());
}

int PyCodec_KnownEncoding(const char* encoding) {
  Ref<> codecs = steal(_PyCodec_Lookup(encoding));
  if (!codecs) {
    PyErr_Clear();
    return 0;
  }
  return 1;
}

PyObject* PyCodec_Encoder(const char* encoding) { return krait::codec_item(encoding, 0); }
PyObject* PyCodec_Decoder(const char* encoding) { return krait::codec_item(encoding, 1); }

PyObject* PyCodec_IncrementalEncoder(const char* encoding, const char* errors) {
  return krait::incremental_codec(encoding, errors, "incrementalencoder");
}
PyObject* PyCodec_IncrementalDecoder(const char* encoding, const char* errors) {
  return krait::incremental_codec(encoding, errors, "incrementaldecoder");
}
PyObject* _PyCodecInfo_GetIncrementalEncoder(PyObject* codec_info, const char* errors) {
  return krait::make_incremental(codec_info, errors, "incrementalencoder");
}
PyObject* _PyCodecInfo_GetIncrementalDecoder(PyObject* codec_info, const char* errors) {
  return krait::make_incremental(codec_info, errors, "incrementaldecoder");
}

PyObject* PyCodec_StreamReader(const char* encoding, PyObject* stream, const char* errors) {
  return krait::stream_codec(encoding, stream, errors, 2);
}
PyObject* PyCodec_StreamWriter(const char* encoding, PyObject* stream, const char* errors) {
  return krait::stream_codec(encoding, stream, errors, 3);
}

PyObject* PyCodec_Encode(PyObject* object, const char* encoding, const char* errors) {
  Ref<> encoder = steal(PyCodec_Encoder(encoding));
  if (!encoder) return nullptr;
  return krait::run_codec(object, encoder.get(), encoding, errors, true);
}

PyObject* PyCodec_Decode(PyObject* object, const char* encoding, const char* errors) {
  Ref<> decoder = steal(PyCodec_Decoder(encoding));
  if (!decoder) return nullptr;
  return krait::run_codec(object, decoder.get(), encoding, errors, false);
}

PyObject* _PyCodec_LookupTextEncoding(const char* encoding, const char* alternate_command) {
  Ref<> codec = steal(_PyCodec_Lookup(encoding));
  if (!codec) return nullptr;
  // A plain tuple (old-style search function) counts as a text encoding.
  if (!PyTuple_CheckExact(codec.get())) {
    static PyObject* attr_name = PyUnicode_InternFromString("_is_text_encoding");
    if (attr_name == nullptr) return nullptr;
    PyObject* raw;
    if (_PyObject_LookupAttr(codec.get(), attr_name, &raw) < 0) return nullptr;
    if (raw != nullptr) {
      int is_text = PyObject_IsTrue(raw);
      Py_DECREF(raw);
      if (is_text <= 0) {
        if (is_text == 0) {
          PyErr_Format(PyExc_LookupError, "'%.400s' is not a text encoding; use %s to handle arbitrary codecs",
                       encoding, alternate_command);
        }
        return nullptr;
      }
    }
  }
  return codec.release();
}

PyObject* _PyCodec_EncodeText(PyObject* object, const char* encoding, const char* errors) {
  Ref<> encoder = steal(krait::text_codec_item(encoding, "codecs.encode()", 0));
  if (!encoder) return nullptr;
  return krait::run_codec(object, encoder.get(), encoding, errors, true);
}

PyObject* _PyCodec_DecodeText(PyObject* object, const char* encoding, const char* errors) {
  Ref<> decoder = steal(krait::text_codec_item(encoding, "codecs.decode()", 1));
  if (!decoder) return nullptr;
  return krait::run_codec(object, decoder.get(), encoding, errors, false);
}

int PyCodec_RegisterError(const char* name, PyObject* error) {
  if (krait::ensure_registry() < 0) return -1;
  if (!PyCallable_Check(error)) {
    PyErr_SetString(PyExc_TypeError, "handler must be callable");
    return -1;
  }
  return PyDict_SetItemString(krait::g_error_registry, name, error);
}

PyObject* PyCodec_LookupError(const char* name) {
  if (krait::ensure_registry() < 0) return nullptr;
  if (name == nullptr) name = "strict";
  PyObject* handler = PyDict_GetItemString(krait::g_error_registry, name);
  if (handler == nullptr) {
    if (!PyErr_Occurred()) PyErr_Format(PyExc_LookupError, "unknown error handler name '%.400s'", name);
    return nullptr;
  }
  Py_INCREF(handler);
  return handler;
}

// --- the built-in error handlers -----------------------------------------------------------

PyObject* PyCodec_StrictErrors(PyObject* exc) {
  if (PyExceptionInstance_Check(exc)) {
    PyErr_SetObject(PyExceptionInstance_Class(exc), exc);
  } else {
    PyErr_SetString(PyExc_TypeError, "codec must pass exception instance");
  }
  return nullptr;
}

PyObject* PyCodec_IgnoreErrors(PyObject* exc) {
  Py_ssize_t end;
  int rc;
  if (krait::is_encode_error(exc)) {
    rc = PyUnicodeEncodeError_GetEnd(exc, &end);
  } else if (krait::is_decode_error(exc)) {
    rc = PyUnicodeDecodeError_GetEnd(exc, &end);
  } else if (krait::is_translate_error(exc)) {
    rc = PyUnicodeTranslateError_GetEnd(exc, &end);
  } else {
    return krait::wrong_exception_type(exc);
  }
  if (rc != 0) return nullptr;
  return Py_BuildValue("(Nn)", PyUnicode_New(0, 0), end);
}

PyObject* PyCodec_ReplaceErrors(PyObject* exc) {
  Py_ssize_t start, end;
  if (krait::is_decode_error(exc)) {
    if (PyUnicodeDecodeError_GetEnd(exc, &end)) return nullptr;
    return Py_BuildValue("(Cn)", static_cast<int>(Py_UNICODE_REPLACEMENT_CHARACTER), end);
  }
  bool encode = krait::is_encode_error(exc);
  if (!encode && !krait::is_translate_error(exc)) return krait::wrong_exception_type(exc);
  if (encode) {
    if (PyUnicodeEncodeError_GetStart(exc, &start) || PyUnicodeEncodeError_GetEnd(exc, &end)) return nullptr;
  } else {
    if (PyUnicodeTranslateError_GetStart(exc, &start) || PyUnicodeTranslateError_GetEnd(exc, &end)) return nullptr;
  }
  // Encoding replaces with '?', translation with U+FFFD.
  Py_ssize_t len = end - start;
  Py_UCS4 fill = encode ? '?' : Py_UNICODE_REPLACEMENT_CHARACTER;
  PyObject* res = PyUnicode_New(len, fill);
  if (res == nullptr) return nullptr;
  for (Py_ssize_t i = 0; i < len; ++i) PyUnicode_WRITE(PyUnicode_KIND(res), PyUnicode_DATA(res), i, fill);
  return Py_BuildValue("(Nn)", res, end);
}

PyObject* PyCodec_XMLCharRefReplaceErrors(PyObject* exc) {
  if (!krait::is_encode_error(exc)) return krait::wrong_exception_type(exc);
  Py_ssize_t start, end;
  Ref<> object;
  if (!krait::str_error_range(exc, &start, &end, &object)) return nullptr;
  if (end - start > PY_SSIZE_T_MAX / 10) end = start + PY_SSIZE_T_MAX / 10;
  // "&#" + decimal digits + ";"
  auto digits = [](Py_UCS4 ch) {
    int n = 1;
    for (Py_UCS4 limit = 10; n < 7 && ch >= limit; limit *= 10) ++n;
    return n;
  };
  Py_ssize_t size = 0;
  for (Py_ssize_t i = start; i < end; ++i) size += 3 + digits(PyUnicode_READ_CHAR(object.get(), i));
  PyObject* res = PyUnicode_New(size, 127);
  if (res == nullptr) return nullptr;
  Py_UCS1* out = PyUnicode_1BYTE_DATA(res);
  for (Py_ssize_t i = start; i < end; ++i) {
    Py_UCS4 ch = PyUnicode_READ_CHAR(object.get(), i);
    *out++ = '&';
    *out++ = '#';
    int n = digits(ch);
    for (int k = n - 1; k >= 0; --k) {
      out[k] = static_cast<Py_UCS1>('0' + ch % 10);
      ch /= 10;
    }
    out += n;
    *out++ = ';';
  }
  return Py_BuildValue("(Nn)", res, end);
}

PyObject* PyCodec_BackslashReplaceErrors(PyObject* exc) {
  Py_ssize_t start, end;
  if (krait::is_decode_error(exc)) {
    if (PyUnicodeDecodeError_GetStart(exc, &start) || PyUnicodeDecodeError_GetEnd(exc, &end)) return nullptr;
    Ref<> object = steal(PyUnicodeDecodeError_GetObject(exc));
    if (!object) return nullptr;
    const auto* p = reinterpret_cast<const unsigned char*>(PyBytes_AS_STRING(object.get()));
    PyObject* res = PyUnicode_New(4 * (end - start), 127);
    if (res == nullptr) return nullptr;
    Py_UCS1* out = PyUnicode_1BYTE_DATA(res);
    for (Py_ssize_t i = start; i < end; ++i) out = krait::write_backslash_escape(out, p[i]);
    return Py_BuildValue("(Nn)", res, end);
  }
  if (!krait::is_encode_error(exc) && !krait::is_translate_error(exc)) return krait::wrong_exception_type(exc);
  Ref<> object;
  if (!krait::str_error_range(exc, &start, &end, &object)) return nullptr;
  if (end - start > PY_SSIZE_T_MAX / 10) end = start + PY_SSIZE_T_MAX / 10;
  Py_ssize_t size = 0;
  for (Py_ssize_t i = start; i < end; ++i) size += krait::backslash_escape_size(PyUnicode_READ_CHAR(object.get(), i));
  PyObject* res = PyUnicode_New(size, 127);
  if (res == nullptr) return nullptr;
  Py_UCS1* out = PyUnicode_1BYTE_DATA(res);
  for (Py_ssize_t i = start; i < end; ++i) out = krait::write_backslash_escape(out, PyUnicode_READ_CHAR(object.get(), i));
  return Py_BuildValue("(Nn)", res, end);
}

PyObject* PyCodec_NameReplaceErrors(PyObject* exc) {
  if (!krait::is_encode_error(exc)) return krait::wrong_exception_type(exc);
  Py_ssize_t start, end;
  Ref<> object;
  if (!krait::str_error_range(exc, &start, &end, &object)) return nullptr;
  if (end - start > PY_SSIZE_T_MAX / 10) end = start + PY_SSIZE_T_MAX / 10;
  // Named characters become \N{NAME}; the rest backslash escapes.
  std::string out;
  std::string nm;
  for (Py_ssize_t i = start; i < end; ++i) {
    Py_UCS4 c = PyUnicode_READ_CHAR(object.get(), i);
    if (krait::unicode::name(static_cast<char32_t>(c), &nm)) {
      out += "\\N{";
      out += nm;
      out += '}';
    } else {
      Py_UCS1 buf[10];
      Py_UCS1* e = krait::write_backslash_escape(buf, c);
      out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(e - buf));
    }
  }
  PyObject* res = PyUnicode_New(static_cast<Py_ssize_t>(out.size()), 127);
  if (res == nullptr) return nullptr;
  std::memcpy(PyUnicode_1BYTE_DATA(res), out.data(), out.size());
  return Py_BuildValue("(Nn)", res, end);
}

}  // extern "C"
