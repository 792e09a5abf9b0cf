"""gunicorn settings for the production profile: ``gunicorn -c site/gunicorn.conf.py siteconf.wsgi``.

Every value can be changed with an environment variable (listed in the
README's "Production" section) or a command-line option, which wins.
"""

import gc
import os

# Loopback unless told otherwise: a reverse proxy (TLS) or the container
# runtime publishes the port.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: the views do blocking database and search calls. Two
# per core plus one is gunicorn's advice; memory (quality-targets P14: about
# 250 MB each) is the other bound on a small machine.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
worker_class = "sync"
# A request taking longer than this is a bug or an attack: its worker is
# killed and replaced. Exports stream, so they stay under it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# Load the application once in the master, then fork: workers share its
# memory and a broken configuration stops the start instead of looping.
preload_app = True
# Access log to standard output, errors to standard error.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
# Behind a proxy on the same host or network; trust its X-Forwarded-* only
# from the addresses listed (gunicorn's default is 127.0.0.1 only).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No control socket: the process manager (or Ctrl-C) stops the server.
control_socket_disable = True


# Copy-on-write: a worker's garbage collector writes into the header of every
# object it examines, so each collection copied the master's pages into the
# worker. The master collects nothing while it loads the application (no
# freed holes between its objects), and freezes them before each fork: the
# workers' collectors then leave them, and their pages, alone (the Python
# documentation's advice for gc.freeze).
gc.disable()


def pre_fork(server, worker):
    gc.freeze()


def post_fork(server, worker):
    gc.enable()
    # Database connections opened while preloading must not be shared by the
    # forked workers.
    from django.db import connections

    connections.close_all()
