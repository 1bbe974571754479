// bufferedio.cpp — _io.BufferedReader, BufferedWriter and BufferedRandom: one
// buffered object with reader and writer halves over a raw stream.
//
// Buffer bookkeeping as in CPython (positions are offsets in `buffer`):
//   pos        the logical position;
//   read_end   end of valid read-ahead data (-1: no read buffer);
//   write_pos/write_end  the dirty range waiting for flush (write_end -1: none);
//   raw_pos    where the raw stream is, relative to the buffer start;
//   abs_pos    the raw stream's absolute position when known (-1 otherwise).
// Each object has a lock; re-entering from the same thread (e.g. from a
// signal handler or __del__) raises "reentrant call inside ..." like CPython.
#include <Python.h>
#include <structmember.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "modules/io/io.h"
#include "modules/io/bufferedio.h"

using namespace krait;

namespace krait::io {

namespace {

using Off = long long;

inline Buffered* Bf(PyObject* o) { return reinterpret_cast<Buffered*>(o); }

// -- Helpers and macros of CPython's bufferedio.c, as functions -----------------

bool valid_read_buffer(Buffered* s) { return s->readable && s->read_end != -1; }
bool valid_write_buffer(Buffered* s) { return s->writable && s->write_end != -1; }
void adjust_position(Buffered* s, Off new_pos) {
  s->pos = new_pos;
  if (valid_read_buffer(s) && s->read_end < s->pos) s->read_end = s->pos;
}
Off readahead(Buffered* s) { return (s->readable && valid_read_buffer(s)) ? s->read_end - s->pos : 0; }
Off raw_offset(Buffered* s) {
  return ((valid_read_buffer(s) || valid_write_buffer(s)) && s->raw_pos >= 0) ? s->raw_pos - s->pos : 0;
}
Off minus_last_block(Buffered* s, Off size) {
  return s->buffer_mask ? (size & ~s->buffer_mask) : (s->buffer_size * (size / s->buffer_size));
}
void reader_reset_buf(Buffered* s) { s->read_end = -1; }
void writer_reset_buf(Buffered* s) {
  s->write_pos = 0;
  s->write_end = -1;
}

bool check_initialized(Buffered* s) {
  if (s->ok <= 0) {
    if (s->detached)
      PyErr_SetString(PyExc_ValueError, "raw stream has been detached");
    else
      PyErr_SetString(PyExc_ValueError, "I/O operation on uninitialized object");
    return false;
  }
  return true;
}

// raw.closed as a truth value; -1 on error.
int buffered_closed(Buffered* s) {
  if (!check_initialized(s)) return -1;
  Ref<> res = steal(PyObject_GetAttr(s->raw, IO_STR("closed")));
  if (!res) return -1;
  return PyObject_IsTrue(res.get());
}

int is_closed(Buffered* s) {
  if (!s->buffer) return 1;
  if (s->fast_closed_checks) return fileio_closed(s->raw);
  return buffered_closed(s);
}

// CHECK_CLOSED: closed and nothing left to read -> ValueError(msg).
bool check_closed(Buffered* s, const char* msg) {
  int c = is_closed(s);
  if (c < 0) return false;
  if (c && readahead(s) == 0) {
    PyErr_SetString(PyExc_ValueError, msg);
    return false;
  }
  return true;
}

bool enter_buffered(Buffered* s) {
  if (PyThread_acquire_lock(s->lock, 0)) {
    s->owner = PyThread_get_thread_ident();
    return true;
  }
  if (s->owner == PyThread_get_thread_ident()) {
    PyErr_Format(PyExc_RuntimeError, "reentrant call inside %R", reinterpret_cast<PyObject*>(s));
    return false;
  }
  // At shutdown a daemon thread may have been stopped while it held the lock:
  // wait one second, then fail the way CPython does instead of hanging.
  bool finalizing = _Py_IsFinalizing();
  PyLockStatus st;
  Py_BEGIN_ALLOW_THREADS
  st = finalizing ? PyThread_acquire_lock_timed(s->lock, 1000000, 0) : PyThread_acquire_lock_timed(s->lock, -1, 0);
  Py_END_ALLOW_THREADS
  if (finalizing && st != PY_LOCK_ACQUIRED) {
    PyObject* ascii = PyObject_ASCII(reinterpret_cast<PyObject*>(s));
    _Py_FatalErrorFormat("_enter_buffered_busy",
                         "could not acquire lock for %s at interpreter shutdown, possibly due to daemon threads",
                         ascii ? PyUnicode_AsUTF8(ascii) : "<ascii(self) failed>");
  }
  s->owner = PyThread_get_thread_ident();
  return true;
}

void leave_buffered(Buffered* s) {
  s->owner = 0;
  PyThread_release_lock(s->lock);
}

// RAII guard for the lock.
struct Locked {
  Buffered* s;
  bool ok;
  explicit Locked(Buffered* b) : s(b), ok(enter_buffered(b)) {}
  ~Locked() {
    if (ok) leave_buffered(s);
  }
  void release() {
    if (ok) leave_buffered(s);
    ok = false;
  }
  bool reacquire() { return ok = enter_buffered(s); }
};

Off as_off(PyObject* obj, PyObject* exc) {
  Off n = PyLong_AsLongLong(obj);
  if (n == -1 && PyErr_Occurred() && PyErr_ExceptionMatches(PyExc_OverflowError) && exc != PyExc_OverflowError) {
    PyErr_Clear();
    PyErr_Format(exc, "cannot fit '%.200s' into an offset-sized integer", Py_TYPE(obj)->tp_name);
  }
  return n;
}

Off raw_tell(Buffered* s) {
  Ref<> res = steal(PyObject_CallMethodNoArgs(s->raw, IO_STR("tell")));
  if (!res) return -1;
  Ref<> idx = steal(PyNumber_Index(res.get()));
  if (!idx) return -1;
  Off n = as_off(idx.get(), PyExc_ValueError);
  if (n < 0) {
    if (!PyErr_Occurred()) PyErr_Format(PyExc_OSError, "Raw stream returned invalid position %lld", n);
    return -1;
  }
  s->abs_pos = n;
  return n;
}

Off raw_tell_cached(Buffered* s) { return s->abs_pos != -1 ? s->abs_pos : raw_tell(s); }

Off raw_seek(Buffered* s, Off target, int whence) {
  Ref<> res = steal(PyObject_CallMethod(s->raw, "seek", "Li", target, whence));
  if (!res) return -1;
  Ref<> idx = steal(PyNumber_Index(res.get()));
  if (!idx) return -1;
  Off n = as_off(idx.get(), PyExc_ValueError);
  if (n < 0) {
    if (!PyErr_Occurred()) PyErr_Format(PyExc_OSError, "Raw stream returned invalid position %lld", n);
    return -1;
  }
  s->abs_pos = n;
  return n;
}

void set_blocking_error(const char* msg, Py_ssize_t written) {
  int errnum = errno;
  PyErr_Clear();  // replaces the BlockingIOError of the flush that failed, if any
  PyObject* err = PyObject_CallFunction(PyExc_BlockingIOError, "isn", errnum, msg, written);
  if (err) PyErr_SetObject(PyExc_BlockingIOError, err);
  Py_XDECREF(err);
}

// -- Raw I/O ---------------------------------------------------------------------

// Releases a memoryview over our buffer (raw may have kept a reference),
// keeping any pending exception.
void release_view(PyObject* view) {
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  PyObject* r = PyObject_CallMethodNoArgs(view, IO_STR("release"));
  if (r)
    Py_DECREF(r);
  else
    PyErr_Clear();
  PyErr_Restore(t, v, tb);
}

// Bytes read into start, 0 at EOF, -2 when a non-blocking raw would block, -1 on error.
Py_ssize_t raw_read(Buffered* s, char* start, Py_ssize_t len) {
  Ref<> memobj = steal(PyMemoryView_FromMemory(start, len, PyBUF_WRITE));
  if (!memobj) return -1;
  Ref<> res;
  do {
    res = steal(PyObject_CallMethodOneArg(s->raw, IO_STR("readinto"), memobj.get()));
  } while (!res && trap_eintr() > 0);
  release_view(memobj.get());
  if (!res) return -1;
  if (res.get() == Py_None) return -2;
  Py_ssize_t n = PyNumber_AsSsize_t(res.get(), PyExc_ValueError);
  if (n == -1 && PyErr_Occurred()) {
    _PyErr_FormatFromCause(PyExc_OSError, "raw readinto() failed");
    return -1;
  }
  if (n < 0 || n > len) {
    PyErr_Format(PyExc_OSError,
                 "raw readinto() returned invalid length %zd (should have been between 0 and %zd)",
                 n, len);
    return -1;
  }
  if (n > 0 && s->abs_pos != -1) s->abs_pos += n;
  return n;
}

Py_ssize_t fill_buffer(Buffered* s) {
  Py_ssize_t start = valid_read_buffer(s) ? static_cast<Py_ssize_t>(s->read_end) : 0;
  Py_ssize_t len = s->buffer_size - start;
  Py_ssize_t n = raw_read(s, s->buffer + start, len);
  if (n <= 0) return n;
  s->read_end = start + n;
  s->raw_pos = start + n;
  return n;
}

Py_ssize_t raw_write(Buffered* s, const char* start, Py_ssize_t len) {
  Ref<> memobj = steal(PyMemoryView_FromMemory(const_cast<char*>(start), len, PyBUF_READ));
  if (!memobj) return -1;
  Ref<> res;
  int errnum;
  do {
    errno = 0;
    res = steal(PyObject_CallMethodOneArg(s->raw, IO_STR("write"), memobj.get()));
    errnum = errno;
  } while (!res && trap_eintr() > 0);
  release_view(memobj.get());
  if (!res) return -1;
  if (res.get() == Py_None) {
    errno = errnum;  // for the BlockingIOError
    return -2;
  }
  Py_ssize_t n = PyNumber_AsSsize_t(res.get(), PyExc_ValueError);
  if (n == -1 && PyErr_Occurred()) return -1;
  if (n < 0 || n > len) {
    PyErr_Format(PyExc_OSError,
                 "raw write() returned invalid length %zd (should have been between 0 and %zd)", n,
                 len);
    return -1;
  }
  if (n > 0 && s->abs_pos != -1) s->abs_pos += n;
  return n;
}

// Writes the dirty range out (with the lock held). Returns 0 or -1.
int writer_flush_unlocked(Buffered* s) {
  if (valid_write_buffer(s) && s->write_pos != s->write_end) {
    Off rewind = raw_offset(s) + (s->pos - s->write_pos);
    if (rewind != 0) {
      if (raw_seek(s, -rewind, 1) < 0) return -1;
      s->raw_pos -= rewind;
    }
    while (s->write_pos < s->write_end) {
      Py_ssize_t n = raw_write(s, s->buffer + s->write_pos, static_cast<Py_ssize_t>(s->write_end - s->write_pos));
      if (n == -1) return -1;
      if (n == -2) {
        set_blocking_error("write could not complete without blocking", 0);
        return -1;
      }
      s->write_pos += n;
      s->raw_pos = s->write_pos;
      // A partial write can be a signal's interruption (write(2)): run the
      // handlers before blocking again, possibly for ever.
      if (PyErr_CheckSignals() < 0) return -1;
    }
  }
  writer_reset_buf(s);
  return 0;
}

int flush_and_rewind_unlocked(Buffered* s) {
  if (writer_flush_unlocked(s) < 0) return -1;
  if (s->readable) {
    // Put the raw stream where the logical position is.
    Off n = raw_seek(s, -raw_offset(s), 1);
    reader_reset_buf(s);
    if (n == -1) return -1;
  }
  return 0;
}

// -- Reading ----------------------------------------------------------------------

PyObject* read_fast(Buffered* s, Py_ssize_t n) {
  Off current = readahead(s);
  if (n <= current) {
    PyObject* res = PyBytes_FromStringAndSize(s->buffer + s->pos, n);
    if (res) s->pos += n;
    return res;
  }
  Py_RETURN_NONE;
}

PyObject* read_all(Buffered* s) {
  Py_ssize_t current_size = static_cast<Py_ssize_t>(readahead(s));
  Ref<> data;
  if (current_size) {
    data = steal(PyBytes_FromStringAndSize(s->buffer + s->pos, current_size));
    if (!data) return nullptr;
    s->pos += current_size;
  }
  if (s->writable && flush_and_rewind_unlocked(s) < 0) return nullptr;
  reader_reset_buf(s);
  PyObject* readall;
  if (_PyObject_LookupAttr(s->raw, IO_STR("readall"), &readall) < 0) return nullptr;
  if (readall) {
    Ref<> tmp = steal(PyObject_CallNoArgs(readall));
    Py_DECREF(readall);
    if (!tmp) return nullptr;
    if (tmp.get() != Py_None && !PyBytes_Check(tmp.get())) {
      PyErr_SetString(PyExc_TypeError, "readall() should return bytes");
      return nullptr;
    }
    if (current_size == 0) return tmp.release();
    if (tmp.get() != Py_None) {
      PyObject* d = data.release();
      PyBytes_Concat(&d, tmp.get());
      return d;
    }
    return data.release();
  }
  Ref<> chunks = steal(PyList_New(0));
  if (!chunks) return nullptr;
  for (;;) {
    if (data) {
      if (PyList_Append(chunks.get(), data.get()) < 0) return nullptr;
      data.reset();
    }
    data = steal(PyObject_CallMethodNoArgs(s->raw, IO_STR("read")));
    if (!data) return nullptr;
    if (data.get() != Py_None && !PyBytes_Check(data.get())) {
      PyErr_SetString(PyExc_TypeError, "read() should return bytes");
      return nullptr;
    }
    if (data.get() == Py_None || PyBytes_GET_SIZE(data.get()) == 0) {
      if (current_size == 0) return data.release();
      Ref<> empty = steal(PyBytes_FromStringAndSize(nullptr, 0));
      return _PyBytes_Join(empty.get(), chunks.get());
    }
    current_size += PyBytes_GET_SIZE(data.get());
    if (s->abs_pos != -1) s->abs_pos += PyBytes_GET_SIZE(data.get());
  }
}

PyObject* read_generic(Buffered* s, Py_ssize_t n) {
  Off current_size = readahead(s);
  if (n <= current_size) return read_fast(s, n);
  PyObject* res = PyBytes_FromStringAndSize(nullptr, n);
  if (!res) return nullptr;
  char* out = PyBytes_AS_STRING(res);
  Py_ssize_t remaining = n, written = 0;
  auto finish_short = [&](Py_ssize_t r) -> PyObject* {
    // EOF (r == 0) or would block (r == -2).
    if (r == 0 || written > 0) {
      if (_PyBytes_Resize(&res, written) < 0) return nullptr;
      return res;
    }
    Py_DECREF(res);
    Py_RETURN_NONE;
  };
  if (current_size > 0) {
    memcpy(out, s->buffer + s->pos, current_size);
    remaining -= current_size;
    written += current_size;
    s->pos += current_size;
  }
  if (s->writable && flush_and_rewind_unlocked(s) < 0) {
    Py_DECREF(res);
    return nullptr;
  }
  reader_reset_buf(s);
  while (remaining > 0) {
    // Whole blocks straight into the result; the tail goes through the buffer.
    Py_ssize_t r = static_cast<Py_ssize_t>(minus_last_block(s, remaining));
    if (r == 0) break;
    r = raw_read(s, out + written, r);
    if (r == -1) {
      Py_DECREF(res);
      return nullptr;
    }
    if (r == 0 || r == -2) return finish_short(r);
    remaining -= r;
    written += r;
  }
  s->pos = 0;
  s->raw_pos = 0;
  s->read_end = 0;
  // Stop as soon as the request is satisfied: another read could block.
  while (remaining > 0 && s->read_end < s->buffer_size) {
    Py_ssize_t r = fill_buffer(s);
    if (r == -1) {
      Py_DECREF(res);
      return nullptr;
    }
    if (r == 0 || r == -2) return finish_short(r);
    Py_ssize_t take = remaining > r ? r : remaining;
    memcpy(out + written, s->buffer + s->pos, take);
    written += take;
    s->pos += take;
    remaining -= take;
  }
  return res;
}

PyObject* peek_unlocked(Buffered* s) {
  Off have = readahead(s);
  if (have > 0) return PyBytes_FromStringAndSize(s->buffer + s->pos, have);
  reader_reset_buf(s);
  Py_ssize_t r = fill_buffer(s);
  if (r == -1) return nullptr;
  if (r == -2) r = 0;
  s->pos = 0;
  return PyBytes_FromStringAndSize(s->buffer, r);
}

}  // namespace

PyObject* buffered_readline(Buffered* s, Py_ssize_t limit) {
  if (!check_closed(s, "readline of closed file")) return nullptr;
  // First look in the buffer (no lock needed: nothing here can switch threads).
  Py_ssize_t n = static_cast<Py_ssize_t>(readahead(s));
  if (limit >= 0 && n > limit) n = limit;
  char* start = s->buffer + s->pos;
  if (n > 0) {
    char* nl = static_cast<char*>(memchr(start, '\n', n));
    if (nl) {
      PyObject* res = PyBytes_FromStringAndSize(start, nl - start + 1);
      if (res) s->pos += nl - start + 1;
      return res;
    }
  }
  if (n == limit) {
    PyObject* res = PyBytes_FromStringAndSize(start, n);
    if (res) s->pos += n;
    return res;
  }
  Locked lock(s);
  if (!lock.ok) return nullptr;
  Ref<> chunks = steal(PyList_New(0));
  if (!chunks) return nullptr;
  if (n > 0) {
    Ref<> part = steal(PyBytes_FromStringAndSize(start, n));
    if (!part || PyList_Append(chunks.get(), part.get()) < 0) return nullptr;
    s->pos += n;
    if (limit >= 0) limit -= n;
  }
  if (s->writable && flush_and_rewind_unlocked(s) < 0) return nullptr;
  Ref<> res;
  for (;;) {
    reader_reset_buf(s);
    n = fill_buffer(s);
    if (n == -1) return nullptr;
    if (n <= 0) break;
    if (limit >= 0 && n > limit) n = limit;
    start = s->buffer;
    char* nl = static_cast<char*>(memchr(start, '\n', n));
    if (nl) {
      res = steal(PyBytes_FromStringAndSize(start, nl - start + 1));
      if (!res) return nullptr;
      s->pos = nl - start + 1;
      break;
    }
    res = steal(PyBytes_FromStringAndSize(start, n));
    if (!res) return nullptr;
    if (n == limit) {
      s->pos = n;
      break;
    }
    if (PyList_Append(chunks.get(), res.get()) < 0) return nullptr;
    res.reset();
    if (limit >= 0) limit -= n;
  }
  if (res && PyList_Append(chunks.get(), res.get()) < 0) return nullptr;
  Ref<> empty = steal(PyBytes_FromStringAndSize(nullptr, 0));
  return _PyBytes_Join(empty.get(), chunks.get());
}

namespace {

// -- Construction -------------------------------------------------------------------

int buffered_init_common(Buffered* s) {
  if (s->buffer_size <= 0) {
    PyErr_SetString(PyExc_ValueError, "buffer size must be strictly positive");
    return -1;
  }
  PyMem_Free(s->buffer);
  s->buffer = static_cast<char*>(PyMem_Malloc(s->buffer_size));
  if (!s->buffer) {
    PyErr_NoMemory();
    return -1;
  }
  if (s->lock) PyThread_free_lock(s->lock);
  s->lock = PyThread_allocate_lock();
  if (!s->lock) {
    PyErr_SetString(PyExc_RuntimeError, "can't allocate read lock");
    return -1;
  }
  s->owner = 0;
  Py_ssize_t n;
  for (n = s->buffer_size - 1; n & 1; n >>= 1) {
  }
  s->buffer_mask = n == 0 ? s->buffer_size - 1 : 0;
  if (raw_tell(s) == -1) PyErr_Clear();
  return 0;
}

bool parse_init(PyObject* args, PyObject* kwds, const char* name, PyObject** raw, Py_ssize_t* size) {
  static const char* kwlist[] = {"raw", "buffer_size", nullptr};
  *size = kDefaultBufferSize;
  std::string fmt = std::string("O|n:") + name;
  return PyArg_ParseTupleAndKeywords(args, kwds, fmt.c_str(), const_cast<char**>(kwlist), raw, size);
}

int reader_init(PyObject* op, PyObject* args, PyObject* kwds) {
  Buffered* s = Bf(op);
  PyObject* raw;
  Py_ssize_t size;
  if (!parse_init(args, kwds, "BufferedReader", &raw, &size)) return -1;
  s->ok = 0;
  s->detached = 0;
  Ref<> r = steal(iobase_check_readable(raw, Py_True));
  if (!r) return -1;
  Py_XSETREF(s->raw, Py_NewRef(raw));
  s->buffer_size = size;
  s->readable = 1;
  s->writable = 0;
  if (buffered_init_common(s) < 0) return -1;
  reader_reset_buf(s);
  s->fast_closed_checks = Py_IS_TYPE(op, &BufferedReader_Type) && Py_IS_TYPE(raw, &FileIO_Type);
  s->ok = 1;
  return 0;
}

int writer_init(PyObject* op, PyObject* args, PyObject* kwds) {
  Buffered* s = Bf(op);
  PyObject* raw;
  Py_ssize_t size;
  if (!parse_init(args, kwds, "BufferedWriter", &raw, &size)) return -1;
  s->ok = 0;
  s->detached = 0;
  Ref<> r = steal(iobase_check_writable(raw, Py_True));
  if (!r) return -1;
  Py_XSETREF(s->raw, Py_NewRef(raw));
  s->readable = 0;
  s->writable = 1;
  s->buffer_size = size;
  if (buffered_init_common(s) < 0) return -1;
  writer_reset_buf(s);
  s->pos = 0;
  s->fast_closed_checks = Py_IS_TYPE(op, &BufferedWriter_Type) && Py_IS_TYPE(raw, &FileIO_Type);
  s->ok = 1;
  return 0;
}

int random_init(PyObject* op, PyObject* args, PyObject* kwds) {
  Buffered* s = Bf(op);
  PyObject* raw;
  Py_ssize_t size;
  if (!parse_init(args, kwds, "BufferedRandom", &raw, &size)) return -1;
  s->ok = 0;
  s->detached = 0;
  Ref<> r = steal(iobase_check_seekable(raw, Py_True));
  if (!r) return -1;
  r = steal(iobase_check_readable(raw, Py_True));
  if (!r) return -1;
  r = steal(iobase_check_writable(raw, Py_True));
  if (!r) return -1;
  Py_XSETREF(s->raw, Py_NewRef(raw));
  s->buffer_size = size;
  s->readable = 1;
  s->writable = 1;
  if (buffered_init_common(s) < 0) return -1;
  reader_reset_buf(s);
  writer_reset_buf(s);
  s->pos = 0;
  s->fast_closed_checks = Py_IS_TYPE(op, &BufferedRandom_Type) && Py_IS_TYPE(raw, &FileIO_Type);
  s->ok = 1;
  return 0;
}

PyObject* buffered_new(PyTypeObject* type, PyObject*, PyObject*) {
  PyObject* o = type->tp_alloc(type, 0);
  if (!o) return nullptr;
  Buffered* s = Bf(o);
  s->abs_pos = -1;
  s->read_end = -1;
  s->write_end = -1;
  s->raw_pos = -1;
  return o;
}

void buffered_dealloc(PyObject* op) {
  Buffered* s = Bf(op);
  s->finalizing = 1;
  if (PyObject_CallFinalizerFromDealloc(op) < 0) return;
  PyObject_GC_UnTrack(op);
  s->ok = 0;
  if (s->weakreflist) PyObject_ClearWeakRefs(op);
  Py_CLEAR(s->raw);
  PyMem_Free(s->buffer);
  s->buffer = nullptr;
  if (s->lock) {
    PyThread_free_lock(s->lock);
    s->lock = nullptr;
  }
  Py_CLEAR(s->dict);
  Py_TYPE(op)->tp_free(op);
}

int buffered_traverse(PyObject* op, visitproc visit, void* arg) {
  Py_VISIT(Bf(op)->raw);
  Py_VISIT(Bf(op)->dict);
  return 0;
}

int buffered_clear(PyObject* op) {
  Bf(op)->ok = 0;
  Py_CLEAR(Bf(op)->raw);
  Py_CLEAR(Bf(op)->dict);
  return 0;
}

// -- Methods common to all three ----------------------------------------------------

PyObject* buffered_dealloc_warn(PyObject* op, PyObject* source) {
  Buffered* s = Bf(op);
  if (s->ok && s->raw) {
    PyObject* r = PyObject_CallMethodOneArg(s->raw, IO_STR("_dealloc_warn"), source);
    if (r)
      Py_DECREF(r);
    else
      PyErr_Clear();
  }
  Py_RETURN_NONE;
}

PyObject* buffered_simple_flush(PyObject* op, PyObject*) {
  if (!check_initialized(Bf(op))) return nullptr;
  return PyObject_CallMethodNoArgs(Bf(op)->raw, IO_STR("flush"));
}

PyObject* buffered_close(PyObject* op, PyObject*) {
  Buffered* s = Bf(op);
  if (!check_initialized(s)) return nullptr;
  Locked lock(s);
  if (!lock.ok) return nullptr;
  int r = buffered_closed(s);
  if (r < 0) return nullptr;
  if (r > 0) Py_RETURN_NONE;
  if (s->finalizing) {
    PyObject* w = buffered_dealloc_warn(op, op);
    Py_XDECREF(w);
    if (!w) PyErr_Clear();
  }
  // flush() takes the lock itself.
  lock.release();
  PyObject* res = PyObject_CallMethodNoArgs(op, IO_STR("flush"));
  if (!lock.reacquire()) {
    Py_XDECREF(res);
    return nullptr;
  }
  PyObject *t = nullptr, *v = nullptr, *tb = nullptr;
  if (!res)
    PyErr_Fetch(&t, &v, &tb);
  else
    Py_DECREF(res);
  res = PyObject_CallMethodNoArgs(s->raw, IO_STR("close"));
  PyMem_Free(s->buffer);
  s->buffer = nullptr;
  if (t) {
    _PyErr_ChainExceptions(t, v, tb);
    Py_CLEAR(res);
  }
  s->read_end = 0;
  s->pos = 0;
  return res;
}

PyObject* buffered_detach(PyObject* op, PyObject*) {
  Buffered* s = Bf(op);
  if (!check_initialized(s)) return nullptr;
  Ref<> res = steal(PyObject_CallMethodNoArgs(op, IO_STR("flush")));
  if (!res) return nullptr;
  PyObject* raw = s->raw;
  s->raw = nullptr;
  s->detached = 1;
  s->ok = 0;
  return raw;
}

PyObject* forward_noargs(PyObject* op, PyObject* name) {
  if (!check_initialized(Bf(op))) return nullptr;
  return PyObject_CallMethodNoArgs(Bf(op)->raw, name);
}

PyObject* buffered_seekable(PyObject* op, PyObject*) { return forward_noargs(op, IO_STR("seekable")); }
PyObject* buffered_readable(PyObject* op, PyObject*) { return forward_noargs(op, IO_STR("readable")); }
PyObject* buffered_writable(PyObject* op, PyObject*) { return forward_noargs(op, IO_STR("writable")); }
PyObject* buffered_fileno(PyObject* op, PyObject*) { return forward_noargs(op, IO_STR("fileno")); }
PyObject* buffered_isatty(PyObject* op, PyObject*) { return forward_noargs(op, IO_STR("isatty")); }

PyObject* buffered_closed_get(PyObject* op, void*) {
  if (!check_initialized(Bf(op))) return nullptr;
  return PyObject_GetAttr(Bf(op)->raw, IO_STR("closed"));
}
PyObject* buffered_name_get(PyObject* op, void*) {
  if (!check_initialized(Bf(op))) return nullptr;
  return PyObject_GetAttr(Bf(op)->raw, IO_STR("name"));
}
PyObject* buffered_mode_get(PyObject* op, void*) {
  if (!check_initialized(Bf(op))) return nullptr;
  return PyObject_GetAttr(Bf(op)->raw, IO_STR("mode"));
}

PyObject* buffered_sizeof(PyObject* op, PyObject*) {
  Py_ssize_t res = _PyObject_SIZE(Py_TYPE(op));
  if (Bf(op)->buffer) res += Bf(op)->buffer_size;
  return PyLong_FromSsize_t(res);
}

PyObject* buffered_repr(PyObject* op) {
  PyObject* nameobj;
  if (_PyObject_LookupAttr(op, IO_STR("name"), &nameobj) < 0) {
    if (!PyErr_ExceptionMatches(PyExc_ValueError)) return nullptr;
    PyErr_Clear();  // a detached stream has no name
  }
  if (!nameobj) return PyUnicode_FromFormat("<%s>", Py_TYPE(op)->tp_name);
  PyObject* res = nullptr;
  int status = Py_ReprEnter(op);
  if (status == 0) {
    res = PyUnicode_FromFormat("<%s name=%R>", Py_TYPE(op)->tp_name, nameobj);
    Py_ReprLeave(op);
  } else if (status > 0) {
    PyErr_Format(PyExc_RuntimeError, "reentrant call inside %s.__repr__", Py_TYPE(op)->tp_name);
  }
  Py_DECREF(nameobj);
  return res;
}

PyObject* buffered_tell(PyObject* op, PyObject*) {
  Buffered* s = Bf(op);
  if (!check_initialized(s)) return nullptr;
  Off pos = raw_tell(s);
  if (pos == -1) return nullptr;
  pos -= raw_offset(s);
  return PyLong_FromLongLong(pos);
}

PyObject* buffered_seek(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  Buffered* s = Bf(op);
  if (!_PyArg_CheckPositional("seek", nargs, 1, 2)) return nullptr;
  PyObject* targetobj = args[0];
  int whence = 0;
  if (nargs == 2) {
    whence = _PyLong_AsInt(args[1]);
    if (whence == -1 && PyErr_Occurred()) return nullptr;
  }
  if (!check_initialized(s)) return nullptr;
  if ((whence < 0 || whence > 2) && whence != SEEK_HOLE && whence != SEEK_DATA) {
    PyErr_Format(PyExc_ValueError, "whence value %d unsupported", whence);
    return nullptr;
  }
  if (!check_closed(s, "seek of closed file")) return nullptr;
  Ref<> r = steal(iobase_check_seekable(s->raw, Py_True));
  if (!r) return nullptr;
  Ref<> idx = steal(PyNumber_Index(targetobj));
  if (!idx) return nullptr;
  Off target = as_off(idx.get(), PyExc_ValueError);
  if (target == -1 && PyErr_Occurred()) return nullptr;
  // SEEK_SET/SEEK_CUR inside the read buffer need no system call.
  if ((whence == 0 || whence == 1) && s->readable) {
    Off current = raw_tell_cached(s);
    Off avail = readahead(s);
    if (avail > 0) {
      Off offset = whence == 0 ? target - (current - raw_offset(s)) : target;
      if (offset >= -s->pos && offset <= avail) {
        s->pos += offset;
        return PyLong_FromLongLong(current - avail + offset);
      }
    }
  }
  Locked lock(s);
  if (!lock.ok) return nullptr;
  if (s->writable && writer_flush_unlocked(s) < 0) return nullptr;
  if (whence == 1) target -= raw_offset(s);
  Off n = raw_seek(s, target, whence);
  if (n == -1) return nullptr;
  s->raw_pos = -1;
  PyObject* res = PyLong_FromLongLong(n);
  if (res && s->readable) reader_reset_buf(s);
  return res;
}

PyObject* buffered_truncate(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  Buffered* s = Bf(op);
  if (!_PyArg_CheckPositional("truncate", nargs, 0, 1)) return nullptr;
  PyObject* pos = nargs ? args[0] : Py_None;
  if (!check_initialized(s)) return nullptr;
  if (!check_closed(s, "truncate of closed file")) return nullptr;
  if (!s->writable) return unsupported("truncate");
  Locked lock(s);
  if (!lock.ok) return nullptr;
  if (flush_and_rewind_unlocked(s) < 0) return nullptr;
  PyObject* res = PyObject_CallMethodOneArg(s->raw, IO_STR("truncate"), pos);
  if (res && raw_tell(s) == -1) PyErr_Clear();
  return res;
}

PyObject* buffered_flush(PyObject* op, PyObject*) {
  Buffered* s = Bf(op);
  if (!check_initialized(s)) return nullptr;
  if (!check_closed(s, "flush of closed file")) return nullptr;
  Locked lock(s);
  if (!lock.ok) return nullptr;
  if (flush_and_rewind_unlocked(s) < 0) return nullptr;
  Py_RETURN_NONE;
}

// -- Reader methods --------------------------------------------------------------------

PyObject* buffered_read(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  Buffered* s = Bf(op);
  if (!_PyArg_CheckPositional("read", nargs, 0, 1)) return nullptr;
  Py_ssize_t n = -1;
  if (nargs && !convert_optional_size(args[0], &n)) return nullptr;
  if (!check_initialized(s)) return nullptr;
  if (n < -1) {
    PyErr_SetString(PyExc_ValueError, "read length must be non-negative or -1");
    return nullptr;
  }
  if (!check_closed(s, "read of closed file")) return nullptr;
  if (n == -1) {
    Locked lock(s);
    if (!lock.ok) return nullptr;
    return read_all(s);
  }
  PyObject* res = read_fast(s, n);
  if (res != Py_None) return res;
  Py_DECREF(res);
  Locked lock(s);
  if (!lock.ok) return nullptr;
  return read_generic(s, n);
}

PyObject* buffered_read1(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  Buffered* s = Bf(op);
  if (!_PyArg_CheckPositional("read1", nargs, 0, 1)) return nullptr;
  Py_ssize_t n = -1;
  if (nargs && !convert_optional_size(args[0], &n)) return nullptr;
  if (!check_initialized(s)) return nullptr;
  if (n < 0) n = s->buffer_size;
  if (!check_closed(s, "read of closed file")) return nullptr;
  if (n == 0) return PyBytes_FromStringAndSize(nullptr, 0);
  // Only buffered bytes when there are any; otherwise one raw read.
  Off have = readahead(s);
  if (have > 0) return read_fast(s, n < have ? n : static_cast<Py_ssize_t>(have));
  PyObject* res = PyBytes_FromStringAndSize(nullptr, n);
  if (!res) return nullptr;
  Locked lock(s);
  if (!lock.ok) {
    Py_DECREF(res);
    return nullptr;
  }
  if (s->writable && flush_and_rewind_unlocked(s) < 0) {
    Py_DECREF(res);
    return nullptr;
  }
  reader_reset_buf(s);
  Py_ssize_t r = raw_read(s, PyBytes_AS_STRING(res), n);
  lock.release();
  if (r == -1) {
    Py_DECREF(res);
    return nullptr;
  }
  if (r == -2) r = 0;
  if (n != r && _PyBytes_Resize(&res, r) < 0) return nullptr;
  return res;
}

PyObject* readinto_generic(PyObject* op, PyObject* arg, bool readinto1) {
  Buffered* s = Bf(op);
  Py_buffer buffer;
  if (PyObject_GetBuffer(arg, &buffer, PyBUF_WRITABLE) < 0) {
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError, "%s() argument must be read-write bytes-like object, not %.50s",
                 readinto1 ? "readinto1" : "readinto", Py_TYPE(arg)->tp_name);
    return nullptr;
  }
  struct Release {
    Py_buffer* b;
    ~Release() { PyBuffer_Release(b); }
  } release{&buffer};
  if (!check_initialized(s)) return nullptr;
  if (!check_closed(s, "readinto of closed file")) return nullptr;
  Py_ssize_t written = 0;
  Py_ssize_t n = static_cast<Py_ssize_t>(readahead(s));
  if (n > 0) {
    if (n >= buffer.len) {
      memcpy(buffer.buf, s->buffer + s->pos, buffer.len);
      s->pos += buffer.len;
      return PyLong_FromSsize_t(buffer.len);
    }
    memcpy(buffer.buf, s->buffer + s->pos, n);
    s->pos += n;
    written = n;
  }
  Locked lock(s);
  if (!lock.ok) return nullptr;
  if (s->writable && flush_and_rewind_unlocked(s) < 0) return nullptr;
  reader_reset_buf(s);
  s->pos = 0;
  char* out = static_cast<char*>(buffer.buf);
  for (Py_ssize_t remaining = buffer.len - written; remaining > 0; written += n, remaining -= n) {
    if (remaining > s->buffer_size) {
      // Bigger than the buffer: straight into the caller's memory.
      n = raw_read(s, out + written, remaining);
    } else if (!(readinto1 && written)) {
      n = fill_buffer(s);
      if (n > 0) {
        if (n > remaining) n = remaining;
        memcpy(out + written, s->buffer + s->pos, n);
        s->pos += n;
        continue;
      }
    } else {
      n = 0;
    }
    if (n == 0 || (n == -2 && written > 0)) break;
    if (n < 0) {
      if (n == -2) Py_RETURN_NONE;
      return nullptr;
    }
    if (readinto1) {
      written += n;
      break;
    }
  }
  return PyLong_FromSsize_t(written);
}

PyObject* buffered_readinto(PyObject* op, PyObject* arg) { return readinto_generic(op, arg, false); }
PyObject* buffered_readinto1(PyObject* op, PyObject* arg) { return readinto_generic(op, arg, true); }

PyObject* buffered_readline_meth(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("readline", nargs, 0, 1)) return nullptr;
  Py_ssize_t limit = -1;
  if (nargs && !convert_optional_size(args[0], &limit)) return nullptr;
  if (!check_initialized(Bf(op))) return nullptr;
  return buffered_readline(Bf(op), limit);
}

