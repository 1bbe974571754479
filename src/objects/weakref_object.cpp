// Weak references: weakref.ref (ReferenceType), proxies, and clearing them
// when their referent dies (PyObject_ClearWeakRefs, called by deallocators).
//
// Layout is CPython's (PyWeakReference): PyWeakref_GET_OBJECT is a macro that
// C extensions compile in. Each referent keeps a doubly linked list of its
// weakrefs at tp_weaklistoffset; the basic ref and basic proxy (no callback)
// come first so they can be shared.
#include <Python.h>

#include <cstring>
#include <structmember.h>

#include "objects/object_util.h"
#include "runtime/identifiers.h"

using krait::Ref;

namespace krait {
namespace {

PyWeakReference** list_of(PyObject* obj) {
  return reinterpret_cast<PyWeakReference**>(
      reinterpret_cast<char*>(obj) + Py_TYPE(obj)->tp_weaklistoffset);
}

bool supports_weakrefs(PyObject* obj) {
  PyTypeObject* t = Py_TYPE(obj);
  return t->tp_weaklistoffset > 0;
}

PyObject* referent(PyWeakReference* r) {
  PyObject* o = r->wr_object;
  return (o != Py_None && Py_REFCNT(o) > 0) ? o : nullptr;
}

// Unlinks `self` from its referent's list and forgets the referent.
void clear_ref(PyWeakReference* self) {
  if (self->wr_object != Py_None) {
    PyWeakReference** list = list_of(self->wr_object);
    if (*list == self) *list = self->wr_next;
    self->wr_object = Py_None;
    if (self->wr_prev) self->wr_prev->wr_next = self->wr_next;
    if (self->wr_next) self->wr_next->wr_prev = self->wr_prev;
    self->wr_prev = nullptr;
    self->wr_next = nullptr;
  }
}

void insert_after(PyWeakReference* newref, PyWeakReference* prev) {
  newref->wr_prev = prev;
  newref->wr_next = prev->wr_next;
  if (prev->wr_next) prev->wr_next->wr_prev = newref;
  prev->wr_next = newref;
}

void insert_head(PyWeakReference* newref, PyWeakReference** list) {
  PyWeakReference* next = *list;
  newref->wr_prev = nullptr;
  newref->wr_next = next;
  if (next) next->wr_prev = newref;
  *list = newref;
}

// The shared no-callback ref and proxy at the head of the list, if any.
void get_basic_refs(PyWeakReference* head, PyWeakReference** refp, PyWeakReference** proxyp) {
  *refp = nullptr;
  *proxyp = nullptr;
  if (head && head->wr_callback == nullptr) {
    if (Py_IS_TYPE(head, &_PyWeakref_RefType)) {
      *refp = head;
      head = head->wr_next;
    }
    if (head && head->wr_callback == nullptr &&
        (Py_IS_TYPE(head, &_PyWeakref_ProxyType) || Py_IS_TYPE(head, &_PyWeakref_CallableProxyType))) {
      *proxyp = head;
    }
  }
}

PyObject* weakref_vectorcall(PyObject* self, PyObject* const*, size_t nargsf, PyObject* kwnames) {
  // CPython 3.11's messages (its weakref_call parses "weakref" with no args).
  if (kwnames && PyTuple_GET_SIZE(kwnames)) {
    PyErr_SetString(PyExc_TypeError, "weakref() takes no keyword arguments");
    return nullptr;
  }
  if (PyVectorcall_NARGS(nargsf) != 0) {
    PyErr_Format(PyExc_TypeError, "weakref expected 0 arguments, got %zd",
                 PyVectorcall_NARGS(nargsf));
    return nullptr;
  }
  PyObject* o = referent(reinterpret_cast<PyWeakReference*>(self));
  if (!o) o = Py_None;
  Py_INCREF(o);
  return o;
}

// tp_call: heap subclasses (weakref.KeyedRef, ...) do not inherit
// Py_TPFLAGS_HAVE_VECTORCALL, so calling them goes through here.
PyObject* weakref_call(PyObject* self, PyObject* args, PyObject* kw) {
  if (!_PyArg_NoKeywords("weakref", kw)) return nullptr;
  if (!PyArg_UnpackTuple(args, "weakref", 0, 0)) return nullptr;
  PyObject* o = referent(reinterpret_cast<PyWeakReference*>(self));
  if (!o) o = Py_None;
  return Py_NewRef(o);
}

void init_weakref(PyWeakReference* self, PyObject* ob, PyObject* callback) {
  self->hash = -1;
  self->wr_object = ob;
  self->wr_prev = nullptr;
  self->wr_next = nullptr;
  Py_XINCREF(callback);
  self->wr_callback = callback;
  self->vectorcall = weakref_vectorcall;
}

PyWeakReference* new_weakref(PyTypeObject* type, PyObject* ob, PyObject* callback) {
  auto* r = reinterpret_cast<PyWeakReference*>(type->tp_alloc(type, 0));
  if (r) init_weakref(r, ob, callback);
  return r;
}

void weakref_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  auto* r = reinterpret_cast<PyWeakReference*>(self);
  clear_ref(r);
  Py_CLEAR(r->wr_callback);
  Py_TYPE(self)->tp_free(self);
}

int weakref_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<PyWeakReference*>(self)->wr_callback);
  return 0;
}

