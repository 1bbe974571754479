// Slots <-> dunder methods, in both directions (DESIGN.md §1, issue "slots ↔
// dunder methods"): the table is slot_defs.def.
//
//  * C -> Python: PyType_Ready adds a wrapper descriptor for each slot a static
//    type fills, so `int.__add__` exists and calls long's nb_add.
//  * Python -> C: a class that defines a dunder gets the matching generic
//    slot function (slot_nb_add, ...), which looks the dunder up on the type and
//    calls it; where the dunder is inherited unchanged from a C type, the slot
//    points straight at the C function instead (no Python-level detour).
#include <Python.h>
#include <cstddef>

#include "objects/object_util.h"
#include "objects/type_internal.h"
#include "runtime/identifiers.h"

using krait::Ref;

namespace krait {
namespace {

enum SlotKind { TP, AM, NB, MP, SQ };

// Interned name for a literal, created on first use and kept forever.
#define KRAIT_NAME(text)                                          \
  ([]() -> PyObject* {                                            \
    static PyObject* s = nullptr;                                 \
    if (!s) { s = PyUnicode_InternFromString(text); make_immortal(s); } \
    return s;                                                     \
  }())

// --- calling dunders ------------------------------------------------------------

// Looks `name` up on obj's type. Returns a new reference; *unbound says the
// result is a plain function still needing `obj` as first argument.
PyObject* lookup_method(PyObject* obj, PyObject* name, bool* unbound) {
  PyObject* res = type_lookup(Py_TYPE(obj), name);
  if (res == nullptr) return nullptr;
  if (PyType_HasFeature(Py_TYPE(res), Py_TPFLAGS_METHOD_DESCRIPTOR)) {
    *unbound = true;
    Py_INCREF(res);
    return res;
  }
  *unbound = false;
  descrgetfunc f = Py_TYPE(res)->tp_descr_get;
  if (f == nullptr) {
    Py_INCREF(res);
    return res;
  }
  return f(res, obj, reinterpret_cast<PyObject*>(Py_TYPE(obj)));
}

}  // namespace

PyObject* call_special(PyObject* obj, PyObject* name, PyObject* const* args, Py_ssize_t nargs,
                       bool* found) {
  bool unbound;
  Ref<> func = steal(lookup_method(obj, name, &unbound));
  if (!func) {
    *found = false;
    return nullptr;
  }
  *found = true;
  // Room for self in front, so a bound call can pass PY_VECTORCALL_ARGUMENTS_OFFSET.
  PyObject* stack[8];
  PyObject** buf = stack;
  Ref<> heap;
  if (nargs + 1 > 8) {
    buf = static_cast<PyObject**>(PyMem_Malloc((nargs + 1) * sizeof(PyObject*)));
    if (!buf) return PyErr_NoMemory();
  }
  buf[0] = obj;
  for (Py_ssize_t i = 0; i < nargs; i++) buf[i + 1] = args[i];
  PyObject* res;
  if (unbound) {
    res = PyObject_Vectorcall(func.get(), buf, nargs + 1, nullptr);
  } else {
    res = PyObject_Vectorcall(func.get(), buf + 1, nargs | PY_VECTORCALL_ARGUMENTS_OFFSET,
                              nullptr);
  }
  if (buf != stack) PyMem_Free(buf);
  return res;
}

PyObject* lookup_special(PyObject* obj, PyObject* name) {
  PyObject* res = type_lookup(Py_TYPE(obj), name);
  if (res == nullptr) return nullptr;
  descrgetfunc f = Py_TYPE(res)->tp_descr_get;
  if (f == nullptr) {
    Py_INCREF(res);
    return res;
  }
  return f(res, obj, reinterpret_cast<PyObject*>(Py_TYPE(obj)));
}

namespace {

// Calls the dunder, raising AttributeError if the type lacks it.
PyObject* call_method(PyObject* obj, PyObject* name, PyObject* const* args, Py_ssize_t nargs) {
  bool found;
  PyObject* res = call_special(obj, name, args, nargs, &found);
  if (!found && !PyErr_Occurred()) PyErr_SetObject(PyExc_AttributeError, name);
  return res;
}

// Calls the dunder, or returns NotImplemented when the type lacks it.
PyObject* call_maybe(PyObject* obj, PyObject* name, PyObject* const* args, Py_ssize_t nargs) {
  bool found;
  PyObject* res = call_special(obj, name, args, nargs, &found);
  if (!found && !PyErr_Occurred()) Py_RETURN_NOTIMPLEMENTED;
  return res;
}

// --- generic slots for Python classes ------------------------------------------

// Does type(right) define `name` differently from type(left)? Decides whether
// a subclass's reflected method gets the first try.
bool method_is_overloaded(PyObject* left, PyObject* right, PyObject* name) {
  PyObject* a = type_lookup(Py_TYPE(right), name);
  if (a == nullptr) return false;
  PyObject* b = type_lookup(Py_TYPE(left), name);
  return b == nullptr || a != b;
}

void* nb_slot_of(PyTypeObject* t, size_t off) {
  if (t->tp_as_number == nullptr) return nullptr;
  return *reinterpret_cast<void**>(reinterpret_cast<char*>(t->tp_as_number) + off);
}

PyObject* binary_slot(PyObject* self, PyObject* other, size_t off, void* this_fn, PyObject* name,
                      PyObject* rname) {
  PyTypeObject* ts = Py_TYPE(self);
  PyTypeObject* to = Py_TYPE(other);
  bool do_other = ts != to && nb_slot_of(to, off) == this_fn;
  if (nb_slot_of(ts, off) == this_fn) {
    if (do_other && PyType_IsSubtype(to, ts) && method_is_overloaded(self, other, rname)) {
      PyObject* r = call_maybe(other, rname, &self, 1);
      if (r != Py_NotImplemented) return r;
      Py_DECREF(r);
      do_other = false;
    }
    PyObject* r = call_maybe(self, name, &other, 1);
    if (r != Py_NotImplemented || to == ts) return r;
    Py_DECREF(r);
  }
  if (do_other) return call_maybe(other, rname, &self, 1);
  Py_RETURN_NOTIMPLEMENTED;
}

#define BINARY_SLOT(fn, field, name, rname)                                          \
  PyObject* fn(PyObject* self, PyObject* other) {                                   \
    return binary_slot(self, other, offsetof(PyNumberMethods, field),               \
                       reinterpret_cast<void*>(&fn), KRAIT_NAME(name), KRAIT_NAME(rname)); \
  }
BINARY_SLOT(slot_nb_add, nb_add, "__add__", "__radd__")
BINARY_SLOT(slot_nb_subtract, nb_subtract, "__sub__", "__rsub__")
BINARY_SLOT(slot_nb_multiply, nb_multiply, "__mul__", "__rmul__")
BINARY_SLOT(slot_nb_remainder, nb_remainder, "__mod__", "__rmod__")
BINARY_SLOT(slot_nb_divmod, nb_divmod, "__divmod__", "__rdivmod__")
BINARY_SLOT(slot_nb_lshift, nb_lshift, "__lshift__", "__rlshift__")
BINARY_SLOT(slot_nb_rshift, nb_rshift, "__rshift__", "__rrshift__")
BINARY_SLOT(slot_nb_and, nb_and, "__and__", "__rand__")
BINARY_SLOT(slot_nb_xor, nb_xor, "__xor__", "__rxor__")
BINARY_SLOT(slot_nb_or, nb_or, "__or__", "__ror__")
BINARY_SLOT(slot_nb_floor_divide, nb_floor_divide, "__floordiv__", "__rfloordiv__")
BINARY_SLOT(slot_nb_true_divide, nb_true_divide, "__truediv__", "__rtruediv__")
BINARY_SLOT(slot_nb_matrix_multiply, nb_matrix_multiply, "__matmul__", "__rmatmul__")
#undef BINARY_SLOT

PyObject* slot_nb_power(PyObject* self, PyObject* other, PyObject* modulus);
// Two-argument pow() dispatches like any binary operator, on nb_power.
PyObject* pow_binary(PyObject* self, PyObject* other) {
  return binary_slot(self, other, offsetof(PyNumberMethods, nb_power),
                     reinterpret_cast<void*>(&slot_nb_power), KRAIT_NAME("__pow__"),
                     KRAIT_NAME("__rpow__"));
}

PyObject* slot_nb_power(PyObject* self, PyObject* other, PyObject* modulus) {
  if (modulus == Py_None) return pow_binary(self, other);
  // Three-argument pow() never tries the reflected method.
  if (nb_slot_of(Py_TYPE(self), offsetof(PyNumberMethods, nb_power)) ==
      reinterpret_cast<void*>(&slot_nb_power)) {
    PyObject* args[2] = {other, modulus};
    return call_maybe(self, KRAIT_NAME("__pow__"), args, 2);
  }
  Py_RETURN_NOTIMPLEMENTED;
}

#define UNARY_SLOT(fn, name) \
  PyObject* fn(PyObject* self) { return call_method(self, KRAIT_NAME(name), nullptr, 0); }
UNARY_SLOT(slot_nb_negative, "__neg__")
UNARY_SLOT(slot_nb_positive, "__pos__")
UNARY_SLOT(slot_nb_absolute, "__abs__")
UNARY_SLOT(slot_nb_invert, "__invert__")
UNARY_SLOT(slot_nb_int, "__int__")
UNARY_SLOT(slot_nb_float, "__float__")
UNARY_SLOT(slot_nb_index, "__index__")
UNARY_SLOT(slot_tp_repr, "__repr__")
UNARY_SLOT(slot_tp_str, "__str__")
UNARY_SLOT(slot_am_await, "__await__")
UNARY_SLOT(slot_am_aiter, "__aiter__")
UNARY_SLOT(slot_am_anext, "__anext__")
#undef UNARY_SLOT

#define INPLACE_SLOT(fn, name) \
  PyObject* fn(PyObject* self, PyObject* other) { return call_maybe(self, KRAIT_NAME(name), &other, 1); }
INPLACE_SLOT(slot_nb_inplace_add, "__iadd__")
INPLACE_SLOT(slot_nb_inplace_subtract, "__isub__")
INPLACE_SLOT(slot_nb_inplace_multiply, "__imul__")
INPLACE_SLOT(slot_nb_inplace_remainder, "__imod__")
INPLACE_SLOT(slot_nb_inplace_lshift, "__ilshift__")
INPLACE_SLOT(slot_nb_inplace_rshift, "__irshift__")
INPLACE_SLOT(slot_nb_inplace_and, "__iand__")
INPLACE_SLOT(slot_nb_inplace_xor, "__ixor__")
INPLACE_SLOT(slot_nb_inplace_or, "__ior__")
INPLACE_SLOT(slot_nb_inplace_floor_divide, "__ifloordiv__")
INPLACE_SLOT(slot_nb_inplace_true_divide, "__itruediv__")
INPLACE_SLOT(slot_nb_inplace_matrix_multiply, "__imatmul__")
#undef INPLACE_SLOT

PyObject* slot_nb_inplace_power(PyObject* self, PyObject* other, PyObject*) {
  return call_maybe(self, KRAIT_NAME("__ipow__"), &other, 1);
}

int slot_nb_bool(PyObject* self) {
  bool found;
  bool via_len = false;
  Ref<> res = steal(call_special(self, KRAIT_NAME("__bool__"), nullptr, 0, &found));
  if (!found && !PyErr_Occurred()) {
    res = steal(call_special(self, id::len, nullptr, 0, &found));
    via_len = true;
    if (!found && !PyErr_Occurred()) return 1;
  }
  if (!res) return -1;
  if (via_len) {
    Py_ssize_t n = PyNumber_AsSsize_t(res.get(), PyExc_OverflowError);
    if (n == -1 && PyErr_Occurred()) return -1;
    if (n < 0) {
      PyErr_SetString(PyExc_ValueError, "__len__() should return >= 0");
      return -1;
    }
    return n > 0;
  }
  if (!PyBool_Check(res.get())) {
    PyErr_Format(PyExc_TypeError, "__bool__ should return bool, returned %.200s",
                 Py_TYPE(res.get())->tp_name);
    return -1;
  }
  return res.get() == Py_True;
}

Py_ssize_t len_result(PyObject* res) {
  if (!res) return -1;
  Ref<> owned = steal(res);
  Ref<> idx = steal(PyNumber_Index(res));
  if (!idx) return -1;
  if (Py_SIZE(idx.get()) < 0) {
    PyErr_SetString(PyExc_ValueError, "__len__() should return >= 0");
    return -1;
  }
  Py_ssize_t n = PyLong_AsSsize_t(idx.get());
  if (n == -1 && PyErr_Occurred()) {
    if (PyErr_ExceptionMatches(PyExc_OverflowError)) {
      PyErr_Clear();
      PyErr_SetString(PyExc_OverflowError, "cannot fit 'int' into an index-sized integer");
    }
    return -1;
  }
  return n;
}

Py_ssize_t slot_sq_length(PyObject* self) { return len_result(call_method(self, id::len, nullptr, 0)); }
Py_ssize_t slot_mp_length(PyObject* self) { return slot_sq_length(self); }

PyObject* slot_mp_subscript(PyObject* self, PyObject* key) {
  return call_method(self, KRAIT_NAME("__getitem__"), &key, 1);
}

PyObject* slot_sq_item(PyObject* self, Py_ssize_t i) {
  Ref<> idx = steal(PyLong_FromSsize_t(i));
  if (!idx) return nullptr;
  PyObject* arg = idx.get();
  return call_method(self, KRAIT_NAME("__getitem__"), &arg, 1);
}

int ass_subscript(PyObject* self, PyObject* key, PyObject* value) {
  Ref<> res;
  if (value == nullptr) {
    res = steal(call_method(self, KRAIT_NAME("__delitem__"), &key, 1));
  } else {
    PyObject* args[2] = {key, value};
    res = steal(call_method(self, KRAIT_NAME("__setitem__"), args, 2));
  }
  return res ? 0 : -1;
}

int slot_mp_ass_subscript(PyObject* self, PyObject* key, PyObject* value) {
  return ass_subscript(self, key, value);
}

int slot_sq_ass_item(PyObject* self, Py_ssize_t i, PyObject* value) {
  Ref<> idx = steal(PyLong_FromSsize_t(i));
  if (!idx) return -1;
  return ass_subscript(self, idx.get(), value);
}

int slot_sq_contains(PyObject* self, PyObject* value) {
  bool unbound;
  Ref<> func = steal(lookup_method(self, KRAIT_NAME("__contains__"), &unbound));
  if (func.get() == Py_None) {
    PyErr_Format(PyExc_TypeError, "'%.200s' object is not a container",
                 Py_TYPE(self)->tp_name);
    return -1;
  }
  if (func) {
    Ref<> res;
    if (unbound) {
      PyObject* args[2] = {self, value};
      res = steal(PyObject_Vectorcall(func.get(), args, 2, nullptr));
    } else {
      res = steal(PyObject_CallOneArg(func.get(), value));
    }
    if (!res) return -1;
    return PyObject_IsTrue(res.get());
  }
  if (PyErr_Occurred()) return -1;
  // No __contains__: search by iteration, as the `in` operator does.
  Ref<> it = steal(PyObject_GetIter(self));
  if (!it) return -1;
  while (true) {
    Ref<> item = steal(PyIter_Next(it.get()));
    if (!item) return PyErr_Occurred() ? -1 : 0;
    int cmp = PyObject_RichCompareBool(item.get(), value, Py_EQ);
    if (cmp != 0) return cmp;
  }
}

Py_hash_t slot_tp_hash(PyObject* self) {
  bool unbound;
  Ref<> func = steal(lookup_method(self, id::hash, &unbound));
  if (!func || func.get() == Py_None) {
    if (PyErr_Occurred()) return -1;
    return PyObject_HashNotImplemented(self);
  }
  Ref<> res = steal(unbound ? PyObject_CallOneArg(func.get(), self)
                            : PyObject_CallNoArgs(func.get()));
  if (!res) return -1;
  if (!PyLong_Check(res.get())) {
    PyErr_SetString(PyExc_TypeError, "__hash__ method should return an integer");
    return -1;
  }
  // Large results are reduced the way hash(int) reduces them.
  Py_hash_t h = PyLong_AsSsize_t(res.get());
  if (h == -1 && PyErr_Occurred()) {
    PyErr_Clear();
    h = PyLong_Type.tp_hash(res.get());
  }
  if (h == -1) h = -2;
  return h;
}

PyObject* slot_tp_call(PyObject* self, PyObject* args, PyObject* kwds) {
  bool unbound;
  Ref<> meth = steal(lookup_method(self, id::call, &unbound));
  if (!meth) {
    if (!PyErr_Occurred())
      PyErr_Format(PyExc_TypeError, "'%.200s' object is not callable", Py_TYPE(self)->tp_name);
    return nullptr;
  }
  if (unbound) {
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    Ref<> full = steal(PyTuple_New(n + 1));
    if (!full) return nullptr;
    Py_INCREF(self);
    PyTuple_SET_ITEM(full.get(), 0, self);
    for (Py_ssize_t i = 0; i < n; i++) {
      PyObject* a = PyTuple_GET_ITEM(args, i);
      Py_INCREF(a);
      PyTuple_SET_ITEM(full.get(), i + 1, a);
    }
    return PyObject_Call(meth.get(), full.get(), kwds);
  }
  return PyObject_Call(meth.get(), args, kwds);
}

PyObject* slot_tp_richcompare(PyObject* self, PyObject* other, int op) {
  static const char* const names[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
  static PyObject* name_objs[6];
  if (!name_objs[op]) {
    name_objs[op] = PyUnicode_InternFromString(names[op]);
    make_immortal(name_objs[op]);
  }
  // As CPython: a comparison method that cannot even be looked up (a raising descriptor) counts
  // as not implemented; only errors from the call itself propagate.
  bool found;
  PyObject* res = call_special(self, name_objs[op], &other, 1, &found);
  if (!found) {
    PyErr_Clear();
    Py_RETURN_NOTIMPLEMENTED;
  }
  return res;
}

PyObject* slot_tp_getattr_hook(PyObject* self, PyObject* name) {
  PyTypeObject* tp = Py_TYPE(self);
  // Held, as CPython does: __getattribute__ may delete __getattr__ from the
  // class before it is called.
  Ref<> getattr_ref = borrow(type_lookup(tp, id::getattr));
  PyObject* getattr = getattr_ref.get();
  PyObject* getattribute = type_lookup(tp, id::getattribute);
  PyObject* res;
  // object.__getattribute__ inherited unchanged: take the C path directly.
  if (getattribute == nullptr ||
      (Py_IS_TYPE(getattribute, &PyWrapperDescr_Type) &&
       reinterpret_cast<PyWrapperDescrObject*>(getattribute)->d_wrapped ==
           reinterpret_cast<void*>(PyObject_GenericGetAttr))) {
    res = generic_getattr(self, name, nullptr, getattr != nullptr);
    if (res || PyErr_Occurred() || getattr == nullptr) {
      if (!res && !PyErr_Occurred()) {
        PyErr_Format(PyExc_AttributeError, "'%.50s' object has no attribute '%U'", tp->tp_name, name);
      }
      return res;
    }
  } else {
    Ref<> f = borrow(getattribute);
    descrgetfunc get = Py_TYPE(getattribute)->tp_descr_get;
    if (get && !PyType_HasFeature(Py_TYPE(getattribute), Py_TPFLAGS_METHOD_DESCRIPTOR)) {
      f = steal(get(getattribute, self, reinterpret_cast<PyObject*>(tp)));
      if (!f) return nullptr;
      res = PyObject_CallOneArg(f.get(), name);
    } else {
      PyObject* args[2] = {self, name};
      res = PyObject_Vectorcall(f.get(), args, 2, nullptr);
    }
    if (res || getattr == nullptr || !PyErr_ExceptionMatches(PyExc_AttributeError)) return res;
    PyErr_Clear();
  }
  // The __getattr__ found above, bound like any attribute (CPython's call_attribute).
  Ref<> bound = getattr_ref;
  if (descrgetfunc f = Py_TYPE(getattr)->tp_descr_get) {
    bound = steal(f(getattr, self, reinterpret_cast<PyObject*>(tp)));
    if (!bound) return nullptr;
  }
  return PyObject_CallOneArg(bound.get(), name);
}

int slot_tp_setattro(PyObject* self, PyObject* name, PyObject* value) {
  Ref<> res;
  if (value == nullptr) {
    res = steal(call_method(self, KRAIT_NAME("__delattr__"), &name, 1));
  } else {
    PyObject* args[2] = {name, value};
    res = steal(call_method(self, KRAIT_NAME("__setattr__"), args, 2));
  }
  return res ? 0 : -1;
}

PyObject* slot_tp_iter(PyObject* self) {
  bool unbound;
  Ref<> func = steal(lookup_method(self, id::iter, &unbound));
  if (func.get() == Py_None) {
    PyErr_Format(PyExc_TypeError, "'%.200s' object is not iterable", Py_TYPE(self)->tp_name);
    return nullptr;
  }
  if (func) {
    return unbound ? PyObject_CallOneArg(func.get(), self) : PyObject_CallNoArgs(func.get());
  }
  if (PyErr_Occurred()) return nullptr;
  if (type_lookup(Py_TYPE(self), KRAIT_NAME("__getitem__")) == nullptr) {
    PyErr_Format(PyExc_TypeError, "'%.200s' object is not iterable", Py_TYPE(self)->tp_name);
    return nullptr;
  }
  return PySeqIter_New(self);
}

PyObject* slot_tp_iternext(PyObject* self) { return call_method(self, id::next, nullptr, 0); }

// As CPython: the __get__ found on the type is called unbound with (self, obj,
// type) — a builtin function stored as __get__ gets all three — and a type
// without __get__ (deleted after the slot was set) yields the descriptor itself.
PyObject* slot_tp_descr_get(PyObject* self, PyObject* obj, PyObject* type) {
  PyObject* get = type_lookup(Py_TYPE(self), id::get);
  if (get == nullptr) return Py_NewRef(self);
  if (obj == nullptr) obj = Py_None;
  if (type == nullptr) type = Py_None;
  Ref<> keep = steal(Py_NewRef(get));  // the call may remove __get__ from the type
  PyObject* args[3] = {self, obj, type};
  return PyObject_Vectorcall(get, args, 3, nullptr);
}

int slot_tp_descr_set(PyObject* self, PyObject* target, PyObject* value) {
  Ref<> res;
  if (value == nullptr) {
    res = steal(call_method(self, KRAIT_NAME("__delete__"), &target, 1));
  } else {
    PyObject* args[2] = {target, value};
    res = steal(call_method(self, KRAIT_NAME("__set__"), args, 2));
  }
  return res ? 0 : -1;
}

int slot_tp_init(PyObject* self, PyObject* args, PyObject* kwds) {
  bool unbound;
  Ref<> meth = steal(lookup_method(self, id::init, &unbound));
  if (!meth) {
    if (!PyErr_Occurred()) PyErr_SetObject(PyExc_AttributeError, id::init);
    return -1;
  }
  Ref<> res;
  if (unbound) {
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject* small[9];
    PyObject** stack = n + 1 <= 9 ? small
        : static_cast<PyObject**>(PyMem_Malloc((n + 1) * sizeof(PyObject*)));
    if (!stack) {
      PyErr_NoMemory();
      return -1;
    }
    stack[0] = self;
    for (Py_ssize_t i = 0; i < n; i++) stack[i + 1] = PyTuple_GET_ITEM(args, i);
    res = steal(PyObject_VectorcallDict(meth.get(), stack, n + 1, kwds));
    if (stack != small) PyMem_Free(stack);
  } else {
    res = steal(PyObject_Call(meth.get(), args, kwds));
  }
  if (!res) return -1;
  if (res.get() != Py_None) {
    PyErr_Format(PyExc_TypeError, "__init__() should return None, not '%.200s'",
                 Py_TYPE(res.get())->tp_name);
    return -1;
  }
  return 0;
}

PyObject* slot_tp_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  Ref<> func = steal(PyObject_GetAttr(reinterpret_cast<PyObject*>(type), id::new_));
  if (!func) return nullptr;
  Py_ssize_t n = PyTuple_GET_SIZE(args);
  PyObject* small[9];
  PyObject** stack = n + 1 <= 9 ? small
      : static_cast<PyObject**>(PyMem_Malloc((n + 1) * sizeof(PyObject*)));
  if (!stack) return PyErr_NoMemory();
  stack[0] = reinterpret_cast<PyObject*>(type);
  for (Py_ssize_t i = 0; i < n; i++) stack[i + 1] = PyTuple_GET_ITEM(args, i);
  PyObject* res = PyObject_VectorcallDict(func.get(), stack, n + 1, kwds);
  if (stack != small) PyMem_Free(stack);
  return res;
}

void slot_tp_finalize(PyObject* self) {
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  bool unbound;
  Ref<> del = steal(lookup_method(self, id::del, &unbound));
  if (del) {
    Ref<> res = steal(unbound ? PyObject_CallOneArg(del.get(), self)
                              : PyObject_CallNoArgs(del.get()));
    if (!res) PyErr_WriteUnraisable(del.get());
  }
  PyErr_Restore(t, v, tb);
}

// --- wrappers: C slots as Python methods -------------------------------------------

bool check_num_args(PyObject* args, Py_ssize_t n) {
  if (!PyTuple_CheckExact(args)) {
    PyErr_SetString(PyExc_SystemError, "PyArg_UnpackTuple() argument list is not a tuple");
    return false;
  }
  if (PyTuple_GET_SIZE(args) == n) return true;
  PyErr_Format(PyExc_TypeError, "expected %d argument%s, got %zd", static_cast<int>(n),
               n == 1 ? "" : "s", PyTuple_GET_SIZE(args));
  return false;
}

PyObject* wrap_unaryfunc(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 0)) return nullptr;
  return reinterpret_cast<unaryfunc>(wrapped)(self);
}

