# The two commands of the README. Both install what they need first.
BIN := .venv/bin
PORT ?= 8501

.PHONY: run test lint bench

run:
	./scripts/bootstrap.sh
	$(BIN)/signals prepare
	$(BIN)/streamlit run app.py --server.port $(PORT)

test:
	./scripts/bootstrap.sh test
	$(BIN)/python -m pytest

lint:
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench:
	$(BIN)/python benchmarks/ingest.py
