// memoryview's element formats: reading and writing single items of the
// native struct formats (b B h H i I l L q Q n N f d ? c P), and item-wise
// equality of two buffers, falling back to the struct module for formats
// memoryview does not know (as CPython's memoryobject.c does).
#include <Python.h>

#include <climits>
#include <cstring>

#include "objects/memoryview_object.h"
#include "support/ref.h"

using krait::Ref;

namespace krait::buffer {

Py_ssize_t native_format(const char* fmt, char* ch) {
  if (fmt == nullptr) return -1;
  if (fmt[0] == '@') ++fmt;
  if (fmt[0] == '\0' || fmt[1] != '\0') return -1;
  Py_ssize_t size;
  switch (fmt[0]) {
    case 'c': case 'b': case 'B': size = 1; break;
    case 'h': case 'H': size = sizeof(short); break;
    case 'i': case 'I': size = sizeof(int); break;
    case 'l': case 'L': size = sizeof(long); break;
    case 'q': case 'Q': size = sizeof(long long); break;
    case 'n': case 'N': size = sizeof(Py_ssize_t); break;
    case 'f': size = sizeof(float); break;
    case 'd': size = sizeof(double); break;
    case '?': size = sizeof(bool); break;
    case 'P': size = sizeof(void*); break;
    default: return -1;
  }
  *ch = fmt[0];
  return size;
}

const char* native_format_string(const char* fmt) {
  // "@x" for every native x, so a pointer one past the '@' is "x".
  static const char kAll[][3] = {"@c", "@b", "@B", "@h", "@H", "@i", "@I", "@l", "@L",
                                 "@q", "@Q", "@n", "@N", "@f", "@d", "@?", "@P"};
  bool at = fmt[0] == '@';
  char ch;
  if (native_format(fmt, &ch) < 0) return nullptr;
  for (const auto& s : kAll) {
    if (s[1] == ch) return at ? s : s + 1;
  }
  return nullptr;
}

namespace {

template <class T>
T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
template <class T>
void store(char* p, T v) {
  std::memcpy(p, &v, sizeof v);
}

int invalid_type(const char* fmt) {
  PyErr_Format(PyExc_TypeError, "memoryview: invalid type for format '%s'", fmt);
  return -1;
}
int invalid_value(const char* fmt) {
  PyErr_Format(PyExc_ValueError, "memoryview: invalid value for format '%s'", fmt);
  return -1;
}
// A conversion failed: TypeError means the wrong type, overflow or a bad
// value means out of range; anything else (MemoryError, ...) passes through.
int conversion_error(const char* fmt) {
  if (PyErr_ExceptionMatches(PyExc_TypeError)) {
    PyErr_Clear();
    return invalid_type(fmt);
  }
  if (PyErr_ExceptionMatches(PyExc_OverflowError) || PyErr_ExceptionMatches(PyExc_ValueError)) {
    PyErr_Clear();
    return invalid_value(fmt);
  }
  return -1;
}

// Signed and unsigned integers go through __index__ (floats are rejected).
bool as_long(PyObject* item, long* out) {
  Ref<> index = steal(PyNumber_Index(item));
  if (!index) return false;
  *out = PyLong_AsLong(index.get());
  return !(*out == -1 && PyErr_Occurred());
}
bool as_ulong(PyObject* item, unsigned long* out) {
  Ref<> index = steal(PyNumber_Index(item));
  if (!index) return false;
  *out = PyLong_AsUnsignedLong(index.get());
  return !(*out == static_cast<unsigned long>(-1) && PyErr_Occurred());
}
template <class T, class Conv>
bool as_index_type(PyObject* item, T* out, Conv conv) {
  Ref<> index = steal(PyNumber_Index(item));
  if (!index) return false;
  *out = conv(index.get());
  return !(*out == static_cast<T>(-1) && PyErr_Occurred());
}

}  // namespace

static int pack_converted(char* p, PyObject* item, const char* fmt);

PyObject* unpack_item(const char* p, char fmt) {
  switch (fmt) {
    case 'B': return PyLong_FromLong(load<unsigned char>(p));
    case 'b': return PyLong_FromLong(load<signed char>(p));
    case 'h': return PyLong_FromLong(load<short>(p));
    case 'H': return PyLong_FromLong(load<unsigned short>(p));
    case 'i': return PyLong_FromLong(load<int>(p));
    case 'I': return PyLong_FromUnsignedLong(load<unsigned int>(p));
    case 'l': return PyLong_FromLong(load<long>(p));
    case 'L': return PyLong_FromUnsignedLong(load<unsigned long>(p));
    case 'q': return PyLong_FromLongLong(load<long long>(p));
    case 'Q': return PyLong_FromUnsignedLongLong(load<unsigned long long>(p));
    case 'n': return PyLong_FromSsize_t(load<Py_ssize_t>(p));
    case 'N': return PyLong_FromSize_t(load<size_t>(p));
    case 'f': return PyFloat_FromDouble(load<float>(p));
    case 'd': return PyFloat_FromDouble(load<double>(p));
    // A '?' item is a byte: any nonzero value is True (reading it as a C++
    // bool would be undefined for values other than 0 and 1).
    case '?': return PyBool_FromLong(load<unsigned char>(p) != 0);
    case 'c': return PyBytes_FromStringAndSize(p, 1);
    case 'P': return PyLong_FromVoidPtr(load<void*>(p));
    default: {
      const char s[2] = {fmt, '\0'};
      PyErr_Format(PyExc_NotImplementedError, "memoryview: format %s not supported", s);
      return nullptr;
    }
  }
}

int pack_item(PyMemoryViewObject* owner, char* dest, PyObject* item, const char* fmt) {
  // Converting `item` may run Python code (__index__, __float__, __bool__)
  // that releases the view: convert into `scratch`, re-check, then store.
  alignas(16) char scratch[16];
  char* p = scratch;
  char ch;
  Py_ssize_t size = native_format(fmt, &ch);
  if (pack_converted(p, item, fmt) < 0) return -1;
  if (owner != nullptr && !mv_check_released(owner)) return -1;
  std::memcpy(dest, scratch, static_cast<size_t>(size));
  return 0;
}

static int pack_converted(char* p, PyObject* item, const char* fmt) {
  long ld;
  unsigned long lu;
  switch (fmt[0]) {
    case 'b': case 'h': case 'i': case 'l':
      if (!as_long(item, &ld)) return conversion_error(fmt);
      switch (fmt[0]) {
        case 'b':
          if (ld < SCHAR_MIN || ld > SCHAR_MAX) return invalid_value(fmt);
          store<signed char>(p, static_cast<signed char>(ld));
          break;
        case 'h':
          if (ld < SHRT_MIN || ld > SHRT_MAX) return invalid_value(fmt);
          store<short>(p, static_cast<short>(ld));
          break;
        case 'i':
          if (ld < INT_MIN || ld > INT_MAX) return invalid_value(fmt);
          store<int>(p, static_cast<int>(ld));
          break;
        default: store<long>(p, ld); break;
      }
      return 0;
    case 'B': case 'H': case 'I': case 'L':
      if (!as_ulong(item, &lu)) return conversion_error(fmt);
      switch (fmt[0]) {
        case 'B':
          if (lu > UCHAR_MAX) return invalid_value(fmt);
          store<unsigned char>(p, static_cast<unsigned char>(lu));
          break;
        case 'H':
          if (lu > USHRT_MAX) return invalid_value(fmt);
          store<unsigned short>(p, static_cast<unsigned short>(lu));
          break;
        case 'I':
          if (lu > UINT_MAX) return invalid_value(fmt);
          store<unsigned int>(p, static_cast<unsigned int>(lu));
          break;
        default: store<unsigned long>(p, lu); break;
      }
      return 0;
    case 'q': {
      long long v;
      if (!as_index_type(item, &v, PyLong_AsLongLong)) return conversion_error(fmt);
      store(p, v);
      return 0;
    }
    case 'Q': {
      unsigned long long v;
      if (!as_index_type(item, &v, PyLong_AsUnsignedLongLong)) return conversion_error(fmt);
      store(p, v);
      return 0;
    }
    case 'n': {
      Py_ssize_t v;
      if (!as_index_type(item, &v, PyLong_AsSsize_t)) return conversion_error(fmt);
      store(p, v);
      return 0;
    }
    case 'N': {
      size_t v;
      if (!as_index_type(item, &v, PyLong_AsSize_t)) return conversion_error(fmt);
      store(p, v);
      return 0;
    }
    case 'f': case 'd': {
      double d = PyFloat_AsDouble(item);
      if (d == -1.0 && PyErr_Occurred()) return conversion_error(fmt);
      if (fmt[0] == 'f') {
        store<float>(p, static_cast<float>(d));
      } else {
        store<double>(p, d);
      }
      return 0;
    }
    case '?': {
      int truth = PyObject_IsTrue(item);
      if (truth < 0) return -1;
      store<bool>(p, truth != 0);
      return 0;
    }
    case 'c':
      if (!PyBytes_Check(item)) return invalid_type(fmt);
      if (PyBytes_GET_SIZE(item) != 1) return invalid_value(fmt);
      *p = PyBytes_AS_STRING(item)[0];
      return 0;
    case 'P': {
      void* v = PyLong_AsVoidPtr(item);
      if (v == nullptr && PyErr_Occurred()) return conversion_error(fmt);
      store(p, v);
      return 0;
    }
    default:
      PyErr_Format(PyExc_NotImplementedError, "memoryview: format %s not supported", fmt);
      return -1;
  }
}

// --- equality ------------------------------------------------------------------

namespace {

// Reads items of one buffer as Python objects: natively for native formats,
// else through struct.Struct(format).unpack_from.
class ItemReader {
 public:
  // 0 on success; -1 with an exception; 1 if struct cannot handle the
  // format (the buffers then compare unequal, as in CPython).
  int init(const Py_buffer* view) {
    const char* fmt = view->format != nullptr ? view->format : "B";
    itemsize_ = view->itemsize;
    if (native_format(fmt, &native_) >= 0) return 0;
    native_ = 0;
    Ref<> mod = steal(PyImport_ImportModule("struct"));
    if (!mod) return -1;
    Ref<> st = steal(PyObject_CallMethod(mod.get(), "Struct", "s", fmt));
    if (st) unpack_from_ = steal(PyObject_GetAttrString(st.get(), "unpack_from"));
    if (!unpack_from_) {
      // An unknown format is "not equal"; only real failures propagate.
      if (PyErr_ExceptionMatches(PyExc_ImportError) || PyErr_ExceptionMatches(PyExc_MemoryError)) return -1;
      PyErr_Clear();
      return 1;
    }
    return 0;
  }
  char native() const { return native_; }
  PyObject* read(const char* p) const {
    if (native_ != 0) return unpack_item(p, native_);
    Ref<> bytes = steal(PyBytes_FromStringAndSize(p, itemsize_));
    if (!bytes) return nullptr;
    Ref<> tup = steal(PyObject_CallOneArg(unpack_from_.get(), bytes.get()));
    if (!tup) return nullptr;
    if (PyTuple_Check(tup.get()) && PyTuple_GET_SIZE(tup.get()) == 1) {
      PyObject* item = PyTuple_GET_ITEM(tup.get(), 0);
      Py_INCREF(item);
      return item;
    }
    return tup.release();
  }

