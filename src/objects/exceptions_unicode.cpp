// UnicodeEncodeError / UnicodeDecodeError / UnicodeTranslateError: their
// constructors, messages ("'utf-8' codec can't decode byte 0xff in position
// 0: invalid start byte") and the PyUnicode*Error_* C API codecs use.
// PyUnicodeDecodeError_Create passes a y# length as Py_ssize_t.
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include "objects/exceptions_impl.h"
#include "objects/object_util.h"

namespace krait::exc {

static PyUnicodeErrorObject* as_uerr(PyObject* o) {
  return reinterpret_cast<PyUnicodeErrorObject*>(o);
}

int UnicodeError_clear(PyObject* op) {
  auto* self = as_uerr(op);
  Py_CLEAR(self->encoding);
  Py_CLEAR(self->object);
  Py_CLEAR(self->reason);
  return BaseException_clear(op);
}

void UnicodeError_dealloc(PyObject* op) {
  PyObject_GC_UnTrack(op);
  UnicodeError_clear(op);
  Py_TYPE(op)->tp_free(op);
}

int UnicodeError_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* self = as_uerr(op);
  Py_VISIT(self->encoding);
  Py_VISIT(self->object);
  Py_VISIT(self->reason);
  return BaseException_traverse(op, visit, arg);
}

// UnicodeError itself is SimpleKind; this init only exists for the shape of
// the declarations in exceptions_impl.h.
int UnicodeError_init(PyObject* op, PyObject* args, PyObject* kwds) {
  return BaseException_init(op, args, kwds);
}

static void store(PyUnicodeErrorObject* self, PyObject* encoding, PyObject* object,
                  Py_ssize_t start, Py_ssize_t end, PyObject* reason) {
  Py_XINCREF(encoding);
  Py_XSETREF(self->encoding, encoding);
  Py_XSETREF(self->object, object);  // caller passes a new reference
  self->start = start;
  self->end = end;
  Py_INCREF(reason);
  Py_XSETREF(self->reason, reason);
}

int UnicodeEncodeError_init(PyObject* op, PyObject* args, PyObject* kwds) {
  if (BaseException_init(op, args, kwds) < 0) return -1;
  PyObject *encoding, *object, *reason;
  Py_ssize_t start, end;
  if (!PyArg_ParseTuple(args, "UUnnU", &encoding, &object, &start, &end, &reason)) return -1;
  Py_INCREF(object);
  store(as_uerr(op), encoding, object, start, end, reason);
  return 0;
}

int UnicodeDecodeError_init(PyObject* op, PyObject* args, PyObject* kwds) {
  if (BaseException_init(op, args, kwds) < 0) return -1;
  PyObject *encoding, *object, *reason;
  Py_ssize_t start, end;
  if (!PyArg_ParseTuple(args, "UOnnU", &encoding, &object, &start, &end, &reason)) return -1;
  // Any bytes-like object is accepted and stored as bytes.
  if (PyBytes_Check(object)) {
    Py_INCREF(object);
  } else {
    Py_buffer view;
    if (PyObject_GetBuffer(object, &view, PyBUF_SIMPLE) < 0) return -1;
    object = PyBytes_FromStringAndSize(static_cast<const char*>(view.buf), view.len);
    PyBuffer_Release(&view);
    if (!object) return -1;
  }
  store(as_uerr(op), encoding, object, start, end, reason);
  return 0;
}

int UnicodeTranslateError_init(PyObject* op, PyObject* args, PyObject* kwds) {
  if (BaseException_init(op, args, kwds) < 0) return -1;
  PyObject *object, *reason;
  Py_ssize_t start, end;
  if (!PyArg_ParseTuple(args, "UnnU", &object, &start, &end, &reason)) return -1;
  Py_INCREF(object);
  store(as_uerr(op), nullptr, object, start, end, reason);
  return 0;
}

static bool single_position(Py_ssize_t start, Py_ssize_t end, Py_ssize_t len) {
  return start >= 0 && start < len && end >= 0 && end <= len && end == start + 1;
}

// The escape CPython prints for one character: \xNN, \uNNNN or \UNNNNNNNN.
static const char* char_format(Py_UCS4 c, bool with_codec) {
  if (c <= 0xff)
    return with_codec ? "'%U' codec can't encode character '\\x%02x' in position %zd: %U"
                      : "can't translate character '\\x%02x' in position %zd: %U";
  if (c <= 0xffff)
    return with_codec ? "'%U' codec can't encode character '\\u%04x' in position %zd: %U"
                      : "can't translate character '\\u%04x' in position %zd: %U";
  return with_codec ? "'%U' codec can't encode character '\\U%08x' in position %zd: %U"
                    : "can't translate character '\\U%08x' in position %zd: %U";
}