PyObject* buffered_peek(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  Buffered* s = Bf(op);
  if (!_PyArg_CheckPositional("peek", nargs, 0, 1)) return nullptr;
  if (nargs) {
    Py_ssize_t size = PyNumber_AsSsize_t(args[0], PyExc_OverflowError);
    if (size == -1 && PyErr_Occurred()) return nullptr;
  }
  if (!check_initialized(s)) return nullptr;
  if (!check_closed(s, "peek of closed file")) return nullptr;
  Locked lock(s);
  if (!lock.ok) return nullptr;
  if (s->writable && flush_and_rewind_unlocked(s) < 0) return nullptr;
  return peek_unlocked(s);
}

PyObject* buffered_iternext(PyObject* op) {
  Buffered* s = Bf(op);
  if (!check_initialized(s)) return nullptr;
  Ref<> line;
  if (Py_IS_TYPE(op, &BufferedReader_Type) || Py_IS_TYPE(op, &BufferedRandom_Type)) {
    line = steal(buffered_readline(s, -1));
  } else {
    line = steal(PyObject_CallMethodNoArgs(op, IO_STR("readline")));
    if (line && !PyBytes_Check(line.get())) {
      PyErr_Format(PyExc_OSError, "readline() should have returned a bytes object, not '%.200s'",
                   Py_TYPE(line.get())->tp_name);
      return nullptr;
    }
  }
  if (!line || PyBytes_GET_SIZE(line.get()) == 0) return nullptr;
  return line.release();
}

