// Types of the page's scripts, for `tsc --checkJs` only (never inlined into the page): the JSON payload that
// geostory.webmap.payload writes, and the window.geostory namespace the seven scripts fill in order.

type GsState = "current" | "earlier" | "context" | "hidden";
type GsLatLng = [number, number];

interface GsCitation { label: string; title?: string; url?: string; note?: string }
interface GsDate { text: string; certainty?: string; note?: string }

interface GsInfo {
  name: string; en: string; zh?: string; then?: string; date?: GsDate; side?: string;
  facts: string[]; narrative: string;
  sources: GsCitation[];
  corrections?: string[];
}

interface GsMovementStyle {
  colour: string; width: number; dash: string | null; opacity: number; head: string; casing: boolean;
}

/** One stroke of a line as the legend rule draws it (geostory.legend), bottom first. */
interface GsStroke {
  role: string; colour: string; width: number; opacity: number; dash: string | null; cap: L.LineCapShape;
}

/** An arrow head in pixels, as the legend rule sizes it (current, or earlier and smaller). */
interface GsHead {
  style: string; length: number; width: number; colour: string; fill: string; outline: number; opacity: number;
}

/** How heads fit an arrow drawn on screen (styles.json arrow.head_px). */
interface GsArrowRule { min: number; max_share: number; tip_gap: number; shaft_into_head: number }

interface GsFeature {
  id: string; layer: string; kind: string; info: GsInfo; rank?: number;
  ll?: GsLatLng; lines?: GsLatLng[][]; path?: GsLatLng[]; style?: GsMovementStyle;
  strokes?: GsStroke[]; head?: GsHead; head_earlier?: GsHead;
  /** A movement's look (style, strokes, heads) as its place in the payload's `looks`; unpack() puts the
      look's parts on the feature, so the drawing code reads f.style, f.strokes, f.head. */
  look?: number;
}

interface GsFrame {
  id: string; title: string; date: GsDate; narrative: string; sources: GsCitation[]; corrections: string[];
  /** Indexes of the frame's own features, in its order. */
  current: number[];
  /** How many of the payload's `order` have begun by the frame's last day. */
  begun: number;
  bounds: L.LatLngBoundsLiteral;
  at: number;
}

interface GsCorrection {
  about: string; says: string; claim: string; map_shows: string; reason: string; sources: GsCitation[];
}

interface GsLayerStyle {
  label?: string; colour: string; fill?: string; width: number; opacity?: number; dash?: string | null;
  radius?: any; casing?: unknown; strokes?: GsStroke[];
}

interface GsPayload {
  story: { id: string; title: string };
  lang: string;
  words: { [key: string]: string };
  sides: { [key: string]: { label: string; colour: string } };
  style: {
    layers: { [layer: string]: GsLayerStyle };
    faded: { opacity: number; width_factor: number };
    casing: { colour: string; extra_width: number };
    hollow_head_fill: string;
    outline: { point: number; head: number; hollow_head: number };
    draw_order: string[];
    current_above: string[];
    arrow: GsArrowRule;
  };
  corrections: { [id: string]: GsCorrection };
  /** Draw with one canvas per layer rather than an SVG element per shape. */
  canvas: boolean;
  features: GsFeature[];
  /** Movement looks features share: style and the legend rule's strokes. */
  looks: Array<{ style: GsMovementStyle; strokes: GsStroke[]; head: GsHead; head_earlier: GsHead }>;
  /** Citations features share. */
  citations: GsCitation[];
  /** Indexes of the dated features by first day. */
  order: number[];
  frames: GsFrame[];
}

/** A sparse column: values of the few features that have one, by index. */
type GsSparse<T> = { [k: number]: T };

/** The payload as the page carries it (webmap/wire.py): columns and tables, which story.js unpacks. */
interface GsWire {
  story: GsPayload["story"]; lang: string; words: GsPayload["words"]; sides: GsPayload["sides"];
  style: GsPayload["style"]; corrections: GsPayload["corrections"]; canvas: boolean; looks: GsPayload["looks"];
  order: number[];
  features: {
    id: string[]; layer: number[]; kind: number[];
    /** A point's [lat, lon], a path's or each line's vertices, in whole 1/scale degrees, each vertex the step
        from the one before. */
    geom: Array<number[] | number[][]>;
    rank: number[]; look: number[]; en: string[]; date: number[]; side: number[]; facts: number[][];
    narrative: string[]; sources: number[];
    name: GsSparse<string>; zh: GsSparse<string>; then: GsSparse<string>; corrections: GsSparse<string[]>;
  };
  frames: {
    id: string[]; title: string[]; date: number[]; narrative: string[]; sources: number[];
    corrections: string[][]; current: number[][]; begun: number[]; bounds: L.LatLngBoundsLiteral[];
  };
  layers: string[]; kinds: string[]; side_keys: string[]; dates: GsDate[]; texts: string[];
  source_lists: number[][]; citations: GsCitation[]; scale: number;
}

