// Argument parsing for C functions: PyArg_Parse*, PyArg_UnpackTuple and the
// _PyArg_* helpers Argument Clinic code of 3.11 calls. Several of them are
// also macros in <cpython/modsupport.h> (a fast inline check before the
// call), hence the parenthesized names of those definitions.
//
// One converter (convert_item) serves the tuple, keyword and "fast" parsers;
// it returns nullptr on success or an error text that set_error() turns into
// CPython's "f() argument 2 must be str, not int". Resources a converter
// acquires (buffers, es allocations, O& cleanups) are recorded and released
// if a later argument fails.
#include <Python.h>

#include <climits>
#include <cstring>
#include <string>
#include <vector>

#include "objects/object_util.h"

namespace {

constexpr int kFlagCompat = 1;
constexpr int kFlagSizeT = 2;
constexpr int kMaxLevels = 32;

struct Args {
  va_list va;
};

struct Cleanup {
  enum Kind { kBuffer, kPtr, kConverter } kind;
  void* item;
  void* extra;  // the converter for kConverter
};
using Freelist = std::vector<Cleanup>;

int clean_return(int retval, Freelist& fl) {
  if (retval == 0) {
    for (const Cleanup& c : fl) {
      switch (c.kind) {
        case Cleanup::kBuffer:
          PyBuffer_Release(static_cast<Py_buffer*>(c.item));
          break;
        case Cleanup::kPtr:
          PyMem_Free(*static_cast<void**>(c.item));
          *static_cast<void**>(c.item) = nullptr;
          break;
        case Cleanup::kConverter:
          reinterpret_cast<int (*)(PyObject*, void*)>(c.extra)(nullptr, c.item);
          break;
      }
    }
  }
  return retval;
}

const char* converterr(const char* expected, PyObject* arg, char* msgbuf, size_t bufsize) {
  if (expected[0] == '(') {
    PyOS_snprintf(msgbuf, bufsize, "%.100s", expected);
  } else {
    PyOS_snprintf(msgbuf, bufsize, "must be %.50s, not %.50s", expected,
                  arg == Py_None ? "None" : Py_TYPE(arg)->tp_name);
  }
  return msgbuf;
}

// The converter's message becomes the TypeError (unless an exception is
// already set, which then wins).
void set_error(Py_ssize_t iarg, const char* msg, const int* levels, const char* fname,
               const char* message) {
  if (PyErr_Occurred()) return;
  char buf[512];
  if (!message) {
    char* p = buf;
    buf[0] = '\0';
    if (fname) {
      PyOS_snprintf(p, sizeof buf, "%.200s() ", fname);
      p += std::strlen(p);
    }
    if (iarg != 0) {
      PyOS_snprintf(p, sizeof buf - (p - buf), "argument %zd", iarg);
      p += std::strlen(p);
      for (int i = 0; i < kMaxLevels && levels[i] > 0 && (p - buf) < 220; i++) {
        PyOS_snprintf(p, sizeof buf - (p - buf), ", item %d", levels[i] - 1);
        p += std::strlen(p);
      }
    } else {
      PyOS_snprintf(p, sizeof buf - (p - buf), "argument");
      p += std::strlen(p);
    }
    PyOS_snprintf(p, sizeof buf - (p - buf), " %.256s", msg);
    message = buf;
  }
  PyErr_SetString(msg[0] == '(' ? PyExc_SystemError : PyExc_TypeError, message);
}

const char* kConvUnicode = "(unicode conversion error)";

#define RETURN_ERR_OCCURRED return msgbuf

int get_buffer(PyObject* arg, Py_buffer* view, const char** errmsg) {
  if (PyObject_GetBuffer(arg, view, PyBUF_SIMPLE) != 0) {
    *errmsg = "bytes-like object";
    return -1;
  }
  if (!PyBuffer_IsContiguous(view, 'C')) {
    PyBuffer_Release(view);
    *errmsg = "contiguous buffer";
    return -1;
  }
  return 0;
}

// A read-only buffer whose memory stays valid without a release (s#, y#).
Py_ssize_t convert_buffer(PyObject* arg, const void** p, const char** errmsg) {
  PyBufferProcs* pb = Py_TYPE(arg)->tp_as_buffer;
  if (pb && pb->bf_releasebuffer) {
    *errmsg = "read-only bytes-like object";
    return -1;
  }
  Py_buffer view;
  if (get_buffer(arg, &view, errmsg) < 0) return -1;
  Py_ssize_t count = view.len;
  *p = view.buf;
  PyBuffer_Release(&view);
  return count;
}

// Stores a '#' length: Py_ssize_t only (3.10+ requires PY_SSIZE_T_CLEAN).
bool store_length(const char** p_format, Args* a, int flags, Py_ssize_t value, bool* has_len,
                  char* msgbuf) {
  *has_len = **p_format == '#';
  if (!*has_len) return true;
  ++*p_format;
  if (!(flags & kFlagSizeT)) {
    PyErr_SetString(PyExc_SystemError, "PY_SSIZE_T_CLEAN macro must be defined for '#' formats");
    return false;
  }
  *va_arg(a->va, Py_ssize_t*) = value;
  return true;
}

const char* convert_item(PyObject* arg, const char** p_format, Args* a, int flags, int* levels,
                         char* msgbuf, size_t bufsize, Freelist& fl);

// "(...)": a sequence of exactly n items, each converted.
const char* convert_tuple(PyObject* arg, const char** p_format, Args* a, int flags, int* levels,
                          char* msgbuf, size_t bufsize, Freelist& fl) {
  int level = 0, n = 0;
  const char* format = *p_format;
  for (;;) {
    char c = *format++;
    if (c == '(') {
      if (level == 0) n++;
      level++;
    } else if (c == ')') {
      if (level == 0) break;
      level--;
    } else if (c == ':' || c == ';' || c == '\0') {
      break;
    } else if (level == 0 && Py_ISALPHA(c) && c != 'e') {
      n++;
    }
  }
  if (!PySequence_Check(arg) || PyBytes_Check(arg)) {
    levels[0] = 0;
    PyOS_snprintf(msgbuf, bufsize, "must be %d-item sequence, not %.50s", n,
                  arg == Py_None ? "None" : Py_TYPE(arg)->tp_name);
    return msgbuf;
  }
  Py_ssize_t len = PySequence_Size(arg);
  if (len != n) {
    levels[0] = 0;
    PyOS_snprintf(msgbuf, bufsize, "must be sequence of length %d, not %zd", n, len);
    return msgbuf;
  }
  format = *p_format;
  for (int i = 0; i < n; i++) {
    PyObject* item = PySequence_GetItem(arg, i);
    if (!item) {
      PyErr_Clear();
      levels[0] = i + 1;
      levels[1] = 0;
      PyOS_snprintf(msgbuf, bufsize, "is not retrievable");
      return msgbuf;
    }
    const char* msg = convert_item(item, &format, a, flags, levels + 1, msgbuf, bufsize, fl);
    // The item stays alive through its container (borrowed results).
    Py_XDECREF(item);
    if (msg) {
      levels[0] = i + 1;
      return msg;
    }
  }
  *p_format = format;
  return nullptr;
}

const char* convert_simple(PyObject* arg, const char** p_format, Args* a, int flags,
                           char* msgbuf, size_t bufsize, Freelist& fl) {
  const char* format = *p_format;
  char c = *format++;
  const char* result = nullptr;
  switch (c) {
    case 'b': {
      char* p = va_arg(a->va, char*);
      long ival = PyLong_AsLong(arg);
      if (ival == -1 && PyErr_Occurred()) RETURN_ERR_OCCURRED;
      if (ival < 0) {
        PyErr_SetString(PyExc_OverflowError, "unsigned byte integer is less than minimum");
        RETURN_ERR_OCCURRED;
      }
      if (ival > UCHAR_MAX) {
        PyErr_SetString(PyExc_OverflowError, "unsigned byte integer is greater than maximum");
        RETURN_ERR_OCCURRED;
      }
      *p = static_cast<char>(ival);
      break;
    }
    case 'B': {
      char* p = va_arg(a->va, char*);
      unsigned long ival = PyLong_AsUnsignedLongMask(arg);
      if (ival == static_cast<unsigned long>(-1) && PyErr_Occurred()) RETURN_ERR_OCCURRED;
      *p = static_cast<char>(ival);
      break;
    }
    case 'h': {
      short* p = va_arg(a->va, short*);
      long ival = PyLong_AsLong(arg);
      if (ival == -1 && PyErr_Occurred()) RETURN_ERR_OCCURRED;
      if (ival < SHRT_MIN) {
        PyErr_SetString(PyExc_OverflowError, "signed short integer is less than minimum");
        RETURN_ERR_OCCURRED;
      }
      if (ival > SHRT_MAX) {
        PyErr_SetString(PyExc_OverflowError, "signed short integer is greater than maximum");
        RETURN_ERR_OCCURRED;
      }
      *p = static_cast<short>(ival);
      break;
    }
    case 'H': {
      unsigned short* p = va_arg(a->va, unsigned short*);
      unsigned long ival = PyLong_AsUnsignedLongMask(arg);
      if (ival == static_cast<unsigned long>(-1) && PyErr_Occurred()) RETURN_ERR_OCCURRED;
      *p = static_cast<unsigned short>(ival);
      break;
    }
    case 'i': {
      int* p = va_arg(a->va, int*);
      long ival = PyLong_AsLong(arg);
      if (ival == -1 && PyErr_Occurred()) RETURN_ERR_OCCURRED;
      if (ival > INT_MAX) {
        PyErr_SetString(PyExc_OverflowError, "signed integer is greater than maximum");
        RETURN_ERR_OCCURRED;
      }
      if (ival < INT_MIN) {
        PyErr_SetString(PyExc_OverflowError, "signed integer is less than minimum");
        RETURN_ERR_OCCURRED;
      }
      *p = static_cast<int>(ival);
      break;
    }
    case 'I': {
      unsigned int* p = va_arg(a->va, unsigned int*);
      unsigned long ival = PyLong_AsUnsignedLongMask(arg);
      if (ival == static_cast<unsigned long>(-1) && PyErr_Occurred()) RETURN_ERR_OCCURRED;
      *p = static_cast<unsigned int>(ival);
      break;
    }
    case 'n': {
      Py_ssize_t* p = va_arg(a->va, Py_ssize_t*);
      PyObject* iobj = PyNumber_Index(arg);
      Py_ssize_t ival = -1;
      if (iobj) {
        ival = PyLong_AsSsize_t(iobj);
        Py_DECREF(iobj);
      }
      if (ival == -1 && PyErr_Occurred()) RETURN_ERR_OCCURRED;
      *p = ival;
      break;
    }
    case 'l': {
      long* p = va_arg(a->va, long*);
      long ival = PyLong_AsLong(arg);
      if (ival == -1 && PyErr_Occurred()) RETURN_ERR_OCCURRED;
      *p = ival;
      break;
    }
    case 'k': {
      unsigned long* p = va_arg(a->va, unsigned long*);
      if (!PyLong_Check(arg)) return converterr("int", arg, msgbuf, bufsize);
      *p = PyLong_AsUnsignedLongMask(arg);
      break;
    }
    case 'L': {
      long long* p = va_arg(a->va, long long*);
      long long ival = PyLong_AsLongLong(arg);
      if (ival == -1 && PyErr_Occurred()) RETURN_ERR_OCCURRED;
      *p = ival;
      break;
    }
    case 'K': {
      unsigned long long* p = va_arg(a->va, unsigned long long*);
      if (!PyLong_Check(arg)) return converterr("int", arg, msgbuf, bufsize);
      *p = PyLong_AsUnsignedLongLongMask(arg);
      break;
    }
    case 'f': {
      float* p = va_arg(a->va, float*);
      double dval = PyFloat_AsDouble(arg);
      if (dval == -1.0 && PyErr_Occurred()) RETURN_ERR_OCCURRED;
      *p = static_cast<float>(dval);
      break;
    }
    case 'd': {
      double* p = va_arg(a->va, double*);
      double dval = PyFloat_AsDouble(arg);
      if (dval == -1.0 && PyErr_Occurred()) RETURN_ERR_OCCURRED;
      *p = dval;
      break;
    }
    case 'D': {
      Py_complex* p = va_arg(a->va, Py_complex*);
      Py_complex cval = PyComplex_AsCComplex(arg);
      if (PyErr_Occurred()) RETURN_ERR_OCCURRED;
      *p = cval;
      break;
    }
    case 'c': {
      char* p = va_arg(a->va, char*);
      if (PyBytes_Check(arg) && PyBytes_Size(arg) == 1)
        *p = PyBytes_AS_STRING(arg)[0];
      else if (PyByteArray_Check(arg) && PyByteArray_Size(arg) == 1)
        *p = PyByteArray_AS_STRING(arg)[0];
      else
        return converterr("a byte string of length 1", arg, msgbuf, bufsize);
      break;
    }
    case 'C': {
      int* p = va_arg(a->va, int*);
      if (!PyUnicode_Check(arg) || PyUnicode_GET_LENGTH(arg) != 1)
        return converterr("a unicode character", arg, msgbuf, bufsize);
      *p = static_cast<int>(PyUnicode_READ_CHAR(arg, 0));
      break;
    }
    case 'p': {
      int* p = va_arg(a->va, int*);
      int val = PyObject_IsTrue(arg);
      if (val < 0) RETURN_ERR_OCCURRED;
      *p = val;
      break;
    }
    case 'y': {
      void** p = va_arg(a->va, void**);
      const char* buf;
      if (*format == '*') {
        if (get_buffer(arg, reinterpret_cast<Py_buffer*>(p), &buf) < 0)
          return converterr(buf, arg, msgbuf, bufsize);
        format++;
        fl.push_back({Cleanup::kBuffer, p, nullptr});
        break;
      }
      Py_ssize_t count = convert_buffer(arg, const_cast<const void**>(p), &buf);
      if (count < 0) return converterr(buf, arg, msgbuf, bufsize);
      bool has_len;
      if (!store_length(&format, a, flags, count, &has_len, msgbuf)) RETURN_ERR_OCCURRED;
      if (!has_len && std::strlen(static_cast<const char*>(*p)) != static_cast<size_t>(count)) {
        PyErr_SetString(PyExc_ValueError, "embedded null byte");
        RETURN_ERR_OCCURRED;
      }
      break;
    }
    case 's':
    case 'z': {
      if (*format == '*') {
        Py_buffer* p = va_arg(a->va, Py_buffer*);
        if (c == 'z' && arg == Py_None) {
          PyBuffer_FillInfo(p, nullptr, nullptr, 0, 1, 0);
        } else if (PyUnicode_Check(arg)) {
          Py_ssize_t len;
          const char* sarg = PyUnicode_AsUTF8AndSize(arg, &len);
          if (!sarg) return converterr(kConvUnicode, arg, msgbuf, bufsize);
          PyBuffer_FillInfo(p, arg, const_cast<char*>(sarg), len, 1, 0);
        } else {
          const char* buf;
          if (get_buffer(arg, p, &buf) < 0) return converterr(buf, arg, msgbuf, bufsize);
        }
        fl.push_back({Cleanup::kBuffer, p, nullptr});
        format++;
        break;
      }
      const void** p = va_arg(a->va, const void**);
      if (*format == '#') {
        Py_ssize_t count;
        if (c == 'z' && arg == Py_None) {
          *p = nullptr;
          count = 0;
        } else if (PyUnicode_Check(arg)) {
          const char* sarg = PyUnicode_AsUTF8AndSize(arg, &count);
          if (!sarg) return converterr(kConvUnicode, arg, msgbuf, bufsize);
          *p = sarg;
        } else {
          const char* buf;
          count = convert_buffer(arg, p, &buf);
          if (count < 0) return converterr(buf, arg, msgbuf, bufsize);
        }
        bool has_len;
        if (!store_length(&format, a, flags, count, &has_len, msgbuf)) RETURN_ERR_OCCURRED;
        break;
      }
      if (c == 'z' && arg == Py_None) {
        *p = nullptr;
      } else if (PyUnicode_Check(arg)) {
        Py_ssize_t len;
        const char* sarg = PyUnicode_AsUTF8AndSize(arg, &len);
        if (!sarg) return converterr(kConvUnicode, arg, msgbuf, bufsize);
        if (std::strlen(sarg) != static_cast<size_t>(len)) {
          PyErr_SetString(PyExc_ValueError, "embedded null character");
          RETURN_ERR_OCCURRED;
        }
        *p = sarg;
      } else {
        return converterr(c == 'z' ? "str or None" : "str", arg, msgbuf, bufsize);
      }
      break;
    }
    case 'e': {
      // es / et / es# / et#: encode str (et: pass bytes through) into a
      // buffer the caller frees with PyMem_Free.
      const char* encoding = va_arg(a->va, const char*);
      if (!encoding) encoding = "utf-8";
      bool recode_strings;
      if (*format == 's') {
        recode_strings = true;
      } else if (*format == 't') {
        recode_strings = false;
      } else {
        return converterr("(unknown parser marker combination)", arg, msgbuf, bufsize);
      }
      format++;
      char** buffer = va_arg(a->va, char**);
      krait::Ref<> s;
      if (!recode_strings && (PyBytes_Check(arg) || PyByteArray_Check(arg))) {
        s = krait::borrow(arg);
        if (PyByteArray_Check(arg)) {
          s = krait::steal(PyBytes_FromStringAndSize(PyByteArray_AS_STRING(arg),
                                                     PyByteArray_GET_SIZE(arg)));
          if (!s) return converterr("(AsEncodedString failed)", arg, msgbuf, bufsize);
        }
      } else if (PyUnicode_Check(arg)) {
        s = krait::steal(PyUnicode_AsEncodedString(arg, encoding, nullptr));
        if (!s) return converterr("(encoding failed)", arg, msgbuf, bufsize);
        if (!PyBytes_Check(s.get()))
          return converterr("(encoder failed to return bytes)", arg, msgbuf, bufsize);
      } else {
        return converterr(recode_strings ? "str" : "str, bytes or bytearray", arg, msgbuf,
                          bufsize);
      }
      Py_ssize_t size = PyBytes_GET_SIZE(s.get());
      const char* ptr = PyBytes_AS_STRING(s.get());
      if (*format == '#') {
        format++;
        if (!(flags & kFlagSizeT)) {
          PyErr_SetString(PyExc_SystemError,
                          "PY_SSIZE_T_CLEAN macro must be defined for '#' formats");
          RETURN_ERR_OCCURRED;
        }
        Py_ssize_t* psize = va_arg(a->va, Py_ssize_t*);
        if (!*buffer) {
          *buffer = static_cast<char*>(PyMem_Malloc(size + 1));
          if (!*buffer) {
            PyErr_NoMemory();
            RETURN_ERR_OCCURRED;
          }
          fl.push_back({Cleanup::kPtr, buffer, nullptr});
        } else if (size + 1 > *psize) {
          PyErr_Format(PyExc_ValueError, "encoded string too long (%zd, maximum length %zd)", size,
                       *psize - 1);
          RETURN_ERR_OCCURRED;
        }
        std::memcpy(*buffer, ptr, size + 1);
        *psize = size;
      } else {
        if (std::strlen(ptr) != static_cast<size_t>(size)) {
          PyErr_SetString(PyExc_ValueError, "encoded string without null bytes");
          RETURN_ERR_OCCURRED;
        }
        *buffer = static_cast<char*>(PyMem_Malloc(size + 1));
        if (!*buffer) {
          PyErr_NoMemory();
          RETURN_ERR_OCCURRED;
        }
        fl.push_back({Cleanup::kPtr, buffer, nullptr});
        std::memcpy(*buffer, ptr, size + 1);
      }
      break;
    }
    case 'S': {
      PyObject** p = va_arg(a->va, PyObject**);
      if (!PyBytes_Check(arg)) return converterr("bytes", arg, msgbuf, bufsize);
      *p = arg;
      break;
    }
    case 'Y': {
      PyObject** p = va_arg(a->va, PyObject**);
      if (!PyByteArray_Check(arg)) return converterr("bytearray", arg, msgbuf, bufsize);
      *p = arg;
      break;
    }
    case 'U': {
      PyObject** p = va_arg(a->va, PyObject**);
      if (!PyUnicode_Check(arg)) return converterr("str", arg, msgbuf, bufsize);
      if (PyUnicode_READY(arg) < 0) RETURN_ERR_OCCURRED;
      *p = arg;
      break;
    }
    case 'O': {
      if (*format == '!') {
        PyTypeObject* type = va_arg(a->va, PyTypeObject*);
        PyObject** p = va_arg(a->va, PyObject**);
        format++;
        if (!PyType_IsSubtype(Py_TYPE(arg), type))
          return converterr(type->tp_name, arg, msgbuf, bufsize);
        *p = arg;
      } else if (*format == '&') {
        typedef int (*converter)(PyObject*, void*);
        converter convert = va_arg(a->va, converter);
        void* addr = va_arg(a->va, void*);
        format++;
        int res = convert(arg, addr);
        if (!res) return converterr("(unspecified)", arg, msgbuf, bufsize);
        if (res == Py_CLEANUP_SUPPORTED)
          fl.push_back({Cleanup::kConverter, addr, reinterpret_cast<void*>(convert)});
      } else {
        *va_arg(a->va, PyObject**) = arg;
      }
      break;
    }
    case 'w': {
      Py_buffer* p = va_arg(a->va, Py_buffer*);
      if (*format != '*')
        return converterr("(invalid use of 'w' format character)", arg, msgbuf, bufsize);
      format++;
      if (PyObject_GetBuffer(arg, p, PyBUF_WRITABLE) < 0) {
        PyErr_Clear();
        return converterr("read-write bytes-like object", arg, msgbuf, bufsize);
      }
      if (!PyBuffer_IsContiguous(p, 'C')) {
        PyBuffer_Release(p);
        return converterr("contiguous buffer", arg, msgbuf, bufsize);
      }
      fl.push_back({Cleanup::kBuffer, p, nullptr});
      break;
    }
    default:
      return converterr("(impossible<bad format char>)", arg, msgbuf, bufsize);
  }
  *p_format = format;
  return result;
}

const char* convert_item(PyObject* arg, const char** p_format, Args* a, int flags, int* levels,
                         char* msgbuf, size_t bufsize, Freelist& fl) {
  const char* format = *p_format;
  const char* msg;
  if (*format == '(') {
    format++;
    msg = convert_tuple(arg, &format, a, flags, levels, msgbuf, bufsize, fl);
    if (!msg) format++;
  } else {
    msg = convert_simple(arg, &format, a, flags, msgbuf, bufsize, fl);
    if (msg) levels[0] = 0;
  }
  if (!msg) *p_format = format;
  return msg;
}

// Advances past one format unit (and its va_list pointers) without converting.
const char* skip_item(const char** p_format, Args* a, int flags) {
  const char* format = *p_format;
  char c = *format++;
  switch (c) {
    case 'b': case 'B': case 'h': case 'H': case 'i': case 'I': case 'l': case 'k':
    case 'L': case 'K': case 'n': case 'f': case 'd': case 'D': case 'c': case 'C':
    case 'p': case 'S': case 'Y': case 'U':
      (void)va_arg(a->va, void*);
      break;
    case 'e':
      (void)va_arg(a->va, const char*);
      if (!(*format == 's' || *format == 't')) break;  // after es / et
      format++;
      [[fallthrough]];
    case 's': case 'z': case 'y': case 'w':
      (void)va_arg(a->va, char**);
      if (*format == '#') {
        if (flags & kFlagSizeT) (void)va_arg(a->va, Py_ssize_t*);
        else (void)va_arg(a->va, int*);
        format++;
      } else if ((c == 's' || c == 'z' || c == 'y' || c == 'w') && *format == '*') {
        format++;
      }
      break;
    case 'O':
      if (*format == '!') {
        format++;
        (void)va_arg(a->va, PyTypeObject*);
        (void)va_arg(a->va, PyObject**);
      } else if (*format == '&') {
        format++;
        (void)va_arg(a->va, void*);
        (void)va_arg(a->va, void*);
      } else {
        (void)va_arg(a->va, PyObject**);
      }
      break;
    case '(': {
      while (*format != ')') {
        const char* msg = skip_item(&format, a, flags);
        if (msg) return msg;
      }
      format++;
      break;
    }
    case ')':
      return "excess ')' in getargs format";
    default:
      return "impossible<bad format char>";
  }
  *p_format = format;
  return nullptr;
}

// -- positional parsing (PyArg_ParseTuple, PyArg_Parse) -------------------------------

int vgetargs1(PyObject* args, const char* format, Args* a, int flags) {
  Freelist fl;
  const char* formatsave = format;
  const char* fname = nullptr;
  const char* message = nullptr;
  int min = -1, max = 0, level = 0;
  bool endfmt = false;
  int compat = flags & kFlagCompat;
  flags &= ~kFlagCompat;
  while (!endfmt) {
    char c = *format++;
    switch (c) {
      case '(':
        if (level == 0) max++;
        level++;
        if (level >= 30) Py_FatalError("too many tuple nesting levels in argument format string");
        break;
      case ')':
        if (level == 0) Py_FatalError("excess ')' in getargs format");
        level--;
        break;
      case '\0':
        endfmt = true;
        break;
      case ':':
        fname = format;
        endfmt = true;
        break;
      case ';':
        message = format;
        endfmt = true;
        break;
      case '|':
        if (level == 0) min = max;
        break;
      default:
        if (level == 0 && Py_ISALPHA(c) && c != 'e') max++;
        break;
    }
  }
  if (level != 0) Py_FatalError("missing ')' in getargs format");
  if (min < 0) min = max;
  format = formatsave;
  char msgbuf[256];
  int levels[kMaxLevels];
  if (compat) {
    if (max == 0) {
      if (!args) return 1;
      PyErr_Format(PyExc_TypeError, "%.200s%s takes no arguments", fname ? fname : "function",
                   fname ? "()" : "");
      return 0;
    }
    if (min == 1 && max == 1) {
      if (!args) {
        PyErr_Format(PyExc_TypeError, "%.200s%s takes at least one argument",
                     fname ? fname : "function", fname ? "()" : "");
        return 0;
      }
      const char* msg = convert_item(args, &format, a, flags, levels, msgbuf, sizeof msgbuf, fl);
      if (!msg) return clean_return(1, fl);
      set_error(levels[0], msg, levels + 1, fname, message);
      return clean_return(0, fl);
    }
    PyErr_SetString(PyExc_SystemError, "old style getargs format uses new features");
    return 0;
  }
  if (!PyTuple_Check(args)) {
    PyErr_SetString(PyExc_SystemError, "new style getargs format but argument is not a tuple");
    return 0;
  }
  Py_ssize_t len = PyTuple_GET_SIZE(args);
  if (len < min || max < len) {
    if (!message) {
      int bound = len < min ? min : max;
      PyErr_Format(PyExc_TypeError, "%.150s%s takes %s %d argument%s (%zd given)",
                   fname ? fname : "function", fname ? "()" : "",
                   min == max ? "exactly" : len < min ? "at least" : "at most", bound,
                   bound == 1 ? "" : "s", len);
    } else {
      PyErr_SetString(PyExc_TypeError, message);
    }
    return 0;
  }
  for (Py_ssize_t i = 0; i < len; i++) {
    if (*format == '|') format++;
    const char* msg =
        convert_item(PyTuple_GET_ITEM(args, i), &format, a, flags, levels, msgbuf, sizeof msgbuf, fl);
    if (msg) {
      set_error(i + 1, msg, levels, fname, message);
      return clean_return(0, fl);
    }
  }
  if (*format != '\0' && !Py_ISALPHA(*format) && *format != '(' && *format != '|' &&
      *format != ':' && *format != ';') {
    PyErr_Format(PyExc_SystemError, "bad format string: %.200s", formatsave);
    return clean_return(0, fl);
  }
  return clean_return(1, fl);
}

// -- keyword parsing -----------------------------------------------------------------

// One parser for dict keywords (kwargs) and vectorcall keywords (kwnames +
// values after the positionals in `stack`).
// A str key equal to the C string `key` (ASCII keyword names: no object built).
inline bool key_is(PyObject* k, const char* key, size_t keylen) {
  if (!PyUnicode_CheckExact(k) || !PyUnicode_IS_COMPACT_ASCII(k)) {
    if (!PyUnicode_Check(k)) return false;
    Py_ssize_t n;
    const char* u = PyUnicode_AsUTF8AndSize(k, &n);  // kwlist names are UTF-8
    if (u == nullptr) {
      PyErr_Clear();  // a lone surrogate matches no name
      return false;
    }
    return static_cast<size_t>(n) == keylen && std::memcmp(u, key, keylen) == 0;
  }
  return static_cast<size_t>(PyUnicode_GET_LENGTH(k)) == keylen &&
         std::memcmp(PyUnicode_DATA(k), key, keylen) == 0;
}

PyObject* find_keyword(PyObject* kwargs, PyObject* kwnames, PyObject* const* kwstack,
                       const char* key) {
  if (kwargs) {
    // Call-site keyword dicts are small: comparing their str keys with the
    // name costs less than making a str of it, hashing it and a dict lookup.
    if (PyDict_GET_SIZE(kwargs) > 8) return PyDict_GetItemString(kwargs, key);
    size_t keylen = std::strlen(key);
    Py_ssize_t pos = 0;
    PyObject *k, *v;
    while (PyDict_Next(kwargs, &pos, &k, &v))
      if (key_is(k, key, keylen)) return v;
    return nullptr;
  }
  Py_ssize_t n = PyTuple_GET_SIZE(kwnames);
  size_t keylen = std::strlen(key);
  for (Py_ssize_t i = 0; i < n; i++)
    if (key_is(PyTuple_GET_ITEM(kwnames, i), key, keylen)) return kwstack[i];
  return nullptr;
}

int vgetargskeywords(PyObject* const* args, Py_ssize_t nargs, PyObject* kwargs,
                     PyObject* kwnames, const char* format, const char* const* kwlist, Args* a,
                     int flags) {
  Freelist fl;
  char msgbuf[512];
  int levels[kMaxLevels];
  int min = INT_MAX, max = INT_MAX;
  bool skip = false;
  int pos = 0, len;
  for (pos = 0; kwlist[pos] && !*kwlist[pos]; pos++) {
  }
  for (len = pos; kwlist[len]; len++) {
    if (!*kwlist[len]) {
      PyErr_SetString(PyExc_SystemError, "Empty keyword parameter name");
      return 0;
    }
  }
  const char* fname = std::strchr(format, ':');
  const char* custom_msg = nullptr;
  if (fname) {
    fname++;
  } else {
    custom_msg = std::strchr(format, ';');
    if (custom_msg) custom_msg++;
  }
  PyObject* const* kwstack = args + nargs;
  Py_ssize_t nkwargs = kwargs ? PyDict_GET_SIZE(kwargs) : kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  const char* fn = fname ? fname : "function";
  const char* paren = fname ? "()" : "";
  // fname ends at the end of the format string; print only its own text.
  std::string fname_text;
  if (fname) {
    fname_text.assign(fname, std::strcspn(fname, ";"));
    fn = fname_text.c_str();
  }
  if (nargs + nkwargs > len) {
    PyErr_Format(PyExc_TypeError, "%.200s%s takes at most %d %sargument%s (%zd given)", fn, paren,
                 len, nargs == 0 ? "keyword " : "", len == 1 ? "" : "s", nargs + nkwargs);
    return 0;
  }
  int i;
  for (i = 0; i < len; i++) {
    if (*format == '|') {
      if (min != INT_MAX) {
        PyErr_SetString(PyExc_SystemError, "Invalid format string (| specified twice)");
        return clean_return(0, fl);
      }
      min = i;
      format++;
      if (max != INT_MAX) {
        PyErr_SetString(PyExc_SystemError, "Invalid format string ($ before |)");
        return clean_return(0, fl);
      }
    }
    if (*format == '$') {
      if (max != INT_MAX) {
        PyErr_SetString(PyExc_SystemError, "Invalid format string ($ specified twice)");
        return clean_return(0, fl);
      }
      max = i;
      format++;
      if (max < pos) {
        PyErr_SetString(PyExc_SystemError, "Empty parameter name after $");
        return clean_return(0, fl);
      }
      if (skip) break;
      if (max < nargs) {
        if (max == 0)
          PyErr_Format(PyExc_TypeError, "%.200s%s takes no positional arguments", fn, paren);
        else
          PyErr_Format(PyExc_TypeError, "%.200s%s takes %s %d positional argument%s (%zd given)",
                       fn, paren, min != INT_MAX ? "at most" : "exactly", max,
                       max == 1 ? "" : "s", nargs);
        return clean_return(0, fl);
      }
    }
    if (*format == '\0' || *format == ':' || *format == ';') {
      PyErr_Format(PyExc_SystemError, "More keyword list entries (%d) than format specifiers (%d)",
                   len, i);
      return clean_return(0, fl);
    }
    if (!skip) {
      PyObject* current = nullptr;
      if (i < nargs) {
        current = args[i];
      } else if (nkwargs && i >= pos) {
        current = find_keyword(kwargs, kwnames, kwstack, kwlist[i]);
        if (current)
          --nkwargs;
        else if (PyErr_Occurred())
          return clean_return(0, fl);
      }
      if (current) {
        const char* msg =
            convert_item(current, &format, a, flags, levels, msgbuf, sizeof msgbuf, fl);
        if (msg) {
          set_error(i + 1, msg, levels, fname ? fn : nullptr, custom_msg);
          return clean_return(0, fl);
        }
        continue;
      }
      if (i < min) {
        if (i < pos) {
          skip = true;  // report once the positional bounds are known
        } else {
          PyErr_Format(PyExc_TypeError, "%.200s%s missing required argument '%s' (pos %d)", fn,
                       paren, kwlist[i], i + 1);
          return clean_return(0, fl);
        }
      }
      if (!nkwargs && !skip) return clean_return(1, fl);
    }
    const char* msg = skip_item(&format, a, flags);
    if (msg) {
      PyErr_Format(PyExc_SystemError, "%s: '%s'", msg, format);
      return clean_return(0, fl);
    }
  }
  if (skip) {
    int bound = pos < min ? pos : min;
    PyErr_Format(PyExc_TypeError, "%.200s%s takes %s %d positional argument%s (%zd given)", fn,
                 paren, bound < i ? "at least" : "exactly", bound, bound == 1 ? "" : "s", nargs);
    return clean_return(0, fl);
  }
  if (!(*format == '\0' || *format == ':' || *format == ';') && *format != '|' && *format != '$') {
    PyErr_Format(PyExc_SystemError,
                 "more argument specifiers than keyword list entries (remaining format:'%s')",
                 format);
    return clean_return(0, fl);
  }
  if (nkwargs > 0) {
    for (i = pos; i < nargs; i++) {
      if (find_keyword(kwargs, kwnames, kwstack, kwlist[i])) {
        PyErr_Format(PyExc_TypeError, "argument for %.200s%s given by name ('%s') and position (%d)",
                     fn, paren, kwlist[i], i + 1);
        return clean_return(0, fl);
      }
      if (PyErr_Occurred()) return clean_return(0, fl);
    }
    const char* target = fname ? fn : "this function";
    auto check_key = [&](PyObject* key) -> bool {
      if (!PyUnicode_Check(key)) {
        PyErr_SetString(PyExc_TypeError, "keywords must be strings");
        return false;
      }
      for (int k = pos; k < len; k++)
        if (PyUnicode_CompareWithASCIIString(key, kwlist[k]) == 0) return true;
      PyErr_Format(PyExc_TypeError, "'%U' is an invalid keyword argument for %.200s%s", key,
                   target, paren);
      return false;
    };
    if (kwargs) {
      Py_ssize_t j = 0;
      PyObject* key;
      while (PyDict_Next(kwargs, &j, &key, nullptr))
        if (!check_key(key)) return clean_return(0, fl);
    } else {
      for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(kwnames); j++)
        if (!check_key(PyTuple_GET_ITEM(kwnames, j))) return clean_return(0, fl);
    }
    PyErr_Format(PyExc_TypeError, "invalid keyword argument for %.200s%s", target, paren);
    return clean_return(0, fl);
  }
  return clean_return(1, fl);
}

