# Maatstaf — ontwikkelcommando's (GNU make).
#
#   make run    installeert (zo nodig) en start de dienst op de ingebedde SQLite-database
#   make test   installeert (zo nodig) alles, ook Chromium via apt-get, en draait lint, mypy, de importcontracten,
#               pytest en de API
#               Design Rules-linter (die alleen als ../shared/adr/linter.yaml er is)
#
# Installatie gebeurt via stempelbestanden en wordt alleen herhaald als pyproject.toml of
# tools/spectral/package*.json wijzigt.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON3    ?= python3
VENV       := .venv
BIN        := $(VENV)/bin
PY_STAMP   := $(VENV)/.installed

SPECTRAL_DIR   := tools/spectral
SPECTRAL       := $(SPECTRAL_DIR)/node_modules/.bin/spectral
SPECTRAL_STAMP := $(SPECTRAL_DIR)/node_modules/.installed

HOST        ?= 127.0.0.1
PORT        ?= 8000
ADR_LINTER  ?= ../shared/adr/linter.yaml
OPENAPI     ?= openapi.yaml
PYTEST_ARGS ?=
BENCH_ARGS  ?=

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export SCARF_ANALYTICS := false

.PHONY: help install lock run token spectral chromium lint mypy imports lint-api openapi openapi-check test bench bench-batch bench-impact clean

help:
	@echo "make run          installeer en start Maatstaf op http://$(HOST):$(PORT) (Swagger UI: /api/v1/docs)"
	@echo "make test         installeer alles; ruff, de bronregel van de regeldata, mypy, importcontracten, pytest en Spectral (NL GOV API Design Rules)"
	@echo "make token        token voor Swagger UI's Authorize (SUB=, GEMEENTE=, ROLLEN=, TEAM= om te kiezen)"
	@echo "make install      Python-venv in $(VENV) uit requirements-dev.lock (versies en hashes vast)"
	@echo "make lock         requirements.lock en requirements-dev.lock opnieuw maken uit pyproject.toml"
	@echo "make spectral     vastgepinde Spectral CLI in $(SPECTRAL_DIR)/node_modules"
	@echo "make lint         ruff check + ruff format --check"
	@echo "make mypy         typecontrole van app (strikt op app/domain; de instellingen staan in pyproject.toml)"
	@echo "make imports      importcontracten (import-linter): lagen, een puur domein, features alleen via hun pakket"
	@echo "make lint-api     spectral lint -r $(ADR_LINTER) $(OPENAPI) (overgeslagen als de linter er niet is, behalve in CI)"
	@echo "make chromium     /usr/bin/chromium via apt-get als die ontbreekt (voor tests/browser)"
	@echo "make openapi      openapi.yaml opnieuw genereren uit de app"
	@echo "make bench        benchmark (bench/run.py, en bench/peer.py: tegen OpenFisca in dezelfde run)"
	@echo "make bench-batch  batch van 10.000 en 100.000 boetes op PostgreSQL (bench/batch.py)"
	@echo "make bench-impact impactanalyse over 1.000.000 boetes op PostgreSQL (bench/impact.py)"
	@echo "make clean        verwijder $(VENV), $(SPECTRAL_DIR)/node_modules en data/"

# --- Python ------------------------------------------------------------------

install: $(PY_STAMP)

# Reproduceerbaar: exact de versies en hashes uit requirements-dev.lock, daarna het project zelf zonder afhankelijkheden.
$(PY_STAMP): pyproject.toml requirements-dev.lock
	@if [ ! -x $(BIN)/python ]; then \
		echo ">> $(VENV) aanmaken met $$($(PYTHON3) --version)"; \
		$(PYTHON3) -m venv $(VENV); \
	fi
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $@

# De lockbestanden opnieuw maken na een wijziging in de afhankelijkheden van pyproject.toml (pip-tools in een
# tijdelijke venv; geen afhankelijkheid van het project). Commit beide bestanden.
lock:
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(PYTHON3) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/pip" install --quiet 'pip-tools>=7.4,<8'; \
	opties="--quiet --generate-hashes --strip-extras --no-emit-index-url --no-emit-find-links --allow-unsafe"; \
	"$$tmp/venv/bin/pip-compile" $$opties -o requirements.lock pyproject.toml; \
	"$$tmp/venv/bin/pip-compile" $$opties --extra dev -o requirements-dev.lock pyproject.toml

# --- Spectral (Node) ---------------------------------------------------------

spectral: $(SPECTRAL_STAMP)

$(SPECTRAL_STAMP): $(SPECTRAL_DIR)/package.json $(SPECTRAL_DIR)/package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
		echo ">> npm ontbreekt: nodejs en npm installeren via apt-get"; \
		if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq; \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm; \
	fi
	@echo ">> Spectral installeren (node $$(node --version), npm $$(npm --version 2>/dev/null))"
	cd $(SPECTRAL_DIR) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# --- Chromium (browsertests) -------------------------------------------------

# Het Debian-pakket, zoals .ci/run; Playwright gebruikt /usr/bin/chromium en downloadt zelf geen browser.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo ">> chromium ontbreekt (browsertests): installeren via apt-get"; \
		if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq; \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	fi

# --- Service -----------------------------------------------------------------

