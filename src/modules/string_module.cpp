// string_module.cpp — the `_string` module: the format-string parser behind
// string.Formatter (formatter_parser, formatter_field_name_split).
//
// Both functions expose the same parser str.format uses
// (objects/unicode_format.h) as lazy iterators, so errors surface while
// iterating, as in CPython. The iterator types are module-local static types,
// readied when the module is first initialised.
#include <Python.h>

#include "objects/unicode_format.h"
#include "support/ref.h"

using namespace krait;
using namespace krait::fmt;

namespace {

// -- formatteriterator: yields (literal, field_name, format_spec, conversion) --

struct FormatterIter {
  PyObject_HEAD
  PyObject* str;
  MarkupIterator it;
};

void formatteriter_dealloc(PyObject* op) {
  auto* self = reinterpret_cast<FormatterIter*>(op);
  Py_XDECREF(self->str);
  PyObject_Free(op);
}

PyObject* formatteriter_next(PyObject* op) {
  auto* self = reinterpret_cast<FormatterIter*>(op);
  Sub literal, field_name, spec;
  bool present, expand;
  Py_UCS4 conversion;
  int r = self->it.next(&literal, &present, &field_name, &spec, &conversion, &expand);
  if (r <= 0) return nullptr;  // 0: exhausted (no exception), -1: ValueError
  Ref<> lit = steal(literal.object());
  Ref<> name = steal(field_name.object());
  Ref<> fspec = steal(present ? spec.object_or_empty() : spec.object());
  Ref<> conv = conversion == 0 ? borrow(Py_None)
                               : steal(PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, &conversion, 1));
  if (!lit || !name || !fspec || !conv) return nullptr;
  return PyTuple_Pack(4, lit.get(), name.get(), fspec.get(), conv.get());
}

PyTypeObject FormatterIter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "formatteriterator",
    .tp_basicsize = sizeof(FormatterIter),
    .tp_dealloc = formatteriter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = formatteriter_next,
};

// -- fieldnameiterator: yields (is_attribute, name_or_index) -------------------

struct FieldNameIter {
  PyObject_HEAD
  PyObject* str;
  FieldNameIterator it;
};

void fieldnameiter_dealloc(PyObject* op) {
  auto* self = reinterpret_cast<FieldNameIter*>(op);
  Py_XDECREF(self->str);
  PyObject_Free(op);
}

PyObject* fieldnameiter_next(PyObject* op) {
  auto* self = reinterpret_cast<FieldNameIter*>(op);
  bool is_attr;
  Py_ssize_t index;
  Sub name;
  int r = self->it.next(&is_attr, &index, &name);
  if (r <= 0) return nullptr;
  Ref<> key = index != -1 ? steal(PyLong_FromSsize_t(index)) : steal(name.object());
  if (!key) return nullptr;
  return Py_BuildValue("(OO)", is_attr ? Py_True : Py_False, key.get());
}

PyTypeObject FieldNameIter_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "fieldnameiterator",
    .tp_basicsize = sizeof(FieldNameIter),
    .tp_dealloc = fieldnameiter_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = fieldnameiter_next,
};

bool check_str(PyObject* arg) {
  if (PyUnicode_Check(arg)) return true;
  PyErr_Format(PyExc_TypeError, "expected str, got %s", Py_TYPE(arg)->tp_name);
  return false;
}

PyObject* formatter_parser(PyObject*, PyObject* arg) {
  if (!check_str(arg)) return nullptr;
  auto* it = PyObject_New(FormatterIter, &FormatterIter_Type);
  if (it == nullptr) return nullptr;
  it->str = Py_NewRef(arg);
  new (&it->it) MarkupIterator(arg);
  return reinterpret_cast<PyObject*>(it);
}

PyObject* formatter_field_name_split(PyObject*, PyObject* arg) {
  if (!check_str(arg)) return nullptr;
  auto* it = PyObject_New(FieldNameIter, &FieldNameIter_Type);
  if (it == nullptr) return nullptr;
  it->str = Py_NewRef(arg);
  new (&it->it) FieldNameIterator();
  Ref<> iter = steal(reinterpret_cast<PyObject*>(it));
  Sub whole{arg, 0, PyUnicode_GET_LENGTH(arg)};
  Sub first;
  Py_ssize_t first_index;
  if (!field_name_split(whole, &first, &first_index, &it->it, nullptr)) return nullptr;
  Ref<> first_obj = first_index != -1 ? steal(PyLong_FromSsize_t(first_index)) : steal(first.object());
  if (!first_obj) return nullptr;
  return PyTuple_Pack(2, first_obj.get(), iter.get());
}

PyMethodDef string_methods[] = {
    {"formatter_field_name_split", formatter_field_name_split, METH_O,
     "split the argument as a field name"},
    {"formatter_parser", formatter_parser, METH_O, "parse the argument as a format string"},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef string_module = {
    PyModuleDef_HEAD_INIT, "_string", "string helper module", -1, string_methods,
};

}  // namespace

extern "C" PyObject* PyInit__string(void) {
  if (PyType_Ready(&FormatterIter_Type) < 0 || PyType_Ready(&FieldNameIter_Type) < 0) return nullptr;
  return PyModule_Create(&string_module);
}
