# The two commands of the README. Both install what they need first.
BIN := .venv/bin
PORT ?= 8501
# Only this machine can connect unless told otherwise: `make run ADDRESS=0.0.0.0` (or ADDRESS in
# the environment) serves every network interface, for a team.
ADDRESS ?= 127.0.0.1

.PHONY: run test lint bench

run:
	./scripts/bootstrap.sh
	$(BIN)/signals prepare
	$(BIN)/streamlit run app.py --server.address $(ADDRESS) --server.port $(PORT)

test:
	./scripts/bootstrap.sh test
	$(BIN)/python -m pytest -m "slow or not slow"

lint:
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench:
	$(BIN)/python benchmarks/ingest.py
