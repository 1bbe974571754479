// The eval breaker's slow path: what a thread does at a safe point when some
// bit of g_eval_breaker is set (see eval_breaker.h).
#include "runtime/eval_breaker.h"

#include <Python.h>

#include <mutex>

#include "runtime/gil.h"
#include "runtime/interp_state.h"

namespace krait {

std::atomic<int> g_eval_breaker{0};

namespace {

// Py_AddPendingCall's queue: a fixed ring, as CPython's (32 entries), filled
// from any thread (even without the GIL) and drained on the main thread.
struct PendingCalls {
  std::mutex mu;
  static constexpr int kSize = 32;
  int (*func[kSize])(void*);
  void* arg[kSize];
  int first = 0, last = 0;
  bool busy = false;  // Py_MakePendingCalls is running (no recursion)
};
PendingCalls& pending() {
  static PendingCalls* p = new PendingCalls();
  return *p;
}

}  // namespace

int handle_eval_breaker() {
  int bits = g_eval_breaker.load(std::memory_order_relaxed);
  if (bits & kBreakGilDrop) gil_yield();
  if (bits & kBreakSignals) {
    // PyErr_CheckSignals clears the bit itself (and only on the main thread,
    // where CPython runs Python-level handlers).
    if (PyErr_CheckSignals() < 0) return -1;
  }
  if ((bits & kBreakPendingCalls) && is_main_thread()) {
    if (Py_MakePendingCalls() < 0) return -1;
  }
  return 0;
}

}  // namespace krait

extern "C" int Py_AddPendingCall(int (*func)(void*), void* arg) {
  auto& p = krait::pending();
  {
    std::lock_guard<std::mutex> lk(p.mu);
    int next = (p.last + 1) % krait::PendingCalls::kSize;
    if (next == p.first) return -1;  // full
    p.func[p.last] = func;
    p.arg[p.last] = arg;
    p.last = next;
  }
  krait::request_eval_break(krait::kBreakPendingCalls);
  return 0;
}

extern "C" int Py_MakePendingCalls(void) {
  if (!krait::is_main_thread()) return 0;
  auto& p = krait::pending();
  if (p.busy) return 0;
  p.busy = true;
  krait::clear_eval_break(krait::kBreakPendingCalls);
  int result = 0;
  for (;;) {
    int (*func)(void*) = nullptr;
    void* arg = nullptr;
    {
      std::lock_guard<std::mutex> lk(p.mu);
      if (p.first == p.last) break;
      func = p.func[p.first];
      arg = p.arg[p.first];
      p.first = (p.first + 1) % krait::PendingCalls::kSize;
    }
    if (func(arg) != 0) {
      // The rest waits for the next safe point.
      std::lock_guard<std::mutex> lk(p.mu);
      if (p.first != p.last) krait::request_eval_break(krait::kBreakPendingCalls);
      result = -1;
      break;
    }
  }
  p.busy = false;
  return result;
}
