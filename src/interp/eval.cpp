// eval.cpp — the interpreter loop.
//
// One C activation of `run` executes any number of Python frames: CALL of a
// Python function pushes a frame on the VM stack and jumps to `start_frame`;
// RETURN_VALUE pops it and resumes the caller, leaving the C loop only when
// the frame that entered it (`is_entry`) returns. Dispatch is computed goto
// through a table generated from opcodes.def. Errors unwind through the code
// object's exception table (see docs/internals/interpreter.md).
#include "interp/eval.h"

#include <pthread.h>

#include <cstring>

#include "capi/call_internal.h"
#include "interp/frame_object.h"
#include "interp/except_star.h"
#include "interp/generator.h"
#include "interp/trace.h"
#include "interp/support.h"
#include "interp/eval_attr_cache.h"
#include "interp/eval_ccall.h"
#include "interp/eval_fastpaths.h"
#include "interp/eval_support.h"
#include "interp/eval_globals_cache.h"
#include "objects/type_internal.h"
#include "runtime/eval_breaker.h"
#include "runtime/interp_state.h"

namespace krait::interp {

using bytecode::CodeUnit;
using bytecode::Op;

// A context-manager method looked up on the type and bound, as CPython's
// _PyObject_LookupSpecial (the instance's __getattribute__ is not consulted);
// NULL without an exception when the type has none.
static PyObject* special_method(PyObject* o, const char* name) {
  PyObject* n = PyUnicode_InternFromString(name);  // interned: stays alive
  if (!n) return nullptr;
  PyObject* r = krait::lookup_special(o, n);
  Py_DECREF(n);
  return r;
}

static int g_recursion_limit = 1000;
int recursion_limit() { return g_recursion_limit; }
void set_recursion_limit(int limit) { g_recursion_limit = limit; }

// initial-exec: libkrait.so is always loaded at startup, and this avoids a
// __tls_get_addr call per Python call.
static thread_local int t_depth __attribute__((tls_model("initial-exec"))) = 0;
int python_depth() { return t_depth; }

Frame* current_frame() { return thread_vm().current; }

// -- C stack guard ---------------------------------------------------------------------
// Python->Python calls do not use the C stack, but C->Python re-entry does;
// keep 256 KiB of headroom below the thread's stack limit.
static bool c_stack_exhausted() {
  ThreadVM& vm = thread_vm();
  char here;
  if (!vm.c_stack_limit) {
    pthread_attr_t attr;
    void* addr = nullptr;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      pthread_attr_getstack(&attr, &addr, &size);
      pthread_attr_destroy(&attr);
    }
    if (!addr || size < (1 << 20)) vm.c_stack_limit = &here - (512 << 10);
    else vm.c_stack_limit = static_cast<char*>(addr) + (256 << 10);
  }
  return &here < vm.c_stack_limit;
}

static bool enter_python_frame() {
  // Python frames and C-level recursion (Py_EnterRecursiveCall, counted in the
  // thread state) share one limit, as in CPython: an except handler that
  // recurses from deep inside C calls must still stop at the limit.
  PyThreadState* ts = krait::tstate();
  if (t_depth + (ts->recursion_limit - ts->recursion_remaining) >= g_recursion_limit) {
    PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded");
    return false;
  }
  t_depth++;
  return true;
}

static bool is_plain_python_function(PyObject* callable) {
  if (!PyFunction_Check(callable)) return false;
  auto* fn = reinterpret_cast<PyFunctionObject*>(callable);
  auto* co = reinterpret_cast<PyCodeObject*>(fn->func_code);
  return fn->vectorcall == function_vectorcall &&
         !(co->co_flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR));
}

// The Python __init__ (borrowed) to run inline for a call of `tp`, if the
// call would be type_call -> object.__new__ -> slot_tp_init -> a plain
// Python function; else NULL.
static PyObject* inline_init_of(PyTypeObject* tp) {
  static PyObject* init_name = PyUnicode_InternFromString("__init__");
  if (tp->tp_new != PyBaseObject_Type.tp_new || !is_slot_tp_init(tp->tp_init) ||
      (tp->tp_flags & Py_TPFLAGS_IS_ABSTRACT) || !tp->tp_alloc)
    return nullptr;
  PyObject* init = type_lookup(tp, init_name);
  return init && is_plain_python_function(init) ? init : nullptr;
}

// -- The loop ----------------------------------------------------------------------------------------

