// coroutine_object.cpp — PyCoro_Type (`async def` functions), the
// `coroutine_wrapper` returned by coro.__await__(), and the awaitable
// protocol used by `await` (GET_AWAITABLE). The suspension machinery is shared
// with generators (generator_object.cpp).
#include <Python.h>
#include <structmember.h>

#include "objects/generator_object.h"

using namespace krait;
using namespace krait::interp;

namespace krait::interp {

static bool is_iterable_coroutine(PyObject* o) {
  return PyGen_CheckExact(o) && (reinterpret_cast<PyGenObject*>(o)->gi_code->co_flags & CO_ITERABLE_COROUTINE);
}

PyObject* get_awaitable_iter(PyObject* o) {
  if (PyCoro_CheckExact(o) || is_iterable_coroutine(o)) return Py_NewRef(o);
  PyTypeObject* t = Py_TYPE(o);
  if (t->tp_as_async && t->tp_as_async->am_await) {
    PyObject* res = t->tp_as_async->am_await(o);
    if (!res) return nullptr;
    if (PyCoro_CheckExact(res) || is_iterable_coroutine(res)) {
      PyErr_SetString(PyExc_TypeError, "__await__() returned a coroutine");
      Py_DECREF(res);
      return nullptr;
    }
    if (!PyIter_Check(res)) {
      PyErr_Format(PyExc_TypeError, "__await__() returned non-iterator of type '%.100s'", Py_TYPE(res)->tp_name);
      Py_DECREF(res);
      return nullptr;
    }
    return res;
  }
  PyErr_Format(PyExc_TypeError, "object %.100s can't be used in 'await' expression", t->tp_name);
  return nullptr;
}

}  // namespace krait::interp

namespace krait::gen {

// CPython defers to warnings._warn_unawaited_coroutine when the warnings
// module is loaded (it adds the origin and uses the coroutine as source).
void warn_unawaited_coroutine(PyObject* coro) {
  PyObject* modules = PySys_GetObject("modules");
  PyObject* warnings = modules && PyDict_Check(modules) ? PyDict_GetItemString(modules, "warnings") : nullptr;
  int rc = -1;
  if (warnings) {
    PyObject* fn = PyObject_GetAttrString(warnings, "_warn_unawaited_coroutine");
    if (fn) {
      PyObject* r = PyObject_CallOneArg(fn, coro);
      Py_DECREF(fn);
      if (r) {
        rc = 0;
        Py_DECREF(r);
      } else if (PyErr_ExceptionMatches(PyExc_RuntimeWarning)) {
        rc = -1;  // the warning was raised as an error: report that one
      } else {
        // A broken hook: report its error, then warn directly.
        PyErr_WriteUnraisable(coro);
        warnings = nullptr;
      }
    } else {
      PyErr_Clear();
      warnings = nullptr;
    }
  }
  if (!warnings)
    rc = PyErr_WarnFormat(PyExc_RuntimeWarning, 1, "coroutine '%S' was never awaited",
                          reinterpret_cast<PyGenObject*>(coro)->gi_qualname);
  if (rc < 0) PyErr_WriteUnraisable(coro);
}

}  // namespace krait::gen

namespace {

using namespace krait::gen;

PyGenObject* as_gen(PyObject* o) { return reinterpret_cast<PyGenObject*>(o); }

// -- coroutine_wrapper -------------------------------------------------------------------------

struct CoroWrapper {
  PyObject_HEAD
  PyObject* cw_coroutine;
};

PyGenObject* wrapped(PyObject* self) { return as_gen(reinterpret_cast<CoroWrapper*>(self)->cw_coroutine); }

void cw_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_CLEAR(reinterpret_cast<CoroWrapper*>(self)->cw_coroutine);
  PyObject_GC_Del(self);
}
int cw_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<CoroWrapper*>(self)->cw_coroutine);
  return 0;
}
PyObject* cw_iternext(PyObject* self) { return send_ex(wrapped(self), nullptr, false, false); }
PyObject* cw_send(PyObject* self, PyObject* arg) { return send_ex(wrapped(self), arg, false, false); }
PyObject* cw_throw(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  return throw_method(wrapped(self), args, nargs);
}
PyObject* cw_close(PyObject* self, PyObject*) { return close(wrapped(self)); }

