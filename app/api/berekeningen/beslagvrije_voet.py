"""POST /beslagvrijevoetberekeningen: de beslagvrije voet (Rv 475c-475fa) van een schuldenaar op een peildatum.

Het verzoek en het resultaat (veldnamen zijn contract), de vertaling naar app/domain/beslagvrije_voet/ en terug.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from app.api.berekeningen.resultaten import BedragUit, Resultaat
from app.api.berekeningen.vertaling import geld, gemeenschappelijk
from app.api.berekeningen.verzoeken import Leefsituatie
from app.api.http.modellen import BronUit, Invoer
from app.api.http.typen import Bedrag, Datum
from app.domain.beleid import Beleidslijn, laag_van
from app.domain.beslagvrije_voet import BeslagvrijeVoetInvoer, BeslagvrijeVoetUitkomst, Bijstand, Inrichting
from app.domain.beslagvrije_voet import bereken_beslagvrije_voet as _bereken
from app.domain.fouten import Invoerfout
from app.domain.geld import NUL
from app.domain.regels import Regeldata, RegelOntbreekt, bevestigd_stap
from app.domain.uitleg import Uitleg

SOORT = "beslagvrijevoetberekening"


class Woning(StrEnum):
    """475da lid 7: een eigen woning, of een huurwoning zonder recht op huurtoeslag wegens art. 11 Wht."""

    EIGEN_WONING = "EIGEN_WONING"
    HUURWONING_NIET_WHT_11 = "HUURWONING_NIET_WHT_11"


class InrichtingIn(Invoer):
    """Verblijf ter verzorging of verpleging in een inrichting (475e lid 2)."""

    prijsZorg: Bedrag = Field(description="Wat de schuldenaar per maand voor verzorging en verpleging betaalt.")
    normPw23Lid1: Bedrag | None = Field(
        None,
        description="De bijstandsnorm van Pw 23 lid 1 per maand. Zonder dit bedrag is dat deel niet te berekenen "
        "(status BEOORDELING_VEREIST).",
    )


class BijstandIn(Invoer):
    """Het beslagen inkomen is een uitkering die voor 475dc lid 2 is aangewezen (zoals bijstand)."""

    bijstandsnorm: Bedrag | None = Field(
        None, description="De norm van de schuldenaar incl. vakantiebijslag; standaard Pw 21 onder a of b."
    )
    inkomenPw32: Bedrag | None = Field(None, description="Inkomen in de zin van Pw 32 per maand; standaard 0.00.")


VOORBEELD_BVV = {
    "peildatum": "2026-02-02",
    "leefsituatie": "ALLEENSTAANDE",
    "belastbaarJaarinkomen": "32000.00",
    "nettoMaandinkomen": "2400.00",
}


class Beslagvrijevoetverzoek(Invoer):
    """De feiten van Rv 475da-475e. Bedragen per maand, behalve het belastbaar jaarinkomen."""

    model_config = ConfigDict(json_schema_extra={"examples": [VOORBEELD_BVV]})

    peildatum: Datum = Field(description="De dag waarop de voet wordt vastgesteld; de wet en bedragen van die dag.")
    leefsituatie: Leefsituatie
    belastbaarJaarinkomen: Bedrag = Field(
        description="Belastbaar inkomen van schuldenaar en echtgenoot samen, herleid tot een jaar (475d lid 1)."
    )
    nettoMaandinkomen: Bedrag = Field(
        description="Het netto maandinkomen van de schuldenaar uit beslagen vorderingen, inclusief vakantiebijslag "
        "(475dc)."
    )
    vakantiebijslagPerMaand: Bedrag | None = Field(
        None, description="Het deel van nettoMaandinkomen dat vakantiebijslag is (alleen van belang vóór 2022)."
    )
    woonadresInNederland: StrictBool = Field(True, description="Onwaar: 475da lid 4 (47,5% van de gehuwdennorm).")
    inzichtGegeven: StrictBool = Field(
        False, description="Zonder woonadres in Nederland heeft de schuldenaar inzicht gegeven (475e lid 1)."
    )
    vasteVerblijfplaatsBuitenland: StrictBool = Field(False, description="475da lid 4 tweede zin (woonlandfactor).")
    inrichting: InrichtingIn | None = None
    nietBeslagenInkomenPartner: Bedrag | None = Field(
        None, description="Niet beslagen inkomen van de echtgenoot per maand (475db lid 1 onder a); standaard 0.00."
    )
    nietBeslagenInkomenSchuldenaar: Bedrag | None = Field(
        None, description="Niet beslagen inkomen van de schuldenaar zelf per maand (475db lid 1 onder b)."
    )
    woonkosten: Bedrag | None = Field(None, description="Werkelijke woonkosten per maand (verzoek, 475da lid 5).")
    woning: Woning | None = Field(None, description="Verzoek om verhoging wegens de woning (475da lid 7).")
    bijstand: BijstandIn | None = Field(None, description="Alleen als het inkomen een uitkering van 475dc lid 2 is.")


class VoetdeelUit(BaseModel):
    naam: str
    bedrag: str = Field(pattern=r"^-?[0-9]+\.[0-9]{2}$", description="Positief bouwt de voet op, negatief vermindert.")
    bron: BronUit


class VoetbeoordelingUit(BaseModel):
    deel: str
    reden: str
    bron: BronUit


class Beslagvrijevoetresultaat(Resultaat):
    beslagvrijeVoet: str = BedragUit
    maximum: str | None = Field(
        None, pattern=r"^[0-9]+\.[0-9]{2}$", description="Het maximum van 475da lid 1; null vóór 2021."
    )
    afloscapaciteit: str = Field(
        pattern=r"^[0-9]+\.[0-9]{2}$", description="Netto maandinkomen min de voet, niet minder dan nul."
    )
    geldigTot: Datum | None = Field(
        None, description="Laatste dag van de twaalf maanden van 475d lid 2; null als die termijn niet geldt."
    )
    formule: str = Field(
        description="Welke regel de voet bepaalde: KWADRATISCH (2021-2025), LINEAIR (vanaf 2026), GEEN_WOONADRES, "
        "INRICHTING of OUD_475D (vóór 2021)."
    )
    status: str = Field(description="BEREKEND, of BEOORDELING_VEREIST als een deel niet te berekenen was.")
    delen: list[VoetdeelUit]
    beoordelingVereist: list[VoetbeoordelingUit]
    onzeker: list[str] = Field(description="Gebruikte regelwaarden met status onzeker (zie GET /regels).")
    peildatum: Datum


def invoer(v: Beslagvrijevoetverzoek) -> BeslagvrijeVoetInvoer:
    return BeslagvrijeVoetInvoer(
        peildatum=v.peildatum,
        leefsituatie=v.leefsituatie.value,
        belastbaar_jaarinkomen=v.belastbaarJaarinkomen,
        netto_maandinkomen=v.nettoMaandinkomen,
        vakantiebijslag_per_maand=v.vakantiebijslagPerMaand,
        woonadres_in_nederland=v.woonadresInNederland,
        inzicht_gegeven=v.inzichtGegeven,
        vaste_verblijfplaats_buitenland=v.vasteVerblijfplaatsBuitenland,
        inrichting=Inrichting(v.inrichting.prijsZorg, v.inrichting.normPw23Lid1) if v.inrichting else None,
        niet_beslagen_inkomen_partner=v.nietBeslagenInkomenPartner or NUL,
        niet_beslagen_inkomen_schuldenaar=v.nietBeslagenInkomenSchuldenaar or NUL,
        woonkosten=v.woonkosten,
        woning=v.woning.value if v.woning else None,
        bijstand=Bijstand(v.bijstand.bijstandsnorm, v.bijstand.inkomenPw32 or NUL) if v.bijstand else None,
    )


def als_json(u: BeslagvrijeVoetUitkomst, peildatum: date, data: Regeldata) -> dict:
    return {
        "beslagvrijeVoet": geld(u.beslagvrije_voet),
        "maximum": geld(u.maximum) if u.maximum is not None else None,
        "afloscapaciteit": geld(u.afloscapaciteit),
        "geldigTot": u.geldig_tot.isoformat() if u.geldig_tot else None,
        "formule": u.formule,
        "status": u.status,
        "delen": [{"naam": d.naam, "bedrag": geld(d.bedrag), "bron": d.bron.als_dict()} for d in u.delen],
        "beoordelingVereist": [
            {"deel": b.deel, "reden": b.reden, "bron": b.bron.als_dict()} for b in u.beoordeling_vereist
        ],
        "onzeker": list(u.onzeker),
        "peildatum": peildatum.isoformat(),
        **gemeenschappelijk(u.stappen, u.signalen, data.versie, laag_van(data)),
    }


def bereken(verzoek: Beslagvrijevoetverzoek, data: Regeldata, vandaag: date, lijn: Beleidslijn) -> dict:
    """De voet op de peildatum, met elke stap; ``vandaag`` speelt geen rol (de peildatum is verplicht)."""
    data = lijn.toegepast(data, verzoek.peildatum)
    regels = data.op(verzoek.peildatum)
    uitleg = Uitleg()
    try:
        uitkomst = _bereken(invoer(verzoek), regels, uitleg)
    except RegelOntbreekt as fout:
        raise Invoerfout.veld("peildatum", "regels_onbekend", str(fout)) from None
    bevestigd_stap(uitleg, regels)
    return als_json(uitkomst, verzoek.peildatum, data)
