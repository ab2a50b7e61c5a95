"""Edit a geostory GeoPackage as a QGIS user does: a QgsVectorLayer edit session per layer, then commit.

Run by tests/test_import.py with the system Python that has PyQGIS, QT_QPA_PLATFORM=offscreen:

    python3 tests/qgis_edit.py PLAN.json

PLAN.json: {"gpkg": "...", "edits": [{"layer": "places", "id": "harbin", "move": [lon, lat]},
            {"layer": "events", "id": "...", "set": {"name_en": "..."}},
            {"layer": "movements", "id": "...", "insert_vertex": [lon, lat, before_index]},
            {"layer": "places", "id": "...", "delete": true}]}
Prints {"committed": {layer: true/false}, "errors": {layer: [...]}} as JSON. The test decides what is right.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from qgis.core import QgsApplication, QgsFeatureRequest, QgsGeometry, QgsPointXY, QgsVectorLayer


def main() -> None:
    plan = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    app = QgsApplication([], False)
    app.initQgis()
    by_layer: dict[str, list[dict]] = {}
    for edit in plan["edits"]:
        by_layer.setdefault(edit["layer"], []).append(edit)
    result: dict = {"committed": {}, "errors": {}}
    for name, edits in by_layer.items():
        layer = QgsVectorLayer(f"{plan['gpkg']}|layername={name}", name, "ogr")
        if not layer.isValid():
            result["errors"][name] = ["layer not valid"]
            continue
        layer.startEditing()
        for edit in edits:
            request = QgsFeatureRequest().setFilterExpression(f"\"id\" = '{edit['id']}'")
            feature = next(layer.getFeatures(request))
            if "move" in edit:
                layer.changeGeometry(feature.id(), QgsGeometry.fromPointXY(QgsPointXY(*edit["move"])))
            if "insert_vertex" in edit:
                x, y, before = edit["insert_vertex"]
                geometry = QgsGeometry(feature.geometry())
                geometry.insertVertex(x, y, before)
                layer.changeGeometry(feature.id(), geometry)
            for field, value in edit.get("set", {}).items():
                layer.changeAttributeValue(feature.id(), layer.fields().indexOf(field), value)
            if edit.get("delete"):
                layer.deleteFeature(feature.id())
        result["committed"][name] = layer.commitChanges()
        result["errors"][name] = list(layer.commitErrors())
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)  # skip QGIS teardown, which can crash on exit in offscreen mode


if __name__ == "__main__":
    main()
