// zlib_module.cpp — the `zlib` module over the system libz: one-shot
// compress/decompress, the streaming Compress/Decompress objects
// (compressobj/decompressobj), crc32/adler32, zlib.error and the constants.
//
// Behaviour follows CPython 3.11's zlibmodule: the same argument lists, the
// same "Error N while ...: msg" texts (libz's own message when it set one),
// the same unused_data / unconsumed_tail / eof bookkeeping, and output grown
// in blocks until libz stops filling the buffer. libz runs with the GIL
// released; each stream object carries its own lock so two threads never
// drive one z_stream at once.
#include <Python.h>
#include <structmember.h>
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <string>

#include "support/ref.h"

using namespace krait;

namespace {

constexpr int kDefMemLevel = 8;          // zutil.h's DEF_MEM_LEVEL (MAX_MEM_LEVEL is 9)
constexpr Py_ssize_t kDefBufSize = 16 * 1024;
// crc32/adler32 release the GIL only when the work outweighs the switch.
constexpr Py_ssize_t kChecksumGilThreshold = 5 * 1024;

PyObject* ZlibError;  // zlib.error

// ------------------------------------------------------------ error reporting

// "Error <err> <what>: <libz message>" with CPython's fallbacks when libz left
// no message (or could not, on a version mismatch).
void set_zlib_error(const z_stream& zst, int err, const char* what) {
  const char* zmsg = nullptr;
  if (err == Z_VERSION_ERROR) zmsg = "library version mismatch";
  if (zmsg == nullptr) zmsg = zst.msg;
  if (zmsg == nullptr) {
    switch (err) {
      case Z_BUF_ERROR: zmsg = "incomplete or truncated stream"; break;
      case Z_STREAM_ERROR: zmsg = "inconsistent stream state"; break;
      case Z_DATA_ERROR: zmsg = "invalid input data"; break;
      default: break;
    }
  }
  if (zmsg == nullptr)
    PyErr_Format(ZlibError, "Error %d %s", err, what);
  else
    PyErr_Format(ZlibError, "Error %d %s: %.200s", err, what, zmsg);
}

// libz allocates with the GIL released: use the raw allocator.
voidpf z_alloc(voidpf, uInt items, uInt size) {
  if (size != 0 && items > size_t(PY_SSIZE_T_MAX) / size) return nullptr;
  return PyMem_RawMalloc(size_t(items) * size_t(size));
}
void z_free(voidpf, voidpf ptr) { PyMem_RawFree(ptr); }

void init_stream(z_stream* zst) {
  std::memset(zst, 0, sizeof(*zst));
  zst->zalloc = z_alloc;
  zst->zfree = z_free;
  zst->opaque = nullptr;
}

// Feeds at most UINT_MAX input bytes per libz call; *remains counts the rest.
void feed_input(z_stream* zst, Py_ssize_t* remains) {
  zst->avail_in = uInt(std::min<size_t>(size_t(*remains), UINT_MAX));
  *remains -= zst->avail_in;
}

// ------------------------------------------------------------ output buffer

// The growing output of one call, in blocks of CPython's sizes (32 KiB,
// 64 KiB, 256 KiB, ... 256 MiB): stored (level 0) deflate blocks end where the
// output buffer does, so the block sizes are visible in the compressed bytes.
// An optional hard limit (max_length) caps the total; libz always sees at most
// UINT32_MAX bytes at a time.
class Output {
 public:
  // first > 0: the first block's size; otherwise the table's. limit < 0:
  // unlimited. Returns false (MemoryError set) on failure.
  bool init(z_stream* zst, Py_ssize_t first, Py_ssize_t limit) {
    limit_ = limit;
    return grow(zst, first);
  }
  // Adds a block after the current data; zst->avail_out must be 0.
  bool grow(z_stream* zst, Py_ssize_t want = 0) {
    static constexpr Py_ssize_t kMiB = 1024 * 1024;
    static constexpr Py_ssize_t kBlockSizes[] = {
        32 * 1024, 64 * 1024, 256 * 1024, kMiB, 4 * kMiB, 8 * kMiB, 16 * kMiB,
        16 * kMiB, 32 * kMiB, 32 * kMiB, 32 * kMiB, 32 * kMiB, 64 * kMiB, 64 * kMiB,
        128 * kMiB, 128 * kMiB, 256 * kMiB};
    constexpr size_t kNumSizes = sizeof(kBlockSizes) / sizeof(kBlockSizes[0]);
    Py_ssize_t used = size(zst);
    Py_ssize_t block = want > 0 ? want : kBlockSizes[std::min(blocks_, kNumSizes - 1)];
    if (limit_ >= 0) block = std::min(block, limit_ - used);
    block = std::min<Py_ssize_t>(block, Py_ssize_t(UINT32_MAX));
    if (used > PY_SSIZE_T_MAX - block) {
      PyErr_NoMemory();
      return false;
    }
    try {
      buf_.resize(size_t(used + block));
    } catch (...) {
      PyErr_NoMemory();
      return false;
    }
    blocks_++;
    zst->next_out = reinterpret_cast<Bytef*>(buf_.data()) + used;
    zst->avail_out = uInt(block);
    return true;
  }
  // Bytes produced so far.
  Py_ssize_t size(const z_stream* zst) const {
    if (buf_.empty()) return 0;
    return Py_ssize_t(buf_.size()) - Py_ssize_t(zst->avail_out);
  }
  bool at_limit(const z_stream* zst) const { return limit_ >= 0 && size(zst) >= limit_; }
  PyObject* finish(const z_stream* zst) const {
    return PyBytes_FromStringAndSize(buf_.data(), size(zst));
  }

