// unicode_object.cpp — str: PEP 393 storage, construction, singletons,
// interning, hashing, comparison, the sequence protocol, repr, the type object.
//
// Layout is exactly CPython 3.11's (cpython/unicodeobject.h), because extension
// binaries read it through inline functions:
//   - compact ASCII: PyASCIIObject followed by the characters + NUL; the UTF-8
//     form is the data itself.
//   - compact non-ASCII: PyCompactUnicodeObject followed by the characters + NUL
//     (1, 2 or 4 bytes each); utf8 is a separately allocated cache, filled on
//     first PyUnicode_AsUTF8.
//   - non-compact ("legacy ready"): instances of str subclasses, allocated by
//     the subtype's tp_alloc with the characters in a separate block (data.any).
// wstr is always NULL except when PyUnicode_AsUnicode was asked for it.
// Canonical form (narrowest kind) is an invariant every constructor keeps.
//
// Methods live in unicode_methods.cpp, %-formatting and PyUnicode_FromFormat in
// unicode_format.cpp, codecs in unicode_codecs.cpp, _PyUnicodeWriter in
// unicode_writer.cpp.
#include "objects/unicode_object.h"

#include <atomic>
#include <climits>
#include <cstdlib>
#include <vector>

#include "objects/object_util.h"
#include "objects/unicode_codecs.h"
#include "capi/pyruntime_shim.h"
#include "support/unicode_db.h"

namespace krait {
extern PyMethodDef unicode_methods[];      // unicode_methods.cpp
extern PyNumberMethods unicode_as_number;  // unicode_format.cpp (the % operator)
PyObject* unicode_new_impl(PyTypeObject* type, PyObject* args, PyObject* kwargs);
PyObject* unicode_getnewargs(PyObject* self, PyObject*);
PyObject* unicode_sizeof(PyObject* self, PyObject*);
}  // namespace krait

using namespace krait;

// -- Static singletons ------------------------------------------------------------
//
// "" and the 256 one-character Latin-1 strings are statically allocated,
// immortal and pre-interned, so the hot constructors never allocate for them
// and need no initialization order.

namespace {

// They live in the exported `_PyRuntime` (capi/pyruntime_shim.cpp), where
// extensions built with CPython's internal headers look for them
// (`_Py_STR(empty)`, the ascii/latin1 tables); the shim builds them at
// compile time.
inline PyObject* latin1_singleton(Py_UCS4 ch) {
  return ch < 128 ? reinterpret_cast<PyObject*>(&_PyRuntime.ascii[ch])
                  : reinterpret_cast<PyObject*>(&_PyRuntime.latin1[ch - 128]);
}

bool is_singleton(PyObject* s) {
  auto p = reinterpret_cast<const char*>(s);
  auto a = reinterpret_cast<const char*>(&_PyRuntime.ascii);
  auto l = reinterpret_cast<const char*>(&_PyRuntime.latin1);
  return s == reinterpret_cast<PyObject*>(&_PyRuntime.str_empty) ||
         (p >= a && p < a + sizeof(_PyRuntime.ascii)) ||
         (p >= l && p < l + sizeof(_PyRuntime.latin1));
}

inline Py_ssize_t char_size(int kind) { return kind; }

}  // namespace

// -- Allocation -------------------------------------------------------------------

extern "C" PyObject* PyUnicode_New(Py_ssize_t size, Py_UCS4 maxchar) {
  if (size == 0) return unicode_empty();
  if (size < 0) {
    PyErr_SetString(PyExc_SystemError, "Negative size passed to PyUnicode_New");
    return nullptr;
  }
  if (maxchar > 0x10FFFF) {
    PyErr_SetString(PyExc_SystemError, "invalid maximum character passed to PyUnicode_New");
    return nullptr;
  }
  bool is_ascii = maxchar < 128;
  int kind = kind_for_maxchar(maxchar);
  Py_ssize_t header = is_ascii ? sizeof(PyASCIIObject) : sizeof(PyCompactUnicodeObject);
  if (size > (PY_SSIZE_T_MAX - header) / kind - 1) return PyErr_NoMemory();
  auto* obj = static_cast<PyObject*>(PyObject_Malloc(header + (size + 1) * kind));
  if (obj == nullptr) return PyErr_NoMemory();
  PyObject_Init(obj, &PyUnicode_Type);
  auto* a = reinterpret_cast<PyASCIIObject*>(obj);
  a->length = size;
  a->hash = -1;
  a->state.interned = SSTATE_NOT_INTERNED;
  a->state.kind = kind;
  a->state.compact = 1;
  a->state.ascii = is_ascii;
  a->state.ready = 1;
  a->wstr = nullptr;
  void* data;
  if (is_ascii) {
    data = a + 1;
    static_cast<char*>(data)[size] = 0;
  } else {
    auto* c = reinterpret_cast<PyCompactUnicodeObject*>(obj);
    c->utf8 = nullptr;
    c->utf8_length = 0;
    c->wstr_length = 0;
    data = c + 1;
    PyUnicode_WRITE(kind, data, size, 0);
  }
  return obj;
}

static void unicode_dealloc(PyObject* op) {
  if (is_singleton(op)) {
    // An extension decref'd a singleton to zero: resurrect it rather than free
    // static storage.
    make_immortal(op);
    return;
  }
  auto* a = reinterpret_cast<PyASCIIObject*>(op);
  if (a->state.interned != SSTATE_NOT_INTERNED) {
    // Interned strings are immortal; reaching zero means an unbalanced decref.
    make_immortal(op);
    return;
  }
  if (a->wstr != nullptr && !(a->state.kind == PyUnicode_4BYTE_KIND && a->wstr == udata(op)))
    PyObject_Free(a->wstr);
  if (!a->state.ascii) {
    auto* c = reinterpret_cast<PyCompactUnicodeObject*>(op);
    if (c->utf8 != nullptr) PyObject_Free(c->utf8);
  }
  if (!a->state.compact) {
    auto* u = reinterpret_cast<PyUnicodeObject*>(op);
    if (u->data.any != nullptr) PyObject_Free(u->data.any);
  }
  Py_TYPE(op)->tp_free(op);
}

namespace krait {

PyObject* unicode_empty() { return reinterpret_cast<PyObject*>(&_PyRuntime.str_empty); }

PyObject* unicode_char(Py_UCS4 ch) {
  if (ch < 256) return latin1_singleton(ch);
  PyObject* s = PyUnicode_New(1, ch);
  if (s == nullptr) return nullptr;
  PyUnicode_WRITE(ukind(s), udata(s), 0, ch);
  return s;
}

Py_UCS4 find_max_char(int kind, const void* data, Py_ssize_t start, Py_ssize_t end) {
  if (kind == PyUnicode_1BYTE_KIND) {
    const Py_UCS1* p = static_cast<const Py_UCS1*>(data) + start;
    const Py_UCS1* e = static_cast<const Py_UCS1*>(data) + end;
    // Word-at-a-time scan for the high bit: most text is ASCII.
    while (p + 8 <= e) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      if (w & 0x8080808080808080ULL) return 255;
      p += 8;
    }
    while (p < e)
      if (*p++ & 0x80) return 255;
    return 127;
  }
  Py_UCS4 m = 127;
  if (kind == PyUnicode_2BYTE_KIND) {
    const Py_UCS2* p = static_cast<const Py_UCS2*>(data);
    for (Py_ssize_t i = start; i < end; ++i) m |= p[i];
    // OR gives an upper bound with the same top bit: good enough to pick the
    // kind, but report exact ASCII/Latin-1 boundaries.
  } else {
    const Py_UCS4* p = static_cast<const Py_UCS4*>(data);
    for (Py_ssize_t i = start; i < end; ++i) {
      if (p[i] > m) m = p[i];
    }
    return m;
  }
  if (m < 128) return 127;
  if (m < 256) return 255;
  return 0xFFFF;
}

PyObject* unicode_from_ascii(const char* s, Py_ssize_t n) {
  if (n == 1) return latin1_singleton(static_cast<unsigned char>(s[0]));
  PyObject* r = PyUnicode_New(n, 127);
  if (r == nullptr) return nullptr;
  std::memcpy(udata(r), s, n);
  return r;
}