 private:
  char native_ = 0;
  Py_ssize_t itemsize_ = 0;
  Ref<> unpack_from_;
};

// Same native format on both sides: compare the C values directly (NaN
// compares unequal, and padding bits never matter, unlike memcmp).
int equal_native(const char* p, const char* q, char fmt) {
  switch (fmt) {
    case 'B': case 'c': return load<unsigned char>(p) == load<unsigned char>(q);
    case 'b': return load<signed char>(p) == load<signed char>(q);
    case 'h': return load<short>(p) == load<short>(q);
    case 'H': return load<unsigned short>(p) == load<unsigned short>(q);
    case 'i': return load<int>(p) == load<int>(q);
    case 'I': return load<unsigned>(p) == load<unsigned>(q);
    case 'l': return load<long>(p) == load<long>(q);
    case 'L': return load<unsigned long>(p) == load<unsigned long>(q);
    case 'q': return load<long long>(p) == load<long long>(q);
    case 'Q': return load<unsigned long long>(p) == load<unsigned long long>(q);
    case 'n': return load<Py_ssize_t>(p) == load<Py_ssize_t>(q);
    case 'N': return load<size_t>(p) == load<size_t>(q);
    case 'f': return load<float>(p) == load<float>(q);
    case 'd': return load<double>(p) == load<double>(q);
    case '?': return (load<unsigned char>(p) != 0) == (load<unsigned char>(q) != 0);
    case 'P': return load<void*>(p) == load<void*>(q);
    default: return 0;
  }
}

struct Comparer {
  const Py_buffer* a;
  const Py_buffer* b;
  const ItemReader* ra;
  const ItemReader* rb;
  char same;  // the shared native format, or 0 for object comparison

