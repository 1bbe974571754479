// unicode_codecs_charmap.cpp — the charmap codec family behind the
// table-driven encodings (cp1252, koi8_r, mac_roman ...):
// PyUnicode_DecodeCharmap, _PyUnicode_EncodeCharmap, PyUnicode_AsCharmapString
// and PyUnicode_BuildEncodingMap with its EncodingMap type.
//
// Decoding maps each byte through a 256-character str table (U+FFFE marks
// an undefined byte) or any mapping (int -> int | str | None). Encoding maps
// each character through a dict-like mapping (int -> int | bytes | None) or
// an EncodingMap: a compact three-level trie over the BMP built from a
// decoding table (level 1: ch >> 11, level 2: 16 entries per used level-1
// slot, level 3: 128 byte values per used level-2 slot; 0 = unmapped except
// for U+0000). EncodingMap.size() reports CPython's figure for the same trie.
#include <Python.h>

#include <vector>

#include "objects/unicode_codecs_internal.h"
#include "objects/unicode_object.h"

using namespace krait;

// -- EncodingMap ------------------------------------------------------------------------

namespace {

struct EncodingMapObject {
  PyObject_HEAD
  unsigned char level1[32];
  int count2, count3;
  unsigned char* level2;  // count2 * 16 entries
  unsigned char* level3;  // count3 * 128 entries
};

void encoding_map_dealloc(PyObject* op) {
  auto* m = reinterpret_cast<EncodingMapObject*>(op);
  PyMem_Free(m->level2);
  PyMem_Free(m->level3);
  PyObject_Free(op);
}

PyObject* encoding_map_size(PyObject* op, PyObject*) {
  auto* m = reinterpret_cast<EncodingMapObject*>(op);
  // CPython's object is one allocation: a 64-byte header ending in a
  // one-byte array, followed by the level-2 and level-3 tables.
  return PyLong_FromLong(63 + 16L * m->count2 + 128L * m->count3);
}

PyMethodDef encoding_map_methods[] = {
    {"size", encoding_map_size, METH_NOARGS, "Return the size (in bytes) of this object"},
    {nullptr, nullptr, 0, nullptr},
};

// The byte for ch, or -1 if unmapped.
int encoding_map_lookup(Py_UCS4 ch, PyObject* mapping) {
  auto* m = reinterpret_cast<EncodingMapObject*>(mapping);
  if (ch > 0xFFFF) return -1;
  if (ch == 0) return 0;
  int i = m->level1[ch >> 11];
  if (i == 0xFF) return -1;
  i = m->level2[16 * i + ((ch >> 7) & 0xF)];
  if (i == 0xFF) return -1;
  i = m->level3[128 * i + (ch & 0x7F)];
  return i == 0 ? -1 : i;
}

}  // namespace

namespace krait {
PyTypeObject EncodingMap_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "EncodingMap",
    .tp_basicsize = sizeof(EncodingMapObject),
    .tp_dealloc = encoding_map_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = encoding_map_methods,
};
}  // namespace krait

extern "C" PyObject* PyUnicode_BuildEncodingMap(PyObject* string) {
  if (!PyUnicode_Check(string)) {
    PyErr_BadArgument();
    return nullptr;
  }
  int kind = ukind(string);
  const void* data = udata(string);
  Py_ssize_t length = ulen(string);
  if (length > 256) length = 256;
  unsigned char level1[32];
  std::vector<unsigned char> l2index(512, 0xFF);  // (ch >> 7) -> level-3 block
  std::memset(level1, 0xFF, sizeof level1);
  int count2 = 0, count3 = 0;
  bool need_dict = length == 0 || PyUnicode_READ(kind, data, 0) != 0;
  for (Py_ssize_t i = 1; i < length && !need_dict; i++) {
    Py_UCS4 ch = PyUnicode_READ(kind, data, i);
    if (ch == 0 || ch > 0xFFFF) {
      need_dict = true;
      break;
    }
    if (ch == 0xFFFE) continue;  // unmapped byte
    if (level1[ch >> 11] == 0xFF) level1[ch >> 11] = static_cast<unsigned char>(count2++);
    if (l2index[ch >> 7] == 0xFF) l2index[ch >> 7] = static_cast<unsigned char>(count3++);
    if (count2 >= 0xFF || count3 >= 0xFF) need_dict = true;
  }
  if (need_dict) {
    // Not representable as a trie: a plain {code point: byte} dict.
    Ref<> result = steal(PyDict_New());
    if (!result) return nullptr;
    for (Py_ssize_t i = 0; i < length; i++) {
      Ref<> key = steal(PyLong_FromLong(long(PyUnicode_READ(kind, data, i))));
      Ref<> value = steal(PyLong_FromLong(long(i)));
      if (!key || !value || PyDict_SetItem(result.get(), key.get(), value.get()) < 0) return nullptr;
    }
    return result.release();
  }
  auto* m = PyObject_New(EncodingMapObject, &EncodingMap_Type);
  if (m == nullptr) return nullptr;
  std::memcpy(m->level1, level1, sizeof level1);
  m->count2 = count2;
  m->count3 = count3;
  m->level2 = static_cast<unsigned char*>(PyMem_Malloc(size_t(16 * count2 + 1)));
  m->level3 = static_cast<unsigned char*>(PyMem_Calloc(size_t(128 * count3 + 1), 1));
  if (m->level2 == nullptr || m->level3 == nullptr) {
    Py_DECREF(m);
    return PyErr_NoMemory();
  }
  std::memset(m->level2, 0xFF, size_t(16 * count2));
  for (Py_ssize_t i = 1; i < length; i++) {
    Py_UCS4 ch = PyUnicode_READ(kind, data, i);
    if (ch == 0xFFFE) continue;
    int i2 = 16 * level1[ch >> 11] + ((ch >> 7) & 0xF);
    m->level2[i2] = l2index[ch >> 7];
    m->level3[128 * m->level2[i2] + (ch & 0x7F)] = static_cast<unsigned char>(i);
  }
  return reinterpret_cast<PyObject*>(m);
}

