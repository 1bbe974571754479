// Command-line and environment parsing into krait::g_config (see config.h).
//
// The grammar is CPython 3.11's: short options may be grouped (`-Bc code`),
// `-c`/`-m` take the rest of the word or the next argument and end option
// processing, `-` or a file name ends it too, `--` ends it explicitly.
// Environment variables are read unless -E or -I; an option given on the
// command line wins over its variable when both are present.
#include "runtime/config.h"

#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <Python.h>

namespace krait {

Config g_config;

namespace {

const char* g_prog = "python";

int usage_error(const std::string& msg) {
  fprintf(stderr, "%s\nusage: %s [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
                  "Try `python -h' for more information.\n",
          msg.c_str(), g_prog);
  return 2;
}

// Krait's own wording of the option summary (`-h`).
const char kHelp[] =
    "Options (environment variables in brackets):\n"
    "-b     : warn on str(bytes) and on comparing bytes with str; -bb: make those errors\n"
    "-B     : do not write bytecode caches on import [PYTHONDONTWRITEBYTECODE]\n"
    "-c cmd : run the program passed as a string (ends the option list)\n"
    "-d     : parser debugging output [PYTHONDEBUG]\n"
    "-E     : ignore PYTHON* environment variables\n"
    "-h     : print this summary and exit (also -? and --help)\n"
    "-i     : enter interactive mode after running the program [PYTHONINSPECT]\n"
    "-I     : isolated mode: implies -E, -P and -s\n"
    "-m mod : run a library module as a script (ends the option list)\n"
    "-O     : drop assert statements and __debug__-dependent code [PYTHONOPTIMIZE]\n"
    "-OO    : as -O, and also drop docstrings\n"
    "-P     : do not put the script's directory (or the cwd) first on sys.path [PYTHONSAFEPATH]\n"
    "-q     : no version banner in interactive mode\n"
    "-s     : do not add the user site directory to sys.path [PYTHONNOUSERSITE]\n"
    "-S     : do not import the site module at start-up\n"
    "-u     : unbuffered binary stdout and stderr [PYTHONUNBUFFERED]\n"
    "-v     : trace imports (repeat for more) [PYTHONVERBOSE]\n"
    "-V     : print the version and exit (-VV: more detail; also --version)\n"
    "-W arg : warning control, action:message:category:module:lineno [PYTHONWARNINGS]\n"
    "-x     : skip the first line of the source file\n"
    "-X opt : implementation option (dev, utf8, int_max_str_digits=N, pycache_prefix=DIR,\n"
    "         importtime, faulthandler, tracemalloc, warn_default_encoding, ...)\n"
    "--check-hash-based-pycs always|default|never\n"
    "file   : program read from a script file\n"
    "-      : program read from stdin (the default; interactive when stdin is a terminal)\n"
    "arg ...: the rest of the arguments, in sys.argv[1:]\n";

// CPython's rule for flag variables: an integer value sets the level, any
// other non-empty value means 1; the larger of that and the option wins.
void env_flag(const char* name, int* flag) {
  const char* v = getenv(name);
  if (!v || !*v) return;
  char* end;
  long n = strtol(v, &end, 10);
  int level = (*end == '\0' && n >= 0) ? static_cast<int>(n > INT_MAX ? INT_MAX : n) : 1;
  if (level > *flag) *flag = level;
}

const char* env_str(const char* name) {
  const char* v = getenv(name);
  return v && *v ? v : nullptr;
}

void split_into(const char* text, char sep, std::vector<std::string>* out) {
  std::string cur;
  for (const char* p = text;; p++) {
    if (*p == sep || *p == '\0') {
      if (!(sep == ',' && cur.empty())) out->push_back(cur);
      cur.clear();
      if (*p == '\0') break;
    } else {
      cur += *p;
    }
  }
}

std::string xoption_value(const Config& c, const char* name, bool* present) {
  *present = false;
  std::string result;
  size_t n = std::strlen(name);
  for (const std::string& x : c.xoptions) {
    if (x.compare(0, n, name) == 0 && (x.size() == n || x[n] == '=')) {
      *present = true;
      result = x.size() == n ? "" : x.substr(n + 1);
    }
  }
  return result;
}

std::string resolve_executable(const char* argv0) {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n > 0) {
    buf[n] = '\0';
    return buf;
  }
  return argv0 ? argv0 : "";
}

}  // namespace

