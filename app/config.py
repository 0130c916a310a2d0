"""Configuratie uit omgevingsvariabelen. Zonder configuratie: een ingebedde SQLite-database in ./data."""

from __future__ import annotations

import os
from dataclasses import dataclass

API_VERSION = "1.0.0"
#: Waar de API staat: elk pad van de API begint hiermee (ook in Location-headers en links).
API_PAD = "/api/v1"
STANDAARD_DATABASE_URL = "sqlite:///./data/maatstaf.db"


_JA = ("1", "true", "ja", "yes")


@dataclass(frozen=True)
class Instellingen:
    database_url: str = STANDAARD_DATABASE_URL
    automatisch_migreren: bool = True
    max_body_bytes: int = 1024 * 1024
    #: HS256-geheim voor tokens (MAATSTAF_JWT_SECRET); ten minste 32 tekens.
    jwt_secret: str | None = None
    #: JWKS-URL voor RS256-tokens van een identity provider (MAATSTAF_JWKS_URL).
    jwks_url: str | None = None
    #: Verwachte audience (aud) en uitgever (iss) van tokens; aanbevolen bij JWKS (MAATSTAF_JWT_AUDIENCE/_ISSUER).
    jwt_audience: str | None = None
    jwt_issuer: str | None = None
    #: Map met aanvullende regeldata (MAATSTAF_REGELS_DIR): nieuwe normen of correcties zonder codewijziging.
    regels_dir: str | None = None
    #: Zo lang wacht een verzoek op de commit van zijn auditrecord voordat het de opdracht intrekt (503, niets
    #: vastgelegd); is de schrijver er al mee bezig, dan wacht het op de uitkomst (MAATSTAF_VASTLEGGEN_WACHTTIJD_S).
    vastleggen_wachttijd_s: float = 30.0
    #: Logregels als JSON (standaard, voor de logverzameling) of als tekst (MAATSTAF_LOG_FORMAAT=tekst).
    log_formaat: str = "json"
    #: GET /metrics in Prometheus-formaat aanbieden (MAATSTAF_METRICS=0 zet het uit).
    metrics: bool = True
    #: Objecten van het starten bevriezen voor de garbage collector en haar drempel verhogen (app/main.py,
    #: GC_DREMPEL); MAATSTAF_GC_BEVRIEZEN=0 zet beide uit.
    gc_bevriezen: bool = False  # uit_omgeving zet het standaard aan; apps in tests bevriezen niets
    #: Een logregel per verzoek (MAATSTAF_TOEGANGSLOG=0 zet die uit, zoals uvicorn --no-access-log).
    toegangslog: bool = True
    #: Expliciete ontwikkelmodus (MAATSTAF_ONTWIKKELING=1): zonder geheim geldt een vast ontwikkelgeheim.
    ontwikkelmodus: bool = False
    #: Hoofdsleutel (MAATSTAF_SLEUTEL, base64 van 32 bytes): pakt de gegevenssleutels in waarmee vrije tekst in de
    #: audittrail is versleuteld. Verplicht, behalve in de ontwikkelmodus.
    sleutel: str | None = None
    #: Bewaartermijn in jaren na het einde van het kalenderjaar van vastleggen (MAATSTAF_BEWAARTERMIJN_JAREN), en
    #: per gemeente (MAATSTAF_BEWAARTERMIJNEN="0363=10,0599=7"). Zonder termijn wist Maatstaf niets.
    bewaartermijn_jaren: int | None = None
    bewaartermijnen: str | None = None
    #: Rekenprocessen voor batch en impactanalyse (MAATSTAF_REKENPROCESSEN; standaard het aantal cores, 0 = in
    #: threads van het serverproces). uit_omgeving zet de standaard; apps in tests rekenen in threads.
    rekenprocessen: int = 0
    #: Map met kandidaat-regelmappen voor impactanalyses (MAATSTAF_KANDIDAATREGELS_DIR): elke submap is een
    #: regelmap zoals MAATSTAF_REGELS_DIR, met haar mapnaam als naam van de kandidaat.
    kandidaatregels_dir: str | None = None
    #: Ed25519-sleutel waarmee checkpoints van de auditketens worden ondertekend (MAATSTAF_CHECKPOINT_SLEUTEL, base64
    #: van 32 bytes; app/db/checkpoint.py). Verplicht, behalve in de ontwikkelmodus. Nooit in de database.
    checkpoint_sleutel: str | None = None
    #: Om de zoveel seconden ondertekent elke worker een checkpoint van elke keten die sinds het vorige is gegroeid
    #: (MAATSTAF_CHECKPOINT_INTERVAL_S; 0 = alleen op verzoek). uit_omgeving zet de standaard (300 s).
    checkpoint_interval_s: float = 0.0

    @classmethod
    def uit_omgeving(cls) -> Instellingen:
        return cls(
            database_url=os.environ.get("DATABASE_URL") or STANDAARD_DATABASE_URL,
            automatisch_migreren=os.environ.get("MAATSTAF_AUTO_MIGRATE", "1") not in ("0", "false", "nee"),
            jwt_secret=os.environ.get("MAATSTAF_JWT_SECRET") or None,
            jwks_url=os.environ.get("MAATSTAF_JWKS_URL") or None,
            jwt_audience=os.environ.get("MAATSTAF_JWT_AUDIENCE") or None,
            jwt_issuer=os.environ.get("MAATSTAF_JWT_ISSUER") or None,
            regels_dir=os.environ.get("MAATSTAF_REGELS_DIR") or None,
            ontwikkelmodus=os.environ.get("MAATSTAF_ONTWIKKELING", "").lower() in _JA,
            log_formaat=log_formaat(),
            metrics=os.environ.get("MAATSTAF_METRICS", "1").lower() not in ("0", "false", "nee"),
            toegangslog=os.environ.get("MAATSTAF_TOEGANGSLOG", "1").lower() not in ("0", "false", "nee"),
            gc_bevriezen=os.environ.get("MAATSTAF_GC_BEVRIEZEN", "1").lower() not in ("0", "false", "nee"),
            vastleggen_wachttijd_s=_seconden("MAATSTAF_VASTLEGGEN_WACHTTIJD_S", 30.0),
            sleutel=os.environ.get("MAATSTAF_SLEUTEL") or None,
            bewaartermijn_jaren=int(os.environ["MAATSTAF_BEWAARTERMIJN_JAREN"])
            if os.environ.get("MAATSTAF_BEWAARTERMIJN_JAREN")
            else None,
            bewaartermijnen=os.environ.get("MAATSTAF_BEWAARTERMIJNEN") or None,
            rekenprocessen=_aantal("MAATSTAF_REKENPROCESSEN", os.cpu_count() or 1),
            kandidaatregels_dir=os.environ.get("MAATSTAF_KANDIDAATREGELS_DIR") or None,
            checkpoint_sleutel=os.environ.get("MAATSTAF_CHECKPOINT_SLEUTEL") or None,
            checkpoint_interval_s=_interval("MAATSTAF_CHECKPOINT_INTERVAL_S", 300.0),
        )

    def tokengeheim(self) -> str | None:
        """Het HS256-geheim dat geldt: het ingestelde, of in ontwikkelmodus het ontwikkelgeheim."""
        from app.api.http.auth import ONTWIKKELGEHEIM

        if self.jwt_secret:
            return self.jwt_secret
        if self.ontwikkelmodus and not self.jwks_url:
            return ONTWIKKELGEHEIM
        return None

    def hoofdsleutel(self) -> bytes:
        """De hoofdsleutel die geldt: de ingestelde, of in de ontwikkelmodus de vaste ontwikkelsleutel."""
        from app.db.versleuteling import ONTWIKKELSLEUTEL, lees_hoofdsleutel

        if self.sleutel:
            try:
                return lees_hoofdsleutel(self.sleutel)
            except ValueError as fout:
                raise Configuratiefout(str(fout)) from None
        if self.ontwikkelmodus:
            return ONTWIKKELSLEUTEL
        raise Configuratiefout(
            "MAATSTAF_SLEUTEL ontbreekt: Maatstaf start niet zonder hoofdsleutel voor de vrije tekst in de "
            "audittrail (base64 van 32 bytes, bijv. `openssl rand -base64 32`). Lokaal: MAATSTAF_ONTWIKKELING=1."
        )

    def checkpointsleutel(self):
        """De Ed25519-sleutel voor checkpoints: de ingestelde, of in de ontwikkelmodus de vaste ontwikkelsleutel."""
        from app.db.checkpoint import lees_sleutel, ontwikkelsleutel

        if self.checkpoint_sleutel:
            try:
                return lees_sleutel(self.checkpoint_sleutel)
            except ValueError as fout:
                raise Configuratiefout(str(fout)) from None
        if self.ontwikkelmodus:
            return ontwikkelsleutel()
        raise Configuratiefout(
            "MAATSTAF_CHECKPOINT_SLEUTEL ontbreekt: Maatstaf start niet zonder sleutel voor de checkpoints van de "
            "audittrail (base64 van 32 bytes, bijv. `openssl rand -base64 32`; bewaar hem buiten de database). "
            "Lokaal: MAATSTAF_ONTWIKKELING=1."
        )

    def bewaartermijn(self, gemeente: str) -> int | None:
        """De bewaartermijn in jaren voor deze gemeente, of None als er geen is ingesteld."""
        for deel in (self.bewaartermijnen or "").split(","):
            code, _, jaren = deel.strip().partition("=")
            if code.strip() == gemeente and jaren.strip():
                return int(jaren)
        return self.bewaartermijn_jaren


