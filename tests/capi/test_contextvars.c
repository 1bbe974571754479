/* The contextvars C API (PyContext*, PyContextVar*, PyContextToken*):
 * ownership, defaults, tokens, enter/exit and per-thread-state contexts. */
#include "capi_check.h"

int main(void) {
  Py_Initialize();

  PyObject* var = PyContextVar_New("v", NULL);
  CHECK(var != NULL && PyContextVar_CheckExact(var));
  PyObject* val = (PyObject*)1;
  CHECK(PyContextVar_Get(var, NULL, &val) == 0 && val == NULL);  /* unset, no default */
  PyObject* dflt = PyLong_FromLong(5);
  CHECK(PyContextVar_Get(var, dflt, &val) == 0 && val == dflt);
  Py_DECREF(val);

  PyObject* one = PyLong_FromLong(1);
  PyObject* tok = PyContextVar_Set(var, one);
  CHECK(tok != NULL && PyContextToken_CheckExact(tok));
  CHECK(PyContextVar_Get(var, NULL, &val) == 0 && val == one);
  Py_DECREF(val);

  /* A copy sees the value; changes inside it stay inside it. */
  PyObject* ctx = PyContext_CopyCurrent();
  CHECK(ctx != NULL && PyContext_CheckExact(ctx));
  CHECK(PyContext_Enter(ctx) == 0);
  CHECK(PyContext_Enter(ctx) == -1);
  CHECK_ERR(PyExc_RuntimeError);
  PyObject* two = PyLong_FromLong(2);
  PyObject* tok2 = PyContextVar_Set(var, two);
  CHECK(PyContextVar_Get(var, NULL, &val) == 0 && val == two);
  Py_DECREF(val);
  CHECK(PyContext_Exit(ctx) == 0);
  CHECK(PyContext_Exit(ctx) == -1);
  CHECK_ERR(PyExc_RuntimeError);
  CHECK(PyContextVar_Get(var, NULL, &val) == 0 && val == one);
  Py_DECREF(val);
  /* tok2 belongs to ctx: resetting it here fails. */
  CHECK(PyContextVar_Reset(var, tok2) == -1);
  CHECK_ERR(PyExc_ValueError);

  CHECK(PyContextVar_Reset(var, tok) == 0);
  CHECK(PyContextVar_Get(var, NULL, &val) == 0 && val == NULL);
  CHECK(PyContextVar_Reset(var, tok) == -1);
  CHECK_ERR(PyExc_RuntimeError);

  /* A variable with a default; a brand-new context is empty. */
  PyObject* var2 = PyContextVar_New("w", dflt);
  PyObject* fresh = PyContext_New();
  CHECK(PyContext_Enter(fresh) == 0);
  CHECK(PyContextVar_Get(var2, NULL, &val) == 0 && val == dflt);
  Py_DECREF(val);
  CHECK(PyContext_Exit(fresh) == 0);
  PyObject* copy = PyContext_Copy(ctx);
  CHECK(copy != NULL && copy != ctx && PyObject_RichCompareBool(copy, ctx, Py_EQ) == 1);

  /* Each thread state has its own current context. */
  PyThreadState* main_ts = PyThreadState_Get();
  PyThreadState* other = PyThreadState_New(main_ts->interp);
  PyThreadState_Swap(other);
  CHECK(PyContextVar_Set(var, two) != NULL);
  PyThreadState_Swap(main_ts);
  CHECK(PyContextVar_Get(var, NULL, &val) == 0 && val == NULL);
  PyThreadState_Swap(other);
  PyThreadState_Clear(other);
  PyThreadState_Swap(main_ts);
  PyThreadState_Delete(other);

  CHECK(PyContextVar_Set(Py_None, one) == NULL);
  CHECK_ERROR(PyExc_TypeError, "an instance of ContextVar was expected");

  Py_DECREF(copy); Py_DECREF(fresh); Py_DECREF(var2); Py_DECREF(tok2); Py_DECREF(two);
  Py_DECREF(ctx); Py_DECREF(tok); Py_DECREF(one); Py_DECREF(dflt); Py_DECREF(var);
  CAPI_TEST_END();
}
