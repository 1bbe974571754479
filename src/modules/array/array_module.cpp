// array_module.cpp — the `array` module: typed arrays of C numbers.
//
// Layout as CPython 3.11's arrayobject (so __sizeof__ and buffer_info agree):
// a contiguous item buffer with CPython's over-allocation rule, a type
// descriptor per typecode, a weakref list and an export count that forbids
// resizing while a buffer is exported.
#include <Python.h>

#include <cstddef>
#include <cfloat>
#include <climits>
#include <cstring>
#include <cwchar>

namespace {

struct ArrayObject;

struct Descr {
  char typecode;
  int itemsize;
  PyObject* (*getitem)(ArrayObject*, Py_ssize_t);
  int (*setitem)(ArrayObject*, Py_ssize_t, PyObject*);  // i < 0: validate only
  const char* formats;
  bool is_integer;
  bool is_signed;
  int mformat;  // native machine-format code for pickling
};

struct ArrayObject {
  PyObject_VAR_HEAD
  char* ob_item;
  Py_ssize_t allocated;
  const Descr* ob_descr;
  PyObject* weakreflist;
  Py_ssize_t ob_exports;
};

struct ArrayIter {
  PyObject_HEAD
  Py_ssize_t index;
  ArrayObject* ao;
  PyObject* (*getitem)(ArrayObject*, Py_ssize_t);
};

extern PyTypeObject Array_Type;
extern PyTypeObject ArrayIter_Type;

inline bool array_check(PyObject* o) { return PyObject_TypeCheck(o, &Array_Type); }

// -- item conversion, messages as CPython's getargs-based converters ---------

int as_long_checked(PyObject* v, long* out) {
  long x = PyLong_AsLong(v);
  if (x == -1 && PyErr_Occurred()) return -1;
  *out = x;
  return 0;
}

int range_err(const char* what, bool less) {
  PyErr_Format(PyExc_OverflowError, "%s is %s", what, less ? "less than minimum" : "greater than maximum");
  return -1;
}

template <class T>
T& at(ArrayObject* a, Py_ssize_t i) {
  return reinterpret_cast<T*>(a->ob_item)[i];
}

PyObject* b_get(ArrayObject* a, Py_ssize_t i) { return PyLong_FromLong(at<signed char>(a, i)); }
int b_set(ArrayObject* a, Py_ssize_t i, PyObject* v) {
  long x;
  if (as_long_checked(v, &x) < 0) return -1;
  if (x < SHRT_MIN) return range_err("signed short integer", true);
  if (x > SHRT_MAX) return range_err("signed short integer", false);
  if (x < -128) return range_err("signed char", true);
  if (x > 127) return range_err("signed char", false);
  if (i >= 0) at<signed char>(a, i) = static_cast<signed char>(x);
  return 0;
}
PyObject* BB_get(ArrayObject* a, Py_ssize_t i) { return PyLong_FromLong(at<unsigned char>(a, i)); }
int BB_set(ArrayObject* a, Py_ssize_t i, PyObject* v) {
  long x;
  if (as_long_checked(v, &x) < 0) return -1;
  if (x < 0) return range_err("unsigned byte integer", true);
  if (x > UCHAR_MAX) return range_err("unsigned byte integer", false);
  if (i >= 0) at<unsigned char>(a, i) = static_cast<unsigned char>(x);
  return 0;
}
PyObject* u_get(ArrayObject* a, Py_ssize_t i) { return PyUnicode_FromOrdinal(static_cast<int>(at<wchar_t>(a, i))); }
int u_set(ArrayObject* a, Py_ssize_t i, PyObject* v) {
  if (!PyUnicode_Check(v) || PyUnicode_GET_LENGTH(v) != 1) {
    PyErr_SetString(PyExc_TypeError, "array item must be unicode character");
    return -1;
  }
  if (i >= 0) at<wchar_t>(a, i) = static_cast<wchar_t>(PyUnicode_READ_CHAR(v, 0));
  return 0;
}
PyObject* h_get(ArrayObject* a, Py_ssize_t i) { return PyLong_FromLong(at<short>(a, i)); }
int h_set(ArrayObject* a, Py_ssize_t i, PyObject* v) {
  long x;
  if (as_long_checked(v, &x) < 0) return -1;
  if (x < SHRT_MIN) return range_err("signed short integer", true);
  if (x > SHRT_MAX) return range_err("signed short integer", false);
  if (i >= 0) at<short>(a, i) = static_cast<short>(x);
  return 0;
}
PyObject* HH_get(ArrayObject* a, Py_ssize_t i) { return PyLong_FromLong(at<unsigned short>(a, i)); }
int HH_set(ArrayObject* a, Py_ssize_t i, PyObject* v) {
  long x;
  if (as_long_checked(v, &x) < 0) return -1;
  if (x < INT_MIN) return range_err("signed integer", true);
  if (x > INT_MAX) return range_err("signed integer", false);
  if (x < 0) return range_err("unsigned short", true);
  if (x > USHRT_MAX) return range_err("unsigned short", false);
  if (i >= 0) at<unsigned short>(a, i) = static_cast<unsigned short>(x);
  return 0;
}
PyObject* i_get(ArrayObject* a, Py_ssize_t i) { return PyLong_FromLong(at<int>(a, i)); }
int i_set(ArrayObject* a, Py_ssize_t i, PyObject* v) {
  long x;
  if (as_long_checked(v, &x) < 0) return -1;
  if (x < INT_MIN) return range_err("signed integer", true);
  if (x > INT_MAX) return range_err("signed integer", false);
  if (i >= 0) at<int>(a, i) = static_cast<int>(x);
  return 0;
}
// I and L: index first, reject negatives with CPython's own wording, then convert.
int unsigned_long_of(PyObject* v, unsigned long* out) {
  PyObject* idx = PyNumber_Index(v);
  if (!idx) return -1;
  if (Py_SIZE(idx) < 0) {
    Py_DECREF(idx);
    PyErr_SetString(PyExc_OverflowError, "can't convert negative value to unsigned int");
    return -1;
  }
  unsigned long x = PyLong_AsUnsignedLong(idx);
  Py_DECREF(idx);
  if (x == static_cast<unsigned long>(-1) && PyErr_Occurred()) return -1;
  *out = x;
  return 0;
}
PyObject* II_get(ArrayObject* a, Py_ssize_t i) { return PyLong_FromUnsignedLong(at<unsigned int>(a, i)); }
int II_set(ArrayObject* a, Py_ssize_t i, PyObject* v) {
  unsigned long x;
  if (unsigned_long_of(v, &x) < 0) return -1;
  if (x > UINT_MAX) return range_err("unsigned int", false);
  if (i >= 0) at<unsigned int>(a, i) = static_cast<unsigned int>(x);
  return 0;
}
PyObject* l_get(ArrayObject* a, Py_ssize_t i) { return PyLong_FromLong(at<long>(a, i)); }
int l_set(ArrayObject* a, Py_ssize_t i, PyObject* v) {
  long x;
  if (as_long_checked(v, &x) < 0) return -1;
  if (i >= 0) at<long>(a, i) = x;
  return 0;
}
PyObject* LL_get(ArrayObject* a, Py_ssize_t i) { return PyLong_FromUnsignedLong(at<unsigned long>(a, i)); }
int LL_set(ArrayObject* a, Py_ssize_t i, PyObject* v) {
  unsigned long x;
  if (unsigned_long_of(v, &x) < 0) return -1;
  if (i >= 0) at<unsigned long>(a, i) = x;
  return 0;
}
PyObject* q_get(ArrayObject* a, Py_ssize_t i) { return PyLong_FromLongLong(at<long long>(a, i)); }
int q_set(ArrayObject* a, Py_ssize_t i, PyObject* v) {
  PyObject* idx = PyNumber_Index(v);
  if (!idx) return -1;
  long long x = PyLong_AsLongLong(idx);
  Py_DECREF(idx);
  if (x == -1 && PyErr_Occurred()) return -1;
  if (i >= 0) at<long long>(a, i) = x;
  return 0;
}
PyObject* QQ_get(ArrayObject* a, Py_ssize_t i) { return PyLong_FromUnsignedLongLong(at<unsigned long long>(a, i)); }
int QQ_set(ArrayObject* a, Py_ssize_t i, PyObject* v) {
  PyObject* idx = PyNumber_Index(v);
  if (!idx) return -1;
  unsigned long long x = PyLong_AsUnsignedLongLong(idx);
  Py_DECREF(idx);
  if (x == static_cast<unsigned long long>(-1) && PyErr_Occurred()) return -1;
  if (i >= 0) at<unsigned long long>(a, i) = x;
  return 0;
}
PyObject* f_get(ArrayObject* a, Py_ssize_t i) { return PyFloat_FromDouble(at<float>(a, i)); }
int f_set(ArrayObject* a, Py_ssize_t i, PyObject* v) {
  double x = PyFloat_AsDouble(v);
  if (x == -1.0 && PyErr_Occurred()) return -1;
  if (i >= 0) at<float>(a, i) = static_cast<float>(x);
  return 0;
}
PyObject* d_get(ArrayObject* a, Py_ssize_t i) { return PyFloat_FromDouble(at<double>(a, i)); }
int d_set(ArrayObject* a, Py_ssize_t i, PyObject* v) {
  double x = PyFloat_AsDouble(v);
  if (x == -1.0 && PyErr_Occurred()) return -1;
  if (i >= 0) at<double>(a, i) = x;
  return 0;
}

// Machine format codes of the pickle protocol (array._array_reconstructor).
enum MFormat {
  UINT8 = 0, INT8 = 1, UINT16_LE = 2, UINT16_BE = 3, INT16_LE = 4, INT16_BE = 5,
  UINT32_LE = 6, UINT32_BE = 7, INT32_LE = 8, INT32_BE = 9, UINT64_LE = 10, UINT64_BE = 11,
  INT64_LE = 12, INT64_BE = 13, FLOAT_LE = 14, FLOAT_BE = 15, DOUBLE_LE = 16, DOUBLE_BE = 17,
  UTF16_LE = 18, UTF16_BE = 19, UTF32_LE = 20, UTF32_BE = 21,
};

const Descr descriptors[] = {
    {'b', 1, b_get, b_set, "b", true, true, INT8},
    {'B', 1, BB_get, BB_set, "B", true, false, UINT8},
    {'u', sizeof(wchar_t), u_get, u_set, "w", false, false, sizeof(wchar_t) == 2 ? UTF16_LE : UTF32_LE},
    {'h', sizeof(short), h_get, h_set, "h", true, true, INT16_LE},
    {'H', sizeof(short), HH_get, HH_set, "H", true, false, UINT16_LE},
    {'i', sizeof(int), i_get, i_set, "i", true, true, INT32_LE},
    {'I', sizeof(int), II_get, II_set, "I", true, false, UINT32_LE},
    {'l', sizeof(long), l_get, l_set, "l", true, true, INT64_LE},
    {'L', sizeof(long), LL_get, LL_set, "L", true, false, UINT64_LE},
    {'q', sizeof(long long), q_get, q_set, "q", true, true, INT64_LE},
    {'Q', sizeof(long long), QQ_get, QQ_set, "Q", true, false, UINT64_LE},
    {'f', sizeof(float), f_get, f_set, "f", false, false, FLOAT_LE},
    {'d', sizeof(double), d_get, d_set, "d", false, false, DOUBLE_LE},
};

const Descr* find_descr(int c) {
  for (const Descr& d : descriptors)
    if (d.typecode == c) return &d;
  return nullptr;
}

// -- storage --------------------------------------------------------------

PyObject* new_array(PyTypeObject* type, Py_ssize_t size, const Descr* descr) {
  if (size < 0) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  if (size > PY_SSIZE_T_MAX / descr->itemsize) return PyErr_NoMemory();
  auto* op = reinterpret_cast<ArrayObject*>(type->tp_alloc(type, 0));
  if (!op) return nullptr;
  op->ob_descr = descr;
  op->allocated = size;
  op->weakreflist = nullptr;
  Py_SET_SIZE(op, size);
  op->ob_exports = 0;
  if (size <= 0) {
    op->ob_item = nullptr;
  } else {
    op->ob_item = static_cast<char*>(PyMem_Malloc(static_cast<size_t>(size) * descr->itemsize));
    if (!op->ob_item) {
      Py_DECREF(op);
      return PyErr_NoMemory();
    }
  }
  return reinterpret_cast<PyObject*>(op);
}

// CPython's over-allocation rule, so sizes (and __sizeof__) match.
int array_resize(ArrayObject* self, Py_ssize_t newsize) {
  if (self->ob_exports > 0 && newsize != Py_SIZE(self)) {
    PyErr_SetString(PyExc_BufferError, "cannot resize an array that is exporting buffers");
    return -1;
  }
  if (self->allocated >= newsize && Py_SIZE(self) < newsize + 16 && self->ob_item != nullptr) {
    Py_SET_SIZE(self, newsize);
    return 0;
  }
  if (newsize == 0) {
    PyMem_Free(self->ob_item);
    self->ob_item = nullptr;
    Py_SET_SIZE(self, 0);
    self->allocated = 0;
    return 0;
  }
  Py_ssize_t alloc = (newsize >> 4) + (Py_SIZE(self) < 8 ? 3 : 7) + newsize;
  int isz = self->ob_descr->itemsize;
  if (alloc > PY_SSIZE_T_MAX / isz) {
    PyErr_NoMemory();
    return -1;
  }
  char* items = static_cast<char*>(PyMem_Realloc(self->ob_item, static_cast<size_t>(alloc * isz)));
  if (!items) {
    PyErr_NoMemory();
    return -1;
  }
  self->ob_item = items;
  Py_SET_SIZE(self, newsize);
  self->allocated = alloc;
  return 0;
}

PyObject* getarrayitem(PyObject* op, Py_ssize_t i) {
  auto* a = reinterpret_cast<ArrayObject*>(op);
  return a->ob_descr->getitem(a, i);
}

int ins1(ArrayObject* self, Py_ssize_t where, PyObject* v) {
  Py_ssize_t n = Py_SIZE(self);
  if (self->ob_descr->setitem(self, -1, v) < 0) return -1;
  if (array_resize(self, n + 1) < 0) return -1;
  if (where < 0) {
    where += n;
    if (where < 0) where = 0;
  }
  if (where > n) where = n;
  int isz = self->ob_descr->itemsize;
  if (where != n)
    std::memmove(self->ob_item + (where + 1) * isz, self->ob_item + where * isz, static_cast<size_t>((n - where) * isz));
  return self->ob_descr->setitem(self, where, v);
}

PyObject* make_array_same(ArrayObject* a, Py_ssize_t n) { return new_array(&Array_Type, n, a->ob_descr); }

}  // namespace

