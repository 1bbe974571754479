// The module type (PyModule_Type) and the module C API: creation from a
// PyModuleDef (single-phase PyModule_Create2, multi-phase PEP 489
// PyModule_FromDefAndSpec2 + PyModule_ExecDef), per-module state with its
// m_traverse/m_clear/m_free hooks, and the PyModule_Add* helpers.
#include "objects/module_object.h"

#include <structmember.h>

#include <cstring>

#include "objects/object_util.h"

using krait::as_module;
using krait::borrow;
using krait::ModuleObject;
using krait::Ref;
using krait::steal;

// Set by the importer around a single-phase PyInit_* call so the module gets
// its fully qualified (package.module) name.
const char* _Py_PackageContext = nullptr;

namespace {

PyObject* interned(const char* s) { return PyUnicode_InternFromString(s); }

// __name__, __doc__ and the None-valued import attributes of a new module.
int init_dict(ModuleObject* m, PyObject* dict, PyObject* name, PyObject* doc) {
  if (!doc) doc = Py_None;
  if (PyDict_SetItemString(dict, "__name__", name) < 0) return -1;
  if (PyDict_SetItemString(dict, "__doc__", doc) < 0) return -1;
  if (PyDict_SetItemString(dict, "__package__", Py_None) < 0) return -1;
  if (PyDict_SetItemString(dict, "__loader__", Py_None) < 0) return -1;
  if (PyDict_SetItemString(dict, "__spec__", Py_None) < 0) return -1;
  if (PyUnicode_CheckExact(name)) {
    Py_INCREF(name);
    Py_XSETREF(m->md_name, name);
  }
  return 0;
}

// The module's state hooks run only once its state exists (or when it has none).
bool state_hooks_apply(ModuleObject* m) {
  return m->md_def && (m->md_def->m_size <= 0 || m->md_state != nullptr);
}

void module_dealloc(PyObject* self) {
  ModuleObject* m = as_module(self);
  PyObject_GC_UnTrack(self);
  if (state_hooks_apply(m) && m->md_def->m_free) m->md_def->m_free(self);
  if (m->md_weaklist) PyObject_ClearWeakRefs(self);
  Py_XDECREF(m->md_dict);
  Py_XDECREF(m->md_name);
  if (m->md_state) PyMem_Free(m->md_state);
  Py_TYPE(self)->tp_free(self);
}

int module_traverse(PyObject* self, visitproc visit, void* arg) {
  ModuleObject* m = as_module(self);
  if (state_hooks_apply(m) && m->md_def->m_traverse) {
    int r = m->md_def->m_traverse(self, visit, arg);
    if (r) return r;
  }
  Py_VISIT(m->md_dict);
  return 0;
}

int module_clear(PyObject* self) {
  ModuleObject* m = as_module(self);
  if (state_hooks_apply(m) && m->md_def->m_clear) {
    int r = m->md_def->m_clear(self);
    if (PyErr_Occurred()) {
      char msg[256];
      PyOS_snprintf(msg, sizeof msg, "in m_clear of %s module",
                    m->md_name ? PyUnicode_AsUTF8(m->md_name) : "<unknown>");
      _PyErr_WriteUnraisableMsg(msg, nullptr);
    }
    if (r) return r;
  }
  Py_CLEAR(m->md_dict);
  return 0;
}

// module(name, doc=None)
int module_init(PyObject* self, PyObject* args, PyObject* kwds) {
  static const char* kwlist[] = {"name", "doc", nullptr};
  PyObject* name = nullptr;
  PyObject* doc = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|O:module", const_cast<char**>(kwlist), &name,
                                   &doc))
    return -1;
  if (!PyUnicode_Check(name)) {
    PyErr_Format(PyExc_TypeError, "module() argument 'name' must be str, not %.200s",
                 Py_TYPE(name)->tp_name);
    return -1;
  }
  ModuleObject* m = as_module(self);
  if (!m->md_dict) {
    m->md_dict = PyDict_New();
    if (!m->md_dict) return -1;
  }
  return init_dict(m, m->md_dict, name, doc);
}

bool spec_is_initializing(PyObject* spec) {
  if (!spec) return false;
  PyObject* value;
  Ref<> key = steal(interned("_initializing"));
  if (_PyObject_LookupAttr(spec, key.get(), &value) < 0) {
    PyErr_Clear();
    return false;
  }
  if (!value) return false;
  int r = PyObject_IsTrue(value);
  Py_DECREF(value);
  if (r < 0) PyErr_Clear();
  return r > 0;
}

