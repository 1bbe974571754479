// unpickler_type.cpp — the `_pickle.Unpickler` type: __init__(file, *,
// fix_imports, encoding, errors, buffers), load(), find_class() with the
// 2.x->3.x name mapping, the memo / persistent_load attributes, and how the
// input is attached (a whole buffer for loads(), a file's read/readline).
#include <Python.h>

#include "modules/pickle/pickle_internal.h"
#include "support/ref.h"

namespace krait::pickle {
namespace {

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

void release_input(UnpicklerObject* self) {
  if (self->have_buffer) {
    PyBuffer_Release(&self->buffer);
    self->have_buffer = false;
  }
  self->input = nullptr;
  self->input_len = 0;
  self->next_read_idx = 0;
}

PyObject* unpickler_new(PyTypeObject* type, PyObject*, PyObject*) {
  auto* self = reinterpret_cast<UnpicklerObject*>(type->tp_alloc(type, 0));
  if (self == nullptr) return nullptr;
  self->stack = new std::vector<PyObject*>();
  self->marks = new std::vector<Py_ssize_t>();
  self->memo = new std::vector<PyObject*>();
  self->encoding = new std::string("ASCII");
  self->errors = new std::string("strict");
  self->fix_imports = 1;
  return reinterpret_cast<PyObject*>(self);
}

int unpickler_clear(PyObject* op) {
  auto* self = reinterpret_cast<UnpicklerObject*>(op);
  Py_CLEAR(self->readline);
  Py_CLEAR(self->readinto);
  Py_CLEAR(self->read);
  Py_CLEAR(self->peek);
  Py_CLEAR(self->buffers);
  Py_CLEAR(self->pers_func);
  Py_CLEAR(self->pers_func_self);
  release_input(self);
  if (self->stack != nullptr) {
    std::vector<PyObject*> old;
    old.swap(*self->stack);
    for (PyObject* o : old) Py_DECREF(o);
  }
  if (self->memo != nullptr) unpickler_memo_clear(self);
  return 0;
}

int unpickler_traverse(PyObject* op, visitproc visit, void* arg) {
  auto* self = reinterpret_cast<UnpicklerObject*>(op);
  Py_VISIT(self->readline);
  Py_VISIT(self->readinto);
  Py_VISIT(self->read);
  Py_VISIT(self->peek);
  Py_VISIT(self->buffers);
  Py_VISIT(self->pers_func);
  Py_VISIT(self->pers_func_self);
  if (self->stack != nullptr)
    for (PyObject* o : *self->stack) Py_VISIT(o);
  if (self->memo != nullptr)
    for (PyObject* o : *self->memo) Py_VISIT(o);
  return 0;
}

void unpickler_dealloc(PyObject* op) {
  auto* self = reinterpret_cast<UnpicklerObject*>(op);
  PyTypeObject* tp = Py_TYPE(op);
  PyObject_GC_UnTrack(op);
  unpickler_clear(op);
  delete self->stack;
  delete self->marks;
  delete self->memo;
  delete self->encoding;
  delete self->errors;
  tp->tp_free(op);
  Py_DECREF(tp);
}

int unpickler_init(PyObject* op, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"file", "fix_imports", "encoding", "errors", "buffers", nullptr};
  PyObject *file, *buffers = nullptr;
  int fix = 1;
  const char* encoding = "ASCII";
  const char* errors = "strict";
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|$pssO:Unpickler", const_cast<char**>(kwlist),
                                   &file, &fix, &encoding, &errors, &buffers))
    return -1;
  auto* self = reinterpret_cast<UnpicklerObject*>(op);
  if (self->read != nullptr) unpickler_clear(op);
  if (unpickler_set_file(self, file) < 0) return -1;
  if (unpickler_set_options(self, fix, encoding, errors, buffers) < 0) return -1;
  if (init_method_ref(op, "persistent_load", &self->pers_func, &self->pers_func_self) < 0)
    return -1;
  unpickler_memo_clear(self);
  self->proto = 0;
  return 0;
}

PyObject* unpickler_load_method(PyObject* op, PyObject*) {
  auto* self = reinterpret_cast<UnpicklerObject*>(op);
  // Subclasses that forget Unpickler.__init__() get an error, not a crash.
  if (self->read == nullptr) {
    PyErr_Format(g_state.UnpicklingError, "Unpickler.__init__() was not called by %s.__init__()",
                 Py_TYPE(op)->tp_name);
    return nullptr;
  }
  return unpickler_load(self);
}

PyObject* unpickler_find_class(PyObject* op, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("find_class", nargs, 2, 2)) return nullptr;
  return unpickler_find_class_impl(reinterpret_cast<UnpicklerObject*>(op), args[0], args[1]);
}

