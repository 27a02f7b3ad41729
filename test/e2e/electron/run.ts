// `node --import tsx test/e2e/electron/run.ts`: the suite when VS Code is there, else one line saying why not.
import { electronSuiteSkipReason, runElectronSuite } from './runElectronSuite';

const reason = electronSuiteSkipReason();
if (reason !== undefined) {
  console.log(reason);
} else {
  await runElectronSuite(process.env.VSCODE_EXECUTABLE_PATH ?? '');
}
