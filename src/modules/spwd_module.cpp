// spwd_module.cpp — the `spwd` module: the shadow password database
// (getspnam, getspall) as spwd.struct_spwd structseqs. Deprecated in 3.11:
// importing it warns, as CPython's does.
#include <Python.h>
#include <shadow.h>

#include <cerrno>

#include "support/ref.h"

using namespace krait;

namespace {

PyStructSequence_Field spwd_fields[] = {
    {"sp_namp", "login name"},
    {"sp_pwdp", "encrypted password"},
    {"sp_lstchg", "date of last change"},
    {"sp_min", "min #days between changes"},
    {"sp_max", "max #days between changes"},
    {"sp_warn", "#days before pw expires to warn user about it"},
    {"sp_inact", "#days after pw expires until account is disabled"},
    {"sp_expire", "#days since 1970-01-01 when account expires"},
    {"sp_flag", "reserved"},
    {"sp_nam", "login name; deprecated"},
    {"sp_pwd", "encrypted password; deprecated"},
    {nullptr, nullptr},
};

PyStructSequence_Desc spwd_desc = {
    "spwd.struct_spwd",
    "spwd.struct_spwd: Results from getsp*() routines.\n\n"
    "This object may be accessed either as a 9-tuple of\n"
    "  (sp_namp,sp_pwdp,sp_lstchg,sp_min,sp_max,sp_warn,sp_inact,sp_expire,sp_flag)\n"
    "or via the object attributes as named in the above tuple.",
    spwd_fields,
    9,
};

PyTypeObject* spwd_type = nullptr;

PyObject* decode_or_none(const char* s) {
  if (s == nullptr) Py_RETURN_NONE;
  return PyUnicode_DecodeFSDefault(s);
}

PyObject* make_entry(const struct spwd* p) {
  Ref<> v = steal(PyStructSequence_New(spwd_type));
  if (!v) return nullptr;
  PyObject* items[] = {
      decode_or_none(p->sp_namp),        decode_or_none(p->sp_pwdp),
      PyLong_FromLong(p->sp_lstchg),     PyLong_FromLong(p->sp_min),
      PyLong_FromLong(p->sp_max),        PyLong_FromLong(p->sp_warn),
      PyLong_FromLong(p->sp_inact),      PyLong_FromLong(p->sp_expire),
      PyLong_FromLong(static_cast<long>(p->sp_flag)),
  };
  bool ok = true;
  for (int i = 0; i < 9; ++i) {
    if (!items[i]) ok = false;
    PyStructSequence_SET_ITEM(v.get(), i, items[i] ? items[i] : Py_NewRef(Py_None));
  }
  if (!ok) return nullptr;
  // The deprecated aliases repeat the first two fields.
  PyStructSequence_SET_ITEM(v.get(), 9, Py_NewRef(items[0]));
  PyStructSequence_SET_ITEM(v.get(), 10, Py_NewRef(items[1]));
  return v.release();
}

PyObject* spwd_getspnam(PyObject*, PyObject* arg) {
  if (!PyUnicode_Check(arg)) {
    PyErr_Format(PyExc_TypeError, "getspnam() argument must be str, not %.50s", Py_TYPE(arg)->tp_name);
    return nullptr;
  }
  Ref<> bytes = steal(PyUnicode_EncodeFSDefault(arg));
  if (!bytes) return nullptr;
  char* name;
  if (PyBytes_AsStringAndSize(bytes.get(), &name, nullptr) < 0) return nullptr;
  errno = 0;
  struct spwd* p = getspnam(name);
  if (p == nullptr) {
    if (errno != 0)
      PyErr_SetFromErrno(PyExc_OSError);
    else
      PyErr_SetString(PyExc_KeyError, "getspnam(): name not found");
    return nullptr;
  }
  return make_entry(p);
}

PyObject* spwd_getspall(PyObject*, PyObject*) {
  Ref<> list = steal(PyList_New(0));
  if (!list) return nullptr;
  setspent();
  while (struct spwd* p = getspent()) {
    Ref<> v = steal(make_entry(p));
    if (!v || PyList_Append(list.get(), v.get()) < 0) {
      endspent();
      return nullptr;
    }
  }
  endspent();
  return list.release();
}

PyMethodDef module_methods[] = {
    {"getspnam", spwd_getspnam, METH_O,
     "getspnam($module, arg, /)\n--\n\n"
     "Return the shadow password database entry for the given user name.\n\n"
     "See `help(spwd)` for more on shadow password database entries."},
    {"getspall", spwd_getspall, METH_NOARGS,
     "getspall($module, /)\n--\n\n"
     "Return a list of all available shadow password database entries, in arbitrary order.\n\n"
     "See `help(spwd)` for more on shadow password database entries."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef spwd_module = {
    PyModuleDef_HEAD_INIT,
    "spwd",
    "This module provides access to the Unix shadow password database.\n"
    "It is available on various Unix versions.\n\n"
    "Shadow password database entries are reported as 9-tuples of type struct_spwd,\n"
    "containing the following items from the password database (see `<shadow.h>'):\n"
    "sp_namp, sp_pwdp, sp_lstchg, sp_min, sp_max, sp_warn, sp_inact, sp_expire, sp_flag.\n"
    "The sp_namp and sp_pwdp are strings, the rest are integers.\n"
    "An exception is raised if the entry asked for cannot be found.\n"
    "You have to be root to be able to use this module.",
    -1,
    module_methods,
};

}  // namespace

extern "C" PyObject* PyInit_spwd(void) {
  if (PyErr_WarnEx(PyExc_DeprecationWarning,
                   "'spwd' is deprecated and slated for removal in Python 3.13", 1) < 0)
    return nullptr;
  Ref<> m = steal(PyModule_Create(&spwd_module));
  if (!m) return nullptr;
  if (!spwd_type) {
    spwd_type = PyStructSequence_NewType(&spwd_desc);
    if (!spwd_type) return nullptr;
  }
  if (PyModule_AddObjectRef(m.get(), "struct_spwd", reinterpret_cast<PyObject*>(spwd_type)) < 0)
    return nullptr;
  return m.release();
}
