"""De keten nalopen: elke hash opnieuw berekend, elke schakel naar zijn voorganger, de kop, en de ondertekende
checkpoints (app/db/checkpoint.py) die een keten moet voortzetten."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from app.db.checkpoint import Checkpoint, onderteken
from app.db.hashing import BEGIN_HASH, canonical_json, record_hash
from app.db.models import GLOBALE_KETEN, auditcheckpoint, auditketen, auditrecord
from app.db.records import _DB_FOUTEN, Integriteit, Ketenfout, OpslagNietBeschikbaar, StoreBasis, _keten, _kort


def _checkpoint(rij) -> Checkpoint:
    return Checkpoint(rij.keten, rij.aantal, rij.kop, rij.tijdstip, rij.sleutel_id, rij.handtekening)


def _afwijking(rij, vorige: str, gemeente: str | None) -> str | None:
    """Waarom dit record niet klopt, of None."""
    if rij.vorige_hash != vorige:
        return "Het record wijst niet naar zijn voorganger: er is een record verwijderd, ingevoegd of gewijzigd."
    if rij.gemeente != gemeente:
        return "Het record staat in de keten van een andere gemeente."
    try:
        resultaat = json.loads(rij.resultaat)
        herberekend = record_hash(
            berekening_id=rij.berekening_id,
            soort=rij.soort,
            tijdstip=rij.tijdstip,
            invoer=rij.invoer,
            resultaat=resultaat,
            regelversie=rij.regelversie,
            vorige_hash=rij.vorige_hash,
            sub=rij.sub,
            gemeente=rij.gemeente,
            verwijzing=rij.verwijzing,
            team=rij.team,
        )
    except (ValueError, TypeError):
        return "Het opgeslagen resultaat is geen geldige JSON meer."
    if rij.resultaat != canonical_json(resultaat) or herberekend != rij.hash:
        return "De hash klopt niet met de opgeslagen inhoud: het record is na het vastleggen gewijzigd."
    return None


class Keten(StoreBasis):
    """Integriteit van de keten van een gemeente, en haar checkpoints."""

    def controleer_keten(
        self, gemeente: str | None, controlepunten: Mapping[int, tuple[str, str]] | None = None
    ) -> Integriteit:
        """Loopt de keten van de gemeente af: elke hash opnieuw berekend uit de opgeslagen kolommen, elke schakel
        naar zijn voorganger, en de kop in auditketen naar het laatste record.

        ``controlepunten``: plaats in de keten -> (hash, omschrijving), uit checkpoints (app/db/checkpoint.py). Het
        record op die plaats moet die hash hebben (anders is de keten tot daar herschreven), en de keten moet ten
        minste zo lang zijn (anders is zij ingekort)."""
        keten = _keten(gemeente)
        punten = dict(controlepunten or {})
        vorige, aantal, laatste_nr = BEGIN_HASH, 0, None
        try:
            with self._lezen(), self._engine.connect() as verbinding:
                rijen = verbinding.execution_options(yield_per=500).execute(
                    select(auditrecord).where(auditrecord.c.keten == keten).order_by(auditrecord.c.volgnummer)
                )
                for rij in rijen:
                    aantal += 1
                    reden = _afwijking(rij, vorige, gemeente)
                    if reden is None and aantal in punten and punten[aantal][0] != rij.hash:
                        reden = (
                            f"Het record op plaats {aantal} heeft een andere hash dan {punten[aantal][1]}: de keten is "
                            "daar of daarvóór herschreven."
                        )
                    if reden is not None:
                        return Integriteit(keten, False, aantal, rij.berekening_id, rij.volgnummer, reden)
                    vorige, laatste_nr = rij.hash, rij.volgnummer
                kop = verbinding.execute(select(auditketen).where(auditketen.c.keten == keten)).one_or_none()
        except _DB_FOUTEN as fout:
            raise OpslagNietBeschikbaar(f"Lezen is mislukt: {_kort(fout)}") from fout
        kop_hash = kop.laatste_hash if kop is not None else BEGIN_HASH
        kop_nr = kop.laatste_volgnummer if kop is not None else None
        if kop_hash != vorige or kop_nr != laatste_nr:
            return Integriteit(
                keten, False, aantal, None, kop_nr, "Het laatste record van de keten ontbreekt of is vervangen."
            )
        langste = max(punten, default=0)
        if langste > aantal:
            return Integriteit(
                keten,
                False,
                aantal,
                None,
                None,
                f"De keten telt {aantal} records, {punten[langste][1]} telde er {langste}: er zijn records verwijderd "
                "(de keten is ingekort).",
            )
        return Integriteit(keten, True, aantal)

    def ketens(self) -> list[str]:
        """Elke keten (gemeente, of "globaal") die een kop heeft."""
        return [r[0] for r in self._lees(select(auditketen.c.keten).order_by(auditketen.c.keten))]

    def checkpoints(self, keten: str, aantal: int | None = None) -> list[Checkpoint]:
        """De bewaarde checkpoints van een keten, nieuwste (langste) eerst; met ``aantal`` ten hoogste zoveel."""
        vraag = (
            select(auditcheckpoint).where(auditcheckpoint.c.keten == keten).order_by(auditcheckpoint.c.aantal.desc())
        )
        if aantal is not None:
            vraag = vraag.limit(aantal)
        return [_checkpoint(r) for r in self._lees(vraag)]

    def maak_checkpoint(self, keten: str, sleutel: Ed25519PrivateKey) -> Checkpoint | None:
        """Een ondertekend checkpoint van de kop van ``keten`` (bewaard in auditcheckpoint); het bestaande als de kop
        sinds het laatste checkpoint niet is veranderd, None voor een lege keten.

        Eerst wordt nagegaan dat de keten het vorige checkpoint voortzet: vanaf diens laatste record elke schakel en
        elke hash opnieuw berekend, tot de kop (zoals een *consistency proof* in CT). Een keten die dat niet doet
        (ingekort, herschreven), krijgt geen nieuwe handtekening: Ketenfout. Het nalopen gebeurt in een leesvraag,
        zonder schrijfslot (op SQLite zou een lange keten anders de schrijver ophouden); alleen het bewaren schrijft.

        Raises:
            Ketenfout: de keten zet het laatste checkpoint niet voort.
            OpslagNietBeschikbaar: de database is niet bereikbaar.
        """
        gemeente = None if keten == GLOBALE_KETEN else keten
        try:
            with self._lezen(), self._engine.connect() as verbinding, verbinding.begin():
                kop = verbinding.execute(select(auditketen).where(auditketen.c.keten == keten)).one_or_none()
                laatste = verbinding.execute(
                    select(auditcheckpoint)
                    .where(auditcheckpoint.c.keten == keten)
                    .order_by(auditcheckpoint.c.aantal.desc())
                    .limit(1)
                ).one_or_none()
                if kop is None or kop.laatste_volgnummer is None:
                    if laatste is not None:
                        raise Ketenfout(
                            f"De keten {keten} is leeg, maar het laatste checkpoint telde {laatste.aantal}."
                        )
                    return None
                if laatste is not None and (laatste.volgnummer, laatste.kop) == (
                    kop.laatste_volgnummer,
                    kop.laatste_hash,
                ):
                    return _checkpoint(laatste)
                vorige, aantal, vanaf = (
                    (laatste.kop, laatste.aantal, laatste.volgnummer) if laatste else (BEGIN_HASH, 0, 0)
                )
                rijen = verbinding.execution_options(yield_per=500).execute(
                    select(auditrecord)
                    .where(
                        auditrecord.c.keten == keten,
                        auditrecord.c.volgnummer > vanaf,
                        auditrecord.c.volgnummer <= kop.laatste_volgnummer,
                    )
                    .order_by(auditrecord.c.volgnummer)
                )
                for rij in rijen:
                    reden = _afwijking(rij, vorige, gemeente)
                    if reden is not None:
                        raise Ketenfout(f"Record {rij.berekening_id} (plaats {aantal + 1}): {reden}")
                    vorige, aantal = rij.hash, aantal + 1
                if vorige != kop.laatste_hash:
                    raise Ketenfout(
                        f"De kop van de keten {keten} volgt niet op het laatste checkpoint ({laatste.aantal} records): "
                        "de keten is ingekort of herschreven."
                        if laatste is not None
                        else f"De kop van de keten {keten} wijst niet naar haar laatste record."
                    )
                volgnummer = kop.laatste_volgnummer
        except _DB_FOUTEN as fout:
            raise OpslagNietBeschikbaar(f"Lezen is mislukt: {_kort(fout)}") from fout
        nieuw = onderteken(sleutel, keten, aantal, vorige, datetime.now(UTC))
        rij = {
            "keten": keten,
            "aantal": aantal,
            "kop": vorige,
            "volgnummer": volgnummer,
            "tijdstip": nieuw.tijdstip,
            "sleutel_id": nieuw.sleutel_id,
            "handtekening": nieuw.handtekening,
        }
        try:
            with self._schrijven(), self._schrijf_engine.begin() as verbinding:
                if verbinding.dialect.name == "postgresql":
                    verbinding.execute(pg_insert(auditcheckpoint).values(rij).on_conflict_do_nothing())
                else:  # SQLite: BEGIN IMMEDIATE; een bestaand checkpoint vervangen weigert de database (0009)
                    bestaat = verbinding.execute(
                        select(auditcheckpoint.c.aantal).where(
                            auditcheckpoint.c.keten == keten, auditcheckpoint.c.aantal == aantal
                        )
                    ).first()
                    if bestaat is None:
                        verbinding.execute(insert(auditcheckpoint).values(rij))
                bewaard = verbinding.execute(
                    select(auditcheckpoint).where(auditcheckpoint.c.keten == keten, auditcheckpoint.c.aantal == aantal)
                ).one()
        except _DB_FOUTEN as fout:
            raise OpslagNietBeschikbaar(f"Bewaren van het checkpoint is mislukt: {_kort(fout)}") from fout
        return _checkpoint(bewaard)
