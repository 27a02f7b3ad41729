/** The capture API the host and the CLI use: finding tools, recording with py-spy, processes, permissions. */
export { resolvePython, findPySpy, pySpyInstallCommand, type PySpyLocation, type FindPySpyOptions, type LookupContext } from './toolDiscovery';
export { buildLaunchArgs, buildAttachArgs, formatCommandLine, type PySpyRecordOptions, type LaunchTarget } from './pyspyArgs';
export {
  PySpyRecording,
  type LaunchRecordingRequest,
  type AttachRecordingRequest,
  type RecordingResult,
  type RecordingOutcome,
  type RecordingState,
} from './pyspyRecording';
export { ProcessNotFoundError, UnsupportedPythonError } from './captureErrors';
export { diagnoseAttach, type AttachDiagnosis } from './attachDiagnosis';
export { listPythonProcesses, type PythonProcess } from './processList';
export { defaultProfileName, unusedPath, sidecarPathFor, readRecordingSidecar, type RecordingSidecar } from './recordingFiles';
export {
  buildMemrayRunArgs,
  buildMemrayAttachArgs,
  buildMemrayDetachArgs,
  defaultMemoryProfileName,
  type MemrayRecordOptions,
  type MemrayAttachOptions,
  type MemrayLaunchTarget,
} from './memrayArgs';
export { findMemray, memrayInstallCommand, assertMemraySupported, interpreterOfProcess, MemrayUnsupportedPlatformError, type MemrayLocation, type ProcessInterpreter } from './memrayDiscovery';
export { MemrayRecording, type LaunchMemoryRequest, type MemoryRecordingResult, type MemoryRecordingOutcome, type MemoryRecordingState } from './memrayRecording';
export { MemrayAttachRecording, type AttachMemoryRequest } from './memrayAttach';
export { captureFileState, type MemraySidecar } from './memrayFiles';
export { readGitState } from './gitState';
