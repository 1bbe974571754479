// textio_cookie.cpp — TextIOWrapper.tell() and seek().
//
// A position is an opaque int, the same as CPython's: the little-endian
// bytes of {start_pos: 8, dec_flags: 4, bytes_to_feed: 4, chars_to_skip: 4,
// need_eof: 1} as an unsigned number. start_pos is a byte offset where the
// decoder had nothing buffered (state dec_flags); seek() goes there, feeds
// bytes_to_feed bytes (plus EOF when need_eof) and skips chars_to_skip chars.
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <cstring>

#include "modules/io/io.h"
#include "modules/io/textio.h"

using namespace krait;

namespace krait::io {

namespace {

struct Cookie {
  long long start_pos = 0;
  int dec_flags = 0;
  int bytes_to_feed = 0;
  int chars_to_skip = 0;
  char need_eof = 0;
};

constexpr size_t kCookieLen = sizeof(long long) + 3 * sizeof(int) + 1;

PyObject* build_cookie(const Cookie& c) {
  unsigned char buf[kCookieLen];
  memcpy(buf, &c.start_pos, 8);
  memcpy(buf + 8, &c.dec_flags, 4);
  memcpy(buf + 12, &c.bytes_to_feed, 4);
  memcpy(buf + 16, &c.chars_to_skip, 4);
  buf[20] = static_cast<unsigned char>(c.need_eof);
  return _PyLong_FromByteArray(buf, kCookieLen, 1, 0);
}

int parse_cookie(Cookie* c, PyObject* obj) {
  Ref<> n = steal(PyNumber_Long(obj));
  if (!n) return -1;
  unsigned char buf[kCookieLen];
  if (_PyLong_AsByteArray(reinterpret_cast<PyLongObject*>(n.get()), buf, kCookieLen, 1, 0) < 0)
    return -1;
  memcpy(&c->start_pos, buf, 8);
  memcpy(&c->dec_flags, buf + 8, 4);
  memcpy(&c->bytes_to_feed, buf + 12, 4);
  memcpy(&c->chars_to_skip, buf + 16, 4);
  c->need_eof = static_cast<char>(buf[20]);
  return 0;
}

int decoder_setstate(TextIO* self, const Cookie& c) {
  // At the start, reset() rather than setstate(): some decoders (utf-16)
  // start in a state other than (b"", 0), expecting a BOM.
  Ref<> res;
  if (c.start_pos == 0 && c.dec_flags == 0)
    res = steal(PyObject_CallMethodNoArgs(self->decoder, IO_STR("reset")));
  else
    res = steal(PyObject_CallMethod(self->decoder, "setstate", "((yi))", "", c.dec_flags));
  return res ? 0 : -1;
}

int encoder_reset(TextIO* self, bool start_of_stream) {
  Ref<> res;
  if (start_of_stream) {
    res = steal(PyObject_CallMethodNoArgs(self->encoder, IO_STR("reset")));
    self->encoding_start_of_stream = 1;
  } else {
    Ref<> zero = steal(PyLong_FromLong(0));
    res = steal(PyObject_CallMethodOneArg(self->encoder, IO_STR("setstate"), zero.get()));
    self->encoding_start_of_stream = 0;
  }
  return res ? 0 : -1;
}

// The decoder's (buffered byte count, flags); false on error.
bool decoder_getstate(TextIO* self, Py_ssize_t* buffer_len, int* flags) {
  Ref<> state = steal(PyObject_CallMethodNoArgs(self->decoder, IO_STR("getstate")));
  if (!state) return false;
  if (!PyTuple_Check(state.get())) {
    PyErr_SetString(PyExc_TypeError, "illegal decoder state");
    return false;
  }
  PyObject* dec_buffer;
  if (!PyArg_ParseTuple(state.get(), "Oi;illegal decoder state", &dec_buffer, flags)) return false;
  if (!PyBytes_Check(dec_buffer)) {
    PyErr_Format(PyExc_TypeError,
                 "illegal decoder state: the first item should be a bytes object, not '%.200s'",
                 Py_TYPE(dec_buffer)->tp_name);
    return false;
  }
  *buffer_len = PyBytes_GET_SIZE(dec_buffer);
  return true;
}

// Number of characters decoding [start, start+len) gives; -1 on error.
Py_ssize_t decoder_decode(TextIO* self, const char* start, Py_ssize_t len) {
  Ref<> decoded = steal(PyObject_CallMethod(self->decoder, "decode", "y#", start, len));
  if (!decoded) return -1;
  if (!PyUnicode_Check(decoded.get())) {
    PyErr_Format(PyExc_TypeError, "decoder should return a string result, not '%.200s'",
                 Py_TYPE(decoded.get())->tp_name);
    return -1;
  }
  return PyUnicode_GET_LENGTH(decoded.get());
}

// The search part of tell(), with the decoder state saved around it.
PyObject* tell_search(TextIO* self, Cookie cookie, PyObject* next_input) {
  Py_ssize_t chars_to_skip = self->decoded_chars_used;
  Py_ssize_t dec_buffer_len;
  int dec_flags;
  // Fast search for a start point close to the current position.
  Py_ssize_t skip_bytes = static_cast<Py_ssize_t>(self->b2cratio * chars_to_skip);
  Py_ssize_t skip_back = 1;
  const char* input = PyBytes_AS_STRING(next_input);
  while (skip_bytes > 0) {
    if (decoder_setstate(self, cookie) < 0) return nullptr;
    Py_ssize_t chars_decoded = decoder_decode(self, input, skip_bytes);
    if (chars_decoded < 0) return nullptr;
    if (chars_decoded <= chars_to_skip) {
      if (!decoder_getstate(self, &dec_buffer_len, &dec_flags)) return nullptr;
      if (dec_buffer_len == 0) {
        // Before the position with nothing buffered: a safe start.
        cookie.dec_flags = dec_flags;
        chars_to_skip -= chars_decoded;
        break;
      }
      skip_bytes -= dec_buffer_len;
      skip_back = 1;
    } else {
      // Too far: back off, faster each time.
      skip_bytes -= skip_back;
      skip_back *= 2;
    }
  }
  if (skip_bytes <= 0) {
    skip_bytes = 0;
    if (decoder_setstate(self, cookie) < 0) return nullptr;
  }
  cookie.start_pos += skip_bytes;
  cookie.chars_to_skip = static_cast<int>(chars_to_skip);
  if (chars_to_skip == 0) return build_cookie(cookie);

  // Feed one byte at a time until chars_to_skip is reached, remembering
  // the last point where the decoder had nothing buffered.
  Py_ssize_t chars_decoded = 0;
  const char* end = PyBytes_AS_STRING(next_input) + PyBytes_GET_SIZE(next_input);
  input = PyBytes_AS_STRING(next_input) + skip_bytes;
  while (input < end) {
    Py_ssize_t n = decoder_decode(self, input, 1);
    if (n < 0) return nullptr;
    chars_decoded += n;
    cookie.bytes_to_feed += 1;
    if (!decoder_getstate(self, &dec_buffer_len, &dec_flags)) return nullptr;
    if (dec_buffer_len == 0 && chars_decoded <= chars_to_skip) {
      cookie.start_pos += cookie.bytes_to_feed;
      chars_to_skip -= chars_decoded;
      cookie.dec_flags = dec_flags;
      cookie.bytes_to_feed = 0;
      chars_decoded = 0;
    }
    if (chars_decoded >= chars_to_skip) break;
    input++;
  }
  if (input == end) {
    // Not enough: signal EOF to get the rest.
    Ref<> decoded = steal(PyObject_CallMethod(self->decoder, "decode", "yO", "", Py_True));
    if (!decoded) return nullptr;
    if (!PyUnicode_Check(decoded.get())) {
      PyErr_Format(PyExc_TypeError, "decoder should return a string result, not '%.200s'",
                   Py_TYPE(decoded.get())->tp_name);
      return nullptr;
    }
    chars_decoded += PyUnicode_GET_LENGTH(decoded.get());
    cookie.need_eof = 1;
    if (chars_decoded < chars_to_skip) {
      PyErr_SetString(PyExc_OSError, "can't reconstruct logical file position");
      return nullptr;
    }
  }
  cookie.chars_to_skip = static_cast<int>(chars_to_skip);
  return build_cookie(cookie);
}

}  // namespace

PyObject* textio_tell(PyObject* op, PyObject*) {
  TextIO* self = reinterpret_cast<TextIO*>(op);
  if (!textio_check_attached(self) || !textio_check_closed(self)) return nullptr;
  if (!self->seekable) return unsupported("underlying stream is not seekable");
  if (!self->telling) {
    PyErr_SetString(PyExc_OSError, "telling position disabled by next() call");
    return nullptr;
  }
  if (textio_writeflush(self) < 0) return nullptr;
  Ref<> res = steal(PyObject_CallMethodNoArgs(op, IO_STR("flush")));
  if (!res) return nullptr;
  Ref<> posobj = steal(PyObject_CallMethodNoArgs(self->buffer, IO_STR("tell")));
  if (!posobj) return nullptr;
  if (!self->decoder || !self->snapshot) return posobj.release();
  Cookie cookie;
  cookie.start_pos = PyLong_AsLongLong(posobj.get());
  if (PyErr_Occurred()) return nullptr;
  PyObject* next_input;
  if (!PyArg_ParseTuple(self->snapshot, "iO", &cookie.dec_flags, &next_input)) return nullptr;
  cookie.start_pos -= PyBytes_GET_SIZE(next_input);
  if (self->decoded_chars_used == 0) return build_cookie(cookie);  // still at the snapshot

  Ref<> saved_state = steal(PyObject_CallMethodNoArgs(self->decoder, IO_STR("getstate")));
  if (!saved_state) return nullptr;
  Ref<> keep_input = borrow(next_input);
  PyObject* result = tell_search(self, cookie, next_input);
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  Ref<> r = steal(PyObject_CallMethodOneArg(self->decoder, IO_STR("setstate"), saved_state.get()));
  if (t) {
    _PyErr_ChainExceptions(t, v, tb);
    Py_XDECREF(result);
    return nullptr;
  }
  if (!r) {
    Py_XDECREF(result);
    return nullptr;
  }
  return result;
}

PyObject* textio_seek(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  TextIO* self = reinterpret_cast<TextIO*>(op);
  if (!_PyArg_CheckPositional("seek", nargs, 1, 2)) return nullptr;
  int whence = 0;
  if (nargs == 2) {
    whence = _PyLong_AsInt(args[1]);
    if (whence == -1 && PyErr_Occurred()) return nullptr;
  }
  if (!textio_check_attached(self) || !textio_check_closed(self)) return nullptr;
  Ref<> cookie_obj = borrow(args[0]);
  if (!self->seekable) return unsupported("underlying stream is not seekable");
  Ref<> zero = steal(PyLong_FromLong(0));
  int cmp;
  switch (whence) {
    case SEEK_CUR:
      cmp = PyObject_RichCompareBool(cookie_obj.get(), zero.get(), Py_EQ);
      if (cmp < 0) return nullptr;
      if (cmp == 0) return unsupported("can't do nonzero cur-relative seeks");
      // seek(0, 1) syncs the buffer with the current position.
      cookie_obj = steal(PyObject_CallMethodNoArgs(op, IO_STR("tell")));
      if (!cookie_obj) return nullptr;
      break;
    case SEEK_END: {
      cmp = PyObject_RichCompareBool(cookie_obj.get(), zero.get(), Py_EQ);
      if (cmp < 0) return nullptr;
      if (cmp == 0) return unsupported("can't do nonzero end-relative seeks");
      Ref<> res = steal(PyObject_CallMethodNoArgs(op, IO_STR("flush")));
      if (!res) return nullptr;
      textio_set_decoded_chars(self, nullptr);
      Py_CLEAR(self->snapshot);
      if (self->decoder) {
        res = steal(PyObject_CallMethodNoArgs(self->decoder, IO_STR("reset")));
        if (!res) return nullptr;
      }
      res = steal(PyObject_CallMethod(self->buffer, "seek", "ii", 0, 2));
      if (!res) return nullptr;
      if (self->encoder) {
        cmp = PyObject_RichCompareBool(res.get(), zero.get(), Py_EQ);
        if (cmp < 0 || encoder_reset(self, cmp) < 0) return nullptr;
      }
      return res.release();
    }
    case SEEK_SET:
      break;
    default:
      PyErr_Format(PyExc_ValueError, "invalid whence (%d, should be %d, %d or %d)", whence, SEEK_SET,
                   SEEK_CUR, SEEK_END);
      return nullptr;
  }
  cmp = PyObject_RichCompareBool(cookie_obj.get(), zero.get(), Py_LT);
  if (cmp < 0) return nullptr;
  if (cmp == 1) {
    PyErr_Format(PyExc_ValueError, "negative seek position %R", cookie_obj.get());
    return nullptr;
  }
  Ref<> res = steal(PyObject_CallMethodNoArgs(op, IO_STR("flush")));
  if (!res) return nullptr;
  // Go back to the safe start point and replay read(chars_to_skip).
  Cookie cookie;
  if (parse_cookie(&cookie, cookie_obj.get()) < 0) return nullptr;
  Ref<> posobj = steal(PyLong_FromLongLong(cookie.start_pos));
  if (!posobj) return nullptr;
  res = steal(PyObject_CallMethodOneArg(self->buffer, IO_STR("seek"), posobj.get()));
  if (!res) return nullptr;
  textio_set_decoded_chars(self, nullptr);
  Py_CLEAR(self->snapshot);
  if (self->decoder && decoder_setstate(self, cookie) < 0) return nullptr;
  if (cookie.chars_to_skip) {
    Ref<> input_chunk = steal(PyObject_CallMethod(self->buffer, "read", "i", cookie.bytes_to_feed));
    if (!input_chunk) return nullptr;
    if (!PyBytes_Check(input_chunk.get())) {
      PyErr_Format(PyExc_TypeError,
                   "underlying read() should have returned a bytes object, not '%.200s'",
                   Py_TYPE(input_chunk.get())->tp_name);
      return nullptr;
    }
    Py_XSETREF(self->snapshot, Py_BuildValue("iO", cookie.dec_flags, input_chunk.get()));
    if (!self->snapshot) return nullptr;
    PyObject* decoded = PyObject_CallMethodObjArgs(self->decoder, IO_STR("decode"), input_chunk.get(),
                                                   cookie.need_eof ? Py_True : Py_False, nullptr);
    if (!decoded) return nullptr;
    if (!PyUnicode_Check(decoded)) {
      PyErr_Format(PyExc_TypeError, "decoder should return a string result, not '%.200s'",
                   Py_TYPE(decoded)->tp_name);
      Py_DECREF(decoded);
      return nullptr;
    }
    textio_set_decoded_chars(self, decoded);
    if (PyUnicode_GET_LENGTH(self->decoded_chars) < cookie.chars_to_skip) {
      PyErr_SetString(PyExc_OSError, "can't restore logical file position");
      return nullptr;
    }
    self->decoded_chars_used = cookie.chars_to_skip;
  } else {
    Py_XSETREF(self->snapshot, Py_BuildValue("iy", cookie.dec_flags, ""));
    if (!self->snapshot) return nullptr;
  }
  // Reset the encoder (for BOM handling).
  if (self->encoder && encoder_reset(self, cookie.start_pos == 0 && cookie.dec_flags == 0) < 0)
    return nullptr;
  return cookie_obj.release();
}

}  // namespace krait::io
