// The eval breaker's slow path: what a thread does at a safe point when some
// bit of g_eval_breaker is set (see eval_breaker.h).
#include "runtime/eval_breaker.h"

#include <Python.h>

namespace krait {

std::atomic<int> g_eval_breaker{0};

int handle_eval_breaker() {
  int bits = g_eval_breaker.load(std::memory_order_relaxed);
  if (bits & kBreakSignals) {
    // PyErr_CheckSignals clears the bit itself (and only on the main thread,
    // where CPython runs Python-level handlers).
    if (PyErr_CheckSignals() < 0) return -1;
  }
  return 0;
}

}  // namespace krait
