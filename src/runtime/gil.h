// The global interpreter lock.
//
// One mutex-protected flag says whether some thread holds the GIL. A thread
// that wants it waits on a condition variable for at most the switch interval
// (sys.setswitchinterval, 5 ms by default); when the wait times out and no
// switch happened meanwhile, it sets kBreakGilDrop in the eval breaker, so the
// holder drops the GIL at its next safe point (gil_yield) and waits until
// somebody else has taken it before competing again ("forced switching"), as
// CPython's GIL does so that a busy thread cannot starve the others.
#pragma once
#include <Python.h>

namespace krait {

// Creates the GIL already held by the calling (main) thread.
void gil_create_held();
// Acquires/releases for thread state `ts` (sets/clears the current thread state).
void gil_take(PyThreadState* ts);
void gil_drop(PyThreadState* ts);
// Called at a safe point when kBreakGilDrop is set: hand the GIL over.
void gil_yield();
// True when the calling OS thread holds the GIL.
bool gil_held_by_me();
// After fork() in the child: the calling thread holds a fresh GIL.
void gil_reinit_after_fork();

// From now on only the calling thread may hold the GIL: any other thread
// that asks for it is parked forever (daemon threads at finalization).
void gil_reserve_for_finalizer();

// sys.setswitchinterval / getswitchinterval, in microseconds.
void gil_set_switch_interval(unsigned long us);
unsigned long gil_switch_interval();

}  // namespace krait
