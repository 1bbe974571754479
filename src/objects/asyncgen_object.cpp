// asyncgen_object.cpp — PyAsyncGen_Type (`async def` with `yield`) and its
// awaitables: `async_generator_asend` (asend() and __anext__), 
// `async_generator_athrow` (athrow() and aclose()) and the wrapper that marks a
// value produced by `yield` (as opposed to one passed through from an inner
// `await`), plus the sys.set_asyncgen_hooks hooks (firstiter/finalizer,
// read from the thread state).
#include <Python.h>
#include <structmember.h>

#include "objects/generator_object.h"

using namespace krait;
using namespace krait::interp;

namespace {

using namespace krait::gen;

PyGenObject* as_gen(PyObject* o) { return reinterpret_cast<PyGenObject*>(o); }

// -- Wrapped values ---------------------------------------------------------------------------

struct WrappedValue {
  PyObject_HEAD
  PyObject* agw_val;
};

void wv_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_CLEAR(reinterpret_cast<WrappedValue*>(self)->agw_val);
  PyObject_GC_Del(self);
}
int wv_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<WrappedValue*>(self)->agw_val);
  return 0;
}

bool is_wrapped(PyObject* o) { return Py_IS_TYPE(o, &_PyAsyncGenWrappedValue_Type); }

// Maps what the generator's frame produced to what the awaitable produces:
// a wrapped value (a `yield`) ends the awaitable with StopIteration(value);
// anything else came from an inner await and passes through.
PyObject* unwrap_value(PyGenObject* g, PyObject* result) {
  if (!result) {
    if (!PyErr_Occurred()) PyErr_SetNone(PyExc_StopAsyncIteration);
    if (PyErr_ExceptionMatches(PyExc_StopAsyncIteration) || PyErr_ExceptionMatches(PyExc_GeneratorExit))
      g->gi_closed = 1;
    g->gi_running_async = 0;
    return nullptr;
  }
  if (is_wrapped(result)) {
    _PyGen_SetStopIterationValue(reinterpret_cast<WrappedValue*>(result)->agw_val);
    Py_DECREF(result);
    g->gi_running_async = 0;
    return nullptr;
  }
  return result;
}

int init_hooks(PyGenObject* g) {
  if (g->gi_hooks_inited) return 0;
  g->gi_hooks_inited = 1;
  PyThreadState* ts = PyThreadState_Get();
  if (ts->async_gen_finalizer) g->gi_origin_or_finalizer = Py_NewRef(ts->async_gen_finalizer);
  if (ts->async_gen_firstiter) {
    PyObject* first = Py_NewRef(ts->async_gen_firstiter);
    PyObject* r = PyObject_CallOneArg(first, reinterpret_cast<PyObject*>(g));
    Py_DECREF(first);
    if (!r) return -1;
    Py_DECREF(r);
  }
  return 0;
}

enum AwaitableState { kInit, kIter, kClosed };

// -- asend ----------------------------------------------------------------------------------

struct ASend {
  PyObject_HEAD
  PyGenObject* ags_gen;
  PyObject* ags_sendval;
  int ags_state;
};

ASend* as_asend(PyObject* o) { return reinterpret_cast<ASend*>(o); }

PyObject* asend_new(PyGenObject* g, PyObject* sendval) {
  auto* o = PyObject_GC_New(ASend, &_PyAsyncGenASend_Type);
  if (!o) return nullptr;
  o->ags_gen = reinterpret_cast<PyGenObject*>(Py_NewRef(g));
  o->ags_sendval = Py_XNewRef(sendval);
  o->ags_state = kInit;
  PyObject_GC_Track(o);
  return reinterpret_cast<PyObject*>(o);
}

void asend_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_CLEAR(as_asend(self)->ags_gen);
  Py_CLEAR(as_asend(self)->ags_sendval);
  PyObject_GC_Del(self);
}
int asend_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(as_asend(self)->ags_gen);
  Py_VISIT(as_asend(self)->ags_sendval);
  return 0;
}

