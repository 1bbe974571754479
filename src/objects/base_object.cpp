// `object`: the root of every type — default construction, repr, hashing by
// identity, equality by identity, __class__, __reduce_ex__, __dir__, __format__.
#include <Python.h>

#include <utility>

#include "objects/object_util.h"
#include "objects/type_internal.h"
#include "runtime/identifiers.h"

using krait::Ref;

namespace krait {
namespace {

bool excess_args(PyObject* args, PyObject* kwds) {
  return PyTuple_GET_SIZE(args) || (kwds && PyDict_Check(kwds) && PyDict_GET_SIZE(kwds));
}

int object_init(PyObject* self, PyObject* args, PyObject* kwds);
PyObject* object_new(PyTypeObject* type, PyObject* args, PyObject* kwds);

int object_init(PyObject* self, PyObject* args, PyObject* kwds) {
  PyTypeObject* type = Py_TYPE(self);
  if (excess_args(args, kwds)) {
    if (type->tp_init != object_init) {
      PyErr_SetString(PyExc_TypeError,
                      "object.__init__() takes exactly one argument (the instance to initialize)");
      return -1;
    }
    if (type->tp_new == object_new) {
      PyErr_Format(PyExc_TypeError,
                   "%.200s.__init__() takes exactly one argument (the instance to initialize)",
                   type->tp_name);
      return -1;
    }
  }
  return 0;
}

// "Can't instantiate abstract class X with abstract methods a, b"
PyObject* abstract_error(PyTypeObject* type) {
  Ref<> methods = steal(PyObject_GetAttr(reinterpret_cast<PyObject*>(type), id::abstractmethods));
  if (!methods) return nullptr;
  Ref<> sorted = steal(PySequence_List(methods.get()));
  if (!sorted || PyList_Sort(sorted.get()) < 0) return nullptr;
  Ref<> sep = steal(PyUnicode_FromString(", "));
  if (!sep) return nullptr;
  Ref<> joined = steal(PyUnicode_Join(sep.get(), sorted.get()));
  if (!joined) return nullptr;
  Py_ssize_t n = PyList_GET_SIZE(sorted.get());
  PyErr_Format(PyExc_TypeError,
               "Can't instantiate abstract class %s with abstract method%s %U",
               type->tp_name, n > 1 ? "s" : "", joined.get());
  return nullptr;
}

PyObject* object_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  if (excess_args(args, kwds)) {
    if (type->tp_new != object_new) {
      PyErr_SetString(PyExc_TypeError,
                      "object.__new__() takes exactly one argument (the type to instantiate)");
      return nullptr;
    }
    if (type->tp_init == object_init) {
      PyErr_Format(PyExc_TypeError, "%.200s() takes no arguments", type->tp_name);
      return nullptr;
    }
  }
  if (type->tp_flags & Py_TPFLAGS_IS_ABSTRACT) return abstract_error(type);
  return type->tp_alloc(type, 0);
}

void object_dealloc(PyObject* self) { Py_TYPE(self)->tp_free(self); }

PyObject* object_repr(PyObject* self) {
  PyTypeObject* type = Py_TYPE(self);
  Ref<> mod = steal(PyObject_GetAttr(reinterpret_cast<PyObject*>(type), id::module));
  if (!mod) PyErr_Clear();
  else if (!PyUnicode_Check(mod.get())) mod = nullptr;
  Ref<> name = steal(PyType_GetQualName(type));
  if (!name) return nullptr;
  if (mod && !_PyUnicode_Equal(mod.get(), id::builtins_mod)) {
    return PyUnicode_FromFormat("<%U.%U object at %p>", mod.get(), name.get(), self);
  }
  return PyUnicode_FromFormat("<%s object at %p>", type->tp_name, self);
}

PyObject* object_str(PyObject* self) {
  unaryfunc f = Py_TYPE(self)->tp_repr;
  if (f == nullptr) f = object_repr;
  return f(self);
}

PyObject* object_richcompare(PyObject* self, PyObject* other, int op) {
  switch (op) {
    case Py_EQ:
      // Identity; NotImplemented otherwise so the other side gets a chance.
      if (self == other) Py_RETURN_TRUE;
      Py_RETURN_NOTIMPLEMENTED;
    case Py_NE: {
      // __ne__ delegates to __eq__ and inverts it.
      richcmpfunc f = Py_TYPE(self)->tp_richcompare;
      if (f == nullptr) Py_RETURN_NOTIMPLEMENTED;
      PyObject* res = f(self, other, Py_EQ);
      if (res != nullptr && res != Py_NotImplemented) {
        int ok = PyObject_IsTrue(res);
        Py_DECREF(res);
        if (ok < 0) return nullptr;
        return PyBool_FromLong(!ok);
      }
      return res;
    }
    default:
      Py_RETURN_NOTIMPLEMENTED;
  }
}

Py_hash_t object_hash(PyObject* self) { return _Py_HashPointer(self); }

// --- __class__ -----------------------------------------------------------------

PyObject* object_get_class(PyObject* self, void*) {
  PyObject* t = reinterpret_cast<PyObject*>(Py_TYPE(self));
  Py_INCREF(t);
  return t;
}

bool same_slots_added(PyTypeObject* a, PyTypeObject* b) {
  PyTypeObject* base = a->tp_base;
  Py_ssize_t size = base->tp_basicsize;
  if (a->tp_dictoffset == size && b->tp_dictoffset == size) size += sizeof(PyObject*);
  if (a->tp_weaklistoffset == size && b->tp_weaklistoffset == size) size += sizeof(PyObject*);
  // Only heap types have ht_slots (a static type's struct ends before it): two
  // different static layouts (list and dict) are never compatible.
  if (!(a->tp_flags & Py_TPFLAGS_HEAPTYPE) || !(b->tp_flags & Py_TPFLAGS_HEAPTYPE)) return false;
  PyObject* sa = reinterpret_cast<PyHeapTypeObject*>(a)->ht_slots;
  PyObject* sb = reinterpret_cast<PyHeapTypeObject*>(b)->ht_slots;
  if (sa && sb) {
    if (PyObject_RichCompareBool(sa, sb, Py_EQ) != 1) return false;
    size += sizeof(PyObject*) * PyTuple_GET_SIZE(sa);
  }
  return size == a->tp_basicsize && size == b->tp_basicsize;
}

}  // namespace

