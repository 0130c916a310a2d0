"""Engines voor SQLite (ingebed) en PostgreSQL, met de instellingen die de auditketen nodig heeft."""

from __future__ import annotations

import sqlite3
import threading
import time
from contextlib import suppress
from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.pool import StaticPool

#: Execution option: deze transactie gaat schrijven. Op SQLite wordt dat ``BEGIN IMMEDIATE``, zodat
#: schrijvers (ook uit andere processen) via busy_timeout op elkaar wachten in plaats van te falen.
SCHRIJVEN = "maatstaf_schrijven"

SQLITE_BUSY_TIMEOUT_MS = 5000

# Afgestemd op ~50 gelijktijdige verzoeken.
POOL = {"pool_size": 20, "max_overflow": 30, "pool_timeout": 5}
PG_CONNECT_TIMEOUT_S = 3

_sqlite_sloten: dict[str, threading.Lock] = {}
_sqlite_sloten_slot = threading.Lock()


def normaliseer_url(database_url: str | URL) -> URL:
    """``postgres://`` en ``postgresql://`` (zonder driver) gaan via psycopg 3, de enige geïnstalleerde driver."""
    url = make_url(database_url)
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def is_sqlite_geheugen(url: URL) -> bool:
    return url.get_backend_name() == "sqlite" and (
        not url.database or url.database == ":memory:" or url.query.get("mode") == "memory"
    )


def sqlite_slot(url: URL) -> threading.Lock:
    """Eén lock per databasebestand per proces: schrijvers op hetzelfde bestand lopen na elkaar."""
    if is_sqlite_geheugen(url):
        return threading.Lock()  # elke engine heeft een eigen geheugendatabase
    sleutel = str(Path(url.database).expanduser().resolve())
    with _sqlite_sloten_slot:
        return _sqlite_sloten.setdefault(sleutel, threading.Lock())


def maak_engine(database_url: str | URL) -> Engine:
    url = normaliseer_url(database_url)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    connect_args = {"connect_timeout": PG_CONNECT_TIMEOUT_S} if url.get_backend_name() == "postgresql" else {}
    return create_engine(url, pool_pre_ping=True, pool_recycle=1800, connect_args=connect_args, **POOL)


def maak_schrijver_engine(database_url: str | URL, lock_timeout_ms: int) -> Engine:
    """De engine van de schrijver van de auditopslag op PostgreSQL: één verbinding die blijft, zonder ping vooraf.

    De schrijver legt groep na groep vast op één thread; een ping per groep kostte een rondgang naar de server
    (issue #9). Breekt de verbinding toch (bijv. PostgreSQL herstart), dan merkt de schrijver dat vóór de COMMIT en
    probeert hij de groep één keer op een nieuwe verbinding (er was dan nog niets vastgelegd). ``lock_timeout`` geldt
    voor de hele sessie: zo kost het geen opdracht per transactie.

    Let op: op deze verbinding is alles na BEGIN één transactie, en zonder BEGIN is elke opdracht er een. Alleen de
    schrijver gebruikt haar, en die begint elke groep met BEGIN."""
    url = normaliseer_url(database_url)
    connect_args = {
        "connect_timeout": PG_CONNECT_TIMEOUT_S,
        "options": f"-c lock_timeout={lock_timeout_ms}",
        # psycopg geeft tekst mee in de codering van de verbinding: UTF-8, zodat elke tekst in een record past,
        # welke codering de database ook als standaard heeft (de schrijver: app/db/pg.py)
        "client_encoding": "utf8",
    }
    return create_engine(
        url,
        pool_size=1,
        max_overflow=0,
        pool_pre_ping=False,
        pool_recycle=1800,
        connect_args=connect_args,
        # BEGIN en COMMIT stuurt de schrijver zelf, als eerste en laatste opdracht van zijn pijplijn; anders stuurt
        # psycopg een BEGIN met een eigen rondgang vooraf (app/db/records.py, _vergrendel_koppen en _schrijf_rijen).
        isolation_level="AUTOCOMMIT",
    )


def _sqlite_engine(url: URL) -> Engine:
    connect_args = {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    if is_sqlite_geheugen(url):
        # Eén gedeelde verbinding, anders heeft elke verbinding een eigen lege database (alleen voor tests).
        engine = create_engine(url, connect_args=connect_args, poolclass=StaticPool)
    else:
        with suppress(OSError):  # verbinden faalt dan later, en wordt OpslagNietBeschikbaar
            Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args=connect_args, pool_pre_ping=True, **POOL)
    event.listen(engine, "connect", _sqlite_verbonden)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_verbonden(dbapi_connection, _record) -> None:
    # Het sqlite3-stuurprogramma laat BEGIN aan ons over (recept uit de SQLAlchemy-documentatie): zo is
    # DDL transactioneel en kan een schrijvende transactie met BEGIN IMMEDIATE beginnen.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        _zet_wal(cursor)
        cursor.execute("PRAGMA synchronous = FULL")  # een commit is duurzaam voordat append terugkeert
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _zet_wal(cursor) -> None:
    """WAL blijft in het bestand bewaard; alleen de eerste verbinding zet het echt om.

    Die omzetting wacht niet via busy_timeout: starten meerdere processen tegelijk op een nieuw bestand,
    dan krijgt de rest meteen "database is locked". Daarom een begrensde herhaling.
    """
    if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() in ("wal", "memory"):
        return
    einde = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as fout:
            if "locked" not in str(fout) or time.monotonic() > einde:
                raise
            time.sleep(0.05)


def _sqlite_begin(connection) -> None:
    schrijven = connection.get_execution_options().get(SCHRIJVEN, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if schrijven else "BEGIN")
