export * from './awaitEvidence';
export * from './awaitsFile';
export * from './timerFrames';
export * from './timingEnvironment';