int parse_tuple_and_keywords(PyObject* args, PyObject* kwargs, const char* format,
                             const char* const* kwlist, va_list va, int flags) {
  if ((args == nullptr || !PyTuple_Check(args)) || (kwargs && !PyDict_Check(kwargs)) ||
      format == nullptr || kwlist == nullptr) {
    PyErr_BadInternalCall();
    return 0;
  }
  Args a;
  va_copy(a.va, va);
  int r = vgetargskeywords(&PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args), kwargs, nullptr,
                           format, kwlist, &a, flags);
  va_end(a.va);
  return r;
}

// -- _PyArg_Parser (Argument Clinic) ----------------------------------------------------

// Fills the cached fields of a parser on first use: positional-only count,
// min/max from its format, the keyword-name tuple.
bool parser_init(_PyArg_Parser* parser) {
  if (parser->kwtuple) return true;
  const char* const* keywords = parser->keywords;
  int i, len;
  for (i = 0; keywords[i] && !*keywords[i]; i++) {
  }
  parser->pos = i;
  for (; keywords[i]; i++) {
    if (!*keywords[i]) {
      PyErr_SetString(PyExc_SystemError, "Empty keyword parameter name");
      return false;
    }
  }
  len = i;
  const char* format = parser->format;
  if (format) {
    int min = INT_MAX, max = INT_MAX;
    for (i = 0; i < len; i++) {
      if (*format == '|') {
        min = i;
        format++;
      }
      if (*format == '$') {
        max = i;
        format++;
      }
      // Step over one unit (with its modifiers and nested parentheses).
      const char* f = format;
      int level = 0;
      do {
        char c = *f++;
        if (c == '(') level++;
        else if (c == ')') level--;
        else if (c == '\0') break;
        while (*f == '#' || *f == '*' || *f == '!' || *f == '&' ||
               (c == 'e' && (*f == 's' || *f == 't')))
          f++;
      } while (level > 0);
      format = f;
    }
    parser->min = min < len ? min : len;
    parser->max = max < len ? max : len;
    if (!parser->fname && *format == ':') parser->fname = format + 1;
    if (!parser->custom_msg && *format == ';') parser->custom_msg = format + 1;
  }
  PyObject* kwtuple = PyTuple_New(len - parser->pos);
  if (!kwtuple) return false;
  for (i = parser->pos; i < len; i++) {
    PyObject* s = PyUnicode_InternFromString(keywords[i]);
    if (!s) {
      Py_DECREF(kwtuple);
      return false;
    }
    PyTuple_SET_ITEM(kwtuple, i - parser->pos, s);
  }
  parser->kwtuple = kwtuple;  // kept for the life of the process
  return true;
}

