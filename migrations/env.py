"""Alembic-omgeving voor de auditdatabase.

Twee ingangen:
- ``AuditStore.migrate()`` geeft zijn eigen verbinding (al in een transactie) mee via
  ``config.attributes["connection"]``; de store commit.
- De CLI (``alembic upgrade head`` in de root van de repository) maakt een eigen engine op
  ``sqlalchemy.url`` uit de configuratie, anders ``DATABASE_URL``, anders ``sqlite:///./data/maatstaf.db``.

Op PostgreSQL houdt een advisory lock gelijktijdig startende processen uit elkaars vaarwater;
op SQLite doet ``BEGIN IMMEDIATE`` (zie app/db/engine.py) dat.
"""

from __future__ import annotations

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection, text

from app.db.engine import SCHRIJVEN, maak_engine, normaliseer_url
from app.db.models import metadata

STANDAARD_DATABASE_URL = "sqlite:///./data/maatstaf.db"  # gelijk aan app.config

#: Sleutel voor pg_advisory_xact_lock: b"maatstaf" als 64-bits geheel getal.
MIGRATIESLOT = int.from_bytes(b"maatstaf", "big")

config = context.config
target_metadata = metadata


def _database_url() -> str:
    return config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL") or STANDAARD_DATABASE_URL


def _configureer(verbinding: Connection) -> None:
    sqlite = verbinding.dialect.name == "sqlite"
    context.configure(
        connection=verbinding,
        target_metadata=target_metadata,
        render_as_batch=sqlite,
        compare_type=True,
        # DDL is op SQLite transactioneel zolang sqlite3 BEGIN aan SQLAlchemy overlaat (app/db/engine.py).
        transactional_ddl=True,
    )


def _migreer(verbinding: Connection) -> None:
    _configureer(verbinding)
    with context.begin_transaction():
        if verbinding.dialect.name == "postgresql":
            # Tot het eind van de transactie: een tweede proces wacht en ziet daarna de nieuwe versie.
            verbinding.execute(text("SELECT pg_advisory_xact_lock(:sleutel)"), {"sleutel": MIGRATIESLOT})
        context.run_migrations()


def run_migrations_online() -> None:
    meegegeven = config.attributes.get("connection")
    if meegegeven is not None:
        _migreer(meegegeven)
        return
    if config.config_file_name is not None:
        fileConfig(config.config_file_name, disable_existing_loggers=False)
    engine = maak_engine(_database_url())
    try:
        with engine.connect() as verbinding:
            verbinding.execution_options(**{SCHRIJVEN: True})
            _migreer(verbinding)
    finally:
        engine.dispose()


def run_migrations_offline() -> None:
    """``alembic upgrade head --sql``: SQL afdrukken zonder database."""
    url = normaliseer_url(_database_url())
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        render_as_batch=url.get_backend_name() == "sqlite",
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
