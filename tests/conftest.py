"""Gedeelde fixtures voor databasetests: een SQLite-bestand en een eigen PostgreSQL-database per test.

PostgreSQL: de server uit MAATSTAF_TEST_POSTGRES_URL (standaard postgresql+psycopg://postgres@127.0.0.1:5432/test).
Is die niet bereikbaar, dan worden de PostgreSQL-varianten overgeslagen, tenzij MAATSTAF_REQUIRE_POSTGRES=1.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from app.db import AuditStore

STANDAARD_TEST_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path}/audit.db"


@pytest.fixture
def postgres_url():
    """URL van een nieuwe, lege database met een unieke naam; wordt na de test (geforceerd) verwijderd."""
    server = make_url(os.environ.get("MAATSTAF_TEST_POSTGRES_URL") or STANDAARD_TEST_POSTGRES_URL)
    beheer = create_engine(
        server, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}, poolclass=NullPool
    )
    naam = f"maatstaf_t_{uuid.uuid4().hex[:8]}"
    try:
        with beheer.connect() as verbinding:
            verbinding.execute(text(f'CREATE DATABASE "{naam}"'))
    except DBAPIError as fout:
        beheer.dispose()
        bericht = f"PostgreSQL op {server.render_as_string()} is niet bruikbaar: {fout.orig}"
        if os.environ.get("MAATSTAF_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"{bericht} (MAATSTAF_REQUIRE_POSTGRES=1)", pytrace=False)
        pytest.skip(bericht)
    try:
        yield server.set(database=naam).render_as_string(hide_password=False)
    finally:
        with beheer.connect() as verbinding:
            verbinding.execute(text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
        beheer.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request) -> str:
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")


@contextmanager
def gemigreerd(url: str, **opties) -> Iterator[AuditStore]:
    """Een AuditStore op ``url``, gemigreerd; na afloop gesloten, ook als de test faalt."""
    store = AuditStore(url, **opties)
    try:
        store.migrate()
        yield store
    finally:
        store.dispose()


@pytest.fixture
def store(database_url) -> Iterator[AuditStore]:
    """Een gemigreerde AuditStore, op SQLite en op PostgreSQL."""
    with gemigreerd(database_url) as s:
        yield s