// -- Writer methods ----------------------------------------------------------------------

PyObject* buffered_write(PyObject* op, PyObject* arg) {
  Buffered* s = Bf(op);
  Py_buffer buffer;
  if (PyObject_GetBuffer(arg, &buffer, PyBUF_SIMPLE) < 0) {
    PyErr_Clear();
    PyErr_Format(PyExc_TypeError, "a bytes-like object is required, not '%.100s'",
                 Py_TYPE(arg)->tp_name);
    return nullptr;
  }
  struct Release {
    Py_buffer* b;
    ~Release() { PyBuffer_Release(b); }
  } release{&buffer};
  if (!check_initialized(s)) return nullptr;
  Locked lock(s);
  if (!lock.ok) return nullptr;
  // Checked under the lock: another thread may be closing the file.
  int closed = is_closed(s);
  if (closed < 0) return nullptr;
  if (closed) {
    PyErr_SetString(PyExc_ValueError, "write to closed file");
    return nullptr;
  }
  const char* data = static_cast<const char*>(buffer.buf);
  // Fast path: it fits in the buffer.
  if (!valid_read_buffer(s) && !valid_write_buffer(s)) {
    s->pos = 0;
    s->raw_pos = 0;
  }
  Py_ssize_t avail = static_cast<Py_ssize_t>(s->buffer_size - s->pos);
  if (buffer.len <= avail) {
    memcpy(s->buffer + s->pos, data, buffer.len);
    if (!valid_write_buffer(s) || s->write_pos > s->pos) s->write_pos = s->pos;
    adjust_position(s, s->pos + buffer.len);
    if (s->pos > s->write_end) s->write_end = s->pos;
    return PyLong_FromSsize_t(buffer.len);
  }
  // Write out the current buffer first.
  if (writer_flush_unlocked(s) < 0) {
    if (!PyErr_ExceptionMatches(PyExc_BlockingIOError)) return nullptr;
    if (s->readable) reader_reset_buf(s);
    // Make room by shifting the pending bytes to the front.
    memmove(s->buffer, s->buffer + s->write_pos, static_cast<size_t>(s->write_end - s->write_pos));
    s->write_end -= s->write_pos;
    s->raw_pos -= s->write_pos;
    s->pos -= s->write_pos;
    s->write_pos = 0;
    avail = static_cast<Py_ssize_t>(s->buffer_size - s->write_end);
    if (buffer.len <= avail) {
      PyErr_Clear();
      memcpy(s->buffer + s->write_end, data, buffer.len);
      s->write_end += buffer.len;
      s->pos += buffer.len;
      return PyLong_FromSsize_t(buffer.len);
    }
    memcpy(s->buffer + s->write_end, data, avail);
    s->write_end += avail;
    s->pos += avail;
    set_blocking_error("write could not complete without blocking", avail);
    return nullptr;
  }
  // A read buffer that was not modified leaves raw ahead of pos.
  Off offset = raw_offset(s);
  if (offset != 0) {
    if (raw_seek(s, -offset, 1) < 0) return nullptr;
    s->raw_pos -= offset;
  }
  Py_ssize_t remaining = buffer.len, written = 0;
  while (remaining > s->buffer_size) {
    Py_ssize_t n = raw_write(s, data + written, buffer.len - written);
    if (n == -1) return nullptr;
    if (n == -2) {
      // Non-blocking raw: buffer what fits.
      if (remaining > s->buffer_size) {
        memcpy(s->buffer, data + written, s->buffer_size);
        s->raw_pos = 0;
        adjust_position(s, s->buffer_size);
        s->write_end = s->buffer_size;
        written += s->buffer_size;
        set_blocking_error("write could not complete without blocking", written);
        return nullptr;
      }
      PyErr_Clear();
      break;
    }
    written += n;
    remaining -= n;
    // As in the flush loop: handlers run between partial writes.
    if (PyErr_CheckSignals() < 0) return nullptr;
  }
  if (s->readable) reader_reset_buf(s);
  if (remaining > 0) {
    memcpy(s->buffer, data + written, remaining);
    written += remaining;
  }
  s->write_pos = 0;
  s->write_end = remaining;
  adjust_position(s, remaining);
  s->raw_pos = 0;
  return PyLong_FromSsize_t(written);
}

