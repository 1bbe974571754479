// syslog_module.cpp — the `syslog` module over the C library's syslog(3):
// openlog/syslog/closelog/setlogmask, LOG_MASK/LOG_UPTO and the LOG_*
// constants. The ident string given to openlog() is kept alive here because
// the C library keeps the pointer.
#include <Python.h>
#include <syslog.h>

#include "support/ref.h"

using namespace krait;

namespace {

PyObject* s_ident = nullptr;  // strong: the C library references its UTF-8 buffer
bool s_log_open = false;

// The default ident: the basename of sys.argv[0], or None.
PyObject* ident_from_argv() {
  PyObject* argv = PySys_GetObject("argv");  // borrowed
  if (!argv || !PyList_Check(argv) || PyList_GET_SIZE(argv) == 0) return nullptr;
  PyObject* scriptobj = PyList_GET_ITEM(argv, 0);
  if (!PyUnicode_Check(scriptobj) || PyUnicode_GET_LENGTH(scriptobj) == 0) return nullptr;
  Py_ssize_t slash = PyUnicode_FindChar(scriptobj, '/', 0, PyUnicode_GET_LENGTH(scriptobj), -1);
  if (slash == -2) {
    PyErr_Clear();
    return nullptr;
  }
  if (slash == -1) return Py_NewRef(scriptobj);
  return PyUnicode_Substring(scriptobj, slash + 1, PyUnicode_GET_LENGTH(scriptobj));
}

PyObject* do_openlog(PyObject* ident, long logopt, long facility) {
  Ref<> id;
  if (ident) {
    id = borrow(ident);
  } else {
    id = steal(ident_from_argv());
  }
  const char* ident_str = nullptr;
  if (id) {
    ident_str = PyUnicode_AsUTF8(id.get());
    if (!ident_str) return nullptr;
  }
  if (PySys_Audit("syslog.openlog", "Oll", id ? id.get() : Py_None, logopt, facility) < 0)
    return nullptr;
  openlog(ident_str, static_cast<int>(logopt), static_cast<int>(facility));
  Py_XSETREF(s_ident, id.release());
  s_log_open = true;
  Py_RETURN_NONE;
}

PyObject* syslog_openlog(PyObject*, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"ident", "logoption", "facility", nullptr};
  PyObject* ident = nullptr;
  long logopt = 0, facility = LOG_USER;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "|Ull:openlog", const_cast<char**>(kwlist), &ident,
                                   &logopt, &facility))
    return nullptr;
  return do_openlog(ident, logopt, facility);
}

PyObject* syslog_syslog(PyObject*, PyObject* args) {
  PyObject* message;
  int priority = LOG_INFO;
  if (!PyArg_ParseTuple(args, "iU;[priority,] message string", &priority, &message)) {
    PyErr_Clear();
    if (!PyArg_ParseTuple(args, "U;[priority,] message string", &message)) return nullptr;
  }
  const char* text = PyUnicode_AsUTF8(message);
  if (!text) return nullptr;
  if (PySys_Audit("syslog.syslog", "iO", priority, message) < 0) return nullptr;
  // Log to the default destination if openlog() was not called.
  if (!s_log_open) {
    Ref<> r = steal(do_openlog(nullptr, 0, LOG_USER));
    if (!r) return nullptr;
  }
  Ref<> keep = borrow(s_ident);  // closelog() from another thread must not free it now
  Py_BEGIN_ALLOW_THREADS
  syslog(priority, "%s", text);
  Py_END_ALLOW_THREADS
  Py_RETURN_NONE;
}

PyObject* syslog_closelog(PyObject*, PyObject*) {
  if (PySys_Audit("syslog.closelog", nullptr) < 0) return nullptr;
  if (s_log_open) {
    closelog();
    Py_CLEAR(s_ident);
    s_log_open = false;
  }
  Py_RETURN_NONE;
}

PyObject* syslog_setlogmask(PyObject*, PyObject* args) {
  long maskpri;
  if (!PyArg_ParseTuple(args, "l;mask for priority", &maskpri)) return nullptr;
  if (PySys_Audit("syslog.setlogmask", "l", maskpri) < 0) return nullptr;
  return PyLong_FromLong(setlogmask(static_cast<int>(maskpri)));
}

PyObject* syslog_log_mask(PyObject*, PyObject* args) {
  long pri;
  if (!PyArg_ParseTuple(args, "l:LOG_MASK", &pri)) return nullptr;
  return PyLong_FromLong(LOG_MASK(pri));
}

PyObject* syslog_log_upto(PyObject*, PyObject* args) {
  long pri;
  if (!PyArg_ParseTuple(args, "l:LOG_UPTO", &pri)) return nullptr;
  return PyLong_FromLong(LOG_UPTO(pri));
}

PyMethodDef module_methods[] = {
    {"openlog", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(syslog_openlog)),
     METH_VARARGS | METH_KEYWORDS, nullptr},
    {"closelog", syslog_closelog, METH_NOARGS, nullptr},
    {"syslog", syslog_syslog, METH_VARARGS, nullptr},
    {"setlogmask", syslog_setlogmask, METH_VARARGS, nullptr},
    {"LOG_MASK", syslog_log_mask, METH_VARARGS, nullptr},
    {"LOG_UPTO", syslog_log_upto, METH_VARARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef syslog_module = {PyModuleDef_HEAD_INIT, "syslog", nullptr, -1, module_methods};

}  // namespace

extern "C" PyObject* PyInit_syslog(void) {
  Ref<> m = steal(PyModule_Create(&syslog_module));
  if (!m) return nullptr;
  struct {
    const char* name;
    long value;
  } constants[] = {
      {"LOG_EMERG", LOG_EMERG},   {"LOG_ALERT", LOG_ALERT},       {"LOG_CRIT", LOG_CRIT},
      {"LOG_ERR", LOG_ERR},       {"LOG_WARNING", LOG_WARNING},   {"LOG_NOTICE", LOG_NOTICE},
      {"LOG_INFO", LOG_INFO},     {"LOG_DEBUG", LOG_DEBUG},       {"LOG_PID", LOG_PID},
      {"LOG_CONS", LOG_CONS},     {"LOG_NDELAY", LOG_NDELAY},     {"LOG_ODELAY", LOG_ODELAY},
      {"LOG_NOWAIT", LOG_NOWAIT}, {"LOG_PERROR", LOG_PERROR},     {"LOG_KERN", LOG_KERN},
      {"LOG_USER", LOG_USER},     {"LOG_MAIL", LOG_MAIL},         {"LOG_DAEMON", LOG_DAEMON},
      {"LOG_AUTH", LOG_AUTH},     {"LOG_LPR", LOG_LPR},           {"LOG_LOCAL0", LOG_LOCAL0},
      {"LOG_LOCAL1", LOG_LOCAL1}, {"LOG_LOCAL2", LOG_LOCAL2},     {"LOG_LOCAL3", LOG_LOCAL3},
      {"LOG_LOCAL4", LOG_LOCAL4}, {"LOG_LOCAL5", LOG_LOCAL5},     {"LOG_LOCAL6", LOG_LOCAL6},
      {"LOG_LOCAL7", LOG_LOCAL7}, {"LOG_SYSLOG", LOG_SYSLOG},     {"LOG_CRON", LOG_CRON},
      {"LOG_UUCP", LOG_UUCP},     {"LOG_NEWS", LOG_NEWS},         {"LOG_AUTHPRIV", LOG_AUTHPRIV},
  };
  for (auto& c : constants)
    if (PyModule_AddIntConstant(m.get(), c.name, c.value) < 0) return nullptr;
  return m.release();
}
