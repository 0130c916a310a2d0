"""De PostgreSQL-kant van het schrijven: de SQL van een groep, het versturen ervan in één rondgang, de fouten van
psycopg als die van SQLAlchemy, een vertakte keten herkennen en een verbinding die de server intussen afbrak.

Alleen de schrijver (app/db/schrijver.py) en het schrijven van rijen (app/db/records.py) gebruiken dit."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import exc

from app.db.models import spiegeltelling, vergelijkingstelling

#: De kolommen van een nieuw auditrecord, in de volgorde van de INSERT op PostgreSQL.
_KOLOMMEN = (
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


#: Op PostgreSQL: alle records van een groep in één INSERT (``{waarden}``: een (...) per record); RETURNING met het
#: id, zodat het volgnummer van elk record vaststaat, ongeacht de volgorde van de rijen in het antwoord.
_PG_RECORDS = {
    k: f"INSERT INTO auditrecord ({', '.join(k)}) VALUES {{waarden}} RETURNING volgnummer, berekening_id"
    for k in (_KOLOMMEN, _KOLOMMEN[:-1])  # met en zonder team (schema vóór 0006)
}


_SLEUTELKOLOMMEN = ("gemeente", "sleutel", "vingerafdruk", "berekening_id", "locatie", "aangemaakt")

#: Tot zoveel records gaat een groep op PostgreSQL als één tekst naar de server (_pg_als_een_tekst), daarboven als
#: voorbereide opdrachten in een pijplijn (_pg_in_pijplijn). Gemeten (bench/schrijver.py, bench/batch.py, 30
#: november): bij 1 record kost de tekst ×1,4-1,75 minder CPU in de server; met de grens op 8 kostte een batch
#: (groepen van enkele tot 256 records) 13-15% meer CPU en 5-15% doorvoer, met de grens op 2 niets. Nog eens, met
#: de tekst rechtstreeks over libpq (tweede sessie van 30 november): bij 3-6 records binnen de ruis, bij 32 en 256
#: records kost de tekst meer; de grens bleef 2.
KLEINE_GROEP = 2

#: Op PostgreSQL: de ketenkoppen van een groep in één vraag, vergrendeld in de volgorde van de keten (zo wachten twee
#: processen op elkaar en nooit allebei op de ander).
_PG_KOPPEN = "SELECT keten, laatste_hash FROM auditketen WHERE keten = ANY(%s) ORDER BY keten FOR UPDATE"


#: Op PostgreSQL: de nieuwe kop van een keten; het volgnummer is dat van het record met die hash (net ingevoegd, in
#: dezelfde transactie), zodat deze opdracht niet op het antwoord van de INSERT hoeft te wachten.
_PG_KETEN = (
    "UPDATE auditketen SET laatste_hash = %s, laatste_volgnummer = (SELECT volgnummer FROM auditrecord WHERE hash = %s) "
    "WHERE keten = %s"
)

_PG_SLEUTELS = f"INSERT INTO idempotentiesleutel ({', '.join(_SLEUTELKOLOMMEN)}) VALUES {{waarden}}"


def _pg_tel(tabel) -> str:
    """Telt ``aantal`` op bij de rij met deze sleutel, of voegt haar in."""
    sleutel = [kolom.name for kolom in tabel.primary_key.columns]
    kolommen = [*sleutel, "aantal"]
    return (
        f"INSERT INTO {tabel.name} ({', '.join(kolommen)}) VALUES {{waarden}} "
        f"ON CONFLICT ({', '.join(sleutel)}) DO UPDATE SET aantal = {tabel.name}.aantal + EXCLUDED.aantal"
    )


_PG_TEL = {tabel.name: _pg_tel(tabel) for tabel in (spiegeltelling, vergelijkingstelling)}


def _pg_als_een_tekst(pg, opdrachten: list[tuple[str, list[tuple]]]) -> dict[str, int]:
    """Kleine groep: alle opdrachten als één tekst, de waarden als letterlijke SQL ingevuld met libpq's eigen
    ``PQescapeLiteral`` (``_pg_letterlijk``), via het eenvoudige protocol rechtstreeks op de libpq-verbinding van
    psycopg. Eén bericht heen, één antwoord terug, en de minste CPU per groep: de cursor van psycopg (aanpassers per
    waarde, resultaatbeschrijvingen) kostte bij één record ~0,3 ms CPU, ongeveer de helft van wat de schrijver per
    groep deed (bench/schrijver.py). Een INSERT met {waarden} krijgt al haar rijen als VALUES (...), (...). Faalt een
    opdracht, dan slaat de server de rest van de tekst over, ook de COMMIT, en volgt de fout die psycopg zou geven."""
    from psycopg import errors, generators, pq

    pgconn = pg.pgconn
    esc = pq.Escaping(pgconn)
    teksten = []
    for sql, rijen in opdrachten:
        if "{waarden}" in sql:
            waarden = ", ".join("(" + ", ".join([_pg_letterlijk(esc, w) for w in rij]) + ")" for rij in rijen)
            teksten.append(sql.format(waarden=waarden))
        else:
            for rij in rijen:
                teksten.append(sql % tuple(_pg_letterlijk(esc, w) for w in rij) if rij else sql)
    tekst = ";\n".join(teksten).encode("utf-8")

    def verstuur():
        pgconn.send_query(tekst)
        return (yield from generators.execute(pgconn))

    with pg.lock:
        resultaten = pg.wait(verstuur())
    volgnummer: dict[str, int] = {}
    for res in resultaten:
        if res.status == pq.ExecStatus.FATAL_ERROR:
            raise errors.error_from_result(res, encoding="utf-8")
        if res.status == pq.ExecStatus.TUPLES_OK and (res.command_status or b"").startswith(b"INSERT"):
            for i in range(res.ntuples):
                volgnummer[res.get_value(i, 1).decode("utf-8")] = int(res.get_value(i, 0))
    return volgnummer


def _pg_letterlijk(esc, waarde) -> str:
    """Een waarde als letterlijke SQL: tekst via libpq (``PQescapeLiteral``: aanhalingstekens en backslashes veilig,
    in de codering van de verbinding, UTF-8), getallen als getal, tijdstippen (met tijdzone) als timestamptz, een
    lijst als tekst-array, None als NULL. Een ander type is een programmeerfout (TypeError), nooit stilzwijgend str()."""
    if waarde is None:
        return "NULL"
    if isinstance(waarde, str):
        return esc.escape_literal(waarde.encode("utf-8")).decode("utf-8")
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, int):
        return str(waarde)
    if isinstance(waarde, datetime):
        if waarde.tzinfo is None:
            raise TypeError("een tijdstip zonder tijdzone hoort niet in de audittrail")
        return f"'{waarde.isoformat()}'::timestamptz"
    if isinstance(waarde, list | tuple):
        return "ARRAY[" + ", ".join(_pg_letterlijk(esc, w) for w in waarde) + "]::text[]"
    raise TypeError(f"geen SQL-letterlijke waarde voor {type(waarde).__name__}")


def _pg_in_pijplijn(pg, opdrachten: list[tuple[str, list[tuple]]]) -> dict[str, int]:
    """Grotere groep (batch, veel gelijktijdige verzoeken): elke opdracht voorbereid, per rij in een psycopg-pijplijn;
    één rondgang. Voor meer dan een paar records van ~10 kB kost dat minder dan alle waarden als tekst in te vullen
    (gemeten: bench/batch.py, zie KLEINE_GROEP)."""
    cursors = []
    with pg.pipeline():
        for sql, rijen in opdrachten:
            cursor = pg.cursor()
            if "{waarden}" in sql:
                sql = sql.format(waarden="(" + ", ".join(["%s"] * len(rijen[0])) + ")")
            cursor.executemany(sql, rijen, returning="RETURNING" in sql)
            cursors.append((sql, cursor))
    volgnummer: dict[str, int] = {}
    for sql, cursor in cursors:
        if "RETURNING" in sql and sql.startswith("INSERT INTO auditrecord"):
            while True:
                nr, bid = cursor.fetchone()
                volgnummer[bid] = nr
                if not cursor.nextset():
                    break
    return volgnummer


class _RestVanAfgebrokenPijplijn(logging.Filter):
    """Faalt een opdracht in ``_pg_in_pijplijn`` (bijv. de tweede opvolger van een kop, als een ander proces intussen
    in de keten schreef), dan gaat die fout naar de schrijver, die haar afhandelt en zelf meldt. Kwam de fout al
    binnen vóór het einde van de pijplijn, dan meldt psycopg bij het sluiten bovendien dat de rest van de pijplijn
    is afgebroken ("error ignored terminating ...: pipeline aborted"), als kale waarschuwing met host, gebruiker en
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


