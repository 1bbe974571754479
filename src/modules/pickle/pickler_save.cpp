// pickler_save.cpp — the `_pickle` Pickler's serializer: the output buffer
// with protocol-4 framing, the memo opcodes, and one save routine per kind
// of object (atoms, str/bytes, containers, globals, __reduce__ results).
//
// The bytes written are those of CPython 3.11's _pickle for the same input:
// the same opcode choices, batching (1000 items per APPENDS/SETITEMS), memo
// numbering and frame boundaries. Pickler.dump() and the module's
// dump()/dumps() all end in pickler_dump().
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <cstring>

#include "modules/pickle/pickle_internal.h"
#include "support/ref.h"

namespace krait::pickle {
namespace {

constexpr int kFastNestingLimit = 50;

int save(PicklerObject* self, PyObject* obj, int pers_save);

// ------------------------------------------------------------ output buffer

// Appends raw bytes, opening a new frame (header reserved, filled in on
// commit) when framing is on and no frame is open.
int write_raw(PicklerObject* self, const char* data, Py_ssize_t n) {
  std::string& out = *self->output;
  if (self->framing && self->frame_start == -1) {
    self->frame_start = Py_ssize_t(out.size());
    out.append(size_t(kFrameHeaderSize), '\0');
  }
  out.append(data, size_t(n));
  return 0;
}
int write_op(PicklerObject* self, unsigned char op) {
  char c = char(op);
  return write_raw(self, &c, 1);
}
void put_le(char* dst, uint64_t v, int n) {
  for (int i = 0; i < n; i++) dst[i] = char((v >> (8 * i)) & 0xff);
}

// Closes the open frame: fills in its FRAME header, or drops the reserved
// header when the frame is too small to be worth one.
int commit_frame(PicklerObject* self) {
  if (!self->framing || self->frame_start == -1) return 0;
  std::string& out = *self->output;
  Py_ssize_t start = self->frame_start;
  Py_ssize_t frame_len = Py_ssize_t(out.size()) - start - kFrameHeaderSize;
  if (frame_len >= kFrameSizeMin) {
    out[size_t(start)] = char(FRAME);
    put_le(&out[size_t(start) + 1], uint64_t(frame_len), 8);
  } else {
    out.erase(size_t(start), size_t(kFrameHeaderSize));
  }
  self->frame_start = -1;
  return 0;
}

// After each top-level save: large enough frames are committed and, when
// writing to a file, flushed so memory stays bounded.
int opcode_boundary(PicklerObject* self) {
  if (!self->framing || self->frame_start == -1) return 0;
  Py_ssize_t frame_len = Py_ssize_t(self->output->size()) - self->frame_start - kFrameHeaderSize;
  if (frame_len >= kFrameSizeTarget) {
    commit_frame(self);
    if (self->write != nullptr) {
      if (pickler_flush_to_file(self) < 0) return -1;
    }
  }
  return 0;
}

// A header followed by a payload; payloads of a frame's size or more go
// outside any frame (and straight to the file when there is one).
int write_bytes(PicklerObject* self, const char* header, Py_ssize_t header_size,
                const char* data, Py_ssize_t data_size, PyObject* payload) {
  bool bypass = data_size >= kFrameSizeTarget;
  int framing = self->framing;
  if (bypass) {
    commit_frame(self);
    self->framing = 0;
  }
  write_raw(self, header, header_size);
  if (bypass && self->write != nullptr) {
    if (pickler_flush_to_file(self) < 0) {
      self->framing = framing;
      return -1;
    }
    Ref<PyObject> mem;
    if (payload == nullptr) {
      mem = steal(PyBytes_FromStringAndSize(data, data_size));
      if (!mem) return -1;
      payload = mem.get();
    }
    Ref<PyObject> r = steal(PyObject_CallOneArg(self->write, payload));
    if (!r) {
      self->framing = framing;
      return -1;
    }
  } else {
    write_raw(self, data, data_size);
  }
  self->framing = framing;
  return 0;
}

// ------------------------------------------------------------------- memo

bool memo_has(PicklerObject* self, PyObject* obj) {
  return self->memo->find(obj) != self->memo->end();
}

int memo_put(PicklerObject* self, PyObject* obj) {
  if (self->fast) return 0;
  Py_ssize_t idx = Py_ssize_t(self->memo->size());
  auto [it, inserted] = self->memo->emplace(obj, idx);
  if (inserted) Py_INCREF(obj);
  else it->second = idx;
  if (self->proto >= 4) return write_op(self, MEMOIZE);
  if (self->bin) {
    char buf[5];
    if (idx < 256) {
      buf[0] = char(BINPUT);
      buf[1] = char(idx);
      return write_raw(self, buf, 2);
    }
    buf[0] = char(LONG_BINPUT);
    put_le(buf + 1, uint64_t(idx), 4);
    return write_raw(self, buf, 5);
  }
  char buf[32];
  int n = snprintf(buf, sizeof buf, "p%zd\n", idx);
  return write_raw(self, buf, n);
}

int memo_get(PicklerObject* self, PyObject* obj) {
  Py_ssize_t idx = self->memo->at(obj);
  if (!self->bin) {
    char buf[32];
    int n = snprintf(buf, sizeof buf, "g%zd\n", idx);
    return write_raw(self, buf, n);
  }
  char buf[5];
  if (idx < 256) {
    buf[0] = char(BINGET);
    buf[1] = char(idx);
    return write_raw(self, buf, 2);
  }
  if (uint64_t(idx) <= 0xffffffffu) {
    buf[0] = char(LONG_BINGET);
    put_le(buf + 1, uint64_t(idx), 4);
    return write_raw(self, buf, 5);
  }
  PyErr_SetString(g_state.PicklingError, "memo id too large for LONG_BINGET");
  return -1;
}

// fast mode keeps no memo; past a nesting depth it tracks the containers
// being saved so a cycle is reported instead of recursing forever.
bool fast_save_enter(PicklerObject* self, PyObject* obj) {
  if (self->fast_nesting++ >= kFastNestingLimit) {
    if (self->fast_memo == nullptr) {
      self->fast_memo = PyDict_New();
      if (self->fast_memo == nullptr) return false;
    }
    Ref<PyObject> key = steal(PyLong_FromVoidPtr(obj));
    if (!key) return false;
    int r = PyDict_Contains(self->fast_memo, key.get());
    if (r < 0) return false;
    if (r > 0) {
      PyErr_Format(PyExc_ValueError,
                   "fast mode: can't pickle cyclic objects including object type %.200s at %p",
                   Py_TYPE(obj)->tp_name, obj);
      self->fast_nesting = -1;
      return false;
    }
    if (PyDict_SetItem(self->fast_memo, key.get(), Py_None) < 0) return false;
  }
  return true;
}

bool fast_save_leave(PicklerObject* self, PyObject* obj) {
  if (self->fast_nesting-- >= kFastNestingLimit) {
    Ref<PyObject> key = steal(PyLong_FromVoidPtr(obj));
    if (!key) return false;
    if (PyDict_DelItem(self->fast_memo, key.get()) < 0) return false;
  }
  return true;
}

// ------------------------------------------------------------------ atoms

int save_long(PicklerObject* self, PyObject* obj) {
  int overflow = 0;
  long val = PyLong_AsLongAndOverflow(obj, &overflow);
  if (val == -1 && PyErr_Occurred()) return -1;
  if (!overflow && val <= 0x7fffffffL && val >= -0x7fffffffL - 1) {
    if (self->bin) {
      char buf[5];
      if (val >= 0 && val <= 0xff) {
        buf[0] = char(BININT1);
        buf[1] = char(val);
        return write_raw(self, buf, 2);
      }
      if (val >= 0 && val <= 0xffff) {
        buf[0] = char(BININT2);
        put_le(buf + 1, uint64_t(val), 2);
        return write_raw(self, buf, 3);
      }
      buf[0] = char(BININT);
      put_le(buf + 1, uint64_t(uint32_t(int32_t(val))), 4);
      return write_raw(self, buf, 5);
    }
    char buf[32];
    int n = snprintf(buf, sizeof buf, "I%ld\n", val);
    return write_raw(self, buf, n);
  }
  if (self->proto >= 2) {
    size_t nbits = _PyLong_NumBits(obj);
    if (nbits == size_t(-1) && PyErr_Occurred()) return -1;
    size_t nbytes = (nbits >> 3) + 1;
    if (nbytes > 0x7fffffffu) {
      PyErr_SetString(PyExc_OverflowError, "int too large to pickle");
      return -1;
    }
    std::string data(nbytes, '\0');
    if (_PyLong_AsByteArray(reinterpret_cast<PyLongObject*>(obj),
                            reinterpret_cast<unsigned char*>(data.data()), nbytes, 1, 1) < 0)
      return -1;
    // A negative number may carry one redundant sign byte.
    if (_PyLong_Sign(obj) < 0 && nbytes > 1 && (unsigned char)data[nbytes - 1] == 0xff &&
        ((unsigned char)data[nbytes - 2] & 0x80) != 0)
      nbytes--;
    char header[5];
    Py_ssize_t hlen;
    if (nbytes < 256) {
      header[0] = char(LONG1);
      header[1] = char(nbytes);
      hlen = 2;
    } else {
      header[0] = char(LONG4);
      put_le(header + 1, nbytes, 4);
      hlen = 5;
    }
    write_raw(self, header, hlen);
    return write_raw(self, data.data(), Py_ssize_t(nbytes));
  }
  Ref<PyObject> repr = steal(PyObject_Repr(obj));
  if (!repr) return -1;
  Py_ssize_t n;
  const char* s = PyUnicode_AsUTF8AndSize(repr.get(), &n);
  if (s == nullptr) return -1;
  write_op(self, LONG);
  write_raw(self, s, n);
  return write_raw(self, "L\n", 2);
}

int save_float(PicklerObject* self, PyObject* obj) {
  double x = PyFloat_AS_DOUBLE(obj);
  if (self->bin) {
    char buf[9];
    buf[0] = char(BINFLOAT);
    if (PyFloat_Pack8(x, buf + 1, 0) < 0) return -1;
    return write_raw(self, buf, 9);
  }
  char* s = PyOS_double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0, nullptr);
  if (s == nullptr) {
    PyErr_NoMemory();
    return -1;
  }
  write_op(self, FLOAT);
  write_raw(self, s, Py_ssize_t(strlen(s)));
  PyMem_Free(s);
  return write_raw(self, "\n", 1);
}

int save_reduce(PicklerObject* self, PyObject* args, PyObject* obj);

int save_bytes_data(PicklerObject* self, PyObject* obj, const char* data, Py_ssize_t size) {
  char header[9];
  Py_ssize_t len;
  if (size <= 0xff) {
    header[0] = char(SHORT_BINBYTES);
    header[1] = char(size);
    len = 2;
  } else if (uint64_t(size) <= 0xffffffffu) {
    header[0] = char(BINBYTES);
    put_le(header + 1, uint64_t(size), 4);
    len = 5;
  } else if (self->proto >= 4) {
    header[0] = char(BINBYTES8);
    put_le(header + 1, uint64_t(size), 8);
    len = 9;
  } else {
    PyErr_SetString(g_state.PicklingError, "cannot serialize a bytes object larger than 4 GiB");
    return -1;
  }
  if (write_bytes(self, header, len, data, size, obj) < 0) return -1;
  return memo_put(self, obj);
}

int save_bytes(PicklerObject* self, PyObject* obj) {
  if (self->proto < 3) {
    // No bytes opcode before protocol 3: go through the copy protocol.
    Ref<PyObject> reduce_value;
    if (PyBytes_GET_SIZE(obj) == 0) {
      reduce_value = steal(Py_BuildValue("(O())", (PyObject*)&PyBytes_Type));
    } else {
      Ref<PyObject> text = steal(
          PyUnicode_DecodeLatin1(PyBytes_AS_STRING(obj), PyBytes_GET_SIZE(obj), nullptr));
      if (!text) return -1;
      // One shared "latin1" object, so later bytes reuse its memo entry.
      static PyObject* latin1 = PyUnicode_InternFromString("latin1");
      if (latin1 == nullptr) return -1;
      reduce_value = steal(Py_BuildValue("(O(OO))", g_state.codecs_encode, text.get(), latin1));
    }
    if (!reduce_value) return -1;
    return save_reduce(self, reduce_value.get(), obj);
  }
  return save_bytes_data(self, obj, PyBytes_AS_STRING(obj), PyBytes_GET_SIZE(obj));
}

int save_bytearray_data(PicklerObject* self, PyObject* obj, const char* data, Py_ssize_t size) {
  char header[9];
  header[0] = char(BYTEARRAY8);
  put_le(header + 1, uint64_t(size), 8);
  if (write_bytes(self, header, 9, data, size, nullptr) < 0) return -1;
  return memo_put(self, obj);
}

int save_bytearray(PicklerObject* self, PyObject* obj) {
  if (self->proto < 5) {
    Ref<PyObject> reduce_value;
    if (PyByteArray_GET_SIZE(obj) == 0)
      reduce_value = steal(Py_BuildValue("(O())", (PyObject*)&PyByteArray_Type));
    else
      reduce_value = steal(Py_BuildValue("(O(y#))", (PyObject*)&PyByteArray_Type,
                                         PyByteArray_AS_STRING(obj), PyByteArray_GET_SIZE(obj)));
    if (!reduce_value) return -1;
    return save_reduce(self, reduce_value.get(), obj);
  }
  return save_bytearray_data(self, obj, PyByteArray_AS_STRING(obj), PyByteArray_GET_SIZE(obj));
}

int save_picklebuffer(PicklerObject* self, PyObject* obj) {
  if (self->proto < 5) {
    PyErr_SetString(g_state.PicklingError, "PickleBuffer can only pickled with protocol >= 5");
    return -1;
  }
  const Py_buffer* view = PyPickleBuffer_GetBuffer(obj);
  if (view == nullptr) return -1;
  if (view->suboffsets != nullptr || !PyBuffer_IsContiguous(view, 'A')) {
    PyErr_SetString(g_state.PicklingError,
                    "PickleBuffer can not be pickled when pointing to a non-contiguous buffer");
    return -1;
  }
  int in_band = 1;
  if (self->buffer_callback != nullptr) {
    Ref<PyObject> ret = steal(PyObject_CallOneArg(self->buffer_callback, obj));
    if (!ret) return -1;
    in_band = PyObject_IsTrue(ret.get());
    if (in_band < 0) return -1;
  }
  if (in_band) {
    if (view->readonly)
      return save_bytes_data(self, obj, static_cast<const char*>(view->buf), view->len);
    return save_bytearray_data(self, obj, static_cast<const char*>(view->buf), view->len);
  }
  if (write_op(self, NEXT_BUFFER) < 0) return -1;
  if (view->readonly) return write_op(self, READONLY_BUFFER);
  return 0;
}

// Protocol 0's UNICODE argument: latin-1 with \uXXXX / \UXXXXXXXX escapes
// for what cannot sit on a text line.
std::string raw_unicode_escape(PyObject* obj) {
  std::string out;
  Py_ssize_t n = PyUnicode_GET_LENGTH(obj);
  int kind = PyUnicode_KIND(obj);
  const void* data = PyUnicode_DATA(obj);
  static const char hex[] = "0123456789abcdef";
  out.reserve(size_t(n));
  for (Py_ssize_t i = 0; i < n; i++) {
    Py_UCS4 ch = PyUnicode_READ(kind, data, i);
    if (ch >= 0x10000) {
      out += "\\U";
      for (int s = 28; s >= 0; s -= 4) out += hex[(ch >> s) & 0xf];
    } else if (ch >= 256 || ch == '\\' || ch == 0 || ch == '\n' || ch == '\r' || ch == 0x1a) {
      out += "\\u";
      for (int s = 12; s >= 0; s -= 4) out += hex[(ch >> s) & 0xf];
    } else {
      out += char(ch);
    }
  }
  return out;
}

int save_unicode(PicklerObject* self, PyObject* obj) {
  if (self->bin) {
    Ref<PyObject> encoded = steal(PyUnicode_AsEncodedString(obj, "utf-8", "surrogatepass"));
    if (!encoded) return -1;
    Py_ssize_t size = PyBytes_GET_SIZE(encoded.get());
    char header[9];
    Py_ssize_t len;
    if (size <= 0xff && self->proto >= 4) {
      header[0] = char(SHORT_BINUNICODE);
      header[1] = char(size);
      len = 2;
    } else if (uint64_t(size) <= 0xffffffffu) {
      header[0] = char(BINUNICODE);
      put_le(header + 1, uint64_t(size), 4);
      len = 5;
    } else if (self->proto >= 4) {
      header[0] = char(BINUNICODE8);
      put_le(header + 1, uint64_t(size), 8);
      len = 9;
    } else {
      PyErr_SetString(g_state.PicklingError, "cannot serialize a string larger than 4GiB");
      return -1;
    }
    if (write_bytes(self, header, len, PyBytes_AS_STRING(encoded.get()), size, encoded.get()) < 0)
      return -1;
  } else {
    std::string s = raw_unicode_escape(obj);
    write_op(self, UNICODE);
    write_raw(self, s.data(), Py_ssize_t(s.size()));
    write_raw(self, "\n", 1);
  }
  return memo_put(self, obj);
}

// --------------------------------------------------------------- containers

int store_tuple_elements(PicklerObject* self, PyObject* t, Py_ssize_t len) {
  for (Py_ssize_t i = 0; i < len; i++) {
    PyObject* el = PyTuple_GET_ITEM(t, i);
    if (el == nullptr) return -1;
    if (save(self, el, 0) < 0) return -1;
  }
  return 0;
}

int save_tuple(PicklerObject* self, PyObject* obj) {
  Py_ssize_t len = PyTuple_GET_SIZE(obj);
  if (len == 0) {
    if (self->proto) return write_op(self, EMPTY_TUPLE);
    return write_raw(self, "(t", 2);
  }
  static const unsigned char len2op[] = {EMPTY_TUPLE, TUPLE1, TUPLE2, TUPLE3};
  if (len <= 3 && self->proto >= 2) {
    if (store_tuple_elements(self, obj, len) < 0) return -1;
    if (memo_has(self, obj)) {
      // Recursive tuple: drop the elements and fetch it from the memo.
      for (Py_ssize_t i = 0; i < len; i++) write_op(self, POP);
      return memo_get(self, obj);
    }
    write_op(self, len2op[len]);
    return memo_put(self, obj);
  }
  write_op(self, MARK);
  if (store_tuple_elements(self, obj, len) < 0) return -1;
  if (memo_has(self, obj)) {
    if (self->bin) {
      write_op(self, POP_MARK);
    } else {
      for (Py_ssize_t i = 0; i <= len; i++) write_op(self, POP);
    }
    return memo_get(self, obj);
  }
  write_op(self, TUPLE);
  return memo_put(self, obj);
}

// Items of an iterator: APPEND one by one (protocol 0) or APPENDS batches.
int batch_list(PicklerObject* self, PyObject* iter) {
  if (self->proto == 0) {
    for (;;) {
      Ref<PyObject> item = steal(PyIter_Next(iter));
      if (!item) return PyErr_Occurred() ? -1 : 0;
      if (save(self, item.get(), 0) < 0) return -1;
      write_op(self, APPEND);
    }
  }
  Py_ssize_t n;
  do {
    Ref<PyObject> first = steal(PyIter_Next(iter));
    if (!first) return PyErr_Occurred() ? -1 : 0;
    Ref<PyObject> item = steal(PyIter_Next(iter));
    if (!item) {
      if (PyErr_Occurred()) return -1;
      if (save(self, first.get(), 0) < 0) return -1;
      write_op(self, APPEND);
      return 0;
    }
    write_op(self, MARK);
    if (save(self, first.get(), 0) < 0) return -1;
    n = 1;
    while (item) {
      if (save(self, item.get(), 0) < 0) return -1;
      if (++n == kBatchSize) break;
      item = steal(PyIter_Next(iter));
      if (!item && PyErr_Occurred()) return -1;
    }
    write_op(self, APPENDS);
  } while (n == kBatchSize);
  return 0;
}

int batch_list_exact(PicklerObject* self, PyObject* obj) {
  if (PyList_GET_SIZE(obj) == 1) {
    Ref<PyObject> item = borrow(PyList_GET_ITEM(obj, 0));
    if (save(self, item.get(), 0) < 0) return -1;
    return write_op(self, APPEND);
  }
  Py_ssize_t total = 0;
  do {
    Py_ssize_t this_batch = 0;
    write_op(self, MARK);
    while (total < PyList_GET_SIZE(obj)) {
      Ref<PyObject> item = borrow(PyList_GET_ITEM(obj, total));
      if (save(self, item.get(), 0) < 0) return -1;
      total++;
      if (++this_batch == kBatchSize) break;
    }
    write_op(self, APPENDS);
  } while (total < PyList_GET_SIZE(obj));
  return 0;
}

int save_list(PicklerObject* self, PyObject* obj) {
  if (self->fast && !fast_save_enter(self, obj)) return -1;
  int status = 0;
  if (self->bin) write_op(self, EMPTY_LIST);
  else write_raw(self, "(l", 2);
  if (memo_put(self, obj) < 0) status = -1;
  if (status == 0 && PyList_GET_SIZE(obj) != 0) {
    if (PyList_CheckExact(obj) && self->proto > 0) {
      status = batch_list_exact(self, obj);
    } else {
      Ref<PyObject> iter = steal(PyObject_GetIter(obj));
      if (!iter) status = -1;
      else status = batch_list(self, iter.get());
    }
  }
  if (self->fast && !fast_save_leave(self, obj)) status = -1;
  return status;
}

// (key, value) pairs of an iterator: SETITEM each (protocol 0) or SETITEMS batches.
int unpack_pair(PyObject* item, PyObject** k, PyObject** v) {
  if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2) {
    PyErr_SetString(PyExc_TypeError, "dict items iterator must return 2-tuples");
    return -1;
  }
  *k = PyTuple_GET_ITEM(item, 0);
  *v = PyTuple_GET_ITEM(item, 1);
  return 0;
}

