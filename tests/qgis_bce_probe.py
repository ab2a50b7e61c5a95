"""Open a geostory QGIS project of a story before AD 1 in real QGIS; report what its Temporal Controller does.

Run by tests/test_bce.py with the system Python that has PyQGIS, QT_QPA_PLATFORM=offscreen:

    python3 tests/qgis_bce_probe.py PROJECT.qgs

Reports the layers' validity and temporal modes, the time range stored in the project, the range QGIS
computes from the layers (the Temporal Controller's "Set to full range" button), and for each one-day step
of that range the ids each dated layer shows, keyed by Julian Day Number. The probe only measures.
"""
from __future__ import annotations

import json
import os
import sys

from qgis.core import (
    QgsApplication,
    QgsFeatureRequest,
    QgsInterval,
    QgsProject,
    QgsTemporalNavigationObject,
    QgsTemporalUtils,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerTemporalContext,
)


def main() -> None:
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    result: dict = {"read": project.read(sys.argv[1])}
    layers = {lyr.source().split("layername=")[-1]: lyr for lyr in project.mapLayers().values()
              if isinstance(lyr, QgsVectorLayer)}  # not the relief raster
    result["layers"] = {name: {"valid": lyr.isValid(), "count": lyr.featureCount(),
                               "temporal": lyr.temporalProperties().isActive(),
                               "mode": int(lyr.temporalProperties().mode())} for name, lyr in layers.items()}
    ts = project.timeSettings()
    result["stored_range_valid"] = ts.temporalRange().begin().isValid()
    full = QgsTemporalUtils.calculateTemporalRangeForProject(project)
    result["full_range"] = [full.begin().date().toJulianDay(), full.end().date().toJulianDay()]
    result["full_range_text"] = [full.begin().toString("yyyy-MM-dd"), full.end().toString("yyyy-MM-dd")]
    nav = QgsTemporalNavigationObject()
    nav.setTemporalExtents(full)
    nav.setFrameDuration(QgsInterval(ts.timeStep(), ts.timeStepUnit()))
    result["step"] = [ts.timeStep(), QgsUnitTypes.toString(ts.timeStepUnit())]
    result["frames"] = nav.totalFrameCount()
    visible: dict = {}
    for name, lyr in layers.items():
        tp = lyr.temporalProperties()
        if not tp.isActive():
            continue
        days = {}
        for i in range(nav.totalFrameCount()):
            r = nav.dateTimeRangeForFrameNumber(i)
            flt = tp.createFilterString(QgsVectorLayerTemporalContext(), r)
            request = QgsFeatureRequest().setFilterExpression(flt)
            days[r.begin().date().toJulianDay()] = sorted(str(f["id"]) for f in lyr.getFeatures(request))
        visible[name] = days
    result["visible"] = visible
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    os._exit(0)  # skip QGIS teardown, which can crash on exit in offscreen mode


if __name__ == "__main__":
    main()
