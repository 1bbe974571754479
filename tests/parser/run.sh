#!/bin/sh
# run.sh BUILD_DIR [FILES...] — differential parser tests against /usr/bin/python3.11.
# Builds a small driver (tests/parser/dump_ast_driver.cpp) straight from the parser and
# unicode_db sources (tests/parser/driver.mk) into BUILD_DIR/parser_standalone: the front
# end has no runtime dependency, so this works whether or not libkrait.so links.
set -e
BUILD=${1:?usage: run.sh BUILD_DIR [FILES...]}
shift
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$BUILD"
BUILD=$(cd "$BUILD" && pwd)
make -s -f "$ROOT/tests/parser/driver.mk" -j2 OUT="$BUILD/parser_standalone" >&2
exec /usr/bin/python3.11 "$ROOT/tests/parser/compare.py" "$BUILD/parser_standalone/parser_dump_ast" "$@"