int batch_dict(PicklerObject* self, PyObject* iter) {
  PyObject *k, *v;
  if (self->proto == 0) {
    for (;;) {
      Ref<PyObject> item = steal(PyIter_Next(iter));
      if (!item) return PyErr_Occurred() ? -1 : 0;
      if (unpack_pair(item.get(), &k, &v) < 0) return -1;
      if (save(self, k, 0) < 0 || save(self, v, 0) < 0) return -1;
      write_op(self, SETITEM);
    }
  }
  Py_ssize_t n;
  do {
    Ref<PyObject> first = steal(PyIter_Next(iter));
    if (!first) return PyErr_Occurred() ? -1 : 0;
    if (unpack_pair(first.get(), &k, &v) < 0) return -1;
    Ref<PyObject> item = steal(PyIter_Next(iter));
    if (!item) {
      if (PyErr_Occurred()) return -1;
      if (save(self, k, 0) < 0 || save(self, v, 0) < 0) return -1;
      write_op(self, SETITEM);
      return 0;
    }
    write_op(self, MARK);
    if (save(self, k, 0) < 0 || save(self, v, 0) < 0) return -1;
    n = 1;
    while (item) {
      if (unpack_pair(item.get(), &k, &v) < 0) return -1;
      if (save(self, k, 0) < 0 || save(self, v, 0) < 0) return -1;
      if (++n == kBatchSize) break;
      item = steal(PyIter_Next(iter));
      if (!item && PyErr_Occurred()) return -1;
    }
    write_op(self, SETITEMS);
  } while (n == kBatchSize);
  return 0;
}

