// The rule registry: every rule, in code order.

import { blockingCallInAsync } from './blockingCallInAsync';
import { checkThenAct } from './checkThenAct';
import { cpuBoundThread } from './cpuBoundThread';
import { nonAtomicSharedUpdate } from './nonAtomicSharedUpdate';
import type { Rule, RuleCode } from './types';
import { unreleasedLock } from './unreleasedLock';

export const RULES: readonly Rule[] = [cpuBoundThread, nonAtomicSharedUpdate, checkThenAct, blockingCallInAsync, unreleasedLock];

export type { Rule, RuleCode };
