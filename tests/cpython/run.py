#!/usr/bin/python3.11
"""Runs CPython's own test suite (Debian's libpython3.11-testsuite) under Krait.

    tests/cpython/run.py [--krait build/krait] [-j 2] [--timeout 300] [MODULE ...]
    tests/cpython/run.py --fast          # the few quick modules listed in FAST (make test)
    tests/cpython/run.py --all [--report FILE]

Each module runs in its own process as `KRAIT -m unittest test.MODULE` (or its test_main() for the
few modules that define one, as regrtest does), with a fresh temporary
directory as cwd and a clean environment.  A module passes when the process exits 0 (unittest's
"OK", skips allowed).  Without module names, the modules in tests/cpython/PASSING run (a list that
only grows: a module there that fails is a regression).  `--all` tries every test module in
/usr/lib/python3.11/test and writes a report: one line per module, PASS or FAIL with the reason.
The last line printed is always `N passed, M failed`.
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TESTDIR = '/usr/lib/python3.11/test'


def read_list(path):
    with open(path) as f:
        return [ln.split('#')[0].strip() for ln in f if ln.split('#')[0].strip()]


def all_modules():
    names = []
    for entry in sorted(os.listdir(TESTDIR)):
        full = os.path.join(TESTDIR, entry)
        if entry.startswith('test_') and entry.endswith('.py'):
            names.append(entry[:-3])
        elif entry.startswith('test_') and os.path.isdir(full) and os.path.exists(os.path.join(full, '__init__.py')):
            names.append(entry)
    return names


def summarize(out, status, timed_out):
    """One line saying why a module failed (or how it passed)."""
    if timed_out:
        return 'timeout'
    lines = out.splitlines()
    ran = next((l for l in reversed(lines) if re.match(r'Ran \d+ tests?', l)), None)
    verdict = next((l for l in reversed(lines) if l.startswith(('OK', 'FAILED'))), None)
    if status < 0:
        return 'killed by signal %d%s' % (-status, (' after ' + ran) if ran else '')
    if 'Failed to import test module' in out or (ran and ran.startswith('Ran 1 test') and 'ImportError' in out):
        # The module did not import: say why (usually a missing native module).
        exc = next((l for l in lines if re.match(r'^\w*(ModuleNotFound|Import)Error: (?!Failed to import)', l)), None)
        if exc is None:
            exc = next((l for l in reversed(lines) if re.match(r'^[A-Za-z_.]*(Error|Exception)\b', l)), '?')
        return 'import failed: ' + exc.strip()[:200]
    if ran and verdict:
        return '%s: %s' % (ran.split(' in ')[0], verdict)
    # No unittest summary: the import or the runner crashed; show the last exception line.
    exc = next((l for l in reversed(lines) if re.match(r'^[A-Za-z_.]*(Error|Exception|Exit)\b', l)), None)
    if exc is None:
        exc = next((l for l in reversed(lines) if l.strip()), '(no output)')
    return 'status %d: %s' % (status, exc.strip()[:200])


def runner_args(name):
    """`-m unittest test.NAME`, except for the few old-style modules whose tests are what their
    test_main() runs (regrtest calls it; unittest discovery would also run their abstract bases)."""
    path = os.path.join(TESTDIR, name + '.py')
    if os.path.isfile(path):
        with open(path, encoding='utf-8', errors='replace') as f:
            if re.search(r'^def test_main\(', f.read(), re.M):
                return ['-c', 'import test.%s as m; m.test_main()' % name]
    return ['-m', 'unittest', 'test.' + name]


def run_module(krait, name, timeout):
    tmp = tempfile.mkdtemp(prefix='krait-cpytest-')
    env = {'PATH': '/usr/local/bin:/usr/bin:/bin', 'LC_ALL': 'C.UTF-8', 'LANG': 'C.UTF-8',
           'HOME': tmp, 'TMPDIR': tmp}
    for k in ('ASAN_OPTIONS', 'UBSAN_OPTIONS', 'LSAN_OPTIONS'):
        if k in os.environ:
            env[k] = os.environ[k]
    start = time.monotonic()
    timed_out = False
    try:
        p = subprocess.Popen([krait] + runner_args(name), cwd=tmp, env=env,
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             start_new_session=True)
        try:
            out, _ = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            out, _ = p.communicate()
        status = p.returncode
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    out = out.decode('utf-8', 'replace')
    ok = status == 0 and not timed_out
    return name, ok, summarize(out, status, timed_out), time.monotonic() - start, out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--krait', default=os.path.join(ROOT, 'build', 'krait'))
    ap.add_argument('-j', '--jobs', type=int, default=2)
    ap.add_argument('--timeout', type=int, default=300)
    ap.add_argument('--fast', action='store_true', help='only the modules in tests/cpython/FAST')
    ap.add_argument('--all', action='store_true', help='every module in ' + TESTDIR)
    ap.add_argument('--report', default=None, help='--all: where to write the report')
    ap.add_argument('--logs', default=None, help='directory for each failing module\'s full output')
    ap.add_argument('-q', '--quiet', action='store_true', help='print only failing modules')
    ap.add_argument('-v', '--verbose', action='store_true', help='print the output of failing modules')
    ap.add_argument('modules', nargs='*')
    args = ap.parse_args()

    krait = os.path.abspath(args.krait)
    if not os.access(krait, os.X_OK):
        print('no krait binary at %s' % krait)
        print('0 passed, 1 failed')
        return 1
    if args.modules:
        names = [m[5:] if m.startswith('test.') else m for m in args.modules]
    elif args.all:
        names = all_modules()
    elif args.fast:
        names = read_list(os.path.join(HERE, 'FAST'))
    else:
        names = read_list(os.path.join(HERE, 'PASSING'))
    jobs = max(1, min(args.jobs, 2))  # the machine is shared: two at most

    results = []
    with ThreadPoolExecutor(jobs) as pool:
        futures = [pool.submit(run_module, krait, n, args.timeout) for n in names]
        for fut in futures:
            name, ok, why, secs, out = fut.result()
            results.append((name, ok, why, secs))
            if not (ok and args.quiet):
                print('%s %-40s %6.1fs  %s' % ('PASS' if ok else 'FAIL', name, secs, why), flush=True)
            if not ok and args.verbose:
                print('\n'.join(out.splitlines()[-60:]))
            if not ok and args.logs:
                os.makedirs(args.logs, exist_ok=True)
                with open(os.path.join(args.logs, name + '.log'), 'w') as f:
                    f.write(out)

    passed = sum(1 for r in results if r[1])
    failed = len(results) - passed
    if args.all:
        report = args.report or os.path.join(os.path.dirname(krait), 'cpython-report.txt')
        with open(report, 'w') as f:
            f.write('# CPython test suite under Krait: %d of %d modules pass\n' % (passed, len(results)))
            for name, ok, why, secs in sorted(results):
                f.write('%s %s (%.0fs): %s\n' % ('PASS' if ok else 'FAIL', name, secs, why))
        print('report: %s' % report)
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
