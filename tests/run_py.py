#!/usr/bin/python3.11
"""Differential runner for tests/py: every program must behave exactly as CPython 3.11 does.

Each tests/py/**/NAME.py (files and directories starting with `_` are skipped: they hold helper
modules) runs twice, under the oracle /usr/bin/python3.11 and under Krait, as `BINARY NAME.py` with
cwd = the test's directory, stdin = /dev/null and a fixed environment.  stdout, stderr (bytes) and the
exit status must be equal.  A NAME.exp file beside the test replaces CPython's live output for the
streams it names (see docs/internals/testing.md for the format); it must carry a `# why:` line.

    tests/run_py.py [--krait PATH] [-k PATTERN] [-v] [-j N] [--milestone1] [PATH ...]

Prints one line per failure, then exactly one final line `N passed, M failed`.
Exit status 0 only when M == 0.
"""

import argparse
import concurrent.futures
import difflib
import os
import signal
import subprocess
import sys
from pathlib import Path

ORACLE = "/usr/bin/python3.11"
TESTS_DIR = Path(__file__).resolve().parent / "py"
ROOT = TESTS_DIR.parent.parent
TIMEOUT = 10.0          # seconds per program run
DIFF_LINES = 40         # -v: at most this many lines of diff per failure
OUTPUT_LIMIT = 4 << 20  # keep at most this many bytes of each stream

# Variables kept from the caller's environment: sanitizer settings only (for the ASan build).
PASS_THROUGH = ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "MSAN_OPTIONS")


def fixed_env():
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LC_ALL": "C.UTF-8",
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "HOME": "/nonexistent",
    }
    for name in PASS_THROUGH:
        if name in os.environ:
            env[name] = os.environ[name]
    return env


# -- Running one program -------------------------------------------------------------------------

class Result:
    def __init__(self, stdout=b"", stderr=b"", status=None, note=None):
        self.stdout, self.stderr, self.status, self.note = stdout, stderr, status, note


def run_program(binary, test):
    """Run `binary NAME.py` in the test's directory; a hang or a failure to start is a note."""
    try:
        proc = subprocess.Popen(
            [binary, test.name], cwd=test.parent, env=fixed_env(),
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True)
    except OSError as e:
        return Result(note=f"cannot run {binary}: {e.strerror}")
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        out, err = proc.communicate()
        return Result(out[:OUTPUT_LIMIT], err[:OUTPUT_LIMIT], None, f"timed out after {TIMEOUT:g}s")
    # Leftover children (a test that forks) must not outlive the test either.
    kill_group(proc)
    return Result(out[:OUTPUT_LIMIT], err[:OUTPUT_LIMIT], proc.returncode)


def kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


# -- Expected output ---------------------------------------------------------------------------

STREAMS = ("stdout", "stderr", "status")


def read_exp(path, test):
    """Parse NAME.exp: `# why:` reason lines, then `--- stdout ---`, `--- stderr ---` and/or
    `--- status ---` sections.  Returns ({stream: value}, error)."""
    text = path.read_text(encoding="utf-8")
    sections, current, why = {}, None, False
    for line in text.splitlines(keepends=True):
        header = line.strip()
        if header in ("--- stdout ---", "--- stderr ---", "--- status ---"):
            current = header[4:-4]
            if current in sections:
                return None, f"{path.name}: section {current} given twice"
            sections[current] = []
        elif current is None:
            if line.startswith("# why:") and line[6:].strip():
                why = True
            elif line.strip() and not line.startswith("#"):
                return None, f"{path.name}: text before the first section"
        else:
            sections[current].append(line)
    if not why:
        return None, f"{path.name}: no `# why:` line saying why Krait differs"
    if not sections:
        return None, f"{path.name}: no section"
    exp = {}
    for name, lines in sections.items():
        body = "".join(lines).replace("@TESTDIR@", str(test.parent))
        if name == "status":
            try:
                exp[name] = int(body.strip())
            except ValueError:
                return None, f"{path.name}: status is not an integer"
        else:
            exp[name] = body.encode("utf-8")
    return exp, None


# -- Comparing ---------------------------------------------------------------------------------

def describe_status(status):
    if status is None:
        return "none"
    if status < 0:
        try:
            return signal.Signals(-status).name
        except ValueError:
            return f"signal {-status}"
    return str(status)


def diff_stream(name, want, got):
    a = want.decode("utf-8", "backslashreplace").splitlines(keepends=True)
    b = got.decode("utf-8", "backslashreplace").splitlines(keepends=True)
    lines = list(difflib.unified_diff(a, b, f"{name} (expected)", f"{name} (krait)", n=2))
    lines = [l if l.endswith("\n") else l + "\\ no newline\n" for l in lines]
    if len(lines) > DIFF_LINES:
        lines = lines[:DIFF_LINES] + [f"... ({len(lines) - DIFF_LINES} more diff lines)\n"]
    return "".join("    " + l for l in lines)


