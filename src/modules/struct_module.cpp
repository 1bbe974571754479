// struct_module.cpp — the `_struct` module: Struct, pack/unpack/pack_into/
// unpack_from/iter_unpack/calcsize, struct.error and the format cache.
//
// A format string is compiled once into a vector of codes (one per item or
// per s/p field, with its byte offset) and each code points at a format
// descriptor holding the pack/unpack functions for its byte order. As in
// CPython 3.11 the little-endian (or big-endian, by host) standard table
// borrows the native functions wherever sizes match (h H i I q Q e on x86-64),
// which is observable: those formats then report the native range-error
// messages ("short format requires ...") under '<' and '=' too.
#include <Python.h>

#include <climits>
#include <cstddef>
#include <cstring>

#include "support/ref.h"

using namespace krait;

namespace {

PyObject* StructError;  // struct.error

struct FormatDef;
using PackFn = int (*)(char* p, PyObject* v, const FormatDef* f);
using UnpackFn = PyObject* (*)(const char* p, const FormatDef* f);

struct FormatDef {
  char format;
  Py_ssize_t size;
  Py_ssize_t alignment;
  UnpackFn unpack;
  PackFn pack;
};

struct Code {
  const FormatDef* fmtdef;
  Py_ssize_t offset;
  Py_ssize_t size;
  Py_ssize_t repeat;
};

// ------------------------------------------------------------ integer helpers

// An int for v: ints as they are, objects with __index__ converted, anything
// else struct.error. Returns a new reference.
PyObject* get_pylong(PyObject* v) {
  if (PyLong_Check(v)) return Py_NewRef(v);
  if (Py_TYPE(v)->tp_as_number && Py_TYPE(v)->tp_as_number->nb_index) return PyNumber_Index(v);
  PyErr_SetString(StructError, "required argument is not an integer");
  return nullptr;
}

// Converts with conv; OverflowError becomes struct.error("argument out of range").
template <typename T, T (*Conv)(PyObject*)>
int get_int(PyObject* v, T* out) {
  Ref<> n = steal(get_pylong(v));
  if (!n) return -1;
  T x = Conv(n.get());
  if (x == static_cast<T>(-1) && PyErr_Occurred()) {
    if (PyErr_ExceptionMatches(PyExc_OverflowError))
      PyErr_SetString(StructError, "argument out of range");
    return -1;
  }
  *out = x;
  return 0;
}

int get_long(PyObject* v, long* x) { return get_int<long, PyLong_AsLong>(v, x); }
int get_ulong(PyObject* v, unsigned long* x) {
  return get_int<unsigned long, PyLong_AsUnsignedLong>(v, x);
}

int range_error(const FormatDef* f, bool is_unsigned) {
  size_t ulargest = static_cast<size_t>(-1) >> ((sizeof(size_t) - f->size) * 8);
  if (is_unsigned) {
    PyErr_Format(StructError, "'%c' format requires 0 <= number <= %zu", f->format, ulargest);
  } else {
    Py_ssize_t largest = static_cast<Py_ssize_t>(ulargest >> 1);
    PyErr_Format(StructError, "'%c' format requires %zd <= number <= %zd", f->format, ~largest,
                 largest);
  }
  return -1;
}

double get_double(PyObject* v) {
  double x = PyFloat_AsDouble(v);
  if (x == -1 && PyErr_Occurred()) {
    PyErr_SetString(StructError, "required argument is not a float");
  }
  return x;
}

// ------------------------------------------------------------ native packers

template <typename T>
T load(const char* p) {
  T x;
  std::memcpy(&x, p, sizeof x);
  return x;
}

template <typename T>
void store(char* p, T x) {
  std::memcpy(p, &x, sizeof x);
}

int np_byte(char* p, PyObject* v, const FormatDef*) {
  long x;
  if (get_long(v, &x) < 0) return -1;
  if (x < -128 || x > 127) {
    PyErr_SetString(StructError, "byte format requires -128 <= number <= 127");
    return -1;
  }
  *p = static_cast<char>(x);
  return 0;
}

int np_ubyte(char* p, PyObject* v, const FormatDef*) {
  long x;
  if (get_long(v, &x) < 0) return -1;
  if (x < 0 || x > 255) {
    PyErr_SetString(StructError, "ubyte format requires 0 <= number <= 255");
    return -1;
  }
  *p = static_cast<char>(x);
  return 0;
}

int np_char(char* p, PyObject* v, const FormatDef*) {
  if (PyBytes_Check(v) && PyBytes_GET_SIZE(v) == 1) {
    *p = *PyBytes_AS_STRING(v);
    return 0;
  }
  if (PyByteArray_Check(v) && PyByteArray_GET_SIZE(v) == 1) {
    *p = *PyByteArray_AS_STRING(v);
    return 0;
  }
  PyErr_SetString(StructError, "char format requires a bytes object of length 1");
  return -1;
}

int np_short(char* p, PyObject* v, const FormatDef*) {
  long x;
  if (get_long(v, &x) < 0) return -1;
  if (x < SHRT_MIN || x > SHRT_MAX) {
    PyErr_Format(StructError, "short format requires %d <= number <= %d", SHRT_MIN, SHRT_MAX);
    return -1;
  }
  store(p, static_cast<short>(x));
  return 0;
}

int np_ushort(char* p, PyObject* v, const FormatDef*) {
  long x;
  if (get_long(v, &x) < 0) return -1;
  if (x < 0 || x > USHRT_MAX) {
    PyErr_Format(StructError, "ushort format requires 0 <= number <= %u", USHRT_MAX);
    return -1;
  }
  store(p, static_cast<unsigned short>(x));
  return 0;
}

int np_int(char* p, PyObject* v, const FormatDef* f) {
  long x;
  if (get_long(v, &x) < 0) return -1;
  if (x < INT_MIN || x > INT_MAX) return range_error(f, false);
  store(p, static_cast<int>(x));
  return 0;
}

int np_uint(char* p, PyObject* v, const FormatDef* f) {
  unsigned long x;
  if (get_ulong(v, &x) < 0) return -1;
  if (x > UINT_MAX) return range_error(f, true);
  store(p, static_cast<unsigned int>(x));
  return 0;
}

template <typename T, T (*Conv)(PyObject*)>
int np_plain(char* p, PyObject* v, const FormatDef*) {
  T x;
  if (get_int<T, Conv>(v, &x) < 0) return -1;
  store(p, x);
  return 0;
}

int np_bool(char* p, PyObject* v, const FormatDef*) {
  int y = PyObject_IsTrue(v);
  if (y < 0) return -1;
  store(p, static_cast<bool>(y));
  return 0;
}

int np_halffloat(char* p, PyObject* v, const FormatDef*) {
  double x = get_double(v);
  if (x == -1 && PyErr_Occurred()) return -1;
  return PyFloat_Pack2(x, p, PY_LITTLE_ENDIAN);
}

int np_float(char* p, PyObject* v, const FormatDef*) {
  // Native floats are a plain C conversion: out-of-range values become inf.
  double x = get_double(v);
  if (x == -1 && PyErr_Occurred()) return -1;
  store(p, static_cast<float>(x));
  return 0;
}

int np_double(char* p, PyObject* v, const FormatDef*) {
  double x = get_double(v);
  if (x == -1 && PyErr_Occurred()) return -1;
  store(p, x);
  return 0;
}

int np_void_p(char* p, PyObject* v, const FormatDef*) {
  Ref<> n = steal(get_pylong(v));
  if (!n) return -1;
  void* x = PyLong_AsVoidPtr(n.get());
  if (x == nullptr && PyErr_Occurred()) return -1;
  store(p, x);
  return 0;
}

PyObject* nu_byte(const char* p, const FormatDef*) {
  return PyLong_FromLong(static_cast<signed char>(*p));
}
PyObject* nu_ubyte(const char* p, const FormatDef*) {
  return PyLong_FromLong(static_cast<unsigned char>(*p));
}
PyObject* nu_char(const char* p, const FormatDef*) { return PyBytes_FromStringAndSize(p, 1); }
PyObject* nu_short(const char* p, const FormatDef*) { return PyLong_FromLong(load<short>(p)); }
PyObject* nu_ushort(const char* p, const FormatDef*) {
  return PyLong_FromLong(load<unsigned short>(p));
}
PyObject* nu_int(const char* p, const FormatDef*) { return PyLong_FromLong(load<int>(p)); }
PyObject* nu_uint(const char* p, const FormatDef*) {
  return PyLong_FromUnsignedLong(load<unsigned int>(p));
}
PyObject* nu_long(const char* p, const FormatDef*) { return PyLong_FromLong(load<long>(p)); }
PyObject* nu_ulong(const char* p, const FormatDef*) {
  return PyLong_FromUnsignedLong(load<unsigned long>(p));
}
PyObject* nu_ssize_t(const char* p, const FormatDef*) {
  return PyLong_FromSsize_t(load<Py_ssize_t>(p));
}
PyObject* nu_size_t(const char* p, const FormatDef*) { return PyLong_FromSize_t(load<size_t>(p)); }
PyObject* nu_longlong(const char* p, const FormatDef*) {
  return PyLong_FromLongLong(load<long long>(p));
}
PyObject* nu_ulonglong(const char* p, const FormatDef*) {
  return PyLong_FromUnsignedLongLong(load<unsigned long long>(p));
}
PyObject* nu_bool(const char* p, const FormatDef*) { return PyBool_FromLong(*p != 0); }
PyObject* nu_halffloat(const char* p, const FormatDef*) {
  double x = PyFloat_Unpack2(p, PY_LITTLE_ENDIAN);
  if (x == -1.0 && PyErr_Occurred()) return nullptr;
  return PyFloat_FromDouble(x);
}
PyObject* nu_float(const char* p, const FormatDef*) { return PyFloat_FromDouble(load<float>(p)); }
PyObject* nu_double(const char* p, const FormatDef*) {
  return PyFloat_FromDouble(load<double>(p));
}
PyObject* nu_void_p(const char* p, const FormatDef*) { return PyLong_FromVoidPtr(load<void*>(p)); }

// ------------------------------------------------------------ standard sizes

template <bool LE>
void put_bytes(char* p, unsigned long long x, Py_ssize_t size) {
  for (Py_ssize_t i = 0; i < size; i++) {
    p[LE ? i : size - 1 - i] = static_cast<char>(x & 0xff);
    x >>= 8;
  }
}

template <bool LE>
unsigned long long get_bytes(const char* p, Py_ssize_t size) {
  unsigned long long x = 0;
  for (Py_ssize_t i = 0; i < size; i++) {
    x = (x << 8) | static_cast<unsigned char>(p[LE ? size - 1 - i : i]);
  }
  return x;
}

template <bool LE>
int sp_int(char* p, PyObject* v, const FormatDef* f) {
  long x;
  if (get_long(v, &x) < 0) return -1;
  if (f->size == 2 && (x < -32768 || x > 32767)) return range_error(f, false);
  if (f->size == 4 && (x < -2147483648L || x > 2147483647L)) return range_error(f, false);
  put_bytes<LE>(p, static_cast<unsigned long long>(x), f->size);
  return 0;
}

template <bool LE>
int sp_uint(char* p, PyObject* v, const FormatDef* f) {
  unsigned long x;
  if (get_ulong(v, &x) < 0) return -1;
  if (f->size < static_cast<Py_ssize_t>(sizeof(long))) {
    unsigned long maxint = (1UL << (f->size * 8)) - 1;
    if (x > maxint) return range_error(f, true);
  }
  put_bytes<LE>(p, x, f->size);
  return 0;
}

// q/Q: any overflow surfaces as OverflowError, which the pack loop turns into
// struct.error("int too large to convert") as CPython does.
template <bool LE>
int sp_longlong(char* p, PyObject* v, const FormatDef*) {
  Ref<> n = steal(get_pylong(v));
  if (!n) return -1;
  long long x = PyLong_AsLongLong(n.get());
  if (x == -1 && PyErr_Occurred()) return -1;
  put_bytes<LE>(p, static_cast<unsigned long long>(x), 8);
  return 0;
}

template <bool LE>
int sp_ulonglong(char* p, PyObject* v, const FormatDef*) {
  Ref<> n = steal(get_pylong(v));
  if (!n) return -1;
  unsigned long long x = PyLong_AsUnsignedLongLong(n.get());
  if (x == static_cast<unsigned long long>(-1) && PyErr_Occurred()) return -1;
  put_bytes<LE>(p, x, 8);
  return 0;
}

int sp_bool(char* p, PyObject* v, const FormatDef*) {
  int y = PyObject_IsTrue(v);
  if (y < 0) return -1;
  *p = static_cast<char>(y);
  return 0;
}

template <bool LE>
int sp_halffloat(char* p, PyObject* v, const FormatDef*) {
  double x = get_double(v);
  if (x == -1 && PyErr_Occurred()) return -1;
  return PyFloat_Pack2(x, p, LE);
}

template <bool LE>
int sp_float(char* p, PyObject* v, const FormatDef*) {
  double x = get_double(v);
  if (x == -1 && PyErr_Occurred()) return -1;
  return PyFloat_Pack4(x, p, LE);
}

template <bool LE>
int sp_double(char* p, PyObject* v, const FormatDef*) {
  double x = get_double(v);
  if (x == -1 && PyErr_Occurred()) return -1;
  return PyFloat_Pack8(x, p, LE);
}

template <bool LE>
PyObject* su_int(const char* p, const FormatDef* f) {
  unsigned long long x = get_bytes<LE>(p, f->size);
  int bits = static_cast<int>(f->size * 8);
  long long sx = static_cast<long long>(x);
  if (bits < 64 && (x >> (bits - 1)) & 1) sx = static_cast<long long>(x | (~0ULL << bits));
  return PyLong_FromLongLong(sx);
}

template <bool LE>
PyObject* su_uint(const char* p, const FormatDef* f) {
  return PyLong_FromUnsignedLongLong(get_bytes<LE>(p, f->size));
}

PyObject* su_bool(const char* p, const FormatDef*) { return PyBool_FromLong(*p != 0); }

template <bool LE>
PyObject* su_halffloat(const char* p, const FormatDef*) {
  double x = PyFloat_Unpack2(p, LE);
  if (x == -1.0 && PyErr_Occurred()) return nullptr;
  return PyFloat_FromDouble(x);
}

template <bool LE>
PyObject* su_float(const char* p, const FormatDef*) {
  double x = PyFloat_Unpack4(p, LE);
  if (x == -1.0 && PyErr_Occurred()) return nullptr;
  return PyFloat_FromDouble(x);
}

template <bool LE>
PyObject* su_double(const char* p, const FormatDef*) {
  double x = PyFloat_Unpack8(p, LE);
  if (x == -1.0 && PyErr_Occurred()) return nullptr;
  return PyFloat_FromDouble(x);
}

// ------------------------------------------------------------ tables

FormatDef native_table[] = {
    {'x', sizeof(char), 0, nullptr, nullptr},
    {'b', sizeof(char), 0, nu_byte, np_byte},
    {'B', sizeof(char), 0, nu_ubyte, np_ubyte},
    {'c', sizeof(char), 0, nu_char, np_char},
    {'s', sizeof(char), 0, nullptr, nullptr},
    {'p', sizeof(char), 0, nullptr, nullptr},
    {'h', sizeof(short), alignof(short), nu_short, np_short},
    {'H', sizeof(short), alignof(short), nu_ushort, np_ushort},
    {'i', sizeof(int), alignof(int), nu_int, np_int},
    {'I', sizeof(int), alignof(int), nu_uint, np_uint},
    {'l', sizeof(long), alignof(long), nu_long, np_plain<long, PyLong_AsLong>},
    {'L', sizeof(long), alignof(long), nu_ulong, np_plain<unsigned long, PyLong_AsUnsignedLong>},
    {'n', sizeof(size_t), alignof(size_t), nu_ssize_t, np_plain<Py_ssize_t, PyLong_AsSsize_t>},
    {'N', sizeof(size_t), alignof(size_t), nu_size_t, np_plain<size_t, PyLong_AsSize_t>},
    {'q', sizeof(long long), alignof(long long), nu_longlong,
     np_plain<long long, PyLong_AsLongLong>},
    {'Q', sizeof(long long), alignof(long long), nu_ulonglong,
     np_plain<unsigned long long, PyLong_AsUnsignedLongLong>},
    {'?', sizeof(bool), alignof(bool), nu_bool, np_bool},
    {'e', sizeof(short), alignof(short), nu_halffloat, np_halffloat},
    {'f', sizeof(float), alignof(float), nu_float, np_float},
    {'d', sizeof(double), alignof(double), nu_double, np_double},
    {'P', sizeof(void*), alignof(void*), nu_void_p, np_void_p},
    {0, 0, 0, nullptr, nullptr},
};

template <bool LE>
struct StdTable {
  static inline FormatDef table[] = {
      {'x', 1, 0, nullptr, nullptr},
      {'b', 1, 0, nu_byte, np_byte},
      {'B', 1, 0, nu_ubyte, np_ubyte},
      {'c', 1, 0, nu_char, np_char},
      {'s', 1, 0, nullptr, nullptr},
      {'p', 1, 0, nullptr, nullptr},
      {'h', 2, 0, su_int<LE>, sp_int<LE>},
      {'H', 2, 0, su_uint<LE>, sp_uint<LE>},
      {'i', 4, 0, su_int<LE>, sp_int<LE>},
      {'I', 4, 0, su_uint<LE>, sp_uint<LE>},
      {'l', 4, 0, su_int<LE>, sp_int<LE>},
      {'L', 4, 0, su_uint<LE>, sp_uint<LE>},
      {'q', 8, 0, su_int<LE>, sp_longlong<LE>},
      {'Q', 8, 0, su_uint<LE>, sp_ulonglong<LE>},
      {'?', 1, 0, su_bool, sp_bool},
      {'e', 2, 0, su_halffloat<LE>, sp_halffloat<LE>},
      {'f', 4, 0, su_float<LE>, sp_float<LE>},
      {'d', 8, 0, su_double<LE>, sp_double<LE>},
      {0, 0, 0, nullptr, nullptr},
  };
};

FormatDef* const lilendian_table = StdTable<true>::table;
FormatDef* const bigendian_table = StdTable<false>::table;

// The host-order standard table uses the native functions where the sizes
// agree (not for f, d and ?, whose standard semantics differ).
void swap_in_native_functions() {
  FormatDef* other = PY_LITTLE_ENDIAN ? lilendian_table : bigendian_table;
  for (FormatDef* n = native_table; n->format; n++) {
    for (FormatDef* s = other; s->format; s++) {
      if (s->format != n->format) continue;
      if (s->size == n->size && s->format != 'd' && s->format != 'f' && s->format != '?' &&
          n->pack) {
        s->pack = n->pack;
        s->unpack = n->unpack;
      }
      break;
    }
  }
}

const FormatDef* whichtable(const char** pfmt) {
  switch (**pfmt) {
    case '<': ++*pfmt; return lilendian_table;
    case '>':
    case '!': ++*pfmt; return bigendian_table;
    case '=': ++*pfmt; return PY_LITTLE_ENDIAN ? lilendian_table : bigendian_table;
    case '@': ++*pfmt; return native_table;
    default: return native_table;
  }
}

const FormatDef* getentry(int c, const FormatDef* table) {
  for (; table->format; table++) {
    if (table->format == c) return table;
  }
  PyErr_SetString(StructError, "bad char in struct format");
  return nullptr;
}

Py_ssize_t align(Py_ssize_t size, char c, const FormatDef* e) {
  if (e->format == c && e->alignment && size > 0) {
    Py_ssize_t extra = (e->alignment - 1) - (size - 1) % e->alignment;
    if (extra > PY_SSIZE_T_MAX - size) return -1;
    size += extra;
  }
  return size;
}

// ------------------------------------------------------------ Struct

struct StructObject {
  PyObject_HEAD
  Py_ssize_t s_size;  // bytes packed
  Py_ssize_t s_len;   // values packed/unpacked
  Code* s_codes;      // terminated by fmtdef == nullptr
  PyObject* s_format;  // bytes
  PyObject* weakreflist;
};

extern PyTypeObject PyStructType;
extern PyTypeObject UnpackIterType;

inline StructObject* as_struct(PyObject* o) { return reinterpret_cast<StructObject*>(o); }

// Compiles self->s_format into codes; -1 with struct.error on a bad format.
int prepare_s(StructObject* self) {
  const char* fmt = PyBytes_AS_STRING(self->s_format);
  if (std::strlen(fmt) != static_cast<size_t>(PyBytes_GET_SIZE(self->s_format))) {
    PyErr_SetString(StructError, "embedded null character");
    return -1;
  }
  const char* s = fmt;
  const FormatDef* table = whichtable(&s);
  const char* body = s;

  Py_ssize_t size = 0, len = 0, ncodes = 0;
  auto overflow = [] {
    PyErr_SetString(StructError, "total struct size too long");
    return -1;
  };
  char c;
  while ((c = *s++) != '\0') {
    if (Py_ISSPACE(c)) continue;
    Py_ssize_t num = 1;
    if ('0' <= c && c <= '9') {
      num = c - '0';
      while ('0' <= (c = *s++) && c <= '9') {
        if (num >= PY_SSIZE_T_MAX / 10 &&
            (num > PY_SSIZE_T_MAX / 10 || (c - '0') > PY_SSIZE_T_MAX % 10))
          return overflow();
        num = num * 10 + (c - '0');
      }
      if (c == '\0') {
        PyErr_SetString(StructError, "repeat count given without format specifier");
        return -1;
      }
    }
    const FormatDef* e = getentry(c, table);
    if (!e) return -1;
    switch (c) {
      case 's':
      case 'p': len++; ncodes++; break;
      case 'x': break;
      default:
        len += num;
        if (num) ncodes++;
        break;
    }
    size = align(size, c, e);
    if (size == -1) return overflow();
    if (num > (PY_SSIZE_T_MAX - size) / e->size) return overflow();
    size += num * e->size;
  }

  if (static_cast<size_t>(ncodes) + 1 > PY_SSIZE_T_MAX / sizeof(Code)) {
    PyErr_NoMemory();
    return -1;
  }
  Code* codes = static_cast<Code*>(PyMem_Malloc((ncodes + 1) * sizeof(Code)));
  if (!codes) {
    PyErr_NoMemory();
    return -1;
  }
  PyMem_Free(self->s_codes);
  self->s_codes = codes;
  self->s_size = size;
  self->s_len = len;

  s = body;
  size = 0;
  Code* code = codes;
  while ((c = *s++) != '\0') {
    if (Py_ISSPACE(c)) continue;
    Py_ssize_t num = 1;
    if ('0' <= c && c <= '9') {
      num = c - '0';
      while ('0' <= (c = *s++) && c <= '9') num = num * 10 + (c - '0');
    }
    const FormatDef* e = getentry(c, table);
    size = align(size, c, e);
    if (c == 's' || c == 'p') {
      *code++ = Code{e, size, num, 1};
      size += num;
    } else if (c == 'x') {
      size += num;
    } else if (num) {
      *code++ = Code{e, size, e->size, num};
      size += e->size * num;
    }
  }
  code->fmtdef = nullptr;
  return 0;
}

PyObject* s_new(PyTypeObject* type, PyObject*, PyObject*) {
  PyObject* self = type->tp_alloc(type, 0);
  if (!self) return nullptr;
  StructObject* s = as_struct(self);
  // As CPython: an uninitialised Struct has format b'' and size -1.
  s->s_format = PyBytes_FromStringAndSize(nullptr, 0);
  s->s_codes = static_cast<Code*>(PyMem_Malloc(sizeof(Code)));
  s->weakreflist = nullptr;
  if (!s->s_format || !s->s_codes) {
    Py_DECREF(self);
    return PyErr_NoMemory();
  }
  s->s_codes->fmtdef = nullptr;
  s->s_size = -1;
  s->s_len = -1;
  return self;
}

int s_init(PyObject* op, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"format", nullptr};
  PyObject* format;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:Struct", const_cast<char**>(kwlist), &format))
    return -1;
  Ref<> fmt;
  if (PyUnicode_Check(format)) {
    fmt = steal(PyUnicode_AsASCIIString(format));
    if (!fmt) return -1;
  } else if (PyBytes_Check(format)) {
    fmt = borrow(format);
  } else {
    PyErr_Format(PyExc_TypeError, "Struct() argument 1 must be a str or bytes object, not %.200s",
                 Py_TYPE(format)->tp_name);
    return -1;
  }
  StructObject* self = as_struct(op);
  Py_SETREF(self->s_format, fmt.release());
  return prepare_s(self);
}

