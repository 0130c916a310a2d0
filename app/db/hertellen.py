"""Onderhoud van de spiegel: de tellingen van een gemeente opnieuw afleiden uit haar auditrecords, en ze daarmee
vervangen."""

from __future__ import annotations

import json

from sqlalchemy import insert, select

from app.db.models import auditrecord, spiegeltelling, vergelijkingstelling
from app.db.records import _DB_FOUTEN, AuditRecord, OpslagNietBeschikbaar, _keten, _kort, _record, _vergrendel_koppen
from app.db.selectie import Selectie
from app.db.tellingen import Tellingen
from app.domain import spiegel


class Hertellen(Tellingen, Selectie):
    """Tellingen opnieuw afleiden uit de audittrail."""

    def hertel(self, gemeente: str) -> tuple[dict[tuple, int], dict[tuple, int]]:
        """De tellingen van een gemeente opnieuw afgeleid uit haar auditrecords (zelfde vorm als
        ``tellingen_in_tabellen``): zo is na te gaan dat de lopende tellingen kloppen met de audittrail."""
        return self._hertel_uit(self.lijst_alle(gemeente))

    def herbouw_tellingen(self, gemeente: str) -> tuple[int, int]:
        """Vervangt de lopende tellingen van een gemeente door wat haar auditrecords geven (``hertel``), bijv. na de
        upgrade naar migratie 0006: records van daarvóór tellen dan ook mee. In één transactie met het slot op de
        keten van de gemeente, zodat de schrijver intussen niets voor haar vastlegt (geen telling dubbel of
        vergeten). Geeft het aantal rijen (spiegeltelling, vergelijkingstelling)."""
        keten = _keten(gemeente)
        try:
            with self._schrijven(), self._schrijf_engine.connect() as verbinding, verbinding.begin():
                _vergrendel_koppen(verbinding, [keten])
                rijen = verbinding.execute(
                    select(auditrecord).where(auditrecord.c.keten == keten).order_by(auditrecord.c.volgnummer)
                )
                spiegelrijen, vergelijking = self._hertel_uit(_record(rij) for rij in rijen)
                for tabel, tellingen in ((spiegeltelling, spiegelrijen), (vergelijkingstelling, vergelijking)):
                    verbinding.execute(tabel.delete().where(tabel.c.gemeente == gemeente))
                    kolommen = [kolom.name for kolom in tabel.primary_key.columns]
                    if tellingen:
                        verbinding.execute(
                            insert(tabel),
                            [
                                {**dict(zip(kolommen, sleutel, strict=True)), "aantal": n}
                                for sleutel, n in sorted(tellingen.items())
                            ],
                        )
        except _DB_FOUTEN as fout:
            raise OpslagNietBeschikbaar(f"Hertellen is mislukt: {_kort(fout)}") from fout
        return len(spiegelrijen), len(vergelijking)

    def _hertel_uit(self, records) -> tuple[dict[tuple, int], dict[tuple, int]]:
        bekend: dict[str, AuditRecord] = {}
        items = []
        for record in records:
            bekend[record.berekening_id] = record
            oorsprong = None
            if record.soort in ("maatwerkbesluit", "maatwerkbeoordeling") and record.verwijzing:
                doel = bekend.get(record.verwijzing)
                if doel is not None and doel.soort == "maatwerkbesluit" and doel.verwijzing:
                    doel = bekend.get(doel.verwijzing)
                if doel is not None:
                    oorsprong = spiegel.Oorsprong(
                        doel.soort, json.loads(doel.invoer_tekst), doel.resultaat, doel.team, doel.sub
                    )
            tellingen = spiegel.tellingen_van(
                record.soort, json.loads(record.invoer_tekst), record.resultaat, record.team, record.sub, oorsprong
            )
            items.append((tellingen, record.gemeente, record.tijdstip))
        return self._tel_sleutels(items)
