// unicode_writer.cpp — _PyUnicodeWriter, the incremental str builder.
//
// Cython and CPython-style C code use it through the fields of the struct and
// the _PyUnicodeWriter_Prepare macro (which reads maxchar/size/pos inline and
// then writes with PyUnicode_WRITE at data/kind), so the field meanings are
// CPython 3.11's exactly:
//   buffer   the str being filled (compact, refcount 1) or, in read-only mode,
//            a str written whole by WriteStr that must be copied before change;
//   data/kind/maxchar  describe buffer (maxchar = PyUnicode_MAX_CHAR_VALUE);
//   size     buffer capacity in characters (0 in read-only mode, which forces
//            the next Prepare to copy); pos  characters written so far;
//   min_length / min_char  lower bounds requested by the caller;
//   overallocate  grow geometrically (by 1/4) for repeated appends.
// Finish shrinks the buffer to pos and returns the canonical str.
#include <Python.h>

#include "objects/unicode_object.h"

using namespace krait;

namespace {

void writer_update(_PyUnicodeWriter* w) {
  w->maxchar = PyUnicode_MAX_CHAR_VALUE(w->buffer);
  w->data = PyUnicode_DATA(w->buffer);
  if (!w->readonly) {
    w->kind = static_cast<PyUnicode_Kind>(PyUnicode_KIND(w->buffer));
    w->size = PyUnicode_GET_LENGTH(w->buffer);
  } else {
    w->kind = PyUnicode_WCHAR_KIND;
    w->size = 0;
  }
}

}  // namespace

extern "C" void _PyUnicodeWriter_Init(_PyUnicodeWriter* writer) {
  std::memset(writer, 0, sizeof(*writer));
  writer->min_char = 127;
  writer->kind = PyUnicode_WCHAR_KIND;
}

extern "C" int _PyUnicodeWriter_PrepareInternal(_PyUnicodeWriter* writer, Py_ssize_t length,
                                                Py_UCS4 maxchar) {
  if (length > PY_SSIZE_T_MAX - writer->pos) {
    PyErr_NoMemory();
    return -1;
  }
  Py_ssize_t newlen = writer->pos + length;
  if (maxchar < writer->min_char) maxchar = writer->min_char;

  if (writer->buffer == nullptr) {
    if (writer->overallocate && newlen <= PY_SSIZE_T_MAX - newlen / 4) newlen += newlen / 4;
    if (newlen < writer->min_length) newlen = writer->min_length;
    writer->buffer = PyUnicode_New(newlen, maxchar);
    if (writer->buffer == nullptr) return -1;
  } else if (newlen > writer->size) {
    if (writer->overallocate && newlen <= PY_SSIZE_T_MAX - newlen / 4) newlen += newlen / 4;
    if (newlen < writer->min_length) newlen = writer->min_length;
    if (maxchar > writer->maxchar || writer->readonly) {
      Py_UCS4 m = maxchar > writer->maxchar ? maxchar : writer->maxchar;
      PyObject* nb = PyUnicode_New(newlen, m);
      if (nb == nullptr) return -1;
      _PyUnicode_FastCopyCharacters(nb, 0, writer->buffer, 0, writer->pos);
      Py_DECREF(writer->buffer);
      writer->buffer = nb;
      writer->readonly = 0;
    } else {
      PyObject* nb = unicode_resize_fresh(writer->buffer, newlen);
      writer->buffer = nb;
      if (nb == nullptr) return -1;
    }
  } else if (maxchar > writer->maxchar) {
    PyObject* nb = PyUnicode_New(writer->size, maxchar);
    if (nb == nullptr) return -1;
    _PyUnicode_FastCopyCharacters(nb, 0, writer->buffer, 0, writer->pos);
    Py_SETREF(writer->buffer, nb);
  }
  writer_update(writer);
  return 0;
}

extern "C" int _PyUnicodeWriter_PrepareKindInternal(_PyUnicodeWriter* writer,
                                                    enum PyUnicode_Kind kind) {
  Py_UCS4 maxchar;
  switch (kind) {
    case PyUnicode_1BYTE_KIND: maxchar = 0xff; break;
    case PyUnicode_2BYTE_KIND: maxchar = 0xffff; break;
    default: maxchar = 0x10ffff; break;
  }
  return _PyUnicodeWriter_PrepareInternal(writer, 0, maxchar);
}

extern "C" int _PyUnicodeWriter_WriteChar(_PyUnicodeWriter* writer, Py_UCS4 ch) {
  if (_PyUnicodeWriter_Prepare(writer, 1, ch) < 0) return -1;
  PyUnicode_WRITE(writer->kind, writer->data, writer->pos, ch);
  writer->pos++;
  return 0;
}

