# isokit developer entry points. `make test` is what CI runs (through .ci/run).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
SWIFT ?= swift
BUILD_LOG := .build/isokit-build.log

.PHONY: build test test-slow bench

## build: debug build of every target.
build:
	$(SWIFT) build

## test: build everything (tests included), fail on any warning in our own Sources/ or Tests/, then run the tests.
test:
	mkdir -p .build
	$(SWIFT) build --build-tests 2>&1 | tee $(BUILD_LOG)
	scripts/check-warnings $(BUILD_LOG)
	$(SWIFT) test

## test-slow: also the slow tier (aarch64, Secure Boot, Xen); not run in CI.
test-slow:
	ISOKIT_SLOW=1 $(SWIFT) test

## bench: side-by-side timings against the reference tools.
bench:
	scripts/bench $(BENCH_ARGS)