int batch_dict_exact(PicklerObject* self, PyObject* obj) {
  Py_ssize_t dict_size = PyDict_GET_SIZE(obj);
  Py_ssize_t pos = 0;
  PyObject *key, *value;
  if (dict_size == 1) {
    PyDict_Next(obj, &pos, &key, &value);
    Ref<PyObject> k = borrow(key), v = borrow(value);
    if (save(self, k.get(), 0) < 0 || save(self, v.get(), 0) < 0) return -1;
    return write_op(self, SETITEM);
  }
  Py_ssize_t i;
  do {
    i = 0;
    write_op(self, MARK);
    while (PyDict_Next(obj, &pos, &key, &value)) {
      Ref<PyObject> k = borrow(key), v = borrow(value);
      if (save(self, k.get(), 0) < 0 || save(self, v.get(), 0) < 0) return -1;
      if (++i == kBatchSize) break;
    }
    write_op(self, SETITEMS);
    if (PyDict_GET_SIZE(obj) != dict_size) {
      PyErr_SetString(PyExc_RuntimeError, "dictionary changed size during iteration");
      return -1;
    }
  } while (i == kBatchSize);
  return 0;
}

int save_dict(PicklerObject* self, PyObject* obj) {
  if (self->fast && !fast_save_enter(self, obj)) return -1;
  int status = 0;
  if (self->bin) write_op(self, EMPTY_DICT);
  else write_raw(self, "(d", 2);
  if (memo_put(self, obj) < 0) status = -1;
  if (status == 0 && PyDict_GET_SIZE(obj) != 0) {
    if (PyDict_CheckExact(obj) && self->proto > 0) {
      status = batch_dict_exact(self, obj);
    } else {
      Ref<PyObject> items = steal(PyObject_CallMethod(obj, "items", nullptr));
      Ref<PyObject> iter = items ? steal(PyObject_GetIter(items.get())) : Ref<PyObject>();
      status = iter ? batch_dict(self, iter.get()) : -1;
    }
  }
  if (self->fast && !fast_save_leave(self, obj)) status = -1;
  return status;
}

