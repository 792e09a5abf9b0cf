"""Import alias for the project configuration package in ``site/``.

The design keeps project configuration in a folder named ``site/``, but
Python's standard library owns the module name ``site`` (it is imported
before any user code runs), so ``import site.settings`` can never work.
This module makes ``site/`` importable as ``siteconf``: every launcher
(manage.py, gunicorn, pytest, workers) then uses ``siteconf.settings``,
``siteconf.urls`` and ``siteconf.wsgi`` with no start-up hook.
"""

from pathlib import Path

__path__ = [str(Path(__file__).resolve().parent / "site")]
