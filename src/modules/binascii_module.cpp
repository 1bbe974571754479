// binascii_module.cpp — the `binascii` module: hex, base64, quoted-printable
// and uuencode conversions, crc32 and crc_hqx, binascii.Error/Incomplete.
//
// The a2b_* functions take bytes-like objects or ASCII-only str (CPython's
// "ascii buffer" converter); b2a_* take bytes-like objects only. Every
// decoder follows CPython 3.11's quirks exactly (a2b_uu of an empty line,
// non-strict base64 skipping garbage, the CRLF detection of b2a_qp), since
// email/uu/base64 in the stdlib and their users depend on them.
#include <Python.h>

#include <cstring>
#include <string>

#include "support/ref.h"

using namespace krait;

namespace {

PyObject* Error;       // binascii.Error (ValueError)
PyObject* Incomplete;  // binascii.Incomplete

// ------------------------------------------------------------ argument helpers

// Py_buffer view that releases itself.
struct Buffer {
  Py_buffer view{};
  bool held = false;
  ~Buffer() {
    if (held) PyBuffer_Release(&view);
  }
  const unsigned char* data() const { return static_cast<const unsigned char*>(view.buf); }
  Py_ssize_t len() const { return view.len; }
};

// CPython's ascii_buffer_converter: bytes-like, or str of ASCII characters.
int ascii_buffer_converter(PyObject* arg, void* out) {
  auto* b = static_cast<Buffer*>(out);
  if (PyUnicode_Check(arg)) {
    if (PyUnicode_READY(arg) < 0) return 0;
    if (!PyUnicode_IS_ASCII(arg)) {
      PyErr_SetString(PyExc_ValueError,
                      "string argument should contain only ASCII characters");
      return 0;
    }
    // The str's UTF-8/ASCII data stays alive as long as the str: keep a reference.
    if (PyBuffer_FillInfo(&b->view, arg, PyUnicode_DATA(arg), PyUnicode_GET_LENGTH(arg), 1,
                          PyBUF_SIMPLE) < 0)
      return 0;
    b->held = true;
    return 1;
  }
  if (PyObject_GetBuffer(arg, &b->view, PyBUF_SIMPLE) != 0) {
    PyErr_Format(PyExc_TypeError, "argument should be bytes, buffer or ASCII string, not '%.100s'",
                 Py_TYPE(arg)->tp_name);
    return 0;
  }
  if (!PyBuffer_IsContiguous(&b->view, 'C')) {
    PyErr_Format(PyExc_TypeError, "argument should be a contiguous buffer, not '%.100s'",
                 Py_TYPE(arg)->tp_name);
    PyBuffer_Release(&b->view);
    return 0;
  }
  b->held = true;
  return 1;
}

// "y*" for a bytes-like data argument.
int data_converter(PyObject* arg, void* out) {
  auto* b = static_cast<Buffer*>(out);
  if (PyObject_GetBuffer(arg, &b->view, PyBUF_SIMPLE) != 0) {
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.100s'",
                 Py_TYPE(arg)->tp_name);
    return 0;
  }
  b->held = true;
  return 1;
}

PyObject* bytes_of(const std::string& s) {
  return PyBytes_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(s.size()));
}

const char kHexUpper[] = "0123456789ABCDEF";
const char kHexLower[] = "0123456789abcdef";

int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// ------------------------------------------------------------ uu

