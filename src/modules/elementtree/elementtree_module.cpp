// elementtree_module.cpp — the `_elementtree` module: registers Element,
// TreeBuilder, XMLParser and ParseError, SubElement() and _set_factories(),
// and links to copy.deepcopy and pyexpat's C API (path queries use
// xml.etree.ElementPath).
#include "modules/elementtree/elementtree.h"

#include <expat.h>
#include <pyexpat.h>

#include <cstring>

#include "support/ref.h"

namespace krait::etree {

PyObject* g_parse_error;
PyObject* g_deepcopy;
PyObject* g_comment_factory;
PyObject* g_pi_factory;
extern PyExpat_CAPI* g_expat;

namespace {

PyObject* subelement(PyObject*, PyObject* args, PyObject* kwds) {
  PyObject *parent, *tag, *attrib = nullptr;
  if (!PyArg_ParseTuple(args, "O!O|O!:SubElement", &Element_Type, &parent, &tag, &PyDict_Type, &attrib))
    return nullptr;
  Ref<> merged;
  if (attrib) {
    merged = steal(PyDict_Copy(attrib));
    if (!merged) return nullptr;
    if (kwds && PyDict_Update(merged.get(), kwds) < 0) return nullptr;
  } else if (kwds) {
    merged = steal(get_attrib_from_keywords(kwds));
    if (!merged) return nullptr;
  }
  Ref<> elem = steal(create_new_element(tag, merged.get()));
  if (!elem) return nullptr;
  if (element_add_subelement(reinterpret_cast<ElementObject*>(parent), elem.get()) < 0) return nullptr;
  return elem.release();
}

PyObject* set_factories(PyObject*, PyObject* args) {
  PyObject *comment_factory, *pi_factory;
  if (!PyArg_UnpackTuple(args, "_set_factories", 2, 2, &comment_factory, &pi_factory)) return nullptr;
  if (!PyCallable_Check(comment_factory) && comment_factory != Py_None) {
    PyErr_Format(PyExc_TypeError, "Comment factory must be callable, not %.100s", Py_TYPE(comment_factory)->tp_name);
    return nullptr;
  }
  if (!PyCallable_Check(pi_factory) && pi_factory != Py_None) {
    PyErr_Format(PyExc_TypeError, "PI factory must be callable, not %.100s", Py_TYPE(pi_factory)->tp_name);
    return nullptr;
  }
  PyObject* old = PyTuple_Pack(2, g_comment_factory ? g_comment_factory : Py_None,
                               g_pi_factory ? g_pi_factory : Py_None);
  if (!old) return nullptr;
  Py_XSETREF(g_comment_factory, comment_factory == Py_None ? nullptr : Py_NewRef(comment_factory));
  Py_XSETREF(g_pi_factory, pi_factory == Py_None ? nullptr : Py_NewRef(pi_factory));
  return old;
}

PyMethodDef functions[] = {
    {"SubElement", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(subelement)),
     METH_VARARGS | METH_KEYWORDS, nullptr},
    {"_set_factories", set_factories, METH_VARARGS,
     "_set_factories($module, comment_factory, pi_factory, /)\n--\n\n"
     "Change the factories used to create comments and processing instructions.\n\nFor internal use only."},
    {nullptr, nullptr, 0, nullptr},
};

// Runs on every import (multi-phase init), so a fresh import of the module
// (test.support.import_fresh_module) links to the current copy and
// xml.etree.ElementPath, as CPython's per-module state does.
int etree_exec(PyObject* m) {
  for (PyTypeObject* t : {&Element_Type, &ElementIter_Type, &TreeBuilder_Type, &XMLParser_Type})
    if (PyType_Ready(t) < 0) return -1;
  Ref<> copy = steal(PyImport_ImportModule("copy"));
  if (!copy) return -1;
  Py_XSETREF(g_deepcopy, PyObject_GetAttrString(copy.get(), "deepcopy"));
  if (!g_deepcopy) return -1;
  Ref<> elementpath = steal(PyImport_ImportModule("xml.etree.ElementPath"));  // must be importable
  if (!elementpath) return -1;
  auto* capi = static_cast<PyExpat_CAPI*>(PyCapsule_Import(PyExpat_CAPSULE_NAME, 0));
  if (!capi) return -1;
  if (std::strcmp(capi->magic, PyExpat_CAPI_MAGIC) != 0 || static_cast<size_t>(capi->size) < sizeof(PyExpat_CAPI) ||
      capi->MAJOR_VERSION != XML_MAJOR_VERSION || capi->MINOR_VERSION != XML_MINOR_VERSION ||
      capi->MICRO_VERSION != XML_MICRO_VERSION) {
    PyErr_SetString(PyExc_ImportError, "pyexpat version is incompatible");
    return -1;
  }
  g_expat = capi;
  if (!g_parse_error) {
    g_parse_error = PyErr_NewException("xml.etree.ElementTree.ParseError", PyExc_SyntaxError, nullptr);
    if (!g_parse_error) return -1;
  }
  if (PyModule_AddObjectRef(m, "ParseError", g_parse_error) < 0 ||
      PyModule_AddObjectRef(m, "Element", reinterpret_cast<PyObject*>(&Element_Type)) < 0 ||
      PyModule_AddObjectRef(m, "TreeBuilder", reinterpret_cast<PyObject*>(&TreeBuilder_Type)) < 0 ||
      PyModule_AddObjectRef(m, "XMLParser", reinterpret_cast<PyObject*>(&XMLParser_Type)) < 0)
    return -1;
  return 0;
}

PyModuleDef_Slot etree_slots[] = {
    {Py_mod_exec, reinterpret_cast<void*>(etree_exec)},
    {0, nullptr},
};

PyModuleDef etree_module = {
    PyModuleDef_HEAD_INIT, "_elementtree", nullptr, 0, functions, etree_slots, nullptr, nullptr, nullptr,
};

}  // namespace
}  // namespace krait::etree

extern "C" PyObject* PyInit__elementtree(void) { return PyModuleDef_Init(&krait::etree::etree_module); }
