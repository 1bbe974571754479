// The `_codecs` builtin module: the registry (register, lookup, encode,
// decode, register_error, lookup_error) and the codec functions the
// `encodings` package wraps (utf_8_encode, latin_1_decode, charmap_build,
// ...). Each returns (result, length consumed), as CPython 3.11's
// Modules/_codecsmodule.c; the conversions themselves are the str/bytes
// codec C API. Argument handling follows that module's Argument Clinic
// signatures (positional-only) so that errors read the same.
#include <Python.h>

#include <cstring>

#include "support/ref.h"

using krait::Ref;
using krait::steal;

namespace krait {
namespace {

// (object, length) with the object's reference stolen.
PyObject* codec_tuple(PyObject* decoded, Py_ssize_t len) {
  if (decoded == nullptr) return nullptr;
  return Py_BuildValue("Nn", decoded, len);
}

// --- argument converters (Argument Clinic's, with its messages) ----------------------------

bool check_args(const char* fname, Py_ssize_t nargs, Py_ssize_t min, Py_ssize_t max) {
  return _PyArg_CheckPositional(fname, nargs, min, max) != 0;
}

// `str`: a str without embedded NULs.
bool conv_str(const char* fname, const char* display, PyObject* arg, const char** out) {
  if (!PyUnicode_Check(arg)) {
    _PyArg_BadArgument(fname, display, "str", arg);
    return false;
  }
  Py_ssize_t len;
  const char* s = PyUnicode_AsUTF8AndSize(arg, &len);
  if (s == nullptr) return false;
  if (std::strlen(s) != static_cast<size_t>(len)) {
    PyErr_SetString(PyExc_ValueError, "embedded null character");
    return false;
  }
  *out = s;
  return true;
}

// `str(accept={str, NoneType}) = None`: the errors argument.
bool conv_errors(const char* fname, PyObject* const* args, Py_ssize_t nargs, Py_ssize_t index,
                 const char** out) {
  *out = nullptr;
  if (nargs <= index || args[index] == Py_None) return true;
  if (!PyUnicode_Check(args[index])) {
    char display[32];
    PyOS_snprintf(display, sizeof display, "argument %zd", index + 1);
    _PyArg_BadArgument(fname, display, "str or None", args[index]);
    return false;
  }
  return conv_str(fname, "", args[index], out);
}

// `int` (and `bool(accept={int})`) with a default.
bool conv_int(PyObject* const* args, Py_ssize_t nargs, Py_ssize_t index, int dflt, int* out) {
  *out = dflt;
  if (nargs <= index) return true;
  *out = _PyLong_AsInt(args[index]);
  return !(*out == -1 && PyErr_Occurred());
}

// `unicode`: a str argument.
bool conv_unicode(const char* fname, PyObject* arg) {
  if (!PyUnicode_Check(arg)) {
    _PyArg_BadArgument(fname, "argument 1", "str", arg);
    return false;
  }
  return PyUnicode_READY(arg) != -1;
}

// A contiguous buffer (`Py_buffer`); with accept_str, a str is taken as its UTF-8.
class Buffer {
 public:
  ~Buffer() {
    if (view_.obj != nullptr) PyBuffer_Release(&view_);
  }
  bool get(const char* fname, PyObject* arg, bool accept_str) {
    if (accept_str && PyUnicode_Check(arg)) {
      Py_ssize_t len;
      const char* s = PyUnicode_AsUTF8AndSize(arg, &len);
      if (s == nullptr) return false;
      return PyBuffer_FillInfo(&view_, arg, const_cast<char*>(s), len, 1, 0) == 0;
    }
    if (PyObject_GetBuffer(arg, &view_, PyBUF_SIMPLE) != 0) {
      view_.obj = nullptr;
      return false;
    }
    if (!PyBuffer_IsContiguous(&view_, 'C')) {
      _PyArg_BadArgument(fname, "argument 1", "contiguous buffer", arg);
      return false;
    }
    return true;
  }
  const char* data() const { return static_cast<const char*>(view_.buf); }
  Py_ssize_t len() const { return view_.len; }

