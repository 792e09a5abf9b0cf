"""The dashboard's figures, counted in one pass over the contributions.

Every figure of a dashboard is counted from three statements, whatever the
number of contributions, streamed in chunks and tallied here: the posts the
audience may read (day, author), the contributions of the selection (space,
group, language, type, country, organisation) and the objective links.
Grouping each dimension in its own statement would read the same joined
rows once per figure: at 100,000 contributions each such read costs about
0.2 s on SQLite, and a dashboard has a dozen figures. Rows of the previous
cycle are read in the same pass and told apart by their day.

Figures are kept by stable keys (region slugs, group slugs, ISO codes,
objective numbers, ``YYYY-MM``), never labels, so one cached copy serves
every language. ``dashboard`` caches them (as the tables built from them).
"""

from collections import Counter, defaultdict
from datetime import date, timedelta

from django.db import connection
from django.db.models import CharField, Func, Q

from forum.models import Contribution, RegionalSpace
from hub.models import Country, GcmObjective, StakeholderGroup

from .selection import day_start

Objectives = Contribution.objectives.through
CHUNK = 5000
THIS, PREVIOUS = "this", "previous"


class Day(Func):
    """A timestamp's UTC day as text (YYYY-MM-DD), computed by the database:
    reading 100,000 timestamps as Python datetimes costs more than counting them."""

    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        # The format is a parameter: written into the SQL, its % signs would trip the query log.
        sql, params = compiler.compile(self.source_expressions[0])
        return f"strftime(%s, {sql})", ["%Y-%m-%d", *params]

    def as_postgresql(self, compiler, connection, **extra):
        template = "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
        return self.as_sql(compiler, connection, template=template, **extra)


def _covered(cycle):
    """The slugs of the regions ``cycle`` covers (none: all)."""
    return set(cycle.regions.values_list("slug", flat=True)) if cycle is not None else set()


def _periods(selection):
    """[(period, first day, last day, regions or None)] the pass sorts rows into."""
    if selection.cycle is None:
        return [(THIS, None, None, None)]
    periods = [(THIS, selection.cycle.starts.isoformat(), selection.cycle.ends.isoformat(), selection.cycle)]
    if selection.previous is not None:
        cycle = selection.previous
        periods.append((PREVIOUS, cycle.starts.isoformat(), cycle.ends.isoformat(), cycle))
    return [
        (name, first, last, (_covered(cycle) or None) if cycle is not None else None)
        for name, first, last, cycle in periods
    ]


def _date_range(periods):
    """[start, end) of every period together, or None for every date."""
    days = [(first, last) for _name, first, last, _regions in periods if first]
    if not days:
        return None
    first = day_start(date.fromisoformat(min(d[0] for d in days)))
    return first, day_start(date.fromisoformat(max(d[1] for d in days)) + timedelta(days=1))


def _streams(audience, selection, periods, spaces):
    """Three streams in the order of post ids, merged by ``count``.

    The posts the audience may read (their day and author, read from an index
    without touching the posts: ``forum`` migration 0008), the contributions
    of the selection, and every objective link. Joined by the database, the
    same rows cost twice as much (a post looked up per contribution); merged
    here in order, memory stays constant whatever the number.
    """
    posts = audience.posts()
    contributions = Contribution.objects.all()
    regions = set(selection.regions)
    if regions:
        contributions = contributions.filter(
            space_id__in=[pk for pk, slug in spaces.items() if slug in regions]
        )
    if selection.languages:
        contributions = contributions.filter(language__in=selection.languages)
    if selection.types:
        contributions = contributions.filter(kind__in=selection.types)
    dates = _date_range(periods)
    if dates:
        posts = posts.filter(created__gte=dates[0], created__lt=dates[1])
    columns = ("post_id", "space_id", "stakeholder_group_id", "language", "kind", "country_id", "author_name")
    return (
        _raw(posts.order_by("id").values_list("id", Day("created"), "poster_id")),
        _raw(contributions.order_by("post_id").values_list(*columns, "organisation")),
        _raw(
            Objectives.objects.order_by("contribution_id").values_list("contribution_id", "gcmobjective_id")
        ),
    )


def _raw(rows):
    """The rows of a values_list queryset as the database driver gives them.

    Its columns need no conversion (ids, text, the day as text), and Django's
    own iterator costs about a microsecond a row: 0.2 s of a cold dashboard.
    """
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(CHUNK):
            yield from chunk


def _period_of(day, region, periods):
    for name, first, last, regions in periods:
        if (first is None or first <= day <= last) and (regions is None or region in regions):
            return name
    return None


END = (float("inf"),)