PyObject* a2b_uu(PyObject*, PyObject* arg) {
  Buffer b;
  if (!ascii_buffer_converter(arg, &b)) return nullptr;
  const unsigned char* ascii = b.data();
  Py_ssize_t ascii_len = b.len();
  // The first byte is the decoded length; an empty line reads as NUL, which
  // CPython decodes as 32 zero bytes.
  unsigned char first = ascii_len > 0 ? ascii[0] : 0;
  Py_ssize_t bin_len = (first - ' ') & 077;
  ascii++;
  ascii_len--;
  std::string out;
  out.reserve(bin_len);
  unsigned int leftchar = 0;
  int leftbits = 0;
  for (; bin_len > 0; ascii_len--, ascii++) {
    unsigned int ch = ascii_len > 0 ? *ascii : 0;
    if (ch == '\n' || ch == '\r' || ascii_len <= 0) {
      ch = 0;  // whitespace eaten at end of line
    } else {
      if (ch < ' ' || ch > (' ' + 64)) {
        PyErr_SetString(Error, "Illegal char");
        return nullptr;
      }
      ch = (ch - ' ') & 077;
    }
    leftchar = (leftchar << 6) | ch;
    leftbits += 6;
    if (leftbits >= 8) {
      leftbits -= 8;
      out.push_back(static_cast<char>((leftchar >> leftbits) & 0xff));
      leftchar &= (1u << leftbits) - 1;
      bin_len--;
    }
  }
  while (ascii_len-- > 0) {
    unsigned char ch = *ascii++;
    if (ch != ' ' && ch != ' ' + 64 && ch != '\n' && ch != '\r') {
      PyErr_SetString(Error, "Trailing garbage");
      return nullptr;
    }
  }
  return bytes_of(out);
}

PyObject* b2a_uu(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"", "backtick", nullptr};
  Buffer b;
  int backtick = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O&|$p:b2a_uu", const_cast<char**>(kwlist),
                                   data_converter, &b, &backtick))
    return nullptr;
  Py_ssize_t bin_len = b.len();
  if (bin_len > 45) {
    PyErr_SetString(Error, "At most 45 bytes at once");
    return nullptr;
  }
  const unsigned char* bin = b.data();
  std::string out;
  out.push_back(backtick && !bin_len ? '`' : static_cast<char>(' ' + bin_len));
  unsigned int leftchar = 0;
  int leftbits = 0;
  for (; bin_len > 0 || leftbits != 0; bin_len--, bin++) {
    leftchar = bin_len > 0 ? (leftchar << 8) | *bin : leftchar << 8;
    leftbits += 8;
    while (leftbits >= 6) {
      unsigned int ch = (leftchar >> (leftbits - 6)) & 0x3f;
      leftbits -= 6;
      out.push_back(backtick && !ch ? '`' : static_cast<char>(ch + ' '));
    }
  }
  out.push_back('\n');
  return bytes_of(out);
}

// ------------------------------------------------------------ base64

const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int b64_value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return 64;
}

PyObject* a2b_base64(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"", "strict_mode", nullptr};
  Buffer b;
  int strict_mode = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O&|$p:a2b_base64", const_cast<char**>(kwlist),
                                   ascii_buffer_converter, &b, &strict_mode))
    return nullptr;
  const unsigned char* ascii = b.data();
  Py_ssize_t ascii_len = b.len();
  if (strict_mode && ascii_len > 0 && ascii[0] == '=') {
    PyErr_SetString(Error, "Leading padding not allowed");
    return nullptr;
  }
  std::string out;
  out.reserve(ascii_len / 4 * 3 + 3);
  int quad_pos = 0;
  unsigned char leftchar = 0;
  int pads = 0;
  bool padding_started = false;
  for (Py_ssize_t i = 0; i < ascii_len; i++) {
    unsigned char ch = ascii[i];
    if (ch == '=') {
      padding_started = true;
      if (strict_mode && quad_pos == 0) {
        PyErr_SetString(Error, "Excess padding not allowed");
        return nullptr;
      }
      if (quad_pos >= 2 && quad_pos + ++pads >= 4) {
        // A complete pad sequence ends the data.
        if (strict_mode && i + 1 < ascii_len) {
          PyErr_SetString(Error, "Excess data after padding");
          return nullptr;
        }
        return bytes_of(out);
      }
      continue;
    }
    int v = b64_value(ch);
    if (v >= 64) {
      if (strict_mode) {
        PyErr_SetString(Error, "Only base64 data is allowed");
        return nullptr;
      }
      continue;
    }
    if (strict_mode && padding_started) {
      PyErr_SetString(Error, "Discontinuous padding not allowed");
      return nullptr;
    }
    pads = 0;
    switch (quad_pos) {
      case 0:
        quad_pos = 1;
        leftchar = static_cast<unsigned char>(v);
        break;
      case 1:
        quad_pos = 2;
        out.push_back(static_cast<char>((leftchar << 2) | (v >> 4)));
        leftchar = v & 0x0f;
        break;
      case 2:
        quad_pos = 3;
        out.push_back(static_cast<char>((leftchar << 4) | (v >> 2)));
        leftchar = v & 0x03;
        break;
      default:
        quad_pos = 0;
        out.push_back(static_cast<char>((leftchar << 6) | v));
        leftchar = 0;
        break;
    }
  }
  if (quad_pos == 1) {
    PyErr_Format(Error,
                 "Invalid base64-encoded string: number of data characters (%zd) cannot be 1 "
                 "more than a multiple of 4",
                 static_cast<Py_ssize_t>(out.size()) / 3 * 4 + 1);
    return nullptr;
  }
  if (quad_pos != 0) {
    PyErr_SetString(Error, "Incorrect padding");
    return nullptr;
  }
  return bytes_of(out);
}

