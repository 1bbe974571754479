// The `marshal` module and the PyMarshal_* C API.
//
// Data values use CPython's marshal format, version 4, byte for byte: the
// type codes, little-endian int32 lengths, 15-bit digits for big ints,
// binary floats, the short/ascii/interned string forms, small tuples, and
// FLAG_REF back-references (an object referenced more than once is written
// once with bit 0x80 set on its type code and later as 'r' + index).
//
// Code objects are the exception. Krait's bytecode is not CPython's, so a
// code object is written under its own type code 'K' (CPython uses 'c') and
// carries Krait's raw code-object fields:
//   'K' int32 argcount, posonlyargcount, kwonlyargcount, stacksize, flags,
//       firstlineno;
//       object code (bytes: Krait code units as stored in co_code_adaptive),
//       consts, names, localsplusnames (tuples), localspluskinds (bytes),
//       filename, name, qualname (str),
//       linetable (bytes: Krait's position table),
//       exceptiontable (bytes: Krait's 5 x uint32 records)
// Loading a CPython 'c' record fails with ValueError. The bytecode cache
// (__pycache__/*.krait-311.pyc) guards against stale Krait bytecode through
// its magic number (see runtime/import_bootstrap.cpp), so 'K' needs no
// version of its own.
#include <Python.h>
#include <marshal.h>

#include <cstddef>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

#include "bytecode/clean_code.h"

#include "bytecode/code.h"
#include "support/ref.h"

using krait::Ref;

namespace {

constexpr int kMaxDepth = 2000;
constexpr unsigned char kFlagRef = 0x80;

enum : unsigned char {
  T_NULL = '0', T_NONE = 'N', T_FALSE = 'F', T_TRUE = 'T', T_STOPITER = 'S',
  T_ELLIPSIS = '.', T_INT = 'i', T_INT64 = 'I', T_FLOAT = 'f', T_BINARY_FLOAT = 'g',
  T_COMPLEX = 'x', T_BINARY_COMPLEX = 'y', T_LONG = 'l', T_STRING = 's',
  T_INTERNED = 't', T_REF = 'r', T_TUPLE = '(', T_LIST = '[', T_DICT = '{',
  T_CODE = 'c', T_KRAIT_CODE = 'K', T_UNICODE = 'u', T_UNKNOWN = '?', T_SET = '<',
  T_FROZENSET = '>', T_ASCII = 'a', T_ASCII_INTERNED = 'A', T_SMALL_TUPLE = ')',
  T_SHORT_ASCII = 'z', T_SHORT_ASCII_INTERNED = 'Z',
};

// ---- writing -------------------------------------------------------------------

struct Writer {
  std::string out;
  int version;
  int depth = 0;
  bool error = false;  // an exception is pending
  std::unordered_map<PyObject*, int32_t> refs;
  std::vector<Ref<>> keep;  // written objects stay alive so their ids stay unique

  void byte(unsigned char c) { out.push_back(static_cast<char>(c)); }
  void i32(int32_t v) {
    uint32_t u = static_cast<uint32_t>(v);
    for (int i = 0; i < 4; i++) out.push_back(static_cast<char>((u >> (8 * i)) & 0xFF));
  }
  void i16(int v) {
    out.push_back(static_cast<char>(v & 0xFF));
    out.push_back(static_cast<char>((v >> 8) & 0xFF));
  }
  void dbl(double d) {
    char buf[8];
    std::memcpy(buf, &d, 8);  // x86-64: already little-endian IEEE 754
    out.append(buf, 8);
  }
  void size(Py_ssize_t n) {
    if (n > INT32_MAX) {
      PyErr_SetString(PyExc_ValueError, "unmarshallable object");
      error = true;
      return;
    }
    i32(static_cast<int32_t>(n));
  }
  void bytes_body(const char* p, Py_ssize_t n) {
    size(n);
    if (!error) out.append(p, static_cast<size_t>(n));
  }

