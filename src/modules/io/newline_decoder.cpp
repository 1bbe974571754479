// newline_decoder.cpp — _io.IncrementalNewlineDecoder: wraps an incremental
// decoder (or none) and records/translates "\r", "\n" and "\r\n".
//
// A "\r" at the end of a non-final chunk is held back (pendingcr) so that a
// "\r\n" split across two chunks is seen as one newline. Also home of
// find_line_ending(), the line search TextIOWrapper and StringIO share.
#include <Python.h>

#include <cstring>

#include "modules/io/io.h"

using namespace krait;

namespace krait::io {

namespace {

enum : int { kSeenCR = 1, kSeenLF = 2, kSeenCRLF = 4, kSeenAll = 7 };

struct NLDecoderObject {
  PyObject_HEAD
  PyObject* decoder;
  PyObject* errors;
  unsigned pendingcr : 1;
  unsigned translate : 1;
  unsigned seennl : 3;
};

inline NLDecoderObject* N(PyObject* o) { return reinterpret_cast<NLDecoderObject*>(o); }

int nldecoder_init(PyObject* op, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"decoder", "translate", "errors", nullptr};
  PyObject *decoder, *translate_obj, *errors = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO|O:IncrementalNewlineDecoder",
                                   const_cast<char**>(kwlist), &decoder, &translate_obj, &errors))
    return -1;
  int translate = _PyLong_AsInt(translate_obj);
  if (translate == -1 && PyErr_Occurred()) return -1;
  NLDecoderObject* self = N(op);
  Py_XSETREF(self->decoder, Py_NewRef(decoder));
  if (!errors) errors = IO_STR("strict");
  Py_XSETREF(self->errors, Py_NewRef(errors));
  self->translate = translate ? 1 : 0;
  self->seennl = 0;
  self->pendingcr = 0;
  return 0;
}

void nldecoder_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  Py_CLEAR(N(op)->decoder);
  Py_CLEAR(N(op)->errors);
  Py_TYPE(op)->tp_free(op);
}

int nldecoder_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(N(op)->decoder);
  Py_VISIT(N(op)->errors);
  return 0;
}

int nldecoder_clear(PyObject* op) {
  Py_CLEAR(N(op)->decoder);
  Py_CLEAR(N(op)->errors);
  return 0;
}

bool check_initialized(NLDecoderObject* self) {
  if (!self->decoder) {
    PyErr_SetString(PyExc_ValueError, "IncrementalNewlineDecoder.__init__() not called");
    return false;
  }
  return true;
}

PyObject* nldecoder_decode_meth(PyObject* op, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"input", "final", nullptr};
  PyObject* input;
  PyObject* final_obj = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O:decode", const_cast<char**>(kwlist), &input,
                                   &final_obj))
    return nullptr;
  int final = 0;
  if (final_obj) {
    final = _PyLong_AsInt(final_obj);
    if (final == -1 && PyErr_Occurred()) return nullptr;
  }
  return newline_decoder_decode(op, input, final);
}

PyObject* nldecoder_getstate(PyObject* op, PyObject*) {
  NLDecoderObject* self = N(op);
  if (!check_initialized(self)) return nullptr;
  PyObject* buffer;
  unsigned long long flag;
  if (self->decoder != Py_None) {
    Ref<> state = steal(PyObject_CallMethodNoArgs(self->decoder, IO_STR("getstate")));
    if (!state) return nullptr;
    if (!PyTuple_Check(state.get())) {
      PyErr_SetString(PyExc_TypeError, "illegal decoder state");
      return nullptr;
    }
    if (!PyArg_ParseTuple(state.get(), "OK;illegal decoder state", &buffer, &flag)) return nullptr;
    Py_INCREF(buffer);
  } else {
    buffer = PyBytes_FromString("");
    if (!buffer) return nullptr;
    flag = 0;
  }
  flag <<= 1;
  if (self->pendingcr) flag |= 1;
  return Py_BuildValue("NK", buffer, flag);
}

