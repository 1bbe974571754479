// types.GenericAlias (genericalias_object.cpp) and types.UnionType
// (union_object.cpp): the parts other files need.
#pragma once
#include <Python.h>

// CPython's name for types.UnionType (internal to CPython, exported from
// libpython; kept under the same symbol name).
extern "C" {
PyAPI_DATA(PyTypeObject) _PyUnion_Type;
}

namespace krait {

// `X | Y` for types, GenericAlias and UnionType: a types.UnionType when both
// operands can be union members (None, a type, a GenericAlias, a union),
// else NotImplemented. PyType_Type's tp_as_number->nb_or must be this.
PyObject* type_or(PyObject* self, PyObject* other);

inline bool union_check(PyObject* op) { return Py_IS_TYPE(op, &_PyUnion_Type); }
// The members of a union (borrowed tuple), as isinstance/issubclass use them.
PyObject* union_args(PyObject* op);

inline bool generic_alias_check(PyObject* op) { return PyObject_TypeCheck(op, &Py_GenericAliasType); }

// The type parameters among `args` (objects with __typing_subst__, and the
// __parameters__ of nested generics), without duplicates. New reference.
PyObject* make_parameters(PyObject* args);
// `self[item]` for a generic whose args are `args` with `parameters`: the new
// argument tuple after substitution. New reference.
PyObject* subs_parameters(PyObject* self, PyObject* args, PyObject* parameters, PyObject* item);
// Appends repr-ish text for a type argument (`int`, `mod.Cls`, `list[int]`,
// `...`) the way GenericAlias and UnionType print their members.
int write_type_repr(_PyUnicodeWriter* writer, PyObject* p);

extern PyTypeObject GenericAliasIter_Type;

}  // namespace krait