namespace {

#define SELF reinterpret_cast<ArrayObject*>(op)
#define FN(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

// -- sequence protocol ------------------------------------------------------

Py_ssize_t array_length(PyObject* op) { return Py_SIZE(op); }

PyObject* array_item(PyObject* op, Py_ssize_t i) {
  if (i < 0 || i >= Py_SIZE(op)) {
    PyErr_SetString(PyExc_IndexError, "array index out of range");
    return nullptr;
  }
  return getarrayitem(op, i);
}

PyObject* array_slice(ArrayObject* a, Py_ssize_t lo, Py_ssize_t hi) {
  if (lo < 0) lo = 0;
  else if (lo > Py_SIZE(a)) lo = Py_SIZE(a);
  if (hi < 0) hi = 0;
  if (hi < lo) hi = lo;
  else if (hi > Py_SIZE(a)) hi = Py_SIZE(a);
  PyObject* np = new_array(&Array_Type, hi - lo, a->ob_descr);
  if (!np) return nullptr;
  if (hi > lo)
    std::memcpy(reinterpret_cast<ArrayObject*>(np)->ob_item, a->ob_item + lo * a->ob_descr->itemsize, static_cast<size_t>((hi - lo) * a->ob_descr->itemsize));
  return np;
}

PyObject* array_concat(PyObject* op, PyObject* bb) {
  if (!array_check(bb)) {
    PyErr_Format(PyExc_TypeError, "can only append array (not \"%.200s\") to array", Py_TYPE(bb)->tp_name);
    return nullptr;
  }
  auto* a = SELF;
  auto* b = reinterpret_cast<ArrayObject*>(bb);
  if (a->ob_descr != b->ob_descr) {
    PyErr_BadArgument();
    return nullptr;
  }
  if (Py_SIZE(a) > PY_SSIZE_T_MAX - Py_SIZE(b)) return PyErr_NoMemory();
  Py_ssize_t n = Py_SIZE(a) + Py_SIZE(b);
  PyObject* np = new_array(&Array_Type, n, a->ob_descr);
  if (!np) return nullptr;
  int isz = a->ob_descr->itemsize;
  auto* r = reinterpret_cast<ArrayObject*>(np);
  if (Py_SIZE(a)) std::memcpy(r->ob_item, a->ob_item, static_cast<size_t>(Py_SIZE(a) * isz));
  if (Py_SIZE(b)) std::memcpy(r->ob_item + Py_SIZE(a) * isz, b->ob_item, static_cast<size_t>(Py_SIZE(b) * isz));
  return np;
}

PyObject* array_repeat(PyObject* op, Py_ssize_t n) {
  auto* a = SELF;
  if (n < 0) n = 0;
  Py_ssize_t len = Py_SIZE(a);
  if (len != 0 && n > PY_SSIZE_T_MAX / len) return PyErr_NoMemory();
  PyObject* np = new_array(&Array_Type, len * n, a->ob_descr);
  if (!np) return nullptr;
  size_t chunk = static_cast<size_t>(len * a->ob_descr->itemsize);
  auto* r = reinterpret_cast<ArrayObject*>(np);
  for (Py_ssize_t i = 0; i < n; i++) std::memcpy(r->ob_item + i * chunk, a->ob_item, chunk);
  return np;
}

int array_del_slice(ArrayObject* a, Py_ssize_t lo, Py_ssize_t hi) {
  Py_ssize_t n = Py_SIZE(a);
  if (lo < 0) lo = 0;
  if (hi > n) hi = n;
  if (hi <= lo) return 0;
  if (a->ob_exports > 0) {
    PyErr_SetString(PyExc_BufferError, "cannot resize an array that is exporting buffers");
    return -1;
  }
  int isz = a->ob_descr->itemsize;
  std::memmove(a->ob_item + lo * isz, a->ob_item + hi * isz, static_cast<size_t>((n - hi) * isz));
  return array_resize(a, n - (hi - lo));
}

int array_ass_item(PyObject* op, Py_ssize_t i, PyObject* v) {
  if (i < 0 || i >= Py_SIZE(op)) {
    PyErr_SetString(PyExc_IndexError, "array assignment index out of range");
    return -1;
  }
  if (!v) return array_del_slice(SELF, i, i + 1);
  return SELF->ob_descr->setitem(SELF, i, v);
}

int array_contains(PyObject* op, PyObject* v) {
  for (Py_ssize_t i = 0; i < Py_SIZE(op); i++) {
    PyObject* item = getarrayitem(op, i);
    if (!item) return -1;
    int r = PyObject_RichCompareBool(item, v, Py_EQ);
    Py_DECREF(item);
    if (r != 0) return r;
  }
  return 0;
}

int array_extend_impl(ArrayObject* self, PyObject* bb);

PyObject* array_inplace_concat(PyObject* op, PyObject* bb) {
  if (!array_check(bb)) {
    PyErr_Format(PyExc_TypeError, "can only extend array with array (not \"%.200s\")", Py_TYPE(bb)->tp_name);
    return nullptr;
  }
  if (array_extend_impl(SELF, bb) < 0) return nullptr;
  Py_INCREF(op);
  return op;
}

PyObject* array_inplace_repeat(PyObject* op, Py_ssize_t n) {
  auto* a = SELF;
  Py_ssize_t len = Py_SIZE(a);
  if (len > 0) {
    if (n < 0) n = 0;
    if (n > 0 && len > PY_SSIZE_T_MAX / n) return PyErr_NoMemory();
    if (array_resize(a, len * n) < 0) return nullptr;
    size_t chunk = static_cast<size_t>(len * a->ob_descr->itemsize);
    for (Py_ssize_t i = 1; i < n; i++) std::memcpy(a->ob_item + i * chunk, a->ob_item, chunk);
  }
  Py_INCREF(op);
  return op;
}

// -- mapping protocol (slices) -----------------------------------------------

PyObject* array_subscr(PyObject* op, PyObject* item) {
  auto* a = SELF;
  if (PyIndex_Check(item)) {
    Py_ssize_t i = PyNumber_AsSsize_t(item, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return nullptr;
    if (i < 0) i += Py_SIZE(a);
    return array_item(op, i);
  }
  if (!PySlice_Check(item)) {
    PyErr_SetString(PyExc_TypeError, "array indices must be integers");
    return nullptr;
  }
  Py_ssize_t start, stop, step;
  if (PySlice_Unpack(item, &start, &stop, &step) < 0) return nullptr;
  Py_ssize_t n = PySlice_AdjustIndices(Py_SIZE(a), &start, &stop, step);
  if (step == 1) return array_slice(a, start, stop);
  PyObject* np = new_array(&Array_Type, n, a->ob_descr);
  if (!np) return nullptr;
  int isz = a->ob_descr->itemsize;
  auto* r = reinterpret_cast<ArrayObject*>(np);
  for (Py_ssize_t i = 0, cur = start; i < n; i++, cur += step)
    std::memcpy(r->ob_item + i * isz, a->ob_item + cur * isz, static_cast<size_t>(isz));
  return np;
}

int array_ass_subscr(PyObject* op, PyObject* item, PyObject* value) {
  auto* self = SELF;
  Py_ssize_t start, stop, step, slicelength;
  if (PyIndex_Check(item)) {
    Py_ssize_t i = PyNumber_AsSsize_t(item, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return -1;
    if (i < 0) i += Py_SIZE(self);
    if (i < 0 || i >= Py_SIZE(self)) {
      PyErr_SetString(PyExc_IndexError, "array assignment index out of range");
      return -1;
    }
    if (!value) {
      start = i;
      stop = i + 1;
      step = 1;
      slicelength = 1;
    } else {
      return self->ob_descr->setitem(self, i, value);
    }
  } else if (PySlice_Check(item)) {
    if (PySlice_Unpack(item, &start, &stop, &step) < 0) return -1;
    slicelength = PySlice_AdjustIndices(Py_SIZE(self), &start, &stop, step);
  } else {
    PyErr_SetString(PyExc_TypeError, "array indices must be integers");
    return -1;
  }
  Py_ssize_t needed = 0;
  PyObject* other_owned = nullptr;
  ArrayObject* other = nullptr;
  if (value) {
    if (!array_check(value)) {
      PyErr_Format(PyExc_TypeError, "can only assign array (not \"%.200s\") to array slice", Py_TYPE(value)->tp_name);
      return -1;
    }
    if (value == op) {  // x[a:b] = x: work on a copy
      other_owned = array_slice(self, 0, Py_SIZE(self));
      if (!other_owned) return -1;
      other = reinterpret_cast<ArrayObject*>(other_owned);
    } else {
      other = reinterpret_cast<ArrayObject*>(value);
    }
    needed = Py_SIZE(other);
    if (other->ob_descr != self->ob_descr) {
      Py_XDECREF(other_owned);
      PyErr_BadArgument();
      return -1;
    }
  }
  int isz = self->ob_descr->itemsize;
  int rc = 0;
  if (step == 1) {
    Py_ssize_t lo = start, hi = start + slicelength;
    if (self->ob_exports > 0 && needed != slicelength) {
      PyErr_SetString(PyExc_BufferError, "cannot resize an array that is exporting buffers");
      rc = -1;
    } else {
      Py_ssize_t n = Py_SIZE(self);
      if (needed < slicelength) {
        std::memmove(self->ob_item + (lo + needed) * isz, self->ob_item + hi * isz, static_cast<size_t>((n - hi) * isz));
        rc = array_resize(self, n + needed - slicelength);
      } else if (needed > slicelength) {
        rc = array_resize(self, n + needed - slicelength);
        if (rc == 0)
          std::memmove(self->ob_item + (lo + needed) * isz, self->ob_item + hi * isz,
                       static_cast<size_t>((n - hi) * isz));
      }
      if (rc == 0 && needed > 0)
        std::memcpy(self->ob_item + lo * isz, other->ob_item, static_cast<size_t>(needed * isz));
    }
  } else if (!value) {  // extended-slice deletion, walked in ascending order
    if (step < 0) {
      start = start + step * (slicelength - 1);
      step = -step;
    }
    if (self->ob_exports > 0 && slicelength > 0) {
      PyErr_SetString(PyExc_BufferError, "cannot resize an array that is exporting buffers");
      return -1;
    }
    Py_ssize_t n = Py_SIZE(self);
    Py_ssize_t dst = start;
    for (Py_ssize_t cur = start, i = 0; cur < n; cur++) {
      if (i < slicelength && cur == start + i * step) {
        i++;
        continue;
      }
      std::memmove(self->ob_item + dst * isz, self->ob_item + cur * isz, static_cast<size_t>(isz));
      dst++;
    }
    if (slicelength > 0) rc = array_resize(self, n - slicelength);
  } else if (needed == slicelength) {
    for (Py_ssize_t i = 0; i < needed; i++)
      std::memcpy(self->ob_item + (start + i * step) * isz, other->ob_item + i * isz, static_cast<size_t>(isz));
  } else {
    PyErr_Format(PyExc_ValueError, "attempt to assign array of size %zd to extended slice of size %zd", needed,
                 slicelength);
    rc = -1;
  }
  Py_XDECREF(other_owned);
  return rc;
}

// -- comparison, repr, iteration, buffer -------------------------------------

PyObject* array_richcompare(PyObject* v, PyObject* w, int op) {
  if (!array_check(v) || !array_check(w)) Py_RETURN_NOTIMPLEMENTED;
  Py_ssize_t vn = Py_SIZE(v), wn = Py_SIZE(w);
  if (vn != wn && (op == Py_EQ || op == Py_NE)) return PyBool_FromLong(op == Py_NE);
  Py_ssize_t i = 0;
  PyObject *vi = nullptr, *wi = nullptr;
  for (; i < vn && i < wn; i++) {
    vi = getarrayitem(v, i);
    wi = getarrayitem(w, i);
    if (!vi || !wi) {
      Py_XDECREF(vi);
      Py_XDECREF(wi);
      return nullptr;
    }
    int k = PyObject_RichCompareBool(vi, wi, Py_EQ);
    if (k == 0) break;  // keep vi, wi
    Py_DECREF(vi);
    Py_DECREF(wi);
    vi = wi = nullptr;
    if (k < 0) return nullptr;
  }
  if (i >= vn || i >= wn) {
    bool r = false;
    switch (op) {
      case Py_LT: r = vn < wn; break;
      case Py_LE: r = vn <= wn; break;
      case Py_EQ: r = vn == wn; break;
      case Py_NE: r = vn != wn; break;
      case Py_GT: r = vn > wn; break;
      case Py_GE: r = vn >= wn; break;
    }
    return PyBool_FromLong(r);
  }
  PyObject* res;
  if (op == Py_EQ) res = Py_NewRef(Py_False);
  else if (op == Py_NE) res = Py_NewRef(Py_True);
  else res = PyObject_RichCompare(vi, wi, op);
  Py_DECREF(vi);
  Py_DECREF(wi);
  return res;
}

PyObject* array_tolist_impl(PyObject* op) {
  PyObject* list = PyList_New(Py_SIZE(op));
  if (!list) return nullptr;
  for (Py_ssize_t i = 0; i < Py_SIZE(op); i++) {
    PyObject* v = getarrayitem(op, i);
    if (!v) {
      Py_DECREF(list);
      return nullptr;
    }
    PyList_SET_ITEM(list, i, v);
  }
  return list;
}

PyObject* array_tounicode_impl(ArrayObject* a) {
  return PyUnicode_FromWideChar(reinterpret_cast<wchar_t*>(a->ob_item), Py_SIZE(a));
}

PyObject* array_repr(PyObject* op) {
  char tc = SELF->ob_descr->typecode;
  if (Py_SIZE(op) == 0) return PyUnicode_FromFormat("%s('%c')", _PyType_Name(Py_TYPE(op)), tc);
  PyObject* v = tc == 'u' ? array_tounicode_impl(SELF) : array_tolist_impl(op);
  if (!v) return nullptr;
  PyObject* s = PyUnicode_FromFormat("%s('%c', %R)", _PyType_Name(Py_TYPE(op)), tc, v);
  Py_DECREF(v);
  return s;
}

PyObject* array_iter(PyObject* op) {
  ArrayIter* it = PyObject_GC_New(ArrayIter, &ArrayIter_Type);
  if (!it) return nullptr;
  Py_INCREF(op);
  it->ao = SELF;
  it->index = 0;
  it->getitem = SELF->ob_descr->getitem;
  PyObject_GC_Track(it);
  return reinterpret_cast<PyObject*>(it);
}

PyObject* arrayiter_next(PyObject* op) {
  auto* it = reinterpret_cast<ArrayIter*>(op);
  if (!it->ao) return nullptr;
  if (it->index < Py_SIZE(it->ao)) return it->getitem(it->ao, it->index++);
  ArrayObject* ao = it->ao;
  it->ao = nullptr;
  Py_DECREF(ao);
  return nullptr;
}

void arrayiter_dealloc(PyObject* op) {
  auto* it = reinterpret_cast<ArrayIter*>(op);
  PyObject_GC_UnTrack(op);
  Py_XDECREF(it->ao);
  PyObject_GC_Del(op);
}
int arrayiter_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<ArrayIter*>(op)->ao);
  return 0;
}
PyObject* arrayiter_reduce(PyObject* op, PyObject*) {
  auto* it = reinterpret_cast<ArrayIter*>(op);
  PyObject* iter = PyObject_GetAttrString(PyEval_GetBuiltins(), "iter");
  if (!iter) {
    PyErr_Clear();
    iter = PyDict_GetItemString(PyEval_GetBuiltins(), "iter");
    Py_XINCREF(iter);
  }
  if (!iter) return nullptr;
  PyObject* r = it->ao ? Py_BuildValue("N(O)n", iter, it->ao, it->index) : Py_BuildValue("N(())", iter);
  return r;
}
PyObject* arrayiter_setstate(PyObject* op, PyObject* state) {
  auto* it = reinterpret_cast<ArrayIter*>(op);
  Py_ssize_t index = PyLong_AsSsize_t(state);
  if (index == -1 && PyErr_Occurred()) return nullptr;
  if (it->ao) {
    if (index < 0) index = 0;
    else if (index > Py_SIZE(it->ao)) index = Py_SIZE(it->ao);
    it->index = index;
  }
  Py_RETURN_NONE;
}
PyMethodDef arrayiter_methods[] = {
    {"__reduce__", arrayiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", arrayiter_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

char empty_buffer[1];

int array_getbuffer(PyObject* op, Py_buffer* view, int flags) {
  auto* self = SELF;
  if (!view) {
    PyErr_SetString(PyExc_BufferError, "array_buffer_getbuf: view==NULL argument is obsolete");
    return -1;
  }
  view->buf = self->ob_item ? self->ob_item : empty_buffer;
  view->obj = Py_NewRef(op);
  view->len = Py_SIZE(self) * self->ob_descr->itemsize;
  view->readonly = 0;
  view->ndim = 1;
  view->itemsize = self->ob_descr->itemsize;
  view->suboffsets = nullptr;
  view->shape = (flags & PyBUF_ND) == PyBUF_ND ? &reinterpret_cast<PyVarObject*>(op)->ob_size : nullptr;
  view->strides = (flags & PyBUF_STRIDES) == PyBUF_STRIDES ? &view->itemsize : nullptr;
  view->format = (flags & PyBUF_FORMAT) == PyBUF_FORMAT ? const_cast<char*>(self->ob_descr->formats) : nullptr;
  view->internal = nullptr;
  self->ob_exports++;
  return 0;
}
void array_releasebuffer(PyObject* op, Py_buffer*) { SELF->ob_exports--; }

// -- methods -------------------------------------------------------------------

int array_extend_impl(ArrayObject* self, PyObject* bb) {
  if (!array_check(bb)) {
    PyObject* it = PyObject_GetIter(bb);
    if (!it) return -1;
    PyObject* v;
    while ((v = PyIter_Next(it)) != nullptr) {
      int r = ins1(self, Py_SIZE(self), v);
      Py_DECREF(v);
      if (r < 0) {
        Py_DECREF(it);
        return -1;
      }
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
  }
  auto* b = reinterpret_cast<ArrayObject*>(bb);
  if (self->ob_descr != b->ob_descr) {
    PyErr_SetString(PyExc_TypeError, "can only extend with array of same kind");
    return -1;
  }
  Py_ssize_t n = Py_SIZE(self), bn = Py_SIZE(b);
  if (n > PY_SSIZE_T_MAX - bn) {
    PyErr_NoMemory();
    return -1;
  }
  if (array_resize(self, n + bn) < 0) return -1;
  if (bn) std::memcpy(self->ob_item + n * self->ob_descr->itemsize, b->ob_item, static_cast<size_t>(bn * b->ob_descr->itemsize));
  return 0;
}

PyObject* m_append(PyObject* op, PyObject* v) {
  if (ins1(SELF, Py_SIZE(op), v) < 0) return nullptr;
  Py_RETURN_NONE;
}
PyObject* m_extend(PyObject* op, PyObject* v) {
  if (array_extend_impl(SELF, v) < 0) return nullptr;
  Py_RETURN_NONE;
}
PyObject* m_buffer_info(PyObject* op, PyObject*) {
  return Py_BuildValue("(Nn)", PyLong_FromVoidPtr(SELF->ob_item), Py_SIZE(op));
}
PyObject* m_byteswap(PyObject* op, PyObject*) {
  int isz = SELF->ob_descr->itemsize;
  char* p = SELF->ob_item;
  for (Py_ssize_t i = 0; i < Py_SIZE(op); i++, p += isz)
    for (int a = 0, b = isz - 1; a < b; a++, b--) std::swap(p[a], p[b]);
  Py_RETURN_NONE;
}
PyObject* m_copy(PyObject* op, PyObject*) { return array_slice(SELF, 0, Py_SIZE(op)); }
PyObject* m_count(PyObject* op, PyObject* v) {
  Py_ssize_t count = 0;
  for (Py_ssize_t i = 0; i < Py_SIZE(op); i++) {
    PyObject* item = getarrayitem(op, i);
    if (!item) return nullptr;
    int r = PyObject_RichCompareBool(item, v, Py_EQ);
    Py_DECREF(item);
    if (r < 0) return nullptr;
    count += r;
  }
  return PyLong_FromSsize_t(count);
}
int slice_index(PyObject* o, Py_ssize_t* out) {
  if (!PyIndex_Check(o)) {
    PyErr_SetString(PyExc_TypeError, "slice indices must be integers or have an __index__ method");
    return -1;
  }
  Py_ssize_t x = PyNumber_AsSsize_t(o, nullptr);
  if (x == -1 && PyErr_Occurred()) return -1;
  *out = x;
  return 0;
}
PyObject* m_index(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs < 1 || nargs > 3) {
    if (nargs < 1) PyErr_Format(PyExc_TypeError, "index expected at least 1 argument, got %zd", nargs);
    else PyErr_Format(PyExc_TypeError, "index expected at most 3 arguments, got %zd", nargs);
    return nullptr;
  }
  Py_ssize_t start = 0, stop = PY_SSIZE_T_MAX, n = Py_SIZE(op);
  if (nargs > 1 && slice_index(args[1], &start) < 0) return nullptr;
  if (nargs > 2 && slice_index(args[2], &stop) < 0) return nullptr;
  if (start < 0) {
    start += n;
    if (start < 0) start = 0;
  }
  if (stop < 0) stop += n;
  for (Py_ssize_t i = start; i < stop && i < Py_SIZE(op); i++) {
    PyObject* item = getarrayitem(op, i);
    if (!item) return nullptr;
    int r = PyObject_RichCompareBool(item, args[0], Py_EQ);
    Py_DECREF(item);
    if (r > 0) return PyLong_FromSsize_t(i);
    if (r < 0) return nullptr;
  }
  PyErr_SetString(PyExc_ValueError, "array.index(x): x not in array");
  return nullptr;
}
PyObject* m_insert(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs != 2) {
    PyErr_Format(PyExc_TypeError, "insert expected 2 arguments, got %zd", nargs);
    return nullptr;
  }
  Py_ssize_t i;
  if (!PyIndex_Check(args[0])) {
    PyErr_Format(PyExc_TypeError, "'%.200s' object cannot be interpreted as an integer", Py_TYPE(args[0])->tp_name);
    return nullptr;
  }
  i = PyNumber_AsSsize_t(args[0], PyExc_OverflowError);
  if (i == -1 && PyErr_Occurred()) return nullptr;
  if (ins1(SELF, i, args[1]) < 0) return nullptr;
  Py_RETURN_NONE;
}
PyObject* m_pop(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs > 1) {
    PyErr_Format(PyExc_TypeError, "pop expected at most 1 argument, got %zd", nargs);
    return nullptr;
  }
  Py_ssize_t i = -1;
  if (nargs == 1) {
    if (!PyIndex_Check(args[0])) {
      PyErr_Format(PyExc_TypeError, "'%.200s' object cannot be interpreted as an integer", Py_TYPE(args[0])->tp_name);
      return nullptr;
    }
    i = PyNumber_AsSsize_t(args[0], PyExc_OverflowError);
    if (i == -1 && PyErr_Occurred()) return nullptr;
  }
  if (Py_SIZE(op) == 0) {
    PyErr_SetString(PyExc_IndexError, "pop from empty array");
    return nullptr;
  }
  if (i < 0) i += Py_SIZE(op);
  if (i < 0 || i >= Py_SIZE(op)) {
    PyErr_SetString(PyExc_IndexError, "pop index out of range");
    return nullptr;
  }
  PyObject* v = getarrayitem(op, i);
  if (!v) return nullptr;
  if (array_del_slice(SELF, i, i + 1) < 0) {
    Py_DECREF(v);
    return nullptr;
  }
  return v;
}
PyObject* m_remove(PyObject* op, PyObject* v) {
  for (Py_ssize_t i = 0; i < Py_SIZE(op); i++) {
    PyObject* item = getarrayitem(op, i);
    if (!item) return nullptr;
    int r = PyObject_RichCompareBool(item, v, Py_EQ);
    Py_DECREF(item);
    if (r > 0) {
      if (array_del_slice(SELF, i, i + 1) < 0) return nullptr;
      Py_RETURN_NONE;
    }
    if (r < 0) return nullptr;
  }
  PyErr_SetString(PyExc_ValueError, "array.remove(x): x not in array");
  return nullptr;
}
PyObject* m_reverse(PyObject* op, PyObject*) {
  int isz = SELF->ob_descr->itemsize;
  char tmp[16];
  for (Py_ssize_t a = 0, b = Py_SIZE(op) - 1; a < b; a++, b--) {
    std::memcpy(tmp, SELF->ob_item + a * isz, static_cast<size_t>(isz));
    std::memcpy(SELF->ob_item + a * isz, SELF->ob_item + b * isz, static_cast<size_t>(isz));
    std::memcpy(SELF->ob_item + b * isz, tmp, static_cast<size_t>(isz));
  }
  Py_RETURN_NONE;
}
PyObject* m_tobytes(PyObject* op, PyObject*) {
  return PyBytes_FromStringAndSize(SELF->ob_item, Py_SIZE(op) * SELF->ob_descr->itemsize);
}
PyObject* m_tolist(PyObject* op, PyObject*) { return array_tolist_impl(op); }
PyObject* m_tounicode(PyObject* op, PyObject*) {
  if (SELF->ob_descr->typecode != 'u') {
    PyErr_SetString(PyExc_ValueError, "tounicode() may only be called on unicode type arrays");
    return nullptr;
  }
  return array_tounicode_impl(SELF);
}
int frombytes_impl(ArrayObject* self, const char* p, Py_ssize_t len) {
  int isz = self->ob_descr->itemsize;
  if (len % isz != 0) {
    PyErr_SetString(PyExc_ValueError, "bytes length not a multiple of item size");
    return -1;
  }
  Py_ssize_t n = len / isz, old = Py_SIZE(self);
  if (n > 0) {
    if (old > PY_SSIZE_T_MAX - n) {
      PyErr_NoMemory();
      return -1;
    }
    if (array_resize(self, old + n) < 0) return -1;
    std::memcpy(self->ob_item + old * isz, p, static_cast<size_t>(len));
  }
  return 0;
}
PyObject* m_frombytes(PyObject* op, PyObject* arg) {
  Py_buffer view;
  if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0) {
    if (PyErr_ExceptionMatches(PyExc_TypeError) && !PyObject_CheckBuffer(arg)) {
      PyErr_Clear();
      PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.100s'", Py_TYPE(arg)->tp_name);
    }
    return nullptr;
  }
  int r = frombytes_impl(SELF, static_cast<const char*>(view.buf), view.len);
  PyBuffer_Release(&view);
  if (r < 0) return nullptr;
  Py_RETURN_NONE;
}
PyObject* m_fromlist(PyObject* op, PyObject* list) {
  if (!PyList_Check(list)) {
    PyErr_SetString(PyExc_TypeError, "arg must be list");
    return nullptr;
  }
  Py_ssize_t n = PyList_GET_SIZE(list), old = Py_SIZE(op);
  if (n > 0) {
    if (array_resize(SELF, old + n) < 0) return nullptr;
    for (Py_ssize_t i = 0; i < n; i++) {
      PyObject* v = PyList_GET_ITEM(list, i);
      if (SELF->ob_descr->setitem(SELF, old + i, v) < 0) {
        array_resize(SELF, old);
        return nullptr;
      }
      if (n != PyList_GET_SIZE(list)) {
        PyErr_SetString(PyExc_RuntimeError, "list changed size during iteration");
        array_resize(SELF, old);
        return nullptr;
      }
    }
  }
  Py_RETURN_NONE;
}
PyObject* m_fromunicode(PyObject* op, PyObject* s) {
  if (!PyUnicode_Check(s)) {
    PyErr_Format(PyExc_TypeError, "fromunicode() argument must be str, not %.50s", Py_TYPE(s)->tp_name);
    return nullptr;
  }
  if (SELF->ob_descr->typecode != 'u') {
    PyErr_SetString(PyExc_ValueError, "fromunicode() may only be called on unicode type arrays");
    return nullptr;
  }
  Py_ssize_t n = PyUnicode_GET_LENGTH(s), old = Py_SIZE(op);
  if (n > 0) {
    if (array_resize(SELF, old + n) < 0) return nullptr;
    PyUnicode_AsWideChar(s, reinterpret_cast<wchar_t*>(SELF->ob_item) + old, n);
  }
  Py_RETURN_NONE;
}
PyObject* m_fromfile(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs != 2) {
    PyErr_Format(PyExc_TypeError, "fromfile expected 2 arguments, got %zd", nargs);
    return nullptr;
  }
  Py_ssize_t n = PyNumber_AsSsize_t(args[1], PyExc_OverflowError);
  if (n == -1 && PyErr_Occurred()) return nullptr;
  if (n < 0) {
    PyErr_SetString(PyExc_ValueError, "negative count");
    return nullptr;
  }
  int isz = SELF->ob_descr->itemsize;
  if (n > PY_SSIZE_T_MAX / isz) return PyErr_NoMemory();
  Py_ssize_t nbytes = n * isz;
  PyObject* b = PyObject_CallMethod(args[0], "read", "n", nbytes);
  if (!b) return nullptr;
  if (!PyBytes_Check(b)) {
    PyErr_SetString(PyExc_TypeError, "read() didn't return bytes");
    Py_DECREF(b);
    return nullptr;
  }
  Py_ssize_t got = PyBytes_GET_SIZE(b);
  Py_ssize_t whole = got - got % isz;
  int r = frombytes_impl(SELF, PyBytes_AS_STRING(b), whole);
  Py_DECREF(b);
  if (r < 0) return nullptr;
  if (got != nbytes) {
    PyErr_SetString(PyExc_EOFError, "read() didn't return enough bytes");
    return nullptr;
  }
  Py_RETURN_NONE;
}
PyObject* m_tofile(PyObject* op, PyObject* f) {
  const Py_ssize_t blocksize = 64 * 1024;
  Py_ssize_t nbytes = Py_SIZE(op) * SELF->ob_descr->itemsize;
  for (Py_ssize_t off = 0; off < nbytes; off += blocksize) {
    Py_ssize_t size = nbytes - off < blocksize ? nbytes - off : blocksize;
    PyObject* b = PyBytes_FromStringAndSize(SELF->ob_item + off, size);
    if (!b) return nullptr;
    PyObject* r = PyObject_CallMethod(f, "write", "O", b);
    Py_DECREF(b);
    if (!r) return nullptr;
    Py_DECREF(r);
  }
  Py_RETURN_NONE;
}
PyObject* m_sizeof(PyObject* op, PyObject*) {
  return PyLong_FromSsize_t(Py_TYPE(op)->tp_basicsize + SELF->allocated * SELF->ob_descr->itemsize);
}
PyObject* array_reconstructor_obj = nullptr;  // set at module init (borrowed from the module)

