// frame.h — interpreter frames and the per-thread VM stack.
//
// A Frame is the activation record of one Python call: a fixed header
// followed by `localsplus` (the code's fast locals, cells and free
// variables) and then the value stack. Frames are bump-allocated on a
// contiguous per-thread VM stack, so a Python->Python call costs a pointer
// bump and no C recursion. Frame *objects* (PyFrameObject, what Python code
// and tracebacks see) are created only when asked for; when a frame dies
// while its frame object is still referenced, the object takes a private
// copy of the frame ("takes ownership") — see docs/internals/interpreter.md.
#pragma once
#include <Python.h>

#include <cstddef>
#include <cstring>

#include "bytecode/code.h"

namespace krait::interp {

enum class FrameOwner : uint8_t {
  VMStack,      // lives on the thread's VM stack
  Generator,    // embedded in a generator/coroutine object (next issue)
  FrameObject,  // copied into its PyFrameObject after the call returned
};

struct Frame {
  PyFunctionObject* func;   // strong; every frame has one (module code too)
  PyCodeObject* code;       // strong: func.__code__ may be reassigned meanwhile
  PyObject* globals;        // borrowed from func
  PyObject* builtins;       // borrowed from func
  PyObject* locals;         // strong or NULL: the namespace of module/class/exec frames
  Frame* previous;          // the caller (NULL at the bottom of a thread)
  PyFrameObject* frame_obj; // strong or NULL: the materialized frame object
  const bytecode::CodeUnit* instr;  // the instruction executing now (or last executed)
  PyObject* init_self;      // strong or NULL: an inline `Class(...)` call's instance,
                            // the result of this __init__ frame (eval.cpp, CALL)
  int stacktop;             // value-stack depth, valid while the frame is not running
  int traced_line;          // last line reported to a tracer (trace.cpp)
  FrameOwner owner;
  bool is_entry;            // returning from it leaves the C eval loop
  PyObject* localsplus[1];  // nlocalsplus slots, then co_stacksize stack slots

  PyObject** stack_base() { return localsplus + code->co_nlocalsplus; }
  const bytecode::CodeUnit* first_instr() const { return bytecode::code_units(code); }
  int lasti() const { return instr ? static_cast<int>(instr - first_instr()) : -1; }
};

inline size_t frame_size_words(PyCodeObject* co) {  // in PyObject* words
  return (offsetof(Frame, localsplus) / sizeof(PyObject*)) + co->co_nlocalsplus + co->co_stacksize;
}

// A VM stack chunk. Frames are bump-allocated in the newest chunk; a frame
// that does not fit opens a new chunk, freed again when its last frame pops.
struct Chunk {
  Chunk* prev;
  size_t size, top;  // in words
  PyObject* data[1];
};

// Per-thread interpreter state that is not part of PyThreadState's ABI.
// Constant-initialized (no constructor or destructor): see frame.cpp.
struct ThreadVM {
  Chunk* chunk = nullptr;          // newest VM stack chunk (older ones via prev)
  Frame* current = nullptr;        // innermost executing frame
  char* c_stack_limit = nullptr;   // below this address, raise RecursionError
  bool tracing = false;            // a tracer or profiler is set (trace.cpp)
};
ThreadVM& thread_vm();

// Every live thread's ThreadVM, newest first, for faulthandler's dumps from
// a signal handler or its watchdog thread. Readers walk the list without a
// lock (a dump of a running thread is best-effort, as in CPython).
struct ThreadVMEntry {
  unsigned long ident;  // PyThread_get_thread_ident() of the owning thread
  ThreadVM* vm;
  ThreadVMEntry* next;
};
ThreadVMEntry* all_thread_vms();

// Pushes a frame for `func` (args not yet bound; localsplus NULLed).
// Returns NULL with MemoryError set if the VM stack cannot grow.
Frame* push_frame(PyFunctionObject* func, PyObject* locals);
// Clears the frame's references and pops it (it must be the top frame).
void pop_frame(Frame* f);

// The same, inline for the interpreter's calls and returns (`vm` is the
// running thread's). The slow paths (a new chunk, a frame object that
// outlives the call, freeing an emptied chunk) stay out of line.
void init_frame(Frame* f, PyFunctionObject* func, PyObject* locals);
void clear_frame(Frame* f);
Frame* push_frame_new_chunk(ThreadVM& vm, PyFunctionObject* func, size_t words);
void pop_chunk(ThreadVM& vm);

inline Frame* push_frame_fast(ThreadVM& vm, PyFunctionObject* func) {
  auto* co = reinterpret_cast<PyCodeObject*>(func->func_code);
  size_t words = frame_size_words(co);
  Chunk* c = vm.chunk;
  if (__builtin_expect(!c || c->top + words > c->size, 0)) return push_frame_new_chunk(vm, func, words);
  auto* f = reinterpret_cast<Frame*>(c->data + c->top);
  c->top += words;
  f->func = reinterpret_cast<PyFunctionObject*>(Py_NewRef(func));
  f->code = reinterpret_cast<PyCodeObject*>(Py_NewRef(co));
  f->globals = func->func_globals;
  f->builtins = func->func_builtins;
  f->locals = nullptr;
  f->previous = nullptr;
  f->frame_obj = nullptr;
  f->instr = nullptr;
  f->init_self = nullptr;
  f->stacktop = 0;
  f->traced_line = -1;
  f->owner = FrameOwner::VMStack;
  f->is_entry = false;
  std::memset(f->localsplus, 0, sizeof(PyObject*) * static_cast<size_t>(co->co_nlocalsplus));
  return f;
}

inline void pop_frame_fast(ThreadVM& vm, Frame* f) {
  PyCodeObject* co = f->code;
  size_t words = frame_size_words(co);
  if (__builtin_expect(f->frame_obj != nullptr || f->locals != nullptr, 0)) {
    clear_frame(f);
  } else {
    // Locals first, then the stack (as clear_frame), then code and function.
    for (int i = 0, n = co->co_nlocalsplus; i < n; i++) Py_CLEAR(f->localsplus[i]);
    PyObject** base = f->localsplus + co->co_nlocalsplus;
    for (int i = 0; i < f->stacktop; i++) Py_CLEAR(base[i]);
    f->stacktop = 0;
    PyFunctionObject* fn = f->func;
    f->code = nullptr;
    f->func = nullptr;
    Py_DECREF(co);
    Py_DECREF(fn);
  }
  Chunk* c = vm.chunk;
  c->top -= words;
  if (__builtin_expect(c->top == 0 && c->prev != nullptr, 0)) pop_chunk(vm);
}

// The frame object for `f`, created on first request (new reference).
PyFrameObject* frame_object(Frame* f);
// Binds arguments to parameters (CPython's rules and messages). `args` are
// borrowed. Returns -1 with an exception set.
int bind_arguments(Frame* f, PyFunctionObject* func, PyObject* const* args, size_t nargs,
                   PyObject* kwnames);

// Line number of the frame's current instruction.
int frame_lineno(Frame* f);

}  // namespace krait::interp
