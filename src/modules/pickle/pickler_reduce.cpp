// pickler_reduce.cpp — the parts of the `_pickle` Pickler that follow the
// copy protocol: saving globals by qualified name (whichmodule, the copyreg
// extension registry, 3.x->2.x name fixes), __reduce__ tuples (NEWOBJ,
// NEWOBJ_EX, state/listitems/dictitems/state_setter), persistent ids, and
// the singleton types.
#include <Python.h>

#include "modules/pickle/pickle_internal.h"
#include "support/ref.h"

namespace krait::pickle {

int pickler_write_op(PicklerObject* self, unsigned char op);
int pickler_write_raw(PicklerObject* self, const char* data, Py_ssize_t n);
bool pickler_memo_has(PicklerObject* self, PyObject* obj);
int pickler_memo_put(PicklerObject* self, PyObject* obj);
int pickler_memo_get(PicklerObject* self, PyObject* obj);
int pickler_batch_list(PicklerObject* self, PyObject* iter);
int pickler_batch_dict(PicklerObject* self, PyObject* iter);
int pickler_save(PicklerObject* self, PyObject* obj, int pers_save);
int save_reduce_impl(PicklerObject* self, PyObject* args, PyObject* obj);

namespace {

// "a.b.c" -> ["a", "b", "c"]; "<locals>" in the path means the object
// cannot be found again by name.
PyObject* get_dotted_path(PyObject* obj, PyObject* name) {
  Ref<PyObject> dot = steal(PyUnicode_FromString("."));
  Ref<PyObject> path = steal(PyUnicode_Split(name, dot.get(), -1));
  if (!path) return nullptr;
  Py_ssize_t n = PyList_GET_SIZE(path.get());
  for (Py_ssize_t i = 0; i < n; i++) {
    PyObject* sub = PyList_GET_ITEM(path.get(), i);
    if (PyUnicode_CompareWithASCIIString(sub, "<locals>") == 0) {
      if (obj == nullptr)
        PyErr_Format(PyExc_AttributeError, "Can't pickle local object %R", name);
      else
        PyErr_Format(PyExc_AttributeError, "Can't get local attribute %R on %R", name, obj);
      return nullptr;
    }
  }
  return path.release();
}

// True when `module` (named module_name) holds `global` at dotted_path.
bool check_module(PyObject* module_name, PyObject* module, PyObject* global,
                  PyObject* dotted_path) {
  if (module == Py_None) return false;
  if (PyUnicode_Check(module_name) &&
      (PyUnicode_CompareWithASCIIString(module_name, "__main__") == 0 ||
       PyUnicode_CompareWithASCIIString(module_name, "__mp_main__") == 0))
    return false;
  PyObject* candidate = get_dotted_attribute(module, dotted_path);
  if (candidate == nullptr) {
    PyErr_Clear();
    return false;
  }
  bool same = candidate == global;
  Py_DECREF(candidate);
  return same;
}

// The module a global lives in: its __module__, else a search of sys.modules,
// else "__main__".
PyObject* whichmodule(PyObject* global, PyObject* dotted_path) {
  PyObject* module_name = nullptr;
  if (lookup_attr(global, "__module__", &module_name) < 0) return nullptr;
  if (module_name != nullptr) {
    if (module_name != Py_None) return module_name;
    Py_DECREF(module_name);
  }
  PyObject* modules = PyImport_GetModuleDict();
  if (modules == nullptr) {
    PyErr_SetString(PyExc_RuntimeError, "unable to get sys.modules");
    return nullptr;
  }
  if (PyDict_CheckExact(modules)) {
    Py_ssize_t pos = 0;
    PyObject *name, *module;
    while (PyDict_Next(modules, &pos, &name, &module)) {
      Ref<PyObject> n = borrow(name), m = borrow(module);
      if (check_module(n.get(), m.get(), global, dotted_path)) return n.release();
    }
  } else {
    Ref<PyObject> iter = steal(PyObject_GetIter(modules));
    if (!iter) return nullptr;
    for (;;) {
      Ref<PyObject> name = steal(PyIter_Next(iter.get()));
      if (!name) {
        if (PyErr_Occurred()) return nullptr;
        break;
      }
      Ref<PyObject> module = steal(PyObject_GetItem(modules, name.get()));
      if (!module) return nullptr;
      if (check_module(name.get(), module.get(), global, dotted_path)) return name.release();
    }
  }
  return PyUnicode_FromString("__main__");
}

// Protocol < 3 with fix_imports: map 3.x names back to their 2.x spelling.
int fix_imports(PyObject** module_name, PyObject** global_name) {
  Ref<PyObject> key = steal(PyTuple_Pack(2, *module_name, *global_name));
  if (!key) return -1;
  PyObject* item = PyDict_GetItemWithError(g_state.name_mapping_3to2, key.get());
  if (item != nullptr) {
    if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2) {
      PyErr_Format(PyExc_RuntimeError,
                   "_compat_pickle.REVERSE_NAME_MAPPING values should be 2-tuples, not %.200s",
                   Py_TYPE(item)->tp_name);
      return -1;
    }
    PyObject* m = PyTuple_GET_ITEM(item, 0);
    PyObject* n = PyTuple_GET_ITEM(item, 1);
    if (!PyUnicode_Check(m) || !PyUnicode_Check(n)) {
      PyErr_Format(PyExc_RuntimeError,
                   "_compat_pickle.REVERSE_NAME_MAPPING values should be pairs of str, not (%.200s, %.200s)",
                   Py_TYPE(m)->tp_name, Py_TYPE(n)->tp_name);
      return -1;
    }
    Py_INCREF(m);
    Py_INCREF(n);
    Py_SETREF(*module_name, m);
    Py_SETREF(*global_name, n);
    return 0;
  }
  if (PyErr_Occurred()) return -1;
  item = PyDict_GetItemWithError(g_state.import_mapping_3to2, *module_name);
  if (item == nullptr) return PyErr_Occurred() ? -1 : 0;
  if (!PyUnicode_Check(item)) {
    PyErr_Format(PyExc_RuntimeError,
                 "_compat_pickle.REVERSE_IMPORT_MAPPING values should be strings, not %.200s",
                 Py_TYPE(item)->tp_name);
    return -1;
  }
  Py_INCREF(item);
  Py_SETREF(*module_name, item);
  return 0;
}

int write_name_line(PicklerObject* self, PyObject* name, const char* what) {
  PyObject* encoded = self->proto == 3 ? PyUnicode_AsUTF8String(name) : PyUnicode_AsASCIIString(name);
  if (encoded == nullptr) {
    if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
      PyErr_Format(g_state.PicklingError, "can't pickle %s identifier '%S' using pickle protocol %i",
                   what, name, self->proto);
    return -1;
  }
  pickler_write_raw(self, PyBytes_AS_STRING(encoded), PyBytes_GET_SIZE(encoded));
  Py_DECREF(encoded);
  return pickler_write_raw(self, "\n", 1);
}

}  // namespace