PyObject* find_keyword_obj(PyObject* kwnames, PyObject* const* kwstack, PyObject* key) {
  Py_ssize_t n = PyTuple_GET_SIZE(kwnames);
  for (Py_ssize_t i = 0; i < n; i++)
    if (PyTuple_GET_ITEM(kwnames, i) == key) return kwstack[i];  // interned: fast path
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject* k = PyTuple_GET_ITEM(kwnames, i);
    if (PyUnicode_Check(k) && PyUnicode_Compare(k, key) == 0) return kwstack[i];
  }
  return nullptr;
}

void error_unexpected_keyword_arg(PyObject* kwargs, PyObject* kwnames, PyObject* kwtuple,
                                  const char* fname) {
  Py_ssize_t j = 0;
  for (;;) {
    PyObject* key;
    if (kwargs) {
      if (!PyDict_Next(kwargs, &j, &key, nullptr)) break;
    } else {
      if (j >= PyTuple_GET_SIZE(kwnames)) break;
      key = PyTuple_GET_ITEM(kwnames, j++);
    }
    if (!PyUnicode_Check(key)) {
      PyErr_SetString(PyExc_TypeError, "keywords must be strings");
      return;
    }
    int match = PySequence_Contains(kwtuple, key);
    if (match <= 0) {
      if (!match)
        PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for %.200s%s", key,
                     fname ? fname : "this function", fname ? "()" : "");
      return;
    }
  }
  PyErr_Format(PyExc_TypeError, "invalid keyword argument for %.200s%s",
               fname ? fname : "this function", fname ? "()" : "");
}