void s_dealloc(PyObject* op) {
  StructObject* s = as_struct(op);
  PyTypeObject* tp = Py_TYPE(op);
  PyObject_GC_UnTrack(op);
  if (s->weakreflist) PyObject_ClearWeakRefs(op);
  PyMem_Free(s->s_codes);
  Py_XDECREF(s->s_format);
  tp->tp_free(op);
}

int s_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(as_struct(op)->s_format);
  return 0;
}

int s_clear(PyObject* op) {
  Py_CLEAR(as_struct(op)->s_format);
  return 0;
}

bool s_ready(StructObject* s) {
  if (s->s_size >= 0) return true;
  // A Struct made by __new__ alone has no format yet.
  PyErr_SetString(StructError, "Struct object is not initialized");
  return false;
}

PyObject* s_unpack_internal(StructObject* so, const char* start) {
  Ref<> result = steal(PyTuple_New(so->s_len));
  if (!result) return nullptr;
  Py_ssize_t i = 0;
  for (const Code* code = so->s_codes; code->fmtdef; code++) {
    const FormatDef* e = code->fmtdef;
    const char* res = start + code->offset;
    for (Py_ssize_t j = 0; j < code->repeat; j++) {
      PyObject* v;
      if (e->format == 's') {
        v = PyBytes_FromStringAndSize(res, code->size);
      } else if (e->format == 'p') {
        Py_ssize_t n = static_cast<unsigned char>(*res);
        if (n >= code->size) n = code->size - 1;
        if (n < 0) n = 0;
        v = PyBytes_FromStringAndSize(res + 1, n);
      } else {
        v = e->unpack(res, e);
      }
      if (!v) return nullptr;
      PyTuple_SET_ITEM(result.get(), i++, v);
      res += code->size;
    }
  }
  return result.release();
}