PyObject* m_reduce_ex(PyObject* op, PyObject* protocol) {
  long proto = PyLong_AsLong(protocol);
  if (proto == -1 && PyErr_Occurred()) return nullptr;
  PyObject* dict = PyObject_GetAttrString(op, "__dict__");
  if (!dict) {
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return nullptr;
    PyErr_Clear();
    dict = Py_NewRef(Py_None);
  }
  PyObject* r;
  if (proto < 3) {
    PyObject* list = array_tolist_impl(op);
    if (!list) {
      Py_DECREF(dict);
      return nullptr;
    }
    r = Py_BuildValue("O(CN)N", Py_TYPE(op), SELF->ob_descr->typecode, list, dict);
  } else {
    PyObject* bytes = m_tobytes(op, nullptr);
    if (!bytes) {
      Py_DECREF(dict);
      return nullptr;
    }
    r = Py_BuildValue("O(OCiN)N", array_reconstructor_obj, Py_TYPE(op), SELF->ob_descr->typecode,
                      SELF->ob_descr->mformat, bytes, dict);
  }
  return r;
}
PyObject* get_typecode(PyObject* op, void*) { return PyUnicode_FromOrdinal(SELF->ob_descr->typecode); }
PyObject* get_itemsize(PyObject* op, void*) { return PyLong_FromLong(SELF->ob_descr->itemsize); }

