/* C-API test: PyCapsule_* (Objects/capsule.c family). */
#include "capi_check.h"

static int destructor_calls = 0;
static void *destructor_saw = NULL;
static void count_destructor(PyObject *capsule) {
  destructor_calls++;
  destructor_saw = PyCapsule_GetPointer(capsule, PyCapsule_GetName(capsule));
}

int main(void) {
  Py_Initialize();
  static int payload = 42, other = 7, ctx = 1;

  /* Creation and accessors. */
  PyObject *c = PyCapsule_New(&payload, "mod.api", count_destructor);
  CHECK(c != NULL);
  CHECK(PyCapsule_CheckExact(c));
  CHECK(PyCapsule_IsValid(c, "mod.api"));
  CHECK(!PyCapsule_IsValid(c, "mod.other"));
  CHECK(!PyCapsule_IsValid(c, NULL));
  CHECK(!PyCapsule_IsValid(NULL, "mod.api"));
  CHECK(PyCapsule_GetPointer(c, "mod.api") == &payload);
  CHECK(strcmp(PyCapsule_GetName(c), "mod.api") == 0);
  CHECK(PyCapsule_GetDestructor(c) == count_destructor);
  CHECK(PyCapsule_GetContext(c) == NULL && !PyErr_Occurred());

  /* Wrong name: ValueError. */
  CHECK(PyCapsule_GetPointer(c, "nope") == NULL);
  CHECK_ERR(PyExc_ValueError);
  CHECK(PyCapsule_GetPointer(c, NULL) == NULL);
  CHECK_ERR(PyExc_ValueError);

  /* Setters. */
  CHECK(PyCapsule_SetContext(c, &ctx) == 0);
  CHECK(PyCapsule_GetContext(c) == &ctx);
  CHECK(PyCapsule_SetPointer(c, &other) == 0);
  CHECK(PyCapsule_GetPointer(c, "mod.api") == &other);
  CHECK(PyCapsule_SetPointer(c, NULL) == -1);
  CHECK_ERR(PyExc_ValueError);
  CHECK(PyCapsule_SetName(c, NULL) == 0);
  CHECK(PyCapsule_GetName(c) == NULL && !PyErr_Occurred());
  CHECK(PyCapsule_GetPointer(c, NULL) == &other);

  /* Repr. */
  PyObject *r = PyObject_Repr(c);
  CHECK(r != NULL && strncmp(PyUnicode_AsUTF8(r), "<capsule object NULL at 0x", 26) == 0);
  Py_XDECREF(r);
  CHECK(PyCapsule_SetName(c, "mod.api") == 0);
  r = PyObject_Repr(c);
  CHECK(r != NULL && strncmp(PyUnicode_AsUTF8(r), "<capsule object \"mod.api\" at 0x", 31) == 0);
  Py_XDECREF(r);
  CHECK(strcmp(Py_TYPE(c)->tp_name, "PyCapsule") == 0);

  /* The destructor runs once, on deallocation, with the capsule still valid. */
  CHECK(destructor_calls == 0);
  Py_DECREF(c);
  CHECK(destructor_calls == 1);
  CHECK(destructor_saw == &other);

  /* Invalid inputs. */
  CHECK(PyCapsule_New(NULL, "x", NULL) == NULL);
  CHECK_ERR(PyExc_ValueError);
  PyObject *notcap = PyLong_FromLong(1);
  CHECK(PyCapsule_GetPointer(notcap, NULL) == NULL);
  CHECK_ERR(PyExc_ValueError);
  CHECK(PyCapsule_GetName(notcap) == NULL);
  CHECK_ERR(PyExc_ValueError);
  CHECK(PyCapsule_SetContext(notcap, NULL) == -1);
  CHECK_ERR(PyExc_ValueError);
  Py_DECREF(notcap);

  /* Import: a capsule stored as a module attribute. */
  PyObject *sys = PyImport_ImportModule("sys");
  CHECK(sys != NULL);
  if (sys) {
    PyObject *cap = PyCapsule_New(&payload, "sys.krait_test_capi", NULL);
    CHECK(PyObject_SetAttrString(sys, "krait_test_capi", cap) == 0);
    CHECK(PyCapsule_Import("sys.krait_test_capi", 0) == &payload);
    /* Valid capsule, but under a different name than its path. */
    CHECK(PyObject_SetAttrString(sys, "krait_test_other", cap) == 0);
    CHECK(PyCapsule_Import("sys.krait_test_other", 0) == NULL);
    CHECK_ERR(PyExc_AttributeError);
    CHECK(PyCapsule_Import("sys.no_such_attribute", 0) == NULL);
    CHECK_ERR(PyExc_AttributeError);
    PyObject_DelAttrString(sys, "krait_test_capi");
    PyObject_DelAttrString(sys, "krait_test_other");
    Py_DECREF(cap);
    Py_DECREF(sys);
  }
  CHECK(PyCapsule_Import("krait_no_such_module_xyz.attr", 0) == NULL);
  CHECK_ERR(PyExc_ImportError);

  Py_Finalize();
  return capi_failures != 0;
}