int s_pack_internal(StructObject* so, PyObject* const* args, char* buf) {
  std::memset(buf, 0, so->s_size);
  Py_ssize_t i = 0;
  for (const Code* code = so->s_codes; code->fmtdef; code++) {
    const FormatDef* e = code->fmtdef;
    char* res = buf + code->offset;
    for (Py_ssize_t j = 0; j < code->repeat; j++) {
      PyObject* v = args[i++];
      if (e->format == 's' || e->format == 'p') {
        const char* p;
        Py_ssize_t n;
        if (PyBytes_Check(v)) {
          p = PyBytes_AS_STRING(v);
          n = PyBytes_GET_SIZE(v);
        } else if (PyByteArray_Check(v)) {
          p = PyByteArray_AS_STRING(v);
          n = PyByteArray_GET_SIZE(v);
        } else {
          PyErr_Format(StructError, "argument for '%c' must be a bytes object", e->format);
          return -1;
        }
        if (e->format == 's') {
          if (n > code->size) n = code->size;
          if (n > 0) std::memcpy(res, p, n);
        } else if (code->size > 0) {
          if (n > code->size - 1) n = code->size - 1;
          if (n > 0) std::memcpy(res + 1, p, n);
          if (n > 255) n = 255;
          *res = static_cast<char>(static_cast<unsigned char>(n));
        }
      } else if (e->pack(res, v, e) < 0) {
        if (PyLong_Check(v) && PyErr_ExceptionMatches(PyExc_OverflowError))
          PyErr_SetString(StructError, "int too large to convert");
        return -1;
      }
      res += code->size;
    }
  }
  return 0;
}