// Attribute lookup with PEP 562's module-level __getattr__ as the fallback.
PyObject* module_getattro(PyObject* self, PyObject* name) {
  PyObject* attr = PyObject_GenericGetAttr(self, name);
  if (attr || !PyErr_ExceptionMatches(PyExc_AttributeError)) return attr;
  PyErr_Clear();
  ModuleObject* m = as_module(self);
  if (m->md_dict) {
    PyObject* getattr = PyDict_GetItemString(m->md_dict, "__getattr__");
    if (getattr) return PyObject_CallOneArg(getattr, name);
    PyObject* mod_name = PyDict_GetItemString(m->md_dict, "__name__");
    if (mod_name && PyUnicode_Check(mod_name)) {
      Ref<> keep = borrow(mod_name);
      if (spec_is_initializing(PyDict_GetItemString(m->md_dict, "__spec__")))
        PyErr_Format(PyExc_AttributeError,
                     "partially initialized module '%U' has no attribute '%U' "
                     "(most likely due to a circular import)",
                     mod_name, name);
      else
        PyErr_Format(PyExc_AttributeError, "module '%U' has no attribute '%U'", mod_name, name);
      return nullptr;
    }
  }
  PyErr_Format(PyExc_AttributeError, "module has no attribute '%U'", name);
  return nullptr;
}

// getattr(o, name, None) that swallows errors other than real failures.
PyObject* get_optional(PyObject* o, const char* name) {
  PyObject* v;
  Ref<> key = steal(PyUnicode_FromString(name));
  if (!key || _PyObject_LookupAttr(o, key.get(), &v) < 0) return nullptr;
  if (!v) {
    Py_INCREF(Py_None);
    return Py_None;
  }
  return v;
}

// importlib._bootstrap._module_repr_from_spec, natively.
PyObject* repr_from_spec(PyObject* spec) {
  Ref<> name = steal(get_optional(spec, "name"));
  if (!name) return nullptr;
  Ref<> shown = name.get() == Py_None ? steal(PyUnicode_FromString("?")) : name;
  if (!shown) return nullptr;
  Ref<> origin = steal(get_optional(spec, "origin"));
  if (!origin) return nullptr;
  if (origin.get() == Py_None) {
    Ref<> loader = steal(get_optional(spec, "loader"));
    if (!loader) return nullptr;
    if (loader.get() == Py_None) return PyUnicode_FromFormat("<module %R>", shown.get());
    return PyUnicode_FromFormat("<module %R (%R)>", shown.get(), loader.get());
  }
  Ref<> has_location = steal(get_optional(spec, "has_location"));
  if (!has_location) return nullptr;
  int loc = PyObject_IsTrue(has_location.get());
  if (loc < 0) return nullptr;
  if (loc) return PyUnicode_FromFormat("<module %R from %R>", shown.get(), origin.get());
  return PyUnicode_FromFormat("<module %R (%S)>", name.get(), origin.get());
}

// importlib._bootstrap._module_repr, natively: "<module 'x' (built-in)>",
// "<module 'x' from '/path/x.py'>", "<module 'x'>".
PyObject* module_repr(PyObject* self) {
  Ref<> loader = steal(get_optional(self, "__loader__"));
  if (!loader) return nullptr;
  Ref<> spec = steal(get_optional(self, "__spec__"));
  if (!spec) return nullptr;
  if (spec.get() != Py_None) {
    int truth = PyObject_IsTrue(spec.get());
    if (truth < 0) return nullptr;
    if (truth) return repr_from_spec(spec.get());
  }
  if (loader.get() != Py_None) {
    Ref<> module_repr_meth = steal(get_optional(loader.get(), "module_repr"));
    if (!module_repr_meth) return nullptr;
    if (module_repr_meth.get() != Py_None) {
      PyObject* r = PyObject_CallOneArg(module_repr_meth.get(), self);
      if (r || !PyErr_ExceptionMatches(PyExc_Exception)) return r;
      PyErr_Clear();
    }
  }
  Ref<> name = steal(PyObject_GetAttrString(self, "__name__"));
  if (!name) {
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return nullptr;
    PyErr_Clear();
    name = steal(PyUnicode_FromString("?"));
    if (!name) return nullptr;
  }
  Ref<> filename = steal(PyObject_GetAttrString(self, "__file__"));
  if (!filename) {
    if (!PyErr_ExceptionMatches(PyExc_AttributeError)) return nullptr;
    PyErr_Clear();
    if (loader.get() == Py_None) return PyUnicode_FromFormat("<module %R>", name.get());
    return PyUnicode_FromFormat("<module %R (%R)>", name.get(), loader.get());
  }
  return PyUnicode_FromFormat("<module %R from %R>", name.get(), filename.get());
}

