"""Selecties over de audittrail: alle records van een gemeente (gestreamd), de blokken en records van een
impactanalyse, en de records onder bepaalde regelversies."""

from __future__ import annotations

import re
from datetime import datetime
from functools import partial

import orjson
from sqlalchemy import func, select

from app.db.models import auditrecord
from app.db.records import _DB_FOUTEN, OpslagNietBeschikbaar, _keten, _kort, _record
from app.db.sleutels import Sleutels
from app.db.versleuteling import VOORVOEGSEL

#: Een versleutelde tekst als JSON-tekst: het voorvoegsel, de sleutel-id en base64 (geen aanhalingsteken of escape).
_VERSLEUTELDE_TEKST = re.compile('"(' + re.escape(VOORVOEGSEL) + r'[0-9A-Za-z+/=:_\-]+)"')


class Selectie(Sleutels):
    """Records selecteren en stromen, in ketenvolgorde."""

    def lijst_alle(self, gemeente: str):
        """Alle records van een gemeente in ketenvolgorde, gestreamd (niet ontsleuteld)."""
        try:
            with self._lezen(), self._engine.connect() as verbinding:
                rijen = verbinding.execution_options(yield_per=2000).execute(
                    select(auditrecord)
                    .where(auditrecord.c.keten == _keten(gemeente))
                    .order_by(auditrecord.c.volgnummer)
                )
                for rij in rijen:
                    yield _record(rij)
        except _DB_FOUTEN as fout:
            raise OpslagNietBeschikbaar(f"Lezen is mislukt: {_kort(fout)}") from fout

    def _selectie(self, gemeente: str, soort: str, van: datetime | None, tot: datetime | None):
        voorwaarden = [auditrecord.c.keten == _keten(gemeente), auditrecord.c.soort == soort]
        if van is not None:
            voorwaarden.append(auditrecord.c.tijdstip >= van)
        if tot is not None:
            voorwaarden.append(auditrecord.c.tijdstip < tot)
        return voorwaarden

    def blokken(
        self, gemeente: str, soort: str, van: datetime | None, tot: datetime | None, grootte: int
    ) -> list[tuple[int, int, int]]:
        """De records van een gemeente en soort met ``van <= tijdstip < tot`` in blokken van ten hoogste
        ``grootte``, in ketenvolgorde: (eerste volgnummer, laatste volgnummer, aantal) per blok. Eén vraag; de
        database nummert, Python krijgt alleen de grenzen (een paar honderd rijen voor een miljoen records)."""
        genummerd = (
            select(
                auditrecord.c.volgnummer,
                ((func.row_number().over(order_by=auditrecord.c.volgnummer) - 1) // grootte).label("blok"),
            )
            .where(*self._selectie(gemeente, soort, van, tot))
            .subquery()
        )
        vraag = (
            select(func.min(genummerd.c.volgnummer), func.max(genummerd.c.volgnummer), func.count())
            .group_by(genummerd.c.blok)
            .order_by(genummerd.c.blok)
        )
        return [(r[0], r[1], r[2]) for r in self._lees(vraag)]

    def records_in_blok(
        self, gemeente: str, soort: str, van: datetime | None, tot: datetime | None, eerste: int, laatste: int
    ):
        """(berekening_id, invoer, resultaat, tijdstip) van de records in een blok (zie ``blokken``), gestreamd
        (server-side cursor), in ketenvolgorde. De invoer is ontsleuteld (gewiste tekst: de gewist-tekst); het
        resultaat is het opgeslagen resultaat zoals ingelezen, zonder te ontsleutelen (alleen bedragen en codes
        worden eruit gebruikt)."""
        vraag = (
            select(auditrecord.c.berekening_id, auditrecord.c.invoer, auditrecord.c.resultaat, auditrecord.c.tijdstip)
            .where(*self._selectie(gemeente, soort, van, tot), auditrecord.c.volgnummer.between(eerste, laatste))
            .order_by(auditrecord.c.volgnummer)
        )
        try:
            with self._lezen(), self._engine.connect() as verbinding:
                for rij in verbinding.execution_options(yield_per=500).execute(vraag):
                    invoer = rij.invoer
                    if VOORVOEGSEL in invoer:
                        invoer = _VERSLEUTELDE_TEKST.sub(partial(self._ontsleutel_json, id_=rij.berekening_id), invoer)
                    yield rij.berekening_id, invoer, orjson.loads(rij.resultaat), rij.tijdstip
        except _DB_FOUTEN as fout:
            raise OpslagNietBeschikbaar(f"Lezen is mislukt: {_kort(fout)}") from fout

    def records_van_regelversies(self, versies: list[str]):
        """(berekening_id, regelversie, invoer, tijdstip) van elk record onder deze regelversies, gestreamd."""
        vraag = select(
            auditrecord.c.berekening_id, auditrecord.c.regelversie, auditrecord.c.invoer, auditrecord.c.tijdstip
        ).where(auditrecord.c.regelversie.in_(versies))
        try:
            with self._lezen(), self._engine.connect() as verbinding:
                yield from verbinding.execution_options(yield_per=2000).execute(vraag)
        except _DB_FOUTEN as fout:
            raise OpslagNietBeschikbaar(f"Lezen is mislukt: {_kort(fout)}") from fout
