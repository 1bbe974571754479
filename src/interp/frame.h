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

// Per-thread interpreter state that is not part of PyThreadState's ABI.
struct ThreadVM {
  PyObject** chunk = nullptr;      // current VM stack chunk
  size_t chunk_words = 0, top = 0; // allocation pointer within it
  struct Chunk* chunks = nullptr;  // older chunks
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

// The frame object for `f`, created on first request (new reference).
PyFrameObject* frame_object(Frame* f);
// Binds arguments to parameters (CPython's rules and messages). `args` are
// borrowed. Returns -1 with an exception set.
int bind_arguments(Frame* f, PyFunctionObject* func, PyObject* const* args, size_t nargs,
                   PyObject* kwnames);

// Line number of the frame's current instruction.
int frame_lineno(Frame* f);

}  // namespace krait::interp
