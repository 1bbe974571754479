# Runs under a refcount-debug Krait (sys.gettotalrefcount exists). For each program path on the
# command line: exec its source in a fresh module namespace WARMUP times (filling caches, interning,
# first imports), then RUNS more times, reading the count of live memory blocks
# (sys.getallocatedblocks(), counted by the refcount-debug build) after clearing the stdlib's
# caches and a gc.collect() around each run. Like CPython's `regrtest -R`, a program leaks only
# when every measured run grows the count: a one-off growth (a cache filled late) is not a leak,
# a steady one is. (The total of reference counts is not used: Krait's hot paths skip count
# updates on immortal objects, which skews it without any leak.)
# Prints "@@ ok PATH deltas" or "@@ LEAK PATH deltas" (or "@@ skip PATH why") per program; the
# programs' own output is captured and dropped.
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


def clear_caches():
    # What regrtest's refleak helper clears between runs (caches that grow with new objects).
    for name, attr in (("re", "purge"), ("typing", "_cleanups"), ("linecache", "clearcache"),
                       ("struct", "_clearcache"), ("abc", "_abc_caches_clear"),
                       ("importlib", "invalidate_caches"), ("doctest", "master")):
        mod = sys.modules.get(name)
        if mod is None:
            continue
        obj = getattr(mod, attr, None)
        if attr == "_cleanups":
            for f in list(obj or ()):
                f()
        elif attr == "master":
            mod.master = None
        elif callable(obj):
            obj()
    sys._clear_type_cache()


def blocks():
    clear_caches()
    gc.collect()
    gc.collect()
    return sys.getallocatedblocks()


def measure(path, code):
    for _ in range(WARMUP):
        run_once(path, code)
    deltas = []
    before = blocks()
    for _ in range(RUNS):
        run_once(path, code)
        after = blocks()
        deltas.append(after - before)
        before = after
    return deltas


def main():
    if not hasattr(sys, "gettotalrefcount"):
        print("not a refcount-debug build (no sys.gettotalrefcount)")
        sys.exit(2)
    out = sys.__stdout__
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            source = f.read()
        try:
            code = compile(source, path, "exec")
        except SyntaxError as e:  # the program is about the error: nothing to repeat
            print("@@ skip", path, type(e).__name__, file=out, flush=True)
            continue
        deltas = measure(path, code)
        leak = all(d > 0 for d in deltas)
        print("@@", ("LEAK" if leak else "ok"), path, " ".join(map(str, deltas)), file=out, flush=True)


main()
