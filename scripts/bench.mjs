#!/usr/bin/env node
// `npm run bench [-- --json] [-- --quick] [-- --only SUITE,…]`: the performance benchmarks of
// issue 8 (bench/run.ts). Each row is printed with a baseline measured in the same run and the
// ratio; --json prints one { name, value, unit, baseline, ratio } object per line on stdout
// (`npm run -s bench -- --json` keeps npm's own banner off stdout).
// Peak RSS is read with GNU time (/usr/bin/time -v, Debian package `time`): when it is missing
// the RSS rows are left empty and this says how to install it. The full run takes about five
// minutes on 2 cores (the first one also generates ~800 MB of inputs into bench/out/, cached for
// later runs); --quick uses inputs a tenth that size.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (!existsSync('/usr/bin/time')) {
  process.stderr.write(
    'bench: /usr/bin/time (GNU time) is not installed, so peak RSS cannot be measured and those rows stay empty.\n' +
      'bench: install it from Debian with `sudo apt-get install time`, then run the benchmarks again.\n',
  );
}
if (!existsSync(join(root, 'node_modules', 'tsx'))) {
  process.stderr.write('bench: node_modules is missing: run `npm run setup` (or `npm install`) first.\n');
  process.exit(2);
}

const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'run.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