// The fast parsers: a _PyArg_Parser's format drives vgetargskeywords with
// the parser's keywords.
int parse_with_parser(PyObject* const* args, Py_ssize_t nargs, PyObject* kwargs,
                      PyObject* kwnames, _PyArg_Parser* parser, Args* a, int flags) {
  if (!parser || !parser->format) {
    PyErr_BadInternalCall();
    return 0;
  }
  if (!parser_init(parser)) return 0;
  // vgetargskeywords reads fname from the format; build the same text.
  return vgetargskeywords(args, nargs, kwargs, kwnames, parser->format, parser->keywords, a,
                          flags);
}

}  // namespace

// -- the public entry points ---------------------------------------------------------------

#define KRAIT_VA_CALL(expr) \
  va_list va;               \
  va_start(va, format);     \
  Args a;                   \
  va_copy(a.va, va);        \
  int r = (expr);           \
  va_end(a.va);             \
  va_end(va);               \
  return r

int PyArg_Parse(PyObject* args, const char* format, ...) {
  KRAIT_VA_CALL(vgetargs1(args, format, &a, kFlagCompat));
}
extern "C" PyAPI_FUNC(int) _PyArg_Parse_SizeT(PyObject*, const char*, ...);
int _PyArg_Parse_SizeT(PyObject* args, const char* format, ...) {
  KRAIT_VA_CALL(vgetargs1(args, format, &a, kFlagCompat | kFlagSizeT));
}
int PyArg_ParseTuple(PyObject* args, const char* format, ...) {
  KRAIT_VA_CALL(vgetargs1(args, format, &a, 0));
}
extern "C" PyAPI_FUNC(int) _PyArg_ParseTuple_SizeT(PyObject*, const char*, ...);
int _PyArg_ParseTuple_SizeT(PyObject* args, const char* format, ...) {
  KRAIT_VA_CALL(vgetargs1(args, format, &a, kFlagSizeT));
}

