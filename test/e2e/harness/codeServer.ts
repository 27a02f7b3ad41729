/**
 * Starts code-server (VS Code 1.139 in the browser) on 127.0.0.1 with a throw-away profile,
 * the packaged extension installed, and stops it by its process group.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactsDir, codeServerEntry, node24, node24BinDir } from './paths';

export interface CodeServerOptions {
  /** The folder VS Code opens. */
  readonly workspace: string;
  /** A .vsix installed with --install-extension before the server starts. */
  readonly vsix?: string;
  /** User settings, on top of the quiet defaults below. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** false: workspace trust on and the folder left untrusted (Restricted Mode). Default true. */
  readonly trusted?: boolean;
  /** Prefix of the server log written to test/e2e/artifacts/. */
  readonly name: string;
}

export interface CodeServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly workspace: string;
  /** The throw-away profile (--user-data-dir): VS Code writes its logs under logs/ until stop() removes it. */
  readonly userDataDir: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const INSTALL_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 10_000;

/** User settings of the throw-away profile: no trust prompt, no welcome page, no network chatter. */
export function profileSettings(trusted: boolean): Record<string, unknown> {
  return {
    'security.workspace.trust.enabled': !trusted,
    // Untrusted: open straight into Restricted Mode instead of asking (the modal would
    // otherwise wait for a click before the workbench is usable).
    ...(trusted ? {} : { 'security.workspace.trust.startupPrompt': 'never' }),
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.openRepositoryInParentFolders': 'never',
  };
}

function runToCompletion(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(node24, [codeServerEntry, ...args], { env, timeout: INSTALL_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (error) reject(new Error(`code-server ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`));
      else resolve(`${stdout}${stderr}`);
    });
  });
}

function waitForListening(child: ChildProcess, log: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`code-server did not listen within ${START_TIMEOUT_MS} ms:\n${log()}`)), START_TIMEOUT_MS);
    const onData = (): void => {
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log());
      if (match?.[1] !== undefined) done(undefined, match[1]);
    };
    const onExit = (code: number | null): void => done(new Error(`code-server exited (${code}) before listening:\n${log()}`));
    function done(error: Error | undefined, url?: string): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (error !== undefined || url === undefined) reject(error);
      else resolve(url);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

let signalsHandled = false;

/** Turns SIGINT/SIGTERM (Ctrl+C, a runner's timeout) into a normal exit, so 'exit' handlers stop the servers. */
function exitOnSignals(): void {
  if (signalsHandled) return;
  signalsHandled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
}

/** Starts code-server on a free port of 127.0.0.1 and resolves once it accepts connections. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const home = mkdtempSync(join(tmpdir(), 'pf-e2e-'));
  const userDataDir = join(home, 'ud');
  const extensionsDir = join(home, 'ext');
  mkdirSync(extensionsDir, { recursive: true });
  const settings = JSON.stringify({ ...profileSettings(options.trusted ?? true), ...options.settings }, null, 2);
  // code-server is a remote window: `machine`-scoped settings (profileFirst.pyspyPath …) are
  // read only from the server's Machine/settings.json, the rest from User/settings.json.
  for (const scope of ['User', 'Machine']) {
    mkdirSync(join(userDataDir, scope), { recursive: true });
    writeFileSync(join(userDataDir, scope, 'settings.json'), settings);
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${node24BinDir}:${process.env.PATH ?? ''}`,
    // code-server keeps its config and "last opened" state under XDG dirs: keep them throw-away.
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    // No extension gallery (code-server defaults to open-vsx.org): the suite talks to 127.0.0.1 only.
    EXTENSIONS_GALLERY: '{}',
  };
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  if (options.vsix !== undefined) {
    try {
      await runToCompletion([...common, '--install-extension', options.vsix], env);
      const installed = readdirSync(extensionsDir).filter((name) => !name.startsWith('.') && name !== 'extensions.json');
      if (installed.length === 0) throw new Error(`--install-extension ${options.vsix} left ${extensionsDir} empty`);
    } catch (error) {
      rmSync(home, { recursive: true, force: true });
      throw error;
    }
  }

  mkdirSync(artifactsDir, { recursive: true });
  const logPath = join(artifactsDir, `${options.name}-code-server.log`);
  const logFile = createWriteStream(logPath);
  let log = '';
  const child = spawn(
    node24,
    [
      codeServerEntry,
      ...common,
      '--config', join(home, 'config.yaml'),
      '--auth', 'none',
      '--bind-addr', '127.0.0.1:0',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      options.workspace,
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('code-server did not start (no PID)');
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      log += chunk;
      logFile.write(chunk);
    });
  }
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exit.then(() => (exited = true));
  // If the test process dies without running its after() hooks, take the server with it.
  const killOnExit = (): void => killGroup(pid, 'SIGKILL');
  process.once('exit', killOnExit);
  exitOnSignals();

  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (!exited) {
      killGroup(pid, 'SIGTERM');
      const grace = new Promise<void>((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
      await Promise.race([exit, grace]);
    }
    // Children (extension host, py-spy) share the group; none may outlive the suite.
    killGroup(pid, 'SIGKILL');
    logFile.end();
    // VS Code's own logs (extension host, output channels such as "Profile First") outlive the profile.
    const logs = join(userDataDir, 'logs');
    const kept = join(artifactsDir, `${options.name}-logs`);
    rmSync(kept, { recursive: true, force: true });
    if (existsSync(logs)) cpSync(logs, kept, { recursive: true });
    rmSync(home, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    const url = await waitForListening(child, () => log);
    return { url, workspace: options.workspace, userDataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