PyObject* nldecoder_setstate(PyObject* op, PyObject* state) {
  NLDecoderObject* self = N(op);
  if (!check_initialized(self)) return nullptr;
  if (!PyTuple_Check(state)) {
    PyErr_SetString(PyExc_TypeError, "state argument must be a tuple");
    return nullptr;
  }
  PyObject* buffer;
  unsigned long long flag;
  if (!PyArg_ParseTuple(state, "OK;setstate(): illegal state argument", &buffer, &flag))
    return nullptr;
  self->pendingcr = static_cast<int>(flag & 1);
  flag >>= 1;
  if (self->decoder != Py_None)
    return PyObject_CallMethod(self->decoder, "setstate", "((OK))", buffer, flag);
  Py_RETURN_NONE;
}

PyObject* nldecoder_reset(PyObject* op, PyObject*) {
  NLDecoderObject* self = N(op);
  if (!check_initialized(self)) return nullptr;
  self->seennl = 0;
  self->pendingcr = 0;
  if (self->decoder != Py_None) return PyObject_CallMethodNoArgs(self->decoder, IO_STR("reset"));
  Py_RETURN_NONE;
}

PyObject* nldecoder_newlines_get(PyObject* op, void*) {
  NLDecoderObject* self = N(op);
  if (!check_initialized(self)) return nullptr;
  switch (self->seennl) {
    case kSeenCR: return PyUnicode_FromString("\r");
    case kSeenLF: return PyUnicode_FromString("\n");
    case kSeenCRLF: return PyUnicode_FromString("\r\n");
    case kSeenCR | kSeenLF: return Py_BuildValue("ss", "\r", "\n");
    case kSeenCR | kSeenCRLF: return Py_BuildValue("ss", "\r", "\r\n");
    case kSeenLF | kSeenCRLF: return Py_BuildValue("ss", "\n", "\r\n");
    case kSeenAll: return Py_BuildValue("sss", "\r", "\n", "\r\n");
    default: Py_RETURN_NONE;
  }
}