int weakref_clear(PyObject* self) {
  auto* r = reinterpret_cast<PyWeakReference*>(self);
  clear_ref(r);
  Py_CLEAR(r->wr_callback);
  return 0;
}

Py_hash_t weakref_hash(PyObject* self) {
  auto* r = reinterpret_cast<PyWeakReference*>(self);
  if (r->hash != -1) return r->hash;
  PyObject* o = referent(r);
  if (!o) {
    PyErr_SetString(PyExc_TypeError, "weak object has gone away");
    return -1;
  }
  Py_INCREF(o);
  r->hash = PyObject_Hash(o);
  Py_DECREF(o);
  return r->hash;
}

PyObject* weakref_repr(PyObject* self) {
  auto* r = reinterpret_cast<PyWeakReference*>(self);
  PyObject* o = referent(r);
  if (!o) return PyUnicode_FromFormat("<weakref at %p; dead>", self);
  Ref<> keep = borrow(o);
  PyObject* name;
  if (_PyObject_LookupAttr(o, id::name, &name) < 0) return nullptr;
  Ref<> name_ref = steal(name);
  if (name && PyUnicode_Check(name)) {
    return PyUnicode_FromFormat("<weakref at %p; to '%s' at %p (%U)>", self, Py_TYPE(o)->tp_name,
                                o, name);
  }
  return PyUnicode_FromFormat("<weakref at %p; to '%s' at %p>", self, Py_TYPE(o)->tp_name, o);
}

PyObject* weakref_richcompare(PyObject* a, PyObject* b, int op) {
  if ((op != Py_EQ && op != Py_NE) || !PyWeakref_Check(a) || !PyWeakref_Check(b))
    Py_RETURN_NOTIMPLEMENTED;
  PyObject* oa = referent(reinterpret_cast<PyWeakReference*>(a));
  PyObject* ob = referent(reinterpret_cast<PyWeakReference*>(b));
  if (!oa || !ob) {
    bool res = a == b;
    return PyBool_FromLong(op == Py_EQ ? res : !res);
  }
  Ref<> ka = borrow(oa), kb = borrow(ob);
  return PyObject_RichCompare(oa, ob, op);
}

int parse_weakref_args(const char* name, PyObject* args, PyObject* kwargs, PyObject** ob,
                       PyObject** callback) {
  // ref.__init__ refuses keywords (CPython's _PyArg_NoKeywords("ref")); __new__ ignores them,
  // so subclasses whose __init__ takes keywords work.
  if (std::strcmp(name, "__init__") == 0 && kwargs && PyDict_GET_SIZE(kwargs) != 0) {
    PyErr_SetString(PyExc_TypeError, "ref() takes no keyword arguments");
    return 0;
  }
  return PyArg_UnpackTuple(args, name, 1, 2, ob, callback);
}

