# Tala: the two commands of the README are `make run` and `make test`.
SWIFT ?= swift
SWIFT_BUILD_FLAGS ?=
FORMAT_PATHS := Sources Tests Benchmarks Package.swift

.PHONY: deps build run test lint format bench bench-timing soak bench-startup demo-forward-sync demo-link fuzz clean install uninstall generate-manual-tool

# make install: PREFIX (default /usr/local), DESTDIR for packagers. TALA_BIN installs a binary
# already built instead of building the release one; GENERATE_MANUAL names swift-argument-parser's
# generate-manual tool (by default the one its GenerateManual plugin builds).
PREFIX ?= /usr/local
DESTDIR ?=
TALA_BIN ?=
GENERATE_MANUAL ?=

deps:
	@bash scripts/deps.sh

build: deps
	$(SWIFT) build $(SWIFT_BUILD_FLAGS) --explicit-target-dependency-import-check error

run: deps
	$(SWIFT) build -c release --product tala
	.build/release/tala $(ARGS)

lint:
	$(SWIFT) format lint --strict -r $(FORMAT_PATHS)

format:
	$(SWIFT) format -i -r $(FORMAT_PATHS)

test: build lint generate-manual-tool
	$(SWIFT) test $(SWIFT_BUILD_FLAGS)

# swift-argument-parser's generate-manual, as its GenerateManual plugin builds it for itself
# (asking the plugin for its help builds the tool and nothing else): the man pages of make
# install, and the install test.
generate-manual-tool:
	$(SWIFT) package plugin generate-manual --help >/dev/null

install: deps
ifeq ($(TALA_BIN),)
	$(SWIFT) build -c release --product tala
endif
ifeq ($(GENERATE_MANUAL),)
	$(SWIFT) package plugin generate-manual --help >/dev/null
endif
	DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" bash scripts/install.sh install \
	  "$(or $(TALA_BIN),$(shell $(SWIFT) build -c release --show-bin-path)/tala)" \
	  "$(or $(GENERATE_MANUAL),$(shell $(SWIFT) build --show-bin-path)/generate-manual-tool)"

uninstall:
	DESTDIR="$(DESTDIR)" PREFIX="$(PREFIX)" bash scripts/install.sh uninstall

bench: deps
	bash scripts/bench.sh

# Time from starting the shell in a terminal (tmux) to its prompt, release build.
bench-startup: deps
	$(SWIFT) build -c release --product tala
	bash scripts/bench-startup.sh .build/release/tala 20

# The scheduler on the wire: timetag error against the exact grid, send-ahead, send lateness.
bench-timing: deps
	$(SWIFT) build -c release --product tala-bench-timing
	.build/release/tala-bench-timing

# An hour (SOAK_SECONDS) of a dense five-slot set to two OSC captures and audio on ALSA's null
# device: memory, CPU, late/dropped, timetag error against the exact grid. Not in CI.
soak: deps
	$(SWIFT) build -c release --product tala-soak
	.build/release/tala-soak

# Forward synchronization across two network namespaces with a jittery relay (needs root).
demo-forward-sync: deps
	$(SWIFT) build -c release --product tala
	bash examples/forward-sync/run.sh $(ARGS)

# Two Tala peers on Ableton Link in network namespaces (needs root): tempo agreement and the phase
# offset p50/p99 between them, in one namespace and across a veth pair.
demo-link: deps
	$(SWIFT) build -c release --product tala
	bash examples/link/run.sh --seconds 10 $(ARGS)
	bash examples/link/run.sh --seconds 10 --veth $(ARGS)

fuzz:
	bash scripts/fuzz.sh

clean:
	rm -rf .build .build-* Fuzz/.build
