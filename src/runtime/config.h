// The interpreter's configuration: what the command line and the PYTHON*
// environment variables ask for (CPython's PyConfig, reduced to what Krait
// uses). Filled by parse_command_line() before Py_Initialize; read by sys
// (sys.flags, warnoptions, _xoptions, path, executable), the compiler (-O),
// the REPL and the main entry. Embedders that call Py_Initialize directly get
// the defaults.
#pragma once
#include <string>
#include <vector>

namespace krait {

struct Config {
  // sys.flags, in its order.
  int debug = 0, inspect = 0, interactive = 0, optimize = 0, dont_write_bytecode = 0;
  int no_user_site = 0, no_site = 0, ignore_environment = 0, verbose = 0, bytes_warning = 0;
  int quiet = 0, isolated = 0, dev_mode = 0, utf8_mode = 0, warn_default_encoding = 0;
  int safe_path = 0, int_max_str_digits = -1;
  int hash_randomization = 1;  // 0 only with PYTHONHASHSEED=0
  int unbuffered = 0;       // -u / PYTHONUNBUFFERED
  int faulthandler = 0;     // -X faulthandler / PYTHONFAULTHANDLER / dev mode
  int skip_first_line = 0;  // -x
  std::string check_hash_pycs = "default";

  std::vector<std::string> warnoptions;  // sys.warnoptions, in CPython's order
  std::vector<std::string> xoptions;     // -X name[=value], in order
  std::vector<std::string> pythonpath;   // PYTHONPATH entries (before the stdlib)
  std::string startup;                   // PYTHONSTARTUP (interactive mode only)
  std::string pycache_prefix;            // -X pycache_prefix / PYTHONPYCACHEPREFIX
  std::string executable;                // sys.executable

  enum class Run { Command, Module, File, Stdin } run = Run::Stdin;
  std::string run_arg;                   // the command, module name or file name
  std::vector<std::string> argv;         // sys.argv
  std::vector<std::string> orig_argv;    // sys.orig_argv

  // Krait's developer options (-X dis, -X dump-ast FILE).
  bool dis = false;
  std::string dump_ast;
  bool dump_ast_requested = false;
};

extern Config g_config;

// Parses argv and the environment into g_config. Returns -1 to go on, or an
// exit status after printing help, the version or a usage error.
int parse_command_line(int argc, char** argv);

}  // namespace krait
