// traceback_dump.cpp — writing Python stacks the way CPython's
// faulthandler does ("  File \"f.py\", line 3 in name"), usable from a
// signal handler: only write(2), no allocation, no locks, no Python calls.
// Strings are written as ASCII with \xHH/\uHHHH/\UHHHHHHHH escapes and cut
// at 500 characters; at most 100 frames per thread and 100 threads.
#include "modules/faulthandler/traceback_dump.h"

#include <unistd.h>

#include <cstring>

#include "gc/gc_state.h"
#include "interp/frame.h"
#include "objects/module_object.h"
#include "runtime/interp_state.h"

namespace krait::faulthandler {

namespace {

constexpr int kMaxFrameDepth = 100;
constexpr int kMaxThreads = 100;
constexpr Py_ssize_t kMaxStringLength = 500;

void write_bytes(int fd, const char* s, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, s, n);
    if (w <= 0) return;  // nothing sensible to do with a write error here
    s += w;
    n -= static_cast<size_t>(w);
  }
}

void write_decimal(int fd, size_t v) {
  char buf[32];
  char* p = buf + sizeof buf;
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  write_bytes(fd, p, static_cast<size_t>(buf + sizeof buf - p));
}

void write_hex(int fd, unsigned long v, int width) {
  static const char digits[] = "0123456789abcdef";
  char buf[2 * sizeof(unsigned long)];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = digits[v & 0xf];
    v >>= 4;
  }
  write_bytes(fd, buf, static_cast<size_t>(width));
}

void write_ascii(int fd, PyObject* text) {
  Py_ssize_t size = PyUnicode_GET_LENGTH(text);
  bool truncated = size > kMaxStringLength;
  if (truncated) size = kMaxStringLength;
  int kind = PyUnicode_KIND(text);
  const void* data = PyUnicode_DATA(text);
  for (Py_ssize_t i = 0; i < size; ++i) {
    Py_UCS4 ch = PyUnicode_READ(kind, data, i);
    if (ch >= ' ' && ch <= 126) {
      char c = static_cast<char>(ch);
      write_bytes(fd, &c, 1);
    } else if (ch <= 0xff) {
      write_str(fd, "\\x");
      write_hex(fd, ch, 2);
    } else if (ch <= 0xffff) {
      write_str(fd, "\\u");
      write_hex(fd, ch, 4);
    } else {
      write_str(fd, "\\U");
      write_hex(fd, ch, 8);
    }
  }
  if (truncated) write_str(fd, "...");
}

void dump_frame(int fd, interp::Frame* f) {
  PyCodeObject* code = f->code;
  write_str(fd, "  File ");
  if (code->co_filename && PyUnicode_Check(code->co_filename)) {
    write_str(fd, "\"");
    write_ascii(fd, code->co_filename);
    write_str(fd, "\"");
  } else {
    write_str(fd, "???");
  }
  write_str(fd, ", line ");
  int line = interp::frame_lineno(f);
  if (line >= 0)
    write_decimal(fd, static_cast<size_t>(line));
  else
    write_str(fd, "???");
  write_str(fd, " in ");
  if (code->co_name && PyUnicode_Check(code->co_name))
    write_ascii(fd, code->co_name);
  else
    write_str(fd, "???");
  write_str(fd, "\n");
}

void dump_frames(int fd, interp::Frame* f) {
  if (f == nullptr) {
    write_str(fd, "  <no Python frame>\n");
    return;
  }
  for (int depth = 0; f; f = f->previous, ++depth) {
    if (depth >= kMaxFrameDepth) {
      write_str(fd, "  ...\n");
      return;
    }
    dump_frame(fd, f);
  }
}

}  // namespace

void write_str(int fd, const char* s) { write_bytes(fd, s, std::strlen(s)); }

// The thread running a collection (it holds the GIL) shows it first, as CPython does: a crash in
// a finalizer called by the collector otherwise looks like an ordinary call.
void write_gc_marker(int fd) {
  if (gc::g_state.collecting) write_str(fd, "  Garbage-collecting\n");
}

void dump_current(int fd, bool header) {
  if (header) write_str(fd, "Stack (most recent call first):\n");
  write_gc_marker(fd);
  dump_frames(fd, interp::thread_vm().current);
}

void dump_all(int fd, unsigned long current) {
  int n = 0;
  for (interp::ThreadVMEntry* e = interp::all_thread_vms(); e; e = e->next) {
    interp::ThreadVM* vm = e->vm;
    if (!vm) continue;
    if (n != 0) write_str(fd, "\n");
    if (n >= kMaxThreads) {
      write_str(fd, "...\n");
      return;
    }
    write_str(fd, e->ident == current ? "Current thread 0x" : "Thread 0x");
    write_hex(fd, e->ident, 2 * sizeof(unsigned long));
    write_str(fd, " (most recent call first):\n");
    if (e->ident == current) write_gc_marker(fd);
    dump_frames(fd, vm->current);
    ++n;
  }
}

void dump_extension_modules(int fd) {
  PyInterpreterState* interp = main_interp();
  if (!interp || !interp->modules || !PyDict_Check(interp->modules)) return;
  // sys.stdlib_module_names, found by iterating sys.__dict__: no allocation in a signal handler.
  PyObject* stdlib_names = nullptr;
  Py_ssize_t pos = 0;
  PyObject *key, *value;
  if (interp->sysdict && PyDict_Check(interp->sysdict)) {
    while (PyDict_Next(interp->sysdict, &pos, &key, &value)) {
      if (PyUnicode_Check(key) && PyUnicode_CompareWithASCIIString(key, "stdlib_module_names") == 0) {
        stdlib_names = value;
        break;
      }
    }
  }
  if (stdlib_names && !PyFrozenSet_Check(stdlib_names)) stdlib_names = nullptr;
  Py_ssize_t count = 0;
  pos = 0;
  while (PyDict_Next(interp->modules, &pos, &key, &value)) {
    if (!PyUnicode_Check(key) || !PyModule_Check(value)) continue;
    if (reinterpret_cast<ModuleObject*>(value)->md_def == nullptr) continue;  // not from C
    if (stdlib_names) {
      bool in_stdlib = false;
      Py_ssize_t i = 0;
      PyObject* item;
      Py_hash_t hash;
      while (_PySet_NextEntry(stdlib_names, &i, &item, &hash)) {
        if (PyUnicode_Check(item) && PyUnicode_Compare(key, item) == 0) {
          in_stdlib = true;
          break;
        }
      }
      if (in_stdlib) continue;
    }
    write_str(fd, count == 0 ? "\nExtension modules: " : ", ");
    write_ascii(fd, key);
    ++count;
  }
  if (count) {
    write_str(fd, " (total: ");
    write_decimal(fd, static_cast<size_t>(count));
    write_str(fd, ")\n");
  }
}

}  // namespace krait::faulthandler