int PyArg_VaParse(PyObject* args, const char* format, va_list va) {
  Args a;
  va_copy(a.va, va);
  int r = vgetargs1(args, format, &a, 0);
  va_end(a.va);
  return r;
}
extern "C" PyAPI_FUNC(int) _PyArg_VaParse_SizeT(PyObject*, const char*, va_list);
int _PyArg_VaParse_SizeT(PyObject* args, const char* format, va_list va) {
  Args a;
  va_copy(a.va, va);
  int r = vgetargs1(args, format, &a, kFlagSizeT);
  va_end(a.va);
  return r;
}

int _PyArg_ParseStack(PyObject* const* args, Py_ssize_t nargs, const char* format, ...) {
  krait::Ref<> tuple = krait::steal(PyTuple_New(nargs));
  if (!tuple) return 0;
  for (Py_ssize_t i = 0; i < nargs; i++) {
    Py_INCREF(args[i]);
    PyTuple_SET_ITEM(tuple.get(), i, args[i]);
  }
  KRAIT_VA_CALL(vgetargs1(tuple.get(), format, &a, 0));
}
extern "C" PyAPI_FUNC(int) _PyArg_ParseStack_SizeT(PyObject* const*, Py_ssize_t, const char*, ...);
int _PyArg_ParseStack_SizeT(PyObject* const* args, Py_ssize_t nargs, const char* format, ...) {
  krait::Ref<> tuple = krait::steal(PyTuple_New(nargs));
  if (!tuple) return 0;
  for (Py_ssize_t i = 0; i < nargs; i++) {
    Py_INCREF(args[i]);
    PyTuple_SET_ITEM(tuple.get(), i, args[i]);
  }
  KRAIT_VA_CALL(vgetargs1(tuple.get(), format, &a, kFlagSizeT));
}

