# Viral — build, run and test. `make run` and `make test` are all a new clone needs.
# SPDX-License-Identifier: GPL-3.0-or-later

SWIFT        ?= swift
RELEASE      := -c release
# Tests are built optimised (with @testable access): the statistical tests draw many graphs.
TEST_FLAGS   := -c release -Xswiftc -enable-testing
VIRAL        := .build/release/viral
SOURCES      := Sources Tests Package.swift Fuzz/Sources Fuzz/Package.swift
# `make install`: where, and a build whose Swift runtime is linked in, so the installed tool
# needs only GSL at run time (not the toolchain it was built with).
PREFIX       ?= /usr/local
INSTALL_BUILD := .build-install
INSTALLED    := $(INSTALL_BUILD)/release/viral

.PHONY: run test build deps browser slurm fuzz lint format results notebooks bench bench-sweep bench-scale bench-peers install uninstall clean help

help:
	@echo "make run          build and run the example scenario (installs GSL if missing)"
	@echo "make test         build and run all tests, and check formatting"
	@echo "make fuzz         fuzz the scenario loader and its checks for FUZZ_SECONDS (120; part of make test)"
	@echo "make results      regenerate every example scenario's results in Results/"
	@echo "make notebooks    execute the notebooks on Results/ and export them (pip, venv)"
	@echo "make bench        time Viral's graph and spreading benchmarks on this machine"
	@echo "make bench-sweep  what a sweep point costs beyond its runs"
	@echo "make bench-scale  peak memory and bytes per follow of follower graphs of 10^6 to 10^8 accounts"
	@echo "make bench-peers  run NetworKit, igraph, networkx, CyNetDiff, pynetim and NDlib beside Viral (pip, venv)"
	@echo "make format       format the sources with swift format"
	@echo "make install      install viral and its shell completions under PREFIX (default /usr/local)"
	@echo "make uninstall    remove what make install put there"

# GSL and pkg-config come from the system's package manager when they are missing.
deps:
	@if ! pkg-config --exists gsl 2>/dev/null; then \
	  echo "viral: installing libgsl-dev and pkg-config ..."; \
	  if command -v apt-get >/dev/null 2>&1; then \
	    sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	    $$sudo apt-get install -y -q libgsl-dev pkg-config >/dev/null 2>&1 || \
	      { $$sudo apt-get update -q >/dev/null && $$sudo apt-get install -y -q libgsl-dev pkg-config; }; \
	  elif command -v brew >/dev/null 2>&1; then \
	    brew install gsl pkg-config; \
	  else \
	    echo "viral: please install GSL (libgsl-dev) and pkg-config, then run make again"; exit 1; \
	  fi; \
	fi
	@pkg-config --exists gsl || { echo "viral: GSL is still not visible to pkg-config"; exit 1; }
	@# Reports inline Vega 5 from Debian's libjs-vega.
	@if [ ! -f /usr/share/javascript/vega/vega-view.min.js ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "viral: installing libjs-vega (reports draw their charts with it) ..."; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	  $$sudo apt-get install -y -q libjs-vega >/dev/null 2>&1 || \
	    { $$sudo apt-get update -q >/dev/null && $$sudo apt-get install -y -q libjs-vega >/dev/null; } || \
	    echo "viral: could not install libjs-vega; viral report will say so"; \
	fi

# The browser test loads reports in headless Chromium, installed here when missing.
browser:
	@if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then \
	  echo "viral: installing chromium for the browser test ..."; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	  $$sudo apt-get install -y -q chromium >/dev/null 2>&1 || \
	    { $$sudo apt-get update -q >/dev/null && $$sudo apt-get install -y -q chromium >/dev/null; } || true; \
	fi
	@command -v chromium >/dev/null 2>&1 || echo "viral: WARNING: no chromium; the browser test of reports is skipped"

build: deps
	$(SWIFT) build $(RELEASE)

run: build
	$(VIRAL) run Scenarios/ice-bucket-2014.yaml
	@echo "viral: the results are in Results/ice-bucket-2014/ (summary.csv, runs.csv, timeseries.csv, generations.csv, theory.csv, graph.csv, manifest.json)"

# The Slurm integration test needs a cluster: Slurm and munge are installed here when
# missing (as Chromium is), and .ci/slurm-cluster.sh starts a single-node cluster.
slurm:
	@sh .ci/slurm-cluster.sh install

test: deps lint browser slurm
	$(SWIFT) build $(TEST_FLAGS) --build-tests
	@sh .ci/slurm-cluster.sh start
	$(SWIFT) test $(TEST_FLAGS) --skip-build
	$(MAKE) fuzz

# libFuzzer (with AddressSanitizer) drives the scenario loader and every check of viral
# validate for FUZZ_SECONDS, from the committed corpus in Fuzz/corpus; new inputs go to a
# scratch folder. A crash, a hang (over 20 s) or 4 GB of memory fails, leaving the input in
# Fuzz/ (crash-*, timeout-*, oom-*). Fuzz/README.md says how to grow the corpus.
FUZZ_SECONDS ?= 120
FUZZ_BINARY  := Fuzz/.build/debug/fuzz-scenario
fuzz:
	cd Fuzz && $(SWIFT) build --sanitize=fuzzer --sanitize=address --product fuzz-scenario
	@scratch=$$(mktemp -d); mkdir $$scratch/new; \
	  (cd Fuzz/corpus && ASAN_OPTIONS=detect_leaks=0 ../../$(FUZZ_BINARY) -max_total_time=$(FUZZ_SECONDS) -timeout=20 \
	    -rss_limit_mb=4096 -max_len=4096 -print_final_stats=1 -artifact_prefix=../ $$scratch/new . >$$scratch/log 2>&1); \
	  status=$$?; grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb)" $$scratch/log; \
	  [ $$status -eq 0 ] || tail -40 $$scratch/log; rm -rf $$scratch; \
	  [ $$status -eq 0 ] || { echo "viral: the fuzzer found a failing input: Fuzz/crash-*, timeout-* or oom-*"; exit 1; }