PyObject* s_pack(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  StructObject* so = as_struct(op);
  if (nargs != so->s_len) {
    PyErr_Format(StructError, "pack expected %zd items for packing (got %zd)", so->s_len, nargs);
    return nullptr;
  }
  PyObject* result = PyBytes_FromStringAndSize(nullptr, so->s_size);
  if (!result) return nullptr;
  if (s_pack_internal(so, args, PyBytes_AS_STRING(result)) < 0) {
    Py_DECREF(result);
    return nullptr;
  }
  return result;
}

PyObject* s_pack_into(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  StructObject* so = as_struct(op);
  if (nargs != so->s_len + 2) {
    if (nargs == 0) {
      PyErr_SetString(StructError, "pack_into expected buffer argument");
    } else if (nargs == 1) {
      PyErr_SetString(StructError, "pack_into expected offset argument");
    } else {
      PyErr_Format(StructError, "pack_into expected %zd items for packing (got %zd)", so->s_len,
                   nargs - 2);
    }
    return nullptr;
  }
  Py_buffer buffer;
  if (PyObject_GetBuffer(args[0], &buffer, PyBUF_WRITABLE) < 0) {
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError, "argument must be read-write bytes-like object, not %.50s",
                 args[0] == Py_None ? "None" : Py_TYPE(args[0])->tp_name);
    return nullptr;
  }
  struct Release {
    Py_buffer* b;
    ~Release() { PyBuffer_Release(b); }
  } release{&buffer};
  Py_ssize_t offset = PyNumber_AsSsize_t(args[1], PyExc_IndexError);
  if (offset == -1 && PyErr_Occurred()) return nullptr;
  if (offset < 0) {
    if (offset + so->s_size > 0) {
      PyErr_Format(StructError, "no space to pack %zd bytes at offset %zd", so->s_size, offset);
      return nullptr;
    }
    if (offset + buffer.len < 0) {
      PyErr_Format(StructError, "offset %zd out of range for %zd-byte buffer", offset,
                   buffer.len);
      return nullptr;
    }
    offset += buffer.len;
  }
  if (buffer.len - offset < so->s_size) {
    PyErr_Format(StructError,
                 "pack_into requires a buffer of at least %zu bytes for packing %zd bytes at "
                 "offset %zd (actual buffer size is %zd)",
                 static_cast<size_t>(so->s_size) + static_cast<size_t>(offset), so->s_size,
                 offset, buffer.len);
    return nullptr;
  }
  if (s_pack_internal(so, args + 2, static_cast<char*>(buffer.buf) + offset) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* s_unpack_buffer(StructObject* so, PyObject* arg) {
  Py_buffer buffer;
  if (PyObject_GetBuffer(arg, &buffer, PyBUF_SIMPLE) < 0) return nullptr;
  PyObject* result = nullptr;
  if (buffer.len != so->s_size) {
    PyErr_Format(StructError, "unpack requires a buffer of %zd bytes", so->s_size);
  } else {
    result = s_unpack_internal(so, static_cast<const char*>(buffer.buf));
  }
  PyBuffer_Release(&buffer);
  return result;
}

PyObject* s_unpack(PyObject* op, PyObject* arg) {
  return s_unpack_buffer(as_struct(op), arg);
}

PyObject* s_unpack_from_impl(StructObject* so, PyObject* buf, Py_ssize_t offset) {
  Py_buffer buffer;
  if (PyObject_GetBuffer(buf, &buffer, PyBUF_SIMPLE) < 0) return nullptr;
  PyObject* result = nullptr;
  if (offset < 0) {
    if (offset + so->s_size > 0) {
      PyErr_Format(StructError, "not enough data to unpack %zd bytes at offset %zd", so->s_size,
                   offset);
      PyBuffer_Release(&buffer);
      return nullptr;
    }
    if (offset + buffer.len < 0) {
      PyErr_Format(StructError, "offset %zd out of range for %zd-byte buffer", offset,
                   buffer.len);
      PyBuffer_Release(&buffer);
      return nullptr;
    }
    offset += buffer.len;
  }
  if (buffer.len - offset < so->s_size) {
    PyErr_Format(StructError,
                 "unpack_from requires a buffer of at least %zu bytes for unpacking %zd bytes "
                 "at offset %zd (actual buffer size is %zd)",
                 static_cast<size_t>(so->s_size) + static_cast<size_t>(offset), so->s_size,
                 offset, buffer.len);
  } else {
    result = s_unpack_internal(so, static_cast<const char*>(buffer.buf) + offset);
  }
  PyBuffer_Release(&buffer);
  return result;
}

// Parses (buffer, offset=0) for unpack_from; `skip` leading positionals
// belong to the caller (the module function's format).
bool parse_unpack_from(PyObject* args, PyObject* kwds, PyObject** buf, Py_ssize_t* offset) {
  static const char* kwlist[] = {"buffer", "offset", nullptr};
  *offset = 0;
  return PyArg_ParseTupleAndKeywords(args, kwds, "O|n:unpack_from", const_cast<char**>(kwlist),
                                     buf, offset) != 0;
}

PyObject* s_unpack_from(PyObject* op, PyObject* args, PyObject* kwds) {
  StructObject* so = as_struct(op);
  if (!s_ready(so)) return nullptr;
  PyObject* buf;
  Py_ssize_t offset;
  if (!parse_unpack_from(args, kwds, &buf, &offset)) return nullptr;
  return s_unpack_from_impl(so, buf, offset);
}

// ------------------------------------------------------------ unpack_iterator

struct UnpackIterObject {
  PyObject_HEAD
  StructObject* so;
  Py_buffer buf;
  Py_ssize_t index;
};

void unpackiter_dealloc(PyObject* op) {
  auto* self = reinterpret_cast<UnpackIterObject*>(op);
  PyObject_GC_UnTrack(op);
  Py_XDECREF(self->so);
  if (self->buf.buf) PyBuffer_Release(&self->buf);
  PyObject_GC_Del(op);
}

int unpackiter_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* self = reinterpret_cast<UnpackIterObject*>(op);
  Py_VISIT(reinterpret_cast<PyObject*>(self->so));
  Py_VISIT(self->buf.obj);
  return 0;
}

