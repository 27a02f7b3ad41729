import { bootstrapRatioOfMedians } from '../../../src/core/verify/stats/bootstrap';
const a = Array.from({ length: 10 }, (_, i) => 1 + i * 0.01), b = Array.from({ length: 10 }, (_, i) => 1.05 + i * 0.013);
let t = performance.now();
for (let i = 0; i < 200; i++) bootstrapRatioOfMedians(a, b, { resamples: 5000 });
console.log('n=10 5000 resamples: ms per call', (performance.now() - t) / 200);
const a2 = [...a, ...a], b2 = [...b, ...b];
t = performance.now();
for (let i = 0; i < 100; i++) bootstrapRatioOfMedians(a2, b2, { resamples: 5000 });
console.log('n=20: ms per call', (performance.now() - t) / 100);
