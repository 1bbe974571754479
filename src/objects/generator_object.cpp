// generator_object.cpp — PyGen_Type and the machinery every frame-suspending
// object shares (generators, coroutines, async generators): creation from a
// call, send/throw/close with `yield from` delegation, PEP 479, finalization.
//
// Layout: CPython's public PyGenObject head; the interpreter Frame lives in
// the trailing gi_iframe words (see src/interp/generator.h). The frame is live
// while gi_frame_state < kGenCompleted; the eval loop clears it when the frame
// returns or raises.
#include "objects/generator_object.h"

#include <Python.h>
#include <structmember.h>

#include "bytecode/opcodes.h"
#include "interp/eval.h"
#include "interp/frame_object.h"

using namespace krait;
using namespace krait::interp;

namespace krait::interp {

// -- Creation ------------------------------------------------------------------------------

namespace {

// The first `depth` frames of the running stack as ((filename, lineno, name), ...).
PyObject* coroutine_origin(int depth) {
  Ref<> frames = steal(PyList_New(0));
  if (!frames) return nullptr;
  PyFrameObject* f = PyEval_GetFrame();  // borrowed
  Ref<> cur = Ref<>::borrow(reinterpret_cast<PyObject*>(f));
  for (int i = 0; i < depth && cur; i++) {
    auto* fo = reinterpret_cast<PyFrameObject*>(cur.get());
    Ref<> code = steal(reinterpret_cast<PyObject*>(PyFrame_GetCode(fo)));
    auto* co = reinterpret_cast<PyCodeObject*>(code.get());
    Ref<> entry = steal(Py_BuildValue("(OiO)", co->co_filename, PyFrame_GetLineNumber(fo), co->co_name));
    if (!entry || PyList_Append(frames.get(), entry.get()) < 0) return nullptr;
    cur = steal(reinterpret_cast<PyObject*>(PyFrame_GetBack(fo)));
  }
  return PyList_AsTuple(frames.get());
}

}  // namespace

PyObject* make_generator(PyFunctionObject* func, PyObject* const* args, size_t nargs, PyObject* kwnames) {
  auto* co = reinterpret_cast<PyCodeObject*>(func->func_code);
  PyTypeObject* tp = (co->co_flags & CO_COROUTINE)         ? &PyCoro_Type
                     : (co->co_flags & CO_ASYNC_GENERATOR) ? &PyAsyncGen_Type
                                                           : &PyGen_Type;
  auto* g = reinterpret_cast<PyGenObject*>(
      _PyObject_GC_NewVar(tp, static_cast<Py_ssize_t>(frame_size_words(co))));
  if (!g) return nullptr;
  g->gi_code = reinterpret_cast<PyCodeObject*>(Py_NewRef(co));
  g->gi_weakreflist = nullptr;
  g->gi_name = Py_NewRef(func->func_name);
  g->gi_qualname = Py_NewRef(func->func_qualname);
  g->gi_exc_state.exc_value = nullptr;
  g->gi_exc_state.previous_item = nullptr;
  g->gi_origin_or_finalizer = nullptr;
  g->gi_hooks_inited = 0;
  g->gi_closed = 0;
  g->gi_running_async = 0;
  g->gi_frame_state = kGenCreated;
  Frame* f = gen_frame(g);
  init_frame(f, func, nullptr);
  f->owner = FrameOwner::Generator;
  if (bind_arguments(f, func, args, nargs, kwnames) < 0) {
    clear_frame(f);
    g->gi_frame_state = kGenCleared;
    Py_DECREF(g);
    return nullptr;
  }
  if (tp == &PyCoro_Type && PyThreadState_Get()->coroutine_origin_tracking_depth > 0) {
    // sys.set_coroutine_origin_tracking_depth: cr_origin records where the coroutine was
    // created, innermost first, as (filename, lineno, function name) triples.
    g->gi_origin_or_finalizer = coroutine_origin(PyThreadState_Get()->coroutine_origin_tracking_depth);
    if (!g->gi_origin_or_finalizer) {
      Py_DECREF(g);
      return nullptr;
    }
  }
  PyObject_GC_Track(g);
  return reinterpret_cast<PyObject*>(g);
}

PyObject* gen_yieldfrom(PyGenObject* g) {
  if (g->gi_frame_state != kGenSuspended) return nullptr;
  Frame* f = gen_frame(g);
  if (!f->instr || bytecode::op_of(*f->instr) != bytecode::Op::YIELD_VALUE || bytecode::arg_of(*f->instr) != 1)
    return nullptr;
  return f->stack_base()[f->stacktop - 1];
}

PyObject* get_yield_from_iter(PyObject* o, PyCodeObject* running) {
  if (PyCoro_CheckExact(o)) {
    if (!(running->co_flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE))) {
      PyErr_SetString(PyExc_TypeError, "cannot 'yield from' a coroutine object in a non-coroutine generator");
      return nullptr;
    }
    return Py_NewRef(o);
  }
  if (PyGen_CheckExact(o)) return Py_NewRef(o);
  return PyObject_GetIter(o);
}

}  // namespace krait::interp