PyObject* unpackiter_next(PyObject* op) {
  auto* self = reinterpret_cast<UnpackIterObject*>(op);
  if (!self->so) return nullptr;
  if (self->index >= self->buf.len) {
    Py_CLEAR(self->so);
    PyBuffer_Release(&self->buf);
    self->buf.buf = nullptr;
    return nullptr;
  }
  PyObject* result =
      s_unpack_internal(self->so, static_cast<const char*>(self->buf.buf) + self->index);
  self->index += self->so->s_size;
  return result;
}

PyObject* unpackiter_len(PyObject* op, PyObject*) {
  auto* self = reinterpret_cast<UnpackIterObject*>(op);
  Py_ssize_t len = 0;
  if (self->so) len = (self->buf.len - self->index) / self->so->s_size;
  return PyLong_FromSsize_t(len);
}

PyMethodDef unpackiter_methods[] = {
    {"__length_hint__", unpackiter_len, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyObject* unpackiter_new_refused(PyTypeObject*, PyObject*, PyObject*) {
  PyErr_SetString(PyExc_TypeError, "cannot create '_struct.unpack_iterator' instances");
  return nullptr;
}

PyTypeObject UnpackIterType = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_struct.unpack_iterator",
    .tp_basicsize = sizeof(UnpackIterObject),
    .tp_dealloc = unpackiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = unpackiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = unpackiter_next,
    .tp_methods = unpackiter_methods,
    .tp_new = unpackiter_new_refused,
};

PyObject* s_iter_unpack_impl(StructObject* so, PyObject* buffer) {
  if (so->s_size == 0) {
    PyErr_SetString(StructError, "cannot iteratively unpack with a struct of length 0");
    return nullptr;
  }
  auto* self = PyObject_GC_New(UnpackIterObject, &UnpackIterType);
  if (!self) return nullptr;
  self->so = nullptr;
  self->buf.buf = nullptr;
  self->buf.obj = nullptr;
  self->index = 0;
  if (PyObject_GetBuffer(buffer, &self->buf, PyBUF_SIMPLE) < 0) {
    self->buf.buf = nullptr;
    Py_DECREF(self);
    return nullptr;
  }
  if (self->buf.len % so->s_size != 0) {
    PyErr_Format(StructError, "iterative unpacking requires a buffer of a multiple of %zd bytes",
                 so->s_size);
    Py_DECREF(self);
    return nullptr;
  }
  self->so = as_struct(Py_NewRef(reinterpret_cast<PyObject*>(so)));
  PyObject_GC_Track(self);
  return reinterpret_cast<PyObject*>(self);
}

PyObject* s_iter_unpack(PyObject* op, PyObject* buffer) {
  StructObject* so = as_struct(op);
  if (!s_ready(so)) return nullptr;
  return s_iter_unpack_impl(so, buffer);
}

PyObject* s_sizeof(PyObject* op, PyObject*) {
  StructObject* so = as_struct(op);
  Py_ssize_t size = Py_TYPE(op)->tp_basicsize + sizeof(Code);
  if (so->s_codes) {
    for (const Code* c = so->s_codes; c->fmtdef; c++) size += sizeof(Code);
  }
  return PyLong_FromSsize_t(size);
}

PyObject* s_get_format(PyObject* op, void*) {
  StructObject* so = as_struct(op);
  if (!PyBytes_Check(so->s_format)) return Py_NewRef(so->s_format);
  return PyUnicode_FromStringAndSize(PyBytes_AS_STRING(so->s_format),
                                     PyBytes_GET_SIZE(so->s_format));
}

PyObject* s_get_size(PyObject* op, void*) { return PyLong_FromSsize_t(as_struct(op)->s_size); }

PyMethodDef s_methods[] = {
    {"iter_unpack", s_iter_unpack, METH_O,
     PyDoc_STR("iter_unpack($self, buffer, /)\n--\n\n"
               "Return an iterator yielding tuples.\n\n"
               "Tuples are unpacked from the given bytes source, like a repeated\n"
               "invocation of unpack_from().\n\n"
               "Requires that the bytes length be a multiple of the struct size.")},
    {"pack", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(s_pack)), METH_FASTCALL,
     PyDoc_STR("S.pack(v1, v2, ...) -> bytes\n\n"
               "Return a bytes object containing values v1, v2, ... packed according\n"
               "to the format string S.format.  See help(struct) for more on format\n"
               "strings.")},
    {"pack_into", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(s_pack_into)),
     METH_FASTCALL,
     PyDoc_STR("S.pack_into(buffer, offset, v1, v2, ...)\n\n"
               "Pack the values v1, v2, ... according to the format string S.format\n"
               "and write the packed bytes into the writable buffer buf starting at\n"
               "offset.  Note that the offset is a required argument.  See\n"
               "help(struct) for more on format strings.")},
    {"unpack", s_unpack, METH_O,
     PyDoc_STR("unpack($self, buffer, /)\n--\n\n"
               "Return a tuple containing unpacked values.\n\n"
               "Unpack according to the format string Struct.format. The buffer's size\n"
               "in bytes must be Struct.size.\n\n"
               "See help(struct) for more on format strings.")},
    {"unpack_from", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(s_unpack_from)),
     METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("unpack_from($self, /, buffer, offset=0)\n--\n\n"
               "Return a tuple containing unpacked values.\n\n"
               "Values are unpacked according to the format string Struct.format.\n\n"
               "The buffer's size in bytes, starting at position offset, must be\n"
               "at least Struct.size.\n\n"
               "See help(struct) for more on format strings.")},
    {"__sizeof__", s_sizeof, METH_NOARGS,
     PyDoc_STR("S.__sizeof__() -> size of S in memory, in bytes")},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef s_getset[] = {
    {"format", s_get_format, nullptr, PyDoc_STR("struct format string"), nullptr},
    {"size", s_get_size, nullptr, PyDoc_STR("struct size in bytes"), nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyTypeObject PyStructType = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_struct.Struct",
    .tp_basicsize = sizeof(StructObject),
    .tp_dealloc = s_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = PyDoc_STR(
        "Struct(format)\n--\n\n"
        "Create a compiled struct object.\n\n"
        "Return a new Struct object which writes and reads binary data according to\n"
        "the format string.\n\n"
        "See help(struct) for more on format strings."),
    .tp_traverse = s_traverse,
    .tp_clear = s_clear,
    .tp_weaklistoffset = offsetof(StructObject, weakreflist),
    .tp_methods = s_methods,
    .tp_getset = s_getset,
    .tp_init = s_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = s_new,
    .tp_free = PyObject_GC_Del,
};

// ------------------------------------------------------------ module functions

constexpr Py_ssize_t kMaxCache = 100;
PyObject* cache;  // dict: format -> Struct

// A Struct for `fmt`, cached by the format object. New reference.
StructObject* cache_struct(PyObject* fmt) {
  if (!cache) {
    cache = PyDict_New();
    if (!cache) return nullptr;
  }
  PyObject* s = PyDict_GetItemWithError(cache, fmt);
  if (s) return as_struct(Py_NewRef(s));
  if (PyErr_Occurred()) return nullptr;
  s = PyObject_CallOneArg(reinterpret_cast<PyObject*>(&PyStructType), fmt);
  if (!s) return nullptr;
  if (PyDict_GET_SIZE(cache) >= kMaxCache) PyDict_Clear(cache);
  if (PyDict_SetItem(cache, fmt, s) < 0) {
    Py_DECREF(s);
    return nullptr;
  }
  return as_struct(s);
}

PyObject* mod_clearcache(PyObject*, PyObject*) {
  if (cache) PyDict_Clear(cache);
  Py_RETURN_NONE;
}

PyObject* mod_calcsize(PyObject*, PyObject* fmt) {
  StructObject* s = cache_struct(fmt);
  if (!s) return nullptr;
  PyObject* r = PyLong_FromSsize_t(s->s_size);
  Py_DECREF(s);
  return r;
}

PyObject* mod_pack(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs == 0) {
    PyErr_SetString(PyExc_TypeError, "missing format argument");
    return nullptr;
  }
  StructObject* s = cache_struct(args[0]);
  if (!s) return nullptr;
  PyObject* r = s_pack(reinterpret_cast<PyObject*>(s), args + 1, nargs - 1);
  Py_DECREF(s);
  return r;
}

