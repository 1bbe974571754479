// trace.cpp — tracing and profiling hooks (see trace.h).
#include "interp/trace.h"

#include "interp/frame_object.h"

namespace krait::interp {

namespace {

const char* const kEventNames[] = {"call", "exception", "line", "return", "c_call", "c_exception", "c_return", "opcode"};

PyObject* event_name(int what) {
  static PyObject* names[8];
  if (!names[what]) names[what] = PyUnicode_InternFromString(kEventNames[what]);
  return names[what];
}

// Calls a Py_tracefunc with tracing turned off meanwhile (no recursion into
// the tracer from its own code).
int call_hook(Py_tracefunc func, PyObject* obj, Frame* f, int what, PyObject* arg) {
  PyThreadState* ts = PyThreadState_Get();
  if (ts->tracing) return 0;
  PyFrameObject* fo = frame_object(f);
  if (!fo) return -1;
  ts->tracing++;
  int rc = func(obj, fo, what, arg);
  ts->tracing--;
  Py_DECREF(fo);
  return rc;
}

PyObject* call_python(PyObject* callback, PyFrameObject* frame, int what, PyObject* arg) {
  PyObject* args[3] = {reinterpret_cast<PyObject*>(frame), event_name(what), arg ? arg : Py_None};
  return PyObject_Vectorcall(callback, args, 3, nullptr);
}

}  // namespace

static void update_flag(PyThreadState* ts) {
  bool on = ts->c_tracefunc || ts->c_profilefunc;
  if (ts->cframe) ts->cframe->use_tracing = on ? 255 : 0;
  if (ts == PyThreadState_Get()) thread_vm().tracing = on;
}

bool tracing_enabled() { return thread_vm().tracing && !PyThreadState_Get()->tracing; }

int trace_trampoline(PyObject* callable, PyFrameObject* frame, int what, PyObject* arg) {
  PyObject* callback = what == PyTrace_CALL ? callable : frame->f_trace;
  if (!callback || callback == Py_None) return 0;
  Py_INCREF(callback);
  PyObject* r = call_python(callback, frame, what, arg);
  Py_DECREF(callback);
  if (!r) {
    PyEval_SetTrace(nullptr, nullptr);
    Py_CLEAR(frame->f_trace);
    return -1;
  }
  if (r != Py_None) Py_XSETREF(frame->f_trace, r);
  else Py_DECREF(r);
  return 0;
}

int profile_trampoline(PyObject* callable, PyFrameObject* frame, int what, PyObject* arg) {
  PyObject* r = call_python(callable, frame, what, arg);
  if (!r) {
    PyEval_SetProfile(nullptr, nullptr);
    return -1;
  }
  Py_DECREF(r);
  return 0;
}

int trace_call(Frame* f) {
  PyThreadState* ts = PyThreadState_Get();
  f->traced_line = -1;
  if (ts->c_profilefunc && call_hook(ts->c_profilefunc, ts->c_profileobj, f, PyTrace_CALL, Py_None) < 0) return -1;
  if (ts->c_tracefunc && call_hook(ts->c_tracefunc, ts->c_traceobj, f, PyTrace_CALL, Py_None) < 0) return -1;
  return 0;
}

int trace_return(Frame* f, PyObject* v) {
  PyThreadState* ts = PyThreadState_Get();
  if (ts->c_tracefunc && call_hook(ts->c_tracefunc, ts->c_traceobj, f, PyTrace_RETURN, v) < 0) return -1;
  if (ts->c_profilefunc && call_hook(ts->c_profilefunc, ts->c_profileobj, f, PyTrace_RETURN, v) < 0) return -1;
  return 0;
}

int trace_line(Frame* f, const bytecode::CodeUnit* prev) {
  PyThreadState* ts = PyThreadState_Get();
  if (!ts->c_tracefunc) return 0;
  int line = bytecode::position_at(f->code, f->lasti()).line;
  if (line >= 0) {
    // A new line, or a jump backwards (a loop iteration on the same line).
    bool backwards = prev && f->instr < prev;
    if (line != f->traced_line || backwards) {
      f->traced_line = line;
      if ((!f->frame_obj || f->frame_obj->f_trace_lines) &&
          call_hook(ts->c_tracefunc, ts->c_traceobj, f, PyTrace_LINE, Py_None) < 0)
        return -1;
    }
  }
  // frame.f_trace_opcodes = True: an 'opcode' event before every instruction (Krait's
  // instructions, which are not CPython's).
  if (f->frame_obj && f->frame_obj->f_trace_opcodes)
    return call_hook(ts->c_tracefunc, ts->c_traceobj, f, PyTrace_OPCODE, Py_None);
  return 0;
}

void trace_exception(Frame* f) {
  PyThreadState* ts = PyThreadState_Get();
  if (!ts->c_tracefunc) return;
  PyObject *t, *v, *tb;
  PyErr_Fetch(&t, &v, &tb);
  PyErr_NormalizeException(&t, &v, &tb);
  PyObject* arg = PyTuple_Pack(3, t, v ? v : Py_None, tb ? tb : Py_None);
  int rc = arg ? call_hook(ts->c_tracefunc, ts->c_traceobj, f, PyTrace_EXCEPTION, arg) : -1;
  Py_XDECREF(arg);
  if (rc < 0) {  // the tracer's error replaces the exception
    Py_XDECREF(t);
    Py_XDECREF(v);
    Py_XDECREF(tb);
    return;
  }
  PyErr_Restore(t, v, tb);
}

}  // namespace krait::interp

using namespace krait::interp;

extern "C" {

int _PyEval_SetTrace(PyThreadState* ts, Py_tracefunc func, PyObject* arg) {
  PyObject* old = ts->c_traceobj;
  ts->c_traceobj = Py_XNewRef(arg);
  ts->c_tracefunc = func;
  Py_XDECREF(old);
  update_flag(ts);
  return 0;
}
void PyEval_SetTrace(Py_tracefunc func, PyObject* arg) { _PyEval_SetTrace(PyThreadState_Get(), func, arg); }

int _PyEval_SetProfile(PyThreadState* ts, Py_tracefunc func, PyObject* arg) {
  PyObject* old = ts->c_profileobj;
  ts->c_profileobj = Py_XNewRef(arg);
  ts->c_profilefunc = func;
  Py_XDECREF(old);
  update_flag(ts);
  return 0;
}
void PyEval_SetProfile(Py_tracefunc func, PyObject* arg) { _PyEval_SetProfile(PyThreadState_Get(), func, arg); }

}  // extern "C"