PyObject* wrap_binaryfunc(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 1)) return nullptr;
  return reinterpret_cast<binaryfunc>(wrapped)(self, PyTuple_GET_ITEM(args, 0));
}

PyObject* wrap_binaryfunc_l(PyObject* self, PyObject* args, void* wrapped) {
  return wrap_binaryfunc(self, args, wrapped);
}

PyObject* wrap_binaryfunc_r(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 1)) return nullptr;
  return reinterpret_cast<binaryfunc>(wrapped)(PyTuple_GET_ITEM(args, 0), self);
}

PyObject* wrap_ternaryfunc(PyObject* self, PyObject* args, void* wrapped) {
  PyObject* other;
  PyObject* third = Py_None;
  if (!PyArg_UnpackTuple(args, "", 1, 2, &other, &third)) return nullptr;
  return reinterpret_cast<ternaryfunc>(wrapped)(self, other, third);
}

PyObject* wrap_ternaryfunc_r(PyObject* self, PyObject* args, void* wrapped) {
  PyObject* other;
  PyObject* third = Py_None;
  if (!PyArg_UnpackTuple(args, "", 1, 2, &other, &third)) return nullptr;
  return reinterpret_cast<ternaryfunc>(wrapped)(other, self, third);
}

PyObject* wrap_inquirypred(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 0)) return nullptr;
  int r = reinterpret_cast<inquiry>(wrapped)(self);
  if (r < 0) return nullptr;
  return PyBool_FromLong(r);
}

