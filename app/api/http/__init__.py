"""Het loodgieterswerk dat elke feature van de API deelt: probleemdetails (RFC 9457), typen en datums, strenge
JSON-invoer, aanmelden en rollen, vrije tekst zonder BSN, Idempotency-Key en de middleware. Geen endpoints."""
