// pickler_type.cpp — the `_pickle.Pickler` type: construction and
// __init__(file, protocol, fix_imports, buffer_callback), dump(),
// clear_memo(), the memo / persistent_id attributes and the bin / fast /
// dispatch_table members. The serializer itself is pickler_save.cpp.
#include <Python.h>
#include <structmember.h>

#include "modules/pickle/pickle_internal.h"
#include "support/ref.h"

namespace krait::pickle {
namespace {

// Looks up `name` on the instance; a method bound to the instance itself is
// kept as (function, self) so the pickler does not hold a cycle to itself.
int init_method_ref(PyObject* self, const char* name, PyObject** func, PyObject** func_self) {
  PyObject* attr = nullptr;
  if (lookup_attr(self, name, &attr) < 0) return -1;
  Py_CLEAR(*func);
  Py_CLEAR(*func_self);
  if (attr == nullptr) return 0;
  if (PyMethod_Check(attr) && PyMethod_GET_SELF(attr) == self) {
    *func = PyMethod_GET_FUNCTION(attr);
    Py_INCREF(*func);
    *func_self = self;
    Py_INCREF(self);
    Py_DECREF(attr);
  } else {
    *func = attr;
  }
  return 0;
}

PyObject* pickler_new(PyTypeObject* type, PyObject*, PyObject*) {
  auto* self = reinterpret_cast<PicklerObject*>(type->tp_alloc(type, 0));
  if (self == nullptr) return nullptr;
  self->memo = new PicklerMemo();
  self->output = new std::string();
  self->frame_start = -1;
  self->proto = kDefaultProtocol;
  self->bin = 1;
  return reinterpret_cast<PyObject*>(self);
}

int pickler_clear(PyObject* op) {
  auto* self = reinterpret_cast<PicklerObject*>(op);
  Py_CLEAR(self->write);
  Py_CLEAR(self->pers_func);
  Py_CLEAR(self->pers_func_self);
  Py_CLEAR(self->dispatch_table);
  Py_CLEAR(self->fast_memo);
  Py_CLEAR(self->reducer_override);
  Py_CLEAR(self->buffer_callback);
  if (self->memo != nullptr) pickler_memo_clear(self);
  return 0;
}

int pickler_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* self = reinterpret_cast<PicklerObject*>(op);
  Py_VISIT(self->write);
  Py_VISIT(self->pers_func);
  Py_VISIT(self->pers_func_self);
  Py_VISIT(self->dispatch_table);
  Py_VISIT(self->fast_memo);
  Py_VISIT(self->reducer_override);
  Py_VISIT(self->buffer_callback);
  if (self->memo != nullptr) {
    for (auto& entry : *self->memo) Py_VISIT(entry.first);
  }
  return 0;
}

void pickler_dealloc(PyObject* op) {
  auto* self = reinterpret_cast<PicklerObject*>(op);
  PyTypeObject* tp = Py_TYPE(op);
  PyObject_GC_UnTrack(op);
  pickler_clear(op);
  delete self->memo;
  delete self->output;
  tp->tp_free(op);
  Py_DECREF(tp);
}

int pickler_init(PyObject* op, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"file", "protocol", "fix_imports", "buffer_callback", nullptr};
  PyObject *file, *protocol = Py_None, *buffer_callback = Py_None;
  int fix = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|OpO:Pickler", const_cast<char**>(kwlist), &file,
                                   &protocol, &fix, &buffer_callback))
    return -1;
  auto* self = reinterpret_cast<PicklerObject*>(op);
  // A second __init__ starts from scratch.
  if (self->write != nullptr) pickler_clear(op);
  if (pickler_init_args(self, file, protocol, fix, buffer_callback) < 0) return -1;
  self->output->clear();
  self->frame_start = -1;
  self->fast = 0;
  self->fast_nesting = 0;
  Py_CLEAR(self->fast_memo);
  if (init_method_ref(op, "persistent_id", &self->pers_func, &self->pers_func_self) < 0) return -1;
  PyObject* table = nullptr;
  if (lookup_attr(op, "dispatch_table", &table) < 0) return -1;
  Py_XSETREF(self->dispatch_table, table);
  return 0;
}

PyObject* pickler_dump_method(PyObject* op, PyObject* obj) {
  auto* self = reinterpret_cast<PicklerObject*>(op);
  // Subclasses that forget Pickler.__init__() get an error, not a crash.
  if (self->write == nullptr) {
    PyErr_Format(g_state.PicklingError, "Pickler.__init__() was not called by %s.__init__()",
                 Py_TYPE(op)->tp_name);
    return nullptr;
  }
  self->output->clear();
  self->frame_start = -1;
  if (pickler_dump(self, obj) < 0) return nullptr;
  if (pickler_flush_to_file(self) < 0) return nullptr;
  Py_RETURN_NONE;
}

PyObject* pickler_clear_memo(PyObject* op, PyObject*) {
  pickler_memo_clear(reinterpret_cast<PicklerObject*>(op));
  Py_RETURN_NONE;
}

PyObject* pickler_sizeof(PyObject* op, PyObject*) {
  auto* self = reinterpret_cast<PicklerObject*>(op);
  Py_ssize_t size = Py_TYPE(op)->tp_basicsize;
  size += Py_ssize_t(self->memo->size() * (sizeof(PyObject*) + sizeof(Py_ssize_t)) * 2);
  size += Py_ssize_t(self->output->capacity());
  return PyLong_FromSsize_t(size);
}

