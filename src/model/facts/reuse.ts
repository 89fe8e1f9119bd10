// Walks that stand for others. Every call of a function with the same arguments reuses one walk (the walker's memo,
// by `signature`). Threads started on different objects made alike (a test suite's server, one per test, each
// handing its connections to a handler thread) do the same things, each to its own objects: one walk, copied with
// its accesses moved onto the other objects, stands for the rest (`signatureOfShape`, `copyExecution`).

import type { Access, BlockingCall, Check, Execution, Place } from './execution';
import { type CallArgs, type RoundPart, type Value, affineShape, isVarargs } from './values';

type Instance = Extract<Value, { kind: 'instance' }>;

/** A short, stable description of argument values, for reusing a walk made with the same ones. */
export function signature(args: ReadonlyMap<string, Value>): string {
  const parts: string[] = [];
  for (const [name, value] of args) parts.push(`${name}=${valueSignature(value, undefined, 0)}`);
  return parts.join(',');
}

/**
 * The objects a shape names, in the order met: two walks whose arguments have one shape touch these objects in the
 * same way, the i-th of one where the other touches its i-th.
 */
export interface ObjectsMet {
  readonly keys: string[];
  /** The arguments an object was made with: objects made with different ones can behave differently. */
  readonly madeWith: (object: Instance) => CallArgs | undefined;
  /** Something in the arguments has no shape (a partial, a thread's identity): only the same values match. */
  unmatched?: true;
}

/** How deep a shape follows the objects an object was made with (a handler made with its server, made with options). */
const SHAPE_DEPTH = 3;

/**
 * Like `signature`, but objects are described by their class, sharing and what they were made with, not by which
 * object they are: their keys go to `objects`. Undefined when some argument cannot be described so.
 */
export function signatureOfShape(args: ReadonlyMap<string, Value>, objects: ObjectsMet): string | undefined {
  const parts: string[] = [];
  for (const [name, value] of args) parts.push(`${name}=${valueSignature(value, objects, SHAPE_DEPTH)}`);
  return objects.unmatched ? undefined : parts.join(',');
}

function valueSignature(value: Value, objects: ObjectsMet | undefined, depth: number): string {
  switch (value.kind) {
    case 'number':
      if (objects && value.identity) objects.unmatched = true;
      return `${value.value}${affineShape(value.affine)}${value.perThread ? `own${value.ownWithin ?? ''}` : ''}${roundShape(value.roundPart)}`;
    case 'bool':
      return `${value.value}`;
    case 'str':
      if (objects && value.identity) objects.unmatched = true;
      // A known text can be a key (`totals[crane] += 1`): another text is another item.
      return `s${value.length}${value.copies ? `x${value.copies}` : ''}w${value.words}${value.perThread ? `own${value.ownWithin ?? ''}` : ''}${roundShape(value.roundPart)}${objects && value.value !== undefined ? JSON.stringify(value.value) : ''}`;
    case 'range':
      return `r${value.length}`;
    case 'container':
    case 'instance':
      if (!objects || !isObjectKey(value.origin.key)) {
        // Keyword arguments handed on (`**kwargs`) bind parameters: other values, another walk.
        const keywords = value.kind === 'container' && value.keywords
          ? `{${[...value.keywords].map(([name, item]) => `${name}=${valueSignature(item, objects, depth)}`).join(',')}}` : '';
        // So do the arguments a `*args` tuple hands on (`fn(self, *args)` in a decorator's wrapper), as if spelled
        // out: a thread's own key or another's, a size.
        const handed = value.kind === 'container' && value.items && isVarargs(value) ? `(${value.items.map((item) => valueSignature(item, objects, depth)).join(',')})` : '';
        return `${value.origin.key}/${value.origin.sharing}/${value.kind === 'container' ? value.length : ''}${keywords}${handed}`;
      }
      objects.keys.push(value.origin.key);
      return value.kind === 'instance' ? instanceShape(value, objects, depth) : containerShape(value, objects, depth);
    case 'unknown': {
      // An unknown parameter of some frame says nothing more than "unknown"; shared objects keep their name.
      const key = value.origin && !/^p\d/.test(value.origin.key) ? value.origin.key : '';
      const own = `${value.perThread ? `own${value.ownWithin ?? ''}` : ''}${roundShape(value.roundPart)}`;
      if (!objects || !isObjectKey(key)) return `?${key}${own}`;
      objects.keys.push(key);
      return `?obj/${value.origin!.sharing}${own}`;
    }
    case 'function':
      if (!objects) return `f${value.fn.id}`;
      if (value.alternatives) objects.unmatched = true;
      return `f${value.fn.id}@${value.closure?.id ?? ''}${value.self && depth > 0 ? `(${valueSignature(value.self, objects, depth - 1)})` : ''}`;
    // `run_with(ProcessPoolExecutor, ...)` and `run_with(ThreadPoolExecutor, ...)` do different things.
    case 'external':
      if (objects && value.self) objects.unmatched = true;
      return `x${value.name}`;
    case 'class':
      if (objects && value.alternatives) objects.unmatched = true;
      return `c${value.cls.id}`;
    default:
      if (objects) objects.unmatched = true;
      return value.kind;
  }
}