  // Returns true if `v` was written as a back-reference; otherwise records
  // it and sets *flag to kFlagRef (CPython skips objects with refcount 1:
  // nothing else can refer to them).
  bool ref(PyObject* v, unsigned char* flag) {
    *flag = 0;
    if (version < 3 || Py_REFCNT(v) == 1) return false;
    auto it = refs.find(v);
    if (it != refs.end()) {
      byte(T_REF);
      i32(it->second);
      return true;
    }
    int32_t idx = static_cast<int32_t>(refs.size());
    refs.emplace(v, idx);
    keep.push_back(Ref<>::borrow(v));
    *flag = kFlagRef;
    return false;
  }

  void long_obj(PyObject* v, unsigned char flag) {
    int overflow = 0;
    long x = PyLong_AsLongAndOverflow(v, &overflow);
    if (!overflow && x >= INT32_MIN && x <= INT32_MAX) {
      byte(T_INT | flag);
      i32(static_cast<int32_t>(x));
      return;
    }
    if (x == -1 && PyErr_Occurred()) {
      error = true;
      return;
    }
    // 15-bit digits of |v|, least significant first; the count carries the sign.
    bool neg = Py_SIZE(v) < 0;
    Ref<> absv = Ref<>::steal(PyNumber_Absolute(v));
    if (!absv) {
      error = true;
      return;
    }
    size_t nbits = _PyLong_NumBits(absv.get());
    size_t nbytes = nbits / 8 + 1;
    std::vector<unsigned char> le(nbytes);
    if (_PyLong_AsByteArray(reinterpret_cast<PyLongObject*>(absv.get()), le.data(), nbytes, 1, 0) < 0) {
      error = true;
      return;
    }
    size_t ndigits = (nbits + 14) / 15;
    byte(T_LONG | flag);
    size(static_cast<Py_ssize_t>(neg ? -static_cast<Py_ssize_t>(ndigits) : static_cast<Py_ssize_t>(ndigits)));
    for (size_t d = 0; d < ndigits; d++) {
      int digit = 0;
      for (int b = 0; b < 15; b++) {
        size_t bit = d * 15 + b;
        if (bit < nbits && (le[bit / 8] >> (bit % 8)) & 1) digit |= 1 << b;
      }
      i16(digit);
    }
  }

  void unicode(PyObject* v, unsigned char flag) {
    bool interned = version >= 3 && PyUnicode_CHECK_INTERNED(v);
    if (version >= 4 && PyUnicode_IS_ASCII(v)) {
      Py_ssize_t n = PyUnicode_GET_LENGTH(v);
      const char* p = reinterpret_cast<const char*>(PyUnicode_1BYTE_DATA(v));
      if (n < 256) {
        byte((interned ? T_SHORT_ASCII_INTERNED : T_SHORT_ASCII) | flag);
        byte(static_cast<unsigned char>(n));
        out.append(p, static_cast<size_t>(n));
      } else {
        byte((interned ? T_ASCII_INTERNED : T_ASCII) | flag);
        bytes_body(p, n);
      }
      return;
    }
    Ref<> utf8 = Ref<>::steal(PyUnicode_AsEncodedString(v, "utf8", "surrogatepass"));
    if (!utf8) {
      error = true;
      return;
    }
    byte((interned ? T_INTERNED : T_UNICODE) | flag);
    bytes_body(PyBytes_AS_STRING(utf8.get()), PyBytes_GET_SIZE(utf8.get()));
  }

  void items(PyObject* seq) {  // a list or tuple's items
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    for (Py_ssize_t i = 0; i < n && !error; i++) object(PySequence_Fast_GET_ITEM(seq, i));
  }

  void code(PyCodeObject* co, unsigned char flag) {
    byte(T_KRAIT_CODE | flag);
    for (int v : {co->co_argcount, co->co_posonlyargcount, co->co_kwonlyargcount,
                  co->co_stacksize, co->co_flags, co->co_firstlineno})
      i32(v);
    // The code units as raw bytes: Py_SIZE counts 16-bit units.
    byte(T_STRING);
    std::vector<krait::bytecode::CodeUnit> units = krait::bytecode::clean_code_units(co);  // no inline caches
    bytes_body(reinterpret_cast<const char*>(units.data()), Py_SIZE(co) * 2);
    for (PyObject* o : {co->co_consts, co->co_names, co->co_localsplusnames,
                        co->co_localspluskinds, co->co_filename, co->co_name, co->co_qualname,
                        co->co_linetable, co->co_exceptiontable}) {
      if (error) return;
      object(o);
    }
  }

