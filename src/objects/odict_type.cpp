// PyODict_Type: the exported name of CPython's C OrderedDict type.
//
// Krait's collections.OrderedDict is the pure-Python class from
// collections/__init__.py (there is no _collections.OrderedDict yet), so this
// type object is NOT the type of those instances: PyODict_Check() is false for
// them. It exists so binaries that refer to the symbol load (_testcapi reads
// its name and qualname) and it carries CPython's name, module and base (dict).
// Creating instances raises NotImplementedError rather than returning a dict
// that does not behave like an OrderedDict.
#include <Python.h>

namespace {

PyObject* odict_new(PyTypeObject*, PyObject*, PyObject*) {
  PyErr_SetString(PyExc_NotImplementedError,
                  "Krait has no C OrderedDict type; use collections.OrderedDict");
  return nullptr;
}

}  // namespace

extern "C" {

PyTypeObject PyODict_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "collections.OrderedDict",
    .tp_basicsize = sizeof(PyDictObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Dictionary that remembers insertion order",
    .tp_base = &PyDict_Type,
    .tp_new = odict_new,
};

}  // extern "C"