int save_set(PicklerObject* self, PyObject* obj) {
  if (self->proto < 4) {
    Ref<PyObject> items = steal(PySequence_List(obj));
    if (!items) return -1;
    Ref<PyObject> reduce_value = steal(Py_BuildValue("(O(O))", (PyObject*)Py_TYPE(obj), items.get()));
    if (!reduce_value) return -1;
    return save_reduce(self, reduce_value.get(), obj);
  }
  write_op(self, EMPTY_SET);
  if (memo_put(self, obj) < 0) return -1;
  Py_ssize_t set_size = PySet_GET_SIZE(obj);
  if (set_size == 0) return 0;
  Ref<PyObject> iter = steal(PyObject_GetIter(obj));
  if (!iter) return -1;
  Py_ssize_t i;
  do {
    i = 0;
    write_op(self, MARK);
    for (;;) {
      Ref<PyObject> item = steal(PyIter_Next(iter.get()));
      if (!item) {
        if (PyErr_Occurred()) return -1;
        break;
      }
      if (save(self, item.get(), 0) < 0) return -1;
      if (++i == kBatchSize) break;
    }
    write_op(self, ADDITEMS);
    if (PySet_GET_SIZE(obj) != set_size) {
      PyErr_SetString(PyExc_RuntimeError, "set changed size during iteration");
      return -1;
    }
  } while (i == kBatchSize);
  return 0;
}

