import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
SHARED_DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"


@pytest.fixture(scope="session")
def nlp():
    from vigil.nlp import load_pipeline

    return load_pipeline()


def given_place(nlp_or_doc, text: str, name: str, occurrence: int = 0, context=None):
    """The best place for the `occurrence`-th given toponym `name` of `text`, resolved as `vigil eval geo` resolves
    gold toponyms (the document's own mentions as context), or None."""
    from vigil.places import gazetteer
    from vigil.places.resolve import document_context, resolve_span

    doc = nlp_or_doc if hasattr(nlp_or_doc, "ents") else nlp_or_doc(text)
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    context = context or document_context(doc, gazetteer())
    ranked = resolve_span(doc, start, start + len(name), name, context, gazetteer())
    return ranked[0][0] if ranked else None


@pytest.fixture(scope="session")
def reuters_text():
    return (SEEDS / "reuters_sirte.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def baghdad_text():
    return (SEEDS / "baghdadpost_isis_threat.txt").read_text(encoding="utf-8")


def _require(what: str):
    """Skip when a server is not installed here, but never in CI, where .ci/run installs it."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed; .ci/run should have installed it")
    pytest.skip(f"{what} is not installed (CI installs it)")


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory):
    """A real PostgreSQL server on loopback, started for the test session and stopped after."""
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not bins:
        _require("PostgreSQL")
    bindir = Path(bins[-1]).parent
    # Outside pytest's root-only temp folder: the server runs as the postgres user when we are root.
    home = Path(tempfile.mkdtemp(prefix="vigil-pg-"))
    data = home / "data"
    data.mkdir()
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(home, "postgres")
        shutil.chown(data, "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run(as_postgres + [str(bindir / "initdb"), "-D", str(data), "-U", "vigil", "--auth=trust", "-E", "UTF8"],
                   check=True, capture_output=True)
    subprocess.run(as_postgres + [str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l", str(data / "log"),
                                  "-o", f"-h 127.0.0.1 -p {port} -k {data}", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://vigil@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(as_postgres + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def fresh_postgres(postgres_url):
    """An empty database on the session's PostgreSQL server."""
    import uuid

    import psycopg

    name = "t" + uuid.uuid4().hex[:12]
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return postgres_url.rsplit("/", 1)[0] + "/" + name
