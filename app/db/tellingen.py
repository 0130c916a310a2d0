"""De spiegel (issue #10): de lopende tellingen die de schrijver bij elk record bijwerkt, en de vragen erover
(vergelijkbare zaken, teamoverzicht, uitkomsten per maand)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from app.db.models import spiegeltelling, vergelijkingstelling
from app.db.records import AMSTERDAM, StoreBasis, _schrijf_rijen
from app.db.versleuteling import pseudoniem
from app.domain import spiegel


class Tellingen(StoreBasis):
    """Lopende tellingen van de spiegel: afleiden, bijwerken en opvragen."""

    def _tel_sleutels(
        self, items: list[tuple[spiegel.Tellingen | None, str | None, datetime]]
    ) -> tuple[dict[tuple, int], dict[tuple, int]]:
        """(spiegeltelling, vergelijkingstelling) als sleutel -> aantal voor deze records."""
        spiegelrijen: dict[tuple, int] = {}
        vergelijking: dict[tuple, int] = {}
        for tellingen, gemeente, tijdstip in items:
            if tellingen is None or not gemeente:
                continue
            maand = spiegel.maand_van(tijdstip.astimezone(AMSTERDAM).date())
            medewerker = (
                pseudoniem(self._hoofdsleutel, gemeente, tellingen.sub)
                if self._hoofdsleutel is not None and tellingen.sub
                else ""
            )
            for kenmerk, waarde in tellingen.spiegel:
                sleutel = (gemeente, maand, tellingen.team or "", medewerker, kenmerk, waarde)
                spiegelrijen[sleutel] = spiegelrijen.get(sleutel, 0) + 1
            k = tellingen.kenmerken
            if k is not None:
                for kenmerk, waarde in tellingen.vergelijking:
                    sleutel = (gemeente, k.soort_overtreding, k.duurklasse, k.herhaling, maand, kenmerk, waarde)
                    vergelijking[sleutel] = vergelijking.get(sleutel, 0) + 1
        return spiegelrijen, vergelijking

    def _tel(self, verbinding, items: list[tuple[spiegel.Tellingen | None, str | None, datetime]]) -> None:
        """Werkt de lopende tellingen bij voor deze records, in de transactie van ``verbinding``."""
        _schrijf_rijen(verbinding, [], [], self._tel_sleutels(items), {})

    def vergelijkbaar(self, gemeente: str, kenmerken: spiegel.Zaakkenmerken, van: int, tot: int) -> dict:
        """(kenmerk, waarde) -> aantal in de vergelijkbare zaken van deze gemeente, maanden ``van``..``tot``."""
        t = vergelijkingstelling
        vraag = (
            select(t.c.kenmerk, t.c.waarde, func.sum(t.c.aantal))
            .where(
                t.c.gemeente == gemeente,
                t.c.soort_overtreding == kenmerken.soort_overtreding,
                t.c.duurklasse == kenmerken.duurklasse,
                t.c.herhaling == kenmerken.herhaling,
                t.c.maand.between(van, tot),
            )
            .group_by(t.c.kenmerk, t.c.waarde)
        )
        return {(rij[0], rij[1]): int(rij[2]) for rij in self._lees(vraag)}

    def spiegeltellingen(self, gemeente: str, van: int, tot: int, team: str | None = None) -> list[tuple]:
        """(team, medewerker, kenmerk, waarde, aantal) over de maanden ``van``..``tot``; met ``team`` alleen dat team."""
        t = spiegeltelling
        vraag = select(t.c.team, t.c.medewerker, t.c.kenmerk, t.c.waarde, func.sum(t.c.aantal)).where(
            t.c.gemeente == gemeente, t.c.maand.between(van, tot)
        )
        if team is not None:
            vraag = vraag.where(t.c.team == team)
        vraag = vraag.group_by(t.c.team, t.c.medewerker, t.c.kenmerk, t.c.waarde)
        return [(r[0], r[1], r[2], r[3], int(r[4])) for r in self._lees(vraag)]

    def spiegel_per_maand(self, gemeente: str, van: int, tot: int, team: str | None = None) -> list[tuple]:
        """(maand, waarde, aantal) van de uitkomsten van boeteberekeningen per maand."""
        t = spiegeltelling
        vraag = select(t.c.maand, t.c.waarde, func.sum(t.c.aantal)).where(
            t.c.gemeente == gemeente, t.c.maand.between(van, tot), t.c.kenmerk == spiegel.UITKOMST
        )
        if team is not None:
            vraag = vraag.where(t.c.team == team)
        vraag = vraag.group_by(t.c.maand, t.c.waarde)
        return [(r[0], r[1], int(r[2])) for r in self._lees(vraag)]

    def tellingen_in_tabellen(self, gemeente: str) -> tuple[dict[tuple, int], dict[tuple, int]]:
        """De tellingen van een gemeente zoals ze in de tabellen staan (voor controle tegen ``hertel``)."""
        uit = []
        for tabel in (spiegeltelling, vergelijkingstelling):
            kolommen = [kolom.name for kolom in tabel.primary_key.columns]
            rijen = self._lees(select(tabel).where(tabel.c.gemeente == gemeente))
            uit.append({tuple(getattr(r, k) for k in kolommen): int(r.aantal) for r in rijen})
        return uit[0], uit[1]
