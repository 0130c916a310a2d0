"""Beleidsversies van een gemeente lezen (issue #10 §1); vastgesteld worden ze als mutatie naast een record."""

from __future__ import annotations

from functools import partial

import orjson
from sqlalchemy import select

from app.db.models import beleidsversie
from app.db.records import _bevat_versleuteld
from app.db.sleutels import Sleutels
from app.db.versleuteling import ontsleutel_waarde


def _beleidsversie(rij) -> dict:
    d = dict(rij._mapping)
    d["waarden"] = orjson.loads(d["waarden"])
    d["bron"] = orjson.loads(d["bron"])
    return d


class Beleid(Sleutels):
    """De beleidsversies van een gemeente, met de vrije tekst van de bron leesbaar of gewist."""

    def beleidsversies(self, gemeente: str, status: str | None = None) -> list[dict]:
        """De beleidsversies van een gemeente (oplopend op geldig_vanaf, dan voorgesteld_op), als dicts."""
        vraag = select(beleidsversie).where(beleidsversie.c.gemeente == gemeente)
        if status is not None:
            vraag = vraag.where(beleidsversie.c.status == status)
        vraag = vraag.order_by(beleidsversie.c.geldig_vanaf, beleidsversie.c.voorgesteld_op)
        return [self._beleidsversie(r) for r in self._lees(vraag)]

    def beleidsversie(self, beleidsversie_id: str, gemeente: str) -> dict | None:
        """Eén beleidsversie van deze gemeente, of None (ook als zij van een andere gemeente is)."""
        rijen = self._lees(
            select(beleidsversie).where(
                beleidsversie.c.beleidsversie_id == beleidsversie_id, beleidsversie.c.gemeente == gemeente
            )
        )
        return self._beleidsversie(rijen[0]) if rijen else None

    def _beleidsversie(self, rij) -> dict:
        """Een rij van beleidsversie als dict, met de vrije tekst van de bron leesbaar (of gewist)."""
        d = _beleidsversie(rij)
        if _bevat_versleuteld(d["bron"]):
            waarvan = f"beleidsversie {d['beleidsversie_id']}"
            d["bron"] = ontsleutel_waarde(d["bron"], partial(self._ontsleutel_een, waarvan=waarvan), "bron")[0]
        return d
