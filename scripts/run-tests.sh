#!/usr/bin/env bash
# Runs every fast suite against a build and prints one summary; called by `make test`.
#
#   scripts/run-tests.sh BUILD_DIR [SUITE ...]
#
# Suites, in order: `unit` (ctest in BUILD_DIR: GoogleTests and C-API tests), `py` (the differential
# programs in tests/py, via tests/run_py.py with BUILD_DIR/krait), then every other tests/NAME/run.sh,
# called as `tests/NAME/run.sh BUILD_DIR` and named NAME.  Naming suites runs only those.
# Each suite's last output line must be `N passed, M failed`.  A suite that does not print it, or exits
# non-zero while reporting no failure, counts as one failure.  Each suite's full output is kept in
# BUILD_DIR/test-logs/SUITE.log; its failure lines (at most $MAX_LINES) are shown here.
# The last line is exactly `N passed, M failed`; the exit status is 0 only when M == 0.
set -u

MAX_LINES=${MAX_LINES:-25}
ORACLE=/usr/bin/python3.11

if [ $# -lt 1 ]; then
    echo "usage: $0 BUILD_DIR [SUITE ...]" >&2
    exit 2
fi
BUILD=$(cd "$1" 2>/dev/null && pwd) || { echo "no build directory: $1" >&2; echo "0 passed, 1 failed"; exit 1; }
shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1   # suites run from the repository root
LOGS="$BUILD/test-logs"
mkdir -p "$LOGS"

total_pass=0
total_fail=0

wanted() {  # wanted SUITE: is SUITE selected on the command line (or are all selected)?
    [ ${#SELECTED[@]} -eq 0 ] && return 0
    local s
    for s in "${SELECTED[@]}"; do [ "$s" = "$1" ] && return 0; done
    return 1
}
SELECTED=("$@")
for s in "${SELECTED[@]}"; do
    case $s in
        unit|py) ;;
        *) [ -e "$ROOT/tests/$s/run.sh" ] || { echo "no such suite: $s (want unit, py or a tests/NAME/run.sh)"; total_fail=$((total_fail + 1)); } ;;
    esac
done

# report SUITE STATUS LOG: parse the summary line, show failures, add to the totals.
report() {
    local suite=$1 status=$2 log=$3 last n m
    last=$(tail -n 1 "$log")
    if [[ "$last" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        n=${BASH_REMATCH[1]}
        m=${BASH_REMATCH[2]}
        if [ "$status" -ne 0 ] && [ "$m" -eq 0 ]; then
            m=1
            echo "[$suite] exited with status $status but reported no failure (see $log)"
        fi
    else
        n=0
        m=1
        echo "[$suite] did not finish with 'N passed, M failed' (status $status; see $log):"
        tail -n 5 "$log" | sed 's/^/    /'
    fi
    if [ "$m" -gt 0 ]; then
        # The suite's own failure lines (everything but the summary), truncated.
        local body
        body=$(head -n -1 "$log" | grep -v '^[[:space:]]*$')
        if [ -n "$body" ]; then
            echo "$body" | head -n "$MAX_LINES" | sed "s/^/[$suite] /"
            local count
            count=$(echo "$body" | wc -l)
            [ "$count" -gt "$MAX_LINES" ] && echo "[$suite] ... $((count - MAX_LINES)) more lines in $log"
        fi
    fi
    printf '%-10s %s passed, %s failed\n' "$suite:" "$n" "$m"
    total_pass=$((total_pass + n))
    total_fail=$((total_fail + m))
}

# -- (a) unit and C-API tests: ctest ----------------------------------------------------------
if wanted unit; then
    log="$LOGS/unit.log"
    (cd "$BUILD" && ctest -j "$(nproc)" --timeout 120 2>&1) > "$LOGS/unit-ctest.log"
    status=$?
    {
        # ctest's failure list: "\t  3 - name (Failed)".
        sed -n '/^The following tests FAILED:/,$p' "$LOGS/unit-ctest.log" | grep -E '^\s+[0-9]+ - ' | sed 's/^\s*/FAIL /'
        if grep -q 'No tests were found' "$LOGS/unit-ctest.log"; then
            echo "0 passed, 0 failed"
        elif line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$LOGS/unit-ctest.log" | tail -n 1); then
            failed=$(echo "$line" | sed -E 's/.* ([0-9]+) tests? failed out of.*/\1/')
            all=$(echo "$line" | sed -E 's/.*out of ([0-9]+).*/\1/')
            echo "$((all - failed)) passed, $failed failed"
        fi
    } > "$log"
    # No tests is a clean run even though ctest may exit non-zero for it.
    grep -q 'No tests were found' "$LOGS/unit-ctest.log" && status=0
    report unit "$status" "$log"
    [ "$status" -ne 0 ] && echo "           (ctest output: $LOGS/unit-ctest.log; rerun one: ctest --test-dir $BUILD -R NAME --output-on-failure)"
fi

# -- (b) differential Python programs -----------------------------------------------------------
if wanted py; then
    log="$LOGS/py.log"
    "$ORACLE" "$ROOT/tests/run_py.py" --krait "$BUILD/krait" > "$log" 2>&1
    report py $? "$log"
fi

# -- (c) every other suite: tests/NAME/run.sh BUILD_DIR -----------------------------------------
for script in "$ROOT"/tests/*/run.sh; do
    [ -e "$script" ] || continue
    suite=$(basename "$(dirname "$script")")
    case $suite in unit|py) continue ;; esac
    wanted "$suite" || continue
    log="$LOGS/$suite.log"
    bash "$script" "$BUILD" > "$log" 2>&1 < /dev/null
    report "$suite" $? "$log"
done

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
