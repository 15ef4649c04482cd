from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
SHARED_DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"


@pytest.fixture(scope="session")
def nlp():
    from vigil.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def reuters_text():
    return (SEEDS / "reuters_sirte.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def baghdad_text():
    return (SEEDS / "baghdadpost_isis_threat.txt").read_text(encoding="utf-8")