#define FASTCALL(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef reader_methods[] = {
    {"detach", buffered_detach, METH_NOARGS, nullptr},
    {"flush", buffered_simple_flush, METH_NOARGS, nullptr},
    {"close", buffered_close, METH_NOARGS, nullptr},
    {"seekable", buffered_seekable, METH_NOARGS, nullptr},
    {"readable", buffered_readable, METH_NOARGS, nullptr},
    {"fileno", buffered_fileno, METH_NOARGS, nullptr},
    {"isatty", buffered_isatty, METH_NOARGS, nullptr},
    {"_dealloc_warn", buffered_dealloc_warn, METH_O, nullptr},
    {"read", FASTCALL(buffered_read), METH_FASTCALL, nullptr},
    {"peek", FASTCALL(buffered_peek), METH_FASTCALL, nullptr},
    {"read1", FASTCALL(buffered_read1), METH_FASTCALL, nullptr},
    {"readinto", buffered_readinto, METH_O, nullptr},
    {"readinto1", buffered_readinto1, METH_O, nullptr},
    {"readline", FASTCALL(buffered_readline_meth), METH_FASTCALL, nullptr},
    {"seek", FASTCALL(buffered_seek), METH_FASTCALL, nullptr},
    {"tell", buffered_tell, METH_NOARGS, nullptr},
    {"truncate", FASTCALL(buffered_truncate), METH_FASTCALL, nullptr},
    {"__sizeof__", buffered_sizeof, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyMethodDef writer_methods[] = {
    {"close", buffered_close, METH_NOARGS, nullptr},
    {"detach", buffered_detach, METH_NOARGS, nullptr},
    {"seekable", buffered_seekable, METH_NOARGS, nullptr},
    {"writable", buffered_writable, METH_NOARGS, nullptr},
    {"fileno", buffered_fileno, METH_NOARGS, nullptr},
    {"isatty", buffered_isatty, METH_NOARGS, nullptr},
    {"_dealloc_warn", buffered_dealloc_warn, METH_O, nullptr},
    {"write", buffered_write, METH_O, nullptr},
    {"truncate", FASTCALL(buffered_truncate), METH_FASTCALL, nullptr},
    {"flush", buffered_flush, METH_NOARGS, nullptr},
    {"seek", FASTCALL(buffered_seek), METH_FASTCALL, nullptr},
    {"tell", buffered_tell, METH_NOARGS, nullptr},
    {"__sizeof__", buffered_sizeof, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyMethodDef random_methods[] = {
    {"close", buffered_close, METH_NOARGS, nullptr},
    {"detach", buffered_detach, METH_NOARGS, nullptr},
    {"seekable", buffered_seekable, METH_NOARGS, nullptr},
    {"readable", buffered_readable, METH_NOARGS, nullptr},
    {"writable", buffered_writable, METH_NOARGS, nullptr},
    {"fileno", buffered_fileno, METH_NOARGS, nullptr},
    {"isatty", buffered_isatty, METH_NOARGS, nullptr},
    {"_dealloc_warn", buffered_dealloc_warn, METH_O, nullptr},
    {"flush", buffered_flush, METH_NOARGS, nullptr},
    {"seek", FASTCALL(buffered_seek), METH_FASTCALL, nullptr},
    {"tell", buffered_tell, METH_NOARGS, nullptr},
    {"truncate", FASTCALL(buffered_truncate), METH_FASTCALL, nullptr},
    {"read", FASTCALL(buffered_read), METH_FASTCALL, nullptr},
    {"read1", FASTCALL(buffered_read1), METH_FASTCALL, nullptr},
    {"readinto", buffered_readinto, METH_O, nullptr},
    {"readinto1", buffered_readinto1, METH_O, nullptr},
    {"readline", FASTCALL(buffered_readline_meth), METH_FASTCALL, nullptr},
    {"peek", FASTCALL(buffered_peek), METH_FASTCALL, nullptr},
    {"write", buffered_write, METH_O, nullptr},
    {"__sizeof__", buffered_sizeof, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef buffered_members[] = {
    {"raw", T_OBJECT, offsetof(Buffered, raw), READONLY, nullptr},
    {"_finalizing", T_BOOL, offsetof(Buffered, finalizing), 0, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef buffered_getset[] = {
    {"closed", buffered_closed_get, nullptr, nullptr, nullptr},
    {"name", buffered_name_get, nullptr, nullptr, nullptr},
    {"mode", buffered_mode_get, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

#define BUFFERED_TYPE(CName, Name, Methods, Init, Iternext, Doc)                        \
  PyTypeObject CName = {                                                                \
      .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0).tp_name = "_io." Name,          \
      .tp_basicsize = sizeof(Buffered),                                                 \
      .tp_dealloc = buffered_dealloc,                                                   \
      .tp_repr = buffered_repr,                                                         \
      .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,        \
      .tp_doc = Doc,                                                                    \
      .tp_traverse = buffered_traverse,                                                 \
      .tp_clear = buffered_clear,                                                       \
      .tp_weaklistoffset = offsetof(Buffered, weakreflist),                             \
      .tp_iternext = Iternext,                                                          \
      .tp_methods = Methods,                                                            \
      .tp_members = buffered_members,                                                   \
      .tp_getset = buffered_getset,                                                     \
      .tp_base = &BufferedIOBase_Type,                                                  \
      .tp_dictoffset = offsetof(Buffered, dict),                                        \
      .tp_init = Init,                                                                  \
      .tp_alloc = PyType_GenericAlloc,                                                  \
      .tp_new = buffered_new,                                                           \
  };

BUFFERED_TYPE(BufferedReader_Type, "BufferedReader", reader_methods, reader_init, buffered_iternext,
              "Create a new buffered reader using the given readable raw IO object.")
BUFFERED_TYPE(BufferedWriter_Type, "BufferedWriter", writer_methods, writer_init, nullptr,
              "A buffer for a writeable sequential RawIO object.")
BUFFERED_TYPE(BufferedRandom_Type, "BufferedRandom", random_methods, random_init, buffered_iternext,
              "A buffered interface to random access streams.")

}  // namespace krait::io