PyObject* unicode_from_ucs1(const Py_UCS1* s, Py_ssize_t n) {
  if (n == 0) return unicode_empty();
  if (n == 1) return latin1_singleton(s[0]);
  Py_UCS4 m = find_max_char(PyUnicode_1BYTE_KIND, s, 0, n);
  PyObject* r = PyUnicode_New(n, m);
  if (r == nullptr) return nullptr;
  std::memcpy(udata(r), s, n);
  return r;
}

template <class Src>
static PyObject* from_wide(const Src* s, Py_ssize_t n) {
  if (n == 0) return unicode_empty();
  Py_UCS4 m = 0;
  for (Py_ssize_t i = 0; i < n; ++i)
    if (s[i] > m) m = s[i];
  if (n == 1 && m < 256) return latin1_singleton(m);
  PyObject* r = PyUnicode_New(n, m);
  if (r == nullptr) return nullptr;
  int kind = ukind(r);
  void* d = udata(r);
  if (kind == static_cast<int>(sizeof(Src))) {
    std::memcpy(d, s, n * sizeof(Src));
  } else if (kind == PyUnicode_1BYTE_KIND) {
    auto* o = static_cast<Py_UCS1*>(d);
    for (Py_ssize_t i = 0; i < n; ++i) o[i] = static_cast<Py_UCS1>(s[i]);
  } else {
    auto* o = static_cast<Py_UCS2*>(d);
    for (Py_ssize_t i = 0; i < n; ++i) o[i] = static_cast<Py_UCS2>(s[i]);
  }
  return r;
}

PyObject* unicode_from_ucs2(const Py_UCS2* s, Py_ssize_t n) { return from_wide(s, n); }
PyObject* unicode_from_ucs4(const Py_UCS4* s, Py_ssize_t n) { return from_wide(s, n); }

PyObject* unicode_substring(PyObject* s, Py_ssize_t start, Py_ssize_t end) {
  Py_ssize_t len = ulen(s);
  if (start == 0 && end == len && PyUnicode_CheckExact(s)) return Py_NewRef(s);
  if (start >= end) return unicode_empty();
  int kind = ukind(s);
  const char* d = static_cast<const char*>(udata(s)) + start * kind;
  if (uascii(s)) return unicode_from_ascii(d, end - start);
  switch (kind) {
    case PyUnicode_1BYTE_KIND:
      return unicode_from_ucs1(reinterpret_cast<const Py_UCS1*>(d), end - start);
    case PyUnicode_2BYTE_KIND:
      return unicode_from_ucs2(reinterpret_cast<const Py_UCS2*>(d), end - start);
    default:
      return unicode_from_ucs4(reinterpret_cast<const Py_UCS4*>(d), end - start);
  }
}

PyObject* unicode_copy(PyObject* s) {
  Py_ssize_t n = ulen(s);
  if (n == 0) return unicode_empty();
  if (n == 1 && PyUnicode_READ_CHAR(s, 0) < 256) return latin1_singleton(PyUnicode_READ_CHAR(s, 0));
  PyObject* r = PyUnicode_New(n, PyUnicode_MAX_CHAR_VALUE(s));
  if (r == nullptr) return nullptr;
  std::memcpy(udata(r), udata(s), n * ukind(s));
  return r;
}

PyObject* unicode_exact(PyObject* s) {
  if (PyUnicode_CheckExact(s)) return Py_NewRef(s);
  return unicode_copy(s);
}

PyObject* unicode_resize_fresh(PyObject* s, Py_ssize_t len) {
  Py_ssize_t old = ulen(s);
  if (len == old) return s;
  if (len == 0) {
    Py_DECREF(s);
    return unicode_empty();
  }
  auto* a = reinterpret_cast<PyASCIIObject*>(s);
  int kind = a->state.kind;
  Py_ssize_t header = a->state.ascii ? sizeof(PyASCIIObject) : sizeof(PyCompactUnicodeObject);
  if (!a->state.ascii) {
    auto* c = reinterpret_cast<PyCompactUnicodeObject*>(s);
    if (c->utf8) {
      PyObject_Free(c->utf8);
      c->utf8 = nullptr;
      c->utf8_length = 0;
    }
  }
  auto* r = static_cast<PyObject*>(PyObject_Realloc(s, header + (len + 1) * kind));
  if (r == nullptr) {
    Py_DECREF(s);
    PyErr_NoMemory();
    return nullptr;
  }
  reinterpret_cast<PyASCIIObject*>(r)->length = len;
  reinterpret_cast<PyASCIIObject*>(r)->hash = -1;
  PyUnicode_WRITE(kind, udata(r), len, 0);
  return r;
}

PyObject* unicode_canonical(PyObject* s) {
  if (s == nullptr) return nullptr;
  Py_ssize_t n = ulen(s);
  if (n == 0) {
    Py_DECREF(s);
    return unicode_empty();
  }
  if (uascii(s) && n > 1) return s;
  int kind = ukind(s);
  Py_UCS4 m = find_max_char(kind, udata(s), 0, n);
  if (n == 1 && m < 256) {
    Py_UCS4 ch = PyUnicode_READ(kind, udata(s), 0);
    Py_DECREF(s);
    return latin1_singleton(ch);
  }
  if (kind_for_maxchar(m) == kind && (m >= 128 || uascii(s))) return s;
  PyObject* r = PyUnicode_New(n, m);
  if (r == nullptr) {
    Py_DECREF(s);
    return nullptr;
  }
  if (ukind(r) == kind) {
    std::memcpy(udata(r), udata(s), n * kind);
  } else {
    int rk = ukind(r);
    void* rd = udata(r);
    const void* sd = udata(s);
    for (Py_ssize_t i = 0; i < n; ++i) PyUnicode_WRITE(rk, rd, i, PyUnicode_READ(kind, sd, i));
  }
  Py_DECREF(s);
  return r;
}

int unicode_compare(PyObject* a, PyObject* b) {
  if (a == b) return 0;
  int ka = ukind(a), kb = ukind(b);
  Py_ssize_t la = ulen(a), lb = ulen(b);
  Py_ssize_t n = la < lb ? la : lb;
  const void* da = udata(a);
  const void* db = udata(b);
  if (ka == PyUnicode_1BYTE_KIND && kb == PyUnicode_1BYTE_KIND) {
    int c = std::memcmp(da, db, n);
    if (c != 0) return c < 0 ? -1 : 1;
  } else {
    for (Py_ssize_t i = 0; i < n; ++i) {
      Py_UCS4 ca = PyUnicode_READ(ka, da, i), cb = PyUnicode_READ(kb, db, i);
      if (ca != cb) return ca < cb ? -1 : 1;
    }
  }
  return la < lb ? -1 : (la > lb ? 1 : 0);
}

bool unicode_eq_ascii(PyObject* s, const char* ascii) {
  size_t n = std::strlen(ascii);
  if (!uascii(s) || static_cast<size_t>(ulen(s)) != n) return false;
  return std::memcmp(udata(s), ascii, n) == 0;
}

Py_hash_t unicode_hash(PyObject* s) {
  auto* a = reinterpret_cast<PyASCIIObject*>(s);
  if (a->hash != -1) return a->hash;
  Py_hash_t h = _Py_HashBytes(udata(s), ulen(s) * ukind(s));
  a->hash = h;
  return h;
}

}  // namespace krait

// -- Interning --------------------------------------------------------------------
//
// An open-addressing set of immortal str objects keyed by their (cached) hash.
// Interned strings are never freed (brief: interned strings are immortal), so
// the table never shrinks and needs no tombstones.

namespace {

struct InternTable {
  std::vector<PyObject*> slots;
  size_t used = 0;

  PyObject* find_or_insert(PyObject* s) {
    if ((used + 1) * 3 >= slots.size() * 2) grow();
    size_t mask = slots.size() - 1;
    size_t i = static_cast<size_t>(unicode_hash(s)) & mask;
    for (size_t step = 1;; ++step) {
      PyObject* cur = slots[i];
      if (cur == nullptr) {
        slots[i] = s;
        ++used;
        return s;
      }
      if (unicode_eq(cur, s)) return cur;
      i = (i + step) & mask;
    }
  }

