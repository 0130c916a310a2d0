"""Configuratie uit omgevingsvariabelen. Zonder configuratie: een ingebedde SQLite-database in ./data."""

from __future__ import annotations

import os
from dataclasses import dataclass

API_VERSION = "1.0.0"
STANDAARD_DATABASE_URL = "sqlite:///./data/maatstaf.db"


@dataclass(frozen=True)
class Instellingen:
    database_url: str = STANDAARD_DATABASE_URL
    automatisch_migreren: bool = True
    max_body_bytes: int = 1024 * 1024

    @classmethod
    def uit_omgeving(cls) -> Instellingen:
        return cls(
            database_url=os.environ.get("DATABASE_URL") or STANDAARD_DATABASE_URL,
            automatisch_migreren=os.environ.get("MAATSTAF_AUTO_MIGRATE", "1") not in ("0", "false", "nee"),
        )