 private:
  std::string buf_;
  size_t blocks_ = 0;
  Py_ssize_t limit_ = -1;
};

// Py_buffer that releases itself.
struct Buffer {
  Py_buffer view{};
  ~Buffer() {
    if (view.obj != nullptr) PyBuffer_Release(&view);
  }
  Bytef* data() const { return static_cast<Bytef*>(view.buf); }
};

// ------------------------------------------------------------ stream objects

struct CompObject {
  PyObject_HEAD
  z_stream zst;
  PyObject* unused_data;
  PyObject* unconsumed_tail;
  char eof;
  bool initialised;
  PyObject* zdict;
  PyThread_type_lock lock;
};

CompObject* C(PyObject* op) { return reinterpret_cast<CompObject*>(op); }

extern PyTypeObject Compress_Type;
extern PyTypeObject Decompress_Type;

// Holds the object's lock for a scope; waits for it with the GIL released.
class StreamLock {
 public:
  explicit StreamLock(CompObject* self) : lock_(self->lock) {
    if (!PyThread_acquire_lock(lock_, 0)) {
      Py_BEGIN_ALLOW_THREADS
      PyThread_acquire_lock(lock_, 1);
      Py_END_ALLOW_THREADS
    }
  }
  ~StreamLock() { PyThread_release_lock(lock_); }
  StreamLock(const StreamLock&) = delete;
  StreamLock& operator=(const StreamLock&) = delete;

 private:
  PyThread_type_lock lock_;
};

CompObject* new_comp_object(PyTypeObject* type) {
  CompObject* self = PyObject_New(CompObject, type);
  if (self == nullptr) return nullptr;
  init_stream(&self->zst);
  self->eof = 0;
  self->initialised = false;
  self->zdict = nullptr;
  self->unused_data = nullptr;
  self->unconsumed_tail = nullptr;
  self->lock = nullptr;
  self->unused_data = PyBytes_FromStringAndSize("", 0);
  self->unconsumed_tail = PyBytes_FromStringAndSize("", 0);
  if (self->unused_data == nullptr || self->unconsumed_tail == nullptr) {
    Py_DECREF(self);
    return nullptr;
  }
  self->lock = PyThread_allocate_lock();
  if (self->lock == nullptr) {
    Py_DECREF(self);
    PyErr_SetString(PyExc_MemoryError, "Unable to allocate lock");
    return nullptr;
  }
  return self;
}

void release_fields(CompObject* self) {
  if (self->lock != nullptr) PyThread_free_lock(self->lock);
  Py_XDECREF(self->unused_data);
  Py_XDECREF(self->unconsumed_tail);
  Py_XDECREF(self->zdict);
  PyObject_Free(self);
}

void comp_dealloc(PyObject* op) {
  if (C(op)->initialised) deflateEnd(&C(op)->zst);
  release_fields(C(op));
}

void decomp_dealloc(PyObject* op) {
  if (C(op)->initialised) inflateEnd(&C(op)->zst);
  release_fields(C(op));
}

int set_inflate_zdict(CompObject* self) {
  Buffer zdict;
  if (PyObject_GetBuffer(self->zdict, &zdict.view, PyBUF_SIMPLE) == -1) return -1;
  if (size_t(zdict.view.len) > UINT_MAX) {
    PyErr_SetString(PyExc_OverflowError, "zdict length does not fit in an unsigned int");
    return -1;
  }
  int err = inflateSetDictionary(&self->zst, zdict.data(), uInt(zdict.view.len));
  if (err != Z_OK) {
    set_zlib_error(self->zst, err, "while setting zdict");
    return -1;
  }
  return 0;
}

// ------------------------------------------------------------ module functions

PyObject* zlib_compress(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"", "level", "wbits", nullptr};
  Buffer data;
  int level = Z_DEFAULT_COMPRESSION;
  int wbits = MAX_WBITS;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "y*|ii:compress", const_cast<char**>(kwlist),
                                   &data.view, &level, &wbits))
    return nullptr;
  z_stream zst;
  init_stream(&zst);
  Output out;
  if (!out.init(&zst, 0, -1)) return nullptr;
  zst.next_in = data.data();
  Py_ssize_t remains = data.view.len;
  int err = deflateInit2(&zst, level, Z_DEFLATED, wbits, kDefMemLevel, Z_DEFAULT_STRATEGY);
  switch (err) {
    case Z_OK: break;
    case Z_MEM_ERROR:
      PyErr_SetString(PyExc_MemoryError, "Out of memory while compressing data");
      return nullptr;
    case Z_STREAM_ERROR:
      PyErr_SetString(ZlibError, "Bad compression level");
      return nullptr;
    default:
      deflateEnd(&zst);
      set_zlib_error(zst, err, "while compressing data");
      return nullptr;
  }
  int flush;
  do {
    feed_input(&zst, &remains);
    flush = remains == 0 ? Z_FINISH : Z_NO_FLUSH;
    do {
      if (zst.avail_out == 0 && !out.grow(&zst)) {
        deflateEnd(&zst);
        return nullptr;
      }
      Py_BEGIN_ALLOW_THREADS
      err = deflate(&zst, flush);
      Py_END_ALLOW_THREADS
      if (err == Z_STREAM_ERROR) {
        deflateEnd(&zst);
        set_zlib_error(zst, err, "while compressing data");
        return nullptr;
      }
    } while (zst.avail_out == 0);
  } while (flush != Z_FINISH);
  err = deflateEnd(&zst);
  if (err != Z_OK) {
    set_zlib_error(zst, err, "while finishing compression");
    return nullptr;
  }
  return out.finish(&zst);
}

