"""compare.py DRIVER — differential test of Krait's parser against CPython 3.11.

Run by tests/parser/run.sh with /usr/bin/python3.11.  (1) every .py file under
/usr/lib/python3.11: ast.dump(..., include_attributes=True) or the error line must match
the driver's output; (2) every snippet in tests/parser/errors/*.py must give the same
error type, message and positions.  Prints one line per failure, then "N passed, M failed".
"""
import ast
import glob
import os
import subprocess
import sys

driver = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
only = sys.argv[2:]


def expected(path):
    with open(path, 'rb') as f:
        src = f.read()
    try:
        return ast.dump(ast.parse(src), include_attributes=True)
    except SyntaxError as e:
        return '%s: %s (%s:%s-%s:%s)' % (type(e).__name__, e.msg, e.lineno, e.offset,
                                         e.end_lineno, e.end_offset)
    except (ValueError, RecursionError, MemoryError) as e:
        return None


def run_driver(paths):
    out = {}
    r = subprocess.run([driver, '-m'] + paths, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    cur = None
    for line in r.stdout.decode('utf-8', 'surrogateescape').split('\n'):
        if line.startswith('==> ') and line[4:] in paths:
            cur = line[4:]
            out[cur] = []
        elif cur is not None:
            out[cur].append(line)
    res = {}
    for p in paths:
        if p in out:
            res[p] = '\n'.join(out[p]).rstrip('\n')
        else:
            res[p] = '<crash rc=%d %s>' % (r.returncode, r.stderr[-200:])
    return res, r.returncode


def check(paths, label, show_diff=True):
    passed = failed = 0
    for i in range(0, len(paths), 100):
        chunk = paths[i:i + 100]
        got, rc = run_driver(chunk)
        if rc < 0 or rc > 1:
            # A crash loses the rest of the chunk: rerun files one by one.
            got = {}
            for p in chunk:
                g, _ = run_driver([p])
                got.update(g)
        for p in chunk:
            exp = expected(p)
            if exp is None:
                continue
            g = got.get(p)
            if g == exp:
                passed += 1
            else:
                failed += 1
                msg = 'FAIL %s %s' % (label, p)
                if show_diff:
                    if exp.startswith(('SyntaxError', 'IndentationError', 'TabError')) or \
                            (g or '').startswith(('SyntaxError', 'IndentationError', 'TabError', '<crash')):
                        msg += ': expected %r got %r' % (exp[:200], (g or '')[:200])
                    else:
                        k = 0
                        while k < min(len(exp), len(g)) and exp[k] == g[k]:
                            k += 1
                        msg += ': first diff at %d: expected ...%r got ...%r' % (
                            k, exp[max(0, k - 60):k + 60], g[max(0, k - 60):k + 60])
                print(msg, flush=True)
    return passed, failed


if only:
    files = only
    p, f = check(files, 'file')
else:
    files = sorted(glob.glob('/usr/lib/python3.11/**/*.py', recursive=True))
    p1, f1 = check(files, 'stdlib')
    snippets = sorted(glob.glob(os.path.join(here, 'errors', '*.py')))
    p2, f2 = check(snippets, 'error')
    print('stdlib: %d passed, %d failed; errors: %d passed, %d failed' % (p1, f1, p2, f2))
    p, f = p1 + p2, f1 + f2
print('%d passed, %d failed' % (p, f))
sys.exit(1 if f else 0)