def check(test, krait, verbose):
    """Returns (name, None) on success or (name, message) on failure."""
    name = str(test.relative_to(TESTS_DIR))
    exp_path = test.with_suffix(".exp")
    exp = {}
    if exp_path.exists():
        exp, err = read_exp(exp_path, test)
        if err:
            return name, err
    want = None
    if not all(s in exp for s in STREAMS):
        want = run_program(ORACLE, test)
        if want.note:
            return name, f"oracle: {want.note} (a test must run under CPython)"
    expected = {s: exp[s] if s in exp else getattr(want, s) for s in STREAMS}
    got = run_program(krait, test)
    if got.note:
        return name, got.note
    bad = [s for s in STREAMS if expected[s] != getattr(got, s)]
    if not bad:
        return name, None
    parts = []
    for s in bad:
        if s == "status":
            parts.append(f"status {describe_status(got.status)} != {describe_status(expected[s])}")
        else:
            parts.append(s)
    msg = ", ".join(parts)
    if verbose:
        first = next((s for s in bad if s != "status"), None)
        if first:
            msg += "\n" + diff_stream(first, expected[first], getattr(got, first)).rstrip("\n")
    return name, msg


# -- Selecting tests ------------------------------------------------------------------------------

def is_test(path):
    rel = path.relative_to(TESTS_DIR)
    return path.suffix == ".py" and not any(p.startswith(("_", ".")) for p in rel.parts)


def under(path, root):
    return path == root or root in path.parents


def milestone1_entries():
    """tests/py/MILESTONE1: one directory or file (relative to tests/py) a line, `#` comments."""
    entries = []
    for line in (TESTS_DIR / "MILESTONE1").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append((TESTS_DIR / line).resolve())
    return entries


def collect(paths, pattern, milestone1):
    tests = set()
    for root in [Path(p).resolve() for p in paths] or [TESTS_DIR]:
        if root.is_file():
            tests.add(root)
        elif root.is_dir():
            tests.update(root.rglob("*.py"))
        else:
            print(f"no such test or directory: {root}", file=sys.stderr)
            sys.exit(2)
    tests = [t for t in tests if TESTS_DIR in t.parents and is_test(t)]
    if milestone1:
        entries = milestone1_entries()
        tests = [t for t in tests if any(under(t, e) for e in entries)]
    if pattern:
        tests = [t for t in tests if pattern in str(t.relative_to(TESTS_DIR))]
    return sorted(tests)


# Tests that fail because the feature they need has not been built yet (an
# issue is open for it). One path per line, '#' comments. The list only
# shrinks: a listed test that passes is reported as a failure until removed.
KNOWN_FAILURES_NAME = "KNOWN_FAILURES"
KNOWN_FAILURES = TESTS_DIR / KNOWN_FAILURES_NAME


def known_failures():
    if not KNOWN_FAILURES.exists():
        return set()
    names = set()
    for line in KNOWN_FAILURES.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(line)
    return names


def main():
    ap = argparse.ArgumentParser(description="Run tests/py under CPython and Krait and compare.")
    ap.add_argument("paths", nargs="*", help="tests or directories (default: all of tests/py)")
    ap.add_argument("--krait", default=str(ROOT / "build" / "krait"), help="the binary under test")
    ap.add_argument("-k", dest="pattern", help="run only tests whose path contains PATTERN")
    ap.add_argument("-v", dest="verbose", action="store_true", help="show a diff for each failure")
    ap.add_argument("-j", dest="jobs", type=int, default=2, help="parallel tests (default 2)")
    ap.add_argument("--strict", action="store_true",
                    help=f"treat tests listed in {KNOWN_FAILURES_NAME} as ordinary tests")
    ap.add_argument("--milestone1", action="store_true",
                    help="only the tests listed in tests/py/MILESTONE1")
    args = ap.parse_args()

    tests = collect(args.paths, args.pattern, args.milestone1)
    krait = os.path.abspath(args.krait)
    if not (os.path.isfile(krait) and os.access(krait, os.X_OK)):
        print(f"krait binary not found: {krait}")
        print(f"0 passed, {len(tests)} failed")
        return 1

    known = known_failures()
    passed = failed = xfailed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(check, t, krait, args.verbose) for t in tests]
        # Report in a stable (sorted) order, as soon as the earlier tests are done.
        for fut in futures:
            name, msg = fut.result()
            if name in known and not args.strict:
                if msg is None:
                    # The list only shrinks: a fixed test must leave it.
                    failed += 1
                    print(f"FAIL {name}: passes now; remove it from {KNOWN_FAILURES.name}",
                          flush=True)
                else:
                    xfailed += 1
                    if args.verbose:
                        print(f"XFAIL {name}: {msg}", flush=True)
            elif msg is None:
                passed += 1
            else:
                failed += 1
                print(f"FAIL {name}: {msg}", flush=True)
    if xfailed:
        print(f"({xfailed} known failures listed in tests/py/{KNOWN_FAILURES.name} "
              f"still fail; -v shows them, --strict counts them)")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
