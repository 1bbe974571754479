#!/usr/bin/python3.11
"""Runs third-party / C-API test suites case by case under Krait and checks an expected-pass list.

    tests/extsuites/run.py numpy [--krait build/krait] [--update] [-v]
    tests/extsuites/run.py capi  [--krait build/krait] [--update] [-v]

`numpy`: a subset of numpy's own pytest files (Debian's python3-numpy ships them), listed in
NUMPY_FILES, run with python3-pytest (numpy's conftest needs hypothesis, hence --noconftest).
`capi`: the CPython test modules (Debian's libpython3.11-testsuite) that drive `_testcapi` hardest,
listed in CAPI_MODULES, run with `unittest -v`, @cpython_only tests included (AS_CPYTHON).
(Debian does not ship test_capi itself.)

A suite passes when every test id in tests/extsuites/<suite>.expected passes under Krait; ids
that pass and are not listed are reported as new.  `--update` runs the suite under
/usr/bin/python3.11 too and rewrites the list as the ids passing under both.
The last line printed is always `N expected passed, M failed`.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NUMPY_TESTS = '/usr/lib/python3/dist-packages/numpy'

NUMPY_FILES = [
    'core/tests/test_abc.py',
    'core/tests/test_numerictypes.py',
    'core/tests/test_shape_base.py',
    'core/tests/test_indexing.py',
    'core/tests/test_item_selection.py',
    'core/tests/test_getlimits.py',
    'core/tests/test_scalar_methods.py',
    'core/tests/test_einsum.py',
    'core/tests/test_unicode.py',
    'core/tests/test_errstate.py',
    'core/tests/test_indexerrors.py',
    'core/tests/test_conversion_utils.py',
    'core/tests/test_protocols.py',
    'lib/tests/test_index_tricks.py',
    'lib/tests/test_twodim_base.py',
]

CAPI_MODULES = ['test_call', 'test_dict_version']

TIMEOUT = 1800


def run(cmd, cwd):
    env = dict(os.environ)
    env.pop('PYTHONPATH', None)
    env['PYTHONHASHSEED'] = '0'
    try:
        p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=TIMEOUT)
        return p.stdout.decode('utf-8', 'replace'), p.returncode
    except subprocess.TimeoutExpired as e:
        return (e.stdout or b'').decode('utf-8', 'replace') + '\n[timeout]', -1


def numpy_passing(python, verbose):
    passed = set()
    with tempfile.TemporaryDirectory() as tmp:
        for rel in NUMPY_FILES:
            out, rc = run([python, '-m', 'pytest', '-q', '-rA', '-p', 'no:cacheprovider',
                           '--noconftest', '-o', 'addopts=', os.path.join(NUMPY_TESTS, rel)], tmp)
            got = {m.group(1) for m in re.finditer(r'^PASSED (\S+)', out, re.M)}
            # pytest prints node ids relative to the rootdir; keep them relative to numpy.
            got = {g.split('numpy/', 1)[-1] if 'numpy/' in g else g for g in got}
            if verbose:
                print(f'  {rel}: {len(got)} passed (rc {rc})', flush=True)
            if rc < 0 or rc > 1:
                tail = out.strip().splitlines()[-3:]
                print(f'  {rel}: exit {rc}: ' + ' | '.join(tail), flush=True)
            passed |= got
    return passed


CASE_RE = re.compile(r'^(\w+) \(([\w.]+)\)(?:\n.*?)? \.\.\. ok$', re.M)


# The C-API suites' @cpython_only tests check what Krait promises to match exactly (the error
# messages of C functions, vectorcall details): run them by answering test.support's
# implementation-detail guards as CPython does.  A no-op under CPython itself.
AS_CPYTHON = '''import sys, unittest
import test.support as support
def check_impl_detail(**guards):
    guards, default = support._parse_guards(guards)
    return guards.get('cpython', default)
support.check_impl_detail = check_impl_detail
unittest.main(module=sys.argv[1], argv=['unittest', '-v'])
'''


def capi_passing(python, verbose):
    passed = set()
    with tempfile.TemporaryDirectory() as tmp:
        for mod in CAPI_MODULES:
            out, rc = run([python, '-c', AS_CPYTHON, 'test.' + mod], tmp)
            got = {f'{m.group(2)}.{m.group(1)}' if not m.group(2).endswith(m.group(1)) else m.group(2)
                   for m in CASE_RE.finditer(out)}
            if verbose:
                print(f'  {mod}: {len(got)} passed (rc {rc})', flush=True)
            if rc < 0 or rc > 1:
                tail = out.strip().splitlines()[-3:]
                print(f'  {mod}: exit {rc}: ' + ' | '.join(tail), flush=True)
            passed |= got
    return passed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('suite', choices=['numpy', 'capi'])
    ap.add_argument('--krait', default=os.path.join(ROOT, 'build', 'krait'))
    ap.add_argument('--update', action='store_true')
    ap.add_argument('-v', action='store_true')
    args = ap.parse_args()
    collect = numpy_passing if args.suite == 'numpy' else capi_passing
    expected_file = os.path.join(HERE, args.suite + '.expected')
    if args.update:
        with ThreadPoolExecutor(2) as pool:
            kf = pool.submit(collect, os.path.abspath(args.krait), args.v)
            cf = pool.submit(collect, '/usr/bin/python3.11', False)
            krait, cpython = kf.result(), cf.result()
        both = sorted(krait & cpython)
        with open(expected_file, 'w') as f:
            f.write(f'# Test ids passing under both CPython and Krait (tests/extsuites/run.py '
                    f'{args.suite} --update).\n')
            f.writelines(t + '\n' for t in both)
        print(f'{len(both)} ids written; CPython passes {len(cpython)}, Krait {len(krait)}; '
              f'CPython-only: {len(cpython - krait)}')
        for t in sorted(cpython - krait)[:200]:
            print('  cpython-only:', t)
        return 0
    krait = collect(os.path.abspath(args.krait), args.v)
    with open(expected_file) as f:
        expected = [ln.strip() for ln in f if ln.strip() and not ln.startswith('#')]
    failed = [t for t in expected if t not in krait]
    for t in failed:
        print('FAIL', t)
    new = krait - set(expected)
    if new:
        print(f'({len(new)} passing ids not in the expected list)')
    print(f'{len(expected) - len(failed)} expected passed, {len(failed)} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
