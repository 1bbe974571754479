// textio.cpp — _io.TextIOWrapper: a text stream over a buffered binary stream.
//
// Writing encodes each str (ASCII text for utf-8/latin-1/ascii is kept as
// the str itself: its bytes are the encoding) and batches the results in
// pending_bytes until _CHUNK_SIZE bytes accumulate, a flush is needed
// (line_buffering and a newline, write_through) or anything else touches
// the buffer. Reading decodes chunks through the incremental decoder
// (wrapped in an IncrementalNewlineDecoder for universal newlines) into
// decoded_chars. tell()/seek() use CPython's opaque cookie (textio_cookie.cpp).
#include <Python.h>
#include <structmember.h>

#include <cstring>

#include "modules/io/io.h"
#include "modules/io/bufferedio.h"
#include "modules/io/textio.h"
#include "runtime/config.h"

using namespace krait;

namespace krait::io {

namespace {

inline TextIO* T(PyObject* o) { return reinterpret_cast<TextIO*>(o); }

bool check_initialized(TextIO* self) {
  if (self->ok <= 0) {
    PyErr_SetString(PyExc_ValueError, "I/O operation on uninitialized object");
    return false;
  }
  return true;
}

bool check_attached(TextIO* self) {
  if (!check_initialized(self)) return false;
  if (self->detached) {
    PyErr_SetString(PyExc_ValueError, "underlying buffer has been detached");
    return false;
  }
  return true;
}

PyObject* closed_get(PyObject* op, void*);

}  // namespace

bool textio_check_closed(TextIO* self) {
  if (Py_IS_TYPE(self, &TextIOWrapper_Type)) {
    int r;
    if (self->raw) {
      r = fileio_closed(self->raw);
    } else {
      Ref<> res = steal(closed_get(reinterpret_cast<PyObject*>(self), nullptr));
      if (!res) return false;
      r = PyObject_IsTrue(res.get());
      if (r < 0) return false;
    }
    if (r > 0) {
      PyErr_SetString(PyExc_ValueError, "I/O operation on closed file.");
      return false;
    }
    return true;
  }
  return iobase_check_closed(reinterpret_cast<PyObject*>(self)) == 0;
}

bool textio_check_attached(TextIO* self) { return check_attached(self); }

void textio_set_decoded_chars(TextIO* self, PyObject* chars) {
  Py_XSETREF(self->decoded_chars, chars);
  self->decoded_chars_used = 0;
}

PyObject* textio_decode(PyObject* decoder, PyObject* bytes, int eof) {
  PyObject* chars;
  if (Py_IS_TYPE(decoder, &IncrementalNewlineDecoder_Type))
    chars = newline_decoder_decode(decoder, bytes, eof);
  else
    chars = PyObject_CallMethodObjArgs(decoder, IO_STR("decode"), bytes, eof ? Py_True : Py_False,
                                       nullptr);
  if (chars && !PyUnicode_Check(chars)) {
    PyErr_Format(PyExc_TypeError, "decoder should return a string result, not '%.200s'",
                 Py_TYPE(chars)->tp_name);
    Py_DECREF(chars);
    return nullptr;
  }
  return chars;
}

int textio_writeflush(TextIO* self) {
  if (!self->pending_bytes) return 0;
  PyObject* pending = self->pending_bytes;
  Ref<> b;
  if (PyBytes_Check(pending)) {
    b = borrow(pending);
  } else if (PyUnicode_Check(pending)) {
    // ASCII text stands for its own encoding.
    b = steal(PyBytes_FromStringAndSize(static_cast<const char*>(PyUnicode_DATA(pending)),
                                        PyUnicode_GET_LENGTH(pending)));
    if (!b) return -1;
  } else {
    b = steal(PyBytes_FromStringAndSize(nullptr, self->pending_bytes_count));
    if (!b) return -1;
    char* buf = PyBytes_AS_STRING(b.get());
    Py_ssize_t pos = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(pending); i++) {
      PyObject* obj = PyList_GET_ITEM(pending, i);
      const char* src;
      Py_ssize_t len;
      if (PyUnicode_Check(obj)) {
        src = static_cast<const char*>(PyUnicode_DATA(obj));
        len = PyUnicode_GET_LENGTH(obj);
      } else {
        src = PyBytes_AS_STRING(obj);
        len = PyBytes_GET_SIZE(obj);
      }
      memcpy(buf + pos, src, len);
      pos += len;
    }
  }
  self->pending_bytes_count = 0;
  self->pending_bytes = nullptr;
  Py_DECREF(pending);
  Ref<> ret;
  do {
    ret = steal(PyObject_CallMethodOneArg(self->buffer, IO_STR("write"), b.get()));
  } while (!ret && trap_eintr() > 0);
  return ret ? 0 : -1;
}

