"""Open a geostory QGIS export in real QGIS and report what QGIS sees, as JSON on stdout.

Run by tests/test_qgis.py with the system Python that has PyQGIS (never the venv), QT_QPA_PLATFORM=offscreen:

    python3 tests/qgis_probe.py PLAN.json

PLAN.json: {"project": ".qgs", "geojson_dir": "...", "png_dir": "...",
            "renders": [{"name": ..., "day": "YYYY-MM-DD", "bookmark": frame id}],
            "watch": {"layer": ..., "id": ..., "colour": "#rrggbb"},
            "atlas": {"pdf": "out.pdf"},   (optional: export the print layout's atlas to one PDF and report each page)
            "fading": {"layer": ..., "times": ["YYYY-MM-DDTHH:MM:SS", ...]},   (optional: each feature's symbol
            opacity as QGIS evaluates it with @map_start_time at each time)
            "second": {"project": ".qgs", "gpkg": "...", "geojson_dir": "..."}}   (optional: another story,
            opened after the first, reporting its time range, bookmarks and every label as QGIS draws it)
The probe only measures; the test decides what is right.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextScope,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsInterval,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemScaleBar,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsProject,
    QgsRenderContext,
    QgsSimpleMarkerSymbolLayer,
    QgsSimpleMarkerSymbolLayerBase,
    QgsSymbol,
    QgsSymbolLayer,
    QgsTemporalNavigationObject,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsVectorLayerTemporalContext,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QSize, Qt, QVariant
from qgis.PyQt.QtGui import QColor

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")


def value(v):
    if v is None or (isinstance(v, QVariant) and v.isNull()):
        return None
    if isinstance(v, QDateTime):
        return v.toString("yyyy-MM-ddTHH:mm:ss") if v.isValid() else None
    if isinstance(v, QDate):
        return v.toString("yyyy-MM-dd")
    return v


def iso(dt: QDateTime) -> str:
    return dt.toString("yyyy-MM-ddTHH:mm:ss")


def symbol_layers(sym) -> list[dict]:
    """Each symbol layer as QGIS holds it: class, colours, width or size, marker shape, fill style."""
    out = []
    for sl in sym.symbolLayers():
        d = {"class": sl.layerType(), "colour": sl.color().name()}
        if hasattr(sl, "strokeColor"):
            d["stroke"] = sl.strokeColor().name()
        if hasattr(sl, "strokeWidth"):
            d["stroke_width"] = round(sl.strokeWidth(), 4)
        if hasattr(sl, "width"):
            d["width"] = round(sl.width(), 4)
        if isinstance(sl, QgsSimpleMarkerSymbolLayer):
            d["shape"] = QgsSimpleMarkerSymbolLayerBase.encodeShape(sl.shape())
            d["size"] = round(sl.size(), 4)
        if sl.layerType() == "EllipseMarker":
            d["shape"] = sl.symbolName()
            d["size"] = [round(sl.symbolWidth(), 4), round(sl.symbolHeight(), 4)]
            d["units"] = [QgsUnitTypes.encodeUnit(sl.symbolWidthUnit()), QgsUnitTypes.encodeUnit(sl.symbolHeightUnit())]
        if sl.layerType() == "MarkerLine":
            d["placement"] = int(sl.placement())
            d["rotate"] = sl.rotateSymbols()
        if hasattr(sl, "brushStyle"):
            d["filled"] = sl.brushStyle() != Qt.NoBrush
        if sl.subSymbol() is not None:
            d["sub"] = symbol_layers(sl.subSymbol())
        out.append(d)
    return out


def labels_of(layer: QgsVectorLayer) -> dict | None:
    """Every feature's label text as QGIS evaluates the label expression, with any evaluation error."""
    if not (layer.labelsEnabled() and layer.labeling() is not None):
        return None
    expr = QgsExpression(layer.labeling().settings().fieldName)
    ctx = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    expr.prepare(ctx)
    out = {}
    for feat in layer.getFeatures():
        ctx.setFeature(feat)
        text = value(expr.evaluate(ctx))
        out[str(feat["id"])] = {"text": text, "error": expr.evalErrorString() if expr.hasEvalError() else None}
    return out


