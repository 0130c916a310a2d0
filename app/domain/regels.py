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
from app.domain.uitleg import Uitleg

#: De status van een waarde (zie app/regels/bronregel.py voor wat elke status vraagt):
#: - geverifieerd: gelezen in een primaire tekst (wettekst per datum, Staatsblad, Staatscourant, uitspraak);
#: - bevestigd: geen primaire tekst gevonden, wel ten minste twee onafhankelijke, genoemde berichten die overeenkomen;
#:   de uitleg noemt ze, maar het is geen waarschuwing;
#: - onzeker: één zwakke bron of geen; elk resultaat dat de waarde gebruikt krijgt een signaal.
GEVERIFIEERD = "geverifieerd"
BEVESTIGD = "bevestigd"
ONZEKER = "onzeker"
STATUSSEN = (GEVERIFIEERD, BEVESTIGD, ONZEKER)


@dataclass(frozen=True, slots=True)
class Rapport:
    """Een genoemd bericht dat een waarde bevestigt (status ``bevestigd``): wie, wat, waar en wanneer."""

    uitgever: str
    titel: str
    url: str
    datum: str | None = None

    def kort(self) -> str:
        return f"{self.uitgever}, '{self.titel}'" + (f" ({self.datum})" if self.datum else "")


@dataclass(frozen=True, slots=True)
class Breuk:
    """Een factor zoals de wet hem schrijft (``100/75``), ongereduceerd zodat de uitleg de wettekst volgt."""

    teller: int
    noemer: int

    def __str__(self) -> str:
        return f"{self.teller}/{self.noemer}"


#: Voorvoegsel van de parameters die zeggen hoe een wet op een datum heette (zie ``RegelsOp.citeertitels``).
CITEERTITEL = "citeertitel."

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
    rapporten: tuple[Rapport, ...] = ()  # bij status bevestigd: de berichten die de waarde bevestigen

    @property
    def getal(self) -> Decimal:
        """De waarde van een bedrag, percentage of aantal (de eenheid is geen tekst en de waarde geen breuk)."""
        assert isinstance(self.waarde, Decimal), self.waarde
        return self.waarde


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
    _cache: dict[date, dict[str, ParameterVersie | None]] = field(default_factory=dict, repr=False, compare=False)
    _titels: dict[date, Mapping[str, str]] = field(default_factory=dict, repr=False, compare=False)
    #: Het gemeentebeleid waarmee gerekend wordt (app/domain/beleid/laag.py: Beleidslaag); None: de landelijke standaard.
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

    def citeertitels_op(self, datum: date) -> Mapping[str, str]:
        """Wetten die op ``datum`` anders heetten dan nu: {huidige naam: naam toen}, uit de parameters
        ``citeertitel.<huidige naam>`` (bijv. de Participatiewet, tot 2015-01-01 de Wet werk en bijstand). Onthouden
        per datum: elke berekening vraagt ernaar, ook zonder uitleg."""
        titels = self._titels.get(datum)
        if titels is None:
            if len(self._titels) > 4096:
                self._titels.clear()
            titels = {}
            for pid, parameter in self.parameters.items():
                if pid.startswith(CITEERTITEL) and (versie := parameter.versie_op(datum)) is not None:
                    huidig = pid.removeprefix(CITEERTITEL)
                    if str(versie.waarde) != huidig:
                        titels[huidig] = str(versie.waarde)
            self._titels[datum] = titels
        return titels

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
        """Een bedrag, percentage of aantal (geen tekst en geen breuk: zie ``tekst`` en ``breuk``)."""
        waarde = self.versie(parameter_id).waarde
        assert isinstance(waarde, Decimal), parameter_id
        return waarde

    def geheel(self, parameter_id: str) -> int:
        waarde = self.versie(parameter_id).waarde  # zoals ``waarde``, zonder een aanroep meer: veel gebruikt
        assert isinstance(waarde, Decimal), parameter_id
        return int(waarde)

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

    def citeertitels(self) -> Mapping[str, str]:
        """Wetten die op deze datum anders heetten dan nu (zie ``Regeldata.citeertitels_op``)."""
        return self.data.citeertitels_op(self.datum)


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


def bevestigde_versies(*views: RegelsOp) -> list[tuple[Parameter, ParameterVersie]]:
    """De gebruikte versies met status ``bevestigd``, elk één keer (voor de stap die hun berichten noemt)."""
    uit: list[tuple[Parameter, ParameterVersie]] = []
    for view in views:
        for parameter_id, versie in view.gebruikt.items():
            if versie.status == BEVESTIGD:
                paar = (view.data.parameters[parameter_id], versie)
                if paar not in uit:
                    uit.append(paar)
    return uit


def _onzeker_signaal(parameter: Parameter, versie: ParameterVersie) -> str:
    return (
        f"Onzekere regelwaarde gebruikt: {parameter.omschrijving} ({parameter.id}, geldig vanaf "
        f"{versie.geldig_vanaf.isoformat()}) heeft status 'onzeker' ({versie.verificatie}). "
        "Laat deze waarde juridisch controleren."
    )


def bevestigd_stap(uitleg: Uitleg, *views: RegelsOp) -> None:
    """Een stap die elke gebruikte ``bevestigd``e waarde noemt met de berichten waarop zij berust (geen signaal:
    de waarde is niet onzeker, maar een lezer moet kunnen zien dat er geen primaire tekst is gevonden)."""
    bevestigd = bevestigde_versies(*views)
    if not bevestigd or not uitleg.actief:
        return
    delen = [
        f"{p.omschrijving} ({p.id}, vanaf {v.geldig_vanaf.isoformat()}): " + "; ".join(r.kort() for r in v.rapporten)
        for p, v in bevestigd
    ]
    uitleg.stap(
        "regels.bevestigd",
        "Voor deze waarden is geen primaire tekst (wet, Staatsblad, Staatscourant of uitspraak) gevonden; ten minste "
        "twee onafhankelijke berichten bevestigen ze: " + " | ".join(delen) + ".",
        tuple(bron for p, _ in bevestigd for bron in p.bronnen),
        {"parameters": [p.id for p, _ in bevestigd]},
        {
            "rapporten": [
                {"parameter": p.id, "uitgever": r.uitgever, "titel": r.titel, "url": r.url}
                for p, v in bevestigd
                for r in v.rapporten
            ]
        },
    )