namespace {

// -- Construction ---------------------------------------------------------------

int validate_newline(const char* newline) {
  if (newline && newline[0] != '\0' && !(newline[0] == '\n' && newline[1] == '\0') &&
      !(newline[0] == '\r' && newline[1] == '\0') &&
      !(newline[0] == '\r' && newline[1] == '\n' && newline[2] == '\0')) {
    PyErr_Format(PyExc_ValueError, "illegal newline value: %s", newline);
    return -1;
  }
  return 0;
}

int set_newline(TextIO* self, const char* newline) {
  Py_CLEAR(self->readnl);
  self->readuniversal = newline == nullptr || newline[0] == '\0';
  self->readtranslate = newline == nullptr;
  self->writetranslate = newline == nullptr || newline[0] != '\0';
  self->writenl = nullptr;
  if (newline) {
    self->readnl = PyUnicode_FromString(newline);
    if (!self->readnl) return -1;
  }
  if (!self->readuniversal && self->readnl) {
    self->writenl = PyUnicode_AsUTF8(self->readnl);
    if (!self->writenl) return -1;
    if (strcmp(self->writenl, "\n") == 0) self->writenl = nullptr;
  }
  return 0;
}

int set_decoder(TextIO* self, PyObject* codec_info, const char* errors) {
  Ref<> res = steal(PyObject_CallMethodNoArgs(self->buffer, IO_STR("readable")));
  if (!res) return -1;
  int r = PyObject_IsTrue(res.get());
  if (r < 0) return -1;
  if (r == 1) {
    Py_XSETREF(self->decoder, _PyCodecInfo_GetIncrementalDecoder(codec_info, errors));
    if (!self->decoder) return -1;
    if (self->readuniversal) {
      PyObject* d = PyObject_CallFunctionObjArgs(
          reinterpret_cast<PyObject*>(&IncrementalNewlineDecoder_Type), self->decoder,
          self->readtranslate ? Py_True : Py_False, nullptr);
      Py_XSETREF(self->decoder, d);
      if (!d) return -1;
    }
  }
  return 0;
}

int set_encoder(TextIO* self, PyObject* codec_info, const char* errors) {
  Ref<> res = steal(PyObject_CallMethodNoArgs(self->buffer, IO_STR("writable")));
  if (!res) return -1;
  int r = PyObject_IsTrue(res.get());
  if (r < 0) return -1;
  if (r == 1) {
    Py_XSETREF(self->encoder, _PyCodecInfo_GetIncrementalEncoder(codec_info, errors));
    if (!self->encoder) return -1;
    self->encodefunc = kEncodeNone;
    PyObject* name;
    if (_PyObject_LookupAttr(codec_info, IO_STR("name"), &name) < 0) return -1;
    if (name && PyUnicode_Check(name)) {
      if (_PyUnicode_EqualToASCIIString(name, "utf-8"))
        self->encodefunc = kEncodeUTF8;
      else if (_PyUnicode_EqualToASCIIString(name, "latin-1") ||
               _PyUnicode_EqualToASCIIString(name, "iso8859-1"))
        self->encodefunc = kEncodeLatin1;
      else if (_PyUnicode_EqualToASCIIString(name, "ascii"))
        self->encodefunc = kEncodeASCII;
    }
    Py_XDECREF(name);
  }
  return 0;
}

// A fresh encoder writes a BOM; not at the start of the file it must not.
int fix_encoder_state(TextIO* self) {
  if (!self->seekable || !self->encoder) return 0;
  self->encoding_start_of_stream = 1;
  Ref<> pos = steal(PyObject_CallMethodNoArgs(self->buffer, IO_STR("tell")));
  if (!pos) return -1;
  Ref<> zero = steal(PyLong_FromLong(0));
  int cmp = PyObject_RichCompareBool(pos.get(), zero.get(), Py_EQ);
  if (cmp < 0) return -1;
  if (cmp == 0) {
    self->encoding_start_of_stream = 0;
    Ref<> res = steal(PyObject_CallMethodOneArg(self->encoder, IO_STR("setstate"), zero.get()));
    if (!res) return -1;
  }
  return 0;
}

PyObject* locale_encoding() {
  Ref<> mod = steal(PyImport_ImportModule("_locale"));
  if (mod) {
    Ref<> enc = steal(PyObject_CallMethod(mod.get(), "getencoding", nullptr));
    if (enc && PyUnicode_Check(enc.get())) return enc.release();
  }
  PyErr_Clear();
  return PyUnicode_FromString("UTF-8");
}

bool utf8_mode() {
  PyObject* flags = PySys_GetObject("flags");
  if (!flags) return false;
  Ref<> v = steal(PyObject_GetAttrString(flags, "utf8_mode"));
  if (!v) {
    PyErr_Clear();
    return false;
  }
  long m = PyLong_AsLong(v.get());
  PyErr_Clear();
  return m > 0;
}

bool str_or_none(PyObject* obj, const char* fname, const char* argname) {
  if (obj && obj != Py_None && !PyUnicode_Check(obj)) {
    PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be str or None, not %.50s", fname,
                 argname, Py_TYPE(obj)->tp_name);
    return false;
  }
  return true;
}