PyObject* module_dir(PyObject* self, PyObject*) {
  Ref<> dict = steal(PyObject_GetAttrString(self, "__dict__"));
  if (!dict) return nullptr;
  if (!PyDict_Check(dict.get())) {
    const char* name = PyModule_GetName(self);
    if (name) PyErr_Format(PyExc_TypeError, "%.200s.__dict__ is not a dictionary", name);
    return nullptr;
  }
  PyObject* dirfunc = PyDict_GetItemString(dict.get(), "__dir__");
  if (dirfunc) return PyObject_CallNoArgs(dirfunc);
  return PyDict_Keys(dict.get());
}

PyObject* get_annotations(PyObject* self, void*) {
  Ref<> dict = steal(PyObject_GetAttrString(self, "__dict__"));
  if (!dict) return nullptr;
  if (!PyDict_Check(dict.get())) {
    PyErr_Format(PyExc_TypeError, "<module>.__dict__ is not a dictionary");
    return nullptr;
  }
  PyObject* ann = PyDict_GetItemString(dict.get(), "__annotations__");
  if (ann) {
    Py_INCREF(ann);
    return ann;
  }
  ann = PyDict_New();
  if (ann && PyDict_SetItemString(dict.get(), "__annotations__", ann) < 0) Py_CLEAR(ann);
  return ann;
}

int set_annotations(PyObject* self, PyObject* value, void*) {
  Ref<> dict = steal(PyObject_GetAttrString(self, "__dict__"));
  if (!dict) return -1;
  if (!PyDict_Check(dict.get())) {
    PyErr_Format(PyExc_TypeError, "<module>.__dict__ is not a dictionary");
    return -1;
  }
  if (value) return PyDict_SetItemString(dict.get(), "__annotations__", value);
  if (!PyDict_GetItemString(dict.get(), "__annotations__")) {
    PyErr_SetString(PyExc_AttributeError, "__annotations__");
    return -1;
  }
  return PyDict_DelItemString(dict.get(), "__annotations__");
}

PyMethodDef module_methods[] = {
    {"__dir__", module_dir, METH_NOARGS, "__dir__() -> list\nspecialized dir() implementation"},
    {nullptr, nullptr, 0, nullptr},
};

