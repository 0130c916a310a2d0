"""Geversioneerde regeldata: elk bedrag, percentage, aantal maanden en elke termijn met geldigheid, bron en status.

De data zelf staat in ``app/regels/*.yaml``; ``app/regels/__init__.py`` leest die in. Dit module kent alleen de
structuur en de keuze van de versie die op een peildatum geldt (SPEC §1, §1.1).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from app.domain.bronnen import Bron

GEVERIFIEERD = "geverifieerd"
ONZEKER = "onzeker"


@dataclass(frozen=True, slots=True)
class Breuk:
    """Een factor zoals de wet hem schrijft (``100/75``), ongereduceerd zodat de uitleg de wettekst volgt."""

    teller: int
    noemer: int

    def __str__(self) -> str:
        return f"{self.teller}/{self.noemer}"


#: Herkomst van een versie die in de ingebouwde regeldata (app/regels/*.yaml) staat.
INGEBOUWD = "ingebouwd"


@dataclass(frozen=True, slots=True)
class ParameterVersie:
    geldig_vanaf: date
    geldig_tot: date | None  # tot en met; None = tot de volgende versie of onbepaald
    waarde: Decimal | Breuk | str  # str: een tekstwaarde (eenheid "tekst"), bijv. een afrondingsregel
    status: str
    verificatie: str
    bron: str | None = None  # de gelezen bron van deze waarde (verplicht in een regelmap, MAATSTAF_REGELS_DIR)
    herkomst: str = INGEBOUWD  # "ingebouwd" of "regelmap/<bestand>"


@dataclass(frozen=True, slots=True)
class Parameter:
    id: str
    omschrijving: str
    eenheid: str
    bronnen: tuple[Bron, ...]
    versies: tuple[ParameterVersie, ...]  # oplopend op geldig_vanaf
    _vanaf: tuple[date, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_vanaf", tuple(v.geldig_vanaf for v in self.versies))

    def versie_op(self, datum: date) -> ParameterVersie | None:
        i = bisect_right(self._vanaf, datum) - 1
        if i < 0:
            return None
        versie = self.versies[i]
        if versie.geldig_tot is not None and datum > versie.geldig_tot:
            return None
        return versie


class RegelOntbreekt(LookupError):
    """Voor deze datum bevat de regeldata geen waarde voor deze parameter."""

    def __init__(self, parameter: Parameter, datum: date) -> None:
        self.parameter = parameter
        self.datum = datum
        bekend = ", ".join(
            f"{v.geldig_vanaf.isoformat()} t/m {v.geldig_tot.isoformat()}"
            if v.geldig_tot
            else f"vanaf {v.geldig_vanaf.isoformat()}"
            for v in parameter.versies
        )
        super().__init__(
            f"Voor {datum.isoformat()} is geen waarde bekend voor '{parameter.omschrijving}' "
            f"({parameter.id}); bekend: {bekend}."
        )


@dataclass(frozen=True)
class Regeldata:
    """Alle parameters en het standaardbeleid; ``versie`` is een hash over de inhoud (``regelversie``)."""

    parameters: Mapping[str, Parameter]
    beleid: Mapping[str, object]
    versie: str
    inhoud: str = field(default="", repr=False, compare=False)  # canonieke JSON waarover ``versie`` is berekend
    _cache: dict = field(default_factory=dict, repr=False, compare=False)
    #: Het gemeentebeleid waarmee gerekend wordt (app/domain/beleid.py: Beleidslaag); None: de landelijke standaard.
    beleidslaag: object = field(default=None, repr=False, compare=False)

    def met_beleid(self, beleid: Mapping[str, object], laag: object) -> Regeldata:
        """Dezelfde wet (en regelversie) met de keuzes van een gemeente; de versiecache wordt gedeeld."""
        return replace(self, beleid=beleid, beleidslaag=laag)

    def op(self, datum: date) -> RegelsOp:
        return RegelsOp(self, datum)

    def versies_op(self, datum: date) -> dict[str, ParameterVersie | None]:
        """Alle versies die op ``datum`` gelden (None: geen), onthouden per datum."""
        cache = self._cache
        versies = cache.get(datum)
        if versies is None:
            if len(cache) > 4096:
                cache.clear()
            versies = {pid: p.versie_op(datum) for pid, p in self.parameters.items()}
            cache[datum] = versies
        return versies

    def parameter(self, parameter_id: str) -> Parameter:
        return self.parameters[parameter_id]


class RegelsOp:
    """De regels die op één datum gelden. Onthoudt welke versies zijn gebruikt, voor de signalen over ``onzeker``."""

    __slots__ = ("data", "datum", "gebruikt", "_versies")

    def __init__(self, data: Regeldata, datum: date) -> None:
        self.data = data
        self.datum = datum
        self.gebruikt: dict[str, ParameterVersie] = {}
        self._versies = data.versies_op(datum)

    def versie(self, parameter_id: str) -> ParameterVersie:
        versie = self._versies[parameter_id]
        if versie is None:
            raise RegelOntbreekt(self.data.parameters[parameter_id], self.datum)
        self.gebruikt[parameter_id] = versie
        return versie

    def waarde(self, parameter_id: str) -> Decimal:
        return self.versie(parameter_id).waarde

    def geheel(self, parameter_id: str) -> int:
        return int(self.versie(parameter_id).waarde)

    def tekst(self, parameter_id: str) -> str:
        return str(self.versie(parameter_id).waarde)

    def heeft(self, parameter_id: str) -> bool:
        """Is er op deze datum een versie? Telt niet als gebruik (geen signaal over onzekere waarden)."""
        return self._versies.get(parameter_id) is not None

    def optioneel(self, parameter_id: str) -> ParameterVersie | None:
        """De versie op deze datum, of None als er geen is (voor regels die op een datum nog niet bestonden)."""
        versie = self._versies.get(parameter_id)
        if versie is not None:
            self.gebruikt[parameter_id] = versie
        return versie

    def breuk(self, parameter_id: str) -> Breuk:
        waarde = self.versie(parameter_id).waarde
        assert isinstance(waarde, Breuk), parameter_id
        return waarde

    def bekend(self, parameter_id: str) -> bool:
        try:
            self.versie(parameter_id)
        except RegelOntbreekt:
            return False
        return True

    def bronnen(self, parameter_id: str) -> tuple[Bron, ...]:
        return self.data.parameters[parameter_id].bronnen


def onzekere_signalen(*views: RegelsOp) -> list[str]:
    """Eén signaal per gebruikte parameterversie met status ``onzeker`` (SPEC §1 principe 1)."""
    signalen = []
    for view in views:
        for parameter_id, versie in view.gebruikt.items():
            if versie.status == ONZEKER:
                sleutel = (parameter_id, versie)
                tekst = _SIGNALEN.get(sleutel)
                if tekst is None:
                    tekst = _SIGNALEN[sleutel] = _onzeker_signaal(view.data.parameters[parameter_id], versie)
                if tekst not in signalen:
                    signalen.append(tekst)
    return signalen


_SIGNALEN: dict[tuple[str, ParameterVersie], str] = {}


def _onzeker_signaal(parameter: Parameter, versie: ParameterVersie) -> str:
    return (
        f"Onzekere regelwaarde gebruikt: {parameter.omschrijving} ({parameter.id}, geldig vanaf "
        f"{versie.geldig_vanaf.isoformat()}) heeft status 'onzeker' ({versie.verificatie}). "
        "Laat deze waarde juridisch controleren."
    )