PyObject* b2a_base64(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"", "newline", nullptr};
  Buffer b;
  int newline = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O&|$p:b2a_base64", const_cast<char**>(kwlist),
                                   data_converter, &b, &newline))
    return nullptr;
  const unsigned char* bin = b.data();
  Py_ssize_t n = b.len();
  if (n > (PY_SSIZE_T_MAX / 4) * 3 - 3) {
    PyErr_SetString(Error, "Too much data for base64 line");
    return nullptr;
  }
  Py_ssize_t out_len = (n + 2) / 3 * 4 + (newline ? 1 : 0);
  PyObject* result = PyBytes_FromStringAndSize(nullptr, out_len);
  if (!result) return nullptr;
  char* o = PyBytes_AS_STRING(result);
  Py_ssize_t i = 0;
  for (; i + 3 <= n; i += 3) {
    unsigned int v = (bin[i] << 16) | (bin[i + 1] << 8) | bin[i + 2];
    *o++ = kB64[v >> 18];
    *o++ = kB64[(v >> 12) & 63];
    *o++ = kB64[(v >> 6) & 63];
    *o++ = kB64[v & 63];
  }
  if (n - i == 1) {
    unsigned int v = bin[i] << 16;
    *o++ = kB64[v >> 18];
    *o++ = kB64[(v >> 12) & 63];
    *o++ = '=';
    *o++ = '=';
  } else if (n - i == 2) {
    unsigned int v = (bin[i] << 16) | (bin[i + 1] << 8);
    *o++ = kB64[v >> 18];
    *o++ = kB64[(v >> 12) & 63];
    *o++ = kB64[(v >> 6) & 63];
    *o++ = '=';
  }
  if (newline) *o++ = '\n';
  return result;
}

// ------------------------------------------------------------ crc

unsigned short crc_hqx_table[256];
unsigned int crc32_table[256];

void init_crc_tables() {
  for (unsigned int i = 0; i < 256; i++) {
    unsigned int c = i << 8;
    for (int k = 0; k < 8; k++) c = (c & 0x8000) ? (c << 1) ^ 0x1021 : c << 1;
    crc_hqx_table[i] = static_cast<unsigned short>(c & 0xffff);
    unsigned int r = i;
    for (int k = 0; k < 8; k++) r = (r & 1) ? (r >> 1) ^ 0xEDB88320u : r >> 1;
    crc32_table[i] = r;
  }
}

// An unsigned int argument taken bitwise (no range check), as clinic's
// unsigned_int(bitwise=True).
bool uint_bitwise(PyObject* o, unsigned int* out) {
  if (PyFloat_Check(o)) {
    PyErr_SetString(PyExc_TypeError, "integer argument expected, got float");
    return false;
  }
  unsigned long v = PyLong_AsUnsignedLongMask(o);
  if (v == static_cast<unsigned long>(-1) && PyErr_Occurred()) return false;
  *out = static_cast<unsigned int>(v);
  return true;
}