  void object(PyObject* v) {
    if (++depth > kMaxDepth) {
      depth--;
      PyErr_SetString(PyExc_ValueError, "object too deeply nested to marshal");
      error = true;
      return;
    }
    if (v == nullptr) byte(T_NULL);
    else if (v == Py_None) byte(T_NONE);
    else if (v == PyExc_StopIteration) byte(T_STOPITER);
    else if (v == Py_Ellipsis) byte(T_ELLIPSIS);
    else if (v == Py_False) byte(T_FALSE);
    else if (v == Py_True) byte(T_TRUE);
    else complex_object(v);
    depth--;
  }

  void complex_object(PyObject* v) {
    unsigned char flag;
    if (ref(v, &flag)) return;
    if (PyLong_CheckExact(v)) {
      long_obj(v, flag);
    } else if (PyFloat_CheckExact(v)) {
      byte(T_BINARY_FLOAT | flag);
      dbl(PyFloat_AS_DOUBLE(v));
    } else if (PyComplex_CheckExact(v)) {
      byte(T_BINARY_COMPLEX | flag);
      dbl(PyComplex_RealAsDouble(v));
      dbl(PyComplex_ImagAsDouble(v));
    } else if (PyBytes_CheckExact(v)) {
      byte(T_STRING | flag);
      bytes_body(PyBytes_AS_STRING(v), PyBytes_GET_SIZE(v));
    } else if (PyUnicode_CheckExact(v)) {
      unicode(v, flag);
    } else if (PyTuple_CheckExact(v)) {
      Py_ssize_t n = PyTuple_GET_SIZE(v);
      if (version >= 4 && n < 256) {
        byte(T_SMALL_TUPLE | flag);
        byte(static_cast<unsigned char>(n));
      } else {
        byte(T_TUPLE | flag);
        size(n);
      }
      items(v);
    } else if (PyList_CheckExact(v)) {
      byte(T_LIST | flag);
      size(PyList_GET_SIZE(v));
      items(v);
    } else if (PyDict_CheckExact(v)) {
      byte(T_DICT | flag);
      Py_ssize_t pos = 0;
      PyObject *key, *value;
      while (!error && PyDict_Next(v, &pos, &key, &value)) {
        object(key);
        if (!error) object(value);
      }
      byte(T_NULL);
    } else if (PyAnySet_CheckExact(v)) {
      byte((PyFrozenSet_CheckExact(v) ? T_FROZENSET : T_SET) | flag);
      size(PySet_GET_SIZE(v));
      Ref<> it = Ref<>::steal(PyObject_GetIter(v));
      if (!it) {
        error = true;
        return;
      }
      while (!error) {
        Ref<> item = Ref<>::steal(PyIter_Next(it.get()));
        if (!item) {
          if (PyErr_Occurred()) error = true;
          break;
        }
        object(item.get());
      }
    } else if (PyCode_Check(v)) {
      code(reinterpret_cast<PyCodeObject*>(v), flag);
    } else if (PyObject_CheckBuffer(v)) {
      Py_buffer view;
      if (PyObject_GetBuffer(v, &view, PyBUF_SIMPLE) < 0) {
        error = true;
        return;
      }
      byte(T_STRING | flag);
      bytes_body(static_cast<const char*>(view.buf), view.len);
      PyBuffer_Release(&view);
    } else {
      byte(T_UNKNOWN);
      PyErr_SetString(PyExc_ValueError, "unmarshallable object");
      error = true;
    }
  }
};

// Serializes `v`; nullptr with an exception on failure.
PyObject* dumps_impl(PyObject* v, int version) {
  Writer w;
  w.version = version;
  w.object(v);
  if (w.error) return nullptr;
  return PyBytes_FromStringAndSize(w.out.data(), static_cast<Py_ssize_t>(w.out.size()));
}

// ---- reading -------------------------------------------------------------------

PyObject* bad_data(const char* what) {
  PyErr_Format(PyExc_ValueError, "bad marshal data (%s)", what);
  return nullptr;
}

struct Reader {
  const unsigned char* p;
  const unsigned char* end;
  int depth = 0;
  std::vector<Ref<>> refs;