PyObject* zlib_decompress(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"", "wbits", "bufsize", nullptr};
  Buffer data;
  int wbits = MAX_WBITS;
  Py_ssize_t bufsize = kDefBufSize;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "y*|in:decompress", const_cast<char**>(kwlist),
                                   &data.view, &wbits, &bufsize))
    return nullptr;
  if (bufsize < 0) {
    PyErr_SetString(PyExc_ValueError, "bufsize must be non-negative");
    return nullptr;
  }
  if (bufsize == 0) bufsize = 1;
  z_stream zst;
  init_stream(&zst);
  Output out;
  if (!out.init(&zst, bufsize, -1)) return nullptr;
  zst.next_in = data.data();
  zst.avail_in = 0;
  Py_ssize_t remains = data.view.len;
  int err = inflateInit2(&zst, wbits);
  switch (err) {
    case Z_OK: break;
    case Z_MEM_ERROR:
      PyErr_SetString(PyExc_MemoryError, "Out of memory while decompressing data");
      return nullptr;
    default:
      inflateEnd(&zst);
      set_zlib_error(zst, err, "while preparing to decompress data");
      return nullptr;
  }
  do {
    feed_input(&zst, &remains);
    int flush = remains == 0 ? Z_FINISH : Z_NO_FLUSH;
    do {
      if (zst.avail_out == 0 && !out.grow(&zst)) {
        inflateEnd(&zst);
        return nullptr;
      }
      Py_BEGIN_ALLOW_THREADS
      err = inflate(&zst, flush);
      Py_END_ALLOW_THREADS
      switch (err) {
        case Z_OK:
        case Z_BUF_ERROR:
        case Z_STREAM_END: break;
        case Z_MEM_ERROR:
          inflateEnd(&zst);
          PyErr_SetString(PyExc_MemoryError, "Out of memory while decompressing data");
          return nullptr;
        default:
          inflateEnd(&zst);
          set_zlib_error(zst, err, "while decompressing data");
          return nullptr;
      }
    } while (zst.avail_out == 0);
  } while (err != Z_STREAM_END && remains != 0);
  if (err != Z_STREAM_END) {
    inflateEnd(&zst);
    set_zlib_error(zst, err, "while decompressing data");
    return nullptr;
  }
  err = inflateEnd(&zst);
  if (err != Z_OK) {
    set_zlib_error(zst, err, "while finishing decompression");
    return nullptr;
  }
  return out.finish(&zst);
}

