// Start-up and shutdown hooks of the runtime (see lifecycle.cpp).
#pragma once

namespace krait {
int runtime_init();
// Declarations of the hook functions named in init_hooks.def / fini_hooks.def.
#define KRAIT_INIT_HOOK(fn) int fn();
#include "runtime/init_hooks.def"
#undef KRAIT_INIT_HOOK
#define KRAIT_FINI_HOOK(fn) int fn();
#include "runtime/fini_hooks.def"
#undef KRAIT_FINI_HOOK
}  // namespace krait