PyMethodDef array_methods[] = {
    {"append", m_append, METH_O, "Append new value v to the end of the array."},
    {"buffer_info", m_buffer_info, METH_NOARGS, "Return a tuple (address, length) giving the current memory address and the length in items of the buffer used to hold array's contents."},
    {"byteswap", m_byteswap, METH_NOARGS, "Byteswap all items of the array."},
    {"__copy__", m_copy, METH_NOARGS, "Return a copy of the array."},
    {"count", m_count, METH_O, "Return number of occurrences of v in the array."},
    {"__deepcopy__", m_copy, METH_O, "Return a copy of the array."},
    {"extend", m_extend, METH_O, "Append items to the end of the array."},
    {"frombytes", m_frombytes, METH_O, "Appends items from the string, interpreting it as an array of machine values, as if it had been read from a file using the fromfile() method."},
    {"fromfile", FN(m_fromfile), METH_FASTCALL, "Read n objects from the file object f and append them to the end of the array."},
    {"fromlist", m_fromlist, METH_O, "Append items to array from list."},
    {"fromunicode", m_fromunicode, METH_O, "Extends this array with data from the unicode string ustr."},
    {"index", FN(m_index), METH_FASTCALL, "Return index of first occurrence of v in the array."},
    {"insert", FN(m_insert), METH_FASTCALL, "Insert a new item v into the array before position i."},
    {"pop", FN(m_pop), METH_FASTCALL, "Return the i-th element and delete it from the array."},
    {"__reduce_ex__", m_reduce_ex, METH_O, "Return state information for pickling."},
    {"remove", m_remove, METH_O, "Remove the first occurrence of v in the array."},
    {"reverse", m_reverse, METH_NOARGS, "Reverse the order of the items in the array."},
    {"tofile", m_tofile, METH_O, "Write all items (as machine values) to the file object f."},
    {"tolist", m_tolist, METH_NOARGS, "Convert array to an ordinary list with the same items."},
    {"tobytes", m_tobytes, METH_NOARGS, "Convert the array to an array of machine values and return the bytes representation."},
    {"tounicode", m_tounicode, METH_NOARGS, "Extends this array with data from the unicode string ustr."},
    {"__sizeof__", m_sizeof, METH_NOARGS, "Size of the array in memory, in bytes."},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef array_getset[] = {
    {"typecode", get_typecode, nullptr, "the typecode character used to create the array", nullptr},
    {"itemsize", get_itemsize, nullptr, "the size, in bytes, of one array item", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

// -- construction ----------------------------------------------------------------

void array_dealloc(PyObject* op) {
  if (SELF->weakreflist) PyObject_ClearWeakRefs(op);
  PyMem_Free(SELF->ob_item);
  Py_TYPE(op)->tp_free(op);
}

PyObject* array_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if (type == &Array_Type && kwds && PyDict_GET_SIZE(kwds) != 0) {
    PyErr_SetString(PyExc_TypeError, "array.array() takes no keyword arguments");
    return nullptr;
  }
  Py_ssize_t nargs = PyTuple_GET_SIZE(args);
  if (nargs < 1 || nargs > 2) {
    if (nargs < 1) PyErr_SetString(PyExc_TypeError, "array() takes at least 1 argument (0 given)");
    else PyErr_Format(PyExc_TypeError, "array() takes at most 2 arguments (%zd given)", nargs);
    return nullptr;
  }
  PyObject* tc = PyTuple_GET_ITEM(args, 0);
  if (!PyUnicode_Check(tc) || PyUnicode_GET_LENGTH(tc) != 1) {
    PyErr_Format(PyExc_TypeError, "array() argument 1 must be a unicode character, not %.50s",
                 PyUnicode_Check(tc) ? "str" : Py_TYPE(tc)->tp_name);
    return nullptr;
  }
  Py_UCS4 c = PyUnicode_READ_CHAR(tc, 0);
  PyObject* init = nargs > 1 ? PyTuple_GET_ITEM(args, 1) : nullptr;
  const Descr* d = c < 128 ? find_descr(static_cast<int>(c)) : nullptr;
  if (!d) {
    PyErr_SetString(PyExc_ValueError, "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
    return nullptr;
  }
  if (init && c != 'u') {
    if (PyUnicode_Check(init)) {
      PyErr_Format(PyExc_TypeError, "cannot use a str to initialize an array with typecode '%c'", static_cast<int>(c));
      return nullptr;
    }
    if (array_check(init) && reinterpret_cast<ArrayObject*>(init)->ob_descr->typecode == 'u') {
      PyErr_Format(PyExc_TypeError, "cannot use a unicode array to initialize an array with typecode '%c'",
                   static_cast<int>(c));
      return nullptr;
    }
  }
  if (!(init == nullptr || PyList_Check(init) || PyByteArray_Check(init) || PyBytes_Check(init) ||
        PyTuple_Check(init) || (c == 'u' && PyUnicode_Check(init)) ||
        (array_check(init) && c == reinterpret_cast<ArrayObject*>(init)->ob_descr->typecode))) {
    // Generic iterable: build empty, then extend.
    PyObject* it = PyObject_GetIter(init);
    if (!it) return nullptr;
    PyObject* a = new_array(type, 0, d);
    if (!a) {
      Py_DECREF(it);
      return nullptr;
    }
    int r = array_extend_impl(reinterpret_cast<ArrayObject*>(a), it);
    Py_DECREF(it);
    if (r < 0) {
      Py_DECREF(a);
      return nullptr;
    }
    return a;
  }
  Py_ssize_t len = 0;
  if (init && (PyList_Check(init) || PyTuple_Check(init))) len = PySequence_Size(init);
  PyObject* a = new_array(type, len, d);
  if (!a) return nullptr;
  auto* self = reinterpret_cast<ArrayObject*>(a);
  for (Py_ssize_t i = 0; i < len; i++) {
    PyObject* v = PySequence_GetItem(init, i);
    if (!v || d->setitem(self, i, v) < 0) {
      Py_XDECREF(v);
      Py_DECREF(a);
      return nullptr;
    }
    Py_DECREF(v);
  }
  if (init && (PyBytes_Check(init) || PyByteArray_Check(init))) {
    PyObject* r = m_frombytes(a, init);
    if (!r) {
      Py_DECREF(a);
      return nullptr;
    }
    Py_DECREF(r);
  } else if (init && array_check(init) && !PyList_Check(init)) {
    if (array_extend_impl(self, init) < 0) {
      Py_DECREF(a);
      return nullptr;
    }
  } else if (init && PyUnicode_Check(init)) {
    PyObject* r = m_fromunicode(a, init);
    if (!r) {
      Py_DECREF(a);
      return nullptr;
    }
    Py_DECREF(r);
  }
  return a;
}

PySequenceMethods array_as_sequence = {
    .sq_length = array_length,
    .sq_concat = array_concat,
    .sq_repeat = array_repeat,
    .sq_item = array_item,
    .sq_ass_item = array_ass_item,
    .sq_contains = array_contains,
    .sq_inplace_concat = array_inplace_concat,
    .sq_inplace_repeat = array_inplace_repeat,
};
PyMappingMethods array_as_mapping = {array_length, array_subscr, array_ass_subscr};
PyBufferProcs array_as_buffer = {array_getbuffer, array_releasebuffer};

PyTypeObject Array_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "array.array",
    .tp_basicsize = sizeof(ArrayObject),
    .tp_dealloc = array_dealloc,
    .tp_repr = array_repr,
    .tp_as_sequence = &array_as_sequence,
    .tp_as_mapping = &array_as_mapping,
    .tp_hash = PyObject_HashNotImplemented,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_as_buffer = &array_as_buffer,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_SEQUENCE,
    .tp_doc = "array(typecode [, initializer]) -> array\n\nReturn a new array whose items are restricted by typecode, and\ninitialized from the optional initializer value, which must be a list,\nstring or iterable over elements of the appropriate type.",
    .tp_richcompare = array_richcompare,
    .tp_weaklistoffset = offsetof(ArrayObject, weakreflist),
    .tp_iter = array_iter,
    .tp_methods = array_methods,
    .tp_getset = array_getset,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = array_new,
    .tp_free = PyObject_Del,
};

PyTypeObject ArrayIter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "array.arrayiterator",
    .tp_basicsize = sizeof(ArrayIter),
    .tp_dealloc = arrayiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = arrayiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = arrayiter_next,
    .tp_methods = arrayiter_methods,
};

// _array_reconstructor(arraytype, typecode, mformat_code, items): native formats only
// are copied bytewise; other machine formats are decoded item by item.
PyObject* array_reconstructor(PyObject*, PyObject* args) {
  PyObject *atype, *tc, *items;
  int mformat;
  if (!PyArg_ParseTuple(args, "OOiO:_array_reconstructor", &atype, &tc, &mformat, &items)) return nullptr;
  if (!PyType_Check(atype)) {
    PyErr_Format(PyExc_TypeError, "first argument must be a type object, not %.200s", Py_TYPE(atype)->tp_name);
    return nullptr;
  }
  if (!PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(atype), &Array_Type)) {
    PyErr_Format(PyExc_TypeError, "%.200s is not a subtype of array.array", reinterpret_cast<PyTypeObject*>(atype)->tp_name);
    return nullptr;
  }
  const Descr* d = nullptr;
  if (PyUnicode_Check(tc) && PyUnicode_GET_LENGTH(tc) == 1 && PyUnicode_READ_CHAR(tc, 0) < 128)
    d = find_descr(static_cast<int>(PyUnicode_READ_CHAR(tc, 0)));
  if (!d) {
    PyErr_SetString(PyExc_ValueError, "second argument must be a valid type code");
    return nullptr;
  }
  if (mformat < UINT8 || mformat > UTF32_BE) {
    PyErr_SetString(PyExc_ValueError, "third argument must be a valid machine format code.");
    return nullptr;
  }
  if (!PyBytes_Check(items)) {
    PyErr_Format(PyExc_TypeError, "fourth argument should be bytes, not %.200s", Py_TYPE(items)->tp_name);
    return nullptr;
  }
  if (mformat == d->mformat) {
    PyObject* a = new_array(reinterpret_cast<PyTypeObject*>(atype), 0, d);
    if (!a) return nullptr;
    if (frombytes_impl(reinterpret_cast<ArrayObject*>(a), PyBytes_AS_STRING(items), PyBytes_GET_SIZE(items)) < 0) {
      Py_DECREF(a);
      return nullptr;
    }
    return a;
  }
  PyErr_SetString(PyExc_NotImplementedError, "non-native machine format in _array_reconstructor");
  return nullptr;
}