function instanceShape(value: Instance, objects: ObjectsMet, depth: number): string {
  if (value.alternatives || value.madeBy || depth <= 0) objects.unmatched = true;
  // Past the depth no shape is given (and none is needed: the signature is already unmatched). Objects can hold
  // themselves through what they were made with, so going on would not end.
  if (depth <= 0) return `i${value.cls?.id ?? value.type}`;
  const made = value.ctor && objects.madeWith(value);
  if (value.ctor && !made) objects.unmatched = true;
  const own = value.ctor?.own;
  const args = made
    ? [
      ...made.positional.map((arg) => `${arg.splat ? '*' : ''}${arg.node && own?.has(arg.node) ? 'own:' : ''}${valueSignature(arg.value, objects, depth - 1)}`),
      ...[...made.keywords].map(([name, arg]) => `${name}:${arg.node && own?.has(arg.node) ? 'own:' : ''}${valueSignature(arg.value, objects, depth - 1)}`),
    ].join(',')
    : '';
  return `i${value.cls?.id ?? value.type}/${value.origin.sharing}(${args})`;
}

function containerShape(value: Extract<Value, { kind: 'container' }>, objects: ObjectsMet, depth: number): string {
  if (value.holds || value.commonValue || depth <= 0 || (value.items && value.items.length > 8)) objects.unmatched = true;
  if (depth <= 0) return `c${value.type}`;
  const items = value.items?.map((item) => valueSignature(item, objects, depth - 1)).join(',') ?? '';
  const itemValue = value.itemValue ? valueSignature(value.itemValue, objects, depth - 1) : '';
  // What the container holds beyond these fields is read from where it was written (a dict literal's values).
  return `c${value.type}@${value.origin.site?.start}#${value.length}<${value.atMost}>${value.atLeast}/${value.origin.sharing}[${items}|${itemValue}]`;
}

/**
 * The frame that made the object a key names (`s480@3`, `f12:results`, `p7:conn`, `v31@2`, `fn4@9.calls`), if a
 * frame did. Module globals, classes and library objects (`g:counter`, `class:Pool.hits`) are the same for all walks.
 */
function frameOfKey(key: string): number | undefined {
  const match = FRAME_KEY.exec(key);
  return match ? Number(match[1]) : undefined;
}

const FRAME_KEY = /^(?:buffer:)?(?:[sv]?\d+@|fn\d+@|[fp])(\d+)/;

function isObjectKey(key: string): boolean {
  return frameOfKey(key) !== undefined;
}

/**
 * The keys of `earlier`'s objects paired with those of `later`, when the pairing is one to one (the same object
 * never stands for two). Undefined when the two shapes pair objects inconsistently.
 */
