#!/bin/sh
# run.sh [REPEAT] — benchmark (not a test): parse every .py under /usr/lib/python3.11 to an
# AST, once with Krait's parser (bench_krait, built -O2 from the parser sources) and once
# with /usr/bin/python3.11 (compile(..., ast.PyCF_ONLY_AST)), each in a single process;
# prints the best of REPEAT (default 3) runs for both.
set -e
REPEAT=${1:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${BENCH_OUT:-$ROOT/build/bench_parse_stdlib}
make -s -f "$ROOT/tests/parser/driver.mk" -j2 OUT="$OUT" OPT="-O2 -DNDEBUG" objs >&2
g++ -std=c++20 -O2 -DNDEBUG -I"$ROOT/src" "$ROOT/bench/parse_stdlib/bench_krait.cpp" \
    "$OUT"/obj/parser/*.o "$OUT"/obj/support/*.o -o "$OUT/bench_krait"
LIST=$(mktemp)
find /usr/lib/python3.11 -name '*.py' | LC_ALL=C sort > "$LIST"
"$OUT/bench_krait" "$REPEAT" < "$LIST"
/usr/bin/python3.11 "$ROOT/bench/parse_stdlib/bench_cpython.py" "$REPEAT" < "$LIST"
rm -f "$LIST"
