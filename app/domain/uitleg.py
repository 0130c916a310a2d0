"""De uitleg bij een uitkomst: geordende stappen met regel, zin, bron, invoer en uitkomst (SPEC §1 principe 2)."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.bronnen import Bron


@dataclass(frozen=True, slots=True)
class Stap:
    regel: str
    omschrijving: str
    bron: tuple[Bron, ...]
    invoer: dict
    uitkomst: dict
    #: De beleidskeuzes waarop deze stap rust: (keuze, herkomst), herkomst None (het beleid) of "VERZOEK".
    beleid: tuple[tuple[str, str | None], ...] = ()

    def als_dict(self) -> dict:
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

    __slots__ = ("stappen", "signalen")
    actief = True

    def __init__(self) -> None:
        self.stappen: list[Stap] = []
        self.signalen: list[str] = []

    def stap(
        self,
        regel: str,
        omschrijving: str,
        bron: tuple[Bron, ...],
        invoer: dict,
        uitkomst: dict,
        beleid: tuple[tuple[str, str | None], ...] = (),
    ) -> None:
        """``beleid``: de keuzes van de gemeente waarop de stap rust (zie app/domain/beleid.py)."""
        self.stappen.append(Stap(regel, omschrijving, bron, invoer, uitkomst, beleid))

    def signaal(self, tekst: str) -> None:
        if tekst not in self.signalen:
            self.signalen.append(tekst)


class GeenUitleg(Uitleg):
    """De nulrecorder: dezelfde berekening, zonder zinnen (voor de alternatieven en wat-als-berekeningen). Zo is er
    één implementatie van elke regel: met of zonder uitleg geeft zij dezelfde getallen."""

    __slots__ = ()
    actief = False

    def stap(
        self,
        regel: str,
        omschrijving: str,
        bron: tuple[Bron, ...],
        invoer: dict,
        uitkomst: dict,
        beleid: tuple[tuple[str, str | None], ...] = (),
    ) -> None:
        pass

    def signaal(self, tekst: str) -> None:
        pass
