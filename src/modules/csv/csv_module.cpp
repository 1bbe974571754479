// csv_module.cpp — the `_csv` module: reader/writer factories, the dialect
// registry (register/unregister/get/list), field_size_limit, Error and the
// QUOTE_* constants, under csv.py. The types live in csv_dialect.cpp,
// csv_reader.cpp and csv_writer.cpp.
#include <Python.h>

#include "modules/csv/csv.h"
#include "support/ref.h"

namespace krait::csv {

PyObject* g_error;
PyObject* g_dialects;
long g_field_limit = 128 * 1024;

namespace {

PyObject* csv_register_dialect(PyObject*, PyObject* args, PyObject* kwargs) {
  PyObject* name = nullptr;
  PyObject* dialect = nullptr;
  if (!PyArg_UnpackTuple(args, "", 1, 2, &name, &dialect)) return nullptr;
  if (!PyUnicode_Check(name)) {
    PyErr_SetString(PyExc_TypeError, "dialect name must be a string");
    return nullptr;
  }
  Ref<> d = steal(make_dialect(dialect, kwargs));
  if (!d) return nullptr;
  if (PyDict_SetItem(g_dialects, name, d.get()) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* csv_unregister_dialect(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"name", nullptr};
  PyObject* name;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O:unregister_dialect",
                                   const_cast<char**>(kwlist), &name))
    return nullptr;
  if (PyDict_DelItem(g_dialects, name) < 0) {
    if (PyErr_ExceptionMatches(PyExc_KeyError)) {
      PyErr_Clear();
      PyErr_SetString(g_error, "unknown dialect");
    }
    return nullptr;
  }
  Py_RETURN_NONE;
}

PyObject* csv_get_dialect(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"name", nullptr};
  PyObject* name;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O:get_dialect", const_cast<char**>(kwlist),
                                   &name))
    return nullptr;
  return registered_dialect(name);
}

PyObject* csv_list_dialects(PyObject*, PyObject*) { return PyDict_Keys(g_dialects); }

PyObject* csv_field_size_limit(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"new_limit", nullptr};
  PyObject* new_limit = nullptr;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|O:field_size_limit",
                                   const_cast<char**>(kwlist), &new_limit))
    return nullptr;
  long old = g_field_limit;
  if (new_limit != nullptr) {
    if (!PyLong_CheckExact(new_limit)) {
      PyErr_Format(PyExc_TypeError, "limit must be an integer");
      return nullptr;
    }
    long v = PyLong_AsLong(new_limit);
    if (v == -1 && PyErr_Occurred()) return nullptr;
    g_field_limit = v;
  }
  return PyLong_FromLong(old);
}

#define CSV_KW(f) reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(f))

PyMethodDef csv_methods[] = {
    {"reader", CSV_KW(csv_reader), METH_VARARGS | METH_KEYWORDS,
     "    csv_reader = reader(iterable [, dialect='excel']\n"
     "                        [optional keyword args])\n"
     "    for row in csv_reader:\n"
     "        process(row)\n"
     "\n"
     "The \"iterable\" argument can be any object that returns a line\n"
     "of input for each iteration, such as a file object or a list.  The\n"
     "optional \"dialect\" parameter is discussed below.  The function\n"
     "also accepts optional keyword arguments which override settings\n"
     "provided by the dialect.\n"
     "\n"
     "The returned object is an iterator.  Each iteration returns a row\n"
     "of the CSV file (which can span multiple input lines).\n"},
    {"writer", CSV_KW(csv_writer), METH_VARARGS | METH_KEYWORDS,
     "    csv_writer = csv.writer(fileobj [, dialect='excel']\n"
     "                            [optional keyword args])\n"
     "    for row in sequence:\n"
     "        csv_writer.writerow(row)\n"
     "\n"
     "    [or]\n"
     "\n"
     "    csv_writer = csv.writer(fileobj [, dialect='excel']\n"
     "                            [optional keyword args])\n"
     "    csv_writer.writerows(rows)\n"
     "\n"
     "The \"fileobj\" argument can be any object that supports the file API.\n"},
    {"list_dialects", csv_list_dialects, METH_NOARGS,
     "list_dialects($module, /)\n--\n\n"
     "Return a list of all known dialect names.\n"
     "\n"
     "    names = csv.list_dialects()"},
    {"register_dialect", CSV_KW(csv_register_dialect), METH_VARARGS | METH_KEYWORDS,
     "Create a mapping from a string name to a dialect class.\n"
     "    dialect = csv.register_dialect(name[, dialect[, **fmtparams]])"},
    {"unregister_dialect", CSV_KW(csv_unregister_dialect), METH_VARARGS | METH_KEYWORDS,
     "unregister_dialect($module, /, name)\n--\n\n"
     "Delete the name/dialect mapping associated with a string name.\n"
     "\n"
     "    csv.unregister_dialect(name)"},
    {"get_dialect", CSV_KW(csv_get_dialect), METH_VARARGS | METH_KEYWORDS,
     "get_dialect($module, /, name)\n--\n\n"
     "Return the dialect instance associated with name.\n"
     "\n"
     "    dialect = csv.get_dialect(name)"},
    {"field_size_limit", CSV_KW(csv_field_size_limit), METH_VARARGS | METH_KEYWORDS,
     "Sets an upper limit on parsed fields.\n"
     "\n"
     "    csv.field_size_limit([limit])\n"
     "\n"
     "Returns old limit. If limit is not given, no new limit is set and\n"
     "the old limit is returned"},
    {nullptr, nullptr, 0, nullptr},
};

