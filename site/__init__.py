"""Project configuration: settings, URLs, WSGI/ASGI. Imported as ``siteconf``."""