PyObject* mod_pack_into(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs == 0) {
    PyErr_SetString(PyExc_TypeError, "missing format argument");
    return nullptr;
  }
  StructObject* s = cache_struct(args[0]);
  if (!s) return nullptr;
  PyObject* r = s_pack_into(reinterpret_cast<PyObject*>(s), args + 1, nargs - 1);
  Py_DECREF(s);
  return r;
}

PyObject* mod_unpack(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("unpack", nargs, 2, 2)) return nullptr;
  StructObject* s = cache_struct(args[0]);
  if (!s) return nullptr;
  PyObject* r = s_unpack_buffer(s, args[1]);
  Py_DECREF(s);
  return r;
}

PyObject* mod_iter_unpack(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("iter_unpack", nargs, 2, 2)) return nullptr;
  StructObject* s = cache_struct(args[0]);
  if (!s) return nullptr;
  PyObject* r = s_iter_unpack_impl(s, args[1]);
  Py_DECREF(s);
  return r;
}

PyObject* mod_unpack_from(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"", "buffer", "offset", nullptr};
  PyObject* fmt;
  PyObject* buf;
  Py_ssize_t offset = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO|n:unpack_from", const_cast<char**>(kwlist),
                                   &fmt, &buf, &offset))
    return nullptr;
  StructObject* s = cache_struct(fmt);
  if (!s) return nullptr;
  PyObject* r = s_unpack_from_impl(s, buf, offset);
  Py_DECREF(s);
  return r;
}