PyObject* UnicodeEncodeError_str(PyObject* op) {
  auto* self = as_uerr(op);
  if (!self->object) return PyUnicode_FromString("");  // never initialized
  Ref<> reason = steal(PyObject_Str(self->reason));
  if (!reason) return nullptr;
  Ref<> encoding = steal(PyObject_Str(self->encoding));
  if (!encoding) return nullptr;
  if (!PyUnicode_Check(self->object)) {
    PyErr_SetString(PyExc_TypeError, "object attribute must be unicode");
    return nullptr;
  }
  Py_ssize_t len = PyUnicode_GET_LENGTH(self->object);
  if (single_position(self->start, self->end, len)) {
    Py_UCS4 c = PyUnicode_ReadChar(self->object, self->start);
    return PyUnicode_FromFormat(char_format(c, true), encoding.get(), static_cast<int>(c),
                                self->start, reason.get());
  }
  return PyUnicode_FromFormat("'%U' codec can't encode characters in position %zd-%zd: %U",
                              encoding.get(), self->start, self->end - 1, reason.get());
}

PyObject* UnicodeDecodeError_str(PyObject* op) {
  auto* self = as_uerr(op);
  if (!self->object) return PyUnicode_FromString("");
  Ref<> reason = steal(PyObject_Str(self->reason));
  if (!reason) return nullptr;
  Ref<> encoding = steal(PyObject_Str(self->encoding));
  if (!encoding) return nullptr;
  if (!PyBytes_Check(self->object)) {
    PyErr_SetString(PyExc_TypeError, "object attribute must be bytes");
    return nullptr;
  }
  Py_ssize_t len = PyBytes_GET_SIZE(self->object);
  if (single_position(self->start, self->end, len)) {
    int byte = static_cast<unsigned char>(PyBytes_AS_STRING(self->object)[self->start]);
    return PyUnicode_FromFormat("'%U' codec can't decode byte 0x%02x in position %zd: %U",
                                encoding.get(), byte, self->start, reason.get());
  }
  return PyUnicode_FromFormat("'%U' codec can't decode bytes in position %zd-%zd: %U",
                              encoding.get(), self->start, self->end - 1, reason.get());
}

PyObject* UnicodeTranslateError_str(PyObject* op) {
  auto* self = as_uerr(op);
  if (!self->object) return PyUnicode_FromString("");
  Ref<> reason = steal(PyObject_Str(self->reason));
  if (!reason) return nullptr;
  if (!PyUnicode_Check(self->object)) {
    PyErr_SetString(PyExc_TypeError, "object attribute must be unicode");
    return nullptr;
  }
  Py_ssize_t len = PyUnicode_GET_LENGTH(self->object);
  if (single_position(self->start, self->end, len)) {
    Py_UCS4 c = PyUnicode_ReadChar(self->object, self->start);
    return PyUnicode_FromFormat(char_format(c, false), static_cast<int>(c), self->start,
                                reason.get());
  }
  return PyUnicode_FromFormat("can't translate characters in position %zd-%zd: %U",
                              self->start, self->end - 1, reason.get());
}

PyMemberDef UnicodeError_members[] = {
    {"encoding", T_OBJECT, offsetof(PyUnicodeErrorObject, encoding), 0, "exception encoding"},
    {"object", T_OBJECT, offsetof(PyUnicodeErrorObject, object), 0, "exception object"},
    {"start", T_PYSSIZET, offsetof(PyUnicodeErrorObject, start), 0, "exception start"},
    {"end", T_PYSSIZET, offsetof(PyUnicodeErrorObject, end), 0, "exception end"},
    {"reason", T_OBJECT, offsetof(PyUnicodeErrorObject, reason), 0, "exception reason"},
    {nullptr, 0, 0, 0, nullptr},
};

// -- C API helpers ---------------------------------------------------------------

// A new reference to a str (or bytes) attribute, or TypeError.
static PyObject* get_attr(PyObject* attr, const char* name, bool as_bytes) {
  if (!attr) {
    PyErr_Format(PyExc_TypeError, "%.200s attribute not set", name);
    return nullptr;
  }
  if (as_bytes ? !PyBytes_Check(attr) : !PyUnicode_Check(attr)) {
    PyErr_Format(PyExc_TypeError, "%.200s attribute must be %s", name,
                 as_bytes ? "bytes" : "unicode");
    return nullptr;
  }
  Py_INCREF(attr);
  return attr;
}

// start/end as the codecs' error handlers see them: clipped into the object.
static int get_start(PyObject* exc, Py_ssize_t* start, bool as_bytes) {
  PyObject* obj = get_attr(as_uerr(exc)->object, "object", as_bytes);
  if (!obj) return -1;
  Py_ssize_t size = as_bytes ? PyBytes_GET_SIZE(obj) : PyUnicode_GET_LENGTH(obj);
  Py_DECREF(obj);
  Py_ssize_t s = as_uerr(exc)->start;
  if (s < 0) s = 0;
  if (s >= size) s = size == 0 ? 0 : size - 1;
  *start = s;
  return 0;
}