// -- Decoding -----------------------------------------------------------------------------

extern "C" PyObject* PyUnicode_DecodeCharmap(const char* s, Py_ssize_t size, PyObject* mapping,
                                             const char* errors) {
  if (mapping == nullptr) return PyUnicode_DecodeLatin1(s, size, errors);
  if (size == 0) return unicode_empty();
  const auto* p = reinterpret_cast<const unsigned char*>(s);
  _PyUnicodeWriter w;
  _PyUnicodeWriter_Init(&w);
  w.min_length = size;
  DecodeErrorState es("charmap", errors, DecodeErrorState::Codec::Other);
  const char* undefined = "character maps to <undefined>";
  Py_ssize_t i = 0;
  if (PyUnicode_CheckExact(mapping)) {
    Py_ssize_t maplen = ulen(mapping);
    int mkind = ukind(mapping);
    const void* mdata = udata(mapping);
    while (i < size) {
      Py_UCS4 ch = p[i] < maplen ? PyUnicode_READ(mkind, mdata, p[i]) : 0xFFFE;
      if (ch == 0xFFFE) {
        i = es.handle(&w, s, size, i, i + 1, undefined);
        p = reinterpret_cast<const unsigned char*>(s);  // the handler may replace the input
        if (i < 0) goto fail;
        continue;
      }
      if (_PyUnicodeWriter_WriteChar(&w, ch) < 0) goto fail;
      i++;
    }
    return _PyUnicodeWriter_Finish(&w);
  }
  while (i < size) {
    Ref<> key = steal(PyLong_FromLong(p[i]));
    if (!key) goto fail;
    Ref<> item = steal(PyObject_GetItem(mapping, key.get()));
    bool defined = true;
    if (!item) {
      if (!PyErr_ExceptionMatches(PyExc_LookupError)) goto fail;
      PyErr_Clear();
      defined = false;
    } else if (item.get() == Py_None) {
      defined = false;
    } else if (PyLong_Check(item.get())) {
      long value = PyLong_AsLong(item.get());
      if (value == -1 && PyErr_Occurred()) PyErr_Clear();
      if (value == 0xFFFE) {
        defined = false;
      } else if (value < 0 || value > 0x10FFFF) {
        PyErr_SetString(PyExc_TypeError, "character mapping must be in range(0x110000)");
        goto fail;
      } else if (_PyUnicodeWriter_WriteChar(&w, Py_UCS4(value)) < 0) {
        goto fail;
      }
    } else if (PyUnicode_Check(item.get())) {
      if (ulen(item.get()) == 1) {
        Py_UCS4 value = PyUnicode_READ_CHAR(item.get(), 0);
        if (value == 0xFFFE) defined = false;
        else if (_PyUnicodeWriter_WriteChar(&w, value) < 0) goto fail;
      } else {
        w.overallocate = 1;
        if (_PyUnicodeWriter_WriteStr(&w, item.get()) < 0) goto fail;
      }
    } else {
      PyErr_SetString(PyExc_TypeError, "character mapping must return integer, None or str");
      goto fail;
    }
    if (defined) {
      i++;
      continue;
    }
    i = es.handle(&w, s, size, i, i + 1, undefined);
    p = reinterpret_cast<const unsigned char*>(s);  // the handler may replace the input
    if (i < 0) goto fail;
  }
  w.overallocate = 0;
  return _PyUnicodeWriter_Finish(&w);
fail:
  _PyUnicodeWriter_Dealloc(&w);
  return nullptr;
}

