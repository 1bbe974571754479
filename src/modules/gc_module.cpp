// The `gc` module: the Python interface to the cycle collector
// (src/gc/collector.cpp) with CPython 3.11's functions, signatures, messages
// and constants. gc.garbage and gc.callbacks are the collector's own lists
// (created at start-up by init_gc so that collections before the module is
// imported, and the one at shutdown, can use them).
#include <Python.h>

#include "gc/gc_state.h"
#include "runtime/lifecycle.h"
#include "support/ref.h"

using krait::Ref;
using krait::steal;
using namespace krait::gc;

namespace krait {
namespace {

constexpr int kDebugStats = 1;
constexpr int kDebugCollectable = 2;
constexpr int kDebugUncollectable = 4;
constexpr int kDebugSaveAll = 32;
constexpr int kDebugLeak = kDebugCollectable | kDebugUncollectable | kDebugSaveAll;

PyObject* gc_enable(PyObject*, PyObject*) {
  PyGC_Enable();
  Py_RETURN_NONE;
}

PyObject* gc_disable(PyObject*, PyObject*) {
  PyGC_Disable();
  Py_RETURN_NONE;
}

PyObject* gc_isenabled(PyObject*, PyObject*) { return PyBool_FromLong(PyGC_IsEnabled()); }

PyObject* gc_collect(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"generation", nullptr};
  int generation = kNumGenerations - 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|i:collect", const_cast<char**>(kwlist), &generation)) {
    return nullptr;
  }
  if (generation < 0 || generation >= kNumGenerations) {
    PyErr_SetString(PyExc_ValueError, "invalid generation");
    return nullptr;
  }
  Py_ssize_t n = collect_with_callbacks(generation);
  if (PyErr_Occurred()) return nullptr;
  return PyLong_FromSsize_t(n);
}

PyObject* gc_set_debug(PyObject*, PyObject* arg) {
  int flags = _PyLong_AsInt(arg);
  if (flags == -1 && PyErr_Occurred()) return nullptr;
  g_state.debug = flags;
  Py_RETURN_NONE;
}

PyObject* gc_get_debug(PyObject*, PyObject*) { return PyLong_FromLong(g_state.debug); }

PyObject* gc_set_threshold(PyObject*, PyObject* args) {
  int t[kNumGenerations] = {g_state.generations[0].threshold, g_state.generations[1].threshold,
                            g_state.generations[2].threshold};
  if (!PyArg_ParseTuple(args, "i|ii:set_threshold", &t[0], &t[1], &t[2])) return nullptr;
  for (int i = 0; i < kNumGenerations; i++) g_state.generations[i].threshold = t[i];
  Py_RETURN_NONE;
}

PyObject* gc_get_threshold(PyObject*, PyObject*) {
  return Py_BuildValue("(iii)", g_state.generations[0].threshold, g_state.generations[1].threshold,
                       g_state.generations[2].threshold);
}

PyObject* gc_get_count(PyObject*, PyObject*) {
  return Py_BuildValue("(iii)", g_state.generations[0].count, g_state.generations[1].count,
                       g_state.generations[2].count);
}

// Appends the objects of one generation list, except `result` itself.
int append_objects(PyObject* result, Header* head) {
  for (Header* h = head->next; h != head; h = h->next) {
    PyObject* op = object_of(h);
    if (op == result) continue;
    if (PyList_Append(result, op) < 0) return -1;
  }
  return 0;
}

PyObject* gc_get_objects(PyObject*, PyObject* args, PyObject* kwargs) {
  static const char* kwlist[] = {"generation", nullptr};
  PyObject* gen_arg = Py_None;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|O:get_objects", const_cast<char**>(kwlist), &gen_arg)) {
    return nullptr;
  }
  Py_ssize_t generation = -1;
  if (gen_arg != Py_None) {
    if (!PyLong_Check(gen_arg)) {
      PyErr_Format(PyExc_TypeError, "argument should be integer or None, not '%.200s'",
                   Py_TYPE(gen_arg)->tp_name);
      return nullptr;
    }
    generation = PyLong_AsSsize_t(gen_arg);
    if (generation == -1 && PyErr_Occurred()) return nullptr;
  }
  if (generation >= kNumGenerations) {
    PyErr_Format(PyExc_ValueError,
                 "generation parameter must be less than the number of available generations (%i)",
                 kNumGenerations);
    return nullptr;
  }
  if (generation < -1) {
    PyErr_SetString(PyExc_ValueError, "generation parameter cannot be negative");
    return nullptr;
  }
  Ref<> result = steal(PyList_New(0));
  if (!result) return nullptr;
  if (generation == -1) {
    for (auto& gen : g_state.generations) {
      if (append_objects(result.get(), &gen.head) < 0) return nullptr;
    }
  } else if (append_objects(result.get(), &g_state.generations[generation].head) < 0) {
    return nullptr;
  }
  return result.release();
}

