"""Fouten in de invoer die pas bij het rekenen blijken (bijvoorbeeld: geen norm bekend op een datum)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Invoerprobleem:
    """Eén ongeldig veld: ``naam`` is het pad met punten (``overtreding.einddatum``), ``reden`` is Nederlands."""

    naam: str
    code: str
    reden: str


class Invoerfout(Exception):
    """De invoer is ongeldig; de API maakt hiervan een 400 met ``invalidParams``."""

    def __init__(self, *problemen: Invoerprobleem) -> None:
        super().__init__("; ".join(f"{p.naam}: {p.reden}" for p in problemen))
        self.problemen = list(problemen)

    @classmethod
    def veld(cls, naam: str, code: str, reden: str) -> Invoerfout:
        return cls(Invoerprobleem(naam, code, reden))
