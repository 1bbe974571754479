// frame_object.cpp — PyFrame_Type: Python-visible frame objects, created
// lazily for interpreter frames (tracebacks, sys._getframe, f_locals).
#include "interp/frame_object.h"

#include <frameobject.h>  // gives PyFrame_New and friends default visibility
#include <structmember.h>

#include <cstdlib>
#include <cstring>

#include "interp/eval.h"
#include "interp/generator.h"
#include "objects/generator_object.h"
#include "support/ref.h"

using namespace krait;
using namespace krait::interp;

namespace krait::interp {

PyFrameObject* frame_object(Frame* f) {
  if (f->frame_obj) return reinterpret_cast<PyFrameObject*>(Py_NewRef(f->frame_obj));
  auto* fo = PyObject_GC_New(PyFrameObject, &PyFrame_Type);
  if (!fo) return nullptr;
  fo->f_frame = f;
  fo->f_back = nullptr;
  fo->f_trace = nullptr;
  fo->f_lineno = 0;
  fo->f_trace_lines = 1;
  fo->f_trace_opcodes = 0;
  fo->f_owns_frame = 0;
  f->frame_obj = reinterpret_cast<PyFrameObject*>(Py_NewRef(fo));
  return fo;
}

void frame_object_detach(PyFrameObject* fo) {
  fo->f_lineno = fo->f_frame ? frame_lineno(fo->f_frame) : fo->f_lineno;
  fo->f_frame = nullptr;
}

void frame_object_take_ownership(PyFrameObject* fo, Frame* f) {
  // f_back must survive the caller's frame too: materialize it now.
  if (f->previous && !fo->f_back) fo->f_back = frame_object(f->previous);
  size_t words = offsetof(Frame, localsplus) / sizeof(PyObject*) + static_cast<size_t>(f->code->co_nlocalsplus) + 1;
  auto* copy = static_cast<Frame*>(std::malloc(words * sizeof(PyObject*)));
  if (!copy) {  // out of memory: degrade to a detached frame
    fo->f_lineno = frame_lineno(f);
    fo->f_frame = nullptr;
    f->frame_obj = nullptr;
    clear_frame(f);
    return;
  }
  std::memcpy(copy, f, words * sizeof(PyObject*));
  // Value-stack items are dropped; the references of the header and locals move.
  PyObject** base = f->stack_base();
  for (int i = 0; i < f->stacktop; i++) Py_CLEAR(base[i]);
  copy->stacktop = 0;
  copy->owner = FrameOwner::FrameObject;
  copy->previous = nullptr;
  copy->frame_obj = nullptr;
  fo->f_frame = copy;
  fo->f_owns_frame = 1;
  fo->f_lineno = frame_lineno(copy);
  // The original no longer owns anything.
  f->func = nullptr;
  f->code = nullptr;
  f->locals = nullptr;
}

}  // namespace krait::interp