int PyArg_ParseTupleAndKeywords(PyObject* args, PyObject* kw, const char* format, char** kwlist,
                                ...) {
  va_list va;
  va_start(va, kwlist);
  int r = parse_tuple_and_keywords(args, kw, format, kwlist, va, 0);
  va_end(va);
  return r;
}
extern "C" PyAPI_FUNC(int) _PyArg_ParseTupleAndKeywords_SizeT(PyObject*, PyObject*, const char*,
                                                              char**, ...);
int _PyArg_ParseTupleAndKeywords_SizeT(PyObject* args, PyObject* kw, const char* format,
                                       char** kwlist, ...) {
  va_list va;
  va_start(va, kwlist);
  int r = parse_tuple_and_keywords(args, kw, format, kwlist, va, kFlagSizeT);
  va_end(va);
  return r;
}
int PyArg_VaParseTupleAndKeywords(PyObject* args, PyObject* kw, const char* format,
                                  char** kwlist, va_list va) {
  return parse_tuple_and_keywords(args, kw, format, kwlist, va, 0);
}
extern "C" PyAPI_FUNC(int) _PyArg_VaParseTupleAndKeywords_SizeT(PyObject*, PyObject*, const char*,
                                                                char**, va_list);
int _PyArg_VaParseTupleAndKeywords_SizeT(PyObject* args, PyObject* kw, const char* format,
                                         char** kwlist, va_list va) {
  return parse_tuple_and_keywords(args, kw, format, kwlist, va, kFlagSizeT);
}