int textio_init(PyObject* op, PyObject* args, PyObject* kwds) {
  TextIO* self = T(op);
  static const char* kwlist[] = {"buffer",        "encoding",      "errors", "newline",
                                 "line_buffering", "write_through", nullptr};
  PyObject *buffer, *encobj = Py_None, *errors = Py_None, *nlobj = Py_None, *lbobj = nullptr,
                    *wtobj = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|OOOOO:TextIOWrapper", const_cast<char**>(kwlist),
                                   &buffer, &encobj, &errors, &nlobj, &lbobj, &wtobj))
    return -1;
  if (!str_or_none(encobj, "TextIOWrapper", "encoding")) return -1;
  if (!str_or_none(errors, "TextIOWrapper", "errors")) return -1;
  if (!str_or_none(nlobj, "TextIOWrapper", "newline")) return -1;
  int line_buffering = 0, write_through = 0;
  if (lbobj) {
    line_buffering = _PyLong_AsInt(lbobj);
    if (line_buffering == -1 && PyErr_Occurred()) return -1;
  }
  if (wtobj) {
    write_through = _PyLong_AsInt(wtobj);
    if (write_through == -1 && PyErr_Occurred()) return -1;
  }
  const char* newline = nullptr;
  if (nlobj != Py_None) {
    Py_ssize_t len;
    newline = PyUnicode_AsUTF8AndSize(nlobj, &len);
    if (!newline) return -1;
    if (strlen(newline) != static_cast<size_t>(len)) {
      PyErr_SetString(PyExc_ValueError, "embedded null character");
      return -1;
    }
  }
  // The object is unusable from here until initialization succeeds (a failed
  // re-__init__ leaves it unusable, as in CPython).
  self->ok = 0;
  self->detached = 0;
  if (errors == Py_None) {
    errors = IO_STR("strict");
  } else if (krait::g_config.dev_mode) {
    // -X dev checks the error handler now rather than at the first decode (CPython's io_check_errors).
    const char* name = PyUnicode_AsUTF8(errors);
    if (!name) return -1;
    PyObject* handler = PyCodec_LookupError(name);
    if (!handler) return -1;
    Py_DECREF(handler);
  }
  if (validate_newline(newline) < 0) return -1;
  // PEP 597: -X warn_default_encoding flags text streams opened without an encoding.
  if (encobj == Py_None && krait::g_config.warn_default_encoding &&
      PyErr_WarnEx(PyExc_EncodingWarning, "'encoding' argument not specified", 1) < 0)
    return -1;

  self->ok = 0;
  self->detached = 0;
  Py_CLEAR(self->buffer);
  Py_CLEAR(self->encoding);
  Py_CLEAR(self->encoder);
  Py_CLEAR(self->decoder);
  Py_CLEAR(self->readnl);
  Py_CLEAR(self->decoded_chars);
  Py_CLEAR(self->pending_bytes);
  Py_CLEAR(self->snapshot);
  Py_CLEAR(self->errors);
  Py_CLEAR(self->raw);
  self->decoded_chars_used = 0;
  self->pending_bytes_count = 0;
  self->encodefunc = kEncodeNone;
  self->b2cratio = 0.0;

  if (encobj == Py_None && utf8_mode()) {
    self->encoding = PyUnicode_FromString("utf-8");
  } else if (encobj == Py_None || _PyUnicode_EqualToASCIIString(encobj, "locale")) {
    self->encoding = locale_encoding();
  } else {
    self->encoding = Py_NewRef(encobj);
  }
  if (!self->encoding) return -1;
  const char* encoding = PyUnicode_AsUTF8(self->encoding);
  if (!encoding) return -1;
  // Only text encodings (not e.g. "rot13" or "hex").
  Ref<> codec_info = steal(_PyCodec_LookupTextEncoding(encoding, "codecs.open()"));
  if (!codec_info) {
    Py_CLEAR(self->encoding);
    return -1;
  }
  self->errors = Py_NewRef(errors);
  self->chunk_size = 8192;
  self->line_buffering = line_buffering ? 1 : 0;
  self->write_through = write_through ? 1 : 0;
  if (set_newline(self, newline) < 0) return -1;
  self->buffer = Py_NewRef(buffer);
  const char* c_errors = PyUnicode_AsUTF8(errors);
  if (!c_errors) return -1;
  if (set_decoder(self, codec_info.get(), c_errors) < 0) return -1;
  if (set_encoder(self, codec_info.get(), c_errors) < 0) return -1;
  if (Py_IS_TYPE(buffer, &BufferedReader_Type) || Py_IS_TYPE(buffer, &BufferedWriter_Type) ||
      Py_IS_TYPE(buffer, &BufferedRandom_Type)) {
    // Cache the FileIO under the buffer for fast `closed` checks.
    PyObject* raw = reinterpret_cast<Buffered*>(buffer)->raw;
    if (raw && Py_IS_TYPE(raw, &FileIO_Type)) self->raw = Py_NewRef(raw);
  }
  Ref<> res = steal(PyObject_CallMethodNoArgs(buffer, IO_STR("seekable")));
  if (!res) return -1;
  int r = PyObject_IsTrue(res.get());
  if (r < 0) return -1;
  self->seekable = self->telling = static_cast<char>(r);
  PyObject* read1;
  r = _PyObject_LookupAttr(buffer, IO_STR("read1"), &read1);
  if (r < 0) return -1;
  Py_XDECREF(read1);
  self->has_read1 = static_cast<char>(r);
  self->encoding_start_of_stream = 0;
  if (fix_encoder_state(self) < 0) return -1;
  self->ok = 1;
  return 0;
}

int textio_clear(PyObject* op) {
  TextIO* self = T(op);
  self->ok = 0;
  Py_CLEAR(self->buffer);
  Py_CLEAR(self->encoding);
  Py_CLEAR(self->encoder);
  Py_CLEAR(self->decoder);
  Py_CLEAR(self->readnl);
  Py_CLEAR(self->decoded_chars);
  Py_CLEAR(self->pending_bytes);
  Py_CLEAR(self->snapshot);
  Py_CLEAR(self->errors);
  Py_CLEAR(self->raw);
  Py_CLEAR(self->dict);
  return 0;
}

int textio_traverse(PyObject* op, visitproc visit, void* arg) {
  TextIO* self = T(op);
  Py_VISIT(self->buffer);
  Py_VISIT(self->encoding);
  Py_VISIT(self->encoder);
  Py_VISIT(self->decoder);
  Py_VISIT(self->readnl);
  Py_VISIT(self->decoded_chars);
  Py_VISIT(self->pending_bytes);
  Py_VISIT(self->snapshot);
  Py_VISIT(self->errors);
  Py_VISIT(self->raw);
  Py_VISIT(self->dict);
  return 0;
}

void textio_dealloc(PyObject* op) {
  TextIO* self = T(op);
  self->finalizing = 1;
  if (PyObject_CallFinalizerFromDealloc(op) < 0) return;
  self->ok = 0;
  PyObject_GC_UnTrack(op);
  if (self->weakreflist) PyObject_ClearWeakRefs(op);
  textio_clear(op);
  Py_TYPE(op)->tp_free(op);
}