PyObject* crc_hqx(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("crc_hqx", nargs, 2, 2)) return nullptr;
  Buffer b;
  if (!data_converter(args[0], &b)) return nullptr;
  unsigned int crc;
  if (!uint_bitwise(args[1], &crc)) return nullptr;
  crc &= 0xffff;
  const unsigned char* p = b.data();
  for (Py_ssize_t i = 0; i < b.len(); i++)
    crc = ((crc << 8) & 0xff00) ^ crc_hqx_table[((crc >> 8) & 0xff) ^ p[i]];
  return PyLong_FromUnsignedLong(crc);
}

PyObject* crc32(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("crc32", nargs, 1, 2)) return nullptr;
  Buffer b;
  if (!data_converter(args[0], &b)) return nullptr;
  unsigned int crc = 0;
  if (nargs > 1 && !uint_bitwise(args[1], &crc)) return nullptr;
  crc = ~crc;
  const unsigned char* p = b.data();
  for (Py_ssize_t i = 0; i < b.len(); i++) crc = crc32_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
  return PyLong_FromUnsignedLong(~crc & 0xffffffffu);
}

// ------------------------------------------------------------ hex

PyObject* hexlify_impl(PyObject* args, PyObject* kwds, const char* fmt) {
  static const char* kwlist[] = {"data", "sep", "bytes_per_sep", nullptr};
  Buffer b;
  PyObject* sep = nullptr;
  int bytes_per_sep = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, fmt, const_cast<char**>(kwlist), data_converter,
                                   &b, &sep, &bytes_per_sep))
    return nullptr;
  char sep_char = 0;
  if (sep) {
    Py_ssize_t seplen = PyObject_Length(sep);
    if (seplen < 0) return nullptr;
    if (seplen != 1) {
      PyErr_SetString(PyExc_ValueError, "sep must be length 1.");
      return nullptr;
    }
    if (PyUnicode_Check(sep)) {
      if (PyUnicode_KIND(sep) != PyUnicode_1BYTE_KIND) {
        PyErr_SetString(PyExc_ValueError, "sep must be ASCII.");
        return nullptr;
      }
      sep_char = static_cast<char>(PyUnicode_READ_CHAR(sep, 0));
    } else if (PyBytes_Check(sep)) {
      sep_char = PyBytes_AS_STRING(sep)[0];
    } else {
      PyErr_SetString(PyExc_TypeError, "sep must be str or bytes.");
      return nullptr;
    }
  } else {
    bytes_per_sep = 0;
  }
  Py_ssize_t n = b.len();
  Py_ssize_t group = bytes_per_sep < 0 ? -static_cast<Py_ssize_t>(bytes_per_sep) : bytes_per_sep;
  Py_ssize_t nseps = (group && n > 0) ? (n - 1) / group : 0;
  if (n > (PY_SSIZE_T_MAX - nseps) / 2) return PyErr_NoMemory();
  PyObject* result = PyBytes_FromStringAndSize(nullptr, n * 2 + nseps);
  if (!result) return nullptr;
  char* o = PyBytes_AS_STRING(result);
  const unsigned char* p = b.data();
  for (Py_ssize_t i = 0; i < n; i++) {
    // Positive group sizes count from the right, negative from the left.
    if (nseps && i > 0) {
      bool boundary = bytes_per_sep > 0 ? (n - i) % group == 0 : i % group == 0;
      if (boundary) *o++ = sep_char;
    }
    *o++ = kHexLower[p[i] >> 4];
    *o++ = kHexLower[p[i] & 15];
  }
  return result;
}

PyObject* b2a_hex(PyObject*, PyObject* args, PyObject* kwds) {
  return hexlify_impl(args, kwds, "O&|Oi:b2a_hex");
}

PyObject* hexlify(PyObject*, PyObject* args, PyObject* kwds) {
  return hexlify_impl(args, kwds, "O&|Oi:hexlify");
}

