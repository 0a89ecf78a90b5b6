# SupportLens: the two set-up commands are `make demo` and `make test`; both install what is
# missing on a Debian 12 machine (apt, idempotent), build, and run.
SHELL := /bin/bash
JOBS ?= 2
BUILD := build
ASAN_BUILD := build-asan
DEMO_DIR := demo
DEB_PACKAGES := cmake ninja-build g++ pkg-config libsqlite3-dev sqlite3 nlohmann-json3-dev libfmt-dev libcli11-dev \
  libhowardhinnant-date-dev libtomlplusplus-dev libgtest-dev libbenchmark-dev tzdata libcpp-httplib-dev libssl-dev curl \
  unicode-data poppler-utils
# The dashboard's build needs node and npm; its browser tests and PDF reports need Debian's chromium.
WEB_PACKAGES := nodejs npm chromium
DEMO_TICKETS := 20000
DEMO_PORT ?= 8080

.PHONY: all deps deps-web build build-asan test unit-asan web web-test browser-test screenshots demo bench bench-http bench-sentiment bench-connectors docs clean

all: build

# Installs only the Debian packages that are missing (no-op when everything is there).
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# node/npm are installed from Debian only when the machine has none (a newer node is kept).
deps-web:
	@missing=""; command -v node >/dev/null || missing="$$missing nodejs"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

web/node_modules/.installed: web/package.json | deps-web
	cd web && npm install --no-audit --no-fund --loglevel=error
	touch $@

# The dashboard, served by the binary from web/dist.
web: web/node_modules/.installed
	cd web && npm run build

$(BUILD)/build.ninja: CMakeLists.txt | deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DSUPPORTLENS_UNIT_TESTS=OFF

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

# The dashboard's unit tests, then the browser tests against a real server in headless chromium.
web-test: web
	cd web && npm test
browser-test: build web deps-web
	cd web && SUPPORTLENS_BIN=../$(BUILD)/supportlens npm run test:browser

# Screenshots of every dashboard view into docs/screenshots/.
screenshots: build web
	cd web && SUPPORTLENS_BIN=../$(BUILD)/supportlens npm run screenshots

# Every test: the unit and HTTP tests under the sanitizers, the release build's end-to-end tests,
# then the dashboard's unit and browser tests.
test: web build unit-asan
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)
	$(MAKE) --no-print-directory web-test browser-test

docs: build
	$(BUILD)/supportlens kpis --format markdown > docs/kpis.md

# The demo: a workspace whose data ends yesterday, imported, served with the dashboard, and a
# trickle of new tickets so that the live view moves. Ctrl-C stops it.
demo: build web
	rm -rf $(DEMO_DIR) && mkdir -p $(DEMO_DIR)
	$(BUILD)/supportlens generate --tickets $(DEMO_TICKETS) --seed 42 --out $(DEMO_DIR)/workspace \
	  --start $$(date -u -d '57 days ago' +%F) --days 56
	$(BUILD)/supportlens import $(DEMO_DIR)/workspace --db $(DEMO_DIR)/supportlens.db
	@echo
	$(BUILD)/supportlens report $(DEMO_DIR)/supportlens.db --from $$(date -u -d '28 days ago' +%F) --to $$(date -u +%F) \
	  --kpi ticket_volume,first_reply_time,resolution_time,fcr_rate,csat,nps,backlog --by channel --format table
	@echo
	@analyst=$$($(BUILD)/supportlens keys create --db $(DEMO_DIR)/supportlens.db --workspace default --role analyst --name demo-dashboard | tail -n 1); \
	ingest=$$($(BUILD)/supportlens keys create --db $(DEMO_DIR)/supportlens.db --workspace default --role ingest --name demo-trickle | tail -n 1); \
	$(BUILD)/supportlens serve --db $(DEMO_DIR)/supportlens.db --port $(DEMO_PORT) & server=$$!; \
	trap 'kill $$server 2>/dev/null; wait $$server 2>/dev/null' EXIT INT TERM; \
	for i in $$(seq 50); do curl -sf http://127.0.0.1:$(DEMO_PORT)/v1/health >/dev/null && break; sleep 0.2; done; \
	echo; echo "Dashboard:   http://127.0.0.1:$(DEMO_PORT)/#key=$$analyst"; \
	echo "Analyst key: $$analyst"; echo "(new demo tickets arrive every few seconds; Ctrl-C stops the demo)"; echo; \
	$(BUILD)/supportlens trickle --url http://127.0.0.1:$(DEMO_PORT) --key $$ingest --workspace-dir $(DEMO_DIR)/workspace

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

# The HTTP load benchmark: ingest records/s and report latency against a 1M-ticket workspace.
bench-http: deps
	@command -v bc >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get install -y -qq bc; }
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DSUPPORTLENS_BENCH=ON
	ninja -C $(BUILD) -j$(JOBS)
	bench/run_http_load.sh $(BUILD)

# Sentiment throughput against the npm package's JavaScript on the same real tweets.
bench-sentiment: deps web
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DSUPPORTLENS_BENCH=ON
	ninja -C $(BUILD) -j$(JOBS) supportlens_bench
	bench/run_sentiment.sh $(BUILD)

# Import speed per connector (records/s) against the workspace-folder import, 100k conversations each.
bench-connectors: deps web
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DSUPPORTLENS_UNIT_TESTS=OFF
	ninja -C $(BUILD) -j$(JOBS) supportlens
	bench/run_connectors.sh $(BUILD) 100000

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(DEMO_DIR) web/dist web/node_modules
