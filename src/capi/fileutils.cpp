// File-system helpers of the C API (fileutils.h, cpython/fileutils.h and the
// _Py_* functions of internal/pycore_fileutils.h that extension binaries
// import: mmap, _ssl, ossaudiodev, termios, _sqlite3, readline...).
//
// Conventions as CPython's: the raising variants set OSError from errno (with
// the file name where there is one) and retry on EINTR; blocking calls run
// between Py_BEGIN/END_ALLOW_THREADS; new descriptors are non-inheritable.
#include <Python.h>

#include "capi/fileutils.h"

#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstring>
#include <cwchar>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// Calls a blocking system call with the GIL released, retrying on EINTR
// after running the signal handlers (PEP 475): a handler's exception (Ctrl-C)
// ends the call with -1 and the exception set. On failure errno is the
// call's. *raised tells a handler's exception from a plain failure.
template <typename F>
auto retry_eintr(F f, bool* raised) {
  decltype(f()) r;
  *raised = false;
  for (;;) {
    int err;
    Py_BEGIN_ALLOW_THREADS
    r = f();
    err = errno;
    Py_END_ALLOW_THREADS
    errno = err;
    if (!(r < 0 && err == EINTR)) return r;
    if (PyErr_CheckSignals() < 0) {
      *raised = true;
      errno = EINTR;
      return r;
    }
  }
}

// Sets OSError from errno unless a signal handler's exception is pending;
// errno is kept for callers that test it (EAGAIN).
void set_errno_error(bool raised) {
  int err = errno;
  if (!raised) PyErr_SetFromErrno(PyExc_OSError);
  errno = err;
}

// CPython caps one read/write at PY_SSIZE_T_MAX bytes.
size_t clamp_count(size_t count) {
  return count > static_cast<size_t>(PY_SSIZE_T_MAX) ? static_cast<size_t>(PY_SSIZE_T_MAX) : count;
}

}  // namespace

// Some of these are declared only in CPython's internal headers, so nothing
// gives them default visibility but this.
#pragma GCC visibility push(default)
extern "C" {

// -- File-system encoding globals (deprecated in 3.11, still read by _cffi_backend)
// Krait's file-system encoding is always UTF-8 with surrogateescape, as
// CPython's on a UTF-8 or C locale.
_Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wdeprecated-declarations\"")
const char* Py_FileSystemDefaultEncoding = "utf-8";
const char* Py_FileSystemDefaultEncodeErrors = "surrogateescape";
int Py_HasFileSystemDefaultEncoding = 1;
_Pragma("GCC diagnostic pop")

// -- Path converters ("O&" converters with cleanup support) ------------------

int PyUnicode_FSConverter(PyObject* arg, void* addr) {
  if (arg == nullptr) {  // cleanup call after a later conversion failed
    Py_DECREF(*static_cast<PyObject**>(addr));
    *static_cast<PyObject**>(addr) = nullptr;
    return 1;
  }
  PyObject* path = PyOS_FSPath(arg);
  if (path == nullptr) return 0;
  PyObject* output;
  if (PyBytes_Check(path)) {
    output = path;
  } else {
    output = PyUnicode_EncodeFSDefault(path);
    Py_DECREF(path);
    if (output == nullptr) return 0;
  }
  if (strlen(PyBytes_AS_STRING(output)) != size_t(PyBytes_GET_SIZE(output))) {
    PyErr_SetString(PyExc_ValueError, "embedded null byte");
    Py_DECREF(output);
    return 0;
  }
  *static_cast<PyObject**>(addr) = output;
  return Py_CLEANUP_SUPPORTED;
}