int save_frozenset(PicklerObject* self, PyObject* obj) {
  if (self->fast && !fast_save_enter(self, obj)) return -1;
  int status = 0;
  if (self->proto < 4) {
    Ref<PyObject> items = steal(PySequence_List(obj));
    Ref<PyObject> reduce_value =
        items ? steal(Py_BuildValue("(O(O))", (PyObject*)Py_TYPE(obj), items.get())) : Ref<PyObject>();
    status = reduce_value ? save_reduce(self, reduce_value.get(), obj) : -1;
  } else {
    write_op(self, MARK);
    Ref<PyObject> iter = steal(PyObject_GetIter(obj));
    if (!iter) status = -1;
    while (status == 0) {
      Ref<PyObject> item = steal(PyIter_Next(iter.get()));
      if (!item) {
        if (PyErr_Occurred()) status = -1;
        break;
      }
      if (save(self, item.get(), 0) < 0) status = -1;
    }
    if (status == 0) {
      if (memo_has(self, obj)) {
        write_op(self, POP_MARK);
        status = memo_get(self, obj);
      } else {
        write_op(self, FROZENSET);
        status = memo_put(self, obj);
      }
    }
  }
  if (self->fast && !fast_save_leave(self, obj)) status = -1;
  return status;
}

}  // namespace