PyObject* a2b_hex(PyObject*, PyObject* arg) {
  Buffer b;
  if (!ascii_buffer_converter(arg, &b)) return nullptr;
  Py_ssize_t n = b.len();
  if (n % 2) {
    PyErr_SetString(Error, "Odd-length string");
    return nullptr;
  }
  PyObject* result = PyBytes_FromStringAndSize(nullptr, n / 2);
  if (!result) return nullptr;
  char* o = PyBytes_AS_STRING(result);
  const unsigned char* p = b.data();
  for (Py_ssize_t i = 0; i < n; i += 2) {
    int hi = hex_value(p[i]);
    int lo = hex_value(p[i + 1]);
    if (hi < 0 || lo < 0) {
      Py_DECREF(result);
      PyErr_SetString(Error, "Non-hexadecimal digit found");
      return nullptr;
    }
    *o++ = static_cast<char>((hi << 4) | lo);
  }
  return result;
}

// ------------------------------------------------------------ quoted-printable

PyObject* a2b_qp(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"data", "header", nullptr};
  Buffer b;
  int header = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O&|i:a2b_qp", const_cast<char**>(kwlist),
                                   ascii_buffer_converter, &b, &header))
    return nullptr;
  const unsigned char* in = b.data();
  Py_ssize_t len = b.len();
  std::string out;
  out.reserve(len);
  Py_ssize_t i = 0;
  while (i < len) {
    if (in[i] == '=') {
      i++;
      if (i >= len) break;
      if (in[i] == '\n' || in[i] == '\r') {  // soft line break
        if (in[i] != '\n') {
          while (i < len && in[i] != '\n') i++;
        }
        if (i < len) i++;
      } else if (in[i] == '=') {  // "==" from broken encoders
        out.push_back('=');
        i++;
      } else if (i + 1 < len && hex_value(in[i]) >= 0 && hex_value(in[i + 1]) >= 0) {
        out.push_back(static_cast<char>((hex_value(in[i]) << 4) | hex_value(in[i + 1])));
        i += 2;
      } else {
        out.push_back('=');
      }
    } else if (header && in[i] == '_') {
      out.push_back(' ');
      i++;
    } else {
      out.push_back(static_cast<char>(in[i]));
      i++;
    }
  }
  return bytes_of(out);
}

constexpr Py_ssize_t kMaxLineSize = 76;

PyObject* b2a_qp(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"data", "quotetabs", "istext", "header", nullptr};
  Buffer b;
  int quotetabs = 0, istext = 1, header = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O&|iii:b2a_qp", const_cast<char**>(kwlist),
                                   data_converter, &b, &quotetabs, &istext, &header))
    return nullptr;
  const unsigned char* in = b.data();
  Py_ssize_t len = b.len();
  // The line ending of the output follows the first line ending of the input.
  const void* nl = std::memchr(in, '\n', len);
  bool crlf = nl && nl > static_cast<const void*>(in) &&
              static_cast<const unsigned char*>(nl)[-1] == '\r';
  std::string out;
  out.reserve(len + len / 4);
  auto soft_break = [&] {
    out.push_back('=');
    if (crlf) out.push_back('\r');
    out.push_back('\n');
  };
  auto put_hex = [&](unsigned char c) {
    out.push_back(kHexUpper[c >> 4]);
    out.push_back(kHexUpper[c & 15]);
  };
  Py_ssize_t i = 0, linelen = 0;
  while (i < len) {
    unsigned char c = in[i];
    bool last = i + 1 == len;
    bool quote =
        c > 126 || c == '=' || (header && c == '_') ||
        (c == '.' && linelen == 0 &&
         (last || in[i + 1] == '\n' || in[i + 1] == '\r' || in[i + 1] == 0)) ||
        (!istext && (c == '\r' || c == '\n')) || ((c == '\t' || c == ' ') && last) ||
        (c < 33 && c != '\r' && c != '\n' && (quotetabs || (c != '\t' && c != ' ')));
    if (quote) {
      if (linelen + 3 >= kMaxLineSize) {
        soft_break();
        linelen = 0;
      }
      out.push_back('=');
      put_hex(c);
      i++;
      linelen += 3;
    } else if (istext && (c == '\n' || (i + 1 < len && c == '\r' && in[i + 1] == '\n'))) {
      linelen = 0;
      // Whitespace before a line end must be quoted.
      if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
        unsigned char ws = static_cast<unsigned char>(out.back());
        out.back() = '=';
        put_hex(ws);
      }
      if (crlf) out.push_back('\r');
      out.push_back('\n');
      i += c == '\r' ? 2 : 1;  // the input's own line end, whatever the output's style
    } else {
      if (!last && in[i + 1] != '\n' && linelen + 1 >= kMaxLineSize) {
        soft_break();
        linelen = 0;
      }
      linelen++;
      out.push_back(header && c == ' ' ? '_' : static_cast<char>(c));
      i++;
    }
  }
  return bytes_of(out);
}

