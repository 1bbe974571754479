// io_module.cpp — the `_io` builtin module: its types, UnsupportedOperation,
// DEFAULT_BUFFER_SIZE, and the functions open(), open_code() and
// text_encoding(). See docs/internals/modules-io.md.
#include <Python.h>

#include <cstring>
#include <string>

#include "modules/io/io.h"
#include "runtime/config.h"
#include "support/ref.h"

using namespace krait;
using namespace krait::io;

namespace {

// A str-or-None argument of open(), with clinic's message for other types.
bool optional_str_arg(PyObject* obj, const char* argname, const char** out) {
  if (!obj || obj == Py_None) {
    *out = nullptr;
    return true;
  }
  if (!PyUnicode_Check(obj)) {
    PyErr_Format(PyExc_TypeError, "open() argument '%s' must be str or None, not %.50s", argname,
                 Py_TYPE(obj)->tp_name);
    return false;
  }
  Py_ssize_t len;
  *out = PyUnicode_AsUTF8AndSize(obj, &len);
  if (!*out) return false;
  if (strlen(*out) != static_cast<size_t>(len)) {
    PyErr_SetString(PyExc_ValueError, "embedded null character");
    return false;
  }
  return true;
}

PyObject* io_open(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"file",   "mode",    "buffering", "encoding", "errors",
                                 "newline", "closefd", "opener",    nullptr};
  PyObject *file, *modeobj = nullptr, *bufobj = nullptr, *encobj = nullptr, *errobj = nullptr,
                  *nlobj = nullptr, *closefdobj = nullptr, *opener = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|OOOOOOO:open", const_cast<char**>(kwlist), &file,
                                   &modeobj, &bufobj, &encobj, &errobj, &nlobj, &closefdobj,
                                   &opener))
    return nullptr;
  const char* mode = "r";
  if (modeobj) {
    if (!PyUnicode_Check(modeobj)) {
      PyErr_Format(PyExc_TypeError, "open() argument 'mode' must be str, not %.50s",
                   Py_TYPE(modeobj)->tp_name);
      return nullptr;
    }
    Py_ssize_t len;
    mode = PyUnicode_AsUTF8AndSize(modeobj, &len);
    if (!mode) return nullptr;
    if (strlen(mode) != static_cast<size_t>(len)) {
      PyErr_SetString(PyExc_ValueError, "embedded null character");
      return nullptr;
    }
  }
  int buffering = -1;
  if (bufobj) {
    buffering = _PyLong_AsInt(bufobj);
    if (buffering == -1 && PyErr_Occurred()) return nullptr;
  }
  const char *encoding, *errors, *newline;
  if (!optional_str_arg(encobj, "encoding", &encoding) || !optional_str_arg(errobj, "errors", &errors) ||
      !optional_str_arg(nlobj, "newline", &newline))
    return nullptr;
  int closefd = 1;
  if (closefdobj) {
    closefd = _PyLong_AsInt(closefdobj);
    if (closefd == -1 && PyErr_Occurred()) return nullptr;
  }

  Ref<> path_or_fd;
  bool is_number = PyNumber_Check(file);
  if (is_number) {
    path_or_fd = borrow(file);
  } else {
    path_or_fd = steal(PyOS_FSPath(file));
    if (!path_or_fd) return nullptr;
  }
  if (!is_number && !PyUnicode_Check(path_or_fd.get()) && !PyBytes_Check(path_or_fd.get())) {
    PyErr_Format(PyExc_TypeError, "invalid file: %R", file);
    return nullptr;
  }

  bool creating = false, reading = false, writing = false, appending = false, updating = false;
  bool text = false, binary = false;
  size_t mlen = strlen(mode);
  for (size_t i = 0; i < mlen; i++) {
    char c = mode[i];
    switch (c) {
      case 'x': creating = true; break;
      case 'r': reading = true; break;
      case 'w': writing = true; break;
      case 'a': appending = true; break;
      case '+': updating = true; break;
      case 't': text = true; break;
      case 'b': binary = true; break;
      default: goto invalid_mode;
    }
    if (strchr(mode + i + 1, c)) {
    invalid_mode:
      PyErr_Format(PyExc_ValueError, "invalid mode: '%s'", mode);
      return nullptr;
    }
  }
  {
    std::string rawmode;
    if (creating) rawmode += 'x';
    if (reading) rawmode += 'r';
    if (writing) rawmode += 'w';
    if (appending) rawmode += 'a';
    if (updating) rawmode += '+';

    if (text && binary) {
      PyErr_SetString(PyExc_ValueError, "can't have text and binary mode at once");
      return nullptr;
    }
    if (creating + reading + writing + appending > 1) {
      PyErr_SetString(PyExc_ValueError, "must have exactly one of create/read/write/append mode");
      return nullptr;
    }
    if (binary && encoding) {
      PyErr_SetString(PyExc_ValueError, "binary mode doesn't take an encoding argument");
      return nullptr;
    }
    if (binary && errors) {
      PyErr_SetString(PyExc_ValueError, "binary mode doesn't take an errors argument");
      return nullptr;
    }
    if (binary && newline) {
      PyErr_SetString(PyExc_ValueError, "binary mode doesn't take a newline argument");
      return nullptr;
    }
    if (binary && buffering == 1 &&
        PyErr_WarnEx(PyExc_RuntimeWarning,
                     "line buffering (buffering=1) isn't supported in binary mode, the default "
                     "buffer size will be used",
                     1) < 0)
      return nullptr;

    Ref<> result = steal(PyObject_CallFunction(reinterpret_cast<PyObject*>(&FileIO_Type), "OsOO",
                                               path_or_fd.get(), rawmode.c_str(),
                                               closefd ? Py_True : Py_False, opener));
    if (!result) return nullptr;
    auto fail = [&result]() -> PyObject* {
      PyObject *t, *v, *tb;
      PyErr_Fetch(&t, &v, &tb);
      PyObject* r = PyObject_CallMethodNoArgs(result.get(), IO_STR("close"));
      _PyErr_ChainExceptions(t, v, tb);
      Py_XDECREF(r);
      return nullptr;
    };
    PyObject* raw = result.get();
    Ref<> mode_str = steal(PyUnicode_FromString(mode));
    if (!mode_str) return fail();
    long isatty = 0;
    if (buffering < 0) {
      Ref<> res = steal(PyObject_CallMethodNoArgs(raw, IO_STR("isatty")));
      if (!res) return fail();
      isatty = PyLong_AsLong(res.get());
      if (isatty == -1 && PyErr_Occurred()) return fail();
    }
    bool line_buffering = false;
    if (buffering == 1 || isatty) {
      buffering = -1;
      line_buffering = true;
    }
    if (buffering < 0) {
      Ref<> blksize = steal(PyObject_GetAttr(raw, IO_STR("_blksize")));
      if (!blksize) return fail();
      buffering = static_cast<int>(PyLong_AsLong(blksize.get()));
      if (buffering == -1 && PyErr_Occurred()) return fail();
    }
    if (buffering < 0) {
      PyErr_SetString(PyExc_ValueError, "invalid buffering size");
      return fail();
    }
    if (buffering == 0) {
      if (!binary) {
        PyErr_SetString(PyExc_ValueError, "can't have unbuffered text I/O");
        return fail();
      }
      return result.release();
    }
    PyTypeObject* cls = updating                                ? &BufferedRandom_Type
                        : (creating || writing || appending) ? &BufferedWriter_Type
                                                             : &BufferedReader_Type;
    Ref<> buffer = steal(PyObject_CallFunction(reinterpret_cast<PyObject*>(cls), "Oi", raw, buffering));
    if (!buffer) return fail();
    result = std::move(buffer);
    if (binary) return result.release();
    Ref<> wrapper = steal(PyObject_CallFunction(reinterpret_cast<PyObject*>(&TextIOWrapper_Type), "OsssO", result.get(), encoding, errors,
                                                newline, line_buffering ? Py_True : Py_False));
    if (!wrapper) return fail();
    result = std::move(wrapper);
    if (PyObject_SetAttr(result.get(), IO_STR("mode"), mode_str.get()) < 0) return fail();
    return result.release();
  }
}

