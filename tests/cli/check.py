#!/usr/bin/python3.11
"""Runs every case of cases.txt under /usr/bin/python3.11 and Krait and compares.

A case is one line: a shell command in which `$PY` names the interpreter, run with
cwd = a fresh temporary directory, a fixed environment and stdin from the case's
`<<<` part if any (text after ` <<< ` with \\n escapes). The interpreter's path,
the version banner's build details and the REPL's platform line are normalized.
Prints one line per failure, then `N passed, M failed`.
"""
import os, re, subprocess, sys, tempfile

ORACLE = "/usr/bin/python3.11"
HERE = os.path.dirname(os.path.abspath(__file__))


def run(py, case, tmp):
    cmd, _, stdin = case.partition(" <<< ")
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "HOME": tmp,
           "PYTHONHASHSEED": "0", "PY": py}
    # A sanitizer build (make test-asan) needs its options, e.g. detect_leaks=0.
    env.update({k: v for k, v in os.environ.items() if k in ("ASAN_OPTIONS", "UBSAN_OPTIONS")})
    p = subprocess.run(["/bin/sh", "-c", cmd], cwd=tmp, env=env, capture_output=True, timeout=30,
                       input=stdin.encode().decode("unicode_escape").encode() if stdin else b"")
    def norm(b):
        t = b.decode("utf-8", "replace").replace(py, "PY")
        return re.sub(r"^Python 3\.11\.\d+ \(.*\) \[.*\]", "Python 3.11.x (...)", t, flags=re.M)
    return norm(p.stdout), norm(p.stderr), p.returncode


def main():
    krait = os.path.abspath(sys.argv[1])
    cases = [l.rstrip("\n") for l in open(os.path.join(HERE, "cases.txt"))
             if l.strip() and not l.startswith("#")]
    passed = failed = 0
    for case in cases:
        with tempfile.TemporaryDirectory() as t1, tempfile.TemporaryDirectory() as t2:
            for d in (t1, t2):
                with open(os.path.join(d, "prog.py"), "w") as f:
                    f.write("import sys\nprint('prog', sys.argv)\n")
                with open(os.path.join(d, "startup.py"), "w") as f:
                    f.write("started = 42\n")
            exp = run(ORACLE, case, t1)
            got = run(krait, case, t2)
        exp = tuple(x.replace(t1, "TMP") if isinstance(x, str) else x for x in exp)
        got = tuple(x.replace(t2, "TMP") if isinstance(x, str) else x for x in got)
        if exp == got:
            passed += 1
        else:
            failed += 1
            print(f"FAIL cli: {case}")
            for name, e, g in zip(("stdout", "stderr", "status"), exp, got):
                if e != g:
                    print(f"    {name}: expected {e!r}\n    {' ' * len(name)}  krait    {g!r}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
