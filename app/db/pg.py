"""De PostgreSQL-kant van het schrijven: de SQL van een groep, het versturen ervan in één rondgang, de fouten van
psycopg als die van SQLAlchemy, een vertakte keten herkennen en een verbinding die de server intussen afbrak.

Alleen met de publieke API van psycopg: een pijplijn (``Connection.pipeline()``), voorbereide opdrachten
(``execute(..., prepare=True)``) en per kolom een array als parameter (``unnest``), zodat een groep van elke grootte
dezelfde paar opdrachten is. Geen waarden als tekst in de SQL: psycopg geeft ze als parameters mee.

Alleen de schrijver (app/db/schrijver.py) en het schrijven van rijen (app/db/records.py) gebruiken dit."""

from __future__ import annotations

import logging
import select
from collections.abc import Sequence
from contextlib import contextmanager

from sqlalchemy import exc

from app.db.models import spiegeltelling, vergelijkingstelling

#: De kolommen van een nieuw auditrecord, in de volgorde van de INSERT op PostgreSQL.
KOLOMMEN = (
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
    "team",
)
SLEUTELKOLOMMEN = ("gemeente", "sleutel", "vingerafdruk", "berekening_id", "locatie", "aangemaakt")

#: Het PostgreSQL-type van een kolom die de schrijver vult (de rest is tekst): de array van een kolom krijgt dat type.
_TYPEN = {"tijdstip": "timestamptz", "aangemaakt": "timestamptz", "maand": "integer", "aantal": "bigint"}


def _uit_arrays(kolommen: Sequence[str], volgorde: bool = False) -> str:
    """``SELECT`` van de rijen uit één array per kolom (``unnest``); met ``volgorde`` in de volgorde van de arrays.

    De arrays gaan binair (``%b``): dan hoeft psycopg een tekst niet als array-literal te escapen. In het tekstformaat
    kostte dat bij resultaten van ~8 kB twee keer zoveel CPU per groep (bench/schrijver.py, 7 december 2026)."""
    arrays = ", ".join(f"%b::{_TYPEN.get(k, 'text')}[]" for k in kolommen)
    lijst = ", ".join(kolommen)
    if volgorde:
        return f"SELECT {lijst} FROM unnest({arrays}) WITH ORDINALITY AS r({lijst}, nr) ORDER BY nr"
    return f"SELECT {lijst} FROM unnest({arrays}) AS r({lijst})"


#: Alle records van een groep in één INSERT, in de volgorde van de keten (de volgnummers volgen die volgorde);
#: RETURNING met het id, zodat het volgnummer van elk record vaststaat, ongeacht de volgorde van het antwoord.
SQL_RECORDS = {
    k: f"INSERT INTO auditrecord ({', '.join(k)}) {_uit_arrays(k, volgorde=True)} RETURNING volgnummer, berekening_id"
    for k in (KOLOMMEN, KOLOMMEN[:-1])  # met en zonder team (schema vóór 0006)
}

SQL_SLEUTELS = f"INSERT INTO idempotentiesleutel ({', '.join(SLEUTELKOLOMMEN)}) {_uit_arrays(SLEUTELKOLOMMEN)}"

#: De ketenkoppen van een groep in één vraag, vergrendeld in de volgorde van de keten (zo wachten twee processen op
#: elkaar en nooit allebei op de ander).
SQL_KOPPEN = "SELECT keten, laatste_hash FROM auditketen WHERE keten = ANY(%s) ORDER BY keten FOR UPDATE"

#: De nieuwe kop van een keten; het volgnummer is dat van het record met die hash (net ingevoegd, in dezelfde
#: transactie), zodat deze opdracht niet op het antwoord van de INSERT hoeft te wachten.
SQL_KETEN = (
    "UPDATE auditketen SET laatste_hash = %s, laatste_volgnummer = (SELECT volgnummer FROM auditrecord WHERE hash = %s) "
    "WHERE keten = %s"
)


def _sql_tel(tabel: str, sleutel: Sequence[str]) -> str:
    """Telt ``aantal`` op bij de rij met deze sleutel, of voegt haar in (alle rijen van de groep in één opdracht)."""
    kolommen = [*sleutel, "aantal"]
    return (
        f"INSERT INTO {tabel} ({', '.join(kolommen)}) {_uit_arrays(kolommen)} "
        f"ON CONFLICT ({', '.join(sleutel)}) DO UPDATE SET aantal = {tabel}.aantal + EXCLUDED.aantal"
    )


#: Per teltabel (spiegeltelling, vergelijkingstelling) de opdracht; de sleutelkolommen zijn die van de primaire sleutel.
SQL_TEL = {
    tabel.name: _sql_tel(tabel.name, [kolom.name for kolom in tabel.primary_key.columns])
    for tabel in (spiegeltelling, vergelijkingstelling)
}


