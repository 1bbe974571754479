#include "objects/unicode_object.h"
namespace krait {
PyObject* unicode_getnewargs(PyObject* self, PyObject*);
PyObject* unicode_sizeof(PyObject* self, PyObject*);
PyMethodDef unicode_methods[] = {
    {"__getnewargs__", unicode_getnewargs, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};
}