PyMethodDef cw_methods[] = {
    {"send", cw_send, METH_O, nullptr},
    {"throw", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(cw_throw)), METH_FASTCALL, nullptr},
    {"close", cw_close, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

// -- coroutine -------------------------------------------------------------------------------

PyObject* coro_await(PyObject* self) {
  auto* w = PyObject_GC_New(CoroWrapper, &_PyCoroWrapper_Type);
  if (!w) return nullptr;
  w->cw_coroutine = Py_NewRef(self);
  PyObject_GC_Track(w);
  return reinterpret_cast<PyObject*>(w);
}

PySendResult coro_am_send(PyObject* self, PyObject* arg, PyObject** result) {
  return send_ex2(as_gen(self), arg, result, false, false);
}
PyObject* coro_send(PyObject* self, PyObject* arg) { return send_ex(as_gen(self), arg, false, false); }
PyObject* coro_throw(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  return throw_method(as_gen(self), args, nargs);
}
PyObject* coro_close(PyObject* self, PyObject*) { return close(as_gen(self)); }

PyObject* coro_repr(PyObject* self) {
  return PyUnicode_FromFormat("<coroutine object %S at %p>", as_gen(self)->gi_qualname, self);
}

PyObject* cr_await(PyObject* self, void*) { return get_yieldfrom(as_gen(self)); }
PyObject* cr_frame(PyObject* self, void*) { return get_frame(as_gen(self)); }
PyObject* cr_running(PyObject* self, void*) { return PyBool_FromLong(as_gen(self)->gi_frame_state == kGenExecuting); }
PyObject* cr_suspended(PyObject* self, void*) { return PyBool_FromLong(as_gen(self)->gi_frame_state == kGenSuspended); }
PyObject* cr_code(PyObject* self, void*) { return Py_NewRef(reinterpret_cast<PyObject*>(as_gen(self)->gi_code)); }
PyObject* cr_origin(PyObject* self, void*) {
  PyObject* o = as_gen(self)->gi_origin_or_finalizer;
  return Py_NewRef(o ? o : Py_None);
}

PyGetSetDef coro_getset[] = {
    {"__name__", get_name, set_name, "name of the coroutine", nullptr},
    {"__qualname__", get_qualname, set_qualname, "qualified name of the coroutine", nullptr},
    {"cr_await", cr_await, nullptr, "object being awaited on, or None", nullptr},
    {"cr_running", cr_running, nullptr, nullptr, nullptr},
    {"cr_frame", cr_frame, nullptr, nullptr, nullptr},
    {"cr_code", cr_code, nullptr, nullptr, nullptr},
    {"cr_suspended", cr_suspended, nullptr, nullptr, nullptr},
    {"cr_origin", cr_origin, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMethodDef coro_methods[] = {
    {"send", coro_send, METH_O, "send(arg) -> send 'arg' into coroutine,\nreturn next iterated value or raise StopIteration."},
    {"throw", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(coro_throw)), METH_FASTCALL,
     "throw(value)\nthrow(type[,value[,traceback]])\n\nRaise exception in coroutine, return next iterated value or raise\nStopIteration."},
    {"close", coro_close, METH_NOARGS, "close() -> raise GeneratorExit inside coroutine."},
    {nullptr, nullptr, 0, nullptr},
};

PyAsyncMethods coro_as_async = {coro_await, nullptr, nullptr, coro_am_send};

}  // namespace

extern "C" {

PyTypeObject PyCoro_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "coroutine",
    .tp_basicsize = offsetof(PyCoroObject, cr_iframe),
    .tp_itemsize = sizeof(PyObject*),
    .tp_dealloc = krait::gen::dealloc,
    .tp_as_async = &coro_as_async,
    .tp_repr = coro_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = krait::gen::traverse,
    .tp_weaklistoffset = offsetof(PyCoroObject, cr_weakreflist),
    .tp_methods = coro_methods,
    .tp_getset = coro_getset,
    .tp_finalize = krait::gen::finalize,
};

PyTypeObject _PyCoroWrapper_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "coroutine_wrapper",
    .tp_basicsize = sizeof(CoroWrapper),
    .tp_dealloc = cw_dealloc,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "A wrapper object implementing __await__ for coroutines.",
    .tp_traverse = cw_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = cw_iternext,
    .tp_methods = cw_methods,
};

PyObject* PyCoro_New(PyFrameObject*, PyObject*, PyObject*) {
  PyErr_SetString(PyExc_SystemError, "PyCoro_New is not supported by Krait");
  return nullptr;
}

}  // extern "C"