  // The interned str equal to the ASCII text s[0..n) whose str hash is h, or NULL.
  PyObject* find_ascii(const char* s, size_t n, Py_hash_t h) {
    if (slots.empty()) return nullptr;
    size_t mask = slots.size() - 1;
    size_t i = static_cast<size_t>(h) & mask;
    for (size_t step = 1;; ++step) {
      PyObject* cur = slots[i];
      if (cur == nullptr) return nullptr;
      auto* a = reinterpret_cast<PyASCIIObject*>(cur);
      if (a->hash == h && a->state.ascii && static_cast<size_t>(a->length) == n && std::memcmp(udata(cur), s, n) == 0)
        return cur;
      i = (i + step) & mask;
    }
  }

  void grow() {
    std::vector<PyObject*> old = std::move(slots);
    slots.assign(old.empty() ? 1024 : old.size() * 2, nullptr);
    size_t mask = slots.size() - 1;
    for (PyObject* s : old) {
      if (s == nullptr) continue;
      size_t i = static_cast<size_t>(reinterpret_cast<PyASCIIObject*>(s)->hash) & mask;
      for (size_t step = 1; slots[i] != nullptr; ++step) i = (i + step) & mask;
      slots[i] = s;
    }
  }
};

InternTable& intern_table() {
  static InternTable* t = new InternTable();  // never destroyed: strings outlive exit
  return *t;
}

}  // namespace

extern "C" void PyUnicode_InternInPlace(PyObject** p) {
  PyObject* s = *p;
  if (s == nullptr || !PyUnicode_Check(s)) return;
  // Subclass instances are not interned (their type may override __eq__/__hash__).
  if (!PyUnicode_CheckExact(s)) return;
  if (PyUnicode_CHECK_INTERNED(s)) return;
  Py_ssize_t n = ulen(s);
  if (n <= 1) {
    PyObject* single = n == 0 ? unicode_empty() : nullptr;
    if (n == 1 && PyUnicode_READ_CHAR(s, 0) < 256) single = latin1_singleton(PyUnicode_READ_CHAR(s, 0));
    if (single != nullptr) {
      Py_DECREF(s);
      *p = single;
      return;
    }
  }
  PyObject* t = intern_table().find_or_insert(s);
  if (t == s) {
    reinterpret_cast<PyASCIIObject*>(s)->state.interned = SSTATE_INTERNED_IMMORTAL;
    make_immortal(s);
    return;
  }
  Py_DECREF(s);
  *p = t;  // immortal: no incref needed, but keep counts meaningful for debug builds
  Py_INCREF(t);
}

extern "C" void PyUnicode_InternImmortal(PyObject** p) { PyUnicode_InternInPlace(p); }

extern "C" PyObject* PyUnicode_InternFromString(const char* cp) {
  // Names already interned (the same attribute and method names, interned by
  // every type and module set up at start-up) are found from the bytes, with
  // no str built, decoded and freed again. An ASCII str's hash is its bytes'.
  size_t n = 0;
  unsigned char high = 0;
  for (; cp[n]; n++) high |= static_cast<unsigned char>(cp[n]);
  if (n > 1 && high < 128) {
    Py_hash_t h = _Py_HashBytes(cp, static_cast<Py_ssize_t>(n));
    if (PyObject* found = intern_table().find_ascii(cp, n, h)) return Py_NewRef(found);
  }
  PyObject* s = PyUnicode_FromString(cp);
  if (s == nullptr) return nullptr;
  PyUnicode_InternInPlace(&s);
  return s;
}

PyObject* krait::unicode_intern_ascii(const char* s) { return PyUnicode_InternFromString(s); }

// _Py_IDENTIFIER: each identifier gets a process-wide index on first use; the
// interned string lives in a table indexed by it. Returns a borrowed reference.
extern "C" PyObject* _PyUnicode_FromId(_Py_Identifier* id) {
  static std::atomic<Py_ssize_t> next_index{0};
  static std::vector<PyObject*>* table = new std::vector<PyObject*>();
  Py_ssize_t index = __atomic_load_n(&id->index, __ATOMIC_ACQUIRE);
  if (index < 0) {
    Py_ssize_t fresh = next_index.fetch_add(1);
    Py_ssize_t expected = -1;
    if (__atomic_compare_exchange_n(&id->index, &expected, fresh, false, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE))
      index = fresh;
    else
      index = expected;
  }
  if (static_cast<size_t>(index) < table->size() && (*table)[index] != nullptr)
    return (*table)[index];
  PyObject* s = PyUnicode_DecodeUTF8Stateful(id->string, std::strlen(id->string), nullptr, nullptr);
  if (s == nullptr) return nullptr;
  PyUnicode_InternInPlace(&s);
  if (static_cast<size_t>(index) >= table->size()) table->resize(index + 1, nullptr);
  (*table)[index] = s;
  return s;
}

// -- Construction API ---------------------------------------------------------------

extern "C" PyObject* PyUnicode_FromStringAndSize(const char* u, Py_ssize_t size) {
  if (size < 0) {
    PyErr_SetString(PyExc_SystemError, "Negative size passed to PyUnicode_FromStringAndSize");
    return nullptr;
  }
  if (u == nullptr) {
    if (size == 0) return unicode_empty();
    // CPython 3.11 returns a legacy, not-ready string here (deprecated). Krait
    // has no legacy strings: callers that fill it must use PyUnicode_New.
    PyErr_SetString(PyExc_SystemError,
                    "PyUnicode_FromStringAndSize(NULL, size) is not supported; use PyUnicode_New()");
    return nullptr;
  }
  return PyUnicode_DecodeUTF8Stateful(u, size, nullptr, nullptr);
}

extern "C" PyObject* PyUnicode_FromString(const char* u) {
  size_t n = std::strlen(u);
  if (n > PY_SSIZE_T_MAX) {
    PyErr_SetString(PyExc_OverflowError, "input too long");
    return nullptr;
  }
  return PyUnicode_DecodeUTF8Stateful(u, static_cast<Py_ssize_t>(n), nullptr, nullptr);
}

extern "C" PyObject* _PyUnicode_FromASCII(const char* buffer, Py_ssize_t size) {
  if (size == 0) return unicode_empty();
  return unicode_from_ascii(buffer, size);
}

extern "C" PyObject* PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size) {
  if (size < 0) {
    PyErr_SetString(PyExc_ValueError, "size must be positive");
    return nullptr;
  }
  switch (kind) {
    case PyUnicode_1BYTE_KIND:
      return unicode_from_ucs1(static_cast<const Py_UCS1*>(buffer), size);
    case PyUnicode_2BYTE_KIND:
      return unicode_from_ucs2(static_cast<const Py_UCS2*>(buffer), size);
    case PyUnicode_4BYTE_KIND: {
      const Py_UCS4* p = static_cast<const Py_UCS4*>(buffer);
      for (Py_ssize_t i = 0; i < size; ++i) {
        if (p[i] > 0x10FFFF) {
          PyErr_SetString(PyExc_SystemError, "invalid maximum character passed to PyUnicode_New");
          return nullptr;
        }
      }
      return unicode_from_ucs4(p, size);
    }
    default:
      PyErr_SetString(PyExc_SystemError, "invalid kind");
      return nullptr;
  }
}

extern "C" PyObject* PyUnicode_FromOrdinal(int ordinal) {
  if (ordinal < 0 || ordinal > 0x10FFFF) {
    PyErr_SetString(PyExc_ValueError, "chr() arg not in range(0x110000)");
    return nullptr;
  }
  return unicode_char(static_cast<Py_UCS4>(ordinal));
}

extern "C" PyObject* PyUnicode_FromObject(PyObject* obj) {
  if (PyUnicode_CheckExact(obj)) return Py_NewRef(obj);
  if (PyUnicode_Check(obj)) return unicode_copy(obj);
  PyErr_Format(PyExc_TypeError, "Can't convert '%.100s' object to str implicitly",
               Py_TYPE(obj)->tp_name);
  return nullptr;
}

