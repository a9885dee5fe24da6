"""``imsmanifest.xml`` for SCORM 1.2 and SCORM 2004 4th edition: one organization, one item, one SCO.

The 1.2 manifest carries no inline LOM metadata (ADL's 1.2 LOM schema does not compile in libxml2, and no
LMS needs it); the pass mark goes in ``adlcp:masteryscore`` (0-100) for 1.2 and in the primary objective's
``imsss:minNormalizedMeasure`` (0-1, satisfied by measure) for 2004.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote
from xml.sax.saxutils import quoteattr, escape

VERSIONS = ("1.2", "2004")

_12 = ('<manifest identifier="{ident}" version="1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" '
       'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
       'xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd '
       'http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">\n'
       "<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>\n")
_2004 = ('<manifest identifier="{ident}" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" '
         'xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3" '
         'xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd '
         'http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd '
         'http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">\n'
         "<metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>\n")


def manifest(version: str, ident: str, title: str, launch: str, files: Iterable[str], pass_mark: int) -> str:
    """The manifest of a one-SCO package: ``files`` are paths in the zip, ``pass_mark`` a percentage."""
    if version not in VERSIONS:
        raise ValueError(f"SCORM version {version!r}: choose one of {', '.join(VERSIONS)}")
    if not 0 <= pass_mark <= 100:
        raise ValueError(f"pass mark {pass_mark}: give a percentage from 0 to 100")
    name = f"<title>{escape(title)}</title>"
    if version == "1.2":
        head, scormtype = _12, "adlcp:scormtype"
        rule = f"<adlcp:masteryscore>{pass_mark}</adlcp:masteryscore>"
    else:
        head, scormtype = _2004, "adlcp:scormType"
        rule = ('<imsss:sequencing><imsss:objectives><imsss:primaryObjective objectiveID="course-pass-mark" '
                f'satisfiedByMeasure="true"><imsss:minNormalizedMeasure>{pass_mark / 100:g}</imsss:minNormalizedMeasure>'
                "</imsss:primaryObjective></imsss:objectives></imsss:sequencing>")
    listed = "".join(f"<file href={quoteattr(quote(f))}/>\n" for f in files)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + head.format(ident=ident) +
            f'<organizations default="course"><organization identifier="course">{name}\n'
            f'<item identifier="course-item" identifierref="course-sco">{name}{rule}</item>\n'
            "</organization></organizations>\n"
            f'<resources><resource identifier="course-sco" type="webcontent" {scormtype}="sco" href={quoteattr(launch)}>\n'
            f"{listed}</resource></resources>\n</manifest>\n")
