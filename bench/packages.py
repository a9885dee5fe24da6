"""LMS figures: each SCORM package's size (``make package``) and what its launch page adds to a launch."""

from __future__ import annotations

import zipfile
from pathlib import Path

from figures import ROOT, figure
from site_speed import built_site


@figure
def package_sizes(work: Path) -> list[tuple[str, str]]:
    """Both zips of the built course, and the launch page with its bridge (loaded once per launch)."""
    from coursewidgets.lms.package import BRIDGE, LAUNCH, build

    rows = []
    for path in build(built_site(work), ROOT / "exercises", work / "package"):
        with zipfile.ZipFile(path) as z:
            files, launch = len(z.namelist()), len(z.read(LAUNCH)) + len(z.read(BRIDGE))
        rows.append((f"{path.name}", f"{path.stat().st_size / 1e6:.2f} MB, {files} files"))
    rows.append(("SCORM launch page + lms.js (once per launch)", f"{launch:,} B"))
    return rows