PyObject* zlib_compressobj(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"level", "method", "wbits", "memLevel", "strategy", "zdict",
                                 nullptr};
  int level = Z_DEFAULT_COMPRESSION, method = Z_DEFLATED, wbits = MAX_WBITS;
  int mem_level = kDefMemLevel, strategy = Z_DEFAULT_STRATEGY;
  Buffer zdict;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|iiiiiy*:compressobj",
                                   const_cast<char**>(kwlist), &level, &method, &wbits,
                                   &mem_level, &strategy, &zdict.view))
    return nullptr;
  if (zdict.view.buf != nullptr && size_t(zdict.view.len) > UINT_MAX) {
    PyErr_SetString(PyExc_OverflowError, "zdict length does not fit in an unsigned int");
    return nullptr;
  }
  Ref<CompObject> self = steal(new_comp_object(&Compress_Type));
  if (!self) return nullptr;
  int err = deflateInit2(&self->zst, level, method, wbits, mem_level, strategy);
  switch (err) {
    case Z_OK:
      self->initialised = true;
      if (zdict.view.buf == nullptr) return reinterpret_cast<PyObject*>(self.release());
      err = deflateSetDictionary(&self->zst, zdict.data(), uInt(zdict.view.len));
      if (err == Z_OK) return reinterpret_cast<PyObject*>(self.release());
      PyErr_SetString(PyExc_ValueError,
                      err == Z_STREAM_ERROR ? "Invalid dictionary" : "deflateSetDictionary()");
      return nullptr;
    case Z_MEM_ERROR:
      PyErr_SetString(PyExc_MemoryError, "Can't allocate memory for compression object");
      return nullptr;
    case Z_STREAM_ERROR:
      PyErr_SetString(PyExc_ValueError, "Invalid initialization option");
      return nullptr;
    default:
      set_zlib_error(self->zst, err, "while creating compression object");
      return nullptr;
  }
}

PyObject* zlib_decompressobj(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"wbits", "zdict", nullptr};
  int wbits = MAX_WBITS;
  PyObject* zdict = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|iO:decompressobj", const_cast<char**>(kwlist),
                                   &wbits, &zdict))
    return nullptr;
  if (zdict != nullptr && !PyObject_CheckBuffer(zdict)) {
    PyErr_SetString(PyExc_TypeError, "zdict argument must support the buffer protocol");
    return nullptr;
  }
  Ref<CompObject> self = steal(new_comp_object(&Decompress_Type));
  if (!self) return nullptr;
  self->zdict = Py_XNewRef(zdict);
  int err = inflateInit2(&self->zst, wbits);
  switch (err) {
    case Z_OK:
      self->initialised = true;
      // A raw stream has no header to ask for the dictionary: set it now.
      if (self->zdict != nullptr && wbits < 0 && set_inflate_zdict(self.get()) < 0) return nullptr;
      return reinterpret_cast<PyObject*>(self.release());
    case Z_STREAM_ERROR:
      PyErr_SetString(PyExc_ValueError, "Invalid initialization option");
      return nullptr;
    case Z_MEM_ERROR:
      PyErr_SetString(PyExc_MemoryError, "Can't allocate memory for decompression object");
      return nullptr;
    default:
      set_zlib_error(self->zst, err, "while creating decompression object");
      return nullptr;
  }
}

// crc32 / adler32: the running value is an unsigned int taken bitwise
// (negative and oversized ints wrap), the result always 0..2**32-1.
template <uLong (*Fn)(uLong, const Bytef*, uInt)>
PyObject* checksum(PyObject* const* args, Py_ssize_t nargs, const char* fname,
                   unsigned int start) {
  if (nargs < 1 || nargs > 2) {
    PyErr_Format(PyExc_TypeError, "%s expected %s, got %zd", fname,
                 nargs < 1 ? "at least 1 argument" : "at most 2 arguments", nargs);
    return nullptr;
  }
  Buffer data;
  if (PyObject_GetBuffer(args[0], &data.view, PyBUF_SIMPLE) != 0) return nullptr;
  unsigned int value = start;
  if (nargs == 2) {
    unsigned long v = PyLong_AsUnsignedLongMask(args[1]);
    if (v == static_cast<unsigned long>(-1) && PyErr_Occurred()) return nullptr;
    value = static_cast<unsigned int>(v);
  }
  uLong v = value;
  const Bytef* p = data.data();
  Py_ssize_t len = data.view.len;
  auto run = [&] {
    while (size_t(len) > UINT_MAX) {
      v = Fn(v, p, UINT_MAX);
      p += UINT_MAX;
      len -= UINT_MAX;
    }
    v = Fn(v, p, uInt(len));
  };
  if (len > kChecksumGilThreshold) {
    Py_BEGIN_ALLOW_THREADS
    run();
    Py_END_ALLOW_THREADS
  } else {
    run();
  }
  return PyLong_FromUnsignedLong(v & 0xffffffffU);
}

PyObject* zlib_crc32(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  return checksum<crc32>(args, nargs, "crc32", 0);
}
PyObject* zlib_adler32(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  return checksum<adler32>(args, nargs, "adler32", 1);
}

// ------------------------------------------------------------ Compress methods

