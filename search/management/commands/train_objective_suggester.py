from django.core.management.base import BaseCommand

from search.suggestions import store, tasks


class Command(BaseCommand):
    help = (
        "Train the objective suggestions on the thesaurus, the objectives' descriptions and every "
        "approved contribution tagged with objectives, and write the model to OBJECTIVE_SUGGESTER_PATH "
        "(var/objective-suggester.joblib). With --schedule, only start the task worker's chain that "
        "trains again every OBJECTIVE_SUGGESTER_RETRAIN_HOURS hours (nothing if it is already going)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the retraining chain in the background task worker instead of training now.",
        )

    def handle(self, *args, schedule, verbosity, **options):
        if schedule:
            started = tasks.start_schedule()
            if verbosity:
                self.stdout.write(
                    "Retraining queued for the task worker (manage.py db_worker --backend background)."
                    if started
                    else "Retraining is already scheduled."
                )
            return
        model = store.train()
        if verbosity:
            self.stdout.write(
                f"Objective model trained on {model.trained_on['day_one']} thesaurus and description "
                f"example(s) and {model.trained_on['contributions']} tagged contribution(s); "
                f"written to {store.model_path()}."
            )