#define KRAIT_PARSER_CALL(first, args_expr, nargs_expr, kwargs_expr, kwnames_expr, flags) \
  va_list va;                                                                             \
  va_start(va, first);                                                                    \
  Args a;                                                                                 \
  va_copy(a.va, va);                                                                      \
  int r = parse_with_parser(args_expr, nargs_expr, kwargs_expr, kwnames_expr, parser, &a, flags); \
  va_end(a.va);                                                                           \
  va_end(va);                                                                             \
  return r

int _PyArg_ParseTupleAndKeywordsFast(PyObject* args, PyObject* kwargs, _PyArg_Parser* parser,
                                     ...) {
  KRAIT_PARSER_CALL(parser, &PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args), kwargs, nullptr, 0);
}
extern "C" PyAPI_FUNC(int) _PyArg_ParseTupleAndKeywordsFast_SizeT(PyObject*, PyObject*,
                                                                  _PyArg_Parser*, ...);
int _PyArg_ParseTupleAndKeywordsFast_SizeT(PyObject* args, PyObject* kwargs,
                                           _PyArg_Parser* parser, ...) {
  KRAIT_PARSER_CALL(parser, &PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args), kwargs, nullptr,
                    kFlagSizeT);
}
int _PyArg_ParseStackAndKeywords(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                                 _PyArg_Parser* parser, ...) {
  KRAIT_PARSER_CALL(parser, args, nargs, nullptr, kwnames, 0);
}
extern "C" PyAPI_FUNC(int) _PyArg_ParseStackAndKeywords_SizeT(PyObject* const*, Py_ssize_t,
                                                              PyObject*, _PyArg_Parser*, ...);
int _PyArg_ParseStackAndKeywords_SizeT(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames,
                                       _PyArg_Parser* parser, ...) {
  KRAIT_PARSER_CALL(parser, args, nargs, nullptr, kwnames, kFlagSizeT);
}
int _PyArg_VaParseTupleAndKeywordsFast(PyObject* args, PyObject* kwargs, _PyArg_Parser* parser,
                                       va_list va) {
  Args a;
  va_copy(a.va, va);
  int r = parse_with_parser(&PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args), kwargs, nullptr,
                            parser, &a, 0);
  va_end(a.va);
  return r;
}
extern "C" PyAPI_FUNC(int) _PyArg_VaParseTupleAndKeywordsFast_SizeT(PyObject*, PyObject*,
                                                                    _PyArg_Parser*, va_list);
int _PyArg_VaParseTupleAndKeywordsFast_SizeT(PyObject* args, PyObject* kwargs,
                                             _PyArg_Parser* parser, va_list va) {
  Args a;
  va_copy(a.va, va);
  int r = parse_with_parser(&PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args), kwargs, nullptr,
                            parser, &a, kFlagSizeT);
  va_end(a.va);
  return r;
}

// -- unpacking without conversion ------------------------------------------------------------

