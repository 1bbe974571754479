"""Reference-leak check for the refcount-debug build (`make test-refdebug`).

Runs tests/refleak/driver.py under BUILD/krait once per differential program of tests/py
(minus tests/refleak/SKIP), each in its own process with a time limit, two at a time. A program
that grows sys.gettotalrefcount() on every measured repetition is a leak and fails.
In a build without Py_REF_DEBUG there is nothing to measure: the suite says so and reports
0 passed, 0 failed.

  check.py BUILD_DIR [-k SUBSTRING]
Last line: "N passed, M failed".
"""
import concurrent.futures
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TIMEOUT = 120


def programs(pattern):
    skip = set()
    with open(os.path.join(HERE, "SKIP")) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                skip.add(line)
    base = os.path.join(ROOT, "tests", "py")
    out = []
    for area in sorted(os.listdir(base)):
        folder = os.path.join(base, area)
        if not os.path.isdir(folder) or area.startswith("_"):
            continue
        for name in sorted(os.listdir(folder)):
            rel = f"{area}/{name}"
            if not name.endswith(".py") or name.startswith("_") or rel in skip or area in skip:
                continue
            if pattern and pattern not in rel:
                continue
            out.append(rel)
    return out


def run(krait, rel):
    path = os.path.join(ROOT, "tests", "py", rel)
    env = dict(os.environ, PYTHONHASHSEED="0")
    try:
        p = subprocess.run([krait, os.path.join(HERE, "driver.py"), path], capture_output=True,
                           text=True, timeout=TIMEOUT, cwd=os.path.dirname(path), env=env,
                           stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return rel, False, "timeout"
    line = p.stdout.strip().splitlines()[-1:] or [""]
    if p.returncode != 0 or not line[0].startswith("ok "):
        detail = line[0] if line[0] else (p.stderr.strip().splitlines() or ["no output"])[-1]
        return rel, False, f"status {p.returncode}: {detail}"
    return rel, True, line[0]


def main():
    build = sys.argv[1]
    pattern = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "-k" else None
    krait = os.path.join(os.path.abspath(build), "krait")
    probe = subprocess.run([krait, "-c", "import sys; print(hasattr(sys, 'gettotalrefcount'))"],
                           capture_output=True, text=True)
    if probe.stdout.strip() != "True":
        print("not a refcount-debug build: nothing to check (make test-refdebug runs this suite)")
        print("0 passed, 0 failed")
        return 0
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for rel, ok, detail in pool.map(lambda r: run(krait, r), programs(pattern)):
            if ok:
                passed += 1
            else:
                failed += 1
                print(f"FAIL {rel}: {detail}", flush=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
