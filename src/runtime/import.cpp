// The import core (CPython's Python/import.c family): sys.modules, the table
// of builtin modules (PyImport_Inittab, from modules/builtin_modules.def),
// relative-name resolution, and PyImport_ImportModuleLevelObject.
//
// Finding modules on sys.path is importlib's job (DESIGN.md §7): once
// importlib is bootstrapped it registers its _find_and_load through
// krait::set_import_finder and everything below calls it. Until then only
// modules already in sys.modules and builtin modules can be imported, and
// anything else raises CPython's ModuleNotFoundError.
#include <Python.h>

#include <cstring>
#include <string>
#include <vector>

#include "objects/object_util.h"
#include "runtime/identifiers.h"
#include "runtime/import.h"
#include "runtime/interp_state.h"

using krait::Ref;

// types.SimpleNamespace's constructor (objects/namespace_object.cpp); CPython
// declares it only in an internal header.
extern "C" PyObject* _PyNamespace_New(PyObject* kwds);

#define KRAIT_BUILTIN_MODULE(name, init) extern "C" PyObject* init(void);
#include "modules/builtin_modules.def"
#undef KRAIT_BUILTIN_MODULE

namespace krait {
namespace {

std::vector<_inittab>& inittab_storage() {
  static std::vector<_inittab> tab = [] {
    std::vector<_inittab> t = {
#define KRAIT_BUILTIN_MODULE(name, init) {name, init},
#include "modules/builtin_modules.def"
#undef KRAIT_BUILTIN_MODULE
    };
    t.push_back({nullptr, nullptr});
    return t;
  }();
  return tab;
}

PyObject* (*g_find_and_load)(PyObject* abs_name) = nullptr;
PyObject* g_importlib = nullptr;  // _frozen_importlib, once bootstrapped

PyObject* modules_dict() { return main_interp()->modules; }

// CPython's resolve_name: `from ..x import y` inside package a.b.c -> a.b.x.
PyObject* resolve_name(PyObject* name, PyObject* globals, int level) {
  if (globals == nullptr) {
    PyErr_SetString(PyExc_KeyError, "'__name__' not in globals");
    return nullptr;
  }
  if (!PyDict_Check(globals)) {
    PyErr_SetString(PyExc_TypeError, "globals must be a dict");
    return nullptr;
  }
  Ref<> package = borrow(PyDict_GetItemWithError(globals, id::package));
  if (package.get() == Py_None) package = nullptr;
  if (!package && PyErr_Occurred()) return nullptr;
  Ref<> spec = borrow(PyDict_GetItemWithError(globals, id::spec));
  if (!spec && PyErr_Occurred()) return nullptr;
  if (package) {
    if (!PyUnicode_Check(package.get())) {
      PyErr_SetString(PyExc_TypeError, "package must be a string");
      return nullptr;
    }
  } else if (spec && spec.get() != Py_None) {
    package = steal(PyObject_GetAttrString(spec.get(), "parent"));
    if (!package) return nullptr;
    if (!PyUnicode_Check(package.get())) {
      PyErr_SetString(PyExc_TypeError, "__spec__.parent must be a string");
      return nullptr;
    }
  } else {
    if (PyErr_WarnEx(PyExc_ImportWarning,
                     "can't resolve package from __spec__ or __package__, falling back on "
                     "__name__ and __path__", 1) < 0)
      return nullptr;
    PyObject* modname = PyDict_GetItemWithError(globals, id::name);
    if (modname == nullptr) {
      if (!PyErr_Occurred()) PyErr_SetString(PyExc_KeyError, "'__name__' not in globals");
      return nullptr;
    }
    if (!PyUnicode_Check(modname)) {
      PyErr_SetString(PyExc_TypeError, "__name__ must be a string");
      return nullptr;
    }
    int haspath = PyDict_Contains(globals, PyUnicode_InternFromString("__path__"));
    if (haspath < 0) return nullptr;
    if (haspath) {
      package = borrow(modname);
    } else {
      Py_ssize_t dot = PyUnicode_FindChar(modname, '.', 0, PyUnicode_GET_LENGTH(modname), -1);
      if (dot == -2) return nullptr;
      if (dot == -1) {
        PyErr_SetString(PyExc_ImportError, "attempted relative import with no known parent package");
        return nullptr;
      }
      package = steal(PyUnicode_Substring(modname, 0, dot));
      if (!package) return nullptr;
    }
  }
  Py_ssize_t last_dot = PyUnicode_GET_LENGTH(package.get());
  if (last_dot == 0) {
    PyErr_SetString(PyExc_ImportError, "attempted relative import with no known parent package");
    return nullptr;
  }
  for (int level_up = 1; level_up < level; level_up++) {
    last_dot = PyUnicode_FindChar(package.get(), '.', 0, last_dot, -1);
    if (last_dot == -2) return nullptr;
    if (last_dot == -1) {
      PyErr_SetString(PyExc_ImportError, "attempted relative import beyond top-level package");
      return nullptr;
    }
  }
  Ref<> base = steal(PyUnicode_Substring(package.get(), 0, last_dot));
  if (!base || PyUnicode_GET_LENGTH(name) == 0) return base.release();
  return PyUnicode_FromFormat("%U.%U", base.get(), name);
}

PyObject* find_and_load(PyObject* abs_name) {
  if (g_find_and_load) return g_find_and_load(abs_name);
  // Before importlib: a dotted name needs its parent first.
  Py_ssize_t dot = PyUnicode_FindChar(abs_name, '.', 0, PyUnicode_GET_LENGTH(abs_name), -1);
  if (dot == -2) return nullptr;
  if (dot >= 0) {
    Ref<> parent_name = steal(PyUnicode_Substring(abs_name, 0, dot));
    if (!parent_name) return nullptr;
    Ref<> parent = steal(import_absolute(parent_name.get()));
    if (!parent) return nullptr;
    PyErr_Format(PyExc_ModuleNotFoundError, "No module named %R; %R is not a package", abs_name,
                 parent_name.get());
    return nullptr;
  }
  PyObject* mod = create_builtin_module(abs_name, nullptr, true);
  if (mod) {
    if (PyDict_SetItem(modules_dict(), abs_name, mod) < 0) {
      Py_DECREF(mod);
      return nullptr;
    }
    return mod;
  }
  if (PyErr_Occurred()) return nullptr;
  Ref<> msg = steal(PyUnicode_FromFormat("No module named %R", abs_name));
  if (!msg) return nullptr;
  PyErr_SetImportErrorSubclass(PyExc_ModuleNotFoundError, msg.get(), abs_name, nullptr);
  return nullptr;
}

// CPython's remove_importlib_frames: tracebacks of failed imports do not
// show importlib's own frames. All of them go for an ImportError; for other
// exceptions only runs of importlib frames that end in
// _call_with_frames_removed (the module's own code raised).
void remove_importlib_frames() {
  PyObject *type, *value, *tb;
  PyErr_Fetch(&type, &value, &tb);
  if (!type || !tb) {
    PyErr_Restore(type, value, tb);
    return;
  }
  bool always_trim = PyErr_GivenExceptionMatches(type, PyExc_ImportError);
  PyObject** prev_link = &tb;
  PyObject** outer_link = nullptr;
  bool in_importlib = false;
  PyObject* cur = tb;
  while (cur) {
    auto* t = reinterpret_cast<PyTracebackObject*>(cur);
    PyObject* next = reinterpret_cast<PyObject*>(t->tb_next);
    PyCodeObject* code = PyFrame_GetCode(t->tb_frame);
    bool now_in = false, frames_removed = false;
    if (code) {
      now_in = PyUnicode_CompareWithASCIIString(code->co_filename, "<frozen importlib._bootstrap>") == 0 ||
               PyUnicode_CompareWithASCIIString(code->co_filename,
                                                "<frozen importlib._bootstrap_external>") == 0;
      frames_removed = PyUnicode_CompareWithASCIIString(code->co_name, "_call_with_frames_removed") == 0;
      Py_DECREF(code);
    }
    if (now_in && !in_importlib) outer_link = prev_link;
    in_importlib = now_in;
    if (in_importlib && (always_trim || frames_removed)) {
      Py_XINCREF(next);
      Py_XSETREF(*outer_link, next);
      prev_link = outer_link;
    } else {
      prev_link = reinterpret_cast<PyObject**>(&t->tb_next);
    }
    cur = next;
  }
  if (value && PyExceptionInstance_Check(value)) PyException_SetTraceback(value, tb ? tb : Py_None);
  PyErr_Restore(type, value, tb);
}

}  // namespace

PyObject* create_builtin_module(PyObject* name, PyObject* spec, bool exec_multiphase) {
  const char* cname = PyUnicode_AsUTF8(name);
  if (!cname) return nullptr;
  for (_inittab* p = PyImport_Inittab; p->name != nullptr; p++) {
    if (strcmp(p->name, cname) != 0) continue;
    Ref<> mod = steal(p->initfunc());
    if (!mod) {
      if (!PyErr_Occurred())
        PyErr_Format(PyExc_SystemError, "initialization of %s failed without raising an exception",
                     cname);
      return nullptr;
    }
    if (PyObject_TypeCheck(mod.get(), &PyModuleDef_Type)) {
      // Multi-phase (PEP 489): create from the spec; importlib runs the exec
      // slots separately through _imp.exec_builtin. The PyModuleDef that
      // PyInit returned is a borrowed pointer to static data, as in CPython.
      auto* def = reinterpret_cast<PyModuleDef*>(mod.release());
      Ref<> own_spec;
      if (!spec) {
        own_spec = steal(make_builtin_spec(name));
        if (!own_spec) return nullptr;
        spec = own_spec.get();
      }
      Ref<> m = steal(PyModule_FromDefAndSpec2(def, spec, PYTHON_API_VERSION));
      if (!m) return nullptr;
      if (exec_multiphase && PyModule_Check(m.get()) && PyModule_ExecDef(m.get(), def) < 0)
        return nullptr;
      return m.release();
    }
    // Single-phase: like CPython's extension fix-up, sys.modules holds it.
    if (PyDict_SetItem(modules_dict(), name, mod.get()) < 0) return nullptr;
    return mod.release();
  }
  return nullptr;
}

PyObject* make_builtin_spec(PyObject* name) {
  Ref<> kwds = steal(Py_BuildValue("{sOss}", "name", name, "origin", "built-in"));
  if (!kwds) return nullptr;
  return _PyNamespace_New(kwds.get());
}

void set_import_finder(PyObject* (*find_and_load_fn)(PyObject*)) { g_find_and_load = find_and_load_fn; }

void set_importlib(PyObject* bootstrap) {
  Py_XINCREF(bootstrap);
  Py_XSETREF(g_importlib, bootstrap);
}

PyObject* importlib_module() { return g_importlib; }

PyObject* import_absolute(PyObject* abs_name) {
  PyObject* mod = PyDict_GetItemWithError(modules_dict(), abs_name);
  if (mod == Py_None) {
    Ref<> msg = steal(PyUnicode_FromFormat("import of %U halted; None in sys.modules", abs_name));
    if (msg) PyErr_SetImportErrorSubclass(PyExc_ModuleNotFoundError, msg.get(), abs_name, nullptr);
    return nullptr;
  }
  if (mod) {
    Py_INCREF(mod);
    return mod;
  }
  if (PyErr_Occurred()) return nullptr;
  return find_and_load(abs_name);
}

}  // namespace krait

