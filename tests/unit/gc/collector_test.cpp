// The cycle collector through the C API, with small extension-style types:
// cycles are freed, tp_finalize runs once, legacy tp_del objects land in
// gc.garbage, weakref-free bookkeeping of counts, PyGC_Enable/Disable.
#include <Python.h>
#include <gtest/gtest.h>

namespace {

int g_deallocs = 0;
int g_finalizes = 0;

struct Box {
  PyObject_HEAD
  PyObject* item;
  PyObject* weakrefs;  // used by WeakBoxType only
};

void box_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  if (Py_TYPE(self)->tp_weaklistoffset && reinterpret_cast<Box*>(self)->weakrefs) PyObject_ClearWeakRefs(self);
  Py_CLEAR(reinterpret_cast<Box*>(self)->item);
  g_deallocs++;
  PyObject_GC_Del(self);
}

int box_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<Box*>(self)->item);
  return 0;
}

int box_clear(PyObject* self) {
  Py_CLEAR(reinterpret_cast<Box*>(self)->item);
  return 0;
}

void box_finalize(PyObject*) { g_finalizes++; }

void box_del(PyObject*) {}

PyTypeObject BoxType = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "gctest.Box",
    .tp_basicsize = sizeof(Box),
    .tp_dealloc = box_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = box_traverse,
    .tp_clear = box_clear,
};

PyTypeObject FinalBoxType = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "gctest.FinalBox",
    .tp_basicsize = sizeof(Box),
    .tp_dealloc = box_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = box_traverse,
    .tp_clear = box_clear,
    .tp_finalize = box_finalize,
};

PyTypeObject LegacyBoxType = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "gctest.LegacyBox",
    .tp_basicsize = sizeof(Box),
    .tp_dealloc = box_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = box_traverse,
    .tp_clear = box_clear,
    .tp_del = box_del,
};

PyTypeObject WeakBoxType = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "gctest.WeakBox",
    .tp_basicsize = sizeof(Box),
    .tp_dealloc = box_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = box_traverse,
    .tp_clear = box_clear,
    .tp_weaklistoffset = offsetof(Box, weakrefs),
};

Box* new_box(PyTypeObject* type) {
  static bool ready = false;
  if (!ready) {
    EXPECT_EQ(PyType_Ready(&WeakBoxType), 0);
    EXPECT_EQ(PyType_Ready(&BoxType), 0);
    EXPECT_EQ(PyType_Ready(&FinalBoxType), 0);
    EXPECT_EQ(PyType_Ready(&LegacyBoxType), 0);
    ready = true;
  }
  Box* b = PyObject_GC_New(Box, type);
  b->item = nullptr;
  b->weakrefs = nullptr;
  PyObject_GC_Track(b);
  return b;
}

// Two boxes referring to each other, both references dropped.
void make_pair(PyTypeObject* type) {
  Box* a = new_box(type);
  Box* b = new_box(type);
  a->item = Py_NewRef(reinterpret_cast<PyObject*>(b));
  b->item = Py_NewRef(reinterpret_cast<PyObject*>(a));
  Py_DECREF(a);
  Py_DECREF(b);
}

class Collector : public ::testing::Test {
 protected:
  void SetUp() override {
    was_enabled_ = PyGC_Disable();
    PyGC_Enable();  // PyGC_Collect does nothing while disabled
    PyGC_Collect();
    PyGC_Disable();
    g_deallocs = g_finalizes = 0;
  }
  void TearDown() override {
    if (was_enabled_) PyGC_Enable();
  }
  static Py_ssize_t collect() {
    PyGC_Enable();
    Py_ssize_t n = PyGC_Collect();
    PyGC_Disable();
    return n;
  }
  int was_enabled_ = 0;
};

TEST_F(Collector, EnableDisable) {
  EXPECT_EQ(PyGC_IsEnabled(), 0);
  EXPECT_EQ(PyGC_Enable(), 0);
  EXPECT_EQ(PyGC_IsEnabled(), 1);
  EXPECT_EQ(PyGC_Enable(), 1);
  EXPECT_EQ(PyGC_Disable(), 1);
  EXPECT_EQ(PyGC_Collect(), 0);  // disabled: no collection
}

TEST_F(Collector, FreesCycle) {
  make_pair(&BoxType);
  EXPECT_EQ(g_deallocs, 0);
  EXPECT_EQ(collect(), 2);
  EXPECT_EQ(g_deallocs, 2);
  EXPECT_EQ(collect(), 0);
}

TEST_F(Collector, KeepsExternallyReferencedCycle) {
  Box* a = new_box(&BoxType);
  Box* b = new_box(&BoxType);
  a->item = Py_NewRef(reinterpret_cast<PyObject*>(b));
  b->item = Py_NewRef(reinterpret_cast<PyObject*>(a));
  Py_DECREF(b);
  EXPECT_EQ(collect(), 0);
  EXPECT_EQ(g_deallocs, 0);
  EXPECT_TRUE(PyObject_GC_IsTracked(reinterpret_cast<PyObject*>(b)));
  Py_DECREF(a);
  EXPECT_EQ(collect(), 2);
  EXPECT_EQ(g_deallocs, 2);
}