PyObject* wrap_lenfunc(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 0)) return nullptr;
  Py_ssize_t n = reinterpret_cast<lenfunc>(wrapped)(self);
  if (n == -1 && PyErr_Occurred()) return nullptr;
  return PyLong_FromSsize_t(n);
}

PyObject* wrap_indexargfunc(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 1)) return nullptr;
  PyObject* o = PyTuple_GET_ITEM(args, 0);
  Py_ssize_t i = PyNumber_AsSsize_t(o, PyExc_OverflowError);
  if (i == -1 && PyErr_Occurred()) return nullptr;
  return reinterpret_cast<ssizeargfunc>(wrapped)(self, i);
}

// Index for sq_item wrappers: negative values count from the end.
Py_ssize_t sq_index(PyObject* self, PyObject* arg) {
  Py_ssize_t i = PyNumber_AsSsize_t(arg, PyExc_OverflowError);
  if (i == -1 && PyErr_Occurred()) return -1;
  if (i < 0) {
    PySequenceMethods* sq = Py_TYPE(self)->tp_as_sequence;
    if (sq && sq->sq_length) {
      Py_ssize_t n = sq->sq_length(self);
      if (n < 0) return -1;
      i += n;
    }
  }
  return i;
}

PyObject* wrap_sq_item(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 1)) return nullptr;
  Py_ssize_t i = sq_index(self, PyTuple_GET_ITEM(args, 0));
  if (i == -1 && PyErr_Occurred()) return nullptr;
  return reinterpret_cast<ssizeargfunc>(wrapped)(self, i);
}