template <typename F>
PyCFunction cfunc(F f) {
  return reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f));
}

PyMethodDef module_functions[] = {
    {"_clearcache", mod_clearcache, METH_NOARGS, PyDoc_STR("Clear the internal cache.")},
    {"calcsize", mod_calcsize, METH_O,
     PyDoc_STR("calcsize($module, format, /)\n--\n\n"
               "Return size in bytes of the struct described by the format string.")},
    {"iter_unpack", cfunc(mod_iter_unpack), METH_FASTCALL,
     PyDoc_STR("iter_unpack($module, format, buffer, /)\n--\n\n"
               "Return an iterator yielding tuples unpacked from the given bytes.\n\n"
               "The bytes are unpacked according to the format string, like\n"
               "a repeated invocation of unpack_from().\n\n"
               "Requires that the bytes length be a multiple of the format struct size.")},
    {"pack", cfunc(mod_pack), METH_FASTCALL,
     PyDoc_STR("pack(format, v1, v2, ...) -> bytes\n\n"
               "Return a bytes object containing the values v1, v2, ... packed according\n"
               "to the format string.  See help(struct) for more on format strings.")},
    {"pack_into", cfunc(mod_pack_into), METH_FASTCALL,
     PyDoc_STR("pack_into(format, buffer, offset, v1, v2, ...)\n\n"
               "Pack the values v1, v2, ... according to the format string and write\n"
               "the packed bytes into the writable buffer buf starting at offset.  Note\n"
               "that the offset is a required argument.  See help(struct) for more\n"
               "on format strings.")},
    {"unpack", cfunc(mod_unpack), METH_FASTCALL,
     PyDoc_STR("unpack($module, format, buffer, /)\n--\n\n"
               "Return a tuple containing values unpacked according to the format string.\n\n"
               "The buffer's size in bytes must be calcsize(format).\n\n"
               "See help(struct) for more on format strings.")},
    {"unpack_from", cfunc(mod_unpack_from), METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("unpack_from($module, format, /, buffer, offset=0)\n--\n\n"
               "Return a tuple containing values unpacked according to the format string.\n\n"
               "The buffer's size, minus offset, must be at least calcsize(format).\n\n"
               "See help(struct) for more on format strings.")},
    {nullptr, nullptr, 0, nullptr},
};

