# dondoc — the two commands: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
PYTHON ?= python3
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie libreoffice-writer-nogui fonts-liberation2 \
	fonts-liberation fonts-dejavu-core poppler-utils chromium
PYTEST_ARGS ?= -n 2

.PHONY: install system-packages run migrate demo test test-sqlite test-postgres lint eval bench bench-postgres clean

install: system-packages $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

# Debian packages: Tesseract with the Vietnamese model (scans), LibreOffice (PDF
# copies of letters), Liberation fonts (Times New Roman metrics), Chromium (browser tests).
system-packages:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Cài gói hệ thống:$$missing"; \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

migrate: install
	mkdir -p var
	$(BIN)/dondoc migrate --noinput -v 0

demo: migrate
	$(BIN)/dondoc demo

run: demo
	@echo "dondoc: http://127.0.0.1:$(PORT)  (tài khoản demo: admin, lanhdao, vanphong, donvi, chuyenvien — mật khẩu demo12345)"
	$(BIN)/dondoc worker & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(BIN)/dondoc runserver 127.0.0.1:$(PORT) --noreload

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy dondoc docparse config

test-sqlite: install
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: install
	@if [ -n "$$DATABASE_URL" ]; then $(BIN)/pytest $(PYTEST_ARGS); \
	else echo "DATABASE_URL chưa đặt: bỏ qua lượt chạy trên PostgreSQL"; fi

test: lint test-sqlite test-postgres

eval: install
	mkdir -p var
	$(BIN)/dondoc extract ../shared/eval/dev/*.txt --format jsonl > var/eval.jsonl || true
	$(BIN)/python ../shared/eval/score.py ../shared/eval/dev var/eval.jsonl

# Benchmarks print their figures. The first set runs anywhere; the PostgreSQL set builds
# 200,000 generated tasks over 2,000 units in its own databases on 127.0.0.1 (minutes).
bench: install
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/web.py
	$(BIN)/python bench/import.py

bench-postgres: install
	$(BIN)/python bench/stats.py
	$(BIN)/python bench/remind.py

clean:
	rm -rf $(VENV) var/static