PyObject* comp_compress(PyObject* op, PyObject* args) {
  CompObject* self = C(op);
  Buffer data;
  if (!PyArg_ParseTuple(args, "y*:compress", &data.view)) return nullptr;
  StreamLock lock(self);
  Output out;
  if (!out.init(&self->zst, 0, -1)) return nullptr;
  self->zst.next_in = data.data();
  Py_ssize_t remains = data.view.len;
  do {
    feed_input(&self->zst, &remains);
    do {
      if (self->zst.avail_out == 0 && !out.grow(&self->zst)) return nullptr;
      int err;
      Py_BEGIN_ALLOW_THREADS
      err = deflate(&self->zst, Z_NO_FLUSH);
      Py_END_ALLOW_THREADS
      if (err == Z_STREAM_ERROR) {
        set_zlib_error(self->zst, err, "while compressing data");
        return nullptr;
      }
    } while (self->zst.avail_out == 0);
  } while (remains != 0);
  return out.finish(&self->zst);
}

PyObject* comp_flush(PyObject* op, PyObject* args) {
  CompObject* self = C(op);
  int mode = Z_FINISH;
  if (!PyArg_ParseTuple(args, "|i:flush", &mode)) return nullptr;
  // Flushing with Z_NO_FLUSH does nothing.
  if (mode == Z_NO_FLUSH) return PyBytes_FromStringAndSize(nullptr, 0);
  StreamLock lock(self);
  self->zst.avail_in = 0;
  Output out;
  if (!out.init(&self->zst, 0, -1)) return nullptr;
  int err;
  do {
    if (self->zst.avail_out == 0 && !out.grow(&self->zst)) return nullptr;
    Py_BEGIN_ALLOW_THREADS
    err = deflate(&self->zst, mode);
    Py_END_ALLOW_THREADS
    if (err == Z_STREAM_ERROR) {
      set_zlib_error(self->zst, err, "while flushing");
      return nullptr;
    }
  } while (self->zst.avail_out == 0);
  if (err == Z_STREAM_END && mode == Z_FINISH) {
    err = deflateEnd(&self->zst);
    if (err != Z_OK) {
      set_zlib_error(self->zst, err, "while finishing compression");
      return nullptr;
    }
    self->initialised = false;
  } else if (err != Z_OK && err != Z_BUF_ERROR) {
    // Z_BUF_ERROR only means the last call had nothing more to write.
    set_zlib_error(self->zst, err, "while flushing");
    return nullptr;
  }
  return out.finish(&self->zst);
}

// copy() for both kinds; `copy_stream` is deflateCopy or inflateCopy.
PyObject* copy_object(CompObject* self, PyTypeObject* type, int (*copy_stream)(z_streamp, z_streamp),
                      const char* what_alloc, const char* what_copy) {
  Ref<CompObject> result = steal(new_comp_object(type));
  if (!result) return nullptr;
  StreamLock lock(self);
  int err = copy_stream(&result->zst, &self->zst);
  switch (err) {
    case Z_OK: break;
    case Z_STREAM_ERROR:
      PyErr_SetString(PyExc_ValueError, "Inconsistent stream state");
      return nullptr;
    case Z_MEM_ERROR:
      PyErr_SetString(PyExc_MemoryError, what_alloc);
      return nullptr;
    default:
      set_zlib_error(self->zst, err, what_copy);
      return nullptr;
  }
  Py_XSETREF(result->unused_data, Py_NewRef(self->unused_data));
  Py_XSETREF(result->unconsumed_tail, Py_NewRef(self->unconsumed_tail));
  Py_XSETREF(result->zdict, Py_XNewRef(self->zdict));
  result->eof = self->eof;
  result->initialised = true;
  return reinterpret_cast<PyObject*>(result.release());
}

PyObject* comp_copy(PyObject* op, PyObject*) {
  return copy_object(C(op), &Compress_Type, deflateCopy,
                     "Can't allocate memory for compression object",
                     "while copying compression object");
}
PyObject* comp_deepcopy(PyObject* op, PyObject*) { return comp_copy(op, nullptr); }

// ------------------------------------------------------------ Decompress methods

// After a decompress() or flush() call: input past the end of the stream goes
// to unused_data; input left over because of max_length goes to
// unconsumed_tail (which is cleared once everything was consumed).
int save_unconsumed_input(CompObject* self, const Py_buffer& data, int err) {
  const Bytef* end = static_cast<const Bytef*>(data.buf) + data.len;
  if (err == Z_STREAM_END && self->zst.avail_in > 0) {
    Py_ssize_t old_size = PyBytes_GET_SIZE(self->unused_data);
    Py_ssize_t left = end - self->zst.next_in;
    if (left > PY_SSIZE_T_MAX - old_size) {
      PyErr_NoMemory();
      return -1;
    }
    PyObject* joined = PyBytes_FromStringAndSize(nullptr, old_size + left);
    if (joined == nullptr) return -1;
    std::memcpy(PyBytes_AS_STRING(joined), PyBytes_AS_STRING(self->unused_data), size_t(old_size));
    std::memcpy(PyBytes_AS_STRING(joined) + old_size, self->zst.next_in, size_t(left));
    Py_SETREF(self->unused_data, joined);
    self->zst.avail_in = 0;
  }
  if (self->zst.avail_in > 0 || PyBytes_GET_SIZE(self->unconsumed_tail) != 0) {
    Py_ssize_t left = end - self->zst.next_in;
    PyObject* tail =
        PyBytes_FromStringAndSize(reinterpret_cast<const char*>(self->zst.next_in), left);
    if (tail == nullptr) return -1;
    Py_SETREF(self->unconsumed_tail, tail);
  }
  return 0;
}

