// stdprinter_object.cpp — PyStdPrinter_Type: the bare-bones stderr that sys
// has before the io stack exists (CPython's "preliminary stderr"), so that
// messages during start-up (importlib's -v trace, early errors) have
// somewhere to go. write() sends text straight to the file descriptor as
// UTF-8 with backslashreplace; init_std_streams later replaces it.
#include <Python.h>
#include <structmember.h>
#include <unistd.h>

#include <cerrno>

namespace {

struct StdPrinter {
  PyObject_HEAD
  int fd;
};
inline StdPrinter* SP(PyObject* o) { return reinterpret_cast<StdPrinter*>(o); }

PyObject* sp_write(PyObject* self, PyObject* arg) {
  if (!PyUnicode_Check(arg)) {
    PyErr_Format(PyExc_TypeError, "write() argument must be str, not %.100s", Py_TYPE(arg)->tp_name);
    return nullptr;
  }
  PyObject* bytes = PyUnicode_AsEncodedString(arg, "utf-8", "backslashreplace");
  if (!bytes) return nullptr;
  const char* p = PyBytes_AS_STRING(bytes);
  Py_ssize_t left = PyBytes_GET_SIZE(bytes);
  while (left > 0) {
    ssize_t n = ::write(SP(self)->fd, p, static_cast<size_t>(left));
    if (n < 0) {
      if (errno == EINTR) continue;
      break;  // like CPython's printer: errors are ignored
    }
    p += n;
    left -= n;
  }
  Py_DECREF(bytes);
  return PyLong_FromSsize_t(PyUnicode_GET_LENGTH(arg));
}

PyObject* sp_fileno(PyObject* self, PyObject*) { return PyLong_FromLong(SP(self)->fd); }
PyObject* sp_flush(PyObject*, PyObject*) { Py_RETURN_NONE; }
PyObject* sp_isatty(PyObject* self, PyObject*) { return PyBool_FromLong(isatty(SP(self)->fd)); }
PyObject* sp_repr(PyObject* self) { return PyUnicode_FromFormat("<stdprinter(fd=%d) object>", SP(self)->fd); }
PyObject* sp_false(PyObject*, void*) { Py_RETURN_FALSE; }
PyObject* sp_mode(PyObject*, void*) { return PyUnicode_FromString("w"); }
PyObject* sp_encoding(PyObject*, void*) { Py_RETURN_NONE; }

PyMethodDef sp_methods[] = {
    {"write", sp_write, METH_O, nullptr},
    {"fileno", sp_fileno, METH_NOARGS, nullptr},
    {"flush", sp_flush, METH_NOARGS, nullptr},
    {"isatty", sp_isatty, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef sp_getset[] = {
    {"closed", sp_false, nullptr, "True if the file is closed", nullptr},
    {"encoding", sp_encoding, nullptr, "Encoding of the file", nullptr},
    {"mode", sp_mode, nullptr, "String giving the file mode", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

PyTypeObject PyStdPrinter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "stderrprinter",
    .tp_basicsize = sizeof(StdPrinter),
    .tp_dealloc = [](PyObject* o) { PyObject_Free(o); },
    .tp_repr = sp_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_methods = sp_methods,
    .tp_getset = sp_getset,
};

extern "C" PyObject* PyFile_NewStdPrinter(int fd) {
  if (fd != 1 && fd != 2) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  StdPrinter* self = PyObject_New(StdPrinter, &PyStdPrinter_Type);
  if (self) self->fd = fd;
  return reinterpret_cast<PyObject*>(self);
}
