// trace.h — sys.settrace / sys.setprofile support (trace.cpp).
//
// The eval loop reports events through the thread state's c_tracefunc /
// c_profilefunc (CPython's Py_tracefunc protocol, so C tracers such as
// coverage's CTracer work): 'call' when a frame starts or resumes, 'line'
// when execution reaches a new line (or jumps backwards), 'return' when a
// frame returns or yields, 'exception' when an exception is raised in a frame
// (tracer only). sys.settrace(f) must call
//     PyEval_SetTrace(f == None ? NULL : krait::interp::trace_trampoline, f)
// and sys.setprofile(f)
//     PyEval_SetProfile(f == None ? NULL : krait::interp::profile_trampoline, f)
// (sys.gettrace/getprofile return tstate->c_traceobj / c_profileobj).
#pragma once
#include <Python.h>

#include "interp/frame.h"

namespace krait::interp {

// Py_tracefunc adapters for Python-level trace/profile functions: call
// `callable(frame, event, arg)` and keep frame.f_trace as CPython does.
int trace_trampoline(PyObject* callable, PyFrameObject* frame, int what, PyObject* arg);
int profile_trampoline(PyObject* callable, PyFrameObject* frame, int what, PyObject* arg);

// True when this thread has a tracer or profiler (checked by the eval loop).
bool tracing_enabled();

// Eval-loop hooks; each returns -1 (with an exception) if the hook failed.
int trace_call(Frame* f);                  // 'call' (tracer and profiler)
int trace_return(Frame* f, PyObject* v);   // 'return' (tracer and profiler)
int trace_line(Frame* f, const bytecode::CodeUnit* prev);  // maybe 'line'
void trace_exception(Frame* f);            // 'exception' (pending exception kept)

}  // namespace krait::interp