extern "C" PyObject* _PyUnicode_Copy(PyObject* unicode) {
  if (!PyUnicode_Check(unicode)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  // A fresh object even for exact str: callers may mutate it.
  Py_ssize_t n = ulen(unicode);
  PyObject* r = PyUnicode_New(n, PyUnicode_MAX_CHAR_VALUE(unicode));
  if (r == nullptr) return nullptr;
  if (n > 0) std::memcpy(udata(r), udata(unicode), n * ukind(unicode));
  return r;
}

extern "C" PyObject* PyUnicode_FromWideChar(const wchar_t* w, Py_ssize_t size) {
  if (w == nullptr && size != 0) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  if (size == -1) size = static_cast<Py_ssize_t>(wcslen(w));
  static_assert(sizeof(wchar_t) == 4, "Linux wchar_t is UCS-4");
  const Py_UCS4* p = reinterpret_cast<const Py_UCS4*>(w);
  for (Py_ssize_t i = 0; i < size; ++i) {
    if (p[i] > 0x10FFFF) {
      PyErr_Format(PyExc_ValueError, "character U+%x is not in range [U+0000; U+10ffff]",
                   static_cast<unsigned>(p[i]));
      return nullptr;
    }
  }
  return unicode_from_ucs4(p, size);
}

extern "C" PyObject* PyUnicode_FromUnicode(const Py_UNICODE* u, Py_ssize_t size) {
  if (u == nullptr) {
    if (size == 0) return unicode_empty();
    PyErr_SetString(PyExc_SystemError, "PyUnicode_FromUnicode(NULL, size) is not supported");
    return nullptr;
  }
  return PyUnicode_FromWideChar(u, size);
}

extern "C" Py_ssize_t PyUnicode_AsWideChar(PyObject* unicode, wchar_t* w, Py_ssize_t size) {
  if (unicode == nullptr || !PyUnicode_Check(unicode)) {
    PyErr_BadInternalCall();
    return -1;
  }
  Py_ssize_t n = ulen(unicode);
  if (w == nullptr) return n + 1;
  Py_ssize_t copy = n < size ? n : size;
  int kind = ukind(unicode);
  const void* d = udata(unicode);
  for (Py_ssize_t i = 0; i < copy; ++i) w[i] = static_cast<wchar_t>(PyUnicode_READ(kind, d, i));
  if (copy < size) {
    w[copy] = 0;
  }
  return copy;
}

extern "C" wchar_t* PyUnicode_AsWideCharString(PyObject* unicode, Py_ssize_t* size) {
  if (unicode == nullptr || !PyUnicode_Check(unicode)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  Py_ssize_t n = ulen(unicode);
  auto* w = static_cast<wchar_t*>(PyMem_Malloc((n + 1) * sizeof(wchar_t)));
  if (w == nullptr) {
    PyErr_NoMemory();
    return nullptr;
  }
  int kind = ukind(unicode);
  const void* d = udata(unicode);
  for (Py_ssize_t i = 0; i < n; ++i) w[i] = static_cast<wchar_t>(PyUnicode_READ(kind, d, i));
  w[n] = 0;
  if (size != nullptr) {
    *size = n;
  } else if (wcslen(w) != static_cast<size_t>(n)) {
    PyMem_Free(w);
    PyErr_SetString(PyExc_ValueError, "embedded null character");
    return nullptr;
  }
  return w;
}

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
// Deprecated Py_UNICODE API: wchar_t is UCS-4 here, so a 4-byte string's data
// doubles as its wstr; other kinds get a cached copy freed with the string.
extern "C" Py_UNICODE* PyUnicode_AsUnicodeAndSize(PyObject* unicode, Py_ssize_t* size) {
  if (unicode == nullptr || !PyUnicode_Check(unicode)) {
    PyErr_BadArgument();
    return nullptr;
  }
  auto* a = reinterpret_cast<PyASCIIObject*>(unicode);
  Py_ssize_t n = ulen(unicode);
  if (a->wstr == nullptr) {
    if (a->state.kind == PyUnicode_4BYTE_KIND) {
      a->wstr = static_cast<wchar_t*>(udata(unicode));
    } else {
      auto* w = static_cast<wchar_t*>(PyObject_Malloc((n + 1) * sizeof(wchar_t)));
      if (w == nullptr) {
        PyErr_NoMemory();
        return nullptr;
      }
      int kind = a->state.kind;
      const void* d = udata(unicode);
      for (Py_ssize_t i = 0; i < n; ++i) w[i] = static_cast<wchar_t>(PyUnicode_READ(kind, d, i));
      w[n] = 0;
      a->wstr = w;
    }
    if (!a->state.ascii) reinterpret_cast<PyCompactUnicodeObject*>(unicode)->wstr_length = n;
  }
  if (size != nullptr) *size = n;
  return a->wstr;
}

extern "C" Py_UNICODE* PyUnicode_AsUnicode(PyObject* unicode) {
  return PyUnicode_AsUnicodeAndSize(unicode, nullptr);
}

extern "C" const Py_UNICODE* _PyUnicode_AsUnicode(PyObject* unicode) {
  Py_ssize_t n;
  Py_UNICODE* w = PyUnicode_AsUnicodeAndSize(unicode, &n);
  if (w != nullptr && wcslen(w) != static_cast<size_t>(n)) {
    PyErr_SetString(PyExc_ValueError, "embedded null character");
    return nullptr;
  }
  return w;
}

extern "C" Py_UCS4* PyUnicode_AsUCS4(PyObject* s, Py_UCS4* target, Py_ssize_t targetsize,
                                     int copy_null) {
  if (s == nullptr || !PyUnicode_Check(s) || target == nullptr || targetsize < 0) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  Py_ssize_t n = ulen(s);
  if (targetsize < n + (copy_null ? 1 : 0)) {
    PyErr_Format(PyExc_SystemError, "string is longer than the buffer");
    if (copy_null && targetsize > 0) target[0] = 0;
    return nullptr;
  }
  int kind = ukind(s);
  const void* d = udata(s);
  if (kind == PyUnicode_4BYTE_KIND) {
    std::memcpy(target, d, n * 4);
  } else {
    for (Py_ssize_t i = 0; i < n; ++i) target[i] = PyUnicode_READ(kind, d, i);
  }
  if (copy_null) target[n] = 0;
  return target;
}

extern "C" Py_UCS4* PyUnicode_AsUCS4Copy(PyObject* s) {
  if (s == nullptr || !PyUnicode_Check(s)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  Py_ssize_t n = ulen(s) + 1;
  auto* t = static_cast<Py_UCS4*>(PyMem_Malloc(n * sizeof(Py_UCS4)));
  if (t == nullptr) {
    PyErr_NoMemory();
    return nullptr;
  }
  return PyUnicode_AsUCS4(s, t, n, 1);
}

// -- Small accessors ------------------------------------------------------------------

extern "C" int _PyUnicode_Ready(PyObject* unicode) { return 0; }  // every str is ready

extern "C" Py_ssize_t PyUnicode_GetLength(PyObject* unicode) {
  if (!PyUnicode_Check(unicode)) {
    PyErr_BadArgument();
    return -1;
  }
  return ulen(unicode);
}

extern "C" Py_ssize_t PyUnicode_GetSize(PyObject* unicode) {
  if (!PyUnicode_Check(unicode)) {
    PyErr_BadArgument();
    return -1;
  }
  return ulen(unicode);
}

extern "C" Py_UCS4 PyUnicode_ReadChar(PyObject* unicode, Py_ssize_t index) {
  if (!PyUnicode_Check(unicode)) {
    PyErr_BadArgument();
    return static_cast<Py_UCS4>(-1);
  }
  if (index < 0 || index >= ulen(unicode)) {
    PyErr_SetString(PyExc_IndexError, "string index out of range");
    return static_cast<Py_UCS4>(-1);
  }
  return PyUnicode_READ_CHAR(unicode, index);
}

static bool unicode_modifiable(PyObject* s) {
  return Py_REFCNT(s) == 1 && reinterpret_cast<PyASCIIObject*>(s)->hash == -1 &&
         !PyUnicode_CHECK_INTERNED(s) && PyUnicode_CheckExact(s) && !is_singleton(s);
}

extern "C" int PyUnicode_WriteChar(PyObject* unicode, Py_ssize_t index, Py_UCS4 ch) {
  if (!PyUnicode_Check(unicode) || !PyUnicode_IS_COMPACT(unicode)) {
    PyErr_BadInternalCall();
    return -1;
  }
  if (index < 0 || index >= ulen(unicode)) {
    PyErr_SetString(PyExc_IndexError, "string index out of range");
    return -1;
  }
  if (!unicode_modifiable(unicode)) {
    PyErr_SetString(PyExc_SystemError, "Cannot modify a string currently used");
    return -1;
  }
  if (ch > PyUnicode_MAX_CHAR_VALUE(unicode)) {
    PyErr_SetString(PyExc_ValueError, "character out of range");
    return -1;
  }
  PyUnicode_WRITE(ukind(unicode), udata(unicode), index, ch);
  return 0;
}

extern "C" Py_UCS4 _PyUnicode_FindMaxChar(PyObject* unicode, Py_ssize_t start, Py_ssize_t end) {
  if (start == 0 && end == ulen(unicode)) return PyUnicode_MAX_CHAR_VALUE(unicode);
  if (start == end) return 127;
  if (uascii(unicode)) return 127;
  return find_max_char(ukind(unicode), udata(unicode), start, end);
}

extern "C" void _PyUnicode_FastCopyCharacters(PyObject* to, Py_ssize_t to_start, PyObject* from,
                                              Py_ssize_t from_start, Py_ssize_t how_many) {
  if (how_many <= 0) return;
  int fk = ukind(from), tk = ukind(to);
  const char* fd = static_cast<const char*>(udata(from));
  char* td = static_cast<char*>(udata(to));
  if (fk == tk) {
    std::memmove(td + to_start * tk, fd + from_start * fk, how_many * fk);
    return;
  }
  for (Py_ssize_t i = 0; i < how_many; ++i)
    PyUnicode_WRITE(tk, td, to_start + i, PyUnicode_READ(fk, fd, from_start + i));
}

extern "C" Py_ssize_t PyUnicode_CopyCharacters(PyObject* to, Py_ssize_t to_start, PyObject* from,
                                               Py_ssize_t from_start, Py_ssize_t how_many) {
  if (!PyUnicode_Check(from) || !PyUnicode_Check(to)) {
    PyErr_BadInternalCall();
    return -1;
  }
  if (static_cast<size_t>(from_start) > static_cast<size_t>(ulen(from))) {
    PyErr_SetString(PyExc_IndexError, "string index out of range");
    return -1;
  }
  if (static_cast<size_t>(to_start) > static_cast<size_t>(ulen(to))) {
    PyErr_SetString(PyExc_IndexError, "string index out of range");
    return -1;
  }
  if (how_many < 0) {
    PyErr_SetString(PyExc_SystemError, "how_many cannot be negative");
    return -1;
  }
  if (how_many > ulen(from) - from_start) how_many = ulen(from) - from_start;
  if (to_start + how_many > ulen(to)) {
    PyErr_Format(PyExc_SystemError, "Cannot write %zi characters at %zi in a string of %zi characters",
                 how_many, to_start, ulen(to));
    return -1;
  }
  if (how_many == 0) return 0;
  if (!unicode_modifiable(to)) {
    PyErr_SetString(PyExc_SystemError, "Cannot modify a string currently used");
    return -1;
  }
  if (ukind(from) > ukind(to) || (!uascii(from) && uascii(to))) {
    Py_UCS4 m = find_max_char(ukind(from), udata(from), from_start, from_start + how_many);
    if (m > PyUnicode_MAX_CHAR_VALUE(to)) {
      PyErr_Format(PyExc_SystemError,
                   "Cannot copy %s characters into a string of %s characters",
                   m < 256 ? "UCS1" : (m < 65536 ? "UCS2" : "UCS4"),
                   uascii(to) ? "ascii" : (ukind(to) == 1 ? "UCS1" : (ukind(to) == 2 ? "UCS2" : "UCS4")));
      return -1;
    }
  }
  _PyUnicode_FastCopyCharacters(to, to_start, from, from_start, how_many);
  return how_many;
}

extern "C" void _PyUnicode_FastFill(PyObject* unicode, Py_ssize_t start, Py_ssize_t length,
                                    Py_UCS4 fill_char) {
  int kind = ukind(unicode);
  void* d = udata(unicode);
  if (kind == PyUnicode_1BYTE_KIND) {
    std::memset(static_cast<char*>(d) + start, static_cast<int>(fill_char), length);
    return;
  }
  for (Py_ssize_t i = 0; i < length; ++i) PyUnicode_WRITE(kind, d, start + i, fill_char);
}

extern "C" Py_ssize_t PyUnicode_Fill(PyObject* unicode, Py_ssize_t start, Py_ssize_t length,
                                     Py_UCS4 fill_char) {
  if (!PyUnicode_Check(unicode)) {
    PyErr_BadInternalCall();
    return -1;
  }
  if (!unicode_modifiable(unicode)) {
    PyErr_SetString(PyExc_SystemError, "Cannot modify a string currently used");
    return -1;
  }
  if (fill_char > PyUnicode_MAX_CHAR_VALUE(unicode)) {
    PyErr_SetString(PyExc_ValueError, "fill character is bigger than the string maximum character");
    return -1;
  }
  Py_ssize_t maxlen = ulen(unicode) - start;
  if (start < 0 || maxlen < 0) {
    PyErr_SetString(PyExc_IndexError, "string index out of range");
    return -1;
  }
  if (length > maxlen) length = maxlen;
  if (length <= 0) return 0;
  _PyUnicode_FastFill(unicode, start, length, fill_char);
  return length;
}

extern "C" int PyUnicode_Resize(PyObject** p_unicode, Py_ssize_t length) {
  if (p_unicode == nullptr || *p_unicode == nullptr || !PyUnicode_Check(*p_unicode) || length < 0) {
    PyErr_BadInternalCall();
    return -1;
  }
  PyObject* s = *p_unicode;
  Py_ssize_t old = ulen(s);
  if (old == length) return 0;
  if (length == 0) {
    Py_DECREF(s);
    *p_unicode = unicode_empty();
    return 0;
  }
  if (!unicode_modifiable(s) || !PyUnicode_IS_COMPACT(s)) {
    // Not ours alone: make a resized copy instead.
    PyObject* r = PyUnicode_New(length, PyUnicode_MAX_CHAR_VALUE(s));
    if (r == nullptr) return -1;
    Py_ssize_t n = old < length ? old : length;
    std::memcpy(udata(r), udata(s), n * ukind(s));
    if (length > old) std::memset(static_cast<char*>(udata(r)) + old * ukind(s), 0, (length - old) * ukind(s));
    Py_DECREF(s);
    *p_unicode = r;
    return 0;
  }
  PyObject* r = unicode_resize_fresh(s, length);
  if (r == nullptr) {
    *p_unicode = nullptr;
    return -1;
  }
  if (length > old)
    std::memset(static_cast<char*>(udata(r)) + old * ukind(r), 0, (length - old) * ukind(r));
  *p_unicode = r;
  return 0;
}

// -- Comparison ------------------------------------------------------------------------

extern "C" int PyUnicode_Compare(PyObject* left, PyObject* right) {
  if (PyUnicode_Check(left) && PyUnicode_Check(right)) return unicode_compare(left, right);
  PyErr_Format(PyExc_TypeError, "Can't compare %.100s and %.100s", Py_TYPE(left)->tp_name,
               Py_TYPE(right)->tp_name);
  return -1;
}

extern "C" int PyUnicode_CompareWithASCIIString(PyObject* uni, const char* str) {
  int kind = ukind(uni);
  const void* d = udata(uni);
  Py_ssize_t len = ulen(uni);
  Py_ssize_t i = 0;
  for (; i < len && str[i] != 0; ++i) {
    Py_UCS4 c = PyUnicode_READ(kind, d, i);
    Py_UCS4 o = static_cast<unsigned char>(str[i]);
    if (c != o) return c < o ? -1 : 1;
  }
  if (i < len) return 1;  // uni is longer (an embedded NUL also counts as longer)
  if (str[i] != 0) return -1;
  return 0;
}

extern "C" int _PyUnicode_EqualToASCIIString(PyObject* left, const char* right) {
  return unicode_eq_ascii(left, right);
}

extern "C" int _PyUnicode_EqualToASCIIId(PyObject* left, _Py_Identifier* right) {
  PyObject* r = _PyUnicode_FromId(right);
  if (r == nullptr) {
    PyErr_Clear();
    return unicode_eq_ascii(left, right->string);
  }
  if (left == r) return 1;
  if (PyUnicode_CHECK_INTERNED(left)) return 0;  // both interned, different objects
  return unicode_eq(left, r);
}

extern "C" int _PyUnicode_EQ(PyObject* a, PyObject* b) { return unicode_eq(a, b); }
extern "C" int _PyUnicode_Equal(PyObject* a, PyObject* b) { return unicode_eq(a, b); }

static PyObject* compare_result(int c, int op) {
  bool r = false;
  switch (op) {
    case Py_LT: r = c < 0; break;
    case Py_LE: r = c <= 0; break;
    case Py_EQ: r = c == 0; break;
    case Py_NE: r = c != 0; break;
    case Py_GT: r = c > 0; break;
    case Py_GE: r = c >= 0; break;
  }
  return Py_NewRef(r ? Py_True : Py_False);
}

extern "C" PyObject* PyUnicode_RichCompare(PyObject* left, PyObject* right, int op) {
  if (!PyUnicode_Check(left) || !PyUnicode_Check(right)) Py_RETURN_NOTIMPLEMENTED;
  if (op == Py_EQ || op == Py_NE) {
    bool eq = unicode_eq(left, right);
    return Py_NewRef((eq == (op == Py_EQ)) ? Py_True : Py_False);
  }
  return compare_result(unicode_compare(left, right), op);
}

// -- Concatenation ------------------------------------------------------------------------

extern "C" PyObject* PyUnicode_Concat(PyObject* left, PyObject* right) {
  if (!PyUnicode_Check(left)) {
    PyErr_Format(PyExc_TypeError, "must be str, not %.100s", Py_TYPE(left)->tp_name);
    return nullptr;
  }
  if (!PyUnicode_Check(right)) {
    PyErr_Format(PyExc_TypeError, "can only concatenate str (not \"%.200s\") to str",
                 Py_TYPE(right)->tp_name);
    return nullptr;
  }
  Py_ssize_t ll = ulen(left), rl = ulen(right);
  if (ll == 0) return PyUnicode_FromObject(right);
  if (rl == 0) return PyUnicode_FromObject(left);
  if (ll > PY_SSIZE_T_MAX - rl) {
    PyErr_SetString(PyExc_OverflowError, "strings are too large to concat");
    return nullptr;
  }
  Py_UCS4 ml = PyUnicode_MAX_CHAR_VALUE(left), mr = PyUnicode_MAX_CHAR_VALUE(right);
  PyObject* r = PyUnicode_New(ll + rl, ml > mr ? ml : mr);
  if (r == nullptr) return nullptr;
  _PyUnicode_FastCopyCharacters(r, 0, left, 0, ll);
  _PyUnicode_FastCopyCharacters(r, ll, right, 0, rl);
  return r;
}

extern "C" void PyUnicode_Append(PyObject** pleft, PyObject* right) {
  PyObject* left = *pleft;
  if (left == nullptr) return;
  if (right == nullptr || !PyUnicode_Check(left)) {
    if (!PyErr_Occurred()) PyErr_BadInternalCall();
    Py_CLEAR(*pleft);
    return;
  }
  if (!PyUnicode_Check(right)) {
    PyErr_Format(PyExc_TypeError, "can only concatenate str (not \"%.200s\") to str",
                 Py_TYPE(right)->tp_name);
    Py_CLEAR(*pleft);
    return;
  }
  Py_ssize_t ll = ulen(left), rl = ulen(right);
  if (rl == 0 && PyUnicode_CheckExact(left)) return;
  // In place when we own the only reference and no kind change is needed:
  // this makes `s += t` loops linear.
  if (unicode_modifiable(left) && PyUnicode_IS_COMPACT(left) &&
      PyUnicode_MAX_CHAR_VALUE(right) <= PyUnicode_MAX_CHAR_VALUE(left) && ll > 0 &&
      ll <= PY_SSIZE_T_MAX - rl) {
    PyObject* r = unicode_resize_fresh(left, ll + rl);
    if (r == nullptr) {
      *pleft = nullptr;
      return;
    }
    _PyUnicode_FastCopyCharacters(r, ll, right, 0, rl);
    *pleft = r;
    return;
  }
  PyObject* r = PyUnicode_Concat(left, right);
  Py_DECREF(left);
  *pleft = r;
}

extern "C" void PyUnicode_AppendAndDel(PyObject** pleft, PyObject* right) {
  PyUnicode_Append(pleft, right);
  Py_XDECREF(right);
}

// -- Sequence protocol ----------------------------------------------------------------------

static Py_ssize_t unicode_length(PyObject* self) { return ulen(self); }

static PyObject* unicode_getitem(PyObject* self, Py_ssize_t index) {
  if (index < 0 || index >= ulen(self)) {
    PyErr_SetString(PyExc_IndexError, "string index out of range");
    return nullptr;
  }
  return unicode_char(PyUnicode_READ_CHAR(self, index));
}

static PyObject* unicode_repeat(PyObject* str, Py_ssize_t len) {
  if (len < 1) return unicode_empty();
  if (len == 1) return unicode_exact(str);
  Py_ssize_t n = ulen(str);
  if (n == 0) return unicode_empty();
  if (n > PY_SSIZE_T_MAX / len) {
    PyErr_SetString(PyExc_OverflowError, "repeated string is too long");
    return nullptr;
  }
  Py_ssize_t total = n * len;
  PyObject* r = PyUnicode_New(total, PyUnicode_MAX_CHAR_VALUE(str));
  if (r == nullptr) return nullptr;
  int kind = ukind(str);
  char* d = static_cast<char*>(udata(r));
  if (n == 1) {
    Py_UCS4 ch = PyUnicode_READ_CHAR(str, 0);
    if (kind == 1) {
      std::memset(d, static_cast<int>(ch), total);
    } else {
      for (Py_ssize_t i = 0; i < total; ++i) PyUnicode_WRITE(kind, d, i, ch);
    }
    return r;
  }
  // Doubling memcpy: log(len) copies.
  Py_ssize_t bytes = n * kind, tbytes = total * kind, done = bytes;
  std::memcpy(d, udata(str), bytes);
  while (done < tbytes) {
    Py_ssize_t chunk = done <= tbytes - done ? done : tbytes - done;
    std::memcpy(d + done, d, chunk);
    done += chunk;
  }
  return r;
}

extern "C" int PyUnicode_Contains(PyObject* str, PyObject* substr) {
  if (!PyUnicode_Check(substr)) {
    PyErr_Format(PyExc_TypeError, "'in <string>' requires string as left operand, not %.100s",
                 Py_TYPE(substr)->tp_name);
    return -1;
  }
  if (!PyUnicode_Check(str)) {
    PyErr_Format(PyExc_TypeError, "must be str, not %.100s", Py_TYPE(str)->tp_name);
    return -1;
  }
  if (ulen(substr) == 1) return unicode_find_char(str, PyUnicode_READ_CHAR(substr, 0), 0, ulen(str), 1) >= 0;
  return unicode_find(str, substr, 0, ulen(str), 1) >= 0;
}

static PyObject* unicode_subscript(PyObject* self, PyObject* item) {
  if (PyIndex_Check(item)) {
    Py_ssize_t i = PyNumber_AsSsize_t(item, PyExc_IndexError);
    if (i == -1 && PyErr_Occurred()) return nullptr;
    if (i < 0) i += ulen(self);
    return unicode_getitem(self, i);
  }
  if (PySlice_Check(item)) {
    Py_ssize_t start, stop, step;
    if (PySlice_Unpack(item, &start, &stop, &step) < 0) return nullptr;
    Py_ssize_t n = PySlice_AdjustIndices(ulen(self), &start, &stop, step);
    if (n <= 0) return unicode_empty();
    if (step == 1) return unicode_substring(self, start, start + n);
    int kind = ukind(self);
    const void* d = udata(self);
    Py_UCS4 m = 0;
    for (Py_ssize_t i = 0, p = start; i < n; ++i, p += step) {
      Py_UCS4 c = PyUnicode_READ(kind, d, p);
      if (c > m) m = c;
    }
    if (n == 1 && m < 256) return latin1_singleton(m);
    PyObject* r = PyUnicode_New(n, m);
    if (r == nullptr) return nullptr;
    int rk = ukind(r);
    void* rd = udata(r);
    for (Py_ssize_t i = 0, p = start; i < n; ++i, p += step) PyUnicode_WRITE(rk, rd, i, PyUnicode_READ(kind, d, p));
    return r;
  }
  PyErr_Format(PyExc_TypeError, "string indices must be integers, not '%.200s'",
               Py_TYPE(item)->tp_name);
  return nullptr;
}

static PySequenceMethods unicode_as_sequence = {
    .sq_length = unicode_length,
    .sq_concat = PyUnicode_Concat,
    .sq_repeat = unicode_repeat,
    .sq_item = unicode_getitem,
    .sq_contains = PyUnicode_Contains,
};

static PyMappingMethods unicode_as_mapping = {
    .mp_length = unicode_length,
    .mp_subscript = unicode_subscript,
};

// -- Hash, repr, str ---------------------------------------------------------------------

static Py_hash_t unicode_tp_hash(PyObject* self) { return unicode_hash(self); }

static PyObject* unicode_repr(PyObject* unicode) {
  Py_ssize_t n = ulen(unicode);
  int kind = ukind(unicode);
  const void* d = udata(unicode);
  // Pass 1: output length, widest output character, quote choice.
  Py_ssize_t squote = 0, dquote = 0, osize = 0;
  Py_UCS4 maxch = 127;
  for (Py_ssize_t i = 0; i < n; ++i) {
    Py_UCS4 c = PyUnicode_READ(kind, d, i);
    Py_ssize_t inc;
    switch (c) {
      case '\'': ++squote; inc = 1; break;
      case '"': ++dquote; inc = 1; break;
      case '\\': case '\t': case '\r': case '\n': inc = 2; break;
      default:
        if (c < ' ' || c == 0x7f) {
          inc = 4;
        } else if (c < 0x7f) {
          inc = 1;
        } else if (unicode::is_printable(c)) {
          inc = 1;
          if (c > maxch) maxch = c;
        } else if (c < 0x100) {
          inc = 4;
        } else if (c < 0x10000) {
          inc = 6;
        } else {
          inc = 10;
        }
    }
    if (osize > PY_SSIZE_T_MAX - 2 - inc) {
      PyErr_SetString(PyExc_OverflowError, "string is too long to generate repr");
      return nullptr;
    }
    osize += inc;
  }
  Py_UCS4 quote = '\'';
  bool unchanged = osize == n;
  if (squote) {
    unchanged = false;
    if (dquote) {
      osize += squote;  // both kinds present: escape the single quotes
    } else {
      quote = '"';
    }
  }
  osize += 2;
  PyObject* r = PyUnicode_New(osize, maxch);
  if (r == nullptr) return nullptr;
  int rk = ukind(r);
  void* rd = udata(r);
  PyUnicode_WRITE(rk, rd, 0, quote);
  PyUnicode_WRITE(rk, rd, osize - 1, quote);
  if (unchanged) {
    _PyUnicode_FastCopyCharacters(r, 1, unicode, 0, n);
    return r;
  }
  static const char hex[] = "0123456789abcdef";
  Py_ssize_t o = 1;
  for (Py_ssize_t i = 0; i < n; ++i) {
    Py_UCS4 c = PyUnicode_READ(kind, d, i);
    if (c == quote || c == '\\') {
      PyUnicode_WRITE(rk, rd, o++, '\\');
      PyUnicode_WRITE(rk, rd, o++, c);
    } else if (c == '\t') {
      PyUnicode_WRITE(rk, rd, o++, '\\');
      PyUnicode_WRITE(rk, rd, o++, 't');
    } else if (c == '\n') {
      PyUnicode_WRITE(rk, rd, o++, '\\');
      PyUnicode_WRITE(rk, rd, o++, 'n');
    } else if (c == '\r') {
      PyUnicode_WRITE(rk, rd, o++, '\\');
      PyUnicode_WRITE(rk, rd, o++, 'r');
    } else if (c < ' ' || c == 0x7f) {
      PyUnicode_WRITE(rk, rd, o++, '\\');
      PyUnicode_WRITE(rk, rd, o++, 'x');
      PyUnicode_WRITE(rk, rd, o++, hex[(c >> 4) & 0xf]);
      PyUnicode_WRITE(rk, rd, o++, hex[c & 0xf]);
    } else if (c < 0x7f || unicode::is_printable(c)) {
      PyUnicode_WRITE(rk, rd, o++, c);
    } else {
      PyUnicode_WRITE(rk, rd, o++, '\\');
      int digits;
      if (c < 0x100) {
        PyUnicode_WRITE(rk, rd, o++, 'x');
        digits = 2;
      } else if (c < 0x10000) {
        PyUnicode_WRITE(rk, rd, o++, 'u');
        digits = 4;
      } else {
        PyUnicode_WRITE(rk, rd, o++, 'U');
        digits = 8;
      }
      for (int sh = (digits - 1) * 4; sh >= 0; sh -= 4) PyUnicode_WRITE(rk, rd, o++, hex[(c >> sh) & 0xf]);
    }
  }
  return r;
}

static PyObject* unicode_str(PyObject* self) { return unicode_exact(self); }

// -- Iterators ----------------------------------------------------------------------------
//
// CPython 3.11 has two: str_ascii_iterator for ASCII strings (yields the
// cached one-character singletons directly) and str_iterator for the rest.

namespace {

struct UnicodeIter {
  PyObject_HEAD
  Py_ssize_t index;
  PyObject* seq;  // NULL once exhausted
};

void unicodeiter_dealloc(PyObject* op) {
  auto* it = reinterpret_cast<UnicodeIter*>(op);
  PyObject_GC_UnTrack(op);
  Py_XDECREF(it->seq);
  PyObject_GC_Del(op);
}

int unicodeiter_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<UnicodeIter*>(op)->seq);
  return 0;
}

PyObject* unicodeiter_next(PyObject* op) {
  auto* it = reinterpret_cast<UnicodeIter*>(op);
  PyObject* seq = it->seq;
  if (seq == nullptr) return nullptr;
  if (it->index < ulen(seq)) return unicode_char(PyUnicode_READ_CHAR(seq, it->index++));
  it->seq = nullptr;
  Py_DECREF(seq);
  return nullptr;
}

PyObject* unicode_ascii_iter_next(PyObject* op) {
  auto* it = reinterpret_cast<UnicodeIter*>(op);
  PyObject* seq = it->seq;
  if (seq == nullptr) return nullptr;
  if (it->index < ulen(seq))
    return reinterpret_cast<PyObject*>(&_PyRuntime.ascii[static_cast<Py_UCS1*>(udata(seq))[it->index++]]);
  it->seq = nullptr;
  Py_DECREF(seq);
  return nullptr;
}

PyObject* unicodeiter_len(PyObject* op, PyObject*) {
  auto* it = reinterpret_cast<UnicodeIter*>(op);
  Py_ssize_t n = it->seq ? ulen(it->seq) - it->index : 0;
  return PyLong_FromSsize_t(n < 0 ? 0 : n);
}

PyObject* unicodeiter_reduce(PyObject* op, PyObject*) {
  auto* it = reinterpret_cast<UnicodeIter*>(op);
  PyObject* iter = PyEval_GetBuiltins() ? PyDict_GetItemString(PyEval_GetBuiltins(), "iter") : nullptr;
  if (iter == nullptr) {
    if (!PyErr_Occurred()) PyErr_SetString(PyExc_RuntimeError, "builtins.iter is missing");
    return nullptr;
  }
  if (it->seq != nullptr) return Py_BuildValue("O(O)n", iter, it->seq, it->index);
  return Py_BuildValue("O(())", iter);
}

PyObject* unicodeiter_setstate(PyObject* op, PyObject* state) {
  auto* it = reinterpret_cast<UnicodeIter*>(op);
  Py_ssize_t index = PyLong_AsSsize_t(state);
  if (index == -1 && PyErr_Occurred()) return nullptr;
  if (it->seq != nullptr) {
    if (index < 0) index = 0;
    else if (index > ulen(it->seq)) index = ulen(it->seq);
    it->index = index;
  }
  Py_RETURN_NONE;
}

PyMethodDef unicodeiter_methods[] = {
    {"__length_hint__", unicodeiter_len, METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", unicodeiter_reduce, METH_NOARGS, "Return state information for pickling."},
    {"__setstate__", unicodeiter_setstate, METH_O, "Set state information for unpickling."},
    {nullptr, nullptr, 0, nullptr},
};

}  // namespace

PyTypeObject PyUnicodeIter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "str_iterator",
    .tp_basicsize = sizeof(UnicodeIter),
    .tp_dealloc = unicodeiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = unicodeiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = unicodeiter_next,
    .tp_methods = unicodeiter_methods,
};

PyTypeObject krait::UnicodeASCIIIter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "str_ascii_iterator",
    .tp_basicsize = sizeof(UnicodeIter),
    .tp_dealloc = unicodeiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = unicodeiter_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = unicode_ascii_iter_next,
    .tp_methods = unicodeiter_methods,
};

