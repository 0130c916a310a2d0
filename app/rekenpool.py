"""Rekenprocessen voor bulkwerk (batch, impactanalyse): de tweede core zonder het GIL van de server.

Eén pool per serverproces, lui gestart (``spawn``: een schoon proces, geen fork van een proces met threads), met
``MAATSTAF_REKENPROCESSEN`` processen (standaard het aantal cores; 0 = rekenen in threads van het serverproces zelf).
Een rekenproces krijgt de regeldata als bewaarde inhoud (canonieke JSON) mee en onthoudt haar per regelversie: zo
rekent het met precies dezelfde data als de server, ook voor een regelmap of een kandidaat.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from fastapi.concurrency import run_in_threadpool

from app import waarneming
from app.domain.regels import Regeldata

log = logging.getLogger("maatstaf")

_POOL: ProcessPoolExecutor | None = None
_POOL_GROOTTE = 0
_POOL_SLOT = threading.Lock()

#: In een rekenproces: de regeldata per versie (klein aantal: de huidige en een paar kandidaten).
_REGELDATA: dict[str, Regeldata] = {}


def regeldata(versie: str, inhoud: str) -> Regeldata:
    """De regeldata van ``versie`` in dit proces, eenmaal ingelezen uit de bewaarde inhoud."""
    data = _REGELDATA.get(versie)
    if data is None:
        from app.regels import uit_inhoud

        data = uit_inhoud(inhoud)
        if data.versie != versie:  # hoort niet te kunnen: de versie is een hash over de inhoud
            raise ValueError(f"Regeldata geeft versie {data.versie}, verwacht {versie}")
        if len(_REGELDATA) > 8:
            _REGELDATA.clear()
        _REGELDATA[versie] = data
    return data


def _pool(processen: int) -> ProcessPoolExecutor:
    global _POOL, _POOL_GROOTTE
    with _POOL_SLOT:
        if _POOL is None or processen != _POOL_GROOTTE:
            if _POOL is not None:
                _POOL.shutdown(wait=False, cancel_futures=True)
            _POOL = ProcessPoolExecutor(
                processen,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=waarneming.in_rekenproces,  # logregels in hetzelfde formaat als de server
                initargs=(waarneming.huidig_formaat(),),
            )
            _POOL_GROOTTE = processen
        return _POOL


def _vervang(kapot: ProcessPoolExecutor) -> None:
    global _POOL
    with _POOL_SLOT:
        if _POOL is kapot:
            _POOL = None


async def reken(processen: int, functie: Callable[..., Any], *argumenten: Any) -> Any:
    """``functie(*argumenten)`` in een rekenproces (of, met 0 processen, in een thread van dit proces)."""
    if processen <= 0:
        return await run_in_threadpool(functie, *argumenten)
    pool = _pool(processen)
    try:
        return await asyncio.get_running_loop().run_in_executor(pool, functie, *argumenten)
    except BrokenProcessPool:
        log.error("Een rekenproces is onverwacht gestopt; de pool wordt vervangen")
        _vervang(pool)
        raise


def sluit() -> None:
    """Stopt de rekenprocessen (bij het afsluiten van de server)."""
    global _POOL
    with _POOL_SLOT:
        if _POOL is not None:
            _POOL.shutdown(wait=True, cancel_futures=True)
            _POOL = None