namespace {

void release_owned(PyFrameObject* fo) {
  if (fo->f_owns_frame && fo->f_frame) {
    Frame* f = fo->f_frame;
    fo->f_frame = nullptr;
    fo->f_owns_frame = 0;
    for (int i = 0; i < f->code->co_nlocalsplus; i++) Py_CLEAR(f->localsplus[i]);
    Py_CLEAR(f->locals);
    Py_CLEAR(f->code);
    Py_CLEAR(f->func);
    std::free(f);
  }
}

void frame_dealloc(PyObject* self) {
  auto* fo = reinterpret_cast<PyFrameObject*>(self);
  PyObject_GC_UnTrack(self);
  release_owned(fo);
  Py_CLEAR(fo->f_back);
  Py_CLEAR(fo->f_trace);
  PyObject_GC_Del(self);
}

int frame_traverse(PyObject* self, visitproc visit, void* arg) {
  auto* fo = reinterpret_cast<PyFrameObject*>(self);
  Py_VISIT(fo->f_back);
  Py_VISIT(fo->f_trace);
  if (fo->f_owns_frame && fo->f_frame) {
    Frame* f = fo->f_frame;
    for (int i = 0; i < f->code->co_nlocalsplus; i++) Py_VISIT(f->localsplus[i]);
    Py_VISIT(f->locals);
    Py_VISIT(reinterpret_cast<PyObject*>(f->func));
  }
  return 0;
}

int frame_tp_clear(PyObject* self) {
  auto* fo = reinterpret_cast<PyFrameObject*>(self);
  release_owned(fo);
  Py_CLEAR(fo->f_back);
  Py_CLEAR(fo->f_trace);
  return 0;
}

PyObject* get_code(PyObject* self, void*) { return reinterpret_cast<PyObject*>(PyFrame_GetCode(reinterpret_cast<PyFrameObject*>(self))); }
PyObject* get_lineno(PyObject* self, void*) { return PyLong_FromLong(PyFrame_GetLineNumber(reinterpret_cast<PyFrameObject*>(self))); }
PyObject* get_lasti(PyObject* self, void*) { return PyLong_FromLong(PyFrame_GetLasti(reinterpret_cast<PyFrameObject*>(self))); }
PyObject* get_globals(PyObject* self, void*) { return PyFrame_GetGlobals(reinterpret_cast<PyFrameObject*>(self)); }
PyObject* get_builtins(PyObject* self, void*) { return PyFrame_GetBuiltins(reinterpret_cast<PyFrameObject*>(self)); }
PyObject* get_locals(PyObject* self, void*) { return PyFrame_GetLocals(reinterpret_cast<PyFrameObject*>(self)); }
PyObject* get_back(PyObject* self, void*) {
  PyObject* b = reinterpret_cast<PyObject*>(PyFrame_GetBack(reinterpret_cast<PyFrameObject*>(self)));
  return b ? b : Py_NewRef(Py_None);
}
PyObject* get_trace(PyObject* self, void*) {
  auto* fo = reinterpret_cast<PyFrameObject*>(self);
  return Py_NewRef(fo->f_trace ? fo->f_trace : Py_None);
}
int set_trace(PyObject* self, PyObject* v, void*) {
  auto* fo = reinterpret_cast<PyFrameObject*>(self);
  Py_XSETREF(fo->f_trace, v == Py_None ? nullptr : Py_XNewRef(v));
  return 0;
}

// frame.clear(): drops the locals of a frame that has finished; a suspended
// generator's frame closes its generator; a running frame cannot be cleared.
PyObject* frame_clear(PyObject* self, PyObject*) {
  auto* fo = reinterpret_cast<PyFrameObject*>(self);
  Frame* f = fo->f_frame;
  if (f && f->code) {
    if (f->owner == FrameOwner::Generator) {
      PyGenObject* g = gen_of_frame(f);
      if (g->gi_frame_state == kGenExecuting) goto running;
      Ref<> gen = Ref<>::borrow(reinterpret_cast<PyObject*>(g));
      krait::gen::finalize(gen.obj());
      if (PyErr_Occurred()) return nullptr;
    } else if (f->owner == FrameOwner::VMStack) {
      goto running;
    } else {
      for (int i = 0; i < f->code->co_nlocalsplus; i++) Py_CLEAR(f->localsplus[i]);
      Py_CLEAR(f->locals);
      Py_CLEAR(fo->f_trace);
    }
  }
  Py_RETURN_NONE;
running:
  PyErr_SetString(PyExc_RuntimeError, "cannot clear an executing frame");
  return nullptr;
}

PyMethodDef frame_methods[] = {
    {"clear", frame_clear, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr},
};

PyObject* frame_repr(PyObject* self) {
  auto* fo = reinterpret_cast<PyFrameObject*>(self);
  PyCodeObject* co = PyFrame_GetCode(fo);
  PyObject* r = PyUnicode_FromFormat("<frame at %p, file '%U', line %d, code %U>", self, co->co_filename,
                                     PyFrame_GetLineNumber(fo), co->co_name);
  Py_DECREF(co);
  return r;
}

PyGetSetDef frame_getset[] = {
    {"f_code", get_code, nullptr, nullptr, nullptr},
    {"f_lineno", get_lineno, nullptr, nullptr, nullptr},
    {"f_lasti", get_lasti, nullptr, nullptr, nullptr},
    {"f_globals", get_globals, nullptr, nullptr, nullptr},
    {"f_builtins", get_builtins, nullptr, nullptr, nullptr},
    {"f_locals", get_locals, nullptr, nullptr, nullptr},
    {"f_back", get_back, nullptr, nullptr, nullptr},
    {"f_trace", get_trace, set_trace, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

PyMemberDef frame_members[] = {
    {"f_trace_lines", T_BOOL, offsetof(PyFrameObject, f_trace_lines), 0, nullptr},
    {"f_trace_opcodes", T_BOOL, offsetof(PyFrameObject, f_trace_opcodes), 0, nullptr},
    {nullptr, 0, 0, 0, nullptr},
};

}  // namespace

extern "C" {

PyTypeObject PyFrame_Type = {
    .ob_base = PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "frame",
    .tp_basicsize = sizeof(PyFrameObject),
    .tp_dealloc = frame_dealloc,
    .tp_repr = frame_repr,
    .tp_getattro = PyObject_GenericGetAttr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = frame_traverse,
    .tp_clear = frame_tp_clear,
    .tp_methods = frame_methods,
    .tp_members = frame_members,
    .tp_getset = frame_getset,
};

PyCodeObject* PyFrame_GetCode(PyFrameObject* fo) {
  PyCodeObject* co = fo->f_frame ? fo->f_frame->code : nullptr;
  if (!co) co = PyCode_NewEmpty("<unknown>", "<unknown>", fo->f_lineno);
  else Py_INCREF(co);
  return co;
}

int PyFrame_GetLineNumber(PyFrameObject* fo) {
  return fo->f_frame && fo->f_frame->code ? frame_lineno(fo->f_frame) : fo->f_lineno;
}

int PyFrame_GetLasti(PyFrameObject* fo) {
  if (!fo->f_frame || !fo->f_frame->code) return -1;
  int i = fo->f_frame->lasti();
  return i < 0 ? -1 : i * krait::bytecode::kAddrPerUnit;
}

PyFrameObject* PyFrame_GetBack(PyFrameObject* fo) {
  if (fo->f_back) return reinterpret_cast<PyFrameObject*>(Py_NewRef(fo->f_back));
  if (fo->f_frame && !fo->f_owns_frame && fo->f_frame->previous) return frame_object(fo->f_frame->previous);
  return nullptr;
}

// The generator/coroutine whose embedded frame this is (new reference), or
// NULL for a frame that belongs to no generator.
PyObject* PyFrame_GetGenerator(PyFrameObject* fo) {
  Frame* f = fo->f_frame;
  if (!f || fo->f_owns_frame || f->owner != krait::interp::FrameOwner::Generator) return nullptr;
  return Py_NewRef(reinterpret_cast<PyObject*>(krait::interp::gen_of_frame(f)));
}

PyObject* PyFrame_GetGlobals(PyFrameObject* fo) {
  return Py_NewRef(fo->f_frame && fo->f_frame->globals ? fo->f_frame->globals : Py_None);
}
PyObject* PyFrame_GetBuiltins(PyFrameObject* fo) {
  return Py_NewRef(fo->f_frame && fo->f_frame->builtins ? fo->f_frame->builtins : Py_None);
}

// f_locals: the namespace for module/class frames. An optimized (function) frame keeps its
// variables in fast slots; its locals() dict is one dict cached in f->locals and brought up to
// date on every call, as CPython's PyFrame_FastToLocals: bound names set (cells dereferenced),
// unbound ones removed. (A second locals() call used to return the first snapshot unchanged.)
static int sync_fast_locals(Frame* f, PyObject* d) {
  PyCodeObject* co = f->code;
  const char* kinds = PyBytes_AS_STRING(co->co_localspluskinds);
  for (int i = 0; i < co->co_nlocalsplus; i++) {
    PyObject* name = PyTuple_GET_ITEM(co->co_localsplusnames, i);
    PyObject* v = f->localsplus[i];
    uint8_t k = static_cast<uint8_t>(kinds[i]);
    if (!v && (k & bytecode::kFastFree) && f->func && f->func->func_closure) {
      // A frame that has not started yet (COPY_FREE_VARS not run) shows its free variables
      // from the function's closure, as CPython's _PyFrame_FastToLocals does.
      Py_ssize_t ci = i - (co->co_nlocalsplus - co->co_nfreevars);
      PyObject* closure = f->func->func_closure;
      if (ci >= 0 && ci < PyTuple_GET_SIZE(closure)) v = PyTuple_GET_ITEM(closure, ci);
    }
    if (v && (k & (bytecode::kFastCell | bytecode::kFastFree)) && PyCell_Check(v)) v = PyCell_GET(v);
    if (v) {
      if (PyDict_SetItem(d, name, v) < 0) return -1;
    } else if (PyDict_DelItem(d, name) < 0) {
      if (!PyErr_ExceptionMatches(PyExc_KeyError)) return -1;
      PyErr_Clear();
    }
  }
  return 0;
}

PyObject* PyFrame_GetLocals(PyFrameObject* fo) {
  Frame* f = fo->f_frame;
  if (!f || !f->code) return PyDict_New();
  bool optimized = (f->code->co_flags & CO_OPTIMIZED) != 0;
  if (f->locals && !optimized) return Py_NewRef(f->locals);
  if (!f->locals) {
    f->locals = PyDict_New();
    if (!f->locals) return nullptr;
  }
  if (sync_fast_locals(f, f->locals) < 0) return nullptr;
  return Py_NewRef(f->locals);
}

int PyFrame_GetLineNumber(PyFrameObject*);

// Cython builds frames for its tracebacks with PyFrame_New(tstate, code,
// globals, locals). We give them an owned frame copy with no function.
PyFrameObject* PyFrame_New(PyThreadState*, PyCodeObject* code, PyObject* globals, PyObject* locals) {
  auto* fo = PyObject_GC_New(PyFrameObject, &PyFrame_Type);
  if (!fo) return nullptr;
  size_t words = offsetof(Frame, localsplus) / sizeof(PyObject*) + static_cast<size_t>(code->co_nlocalsplus) + 1;
  auto* f = static_cast<Frame*>(std::calloc(words, sizeof(PyObject*)));
  if (!f) {
    PyObject_GC_Del(fo);
    return reinterpret_cast<PyFrameObject*>(PyErr_NoMemory());
  }
  f->code = reinterpret_cast<PyCodeObject*>(Py_NewRef(code));
  f->globals = globals;
  f->builtins = nullptr;
  f->locals = Py_XNewRef(locals);
  f->owner = FrameOwner::FrameObject;
  fo->f_frame = f;
  fo->f_back = nullptr;
  fo->f_trace = nullptr;
  fo->f_lineno = code->co_firstlineno;
  fo->f_trace_lines = 1;
  fo->f_trace_opcodes = 0;
  fo->f_owns_frame = 1;
  return fo;
}

}  // extern "C"