int PyUnicode_FSDecoder(PyObject* arg, void* addr) {
  if (arg == nullptr) {
    Py_DECREF(*static_cast<PyObject**>(addr));
    *static_cast<PyObject**>(addr) = nullptr;
    return 1;
  }
  // Other buffers (bytearray, memoryview) are still accepted, with a DeprecationWarning.
  bool is_buffer = PyObject_CheckBuffer(arg);
  PyObject* path = is_buffer ? Py_NewRef(arg) : PyOS_FSPath(arg);
  if (path == nullptr) return 0;
  PyObject* output;
  if (PyUnicode_Check(path)) {
    output = path;
  } else if (PyBytes_Check(path) || is_buffer) {
    if (!PyBytes_Check(path) &&
        PyErr_WarnFormat(PyExc_DeprecationWarning, 1, "path should be string, bytes, or os.PathLike, not %.200s",
                         Py_TYPE(arg)->tp_name) < 0) {
      Py_DECREF(path);
      return 0;
    }
    PyObject* bytes = PyBytes_FromObject(path);
    Py_DECREF(path);
    if (bytes == nullptr) return 0;
    output = PyUnicode_DecodeFSDefaultAndSize(PyBytes_AS_STRING(bytes), PyBytes_GET_SIZE(bytes));
    Py_DECREF(bytes);
    if (output == nullptr) return 0;
  } else {
    PyErr_Format(PyExc_TypeError, "path should be string, bytes, or os.PathLike, not %.200s",
                 Py_TYPE(arg)->tp_name);
    Py_DECREF(path);
    return 0;
  }
  if (PyUnicode_FindChar(output, 0, 0, PyUnicode_GET_LENGTH(output), 1) != -1) {
    PyErr_SetString(PyExc_ValueError, "embedded null character");
    Py_DECREF(output);
    return 0;
  }
  *static_cast<PyObject**>(addr) = output;
  return Py_CLEANUP_SUPPORTED;
}

int _PyLong_FileDescriptor_Converter(PyObject* o, void* ptr) {
  int fd = PyObject_AsFileDescriptor(o);
  if (fd == -1) return 0;
  *static_cast<int*>(ptr) = fd;
  return 1;
}

// io.open(fd, ...) as a C call (PyFile_FromFd).
PyObject* PyFile_FromFd(int fd, const char* name, const char* mode, int buffering,
                        const char* encoding, const char* errors, const char* newline,
                        int closefd) {
  PyObject* io = PyImport_ImportModule("_io");
  if (io == nullptr) return nullptr;
  PyObject* f = PyObject_CallMethod(io, "open", "isizzzi", fd, mode, buffering, encoding, errors,
                                    newline, closefd ? 1 : 0);
  Py_DECREF(io);
  return f;
}

// -- Locale decoding -----------------------------------------------------------

// The current locale's multibyte text -> a PyMem_RawMalloc'ed wide string,
// undecodable bytes as lone surrogates U+DC80..U+DCFF (surrogateescape).
wchar_t* Py_DecodeLocale(const char* arg, size_t* wlen) {
  size_t n = strlen(arg);
  auto* out = static_cast<wchar_t*>(PyMem_RawMalloc((n + 1) * sizeof(wchar_t)));
  if (out == nullptr) {
    if (wlen) *wlen = size_t(-1);
    return nullptr;
  }
  std::mbstate_t st{};
  size_t i = 0, k = 0;
  while (i < n) {
    wchar_t wc;
    size_t used = std::mbrtowc(&wc, arg + i, n - i, &st);
    if (used == size_t(-1) || used == size_t(-2) || (wc >= 0xD800 && wc <= 0xDFFF)) {
      out[k++] = wchar_t(0xDC00 + static_cast<unsigned char>(arg[i]));
      i++;
      st = std::mbstate_t{};
      continue;
    }
    if (used == 0) used = 1;
    out[k++] = wc;
    i += used;
  }
  out[k] = 0;
  if (wlen) *wlen = k;
  return out;
}

char* _Py_SetLocaleFromEnv(int category) { return setlocale(category, ""); }

// _Py_DecodeLocaleEx / _Py_EncodeLocaleEx (internal/pycore_fileutils.h): the
// strict or surrogateescape forms of the two above. The error handler is
// CPython's _Py_error_handler enum, passed as an int (C ABI): 1 strict,
// 2 surrogateescape; others return -3. 0 on success, -1 out of memory,
// -2 undecodable/unencodable input (*wlen / *error_pos = its position).
namespace {
constexpr int kErrStrict = 1;
constexpr int kErrSurrogateEscape = 2;
}  // namespace

extern "C" PyAPI_FUNC(int) _Py_DecodeLocaleEx(const char* arg, wchar_t** wstr, size_t* wlen,
                                               const char** reason, int current_locale,
                                               int errors);