// Runs `entry` (and every Python frame it calls) to completion. A generator
// frame (owner Generator) is also an entry frame: it returns from here when it
// yields. `resume_value`/`throwing` apply to generator resumption only.
static PyObject* run(Frame* entry, PyObject* resume_value = nullptr, bool throwing = false) {
  ThreadVM& vm = thread_vm();
  Frame* frame = entry;
  frame->is_entry = true;
  frame->previous = vm.current;
  vm.current = frame;

  static void* const dispatch_table[256] = {
#define KRAIT_OPCODE(name, operand, effect, jeffect, flags, cache) &&L_##name,
#include "bytecode/opcodes.def"
  };

  const CodeUnit* first;
  const CodeUnit* ip;
  // Fast locals are addressed through `frame` (frame->localsplus is at a fixed
  // offset), which keeps a register free in the loop.
#define LOCALS (frame->localsplus)
  PyObject** stack_base;
  PyObject** sp;
  PyObject* kwnames = nullptr;
  uint32_t oparg = 0;
  int unwind_at = -1;  // RERAISE with lasti: where to look up the next handler

// The value is computed before sp moves (v may read the stack, e.g. TOP()).
#define PUSH(v)              \
  do {                       \
    PyObject* pushed_ = (v); \
    *sp++ = pushed_;         \
  } while (0)
#define POP() (*--sp)
#define TOP() (sp[-1])
#define PEEK(n) (sp[-static_cast<ptrdiff_t>(n)])
#define SET_TOP(v) (sp[-1] = (v))
// The previous instruction is read only when tracing (trace_line needs it to
// see backward jumps), so the common path is one store and the dispatch.
#define DISPATCH()                                                        \
  do {                                                                    \
    if (__builtin_expect(vm.tracing, 0)) {                                \
      const CodeUnit* prev_ = frame->instr;                               \
      frame->instr = ip;                                                  \
      if (tracing_enabled() && trace_line(frame, prev_) < 0) goto error;  \
    } else {                                                              \
      frame->instr = ip;                                                  \
    }                                                                     \
    CodeUnit w_ = *ip;                                                    \
    oparg = bytecode::arg_of(w_);                                         \
    goto* dispatch_table[w_ & 0xFF];                                      \
  } while (0)
#define TARGET(name) L_##name : { \
    constexpr int kSize = bytecode::size_of(Op::name);
#define END_TARGET }
#define NEXT()     \
  do {             \
    ip += kSize;   \
    DISPATCH();    \
  } while (0)
#define JUMPTO(off)          \
  do {                       \
    ip = first + (off);      \
    DISPATCH();              \
  } while (0)
// Conditional jumps go backward at the bottom of an inverted while loop:
// like JUMP, a backward one is a safe point.
#define COND_JUMPTO(off)                                                                          \
  do {                                                                                            \
    if ((off) <= static_cast<uint32_t>(ip - first) && __builtin_expect(eval_break_requested(), 0) && \
        handle_eval_breaker() < 0)                                                                \
      goto error;                                                                                 \
    JUMPTO(off);                                                                                  \
  } while (0)
#define LOAD_REGISTERS()                                   \
  do {                                                     \
    first = bytecode::code_units(frame->code);             \
    stack_base = frame->stack_base();                      \
    sp = stack_base + frame->stacktop;                     \
  } while (0)
#define SAVE_SP() (frame->stacktop = static_cast<int>(sp - stack_base))

  if (entry->owner == FrameOwner::Generator) {
    // Resumption (the C stack was checked by resume_frame).
    LOAD_REGISTERS();
    if (vm.tracing && tracing_enabled() && trace_call(frame) < 0) goto error;
    if (throwing) goto error;  // raised at the suspension point, with a traceback entry
    if (!frame->instr) {
      ip = first;
      if (__builtin_expect(eval_break_requested(), 0) && handle_eval_breaker() < 0) goto error;
      DISPATCH();
    }
    PUSH(Py_NewRef(resume_value));  // the value of the suspended YIELD_VALUE
    ip = frame->instr + bytecode::size_of(Op::YIELD_VALUE);
    // A plain yield resumes at a safe point (CPython's RESUME 1); inside a
    // yield-from/await loop (YIELD_VALUE 1) the delegate handles signals.
    if (bytecode::arg_of(*frame->instr) == 0 && __builtin_expect(eval_break_requested(), 0) &&
        handle_eval_breaker() < 0)
      goto error;
    DISPATCH();
  }
  if (c_stack_exhausted()) {
    PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded (C stack)");
    vm.current = frame->previous;
    t_depth++;  // balanced by the pop below
    goto exit_unwind_noframe;
  }

start_frame:
  LOAD_REGISTERS();
  ip = first;
  if (vm.tracing && tracing_enabled() && trace_call(frame) < 0) goto error;
  if (__builtin_expect(eval_break_requested(), 0) && handle_eval_breaker() < 0) goto error;
  DISPATCH();

resume_caller:
  // `frame` is the caller; its instr is the call instruction that pushed the callee.
  LOAD_REGISTERS();
  ip = frame->instr + bytecode::size_of(bytecode::op_of(*frame->instr));
  DISPATCH();

  // -- Stack ----------------------------------------------------------------------------------
  TARGET(NOP) NEXT(); END_TARGET
  TARGET(POP_TOP) {
    PyObject* v = POP();
    Py_XDECREF(v);
    NEXT();
  } END_TARGET
  TARGET(PUSH_NULL) PUSH(nullptr); NEXT(); END_TARGET
  TARGET(COPY) {
    PyObject* v = PEEK(oparg);
    PUSH(Py_XNewRef(v));
    NEXT();
  } END_TARGET
  TARGET(SWAP) {
    PyObject* t = TOP();
    SET_TOP(PEEK(oparg));
    PEEK(oparg) = t;
    NEXT();
  } END_TARGET

  // -- Constants and names ------------------------------------------------------------------------
  TARGET(LOAD_CONST) PUSH(Py_NewRef(PyTuple_GET_ITEM(frame->code->co_consts, oparg))); NEXT(); END_TARGET
  TARGET(LOAD_FAST) {
    PyObject* v = LOCALS[oparg];
    if (!v) {
      format_unbound(frame->code, static_cast<int>(oparg));
      goto error;
    }
    PUSH(Py_NewRef(v));
    NEXT();
  } END_TARGET
  TARGET(STORE_FAST) {
    PyObject* old = LOCALS[oparg];
    LOCALS[oparg] = POP();
    Py_XDECREF(old);
    NEXT();
  } END_TARGET
  TARGET(DELETE_FAST) {
    PyObject* old = LOCALS[oparg];
    if (!old) {
      format_unbound(frame->code, static_cast<int>(oparg));
      goto error;
    }
    LOCALS[oparg] = nullptr;
    Py_DECREF(old);
    NEXT();
  } END_TARGET
  TARGET(LOAD_NAME) {
    PyObject* name = PyTuple_GET_ITEM(frame->code->co_names, oparg);
    if (!frame->locals) {
      PyErr_Format(PyExc_SystemError, "no locals when loading %R", name);
      goto error;
    }
    PyObject* v = dict_or_mapping_get(frame->locals, name);
    if (!v && !PyErr_Occurred()) v = load_global(frame, name);
    if (!v) goto error;
    PUSH(v);
    NEXT();
  } END_TARGET
  TARGET(STORE_NAME) {
    PyObject* name = PyTuple_GET_ITEM(frame->code->co_names, oparg);
    PyObject* v = POP();
    int rc = frame->locals ? (PyDict_CheckExact(frame->locals) ? PyDict_SetItem(frame->locals, name, v)
                                                               : PyObject_SetItem(frame->locals, name, v))
                           : (PyErr_Format(PyExc_SystemError, "no locals found when storing %R", name), -1);
    Py_DECREF(v);
    if (rc < 0) goto error;
    NEXT();
  } END_TARGET
  TARGET(DELETE_NAME) {
    PyObject* name = PyTuple_GET_ITEM(frame->code->co_names, oparg);
    if (!frame->locals || PyObject_DelItem(frame->locals, name) < 0) {
      if (frame->locals && PyErr_ExceptionMatches(PyExc_KeyError)) {
        PyErr_Clear();
        name_error(name);
      }
      goto error;
    }
    NEXT();
  } END_TARGET
  TARGET(LOAD_GLOBAL) {
    if (oparg & bytecode::kLoadGlobalPushNull) {
      PUSH(nullptr);
      oparg &= bytecode::kLoadGlobalPushNull - 1;
    }
    PyObject* v = global_cache_hit(ip + 1, frame->globals, frame->builtins);
    if (v) {
      PUSH(Py_NewRef(v));
      NEXT();
    }
    v = load_global_cached(const_cast<CodeUnit*>(ip + 1), frame->globals, frame->builtins,
                           PyTuple_GET_ITEM(frame->code->co_names, oparg));
    if (!v) {
      if (!PyErr_Occurred()) v = load_global(frame, PyTuple_GET_ITEM(frame->code->co_names, oparg));
      if (!v) goto error;
    }
    PUSH(v);
    NEXT();
  } END_TARGET
  TARGET(STORE_GLOBAL) {
    PyObject* v = POP();
    int rc = PyDict_SetItem(frame->globals, PyTuple_GET_ITEM(frame->code->co_names, oparg), v);
    Py_DECREF(v);
    if (rc < 0) goto error;
    NEXT();
  } END_TARGET
  TARGET(DELETE_GLOBAL) {
    PyObject* name = PyTuple_GET_ITEM(frame->code->co_names, oparg);
    if (PyDict_DelItem(frame->globals, name) < 0) {
      if (PyErr_ExceptionMatches(PyExc_KeyError)) {
        PyErr_Clear();
        name_error(name);
      }
      goto error;
    }
    NEXT();
  } END_TARGET

  // -- Cells ------------------------------------------------------------------------------------------
  TARGET(MAKE_CELL) {
    PyObject* v = LOCALS[oparg];
    PyObject* cell = PyCell_New(v);
    if (!cell) goto error;
    Py_XDECREF(v);
    LOCALS[oparg] = cell;
    NEXT();
  } END_TARGET
  TARGET(COPY_FREE_VARS) {
    PyObject* closure = frame->func->func_closure;
    int offset = frame->code->co_nlocalsplus - static_cast<int>(oparg);
    for (uint32_t i = 0; i < oparg; i++) LOCALS[offset + static_cast<int>(i)] = Py_NewRef(PyTuple_GET_ITEM(closure, i));
    NEXT();
  } END_TARGET
  TARGET(LOAD_CLOSURE) PUSH(Py_NewRef(LOCALS[oparg])); NEXT(); END_TARGET
  TARGET(LOAD_DEREF) {
    PyObject* v = PyCell_GET(LOCALS[oparg]);
    if (!v) {
      format_unbound(frame->code, static_cast<int>(oparg));
      goto error;
    }
    PUSH(Py_NewRef(v));
    NEXT();
  } END_TARGET
  TARGET(LOAD_CLASSDEREF) {
    PyObject* name = PyTuple_GET_ITEM(frame->code->co_localsplusnames, oparg);
    PyObject* v = frame->locals ? dict_or_mapping_get(frame->locals, name) : nullptr;
    if (!v) {
      if (PyErr_Occurred()) goto error;
      v = Py_XNewRef(PyCell_GET(LOCALS[oparg]));
      if (!v) {
        format_unbound(frame->code, static_cast<int>(oparg));
        goto error;
      }
    }
    PUSH(v);
    NEXT();
  } END_TARGET
  TARGET(STORE_DEREF) {
    PyObject* cell = LOCALS[oparg];
    PyObject* old = PyCell_GET(cell);
    PyCell_SET(cell, POP());
    Py_XDECREF(old);
    NEXT();
  } END_TARGET
  TARGET(DELETE_DEREF) {
    PyObject* cell = LOCALS[oparg];
    PyObject* old = PyCell_GET(cell);
    if (!old) {
      format_unbound(frame->code, static_cast<int>(oparg));
      goto error;
    }
    PyCell_SET(cell, nullptr);
    Py_DECREF(old);
    NEXT();
  } END_TARGET

  // -- Attributes and items ---------------------------------------------------------------------------------
  TARGET(LOAD_ATTR) {
    PyObject* o = TOP();
    PyObject* v = load_attr_cached(const_cast<CodeUnit*>(ip + 1), o, PyTuple_GET_ITEM(frame->code->co_names, oparg));
    if (!v && !PyErr_Occurred()) v = PyObject_GetAttr(o, PyTuple_GET_ITEM(frame->code->co_names, oparg));
    if (!v) {
      attribute_error_context(o, PyTuple_GET_ITEM(frame->code->co_names, oparg));
      goto error;
    }
    SET_TOP(v);
    Py_DECREF(o);
    NEXT();
  } END_TARGET
  TARGET(LOAD_METHOD) {
    // A plain method (function or method descriptor found on the type, not
    // shadowed by the instance dict) is pushed unbound as [meth self]: CALL
    // passes self as the first argument and no bound method is allocated.
    PyObject* o = TOP();
    bool failed = false;
    PyObject* meth = load_method_cached(const_cast<CodeUnit*>(ip + 1), o,
                                        PyTuple_GET_ITEM(frame->code->co_names, oparg), &failed);
    if (failed) goto error;
    if (meth) {
      SET_TOP(Py_NewRef(meth));
      PUSH(o);  // TOP's reference moves to the self slot
      NEXT();
    }
    PyObject* v = PyObject_GetAttr(o, PyTuple_GET_ITEM(frame->code->co_names, oparg));
    if (!v) {
      attribute_error_context(o, PyTuple_GET_ITEM(frame->code->co_names, oparg));
      goto error;
    }
    SET_TOP(nullptr);
    Py_DECREF(o);
    PUSH(v);
    NEXT();
  } END_TARGET
  TARGET(STORE_ATTR) {
    PyObject* o = POP();
    PyObject* v = POP();
    int rc = store_attr_cached(const_cast<CodeUnit*>(ip + 1), o, PyTuple_GET_ITEM(frame->code->co_names, oparg), v);
    if (rc > 0) rc = PyObject_SetAttr(o, PyTuple_GET_ITEM(frame->code->co_names, oparg), v);
    Py_DECREF(o);
    Py_DECREF(v);
    if (rc < 0) goto error;
    NEXT();
  } END_TARGET
  TARGET(DELETE_ATTR) {
    PyObject* o = POP();
    int rc = PyObject_SetAttr(o, PyTuple_GET_ITEM(frame->code->co_names, oparg), nullptr);
    Py_DECREF(o);
    if (rc < 0) goto error;
    NEXT();
  } END_TARGET
  TARGET(BINARY_SUBSCR) {
    PyObject* k = POP();
    PyObject* o = TOP();
    bool failed = false;
    PyObject* v = subscr_fast(o, k, &failed);
    if (!v && !failed) v = PyObject_GetItem(o, k);
    Py_DECREF(k);
    if (!v) goto error;
    SET_TOP(v);
    Py_DECREF(o);
    NEXT();
  } END_TARGET
  TARGET(STORE_SUBSCR) {
    PyObject* k = POP();
    PyObject* o = POP();
    PyObject* v = POP();
    int rc;
    Py_ssize_t i;
    if (Py_TYPE(o) == &PyList_Type && (i = fast_index(k, PyList_GET_SIZE(o))) >= 0) {
      PyObject* old = PyList_GET_ITEM(o, i);
      PyList_SET_ITEM(o, i, v);
      v = old;  // released below, after the list is consistent
      rc = 0;
    } else if (Py_TYPE(o) == &PyDict_Type) {
      rc = PyDict_SetItem(o, k, v);
    } else {
      rc = PyObject_SetItem(o, k, v);
    }
    Py_DECREF(k);
    Py_DECREF(o);
    Py_DECREF(v);
    if (rc < 0) goto error;
    NEXT();
  } END_TARGET
  TARGET(DELETE_SUBSCR) {
    PyObject* k = POP();
    PyObject* o = POP();
    int rc = PyObject_DelItem(o, k);
    Py_DECREF(k);
    Py_DECREF(o);
    if (rc < 0) goto error;
    NEXT();
  } END_TARGET
  TARGET(BUILD_SLICE) {
    // `o[a:b]` and `o[a:b] = v` on exact lists (tuples, strs for loads) with
    // int/None bounds: done here without a slice object, as if BUILD_SLICE
    // and the subscript ran (frame->instr is moved onto the subscript, so
    // tracebacks and frame line numbers are the subscript's). Not while
    // tracing, which must see the subscript's own instruction.
    if (oparg == 2 && !vm.tracing) {
      const CodeUnit* nx = ip + kSize;
      Op nop = bytecode::op_of(*nx);
      if (nop == Op::BINARY_SUBSCR) {
        bool handled;
        frame->instr = nx;
        PyObject* r = slice_get_fast(PEEK(3), PEEK(2), TOP(), &handled);
        if (handled) {
          if (!r) goto error;
          Py_DECREF(POP());
          Py_DECREF(POP());
          Py_DECREF(TOP());
          SET_TOP(r);
          ip = nx + bytecode::size_of(Op::BINARY_SUBSCR);
          DISPATCH();
        }
        frame->instr = ip;
      } else if (nop == Op::STORE_SUBSCR) {
        frame->instr = nx;
        int rc = slice_store_fast(PEEK(3), PEEK(2), TOP(), PEEK(4));
        if (rc <= 0) {
          for (int i = 0; i < 4; i++) Py_DECREF(POP());
          if (rc < 0) goto error;
          ip = nx + bytecode::size_of(Op::STORE_SUBSCR);
          DISPATCH();
        }
        frame->instr = ip;
      }
    }
    PyObject* step = oparg == 3 ? POP() : nullptr;
    PyObject* stop = POP();
    PyObject* start = POP();
    PyObject* s = PySlice_New(start, stop, step);
    Py_DECREF(start);
    Py_DECREF(stop);
    Py_XDECREF(step);
    if (!s) goto error;
    PUSH(s);
    NEXT();
  } END_TARGET

  // -- Operators ---------------------------------------------------------------------------------------------
#define UNARY(name, fn)          \
  TARGET(name) {                 \
    PyObject* o = TOP();         \
    PyObject* v = fn(o);         \
    if (!v) goto error;          \
    SET_TOP(v);                  \
    Py_DECREF(o);                \
    NEXT();                      \
  } END_TARGET
  UNARY(UNARY_POSITIVE, PyNumber_Positive)
  UNARY(UNARY_NEGATIVE, PyNumber_Negative)
  UNARY(UNARY_INVERT, PyNumber_Invert)
#undef UNARY
  TARGET(UNARY_NOT) {
    PyObject* o = TOP();
    int t = truth_value(o);
    if (t < 0) goto error;
    SET_TOP(Py_NewRef(t ? Py_False : Py_True));
    Py_DECREF(o);
    NEXT();
  } END_TARGET
  TARGET(BINARY_OP) {
    PyObject* r = POP();
    PyObject* l = TOP();
    PyObject* v;
    if (Py_IS_TYPE(l, &PyLong_Type) && Py_IS_TYPE(r, &PyLong_Type) && longs::is_compact(l) && longs::is_compact(r) &&
        (v = compact_int_op(oparg, longs::compact_value(l), longs::compact_value(r))) != nullptr) {
      // The commonest arithmetic, inline: |l|, |r| < 2**30, so the result fits an int64.
    } else if (Py_IS_TYPE(l, &PyFloat_Type) && Py_IS_TYPE(r, &PyFloat_Type) &&
               (v = float_pair_op(oparg, PyFloat_AS_DOUBLE(l), PyFloat_AS_DOUBLE(r))) != nullptr) {
      // Float arithmetic, inline.
    } else {
      v = binary_op_fast(oparg, l, r);
      if (!v) v = PyErr_Occurred() ? nullptr : binary_op(oparg, l, r);
    }
    decref_number(r);
    if (!v) goto error;
    SET_TOP(v);
    decref_number(l);
    NEXT();
  } END_TARGET
  TARGET(COMPARE_OP) {
    PyObject* r = POP();
    PyObject* l = TOP();
    int fast;
    if (Py_IS_TYPE(l, &PyLong_Type) && Py_IS_TYPE(r, &PyLong_Type) && longs::is_compact(l) && longs::is_compact(r))
      fast = compare_ints(static_cast<int>(oparg), longs::compact_value(l), longs::compact_value(r));
    else
      fast = compare_fast(static_cast<int>(oparg), l, r);
    if (fast >= 0 && !vm.tracing) {
      // A known truth value followed by a conditional jump (an `if`/`while` test):
      // jump now, without pushing a bool for the next instruction to pop.
      CodeUnit nx = ip[kSize];
      Op nop = bytecode::op_of(nx);
      if (nop == Op::POP_JUMP_IF_FALSE || nop == Op::POP_JUMP_IF_TRUE) {
        Py_DECREF(r);
        (void)POP();
        Py_DECREF(l);
        ip += kSize;
        oparg = bytecode::arg_of(nx);
        if ((nop == Op::POP_JUMP_IF_TRUE) == (fast != 0)) COND_JUMPTO(oparg);
        ip += bytecode::size_of(Op::POP_JUMP_IF_FALSE);
        DISPATCH();
      }
    }
    PyObject* v = fast >= 0 ? Py_NewRef(fast ? Py_True : Py_False) : PyObject_RichCompare(l, r, static_cast<int>(oparg));
    Py_DECREF(r);
    if (!v) goto error;
    SET_TOP(v);
    Py_DECREF(l);
    NEXT();
  } END_TARGET
  TARGET(IS_OP) {
    PyObject* r = POP();
    PyObject* l = TOP();
    bool res = (l == r) ^ (oparg != 0);
    SET_TOP(Py_NewRef(res ? Py_True : Py_False));
    Py_DECREF(l);
    Py_DECREF(r);
    NEXT();
  } END_TARGET
  TARGET(CONTAINS_OP) {
    PyObject* container = POP();
    PyObject* item = TOP();
    int res = PySequence_Contains(container, item);
    Py_DECREF(container);
    if (res < 0) goto error;
    SET_TOP(Py_NewRef((res != 0) ^ (oparg != 0) ? Py_True : Py_False));
    Py_DECREF(item);
    NEXT();
  } END_TARGET

  // -- Containers --------------------------------------------------------------------------------------------------
  TARGET(BUILD_TUPLE) {
    PyObject* t = PyTuple_New(oparg);
    if (!t) goto error;
    for (uint32_t i = oparg; i > 0; i--) PyTuple_SET_ITEM(t, i - 1, POP());
    PUSH(t);
    NEXT();
  } END_TARGET
  TARGET(BUILD_LIST) {
    PyObject* l = PyList_New(oparg);
    if (!l) goto error;
    for (uint32_t i = oparg; i > 0; i--) PyList_SET_ITEM(l, i - 1, POP());
    PUSH(l);
    NEXT();
  } END_TARGET
  TARGET(BUILD_SET) {
    PyObject* s = PySet_New(nullptr);
    int rc = s ? 0 : -1;
    for (uint32_t i = oparg; i > 0; i--) {
      if (rc == 0 && PySet_Add(s, PEEK(i)) < 0) rc = -1;
    }
    for (uint32_t i = 0; i < oparg; i++) Py_DECREF(POP());
    if (rc < 0) {
      Py_XDECREF(s);
      goto error;
    }
    PUSH(s);
    NEXT();
  } END_TARGET
  TARGET(BUILD_MAP) {
    PyObject* d = PyDict_New();
    int rc = d ? 0 : -1;
    for (uint32_t i = oparg; i > 0 && rc == 0; i--) rc = PyDict_SetItem(d, PEEK(2 * i), PEEK(2 * i - 1));
    for (uint32_t i = 0; i < 2 * oparg; i++) Py_DECREF(POP());
    if (rc < 0) {
      Py_XDECREF(d);
      goto error;
    }
    PUSH(d);
    NEXT();
  } END_TARGET
  TARGET(BUILD_CONST_KEY_MAP) {
    PyObject* keys = POP();
    PyObject* d = PyDict_New();
    int rc = d ? 0 : -1;
    for (uint32_t i = 0; i < oparg && rc == 0; i++) rc = PyDict_SetItem(d, PyTuple_GET_ITEM(keys, i), PEEK(oparg - i));
    Py_DECREF(keys);
    for (uint32_t i = 0; i < oparg; i++) Py_DECREF(POP());
    if (rc < 0) {
      Py_XDECREF(d);
      goto error;
    }
    PUSH(d);
    NEXT();
  } END_TARGET
  TARGET(BUILD_STRING) {
    PyObject* t = PyTuple_New(oparg);
    if (!t) goto error;
    for (uint32_t i = oparg; i > 0; i--) PyTuple_SET_ITEM(t, i - 1, POP());
    PyObject* empty = PyUnicode_FromStringAndSize("", 0);
    PyObject* s = empty ? PyUnicode_Join(empty, t) : nullptr;
    Py_XDECREF(empty);
    Py_DECREF(t);
    if (!s) goto error;
    PUSH(s);
    NEXT();
  } END_TARGET
  TARGET(FORMAT_VALUE) {
    PyObject* spec = (oparg & bytecode::FV_HAVE_SPEC) ? POP() : nullptr;
    PyObject* v = POP();
    PyObject* conv = nullptr;
    switch (oparg & bytecode::FV_CONV_MASK) {
      case bytecode::FV_STR: conv = PyObject_Str(v); break;
      case bytecode::FV_REPR: conv = PyObject_Repr(v); break;
      case bytecode::FV_ASCII: conv = PyObject_ASCII(v); break;
      default: conv = Py_NewRef(v); break;
    }
    Py_DECREF(v);
    PyObject* res = nullptr;
    if (conv) {
      if (PyUnicode_CheckExact(conv) && (!spec || PyUnicode_GET_LENGTH(spec) == 0)) res = Py_NewRef(conv);
      else res = PyObject_Format(conv, spec);
    }
    Py_XDECREF(conv);
    Py_XDECREF(spec);
    if (!res) goto error;
    PUSH(res);
    NEXT();
  } END_TARGET
  TARGET(LIST_APPEND) {
    PyObject* v = POP();
    int rc = PyList_Append(PEEK(oparg), v);
    Py_DECREF(v);
    if (rc < 0) goto error;
    NEXT();
  } END_TARGET
  TARGET(SET_ADD) {
    PyObject* v = POP();
    int rc = PySet_Add(PEEK(oparg), v);
    Py_DECREF(v);
    if (rc < 0) goto error;
    NEXT();
  } END_TARGET
  TARGET(MAP_ADD) {
    PyObject* v = POP();
    PyObject* k = POP();
    int rc = PyDict_SetItem(PEEK(oparg), k, v);
    Py_DECREF(k);
    Py_DECREF(v);
    if (rc < 0) goto error;
    NEXT();
  } END_TARGET
  TARGET(LIST_EXTEND) {
    PyObject* v = POP();
    int rc = list_extend(PEEK(oparg), v);
    Py_DECREF(v);
    if (rc < 0) goto error;
    NEXT();
  } END_TARGET
  TARGET(SET_UPDATE) {
    PyObject* v = POP();
    int rc = set_update(PEEK(oparg), v);
    Py_DECREF(v);
    if (rc < 0) goto error;
    NEXT();
  } END_TARGET
  TARGET(DICT_UPDATE) {
    PyObject* v = POP();
    int rc = dict_merge(PEEK(oparg), v, nullptr, false);
    Py_DECREF(v);
    if (rc < 0) goto error;
    NEXT();
  } END_TARGET
  TARGET(DICT_MERGE) {
    PyObject* v = POP();
    int rc = dict_merge(PEEK(oparg), v, PEEK(oparg + 2), true);
    Py_DECREF(v);
    if (rc < 0) goto error;
    NEXT();
  } END_TARGET
  TARGET(LIST_TO_TUPLE) {
    PyObject* l = TOP();
    PyObject* t = PyList_AsTuple(l);
    if (!t) goto error;
    SET_TOP(t);
    Py_DECREF(l);
    NEXT();
  } END_TARGET
  TARGET(UNPACK_SEQUENCE) {
    PyObject* seq = POP();
    if ((PyTuple_CheckExact(seq) && PyTuple_GET_SIZE(seq) == oparg) ||
        (PyList_CheckExact(seq) && PyList_GET_SIZE(seq) == oparg)) {
      PyObject** items = PyTuple_CheckExact(seq) ? &PyTuple_GET_ITEM(seq, 0) : PySequence_Fast_ITEMS(seq);
      for (uint32_t i = oparg; i > 0; i--) PUSH(Py_NewRef(items[i - 1]));
    } else {
      if (unpack_iterable(seq, static_cast<int>(oparg), -1, sp) < 0) {
        Py_DECREF(seq);
        goto error;
      }
      sp += oparg;
    }
    Py_DECREF(seq);
    NEXT();
  } END_TARGET
  TARGET(UNPACK_EX) {
    PyObject* seq = POP();
    int before = static_cast<int>(oparg & 0xFF), after = static_cast<int>(oparg >> 8);
    if (unpack_iterable(seq, before, after, sp) < 0) {
      Py_DECREF(seq);
      goto error;
    }
    sp += before + after + 1;
    Py_DECREF(seq);
    NEXT();
  } END_TARGET

  // -- Control flow -------------------------------------------------------------------------------------------------
  TARGET(JUMP) {
    // A backward jump is a safe point (every loop has one).
    // Not the jump back to SEND in a yield-from/await loop (CPython's
    // JUMP_BACKWARD_NO_INTERRUPT): a signal is handled in the innermost generator.
    if (oparg <= static_cast<uint32_t>(ip - first) && __builtin_expect(eval_break_requested(), 0) &&
        bytecode::op_of(first[oparg]) != Op::SEND && handle_eval_breaker() < 0)
      goto error;
    JUMPTO(oparg);
  } END_TARGET
  TARGET(POP_JUMP_IF_FALSE) {
    PyObject* v = POP();
    int t = truth_value(v);
    Py_DECREF(v);
    if (t < 0) goto error;
    if (!t) COND_JUMPTO(oparg);
    NEXT();
  } END_TARGET
  TARGET(POP_JUMP_IF_TRUE) {
    PyObject* v = POP();
    int t = truth_value(v);
    Py_DECREF(v);
    if (t < 0) goto error;
    if (t) COND_JUMPTO(oparg);
    NEXT();
  } END_TARGET
  TARGET(POP_JUMP_IF_NONE) {
    PyObject* v = POP();
    Py_DECREF(v);
    if (v == Py_None) COND_JUMPTO(oparg);
    NEXT();
  } END_TARGET
  TARGET(POP_JUMP_IF_NOT_NONE) {
    PyObject* v = POP();
    Py_DECREF(v);
    if (v != Py_None) COND_JUMPTO(oparg);
    NEXT();
  } END_TARGET
  TARGET(JUMP_IF_FALSE_OR_POP) {
    PyObject* v = TOP();
    int t = truth_value(v);
    if (t < 0) goto error;
    if (!t) JUMPTO(oparg);
    Py_DECREF(POP());
    NEXT();
  } END_TARGET
  TARGET(JUMP_IF_TRUE_OR_POP) {
    PyObject* v = TOP();
    int t = truth_value(v);
    if (t < 0) goto error;
    if (t) JUMPTO(oparg);
    Py_DECREF(POP());
    NEXT();
  } END_TARGET
  TARGET(GET_ITER) {
    PyObject* o = TOP();
    PyObject* it = PyObject_GetIter(o);
    if (!it) goto error;
    SET_TOP(it);
    Py_DECREF(o);
    NEXT();
  } END_TARGET
  TARGET(FOR_ITER) {
    PyObject* it = TOP();
    PyObject* next = (*Py_TYPE(it)->tp_iternext)(it);
    if (next) {
      PUSH(next);
      NEXT();
    }
    if (PyErr_Occurred()) {
      if (!PyErr_ExceptionMatches(PyExc_StopIteration)) goto error;
      PyErr_Clear();
    }
    Py_DECREF(POP());
    JUMPTO(oparg);
  } END_TARGET
  TARGET(RETURN_VALUE) {
    PyObject* retval = POP();
    if (vm.tracing && tracing_enabled() && trace_return(frame, retval) < 0) {
      Py_DECREF(retval);
      goto error;
    }
    SAVE_SP();
    Frame* prev = frame->previous;
    bool is_entry = frame->is_entry;
    vm.current = prev;
    if (frame->owner == FrameOwner::Generator) {
      gen_of_frame(frame)->gi_frame_state = kGenCompleted;
      frame->previous = nullptr;
      clear_frame(frame);
      t_depth--;
      return retval;
    }
    PyObject* init_self = frame->init_self;
    frame->init_self = nullptr;
    pop_frame_fast(vm, frame);
    t_depth--;
    if (is_entry) return retval;
    frame = prev;
    LOAD_REGISTERS();
    if (init_self) {
      if (retval != Py_None) {
        PyErr_Format(PyExc_TypeError, "__init__() should return None, not '%.200s'", Py_TYPE(retval)->tp_name);
        Py_DECREF(retval);
        Py_DECREF(init_self);
        goto error;
      }
      Py_DECREF(retval);
      retval = init_self;
    }
    PUSH(retval);
    ip = frame->instr + bytecode::size_of(bytecode::op_of(*frame->instr));
    DISPATCH();
  } END_TARGET

  // -- Calls -------------------------------------------------------------------------------------------------------------
  TARGET(KW_NAMES) kwnames = PyTuple_GET_ITEM(frame->code->co_consts, oparg); NEXT(); END_TARGET
  TARGET(CALL) {
    // [callable_or_NULL self_or_callable args...]
    PyObject* init_self = nullptr;
    if (PEEK(oparg + 2) == nullptr && Py_TYPE(PEEK(oparg + 1)) == &PyType_Type) {
      // `Class(args)` with object.__new__ and a Python __init__ (what
      // type_call would do): allocate the instance here and run __init__ as
      // an inline frame, [__init__ self args...]; RETURN_VALUE checks its
      // result and pushes the instance instead.
      auto* tp = reinterpret_cast<PyTypeObject*>(PEEK(oparg + 1));
      PyObject* init = inline_init_of(tp);
      if (init) {
        Py_INCREF(init);
        PyObject* self = tp->tp_alloc(tp, 0);
        if (!self) {
          Py_DECREF(init);
          goto error;
        }
        PEEK(oparg + 2) = init;
        PEEK(oparg + 1) = self;
        Py_DECREF(tp);
        init_self = Py_NewRef(self);
      }
    }
    bool is_meth = PEEK(oparg + 2) != nullptr;
    if (!is_meth && Py_TYPE(PEEK(oparg + 1)) == &PyMethod_Type) {
      // A bound method: call its function with self prepended, like LOAD_METHOD's form.
      PyObject* bm = PEEK(oparg + 1);
      PEEK(oparg + 2) = Py_NewRef(PyMethod_GET_FUNCTION(bm));
      PEEK(oparg + 1) = Py_NewRef(PyMethod_GET_SELF(bm));
      Py_DECREF(bm);
      is_meth = true;
    }
    PyObject* callable = is_meth ? PEEK(oparg + 2) : PEEK(oparg + 1);
    PyObject** args = is_meth ? &PEEK(oparg + 1) : &PEEK(oparg);
    size_t total = oparg + (is_meth ? 1 : 0);
    PyObject* kw = kwnames;
    kwnames = nullptr;
    size_t npos = total - (kw ? static_cast<size_t>(PyTuple_GET_SIZE(kw)) : 0);
    if (is_plain_python_function(callable)) {
      // Inline call: a new frame on the VM stack, no C recursion.
      auto* fn = reinterpret_cast<PyFunctionObject*>(callable);
      if (!enter_python_frame()) {
        Py_XDECREF(init_self);
        goto error;
      }
      Frame* nf = push_frame_fast(vm, fn);
      if (!nf) {
        t_depth--;
        Py_XDECREF(init_self);
        goto error;
      }
      PyCodeObject* nco = nf->code;
      if (!kw && npos == static_cast<size_t>(nco->co_argcount) &&
          !(nco->co_flags & (CO_VARARGS | CO_VARKEYWORDS)) && nco->co_kwonlyargcount == 0) {
        // Exact positional call: the arguments' references move into the callee.
        for (size_t i = 0; i < npos; i++) nf->localsplus[i] = args[i];
        sp -= total;
        for (size_t i = total; i < static_cast<size_t>(oparg) + 2; i++) {
          PyObject* v = POP();
          Py_XDECREF(v);
        }
      } else {
        if (bind_arguments(nf, fn, args, npos, kw) < 0) {
          pop_frame(nf);
          t_depth--;
          Py_XDECREF(init_self);
          goto error;
        }
        // The arguments now live in the callee; drop them and the callable slots.
        for (uint32_t i = 0; i < oparg + 2; i++) {
          PyObject* v = POP();
          Py_XDECREF(v);
        }
      }
      SAVE_SP();
      nf->init_self = init_self;
      nf->previous = frame;
      vm.current = nf;
      frame = nf;
      goto start_frame;
    }
    bool handled;
    PyObject* res = call_builtin_fast(callable, args, npos, kw, &handled);
    if (!handled) res = krait::vectorcall(callable, args, npos | PY_VECTORCALL_ARGUMENTS_OFFSET, kw);
    for (uint32_t i = 0; i < oparg + 2; i++) {
      PyObject* v = POP();
      Py_XDECREF(v);
    }
    if (!res) goto error;
    PUSH(res);
    // After a call into C is a safe point too (as CPython's CALL): a signal
    // that arrived during time.sleep() is handled before the next statement.
    if (__builtin_expect(eval_break_requested(), 0) && handle_eval_breaker() < 0) goto error;
    NEXT();
  } END_TARGET
  TARGET(CALL_FUNCTION_EX) {
    PyObject* kwargs = (oparg & 1) ? POP() : nullptr;
    PyObject* callargs = POP();
    PyObject* func = TOP();
    PyObject* res = nullptr;
    if (!PyTuple_CheckExact(callargs)) {
      if (Py_TYPE(callargs)->tp_iter == nullptr && !PySequence_Check(callargs)) {
        PyObject* fs = function_str(func);
        if (fs) {
          PyErr_Format(PyExc_TypeError, "%U argument after * must be an iterable, not %.200s", fs,
                       Py_TYPE(callargs)->tp_name);
          Py_DECREF(fs);
        }
        Py_DECREF(callargs);
        callargs = nullptr;
        goto call_ex_done;
      }
      PyObject* t = PySequence_Tuple(callargs);
      Py_DECREF(callargs);
      callargs = t;
    }
    if (callargs) {
      if (kwargs && !PyDict_CheckExact(kwargs)) {
        PyObject* d = PyDict_New();
        if (d && dict_merge(d, kwargs, func, true) < 0) Py_CLEAR(d);
        Py_DECREF(kwargs);
        kwargs = d;
        if (!kwargs) goto call_ex_done;
      }
      res = PyObject_Call(func, callargs, kwargs);
    }
  call_ex_done:
    Py_XDECREF(callargs);
    Py_XDECREF(kwargs);
    Py_DECREF(POP());        // func
    Py_XDECREF(POP());       // the NULL slot
    if (!res) goto error;
    PUSH(res);
    // A safe point, as after CALL: a signal that arrived during the call is handled here.
    if (__builtin_expect(eval_break_requested(), 0) && handle_eval_breaker() < 0) goto error;
    NEXT();
  } END_TARGET
  TARGET(MAKE_FUNCTION) {
    PyObject* code = POP();
    PyObject* func = make_function(frame, code, oparg, sp);
    Py_DECREF(code);
    int n = __builtin_popcount(oparg);
    for (int i = 0; i < n; i++) Py_DECREF(POP());
    if (!func) goto error;
    PUSH(func);
    NEXT();
  } END_TARGET
  TARGET(LOAD_BUILD_CLASS) {
    static PyObject* name = PyUnicode_InternFromString("__build_class__");
    PyObject* bc = dict_or_mapping_get(frame->builtins, name);
    if (!bc) {
      if (!PyErr_Occurred()) PyErr_SetString(PyExc_NameError, "__build_class__ not found");
      goto error;
    }
    PUSH(bc);
    NEXT();
  } END_TARGET
  TARGET(LOAD_ASSERTION_ERROR) PUSH(Py_NewRef(PyExc_AssertionError)); NEXT(); END_TARGET
  TARGET(SETUP_ANNOTATIONS) {
    if (!frame->locals) {
      PyErr_SetString(PyExc_SystemError, "no locals found when setting up annotations");
      goto error;
    }
    PyObject* key = PyUnicode_FromString("__annotations__");
    PyObject* v = key ? dict_or_mapping_get(frame->locals, key) : nullptr;
    int rc = 0;
    if (!v && !PyErr_Occurred()) {
      PyObject* d = PyDict_New();
      rc = d ? PyObject_SetItem(frame->locals, key, d) : -1;
      Py_XDECREF(d);
    } else if (!v) {
      rc = -1;
    }
    Py_XDECREF(v);
    Py_XDECREF(key);
    if (rc < 0) goto error;
    NEXT();
  } END_TARGET
  TARGET(IMPORT_NAME) {
    PyObject* fromlist = POP();
    PyObject* level = TOP();
    PyObject* m = import_name(frame, PyTuple_GET_ITEM(frame->code->co_names, oparg), fromlist, level);
    Py_DECREF(fromlist);
    if (!m) goto error;
    SET_TOP(m);
    Py_DECREF(level);
    NEXT();
  } END_TARGET
  TARGET(IMPORT_FROM) {
    PyObject* v = import_from(TOP(), PyTuple_GET_ITEM(frame->code->co_names, oparg));
    if (!v) goto error;
    PUSH(v);
    NEXT();
  } END_TARGET
  TARGET(IMPORT_STAR) {
    PyObject* m = POP();
    int rc = import_star(frame, m);
    Py_DECREF(m);
    if (rc < 0) goto error;
    NEXT();
  } END_TARGET

  // -- Exceptions ---------------------------------------------------------------------------------------------------------
  TARGET(RAISE_VARARGS) {
    PyObject* cause = oparg == 2 ? POP() : nullptr;
    PyObject* exc = oparg >= 1 ? POP() : nullptr;
    if (!exc) {
      do_reraise_current();
      goto exception_unwind;  // a bare raise adds no traceback entry
    }
    do_raise(exc, cause);
    Py_DECREF(exc);
    Py_XDECREF(cause);
    goto error;
  } END_TARGET
  TARGET(RERAISE) {
    PyObject* exc = POP();
    if (oparg) {
      // The handler is looked up where we are; the restored lasti only
      // decides the frame's line (and the lasti a further handler pushes).
      unwind_at = static_cast<int>(ip - first);
      long lasti = PyLong_AsLong(PEEK(oparg));
      frame->instr = first + lasti;
    }
    restore_exception_value(exc);
    goto exception_unwind;
  } END_TARGET
  TARGET(PUSH_EXC_INFO) {
    PyObject* exc = TOP();
    // The frame's own handled-exception slot (a generator's gi_exc_state), not the
    // topmost one down the chain: POP_EXCEPT must not leave the caller's there.
    PyObject* prev = krait::tstate()->exc_info->exc_value;
    SET_TOP(Py_NewRef(prev ? prev : Py_None));
    PUSH(exc);
    PyErr_SetHandledException(exc);
    NEXT();
  } END_TARGET
  TARGET(POP_EXCEPT) {
    PyObject* prev = POP();
    PyErr_SetHandledException(prev == Py_None ? nullptr : prev);
    Py_DECREF(prev);
    NEXT();
  } END_TARGET
  TARGET(CHECK_EXC_MATCH) {
    PyObject* type = TOP();
    PyObject* exc = PEEK(2);
    if (check_except_type(type) < 0) goto error;
    int m = PyErr_GivenExceptionMatches(exc, type);
    SET_TOP(Py_NewRef(m ? Py_True : Py_False));
    Py_DECREF(type);
    NEXT();
  } END_TARGET
  TARGET(BEFORE_WITH) {
    PyObject* mgr = TOP();
    PyObject* enter = special_method(mgr, "__enter__");
    if (!enter) {
      if (!PyErr_Occurred()) {
        PyErr_Format(PyExc_TypeError, "'%.200s' object does not support the context manager protocol",
                     Py_TYPE(mgr)->tp_name);
      }
      goto error;
    }
    PyObject* exit = special_method(mgr, "__exit__");
    if (!exit) {
      if (!PyErr_Occurred()) {
        PyErr_Format(PyExc_TypeError,
                     "'%.200s' object does not support the context manager protocol (missed __exit__ method)",
                     Py_TYPE(mgr)->tp_name);
      }
      Py_DECREF(enter);
      goto error;
    }
    SET_TOP(exit);
    Py_DECREF(mgr);
    PyObject* res = PyObject_CallNoArgs(enter);
    Py_DECREF(enter);
    if (!res) goto error;
    PUSH(res);
    NEXT();
  } END_TARGET
  TARGET(WITH_EXCEPT_START) {
    PyObject* exit = PEEK(4);
    PyObject* val = TOP();
    PyObject* tb = PyException_GetTraceback(val);
    PyObject* args[3] = {reinterpret_cast<PyObject*>(Py_TYPE(val)), val, tb ? tb : Py_None};
    PyObject* res = PyObject_Vectorcall(exit, args, 3, nullptr);
    Py_XDECREF(tb);
    if (!res) goto error;
    PUSH(res);
    NEXT();
  } END_TARGET

  // -- Generators and coroutines ------------------------------------------------------------------------------------
  TARGET(YIELD_VALUE) {
    PyObject* v = POP();
    if (oparg == 0 && (frame->code->co_flags & CO_ASYNC_GENERATOR)) {
      PyObject* w = async_gen_wrap_value(v);
      Py_DECREF(v);
      if (!w) goto error;
      v = w;
    }
    if (vm.tracing && tracing_enabled() && trace_return(frame, v) < 0) {
      Py_DECREF(v);
      goto error;
    }
    SAVE_SP();
    gen_of_frame(frame)->gi_frame_state = kGenSuspended;
    vm.current = frame->previous;
    frame->previous = nullptr;
    t_depth--;
    return v;
  } END_TARGET
  TARGET(GET_YIELD_FROM_ITER) {
    PyObject* o = TOP();
    PyObject* it = get_yield_from_iter(o, frame->code);
    if (!it) goto error;
    SET_TOP(it);
    Py_DECREF(o);
    NEXT();
  } END_TARGET
  TARGET(SEND) {
    PyObject* v = POP();
    PyObject* recv = TOP();
    PyObject* r = nullptr;
    PySendResult st = PyIter_Send(recv, v, &r);
    Py_DECREF(v);
    if (st == PYGEN_ERROR) goto error;
    if (st == PYGEN_NEXT) {
      PUSH(r);
      NEXT();
    }
    SET_TOP(r);
    Py_DECREF(recv);
    JUMPTO(oparg);
  } END_TARGET
  TARGET(GET_AWAITABLE) {
    PyObject* o = TOP();
    PyObject* it = get_awaitable_iter(o);
    if (!it) {
      if (oparg && PyErr_ExceptionMatches(PyExc_TypeError) && !Py_TYPE(o)->tp_as_async) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError,
                     oparg == 1 ? "'async with' received an object from __aenter__ that does not implement __await__: %.100s"
                                : "'async with' received an object from __aexit__ that does not implement __await__: %.100s",
                     Py_TYPE(o)->tp_name);
      }
      goto error;
    }
    if (PyCoro_CheckExact(it) && gen_yieldfrom(reinterpret_cast<PyGenObject*>(it))) {
      Py_DECREF(it);
      PyErr_SetString(PyExc_RuntimeError, "coroutine is being awaited already");
      goto error;
    }
    SET_TOP(it);
    Py_DECREF(o);
    NEXT();
  } END_TARGET
  TARGET(GET_AITER) {
    PyObject* o = TOP();
    PyTypeObject* t = Py_TYPE(o);
    if (!t->tp_as_async || !t->tp_as_async->am_aiter) {
      PyErr_Format(PyExc_TypeError, "'async for' requires an object with __aiter__ method, got %.100s", t->tp_name);
      goto error;
    }
    PyObject* it = t->tp_as_async->am_aiter(o);
    if (!it) goto error;
    if (!Py_TYPE(it)->tp_as_async || !Py_TYPE(it)->tp_as_async->am_anext) {
      PyErr_Format(PyExc_TypeError,
                   "'async for' received an object from __aiter__ that does not implement __anext__: %.100s",
                   Py_TYPE(it)->tp_name);
      Py_DECREF(it);
      goto error;
    }
    SET_TOP(it);
    Py_DECREF(o);
    NEXT();
  } END_TARGET
  TARGET(GET_ANEXT) {
    PyObject* aw = get_anext_awaitable(TOP());
    if (!aw) goto error;
    PUSH(aw);
    NEXT();
  } END_TARGET
  TARGET(END_ASYNC_FOR) {
    PyObject* exc = POP();
    if (PyErr_GivenExceptionMatches(exc, PyExc_StopAsyncIteration)) {
      Py_DECREF(exc);
      Py_DECREF(POP());
      NEXT();
    }
    restore_exception_value(exc);
    goto exception_unwind;
  } END_TARGET
  TARGET(BEFORE_ASYNC_WITH) {
    PyObject* mgr = TOP();
    PyObject* enter = special_method(mgr, "__aenter__");
    if (!enter) {
      if (!PyErr_Occurred()) {
        PyErr_Format(PyExc_TypeError, "'%.200s' object does not support the asynchronous context manager protocol",
                     Py_TYPE(mgr)->tp_name);
      }
      goto error;
    }
    PyObject* exit = special_method(mgr, "__aexit__");
    if (!exit) {
      if (!PyErr_Occurred()) {
        PyErr_Format(PyExc_TypeError,
                     "'%.200s' object does not support the asynchronous context manager protocol "
                     "(missed __aexit__ method)",
                     Py_TYPE(mgr)->tp_name);
      }
      Py_DECREF(enter);
      goto error;
    }
    SET_TOP(exit);
    Py_DECREF(mgr);
    PyObject* res = PyObject_CallNoArgs(enter);
    Py_DECREF(enter);
    if (!res) goto error;
    PUSH(res);
    NEXT();
  } END_TARGET
  TARGET(PRINT_EXPR) {
    PyObject* v = POP();
    PyObject* hook = PySys_GetObject("displayhook");
    if (!hook) {
      PyErr_SetString(PyExc_RuntimeError, "lost sys.displayhook");
      Py_DECREF(v);
      goto error;
    }
    PyObject* r = PyObject_CallOneArg(hook, v);
    Py_DECREF(v);
    if (!r) goto error;
    Py_DECREF(r);
    NEXT();
  } END_TARGET

  // -- Pattern matching ------------------------------------------------------------------------------------------
  TARGET(GET_LEN) {
    Py_ssize_t n = PyObject_Length(TOP());
    if (n < 0) goto error;
    PyObject* l = PyLong_FromSsize_t(n);
    if (!l) goto error;
    PUSH(l);
    NEXT();
  } END_TARGET
  TARGET(MATCH_MAPPING) {
    PUSH(Py_NewRef(is_match_mapping(TOP()) ? Py_True : Py_False));
    NEXT();
  } END_TARGET
  TARGET(MATCH_SEQUENCE) {
    PUSH(Py_NewRef(is_match_sequence(TOP()) ? Py_True : Py_False));
    NEXT();
  } END_TARGET
  TARGET(MATCH_KEYS) {
    PyObject* r = match_keys(PEEK(2), TOP());
    if (!r) goto error;
    PUSH(r);
    NEXT();
  } END_TARGET
  TARGET(MATCH_CLASS) {
    PyObject* names = POP();
    PyObject* cls = POP();
    PyObject* subject = TOP();
    PyObject* r = match_class(subject, cls, static_cast<Py_ssize_t>(oparg), names);
    Py_DECREF(names);
    Py_DECREF(cls);
    if (!r) goto error;
    SET_TOP(r);
    Py_DECREF(subject);
    NEXT();
  } END_TARGET

  TARGET(CHECK_EG_MATCH) {
    PyObject* type = POP();
    PyObject* exc = TOP();
    if (check_except_star_type(type) < 0) {
      Py_DECREF(type);
      goto error;
    }
    PyObject *match, *rest;
    int rc = exception_group_match(exc, type, &match, &rest);
    Py_DECREF(type);
    if (rc < 0) goto error;
    if (match != Py_None) PyErr_SetHandledException(match);
    SET_TOP(rest);
    Py_DECREF(exc);
    PUSH(match);
    NEXT();
  } END_TARGET
  TARGET(PREP_RERAISE_STAR) {
    PyObject* excs = POP();
    PyObject* orig = TOP();
    PyObject* r = prep_reraise_star(orig, excs);
    Py_DECREF(excs);
    if (!r) goto error;
    SET_TOP(r);
    Py_DECREF(orig);
    NEXT();
  } END_TARGET

  // -- Compiler-only pseudo instructions ---------------------------------------------------------------
  L_SETUP_FINALLY:
  L_SETUP_CLEANUP:
  L_SETUP_WITH:
  L_POP_BLOCK:
    PyErr_Format(PyExc_SystemError, "pseudo instruction %s in code",
                 bytecode::info(bytecode::op_of(*ip)).name);
    goto error;

  // -- Unwinding ----------------------------------------------------------------------------------------------------------------
