// frame.cpp — the per-thread VM stack, frame push/pop and argument binding.
#include "interp/frame.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>

#include "interp/frame_object.h"
#include "interp/generator.h"

namespace krait::interp {

static constexpr size_t kChunkWords = 64 * 1024;  // 512 KiB

// The registry behind all_thread_vms(): pushed at the head, unlinked under
// the mutex; entries are leaked rather than freed so a concurrent lock-free
// reader never touches freed memory.
static std::atomic<ThreadVMEntry*> g_thread_vms{nullptr};
static std::mutex g_thread_vms_mutex;

ThreadVMEntry* all_thread_vms() { return g_thread_vms.load(std::memory_order_acquire); }

// The per-thread VM state is constant-initialized plain TLS, so an access is
// one %fs-relative load: a thread_local with a dynamic initializer or a
// destructor would go through a TLS wrapper call on every frame push. What
// needs a constructor and destructor (the registry entry, freeing the
// chunks at thread exit) lives in ThreadRegistration, touched only when a
// thread allocates its first VM stack chunk.
static thread_local ThreadVM t_vm __attribute__((tls_model("initial-exec")));

struct ThreadRegistration {
  ThreadVMEntry* entry = nullptr;
  ThreadRegistration() {
    entry = new ThreadVMEntry{PyThread_get_thread_ident(), &t_vm, nullptr};
    std::lock_guard<std::mutex> lock(g_thread_vms_mutex);
    entry->next = g_thread_vms.load(std::memory_order_relaxed);
    g_thread_vms.store(entry, std::memory_order_release);
  }
  // A thread's VM stack dies with the thread (threads come and go).
  ~ThreadRegistration() {
    {
      std::lock_guard<std::mutex> lock(g_thread_vms_mutex);
      ThreadVMEntry* head = g_thread_vms.load(std::memory_order_relaxed);
      if (head == entry) {
        g_thread_vms.store(entry->next, std::memory_order_release);
      } else {
        for (ThreadVMEntry* e = head; e; e = e->next) {
          if (e->next == entry) {
            e->next = entry->next;
            break;
          }
        }
      }
      entry->vm = nullptr;
    }
    while (t_vm.chunk) {
      Chunk* prev = t_vm.chunk->prev;
      std::free(t_vm.chunk);
      t_vm.chunk = prev;
    }
  }
};

// Constructs this thread's registration on first call (slow path only).
static void ensure_registered() {
  static thread_local ThreadRegistration t_registration;
  (void)t_registration.entry;
}

ThreadVM& thread_vm() { return t_vm; }

static Chunk* new_chunk(size_t words, Chunk* prev) {
  size_t size = words > kChunkWords ? words : kChunkWords;
  auto* c = static_cast<Chunk*>(std::malloc(offsetof(Chunk, data) + size * sizeof(PyObject*)));
  if (!c) return nullptr;
  c->prev = prev;
  c->size = size;
  c->top = 0;
  return c;
}

void init_frame(Frame* f, PyFunctionObject* func, PyObject* locals) {
  auto* co = reinterpret_cast<PyCodeObject*>(func->func_code);
  f->func = reinterpret_cast<PyFunctionObject*>(Py_NewRef(func));
  f->code = reinterpret_cast<PyCodeObject*>(Py_NewRef(co));
  f->globals = func->func_globals;
  f->builtins = func->func_builtins;
  f->locals = Py_XNewRef(locals);
  f->previous = nullptr;
  f->frame_obj = nullptr;
  f->instr = nullptr;
  f->init_self = nullptr;
  f->stacktop = 0;
  f->traced_line = -1;
  f->owner = FrameOwner::VMStack;
  f->is_entry = false;
  std::memset(f->localsplus, 0, sizeof(PyObject*) * static_cast<size_t>(co->co_nlocalsplus));
}

Frame* push_frame_new_chunk(ThreadVM& vm, PyFunctionObject* func, size_t words) {
  Chunk* c = vm.chunk;
  if (!c) ensure_registered();
  Chunk* n = new_chunk(words, c);
  if (!n) {
    PyErr_NoMemory();
    return nullptr;
  }
  vm.chunk = n;
  auto* f = reinterpret_cast<Frame*>(n->data);
  n->top = words;
  init_frame(f, func, nullptr);
  return f;
}

void pop_chunk(ThreadVM& vm) {
  Chunk* c = vm.chunk;
  vm.chunk = c->prev;
  std::free(c);
}

Frame* push_frame(PyFunctionObject* func, PyObject* locals) {
  Frame* f = push_frame_fast(t_vm, func);
  if (f && locals) f->locals = Py_NewRef(locals);
  return f;
}

// Releases the frame's references; if a frame object outlives the call, it
// first takes a copy of the frame.
void clear_frame(Frame* f) {
  if (f->frame_obj) {
    PyFrameObject* fo = f->frame_obj;
    f->frame_obj = nullptr;
    if (Py_REFCNT(fo) > 1) {
      frame_object_take_ownership(fo, f);  // copies locals; our references move
      Py_DECREF(fo);
      return;
    }
    frame_object_detach(fo);
    Py_DECREF(fo);
  }
  int n = f->code->co_nlocalsplus;
  for (int i = 0; i < n; i++) Py_CLEAR(f->localsplus[i]);
  PyObject** base = f->stack_base();
  for (int i = 0; i < f->stacktop; i++) Py_CLEAR(base[i]);
  f->stacktop = 0;
  Py_CLEAR(f->locals);
  Py_CLEAR(f->code);
  Py_CLEAR(f->func);
}

void pop_frame(Frame* f) { pop_frame_fast(t_vm, f); }

int frame_lineno(Frame* f) {
  if (!f->instr) return f->code->co_firstlineno;
  return bytecode::position_at(f->code, f->lasti()).line;
}

// -- Argument binding ------------------------------------------------------------------------

static PyObject* local_name(PyCodeObject* co, Py_ssize_t i) { return PyTuple_GET_ITEM(co->co_localsplusnames, i); }

// "'a', 'b' and 'c'" as CPython formats missing-argument lists.
static std::string name_list(const std::vector<PyObject*>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); i++) {
    const char* s = PyUnicode_AsUTF8(names[i]);
    out += "'" + std::string(s ? s : "?") + "'";
    if (i + 2 < names.size()) out += ", ";
    else if (i + 2 == names.size()) out += names.size() > 2 ? ", and " : " and ";
  }
  return out;
}

