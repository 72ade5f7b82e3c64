# Needling: the two front-door commands are `make run` and `make test`.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON_PREFERENCE := only-system
UV := scripts/uv
PY := .venv/bin/python
NEEDLING := .venv/bin/needling

.PHONY: run test install lint typecheck checks pytest bench demo-reset clean query-baselines

install: .venv/.installed

.venv/.installed: pyproject.toml uv.lock
	$(UV) sync --frozen
	@touch $@

## make run: install, migrate, load the demo clinic, serve on http://127.0.0.1:8000
run: install
	scripts/run

demo-reset: install
	$(NEEDLING) demo --reset

## make test: every quality gate, the suite on SQLite, then on PostgreSQL when DATABASE_URL is set
test: install lint typecheck checks pytest

lint:
	.venv/bin/ruff check src tests
	.venv/bin/ruff format --check src tests
	.venv/bin/lint-imports

typecheck:
	.venv/bin/mypy

checks:
	scripts/checks

pytest:
	scripts/pytest-both

bench: install
	nice $(PY) -m needling.bench $(ARGS)

## make query-baselines: re-measure the committed query budgets (tests/**/query_baselines.json)
query-baselines: install
	scripts/update-query-baselines

clean:
	rm -rf .venv var