lint:
	$(SWIFT) format lint --strict --recursive $(SOURCES)

format:
	$(SWIFT) format format --in-place --recursive $(SOURCES)

results: build
	$(VIRAL) graph Scenarios/six-degrees.yaml
	$(VIRAL) run Scenarios/word-of-mouth.yaml
	$(VIRAL) run Scenarios/rumour.yaml
	$(VIRAL) run Scenarios/bass-launch.yaml
	$(VIRAL) run Scenarios/ice-bucket-2014.yaml
	$(VIRAL) run Scenarios/ice-bucket-china-2014.yaml
	$(VIRAL) run Scenarios/nomination-threshold.yaml
	$(VIRAL) compare Scenarios/influencer-vs-micro.yaml
	$(VIRAL) compare Scenarios/sports-brand-launch.yaml
	$(VIRAL) split Scenarios/sports-brand-launch.yaml
	$(VIRAL) compare Scenarios/seeding-strategies.yaml
	$(VIRAL) sweep Scenarios/sweep-small-world.yaml
	$(VIRAL) sweep Scenarios/sweep-seeding-budget.yaml
	$(VIRAL) sweep Scenarios/sensitivity-ice-bucket.yaml
	$(VIRAL) sweep Scenarios/sensitivity-sports-brand.yaml

NOTEBOOK_VENV := notebooks-export/.venv
notebooks:
	[ -x $(NOTEBOOK_VENV)/bin/python ] || python3 -m venv $(NOTEBOOK_VENV)
	$(NOTEBOOK_VENV)/bin/pip install -q -r notebooks-export/requirements.txt
	cd notebooks-export && for script in make_*_notebook.py; do \
	  name=$${script#make_}; name=$${name%_notebook.py}; name=$$(echo $$name | tr _ -); \
	  .venv/bin/python $$script && \
	  .venv/bin/jupyter nbconvert --execute --to notebook --inplace $$name.ipynb && \
	  .venv/bin/jupyter nbconvert --to markdown $$name.ipynb && \
	  .venv/bin/jupyter nbconvert --to html $$name.ipynb || exit 1; \
	done

bench: build
	$(VIRAL) bench

bench-sweep: build
	bench/sweep-overhead.sh

bench-scale: build
	bench/follower-scale.sh

bench-peers: build
	bench/compare-graph.sh
	bench/compare-spread.sh
	bench/compare-seeding.sh

BASH_COMPLETIONS := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSH_COMPLETIONS  := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISH_COMPLETIONS := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

install: deps
	$(SWIFT) build $(RELEASE) --static-swift-stdlib --scratch-path $(INSTALL_BUILD) --product viral
	install -d $(DESTDIR)$(PREFIX)/bin $(BASH_COMPLETIONS) $(ZSH_COMPLETIONS) $(FISH_COMPLETIONS)
	install -m 755 $(INSTALLED) $(DESTDIR)$(PREFIX)/bin/viral
	$(INSTALLED) --generate-completion-script bash > $(BASH_COMPLETIONS)/viral
	$(INSTALLED) --generate-completion-script zsh > $(ZSH_COMPLETIONS)/_viral
	$(INSTALLED) --generate-completion-script fish > $(FISH_COMPLETIONS)/viral.fish
	@echo "viral: installed $(DESTDIR)$(PREFIX)/bin/viral and its bash, zsh and fish completions"

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/viral $(BASH_COMPLETIONS)/viral $(ZSH_COMPLETIONS)/_viral $(FISH_COMPLETIONS)/viral.fish

clean:
	rm -rf .build $(INSTALL_BUILD)
