# Runs under a refcount-debug Krait (sys.gettotalrefcount exists). For each program path on the
# command line: exec its source in a fresh module namespace WARMUP times (filling caches, interning,
# first imports), then RUNS more times, reading sys.gettotalrefcount() after a gc.collect() around
# each run. Like CPython's `regrtest -R`, a program leaks only when every measured run grows the
# total: a one-off growth (a cache filled late) is not a leak, a steady one is.
# Prints one line per program: "ok PATH deltas" or "LEAK PATH deltas"; stdout/stderr of the
# programs themselves are captured and dropped.
import gc
import io
import sys

WARMUP, RUNS = 3, 4


def run_once(path, code):
    saved = sys.stdout, sys.stderr, sys.argv[:]
    sys.stdout = sys.stderr = io.StringIO()
    sys.argv[:] = [path]
    try:
        exec(code, {"__name__": "__main__", "__file__": path, "__builtins__": __builtins__})
    except SystemExit:
        pass
    except BaseException:
        pass
    finally:
        sys.stdout, sys.stderr = saved[0], saved[1]
        sys.argv[:] = saved[2]


def measure(path):
    with open(path, encoding="utf-8") as f:
        code = compile(f.read(), path, "exec")
    for _ in range(WARMUP):
        run_once(path, code)
    deltas = []
    gc.collect()
    before = sys.gettotalrefcount()
    for _ in range(RUNS):
        run_once(path, code)
        gc.collect()
        after = sys.gettotalrefcount()
        deltas.append(after - before)
        before = after
    return deltas


def main():
    if not hasattr(sys, "gettotalrefcount"):
        print("not a refcount-debug build (no sys.gettotalrefcount)")
        sys.exit(2)
    for path in sys.argv[1:]:
        deltas = measure(path)
        leak = all(d > 0 for d in deltas)
        print(("LEAK" if leak else "ok"), path, " ".join(map(str, deltas)), flush=True)


main()
