// unicode_search.cpp — substring search over PEP 393 strings (find, rfind,
// count, contains), shared by the str methods and the C API.
//
// Canonical form makes mixed kinds simple: a needle of a wider kind than the
// haystack holds a character the haystack cannot contain, so it is absent;
// a narrower needle is widened to the haystack's kind first. The search
// itself is Boyer-Moore-Horspool keyed on the low byte of each code unit
// (collisions only shorten shifts, so it stays correct), with memchr/memmem
// for the one-byte cases glibc already does well.
#include <Python.h>

#include <cstring>

#include "objects/unicode_object.h"

using namespace krait;

namespace {

template <class T>
Py_ssize_t find_char_t(const T* s, Py_ssize_t n, T ch, int direction) {
  if constexpr (sizeof(T) == 1) {
    const void* p = direction > 0 ? std::memchr(s, ch, n) : memrchr(s, ch, n);
    return p ? static_cast<const T*>(p) - s : -1;
  } else {
    if (direction > 0) {
      for (Py_ssize_t i = 0; i < n; ++i)
        if (s[i] == ch) return i;
    } else {
      for (Py_ssize_t i = n - 1; i >= 0; --i)
        if (s[i] == ch) return i;
    }
    return -1;
  }
}

template <class T>
Py_ssize_t find_t(const T* s, Py_ssize_t n, const T* p, Py_ssize_t m, int direction) {
  if (m == 0) return direction > 0 ? 0 : n;
  if (m > n) return -1;
  if (m == 1) return find_char_t(s, n, p[0], direction);
  if constexpr (sizeof(T) == 1) {
    if (direction > 0) {
      const void* r = memmem(s, n, p, m);
      return r ? static_cast<const T*>(r) - s : -1;
    }
  }
  if (n < 64 || m < 4) {
    // Short inputs: the table costs more than it saves.
    if (direction > 0) {
      for (Py_ssize_t i = 0; i + m <= n; ++i)
        if (s[i] == p[0] && s[i + m - 1] == p[m - 1] && std::memcmp(s + i, p, m * sizeof(T)) == 0) return i;
    } else {
      for (Py_ssize_t i = n - m; i >= 0; --i)
        if (s[i] == p[0] && s[i + m - 1] == p[m - 1] && std::memcmp(s + i, p, m * sizeof(T)) == 0) return i;
    }
    return -1;
  }
  Py_ssize_t skip[256];
  if (direction > 0) {
    for (auto& k : skip) k = m;
    for (Py_ssize_t i = 0; i < m - 1; ++i) skip[p[i] & 0xff] = m - 1 - i;
    T last = p[m - 1];
    for (Py_ssize_t i = 0; i + m <= n;) {
      T c = s[i + m - 1];
      if (c == last && std::memcmp(s + i, p, (m - 1) * sizeof(T)) == 0) return i;
      i += skip[c & 0xff];
    }
  } else {
    for (auto& k : skip) k = m;
    for (Py_ssize_t i = m - 1; i > 0; --i) skip[p[i] & 0xff] = i;
    T first = p[0];
    for (Py_ssize_t i = n - m; i >= 0;) {
      T c = s[i];
      if (c == first && std::memcmp(s + i + 1, p + 1, (m - 1) * sizeof(T)) == 0) return i;
      i -= skip[c & 0xff];
    }
  }
  return -1;
}

template <class T>
Py_ssize_t count_t(const T* s, Py_ssize_t n, const T* p, Py_ssize_t m, Py_ssize_t maxcount) {
  if (m == 0) return n + 1 < maxcount ? n + 1 : maxcount;
  Py_ssize_t count = 0, pos = 0;
  if (m == 1) {
    for (Py_ssize_t i = 0; i < n && count < maxcount; ++i) count += s[i] == p[0];
    return count;
  }
  while (count < maxcount) {
    Py_ssize_t r = find_t(s + pos, n - pos, p, m, 1);
    if (r < 0) break;
    ++count;
    pos += r + m;
  }
  return count;
}

// Gives sub's characters in kind `kind` (sub's kind must not be wider):
// either sub's own data or a converted copy owned by this object.
class Widened {
 public:
  Widened(PyObject* sub, int kind) {
    int sk = ukind(sub);
    Py_ssize_t m = ulen(sub);
    if (sk == kind) {
      data_ = udata(sub);
      return;
    }
    size_t bytes = static_cast<size_t>(m) * kind;
    void* buf = bytes <= sizeof(local_) ? static_cast<void*>(local_) : PyMem_Malloc(bytes ? bytes : 1);
    if (buf == nullptr) return;
    if (buf != local_) heap_ = buf;
    const void* sd = udata(sub);
    for (Py_ssize_t i = 0; i < m; ++i) PyUnicode_WRITE(kind, buf, i, PyUnicode_READ(sk, sd, i));
    data_ = buf;
  }
  ~Widened() { PyMem_Free(heap_); }
  const void* data() const { return data_; }