// Hooks the other save file provides.
int save_global(PicklerObject* self, PyObject* obj, PyObject* name);
int save_reduce_impl(PicklerObject* self, PyObject* args, PyObject* obj);
int save_pers(PicklerObject* self, PyObject* obj);
int save_type(PicklerObject* self, PyObject* obj);

namespace {
int save_reduce(PicklerObject* self, PyObject* args, PyObject* obj) {
  return save_reduce_impl(self, args, obj);
}
}  // namespace

// Shared with pickler_reduce.cpp.
int pickler_write_op(PicklerObject* self, unsigned char op) { return write_op(self, op); }
int pickler_write_raw(PicklerObject* self, const char* data, Py_ssize_t n) {
  return write_raw(self, data, n);
}
bool pickler_memo_has(PicklerObject* self, PyObject* obj) { return memo_has(self, obj); }
int pickler_memo_put(PicklerObject* self, PyObject* obj) { return memo_put(self, obj); }
int pickler_memo_get(PicklerObject* self, PyObject* obj) { return memo_get(self, obj); }
int pickler_batch_list(PicklerObject* self, PyObject* iter) { return batch_list(self, iter); }
int pickler_batch_dict(PicklerObject* self, PyObject* iter) { return batch_dict(self, iter); }
int pickler_save(PicklerObject* self, PyObject* obj, int pers_save) {
  return save(self, obj, pers_save);
}

