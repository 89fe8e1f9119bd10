// Rule documentation rendered from each rule's `RuleDoc`: the Markdown page (docs/rules/GIL00N.md, SARIF help,
// hovers) and the README's rule table. Generated, never copied, so the texts cannot drift apart.

import { RULES } from '.';
import type { RuleDoc } from './types';

/** A rule's page, in Ruff's order: what it does, why, example, use instead, fix safety. */
export function ruleMarkdown(doc: RuleDoc): string {
  const parts = [
    `# ${doc.code} \`${doc.name}\`: ${doc.title}`,
    `## What it does\n${doc.whatItDoes}`,
    `## Why is this bad?\n${doc.whyIsThisBad}`,
    `## Example\n\`\`\`python\n${doc.example}\n\`\`\``,
    `## Use instead\n\`\`\`python\n${doc.useInstead}\n\`\`\``,
  ];
  if (doc.fixSafety) parts.push(`## Fix safety\n${doc.fixSafety}`);
  parts.push(`Silence it on one line with \`# noqa: ${doc.code}\`.`);
  return `${parts.join('\n\n')}\n`;
}

/** The rule table for the README. */
export function rulesTable(): string {
  const rows = RULES.map(({ doc }) => `| [${doc.code}](docs/rules/${doc.code}.md) | \`${doc.name}\` | ${doc.title} |`);
  return ['| code | rule | finds |', '|---|---|---|', ...rows].join('\n');
}
