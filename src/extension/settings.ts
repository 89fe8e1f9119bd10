// The extension's settings (contributed in package.json), read per document so folder settings apply.

import * as vscode from 'vscode';
import type { AnalyzeOptions, PredictOptions, RuleCode, Severity } from '../model';

export interface Settings {
  readonly rules: readonly string[] | undefined;
  readonly severities: AnalyzeOptions['severities'];
  readonly predict: PredictOptions;
  readonly codeLens: boolean;
}

export function readSettings(document?: vscode.TextDocument): Settings {
  const config = vscode.workspace.getConfiguration('gilLens', document);
  const enabled = config.get<string[]>('rules.enabled');
  const severity = config.get<Record<string, Severity>>('rules.severity') ?? {};
  const switchInterval = config.get<number | null>('switchIntervalMs');
  return {
    rules: enabled && enabled.length > 0 ? enabled : undefined,
    severities: Object.fromEntries(Object.entries(severity).filter(([code]) => /^GIL00\d$/.test(code))) as Partial<Record<RuleCode, Severity>>,
    predict: {
      python: config.get<string>('python') ?? '3.11',
      cores: config.get<number>('cores') ?? 2,
      switchIntervalMs: switchInterval && switchInterval > 0 ? switchInterval : undefined,
      ioLatencyMs: config.get<number>('ioLatencyMs') ?? 5,
    },
    codeLens: config.get<boolean>('codeLens') ?? true,
  };
}