int _Py_DecodeLocaleEx(const char* arg, wchar_t** wstr, size_t* wlen, const char** reason,
                       int current_locale, int errors) {
  if (errors != kErrStrict && errors != kErrSurrogateEscape) return -3;
  size_t n = strlen(arg);
  auto* out = static_cast<wchar_t*>(PyMem_RawMalloc((n + 1) * sizeof(wchar_t)));
  if (out == nullptr) return -1;
  std::mbstate_t st{};
  size_t i = 0, k = 0;
  while (i < n) {
    wchar_t wc;
    size_t used = std::mbrtowc(&wc, arg + i, n - i, &st);
    bool bad = used == size_t(-1) || used == size_t(-2) || (wc >= 0xD800 && wc <= 0xDFFF);
    if (bad) {
      if (errors == kErrStrict) {
        PyMem_RawFree(out);
        if (wlen) *wlen = i;
        if (reason) *reason = "decoding error";
        return -2;
      }
      out[k++] = wchar_t(0xDC00 + static_cast<unsigned char>(arg[i]));
      i++;
      st = std::mbstate_t{};
      continue;
    }
    if (used == 0) used = 1;
    out[k++] = wc;
    i += used;
  }
  out[k] = 0;
  *wstr = out;
  if (wlen) *wlen = k;
  return 0;
}

extern "C" PyAPI_FUNC(int) _Py_EncodeLocaleEx(const wchar_t* text, char** str, size_t* error_pos,
                                               const char** reason, int current_locale,
                                               int errors);
int _Py_EncodeLocaleEx(const wchar_t* text, char** str, size_t* error_pos, const char** reason,
                       int current_locale, int errors) {
  if (errors != kErrStrict && errors != kErrSurrogateEscape) return -3;
  size_t n = wcslen(text);
  size_t cap = n * MB_LEN_MAX + 1;
  auto* out = static_cast<char*>(PyMem_RawMalloc(cap));
  if (out == nullptr) return -1;
  std::mbstate_t st{};
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    wchar_t c = text[i];
    if (errors == kErrSurrogateEscape && c >= 0xDC80 && c <= 0xDCFF) {
      out[k++] = static_cast<char>(c - 0xDC00);
      continue;
    }
    size_t used = (c >= 0xD800 && c <= 0xDFFF) ? size_t(-1) : std::wcrtomb(out + k, c, &st);
    if (used == size_t(-1)) {
      PyMem_RawFree(out);
      if (error_pos) *error_pos = i;
      if (reason) *reason = "encoding error";
      return -2;
    }
    k += used;
  }
  out[k] = 0;
  *str = out;
  return 0;
}

// _Py_normpath: lexical, in-place normalisation of a POSIX path, as CPython's
// getpath uses it: repeated separators and "." segments go, ".." removes the
// previous segment (at the root it is absorbed; a relative path keeps leading
// ".."), trailing separators go, and exactly two leading separators stay.
// Returns the start of the result inside `path`; never fails.
extern "C" PyAPI_FUNC(wchar_t*) _Py_normpath(wchar_t* path, Py_ssize_t size);
wchar_t* _Py_normpath(wchar_t* path, Py_ssize_t size) {
  size_t n = size < 0 ? wcslen(path) : static_cast<size_t>(size);
  if (n == 0) return path;
  size_t r = 0, w = 0;
  // Root part: "/" or exactly "//".
  if (path[0] == L'/') {
    size_t seps = 0;
    while (seps < n && path[seps] == L'/') seps++;
    w = seps == 2 ? 2 : 1;
    for (size_t i = 0; i < w; i++) path[i] = L'/';
    r = seps;
  } else if (n >= 2 && path[0] == L'.' && path[1] == L'/') {
    // A leading "./" is dropped (the result starts after it).
    r = 2;
    while (r < n && path[r] == L'/') r++;
    path += r;
    n -= r;
    r = 0;
  }
  size_t root = w;
  while (r < n) {
    size_t start = r;
    while (r < n && path[r] != L'/') r++;
    size_t len = r - start;
    while (r < n && path[r] == L'/') r++;
    if (len == 0 || (len == 1 && path[start] == L'.')) continue;
    if (len == 2 && path[start] == L'.' && path[start + 1] == L'.') {
      // The previous segment of the output, if any and not itself "..".
      size_t end = w > root && path[w - 1] == L'/' ? w - 1 : w;
      size_t seg = end;
      while (seg > root && path[seg - 1] != L'/') seg--;
      bool prev_is_dotdot = end - seg == 2 && path[seg] == L'.' && path[seg + 1] == L'.';
      if (end > root && !prev_is_dotdot) {
        w = seg;
        continue;
      }
      if (root > 0) continue;  // "/.." is "/"
    }
    if (w > root && path[w - 1] != L'/') path[w++] = L'/';
    std::wmemmove(path + w, path + start, len);
    w += len;
  }
  path[w] = 0;
  return path;
}

