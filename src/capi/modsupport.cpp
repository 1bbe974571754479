// Py_BuildValue and friends: C values -> Python objects from a format string
// (every 3.11 unit: s s# z z# U U# y y# u u# i b h l B H I k L K n c C d f D
// O S N O& and the (), [], {} containers), plus _Py_VaBuildStack.
//
// The _SizeT entry points read '#' lengths as Py_ssize_t; the plain ones
// read int and warn, as 3.11 does for extensions built without
// PY_SSIZE_T_CLEAN.
#include <Python.h>

#include <cstring>
#include <cwchar>

#include "objects/object_util.h"

namespace {

constexpr int kFlagSizeT = 1;

// A va_list wrapped so it can be passed down by pointer portably.
struct Args {
  va_list va;
};

PyObject* do_mkvalue(const char** p_format, Args* a, int flags);

// Counts the items up to `endchar` at this nesting level; -1 on a bad format.
Py_ssize_t count_format(const char* format, char endchar) {
  Py_ssize_t count = 0;
  int level = 0;
  while (level > 0 || *format != endchar) {
    switch (*format) {
      case '\0':
        PyErr_SetString(PyExc_SystemError, "unmatched paren in format");
        return -1;
      case '(':
      case '[':
      case '{':
        if (level == 0) count++;
        level++;
        break;
      case ')':
      case ']':
      case '}':
        level--;
        break;
      case '#':
      case '&':
      case ',':
      case ':':
      case ' ':
      case '\t':
        break;
      default:
        if (level == 0) count++;
    }
    format++;
  }
  return count;
}

// After an error, the remaining items are still consumed so that the
// references passed with 'N' are released.
void do_ignore(const char** p_format, Args* a, char endchar, Py_ssize_t n, int flags) {
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject* w = do_mkvalue(p_format, a, flags);
    Py_XDECREF(w);
  }
  if (**p_format != endchar) {
    PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
  } else if (endchar) {
    ++*p_format;
  }
  if (!PyErr_Occurred()) {
    PyErr_Restore(t, v, tb);
  } else {
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
  }
}

// Builds n items into a tuple or list (`make` creates it, `set` stores).
template <class Make, class Set>
PyObject* do_sequence(const char** p_format, Args* a, char endchar, Py_ssize_t n, int flags,
                      Make make, Set set) {
  if (n < 0) return nullptr;
  PyObject* v = make(n);
  if (!v) {
    do_ignore(p_format, a, endchar, n, flags);
    return nullptr;
  }
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject* w = do_mkvalue(p_format, a, flags);
    if (!w) {
      do_ignore(p_format, a, endchar, n - i - 1, flags);
      Py_DECREF(v);
      return nullptr;
    }
    set(v, i, w);
  }
  if (**p_format != endchar) {
    Py_DECREF(v);
    PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
    return nullptr;
  }
  if (endchar) ++*p_format;
  return v;
}

PyObject* do_mkdict(const char** p_format, Args* a, char endchar, Py_ssize_t n, int flags) {
  if (n < 0) return nullptr;
  if (n % 2) {
    PyErr_SetString(PyExc_SystemError, "Bad dict format");
    do_ignore(p_format, a, endchar, n, flags);
    return nullptr;
  }
  PyObject* d = PyDict_New();
  if (!d) {
    do_ignore(p_format, a, endchar, n, flags);
    return nullptr;
  }
  for (Py_ssize_t i = 0; i < n; i += 2) {
    PyObject* k = do_mkvalue(p_format, a, flags);
    if (!k) {
      do_ignore(p_format, a, endchar, n - i - 1, flags);
      Py_DECREF(d);
      return nullptr;
    }
    PyObject* v = do_mkvalue(p_format, a, flags);
    if (!v || PyDict_SetItem(d, k, v) < 0) {
      do_ignore(p_format, a, endchar, n - i - 2, flags);
      Py_DECREF(k);
      Py_XDECREF(v);
      Py_DECREF(d);
      return nullptr;
    }
    Py_DECREF(k);
    Py_DECREF(v);
  }
  if (**p_format != endchar) {
    Py_DECREF(d);
    PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
    return nullptr;
  }
  if (endchar) ++*p_format;
  return d;
}

// Reads the length after '#': Py_ssize_t, or int with the 3.11 warning.
bool read_length(const char** p_format, Args* a, int flags, Py_ssize_t* n) {
  if (**p_format != '#') {
    *n = -1;
    return true;
  }
  ++*p_format;
  if (flags & kFlagSizeT) {
    *n = va_arg(a->va, Py_ssize_t);
  } else {
    *n = va_arg(a->va, int);
    if (PyErr_WarnEx(PyExc_DeprecationWarning,
                     "PY_SSIZE_T_CLEAN will be required for '#' formats", 1))
      return false;
  }
  return true;
}

