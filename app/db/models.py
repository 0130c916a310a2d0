"""Tabeldefinities van de auditopslag (SQLAlchemy Core).

De migraties in ``migrations/versions`` zijn leidend voor het schema; deze metadata dient de store en
``alembic revision --autogenerate``. Wijzig het schema alleen met een nieuwe migratie.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)

#: Vaste namen voor constraints, zodat latere migraties (ook in SQLite-batchmodus) ze kunnen aanwijzen.
NAAMGEVING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAAMGEVING)

#: Sleutel van de keten voor records zonder gemeente (van vóór migratie 0002). Elke gemeente heeft een eigen keten
#: met haar CBS-code als sleutel.
GLOBALE_KETEN = "globaal"

#: BIGINT op PostgreSQL, INTEGER op SQLite (alleen ``INTEGER PRIMARY KEY`` is daar een rowid-alias).
Volgnummer = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator):
    """DateTime(timezone=True) die altijd een tijdzonebewust UTC-tijdstip teruggeeft.

    SQLite bewaart geen tijdzone: er wordt UTC opgeslagen en bij het lezen wordt UTC weer aangehecht.
    PostgreSQL geeft het tijdstip in de sessietijdzone terug; dat wordt naar UTC omgerekend.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("tijdstip moet tijdzonebewust zijn")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