namespace {

// Dispatches one object: persistent ids, atoms, the memo, built-in
// containers, reducer_override, then dispatch tables and __reduce_ex__.
int save(PicklerObject* self, PyObject* obj, int pers_save) {
  if (Py_EnterRecursiveCall(" while pickling an object")) return -1;
  int status = -1;
  Ref<PyObject> reduce_func, reduce_value;
  PyTypeObject* type = Py_TYPE(obj);
  if (!pers_save && self->pers_func != nullptr) {
    status = save_pers(self, obj);
    if (status != 0) {
      if (status > 0) status = 0;
      goto done;
    }
    status = -1;
  }
  if (obj == Py_None) {
    status = write_op(self, NONE);
    goto done;
  }
  if (obj == Py_False || obj == Py_True) {
    if (self->proto >= 2) status = write_op(self, obj == Py_True ? NEWTRUE : NEWFALSE);
    else status = write_raw(self, obj == Py_True ? "I01\n" : "I00\n", 4);
    goto done;
  }
  if (type == &PyLong_Type) {
    status = save_long(self, obj);
    goto done;
  }
  if (type == &PyFloat_Type) {
    status = save_float(self, obj);
    goto done;
  }
  if (memo_has(self, obj)) {
    status = memo_get(self, obj);
    goto done;
  }
  if (type == &PyBytes_Type) {
    status = save_bytes(self, obj);
    goto done;
  }
  if (type == &PyUnicode_Type) {
    status = save_unicode(self, obj);
    goto done;
  }
  // reducer_override is consulted for everything but the atoms above.
  if (self->reducer_override != nullptr) {
    reduce_value = steal(PyObject_CallOneArg(self->reducer_override, obj));
    if (!reduce_value) goto done;
    if (reduce_value.get() != Py_NotImplemented) goto reduce;
    reduce_value = Ref<PyObject>();
  }
  if (type == &PyDict_Type) {
    status = save_dict(self, obj);
    goto done;
  }
  if (type == &PySet_Type) {
    status = save_set(self, obj);
    goto done;
  }
  if (type == &PyFrozenSet_Type) {
    status = save_frozenset(self, obj);
    goto done;
  }
  if (type == &PyList_Type) {
    status = save_list(self, obj);
    goto done;
  }
  if (type == &PyTuple_Type) {
    status = save_tuple(self, obj);
    goto done;
  }
  if (type == &PyByteArray_Type) {
    status = save_bytearray(self, obj);
    goto done;
  }
  if (type == &PyPickleBuffer_Type) {
    status = save_picklebuffer(self, obj);
    goto done;
  }
  if (type == &PyType_Type) {
    status = save_type(self, obj);
    goto done;
  }
  if (type == &PyFunction_Type) {
    status = save_global(self, obj, nullptr);
    goto done;
  }
  // A reduction callable from the dispatch table, else __reduce_ex__.
  if (self->dispatch_table == nullptr) {
    PyObject* f = PyDict_GetItemWithError(g_state.dispatch_table, (PyObject*)type);
    if (f == nullptr && PyErr_Occurred()) goto done;
    reduce_func = Ref<PyObject>::borrow(f);
  } else {
    reduce_func = steal(PyObject_GetItem(self->dispatch_table, (PyObject*)type));
    if (!reduce_func) {
      if (!PyErr_ExceptionMatches(PyExc_KeyError)) goto done;
      PyErr_Clear();
    }
  }
  if (reduce_func) {
    reduce_value = steal(PyObject_CallOneArg(reduce_func.get(), obj));
  } else if (PyType_IsSubtype(type, &PyType_Type)) {
    status = save_global(self, obj, nullptr);
    goto done;
  } else {
    PyObject* f = nullptr;
    if (lookup_attr(obj, "__reduce_ex__", &f) < 0)
      goto done;
    reduce_func = steal(f);
    if (reduce_func) {
      Ref<PyObject> proto = steal(PyLong_FromLong(self->proto));
      if (proto) reduce_value = steal(PyObject_CallOneArg(reduce_func.get(), proto.get()));
    } else {
      if (lookup_attr(obj, "__reduce__", &f) < 0) goto done;
      reduce_func = steal(f);
      if (reduce_func) {
        reduce_value = steal(PyObject_CallNoArgs(reduce_func.get()));
      } else {
        PyErr_Format(g_state.PicklingError, "can't pickle '%.200s' object: %R", type->tp_name, obj);
        goto done;
      }
    }
  }
  if (!reduce_value) goto done;
reduce:
  if (PyUnicode_Check(reduce_value.get())) {
    status = save_global(self, obj, reduce_value.get());
    goto done;
  }
  if (!PyTuple_Check(reduce_value.get())) {
    PyErr_SetString(g_state.PicklingError, "__reduce__ must return a string or tuple");
    goto done;
  }
  status = save_reduce(self, reduce_value.get(), obj);
done:
  Py_LeaveRecursiveCall();
  if (status == 0) status = opcode_boundary(self);
  return status;
}

}  // namespace