const char kModuleDoc[] =
    "CSV parsing and writing.\n"
    "\n"
    "This module provides classes that assist in the reading and writing\n"
    "of Comma Separated Value (CSV) files, and implements the interface\n"
    "described by PEP 305.  Although many CSV files are simple to parse,\n"
    "the format is not formally defined by a stable specification and\n"
    "is subtle enough that parsing lines of a CSV file with something\n"
    "like line.split(\",\") is bound to fail.  The module supports three\n"
    "basic APIs: reading, writing, and registration of dialects.\n"
    "\n"
    "\n"
    "DIALECT REGISTRATION:\n"
    "\n"
    "Readers and writers support a dialect argument, which is a convenient\n"
    "handle on a group of settings.  When the dialect argument is a string,\n"
    "it identifies one of the dialects previously registered with the module.\n"
    "If it is a class or instance, the attributes of the argument are used as\n"
    "the settings for the reader or writer:\n"
    "\n"
    "    class excel:\n"
    "        delimiter = ','\n"
    "        quotechar = '\"'\n"
    "        escapechar = None\n"
    "        doublequote = True\n"
    "        skipinitialspace = False\n"
    "        lineterminator = '\\r\\n'\n"
    "        quoting = QUOTE_MINIMAL\n"
    "\n"
    "SETTINGS:\n"
    "\n"
    "    * quotechar - specifies a one-character string to use as the\n"
    "        quoting character.  It defaults to '\"'.\n"
    "    * delimiter - specifies a one-character string to use as the\n"
    "        field separator.  It defaults to ','.\n"
    "    * skipinitialspace - specifies how to interpret spaces which\n"
    "        immediately follow a delimiter.  It defaults to False, which\n"
    "        means that spaces immediately following a delimiter is part\n"
    "        of the following field.\n"
    "    * lineterminator -  specifies the character sequence which should\n"
    "        terminate rows.\n"
    "    * quoting - controls when quotes should be generated by the writer.\n"
    "        It can take on any of the following module constants:\n"
    "\n"
    "        csv.QUOTE_MINIMAL means only when required, for example, when a\n"
    "            field contains either the quotechar or the delimiter\n"
    "        csv.QUOTE_ALL means that quotes are always placed around fields.\n"
    "        csv.QUOTE_NONNUMERIC means that quotes are always placed around\n"
    "            fields which do not parse as integers or floating point\n"
    "            numbers.\n"
    "        csv.QUOTE_NONE means that quotes are never placed around fields.\n"
    "    * escapechar - specifies a one-character string used to escape\n"
    "        the delimiter when quoting is set to QUOTE_NONE.\n"
    "    * doublequote - controls the handling of quotes inside fields.  When\n"
    "        True, two consecutive quotes are interpreted as one during read,\n"
    "        and when writing, each quote character embedded in the data is\n"
    "        written as two quotes\n";

PyModuleDef csv_module = {
    PyModuleDef_HEAD_INIT, "_csv", kModuleDoc, -1, csv_methods,
};

}  // namespace
}  // namespace krait::csv

extern "C" PyObject* PyInit__csv(void) {
  using namespace krait;
  using namespace krait::csv;
  for (PyTypeObject* t : {&Dialect_Type, &Reader_Type, &Writer_Type})
    if (PyType_Ready(t) < 0) return nullptr;
  Ref<> m = steal(PyModule_Create(&csv_module));
  if (!m) return nullptr;
  if (g_error == nullptr) {
    g_error = PyErr_NewException("_csv.Error", nullptr, nullptr);
    if (g_error == nullptr) return nullptr;
  }
  if (g_dialects == nullptr) {
    g_dialects = PyDict_New();
    if (g_dialects == nullptr) return nullptr;
  }
  if (PyModule_AddStringConstant(m.get(), "__version__", "1.0") < 0 ||
      PyModule_AddIntConstant(m.get(), "QUOTE_MINIMAL", kQuoteMinimal) < 0 ||
      PyModule_AddIntConstant(m.get(), "QUOTE_ALL", kQuoteAll) < 0 ||
      PyModule_AddIntConstant(m.get(), "QUOTE_NONNUMERIC", kQuoteNonNumeric) < 0 ||
      PyModule_AddIntConstant(m.get(), "QUOTE_NONE", kQuoteNone) < 0 ||
      PyModule_AddObjectRef(m.get(), "_dialects", g_dialects) < 0 ||
      PyModule_AddObjectRef(m.get(), "Error", g_error) < 0 ||
      PyModule_AddObjectRef(m.get(), "Dialect", reinterpret_cast<PyObject*>(&Dialect_Type)) < 0 ||
      PyModule_AddObjectRef(m.get(), "Reader", reinterpret_cast<PyObject*>(&Reader_Type)) < 0 ||
      PyModule_AddObjectRef(m.get(), "Writer", reinterpret_cast<PyObject*>(&Writer_Type)) < 0)
    return nullptr;
  return m.release();
}
