"""De PostgreSQL-kant van het schrijven: de SQL van een groep, het versturen ervan in één rondgang, de fouten van
psycopg als die van SQLAlchemy, een vertakte keten herkennen en een verbinding die de server intussen afbrak.

Alleen met de publieke API van psycopg, en geen waarden die wij zelf als tekst in de SQL zetten:

- een kleine groep (tot ``KLEINE_GROEP`` records) als één tekst met alle opdrachten in één ``execute`` van een
  ``ClientCursor``: psycopg vult de waarden in met zijn eigen aanpassers en stuurt de tekst via het eenvoudige
  protocol, één bericht heen en één antwoord terug;
- een grotere groep per opdracht en per rij (``executemany``) in een pijplijn (``Connection.pipeline()``), zoals vóór
  issue #18.

Alleen de schrijver (app/db/schrijver.py) en het schrijven van rijen (app/db/records.py) gebruiken dit."""

from __future__ import annotations

import logging
import select
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

#: De ketenkoppen van een groep in één vraag, vergrendeld in de volgorde van de keten (zo wachten twee processen op
#: elkaar en nooit allebei op de ander).
SQL_KOPPEN = "SELECT keten, laatste_hash FROM auditketen WHERE keten = ANY(%s) ORDER BY keten FOR UPDATE"

#: De nieuwe kop van een keten; het volgnummer is dat van het record met die hash (net ingevoegd, in dezelfde
#: transactie), zodat deze opdracht niet op het antwoord van de INSERT hoeft te wachten.
SQL_KETEN = (
    "UPDATE auditketen SET laatste_hash = %s, laatste_volgnummer = (SELECT volgnummer FROM auditrecord WHERE hash = %s) "
    "WHERE keten = %s"
)


#: Tot zoveel records gaat een groep als één tekst (``_als_tekst``), daarboven per rij in een pijplijn
#: (``_in_pijplijn``). De tekst wacht één keer op de socket, de pijplijn vaker, en elke keer geeft de schrijver het GIL
#: vrij (onder belasting kost dat tot een wisselinterval); bij grotere groepen kost het invullen van de tekst meer
#: (BENCHMARKS.md, 30 november en 7 december 2026).
KLEINE_GROEP = 2


def _waarden(sql: str, rijen: list[tuple], parameters: list) -> str:
    """``sql`` met ``VALUES (%s, ...), (...)``: één (...) per rij; de waarden van de rijen achter ``parameters``."""
    rij = "(" + ", ".join(["%s"] * len(rijen[0])) + ")"
    for waarden in rijen:
        parameters.extend(waarden)
    return sql.format(waarden=", ".join([rij] * len(rijen)))


#: Alle records van een groep in één INSERT (``{waarden}``: een (...) per record); RETURNING met het id, zodat het
#: volgnummer van elk record vaststaat, ongeacht de volgorde van de rijen in het antwoord. Met en zonder team (schema
#: vóór 0006). De tellingen tellen ``aantal`` op bij de rij met dezelfde sleutel, of voegen haar in.
SQL_RECORDS = {
    k: f"INSERT INTO auditrecord ({', '.join(k)}) VALUES {{waarden}} RETURNING volgnummer, berekening_id"
    for k in (KOLOMMEN, KOLOMMEN[:-1])
}
SQL_SLEUTELS = f"INSERT INTO idempotentiesleutel ({', '.join(SLEUTELKOLOMMEN)}) VALUES {{waarden}}"
SQL_TEL = {
    tabel.name: (
        f"INSERT INTO {tabel.name} ({', '.join([k.name for k in tabel.primary_key.columns] + ['aantal'])}) "
        f"VALUES {{waarden}} ON CONFLICT ({', '.join(k.name for k in tabel.primary_key.columns)}) "
        f"DO UPDATE SET aantal = {tabel.name}.aantal + EXCLUDED.aantal"
    )
    for tabel in (spiegeltelling, vergelijkingstelling)
}


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
    """Idempotency-Keys, auditrecords (in deze volgorde), lopende tellingen en de nieuwe ketenkoppen in één rondgang;
    geeft berekening_id -> volgnummer. Een kleine groep als één tekst, een grotere in een pijplijn (``KLEINE_GROEP``).

    ``met_commit``: eerst BEGIN en het slot op de koppen en na de rijen COMMIT, in dezelfde rondgang (de verbinding
    van de schrijver staat op autocommit: psycopg stuurt zelf geen BEGIN). Faalt een opdracht, dan slaat de server
    de rest over, ook de COMMIT: er is niets vastgelegd, en psycopg geeft de fout."""
    verstuur = _als_tekst if len(rijen) <= KLEINE_GROEP else _in_pijplijn
    return verstuur(pg, kolommen, sleutels, rijen, telrijen, koppen, met_commit)


