"""Hooks voor bench/schemathesis.sh (SCHEMATHESIS_HOOKS); geen deel van de service.

1. Een eigen Idempotency-Key per verzoek. Schemathesis stuurt het voorbeeld van de header (of een andere gegenereerde
   waarde) mee met steeds andere bodies. "Zelfde sleutel, ander verzoek" hoort volgens de IETF-draft een fout te
   geven (422), en dat doet Maatstaf: dat is geen schema-geldig verzoek dat ten onrechte wordt geweigerd, maar een
   client die zich niet aan de draft houdt. Dit hook doet wat een echte client doet: een geldige sleutel wordt
   vervangen door een sleutel die van de gegenereerde sleutel én het verzoek (methode, pad, query, body) afhangt.
   Hetzelfde verzoek met dezelfde sleutel blijft dus dezelfde sleutel houden (een herhaling: 201 met
   ``Idempotent-Replayed``); een ongeldige sleutel (een negatief testgeval) blijft ongemoeid, zodat schemathesis
   nog steeds ziet dat Maatstaf die weigert.
2. Regels die een JSON Schema niet kan uitdrukken. Een 400 op een schema-geldig verzoek (ST202,
   positive_data_acceptance) is een fout van het schema, behalve als elk gemelde probleem een regel is uit
   ``NIET_IN_SCHEMA``: een vergelijking tussen twee waarden (datums, bedragen), een regel die van de regeldata op de
   beschikkingsdatum afhangt, of een regel over het record waarnaar het pad wijst. Die staan in de beschrijvingen
   van het OpenAPI-document; schemathesis telt ze als "dropped by filter_failure" en het script meldt ze per regel.
   Elke andere 400, elke 422 en elke 5xx blijft een fout.

Elke ST202 (ook een die blijft staan) komt met zijn ``invalidParams`` in ``$MAATSTAF_ST_LOG`` (één JSON per regel).
"""

from __future__ import annotations

import json
import os
import re
import uuid

import schemathesis
from schemathesis.core.failures import AcceptedNegativeData
from schemathesis.openapi.checks import RejectedPositiveData

HEADER = "idempotency-key"
_GELDIGE_SLEUTEL = re.compile(r"[\x20-\x7e]{1,255}")
_NAAMRUIMTE = uuid.UUID("8f7f3f0e-4b8e-4a54-9a4e-6d6b1f0c2a11")

