"""Checks of Krait's crash report; CPython prints nothing here, so these are not differential."""
import os
import resource
import signal
import subprocess
import sys

KRAIT = os.path.join(os.path.abspath(sys.argv[1]), "krait")

# (name, arguments, substrings stderr must contain, substrings it must not contain)
CASES = [
    ("segfault in an extension (ctypes)",
     ["-c", "import ctypes\nctypes.string_at(0)"],
     ["Krait crashed: Segmentation fault\n", "The fault happened in /", ".so",
      "(most recent call first):\n", 'in string_at\n  File "<string>", line 2 in <module>\n'],
     ["Fatal Python error"]),
    ("faulthandler enabled: its report only",
     ["-X", "faulthandler", "-c", "import ctypes; ctypes.string_at(0)"],
     ["Fatal Python error: Segmentation fault\n", "in string_at"],
     ["Krait crashed"]),
    ("faulthandler enabled then disabled",
     ["-c", "import faulthandler\nfaulthandler.enable()\nfaulthandler.disable()\nfaulthandler._sigsegv()"],
     ["Krait crashed: Segmentation fault\n", 'File "<string>", line 4 in <module>'],
     ["Fatal Python error"]),
    ("fault in another thread",
     ["-c", "import threading, ctypes\n"
            "def f():\n    ctypes.string_at(0)\n"
            "t = threading.Thread(target=f)\nt.start()\nt.join()"],
     ["Krait crashed: Segmentation fault\n", "Current thread 0x", "line 3 in f\n",
      "\nThread 0x"],
     []),
    ("C stack overflow (alternate stack)",
     ["-c", "import faulthandler; faulthandler._stack_overflow()"],
     ["Krait crashed: Segmentation fault\n"],
     []),
    ("third-party extension modules listed",
     ["-c", "import ctypes, msgpack\nctypes.string_at(0)"],
     ["Krait crashed: Segmentation fault\n", "\nExtension modules: msgpack._cmsgpack (total: 1)\n"],
     []),
    ("SIGFPE",
     ["-c", "import faulthandler; faulthandler._sigfpe()"],
     ["Krait crashed: Floating point exception\n"],
     []),
]


def no_core():
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main():
    passed = failed = 0
    for name, args, want, unwanted in CASES:
        p = subprocess.run([KRAIT] + args, capture_output=True, text=True, timeout=60,
                           preexec_fn=no_core)
        problems = []
        expected_signal = signal.SIGFPE if "SIGFPE" in name else signal.SIGSEGV
        if p.returncode != -expected_signal:
            problems.append(f"exit status {p.returncode}, want {-expected_signal}")
        problems += [f"missing {w!r}" for w in want if w not in p.stderr]
        problems += [f"unexpected {u!r}" for u in unwanted if u in p.stderr]
        if p.stderr.count("Krait crashed") > 1:
            problems.append("report printed twice")
        if problems:
            failed += 1
            print(f"FAIL {name}: {'; '.join(problems)}\n--- stderr:\n{p.stderr}---")
        else:
            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
