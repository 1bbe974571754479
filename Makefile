# Krait's front door. `make run` and `make test` set up everything on a fresh Debian 12.
BUILD      ?= build
BUILD_TYPE ?= Release
JOBS       ?= $(shell nproc)
CMAKE_GEN  := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")

.PHONY: all build deps run test bench pgo fuzz-parser test-unit test-py test-m1 test-asan test-refdebug test-cpython test-cpython-all test-numpy test-capi-suite bench-capi clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_ARGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/krait examples/tour.py

# The fast suite: unit + C-API tests (ctest) and the differential Python programs.
test: build
	@scripts/run-tests.sh $(BUILD)

test-unit: build
	@scripts/run-tests.sh $(BUILD) unit

test-py: build
	@/usr/bin/python3.11 tests/run_py.py --krait $(BUILD)/krait

test-m1: build
	@/usr/bin/python3.11 tests/run_py.py --krait $(BUILD)/krait --milestone1

# CPython's own test suite (Debian's libpython3.11-testsuite): every module in tests/cpython/PASSING.
# test-cpython-all tries every module and writes BUILD/cpython-report.txt.
test-cpython: build
	@/usr/bin/python3.11 tests/cpython/run.py --krait $(BUILD)/krait $(CPYTEST_ARGS)

test-cpython-all: build
	@/usr/bin/python3.11 tests/cpython/run.py --krait $(BUILD)/krait --all --logs $(BUILD)/cpython-logs $(CPYTEST_ARGS)

# Leak detection is off: like CPython, Krait does not free immortal objects and
# module state at exit, so every run would "leak". Memory errors and UB still fail.
# handle_segv/handle_sigfpe=0: faults reach faulthandler and Krait's crash report as in a
# normal build (tests check them), instead of ASan's handler.
test-asan:
	ASAN_OPTIONS=detect_leaks=0:handle_segv=0:handle_sigfpe=0:$(ASAN_OPTIONS) UBSAN_OPTIONS=print_stacktrace=1:$(UBSAN_OPTIONS) \
	  $(MAKE) test BUILD=build-asan BUILD_TYPE=Debug CMAKE_ARGS=-DKRAIT_SANITIZE=ON

test-refdebug:
	$(MAKE) test BUILD=build-refdebug BUILD_TYPE=Debug CMAKE_ARGS=-DKRAIT_REFDEBUG=ON

# numpy's own tests (python3-numpy + python3-pytest) and the CPython test modules that drive
# _testcapi, case by case against the expected-pass lists in tests/extsuites/.
test-numpy: build
	@/usr/bin/python3.11 tests/extsuites/run.py numpy --krait $(BUILD)/krait

test-capi-suite: build
	@/usr/bin/python3.11 tests/extsuites/run.py capi --krait $(BUILD)/krait

# C-API microbenchmarks: one C module built for Krait, CPython and PyPy (bench/capi/).
bench-capi: pgo
	@/usr/bin/python3.11 bench/capi/run.py --krait $(PGO_BUILD)/krait $(BENCH_ARGS)

# The profile-guided Release build (scripts/pgo-build.sh): what benchmarks measure, as
# Debian's CPython is itself built with PGO.
PGO_BUILD ?= build-pgo
pgo: deps
	@scripts/pgo-build.sh $(PGO_BUILD)

# Speed vs CPython 3.11 and PyPy (docs/performance.md); not a test.
# e.g. make bench BENCH_ARGS="-k richards --reps 3"
bench: pgo
	@/usr/bin/python3.11 bench/run.py --krait $(PGO_BUILD)/krait $(BENCH_ARGS)

# libFuzzer over tokenizer+parser under ASan/UBSan (needs clang: installed on demand).
fuzz-parser:
	@scripts/install-deps.sh fuzz
	$(MAKE) -C fuzz run FUZZ_SECONDS=$(or $(FUZZ_SECONDS),1800)

clean:
	rm -rf build build-asan build-refdebug build-pgo
