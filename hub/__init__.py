"""Editorial hub: Wagtail pages and the shared GCM taxonomy."""