  bool need(Py_ssize_t n) {
    if (end - p < n) {
      PyErr_SetString(PyExc_EOFError, "marshal data too short");
      return false;
    }
    return true;
  }
  bool i32(int32_t* out) {
    if (!need(4)) return false;
    uint32_t u = uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
    p += 4;
    *out = static_cast<int32_t>(u);
    return true;
  }
  bool dbl(double* out) {
    if (!need(8)) return false;
    std::memcpy(out, p, 8);
    p += 8;
    return true;
  }
  // A length prefix; negative or past the end of the data is an error.
  bool len(Py_ssize_t* out, const char* what) {
    int32_t n;
    if (!i32(&n)) return false;
    if (n < 0) {
      bad_data(what);
      return false;
    }
    *out = n;
    return true;
  }

  // Registers `obj` (borrowed) at a reserved index, or appends it.
  Py_ssize_t reserve(bool flag) {
    if (!flag) return -1;
    refs.push_back(Ref<>::borrow(Py_None));
    return static_cast<Py_ssize_t>(refs.size()) - 1;
  }
  PyObject* set_ref(Py_ssize_t idx, PyObject* obj) {  // passes obj through
    if (idx >= 0 && obj) refs[static_cast<size_t>(idx)] = Ref<>::borrow(obj);
    return obj;
  }

  PyObject* object() {
    if (p >= end) {
      PyErr_SetString(PyExc_EOFError, "EOF read where object expected");
      return nullptr;
    }
    if (++depth > kMaxDepth) {
      depth--;
      PyErr_SetString(PyExc_ValueError, "recursion limit exceeded");
      return nullptr;
    }
    PyObject* r = object_body();
    depth--;
    return r;
  }

  PyObject* str_of(Py_ssize_t n, bool ascii, bool interned) {
    if (!need(n)) return nullptr;
    PyObject* s = ascii ? PyUnicode_DecodeLatin1(reinterpret_cast<const char*>(p), n, nullptr)
                        : PyUnicode_DecodeUTF8(reinterpret_cast<const char*>(p), n, "surrogatepass");
    p += n;
    if (s && interned) PyUnicode_InternInPlace(&s);
    return s;
  }

  PyObject* long_obj() {
    int32_t n;
    if (!i32(&n)) return nullptr;
    if (n < -(1 << 24) || n > (1 << 24)) return bad_data("long size out of range");
    size_t ndigits = static_cast<size_t>(n < 0 ? -static_cast<int64_t>(n) : n);
    std::vector<unsigned char> le((ndigits * 15) / 8 + 2, 0);
    for (size_t d = 0; d < ndigits; d++) {
      if (!need(2)) return nullptr;
      int digit = p[0] | p[1] << 8;
      p += 2;
      if (digit >= (1 << 15)) return bad_data("digit out of range in long");
      if (digit == 0 && d == ndigits - 1) return bad_data("unnormalized long data");
      for (int b = 0; b < 15; b++)
        if ((digit >> b) & 1) le[(d * 15 + b) / 8] |= static_cast<unsigned char>(1 << ((d * 15 + b) % 8));
    }
    Ref<> v = Ref<>::steal(_PyLong_FromByteArray(le.data(), le.size(), 1, 0));
    if (!v || n >= 0) return v.release();
    return PyNumber_Negative(v.get());
  }

