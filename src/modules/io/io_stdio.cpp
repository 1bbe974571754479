// io_stdio.cpp — sys.stdin/stdout/stderr (and sys.__std*__) as CPython builds
// them: TextIOWrapper over BufferedReader/BufferedWriter over
// FileIO(fd, closefd=False), named '<stdin>' etc.
//
// Encoding: PYTHONIOENCODING ("encoding[:errors]") or the locale's, both
// normalized to the codec's name. Errors: PYTHONIOENCODING's, else
// surrogateescape under the C/POSIX locale and its UTF-8 coercion targets,
// else strict; stderr is always backslashreplace. -u / PYTHONUNBUFFERED:
// stdout/stderr have no binary buffer and the text layer writes through.
// Otherwise streams on a tty, and stderr always, are line-buffered.
#include <Python.h>

#include <fcntl.h>

#include <clocale>
#include <cstdlib>
#include <cstring>
#include <string>

#include "modules/io/io.h"
#include "runtime/config.h"

using namespace krait;

namespace krait::io {

namespace {

// The codec's own name for an encoding ("latin-1" -> "iso8859-1").
PyObject* codec_name(const std::string& encoding) {
  Ref<> info = steal(_PyCodec_Lookup(encoding.c_str()));
  if (!info) return nullptr;
  return PyObject_GetAttrString(info.get(), "name");
}

std::string default_errors() {
  const char* loc = setlocale(LC_CTYPE, nullptr);
  if (loc) {
    for (const char* legacy : {"C", "POSIX", "C.UTF-8", "C.utf8", "UTF-8"})
      if (strcmp(loc, legacy) == 0) return "surrogateescape";
  }
  return "strict";
}

std::string locale_encoding() {
  Ref<> mod = steal(PyImport_ImportModule("_locale"));
  if (mod) {
    Ref<> enc = steal(PyObject_CallMethod(mod.get(), "getencoding", nullptr));
    if (enc && PyUnicode_Check(enc.get())) {
      const char* s = PyUnicode_AsUTF8(enc.get());
      if (s) return s;
    }
  }
  PyErr_Clear();
  return "utf-8";
}

PyObject* create_stdio(int fd, bool write_mode, const char* name, PyObject* encoding,
                       const char* errors, bool buffered_stdio) {
  if (fcntl(fd, F_GETFD) < 0) Py_RETURN_NONE;  // not open: sys.std* is None
  // stdin stays buffered: TextIOWrapper wants read1().
  int buffering = (!buffered_stdio && write_mode) ? 0 : -1;
  Ref<> args = steal(Py_BuildValue("(isiOOOO)", fd, write_mode ? "wb" : "rb", buffering, Py_None,
                                   Py_None, Py_None, Py_False));
  if (!args) return nullptr;
  Ref<> io = steal(PyImport_ImportModule("_io"));
  if (!io) return nullptr;
  Ref<> open = steal(PyObject_GetAttrString(io.get(), "open"));
  if (!open) return nullptr;
  Ref<> buf = steal(PyObject_Call(open.get(), args.get(), nullptr));
  if (!buf) return nullptr;
  Ref<> raw = buffering ? steal(PyObject_GetAttrString(buf.get(), "raw")) : buf;
  if (!raw) return nullptr;
  Ref<> text = steal(PyUnicode_FromString(name));
  if (!text || PyObject_SetAttrString(raw.get(), "name", text.get()) < 0) return nullptr;
  Ref<> res = steal(PyObject_CallMethod(raw.get(), "isatty", nullptr));
  if (!res) return nullptr;
  int isatty = PyObject_IsTrue(res.get());
  if (isatty < 0) return nullptr;
  PyObject* write_through = buffered_stdio ? Py_False : Py_True;
  PyObject* line_buffering = (buffered_stdio && (isatty || fd == 2)) ? Py_True : Py_False;
  Ref<> stream = steal(PyObject_CallFunction(reinterpret_cast<PyObject*>(&TextIOWrapper_Type),
                                             "OOssOO", buf.get(), encoding, errors, "\n",
                                             line_buffering, write_through));
  if (!stream) return nullptr;
  Ref<> mode = steal(PyUnicode_FromString(write_mode ? "w" : "r"));
  if (!mode || PyObject_SetAttrString(stream.get(), "mode", mode.get()) < 0) return nullptr;
  return stream.release();
}

}  // namespace

}  // namespace krait::io

namespace krait {

// Init hook: runs once the codec machinery can be imported.
int init_std_streams() {
  std::string encoding, errors;
  const char* env = std::getenv("PYTHONIOENCODING");
  if (env && !g_config.ignore_environment) {
    std::string v = env;
    size_t colon = v.find(':');
    encoding = v.substr(0, colon);
    if (colon != std::string::npos) errors = v.substr(colon + 1);
  }
  // An encoding forced by PYTHONIOENCODING without an error handler gets
  // "strict", not the locale's default (surrogateescape under C/POSIX): CPython's rule.
  bool forced_encoding = !encoding.empty();
  if (encoding.empty()) encoding = g_config.utf8_mode ? "utf-8" : io::locale_encoding();
  if (errors.empty()) errors = forced_encoding ? "strict" : io::default_errors();
  Ref<> enc = steal(io::codec_name(encoding));
  if (!enc) return -1;
  bool buffered = !g_config.unbuffered;
  struct {
    const char* name;
    const char* dunder;
    int fd;
    bool write;
    const char* label;
  } const streams[] = {
      {"stdin", "__stdin__", 0, false, "<stdin>"},
      {"stdout", "__stdout__", 1, true, "<stdout>"},
      {"stderr", "__stderr__", 2, true, "<stderr>"},
  };
  for (const auto& s : streams) {
    Ref<> stream = steal(io::create_stdio(s.fd, s.write, s.label, enc.get(),
                                          s.fd == 2 ? "backslashreplace" : errors.c_str(), buffered));
    if (!stream) return -1;
    if (PySys_SetObject(s.name, stream.get()) < 0 || PySys_SetObject(s.dunder, stream.get()) < 0)
      return -1;
  }
  return 0;
}

}  // namespace krait
