"""Tekst die na de bewaartermijn is gewist: welke, en sinds wanneer, in woorden voor burger en professional."""

from __future__ import annotations

from app.uitleg.notatie import datum

#: Het laatste veld van een pad (zonder lijstindex) en wat dat in gewone woorden is.
_WAT = {
    "bewijs": "het bewijs",
    "motivering": "de motivering",
    "toelichting": "de toelichting",
    "id": "het kenmerk van een vordering",
    "reden": "de reden",
    "redenen": "een reden",
    "omschrijving": "de beschrijving van een rekenstap",
    "signalen": "een signaal voor de medewerker",
}


def wat(pad: str) -> str:
    """Wat er op dit pad stond, in woorden: "invoer.groveSchuld.bewijs.0" -> "het bewijs"."""
    namen = [deel for deel in pad.split(".") if not deel.isdigit()]
    return _WAT.get(namen[-1] if namen else "", "een tekst")


def gewiste_velden(record: dict) -> dict | None:
    """{op (datum in woorden), velden: [{pad, wat}], soorten: ["het bewijs", ...]} of None als niets is gewist."""
    gewist = record.get("gewist")
    if not isinstance(gewist, dict) or not gewist.get("velden"):
        return None
    velden = [{"pad": pad, "wat": wat(pad)} for pad in gewist["velden"]]
    return {
        "op": datum(gewist["op"]) if gewist.get("op") else "een eerdere datum",
        "velden": velden,
        "soorten": list(dict.fromkeys(v["wat"] for v in velden)),
    }
