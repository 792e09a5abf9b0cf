"""Run a command against a throwaway PostgreSQL server on loopback.

    python tests/pg_cluster.py -- pytest tests/test_search_database.py
    python tests/pg_cluster.py --keep var/bench/pg-100000 -- python tests/benchmarks/...

Starts a cluster from Debian's ``postgresql`` package in a temporary
directory (initdb, pg_ctl, a free port on 127.0.0.1, trust authentication:
nothing but this machine can reach it), creates the database ``hub``, runs
the command with ``DATABASE_URL`` pointing at it, and always stops and
deletes the cluster afterwards. The exit status is the command's. With
``--keep DIR`` the cluster lives in DIR and is kept when stopped: the next
run with the same DIR starts it again with its data (a benchmark's seeded
corpus is seeded once).

Durability is off (fsync, synchronous_commit, full_page_writes): the data
lives for one test run. As root, the server runs as the ``postgres`` user the
package creates, since PostgreSQL refuses to run as root.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATABASE = "hub"


def server_binaries():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[4]))
    if not found:
        sys.exit("PostgreSQL is missing: `make test` installs it, or apt-get install postgresql")
    return Path(found[-1]).parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    def __init__(self, keep=None):
        self.bin = server_binaries()
        self.keep = keep
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
        self.root = keep.resolve() if keep else Path(tempfile.mkdtemp(prefix="hub-postgres-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.as_root = os.geteuid() == 0

    def _run(self, *args, **kwargs):
        command = [str(a) for a in args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=True, stdout=subprocess.DEVNULL, **kwargs)

    def start(self):
        if self.as_root:
            postgres = pwd.getpwnam("postgres")
            os.chown(self.root, postgres.pw_uid, postgres.pw_gid)
        kept = (self.data / "PG_VERSION").exists()
        if not kept:
            self._run(
                self.bin / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
                "--locale=C.UTF-8",
            )  # fmt: skip
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
            " -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(self.bin / "pg_ctl", "-D", self.data, "-l", self.root / "log", "-w", "-o", options, "start")
        if not kept:
            self._run(self.bin / "createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", DATABASE)
        return f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def stop(self):
        try:
            if (self.data / "postmaster.pid").exists():
                # A kept cluster is stopped cleanly: its data outlives the run.
                mode = "fast" if self.keep else "immediate"
                self._run(self.bin / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")
        finally:
            if not self.keep:
                shutil.rmtree(self.root, ignore_errors=True)


def main(argv):
    if "--" not in argv or argv.index("--") == len(argv) - 1:
        sys.exit(__doc__)
    command = argv[argv.index("--") + 1 :]
    options = argv[: argv.index("--")]
    keep = Path(options[options.index("--keep") + 1]) if "--keep" in options else None
    cluster = Cluster(keep)
    started = time.perf_counter()
    try:
        url = cluster.start()
        print(f"PostgreSQL on {url} (started in {time.perf_counter() - started:.1f} s)", flush=True)
        return subprocess.run(command, env={**os.environ, "DATABASE_URL": url}).returncode
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