  PyObject* code_obj(Py_ssize_t idx) {
    int32_t fields[6];
    for (int32_t& f : fields)
      if (!i32(&f)) return nullptr;
    Ref<> code = Ref<>::steal(object());
    if (!code) return nullptr;
    if (!PyBytes_Check(code.get()) || PyBytes_GET_SIZE(code.get()) % sizeof(krait::bytecode::CodeUnit))
      return bad_data("invalid code");
    Ref<> parts[9];
    for (Ref<>& part : parts) {
      part = Ref<>::steal(object());
      if (!part) return nullptr;
    }
    if (!PyTuple_Check(parts[0].get()) || !PyTuple_Check(parts[1].get()) ||
        !PyTuple_Check(parts[2].get()) || !PyBytes_Check(parts[3].get()) ||
        !PyUnicode_Check(parts[4].get()) || !PyUnicode_Check(parts[5].get()) ||
        !PyUnicode_Check(parts[6].get()) || !PyBytes_Check(parts[7].get()) ||
        !PyBytes_Check(parts[8].get()) ||
        PyTuple_GET_SIZE(parts[2].get()) != PyBytes_GET_SIZE(parts[3].get()))
      return bad_data("invalid code");
    Py_ssize_t units16 = PyBytes_GET_SIZE(code.get()) / 2;
    auto* co = PyObject_NewVar(PyCodeObject, &PyCode_Type, units16);
    if (!co) return nullptr;
    // Same initialization as bytecode::make_code: zeroed, then the fields.
    std::memset(reinterpret_cast<char*>(co) + sizeof(PyVarObject), 0,
                offsetof(PyCodeObject, co_code_adaptive) - sizeof(PyVarObject));
    std::memcpy(co->co_code_adaptive, PyBytes_AS_STRING(code.get()),
                static_cast<size_t>(PyBytes_GET_SIZE(code.get())));
    co->co_argcount = fields[0];
    co->co_posonlyargcount = fields[1];
    co->co_kwonlyargcount = fields[2];
    co->co_stacksize = fields[3];
    co->co_flags = fields[4];
    co->co_firstlineno = fields[5];
    co->co_consts = parts[0].release();
    co->co_names = parts[1].release();
    co->co_localsplusnames = parts[2].release();
    co->co_localspluskinds = parts[3].release();
    co->co_filename = parts[4].release();
    co->co_name = parts[5].release();
    co->co_qualname = parts[6].release();
    co->co_linetable = parts[7].release();
    co->co_exceptiontable = parts[8].release();
    // Caches written before constants were interned at compile time.
    if (krait::bytecode::intern_string_constants(co->co_consts) < 0) {
      Py_DECREF(co);
      return nullptr;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(co->co_localsplusnames);
    const char* kinds = PyBytes_AS_STRING(co->co_localspluskinds);
    co->co_nlocalsplus = static_cast<int>(n);
    for (Py_ssize_t i = 0; i < n; i++) {
      uint8_t k = static_cast<uint8_t>(kinds[i]);
      if (k & krait::bytecode::kFastLocal) co->co_nlocals++;
      if (k & krait::bytecode::kFastCell) {
        co->co_ncellvars++;
        if (!(k & krait::bytecode::kFastLocal)) co->co_nplaincellvars++;
      }
      if (k & krait::bytecode::kFastFree) co->co_nfreevars++;
    }
    return set_ref(idx, reinterpret_cast<PyObject*>(co));
  }

  PyObject* object_body() {
    unsigned char code = *p++;
    bool flag = code & kFlagRef;
    unsigned char type = code & static_cast<unsigned char>(~kFlagRef);
    Py_ssize_t idx = reserve(flag && type != T_REF);
    switch (type) {
      case T_NULL: return nullptr;  // only meaningful inside dicts
      case T_NONE: return Py_NewRef(Py_None);
      case T_STOPITER: return Py_NewRef(PyExc_StopIteration);
      case T_ELLIPSIS: return Py_NewRef(Py_Ellipsis);
      case T_FALSE: return Py_NewRef(Py_False);
      case T_TRUE: return Py_NewRef(Py_True);
      case T_INT: {
        int32_t v;
        if (!i32(&v)) return nullptr;
        return set_ref(idx, PyLong_FromLong(v));
      }
      case T_INT64: {
        int32_t lo, hi;
        if (!i32(&lo) || !i32(&hi)) return nullptr;
        int64_t v = static_cast<int64_t>((static_cast<uint64_t>(static_cast<uint32_t>(hi)) << 32) |
                                         static_cast<uint32_t>(lo));
        return set_ref(idx, PyLong_FromLongLong(v));
      }
      case T_LONG: return set_ref(idx, long_obj());
      case T_FLOAT:
      case T_COMPLEX: {  // text floats (marshal versions 0 and 1)
        double parts[2] = {0, 0};
        for (int k = 0; k < (type == T_FLOAT ? 1 : 2); k++) {
          if (!need(1)) return nullptr;
          int n = *p++;
          if (!need(n)) return nullptr;
          std::string text(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
          p += n;
          parts[k] = PyOS_string_to_double(text.c_str(), nullptr, nullptr);
          if (parts[k] == -1.0 && PyErr_Occurred()) return nullptr;
        }
        return set_ref(idx, type == T_FLOAT ? PyFloat_FromDouble(parts[0])
                                            : PyComplex_FromDoubles(parts[0], parts[1]));
      }
      case T_BINARY_FLOAT: {
        double d;
        if (!dbl(&d)) return nullptr;
        return set_ref(idx, PyFloat_FromDouble(d));
      }
      case T_BINARY_COMPLEX: {
        double re, im;
        if (!dbl(&re) || !dbl(&im)) return nullptr;
        return set_ref(idx, PyComplex_FromDoubles(re, im));
      }
      case T_STRING: {
        Py_ssize_t n;
        if (!len(&n, "bytes object size out of range") || !need(n)) return nullptr;
        PyObject* b = PyBytes_FromStringAndSize(reinterpret_cast<const char*>(p), n);
        p += n;
        return set_ref(idx, b);
      }
      case T_ASCII:
      case T_ASCII_INTERNED:
      case T_UNICODE:
      case T_INTERNED: {
        Py_ssize_t n;
        if (!len(&n, "string size out of range")) return nullptr;
        bool ascii = type == T_ASCII || type == T_ASCII_INTERNED;
        return set_ref(idx, str_of(n, ascii, type == T_ASCII_INTERNED || type == T_INTERNED));
      }
      case T_SHORT_ASCII:
      case T_SHORT_ASCII_INTERNED: {
        if (!need(1)) return nullptr;
        Py_ssize_t n = *p++;
        return set_ref(idx, str_of(n, true, type == T_SHORT_ASCII_INTERNED));
      }
      case T_SMALL_TUPLE:
      case T_TUPLE: {
        Py_ssize_t n;
        if (type == T_SMALL_TUPLE) {
          if (!need(1)) return nullptr;
          n = *p++;
        } else if (!len(&n, "tuple size out of range")) {
          return nullptr;
        }
        if (n > end - p) return bad_data("tuple size out of range");
        Ref<> t = Ref<>::steal(PyTuple_New(n));
        if (!t) return nullptr;
        for (Py_ssize_t i = 0; i < n; i++) {
          PyObject* item = object();
          if (!item) {
            if (!PyErr_Occurred()) bad_data("NULL object in marshal data for tuple");
            return nullptr;
          }
          PyTuple_SET_ITEM(t.get(), i, item);
        }
        return set_ref(idx, t.release());
      }
      case T_LIST: {
        Py_ssize_t n;
        if (!len(&n, "list size out of range")) return nullptr;
        if (n > end - p) return bad_data("list size out of range");
        Ref<> l = Ref<>::steal(PyList_New(n));
        if (!l) return nullptr;
        set_ref(idx, l.get());
        for (Py_ssize_t i = 0; i < n; i++) {
          PyObject* item = object();
          if (!item) {
            if (!PyErr_Occurred()) bad_data("NULL object in marshal data for list");
            return nullptr;
          }
          PyList_SET_ITEM(l.get(), i, item);
        }
        return l.release();
      }
      case T_DICT: {
        Ref<> d = Ref<>::steal(PyDict_New());
        if (!d) return nullptr;
        set_ref(idx, d.get());
        for (;;) {
          Ref<> key = Ref<>::steal(object());
          if (!key) break;
          Ref<> value = Ref<>::steal(object());
          if (!value) break;
          if (PyDict_SetItem(d.get(), key.get(), value.get()) < 0) return nullptr;
        }
        if (PyErr_Occurred()) return nullptr;
        return d.release();
      }
      case T_SET:
      case T_FROZENSET: {
        Py_ssize_t n;
        if (!len(&n, "set size out of range")) return nullptr;
        if (n > end - p) return bad_data("set size out of range");
        Ref<> s = Ref<>::steal(type == T_SET ? PySet_New(nullptr) : PyFrozenSet_New(nullptr));
        if (!s) return nullptr;
        if (type == T_SET) set_ref(idx, s.get());
        for (Py_ssize_t i = 0; i < n; i++) {
          Ref<> item = Ref<>::steal(object());
          if (!item) {
            if (!PyErr_Occurred()) bad_data("NULL object in marshal data for set");
            return nullptr;
          }
          if (PySet_Add(s.get(), item.get()) < 0) return nullptr;
        }
        return set_ref(idx, s.release());
      }
      case T_REF: {
        int32_t i;
        if (!i32(&i)) return nullptr;
        if (i < 0 || static_cast<size_t>(i) >= refs.size()) return bad_data("invalid reference");
        return Py_NewRef(refs[static_cast<size_t>(i)].get());
      }
      case T_KRAIT_CODE: return code_obj(idx);
      case T_CODE:
        PyErr_SetString(PyExc_ValueError,
                        "bad marshal data (CPython code objects cannot be loaded by Krait)");
        return nullptr;
      default: return bad_data("unknown type code");
    }
  }
};

// Reads one object from [data, data+n); *consumed gets the bytes used.
PyObject* loads_impl(const char* data, Py_ssize_t n, Py_ssize_t* consumed) {
  Reader r;
  r.p = reinterpret_cast<const unsigned char*>(data);
  r.end = r.p + n;
  PyObject* v = r.object();
  if (!v && !PyErr_Occurred()) bad_data("NULL object in marshal data for object");
  if (consumed) *consumed = reinterpret_cast<const char*>(r.p) - data;
  return v;
}

// ---- the module ----------------------------------------------------------------

PyObject* marshal_dumps(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs < 1 || nargs > 2) {
    PyErr_Format(PyExc_TypeError, "dumps expected at least 1 argument, got %zd", nargs);
    if (nargs > 2) {
      PyErr_Clear();
      PyErr_Format(PyExc_TypeError, "dumps expected at most 2 arguments, got %zd", nargs);
    }
    return nullptr;
  }
  int version = Py_MARSHAL_VERSION;
  if (nargs == 2) {
    version = static_cast<int>(PyLong_AsLong(args[1]));
    if (version == -1 && PyErr_Occurred()) return nullptr;
  }
  return dumps_impl(args[0], version);
}

PyObject* marshal_loads(PyObject*, PyObject* arg) {
  Py_buffer view;
  if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0) return nullptr;
  PyObject* r = loads_impl(static_cast<const char*>(view.buf), view.len, nullptr);
  PyBuffer_Release(&view);
  return r;
}

PyObject* marshal_dump(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs < 2 || nargs > 3) {
    PyErr_Format(PyExc_TypeError, "dump expected at least 2 arguments, got %zd", nargs);
    return nullptr;
  }
  int version = Py_MARSHAL_VERSION;
  if (nargs == 3) {
    version = static_cast<int>(PyLong_AsLong(args[2]));
    if (version == -1 && PyErr_Occurred()) return nullptr;
  }
  Ref<> data = Ref<>::steal(dumps_impl(args[0], version));
  if (!data) return nullptr;
  return PyObject_CallMethod(args[1], "write", "O", data.get());
}