extern "C" int _PyUnicodeWriter_WriteStr(_PyUnicodeWriter* writer, PyObject* str) {
  Py_ssize_t len = PyUnicode_GET_LENGTH(str);
  if (len == 0) return 0;
  Py_UCS4 maxchar = PyUnicode_MAX_CHAR_VALUE(str);
  if (maxchar > writer->maxchar || len > writer->size - writer->pos) {
    if (writer->buffer == nullptr && !writer->overallocate) {
      // Nothing written yet and no growth expected: share str itself.
      writer->readonly = 1;
      writer->buffer = unicode_exact(str);
      if (writer->buffer == nullptr) return -1;
      writer_update(writer);
      writer->pos += len;
      return 0;
    }
    if (_PyUnicodeWriter_PrepareInternal(writer, len, maxchar) == -1) return -1;
  }
  _PyUnicode_FastCopyCharacters(writer->buffer, writer->pos, str, 0, len);
  writer->pos += len;
  return 0;
}

extern "C" int _PyUnicodeWriter_WriteSubstring(_PyUnicodeWriter* writer, PyObject* str,
                                               Py_ssize_t start, Py_ssize_t end) {
  if (start == 0 && end == PyUnicode_GET_LENGTH(str)) return _PyUnicodeWriter_WriteStr(writer, str);
  if (end <= start) return 0;
  Py_UCS4 maxchar = PyUnicode_MAX_CHAR_VALUE(str) > writer->maxchar
                        ? _PyUnicode_FindMaxChar(str, start, end)
                        : writer->maxchar;
  Py_ssize_t len = end - start;
  if (_PyUnicodeWriter_Prepare(writer, len, maxchar) < 0) return -1;
  _PyUnicode_FastCopyCharacters(writer->buffer, writer->pos, str, start, len);
  writer->pos += len;
  return 0;
}

extern "C" int _PyUnicodeWriter_WriteASCIIString(_PyUnicodeWriter* writer, const char* ascii,
                                                 Py_ssize_t len) {
  if (len == -1) len = static_cast<Py_ssize_t>(std::strlen(ascii));
  if (len == 0) return 0;
  if (writer->buffer == nullptr && !writer->overallocate) {
    PyObject* s = _PyUnicode_FromASCII(ascii, len);
    if (s == nullptr) return -1;
    writer->readonly = 1;
    writer->buffer = s;
    writer_update(writer);
    writer->pos += len;
    return 0;
  }
  if (_PyUnicodeWriter_Prepare(writer, len, 127) == -1) return -1;
  switch (writer->kind) {
    case PyUnicode_1BYTE_KIND:
      std::memcpy(static_cast<Py_UCS1*>(writer->data) + writer->pos, ascii, len);
      break;
    case PyUnicode_2BYTE_KIND: {
      auto* d = static_cast<Py_UCS2*>(writer->data) + writer->pos;
      for (Py_ssize_t i = 0; i < len; ++i) d[i] = static_cast<unsigned char>(ascii[i]);
      break;
    }
    default: {
      auto* d = static_cast<Py_UCS4*>(writer->data) + writer->pos;
      for (Py_ssize_t i = 0; i < len; ++i) d[i] = static_cast<unsigned char>(ascii[i]);
      break;
    }
  }
  writer->pos += len;
  return 0;
}

extern "C" int _PyUnicodeWriter_WriteLatin1String(_PyUnicodeWriter* writer, const char* str,
                                                  Py_ssize_t len) {
  if (len == 0) return 0;
  Py_UCS4 maxchar = find_max_char(PyUnicode_1BYTE_KIND, str, 0, len);
  if (_PyUnicodeWriter_Prepare(writer, len, maxchar) == -1) return -1;
  for (Py_ssize_t i = 0; i < len; ++i)
    PyUnicode_WRITE(writer->kind, writer->data, writer->pos + i, static_cast<unsigned char>(str[i]));
  writer->pos += len;
  return 0;
}

extern "C" PyObject* _PyUnicodeWriter_Finish(_PyUnicodeWriter* writer) {
  if (writer->pos == 0) {
    Py_CLEAR(writer->buffer);
    return unicode_empty();
  }
  PyObject* str = writer->buffer;
  writer->buffer = nullptr;
  if (writer->readonly) return str;
  if (PyUnicode_GET_LENGTH(str) != writer->pos) {
    str = unicode_resize_fresh(str, writer->pos);
    if (str == nullptr) return nullptr;
  }
  return unicode_canonical(str);
}

extern "C" void _PyUnicodeWriter_Dealloc(_PyUnicodeWriter* writer) { Py_CLEAR(writer->buffer); }
