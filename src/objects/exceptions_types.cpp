// The static exception type objects and the exported PyExc_* variables,
// generated from exceptions.def through the kinds of exceptions_impl.h.
//
// Each type is constant-initialized (constinit): PyExc_TypeError points at a
// complete type object before any constructor runs, so code that raises during
// start-up (or an extension's static initializer) never sees a half-built one.
#include "objects/exceptions.h"

#include "objects/exceptions_impl.h"
#include "objects/object_util.h"

namespace krait::exc {

template <class K>
constexpr PyTypeObject make_exception_type(const char* name, PyTypeObject* base,
                                           const char* doc) {
  return PyTypeObject{
      .ob_base = KRAIT_IMMORTAL_VAR_HEAD(&PyType_Type, 0),
      .tp_name = name,
      .tp_basicsize = sizeof(typename K::Object),
      .tp_dealloc = K::dealloc,
      .tp_repr = K::repr,
      .tp_str = K::str,
      .tp_getattro = K::getattro,
      .tp_setattro = K::setattro,
      // BASE_EXC_SUBCLASS is what PyExceptionInstance_Check tests; CPython
      // derives it in PyType_Ready, we state it so it never depends on order.
      .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC |
                  Py_TPFLAGS_BASE_EXC_SUBCLASS,
      .tp_doc = doc,
      .tp_traverse = K::traverse,
      .tp_clear = K::clear,
      .tp_methods = K::methods,
      .tp_members = K::members,
      .tp_getset = K::getset,
      .tp_base = base,
      .tp_dictoffset = offsetof(typename K::Object, dict),
      .tp_init = K::init,
      .tp_new = K::new_,
  };
}

}  // namespace krait::exc

using namespace krait::exc;

#define KRAIT_EXCEPTION_ROOT(Name, Kind, Doc) \
  constinit PyTypeObject _PyExc_##Name = make_exception_type<Kind>(#Name, nullptr, Doc);
#define KRAIT_EXCEPTION(Name, Base, Kind, Doc) \
  constinit PyTypeObject _PyExc_##Name = make_exception_type<Kind>(#Name, &_PyExc_##Base, Doc);
#include "objects/exceptions.def"

// &type.ob_base.ob_base is the type as a PyObject* without a cast, so these
// stay constant expressions.
#define KRAIT_EXCEPTION_ROOT(Name, Kind, Doc) PyObject* PyExc_##Name = &_PyExc_##Name.ob_base.ob_base;
#define KRAIT_EXCEPTION(Name, Base, Kind, Doc) PyObject* PyExc_##Name = &_PyExc_##Name.ob_base.ob_base;
#define KRAIT_EXCEPTION_ALIAS(Name, Target) PyObject* PyExc_##Name = &_PyExc_##Target.ob_base.ob_base;
#include "objects/exceptions.def"
