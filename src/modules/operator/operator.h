// operator.h — shared declarations of the `_operator` module's files.
#pragma once
#include <Python.h>

namespace krait::op {

extern PyTypeObject itemgetter_type, attrgetter_type, methodcaller_type;

}  // namespace krait::op
