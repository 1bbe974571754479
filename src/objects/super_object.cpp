// super(): attribute lookup that starts after a given class in an object's MRO.
#include <Python.h>
#include <structmember.h>

#include "interp/frame_introspection.h"
#include "objects/object_util.h"
#include "objects/type_internal.h"
#include "runtime/identifiers.h"

using krait::Ref;

namespace krait {
namespace {

struct SuperObject {
  PyObject_HEAD
  PyTypeObject* type;      // the class super() was called for
  PyObject* obj;           // the instance or class, or NULL (unbound)
  PyTypeObject* obj_type;  // the type whose MRO is searched
};

inline SuperObject* as_super(PyObject* o) { return reinterpret_cast<SuperObject*>(o); }

void super_dealloc(PyObject* self) {
  SuperObject* su = as_super(self);
  PyObject_GC_UnTrack(self);
  Py_XDECREF(su->obj);
  Py_XDECREF(su->type);
  Py_XDECREF(su->obj_type);
  Py_TYPE(self)->tp_free(self);
}

int super_traverse(PyObject* self, visitproc visit, void* arg) {
  SuperObject* su = as_super(self);
  Py_VISIT(su->obj);
  Py_VISIT(reinterpret_cast<PyObject*>(su->type));
  Py_VISIT(reinterpret_cast<PyObject*>(su->obj_type));
  return 0;
}

PyObject* super_repr(PyObject* self) {
  SuperObject* su = as_super(self);
  if (su->obj_type) {
    return PyUnicode_FromFormat("<super: <class '%s'>, <%s object>>",
                                su->type ? su->type->tp_name : "NULL", su->obj_type->tp_name);
  }
  return PyUnicode_FromFormat("<super: <class '%s'>, NULL>", su->type ? su->type->tp_name : "NULL");
}

PyObject* super_getattro(PyObject* self, PyObject* name) {
  SuperObject* su = as_super(self);
  PyTypeObject* starttype = su->obj_type;
  // super().__class__ is the super object's class, not the next class's.
  if (starttype != nullptr &&
      !(PyUnicode_Check(name) && _PyUnicode_Equal(name, id::class_))) {
    PyObject* mro = starttype->tp_mro;
    if (mro != nullptr) {
      Py_ssize_t n = PyTuple_GET_SIZE(mro);
      Py_ssize_t i = 0;
      for (; i + 1 < n; i++) {
        if (reinterpret_cast<PyObject*>(su->type) == PyTuple_GET_ITEM(mro, i)) break;
      }
      i++;
      Ref<> mro_ref = borrow(mro);  // keep alive across __get__ calls
      for (; i < n; i++) {
        PyObject* tmp = PyTuple_GET_ITEM(mro, i);
        PyObject* dict = reinterpret_cast<PyTypeObject*>(tmp)->tp_dict;
        PyObject* res = PyDict_GetItemWithError(dict, name);
        if (res != nullptr) {
          Py_INCREF(res);
          descrgetfunc f = Py_TYPE(res)->tp_descr_get;
          if (f != nullptr) {
            PyObject* bound = f(res,
                                su->obj == reinterpret_cast<PyObject*>(starttype) ? nullptr : su->obj,
                                reinterpret_cast<PyObject*>(starttype));
            Py_DECREF(res);
            return bound;
          }
          return res;
        }
        if (PyErr_Occurred()) return nullptr;
      }
    }
  }
  return PyObject_GenericGetAttr(self, name);
}

PyTypeObject* supercheck(PyTypeObject* type, PyObject* obj) {
  if (PyType_Check(obj) && PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(obj), type)) {
    Py_INCREF(obj);
    return reinterpret_cast<PyTypeObject*>(obj);
  }
  if (PyType_IsSubtype(Py_TYPE(obj), type)) {
    Py_INCREF(Py_TYPE(obj));
    return Py_TYPE(obj);
  }
  // A proxy may claim a different __class__.
  PyObject* class_attr;
  if (_PyObject_LookupAttr(obj, id::class_, &class_attr) < 0) return nullptr;
  if (class_attr != nullptr && PyType_Check(class_attr) &&
      reinterpret_cast<PyTypeObject*>(class_attr) != Py_TYPE(obj)) {
    if (PyType_IsSubtype(reinterpret_cast<PyTypeObject*>(class_attr), type))
      return reinterpret_cast<PyTypeObject*>(class_attr);
  }
  Py_XDECREF(class_attr);
  PyErr_SetString(PyExc_TypeError, "super(type, obj): obj must be an instance or subtype of type");
  return nullptr;
}

int super_init_impl(PyObject* self, PyTypeObject* type, PyObject* obj) {
  PyTypeObject* obj_type = nullptr;
  if (obj == Py_None) obj = nullptr;
  if (obj != nullptr) {
    obj_type = supercheck(type, obj);
    if (obj_type == nullptr) return -1;
    Py_INCREF(obj);
  }
  SuperObject* su = as_super(self);
  Py_INCREF(type);
  Py_XSETREF(su->type, type);
  Py_XSETREF(su->obj, obj);
  Py_XSETREF(su->obj_type, obj_type);
  return 0;
}

int super_init(PyObject* self, PyObject* args, PyObject* kwds) {
  if (kwds && PyDict_GET_SIZE(kwds)) {
    PyErr_SetString(PyExc_TypeError, "super() takes no keyword arguments");
    return -1;
  }
  PyObject* type_obj = nullptr;
  PyObject* obj = nullptr;
  if (!PyArg_UnpackTuple(args, "super", 0, 2, &type_obj, &obj)) return -1;
  if (type_obj == nullptr) {
    PyTypeObject* t;
    PyObject* o;
    if (interp::super_args_from_current_frame(&t, &o) < 0) return -1;
    return super_init_impl(self, t, o);
  }
  if (!PyType_Check(type_obj)) {
    PyErr_Format(PyExc_TypeError, "super() argument 1 must be a type, not %.200s",
                 Py_TYPE(type_obj)->tp_name);
    return -1;
  }
  return super_init_impl(self, reinterpret_cast<PyTypeObject*>(type_obj), obj);
}

PyObject* super_descr_get(PyObject* self, PyObject* obj, PyObject*) {
  SuperObject* su = as_super(self);
  if (obj == nullptr || obj == Py_None || su->obj != nullptr) {
    Py_INCREF(self);
    return self;
  }
  if (!Py_IS_TYPE(self, &PySuper_Type)) {
    return PyObject_CallFunctionObjArgs(reinterpret_cast<PyObject*>(Py_TYPE(self)), su->type, obj,
                                        nullptr);
  }
  Ref<> bound = steal(PyType_GenericAlloc(&PySuper_Type, 0));
  if (!bound || super_init_impl(bound.get(), su->type, obj) < 0) return nullptr;
  return bound.release();
}

PyMemberDef super_members[] = {
    {"__thisclass__", T_OBJECT, offsetof(SuperObject, type), READONLY, "the class invoking super()"},
    {"__self__", T_OBJECT, offsetof(SuperObject, obj), READONLY, "the instance invoking super(); may be None"},
    {"__self_class__", T_OBJECT, offsetof(SuperObject, obj_type), READONLY, "the type of the instance invoking super(); may be None"},
    {nullptr, 0, 0, 0, nullptr}};

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject PySuper_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "super",
    .tp_basicsize = sizeof(SuperObject),
    .tp_dealloc = super_dealloc,
    .tp_repr = super_repr,
    .tp_getattro = super_getattro,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "super() -> same as super(__class__, <first argument>)\n"
              "super(type) -> unbound super object\n"
              "super(type, obj) -> bound super object; requires isinstance(obj, type)\n"
              "super(type, type2) -> bound super object; requires issubclass(type2, type)\n"
              "Typical use to call a cooperative superclass method:\n"
              "class C(B):\n"
              "    def meth(self, arg):\n"
              "        super().meth(arg)\n"
              "This works for class methods too:\n"
              "class C(B):\n"
              "    @classmethod\n"
              "    def cmeth(cls, arg):\n"
              "        super().cmeth(arg)\n",
    .tp_traverse = super_traverse,
    .tp_members = super_members,
    .tp_descr_get = super_descr_get,
    .tp_init = super_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
};
