"""What the README tells a newcomer about setting up matches what the Makefile does."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAKE = shutil.which("make")
RUN, TEST = "RUN_DEB_PACKAGES", "TEST_DEB_PACKAGES"


def make(*args):
    return subprocess.run([MAKE, "-C", str(ROOT), *args], check=True, capture_output=True, text=True).stdout


def make_variable(name):
    """The variable as make expands it (so a list built from another is read whole)."""
    return set(make("-s", "--eval", f"print-variable: ; @echo $({name})", "print-variable").split())


def readme_debian_packages(command):
    """The packages the README's "Debian packages" table says `command` installs."""
    readme = (ROOT / "README.md").read_text()
    rows = re.findall(r"^\| `([a-z0-9.+-]+)` \| ((?:`make \w+`(?:, )?)+) \|", readme, re.MULTILINE)
    return {package for package, commands in rows if f"`{command}`" in commands}


def test_the_readme_lists_every_debian_package_each_command_installs():
    assert readme_debian_packages("make run") == make_variable(RUN)
    assert readme_debian_packages("make test") == make_variable(TEST)
    # The benchmarks install the tests' packages and theirs, which the table names.
    bench = make_variable("BENCH_DEB_PACKAGES")
    assert make_variable(TEST) <= bench
    assert readme_debian_packages("make bench") == bench - make_variable(TEST)


def test_make_run_installs_only_what_serving_needs():
    # The PDF of an analysis paper is part of the site; the browser, gettext,
    # PostgreSQL and poppler are for the tests alone.
    assert make_variable(RUN) == {"fontconfig", "fonts-noto-core", "libpango-1.0-0", "libpangoft2-1.0-0"}
    assert {"chromium", "gettext", "postgresql", "poppler-utils"} <= make_variable(TEST)


def test_the_commands_install_the_packages_they_list():
    dry_run = make("-n", "runtime-deps", "system-deps").splitlines()
    run_line, test_line = (line for line in dry_run if "dpkg" in line)
    for line, name in ((run_line, RUN), (test_line, TEST)):
        assert set(re.search(r"for package in ([^;]*);", line).group(1).split()) == make_variable(name)
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run:.*\bruntime-deps\b", makefile, re.MULTILINE)
    assert re.search(r"^test:.*\bsystem-deps\b", makefile, re.MULTILINE)


# The admin menus the README sends editors to: (what it says, the sidebar's label, the address).
README_ADMIN_DIRECTIONS = [
    ("Wagtail admin → *Registrations*, `/admin/registrations/`", "Registrations", "/admin/registrations/"),
    ("find *Analysis papers* in the Wagtail admin (`/admin/papers/`)", "Analysis papers", "/admin/papers/"),
    ("*Taxonomy* → *Regions*", "Taxonomy", "/admin/snippets/hub/region/"),
    ("*Snippets*, `/admin/snippets/`", "Snippets", "/admin/snippets/"),
]


@pytest.mark.django_db
def test_the_admin_menus_the_readme_names_are_there_for_a_superuser(client, staff_user):
    readme = " ".join((ROOT / "README.md").read_text().split())  # as read, whatever the line breaks
    client.force_login(staff_user)
    sidebar = re.findall(r'"label": "([^"]+)"', client.get("/admin/").content.decode())
    for said, label, address in README_ADMIN_DIRECTIONS:
        assert said in readme
        assert label in sidebar, label
        assert client.get(address).status_code == 200, address
