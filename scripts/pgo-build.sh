#!/bin/sh
# Profile-guided Release build of Krait in BUILD_DIR (default build-pgo): an
# instrumented build, a training run, then the optimized build in the same tree
# (see KRAIT_PGO in CMakeLists.txt). Every run starts from fresh profiles, so
# edited sources never meet stale ones. Used by `make pgo` and `make bench`.
#
# Training: every bench/ program at its '# quick:' size (the interpreter's hot
# paths) and the differential programs of tests/py (breadth: imports, the
# compiler, exceptions, the stdlib). Outputs are discarded; a failing program
# only means less profile data.
set -eu
BUILD_DIR=${1:-build-pgo}
JOBS=${JOBS:-$(nproc)}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
GEN=$(command -v ninja >/dev/null 2>&1 && echo "-G Ninja" || true)

rm -rf "$BUILD_DIR/pgo-data"
cmake -S . -B "$BUILD_DIR" $GEN -DCMAKE_BUILD_TYPE=Release -DKRAIT_PGO=generate >/dev/null
cmake --build "$BUILD_DIR" -j "$JOBS" --target krait

echo "pgo: training"
for prog in bench/programs/*.py; do
  size=$(sed -n 's/^# quick: *//p' "$prog" | head -1)
  "$BUILD_DIR/krait" "$prog" $size >/dev/null 2>&1 || echo "pgo: $prog failed (ignored)"
done
/usr/bin/python3.11 tests/run_py.py --krait "$BUILD_DIR/krait" >/dev/null 2>&1 || true

cmake -S . -B "$BUILD_DIR" -DKRAIT_PGO=use >/dev/null
cmake --build "$BUILD_DIR" -j "$JOBS"
echo "pgo: $BUILD_DIR/krait is profile-optimized"