static int unpack_stack(PyObject* const* args, Py_ssize_t nargs, const char* name, Py_ssize_t min,
                        Py_ssize_t max, va_list va) {
  if (nargs < min) {
    if (name)
      PyErr_Format(PyExc_TypeError, "%.200s expected %s%zd argument%s, got %zd", name,
                   min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
    else
      PyErr_Format(PyExc_TypeError, "unpacked tuple should have %s%zd element%s, but has %zd",
                   min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
    return 0;
  }
  if (nargs == 0) return 1;
  if (nargs > max) {
    if (name)
      PyErr_Format(PyExc_TypeError, "%.200s expected %s%zd argument%s, got %zd", name,
                   min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
    else
      PyErr_Format(PyExc_TypeError, "unpacked tuple should have %s%zd element%s, but has %zd",
                   min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
    return 0;
  }
  for (Py_ssize_t i = 0; i < nargs; i++) *va_arg(va, PyObject**) = args[i];
  return 1;
}

int PyArg_UnpackTuple(PyObject* args, const char* name, Py_ssize_t min, Py_ssize_t max, ...) {
  if (!PyTuple_Check(args)) {
    PyErr_SetString(PyExc_SystemError, "PyArg_UnpackTuple() argument list is not a tuple");
    return 0;
  }
  va_list va;
  va_start(va, max);
  int r = unpack_stack(&PyTuple_GET_ITEM(args, 0), PyTuple_GET_SIZE(args), name, min, max, va);
  va_end(va);
  return r;
}

extern "C" PyAPI_FUNC(int) _PyArg_UnpackStack(PyObject* const*, Py_ssize_t, const char*,
                                              Py_ssize_t, Py_ssize_t, ...);
int _PyArg_UnpackStack(PyObject* const* args, Py_ssize_t nargs, const char* name, Py_ssize_t min,
                       Py_ssize_t max, ...) {
  va_list va;
  va_start(va, max);
  int r = unpack_stack(args, nargs, name, min, max, va);
  va_end(va);
  return r;
}

int PyArg_ValidateKeywordArguments(PyObject* kwargs) {
  if (!PyDict_Check(kwargs)) {
    PyErr_BadInternalCall();
    return 0;
  }
  Py_ssize_t pos = 0;
  PyObject* key;
  while (PyDict_Next(kwargs, &pos, &key, nullptr)) {
    if (!PyUnicode_Check(key)) {
      PyErr_SetString(PyExc_TypeError, "keywords must be strings");
      return 0;
    }
  }
  return 1;
}

// -- the small Argument Clinic helpers ---------------------------------------------------------

int(_PyArg_NoKeywords)(const char* funcname, PyObject* kwargs) {
  if (!kwargs) return 1;
  if (!PyDict_CheckExact(kwargs)) {
    PyErr_BadInternalCall();
    return 0;
  }
  if (PyDict_GET_SIZE(kwargs) == 0) return 1;
  PyErr_Format(PyExc_TypeError, "%.200s() takes no keyword arguments", funcname);
  return 0;
}

int(_PyArg_NoKwnames)(const char* funcname, PyObject* kwnames) {
  if (!kwnames) return 1;
  if (!PyTuple_CheckExact(kwnames)) {
    PyErr_BadInternalCall();
    return 0;
  }
  if (PyTuple_GET_SIZE(kwnames) == 0) return 1;
  PyErr_Format(PyExc_TypeError, "%s() takes no keyword arguments", funcname);
  return 0;
}

int(_PyArg_NoPositional)(const char* funcname, PyObject* args) {
  if (!args) return 1;
  if (!PyTuple_CheckExact(args)) {
    PyErr_BadInternalCall();
    return 0;
  }
  if (PyTuple_GET_SIZE(args) == 0) return 1;
  PyErr_Format(PyExc_TypeError, "%.200s() takes no positional arguments", funcname);
  return 0;
}

int(_PyArg_CheckPositional)(const char* name, Py_ssize_t nargs, Py_ssize_t min, Py_ssize_t max) {
  if (nargs < min) {
    if (name)
      PyErr_Format(PyExc_TypeError, "%.200s expected %s%zd argument%s, got %zd", name,
                   min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
    else
      PyErr_Format(PyExc_TypeError, "unpacked tuple should have %s%zd element%s, but has %zd",
                   min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
    return 0;
  }
  if (nargs == 0) return 1;
  if (nargs > max) {
    if (name)
      PyErr_Format(PyExc_TypeError, "%.200s expected %s%zd argument%s, got %zd", name,
                   min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
    else
      PyErr_Format(PyExc_TypeError, "unpacked tuple should have %s%zd element%s, but has %zd",
                   min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
    return 0;
  }
  return 1;
}

// "f() argument 'x' must be str, not int" (or argument 2, or just "argument").
void _PyArg_BadArgument(const char* fname, const char* displayname, const char* expected,
                        PyObject* arg) {
  PyErr_Format(PyExc_TypeError, "%.200s() %.200s must be %.50s, not %.50s", fname, displayname,
               expected, arg == Py_None ? "None" : Py_TYPE(arg)->tp_name);
}

static PyObject* const* unpack_keywords(PyObject* const* args, Py_ssize_t nargs,
                                        PyObject* kwargs, PyObject* kwnames,
                                        _PyArg_Parser* parser, int minpos, int maxpos, int minkw,
                                        PyObject** buf) {
  if (!parser || (kwnames && !PyTuple_Check(kwnames))) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  if (!args && nargs == 0) args = buf;
  if (!parser_init(parser)) return nullptr;
  PyObject* kwtuple = parser->kwtuple;
  int posonly = parser->pos;
  int minposonly = posonly < minpos ? posonly : minpos;
  int maxargs = posonly + static_cast<int>(PyTuple_GET_SIZE(kwtuple));
  const char* fname = parser->fname;
  const char* fn = fname ? fname : "function";
  const char* paren = fname ? "()" : "";
  PyObject* const* kwstack = nullptr;
  Py_ssize_t nkwargs;
  if (kwargs) {
    nkwargs = PyDict_GET_SIZE(kwargs);
  } else if (kwnames) {
    nkwargs = PyTuple_GET_SIZE(kwnames);
    kwstack = args + nargs;
  } else {
    nkwargs = 0;
  }
  if (nkwargs == 0 && minkw == 0 && minpos <= nargs && nargs <= maxpos) return args;
  if (nargs + nkwargs > maxargs) {
    PyErr_Format(PyExc_TypeError, "%.200s%s takes at most %d %sargument%s (%zd given)", fn, paren,
                 maxargs, nargs == 0 ? "keyword " : "", maxargs == 1 ? "" : "s", nargs + nkwargs);
    return nullptr;
  }
  if (nargs > maxpos) {
    if (maxpos == 0)
      PyErr_Format(PyExc_TypeError, "%.200s%s takes no positional arguments", fn, paren);
    else
      PyErr_Format(PyExc_TypeError, "%.200s%s takes %s %d positional argument%s (%zd given)", fn,
                   paren, minpos < maxpos ? "at most" : "exactly", maxpos, maxpos == 1 ? "" : "s",
                   nargs);
    return nullptr;
  }
  if (nargs < minposonly) {
    PyErr_Format(PyExc_TypeError, "%.200s%s takes %s %d positional argument%s (%zd given)", fn,
                 paren, minposonly < maxpos ? "at least" : "exactly", minposonly,
                 minposonly == 1 ? "" : "s", nargs);
    return nullptr;
  }
  for (Py_ssize_t i = 0; i < nargs; i++) buf[i] = args[i];
  int reqlimit = minkw ? maxpos + minkw : minpos;
  for (int i = static_cast<int>(nargs) > posonly ? static_cast<int>(nargs) : posonly; i < maxargs;
       i++) {
    PyObject* current = nullptr;
    if (nkwargs) {
      PyObject* keyword = PyTuple_GET_ITEM(kwtuple, i - posonly);
      if (kwargs) {
        current = PyDict_GetItemWithError(kwargs, keyword);
        if (!current && PyErr_Occurred()) return nullptr;
      } else {
        current = find_keyword_obj(kwnames, kwstack, keyword);
      }
    } else if (i >= reqlimit) {
      break;
    }
    buf[i] = current;
    if (current) {
      --nkwargs;
    } else if (i < minpos || (maxpos <= i && i < reqlimit)) {
      PyErr_Format(PyExc_TypeError, "%.200s%s missing required argument '%U' (pos %d)", fn, paren,
                   PyTuple_GET_ITEM(kwtuple, i - posonly), i + 1);
      return nullptr;
    }
  }
  if (nkwargs > 0) {
    for (int i = posonly; i < nargs; i++) {
      PyObject* keyword = PyTuple_GET_ITEM(kwtuple, i - posonly);
      PyObject* current;
      if (kwargs) {
        current = PyDict_GetItemWithError(kwargs, keyword);
        if (!current && PyErr_Occurred()) return nullptr;
      } else {
        current = find_keyword_obj(kwnames, kwstack, keyword);
      }
      if (current) {
        PyErr_Format(PyExc_TypeError, "argument for %.200s%s given by name ('%U') and position (%d)",
                     fn, paren, keyword, i + 1);
        return nullptr;
      }
    }
    error_unexpected_keyword_arg(kwargs, kwnames, kwtuple, fname);
    return nullptr;
  }
  return buf;
}

PyObject* const*(_PyArg_UnpackKeywords)(PyObject* const* args, Py_ssize_t nargs, PyObject* kwargs,
                                        PyObject* kwnames, _PyArg_Parser* parser, int minpos,
                                        int maxpos, int minkw, PyObject** buf) {
  return unpack_keywords(args, nargs, kwargs, kwnames, parser, minpos, maxpos, minkw, buf);
}

// As _PyArg_UnpackKeywords, with the positionals beyond maxpos collected
// into a tuple stored at buf[vararg] (a new reference).
PyObject* const* _PyArg_UnpackKeywordsWithVararg(PyObject* const* args, Py_ssize_t nargs,
                                                 PyObject* kwargs, PyObject* kwnames,
                                                 _PyArg_Parser* parser, int minpos, int maxpos,
                                                 int minkw, int vararg, PyObject** buf) {
  if (!parser_init(parser)) return nullptr;
  Py_ssize_t varargssize = nargs > maxpos ? nargs - maxpos : 0;
  PyObject* varargs = PyTuple_New(varargssize);
  if (!varargs) return nullptr;
  for (Py_ssize_t i = 0; i < varargssize; i++) {
    Py_INCREF(args[maxpos + i]);
    PyTuple_SET_ITEM(varargs, i, args[maxpos + i]);
  }
  Py_ssize_t npos = nargs - varargssize;
  // Parse the rest as if the varargs were absent, then slot them in.
  std::vector<PyObject*> flat;
  PyObject* const* rest = args;
  if (kwnames && varargssize) {
    // Keyword values follow all positionals on the stack: move them up.
    flat.assign(args, args + npos);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); i++) flat.push_back(args[nargs + i]);
    rest = flat.data();
  }
  std::vector<PyObject*> tmp(static_cast<size_t>(parser->pos + PyTuple_GET_SIZE(parser->kwtuple)) + 1);
  PyObject* const* r =
      unpack_keywords(rest, npos, kwargs, kwnames, parser, minpos, maxpos, minkw, tmp.data());
  if (!r) {
    Py_DECREF(varargs);
    return nullptr;
  }
  Py_ssize_t total = static_cast<Py_ssize_t>(tmp.size()) - 1;
  for (Py_ssize_t i = 0, j = 0; i <= total; i++) {
    if (i == vararg) {
      buf[i] = varargs;
    } else {
      buf[i] = (r == tmp.data() || j < npos) ? r[j] : nullptr;
      j++;
    }
  }
  return buf;
}