PyObject* asend_send(PyObject* self, PyObject* arg) {
  ASend* o = as_asend(self);
  if (o->ags_state == kClosed) {
    PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
    return nullptr;
  }
  if (o->ags_state == kInit) {
    if (o->ags_gen->gi_running_async) {
      PyErr_SetString(PyExc_RuntimeError, "anext(): asynchronous generator is already running");
      return nullptr;
    }
    if (!arg || arg == Py_None) arg = o->ags_sendval;
    o->ags_state = kIter;
  }
  o->ags_gen->gi_running_async = 1;
  PyObject* r = unwrap_value(o->ags_gen, send_ex(o->ags_gen, arg, false, false));
  if (!r) o->ags_state = kClosed;
  return r;
}
PyObject* asend_iternext(PyObject* self) { return asend_send(self, nullptr); }
PyObject* asend_throw(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  ASend* o = as_asend(self);
  if (o->ags_state == kClosed) {
    PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited __anext__()/asend()");
    return nullptr;
  }
  PyObject* r = unwrap_value(o->ags_gen, throw_method(o->ags_gen, args, nargs));
  if (!r) o->ags_state = kClosed;
  return r;
}
PyObject* asend_close(PyObject* self, PyObject*) {
  as_asend(self)->ags_state = kClosed;
  Py_RETURN_NONE;
}

PyMethodDef asend_methods[] = {
    {"send", asend_send, METH_O, nullptr},
    {"throw", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(asend_throw)), METH_FASTCALL, nullptr},
    {"close", asend_close, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
PyAsyncMethods asend_as_async = {PyObject_SelfIter, nullptr, nullptr, nullptr};

// -- athrow / aclose --------------------------------------------------------------------------

struct AThrow {
  PyObject_HEAD
  PyGenObject* agt_gen;
  PyObject* agt_args;  // NULL for aclose()
  int agt_state;
};

AThrow* as_athrow(PyObject* o) { return reinterpret_cast<AThrow*>(o); }

PyObject* athrow_new(PyGenObject* g, PyObject* args) {
  auto* o = PyObject_GC_New(AThrow, &_PyAsyncGenAThrow_Type);
  if (!o) return nullptr;
  o->agt_gen = reinterpret_cast<PyGenObject*>(Py_NewRef(g));
  o->agt_args = Py_XNewRef(args);
  o->agt_state = kInit;
  PyObject_GC_Track(o);
  return reinterpret_cast<PyObject*>(o);
}

void athrow_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_CLEAR(as_athrow(self)->agt_gen);
  Py_CLEAR(as_athrow(self)->agt_args);
  PyObject_GC_Del(self);
}
int athrow_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(as_athrow(self)->agt_gen);
  Py_VISIT(as_athrow(self)->agt_args);
  return 0;
}

PyObject* ignored_exit(AThrow* o, PyObject* retval) {
  o->agt_gen->gi_running_async = 0;
  o->agt_state = kClosed;
  Py_DECREF(retval);
  PyErr_SetString(PyExc_RuntimeError, "async generator ignored GeneratorExit");
  return nullptr;
}

PyObject* athrow_check_error(AThrow* o) {
  o->agt_gen->gi_running_async = 0;
  o->agt_state = kClosed;
  if (PyErr_ExceptionMatches(PyExc_StopAsyncIteration) || PyErr_ExceptionMatches(PyExc_GeneratorExit)) {
    if (!o->agt_args) {  // aclose() finished: the awaitable completes normally
      PyErr_Clear();
      PyErr_SetNone(PyExc_StopIteration);
    }
  }
  return nullptr;
}