interface GsGoOptions { force?: boolean; instant?: boolean; keepView?: boolean; fromSlider?: boolean; fromHash?: boolean }
interface GsFrameEvent extends L.LeafletEvent { index: number; previous: number; frame: GsFrame; options: GsGoOptions }

interface GsNamespace {
  autoplayMs: number;
  ready: boolean;
  scriptMs: number | null;
  readyMs?: number | null;
  words?: { [key: string]: string };
  dom: {
    t(key: string, values?: { [name: string]: string | number }): string;
    el(tag: string, className?: string | null, text?: string | null): HTMLElement;
    fill(node: HTMLElement, children: Array<Node | null>): HTMLElement;
    paragraphs(text: string, className: string): HTMLElement;
    sourceList(sources: GsCitation[], heading?: string): HTMLElement;
    dateNodes(date: GsDate): HTMLElement[];
    correctionBlock(c: GsCorrection): HTMLElement;
    nameNodes(node: HTMLElement, info: GsInfo): HTMLElement;
    popupContent(f: GsFeature, data: GsPayload): HTMLElement;
    reducedMotion(): boolean;
  };
  ArrowShaft: new (path: L.LatLngExpression[], options: GsArrowShaftOptions) => GsArrowShaft;
  ArrowHead: new (path: L.LatLngExpression[], options: GsArrowHeadOptions) => GsArrowHead;
  arrowLayout(pts: L.Point[], head: GsHead, rule: GsArrowRule): { path: L.Point[]; start: number; end: number; length: number };
  controlPadding(map: L.Map): { left: number; top: number; right: number; bottom: number };
  resetPadding(): void;
  frameView(map: L.Map, data: GsPayload, fr: GsFrame, maxZoom: number): { center: L.LatLng; zoom: number };
  StoryFeature: new (f: GsFeature, data: GsPayload, group: L.FeatureGroup,
                     options: { renderers: { [pane: string]: L.Renderer }; popup: L.PopupOptions }) => GsStoryFeature;
  Labels: new (map: L.Map, places: GsStoryFeature[]) => GsLabels;
  Label: new (latlng: L.LatLngExpression, content: HTMLElement, className: string, dx: number) => GsLabel;
  Legend: new (node: HTMLElement, options?: L.ControlOptions) => GsLegend;
  Panel: new (player: GsPlayer, data: GsPayload, openFeature: (k: number) => void) => GsPanel;
  Player: new (frames: GsFrame[]) => GsPlayer;
  control(map: L.Map, id: string, position: L.ControlPosition): void;
  labelMetrics(map: L.Map): GsMeasure;
  start(map: L.Map, groups: { [layer: string]: L.FeatureGroup }, dataId: string): void;
  [key: string]: any;
}

interface Window { geostory: GsNamespace }

// The classes, as the scripts build them with Leaflet's Class.extend (each method's `this`).
type GsPart = L.Path & {
  _gsBase: { opacity?: number; fillOpacity?: number; weight?: number; radius?: number };
  _gsClass: string;
  /** The story feature the part draws (its clicks open that feature's popup). */
  _gsItem: GsStoryFeature;
};

/** A movement's path projected once for all its parts, and the view (zoom and pixel origin) it was for. */
interface GsProjected { key: string | null; pts: L.Point[] | null }
interface GsArrowShaftOptions extends L.PolylineOptions { head: GsHead; rule: GsArrowRule; projected: GsProjected }
interface GsArrowHeadOptions extends L.PolylineOptions { head: GsHead; rule: GsArrowRule; projected: GsProjected }
interface GsArrowPart { setHead?(head: GsHead): unknown }

