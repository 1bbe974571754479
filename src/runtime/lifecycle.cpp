// Runtime start-up and shutdown: Py_Initialize / Py_Finalize.
//
// Order matters: the thread state first (errors need it), then the interned
// identifiers, then every static type (static_types.def), then the builtin
// modules (runtime/builtin_modules.def) with sys and builtins first.
#include <Python.h>

#include "capi/pyruntime_shim.h"
#include "objects/object_util.h"
#include "objects/type_internal.h"
#include "runtime/identifiers.h"
#include "runtime/interp_state.h"
#include "runtime/lifecycle.h"

namespace krait {

extern int g_install_signal_handlers;  // signal_state.cpp
static int g_initialized = 0;

int runtime_init() {
  if (g_initialized) return 0;
  create_main_thread_state();
  if (init_pyruntime_shim() < 0) return -1;  // first: its _Py_ID strings are the interned ones
  if (init_identifiers() < 0) return -1;
  if (ready_static_types() < 0) return -1;
  PyInterpreterState* interp = main_interp();
  interp->modules = PyDict_New();
  if (!interp->modules) return -1;
  interp->modules_by_index = PyList_New(0);
  if (!interp->modules_by_index) return -1;
#define KRAIT_INIT_HOOK(fn) \
  if (fn() < 0) return -1;
#include "runtime/init_hooks.def"
#undef KRAIT_INIT_HOOK
  g_initialized = 1;
  return 0;
}

}  // namespace krait

extern "C" {

void Py_InitializeEx(int install_sigs) {
  krait::g_install_signal_handlers = install_sigs;
  if (krait::runtime_init() < 0) {
    if (PyErr_Occurred()) PyErr_Print();
    Py_FatalError("Py_Initialize: failed to initialize the Krait runtime");
  }
}

void Py_Initialize(void) { Py_InitializeEx(1); }

int Py_IsInitialized(void) { return krait::g_initialized; }

int Py_FinalizeEx(void) {
  if (!krait::g_initialized) return 0;
  int status = 0;
#define KRAIT_FINI_HOOK(fn) \
  if (krait::fn() < 0) status = -1;
#include "runtime/fini_hooks.def"
#undef KRAIT_FINI_HOOK
  krait::g_initialized = 0;
  return status;
}

void Py_Finalize(void) { Py_FinalizeEx(); }

}  // extern "C"