#: (veld als regex op invalidParams.name, code): regels die het schema alleen in een beschrijving kan noemen.
NIET_IN_SCHEMA: dict[tuple[str, str], str] = {
    # vergelijkingen tussen waarden in hetzelfde verzoek
    (r"overtreding\.einddatum", "datumvolgorde"): "einddatum niet vóór begindatum",
    (r"beschikkingsdatum", "datumvolgorde"): "beschikkingsdatum niet vóór het einde van de overtreding",
    (r"perioden\.\d+\.tot", "datumvolgorde"): "tot niet vóór van",
    (r"perioden\.\d+\.van", "overlap"): "perioden overlappen niet",
    (r"eerdereSancties\.\d+\.datum", "toekomst"): "eerdere sanctie niet na de beschikkingsdatum",
    (r"vordering\.opgelegdOp|vorderingen\.\d+\.opgelegdOp", "toekomst"): "opgelegdOp niet na de beschikkingsdatum",
    (r"herhalingen\.\d+", "toekomst"): "herhaling niet na de beschikkingsdatum",
    (r"vordering\.restant|vorderingen\.\d+\.restant", "restant_te_hoog"): "restant niet hoger dan bedrag",
    (r"aangebodenEenmaligeBetaling", "te_hoog"): "betaling niet hoger dan wat openstaat",
    (r"vorderingen\.\d+\.id", "dubbel"): "elk id één keer",
    (r"selectie\.van", "datumvolgorde"): "van niet na tot (impactanalyse)",
    # afhankelijk van de regeldata op de beschikkingsdatum (standaard vandaag)
    (r"beschikkingsdatum", "regels_onbekend"): "geen regeldata op die datum (vóór 2013-01-01)",
    (r"(huishouden|vorderingen\.\d+)?\.?toepasselijkeNorm|huishouden\.leefvorm", "norm_onbekend"): "geen norm",
    (r"vordering\.(verwijtbaarheid|opgelegdOp)", "verplicht"): "verplicht sinds Pw 18a lid 13 (2017) / Pw 60c (2021)",
    (r"vorderingen\.\d+\.verwijtbaarheid", "verplicht"): "verplicht sinds Pw 60c-tekst van 2021-12-21",
    # (alleen de melding over de fictieve draagkracht; "leefvorm of norm op bijstandsniveau" staat in het schema)
    (r"huishouden\.leefvorm", "verplicht"): "fictieve draagkracht (CRvB 2017:1116) vanaf de datum in de regeldata",
    # over het record waarnaar het pad wijst
    (r"berekeningId", "soort"): "een herberekening kan niet worden herberekend",
    (r"grond|uitkomst|boete|terugvordering", "past_niet"): "maatwerk past bij de soort berekening",
    (r"uitkomst|boete|terugvordering", "ongunstiger"): "maatwerk alleen in het voordeel van de belanghebbende",
    (r"boete|terugvordering", "geen_afwijking"): "maatwerk wijkt af van de berekende uitkomst",
    (r"boete|terugvordering", "verplicht"): "maatwerk op een boete vraagt boete, op een benadeling terugvordering",
    # afhankelijk van wat de server kent (kandidaat-regelmappen, bewaarde regelversies)
    (r"kandidaat\.(regelmap|regelversie|beleidsversie)", "onbekend"): "de kandidaat moet op de server bestaan",
    (r"na", "onbekend"): "de cursor van de lijst is een berekening van de eigen gemeente",
    # twee queryparameters die samen horen (aantal en kop van een checkpoint, GET /audit/integriteit)
    (r"aantal|kop", "verplicht"): "aantal en kop van een checkpoint samen",
    (r"kandidaat\.regelmap", "regeldata"): "de kandidaat-regelmap moet geldige regeldata bevatten",
    # beleid: de grenzen volgen uit de regeldata op de ingangsdatum; bron en waarden horen bij elkaar
    (r"waarden\..+", "boven_wettelijk_maximum"): "niet langer dan de wet of rechtspraak op de ingangsdatum toestaat",
    (r"waarden\.afronding", "wettelijk_voorgeschreven"): "geen andere afronding dan de voorgeschreven",
    (r"bron\.artikelen\..*", "verplicht"): "een artikel per keuze in waarden (of bron.artikel)",
    (r"bron\.artikelen\..*", "onbekend"): "alleen artikelen van keuzes die in waarden staan",
    # teamoverzicht: twee maanden vergeleken
    (r"van", "maandvolgorde"): "van niet na tot",
    (r"van", "te_lang"): "een overzicht beslaat een beperkt aantal maanden",
    # het bereik van een datum (formatMinimum/formatMaximum bij format: date; hypothesis-jsonschema kent ze niet)
    (r".+", "datum_bereik"): "een datum van 1900-01-01 tot en met 2199-12-31",
    # inhoud van vrije tekst
    (r".+", "bsn"): "geen BSN (elfproef) in vrije tekst",
    # de beslagvrije voet (issue #19): vergelijkingen binnen het verzoek en de regeldata op de peildatum
    (r"peildatum", "regels_onbekend"): "de regeldata van de voet begint 2016-01-01 en loopt tot en met 2026-12-31",
    (r"(huishouden\.)?nietBeslagenInkomenPartner", "geen_echtgenoot"): "inkomen van de echtgenoot alleen bij gehuwden",
    (r"vasteVerblijfplaatsBuitenland", "tegenstrijdig"): "verblijf buiten Nederland vraagt woonadresInNederland false",
    (r"vakantiebijslagPerMaand", "te_hoog"): "vakantiebijslag is een deel van het netto maandinkomen",
    (r"huishouden\.beslagvrijeVoet", "regels_onbekend"): "de voet is op die datum niet te berekenen",
    (r"huishouden\.beslagvrijeVoet", "niet_te_berekenen"): "een deel van de voet vraagt beoordeling (AMvB, vóór 2021)",
    # het betaalvoorstel: datums ten opzichte van de ontvangst, de regeldata van die dag en vastgelegde berekeningen
    (r"betaalvoorstel\.ontvangenOp", "regels_onbekend"): "geen regeldata op de dag van ontvangst",
    (r"vorderingen\.\d+\.(ontstaansdatum|herhalingen\.\d+)", "toekomst"): "niet na de ontvangst van het voorstel",
    (r"vorderingen\.\d+\.opgelegdOp", "verplicht"): "bij een boete verplicht sinds Pw 18a lid 13 (2017)",
    (r"vorderingen\.\d+\.berekeningId", "onbekend"): "een berekening van de eigen gemeente",
    (r"vorderingen\.\d+\.berekeningId", "geen_vordering"): "een boete met uitkomst BOETE of een terugvordering",
    (r"vorderingen\.\d+\.[A-Za-z]+", "tegenstrijdig"): "gelijk aan wat de berekening van berekeningId zegt",
    (r"motivering", "motivering_onvoldoende"): "motivering van maatwerk: 40 tekens, 6 verschillende woorden",
}