 private:
  Py_buffer view_{};
};

// --- the registry -------------------------------------------------------------------------

PyObject* m_register(PyObject*, PyObject* search_function) {
  if (PyCodec_Register(search_function) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* m_unregister(PyObject*, PyObject* search_function) {
  if (PyCodec_Unregister(search_function) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* m_lookup(PyObject*, PyObject* arg) {
  const char* encoding;
  if (!conv_str("lookup", "argument", arg, &encoding)) return nullptr;
  return _PyCodec_Lookup(encoding);
}

// encode/decode(obj, encoding='utf-8', errors='strict'): keywords allowed.
PyObject* encode_or_decode(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, bool encode) {
  static const char* const keywords[] = {"obj", "encoding", "errors", nullptr};
  static _PyArg_Parser enc_parser = {nullptr, keywords, "encode", nullptr, 0, 0, 0, nullptr, nullptr};
  static _PyArg_Parser dec_parser = {nullptr, keywords, "decode", nullptr, 0, 0, 0, nullptr, nullptr};
  const char* fname = encode ? "encode" : "decode";
  PyObject* buf[3] = {nullptr, nullptr, nullptr};
  PyObject* const* a =
      _PyArg_UnpackKeywords(args, nargs, nullptr, kwnames, encode ? &enc_parser : &dec_parser, 1, 3, 0, buf);
  if (a == nullptr) return nullptr;
  Py_ssize_t remaining = nargs + (kwnames != nullptr ? PyTuple_GET_SIZE(kwnames) : 0) - 1;
  const char* encoding = nullptr;
  const char* errors = nullptr;
  if (remaining > 0 && a[1] != nullptr) {
    if (!conv_str(fname, "argument 'encoding'", a[1], &encoding)) return nullptr;
    --remaining;
  }
  if (remaining > 0 && !conv_str(fname, "argument 'errors'", a[2], &errors)) return nullptr;
  if (encoding == nullptr) encoding = PyUnicode_GetDefaultEncoding();
  return encode ? PyCodec_Encode(a[0], encoding, errors) : PyCodec_Decode(a[0], encoding, errors);
}

PyObject* m_encode(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  return encode_or_decode(args, nargs, kwnames, true);
}
PyObject* m_decode(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
  return encode_or_decode(args, nargs, kwnames, false);
}

PyObject* m_register_error(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!check_args("register_error", nargs, 2, 2)) return nullptr;
  const char* name;
  if (!conv_str("register_error", "argument 1", args[0], &name)) return nullptr;
  if (PyCodec_RegisterError(name, args[1]) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* m_lookup_error(PyObject*, PyObject* arg) {
  const char* name;
  if (!conv_str("lookup_error", "argument", arg, &name)) return nullptr;
  return PyCodec_LookupError(name);
}

// --- decoders: (data, errors=None[, final]) ------------------------------------------------

// Stateful decoders take `final`; when it is false they report how much
// they consumed (a truncated sequence at the end is left for later).
using StatefulDecode = PyObject* (*)(const char*, Py_ssize_t, const char*, Py_ssize_t*);

PyObject* stateful_decode(const char* fname, PyObject* const* args, Py_ssize_t nargs, StatefulDecode fn,
                          bool accept_str, int final_default) {
  if (!check_args(fname, nargs, 1, 3)) return nullptr;
  Buffer data;
  const char* errors;
  int final;
  if (!data.get(fname, args[0], accept_str) || !conv_errors(fname, args, nargs, 1, &errors) ||
      !conv_int(args, nargs, 2, final_default, &final)) {
    return nullptr;
  }
  Py_ssize_t consumed = data.len();
  PyObject* decoded = fn(data.data(), data.len(), errors, final ? nullptr : &consumed);
  return codec_tuple(decoded, consumed);
}

#define KRAIT_STATEFUL_DECODER(pyname, cfunc, accept_str, final_default)              \
  PyObject* m_##pyname(PyObject*, PyObject* const* args, Py_ssize_t nargs) {           \
    return stateful_decode(#pyname, args, nargs, cfunc, accept_str, final_default);    \
  }

KRAIT_STATEFUL_DECODER(utf_7_decode, PyUnicode_DecodeUTF7Stateful, false, 0)
KRAIT_STATEFUL_DECODER(utf_8_decode, PyUnicode_DecodeUTF8Stateful, false, 0)
KRAIT_STATEFUL_DECODER(unicode_escape_decode, _PyUnicode_DecodeUnicodeEscapeStateful, true, 1)
KRAIT_STATEFUL_DECODER(raw_unicode_escape_decode, _PyUnicode_DecodeRawUnicodeEscapeStateful, true, 1)
#undef KRAIT_STATEFUL_DECODER

// UTF-16/32 with a fixed (or, for the plain codec, detected) byte order.
using UtfDecode = PyObject* (*)(const char*, Py_ssize_t, const char*, int*, Py_ssize_t*);

PyObject* utf_decode(const char* fname, PyObject* const* args, Py_ssize_t nargs, UtfDecode fn, int byteorder) {
  if (!check_args(fname, nargs, 1, 3)) return nullptr;
  Buffer data;
  const char* errors;
  int final;
  if (!data.get(fname, args[0], false) || !conv_errors(fname, args, nargs, 1, &errors) ||
      !conv_int(args, nargs, 2, 0, &final)) {
    return nullptr;
  }
  Py_ssize_t consumed = data.len();
  PyObject* decoded = fn(data.data(), data.len(), errors, &byteorder, final ? nullptr : &consumed);
  return codec_tuple(decoded, consumed);
}

#define KRAIT_UTF_DECODER(pyname, cfunc, byteorder)                          \
  PyObject* m_##pyname(PyObject*, PyObject* const* args, Py_ssize_t nargs) { \
    return utf_decode(#pyname, args, nargs, cfunc, byteorder);               \
  }
KRAIT_UTF_DECODER(utf_16_decode, PyUnicode_DecodeUTF16Stateful, 0)
KRAIT_UTF_DECODER(utf_16_le_decode, PyUnicode_DecodeUTF16Stateful, -1)
KRAIT_UTF_DECODER(utf_16_be_decode, PyUnicode_DecodeUTF16Stateful, 1)
KRAIT_UTF_DECODER(utf_32_decode, PyUnicode_DecodeUTF32Stateful, 0)
KRAIT_UTF_DECODER(utf_32_le_decode, PyUnicode_DecodeUTF32Stateful, -1)
KRAIT_UTF_DECODER(utf_32_be_decode, PyUnicode_DecodeUTF32Stateful, 1)
#undef KRAIT_UTF_DECODER

// utf_16_ex_decode(data, errors=None, byteorder=0, final=False) ->
// (str, consumed, detected byte order).
PyObject* utf_ex_decode(const char* fname, PyObject* const* args, Py_ssize_t nargs, UtfDecode fn) {
  if (!check_args(fname, nargs, 1, 4)) return nullptr;
  Buffer data;
  const char* errors;
  int byteorder, final;
  if (!data.get(fname, args[0], false) || !conv_errors(fname, args, nargs, 1, &errors) ||
      !conv_int(args, nargs, 2, 0, &byteorder) || !conv_int(args, nargs, 3, 0, &final)) {
    return nullptr;
  }
  Py_ssize_t consumed = data.len();
  PyObject* decoded = fn(data.data(), data.len(), errors, &byteorder, final ? nullptr : &consumed);
  if (decoded == nullptr) return nullptr;
  return Py_BuildValue("Nni", decoded, consumed, byteorder);
}

PyObject* m_utf_16_ex_decode(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  return utf_ex_decode("utf_16_ex_decode", args, nargs, PyUnicode_DecodeUTF16Stateful);
}
PyObject* m_utf_32_ex_decode(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  return utf_ex_decode("utf_32_ex_decode", args, nargs, PyUnicode_DecodeUTF32Stateful);
}

using SimpleDecode = PyObject* (*)(const char*, Py_ssize_t, const char*);

PyObject* simple_decode(const char* fname, PyObject* const* args, Py_ssize_t nargs, SimpleDecode fn) {
  if (!check_args(fname, nargs, 1, 2)) return nullptr;
  Buffer data;
  const char* errors;
  if (!data.get(fname, args[0], false) || !conv_errors(fname, args, nargs, 1, &errors)) return nullptr;
  return codec_tuple(fn(data.data(), data.len(), errors), data.len());
}

PyObject* m_latin_1_decode(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  return simple_decode("latin_1_decode", args, nargs, PyUnicode_DecodeLatin1);
}
PyObject* m_ascii_decode(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  return simple_decode("ascii_decode", args, nargs, PyUnicode_DecodeASCII);
}

PyObject* m_charmap_decode(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!check_args("charmap_decode", nargs, 1, 3)) return nullptr;
  Buffer data;
  const char* errors;
  if (!data.get("charmap_decode", args[0], false) || !conv_errors("charmap_decode", args, nargs, 1, &errors)) {
    return nullptr;
  }
  PyObject* mapping = nargs > 2 && args[2] != Py_None ? args[2] : nullptr;
  return codec_tuple(PyUnicode_DecodeCharmap(data.data(), data.len(), mapping, errors), data.len());
}

// escape_decode(data, errors=None): bytes with Python escape sequences -> bytes.
PyObject* m_escape_decode(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!check_args("escape_decode", nargs, 1, 2)) return nullptr;
  Buffer data;
  const char* errors;
  if (!data.get("escape_decode", args[0], true) || !conv_errors("escape_decode", args, nargs, 1, &errors)) {
    return nullptr;
  }
  return codec_tuple(PyBytes_DecodeEscape(data.data(), data.len(), errors, 0, nullptr), data.len());
}

// escape_encode(bytes, errors=None): the inside of a bytes literal.
PyObject* m_escape_encode(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!check_args("escape_encode", nargs, 1, 2)) return nullptr;
  if (!PyBytes_Check(args[0])) {
    _PyArg_BadArgument("escape_encode", "argument 1", "bytes", args[0]);
    return nullptr;
  }
  const char* errors;
  if (!conv_errors("escape_encode", args, nargs, 1, &errors)) return nullptr;
  PyObject* data = args[0];
  Py_ssize_t size = PyBytes_GET_SIZE(data);
  if (size > PY_SSIZE_T_MAX / 4) {
    PyErr_SetString(PyExc_OverflowError, "string is too large to encode");
    return nullptr;
  }
  PyObject* v = PyBytes_FromStringAndSize(nullptr, 4 * size);
  if (v == nullptr) return nullptr;
  const auto* in = reinterpret_cast<const unsigned char*>(PyBytes_AS_STRING(data));
  char* p = PyBytes_AS_STRING(v);
  for (Py_ssize_t i = 0; i < size; ++i) {
    unsigned char c = in[i];
    if (c == '\'' || c == '\\') {
      *p++ = '\\';
      *p++ = static_cast<char>(c);
    } else if (c == '\t') {
      *p++ = '\\';
      *p++ = 't';
    } else if (c == '\n') {
      *p++ = '\\';
      *p++ = 'n';
    } else if (c == '\r') {
      *p++ = '\\';
      *p++ = 'r';
    } else if (c < ' ' || c >= 0x7f) {
      *p++ = '\\';
      *p++ = 'x';
      *p++ = Py_hexdigits[c >> 4];
      *p++ = Py_hexdigits[c & 0xf];
    } else {
      *p++ = static_cast<char>(c);
    }
  }
  if (_PyBytes_Resize(&v, p - PyBytes_AS_STRING(v)) < 0) return nullptr;
  return codec_tuple(v, size);
}

PyObject* m_readbuffer_encode(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!check_args("readbuffer_encode", nargs, 1, 2)) return nullptr;
  Buffer data;
  const char* errors;
  if (!data.get("readbuffer_encode", args[0], true) || !conv_errors("readbuffer_encode", args, nargs, 1, &errors)) {
    return nullptr;
  }
  return codec_tuple(PyBytes_FromStringAndSize(data.data(), data.len()), data.len());
}

// --- encoders: (str, errors=None[, byteorder]) ---------------------------------------------

using StrEncode = PyObject* (*)(PyObject*, const char*);

PyObject* str_encode(const char* fname, PyObject* const* args, Py_ssize_t nargs, StrEncode fn) {
  if (!check_args(fname, nargs, 1, 2)) return nullptr;
  const char* errors;
  if (!conv_unicode(fname, args[0]) || !conv_errors(fname, args, nargs, 1, &errors)) return nullptr;
  return codec_tuple(fn(args[0], errors), PyUnicode_GET_LENGTH(args[0]));
}

PyObject* encode_utf7(PyObject* str, const char* errors) { return _PyUnicode_EncodeUTF7(str, 0, 0, errors); }
PyObject* encode_unicode_escape(PyObject* str, const char*) { return PyUnicode_AsUnicodeEscapeString(str); }
PyObject* encode_raw_unicode_escape(PyObject* str, const char*) { return PyUnicode_AsRawUnicodeEscapeString(str); }

#define KRAIT_STR_ENCODER(pyname, cfunc)                                     \
  PyObject* m_##pyname(PyObject*, PyObject* const* args, Py_ssize_t nargs) { \
    return str_encode(#pyname, args, nargs, cfunc);                          \
  }
KRAIT_STR_ENCODER(utf_7_encode, encode_utf7)
KRAIT_STR_ENCODER(utf_8_encode, _PyUnicode_AsUTF8String)
KRAIT_STR_ENCODER(unicode_escape_encode, encode_unicode_escape)
KRAIT_STR_ENCODER(raw_unicode_escape_encode, encode_raw_unicode_escape)
KRAIT_STR_ENCODER(latin_1_encode, _PyUnicode_AsLatin1String)
KRAIT_STR_ENCODER(ascii_encode, _PyUnicode_AsASCIIString)
#undef KRAIT_STR_ENCODER

using UtfEncode = PyObject* (*)(PyObject*, const char*, int);

// byteorder: 0 native with BOM, -1 little-endian, 1 big-endian. The plain
// codecs take it as an argument; the _le/_be ones fix it.
PyObject* utf_encode(const char* fname, PyObject* const* args, Py_ssize_t nargs, UtfEncode fn, int fixed,
                     bool takes_byteorder) {
  if (!check_args(fname, nargs, 1, takes_byteorder ? 3 : 2)) return nullptr;
  const char* errors;
  int byteorder = fixed;
  if (!conv_unicode(fname, args[0]) || !conv_errors(fname, args, nargs, 1, &errors)) return nullptr;
  if (takes_byteorder && !conv_int(args, nargs, 2, 0, &byteorder)) return nullptr;
  return codec_tuple(fn(args[0], errors, byteorder), PyUnicode_GET_LENGTH(args[0]));
}

#define KRAIT_UTF_ENCODER(pyname, cfunc, fixed, takes)                       \
  PyObject* m_##pyname(PyObject*, PyObject* const* args, Py_ssize_t nargs) { \
    return utf_encode(#pyname, args, nargs, cfunc, fixed, takes);            \
  }
KRAIT_UTF_ENCODER(utf_16_encode, _PyUnicode_EncodeUTF16, 0, true)
KRAIT_UTF_ENCODER(utf_16_le_encode, _PyUnicode_EncodeUTF16, -1, false)
KRAIT_UTF_ENCODER(utf_16_be_encode, _PyUnicode_EncodeUTF16, 1, false)
KRAIT_UTF_ENCODER(utf_32_encode, _PyUnicode_EncodeUTF32, 0, true)
KRAIT_UTF_ENCODER(utf_32_le_encode, _PyUnicode_EncodeUTF32, -1, false)
KRAIT_UTF_ENCODER(utf_32_be_encode, _PyUnicode_EncodeUTF32, 1, false)
#undef KRAIT_UTF_ENCODER

PyObject* m_charmap_encode(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!check_args("charmap_encode", nargs, 1, 3)) return nullptr;
  const char* errors;
  if (!conv_unicode("charmap_encode", args[0]) || !conv_errors("charmap_encode", args, nargs, 1, &errors)) {
    return nullptr;
  }
  PyObject* mapping = nargs > 2 && args[2] != Py_None ? args[2] : nullptr;
  return codec_tuple(_PyUnicode_EncodeCharmap(args[0], mapping, errors), PyUnicode_GET_LENGTH(args[0]));
}

PyObject* m_charmap_build(PyObject*, PyObject* map) {
  if (!PyUnicode_Check(map)) {
    _PyArg_BadArgument("charmap_build", "argument", "str", map);
    return nullptr;
  }
  if (PyUnicode_READY(map) == -1) return nullptr;
  return PyUnicode_BuildEncodingMap(map);
}

// --- the module -------------------------------------------------------------------------------

#define KRAIT_FASTCALL(fn) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(fn))
#define KRAIT_POS(name, sig, doc) {#name, KRAIT_FASTCALL(m_##name), METH_FASTCALL, #name sig "\n--\n\n" doc}

PyMethodDef codecs_methods[] = {
    {"register", m_register, METH_O,
     "register($module, search_function, /)\n--\n\n"
     "Register a codec search function.\n\n"
     "Search functions are expected to take one argument, the encoding name in\n"
     "all lower case letters, and either return None, or a tuple of functions\n"
     "(encoder, decoder, stream_reader, stream_writer) (or a CodecInfo object)."},
    {"unregister", m_unregister, METH_O,
     "unregister($module, search_function, /)\n--\n\n"
     "Unregister a codec search function and clear the registry's cache.\n\n"
     "If the search function is not registered, do nothing."},
    {"lookup", m_lookup, METH_O,
     "lookup($module, encoding, /)\n--\n\nLooks up a codec tuple in the Python codec registry and returns a "
     "CodecInfo object."},
    {"encode", KRAIT_FASTCALL(m_encode), METH_FASTCALL | METH_KEYWORDS,
     "encode($module, /, obj, encoding='utf-8', errors='strict')\n--\n\n"
     "Encodes obj using the codec registered for encoding.\n\n"
     "The default encoding is 'utf-8'.  errors may be given to set a\n"
     "different error handling scheme.  Default is 'strict' meaning that encoding\n"
     "errors raise a ValueError.  Other possible values are 'ignore', 'replace'\n"
     "and 'backslashreplace' as well as any other name registered with\n"
     "codecs.register_error that can handle ValueErrors."},
    {"decode", KRAIT_FASTCALL(m_decode), METH_FASTCALL | METH_KEYWORDS,
     "decode($module, /, obj, encoding='utf-8', errors='strict')\n--\n\n"
     "Decodes obj using the codec registered for encoding.\n\n"
     "Default encoding is 'utf-8'.  errors may be given to set a\n"
     "different error handling scheme.  Default is 'strict' meaning that encoding\n"
     "errors raise a ValueError.  Other possible values are 'ignore', 'replace'\n"
     "and 'backslashreplace' as well as any other name registered with\n"
     "codecs.register_error that can handle ValueErrors."},
    KRAIT_POS(escape_encode, "($module, data, errors=None, /)", ""),
    KRAIT_POS(escape_decode, "($module, data, errors=None, /)", ""),
    KRAIT_POS(utf_8_encode, "($module, str, errors=None, /)", ""),
    KRAIT_POS(utf_8_decode, "($module, data, errors=None, final=False, /)", ""),
    KRAIT_POS(utf_7_encode, "($module, str, errors=None, /)", ""),
    KRAIT_POS(utf_7_decode, "($module, data, errors=None, final=False, /)", ""),
    KRAIT_POS(utf_16_encode, "($module, str, errors=None, byteorder=0, /)", ""),
    KRAIT_POS(utf_16_le_encode, "($module, str, errors=None, /)", ""),
    KRAIT_POS(utf_16_be_encode, "($module, str, errors=None, /)", ""),
    KRAIT_POS(utf_16_decode, "($module, data, errors=None, final=False, /)", ""),
    KRAIT_POS(utf_16_le_decode, "($module, data, errors=None, final=False, /)", ""),
    KRAIT_POS(utf_16_be_decode, "($module, data, errors=None, final=False, /)", ""),
    KRAIT_POS(utf_16_ex_decode, "($module, data, errors=None, byteorder=0, final=False, /)", ""),
    KRAIT_POS(utf_32_encode, "($module, str, errors=None, byteorder=0, /)", ""),
    KRAIT_POS(utf_32_le_encode, "($module, str, errors=None, /)", ""),
    KRAIT_POS(utf_32_be_encode, "($module, str, errors=None, /)", ""),
    KRAIT_POS(utf_32_decode, "($module, data, errors=None, final=False, /)", ""),
    KRAIT_POS(utf_32_le_decode, "($module, data, errors=None, final=False, /)", ""),
    KRAIT_POS(utf_32_be_decode, "($module, data, errors=None, final=False, /)", ""),
    KRAIT_POS(utf_32_ex_decode, "($module, data, errors=None, byteorder=0, final=False, /)", ""),
    KRAIT_POS(unicode_escape_encode, "($module, str, errors=None, /)", ""),
    KRAIT_POS(unicode_escape_decode, "($module, data, errors=None, final=True, /)", ""),
    KRAIT_POS(raw_unicode_escape_encode, "($module, str, errors=None, /)", ""),
    KRAIT_POS(raw_unicode_escape_decode, "($module, data, errors=None, final=True, /)", ""),
    KRAIT_POS(latin_1_encode, "($module, str, errors=None, /)", ""),
    KRAIT_POS(latin_1_decode, "($module, data, errors=None, /)", ""),
    KRAIT_POS(ascii_encode, "($module, str, errors=None, /)", ""),
    KRAIT_POS(ascii_decode, "($module, data, errors=None, /)", ""),
    KRAIT_POS(charmap_encode, "($module, str, errors=None, mapping=None, /)", ""),
    KRAIT_POS(charmap_decode, "($module, data, errors=None, mapping=None, /)", ""),
    {"charmap_build", m_charmap_build, METH_O, "charmap_build($module, map, /)\n--\n\n"},
    KRAIT_POS(readbuffer_encode, "($module, data, errors=None, /)", ""),
    {"register_error", KRAIT_FASTCALL(m_register_error), METH_FASTCALL,
     "register_error($module, errors, handler, /)\n--\n\n"
     "Register the specified error handler under the name errors.\n\n"
     "handler must be a callable object, that will be called with an exception\n"
     "instance containing information about the location of the encoding/decoding\n"
     "error and must return a (replacement, new position) tuple."},
    {"lookup_error", m_lookup_error, METH_O,
     "lookup_error($module, name, /)\n--\n\n"
     "lookup_error(errors) -> handler\n\n"
     "Return the error handler for the specified error handling name or raise a\n"
     "LookupError, if no handler exists under this name."},
    {nullptr, nullptr, 0, nullptr},
};
#undef KRAIT_POS

PyModuleDef codecs_module = {
    PyModuleDef_HEAD_INIT,
    "_codecs",
    nullptr,
    0,
    codecs_methods,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

}  // namespace
}  // namespace krait

extern "C" PyObject* PyInit__codecs(void) { return PyModule_Create(&krait::codecs_module); }