error:
  {
    PyFrameObject* fo = frame_object(frame);
    if (fo) {
      PyTraceBack_Here(fo);
      Py_DECREF(fo);
    }
    if (vm.tracing && tracing_enabled()) trace_exception(frame);
  }
exception_unwind:
  kwnames = nullptr;
  {
    bytecode::ExceptionEntry e;
    int lasti = frame->lasti();
    int where = unwind_at >= 0 ? unwind_at : lasti;
    unwind_at = -1;
    if (bytecode::find_handler(frame->code, where, &e)) {
      PyObject** target = stack_base + e.depth;
      while (sp > target) {
        PyObject* v = POP();
        Py_XDECREF(v);
      }
      if (e.lasti) {
        PyObject* l = PyLong_FromLong(lasti);
        if (!l) goto exit_unwind;  // MemoryError: treat the frame as unhandled
        PUSH(l);
      }
      PUSH(fetch_exception_value());
      JUMPTO(e.target);
    }
  }
exit_unwind:
  while (sp > stack_base) {
    PyObject* v = POP();
    Py_XDECREF(v);
  }
  SAVE_SP();
  if (vm.tracing && tracing_enabled()) {  // 'return' with None as the frame unwinds
    PyObject *t, *v, *tb;
    PyErr_Fetch(&t, &v, &tb);
    if (trace_return(frame, Py_None) < 0) {
      Py_XDECREF(t);
      Py_XDECREF(v);
      Py_XDECREF(tb);
    } else {
      PyErr_Restore(t, v, tb);
    }
  }
  {
    Frame* prev = frame->previous;
    bool is_entry = frame->is_entry;
    vm.current = prev;
    Py_CLEAR(frame->init_self);  // the instance of a failed inline __init__
    if (frame->owner == FrameOwner::Generator) {
      gen_of_frame(frame)->gi_frame_state = kGenCompleted;
      frame->previous = nullptr;
      clear_frame(frame);
      t_depth--;
      return nullptr;
    }
    pop_frame_fast(vm, frame);
    t_depth--;
    if (is_entry) return nullptr;
    frame = prev;
  }
  LOAD_REGISTERS();
  goto error;