static PyObject* unicode_iter(PyObject* seq) {
  PyTypeObject* t = uascii(seq) ? &UnicodeASCIIIter_Type : &PyUnicodeIter_Type;
  auto* it = PyObject_GC_New(UnicodeIter, t);
  if (it == nullptr) return nullptr;
  it->index = 0;
  it->seq = Py_NewRef(seq);
  PyObject_GC_Track(it);
  return reinterpret_cast<PyObject*>(it);
}

// -- Construction from Python: str(object='', encoding=..., errors=...) -------------------

// Builds an instance of a str subclass holding a copy of the exact str `unicode`
// (non-compact layout: the characters live in their own block).
static PyObject* unicode_subtype_new(PyTypeObject* type, PyObject* unicode) {
  Py_ssize_t n = ulen(unicode);
  PyObject* self = type->tp_alloc(type, 0);
  if (self == nullptr) return nullptr;
  int kind = ukind(unicode);
  bool is_ascii = uascii(unicode);
  auto* u = reinterpret_cast<PyUnicodeObject*>(self);
  auto* a = reinterpret_cast<PyASCIIObject*>(self);
  a->length = n;
  a->hash = reinterpret_cast<PyASCIIObject*>(unicode)->hash;
  a->state.interned = 0;
  a->state.kind = kind;
  a->state.compact = 0;
  a->state.ascii = is_ascii;
  a->state.ready = 1;
  a->wstr = nullptr;
  u->_base.utf8 = nullptr;
  u->_base.utf8_length = 0;
  u->_base.wstr_length = 0;
  void* data = PyObject_Malloc((n + 1) * kind);
  if (data == nullptr) {
    u->data.any = nullptr;
    Py_DECREF(self);
    return PyErr_NoMemory();
  }
  std::memcpy(data, udata(unicode), (n + 1) * kind);
  u->data.any = data;
  if (is_ascii) {
    // As CPython: an ASCII string's UTF-8 form is its data.
    u->_base.utf8 = static_cast<char*>(data);
    u->_base.utf8_length = n;
  }
  return self;
}