 private:
  alignas(4) char local_[256];
  void* heap_ = nullptr;
  const void* data_ = nullptr;
};

}  // namespace

Py_ssize_t krait::unicode_find_char(PyObject* s, Py_UCS4 ch, Py_ssize_t start, Py_ssize_t end,
                                    int direction) {
  if (start >= end) return -1;
  int kind = ukind(s);
  const void* d = udata(s);
  Py_ssize_t r;
  switch (kind) {
    case PyUnicode_1BYTE_KIND:
      if (ch > 0xff) return -1;
      r = find_char_t(static_cast<const Py_UCS1*>(d) + start, end - start, static_cast<Py_UCS1>(ch), direction);
      break;
    case PyUnicode_2BYTE_KIND:
      if (ch > 0xffff) return -1;
      r = find_char_t(static_cast<const Py_UCS2*>(d) + start, end - start, static_cast<Py_UCS2>(ch), direction);
      break;
    default:
      r = find_char_t(static_cast<const Py_UCS4*>(d) + start, end - start, ch, direction);
  }
  return r < 0 ? -1 : r + start;
}

Py_ssize_t krait::unicode_find(PyObject* s, PyObject* sub, Py_ssize_t start, Py_ssize_t end, int direction) {
  Py_ssize_t m = ulen(sub);
  if (end - start < m) return -1;
  int kind = ukind(s);
  if (ukind(sub) > kind) return -1;
  if (m == 1) return unicode_find_char(s, PyUnicode_READ_CHAR(sub, 0), start, end, direction);
  Widened w(sub, kind);
  if (w.data() == nullptr) {
    PyErr_NoMemory();
    return -2;
  }
  const void* d = udata(s);
  Py_ssize_t r;
  switch (kind) {
    case PyUnicode_1BYTE_KIND:
      r = find_t(static_cast<const Py_UCS1*>(d) + start, end - start, static_cast<const Py_UCS1*>(w.data()), m,
                 direction);
      break;
    case PyUnicode_2BYTE_KIND:
      r = find_t(static_cast<const Py_UCS2*>(d) + start, end - start, static_cast<const Py_UCS2*>(w.data()), m,
                 direction);
      break;
    default:
      r = find_t(static_cast<const Py_UCS4*>(d) + start, end - start, static_cast<const Py_UCS4*>(w.data()), m,
                 direction);
  }
  return r < 0 ? -1 : r + start;
}

Py_ssize_t krait::unicode_count(PyObject* s, PyObject* sub, Py_ssize_t start, Py_ssize_t end,
                                Py_ssize_t maxcount) {
  if (end < start) return 0;
  Py_ssize_t m = ulen(sub);
  if (end - start < m) return 0;
  int kind = ukind(s);
  if (ukind(sub) > kind) return 0;
  Widened w(sub, kind);
  if (w.data() == nullptr) {
    PyErr_NoMemory();
    return -1;
  }
  const void* d = udata(s);
  switch (kind) {
    case PyUnicode_1BYTE_KIND:
      return count_t(static_cast<const Py_UCS1*>(d) + start, end - start, static_cast<const Py_UCS1*>(w.data()), m,
                     maxcount);
    case PyUnicode_2BYTE_KIND:
      return count_t(static_cast<const Py_UCS2*>(d) + start, end - start, static_cast<const Py_UCS2*>(w.data()), m,
                     maxcount);
    default:
      return count_t(static_cast<const Py_UCS4*>(d) + start, end - start, static_cast<const Py_UCS4*>(w.data()), m,
                     maxcount);
  }
}