PyObject* gc_get_stats(PyObject*, PyObject*) {
  // Copy first: building the dicts allocates and may collect.
  GenerationStats stats[kNumGenerations];
  for (int i = 0; i < kNumGenerations; i++) stats[i] = g_state.stats[i];
  Ref<> result = steal(PyList_New(0));
  if (!result) return nullptr;
  for (auto& st : stats) {
    Ref<> d = steal(Py_BuildValue("{snsnsn}", "collections", st.collections, "collected", st.collected,
                                  "uncollectable", st.uncollectable));
    if (!d || PyList_Append(result.get(), d.get()) < 0) return nullptr;
  }
  return result.release();
}

int referrers_visit(PyObject* obj, void* arg) {
  PyObject* objs = static_cast<PyObject*>(arg);
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(objs); i++) {
    if (PyTuple_GET_ITEM(objs, i) == obj) return 1;
  }
  return 0;
}

PyObject* gc_get_referrers(PyObject*, PyObject* args) {
  Ref<> result = steal(PyList_New(0));
  if (!result) return nullptr;
  for (auto& gen : g_state.generations) {
    for (Header* h = gen.head.next; h != &gen.head; h = h->next) {
      PyObject* op = object_of(h);
      if (op == args || op == result.get()) continue;
      traverseproc traverse = Py_TYPE(op)->tp_traverse;
      if (traverse && traverse(op, referrers_visit, args)) {
        if (PyList_Append(result.get(), op) < 0) return nullptr;
      }
    }
  }
  return result.release();
}

int referents_visit(PyObject* obj, void* arg) { return PyList_Append(static_cast<PyObject*>(arg), obj); }

PyObject* gc_get_referents(PyObject*, PyObject* args) {
  Ref<> result = steal(PyList_New(0));
  if (!result) return nullptr;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(args); i++) {
    PyObject* obj = PyTuple_GET_ITEM(args, i);
    if (!PyObject_IS_GC(obj)) continue;
    traverseproc traverse = Py_TYPE(obj)->tp_traverse;
    if (!traverse) continue;
    if (traverse(obj, referents_visit, result.get())) return nullptr;
  }
  return result.release();
}

PyObject* gc_is_tracked(PyObject*, PyObject* obj) { return PyBool_FromLong(PyObject_GC_IsTracked(obj)); }

PyObject* gc_is_finalized(PyObject*, PyObject* obj) { return PyBool_FromLong(PyObject_GC_IsFinalized(obj)); }

PyObject* gc_freeze(PyObject*, PyObject*) {
  for (auto& gen : g_state.generations) list_merge(&gen.head, &g_state.permanent);
  g_state.generations[0].count = 0;
  Py_RETURN_NONE;
}

PyObject* gc_unfreeze(PyObject*, PyObject*) {
  list_merge(&g_state.permanent, &g_state.generations[kNumGenerations - 1].head);
  Py_RETURN_NONE;
}

PyObject* gc_get_freeze_count(PyObject*, PyObject*) {
  return PyLong_FromSsize_t(list_size(&g_state.permanent));
}

#define NOARGS(name, fn, doc) {name, reinterpret_cast<PyCFunction>(fn), METH_NOARGS, PyDoc_STR(doc)}