interface GsArrowShaft extends L.Polyline {
  options: GsArrowShaftOptions;
  initialize(path: L.LatLngExpression[], options: GsArrowShaftOptions): void;
  setHead(head: GsHead): GsArrowShaft;
  _project(): void;
}

interface GsArrowHead extends L.Polygon {
  options: GsArrowHeadOptions;
  _gsPath: L.LatLng[];
  _gsLength?: number;
  initialize(path: L.LatLngExpression[], options: GsArrowHeadOptions): void;
  setHead(head: GsHead): GsArrowHead;
  pixelLength(): number;
  _project(): void;
}

interface GsStoryFeature {
  f: GsFeature;
  /** The feature's place in the payload's features (file order). */
  k: number;
  data: GsPayload;
  group: L.FeatureGroup;
  gsOptions: { renderers: { [pane: string]: L.Renderer }; popup: L.PopupOptions };
  state: GsState;
  /** Whether the parts are in the layer's group now. */
  shown: boolean;
  _popup: L.Popup | null;
  openPopup(latlng: L.LatLngExpression): void;
  _show(on: boolean): void;
  parts: GsPart[] | null;
  anchor: L.LatLng | null;
  initialize(f: GsFeature, data: GsPayload, group: L.FeatureGroup,
             options: { renderers: { [pane: string]: L.Renderer }; popup: L.PopupOptions }): void;
  _build(): void;
  _classes(part: GsPart): void;
  _setPane(state: GsState): boolean;
  setState(state: GsState): boolean;
  _label: GsLabel | null;
  labelSize?: [number, number];
  /** The anchor projected at a zoom (Labels.update), rounded as Leaflet rounds layer points. */
  _gsPx?: { zoom: number; x: number; y: number };
  labelDx(): number;
  label(): GsLabel | undefined;
  setLabel(on: boolean): void;
}

/** A label's [width, height] in pixels; ``height``: a rank's label height, without measuring any text. */
type GsMeasure = ((info: GsInfo, rank: number) => [number, number]) & {
  height(rank: number): number;
  /** The label's element's width and height as laid out. */
  box(info: GsInfo, rank: number): { w: number; h: number };
};

interface GsLabels {
  map: L.Map;
  places: GsStoryFeature[];
  pending: boolean;
  _measure: GsMeasure | null;
  _metrics(): GsMeasure;
  initialize(map: L.Map, places: GsStoryFeature[]): void;
  schedule(): void;
  update(): void;
}

type GsLabel = L.Layer & GsLabelOwn;

interface GsLabelOwn {
  size?: [number, number];
  _latlng: L.LatLng;
  _content: HTMLElement;
  _className: string;
  _dx: number;
  _node: HTMLElement | null;
  _host: L.Map | null;
  initialize(latlng: L.LatLngExpression, content: HTMLElement, className: string, dx: number): void;
  onAdd(map: L.Map): this;
  onRemove(map: L.Map): this;
  getPane(name?: string): HTMLElement | undefined;
  getEvents(): { [name: string]: L.LeafletEventHandlerFn };
  getElement(): HTMLElement | undefined;
  _update(): void;
  _animateZoom(e: L.ZoomAnimEvent): void;
  _place(point: L.Point): void;
}

interface GsLegend extends L.Control {
  node: HTMLElement;
  initialize(node: HTMLElement, options?: L.ControlOptions): void;
  onAdd(map: L.Map): HTMLElement;
}

interface GsPanel extends L.Control {
  player: GsPlayer;
  data: GsPayload;
  openFeature: (k: number) => void;
  nodes: { [name: string]: HTMLElement } & { slider: HTMLInputElement };
  _map: L.Map;
  _container: HTMLElement;
  initialize(player: GsPlayer, data: GsPayload, openFeature: (k: number) => void): void;
  onAdd(map: L.Map): HTMLElement;
  _chipKey(f: GsFeature): HTMLElement;
  _render(e: GsFrameEvent): void;
}

interface GsPlayer extends L.Evented {
  frames: GsFrame[];
  current: number;
  _timer: number | null;
  _pendingHash: string | null;
  _hashTimer: number | null;
  initialize(frames: GsFrame[]): void;
  go(i: number, options?: GsGoOptions): number;
  step(i: number): number;
  frameAt(position: number): number;
  playing(): boolean;
  stop(): void;
  play(): void;
  indexOf(id: string): number;
  hashIndex(): number;
  followHash(): void;
  _setHash(id: string): void;
}