static int get_end(PyObject* exc, Py_ssize_t* end, bool as_bytes) {
  PyObject* obj = get_attr(as_uerr(exc)->object, "object", as_bytes);
  if (!obj) return -1;
  Py_ssize_t size = as_bytes ? PyBytes_GET_SIZE(obj) : PyUnicode_GET_LENGTH(obj);
  Py_DECREF(obj);
  Py_ssize_t e = as_uerr(exc)->end;
  if (e < 1) e = 1;
  if (e > size) e = size;
  *end = e;
  return 0;
}

static int set_reason(PyObject* exc, const char* reason) {
  PyObject* r = PyUnicode_FromString(reason);
  if (!r) return -1;
  Py_XSETREF(as_uerr(exc)->reason, r);
  return 0;
}

}  // namespace krait::exc

using namespace krait::exc;

PyObject* PyUnicodeDecodeError_Create(const char* encoding, const char* object,
                                      Py_ssize_t length, Py_ssize_t start, Py_ssize_t end,
                                      const char* reason) {
  return PyObject_CallFunction(PyExc_UnicodeDecodeError, "sy#nns", encoding, object, length,
                               start, end, reason);
}

PyObject* _PyUnicodeTranslateError_Create(PyObject* object, Py_ssize_t start, Py_ssize_t end,
                                          const char* reason) {
  return PyObject_CallFunction(PyExc_UnicodeTranslateError, "Onns", object, start, end,
                               reason);
}

PyObject* PyUnicodeEncodeError_GetEncoding(PyObject* exc) {
  return get_attr(as_uerr(exc)->encoding, "encoding", false);
}
PyObject* PyUnicodeDecodeError_GetEncoding(PyObject* exc) {
  return get_attr(as_uerr(exc)->encoding, "encoding", false);
}
PyObject* PyUnicodeEncodeError_GetObject(PyObject* exc) {
  return get_attr(as_uerr(exc)->object, "object", false);
}
PyObject* PyUnicodeDecodeError_GetObject(PyObject* exc) {
  return get_attr(as_uerr(exc)->object, "object", true);
}
PyObject* PyUnicodeTranslateError_GetObject(PyObject* exc) {
  return get_attr(as_uerr(exc)->object, "object", false);
}
int PyUnicodeEncodeError_GetStart(PyObject* exc, Py_ssize_t* start) {
  return get_start(exc, start, false);
}
int PyUnicodeDecodeError_GetStart(PyObject* exc, Py_ssize_t* start) {
  return get_start(exc, start, true);
}
int PyUnicodeTranslateError_GetStart(PyObject* exc, Py_ssize_t* start) {
  return get_start(exc, start, false);
}
int PyUnicodeEncodeError_SetStart(PyObject* exc, Py_ssize_t start) {
  as_uerr(exc)->start = start;
  return 0;
}
int PyUnicodeDecodeError_SetStart(PyObject* exc, Py_ssize_t start) {
  as_uerr(exc)->start = start;
  return 0;
}
int PyUnicodeTranslateError_SetStart(PyObject* exc, Py_ssize_t start) {
  as_uerr(exc)->start = start;
  return 0;
}
int PyUnicodeEncodeError_GetEnd(PyObject* exc, Py_ssize_t* end) {
  return get_end(exc, end, false);
}
int PyUnicodeDecodeError_GetEnd(PyObject* exc, Py_ssize_t* end) {
  return get_end(exc, end, true);
}
int PyUnicodeTranslateError_GetEnd(PyObject* exc, Py_ssize_t* end) {
  return get_end(exc, end, false);
}
int PyUnicodeEncodeError_SetEnd(PyObject* exc, Py_ssize_t end) {
  as_uerr(exc)->end = end;
  return 0;
}
int PyUnicodeDecodeError_SetEnd(PyObject* exc, Py_ssize_t end) {
  as_uerr(exc)->end = end;
  return 0;
}
int PyUnicodeTranslateError_SetEnd(PyObject* exc, Py_ssize_t end) {
  as_uerr(exc)->end = end;
  return 0;
}
PyObject* PyUnicodeEncodeError_GetReason(PyObject* exc) {
  return get_attr(as_uerr(exc)->reason, "reason", false);
}
PyObject* PyUnicodeDecodeError_GetReason(PyObject* exc) {
  return get_attr(as_uerr(exc)->reason, "reason", false);
}
PyObject* PyUnicodeTranslateError_GetReason(PyObject* exc) {
  return get_attr(as_uerr(exc)->reason, "reason", false);
}
int PyUnicodeEncodeError_SetReason(PyObject* exc, const char* reason) {
  return set_reason(exc, reason);
}
int PyUnicodeDecodeError_SetReason(PyObject* exc, const char* reason) {
  return set_reason(exc, reason);
}
int PyUnicodeTranslateError_SetReason(PyObject* exc, const char* reason) {
  return set_reason(exc, reason);
}