def count(audience, selection):
    """Every figure of ``selection`` for ``audience`` (and of its previous cycle)."""
    spaces = dict(RegionalSpace.objects.values_list("pk", "region__slug"))
    names = {
        "group": dict(StakeholderGroup.objects.values_list("pk", "slug")),
        "country": {pk: str(code) for pk, code in Country.objects.values_list("pk", "code")},
        "objective": dict(GcmObjective.objects.values_list("pk", "number")),
        "region": spaces,
    }
    periods = _periods(selection)
    single = len(periods) == 1 and periods[0][1] is None
    posts, contributions, links = _streams(audience, selection, periods, spaces)
    post = next(posts, END)
    link = next(links, END)
    # The loop runs once per contribution, so it only counts: ids stay ids (named once, at the end),
    # every tally is a local, keyed by the period first, and nothing is called that can be inlined.
    cube, days, objectives, organisations, authors = Counter(), Counter(), Counter(), set(), set()
    period = THIS
    for post_id, space, group, language, kind, country, name, organisation in contributions:
        while post[0] < post_id:
            post = next(posts, END)
        while link[0] < post_id:
            link = next(links, END)
        if post[0] != post_id:
            continue  # a post the audience may not read, or of another period
        day = post[1]
        if not single:
            period = _period_of(day, spaces.get(space), periods)
            if period is None:
                continue
        cube[(period, space, group, language, kind, country)] += 1
        days[(period, day)] += 1
        if organisation:
            organisations.add((period, space, organisation))
        # An author is an account; an imported contribution without one, its author's name (as papers count).
        authors.add((period, space, post[2], None if post[2] else name))
        while link[0] == post_id:
            objectives[(period, space, link[1])] += 1
            link = next(links, END)
    tally = {name: _Tally() for name, *_rest in periods}
    for (period, *key), n in cube.items():
        tally[period].cube[tuple(key)] += n
    for (period, day), n in days.items():
        tally[period].days[day] += n
    for (period, *key), n in objectives.items():
        tally[period].objectives[tuple(key)] += n
    for period, *key in organisations:
        tally[period].organisations.add(tuple(key))
    for period, *key in authors:
        tally[period].authors.add(tuple(key))
    figures = tally[THIS].figures(names, with_detail=True)
    figures["previous"] = tally[PREVIOUS].figures(names) if PREVIOUS in tally else None
    figures["covered"] = sorted(_covered(selection.cycle))
    if audience.staff:
        figures["waiting"] = _waiting(audience, selection)
    return figures


class _Tally:
    """The counts of one period, by ids: named by ``figures``."""

    def __init__(self):
        self.cube = Counter()
        self.days = Counter()
        self.objectives = Counter()
        self.organisations = set()
        self.authors = set()

    def figures(self, names, with_detail=False):
        region, group, country = names["region"], names["group"], names["country"]
        cube, countries, months = Counter(), Counter(), Counter()
        for (space, group_id, language, kind, country_id), n in self.cube.items():
            cube[(region.get(space, ""), group.get(group_id, ""), language, kind)] += n
            countries[(region.get(space, ""), country.get(country_id, ""))] += n
        for day, n in self.days.items():
            months[day[:7]] += n
        distinct = defaultdict(lambda: {"organisations": 0, "authors": 0})
        for space, _organisation in self.organisations:
            distinct[region.get(space, "")]["organisations"] += 1
        for space, _poster, _name in self.authors:
            distinct[region.get(space, "")]["authors"] += 1
        objectives = Counter()
        for (space, objective), n in self.objectives.items():
            objectives[(region.get(space, ""), names["objective"].get(objective))] += n
        figures = {
            "cube": [(*key, n) for key, n in cube.items()],
            "objectives": [(*key, n) for key, n in objectives.items()],
            "distinct": dict(distinct),
            # Over all regions, an organisation or author of two spaces counts once.
            "totals": {
                "organisations": len({organisation for _space, organisation in self.organisations}),
                "authors": len({(poster, name) for _space, poster, name in self.authors}),
            },
        }
        if with_detail:
            figures["countries"] = [(*key, n) for key, n in countries.items()]
            figures["months"] = dict(months)
        return figures


def _waiting(audience, selection):
    """Contributions held for moderation, by space, in the spaces the reader moderates."""
    held = Contribution.objects.filter(post__topic__forum_id__in=audience.moderated_forum_ids).filter(
        Q(post__approved=False) | Q(post__topic__approved=False)
    )
    if selection.languages:
        held = held.filter(language__in=selection.languages)
    if selection.types:
        held = held.filter(kind__in=selection.types)
    counted = Counter(held.values_list("space__region__slug", flat=True).order_by())
    spaces = RegionalSpace.objects.filter(forum_id__in=audience.moderated_forum_ids).values_list(
        "region__slug", flat=True
    )
    return {
        slug: counted.get(slug, 0) for slug in spaces if not selection.regions or slug in selection.regions
    }


def month_bounds(month):
    """The first and last day of ``YYYY-MM``."""
    first = date(int(month[:4]), int(month[5:]), 1)
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first, following - timedelta(days=1)
