"""bench_cpython.py — the CPython side of bench/parse_stdlib: reads the paths on stdin,
then times compile(src, path, 'exec', ast.PyCF_ONLY_AST) over all of them in this one
process (reading is not timed)."""
import ast
import sys
import time

repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 1
files = []
for p in sys.stdin.read().split('\n'):
    if p:
        with open(p, 'rb') as f:
            files.append((p, f.read()))
best = 1e30
for _ in range(repeat):
    errors = 0
    t0 = time.perf_counter()
    for p, src in files:
        try:
            compile(src, p, 'exec', ast.PyCF_ONLY_AST)
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            errors += 1
    best = min(best, time.perf_counter() - t0)
print('cpython: %.3f s  (%d files, %.1f MB, %d syntax errors, best of %d)' % (
    best, len(files), sum(len(s) for _, s in files) / 1e6, errors, repeat))