exit_unwind_noframe:
  // The entry frame was never started (C stack exhausted).
  vm.current = frame->previous;
  pop_frame(frame);
  t_depth--;
  return nullptr;
}

// -- Entry points --------------------------------------------------------------------------------------------------------------

PyObject* function_vectorcall(PyObject* func, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  auto* fn = reinterpret_cast<PyFunctionObject*>(func);
  auto* co = reinterpret_cast<PyCodeObject*>(fn->func_code);
  if (co->co_flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR))
    return make_generator(fn, args, PyVectorcall_NARGS(nargsf), kwnames);
  if (!enter_python_frame()) return nullptr;
  ThreadVM& vm = thread_vm();
  Frame* f = push_frame_fast(vm, fn);
  if (!f) {
    t_depth--;
    return nullptr;
  }
  size_t nargs = PyVectorcall_NARGS(nargsf);
  if (!kwnames && nargs == static_cast<size_t>(co->co_argcount) &&
      !(co->co_flags & (CO_VARARGS | CO_VARKEYWORDS)) && co->co_kwonlyargcount == 0) {
    for (size_t i = 0; i < nargs; i++) f->localsplus[i] = Py_NewRef(args[i]);  // exact positional call
  } else if (bind_arguments(f, fn, args, nargs, kwnames) < 0) {
    pop_frame(f);
    t_depth--;
    return nullptr;
  }
  return run(f);
}

