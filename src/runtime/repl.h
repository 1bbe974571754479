// The interactive loop (see repl.cpp).
#pragma once
#include <Python.h>

#include <cstdio>

namespace krait {

// Reads and runs statements from `in` until end of input. Returns 0 at end
// of input, 1 with SystemExit pending (the caller turns it into the exit
// status), -1 with another error pending.
int run_interactive_loop(FILE* in, int* exit_status);

}  // namespace krait
