# isokit developer entry points. `make test` is what CI runs (through .ci/run).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
SWIFT ?= swift
BUILD_LOG := .build/isokit-build.log
TEST_WIDTH ?= 2

.PHONY: build test test-slow bench

## build: debug build of every target.
build:
	$(SWIFT) build

## test: build everything (tests included), fail on any warning in our own Sources/ or Tests/, then run the tests,
## at most TEST_WIDTH at a time: the QEMU boots, the wrk load and the in-process HTTP server each want a core, and
## tests that block Swift's cooperative pool starve the server when more run at once.
test:
	mkdir -p .build
	$(SWIFT) build --build-tests 2>&1 | tee $(BUILD_LOG)
	scripts/check-warnings $(BUILD_LOG)
	SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH=$(TEST_WIDTH) $(SWIFT) test

## test-slow: also the slow tier (aarch64, Secure Boot, Xen); not run in CI.
test-slow:
	ISOKIT_SLOW=1 SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH=$(TEST_WIDTH) $(SWIFT) test

## bench: side-by-side timings against the reference tools.
bench:
	scripts/bench $(BENCH_ARGS)