// -- C API -------------------------------------------------------------------------------

static bool ensure_str(PyObject* o) {
  if (PyUnicode_Check(o)) return true;
  PyErr_Format(PyExc_TypeError, "must be str, not %.100s", Py_TYPE(o)->tp_name);
  return false;
}

extern "C" Py_ssize_t PyUnicode_Find(PyObject* str, PyObject* substr, Py_ssize_t start, Py_ssize_t end,
                                     int direction) {
  if (!ensure_str(str) || !ensure_str(substr)) return -2;
  adjust_indices(&start, &end, ulen(str));
  if (end - start < ulen(substr)) return -1;
  return unicode_find(str, substr, start, end, direction > 0 ? 1 : -1);
}

extern "C" Py_ssize_t PyUnicode_FindChar(PyObject* str, Py_UCS4 ch, Py_ssize_t start, Py_ssize_t end,
                                         int direction) {
  if (!ensure_str(str)) return -2;
  Py_ssize_t len = ulen(str);
  if (start < 0 || end < 0) {
    PyErr_SetString(PyExc_IndexError, "string index out of range");
    return -2;
  }
  if (end > len) end = len;
  return unicode_find_char(str, ch, start, end, direction > 0 ? 1 : -1);
}

extern "C" Py_ssize_t PyUnicode_Count(PyObject* str, PyObject* substr, Py_ssize_t start, Py_ssize_t end) {
  if (!ensure_str(str) || !ensure_str(substr)) return -1;
  adjust_indices(&start, &end, ulen(str));
  return unicode_count(str, substr, start, end, PY_SSIZE_T_MAX);
}

// 1 if str[start:end] starts (direction < 0) / ends (direction > 0) with substr.
Py_ssize_t krait::unicode_tailmatch(PyObject* self, PyObject* substring, Py_ssize_t start, Py_ssize_t end,
                           int direction) {
  Py_ssize_t len = ulen(self);
  adjust_indices(&start, &end, len);
  Py_ssize_t m = ulen(substring);
  end -= m;
  if (end < start) return 0;
  if (m == 0) return 1;
  int ks = ukind(self), kk = ukind(substring);
  const void* ds = udata(self);
  const void* dk = udata(substring);
  Py_ssize_t offset = direction > 0 ? end : start;
  if (PyUnicode_READ(ks, ds, offset) != PyUnicode_READ(kk, dk, 0) ||
      PyUnicode_READ(ks, ds, offset + m - 1) != PyUnicode_READ(kk, dk, m - 1))
    return 0;
  if (ks == kk) return std::memcmp(static_cast<const char*>(ds) + offset * ks, dk, m * ks) == 0;
  for (Py_ssize_t i = 1; i < m - 1; ++i)
    if (PyUnicode_READ(ks, ds, offset + i) != PyUnicode_READ(kk, dk, i)) return 0;
  return 1;
}

extern "C" Py_ssize_t PyUnicode_Tailmatch(PyObject* str, PyObject* substr, Py_ssize_t start, Py_ssize_t end,
                                          int direction) {
  if (!ensure_str(str) || !ensure_str(substr)) return -1;
  return unicode_tailmatch(str, substr, start, end, direction);
}

extern "C" PyObject* PyUnicode_Substring(PyObject* self, Py_ssize_t start, Py_ssize_t end) {
  if (!PyUnicode_Check(self)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  if (start < 0 || end < 0) {
    PyErr_SetString(PyExc_IndexError, "string index out of range");
    return nullptr;
  }
  Py_ssize_t len = ulen(self);
  if (end > len) end = len;
  if (start >= end) return unicode_empty();
  return unicode_substring(self, start, end);
}