PyObject* get_memo(PyObject* op, void*) {
  PyObject* proxy = PyType_GenericAlloc(g_state.PicklerMemoProxyType, 0);
  if (proxy == nullptr) return nullptr;
  Py_INCREF(op);
  reinterpret_cast<PicklerMemoProxyObject*>(proxy)->pickler = reinterpret_cast<PicklerObject*>(op);
  return proxy;
}

int set_memo(PyObject* op, PyObject* value, void*) {
  if (value == nullptr) {
    PyErr_SetString(PyExc_TypeError, "attribute deletion is not supported");
    return -1;
  }
  return pickler_set_memo(reinterpret_cast<PicklerObject*>(op), value);
}

PyObject* get_persid(PyObject* op, void*) {
  auto* self = reinterpret_cast<PicklerObject*>(op);
  if (self->pers_func == nullptr) {
    PyErr_SetString(PyExc_AttributeError, "persistent_id");
    return nullptr;
  }
  if (self->pers_func_self != nullptr) return PyMethod_New(self->pers_func, self->pers_func_self);
  Py_INCREF(self->pers_func);
  return self->pers_func;
}

int set_persid(PyObject* op, PyObject* value, void*) {
  auto* self = reinterpret_cast<PicklerObject*>(op);
  if (value == nullptr) {
    PyErr_SetString(PyExc_TypeError, "attribute deletion is not supported");
    return -1;
  }
  if (!PyCallable_Check(value)) {
    PyErr_SetString(PyExc_TypeError, "persistent_id must be a callable taking one argument");
    return -1;
  }
  Py_CLEAR(self->pers_func_self);
  Py_INCREF(value);
  Py_XSETREF(self->pers_func, value);
  return 0;
}

PyMethodDef pickler_methods[] = {
    {"dump", pickler_dump_method, METH_O,
     PyDoc_STR("dump($self, obj, /)\n--\n\nWrite a pickled representation of the given object to the open file.")},
    {"clear_memo", pickler_clear_memo, METH_NOARGS,
     PyDoc_STR("clear_memo($self, /)\n--\n\nClears the pickler's \"memo\".")},
    {"__sizeof__", pickler_sizeof, METH_NOARGS,
     PyDoc_STR("__sizeof__($self, /)\n--\n\nReturns size in memory, in bytes.")},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef pickler_members[] = {
    {"bin", T_INT, offsetof(PicklerObject, bin), 0, nullptr},
    {"fast", T_INT, offsetof(PicklerObject, fast), 0, nullptr},
    {"dispatch_table", T_OBJECT_EX, offsetof(PicklerObject, dispatch_table), 0, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef pickler_getsets[] = {
    {"memo", get_memo, set_memo, nullptr, nullptr},
    {"persistent_id", get_persid, set_persid, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

const char pickler_doc[] =
    "Pickler(file, protocol=None, fix_imports=True, buffer_callback=None)\n--\n\n"
    "This takes a binary file for writing a pickle data stream.";

PyType_Slot pickler_slots[] = {
    {Py_tp_dealloc, reinterpret_cast<void*>(pickler_dealloc)},
    {Py_tp_traverse, reinterpret_cast<void*>(pickler_traverse)},
    {Py_tp_clear, reinterpret_cast<void*>(pickler_clear)},
    {Py_tp_init, reinterpret_cast<void*>(pickler_init)},
    {Py_tp_new, reinterpret_cast<void*>(pickler_new)},
    {Py_tp_alloc, reinterpret_cast<void*>(PyType_GenericAlloc)},
    {Py_tp_methods, pickler_methods},
    {Py_tp_members, pickler_members},
    {Py_tp_getset, pickler_getsets},
    {Py_tp_doc, const_cast<char*>(pickler_doc)},
    {0, nullptr},
};

PyType_Spec pickler_spec = {"_pickle.Pickler", sizeof(PicklerObject), 0,
                            Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
                            pickler_slots};

}  // namespace

int parse_protocol(PyObject* protocol, int* out) {
  if (protocol == nullptr || protocol == Py_None) {
    *out = kDefaultProtocol;
    return 0;
  }
  long proto = PyLong_AsLong(protocol);
  if (proto == -1 && PyErr_Occurred()) return -1;
  if (proto < 0) {
    proto = kHighestProtocol;
  } else if (proto > kHighestProtocol) {
    PyErr_Format(PyExc_ValueError, "pickle protocol must be <= %d", kHighestProtocol);
    return -1;
  }
  *out = int(proto);
  return 0;
}

int pickler_init_args(PicklerObject* self, PyObject* file, PyObject* protocol, int fix,
                      PyObject* buffer_callback) {
  int proto;
  if (parse_protocol(protocol, &proto) < 0) return -1;
  self->proto = proto;
  self->bin = proto > 0;
  self->fix_imports = fix && proto < 3;
  if (file != nullptr) {
    PyObject* write = nullptr;
    if (lookup_attr(file, "write", &write) < 0) return -1;
    if (write == nullptr) {
      PyErr_SetString(PyExc_TypeError, "file must have a 'write' attribute");
      return -1;
    }
    Py_XSETREF(self->write, write);
  }
  if (buffer_callback == Py_None) buffer_callback = nullptr;
  if (buffer_callback != nullptr && proto < 5) {
    PyErr_SetString(PyExc_ValueError, "buffer_callback needs protocol >= 5");
    return -1;
  }
  Py_XINCREF(buffer_callback);
  Py_XSETREF(self->buffer_callback, buffer_callback);
  return 0;
}

PyTypeObject* make_pickler_type(PyObject* module) {
  return reinterpret_cast<PyTypeObject*>(PyType_FromModuleAndSpec(module, &pickler_spec, nullptr));
}

}  // namespace krait::pickle