PyObject* decomp_decompress(PyObject* op, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"", "max_length", nullptr};
  CompObject* self = C(op);
  Buffer data;
  Py_ssize_t max_length = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "y*|n:decompress", const_cast<char**>(kwlist),
                                   &data.view, &max_length))
    return nullptr;
  if (max_length < 0) {
    PyErr_SetString(PyExc_ValueError, "max_length must be non-negative");
    return nullptr;
  }
  if (max_length == 0) max_length = -1;
  StreamLock lock(self);
  self->zst.next_in = data.data();
  Py_ssize_t remains = data.view.len;
  Output out;
  if (!out.init(&self->zst, 0, max_length))
    return nullptr;
  int err = Z_OK;
  bool stop = false;
  do {
    feed_input(&self->zst, &remains);
    do {
      if (self->zst.avail_out == 0) {
        if (out.at_limit(&self->zst)) {
          stop = true;
          break;
        }
        if (!out.grow(&self->zst)) return nullptr;
      }
      Py_BEGIN_ALLOW_THREADS
      err = inflate(&self->zst, Z_SYNC_FLUSH);
      Py_END_ALLOW_THREADS
      if (err == Z_OK || err == Z_BUF_ERROR || err == Z_STREAM_END) continue;
      if (err == Z_NEED_DICT && self->zdict != nullptr) {
        if (set_inflate_zdict(self) < 0) return nullptr;
        continue;
      }
      stop = true;
      break;
    } while (self->zst.avail_out == 0 || err == Z_NEED_DICT);
  } while (!stop && err != Z_STREAM_END && remains != 0);
  if (save_unconsumed_input(self, data.view, err) < 0) return nullptr;
  if (err == Z_STREAM_END) {
    // inflateEnd waits for flush(), as CPython has always done.
    self->eof = 1;
  } else if (err != Z_OK && err != Z_BUF_ERROR) {
    set_zlib_error(self->zst, err, "while decompressing data");
    return nullptr;
  }
  return out.finish(&self->zst);
}

PyObject* decomp_flush(PyObject* op, PyObject* args) {
  CompObject* self = C(op);
  Py_ssize_t length = kDefBufSize;
  if (!PyArg_ParseTuple(args, "|n:flush", &length)) return nullptr;
  if (length <= 0) {
    PyErr_SetString(PyExc_ValueError, "length must be greater than zero");
    return nullptr;
  }
  StreamLock lock(self);
  // unconsumed_tail may be replaced below: keep the input alive.
  Buffer data;
  if (PyObject_GetBuffer(self->unconsumed_tail, &data.view, PyBUF_SIMPLE) == -1) return nullptr;
  self->zst.next_in = data.data();
  Py_ssize_t remains = data.view.len;
  Output out;
  if (!out.init(&self->zst, length, -1)) return nullptr;
  int err = Z_OK;
  bool stop = false;
  do {
    feed_input(&self->zst, &remains);
    int flush = remains == 0 ? Z_FINISH : Z_NO_FLUSH;
    do {
      if (self->zst.avail_out == 0 && !out.grow(&self->zst)) return nullptr;
      Py_BEGIN_ALLOW_THREADS
      err = inflate(&self->zst, flush);
      Py_END_ALLOW_THREADS
      if (err != Z_OK && err != Z_BUF_ERROR && err != Z_STREAM_END) {
        stop = true;
        break;
      }
    } while (self->zst.avail_out == 0 || err == Z_NEED_DICT);
  } while (!stop && err != Z_STREAM_END && remains != 0);
  if (save_unconsumed_input(self, data.view, err) < 0) return nullptr;
  if (err == Z_STREAM_END) {
    self->eof = 1;
    self->initialised = false;
    err = inflateEnd(&self->zst);
    if (err != Z_OK) {
      set_zlib_error(self->zst, err, "while finishing decompression");
      return nullptr;
    }
  }
  return out.finish(&self->zst);
}

PyObject* decomp_copy(PyObject* op, PyObject*) {
  return copy_object(C(op), &Decompress_Type, inflateCopy,
                     "Can't allocate memory for decompression object",
                     "while copying decompression object");
}
PyObject* decomp_deepcopy(PyObject* op, PyObject*) { return decomp_copy(op, nullptr); }