def describe_layer(layer: QgsVectorLayer, with_features: bool = True) -> dict:
    r = layer.renderer()
    out = {"valid": layer.isValid(), "source": layer.source(), "count": layer.featureCount(),
           "renderer": r.type() if r else None, "labels": layer.labelsEnabled(),
           "crs": layer.crs().authid(), "fields": [f.name() for f in layer.fields()]}
    if r is not None and r.type() == "categorizedSymbol":
        out["attr"] = r.classAttribute()
        out["categories"] = [{"value": c.value(), "label": c.label(), "colour": c.symbol().color().name(),
                              "layer_colours": [sl.color().name() for sl in c.symbol().symbolLayers()],
                              "opacity": round(c.symbol().opacity(), 3), "layers": symbol_layers(c.symbol())}
                             for c in r.categories()]
    elif r is not None and r.type() == "singleSymbol":
        sym = r.symbol()
        n = sym.symbolLayerCount()
        out["symbol"] = {"type": sym.type(), "colours": [sym.symbolLayer(i).color().name() for i in range(n)],
                         "classes": [sym.symbolLayer(i).layerType() for i in range(n)],
                         "layers": symbol_layers(sym)}
    tp = layer.temporalProperties()
    out["temporal"] = {"active": tp.isActive(), "mode": int(tp.mode()), "start": tp.startField(), "end": tp.endField(),
                       "limit": int(tp.limitMode())}
    if layer.labelsEnabled() and layer.labeling() is not None:
        settings = layer.labeling().settings()
        out["label_font"] = settings.format().font().family()
        expr = QgsExpression(settings.fieldName)
        ctx = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
        feat = next(layer.getFeatures())
        ctx.setFeature(feat)
        out["label_first"] = expr.evaluate(ctx)
        out["label_texts"] = labels_of(layer)
    if with_features:
        names = [f.name() for f in layer.fields()]
        out["features"] = {str(f["id"]): {n: value(f[n]) for n in names} for f in layer.getFeatures()}
    return out


def table(layer) -> str:
    """The GeoPackage table behind a project layer (results are keyed by it, not by layer id); "relief"
    for the raster layer."""
    if not isinstance(layer, QgsVectorLayer):
        return "relief"
    return layer.source().split("layername=")[-1].split("|")[0]


def describe_raster(layer) -> dict:
    e = layer.extent()
    return {"valid": layer.isValid(), "source": layer.source(), "type": "raster", "renderer": layer.renderer().type(),
            "crs": layer.crs().authid(), "bands": layer.bandCount(), "size": [layer.width(), layer.height()],
            "extent": [e.xMinimum(), e.yMinimum(), e.xMaximum(), e.yMaximum()]}


def colour_pixels(image, rect, colour: QColor, tolerance: int = 60) -> int:
    x0, y0, x1, y1 = (max(0, int(v)) for v in rect)
    x1, y1 = min(image.width() - 1, x1), min(image.height() - 1, y1)
    n = 0
    for x in range(x0, x1 + 1):
        for y in range(y0, y1 + 1):
            c = QColor(image.pixel(x, y))
            distance = abs(c.red() - colour.red()) + abs(c.green() - colour.green()) + abs(c.blue() - colour.blue())
            if distance < tolerance:
                n += 1
    return n


def bookmarks(project) -> list[dict]:
    out = []
    for b in project.bookmarkManager().bookmarks():
        e = QgsCoordinateTransform(b.extent().crs(), WGS84, project).transformBoundingBox(b.extent())
        out.append({"id": b.id(), "name": b.name(), "crs": b.extent().crs().authid(),
                    "extent": [round(v, 5) for v in (e.xMinimum(), e.yMinimum(), e.xMaximum(), e.yMaximum())]})
    return out


def second_story(project, plan: dict) -> dict:
    """Another story's project, GeoPackage and GeoJSON: what a reader of its labels and dates sees."""
    out = {"read": project.read(plan["project"])}
    rng = project.timeSettings().temporalRange()
    out["time"] = {"begin": iso(rng.begin()), "end": iso(rng.end())}
    out["bookmarks"] = bookmarks(project)
    out["labels"] = {table(lyr): labels_of(lyr) for lyr in project.mapLayers().values()
                     if isinstance(lyr, QgsVectorLayer) and lyr.labelsEnabled()}
    out["gpkg_labels"], out["geojson_labels"] = {}, {}
    for name in out["labels"]:
        out["gpkg_labels"][name] = labels_of(QgsVectorLayer(f"{plan['gpkg']}|layername={name}", name, "ogr"))
        path = Path(plan["geojson_dir"]) / f"{name}.geojson"
        out["geojson_labels"][name] = labels_of(QgsVectorLayer(str(path), name, "ogr"))
    return out