// -- Writing ------------------------------------------------------------------------

PyObject* textio_write(PyObject* op, PyObject* text) {
  TextIO* self = T(op);
  if (!PyUnicode_Check(text)) {
    PyErr_Format(PyExc_TypeError, "write() argument must be str, not %.50s", Py_TYPE(text)->tp_name);
    return nullptr;
  }
  if (!check_attached(self) || !textio_check_closed(self)) return nullptr;
  if (!self->encoder) return unsupported("not writable");
  Ref<> t = borrow(text);
  Py_ssize_t textlen = PyUnicode_GET_LENGTH(text);
  bool haslf = false, needflush = false, text_needflush = false;
  if ((self->writetranslate && self->writenl) || self->line_buffering)
    haslf = PyUnicode_FindChar(text, '\n', 0, textlen, 1) != -1;
  if (haslf && self->writetranslate && self->writenl) {
    t = steal(PyObject_CallMethod(text, "replace", "ss", "\n", self->writenl));
    if (!t) return nullptr;
  }
  if (self->write_through) text_needflush = true;
  if (self->line_buffering &&
      (haslf || PyUnicode_FindChar(t.get(), '\r', 0, PyUnicode_GET_LENGTH(t.get()), 1) != -1))
    needflush = true;

  Ref<> b;
  if (self->encodefunc != kEncodeNone) {
    const char* errors = PyUnicode_AsUTF8(self->errors);
    if (!errors) return nullptr;
    if (PyUnicode_IS_ASCII(t.get()) && PyUnicode_GET_LENGTH(t.get()) <= self->chunk_size) {
      b = t;  // ASCII is its own encoding in all three
    } else if (self->encodefunc == kEncodeUTF8) {
      b = steal(_PyUnicode_AsUTF8String(t.get(), errors));
    } else if (self->encodefunc == kEncodeLatin1) {
      b = steal(_PyUnicode_AsLatin1String(t.get(), errors));
    } else {
      b = steal(_PyUnicode_AsASCIIString(t.get(), errors));
    }
    self->encoding_start_of_stream = 0;
  } else {
    b = steal(PyObject_CallMethodOneArg(self->encoder, IO_STR("encode"), t.get()));
  }
  if (!b) return nullptr;
  if (b.get() != t.get() && !PyBytes_Check(b.get())) {
    PyErr_Format(PyExc_TypeError, "encoder should return a bytes object, not '%.200s'",
                 Py_TYPE(b.get())->tp_name);
    return nullptr;
  }
  Py_ssize_t bytes_len = b.get() == t.get() ? PyUnicode_GET_LENGTH(b.get()) : PyBytes_GET_SIZE(b.get());
  // Never concatenate past chunk_size: what is pending goes out first (CPython's order).
  if (self->pending_bytes && self->pending_bytes_count + bytes_len > self->chunk_size) {
    if (textio_writeflush(self) < 0) return nullptr;
  }
  if (!self->pending_bytes) {
    self->pending_bytes_count = 0;
    self->pending_bytes = b.release();
  } else if (!PyList_CheckExact(self->pending_bytes)) {
    PyObject* list = PyList_New(2);
    if (!list) return nullptr;
    PyList_SET_ITEM(list, 0, self->pending_bytes);
    PyList_SET_ITEM(list, 1, b.release());
    self->pending_bytes = list;
  } else if (PyList_Append(self->pending_bytes, b.get()) < 0) {
    return nullptr;
  }
  self->pending_bytes_count += bytes_len;
  if (self->pending_bytes_count >= self->chunk_size || needflush || text_needflush) {
    if (textio_writeflush(self) < 0) return nullptr;
  }
  if (needflush) {
    Ref<> ret = steal(PyObject_CallMethodNoArgs(self->buffer, IO_STR("flush")));
    if (!ret) return nullptr;
  }
  textio_set_decoded_chars(self, nullptr);
  Py_CLEAR(self->snapshot);
  if (self->decoder) {
    Ref<> ret = steal(PyObject_CallMethodNoArgs(self->decoder, IO_STR("reset")));
    if (!ret) return nullptr;
  }
  return PyLong_FromSsize_t(textlen);
}

// -- Reading ------------------------------------------------------------------------

PyObject* get_decoded_chars(TextIO* self, Py_ssize_t n) {
  if (!self->decoded_chars) return PyUnicode_New(0, 0);
  Py_ssize_t avail = PyUnicode_GET_LENGTH(self->decoded_chars) - self->decoded_chars_used;
  if (n < 0 || n > avail) n = avail;
  PyObject* chars;
  if (self->decoded_chars_used > 0 || n < avail)
    chars = PyUnicode_Substring(self->decoded_chars, self->decoded_chars_used,
                                self->decoded_chars_used + n);
  else
    chars = Py_NewRef(self->decoded_chars);
  if (!chars) return nullptr;
  self->decoded_chars_used += n;
  return chars;
}

