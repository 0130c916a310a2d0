"""De HTTP-laag: vertaalt JSON naar domeinobjecten en terug, en bewaakt het contract van SPEC §4."""