PyObject* wrap_sq_setitem(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 2)) return nullptr;
  Py_ssize_t i = sq_index(self, PyTuple_GET_ITEM(args, 0));
  if (i == -1 && PyErr_Occurred()) return nullptr;
  if (reinterpret_cast<ssizeobjargproc>(wrapped)(self, i, PyTuple_GET_ITEM(args, 1)) < 0)
    return nullptr;
  Py_RETURN_NONE;
}

PyObject* wrap_sq_delitem(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 1)) return nullptr;
  Py_ssize_t i = sq_index(self, PyTuple_GET_ITEM(args, 0));
  if (i == -1 && PyErr_Occurred()) return nullptr;
  if (reinterpret_cast<ssizeobjargproc>(wrapped)(self, i, nullptr) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* wrap_objobjproc(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 1)) return nullptr;
  int r = reinterpret_cast<objobjproc>(wrapped)(self, PyTuple_GET_ITEM(args, 0));
  if (r < 0) return nullptr;
  return PyBool_FromLong(r);
}

PyObject* wrap_objobjargproc(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 2)) return nullptr;
  if (reinterpret_cast<objobjargproc>(wrapped)(self, PyTuple_GET_ITEM(args, 0),
                                               PyTuple_GET_ITEM(args, 1)) < 0)
    return nullptr;
  Py_RETURN_NONE;
}