PyObject* resume_frame(Frame* f, PyObject* value, bool throwing) {
  PyGenObject* g = gen_of_frame(f);
  if (c_stack_exhausted()) {
    PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded (C stack)");
    return nullptr;  // the generator stays suspended
  }
  if (!enter_python_frame()) return nullptr;
  g->gi_frame_state = kGenExecuting;
  return run(f, value, throwing);
}

PyObject* call_with_locals(PyFunctionObject* fn, PyObject* locals) {
  if (!enter_python_frame()) return nullptr;
  Frame* f = push_frame(fn, locals);
  if (!f) {
    t_depth--;
    return nullptr;
  }
  return run(f);
}

PyObject* eval_code(PyCodeObject* co, PyObject* globals, PyObject* locals) {
  PyObject* func = PyFunction_New(reinterpret_cast<PyObject*>(co), globals);
  if (!func) return nullptr;
  PyObject* r = call_with_locals(reinterpret_cast<PyFunctionObject*>(func), locals);
  Py_DECREF(func);
  return r;
}

}  // namespace krait::interp

// -- The ceval C API ---------------------------------------------------------------------------------------------------------------

using namespace krait::interp;

extern "C" {

PyObject* PyEval_EvalCode(PyObject* co, PyObject* globals, PyObject* locals) {
  if (!PyCode_Check(co)) {
    PyErr_SetString(PyExc_SystemError, "PyEval_EvalCode: not a code object");
    return nullptr;
  }
  if (PyDict_Check(globals) && !PyDict_GetItemString(globals, "__builtins__")) {
    if (PyDict_SetItemString(globals, "__builtins__", krait::interp::default_builtins_module()) < 0) return nullptr;
  }
  return eval_code(reinterpret_cast<PyCodeObject*>(co), globals, locals);
}

PyObject* PyEval_GetBuiltins(void) {
  Frame* f = current_frame();
  return f ? f->builtins : default_builtins();
}
PyObject* PyEval_GetGlobals(void) {
  Frame* f = current_frame();
  return f ? f->globals : nullptr;
}
PyObject* PyEval_GetLocals(void) {
  Frame* f = current_frame();
  if (!f) {
    PyErr_SetString(PyExc_SystemError, "frame does not exist");
    return nullptr;
  }
  if (f->locals && !(f->code->co_flags & CO_OPTIMIZED)) return f->locals;
  // Function frames: one dict cached on the frame (f->locals), refreshed from the fast locals at
  // every call (borrowed result).
  PyFrameObject* fo = frame_object(f);
  if (!fo) return nullptr;
  PyObject* d = PyFrame_GetLocals(fo);
  Py_DECREF(fo);
  if (!d) return nullptr;
  Py_DECREF(d);  // f->locals holds it
  return d;
}
PyFrameObject* PyEval_GetFrame(void) {
  Frame* f = current_frame();
  if (!f) return nullptr;
  PyFrameObject* fo = frame_object(f);
  Py_XDECREF(fo);  // borrowed: the frame keeps its object alive
  return fo;
}

int Py_GetRecursionLimit(void) { return krait::interp::recursion_limit(); }
void Py_SetRecursionLimit(int limit) { krait::interp::set_recursion_limit(limit); }

}  // extern "C"