PyObject* unpickler_sizeof(PyObject* op, PyObject*) {
  auto* self = reinterpret_cast<UnpicklerObject*>(op);
  Py_ssize_t size = Py_TYPE(op)->tp_basicsize;
  size += Py_ssize_t(self->memo->capacity() * sizeof(PyObject*));
  size += Py_ssize_t(self->marks->capacity() * sizeof(Py_ssize_t));
  size += Py_ssize_t(self->stack->capacity() * sizeof(PyObject*));
  size += Py_ssize_t(self->encoding->size() + self->errors->size() + 2);
  return PyLong_FromSsize_t(size);
}

PyObject* get_memo(PyObject* op, void*) {
  PyObject* proxy = PyType_GenericAlloc(g_state.UnpicklerMemoProxyType, 0);
  if (proxy == nullptr) return nullptr;
  Py_INCREF(op);
  reinterpret_cast<UnpicklerMemoProxyObject*>(proxy)->unpickler =
      reinterpret_cast<UnpicklerObject*>(op);
  return proxy;
}

int set_memo(PyObject* op, PyObject* value, void*) {
  if (value == nullptr) {
    PyErr_SetString(PyExc_TypeError, "attribute deletion is not supported");
    return -1;
  }
  return unpickler_set_memo(reinterpret_cast<UnpicklerObject*>(op), value);
}

PyObject* get_persload(PyObject* op, void*) {
  auto* self = reinterpret_cast<UnpicklerObject*>(op);
  if (self->pers_func == nullptr) {
    PyErr_SetString(PyExc_AttributeError, "persistent_load");
    return nullptr;
  }
  if (self->pers_func_self != nullptr) return PyMethod_New(self->pers_func, self->pers_func_self);
  Py_INCREF(self->pers_func);
  return self->pers_func;
}

int set_persload(PyObject* op, PyObject* value, void*) {
  auto* self = reinterpret_cast<UnpicklerObject*>(op);
  if (value == nullptr) {
    PyErr_SetString(PyExc_TypeError, "attribute deletion is not supported");
    return -1;
  }
  if (!PyCallable_Check(value)) {
    PyErr_SetString(PyExc_TypeError, "persistent_load must be a callable taking one argument");
    return -1;
  }
  Py_CLEAR(self->pers_func_self);
  Py_INCREF(value);
  Py_XSETREF(self->pers_func, value);
  return 0;
}

PyMethodDef unpickler_methods[] = {
    {"load", unpickler_load_method, METH_NOARGS,
     PyDoc_STR("load($self, /)\n--\n\nLoad a pickle.")},
    {"find_class", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(unpickler_find_class)),
     METH_FASTCALL,
     PyDoc_STR("find_class($self, module_name, global_name, /)\n--\n\nReturn an object from a specified module.")},
    {"__sizeof__", unpickler_sizeof, METH_NOARGS,
     PyDoc_STR("__sizeof__($self, /)\n--\n\nReturns size in memory, in bytes.")},
    {nullptr, nullptr, 0, nullptr},
};