def fading(layer: QgsVectorLayer, times: list[str]) -> dict:
    """Each feature's symbol opacity (0–1) and first line width as QGIS evaluates their data-defined
    properties with @map_start_time at each time (and with no time at all, key "none")."""
    out: dict = {}
    renderer = layer.renderer().clone()
    for when in [None, *times]:
        ctx = QgsRenderContext()
        scope = QgsExpressionContextScope()
        if when is not None:
            scope.setVariable("map_start_time", QDateTime.fromString(when, "yyyy-MM-ddTHH:mm:ss"))
        ectx = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
        ectx.appendScope(scope)
        ctx.setExpressionContext(ectx)
        renderer.startRender(ctx, layer.fields())
        ectx = ctx.expressionContext()
        seen = {}
        for feat in layer.getFeatures():
            ectx.setFeature(feat)
            sym = renderer.symbolForFeature(feat, ctx)
            opacity = sym.opacity()
            prop = sym.dataDefinedProperties().property(QgsSymbol.PropertyOpacity)
            if prop.isActive():
                opacity = prop.valueAsDouble(ectx, opacity * 100)[0] / 100
            first = sym.symbolLayer(0)
            width = None
            wprop = first.dataDefinedProperties().property(QgsSymbolLayer.PropertyStrokeWidth)
            if wprop.isActive():
                width = wprop.valueAsDouble(ectx, 0)[0]
            seen[str(feat["id"])] = {"opacity": round(opacity, 4), "dd_width": width}
        renderer.stopRender(ctx)
        out[when or "none"] = seen
    return out


def atlas(project, pdf: str) -> dict:
    """The print layout's atlas: exported to one PDF, and each page's map view, time range and texts."""
    layout = project.layoutManager().layouts()[0]
    at = layout.atlas()
    maps = [i for i in layout.items() if isinstance(i, QgsLayoutItemMap)]
    out = {"name": layout.name(), "enabled": at.enabled(),
           "coverage": table(at.coverageLayer()) if at.coverageLayer() else None,
           "legends": [{"title": i.title(), "filter": i.legendFilterByMapEnabled(),
                        "layers": [table(n.layer()) for n in i.model().rootGroup().findLayers()]}
                       for i in layout.items() if isinstance(i, QgsLayoutItemLegend)],
           "scalebars": [{"units": QgsUnitTypes.encodeUnit(i.units()), "map": i.linkedMap() is not None}
                         for i in layout.items() if isinstance(i, QgsLayoutItemScaleBar)],
           "pages": []}
    at.beginRender()
    for n in range(at.count()):
        at.seekTo(n)
        layout.refresh()
        m = maps[0]
        e = QgsCoordinateTransform(m.crs(), WGS84, project).transformBoundingBox(m.extent())
        rng = m.temporalRange()
        texts = sorted(i.currentText() for i in layout.items() if isinstance(i, QgsLayoutItemLabel))
        out["pages"].append({"name": at.currentFilename(), "page": at.nameForPage(n),
                             "id": at.layout().reportContext().feature()["id"],
                             "extent": [e.xMinimum(), e.yMinimum(), e.xMaximum(), e.yMaximum()],
                             "temporal": m.isTemporal(), "range": [iso(rng.begin()), iso(rng.end())], "texts": texts})
    at.endRender()
    exporter_settings = QgsLayoutExporter.PdfExportSettings()
    exporter_settings.dpi = 150
    res, err = QgsLayoutExporter.exportToPdf(at, pdf, exporter_settings)
    out["export"] = {"result": int(res), "error": err}
    return out