@schemathesis.serializer("application/x-ndjson")
def ndjson(ctx, value) -> bytes:
    """Een batch (POST /batchberekeningen): het schema beschrijft één regel; een lijst wordt één regel per element."""
    regels = value if isinstance(value, list) else [value]
    return b"".join(json.dumps(regel, ensure_ascii=False).encode("utf-8") + b"\n" for regel in regels)


def _verzoek_sleutel(case) -> str:
    body = case.body if not isinstance(case.body, bytes) else case.body.decode("latin-1")
    try:
        tekst = json.dumps(body, sort_keys=True, default=str)
    except (TypeError, ValueError):
        tekst = repr(body)
    return f"{case.method} {case.formatted_path} {sorted((case.query or {}).items())!r} {tekst}"


def _eigen_sleutel(case) -> None:
    kop = next((k for k in (case.headers or {}) if k.lower() == HEADER), None)
    if kop is None:
        return
    sleutel = case.headers[kop]
    if isinstance(sleutel, str) and _GELDIGE_SLEUTEL.fullmatch(sleutel) and sleutel.strip():
        case.headers[kop] = str(uuid.uuid5(_NAAMRUIMTE, f"{sleutel}\n{_verzoek_sleutel(case)}"))


# Bij het genereren, niet in before_call: een wijziging vlak voor het verzoek laat schemathesis het geval opnieuw
# beoordelen, en dan ging de controle "verplichte header ontbreekt" mis (het token werd toch meegestuurd).
@schemathesis.hook
def map_case(context, case):
    _eigen_sleutel(case)
    return case


@schemathesis.hook
def before_add_examples(context, examples) -> None:
    """De voorbeelden uit het document (fase examples) gaan niet door map_case."""
    for case in examples:
        _eigen_sleutel(case)


#: Regels die alleen gelden als de reden dit noemt (dezelfde naam en code komen ook voor een regel in het schema).
ALLEEN_MET_REDEN = {(r"huishouden\.leefvorm", "verplicht"): "fictieve draagkracht"}


def _problemen(response) -> list[tuple[str, str, str]]:
    try:
        inhoud = json.loads(response.content)
    except (ValueError, TypeError):
        return []
    if not isinstance(inhoud, dict):
        return []
    return [
        (str(p.get("name")), str(p.get("code")), str(p.get("reason")))
        for p in inhoud.get("invalidParams") or []
        if isinstance(p, dict)
    ]


def _verwacht(naam: str, code: str, reden: str) -> bool:
    return any(
        code == c and re.fullmatch(veld, naam) and ALLEEN_MET_REDEN.get((veld, c), "") in reden
        for veld, c in NIET_IN_SCHEMA
    )


def _batch_weigerde_elke_regel(case, response) -> bool:
    """Een batch (POST /batchberekeningen) antwoordt 200 en geeft elke regel haar eigen status (issue #9: een foute
    regel krijgt een 400 en houdt de rest niet tegen). Een schema-schendende regel is dus goed geweigerd als elke
    antwoordregel status 400 heeft."""
    if case.operation.path != "/batchberekeningen" or response.status_code != 200:
        return False
    try:
        regels = [json.loads(r) for r in response.content.splitlines() if r.strip()]
    except ValueError:
        return False
    return bool(regels) and all(isinstance(r, dict) and r.get("status") == 400 for r in regels)


@schemathesis.hook
def filter_failure(context, failure, case, response) -> bool:
    if isinstance(failure, AcceptedNegativeData):
        return not _batch_weigerde_elke_regel(case, response)
    if not isinstance(failure, RejectedPositiveData):
        return True
    problemen = _problemen(response)
    gedekt = response.status_code == 400 and bool(problemen) and all(_verwacht(*p) for p in problemen)
    log = os.environ.get("MAATSTAF_ST_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as f:
            namen = [[naam, code] for naam, code, _ in problemen]
            regel = {"operatie": case.operation.label, "status": response.status_code, "problemen": namen}
            f.write(json.dumps({**regel, "verwacht": gedekt}) + "\n")
    return not gedekt