PyObject* io_open_code(PyObject* self, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"path", nullptr};
  PyObject* path;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:open_code", const_cast<char**>(kwlist), &path))
    return nullptr;
  if (!PyUnicode_Check(path)) {
    PyErr_Format(PyExc_TypeError, "open_code() argument 'path' must be str, not %.50s",
                 Py_TYPE(path)->tp_name);
    return nullptr;
  }
  Ref<> a = steal(Py_BuildValue("(Os)", path, "rb"));
  if (!a) return nullptr;
  return io_open(self, a.get(), nullptr);
}

PyObject* io_text_encoding(PyObject*, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("text_encoding", nargs, 1, 2)) return nullptr;
  int level = 2;
  if (nargs == 2) {
    level = _PyLong_AsInt(args[1]);
    if (level == -1 && PyErr_Occurred()) return nullptr;
  }
  PyObject* encoding = args[0];
  if (encoding != Py_None) return Py_NewRef(encoding);
  if (krait::g_config.warn_default_encoding &&
      PyErr_WarnEx(PyExc_EncodingWarning, "'encoding' argument not specified", level) < 0)
    return nullptr;
  Ref<> flags = steal(PySys_GetObject("flags") ? Py_NewRef(PySys_GetObject("flags")) : nullptr);
  long utf8 = 0;
  if (flags) {
    Ref<> v = steal(PyObject_GetAttrString(flags.get(), "utf8_mode"));
    if (v) utf8 = PyLong_AsLong(v.get());
    PyErr_Clear();
  }
  return PyUnicode_FromString(utf8 > 0 ? "utf-8" : "locale");
}

