// The three output formats of `gil-lens check`: text (like Ruff: path:line:col: CODE message), the versioned JSON
// of DESIGN.md's contract, and SARIF 2.1.0 for GitHub code scanning, with each rule's help generated from its docs.

import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../model';
import { RULES } from '../model/rules';
import { ruleMarkdown } from '../model/rules/docs';
import type { RuleDoc, Severity } from '../model/rules/types';

export interface FileReport {
  readonly path: string;
  readonly problems: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  /** Set when the file could not be read at all: an I/O error, which makes the exit status 2. */
  readonly unreadable?: boolean;
}

export function formatText(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  let found = 0;
  for (const report of reports) {
    for (const problem of report.problems) lines.push(`${report.path}: ${problem}`);
    for (const d of report.diagnostics) {
      lines.push(`${report.path}:${d.line}:${d.column}: ${d.code} ${d.message}`);
      found++;
    }
  }
  const files = reports.length;
  lines.push(found === 0
    ? `No findings in ${files} file${files === 1 ? '' : 's'}.`
    : `Found ${found} finding${found === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}.`);
  return `${lines.join('\n')}\n`;
}

export function formatJson(reports: readonly FileReport[]): string {
  const json = {
    version: 1,
    files: reports.map((report) => ({
      path: report.path,
      problems: report.problems,
      diagnostics: report.diagnostics.map((d) => ({
        code: d.code, rule: d.rule, severity: d.severity, message: d.message,
        line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn,
      })),
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export function formatSarif(reports: readonly FileReport[], version: string): string {
  const rules = RULES.map((rule) => sarifRule(rule.doc));
  const results = reports.flatMap((report) => report.diagnostics.map((d) => ({
    ruleId: d.code,
    ruleIndex: RULES.findIndex((rule) => rule.doc.code === d.code),
    level: SARIF_LEVEL[d.severity],
    message: { text: d.message },
    locations: [location(report.path, d)],
    relatedLocations: d.related.map((related, id) => ({ id, ...location(report.path, related), message: { text: related.message } })),
  })));
  const notifications = reports.flatMap((report) => report.problems.map((problem) => ({
    level: 'warning',
    message: { text: problem },
    locations: [{ physicalLocation: { artifactLocation: { uri: toUri(report.path) } } }],
  })));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'GIL Lens', semanticVersion: version, version, rules } },
      invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function sarifRule(doc: RuleDoc) {
  const markdown = ruleMarkdown(doc);
  return {
    id: doc.code,
    name: doc.name,
    shortDescription: { text: doc.title },
    fullDescription: { text: doc.whatItDoes },
    help: { text: `${doc.whatItDoes}\n\n${doc.whyIsThisBad}`, markdown },
    defaultConfiguration: { level: SARIF_LEVEL[doc.defaultSeverity] },
    properties: { tags: ['concurrency', 'python', 'gil'] },
  };
}

function location(path: string, at: { line: number; column: number; endLine: number; endColumn: number }) {
  return {
    physicalLocation: {
      artifactLocation: { uri: toUri(path) },
      region: { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn },
    },
  };
}

/**
 * SARIF wants URIs: a path given relative (as GitHub code scanning expects, from the repository root) becomes a
 * relative reference with forward slashes, percent-encoded; an absolute path becomes a file:// URI, since a
 * relative reference may not begin with a slash.
 */
function toUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}
