"""The dashboard's figures as named tables, in the reader's language.

A table is what the page draws as a chart and lists as numbers, what its
*Download CSV* gives and what the API returns: the same rows, built once
here. Each row has stable keys (slugs, codes, numbers), a label in the
active language, and one cell per column; each cell carries the address of
the contribution search that finds exactly the contributions it counts (or
none, where no search can express it: an unspecified group, a distinct count).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from forum.models import ContributionKind
from hub.models import Country
from hub.papers.figures import few_threshold
from hub.taxonomy.models import GcmObjective, Region, StakeholderGroup
from search.labels import Labels, taxonomy_rows

from .counts import month_bounds

TYPES = ContributionKind.choices


@dataclass
class Cell:
    value: int
    href: str | None = None


@dataclass
class Row:
    keys: tuple
    label: str
    cells: list


@dataclass
class Table:
    id: str
    title: str
    description: str
    # Names of the rows' keys (the CSV's and the API's first columns).
    key_names: tuple
    # (key, label) of each column of numbers.
    columns: list
    rows: list = field(default_factory=list)
    # How it is drawn: "bars", "timeline", "grid" (a cross-tabulation) or "list".
    chart: str = "bars"
    # For "list" tables: the page's sections (a region each) holding the rows.
    groups: list = field(default_factory=list)
    # The address of its CSV (set by the view).
    csv_url: str = ""

    @property
    def total(self):
        return sum(row.cells[0].value for row in self.rows if row.cells)


class Links:
    """Addresses of the contribution searches behind the figures."""

    def __init__(self, selection, covered):
        self.base = reverse("search_contributions")
        self.selection = selection
        self.regions = list(selection.regions) or list(covered)

    def search(self, cycle="this", **filters):
        """The search counting the selection narrowed by ``filters`` (a value of
        None: that dimension cannot be searched for, so no address)."""
        if any(value is None for value in filters.values()):
            return None
        values = {
            "region": self.regions,
            "language": list(self.selection.languages),
            "type": list(self.selection.types),
        }
        for name, value in filters.items():
            values[name] = [value] if not isinstance(value, list) else value
        pairs = [
            (name, str(v)) for name, items in values.items() if name not in ("from", "to") for v in items
        ]
        chosen = self.selection.cycle if cycle == "this" else self.selection.previous
        first = last = None
        if chosen is not None:
            first, last = chosen.starts, chosen.ends
        if "from" in filters:
            first = max(filters["from"], first) if first else filters["from"]
            last = min(filters["to"], last) if last else filters["to"]
        if first:
            pairs += [("from", first.isoformat()), ("to", last.isoformat())]
        return f"{self.base}?{urlencode(pairs)}"


def _sorted_counts(counter):
    return sorted(counter.items(), key=lambda item: (-item[1], str(item[0])))


class Builder:
    """Every table of one dashboard (``figures`` from ``counts.figures``)."""

    def __init__(self, figures, selection):
        self.figures = figures
        self.selection = selection
        self.previous = figures["previous"]
        self.links = Links(selection, figures["covered"])
        self.labels = Labels({})
        regions = taxonomy_rows(Region, lambda row: row.slug)
        ordered = sorted(regions.values(), key=lambda r: (r.sort_order, r.slug))
        in_scope = set(selection.regions) or set(figures["covered"])
        self.regions = [r.slug for r in ordered if not in_scope or r.slug in in_scope]
        groups = taxonomy_rows(StakeholderGroup, lambda row: row.slug)
        self.groups = [g.slug for g in sorted(groups.values(), key=lambda g: (g.sort_order, g.slug))]
        self.objectives = sorted(taxonomy_rows(GcmObjective, lambda row: row.number)) or list(range(1, 24))
        self.member_states = defaultdict(list)
        for code, region in Country.objects.values_list("code", "region__slug"):
            self.member_states[region].append(str(code))

    # ------------------------------------------------------------------ sums

    @staticmethod
    def _by(cube, position):
        counted = Counter()
        for row in cube:
            counted[row[position]] += row[-1]
        return counted

    def _cross(self, first, second):
        counted = Counter()
        for row in self.figures["cube"]:
            counted[(row[first], row[second])] += row[-1]
        return counted

    def _columns(self):
        columns = [("contributions", self._cycle_label(self.selection.cycle))]
        if self.previous is not None:
            columns.append(("previous", self._cycle_label(self.selection.previous)))
        return columns

    @staticmethod
    def _cycle_label(cycle):
        return cycle.name if cycle is not None else _("Contributions")

    def _one_dimension(self, table_id, title, description, name, counted, previous, search_name=None):
        """A table of one dimension, this cycle beside the previous one."""
        columns = self._columns() if previous is not None else self._columns()[:1]
        table = Table(table_id, title, description, (name,), columns)
        keys = [key for key, _n in _sorted_counts(counted)]
        keys += (
            [key for key in sorted(previous, key=str) if key not in counted] if previous is not None else []
        )
        search_name = search_name or name
        for key in keys:
            searchable = key if key not in ("", None) else None
            label = self.labels.label(name, key) if searchable is not None else _("Not given")
            cells = [Cell(counted.get(key, 0), self.links.search(**{search_name: searchable}))]
            if previous is not None:
                cells.append(
                    Cell(previous.get(key, 0), self.links.search("previous", **{search_name: searchable}))
                )
            table.rows.append(Row((str(key),), label, cells))
        return table

    # ------------------------------------------------------------------ tables

    def tables(self):
        built = [
            self.totals(),
            self.regions_side_by_side(),
            self.over_time(),
            self.by("groups", 1, "group"),
            self.by_country(),
            self.by("languages", 2, "language"),
            self.by("types", 3, "type"),
            self.by_objective(),
            self.group_by_region(),
            self.group_by_language(),
            self.objective_by_region(),
            self.missing(),
        ]
        if "waiting" in self.figures:
            built.append(self.waiting())
        return built

    def totals(self):
        table = Table(
            "totals",
            _("Contributions, organisations and authors"),
            _("Organisations and authors are counted once each, however many contributions they made."),
            ("measure",),
            self._columns(),
        )
        this = self.figures["totals"]
        this_count = sum(row[-1] for row in self.figures["cube"])
        before = self.previous["totals"] if self.previous else None
        before_count = sum(row[-1] for row in self.previous["cube"]) if self.previous else None
        for key, label, value, previous in (
            ("contributions", _("Contributions"), this_count, before_count),
            ("organisations", _("Organisations"), this["organisations"], before and before["organisations"]),
            ("authors", _("Authors"), this["authors"], before and before["authors"]),
        ):
            cells = [Cell(value, self.links.search())]
            if self.previous is not None:
                cells.append(Cell(previous, self.links.search("previous")))
            table.rows.append(Row((key,), label, cells))
        return table

    def regions_side_by_side(self):
        by_region = self._by(self.figures["cube"], 0)
        before = self._by(self.previous["cube"], 0) if self.previous else None
        countries = defaultdict(set)
        for region, code, n in self.figures["countries"]:
            if n and code in self.member_states.get(region, ()):
                countries[region].add(code)
        objectives = defaultdict(set)
        for region, number, n in self.figures["objectives"]:
            if n:
                objectives[region].add(number)
        this = self.selection.cycle
        columns = [
            (
                "contributions",
                _("Contributions, %(cycle)s") % {"cycle": this.name} if this else _("Contributions"),
            ),
            ("organisations", _("Organisations")),
            ("authors", _("Authors")),
            ("member_states", _("Member states taking part")),
            ("objectives", _("Objectives addressed")),
        ]
        if self.previous is not None:
            columns.append(
                ("previous", _("Contributions, %(cycle)s") % {"cycle": self.selection.previous.name})
            )
        table = Table(
            "regions",
            _("The regions side by side"),
            _("Member states taking part: the region's member states with at least one contribution."),
            ("region",),
            columns,
        )
        for region in self.regions:
            distinct = self.figures["distinct"].get(region, {"organisations": 0, "authors": 0})
            link = self.links.search(region=region)
            cells = [
                Cell(by_region.get(region, 0), link),
                Cell(distinct["organisations"], link),
                Cell(distinct["authors"], link),
                Cell(len(countries[region]), link),
                Cell(len(objectives[region]), link),
            ]
            if before is not None:
                cells.append(Cell(before.get(region, 0), self.links.search("previous", region=region)))
            table.rows.append(Row((region,), self.labels.label("region", region), cells))
        return table

    def over_time(self):
        months = dict(self.figures["months"])
        cycle = self.selection.cycle
        if cycle is not None:
            span = (cycle.starts.strftime("%Y-%m"), cycle.ends.strftime("%Y-%m"))
        elif months:
            span = (min(months), max(months))
        else:
            span = None
        table = Table(
            "months",
            _("Contributions month by month"),
            "",
            ("month",),
            [("contributions", _("Contributions"))],
            chart="timeline",
        )
        if span is None:
            return table
        year, month = int(span[0][:4]), int(span[0][5:])
        while f"{year:04d}-{month:02d}" <= span[1]:
            key = f"{year:04d}-{month:02d}"
            first, last = month_bounds(key)
            table.rows.append(
                Row((key,), key, [Cell(months.get(key, 0), self.links.search(**{"from": first, "to": last}))])
            )
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return table

    def by(self, table_id, position, name):
        titles = {
            "groups": (_("By stakeholder group"), _("The constituency the author gave in their profile.")),
            "languages": (_("By language"), _("The language each contribution is written in.")),
            "types": (_("By type of contribution"), ""),
        }
        title, description = titles[table_id]
        counted = self._by(self.figures["cube"], position)
        before = self._by(self.previous["cube"], position) if self.previous else None
        return self._one_dimension(table_id, title, description, name, counted, before)

    def by_country(self):
        counted = Counter()
        for _region, code, n in self.figures["countries"]:
            counted[code] += n
        return self._one_dimension(
            "countries",
            _("By country"),
            _("The country the author gave in their profile."),
            "country",
            counted,
            None,
        )

    def by_objective(self):
        counted, before = Counter(), Counter() if self.previous else None
        for _region, number, n in self.figures["objectives"]:
            counted[number] += n
        if before is not None:
            for _region, number, n in self.previous["objectives"]:
                before[number] += n
        return self._one_dimension(
            "objectives",
            _("By GCM objective"),
            _("A contribution on two objectives counts for both."),
            "objective",
            counted,
            before,
        )

    def _grid(self, table_id, title, description, row_name, rows, column_name, columns, counted):
        table = Table(
            table_id,
            title,
            description,
            (row_name,),
            [(str(c), self.labels.label(column_name, c)) for c in columns],
            chart="grid",
        )
        for key in rows:
            searchable = key if key not in ("", None) else None
            label = self.labels.label(row_name, key) if searchable is not None else _("Not given")
            cells = [
                Cell(counted.get((key, c), 0), self.links.search(**{row_name: searchable, column_name: c}))
                for c in columns
            ]
            table.rows.append(Row((str(key),), label, cells))
        return table

    def group_by_region(self):
        counted = self._cross(1, 0)
        rows = self.groups + ([""] if any(g == "" for g, _r in counted) else [])
        return self._grid(
            "group_by_region",
            _("Stakeholder groups by region"),
            "",
            "group",
            rows,
            "region",
            self.regions,
            counted,
        )

    def group_by_language(self):
        counted = self._cross(1, 2)
        rows = self.groups + ([""] if any(g == "" for g, _l in counted) else [])
        languages = [code for code, _name in settings.LANGUAGES]
        return self._grid(
            "group_by_language",
            _("Stakeholder groups by language"),
            "",
            "group",
            rows,
            "language",
            languages,
            counted,
        )

    def objective_by_region(self):
        counted = Counter()
        for region, number, n in self.figures["objectives"]:
            counted[(number, region)] += n
        return self._grid(
            "objective_by_region",
            _("GCM objectives by region"),
            "",
            "objective",
            self.objectives,
            "region",
            self.regions,
            counted,
        )

    def missing(self):
        """Per region: the groups, objectives and member states with none or few contributions."""
        table = Table(
            "missing",
            _("Who is missing"),
            _(
                "Per region, the stakeholder groups, GCM objectives and member states with no "
                "contributions, or with few: at most one in fifty of the region's contributions."
            ),
            ("region", "dimension", "key"),
            [("contributions", _("Contributions"))],
            chart="list",
        )
        by_region = self._by(self.figures["cube"], 0)
        groups = self._cross(1, 0)
        objectives = Counter({(number, region): n for region, number, n in self.figures["objectives"]})
        countries = Counter({(code, region): n for region, code, n in self.figures["countries"]})
        dimensions = (
            ("group", _("Stakeholder groups"), self.groups, groups),
            ("objective", _("GCM objectives"), self.objectives, objectives),
            ("country", _("Member states"), None, countries),
        )
        for region in self.regions:
            few = few_threshold(by_region.get(region, 0))
            sections = []
            for name, heading, keys, counted in dimensions:
                rows = []
                for key in sorted(self.member_states.get(region, ())) if keys is None else keys:
                    n = counted.get((key, region), 0)
                    if n <= few:
                        link = self.links.search(region=region, **{name: key})
                        rows.append(
                            Row((region, name, str(key)), self.labels.label(name, key), [Cell(n, link)])
                        )
                # Those with none and those with a few, apart: a phone shows each as one paragraph.
                none = [row for row in rows if not row.cells[0].value]
                few_rows = [row for row in rows if row.cells[0].value]
                sections.append((name, heading, none, few_rows))
                table.rows += rows
            table.groups.append(
                {
                    "region": region,
                    "label": self.labels.label("region", region),
                    "few": few,
                    "sections": sections,
                }
            )
        return table

    def waiting(self):
        table = Table(
            "waiting",
            _("Waiting for moderation"),
            _(
                "Contributions held for moderation in the spaces you moderate, whatever their date; "
                "each number opens the moderation queue."
            ),
            ("region",),
            [("contributions", _("Waiting"))],
        )
        queue = reverse("forum_moderation:queue")
        for region, n in self.figures["waiting"].items():
            table.rows.append(Row((region,), self.labels.label("region", region), [Cell(n, queue)]))
        return table


def build(figures, selection):
    return Builder(figures, selection).tables()