int save_global(PicklerObject* self, PyObject* obj, PyObject* name) {
  Ref<PyObject> global_name;
  if (name != nullptr) {
    global_name = borrow(name);
  } else {
    PyObject* gn = nullptr;
    if (lookup_attr(obj, "__qualname__", &gn) < 0) return -1;
    if (gn == nullptr) {
      gn = PyObject_GetAttrString(obj, "__name__");
      if (gn == nullptr) return -1;
    }
    global_name = steal(gn);
  }
  Ref<PyObject> dotted_path = steal(get_dotted_path(nullptr, global_name.get()));
  if (!dotted_path) return -1;
  Ref<PyObject> module_name = steal(whichmodule(obj, dotted_path.get()));
  if (!module_name) return -1;
  Ref<PyObject> module = steal(PyImport_Import(module_name.get()));
  if (!module) {
    PyErr_Format(g_state.PicklingError, "Can't pickle %R: import of module %R failed", obj,
                 module_name.get());
    return -1;
  }
  Py_ssize_t n = PyList_GET_SIZE(dotted_path.get());
  Ref<PyObject> lastname = borrow(PyList_GET_ITEM(dotted_path.get(), n - 1));
  PyObject* parent_raw = nullptr;
  Ref<PyObject> cls = steal(get_deep_attribute(module.get(), dotted_path.get(), &parent_raw));
  Ref<PyObject> parent = steal(parent_raw);
  if (!cls) {
    PyErr_Format(g_state.PicklingError, "Can't pickle %R: attribute lookup %S on %S failed", obj,
                 global_name.get(), module_name.get());
    return -1;
  }
  if (cls.get() != obj) {
    PyErr_Format(g_state.PicklingError, "Can't pickle %R: it's not the same object as %S.%S", obj,
                 module_name.get(), global_name.get());
    return -1;
  }
  if (self->proto >= 2) {
    // A code in copyreg's extension registry becomes an EXT opcode.
    Ref<PyObject> key = steal(PyTuple_Pack(2, module_name.get(), global_name.get()));
    if (!key) return -1;
    PyObject* code_obj = PyDict_GetItemWithError(g_state.extension_registry, key.get());
    if (code_obj != nullptr) {
      if (!PyLong_Check(code_obj)) {
        PyErr_Format(g_state.PicklingError, "Can't pickle %R: extension code %R isn't an integer",
                     obj, code_obj);
        return -1;
      }
      long code = PyLong_AsLong(code_obj);
      if (code <= 0 || code > 0x7fffffffL) {
        if (!PyErr_Occurred())
          PyErr_Format(g_state.PicklingError, "Can't pickle %R: extension code %ld is out of range",
                       obj, code);
        return -1;
      }
      char buf[5];
      Py_ssize_t len;
      if (code <= 0xff) {
        buf[0] = char(EXT1);
        buf[1] = char(code);
        len = 2;
      } else if (code <= 0xffff) {
        buf[0] = char(EXT2);
        buf[1] = char(code & 0xff);
        buf[2] = char((code >> 8) & 0xff);
        len = 3;
      } else {
        buf[0] = char(EXT4);
        for (int i = 0; i < 4; i++) buf[1 + i] = char((code >> (8 * i)) & 0xff);
        len = 5;
      }
      return pickler_write_raw(self, buf, len);
    }
    if (PyErr_Occurred()) return -1;
  }
  if (parent.get() == module.get()) global_name = lastname;
  if (self->proto >= 4) {
    if (pickler_save(self, module_name.get(), 0) < 0) return -1;
    if (pickler_save(self, global_name.get(), 0) < 0) return -1;
    if (pickler_write_op(self, STACK_GLOBAL) < 0) return -1;
  } else if (parent.get() != module.get()) {
    // A nested name before protocol 4: getattr(parent, lastname).
    Ref<PyObject> reduce_value =
        steal(Py_BuildValue("(O(OO))", g_state.getattr, parent.get(), lastname.get()));
    if (!reduce_value) return -1;
    if (save_reduce_impl(self, reduce_value.get(), nullptr) < 0) return -1;
  } else {
    pickler_write_op(self, GLOBAL);
    PyObject* mn = module_name.release();
    PyObject* gn = global_name.release();
    if (self->proto < 3 && self->fix_imports && fix_imports(&mn, &gn) < 0) {
      Py_DECREF(mn);
      Py_DECREF(gn);
      return -1;
    }
    module_name = steal(mn);
    global_name = steal(gn);
    if (write_name_line(self, module_name.get(), "module") < 0) return -1;
    if (write_name_line(self, global_name.get(), "global") < 0) return -1;
  }
  return pickler_memo_put(self, obj);
}

