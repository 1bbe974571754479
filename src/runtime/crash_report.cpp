// crash_report.cpp — see crash_report.h. The handler runs on an alternate stack (so a C stack
// overflow is reported too) and uses only write(2) plus dladdr() to name the shared object that
// holds the faulting instruction: "in extension module X" is the most useful single fact about a
// crash in a third-party binary.
#include "runtime/crash_report.h"

#include <Python.h>
#include <dlfcn.h>
#include <signal.h>
#include <ucontext.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "modules/faulthandler/traceback_dump.h"

namespace krait {

std::atomic<bool> g_fatal_report_written{false};

namespace {

struct CrashSignal {
  int signum;
  const char* name;
};

constexpr CrashSignal kSignals[] = {
    {SIGSEGV, "Segmentation fault"},
    {SIGBUS, "Bus error"},
    {SIGILL, "Illegal instruction"},
    {SIGFPE, "Floating point exception"},
};

void write_hex(int fd, uintptr_t v) {
  char buf[2 + 2 * sizeof v];
  char* p = buf + sizeof buf;
  do {
    *--p = "0123456789abcdef"[v & 15];
    v >>= 4;
  } while (v);
  *--p = 'x';
  *--p = '0';
  ::write(fd, p, static_cast<size_t>(buf + sizeof buf - p));
}

// The faulting instruction's address, from the interrupted context (x86-64 / aarch64).
uintptr_t fault_pc(void* context) {
  if (!context) return 0;
  auto* uc = static_cast<ucontext_t*>(context);
#if defined(__x86_64__)
  return static_cast<uintptr_t>(uc->uc_mcontext.gregs[REG_RIP]);
#elif defined(__aarch64__)
  return static_cast<uintptr_t>(uc->uc_mcontext.pc);
#else
  (void)uc;
  return 0;
#endif
}

void write_location(int fd, uintptr_t pc) {
  if (pc == 0) return;
  Dl_info info;
  if (dladdr(reinterpret_cast<void*>(pc), &info) == 0 || info.dli_fname == nullptr) {
    faulthandler::write_str(fd, "The fault happened at ");
    write_hex(fd, pc);
    faulthandler::write_str(fd, ", outside any loaded library.\n");
    return;
  }
  faulthandler::write_str(fd, "The fault happened in ");
  faulthandler::write_str(fd, info.dli_fname);
  faulthandler::write_str(fd, " (");
  if (info.dli_sname) {
    faulthandler::write_str(fd, info.dli_sname);
    faulthandler::write_str(fd, "+");
    write_hex(fd, pc - reinterpret_cast<uintptr_t>(info.dli_saddr));
  } else {
    faulthandler::write_str(fd, "offset ");
    write_hex(fd, pc - reinterpret_cast<uintptr_t>(info.dli_fbase));
  }
  faulthandler::write_str(fd, ").\n");
}

void crash_handler(int signum, siginfo_t*, void* context) {
  // SA_RESETHAND has restored the default disposition already.
  if (!g_fatal_report_written.exchange(true)) {
    const char* name = "Fatal signal";
    for (const CrashSignal& s : kSignals)
      if (s.signum == signum) name = s.name;
    int fd = 2;
    // Not "Fatal Python error:": that header means the faulthandler module was enabled, and
    // programs (CPython's test_faulthandler among them) check for its absence.
    faulthandler::write_str(fd, "Krait crashed: ");
    faulthandler::write_str(fd, name);
    faulthandler::write_str(fd, "\n");
    write_location(fd, fault_pc(context));
    faulthandler::write_str(fd, "\n");
    faulthandler::dump_all(fd, PyThread_get_thread_ident());
    faulthandler::dump_extension_modules(fd);
  }
  // A signal sent with raise()/kill() does not come back when we return; a real fault re-executes
  // the instruction and dies. Raising again covers both (SA_NODEFER lets it through).
  raise(signum);
}

}  // namespace

void install_crash_report() {
  static bool installed = false;
  if (installed) return;
  installed = true;
  // An alternate stack for the main thread, so that a C stack overflow still gets its report.
  stack_t current;
  if (sigaltstack(nullptr, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
    stack_t alt = {};
    alt.ss_size = SIGSTKSZ * 2 + 64 * 1024;
    alt.ss_sp = std::malloc(alt.ss_size);
    if (alt.ss_sp && sigaltstack(&alt, nullptr) != 0) std::free(alt.ss_sp);
  }
  for (const CrashSignal& s : kSignals) {
    struct sigaction old;
    if (sigaction(s.signum, nullptr, &old) != 0) continue;
    if (!(old.sa_flags & SA_SIGINFO) && old.sa_handler != SIG_DFL) continue;  // someone else's
    struct sigaction action = {};
    action.sa_sigaction = crash_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER | SA_RESETHAND;
    sigaction(s.signum, &action, nullptr);
  }
}

}  // namespace krait