PyObject* weakref_new(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  PyObject* ob;
  PyObject* callback = nullptr;
  if (!parse_weakref_args("__new__", args, kwargs, &ob, &callback)) return nullptr;
  if (!supports_weakrefs(ob)) {
    PyErr_Format(PyExc_TypeError, "cannot create weak reference to '%s' object", Py_TYPE(ob)->tp_name);
    return nullptr;
  }
  if (callback == Py_None) callback = nullptr;
  PyWeakReference** list = list_of(ob);
  PyWeakReference *ref, *proxy;
  get_basic_refs(*list, &ref, &proxy);
  if (callback == nullptr && type == &_PyWeakref_RefType && ref != nullptr) {
    Py_INCREF(ref);
    return reinterpret_cast<PyObject*>(ref);
  }
  PyWeakReference* self = reinterpret_cast<PyWeakReference*>(type->tp_alloc(type, 0));
  if (!self) return nullptr;
  init_weakref(self, ob, callback);
  if (callback == nullptr && type == &_PyWeakref_RefType) {
    insert_head(self, list);
  } else {
    PyWeakReference* prev = proxy ? proxy : ref;
    if (prev) insert_after(self, prev);
    else insert_head(self, list);
  }
  return reinterpret_cast<PyObject*>(self);
}

int weakref_init(PyObject*, PyObject* args, PyObject* kwargs) {
  PyObject *ob, *callback = nullptr;
  return parse_weakref_args("__init__", args, kwargs, &ob, &callback) ? 0 : -1;
}

PyObject* weakref_class_getitem(PyObject* cls, PyObject* arg) { return Py_GenericAlias(cls, arg); }

PyMemberDef weakref_members[] = {
    {"__callback__", T_OBJECT, offsetof(PyWeakReference, wr_callback), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr}};

PyMethodDef weakref_methods[] = {
    {"__class_getitem__", weakref_class_getitem, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr}};

// --- proxies ------------------------------------------------------------------------

// The live referent of a proxy (new reference), or ReferenceError.
PyObject* proxy_target(PyObject* proxy) {
  PyObject* o = referent(reinterpret_cast<PyWeakReference*>(proxy));
  if (!o) {
    PyErr_SetString(PyExc_ReferenceError, "weakly-referenced object no longer exists");
    return nullptr;
  }
  Py_INCREF(o);
  return o;
}

// Unwraps a proxy operand (new reference); other objects pass through.
PyObject* unwrap(PyObject* o) {
  if (PyWeakref_CheckProxy(o)) return proxy_target(o);
  Py_INCREF(o);
  return o;
}

#define PROXY_BINOP(fname, op)                                   \
  PyObject* fname(PyObject* a, PyObject* b) {                    \
    Ref<> x = steal(unwrap(a));                                  \
    if (!x) return nullptr;                                      \
    Ref<> y = steal(unwrap(b));                                  \
    if (!y) return nullptr;                                      \
    return op(x.get(), y.get());                                 \
  }
#define PROXY_UNOP(fname, op)                  \
  PyObject* fname(PyObject* a) {               \
    Ref<> x = steal(unwrap(a));                \
    if (!x) return nullptr;                    \
    return op(x.get());                        \
  }
// In-place operators apply to the referent and, as in CPython 3.11, return its result (so
// `p /= 2` rebinds p to whatever __itruediv__ returned).
#define PROXY_INPLACE(fname, op) PROXY_BINOP(fname, op)

