import { verify } from '../../../src/cli/commands/verify';
const args = process.argv.slice(2);
verify(args, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd(), env: process.env }).then((code) => console.log('exit', code));