// -- Encoding -----------------------------------------------------------------------------

namespace {

enum class Enc { Ok, Failed, Exception };

// Appends the encoding of ch per mapping to out.
Enc charmap_output(Py_UCS4 ch, PyObject* mapping, ByteBuf& out) {
  if (Py_IS_TYPE(mapping, &EncodingMap_Type)) {
    int b = encoding_map_lookup(ch, mapping);
    if (b == -1) return Enc::Failed;
    return out.put(char(b)) ? Enc::Ok : Enc::Exception;
  }
  Ref<> key = steal(PyLong_FromLong(long(ch)));
  if (!key) return Enc::Exception;
  Ref<> x = steal(PyObject_GetItem(mapping, key.get()));
  if (!x) {
    if (!PyErr_ExceptionMatches(PyExc_LookupError)) return Enc::Exception;
    PyErr_Clear();
    return Enc::Failed;
  }
  if (x.get() == Py_None) return Enc::Failed;
  if (PyLong_Check(x.get())) {
    long v = PyLong_AsLong(x.get());
    if (v == -1 && PyErr_Occurred()) PyErr_Clear();
    if (v < 0 || v > 255) {
      PyErr_SetString(PyExc_TypeError, "character mapping must be in range(256)");
      return Enc::Exception;
    }
    return out.put(char(v)) ? Enc::Ok : Enc::Exception;
  }
  if (PyBytes_Check(x.get()))
    return out.put(PyBytes_AS_STRING(x.get()), PyBytes_GET_SIZE(x.get())) ? Enc::Ok : Enc::Exception;
  PyErr_Format(PyExc_TypeError, "character mapping must return integer, bytes or None, not %.400s",
               Py_TYPE(x.get())->tp_name);
  return Enc::Exception;
}

// Whether ch is encodable (1), not (0), or the lookup failed (-1).
int charmap_has(Py_UCS4 ch, PyObject* mapping) {
  if (Py_IS_TYPE(mapping, &EncodingMap_Type)) return encoding_map_lookup(ch, mapping) != -1;
  ByteBuf scratch;
  switch (charmap_output(ch, mapping, scratch)) {
    case Enc::Ok: return 1;
    case Enc::Failed: return 0;
    default: return -1;
  }
}

}  // namespace

extern "C" PyObject* _PyUnicode_EncodeCharmap(PyObject* unicode, PyObject* mapping, const char* errors) {
  if (mapping == nullptr) return _PyUnicode_AsLatin1String(unicode, errors);
  Py_ssize_t size = ulen(unicode);
  int kind = ukind(unicode);
  const void* data = udata(unicode);
  const char* reason = "character maps to <undefined>";
  ByteBuf out;
  if (!out.reserve(size)) return nullptr;
  EncodeErrorState es("charmap", errors);
  for (Py_ssize_t i = 0; i < size;) {
    Py_UCS4 ch = PyUnicode_READ(kind, data, i);
    Enc r = charmap_output(ch, mapping, out);
    if (r == Enc::Exception) return nullptr;
    if (r == Enc::Ok) {
      i++;
      continue;
    }
    // The run of unencodable characters goes to the error handler at once.
    Py_ssize_t end = i + 1;
    while (end < size) {
      int has = charmap_has(PyUnicode_READ(kind, data, end), mapping);
      if (has < 0) return nullptr;
      if (has) break;
      end++;
    }
    Ref<> rep;
    Py_ssize_t next = es.replacement(unicode, i, end, reason, &rep);
    if (next < 0) return nullptr;
    if (PyBytes_Check(rep.get())) {
      if (!out.put(PyBytes_AS_STRING(rep.get()), PyBytes_GET_SIZE(rep.get()))) return nullptr;
    } else {
      // A str replacement is itself encoded through the mapping.
      for (Py_ssize_t k = 0; k < ulen(rep.get()); k++) {
        Enc rr = charmap_output(PyUnicode_READ_CHAR(rep.get(), k), mapping, out);
        if (rr == Enc::Exception) return nullptr;
        if (rr == Enc::Failed) {
          es.raise(unicode, i, end, reason);
          return nullptr;
        }
      }
    }
    i = next;
  }
  return out.to_bytes();
}

extern "C" PyObject* PyUnicode_AsCharmapString(PyObject* unicode, PyObject* mapping) {
  if (!PyUnicode_Check(unicode) || mapping == nullptr) {
    PyErr_BadArgument();
    return nullptr;
  }
  return _PyUnicode_EncodeCharmap(unicode, mapping, nullptr);
}