export function pairObjects(earlier: readonly string[], later: readonly string[]): Map<string, string> | undefined {
  if (earlier.length !== later.length) return undefined;
  const forward = new Map<string, string>();
  const backward = new Map<string, string>();
  for (let i = 0; i < earlier.length; i++) {
    const [from, to] = [earlier[i], later[i]];
    if ((forward.get(from) ?? to) !== to || (backward.get(to) ?? from) !== from) return undefined;
    forward.set(from, to);
    backward.set(to, from);
  }
  return forward;
}

/**
 * The earlier walk's objects paired with the later walk's (see pairObjects), and the frames the earlier walk made
 * (from `firstFrame` on): the objects those frames made are its own, and the later walk has others there.
 */
export interface Move {
  readonly pairs: ReadonlyMap<string, string>;
  readonly firstFrame: number;
}

/**
 * A key of the earlier walk as the later walk has it: on a paired object (or in it: `s480@3.items[]`), on that
 * object's partner; anything else made before the earlier walk (a global, a closure's variable), unchanged.
 * Undefined for objects the earlier walk made itself: the later walk has its own there, which nothing names.
 */
function moveKey(key: string, { pairs, firstFrame }: Move): string | undefined {
  let best: string | undefined;
  for (const from of pairs.keys()) {
    if (key.startsWith(from) && (key.length === from.length || '.[:#'.includes(key[from.length])) && (!best || from.length > best.length)) best = from;
  }
  if (best) return pairs.get(best)! + key.slice(best.length);
  const frame = frameOfKey(key);
  return frame !== undefined && frame >= firstFrame ? undefined : key;
}

function movePlace(place: Place, move: Move): Place | undefined {
  const key = moveKey(place.key, move);
  const itemKey = place.itemKey === undefined ? undefined : moveKey(place.itemKey, move);
  if (key === undefined || (place.itemKey !== undefined && itemKey === undefined)) return undefined;
  return { ...place, key, ...(itemKey !== undefined ? { itemKey } : {}) };
}

function moveLocks(locks: readonly string[], move: Move): string[] | undefined {
  const moved: string[] = [];
  for (const lock of locks) {
    const key = moveKey(lock, move);
    if (key === undefined) return undefined;
    moved.push(key);
  }
  return moved;
}

/**
 * Fills `into` with what `walked` recorded, moved onto the paired objects: the same work (the records are shared:
 * nothing changes them after their walk), its accesses, tests and blocking calls. What touches objects the pairing
 * does not name is left out, so a copy can miss a finding but never makes one up.
 */
export function copyExecution(walked: Execution, into: Execution, move: Move): void {
  into.root = walked.root;
  into.joins = walked.joins;
  const copies = new Map<Access, Access | undefined>();
  const moveAccess = (access: Access): Access | undefined => {
    if (copies.has(access)) return copies.get(access);
    const place = movePlace(access.place, move);
    const locks = moveLocks(access.locks, move);
    const copy: Access | undefined = place && locks ? { ...access, place, locks, execution: into } : undefined;
    copies.set(access, copy);
    return copy;
  };
  for (const access of walked.accesses) {
    const copy = moveAccess(access);
    if (copy) into.accesses.push(copy);
  }
  for (const check of walked.checks) {
    const tested = check.tested.map((place) => movePlace(place, move));
    const locks = moveLocks(check.locks, move);
    if (!locks || tested.some((place) => !place)) continue;
    const itemReads = check.itemReads.flatMap((read) => {
      const place = movePlace(read.place, move);
      return place ? [{ ...read, place }] : [];
    });
    const moved = (accesses: readonly Access[]) => accesses.flatMap((access) => moveAccess(access) ?? []);
    const copy: Check = { ...check, tested: tested as Place[], locks, execution: into, acts: moved(check.acts), otherWrites: moved(check.otherWrites), itemReads };
    into.checks.push(copy);
  }
  for (const call of walked.blocking) {
    const copy: BlockingCall = { ...call, execution: into };
    into.blocking.push(copy);
  }
}

/** A key of one of several loops around a start (see RoundPart). */
function roundShape(part: RoundPart | undefined): string {
  return part ? `~${part.site}.${part.mask}/${part.loops}` : '';
}
