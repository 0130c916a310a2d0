"""Migraties op een lege database (SQLite en PostgreSQL): heen, terug en weer heen, via de Alembic-API en de CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from app.db import BEGIN_HASH, AuditStore, Idempotentie, alembic_config
from app.db.models import metadata
from app.db.store import periode_van

REPO = Path(__file__).resolve().parent.parent

KOLOMMEN = {
    "auditrecord": {
        "volgnummer",
        "berekening_id",
        "soort",
        "tijdstip",
        "invoer",
        "resultaat",
        "regelversie",
        "vorige_hash",
        "hash",
        "keten",
        "sub",
        "gemeente",
        "verwijzing",
        "uniek",
    },
    "auditketen": {"keten", "laatste_hash", "laatste_volgnummer"},
    "regelset": {"versie", "inhoud", "vastgelegd"},
    "idempotentiesleutel": {"gemeente", "sleutel", "vingerafdruk", "berekening_id", "locatie", "aangemaakt"},
    "gegevenssleutel": {"sleutel_id", "gemeente", "periode", "ingepakt", "aangemaakt", "gewist_op"},
}


def _head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _schema(url: str) -> tuple[dict[str, set[str]], list[str], list[tuple]]:
    """(tabellen met kolommen, versies in alembic_version, rijen van auditketen)."""
    engine = create_engine(url)
    try:
        with engine.connect() as verbinding:
            inspector = inspect(verbinding)
            tabellen = {t: {k["name"] for k in inspector.get_columns(t)} for t in inspector.get_table_names()}
            versies = (
                list(verbinding.execute(text("SELECT version_num FROM alembic_version")).scalars())
                if "alembic_version" in tabellen
                else []
            )
            ketens = (
                [tuple(r) for r in verbinding.execute(text("SELECT keten, laatste_hash FROM auditketen"))]
                if "auditketen" in tabellen
                else []
            )
        return tabellen, versies, ketens
    finally:
        engine.dispose()


def _is_op_head(url: str) -> None:
    tabellen, versies, ketens = _schema(url)
    for tabel, kolommen in KOLOMMEN.items():
        assert tabellen.get(tabel) == kolommen, tabel
    assert versies == [_head()]
    assert ketens == [("globaal", BEGIN_HASH)]


def test_er_is_een_head_0005():
    assert _head() == "0005"


def test_0003_heen_en_terug_met_records_en_sleutels(database_url):
    """0002 -> 0003 laat bestaande records staan; 0003 -> 0002 haalt alleen de sleutels weg."""
    cfg = alembic_config(database_url)
    command.upgrade(cfg, "0002")
    store = AuditStore(database_url)
    try:
        oud = store.append(
            berekening_id=str(uuid.uuid4()), soort="s", invoer="{}", resultaat={"a": "1"}, regelversie="1"
        )
        command.upgrade(cfg, "0003")
        sleutel = Idempotentie("0363", "sleutel-1", "a" * 64, "/api/v1/berekeningen/x")
        nieuw = store.vastleggen(
            berekening_id=str(uuid.uuid4()),
            soort="s",
            invoer="{}",
            resultaat={"a": "2"},
            regelversie="1",
            gemeente="0363",
            idempotentie=sleutel,
        ).result(timeout=30)
        assert store.idempotentie("0363", "sleutel-1").berekening_id == nieuw.berekening_id
        assert store.get(oud.berekening_id) == oud

        command.downgrade(cfg, "0002")
        tabellen, versies, _ = _schema(database_url)
        assert "idempotentiesleutel" not in tabellen and versies == ["0002"]
        assert store.get(nieuw.berekening_id) == nieuw  # het record blijft; alleen de sleutel is weg
        command.upgrade(cfg, "head")
        assert store.idempotentie("0363", "sleutel-1") is None
    finally:
        store.dispose()


def test_heen_terug_en_weer_heen(database_url):
    cfg = alembic_config(database_url)
    assert set(_schema(database_url)[0]) == set()

    command.upgrade(cfg, "head")
    _is_op_head(database_url)

    command.downgrade(cfg, "base")
    tabellen, versies, _ = _schema(database_url)
    assert not set(KOLOMMEN) & set(tabellen)
    assert versies == []

    command.upgrade(cfg, "head")
    _is_op_head(database_url)


def test_schema_komt_overeen_met_de_modellen(database_url):
    """Migraties en app/db/models.py lopen niet uiteen (anders ziet autogenerate een verschil)."""
    command.upgrade(alembic_config(database_url), "head")
    engine = create_engine(database_url)
    try:
        with engine.connect() as verbinding:
            verschil = compare_metadata(MigrationContext.configure(verbinding, opts={"compare_type": True}), metadata)
    finally:
        engine.dispose()
    assert verschil == []


def test_migrate_is_idempotent_en_bewaart_records(database_url):
    store = AuditStore(database_url)
    try:
        store.migrate()
        _is_op_head(database_url)
        record = store.append(
            berekening_id=str(uuid.uuid4()), soort="s", invoer="{}", resultaat={"a": "1"}, regelversie="1"
        )
        store.migrate()
        tabellen, versies, ketens = _schema(database_url)
        assert versies == [_head()]
        assert ketens == [("globaal", record.hash)]
        assert store.get(record.berekening_id) == record
    finally:
        store.dispose()


def test_gelijktijdig_startende_diensten_migreren_zonder_botsing(database_url):
    n = 4
    stores = [AuditStore(database_url) for _ in range(n)]
    start = threading.Barrier(n)

    def migreer(store: AuditStore) -> None:
        start.wait(timeout=10)
        store.migrate()

    try:
        with ThreadPoolExecutor(max_workers=n) as pool:
            list(pool.map(migreer, stores))  # een fout in een draad komt hier naar boven
        _is_op_head(database_url)
    finally:
        for store in stores:
            store.dispose()


def _migreer_in_proces(database_url: str, starttijd: float) -> None:
    time.sleep(max(0.0, starttijd - time.time()))  # alle processen tegelijk, na hun (trage) import
    store = AuditStore(database_url)
    try:
        store.migrate()
    finally:
        store.dispose()


def test_gelijktijdig_startende_processen_migreren_zonder_botsing(database_url):
    """Meerdere workers die tegelijk starten: advisory lock (PostgreSQL) of BEGIN IMMEDIATE (SQLite)."""
    n = 4
    with ProcessPoolExecutor(max_workers=n, mp_context=get_context("spawn")) as pool:
        list(pool.map(_migreer_in_proces, [database_url] * n, [time.time() + 2] * n))
    _is_op_head(database_url)


def _alembic_cli(*argumenten: str, database_url: str) -> subprocess.CompletedProcess:
    omgeving = {**os.environ, "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "-m", "alembic", *argumenten],
        cwd=REPO,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_cli_in_de_root_gebruikt_database_url(database_url):
    heen = _alembic_cli("upgrade", "head", database_url=database_url)
    assert heen.returncode == 0, heen.stderr
    _is_op_head(database_url)

    huidig = _alembic_cli("current", database_url=database_url)
    assert huidig.returncode == 0, huidig.stderr
    assert f"{_head()} (head)" in huidig.stdout

    terug = _alembic_cli("downgrade", "base", database_url=database_url)
    assert terug.returncode == 0, terug.stderr
    assert not set(KOLOMMEN) & set(_schema(database_url)[0])


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
def test_offline_sql(dialect, tmp_path):
    url = f"sqlite:///{tmp_path}/x.db" if dialect == "sqlite" else "postgresql+psycopg://u@h/db"
    uit = _alembic_cli("upgrade", "head", "--sql", database_url=url)
    assert uit.returncode == 0, uit.stderr
    assert "CREATE TABLE auditrecord" in uit.stdout
    assert "INSERT INTO auditketen" in uit.stdout


def test_0004_downgrade_weigert_als_er_sleutels_zijn(database_url):
    """Een downgrade mag de gegevenssleutels niet weggooien: dat zou alle versleutelde tekst wissen."""
    cfg = alembic_config(database_url)
    command.upgrade(cfg, "head")
    store = AuditStore(database_url, hoofdsleutel=b"k" * 32)
    try:
        record = store.append(
            berekening_id=str(uuid.uuid4()),
            soort="s",
            invoer='{"motivering": "Zorg voor een zieke ouder, zaak Z-1"}',
            resultaat={"a": "1"},
            regelversie="1",
            gemeente="0363",
            vrije_paden=frozenset({("motivering",)}),
        )
        with pytest.raises(RuntimeError, match="gegevenssleutels"):
            command.downgrade(cfg, "0003")
        assert _schema(database_url)[1] == [_head()]
        assert "Z-1" in store.get(record.berekening_id).invoer
        store.vernietig_sleutel("0363", periode_van(record.tijdstip))
        command.downgrade(cfg, "0003")  # alleen gewiste sleutels: mag
        assert "gegevenssleutel" not in _schema(database_url)[0]
    finally:
        store.dispose()