PyMethodDef io_methods[] = {
    {"open", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(io_open)),
     METH_VARARGS | METH_KEYWORDS,
     "Open file and return a stream.  Raise OSError upon failure."},
    {"open_code", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(io_open_code)),
     METH_VARARGS | METH_KEYWORDS, "Opens the provided file with the intent to import the contents."},
    {"text_encoding", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(io_text_encoding)),
     METH_FASTCALL, "A helper function to choose the text encoding."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef io_def = {
    PyModuleDef_HEAD_INIT,
    "_io",
    "The io module provides the Python interfaces to stream handling.",
    -1,
    io_methods,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

}  // namespace

extern "C" PyObject* PyInit__io() {
  if (!unsupported_operation) {
    // class UnsupportedOperation(OSError, ValueError), shown as io.UnsupportedOperation.
    Ref<> bases = steal(PyTuple_Pack(2, PyExc_OSError, PyExc_ValueError));
    if (!bases) return nullptr;
    unsupported_operation = PyErr_NewException("io.UnsupportedOperation", bases.get(), nullptr);
    if (!unsupported_operation) return nullptr;
  }
  PyTypeObject* types[] = {&IOBase_Type, &RawIOBase_Type, &BufferedIOBase_Type, &TextIOBase_Type,
                           &FileIO_Type, &BytesIO_Type, &_PyBytesIOBuffer_Type, &StringIO_Type,
                           &IncrementalNewlineDecoder_Type, &BufferedReader_Type,
                           &BufferedWriter_Type, &BufferedRandom_Type, &BufferedRWPair_Type,
                           &TextIOWrapper_Type};
  for (PyTypeObject* t : types)
    if (PyType_Ready(t) < 0) return nullptr;
  Ref<> m = steal(PyModule_Create(&io_def));
  if (!m) return nullptr;
  if (PyModule_AddIntConstant(m.get(), "DEFAULT_BUFFER_SIZE", kDefaultBufferSize) < 0) return nullptr;
  if (PyModule_AddObjectRef(m.get(), "UnsupportedOperation", unsupported_operation) < 0) return nullptr;
  if (PyModule_AddObjectRef(m.get(), "BlockingIOError", PyExc_BlockingIOError) < 0) return nullptr;
  for (PyTypeObject* t : types) {
    if (t == &_PyBytesIOBuffer_Type) continue;  // not exported, as in CPython
    const char* dot = strrchr(t->tp_name, '.');
    if (PyModule_AddObjectRef(m.get(), dot + 1, reinterpret_cast<PyObject*>(t)) < 0) return nullptr;
  }
  return m.release();
}
