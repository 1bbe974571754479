// functools_module.cpp — the `_functools` module: reduce() and the module
// init. functools.py imports partial, reduce, cmp_to_key and
// _lru_cache_wrapper from here when available and keeps its pure-Python
// versions otherwise.
#include "modules/functools/functools.h"
#include "support/ref.h"

using namespace krait;

namespace krait::functools {
PyObject* kwd_mark = nullptr;
}

namespace {

PyObject* functools_reduce(PyObject*, PyObject* args) {
  PyObject *func, *seq, *initial = nullptr;
  if (!PyArg_UnpackTuple(args, "reduce", 2, 3, &func, &seq, &initial)) return nullptr;
  Ref<> it = steal(PyObject_GetIter(seq));
  if (!it) {
    if (PyErr_ExceptionMatches(PyExc_TypeError))
      PyErr_SetString(PyExc_TypeError, "reduce() arg 2 must support iteration");
    return nullptr;
  }
  Ref<> result = borrow(initial);
  for (;;) {
    Ref<> item = steal(PyIter_Next(it.get()));
    if (!item) {
      if (PyErr_Occurred()) return nullptr;
      break;
    }
    if (!result) {
      result = std::move(item);
      continue;
    }
    PyObject* stack[2] = {result.get(), item.get()};
    result = steal(PyObject_Vectorcall(func, stack, 2, nullptr));
    if (!result) return nullptr;
  }
  if (!result) {
    PyErr_SetString(PyExc_TypeError, "reduce() of empty iterable with no initial value");
    return nullptr;
  }
  return result.release();
}

PyMethodDef module_methods[] = {
    {"reduce", functools_reduce, METH_VARARGS,
     "reduce(function, iterable[, initial]) -> value\n\n"
     "Apply a function of two arguments cumulatively to the items of a sequence\n"
     "or iterable, from left to right, so as to reduce the iterable to a single\n"
     "value.  For example, reduce(lambda x, y: x+y, [1, 2, 3, 4, 5]) calculates\n"
     "((((1+2)+3)+4)+5).  If initial is present, it is placed before the items\n"
     "of the iterable in the calculation, and serves as a default when the\n"
     "iterable is empty."},
    {"cmp_to_key", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(functools::cmp_to_key)),
     METH_VARARGS | METH_KEYWORDS, "Convert a cmp= function into a key= function."},
    {nullptr, nullptr, 0, nullptr},
};

PyModuleDef functools_module = {
    PyModuleDef_HEAD_INIT,
    "_functools",
    "Tools that operate on functions.",
    -1,
    module_methods,
};

}  // namespace

extern "C" PyObject* PyInit__functools(void) {
  using namespace krait::functools;
  if (!kwd_mark) {
    kwd_mark = PyObject_CallNoArgs(reinterpret_cast<PyObject*>(&PyBaseObject_Type));
    if (!kwd_mark) return nullptr;
  }
  for (PyTypeObject* t : {&partial_type, &keyobject_type, &lru_cache_type, &lru_list_elem_type})
    if (PyType_Ready(t) < 0) return nullptr;
  Ref<> m = steal(PyModule_Create(&functools_module));
  if (!m) return nullptr;
  if (PyModule_AddType(m.get(), &partial_type) < 0) return nullptr;
  if (PyModule_AddObjectRef(m.get(), "_lru_cache_wrapper", reinterpret_cast<PyObject*>(&lru_cache_type)) < 0)
    return nullptr;
  return m.release();
}