def main() -> None:
    plan = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    result: dict = {"read": project.read(plan["project"])}
    result["crs"] = project.crs().authid()
    result["title"] = project.title()
    result["absolute_paths"] = project.readBoolEntry("Paths", "/Absolute", True)[0]
    root = project.layerTreeRoot()
    result["tree"] = [{"table": table(n.layer()), "name": n.name(), "checked": n.isVisible()}
                      for n in root.findLayers()]
    result["layers"] = {
        table(lyr): dict(describe_layer(lyr) if isinstance(lyr, QgsVectorLayer) else describe_raster(lyr), id=lid)
        for lid, lyr in project.mapLayers().items()}
    tables = {table(lyr): lyr for lyr in project.mapLayers().values() if isinstance(lyr, QgsVectorLayer)}
    ts = project.timeSettings()
    rng = ts.temporalRange()
    result["time"] = {"begin": iso(rng.begin()), "end": iso(rng.end()), "step": ts.timeStep(),
                      "unit": QgsUnitTypes.toString(ts.timeStepUnit())}
    nav = QgsTemporalNavigationObject()
    nav.setTemporalExtents(rng)
    nav.setFrameDuration(QgsInterval(ts.timeStep(), ts.timeStepUnit()))
    frames = [nav.dateTimeRangeForFrameNumber(i) for i in range(nav.totalFrameCount())]
    result["nav_frames"] = [[iso(r.begin()), iso(r.end()), r.includeEnd()] for r in frames]
    result["bookmarks"] = bookmarks(project)
    view = project.viewSettings().presetFullExtent()
    result["full_extent"] = [view.xMinimum(), view.yMinimum(), view.xMaximum(), view.yMaximum()]
    # What the Temporal Controller shows on each day: the layer's own filter for each frame range.
    result["visible"] = {}
    for lid, lyr in tables.items():
        tp = lyr.temporalProperties()
        if not tp.isActive():
            continue
        days = {}
        for r in frames:
            shown = tp.isVisibleInTemporalRange(r)
            flt = tp.createFilterString(QgsVectorLayerTemporalContext(), r)
            request = QgsFeatureRequest().setFilterExpression(flt)
            ids = sorted(str(f["id"]) for f in lyr.getFeatures(request)) if shown else []
            days[r.begin().toString("yyyy-MM-dd")] = ids
        result["visible"][lid] = days
    # Render the project as the Temporal Controller would on chosen days.
    result["renders"] = []
    watch = plan.get("watch")
    by_id = {b.id(): b for b in project.bookmarkManager().bookmarks()}
    layers = [n.layer() for n in root.findLayers() if n.isVisible()]
    for req in plan.get("renders", []):
        day = QDate.fromString(req["day"], "yyyy-MM-dd")
        frame = next(r for r in frames if r.begin().date() == day)
        ms = QgsMapSettings()
        ms.setLayers(layers)
        ms.setDestinationCrs(project.crs())
        ms.setTransformContext(project.transformContext())
        bm = by_id[req["bookmark"]]
        ms.setOutputSize(QSize(700, 700))
        to_project = QgsCoordinateTransform(bm.extent().crs(), project.crs(), project)
        ms.setExtent(to_project.transformBoundingBox(bm.extent()))
        ms.setBackgroundColor(QColor("white"))
        ms.setIsTemporal(True)
        ms.setTemporalRange(frame)
        # as QGIS's map canvas does: global, project and map scopes, so @map_start_time reaches the styles
        ctx = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(None))
        ctx.appendScope(QgsExpressionContextUtils.mapSettingsScope(ms))
        ms.setExpressionContext(ctx)
        job = QgsMapRendererParallelJob(ms)
        job.start()
        job.waitForFinished()
        image = job.renderedImage()
        path = str(Path(plan["png_dir"]) / f"{req['name']}.png")
        image.save(path)
        entry = {"name": req["name"], "day": req["day"], "path": path, "frame": [iso(frame.begin()), iso(frame.end())]}
        if watch:
            lyr = tables[watch["layer"]]
            feat = next(lyr.getFeatures(QgsFeatureRequest().setFilterExpression(f"\"id\" = '{watch['id']}'")))
            to_project = QgsCoordinateTransform(lyr.crs(), project.crs(), project)
            bbox = to_project.transformBoundingBox(feat.geometry().boundingBox())
            m2p = ms.mapToPixel()
            p0, p1 = m2p.transform(bbox.xMinimum(), bbox.yMaximum()), m2p.transform(bbox.xMaximum(), bbox.yMinimum())
            entry["watch_pixels"] = colour_pixels(image, (p0.x(), p0.y(), p1.x(), p1.y()), QColor(watch["colour"]))
        result["renders"].append(entry)
    # The GeoPackage alone (default styles from layer_styles) and the GeoJSON alone (.qml beside it).
    gpkg = plan.get("gpkg")
    if gpkg:
        result["gpkg"] = {}
        for lid in tables:
            lyr = QgsVectorLayer(f"{gpkg}|layername={lid}", lid, "ogr")
            result["gpkg"][lid] = describe_layer(lyr, with_features=False)
    result["geojson"] = {}
    for path in sorted(Path(plan["geojson_dir"]).glob("*.geojson")):
        lyr = QgsVectorLayer(str(path), path.stem, "ogr")
        result["geojson"][path.stem] = describe_layer(lyr, with_features=False)
    if plan.get("fading"):
        result["fading"] = fading(tables[plan["fading"]["layer"]], plan["fading"]["times"])
    if plan.get("atlas"):
        result["atlas"] = atlas(project, plan["atlas"]["pdf"])
    if plan.get("second"):
        result["second"] = second_story(project, plan["second"])
    result["tz"] = os.environ.get("TZ")
    sys.stdout.write(json.dumps(result, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()
    os._exit(0)  # skip QGIS teardown, which can crash on exit in offscreen mode


if __name__ == "__main__":
    main()