PyObject* wrap_delitem(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 1)) return nullptr;
  if (reinterpret_cast<objobjargproc>(wrapped)(self, PyTuple_GET_ITEM(args, 0), nullptr) < 0)
    return nullptr;
  Py_RETURN_NONE;
}

// object.__setattr__ must not bypass a C type's own tp_setattro (e.g. calling
// object.__setattr__(int, 'x', 1) to poke a static type).
bool setattr_hackcheck(PyObject* self, setattrofunc func) {
  PyTypeObject* type = Py_TYPE(self);
  while (type && (type->tp_flags & Py_TPFLAGS_HEAPTYPE)) type = type->tp_base;
  if (type && type->tp_setattro != func) {
    PyErr_Format(PyExc_TypeError, "can't apply this %s to %s object", "__setattr__",
                 type->tp_name);
    return false;
  }
  return true;
}

PyObject* wrap_setattr(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 2)) return nullptr;
  auto func = reinterpret_cast<setattrofunc>(wrapped);
  if (!setattr_hackcheck(self, func)) return nullptr;
  if (func(self, PyTuple_GET_ITEM(args, 0), PyTuple_GET_ITEM(args, 1)) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* wrap_delattr(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 1)) return nullptr;
  auto func = reinterpret_cast<setattrofunc>(wrapped);
  if (!setattr_hackcheck(self, func)) return nullptr;
  if (func(self, PyTuple_GET_ITEM(args, 0), nullptr) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* wrap_hashfunc(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 0)) return nullptr;
  Py_hash_t h = reinterpret_cast<hashfunc>(wrapped)(self);
  if (h == -1 && PyErr_Occurred()) return nullptr;
  return PyLong_FromSsize_t(h);
}

