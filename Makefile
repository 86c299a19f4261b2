# Key-Net: `make run` serves everything on http://127.0.0.1:8080; `make test` runs every test.
SHELL := /bin/bash
CARGO ?= cargo
PG_URL ?= postgres://postgres@127.0.0.1:5432
BIN := target/release/keynet

.PHONY: run test test-sqlite test-postgres web web-test openapi lint bench schemathesis lighthouse

## Build everything and serve API + web client on an embedded SQLite file, with demo data.
run: web
	@touch api/src/web_client.rs  # the binary embeds web-client/dist: rebuild it when that changed
	$(CARGO) build --release -p keynet
	$(BIN) migrate
	$(BIN) seed-demo --postings 2000 --if-empty
	$(BIN) serve

## Every test: the API suite on SQLite and on PostgreSQL, then the web client's tests.
test: test-sqlite test-postgres web-test

test-sqlite:
	$(CARGO) test --workspace
	$(MAKE) schemathesis BACKEND=sqlite

test-postgres:
	bash scripts/ensure-postgres.sh
	@# Plain TCP on loopback: with TLS, libpq's OpenSSL cleanup at process exit can race the
	@# servers' pool threads still holding connections, and the test binary ends in SIGSEGV
	@# after every test passed (seen once, 2026-12-07).
	PGSSLMODE=disable KEYNET_TEST_POSTGRES_URL=$(PG_URL) $(CARGO) test -p keynet-tests
	$(MAKE) schemathesis BACKEND=postgres

web:
	@if [ -f web-client/package.json ]; then cd web-client && npm ci --no-audit --no-fund && npm run build; fi

## The server embeds web-client/dist when it is compiled: build the client first, then the server.
web-test: web
	@touch api/src/web_client.rs
	$(CARGO) build -p keynet
	@if [ -f web-client/package.json ]; then cd web-client && KEYNET_BIN=$(CURDIR)/target/debug/keynet npm test; fi

## Contract test: Schemathesis drives the debug server from openapi.yaml (BACKEND=sqlite|postgres).
BACKEND ?= sqlite
schemathesis:
	$(CARGO) build -p keynet
	BACKEND=$(BACKEND) KEYNET_BIN=$${KEYNET_BIN:-$${CARGO_TARGET_DIR:-$(CURDIR)/target}/debug/keynet} PG_URL=$(PG_URL) bash scripts/schemathesis.sh

## Regenerate openapi.yaml from the code (a test fails when the committed file is stale).
openapi:
	$(CARGO) run -q -p keynet -- openapi > openapi.yaml

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

## Lighthouse (mobile) on the search page and one posting page of a server it starts on a fresh
## SQLite file: prints the scores and CLS, asserts none (not part of `make test`).
## KEYNET_BIN=path/to/keynet (default target/debug/keynet, with web-client/dist built).
lighthouse:
	@cd web-client && { [ -d node_modules/lighthouse ] || npm ci --no-audit --no-fund; }
	cd web-client && KEYNET_BIN="$(abspath $(or $(KEYNET_BIN),target/debug/keynet))" npm run --silent lighthouse

## Load figures for both backends: N=100000 DURATION=10 BACKENDS="sqlite postgres" make bench
bench:
	bash scripts/bench.sh
