// io_module.cpp — the `_io` builtin module.
//
// The classes (_IOBase and friends, FileIO, Buffered*, TextIOWrapper,
// IncrementalNewlineDecoder, BytesIO, StringIO) and open()/open_code()/
// text_encoding() are written in Python (io_*_source.cpp) and executed in the
// module's namespace at import, so that they are ordinary classes whose
// __module__ is '_io'. FileIO does its system calls through posix. This keeps
// the whole I/O stack CPython-compatible in behaviour now; hot paths
// (FileIO, BufferedReader/Writer, TextIOWrapper.write) are the candidates for
// a native rewrite later.
#include <Python.h>

#include <string>

#include "compiler/compiler.h"
#include "interp/support.h"
#include "support/ref.h"

namespace krait::io {
extern const char kIoBaseSource[];
extern const char kIoBufferedSource[];
extern const char kIoTextSource[];
extern const char kIoMemorySource[];
}  // namespace krait::io

using namespace krait;

namespace {

int run_part(PyObject* dict, const char* part, const char* source) {
  std::string fname = std::string("<_io ") + part + ">";
  Ref<> fn = steal(PyUnicode_FromString(fname.c_str()));
  if (!fn) return -1;
  Ref<PyCodeObject> co = compiler::compile_source(source, fn.get(), compiler::Mode::Exec);
  if (!co) return -1;
  Ref<> r = steal(PyEval_EvalCode(reinterpret_cast<PyObject*>(co.get()), dict, dict));
  return r ? 0 : -1;
}

PyModuleDef io_def = {
    PyModuleDef_HEAD_INIT,
    "_io",
    "The io module provides the Python interfaces to stream handling.",
    -1,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

}  // namespace

extern "C" PyObject* PyInit__io() {
  Ref<> m = steal(PyModule_Create(&io_def));
  if (!m) return nullptr;
  PyObject* d = PyModule_GetDict(m.get());
  if (PyDict_SetItemString(d, "__builtins__", interp::default_builtins_module()) < 0) return nullptr;
  // Order matters: each part uses the names the previous ones define.
  if (run_part(d, "base", io::kIoBaseSource) < 0 || run_part(d, "buffered", io::kIoBufferedSource) < 0 ||
      run_part(d, "text", io::kIoTextSource) < 0 || run_part(d, "memory", io::kIoMemorySource) < 0)
    return nullptr;
  // BlockingIOError is the builtin; CPython's _io re-exports it.
  if (PyDict_SetItemString(d, "BlockingIOError", PyExc_BlockingIOError) < 0) return nullptr;
  return m.release();
}
