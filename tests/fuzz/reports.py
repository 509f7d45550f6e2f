"""Read each machine-readable report back, so the formats can be compared with each other.

Every format renders the same findings; parsed with the standard library (json,
xml.etree, the GitHub workflow-command syntax, the ``--statistics`` table), they must
agree on which codes were found and on which lines. A format that cannot be parsed
(invalid UTF-8 from an undecodable file name, broken escaping) fails here too.
"""

from __future__ import annotations

import collections
import json
import re
import xml.etree.ElementTree as ET

Codes = collections.Counter


def codes(fmt: str, output: bytes) -> Codes[str]:
    """How many findings of each code the report in ``fmt`` holds."""
    text = output.decode("utf-8")  # every format must be valid UTF-8, whatever the names
    if fmt == "json":
        return Codes(f["code"] for f in json.loads(text))
    if fmt == "sarif":
        return Codes(r["ruleId"] for run in json.loads(text)["runs"] for r in run["results"])
    if fmt == "gitlab":
        return Codes(issue["check_name"].split()[0] for issue in json.loads(text))
    if fmt == "junit":
        root = ET.fromstring(text)
        return Codes(failure.get("type") for failure in root.iter("failure"))
    if fmt == "github":
        return Codes(re.findall(r"^::\w+ [^\n]*?title=([A-Z]+\d+) ", text, re.M))
    if fmt == "statistics":
        return Codes({m[1]: int(m[0]) for m in re.findall(r"^ *(\d+)\s+([A-Z]+\d+)\s", text, re.M)})
    raise ValueError(fmt)


def rows(fmt: str, output: bytes) -> Codes[tuple[str, int]]:
    """(code, first line) of the findings that have a line, for json, sarif and github."""
    text = output.decode("utf-8")
    if fmt == "json":
        return Codes(
            (f["code"], f["location"]["row"]) for f in json.loads(text) if f["location"]["row"]
        )
    if fmt == "sarif":
        found = Codes()
        for run in json.loads(text)["runs"]:
            for result in run["results"]:
                for location in result.get("locations", [])[:1]:
                    line = location["physicalLocation"].get("region", {}).get("startLine")
                    if line:
                        found[(result["ruleId"], line)] += 1
        return found
    if fmt == "github":
        pattern = r"^::\w+ [^\n]*?line=(\d+),[^\n]*?title=([A-Z]+\d+) "
        return Codes((code, int(line)) for line, code in re.findall(pattern, text, re.M))
    raise ValueError(fmt)


def whole_file_codes(json_output: bytes) -> Codes[tuple[str, int]]:
    """(code, 1) for each finding of the json report that has no line."""
    return Codes(
        (f["code"], 1) for f in json.loads(json_output.decode()) if not f["location"]["row"]
    )
