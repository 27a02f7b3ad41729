/**
 * Table-driven test over the async fixture corpus: each case's findings, silenced code and
 * rewritten texts match its expected files, and agree with the promise on its first line.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { AsyncLinter } from '../../../src/core/asyncLint';
import { CORPUS_DIR, expectedFinding, header, lintOptions, listCases, readCase, rewrittenTexts, type ExpectedCase } from './corpus';
import { generatorExpressionsWithAwait, syntaxErrorCount } from './pythonTree';

const UPDATE = process.env.PROFILE_FIRST_UPDATE_CORPUS === '1';

let linter: AsyncLinter;
before(async () => {
  linter = await AsyncLinter.create();
});

describe('the async fixture corpus', () => {
  for (const name of listCases()) {
    const { text, json } = readCase(name);
    const promise = header(text);
    const says = promise.kind === 'nothing' ? 'reports nothing' : `reports ${promise.rule} ${promise.kind === 'fixable' ? 'with a fix' : 'without a fix'}`;
    test(`${name}.py ${says}, as its expected files say (${promise.guards.slice(0, 90)}…)`, async () => {
      const options = lintOptions(name, text, json.options);
      const report = linter.lintWithDetails(text, options);
      const actual: ExpectedCase = {
        ...(json.options === undefined ? {} : { options: json.options }),
        findings: report.findings.map(expectedFinding),
        silenced: report.silenced,
      };
      const texts = rewrittenTexts(linter, text, options, report.findings);
      if (UPDATE) {
        writeFileSync(join(CORPUS_DIR, `${name}.expected.json`), `${JSON.stringify(actual, null, 2)}\n`);
        for (const [suffix, rewritten] of texts) writeFileSync(join(CORPUS_DIR, `${name}.${suffix}.py`), rewritten);
      }

      if (promise.kind === 'nothing') {
        assert.deepEqual(report.findings, [], 'the header promises no finding');
      } else {
        const mine = report.findings.filter((f) => f.rule === promise.rule);
        assert.ok(mine.length > 0, `the header promises a ${promise.rule} finding`);
        if (promise.kind === 'fixable') assert.ok(mine.some((f) => f.fixable), 'the header promises a fix');
        else assert.ok(mine.every((f) => !f.fixable && f.notFixableReason !== undefined), 'the header promises no fix, with a reason');
      }
      if (UPDATE) return;
      assert.deepEqual(actual, { ...json, findings: json.findings ?? [], silenced: json.silenced ?? [] });
      for (const suffix of ['fixed', 'semaphore', 'taskgroup']) {
        const path = join(CORPUS_DIR, `${name}.${suffix}.py`);
        assert.equal(texts.get(suffix), existsSync(path) ? readFileSync(path, 'utf8') : undefined, `${name}.${suffix}.py`);
      }
      for (const [suffix, rewritten] of texts) {
        const errorsBefore = await syntaxErrorCount(text);
        assert.ok((await syntaxErrorCount(rewritten)) <= errorsBefore, `${name}.${suffix}.py re-parses with no new syntax errors`);
        assert.deepEqual(await generatorExpressionsWithAwait(rewritten), [], `${name}.${suffix}.py has no generator expression containing await`);
      }
    });
  }
});
