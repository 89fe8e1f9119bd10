// What a rule is and what it produces. Each rule lives in its own file with its documentation; the hover text,
// the README's rule table and SARIF's help text are all generated from `RuleDoc`, so they cannot drift apart.

import type { Facts } from '../facts';
import type { Syntax } from '../parse/syntax';

export type RuleCode = 'GIL001' | 'GIL002' | 'GIL003' | 'GIL004' | 'GIL005';
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RuleDoc {
  readonly code: RuleCode;
  /** kebab-case, as in the CLI's JSON and SARIF. */
  readonly name: string;
  /** One line. */
  readonly title: string;
  readonly whatItDoes: string;
  readonly whyIsThisBad: string;
  /** Python code showing the problem. */
  readonly example: string;
  /** Python code doing it right. */
  readonly useInstead: string;
  readonly fixSafety?: string;
  readonly defaultSeverity: Severity;
}

export interface Related {
  readonly message: string;
  readonly node: Syntax;
}

/** A rule's judgement at one place in the file. */
export interface Finding {
  readonly code: RuleCode;
  readonly message: string;
  /** Where the squiggle goes. */
  readonly start: number;
  readonly end: number;
  readonly related: readonly Related[];
  /** Facts a quick fix needs (the shared variable, the lock to use...). */
  readonly data?: Readonly<Record<string, string | number | boolean>>;
}

export interface Rule {
  readonly doc: RuleDoc;
  check(facts: Facts): Finding[];
}
