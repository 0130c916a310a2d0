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

    def als_dict(self) -> dict:
        return {
            "regel": self.regel,
            "omschrijving": self.omschrijving,
            "bron": [b.als_dict() for b in self.bron],
            "invoer": self.invoer,
            "uitkomst": self.uitkomst,
        }


class Uitleg:
    __slots__ = ("stappen", "signalen")

    def __init__(self) -> None:
        self.stappen: list[Stap] = []
        self.signalen: list[str] = []

    def stap(self, regel: str, omschrijving: str, bron: tuple[Bron, ...], invoer: dict, uitkomst: dict) -> None:
        self.stappen.append(Stap(regel, omschrijving, bron, invoer, uitkomst))

    def signaal(self, tekst: str) -> None:
        if tekst not in self.signalen:
            self.signalen.append(tekst)
