"""Suggested objectives (search.suggestions): scores sorted and bounded, in
every language, from the day-one model; a trained model's file, and the
fall-back when it is missing, stale or broken."""

import joblib
import pytest

from search.suggestions import store
from search.suggestions.model import ObjectiveModel
from search.suggestions.suggest import MAX_SUGGESTIONS, suggest, suggest_many

pytestmark = pytest.mark.django_db

TEXTS = {
    "en": ("Recruitment fees charged to migrant workers by private agencies must be abolished.", 6),
    "fr": ("Les frais de recrutement facturés aux travailleurs migrants doivent être interdits.", 6),
    "ar": ("يجب حظر رسوم الاستقدام التي تفرضها وكالات التوظيف على العمال المهاجرين.", 6),
}


@pytest.mark.parametrize("language", ["ar", "en", "fr"])
def test_a_text_gets_its_objective_first_with_scores_sorted_and_bounded(language):
    text, objective = TEXTS[language]
    suggestions = suggest(text, language)
    assert suggestions[0].objective == objective
    scores = [s.score for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < score <= 1 for score in scores)
    assert sum(scores) <= 1.0001
    assert 1 <= len(suggestions) <= MAX_SUGGESTIONS
    assert len({s.objective for s in suggestions}) == len(suggestions)
    assert all(1 <= s.objective <= 23 for s in suggestions)


@pytest.mark.parametrize("text", ["", "   ", "xyzzy qwertz", "12345", "\x00", "?!"])
def test_a_text_without_a_known_word_gets_no_suggestion(text):
    assert suggest(text, "en") == []


def test_several_texts_at_once_and_excluded_objectives():
    (first, second) = suggest_many([(TEXTS["en"][0], "en"), (TEXTS["fr"][0], "fr")], exclude=[(6,), ()])
    assert 6 not in [s.objective for s in first]
    assert second[0].objective == 6


def test_a_trained_model_file_answers_and_a_broken_one_falls_back(settings, tmp_path):
    settings.OBJECTIVE_SUGGESTER_PATH = str(tmp_path / "model.joblib")
    day_one = store.current_model()
    trained = store.train()
    assert store.current_model() is not day_one
    assert isinstance(store.current_model(), ObjectiveModel)
    assert trained.trained_on["day_one"] > 0
    assert suggest(*TEXTS["en"][:1], "en")[0].objective == 6

    (tmp_path / "model.joblib").write_bytes(b"not a model at all")
    assert store.current_model() is store.day_one_model()
    assert suggest(TEXTS["ar"][0], "ar")[0].objective == 6


def test_a_model_file_of_another_version_is_not_used(settings, tmp_path):
    path = tmp_path / "model.joblib"
    settings.OBJECTIVE_SUGGESTER_PATH = str(path)
    store.train()
    payload = joblib.load(path)
    payload["analysis"] = "0/older"
    joblib.dump(payload, path)
    assert store.load(path) is None
    assert store.current_model() is store.day_one_model()


def test_the_command_trains_and_the_schedule_starts_once(settings, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    from search.suggestions import tasks

    settings.OBJECTIVE_SUGGESTER_PATH = str(tmp_path / "model.joblib")
    out = StringIO()
    call_command("train_objective_suggester", stdout=out)
    assert "tagged contribution" in out.getvalue()
    assert store.load(tmp_path / "model.joblib") is not None

    call_command("train_objective_suggester", "--schedule", stdout=out)
    call_command("train_objective_suggester", "--schedule", stdout=out)
    assert "already scheduled" in out.getvalue()
    assert tasks.waiting_runs().count() == 1


def test_the_scheduled_run_trains_and_queues_the_next(settings, tmp_path):
    from django.utils import timezone

    from search.suggestions import tasks

    settings.OBJECTIVE_SUGGESTER_PATH = str(tmp_path / "model.joblib")
    result = tasks.retrain_objective_model.call()
    assert result["day_one"] > 0
    (waiting,) = tasks.waiting_runs()
    assert waiting.run_after > timezone.now() + (tasks._interval() - timezone.timedelta(minutes=1))
    assert store.load(tmp_path / "model.joblib") is not None


def test_no_text_gets_no_answer():
    assert suggest_many([]) == []


def test_every_objective_has_its_description_in_each_language():
    from hub.taxonomy.models import GcmObjective

    rows = GcmObjective.objects.select_related("locale")
    assert {(o.number, o.locale.language_code) for o in rows if len(o.description) > 200} == {
        (n, language) for n in range(1, 24) for language in ("ar", "en", "fr")
    }
    arabic = rows.get(number=6, locale__language_code="ar").description
    assert "الاستقدام" in arabic


def test_training_learns_the_words_of_tagged_contributions(settings, tmp_path):
    from tests.factories import ContributionFactory, TopicPostFactory

    settings.OBJECTIVE_SUGGESTER_PATH = str(tmp_path / "model.joblib")
    assert suggest("zorblatt", "en") == []  # a word no day-one example has
    for n in range(3):
        post = TopicPostFactory(subject=f"Zorblatt {n}", content="Our zorblatt cooperative invests at home.")
        ContributionFactory(post=post, objectives=[19])
    held = TopicPostFactory(subject="Held", content="zorblatt zorblatt", approved=False)
    ContributionFactory(post=held, objectives=[3])  # not approved: never learnt from
    model = store.train()
    assert model.trained_on["contributions"] == 3
    assert suggest("zorblatt", "en")[0].objective == 19