def _per_kolom(rijen: Sequence[Sequence]) -> list[list]:
    """Rijen (tupels) als één lijst per kolom: de parameters van een ``unnest``."""
    return [list(kolom) for kolom in zip(*rijen, strict=True)]


def schrijf_groep(
    pg,
    *,
    kolommen: tuple[str, ...],
    sleutels: list[tuple],
    rijen: list[tuple],
    telrijen: list[tuple[str, list[tuple]]],
    koppen: dict[str, str],
    met_commit: bool,
) -> dict[str, int]:
    """Idempotency-Keys, auditrecords (in deze volgorde), lopende tellingen en de nieuwe ketenkoppen in één
    psycopg-pijplijn: één rondgang, elke opdracht voorbereid, elke tabel één opdracht met een array per kolom. Geeft
    berekening_id -> volgnummer.

    ``met_commit``: eerst BEGIN en het slot op de koppen en na de rijen COMMIT, in dezelfde rondgang (de verbinding
    van de schrijver staat op autocommit: psycopg stuurt zelf geen BEGIN). Faalt een opdracht, dan slaat de server
    de rest over tot het einde van de pijplijn, ook de COMMIT: er is niets vastgelegd, en psycopg geeft de fout."""
    cursor = pg.cursor()
    records = pg.cursor()
    with pg.pipeline():
        if met_commit:
            cursor.execute("BEGIN")
            cursor.execute(SQL_KOPPEN, (sorted(koppen),), prepare=True)
        if sleutels:
            cursor.execute(SQL_SLEUTELS, _per_kolom(sleutels), prepare=True)
        if rijen:
            records.execute(SQL_RECORDS[kolommen], _per_kolom(rijen), prepare=True)
        for tabel, waarden in telrijen:
            cursor.execute(SQL_TEL[tabel], _per_kolom(waarden), prepare=True)
        for keten, kop in koppen.items():
            cursor.execute(SQL_KETEN, (kop, kop, keten), prepare=True)
        if met_commit:
            cursor.execute("COMMIT")
    return {bid: nr for nr, bid in records.fetchall()} if rijen else {}


class _RestVanAfgebrokenPijplijn(logging.Filter):
    """Faalt een opdracht in een pijplijn (bijv. de tweede opvolger van een kop, als een ander proces intussen in de
    keten schreef), dan gaat die fout naar de schrijver, die haar afhandelt en zelf meldt. Kwam de fout al binnen
    vóór het einde van de pijplijn, dan meldt psycopg bij het sluiten bovendien dat de rest van de pijplijn is
    afgebroken ("error ignored terminating ...: pipeline aborted"), als kale waarschuwing met host, gebruiker en
    database. Dat is geen tweede fout maar hetzelfde voorval: die melding valt weg, elke andere blijft."""

    def filter(self, record: logging.LogRecord) -> bool:
        from psycopg import errors

        return not (
            record.msg == "error ignored terminating %r: %s"
            and isinstance(record.args, tuple)
            and len(record.args) == 2
            and isinstance(record.args[1], errors.PipelineAborted)
        )


logging.getLogger("psycopg").addFilter(_RestVanAfgebrokenPijplijn())


def bericht_ontvangen(verbinding) -> bool:
    """Heeft de server op de stilliggende psycopg-verbinding iets gestuurd dat niemand vroeg, zoals het bericht dat hij
    de sessie beëindigt (FATAL), of haar gesloten? Zonder rondgang: is de socket (``Connection.fileno()``) leesbaar,
    dan ligt er iets klaar dat geen antwoord op een vraag is.

    ``select()`` geeft het GIL even vrij; onder belasting moet de schrijver het daarna terugkrijgen van de event loop
    (tot een wisselinterval, 5 ms). Dat kost een grotere groep, geen doorvoer (BENCHMARKS.md, 7 december 2026)."""
    pg = verbinding.connection.driver_connection
    if pg.closed or pg.broken:
        return True
    try:
        leesbaar, _, _ = select.select([pg.fileno()], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(leesbaar)


def is_vertakking(fout: exc.DBAPIError) -> bool:
    """Weigerde de database een tweede opvolger van hetzelfde record in een keten?"""
    return isinstance(fout, exc.IntegrityError) and "uq_auditrecord_keten_vorige_hash" in str(fout.orig)


@contextmanager
def psycopg_fouten(verbinding, sql: str):
    """De psycopg-verbinding onder ``verbinding``; een fout van psycopg wordt de fout die SQLAlchemy zou geven
    (IntegrityError, OperationalError, ...). Is de verbinding daarbij gebroken, dan wordt zij afgeschreven
    (``connection_invalidated``): de volgende groep krijgt een nieuwe."""
    import psycopg

    pg = verbinding.connection.driver_connection
    try:
        yield pg
    except psycopg.Error as fout:
        gebroken = pg.broken or pg.closed
        if gebroken:
            verbinding.invalidate()
        raise exc.DBAPIError.instance(sql, None, fout, psycopg.Error, connection_invalidated=gebroken) from fout