PROXY_BINOP(proxy_add, PyNumber_Add)
PROXY_BINOP(proxy_sub, PyNumber_Subtract)
PROXY_BINOP(proxy_mul, PyNumber_Multiply)
PROXY_BINOP(proxy_floordiv, PyNumber_FloorDivide)
PROXY_BINOP(proxy_truediv, PyNumber_TrueDivide)
PROXY_BINOP(proxy_mod, PyNumber_Remainder)
PROXY_BINOP(proxy_divmod, PyNumber_Divmod)
PROXY_BINOP(proxy_lshift, PyNumber_Lshift)
PROXY_BINOP(proxy_rshift, PyNumber_Rshift)
PROXY_BINOP(proxy_and, PyNumber_And)
PROXY_BINOP(proxy_xor, PyNumber_Xor)
PROXY_BINOP(proxy_or, PyNumber_Or)
PROXY_BINOP(proxy_matmul, PyNumber_MatrixMultiply)
PROXY_BINOP(proxy_getitem, PyObject_GetItem)
PROXY_UNOP(proxy_neg, PyNumber_Negative)
PROXY_UNOP(proxy_pos, PyNumber_Positive)
PROXY_UNOP(proxy_abs, PyNumber_Absolute)
PROXY_UNOP(proxy_invert, PyNumber_Invert)
PROXY_UNOP(proxy_int, PyNumber_Long)
PROXY_UNOP(proxy_float, PyNumber_Float)
PROXY_UNOP(proxy_index, PyNumber_Index)
PROXY_UNOP(proxy_str, PyObject_Str)
PROXY_UNOP(proxy_iter, PyObject_GetIter)
PROXY_INPLACE(proxy_iadd, PyNumber_InPlaceAdd)
PROXY_INPLACE(proxy_isub, PyNumber_InPlaceSubtract)
PROXY_INPLACE(proxy_imul, PyNumber_InPlaceMultiply)
PROXY_INPLACE(proxy_ifloordiv, PyNumber_InPlaceFloorDivide)
PROXY_INPLACE(proxy_itruediv, PyNumber_InPlaceTrueDivide)
PROXY_INPLACE(proxy_imod, PyNumber_InPlaceRemainder)
PROXY_INPLACE(proxy_ilshift, PyNumber_InPlaceLshift)
PROXY_INPLACE(proxy_irshift, PyNumber_InPlaceRshift)
PROXY_INPLACE(proxy_iand, PyNumber_InPlaceAnd)
PROXY_INPLACE(proxy_ixor, PyNumber_InPlaceXor)
PROXY_INPLACE(proxy_ior, PyNumber_InPlaceOr)
PROXY_INPLACE(proxy_imatmul, PyNumber_InPlaceMatrixMultiply)

PyObject* proxy_pow(PyObject* a, PyObject* b, PyObject* c) {
  Ref<> x = steal(unwrap(a)), y = steal(unwrap(b)), z = steal(unwrap(c));
  if (!x || !y || !z) return nullptr;
  return PyNumber_Power(x.get(), y.get(), z.get());
}

PyObject* proxy_ipow(PyObject* a, PyObject* b, PyObject* c) {
  Ref<> x = steal(unwrap(a)), y = steal(unwrap(b)), z = steal(unwrap(c));
  if (!x || !y || !z) return nullptr;
  Ref<> r = steal(PyNumber_InPlacePower(x.get(), y.get(), z.get()));
  if (!r) return nullptr;
  Py_INCREF(a);
  return a;
}

int proxy_bool(PyObject* p) {
  Ref<> o = steal(proxy_target(p));
  return o ? PyObject_IsTrue(o.get()) : -1;
}

Py_ssize_t proxy_length(PyObject* p) {
  Ref<> o = steal(proxy_target(p));
  return o ? PyObject_Length(o.get()) : -1;
}

int proxy_contains(PyObject* p, PyObject* v) {
  Ref<> o = steal(proxy_target(p));
  return o ? PySequence_Contains(o.get(), v) : -1;
}