PyObject* athrow_send(PyObject* self, PyObject* arg) {
  AThrow* o = as_athrow(self);
  PyGenObject* g = o->agt_gen;
  if (o->agt_state == kClosed) {
    PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
    return nullptr;
  }
  if (g->gi_frame_state >= kGenCompleted) {
    o->agt_state = kClosed;
    PyErr_SetNone(PyExc_StopIteration);
    return nullptr;
  }
  PyObject* retval;
  if (o->agt_state == kInit) {
    if (g->gi_running_async) {
      o->agt_state = kClosed;
      PyErr_SetString(PyExc_RuntimeError, o->agt_args ? "athrow(): asynchronous generator is already running"
                                                      : "aclose(): asynchronous generator is already running");
      return nullptr;
    }
    if (g->gi_closed) {
      o->agt_state = kClosed;
      PyErr_SetNone(PyExc_StopAsyncIteration);
      return nullptr;
    }
    if (arg != Py_None) {
      PyErr_SetString(PyExc_RuntimeError, "can't send non-None value to a just-started coroutine");
      return nullptr;
    }
    o->agt_state = kIter;
    g->gi_running_async = 1;
    if (!o->agt_args) {
      g->gi_closed = 1;
      retval = throw_ex(g, false, PyExc_GeneratorExit, nullptr, nullptr);
      if (retval && is_wrapped(retval)) return ignored_exit(o, retval);
    } else {
      PyObject* a[3] = {nullptr, nullptr, nullptr};
      Py_ssize_t n = PyTuple_GET_SIZE(o->agt_args);
      for (Py_ssize_t i = 0; i < n && i < 3; i++) a[i] = PyTuple_GET_ITEM(o->agt_args, i);
      retval = unwrap_value(g, throw_ex(g, false, a[0], a[1], a[2]));
    }
    if (!retval) return athrow_check_error(o);
    return retval;
  }
  retval = send_ex(g, arg, false, false);
  if (o->agt_args) return unwrap_value(g, retval);
  if (retval && is_wrapped(retval)) return ignored_exit(o, retval);
  if (!retval) return athrow_check_error(o);
  return retval;
}

PyObject* athrow_iternext(PyObject* self) { return athrow_send(self, Py_None); }

PyObject* athrow_throw(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  AThrow* o = as_athrow(self);
  if (o->agt_state == kClosed) {
    PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited aclose()/athrow()");
    return nullptr;
  }
  PyObject* retval = throw_method(o->agt_gen, args, nargs);
  if (o->agt_args) return unwrap_value(o->agt_gen, retval);
  if (retval && is_wrapped(retval)) return ignored_exit(o, retval);
  if (!retval && (PyErr_ExceptionMatches(PyExc_StopAsyncIteration) || PyErr_ExceptionMatches(PyExc_GeneratorExit))) {
    PyErr_Clear();
    PyErr_SetNone(PyExc_StopIteration);
  }
  return retval;
}
PyObject* athrow_close(PyObject* self, PyObject*) {
  as_athrow(self)->agt_state = kClosed;
  Py_RETURN_NONE;
}

PyMethodDef athrow_methods[] = {
    {"send", athrow_send, METH_O, nullptr},
    {"throw", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(athrow_throw)), METH_FASTCALL, nullptr},
    {"close", athrow_close, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};
PyAsyncMethods athrow_as_async = {PyObject_SelfIter, nullptr, nullptr, nullptr};

// -- async_generator ----------------------------------------------------------------------------

PyObject* ag_anext(PyObject* self) {
  if (init_hooks(as_gen(self)) < 0) return nullptr;
  return asend_new(as_gen(self), nullptr);
}
PyObject* ag_asend(PyObject* self, PyObject* arg) {
  if (init_hooks(as_gen(self)) < 0) return nullptr;
  return asend_new(as_gen(self), arg);
}
PyObject* ag_athrow_fast(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("athrow", nargs, 1, 3)) return nullptr;
  if (init_hooks(as_gen(self)) < 0) return nullptr;
  PyObject* t = PyTuple_New(nargs);
  if (!t) return nullptr;
  for (Py_ssize_t i = 0; i < nargs; i++) PyTuple_SET_ITEM(t, i, Py_NewRef(args[i]));
  PyObject* r = athrow_new(as_gen(self), t);
  Py_DECREF(t);
  return r;
}
PyObject* ag_aclose(PyObject* self, PyObject*) {
  if (init_hooks(as_gen(self)) < 0) return nullptr;
  return athrow_new(as_gen(self), nullptr);
}

PyObject* ag_repr(PyObject* self) {
  return PyUnicode_FromFormat("<async_generator object %S at %p>", as_gen(self)->gi_qualname, self);
}

PyObject* ag_await(PyObject* self, void*) { return get_yieldfrom(as_gen(self)); }
PyObject* ag_frame(PyObject* self, void*) { return get_frame(as_gen(self)); }
PyObject* ag_code(PyObject* self, void*) { return Py_NewRef(reinterpret_cast<PyObject*>(as_gen(self)->gi_code)); }