int pickler_dump(PicklerObject* self, PyObject* obj) {
  PyObject* ro = nullptr;
  if (lookup_attr((PyObject*)self, "reducer_override", &ro) < 0) return -1;
  Py_XSETREF(self->reducer_override, ro);
  int status = -1;
  if (self->proto >= 2) {
    char header[2] = {char(PROTO), char(self->proto)};
    write_raw(self, header, 2);
    if (self->proto >= 4) self->framing = 1;
  }
  if (save(self, obj, 0) == 0 && write_op(self, STOP) == 0 && commit_frame(self) == 0) status = 0;
  self->framing = 0;
  // The bound method would keep the pickler (and its memo) alive in a cycle.
  Py_CLEAR(self->reducer_override);
  return status;
}

int pickler_flush_to_file(PicklerObject* self) {
  Ref<PyObject> out = steal(pickler_output_bytes(self));
  if (!out) return -1;
  Ref<PyObject> r = steal(PyObject_CallOneArg(self->write, out.get()));
  return r ? 0 : -1;
}

PyObject* pickler_output_bytes(PicklerObject* self) {
  PyObject* b = PyBytes_FromStringAndSize(self->output->data(), Py_ssize_t(self->output->size()));
  self->output->clear();
  self->frame_start = -1;
  return b;
}

}  // namespace krait::pickle
