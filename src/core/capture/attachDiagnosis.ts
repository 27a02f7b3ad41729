/**
 * May this user let py-spy read another process? Checked before attaching, so the user gets the
 * command that works instead of py-spy's raw "Permission Denied". The rules are the kernel's:
 * Yama's ptrace_scope (Documentation/admin-guide/LSM/Yama.rst), then the classic same-uid check
 * or CAP_SYS_PTRACE (kernel/ptrace.c __ptrace_may_access). macOS: py-spy requires root.
 */
import { promises as fs } from 'node:fs';
import { formatCommandLine } from './pyspyArgs';

/** Verdict of diagnoseAttach: whether attaching should work, why, and what to run if not. */
export interface AttachDiagnosis {
  readonly allowed: boolean;
  /** One sentence for people; also set when allowed (says why). */
  readonly reason: string;
  /** The single command most likely to work (for a "Copy command" button). */
  readonly suggestedCommand?: string;
  /** Other ways out, as commands or short instructions. */
  readonly alternatives: readonly string[];
  /** Set when the target does not exist (not a permission problem). */
  readonly processMissing?: boolean;
}

/** Everything the decision depends on; gathered from /proc by gatherLinuxFacts, or given by tests. */
export interface AttachFacts {
  readonly platform: NodeJS.Platform;
  readonly pid: number;
  readonly targetExists: boolean;
  /** Real, effective and saved uid of the target (Linux). */
  readonly targetUids?: readonly number[];
  readonly ourUid: number;
  readonly hasCapSysPtrace: boolean;
  /** /proc/sys/kernel/yama/ptrace_scope; undefined when Yama is absent (classic rules, as 0). */
  readonly ptraceScope?: number;
  readonly inContainer: boolean;
}

/** Reads a text file, undefined when absent or unreadable; tests inject a fake. */
export type TextFileReader = (file: string) => Promise<string | undefined>;

const readTextFile: TextFileReader = async (file) => {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
};

/** CAP_SYS_PTRACE is capability bit 19 (include/uapi/linux/capability.h). */
const CAP_SYS_PTRACE_BIT = 19n;

/** Parses the `Uid:` and `CapEff:` lines of /proc/PID/status. */
export function parseProcStatus(text: string): { uids?: number[]; capEff?: bigint } {
  const uidLine = /^Uid:\s*(.*)$/m.exec(text);
  const capLine = /^CapEff:\s*([0-9a-fA-F]+)\s*$/m.exec(text);
  return {
    uids: uidLine ? uidLine[1].trim().split(/\s+/).map(Number) : undefined,
    capEff: capLine ? BigInt(`0x${capLine[1]}`) : undefined,
  };
}

/** True when a CapEff mask contains CAP_SYS_PTRACE. */
export function hasCapSysPtrace(capEff: bigint | undefined): boolean {
  return capEff !== undefined && ((capEff >> CAP_SYS_PTRACE_BIT) & 1n) === 1n;
}

/** Collects the facts for `pid` from /proc (Linux) or the process (other platforms). */
export async function gatherAttachFacts(pid: number, read: TextFileReader = readTextFile, platform = process.platform, ourUid = process.geteuid?.() ?? -1): Promise<AttachFacts> {
  if (platform !== 'linux') {
    return { platform, pid, targetExists: true, ourUid, hasCapSysPtrace: ourUid === 0, inContainer: false };
  }
  const target = await read(`/proc/${pid}/status`);
  const self = parseProcStatus((await read('/proc/self/status')) ?? '');
  const scopeText = await read('/proc/sys/kernel/yama/ptrace_scope');
  const scope = scopeText === undefined ? undefined : Number(scopeText.trim());
  const cgroup = (await read('/proc/self/cgroup')) ?? '';
  const dockerenv = await read('/.dockerenv');
  return {
    platform,
    pid,
    targetExists: target !== undefined,
    targetUids: target === undefined ? undefined : parseProcStatus(target).uids,
    ourUid,
    hasCapSysPtrace: hasCapSysPtrace(self.capEff),
    ptraceScope: scope !== undefined && Number.isInteger(scope) ? scope : undefined,
    inContainer: dockerenv !== undefined || /\/(docker|kubepods|containerd|libpod)/.test(cgroup),
  };
}