// -- send / throw / close ----------------------------------------------------------------------

namespace krait::gen {

const char* kind_name(PyGenObject* g) {
  if (PyCoro_CheckExact(g)) return "coroutine";
  if (PyAsyncGen_CheckExact(g)) return "async generator";
  return "generator";
}

// Replaces the pending exception by RuntimeError(msg) whose cause and context
// are the original (PEP 479).
// _PyErr_ChainStackItem(): when the generator is itself handling an exception, the
// exception thrown into it is re-raised so that it gets that one as __context__.
static void chain_thrown_exception(PyThreadState* ts) {
  PyObject* handled = ts->exc_info->exc_value;
  if (!handled || handled == Py_None) return;
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  PyErr_NormalizeException(&t, &v, &tb);
  if (tb) PyException_SetTraceback(v, tb);
  PyErr_SetObject(t, v);
  Py_XDECREF(t);
  Py_XDECREF(v);
  Py_XDECREF(tb);
}

static void convert_to_runtime_error(const char* msg) {
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  PyErr_NormalizeException(&t, &v, &tb);
  if (tb) PyException_SetTraceback(v, tb);
  PyErr_SetString(PyExc_RuntimeError, msg);
  PyObject *t2, *v2, *tb2;
  PyErr_Fetch(&t2, &v2, &tb2);
  PyErr_NormalizeException(&t2, &v2, &tb2);
  PyException_SetCause(v2, Py_NewRef(v));  // steals
  PyException_SetContext(v2, v);           // steals
  Py_XDECREF(t);
  Py_XDECREF(tb);
  PyErr_Restore(t2, v2, tb2);
}

PySendResult send_ex2(PyGenObject* g, PyObject* arg, PyObject** result, bool exc, bool closing) {
  *result = nullptr;
  int8_t state = g->gi_frame_state;
  if (state == kGenCreated && arg && arg != Py_None && !exc) {
    PyErr_Format(PyExc_TypeError, "can't send non-None value to a just-started %s", kind_name(g));
    return PYGEN_ERROR;
  }
  if (state == kGenExecuting) {
    PyErr_Format(PyExc_ValueError, "%s already executing", kind_name(g));
    return PYGEN_ERROR;
  }
  if (state >= kGenCompleted) {
    if (PyCoro_CheckExact(g) && !closing) {
      PyErr_SetString(PyExc_RuntimeError, "cannot reuse already awaited coroutine");
    } else if (arg && !exc) {
      *result = Py_NewRef(Py_None);
      return PYGEN_RETURN;
    }
    return PYGEN_ERROR;
  }
  PyThreadState* ts = PyThreadState_Get();
  g->gi_exc_state.previous_item = ts->exc_info;
  ts->exc_info = &g->gi_exc_state;
  // A thrown exception is raised inside the generator: its __context__ is what is
  // being handled there (or, failing that, by the caller), as CPython's
  // _PyErr_ChainStackItem() does.
  if (exc && PyErr_Occurred()) chain_thrown_exception(ts);
  PyObject* r = resume_frame(gen_frame(g), arg ? arg : Py_None, exc);
  ts->exc_info = g->gi_exc_state.previous_item;
  g->gi_exc_state.previous_item = nullptr;
  if (g->gi_frame_state == kGenSuspended || g->gi_frame_state == kGenCreated) {
    *result = r;
    return r ? PYGEN_NEXT : PYGEN_ERROR;  // NULL: could not even start (C stack)
  }
  // The frame finished.
  Py_CLEAR(g->gi_exc_state.exc_value);
  if (r) {
    *result = r;
    return PYGEN_RETURN;
  }
  if (PyErr_ExceptionMatches(PyExc_StopIteration)) {
    convert_to_runtime_error(PyCoro_CheckExact(g)       ? "coroutine raised StopIteration"
                             : PyAsyncGen_CheckExact(g) ? "async generator raised StopIteration"
                                                        : "generator raised StopIteration");
  } else if (PyAsyncGen_CheckExact(g) && PyErr_ExceptionMatches(PyExc_StopAsyncIteration)) {
    convert_to_runtime_error("async generator raised StopAsyncIteration");
  }
  return PYGEN_ERROR;
}

PyObject* send_ex(PyGenObject* g, PyObject* arg, bool exc, bool closing) {
  PyObject* result;
  if (send_ex2(g, arg, &result, exc, closing) == PYGEN_RETURN) {
    if (PyAsyncGen_CheckExact(g)) PyErr_SetNone(PyExc_StopAsyncIteration);
    else if (result == Py_None) PyErr_SetNone(PyExc_StopIteration);
    else _PyGen_SetStopIterationValue(result);
    Py_CLEAR(result);
  }
  return result;
}

static int close_iter(PyObject* yf) {
  PyObject* r = nullptr;
  if (PyGen_CheckExact(yf) || PyCoro_CheckExact(yf)) {
    r = close(reinterpret_cast<PyGenObject*>(yf));
    if (!r) return -1;
  } else {
    PyObject* meth;
    static PyObject* close_str = PyUnicode_InternFromString("close");
    if (_PyObject_LookupAttr(yf, close_str, &meth) < 0) {
      // A broken __getattr__ on the subiterator does not stop close(): reported as unraisable,
      // as CPython's gen_close_iter does.
      PyErr_WriteUnraisable(yf);
      return 0;
    }
    if (meth) {
      r = PyObject_CallNoArgs(meth);
      Py_DECREF(meth);
      if (!r) return -1;
    }
  }
  Py_XDECREF(r);
  return 0;
}

PyObject* close(PyGenObject* g) {
  PyObject* yf = gen_yieldfrom(g);
  int err = 0;
  if (yf) {
    Py_INCREF(yf);
    int8_t st = g->gi_frame_state;
    g->gi_frame_state = kGenExecuting;
    err = close_iter(yf);
    g->gi_frame_state = st;
    Py_DECREF(yf);
  }
  if (err == 0) PyErr_SetNone(PyExc_GeneratorExit);
  PyObject* r = send_ex(g, Py_None, true, true);
  if (r) {
    Py_DECREF(r);
    PyErr_Format(PyExc_RuntimeError, "%s ignored GeneratorExit", kind_name(g));
    return nullptr;
  }
  if (PyErr_ExceptionMatches(PyExc_StopIteration) || PyErr_ExceptionMatches(PyExc_GeneratorExit)) {
    PyErr_Clear();
    Py_RETURN_NONE;
  }
  return nullptr;
}

// After the delegate of a `yield from` finished during throw(): pop it from
// the suspended frame and move past the SEND loop, so the next resumption
// continues after the loop with the pushed value as its result. The loop is
// `SEND exit; YIELD_VALUE 1; JUMP send; exit:` and resumption continues one
// instruction after f->instr, so pointing instr at the JUMP lands on `exit`.
static void finish_yield_from(PyGenObject* g) {
  Frame* f = gen_frame(g);
  PyObject* yf = f->stack_base()[--f->stacktop];
  Py_DECREF(yf);
  f->instr += bytecode::size_of(bytecode::Op::YIELD_VALUE);
}

PyObject* throw_ex(PyGenObject* g, bool close_on_genexit, PyObject* typ, PyObject* val, PyObject* tb) {
  PyObject* yf = gen_yieldfrom(g);
  if (yf) {
    Py_INCREF(yf);
    PyObject* ret = nullptr;
    if (PyErr_GivenExceptionMatches(typ, PyExc_GeneratorExit) && close_on_genexit) {
      int8_t st = g->gi_frame_state;
      g->gi_frame_state = kGenExecuting;
      int err = close_iter(yf);
      g->gi_frame_state = st;
      Py_DECREF(yf);
      if (err < 0) return send_ex(g, Py_None, true, false);
      goto throw_here;
    }
    if (PyGen_CheckExact(yf) || PyCoro_CheckExact(yf)) {
      // Link our frame so the delegate's traceback and f_back include it.
      Frame* f = gen_frame(g);
      ThreadVM& vm = thread_vm();
      f->previous = vm.current;
      vm.current = f;
      g->gi_frame_state = kGenExecuting;
      ret = throw_ex(reinterpret_cast<PyGenObject*>(yf), close_on_genexit, typ, val, tb);
      g->gi_frame_state = kGenSuspended;
      vm.current = f->previous;
      f->previous = nullptr;
    } else {
      PyObject* meth;
      static PyObject* throw_str = PyUnicode_InternFromString("throw");
      if (_PyObject_LookupAttr(yf, throw_str, &meth) < 0) {
        // CPython 3.11 returns the lookup error without resuming: the generator stays suspended.
        Py_DECREF(yf);
        return nullptr;
      }
      if (!meth) {
        Py_DECREF(yf);
        goto throw_here;
      }
      g->gi_frame_state = kGenExecuting;
      ret = PyObject_CallFunctionObjArgs(meth, typ, val, tb, nullptr);
      g->gi_frame_state = kGenSuspended;
      Py_DECREF(meth);
    }
    Py_DECREF(yf);
    if (!ret) {
      finish_yield_from(g);
      PyObject* v;
      if (_PyGen_FetchStopIterationValue(&v) == 0) {
        ret = send_ex(g, v, false, false);
        Py_DECREF(v);
      } else {
        ret = send_ex(g, Py_None, true, false);
      }
    }
    return ret;
  }
throw_here:
  Py_XINCREF(typ);
  Py_XINCREF(val);
  Py_XINCREF(tb);
  if (tb == Py_None) {
    Py_CLEAR(tb);
  } else if (tb && !PyTraceBack_Check(tb)) {
    PyErr_SetString(PyExc_TypeError, "throw() third argument must be a traceback object");
    goto failed;
  }
  if (PyExceptionClass_Check(typ)) {
    PyErr_NormalizeException(&typ, &val, &tb);
  } else if (PyExceptionInstance_Check(typ)) {
    if (val && val != Py_None) {
      PyErr_SetString(PyExc_TypeError, "instance exception may not have a separate value");
      goto failed;
    }
    Py_XDECREF(val);
    val = typ;
    typ = Py_NewRef(reinterpret_cast<PyObject*>(Py_TYPE(val)));
    if (!tb) tb = PyException_GetTraceback(val);
  } else {
    PyErr_Format(PyExc_TypeError, "exceptions must be classes or instances deriving from BaseException, not %s",
                 Py_TYPE(typ)->tp_name);
    goto failed;
  }
  PyErr_Restore(typ, val, tb);
  return send_ex(g, Py_None, true, false);
failed:
  Py_XDECREF(typ);
  Py_XDECREF(val);
  Py_XDECREF(tb);
  return nullptr;
}

PyObject* throw_method(PyGenObject* g, PyObject* const* args, Py_ssize_t nargs) {
  if (!_PyArg_CheckPositional("throw", nargs, 1, 3)) return nullptr;
  PyObject* typ = args[0];
  PyObject* val = nargs > 1 ? args[1] : nullptr;
  PyObject* tb = nargs > 2 ? args[2] : nullptr;
  return throw_ex(g, true, typ, val, tb);
}

void finalize(PyObject* self) {
  auto* g = reinterpret_cast<PyGenObject*>(self);
  if (g->gi_frame_state >= kGenCompleted) return;
  if (PyAsyncGen_CheckExact(self)) {
    PyObject* finalizer = g->gi_origin_or_finalizer;
    if (finalizer && !g->gi_closed) {
      PyObject *t, *v, *tb;
      PyErr_Fetch(&t, &v, &tb);
      PyObject* r = PyObject_CallOneArg(finalizer, self);
      if (!r) PyErr_WriteUnraisable(self);
      else Py_DECREF(r);
      PyErr_Restore(t, v, tb);
      return;
    }
  }
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  if (PyCoro_CheckExact(self) && g->gi_frame_state == kGenCreated) {
    warn_unawaited_coroutine(self);
  } else {
    PyObject* r = close(g);
    if (!r) PyErr_WriteUnraisable(self);
    else Py_DECREF(r);
  }
  PyErr_Restore(t, v, tb);
}

void dealloc(PyObject* self) {
  auto* g = reinterpret_cast<PyGenObject*>(self);
  PyObject_GC_UnTrack(self);
  if (g->gi_weakreflist) PyObject_ClearWeakRefs(self);
  PyObject_GC_Track(self);
  if (PyObject_CallFinalizerFromDealloc(self) < 0) return;  // resurrected
  PyObject_GC_UnTrack(self);
  if (g->gi_frame_state < kGenCompleted) {
    clear_frame(gen_frame(g));
    g->gi_frame_state = kGenCleared;
  }
  Py_CLEAR(g->gi_origin_or_finalizer);
  Py_CLEAR(g->gi_code);
  Py_CLEAR(g->gi_name);
  Py_CLEAR(g->gi_qualname);
  Py_CLEAR(g->gi_exc_state.exc_value);
  PyObject_GC_Del(self);
}

int traverse(PyObject* self, visitproc visit, void* arg) {
  auto* g = reinterpret_cast<PyGenObject*>(self);
  Py_VISIT(g->gi_code);
  Py_VISIT(g->gi_name);
  Py_VISIT(g->gi_qualname);
  Py_VISIT(g->gi_exc_state.exc_value);
  Py_VISIT(g->gi_origin_or_finalizer);
  if (g->gi_frame_state < kGenCompleted) {
    Frame* f = gen_frame(g);
    Py_VISIT(reinterpret_cast<PyObject*>(f->func));
    Py_VISIT(f->locals);
    Py_VISIT(reinterpret_cast<PyObject*>(f->frame_obj));
    for (int i = 0; i < f->code->co_nlocalsplus; i++) Py_VISIT(f->localsplus[i]);
    // stacktop is stale while the generator runs (the eval loop keeps the
    // stack pointer in a register): visit the value stack only when suspended.
    if (g->gi_frame_state != kGenExecuting) {
      PyObject** base = f->stack_base();
      for (int i = 0; i < f->stacktop; i++) Py_VISIT(base[i]);
    }
  }
  return 0;
}

// -- Shared getters ----------------------------------------------------------------------------

PyObject* get_frame(PyGenObject* g) {
  if (g->gi_frame_state >= kGenCompleted) Py_RETURN_NONE;
  return reinterpret_cast<PyObject*>(frame_object(gen_frame(g)));
}
PyObject* get_yieldfrom(PyGenObject* g) {
  PyObject* yf = gen_yieldfrom(g);
  return Py_NewRef(yf ? yf : Py_None);
}
PyObject* get_name(PyObject* self, void*) { return Py_NewRef(reinterpret_cast<PyGenObject*>(self)->gi_name); }
int set_name(PyObject* self, PyObject* v, void*) {
  if (!v || !PyUnicode_Check(v)) {
    PyErr_SetString(PyExc_TypeError, "__name__ must be set to a string object");
    return -1;
  }
  Py_XSETREF(reinterpret_cast<PyGenObject*>(self)->gi_name, Py_NewRef(v));
  return 0;
}
PyObject* get_qualname(PyObject* self, void*) { return Py_NewRef(reinterpret_cast<PyGenObject*>(self)->gi_qualname); }
int set_qualname(PyObject* self, PyObject* v, void*) {
  if (!v || !PyUnicode_Check(v)) {
    PyErr_SetString(PyExc_TypeError, "__qualname__ must be set to a string object");
    return -1;
  }
  Py_XSETREF(reinterpret_cast<PyGenObject*>(self)->gi_qualname, Py_NewRef(v));
  return 0;
}

}  // namespace krait::gen

