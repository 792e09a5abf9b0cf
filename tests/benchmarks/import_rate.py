"""How fast ``import_contributions`` takes in a 10,000-line file.

Run with ``make bench`` or directly:
    .venv/bin/python tests/benchmarks/import_rate.py [LINES]
It builds a scratch SQLite database under var/bench/, writes LINES realistic
lines (the seed generator's, with their own external ids) and times the
import of the file, then the re-import (every line skipped).
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "var" / "bench"


def manage(*args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def main(lines=10_000):
    BENCH.mkdir(parents=True, exist_ok=True)
    database = BENCH / "import.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "siteconf.settings.dev",
    }
    manage("migrate", "--no-input", env=env)
    manage("setup_site", "--no-staff", env=env)

    sys.path.insert(0, str(ROOT))
    os.environ.update(env)
    import django

    django.setup()
    from forum.importing import Vocabulary
    from forum.seeding import seed_row

    vocabulary = Vocabulary()
    path = BENCH / "contributions.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(1, lines + 1):
            row = seed_row(99, n, vocabulary)
            row["external_id"] = f"bench-{n}"
            out.write(json.dumps(row, ensure_ascii=False) + "\n")

    for label in ("import", "re-import (all skipped)"):
        start = time.perf_counter()
        manage("import_contributions", str(path), env=env)
        seconds = time.perf_counter() - start
        print(f"{label}: {lines} lines in {seconds:.1f} s = {lines / seconds:,.0f} lines/s (incl. ~start-up)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