PyMemberDef module_members[] = {
    {"__dict__", T_OBJECT, offsetof(ModuleObject, md_dict), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyGetSetDef module_getset[] = {
    {"__annotations__", get_annotations, set_annotations, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

}  // namespace

namespace {
// module.__new__ gives the module its (empty) dict at once, as CPython: an uninitialized module
// still has a __dict__.
PyObject* module_new(PyTypeObject* type, PyObject* args, PyObject* kwds) {
  PyObject* self = PyType_GenericNew(type, args, kwds);
  if (!self) return nullptr;
  auto* m = reinterpret_cast<ModuleObject*>(self);
  if (!m->md_dict) {
    m->md_dict = PyDict_New();
    if (!m->md_dict) {
      Py_DECREF(self);
      return nullptr;
    }
  }
  return self;
}
}  // namespace

PyTypeObject PyModule_Type = {
    .ob_base = KRAIT_IMMORTAL_VAR_HEAD(&PyType_Type, 0),
    .tp_name = "module",
    .tp_basicsize = sizeof(ModuleObject),
    .tp_dealloc = module_dealloc,
    .tp_repr = module_repr,
    .tp_getattro = module_getattro,
    .tp_setattro = PyObject_GenericSetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    .tp_doc = "module(name, doc=None)\n--\n\n"
              "Create a module object.\n\n"
              "The name must be a string; the optional doc argument can have any type.",
    .tp_traverse = module_traverse,
    .tp_clear = module_clear,
    .tp_weaklistoffset = offsetof(ModuleObject, md_weaklist),
    .tp_methods = module_methods,
    .tp_members = module_members,
    .tp_getset = module_getset,
    .tp_dictoffset = offsetof(ModuleObject, md_dict),
    .tp_init = module_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = module_new,
    .tp_free = PyObject_GC_Del,
};

PyTypeObject PyModuleDef_Type = {
    .ob_base = KRAIT_IMMORTAL_VAR_HEAD(&PyType_Type, 0),
    .tp_name = "moduledef",
    .tp_basicsize = sizeof(PyModuleDef),
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

// -- creation -----------------------------------------------------------------------

PyObject* PyModule_NewObject(PyObject* name) {
  ModuleObject* m = PyObject_GC_New(ModuleObject, &PyModule_Type);
  if (!m) return nullptr;
  m->md_def = nullptr;
  m->md_state = nullptr;
  m->md_weaklist = nullptr;
  m->md_name = nullptr;
  m->md_dict = PyDict_New();
  if (!m->md_dict || init_dict(m, m->md_dict, name, nullptr) < 0) {
    Py_DECREF(m);
    return nullptr;
  }
  PyObject_GC_Track(m);
  return reinterpret_cast<PyObject*>(m);
}

PyObject* PyModule_New(const char* name) {
  Ref<> nameobj = steal(PyUnicode_FromString(name));
  if (!nameobj) return nullptr;
  return PyModule_NewObject(nameobj.get());
}

static Py_ssize_t g_next_module_index = 0;

PyObject* PyModuleDef_Init(PyModuleDef* def) {
  if (def->m_base.m_index == 0) {
    Py_SET_TYPE(reinterpret_cast<PyObject*>(def), &PyModuleDef_Type);
    def->m_base.m_index = ++g_next_module_index;
  }
  return reinterpret_cast<PyObject*>(def);
}

namespace krait {

int module_add_functions(PyObject* module, PyObject* name, PyMethodDef* functions) {
  for (PyMethodDef* fdef = functions; fdef->ml_name; fdef++) {
    if ((fdef->ml_flags & METH_CLASS) || (fdef->ml_flags & METH_STATIC)) {
      PyErr_SetString(PyExc_ValueError, "module functions cannot set METH_CLASS or METH_STATIC");
      return -1;
    }
    Ref<> func = steal(PyCMethod_New(fdef, module, name, nullptr));
    if (!func) return -1;
    if (PyObject_SetAttrString(module, fdef->ml_name, func.get()) < 0) return -1;
  }
  return 0;
}

}  // namespace krait

static int check_api_version(const char* name, int apiver) {
  if (apiver != PYTHON_API_VERSION) {
    char message[512];
    PyOS_snprintf(message, sizeof message,
                  "Python C API version mismatch for module %.100s: This Python has API version "
                  "%d, module %.100s has version %d.",
                  name, PYTHON_API_VERSION, name, apiver);
    if (PyErr_WarnEx(PyExc_RuntimeWarning, message, 1)) return 0;
  }
  return 1;
}

PyObject* _PyModule_CreateInitialized(PyModuleDef* def, int apiver) {
  if (!PyModuleDef_Init(def)) return nullptr;
  const char* name = def->m_name;
  if (!check_api_version(name, apiver)) return nullptr;
  if (def->m_slots) {
    PyErr_Format(PyExc_SystemError,
                 "module %s: PyModule_Create is incompatible with m_slots", name);
    return nullptr;
  }
  // A submodule's PyInit_* only knows its last name component.
  if (_Py_PackageContext) {
    const char* p = std::strrchr(_Py_PackageContext, '.');
    if (p && std::strcmp(def->m_name, p + 1) == 0) {
      name = _Py_PackageContext;
      _Py_PackageContext = nullptr;
    }
  }
  Ref<> m = steal(PyModule_New(name));
  if (!m) return nullptr;
  if (def->m_size > 0) {
    void* state = PyMem_Malloc(def->m_size);
    if (!state) return PyErr_NoMemory();
    std::memset(state, 0, def->m_size);
    as_module(m.get())->md_state = state;
  }
  if (def->m_methods) {
    Ref<> nameobj = steal(PyUnicode_FromString(name));
    if (!nameobj || krait::module_add_functions(m.get(), nameobj.get(), def->m_methods) < 0)
      return nullptr;
  }
  if (def->m_doc && PyModule_SetDocString(m.get(), def->m_doc) < 0) return nullptr;
  as_module(m.get())->md_def = def;
  return m.release();
}

PyObject* PyModule_Create2(PyModuleDef* def, int apiver) {
  return _PyModule_CreateInitialized(def, apiver);
}

PyObject* PyModule_FromDefAndSpec2(PyModuleDef* def, PyObject* spec, int apiver) {
  if (!PyModuleDef_Init(def)) return nullptr;
  Ref<> nameobj = steal(PyObject_GetAttrString(spec, "name"));
  if (!nameobj) return nullptr;
  const char* name = PyUnicode_AsUTF8(nameobj.get());
  if (!name) return nullptr;
  if (!check_api_version(name, apiver)) return nullptr;
  if (def->m_size < 0) {
    PyErr_Format(PyExc_SystemError,
                 "module %s: m_size may not be negative for multi-phase initialization", name);
    return nullptr;
  }
  PyObject* (*create)(PyObject*, PyModuleDef*) = nullptr;
  bool has_exec = false;
  for (PyModuleDef_Slot* slot = def->m_slots; slot && slot->slot; slot++) {
    if (slot->slot == Py_mod_create) {
      if (create) {
        PyErr_Format(PyExc_SystemError, "module %s has multiple create slots", name);
        return nullptr;
      }
      create = reinterpret_cast<PyObject* (*)(PyObject*, PyModuleDef*)>(slot->value);
    } else if (slot->slot == Py_mod_exec) {
      has_exec = true;
    } else if (slot->slot < 0 || slot->slot > Py_mod_exec) {
      PyErr_Format(PyExc_SystemError, "module %s uses unknown slot ID %i", name, slot->slot);
      return nullptr;
    }
  }
  Ref<> m;
  if (create) {
    m = steal(create(spec, def));
    if (!m) {
      if (!PyErr_Occurred())
        PyErr_Format(PyExc_SystemError,
                     "creation of module %s failed without setting an exception", name);
      return nullptr;
    }
    if (PyErr_Occurred()) {
      _PyErr_FormatFromCause(PyExc_SystemError, "creation of module %s raised unreported exception",
                             name);
      return nullptr;
    }
  } else {
    m = steal(PyModule_NewObject(nameobj.get()));
    if (!m) return nullptr;
  }
  if (PyModule_Check(m.get())) {
    as_module(m.get())->md_state = nullptr;
    as_module(m.get())->md_def = def;
  } else {
    if (def->m_size > 0 || def->m_traverse || def->m_clear || def->m_free) {
      PyErr_Format(PyExc_SystemError,
                   "module %s is not a module object, but requests module state", name);
      return nullptr;
    }
    if (has_exec) {
      PyErr_Format(PyExc_SystemError,
                   "module %s specifies execution slots, but did not create a ModuleType instance",
                   name);
      return nullptr;
    }
  }
  if (def->m_methods && krait::module_add_functions(m.get(), nameobj.get(), def->m_methods) < 0)
    return nullptr;
  if (def->m_doc && PyModule_SetDocString(m.get(), def->m_doc) < 0) return nullptr;
  return m.release();
}

int PyModule_ExecDef(PyObject* module, PyModuleDef* def) {
  const char* name = PyModule_GetName(module);
  if (!name) return -1;
  if (def->m_size >= 0) {
    ModuleObject* md = as_module(module);
    // Always allocate, even for size 0: a non-NULL state marks the module as
    // executed, so reloading does not run the slots again.
    if (!md->md_state) {
      md->md_state = PyMem_Malloc(def->m_size);
      if (!md->md_state) {
        PyErr_NoMemory();
        return -1;
      }
      std::memset(md->md_state, 0, def->m_size);
    }
  }
  for (PyModuleDef_Slot* slot = def->m_slots; slot && slot->slot; slot++) {
    if (slot->slot != Py_mod_exec) continue;
    int ret = reinterpret_cast<int (*)(PyObject*)>(slot->value)(module);
    if (ret != 0) {
      if (!PyErr_Occurred())
        PyErr_Format(PyExc_SystemError,
                     "execution of module %s failed without setting an exception", name);
      return -1;
    }
    if (PyErr_Occurred()) {
      _PyErr_FormatFromCause(PyExc_SystemError, "execution of module %s raised unreported exception",
                             name);
      return -1;
    }
  }
  return 0;
}

// -- accessors ------------------------------------------------------------------------

PyObject* PyModule_GetDict(PyObject* m) {
  if (!PyModule_Check(m)) {
    PyErr_BadInternalCall();
    return nullptr;
  }
  return as_module(m)->md_dict;
}

PyObject* PyModule_GetNameObject(PyObject* m) {
  if (!PyModule_Check(m)) {
    PyErr_BadArgument();
    return nullptr;
  }
  PyObject* d = as_module(m)->md_dict;
  PyObject* name = d && PyDict_Check(d) ? PyDict_GetItemString(d, "__name__") : nullptr;
  if (!name || !PyUnicode_Check(name)) {
    PyErr_SetString(PyExc_SystemError, "nameless module");
    return nullptr;
  }
  Py_INCREF(name);
  return name;
}

const char* PyModule_GetName(PyObject* m) {
  PyObject* name = PyModule_GetNameObject(m);
  if (!name) return nullptr;
  Py_DECREF(name);  // the module's dict keeps it alive
  return PyUnicode_AsUTF8(name);
}

PyObject* PyModule_GetFilenameObject(PyObject* m) {
  if (!PyModule_Check(m)) {
    PyErr_BadArgument();
    return nullptr;
  }
  PyObject* d = as_module(m)->md_dict;
  PyObject* fileobj = d ? PyDict_GetItemString(d, "__file__") : nullptr;
  if (!fileobj || !PyUnicode_Check(fileobj)) {
    PyErr_SetString(PyExc_SystemError, "module filename missing");
    return nullptr;
  }
  Py_INCREF(fileobj);
  return fileobj;
}

const char* PyModule_GetFilename(PyObject* m) {
  PyObject* f = PyModule_GetFilenameObject(m);
  if (!f) return nullptr;
  const char* s = PyUnicode_AsUTF8(f);
  Py_DECREF(f);
  return s;
}

PyModuleDef* PyModule_GetDef(PyObject* m) {
  if (!PyModule_Check(m)) {
    PyErr_BadArgument();
    return nullptr;
  }
  return as_module(m)->md_def;
}

void* PyModule_GetState(PyObject* m) {
  if (!PyModule_Check(m)) {
    PyErr_BadArgument();
    return nullptr;
  }
  return as_module(m)->md_state;
}

// -- adding things ----------------------------------------------------------------------

int PyModule_AddObjectRef(PyObject* mod, const char* name, PyObject* value) {
  if (!PyModule_Check(mod)) {
    PyErr_SetString(PyExc_TypeError, "PyModule_AddObjectRef() first argument must be a module");
    return -1;
  }
  if (!value) {
    if (!PyErr_Occurred())
      PyErr_SetString(PyExc_SystemError,
                      "PyModule_AddObjectRef() must be called with an exception raised if value "
                      "is NULL");
    return -1;
  }
  PyObject* dict = PyModule_GetDict(mod);
  if (!dict) {
    if (!PyErr_Occurred())
      PyErr_Format(PyExc_SystemError, "module '%s' has no __dict__", PyModule_GetName(mod));
    return -1;
  }
  return PyDict_SetItemString(dict, name, value);
}

// Steals value only on success (CPython's historical contract).
int PyModule_AddObject(PyObject* mod, const char* name, PyObject* value) {
  int res = PyModule_AddObjectRef(mod, name, value);
  if (res == 0) Py_DECREF(value);
  return res;
}

int PyModule_AddIntConstant(PyObject* m, const char* name, long value) {
  Ref<> obj = steal(PyLong_FromLong(value));
  if (!obj) return -1;
  return PyModule_AddObjectRef(m, name, obj.get());
}

int PyModule_AddStringConstant(PyObject* m, const char* name, const char* value) {
  Ref<> obj = steal(PyUnicode_FromString(value));
  if (!obj) return -1;
  return PyModule_AddObjectRef(m, name, obj.get());
}

int PyModule_AddType(PyObject* module, PyTypeObject* type) {
  if (PyType_Ready(type) < 0) return -1;
  const char* name = std::strrchr(type->tp_name, '.');
  name = name ? name + 1 : type->tp_name;
  return PyModule_AddObjectRef(module, name, reinterpret_cast<PyObject*>(type));
}

int PyModule_AddFunctions(PyObject* m, PyMethodDef* functions) {
  Ref<> name = steal(PyModule_GetNameObject(m));
  if (!name) return -1;
  return krait::module_add_functions(m, name.get(), functions);
}

int PyModule_SetDocString(PyObject* m, const char* doc) {
  Ref<> v = steal(PyUnicode_FromString(doc));
  if (!v) return -1;
  return PyObject_SetAttrString(m, "__doc__", v.get());
}