PyObject* do_mkvalue(const char** p_format, Args* a, int flags) {
  for (;;) {
    char c = *(*p_format)++;
    switch (c) {
      case '(':
        return do_sequence(p_format, a, ')', count_format(*p_format, ')'), flags, PyTuple_New,
                           [](PyObject* t, Py_ssize_t i, PyObject* w) { PyTuple_SET_ITEM(t, i, w); });
      case '[':
        return do_sequence(p_format, a, ']', count_format(*p_format, ']'), flags, PyList_New,
                           [](PyObject* l, Py_ssize_t i, PyObject* w) { PyList_SET_ITEM(l, i, w); });
      case '{':
        return do_mkdict(p_format, a, '}', count_format(*p_format, '}'), flags);
      case 'b':
      case 'B':
      case 'h':
      case 'i':
        return PyLong_FromLong(static_cast<long>(va_arg(a->va, int)));
      case 'H':
        return PyLong_FromLong(static_cast<long>(static_cast<unsigned short>(va_arg(a->va, int))));
      case 'I':
        return PyLong_FromUnsignedLong(va_arg(a->va, unsigned int));
      case 'n':
        return PyLong_FromSsize_t(va_arg(a->va, Py_ssize_t));
      case 'l':
        return PyLong_FromLong(va_arg(a->va, long));
      case 'k':
        return PyLong_FromUnsignedLong(va_arg(a->va, unsigned long));
      case 'L':
        return PyLong_FromLongLong(va_arg(a->va, long long));
      case 'K':
        return PyLong_FromUnsignedLongLong(va_arg(a->va, unsigned long long));
      case 'u': {
        const wchar_t* u = va_arg(a->va, wchar_t*);
        Py_ssize_t n;
        if (!read_length(p_format, a, flags, &n)) return nullptr;
        if (!u) Py_RETURN_NONE;
        if (n < 0) n = static_cast<Py_ssize_t>(std::wcslen(u));
        return PyUnicode_FromWideChar(u, n);
      }
      case 'f':
      case 'd':
        return PyFloat_FromDouble(va_arg(a->va, double));
      case 'D':
        return PyComplex_FromCComplex(*va_arg(a->va, Py_complex*));
      case 'c': {
        char p = static_cast<char>(va_arg(a->va, int));
        return PyBytes_FromStringAndSize(&p, 1);
      }
      case 'C':
        return PyUnicode_FromOrdinal(va_arg(a->va, int));
      case 's':
      case 'z':
      case 'U': {
        const char* str = va_arg(a->va, const char*);
        Py_ssize_t n;
        if (!read_length(p_format, a, flags, &n)) return nullptr;
        if (!str) Py_RETURN_NONE;
        if (n < 0) {
          size_t m = std::strlen(str);
          if (m > static_cast<size_t>(PY_SSIZE_T_MAX)) {
            PyErr_SetString(PyExc_OverflowError, "string too long for Python string");
            return nullptr;
          }
          n = static_cast<Py_ssize_t>(m);
        }
        return PyUnicode_FromStringAndSize(str, n);
      }
      case 'y': {
        const char* str = va_arg(a->va, const char*);
        Py_ssize_t n;
        if (!read_length(p_format, a, flags, &n)) return nullptr;
        if (!str) Py_RETURN_NONE;
        if (n < 0) {
          size_t m = std::strlen(str);
          if (m > static_cast<size_t>(PY_SSIZE_T_MAX)) {
            PyErr_SetString(PyExc_OverflowError, "string too long for Python bytes");
            return nullptr;
          }
          n = static_cast<Py_ssize_t>(m);
        }
        return PyBytes_FromStringAndSize(str, n);
      }
      case 'N':
      case 'S':
      case 'O':
        if (**p_format == '&') {
          typedef PyObject* (*converter)(void*);
          converter func = va_arg(a->va, converter);
          void* arg = va_arg(a->va, void*);
          ++*p_format;
          return func(arg);
        } else {
          PyObject* v = va_arg(a->va, PyObject*);
          if (v) {
            if (c != 'N') Py_INCREF(v);
          } else if (!PyErr_Occurred()) {
            // An unset error from a failed call that produced the argument.
            PyErr_SetString(PyExc_SystemError, "NULL object passed to Py_BuildValue");
          }
          return v;
        }
      case ':':
      case ',':
      case ' ':
      case '\t':
        break;
      default:
        PyErr_SetString(PyExc_SystemError, "bad format char passed to Py_BuildValue");
        return nullptr;
    }
  }
}