PyMethodDef nldecoder_methods[] = {
    {"decode", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(nldecoder_decode_meth)),
     METH_VARARGS | METH_KEYWORDS, nullptr},
    {"getstate", nldecoder_getstate, METH_NOARGS, nullptr},
    {"setstate", nldecoder_setstate, METH_O, nullptr},
    {"reset", nldecoder_reset, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef nldecoder_getset[] = {
    {"newlines", nldecoder_newlines_get, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

PyObject* newline_decoder_decode(PyObject* op, PyObject* input, int final) {
  NLDecoderObject* self = N(op);
  if (!check_initialized(self)) return nullptr;
  PyObject* output;
  if (self->decoder != Py_None) {
    output = PyObject_CallMethodObjArgs(self->decoder, IO_STR("decode"), input,
                                        final ? Py_True : Py_False, nullptr);
  } else {
    output = Py_NewRef(input);
  }
  if (!output) return nullptr;
  if (!PyUnicode_Check(output)) {
    PyErr_Format(PyExc_TypeError, "decoder should return a string result, not '%.200s'",
                 Py_TYPE(output)->tp_name);
    Py_DECREF(output);
    return nullptr;
  }
  Py_ssize_t len = PyUnicode_GET_LENGTH(output);
  if (self->pendingcr && (final || len > 0)) {
    // Put the held-back "\r" in front.
    PyObject* modified = PyUnicode_New(len + 1, PyUnicode_MAX_CHAR_VALUE(output));
    if (!modified) {
      Py_DECREF(output);
      return nullptr;
    }
    int kind = PyUnicode_KIND(modified);
    char* out = static_cast<char*>(PyUnicode_DATA(modified));
    PyUnicode_WRITE(kind, out, 0, '\r');
    memcpy(out + kind, PyUnicode_DATA(output), kind * len);
    Py_SETREF(output, modified);
    self->pendingcr = 0;
    len++;
  }
  // Hold back a final "\r" even when not translating, so that readline()
  // sees a "\r\n" in one piece.
  if (!final && len > 0 && PyUnicode_READ_CHAR(output, len - 1) == '\r') {
    PyObject* modified = PyUnicode_Substring(output, 0, len - 1);
    Py_DECREF(output);
    if (!modified) return nullptr;
    output = modified;
    self->pendingcr = 1;
    len--;
  }
  if (len == 0) return output;
  int kind = PyUnicode_KIND(output);
  const void* in = PyUnicode_DATA(output);
  int seennl = self->seennl;
  bool only_lf = false;
  if (seennl == kSeenLF || seennl == 0) only_lf = memchr(in, '\r', kind * len) == nullptr;
  if (only_lf) {
    if (seennl == 0) {
      for (Py_ssize_t i = 0; i < len; i++)
        if (PyUnicode_READ(kind, in, i) == '\n') {
          seennl |= kSeenLF;
          break;
        }
    }
  } else if (!self->translate) {
    for (Py_ssize_t i = 0; i < len && seennl != kSeenAll; i++) {
      Py_UCS4 c = PyUnicode_READ(kind, in, i);
      if (c == '\n') {
        seennl |= kSeenLF;
      } else if (c == '\r') {
        if (i + 1 < len && PyUnicode_READ(kind, in, i + 1) == '\n') {
          seennl |= kSeenCRLF;
          i++;
        } else {
          seennl |= kSeenCR;
        }
      }
    }
  } else {
    char* translated = static_cast<char*>(PyMem_Malloc(kind * len));
    if (!translated) {
      Py_DECREF(output);
      return PyErr_NoMemory();
    }
    Py_ssize_t out = 0;
    for (Py_ssize_t i = 0; i < len; i++) {
      Py_UCS4 c = PyUnicode_READ(kind, in, i);
      if (c == '\n') {
        seennl |= kSeenLF;
      } else if (c == '\r') {
        if (i + 1 < len && PyUnicode_READ(kind, in, i + 1) == '\n') {
          i++;
          seennl |= kSeenCRLF;
        } else {
          seennl |= kSeenCR;
        }
        c = '\n';
      }
      PyUnicode_WRITE(kind, translated, out++, c);
    }
    Py_DECREF(output);
    output = PyUnicode_FromKindAndData(kind, translated, out);
    PyMem_Free(translated);
    if (!output) return nullptr;
  }
  self->seennl |= seennl;
  return output;
}

Py_ssize_t find_line_ending(int translated, int universal, PyObject* readnl, int kind,
                            const char* start, const char* end, Py_ssize_t* consumed) {
  Py_ssize_t len = (end - start) / kind;
  if (translated) {
    for (Py_ssize_t i = 0; i < len; i++)
      if (PyUnicode_READ(kind, start, i) == '\n') return i + 1;
    *consumed = len;
    return -1;
  }
  if (universal) {
    for (Py_ssize_t i = 0; i < len; i++) {
      Py_UCS4 ch = PyUnicode_READ(kind, start, i);
      if (ch > '\r') continue;
      if (ch == '\n') return i + 1;
      if (ch == '\r') {
        if (i + 1 < len && PyUnicode_READ(kind, start, i + 1) == '\n') return i + 2;
        return i + 1;
      }
    }
    *consumed = len;
    return -1;
  }
  // A fixed (ASCII) line ending.
  Py_ssize_t nl_len = PyUnicode_GET_LENGTH(readnl);
  const Py_UCS1* nl = PyUnicode_1BYTE_DATA(readnl);
  for (Py_ssize_t i = 0; i + nl_len <= len; i++) {
    if (PyUnicode_READ(kind, start, i) != nl[0]) continue;
    Py_ssize_t j = 1;
    while (j < nl_len && PyUnicode_READ(kind, start, i + j) == nl[j]) j++;
    if (j == nl_len) return i + nl_len;
  }
  // Not found: everything up to a possible partial line ending is consumed.
  Py_ssize_t e = len - (nl_len - 1);
  if (e < 0) e = 0;
  *consumed = len;
  for (Py_ssize_t i = e; i < len; i++)
    if (PyUnicode_READ(kind, start, i) == nl[0]) {
      *consumed = i;
      break;
    }
  return -1;
}

PyTypeObject IncrementalNewlineDecoder_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_io.IncrementalNewlineDecoder",
    .tp_basicsize = sizeof(NLDecoderObject),
    .tp_dealloc = nldecoder_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Codec used when reading a file in universal newlines mode.",
    .tp_traverse = nldecoder_traverse,
    .tp_clear = nldecoder_clear,
    .tp_methods = nldecoder_methods,
    .tp_getset = nldecoder_getset,
    .tp_init = nldecoder_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
};

}  // namespace krait::io