// Reads and decodes one chunk; 1 if there may be more, 0 at EOF, -1 on error.
int read_chunk(TextIO* self, Py_ssize_t size_hint) {
  if (!self->decoder) {
    unsupported("not readable");
    return -1;
  }
  Ref<> dec_buffer, dec_flags;
  if (self->telling) {
    // Snapshot a point where the decoder's input buffer is empty, for tell().
    Ref<> state = steal(PyObject_CallMethodNoArgs(self->decoder, IO_STR("getstate")));
    if (!state) return -1;
    if (!PyTuple_Check(state.get())) {
      PyErr_SetString(PyExc_TypeError, "illegal decoder state");
      return -1;
    }
    PyObject *db, *df;
    if (!PyArg_ParseTuple(state.get(), "OO;illegal decoder state", &db, &df)) return -1;
    if (!PyBytes_Check(db)) {
      PyErr_Format(PyExc_TypeError,
                   "illegal decoder state: the first item should be a bytes object, not '%.200s'",
                   Py_TYPE(db)->tp_name);
      return -1;
    }
    dec_buffer = borrow(db);
    dec_flags = borrow(df);
  }
  if (size_hint > 0) size_hint = static_cast<Py_ssize_t>((self->b2cratio > 1.0 ? self->b2cratio : 1.0) * size_hint);
  Ref<> chunk_size = steal(PyLong_FromSsize_t(self->chunk_size > size_hint ? self->chunk_size : size_hint));
  if (!chunk_size) return -1;
  Ref<> input_chunk = steal(PyObject_CallMethodOneArg(
      self->buffer, self->has_read1 ? IO_STR("read1") : IO_STR("read"), chunk_size.get()));
  if (!input_chunk) return -1;
  Py_buffer buf;
  if (PyObject_GetBuffer(input_chunk.get(), &buf, 0) != 0) {
    PyErr_Format(PyExc_TypeError,
                 "underlying %s() should have returned a bytes-like object, not '%.200s'",
                 self->has_read1 ? "read1" : "read", Py_TYPE(input_chunk.get())->tp_name);
    return -1;
  }
  Py_ssize_t nbytes = buf.len;
  PyBuffer_Release(&buf);
  int eof = nbytes == 0;
  PyObject* decoded = textio_decode(self->decoder, input_chunk.get(), eof);
  if (!decoded) return -1;
  textio_set_decoded_chars(self, decoded);
  Py_ssize_t nchars = PyUnicode_GET_LENGTH(decoded);
  self->b2cratio = nchars > 0 ? static_cast<double>(nbytes) / nchars : 0.0;
  if (nchars > 0) eof = 0;
  if (self->telling) {
    // The next input to decode from the snapshot point is dec_buffer + chunk.
    PyObject* next_input = PyBytes_FromStringAndSize(PyBytes_AS_STRING(dec_buffer.get()),
                                                     PyBytes_GET_SIZE(dec_buffer.get()));
    if (!next_input) return -1;
    Ref<> chunk_bytes = PyBytes_Check(input_chunk.get()) ? input_chunk : steal(PyBytes_FromObject(input_chunk.get()));
    if (!chunk_bytes) {
      Py_DECREF(next_input);
      return -1;
    }
    PyBytes_Concat(&next_input, chunk_bytes.get());
    if (!next_input) return -1;
    Py_XSETREF(self->snapshot, Py_BuildValue("ON", dec_flags.get(), next_input));
    if (!self->snapshot) return -1;
  }
  return eof == 0;
}

PyObject* textio_read(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  TextIO* self = T(op);
  if (!_PyArg_CheckPositional("read", nargs, 0, 1)) return nullptr;
  Py_ssize_t n = -1;
  if (nargs && !convert_optional_size(args[0], &n)) return nullptr;
  if (!check_attached(self) || !textio_check_closed(self)) return nullptr;
  if (!self->decoder) return unsupported("not readable");
  if (textio_writeflush(self) < 0) return nullptr;
  if (n < 0) {
    Ref<> bytes = steal(PyObject_CallMethodNoArgs(self->buffer, IO_STR("read")));
    if (!bytes) return nullptr;
    Ref<> decoded = steal(textio_decode(self->decoder, bytes.get(), 1));
    if (!decoded) return nullptr;
    PyObject* result = get_decoded_chars(self, -1);
    if (!result) return nullptr;
    PyUnicode_Append(&result, decoded.get());
    if (!result) return nullptr;
    textio_set_decoded_chars(self, nullptr);
    Py_CLEAR(self->snapshot);
    return result;
  }
  Ref<> result = steal(get_decoded_chars(self, n));
  if (!result) return nullptr;
  Py_ssize_t remaining = n - PyUnicode_GET_LENGTH(result.get());
  Ref<> chunks;
  while (remaining > 0) {
    int res = read_chunk(self, remaining);
    if (res < 0) {
      if (trap_eintr() > 0) continue;
      return nullptr;
    }
    if (res == 0) break;
    if (!chunks) {
      chunks = steal(PyList_New(0));
      if (!chunks) return nullptr;
    }
    if (PyUnicode_GET_LENGTH(result.get()) > 0 && PyList_Append(chunks.get(), result.get()) < 0)
      return nullptr;
    result = steal(get_decoded_chars(self, remaining));
    if (!result) return nullptr;
    remaining -= PyUnicode_GET_LENGTH(result.get());
  }
  if (chunks) {
    if (PyList_Append(chunks.get(), result.get()) < 0) return nullptr;
    Ref<> empty = steal(PyUnicode_New(0, 0));
    result = steal(PyUnicode_Join(empty.get(), chunks.get()));
  }
  return result.release();
}