PyMethodDef gc_methods[] = {
    NOARGS("enable", gc_enable, "enable($module, /)\n--\n\nEnable automatic garbage collection."),
    NOARGS("disable", gc_disable, "disable($module, /)\n--\n\nDisable automatic garbage collection."),
    NOARGS("isenabled", gc_isenabled, "isenabled($module, /)\n--\n\nReturns true if automatic garbage collection is enabled."),
    {"collect", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(gc_collect)),
     METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("collect($module, /, generation=2)\n--\n\nRun the garbage collector.\n\n"
               "With no arguments, run a full collection.  The optional argument\n"
               "may be an integer specifying which generation to collect.  A ValueError\n"
               "is raised if the generation number is invalid.\n\n"
               "The number of unreachable objects is returned.")},
    {"set_debug", gc_set_debug, METH_O,
     PyDoc_STR("set_debug($module, flags, /)\n--\n\nSet the garbage collection debugging flags.")},
    NOARGS("get_debug", gc_get_debug, "get_debug($module, /)\n--\n\nGet the garbage collection debugging flags."),
    {"set_threshold", gc_set_threshold, METH_VARARGS,
     PyDoc_STR("set_threshold(threshold0, [threshold1, threshold2]) -> None\n\n"
               "Sets the collection thresholds.  Setting threshold0 to zero disables\ncollection.\n")},
    NOARGS("get_threshold", gc_get_threshold, "get_threshold($module, /)\n--\n\nReturn the current collection thresholds."),
    NOARGS("get_count", gc_get_count, "get_count($module, /)\n--\n\nReturn a three-tuple of the current collection counts."),
    {"get_objects", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(gc_get_objects)),
     METH_VARARGS | METH_KEYWORDS,
     PyDoc_STR("get_objects($module, /, generation=None)\n--\n\n"
               "Return a list of objects tracked by the collector (excluding the list returned).")},
    NOARGS("get_stats", gc_get_stats, "get_stats($module, /)\n--\n\nReturn a list of dictionaries containing per-generation statistics."),
    {"get_referrers", gc_get_referrers, METH_VARARGS,
     PyDoc_STR("get_referrers(*objs) -> list\nReturn the list of objects that directly refer to any of objs.")},
    {"get_referents", gc_get_referents, METH_VARARGS,
     PyDoc_STR("get_referents(*objs) -> list\nReturn the list of objects that are directly referred to by objs.")},
    {"is_tracked", gc_is_tracked, METH_O,
     PyDoc_STR("is_tracked($module, obj, /)\n--\n\nReturns true if the object is tracked by the garbage collector.")},
    {"is_finalized", gc_is_finalized, METH_O,
     PyDoc_STR("is_finalized($module, obj, /)\n--\n\nReturns true if the object has been already finalized by the GC.")},
    NOARGS("freeze", gc_freeze, "freeze($module, /)\n--\n\nFreeze all current tracked objects and ignore them for future collections."),
    NOARGS("unfreeze", gc_unfreeze, "unfreeze($module, /)\n--\n\nUnfreeze all objects in the permanent generation."),
    NOARGS("get_freeze_count", gc_get_freeze_count, "get_freeze_count($module, /)\n--\n\nReturn the number of objects in the permanent generation."),
    {nullptr, nullptr, 0, nullptr},
};

#undef NOARGS

PyModuleDef gc_module = {
    PyModuleDef_HEAD_INIT,
    "gc",
    "This module provides access to the garbage collector for reference cycles.\n",
    -1,
    gc_methods,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

}  // namespace

// Start-up: the collector's lists, then collections may run.
int init_gc() {
  if (g_state.garbage == nullptr && (g_state.garbage = PyList_New(0)) == nullptr) return -1;
  if (g_state.callbacks == nullptr && (g_state.callbacks = PyList_New(0)) == nullptr) return -1;
  g_state.ready = true;
  return 0;
}

// Shutdown: one last full collection (finalizers and weakref callbacks of
// cyclic garbage run, as in CPython), then no more collections.
int fini_gc() {
  if (!g_state.ready) return 0;
  collect_no_fail();
  g_state.ready = false;
  return 0;
}

}  // namespace krait

extern "C" PyObject* PyInit_gc(void) {
  using namespace krait;
  Ref<> m = steal(PyModule_Create(&gc_module));
  if (!m) return nullptr;
  if (init_gc() < 0) return nullptr;
  if (PyModule_AddObjectRef(m.get(), "garbage", g_state.garbage) < 0) return nullptr;
  if (PyModule_AddObjectRef(m.get(), "callbacks", g_state.callbacks) < 0) return nullptr;
  static const struct {
    const char* name;
    int value;
  } kConstants[] = {
      {"DEBUG_STATS", kDebugStats},          {"DEBUG_COLLECTABLE", kDebugCollectable},
      {"DEBUG_UNCOLLECTABLE", kDebugUncollectable}, {"DEBUG_SAVEALL", kDebugSaveAll},
      {"DEBUG_LEAK", kDebugLeak},
  };
  for (auto& c : kConstants) {
    if (PyModule_AddIntConstant(m.get(), c.name, c.value) < 0) return nullptr;
  }
  return m.release();
}
