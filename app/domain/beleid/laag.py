"""Welk beleid een berekening gebruikt: de versie die op de peildatum geldt (``Beleidslijn``), de keuzes daaruit
over de landelijke standaard (``Beleidslaag``), en wat dat aan een uitkomst toevoegt (citaat per stap, vier ogen)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain import bronnen as b
from app.domain.beleid.keuzes import GEMEENTE, LANDELIJK, VASTGESTELD, VERZOEK, VOOR_BELEIDSLAAG, Beleidsversie
from app.domain.geld import euro
from app.domain.regels import Regeldata
from app.domain.uitleg import Stap


def landelijk(data: Regeldata) -> dict[str, Any]:
    """De landelijke standaard: ``app/regels/beleid.yaml`` van deze regeldata."""
    return {**VOOR_BELEIDSLAAG, **data.beleid}


def verschillen(waarden: Mapping[str, Any], standaard: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per keuze van de versie die afwijkt van de landelijke standaard: {keuze, waarde, landelijk}."""
    return [
        {"keuze": k, "waarde": v, "landelijk": standaard.get(k)}
        for k, v in waarden.items()
        if standaard.get(k) != (v if k != "vierOgen" else {**VOOR_BELEIDSLAAG["vierOgen"], **v})
    ]


@dataclass(frozen=True)
class Beleidslaag:
    """Het beleid waarmee één berekening rekent: de versie (of de landelijke standaard) en de keuzes daaruit."""

    gemeente: str | None
    versie: Beleidsversie | None
    waarden: Mapping[str, Any]  # alle keuzes: die van de versie over de landelijke standaard

    def citaat(self, keuze: str, herkomst: str | None = None) -> dict[str, Any]:
        """Waarop een stap die op ``keuze`` rust berust: de beleidsregel van de gemeente, of de standaard."""
        waarde = self.waarden.get(keuze)
        if herkomst == VERZOEK:
            return {
                "keuze": keuze,
                "herkomst": VERZOEK,
                "omschrijving": "In het verzoek gekozen, in afwijking van het beleid.",
            }
        if self.versie is not None and keuze in self.versie.waarden:
            bron = self.versie.bron
            return {
                "keuze": keuze,
                "waarde": waarde,
                "herkomst": GEMEENTE,
                "gemeente": self.gemeente,
                "beleidsversieId": self.versie.id,
                "geldigVanaf": self.versie.geldig_vanaf.isoformat(),
                "titel": bron.titel,
                "artikel": bron.artikel_van(keuze),
                "cvdr": bron.cvdr,
                "url": bron.url,
            }
        return {
            "keuze": keuze,
            "waarde": waarde,
            "herkomst": LANDELIJK,
            "gemeente": self.gemeente,
            "titel": "Landelijke standaard van Maatstaf (app/regels/beleid.yaml); de gemeente heeft hier geen eigen "
            "beleidsregel vastgesteld",
        }

    def als_dict(self) -> dict[str, Any]:
        """Wat in elk resultaat staat: welke versie is gebruikt (een herberekening gebruikt dezelfde)."""
        if self.versie is None:
            return {"herkomst": LANDELIJK, "gemeente": self.gemeente, "beleidsversieId": None}
        return {
            "herkomst": GEMEENTE,
            "gemeente": self.gemeente,
            "beleidsversieId": self.versie.id,
            "geldigVanaf": self.versie.geldig_vanaf.isoformat(),
            "bron": self.versie.bron.als_dict(),
        }


@dataclass(frozen=True)
class Beleidslijn:
    """De vastgestelde versies van één gemeente, oplopend op ``geldigVanaf``; of één vaste versie (herberekening)."""

    gemeente: str | None
    versies: tuple[Beleidsversie, ...] = ()
    vast: bool = False  # True: altijd versies[0] (of de landelijke standaard als er geen is), ongeacht de datum

    @classmethod
    def van(cls, gemeente: str | None, versies: Sequence[Beleidsversie]) -> Beleidslijn:
        return cls(
            gemeente, tuple(sorted((v for v in versies if v.status == VASTGESTELD), key=lambda v: v.geldig_vanaf))
        )

    @classmethod
    def precies(cls, gemeente: str | None, versie: Beleidsversie | None) -> Beleidslijn:
        return cls(gemeente, (versie,) if versie is not None else (), vast=True)

    def versie_op(self, datum: date) -> Beleidsversie | None:
        if self.vast:
            return self.versies[0] if self.versies else None
        i = bisect_right([v.geldig_vanaf for v in self.versies], datum) - 1
        return self.versies[i] if i >= 0 else None

    def laag(self, data: Regeldata, datum: date) -> Beleidslaag:
        versie = self.versie_op(datum)
        waarden = landelijk(data)
        if versie is not None:
            waarden.update(versie.waarden)
        return Beleidslaag(self.gemeente, versie, waarden)

    def toegepast(self, data: Regeldata, datum: date) -> Regeldata:
        """De regeldata met het beleid dat op ``datum`` geldt (de wet blijft gelijk, ook de regelversie)."""
        laag = self.laag(data, datum)
        return data.met_beleid(laag.waarden, laag)


def laag_van(data: Regeldata) -> Beleidslaag:
    """De beleidslaag waarmee ``data`` rekent (de landelijke standaard als er geen is toegepast)."""
    laag = data.beleidslaag
    if isinstance(laag, Beleidslaag):
        return laag
    return Beleidslaag(None, None, landelijk(data))


def stap_als_dict(stap: Stap, laag: Beleidslaag) -> dict[str, object]:
    """Een uitlegstap; rust zij op beleid, dan met ``beleid``: de beleidsregel per keuze, los van de wettelijke bron."""
    d = stap.als_dict()
    if stap.beleid:
        d["beleid"] = [laag.citaat(keuze, herkomst) for keuze, herkomst in stap.beleid]
    return d


def vier_ogen(waarden: Mapping[str, Any], graad: str, uitkomst: str, boete: Decimal) -> list[str]:
    """Waarom deze boete volgens het beleid een tweede persoon nodig heeft voordat zij als vastgesteld geldt."""
    regel = {**VOOR_BELEIDSLAAG["vierOgen"], **(waarden.get("vierOgen") or {})}
    redenen = []
    if uitkomst == "BOETE" and graad in regel["graden"]:
        redenen.append(f"De graad van verwijtbaarheid is {graad}.")
    boven = regel.get("boeteBoven")
    if uitkomst == "BOETE" and boven is not None and boete > Decimal(str(boven)):
        redenen.append(f"De boete van {euro(boete)} is hoger dan {euro(Decimal(str(boven)))}.")
    return redenen


def vier_ogen_stap(redenen: list[str], graad: str, boete: Decimal) -> Stap:
    """De uitlegstap van een boete die volgens het beleid een tweede persoon nodig heeft. De wettelijke grondslag is
    de bevoegdheid tot beleidsregels (Awb 4:81 lid 1); de beleidsregel zelf staat apart in ``beleid``."""
    return Stap(
        "beleid.vierOgen",
        "Volgens het beleid van de gemeente geldt deze boete pas als vastgesteld nadat een tweede persoon haar heeft "
        f"beoordeeld: {' '.join(redenen)}",
        (b.AWB_4_81_LID_1,),
        {"graad": graad, "boete": f"{boete:.2f}"},
        {"vierOgenVereist": True},
        (("vierOgen", None),),
    )