PyObject* readline_impl(TextIO* self, Py_ssize_t limit) {
  if (!textio_check_closed(self)) return nullptr;
  if (textio_writeflush(self) < 0) return nullptr;
  Ref<> line, remaining, chunks;
  Py_ssize_t chunked = 0, start = 0, endpos = 0, offset_to_buffer = 0;
  for (;;) {
    int res = 1;
    while (!self->decoded_chars || !PyUnicode_GET_LENGTH(self->decoded_chars)) {
      res = read_chunk(self, 0);
      if (res < 0) {
        if (trap_eintr() > 0) continue;
        return nullptr;
      }
      if (res == 0) break;
    }
    if (res == 0) {
      // End of file.
      textio_set_decoded_chars(self, nullptr);
      Py_CLEAR(self->snapshot);
      start = endpos = offset_to_buffer = 0;
      break;
    }
    if (!remaining) {
      line = borrow(self->decoded_chars);
      start = self->decoded_chars_used;
      offset_to_buffer = 0;
    } else {
      line = steal(PyUnicode_Concat(remaining.get(), self->decoded_chars));
      start = 0;
      offset_to_buffer = PyUnicode_GET_LENGTH(remaining.get());
      remaining.reset();
      if (!line) return nullptr;
    }
    const char* ptr = static_cast<const char*>(PyUnicode_DATA(line.get()));
    Py_ssize_t line_len = PyUnicode_GET_LENGTH(line.get());
    int kind = PyUnicode_KIND(line.get());
    Py_ssize_t consumed = 0;
    endpos = find_line_ending(self->readtranslate, self->readuniversal, self->readnl, kind,
                              ptr + kind * start, ptr + kind * line_len, &consumed);
    if (endpos >= 0) {
      endpos += start;
      if (limit >= 0 && (endpos - start) + chunked >= limit) endpos = start + limit - chunked;
      break;
    }
    // Everything up to endpos can be put aside.
    endpos = consumed + start;
    if (limit >= 0 && (endpos - start) + chunked >= limit) {
      endpos = start + limit - chunked;  // no line ending, but the limit is reached
      break;
    }
    if (endpos > start) {
      if (!chunks) {
        chunks = steal(PyList_New(0));
        if (!chunks) return nullptr;
      }
      Ref<> s = steal(PyUnicode_Substring(line.get(), start, endpos));
      if (!s || PyList_Append(chunks.get(), s.get()) < 0) return nullptr;
      chunked += PyUnicode_GET_LENGTH(s.get());
    }
    // A partial line ending stays for the next chunk.
    if (endpos < line_len) {
      remaining = steal(PyUnicode_Substring(line.get(), endpos, line_len));
      if (!remaining) return nullptr;
    }
    line.reset();
    textio_set_decoded_chars(self, nullptr);
  }
  if (line) {
    self->decoded_chars_used = endpos - offset_to_buffer;
    if (start > 0 || endpos < PyUnicode_GET_LENGTH(line.get())) {
      line = steal(PyUnicode_Substring(line.get(), start, endpos));
      if (!line) return nullptr;
    }
  }
  if (remaining) {
    if (!chunks) {
      chunks = steal(PyList_New(0));
      if (!chunks) return nullptr;
    }
    if (PyList_Append(chunks.get(), remaining.get()) < 0) return nullptr;
  }
  if (chunks) {
    if (line && PyList_Append(chunks.get(), line.get()) < 0) return nullptr;
    Ref<> empty = steal(PyUnicode_New(0, 0));
    line = steal(PyUnicode_Join(empty.get(), chunks.get()));
    if (!line) return nullptr;
  }
  if (!line) return PyUnicode_New(0, 0);
  return line.release();
}

PyObject* textio_readline(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  TextIO* self = T(op);
  if (!_PyArg_CheckPositional("readline", nargs, 0, 1)) return nullptr;
  Py_ssize_t size = -1;
  if (nargs) {
    size = PyNumber_AsSsize_t(args[0], PyExc_OverflowError);
    if (size == -1 && PyErr_Occurred()) return nullptr;
  }
  if (!check_attached(self)) return nullptr;
  return readline_impl(self, size);
}

PyObject* textio_iternext(PyObject* op) {
  TextIO* self = T(op);
  if (!check_attached(self)) return nullptr;
  self->telling = 0;
  Ref<> line;
  if (Py_IS_TYPE(op, &TextIOWrapper_Type)) {
    line = steal(readline_impl(self, -1));
  } else {
    line = steal(PyObject_CallMethodNoArgs(op, IO_STR("readline")));
    if (line && !PyUnicode_Check(line.get())) {
      PyErr_Format(PyExc_OSError, "readline() should have returned a str object, not '%.200s'",
                   Py_TYPE(line.get())->tp_name);
      return nullptr;
    }
  }
  if (!line) return nullptr;
  if (PyUnicode_GET_LENGTH(line.get()) == 0) {
    // EOF (or would block): telling works again.
    Py_CLEAR(self->snapshot);
    self->telling = self->seekable;
    return nullptr;
  }
  return line.release();
}

// -- Other methods ---------------------------------------------------------------------

PyObject* textio_flush(PyObject* op, PyObject*) {
  TextIO* self = T(op);
  if (!check_attached(self) || !textio_check_closed(self)) return nullptr;
  self->telling = self->seekable;
  if (textio_writeflush(self) < 0) return nullptr;
  return PyObject_CallMethodNoArgs(self->buffer, IO_STR("flush"));
}

PyObject* textio_close(PyObject* op, PyObject*) {
  TextIO* self = T(op);
  if (!check_attached(self)) return nullptr;
  Ref<> closed = steal(closed_get(op, nullptr));
  if (!closed) return nullptr;
  int r = PyObject_IsTrue(closed.get());
  if (r < 0) return nullptr;
  if (r > 0) Py_RETURN_NONE;
  if (self->finalizing) {
    PyObject* res = PyObject_CallMethodOneArg(self->buffer, IO_STR("_dealloc_warn"), op);
    if (res)
      Py_DECREF(res);
    else
      PyErr_Clear();
  }
  PyObject *t = nullptr, *v = nullptr, *tb = nullptr;
  PyObject* res = PyObject_CallMethodNoArgs(op, IO_STR("flush"));
  if (!res)
    PyErr_Fetch(&t, &v, &tb);
  else
    Py_DECREF(res);
  res = PyObject_CallMethodNoArgs(self->buffer, IO_STR("close"));
  if (t) {
    _PyErr_ChainExceptions(t, v, tb);
    Py_CLEAR(res);
  }
  return res;
}

