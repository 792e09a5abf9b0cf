"""The objective model: TF-IDF over the analysed terms, then complement
naive Bayes, one class per objective number.

The features are ``search.analysis.document_terms`` of each text in its
language (Arabic light stems, Snowball French and English stems) and the
pairs of neighbouring terms, so "recruitment fees" is a feature of its own.
Texts are analysed before the vectoriser sees them (its analyser is the
identity), which keeps the fitted pipeline picklable and the analysis the
same as search's. A contribution tagged with several objectives is one
example per objective, its weight shared between them.

Why complement naive Bayes: the day-one examples are short term lists and
one paragraph per objective, and complement NB is made for few, short,
unevenly spread examples. On the labelled set it ranked the main objective
in the top 3 for 93 % of contributions from the day-one examples alone,
against 84 % for a logistic regression (which also took 100 times longer to
fit: seconds, where a first request builds the day-one model).

Scores: naive Bayes' own probabilities are nearly flat (a clear text's best
objective gets 0.1), so its joint log-likelihoods are sharpened
(``SHARPNESS``) before the softmax: a clear text's first suggestion then
scores around 0.4 and an unclear text's stay low. From 0 to 1, summing to 1
over the 23; the order is naive Bayes' own.
"""

from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from scipy.special import softmax
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.naive_bayes import ComplementNB

from search.analysis import document_terms

# Smoothing: from 0.3 to 1 the top-3 accuracy moved by a point or two
# (tests/benchmarks/objective_suggestions.py); the middle is kept.
SMOOTHING = 0.5
SHARPNESS = 4.0


def features(texts, language):
    """The terms of ``texts`` in ``language`` and the pairs of neighbouring terms of each."""
    found = []
    for text in texts:
        terms = document_terms(text or "", language)
        found.extend(terms)
        found.extend(f"{a} {b}" for a, b in pairwise(terms))
    return found


def _already_analysed(terms):
    # The vectoriser's analyser: the features were made by ``features``.
    return terms


@dataclass
class Suggestion:
    objective: int
    score: float


class ObjectiveModel:
    """A fitted pipeline and how many examples of each kind taught it."""

    def __init__(self, vectoriser, classifier, trained_on):
        self.vectoriser = vectoriser
        self.classifier = classifier
        # {"day_one": n, "contributions": n}: said by the command and the admin.
        self.trained_on = trained_on

    @classmethod
    def fit(cls, examples):
        rows, labels, weights = [], [], []
        counts = {"day_one": 0, "contributions": 0}
        for example in examples:
            if not example.objectives:
                continue
            terms = features(example.texts, example.language)
            if not terms:
                continue
            counts[example.kind] += 1
            share = example.weight / len(example.objectives)
            for number in example.objectives:
                rows.append(terms)
                labels.append(number)
                weights.append(share)
        if len(set(labels)) < 2:
            return cls(None, None, counts)  # nothing to tell apart: it suggests nothing
        vectoriser = TfidfVectorizer(analyzer=_already_analysed, sublinear_tf=True, dtype=np.float32)
        matrix = vectoriser.fit_transform(rows)
        classifier = ComplementNB(alpha=SMOOTHING)
        classifier.fit(matrix, labels, sample_weight=np.asarray(weights))
        return cls(vectoriser, classifier, counts)

    def score(self, texts):
        """For each ``(text, language)``: every objective with its score, best first;
        [] for a text with no word the model knows."""
        if self.classifier is None or not texts:
            return [[] for _text in texts]
        rows = [features([text], language) for text, language in texts]
        matrix = self.vectoriser.transform(rows)
        known = np.asarray(matrix.getnnz(axis=1)).ravel() > 0
        answers = []
        scores = softmax(self.classifier.predict_joint_log_proba(matrix) * SHARPNESS, axis=1)
        for probabilities, has_words in zip(scores, known, strict=True):
            if not has_words:
                answers.append([])
                continue
            pairs = zip(self.classifier.classes_, probabilities, strict=True)
            ranked = sorted(pairs, key=lambda pair: (-pair[1], pair[0]))
            answers.append([Suggestion(int(number), float(p)) for number, p in ranked])
        return answers