PyObject* wrap_call(PyObject* self, PyObject* args, void* wrapped, PyObject* kwds) {
  return reinterpret_cast<ternaryfunc>(wrapped)(self, args, kwds);
}

PyObject* wrap_del(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 0)) return nullptr;
  reinterpret_cast<destructor>(wrapped)(self);
  if (PyErr_Occurred()) return nullptr;
  Py_RETURN_NONE;
}

template <int Op>
PyObject* richcmp(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 1)) return nullptr;
  return reinterpret_cast<richcmpfunc>(wrapped)(self, PyTuple_GET_ITEM(args, 0), Op);
}
PyObject* richcmp_lt(PyObject* s, PyObject* a, void* w) { return richcmp<Py_LT>(s, a, w); }
PyObject* richcmp_le(PyObject* s, PyObject* a, void* w) { return richcmp<Py_LE>(s, a, w); }
PyObject* richcmp_eq(PyObject* s, PyObject* a, void* w) { return richcmp<Py_EQ>(s, a, w); }
PyObject* richcmp_ne(PyObject* s, PyObject* a, void* w) { return richcmp<Py_NE>(s, a, w); }
PyObject* richcmp_gt(PyObject* s, PyObject* a, void* w) { return richcmp<Py_GT>(s, a, w); }
PyObject* richcmp_ge(PyObject* s, PyObject* a, void* w) { return richcmp<Py_GE>(s, a, w); }

PyObject* wrap_next(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 0)) return nullptr;
  PyObject* res = reinterpret_cast<iternextfunc>(wrapped)(self);
  if (res == nullptr && !PyErr_Occurred()) PyErr_SetNone(PyExc_StopIteration);
  return res;
}

PyObject* wrap_descr_get(PyObject* self, PyObject* args, void* wrapped) {
  PyObject* obj;
  PyObject* type = nullptr;
  if (!PyArg_UnpackTuple(args, "", 1, 2, &obj, &type)) return nullptr;
  if (obj == Py_None) obj = nullptr;
  if (type == Py_None) type = nullptr;
  if (type == nullptr && obj == nullptr) {
    PyErr_SetString(PyExc_TypeError, "__get__(None, None) is invalid");
    return nullptr;
  }
  return reinterpret_cast<descrgetfunc>(wrapped)(self, obj, type);
}

PyObject* wrap_descr_set(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 2)) return nullptr;
  if (reinterpret_cast<descrsetfunc>(wrapped)(self, PyTuple_GET_ITEM(args, 0),
                                              PyTuple_GET_ITEM(args, 1)) < 0)
    return nullptr;
  Py_RETURN_NONE;
}

PyObject* wrap_descr_delete(PyObject* self, PyObject* args, void* wrapped) {
  if (!check_num_args(args, 1)) return nullptr;
  if (reinterpret_cast<descrsetfunc>(wrapped)(self, PyTuple_GET_ITEM(args, 0), nullptr) < 0)
    return nullptr;
  Py_RETURN_NONE;
}

