"""Eén blok van een impactanalyse, in een rekenproces (app/rekenpool.py): de vastgelegde boeteberekeningen van het
blok opnieuw berekend, onder de eigen regels en het eigen beleid en onder de kandidaat, en het verschil geteld."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime
from decimal import Decimal

import orjson

from app import rekenpool
from app.api import berekeningen
from app.api.http.lezen import valideer
from app.api.http.problemen import Probleem
from app.api.http.typen import AMSTERDAM
from app.db import AuditStore
from app.domain.beleid import Beleidslijn, Beleidsversie, toets
from app.domain.boete import bereken_boete
from app.domain.fouten import Invoerfout
from app.domain.regels import Regeldata, RegelOntbreekt
from app.domain.uitleg import GeenUitleg

#: Per proces één AuditStore per database-URL (een rekenproces leest zijn blokken zelf).
_STORES: dict[str, AuditStore] = {}


def _store(bron) -> AuditStore:
    if isinstance(bron, AuditStore):  # rekenen in threads van de server zelf
        return bron
    url, hoofdsleutel = bron
    if url not in _STORES:
        _STORES[url] = AuditStore(url, hoofdsleutel=hoofdsleutel)
    return _STORES[url]


def _standaarddatum(resultaat: dict, tijdstip: datetime) -> date:
    datum = resultaat.get("beschikkingsdatum")
    if isinstance(datum, str):
        return date.fromisoformat(datum)
    return tijdstip.astimezone(AMSTERDAM).date()


def _kern(boete: Decimal | str, uitkomst: str, begrenzing: str | None) -> dict:
    return {"uitkomst": uitkomst, "boete": f"{Decimal(boete):.2f}", "bepalendeBegrenzing": begrenzing}


def beleid_van(resultaat: dict, gemeente: str, versies: dict[str, Beleidsversie]) -> Beleidslijn:
    """Precies de beleidsversie waarmee de boete rekende (zoals een herberekening): de kandidaat verandert de
    regels, niet het beleid van de gemeente. Een record van vóór de beleidslaag rekende met de landelijke standaard."""
    gebruikt = resultaat.get("beleid")
    versie_id = gebruikt.get("beleidsversieId") if isinstance(gebruikt, dict) else None
    if versie_id is None:
        return Beleidslijn.precies(gemeente, None)
    if versie_id not in versies:
        raise Probleem(409, f"Beleidsversie {versie_id} is niet te vinden; deze boete is niet opnieuw te berekenen.")
    return Beleidslijn.precies(gemeente, versies[versie_id])


def eigen_regels(resultaat: dict, regelsets: dict[str, str]) -> Regeldata:
    """De regelversie waarmee de boete rekende (uit haar resultaat), zoals bewaard in de tabel regelset."""
    versie = resultaat.get("regelversie")
    if versie not in regelsets:
        raise Probleem(409, f"Regelversie {versie} is niet bewaard; deze boete is niet opnieuw te berekenen.")
    return rekenpool.regeldata(versie, regelsets[versie])


def herbereken_boete(
    invoer: str, resultaat: dict, tijdstip: datetime, data: Regeldata, lijn: Beleidslijn, toets_beleid: bool = False
) -> dict:
    """De kern van een vastgelegde boete onder ``data`` en het beleid van ``lijn``: dezelfde berekening als de POST
    (app/api/berekeningen/rekenen.py ``boete``), zonder uitleg. ``toets_beleid``: eerst nagaan of de wet op de
    beschikkingsdatum de keuzes van de beleidsversie van ``lijn`` toestaat (Invoerfout met de reden als dat niet zo
    is); een kandidaat-beleidsversie is alleen aan de wet vanaf haar eigen geldigVanaf getoetst."""
    # opgeslagen invoer is bij het vastleggen al streng gelezen (app/api/http/json_invoer.py); nu alleen het model
    verzoek = valideer(json.loads(invoer, parse_float=Decimal), berekeningen.Boeteverzoek)
    invoer_ = berekeningen.boete_invoer(verzoek, _standaarddatum(resultaat, tijdstip))
    versie = lijn.versie_op(invoer_.beschikkingsdatum)
    if toets_beleid and versie is not None:
        toets(versie.waarden, invoer_.beschikkingsdatum, data)
    uitkomst = bereken_boete(invoer_, lijn.toegepast(data, invoer_.beschikkingsdatum), uitleg=GeenUitleg())
    return _kern(uitkomst.boete, uitkomst.uitkomst, uitkomst.bepalende_begrenzing)


def leeg_totaal() -> dict:
    return {"aantal": 0, "gewijzigd": 0, "fout": 0, "oud": Decimal(0), "nieuw": Decimal(0), "per": {}, "van_naar": {}}


def analyseer_blok(
    bron,
    gemeente: str,
    soort: str,
    van,
    tot,
    eerste: int,
    laatste: int,
    kandidaat: tuple[str, str] | Beleidsversie,
    beleidsversies: dict[str, Beleidsversie],
    regelsets: dict[str, str] | None = None,
):
    """Rekent één blok records opnieuw onder de kandidaat; geeft (regels, deeltotalen). ``kandidaat``: (versie,
    inhoud) van kandidaat-regels, elk record met de beleidsversie die het gebruikte; of een kandidaat-beleidsversie,
    elk record met zijn eigen regelversie (uit ``regelsets``). Draait in een rekenproces (``bron`` = (database-URL,
    hoofdsleutel)) of in een thread van de server (``bron`` = de store)."""
    beleid = kandidaat if isinstance(kandidaat, Beleidsversie) else None
    data = None if beleid is not None else rekenpool.regeldata(*kandidaat)
    totaal = leeg_totaal()
    per: dict[str | None, list] = {}  # begrenzing → [aantalOud, aantalNieuw, totaalOud, totaalNieuw]
    van_naar: Counter = Counter()
    regels: list[bytes] = []
    for berekening_id, invoer, resultaat, tijdstip in _store(bron).records_in_blok(
        gemeente, soort, van, tot, eerste, laatste
    ):
        totaal["aantal"] += 1
        oud = _kern(resultaat["boete"], resultaat["uitkomst"], resultaat.get("bepalendeBegrenzing"))
        try:
            if beleid is None:
                nieuw = herbereken_boete(
                    invoer, resultaat, tijdstip, data, beleid_van(resultaat, gemeente, beleidsversies)
                )
            else:
                eigen = eigen_regels(resultaat, regelsets or {})
                lijn = Beleidslijn.precies(gemeente, beleid)
                nieuw = herbereken_boete(invoer, resultaat, tijdstip, eigen, lijn, toets_beleid=True)
        except (Probleem, Invoerfout, RegelOntbreekt) as fout:
            totaal["fout"] += 1
            reden = fout.detail if isinstance(fout, Probleem) else str(fout)
            if isinstance(fout, Probleem) and fout.problemen:
                reden = "; ".join(f"{p.naam}: {p.reden}" for p in fout.problemen)
            regels.append(orjson.dumps({"berekeningId": berekening_id, "oud": oud, "fout": reden}))
            continue
        a, b = Decimal(oud["boete"]), Decimal(nieuw["boete"])
        totaal["oud"] += a
        totaal["nieuw"] += b
        for kant, k, bedrag in ((0, oud, a), (1, nieuw, b)):
            rij = per.setdefault(k["bepalendeBegrenzing"], [0, 0, Decimal(0), Decimal(0)])
            rij[kant] += 1
            rij[2 + kant] += bedrag
        if oud != nieuw:
            totaal["gewijzigd"] += 1
            if oud["bepalendeBegrenzing"] != nieuw["bepalendeBegrenzing"]:
                van_naar[(oud["bepalendeBegrenzing"], nieuw["bepalendeBegrenzing"])] += 1
            regels.append(
                orjson.dumps({"berekeningId": berekening_id, "oud": oud, "nieuw": nieuw, "verschil": f"{b - a:.2f}"})
            )
    totaal["per"] = per
    totaal["van_naar"] = dict(van_naar)
    return regels, totaal
