// The extensionTestsPath entry VS Code calls: runs the mocha suite and rejects on failures.
import Mocha from 'mocha';
import { defineExtensionSuite } from './extension.suite';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000 });
  // The suite is bundled into this file, so mocha's globals are installed by hand before it is declared.
  mocha.suite.emit('pre-require', globalThis, 'extension.suite', mocha);
  defineExtensionSuite();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed in VS Code`)) : resolve()));
  });
}
