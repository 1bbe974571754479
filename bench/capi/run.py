#!/usr/bin/python3.11
"""C-API microbenchmarks: Krait vs CPython 3.11 vs PyPy (cpyext).

    /usr/bin/python3.11 bench/capi/run.py [--krait build/krait] [--n 200000] [--reps 3] [-k NAME,...] [--cpu]

Builds bench/capi/capibench.c twice with gcc -O2: against CPython's headers (the binary Krait
loads unchanged) and against PyPy's (pypy3-dev), then runs bench/capi/driver.py under each
implementation, which prints the best-of-reps time of each benchmark.  Prints a table with
the times and the Krait/CPython and Krait/PyPy ratios (below 1 means Krait is faster).
See docs/performance.md.
"""
import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def ext_suffix(python):
    return subprocess.check_output(
        [python, '-c', 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))'],
        text=True).strip()


def build(python, include, outdir):
    os.makedirs(outdir, exist_ok=True)
    out = os.path.join(outdir, '_capibench' + ext_suffix(python))
    subprocess.check_call(['gcc', '-O2', '-shared', '-fPIC', '-I' + include,
                           os.path.join(HERE, 'capibench.c'), '-o', out])
    return outdir


def measure(python, libdir, n, reps, only, cpu):
    env = dict(os.environ, PYTHONPATH=libdir)
    cmd = [python, os.path.join(HERE, 'driver.py'), str(n), str(reps), only or ''] + (['cpu'] if cpu else [])
    try:
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1200)
    except subprocess.TimeoutExpired:
        return {}, 'timeout'
    times = {}
    for line in out.stdout.splitlines():
        name, _, t = line.partition('\t')
        times[name] = float(t)
    return times, (out.stderr.strip().splitlines() or [''])[-1] if out.returncode else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--krait', default=os.path.join(ROOT, 'build', 'krait'))
    ap.add_argument('--n', type=int, default=200000)
    ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('-k', default=None)
    ap.add_argument('--cpu', action='store_true',
                    help='time with process CPU time instead of wall clock (shared machines)')
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cp_dir = build('/usr/bin/python3.11', '/usr/include/python3.11', os.path.join(tmp, 'cpython'))
        impls = [('krait', os.path.abspath(args.krait), cp_dir),
                 ('cpython', '/usr/bin/python3.11', cp_dir)]
        pypy = '/usr/bin/pypy3'
        if os.path.exists(pypy) and os.path.isdir('/usr/include/pypy3.9'):
            impls.append(('pypy', pypy, build(pypy, '/usr/include/pypy3.9', os.path.join(tmp, 'pypy'))))
        results = {}
        for name, exe, libdir in impls:
            results[name], err = measure(exe, libdir, args.n, args.reps, args.k, args.cpu)
            if err:
                print(f'{name}: {err}', file=sys.stderr)
    names = list(results['cpython'] or results['krait'])
    print(f'{"benchmark":22} {"krait s":>9} {"cpython s":>9} {"pypy s":>9} {"K/CPy":>7} {"K/PyPy":>7}')
    for b in names:
        k, c, p = (results.get(i, {}).get(b) for i in ('krait', 'cpython', 'pypy'))
        fmt = lambda v: f'{v:9.4f}' if v is not None else f'{"—":>9}'
        ratio = lambda a, d: f'{a / d:7.2f}' if a and d else f'{"—":>7}'
        print(f'{b:22} {fmt(k)} {fmt(c)} {fmt(p)} {ratio(k, c)} {ratio(k, p)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