  int items(const char* p, const char* q) const {
    if (same != 0) return equal_native(p, q, same);
    Ref<> x = steal(ra->read(p));
    if (!x) return -1;
    Ref<> y = steal(rb->read(q));
    if (!y) return -1;
    return PyObject_RichCompareBool(x.get(), y.get(), Py_EQ);
  }

  int dim(int d, const char* p, const char* q) const {
    Py_ssize_t n = a->shape[d];
    for (Py_ssize_t i = 0; i < n; ++i) {
      const char* pp = adjust_ptr(const_cast<char*>(p) + a->strides[d] * i, a->suboffsets, d);
      const char* qq = adjust_ptr(const_cast<char*>(q) + b->strides[d] * i, b->suboffsets, d);
      int eq = d + 1 == a->ndim ? items(pp, qq) : dim(d + 1, pp, qq);
      if (eq <= 0) return eq;
    }
    return 1;
  }
};

}  // namespace

int compare_buffers(const Py_buffer* a, const Py_buffer* b) {
  ItemReader ra, rb;
  int rc = ra.init(a);
  if (rc != 0) return rc < 0 ? -1 : 0;
  rc = rb.init(b);
  if (rc != 0) return rc < 0 ? -1 : 0;
  Comparer cmp{a, b, &ra, &rb, 0};
  if (ra.native() != 0 && ra.native() == rb.native()) cmp.same = ra.native();
  if (a->ndim == 0) return cmp.items(static_cast<const char*>(a->buf), static_cast<const char*>(b->buf));
  return cmp.dim(0, static_cast<const char*>(a->buf), static_cast<const char*>(b->buf));
}

}  // namespace krait::buffer