PyMethodDef array_functions[] = {
    {"_array_reconstructor", array_reconstructor, METH_VARARGS, "Internal. Used for pickling support."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef array_module = {PyModuleDef_HEAD_INIT, "array", nullptr, -1, array_functions};

}  // namespace

extern "C" PyObject* PyInit_array(void) {
  if (PyType_Ready(&Array_Type) < 0 || PyType_Ready(&ArrayIter_Type) < 0) return nullptr;
  PyObject* m = PyModule_Create(&array_module);
  if (!m) return nullptr;
  array_reconstructor_obj = PyObject_GetAttrString(m, "_array_reconstructor");  // kept for the process
  Py_INCREF(&Array_Type);
  Py_INCREF(&Array_Type);
  Py_INCREF(&ArrayIter_Type);
  if (!array_reconstructor_obj || PyModule_AddObject(m, "ArrayType", reinterpret_cast<PyObject*>(&Array_Type)) < 0 ||
      PyModule_AddObject(m, "array", reinterpret_cast<PyObject*>(&Array_Type)) < 0 ||
      PyModule_AddObject(m, "arrayiterator", reinterpret_cast<PyObject*>(&ArrayIter_Type)) < 0 ||
      PyModule_AddStringConstant(m, "typecodes", "bBuhHiIlLqQfd") < 0) {
    Py_DECREF(m);
    return nullptr;
  }
  return m;
}