static void missing_args(PyFunctionObject* func, std::vector<PyObject*>& names, const char* kind) {
  std::string msg = name_list(names);
  PyErr_Format(PyExc_TypeError, "%U() missing %zd required %s argument%s: %s", func->func_qualname,
               names.size(), kind, names.size() == 1 ? "" : "s", msg.c_str());
}

int bind_arguments(Frame* f, PyFunctionObject* func, PyObject* const* args, size_t nargs,
                   PyObject* kwnames) {
  PyCodeObject* co = f->code;
  PyObject** locals = f->localsplus;
  Py_ssize_t argcount = co->co_argcount, kwonly = co->co_kwonlyargcount;
  Py_ssize_t total = argcount + kwonly;
  bool varargs = co->co_flags & CO_VARARGS, varkw = co->co_flags & CO_VARKEYWORDS;
  PyObject* kwdict = nullptr;
  if (varkw) {
    kwdict = PyDict_New();
    if (!kwdict) return -1;
    locals[total + varargs] = kwdict;
  }
  size_t npos = nargs < static_cast<size_t>(argcount) ? nargs : static_cast<size_t>(argcount);
  for (size_t i = 0; i < npos; i++) locals[i] = Py_NewRef(args[i]);
  if (varargs) {
    size_t extra = nargs > npos ? nargs - npos : 0;
    PyObject* t = PyTuple_New(static_cast<Py_ssize_t>(extra));
    if (!t) return -1;
    for (size_t i = 0; i < extra; i++) PyTuple_SET_ITEM(t, i, Py_NewRef(args[npos + i]));
    locals[total] = t;
  }
  // Too many positional arguments are reported after the keywords are bound, as CPython
  // does: a bad keyword is the error named first.
  bool too_many = !varargs && nargs > static_cast<size_t>(argcount);
  // Keywords.
  Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
  for (Py_ssize_t k = 0; k < nkw; k++) {
    PyObject* name = PyTuple_GET_ITEM(kwnames, k);
    PyObject* value = args[nargs + static_cast<size_t>(k)];
    Py_ssize_t j = co->co_posonlyargcount;
    for (; j < total; j++) {
      PyObject* pn = local_name(co, j);
      if (pn == name || PyUnicode_Compare(pn, name) == 0) break;
    }
    if (j == total) {
      if (!kwdict) {
        // A positional-only name passed by keyword gets its own message.
        for (Py_ssize_t p = 0; p < co->co_posonlyargcount; p++) {
          if (PyUnicode_Compare(local_name(co, p), name) == 0) {
            // All of them, in parameter order, joined by ", " (CPython's message).
            Ref<> names = steal(PyList_New(0));
            if (!names) return -1;
            for (Py_ssize_t q = 0; q < co->co_posonlyargcount; q++) {
              PyObject* pn = local_name(co, q);
              for (Py_ssize_t m = 0; m < nkw; m++) {
                if (PyUnicode_Compare(pn, PyTuple_GET_ITEM(kwnames, m)) == 0) {
                  if (PyList_Append(names.get(), pn) < 0) return -1;
                  break;
                }
              }
            }
            Ref<> sep = steal(PyUnicode_FromString(", "));
            Ref<> joined = sep ? steal(PyUnicode_Join(sep.get(), names.get())) : Ref<>();
            if (!joined) return -1;
            PyErr_Format(PyExc_TypeError,
                         "%U() got some positional-only arguments passed as keyword arguments: '%U'",
                         func->func_qualname, joined.get());
            return -1;
          }
        }
        PyErr_Format(PyExc_TypeError, "%U() got an unexpected keyword argument '%U'",
                     func->func_qualname, name);
        return -1;
      }
      if (PyDict_SetItem(kwdict, name, value) < 0) return -1;
      continue;
    }
    if (locals[j]) {
      PyErr_Format(PyExc_TypeError, "%U() got multiple values for argument '%U'", func->func_qualname, name);
      return -1;
    }
    locals[j] = Py_NewRef(value);
  }
  if (too_many) {
    // Count keyword-only arguments given, for CPython's exact message.
    Py_ssize_t kwonly_given = 0;
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    for (Py_ssize_t k = 0; k < nkw; k++)
      for (Py_ssize_t j = argcount; j < total; j++)
        if (PyUnicode_Compare(PyTuple_GET_ITEM(kwnames, k), local_name(co, j)) == 0) kwonly_given++;
    Py_ssize_t ndefaults = func->func_defaults ? PyTuple_GET_SIZE(func->func_defaults) : 0;
    std::string takes;
    if (ndefaults) takes = "from " + std::to_string(argcount - ndefaults) + " to " + std::to_string(argcount);
    else takes = std::to_string(argcount);
    const char* plural = (ndefaults == 0 && argcount == 1) ? "" : "s";
    std::string given = std::to_string(nargs);
    if (kwonly_given) {
      given += " positional argument" + std::string(nargs == 1 ? "" : "s") + " (and " +
               std::to_string(kwonly_given) + " keyword-only argument" + (kwonly_given == 1 ? "" : "s") + ")";
      PyErr_Format(PyExc_TypeError, "%U() takes %s positional argument%s but %s were given",
                   func->func_qualname, takes.c_str(), plural, given.c_str());
    } else {
      PyErr_Format(PyExc_TypeError, "%U() takes %s positional argument%s but %zu %s given",
                   func->func_qualname, takes.c_str(), plural, nargs, nargs == 1 ? "was" : "were");
    }
    return -1;
  }
  // Defaults for missing positional parameters.
  if (nargs < static_cast<size_t>(argcount)) {
    Py_ssize_t ndefaults = func->func_defaults ? PyTuple_GET_SIZE(func->func_defaults) : 0;
    Py_ssize_t first_default = argcount - ndefaults;
    std::vector<PyObject*> missing;
    for (Py_ssize_t i = static_cast<Py_ssize_t>(nargs); i < argcount; i++) {
      if (locals[i]) continue;
      if (i >= first_default) locals[i] = Py_NewRef(PyTuple_GET_ITEM(func->func_defaults, i - first_default));
      else missing.push_back(local_name(co, i));
    }
    if (!missing.empty()) {
      missing_args(func, missing, "positional");
      return -1;
    }
  }
  if (kwonly) {
    std::vector<PyObject*> missing;
    for (Py_ssize_t i = argcount; i < total; i++) {
      if (locals[i]) continue;
      PyObject* def = nullptr;
      if (func->func_kwdefaults) {
        def = PyDict_GetItemWithError(func->func_kwdefaults, local_name(co, i));
        if (!def && PyErr_Occurred()) return -1;
      }
      if (def) locals[i] = Py_NewRef(def);
      else missing.push_back(local_name(co, i));
    }
    if (!missing.empty()) {
      missing_args(func, missing, "keyword-only");
      return -1;
    }
  }
  return 0;
}

}  // namespace krait::interp
