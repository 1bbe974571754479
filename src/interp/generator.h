// generator.h — frames that suspend: what the eval loop and the generator,
// coroutine and async-generator objects share.
//
// A generator object (PyGenObject / PyCoroObject / PyAsyncGenObject, CPython's
// public head) is allocated with room for a whole interpreter Frame in its
// trailing `gi_iframe` member (tp_itemsize = one word, ob_size = frame words).
// Calling a generator function binds the arguments straight into that
// embedded frame; nothing runs until the first resumption. Each resumption
// (send/throw/__next__) re-enters the eval loop with the embedded frame as its
// entry frame; YIELD_VALUE saves the stack depth and returns from the C loop,
// so a suspended generator holds no C stack. See docs/internals/interpreter.md.
#pragma once
#include <Python.h>

#include "interp/frame.h"

namespace krait::interp {

// gi_frame_state values (CPython 3.11's numbering).
enum GenState : int8_t {
  kGenCreated = -2,
  kGenSuspended = -1,
  kGenExecuting = 0,
  kGenCompleted = 1,
  kGenCleared = 4,
};

inline Frame* gen_frame(PyGenObject* g) { return reinterpret_cast<Frame*>(g->gi_iframe); }
inline PyGenObject* gen_of_frame(Frame* f) {
  return reinterpret_cast<PyGenObject*>(reinterpret_cast<char*>(f) - offsetof(PyGenObject, gi_iframe));
}

// Fills a freshly allocated frame (`f` has room for the code's frame size):
// references to func and code, NULL locals, not linked. Used by push_frame and
// by generator creation (frame.cpp).
void init_frame(Frame* f, PyFunctionObject* func, PyObject* locals);

// Creates the generator, coroutine or async generator for a call of `func`
// (chosen by co_flags) and binds the arguments in its frame.
PyObject* make_generator(PyFunctionObject* func, PyObject* const* args, size_t nargs, PyObject* kwnames);

// Runs the generator's frame until it yields, returns or raises. With
// `throwing`, the pending exception is raised at the suspension point;
// otherwise `value` (borrowed) is the result of the suspended yield (ignored
// on the first resumption). Returns the yielded or returned value, or NULL
// with an exception; the generator's gi_frame_state says which.
PyObject* resume_frame(Frame* f, PyObject* value, bool throwing);

// The sub-iterator a suspended generator delegates to (yield from / await),
// borrowed, or NULL.
PyObject* gen_yieldfrom(PyGenObject* g);

// Helpers for the eval loop (generator_object.cpp / coroutine_object.cpp /
// asyncgen_object.cpp).
PyObject* get_yield_from_iter(PyObject* iterable, PyCodeObject* running);  // GET_YIELD_FROM_ITER
PyObject* get_awaitable_iter(PyObject* o);                                 // _PyCoro_GetAwaitableIter
PyObject* async_gen_wrap_value(PyObject* v);                                // new ref
PyObject* get_anext_awaitable(PyObject* aiter);                             // GET_ANEXT

}  // namespace krait::interp