def _pg_bericht_ontvangen(verbinding) -> bool:
    """Heeft de server op de stilliggende psycopg-verbinding iets gestuurd dat niemand vroeg, zoals het bericht dat hij
    de sessie beëindigt (FATAL), of haar gesloten? Zonder rondgang: libpq leest wat er al is (``PQconsumeInput``,
    niet blokkerend) en verwerkt het (``PQisBusy``); een foutbericht buiten een vraag geeft libpq dan aan de
    notice-handlers, een gesloten verbinding geeft een fout of de status BAD.

    Niet met ``select()``: dat geeft het GIL vrij, en de schrijver moet het daarna onder belasting een heel
    wisselinterval (5 ms) terugvragen aan de event loop (issue #9)."""
    from psycopg import OperationalError, pq

    pg = verbinding.connection.driver_connection
    if pg.closed or pg.broken:
        return True
    gemeld: list = []
    melden = gemeld.append
    pg.add_notice_handler(melden)
    try:
        pg.pgconn.consume_input()
        pg.pgconn.is_busy()
    except OperationalError:
        return True
    finally:
        pg.remove_notice_handler(melden)
    return bool(gemeld) or pg.pgconn.status != pq.ConnStatus.OK


def _is_vertakking(fout: exc.DBAPIError) -> bool:
    """Weigerde de database een tweede opvolger van hetzelfde record in een keten?"""
    return isinstance(fout, exc.IntegrityError) and "uq_auditrecord_keten_vorige_hash" in str(fout.orig)


@contextmanager
def _pg_fouten(verbinding, sql: str):
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