auditrecord = Table(
    "auditrecord",
    metadata,
    Column("volgnummer", Volgnummer, primary_key=True, autoincrement=True),
    Column("berekening_id", String(36), nullable=False, unique=True, index=True),
    Column("soort", String(64), nullable=False),
    Column("tijdstip", UTCDateTime(), nullable=False),
    Column("invoer", Text, nullable=False),
    Column("resultaat", Text, nullable=False),  # canonieke JSON, exact zoals gehasht; geen JSON/JSONB-type
    Column("regelversie", String(64), nullable=False),
    Column("vorige_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
    # sinds 0002: keten per gemeente, wie het vroeg, en een verwijzing naar een eerder record
    Column("keten", String(64), nullable=False, server_default=GLOBALE_KETEN, index=True),
    Column("sub", String(255), nullable=True),
    Column("gemeente", String(4), nullable=True),
    Column("verwijzing", String(36), nullable=True, index=True),
    Column("uniek", String(120), nullable=True, unique=True),  # bijv. één beoordeling per maatwerkbesluit
    Column("team", String(16), nullable=True),  # sinds 0006: claim team van het token (korte code)
    UniqueConstraint("keten", "vorige_hash", name="uq_auditrecord_keten_vorige_hash"),  # geen vertakkingen
    # sinds 0005: de selectie van een impactanalyse (gemeente, soort, periode) in ketenvolgorde
    Index("ix_auditrecord_keten_soort_tijdstip", "keten", "soort", "tijdstip", postgresql_include=["volgnummer"]),
    sqlite_autoincrement=True,
)

auditketen = Table(
    "auditketen",
    metadata,
    Column("keten", String(64), primary_key=True),
    Column("laatste_hash", String(64), nullable=False),
    Column("laatste_volgnummer", Volgnummer, nullable=True),
)

#: Elke regelversie die ooit is gebruikt, met de volledige regeldata: een herberekening gebruikt precies die.
regelset = Table(
    "regelset",
    metadata,
    Column("versie", String(64), primary_key=True),
    Column("inhoud", Text, nullable=False),  # canonieke JSON van de ingelezen YAML-bestanden
    Column("vastgelegd", UTCDateTime(), nullable=False),
)

#: Idempotency-Key per gemeente (sinds 0003): welk verzoek (vingerafdruk) bij welk auditrecord hoorde. Vastgelegd in
#: dezelfde transactie als het record; de primaire sleutel (gemeente, sleutel) laat maar één record per sleutel toe.
#: Sleutels worden ten minste 24 uur bewaard; het auditrecord zelf blijft altijd (append-only).
idempotentiesleutel = Table(
    "idempotentiesleutel",
    metadata,
    Column("gemeente", String(4), primary_key=True),
    Column("sleutel", String(255), primary_key=True),
    Column("vingerafdruk", String(64), nullable=False),  # sha256 over methode, pad en canonieke body
    Column("berekening_id", String(36), nullable=False),
    Column("locatie", String(255), nullable=False),
    Column("aangemaakt", UTCDateTime(), nullable=False, index=True),
)

#: Gegevenssleutels per gemeente en periode (sinds 0004), ingepakt met de hoofdsleutel (MAATSTAF_SLEUTEL). Vrije
#: tekst in auditrecords is met zo'n sleutel versleuteld (app/db/versleuteling.py). Na de bewaartermijn wordt de
#: sleutel vernietigd: ``ingepakt`` wordt NULL en ``gewist_op`` gevuld; de rij blijft als bewijs van het wissen.
gegevenssleutel = Table(
    "gegevenssleutel",
    metadata,
    Column("sleutel_id", String(32), primary_key=True),  # "<gemeente>-<periode>", bijv. "0363-2026"
    Column("gemeente", String(4), nullable=False),
    Column("periode", Integer, nullable=False),  # kalenderjaar van vastleggen
    Column("ingepakt", Text, nullable=True),  # base64(nonce + AES-GCM(hoofdsleutel, gegevenssleutel)); NULL: gewist
    Column("aangemaakt", UTCDateTime(), nullable=False),
    Column("gewist_op", UTCDateTime(), nullable=True),
)

#: Beleidsversies per gemeente (sinds 0005, issue #10 §1): de keuzes van het college binnen de wet, met de
#: gepubliceerde beleidsregels die ze uitvoeren. Voorstellen en beoordelen zijn ook auditrecords (in dezelfde
#: transactie vastgelegd); deze tabel is de stand: VOORGESTELD, VASTGESTELD of AFGEWEZEN. Per gemeente en
#: geldigVanaf ten hoogste één vastgestelde versie (partiële unieke index). Een vastgestelde versie wordt nooit
#: gewijzigd: een herberekening rekent met precies de versie die de berekening gebruikte.
beleidsversie = Table(
    "beleidsversie",
    metadata,
    Column("beleidsversie_id", String(36), primary_key=True),  # = berekening_id van het voorstel in de audittrail
    Column("gemeente", String(4), nullable=False),
    Column("geldig_vanaf", Date, nullable=False),
    Column("waarden", Text, nullable=False),  # canonieke JSON: alleen de keuzes die de versie maakt
    Column("bron", Text, nullable=False),  # canonieke JSON: titel, cvdr, url, artikel, artikelen per keuze
    Column("status", String(16), nullable=False),
    Column("voorgesteld_door", String(255), nullable=False),
    Column("voorgesteld_op", UTCDateTime(), nullable=False),
    Column("beoordeeld_door", String(255), nullable=True),
    Column("beoordeeld_op", UTCDateTime(), nullable=True),
    Index("ix_beleidsversie_gemeente_geldig_vanaf", "gemeente", "geldig_vanaf"),
    Index(
        "ix_beleidsversie_uniek_vastgesteld",
        "gemeente",
        "geldig_vanaf",
        unique=True,
        sqlite_where=text("status = 'VASTGESTELD'"),
        postgresql_where=text("status = 'VASTGESTELD'"),
    ),
)

#: Lopende tellingen voor vergelijkbare zaken (sinds 0006, issue #10 §2): per gemeente, soort overtreding, duurklasse,
#: herhaling en maand van vastleggen (JJJJMM) het aantal per kenmerk en waarde (bijv. graad/NORMAAL). Bijgewerkt in
#: dezelfde transactie als het auditrecord. De primaire sleutel begint met de kolommen waarop wordt gezocht.
vergelijkingstelling = Table(
    "vergelijkingstelling",
    metadata,
    Column("gemeente", String(4), primary_key=True),
    Column("soort_overtreding", String(24), primary_key=True),
    Column("duurklasse", String(24), primary_key=True),
    Column("herhaling", String(12), primary_key=True),
    Column("maand", Integer, primary_key=True),
    Column("kenmerk", String(32), primary_key=True),
    Column("waarde", String(40), primary_key=True),
    Column("aantal", BigInteger, nullable=False),
)

#: Lopende tellingen voor het teamoverzicht (sinds 0006, issue #10 §3): per gemeente, maand, team ("" zonder team)
#: en medewerker (pseudoniem, "" zonder hoofdsleutel) het aantal per kenmerk en waarde.
spiegeltelling = Table(
    "spiegeltelling",
    metadata,
    Column("gemeente", String(4), primary_key=True),
    Column("maand", Integer, primary_key=True),
    Column("team", String(16), primary_key=True),
    Column("medewerker", String(16), primary_key=True),
    Column("kenmerk", String(32), primary_key=True),
    Column("waarde", String(40), primary_key=True),
    Column("aantal", BigInteger, nullable=False),
)

#: Ondertekende checkpoints van de ketens (sinds 0009, issue #20; app/db/checkpoint.py): per keten het aantal records
#: en de hash van het laatste op een tijdstip, ondertekend met een sleutel buiten de database. ``volgnummer`` (van dat
#: laatste record) is alleen voor de dienst zelf: een volgend checkpoint controleert vanaf daar. Append-only, zoals
#: auditrecord; wie de tabel leegmaakt, wordt betrapt met een kopie van een checkpoint van elders.
auditcheckpoint = Table(
    "auditcheckpoint",
    metadata,
    Column("keten", String(64), primary_key=True),
    Column("aantal", BigInteger, primary_key=True),
    Column("kop", String(64), nullable=False),
    Column("volgnummer", Volgnummer, nullable=False),
    Column("tijdstip", UTCDateTime(), nullable=False),
    Column("sleutel_id", String(16), nullable=False),
    Column("handtekening", String(100), nullable=False),
)
