"""POST /batchberekeningen: veel berekeningen in één verzoek, als NDJSON in en uit (issue #9 §3).

Elke regel is één verzoek ``{"soort", "kenmerk", "invoer"}`` en gaat door precies hetzelfde pad als de losse POST
van die soort (``rekenen.reken``: strenge JSON, validatie, BSN-weigering, berekening met uitleg en
alternatieven); het resultaat wordt vastgelegd met dezelfde schrijver (versleuteling van vrije tekst, hashketen).
Het antwoord stroomt terug, één regel per invoerregel, in dezelfde volgorde:

- ``201`` met ``berekeningId``: het auditrecord is gecommit (nooit eerder);
- ``400`` met ``probleem``: ongeldige regel, met dezelfde meldingen als de losse POST; de rest gaat door;
- ``422``: met een Idempotency-Key, maar deze regel verschilt van de regel met hetzelfde nummer van toen;
- ``503`` met ``probleem``: niet vastgelegd, omdat de auditopslag faalde (bij deze of een eerdere regel). Na de
  eerste 503 legt de batch niets meer vast; elke volgende geldige regel krijgt ook 503. Opnieuw sturen met dezelfde
  Idempotency-Key legt alleen vast wat nog ontbreekt;
- ``500``: een interne fout bij deze regel; niets vastgelegd.

Geheugen: de invoer wordt per blok gelezen, gerekend (in rekenprocessen, zie app/rekenpool.py), vastgelegd en
beantwoord; er zijn nooit meer dan ``MAX_BLOKKEN`` blokken van ``BLOK`` regels of ``BLOK_BYTES`` bytes tegelijk
onderweg. Het probleem van een ongeldige regel is begrensd zoals dat van een losse POST (de eerste ``MAX_PROBLEMEN``,
met het totaal): een regel van 1 MiB met onbekende sleutels kostte vroeger ~60 MB.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import uuid
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

import orjson
from fastapi import Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError
from starlette.requests import ClientDisconnect
from starlette.responses import StreamingResponse

from app import rekenpool
from app.api.berekeningen import rekenen
from app.api.berekeningen.gebruikt_beleid import beleidslijn, beleidsteksten
from app.api.http import idempotentie
from app.api.http.auth import MEDEWERKER, Gebruiker, vereist
from app.api.http.json_invoer import lees_json
from app.api.http.lezen import valideer
from app.api.http.problemen import ONGELDIG, Probleem, probleem_body
from app.api.http.routering import TOEGANG, VERZOEKEN, api_pad, api_router, wacht_op_vastleggen, zorg_dat_klaar
from app.api.http.typen import vandaag
from app.api.http.vrije_tekst import GeenBsn, vrije_paden
from app.db import Idempotentie, OpslagNietBeschikbaar, SleutelBestaatAl
from app.db.hashing import canonical_json
from app.db.versleuteling import schrijf_json
from app.domain import spiegel
from app.domain.beleid import Beleidslijn
from app.domain.fouten import Invoerfout, Invoerprobleem

router = api_router()
log = logging.getLogger("maatstaf")

NDJSON = "application/x-ndjson"
#: Ten hoogste zo groot is één regel (net als de body van een losse POST).
MAX_REGEL = 1024 * 1024
#: Zoveel regels gaan samen naar een rekenproces en samen naar de schrijver (die legt ze in groepen vast).
BLOK = 256
#: Een blok is vol bij BLOK regels of bij zoveel bytes aan regels: 256 regels van 1 MiB waren 256 MiB per blok.
BLOK_BYTES = 4 * 1024 * 1024
#: Zoveel blokken zijn ten hoogste tegelijk onderweg (rekenen of vastleggen); dat begrenst het geheugen.
MAX_BLOKKEN = 6

#: De soort in een regel (het pad van de losse POST) en de soort van het auditrecord.
SOORTEN = {
    "boeteberekeningen": "boeteberekening",
    "benadelingsbedragen": "benadelingsbedrag",
    "verwijtbaarheidsbeoordelingen": "verwijtbaarheidsbeoordeling",
    "kwijtscheldingsbeoordelingen": "kwijtscheldingsbeoordeling",
    "schuldregelingstoetsen": "schuldregelingstoets",
    "beslagvrijevoetberekeningen": "beslagvrijevoetberekening",
}

Kenmerk = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), GeenBsn]


class Batchregel(BaseModel):
    """Eén regel van de invoer."""

    model_config = ConfigDict(extra="forbid")

    soort: Literal[
        "boeteberekeningen",
        "benadelingsbedragen",
        "verwijtbaarheidsbeoordelingen",
        "kwijtscheldingsbeoordelingen",
        "schuldregelingstoetsen",
        "beslagvrijevoetberekeningen",
    ] = Field(
        description="Welke berekening: het pad van de losse POST. Een betaalvoorstel niet: dat is één antwoord per "
        "voorstel, met een termijn, en kan vorderingen uit eerdere berekeningen halen."
    )
    kenmerk: Kenmerk = Field(description="Het kenmerk van de aanvrager voor deze regel (geen BSN); komt terug.")
    invoer: dict[str, Any] = Field(description="De body die de losse POST van deze soort zou krijgen.")


class Batchantwoordregel(BaseModel):
    """Eén regel van het antwoord (NDJSON), in de volgorde van de invoer."""

    regel: int = Field(description="Het regelnummer in de invoer (vanaf 1; lege regels tellen mee).")
    kenmerk: str | None = Field(description="Het kenmerk uit de regel; null als het ontbrak of ongeldig was.")
    status: Literal[201, 400, 422, 500, 503] = Field(
        description="201 vastgelegd; 400 ongeldige regel; 422 andere regel onder dezelfde Idempotency-Key; "
        "500 interne fout; 503 niet vastgelegd (auditopslag). Alleen bij 201 is er een auditrecord."
    )
    berekeningId: str | None = Field(None, description="Bij 201: het id van het auditrecord.")
    herhaald: bool | None = Field(None, description="true: al vastgelegd onder dezelfde Idempotency-Key (herhaling).")
    resultaat: dict | None = Field(None, description="Bij 201 en ?metResultaat=true: het volledige resultaat.")
    probleem: dict | None = Field(None, description="Bij een andere status: het probleem (RFC 9457) van deze regel.")


# In de componenten van het OpenAPI-document (verwezen vanuit het NDJSON-verzoek en -antwoord).
VERZOEKEN[Batchregel.__name__] = Batchregel
VERZOEKEN[Batchantwoordregel.__name__] = Batchantwoordregel

VOORBEELD = (
    '{"soort": "boeteberekeningen", "kenmerk": "Z-2026-0001", "invoer": {"overtreding": {"begindatum": '
    '"2025-03-01", "einddatum": "2025-10-31"}, "beschikkingsdatum": "2026-02-02", "benadelingsbedrag": "8000.00", '
    '"verwijtbaarheid": {"graad": "NORMAAL"}, "huishouden": {"leefvorm": "ALLEENSTAANDE"}}}\n'
    '{"soort": "benadelingsbedragen", "kenmerk": "Z-2026-0002", "invoer": {"perioden": [{"van": "2026-01-01", '
    '"tot": "2026-01-31", "ontvangen": "1401.50", "recht": "901.50"}]}}\n'
)


# ---------------------------------------------------------------- per regel (in een rekenproces)


def _probleem(
    status: int,
    detail: str,
    problemen: list[Invoerprobleem] | None = None,
    code: str | None = None,
    aantal: int | None = None,
) -> dict:
    """Het probleem van één regel, begrensd zoals dat van een losse POST (``MAX_PROBLEMEN``)."""
    return probleem_body(status, detail, None, problemen, code, aantal)


def _onder_invoer(problemen: list[Invoerprobleem] | None) -> list[Invoerprobleem] | None:
    """Een probleem in de invoer van een regel: het pad zoals bij de losse POST, met ``invoer.`` ervoor."""
    if problemen is None:
        return None
    return [Invoerprobleem("invoer" if p.naam == "body" else f"invoer.{p.naam}", p.code, p.reden) for p in problemen]


def _kenmerk(envelop: Any) -> str | None:
    """Het kenmerk om terug te geven, ook bij een verder ongeldige regel; nooit een ongeldig kenmerk (of een BSN)."""
    if not isinstance(envelop, dict):
        return None
    try:
        return _KENMERK.validate_python(envelop.get("kenmerk"))
    except ValidationError:
        return None


_KENMERK = TypeAdapter(Kenmerk)


def reken_regel(
    ruw: bytes | None, data, vandaag: date, pad: str | None, lijn: Beleidslijn, wie: tuple[str | None, str]
) -> tuple:
    """Eén regel: ``(201, kenmerk, soort, berekeningId, invoer, resultaat_tekst, vingerafdruk, tellingen)`` of
    ``(status, kenmerk, probleem)``. ``ruw`` None: de regel was groter dan MAX_REGEL. Zoals de losse POST: met het
    beleid van de gemeente (``lijn``) en de lopende tellingen van de spiegel voor (team, sub) ``wie``."""
    kenmerk = None
    try:
        if ruw is None:
            raise Probleem(
                400,
                "De regel is te groot.",
                [Invoerprobleem("regel", "te_groot", f"Een regel is ten hoogste {MAX_REGEL // 1024} KiB.")],
            )
        try:
            envelop = lees_json(ruw)
        except Probleem as fout:
            fout.problemen = [
                Invoerprobleem("regel" if p.naam == "body" else p.naam, p.code, p.reden) for p in fout.problemen or []
            ]
            raise
        kenmerk = _kenmerk(envelop)
        regel = valideer(envelop, Batchregel)
        soort = SOORTEN[regel.soort]
        invoer = schrijf_json(regel.invoer)  # zoals vastgelegd; de regel is al streng gelezen (lees_json)
        try:
            resultaat = rekenen.reken_gelezen(soort, regel.invoer, data, vandaag, lijn)
        except Probleem as fout:
            fout.problemen = _onder_invoer(fout.problemen)
            raise
        except Invoerfout as fout:
            raise Probleem(400, ONGELDIG, _onder_invoer(fout.problemen)) from None
    except Probleem as fout:
        return (fout.status, kenmerk, _probleem(fout.status, fout.detail, fout.problemen, fout.code, fout.aantal))
    except Exception:  # noqa: BLE001 - één regel mag de batch niet stoppen; zoals de losse POST: 500
        log.exception("Onverwachte fout bij een regel van een batch")
        return (500, kenmerk, _probleem(500, "Er ging intern iets mis. De fout is gelogd; er is niets vastgelegd."))
    berekening_id = str(uuid.uuid4())
    tekst = canonical_json({"berekeningId": berekening_id, **resultaat})
    vinger = idempotentie.vingerafdruk("POST", pad, ruw) if pad else None
    tellingen = spiegel.tellingen_van(soort, regel.invoer, resultaat, *wie)
    return (201, kenmerk, soort, berekening_id, invoer, tekst, vinger, tellingen)


def reken_blok(
    versie: str,
    inhoud: str,
    regels: list[bytes | None],
    vandaag: date,
    pad: str | None,
    lijn: Beleidslijn,
    wie: tuple[str | None, str],
) -> list[tuple]:
    """Een blok regels; draait in een rekenproces (of een thread). ``pad``: vingerafdruk maken (Idempotency-Key)."""
    data = rekenpool.regeldata(versie, inhoud)
    return [reken_regel(ruw, data, vandaag, pad, lijn, wie) for ruw in regels]


# ---------------------------------------------------------------- de stroom


def is_ndjson(content_type: str | None) -> bool:
    if not content_type:
        return False
    soort, *parameters = (deel.strip().lower() for deel in content_type.split(";"))
    if soort != NDJSON:
        return False
    return all(p.partition("=")[0].strip() == "charset" and p.partition("=")[2].strip() == "utf-8" for p in parameters)


async def invoerregels(request: Request) -> AsyncIterator[tuple[int, bytes | None]]:
    """(regelnummer, regel) per niet-lege regel, zoals de body binnenkomt; een te lange regel als None."""
    rest = b""
    nr = 0
    te_lang = False  # de huidige regel is al te lang: overslaan tot het volgende einde van een regel
    async for deel in request.stream():
        if not deel:
            continue
        delen = (rest + deel).split(b"\n")
        rest = delen.pop()
        for regel in delen:
            nr += 1
            if te_lang:
                te_lang = False
                yield nr, None
            elif regel.strip():
                yield nr, (regel if len(regel) <= MAX_REGEL else None)
        if len(rest) > MAX_REGEL:
            te_lang, rest = True, b""
    if te_lang:
        yield nr + 1, None
    elif rest.strip():
        yield nr + 1, rest


@dataclass
class _Regel:
    nr: int
    uitkomst: tuple
    toekomst: Any = None  # Future van de schrijver
    berekening_id: str | None = None
    herhaald: bool = False
    status: int = 0
    probleem: dict | None = None
    resultaat: Any = None


def _afgeleide_sleutel(sleutel: idempotentie.Sleutel, nr: int) -> str:
    """De Idempotency-Key van regel ``nr`` van een batch: eigen ruimte, past in 255 tekens, per regelnummer."""
    return f"batch:{hashlib.sha256(sleutel.waarde.encode()).hexdigest()}:{nr}"


_NIET_VASTGELEGD = (
    "De auditopslag is niet bereikbaar; deze regel is niet vastgelegd en heeft geen resultaat. Stuur de batch "
    "opnieuw met dezelfde Idempotency-Key: wat al is vastgelegd, wordt dan niet opnieuw vastgelegd."
)


async def met_eerste(eerste: tuple[int, bytes | None], rest: AsyncIterator[tuple[int, bytes | None]]):
    """De al gelezen eerste regel, dan de rest."""
    yield eerste
    async for regel in rest:
        yield regel


class _Batch:
    def __init__(
        self,
        request: Request,
        regels: AsyncIterator[tuple[int, bytes | None]],
        gebruiker: Gebruiker,
        sleutel,
        met_resultaat: bool,
    ) -> None:
        self.request = request
        self.regels = regels
        self.gebruiker = gebruiker
        self.sleutel = sleutel
        self.met_resultaat = met_resultaat
        state = request.app.state
        self.store = state.store
        self.data = state.regeldata
        self.processen = state.instellingen.rekenprocessen
        self.pad = request.url.path
        self.gestopt = False  # de opslag faalde: niets meer vastleggen
        #: De vrije tekst van het beleid waarmee de regels rekenden (zie ``beleidsteksten``): versleuteld opgeslagen.
        self.beleidsteksten: tuple[str, ...] = ()

    async def reken(self, regels: list[tuple[int, bytes | None]]) -> list[_Regel]:
        lijn = await beleidslijn(self.request, self.gebruiker.gemeente)
        self.beleidsteksten = tuple(dict.fromkeys((*self.beleidsteksten, *beleidsteksten(lijn))))
        try:
            uitkomsten = await rekenpool.reken(
                self.processen,
                reken_blok,
                self.data.versie,
                self.data.inhoud,
                [ruw for _, ruw in regels],
                vandaag(),
                self.pad if self.sleutel is not None else None,
                lijn,
                (self.gebruiker.team, self.gebruiker.sub),
            )
        except Exception:  # noqa: BLE001 - bijv. een gestopt rekenproces: deze regels 500, de rest gaat door
            log.exception("Batch: een blok kon niet worden gerekend")
            fout = _probleem(500, "Er ging intern iets mis. De fout is gelogd; er is niets vastgelegd.")
            uitkomsten = [(500, None, fout)] * len(regels)
        return [_Regel(nr, u) for (nr, _), u in zip(regels, uitkomsten, strict=True)]

    async def aanbieden(self, blok: list[_Regel]) -> None:
        """Geeft de goede regels van een blok aan de schrijver (of herhaalt ze bij een bekende Idempotency-Key)."""
        eerder = {}
        if self.sleutel is not None:
            sleutels = [_afgeleide_sleutel(self.sleutel, r.nr) for r in blok if r.uitkomst[0] == 201]
            eerder = await run_in_threadpool(self.store.idempotenties, self.gebruiker.gemeente, sleutels)
        for r in blok:
            if r.uitkomst[0] != 201:
                r.status, r.probleem = r.uitkomst[0], r.uitkomst[2]
                continue
            _, _, soort, berekening_id, invoer, tekst, vinger, tellingen = r.uitkomst
            opslag = None
            if self.sleutel is not None:
                afgeleid = _afgeleide_sleutel(self.sleutel, r.nr)
                if afgeleid in eerder:
                    self._herhaal(r, eerder[afgeleid], vinger)
                    continue
                opslag = Idempotentie(
                    self.gebruiker.gemeente, afgeleid, vinger, api_pad(self.request, f"/berekeningen/{berekening_id}")
                )
            if self.gestopt:
                r.status, r.probleem = 503, _probleem(503, _NIET_VASTGELEGD)
                continue
            r.berekening_id = berekening_id
            r.resultaat = tekst
            r.toekomst = self.store.vastleggen(
                berekening_id=berekening_id,
                soort=soort,
                invoer=invoer,
                resultaat_canoniek=tekst.encode("utf-8"),
                terug_resultaat=False,
                regelversie=self.data.versie,
                sub=self.gebruiker.sub,
                gemeente=self.gebruiker.gemeente,
                idempotentie=opslag,
                vrije_paden=vrije_paden(rekenen.SOORTEN[soort].model),
                vrije_teksten=self.beleidsteksten,
                team=self.gebruiker.team,
                tellingen=tellingen,  # de lopende tellingen van de spiegel, in dezelfde transactie
            )

    def _herhaal(self, r: _Regel, eerder, vinger: str) -> None:
        if eerder.vingerafdruk != vinger:
            r.status = 422
            r.probleem = _probleem(
                422,
                "Deze Idempotency-Key is al gebruikt voor een batch met een andere regel op dit regelnummer. "
                "Gebruik een nieuwe sleutel voor een nieuwe batch.",
                code=idempotentie.CODE_HERGEBRUIKT,
            )
            return
        r.status, r.berekening_id, r.herhaald, r.resultaat = 201, eerder.berekening_id, True, None

    async def afronden(self, blok: list[_Regel]) -> bytes:
        """Wacht op de commits van een blok en geeft de antwoordregels."""
        for r in blok:
            if r.toekomst is None:
                continue
            try:
                await wacht_op_vastleggen(self.request, r.toekomst)
                r.status = 201
            except SleutelBestaatAl:  # een gelijktijdige batch met dezelfde sleutel was eerder
                gevonden = await run_in_threadpool(
                    self.store.idempotenties, self.gebruiker.gemeente, [_afgeleide_sleutel(self.sleutel, r.nr)]
                )
                if gevonden:
                    self._herhaal(r, next(iter(gevonden.values())), r.uitkomst[6])
                else:
                    r.status, r.probleem = 409, _probleem(409, idempotentie.in_behandeling().detail)
            except OpslagNietBeschikbaar as fout:
                if not self.gestopt:
                    log.error("Batch: de auditopslag faalde; de rest van de batch wordt niet vastgelegd: %s", fout)
                self.gestopt = True
                r.status, r.probleem = 503, _probleem(503, _NIET_VASTGELEGD)
            except Exception:  # noqa: BLE001
                log.exception("Batch: onverwachte fout bij vastleggen")
                r.status, r.probleem = 500, _probleem(500, "Er ging intern iets mis; deze regel is niet vastgelegd.")
        uit = []
        for r in blok:
            regel: dict = {"regel": r.nr, "kenmerk": r.uitkomst[1], "status": r.status}
            if r.status == 201:
                regel["berekeningId"] = r.berekening_id
                if r.herhaald:
                    regel["herhaald"] = True
                if self.met_resultaat:
                    regel["resultaat"] = await self._resultaat(r)
            else:
                regel["probleem"] = r.probleem
            uit.append(orjson.dumps(regel))
        uit.append(b"")
        return b"\n".join(uit)

    async def _resultaat(self, r: _Regel):
        if r.resultaat is not None:
            return orjson.Fragment(r.resultaat)
        record = await run_in_threadpool(self.store.get, r.berekening_id, self.gebruiker.gemeente)
        return record.resultaat if record is not None else None

    def intrekken(self, blokken) -> None:
        """Het verzoek is afgebroken: wat de schrijver nog niet had, wordt nooit vastgelegd."""
        for blok in blokken:
            for r in blok if isinstance(blok, list) else ():
                if r.toekomst is not None:
                    r.toekomst.cancel()

    async def stroom(self) -> AsyncIterator[bytes]:
        rekenend: deque[asyncio.Future] = deque()
        aangeboden: deque[list[_Regel]] = deque()
        verzameld: list[tuple[int, bytes | None]] = []
        try:

            async def verder(tot: int):
                """Schuift de pijplijn door tot er ten hoogste ``tot`` blokken onderweg zijn; geeft antwoordregels."""
                while len(rekenend) + len(aangeboden) > tot:
                    # wat klaar is met rekenen meteen naar de schrijver, zodat die doorwerkt
                    while rekenend and rekenend[0].done():
                        blok = rekenend.popleft().result()
                        await self.aanbieden(blok)
                        aangeboden.append(blok)
                    if len(rekenend) + len(aangeboden) <= tot:
                        break
                    if aangeboden:
                        yield await self.afronden(aangeboden.popleft())
                    else:
                        blok = await rekenend.popleft()
                        await self.aanbieden(blok)
                        aangeboden.append(blok)

            grootte = 0
            async for nr, ruw in self.regels:
                verzameld.append((nr, ruw))
                grootte += len(ruw or b"")
                if len(verzameld) >= BLOK or grootte >= BLOK_BYTES:
                    rekenend.append(asyncio.ensure_future(self.reken(verzameld)))
                    verzameld, grootte = [], 0
                    async for deel in verder(MAX_BLOKKEN - 1):
                        yield deel
            if verzameld:
                rekenend.append(asyncio.ensure_future(self.reken(verzameld)))
            async for deel in verder(0):
                yield deel
        finally:
            for taak in rekenend:
                taak.cancel()
            self.intrekken(aangeboden)


class Ndjsonstroom(StreamingResponse):
    """Een gestreamd antwoord dat de body van het verzoek zelf nog leest: daarom zonder de aparte taak van
    Starlette die ``receive`` afluistert op een verbroken verbinding (die zou de body wegnemen)."""

    async def __call__(self, scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        try:
            async for deel in self.body_iterator:
                await send({"type": "http.response.body", "body": deel, "more_body": True})
        except (OSError, ClientDisconnect):  # de client is weg: afgebroken (wat al gecommit is, blijft)
            return
        await send({"type": "http.response.body", "body": b"", "more_body": False})


@router.post(
    "/batchberekeningen",
    summary="Veel berekeningen in één verzoek (NDJSON in, NDJSON uit)",
    description='Eén regel per verzoek: `{"soort", "kenmerk", "invoer"}`, met als soort het pad van de losse '
    "POST en als invoer diens body. Elke regel gaat door dezelfde validatie en berekening en wordt vastgelegd als "
    "eigen auditrecord. Het antwoord (200, `application/x-ndjson`) stroomt terug: één regel per invoerregel, in "
    "dezelfde volgorde, met `status` 201 en `berekeningId` (vastgelegd; het resultaat staat onder "
    "/berekeningen/{id}, of in de regel met `?metResultaat=true`), of een andere status met `probleem`: 400 "
    "(ongeldige regel, de rest gaat door), 422 (andere regel onder dezelfde Idempotency-Key), 503 (niet vastgelegd: "
    "de auditopslag faalde bij deze of een eerdere regel; daarna wordt niets meer vastgelegd). Met een "
    "Idempotency-Key geldt de sleutel per regelnummer: opnieuw sturen geeft voor elke vastgelegde regel hetzelfde "
    "`berekeningId` (`herhaald: true`) en legt alleen vast wat nog ontbrak. Elke regel ten hoogste 1 MiB; de batch "
    "zelf heeft geen maximum, maar bevat ten minste één regel (anders 400).",
    tags=["Berekeningen"],
    response_model=None,
    responses={
        200: {
            "description": "De antwoordregels (NDJSON), één per invoerregel, in volgorde.",
            "content": {NDJSON: {"schema": {"$ref": "#/components/schemas/Batchantwoordregel"}}},
        },
        400: {"description": "Ongeldige Idempotency-Key of queryparameter, of een batch zonder regels."},
        **TOEGANG,
        415: {"description": "De body is niet als application/x-ndjson aangekondigd (Content-Type)."},
        500: {"description": "Interne fout."},
        503: {"description": "De auditopslag is niet bereikbaar; er is niets vastgelegd."},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                NDJSON: {
                    # het schema en het voorbeeld gelden per regel; de body is zulke regels onder elkaar
                    "schema": {"$ref": "#/components/schemas/Batchregel"},
                    "example": orjson.loads(VOORBEELD.splitlines()[0]),
                }
            },
        },
        **idempotentie.OPENAPI,
    },
)
async def batchberekeningen(
    request: Request,
    gebruiker: Gebruiker = Depends(vereist(MEDEWERKER)),
    metResultaat: bool = Query(  # noqa: N803 - naam is contract
        False, description="true: elke regel met status 201 bevat ook het volledige `resultaat`."
    ),
) -> StreamingResponse:
    if not is_ndjson(request.headers.get("content-type")):
        raise Probleem(
            415,
            "Stuur de batch als NDJSON met de header Content-Type: application/x-ndjson (UTF-8), één verzoek per regel.",
            headers={"Accept": NDJSON},
        )
    sleutel = idempotentie.sleutel(request, b"")  # alleen de sleutel; de vingerafdruk geldt per regel
    # Een lege batch is een vergissing van de aanroeper (verkeerd bestand, afgebroken upload), geen "niets te doen":
    # die hoort een 400 te krijgen, niet een leeg antwoord. Daarom de eerste regel lezen vóór het antwoord begint,
    # en vóór de database: zoals bij een losse POST een 400 ook als de database weg is.
    regels = invoerregels(request)
    try:
        eerste = await anext(regels)
    except StopAsyncIteration:
        raise Probleem.veld(
            "body", "leeg", "De batch bevat geen regels: stuur ten minste één verzoek per regel."
        ) from None
    await zorg_dat_klaar(request)
    batch = _Batch(request, met_eerste(eerste, regels), gebruiker, sleutel, metResultaat)
    return Ndjsonstroom(batch.stroom(), media_type=NDJSON)
