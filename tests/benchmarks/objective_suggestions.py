"""Top-3 accuracy of the suggested objectives on the labelled set.

Run directly:
    .venv/bin/python tests/benchmarks/objective_suggestions.py [--count 200] [--seed 1] [--reuse]

Builds a scratch SQLite database var/bench/suggestions.sqlite3 (migrate,
``setup_site``, which loads the taxonomy and the thesaurus), then prints,
for the 120 contributions of tests/data/objective_suggestion_set.json, the
share whose main objective is among the three best suggestions, overall and
per language: first from the day-one model (thesaurus and descriptions
alone), then after ``seed_contributions --count N --seed S`` (the demo:
200, seed 1) and training on it. It also prints top-1 and top-5, and how long
fitting took. The labelled set is scored, never trained on. ``--reuse``
keeps a database already built (after the thesaurus changed, build again).
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "var" / "bench"


def manage(*args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def line(name, model, items, seconds):
    from tests.objective_accuracy import top3_accuracy

    top3 = top3_accuracy(model, items)
    others = {k: top3_accuracy(model, items, k=k)["all"] for k in (1, 5)}
    languages = "  ".join(f"{language} {top3[language]:.1%}" for language in ("ar", "en", "fr"))
    print(
        f"{name:<28} top-3 {top3['all']:.1%}  ({languages})  top-1 {others[1]:.1%}  top-5 {others[5]:.1%}"
        f"  trained on {model.trained_on}  fit {seconds:.1f} s"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=200, help="Demo contributions to seed (default 200).")
    parser.add_argument("--seed", type=int, default=1, help="Which demo set (default 1, as make demo).")
    parser.add_argument("--reuse", action="store_true", help="Keep the scratch database already built.")
    options = parser.parse_args()

    BENCH.mkdir(parents=True, exist_ok=True)
    database = BENCH / "suggestions.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "siteconf.settings.dev",
    }
    if not (options.reuse and database.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        manage("migrate", "--no-input", "-v", "0", env=env)
        manage("setup_site", "--no-staff", env=env)
    manage("seed_contributions", "--count", str(options.count), "--seed", str(options.seed), env=env)

    sys.path.insert(0, str(ROOT))
    os.environ.update(env)
    import django

    django.setup()
    from hub.taxonomy.models import Concept
    from search.suggestions import examples
    from search.suggestions.model import ObjectiveModel
    from tests.objective_accuracy import labelled_set

    items = labelled_set()
    print(f"{len(items)} labelled contributions, {Concept.objects.count()} thesaurus concepts")
    day_one = examples.day_one_examples()
    start = time.perf_counter()
    model = ObjectiveModel.fit(day_one)
    line("day one", model, items, time.perf_counter() - start)
    tagged = list(examples.tagged_examples())
    start = time.perf_counter()
    model = ObjectiveModel.fit([*day_one, *tagged])
    line(f"after the demo ({len(tagged)} tagged)", model, items, time.perf_counter() - start)


if __name__ == "__main__":
    main()