// load(file): reads the rest of the file, unmarshals one object, and seeks
// back over what was not consumed when the file can seek (CPython reads
// exactly as much as it needs; the observable file position is the same).
PyObject* marshal_load(PyObject*, PyObject* file) {
  Ref<> data = Ref<>::steal(PyObject_CallMethod(file, "read", nullptr));
  if (!data) return nullptr;
  if (!PyBytes_Check(data.get())) {
    PyErr_Format(PyExc_TypeError, "file.read() returned not bytes but %.100s",
                 Py_TYPE(data.get())->tp_name);
    return nullptr;
  }
  Py_ssize_t used = 0;
  PyObject* r = loads_impl(PyBytes_AS_STRING(data.get()), PyBytes_GET_SIZE(data.get()), &used);
  if (!r) return nullptr;
  Py_ssize_t rest = PyBytes_GET_SIZE(data.get()) - used;
  if (rest > 0) {
    Ref<> s = Ref<>::steal(PyObject_CallMethod(file, "seek", "ni", -rest, 1));
    if (!s) PyErr_Clear();
  }
  return r;
}

PyMethodDef marshal_methods[] = {
    {"dump", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(marshal_dump)),
     METH_FASTCALL, "dump(value, file, version=version, /)\n--\n\nWrite the value on the open file."},
    {"load", marshal_load, METH_O, "load(file, /)\n--\n\nRead one value from the open file."},
    {"dumps", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(marshal_dumps)),
     METH_FASTCALL, "dumps(value, version=version, /)\n--\n\nReturn the bytes object that would be written to a file by dump(value, file)."},
    {"loads", marshal_loads, METH_O, "loads(bytes, /)\n--\n\nConvert the bytes-like object to a value."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef marshal_def = {
    PyModuleDef_HEAD_INIT, "marshal",
    "This module contains functions that can read and write Python values in\n"
    "a binary format. The format is specific to Python, but independent of\n"
    "machine architecture issues.\n",
    -1, marshal_methods, nullptr, nullptr, nullptr, nullptr,
};

}  // namespace