using namespace krait;

extern "C" {

struct _inittab* PyImport_Inittab = nullptr;

// Runs before main(): the table must exist before Py_Initialize.
__attribute__((constructor)) static void init_inittab() {
  PyImport_Inittab = inittab_storage().data();
}

int PyImport_ExtendInittab(struct _inittab* newtab) {
  if (Py_IsInitialized()) return -1;
  auto& tab = inittab_storage();
  tab.pop_back();
  for (; newtab->name; newtab++) tab.push_back(*newtab);
  tab.push_back({nullptr, nullptr});
  PyImport_Inittab = tab.data();
  return 0;
}

int PyImport_AppendInittab(const char* name, PyObject* (*initfunc)(void)) {
  struct _inittab entry[2] = {{name, initfunc}, {nullptr, nullptr}};
  return PyImport_ExtendInittab(entry);
}

PyObject* PyImport_GetModuleDict(void) { return main_interp()->modules; }

PyObject* PyImport_GetModule(PyObject* name) {
  PyObject* m = PyDict_GetItemWithError(main_interp()->modules, name);
  if (m == Py_None) return nullptr;
  Py_XINCREF(m);
  return m;
}

int _PyImport_SetModule(PyObject* name, PyObject* module) {
  return PyDict_SetItem(main_interp()->modules, name, module);
}

int _PyImport_SetModuleString(const char* name, PyObject* module) {
  return PyDict_SetItemString(main_interp()->modules, name, module);
}

PyObject* PyImport_AddModuleObject(PyObject* name) {
  PyObject* modules = main_interp()->modules;
  PyObject* m = PyDict_GetItemWithError(modules, name);
  if (m && PyModule_Check(m)) return m;
  if (PyErr_Occurred()) return nullptr;
  Ref<> nm = steal(PyModule_NewObject(name));
  if (!nm || PyDict_SetItem(modules, name, nm.get()) < 0) return nullptr;
  return nm.get();  // borrowed: sys.modules holds it
}

PyObject* PyImport_AddModule(const char* name) {
  Ref<> n = steal(PyUnicode_FromString(name));
  if (!n) return nullptr;
  return PyImport_AddModuleObject(n.get());
}

PyObject* PyImport_ImportModuleLevelObject(PyObject* name, PyObject* globals, PyObject* locals,
                                           PyObject* fromlist, int level) {
  if (name == nullptr) {
    PyErr_SetString(PyExc_ValueError, "Empty module name");
    return nullptr;
  }
  if (!PyUnicode_Check(name)) {
    PyErr_SetString(PyExc_TypeError, "module name must be a string");
    return nullptr;
  }
  if (level < 0) {
    PyErr_SetString(PyExc_ValueError, "level must be >= 0");
    return nullptr;
  }
  Ref<> abs_name;
  if (level > 0) {
    abs_name = steal(resolve_name(name, globals, level));
  } else {
    if (PyUnicode_GET_LENGTH(name) == 0) {
      PyErr_SetString(PyExc_ValueError, "Empty module name");
      return nullptr;
    }
    abs_name = borrow(name);
  }
  if (!abs_name) return nullptr;
  Ref<> mod = steal(import_absolute(abs_name.get()));
  if (!mod) {
    if (g_importlib) remove_importlib_frames();
    return nullptr;
  }
  bool has_from = fromlist != nullptr && fromlist != Py_None && PyObject_IsTrue(fromlist) == 1;
  if (!has_from) {
    // `import a.b.c` binds `a`: return the top-level package.
    if (level == 0 || PyUnicode_GET_LENGTH(name) > 0) {
      Py_ssize_t dot = PyUnicode_FindChar(name, '.', 0, PyUnicode_GET_LENGTH(name), 1);
      if (dot == -2) return nullptr;
      if (dot == -1) return mod.release();
      if (level == 0) {
        Ref<> front = steal(PyUnicode_Substring(name, 0, dot));
        if (!front) return nullptr;
        return import_absolute(front.get());
      }
      Py_ssize_t cut = PyUnicode_GET_LENGTH(name) - dot;
      Py_ssize_t abs_len = PyUnicode_GET_LENGTH(abs_name.get());
      Ref<> to_return = steal(PyUnicode_Substring(abs_name.get(), 0, abs_len - cut));
      if (!to_return) return nullptr;
      PyObject* m = PyDict_GetItemWithError(main_interp()->modules, to_return.get());
      if (m == nullptr) {
        if (!PyErr_Occurred())
          PyErr_Format(PyExc_KeyError, "%R not in sys.modules as expected", to_return.get());
        return nullptr;
      }
      Py_INCREF(m);
      return m;
    }
    return mod.release();
  }
  // `from pkg import sub`: importlib imports submodules named in fromlist.
  PyObject* path;
  if (_PyObject_LookupAttr(mod.get(), PyUnicode_InternFromString("__path__"), &path) < 0)
    return nullptr;
  if (path) {
    Py_DECREF(path);
    if (g_importlib) {
      PyObject* import_fn = PyDict_GetItemString(main_interp()->builtins, "__import__");
      return PyObject_CallMethod(g_importlib, "_handle_fromlist", "OOO", mod.get(), fromlist,
                                 import_fn ? import_fn : Py_None);
    }
  }
  return mod.release();
}

PyObject* PyImport_ImportModuleLevel(const char* name, PyObject* globals, PyObject* locals,
                                     PyObject* fromlist, int level) {
  Ref<> n = steal(PyUnicode_FromString(name));
  if (!n) return nullptr;
  return PyImport_ImportModuleLevelObject(n.get(), globals, locals, fromlist, level);
}

// PyImport_Import honours an overridden builtins.__import__.
PyObject* PyImport_Import(PyObject* module_name) {
  PyObject* builtins = main_interp()->builtins;
  PyObject* import_fn = builtins ? PyDict_GetItemString(builtins, "__import__") : nullptr;
  Ref<> from_list = steal(Py_BuildValue("[s]", "__doc__"));
  if (!from_list) return nullptr;
  Ref<> r;
  if (import_fn) {
    r = steal(PyObject_CallFunction(import_fn, "OOOOi", module_name, Py_None, Py_None,
                                    from_list.get(), 0));
  } else {
    r = steal(PyImport_ImportModuleLevelObject(module_name, nullptr, nullptr, from_list.get(), 0));
  }
  if (!r) return nullptr;
  return PyImport_GetModule(module_name) ?: (PyErr_Occurred() ? nullptr : r.release());
}

PyObject* PyImport_ImportModule(const char* name) {
  Ref<> n = steal(PyUnicode_FromString(name));
  if (!n) return nullptr;
  return PyImport_Import(n.get());
}

PyObject* PyImport_ImportModuleNoBlock(const char* name) { return PyImport_ImportModule(name); }

PyObject* _PyImport_GetModuleAttr(PyObject* modname, PyObject* attrname) {
  Ref<> mod = steal(PyImport_Import(modname));
  if (!mod) return nullptr;
  return PyObject_GetAttr(mod.get(), attrname);
}

PyObject* _PyImport_GetModuleAttrString(const char* modname, const char* attrname) {
  Ref<> mod = steal(PyImport_ImportModule(modname));
  if (!mod) return nullptr;
  return PyObject_GetAttrString(mod.get(), attrname);
}

long PyImport_GetMagicNumber(void) {
  // CPython 3.11's bytecode magic (3495, then "\r\n"), for code that checks it;
  // Krait's own caches use a different file name (krait-311) and format.
  return 3495L | (static_cast<long>('\r') << 16) | (static_cast<long>('\n') << 24);
}

const char* PyImport_GetMagicTag(void) { return "krait-311"; }

void _PyImport_AcquireLock(void) {}
int _PyImport_ReleaseLock(void) { return 1; }

}  // extern "C"