int proxy_setitem(PyObject* p, PyObject* key, PyObject* value) {
  Ref<> o = steal(proxy_target(p));
  if (!o) return -1;
  return value ? PyObject_SetItem(o.get(), key, value) : PyObject_DelItem(o.get(), key);
}

PyObject* proxy_iternext(PyObject* p) {
  Ref<> o = steal(proxy_target(p));
  if (!o) return nullptr;
  if (!PyIter_Check(o.get())) {
    PyErr_Format(PyExc_TypeError, "Weakref proxy referenced a non-iterator '%.200s' object",
                 Py_TYPE(o.get())->tp_name);
    return nullptr;
  }
  return PyIter_Next(o.get());
}

PyObject* proxy_getattr(PyObject* p, PyObject* name) {
  Ref<> o = steal(proxy_target(p));
  return o ? PyObject_GetAttr(o.get(), name) : nullptr;
}

int proxy_setattr(PyObject* p, PyObject* name, PyObject* value) {
  Ref<> o = steal(proxy_target(p));
  return o ? PyObject_SetAttr(o.get(), name, value) : -1;
}

PyObject* proxy_richcompare(PyObject* a, PyObject* b, int op) {
  Ref<> x = steal(unwrap(a));
  if (!x) return nullptr;
  Ref<> y = steal(unwrap(b));
  if (!y) return nullptr;
  return PyObject_RichCompare(x.get(), y.get(), op);
}

PyObject* proxy_call(PyObject* p, PyObject* args, PyObject* kw) {
  Ref<> o = steal(proxy_target(p));
  return o ? PyObject_Call(o.get(), args, kw) : nullptr;
}

PyObject* proxy_repr(PyObject* p) {
  PyObject* o = reinterpret_cast<PyWeakReference*>(p)->wr_object;
  return PyUnicode_FromFormat("<weakproxy at %p; to '%s' at %p>", p, Py_TYPE(o)->tp_name, o);
}

PyObject* proxy_bytes(PyObject* p, PyObject*) {
  Ref<> o = steal(proxy_target(p));
  return o ? PyObject_CallMethod(o.get(), "__bytes__", nullptr) : nullptr;
}

PyObject* proxy_reversed(PyObject* p, PyObject*) {
  Ref<> o = steal(proxy_target(p));
  return o ? PyObject_CallMethod(o.get(), "__reversed__", nullptr) : nullptr;
}

PyMethodDef proxy_methods[] = {{"__bytes__", proxy_bytes, METH_NOARGS, nullptr},
                               {"__reversed__", proxy_reversed, METH_NOARGS, nullptr},
                               {nullptr, nullptr, 0, nullptr}};

PyNumberMethods proxy_as_number = {
    .nb_add = proxy_add, .nb_subtract = proxy_sub, .nb_multiply = proxy_mul,
    .nb_remainder = proxy_mod, .nb_divmod = proxy_divmod, .nb_power = proxy_pow,
    .nb_negative = proxy_neg, .nb_positive = proxy_pos, .nb_absolute = proxy_abs,
    .nb_bool = proxy_bool, .nb_invert = proxy_invert, .nb_lshift = proxy_lshift,
    .nb_rshift = proxy_rshift, .nb_and = proxy_and, .nb_xor = proxy_xor, .nb_or = proxy_or,
    .nb_int = proxy_int, .nb_float = proxy_float, .nb_inplace_add = proxy_iadd,
    .nb_inplace_subtract = proxy_isub, .nb_inplace_multiply = proxy_imul,
    .nb_inplace_remainder = proxy_imod, .nb_inplace_power = proxy_ipow,
    .nb_inplace_lshift = proxy_ilshift, .nb_inplace_rshift = proxy_irshift,
    .nb_inplace_and = proxy_iand, .nb_inplace_xor = proxy_ixor, .nb_inplace_or = proxy_ior,
    .nb_floor_divide = proxy_floordiv, .nb_true_divide = proxy_truediv,
    .nb_inplace_floor_divide = proxy_ifloordiv, .nb_inplace_true_divide = proxy_itruediv,
    .nb_index = proxy_index, .nb_matrix_multiply = proxy_matmul,
    .nb_inplace_matrix_multiply = proxy_imatmul,
};