def log_formaat() -> str:
    """``MAATSTAF_LOG_FORMAAT``: ``tekst``, anders ``json``."""
    return "tekst" if os.environ.get("MAATSTAF_LOG_FORMAAT", "").lower() == "tekst" else "json"


class Configuratiefout(RuntimeError):
    """De service weigert te starten: de configuratie is onveilig of onvolledig."""


def _seconden(naam: str, standaard: float) -> float:
    tekst = os.environ.get(naam)
    if not tekst:
        return standaard
    try:
        waarde = float(tekst)
    except ValueError:
        waarde = -1.0
    if not 0 < waarde < 3600:
        raise Configuratiefout(f"{naam} moet een aantal seconden zijn tussen 0 en 3600, niet {tekst!r}.")
    return waarde


def _interval(naam: str, standaard: float) -> float:
    """Een aantal seconden van 0 (uit) tot een dag."""
    tekst = os.environ.get(naam)
    if not tekst:
        return standaard
    try:
        waarde = float(tekst)
    except ValueError:
        waarde = -1.0
    if not 0 <= waarde <= 86400:
        raise Configuratiefout(f"{naam} moet een aantal seconden zijn van 0 (uit) tot en met 86400, niet {tekst!r}.")
    return waarde


def _aantal(naam: str, standaard: int) -> int:
    tekst = os.environ.get(naam)
    if not tekst:
        return standaard
    if not tekst.isdigit() or int(tekst) > 64:
        raise Configuratiefout(f"{naam} moet een geheel getal zijn van 0 tot en met 64, niet {tekst!r}.")
    return int(tekst)
