// import_bootstrap.h — start-up of importlib (see import_bootstrap.cpp).
#pragma once

namespace krait {

// Init hook (runtime/init_hooks.def): sys.path, importlib, __main__.
int init_import_system();
// Inserts sys.path[0]: the directory of `script` (resolved, as CPython does),
// or '' when script is nullptr (-c, stdin). -m passes the current directory.
int set_main_path0(const char* script);

}  // namespace krait