PyObject* wrap_init(PyObject* self, PyObject* args, void* wrapped, PyObject* kwds) {
  if (reinterpret_cast<initproc>(wrapped)(self, args, kwds) < 0) return nullptr;
  Py_RETURN_NONE;
}

// --- the table -----------------------------------------------------------------------

constexpr size_t slot_offset(SlotKind kind, size_t field) {
  switch (kind) {
    case TP: return offsetof(PyHeapTypeObject, ht_type) + field;
    case AM: return offsetof(PyHeapTypeObject, as_async) + field;
    case NB: return offsetof(PyHeapTypeObject, as_number) + field;
    case MP: return offsetof(PyHeapTypeObject, as_mapping) + field;
    case SQ: return offsetof(PyHeapTypeObject, as_sequence) + field;
  }
  return 0;
}

}  // namespace

// For the interpreter's inline class instantiation (eval.cpp, CALL): whether
// tp_init is the Python-level __init__ slot.
bool is_slot_tp_init(initproc f) { return f == slot_tp_init; }

// The offsets into the sub-structures need the struct each kind uses.
#define KRAIT_SLOT_OFFSET_TP(f) slot_offset(TP, offsetof(PyTypeObject, f))
#define KRAIT_SLOT_OFFSET_AM(f) slot_offset(AM, offsetof(PyAsyncMethods, f))
#define KRAIT_SLOT_OFFSET_NB(f) slot_offset(NB, offsetof(PyNumberMethods, f))
#define KRAIT_SLOT_OFFSET_MP(f) slot_offset(MP, offsetof(PyMappingMethods, f))
#define KRAIT_SLOT_OFFSET_SQ(f) slot_offset(SQ, offsetof(PySequenceMethods, f))

static wrapperbase g_slotdefs[] = {
#define KRAIT_SLOT(kind, name, field, generic, wrapper, flags, doc)                        \
  {name, static_cast<int>(KRAIT_SLOT_OFFSET_##kind(field)), (void*)(generic), \
   (wrapperfunc)(wrapper), doc, flags, nullptr},
#include "objects/slot_defs.def"
#undef KRAIT_SLOT
    {nullptr, 0, nullptr, nullptr, nullptr, 0, nullptr}};

static constexpr size_t kNumSlotDefs = sizeof(g_slotdefs) / sizeof(g_slotdefs[0]) - 1;

// Address of the slot an entry names inside `type`, or nullptr when the type
// lacks the sub-structure (a static type without tp_as_number, say).
static void** slot_ptr(PyTypeObject* type, int offset) {
  char* base;
  size_t off = static_cast<size_t>(offset);
  if (off >= offsetof(PyHeapTypeObject, as_sequence)) {
    base = reinterpret_cast<char*>(type->tp_as_sequence);
    off -= offsetof(PyHeapTypeObject, as_sequence);
  } else if (off >= offsetof(PyHeapTypeObject, as_mapping)) {
    base = reinterpret_cast<char*>(type->tp_as_mapping);
    off -= offsetof(PyHeapTypeObject, as_mapping);
  } else if (off >= offsetof(PyHeapTypeObject, as_number)) {
    base = reinterpret_cast<char*>(type->tp_as_number);
    off -= offsetof(PyHeapTypeObject, as_number);
  } else if (off >= offsetof(PyHeapTypeObject, as_async)) {
    base = reinterpret_cast<char*>(type->tp_as_async);
    off -= offsetof(PyHeapTypeObject, as_async);
  } else {
    base = reinterpret_cast<char*>(type);
  }
  if (base == nullptr) return nullptr;
  return reinterpret_cast<void**>(base + off);
}

static int init_slotdef_names() {
  if (g_slotdefs[0].name_strobj) return 0;
  for (size_t i = 0; i < kNumSlotDefs; i++) {
    g_slotdefs[i].name_strobj = PyUnicode_InternFromString(g_slotdefs[i].name);
    if (!g_slotdefs[i].name_strobj) return -1;
    make_immortal(g_slotdefs[i].name_strobj);
  }
  return 0;
}

// tp_new as a Python-callable: `int.__new__(int, 5)`.
static PyObject* tp_new_wrapper(PyObject* self, PyObject* args, PyObject* kwds) {
  auto* type = reinterpret_cast<PyTypeObject*>(self);
  if (!PyTuple_Check(args) || PyTuple_GET_SIZE(args) < 1) {
    PyErr_Format(PyExc_TypeError, "%s.__new__(): not enough arguments", type->tp_name);
    return nullptr;
  }
  PyObject* arg0 = PyTuple_GET_ITEM(args, 0);
  if (!PyType_Check(arg0)) {
    PyErr_Format(PyExc_TypeError, "%s.__new__(X): X is not a type object (%s)", type->tp_name,
                 Py_TYPE(arg0)->tp_name);
    return nullptr;
  }
  auto* subtype = reinterpret_cast<PyTypeObject*>(arg0);
  if (!PyType_IsSubtype(subtype, type)) {
    PyErr_Format(PyExc_TypeError, "%s.__new__(%s): %s is not a subtype of %s", type->tp_name,
                 subtype->tp_name, subtype->tp_name, type->tp_name);
    return nullptr;
  }
  // The most derived C base of subtype must use this tp_new (or object's): a
  // Python class can't borrow another C type's constructor.
  PyTypeObject* staticbase = subtype;
  while (staticbase && (staticbase->tp_new == reinterpret_cast<newfunc>(slot_tp_new)))
    staticbase = staticbase->tp_base;
  if (staticbase && staticbase->tp_new != type->tp_new) {
    PyErr_Format(PyExc_TypeError, "%s.__new__(%s) is not safe, use %s.__new__()", type->tp_name,
                 subtype->tp_name, staticbase->tp_name);
    return nullptr;
  }
  Ref<> rest = steal(PyTuple_GetSlice(args, 1, PyTuple_GET_SIZE(args)));
  if (!rest) return nullptr;
  return type->tp_new(subtype, rest.get(), kwds);
}

PyMethodDef tp_new_methoddef = {
    "__new__", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)(void)>(tp_new_wrapper)),
    METH_VARARGS | METH_KEYWORDS,
    "__new__($type, *args, **kwargs)\n--\n\n"
    "Create and return a new object.  See help(type) for accurate signature."};