PyObject* va_build_value(const char* format, va_list va, int flags) {
  Py_ssize_t n = count_format(format, '\0');
  if (n < 0) return nullptr;
  if (n == 0) Py_RETURN_NONE;
  Args a;
  va_copy(a.va, va);
  const char* f = format;
  PyObject* r;
  if (n == 1) {
    r = do_mkvalue(&f, &a, flags);
  } else {
    r = do_sequence(&f, &a, '\0', n, flags, PyTuple_New,
                    [](PyObject* t, Py_ssize_t i, PyObject* w) { PyTuple_SET_ITEM(t, i, w); });
  }
  va_end(a.va);
  return r;
}

PyObject** va_build_stack(PyObject** small_stack, Py_ssize_t small_stack_len, const char* format,
                          va_list va, int flags, Py_ssize_t* p_nargs) {
  Py_ssize_t n = count_format(format, '\0');
  if (n < 0) {
    *p_nargs = 0;
    return nullptr;
  }
  if (n == 0) {
    *p_nargs = 0;
    return small_stack;
  }
  PyObject** stack = small_stack;
  if (n > small_stack_len) {
    stack = static_cast<PyObject**>(PyMem_Malloc(n * sizeof(PyObject*)));
    if (!stack) {
      PyErr_NoMemory();
      return nullptr;
    }
  }
  Args a;
  va_copy(a.va, va);
  const char* f = format;
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject* w = do_mkvalue(&f, &a, flags);
    if (!w) {
      do_ignore(&f, &a, '\0', n - i - 1, flags);
      for (Py_ssize_t j = 0; j < i; j++) Py_DECREF(stack[j]);
      if (stack != small_stack) PyMem_Free(stack);
      va_end(a.va);
      return nullptr;
    }
    stack[i] = w;
  }
  va_end(a.va);
  if (*f != '\0') {
    for (Py_ssize_t j = 0; j < n; j++) Py_DECREF(stack[j]);
    if (stack != small_stack) PyMem_Free(stack);
    PyErr_SetString(PyExc_SystemError, "Unmatched paren in format");
    return nullptr;
  }
  *p_nargs = n;
  return stack;
}

}  // namespace

PyObject* Py_BuildValue(const char* format, ...) {
  va_list va;
  va_start(va, format);
  PyObject* r = va_build_value(format, va, 0);
  va_end(va);
  return r;
}

PyObject* _Py_BuildValue_SizeT(const char* format, ...) {
  va_list va;
  va_start(va, format);
  PyObject* r = va_build_value(format, va, kFlagSizeT);
  va_end(va);
  return r;
}

PyObject* Py_VaBuildValue(const char* format, va_list va) { return va_build_value(format, va, 0); }

extern "C" PyAPI_FUNC(PyObject*) _Py_VaBuildValue_SizeT(const char* format, va_list va);
PyObject* _Py_VaBuildValue_SizeT(const char* format, va_list va) {
  return va_build_value(format, va, kFlagSizeT);
}

PyObject** _Py_VaBuildStack(PyObject** small_stack, Py_ssize_t small_stack_len,
                            const char* format, va_list va, Py_ssize_t* p_nargs) {
  return va_build_stack(small_stack, small_stack_len, format, va, 0, p_nargs);
}

extern "C" PyAPI_FUNC(PyObject**) _Py_VaBuildStack_SizeT(PyObject** small_stack,
                                                         Py_ssize_t small_stack_len,
                                                         const char* format, va_list va,
                                                         Py_ssize_t* p_nargs);
PyObject** _Py_VaBuildStack_SizeT(PyObject** small_stack, Py_ssize_t small_stack_len,
                                  const char* format, va_list va, Py_ssize_t* p_nargs) {
  return va_build_stack(small_stack, small_stack_len, format, va, kFlagSizeT, p_nargs);
}

// Argument Clinic's converter for "Py_ssize_t or None" parameters.
extern "C" PyAPI_FUNC(int) _Py_convert_optional_to_ssize_t(PyObject* obj, void* result);
int _Py_convert_optional_to_ssize_t(PyObject* obj, void* result) {
  Py_ssize_t limit;
  if (obj == Py_None) return 1;
  if (PyIndex_Check(obj)) {
    limit = PyNumber_AsSsize_t(obj, PyExc_OverflowError);
    if (limit == -1 && PyErr_Occurred()) return 0;
  } else {
    PyErr_Format(PyExc_TypeError, "argument should be integer or None, not '%.200s'",
                 Py_TYPE(obj)->tp_name);
    return 0;
  }
  *static_cast<Py_ssize_t*>(result) = limit;
  return 1;
}
