#!/usr/bin/python3.11
"""Krait's benchmark runner: Krait vs CPython 3.11 vs PyPy, measured in the same run.

    /usr/bin/python3.11 bench/run.py [--krait build/krait] [--reps 5] [-k richards,nbody]
                                     [--metric cpu|wall] [--timeout 120] [--quick] [--json out.json]

Every program in bench/programs/*.py is run as a fresh process under each implementation,
round-robin: repetition 1 of every (benchmark, implementation) pair, then repetition 2, and so on,
with the implementation order rotated each time, so that slow drifts of machine load spread over
all of them.  A run's time is its child's CPU time (user + system, from wait4's rusage; the default,
robust on a shared machine) or its wall time (--metric wall).  Both are recorded in --json.

Each program prints one checksum line.  CPython's output is the reference: an implementation that
prints something else, exits non-zero or times out gets an error for that benchmark (listed under
the table, its cell shows "—"); the runner itself carries on.  A missing Krait shows "—" everywhere.

See docs/performance.md.
"""

import argparse
import json
import math
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROGRAMS = os.path.join(HERE, "programs")
DASH = "\u2014"
IMPLS = ("krait", "cpython", "pypy")


class Run:
    """One process: its times, peak RSS, output and, if it went wrong, why."""

    def __init__(self, cpu=None, wall=None, rss_kb=None, out="", err="", error=None):
        self.cpu = cpu
        self.wall = wall
        self.rss_kb = rss_kb
        self.out = out
        self.err = err
        self.error = error


TIME = "/usr/bin/time"  # GNU time: reports the program's own peak RSS


def run_once(cmd, timeout, env, cwd):
    """Run cmd to completion (or kill it and its process group after `timeout` seconds).

    CPU time comes from wait4's rusage (which includes reaped descendants).  Peak RSS comes from
    GNU time's %M: Linux carries the *parent's* high-water RSS across fork/vfork + exec into the
    child's ru_maxrss, so measured directly it could never drop below this runner's own ~13 MB;
    under /usr/bin/time the floor is that tiny program's RSS instead.
    """
    use_time = os.access(TIME, os.X_OK)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(prefix="krait-bench-rss") as rss:
        if use_time:
            cmd = [TIME, "-f", "%M", "-o", rss.name] + cmd
        timed_out = threading.Event()
        t0 = time.perf_counter()
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                    env=env, cwd=cwd, start_new_session=True)
        except OSError as e:
            return Run(error="cannot start: %s" % e)

        def kill():
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            kill()
            proc.wait()
            raise
        finally:
            timer.cancel()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        try:  # reap any grandchildren left in the group
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
        out.seek(0)
        err.seek(0)
        rss_kb = usage.ru_maxrss
        if use_time:
            rss.seek(0)
            lines = rss.read().decode("ascii", "replace").split()
            rss_kb = int(lines[-1]) if lines and lines[-1].isdigit() else None
        r = Run(cpu=usage.ru_utime + usage.ru_stime, wall=wall, rss_kb=rss_kb,
                out=out.read().decode("utf-8", "replace").strip(),
                err=err.read().decode("utf-8", "replace"))
        if timed_out.is_set():
            r.error = "timeout after %g s" % timeout
        elif proc.returncode != 0:
            last = r.err.strip().splitlines()[-1:] or [""]
            r.error = "exit status %d: %s" % (proc.returncode, last[0][:200])
        return r


def discover(filters):
    names = sorted(f[:-3] for f in os.listdir(PROGRAMS) if f.endswith(".py"))
    if filters:
        names = [n for n in names if any(f in n for f in filters)]
    return names


def quick_arg(name):
    with open(os.path.join(PROGRAMS, name + ".py"), encoding="utf-8") as f:
        m = re.search(r"^# quick: (\S+)", f.read(), re.M)
    return [m.group(1)] if m else []


def machine_info():
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "date_utc": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
        "loadavg_start": os.getloadavg()[0],
    }