const char module_doc[] =
    "Functions to convert between Python values and C structs.\n"
    "Python bytes objects are used to hold the data representing the C struct\n"
    "and also as format strings (explained below) to describe the layout of data\n"
    "in the C struct.\n"
    "\n"
    "The optional first format char indicates byte order, size and alignment:\n"
    "  @: native order, size & alignment (default)\n"
    "  =: native order, std. size & alignment\n"
    "  <: little-endian, std. size & alignment\n"
    "  >: big-endian, std. size & alignment\n"
    "  !: same as >\n"
    "\n"
    "The remaining chars indicate types of args and must match exactly;\n"
    "these can be preceded by a decimal repeat count:\n"
    "  x: pad byte (no data); c:char; b:signed byte; B:unsigned byte;\n"
    "  ?: _Bool (requires C99; if not available, char is used instead)\n"
    "  h:short; H:unsigned short; i:int; I:unsigned int;\n"
    "  l:long; L:unsigned long; f:float; d:double; e:half-float.\n"
    "Special cases (preceding decimal count indicates length):\n"
    "  s:string (array of char); p: pascal string (with count byte).\n"
    "Special cases (only available in native format):\n"
    "  n:ssize_t; N:size_t;\n"
    "  P:an integer type that is wide enough to hold a pointer.\n"
    "Special case (not in native mode unless 'long long' in platform C):\n"
    "  q:long long; Q:unsigned long long\n"
    "Whitespace between formats is ignored.\n"
    "\n"
    "The variable struct.error is an exception raised on errors.\n";

PyModuleDef struct_module = {
    PyModuleDef_HEAD_INIT, "_struct", module_doc, -1, module_functions,
    nullptr,               nullptr,   nullptr,    nullptr,
};

}  // namespace

extern "C" PyObject* PyInit__struct(void) {
  static bool types_ready = false;
  if (!types_ready) {
    if (PyType_Ready(&PyStructType) < 0 || PyType_Ready(&UnpackIterType) < 0) return nullptr;
    swap_in_native_functions();
    types_ready = true;
  }
  Ref<> m = steal(PyModule_Create(&struct_module));
  if (!m) return nullptr;
  if (!StructError) {
    StructError = PyErr_NewException("struct.error", nullptr, nullptr);
    if (!StructError) return nullptr;
  }
  if (PyModule_AddObjectRef(m.get(), "error", StructError) < 0) return nullptr;
  if (PyModule_AddType(m.get(), &PyStructType) < 0) return nullptr;
  return m.release();
}