PySequenceMethods proxy_as_sequence = {.sq_contains = proxy_contains};
PyMappingMethods proxy_as_mapping = {proxy_length, proxy_getitem, proxy_setitem};

}  // namespace
}  // namespace krait

using namespace krait;

PyTypeObject _PyWeakref_RefType = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "weakref.ReferenceType",
    .tp_basicsize = sizeof(PyWeakReference),
    .tp_dealloc = weakref_dealloc,
    .tp_vectorcall_offset = offsetof(PyWeakReference, vectorcall),
    .tp_repr = weakref_repr,
    .tp_hash = weakref_hash,
    .tp_call = weakref_call,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL |
                Py_TPFLAGS_BASETYPE,
    .tp_traverse = weakref_traverse,
    .tp_clear = weakref_clear,
    .tp_richcompare = weakref_richcompare,
    .tp_methods = weakref_methods,
    .tp_members = weakref_members,
    .tp_init = weakref_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = weakref_new,
    .tp_free = PyObject_GC_Del,
};

#define KRAIT_PROXY_TYPE(cname, pyname, call)                                   \
  PyTypeObject cname = {                                                        \
      .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)                         \
      .tp_name = pyname,                                                        \
      .tp_basicsize = sizeof(PyWeakReference),                                  \
      .tp_dealloc = weakref_dealloc,                                            \
      .tp_repr = proxy_repr,                                                    \
      .tp_as_number = &proxy_as_number,                                         \
      .tp_as_sequence = &proxy_as_sequence,                                     \
      .tp_as_mapping = &proxy_as_mapping,                                       \
      .tp_hash = PyObject_HashNotImplemented,                                   \
      .tp_call = call,                                                          \
      .tp_str = proxy_str,                                                      \
      .tp_getattro = proxy_getattr,                                             \
      .tp_setattro = proxy_setattr,                                             \
      .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,                      \
      .tp_traverse = weakref_traverse,                                          \
      .tp_clear = weakref_clear,                                                \
      .tp_richcompare = proxy_richcompare,                                      \
      .tp_iter = proxy_iter,                                                    \
      .tp_iternext = proxy_iternext,                                            \
      .tp_methods = proxy_methods,                                              \
      .tp_free = PyObject_GC_Del,                                               \
  };
KRAIT_PROXY_TYPE(_PyWeakref_ProxyType, "weakref.ProxyType", nullptr)
KRAIT_PROXY_TYPE(_PyWeakref_CallableProxyType, "weakref.CallableProxyType", proxy_call)

