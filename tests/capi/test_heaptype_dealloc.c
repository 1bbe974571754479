/* Regressions for heap types built from specs, as _hashlib and _lsprof do:
 *  - a non-GC spec type without Py_tp_dealloc whose base is another spec type
 *    (HASHXOF over HASH) is deallocated without touching a GC header;
 *  - the base's dealloc releases the type reference (3.11 convention), so the
 *    subtype's refcount stays balanced over many instances. */
#include "capi_check.h"

static int freed = 0;

static void base_dealloc(PyObject* self) {
  PyTypeObject* tp = Py_TYPE(self);
  freed++;
  PyObject_Free(self);
  Py_DECREF(tp);
}

static PyType_Slot base_slots[] = {{Py_tp_dealloc, base_dealloc}, {0, NULL}};
static PyType_Spec base_spec = {"t.Base", sizeof(PyObject), 0,
                                Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, base_slots};
static PyType_Slot sub_slots[] = {{0, NULL}};
static PyType_Spec sub_spec = {"t.Sub", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT, sub_slots};

int main(void) {
  Py_Initialize();
  PyObject* base = PyType_FromSpec(&base_spec);
  CHECK(base != NULL);
  PyObject* sub = PyType_FromSpecWithBases(&sub_spec, base);
  CHECK(sub != NULL);
  Py_ssize_t before = Py_REFCNT(sub);
  for (int i = 0; i < 100; i++) {
    PyObject* o = PyType_GenericAlloc((PyTypeObject*)sub, 0);
    CHECK(o != NULL && Py_REFCNT(sub) == before + 1);
    Py_DECREF(o);
  }
  CHECK(freed == 100);
  CHECK(Py_REFCNT(sub) == before);
  Py_DECREF(sub);
  Py_DECREF(base);
  CAPI_TEST_END();
}
