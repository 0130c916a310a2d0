"""De uitleg bij een uitkomst: geordende stappen met regel, zin, bron, invoer en uitkomst (SPEC §1 principe 2)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from app.domain.bronnen import Bron

#: De beleidskeuzes waarop een stap rust: (keuze, herkomst), herkomst None (het beleid) of "VERZOEK".
Beleidskeuzes = tuple[tuple[str, str | None], ...]


@dataclass(frozen=True, slots=True)
class Stap:
    regel: str
    omschrijving: str
    bron: tuple[Bron, ...]
    invoer: Mapping[str, object]  # JSON: de waarden waarop de stap rekent
    uitkomst: Mapping[str, object]  # JSON: wat de stap oplevert
    beleid: Beleidskeuzes = ()  # de keuzes van de gemeente waarop deze stap rust

    def als_dict(self) -> dict[str, object]:
        return {
            "regel": self.regel,
            "omschrijving": self.omschrijving,
            "bron": [b.als_dict() for b in self.bron],
            "invoer": self.invoer,
            "uitkomst": self.uitkomst,
        }


class Uitleg:
    """Legt de stappen en signalen van een berekening vast. ``actief`` is False bij ``GeenUitleg``: dan bouwt de
    berekening geen zinnen op (``if uitleg.actief:`` rond het werk dat alleen de uitleg nodig heeft)."""

    __slots__ = ("stappen", "signalen", "_citeertitels")
    actief = True

    def __init__(self) -> None:
        self.stappen: list[Stap] = []
        self.signalen: list[str] = []
        self._citeertitels: Mapping[str, str] = {}

    def citeer_volgens(self, citeertitels: Mapping[str, str]) -> None:
        """Noem een wet in de bronnen van de volgende stappen zoals zij op de datum heette (bijv. de Participatiewet
        vóór 2015-01-01 als Wet werk en bijstand; zie ``RegelsOp.citeertitels``)."""
        self._citeertitels = citeertitels

    def stap(
        self,
        regel: str,
        omschrijving: str,
        bron: tuple[Bron, ...],
        invoer: Mapping[str, object],
        uitkomst: Mapping[str, object],
        beleid: Beleidskeuzes = (),
    ) -> None:
        """``beleid``: de keuzes van de gemeente waarop de stap rust (zie app/domain/beleid/laag.py)."""
        if self._citeertitels:
            namen = self._citeertitels
            bron = tuple(replace(b, wet=namen[b.wet]) if b.wet in namen else b for b in bron)
        self.stappen.append(Stap(regel, omschrijving, bron, invoer, uitkomst, beleid))

    def signaal(self, tekst: str) -> None:
        if tekst not in self.signalen:
            self.signalen.append(tekst)


class GeenUitleg(Uitleg):
    """De nulrecorder: dezelfde berekening, zonder zinnen (voor de alternatieven en wat-als-berekeningen). Zo is er
    één implementatie van elke regel: met of zonder uitleg geeft zij dezelfde getallen."""

    __slots__ = ()
    actief = False

    def citeer_volgens(self, citeertitels: Mapping[str, str]) -> None:
        pass

    def stap(
        self,
        regel: str,
        omschrijving: str,
        bron: tuple[Bron, ...],
        invoer: Mapping[str, object],
        uitkomst: Mapping[str, object],
        beleid: Beleidskeuzes = (),
    ) -> None:
        pass

    def signaal(self, tekst: str) -> None:
        pass