PyObject* krait::unicode_new_impl(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  static const char* const kwlist[] = {"object", "encoding", "errors", nullptr};
  PyObject* x = nullptr;
  const char* encoding = nullptr;
  const char* errors = nullptr;
  Py_ssize_t nargs = PyTuple_GET_SIZE(args);
  PyObject* argv[3] = {nullptr, nullptr, nullptr};
  if (nargs > 3) {
    PyErr_Format(PyExc_TypeError, "str() takes at most 3 arguments (%zd given)",
                 nargs + (kwargs ? PyDict_GET_SIZE(kwargs) : 0));
    return nullptr;
  }
  for (Py_ssize_t i = 0; i < nargs; ++i) argv[i] = PyTuple_GET_ITEM(args, i);
  if (kwargs != nullptr && PyDict_GET_SIZE(kwargs) > 0) {
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(kwargs, &pos, &key, &value)) {
      int slot = -1;
      for (int k = 0; k < 3; ++k)
        if (PyUnicode_Check(key) && unicode_eq_ascii(key, kwlist[k])) slot = k;
      if (slot < 0) {
        PyErr_Format(PyExc_TypeError, "'%S' is an invalid keyword argument for str()", key);
        return nullptr;
      }
      if (argv[slot] != nullptr) {
        PyErr_Format(PyExc_TypeError, "argument for str() given by name ('%s') and position (%d)",
                     kwlist[slot], slot + 1);
        return nullptr;
      }
      argv[slot] = value;
    }
  }
  x = argv[0];
  for (int k = 1; k < 3; ++k) {
    PyObject* a = argv[k];
    if (a == nullptr) continue;
    if (!PyUnicode_Check(a)) {
      PyErr_Format(PyExc_TypeError, "str() argument '%s' must be str, not %.50s", kwlist[k],
                   a == Py_None ? "None" : Py_TYPE(a)->tp_name);
      return nullptr;
    }
    Py_ssize_t len;
    const char* s = PyUnicode_AsUTF8AndSize(a, &len);
    if (s == nullptr) return nullptr;
    if (std::strlen(s) != static_cast<size_t>(len)) {
      PyErr_SetString(PyExc_ValueError, "embedded null character");
      return nullptr;
    }
    (k == 1 ? encoding : errors) = s;
  }
  Ref<> unicode;
  if (x == nullptr) {
    unicode = steal(unicode_empty());
  } else if (encoding == nullptr && errors == nullptr) {
    unicode = steal(PyObject_Str(x));
  } else {
    unicode = steal(PyUnicode_FromEncodedObject(x, encoding, errors));
  }
  if (!unicode) return nullptr;
  if (type == &PyUnicode_Type) return unicode.release();
  return unicode_subtype_new(type, unicode.get());
}

