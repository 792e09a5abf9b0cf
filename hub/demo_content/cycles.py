"""The demo's two review cycles: the first regional reviews (2020–2021) and
the second (2024–2025), whose consultations opened in 2023."""

from datetime import date

from hub.models import ReviewCycle

CYCLES = (
    {
        "slug": "first-2020",
        "name_en": "First regional reviews, 2020–2021",
        "name_fr": "Premiers examens régionaux, 2020-2021",
        "name_ar": "الاستعراضات الإقليمية الأولى، 2020–2021",
        "starts": date(2019, 7, 1),
        "ends": date(2022, 12, 31),
    },
    {
        "slug": "second-2024",
        "name_en": "Second regional reviews, 2024–2025",
        "name_fr": "Deuxièmes examens régionaux, 2024-2025",
        "name_ar": "الاستعراضات الإقليمية الثانية، 2024–2025",
        "starts": date(2023, 1, 1),
        "ends": date(2025, 12, 31),
    },
)


def ensure_cycles():
    """Create the demo's cycles when an editor has defined none."""
    if ReviewCycle.objects.exists():
        return
    for fields in CYCLES:
        ReviewCycle.objects.create(**fields)