PyGetSetDef unpickler_getsets[] = {
    {"memo", get_memo, set_memo, nullptr, nullptr},
    {"persistent_load", get_persload, set_persload, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

const char unpickler_doc[] =
    "Unpickler(file, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=())\n--\n\n"
    "This takes a binary file for reading a pickle data stream.";

PyType_Slot unpickler_slots[] = {
    {Py_tp_dealloc, reinterpret_cast<void*>(unpickler_dealloc)},
    {Py_tp_traverse, reinterpret_cast<void*>(unpickler_traverse)},
    {Py_tp_clear, reinterpret_cast<void*>(unpickler_clear)},
    {Py_tp_init, reinterpret_cast<void*>(unpickler_init)},
    {Py_tp_new, reinterpret_cast<void*>(unpickler_new)},
    {Py_tp_alloc, reinterpret_cast<void*>(PyType_GenericAlloc)},
    {Py_tp_methods, unpickler_methods},
    {Py_tp_getset, unpickler_getsets},
    {Py_tp_doc, const_cast<char*>(unpickler_doc)},
    {0, nullptr},
};

PyType_Spec unpickler_spec = {"_pickle.Unpickler", sizeof(UnpicklerObject), 0,
                              Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
                              unpickler_slots};

}  // namespace

int unpickler_set_file(UnpicklerObject* self, PyObject* file) {
  if (lookup_attr(file, "peek", &self->peek) < 0) return -1;
  if (lookup_attr(file, "readinto", &self->readinto) < 0) return -1;
  if (lookup_attr(file, "read", &self->read) < 0) return -1;
  if (lookup_attr(file, "readline", &self->readline) < 0) return -1;
  if (self->readline == nullptr || self->read == nullptr) {
    PyErr_SetString(PyExc_TypeError, "file must have 'read' and 'readline' attributes");
    Py_CLEAR(self->read);
    Py_CLEAR(self->readinto);
    Py_CLEAR(self->readline);
    Py_CLEAR(self->peek);
    return -1;
  }
  return 0;
}

int unpickler_set_string(UnpicklerObject* self, PyObject* data) {
  Py_buffer view;
  if (PyObject_GetBuffer(data, &view, PyBUF_CONTIG_RO) < 0) return -1;
  release_input(self);
  self->buffer = view;
  self->have_buffer = true;
  self->input = static_cast<const char*>(view.buf);
  self->input_len = view.len;
  self->next_read_idx = 0;
  return 0;
}

int unpickler_set_options(UnpicklerObject* self, int fix, const char* encoding, const char* errors,
                          PyObject* buffers) {
  *self->encoding = encoding ? encoding : "ASCII";
  *self->errors = errors ? errors : "strict";
  self->fix_imports = fix;
  Py_CLEAR(self->buffers);
  if (buffers != nullptr && buffers != Py_None) {
    self->buffers = PyObject_GetIter(buffers);
    if (self->buffers == nullptr) return -1;
  }
  return 0;
}

PyObject* unpickler_find_class_impl(UnpicklerObject* self, PyObject* module_name,
                                    PyObject* global_name) {
  if (PySys_Audit("pickle.find_class", "OO", module_name, global_name) < 0) return nullptr;
  // Old protocols may name Python 2 modules/globals: map them to 3.x.
  if (self->proto < 3 && self->fix_imports) {
    Ref<PyObject> key = steal(PyTuple_Pack(2, module_name, global_name));
    if (!key) return nullptr;
    PyObject* item = PyDict_GetItemWithError(g_state.name_mapping_2to3, key.get());
    if (item != nullptr) {
      if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2) {
        PyErr_Format(PyExc_RuntimeError,
                     "_compat_pickle.NAME_MAPPING values should be 2-tuples, not %.200s",
                     Py_TYPE(item)->tp_name);
        return nullptr;
      }
      module_name = PyTuple_GET_ITEM(item, 0);
      global_name = PyTuple_GET_ITEM(item, 1);
      if (!PyUnicode_Check(module_name) || !PyUnicode_Check(global_name)) {
        PyErr_Format(PyExc_RuntimeError,
                     "_compat_pickle.NAME_MAPPING values should be pairs of str, not (%.200s, %.200s)",
                     Py_TYPE(module_name)->tp_name, Py_TYPE(global_name)->tp_name);
        return nullptr;
      }
    } else if (PyErr_Occurred()) {
      return nullptr;
    } else {
      item = PyDict_GetItemWithError(g_state.import_mapping_2to3, module_name);
      if (item != nullptr) {
        if (!PyUnicode_Check(item)) {
          PyErr_Format(PyExc_RuntimeError,
                       "_compat_pickle.IMPORT_MAPPING values should be strings, not %.200s",
                       Py_TYPE(item)->tp_name);
          return nullptr;
        }
        module_name = item;
      } else if (PyErr_Occurred()) {
        return nullptr;
      }
    }
  }
  Ref<PyObject> mod_name_ref = borrow(module_name), glob_name_ref = borrow(global_name);
  Ref<PyObject> module = steal(PyImport_Import(module_name));
  if (!module) return nullptr;
  PyObject* attr = nullptr;
  if (self->proto >= 4) {
    Ref<PyObject> dot = steal(PyUnicode_FromString("."));
    Ref<PyObject> path = steal(PyUnicode_Split(global_name, dot.get(), -1));
    if (!path) return nullptr;
    Py_ssize_t n = PyList_GET_SIZE(path.get());
    for (Py_ssize_t i = 0; i < n; i++) {
      if (PyUnicode_CompareWithASCIIString(PyList_GET_ITEM(path.get(), i), "<locals>") == 0) {
        PyErr_Format(PyExc_AttributeError, "Can't get local attribute %R on %R", global_name,
                     module.get());
        return nullptr;
      }
    }
    attr = get_dotted_attribute(module.get(), path.get());
  } else {
    if (_PyObject_LookupAttr(module.get(), global_name, &attr) < 0) return nullptr;
  }
  if (attr == nullptr && !PyErr_Occurred())
    PyErr_Format(PyExc_AttributeError, "Can't get attribute %R on %R", global_name, module.get());
  return attr;
}

PyTypeObject* make_unpickler_type(PyObject* module) {
  return reinterpret_cast<PyTypeObject*>(PyType_FromModuleAndSpec(module, &unpickler_spec, nullptr));
}

}  // namespace krait::pickle