bool compatible_for_assignment(PyTypeObject* oldto, PyTypeObject* newto, const char* attr) {
  if (newto->tp_free != oldto->tp_free) {
    PyErr_Format(PyExc_TypeError, "%s assignment: '%s' deallocator differs from '%s'", attr,
                 newto->tp_name, oldto->tp_name);
    return false;
  }
  PyTypeObject* newbase = newto;
  PyTypeObject* oldbase = oldto;
  while (newbase->tp_base && newbase->tp_basicsize == newbase->tp_base->tp_basicsize &&
         newbase->tp_itemsize == newbase->tp_base->tp_itemsize)
    newbase = newbase->tp_base;
  while (oldbase->tp_base && oldbase->tp_basicsize == oldbase->tp_base->tp_basicsize &&
         oldbase->tp_itemsize == oldbase->tp_base->tp_itemsize)
    oldbase = oldbase->tp_base;
  if (newbase != oldbase &&
      (newbase->tp_base != oldbase->tp_base || !same_slots_added(newbase, oldbase))) {
    PyErr_Format(PyExc_TypeError, "%s assignment: '%s' object layout differs from '%s'", attr,
                 newto->tp_name, oldto->tp_name);
    return false;
  }
  return true;
}

namespace {

int object_set_class(PyObject* self, PyObject* value, void*) {
  if (value == nullptr) {
    PyErr_SetString(PyExc_TypeError, "can't delete __class__ attribute");
    return -1;
  }
  if (!PyType_Check(value)) {
    PyErr_Format(PyExc_TypeError, "__class__ must be set to a class, not '%s' object",
                 Py_TYPE(value)->tp_name);
    return -1;
  }
  auto* newto = reinterpret_cast<PyTypeObject*>(value);
  PyTypeObject* oldto = Py_TYPE(self);
  bool mutable_ok = (newto->tp_flags & Py_TPFLAGS_HEAPTYPE) &&
                    (oldto->tp_flags & Py_TPFLAGS_HEAPTYPE);
  bool module_ok = PyType_IsSubtype(newto, &PyModule_Type) &&
                   PyType_IsSubtype(oldto, &PyModule_Type);
  if (!mutable_ok && !module_ok) {
    PyErr_Format(PyExc_TypeError,
                 "__class__ assignment only supported for mutable types or ModuleType subclasses");
    return -1;
  }
  if (!compatible_for_assignment(oldto, newto, "__class__")) return -1;
  if (newto->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_INCREF(newto);
  Py_SET_TYPE(self, newto);
  if (oldto->tp_flags & Py_TPFLAGS_HEAPTYPE) Py_DECREF(oldto);
  return 0;
}

PyGetSetDef object_getsets[] = {
    {"__class__", object_get_class, object_set_class, "the object's class", nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

// --- methods ------------------------------------------------------------------------

PyObject* object_subclasshook(PyObject*, PyObject*) { Py_RETURN_NOTIMPLEMENTED; }

PyObject* object_init_subclass(PyObject* cls, PyObject* const*, Py_ssize_t nargs, PyObject* kwnames) {
  if (nargs || (kwnames && PyTuple_GET_SIZE(kwnames))) {
    PyErr_Format(PyExc_TypeError, "%s.__init_subclass__() takes no keyword arguments",
                 reinterpret_cast<PyTypeObject*>(cls)->tp_name);
    return nullptr;
  }
  Py_RETURN_NONE;
}

PyObject* object_format(PyObject* self, PyObject* spec) {
  if (!PyUnicode_Check(spec)) {
    PyErr_Format(PyExc_TypeError, "format() argument 1 must be str, not %.50s",
                 Py_TYPE(spec)->tp_name);
    return nullptr;
  }
  if (PyUnicode_GET_LENGTH(spec) > 0) {
    PyErr_Format(PyExc_TypeError, "unsupported format string passed to %.200s.__format__",
                 Py_TYPE(self)->tp_name);
    return nullptr;
  }
  return PyObject_Str(self);
}

PyObject* object_sizeof(PyObject* self, PyObject*) {
  Py_ssize_t size = Py_TYPE(self)->tp_basicsize;
  Py_ssize_t isize = Py_TYPE(self)->tp_itemsize;
  if (isize > 0) size += Py_ABS(Py_SIZE(self)) * isize;
  return PyLong_FromSsize_t(size);
}

PyObject* object_dir(PyObject* self, PyObject*) {
  Ref<> dict;
  PyObject* d;
  if (_PyObject_LookupAttr(self, id::dict, &d) < 0) return nullptr;
  if (d && PyDict_Check(d)) dict = steal(PyDict_Copy(d));
  else dict = steal(PyDict_New());
  Py_XDECREF(d);
  if (!dict) return nullptr;
  PyObject* cls;
  if (_PyObject_LookupAttr(self, id::class_, &cls) < 0) return nullptr;
  Ref<> cls_ref = steal(cls);
  if (cls) {
    Ref<> clsdir = steal(PyObject_Dir(cls));
    if (!clsdir) return nullptr;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(clsdir.get()); i++) {
      if (PyDict_SetItem(dict.get(), PyList_GET_ITEM(clsdir.get(), i), Py_None) < 0) return nullptr;
    }
  }
  return PyDict_Keys(dict.get());
}

// The names of the slots an instance of `type` may carry, in declaration
// order through the MRO: type.__dict__['__slotnames__'] when cached, else
// copyreg._slotnames(type) (which caches it), as CPython's _PyType_GetSlotNames.
PyObject* slot_names(PyTypeObject* type) {
  PyObject* cached = PyDict_GetItemString(type->tp_dict, "__slotnames__");
  if (cached != nullptr) {
    if (cached != Py_None && !PyList_Check(cached)) {
      PyErr_Format(PyExc_TypeError, "%.200s.__slotnames__ should be a list or None, not %.200s",
                   type->tp_name, Py_TYPE(cached)->tp_name);
      return nullptr;
    }
    return Py_NewRef(cached);
  }
  Ref<> copyreg = steal(PyImport_ImportModule("copyreg"));
  if (!copyreg) return nullptr;
  Ref<> names = steal(PyObject_CallMethod(copyreg.get(), "_slotnames", "O", type));
  if (!names) return nullptr;
  if (names.get() != Py_None && !PyList_Check(names.get())) {
    PyErr_SetString(PyExc_TypeError, "copyreg._slotnames didn't return a list or None");
    return nullptr;
  }
  return names.release();
}

// object.__getstate__ (3.11): the instance dict (None when empty), paired with
// a dict of the slot values that are set, if any.
PyObject* object_getstate(PyObject* self, PyObject*) {
  PyObject** dictptr = _PyObject_GetDictPtr(self);
  PyObject* state = (dictptr && *dictptr && PyDict_GET_SIZE(*dictptr)) ? *dictptr : Py_None;
  Ref<> names;
  if (Py_TYPE(self)->tp_flags & Py_TPFLAGS_HEAPTYPE) {
    names = steal(slot_names(Py_TYPE(self)));
    if (!names) return nullptr;
  }
  if (!names || names.get() == Py_None || PyList_GET_SIZE(names.get()) == 0)
    return Py_NewRef(state);
  Ref<> slotdict = steal(PyDict_New());
  if (!slotdict) return nullptr;
  Py_ssize_t size = PyList_GET_SIZE(names.get());
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(names.get()); i++) {
    // Own the name: a __getattr__ may replace the list's items (and free this one).
    Ref<> name = Ref<>::borrow(PyList_GET_ITEM(names.get(), i));
    PyObject* v;
    if (_PyObject_LookupAttr(self, name.get(), &v) < 0) return nullptr;
    if (v) {
      int r = PyDict_SetItem(slotdict.get(), name.get(), v);
      Py_DECREF(v);
      if (r < 0) return nullptr;
    }
    // A __getattr__ growing the list on every call would keep this loop going.
    if (size != PyList_GET_SIZE(names.get())) {
      PyErr_SetString(PyExc_RuntimeError, "__slotsname__ changed size during iteration");
      return nullptr;
    }
  }
  if (PyDict_GET_SIZE(slotdict.get()) == 0) return Py_NewRef(state);
  return PyTuple_Pack(2, state, slotdict.get());
}

// The arguments __new__ must get again when unpickling: from
// __getnewargs_ex__ (args, kwargs) or __getnewargs__ (args); both stay NULL
// when the class defines neither. Checks and messages as CPython.
int get_new_arguments(PyObject* obj, Ref<>* args, Ref<>* kwargs) {
  Ref<> ex_name = steal(PyUnicode_InternFromString("__getnewargs_ex__"));
  Ref<> name = steal(PyUnicode_InternFromString("__getnewargs__"));
  if (!ex_name || !name) return -1;
  Ref<> meth = steal(krait::lookup_special(obj, ex_name.get()));
  if (!meth && PyErr_Occurred()) return -1;
  if (meth) {
    Ref<> r = steal(PyObject_CallNoArgs(meth.get()));
    if (!r) return -1;
    if (!PyTuple_Check(r.get())) {
      PyErr_Format(PyExc_TypeError, "__getnewargs_ex__ should return a tuple, not '%.200s'",
                   Py_TYPE(r.get())->tp_name);
      return -1;
    }
    if (PyTuple_GET_SIZE(r.get()) != 2) {
      PyErr_Format(PyExc_ValueError, "__getnewargs_ex__ should return a tuple of length 2, not %zd",
                   PyTuple_GET_SIZE(r.get()));
      return -1;
    }
    PyObject* a = PyTuple_GET_ITEM(r.get(), 0);
    PyObject* k = PyTuple_GET_ITEM(r.get(), 1);
    if (!PyTuple_Check(a)) {
      PyErr_Format(PyExc_TypeError,
                   "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not "
                   "'%.200s'",
                   Py_TYPE(a)->tp_name);
      return -1;
    }
    if (!PyDict_Check(k)) {
      PyErr_Format(PyExc_TypeError,
                   "second item of the tuple returned by __getnewargs_ex__ must be a dict, not "
                   "'%.200s'",
                   Py_TYPE(k)->tp_name);
      return -1;
    }
    *args = borrow(a);
    *kwargs = borrow(k);
    return 0;
  }
  meth = steal(krait::lookup_special(obj, name.get()));
  if (!meth && PyErr_Occurred()) return -1;
  if (meth) {
    Ref<> r = steal(PyObject_CallNoArgs(meth.get()));
    if (!r) return -1;
    if (!PyTuple_Check(r.get())) {
      PyErr_Format(PyExc_TypeError, "__getnewargs__ should return a tuple, not '%.200s'",
                   Py_TYPE(r.get())->tp_name);
      return -1;
    }
    *args = std::move(r);
  }
  return 0;
}

// Protocol >= 2, as CPython's reduce_newobj: (copyreg.__newobj__, (cls, *args),
// state, listitems, dictitems), or __newobj_ex__ with keyword arguments;
// list and dict (subclass) items travel as iterators. Below 2: copyreg._reduce_ex.
PyObject* object_reduce_ex(PyObject* self, PyObject* protocol_obj) {
  long protocol = PyLong_AsLong(protocol_obj);
  if (protocol == -1 && PyErr_Occurred()) return nullptr;
  // A class overriding __reduce__ wins.
  PyObject* reduce = krait::type_lookup(Py_TYPE(self), id::reduce);
  PyObject* obj_reduce = krait::type_lookup(&PyBaseObject_Type, id::reduce);
  if (reduce && reduce != obj_reduce) return PyObject_CallMethodNoArgs(self, id::reduce);
  Ref<> copyreg = steal(PyImport_ImportModule("copyreg"));
  if (!copyreg) return nullptr;
  if (protocol < 2) {
    return PyObject_CallMethod(copyreg.get(), "_reduce_ex", "Ol", self, protocol);
  }
  if (Py_TYPE(self)->tp_new == nullptr) {
    PyErr_Format(PyExc_TypeError, "cannot pickle '%.200s' object", Py_TYPE(self)->tp_name);
    return nullptr;
  }
  Ref<> args, kwargs;
  if (get_new_arguments(self, &args, &kwargs) < 0) return nullptr;
  Ref<> newobj, newargs;
  if (!kwargs || PyDict_GET_SIZE(kwargs.get()) == 0) {
    newobj = steal(PyObject_GetAttrString(copyreg.get(), "__newobj__"));
    Py_ssize_t n = args ? PyTuple_GET_SIZE(args.get()) : 0;
    newargs = steal(PyTuple_New(n + 1));
    if (!newobj || !newargs) return nullptr;
    PyTuple_SET_ITEM(newargs.get(), 0, Py_NewRef(reinterpret_cast<PyObject*>(Py_TYPE(self))));
    for (Py_ssize_t i = 0; i < n; i++)
      PyTuple_SET_ITEM(newargs.get(), i + 1, Py_NewRef(PyTuple_GET_ITEM(args.get(), i)));
  } else {
    newobj = steal(PyObject_GetAttrString(copyreg.get(), "__newobj_ex__"));
    if (!newobj) return nullptr;
    newargs = steal(PyTuple_Pack(3, Py_TYPE(self), args.get(), kwargs.get()));
    if (!newargs) return nullptr;
  }
  // With no __new__ arguments and the default __getstate__, CPython refuses
  // objects whose C layout holds more than a dict, weakrefs and slots: the
  // state could not capture it. Judged on the first static (solid) base, as
  // Krait's class instances are laid out differently from CPython's.
  if (!args && !PyList_Check(self) && !PyDict_Check(self)) {
    Ref<> gs_name = steal(PyUnicode_InternFromString("__getstate__"));
    if (!gs_name) return nullptr;
    PyObject* getstate = krait::type_lookup(Py_TYPE(self), gs_name.get());
    if (getstate != nullptr &&
        getstate == krait::type_lookup(&PyBaseObject_Type, gs_name.get())) {
      // Python classes (heap types deallocated by subtype_dealloc) are skipped; a heap type with
      // its own dealloc is an extension's C type (PyType_FromSpec) and is judged itself, so
      // _bz2.BZ2Compressor and friends refuse pickling as in CPython.
      PyTypeObject* solid = Py_TYPE(self);
      while (solid != nullptr && (solid->tp_flags & Py_TPFLAGS_HEAPTYPE) &&
             solid->tp_dealloc == krait::subtype_dealloc)
        solid = solid->tp_base;
      if (solid != nullptr && solid != &PyBaseObject_Type) {
        if (solid->tp_itemsize != 0) {
          PyErr_Format(PyExc_TypeError, "cannot pickle %.200s objects", Py_TYPE(self)->tp_name);
          return nullptr;
        }
        Py_ssize_t basicsize = PyBaseObject_Type.tp_basicsize;
        if (solid->tp_dictoffset) basicsize += Py_ssize_t(sizeof(PyObject*));
        if (solid->tp_weaklistoffset) basicsize += Py_ssize_t(sizeof(PyObject*));
        if (solid->tp_basicsize > basicsize) {
          PyErr_Format(PyExc_TypeError, "cannot pickle '%.200s' object", Py_TYPE(self)->tp_name);
          return nullptr;
        }
      }
    }
  }
  Ref<> state = steal(PyObject_CallMethod(self, "__getstate__", nullptr));
  if (!state) return nullptr;
  Ref<> listitems = borrow(Py_None);
  Ref<> dictitems = borrow(Py_None);
  if (PyList_Check(self)) {
    listitems = steal(PyObject_GetIter(self));
    if (!listitems) return nullptr;
  }
  if (PyDict_Check(self)) {
    Ref<> items = steal(PyObject_CallMethod(self, "items", nullptr));
    if (!items) return nullptr;
    dictitems = steal(PyObject_GetIter(items.get()));
    if (!dictitems) return nullptr;
  }
  return PyTuple_Pack(5, newobj.get(), newargs.get(), state.get(), listitems.get(),
                      dictitems.get());
}

PyObject* object_reduce(PyObject* self, PyObject*) {
  Ref<> copyreg = steal(PyImport_ImportModule("copyreg"));
  if (!copyreg) return nullptr;
  return PyObject_CallMethod(copyreg.get(), "_reduce_ex", "Oi", self, 0);
}

PyMethodDef object_methods[] = {
    {"__reduce_ex__", object_reduce_ex, METH_O,
     "__reduce_ex__($self, protocol, /)\n--\n\nHelper for pickle."},
    {"__reduce__", object_reduce, METH_NOARGS,
     "__reduce__($self, /)\n--\n\nHelper for pickle."},
    {"__getstate__", object_getstate, METH_NOARGS,
     "__getstate__($self, /)\n--\n\nHelper for pickle."},
    {"__subclasshook__", object_subclasshook, METH_CLASS | METH_VARARGS,
     "Abstract classes can override this to customize issubclass()."},
    {"__init_subclass__",
     reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(object_init_subclass)),
     METH_CLASS | METH_FASTCALL | METH_KEYWORDS,
     "This method is called when a class is subclassed."},
    {"__format__", object_format, METH_O,
     "__format__($self, format_spec, /)\n--\n\nDefault object formatter."},
    {"__sizeof__", object_sizeof, METH_NOARGS,
     "__sizeof__($self, /)\n--\n\nSize of object in memory, in bytes."},
    {"__dir__", object_dir, METH_NOARGS,
     "__dir__($self, /)\n--\n\nDefault dir() implementation."},
    {nullptr, nullptr, 0, nullptr}};

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject PyBaseObject_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "object",
    .tp_basicsize = sizeof(PyObject),
    .tp_dealloc = object_dealloc,
    .tp_repr = object_repr,
    .tp_hash = object_hash,
    .tp_str = object_str,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "object()\n--\n\n"
              "The base class of the class hierarchy.\n\n"
              "When called, it accepts no arguments and returns a new featureless\n"
              "instance that has no instance attributes and cannot be given any.\n",
    .tp_richcompare = object_richcompare,
    .tp_methods = object_methods,
    .tp_getset = object_getsets,
    .tp_init = object_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = object_new,
    .tp_free = PyObject_Free,
};
