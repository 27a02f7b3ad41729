import { mulberry32 } from '../../../src/core/verify/stats/prng';
const r = mulberry32(1); let s = 0;
let t = performance.now();
for (let i = 0; i < 1e7; i++) s += r();
console.log('ns per draw', (performance.now() - t) / 1e4, s > 0);
