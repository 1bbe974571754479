// collections.h — shared declarations of the `_collections` module's files
// (deque_object.cpp, defaultdict_object.cpp, collections_module.cpp).
#pragma once
#include <Python.h>

namespace krait::collections {

extern PyTypeObject deque_type, dequeiter_type, dequereviter_type, defdict_type,
    tuplegetter_type;

}  // namespace krait::collections
