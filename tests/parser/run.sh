#!/bin/sh
# run.sh BUILD_DIR [FILES...] — differential parser tests against /usr/bin/python3.11.
# Builds a small driver (tests/parser/dump_ast_driver.cpp) against BUILD_DIR/libkrait.so;
# once `krait -X dump-ast` exists it can replace the driver.
set -e
BUILD=${1:?usage: run.sh BUILD_DIR [FILES...]}
shift
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "$BUILD" && pwd)
DRIVER="$BUILD/parser_dump_ast"
if [ ! -x "$DRIVER" ] || [ "$ROOT/tests/parser/dump_ast_driver.cpp" -nt "$DRIVER" ] || \
   [ "$BUILD/libkrait.so" -nt "$DRIVER" ]; then
  g++ -std=c++20 -O1 -I"$ROOT/src" "$ROOT/tests/parser/dump_ast_driver.cpp" \
      -L"$BUILD" -lkrait -Wl,-rpath,"$BUILD" -o "$DRIVER"
fi
exec /usr/bin/python3.11 "$ROOT/tests/parser/compare.py" "$DRIVER" "$@"
