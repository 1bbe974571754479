#!/usr/bin/python3.11
"""Imports every stdlib module the oracle can import, under Krait.

The oracle lists sys.stdlib_module_names and keeps those it can import (in a
child process, so nothing here depends on this interpreter's state). Krait then
imports them all in one process, each in try/except, printing one result line
per module; a module whose import kills the process is retried alone so one
crash cannot hide the others. Modules with side effects on import (antigravity
opens a browser, this prints the Zen) are skipped.
Modules listed in KNOWN_FAILURES (one name per line, `#` comments) are expected
to fail for now; a listed module that imports counts as a failure until it is
removed from the list, so the list only shrinks.
Prints one line per failure, then `N passed, M failed`.
"""
import json, os, subprocess, sys

ORACLE = "/usr/bin/python3.11"
SKIP = {"antigravity", "this", "__main__"}
PROBE = r"""
import importlib, json, sys, warnings
warnings.simplefilter("ignore")
names = json.loads(sys.argv[1])
for n in names:
    try:
        importlib.import_module(n)
        r = "ok"
    except BaseException as e:
        r = "%s: %s" % (type(e).__name__, str(e).splitlines()[0] if str(e) else "")
    sys.stdout.write(json.dumps([n, r]) + "\n")
    sys.stdout.flush()
"""


def probe(python, names, timeout):
    env = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "HOME": "/tmp", "PYTHONHASHSEED": "0"}
    p = subprocess.run([python, "-c", PROBE, json.dumps(names)], capture_output=True,
                       timeout=timeout, env=env, stdin=subprocess.DEVNULL, cwd="/tmp")
    results = {}
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        try:
            n, r = json.loads(line)
            results[n] = r
        except ValueError:
            pass
    return results, p


def main():
    krait = os.path.abspath(sys.argv[1])  # [--update] rewrites KNOWN_FAILURES
    names = sorted(set(sys.stdlib_module_names) - SKIP)
    oracle, _ = probe(ORACLE, names, 600)
    wanted = [n for n in names if oracle.get(n) == "ok"]
    results = {}
    todo = list(wanted)
    while todo:
        try:
            got, p = probe(krait, todo, 600)
        except subprocess.TimeoutExpired:
            got, p = {}, None
        results.update(got)
        rest = [n for n in todo if n not in got]
        if not rest:
            break
        # The process died (or hung) importing rest[0]: record it, go on after it.
        status = p.returncode if p is not None else "timeout"
        results[rest[0]] = "process ended during import (status %s)" % status
        todo = rest[1:]
    if "--update" in sys.argv:  # rewrite KNOWN_FAILURES from this run
        kf = os.path.join(os.path.dirname(os.path.abspath(__file__)), "KNOWN_FAILURES")
        with open(kf, "w") as f:
            f.write("# Stdlib modules that do not import under Krait yet (only shrinks; see check.py).\n")
            for n in wanted:
                if results.get(n) != "ok":
                    f.write("%s  # %s\n" % (n, results.get(n)[:120]))
    known = set()
    kf = os.path.join(os.path.dirname(os.path.abspath(__file__)), "KNOWN_FAILURES")
    if os.path.exists(kf):
        known = {l.split("#")[0].strip() for l in open(kf)} - {""}
    failed = []
    for n in wanted:
        ok = results.get(n) == "ok"
        if n in known and ok:
            failed.append(n)
            print("FAIL import %s: imports now; remove it from tests/stdlib_imports/KNOWN_FAILURES" % n)
        elif n not in known and not ok:
            failed.append(n)
            print("FAIL import %s: %s" % (n, results.get(n)))
    print("%d passed, %d failed" % (len(wanted) - len(failed), len(failed)))
    return 1 if failed else 0


sys.exit(main())