int add_slot_wrappers(PyTypeObject* type) {
  if (init_slotdef_names() < 0) return -1;
  PyObject* dict = type->tp_dict;
  for (size_t i = 0; i < kNumSlotDefs; i++) {
    wrapperbase* p = &g_slotdefs[i];
    void** ptr = slot_ptr(type, p->offset);
    if (ptr == nullptr || *ptr == nullptr) continue;
    int has = PyDict_Contains(dict, p->name_strobj);
    if (has < 0) return -1;
    if (has) continue;
    if (p->offset == static_cast<int>(KRAIT_SLOT_OFFSET_TP(tp_new))) {
      Ref<> fn = steal(PyCFunction_NewEx(&tp_new_methoddef, reinterpret_cast<PyObject*>(type),
                                         nullptr));
      if (!fn || PyDict_SetItem(dict, p->name_strobj, fn.get()) < 0) return -1;
      continue;
    }
    if (p->wrapper == nullptr) continue;
    if (*ptr == reinterpret_cast<void*>(PyObject_HashNotImplemented)) {
      // A type that declares itself unhashable shows __hash__ = None.
      if (PyDict_SetItem(dict, p->name_strobj, Py_None) < 0) return -1;
      continue;
    }
    Ref<> descr = steal(PyDescr_NewWrapper(type, p, *ptr));
    if (!descr || PyDict_SetItem(dict, p->name_strobj, descr.get()) < 0) return -1;
  }
  return 0;
}

// Re-derives the slot at p->offset from the dunders visible on `type`, looking
// at every table entry that shares the slot. Returns the index past them.
static size_t update_one_slot(PyTypeObject* type, size_t i) {
  int offset = g_slotdefs[i].offset;
  void** ptr = slot_ptr(type, offset);
  if (ptr == nullptr) {
    while (i < kNumSlotDefs && g_slotdefs[i].offset == offset) i++;
    return i;
  }
  void* generic = nullptr;
  void* specific = nullptr;
  bool use_generic = false;
  bool found_any = false;
  for (; i < kNumSlotDefs && g_slotdefs[i].offset == offset; i++) {
    wrapperbase* p = &g_slotdefs[i];
    PyObject* descr = type_lookup(type, p->name_strobj);
    if (descr == nullptr) {
      if (ptr == reinterpret_cast<void**>(&type->tp_iternext)) {
        specific = reinterpret_cast<void*>(_PyObject_NextNotImplemented);
      }
      continue;
    }
    found_any = true;
    if (Py_IS_TYPE(descr, &PyWrapperDescr_Type) &&
        reinterpret_cast<PyWrapperDescrObject*>(descr)->d_base->name_strobj == p->name_strobj) {
      auto* d = reinterpret_cast<PyWrapperDescrObject*>(descr);
      void* tptr = d->d_wrapped;
      // Reuse the wrapped C function only when it has this slot's signature
      // (__setitem__ may wrap mp_ass_subscript while this is sq_ass_item) and
      // type's layout descends from the wrapper's owner; otherwise go through
      // the dunder.
      if ((specific == nullptr || specific == tptr) && d->d_base->wrapper == p->wrapper &&
          PyType_IsSubtype(type, PyDescr_TYPE(d))) {
        specific = tptr;
      } else {
        use_generic = true;
        generic = p->function;
      }
    } else if (Py_IS_TYPE(descr, &PyCFunction_Type) &&
               PyCFunction_GET_FUNCTION(descr) ==
                   reinterpret_cast<PyCFunction>(tp_new_methoddef.ml_meth) &&
               ptr == reinterpret_cast<void**>(&type->tp_new)) {
      // __new__ inherited from a C type: keep the tp_new PyType_Ready inherited.
      specific = reinterpret_cast<void*>(type->tp_new);
    } else if (descr == Py_None && ptr == reinterpret_cast<void**>(&type->tp_hash)) {
      specific = reinterpret_cast<void*>(PyObject_HashNotImplemented);
    } else {
      use_generic = true;
      generic = p->function;
    }
  }
  if (!found_any) {
    if (specific == nullptr) *ptr = nullptr;
    else *ptr = specific;
  } else if (specific && !use_generic) {
    *ptr = specific;
  } else {
    *ptr = generic;
  }
  return i;
}

void fixup_slot_dispatchers(PyTypeObject* type) {
  if (init_slotdef_names() < 0) return;
  for (size_t i = 0; i < kNumSlotDefs;) {
    // Entries without a generic function (sq_concat etc.) are filled only by C.
    if (g_slotdefs[i].function == nullptr) {
      i++;
      continue;
    }
    i = update_one_slot(type, i);
  }
}

static int update_subclass_slots(PyTypeObject* type, void* arg) {
  auto* name = static_cast<PyObject*>(arg);
  // A subclass that defines the name itself is unaffected.
  if (type->tp_dict && PyDict_Contains(type->tp_dict, name) == 1) return 0;
  return update_slot(type, name);
}

int update_slot(PyTypeObject* type, PyObject* name) {
  if (init_slotdef_names() < 0) return -1;
  for (size_t i = 0; i < kNumSlotDefs; i++) {
    if (g_slotdefs[i].name_strobj != name || g_slotdefs[i].function == nullptr) continue;
    // Rewind to the first entry for this slot.
    size_t first = i;
    while (first > 0 && g_slotdefs[first - 1].offset == g_slotdefs[i].offset) first--;
    update_one_slot(type, first);
  }
  PyType_Modified(type);
  return type_for_each_subclass(type, update_subclass_slots, name);
}

}  // namespace krait