// ------------------------------------------------------------ module

template <typename F>
PyCFunction cfunc(F f) {
  return reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f));
}

PyMethodDef binascii_functions[] = {
    {"a2b_uu", a2b_uu, METH_O, PyDoc_STR("a2b_uu($module, data, /)\n--\n\nDecode a line of uuencoded data.")},
    {"b2a_uu", cfunc(b2a_uu), METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("b2a_uu($module, data, /, *, backtick=False)\n--\n\nUuencode line of data.")},
    {"a2b_base64", cfunc(a2b_base64), METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("a2b_base64($module, data, /, *, strict_mode=False)\n--\n\n"
               "Decode a line of base64 data.\n\n"
               "  strict_mode\n"
               "    When set to True, bytes that are not part of the base64 standard are not allowed.\n"
               "    The same applies to excess data after padding (= / ==).")},
    {"b2a_base64", cfunc(b2a_base64), METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("b2a_base64($module, data, /, *, newline=True)\n--\n\n"
               "Base64-code line of data.")},
    {"crc_hqx", cfunc(crc_hqx), METH_FASTCALL,
     PyDoc_STR("crc_hqx($module, data, crc, /)\n--\n\nCompute CRC-CCITT incrementally.")},
    {"crc32", cfunc(crc32), METH_FASTCALL,
     PyDoc_STR("crc32($module, data, crc=0, /)\n--\n\nCompute CRC-32 incrementally.")},
    {"b2a_hex", cfunc(b2a_hex), METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("b2a_hex($module, /, data, sep=<unrepresentable>, bytes_per_sep=1)\n--\n\n"
               "Hexadecimal representation of binary data.")},
    {"hexlify", cfunc(hexlify), METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("hexlify($module, /, data, sep=<unrepresentable>, bytes_per_sep=1)\n--\n\n"
               "Hexadecimal representation of binary data.")},
    {"a2b_hex", a2b_hex, METH_O,
     PyDoc_STR("a2b_hex($module, hexstr, /)\n--\n\nBinary data of hexadecimal representation.")},
    {"unhexlify", a2b_hex, METH_O,
     PyDoc_STR("unhexlify($module, hexstr, /)\n--\n\nBinary data of hexadecimal representation.")},
    {"a2b_qp", cfunc(a2b_qp), METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("a2b_qp($module, /, data, header=False)\n--\n\nDecode a string of qp-encoded data.")},
    {"b2a_qp", cfunc(b2a_qp), METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("b2a_qp($module, /, data, quotetabs=False, istext=True, header=False)\n--\n\n"
               "Encode a string using quoted-printable encoding.")},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef binascii_module = {
    PyModuleDef_HEAD_INIT,
    "binascii",
    "Conversion between binary data and ASCII",
    -1,
    binascii_functions,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

}  // namespace

extern "C" PyObject* PyInit_binascii(void) {
  static bool tables_ready = false;
  if (!tables_ready) {
    init_crc_tables();
    tables_ready = true;
  }
  Ref<> m = steal(PyModule_Create(&binascii_module));
  if (!m) return nullptr;
  if (!Error) {
    Error = PyErr_NewException("binascii.Error", PyExc_ValueError, nullptr);
    if (!Error) return nullptr;
  }
  if (!Incomplete) {
    Incomplete = PyErr_NewException("binascii.Incomplete", nullptr, nullptr);
    if (!Incomplete) return nullptr;
  }
  if (PyModule_AddObjectRef(m.get(), "Error", Error) < 0 ||
      PyModule_AddObjectRef(m.get(), "Incomplete", Incomplete) < 0)
    return nullptr;
  return m.release();
}