/** The ways to get ptrace rights on Linux, the first being the suggested one. */
export function ptraceRemedies(pyspyCommand: readonly string[], inContainer: boolean): string[] {
  const [pyspy = 'py-spy', ...rest] = pyspyCommand;
  // py-spy's own hint keeps PATH under sudo so a py-spy from a venv is still found (src/main.rs).
  const remedies = [
    `sudo env "PATH=$PATH" ${formatCommandLine([pyspy, ...rest])}`,
    `sudo setcap cap_sys_ptrace+ep ${formatCommandLine([pyspy])}`,
    'echo 0 | sudo tee /proc/sys/kernel/yama/ptrace_scope',
  ];
  const docker = 'in Docker, start the container with --cap-add SYS_PTRACE (Compose: cap_add: [SYS_PTRACE]; Kubernetes: securityContext.capabilities.add: [SYS_PTRACE])';
  return inContainer ? [docker, ...remedies] : [...remedies, docker];
}

/**
 * Decides from the facts. `pyspyCommand` is the full py-spy argv we would run (absolute py-spy
 * first), so the suggested command is exactly the one that works.
 */
export function decideAttach(facts: AttachFacts, pyspyCommand: readonly string[] = ['py-spy', 'record', '--pid', String(facts.pid)]): AttachDiagnosis {
  const { pid } = facts;
  if (!facts.targetExists) {
    return { allowed: false, reason: `Process ${pid} is not running.`, alternatives: [], processMissing: true };
  }
  if (facts.platform === 'darwin') {
    if (facts.ourUid === 0) return { allowed: true, reason: 'Running as root.', alternatives: [] };
    const sudo = `sudo ${formatCommandLine(pyspyCommand)}`;
    return { allowed: false, reason: 'py-spy needs root on macOS to read another process.', suggestedCommand: sudo, alternatives: [sudo, 'profile the script by launching it instead of attaching'] };
  }
  if (facts.platform !== 'linux') return { allowed: true, reason: 'No ptrace restrictions to check on this platform.', alternatives: [] };

  const scope = facts.ptraceScope ?? 0;
  if (scope >= 3) {
    return {
      allowed: false,
      reason: `ptrace is disabled on this machine (kernel.yama.ptrace_scope = ${scope}) until reboot; nobody, not even root, can attach.`,
      alternatives: ['profile the script by launching it instead of attaching', 'set kernel.yama.ptrace_scope below 3 and reboot'],
    };
  }
  if (facts.hasCapSysPtrace) return { allowed: true, reason: 'This process has CAP_SYS_PTRACE.', alternatives: [] };

  const sameUser = facts.targetUids !== undefined && facts.targetUids.length >= 3 && facts.targetUids.slice(0, 3).every((u) => u === facts.ourUid);
  let why: string | undefined;
  if (scope === 2) why = 'kernel.yama.ptrace_scope = 2 lets only administrators (CAP_SYS_PTRACE) attach';
  else if (scope === 1) why = 'kernel.yama.ptrace_scope = 1 lets a process attach only to its own descendants without CAP_SYS_PTRACE';
  else if (!sameUser) why = `process ${pid} belongs to another user (uid ${facts.targetUids?.join('/') ?? '?'}, you are ${facts.ourUid})`;
  if (why === undefined) return { allowed: true, reason: `Process ${pid} is yours and ptrace_scope is ${scope}.`, alternatives: [] };

  const remedies = ptraceRemedies(pyspyCommand, facts.inContainer && facts.ourUid === 0);
  const containerNote = facts.inContainer && facts.ourUid === 0 ? ' You are root in a container without CAP_SYS_PTRACE.' : '';
  return {
    allowed: false,
    reason: `Cannot attach to process ${pid}: ${why}.${containerNote}`,
    suggestedCommand: remedies[0].startsWith('in Docker') ? remedies[1] : remedies[0],
    alternatives: [...remedies, 'profile the script by launching it instead of attaching (no extra rights needed)'],
  };
}

/** Checks before attaching whether the OS will let py-spy read `pid`, and what to run if not. */
export async function diagnoseAttach(pid: number, pyspyCommand?: readonly string[], read?: TextFileReader): Promise<AttachDiagnosis> {
  return decideAttach(await gatherAttachFacts(pid, read), pyspyCommand);
}
