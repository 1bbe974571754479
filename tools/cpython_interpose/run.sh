#!/bin/sh
# Build and run a test against CPython 3.11 with the misc area's Krait objects
# interposed (see README.md).
#   tools/cpython_interpose/run.sh test.c|test.cpp [args]   a C-API test / gtest file
#   tools/cpython_interpose/run.sh --py file.py             a Python program
#   tools/cpython_interpose/run.sh --diff file.py           ...and diff against /usr/bin/python3.11
# Needs the object files from `ninja -C build` (BUILD, default ./build).
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
OUT=${OUT:-$(mktemp -d)}
O=$BUILD/CMakeFiles/krait_objects.dir/src
[ -d "$O" ] || O=$BUILD/CMakeFiles/libkrait.dir/src
OBJS="$O/objects/capsule_object.cpp.o $O/runtime/pythread.cpp.o $O/capi/abstract_buffer.cpp.o
 $O/objects/memoryview_object.cpp.o $O/objects/memoryview_methods.cpp.o $O/objects/memoryview_format.cpp.o
 $O/objects/memoryview_copy.cpp.o $O/objects/genericalias_object.cpp.o $O/objects/union_object.cpp.o
 $O/objects/namespace_object.cpp.o $O/capi/codecs.cpp.o $O/modules/codecs_module.cpp.o $O/support/unicode_db.cpp.o"
LIBPY=/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0
INC="-I/usr/include/python3.11 -I$ROOT/src -I$ROOT/tests/capi -I$HERE"
g++ -std=c++20 -g -c "$HERE/harness.cpp" $INC -o "$OUT/harness.o"
mode=exe
case "$1" in --py|--diff) mode=$1; shift; set -- "$HERE/pyrun.c" "$@";; esac
SRC=$1; shift
case "$SRC" in
  *.c) gcc -g -c "$SRC" $INC -DPy_Initialize=krait_harness_init -o "$OUT/t.o"; EXTRA="";;
  *) g++ -std=c++20 -g -c "$SRC" $INC -DPy_Initialize=krait_harness_init -fno-strict-aliasing -o "$OUT/t.o"
     g++ -std=c++20 -g -c "$ROOT/tests/unit/runtime_env.cpp" $INC -DPy_Initialize=krait_harness_init -o "$OUT/env.o"
     EXTRA="$OUT/env.o -lgtest -lgtest_main";;
esac
g++ -g "$OUT/t.o" "$OUT/harness.o" $OBJS $LIBPY $EXTRA -ldl -lpthread -o "$OUT/t.exe"
if [ "$mode" = --diff ]; then
  "$OUT/t.exe" "$@" > "$OUT/krait.out" 2>&1 || true
  /usr/bin/python3.11 "$@" > "$OUT/cpython.out" 2>&1 || true
  sed -i 's/0x[0-9a-f]*/0x.../g' "$OUT/krait.out" "$OUT/cpython.out"
  diff "$OUT/cpython.out" "$OUT/krait.out" && echo SAME
else
  exec "$OUT/t.exe" "$@"
fi
