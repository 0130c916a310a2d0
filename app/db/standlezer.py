"""De stand van een uitleg lezen zonder thread (issue #9 §2).

Elk verzoek om een onthouden uitleg stelt één kleine vraag (``AuditStore.uitlegstand``). Via de threadpool en een
SQLAlchemy-verbinding uit de pool kostte die vraag meer CPU dan de rest van het verzoek samen (overstap naar een
thread en terug, uitchecken met ping, SQL-laag). Op PostgreSQL stelt deze lezer hem daarom op de event loop, over één
eigen asynchrone psycopg-verbinding per worker, als voorbereide vraag. De vragen gaan na elkaar over die verbinding
(elk een fractie van een milliseconde); is de verbinding intussen verbroken, dan wordt één keer een nieuwe geopend. Op
SQLite (en na ``sluit``) gaat de vraag gewoon via de store in een thread.
"""

from __future__ import annotations

import asyncio
import re
from contextlib import suppress

import psycopg
from starlette.concurrency import run_in_threadpool

from app.db.engine import PG_CONNECT_TIMEOUT_S
from app.db.store import UITLEGSTAND_SQL, AuditStore, OpslagNietBeschikbaar

_SQL = re.sub(r":(\w+)", r"%(\1)s", UITLEGSTAND_SQL)


class Standlezer:
    def __init__(self, store: AuditStore) -> None:
        self._store = store
        self._url = store.postgres_url
        self._verbinding: psycopg.AsyncConnection | None = None
        self._slot = asyncio.Lock()
        self._gesloten = False

    async def stand(self, berekening_id: str, gemeente: str, besluit: str, beoordeling: str) -> tuple:
        if self._url is None or self._gesloten:
            return await run_in_threadpool(self._store.uitlegstand, berekening_id, gemeente, besluit, beoordeling)
        parameters = {"id": berekening_id, "gemeente": gemeente, "besluit": besluit, "beoordeling": beoordeling}
        async with self._slot:
            for poging in (1, 2):
                nieuw = self._verbinding is None or self._verbinding.closed
                try:
                    if nieuw:
                        self._verbinding = await psycopg.AsyncConnection.connect(
                            self._url, autocommit=True, connect_timeout=PG_CONNECT_TIMEOUT_S
                        )
                    cursor = await self._verbinding.execute(_SQL, parameters, prepare=True)
                    rijen = await cursor.fetchall()
                    break
                except psycopg.OperationalError as fout:
                    await self._weg()
                    # een oude verbinding kan intussen zijn verbroken (herstart, time-out): één keer opnieuw
                    if nieuw or poging == 2:
                        raise OpslagNietBeschikbaar(f"Lezen is mislukt: {type(fout).__name__}") from fout
        return self._store.stand_uit_rijen(rijen)

    async def _weg(self) -> None:
        verbinding, self._verbinding = self._verbinding, None
        if verbinding is not None:
            with suppress(psycopg.Error):
                await verbinding.close()

    async def sluit(self) -> None:
        self._gesloten = True
        async with self._slot:
            await self._weg()