def version_of(path, env, timeout):
    r = run_once([path, "-c", "import sys; print(sys.version.replace(chr(10), ' '))"],
                 min(30.0, timeout), env, ROOT)
    return r.out.splitlines()[0] if (r.error is None and r.out) else None


def median(xs):
    return statistics.median(xs) if xs else None


def geomean(xs):
    xs = [x for x in xs if x]
    if not xs:
        return None
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def fmt_s(x):
    return DASH if x is None else "%.3f" % x


def fmt_r(x):
    return DASH if x is None else "%.2f" % x


def fmt_mb(kb):
    return DASH if kb is None else "%.1f" % (kb / 1024.0)


MARKDOWN = False  # --markdown: print the tables as Markdown, ready for docs/performance.md


def table(headers, rows, aligns):
    if MARKDOWN:
        out = ["| " + " | ".join(headers) + " |",
               "|" + "|".join("---" if a == "<" else "---:" for a in aligns) + "|"]
        out.extend("| " + " | ".join(c if c else " " for c in r) + " |" for r in rows)
        return "\n".join(out)
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]
    def line(cells):
        out = []
        for c, w, a in zip(cells, widths, aligns):
            out.append(c.ljust(w) if a == "<" else c.rjust(w))
        return "  ".join(out).rstrip()
    lines = [line(headers), line(["-" * w for w in widths])]
    lines.extend(line(r) for r in rows)
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Krait vs CPython vs PyPy benchmark runner")
    ap.add_argument("--krait", default=os.path.join(ROOT, "build", "krait"),
                    help="Krait executable (default: build/krait)")
    ap.add_argument("--cpython", default="/usr/bin/python3.11", help="the CPython 3.11 oracle")
    ap.add_argument("--pypy", default="/usr/bin/pypy3", help="PyPy executable")
    ap.add_argument("--reps", type=int, default=5, help="repetitions per benchmark (default 5)")
    ap.add_argument("-k", action="append", default=[], metavar="FILTER",
                    help="only benchmarks whose name contains FILTER (repeatable, or a,b,c)")
    ap.add_argument("--json", metavar="OUT", help="write every measurement to OUT as JSON")
    ap.add_argument("--timeout", type=float, default=120.0, help="per-run timeout in s (default 120)")
    ap.add_argument("--metric", choices=("cpu", "wall"), default="cpu",
                    help="time per run: child CPU time user+sys (default) or wall time")
    ap.add_argument("--quick", action="store_true",
                    help="use each program's small '# quick:' size (smoke test, not a measurement)")
    ap.add_argument("--startup-runs", type=int, default=20, help="'-c pass' runs (default 20; 0 skips)")
    ap.add_argument("--only", default=",".join(IMPLS),
                    help="implementations to run, comma-separated (default krait,cpython,pypy)")
    ap.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    ap.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = ap.parse_args(argv)

    global MARKDOWN
    MARKDOWN = args.markdown
    filters = [f for k in args.k for f in k.split(",") if f]
    names = discover(filters)
    if args.list:
        for n in names:
            print(n)
        return 0
    if not names:
        print("run.py: no benchmark matches %s" % filters, file=sys.stderr)
        return 2

    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    for var in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONINSPECT"):
        env.pop(var, None)
    # Every implementation reads up-to-date bytecode caches of the stdlib from a private
    # directory, written by one priming run below.  Otherwise Krait's startup would depend on
    # who wrote /usr/lib/python3.11/__pycache__/*.krait-311.pyc last: any other build of
    # Krait on the machine invalidates them (the magic number is per build), and with
    # PYTHONDONTWRITEBYTECODE set every run would compile site, os, codecs... again.
    pycache_dir = tempfile.TemporaryDirectory(prefix="krait-bench-pycache-")
    env["PYTHONPYCACHEPREFIX"] = pycache_dir.name
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    paths = {"krait": args.krait, "cpython": args.cpython, "pypy": args.pypy}
    wanted = [i for i in IMPLS if i in args.only.split(",")]
    impls = {}  # name -> absolute path of the ones we can run
    versions = {}
    for name in wanted:
        p = os.path.abspath(paths[name]) if os.sep in paths[name] else paths[name]
        if os.path.isfile(p) and os.access(p, os.X_OK):
            impls[name] = p
            versions[name] = version_of(p, env, args.timeout)
            run_once([p, "-c", "pass"], args.timeout, env, ROOT)  # primes the caches
        else:
            versions[name] = None
            print("run.py: %s not found at %s; its columns show %s" % (name, p, DASH),
                  file=sys.stderr)
    if "cpython" not in impls:
        print("run.py: warning: without CPython there is no reference checksum", file=sys.stderr)

    info = machine_info()
    print("Krait benchmarks  %s  nproc=%s  cpu=%s  load=%.2f" % (
        info["date_utc"], info["nproc"], info["cpu"], info["loadavg_start"]))
    for name in wanted:
        note = versions[name] or ("(runs, but printing sys.version failed)" if name in impls
                                  else "(not available)")
        print("  %-8s %s  %s" % (name, paths[name], note))
    print("  metric: %s time per run, median of %d; timeout %gs%s" % (
        args.metric, args.reps, args.timeout, "; QUICK sizes" if args.quick else ""))
    sys.stdout.flush()

    # --- benchmarks, round-robin -------------------------------------------------------------
    runs = {b: {i: [] for i in impls} for b in names}
    errors = {b: {} for b in names}  # bench -> impl -> first error message
    order = list(impls)
    for rep in range(args.reps):
        for b in names:
            cmd_tail = [os.path.join(PROGRAMS, b + ".py")] + (quick_arg(b) if args.quick else [])
            cells = []
            for impl in order:
                if impl in errors[b]:
                    cells.append("%s skip" % impl)
                    continue  # it already failed: don't burn time (or a timeout) on it again
                r = run_once([impls[impl]] + cmd_tail, args.timeout, env, PROGRAMS)
                runs[b][impl].append(r)
                if r.error:
                    errors[b][impl] = r.error
                cells.append("%s %s" % (impl, "ERR" if r.error else "%.3f" % getattr(r, args.metric)))
            print("[%d/%d] %-18s %s" % (rep + 1, args.reps, b, "  ".join(cells)),
                  file=sys.stderr, flush=True)
        order = order[1:] + order[:1]

    # checksums: CPython is the reference; otherwise every implementation must agree with itself
    outputs = {}
    for b in names:
        ref = None
        cp = [r for r in runs[b].get("cpython", []) if r.error is None]
        if cp:
            ref = cp[0].out
        for impl in impls:
            good = [r for r in runs[b][impl] if r.error is None]
            seen = sorted(set(r.out for r in good))
            if len(seen) > 1:
                errors[b].setdefault(impl, "output differs between runs: %r" % seen[:3])
            elif seen and ref is not None and seen[0] != ref:
                errors[b].setdefault(impl, "checksum mismatch: got %r, CPython printed %r"
                                     % (seen[0][:80], ref[:80]))
        outputs[b] = ref

    def stat(b, impl, field):
        if impl not in runs[b] or impl in errors[b]:
            return None
        return median([getattr(r, field) for r in runs[b][impl]])

    def peak(b, impl):
        if impl not in runs[b] or impl in errors[b]:
            return None
        vals = [r.rss_kb for r in runs[b][impl] if r.rss_kb is not None]
        return max(vals) if vals else None

    def ratio(a, c):
        return a / c if (a is not None and c) else None

    rows = []
    ratios = {"krait/cpython": [], "krait/pypy": [], "pypy/cpython": []}
    for b in names:
        t = {i: stat(b, i, args.metric) for i in IMPLS}
        kc, kp, pc = ratio(t["krait"], t["cpython"]), ratio(t["krait"], t["pypy"]), \
            ratio(t["pypy"], t["cpython"])
        ratios["krait/cpython"].append(kc)
        ratios["krait/pypy"].append(kp)
        ratios["pypy/cpython"].append(pc)
        rows.append([b, fmt_s(t["krait"]), fmt_s(t["cpython"]), fmt_s(t["pypy"]),
                     fmt_r(kc), fmt_r(kp), fmt_r(pc)])
    gm = {k: geomean(v) for k, v in ratios.items()}
    rows.append(["geometric mean", "", "", "", fmt_r(gm["krait/cpython"]),
                 fmt_r(gm["krait/pypy"]), fmt_r(gm["pypy/cpython"])])
    print()
    print(table(["benchmark", "krait s", "cpython s", "pypy s", "krait/cpython", "krait/pypy",
                 "pypy/cpython"], rows, "<>>>>>>"))
    print("(time ratios: below 1.00 means the first is faster)")

    # --- startup and memory ----------------------------------------------------------------
    startup = {}
    if args.startup_runs > 0 and impls:
        srun = {i: [] for i in impls}
        for _ in range(args.startup_runs):
            for impl in impls:
                if any(r.error for r in srun[impl]):
                    continue  # failed once: 20 timeouts would look like a hang
                srun[impl].append(run_once([impls[impl], "-c", "pass"], args.timeout, env, ROOT))
        for impl in impls:
            good = [r for r in srun[impl] if r.error is None]
            bad = [r.error for r in srun[impl] if r.error]
            startup[impl] = {
                "wall": median([r.wall for r in good]), "cpu": median([r.cpu for r in good]),
                "rss_kb": max([r.rss_kb for r in good]) if good else None,
                "error": bad[0] if bad else None,
            }
    rows = []
    for impl in IMPLS:
        s = startup.get(impl, {})
        peaks = [peak(b, impl) for b in names]
        peaks = [p for p in peaks if p is not None]
        ms = lambda x: DASH if x is None else "%.1f" % (x * 1000.0)
        rows.append([impl, ms(s.get("wall")), ms(s.get("cpu")), fmt_mb(s.get("rss_kb")),
                     fmt_mb(median(peaks)) if peaks else DASH, fmt_mb(max(peaks)) if peaks else DASH])
    print()
    print(table(["implementation", "startup wall ms", "startup cpu ms", "startup RSS MB",
                 "median peak RSS MB", "max peak RSS MB"], rows, "<>>>>>"))
    print("(startup: median of %d runs of '-c pass'; peak RSS: maximum resident set size of "
          "each process (GNU time %%M), max over repetitions, then median/max over benchmarks)" % args.startup_runs)
    rows = [[b] + [fmt_mb(peak(b, i)) for i in IMPLS] for b in names]
    print()
    print(table(["peak RSS MB", "krait", "cpython", "pypy"], rows, "<>>>"))

    # --- errors --------------------------------------------------------------------------------
    lines = ["  %s under %s: %s" % (b, impl, msg) for b in names for impl, msg in errors[b].items()]
    lines += ["  startup under %s: %s" % (impl, st["error"]) for impl, st in startup.items()
              if st.get("error")]
    if lines:
        print("\nerrors:")
        print("\n".join(lines))

    if args.json:
        data = {
            "machine": dict(info, loadavg_end=os.getloadavg()[0]),
            "metric": args.metric, "reps": args.reps, "quick": args.quick,
            "timeout": args.timeout,
            "implementations": {i: {"path": paths[i], "version": versions.get(i),
                                    "available": i in impls} for i in wanted},
            "startup": startup,
            "benchmarks": {
                b: {
                    "checksum": outputs[b],
                    "results": {
                        i: {"cpu": [r.cpu for r in runs[b][i]],
                            "wall": [r.wall for r in runs[b][i]],
                            "rss_kb": [r.rss_kb for r in runs[b][i]],
                            "median": stat(b, i, args.metric),
                            "error": errors[b].get(i)}
                        for i in impls},
                } for b in names},
            "geomean": gm,
        }
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1)
            f.write("\n")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