// ------------------------------------------------------------ type objects

// Signatures only: in CPython 3.11 these (defining-class) methods have no
// docstring body, so __doc__ is None.
PyMethodDef comp_methods[] = {
    {"compress", comp_compress, METH_VARARGS,
     "compress($self, data, /)\n--\n\n"},
    {"flush", comp_flush, METH_VARARGS,
     "flush($self, mode=zlib.Z_FINISH, /)\n--\n\n"},
    {"copy", comp_copy, METH_NOARGS,
     "copy($self, /)\n--\n\n"},
    {"__copy__", comp_copy, METH_NOARGS, "__copy__($self, /)\n--\n\n"},
    {"__deepcopy__", comp_deepcopy, METH_O, "__deepcopy__($self, memo, /)\n--\n\n"},
    {nullptr, nullptr, 0, nullptr},
};

PyMethodDef decomp_methods[] = {
    {"decompress", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(decomp_decompress)),
     METH_VARARGS | METH_KEYWORDS,
     "decompress($self, data, /, max_length=0)\n--\n\n"},
    {"flush", decomp_flush, METH_VARARGS,
     "flush($self, length=zlib.DEF_BUF_SIZE, /)\n--\n\n"},
    {"copy", decomp_copy, METH_NOARGS,
     "copy($self, /)\n--\n\n"},
    {"__copy__", decomp_copy, METH_NOARGS, "__copy__($self, /)\n--\n\n"},
    {"__deepcopy__", decomp_deepcopy, METH_O, "__deepcopy__($self, memo, /)\n--\n\n"},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef decomp_members[] = {
    {"unused_data", T_OBJECT, offsetof(CompObject, unused_data), READONLY, nullptr},
    {"unconsumed_tail", T_OBJECT, offsetof(CompObject, unconsumed_tail), READONLY, nullptr},
    {"eof", T_BOOL, offsetof(CompObject, eof), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyTypeObject Compress_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "zlib.Compress",
    .tp_basicsize = sizeof(CompObject),
    .tp_dealloc = comp_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_methods = comp_methods,
};

PyTypeObject Decompress_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "zlib.Decompress",
    .tp_basicsize = sizeof(CompObject),
    .tp_dealloc = decomp_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_methods = decomp_methods,
    .tp_members = decomp_members,
};

// ------------------------------------------------------------ module

PyMethodDef zlib_methods[] = {
    {"adler32", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(zlib_adler32)),
     METH_FASTCALL,
     "adler32($module, data, value=1, /)\n--\n\n"
     "Compute an Adler-32 checksum of data.\n\n"
     "  value\n    Starting value of the checksum.\n\n"
     "The returned checksum is an integer."},
    {"compress", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(zlib_compress)),
     METH_VARARGS | METH_KEYWORDS,
     "compress($module, data, /, level=Z_DEFAULT_COMPRESSION, wbits=MAX_WBITS)\n--\n\n"
     "Returns a bytes object containing compressed data.\n\n"
     "  data\n    Binary data to be compressed.\n"
     "  level\n    Compression level, in 0-9 or -1.\n"
     "  wbits\n    The window buffer size and container format."},
    {"compressobj", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(zlib_compressobj)),
     METH_VARARGS | METH_KEYWORDS,
     "compressobj($module, /, level=Z_DEFAULT_COMPRESSION, method=DEFLATED,\n"
     "            wbits=MAX_WBITS, memLevel=DEF_MEM_LEVEL,\n"
     "            strategy=Z_DEFAULT_STRATEGY, zdict=None)\n--\n\n"
     "Return a compressor object.\n\n"
     "  level\n"
     "    The compression level (an integer in the range 0-9 or -1; default is\n"
     "    currently equivalent to 6).  Higher compression levels are slower,\n"
     "    but produce smaller results.\n"
     "  method\n"
     "    The compression algorithm.  If given, this must be DEFLATED.\n"
     "  wbits\n"
     "    +9 to +15: The base-two logarithm of the window size.  Include a zlib\n"
     "        container.\n"
     "    -9 to -15: Generate a raw stream.\n"
     "    +25 to +31: Include a gzip container.\n"
     "  memLevel\n"
     "    Controls the amount of memory used for internal compression state.\n"
     "    Valid values range from 1 to 9.  Higher values result in higher memory\n"
     "    usage, faster compression, and smaller output.\n"
     "  strategy\n"
     "    Used to tune the compression algorithm.  Possible values are\n"
     "    Z_DEFAULT_STRATEGY, Z_FILTERED, and Z_HUFFMAN_ONLY.\n"
     "  zdict\n"
     "    The predefined compression dictionary - a sequence of bytes\n"
     "    containing subsequences that are likely to occur in the input data."},
    {"crc32", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(zlib_crc32)),
     METH_FASTCALL,
     "crc32($module, data, value=0, /)\n--\n\n"
     "Compute a CRC-32 checksum of data.\n\n"
     "  value\n    Starting value of the checksum.\n\n"
     "The returned checksum is an integer."},
    {"decompress", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(zlib_decompress)),
     METH_VARARGS | METH_KEYWORDS,
     "decompress($module, data, /, wbits=MAX_WBITS, bufsize=DEF_BUF_SIZE)\n--\n\n"
     "Returns a bytes object containing the uncompressed data.\n\n"
     "  data\n    Compressed data.\n"
     "  wbits\n    The window buffer size and container format.\n"
     "  bufsize\n    The initial output buffer size."},
    {"decompressobj",
     reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(zlib_decompressobj)),
     METH_VARARGS | METH_KEYWORDS,
     "decompressobj($module, /, wbits=MAX_WBITS, zdict=b'')\n--\n\n"
     "Return a decompressor object.\n\n"
     "  wbits\n    The window buffer size and container format.\n"
     "  zdict\n    The predefined compression dictionary.  This must be the same\n"
     "    dictionary as used by the compressor that produced the input data."},
    {nullptr, nullptr, 0, nullptr},
};