PyObject* textio_detach(PyObject* op, PyObject*) {
  TextIO* self = T(op);
  if (!check_attached(self)) return nullptr;
  Ref<> res = steal(PyObject_CallMethodNoArgs(op, IO_STR("flush")));
  if (!res) return nullptr;
  PyObject* buffer = self->buffer;
  self->buffer = nullptr;
  self->detached = 1;
  return buffer;
}

PyObject* forward(PyObject* op, PyObject* name) {
  if (!check_attached(T(op))) return nullptr;
  return PyObject_CallMethodNoArgs(T(op)->buffer, name);
}

PyObject* textio_fileno(PyObject* op, PyObject*) { return forward(op, IO_STR("fileno")); }
PyObject* textio_seekable(PyObject* op, PyObject*) { return forward(op, IO_STR("seekable")); }
PyObject* textio_readable(PyObject* op, PyObject*) { return forward(op, IO_STR("readable")); }
PyObject* textio_writable(PyObject* op, PyObject*) { return forward(op, IO_STR("writable")); }
PyObject* textio_isatty(PyObject* op, PyObject*) { return forward(op, IO_STR("isatty")); }

PyObject* textio_truncate(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  TextIO* self = T(op);
  if (!_PyArg_CheckPositional("truncate", nargs, 0, 1)) return nullptr;
  if (!check_attached(self)) return nullptr;
  Ref<> res = steal(PyObject_CallMethodNoArgs(op, IO_STR("flush")));
  if (!res) return nullptr;
  return PyObject_CallMethodOneArg(self->buffer, IO_STR("truncate"), nargs ? args[0] : Py_None);
}

int optional_bool(PyObject* obj, int dflt) {
  if (!obj || obj == Py_None) return dflt;
  return PyObject_IsTrue(obj);
}

int change_encoding(TextIO* self, PyObject* encoding, PyObject* errors, bool newline_changed) {
  if (encoding == Py_None && errors == Py_None && !newline_changed) return 0;
  Ref<> enc;
  if (encoding == Py_None) {
    enc = borrow(self->encoding);
    if (errors == Py_None) errors = self->errors;
  } else {
    if (_PyUnicode_EqualToASCIIString(encoding, "locale"))
      enc = steal(locale_encoding());
    else
      enc = borrow(encoding);
    if (!enc) return -1;
    if (errors == Py_None) errors = IO_STR("strict");
  }
  const char* c_errors = PyUnicode_AsUTF8(errors);
  const char* c_encoding = PyUnicode_AsUTF8(enc.get());
  if (!c_errors || !c_encoding) return -1;
  Ref<> codec_info = steal(_PyCodec_LookupTextEncoding(c_encoding, "codecs.open()"));
  if (!codec_info) return -1;
  if (set_decoder(self, codec_info.get(), c_errors) < 0 || set_encoder(self, codec_info.get(), c_errors) < 0)
    return -1;
  Py_SETREF(self->encoding, enc.release());
  Py_SETREF(self->errors, Py_NewRef(errors));
  return fix_encoder_state(self);
}

PyObject* textio_reconfigure(PyObject* op, PyObject* args, PyObject* kwds) {
  TextIO* self = T(op);
  static const char* kwlist[] = {"encoding", "errors", "newline", "line_buffering", "write_through",
                                 nullptr};
  PyObject *encoding = Py_None, *errors = Py_None, *newline_obj = nullptr, *lb = Py_None,
           *wt = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|$OOOOO:reconfigure", const_cast<char**>(kwlist),
                                   &encoding, &errors, &newline_obj, &lb, &wt))
    return nullptr;
  if (!str_or_none(encoding, "reconfigure", "encoding") || !str_or_none(errors, "reconfigure", "errors"))
    return nullptr;
  if (self->decoded_chars && (encoding != Py_None || errors != Py_None || newline_obj)) {
    return unsupported("It is not possible to set the encoding or newline of stream after the first read");
  }
  const char* newline = nullptr;
  if (newline_obj && newline_obj != Py_None) {
    if (!PyUnicode_Check(newline_obj)) {
      PyErr_Format(PyExc_TypeError, "reconfigure() argument 'newline' must be str or None, not %.50s",
                   Py_TYPE(newline_obj)->tp_name);
      return nullptr;
    }
    newline = PyUnicode_AsUTF8(newline_obj);
    if (!newline || validate_newline(newline) < 0) return nullptr;
  }
  int line_buffering = optional_bool(lb, self->line_buffering);
  int write_through = optional_bool(wt, self->write_through);
  if (line_buffering < 0 || write_through < 0) return nullptr;
  Ref<> res = steal(PyObject_CallMethodNoArgs(op, IO_STR("flush")));
  if (!res) return nullptr;
  self->b2cratio = 0;
  if (newline_obj && set_newline(self, newline) < 0) return nullptr;
  if (change_encoding(self, encoding, errors, newline_obj != nullptr) < 0) return nullptr;
  self->line_buffering = static_cast<char>(line_buffering);
  self->write_through = static_cast<char>(write_through);
  Py_RETURN_NONE;
}