// -- File descriptors ------------------------------------------------------------

int _Py_fstat_noraise(int fd, struct stat* status) { return fstat(fd, status); }

int _Py_fstat(int fd, struct stat* status) {
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = fstat(fd, status);
  Py_END_ALLOW_THREADS
  if (r != 0) {
    PyErr_SetFromErrno(PyExc_OSError);
    return -1;
  }
  return 0;
}

int _Py_open_noraise(const char* pathname, int flags) {
  int fd;
  do {
    fd = open(pathname, flags | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  return fd;
}

int _Py_open(const char* pathname, int flags) {
  bool raised;
  int fd = retry_eintr([&] { return open(pathname, flags | O_CLOEXEC); }, &raised);
  if (fd < 0) {
    if (!raised) PyErr_SetFromErrnoWithFilename(PyExc_OSError, pathname);
    return -1;
  }
  return fd;
}

Py_ssize_t _Py_read(int fd, void* buf, size_t count) {
  bool raised;
  count = clamp_count(count);
  Py_ssize_t n = retry_eintr([&] { return read(fd, buf, count); }, &raised);
  if (n < 0) {
    set_errno_error(raised);
    return -1;
  }
  return n;
}

Py_ssize_t _Py_write(int fd, const void* buf, size_t count) {
  bool raised;
  count = clamp_count(count);
  Py_ssize_t n = retry_eintr([&] { return write(fd, buf, count); }, &raised);
  if (n < 0) {
    set_errno_error(raised);
    return -1;
  }
  return n;
}

Py_ssize_t _Py_write_noraise(int fd, const void* buf, size_t count) {
  Py_ssize_t n;
  do {
    n = write(fd, buf, count);
  } while (n < 0 && errno == EINTR);
  return n;
}

int _Py_get_inheritable(int fd) {
  int flags = fcntl(fd, F_GETFD);
  if (flags < 0) {
    PyErr_SetFromErrno(PyExc_OSError);
    return -1;
  }
  return !(flags & FD_CLOEXEC);
}

int _Py_set_inheritable_async_safe(int fd, int inheritable, int* atomic_flag_works) {
  int flags = fcntl(fd, F_GETFD);
  if (flags < 0) return -1;
  int want = inheritable ? (flags & ~FD_CLOEXEC) : (flags | FD_CLOEXEC);
  if (want == flags) return 0;
  return fcntl(fd, F_SETFD, want) < 0 ? -1 : 0;
}

int _Py_set_inheritable(int fd, int inheritable, int* atomic_flag_works) {
  if (_Py_set_inheritable_async_safe(fd, inheritable, atomic_flag_works) < 0) {
    PyErr_SetFromErrno(PyExc_OSError);
    return -1;
  }
  return 0;
}

int _Py_dup(int fd) {
  int r;
  Py_BEGIN_ALLOW_THREADS
  r = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  Py_END_ALLOW_THREADS
  if (r < 0) {
    PyErr_SetFromErrno(PyExc_OSError);
    return -1;
  }
  return r;
}

FILE* _Py_fopen_obj(PyObject* path, const char* mode) {
  PyObject* bytes;
  if (!PyUnicode_FSConverter(path, &bytes)) return nullptr;
  const char* name = PyBytes_AS_STRING(bytes);
  FILE* f;
  do {
    Py_BEGIN_ALLOW_THREADS
    f = fopen(name, mode);
    Py_END_ALLOW_THREADS
  } while (f == nullptr && errno == EINTR);
  if (f == nullptr) {
    PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, path);
    Py_DECREF(bytes);
    return nullptr;
  }
  Py_DECREF(bytes);
  if (_Py_set_inheritable(fileno(f), 0, nullptr) < 0) {
    fclose(f);
    return nullptr;
  }
  return f;
}

}  // extern "C"
#pragma GCC visibility pop
