// Benchmark: the sequential-await lint on a generated 50,000-line Python file (issue 6 asks for
// lines/s). Prints lines/s of the lint (every finding with its message and `fixable` verdict,
// as the diagnostics and `lint --json` use them; fix edits are built and re-parsed when first
// read, so a third line times reading every finding's fixes too) next to a baseline measured in
// the same run, tree-sitter parsing the whole text alone, as a ratio, so the number means
// something on any machine. Times are CPU time of this process (process.cpuUsage), not wall
// time: on a shared 2-core machine the wall time of the same run moved by 3x with the load.
// Printed, never asserted.
//
// The input repeats one 62-line block of service code: a class with a sync __init__, three async
// methods (a fixable append loop over an httpx client, an ordered execute loop, a while poll)
// and a sync summarising method, then an async function with an await in a comprehension and a
// try, an async loop over a cache, and a sync helper. About half its lines are in async
// functions, more than in most real modules, and the lint only parses those closely (sync
// function bodies are emptied before parsing), so real code lints faster per line than this.
//
//   node --import tsx bench/lint.bench.ts
import { AsyncLinter } from '../src/core/asyncLint';
import { loadPythonParser } from '../src/core/asyncLint/pythonParser';

const TARGET_LINES = 50_000;

/** One block of ordinary async service code: a client class, loops (fixable or not), comprehensions, sync helpers. */
function block(i: number): string {
  return `

class Service${i}:
    """Talks to backend ${i}."""

    def __init__(self, base, retries=3):
        self.base = base
        self.retries = retries
        self.cache = {}

    async def fetch_all_${i}(self, ids):
        async with httpx.AsyncClient(timeout=5) as client:
            pages = []
            for item in ids:
                pages.append(await client.get(f"{self.base}/{item}"))
        return [p.json() for p in pages]

    async def save_${i}(self, conn, rows):
        for row in rows:
            await conn.execute("INSERT INTO t VALUES ($1)", row)
        await conn.commit()

    async def poll_${i}(self, job):
        while not job.done:
            await asyncio.sleep(0.5)
            job = await self.refresh(job)
        return job

    def summarize_${i}(self, values):
        total = 0
        for v in values:
            if v is None:
                continue
            total += v * ${i % 7 + 1}
        return total / max(len(values), 1)


async def load_users_${i}(session, names):
    users = [await session.get(name) for name in names]
    by_id = {u.id: u for u in users if u is not None}
    try:
        extra = await session.get("extra-${i}")
    except KeyError:
        extra = None
    return by_id, extra


async def warm_${i}(keys, cache):
    for key in keys:  # one at a time on purpose? the profile will tell
        await cache.refresh(key)


def helper_${i}(xs):
    return sorted((x * ${i}) % 97 for x in xs if x % 3)
`;
}

function generatedFile(): { text: string; lines: number } {
  const parts = ['"""Generated benchmark module."""\nimport asyncio\n\nimport httpx\n'];
  let lines = parts[0].split('\n').length;
  for (let i = 0; lines < TARGET_LINES; i++) {
    const b = block(i);
    parts.push(b);
    lines += b.split('\n').length - 1;
  }
  return { text: parts.join(''), lines };
}

/** Median CPU milliseconds (user + system) per call of `fn` over `runs` runs, after a warm-up. */
function median(fn: () => unknown, runs = 7): number {
  for (let i = 0; i < 2; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t0);
    times.push((d.user + d.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function main(): Promise<void> {
  const { text, lines } = generatedFile();
  const parser = await loadPythonParser();
  const linter = await AsyncLinter.create();
  const parseMs = median(() => parser.parse(text).delete());
  const findings = linter.lint(text, { file: 'bench/generated.py', targetPython: { major: 3, minor: 12 } });
  const lintMs = median(() => linter.lint(text, { file: 'bench/generated.py', targetPython: { major: 3, minor: 12 } }));
  const withFixesMs = median(() => {
    for (const f of linter.lint(text, { file: 'bench/generated.py', targetPython: { major: 3, minor: 12 } })) void f.fixes;
  }, 3);
  const perSecond = (ms: number) => Math.round((lines / ms) * 1000).toLocaleString('en-US');
  const fixable = findings.filter((f) => f.fixable).length;
  console.log(`generated file: ${lines.toLocaleString('en-US')} lines, ${findings.length} findings (${fixable} fixable, ${findings.length - fixable} not)`);
  console.log(`baseline: tree-sitter parse alone   ${parseMs.toFixed(0).padStart(6)} ms CPU   ${perSecond(parseMs).padStart(9)} lines/s`);
  console.log(`lint (findings, fixes on demand)    ${lintMs.toFixed(0).padStart(6)} ms CPU   ${perSecond(lintMs).padStart(9)} lines/s   (${(lintMs / parseMs).toFixed(2)}× baseline time)`);
  console.log(`  and every fix built + re-parsed   ${withFixesMs.toFixed(0).padStart(6)} ms CPU   ${perSecond(withFixesMs).padStart(9)} lines/s`);
}

void main();
