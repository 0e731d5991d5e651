"""The offline edition: the built site as one zip that works opened from disk (``make dist``).

``python -m cuproptosis_book.site.dist`` zips the learner site ``_build/html`` (without the instructor site in
``instructor/``) into ``_build/cuproptosis-book-site.zip``; ``--site instructor`` zips ``_build/html/instructor`` into
``_build/cuproptosis-book-instructor-site.zip``, under a
folder ``cuproptosis-book-site/``: unzip it and open ``index.html``. Nothing in the site needs a server: Sphinx's
search loads ``searchindex.js`` with a ``<script>`` element, explorers and tables run on the book's own scripts,
which never fetch, and every link names its ``.html`` file. The zip is deterministic (sorted entries, fixed
dates), so the same build gives the same bytes.
"""

from __future__ import annotations

import argparse
import zipfile
from collections.abc import Sequence
from pathlib import Path

from cuproptosis_book.paths import book_root
from cuproptosis_book.site.two_sites import INSTRUCTOR, INSTRUCTOR_DIR, LEARNER, site_folder

NAME = "cuproptosis-book-site"
INSTRUCTOR_NAME = "cuproptosis-book-instructor-site"
FIXED_DATE = (2025, 1, 1, 0, 0, 0)
#: Build by-products that a reader does not need.
SKIP = {".buildinfo", ".doctrees"}


def site_files(site: Path, skip: frozenset[str] = frozenset()) -> list[Path]:
    """Every file of the built site, sorted, without Sphinx's build by-products (and the top folders ``skip``)."""
    return sorted(
        p
        for p in site.rglob("*")
        if p.is_file() and not SKIP.intersection(p.relative_to(site).parts) and p.relative_to(site).parts[0] not in skip
    )


def write_dist(site: Path, out: Path, name: str = NAME, skip: frozenset[str] = frozenset()) -> Path:
    """Zip ``site`` (without its top folders ``skip``) into ``out`` under the folder ``name``; returns ``out``.

    The learner site holds the instructor site in ``instructor/``: its zip leaves that folder out.
    """
    if not (site / "index.html").is_file():
        msg = f"{site / 'index.html'} is missing: build the book first (make book)"
        raise SystemExit(msg)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in site_files(site, skip):
            info = zipfile.ZipInfo(f"{name}/{path.relative_to(site).as_posix()}", date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    return out


def main(argv: Sequence[str] | None = None) -> int:
    root = book_root()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", choices=[LEARNER, INSTRUCTOR], default=LEARNER, help="which site to zip")
    parser.add_argument("--out", type=Path, default=None, help="the zip to write (default: _build/<name>.zip)")
    args = parser.parse_args(argv)
    name = NAME if args.site == LEARNER else INSTRUCTOR_NAME
    skip = frozenset({INSTRUCTOR_DIR}) if args.site == LEARNER else frozenset()
    out = write_dist(site_folder(root, args.site), args.out or root / "_build" / f"{name}.zip", name, skip)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
