// Used by `npm run demo` when `code` is not on PATH: starts the harness's code-server on
// 127.0.0.1 with the packaged extension installed, opens the given folder, prints the URL and
// runs until Ctrl+C. The demo's settings point Profile First at the project's .venv, which has
// the pinned py-spy and memray.
// Usage: node --import tsx test/e2e/serve.ts --workspace DIR --vsix FILE
import { join } from 'node:path';
import { startCodeServer } from './harness/codeServer';
import { checkPrerequisites, repoRoot } from './harness/paths';

function option(name: string): string {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  if (value === undefined) {
    console.error(`serve: ${name} is required (usage: serve.ts --workspace DIR --vsix FILE).`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  checkPrerequisites({ vsix: false, pySpy: true });
  const server = await startCodeServer({
    name: 'demo',
    workspace: option('--workspace'),
    vsix: option('--vsix'),
    trusted: true,
    settings: { 'profileFirst.pythonPath': join(repoRoot, '.venv', 'bin', 'python') },
  });
  console.log(`\nVS Code (code-server) is running: ${server.url}\nOpen it in a browser, open cpu_hot.py and run "Profile First: Profile Python File". Ctrl+C stops the server.`);
  await new Promise<never>(() => undefined);
}

main().catch((err: unknown) => {
  console.error(`serve: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
