// The eval breaker: one process-wide word that asks running Python code to
// stop at its next safe point (a function start or a backward jump).
//
// Anything that must interrupt bytecode from outside — a signal handler
// recording a signal, another thread asking for the GIL, a pending call — sets
// a bit with request_eval_break(), which is a lock-free atomic or and
// therefore async-signal-safe. The interpreter tests the word with one relaxed
// load at each safe point and calls handle_eval_breaker() when it is nonzero.
#pragma once
#include <atomic>

namespace krait {

enum EvalBreakBit : int {
  kBreakSignals = 1,       // a signal arrived: run Python-level handlers (main thread)
  kBreakGilDrop = 2,       // another thread waits for the GIL
  kBreakPendingCalls = 4,  // Py_AddPendingCall queued work (main thread)
};

extern std::atomic<int> g_eval_breaker;

inline void request_eval_break(int bits) {
  g_eval_breaker.fetch_or(bits, std::memory_order_relaxed);
}
inline void clear_eval_break(int bits) {
  g_eval_breaker.fetch_and(~bits, std::memory_order_relaxed);
}
inline bool eval_break_requested() {
  return g_eval_breaker.load(std::memory_order_relaxed) != 0;
}

// Runs what the set bits ask for. Returns -1 with an exception set when a
// signal handler raised (KeyboardInterrupt, ...), else 0.
int handle_eval_breaker();

}  // namespace krait