extern "C" {

PyObject* PyInit_marshal(void) {
  Ref<> m = Ref<>::steal(PyModule_Create(&marshal_def));
  if (!m) return nullptr;
  if (PyModule_AddIntConstant(m.get(), "version", Py_MARSHAL_VERSION) < 0) return nullptr;
  return m.release();
}

PyObject* PyMarshal_WriteObjectToString(PyObject* v, int version) { return dumps_impl(v, version); }

PyObject* PyMarshal_ReadObjectFromString(const char* data, Py_ssize_t len) {
  return loads_impl(data, len, nullptr);
}

void PyMarshal_WriteLongToFile(long x, FILE* fp, int) {
  uint32_t u = static_cast<uint32_t>(x);
  unsigned char b[4] = {static_cast<unsigned char>(u), static_cast<unsigned char>(u >> 8),
                        static_cast<unsigned char>(u >> 16), static_cast<unsigned char>(u >> 24)};
  fwrite(b, 1, 4, fp);
}

void PyMarshal_WriteObjectToFile(PyObject* v, FILE* fp, int version) {
  Ref<> data = Ref<>::steal(dumps_impl(v, version));
  if (!data) return;  // CPython also leaves the error set
  fwrite(PyBytes_AS_STRING(data.get()), 1, static_cast<size_t>(PyBytes_GET_SIZE(data.get())), fp);
}

long PyMarshal_ReadLongFromFile(FILE* fp) {
  unsigned char b[4];
  if (fread(b, 1, 4, fp) != 4) {
    PyErr_SetString(PyExc_EOFError, "EOF read where not expected");
    return -1;
  }
  return static_cast<int32_t>(uint32_t(b[0]) | uint32_t(b[1]) << 8 | uint32_t(b[2]) << 16 |
                              uint32_t(b[3]) << 24);
}

int PyMarshal_ReadShortFromFile(FILE* fp) {
  unsigned char b[2];
  if (fread(b, 1, 2, fp) != 2) {
    PyErr_SetString(PyExc_EOFError, "EOF read where not expected");
    return -1;
  }
  return static_cast<int16_t>(b[0] | b[1] << 8);
}

PyObject* PyMarshal_ReadLastObjectFromFile(FILE* fp) {
  std::string data;
  char buf[8192];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, fp)) > 0) data.append(buf, n);
  return loads_impl(data.data(), static_cast<Py_ssize_t>(data.size()), nullptr);
}

// Reads one object and leaves the stream just after it.
PyObject* PyMarshal_ReadObjectFromFile(FILE* fp) {
  long start = ftell(fp);
  std::string data;
  char buf[8192];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, fp)) > 0) data.append(buf, n);
  Py_ssize_t used = 0;
  PyObject* r = loads_impl(data.data(), static_cast<Py_ssize_t>(data.size()), &used);
  if (start >= 0) fseek(fp, start + used, SEEK_SET);
  return r;
}

}  // extern "C"