PyObject* textio_repr(PyObject* op) {
  TextIO* self = T(op);
  if (!check_initialized(self)) return nullptr;
  int status = Py_ReprEnter(op);
  if (status != 0) {
    if (status > 0)
      PyErr_Format(PyExc_RuntimeError, "reentrant call inside %s.__repr__", Py_TYPE(op)->tp_name);
    return nullptr;
  }
  struct Leave {
    PyObject* o;
    ~Leave() { Py_ReprLeave(o); }
  } leave{op};
  Ref<> res = steal(PyUnicode_FromFormat("<%s", Py_TYPE(op)->tp_name));
  if (!res) return nullptr;
  PyObject* obj;
  if (_PyObject_LookupAttr(op, IO_STR("name"), &obj) < 0) {
    if (!PyErr_ExceptionMatches(PyExc_ValueError)) return nullptr;
    PyErr_Clear();  // detached
  }
  if (obj) {
    PyObject* r = res.release();
    PyUnicode_AppendAndDel(&r, PyUnicode_FromFormat(" name=%R", obj));
    Py_DECREF(obj);
    res = steal(r);
    if (!res) return nullptr;
  }
  if (_PyObject_LookupAttr(op, IO_STR("mode"), &obj) < 0) return nullptr;
  if (obj) {
    PyObject* r = res.release();
    PyUnicode_AppendAndDel(&r, PyUnicode_FromFormat(" mode=%R", obj));
    Py_DECREF(obj);
    res = steal(r);
    if (!res) return nullptr;
  }
  return PyUnicode_FromFormat("%U encoding=%R>", res.get(), self->encoding);
}

// -- Attributes ---------------------------------------------------------------------------

PyObject* closed_get(PyObject* op, void*) {
  if (!check_attached(T(op))) return nullptr;
  return PyObject_GetAttr(T(op)->buffer, IO_STR("closed"));
}

PyObject* name_get(PyObject* op, void*) {
  if (!check_attached(T(op))) return nullptr;
  return PyObject_GetAttr(T(op)->buffer, IO_STR("name"));
}

PyObject* newlines_get(PyObject* op, void*) {
  if (!check_attached(T(op))) return nullptr;
  if (!T(op)->decoder) Py_RETURN_NONE;
  PyObject* res;
  if (_PyObject_LookupAttr(T(op)->decoder, IO_STR("newlines"), &res) == 0) Py_RETURN_NONE;
  return res;
}

PyObject* errors_get(PyObject* op, void*) {
  if (!check_initialized(T(op))) return nullptr;
  return Py_NewRef(T(op)->errors);
}

PyObject* chunk_size_get(PyObject* op, void*) {
  if (!check_attached(T(op))) return nullptr;
  return PyLong_FromSsize_t(T(op)->chunk_size);
}

int chunk_size_set(PyObject* op, PyObject* arg, void*) {
  if (!check_attached(T(op))) return -1;
  if (!arg) {
    PyErr_SetString(PyExc_AttributeError, "cannot delete attribute");
    return -1;
  }
  Py_ssize_t n = PyNumber_AsSsize_t(arg, PyExc_ValueError);
  if (n == -1 && PyErr_Occurred()) return -1;
  if (n <= 0) {
    PyErr_SetString(PyExc_ValueError, "a strictly positive integer is required");
    return -1;
  }
  T(op)->chunk_size = n;
  return 0;
}

#define FASTCALL(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef textio_methods[] = {
    {"detach", textio_detach, METH_NOARGS, nullptr},
    {"reconfigure", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(textio_reconfigure)),
     METH_VARARGS | METH_KEYWORDS, nullptr},
    {"write", textio_write, METH_O, nullptr},
    {"read", FASTCALL(textio_read), METH_FASTCALL, nullptr},
    {"readline", FASTCALL(textio_readline), METH_FASTCALL, nullptr},
    {"flush", textio_flush, METH_NOARGS, nullptr},
    {"close", textio_close, METH_NOARGS, nullptr},
    {"fileno", textio_fileno, METH_NOARGS, nullptr},
    {"seekable", textio_seekable, METH_NOARGS, nullptr},
    {"readable", textio_readable, METH_NOARGS, nullptr},
    {"writable", textio_writable, METH_NOARGS, nullptr},
    {"isatty", textio_isatty, METH_NOARGS, nullptr},
    {"seek", FASTCALL(textio_seek), METH_FASTCALL, nullptr},
    {"tell", textio_tell, METH_NOARGS, nullptr},
    {"truncate", FASTCALL(textio_truncate), METH_FASTCALL, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef textio_members[] = {
    {"encoding", T_OBJECT, offsetof(TextIO, encoding), READONLY, nullptr},
    {"buffer", T_OBJECT, offsetof(TextIO, buffer), READONLY, nullptr},
    {"line_buffering", T_BOOL, offsetof(TextIO, line_buffering), READONLY, nullptr},
    {"write_through", T_BOOL, offsetof(TextIO, write_through), READONLY, nullptr},
    {"_finalizing", T_BOOL, offsetof(TextIO, finalizing), 0, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef textio_getset[] = {
    {"name", name_get, nullptr, nullptr, nullptr},
    {"closed", closed_get, nullptr, nullptr, nullptr},
    {"newlines", newlines_get, nullptr, nullptr, nullptr},
    {"errors", errors_get, nullptr, nullptr, nullptr},
    {"_CHUNK_SIZE", chunk_size_get, chunk_size_set, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

PyTypeObject TextIOWrapper_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "_io.TextIOWrapper",
    .tp_basicsize = sizeof(TextIO),
    .tp_dealloc = textio_dealloc,
    .tp_repr = textio_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Character and line based layer over a BufferedIOBase object, buffer.",
    .tp_traverse = textio_traverse,
    .tp_clear = textio_clear,
    .tp_weaklistoffset = offsetof(TextIO, weakreflist),
    .tp_iternext = textio_iternext,
    .tp_methods = textio_methods,
    .tp_members = textio_members,
    .tp_getset = textio_getset,
    .tp_base = &TextIOBase_Type,
    .tp_dictoffset = offsetof(TextIO, dict),
    .tp_init = textio_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
};

}  // namespace krait::io