int parse_command_line(int argc, char** argv) {
  Config& c = g_config;
  g_prog = argc > 0 ? argv[0] : "python";
  c.executable = resolve_executable(g_prog);
  for (int k = 0; k < argc; k++) c.orig_argv.push_back(argv[k]);

  std::vector<std::string> cmd_warnoptions;
  int opt_optimize = 0, opt_verbose = 0, opt_debug = 0, opt_inspect = 0;
  int opt_bytecode = 0, opt_unbuffered = 0, opt_nousersite = 0, opt_safe_path = 0;
  int version = 0;
  bool have_program = false;
  int i = 1;
  for (; i < argc && !have_program; i++) {
    const char* a = argv[i];
    if (a[0] != '-' || a[1] == '\0') break;  // a file name or "-"
    if (std::strcmp(a, "--") == 0) {
      i++;
      break;
    }
    if (a[1] == '-') {  // long options
      const char* name = a + 2;
      if (std::strcmp(name, "help") == 0 || std::strcmp(name, "help-all") == 0 ||
          std::strcmp(name, "help-env") == 0 || std::strcmp(name, "help-xoptions") == 0) {
        printf("usage: %s [option] ... [-c cmd | -m mod | file | -] [arg] ...\n%s", g_prog, kHelp);
        return 0;
      }
      if (std::strcmp(name, "version") == 0) {
        version++;
        continue;
      }
      if (std::strcmp(name, "check-hash-based-pycs") == 0) {
        if (i + 1 >= argc) return usage_error("Argument expected for the --check-hash-based-pycs option");
        std::string v = argv[++i];
        if (v != "default" && v != "always" && v != "never")
          return usage_error("--check-hash-based-pycs must be one of 'default', 'always', or 'never'");
        c.check_hash_pycs = v;
        continue;
      }
      return usage_error(std::string("unknown option ") + a);
    }
    for (const char* p = a + 1; *p; p++) {
      char o = *p;
      // Options with an argument take the rest of this word or the next one.
      if (std::strchr("cmWX", o)) {
        std::string arg;
        if (p[1]) {
          arg = p + 1;
        } else if (i + 1 < argc) {
          arg = argv[++i];
        } else {
          return usage_error(std::string("Argument expected for the -") + o + " option");
        }
        if (o == 'c' || o == 'm') {
          c.run = o == 'c' ? Config::Run::Command : Config::Run::Module;
          c.run_arg = arg;
          have_program = true;
        } else if (o == 'W') {
          cmd_warnoptions.push_back(arg);
        } else if (arg == "dis") {
          c.dis = true;
        } else if (arg == "dump-ast") {
          c.dump_ast_requested = true;
          if (i + 1 < argc) c.dump_ast = argv[++i];
        } else {
          c.xoptions.push_back(arg);
        }
        break;
      }
      switch (o) {
        case 'b': c.bytes_warning++; break;
        case 'B': opt_bytecode = 1; break;
        case 'd': opt_debug++; break;
        case 'E': c.ignore_environment = 1; break;
        case 'h': case '?':
          printf("usage: %s [option] ... [-c cmd | -m mod | file | -] [arg] ...\n%s", g_prog, kHelp);
          return 0;
        case 'i': opt_inspect = 1; c.interactive = 1; break;
        case 'I': c.isolated = 1; c.ignore_environment = 1; opt_nousersite = 1; opt_safe_path = 1; break;
        case 'J': return usage_error("-J is reserved for Jython");
        case 'O': opt_optimize++; break;
        case 'P': opt_safe_path = 1; break;
        case 'q': c.quiet = 1; break;
        case 'R': break;  // hash randomization is always on (unless PYTHONHASHSEED)
        case 's': opt_nousersite = 1; break;
        case 'S': c.no_site = 1; break;
        case 't': break;  // accepted and ignored, as CPython 3
        case 'u': opt_unbuffered = 1; break;
        case 'v': opt_verbose++; break;
        case 'V': version++; break;
        case 'x': c.skip_first_line = 1; break;
        default:
          return usage_error(std::string("Unknown option: -") + o);
      }
    }
  }
  if (version) {
    if (version == 1) printf("Python %s\n", PY_VERSION);
    else printf("Python %s\n", Py_GetVersion());
    return 0;
  }

  // The program and sys.argv.
  if (!have_program) {
    if (i < argc && std::strcmp(argv[i], "-") != 0) {
      c.run = Config::Run::File;
      c.run_arg = argv[i];
      c.argv.push_back(argv[i++]);
    } else {
      c.run = Config::Run::Stdin;
      c.argv.push_back(i < argc ? argv[i++] : "");
    }
  } else {
    c.argv.push_back(c.run == Config::Run::Command ? "-c" : "-m");
  }
  for (; i < argc; i++) c.argv.push_back(argv[i]);

  // The environment (unless -E / -I), then the options on top.
  std::vector<std::string> env_warnoptions;
  c.optimize = opt_optimize;
  c.verbose = opt_verbose;
  c.debug = opt_debug;
  c.inspect = opt_inspect;
  c.dont_write_bytecode = opt_bytecode;
  c.unbuffered = opt_unbuffered;
  c.no_user_site = opt_nousersite;
  c.safe_path = opt_safe_path;
  if (!c.ignore_environment) {
    env_flag("PYTHONOPTIMIZE", &c.optimize);
    env_flag("PYTHONVERBOSE", &c.verbose);
    env_flag("PYTHONDEBUG", &c.debug);
    env_flag("PYTHONINSPECT", &c.inspect);
    env_flag("PYTHONDONTWRITEBYTECODE", &c.dont_write_bytecode);
    env_flag("PYTHONUNBUFFERED", &c.unbuffered);
    env_flag("PYTHONNOUSERSITE", &c.no_user_site);
    env_flag("PYTHONSAFEPATH", &c.safe_path);
    env_flag("PYTHONWARNDEFAULTENCODING", &c.warn_default_encoding);
    if (const char* v = env_str("PYTHONHASHSEED")) c.hash_randomization = std::strcmp(v, "0") != 0;
    if (const char* v = env_str("PYTHONDEVMODE")) c.dev_mode = 1, (void)v;
    if (const char* v = env_str("PYTHONFAULTHANDLER")) c.faulthandler = 1, (void)v;
    if (const char* v = env_str("PYTHONUTF8")) c.utf8_mode = std::strcmp(v, "0") != 0;
    if (const char* v = env_str("PYTHONWARNINGS")) split_into(v, ',', &env_warnoptions);
    if (const char* v = env_str("PYTHONPATH")) split_into(v, ':', &c.pythonpath);
    if (const char* v = env_str("PYTHONSTARTUP")) c.startup = v;
    if (const char* v = env_str("PYTHONPYCACHEPREFIX")) c.pycache_prefix = v;
    if (const char* v = env_str("PYTHONINTMAXSTRDIGITS")) {
      char* end;
      long n = strtol(v, &end, 10);
      if (*end || (n != 0 && n < 640) || n > INT_MAX) {
        fprintf(stderr, "Fatal Python error: config_init_int_max_str_digits: "
                        "PYTHONINTMAXSTRDIGITS: invalid limit; must be >= 640 or 0 for unlimited.\n"
                        "Python runtime state: preinitialized\n\n");
        return 1;
      }
      c.int_max_str_digits = static_cast<int>(n);
    }
  }
  bool present;
  xoption_value(c, "dev", &present);
  if (present) c.dev_mode = 1;
  xoption_value(c, "faulthandler", &present);
  if (present || c.dev_mode) c.faulthandler = 1;
  std::string v = xoption_value(c, "utf8", &present);
  if (present) c.utf8_mode = v != "0";
  xoption_value(c, "warn_default_encoding", &present);
  if (present) c.warn_default_encoding = 1;
  v = xoption_value(c, "pycache_prefix", &present);
  if (present) c.pycache_prefix = v;
  v = xoption_value(c, "int_max_str_digits", &present);
  if (present) {
    char* end;
    long n = strtol(v.c_str(), &end, 10);
    if (v.empty() || *end || (n != 0 && n < 640) || n > INT_MAX) {
      fprintf(stderr, "Fatal Python error: config_init_int_max_str_digits: -X int_max_str_digits: "
                      "invalid limit; must be >= 640 or 0 for unlimited.\n"
                      "Python runtime state: preinitialized\n\n");
      return 1;
    }
    c.int_max_str_digits = static_cast<int>(n);
  }
  // sys.warnoptions: dev mode's "default", PYTHONWARNINGS, -W, then -b's.
  if (c.dev_mode) c.warnoptions.push_back("default");
  for (auto& w : env_warnoptions) c.warnoptions.push_back(w);
  for (auto& w : cmd_warnoptions) c.warnoptions.push_back(w);
  if (c.bytes_warning == 1) c.warnoptions.push_back("default::BytesWarning");
  else if (c.bytes_warning > 1) c.warnoptions.push_back("error::BytesWarning");
  return -1;
}

}  // namespace krait