def _als_tekst(pg, kolommen, sleutels, rijen, telrijen, koppen, met_commit) -> dict[str, int]:
    """Alle opdrachten als één tekst in één ``execute`` van een ``ClientCursor``: psycopg vult de waarden in (met zijn
    eigen aanpassers, zoals bij elke andere vraag) en stuurt de tekst via het eenvoudige protocol. Eén bericht heen,
    één antwoord terug; de cursor loopt daarna met ``nextset()`` langs de uitkomst van elke opdracht."""
    import psycopg

    delen: list[str] = []
    parameters: list = []
    if met_commit:
        delen += ["BEGIN", SQL_KOPPEN]
        parameters.append(sorted(koppen))
    if sleutels:
        delen.append(_waarden(SQL_SLEUTELS, sleutels, parameters))
    if rijen:
        delen.append(_waarden(SQL_RECORDS[kolommen], rijen, parameters))
    for tabel, waarden in telrijen:
        delen.append(_waarden(SQL_TEL[tabel], waarden, parameters))
    for keten, kop in koppen.items():
        delen.append(SQL_KETEN)
        parameters += [kop, kop, keten]
    if met_commit:
        delen.append("COMMIT")
    if not delen:
        return {}
    cursor = psycopg.ClientCursor(pg)
    cursor.execute(";\n".join(delen), parameters)
    return _volgnummers(cursor) if rijen else {}


def _volgnummers(cursor) -> dict[str, int]:
    """berekening_id -> volgnummer uit de uitkomst van de INSERT in auditrecord (de enige INSERT met rijen terug)."""
    while not ((cursor.statusmessage or "").startswith("INSERT") and cursor.description is not None):
        if not cursor.nextset():
            raise RuntimeError("de INSERT in auditrecord gaf geen volgnummers terug")
    return {bid: nr for nr, bid in cursor.fetchall()}


def _in_pijplijn(pg, kolommen, sleutels, rijen, telrijen, koppen, met_commit) -> dict[str, int]:
    """Elke opdracht per rij (``executemany``, psycopg bereidt een opdracht die vaker komt zelf voor) in een
    psycopg-pijplijn; zoals vóór issue #18. Voor meer dan een paar records van ~10 kB kost dat minder dan alle waarden
    in één tekst in te vullen (BENCHMARKS.md, 30 november)."""
    opdrachten: list[tuple[str, list[tuple]]] = []
    if met_commit:
        opdrachten += [("BEGIN", [()]), (SQL_KOPPEN, [(sorted(koppen),)])]
    if sleutels:
        opdrachten.append((SQL_SLEUTELS, sleutels))
    if rijen:
        opdrachten.append((SQL_RECORDS[kolommen], rijen))
    for tabel, waarden in telrijen:
        opdrachten.append((SQL_TEL[tabel], waarden))
    if koppen:
        opdrachten.append((SQL_KETEN, [(kop, kop, keten) for keten, kop in koppen.items()]))
    if met_commit:
        opdrachten.append(("COMMIT", [()]))
    records = None
    with pg.pipeline():
        for sql, waarden in opdrachten:
            cursor = pg.cursor()
            if "{waarden}" in sql:
                sql = sql.format(waarden="(" + ", ".join(["%s"] * len(waarden[0])) + ")")
            cursor.executemany(sql, waarden, returning=sql.startswith("INSERT INTO auditrecord"))
            if sql.startswith("INSERT INTO auditrecord"):
                records = cursor
    volgnummer: dict[str, int] = {}
    while records is not None:
        nr, bid = records.fetchone()
        volgnummer[bid] = nr
        if not records.nextset():
            break
    return volgnummer


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
    (tot een wisselinterval, 5 ms). ``PQconsumeInput`` deed dat niet, maar hoort niet bij de publieke API van psycopg
    (BENCHMARKS.md, 7 december 2026)."""
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