int save_type(PicklerObject* self, PyObject* obj) {
  PyObject* singleton = nullptr;
  if (obj == (PyObject*)Py_TYPE(Py_None)) singleton = Py_None;
  else if (obj == (PyObject*)Py_TYPE(Py_Ellipsis)) singleton = Py_Ellipsis;
  else if (obj == (PyObject*)Py_TYPE(Py_NotImplemented)) singleton = Py_NotImplemented;
  if (singleton == nullptr) return save_global(self, obj, nullptr);
  Ref<PyObject> reduce_value = steal(Py_BuildValue("(O(O))", (PyObject*)&PyType_Type, singleton));
  if (!reduce_value) return -1;
  return save_reduce_impl(self, reduce_value.get(), obj);
}

// 1 when persistent_id gave an id (written), 0 when it returned None.
int save_pers(PicklerObject* self, PyObject* obj) {
  Ref<PyObject> pid;
  if (self->pers_func_self != nullptr)
    pid = steal(PyObject_CallFunctionObjArgs(self->pers_func, self->pers_func_self, obj, nullptr));
  else
    pid = steal(PyObject_CallOneArg(self->pers_func, obj));
  if (!pid) return -1;
  if (pid.get() == Py_None) return 0;
  if (self->bin) {
    if (pickler_save(self, pid.get(), 1) < 0) return -1;
    if (pickler_write_op(self, BINPERSID) < 0) return -1;
    return 1;
  }
  Ref<PyObject> s = steal(PyObject_Str(pid.get()));
  if (!s) return -1;
  if (!PyUnicode_IS_ASCII(s.get())) {
    PyErr_SetString(g_state.PicklingError, "persistent IDs in protocol 0 must be ASCII strings");
    return -1;
  }
  Py_ssize_t n;
  const char* data = PyUnicode_AsUTF8AndSize(s.get(), &n);
  pickler_write_op(self, PERSID);
  pickler_write_raw(self, data, n);
  pickler_write_raw(self, "\n", 1);
  return 1;
}