# Zonder MAATSTAF_JWT_SECRET of MAATSTAF_JWKS_URL, zonder MAATSTAF_SLEUTEL of zonder MAATSTAF_CHECKPOINT_SLEUTEL, start
# `make run` in de expliciete ontwikkelmodus. python -m app.server zoals de Docker-image (BegrensdeKop, logregels in
# MAATSTAF_LOG_FORMAAT vanaf de eerste regel), met één worker tenzij MAATSTAF_WORKERS iets anders zegt.
run: install
	@if [ -z "$${MAATSTAF_JWT_SECRET:-}$${MAATSTAF_JWKS_URL:-}" ]; then export MAATSTAF_ONTWIKKELING=1; \
		echo "ONTWIKKELMODUS (geen MAATSTAF_JWT_SECRET): tokens met het vaste ontwikkelgeheim worden geaccepteerd."; fi; \
	if [ -z "$${MAATSTAF_SLEUTEL:-}" ]; then export MAATSTAF_ONTWIKKELING=1; \
		echo "ONTWIKKELMODUS (geen MAATSTAF_SLEUTEL): vrije tekst wordt versleuteld met de vaste ontwikkelsleutel."; fi; \
	if [ -z "$${MAATSTAF_CHECKPOINT_SLEUTEL:-}" ]; then export MAATSTAF_ONTWIKKELING=1; \
		echo "ONTWIKKELMODUS (geen MAATSTAF_CHECKPOINT_SLEUTEL): checkpoints van de audittrail krijgen de vaste ontwikkelsleutel."; fi; \
	echo "Maatstaf draait op http://$(HOST):$(PORT) — Swagger UI: http://$(HOST):$(PORT)/api/v1/docs"; \
	echo "Token voor de knop Authorize:  make token   (of: MAATSTAF_ONTWIKKELING=1 $(BIN)/maatstaf token --sub jan --gemeente 0363 --rollen medewerker)"; \
	export MAATSTAF_LOG_FORMAAT=$${MAATSTAF_LOG_FORMAAT:-tekst} MAATSTAF_HOST=$(HOST) MAATSTAF_POORT=$(PORT); \
	export MAATSTAF_WORKERS=$${MAATSTAF_WORKERS:-1}; \
	export MAATSTAF_KANDIDAATREGELS_DIR=$${MAATSTAF_KANDIDAATREGELS_DIR:-voorbeelden/kandidaatregels}; \
	echo "Kandidaat-regelmappen voor impactanalyses: $$MAATSTAF_KANDIDAATREGELS_DIR"; \
	exec $(BIN)/python -m app.server

# Een token van 8 uur met alle rollen voor gemeente 0363 (ontwikkelgeheim, tenzij MAATSTAF_JWT_SECRET is gezet).
token: install
	@if [ -z "$${MAATSTAF_JWT_SECRET:-}" ]; then export MAATSTAF_ONTWIKKELING=1; fi; \
	$(BIN)/maatstaf token --sub $${SUB:-ontwikkelaar} --gemeente $${GEMEENTE:-0363} --rollen $${ROLLEN:-medewerker,beoordelaar,auditor,beleidsmedewerker,beleidsbeheerder} $${TEAM:+--team $$TEAM}

bench: install
	@if ! command -v wrk >/dev/null 2>&1; then \
		echo ">> wrk ontbreekt: installeren via apt-get"; \
		if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq; \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk; \
	fi
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	$(BIN)/python bench/peer.py $(PEER_ARGS)

bench-batch: install
	$(BIN)/python bench/batch.py $(BENCH_ARGS)

bench-impact: install
	$(BIN)/python bench/impact.py $(BENCH_ARGS)

openapi: install
	$(BIN)/python -m app.openapi_doc

openapi-check: install
	$(BIN)/python -m app.openapi_doc --check

# --- Kwaliteit ---------------------------------------------------------------

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Welke bestanden en hoe streng: [tool.mypy] in pyproject.toml.
mypy: install
	$(BIN)/mypy

# Wat van app welk deel mag importeren: [tool.importlinter] in pyproject.toml (README.md, "Architectuur").
imports: install
	$(BIN)/lint-imports

# De officiële ruleset staat naast de repository (../shared/adr/linter.yaml). In een losse kloon ontbreekt die:
# dan meldt lint-api dat en slaat hij over; in CI (CI=true) is een ontbrekende ruleset een fout.
lint-api:
	@if [ ! -f "$(ADR_LINTER)" ]; then \
		if [ "$${CI:-}" = "true" ]; then echo "ADR-linter niet gevonden: $(ADR_LINTER) (in CI verplicht)" >&2; exit 2; fi; \
		echo ">> lint-api overgeslagen: de officiële NL GOV ADR-ruleset $(ADR_LINTER) is hier niet aanwezig (zet ADR_LINTER=...)"; \
		exit 0; \
	fi; \
	test -f "$(OPENAPI)" || { echo "OpenAPI-document niet gevonden: $(OPENAPI) (make openapi)" >&2; exit 2; }; \
	$(MAKE) spectral; \
	$(SPECTRAL) lint -r "$(ADR_LINTER)" "$(OPENAPI)" --fail-severity=error

# Draait alle stappen, ook als een eerdere faalt, en faalt daarna als er één faalde.
test: install chromium
	@failed=""; \
	echo ">> lint"; $(MAKE) lint || failed="$$failed lint"; \
	echo ">> regels (bronregel)"; $(BIN)/maatstaf regels controleer || failed="$$failed regels"; \
	echo ">> mypy"; $(MAKE) mypy || failed="$$failed mypy"; \
	echo ">> imports"; $(MAKE) imports || failed="$$failed imports"; \
	echo ">> pytest"; $(BIN)/pytest $(PYTEST_ARGS) || failed="$$failed pytest"; \
	echo ">> lint-api"; $(MAKE) lint-api || failed="$$failed lint-api"; \
	if [ -n "$$failed" ]; then echo "make test: MISLUKT:$$failed" >&2; exit 1; fi; \
	echo "make test: alles geslaagd"

clean:
	rm -rf $(VENV) $(SPECTRAL_DIR)/node_modules data maatstaf.egg-info
