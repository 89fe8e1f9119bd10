// What sending values to and from another process costs: pickle on one side, unpickle on the other. Both scale
// with the objects sent (a list of a million ints is a million objects) and with raw str/bytes data, so a value is
// sized as both, from its abstract value; what the model cannot size counts as a small object graph.

import type { ThreadStart } from '../facts/threads';
import type { Evaluator, Value } from '../facts/values';
import type { VersionProfile } from './profiles';

export interface PickledSize {
  readonly items: number;
  readonly bytes: number;
}

/** Objects assumed for a container of unknown length, and for objects the model does not know the contents of. */
const UNKNOWN_LENGTH = 100;
const OPAQUE_ITEMS = 10;

export function pickledSize(value: Value, depth = 0): PickledSize {
  switch (value.kind) {
    case 'number':
    case 'bool':
    case 'none':
    case 'range':
      return { items: 1, bytes: 0 };
    case 'str':
      return { items: 1, bytes: value.length ?? 32 };
    case 'container': {
      if (depth > 3) return { items: value.length ?? UNKNOWN_LENGTH, bytes: 0 };
      if (value.items && value.items.length === value.length) {
        return value.items.reduce((sum, item) => add(sum, pickledSize(item, depth + 1)), { items: 1, bytes: 0 });
      }
      const length = value.length ?? UNKNOWN_LENGTH;
      const each = value.itemValue ? pickledSize(value.itemValue, depth + 1) : { items: value.type === 'dict' ? 2 : 1, bytes: 0 };
      return { items: 1 + length * each.items, bytes: length * each.bytes };
    }
    default:
      return { items: OPAQUE_ITEMS, bytes: 0 };
  }
}

function add(a: PickledSize, b: PickledSize): PickledSize {
  return { items: a.items + b.items, bytes: a.bytes + b.bytes };
}

export function pickleNs(size: PickledSize, profile: VersionProfile): number {
  return size.items * profile.pickleNsPerItem + size.bytes * profile.pickleNsPerByte;
}

/** What one task of a process start sends: its arguments there (when they are pickled) and its result back. */
export function processTaskTraffic(start: ThreadStart, evaluator: Evaluator, startMethod: VersionProfile['defaultStartMethod']): { args: PickledSize; result: PickledSize } {
  // A Process started by fork inherits its arguments with the memory; pools always pickle tasks and results.
  const pool = start.startsImmediately;
  const values = [...start.args.positional.map((arg) => arg.value), ...[...start.args.keywords.values()].map((arg) => arg.value)];
  if (start.self) values.push(start.self);
  const args = pool || startMethod !== 'fork' ? values.reduce((sum, value) => add(sum, pickledSize(value)), { items: 1, bytes: 0 }) : { items: 0, bytes: 0 };
  let result: PickledSize = { items: 0, bytes: 0 };
  if (pool && start.entry) {
    const bound = evaluator.bindArguments(start.entry, start.args, start.self);
    result = pickledSize(evaluator.returnValue(start.entry, bound, start.spawner, start.closure));
  }
  return { args, result };
}