static PyObject* unicode_tp_new(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  return unicode_new_impl(type, args, kwargs);
}

PyObject* krait::unicode_getnewargs(PyObject* self, PyObject*) {
  PyObject* copy = unicode_copy(self);
  if (copy == nullptr) return nullptr;
  return Py_BuildValue("(N)", copy);
}

PyObject* krait::unicode_sizeof(PyObject* self, PyObject*) {
  auto* a = reinterpret_cast<PyASCIIObject*>(self);
  Py_ssize_t size;
  if (a->state.compact) {
    size = a->state.ascii ? sizeof(PyASCIIObject) : sizeof(PyCompactUnicodeObject);
    size += (ulen(self) + 1) * ukind(self);
  } else {
    size = sizeof(PyUnicodeObject);
    if (reinterpret_cast<PyUnicodeObject*>(self)->data.any) size += (ulen(self) + 1) * ukind(self);
  }
  if (!a->state.ascii) {
    auto* c = reinterpret_cast<PyCompactUnicodeObject*>(self);
    if (c->utf8 != nullptr && c->utf8 != static_cast<char*>(udata(self))) size += c->utf8_length + 1;
  }
  return PyLong_FromSsize_t(size);
}

PyDoc_STRVAR(unicode_doc,
             "str(object='') -> str\n"
             "str(bytes_or_buffer[, encoding[, errors]]) -> str\n"
             "\n"
             "Create a new string object from the given object. If encoding or\n"
             "errors is specified, then the object must expose a data buffer\n"
             "that will be decoded using the given encoding and error handler.\n"
             "Otherwise, returns the result of object.__str__() (if defined)\n"
             "or repr(object).\n"
             "encoding defaults to sys.getdefaultencoding().\n"
             "errors defaults to 'strict'.");

PyTypeObject PyUnicode_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "str",
    .tp_basicsize = sizeof(PyUnicodeObject),
    .tp_itemsize = 0,
    .tp_dealloc = unicode_dealloc,
    .tp_repr = unicode_repr,
    .tp_as_number = &unicode_as_number,
    .tp_as_sequence = &unicode_as_sequence,
    .tp_as_mapping = &unicode_as_mapping,
    .tp_hash = unicode_tp_hash,
    .tp_str = unicode_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_UNICODE_SUBCLASS |
                _Py_TPFLAGS_MATCH_SELF,
    .tp_doc = unicode_doc,
    .tp_richcompare = PyUnicode_RichCompare,
    .tp_iter = unicode_iter,
    .tp_methods = unicode_methods,
    .tp_base = &PyBaseObject_Type,
    .tp_new = unicode_tp_new,
    .tp_free = PyObject_Del,
};
