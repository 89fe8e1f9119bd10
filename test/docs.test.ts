// The rule pages in docs/rules and the README's rule table are generated from the rules' own documentation.
// `npm run docs` rewrites them; this test fails when a rule's docs changed and the files were not regenerated.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/model/rules';
import { ruleMarkdown, rulesTable } from '../src/model/rules/docs';

const ROOT = join(__dirname, '..');
const UPDATE = process.env.UPDATE_DOCS === '1';
const TABLE = /(<!-- rules:start -->\n)[\s\S]*?(\n<!-- rules:end -->)/;

describe('generated documentation', () => {
  for (const { doc } of RULES) {
    it(`docs/rules/${doc.code}.md`, () => {
      const path = join(ROOT, 'docs', 'rules', `${doc.code}.md`);
      const expected = ruleMarkdown(doc);
      if (UPDATE) {
        mkdirSync(join(ROOT, 'docs', 'rules'), { recursive: true });
        writeFileSync(path, expected);
      }
      expect(readFileSync(path, 'utf8')).toBe(expected);
    });
  }

  it('README rule table', () => {
    const path = join(ROOT, 'README.md');
    const readme = readFileSync(path, 'utf8');
    expect(readme).toMatch(TABLE);
    const expected = readme.replace(TABLE, `$1${rulesTable()}$2`);
    if (UPDATE) writeFileSync(path, expected);
    expect(readFileSync(path, 'utf8')).toBe(expected);
  });
});