PyGetSetDef ag_getset[] = {
    {"__name__", get_name, set_name, "name of the async generator", nullptr},
    {"__qualname__", get_qualname, set_qualname, "qualified name of the async generator", nullptr},
    {"ag_await", ag_await, nullptr, "object being awaited on, or None", nullptr},
    {"ag_frame", ag_frame, nullptr, nullptr, nullptr},
    {"ag_code", ag_code, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMemberDef ag_members[] = {
    {"ag_running", T_BOOL, offsetof(PyAsyncGenObject, ag_running_async), READONLY, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

PyMethodDef ag_methods[] = {
    {"asend", ag_asend, METH_O, "asend(v) -> send 'v' in generator."},
    {"athrow", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(ag_athrow_fast)), METH_FASTCALL,
     "athrow(typ[,val[,tb]]) -> raise exception in generator."},
    {"aclose", ag_aclose, METH_NOARGS, "aclose() -> raise GeneratorExit inside generator."},
    {"__class_getitem__", Py_GenericAlias, METH_O | METH_CLASS, "See PEP 585"},
    {nullptr, nullptr, 0, nullptr},
};

PyAsyncMethods ag_as_async = {nullptr, PyObject_SelfIter, ag_anext, nullptr};

}  // namespace

namespace krait::interp {

PyObject* async_gen_wrap_value(PyObject* v) {
  auto* w = PyObject_GC_New(WrappedValue, &_PyAsyncGenWrappedValue_Type);
  if (!w) return nullptr;
  w->agw_val = Py_NewRef(v);
  PyObject_GC_Track(w);
  return reinterpret_cast<PyObject*>(w);
}

PyObject* get_anext_awaitable(PyObject* aiter) {
  PyTypeObject* t = Py_TYPE(aiter);
  if (PyAsyncGen_CheckExact(aiter)) return t->tp_as_async->am_anext(aiter);
  if (!t->tp_as_async || !t->tp_as_async->am_anext) {
    PyErr_Format(PyExc_TypeError, "'async for' requires an iterator with __anext__ method, got %.100s", t->tp_name);
    return nullptr;
  }
  PyObject* next = t->tp_as_async->am_anext(aiter);
  if (!next) return nullptr;
  PyObject* aw = get_awaitable_iter(next);
  if (!aw) {
    // The reason the object is not awaitable becomes the __cause__.
    _PyErr_FormatFromCause(PyExc_TypeError, "'async for' received an invalid object from __anext__: %.100s",
                           Py_TYPE(next)->tp_name);
  }
  Py_DECREF(next);
  return aw;
}

}  // namespace krait::interp

extern "C" {

PyTypeObject PyAsyncGen_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "async_generator",
    .tp_basicsize = offsetof(PyAsyncGenObject, ag_iframe),
    .tp_itemsize = sizeof(PyObject*),
    .tp_dealloc = krait::gen::dealloc,
    .tp_as_async = &ag_as_async,
    .tp_repr = ag_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = krait::gen::traverse,
    .tp_weaklistoffset = offsetof(PyAsyncGenObject, ag_weakreflist),
    .tp_methods = ag_methods,
    .tp_members = ag_members,
    .tp_getset = ag_getset,
    .tp_finalize = krait::gen::finalize,
};

PyTypeObject _PyAsyncGenASend_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "async_generator_asend",
    .tp_basicsize = sizeof(ASend),
    .tp_dealloc = asend_dealloc,
    .tp_as_async = &asend_as_async,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = asend_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = asend_iternext,
    .tp_methods = asend_methods,
};

PyTypeObject _PyAsyncGenAThrow_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "async_generator_athrow",
    .tp_basicsize = sizeof(AThrow),
    .tp_dealloc = athrow_dealloc,
    .tp_as_async = &athrow_as_async,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = athrow_traverse,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = athrow_iternext,
    .tp_methods = athrow_methods,
};

PyTypeObject _PyAsyncGenWrappedValue_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "async_generator_wrapped_value",
    .tp_basicsize = sizeof(WrappedValue),
    .tp_dealloc = wv_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = wv_traverse,
};

PyObject* PyAsyncGen_New(PyFrameObject*, PyObject*, PyObject*) {
  PyErr_SetString(PyExc_SystemError, "PyAsyncGen_New is not supported by Krait");
  return nullptr;
}

}  // extern "C"
