# SupportLens: the two set-up commands are `make demo` and `make test`; both install what is
# missing on a Debian 12 machine (apt, idempotent), build, and run.
SHELL := /bin/bash
JOBS ?= 2
BUILD := build
ASAN_BUILD := build-asan
DEMO_DIR := demo
DEB_PACKAGES := cmake ninja-build g++ pkg-config libsqlite3-dev sqlite3 nlohmann-json3-dev libfmt-dev libcli11-dev \
  libhowardhinnant-date-dev libtomlplusplus-dev libgtest-dev libbenchmark-dev tzdata

.PHONY: all deps build build-asan test unit-asan demo bench docs clean

all: build

# Installs only the Debian packages that are missing (no-op when everything is there).
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

$(BUILD)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD) -j$(JOBS)

$(ASAN_BUILD)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSUPPORTLENS_SANITIZE=ON

build-asan: deps $(ASAN_BUILD)/build.ninja
	ninja -C $(ASAN_BUILD) -j$(JOBS) supportlens_tests

# Unit tests under AddressSanitizer + UBSan.
unit-asan: build-asan
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(ASAN_BUILD)/supportlens_tests --gtest_brief=1

# Every test: the sanitized unit tests, then the release build's unit and end-to-end tests.
test: build unit-asan
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

docs: build
	$(BUILD)/supportlens kpis --format markdown > docs/kpis.md

demo: build
	rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	$(BUILD)/supportlens generate --tickets 20000 --seed 42 --out $(DEMO_DIR)/workspace
	$(BUILD)/supportlens import $(DEMO_DIR)/workspace --db $(DEMO_DIR)/supportlens.db
	@echo
	$(BUILD)/supportlens report $(DEMO_DIR)/supportlens.db --from 2026-01-05 --to 2026-02-02 --format table
	@echo
	$(BUILD)/supportlens report $(DEMO_DIR)/supportlens.db --from 2026-01-05 --to 2026-02-02 \
	  --kpi ticket_volume,first_reply_time,resolution_time,fcr_rate,csat,nps,backlog --by channel --format table

# Benchmarks: Google Benchmark cases, then the end-to-end comparison with SQLite and DuckDB
# (docs/PERFORMANCE.md). Besides the build packages it needs /usr/bin/time, node and npm
# (installed here when missing); the script installs @duckdb/node-api into bench/node.
bench: deps
	@missing=""; [ -x /usr/bin/time ] || missing="$$missing time"; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DSUPPORTLENS_BENCH=ON
	ninja -C $(BUILD) -j$(JOBS)
	$(BUILD)/supportlens_bench
	bench/run_end_to_end.sh $(BUILD)/supportlens

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(DEMO_DIR)
