// The global interpreter lock (see gil.h for the scheme).
#include "runtime/gil.h"
#include "capi/pyruntime_shim.h"

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "runtime/eval_breaker.h"
#include "runtime/interp_state.h"

namespace krait {
namespace {

struct Gil {
  std::mutex mu;
  std::condition_variable cv;         // signalled when the GIL is released
  std::condition_variable switch_cv;  // signalled when a waiter took it (forced switching)
  bool locked = false;
  PyThreadState* holder = nullptr;
  unsigned long switch_number = 0;    // how many times the GIL changed hands
  unsigned long interval_us = 5000;
};

// Allocated once and never freed: daemon threads may still touch it while
// the process exits.
Gil& gil() {
  static Gil* g = new Gil();
  return *g;
}

thread_local bool t_holds_gil __attribute__((tls_model("initial-exec"))) = false;
PyThreadState* g_finalizer = nullptr;  // set at finalization (gil_reserve_for_finalizer)

[[noreturn]] void park_forever() {
  std::mutex m;
  std::condition_variable never;
  std::unique_lock<std::mutex> lk(m);
  for (;;) never.wait(lk);
}

}  // namespace

void gil_create_held() {
  Gil& g = gil();
  std::lock_guard<std::mutex> lk(g.mu);
  g.locked = true;
  g.holder = t_current_tstate;
  t_holds_gil = true;
}

void gil_take(PyThreadState* ts) {
  Gil& g = gil();
  {
    std::unique_lock<std::mutex> lk(g.mu);
    while (g.locked || (g_finalizer && ts != g_finalizer)) {
      if (g_finalizer && ts != g_finalizer) {
        lk.unlock();
        park_forever();
      }
      unsigned long seen = g.switch_number;
      auto timeout = std::chrono::microseconds(g.interval_us ? g.interval_us : 1);
      if (!g.cv.wait_for(lk, timeout, [&] { return !g.locked; })) {
        // Timed out with no hand-over meanwhile: ask the holder to yield.
        if (g.locked && g.switch_number == seen) request_eval_break(kBreakGilDrop);
      }
    }
    g.locked = true;
    g.holder = ts;
    g.switch_number++;
    // The request (if any) is served; a still-waiting thread renews it after
    // its own interval.
    clear_eval_break(kBreakGilDrop);
    g.switch_cv.notify_all();
  }
  t_holds_gil = true;
  t_current_tstate = ts;
  krait::shim_set_current_tstate(t_current_tstate);
}

static void release_locked(Gil& g) {
  g.locked = false;
  g.holder = nullptr;
  g.cv.notify_one();
}

void gil_drop(PyThreadState*) {
  Gil& g = gil();
  t_holds_gil = false;
  t_current_tstate = nullptr;
  krait::shim_set_current_tstate(t_current_tstate);
  std::lock_guard<std::mutex> lk(g.mu);
  release_locked(g);
}

void gil_yield() {
  PyThreadState* ts = t_current_tstate;
  Gil& g = gil();
  {
    std::unique_lock<std::mutex> lk(g.mu);
    if (!(g_eval_breaker.load(std::memory_order_relaxed) & kBreakGilDrop)) return;
    unsigned long before = g.switch_number;
    t_holds_gil = false;
    t_current_tstate = nullptr;
    krait::shim_set_current_tstate(t_current_tstate);
    release_locked(g);
    // Forced switching: wait until another thread has actually taken it.
    g.switch_cv.wait(lk, [&] { return g.switch_number != before; });
  }
  gil_take(ts);
}

bool gil_held_by_me() { return t_holds_gil; }

void gil_reinit_after_fork() {
  // The mutex may have been held by a thread that does not exist in the
  // child: build a fresh lock rather than unlocking the old one.
  Gil& g = gil();
  unsigned long interval = g.interval_us;
  new (&g) Gil();
  g.interval_us = interval;
  g.locked = true;
  g.holder = t_current_tstate;
  t_holds_gil = true;
  clear_eval_break(kBreakGilDrop);
}

void gil_reserve_for_finalizer() {
  std::lock_guard<std::mutex> lk(gil().mu);
  g_finalizer = t_current_tstate;
}

void gil_set_switch_interval(unsigned long us) { gil().interval_us = us; }
unsigned long gil_switch_interval() { return gil().interval_us; }

}  // namespace krait