extern "C" {

PyObject* PyWeakref_NewRef(PyObject* ob, PyObject* callback) {
  if (!supports_weakrefs(ob)) {
    PyErr_Format(PyExc_TypeError, "cannot create weak reference to '%s' object", Py_TYPE(ob)->tp_name);
    return nullptr;
  }
  if (callback == Py_None) callback = nullptr;
  PyWeakReference** list = list_of(ob);
  PyWeakReference *ref, *proxy;
  get_basic_refs(*list, &ref, &proxy);
  if (callback == nullptr && ref != nullptr) {
    Py_INCREF(ref);
    return reinterpret_cast<PyObject*>(ref);
  }
  PyWeakReference* result = new_weakref(&_PyWeakref_RefType, ob, callback);
  if (!result) return nullptr;
  if (callback == nullptr) {
    insert_head(result, list);
  } else {
    PyWeakReference* prev = proxy ? proxy : ref;
    if (prev) insert_after(result, prev);
    else insert_head(result, list);
  }
  return reinterpret_cast<PyObject*>(result);
}

PyObject* PyWeakref_NewProxy(PyObject* ob, PyObject* callback) {
  if (!supports_weakrefs(ob)) {
    PyErr_Format(PyExc_TypeError, "cannot create weak reference to '%s' object", Py_TYPE(ob)->tp_name);
    return nullptr;
  }
  if (callback == Py_None) callback = nullptr;
  PyWeakReference** list = list_of(ob);
  PyWeakReference *ref, *proxy;
  get_basic_refs(*list, &ref, &proxy);
  if (callback == nullptr && proxy != nullptr) {
    Py_INCREF(proxy);
    return reinterpret_cast<PyObject*>(proxy);
  }
  PyTypeObject* type = PyCallable_Check(ob) ? &_PyWeakref_CallableProxyType : &_PyWeakref_ProxyType;
  PyWeakReference* result = new_weakref(type, ob, callback);
  if (!result) return nullptr;
  if (callback == nullptr) {
    if (ref) insert_after(result, ref);
    else insert_head(result, list);
  } else {
    PyWeakReference* prev = proxy ? proxy : ref;
    if (prev) insert_after(result, prev);
    else insert_head(result, list);
  }
  return reinterpret_cast<PyObject*>(result);
}

PyObject* PyWeakref_GetObject(PyObject* ref) {
  if (ref == nullptr || !PyWeakref_Check(ref)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  return PyWeakref_GET_OBJECT(ref);
}

Py_ssize_t _PyWeakref_GetWeakrefCount(PyWeakReference* head) {
  Py_ssize_t count = 0;
  for (; head; head = head->wr_next) count++;
  return count;
}

void _PyWeakref_ClearRef(PyWeakReference* self) { clear_ref(self); }

// Called by deallocators of weakly referenceable objects: clears every weakref
// to `object` and calls their callbacks (with the exception state preserved).
void PyObject_ClearWeakRefs(PyObject* object) {
  if (object == nullptr || !supports_weakrefs(object) || Py_REFCNT(object) != 0) {
    if (object && Py_REFCNT(object) != 0) {
      PyErr_BadInternalCall();
    }
    return;
  }
  PyWeakReference** list = list_of(object);
  // Basic refs and proxies have no callback: just clear them.
  if (*list != nullptr && (*list)->wr_callback == nullptr) {
    clear_ref(*list);
    if (*list != nullptr && (*list)->wr_callback == nullptr) clear_ref(*list);
  }
  if (*list == nullptr) return;
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  // Collect (ref, callback) pairs first: callbacks may create or drop weakrefs.
  Py_ssize_t count = _PyWeakref_GetWeakrefCount(*list);
  Ref<> tuple = steal(PyTuple_New(count * 2));
  if (!tuple) {
    // Out of memory: clear without callbacks rather than leave dangling refs.
    while (*list) clear_ref(*list);
    PyErr_WriteUnraisable(nullptr);
    PyErr_Restore(t, v, tb);
    return;
  }
  for (Py_ssize_t i = 0; i < count; i++) {
    PyWeakReference* current = *list;
    // A ref being deallocated has refcount 0: skip its callback.
    if (Py_REFCNT(current) > 0) {
      Py_INCREF(current);
      PyTuple_SET_ITEM(tuple.get(), i * 2, reinterpret_cast<PyObject*>(current));
      PyTuple_SET_ITEM(tuple.get(), i * 2 + 1, current->wr_callback);
    } else {
      Py_DECREF(current->wr_callback);
    }
    current->wr_callback = nullptr;
    clear_ref(current);
  }
  for (Py_ssize_t i = 0; i < count; i++) {
    PyObject* callback = PyTuple_GET_ITEM(tuple.get(), i * 2 + 1);
    if (callback != nullptr) {
      PyObject* item = PyTuple_GET_ITEM(tuple.get(), i * 2);
      Ref<> res = steal(PyObject_CallOneArg(callback, item));
      if (!res) PyErr_WriteUnraisable(callback);
    }
  }
  PyErr_Restore(t, v, tb);
}

}  // extern "C"
