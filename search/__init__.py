"""Search: the site search view; the contribution index and query API grow here."""
