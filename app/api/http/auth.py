"""Wie vraagt er: `Authorization: Bearer <JWT>` met sub, gemeente en rollen.

- HS256 met het geheim uit ``MAATSTAF_JWT_SECRET``; RS256 met sleutels van ``MAATSTAF_JWKS_URL`` (productie).
- Claims: ``sub`` (persoon of systeem), ``gemeente`` (CBS-gemeentecode, vier cijfers, bijv. "0363"), ``rollen``
  (een of meer van medewerker, beoordelaar, auditor, beleidsmedewerker, beleidsbeheerder), ``exp`` en optioneel
  ``team`` (een korte code zoals "HANDHAVING-NOORD": hoofdletters, cijfers, - en _, ten hoogste 16 tekens; geen
  persoonsgegevens).
- Geen, een ongeldig of een verlopen token: 401 (met ``WWW-Authenticate: Bearer``). Een rol die dit niet mag: 403.
  Is de JWKS van de identity provider niet (bruikbaar) op te halen: 503, want dan ligt het niet aan het token.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass

import jwt
from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.api.http.problemen import Probleem
from app.persoonsgegevens import bevat_bsn
from app.waarneming import OORZAAK_503

log = logging.getLogger("maatstaf")

MEDEWERKER = "medewerker"
BEOORDELAAR = "beoordelaar"
AUDITOR = "auditor"
#: Ziet het teamoverzicht van de eigen gemeente (issue #10 §3): tellingen, nooit een zaak of een medewerker bij naam.
BELEIDSMEDEWERKER = "beleidsmedewerker"
#: Stelt beleidsversies van de gemeente voor en vast, met vier ogen (issue #10 §1).
BELEIDSBEHEERDER = "beleidsbeheerder"
ROLLEN = (MEDEWERKER, BEOORDELAAR, AUDITOR, BELEIDSMEDEWERKER, BELEIDSBEHEERDER)

#: Alleen in de expliciete ontwikkelmodus (MAATSTAF_ONTWIKKELING=1) en alleen als er geen geheim is ingesteld.
ONTWIKKELGEHEIM = "maatstaf-ontwikkelgeheim-NIET-voor-productie-0000000000"

#: Een CBS-gemeentecode: vier ASCII-cijfers, niet "0000" (CBS nummert vanaf 0001); met fullmatch (geen "0363\n").
_GEMEENTECODE = re.compile(r"(?!0000)[0-9]{4}")


def is_gemeentecode(code: object) -> bool:
    """Is dit een CBS-gemeentecode (vier cijfers, niet 0000)? Ook voor ``maatstaf token`` en de beheeropdrachten."""
    return isinstance(code, str) and _GEMEENTECODE.fullmatch(code) is not None


#: Een teamcode: een korte code, geen naam van een persoon (alleen hoofdletters, cijfers, - en _; met fullmatch).
_TEAMCODE = re.compile(r"[A-Z0-9][A-Z0-9_-]{0,15}")
_SPELING_S = 30  # klokverschil tussen uitgever en Maatstaf
#: Een token is een paar honderd tekens; langer dan dit wordt niet gedecodeerd (401).
MAX_TOKEN_TEKENS = 8192
#: exp uiterlijk 9999-12-31T23:59:59Z; een grotere of niet-gehele exp is geen geldige tijd.
_MAX_EXP = 253402300799

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="bearerAuth",
    bearerFormat="JWT",
    description='JWT met de claims `sub` (persoon of systeem), `gemeente` (CBS-gemeentecode, bijv. "0363"), '
    "`rollen` (medewerker, beoordelaar, auditor, beleidsmedewerker, beleidsbeheerder), `exp` en optioneel `team` "
    "(korte code). HS256 (MAATSTAF_JWT_SECRET) of RS256 via JWKS "
    "(MAATSTAF_JWKS_URL). Lokaal: `make token`.",
)


@dataclass(frozen=True)
class Gebruiker:
    sub: str
    gemeente: str
    rollen: frozenset[str]
    team: str | None = None


class OngeldigToken(Exception):
    """Het token is niet te vertrouwen; de tekst is veilig om terug te geven."""


class SleutelsOnbereikbaar(Exception):
    """De JWKS van de identity provider is niet op te halen: niet de schuld van het token (503, geen 401)."""


class Verificateur:
    """Controleert handtekening, geldigheid en claims van een token."""

    def __init__(
        self,
        geheim: str | None,
        jwks_url: str | None = None,
        audience: str | None = None,
        issuer: str | None = None,
    ) -> None:
        if not geheim and not jwks_url:
            raise ValueError("Er is geen geheim en geen JWKS-URL om tokens mee te controleren.")
        self._geheim = geheim
        # De sleutelset wordt JWKS_GELDIG_S onthouden; een onbekende kid haalt hem eerder opnieuw op (PyJWT houdt
        # daartussen een afkoelperiode aan). Geen cache per sleutel zonder vervaldatum (cache_keys): een sleutel die
        # de identity provider intrekt, moet binnen JWKS_GELDIG_S niet meer gelden.
        self._jwks = (
            jwt.PyJWKClient(jwks_url, cache_keys=False, lifespan=self.JWKS_GELDIG_S, timeout=5) if jwks_url else None
        )
        self._audience = audience
        self._issuer = issuer
        # Een backofficesysteem gebruikt hetzelfde token voor veel verzoeken: een gecontroleerd token wordt kort
        # onthouden (tot CACHE_S, en nooit voorbij zijn exp). Alleen geldige tokens; een ongeldig token kost altijd
        # de volledige controle.
        self._cache: dict[str, tuple[Gebruiker, float]] = {}

    CACHE_S = 60.0
    CACHE_MAX = 4096
    JWKS_GELDIG_S = 300.0

    def controleer(self, token: str) -> Gebruiker:
        nu = time.time()
        bewaard = self._cache.get(token)
        if bewaard is not None and bewaard[1] > nu:
            return bewaard[0]
        wie, exp = self._controleer(token)
        if len(self._cache) >= self.CACHE_MAX:
            self._cache.clear()
        self._cache[token] = (wie, min(nu + self.CACHE_S, exp))
        return wie

    @property
    def gebruikt_jwks(self) -> bool:
        return self._jwks is not None

    def _controleer(self, token: str) -> tuple[Gebruiker, float]:
        try:
            kop = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise OngeldigToken("Het token is geen geldige JWT.") from None
        algoritme = kop.get("alg")
        if algoritme == "HS256" and self._geheim:
            sleutel = self._geheim
        elif algoritme == "RS256" and self._jwks is not None:
            try:
                sleutel = self._jwks.get_signing_key_from_jwt(token).key
            except (jwt.PyJWKClientConnectionError, jwt.PyJWKSetError) as fout:
                log.warning("JWKS niet (bruikbaar) op te halen van %s: %s", self._jwks.uri, fout)
                raise SleutelsOnbereikbaar() from None
            except jwt.PyJWKClientError:
                raise OngeldigToken("De sleutel van dit token is niet bekend (JWKS).") from None
        else:
            raise OngeldigToken(f"Het algoritme {str(algoritme)[:20]!r} wordt niet geaccepteerd.")
        verplicht = ["exp", "sub"] + (["aud"] if self._audience else []) + (["iss"] if self._issuer else [])
        try:
            claims = jwt.decode(
                token,
                sleutel,
                algorithms=[algoritme],
                leeway=_SPELING_S,
                audience=self._audience,
                issuer=self._issuer,
                # Zonder ingestelde audience wordt een aud-claim niet gecontroleerd (anders weigert PyJWT elk token
                # met aud); in productie stel je MAATSTAF_JWT_AUDIENCE in.
                options={"require": verplicht, "verify_aud": self._audience is not None},
            )
        except jwt.ExpiredSignatureError:
            raise OngeldigToken("Het token is verlopen.") from None
        except jwt.InvalidAudienceError:
            raise OngeldigToken("Het token is niet voor Maatstaf bestemd (aud).") from None
        except jwt.InvalidIssuerError:
            raise OngeldigToken("Het token komt niet van de verwachte uitgever (iss).") from None
        except jwt.MissingRequiredClaimError as fout:
            raise OngeldigToken(f"Het token mist de claim {fout.claim!r}.") from None
        except jwt.PyJWTError:
            raise OngeldigToken("De handtekening of inhoud van het token is ongeldig.") from None
        exp = claims["exp"]
        if isinstance(exp, bool) or not isinstance(exp, int) or not 0 < exp <= _MAX_EXP:
            raise OngeldigToken("De claim 'exp' moet een geheel aantal seconden sinds 1970 zijn, vóór het jaar 10000.")
        return _gebruiker(claims), float(exp) + _SPELING_S


def _gebruiker(claims: dict) -> Gebruiker:
    sub, gemeente, rollen = claims.get("sub"), claims.get("gemeente"), claims.get("rollen")
    if not isinstance(sub, str) or not sub.strip():
        raise OngeldigToken("De claim 'sub' ontbreekt of is leeg.")
    if bevat_bsn(sub):
        # sub gaat in elk auditrecord: een BSN zou daar voor altijd staan (AVG)
        raise OngeldigToken(
            "De claim 'sub' bevat een BSN. Maatstaf bewaart sub in elk auditrecord: gebruik een "
            "medewerkerscode of systeemnaam, geen BSN."
        )
    if not is_gemeentecode(gemeente):
        raise OngeldigToken(
            "De claim 'gemeente' moet een CBS-gemeentecode van vier cijfers zijn (niet 0000), bijv. \"0363\"."
        )
    if not isinstance(rollen, list) or not rollen or not all(isinstance(r, str) and r in ROLLEN for r in rollen):
        raise OngeldigToken(f"De claim 'rollen' moet een lijst zijn met een of meer van: {', '.join(ROLLEN)}.")
    team = claims.get("team")
    if team is not None and (not isinstance(team, str) or not _TEAMCODE.fullmatch(team) or bevat_bsn(team)):
        # team gaat in elk auditrecord en in de tellingen van het teamoverzicht: alleen een korte code
        raise OngeldigToken(
            "De claim 'team' moet een korte teamcode zijn (hoofdletters, cijfers, - en _, ten hoogste 16 tekens), "
            'bijv. "HANDHAVING-NOORD"; geen naam of ander persoonsgegeven.'
        )
    return Gebruiker(sub.strip(), gemeente, frozenset(rollen), team)


def maak_token(
    sub: str,
    gemeente: str,
    rollen: tuple[str, ...] | list[str],
    geheim: str,
    geldig_seconden: int = 8 * 3600,
    team: str | None = None,
) -> str:
    """Een HS256-token (ontwikkeling, tests en de opdracht ``maatstaf token``)."""
    nu = int(time.time())
    claims = {"sub": sub, "gemeente": gemeente, "rollen": list(rollen), "iat": nu, "exp": nu + geldig_seconden}
    if team is not None:
        claims["team"] = team
    return jwt.encode(claims, geheim, algorithm="HS256")


_WWW = {"WWW-Authenticate": 'Bearer realm="maatstaf"'}


#: openapi_extra van een operatie die ``aanmelden`` zelf aanroept: hetzelfde securityvereiste dat FastAPI bij
#: ``Depends(vereist(...))`` in het document zet (de securityScheme ``bearerAuth`` hierboven).
BEVEILIGD = {"security": [{bearer.scheme_name: []}]}


def _rollen_bekend(rollen: tuple[str, ...]) -> None:
    onbekend = set(rollen) - set(ROLLEN)
    if onbekend:
        raise ValueError(f"onbekende rol(len): {onbekend}")


async def aanmelden(request: Request, *rollen: str) -> Gebruiker:
    """De Gebruiker van het token in de Authorization-header; met ``rollen``: ten minste een daarvan (anders 403).

    Een gewone functie, voor de berekeningen (issue #9, het slanke verzoekpad): FastAPI hoeft per verzoek geen
    afhankelijkheden op te lossen. De operatie zet ``BEVEILIGD`` in haar openapi_extra. Een route met eigen query- of
    padparameters gebruikt ``Depends(vereist(...))``: dan komt een 401 vóór een 400 over die parameters."""
    _rollen_bekend(rollen)
    return await _controleer(request, await bearer(request), rollen)


def vereist(*rollen: str):
    """Afhankelijkheid die de Gebruiker geeft; met ``rollen``: ten minste een daarvan (anders 403)."""
    _rollen_bekend(rollen)

    async def gebruiker(request: Request, kop: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Gebruiker:
        return await _controleer(request, kop, rollen)

    return gebruiker


async def _controleer(request: Request, kop: HTTPAuthorizationCredentials | None, rollen: tuple[str, ...]) -> Gebruiker:
    if kop is None or kop.scheme.lower() != "bearer" or not kop.credentials:
        raise Probleem(401, "Stuur een token mee: Authorization: Bearer <JWT>.", headers=_WWW)
    if len(kop.credentials) > MAX_TOKEN_TEKENS:
        raise Probleem(
            401,
            f"Het token is langer dan {MAX_TOKEN_TEKENS} tekens en wordt niet gelezen.",
            headers={"WWW-Authenticate": 'Bearer realm="maatstaf", error="invalid_token"'},
        )
    verificateur: Verificateur = request.app.state.verificateur
    try:
        if verificateur.gebruikt_jwks:  # kan de sleutels ophalen: niet op de event loop
            wie = await run_in_threadpool(verificateur.controleer, kop.credentials)
        else:
            wie = verificateur.controleer(kop.credentials)
    except OngeldigToken as fout:
        raise Probleem(
            401, str(fout), headers={"WWW-Authenticate": 'Bearer realm="maatstaf", error="invalid_token"'}
        ) from None
    except SleutelsOnbereikbaar:
        request.scope[OORZAAK_503] = "identity_provider"
        raise Probleem(
            503,
            "De sleutels van de identity provider zijn nu niet op te halen; probeer het later opnieuw.",
            headers={"Retry-After": "30"},
        ) from None
    if rollen and not wie.rollen & set(rollen):
        raise Probleem(403, f"Hiervoor is de rol {' of '.join(rollen)} nodig.")
    request.state.gebruiker = wie
    return wie
