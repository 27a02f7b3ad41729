/** The editor-surface core: path mapping, staleness, heat, hint/hover/lens text, zoom restriction. */
export { createPathMapper, type PathMapper, type PathMatch, type PathMiss, type PathMapperOptions } from './pathMapper';
export { isLibraryPath } from './libraryPath';
export { staleness, applyStaleness, STALE_HINT_TEXT, type Staleness } from './staleness';
export { heatLevel, HEAT_LEVELS, HEAT_THRESHOLDS, DEFAULT_MIN_LINE_SHARE } from './heat';
export { buildFileLineHints, HINT_GLYPH, type LineHint, type LineHintMode, type LineCost } from './lineHints';
export { lineNeighbours, type LineNeighbours, type Neighbour } from './lineNeighbours';
export { hoverMarkdown, lensText } from './hoverText';
export { escapeMarkdown } from './markdown';
export { restrictToNode, restrictToNodeInSlices, ZOOM_STACKS_PER_SLICE } from './zoom';
export { buildComparisonLineHints, comparisonHintText, type LineChange } from './comparisonHints';
