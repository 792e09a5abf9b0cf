"""The trained objective model's file, and which model answers now.

``train()`` fits a model on the day-one and the tagged examples and writes
it to ``settings.OBJECTIVE_SUGGESTER_PATH`` (under ``var/``), replacing the
file in one rename so a reader never sees half of it. ``current_model()``
answers with that file's model, read again when the file changes; when the
file is missing, was written by another version of this module, of the
analysis or of scikit-learn, or cannot be read, it answers with the day-one
model, built from the database (the thesaurus and the objectives' texts) and
kept until they change.

The file is a joblib pickle: only this module writes it, into the site's own
``var/``, and it is never accepted from anywhere else.
"""

import logging
import os
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path

import joblib
import sklearn
from django.conf import settings

from search.analysis import ANALYSIS_VERSION

from . import examples
from .model import ObjectiveModel

logger = logging.getLogger(__name__)

# Bump when ObjectiveModel or the features change shape: an older file is then ignored.
FORMAT_VERSION = 1

_lock = threading.Lock()
_file_model = {"stamp": None, "model": None}
_day_one = {"fingerprint": None, "model": None}


def model_path():
    return Path(settings.OBJECTIVE_SUGGESTER_PATH)


def _versions():
    return {"format": FORMAT_VERSION, "analysis": ANALYSIS_VERSION, "sklearn": sklearn.__version__}


def train(path=None):
    """Fit on the day-one examples and every tagged contribution, write the file; returns the model."""
    model = ObjectiveModel.fit([*examples.day_one_examples(), *examples.tagged_examples()])
    save(model, path or model_path())
    return model


def save(model, path):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {**_versions(), "trained_at": datetime.now(UTC).isoformat(), "model": model}
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".objective-model-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            joblib.dump(payload, file)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load(path):
    """The model in ``path``, or None (missing, of another version, unreadable: logged)."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        payload = joblib.load(path)
    except Exception:  # a truncated or foreign file must never take suggestions down
        logger.warning("The objective model %s cannot be read; using the day-one model.", path, exc_info=True)
        return None
    if not isinstance(payload, dict) or any(payload.get(k) != v for k, v in _versions().items()):
        logger.warning("The objective model %s is of another version; using the day-one model.", path)
        return None
    model = payload.get("model")
    return model if isinstance(model, ObjectiveModel) else None


def _file_stamp(path):
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


def day_one_model():
    """The model of the thesaurus and the objectives' texts alone, rebuilt when they change."""
    fingerprint = examples.fingerprint()
    with _lock:
        if _day_one["fingerprint"] != fingerprint or _day_one["model"] is None:
            _day_one["model"] = ObjectiveModel.fit(examples.day_one_examples())
            _day_one["fingerprint"] = fingerprint
        return _day_one["model"]


def current_model():
    """The trained model when its file is good, else the day-one model."""
    path = model_path()
    stamp = _file_stamp(path)
    if stamp is not None:
        with _lock:
            if _file_model["stamp"] != stamp:
                _file_model["model"] = load(path)
                _file_model["stamp"] = stamp
            model = _file_model["model"]
        if model is not None:
            return model
    return day_one_model()
