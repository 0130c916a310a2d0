"""Ondertekende checkpoints van de auditketens (issue #20, 7), naar het voorbeeld van Certificate Transparency.

De hashketen bewijst dat records niet los van elkaar zijn gewijzigd, maar niet dat de keten zelf niet is ingekort of
herschreven: de hash heeft geen geheim en de kop (``auditketen``) staat in dezelfde database. Wie daar kan schrijven,
verwijdert het laatste record en zet de kop terug, of wijzigt een record en rekent alle latere hashes opnieuw uit;
de keten klopt dan weer met zichzelf.

Een **checkpoint** legt de stand van een keten vast zoals een *signed tree head* in CT: het aantal records, de hash
van het laatste (de kop) en het tijdstip, ondertekend met een Ed25519-sleutel die de database niet heeft
(``MAATSTAF_CHECKPOINT_SLEUTEL``, in de omgeving van de dienst). Wie een checkpoint bewaart buiten de database (de
auditor, een ander systeem, een back-up), kan later nagaan dat de keten op die plaats nog precies die hash heeft:

- **ingekort**: de keten telt minder records dan het checkpoint;
- **herschreven**: het record op de plaats van het checkpoint heeft een andere hash. Elke hash hangt af van alle
  records ervoor, dus dit vangt elke wijziging tot en met die plaats, ook als alle latere hashes opnieuw zijn
  uitgerekend.

Zonder de sleutel is geen geldig checkpoint te maken. De ondertekende tekst (een *note*, zoals de checkpoints van Go's
sumdb en van transparency logs)::

    maatstaf-checkpoint/v1
    keten 0363
    aantal 42
    kop 3f…(64 hex)
    tijdstip 2026-12-07T14:00:00.123456+00:00

Puur: geen database.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

FORMAAT = "maatstaf-checkpoint/v1"
ALGORITME = "Ed25519"

#: Alleen in de expliciete ontwikkelmodus (MAATSTAF_ONTWIKKELING=1) en alleen zonder MAATSTAF_CHECKPOINT_SLEUTEL:
#: iedereen kent deze sleutel, dus een checkpoint ermee bewijst niets.
ONTWIKKELSLEUTEL = b"maatstaf-checkpoint-ONTWIKKELING"  # 32 bytes


class Checkpointfout(ValueError):
    """Een checkpoint is onleesbaar, of de handtekening klopt niet."""


def lees_sleutel(waarde: str) -> Ed25519PrivateKey:
    """``MAATSTAF_CHECKPOINT_SLEUTEL``: base64 van de 32 bytes van een Ed25519-sleutel (``openssl rand -base64 32``
    is er een)."""
    try:
        ruw = base64.b64decode(waarde.strip(), validate=True)
    except (ValueError, binascii.Error):
        raise ValueError("MAATSTAF_CHECKPOINT_SLEUTEL is geen geldige base64.") from None
    if len(ruw) != 32:
        raise ValueError("MAATSTAF_CHECKPOINT_SLEUTEL moet base64 zijn van precies 32 bytes (een Ed25519-sleutel).")
    return Ed25519PrivateKey.from_private_bytes(ruw)


def ontwikkelsleutel() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(ONTWIKKELSLEUTEL)


def publiek(sleutel: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    """De 32 bytes van de publieke sleutel."""
    if isinstance(sleutel, Ed25519PrivateKey):
        sleutel = sleutel.public_key()
    return sleutel.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def publiek_tekst(sleutel: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    return base64.b64encode(publiek(sleutel)).decode("ascii")


def lees_publieke_sleutel(waarde: str) -> Ed25519PublicKey:
    """Een publieke sleutel zoals ``publiek_tekst`` hem geeft (base64 van 32 bytes)."""
    try:
        ruw = base64.b64decode(waarde.strip(), validate=True)
        if len(ruw) != 32:
            raise ValueError
        return Ed25519PublicKey.from_public_bytes(ruw)
    except (ValueError, binascii.Error):
        raise ValueError("Een publieke sleutel is base64 van precies 32 bytes (Ed25519).") from None


def sleutel_id(sleutel: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """Korte naam van een sleutel: de eerste 16 hextekens van de sha256 van de publieke sleutel."""
    return hashlib.sha256(publiek(sleutel)).hexdigest()[:16]


@dataclass(frozen=True)
class Checkpoint:
    keten: str
    aantal: int
    kop: str
    tijdstip: datetime
    sleutel_id: str
    handtekening: str  # base64 van 64 bytes

    def tekst(self) -> bytes:
        """Wat er is ondertekend."""
        return ondertekende_tekst(self.keten, self.aantal, self.kop, self.tijdstip)

    def als_dict(self) -> dict:
        return {
            "formaat": FORMAAT,
            "keten": self.keten,
            "aantal": self.aantal,
            "kop": self.kop,
            "tijdstip": _tijdstip(self.tijdstip),
            "sleutelId": self.sleutel_id,
            "handtekening": self.handtekening,
        }

    @classmethod
    def uit_dict(cls, d: object) -> Checkpoint:
        """Een checkpoint zoals ``als_dict`` (of ``GET /audit/checkpoints``) het geeft."""
        try:
            if not isinstance(d, dict) or d.get("formaat") != FORMAAT:
                raise ValueError
            aantal = d["aantal"]
            if isinstance(aantal, bool) or not isinstance(aantal, int) or aantal < 1:
                raise ValueError
            tijdstip = datetime.fromisoformat(d["tijdstip"])
            if tijdstip.tzinfo is None:
                raise ValueError
            velden = (d["keten"], d["kop"], d["sleutelId"], d["handtekening"])
            if not all(isinstance(v, str) for v in velden):
                raise ValueError
            return cls(d["keten"], aantal, d["kop"], tijdstip, d["sleutelId"], d["handtekening"])
        except (KeyError, TypeError, ValueError):
            raise Checkpointfout(f"Geen checkpoint in het formaat {FORMAAT}.") from None


def _tijdstip(tijdstip: datetime) -> str:
    return tijdstip.astimezone(UTC).isoformat(timespec="microseconds")


def ondertekende_tekst(keten: str, aantal: int, kop: str, tijdstip: datetime) -> bytes:
    regels = (FORMAAT, f"keten {keten}", f"aantal {aantal}", f"kop {kop}", f"tijdstip {_tijdstip(tijdstip)}")
    return ("\n".join(regels) + "\n").encode("utf-8")


def onderteken(sleutel: Ed25519PrivateKey, keten: str, aantal: int, kop: str, tijdstip: datetime) -> Checkpoint:
    handtekening = sleutel.sign(ondertekende_tekst(keten, aantal, kop, tijdstip))
    return Checkpoint(keten, aantal, kop, tijdstip, sleutel_id(sleutel), base64.b64encode(handtekening).decode("ascii"))


def controleer(checkpoint: Checkpoint, sleutel: Ed25519PublicKey) -> None:
    """Raises Checkpointfout als het checkpoint niet met deze sleutel is ondertekend (of is gewijzigd)."""
    if checkpoint.sleutel_id != sleutel_id(sleutel):
        raise Checkpointfout(
            f"Dit checkpoint is ondertekend met sleutel {checkpoint.sleutel_id}, niet met {sleutel_id(sleutel)}."
        )
    try:
        sleutel.verify(base64.b64decode(checkpoint.handtekening, validate=True), checkpoint.tekst())
    except (InvalidSignature, ValueError, binascii.Error):
        raise Checkpointfout("De handtekening van dit checkpoint klopt niet: het is gewijzigd of vervalst.") from None