int save_reduce_impl(PicklerObject* self, PyObject* args, PyObject* obj) {
  Py_ssize_t size = PyTuple_Size(args);
  if (size < 0) return -1;
  if (size < 2 || size > 6) {
    PyErr_SetString(g_state.PicklingError,
                    "tuple returned by __reduce__ must contain 2 through 6 elements");
    return -1;
  }
  PyObject *callable, *argtup, *state = nullptr, *listitems = Py_None, *dictitems = Py_None,
                                *state_setter = Py_None;
  if (!PyArg_UnpackTuple(args, "save_reduce", 2, 6, &callable, &argtup, &state, &listitems,
                         &dictitems, &state_setter))
    return -1;
  if (!PyCallable_Check(callable)) {
    PyErr_SetString(g_state.PicklingError,
                    "first item of the tuple returned by __reduce__ must be callable");
    return -1;
  }
  if (!PyTuple_Check(argtup)) {
    PyErr_SetString(g_state.PicklingError,
                    "second item of the tuple returned by __reduce__ must be a tuple");
    return -1;
  }
  if (state == Py_None) state = nullptr;
  if (listitems == Py_None) {
    listitems = nullptr;
  } else if (!PyIter_Check(listitems)) {
    PyErr_Format(g_state.PicklingError,
                 "fourth element of the tuple returned by __reduce__ must be an iterator, not %s",
                 Py_TYPE(listitems)->tp_name);
    return -1;
  }
  if (dictitems == Py_None) {
    dictitems = nullptr;
  } else if (!PyIter_Check(dictitems)) {
    PyErr_Format(g_state.PicklingError,
                 "fifth element of the tuple returned by __reduce__ must be an iterator, not %s",
                 Py_TYPE(dictitems)->tp_name);
    return -1;
  }
  if (state_setter == Py_None) {
    state_setter = nullptr;
  } else if (!PyCallable_Check(state_setter)) {
    PyErr_Format(g_state.PicklingError,
                 "sixth element of the tuple returned by __reduce__ must be a function, not %s",
                 Py_TYPE(state_setter)->tp_name);
    return -1;
  }
  bool use_newobj = false, use_newobj_ex = false;
  if (self->proto >= 2) {
    PyObject* name = nullptr;
    if (lookup_attr(callable, "__name__", &name) < 0) return -1;
    if (name != nullptr && PyUnicode_Check(name)) {
      use_newobj_ex = PyUnicode_CompareWithASCIIString(name, "__newobj_ex__") == 0;
      if (!use_newobj_ex) use_newobj = PyUnicode_CompareWithASCIIString(name, "__newobj__") == 0;
    }
    Py_XDECREF(name);
  }
  if (use_newobj_ex) {
    if (PyTuple_GET_SIZE(argtup) != 3) {
      PyErr_Format(g_state.PicklingError,
                   "length of the NEWOBJ_EX argument tuple must be exactly 3, not %zd",
                   PyTuple_GET_SIZE(argtup));
      return -1;
    }
    PyObject* cls = PyTuple_GET_ITEM(argtup, 0);
    if (!PyType_Check(cls)) {
      PyErr_Format(g_state.PicklingError,
                   "first item from NEWOBJ_EX argument tuple must be a class, not %.200s",
                   Py_TYPE(cls)->tp_name);
      return -1;
    }
    PyObject* cargs = PyTuple_GET_ITEM(argtup, 1);
    if (!PyTuple_Check(cargs)) {
      PyErr_Format(g_state.PicklingError,
                   "second item from NEWOBJ_EX argument tuple must be a tuple, not %.200s",
                   Py_TYPE(cargs)->tp_name);
      return -1;
    }
    PyObject* kwargs = PyTuple_GET_ITEM(argtup, 2);
    if (!PyDict_Check(kwargs)) {
      PyErr_Format(g_state.PicklingError,
                   "third item from NEWOBJ_EX argument tuple must be a dict, not %.200s",
                   Py_TYPE(kwargs)->tp_name);
      return -1;
    }
    if (self->proto >= 4) {
      if (pickler_save(self, cls, 0) < 0 || pickler_save(self, cargs, 0) < 0 ||
          pickler_save(self, kwargs, 0) < 0 || pickler_write_op(self, NEWOBJ_EX) < 0)
        return -1;
    } else {
      // partial(cls.__new__, cls, *args, **kwargs)() rebuilds it before protocol 4.
      Ref<PyObject> cls_new = steal(PyObject_GetAttrString(cls, "__new__"));
      if (!cls_new) return -1;
      Py_ssize_t n = PyTuple_GET_SIZE(cargs);
      Ref<PyObject> newargs = steal(PyTuple_New(n + 2));
      if (!newargs) return -1;
      PyTuple_SET_ITEM(newargs.get(), 0, cls_new.release());
      Py_INCREF(cls);
      PyTuple_SET_ITEM(newargs.get(), 1, cls);
      for (Py_ssize_t i = 0; i < n; i++) {
        PyObject* item = PyTuple_GET_ITEM(cargs, i);
        Py_INCREF(item);
        PyTuple_SET_ITEM(newargs.get(), i + 2, item);
      }
      Ref<PyObject> part = steal(PyObject_Call(g_state.partial, newargs.get(), kwargs));
      if (!part) return -1;
      Ref<PyObject> empty = steal(PyTuple_New(0));
      if (pickler_save(self, part.get(), 0) < 0 || pickler_save(self, empty.get(), 0) < 0 ||
          pickler_write_op(self, REDUCE) < 0)
        return -1;
    }
  } else if (use_newobj) {
    if (PyTuple_GET_SIZE(argtup) == 0) {
      PyErr_SetString(g_state.PicklingError, "__newobj__ arglist is empty");
      return -1;
    }
    PyObject* cls = PyTuple_GET_ITEM(argtup, 0);
    if (!PyType_Check(cls)) {
      PyErr_SetString(g_state.PicklingError, "args[0] from __newobj__ args is not a type");
      return -1;
    }
    if (obj != nullptr) {
      PyObject* obj_class = nullptr;
      if (lookup_attr(obj, "__class__", &obj_class) < 0) return -1;
      bool wrong = obj_class != cls;
      Py_XDECREF(obj_class);
      if (wrong) {
        PyErr_SetString(g_state.PicklingError, "args[0] from __newobj__ args has the wrong class");
        return -1;
      }
    }
    if (pickler_save(self, cls, 0) < 0) return -1;
    Ref<PyObject> newargtup = steal(PyTuple_GetSlice(argtup, 1, PyTuple_GET_SIZE(argtup)));
    if (!newargtup) return -1;
    if (pickler_save(self, newargtup.get(), 0) < 0 || pickler_write_op(self, NEWOBJ) < 0) return -1;
  } else {
    if (pickler_save(self, callable, 0) < 0 || pickler_save(self, argtup, 0) < 0 ||
        pickler_write_op(self, REDUCE) < 0)
      return -1;
  }
  // A NULL obj means "don't memoize" (save_reduce called for a helper value).
  if (obj != nullptr) {
    if (pickler_memo_has(self, obj)) {
      // Recursive: the reduce built a copy; drop it and use the memo.
      if (pickler_write_op(self, POP) < 0) return -1;
      return pickler_memo_get(self, obj);
    }
    if (pickler_memo_put(self, obj) < 0) return -1;
  }
  if (listitems != nullptr && pickler_batch_list(self, listitems) < 0) return -1;
  if (dictitems != nullptr && pickler_batch_dict(self, dictitems) < 0) return -1;
  if (state != nullptr) {
    if (state_setter == nullptr) {
      if (pickler_save(self, state, 0) < 0 || pickler_write_op(self, BUILD) < 0) return -1;
    } else {
      // state_setter(obj, state), called for its side effect; the result is popped.
      if (pickler_save(self, state_setter, 0) < 0 || pickler_save(self, obj, 0) < 0 ||
          pickler_save(self, state, 0) < 0 || pickler_write_op(self, TUPLE2) < 0 ||
          pickler_write_op(self, REDUCE) < 0 || pickler_write_op(self, POP) < 0)
        return -1;
    }
  }
  return 0;
}

}  // namespace krait::pickle