// -- PyGen_Type ------------------------------------------------------------------------------------

namespace {

using namespace krait::gen;

PyGenObject* as_gen(PyObject* o) { return reinterpret_cast<PyGenObject*>(o); }

PyObject* gen_iternext(PyObject* self) {
  PyObject* r;
  if (send_ex2(as_gen(self), nullptr, &r, false, false) == PYGEN_RETURN) {
    if (r != Py_None) _PyGen_SetStopIterationValue(r);
    Py_CLEAR(r);
  }
  return r;
}

PySendResult gen_am_send(PyObject* self, PyObject* arg, PyObject** result) {
  return send_ex2(as_gen(self), arg, result, false, false);
}

PyObject* gen_send(PyObject* self, PyObject* arg) { return send_ex(as_gen(self), arg, false, false); }
PyObject* gen_throw(PyObject* self, PyObject* const* args, Py_ssize_t nargs) {
  return throw_method(as_gen(self), args, nargs);
}
PyObject* gen_close(PyObject* self, PyObject*) { return close(as_gen(self)); }

PyObject* gen_repr(PyObject* self) {
  return PyUnicode_FromFormat("<generator object %S at %p>", as_gen(self)->gi_qualname, self);
}

PyObject* gi_frame(PyObject* self, void*) { return get_frame(as_gen(self)); }
PyObject* gi_yieldfrom(PyObject* self, void*) { return get_yieldfrom(as_gen(self)); }
PyObject* gi_running(PyObject* self, void*) { return PyBool_FromLong(as_gen(self)->gi_frame_state == kGenExecuting); }
PyObject* gi_suspended(PyObject* self, void*) { return PyBool_FromLong(as_gen(self)->gi_frame_state == kGenSuspended); }
PyObject* gi_code(PyObject* self, void*) { return Py_NewRef(reinterpret_cast<PyObject*>(as_gen(self)->gi_code)); }

PyGetSetDef gen_getset[] = {
    {"__name__", get_name, set_name, "name of the generator", nullptr},
    {"__qualname__", get_qualname, set_qualname, "qualified name of the generator", nullptr},
    {"gi_yieldfrom", gi_yieldfrom, nullptr, "object being iterated by yield from, or None", nullptr},
    {"gi_running", gi_running, nullptr, nullptr, nullptr},
    {"gi_frame", gi_frame, nullptr, nullptr, nullptr},
    {"gi_suspended", gi_suspended, nullptr, nullptr, nullptr},
    {"gi_code", gi_code, nullptr, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMethodDef gen_methods[] = {
    {"send", gen_send, METH_O, "send(arg) -> send 'arg' into generator,\nreturn next yielded value or raise StopIteration."},
    {"throw", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(gen_throw)), METH_FASTCALL,
     "throw(value)\nthrow(type[,value[,tb]])\n\nRaise exception in generator, return next yielded value or raise\nStopIteration."},
    {"close", gen_close, METH_NOARGS, "close() -> raise GeneratorExit inside generator."},
    {nullptr, nullptr, 0, nullptr},
};

PyAsyncMethods gen_as_async = {nullptr, nullptr, nullptr, gen_am_send};

}  // namespace

extern "C" {

PyTypeObject PyGen_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "generator",
    .tp_basicsize = offsetof(PyGenObject, gi_iframe),
    .tp_itemsize = sizeof(PyObject*),
    .tp_dealloc = krait::gen::dealloc,
    .tp_as_async = &gen_as_async,
    .tp_repr = gen_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = krait::gen::traverse,
    .tp_weaklistoffset = offsetof(PyGenObject, gi_weakreflist),
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = gen_iternext,
    .tp_methods = gen_methods,
    .tp_getset = gen_getset,
    .tp_finalize = krait::gen::finalize,
};

int _PyGen_SetStopIterationValue(PyObject* value) {
  if (!value || (!PyTuple_Check(value) && !PyExceptionInstance_Check(value))) {
    PyErr_SetObject(PyExc_StopIteration, value);
    return 0;
  }
  // Tuples and exceptions would be taken as constructor arguments/instances.
  PyObject* e = PyObject_CallOneArg(PyExc_StopIteration, value);
  if (!e) return -1;
  PyErr_SetObject(PyExc_StopIteration, e);
  Py_DECREF(e);
  return 0;
}

int _PyGen_FetchStopIterationValue(PyObject** pvalue) {
  PyObject* value = nullptr;
  if (PyErr_ExceptionMatches(PyExc_StopIteration)) {
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    if (v && !PyExceptionInstance_Check(v)) PyErr_NormalizeException(&t, &v, &tb);
    if (v && PyObject_TypeCheck(v, reinterpret_cast<PyTypeObject*>(PyExc_StopIteration)))
      value = Py_XNewRef(reinterpret_cast<PyStopIterationObject*>(v)->value);
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
  } else if (PyErr_Occurred()) {
    return -1;
  }
  *pvalue = value ? value : Py_NewRef(Py_None);
  return 0;
}

void _PyGen_Finalize(PyObject* self) { krait::gen::finalize(self); }

// Generators are created by calling generator functions; a frame object
// cannot be turned back into a suspended generator in Krait.
PyObject* PyGen_New(PyFrameObject*) {
  PyErr_SetString(PyExc_SystemError, "PyGen_New is not supported by Krait");
  return nullptr;
}
PyObject* PyGen_NewWithQualName(PyFrameObject*, PyObject*, PyObject*) {
  PyErr_SetString(PyExc_SystemError, "PyGen_NewWithQualName is not supported by Krait");
  return nullptr;
}

}  // extern "C"

// PyGen_GetCode is declared only in internal headers of 3.11; exported for
// extensions built against 3.12-style code.
extern "C" PyAPI_FUNC(PyCodeObject*) PyGen_GetCode(PyGenObject* g);
PyCodeObject* PyGen_GetCode(PyGenObject* g) { return reinterpret_cast<PyCodeObject*>(Py_NewRef(g->gi_code)); }