TEST_F(Collector, FinalizerRunsOnce) {
  make_pair(&FinalBoxType);
  EXPECT_EQ(collect(), 2);
  EXPECT_EQ(g_finalizes, 2);
  EXPECT_EQ(g_deallocs, 2);
}

TEST_F(Collector, LegacyFinalizerGoesToGarbage) {
  PyObject* gc = PyImport_ImportModule("gc");
  ASSERT_NE(gc, nullptr);
  PyObject* garbage = PyObject_GetAttrString(gc, "garbage");
  ASSERT_NE(garbage, nullptr);
  Py_ssize_t before = PyList_GET_SIZE(garbage);
  make_pair(&LegacyBoxType);
  EXPECT_EQ(collect(), 2);  // found unreachable, but uncollectable
  EXPECT_EQ(g_deallocs, 0);
  EXPECT_EQ(PyList_GET_SIZE(garbage), before + 2);
  // Break the cycle by hand and let the objects go.
  for (Py_ssize_t i = before; i < PyList_GET_SIZE(garbage); i++) {
    Py_CLEAR(reinterpret_cast<Box*>(PyList_GET_ITEM(garbage, i))->item);
  }
  EXPECT_EQ(PyList_SetSlice(garbage, before, PyList_GET_SIZE(garbage), nullptr), 0);
  EXPECT_EQ(g_deallocs, 2);
  Py_DECREF(garbage);
  Py_DECREF(gc);
}

TEST_F(Collector, UntrackedObjectsAreIgnored) {
  Box* a = new_box(&BoxType);
  a->item = Py_NewRef(reinterpret_cast<PyObject*>(a));
  PyObject_GC_UnTrack(a);
  Py_DECREF(a);
  EXPECT_EQ(collect(), 0);
  EXPECT_EQ(g_deallocs, 0);
  // Clean up by hand.
  Py_CLEAR(a->item);
  EXPECT_EQ(g_deallocs, 1);
}

TEST_F(Collector, CycleThroughBuiltinContainers) {
  PyObject* list = PyList_New(0);
  PyObject* dict = PyDict_New();
  ASSERT_EQ(PyList_Append(list, dict), 0);
  ASSERT_EQ(PyDict_SetItemString(dict, "l", list), 0);
  Box* b = new_box(&BoxType);
  b->item = Py_NewRef(list);
  ASSERT_EQ(PyDict_SetItemString(dict, "b", reinterpret_cast<PyObject*>(b)), 0);
  Py_DECREF(b);
  Py_DECREF(dict);
  Py_DECREF(list);
  EXPECT_EQ(collect(), 3);
  EXPECT_EQ(g_deallocs, 1);
}

TEST_F(Collector, ResizeKeepsTracking) {
  PyObject* t = PyTuple_New(2);
  ASSERT_NE(t, nullptr);
  PyTuple_SET_ITEM(t, 0, PyList_New(0));
  PyTuple_SET_ITEM(t, 1, PyList_New(0));
  ASSERT_EQ(_PyTuple_Resize(&t, 50), 0);
  for (int i = 2; i < 50; i++) PyTuple_SET_ITEM(t, i, PyList_New(0));
  EXPECT_TRUE(PyObject_GC_IsTracked(t));
  EXPECT_EQ(collect(), 0);
  Py_DECREF(t);
}

int g_callbacks = 0;
PyObject* count_callback(PyObject*, PyObject* wr) {
  g_callbacks++;
  EXPECT_EQ(PyWeakref_GET_OBJECT(wr), Py_None);  // already cleared
  Py_RETURN_NONE;
}
PyMethodDef g_callback_def = {"cb", count_callback, METH_O, nullptr};

TEST_F(Collector, WeakrefCallbackForReachableWeakref) {
  PyObject* cb = PyCFunction_New(&g_callback_def, nullptr);
  g_callbacks = 0;
  Box* a = new_box(&WeakBoxType);
  a->item = Py_NewRef(reinterpret_cast<PyObject*>(a));
  PyObject* wr = PyWeakref_NewRef(reinterpret_cast<PyObject*>(a), cb);
  ASSERT_NE(wr, nullptr);
  Py_DECREF(a);
  EXPECT_EQ(collect(), 1);
  EXPECT_EQ(g_callbacks, 1);
  EXPECT_EQ(g_deallocs, 1);
  Py_DECREF(wr);
  Py_DECREF(cb);
}

TEST_F(Collector, NoCallbackWhenWeakrefIsGarbage) {
  PyObject* cb = PyCFunction_New(&g_callback_def, nullptr);
  g_callbacks = 0;
  Box* a = new_box(&WeakBoxType);
  PyObject* wr = PyWeakref_NewRef(reinterpret_cast<PyObject*>(a), cb);
  ASSERT_NE(wr, nullptr);
  // a -> (a, weakref(a)): all three garbage.
  a->item = PyTuple_Pack(2, reinterpret_cast<PyObject*>(a), wr);
  Py_DECREF(wr);
  Py_DECREF(a);
  EXPECT_EQ(collect(), 3);
  EXPECT_EQ(g_callbacks, 0);
  EXPECT_EQ(g_deallocs, 1);
  Py_DECREF(cb);
}

}  // namespace