const char kModuleDoc[] =
    "The functions in this module allow compression and decompression using the\n"
    "zlib library, which is based on GNU zip.\n"
    "\n"
    "adler32(string[, start]) -- Compute an Adler-32 checksum.\n"
    "compress(data[, level]) -- Compress data, with compression level 0-9 or -1.\n"
    "compressobj([level[, ...]]) -- Return a compressor object.\n"
    "crc32(string[, start]) -- Compute a CRC-32 checksum.\n"
    "decompress(string,[wbits],[bufsize]) -- Decompresses a compressed string.\n"
    "decompressobj([wbits[, zdict]]) -- Return a decompressor object.\n"
    "\n"
    "'wbits' is window buffer size and container format.\n"
    "Compressor objects support compress() and flush() methods; decompressor\n"
    "objects support decompress() and flush().";

PyModuleDef zlib_module = {
    PyModuleDef_HEAD_INIT, "zlib", kModuleDoc, -1, zlib_methods,
};

}  // namespace

extern "C" PyObject* PyInit_zlib(void) {
  if (PyType_Ready(&Compress_Type) < 0 || PyType_Ready(&Decompress_Type) < 0) return nullptr;
  Ref<> m = steal(PyModule_Create(&zlib_module));
  if (!m) return nullptr;
  if (ZlibError == nullptr) {
    ZlibError = PyErr_NewException("zlib.error", nullptr, nullptr);
    if (ZlibError == nullptr) return nullptr;
  }
  if (PyModule_AddObjectRef(m.get(), "error", ZlibError) < 0) return nullptr;
  struct {
    const char* name;
    long value;
  } constants[] = {
      {"MAX_WBITS", MAX_WBITS},
      {"DEFLATED", Z_DEFLATED},
      {"DEF_MEM_LEVEL", kDefMemLevel},
      {"DEF_BUF_SIZE", kDefBufSize},
      {"Z_NO_COMPRESSION", Z_NO_COMPRESSION},
      {"Z_BEST_SPEED", Z_BEST_SPEED},
      {"Z_BEST_COMPRESSION", Z_BEST_COMPRESSION},
      {"Z_DEFAULT_COMPRESSION", Z_DEFAULT_COMPRESSION},
      {"Z_FILTERED", Z_FILTERED},
      {"Z_HUFFMAN_ONLY", Z_HUFFMAN_ONLY},
      {"Z_RLE", Z_RLE},
      {"Z_FIXED", Z_FIXED},
      {"Z_DEFAULT_STRATEGY", Z_DEFAULT_STRATEGY},
      {"Z_NO_FLUSH", Z_NO_FLUSH},
      {"Z_PARTIAL_FLUSH", Z_PARTIAL_FLUSH},
      {"Z_SYNC_FLUSH", Z_SYNC_FLUSH},
      {"Z_FULL_FLUSH", Z_FULL_FLUSH},
      {"Z_FINISH", Z_FINISH},
      {"Z_BLOCK", Z_BLOCK},
      {"Z_TREES", Z_TREES},
  };
  for (const auto& c : constants)
    if (PyModule_AddIntConstant(m.get(), c.name, c.value) < 0) return nullptr;
  if (PyModule_AddStringConstant(m.get(), "ZLIB_VERSION", ZLIB_VERSION) < 0 ||
      PyModule_AddStringConstant(m.get(), "ZLIB_RUNTIME_VERSION", zlibVersion()) < 0 ||
      PyModule_AddStringConstant(m.get(), "__version__", "1.0") < 0)
    return nullptr;
  return m.release();
}
