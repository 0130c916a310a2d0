"""Een verzoekbody lezen: strenge JSON met exacte bedragen (app/api/http/json_invoer.py), gevalideerd tegen het
model, met een 400 en invalidParams als het niet klopt; een grote body buiten de event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin
from weakref import WeakKeyDictionary

from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ValidationError

from app.api.http.json_invoer import lees_json
from app.api.http.problemen import MAX_PROBLEMEN, ONGELDIG, Probleem, problemen_uit_pydantic
from app.domain.fouten import Invoerprobleem


def lees(ruw: bytes | str, model: type[BaseModel]) -> Any:
    """JSON met exacte bedragen (zie app/api/http/json_invoer.py), gevalideerd; anders een 400 met invalidParams."""
    return valideer(lees_json(ruw), model)


def lees_met_invoer(ruw: bytes | str, model: type[BaseModel]) -> tuple[Any, Any]:
    """Als ``lees``, met de gelezen JSON erbij: ``(invoer, verzoek)``."""
    invoer = lees_json(ruw)
    return invoer, valideer(invoer, model)


#: Een body groter dan dit wordt buiten de event loop gelezen en gevalideerd (in een thread), met ten hoogste
#: ``GROTE_TEGELIJK`` tegelijk. Een gewone body (een paar KiB) kost op de event loop minder dan een thread; een van
#: 1 MiB kost tientallen milliseconden, en dertig tegelijk hielden /health/live vroeger 21-26 s op (nu < 1 s). Eén
#: tegelijk: door het GIL rekent een proces toch maar aan één; elke thread meer wacht mee op het GIL met de event loop.
GROTE_BODY = 64 * 1024


GROTE_TEGELIJK = 1


_SLOTEN: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = WeakKeyDictionary()


async def buiten_de_lus(functie: Callable[..., Any], ruw: bytes | str, *argumenten: Any) -> Any:
    """``functie(ruw, *argumenten)``: meteen als ``ruw`` klein is, anders in een thread (ten hoogste
    ``GROTE_TEGELIJK`` tegelijk per event loop; de rest wacht zonder thread)."""
    if len(ruw) <= GROTE_BODY:
        return functie(ruw, *argumenten)
    lus = asyncio.get_running_loop()
    slot = _SLOTEN.get(lus)
    if slot is None:
        slot = _SLOTEN[lus] = asyncio.Semaphore(GROTE_TEGELIJK)
    async with slot:
        return await run_in_threadpool(functie, ruw, *argumenten)


async def gelezen(ruw: bytes | str, model: type[BaseModel]) -> Any:
    """``lees`` voor een endpoint: een grote body buiten de event loop (zie ``buiten_de_lus``)."""
    return await buiten_de_lus(lees, ruw, model)


def valideer(data: Any, model: type[BaseModel]) -> Any:
    """Al streng gelezen JSON (``lees_json``) tegen het model; anders een 400 met invalidParams.

    Geeft Pydantic meer dan ``MAX_PROBLEMEN`` fouten, dan eerst, goedkoop, de onbekende sleutels: zijn dat er meer dan
    ``MAX_PROBLEMEN``, dan volgt de 400 met de eerste daarvan en het totaal, zonder de fouten van Pydantic om te zetten.
    Dat omzetten kostte per onbekende sleutel een dict (een body van 1 MiB: 65.000, een halve seconde CPU op de event
    loop en een antwoord van 5 MB). Een geldig verzoek merkt hier niets van."""
    try:
        return model.model_validate(data)
    except ValidationError as fout:
        if fout.error_count() > MAX_PROBLEMEN:
            onbekend, aantal = onbekende_sleutels(data, model)
            if aantal > MAX_PROBLEMEN:
                raise Probleem(400, ONGELDIG, onbekend, aantal=aantal) from None
        raise Probleem(400, ONGELDIG, problemen_uit_pydantic(fout.errors(include_url=False))) from None


_ONBEKEND = "Onbekend veld."


@dataclass(frozen=True)
class _Vorm:
    """Wat ``onbekende_sleutels`` van een veld moet weten: een model (met zijn velden), een lijst van iets, of niets
    om te controleren (``None``)."""

    model: type[BaseModel] | None = None
    element: _Vorm | None = None
    max_lengte: int | None = None  # van een lijst: is zij langer, dan meldt Pydantic dat, één keer


@cache
def _velden(model: type[BaseModel]) -> tuple[bool, dict[str, _Vorm | None]]:
    """(weigert het model onbekende sleutels, de vorm per sleutel)."""
    velden = {}
    for naam, veld in model.model_fields.items():
        max_lengte = next((m.max_length for m in veld.metadata if type(m).__name__ == "MaxLen"), None)
        velden[veld.alias or naam] = _vorm(veld.annotation, max_lengte)
    return model.model_config.get("extra") == "forbid", velden


def _vorm(annotatie: Any, max_lengte: int | None = None) -> _Vorm | None:
    if isinstance(annotatie, type) and issubclass(annotatie, BaseModel):
        return _Vorm(model=annotatie)
    oorsprong = get_origin(annotatie)
    if oorsprong is Annotated:
        return _vorm(get_args(annotatie)[0], max_lengte)
    if oorsprong is list:
        (element,) = get_args(annotatie) or (Any,)
        binnen = _vorm(element)
        return _Vorm(element=binnen, max_lengte=max_lengte) if binnen is not None else None
    if oorsprong in (Union, UnionType):
        vormen = [_vorm(a, max_lengte) for a in get_args(annotatie) if a is not type(None)]
        return vormen[0] if len(vormen) == 1 else None  # een keuze tussen modellen: dat beslist Pydantic
    return None


def onbekende_sleutels(data: Any, model: type[BaseModel]) -> tuple[list[Invoerprobleem], int]:
    """De eerste ``MAX_PROBLEMEN`` onbekende sleutels (zoals Pydantic ze noemt: ``extra_forbidden``, met het pad) en
    het totaal, in één doorloop van de invoer met de velden van het model."""
    gevonden: list[Invoerprobleem] = []
    aantal = 0

    def loop(waarde: Any, vorm: _Vorm, pad: str) -> None:
        nonlocal aantal
        if vorm.model is not None:
            if not isinstance(waarde, dict):
                return
            streng, velden = _velden(vorm.model)
            for sleutel, sub in waarde.items():
                if sleutel in velden:
                    binnen = velden[sleutel]
                    if binnen is not None:
                        loop(sub, binnen, f"{pad}.{sleutel}" if pad else sleutel)
                elif streng:
                    aantal += 1
                    if len(gevonden) < MAX_PROBLEMEN:
                        naam = f"{pad}.{sleutel}" if pad else sleutel
                        gevonden.append(Invoerprobleem(naam, "extra_forbidden", _ONBEKEND))
        elif vorm.element is not None and isinstance(waarde, list):
            if vorm.max_lengte is not None and len(waarde) > vorm.max_lengte:
                return  # te lang: één fout van Pydantic (too_long), niet een per element
            for i, sub in enumerate(waarde):
                loop(sub, vorm.element, f"{pad}.{i}" if pad else str(i))

    loop(data, _Vorm(model=model), "")
    return gevonden, aantal
