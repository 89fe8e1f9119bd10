// Abstract values: what an expression evaluates to, as far as the file tells without running it.
// Numbers and sizes (for iteration counts and the hashlib size threshold), callables (to resolve thread targets and
// calls), instances of known types (locks, queues, sockets...), and object identity: an `Origin` names the object
// so that two threads touching "the same thing" can be told from two threads each touching their own.

import { type Syntax, blockStatementOf, childOfType, isAncestor, nodeAt, walk } from '../parse/syntax';
import { WordHits, grownNames, growsByGroup, isWordChar, mayAssign, mayGrow, mayPassAsArgument } from './text';
import {
  BUILTIN_EXCEPTIONS, GROWING_METHODS, KNOWN_CLASSES, LOCK_TYPES, MUTATING_METHODS, PROCESS_POOLS, PURE_MODULES, QUEUE_TYPES, RETURN_TYPES, SEMAPHORE_TYPES, STRING_CONSTANTS, THREADING_SERVERS,
  THREAD_LOCAL_TYPES, THREAD_POOLS,
  TYPE_ALIASES,
  knownExports,
} from './library';
import {
  type Binding, type BindingSite, type ClassInfo, type FunctionInfo, type ModuleInfo, type Scope, asTarget, assignmentParts, resolveName, scopeOf,
  takesReceiver,
} from './scopes';

/** Who can reach an object: everyone, one thread instance, one frame, or each thread its own (threading.local). */
export type Sharing = 'shared' | 'per-instance' | 'private' | 'thread-local';

export interface Origin {
  /** Stable name of the object: `g:counter`, `f12:results`, `s480@3`, `self:Counter`... */
  readonly key: string;
  readonly sharing: Sharing;
  /** The expression that created the object, when it was created by one. */
  readonly site?: Syntax;
}

export type Value =
  | { readonly kind: 'unknown'; readonly origin?: Origin; readonly perThread?: true; readonly ownWithin?: number; readonly roundPart?: RoundPart }
  | {
      readonly kind: 'number';
      /** NaN when unknown. */
      readonly value: number;
      /** An unknown number as `scale·X + offset` of an unknown X (a loop variable): `hi - lo` may still be known. */
      readonly affine?: Affine;
      /**
       * A thread's own key: each thread the loop started got another one (`for i in range(n): Thread(args=(i,))`,
       * `for client in clients: ...`), so the slot or item it picks with it (`totals[i] += n`) is its own. With
       * `ownWithin`, only in containers made by that frame: the frame runs more than once, and its keys come again.
       */
      readonly perThread?: true;
      readonly ownWithin?: number;
      readonly roundPart?: RoundPart;
      /** Which thread's identity this is (see ThreadIdentity): a key no other thread has. */
      readonly identity?: ThreadIdentity;
      /** A random draw or a cycling count taken at its mean (`rng.randint(1, 5)` as 3, `i % 4` as 1.5): a size, never a test's answer. */
      readonly drawn?: true;
    }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'none' }
  | {
      readonly kind: 'str';
      readonly bytes: boolean;
      readonly length?: number;
      readonly value?: string;
      /** `"glass" if shallow else "yellow"`: the texts a pick may give (`value` is the first), as a key picks either. */
      readonly either?: readonly string[];
      /** Whitespace-separated words, for `text.split()`. */
      readonly words?: number;
      /** Lines, for `text.splitlines()`. */
      readonly lines?: number;
      /** With `lines`: the last line has no newline yet (`"abcdefghij"`), so what follows goes on it. */
      readonly openEnd?: true;
      /** A line or a field of a text the file does not size (an item of its split): short, a few fields. */
      readonly part?: true;
      /** Copies of a text of unknown length (`blob * 400`): that many times whatever one is. */
      readonly copies?: number;
      /** Bytes of it drawn at random (`os.urandom(n)`), which a compressor cannot shrink and takes longest over. */
      readonly noise?: number;
      /**
       * Bytes of it that repeat what came just before (`bytes(n)`, the copies of `block * 40`), which a compressor
       * shortens fastest. The rest of a text (not noise, not filler) is text as written: lines, records, words.
       */
      readonly filler?: number;
      /** Compressed data: the size it had before (`zlib.decompress` gives that back). */
      readonly packed?: { readonly length: number; readonly lines?: number; readonly words?: number };
      /** A thread's own key, as a number's `perThread`. */
      readonly perThread?: true;
      readonly ownWithin?: number;
      readonly roundPart?: RoundPart;
      readonly identity?: ThreadIdentity;
    }
  | {
      readonly kind: 'range';
      readonly length?: number;
      /** The step, when known: the least distance between two of its numbers. */
      readonly step?: number;
      /** The first number, when known. */
      readonly first?: number;
      /** Without `first`: the middle value of a first number that moves with a loop's or a thread's (`range(lo, hi)` of a span). */
      readonly typicalFirst?: number;
      /** Numbers no other thread of the start gets: a span `range(k * size, (k + 1) * size)` of its own (see ownSpan). */
      readonly perThread?: true;
    }
  | {
      readonly kind: 'container';
      readonly type: 'list' | 'tuple' | 'dict' | 'set' | 'generator';
      readonly length?: number;
      /**
       * Unknown `length` but no more than this: a comprehension with an `if` keeps some of what it runs over, `zip`
       * stops at its shortest input, a dict filled in a counted loop gets at most a key a round.
       */
      readonly atMost?: number;
      /** `atMost` is a guessed number of groups (`d.setdefault(kind, []).append(x)`: which kinds come is not known). */
      readonly guessedGroups?: true;
      /** Unknown `length` but no less than this: `history + fresh` holds all of `history` at least. */
      readonly atLeast?: number;
      readonly items?: readonly Value[];
      /** What each item looks like, when all are made the same way (a comprehension's body). */
      readonly itemValue?: Value;
      /** A dict's values, objects of several classes, as one of their common base (see commonInstance). */
      readonly commonValue?: Value;
      readonly origin: Origin;
      /**
       * A shallow copy (`copy.copy(book)`): its slots are its own, the objects in them those of the container it
       * copied, which has this identity (and, written out as a literal, this site).
       */
      readonly holds?: Origin;
      /** The dict literal that made it, when its identity is another's (an item of a comprehension of dicts). */
      readonly spelledAt?: Syntax;
      /**
       * A dict literal's values as they were where it was made (`{"weights": tubes}` in main, read as `batch["weights"]`
       * by a thread that popped it): in the literal's order, with that literal.
       */
      readonly entries?: { readonly site: Syntax; readonly values: readonly Value[] };
      /**
       * A dict of keyword arguments, every key a text the file spells, with its value: a function's `**kwargs`, a
       * literal (`{"seed": 3, **kwargs}`) or `dict(seed=3)`. Handed on as `**kwargs` or `Thread(kwargs=...)`, they
       * bind the parameters they name.
       */
      readonly keywords?: ReadonlyMap<string, Value>;
      /** Some item comes more than once (`rng.choices(hosts, k=240)`, `[url] * 3`): items are no one's own key. */
      readonly repeats?: true;
      /** No item comes twice (`rng.sample(hosts, 10)`): each task mapped over it gets a key of its own. */
      readonly distinct?: true;
      /** A `bytearray`: copying it (`bytes(buf[:n])`) is a copy of memory, not a loop over items. */
      readonly bytesLike?: true;
      /**
       * Its items grow after it is made (`groups[key].append(x)`): an entry of its literal is only where that item
       * started, and `itemValue` says what one holds.
       */
      readonly itemsGrown?: true;
    }
  | {
      readonly kind: 'function';
      readonly fn: FunctionInfo;
      readonly closure?: Frame;
      /** The receiver of a bound method. */
      readonly self?: Value;
      /** Other methods the call may run instead: the receiver is an object of one of several classes. */
      readonly alternatives?: readonly FunctionInfo[];
      /**
       * Other functions the call may run instead, each with its own closure and receiver: `seat_map.take if safe
       * else seat_map.take_unsafe` of two methods one decorator wraps (one wrapper, two closures).
       */
      readonly others?: ReadonlyArray<Extract<Value, { kind: 'function' }>>;
    }
  /** With `alternatives`: one of several classes (`cls` their common base), as a registry filled by a decorator holds. */
  | { readonly kind: 'class'; readonly cls: ClassInfo; readonly alternatives?: readonly ClassInfo[] }
  | {
      readonly kind: 'instance';
      /** An instance of a class of this file... */
      readonly cls?: ClassInfo;
      /** ...or of a known library type (`threading.Lock`). */
      readonly type?: string;
      /** An object of one of these classes (`cls` is their common base): which one, the data says. */
      readonly alternatives?: readonly ClassInfo[];
      /**
       * With `alternatives`, the objects it stands for, when the file spells them (their constructors say more); an
       * item of a list of objects of one class (`flags = [Flag(...), Flag(...)]`) has them too, for its fields.
       */
      readonly examples?: ReadonlyArray<Extract<Value, { kind: 'instance' }>>;
      readonly origin: Origin;
      /** A `socket.socketpair()` end: its peer is in this process, so a round trip takes microseconds. */
      readonly local?: true;
      /** The constructor call and the frame it ran in (for `self.x = ...` in `__init__` and constructor arguments). */
      readonly ctor?: {
        readonly call: Syntax;
        readonly frame: Frame;
        /** Arguments that are this instance's own (each round of the loop that starts its thread gives another item). */
        readonly own?: ReadonlySet<Syntax>;
        /** The arguments as they were at the call, when a round of an unrolled loop gave its names their values. */
        readonly args?: CallArgs;
      };
      /**
       * For an item of a container, which takes the container's identity: the call that made it. `for t in threads:
       * t.join()` joins the threads that call started, not every thread.
       */
      readonly madeBy?: Syntax;
    }
  /** A library module, function, class or bound method, by qualified name (`time.sleep`, `queue.Queue.get`). */
  | { readonly kind: 'external'; readonly name: string; readonly self?: Value }
  | {
      readonly kind: 'partial';
      readonly fn: Value;
      readonly args: readonly Value[];
      readonly keywords: ReadonlyMap<string, Value>;
      readonly argNodes: readonly Syntax[];
      /** Where each keyword's value is written (`partial(work, report=reports[i])`: `reports[i]`). */
      readonly keywordNodes?: ReadonlyMap<string, Syntax>;
      /** `partial(run_one, *case)`: the arguments from this index on are spread from a sequence. */
      readonly splatFrom?: number;
    };

export const UNKNOWN: Value = { kind: 'unknown' };

/**
 * A running thread's ident or name (`threading.get_ident()`, `threading.current_thread().name`, `self.name` in a
 * Thread subclass): no two live threads share an ident, and a name is the thread's own unless the code gives several
 * threads the same one. `of` names the thread: `current` for whichever runs the code, or the origin key of the
 * Thread subclass object it is read from (its own thread's only when that thread runs the code; the walker checks).
 */
export interface ThreadIdentity {
  readonly of: string;
  readonly name: boolean;
}

export function isThreadIdentity(value: Value): boolean {
  return (value.kind === 'number' || value.kind === 'str') && value.identity !== undefined;
}

/** Library objects a program starts as threads or processes of their own: a list of them is a list of those starts. */
const STARTABLE_TYPES: ReadonlySet<string> = new Set(['threading.Thread', 'threading.Timer', 'multiprocessing.Process']);

/** The running thread, as `threading.current_thread()` gives it: each thread's own object. */
const CURRENT_THREAD: Origin = { key: 'thread:current', sharing: 'thread-local' };

/** A Thread's attributes that identify it: ident and native_id always, the name unless given twice. */
function threadIdentityAttribute(name: string, of: string): Value | undefined {
  if (name === 'ident' || name === 'native_id') return { kind: 'number', value: Number.NaN, perThread: true, identity: { of, name: false } };
  if (name === 'name') return { kind: 'str', bytes: false, perThread: true, identity: { of, name: true } };
  return undefined;
}

/**
 * Keys some of the loops around a thread start give each of their rounds, when several loops repeat the start: one
 * alone comes again in the other loops' rounds; with the keys of every loop of that start (`f"{job}:{stream}"`), it
 * is the thread's own.
 */
export interface RoundPart {
  /** The start call's offset. */
  readonly site: number;
  /** How many loops repeat the start. */
  readonly loops: number;
  /** Which of them (bit i: the i-th, outermost first) gave a key to this value. */
  readonly mask: number;
}

/**
 * A text made of these values (an f-string's fields, a `+`): a thread's own key when one of them is (`f"{job}.log"`)
 * or when together they hold a key of every loop that repeats one start; else the loops' keys it holds so far.
 */
export function combinedKey(values: readonly Value[]): { perThread?: true; roundPart?: RoundPart } {
  let merged: RoundPart | undefined;
  for (const value of values) {
    if (value.kind !== 'str' && value.kind !== 'number' && value.kind !== 'unknown') continue;
    // A thread's identity (`current_thread().name`) is its own only where identityItem says so: names may repeat.
    if (value.kind !== 'unknown' && value.identity) continue;
    if (value.perThread && value.ownWithin === undefined) return { perThread: true };
    const part = value.roundPart;
    if (!part) continue;
    if (merged && (merged.site !== part.site || merged.loops !== part.loops)) return {};
    merged = { ...part, mask: (merged?.mask ?? 0) | part.mask };
  }
  if (!merged) return {};
  return merged.mask === (1 << merged.loops) - 1 ? { perThread: true } : { roundPart: merged };
}

export interface Affine {
  /** Names X: one loop variable in one frame. */
  readonly key: string;
  readonly scale: number;
  readonly offset: number;
  /** X is a thread's own whole number, another in each thread of the start (the loop index `k` that started it). */
  readonly perThread?: true;
  /** With `perThread`: X takes this many consecutive values, one per thread (`for k in range(workers)`). */
  readonly rounds?: number;
  /** X is a range's number: two of its values are at least this far apart (its step). */
  readonly spacing?: number;
  /**
   * X's mean over a range whose ends are known: a size that depends on X (`range(2, n + 1)` inside
   * `for n in range(2, limit)`) takes its mean, which keeps the nested loops' total right.
   */
  readonly mean?: number;
  /** X is a range's number: its first value (with `spacing`, its step, X = first + step · i for the i-th). */
  readonly first?: number;
}

/** Values of a call's arguments, with the expressions they came from. */
export interface CallArgs {
  readonly positional: Array<{ readonly value: Value; readonly node?: Syntax; readonly splat?: boolean }>;
  readonly keywords: Map<string, { readonly value: Value; readonly node?: Syntax }>;
  readonly hasSplat: boolean;
}

let nextFrameId = 1;

/** The id the next frame will get: frames made since a moment have ids from the one it gave. */
export function nextFrame(): number {
  return nextFrameId;
}

/** A put into a queue (`q.put(arg)`) and the frame to read its argument in. */
interface PutSite {
  readonly arg: Syntax;
  readonly frame: Frame;
  /** Found for the object a method's `self` is by its name (see madeOnceFrame). */
  readonly byName?: true;
}

/**
 * One activation of a function (or the module body) under known argument values. Frames owned by a thread
 * allocate private objects; the module and the frames that start threads allocate shared ones.
 */
export class Frame {
  readonly id = nextFrameId++;
  readonly memo = new Map<Binding, Value>();
  /** Values the walker set for names while going through the body (the item of an unrolled loop). */
  readonly known = new Map<Binding, Value>();
  /**
   * Which round of unrolled loops the walker is in (`#0`, `#1#2`): an object made in one round of `for store in
   * (Inventory(), FastInventory()):` is not the object the same line makes in the next.
   */
  round = '';
  /** The unrolled loops `round` counts, outermost first: what is made outside them is made once, in no round. */
  readonly roundLoops: Syntax[] = [];

  constructor(
    readonly fn: FunctionInfo | undefined,
    readonly scope: Scope,
    readonly args: ReadonlyMap<string, Value>,
    readonly closure: Frame | undefined,
    readonly allocation: 'shared' | 'private',
    /** Arguments are unknown: the function is looked at on its own, not from a call. */
    readonly generic: boolean,
    /** Who can see the frame's variables when closures read them, when not `allocation` (see ownedClosure). */
    readonly cellSharing?: Sharing,
  ) {}
}

/** Request handler classes whose `rfile` and `wfile` are the connection's socket as buffered streams. */
const STREAM_HANDLERS: ReadonlySet<string> = new Set([
  'socketserver.StreamRequestHandler', 'http.server.BaseHTTPRequestHandler', 'http.server.SimpleHTTPRequestHandler',
]);

/** A socket's methods that read what its peer sent. */
const SOCKET_READS: ReadonlySet<string> = new Set(['recv', 'recvfrom']);

/** The type the model gives a connection read or written as a file (a request handler's `rfile` and `wfile`). */
export const SOCKET_STREAM = 'socket.SocketIO';

const BUILTINS = new Set([
  'range', 'len', 'print', 'open', 'sum', 'min', 'max', 'sorted', 'list', 'tuple', 'set', 'dict', 'frozenset', 'int',
  'float', 'str', 'bytes', 'bytearray', 'abs', 'round', 'any', 'all', 'enumerate', 'zip', 'map', 'filter', 'iter', 'next',
  'reversed', 'isinstance', 'getattr', 'setattr', 'hasattr', 'id', 'hash', 'input', 'repr', 'format', 'divmod', 'pow',
  'super', 'type', 'object', 'bool', 'chr', 'ord',
  'hex', 'vars', 'callable', 'property', 'staticmethod', 'classmethod', 'exec', 'eval', 'compile', 'globals', 'locals',
  'complex', 'bin', 'oct', 'ascii', 'slice', 'memoryview', 'issubclass', ...BUILTIN_EXCEPTIONS,
]);

/**
 * How deep one evaluation may nest before it gives up (a guard against cycles the memos miss). Real chains run deep:
 * a thread's argument, made by a helper's return, filled by appends of `" ".join(words)`, `words` picked from a
 * module list split from a literal, is about fifteen levels; a pool task's document split from a corpus main built
 * by joining words picked by index, read where main's walk left nothing behind, over twenty.
 */
const MAX_EVAL_DEPTH = 32;

/** Values a function may return or else None (an object found or made, a container, a callable). */
const OPTIONAL_KINDS: ReadonlySet<Value['kind']> = new Set(['instance', 'container', 'function', 'partial']);

/** Methods only `str` (and `bytes`) have: an object we cannot type that has them is a string. */
const STRING_METHODS = new Set([
  'splitlines', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'casefold', 'startswith', 'endswith', 'isdigit',
  'isalpha', 'isalnum', 'isspace', 'isupper', 'islower', 'isnumeric', 'isdecimal', 'isidentifier', 'title',
  'capitalize', 'swapcase', 'expandtabs', 'zfill', 'partition', 'rpartition', 'ljust', 'rjust', 'center', 'rsplit',
  'removeprefix', 'removesuffix', 'split',
]);

export class Evaluator {
  readonly moduleFrame: Frame;
  private readonly genericFrames = new Map<FunctionInfo, Frame>();
  private readonly classFrames = new Map<ClassInfo, Frame>();
  /**
   * An f-string's length: its literal text plus each field's (`f"{word}{n},"` with a five-letter word and a number
   * is about fourteen characters), when every field's length is known.
   */
  private formattedString(node: Syntax, frame: Frame): Value {
    const text = this.text(node);
    const quoteAt = text.search(/["']/);
    const quote = quoteAt >= 0 && text.startsWith(text[quoteAt].repeat(3), quoteAt) ? 3 : 1;
    let length: number | undefined = node.end - node.start - (quoteAt + 2 * quote);
    // Its words, for `.split()`: the text with each field written as one stand-in word, so a field joins the words
    // it touches (`user{n}` is one word), plus the words a field of several has beyond its first.
    let spelled = text.slice(quoteAt + quote, text.length - quote);
    let words: number | undefined = 0;
    const fields: Value[] = [];
    for (const field of node.children) {
      if (field.type !== 'interpolation') continue;
      const value = field.children[0] ? this.evaluate(field.children[0], frame) : UNKNOWN;
      fields.push(value);
      if (length === undefined && words === undefined) continue;
      const written = value.kind === 'str' ? value.length
        : value.kind === 'number' ? (Number.isNaN(value.value) ? NUMBER_TEXT_LENGTH : String(value.value).length) : undefined;
      length = written === undefined || length === undefined ? undefined : length - (field.end - field.start) + written;
      const fieldWords = value.kind === 'str' ? value.words : value.kind === 'number' ? 1 : undefined;
      if (fieldWords === undefined || words === undefined) words = undefined;
      else {
        spelled = spelled.replace(this.text(field), fieldWords > 0 ? 'x' : '');
        words += Math.max(0, fieldWords - 1);
      }
    }
    if (words !== undefined) words += spelled.split(/\s+/).filter(Boolean).length;
    // A record that ends its line (`f"{stamp} {level} ...\n"`) is a line of whatever text it is joined into.
    const lines = /\\n["']{1,3}$/.test(text) && !text.slice(0, -quote - 2).includes('\\n') ? { lines: 1 } : {};
    // `f"{job}:{stream}"` of the keys of every loop that started the thread: its own.
    const own = combinedKey(fields);
    // `f"pages-{section}"` of a section the file spells: that text, as a key it can be looked up by.
    const whole = this.spelledFormat(node, text.slice(quoteAt + quote, text.length - quote), fields);
    if (whole !== undefined) return { ...spelledText(whole, false), ...own };
    return {
      kind: 'str', bytes: false, length: length === undefined ? undefined : Math.max(0, length), ...(words !== undefined ? { words } : {}), ...lines, ...own,
    };
  }

  /**
   * An f-string's text when each field is a plain `{name}` of a text or a whole number the file spells, and the
   * rest has no escapes or doubled braces to decode.
   */
  private spelledFormat(node: Syntax, body: string, fields: readonly Value[]): string | undefined {
    if (body.includes('\\') || body.includes('{{') || body.includes('}}')) return undefined;
    let whole = '';
    let cursor = 0;
    let at = 0;
    for (const field of node.children) {
      if (field.type !== 'interpolation') continue;
      const value = fields[at++];
      // Plain fields only: no `!r`, format spec or `=`.
      if (field.children.length !== 1 || this.text(field) !== `{${this.text(field.children[0]!)}}`) return undefined;
      const written = value?.kind === 'str' && !value.bytes ? value.value
        : value?.kind === 'number' && Number.isSafeInteger(value.value) && !value.drawn ? String(value.value) : undefined;
      const from = body.indexOf(this.text(field), cursor);
      if (written === undefined || from < 0) return undefined;
      whole += body.slice(cursor, from) + written;
      cursor = from + field.end - field.start;
    }
    whole += body.slice(cursor);
    return whole.length <= MAX_SPELLED_TEXT ? whole : undefined;
  }

  /** The threading server each request handler class of the file serves (see threads.ts). */
  private readonly requestServers = new Map<ClassInfo, Value>();

  noteRequestServer(handler: ClassInfo, server: Value): void {
    if (!this.requestServers.has(handler)) this.requestServers.set(handler, server);
  }

  /**
   * What the main thread's walk saw appended to lists it can name, in order, by the list's identity
   * (`feed.subscribe(vwap)` storing into `feed._listeners`); null once an append in a loop or a removal makes the
   * items uncertain. Threads walked after it read those very objects.
   */
  readonly filledByMain = new Map<string, Value[] | null>();
  /** Whether reads see filledByMain: once main's walk is over, not while main is still filling (or reading) them. */
  readsFilled = false;
  /** How often a list's items were read from filledByMain: a thread walk that read some is about those objects. */
  filledReads = 0;

  /**
   * The files the main thread's walk made so far (see Walker.noteFileMade), which a listing of a directory finds
   * (`os.listdir(root)` after `seed(root)` wrote four): `guessed` once a loop of unknown length made some.
   */
  readonly filesMade = { count: 0, guessed: false, once: new Set<string>(), spread: false };

  /**
   * The name an object made right where a variable is assigned takes (`nyse = PriceFeed(...)`: `f3:nyse`), by the
   * identity it was made with (`s3336@3`, which a Thread subclass's start keeps).
   */
  private readonly namedAs = new Map<string, string>();

  /**
   * `_local.owners = {}` somewhere in the file, for a module's `_local = threading.local()`: the container each
   * thread's own attribute holds, whichever function reads it and before or after the walk reaches the store.
   */
  private threadLocalAttribute(object: Extract<Value, { kind: 'instance' }>, name: string): Value | undefined {
    const key = `${object.origin.key}.${name}`;
    if (this.threadLocalAttributes.has(key)) return this.threadLocalAttributes.get(key);
    this.threadLocalAttributes.set(key, undefined);
    const base = object.origin.key.startsWith('g:') ? object.origin.key.slice(2) : undefined;
    let made: Value | undefined;
    for (const at of base ? this.module.words.occurrences(name) : []) {
      const node = nodeAt(this.module.root, at, NO_OPAQUE_NODES);
      const attribute = node.parent;
      const assignment = attribute?.parent;
      if (node.type !== 'identifier' || attribute?.type !== 'attribute' || assignment?.type !== 'assignment' || assignment.children[0] !== attribute) continue;
      const owner = attribute.children[0];
      if (owner?.type !== 'identifier' || this.text(owner) !== base || resolveName(scopeOf(this.module, owner), base!, this.module.scope)?.scope.kind !== 'module') continue;
      const { right } = assignmentParts(assignment);
      const fn = scopeOf(this.module, assignment).fn;
      const value = right ? this.evaluate(right, fn ? this.genericFrame(fn) : this.moduleFrame) : undefined;
      // (Only containers: an object's methods would be walked from here, and a per-thread renderer's loops over a
      // dict of lists grown by `setdefault(k, []).append(...)` are not sized yet: email_digest_builders.py.)
      // A library object (`_tls.rng = random.Random(seed)`) has no methods of the file's to walk: its own too.
      if (value?.kind === 'container' || (value?.kind === 'instance' && !value.cls && value.type !== undefined)) made = { ...value, origin: { key, sharing: 'private' } };
      break;
    }
    this.threadLocalAttributes.set(key, made);
    return made;
  }

  private readonly threadLocalAttributes = new Map<string, Value | undefined>();

  /** Attributes the file sets on library objects (`server.hub = Hub()`), by object and name; the first set wins. */
  private readonly libraryAttributes = new Map<string, Value>();

  noteLibraryAttribute(object: Extract<Value, { kind: 'instance' }>, name: string, value: Value): void {
    const key = `${object.origin.key}.${name}`;
    if (!this.libraryAttributes.has(key) && value.kind !== 'unknown') this.libraryAttributes.set(key, value);
  }

  /** String literals decoded, each once. */
  private readonly literals = new Map<Syntax, Value>();
  private depth = 0;
  /** The depth bound stopped an evaluation: what was being worked out is not known everywhere, only too deep here. */
  private cutShort = false;
  /** Bindings being evaluated, per frame, to stop cycles. */
  private readonly inProgress = new Map<Frame, Set<Binding>>();
  /** Instance attributes being evaluated, to stop cycles. */
  private readonly attributesInProgress = new Set<string>();
  private readonly wildcardNames = new Map<string, string>();

  /**
   * `forWorkload`: the walk sizes work for the GIL model rather than judging sharing (see `laterThanNone` in
   * computeBindingValue).
   */
  constructor(readonly module: ModuleInfo, private readonly forWorkload = false) {
    this.moduleFrame = new Frame(undefined, module.scope, new Map(), undefined, 'shared', false);
    for (const from of module.wildcardImports) for (const name of knownExports(from)) this.wildcardNames.set(name, `${from}.${name}`);
  }

  text(node: Syntax): string {
    return this.module.source.slice(node.start, node.end);
  }

  /** A frame for looking at `fn` on its own: parameters unknown, `self` an instance of its class shared by callers. */
  genericFrame(fn: FunctionInfo): Frame {
    let frame = this.genericFrames.get(fn);
    if (!frame) {
      const enclosing = this.enclosingFunction(fn);
      const closure = enclosing ? this.genericFrame(enclosing) : undefined;
      frame = new Frame(fn, fn.scope, new Map(), closure, 'shared', true);
      this.genericFrames.set(fn, frame);
    }
    return frame;
  }

  /** The function whose body defines `fn` (for closures), skipping classes. */
  enclosingFunction(fn: FunctionInfo): FunctionInfo | undefined {
    for (let scope = fn.scope.parent; scope; scope = scope.parent) {
      if (scope.kind === 'function' && scope.fn) return scope.fn;
      if (scope.kind === 'module') return undefined;
    }
    return undefined;
  }

  /**
   * Sockets the file makes non-blocking (`printer_end.setblocking(False)`, `sock.settimeout(0)`), by identity (as
   * the generic frame of the function that makes them sees them, and as walks that went through the call saw them):
   * their reads and writes return or raise at once.
   */
  nonBlockingSockets(): ReadonlySet<string> {
    if (this.nonBlocking) return this.nonBlocking;
    const origins = new Set<string>();
    this.nonBlocking = origins;
    for (const match of this.module.source.matchAll(/\b(setblocking|settimeout)\b/g)) {
      const name = nodeAt(this.module.root, match.index, NO_OPAQUE_NODES);
      const object = this.nonBlockingObject(name.parent?.parent);
      if (!object) continue;
      let scope = scopeOf(this.module, object);
      while (scope.kind !== 'module' && scope.kind !== 'function' && scope.parent) scope = scope.parent;
      this.noteNonBlocking(object, scope.kind === 'function' && scope.fn ? this.genericFrame(scope.fn) : this.moduleFrame);
    }
    return origins;
  }

  /**
   * A walk's own `status.setblocking(False)`: the socket as that walk knows it (main's locals in its walk of main),
   * which is how the coroutines it hands the socket to see it.
   */
  noteNonBlocking(object: Syntax, frame: Frame): void {
    const value = this.evaluate(object, frame);
    const origin = value.kind === 'instance' || value.kind === 'unknown' ? value.origin : undefined;
    this.nonBlockingSockets();
    if (!origin) return;
    this.nonBlocking!.add(origin.key);
    const call = object.parent?.parent;
    const made = this.madeNonBlockingAt.get(origin.key) ?? [];
    if (call?.type === 'call' && !made.includes(call)) this.madeNonBlockingAt.set(origin.key, [...made, call]);
  }

  /** Where each socket of `nonBlocking` is made so, by its key. */
  private readonly madeNonBlockingAt = new Map<string, Syntax[]>();

  /**
   * `await handshake(sock)` and only then `sock.setblocking(False)`, further down the same function and not in a
   * loop around both: the socket it passes is still blocking.
   */
  private madeNonBlockingLater(key: string, use: Syntax): boolean {
    const made = this.madeNonBlockingAt.get(key);
    const fn = this.functionAt(use.start);
    return !!made && made.length > 0 && made.every((call) => call.start > use.end && this.functionAt(call.start) === fn && !inLoopAround(use, call));
  }

  /** The socket `X.setblocking(False)` or `X.settimeout(0)` makes non-blocking, when this call is one. */
  nonBlockingObject(call: Syntax | undefined): Syntax | undefined {
    const attribute = call?.type === 'call' ? call.children[0] : undefined;
    const name = attribute?.type === 'attribute' ? attribute.children[attribute.children.length - 1] : undefined;
    const object = attribute?.children[0];
    if (!name || !object || object === name) return undefined;
    const method = this.text(name);
    if (method !== 'setblocking' && method !== 'settimeout') return undefined;
    const arg = call!.children[1]?.children;
    const off = arg?.length === 1 && (method === 'setblocking' ? /^(False|0)$/ : /^0(\.0*)?$/).test(this.text(arg[0]));
    return off ? object : undefined;
  }

  private nonBlocking: Set<string> | undefined;

  /**
   * `async def main(printer, printer_end)` called as `main(printer, printer_end)` with a socket the caller made
   * non-blocking: walked on its own, the parameter has no identity, so its callers say which socket it is. True when
   * every call of the function by its name passes such a socket there.
   */
  nonBlockingParameter(fn: FunctionInfo, name: string): boolean {
    const memo = `${fn.id}:${name}`;
    let known = this.nonBlockingParameters.get(memo);
    if (known === undefined) {
      known = this.passedNonBlocking(fn, name);
      this.nonBlockingParameters.set(memo, known);
    }
    return known;
  }

  private readonly nonBlockingParameters = new Map<string, boolean>();

  private passedNonBlocking(fn: FunctionInfo, name: string): boolean {
    const position = fn.params.findIndex((param) => param.name === name && param.kind === 'positional');
    if (position < 0 || fn.cls) return false;
    const origins = this.nonBlockingSockets();
    const uses = this.nameUses(fn.name, fn.node);
    return uses.length > 0 && uses.length <= 8 && uses.every((use) => {
      const call = use.parent;
      if (call?.type !== 'call' || call.children[0] !== use) return false;
      const caller = this.functionAt(call.start);
      const args = this.callArgs(call, caller ? this.genericFrame(caller) : this.moduleFrame);
      const given = args.positional[position]?.value ?? args.keywords.get(name)?.value;
      const origin = given?.kind === 'instance' || given?.kind === 'unknown' ? given.origin : undefined;
      return !!origin && origins.has(origin.key) && !this.madeNonBlockingLater(origin.key, call);
    });
  }

  classFrame(cls: ClassInfo): Frame {
    let frame = this.classFrames.get(cls);
    if (!frame) {
      frame = new Frame(undefined, cls.scope, new Map(), undefined, 'shared', false);
      this.classFrames.set(cls, frame);
    }
    return frame;
  }

  evaluate(node: Syntax | undefined, frame: Frame): Value {
    if (!node) return UNKNOWN;
    if (this.depth > MAX_EVAL_DEPTH) {
      this.cutShort = true;
      return UNKNOWN;
    }
    this.depth++;
    try {
      return this.evaluateNode(node, frame);
    } finally {
      this.depth--;
    }
  }

  private evaluateNode(node: Syntax, frame: Frame): Value {
    switch (node.type) {
      case 'integer':
      case 'float': {
        const value = parseNumber(this.text(node));
        return value === undefined ? UNKNOWN : { kind: 'number', value };
      }
      case 'true':
        return { kind: 'bool', value: true };
      case 'false':
        return { kind: 'bool', value: false };
      case 'none':
        return { kind: 'none' };
      case 'string': {
        if (node.children.some((child) => child.type === 'interpolation')) return this.formattedString(node, frame);
        // Decoding a literal is worth doing once: a thread's code is walked once per start.
        let value = this.literals.get(node);
        if (!value) this.literals.set(node, (value = stringLiteral(this.text(node))));
        return value;
      }
      case 'concatenated_string': {
        const parts = node.children.map((child) => this.evaluate(child, frame));
        let length = 0;
        // `"the of and " "which one".split()`: the words add up (give or take one a seam may join).
        let words: number | undefined = 0;
        // Text spelled out in every part is spelled out whole, so `.split()` of it knows its words' lengths.
        let value: string | undefined = '';
        for (const part of parts) {
          if (part.kind !== 'str' || part.length === undefined) return { kind: 'str', bytes: false };
          length += part.length;
          words = words === undefined || part.words === undefined ? undefined : words + part.words;
          value = value === undefined || part.value === undefined ? undefined : value + part.value;
        }
        const bytes = parts[0]?.kind === 'str' && parts[0].bytes;
        if (value !== undefined && value.length <= MAX_SPELLED_TEXT) return spelledText(value, bytes);
        return { kind: 'str', bytes, length, words };
      }
      case 'parenthesized_expression':
        return this.evaluate(node.children[0], frame);
      case 'identifier':
        return this.nameValue(node, frame);
      case 'attribute':
        return this.attributeValue(node, frame);
      case 'call':
        return this.callValue(node, frame);
      case 'binary_operator':
        return this.binaryValue(node, frame);
      case 'unary_operator': {
        const operand = this.evaluate(node.children[0], frame);
        const operator = this.module.source[node.start];
        if (operand.kind === 'number') return operator === '-' ? affineArithmetic('*', operand, { kind: 'number', value: -1 }) : operand;
        return UNKNOWN;
      }
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list': {
        const type = node.type === 'set' ? 'set' : node.type === 'list' ? 'list' : 'tuple';
        // `(manager, *spec)` with `spec` a tuple the file spells: its items in place.
        const items: Value[] = [];
        let spread = false;
        for (const child of node.children) {
          const splatted = child.type === 'list_splat' ? (child.children[0] ? this.evaluate(child.children[0], frame) : UNKNOWN) : undefined;
          if (!splatted) items.push(this.evaluate(child, frame));
          else if (splatted.kind === 'container' && splatted.items && splatted.type !== 'set' && splatted.type !== 'dict') items.push(...splatted.items);
          else spread = true;
        }
        return {
          kind: 'container', type, items: spread ? undefined : items, length: spread ? undefined : items.length,
          origin: this.fresh(node, frame),
        };
      }
      case 'dictionary': {
        const pairs = node.children.every((c) => c.type === 'pair');
        const values = pairs && node.children.length <= LITERAL_VALUES_READ ? node.children.map((pair) => this.evaluate(pair.children[1], frame)) : undefined;
        const shape = values && sharedShape(values);
        const common = values && !shape ? this.commonInstance(values) : undefined;
        // (An empty one says nothing: keys are yet to come.)
        const keywords = node.children.length > 0 && node.children.length <= LITERAL_VALUES_READ ? this.keywordEntries(node, frame) : undefined;
        return {
          kind: 'container', type: 'dict', length: pairs ? node.children.length : keywords?.size, itemValue: shape,
          ...(common ? { commonValue: common } : {}), ...(values ? { entries: { site: node, values } } : {}), ...(keywords ? { keywords } : {}),
          origin: this.fresh(node, frame),
        };
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression': {
        const type = node.type === 'list_comprehension' ? 'list' : node.type === 'set_comprehension' ? 'set'
          : node.type === 'dictionary_comprehension' ? 'dict' : 'generator';
        const body = node.children[0]?.type === 'pair' ? node.children[0].children[1] : node.children[0];
        const itemValue = body && body.type !== 'for_in_clause' ? this.evaluate(body, frame) : undefined;
        const rounds = this.comprehensionRounds(node, frame);
        const exact = typeof rounds === 'number' ? rounds : undefined;
        const bound = typeof rounds === 'object' ? rounds.atMost : exact;
        const filtered = node.children.some((child) => child.type === 'if_clause');
        const items = type === 'dict' || filtered ? undefined : this.spelledComprehension(node, frame);
        const keywords = type === 'dict' ? this.copiedKeywords(node, frame) : undefined;
        return {
          kind: 'container', type, length: keywords ? keywords.size : filtered ? undefined : exact,
          ...(!keywords && (filtered || exact === undefined) && bound !== undefined ? { atMost: bound } : {}),
          itemValue, ...(items ? { items } : {}), ...(keywords ? { keywords } : {}), origin: this.fresh(node, frame),
        };
      }
      case 'subscript':
        return this.subscriptValue(node, frame);
      case 'conditional_expression': {
        // `(i,) if with_slot else ()` in a function called with_slot=True: the branch the file picks.
        const test = node.children[1];
        const truth = test && test.type !== 'comparison_operator' ? truthOfValue(this.evaluate(test, frame)) : undefined;
        if (truth !== undefined) return this.evaluate(node.children[truth ? 0 : 2], frame);
        const [whenTrue, , whenFalse] = node.children.map((child) => this.evaluate(child, frame));
        // `int(sys.argv[1]) if len(sys.argv) > 1 else 3_000_000`: what the file can say is its default.
        const given = [whenTrue, whenFalse].filter((value) => value?.kind === 'number' && !Number.isNaN(value.value));
        const open = [whenTrue, whenFalse].filter((value) => value?.kind === 'unknown' || (value?.kind === 'number' && Number.isNaN(value.value) && !value.affine));
        if (given.length === 1 && open.length === 1) return given[0]!;
        if (whenTrue && whenFalse && whenTrue.kind === 'number' && whenFalse.kind === 'number') {
          // `total if i == parts - 1 else (i + 1) * step`: the bound that moves with the loop holds for every round
          // but one (the last takes what is left), so it is the one that sizes the spans.
          const moving = [whenTrue, whenFalse].filter((value) => Number.isNaN(value.value) && value.affine);
          if (moving.length === 1 && [whenTrue, whenFalse].some((value) => !Number.isNaN(value.value))) return moving[0];
          return { kind: 'number', value: Math.max(whenTrue.value, whenFalse.value) };
        }
        // `[] if job is None else [job]`: a list of one or none, not always the empty one.
        if (whenTrue?.kind === 'container' && whenFalse?.kind === 'container' && whenTrue.length !== whenFalse.length) {
          const sizes = [whenTrue, whenFalse].map((value) => value.length ?? value.atMost);
          const larger = (whenTrue.length ?? 0) >= (whenFalse.length ?? 0) ? whenTrue : whenFalse;
          const atMost = sizes.every((size) => size !== undefined) ? Math.max(...(sizes as number[])) : undefined;
          return { ...larger, length: undefined, items: undefined, ...(atMost !== undefined ? { atMost } : {}), itemValue: larger.itemValue ?? sameItems(larger.items) };
        }
        // `Deposit(acct, 40) if i % 3 == 0 else Withdraw(acct, 75)`: an object of one of the two classes.
        const either = whenTrue && whenFalse ? this.commonInstance([whenTrue, whenFalse]) : undefined;
        if (either?.kind === 'instance') {
          // `v1_bucket if request_id % 2 else v2_bucket`: one of two objects made elsewhere, not a new one. Each
          // method call runs on its own class's object (see examples); the pick itself stands for the first.
          const picked = [node.children[0], node.children[2]].every((branch) => branch?.type !== 'call') && whenTrue?.kind === 'instance';
          return { ...either, origin: picked ? whenTrue.origin : this.fresh(node, frame) };
        }
        if (either) return either;
        // `ledger.transfer_locked if locked else ledger.transfer`: either method may run (see eitherFunction).
        const eitherMethod = whenTrue?.kind === 'function' && whenFalse?.kind === 'function' ? eitherFunction([whenTrue, whenFalse]) : undefined;
        if (eitherMethod) return eitherMethod;
        // `min(idle, key=...) if idle else None`: what callers go on to use is the object (they test for the None,
        // which noneTest never decides from an object), as a function's `return None` on one path says.
        const something = whenTrue?.kind === 'none' ? whenFalse : whenFalse?.kind === 'none' ? whenTrue : undefined;
        if (something && OPTIONAL_KINDS.has(something.kind)) return something;
        // `"glass" if trap.depth_m < 2.0 else "yellow"`: one text or the other, which one the data says. It stands
        // for the first, as other picks do, and says the others: a key that picks either item (`quotas[species]`).
        if (whenTrue?.kind === 'str' && whenFalse?.kind === 'str' && whenTrue.value !== undefined && whenFalse.value !== undefined && whenTrue.value !== whenFalse.value) {
          const texts = [...new Set([...whenTrue.either ?? [whenTrue.value], ...whenFalse.either ?? [whenFalse.value]])];
          return { ...whenTrue, either: texts };
        }
        return whenTrue?.kind === whenFalse?.kind ? whenTrue ?? UNKNOWN : UNKNOWN;
      }
      case 'boolean_operator': {
        // `self.pumps.get(name) or next(iter(self.pumps.values()))`: the first part when it is an object (objects are
        // true), the second when the first is known false; a test's truth (`a and b`) is not a value to follow.
        const [left, right] = node.children;
        const operator = left && right ? this.module.source.slice(left.end, right.start).trim() : '';
        if (operator !== 'or' || !left || !right) return UNKNOWN;
        const first = this.evaluate(left, frame);
        const truth = truthOfValue(first);
        if (truth === false) return this.evaluate(right, frame);
        if (truth === true || first.kind === 'instance' || first.kind === 'function' || first.kind === 'class') return first;
        // `rows or []`, `given or DEFAULT_SIZE`: unknown, as the first part may be either.
        return UNKNOWN;
      }
      case 'lambda': {
        const fn = this.module.functionByNode.get(node);
        return fn ? { kind: 'function', fn, closure: frame.fn ? frame : undefined } : UNKNOWN;
      }
      case 'await':
        return this.awaitedValue(node.children[0], frame);
      case 'named_expression':
        return this.evaluate(node.children[1], frame);
      default:
        return UNKNOWN;
    }
  }

  /** An object created by `node` in `frame`. */
  fresh(node: Syntax, frame: Frame): Origin {
    return { key: `s${node.start}@${frame.id}${this.roundOf(node, frame)}`, sharing: frame.allocation, site: node };
  }

  /**
   * The round of the unrolled loops this node is made in: none for a node outside them (`market = Market([Agent(i)
   * for i in range(50)])` before `for s in (1, 2): Thread(args=(market, s))` is one market, read in either round).
   */
  roundOf(node: Syntax, frame: Frame): string {
    if (!frame.round) return '';
    const outermost = frame.roundLoops[0];
    return !outermost || (node.start >= outermost.start && node.end <= outermost.end) ? frame.round : '';
  }

  nameValue(node: Syntax, frame: Frame): Value {
    const name = this.text(node);
    const scope = scopeOf(this.module, node);
    const binding = resolveName(scope, name, this.module.scope);
    if (!binding) return this.globalName(name);
    const owner = this.frameFor(binding.scope, frame);
    const known = owner.known.get(binding);
    if (known) return known;
    // `with ThreadPoolExecutor() as pool:` and later `with ProcessPoolExecutor() as pool:`: inside a `with` block the
    // name is what that `with` gave it.
    const entered = binding.sites.length > 1 ? this.enteredAt(binding, node) : undefined;
    if (entered) return this.nameObject(this.siteValue(entered, owner), binding, owner, entered);
    // (Loop numbers keep the binding's value: the round logic matches them by the key it gives them.)
    const iterated = binding.sites.length > 1 && this.loopsOf(binding).loops.length > 1 ? this.iteratedAt(binding, node) : undefined;
    const item = iterated && this.siteValue(iterated, owner);
    if (iterated && item && (item.kind === 'instance' || item.kind === 'container')) return this.nameObject(item, binding, owner, iterated);
    // An item this loop cannot name is not what the name holds in another loop (`for t in buyers:`, then `for t in
    // redeemers + projectors:`).
    if (iterated && item?.kind === 'unknown') return item;
    // `job = partial(teller, ...)` in one loop, `job = partial(atm, ...)` in the next: a use reads the assignment
    // that comes right before it in its own block (or one around it), not the name's first.
    const reaching = binding.sites.length > 1 && ownScope(scope) === binding.scope ? this.reachingAssignment(binding, node) : undefined;
    if (reaching) {
      const value = this.siteValue(reaching, owner);
      if (value.kind !== 'unknown') return this.nameObject(value, binding, owner, reaching);
    }
    const value = this.bindingValue(binding, owner);
    return value.kind === 'container' ? this.keywordsSetBefore(this.halfGrown(value, binding, node), binding, node, owner) : value;
  }

  /**
   * `kwargs.setdefault("inn", self.inn)` (or `kwargs["inn"] = ...`) in the function's own body, before this use of a
   * dict of keywords: the keywords it has here. Statements inside branches or loops are not counted in.
   */
  private keywordsSetBefore(value: Value, binding: Binding, node: Syntax, owner: Frame): Value {
    const body = binding.scope.kind === 'function' ? binding.scope.fn?.body : undefined;
    const text = body && value.kind === 'container' && value.keywords ? this.textOfFunction(binding.scope.fn!) : '';
    const changes = ['.setdefault', '[', '.update(', '.pop('].some((change) => text.includes(`${binding.name}${change}`));
    if (value.kind !== 'container' || !body || !changes) return value;
    let keywords: Map<string, Value> | undefined;
    // The statements before the use in its own block and in each block around it, outermost first: those of a loop's
    // round that makes the dict anew (`kwargs = dict(config, seed=i)`, then `kwargs.setdefault(...)`) count too.
    const blocks: Syntax[] = [];
    for (let at = node.parent; at && at !== body.parent; at = at.parent) if (at.type === 'block') blocks.unshift(at);
    for (const statement of blocks.flatMap((block) => block.children)) {
      if (statement.end > node.start) continue;
      const expression = statement.type === 'expression_statement' ? statement.children[0] : undefined;
      const [target, args] = expression?.type === 'call' ? expression.children : [];
      const key = args?.children[0];
      if (target?.type === 'attribute' && this.text(target) === `${binding.name}.update` && args) {
        // `params.update(overrides)`: the keywords of what it merges in, when those are spelled; else unknown.
        const given = this.callArgs(expression!, owner);
        const merged = given.positional.length === 1 && !given.hasSplat ? given.positional[0].value : undefined;
        if (given.hasSplat || given.positional.length > 1 || (merged && (merged.kind !== 'container' || !merged.keywords))) return { ...value, keywords: undefined };
        keywords ??= new Map(value.keywords);
        for (const [name, each] of merged?.kind === 'container' ? merged.keywords! : []) keywords.set(name, each);
        for (const [name, each] of given.keywords) keywords.set(name, each.value);
      } else if (target?.type === 'attribute' && this.text(target) === `${binding.name}.pop` && key?.type === 'string') {
        const name = this.evaluate(key, owner);
        if (name.kind !== 'str' || name.value === undefined) continue;
        keywords ??= new Map(value.keywords);
        keywords.delete(name.value);
      } else if (target?.type === 'attribute' && this.text(target) === `${binding.name}.setdefault` && args?.children.length === 2 && key?.type === 'string') {
        const name = this.evaluate(key, owner);
        if (name.kind !== 'str' || name.value === undefined) continue;
        keywords ??= new Map(value.keywords);
        if (!keywords.has(name.value)) keywords.set(name.value, this.evaluate(args.children[1], owner));
      } else if (expression?.type === 'assignment') {
        const { left, right } = assignmentParts(expression);
        const [held, index] = left?.type === 'subscript' ? left.children : [];
        if (!held || !right || index?.type !== 'string' || this.text(held) !== binding.name) continue;
        const name = this.evaluate(index, owner);
        if (name.kind !== 'str' || name.value === undefined) continue;
        keywords ??= new Map(value.keywords);
        keywords.set(name.value, this.evaluate(right, owner));
      }
    }
    return keywords ? { ...value, keywords } : value;
  }

  /**
   * Does the dict at this function's name change only by statements of the function's own body, none in a branch or
   * a loop (`params.update(overrides)`, `params["seed"] = 3`)? keywordsSetBefore then follows it, statement by
   * statement.
   */
  private changedInLineOnly(binding: Binding): boolean {
    const body = binding.scope.kind === 'function' ? binding.scope.fn?.body : undefined;
    if (!body) return false;
    const growth = this.growthIn(body);
    const sites = [...growth.sites.get(binding.name) ?? [], ...growth.keyedSites.get(binding.name) ?? []];
    // A block that makes the dict anew (a loop's body with `kwargs = dict(...)` in it) may change it in line too.
    const makes = (block: Syntax) => binding.sites.some((site) => site.kind === 'assign' && blockStatementOf(site.statement).parent === block);
    return sites.every((at) => {
      const node = nodeAt(body, at + growth.offset, DEFINITIONS);
      let statement: Syntax | undefined = node;
      while (statement && statement.parent !== body && !(statement.parent?.type === 'block' && makes(statement.parent))) statement = statement.parent;
      if (!statement || statement.type !== 'expression_statement' || node.type !== 'identifier' || this.text(node) !== binding.name) return false;
      const changed = node.parent;
      if (changed?.type === 'attribute') return changed.parent === statement.children[0];
      return changed?.type === 'subscript' && changed.parent === statement.children[0] && changed.parent.type === 'assignment';
    });
  }

  /**
   * The plain assignment of a binding with several that a use reads when it is not the binding's first: the last
   * one before the use in a block that holds the use. Undefined when a loop rebinds or code changes the name in
   * place (those stay with the binding's value as a whole).
   */
  private reachingAssignment(binding: Binding, node: Syntax): Extract<BindingSite, { kind: 'assign' }> | undefined {
    const index = this.assignmentsOf(binding);
    if (!index) return undefined;
    const { sites, starts } = index;
    const reachesUse = (i: number) => {
      const { statement } = sites[i];
      const block = statement.parent;
      return !!block && statement.end <= node.start && node.start >= block.start && node.end <= block.end;
    };
    // The latest statement before the use whose block holds it: looked for backwards from the use (a few steps
    // in practice), then, rarely, among all.
    let found = -1;
    const last = upperBound(starts, node.start) - 1;
    for (let i = last; i >= 0 && i > last - 32; i--) {
      if (reachesUse(i)) {
        found = i;
        break;
      }
    }
    for (let i = last - 32; found < 0 && i >= 0; i--) if (reachesUse(i)) found = i;
    // Not the binding's first assignment: that one is the binding's value as a whole, unless the name is a parameter
    // (`config = dict(DEFAULTS, **(config or {}))`).
    const param = found >= 0 && binding.sites.some((site) => site.kind === 'param') && this.mergesSettings(sites[found].site.value);
    return found >= 0 && (starts[found] > starts[0] || param) ? sites[found].site : undefined;
  }

  /**
   * `dict(CONFIG, **(config or {}))`, `{**CONSOLE, **(settings or {})}` or `patterns = patterns or [...]`: settings
   * remade from others, or spelled out when none are given. (Other ways of rebinding a parameter, `escape = escape or
   * self.escape`, are left to the parameter: following each of them costs more walking than it finds.)
   */
  private mergesSettings(value: Syntax | undefined): boolean {
    if (value?.type === 'call') return value.children[0]?.type === 'identifier' && this.text(value.children[0]) === 'dict';
    const fallback = value?.type === 'boolean_operator' ? value.children[value.children.length - 1] : undefined;
    if (fallback && ['list', 'dictionary', 'tuple', 'set'].includes(fallback.type)) return true;
    return value?.type === 'dictionary' && value.children.some((child) => child.type === 'dictionary_splat');
  }

  /**
   * A binding's plain assignments, by the statements that hold them in order (made once a binding); undefined when a
   * loop, a `with` or an augmented assignment also binds it (see reachingAssignment).
   */
  private assignmentsOf(binding: Binding): AssignmentSites | undefined {
    if (this.assignmentSites.has(binding)) return this.assignmentSites.get(binding);
    let index: AssignmentSites | undefined;
    const plain = binding.sites.every((site) => site.kind !== 'augmented' && !(site.kind === 'assign' && (site.iterable || site.withItem)));
    if (plain) {
      const sites = binding.sites.flatMap((site) => (site.kind === 'assign' ? [{ site, statement: blockStatementOf(site.statement) }] : []));
      sites.sort((a, b) => a.statement.start - b.statement.start);
      index = { sites, starts: sites.map((entry) => entry.statement.start) };
    }
    this.assignmentSites.set(binding, index);
    return index;
  }

  private readonly assignmentSites = new WeakMap<Binding, AssignmentSites | undefined>();

  /**
   * `for feed in feeds: ...` and later `for feed in more: feed.start()`: inside a `for` loop's body the name is the
   * item of that loop's iterable, when nothing in the body binds it again.
   */
  private iteratedAt(binding: Binding, node: Syntax): Extract<BindingSite, { kind: 'assign' }> | undefined {
    const { loops, starts, positions } = this.loopsOf(binding);
    // The last loop starting before the use, or one around it (loops of one name are nested or apart).
    let at = upperBound(starts, node.start) - 1;
    for (let tries = 0; at >= 0 && tries < 8; at--, tries++) {
      const loop = loops[at];
      if (node.start < loop.start || node.end > loop.end) continue;
      // Bound again inside the body: its uses there may read either.
      const next = upperBound(positions, loop.start - 1);
      return next < positions.length && positions[next] < loop.end ? undefined : loop.site;
    }
    return undefined;
  }

  /** A binding's `for` loops (by their bodies, in order) and where its other sites are, sorted; made once a binding. */
  private loopsOf(binding: Binding): LoopSites {
    let found = this.loopSites.get(binding);
    if (!found) {
      const loops: Array<LoopSites['loops'][number]> = [];
      const positions: number[] = [];
      for (const site of binding.sites) {
        const body = site.kind === 'assign' && site.iterable && site.statement.type === 'for_statement'
          ? site.statement.children.find((child) => child.type === 'block') : undefined;
        if (body && site.kind === 'assign') loops.push({ site, start: body.start, end: body.end });
        // A parameter is bound before any loop of its function; a loop's own site is its `for` line, before its body
        // (a loop of the same name inside the body is a site there).
        if (site.kind !== 'param') positions.push(('statement' in site ? site.statement : 'fn' in site ? site.fn.node : 'cls' in site ? site.cls.node : site.node).start);
      }
      loops.sort((a, b) => a.start - b.start);
      positions.sort((a, b) => a - b);
      found = { loops, starts: loops.map((loop) => loop.start), positions };
      this.loopSites.set(binding, found);
    }
    return found;
  }

  private readonly loopSites = new WeakMap<Binding, LoopSites>();

  private readonly withSiteCounts = new WeakMap<Binding, number>();

  /** The `with ... as name:` site of this binding whose block holds `node`, when the name has other sites too. */
  private enteredAt(binding: Binding, node: Syntax): Extract<BindingSite, { kind: 'assign' }> | undefined {
    let withSites = this.withSiteCounts.get(binding);
    if (withSites === undefined) {
      withSites = binding.sites.filter((site) => site.kind === 'assign' && site.withItem).length;
      this.withSiteCounts.set(binding, withSites);
    }
    if (withSites === 0) return undefined;
    for (const site of binding.sites) {
      if (site.kind !== 'assign' || !site.withItem) continue;
      let statement: Syntax | undefined = site.statement;
      while (statement && statement.type !== 'with_statement') statement = statement.parent;
      const block = statement?.children.find((child) => child.type === 'block');
      if (block && node.start >= block.start && node.end <= block.end) return site;
    }
    return undefined;
  }

  /**
   * `found = []` filled by `found.append(n)` in a loop, and read inside that same loop (`for p in found`): on
   * average it holds half of what it ends with.
   */
  private halfGrown(value: Extract<Value, { kind: 'container' }>, binding: Binding, node: Syntax): Value {
    const root = binding.scope.kind === 'module' ? this.module.root : binding.scope.fn?.body;
    const appends = root ? this.appendLoops.get(`${root.start}:${binding.name}`) : undefined;
    const loop = appends?.loop;
    if (!loop || node.start < loop.start || node.end > loop.end || node.start < (loop.children[1]?.end ?? loop.start)) return value;
    const size = value.length ?? value.atMost;
    return size === undefined ? value : { ...value, length: undefined, atMost: Math.ceil(size / 2), items: undefined };
  }

  /**
   * `tuple(u[4] for u in UNITS)` over a tuple the file spells: each item, worked out from its own row, when they are
   * numbers (`sum(...)` of them is then known). Only one `for` and no `if`.
   */
  private spelledComprehension(node: Syntax, frame: Frame): Value[] | undefined {
    const clauses = node.children.filter((child) => child.type === 'for_in_clause');
    const body = node.children[0];
    const [target, iterableNode] = clauses[0]?.children ?? [];
    if (clauses.length !== 1 || !target || !iterableNode || !body || body.type === 'for_in_clause') return undefined;
    const iterable = this.evaluate(iterableNode, frame);
    if (iterable.kind !== 'container' || !iterable.items || iterable.items.length > MAX_SPELLED_ITEMS) return undefined;
    const items: Value[] = [];
    for (const item of iterable.items) {
      frame.memo.clear();
      this.bindTarget(target, item, frame);
      const value = this.evaluate(body, frame);
      this.unbindTarget(target, frame);
      if (value.kind !== 'number' || !Number.isFinite(value.value)) break;
      items.push(value);
    }
    frame.memo.clear();
    return items.length === iterable.items.length ? items : undefined;
  }

  /**
   * `{k: v for k, v in config.items() if k in ("sample_count", "overspeed_mps")}` of a dict whose entries the file
   * spells: the entries that pass the filter, each under the key the body gives it. Undefined when a filter cannot be
   * decided for some entry (the copy could then hold it or not).
   */
  private copiedKeywords(node: Syntax, frame: Frame): ReadonlyMap<string, Value> | undefined {
    const clauses = node.children.filter((child) => child.type === 'for_in_clause');
    const [keyNode, valueNode] = node.children[0]?.type === 'pair' ? node.children[0].children : [];
    const [target, iterableNode] = clauses[0]?.children ?? [];
    if (clauses.length !== 1 || !keyNode || !valueNode || !target || !iterableNode) return undefined;
    const rows = this.spelledRows(iterableNode, frame);
    if (!rows) return undefined;
    const tests = node.children.filter((child) => child.type === 'if_clause').map((clause) => clause.children[0]);
    const copied = new Map<string, Value>();
    // Each round's values are read with its names bound; the memo must not keep them past the round.
    try {
      for (const row of rows) {
        frame.memo.clear();
        this.bindTarget(target, row, frame);
        const passes = tests.map((test) => (test ? this.decidedTest(test, frame) : undefined));
        const key = passes.every((pass) => pass === true) ? this.evaluate(keyNode, frame) : undefined;
        const kept = key ? this.evaluate(valueNode, frame) : undefined;
        this.unbindTarget(target, frame);
        if (passes.some((pass) => pass === undefined)) return undefined;
        if (!kept) continue;
        if (key?.kind !== 'str' || key.value === undefined || key.bytes) return undefined;
        copied.set(key.value, kept);
      }
      return copied;
    } finally {
      frame.memo.clear();
    }
  }

  /**
   * What a dict comprehension goes through, one by one, when the file spells it: `config.items()` of a dict of
   * spelled keywords (as (key, value) rows), or a short spelled list of keys (`for k in ("horizon_steps", "step_h")`).
   */
  private spelledRows(iterableNode: Syntax, frame: Frame): Value[] | undefined {
    const method = iterableNode.type === 'call' ? iterableNode.children[0] : undefined;
    if (method?.type === 'attribute' && this.text(method.children[1]!) === 'items' && !iterableNode.children[1]?.children.length) {
      const source = this.evaluate(method.children[0]!, frame);
      // `spec.items()` of a dict literal the file spells (`{"hygro-1": ("hygrometer", 0.004), ...}`): its pairs.
      if (source.kind === 'container' && !source.keywords && source.type === 'dict') return this.literalEntries(source, 'items', frame);
      if (source.kind !== 'container' || !source.keywords || source.keywords.size > LITERAL_VALUES_READ) return undefined;
      const origin = { key: `${source.origin.key}.items()`, sharing: source.origin.sharing };
      return [...source.keywords].map(([name, value]) => ({ kind: 'container', type: 'tuple', items: [{ kind: 'str', bytes: false, value: name }, value], length: 2, origin }));
    }
    const spelled = this.evaluate(iterableNode, frame);
    return spelled.kind === 'container' && spelled.type !== 'dict' && spelled.items && spelled.items.length <= LITERAL_VALUES_READ ? [...spelled.items] : undefined;
  }

  /** A filter the model can decide: `k in ("a", "b")`, `k != "seed"`, `not k.startswith("_")`, and/or of those. */
  private decidedTest(test: Syntax, frame: Frame): boolean | undefined {
    if (test.type === 'not_operator') {
      const inner = test.children[0] ? this.decidedTest(test.children[0], frame) : undefined;
      return inner === undefined ? undefined : !inner;
    }
    if (test.type === 'parenthesized_expression' && test.children[0]) return this.decidedTest(test.children[0], frame);
    const [left, right] = test.children;
    const operator = left && right ? this.module.source.slice(left.end, right.start).trim() : '';
    if (test.type === 'boolean_operator' && left && right) {
      const [a, b] = [this.decidedTest(left, frame), this.decidedTest(right, frame)];
      if (operator === 'and') return a === false || b === false ? false : a === true && b === true ? true : undefined;
      if (operator === 'or') return a === true || b === true ? true : a === false && b === false ? false : undefined;
      return undefined;
    }
    if (test.type === 'call' && left?.type === 'attribute' && right?.children.length === 1) {
      const name = this.text(left.children[1]!);
      const [text, part] = [this.evaluate(left.children[0]!, frame), this.evaluate(right.children[0]!, frame)];
      if (text.kind !== 'str' || text.value === undefined || part.kind !== 'str' || part.value === undefined) return undefined;
      return name === 'startswith' ? text.value.startsWith(part.value) : name === 'endswith' ? text.value.endsWith(part.value) : undefined;
    }
    if (test.type !== 'comparison_operator' || test.children.length !== 2 || !left || !right) return undefined;
    const textOf = (value: Value) => (value.kind === 'str' && value.value !== undefined ? value.value : undefined);
    const subject = textOf(this.evaluate(left, frame));
    if (subject === undefined) return undefined;
    const other = this.evaluate(right, frame);
    if (operator === '==' || operator === '!=') {
      const text = textOf(other);
      return text === undefined ? undefined : (text === subject) === (operator === '==');
    }
    if (operator !== 'in' && operator !== 'not in') return undefined;
    const texts = other.kind === 'container' && other.items ? other.items.map(textOf) : undefined;
    if (!texts || texts.some((text) => text === undefined)) return undefined;
    return texts.includes(subject) === (operator === 'in');
  }

  /** `sorted({3, 17, 30})`: the numbers (or texts) the file spells, in order; undefined for anything else. */
  private sortedItems(source: Value, args: CallArgs): Value[] | undefined {
    const items = args.keywords.has('key') ? undefined : spelledConstants(source);
    const reverse = args.keywords.get('reverse')?.value;
    if (!items || (reverse && !(reverse.kind === 'bool' && !reverse.value))) return undefined;
    // Numbers and texts do not compare in Python: a mix is left unsorted (unknown).
    if (!items.every((item) => item.kind === items[0].kind)) return undefined;
    const order = (a: Value, b: Value) => (a.kind === 'number' && b.kind === 'number' ? a.value - b.value
      : a.kind === 'str' && b.kind === 'str' ? (a.value! < b.value! ? -1 : a.value! > b.value! ? 1 : 0) : 0);
    return items.sort(order);
  }

  /** Sets the names of a loop target (`name`, `a, (b, c)`) to the parts of `value` in `frame`, for an unrolled loop. */
  bindTarget(target: Syntax, value: Value, frame: Frame): void {
    const pending: Array<[Syntax, Value]> = [[target, value]];
    while (pending.length > 0) {
      const [node, item] = pending.pop()!;
      if (node.type === 'identifier') {
        const binding = resolveName(scopeOf(this.module, node), this.text(node), this.module.scope);
        if (binding) this.frameFor(binding.scope, frame).known.set(binding, item);
      } else if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list'].includes(node.type)) {
        node.children.forEach((child, i) => pending.push([child, this.unpack(item, [i])]));
      } else if (node.type === 'parenthesized_expression' && node.children[0]) {
        pending.push([node.children[0], item]);
      }
    }
  }

  /** Forgets what `bindTarget` set for the names of `target`. */
  unbindTarget(target: Syntax, frame: Frame): void {
    const pending: Syntax[] = [target];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (node.type === 'identifier') {
        const binding = resolveName(scopeOf(this.module, node), this.text(node), this.module.scope);
        if (binding) this.frameFor(binding.scope, frame).known.delete(binding);
      } else {
        pending.push(...node.children);
      }
    }
  }

  /** A name with no binding in the file: a builtin, or a name from `from m import *`. */
  private globalName(name: string): Value {
    const qualified = this.wildcardNames.get(name);
    if (qualified) return externalValue(qualified);
    if (BUILTINS.has(name)) return { kind: 'external', name };
    return UNKNOWN;
  }

  /** The frame in which bindings of `scope` live, seen from `frame`. */
  frameFor(scope: Scope, frame: Frame): Frame {
    if (scope.kind === 'module') return this.moduleFrame;
    if (scope.kind === 'class' && scope.cls) return this.classFrame(scope.cls);
    if (scope.kind === 'comprehension') return frame;
    for (let at: Frame | undefined = frame; at; at = at.closure) if (at.scope === scope) return at;
    return scope.fn ? this.genericFrame(scope.fn) : frame;
  }

  bindingValue(binding: Binding, frame: Frame): Value {
    const memo = frame.memo.get(binding);
    if (memo) return memo;
    // A binding whose value depends on itself (`a = b; b = a`) is unknown.
    let active = this.inProgress.get(frame);
    if (!active) {
      active = new Set();
      this.inProgress.set(frame, active);
    }
    if (active.has(binding)) return UNKNOWN;
    active.add(binding);
    const outer = this.cutShort;
    this.cutShort = false;
    try {
      const value = this.computeBindingValue(binding, frame);
      // Unknown only because the depth bound ran out here, the value is not kept: from shallower code (a thread's
      // `range(WIDTH * HEIGHT)`), the name is known.
      if (!this.cutShort || value.kind !== 'unknown') frame.memo.set(binding, value);
      return value;
    } finally {
      this.cutShort ||= outer;
      active.delete(binding);
    }
  }

  private computeBindingValue(binding: Binding, frame: Frame): Value {
    const sites = binding.sites;
    const param = sites.find((site) => site.kind === 'param');
    if (param && param.kind === 'param') return this.paramValue(param.param.name, frame, binding);
    const definition = sites.find((site) => site.kind === 'function' || site.kind === 'class');
    if (definition?.kind === 'function') {
      const plain: Value = { kind: 'function', fn: definition.fn, closure: binding.scope.kind === 'function' ? frame : undefined };
      const registered = this.dispatchedTo(definition.fn);
      if (registered) return { ...plain, alternatives: registered };
      return definition.fn.decorators.length > 0 ? this.decorated(plain, definition.fn, binding.scope, frame) : plain;
    }
    if (definition?.kind === 'class') return { kind: 'class', cls: definition.cls };
    const imported = sites.find((site) => site.kind === 'import');
    if (imported?.kind === 'import') return externalValue(imported.qualified);
    const assigns = sites.filter((site): site is Extract<BindingSite, { kind: 'assign' }> => site.kind === 'assign');
    if (assigns.length === 0) return UNKNOWN;
    // Several assignments: the first that says something wins, named after the binding so that identity is stable.
    // `filled = 0` then `filled += traded`: a number or text changed in place is no longer the one first assigned.
    const changed = sites.some((site) => site.kind === 'augmented');
    // `node = self`, then `node = node.parent` in a loop: the name walks a chain of linked objects, which others reach
    // too (every scanner's walk meets at the root): whatever it starts from, it ends on shared ones.
    const link = assigns.find((site) => site.value?.type === 'attribute' && !site.iterable && site.value.children[0]?.type === 'identifier'
      && this.text(site.value.children[0]) === binding.name)?.value;
    // `best = None`, then `best = depot` in a search loop: what the function goes on with is the object the loop kept.
    const laterThanNone = assigns.length > 1 && this.siteValue(assigns[0], frame).kind === 'none'
      ? assigns.slice(1).filter((site) => site.statement.start > assigns[0].statement.end) : [];
    const kept = laterThanNone.find((site) => insideLoop(site.statement, binding.scope.node));
    const keptValue = kept && this.siteValue(kept, frame);
    if (keptValue?.kind === 'instance') return keptValue;
    // `_cache = None`, then `_cache = {}` (or `_pool = ConnectionPool()`) in a function under `global _cache` (made on
    // first use): what the file goes on to use is that one object (a test of the None is never decided from it); its
    // constructor runs before anyone else sees it (see Walker.constructed). The workload walk keeps objects as they
    // were: read so, the predictions of seven programs with lazy singletons moved, three away from what python3.11
    // measured (double_checked_pool 340 -> 500 ms, 290 measured; thumbnail_store_acquire 460 -> 660, 270), two closer.
    const lazyKinds = this.forWorkload ? ['container'] : ['container', 'instance'];
    const made = !kept && binding.scope.kind === 'module' ? laterThanNone.find((site) => lazyKinds.includes(this.siteValue(site, frame).kind)) : undefined;
    if (made) return this.nameObject(this.siteValue(made, frame), binding, frame, made);
    // `rotated = []`, then `rotated = rotate(log_dir)` in a loop: the empty list holds the place until the loop fills
    // it; what the code goes on with is what the loop left.
    const placeholder = !changed && assigns.length > 1 && assigns[0].value?.type === 'list' && assigns[0].value.children.length === 0;
    const filled = placeholder ? assigns.filter((site) => site !== assigns[0] && site.value && !site.iterable && site.value.type !== 'list'
      && insideLoop(site.statement, binding.scope.node) && !this.mentions(site.value, binding.name)) : [];
    // Rebuilt from itself in that loop afterwards (`totals = [a + b for a, b in zip(totals, counts)]`), it keeps the
    // shape the filling gave it.
    const rebuilt = (site: Extract<BindingSite, { kind: 'assign' }>) => !!site.value && !site.iterable && insideLoop(site.statement, binding.scope.node)
      && this.mentions(site.value, binding.name);
    if (filled.length === 1 && assigns.every((site) => site === assigns[0] || site === filled[0] || rebuilt(site))) {
      return this.nameObject(this.siteValue(filled[0], frame), binding, frame, filled[0]);
    }
    const either = !changed && assigns.length > 1 ? this.eitherFunction(assigns, frame) : undefined;
    if (either) return either;
    for (const site of assigns) {
      const value = this.siteValue(site, frame);
      if (link && value.kind === 'instance' && site.value !== link) return this.endOfChain(value, this.text(link.children[link.children.length - 1]), frame);
      // `waited = False`, then `waited = True` in a loop: a flag either may set, so tests of it decide nothing. Nor
      // does `accepted = post(...)`, then `accepted = False` in an `except`: the call's answer may be either.
      if (value.kind === 'bool' && assigns.some((other) => other !== site && this.mayBeOtherwise(other, value.value, frame))) {
        return this.nameObject(UNKNOWN, binding, frame, site);
      }
      // `price = None` in one branch, `price = await asyncio.to_thread(lookup, s)` in the other: `if price is None:`
      // may go either way, so the None decides nothing.
      if (value.kind === 'none' && assigns.some((other) => other !== site && this.siteValue(other, frame).kind !== 'none')) {
        return this.nameObject(UNKNOWN, binding, frame, site);
      }
      if (changed && value.kind === 'number') return { kind: 'number', value: Number.NaN };
      // `filled = 0`, then `filled = min(qty, best)` in a branch: still a size, but `if filled:` may go either way.
      if (value.kind === 'number' && truthOfValue(value) !== undefined
        && assigns.some((other) => other !== site && truthOfValue(this.siteValue(other, frame)) !== truthOfValue(value))) {
        return this.nameObject({ ...value, drawn: true }, binding, frame, site);
      }
      if (changed && value.kind === 'str') return (value.length === 0 && this.receiveBuffer(binding, assigns, frame)) || { kind: 'str', bytes: value.bytes };
      // `STAGES = []` (or `ACTIONS = {}`) filled by a registering decorator as the module loads: what it added, each.
      // (Not through nameObject: the stores it would read as growth are these entries.)
      const registered = value.kind === 'container' && assigns.length === 1 && !changed ? this.decoratorFilled(binding, site) : undefined;
      if (registered) return registered;
      // `jobs = [StageJob(...) for ...]`, then `jobs.append(StageJob("tempo", ...))` once: the object added too.
      const extended = value.kind === 'container' && assigns.length === 1 && (changed || (value.type === 'list' && !!value.origin.site && this.appendedToOnce(binding)))
        ? this.extendedOnce(binding, value, frame, !changed) : undefined;
      const named = extended && this.nameObject(value, binding, frame, site);
      if (extended?.kind === 'container' && named?.kind === 'container') return { ...extended, origin: named.origin };
      if (value.kind !== 'unknown' || value.origin) return this.nameObject(value, binding, frame, site);
    }
    return this.nameObject(UNKNOWN, binding, frame, assigns[0]);
  }

  /**
   * `buf = b""`, then in a read loop `buf += chunk` and `*lines, buf = buf.split(b"\n")`: the buffer is cut back to
   * the rest of its last line each round, so what it holds when split is about one read's worth, with that read's
   * lines. Undefined for any other text changed in place.
   */
  private receiveBuffer(binding: Binding, assigns: ReadonlyArray<Extract<BindingSite, { kind: 'assign' }>>, frame: Frame): Value | undefined {
    const augments = binding.sites.filter((site): site is Extract<BindingSite, { kind: 'augmented' }> => site.kind === 'augmented');
    const root = binding.scope.kind === 'function' ? binding.scope.fn?.body : undefined;
    if (augments.length !== 1 || !root) return undefined;
    const [{ statement, target }] = augments;
    const added = statement.children[statement.children.length - 1];
    if (!added || added === target || this.module.source.slice(target.end, added.start).trim() !== '+=') return undefined;
    let loop: Syntax | undefined = statement.parent;
    while (loop && loop !== root && loop.type !== 'while_statement' && loop.type !== 'for_statement') loop = loop.parent;
    if (!loop || loop === root || !assigns.slice(1).some((site) => site.statement.start >= loop!.start && site.statement.end <= loop!.end)) return undefined;
    const read = this.evaluate(added, frame);
    return read.kind === 'str' && read.lines !== undefined ? { kind: 'str', bytes: read.bytes, length: read.length, lines: read.lines } : undefined;
  }

  /**
   * `if roll < 0.3: fn = collect_taxes` ... `else: fn = famine`: a name every assignment gives a function of the same
   * receiver is any of them (the first, with the others as alternatives), as a start given it may run each.
   */
  private eitherFunction(assigns: ReadonlyArray<Extract<BindingSite, { kind: 'assign' }>>, frame: Frame): Value | undefined {
    const first = this.siteValue(assigns[0], frame);
    if (first.kind !== 'function') return undefined;
    const fns: FunctionInfo[] = [first.fn, ...(first.alternatives ?? [])];
    for (const site of assigns.slice(1)) {
      const value = this.siteValue(site, frame);
      if (value.kind !== 'function' || !sameReceiver(first, value)) return undefined;
      fns.push(value.fn, ...(value.alternatives ?? []));
    }
    const others = fns.filter((fn, i) => fn !== first.fn && fns.indexOf(fn) === i);
    return others.length > 0 ? { ...first, alternatives: others } : undefined;
  }

  /** Can this assignment give the name another truth than `truth`: the opposite constant, or a value not known? */
  private mayBeOtherwise(site: Extract<BindingSite, { kind: 'assign' }>, truth: boolean, frame: Frame): boolean {
    if (site.value?.type === 'true' || site.value?.type === 'false') return (site.value.type === 'true') !== truth;
    const value = this.siteValue(site, frame);
    return value.kind === 'unknown' && !value.origin;
  }

  /**
   * Where a walk along links (`node = node.parent` until None) ends: the last object the chain reaches, which walks
   * from other starting points meet at (every directory's walk ends at the root).
   */
  private endOfChain(start: Extract<Value, { kind: 'instance' }>, attribute: string, frame: Frame): Value {
    let current: Extract<Value, { kind: 'instance' }> = start;
    const seen = new Set<string>([start.origin.key]);
    for (let step = 0; step < 16; step++) {
      const next = this.memberOf(current, attribute, frame);
      if (next.kind !== 'instance' || seen.has(next.origin.key)) break;
      seen.add(next.origin.key);
      current = next;
    }
    return current;
  }

  /**
   * `d[key]` or `d.get(key)` of a registry a class decorator fills (one of its classes), or of a dict literal of
   * objects of several classes (`HANDLERS.get(kind)`: one of their common base, the thread's own with its own key);
   * undefined for other containers.
   */
  private itemOfDict(container: Extract<Value, { kind: 'container' }>, key: Value): Value | undefined {
    const registered = this.registeredClass(container);
    if (registered) return registered;
    if (!container.commonValue) return undefined;
    if (container.commonValue.kind === 'class') return container.commonValue;
    const item = { ...container.commonValue, origin: { key: `${container.origin.key}[]`, sharing: container.origin.sharing } } as Value;
    return ownKeyOf(key, container) ? ownItem(item) : item;
  }

  /**
   * `STRATEGIES[name]` of a module-level container that a class decorator of this file fills with the classes it
   * decorates (`def strategy(cls): STRATEGIES[cls.__name__] = cls; return cls`): one of those classes.
   */
  private registeredClass(container: Extract<Value, { kind: 'container' }>): Value | undefined {
    const classes = this.classRegistries().get(container.origin.key);
    if (!classes || classes.length === 0) return undefined;
    const cls: Value = { kind: 'class', cls: this.commonBase(classes) ?? classes[0], ...(classes.length > 1 ? { alternatives: classes } : {}) };
    // `SUBSCRIBERS[kind]`: the list of the classes registered under that key, at most all of them.
    if (this.groupedRegistries.has(container.origin.key)) {
      return { kind: 'container', type: 'list', atMost: classes.length, itemValue: cls, origin: { key: `${container.origin.key}[]`, sharing: 'shared' } };
    }
    return cls;
  }

  /** Module containers (by origin key) and the classes decorators of this file store in them. */
  /** The classes a decorator (or `__init_subclass__`) of this file registers in a module container, by its key. */
  registeredClasses(key: string): readonly ClassInfo[] {
    return this.classRegistries().get(key) ?? [];
  }

  private classRegistries(): Map<string, ClassInfo[]> {
    if (this.registries) return this.registries;
    const registries = new Map<string, ClassInfo[]>();
    this.registries = registries;
    for (const cls of this.module.classes) {
      for (const decorator of this.classDecorators(cls)) {
        // `@Method.register`, a classmethod: the class decorated is the parameter after `cls`.
        const key = this.storedParameterContainer(decorator.fn, decorator.self ? 1 : 0);
        if (!key) continue;
        const list = registries.get(key) ?? [];
        if (!list.includes(cls)) list.push(cls);
        registries.set(key, list);
      }
      // `def __init_subclass__(cls, kind): Job.registry[kind] = cls`: every class derived from it registers itself.
      const hook = cls.methods.get('__init_subclass__');
      const key = hook && !hook.isLambda ? this.storedParameterContainer(hook) : undefined;
      if (key) {
        const derived = this.module.classes.filter((other) => other !== cls && classChain(this.module, other).includes(cls));
        if (derived.length > 0) registries.set(key, [...new Set([...registries.get(key) ?? [], ...derived])]);
      }
    }
    return registries;
  }

  private registries: Map<string, ClassInfo[]> | undefined;

  /**
   * The decorators of this file on a class (`@register`, `@Method.register`, or `@plugin("geoip")`, a call that
   * returns one), outermost first.
   */
  private classDecorators(cls: ClassInfo): ReadonlyArray<Extract<Value, { kind: 'function' }>> {
    const definition = cls.node.parent?.type === 'decorated_definition' ? cls.node.parent : undefined;
    const named = (node: Syntax | undefined) => node?.type === 'identifier' || node?.type === 'attribute';
    return (definition?.children ?? []).flatMap((decorator) => {
      const expression = decorator.type === 'decorator' ? decorator.children[0] : undefined;
      if (!named(expression) && !(expression?.type === 'call' && named(expression.children[0]))) return [];
      const made = this.evaluate(expression, this.moduleFrame);
      return made.kind === 'function' && !made.fn.isLambda ? [made] : [];
    });
  }

  /** The frame of a decorator applied to what it decorates (its first parameter), as when the module loads. */
  private appliedFrame(decorator: Extract<Value, { kind: 'function' }>, decorated: Value): Frame {
    return this.decoratorFrame(decorator, this.bindArguments(decorator.fn, { positional: [{ value: decorated }], keywords: new Map(), hasSplat: false }, decorator.self));
  }

  /** A decorator's frame with its arguments bound (see appliedFrame, and `decorated`'s own binding). */
  private decoratorFrame(decorator: Extract<Value, { kind: 'function' }>, args: Map<string, Value>): Frame {
    return new Frame(decorator.fn, decorator.fn.scope, args, decorator.closure, this.moduleFrame.allocation, false);
  }

  /**
   * `REGISTRY[cls.__name__] = cls` (or `.append(cls)`, `.add(cls)`) in a decorator, of its parameter at `index`: the
   * module container's key.
   */
  private storedParameterContainer(fn: FunctionInfo, index = 0): string | undefined {
    const param = fn.params[index]?.name;
    if (!param || !fn.body) return undefined;
    let key: string | undefined;
    let grouped = false;
    walk(fn.body, (node) => {
      if (key || node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda') return false;
      let container: Syntax | undefined;
      if (node.type === 'assignment' && node.children[node.children.length - 1]?.type === 'identifier'
        && this.text(node.children[node.children.length - 1]) === param && node.children[0]?.type === 'subscript') {
        container = node.children[0].children[0];
      }
      if (node.type === 'call' && node.children[0]?.type === 'attribute' && /^(append|add)$/.test(this.text(node.children[0].children[node.children[0].children.length - 1]))
        && node.children[1]?.children.length === 1 && this.text(node.children[1].children[0]) === param) {
        container = node.children[0].children[0];
        // `SUBSCRIBERS.setdefault(kind, []).append(cls)` or `REGISTRY[kind].append(cls)`: a list of them for each key.
        const group = container?.type === 'call' && container.children[0]?.type === 'attribute'
          && this.text(container.children[0].children[container.children[0].children.length - 1]) === 'setdefault'
          ? container.children[0].children[0] : container?.type === 'subscript' ? container.children[0] : undefined;
        if (group) {
          container = group;
          grouped = true;
        }
      }
      // `REGISTRY[...] = cls`, or a class's own table (`Job.registry[kind] = cls` in `__init_subclass__`).
      const owner = container?.type === 'attribute' ? container.children[0] : container;
      if (owner?.type !== 'identifier') return undefined;
      const binding = resolveName(scopeOf(this.module, owner), this.text(owner), this.module.scope);
      if (binding?.scope.kind !== 'module') return undefined;
      if (container !== owner && this.evaluate(owner, this.moduleFrame).kind !== 'class') return undefined;
      const value = this.evaluate(container!, this.moduleFrame);
      if (value.kind === 'container') key = value.origin.key;
      return undefined;
    });
    if (key && grouped) this.groupedRegistries.add(key);
    return key;
  }

  /** Registries whose items are lists of classes, one for each key (see storedParameterContainer). */
  private readonly groupedRegistries = new Set<string>();

  /**
   * `{"sma": MovingAverageCross(20, 100), "hold": BuyAndHold()}`: objects of several classes of this file with a base
   * of this file in common stand, as an item picked by an unknown key, for an object of that base (its methods are
   * theirs unless overridden). Undefined when the items are of one class (elementOf keeps that) or share no base.
   */
  private commonInstance(values: readonly Value[]): Value | undefined {
    // `{"flat": FlatPrice, "tiered": TieredDiscount}`: one of the classes, called alike.
    if (values.length >= 2 && values.every((value) => value.kind === 'class')) {
      const classes = [...new Set((values as ReadonlyArray<Extract<Value, { kind: 'class' }>>).flatMap((value) => value.alternatives ?? [value.cls]))];
      return classes.length > 1 ? { kind: 'class', cls: this.commonBase(classes) ?? classes[0], alternatives: classes } : undefined;
    }
    if (values.length < 2 || !values.every((value) => value.kind === 'instance' && value.cls)) return undefined;
    const instances = values as ReadonlyArray<Extract<Value, { kind: 'instance' }>>;
    // An object that is itself one of several classes (`STRATEGIES[a](rng)`) brings them all.
    const classes = [...new Set(instances.flatMap((value) => value.alternatives ?? [value.cls!]))];
    // `{"CS101": Section(...), "CS102": Section(...)}`: some Section, whichever key, with what the objects share.
    if (classes.length === 1 && instances.every((value) => value.cls === classes[0])) {
      return instances.length <= MAX_FIELD_EXAMPLES && instances.every((value) => !!value.ctor)
        ? { kind: 'instance', cls: classes[0], examples: instances, origin: { key: 'literal-items', sharing: 'shared' } } : undefined;
    }
    const base = this.commonBase(classes);
    return {
      kind: 'instance', cls: base ?? classes[0], ...(classes.length > 1 ? { alternatives: classes, examples: instances } : {}),
      origin: { key: 'literal-items', sharing: 'shared' },
    };
  }

  /** The nearest class of this file that all of these are (or derive from), if any. */
  private commonBase(classes: readonly ClassInfo[]): ClassInfo | undefined {
    const chains = classes.map((cls) => classChain(this.module, cls));
    return chains[0]?.find((candidate) => chains.every((chain) => chain.includes(candidate)));
  }

  /**
   * `@synchronized def deposit(self, amount)` in a class: what the class holds under the name is the decorator's
   * wrapper (`wrapper(self, *args)`, taking the lock, then calling the method), which a bound call runs with the
   * instance as its first argument. Undefined when no decorator of this file wraps it (or it is a class or static
   * method, bound otherwise).
   */
  private decoratedMethod(method: FunctionInfo): Extract<Value, { kind: 'function' }> | undefined {
    if (method.decorators.length === 0 || method.decorators.some((text) => /^(staticmethod|classmethod)\b/.test(text))) return undefined;
    if (this.decoratedMethods.has(method)) return this.decoratedMethods.get(method);
    this.decoratedMethods.set(method, undefined);
    const plain: Value = { kind: 'function', fn: method };
    const value = this.decorated(plain, method, scopeOf(this.module, method.node), this.moduleFrame);
    const wrapped = value.kind === 'function' && value.fn !== method ? value : undefined;
    this.decoratedMethods.set(method, wrapped);
    return wrapped;
  }

  private readonly decoratedMethods = new Map<FunctionInfo, Extract<Value, { kind: 'function' }> | undefined>();

  /**
   * `@functools.singledispatch def apply(msg, book)` (or `@singledispatchmethod`): the functions registered with
   * `@apply.register`, one of which a call runs, picked by the first argument's type. Undefined for other functions.
   */
  dispatchedTo(fn: FunctionInfo): FunctionInfo[] | undefined {
    if (!fn.decorators.some((text) => /^(functools\.)?singledispatch(method)?$/.test(text.trim()))) return undefined;
    const register = `${fn.name}.register`;
    const found = this.module.functions.filter((other) => other !== fn && other.cls === fn.cls
      && other.decorators.some((text) => text === register || text.startsWith(`${register}(`)));
    return found.length > 0 ? found : undefined;
  }

  /**
   * `@timed def work(...)`: the name holds what the decorator returns, for decorators of this file that return a
   * function (their wrapper, with `fn` bound to the original). Other decorators leave the function as it is.
   */
  private decorated(plain: Value, fn: FunctionInfo, scope: Scope, frame: Frame, applying?: (decorator: Extract<Value, { kind: 'function' }>, args: Map<string, Value>) => void): Value {
    let current = plain;
    const definition = fn.node.parent?.type === 'decorated_definition' ? fn.node.parent : undefined;
    const decorators = definition?.children.filter((child) => child.type === 'decorator') ?? [];
    for (const node of [...decorators].reverse()) {
      const expression = node.children[0];
      // `@timed` or `@retry(times=3)`: a function of this file, or a call of one that returns the decorator; or a
      // method of an object of this file (`@cache.memoize`).
      const head = expression?.type === 'call' ? expression.children[0] : expression;
      const name = head?.type === 'attribute' ? head.children[0] : head;
      if (!expression || name?.type !== 'identifier' || !resolveName(scope, this.text(name), this.module.scope)) break;
      const around = this.frameFor(scope, frame);
      const made = this.evaluate(expression, around);
      // `@CallCounter` on a class of this file with a `__call__`: the name holds the object made with the function,
      // and each call of it runs `__call__` on that one object.
      if (made.kind === 'class' && !made.alternatives && findMethod(this.module, made.cls, '__call__')) {
        const args: CallArgs = { positional: [{ value: current }], keywords: new Map(), hasSplat: false };
        current = { kind: 'instance', cls: made.cls, origin: this.fresh(node, around), ctor: { call: node, frame: around, args } };
        continue;
      }
      // `@RateLimit(5)`: an object of this file whose `__call__` takes the function and returns the wrapper.
      const decorator: Value = callMethodOf(this.module, made) ?? made;
      if (decorator.kind !== 'function' || decorator.fn.isAsync || decorator.fn.isLambda || !decorator.fn.body) break;
      const args: CallArgs = { positional: [{ value: current }], keywords: new Map(), hasSplat: false };
      const bound = this.bindArguments(decorator.fn, args, decorator.self);
      applying?.(decorator, bound);
      const wrapper = this.returnValue(decorator.fn, bound, frame, decorator.closure);
      if (wrapper.kind !== 'function' || wrapper.fn === decorator.fn) break;
      current = wrapper;
    }
    return current;
  }

  private paramValue(name: string, frame: Frame, binding: Binding): Value {
    const bound = frame.args.get(name);
    // An unknown number given as an argument is its own X: `range(block * 1000, block * 1000 + n)` still has n.
    if (bound?.kind === 'number' && Number.isNaN(bound.value) && !bound.affine) {
      const own = bound.perThread && bound.ownWithin === undefined;
      return { ...bound, affine: { key: `p${frame.id}:${name}`, scale: 1, offset: 0, ...(own ? { perThread: true } : {}) } };
    }
    if (bound) return bound;
    const fn = binding.scope.fn;
    if (!fn) return UNKNOWN;
    const index = fn.params.findIndex((p) => p.name === name);
    const param = fn.params[index];
    if (frame.generic && index === 0 && fn.cls && takesReceiver(fn)) {
      if (fn.decorators.includes('classmethod')) return { kind: 'class', cls: fn.cls };
      return { kind: 'instance', cls: fn.cls, origin: { key: `self:${fn.cls.name}`, sharing: 'shared' } };
    }
    if (param?.defaultValue && frame.generic === false) {
      return this.evaluate(param.defaultValue, this.frameFor(scopeOf(this.module, param.defaultValue), frame.closure ?? this.moduleFrame));
    }
    if (param?.kind === 'varargs') return { kind: 'container', type: 'tuple', origin: { key: `f${frame.id}:${name}`, sharing: frame.allocation } };
    if (param?.kind === 'kwargs') return { kind: 'container', type: 'dict', origin: { key: `f${frame.id}:${name}`, sharing: frame.allocation } };
    const origin: Origin = { key: `p${frame.id}:${name}`, sharing: frame.generic ? 'shared' : frame.allocation };
    const pool = param?.annotation && this.annotatedPool(param.annotation, fn);
    return pool ? { kind: 'instance', type: pool, origin } : { kind: 'unknown', origin };
  }

  /**
   * `pool: ProcessPoolExecutor` on a parameter no call binds: an executor of that type, so that what it runs is known
   * to be in another process (or in a thread). Other annotations promise less, and are not followed.
   */
  private annotatedPool(annotation: Syntax, fn: FunctionInfo): string | undefined {
    if (this.poolAnnotations.has(annotation)) return this.poolAnnotations.get(annotation);
    const pool = this.poolOfAnnotation(annotation, fn);
    this.poolAnnotations.set(annotation, pool);
    return pool;
  }

  private readonly poolAnnotations = new Map<Syntax, string | undefined>();

  private poolOfAnnotation(annotation: Syntax, fn: FunctionInfo): string | undefined {
    const name = this.text(annotation).replace(/^["']|["']$/g, '');
    if (!/^[A-Za-z_][\w.]*$/.test(name)) return undefined;
    const [head, ...rest] = name.split('.');
    const imported = resolveName(fn.scope.parent ?? this.module.scope, head, this.module.scope)?.sites.find((site) => site.kind === 'import');
    if (imported?.kind !== 'import') return undefined;
    const type = canonicalType([imported.qualified, ...rest].join('.'));
    return THREAD_POOLS.has(type) || PROCESS_POOLS.has(type) ? type : undefined;
  }

  /**
   * `jobs = [BackupJob(media, f) for f in a]` then `jobs += [BackupJob(logs, f) for f in b]`, each `+=` run once
   * (not in a loop) and the only way the code grows the list: the list is the two added together.
   */
  private extendedOnce(binding: Binding, value: Extract<Value, { kind: 'container' }>, frame: Frame, objectsOnly = false): Value | undefined {
    const root = binding.scope.kind === 'module' ? this.module.root : binding.scope.kind === 'function' ? binding.scope.fn?.body : undefined;
    if (value.type !== 'list' || !root) return undefined;
    const augments = binding.sites.filter((site): site is Extract<BindingSite, { kind: 'augmented' }> => site.kind === 'augmented');
    const growth = this.growthIn(root);
    const grownAt = (growth.sites.get(binding.name) ?? []).map((at) => at + growth.offset).filter((at) => at >= root.start && at < root.end);
    if (!augments.every((site) => grownAt.includes(site.target.start))) return undefined;
    // `jobs += [...]` and then `jobs.append(job)`: each append adds its one item in turn.
    const appends = grownAt.length > augments.length ? this.appendsAt(root, binding.name, grownAt) : [];
    if (grownAt.length !== augments.length + appends.length) return undefined;
    // `mine = events[s::3]` then `mine += ...` in the same round of a loop: the name is made anew each round.
    const made = binding.sites.find((site) => site.kind === 'assign')?.statement;
    let home: Syntax = root;
    for (let at = made?.parent; at && at !== root; at = at.parent) {
      if (at.type === 'for_statement' || at.type === 'while_statement') {
        home = at.children.find((child) => child.type === 'block') ?? root;
        break;
      }
    }
    let combined: Value = value;
    const steps = [...augments.map((site) => ({ statement: site.statement, target: site.target })), ...appends.map((call) => ({ statement: call, target: undefined }))]
      .sort((a, b) => a.statement.start - b.statement.start);
    for (const { statement, target } of steps) {
      const inHome = statement.start >= home.start && statement.end <= home.end;
      if (!inHome || insideLoop(statement, home) || combined.kind !== 'container') return undefined;
      if (!target) {
        const item = this.evaluate(statement.children[1]?.children[0], frame);
        // Rows of plain data appended to a comprehension's (`jobs.append((99, 500, 500))`) are more of the same.
        if (objectsOnly && item.kind !== 'instance') return undefined;
        combined = concatenated(combined, { kind: 'container', type: 'list', length: 1, items: [item], origin: combined.origin }, combined.origin);
        continue;
      }
      const added = statement.children[1];
      const operator = added ? this.module.source.slice(target.end, added.start).trim() : '';
      if (operator !== '+=' || !added) return undefined;
      const more = this.evaluate(added, frame);
      if (more.kind !== 'container') return undefined;
      combined = concatenated(combined, more, combined.origin);
    }
    return combined;
  }

  /**
   * `STAGES = []` at module level that only a decorator of this file appends to (`STAGES.append({"name": name, "fn":
   * fn, "workers": workers})`), or `ACTIONS = {}` that it stores in (`ACTIONS[name] = coro`): what it holds once the
   * module is loaded, one entry for each definition it decorates and each object it is applied to at module level
   * (`stage("form")(FormingPress(...))`), in the file's order. Undefined when anything else changes it.
   */
  private decoratorFilled(binding: Binding, site: Extract<BindingSite, { kind: 'assign' }>): Value | undefined {
    const made = site.value;
    if (binding.scope.kind !== 'module' || (made?.type !== 'list' && made?.type !== 'dictionary') || made.children.length > 0 || site.path.length > 0 || site.iterable) return undefined;
    if (this.filledByDecorators.has(binding)) return this.filledByDecorators.get(binding);
    this.filledByDecorators.set(binding, undefined);
    // What each registering decorator adds: `NAME.append(item)` to a list, `NAME[key] = item` to a dict.
    const adds = new Map<FunctionInfo, { key?: Syntax; item: Syntax }>();
    for (const at of this.module.words.occurrences(binding.name)) {
      const node = nodeAt(this.module.root, at, NO_OPAQUE_NODES);
      const parent = node.type === 'identifier' && node.start === at ? node.parent : undefined;
      if (parent?.children[0] !== node || resolveName(scopeOf(this.module, node), binding.name, this.module.scope) !== binding) continue;
      let add: { key?: Syntax; item: Syntax } | undefined;
      if (parent.type === 'attribute') {
        const method = this.text(parent.children[parent.children.length - 1]);
        if (!MUTATING_METHODS.has(method) || method === 'sort' || method === 'reverse') continue;
        const call = parent.parent?.type === 'call' ? parent.parent : undefined;
        const item = call?.children[1]?.children.length === 1 ? call.children[1].children[0] : undefined;
        if (method !== 'append' || made.type !== 'list' || !item) return undefined;
        add = { item };
      } else if (parent.type === 'subscript') {
        const store = parent.parent?.type === 'assignment' && parent.parent.children[0] === parent ? assignmentParts(parent.parent).right : undefined;
        if (!store && parent.parent?.type !== 'augmented_assignment' && parent.parent?.type !== 'delete_statement') continue;
        if (!store || made.type !== 'dictionary' || !parent.children[1]) return undefined;
        add = { key: parent.children[1], item: store };
      } else continue;
      // Added in the decorator, made of its parameter: anything else gives up.
      // (A factory's inner function joins the module's functions once the body around it is built.)
      let decorator = this.functionAt(at);
      for (let depth = 0; decorator?.body && depth < 3; depth++) {
        const inner = this.functionAt(at);
        if (inner === decorator) break;
        decorator = inner;
      }
      const param = decorator?.params[0]?.name;
      if (!decorator || !param || adds.has(decorator) || !this.mentions(add.item, param)) return undefined;
      adds.set(decorator, add);
    }
    if (adds.size === 0) return undefined;
    const entries: Array<{ key?: Value; value: Value }> = [];
    const added = (frame: Frame) => {
      const add = adds.get(frame.fn!);
      if (add) entries.push({ ...(add.key ? { key: this.evaluate(add.key, frame) } : {}), value: this.evaluate(add.item, frame) });
    };
    const apply = (applied: Value, given: Value) => {
      const decorator = applied.kind === 'function' ? applied : callMethodOf(this.module, applied);
      if (decorator && adds.has(decorator.fn)) added(this.appliedFrame(decorator, given));
    };
    for (const statement of this.module.root.children) {
      const definition = statement.type === 'decorated_definition' ? statement.children[statement.children.length - 1] : undefined;
      const fn = definition?.type === 'function_definition' ? this.module.functions.find((each) => each.node === definition) : undefined;
      const cls = definition?.type === 'class_definition' ? this.module.classes.find((each) => each.node === definition) : undefined;
      // (A function's decorators run through `decorated`, each given what the one below it returned.)
      if (fn) {
        this.decorated({ kind: 'function', fn }, fn, this.module.scope, this.moduleFrame, (decorator, args) => {
          if (adds.has(decorator.fn)) added(this.decoratorFrame(decorator, args));
        });
      }
      for (const decorator of cls ? this.classDecorators(cls) : []) apply(decorator, { kind: 'class', cls: cls! });
      // `PRESS = stage("form")(FormingPress(...))` or `register(handler)` at module level.
      const spelled = statement.type === 'expression_statement' ? statement.children[0] : statement;
      const expression = spelled?.type === 'assignment' ? assignmentParts(spelled).right : spelled;
      const given = expression?.type === 'call' && expression.children[1]?.children.length === 1 ? expression.children[1].children[0] : undefined;
      if (given && given.type !== 'keyword_argument' && given.type !== 'list_splat' && expression?.children[0]) {
        apply(this.evaluate(expression.children[0], this.moduleFrame), this.evaluate(given, this.moduleFrame));
      }
      if (entries.length > MAX_SPELLED_ITEMS) return undefined;
    }
    if (entries.length === 0) return undefined;
    const values = entries.map((entry) => entry.value);
    const origin = { key: `g:${binding.name}`, sharing: 'shared' as const, site: made };
    if (made.type === 'list') return this.keptFilled(binding, { kind: 'container', type: 'list', length: values.length, items: values, origin });
    // (Classes are read as the registry of them they make, see registeredClass.)
    if (values.some((value) => value.kind === 'class')) return undefined;
    // A dict by the texts it is keyed by, when the keys are spelled: a lookup of a known key finds its entry; an
    // entry of some key has the shape they share, as a literal's has.
    const texts = entries.map((entry) => (entry.key?.kind === 'str' ? entry.key.value : undefined));
    const keywords = texts.every((text) => text !== undefined) && new Set(texts).size === texts.length
      ? new Map(texts.map((text, i) => [text!, values[i]])) : undefined;
    const shape = sharedShape(values);
    // Objects of several classes (`STEP_HANDLERS[name] = cls(name)`): one of their common base, as a literal's.
    const common = shape ? undefined : this.commonInstance(values);
    return this.keptFilled(binding, {
      kind: 'container', type: 'dict', length: keywords?.size, itemValue: shape, ...(common ? { commonValue: common } : {}), entries: { site: made, values },
      ...(keywords ? { keywords } : {}), origin,
    });
  }

  /** Keeps decoratorFilled's answer for the binding, and gives it. */
  private keptFilled(binding: Binding, value: Value): Value {
    this.filledByDecorators.set(binding, value);
    return value;
  }

  /** decoratorFilled's answers, by the module's binding. */
  private readonly filledByDecorators = new Map<Binding, Value | undefined>();

  /** Does a function's local list grow by an `append` the function makes outside any loop (read from its words)? */
  private appendedToOnce(binding: Binding): boolean {
    const known = this.appendedOnce.get(binding);
    if (known !== undefined) return known;
    const fn = binding.scope.kind === 'function' ? binding.scope.fn : undefined;
    const growth = fn?.body && this.module.words.has('append', fn.body.start, fn.body.end) ? this.growthIn(fn.body) : undefined;
    const once = !!growth && (growth.sites.get(binding.name) ?? []).some((at) => !insideLoop(nodeAt(fn!.body!, at + growth.offset, DEFINITIONS), fn!.body!));
    this.appendedOnce.set(binding, once);
    return once;
  }

  /** appendedToOnce's answers: bindings are evaluated again in every frame, their text does not change. */
  private readonly appendedOnce = new Map<Binding, boolean>();

  /** The `name.append(item)` calls (one argument) that start at the given offsets in `root`. */
  private appendsAt(root: Syntax, name: string, offsets: readonly number[]): Syntax[] {
    const calls: Syntax[] = [];
    walk(root, (node) => {
      if (node !== root && DEFINITIONS.has(node.type)) return false;
      if (node.type !== 'call' || !offsets.includes(node.start)) return undefined;
      const [callee, args] = node.children;
      if (callee?.type === 'attribute' && this.text(callee) === `${name}.append` && args?.children.length === 1 && args.children[0].type !== 'keyword_argument'
        && args.children[0].type !== 'list_splat') calls.push(node);
      return undefined;
    });
    return calls;
  }

  /** Gives an object created by an assignment the name of its variable, so every use agrees on its identity. */
  private nameObject(value: Value, binding: Binding, frame: Frame, site: Extract<BindingSite, { kind: 'assign' }>): Value {
    const key = binding.scope.kind === 'module' ? `g:${binding.name}`
      : binding.scope.kind === 'class' ? `class:${binding.scope.cls?.name}.${binding.name}`
      : `f${frame.id}:${binding.name}`;
    // A closure frame each thread has its own copy of (see ownedClosure): what it made is that thread's too.
    const sharing: Sharing = binding.scope.kind === 'module' || binding.scope.kind === 'class' ? 'shared'
      : frame.cellSharing === 'per-instance' ? 'per-instance' : frame.allocation;
    const origin: Origin = { key, sharing, site: site.value };
    if (value.kind === 'container' || value.kind === 'instance') {
      // Only objects created right here take the variable's name; an alias keeps the identity it had. With several
      // targets (`raw, reference = [], []`) each takes the part of the value it unpacks.
      const made = site.value && spelledPart(site.value, site.path);
      if (value.origin.site && made && (value.origin.site === made || isWrapped(made, value.origin.site))) {
        if (value.kind === 'instance') this.namedAs.set(value.origin.key, key);
        // `deps = {name: [] for name in names}` then `deps[d].append(name)`: the items do not stay as made. Filled
        // once a round of counted loops (`for p in players: by_region[p[1]].append(p)`), each holds its share.
        // So do the empty lists of a literal (`{"treatment": [], "control": []}`), which have no items to shape them.
        const rows = value.kind === 'container' ? value.itemValue ?? emptyRows(value) : undefined;
        // (Rows made full, `[list(deck(60_000)) for s in seeds]`, that only statements outside any loop add to,
        // `decks[0].extend(hand)`, keep their size: a few more items at most.)
        const growth = value.kind === 'container' && rows?.kind === 'container' ? this.itemsGrow(binding, rows.type === 'dict') : 'none';
        if (value.kind === 'container' && rows?.kind === 'container' && growth !== 'none' && !(growth === 'once' && rows.length)) {
          const rounds = value.length ? this.itemAppendRounds(binding, frame) : undefined;
          const share = rounds !== undefined ? Math.round(rounds / value.length!) : undefined;
          // The spelled empty items (`[[], [], []]`) are each such a row, filled with its share.
          const items = value.items?.map((item) => (item.kind === 'container' && item.length === 0 ? { ...item, length: share } : item));
          value = { ...value, itemValue: { ...rows, length: share, items: undefined }, itemsGrown: true, ...(items ? { items } : {}) };
        }
        // `paths = []` then `paths.append(p)` in a loop: the literal's length is only where it starts.
        if (value.kind === 'container' && value.length !== undefined && this.grows(binding, value)) {
          // Its spelled keywords go, unless it changes only at the top of the function that made it
          // (`params.update(overrides)`, `params["seed"] = 3`): keywordsSetBefore follows those at each use.
          const keywords = value.keywords && this.changedInLineOnly(binding) ? value.keywords : undefined;
          // `images = {}` then `images[name] = ...` once a round of a counted loop: at most one key a store.
          const stores = value.type === 'dict' ? this.keyedStores(binding, frame) ?? this.bulkLoads(binding, frame) : undefined;
          if (stores !== undefined) {
            // Rows of plain data stored under each key (`ticks[sym] = series`): an item has their shape.
            const rows = value.length === 0 ? this.storedItem(binding, frame) : undefined;
            // Texts stored under each key (`documents[name] = " ".join(words)`): an item is such a text. Objects
            // (`_buckets[client] = TokenBucket(...)` in a get-or-create helper): an item is such an object, this
            // container's, whichever call made it.
            const itemValue = rows?.kind === 'container' || rows?.kind === 'instance' ? { ...rows, origin: { key: `${origin.key}[]`, sharing: origin.sharing } }
              : rows?.kind === 'str' ? rows : undefined;
            const added = typeof stores === 'number' ? stores : 'exactly' in stores ? stores.exactly : stores.atMost;
            // A key of its own each round, into an empty dict: as many keys as rounds.
            const exact = typeof stores === 'object' && 'exactly' in stores && value.length === 0;
            const size = exact ? { length: added }
              : { length: undefined, atMost: value.length + added, ...(typeof stores === 'object' && 'guessedGroups' in stores ? { guessedGroups: true as const } : {}) };
            return { ...value, origin, ...size, items: undefined, keywords, ...(itemValue ? { itemValue } : {}) };
          }
          const rounds = value.type === 'dict' ? undefined
            : this.filledUntil(binding, value.length, frame) ?? this.appendRounds(binding, frame) ?? this.bulkLoads(binding, frame);
          // What the appends store shapes the items, when the literal's own items (a header line) are alike.
          const stored = value.itemValue ? undefined : this.storedItem(binding, frame);
          const alike = stored && (value.length === 0 || !!value.items?.every((item) => item.kind === stored.kind && item.kind !== 'instance'));
          // Unknown parts of a stored row are, like unknown items, this container's (`for fn, weight in RULES:`).
          const rekeyed = stored?.kind === 'container' && stored.items
            ? { ...stored, items: stored.items.map((item): Value => (item.kind === 'unknown' ? { kind: 'unknown', origin: { key: `${origin.key}[]`, sharing: origin.sharing } }
              : item.kind === 'container' ? { ...item, origin: { key: `${origin.key}[]`, sharing: origin.sharing } } : item)) }
            : stored?.kind === 'container' && stored.origin.key === STORED_ROWS ? { ...stored, origin: { key: `${origin.key}[]`, sharing: origin.sharing } }
            : stored;
          // `[Watch("loader", load)]` then `watches.append(Watch(name, reckoner.work))` a round: objects of the one
          // class, each with what its own constructor was given (see commonInstance).
          const sameClass = !alike && stored?.kind === 'instance' && !!stored.cls && !!value.items?.length
            && value.items.every((item) => item.kind === 'instance' && item.cls === stored.cls) ? this.commonInstance([...value.items, stored]) : undefined;
          // Items added elsewhere were made by other calls: an item no longer names the call that made it.
          const itemValue = unmade(value.itemValue) ?? (alike ? rekeyed : sameClass);
          // A loop over something bounded (`for desk in desks.items()`, the dict filled as above) appends at most that.
          const sized = typeof rounds === 'object' ? { length: undefined, atMost: value.length + rounds.atMost }
            : { length: rounds === undefined ? undefined : value.length + rounds };
          return { ...value, origin, ...sized, items: undefined, keywords, itemValue };
        }
        return { ...value, origin };
      }
      return value;
    }
    if (value.kind === 'unknown') return value.origin ? value : { kind: 'unknown', origin };
    return value;
  }

  /**
   * Does the code that can see this variable add to its items (`deps[d].append(name)`, `groups[k] += [row]`)? Each
   * place the name is followed by `[` is looked at in the tree.
   */
  private itemsGrow(binding: Binding, keyed: boolean): 'none' | 'once' | 'looped' {
    const memo = keyed ? this.growingKeyedItems : this.growingItems;
    const known = memo.get(binding);
    if (known !== undefined) return known;
    let answer: 'none' | 'once' | 'looped' = 'none';
    const root = binding.scope.kind === 'module' ? this.module.root : binding.scope.kind === 'function' ? binding.scope.fn?.node : undefined;
    const source = this.module.source;
    const name = binding.name;
    for (const at of root ? this.module.words.within(name, root.start, root.end) : []) {
      if (answer === 'looped' || !root) break;
      if ((at > 0 && source[at - 1] === '.') || source[at + name.length] !== '[') continue;
      const node = nodeAt(root, at, NO_OPAQUE_NODES);
      const subscript = node.parent;
      if (node.type !== 'identifier' || subscript?.type !== 'subscript' || subscript.children[0] !== node) continue;
      const user = subscript.parent;
      const method = user?.type === 'attribute' && user.children[0] === subscript ? this.text(user.children[user.children.length - 1]) : undefined;
      // `wings[wing][key] = doses`: a store into one of its dicts, which grows by a key (into a list's, it replaces).
      const storedInto = keyed && user?.type === 'subscript' && user.children[0] === subscript && user.parent?.type === 'assignment' && user.parent.children[0] === user;
      const grows = (method !== undefined && GROWING_METHODS.has(method) && user!.parent?.type === 'call' && user!.parent.children[0] === user)
        || (user?.type === 'augmented_assignment' && user.children[0] === subscript) || storedInto;
      if (!grows || resolveName(scopeOf(this.module, node), name, this.module.scope) !== binding) continue;
      // Once means a statement of the binding's own code outside its loops (another function may run many times).
      const elsewhere = scopeOf(this.module, node).fn !== binding.scope.fn;
      answer = elsewhere || insideLoop(subscript, binding.scope.kind === 'function' ? binding.scope.fn?.body ?? root : this.module.root) ? 'looped' : 'once';
    }
    memo.set(binding, answer);
    return answer;
  }

  private readonly growingItems = new Map<Binding, 'none' | 'once' | 'looped'>();
  private readonly growingKeyedItems = new Map<Binding, 'none' | 'once' | 'looped'>();

  /**
   * `for row in rows: for name in COLUMNS: table[name].append(row[name])`: the items of `table` grow only by appends
   * at one place, unconditional in counted for loops: how many appends run in all.
   */
  private itemAppendRounds(binding: Binding, frame: Frame): number | undefined {
    const root = binding.scope.kind === 'module' ? this.module.root : binding.scope.kind === 'function' ? binding.scope.fn?.body : undefined;
    if (!root) return undefined;
    const source = this.module.source;
    const name = binding.name;
    let append: Syntax | undefined;
    for (const at of this.module.words.within(name, root.start, root.end)) {
      if (at > 0 && source[at - 1] === '.') continue;
      const node = nodeAt(root, at, DEFINITIONS);
      if (DEFINITIONS.has(node.type)) return undefined;
      const subscript = node.type === 'identifier' ? node.parent : undefined;
      if (subscript?.type !== 'subscript' || subscript.children[0] !== node) continue;
      const user = subscript.parent;
      const method = user?.type === 'attribute' && user.children[0] === subscript ? this.text(user.children[user.children.length - 1]) : undefined;
      if (method === undefined || !GROWING_METHODS.has(method)) {
        if (user?.type === 'augmented_assignment' && user.children[0] === subscript) return undefined;
        continue;
      }
      if (append || method !== 'append' || user!.parent?.type !== 'call') return undefined;
      append = user!.parent;
    }
    if (!append) return undefined;
    let rounds = 1;
    for (let at = append.parent; at && at !== root; at = at.parent) {
      if (at.type === 'for_statement') {
        const counted = this.loopRounds(at, frame);
        if (typeof counted !== 'number') return undefined;
        rounds *= counted;
      } else if (at.type !== 'block' && at.type !== 'expression_statement') return undefined;
    }
    return rounds;
  }

  /** Random draws and cycling counts taken at their mean (drawAtMean, binaryValue), by text: the prediction lists them. */
  readonly draws = new Map<string, number>();

  /**
   * A random number at its mean (`randint(1, 5)` as 3, `uniform(0.01, 0.03)` as 0.02, `expovariate(50)` as 0.02):
   * over a run, sizes and sleeps drawn at random add up to about their mean each. Integers stay integers.
   */
  private drawAtMean(method: string, args: CallArgs, call: Syntax): Value {
    const known = (at: number, keyword: string) => {
      const value = args.positional[at]?.value ?? args.keywords.get(keyword)?.value;
      return value?.kind === 'number' && Number.isFinite(value.value) ? value.value : undefined;
    };
    const a = known(0, method === 'gauss' ? 'mu' : 'a');
    const b = known(1, 'b');
    let mean: number | undefined;
    if (method === 'random') mean = 0.5;
    else if (method === 'uniform' && a !== undefined && b !== undefined) mean = (a + b) / 2;
    else if (method === 'randint' && a !== undefined && b !== undefined) mean = Math.round((a + b) / 2);
    // `randrange(stop)` or `randrange(start, stop)`: the stop is left out.
    else if (method === 'randrange' && a !== undefined) mean = args.positional.length === 1 ? Math.round((a - 1) / 2) : b !== undefined ? Math.round((a + b - 1) / 2) : undefined;
    else if (method === 'gauss') mean = a;
    else if (method === 'expovariate' && a !== undefined && a > 0) mean = 1 / a;
    if (mean === undefined || !Number.isFinite(mean)) return { kind: 'number', value: Number.NaN };
    this.draws.set(this.text(call), mean);
    return { kind: 'number', value: mean, drawn: true };
  }

  /** Is every value this name is assigned made from the container `of` (`base = list(pages[prev])`)? */
  /** `photos[3][1]` (or `photos[-1]`) of the container `of` names: an item of it, or a part of one. */
  private itemOfItself(node: Syntax | undefined, of: Binding): boolean {
    let at = node;
    while (at?.type === 'subscript' && at.children[1]?.type !== 'slice') at = at.children[0];
    return at !== node && at?.type === 'identifier' && this.text(at) === of.name && resolveName(scopeOf(this.module, at), of.name, this.module.scope) === of;
  }

  private copiesItemOf(name: Syntax, of: Binding): boolean {
    const local = resolveName(scopeOf(this.module, name), this.text(name), this.module.scope);
    const sites = local?.sites ?? [];
    const readsIt = (value: Syntax) => {
      let found = false;
      walk(value, (node) => {
        if (found) return false;
        found = node.type === 'identifier' && this.text(node) === of.name && resolveName(scopeOf(this.module, node), of.name, this.module.scope) === of;
        return undefined;
      });
      return found;
    };
    return sites.length > 0 && sites.every((site) => site.kind === 'assign' && !!site.value && site.path.length === 0 && readsIt(site.value));
  }

  /** Does the code that can see this variable add items to the container it names? */
  private grows(binding: Binding, value: Extract<Value, { kind: 'container' }>): boolean {
    const keyed = value.type === 'dict';
    const cache = keyed ? this.growsKeyed : this.growsByMethod;
    let answer = cache.get(binding);
    if (answer === undefined) {
      const owner = binding.scope.fn?.node;
      if (binding.scope.kind === 'class') {
        answer = mayGrow(this.module.source, binding.name, keyed, true, this.module.words);
      } else if (owner) {
        answer = mayGrow(this.module.source.slice(owner.start, owner.end), binding.name, keyed);
      } else {
        // A module's variable can grow anywhere in it: one pass finds every such name.
        this.moduleGrowth ??= grownNames(this.module.source, this.module.spans);
        answer = (keyed ? this.moduleGrowth.keyed : this.moduleGrowth.byMethod).has(binding.name);
      }
      answer ||= this.grownThroughArguments(binding, keyed) || this.grownThroughLoopAlias(binding, keyed);
      cache.set(binding, answer);
    }
    // `groups = defaultdict(list)` then `groups[profile].append(side)`: each new key read makes a group.
    return answer || (keyed && value.length === 0 && this.growsByGroup(binding));
  }

  private growsByGroup(binding: Binding): boolean {
    let answer = this.groupedGrowth.get(binding);
    if (answer === undefined) {
      const owner = binding.scope.fn?.node;
      answer = binding.scope.kind === 'function' && owner ? growsByGroup(this.module.source.slice(owner.start, owner.end), binding.name)
        : binding.scope.kind === 'module' && growsByGroup(this.module.source, binding.name, this.module.words);
      this.groupedGrowth.set(binding, answer);
    }
    return answer;
  }

  /**
   * `for table in (by_turbine, spares): table[tid] = sock`: a loop over a literal of containers grows each of them
   * under the loop's name.
   */
  private grownThroughLoopAlias(binding: Binding, keyed: boolean): boolean {
    const root = binding.scope.kind === 'module' ? this.module.root : binding.scope.fn?.body;
    if (!root) return false;
    return this.loopsOverLiterals(root).some(({ target, items, body }) => items.some((item) => this.text(item) === binding.name
      && resolveName(scopeOf(this.module, item), binding.name, this.module.scope) === binding)
      && mayGrow(this.module.source.slice(body.start, body.end), this.text(target), keyed));
  }

  /** `for name in (a, b):` loops anywhere under a body, with the names the literal lists; one pass a body. */
  private loopsOverLiterals(root: Syntax): ReadonlyArray<{ target: Syntax; items: readonly Syntax[]; body: Syntax }> {
    const known = this.loopsOverLiteralsOf.get(root);
    if (known) return known;
    const loops: Array<{ target: Syntax; items: readonly Syntax[]; body: Syntax }> = [];
    this.loopsOverLiteralsOf.set(root, loops);
    if (!this.module.words.has('for', root.start, root.end)) return loops;
    walk(root, (node) => {
      if (node.type !== 'for_statement') return undefined;
      const [target, iterable] = node.children;
      const body = childOfType(node, 'block');
      if (target?.type !== 'identifier' || !body || (iterable?.type !== 'tuple' && iterable?.type !== 'list')) return undefined;
      const items = iterable.children.filter((item) => item.type === 'identifier');
      if (items.length > 0) loops.push({ target, items, body });
      return undefined;
    });
    return loops;
  }

  private readonly loopsOverLiteralsOf = new Map<Syntax, ReadonlyArray<{ target: Syntax; items: readonly Syntax[]; body: Syntax }>>();


  /**
   * `raw = {}` then `Thread(target=extract_many, args=(part, raw))` with `extract_many(archive, members, out)` doing
   * `out[member] = ...`: handed to a function of this file that adds to one of its parameters, the container grows
   * under that name. Every function named in the call (the callee, a target, a `partial`'s function) is looked at.
   */
  private grownThroughArguments(binding: Binding, keyed: boolean): boolean {
    const root = binding.scope.kind === 'module' ? this.module.root : binding.scope.fn?.body;
    if (!root) return false;
    const passed = root === this.module.root
      ? mayPassAsArgument(this.module.source, binding.name, this.module.words)
      : mayPassAsArgument(this.module.source.slice(root.start, root.end), binding.name);
    if (!passed) return false;
    const passes = (argument: Syntax): boolean => {
      let found = false;
      walk(argument, (node) => {
        // An item or a slice (`partial(strip, jobs[0], thumbs)`) is another object: what grows it leaves this one be. So
        // is a comprehension over it (`gather(*(work(f, log) for f in flights))` hands on items of `flights`).
        if (found || node.type === 'lambda' || node.type === 'call' || node.type === 'subscript' || COMPREHENSION_TYPES.has(node.type)) return false;
        found = node.type === 'identifier' && this.text(node) === binding.name
          && resolveName(scopeOf(this.module, node), binding.name, this.module.scope) === binding;
        return undefined;
      });
      return found;
    };
    const paramGrows = (fn: FunctionInfo | undefined, index: number) => {
      const param = fn?.params[index];
      return !!param && param.kind === 'positional' && mayGrow(this.module.source.slice(fn!.node.start, fn!.node.end), param.name, keyed);
    };
    // The calls given the binding: each place the name stands is followed up to the argument list it is in.
    const calls = new Set<Syntax>();
    for (const at of this.module.words.within(binding.name, root.start, root.end)) {
      const node = nodeAt(root, at, NO_OPAQUE_NODES);
      if (node.type !== 'identifier' || node.start !== at) continue;
      const call = this.callGiven(node);
      if (call && passes(node)) calls.add(call);
    }
    let grows = false;
    for (const call of calls) {
      if (grows) break;
      // Where the call says which parameter gets it (`work(data, out)`, `Thread(target=work, args=(data, out))`,
      // `pool.submit(work, data, out)`), only that parameter's growth counts.
      const slot = this.parameterSlot(call, passes);
      if (slot) {
        grows = paramGrows(slot.fn, slot.index);
        continue;
      }
      const named = new Set<string>();
      walk(call, (inner) => {
        if (inner.type === 'lambda') return false;
        if (inner.type === 'identifier') named.add(this.text(inner));
        return undefined;
      });
      grows = [...named].some((name) => this.functionsNamed(name)
        .some((fn) => fn.params.some((param) => mayGrow(this.module.source.slice(fn.node.start, fn.node.end), param.name, keyed))));
    }
    return grows;
  }

  /**
   * The call that a name is handed to as (part of) an argument: `work(out)`, `Thread(args=(data, out))`. Not when it
   * is only inside one: a lambda, a call or an item of it (`jobs[0]`), or a comprehension over it.
   */
  private callGiven(name: Syntax): Syntax | undefined {
    for (let node = name, parent = name.parent; parent; node = parent, parent = parent.parent) {
      if (node.type === 'lambda' || node.type === 'call' || node.type === 'subscript' || COMPREHENSION_TYPES.has(node.type)) return undefined;
      if (parent.type === 'keyword_argument' && parent.children[1] !== node) return undefined;
      const list = parent.type === 'keyword_argument' ? parent.parent : parent;
      if (list?.type === 'argument_list' && (parent.type === 'keyword_argument' || parent === list)) {
        return list.parent?.type === 'call' && list.parent.children[1] === list ? list.parent : undefined;
      }
      if (DEFINITIONS.has(parent.type) || parent.type === 'block') return undefined;
    }
    return undefined;
  }

  /** The functions of the module with this name, among those built so far (an index rebuilt as more are). */
  functionsNamed(name: string): readonly FunctionInfo[] {
    // Functions join the module's list as their enclosing bodies are built: only the new ones are added.
    const functions = this.module.functions;
    const index = this.byName;
    for (let i = this.namedCount; i < functions.length; i++) {
      const fn = functions[i];
      const list = index.get(fn.name);
      if (list) list.push(fn);
      else index.set(fn.name, [fn]);
    }
    this.namedCount = functions.length;
    return index.get(name) ?? [];
  }

  private readonly byName = new Map<string, FunctionInfo[]>();
  private namedCount = 0;

  /**
   * The function of this file and the position of its parameter that an argument the test picks is given as, when
   * the call spells both plainly: `work(a, b)`, `Thread(target=work, args=(a, b))`, `pool.submit(work, a, b)`.
   */
  private parameterSlot(call: Syntax, picks: (node: Syntax) => boolean): { fn: FunctionInfo; index: number } | undefined {
    const callee = call.children[0];
    const list = call.children[1];
    if (!callee || !list || list.type !== 'argument_list') return undefined;
    const positional = list.children.filter((argument) => argument.type !== 'keyword_argument');
    if (positional.some((argument) => argument.type === 'list_splat' || argument.type === 'dictionary_splat')) return undefined;
    const plainFunction = (node: Syntax | undefined) => {
      if (node?.type !== 'identifier') return undefined;
      const named = this.functionsNamed(this.text(node));
      return named.length === 1 && !named[0].cls && !named[0].isLambda ? named[0] : undefined;
    };
    const keyword = (name: string) => list.children.find((argument) => argument.type === 'keyword_argument' && this.text(argument.children[0]) === name)?.children[1];
    const calleeName = callee.type === 'attribute' ? this.text(callee.children[callee.children.length - 1]) : this.text(callee);
    const target = keyword('target');
    const args = keyword('args');
    if (target && args?.type === 'tuple' && !positional.some(picks)) {
      const fn = plainFunction(target);
      const index = args.children.findIndex(picks);
      return fn && index >= 0 ? { fn, index } : undefined;
    }
    // `threading.Timer(0.0, fraud_scan, args=(history, 50, flagged))`: the function second, its arguments third.
    const timerArgs = calleeName === 'Timer' ? args ?? positional[2] : undefined;
    if (timerArgs?.type === 'tuple' && !positional.slice(0, 2).some(picks)) {
      const fn = plainFunction(positional[1]);
      const index = timerArgs.children.findIndex(picks);
      return fn && index >= 0 ? { fn, index } : undefined;
    }
    if (calleeName === 'submit' && callee.type === 'attribute') {
      const fn = plainFunction(positional[0]);
      const index = positional.findIndex(picks);
      return fn && index >= 1 ? { fn, index: index - 1 } : undefined;
    }
    const fn = plainFunction(callee);
    const index = positional.findIndex(picks);
    return fn && index >= 0 && !fn.isAsync ? { fn, index } : undefined;
  }

  /**
   * `code = []` then `for _ in range(size): code.append(op)`: one item a round of a counted loop, when that append,
   * unconditional in the loop's body, is the only way the code that sees the variable grows it.
   */
  private appendRounds(binding: Binding, frame: Frame): number | { atMost: number } | undefined {
    const root = binding.scope.kind === 'module' ? this.module.root : binding.scope.fn?.body;
    if (!root || binding.scope.kind === 'class') return undefined;
    const key = `${root.start}:${binding.name}`;
    let appends = this.appendLoops.get(key);
    if (appends === undefined) {
      appends = this.onlyAppendLoop(root, binding.name, binding) ?? null;
      this.appendLoops.set(key, appends);
    }
    if (!appends) return this.appendsInTurn(root, binding, frame) ?? (binding.scope.kind === 'module' ? this.loaderRounds(binding.name) : undefined);
    const looped = this.nestedRounds(appends.loop, appends.outer, frame);
    const divisor = appends.every && this.evaluate(appends.every, frame);
    if (divisor?.kind === 'number' && Number.isInteger(divisor.value) && divisor.value > 0 && typeof looped === 'number') {
      return Math.floor(looped / divisor.value) + appends.extra;
    }
    if (appends.share !== undefined && typeof looped === 'number') return Math.ceil(looped * appends.share) + appends.extra;
    const rounds = plusRounds(looped, appends.extra);
    return appends.bounded && typeof rounds === 'number' ? { atMost: rounds } : rounds;
  }

  /**
   * `events = []` then `while len(events) < expected: events.extend(read())`, every growth inside that loop: it holds
   * `expected` items when the loop ends (a few more at most, when it grows by more than one): the items it gained.
   */
  private filledUntil(binding: Binding, initial: number, frame: Frame): number | undefined {
    for (const { limit, op } of this.fillLoops(binding)) {
      const value = this.evaluate(limit, frame);
      if (value.kind === 'number' && Number.isInteger(value.value) && value.value >= 0 && !value.drawn) return Math.max(0, value.value + (op === '<=' ? 1 : 0) - initial);
    }
    return undefined;
  }

  /** The `while len(x) < limit:` loops that hold every growth of the binding, outermost first (found once a binding). */
  private fillLoops(binding: Binding): ReadonlyArray<{ limit: Syntax; op: '<' | '<=' }> {
    const known = this.fillLoopsOf.get(binding);
    if (known) return known;
    const root = binding.scope.kind === 'module' ? this.module.root : binding.scope.fn?.body;
    let loops: ReadonlyArray<{ limit: Syntax; op: '<' | '<=' }> = [];
    if (root && binding.scope.kind !== 'class') {
      this.moduleGrowth ??= grownNames(this.module.source, this.module.spans);
      const sites = (this.moduleGrowth.sites.get(binding.name) ?? []).filter((at) => at >= root.start && at < root.end);
      loops = sites.length === 0 ? [] : this.lengthLoops(root).filter(({ body, measured }) => this.text(measured) === binding.name
        && sites.every((at) => at >= body.start && at < body.end)
        && resolveName(scopeOf(this.module, measured), binding.name, this.module.scope) === binding);
    }
    this.fillLoopsOf.set(binding, loops);
    return loops;
  }

  private readonly fillLoopsOf = new Map<Binding, ReadonlyArray<{ limit: Syntax; op: '<' | '<=' }>>();

  /**
   * The loops of a body (not of the functions and classes in it) that run while a name's length is below a limit
   * (`while len(x) < limit:`, `while limit > len(x):`), outermost first; one pass a body, for all its names.
   */
  private lengthLoops(root: Syntax): ReadonlyArray<{ body: Syntax; measured: Syntax; limit: Syntax; op: '<' | '<=' }> {
    const known = this.lengthLoopsOf.get(root);
    if (known) return known;
    const loops: Array<{ body: Syntax; measured: Syntax; limit: Syntax; op: '<' | '<=' }> = [];
    this.lengthLoopsOf.set(root, loops);
    if (!this.module.words.has('while', root.start, root.end)) return loops;
    const lengthOfName = (side: Syntax) => (side.type === 'call' && this.text(side.children[0]!) === 'len' && side.children[1]?.children.length === 1
      && side.children[1].children[0].type === 'identifier' ? side.children[1].children[0] : undefined);
    walk(root, (node) => {
      if (node !== root && DEFINITIONS.has(node.type)) return false;
      if (node.type !== 'while_statement') return undefined;
      const body = childOfType(node, 'block');
      const test = node.children[0];
      if (!body || test?.type !== 'comparison_operator' || test.children.length !== 2) return undefined;
      const operator = this.module.source.slice(test.children[0].end, test.children[1].start).trim();
      const [left, right] = test.children;
      const measuredLeft = lengthOfName(left);
      const measured = measuredLeft ?? lengthOfName(right);
      const [limit, op] = measuredLeft ? [right, operator] : measured ? [left, ({ '>': '<', '>=': '<=' } as Record<string, string>)[operator]] : [];
      if (measured && limit && (op === '<' || op === '<=')) loops.push({ body, measured, limit, op });
      return undefined;
    });
    return loops;
  }

  private readonly lengthLoopsOf = new Map<Syntax, ReadonlyArray<{ body: Syntax; measured: Syntax; limit: Syntax; op: '<' | '<=' }>>();


  /**
   * `feed = []`, then `for i in range(40): feed.append(NewOrder(...))` and `for i in range(12): feed.append(Cancel(...))`
   * one after the other: the rounds of each loop, added (with the appends outside loops, or those alone). Each append
   * must be a plain statement of its loop's body, the only one there.
   */
  private appendsInTurn(root: Syntax, binding: Binding, frame: Frame): number | undefined {
    const key = `${root.start}:${binding.name}`;
    let found = this.appendsInTurnByName.get(key);
    if (found === undefined) {
      found = this.findAppendsInTurn(root, binding.name) ?? null;
      this.appendsInTurnByName.set(key, found);
    }
    if (!found) return undefined;
    let total = found.extra;
    for (const { loop, outer, appends } of found.loops) {
      const rounds = this.nestedRounds(loop, outer, frame);
      if (typeof rounds !== 'number') return undefined;
      total += rounds * appends;
    }
    return total;
  }

  private readonly appendsInTurnByName = new Map<string, { loops: Array<{ loop: Syntax; outer: Syntax[]; appends: number }>; extra: number } | null>();

  private findAppendsInTurn(root: Syntax, name: string): { loops: Array<{ loop: Syntax; outer: Syntax[]; appends: number }>; extra: number } | undefined {
    this.moduleGrowth ??= grownNames(this.module.source, this.module.spans);
    const loops: Array<{ loop: Syntax; outer: Syntax[]; appends: number }> = [];
    const branches: Syntax[] = [];
    let extra = 0;
    for (const at of this.moduleGrowth.sites.get(name) ?? []) {
      if (at < root.start || at >= root.end) continue;
      const call = this.appendAt(root, at);
      if (!call) return undefined;
      const around = this.appendLoop(call, root);
      // `threads.append(serving); threads.append(talking)` in one loop's body: two items a round.
      const same = around && !around.branch ? loops.find((each) => each.loop === around.loop) : undefined;
      if (same) same.appends++;
      else if (around && !around.branch) loops.push({ loop: around.loop, outer: around.outer, appends: 1 });
      else if (around?.branch) branches.push(around.loop);
      else if (!around && !insideLoop(call, root)) extra++;
      else return undefined;
    }
    // `if i % 997 == 0: out.append("-- rotated --")` beside the round's own append: a few more than the rounds, which
    // the rounds stand for. Alone in its loop, a test's appends are not counted.
    if (branches.some((loop) => !loops.some((each) => each.loop === loop))) return undefined;
    // Loops one inside another would count their appends twice over.
    const nested = loops.some((a) => loops.some((b) => a !== b && a.loop.start >= b.loop.start && a.loop.end <= b.loop.end));
    // (One loop of one append is onlyAppendLoop's. None: `jobs = [... for i in range(12)]` then `jobs.append(last)`,
    // one each.)
    const several = loops.length >= 2 || loops.some((each) => each.appends > 1) || branches.length > 0;
    return (several && !nested) || (loops.length === 0 && extra > 0) ? { loops, extra } : undefined;
  }

  /**
   * A loop's rounds times those of the counted loops around it, each sized in this frame (an inner range that depends
   * on an outer loop's number is not known: undefined).
   */
  private nestedRounds(loop: Syntax, outer: readonly Syntax[], frame: Frame): number | { atMost: number } | undefined {
    let rounds = this.loopRounds(loop, frame);
    // `for folder, names in LAYOUT.items(): for name in names:` over tuples of different lengths: the inner loop's
    // rounds for each item the outer one spells, added up.
    if (typeof rounds !== 'number' && outer.length === 1) return this.roundsOverItems(loop, outer[0], frame);
    for (const around of outer) {
      const more = this.loopRounds(around, frame);
      if (typeof rounds !== 'number' || typeof more !== 'number') return undefined;
      rounds *= more;
    }
    return rounds;
  }

  /**
   * The rounds of an inner loop, summed over the items its outer loop spells out, its target bound to each in turn.
   * Undefined unless each is known (or when the walk already holds a value for a name of the target).
   */
  private roundsOverItems(loop: Syntax, around: Syntax, frame: Frame): number | undefined {
    const target = around.type === 'for_statement' ? around.children[0] : undefined;
    const iterable = target && this.evaluate(around.children[1], frame);
    const items = iterable?.kind === 'container' ? iterable.items : undefined;
    if (!target || !items || items.length > MAX_SPELLED_ITEMS) return undefined;
    const bindings: Binding[] = [];
    walk(target, (node) => {
      const binding = node.type === 'identifier' ? resolveName(scopeOf(this.module, node), this.text(node), this.module.scope) : undefined;
      if (binding) bindings.push(binding);
    });
    if (bindings.some((binding) => this.frameFor(binding.scope, frame).known.has(binding))) return undefined;
    let total = 0;
    try {
      for (const item of items) {
        this.bindTarget(target, item, frame);
        frame.memo.clear();
        const rounds = this.loopRounds(loop, frame);
        if (typeof rounds !== 'number') return undefined;
        total += rounds;
      }
      return total;
    } finally {
      this.unbindTarget(target, frame);
      frame.memo.clear();
    }
  }

  /** How many rounds a for loop runs in this frame: its iterable's length, or a bound on it. */
  private loopRounds(loop: Syntax, frame: Frame): number | { atMost: number } | undefined {
    if (loop.type === 'while_statement') return this.whileRounds(loop, frame);
    const iterable = this.evaluate(loop.children[1], frame);
    // `for line in fh`: the lines the file's own writes put in a file.
    if (iterable.kind === 'instance' && iterable.type === 'file') return this.fileLines(iterable);
    if (iterable.kind !== 'range' && iterable.kind !== 'container') return undefined;
    const length = lengthOf(iterable);
    if (length !== undefined) return length;
    return iterable.kind === 'container' && iterable.atMost !== undefined ? { atMost: iterable.atMost } : undefined;
  }

  private readonly appendLoops = new Map<string, { loop: Syntax; extra: number; bounded: boolean; outer: Syntax[]; every?: Syntax; share?: number } | null>();

  /**
   * `while t < beats:` whose body steps `t += 0.125` once, in its own statements (not in a branch or an inner loop),
   * and changes `t` no other way: the counter, the bound and the step.
   */
  private steppedWhile(loop: Syntax): { counter: Syntax; bound: Syntax; step: Syntax; inclusive: boolean } | undefined {
    const [condition, body] = loop.children;
    if (condition?.type !== 'comparison_operator' || condition.children.length !== 2 || body?.type !== 'block') return undefined;
    const [counter, bound] = condition.children;
    const operator = this.module.source.slice(counter.end, bound.start).trim();
    if ((operator !== '<' && operator !== '<=') || counter.type !== 'identifier') return undefined;
    const name = this.text(counter);
    const binding = resolveName(scopeOf(this.module, counter), name, this.module.scope);
    // (A counter defined or imported another way is no counter.)
    if (!binding || binding.sites.some((site) => site.kind !== 'assign' && site.kind !== 'augmented')) return undefined;
    const inLoop = binding.sites.filter((site) => (site.kind === 'assign' || site.kind === 'augmented') && site.statement.start >= loop.start && site.statement.end <= loop.end);
    const step = inLoop.length === 1 && inLoop[0].kind === 'augmented' ? inLoop[0].statement : undefined;
    const added = step?.children[step.children.length - 1];
    if (!step || !added || step.parent?.parent !== body || this.module.source.slice(step.children[0].end, added.start).trim() !== '+=') return undefined;
    return { counter, bound, step: added, inclusive: operator === '<=' };
  }

  /** The rounds of a stepped `while` (see steppedWhile): from where the counter starts to the bound, a step a round. */
  private whileRounds(loop: Syntax, frame: Frame): number | undefined {
    const stepped = this.steppedWhile(loop);
    if (!stepped) return undefined;
    const binding = resolveName(scopeOf(this.module, stepped.counter), this.text(stepped.counter), this.module.scope);
    // Where it starts: the last assignment before the loop, in the loop's own code.
    const before = binding?.sites.filter((site): site is Extract<BindingSite, { kind: 'assign' }> => site.kind === 'assign' && !site.iterable
      && site.path.length === 0 && site.statement.end <= loop.start).sort((a, b) => b.statement.start - a.statement.start)[0];
    const startValue = before?.value ? this.evaluate(before.value, frame) : undefined;
    const bound = this.evaluate(stepped.bound, frame);
    const step = this.evaluate(stepped.step, frame);
    if (startValue?.kind !== 'number' || bound.kind !== 'number' || step.kind !== 'number') return undefined;
    if ([startValue, bound, step].some((value) => Number.isNaN(value.value) || value.drawn) || !(step.value > 0)) return undefined;
    const rounds = Math.ceil((bound.value - startValue.value) / step.value) + (stepped.inclusive && Number.isInteger((bound.value - startValue.value) / step.value) ? 1 : 0);
    return Number.isFinite(rounds) ? Math.max(0, rounds) : undefined;
  }

  /** Does this node mention the name anywhere inside (`append((fn.__name__, fn, marks))`)? */
  mentions(node: Syntax | undefined, name: string): boolean {
    let found = false;
    if (node) walk(node, (at) => !(found ||= at.type === 'identifier' && this.text(at) === name));
    return found;
  }

  /**
   * `d = {}` then `d[key] = value` only, once a round of one counted loop (and once for each store outside loops):
   * how many stores run, and so how many keys it can hold beyond its own. Any other way it grows, and it is unknown.
   */
  private keyedStores(binding: Binding, frame: Frame): KeyedStores | undefined {
    const root = binding.scope.kind === 'module' ? this.module.root : binding.scope.fn?.body;
    if (!root || binding.scope.kind === 'class') return undefined;
    this.moduleGrowth ??= grownNames(this.module.source, this.module.spans);
    const keyedSites = this.moduleGrowth.keyedSites.get(binding.name) ?? [];
    // `ZONES = {}` filled by `load_configuration()`, a module function called once that alone stores into it. Other
    // functions may count into its keys (`scores[pid] = scores.get(pid, 0) + points`): they add a key only when the
    // one they count is new, so the loader's keys stand for the size.
    const loaderSites = binding.scope.kind === 'module' ? keyedSites.filter((at) => !this.countsInto(at, binding.name)) : [];
    const counting = loaderSites.length < keyedSites.length;
    const loading = binding.scope.kind === 'module' && !this.moduleGrowth.sites.has(binding.name) && loaderSites.length > 0
      ? this.loaderOf(binding.name, loaderSites) : undefined;
    if (counting && loading && keyedSites.some((at) => at >= loading.loader.node.start && at < loading.loader.node.end && !loaderSites.includes(at))) return undefined;
    const made = binding.sites.length === 1 && binding.sites[0].kind === 'assign' ? binding.sites[0].statement : undefined;
    return loading ? this.keyedStoresIn(loading.loader.body!, binding.name, loading.frame) : this.keyedStoresIn(root, binding.name, frame, made);
  }

  private readonly queuedItems = new Map<string, Value | null>();

  /**
   * The items the file puts into a queue (sentinels left out), as the taker gets one: what the putting code made for
   * it is handed over, the taker's own. Puts are found in the frames the putting code runs in (see framesOfCode).
   */
  private queuedItem(queue: Extract<Value, { kind: 'instance' }>): Value | undefined {
    const key = queue.origin.key;
    if (this.queuedItems.has(key)) return this.queuedItems.get(key) ?? undefined;
    this.queuedItems.set(key, null);
    // The puts are evaluated where they are, not below the get that asks (a pipeline's stages chain their queues):
    // from the top of the depth bound, which the in-progress mark above keeps from looping.
    const depth = this.depth;
    this.depth = 0;
    try {
      const item = this.itemPut(key);
      this.queuedItems.set(key, item ?? null);
      return item;
    } finally {
      this.depth = depth;
    }
  }

  private itemPut(key: string): Value | undefined {
    let found: Value | undefined;
    const sites = this.putSites();
    const exact = sites?.get(key);
    const local = localName(key);
    // Objects each producer puts, by their keys: one put twice (`inbox.put(("captured", order))` twice in a round,
    // then `inbox.put(("shipped", order))`) goes to more than one taker, so it is not handed over.
    const putBy = new Map<string, FunctionInfo | undefined>();
    let putTwice = false;
    let otherFrames = false;
    const puts = (exact ?? (local ? sites?.get(local) : undefined) ?? []).flatMap((site) => {
      // A method that puts what its callers give it (`submit(self, key, fn)`: `self._tasks.put((key, fn))`), looked at
      // with only `self` known: what its puts hold, each call of the file on the object says.
      if (!site.byName || !this.mentionsUnbound(site.arg, site.frame)) return [site];
      // Only their data, though: the functions they hand on are the walk's business (`submit(self, key, fn)`).
      return this.methodCallFrames(site.frame)?.map((frame) => ({ ...site, frame, dataOnly: true })) ?? [undefined];
    });
    if (puts.includes(undefined)) return undefined;
    for (const { arg, frame, dataOnly: onlyData } of puts as Array<PutSite & { dataOnly?: true }>) {
      const item = this.evaluate(arg, frame);
      if (item.kind === 'none' || item.kind === 'unknown') continue;
      if (onlyData && !dataOnly(item) && !this.madeOfData(item)) return undefined;
      // Put in another frame of the function, items say their shape only: their functions and objects are that
      // frame's, not the ones the consumers' frame made (`jobs.put((fetch, (url,)))` of closures).
      // An object made of plain data, by the put (`jobs.put(Job(seg, frames))`) or by a factory the producer calls
      // (`cls(spec["id"], spec["pages"])`), is each item's own, in any frame.
      if (!exact && !dataOnly(item) && !this.madeOfData(item)) otherFrames = true;
      // `for _ in range(3): inbox.put(tally)` of one tally made before the loop: every taker gets that object.
      if (this.putEachRound(arg, item)) putTwice = otherFrames = true;
      found ??= item;
      // By the names they have in the producer, whichever frame of it each put was read in.
      for (const object of new Set(objectKeysOf(item).map((each) => localName(each) ?? each))) {
        if (putBy.has(object) && putBy.get(object) === frame.fn) putTwice = true;
        else putBy.set(object, frame.fn);
      }
    }
    if (!found || (otherFrames && !putTwice)) return undefined;
    if (!putTwice) return handedOver(found);
    // Objects of another frame stand as some objects every taker may get.
    return otherFrames ? sharedRow(found, key) : found;
  }

  /**
   * The frames of a method of an object (`frame` has its `self`), one per call of the file on that object
   * (`farm.submit_video(video, segments, frames_per_segment=160)`), with its parameters as each call gives them.
   * Undefined unless the method is only ever called by name on such objects, at most eight times.
   */
  private methodCallFrames(frame: Frame): Frame[] | undefined {
    const fn = frame.fn;
    const self = fn?.params[0] ? frame.args.get(fn.params[0].name) : undefined;
    if (!fn?.cls || !fn.body || fn.decorators.length > 0 || self?.kind !== 'instance') return undefined;
    const frames: Frame[] = [];
    for (const at of this.module.words.occurrences(fn.name)) {
      const name = nodeAt(this.module.root, at, NO_OPAQUE_NODES);
      const attribute = name.parent;
      if (name.type !== 'identifier' || attribute?.type !== 'attribute' || attribute.children[attribute.children.length - 1] !== name) continue;
      const call = attribute.parent;
      if (call?.type !== 'call' || call.children[0] !== attribute || frames.length >= 8) return undefined;
      const caller = this.functionAt(call.start);
      const callerFrame = caller ? this.calledOnceFrame(caller) : this.moduleFrame;
      const receiver = this.evaluate(attribute.children[0], callerFrame);
      if (receiver.kind !== 'instance' || !receiver.cls || !classChain(this.module, receiver.cls).includes(fn.cls)) return undefined;
      frames.push(new Frame(fn, fn.scope, this.bindArguments(fn, this.callArgs(call, callerFrame), self), undefined, 'private', false));
    }
    return frames.length > 0 ? frames : undefined;
  }

  /** An object made from plain data only (`Job(f"{video}/seg{seg}", frames)`, not `Job(key, func)`). */
  private madeOfData(item: Value): boolean {
    if (item.kind !== 'instance' || !item.ctor) return false;
    const given = this.constructorArgs(item.ctor);
    return [...given.positional, ...given.keywords.values()].every((each) => dataOnly(each.value)) && !given.hasSplat;
  }

  /**
   * Attribute names some code other than an `__init__` assigns (`obj.name = ...`): state that changes. With
   * `fromOutside`, only stores through another name than `self` (`dispatcher.cars = [Car(i) ...]` in main).
   */
  setAfterConstruction(name: string, fromOutside = false): boolean {
    const key = `${fromOutside ? 'outside' : 'any'}:${name}`;
    let answer = this.attributesSetLater.get(key);
    if (answer === undefined) {
      answer = false;
      const source = this.module.source;
      const stores = (target: Syntax) => target.type === 'attribute' && this.text(target.children[target.children.length - 1]) === name
        && !(fromOutside && target.children[0]?.type === 'identifier' && this.text(target.children[0]) === 'self');
      const assigns = (root: Syntax) => walk(root, (node) => {
        if (answer || (node.type === 'function_definition' && node !== root)) return false;
        if (node.type === 'assignment' || node.type === 'augmented_assignment') answer = flattenTargets(node.children[0]).some(stores);
        return undefined;
      });
      if (mayAssign(source, name)) {
        // Module code, then each function (bodies are built only where the text may assign it).
        for (const statement of this.module.root.children) if (!answer && !DEFINITIONS.has(statement.type)) assigns(statement);
        for (const fn of this.module.functions) {
          if (answer) break;
          if (fn.name !== '__init__' && !fn.isLambda && fn.body && mayAssign(source.slice(fn.node.start, fn.node.end), name)) assigns(fn.body);
        }
      }
      this.attributesSetLater.set(key, answer);
    }
    return answer;
  }

  private readonly attributesSetLater = new Map<string, boolean>();

  /** Whether `node` reads a parameter of its frame's function that the frame was given no value for. */
  private mentionsUnbound(node: Syntax, frame: Frame): boolean {
    return !frame.generic && !!frame.fn?.params.some((param) => !frame.args.has(param.name) && this.mentions(node, param.name));
  }

  /** null while being found. */
  private puts: Map<string, PutSite[]> | null | undefined;

  /**
   * Each call of a method of one of these names with a plain first argument (`q.put(item)`, `fh.write(text)`): the
   * call, its receiver, that argument, and the function it is in.
   */
  private methodCalls(methods: readonly string[]): Array<{ method: string; call: Syntax; receiver: Syntax; arg: Syntax; fn: FunctionInfo | undefined }> {
    const found: Array<{ method: string; call: Syntax; receiver: Syntax; arg: Syntax; fn: FunctionInfo | undefined }> = [];
    for (const method of methods) {
      for (const at of this.module.words.occurrences(method)) {
        const name = nodeAt(this.module.root, at, NO_OPAQUE_NODES);
        const attribute = name.type === 'identifier' ? name.parent : undefined;
        const call = attribute?.type === 'attribute' && attribute.children[attribute.children.length - 1] === name ? attribute.parent : undefined;
        // `fh.writelines(line for line in rows)`: a lone generator is the call's argument list itself.
        const args = call?.type === 'call' ? call.children[1] : undefined;
        const arg = args?.type === 'generator_expression' ? args : args?.children[0];
        if (!arg || arg.type === 'keyword_argument' || arg.type === 'list_splat') continue;
        found.push({ method, call: call!, receiver: attribute!.children[0], arg, fn: this.functionAt(at) });
      }
    }
    return found;
  }

  /** Is `arg` put in each round of a loop, the same object each time (made before the loop, in the same function)? */
  private putEachRound(arg: Syntax, item: Value): boolean {
    if (item.kind !== 'instance') return false;
    const site = item.origin.site;
    if (!site || item.origin.key.endsWith('[]') || this.functionAt(site.start) !== this.functionAt(arg.start)) return false;
    for (let at = arg.parent; at && at.type !== 'function_definition' && at.type !== 'lambda'; at = at.parent) {
      if (at.type === 'for_statement' || at.type === 'while_statement') return !isAncestor(at, site);
    }
    return false;
  }

  /** Every `.put(item)` of the file, by the queue it puts into (a pass over them all, made once). */
  private putSites(): Map<string, PutSite[]> | undefined {
    if (this.puts !== undefined) return this.puts ?? undefined;
    this.puts = null;
    const puts = new Map<string, PutSite[]>();
    const add = (queue: Value, site: PutSite) => {
      if (queue.kind !== 'instance') return;
      // A function's own queue, also by its name in that function: the walk that starts the consumers runs the
      // function in a frame of its own (`dispatcher = Dispatcher()` in `main()`, its `self.jobs` read by threads).
      const local = localName(queue.origin.key);
      for (const key of local ? [queue.origin.key, local] : [queue.origin.key]) {
        const sites = puts.get(key);
        if (sites) sites.push(site);
        else puts.set(key, [site]);
      }
    };
    for (const { receiver, arg, fn } of this.methodCalls(['put', 'put_nowait'])) {
      for (const frame of this.framesOfCode(fn)) {
        const queue = this.evaluate(receiver, frame);
        add(queue, { arg, frame });
        // A queue the object made itself, known by the object's name (see madeOnceFrame).
        const twin = this.namedTwins.get(frame);
        const named = twin && this.evaluate(receiver, twin);
        if (twin && named && named.kind === 'instance' && (queue.kind !== 'instance' || named.origin.key !== queue.origin.key)) add(named, { arg, frame: twin, byName: true });
      }
    }
    this.puts = puts;
    return puts;
  }

  private written: ReadonlyArray<WrittenFile> | undefined;

  /**
   * The largest text the file's own writes put in one file, as a whole read of a file gives it back: a text read
   * only what was written as text, a binary read either. Undefined when the file writes no file it can size.
   */
  writtenContent(bytes: boolean): Extract<Value, { kind: 'str' }> | undefined {
    const written = this.writtenFiles();
    let largest: WrittenFile | undefined;
    const size = (file: WrittenFile) => file.length ?? (file.lines ?? 0) * LINE_LENGTH;
    for (const file of written) if (file.buffer === undefined && (bytes || !file.bytes) && (!largest || size(file) > size(largest))) largest = file;
    if (!largest) return undefined;
    return {
      kind: 'str', bytes, ...(largest.length !== undefined ? { length: largest.length } : {}),
      ...(largest.lines !== undefined ? { lines: largest.lines } : {}), ...(largest.words !== undefined ? { words: largest.words } : {}),
    };
  }

  /**
   * A line of a file read back (`for line in fh`, an item of `fh.readlines()`): a part of a text, as long as the lines
   * the file's own writes put in a file are on average.
   */
  private fileLine(file: Extract<Value, { kind: 'instance' }>): Extract<Value, { kind: 'str' }> {
    const { bytes, written } = this.readBack(file);
    const lines = written?.lines;
    return {
      kind: 'str', bytes, part: true, ...(written?.length !== undefined && lines ? { length: Math.max(1, Math.round(written.length / lines)) } : {}),
      // And as many words as they hold on average (`line.split()` of a line of eight words joined by spaces).
      ...(written?.words !== undefined && lines ? { words: Math.max(1, Math.round(written.words / lines)) } : {}),
    };
  }

  private sentLargest: Extract<Value, { kind: 'str' }> | null | undefined;

  /**
   * The largest message the file's own code sends over a socket (`sock.sendall(payload)`, `f.write(line)` on a
   * socket's stream): what a peer in the same file reads back at most in one piece. A server and the clients that
   * drive it usually share their file (a demo, a test), so a handler's `for byte in data` runs over what the clients
   * send. Sends of unknown size are left out; undefined when no send has a known size.
   */
  private sentMessage(): Extract<Value, { kind: 'str' }> | undefined {
    if (this.sentLargest !== undefined) return this.sentLargest ?? undefined;
    this.sentLargest = null;
    let largest: Extract<Value, { kind: 'str' }> | undefined;
    // A formatted record ending its line (`f"{user}\t{text}\n".encode()`) of a size the code does not give: a line.
    let record: Extract<Value, { kind: 'str' }> | undefined;
    for (const { receiver, arg, fn } of this.methodCalls(['send', 'sendall', 'sendto', 'write'])) {
      for (const frame of this.framesOfCode(fn)) {
        const channel = this.evaluate(receiver, frame);
        if (channel.kind !== 'instance' || (channel.type !== 'socket.socket' && channel.type !== SOCKET_STREAM)) continue;
        const message = asBytes(this.evaluate(arg, frame), (node) => this.text(node));
        if (message.kind === 'str' && message.length === undefined && message.lines === 1) record = message;
        if (message.kind !== 'str' || message.length === undefined || !Number.isFinite(message.length)) continue;
        if (!largest || message.length > largest.length!) largest = message;
      }
    }
    this.sentLargest = largest
      ? { kind: 'str', bytes: true, length: largest.length, ...(largest.lines !== undefined ? { lines: largest.lines } : {}), ...(largest.words !== undefined ? { words: largest.words } : {}) }
      : record ? { kind: 'str', bytes: true, lines: 1 } : null;
    return this.sentLargest ?? undefined;
  }

  /**
   * A read from a socket or its stream (`conn.recv(4096)`, `self.rfile.readline()`): what the file's own code sends
   * over one (see sentMessage), no more than the size asked for; a line of it for `readline`. Undefined when no send
   * has a known size.
   */
  private socketRead(method: string, call: Syntax, frame: Frame): Value | undefined {
    const sent = this.sentMessage();
    if (!sent) return undefined;
    // Line records of unknown size: a read takes one, as it is sent.
    if (sent.length === undefined) return method === 'recvfrom' || sent.lines === undefined ? undefined : { kind: 'str', bytes: true, part: true, lines: sent.lines };
    const asked = method === 'readline' ? undefined : this.callArgs(call, frame).positional[0]?.value;
    const limit = asked?.kind === 'number' && asked.value > 0 ? asked.value : Number.POSITIVE_INFINITY;
    const line = sent.lines ? Math.max(1, Math.round(sent.length / sent.lines)) : sent.length;
    // A read as large as a whole message has its lines (a socket reader's `buf.split(b"\n")`).
    const whole = method !== 'readline' && sent.lines !== undefined && limit >= sent.length ? { lines: sent.lines } : {};
    const data: Value = { kind: 'str', bytes: true, part: true, length: Math.min(limit, method === 'readline' ? line : sent.length), ...whole };
    if (method === 'recvfrom') return { kind: 'container', type: 'tuple', items: [data, UNKNOWN], length: 2, origin: this.fresh(call, frame) };
    return data;
  }

  /** Whether a file is read as bytes (`open(path, "rb")`), and what the file's own writes put in one, when it is read. */
  private readBack(file: Extract<Value, { kind: 'instance' }>): { bytes: boolean; written: Extract<Value, { kind: 'str' }> | undefined } {
    const mode = this.openMode(file);
    const bytes = file === A_BINARY_FILE || (mode?.kind === 'str' && mode.value !== undefined && mode.value.includes('b'));
    return { bytes, written: !writes(mode) ? this.writtenContent(bytes) : undefined };
  }

  /**
   * `while True: block = fh.read(n)` ... `if not block: break` (or `while block := fh.read(n):`): a file read to its
   * end in blocks, as many rounds as the blocks of n its own writes make. Undefined when the file or n is not known.
   */
  readLoopRounds(loop: Syntax, frame: Frame): number | undefined {
    if (loop.type !== 'while_statement') return undefined;
    const condition = loop.children[0];
    const body = loop.children.find((child) => child.type === 'block');
    if (!condition || !body) return undefined;
    let read: Syntax | undefined;
    if (condition.type === 'named_expression') {
      read = condition.children[1];
    } else if (this.text(condition) === 'True') {
      let name: string | undefined;
      for (const statement of body.children) {
        const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
        if (assignment?.type !== 'assignment' || assignment.children[0]?.type !== 'identifier') continue;
        name = this.text(assignment.children[0]);
        read = assignment.children[1];
        break;
      }
      const endsAtEmpty = body.children.some((statement) => statement.type === 'if_statement'
        && this.text(statement.children[0]!).replace(/\s+/g, ' ') === `not ${name}`
        && /^(break|return)\b/.test(this.text(childOfType(statement, 'block') ?? statement).trim()));
      if (!name || !endsAtEmpty) return undefined;
    }
    const callee = read?.type === 'call' ? read.children[0] : undefined;
    if (callee?.type !== 'attribute' || this.text(callee.children[callee.children.length - 1]) !== 'read') return undefined;
    const file = this.evaluate(callee.children[0], frame);
    const size = this.callArgs(read!, frame).positional[0]?.value;
    if (file.kind !== 'instance' || file.type !== 'file' || size?.kind !== 'number' || !(size.value > 0)) return undefined;
    const length = this.readBack(file).written?.length;
    return length === undefined || !Number.isFinite(length) ? undefined : Math.max(1, Math.ceil(length / size.value));
  }

  /**
   * Whether this call makes a file, and which: `each` for a new one at every call (`open(os.path.join(root, name),
   * "w")`, `path.write_text(doc)`, `shutil.copy(src, dst)`: a name made of what varies), or the one file named by
   * `once` (`open(log_path, "a")` adds to one file; `open("summary.txt", "w")` writes one name over again); or a
   * directory.
   */
  fileMade(call: Syntax, frame: Frame): { each: true } | { once: string } | { directory: true } | undefined {
    const callee = call.children[0];
    const method = callee?.type === 'attribute' ? this.text(callee.children[callee.children.length - 1]) : callee?.type === 'identifier' ? this.text(callee) : undefined;
    if (!method || !FILE_MAKING_CALLS.has(method)) return undefined;
    // `os.makedirs(path)`, `Path(path).mkdir()`: a directory, which a listing of its parent finds instead of files.
    if (method === 'makedirs' || method === 'mkdir') {
      const made = callee!.type === 'attribute' ? this.evaluate(callee, frame) : UNKNOWN;
      return made.kind === 'external' || made.kind === 'unknown' ? { directory: true } : undefined;
    }
    const once = (path: Value | undefined): { each: true } | { once: string } => (path?.kind === 'str' && path.value !== undefined ? { once: path.value } : { each: true });
    if (method === 'open') {
      const file = this.evaluate(call, frame);
      if (file.kind !== 'instance' || file.type !== 'file' || !file.ctor) return undefined;
      const mode = this.openMode(file);
      if (!writes(mode) || mode?.kind !== 'str') return undefined;
      const args = this.callArgs(call, frame);
      const path = callee!.type === 'identifier' ? args.positional[0]?.value ?? args.keywords.get('file')?.value : undefined;
      return mode.value!.includes('a') ? { once: path?.kind === 'str' && path.value !== undefined ? path.value : `${call.start}@${frame.id}` } : once(path);
    }
    const made = this.evaluate(callee, frame);
    if (made.kind !== 'external') return undefined;
    if (made.name === 'file.write' && (method === 'write_text' || method === 'write_bytes')) return { each: true };
    if (made.name === `shutil.${method}`) return once(this.callArgs(call, frame).positional[1]?.value);
    return undefined;
  }

  /**
   * What listing a directory gives (`os.listdir(root)`, `Path(root).iterdir()`, `os.scandir(root)`): the files the
   * main thread made before (see filesMade), when it made some and counted them. The program's own files are the
   * ones it lists, most often (a store it seeded, a spool it filled); a directory it did not fill stays unknown, and
   * so do all once it made directories in a loop (files spread over them: which directory holds which is not known).
   */
  private listing(name: string, call: Syntax, frame: Frame): Value | undefined {
    const { count, guessed, spread } = this.filesMade;
    if (count <= 0 || guessed || spread) return undefined;
    const names: Value = { kind: 'str', bytes: false, part: true };
    return { kind: 'container', type: 'list', length: Math.round(count), ...(name === 'os.listdir' ? { itemValue: names } : {}), origin: this.fresh(call, frame) };
  }

  /** The mode `open()` was given for this file object (`"rb"`, `"w"`), when the file says. */
  private openMode(file: Extract<Value, { kind: 'instance' }>): Value | undefined {
    const opened = file.ctor ? this.constructorArgs(file.ctor) : undefined;
    // `open(path, mode)`, or a path's own `path.open(mode)`.
    const callee = file.ctor?.call.children[0];
    const fn = callee?.type === 'attribute' ? this.evaluate(callee, file.ctor!.frame) : undefined;
    const at = fn && !(fn.kind === 'external' && fn.name === 'io.open') ? 0 : 1;
    return opened?.positional[at]?.value ?? opened?.keywords.get('mode')?.value;
  }

  /** The lines of a file opened for reading, as `for line in fh` goes over them (see writtenContent). */
  fileLines(file: Value): number | undefined {
    if (file.kind !== 'instance' || file.type !== 'file' || !file.ctor) return undefined;
    return this.readBack(file).written?.lines;
  }

  /** A `csv.writer` made on an in-memory buffer (`io.StringIO()`, `io.BytesIO()`). */
  writesToBuffer(writer: Extract<Value, { kind: 'instance' }>): boolean {
    const handle = writer.ctor ? this.constructorArgs(writer.ctor).positional[0]?.value : undefined;
    return handle?.kind === 'instance' && (handle.type === 'io.StringIO' || handle.type === 'io.BytesIO');
  }

  /**
   * The files the code writes (see findWrittenFiles), found once. Empty while being found: a write of what a queue
   * hands over can lead back here (`fh.write(text)` of an item a thread put as `(tag, buf.getvalue())`).
   */
  private writtenFiles(): readonly WrittenFile[] {
    if (!this.written) {
      this.written = [];
      this.written = this.findWrittenFiles();
    }
    return this.written;
  }

  /**
   * Each file the code opens for writing (`with open(path, "w") as fh:`) and what its writes add up to: each
   * `fh.write(text)` of text of known size (or a line), or row of a `csv.writer`, times the rounds of the loops
   * around it inside the `with`.
   */
  private findWrittenFiles(): WrittenFile[] {
    const files = new Map<string, WrittenFile | null>();
    for (const { method, call, receiver: receiverNode, arg, fn } of this.methodCalls(['write', 'writelines', 'writerow', 'writerows'])) {
      for (const frame of this.framesOfCode(fn)) {
        const receiver = this.evaluate(receiverNode, frame);
        // `w = csv.writer(fh)`: its rows go to that file, a line each.
        const csvWriter = method !== 'write' && receiver.kind === 'instance' && receiver.type === 'csv.writer' && receiver.ctor;
        const plain = method === 'write' || method === 'writelines';
        const handle = csvWriter ? this.constructorArgs(csvWriter).positional[0]?.value ?? UNKNOWN : plain ? receiver : UNKNOWN;
        const buffer = handle.kind === 'instance' && (handle.type === 'io.StringIO' || handle.type === 'io.BytesIO');
        if (handle.kind !== 'instance' || (handle.type !== 'file' && !buffer) || !handle.ctor) continue;
        const mode = buffer ? { kind: 'str' as const, bytes: false, value: handle.type === 'io.BytesIO' ? 'wb' : 'w' } : this.openMode(handle);
        // One file for each opening, in each frame the writing code runs in (`write_log(path, n)` called twice);
        // buffers apart, by the call that made them (what `getvalue()` gives back is no file's content).
        const key = `${buffer ? 'buffer:' : ''}${handle.ctor.call.start}@${frame.id}`;
        if (!writes(mode) || files.get(key) === null) continue;
        // `fh.writelines(f"...\n" for _ in range(n))` writes its items one after the other, as a join would.
        const written = method === 'writelines' ? joined({ kind: 'str', bytes: false, length: 0, value: '' }, this.evaluate(arg, frame)) : asBytes(this.evaluate(arg, frame), (node) => this.text(node));
        const rows = method === 'writerows' ? lengthOf(written) : method === 'writerow' ? 1 : undefined;
        const text: Value = plain ? written : { kind: 'str', bytes: false, ...(rows !== undefined ? { lines: rows } : {}) };
        const rounds = this.roundsWithin(call, handle.ctor.call, frame);
        // A formatted record ending in a newline (`f"{ts} {level} ...\n"`, `json.dumps(ev) + "\n"`) is a line.
        const lines = text.kind !== 'str' ? undefined : text.lines ?? (/\\n["']\)?$/.test(this.text(arg)) ? 1 : undefined);
        if (text.kind !== 'str' || (text.length === undefined && lines === undefined) || rounds === undefined) {
          files.set(key, null);
          continue;
        }
        const file = files.get(key) ?? { bytes: !!(mode?.kind === 'str' && mode.value?.includes('b')), length: 0, lines: 0, words: 0 };
        files.set(key, {
          bytes: file.bytes, length: file.length === undefined || text.length === undefined ? undefined : file.length + text.length * rounds,
          lines: file.lines === undefined || lines === undefined ? undefined : file.lines + lines * rounds,
          words: file.words === undefined || text.words === undefined ? undefined : file.words + text.words * rounds,
        });
      }
    }
    // `Path(...).write_text(text)`: a whole file each call.
    for (const { method, call, arg, fn } of this.methodCalls(['write_text', 'write_bytes'])) {
      for (const frame of this.framesOfCode(fn)) {
        const text = this.evaluate(arg, frame);
        if (text.kind !== 'str' || text.length === undefined) continue;
        files.set(`${call.start}@${frame.id}`, { bytes: method === 'write_bytes', length: text.length, lines: text.lines, words: text.words });
      }
    }
    const found: WrittenFile[] = [];
    for (const [key, file] of files) {
      if (!file) continue;
      const buffer = /^buffer:(\d+)@/.exec(key);
      found.push(buffer ? { ...file, buffer: Number(buffer[1]) } : file);
    }
    return found;
  }

  /**
   * What `buf.getvalue()` gives for the buffer `io.StringIO()` made at `made`: the largest text its writes add up to
   * in one frame (see findWrittenFiles).
   */
  private bufferContent(made: Syntax, bytes: boolean): Extract<Value, { kind: 'str' }> {
    const written = this.writtenFiles();
    let largest: WrittenFile | undefined;
    for (const file of written) {
      if (file.buffer === made.start && (!largest || (file.length ?? 0) + (file.lines ?? 0) > (largest.length ?? 0) + (largest.lines ?? 0))) largest = file;
    }
    return {
      kind: 'str', bytes, ...(largest?.length !== undefined ? { length: largest.length } : {}),
      ...(largest?.lines !== undefined ? { lines: largest.lines } : {}), ...(largest?.words !== undefined ? { words: largest.words } : {}),
    };
  }

  /**
   * The frames code runs in, as far as the file says (for the puts and writes a pass reads): the module's; a
   * function's as the one thread that runs it, or the one object of its class, gives it; as each call of it gives it
   * (a few); or its generic frame.
   */
  private framesOfCode(fn: FunctionInfo | undefined): Frame[] {
    if (!fn) return [this.moduleFrame];
    const once = this.startedOnceFrame(fn) ?? this.madeOnceFrame(fn);
    if (once) return [once];
    const calls = this.callsOf(fn);
    return calls && calls.length > 0 ? calls.map((call) => this.callFrame(fn, call)) : [this.calledOnceFrame(fn)];
  }

  /** The frame `call` runs `fn` in: its arguments evaluated where the call is (a function called once, or the module). */
  private callFrame(fn: FunctionInfo, call: Syntax): Frame {
    const caller = this.functionAt(call.start);
    const args = this.callArgs(call, caller ? this.calledOnceFrame(caller) : this.moduleFrame);
    return new Frame(fn, fn.scope, this.bindArguments(fn, args, undefined), undefined, 'private', false);
  }

  /**
   * The uses of a function's or class's name as a name (not an attribute, not words in strings and comments), outside
   * its own definition.
   */
  private nameUses(name: string, definition: Syntax): Syntax[] {
    const source = this.module.source;
    const uses: Syntax[] = [];
    for (const at of this.module.words.occurrences(name)) {
      if ((at > 0 && source.charCodeAt(at - 1) === 46) || (at >= definition.start && at < definition.end)) continue;
      const node = nodeAt(this.module.root, at, NO_OPAQUE_NODES);
      if (node.type === 'identifier') uses.push(node);
    }
    return uses;
  }

  /** The calls of the file that construct an object of this class by its name (`Shift(heckler, factory)`). */
  constructionCalls(cls: ClassInfo): Syntax[] {
    return this.nameUses(cls.name, cls.node).flatMap((use) => (use.parent?.type === 'call' && use.parent.children[0] === use ? [use.parent] : []));
  }

  /**
   * The calls of a plain function (or a coroutine function: `asyncio.run(main(client, jobs))`) by its name, when the
   * file makes a few (up to 8) and uses the name no other way.
   */
  private callsOf(fn: FunctionInfo): Syntax[] | undefined {
    if (!fn.body || fn.isLambda || fn.cls || this.enclosingFunction(fn)) return undefined;
    const uses = this.nameUses(fn.name, fn.node);
    if (uses.length > 8 || !uses.every((name) => name.parent?.type === 'call' && name.parent.children[0] === name)) return undefined;
    return uses.map((name) => name.parent!);
  }

  /**
   * The one object every call of the file that constructs an object with this `__init__` (its class's, or a
   * subclass's that keeps it) passes for `param`, when they all pass the same one. Undefined otherwise.
   */
  private agreedArgument(init: FunctionInfo, param: string): Value | undefined {
    const memo = `${init.id}:${param}`;
    if (this.agreedArguments.has(memo)) return this.agreedArguments.get(memo);
    this.agreedArguments.set(memo, undefined);
    const index = init.params.findIndex((each) => each.name === param);
    if (index < 1 || init.params[index].kind !== 'positional') return undefined;
    let agreed: Value | undefined;
    let calls = 0;
    const callerFrames = new Map<FunctionInfo | undefined, Frame>();
    for (const cls of this.module.classes) {
      if (findMethod(this.module, cls, '__init__') !== init) continue;
      for (const use of this.nameUses(cls.name, cls.node)) {
        const call = use.parent;
        // `class Deposit(Command):` names the class as a base, not a construction.
        if (call?.type === 'argument_list' && call.parent?.type === 'class_definition') continue;
        if (call?.type !== 'call' || call.children[0] !== use || ++calls > MAX_STORE_SITES) return undefined;
        const given = call.children[1]?.children ?? [];
        const keyword = given.find((arg) => arg.type === 'keyword_argument' && this.text(arg.children[0]) === param);
        const positional = given.slice(0, index).some((arg) => arg.type === 'keyword_argument' || arg.type === 'list_splat' || arg.type === 'dictionary_splat') ? undefined : given[index - 1];
        const node = keyword?.children[1] ?? (positional?.type === 'keyword_argument' ? undefined : positional);
        if (!node) return undefined;
        // One frame for all the constructions a function makes: a local it hands to each is one object.
        const caller = this.functionAt(call.start);
        let frame = callerFrames.get(caller);
        if (!frame) callerFrames.set(caller, frame = this.framesOfCode(caller)[0]);
        const value = this.evaluate(node, frame);
        if ((value.kind !== 'instance' && value.kind !== 'container') || (agreed && (agreed.kind === 'instance' || agreed.kind === 'container') && agreed.origin.key !== value.origin.key)) return undefined;
        agreed ??= value;
      }
    }
    this.agreedArguments.set(memo, agreed);
    return agreed;
  }

  private readonly agreedArguments = new Map<string, Value | undefined>();

  /** The rounds of the counted loops around `call` below the statement that opened its file (1 outside loops). */
  private roundsWithin(call: Syntax, opener: Syntax, frame: Frame): number | undefined {
    let rounds = 1;
    for (let at = call.parent; at && at.start > opener.start - 1 && !(at.start <= opener.start && at.end >= opener.end); at = at.parent) {
      if (at.type === 'while_statement' || DEFINITIONS.has(at.type)) return undefined;
      if (at.type !== 'for_statement') continue;
      const count = lengthOf(this.evaluate(at.children[1], frame));
      if (count === undefined) return undefined;
      rounds *= count;
    }
    return rounds;
  }

  /**
   * The frame of a plain function that one `Thread(target=fn, args=(...))` of the file runs and nothing calls, its
   * parameters bound to those arguments (`target=load_replays, args=(replay_q, 99)`): a producer's queue.
   */
  private startedOnceFrame(fn: FunctionInfo): Frame | undefined {
    if (!fn.body || fn.isLambda || fn.isAsync || fn.cls || this.enclosingFunction(fn)) return undefined;
    const uses = this.nameUses(fn.name, fn.node);
    const keyword = uses.length === 1 ? uses[0].parent : undefined;
    const start = keyword?.type === 'keyword_argument' && this.text(keyword.children[0]) === 'target' && keyword.children[1] === uses[0]
      ? keyword.parent?.parent : undefined;
    if (start?.type !== 'call' || !/\bThread$/.test(this.text(start.children[0]))) return undefined;
    const caller = this.functionAt(start.start);
    const given = this.callArgs(start, caller ? this.calledOnceFrame(caller) : this.moduleFrame).keywords.get('args')?.value;
    const items = given?.kind === 'container' && given.type !== 'dict' ? given.items : given ? undefined : [];
    if (!items) return undefined;
    const args: CallArgs = { positional: items.map((value) => ({ value })), keywords: new Map(), hasSplat: false };
    return new Frame(fn, fn.scope, this.bindArguments(fn, args, undefined), undefined, 'private', false);
  }

  /**
   * The frame of a method of a class the file makes one object of (`capture = Capture(frame_q, seed=3)`), with `self`
   * that object: `self.frame_q.put(...)` in its `run` puts into the queue the constructor was given.
   */
  private madeOnceFrame(fn: FunctionInfo): Frame | undefined {
    const cls = fn.cls;
    const selfParam = fn.params[0]?.name;
    if (!cls || !fn.body || !selfParam || fn.decorators.length > 0) return undefined;
    const uses = this.nameUses(cls.name, cls.node);
    const made = uses.length === 1 && uses[0].parent?.type === 'call' && uses[0].parent.children[0] === uses[0] ? uses[0].parent : undefined;
    if (!made) return undefined;
    const caller = this.functionAt(made.start);
    const callerFrame = caller ? this.calledOnceFrame(caller) : this.moduleFrame;
    const object = this.evaluate(made, callerFrame);
    if (object.kind !== 'instance' || object.cls !== cls) return undefined;
    const frame = new Frame(fn, fn.scope, new Map([[selfParam, object]]), undefined, 'private', false);
    // Bound to a name (`pipe = LeakPipeline(flows)`), the object is known by it, as the walk knows it: the queue its
    // constructor made (`self.inbox = queue.Queue()`) is `pipe.inbox` to the threads that take from it.
    // So is one a `with` binds (`with Farm(size=3) as farm:`).
    const assignment = made.parent?.type === 'assignment' && made.parent.children[1] === made ? made.parent : undefined;
    const entered = made.parent?.type === 'as_pattern' && made.parent.children[0] === made && made.parent.parent?.type === 'with_item' && entersItself(this.module, cls);
    const target = assignment?.children[0] ?? (entered ? asTarget(made.parent!) : undefined);
    const named = target?.type === 'identifier' ? this.evaluate(target, callerFrame) : undefined;
    if (named?.kind === 'instance' && named.cls === cls && named.origin.key !== object.origin.key) {
      this.namedTwins.set(frame, new Frame(fn, fn.scope, new Map([[selfParam, named]]), undefined, 'private', false));
    }
    return frame;
  }

  /** A frame madeOnceFrame made, and the same with `self` the object by the name it is bound to. */
  private readonly namedTwins = new WeakMap<Frame, Frame>();

  /**
   * Whether `value` reads `name` other than at a spelled key unlike the store's own (`essays["essay6"] =
   * plagiarize(essays["essay2"])` adds a key; `totals[k] = totals.get(k, 0) + n` may count into one already there).
   */
  private readsBeside(value: Syntax | undefined, name: string, storedKey: Syntax | undefined): boolean {
    const spelled = (key: Syntax | undefined) => (key?.type === 'string' ? this.text(key) : undefined);
    const own = spelled(storedKey);
    let found = false;
    if (value) {
      walk(value, (at) => {
        if (found || at.type !== 'identifier' || this.text(at) !== name) return !found;
        const read = at.parent?.type === 'subscript' && at.parent.children[0] === at ? spelled(at.parent.children[1]) : undefined;
        found = own === undefined || read === undefined || read === own;
        return false;
      });
    }
    return found;
  }

  /** `name[key] = <something reading name>` at this offset: a store counting into a key, which may exist already. */
  private countsInto(at: number, name: string): boolean {
    const node = nodeAt(this.module.root, at, NO_OPAQUE_NODES);
    const subscript = node.type === 'identifier' ? node.parent : undefined;
    const store = subscript?.type === 'subscript' && subscript.children[0] === node ? subscript.parent : undefined;
    return store?.type === 'assignment' && store.children[0] === subscript && this.mentions(store.children[store.children.length - 1], name);
  }

  private keyedStoresIn(root: Syntax, name: string, frame: Frame, made?: Syntax): KeyedStores | undefined {
    this.moduleGrowth ??= grownNames(this.module.source, this.module.spans);
    const within = (at: number) => at >= root.start && at < root.end;
    const methodSites = (this.moduleGrowth.sites.get(name) ?? []).filter(within);
    if (methodSites.length > 0) {
      const groups = (this.moduleGrowth.keyedSites.get(name) ?? []).some(within) ? undefined : this.groupSizes(root, methodSites, frame);
      return groups && { atMost: groups.keys, guessedGroups: true };
    }
    // `groups[profile].append(side)` into a defaultdict, the only way it grows: groups as setdefault's are.
    if (!(this.moduleGrowth.keyedSites.get(name) ?? []).some(within)) {
      const grouped = this.module.words.within(name, root.start, root.end).filter((at) => this.groupAt(root, at));
      const groups = grouped.length > 0 ? this.groupSizes(root, grouped, frame) : undefined;
      return groups && { atMost: groups.keys, guessedGroups: true };
    }
    let loop: Syntax | undefined;
    let outerLoops: Syntax[] = [];
    const keys: Syntax[] = [];
    let extra = 0;
    let divisor = 1;
    let distinct = true;
    let tallied: Set<string> | undefined;
    for (const at of (this.moduleGrowth.keyedSites.get(name) ?? []).filter(within)) {
      const node = nodeAt(root, at, DEFINITIONS);
      if (DEFINITIONS.has(node.type)) return undefined;
      const subscript = node.type === 'identifier' ? node.parent : undefined;
      const store = subscript?.type === 'subscript' && subscript.children[0] === node ? subscript.parent : undefined;
      if (store?.type !== 'assignment' || store.children[0] !== subscript) return undefined;
      // `totals[k] = totals.get(k, 0) + n` counts into keys that repeat: a key a round is no bound worth having. Keys
      // that are texts the file spells (`counts[g]` of grades a generator yields as "tow", "line" or "short line")
      // are those texts, at most.
      if (this.readsBeside(store.children[store.children.length - 1], name, subscript!.children[1])) {
        const key = this.evaluate(subscript!.children[1], frame);
        const texts = key.kind === 'str' ? key.either ?? (key.value !== undefined ? [key.value] : undefined) : undefined;
        if (!texts) return undefined;
        for (const text of texts) (tallied ??= new Set()).add(text);
        continue;
      }
      if (tallied) return undefined;
      const around = this.appendLoop(store, root);
      // `state = {...}` then `state["name"] = ...` in each round of one loop: the dict is made anew each round, so the
      // store adds one key to each.
      if (around && made && this.appendLoop(made, root)?.loop === around.loop) {
        extra++;
        continue;
      }
      if (around && !around.branch && (!loop || loop === around.loop)) {
        loop = around.loop;
        outerLoops = around.outer;
        keys.push(subscript!.children[1]);
        divisor = Math.max(divisor, this.bucketWidth(subscript!.children[1], loop, frame));
        distinct &&= this.keyOfItsRound(subscript!.children[1], loop);
      } else if (around || insideLoop(store, root)) return undefined;
      else extra++;
    }
    if (tallied) return loop || extra > 0 ? undefined : { atMost: tallied.size };
    if (!loop) return extra > 0 ? extra : undefined;
    let rounds = this.loopRounds(loop, frame);
    // `for r in range(n): for c in range(n): graph[(r, c)] = edges`: a key for each round of the loops around it
    // too, when the key is made of their variables as well (`(r, c)`, `node = r * n + c`).
    if (distinct && typeof rounds === 'number') {
      for (const outer of outerLoops) {
        const variable = outer.type === 'for_statement' && outer.children[0]?.type === 'identifier' ? this.text(outer.children[0]) : undefined;
        const more = variable && keys.every((key) => this.mentions(this.keyExpression(key, loop), variable)) ? this.loopRounds(outer, frame) : undefined;
        if (typeof more === 'number') rounds *= more;
      }
    }
    if (distinct && extra === 0 && typeof rounds === 'number') return { exactly: rounds };
    // Keys made by `// 60` of something each round (a timestamp's minute) come again: a sixtieth as many.
    if (divisor > 1 && rounds !== undefined) return { atMost: Math.ceil((typeof rounds === 'object' ? rounds.atMost : rounds) / divisor) + extra };
    return plusRounds(rounds, extra);
  }

  /**
   * `kept.setdefault(fish.species, []).append(fish)` in a loop, the only way the dict grows: one item a round goes
   * into the group of its key. Which keys come, the model cannot tell: groups are most often made by a kind
   * (species, material, status), so a few keys are assumed, GUESSED_GROUPS at most, sharing the rounds' items.
   * Whatever the guess, a loop over every group's items does the rounds' work.
   */
  private groupSizes(root: Syntax, sites: readonly number[], frame: Frame): { keys: number; each: number } | undefined {
    let loop: Syntax | undefined;
    let outer: Syntax[] = [];
    let perRound = 0;
    let extra = 0;
    for (const at of sites) {
      const group = this.groupAt(root, at);
      if (!group) return undefined;
      const around = this.appendLoop(group, root);
      if (around && (!loop || loop === around.loop)) {
        loop = around.loop;
        outer = around.outer;
        perRound++;
      } else if (around || insideLoop(group, root)) return undefined;
      else extra++;
    }
    const rounds = loop ? this.nestedRounds(loop, outer, frame) : 0;
    if (rounds === undefined) return undefined;
    const items = (typeof rounds === 'number' ? rounds : rounds.atMost) * perRound + extra;
    const keys = Math.max(1, Math.min(items, GUESSED_GROUPS));
    return { keys, each: Math.ceil(items / keys) };
  }

  /**
   * The group a growth site the text found at `at` fills: `name.setdefault(key, [])` (or `set()`, `list()`), or a
   * defaultdict's `name[key]`, grown on the spot by `.append(item)` or `.add(item)`. Undefined for any other growth.
   */
  private groupAt(root: Syntax, at: number): Syntax | undefined {
    const node = nodeAt(root, at, DEFINITIONS);
    const subscript = node.type === 'identifier' ? node.parent : undefined;
    if (subscript?.type === 'subscript' && subscript.children[0] === node) {
      const method = subscript.parent;
      const grown = method?.type === 'attribute' && method.children[0] === subscript ? method.parent : undefined;
      const verb = method?.type === 'attribute' ? this.text(method.children[method.children.length - 1]) : '';
      return grown?.type === 'call' && (verb === 'append' || verb === 'add') && grown.children[1]?.children.length === 1 ? grown : undefined;
    }
    const attribute = node.type === 'identifier' ? node.parent : undefined;
    const setdefault = attribute?.type === 'attribute' && attribute.children[0] === node ? attribute.parent : undefined;
    if (setdefault?.type !== 'call' || this.text(attribute!.children[attribute!.children.length - 1]) !== 'setdefault') return undefined;
    const empty = setdefault.children[1]?.children[1];
    const emptyLiteral = empty?.type === 'list' ? empty.children.length === 0
      : empty?.type === 'call' && ['list', 'set'].includes(this.text(empty.children[0]!)) && empty.children[1]?.children.length === 0;
    const method = setdefault.parent;
    const grown = method?.type === 'attribute' && method.children[0] === setdefault ? method.parent : undefined;
    const verb = method?.type === 'attribute' ? this.text(method.children[method.children.length - 1]) : '';
    const items = grown?.type === 'call' ? grown.children[1]?.children : undefined;
    if (setdefault.children[1]?.children.length !== 2 || !emptyLiteral || (verb !== 'append' && verb !== 'add') || items?.length !== 1) return undefined;
    return grown;
  }

  /** A key as the loop makes it: a name the loop's body sets once (`node = r * n + c`) is what it is set to. */
  private keyExpression(key: Syntax, loop: Syntax): Syntax | undefined {
    return key.type === 'identifier' ? this.setOnceIn(loop, this.text(key)) ?? key : key;
  }

  /**
   * What `name` is set to, when the loop sets it once (`card = f"FC-{n:02d}"`, also unpacked: `lo, hi = ...`).
   * Undefined when it sets it more than once, or never, or unpacks it from something not spelled out part by part.
   */
  private setOnceIn(loop: Syntax, name: string): Syntax | undefined {
    let expression: Syntax | undefined;
    let sets = 0;
    walk(loop, (node) => {
      if (node.type !== 'assignment') return;
      const [left, right] = [node.children[0], node.children[node.children.length - 1]];
      const names = left?.type === 'pattern_list' || left?.type === 'tuple_pattern' ? left.children : [left];
      const parts = right?.type === 'expression_list' || right?.type === 'tuple' ? right.children : [right];
      names.forEach((part, i) => {
        if (part?.type !== 'identifier' || this.text(part) !== name) return;
        sets++;
        expression = names.length === parts.length ? parts[i] : undefined;
      });
    });
    return sets === 1 ? expression : undefined;
  }

  /**
   * A key no other round of a `for n in range(...)` loop stores under: `n` itself, or a text or tuple that spells it
   * out (`f"FC-{n:02d}"`, `(n, "in")`), or a name the loop body sets to one (`card = f"FC-{n:02d}"`, also unpacked).
   */
  private keyOfItsRound(key: Syntax | undefined, loop: Syntax): boolean {
    const target = loop.type === 'for_statement' ? loop.children[0] : undefined;
    const iterable = loop.children[1];
    const callee = iterable?.type === 'call' ? iterable.children[0] : undefined;
    if (target?.type !== 'identifier' || callee?.type !== 'identifier' || this.text(callee) !== 'range') return false;
    const variable = this.text(target);
    const expression = key?.type === 'identifier' && this.text(key) !== variable ? this.setOnceIn(loop, this.text(key)) : key;
    if (expression?.type === 'identifier') return this.text(expression) === variable;
    // The variable added to the rest (`r * GRID + c`, `base + i`): one key a round.
    if (expression?.type === 'binary_operator' && expression.children.length === 2
      && this.module.source.slice(expression.children[0].end, expression.children[1].start).trim() === '+'
      && expression.children.some((part) => part.type === 'identifier' && this.text(part) === variable)) return true;
    // The variable as a whole part: an interpolation (`{n}`, `{n:02d}`) or a tuple's item.
    const parts = expression?.type === 'string' ? expression.children.filter((child) => child.type === 'interpolation').map((child) => child.children[0])
      : expression?.type === 'tuple' ? expression.children : [];
    return parts.some((part) => part?.type === 'identifier' && this.text(part) === variable);
  }

  /**
   * `K` when a key is `x // K` (K a known number), or a name the loop body sets to that (`minute = int(ts) // 60`):
   * the rounds share keys, K of them at least a key. 1 otherwise.
   */
  private bucketWidth(key: Syntax | undefined, loop: Syntax, frame: Frame): number {
    let expression = key;
    if (key?.type === 'identifier') {
      const name = this.text(key);
      expression = undefined;
      walk(loop, (node) => {
        if (node.type !== 'assignment' || node.children[0]?.type !== 'identifier' || this.text(node.children[0]) !== name) return;
        expression = node.children[node.children.length - 1];
      });
    }
    if (expression?.type !== 'binary_operator' || !this.module.source.slice(expression.children[0].end, expression.children[1]?.start).includes('//')) return 1;
    const width = this.evaluate(expression.children[1], frame);
    return width.kind === 'number' && Number.isFinite(width.value) && width.value > 1 ? width.value : 1;
  }
  private readonly loaders = new Map<string, number | null>();

  /**
   * `ORDERS = []` filled by `load_orders(100_000)`, a function of the module that alone grows it and is called once,
   * by a loop that appends one order a round: that loop's rounds, in the frame of that call.
   */
  private loaderRounds(name: string): number | undefined {
    let rounds = this.loaders.get(name);
    if (rounds === undefined) {
      rounds = this.findLoaderRounds(name) ?? null;
      this.loaders.set(name, rounds);
    }
    return rounds ?? undefined;
  }

  private findLoaderRounds(name: string): number | undefined {
    this.moduleGrowth ??= grownNames(this.module.source, this.module.spans);
    const loading = this.loaderOf(name, this.moduleGrowth.sites.get(name) ?? []);
    const appends = loading && this.onlyAppendLoop(loading.loader.body!, name);
    if (!loading || !appends || appends.bounded) return undefined;
    const rounds = this.nestedRounds(appends.loop, appends.outer, loading.frame);
    return typeof rounds === 'number' ? rounds + appends.extra : undefined;
  }

  /**
   * The module function that alone grows a module variable at `sites`, called once, and a frame of that call: the
   * function's own, not a method or a nested function, and growing the module's variable, not a local of its name.
   */
  private loaderOf(name: string, sites: readonly number[]): { loader: FunctionInfo; frame: Frame } | undefined {
    const loader = sites.length > 0 ? this.functionAt(sites[0]) : undefined;
    if (!loader?.body || loader.isLambda || loader.isAsync || loader.cls || this.enclosingFunction(loader)) return undefined;
    if (!sites.every((at) => this.functionAt(at) === loader)) return undefined;
    if (resolveName(loader.scope, name, this.module.scope)?.scope.kind !== 'module') return undefined;
    const call = this.onlyCall(loader);
    return call ? { loader, frame: this.callFrame(loader, call) } : undefined;
  }

  /**
   * The frame a plain module function runs in when the module calls it once (`reconcile(N_SKUS)` under `__main__`),
   * its arguments bound, through a few such callers; otherwise its generic frame.
   */
  private calledOnceFrame(fn: FunctionInfo, depth = 0): Frame {
    const call = depth < 3 && fn.body && !fn.isLambda && !fn.isAsync && !fn.cls && !this.enclosingFunction(fn) ? this.onlyCall(fn) : undefined;
    if (!call) return this.genericFrame(fn);
    const caller = this.functionAt(call.start);
    const args = this.callArgs(call, caller ? this.calledOnceFrame(caller, depth + 1) : this.moduleFrame);
    return new Frame(fn, fn.scope, this.bindArguments(fn, args, undefined), undefined, 'private', false);
  }

  /**
   * `inventory = {}` filled only by `inventory.update({... for i in range(n)})` (or a list by `extend`), each outside
   * any loop, in the code that sees it or in the one module function that loads it: the items those calls add.
   */
  private bulkLoads(binding: Binding, frame: Frame): number | undefined {
    const root = binding.scope.kind === 'module' ? this.module.root : binding.scope.fn?.body;
    if (!root || binding.scope.kind === 'class') return undefined;
    this.moduleGrowth ??= grownNames(this.module.source, this.module.spans);
    const sites = [...this.moduleGrowth.sites.get(binding.name) ?? [], ...this.moduleGrowth.keyedSites.get(binding.name) ?? []]
      .filter((at) => at >= root.start && at < root.end);
    // Items other functions add one at a time as they run (a handler's `latencies.append(ms)`) are left out: what the
    // one loader adds in bulk is what the container holds, give or take those.
    const single = (at: number) => SINGLE_ITEM_GROWTH.test(this.module.source.slice(at + binding.name.length, at + binding.name.length + 14));
    const bulk = binding.scope.kind === 'module' ? sites.filter((at) => !single(at)) : sites;
    const loading = binding.scope.kind === 'module' ? this.loaderOf(binding.name, bulk) : undefined;
    const [body, at] = loading ? [loading.loader.body!, loading.frame] : [root, frame];
    let added = 0;
    for (const offset of loading ? bulk : sites) {
      const node = nodeAt(body, offset, DEFINITIONS);
      const attribute = node.type === 'identifier' ? node.parent : undefined;
      const call = attribute?.type === 'attribute' && attribute.children[0] === node ? attribute.parent : undefined;
      const method = call?.type === 'call' ? this.text(attribute!.children[attribute!.children.length - 1]) : '';
      // `extend(x for x in xs)`: the generator is the one argument.
      const given = call?.children[1];
      const args = given?.type === 'generator_expression' ? [given] : given?.children ?? [];
      if ((method !== 'update' && method !== 'extend') || args.length !== 1 || args[0].type === 'keyword_argument' || insideLoop(call!, body)) return undefined;
      const length = lengthOf(this.evaluate(args[0], at));
      if (length === undefined) return undefined;
      added += length;
    }
    return sites.length > 0 ? added : undefined;
  }

  /**
   * The innermost function of the module (among those built so far) whose text holds this offset: the last one to
   * start at or before it, or the nearest function around that one that also ends after it (functions nest).
   */
  functionAt(offset: number): FunctionInfo | undefined {
    const byStart = this.functionsByStart();
    let low = 0;
    let high = byStart.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (byStart[middle].node.start <= offset) low = middle + 1;
      else high = middle;
    }
    for (let fn: FunctionInfo | undefined = byStart[low - 1]; fn; fn = this.functionAround(fn)) {
      if (offset < fn.node.end) return fn;
    }
    return undefined;
  }

  /** The module's functions by where they start (ties in the order they were built), kept up as more are built. */
  private functionsByStart(): FunctionInfo[] {
    const functions = this.module.functions;
    const sorted = this.sortedFunctions;
    for (let i = sorted.length; i < functions.length; i++) {
      const fn = functions[i];
      let at = sorted.length;
      while (at > 0 && sorted[at - 1].node.start > fn.node.start) at--;
      sorted.splice(at, 0, fn);
    }
    return sorted;
  }

  private readonly sortedFunctions: FunctionInfo[] = [];

  /** The function whose text holds this one's (through classes, and for a lambda in a default, the `def`). */
  private functionAround(fn: FunctionInfo): FunctionInfo | undefined {
    if (this.functionsAround.has(fn)) return this.functionsAround.get(fn);
    let around: FunctionInfo | undefined;
    for (let node = fn.node.parent; node && !around; node = node.parent) around = this.module.functionByNode.get(node);
    this.functionsAround.set(fn, around);
    return around;
  }

  private readonly functionsAround = new Map<FunctionInfo, FunctionInfo | undefined>();

  /**
   * The one call of a function in its module, outside any loop: its name appears twice, in its `def` and in that
   * call (any other mention, a callback or a second call, and it may run more than once).
   */
  private onlyCall(fn: FunctionInfo): Syntax | undefined {
    // The answer reads the functions known so far (the caller's body bounds the loop test): it holds until more are.
    const known = this.onlyCalls.get(fn);
    if (known && known.functions === this.module.functions.length) return known.call;
    const call = this.findOnlyCall(fn);
    this.onlyCalls.set(fn, { functions: this.module.functions.length, call });
    return call;
  }

  private readonly onlyCalls = new Map<FunctionInfo, { functions: number; call: Syntax | undefined }>();

  private findOnlyCall(fn: FunctionInfo): Syntax | undefined {
    const source = this.module.source;
    let call: Syntax | undefined;
    let mentions = 0;
    for (const at of this.module.words.occurrences(fn.name)) {
      if (at > 0 && source.charCodeAt(at - 1) === 46) continue;
      if (at >= fn.node.start && at < fn.node.end) {
        if (++mentions > 2) return undefined;
        continue;
      }
      const caller = this.functionAt(at);
      const root = caller?.body ?? this.module.root;
      const node = nodeAt(root, at, DEFINITIONS);
      // A docstring or comment that says "the main thread" names nothing.
      if (node.type !== 'identifier' && (node.type === 'string' || source.slice(source.lastIndexOf('\n', at) + 1, at).includes('#'))) continue;
      if (++mentions > 2) return undefined;
      const candidate = node.type === 'identifier' ? node.parent : undefined;
      if (candidate?.type !== 'call' || candidate.children[0] !== node || insideLoop(candidate, root)) return undefined;
      call = candidate;
    }
    return mentions === 2 ? call : undefined;
  }

  /**
   * The for loop whose body appends to `name` once a round, when the other growth of `name` in this body is appends
   * outside any loop (a trailer line, perhaps under an `if`: at most one item each, counted as one). One pass over
   * the text finds the candidates (`name.append(`, `name +=`...); the tree says what each is. The one append a round
   * may also be one in each branch of an `if`/`elif`/`else` (`if u < 0.45: events.append(a) else: events.append(b)`).
   */
  private onlyAppendLoop(root: Syntax, name: string, binding?: Binding): { loop: Syntax; extra: number; bounded: boolean; outer: Syntax[]; every?: Syntax; share?: number } | undefined {
    // `series = []` in an outer loop, then filled by the loop inside it: each list made gets one inner loop's appends.
    const remadeIn = (outer: Syntax, inner: Syntax) => !!binding?.sites.some((site) => site.kind === 'assign'
      && site.statement.start >= outer.start && site.statement.end <= outer.end
      && (site.statement.end <= inner.start || site.statement.start >= inner.end));
    this.moduleGrowth ??= grownNames(this.module.source, this.module.spans);
    let loop: Syntax | undefined;
    let outer: Syntax[] = [];
    let extra = 0;
    let direct = 0;
    let directAppend: Syntax | undefined;
    const chains = new Map<Syntax, Syntax[]>();
    for (const at of this.moduleGrowth.sites.get(name) ?? []) {
      if (at < root.start || at >= root.end) continue;
      const call = this.appendAt(root, at);
      if (!call) return undefined;
      const around = this.appendLoop(call, root, remadeIn);
      if (around) {
        if (loop && loop !== around.loop) return undefined;
        loop = around.loop;
        outer = around.outer;
        if (!around.branch) {
          direct++;
          directAppend = call;
        } else chains.set(around.branch.chain, [...chains.get(around.branch.chain) ?? [], around.branch.arm]);
      } else if (insideLoop(call, root)) {
        return undefined;
      } else {
        extra++;
      }
    }
    // `if i % 997 == 0: lines.append(marker); continue` before the round's own `lines.append(line)`: still one a round.
    if (directAppend && chains.size === 1 && direct === 1) {
      const [[chain, arms]] = chains;
      if (chain.end <= directAppend.start && arms.every(endsWithContinue)) chains.clear();
    }
    if (!loop || direct + chains.size !== 1) return undefined;
    // Each arm of the chain appends once, and there is an `else`: one item whichever way a round goes. Some arms only
    // (`if is_prime(n): found.append(n)`): at most one a round.
    let bounded = false;
    let every: Syntax | undefined;
    let share: number | undefined;
    for (const [chain, arms] of chains) {
      const all = chain.children.filter((child) => child.type === 'block' || child.type === 'elif_clause' || child.type === 'else_clause');
      if (new Set(arms).size !== arms.length) return undefined;
      bounded ||= !all.some((arm) => arm.type === 'else_clause') || arms.length !== all.length;
      if (all.length === 1) {
        every = this.everyMth(chain.children[0], loop);
        share = every ? undefined : this.remainderShare(chain.children[0], loop);
      }
    }
    return { loop, extra, bounded, outer, ...(every ? { every } : {}), ...(share !== undefined ? { share } : {}) };
  }

  /**
   * The `name.append(x)` (or `.add(x)`) call of a growth site the text found at `at`. Undefined for growth that cannot
   * be counted: other growth (`+=`, extend), or growth inside a nested function or class (whose body need not be built
   * to say so).
   */
  private appendAt(root: Syntax, at: number): Syntax | undefined {
    const node = nodeAt(root, at, DEFINITIONS);
    if (DEFINITIONS.has(node.type)) return undefined;
    const attribute = node.type === 'identifier' ? node.parent : undefined;
    const call = attribute?.type === 'attribute' && attribute.children[0] === node ? attribute.parent : undefined;
    const method = call?.type === 'call' ? this.text(attribute!.children[attribute!.children.length - 1]) : '';
    return method === 'append' || method === 'add' ? call : undefined;
  }

  /**
   * `if k % CHECKPOINT == 0:` in `for k in range(...)`: the test holds once every CHECKPOINT rounds. The divisor's
   * node, when the test is that.
   */
  private everyMth(test: Syntax | undefined, loop: Syntax): Syntax | undefined {
    const target = loop.children[0];
    const iterable = loop.children[1];
    if (test?.type !== 'comparison_operator' || test.children.length !== 2 || target?.type !== 'identifier') return undefined;
    if (iterable?.type !== 'call' || this.text(iterable.children[0]!) !== 'range') return undefined;
    const [left, right] = test.children;
    if (this.module.source.slice(left.end, right.start).trim() !== '==' || right.type !== 'integer') return undefined;
    const [counter, divisor] = left.type === 'binary_operator' ? left.children : [];
    if (!counter || !divisor || this.module.source.slice(counter.end, divisor.start).trim() !== '%') return undefined;
    return this.text(counter) === this.text(target) ? divisor : undefined;
  }

  /**
   * `if patina > 997 and depth > 40:` of `patina = (seed >> 7) % 1000` and `depth = seed % 60`, made in the loop's
   * body: the share of rounds the test passes, remainders taken as spread evenly (2 in 1,000 times 19 in 60), and
   * `rng.random() < 0.05` passing 5 in 100. Undefined for a test of other parts.
   */
  private remainderShare(test: Syntax | undefined, loop: Syntax): number | undefined {
    if (!test) return undefined;
    if (test.type === 'parenthesized_expression' && test.children.length === 1) return this.remainderShare(test.children[0], loop);
    const operator = this.module.source.slice(test.children[0]?.end ?? 0, test.children[1]?.start ?? 0).trim();
    if (test.type === 'boolean_operator' && test.children.length === 2) {
      const [left, right] = test.children.map((side) => this.remainderShare(side, loop));
      if (left === undefined || right === undefined) return undefined;
      return operator === 'and' ? left * right : 1 - (1 - left) * (1 - right);
    }
    if (test.type !== 'comparison_operator' || test.children.length !== 2) return undefined;
    const flipped: Record<string, string> = { '>': '<', '>=': '<=', '<': '>', '<=': '>=', '==': '==', '!=': '!=' };
    const [left, right] = test.children;
    const [spread, bound, op] = right.type === 'integer' || right.type === 'float' ? [left, right, operator] : [right, left, flipped[operator]];
    const limit = Number(this.text(bound).replace(/_/g, ''));
    if (!op || !Number.isFinite(limit) || (bound.type !== 'integer' && bound.type !== 'float')) return undefined;
    // `rng.random() < 0.05`: a draw spread evenly over [0, 1).
    if (spread.type === 'call' && spread.children[1]?.children.length === 0 && /(^|\.)random$/.test(this.text(spread.children[0]!))) {
      const below = Math.min(1, Math.max(0, limit));
      return op === '<' || op === '<=' ? below : op === '>' || op === '>=' ? 1 - below : undefined;
    }
    const modulus = this.remainderModulus(spread, loop);
    if (modulus === undefined || !Number.isInteger(limit)) return undefined;
    // How many of the remainders 0 .. modulus - 1 pass.
    const passing = { '<': limit, '<=': limit + 1, '>': modulus - 1 - limit, '>=': modulus - limit, '==': 1, '!=': modulus - 1 }[op];
    return passing === undefined ? undefined : Math.min(1, Math.max(0, passing / modulus));
  }

  /** The M of `x % M` (an integer), spelled there or assigned once, in the loop's own block, to the name tested. */
  private remainderModulus(spread: Syntax, loop: Syntax): number | undefined {
    let remainder: Syntax | undefined = spread;
    if (spread.type === 'identifier') {
      const name = this.text(spread);
      const block = childOfType(loop, 'block');
      const assigned = (block?.children ?? []).map((statement) => statement.type === 'expression_statement' ? statement.children[0] : undefined)
        .filter((node) => node?.type === 'assignment' && node.children[0]?.type === 'identifier' && this.text(node.children[0]) === name);
      remainder = assigned.length === 1 ? assigned[0]!.children[assigned[0]!.children.length - 1] : undefined;
    }
    if (remainder?.type !== 'binary_operator' || remainder.children.length !== 2) return undefined;
    const [, modulus] = remainder.children;
    if (this.module.source.slice(remainder.children[0].end, modulus.start).trim() !== '%' || modulus.type !== 'integer') return undefined;
    const value = Number(this.text(modulus).replace(/_/g, ''));
    return Number.isInteger(value) && value > 1 ? value : undefined;
  }

  /**
   * The for loop this append is an unconditional statement of, directly or in one arm of an `if` chain that is, when
   * no other loop repeats that loop.
   */
  private appendLoop(
    append: Syntax, root: Syntax, remadeIn: (outer: Syntax, inner: Syntax) => boolean = () => false,
  ): { loop: Syntax; branch?: { chain: Syntax; arm: Syntax }; outer: Syntax[] } | undefined {
    const statement = append.parent;
    const block = statement?.type === 'expression_statement' && statement.parent?.type === 'block' ? statement.parent : undefined;
    let holder = block?.parent;
    let branch: { chain: Syntax; arm: Syntax } | undefined;
    if (block && (holder?.type === 'if_statement' || holder?.type === 'elif_clause' || holder?.type === 'else_clause')) {
      const chain = holder.type === 'if_statement' ? holder : holder.parent;
      if (chain?.type !== 'if_statement' || chain.parent?.type !== 'block') return undefined;
      branch = { chain, arm: holder.type === 'if_statement' ? block : holder };
      holder = chain.parent.parent;
    }
    const loop = holder;
    if (loop?.type !== 'for_statement' && !(loop?.type === 'while_statement' && this.steppedWhile(loop))) return undefined;
    // Loops around it multiply its rounds (`for year ...: for day ...: for h ...: readings.append(v)`), unless the
    // list is made anew in them.
    const outer: Syntax[] = [];
    for (let at = loop.parent; at && at !== root; at = at.parent) {
      if ((at.type !== 'for_statement' && at.type !== 'while_statement') || remadeIn(at, loop)) continue;
      if (at.type === 'while_statement' || insideBranch(loop, at)) return undefined;
      outer.push(at);
    }
    return { loop, branch, outer };
  }

  private moduleGrowth: ReturnType<typeof grownNames> | undefined;

  /**
   * A list of plain rows named by a local the loop around the store assigns (`batch = [... for _ in range(size)]`
   * then `pending.append((b, batch))`): a new list each round, not one object every item shares.
   */
  private madeEachRound(item: Value, node: Syntax | undefined, store: Syntax): boolean {
    if (item.kind !== 'container' || node?.type !== 'identifier' || !/^f\d+:/.test(item.origin.key)) return false;
    if (!(item.items ?? (item.itemValue ? [item.itemValue] : [])).every((part) => isPlainData(part) || isFreshRow(part))) return false;
    let loop: Syntax | undefined = store.parent;
    while (loop && loop.type !== 'for_statement' && loop.type !== 'while_statement' && !DEFINITIONS.has(loop.type)) loop = loop.parent;
    if (!loop || DEFINITIONS.has(loop.type)) return false;
    const binding = resolveName(scopeOf(this.module, node), this.text(node), this.module.scope);
    const sites = binding?.sites.filter((site) => site.kind === 'assign') ?? [];
    return sites.length > 0 && binding!.scope.kind === 'function'
      && sites.every((site) => site.statement.start >= loop!.start && site.statement.end <= store.start);
  }

  /**
   * `buckets = {}` filled only by `buckets[client] = TokenBucket(...)` (or `.append(Job(...))`) in the code that sees
   * it: an item is an instance of that class, as the last of those stores makes it. Stores of text or numbers
   * (`lines.append(" ".join(words))`), and rows of them, shape the items too.
   */
  private storedItem(binding: Binding, frame: Frame): Value | undefined {
    // Stores in the frame's own function are read in that frame (`rows.append([float(x) for x in line.split(",")])`
    // has the length of the lines this call was given); others in their function's generic frame.
    const own = binding.scope.kind === 'function' && binding.scope.fn === frame.fn;
    const memo = own ? `${binding.name}@${frame.id}` : binding;
    if (this.storedItems.has(memo)) return this.storedItems.get(memo);
    this.storedItems.set(memo, undefined);
    if (binding.scope.kind === 'class' && binding.scope.cls) {
      const made = this.classStoredItem(binding.scope.cls, binding.name);
      this.storedItems.set(memo, made);
      return made;
    }
    const root = binding.scope.kind === 'module' ? this.module.root : binding.scope.kind === 'function' ? binding.scope.fn?.body : undefined;
    if (!root) return undefined;
    const growth = this.growthIn(root);
    const sites = [...growth.sites.get(binding.name) ?? [], ...growth.keyedSites.get(binding.name) ?? []]
      .map((at) => at + growth.offset).filter((at) => at >= root.start && at < root.end);
    if (sites.length === 0 || sites.length > MAX_STORE_SITES) return undefined;
    // `kept.setdefault(species, []).append(fish)` in a loop: a group for each key, of its share of the rounds' items.
    if (this.groupAt(root, sites[0])) {
      const groups = this.groupSizes(root, sites, frame);
      const group: Value | undefined = groups && { kind: 'container', type: 'list', length: groups.each, origin: { key: STORED_ROWS, sharing: 'private' } };
      this.storedItems.set(memo, group);
      return group;
    }
    let made: Value | undefined;
    const objects: Value[] = [];
    for (const at of sites) {
      const name = nodeAt(root, at, NO_OPAQUE_NODES);
      if (name.type !== 'identifier' || resolveName(scopeOf(this.module, name), binding.name, this.module.scope) !== binding) continue;
      const stored = storedExpression(name, (node) => this.text(node));
      // `groups.setdefault(k, [])` stores an empty container to fill later: its items are not as made.
      if (stored && (stored.type === 'list' || stored.type === 'dictionary') && stored.children.length === 0) return undefined;
      const scope = scopeOf(this.module, name);
      // `base = list(pages[prev])` ... `pages[key] = base`: a copy of one of its own items adds no new shape.
      if (stored?.type === 'identifier' && this.copiesItemOf(stored, binding)) continue;
      // A module function the file calls once stores what that call's arguments make (`load_batches(600, 250)`
      // appending batches of `size` rows).
      const storeFrame = own && scope.fn === frame.fn ? frame : scope.fn ? this.calledOnceFrame(scope.fn) : this.moduleFrame;
      // `chunks.append(lines[w * size:(w + 1) * size])`: a slice is a new list too, of the slice's length.
      const slice = stored?.type === 'subscript' && stored.children[1]?.type === 'slice';
      if (stored?.type === 'identifier' || slice) {
        // `series = []`, filled with rows, then `ticks[sym] = series` (or `work.append(batch)`) once a round: each
        // item is a new list of that shape. Only plain rows are taken (an object in them would be one object for
        // every round), and the list is this container's item, not the name's one object.
        const value = this.evaluate(stored!, storeFrame);
        // `windows.append(seq[start:start + WINDOW])` of a text: a text of the slice's length.
        if (value.kind === 'str' && value.length !== undefined && (!made || made.kind === 'str')) {
          made = made?.kind === 'str' && made.length !== undefined && made.length > value.length ? made : value;
          continue;
        }
        const shape = value.kind === 'container' && value.length !== undefined && !made ? plainShape(value) : undefined;
        if (!shape) return undefined;
        made = shape;
        continue;
      }
      const callee = stored?.type === 'call' && stored.children[0] ? this.evaluate(stored.children[0], storeFrame) : undefined;
      // `commands.append(Deposit(acct, 40) if i % 3 == 0 else Withdraw(acct, 75))`: an object of either class.
      const either = stored?.type === 'conditional_expression' ? this.evaluate(stored, storeFrame) : undefined;
      if (either) {
        if (either.kind !== 'instance' || (made && made.kind !== 'instance')) return undefined;
        objects.push(either);
        made = either;
        continue;
      }
      // `_REGISTRY[name] = kind(name)` in a get-or-create helper its callers hand the class (`metric(Histogram,
      // "latency")`): an object of one of the classes they pass.
      const factory = stored?.type === 'call' && stored.children[0]?.type === 'identifier' ? this.text(stored.children[0]) : undefined;
      if (callee?.kind !== 'class' && factory && scope.fn?.params.some((param) => param.name === factory)) {
        const fn = scope.fn;
        const given = this.callsOf(fn)?.map((call) => this.evaluate(stored!, this.callFrame(fn, call)));
        if (!given || given.length === 0 || given.some((value) => value.kind !== 'instance') || (made && made.kind !== 'instance')) return undefined;
        objects.push(...given);
        made = given[0];
        continue;
      }
      // `jobs.append(functools.partial(render, cache, name, 72, fields))` once a round: each item is such a partial.
      if (callee?.kind === 'external' && callee.name === 'functools.partial') {
        const partial = this.evaluate(stored!, storeFrame);
        if (partial.kind !== 'partial' || (made && made.kind !== 'partial')) return undefined;
        made = partial;
        continue;
      }
      // `threads.append(threading.Thread(target=work, args=(n,)))` once a round: each item is a thread that call
      // made, so a loop over the list (`for t in threads: t.join()`) knows which threads it joins. Threads made by
      // several calls (a server's and a client's) are no one call's, and a list that leaves its code (returned, or
      // handed to a call) may get more elsewhere.
      if (callee?.kind === 'external' && !callee.self && STARTABLE_TYPES.has(canonicalType(callee.name))) {
        if (made || sites.length > 1 || this.leaves(root, binding.name)) return undefined;
        made = this.evaluate(stored!, storeFrame);
        objects.push(made);
        continue;
      }
      if (callee?.kind !== 'class') {
        // Stores of text or numbers (`lines.append(" ".join(words))`): an item looks like them, the longest text
        // standing for all. A name or an object's call stores an object, and is not worth evaluating.
        // One character of a text (`bases.append("ACGT"[k])`) is a text too.
        const character = stored?.type === 'subscript' && stored.children[0]?.type === 'string';
        const value = stored && (TEXT_OR_NUMBER_NODES.has(stored.type) || character) ? this.evaluate(stored, storeFrame) : undefined;
        // Rows of plain data (`rows.append([float(x) for x in fields])`, `manifest.append((name, data, digest))`):
        // objects in them would all be the one object the store's expression evaluates to, not one per round.
        // A list the store's own call made (`(title, synthesize(f), 0.6)`) is a new one each round: plain too.
        // A comprehension's library objects (`{f: re.compile(p) for f, p in fields}`) are made anew each round too.
        // So are the objects a list comprehension makes (`[Element(...) for i in range(90)]`), one for each of its items.
        const fresh = (item: Value) => (stored?.type === 'dictionary_comprehension' && item.kind === 'instance' && !item.cls && item.type !== undefined)
          || (stored?.type === 'list_comprehension' && item.kind === 'instance' && !!item.origin.site && item.origin.site.start >= stored.start && item.origin.site.end <= stored.end);
        // `batch = [...]` in the loop, then `pending.append((b, batch))`: that list is a new one each round.
        // A dict's entries (`{"id": b, "weights": tubes}` with `tubes` made in the loop) are checked as a row's items are.
        const entries = value?.kind === 'container' && value.entries?.site === stored ? value.entries!.values : undefined;
        // A function of the file (`(shed.pack_bale, (name, path), {...})`, a job row) is the same one every round.
        const plain = value?.kind === 'container' && (entries ?? value.items ?? (value.itemValue ? [value.itemValue] : [])).every((item, i) =>
          isPlainData(item) || isFreshRow(item) || fresh(item) || (item.kind === 'function' && stored?.type === 'tuple')
          || (!!(entries ?? value.items) && !!stored && this.madeEachRound(item, entries ? stored.children[i]?.children[1] : stored.children[i], stored)));
        if (value?.kind === 'container' && plain && value.length !== undefined && (!made || (made.kind === 'container' && made.length !== undefined))) {
          // An unknown part of one round's row is not the same object in every row.
          const items = value.items?.map((item) => (item.kind === 'unknown' ? UNKNOWN : item));
          // Rows stored at several places (`("deposit", {...})` on one branch, `("report", {...})` on another): each
          // place holds what the rows there have in common (some text, not one command's name).
          const before = made?.kind === 'container' ? made.items : undefined;
          const same = (a: Value, b: Value) => a === b || ((a.kind === 'str' || a.kind === 'number') && a.kind === b.kind && a.value !== undefined && a.value === b.value);
          // A part that is one of the container's own items (`photos.append(("reshoot", photos[3][1]))`) adds no shape.
          const own = (i: number) => stored?.type === 'tuple' && this.itemOfItself(stored.children[i], binding);
          const merged = before && items && before.length === items.length
            ? items.map((item, i) => (same(before[i], item) || own(i) ? before[i] : sharedShape([before[i], item]) ?? UNKNOWN)) : items;
          made = { ...value, items: merged, length: Math.max(value.length, made?.kind === 'container' ? made.length! : 0) };
          continue;
        }
        if ((value?.kind !== 'str' && value?.kind !== 'number') || (made && made.kind !== value.kind)) return undefined;
        made = !made || value.kind !== 'str' || made.kind !== 'str' ? value
          : { kind: 'str', bytes: value.bytes, length: made.length === undefined || value.length === undefined ? undefined : Math.max(made.length, value.length) };
        continue;
      }
      if (made && made.kind !== 'instance') return undefined;
      made = this.evaluate(stored!, storeFrame);
      objects.push(made);
    }
    // Objects of several classes (`Deposit`, `Withdraw` and `Audit` commands): one of them, as their common base. (One
    // store of `cls(i)` with `cls = Bot if ... else Buyer` already is such an object.)
    const classes = new Set(objects.flatMap((value) => (value.kind === 'instance' ? value.alternatives ?? (value.cls ? [value.cls] : []) : [])));
    if (classes.size > 1 && objects.length > 1) made = this.commonInstance(objects);
    this.storedItems.set(memo, made);
    return made;
  }

  private readonly storedItems = new Map<Binding | string, Value | undefined>();

  /** `name` is returned (`return timers`) or handed to a call (`watch(timers)`) somewhere in `root`. */
  private leaves(root: Syntax, name: string): boolean {
    if (mayPassAsArgument(this.module.source.slice(root.start, root.end), name)) return true;
    let returned = false;
    walk(root, (node) => {
      if (returned) return false;
      if (node.type === 'return_statement') walk(node, (inner) => !(returned ||= inner.type === 'identifier' && this.text(inner) === name));
      return !returned;
    });
    return returned;
  }

  /**
   * A class's registry (`registry = {}` in its body) filled by its methods with `cls.registry[name] = cls(name)` (or
   * `Counter.registry[...]`, `self.registry.append(...)`): an item is an instance of the class those stores make,
   * when they all make the same one.
   */
  private classStoredItem(cls: ClassInfo, name: string): Value | undefined {
    let made: Value | undefined;
    let mixed = false;
    for (const method of cls.methods.values()) {
      if (mixed || !method.body || method.isLambda || !this.module.source.slice(method.node.start, method.node.end).includes(name)) continue;
      const owners = new Set([cls.name, ...(method.params[0] ? [method.params[0].name] : [])]);
      walk(method.body, (node) => {
        if (mixed || DEFINITIONS.has(node.type)) return false;
        const attribute = node.type === 'attribute' ? node : undefined;
        const object = attribute?.children[0];
        if (!attribute || object?.type !== 'identifier' || !owners.has(this.text(object)) || this.text(attribute.children[attribute.children.length - 1]) !== name) return undefined;
        const stored = storedExpression(attribute, (at) => this.text(at));
        if (!stored) return false;
        const callee = stored.type === 'call' && stored.children[0] ? this.evaluate(stored.children[0], this.genericFrame(method)) : undefined;
        const value = callee?.kind === 'class' ? this.evaluate(stored, this.genericFrame(method)) : undefined;
        if (value?.kind !== 'instance' || (made && (made.kind !== 'instance' || made.cls !== value.cls))) mixed = true;
        else made = value;
        return false;
      });
    }
    return mixed ? undefined : made;
  }

  /** Where names grow in a module or a function's body: one pass over its text (offsets relative to `offset`). */
  private growthIn(root: Syntax): ReturnType<typeof grownNames> & { readonly offset: number } {
    // The module's pass, once made, answers for every body in it.
    if (root === this.module.root || this.moduleGrowth) {
      this.moduleGrowth ??= grownNames(this.module.source, this.module.spans);
      return { ...this.moduleGrowth, offset: 0 };
    }
    let found = this.bodyGrowth.get(root);
    if (!found) {
      found = { ...grownNames(this.module.source.slice(root.start, root.end)), offset: root.start };
      this.bodyGrowth.set(root, found);
    }
    return found;
  }

  private readonly bodyGrowth = new Map<Syntax, ReturnType<typeof grownNames> & { readonly offset: number }>();

  /** `grows` answers by binding (the text does not change): frames come and go, and memos are cleared. */
  private readonly growsByMethod = new Map<Binding, boolean>();
  private readonly growsKeyed = new Map<Binding, boolean>();
  private readonly groupedGrowth = new Map<Binding, boolean>();

  private siteValue(site: Extract<BindingSite, { kind: 'assign' }>, frame: Frame): Value {
    if (site.iterable) {
      const iterable = this.evaluate(site.iterable, frame);
      const item = iterable.kind === 'instance' && iterable.type === 'file' ? this.fileLine(iterable) : elementOf(iterable);
      const value = site.path.length === 0 ? item : this.unpack(item, site.path);
      // Each unknown loop number is its own X, so `values[i * size:(i + 1) * size]` still has `size` items.
      if (value.kind === 'number' && Number.isNaN(value.value) && !value.affine) {
        // A range's numbers are `step` apart: `for lo in range(0, n, size)` gives spans of `size` that never meet.
        const spacing = iterable.kind === 'range' && site.path.length === 0 && iterable.step ? Math.abs(iterable.step) : undefined;
        const mean = iterable.kind === 'range' && site.path.length === 0 ? rangeMean(iterable) : undefined;
        const first = iterable.kind === 'range' && site.path.length === 0 && iterable.first !== undefined && (iterable.step ?? 1) > 0 ? iterable.first : undefined;
        return {
          ...value,
          affine: {
            key: `v${site.target.start}@${frame.id}`, scale: 1, offset: 0, ...(spacing ? { spacing } : {}), ...(mean !== undefined ? { mean } : {}),
            ...(first !== undefined ? { first } : {}), ...this.enumerateIndex(site, iterable, frame),
          },
        };
      }
      return value;
    }
    const value = this.evaluate(site.value, frame);
    if (site.withItem) return this.entered(value, frame);
    const part = this.unpack(value, site.path);
    return this.takenBySwap(site) ? taken(part) : part;
  }

  /**
   * `for i, point in enumerate(points)`: `i` counts from the start given, one a round, as many as the points: where
   * those are known, the numbers it reaches are (see affineReach).
   */
  private enumerateIndex(site: Extract<BindingSite, { kind: 'assign' }>, iterable: Value, frame: Frame): Partial<Affine> {
    const call = site.iterable;
    const callee = call?.type === 'call' ? call.children[0] : undefined;
    if (site.path.length !== 1 || site.path[0] !== 0 || callee?.type !== 'identifier' || this.text(callee) !== 'enumerate') return {};
    const rounds = lengthOf(iterable);
    const args = this.callArgs(call!, frame);
    const start = args.positional[1]?.value ?? args.keywords.get('start')?.value ?? { kind: 'number', value: 0 };
    if (rounds === undefined || start.kind !== 'number' || !Number.isInteger(start.value)) return {};
    return { first: start.value, spacing: 1, rounds };
  }

  /**
   * `batch, self._buffer = self._buffer, []`: the statement that reads the object also puts another in its place,
   * so the name now holds the only reference to it (a batch handed over, as a lock around the swap makes sure).
   */
  takenBySwap(site: Extract<BindingSite, { kind: 'assign' }>): boolean {
    const assignment = site.value?.parent;
    if (site.path.length !== 1 || assignment?.type !== 'assignment') return false;
    const { left, right } = assignmentParts(assignment);
    if (!left || !right || right !== site.value || (right.type !== 'expression_list' && right.type !== 'tuple')) return false;
    const source = right.children[site.path[0]];
    if (source?.type !== 'attribute' && source?.type !== 'identifier') return false;
    const text = this.text(source);
    return left.children.some((target, index) => index !== site.path[0] && this.text(target) === text);
  }

  unpack(value: Value, path: number[]): Value {
    let at = value;
    for (const [step, index] of path.entries()) {
      // `*complete, buf = buf.split(b"\n")`: the starred name takes a list of all but the other names' items (one, as
      // a rule). A star among spelled items is left unknown.
      if (path[step + 1] === -1) {
        if (at.kind !== 'container' || at.items || step + 2 !== path.length) return UNKNOWN;
        return { kind: 'container', type: 'list', length: at.length === undefined ? undefined : Math.max(0, at.length - 1), ...(at.itemValue ? { itemValue: at.itemValue } : {}), origin: { key: `${at.origin.key}[*]`, sharing: at.origin.sharing } };
      }
      if (at.kind === 'container' && at.items && index >= 0 && index < at.items.length) at = ownedPart(at, at.items[index]);
      // `a, b = rng.sample(accounts, 2)`: items made alike, as the container says.
      else if (at.kind === 'container' && !at.items && at.itemValue) at = elementOf(at);
      else if (at.kind === 'container' || at.kind === 'unknown') {
        const origin = at.kind === 'container' ? at.origin : at.origin;
        return origin ? { kind: 'unknown', origin: { key: `${origin.key}[]`, sharing: origin.sharing } } : UNKNOWN;
      } else return UNKNOWN;
    }
    return at;
  }

  attributeValue(node: Syntax, frame: Frame): Value {
    const objectNode = node.children[0];
    const attrNode = node.children[node.children.length - 1];
    if (!objectNode || !attrNode || attrNode === objectNode) return UNKNOWN;
    const name = this.text(attrNode);
    const inherited = objectNode.type === 'call' ? this.superMember(objectNode, name, frame) : undefined;
    if (inherited) return inherited;
    const object = this.evaluate(objectNode, frame);
    return this.memberOf(object, name, frame);
  }

  /**
   * `super().handle(app)` in a method of a class of this file: the method a base class has under the name, bound to
   * the same object. Undefined for anything else (a `super` the file defines, no base of this file with the method).
   */
  private superMember(call: Syntax, name: string, frame: Frame): Value | undefined {
    const callee = call.children[0];
    if (callee?.type !== 'identifier' || this.text(callee) !== 'super' || (call.children[1]?.children.length ?? 0) > 0) return undefined;
    if (resolveName(scopeOf(this.module, callee), 'super', this.module.scope)) return undefined;
    const fn = frame.fn;
    const selfName = fn && takesReceiver(fn) ? fn.params[0]?.name : undefined;
    if (!fn?.cls || !selfName) return undefined;
    const chain = classChain(this.module, fn.cls);
    const method = chain.slice(1).map((base) => base.methods.get(name)).find((found) => !!found);
    if (!method || method.decorators.includes('property')) return undefined;
    const binding = fn.scope.bindings.get(selfName);
    const self = binding ? this.bindingValue(binding, frame) : UNKNOWN;
    return { kind: 'function', fn: method, ...(self.kind === 'instance' ? { self } : {}) };
  }

  memberOf(object: Value, name: string, frame: Frame): Value {
    // `self.__class__.total += n`: the object's class (and so its class attributes, shared by every instance).
    if (name === '__class__' && object.kind === 'instance' && object.cls) return { kind: 'class', cls: object.cls };
    switch (object.kind) {
      case 'external': {
        const qualified = `${object.name}.${name}`;
        // A member of a module is a function or class; a member of a library instance is a bound method.
        return object.self ? UNKNOWN : externalValue(qualified);
      }
      case 'instance':
        if (object.cls) return this.instanceMember(object, object.cls, name, frame);
        if (object.type === 'struct.Struct' && name === 'size' && object.ctor) {
          return structResult('calcsize', structFormat(this.constructorArgs(object.ctor).positional[0]?.value ?? UNKNOWN), undefined, object.origin);
        }
        if (object.type === 'argparse.Namespace') return this.argumentDefault(name) ?? { kind: 'unknown', origin: { key: `${object.origin.key}.${name}`, sharing: object.origin.sharing } };
        if (object.origin === CURRENT_THREAD) {
          const identity = threadIdentityAttribute(name, CURRENT_THREAD.key);
          if (identity) return identity;
        }
        // `counters.bump_turns` of `SimpleNamespace(bump_turns=bump_turns, ...)`: what the constructor was given.
        if (object.type === 'types.SimpleNamespace' && object.ctor && !this.libraryAttributes.has(`${object.origin.key}.${name}`)) {
          const given = this.constructorArgs(object.ctor).keywords.get(name)?.value;
          if (given) return given;
        }
        if (object.type) {
          return this.libraryAttributes.get(`${object.origin.key}.${name}`)
            ?? (THREAD_LOCAL_TYPES.has(canonicalType(object.type)) ? this.threadLocalAttribute(object, name) : undefined)
            ?? { kind: 'external', name: `${canonicalType(object.type)}.${name}`, self: object };
        }
        return UNKNOWN;
      case 'class': {
        // `{cls.__name__: cls for cls in (Validator, Scheduler)}`: the class's name, a known text.
        if (name === '__name__' && !object.alternatives) return nameText(object.cls.name);
        const method = findMethod(this.module, object.cls, name);
        // `Account.shuffle_money` of a classmethod is bound to the class: its `cls` is Account.
        if (method) return method.decorators.includes('classmethod') ? { kind: 'function', fn: method, self: object } : { kind: 'function', fn: method };
        const attr = this.classAttribute(object.cls, name);
        return attr ?? UNKNOWN;
      }
      case 'container':
        return { kind: 'external', name: `${object.type === 'generator' ? 'list' : object.type}.${name}`, self: object };
      case 'str':
        return { kind: 'external', name: `${object.bytes ? 'bytes' : 'str'}.${name}`, self: object };
      // `crc.to_bytes(2, "big")`, `n.bit_length()`: a number's own method.
      case 'number':
        return { kind: 'external', name: `${Number.isInteger(object.value) || Number.isNaN(object.value) ? 'int' : 'float'}.${name}`, self: object };
      case 'unknown':
        // `line.splitlines()`, `name.strip()`: only strings have these methods.
        if (STRING_METHODS.has(name)) return { kind: 'external', name: `str.${name}`, self: { kind: 'str', bytes: false } };
        // `path.read_text()`, `path.write_text(text)`: pathlib reads or writes the whole file.
        if (name === 'read_text' || name === 'read_bytes') return { kind: 'external', name: 'file.read', self: name === 'read_bytes' ? A_BINARY_FILE : A_FILE };
        if (name === 'write_text' || name === 'write_bytes') return { kind: 'external', name: 'file.write', self: A_FILE };
        // Attributes of an object we cannot see still have an identity: they belong to it.
        return object.origin ? { kind: 'unknown', origin: { key: `${object.origin.key}.${name}`, sharing: object.origin.sharing } } : UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  private instanceMember(object: Extract<Value, { kind: 'instance' }>, cls: ClassInfo, name: string, frame: Frame): Value {
    // Duck typing: classes with no base that has the method, each with its own.
    const method = findMethod(this.module, cls, name)
      ?? object.alternatives?.map((alternative) => findMethod(this.module, alternative, name)).find((found) => !!found);
    if (method) {
      if (method.decorators.includes('property')) return this.returnValue(method, new Map([[method.params[0]?.name ?? 'self', object]]), frame);
      const dispatched = this.dispatchedTo(method);
      if (dispatched) return { kind: 'function', fn: method, self: object, alternatives: dispatched };
      const wrapped = this.decoratedMethod(method);
      // An object of one of several classes: the method each of them has under the name, where they differ.
      const others = object.alternatives && !wrapped
        ? [...new Set(object.alternatives.map((alternative) => findMethod(this.module, alternative, name)))].filter((other): other is FunctionInfo => !!other && other !== method && !other.decorators.includes('property'))
        : [];
      // `self._mark_done()` of a classmethod: its `cls` is the object's class (`cls.completed += 1` is the class's).
      const receiver: Value = method.decorators.includes('classmethod')
        ? { kind: 'class', cls, ...(object.alternatives ? { alternatives: object.alternatives } : {}) } : object;
      return { ...(wrapped ?? { kind: 'function', fn: method }), self: receiver, ...(others.length > 0 ? { alternatives: others } : {}) };
    }
    const assigned = this.instanceAttribute(object, cls, name) ?? this.dataclassField(object, cls, name);
    if (assigned) return assigned;
    const classAttr = this.classAttribute(cls, name);
    // An object of one of several classes whose flag differs (`needs_clamp` True for some): a test of it decides nothing.
    if (classAttr?.kind === 'bool' && object.alternatives?.some((other) => {
      const flag = this.classAttribute(other, name);
      return flag?.kind !== 'bool' || flag.value !== classAttr.value;
    })) return { kind: 'unknown', origin: { key: `${object.origin.key}.${name}`, sharing: object.origin.sharing } };
    if (classAttr) return classAttr;
    // A request handler's `self.server`: the threading server that made it.
    const server = name === 'server' ? this.requestServers.get(cls) : undefined;
    if (server) return server;
    // A library base class (threading.Thread) provides the rest.
    const libraryBase = libraryBaseOf(this, cls);
    if (libraryBase === 'threading.Thread') {
      const identity = threadIdentityAttribute(name, object.origin.key);
      if (identity) return identity;
    }
    if (libraryBase) return { kind: 'external', name: `${libraryBase}.${name}`, self: object };
    return { kind: 'unknown', origin: { key: `${object.origin.key}.${name}`, sharing: object.origin.sharing } };
  }

  /**
   * A field of a `@dataclass` or a `NamedTuple`, as its generated `__init__` (or `__new__`) sets it: from the
   * constructor's argument, by keyword or by the field's position among the annotated names of the class body.
   */
  private dataclassField(object: Extract<Value, { kind: 'instance' }>, cls: ClassInfo, name: string): Value | undefined {
    const fields = this.dataclassFields(cls);
    const index = fields?.indexOf(name) ?? -1;
    if (index < 0) return undefined;
    // Without the constructor call (an item of a container), the field is whatever the object was given: for some
    // one of the objects the file spells (`flags[key]`), what their fields have in common.
    if (!object.ctor) {
      const origin = { key: `${object.origin.key}.${name}`, sharing: object.origin.sharing };
      const examples = !object.alternatives ? object.examples : undefined;
      const common = examples ? commonField(examples.map((example) => this.dataclassField(example, cls, name) ?? UNKNOWN), origin) : undefined;
      // `sources: list = field(default_factory=list)`: some list, whatever is in it (or what code outside the class
      // sets it to, see below).
      const made = common ? undefined : this.factoryContainer(cls, name);
      const setLater = made ? this.givenFromOutside(object, cls, name) : undefined;
      return common ?? setLater ?? (made ? { kind: 'container', type: made, origin } : this.factoryObject(cls, name, origin) ?? { kind: 'unknown', origin });
    }
    // A thread's own object owns what its constructor call made (see constructorFrame).
    const passed = this.constructorArgs(object.ctor);
    const args = object.origin.sharing === 'per-instance' ? madeBy(object.ctor.call, passed, object.ctor.own) : passed;
    const byKeyword = args.keywords.get(name)?.value;
    if (byKeyword) return byKeyword;
    const before = args.positional.slice(0, index + 1);
    if (before.some((arg) => arg.splat)) return undefined;
    const given = args.positional[index]?.value;
    if (given) return given;
    // Not given: a constant default, or `field(default_factory=dict)`, which makes each instance its own.
    const fallback = this.classAttribute(cls, name);
    const origin = { key: `${object.origin.key}.${name}`, sharing: object.origin.sharing };
    // `Order(**json.load(fh))`: keywords the file cannot see may set it, so its default is only one of its values.
    if (fallback && (fallback.kind === 'number' || fallback.kind === 'str' || fallback.kind === 'bool' || fallback.kind === 'none')) {
      return unseenKeywords(args) ? { kind: 'unknown', origin } : fallback;
    }
    const made = this.factoryContainer(cls, name);
    if (!made) return this.factoryObject(cls, name, origin) ?? { kind: 'unknown', origin };
    if (this.attributeOnlyRead(name)) return { kind: 'container', type: made, length: 0, origin };
    // `links: dict = field(default_factory=dict)`, then `dash.links = {...}` by the factory that made the object: what
    // its methods use is what it was given.
    const setLater = this.givenFromOutside(object, cls, name);
    if (setLater) return setLater;
    // `objects: list = field(default_factory=list)` filled by `self.objects.append(...)` in one method, called in
    // counted loops: at most those rounds, of what the method stores (`self.snapshots[key] = dict(state)` too).
    const stored = this.storedAttributeItem(cls, name);
    const itemValue = stored && storedAsItem(stored, origin);
    const filledBy = made === 'dict' || !itemValue ? undefined : this.appendedOnceARound(object, cls, undefined, name);
    return { kind: 'container', type: made, origin, ...(itemValue ? { itemValue } : {}), ...(filledBy !== undefined ? { atMost: filledBy } : {}) };
  }

  /**
   * Is every `.name` of the file only read, iterated over, measured or indexed (`for rule in flag.rules`,
   * `len(x.rules)`, `x.rules[0]`)? Then a container made empty for it stays empty.
   */
  private attributeOnlyRead(name: string): boolean {
    const source = this.module.source;
    return this.module.words.occurrences(name).every((at) => {
      if (at === 0 || source[at - 1] !== '.') return true;
      const node = nodeAt(this.module.root, at, NO_OPAQUE_NODES);
      const attribute = node.parent;
      if (node.type !== 'identifier' || attribute?.type !== 'attribute') return false;
      const user = attribute.parent;
      if (user?.type === 'for_statement' || user?.type === 'for_in_clause') return user.children[1] === attribute;
      if (user?.type === 'subscript') {
        const stored = (user.parent?.type === 'assignment' || user.parent?.type === 'augmented_assignment') && user.parent.children[0] === user;
        return user.children[0] === attribute && !stored;
      }
      const call = user?.type === 'argument_list' ? user.parent : undefined;
      return call?.type === 'call' && this.text(call.children[0]!) === 'len';
    });
  }

  /** `ops: list = field(default_factory=list)`: the kind of container each instance gets, its items unknown. */
  private factoryContainer(cls: ClassInfo, name: string): 'list' | 'dict' | 'set' | undefined {
    const node = this.defaultFactory(cls, name);
    const factory = node && this.text(node).replace(/^collections\./, '');
    return factory === 'list' || factory === 'deque' ? 'list' : factory === 'set' ? 'set'
      : factory && ['dict', 'defaultdict', 'OrderedDict', 'Counter'].includes(factory) ? 'dict' : undefined;
  }

  /**
   * `_lock: threading.Lock = field(default_factory=threading.Lock)`: each instance's own lock; `radio: Radio =
   * field(default_factory=Radio)`, a class of this file: each instance's own object of it.
   */
  private factoryObject(cls: ClassInfo, name: string, origin: Origin): Value | undefined {
    const node = this.defaultFactory(cls, name);
    // `field(default_factory=lambda: threading.BoundedSemaphore(1))`: what the lambda makes, its value with it.
    const lambda = node?.type === 'lambda' ? this.module.functionByNode.get(node) : undefined;
    if (lambda?.body && lambda.params.length === 0) {
      const made = this.evaluate(lambda.body, this.moduleFrame);
      // `field(default_factory=lambda: dict(PALETTE))`: each instance's own copy of that table, while no code adds
      // keys to the field.
      if (made.kind === 'container' && made.type === 'dict' && made.length !== undefined && !this.attributeGrows(name, true)) return { ...made, origin };
      return made.kind === 'instance' && made.type && (LOCK_TYPES.has(made.type) || SEMAPHORE_TYPES.has(made.type) || THREAD_LOCAL_TYPES.has(canonicalType(made.type)))
        ? { ...made, origin } : undefined;
    }
    const factory = node && this.evaluate(node, this.moduleFrame);
    if (factory?.kind === 'class') return { kind: 'instance', cls: factory.cls, origin };
    // `clerk_local: threading.local = field(default_factory=threading.local)`: each instance's own thread-local.
    const made = factory?.kind === 'external' && !factory.self && (LOCK_TYPES.has(factory.name) || THREAD_LOCAL_TYPES.has(canonicalType(factory.name)));
    return made ? { kind: 'instance', type: factory.name, origin } : undefined;
  }

  /** The `default_factory` a dataclass field's `field(...)` names, when it names one. */
  private defaultFactory(cls: ClassInfo, name: string): Syntax | undefined {
    const statements = classChain(this.module, cls).flatMap((owner) => owner.node.children.find((child) => child.type === 'block')?.children ?? []);
    for (const statement of statements) {
      const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
      if (assignment?.type !== 'assignment') continue;
      const { left, right } = assignmentParts(assignment);
      if (left?.type !== 'identifier' || this.text(left) !== name || right?.type !== 'call' || !/^(dataclasses\.)?field$/.test(this.text(right.children[0]!))) continue;
      for (const argument of right.children[1]?.children ?? []) {
        if (argument.type === 'keyword_argument' && this.text(argument.children[0]!) === 'default_factory') return argument.children[1];
      }
    }
    return undefined;
  }

  /** The fields of a `@dataclass` or a `NamedTuple` class (annotated names of its body, in order), or undefined. */
  private dataclassFields(cls: ClassInfo): string[] | undefined {
    if (this.fieldsByClass.has(cls)) return this.fieldsByClass.get(cls);
    const decorated = cls.node.parent?.type === 'decorated_definition' ? cls.node.parent : undefined;
    const isDataclass = decorated?.children.some((child) => child.type === 'decorator' && /^@\s*(dataclasses\.)?dataclass\b/.test(this.text(child)));
    // `class Job(NamedTuple): key: str; func: Callable`: the same fields, in the same order.
    const bases = cls.node.children.find((child) => child.type === 'argument_list');
    const isNamedTuple = !!bases?.children.some((base) => /^(typing\.)?NamedTuple$/.test(this.text(base)));
    let fields: string[] | undefined;
    if (isDataclass || isNamedTuple) {
      // A dataclass's own fields come after its dataclass bases' (`class ManagedWard(Ward)`), a field it declares
      // again keeping its first place.
      this.fieldsByClass.set(cls, undefined);
      const inherited = isDataclass ? classChain(this.module, cls).slice(1).reverse().flatMap((base) => this.dataclassFields(base) ?? []) : [];
      fields = [...new Set(inherited)];
      const body = cls.node.children.find((child) => child.type === 'block');
      for (const statement of body?.children ?? []) {
        const assignment = statement.type === 'expression_statement' ? statement.children[0] : undefined;
        if (assignment?.type !== 'assignment') continue;
        const { left, annotation } = assignmentParts(assignment);
        if (left?.type !== 'identifier' || !annotation || /\bClassVar\b/.test(this.text(annotation))) continue;
        if (!fields.includes(this.text(left))) fields.push(this.text(left));
      }
    } else if (!findMethod(this.module, cls, '__init__')) {
      // `class AuditingVerifier(Verifier)` with no `__init__` anywhere in its chain: made by the generated one of its
      // nearest dataclass base, with that base's fields.
      this.fieldsByClass.set(cls, undefined);
      for (const base of classChain(this.module, cls).slice(1)) {
        fields = this.dataclassFields(base);
        if (fields) break;
      }
    }
    this.fieldsByClass.set(cls, fields);
    return fields;
  }

  private readonly fieldsByClass = new Map<ClassInfo, string[] | undefined>();

  /**
   * `self.rfile` and `self.wfile` of a socketserver or http.server request handler: the connection's socket as a
   * buffered stream (reading a line waits for the peer to send it). Undefined for other attributes and classes.
   */
  private handlerStream(object: Extract<Value, { kind: 'instance' }>, cls: ClassInfo, name: string): Value | undefined {
    if (name !== 'rfile' && name !== 'wfile') return undefined;
    const base = libraryBaseOf(this, cls);
    if (!base || !STREAM_HANDLERS.has(base)) return undefined;
    return { kind: 'instance', type: SOCKET_STREAM, origin: { key: `${object.origin.key}.${name}`, sharing: object.origin.sharing } };
  }

  /** `self.name = value` in the class's methods, preferring `__init__`, evaluated with the constructor's arguments. */
  private instanceAttribute(object: Extract<Value, { kind: 'instance' }>, cls: ClassInfo, name: string): Value | undefined {
    const guard = `attr:${object.origin.key}.${name}`;
    if (this.attributesInProgress.has(guard)) return undefined;
    this.attributesInProgress.add(guard);
    try {
      const assignment = this.attributeAssignment(cls, name);
      // `teller.accounts = self.bank.accounts` in another class's method, over the empty dict `__init__` starts with:
      // what the object is given after it is made is what its methods use.
      if (!assignment || (assignment.method.name === '__init__' && isPlaceholder(assignment.site))) {
        const given = this.givenFromOutside(object, cls, name);
        if (given) return given;
      }
      if (!assignment) return this.handlerStream(object, cls, name);
      const { method, site } = assignment;
      // Some one of the objects the file names (`fine if i % 2 else plain`): what their constructors gave each, in
      // common (`self.brush` a Brush of either class).
      if (method.name === '__init__' && !object.ctor && object.examples && !object.alternatives) {
        // (Each by its own constructor call: the pick may carry one example's identity, which is being looked up.)
        const given = object.examples.map((example) => (example.ctor ? unpackedPart(this.evaluate(site, this.constructorFrame(example, method)), site, name) : UNKNOWN));
        const common = this.commonInstance(given) ?? commonField(given, { key: `${object.origin.key}.${name}`, sharing: object.origin.sharing });
        if (common) return common;
      }
      // A dataclass's `__post_init__` runs as part of the constructor call too, on that object (`self.target =
      // self._work_loop` is this worker's method).
      const frame = (method.name === '__init__' || (method.name === '__post_init__' && method.params.length === 1)) && object.ctor
        ? this.constructorFrame(object, method) : this.genericFrame(method);
      const made = unpackedPart(this.evaluate(site, frame), site, name);
      // `self.adj = [[] for _ in range(n)]` filled by `self.adj[a].append(...)`: its lists are empty only at first.
      const rows = made.kind === 'container' && made.origin.site === site ? made.itemValue : undefined;
      const value = rows?.kind === 'container' && rows.length === 0 && growsByGroup(this.module.source, name, this.module.words)
        ? { ...made, itemValue: { ...rows, length: undefined } } as Value : made;
      const origin: Origin = { key: `${object.origin.key}.${name}`, sharing: object.origin.sharing, site };
      // `self.listeners = defaultdict(list)` filled by `self.listeners[kind].append(listener)` grows too.
      const grows = (value: Value) => value.kind === 'container' && (this.attributeGrows(name, value.type === 'dict')
        || (value.type === 'dict' && value.length === 0 && growsByGroup(this.module.source, name, this.module.words)));
      // `self.cars = []`, replaced by the code that made the object (`dispatcher.cars = [Car(i, ...) ...]`): its
      // length is not the literal's either.
      if (value.kind === 'container' && value.origin.site === site && value.length !== undefined && method.name === '__init__' && this.setAfterConstruction(name, true)) {
        return { ...value, origin, length: undefined, items: undefined };
      }
      if (value.kind === 'container' && value.origin.site === site && value.length !== undefined && grows(value)) {
        // `self.jobs = []` then `self.jobs.append(job)`: the literal's length is only where it starts; what the
        // methods store shapes the items.
        const stored = value.itemValue || value.length !== 0 ? undefined : this.storedAttributeItem(cls, name);
        const handedIn = stored !== undefined && isHandedIn(stored);
        const itemValue = value.itemValue ?? (stored && storedAsItem(stored, origin));
        // The objects main appended to this very list, one by one: those, each itself.
        const named = this.namedAs.get(object.origin.key);
        const filled = this.readsFilled && value.type !== 'dict' ? this.filledByMain.get(origin.key) ?? (named ? this.filledByMain.get(`${named}.${name}`) : undefined) : undefined;
        if (filled && filled.length <= MAX_SPELLED_ITEMS) {
          this.filledReads++;
          return { ...value, origin, length: filled.length, items: filled, itemValue: undefined };
        }
        const length = value.length === 0 && value.type !== 'dict' ? this.attributeLoadRounds(cls, method, name, frame) : undefined;
        // `self.won = []` filled by `self.won.append(gem)` in the one run of a loop of another method: no more items
        // than that loop's rounds.
        const filledBy = length === undefined && value.length === 0 && value.type !== 'dict' && !handedIn ? this.appendedOnceARound(object, cls, method, name) : undefined;
        // No more of them than the calls hand in, all told (`for feed in feeds: for obs in observers: feed.attach(obs)`).
        const handed = handedIn && length === undefined ? this.handedInCounts.get(Number(stored.origin.key.slice('passed:'.length))) : undefined;
        // `self._rows = list(rows)` of 120,000 rows, appended to as the program runs: those rows at least.
        const least = length === undefined && value.length > 0 && value.type !== 'dict' ? { atLeast: value.length } : {};
        return { ...value, origin, length, items: undefined, itemValue, ...(handed !== undefined ? { atMost: handed } : filledBy !== undefined ? { atMost: Math.min(filledBy, value.atMost ?? filledBy) } : least) };
      }
      if ((value.kind === 'container' || value.kind === 'instance') && value.origin.site === site) return { ...value, origin };
      if (value.kind === 'function' && object.origin.sharing !== 'shared' && this.closureMadeBy(site, value, frame)) {
        return { ...value, closure: this.ownedClosure(value.closure!, object.origin.sharing) };
      }
      // Without its constructor call, a parameter's value is what every construction of the file gives it, when they
      // agree on one object (`Deposit(acct, 40)`, `Withdraw(acct, 75)`, `Audit(acct)`: the one account); otherwise
      // whatever the object was given: its own attribute.
      // `def set_limiter(self, limiter): self.limiter = limiter`, called as `client.set_limiter(limiter)`: what the
      // calls hand in (made in the call, each object's own; otherwise one object every holder shares).
      if (value.kind === 'unknown' && method.name !== '__init__' && site.type === 'identifier') {
        const handed = this.setterArgument(method, site, cls);
        if (handed) return handed.made ? ownAttribute(object, name, handed.value) : sharedAs(handed.value, givenKey(cls, name));
      }
      if (value.kind === 'unknown' && !object.ctor && method.name === '__init__' && site.type === 'identifier') {
        const agreed = this.agreedArgument(method, this.text(site));
        // Found in a frame of the analysis's own (not the walk's), the one object every construction hands over is
        // shared as its holders are: one object, whichever of them reaches it.
        if (agreed && (agreed.kind === 'instance' || agreed.kind === 'container') && agreed.origin.sharing !== 'shared' && object.origin.sharing === 'shared') {
          return sharedAs(agreed, givenKey(method.cls ?? cls, name));
        }
        if (agreed) return agreed;
      }
      if (value.kind === 'unknown' && (!value.origin || (!object.ctor && /^p\d/.test(value.origin.key)))) return { kind: 'unknown', origin };
      return value;
    } finally {
      this.attributesInProgress.delete(guard);
    }
  }

  /** What code outside the class sets the attribute to (see outsideAssignment), as this object has it. */
  private givenFromOutside(object: Extract<Value, { kind: 'instance' }>, cls: ClassInfo, name: string): Value | undefined {
    const given = this.outsideAssignment(cls, name);
    if (!given) return undefined;
    // Made by the assignment (`worker.results = []`): each object's own. Reached from elsewhere (another object's
    // dict): one object, whoever is given it.
    if (!given.made) return sharedAs(given.value, givenKey(cls, name));
    const own = ownAttribute(object, name, given.value);
    // `node.peers = [nodes[(i + k) % n] for k in ...]`: the list is the node's own, the objects in it are not.
    const item = own.kind === 'container' ? own.itemValue : undefined;
    const from = item?.kind === 'container' || item?.kind === 'instance' ? item.origin.site ?? (item.kind === 'instance' ? item.madeBy : undefined) : undefined;
    const elsewhere = item?.kind === 'instance' && (!from || from.start < given.site.start || from.end > given.site.end);
    return own.kind === 'container' && item && elsewhere ? { ...own, itemValue: sharedAs(item, `${givenKey(cls, name)}[]`) } : own;
  }

  private readonly outsideAssignments = new Map<string, { value: Value; made: boolean; site: Syntax } | undefined>();

  /**
   * `teller.accounts = self.bank.accounts` (or `worker.jobs = jobs` in `main`): an attribute of this class's objects
   * set by code outside the class, on an object the code is handed or made; the value it sets, in the frame of the
   * first call that hands it an object of the class. With `onClass`, set on the class itself
   * (`MetricsHandler.registry = registry` in `main`).
   */
  private outsideAssignment(cls: ClassInfo, name: string, onClass = false): { value: Value; made: boolean; site: Syntax } | undefined {
    const memo = `${cls.id}:${name}:${onClass}`;
    if (this.outsideAssignments.has(memo)) return this.outsideAssignments.get(memo);
    this.outsideAssignments.set(memo, undefined);
    const source = this.module.source;
    const chain = classChain(this.module, cls);
    let found: { value: Value; made: boolean; site: Syntax } | undefined;
    search: for (const at of this.module.words.occurrences(name)) {
      // `x.name = ...` (not `==`), and not `self.name = ...`, a class's own: looked at in the text before the tree.
      if (at === 0 || source.charCodeAt(at - 1) !== 46 || !assignedAt(source, at + name.length) || isSelfBefore(source, at - 1)) continue;
      const node = nodeAt(this.module.root, at, NO_OPAQUE_NODES);
      const target = node.type === 'identifier' ? node.parent : undefined;
      const assignment = target?.type === 'attribute' && target.children[target.children.length - 1] === node ? target.parent : undefined;
      if (assignment?.type !== 'assignment' || assignment.children[0] !== target) continue;
      const object = target.children[0];
      const value = assignment.children.filter((child) => child.type !== 'type').slice(1).pop();
      const fn = this.functionAt(at);
      if (object?.type !== 'identifier' || !value) continue;
      // The class's own `self.name = ...` is attributeAssignment's.
      if (fn?.cls && chain.includes(fn.cls) && fn.params[0]?.name === this.text(object)) continue;
      for (const frame of fn ? this.framesHanded(fn) : [this.moduleFrame]) {
        const owner = this.evaluate(object, frame);
        // `for stage in [tokenizer] + indexers: stage.metrics = metrics`: an object of one of several classes.
        const classes = owner.kind === 'instance' && !onClass ? owner.alternatives ?? (owner.cls ? [owner.cls] : [])
          : owner.kind === 'class' && onClass ? [owner.cls] : [];
        if (classes.some((each) => classChain(this.module, each).includes(cls))) {
          // What the object is given, its thread reaches: a bound method's object (`poller.on_reading = agg.record`)
          // or a lambda's cells are shared as that thread sees them.
          const given = this.evaluate(value, this.sharedClosure(frame));
          const site = 'origin' in given ? given.origin?.site : undefined;
          found = { value: given, made: !!site && ((site.start >= value.start && site.end <= value.end) || this.madeByCallee(value, site, frame)), site: value };
          break search;
        }
      }
    }
    this.outsideAssignments.set(memo, found);
    return found;
  }

  /**
   * `batch.particles = seed_particles(n, 40.0)`, whose body makes the list it returns (`return [... for i in
   * range(count)]`): each call makes a new one. Not a decorated function (a cache may hand back the same one).
   */
  private madeByCallee(value: Syntax, site: Syntax, frame: Frame): boolean {
    const callee = value.type === 'call' && value.children[0] ? this.evaluate(value.children[0], frame) : undefined;
    const body = callee?.kind === 'function' && callee.fn.decorators.length === 0 && !callee.fn.isAsync ? callee.fn.body : undefined;
    return !!body && site.start >= body.start && site.end <= body.end;
  }

  private readonly setterArguments = new Map<string, { value: Extract<Value, { kind: 'instance' | 'container' }>; made: boolean } | undefined>();

  /**
   * The object the calls of a method hand in for the parameter `param` names, on objects of class `cls` (those
   * calls first: `crawler.bind(internal_seen)` and `checker.bind(external_seen)` on a subclass), and whether the call
   * made it (`client.set_limiter(TokenBucket(5))`).
   */
  private setterArgument(method: FunctionInfo, param: Syntax, cls: ClassInfo): { value: Extract<Value, { kind: 'instance' | 'container' }>; made: boolean } | undefined {
    const memo = `${param.start}:${cls.id}`;
    if (this.setterArguments.has(memo)) return this.setterArguments.get(memo);
    this.setterArguments.set(memo, undefined);
    let found: { value: Extract<Value, { kind: 'instance' | 'container' }>; made: boolean } | undefined;
    const selfName = method.params[0]?.name;
    if (selfName && method.params.some((each) => each.name === this.text(param))) {
      for (const frame of this.framesHanded(method)) {
        const given = this.evaluate(param, frame);
        if (given.kind !== 'instance' && given.kind !== 'container') continue;
        const self = frame.args.get(selfName);
        const exact = self?.kind === 'instance' && self.cls === cls;
        if (found && !exact) continue;
        found = { value: given, made: given.origin.site?.parent?.type === 'argument_list' };
        if (exact) break;
      }
    }
    this.setterArguments.set(memo, found);
    return found;
  }

  /**
   * The frames a function runs in, as its calls give them: for a method, each `obj.method(...)` call of the file on
   * an object of its class, with that object as `self` (up to MAX_STORE_SITES calls).
   */
  private framesHanded(fn: FunctionInfo, depth = 0): Frame[] {
    if (!fn.cls) {
      const applied = this.decoratorFrames(fn);
      return applied.length > 0 ? applied : this.framesOfCode(fn);
    }
    // The same frames each time they are asked for (keyedStore asks on every lookup): one set, stable identities.
    const known = depth === 0 ? this.handedFrames.get(fn) : undefined;
    if (known) return known;
    const frames: Frame[] = [];
    if (depth === 0) this.handedFrames.set(fn, frames);
    for (const { receiver, call, fn: caller } of this.methodCalls([fn.name]).slice(0, MAX_STORE_SITES)) {
      // A method calling it (`compositor.hire(r)` calling `r.attach(self.canvas, ...)`): in the frames its own calls
      // give, one level up.
      // A decorator's inner function calling it (`self.register(name, fn)` in `decorate(fn)`): as each use applies it.
      const applied = caller && !caller.cls ? this.decoratorFrames(caller) : [];
      const callers = caller?.cls ? (depth < 1 ? this.framesHanded(caller, depth + 1).concat(this.constructingFrames(caller)) : [])
        : applied.length > 0 ? applied : [caller ? this.calledOnceFrame(caller) : this.moduleFrame];
      for (const frame of callers) {
        // What the caller makes and hands in, others can hold too (the branch every teller is attached to).
        const callerFrame = this.sharedClosure(frame);
        this.inRounds(call, callerFrame, () => {
          const self = this.evaluate(receiver, callerFrame);
          // A classmethod called on the class (`Dashboard.from_config(config, tmp)`) has it as `cls`.
          const onClass = self.kind === 'class' && fn.decorators.includes('classmethod');
          if ((self.kind !== 'instance' && !onClass) || !('cls' in self) || !self.cls || !classChain(this.module, self.cls).includes(fn.cls!)) return;
          frames.push(new Frame(fn, fn.scope, this.bindArguments(fn, this.callArgs(call, callerFrame), self), undefined, 'private', false));
        });
      }
    }
    return frames;
  }

  private readonly handedFrames = new Map<FunctionInfo, Frame[]>();

  /**
   * A constructor's frame (`__init__`, or a dataclass's `__post_init__`), which no call names: the one object the
   * file makes of its class, with what that call gave it (`self.bus.on("scent")(self.count_scent)` registers that
   * object's method). None when the class is made more than once.
   */
  private constructingFrames(fn: FunctionInfo): Frame[] {
    if (fn.name !== '__init__' && fn.name !== '__post_init__') return [];
    const once = this.madeOnceFrame(fn);
    const self = once?.args.get(fn.params[0]?.name ?? '');
    return self?.kind === 'instance' && self.ctor ? [this.constructorFrame(self, fn)] : once ? [once] : [];
  }

  /**
   * `@registry.register("thermocouple") def probe(...)`, where `register(self, kind)` returns its inner
   * `decorate(factory)`: the frames the inner function runs in, one a definition it decorates, the function (as the
   * decorators below left it) its first argument and the call that made it (`kind` bound) its closure.
   */
  private decoratorFrames(inner: FunctionInfo): Frame[] {
    const known = this.decoratorFramesOf.get(inner);
    if (known) return known;
    const frames: Frame[] = [];
    this.decoratorFramesOf.set(inner, frames);
    const outer = inner.body && !inner.isAsync && !inner.isLambda ? this.enclosingFunction(inner) : undefined;
    if (!outer || !this.module.source.includes('@')) return frames;
    for (const fn of this.module.functions) {
      const definition = fn.node.parent?.type === 'decorated_definition' ? fn.node.parent : undefined;
      if (!definition || fn === inner || frames.length >= MAX_STORE_SITES || !fn.decorators.some((text) => text.includes(outer.name))) continue;
      this.decorated({ kind: 'function', fn }, fn, scopeOf(this.module, definition), this.moduleFrame, (decorator, args) => {
        if (decorator.fn === inner) frames.push(new Frame(inner, inner.scope, args, decorator.closure, 'private', false));
      });
    }
    return frames;
  }

  private readonly decoratorFramesOf = new Map<FunctionInfo, Frame[]>();
  private readonly unrolledCalls = new Set<Syntax>();

  /**
   * Runs `visit` in the frame of the code around a call: once, or, when the call's one enclosing loop goes over a
   * short list the file spells (`for crew in CONFIG["crews"]: sup.register(crew, ...)`), once a round with the
   * loop's names bound to that round's item and the round named (what a round makes is its own), as the walker
   * unrolls it. The frame is as it was afterwards.
   */
  private inRounds(call: Syntax, frame: Frame, visit: () => void): void {
    const root = frame.fn?.body ?? this.module.root;
    let loop: Syntax | undefined;
    for (let child = call, at = call.parent; at && at !== root; child = at, at = at.parent) {
      if (at.type === 'function_definition' || at.type === 'lambda' || at.type === 'class_definition') break;
      if (at.type === 'for_statement' && child === at.children[1]) continue;
      if (at.type === 'while_statement' || at.type === 'for_in_clause' || (at.type === 'for_statement' && loop)) return visit();
      if (at.type === 'for_statement') loop = at;
    }
    const [target, iterable] = loop?.children ?? [];
    if (!loop || !target || !iterable) return visit();
    const spelled = this.evaluate(iterable, frame);
    const items = spelled.kind === 'container' && spelled.items && spelled.items.length <= LITERAL_ENTRIES_UNROLLED ? spelled.items : this.literalKeys(spelled, frame);
    if (!items || items.length === 0) return visit();
    this.unrolledCalls.add(call);
    const outer = frame.round;
    const known = new Map(frame.known);
    frame.roundLoops.push(loop);
    try {
      for (const [round, item] of items.entries()) {
        frame.memo.clear();
        frame.round = `${outer}#${round}`;
        this.bindTarget(target, item, frame);
        visit();
      }
    } finally {
      frame.round = outer;
      frame.roundLoops.pop();
      frame.known.clear();
      for (const [binding, value] of known) frame.known.set(binding, value);
      frame.memo.clear();
    }
  }

  /**
   * `self.scores = []` then `for i in range(n): self.scores.append(...)` in the same method, and no other method of the
   * class adds to it: the appends of that loop, in the frame the method runs in.
   */
  private attributeLoadRounds(cls: ClassInfo, method: FunctionInfo, name: string, frame: Frame): number | undefined {
    const loop = this.attributeLoadLoop(cls, method, name);
    const rounds = loop && this.nestedRounds(loop.loop, loop.outer, frame);
    return typeof rounds === 'number' ? rounds : undefined;
  }

  /** The loop of attributeLoadRounds, found once for each class, method and attribute (it does not depend on a frame). */
  private attributeLoadLoop(cls: ClassInfo, method: FunctionInfo, name: string): { loop: Syntax; outer: Syntax[] } | undefined {
    const key = `${cls.id}.${method.id}.${name}`;
    if (this.attributeLoadLoops.has(key)) return this.attributeLoadLoops.get(key);
    this.attributeLoadLoops.set(key, undefined);
    const selfName = method.params[0]?.name;
    if (!selfName || !method.body) return undefined;
    for (const owner of classChain(this.module, cls)) {
      for (const other of owner.methods.values()) {
        if (other !== method && mayGrow(this.textOfFunction(other), name, false, true)) return undefined;
      }
    }
    const appends = this.attributeMethodCalls(method.body, `${selfName}.${name}`);
    const call = appends.length === 1 ? appends[0] : undefined;
    const callee = call?.children[0];
    if (!call || !callee || !/^(append|add)$/.test(this.text(callee.children[callee.children.length - 1]))) return undefined;
    const around = this.appendLoop(call, method.body);
    if (!around || around.branch) return undefined;
    this.attributeLoadLoops.set(key, around);
    return around;
  }

  private readonly attributeLoadLoops = new Map<string, { loop: Syntax; outer: Syntax[] } | undefined>();

  /** The method calls on `held` (`self.scores.append(...)`) in a body, not in the functions it defines. */
  private attributeMethodCalls(body: Syntax, held: string): Syntax[] {
    const calls: Syntax[] = [];
    walk(body, (node) => {
      if (node.type === 'function_definition' || node.type === 'lambda' || node.type === 'class_definition') return false;
      const callee = node.type === 'call' ? node.children[0] : undefined;
      const receiver = callee?.type === 'attribute' ? callee.children[0] : undefined;
      if (receiver?.type === 'attribute' && this.text(receiver) === held) calls.push(node);
      return undefined;
    });
    return calls;
  }

  /**
   * A list attribute `made` sets empty, that one other method of the class fills with one `append` (or `add`) in a
   * counted loop, perhaps under an `if`: at most that loop's rounds, when that method runs once for the object (a
   * thread's `run`, or a method the file calls once, outside loops). Read in a frame of that method on this object.
   */
  private appendedOnceARound(object: Extract<Value, { kind: 'instance' }>, cls: ClassInfo, made: FunctionInfo | undefined, name: string): number | undefined {
    const growing = classChain(this.module, cls).flatMap((owner) => [...owner.methods.values()])
      .filter((other) => other !== made && mayGrow(this.textOfFunction(other), name, false, true));
    const method = growing.length === 1 ? growing[0] : undefined;
    const selfName = method?.params[0]?.name;
    if (!method?.body || !selfName || method.isAsync) return undefined;
    const appends = this.attributeMethodCalls(method.body, `${selfName}.${name}`);
    const callee = appends.length === 1 ? appends[0].children[0] : undefined;
    if (!callee || !/^(append|add)$/.test(this.text(callee.children[callee.children.length - 1]))) return undefined;
    const calls = this.callsOfMethod(method.name);
    if (method.name !== 'run' && !insideLoop(appends[0], method.body)) return calls && this.roundsOfCalls(calls);
    // A thread's `run` is named as a target (`Thread(target=worker.run)`), not called: it runs once an object.
    const once = method.name === 'run' ? !calls?.length
      : calls?.length === 1 && !insideLoop(calls[0].call, calls[0].fn?.body ?? this.module.root);
    if (!once) return undefined;
    const around = this.appendLoop(appends[0], method.body);
    if (!around) return undefined;
    const frame = new Frame(method, method.scope, new Map([[selfName, object]]), undefined, 'private', false);
    const rounds = this.nestedRounds(around.loop, around.outer, frame);
    return typeof rounds === 'number' ? rounds : rounds?.atMost;
  }

  /**
   * Every `x.method(...)` of the file, whatever its arguments (methodCalls wants a positional first one), with the
   * function making it; undefined when the method is also named without a call (`callback=x.method`).
   */
  private callsOfMethod(method: string): Array<{ call: Syntax; fn: FunctionInfo | undefined }> | undefined {
    const calls: Array<{ call: Syntax; fn: FunctionInfo | undefined }> = [];
    for (const at of this.module.words.occurrences(method)) {
      const name = nodeAt(this.module.root, at, NO_OPAQUE_NODES);
      const attribute = name.type === 'identifier' ? name.parent : undefined;
      if (attribute?.type !== 'attribute' || attribute.children[attribute.children.length - 1] !== name) continue;
      if (attribute.parent?.type !== 'call' || attribute.parent.children[0] !== attribute) return undefined;
      calls.push({ call: attribute.parent, fn: this.functionAt(at) });
    }
    return calls;
  }

  /**
   * `def dispatch(self, ...): self._pending.append(job)`, one item a call, called as statements of code that runs once,
   * perhaps in counted loops (`for n, order in enumerate(ORDERS): workshop.dispatch(...)` in main): the rounds of
   * those calls, all told. Undefined when a call is made by a method or a function the file may call more than once.
   */
  private roundsOfCalls(calls: ReadonlyArray<{ call: Syntax; fn: FunctionInfo | undefined }>): number | undefined {
    let total = 0;
    for (const { call, fn } of calls) {
      const root = fn ? fn.body : this.module.root;
      const only = fn && !fn.cls && !fn.isAsync && !this.enclosingFunction(fn) ? this.onlyCall(fn) : undefined;
      if (!root || (fn && (!only || insideLoop(only, this.functionAt(only.start)?.body ?? this.module.root)))) return undefined;
      if (!insideLoop(call, root)) {
        total += 1;
        continue;
      }
      const around = this.appendLoop(call, root);
      const rounds = around && this.nestedRounds(around.loop, around.outer, fn ? this.calledOnceFrame(fn) : this.moduleFrame);
      if (typeof rounds !== 'number') return undefined;
      total += rounds;
    }
    return total > 0 ? total : undefined;
  }

  /**
   * `self.meter = make_meter(name)`: the call made the closure's frame (its `nonlocal calls`) for this object alone.
   */
  private closureMadeBy(site: Syntax, value: Extract<Value, { kind: 'function' }>, frame: Frame): boolean {
    const closure = value.closure;
    if (!closure || closure.generic || site.type !== 'call' || !site.children[0]) return false;
    const callee = this.evaluate(site.children[0], frame);
    return callee.kind === 'function' && callee.fn === closure.fn;
  }

  /**
   * `Thread(args=(make_counter(),))`: a closure the call spelled there made, so each thread that call starts gets
   * cells of its own. Undefined when the value is not a closure that call made.
   */
  closureOfItsOwn(value: Value, node: Syntax, frame: Frame): Value | undefined {
    if (value.kind !== 'function' || !this.closureMadeBy(node, value, frame)) return undefined;
    return { ...value, closure: this.ownedClosure(value.closure!, 'per-instance') };
  }

  /**
   * A closure frame whose objects are its runner's own (a coroutine's, made where one thread runs it), as the threads
   * it is handed to see it: what it makes, they share (`pool.submit(lambda: serve(bucket))` in `async def main`).
   * One copy a frame: stable keys.
   */
  sharedClosure(closure: Frame): Frame {
    if (closure.allocation === 'shared') return closure;
    let shared = this.sharedClosures.get(closure);
    if (!shared) {
      shared = new Frame(closure.fn, closure.scope, closure.args, closure.closure, 'shared', closure.generic, closure.cellSharing);
      this.sharedClosures.set(closure, shared);
    }
    return shared;
  }

  private readonly sharedClosures = new Map<Frame, Frame>();

  /** The same closure frame, its cells as private as the object owning it (one copy a frame and sharing: stable keys). */
  private ownedClosure(closure: Frame, sharing: Sharing): Frame {
    const key = `${closure.id}:${sharing}`;
    let owned = this.ownedClosures.get(key);
    if (!owned) {
      owned = new Frame(closure.fn, closure.scope, closure.args, closure.closure, closure.allocation, closure.generic, sharing);
      this.ownedClosures.set(key, owned);
    }
    return owned;
  }

  private readonly ownedClosures = new Map<string, Frame>();

  /**
   * `self.counters[key] = Counter(key)` or `self.jobs.append(Job(...))` in the methods of a class (or its bases):
   * when every such store makes an instance of one class, an item of the attribute is one of them.
   */
  private storedAttributeItem(cls: ClassInfo, name: string): Value | undefined {
    const memo = `${cls.id}.${name}`;
    if (this.storedAttributeItems.has(memo)) return this.storedAttributeItems.get(memo);
    this.storedAttributeItems.set(memo, undefined);
    let made: Extract<Value, { kind: 'instance' }> | undefined;
    let copied: Extract<Value, { kind: 'container' }> | undefined;
    const classes: ClassInfo[] = [];
    let sites = 0;
    let mixed = false;
    let grouped: boolean | undefined;
    for (const owner of classChain(this.module, cls)) {
      for (const method of this.methodsInitFirst(owner)) {
        const selfName = method.params[0]?.name;
        if (!selfName || !this.textOfFunction(method).includes(name) || !method.body) continue;
        const called = this.onlyMethodCallFrame(method, cls);
        const frame = called ?? this.genericFrame(method);
        walk(method.body, (node) => {
          if (mixed || node.type === 'function_definition' || node.type === 'lambda' || node.type === 'class_definition') return false;
          const object = node.children[0];
          if (node.type !== 'attribute' || object?.type !== 'identifier' || this.text(object) !== selfName) return;
          if (this.text(node.children[node.children.length - 1]) !== name) return;
          // `self.routes.setdefault(topic, []).append(handler)`: a list for each key, of what is stored.
          const defaulted = node.parent?.type === 'attribute' && node.parent.children[0] === node && node.parent.parent?.type === 'call'
            && this.text(node.parent.children[node.parent.children.length - 1]) === 'setdefault'
            ? groupStore(node.parent.parent, (at) => this.text(at)) : undefined;
          const direct = defaulted ? undefined : storedExpression(node, (at) => this.text(at));
          // `self.listeners[kind].append(listener)` into a `defaultdict(list)`: an item is a list of what is stored.
          const stored = defaulted ?? direct ?? (node.parent?.type === 'subscript' && node.parent.children[0] === node ? groupStore(node.parent, (at) => this.text(at)) : undefined);
          if (!stored) return;
          if ((grouped ??= !direct) !== !direct) {
            mixed = true;
            return false;
          }
          // `self.listeners.append(listener)` in `subscribe(self, listener)`: the objects callers subscribe.
          const position = stored.type === 'identifier' ? method.params.findIndex((param, i) => i > 0 && param.name === this.text(stored)) : -1;
          if (position > 0 && method.params[position].kind === 'positional' && !made) {
            made = this.passedInstances(method, cls, position - 1);
            if (!made) mixed = true;
            return false;
          }
          // `sheet = Sheet(w, h)`, then `self.sheets.append(sheet)`: the constructor call the local name holds.
          const call = stored.type === 'identifier' ? this.onlyCallAssigned(stored) ?? stored : stored;
          const callee = call.type === 'call' && call.children[0] ? this.evaluate(call.children[0], frame) : undefined;
          // `self.snapshots[key] = dict(state)`, the one store, of the method's one call: a copy of what it was given.
          const copies = call.type === 'call' && ['dict', 'list', 'set'].includes(this.text(call.children[0]!));
          const copy = called && copies && !made && sites === 0 ? this.evaluate(call, frame) : undefined;
          if (copy?.kind === 'container' && copy.origin.site === call) {
            copied = copy;
            sites++;
            return false;
          }
          const value = callee?.kind === 'class' ? this.evaluate(call, frame) : undefined;
          if (value?.kind !== 'instance' || !value.cls || copied || (made && classes.length === 0) || ++sites > MAX_STORE_SITES) {
            mixed = true;
            return false;
          }
          // Which arguments the constructor got depends on the caller: the item is some instance of the class, made
          // with the arguments of the method's one call when it has one.
          made ??= { kind: 'instance', cls: value.cls, type: value.type, origin: value.origin, ...(called && value.ctor ? { ctor: value.ctor } : {}) };
          // `self.metrics[name] = Counter(name)` in one method, `= Histogram(name)` in another: one of those classes.
          if (!classes.includes(value.cls)) classes.push(value.cls);
        });
        if (mixed) return undefined;
      }
    }
    // `index.records[key] = Record(key)` in a module function handed the object: those stores count too.
    for (const fn of made || classes.length === 0 ? this.module.functions : []) {
      if (mixed || !fn.body || fn.cls || fn.isLambda || !this.textOfFunction(fn).includes(`.${name}`)) continue;
      walk(fn.body, (node) => {
        if (mixed || DEFINITIONS.has(node.type)) return false;
        const object = node.type === 'attribute' ? node.children[0] : undefined;
        if (object?.type !== 'identifier' || this.text(node.children[node.children.length - 1]) !== name) return undefined;
        const stored = storedExpression(node, (at) => this.text(at));
        if (!stored || !this.handedObjectOf(fn, object, cls, name)) return false;
        const frame = this.genericFrame(fn);
        const callee = stored.type === 'call' && stored.children[0] ? this.evaluate(stored.children[0], frame) : undefined;
        const value = callee?.kind === 'class' ? this.evaluate(stored, frame) : undefined;
        if (value?.kind !== 'instance' || !value.cls || copied || (made && !classes.includes(value.cls)) || ++sites > MAX_STORE_SITES) {
          mixed = true;
          return false;
        }
        grouped = false;
        made ??= { kind: 'instance', cls: value.cls, type: value.type, origin: value.origin };
        if (!classes.includes(value.cls)) classes.push(value.cls);
        return false;
      });
      if (mixed) return undefined;
    }
    if (made && classes.length > 1) made = { ...made, cls: this.commonBase(classes) ?? classes[0], alternatives: classes };
    const item: Value | undefined = made && grouped
      ? { kind: 'container', type: 'list', itemValue: made, origin: { key: `${made.origin.key}:group`, sharing: 'shared' } }
      : made ?? (grouped ? undefined : copied);
    this.storedAttributeItems.set(memo, item);
    return item;
  }

  private readonly storedAttributeItems = new Map<string, Value | undefined>();

  /**
   * `object` in a module function is an object of `cls` (or of a subclass): as the calls of the function hand it
   * over, or, when they say nothing, whatever it is, if no other class has an attribute called `name`.
   */
  private handedObjectOf(fn: FunctionInfo, object: Syntax, cls: ClassInfo, name: string): boolean {
    const owners = this.framesOfCode(fn).map((frame) => this.evaluate(object, frame));
    if (owners.some((owner) => owner.kind === 'instance' && owner.cls && classChain(this.module, owner.cls).includes(cls))) return true;
    return owners.every((owner) => owner.kind === 'unknown')
      && !this.module.classes.some((other) => other !== cls && other.scope.bindings.has(name));
  }

  /**
   * The objects the file's calls of `obj.method(x)` pass, on objects of `cls`, when each is an object of a class of
   * this file: one of those classes (observers of different classes, called alike). Undefined otherwise.
   */
  private passedInstances(method: FunctionInfo, cls: ClassInfo, position: number): Extract<Value, { kind: 'instance' }> | undefined {
    const classes: ClassInfo[] = [];
    let calls = 0;
    // How many objects the calls hand in, all told: the rounds of the counted loops around each.
    let handed: number | undefined = 0;
    for (const { receiver, call, fn } of this.methodCalls([method.name])) {
      const given = call.children[1]?.children ?? [];
      const arg = given[position];
      if (!arg || given.slice(0, position + 1).some((each) => each.type === 'keyword_argument' || each.type === 'list_splat')) continue;
      for (const frame of this.framesOfCode(fn)) {
        const object = this.evaluate(receiver, frame);
        if (object.kind !== 'instance' || !object.cls || !classChain(this.module, object.cls).includes(cls)) continue;
        const passed = this.evaluate(arg, frame);
        if (passed.kind !== 'instance' || !passed.cls || ++calls > MAX_STORE_SITES) return undefined;
        for (const each of passed.alternatives ?? [passed.cls]) if (!classes.includes(each)) classes.push(each);
        const rounds = this.roundsWithin(call, fn?.node ?? this.module.root, frame);
        handed = handed === undefined || rounds === undefined ? undefined : handed + rounds;
      }
    }
    if (classes.length === 0) return undefined;
    if (handed !== undefined) this.handedInCounts.set(method.id, handed);
    return {
      kind: 'instance', cls: this.commonBase(classes) ?? classes[0], ...(classes.length > 1 ? { alternatives: classes } : {}),
      origin: { key: `passed:${method.id}`, sharing: 'shared' },
    };
  }

  /**
   * `uow.register_clean(("inventory", pk), state)`, the one call of a method in the file, made on an object of its
   * class by code that runs once: the method's frame with that call's arguments (a loop's locals as its round has them).
   */
  private onlyMethodCallFrame(method: FunctionInfo, cls: ClassInfo): Frame | undefined {
    const calls = method.isAsync || method.decorators.length > 0 ? undefined : this.callsOfMethod(method.name);
    const only = calls?.length === 1 ? calls[0] : undefined;
    const receiver = only?.call.children[0]?.children[0];
    if (!only || !receiver || (only.fn && (only.fn.cls || only.fn.isAsync || this.enclosingFunction(only.fn)))) return undefined;
    const callerFrame = only.fn ? this.calledOnceFrame(only.fn) : this.moduleFrame;
    if (only.fn && callerFrame.generic) return undefined;
    const self = this.evaluate(receiver, callerFrame);
    if (self.kind !== 'instance' || !self.cls || !classChain(this.module, self.cls).includes(cls)) return undefined;
    return new Frame(method, method.scope, this.bindArguments(method, this.callArgs(only.call, callerFrame), self), undefined, 'private', false);
  }

  /** How many objects the calls of a subscribing method hand in, all told (see passedInstances), by its id. */
  private readonly handedInCounts = new Map<number, number>();

  private readonly growingAttributes = new Map<string, boolean>();

  /** Might any code of the file add items to an attribute of this name (`.jobs.append(`, `.index[key] =`)? */
  private attributeGrows(name: string, keyed: boolean): boolean {
    const key = `${keyed ? 'keyed' : 'method'}:${name}`;
    let answer = this.growingAttributes.get(key);
    if (answer === undefined) {
      answer = mayGrow(this.module.source, name, keyed, true, this.module.words);
      this.growingAttributes.set(key, answer);
    }
    return answer;
  }

  private readonly attributeAssignments = new Map<ClassInfo, Map<string, { method: FunctionInfo; site: Syntax } | undefined>>();

  /** The first `self.name = value` of a class or its bases, `__init__` first; looked for once per class and name. */
  private attributeAssignment(cls: ClassInfo, name: string): { method: FunctionInfo; site: Syntax } | undefined {
    let byName = this.attributeAssignments.get(cls);
    if (!byName) {
      byName = new Map();
      this.attributeAssignments.set(cls, byName);
    }
    if (byName.has(name)) return byName.get(name);
    let found: { method: FunctionInfo; site: Syntax } | undefined;
    // The constructors of the chain first, a base's before a subclass's other methods (`self.field = []` in the base's
    // `__init__`, not `self.field = field` at the end of a subclass's `fit`).
    const chain = classChain(this.module, cls).map((owner) => this.methodsInitFirst(owner));
    const ordered = [...chain.flatMap((methods) => methods.filter((method) => method.name === '__init__')),
      ...chain.flatMap((methods) => methods.filter((method) => method.name !== '__init__'))];
    for (const method of ordered) {
      const selfName = method.params[0]?.name;
      // A method whose text has no `name =` or `name:` cannot assign it (`self.assertEqual(...)` is no
      // assignment): its body need not be built.
      if (!selfName || !mayAssign(this.textOfFunction(method), name) || !method.body) continue;
      const site = this.selfAssignments(method, selfName).get(name);
      // `self._pool = None` in `__init__`, made in `start()`: what the other methods use is what `start()` made.
      if (site?.type === 'none') {
        found ??= { method, site };
        continue;
      }
      if (site) {
        found = { method, site };
        break;
      }
    }
    byName.set(name, found);
    return found;
  }

  private readonly methodsByClass = new Map<ClassInfo, FunctionInfo[]>();
  private readonly functionTexts = new Map<FunctionInfo, string>();

  /** A class's methods, `__init__` first (where attributes usually get their first value). */
  private methodsInitFirst(cls: ClassInfo): FunctionInfo[] {
    let methods = this.methodsByClass.get(cls);
    if (!methods) {
      methods = [...cls.methods.values()].sort((a, b) => Number(b.name === '__init__') - Number(a.name === '__init__'));
      this.methodsByClass.set(cls, methods);
    }
    return methods;
  }

  private textOfFunction(fn: FunctionInfo): string {
    let text = this.functionTexts.get(fn);
    if (text === undefined) {
      text = this.module.source.slice(fn.node.start, fn.node.end);
      this.functionTexts.set(fn, text);
    }
    return text;
  }

  private readonly constructorFrames = new Map<string, Frame>();
  private readonly returnsByFunction = new Map<FunctionInfo, Syntax[]>();
  private readonly yieldsByFunction = new Map<FunctionInfo, Syntax[]>();
  private yieldWords: WordHits | undefined;

  /**
   * What calling a generator function gives: a generator of the items it yields, as many as the rounds of the one
   * loop its only `yield` stands in (`for start in range(0, n, size): yield lines[start:start + size]`).
   */
  private generatorOf(fn: FunctionInfo, yields: readonly Syntax[], frame: Frame): Value {
    const items = yields.map((node) => {
      const [value] = node.children;
      if (!value) return { kind: 'none' } as Value;
      return this.text(node).startsWith('yield from') ? elementOf(this.evaluate(value, frame)) : this.evaluate(value, frame);
    });
    const first = items[0];
    // The batch and the remainder after the loop (`if chunk: yield chunk`) are the one list: the batch's size.
    const sameName = yields.every((node) => node.children[0]?.type === 'identifier' && this.text(node.children[0]) === this.text(yields[0].children[0]!));
    const batch = sameName ? yields.map((node) => this.batchYielded(node, frame)).find((size) => size !== undefined) : undefined;
    // `yield "tow"`, `yield "line"`: some one of the texts, as a conditional pick of them is.
    const itemValue = eitherText(items) ?? (first.kind !== 'unknown' && items.every((item) => item.kind === first.kind)
      ? (batch !== undefined && first.kind === 'container' ? { ...first, length: batch, atMost: undefined } : withWhatTheyDisagreeOn(first, items)) : undefined);
    let length: number | undefined;
    let atMost: number | undefined;
    // `if s.shive > 0.12: yield "tow" elif ...: yield "line" else: yield "short line"`: one item a round too, as the
    // if chain that holds them all (one in each arm, an `else` among them) is.
    const statement = yields.length === 1 ? yields[0].parent : this.yieldingChain(yields);
    const yieldsOnce = statement?.type === 'expression_statement' || statement?.type === 'if_statement';
    const loop = yieldsOnce && statement!.parent?.type === 'block' ? statement!.parent.parent : undefined;
    if (statement && !this.text(yields[0]).startsWith('yield from')) {
      if (statement.parent === fn.body) length = 1;
      else if (loop?.type === 'for_statement' && loop.parent === fn.body) ({ length, atMost } = this.roundsOfFor(loop, frame));
      else if (loop?.type === 'while_statement' && !insideLoop(loop, fn.body!)) {
        // `while True: block = fh.read(n)` ... `yield block`: a block of the file each round.
        length = this.readLoopRounds(loop, frame);
      } else if (loop?.type === 'if_statement' && loop.parent?.type === 'block' && loop.parent.parent?.type === 'for_statement' && loop.parent.parent.parent === fn.body) {
        // `for sh in stream: if sh.width_in >= 4: yield sh`: a filter, as many items as it goes through at most; a
        // batch filled a round (`if len(bundle) == per_bundle: yield bundle`), one for each batch of them.
        const rounds = this.roundsOfFor(loop.parent.parent, frame);
        const bound = rounds.length ?? rounds.atMost;
        if (bound !== undefined) atMost = Math.ceil(bound / (batch ?? 1));
      }
    } else if (!statement && yields.length > 1) {
      ({ length, atMost } = this.yieldsInSequence(fn, yields, frame));
    } else if (statement?.type === 'expression_statement' && this.runsOnceIn(statement, fn.body!)) {
      // `with open(path) as fh: yield from csv.reader(fh)`: what it hands on, once.
      const source = this.evaluate(yields[0].children[0]!, frame);
      length = source.kind === 'range' || source.kind === 'container' ? lengthOf(source) : undefined;
      if (source.kind === 'container') atMost = source.atMost;
    }
    return {
      kind: 'container', type: 'generator', length, ...(atMost !== undefined ? { atMost } : {}), itemValue,
      origin: { key: `gen${fn.id}`, sharing: 'private' },
    };
  }

  /**
   * Yields one after another (`for i in range(n): yield "fire", batches[i]`, then `yield "xrf", rest`), each a
   * statement of the body or of a loop of it: as many items as they make together.
   */
  private yieldsInSequence(fn: FunctionInfo, yields: readonly Syntax[], frame: Frame): { length?: number; atMost?: number } {
    let length = 0;
    let atMost = 0;
    for (const node of yields) {
      const statement = node.parent;
      if (statement?.type !== 'expression_statement' || this.text(node).startsWith('yield from')) return {};
      if (statement.parent === fn.body) {
        length += 1;
        atMost += 1;
        continue;
      }
      const loop = statement.parent?.type === 'block' ? statement.parent.parent : undefined;
      if (loop?.type !== 'for_statement' || loop.parent !== fn.body) return {};
      const rounds = this.roundsOfFor(loop, frame);
      const bound = rounds.length ?? rounds.atMost;
      if (bound === undefined) return {};
      length += rounds.length ?? Number.NaN;
      atMost += bound;
    }
    return Number.isNaN(length) ? { atMost } : { length };
  }

  /** How many rounds a `for` loop makes over what it goes through: known, or at most some number. */
  private roundsOfFor(loop: Syntax, frame: Frame): { length?: number; atMost?: number } {
    const rounds = this.evaluate(loop.children[1], frame);
    if (rounds.kind !== 'range' && rounds.kind !== 'container') return {};
    return { length: lengthOf(rounds), atMost: rounds.kind === 'container' ? rounds.atMost : undefined };
  }

  /**
   * The if chain that holds all the yields, one statement of its own in each arm's block, with an `else` among the
   * arms: it yields once whichever way it goes.
   */
  private yieldingChain(yields: readonly Syntax[]): Syntax | undefined {
    const arms = yields.map((node) => {
      const statement = node.parent;
      const block = statement?.type === 'expression_statement' && statement.parent?.type === 'block' && statement.parent.children.length === 1 ? statement.parent : undefined;
      return block?.parent;
    });
    const chain = arms[0]?.type === 'if_statement' ? arms[0] : arms[0]?.parent;
    if (chain?.type !== 'if_statement' || chain.parent?.type !== 'block') return undefined;
    const all = [chain, ...chain.children.filter((child) => child.type === 'elif_clause' || child.type === 'else_clause')];
    if (!all.some((arm) => arm.type === 'else_clause') || all.length !== arms.length || !all.every((arm) => arms.includes(arm))) return undefined;
    return chain;
  }

  /** Is the statement one of the body's own, or of `with` blocks that are (run once a call, not in a loop or branch)? */
  private runsOnceIn(statement: Syntax, body: Syntax): boolean {
    let block = statement.parent;
    while (block && block !== body && block.type === 'block' && block.parent?.type === 'with_statement') block = block.parent.parent;
    return block === body;
  }

  /**
   * `if len(chunk) == size: yield chunk`: a batch a generator fills and hands on once it holds `size` items (the last
   * one may hold fewer). The size, when the test and the number are plain.
   */
  private batchYielded(yieldNode: Syntax, frame: Frame): number | undefined {
    const value = yieldNode.children[0];
    const statement = yieldNode.parent;
    const branch = statement?.parent?.type === 'block' ? statement.parent.parent : undefined;
    if (value?.type !== 'identifier' || statement?.type !== 'expression_statement' || branch?.type !== 'if_statement') return undefined;
    const test = branch.children[0];
    const [left, right] = test?.type === 'comparison_operator' ? test.children : [];
    const operator = left && right ? this.module.source.slice(left.end, right.start).trim() : '';
    if (!left || !right || (operator !== '==' && operator !== '>=')) return undefined;
    if (left.type !== 'call' || this.text(left.children[0]!) !== 'len' || this.text(left.children[1]!) !== `(${this.text(value)})`) return undefined;
    const size = this.evaluate(right, frame);
    return size.kind === 'number' && Number.isInteger(size.value) && size.value > 0 ? size.value : undefined;
  }

  private readonly selfAssignmentsByMethod = new Map<FunctionInfo, Map<string, Syntax>>();

  /** Does the method assign `self.<name>` (`self.loaded = self.kiln.load_tray(...)` in `__enter__`)? */
  assignsOwnAttribute(method: FunctionInfo, name: string): boolean {
    const selfName = takesReceiver(method) ? method.params[0]?.name : undefined;
    return !!selfName && !!method.body && mayAssign(this.textOfFunction(method), name) && this.selfAssignments(method, selfName).has(name);
  }

  /** `self.name = value` statements of a method, by attribute name (the first one wins), found once. */
  private selfAssignments(method: FunctionInfo, selfName: string): Map<string, Syntax> {
    let found = this.selfAssignmentsByMethod.get(method);
    if (!found) {
      found = findSelfAssignments(this.module.source, method, selfName);
      this.selfAssignmentsByMethod.set(method, found);
    }
    return found;
  }

  private constructorFrame(object: Extract<Value, { kind: 'instance' }>, init: FunctionInfo): Frame {
    // One per constructor call too: an item of a list of several classes' objects runs each method on one of its own.
    const key = `${object.origin.key}:${object.origin.sharing}:${init.id}:${object.ctor?.call.start ?? ''}`;
    let frame = this.constructorFrames.get(key);
    // A base class's `__init__` gets what `super().__init__(...)` passes it, not the constructor call's arguments.
    const runs = object.cls ? findMethod(this.module, object.cls, '__init__') : undefined;
    if (!frame && object.ctor && runs && runs !== init) {
      const passed = this.passedUp(object, runs, init, 0);
      if (!passed) return this.genericFrame(init);
      frame = new Frame(init, init.scope, this.bindArguments(init, passed, object), undefined, object.origin.sharing === 'private' ? 'private' : 'shared', false);
      this.constructorFrames.set(key, frame);
    }
    if (!frame && object.ctor) {
      let args = this.constructorArgs(object.ctor);
      // Each thread's own object (one per round of the loop that starts them) owns what its constructor call made:
      // `SolverThread(puzzles[k::3], results)` gives each thread its own slice.
      if (object.origin.sharing === 'per-instance') args = this.roundNumbersOwn(madeBy(object.ctor.call, args, object.ctor.own), object.ctor.call);
      const bound = this.bindArguments(init, args, object);
      frame = new Frame(init, init.scope, bound, undefined, object.origin.sharing === 'private' ? 'private' : 'shared', false);
      this.constructorFrames.set(key, frame);
    }
    return frame ?? this.genericFrame(init);
  }

  /**
   * The arguments a chain of `super().__init__(...)` (or `Base.__init__(self, ...)`) calls hands from `from`, an
   * `__init__` the object's construction runs, up to the base class's `target`; undefined when the chain is not plain.
   */
  private passedUp(object: Extract<Value, { kind: 'instance' }>, from: FunctionInfo, target: FunctionInfo, depth: number): CallArgs | undefined {
    if (depth > 4 || !from.body || !from.cls) return undefined;
    const next = classChain(this.module, from.cls).slice(1).map((owner) => owner.methods.get('__init__')).find((method) => !!method);
    if (!next) return undefined;
    let call: Syntax | undefined;
    let explicit = false;
    walk(from.body, (node) => {
      if (call || (node !== from.body && DEFINITIONS.has(node.type))) return false;
      const callee = node.type === 'call' ? node.children[0] : undefined;
      if (callee?.type !== 'attribute' || this.text(callee.children[callee.children.length - 1]) !== '__init__') return undefined;
      const receiver = callee.children[0];
      if (receiver?.type === 'call' && this.text(receiver.children[0]!) === 'super') call = node;
      else if (receiver?.type === 'identifier' && next.cls && this.text(receiver) === next.cls.name) {
        call = node;
        explicit = true;
      }
      return undefined;
    });
    if (!call) return undefined;
    const args = this.callArgs(call, this.constructorFrame(object, from));
    // `Base.__init__(self, name)`: the object itself comes first, as the bound call of `super()` adds it.
    const passed = explicit ? { ...args, positional: args.positional.slice(1) } : args;
    // Further up the chain, what the next `__init__` passes on in turn.
    return next === target ? passed : this.passedUp(object, next, target, depth + 1);
  }

  /**
   * `pollers = [Poller(stats, i) for i in range(4)]`, each poller some thread's own: the number of the range each was
   * made with is then a key no other thread has (`stats[self.index] += 1` is the thread's own slot).
   */
  private roundNumbersOwn(args: CallArgs, call: Syntax): CallArgs {
    const own = (value: Value, node: Syntax | undefined): Value => {
      if (value.kind !== 'number' || value.perThread || node?.type !== 'identifier') return value;
      const binding = resolveName(scopeOf(this.module, node), this.text(node), this.module.scope);
      const site = binding?.sites.length === 1 ? binding.sites[0] : undefined;
      // The loop, or the comprehension whose `for` clause binds the name.
      if (site?.kind !== 'assign' || !site.iterable) return value;
      const loop = site.statement.type === 'for_in_clause' ? site.statement.parent : site.statement;
      if (!loop || call.start < loop.start || call.end > loop.end) return value;
      // A loop inside that one (`for rack in range(3) for pos in ("top", "floor")`) makes several with each number.
      const clause = site.statement.type === 'for_in_clause' ? site.statement : undefined;
      const innerClause = !!clause && loop.children.some((child) => child.type === 'for_in_clause' && child.start > clause.start);
      let innerLoop = false;
      for (let at = call.parent; at && at !== loop; at = at.parent) innerLoop ||= at.type === 'for_statement' || at.type === 'while_statement' || COMPREHENSION_TYPES.has(at.type);
      if (innerClause || innerLoop) return value;
      const iterable = site.iterable.type === 'call' ? this.text(site.iterable.children[0]!) : '';
      const counted = (iterable === 'range' && site.path.length === 0) || (iterable === 'enumerate' && site.path.length === 1 && site.path[0] === 0);
      return counted ? { ...value, perThread: true } : value;
    };
    return mapArgs(args, own);
  }

  private classAttribute(cls: ClassInfo, name: string): Value | undefined {
    for (const owner of classChain(this.module, cls)) {
      // The decorator runs after the class body: what it sets wins over the body's (a base's default).
      const decorated = this.decoratorSetAttribute(owner, name);
      if (decorated) return decorated;
      const binding = owner.scope.bindings.get(name);
      if (binding) {
        const value = this.bindingValue(binding, this.classFrame(owner));
        return value.kind === 'none' ? this.classStore(owner, name) ?? value : value;
      }
    }
    return undefined;
  }

  /**
   * `cls.needs_clamp = needs_clamp` in a class decorator of this file: what the class's own application
   * (`@operation("cut_frame", needs_clamp=True)`) sets it to.
   */
  private decoratorSetAttribute(cls: ClassInfo, name: string): Value | undefined {
    for (const decorator of this.classDecorators(cls)) {
      const param = decorator.fn.params[0]?.name;
      if (!param || !mayAssign(this.textOfFunction(decorator.fn), name)) continue;
      const site = findSelfAssignments(this.module.source, decorator.fn, param).get(name);
      if (site) return this.evaluate(site, this.appliedFrame(decorator, { kind: 'class', cls }));
    }
    return undefined;
  }

  /**
   * `_instance = None` in a class body, made by a method (`cls._instance = cls()` in a classmethod, or
   * `Registry._instance = Registry()`): what the methods use is the object that method made, the class's one.
   */
  private classStore(cls: ClassInfo, name: string): Value | undefined {
    const memo = `${cls.id}.${name}`;
    if (this.classStores.has(memo)) return this.classStores.get(memo);
    this.classStores.set(memo, undefined);
    for (const method of cls.methods.values()) {
      if (!mayAssign(this.textOfFunction(method), name)) continue;
      // By the class's own name in any method, or by a classmethod's `cls` (selfAssignments keeps a method's first
      // parameter's).
      const first = method.decorators.includes('classmethod') && method.params[0] ? this.selfAssignments(method, method.params[0].name) : undefined;
      for (const assignments of [findSelfAssignments(this.module.source, method, cls.name), first]) {
        const site = assignments?.get(name);
        if (!site || site.type === 'none') continue;
        const value = unpackedPart(this.evaluate(site, this.genericFrame(method)), site, name);
        if (value.kind !== 'instance' && value.kind !== 'container') continue;
        const made = { ...value, origin: { key: `class:${cls.name}.${name}`, sharing: 'shared' as const, site } };
        this.classStores.set(memo, made);
        return made;
      }
    }
    // Set from outside the class, before its objects use it: one object, the class's.
    const given = this.outsideAssignment(cls, name, true);
    const shared = given && sharedAs(given.value, `class:${cls.name}.${name}`);
    this.classStores.set(memo, shared);
    return shared;
  }

  private readonly classStores = new Map<string, Value | undefined>();

  private subscriptValue(node: Syntax, frame: Frame): Value {
    const [objectNode, indexNode] = node.children;
    const object = this.evaluate(objectNode, frame);
    // `m["data"]` of a regex match: a group, a part of the text matched (a field, not a file).
    if (object.kind === 'instance' && object.type === 're.Match' && indexNode?.type !== 'slice') return { kind: 'str', bytes: false, part: true };
    if (indexNode?.type === 'slice') {
      const parts = indexNode.children.length === 0 ? [] : this.sliceParts(indexNode, frame);
      const sliced = object.kind === 'container' || object.kind === 'range' || object.kind === 'str' || object.kind === 'unknown'
        ? sliceLength(object.kind === 'unknown' ? undefined : object.length, parts)
        : undefined;
      const counted = sliced !== undefined && Number.isFinite(sliced) ? sliced : undefined;
      // `data[r * W + tx: r * W + tx + size]` of a text or bytes: `size` of them, whatever the start (of two loops'
      // numbers, no one X).
      const spelledSpan = counted === undefined && object.kind === 'str' ? this.spelledSpan(indexNode, frame) : undefined;
      const textLength = object.kind === 'str' ? object.length : undefined;
      const length = counted ?? (spelledSpan !== undefined ? Math.min(spelledSpan, textLength ?? spelledSpan) : undefined);
      // A slice of random bytes is as random: its share of them.
      const share = (part: number | undefined) => (part && object.kind === 'str' && object.length && length !== undefined ? (part * length) / object.length : undefined);
      if (object.kind === 'str') {
        const [noise, filler] = [share(object.noise), share(object.filler)];
        return { kind: 'str', bytes: object.bytes, length, ...(noise ? { noise } : {}), ...(filler ? { filler } : {}) };
      }
      // `CITIES[:i]` with `i` unknown: no longer than what it slices.
      const whole = object.kind === 'container' ? object.length ?? object.atMost : object.kind === 'range' ? object.length : undefined;
      // `(history + recent)[1:]` of at least 120,000 items: a slice's length grows with what it slices, so a slice of
      // the least is the least of the slice.
      const least = length === undefined && object.kind === 'container' && object.atLeast !== undefined ? sliceLength(object.atLeast, parts) : undefined;
      const bounded = length === undefined && whole !== undefined ? { atMost: whole } : least !== undefined && least > 0 ? { atLeast: least } : {};
      if (object.kind !== 'container') return { kind: 'container', type: 'list', length, ...bounded, origin: this.fresh(node, frame) };
      // A slice holds items like the sequence's: the rows of `pages[i::3]` are still pages.
      const type = object.type !== 'generator' ? object.type : 'list';
      // `feeds[:2]` of a list the file spells: those very items.
      const spelled = object.items && spelledSlice(object.items, parts);
      if (spelled) return { kind: 'container', type, length: spelled.length, items: spelled, origin: this.fresh(node, frame) };
      // Items known only by identity are named after the slice: `grids[k::3]` gives each thread its own share (and
      // the objects in pairs, `list(enumerate(grids))[k::3]`, lose the identity of the whole list's).
      // Unless the slices of successive rounds overlap (`accounts[k * size:(k + 1) * size + 1]` takes the next one's
      // first item too): then the objects at the seams are two threads'.
      const items = object.itemValue ?? sameItems(object.items);
      const shared = items && (items.kind === 'container' || items.kind === 'instance') && overlapping(parts)
        ? { ...items, origin: { key: `${object.origin.key}[]`, sharing: object.origin.sharing } } as Value : undefined;
      const itemValue = object.itemValue?.kind === 'unknown' ? undefined : shared ?? withoutIdentities(items);
      return { kind: 'container', type, length, ...bounded, itemValue, origin: this.fresh(node, frame), ...(object.bytesLike ? { bytesLike: true as const } : {}) };
    }
    if (object.kind === 'container') {
      // `self.jobs[name] = functools.partial(...)`, then `self._launch(name, self.jobs[name])`: what was just stored.
      const stored = object.type === 'dict' ? this.storedJustBefore(node, frame) : undefined;
      if (stored) return stored;
      const index = indexNode ? this.evaluate(indexNode, frame) : UNKNOWN;
      // A drawn index (`jobs[i % len(jobs)]`) picks some item, not the one at its mean.
      if (object.items && index.kind === 'number' && !index.drawn) {
        const at = index.value < 0 ? object.items.length + index.value : index.value;
        if (object.items[at]) return object.items[at];
      }
      // `KERNELS[n % len(KERNELS)]` of texts that differ: some text, not the first one's words.
      if (object.items && index.kind === 'number' && index.drawn && object.items.length > 1 && object.items.every((item) => item.kind === 'str')
        && new Set(object.items.map((item) => (item.kind === 'str' ? item.value : undefined))).size > 1) {
        const some = meanPart(object.items);
        if (some) return some;
      }
      // `cuts[i]` of `cuts = [HEIGHT * k // STRIPS for k in range(STRIPS + 1)]`: the item made when k was i.
      const made = object.type === 'list' ? itemAt(object.itemValue, index) ?? itemMadeAt(object, index) : undefined;
      if (made) return made;
      const item = this.itemAtKey(object, index, frame);
      // `times[-1] - times[0]` of `times = [t for t, _ in rows]`: the X an item's number carries is the round's that
      // made it, any round; read at an index it is some item's number, and two reads are not one number twice. A
      // keyword's entry (`self.settings["cuts"]` of `**settings` given `cuts=K * (i + 1)`) is the one number given.
      const keyword = index.kind === 'str' && index.value !== undefined && !!object.keywords?.has(index.value);
      if (item.kind === 'number' && item.affine && !keyword) {
        const { affine: _round, ...some } = item;
        return some;
      }
      return item;
    }
    // `"ACGT"[state >> 62]`: one character of a text (of bytes, a number).
    if (object.kind === 'str') return object.bytes ? { kind: 'number', value: Number.NaN } : { kind: 'str', bytes: false, length: 1 };
    if (object.kind === 'unknown' && object.origin) {
      const item: Value = { kind: 'unknown', origin: { key: `${object.origin.key}[]`, sharing: object.origin.sharing } };
      // `self.hub.slots[self.index]` of a list the model does not see made: the thread's own item, by its own key.
      const index = indexNode && object.origin.sharing === 'shared' ? this.evaluate(indexNode, frame) : undefined;
      return index && ownKeyOf(index, object) ? ownItem(item) : item;
    }
    return UNKNOWN;
  }

  /**
   * `d[key]` read in the statement right after `d[key] = value` (the same text, in the same block, nothing between
   * them): that value. A store through a subscript names no binding, so nothing else follows it to the read.
   */
  private storedJustBefore(read: Syntax, frame: Frame): Value | undefined {
    let statement: Syntax = read;
    while (statement.parent && statement.parent.type !== 'block' && statement.parent.type !== 'module') statement = statement.parent;
    const block = statement.parent;
    const at = block ? block.children.indexOf(statement) : -1;
    const before = at > 0 ? block!.children[at - 1] : undefined;
    const assignment = before?.type === 'expression_statement' ? before.children[0] : undefined;
    if (assignment?.type !== 'assignment') return undefined;
    const { left, right } = assignmentParts(assignment);
    if (!left || !right || left.type !== 'subscript' || this.text(left) !== this.text(read)) return undefined;
    const value = this.evaluate(right, frame);
    return value.kind === 'unknown' ? undefined : value;
  }

  /** `d[key]` or `d.get(key)` of a container. */
  private itemAtKey(object: Extract<Value, { kind: 'container' }>, index: Value, frame: Frame): Value {
    // `quotas["glass" if shallow else "yellow"]` of a dict that spells both: an object of either entry's class.
    if (index.kind === 'str' && index.either) {
      const entries = index.either.map((key) => this.literalEntry(object, key, frame) ?? this.keyedStore(object, key, frame));
      const either = entries.every((entry) => entry !== undefined) ? this.commonInstance(entries as Value[]) : undefined;
      if (either?.kind === 'instance') return either;
      // `take[cls]` of `{"stag": plan.take_stag, "hind": plan.take_hind}`: either method may run.
      const functions = entries.every((entry) => entry?.kind === 'function')
        ? eitherFunction(entries as ReadonlyArray<Extract<Value, { kind: 'function' }>>) : undefined;
      if (functions) return functions;
      // `config["methods"][name]` of `{"fire": {"steps_per_mg": 2000}, "xrf": {"dwell_s": 0.004}}`: settings whichever
      // entry it is, each key what the entries that spell it give (see sharedShape).
      if (entries.every((entry) => entry?.kind === 'container' && entry.type === 'dict')) {
        const settings = sharedShape(entries as Value[]);
        if (settings) return { ...settings, origin: (entries[0] as Extract<Value, { kind: 'container' }>).origin } as Value;
      }
      // `FACTORY[kind]` of `{"step": Stepladder, "extension": partial(ExtensionLadder, sections=2)}`: one of those
      // classes (a partial's keywords are not kept: the class's own defaults stand for them).
      const classes = entries.map((entry) => (entry?.kind === 'class' ? entry.cls : entry?.kind === 'partial' && entry.fn.kind === 'class' ? entry.fn.cls : undefined));
      if (classes.every((cls) => cls !== undefined)) {
        const distinct = [...new Set(classes as ClassInfo[])];
        return { kind: 'class', cls: distinct[0], ...(distinct.length > 1 ? { alternatives: distinct } : {}) };
      }
    }
    // `SITE_BATCHES["north"]` of a dict the file writes out: that entry's value.
    const entry = index.kind === 'str' && index.value !== undefined ? this.literalEntry(object, index.value, frame) ?? this.keyedStore(object, index.value, frame) : undefined;
    if (entry) return entry;
    // `cfg["rounds"]` of `cfg = {**DEFAULTS, **overrides}`: the entry the merged dicts give it.
    const merged = index.kind === 'str' && index.value !== undefined ? object.keywords?.get(index.value) : undefined;
    // (A tuple of numbers or texts, `"band": (1, 80)`, cannot change: it is that tuple whoever reads it.)
    const constant = merged?.kind === 'container' && merged.type === 'tuple' && merged.items?.every((item) => isPlainData(item) && item.kind !== 'unknown');
    // So is a dict of settings (`ramp=CONFIG["ramp"]` given as a keyword, read back as `self.options["ramp"]`), and an
    // object (`quay=quay`, read back as `self.kwargs["quay"]`): the one the caller gave.
    if (merged && (merged.kind !== 'container' || constant || merged.type === 'dict')) return merged;
    // `appliers["alpine"]` of `{name: FeedApplier(name) for name in FEEDS}`: each key's own object, made in its round.
    const made = object.itemValue;
    if (index.kind === 'str' && index.value !== undefined && object.type === 'dict' && made?.kind === 'instance' && made.origin.site
      && object.origin.site?.type === 'dictionary_comprehension' && made.origin.site.start >= object.origin.site.start && made.origin.site.end <= object.origin.site.end) {
      return { ...made, origin: { key: `${object.origin.key}[${JSON.stringify(index.value)}]`, sharing: object.origin.sharing } };
    }
    // `PASSES_BY_KIND[tile.kind]` of a dict of numbers, by a key the model does not know: their mean (each stands for
    // the work it sizes, as the items of a list do).
    const numbers = object.type === 'dict' && !(index.kind === 'str' && index.value !== undefined) ? object.entries?.values : undefined;
    if (numbers && numbers.length > 1 && numbers.every((value) => value.kind === 'number' && !Number.isNaN(value.value))) {
      return { kind: 'number', value: meanOf(numbers as ReadonlyArray<{ value: number }>) };
    }
    // `FETCHERS[kind]` of `{"legacy": Client.report_for, "modern": Client.report_for_locked}`: one of those functions.
    const someFunction = object.type === 'dict' && object.entries ? oneOfFunctions(object.entries.values) : undefined;
    if (someFunction) return someFunction;
    // `self.limiters[tenant]` of a dict of TokenBuckets: a bucket, whichever key; the thread's own with its own key.
    const item = this.itemOfDict(object, index) ?? (ownKeyOf(index, object) ? ownItem(elementOf(object)) : elementOf(object));
    return item.kind === 'unknown' && !(index.kind === 'str' && index.value !== undefined) ? this.storedObjectOf(object, item, frame) ?? item : item;
  }

  /**
   * The call a function's local name holds where it is used: its one binding, or the assignment just before the use
   * in the use's block (`else: sheet = Sheet(w, h); self.sheets.append(sheet)`).
   */
  private onlyCallAssigned(name: Syntax): Syntax | undefined {
    const binding = resolveName(scopeOf(this.module, name), this.text(name), this.module.scope);
    if (binding?.scope.kind !== 'function') return undefined;
    // (A `for sheet in self.sheets:` binding it too is no matter: the block's own assignment is what the use reads.)
    let site: BindingSite | undefined = binding.sites.length === 1 ? binding.sites[0] : undefined;
    for (const each of binding.sites) {
      const statement = each.kind === 'assign' && !each.iterable ? blockStatementOf(each.statement) : undefined;
      const block = statement?.parent;
      if (statement && block && statement.end <= name.start && name.start >= block.start && name.end <= block.end
        && (site?.kind !== 'assign' || site.statement.start < statement.start)) site = each;
    }
    return site?.kind === 'assign' && !site.iterable && site.value?.type === 'call' ? site.value : undefined;
  }

  /**
   * `self._metrics[name]` of a dict its methods fill by a key parameter (`self._metrics[name] = self._factory(name)`),
   * read with a key the model does not know: an object of the class every such store makes, whichever key.
   */
  private storedObjectOf(dict: Extract<Value, { kind: 'container' }>, item: Extract<Value, { kind: 'unknown' }>, frame: Frame): Value | undefined {
    const stores = dict.type === 'dict' ? this.keyedStoresOf(dict) : undefined;
    if (!stores) return undefined;
    const guard = `${dict.origin.key}[?]`;
    if (this.keyedInProgress.has(guard)) return undefined;
    this.keyedInProgress.add(guard);
    try {
      const made = stores.flatMap(({ method, value }) => (frame.fn === method ? [frame] : this.framesHanded(method)).map((each) => this.evaluate(value, each)));
      const first = made[0];
      if (first?.kind !== 'instance' || !first.cls || !made.every((other) => other.kind === 'instance' && other.cls === first.cls)) return undefined;
      // Made by one constructor call, its arguments say what its fields hold.
      const ctor = first.ctor && made.every((other) => other.kind === 'instance' && other.ctor?.call === first.ctor!.call) ? { ctor: first.ctor } : {};
      return { kind: 'instance', cls: first.cls, ...ctor, origin: item.origin ?? { key: `${dict.origin.key}[]`, sharing: dict.origin.sharing } };
    } finally {
      this.keyedInProgress.delete(guard);
    }
  }

  /**
   * `self._factories["metrics"]` of a dict an object's methods fill by a key parameter (`register(self, name,
   * factory)` storing `self._factories[name] = (factory, singleton)`): what the call that passes that key stores; in
   * the frame being evaluated when it is the storing method's own (`self._singletons[name] = factory()` read back as
   * `self._singletons[name]`). What is stored under a key of a dict is that dict's, one object whoever reads it.
   */
  private keyedStore(dict: Extract<Value, { kind: 'container' }>, key: string, frame: Frame): Value | undefined {
    const stores = dict.type === 'dict' ? this.keyedStoresOf(dict) : undefined;
    if (!stores) return undefined;
    const guard = `${dict.origin.key}[${key}]`;
    if (this.keyedInProgress.has(guard)) return undefined;
    this.keyedInProgress.add(guard);
    try {
      for (const { method, index, value } of stores) {
        const frames = frame.fn === method ? [frame] : this.framesHanded(method);
        for (const each of frames) {
          const given = this.evaluate(index, each);
          if (given.kind !== 'str' || given.value !== key) continue;
          const stored = this.evaluate(value, each);
          if (stored.kind !== 'instance' && stored.kind !== 'container') return stored;
          return { ...stored, origin: { key: `${dict.origin.key}[${JSON.stringify(key)}]`, sharing: dict.origin.sharing } };
        }
      }
      return undefined;
    } finally {
      this.keyedInProgress.delete(guard);
    }
  }

  private readonly keyedInProgress = new Set<string>();
  private readonly keyedStoreSites = new Map<Syntax, Array<{ method: FunctionInfo; index: Syntax; value: Syntax }> | undefined>();

  /** The `self.attr[name] = value` stores, by a method's parameter, into the dict `__init__` (or a method) made. */
  private keyedStoresOf(dict: Extract<Value, { kind: 'container' }>): Array<{ method: FunctionInfo; index: Syntax; value: Syntax }> | undefined {
    const site = dict.origin.site;
    if (!site) return undefined;
    if (this.keyedStoreSites.has(site)) return this.keyedStoreSites.get(site);
    this.keyedStoreSites.set(site, undefined);
    const assignment = site.parent;
    const target = assignment?.type === 'assignment' ? assignment.children[0] : undefined;
    const owner = this.functionAt(site.start);
    const selfName = owner?.params[0]?.name;
    // `JOBS = {}` of the module, filled by a function's key parameter (`def job(name): ... JOBS[name] = fn`).
    const global = target?.type === 'identifier' && !owner ? resolveName(this.module.scope, this.text(target), this.module.scope) : undefined;
    const byMethod = target?.type === 'attribute' && !!owner?.cls && !!selfName && this.text(target.children[0]) === selfName;
    if (!global && !byMethod) return undefined;
    const attribute = this.text(target!.children[target!.children.length - 1] ?? target!);
    const storing = global
      ? this.module.functions.filter((fn) => !fn.cls && !this.enclosingFunction(fn) && this.textOfFunction(fn).includes(`${global.name}[`))
      : [...owner!.cls!.methods.values()].filter((method) => method.params[0] && this.textOfFunction(method).includes(`${attribute}[`));
    const found: Array<{ method: FunctionInfo; index: Syntax; value: Syntax }> = [];
    for (const method of storing) {
      const self = global ? undefined : method.params[0].name;
      const holds = (held: Syntax) => (global
        ? held.type === 'identifier' && this.text(held) === global.name && resolveName(scopeOf(this.module, held), global.name, this.module.scope) === global
        : this.text(held) === `${self}.${attribute}`);
      // A decorator's inner function stores too (`def register(self, kind): def decorate(factory):
      // self._factories[kind] = factory`), in the frames the decorator's uses give it (see decoratorFrames).
      const search = (body: Syntax, by: FunctionInfo, nested: boolean) => walk(body, (node) => {
        if (node.type === 'function_definition' && !nested) {
          const inner = this.module.functionByNode.get(node);
          if (inner?.body && !inner.params.some((param) => param.name === self)) search(inner.body, inner, true);
          return false;
        }
        if (node.type === 'function_definition' || node.type === 'lambda' || node.type === 'class_definition') return false;
        if (node.type !== 'assignment') return undefined;
        const { left, right } = assignmentParts(node);
        const [held, index] = left?.type === 'subscript' ? left.children : [];
        const key = index?.type === 'identifier' ? this.text(index) : undefined;
        if (right && key && held && holds(held) && method.params.some((param) => param.name === key)
          && !(nested && by.params.some((param) => param.name === key))) {
          found.push({ method: by, index, value: right });
        }
        return undefined;
      });
      if (method.body) search(method.body, method, false);
    }
    const stores = found.length > 0 && found.length <= MAX_STORE_SITES ? found : undefined;
    this.keyedStoreSites.set(site, stores);
    return stores;
  }

  private readonly registeredEntriesMemo = new Map<Syntax, ReadonlyArray<{ key: Value; value: Value }> | null>();

  /**
   * `self.jobs = {}` filled only by `register(self, name, func)` storing `self.jobs[name] = func`, called with keys
   * the file spells (`sched.register("rotate", partial(rotate_logs, state))`): its entries, one a key, in the order
   * of those calls, each stored value as its call made it. Any other way the dict changes (another store, `update`,
   * `pop`, `del`, handed to a call), and it is unknown.
   */
  private registeredEntries(dict: Extract<Value, { kind: 'container' }>): ReadonlyArray<{ key: Value; value: Value }> | undefined {
    const site = dict.origin.site;
    if (dict.type !== 'dict' || !site) return undefined;
    if (this.registeredEntriesMemo.has(site)) return this.registeredEntriesMemo.get(site) ?? undefined;
    this.registeredEntriesMemo.set(site, null);
    const stores = this.keyedStoresOf(dict);
    const target = site.parent?.type === 'assignment' ? site.parent.children[0] : undefined;
    const attribute = target?.type === 'attribute' ? this.text(target.children[target.children.length - 1]) : undefined;
    if (!stores || !attribute || !this.changedOnlyBy(attribute, site.parent!, stores.map((store) => store.index.parent!))) return undefined;
    const byKey = new Map<string, { key: Value; value: Value }>();
    for (const { method, index, value } of stores) {
      const calls = this.methodCalls([method.name]);
      const frames = this.framesHanded(method);
      // A call in a loop stores once a round: known only when each round has its frame (see inRounds).
      if (frames.length === 0 || calls.length > MAX_STORE_SITES
        || calls.some(({ call, fn }) => insideLoop(call, fn?.body ?? this.module.root) && !this.unrolledCalls.has(call))) return undefined;
      for (const frame of frames) {
        const key = this.evaluate(index, frame);
        if (key.kind !== 'str' || key.value === undefined) return undefined;
        const stored = this.evaluate(value, frame);
        const entry = stored.kind === 'instance' || stored.kind === 'container'
          ? { ...stored, origin: { key: `${dict.origin.key}[${JSON.stringify(key.value)}]`, sharing: dict.origin.sharing } } as Value : stored;
        // A later call under the same key replaces the value, not the place.
        const earlier = byKey.get(key.value);
        byKey.set(key.value, { key: earlier?.key ?? key, value: entry });
      }
    }
    const entries = byKey.size > 0 && byKey.size <= LITERAL_ENTRIES_UNROLLED ? [...byKey.values()] : undefined;
    this.registeredEntriesMemo.set(site, entries ?? null);
    return entries;
  }

  /**
   * Is the attribute, wherever the file names it, only read, set by `made`, or stored into by the `stores`
   * subscripts? A dict method that changes it, `del`, another store or assignment, or handing it on says no.
   */
  private changedOnlyBy(attribute: string, made: Syntax, stores: readonly Syntax[]): boolean {
    const source = this.module.source;
    for (const at of this.module.words.occurrences(attribute)) {
      if (at === 0 || source.charCodeAt(at - 1) !== 46) continue;
      const name = nodeAt(this.module.root, at, NO_OPAQUE_NODES);
      const held = name.parent;
      if (held?.type !== 'attribute' || held.children[held.children.length - 1] !== name) continue;
      const user = held.parent;
      if (!user) continue;
      if (user.type === 'assignment' && user.children[0] === held && user !== made) return false;
      if (user.type === 'delete_statement' || user.type === 'augmented_assignment') return false;
      // `len(self.jobs)` reads it; an unknown function handed it may fill it.
      const callee = user.type === 'argument_list' && user.parent?.type === 'call' ? user.parent.children[0] : undefined;
      if (user.type === 'argument_list' && !(callee?.type === 'identifier' && DICT_READERS.has(this.text(callee)))) return false;
      if (user.type === 'subscript' && user.children[0] === held) {
        const use = user.parent;
        if (use?.type === 'delete_statement' || (use?.type === 'assignment' && use.children[0] === user && !stores.includes(user))) return false;
      }
      if (user.type === 'attribute' && user.children[0] === held && user.parent?.type === 'call'
        && DICT_MUTATORS.has(this.text(user.children[user.children.length - 1]))) return false;
    }
    return true;
  }

  /** `start:start + n` spelled so, without a step: `n`, when the file gives it. */
  private spelledSpan(slice: Syntax, frame: Frame): number | undefined {
    const [start, stop, extra] = slice.children;
    if (!start || stop?.type !== 'binary_operator' || extra || countColons(this.module.source, slice.start, slice.end) !== 1) return undefined;
    const [base, added] = stop.children;
    if (!base || !added || this.module.source.slice(base.end, added.start).trim() !== '+') return undefined;
    if (this.text(base).replace(/\s+/g, '') !== this.text(start).replace(/\s+/g, '')) return undefined;
    const span = this.evaluate(added, frame);
    return span.kind === 'number' && Number.isFinite(span.value) && span.value >= 0 && !span.drawn ? span.value : undefined;
  }

  sliceParts(slice: Syntax, frame: Frame): Array<Value | null> {
    // tree-sitter drops empty parts; rebuild start:stop:step from the text between colons.
    const parts: Array<Value | null> = [null, null, null];
    let part = 0;
    let cursor = slice.start;
    for (const child of slice.children) {
      part += countColons(this.module.source, cursor, child.start);
      if (part < 3) parts[part] = this.evaluate(child, frame);
      cursor = child.end;
    }
    return parts;
  }

  private binaryValue(node: Syntax, frame: Frame): Value {
    const [leftNode, rightNode] = node.children;
    if (!leftNode || !rightNode) return UNKNOWN;
    const operator = this.module.source.slice(leftNode.end, rightNode.start).trim();
    let left = this.evaluate(leftNode, frame);
    let right = this.evaluate(rightNode, frame);
    // `rec.due + dt.timedelta(days=k)`: a date or time moved by a span is one too, whose methods are C code.
    const span = (value: Value) => value.kind === 'instance' && value.type === 'datetime.timedelta';
    if ((operator === '+' || operator === '-') && (span(left) || span(right))) {
      const moved = span(left) ? right : left;
      const type = moved.kind === 'instance' && moved.type?.startsWith('datetime.') ? moved.type : 'datetime.datetime';
      return { kind: 'instance', type, origin: this.fresh(node, frame) };
    }
    // `Decimal(cents) / 100`, `subtotal * tax_rate` of Decimals: a Decimal (or Fraction) again, whose methods are C
    // code (Python refuses the operation with other objects, save those that define it themselves).
    const exact = isExactNumber(left) ? left : isExactNumber(right) ? right : undefined;
    if (exact && ARITHMETIC.has(operator) && [left, right].every((value) => value === exact || value.kind === 'number' || value.kind === 'unknown' || isExactNumber(value))) {
      return { kind: 'instance', type: exact.type, origin: this.fresh(node, frame) };
    }
    // `lo + n` with `lo` a parameter nobody sizes: adding a number makes it a number, its own X.
    if ((operator === '+' || operator === '-') && (left.kind === 'number') !== (right.kind === 'number')) {
      const asNumber = (value: Value): Value => (value.kind === 'unknown' && value.origin
        ? { kind: 'number', value: Number.NaN, affine: { key: value.origin.key, scale: 1, offset: 0 } } : value);
      left = asNumber(left);
      right = asNumber(right);
    }
    // `1 + i % 4`, `doc["id"] % 4`: a count that cycles with a loop or an id is, on average, the middle of its range.
    if (operator === '%' && right.kind === 'number' && Number.isInteger(right.value) && right.value > 0
      && (left.kind === 'unknown' || (left.kind === 'number' && Number.isNaN(left.value)))) {
      const mean = (right.value - 1) / 2;
      this.draws.set(this.text(node), mean);
      return { kind: 'number', value: mean, drawn: true };
    }
    if (left.kind === 'number' && right.kind === 'number') {
      if (operator === '+') {
        const own = withinOwnSpan(left, right) ?? withinOwnSpan(right, left);
        if (own) return own;
      }
      // `n ** 0.5` of a loop's number: the root of its middle value, a size (a trial division's bound).
      if (operator === '**' && right.value === 0.5 && Number.isNaN(left.value)) return typicalRoot(left);
      if (left.affine || right.affine) return affineArithmetic(operator, left, right);
      const value = arithmetic(operator, left.value, right.value);
      return value === undefined ? UNKNOWN : { kind: 'number', value };
    }
    if (operator === '*') {
      const [sequence, given] = left.kind === 'number' ? [right, left] : [left, right];
      // `chunk * (6 * PIECE + n * 1000)` with `n` a loop's number: as many copies as the count's middle value.
      const times = given.kind === 'number' && Number.isNaN(given.value) ? typicalSize(given) : undefined;
      const count: Value = times !== undefined ? { kind: 'number', value: times } : given;
      if (count.kind === 'number' && !Number.isNaN(count.value)) {
        if (sequence.kind === 'str') {
          const text = sequence.value;
          if (text !== undefined && Number.isInteger(count.value) && count.value >= 0 && text.length * count.value <= MAX_SPELLED_TEXT) {
            const copies = count.value > 1 && text.length > 0 ? { filler: text.length * (count.value - 1) } : {};
            return { ...spelledText(text.repeat(count.value), sequence.bytes), ...copies } as Value;
          }
          // Copies of a text that starts and ends inside a word join at the seams: `"abc" * 40` is one word.
          const joins = text !== undefined && /^\S/.test(text) && /\S$/.test(text) ? count.value - 1 : 0;
          const copies = sequence.length === undefined && Number.isInteger(count.value) && count.value > 1 ? count.value * (sequence.copies ?? 1) : undefined;
          return {
            kind: 'str', bytes: sequence.bytes, length: sequence.length === undefined ? undefined : sequence.length * count.value,
            ...(copies !== undefined ? { copies } : {}),
            words: sequence.words === undefined ? undefined : Math.max(Math.min(sequence.words, 1), sequence.words * count.value - joins),
            // `"abcdefghij" * 40` is one line, `("row\n") * 800` eight hundred: copies of an open last line join the next.
            lines: sequence.lines === undefined ? undefined : sequence.openEnd ? (sequence.lines - 1) * count.value + 1 : sequence.lines * count.value,
            ...(sequence.openEnd ? { openEnd: true } : {}),
            // Deflate finds each copy again within its 32 kB window (filler, after the first), not past it.
            ...repeatedParts(sequence, count.value),
          };
        }
        if (sequence.kind === 'container') {
          // `[store] * 12`: twelve references to the one store, not twelve stores (nor unknown items).
          const length = sequence.length === undefined ? undefined : sequence.length * count.value;
          const repeated = sequence.items && length !== undefined && Number.isInteger(length) && length <= MAX_SPELLED_ITEMS
            ? Array.from({ length }, (_, i) => sequence.items![i % sequence.items!.length]) : undefined;
          const itemValue = repeated ? undefined : sequence.itemValue ?? sameItems(sequence.items);
          return {
            kind: 'container', type: sequence.type, length, ...(repeated ? { items: repeated } : {}), ...(itemValue ? { itemValue } : {}),
            origin: this.fresh(node, frame), ...(count.value > 1 ? { repeats: true as const } : {}),
          };
        }
      }
      // `payload * (60 + h % 120)`, a count the file cannot compute: still text (or bytes), of unknown length.
      const uncounted = (value: Value) => value.kind === 'unknown' || (value.kind === 'number' && Number.isNaN(value.value));
      if (left.kind === 'str' && uncounted(right)) return { kind: 'str', bytes: left.bytes };
      if (right.kind === 'str' && uncounted(left)) return { kind: 'str', bytes: right.bytes };
    }
    if (operator === '+' && left.kind === 'str' && right.kind === 'str') {
      // `job + ":" + stream`: a thread's own key as an f-string of them is.
      const own = combinedKey([left, right]);
      if (left.value !== undefined && right.value !== undefined && left.value.length + right.value.length <= MAX_SPELLED_TEXT) {
        return { ...spelledText(left.value + right.value, left.bytes), ...own } as Value;
      }
      const sum = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined ? a + b : undefined);
      // A header line and a joined body: the lines add up (less the one the seam joins, after an open last line).
      const seam = left.openEnd && right.length !== 0 && right.lines !== 0 ? 1 : 0;
      const lines = sum(left.lines, right.lines);
      const openEnd = right.length === 0 ? left.openEnd : right.openEnd;
      // `body + footer` with only the footer's size known: at least that long, when that is more than a guess.
      const least = Math.max(left.length ?? 0, right.length ?? 0);
      const length = sum(left.length, right.length) ?? (least > ASSUMED_ITERATIONS ? least : undefined);
      return {
        kind: 'str', bytes: left.bytes, length, words: sum(left.words, right.words),
        lines: lines === undefined ? undefined : lines - seam, ...(openEnd ? { openEnd } : {}), ...own,
        ...(left.noise || right.noise ? { noise: (left.noise ?? 0) + (right.noise ?? 0) } : {}),
        ...(left.filler || right.filler ? { filler: (left.filler ?? 0) + (right.filler ?? 0) } : {}),
      };
    }
    // `template.substitute(fields) + footer`: text at least as long as the known part, when that is more than a guess
    // (a short known part says nothing of the whole, and an unknown part may be a thread's own key).
    const known = left.kind === 'str' && right.kind === 'unknown' ? left : right.kind === 'str' && left.kind === 'unknown' ? right : undefined;
    if (operator === '+' && known?.kind === 'str' && known.length !== undefined && known.length > ASSUMED_ITERATIONS) {
      return { kind: 'str', bytes: known.bytes, length: known.length };
    }
    if (operator === '+' && left.kind === 'container' && right.kind === 'container') {
      const joined = concatenated(left, right, this.fresh(node, frame));
      // `items[k:] + items[:k]`: a rotation, as long as `items` whatever `k` is.
      const whole = this.rotated(leftNode, rightNode, frame);
      return whole?.kind === 'container' && whole.length !== undefined && joined.kind === 'container'
        ? { ...joined, length: whole.length, atMost: undefined } : joined;
    }
    if (operator === '%' && left.kind === 'str') return { kind: 'str', bytes: left.bytes };
    // `self._handlers.get(kind, []) + self._handlers.get("*", [])`: a new list of the items of the container's lists.
    if (operator === '+' && left.kind === 'unknown' && right.kind === 'unknown' && left.origin && left.origin.key.endsWith('[]') && left.origin.key === right.origin?.key) {
      return { kind: 'container', type: 'list', origin: this.fresh(node, frame), holds: left.origin };
    }
    // `set(row) | {col for ...}`, `seen - done`, `defaults | overrides`: a new set (or dict), no larger than its parts.
    if (left.kind === 'container' && right.kind === 'container' && SET_OPERATORS.has(operator)
      && (left.type === 'set' || (left.type === 'dict' && operator === '|'))) {
      const [a, b] = [left.length ?? left.atMost, right.length ?? right.atMost];
      const atMost = operator === '&' || operator === '-' ? a : a !== undefined && b !== undefined ? a + b : undefined;
      return { kind: 'container', type: left.type, ...(atMost !== undefined ? { atMost } : {}), origin: this.fresh(node, frame) };
    }
    return UNKNOWN;
  }

  /** The sequence `a[k:] + a[:k]` (or `a[:k] + a[k:]`) rotates: both slices of one name, cut at the same spot. */
  private rotated(left: Syntax, right: Syntax, frame: Frame): Value | undefined {
    const cut = (node: Syntax) => {
      const [object, slice] = node.children;
      if (node.type !== 'subscript' || object?.type !== 'identifier' || slice?.type !== 'slice') return undefined;
      const text = this.text(slice).replace(/\s+/g, '');
      const at = text.indexOf(':');
      if (at < 0 || text.indexOf(':', at + 1) >= 0) return undefined;
      return { name: this.text(object), from: text.slice(0, at), to: text.slice(at + 1) };
    };
    const [a, b] = [cut(left), cut(right)];
    if (!a || !b || a.name !== b.name) return undefined;
    const complementary = (x: typeof a, y: typeof a) => x.from !== '' && x.to === '' && y.from === '' && y.to === x.from;
    if (!complementary(a, b) && !complementary(b, a)) return undefined;
    return this.evaluate(left.children[0], frame);
  }

  /**
   * How many times a comprehension's body runs: the product of its `for` clauses' lengths (its `if`s left out), or a
   * bound on it when a clause goes over something bounded (`for z in ZONES`).
   */
  private comprehensionRounds(node: Syntax, frame: Frame): number | { atMost: number } | undefined {
    const clauses = node.children.filter((child) => child.type === 'for_in_clause');
    if (clauses.length === 0) return undefined;
    let total = 1;
    let bounded = false;
    for (const clause of clauses) {
      const iterable = this.evaluate(clause.children[1], frame);
      // `[line.rstrip() for line in fh]` of a file the program wrote: a line each.
      const length = lengthOf(iterable) ?? this.fileLines(iterable);
      const count = length ?? (iterable.kind === 'container' ? iterable.atMost : undefined);
      if (count === undefined) return undefined;
      bounded ||= length === undefined;
      total *= count;
    }
    return bounded ? { atMost: total } : total;
  }

  /** The arguments an object's constructor was called with. */
  constructorArgs(ctor: { readonly call: Syntax; readonly frame: Frame; readonly args?: CallArgs }): CallArgs {
    return ctor.args ?? this.callArgs(ctor.call, ctor.frame);
  }

  /** The values of a call's arguments. */
  callArgs(call: Syntax, frame: Frame): CallArgs {
    const list = call.children[1];
    const positional: CallArgs['positional'] = [];
    const keywords: CallArgs['keywords'] = new Map();
    let hasSplat = false;
    if (list?.type === 'generator_expression') {
      positional.push({ value: this.evaluate(list, frame), node: list });
      return { positional, keywords, hasSplat };
    }
    for (const arg of list?.children ?? []) {
      if (arg.type === 'keyword_argument') {
        const [nameNode, valueNode] = arg.children;
        if (nameNode && valueNode) keywords.set(this.text(nameNode), { value: this.evaluate(valueNode, frame), node: valueNode });
      } else if (arg.type === 'list_splat') {
        const value = this.evaluate(arg.children[0], frame);
        if (value.kind === 'container' && value.items) {
          for (const item of value.items) positional.push({ value: ownedPart(value, item), node: arg.children[0] });
        } else {
          hasSplat = true;
          positional.push({ value, node: arg.children[0], splat: true });
        }
      } else if (arg.type === 'dictionary_splat') {
        // `**kwargs` of keyword arguments the file names: each binds as if spelled out.
        const value = arg.children[0] ? this.evaluate(arg.children[0], frame) : UNKNOWN;
        if (value.kind === 'container' && value.keywords) {
          for (const [name, item] of value.keywords) keywords.set(name, { value: item });
        } else {
          hasSplat = true;
        }
      } else {
        positional.push({ value: this.evaluate(arg, frame), node: arg });
      }
    }
    return { positional, keywords, hasSplat };
  }

  /** Binds argument values to `fn`'s parameters; a bound receiver (`self`) goes first. */
  bindArguments(fn: FunctionInfo, givenArgs: CallArgs, self?: Value): Map<string, Value> {
    // A decorator's wrapper standing for a method (see decoratedMethod) gets the instance as its first argument:
    // `wrapper(self, *args)` names it, `wrapper(*args)` passes it on in `args`.
    const args = self && !fn.cls ? { ...givenArgs, positional: [{ value: self }, ...givenArgs.positional] } : givenArgs;
    const bound = new Map<string, Value>();
    const params = fn.params;
    let index = 0;
    const isMethod = takesReceiver(fn);
    if (isMethod && self && params[0]) {
      bound.set(params[0].name, self);
      index = 1;
    }
    const positional = params.filter((p) => p.kind === 'positional');
    let cursor = positional.findIndex((p) => p === params[index]);
    if (cursor < 0) cursor = index;
    const rest: Value[] = [];
    for (const arg of args.positional) {
      if (arg.splat) {
        // `run_one(*case)` with a case of the registry: the required parameters are parts of that item.
        const part = arg.value.kind === 'unknown' && !arg.value.origin ? undefined : elementOf(arg.value);
        if (part?.kind === 'unknown' && part.origin?.key.includes('[]')) {
          for (const param of positional.slice(cursor)) if (!param.defaultValue && !bound.has(param.name)) bound.set(param.name, part);
        }
        break;
      }
      const param = positional[cursor];
      if (param) {
        bound.set(param.name, arg.value);
        cursor++;
      } else {
        rest.push(arg.value);
      }
    }
    const varargs = params.find((p) => p.kind === 'varargs');
    if (varargs) {
      bound.set(varargs.name, { kind: 'container', type: 'tuple', items: rest, length: rest.length, origin: { key: `${VARARGS}${fn.id}`, sharing: 'private' } });
    }
    const named = new Map<string, Value>();
    for (const [name, arg] of args.keywords) {
      if (params.some((p) => p.name === name && p.kind !== 'varargs' && p.kind !== 'kwargs')) bound.set(name, arg.value);
      else named.set(name, arg.value);
    }
    // `def spawn(target, count, **kwargs)` called as `spawn(work, 3, requests=60_000)`: the keywords no parameter
    // takes, when the call spells all of them.
    const kwargs = params.find((p) => p.kind === 'kwargs');
    if (kwargs && !args.hasSplat) {
      bound.set(kwargs.name, { kind: 'container', type: 'dict', length: named.size, keywords: named, origin: { key: `kw${fn.id}`, sharing: 'private' } });
    }
    return bound;
  }

  /**
   * A dict literal's entries when every key is a text it spells and every `**` it spreads is such a dict
   * (`{**kwargs, "seed": 17 * (i + 1)}`): later entries win, as in Python. Undefined otherwise.
   */
  private keywordEntries(node: Syntax, frame: Frame): ReadonlyMap<string, Value> | undefined {
    const keywords = new Map<string, Value>();
    for (const child of node.children) {
      if (child.type === 'dictionary_splat') {
        const spread = child.children[0] ? this.evaluate(child.children[0], frame) : UNKNOWN;
        // `**(overrides or {})` of no overrides: nothing.
        if (spread.kind === 'container' && spread.type === 'dict' && spread.length === 0 && !spread.keywords) continue;
        if (spread.kind !== 'container' || !spread.keywords) return undefined;
        for (const [name, value] of spread.keywords) keywords.set(name, value);
        continue;
      }
      const [key, value] = child.type === 'pair' ? child.children : [];
      const name = key?.type === 'string' ? this.evaluate(key, frame) : undefined;
      if (!value || name?.kind !== 'str' || name.value === undefined || name.bytes || !/^[A-Za-z_]\w*$/.test(name.value)) return undefined;
      keywords.set(name.value, this.evaluate(value, frame));
    }
    return keywords;
  }

  private callValue(node: Syntax, frame: Frame): Value {
    const attribute = this.namespaceCall(node, frame);
    if (attribute) return attribute;
    const callee = this.evaluate(node.children[0], frame);
    // `url.encode()` of something unknown: text's method, giving bytes (and `.decode()` text).
    if (callee.kind === 'unknown' && node.children[0]?.type === 'attribute') {
      const method = this.text(node.children[0].children[node.children[0].children.length - 1]);
      if (method === 'encode' || method === 'decode') return { kind: 'str', bytes: method === 'encode' };
      // `path.open("a")`, `path.open(encoding="utf-8")` on a path the model cannot type: a file, as `open(path, "a")`.
      if (method === 'open' && this.opensFile(node, frame)) return { kind: 'instance', type: 'file', origin: this.fresh(node, frame), ctor: { call: node, frame } };
    }
    return this.resultOf(callee, node, frame);
  }

  /** `x.open("rb")` or `x.open(encoding=...)`: given a file mode or a text file's options, not a name or a URL. */
  private opensFile(call: Syntax, frame: Frame): boolean {
    const { positional, keywords } = this.callArgs(call, frame);
    const mode = positional[0]?.value ?? keywords.get('mode')?.value;
    if (mode) return mode.kind === 'str' && mode.value !== undefined && /^(?=.*[rwax])[rwaxbt+]{1,3}$/.test(mode.value);
    return keywords.has('encoding') || keywords.has('newline');
  }

  /**
   * `self.__dict__.setdefault("_counts", {})` or `self.__dict__.get("_counts")`: the object's attribute of that name,
   * or (not set anywhere) the default, as that attribute of the object (a mixin's lazily made dict or lock).
   */
  private namespaceCall(call: Syntax, frame: Frame): Value | undefined {
    const callee = call.children[0];
    const namespace = callee?.type === 'attribute' ? callee.children[0] : undefined;
    if (namespace?.type !== 'attribute' || this.text(namespace.children[namespace.children.length - 1]) !== '__dict__') return undefined;
    const method = this.text(callee!.children[callee!.children.length - 1]);
    if (method !== 'setdefault' && method !== 'get') return undefined;
    const object = this.evaluate(namespace.children[0], frame);
    const [name, fallback] = this.callArgs(call, frame).positional;
    if (object.kind !== 'instance' || name?.value.kind !== 'str' || name.value.value === undefined) return undefined;
    const member = this.memberOf(object, name.value.value, frame);
    if (member.kind !== 'unknown') return member;
    const value = fallback?.value;
    if (value?.kind !== 'container' && value?.kind !== 'instance') return value ?? { kind: 'none' };
    return { ...value, origin: { key: `${object.origin.key}.${name.value.value}`, sharing: object.origin.sharing } } as Value;
  }

  /**
   * `await fetch_page(n)` with `fetch_page` a coroutine of this file: what it returns, as a call would; and
   * `await asyncio.to_thread(parse, text)`: what `parse(text)` returns.
   */
  private awaitedValue(awaited: Syntax | undefined, frame: Frame): Value {
    if (awaited?.type === 'parenthesized_expression') return this.awaitedValue(awaited.children[0], frame);
    // `await (self.fetch_legacy(w) if legacy else self.fetch(w))`: the branch the file picks, or what both give.
    if (awaited?.type === 'conditional_expression') {
      const [whenTrue, test, whenFalse] = awaited.children;
      const truth = test && test.type !== 'comparison_operator' ? truthOfValue(this.evaluate(test, frame)) : undefined;
      if (truth !== undefined) return this.awaitedValue(truth ? whenTrue : whenFalse, frame);
      const either = [this.awaitedValue(whenTrue, frame), this.awaitedValue(whenFalse, frame)];
      return this.commonInstance(either) ?? (either[0].kind === either[1].kind && either[0].kind !== 'instance' ? either[0] : UNKNOWN);
    }
    if (awaited?.type !== 'call' || !awaited.children[0]) return UNKNOWN;
    const callee = this.evaluate(awaited.children[0], frame);
    if (callee.kind === 'function' && callee.fn.isAsync) {
      return this.returnValue(callee.fn, this.bindArguments(callee.fn, this.callArgs(awaited, frame), callee.self), frame, callee.closure);
    }
    // `await asyncio.to_thread(f, x)`, `await loop.run_in_executor(pool, f, x)` (or of `partial(f, x)`): what f(x) returns.
    const inExecutor = callee.kind === 'external' && /(^|\.)run_in_executor$/.test(callee.name);
    if (callee.kind === 'external' && (callee.name === 'asyncio.to_thread' || inExecutor)) {
      const { positional, keywords, hasSplat } = this.callArgs(awaited, frame);
      const [given, ...rest] = inExecutor ? positional.slice(1) : positional;
      const fn = given?.value.kind === 'partial' && given.value.splatFrom === undefined && given.value.keywords.size === 0 ? given.value.fn : given?.value;
      const bound = given?.value.kind === 'partial' ? given.value.args.map((value) => ({ value })) : [];
      if (fn?.kind === 'function' && !fn.fn.isAsync && !hasSplat && (given?.value.kind !== 'partial' || fn === given.value.fn)) {
        return this.returnValue(fn.fn, this.bindArguments(fn.fn, { positional: [...bound, ...rest], keywords, hasSplat }, fn.self), frame, fn.closure);
      }
      // `await asyncio.to_thread(os.listdir, workdir)`: the listing, in a thread.
      if (fn?.kind === 'external' && LISTINGS.has(fn.name)) return this.listing(fn.name, awaited, frame) ?? UNKNOWN;
    }
    // `item = await queue.get()` of an asyncio.Queue: one of the items put there, as a queue.Queue's get gives.
    if (/^get(_nowait)?$/.test(queueMethod(callee) ?? '')) return this.resultOf(callee, awaited, frame);
    if (callee.kind === 'external' && callee.name === 'asyncio.gather') return this.gatheredValue(awaited, frame);
    return UNKNOWN;
  }

  /**
   * `await asyncio.gather(a(), b())` or `await asyncio.gather(*(fetch(u) for u in urls))`: a list of one result for
   * each awaitable given, so as long as they are many.
   */
  private gatheredValue(call: Syntax, frame: Frame): Value {
    const given = call.children[1]?.children ?? [];
    let length = 0;
    // `gather(*(fetch(u) for u in users))` of a filtered list: at most as many as it can hold.
    let bounded = false;
    // What one awaitable gives, when each is a call of the same coroutine (`gather(*(drain(rx, 250) for rx in socks))`).
    const made: Syntax[] = [];
    for (const argument of given) {
      if (argument.type === 'keyword_argument') continue;
      if (argument.type !== 'list_splat') {
        made.push(argument);
        length++;
        continue;
      }
      const generated = argument.children[0]?.type === 'generator_expression' ? argument.children[0].children[0] : undefined;
      if (generated) made.push(generated);
      const value = argument.children[0] ? this.evaluate(argument.children[0], frame) : UNKNOWN;
      const spread = lengthOf(value) ?? (value.kind === 'container' ? value.atMost : undefined);
      if (spread === undefined) return UNKNOWN;
      bounded ||= lengthOf(value) === undefined;
      length += spread;
    }
    const calls = made.filter((node) => node.type === 'call');
    const coroutines = calls.map((node) => this.evaluate(node.children[0]!, frame));
    const first = coroutines[0];
    const alike = calls.length === made.length && first?.kind === 'function' && first.fn.isAsync && coroutines.every((fn) => fn.kind === 'function' && fn.fn === first.fn);
    const result = alike ? this.awaitedValue(calls[0], frame) : undefined;
    const itemValue = result && (result.kind === 'container' || result.kind === 'str' || result.kind === 'number') ? { itemValue: result } : {};
    return { kind: 'container', type: 'list', ...(bounded ? { atMost: length } : { length }), ...itemValue, origin: this.fresh(call, frame) };
  }

  /** What calling `callee` at `call` returns. */
  resultOf(callee: Value, call: Syntax, frame: Frame): Value {
    switch (callee.kind) {
      case 'external':
        return this.externalResult(callee, call, frame);
      case 'class':
        // In a round of an unrolled loop the names it binds change after it: its arguments are read now.
        return {
          kind: 'instance', cls: callee.cls, origin: this.fresh(call, frame), ctor: { call, frame, ...(this.roundOf(call, frame) ? { args: this.callArgs(call, frame) } : {}) },
          ...(callee.alternatives ? { alternatives: callee.alternatives } : {}),
        };
      case 'function': {
        if (callee.fn.isAsync) return UNKNOWN;
        const args = this.callArgs(call, frame);
        return this.returnValue(callee.fn, this.bindArguments(callee.fn, args, callee.self), frame, callee.closure);
      }
      case 'partial': {
        // `make_gang = partial(Gang, silos=silos, mixer=mixer)`, then `make_gang("Ana", "scratch")`: made with the
        // partial's arguments too.
        const inner = callee.fn;
        if ((inner.kind !== 'class' && inner.kind !== 'function') || callee.splatFrom !== undefined) return this.resultOf(inner, call, frame);
        const args = withPartialArgs(callee, this.callArgs(call, frame));
        if (inner.kind === 'class') {
          return { kind: 'instance', cls: inner.cls, origin: this.fresh(call, frame), ctor: { call, frame, args }, ...(inner.alternatives ? { alternatives: inner.alternatives } : {}) };
        }
        return inner.fn.isAsync ? UNKNOWN : this.returnValue(inner.fn, this.bindArguments(inner.fn, args, inner.self), frame, inner.closure);
      }
      default:
        return UNKNOWN;
    }
  }

  /** What `fn(item)` returns for an item of `items`: an item of `map(fn, items)` or of a pool's `map`. */
  private mappedItem(callable: Value | undefined, items: Value | undefined, frame: Frame): Value | undefined {
    if (callable?.kind !== 'function' || callable.fn.isAsync || !items) return undefined;
    const args: CallArgs = { positional: [{ value: elementOf(items) }], keywords: new Map(), hasSplat: false };
    const value = this.returnValue(callable.fn, this.bindArguments(callable.fn, args, callable.self), frame, callable.closure);
    return value.kind === 'unknown' ? undefined : value;
  }

  /** `with MetricsGuard(metrics) as m:`: what the object's `__enter__` returns (the object, unless the file says). */
  private entered(value: Value, frame: Frame): Value {
    const plain = enterValue(value);
    const enter = plain.kind === 'instance' && plain.cls ? findMethod(this.module, plain.cls, '__enter__') : undefined;
    if (!enter?.body) return plain;
    const returned = this.returnValue(enter, this.bindArguments(enter, { positional: [], keywords: new Map(), hasSplat: false }, plain), frame);
    return returned.kind === 'instance' || returned.kind === 'container' ? returned : plain;
  }

  /** The value `fn` returns with these arguments, when all its returns agree; remembered per argument shape. */
  returnValue(fn: FunctionInfo, args: Map<string, Value>, caller: Frame, closure?: Frame): Value {
    if (!fn.body || this.depth > MAX_EVAL_DEPTH - 4) return UNKNOWN;
    const key = `${fn.id}|${caller.allocation}|${closure?.id ?? ''}|${argumentShape(args)}`;
    const known = this.returns.get(key);
    if (known) return known;
    const value = this.computeReturnValue(fn, args, caller, closure);
    this.returns.set(key, value);
    return value;
  }

  private readonly returns = new Map<string, Value>();

  private computeReturnValue(fn: FunctionInfo, args: Map<string, Value>, caller: Frame, closure?: Frame): Value {
    if (!fn.body) return UNKNOWN;
    const frame = new Frame(fn, fn.scope, args, closure ?? (fn.scope.parent?.kind === 'function' ? caller : undefined), caller.allocation, false);
    if (fn.isLambda) return this.evaluate(fn.body, frame);
    let yields = this.yieldsByFunction.get(fn);
    if (!yields) {
      // Only a body whose text says `yield` is searched for one.
      this.yieldWords ??= new WordHits(this.module.source, /\byield\b/g, this.module.spans);
      yields = this.yieldWords.within(fn.node.start, fn.node.end) ? yieldExpressions(fn.body) : [];
      this.yieldsByFunction.set(fn, yields);
    }
    if (yields.length > 0) return fn.isAsync ? UNKNOWN : this.generatorOf(fn, yields, frame);
    let returns = this.returnsByFunction.get(fn);
    if (!returns) {
      returns = returnExpressions(fn.body);
      this.returnsByFunction.set(fn, returns);
    }
    if (returns.length === 0) return { kind: 'none' };
    // `if not singleton: return factory()` with `singleton` known: only the returns this call can reach.
    const reached = returns.length > 1 ? returns.filter((expression) => this.reachable(expression, fn.body!, frame)) : returns;
    const values = (reached.length > 0 ? reached : returns).map((expression) => this.evaluate(expression, frame));
    // `if not api_key: return None`, later `return bucket`: what callers go on to use is the object (they test the
    // None, which `noneTest` never decides from an object).
    const somethings = values.filter((v) => v.kind !== 'none');
    const kept = somethings.length > 0 && somethings.length < values.length && somethings.every((v) => OPTIONAL_KINDS.has(v.kind)) ? somethings : values;
    const first = kept[0];
    // A factory returning `MonteCarloPricer(...)` on one path and `ClosedFormPricer()` on another: one of those
    // objects, each class's method running on its own (see examples).
    if (first.kind === 'instance') {
      const either = this.commonInstance(kept);
      if (either?.kind === 'instance') return { ...either, origin: first.origin };
    }
    const fetched = fetchedOrMade(kept);
    if (fetched) return fetched;
    // `return self.reduce_spectrum` on one path, `return self.reduce_mean if ... else self.reduce_peak` on another:
    // any of those methods of the one object may run.
    if (first.kind === 'function' && kept.length > 1 && kept.every((v) => v.kind === 'function' && sameReceiver(first, v))) {
      const fns = (kept as ReadonlyArray<Extract<Value, { kind: 'function' }>>).flatMap((v) => [v.fn, ...(v.alternatives ?? [])]);
      const others = fns.filter((fn, i) => fn !== first.fn && fns.indexOf(fn) === i);
      if (others.length > 0) return { ...first, alternatives: others };
    }
    // `return amount` on one path and `return 0.0` on another: about their mean, and a test of it decides nothing.
    if (first.kind === 'number' && kept.every((v) => v.kind === 'number') && kept.some((v) => v.kind === 'number' && v.value !== first.value)) {
      return { kind: 'number', value: meanOf(kept as ReadonlyArray<{ value: number }>), drawn: true };
    }
    // `return True` on one path and `return False` on another decides nothing.
    const undecided = first.kind === 'bool' && kept.some((v) => v.kind === 'bool' && v.value !== first.value);
    const value = kept.every((v) => v.kind === first.kind) && !undecided ? first : UNKNOWN;
    return value.kind === 'unknown' ? this.annotatedResult(fn, value) ?? value : value;
  }

  /**
   * Whether a return can run in this frame: no `if` around it whose test is false here, and no `if` before it (in a
   * block around it) whose test is true here and whose block returns.
   */
  private reachable(expression: Syntax, body: Syntax, frame: Frame): boolean {
    for (let node: Syntax = expression; node !== body && node.parent; node = node.parent) {
      const block = node.parent;
      if (block.type === 'block' && block.parent?.type === 'if_statement' && block.parent.children[1] === block
        && this.truthIn(block.parent.children[0], frame) === false) return false;
      if (block.type !== 'block' && block !== body) continue;
      for (const before of block.children) {
        if (before === node) break;
        const guarded = before.type === 'if_statement' && before.children.length === 2 ? before.children[1] : undefined;
        const last = guarded?.children[guarded.children.length - 1];
        if (last?.type === 'return_statement' && this.truthIn(before.children[0], frame) === true) return false;
      }
    }
    return true;
  }

  /** Whether a test is true or false in this frame (`not x` too), when its value says. */
  private truthIn(test: Syntax, frame: Frame): boolean | undefined {
    if (test.type === 'not_operator' && test.children[0]) {
      const inner = this.truthIn(test.children[0], frame);
      return inner === undefined ? undefined : !inner;
    }
    // `if kind == "process":` with the text known in this call (`executor("grade")` looking its kind up in a config).
    return truthOfValue(this.evaluate(test, frame)) ?? (test.type === 'comparison_operator' ? this.decidedTest(test, frame) : undefined);
  }

  /**
   * `def counter(self, name) -> Counter:` returning an object the file cannot follow (`self._metrics[name]`): an
   * instance of that class of this file, with the identity the object had.
   */
  private annotatedResult(fn: FunctionInfo, value: Extract<Value, { kind: 'unknown' }>): Value | undefined {
    // The annotation is lowered as a leaf: its text is the name (`Counter`, or `"Counter"` as a forward reference).
    const annotation = fn.node.children.find((child) => child.type === 'type');
    const name = annotation ? this.text(annotation).replace(/^["']|["']$/g, '') : '';
    if (!value.origin || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
    const binding = resolveName(fn.scope.parent ?? this.module.scope, name, this.module.scope);
    const cls = binding?.sites.find((site) => site.kind === 'class');
    return cls?.kind === 'class' ? { kind: 'instance', cls: cls.cls, origin: value.origin } : undefined;
  }

  /**
   * One item of each zipped input. `zip(edges, edges[1:])` pairs each boundary with the next: the second is not the
   * same number as the first but one step further along, as boundaries spread evenly from 0 are (`[n * k // parts
   * for k in range(parts + 1)]` has a typical item n / 2 and a step n / parts).
   */
  private zippedItems(call: Syntax, inputs: readonly Value[], frame: Frame): Value[] {
    const items = inputs.map((input) => elementOf(input));
    const nodes = call.children[1]?.children ?? [];
    nodes.forEach((node, i) => {
      const base = node.type === 'subscript' && node.children[1]?.type === 'slice' ? node.children[0] : undefined;
      const first = base && nodes.findIndex((other) => other.type === 'identifier' && this.text(other) === this.text(base));
      const whole = first !== undefined && first >= 0 ? inputs[first] : undefined;
      const typical = first !== undefined && first >= 0 ? items[first] : undefined;
      if (!whole || typical?.kind !== 'number' || items[i] !== typical) return;
      const [start, stop, step] = this.sliceParts(node.children[1]!, frame);
      const shift = start?.kind === 'number' && Number.isInteger(start.value) && stop === null && step === null ? start.value : undefined;
      const length = lengthOf(whole);
      const spread = length !== undefined && length >= 2 && Number.isFinite(typical.value) && typical.value >= 0 && shift !== undefined && shift > 0;
      items[i] = { kind: 'number', value: spread ? typical.value + (shift * 2 * typical.value) / (length - 1) : Number.NaN };
    });
    return items;
  }

  private externalResult(callee: Extract<Value, { kind: 'external' }>, call: Syntax, frame: Frame): Value {
    const name = callee.name;
    const args = () => this.callArgs(call, frame);
    const arg0 = () => args().positional[0]?.value ?? UNKNOWN;
    const fresh = () => this.fresh(call, frame);
    switch (name) {
      // `updated, fetched = asyncio.run(serve(gateway))`: what the coroutine returns, as awaiting it gives.
      case 'asyncio.run': {
        const coroutine = call.children[1]?.children[0];
        return coroutine?.type === 'call' ? this.awaitedValue(coroutine, frame) : UNKNOWN;
      }
      // `if asyncio.iscoroutinefunction(handler):` of a function of this file: whether it is an `async def`.
      case 'asyncio.iscoroutinefunction':
      case 'inspect.iscoroutinefunction': {
        const given = arg0();
        const fns = given.kind === 'function' ? [given.fn, ...given.alternatives ?? []] : [];
        return fns.length > 0 && fns.every((fn) => fn.isAsync === fns[0].isAsync) ? { kind: 'bool', value: fns[0].isAsync } : UNKNOWN;
      }
      case 'os.listdir':
      case 'os.scandir':
      case 'pathlib.Path.iterdir':
        return this.listing(name, call, frame) ?? UNKNOWN;
      case 'range': {
        // `range(lo, lo + n)` with `lo` a parameter nobody sizes: still n numbers.
        // Two unknowns read alike (`lo, hi = cfg["band"]`: two items of something) are not one number twice.
        const raw = args().positional;
        const alike = raw.length >= 2 && raw[0].value.kind === 'unknown' && raw[1].value.kind === 'unknown' && raw[0].value.origin?.key === raw[1].value.origin?.key;
        const given = raw.map((arg, i) => (arg.value.kind === 'unknown' && arg.value.origin
          ? { kind: 'number', value: Number.NaN, affine: { key: alike && i === 1 ? `${arg.value.origin.key}#stop` : arg.value.origin.key, scale: 1, offset: 0 } } as Value : arg.value));
        const values = given.map((value) => (value.kind === 'number' ? value.value : undefined));
        const length = rangeLength(values) ?? spanLength(given[1], given[0], values[2] ?? 1, Infinity) ?? strideLength(values)
          ?? rangeLength(given.map(expectedNumber));
        const step = values.length === 3 ? values[2] : 1;
        const first = values.length === 1 ? 0 : values[0];
        const typicalFirst = first !== undefined && Number.isNaN(first) ? typicalSize(given[0]) : undefined;
        return {
          kind: 'range', length, ...(step !== undefined && !Number.isNaN(step) ? { step } : {}),
          ...(first !== undefined && !Number.isNaN(first) ? { first } : typicalFirst !== undefined ? { typicalFirst } : {}),
          ...(ownSpan(given[0], given[1], values[2]) ? { perThread: true } : {}),
        };
      }
      // `dataclasses.asdict(profile)`: a new dict of the fields, each by its name (copied all the way down).
      case 'dataclasses.asdict': {
        const source = arg0();
        const fields = source.kind === 'instance' && source.cls ? this.dataclassFields(source.cls) : undefined;
        if (source.kind !== 'instance' || !source.cls || !fields || fields.length === 0 || fields.length > LITERAL_VALUES_READ) return UNKNOWN;
        const keywords = new Map(fields.map((name) => [name, withoutIdentity(this.dataclassField(source, source.cls!, name) ?? UNKNOWN)] as const));
        return { kind: 'container', type: 'dict', length: fields.length, keywords, origin: fresh() };
      }
      // `dataclasses.replace(blank, steps=steps)`: a new object of the class, its fields the old one's but those given.
      case 'dataclasses.replace': {
        const given = args();
        const source = given.positional[0]?.value;
        const fields = source?.kind === 'instance' && source.cls ? this.dataclassFields(source.cls) : undefined;
        if (source?.kind !== 'instance' || !source.cls || !fields || given.positional.length !== 1 || given.hasSplat) return UNKNOWN;
        const keywords: CallArgs['keywords'] = new Map(fields.map((name) => [name, given.keywords.get(name) ?? { value: this.dataclassField(source, source.cls!, name) ?? UNKNOWN }] as const));
        return { kind: 'instance', cls: source.cls, origin: fresh(), ctor: { call, frame, args: { positional: [], keywords, hasSplat: false } } };
      }
      // `copy.copy(book)`: new slots holding the same objects; `copy.deepcopy(book)`: new objects all the way down.
      case 'copy.copy': {
        const source = arg0();
        return source.kind === 'container' ? { ...source, origin: fresh(), holds: source.holds ?? source.origin } : UNKNOWN;
      }
      case 'copy.deepcopy': {
        const source = arg0();
        if (source.kind !== 'container') return UNKNOWN;
        return {
          ...source, items: source.items?.map(withoutIdentity), itemValue: source.itemValue && withoutIdentity(source.itemValue), origin: fresh(), holds: undefined,
          keywords: source.keywords && new Map([...source.keywords].map(([name, value]) => [name, withoutIdentity(value)])),
        };
      }
      case 'getattr': {
        // `getattr(service, method_name)` with the name known: that member (a bound method, an attribute).
        const [object, name, fallback] = args().positional;
        if (object && name?.value.kind === 'str' && name.value.value !== undefined) return this.memberOf(object.value, name.value.value, frame);
        // `getattr(self, "handle_" + event["kind"], self.handle_unknown)`: one of the methods whose names start so,
        // or the default.
        return (object && name?.node && this.prefixedMethods(object.value, name.node, fallback?.value)) ?? UNKNOWN;
      }
      case 'type': {
        // `type(self).opened += 1`: the class of an object of this file.
        const given = args().positional;
        const object = given.length === 1 ? given[0].value : undefined;
        if (object?.kind === 'instance' && object.cls) return { kind: 'class', cls: object.cls };
        return UNKNOWN;
      }
      case 'len': {
        const sized = arg0();
        // `len(self.txlog)` of an object whose class says what its length is (`def __len__(self): return len(self._rows)`).
        const measure = sized.kind === 'instance' && sized.cls ? findMethod(this.module, sized.cls, '__len__') : undefined;
        if (measure?.params[0]) {
          const counted = this.returnValue(measure, new Map([[measure.params[0].name, sized]]), frame);
          if (counted.kind === 'number') return counted;
        }
        const length = lengthOf(sized);
        // `len(CALIBRATION + recent)`: at least the 30,000 items known to be in it, when that is more than a guess
        // (as a loop over it counts them): a size, never a test's answer.
        if (length === undefined && sized.kind === 'container' && sized.atLeast !== undefined && sized.atLeast > ASSUMED_ITERATIONS) {
          return { kind: 'number', value: sized.atLeast, drawn: true };
        }
        // `len(history)` of the matches a filter kept out of 80,000: sized, as a loop over it is, by all it can hold
        // (`shard = len(history) // 4 + 1` then `range(0, len(history), shard)` makes 4 shards whatever the filter kept;
        // `range(0, len(courses), 2)` of the few files a listing kept, batches of two).
        if (length === undefined && sized.kind === 'container' && sized.atMost !== undefined) {
          return { kind: 'number', value: sized.atMost, drawn: true };
        }
        return length === undefined ? UNKNOWN : { kind: 'number', value: length };
      }
      case 'math.isqrt':
      case 'math.sqrt': {
        // `math.isqrt(n)` of a loop's number: the root of its middle value, a size (a trial division's bound).
        const value = arg0();
        if (value.kind !== 'number') return { kind: 'number', value: Number.NaN };
        const root = Number.isNaN(value.value) ? typicalRoot(value) : { kind: 'number', value: Math.sqrt(value.value) } as Value;
        return name === 'math.isqrt' && root.kind === 'number' ? { ...root, value: Math.floor(root.value) } : root;
      }
      case 'int':
      case 'float':
      case 'abs':
      case 'round':
      case 'math.ceil':
      case 'math.floor':
      case 'math.trunc': {
        const value = arg0();
        // `int(episode.duration_s * rate)` of a number a loop's rounds give: as many, give or take a fraction.
        if (value.kind === 'number' && Number.isNaN(value.value) && value.affine && name !== 'abs') return { kind: 'number', value: Number.NaN, affine: value.affine };
        if (value.kind === 'number') return { kind: 'number', value: roundedAs(name, value.value) };
        // `int(os.environ.get("RECORDS", "300000"))`: a number the file spells as text.
        const parsed = (name === 'int' || name === 'float') && value.kind === 'str' && value.value !== undefined ? numberInText(value.value, name) : undefined;
        if (parsed !== undefined) return { kind: 'number', value: parsed };
        // `int(rng.lognormvariate(3.5, 0.6))`: some number, which an f-string writes as one word of a few digits.
        // (`abs` and `round` may be a class's own `__abs__` or `__round__`.)
        return name === 'int' || name === 'float' || name.startsWith('math.') ? { kind: 'number', value: Number.NaN } : UNKNOWN;
      }
      case 'os.getenv':
      case 'os.environ.get': {
        // A setting read from the environment: what the file can say is its default.
        const fallback = args().positional[1]?.value ?? args().keywords.get('default')?.value;
        return fallback ?? UNKNOWN;
      }
      case 'min':
      case 'max': {
        const values = args().positional.map((arg) => arg.value);
        if (values.length >= 2 && values.every((v) => v.kind === 'number')) {
          const numbers = values.map((v) => (v as { value: number }).value);
          if (numbers.every((n) => !Number.isNaN(n))) return { kind: 'number', value: name === 'min' ? Math.min(...numbers) : Math.max(...numbers) };
          return cappedAffine(name, values as NumberValue[]);
        }
        const given = args().positional;
        // `min(len(s.samples) for s in stems)`: the least (or most) of the numbers the file spells.
        const spelled = given.length === 1 && !given[0].splat && args().keywords.size === 0 && given[0].value.kind === 'container' ? given[0].value.items : undefined;
        if (spelled && spelled.length > 0 && spelled.length <= MAX_SPELLED_ITEMS
          && spelled.every((item) => item.kind === 'number' && Number.isFinite(item.value) && !item.identity && !item.drawn)) {
          const numbers = spelled.map((item) => (item as NumberValue).value);
          return { kind: 'number', value: name === 'min' ? Math.min(...numbers) : Math.max(...numbers) };
        }
        // `max(self.racks, key=lambda r: r.soc_kwh)`: one of the objects, which the caller goes on to use.
        const item = given.length === 1 && !given[0].splat ? elementOf(given[0].value) : undefined;
        return item && (item.kind === 'instance' || item.kind === 'container') ? item : UNKNOWN;
      }
      // `sum(output)` of numbers the file spells (`list(PMINS)`, `[u[4] for u in UNITS]`): their total.
      case 'sum': {
        const given = args().positional;
        // `sum(amounts, Decimal("0"))`: a Decimal, as its start is.
        const start = given[1]?.value;
        if (given.length === 2 && isExactNumber(start)) return { kind: 'instance', type: start.type, origin: fresh() };
        const items = given.length === 1 && !given[0].splat && given[0].value.kind === 'container' ? given[0].value.items : undefined;
        if (!items || items.length > MAX_SPELLED_ITEMS || !items.every((item) => item.kind === 'number' && Number.isFinite(item.value) && !item.identity)) return UNKNOWN;
        const numbers = items as NumberValue[];
        return { kind: 'number', value: numbers.reduce((total, item) => total + item.value, 0), ...(numbers.some((item) => item.drawn) ? { drawn: true as const } : {}) };
      }
      // Compressed data's own length depends on the data; what decompressing it gives back does not.
      case 'zlib.compress':
      case 'gzip.compress':
      case 'bz2.compress':
      case 'lzma.compress': {
        const plain = arg0();
        return plain.kind === 'str' && plain.length !== undefined
          ? { kind: 'str', bytes: true, packed: { length: plain.length, lines: plain.lines, words: plain.words } } : { kind: 'str', bytes: true };
      }
      case 'zlib.decompress':
      case 'gzip.decompress':
      case 'bz2.decompress':
      case 'lzma.decompress': {
        const packed = arg0();
        return packed.kind === 'str' && packed.packed ? { kind: 'str', bytes: true, ...packed.packed } : { kind: 'str', bytes: true };
      }
      case 'unicodedata.normalize': {
        // `unicodedata.normalize("NFKD", title)`: the same text, a mark split off an accented letter here and there.
        const text = args().positional[1]?.value;
        return text?.kind === 'str' ? { kind: 'str', bytes: false, length: text.length, words: text.words, lines: text.lines } : { kind: 'str', bytes: false };
      }
      case 'json.dumps': {
        const length = jsonTextLength(arg0());
        return length === undefined ? { kind: 'str', bytes: false } : { kind: 'str', bytes: false, length, lines: 1 };
      }
      case 'str':
      case 'repr':
      case 'format': {
        // `str(n)` of a number: its digits; an unknown one has a few, not the thousand an unknown loop is given.
        const value = arg0();
        if (value.kind !== 'number' || name === 'format') return { kind: 'str', bytes: false };
        const length = Number.isNaN(value.value) ? NUMBER_TEXT_LENGTH : String(value.value).length;
        return { kind: 'str', bytes: false, length, words: 1, lines: 1 };
      }
      case 'bytearray': {
        // A mutable array of bytes: its items are state (`bits[pos >> 3] |= mask` from several threads).
        const value = arg0();
        const length = value.kind === 'number' ? value.value : lengthOf(value);
        return { kind: 'container', type: 'list', length: length !== undefined && Number.isFinite(length) ? length : undefined, origin: fresh(), bytesLike: true };
      }
      case 'bytes': {
        const value = arg0();
        // Zero bytes, all alike; `bytes(HALF + i * 1024)` for each `i` of a range: as many as the middle of what `i`
        // runs over.
        if (value.kind === 'number') {
          const length = Number.isNaN(value.value) ? typicalSize(value) : value.value;
          return { kind: 'str', bytes: true, length, ...(length !== undefined ? { filler: length } : {}) };
        }
        if (value.kind === 'str') return { kind: 'str', bytes: true, length: value.length, ...(value.noise ? { noise: value.noise } : {}), ...(value.filler ? { filler: value.filler } : {}) };
        return { kind: 'str', bytes: true, length: lengthOf(value) };
      }
      // `crc.to_bytes(2, "big")`: as many bytes as it is asked for.
      case 'int.to_bytes': {
        const given = args().positional[0]?.value ?? args().keywords.get('length')?.value;
        const length = given?.kind === 'number' && Number.isInteger(given.value) && given.value >= 0 ? given.value : given === undefined ? 1 : undefined;
        return { kind: 'str', bytes: true, length };
      }
      case 'os.pipe': {
        // Two ends of one pipe: writes to one are what reads of the other wait for.
        const pipe = fresh().key;
        const end = (type: string, suffix: string): Value => ({ kind: 'instance', type, origin: { key: `${pipe}:${suffix}`, sharing: frame.allocation } });
        const items = [end('os.pipe.read', 'r'), end('os.pipe.write', 'w')];
        return { kind: 'container', type: 'tuple', items, length: 2, origin: fresh() };
      }
      case 'threading.get_ident':
      case 'threading.get_native_id':
        return threadIdentityAttribute('ident', CURRENT_THREAD.key)!;
      case 'threading.current_thread':
      case 'threading.currentThread':
        return { kind: 'instance', type: 'threading.Thread', origin: CURRENT_THREAD, ctor: { call, frame } };
      // `struct.pack(fmt, ...)`, `struct.iter_unpack(fmt, data)`: sized by the format the file spells.
      case 'struct.calcsize':
      case 'struct.pack':
      case 'struct.unpack':
      case 'struct.unpack_from':
      case 'struct.iter_unpack': {
        const format = structFormat(arg0());
        return structResult(name.slice('struct.'.length), format, args().positional[1]?.value, fresh());
      }
      case 'os.urandom':
      case 'random.randbytes':
      case 'secrets.token_bytes': {
        // `os.urandom(IMAGE_SIZE - n * 4096)` in a loop over n: its middle size.
        const length = typicalSize(arg0());
        return { kind: 'str', bytes: true, length, ...(length !== undefined ? { noise: length } : {}) };
      }
      case 'list':
      case 'tuple':
      case 'set':
      case 'frozenset':
      case 'sorted':
      case 'reversed':
      case 'enumerate':
      // `deque(rows)`: a list to the model (its appends and pops are single steps, as a list's are), holding those rows.
      case 'collections.deque':
      // `for fut in as_completed(futures)`: each of the futures, as it finishes.
      case 'concurrent.futures.as_completed':
      case 'asyncio.as_completed': {
        const source = arg0();
        const type = name === 'tuple' ? 'tuple' : name === 'set' || name === 'frozenset' ? 'set' : 'list';
        // `enumerate(JOBS)` of a short list the file spells: each index with its item, so a loop over it unrolls.
        const start = name === 'enumerate' ? args().positional[1]?.value ?? args().keywords.get('start')?.value ?? { kind: 'number', value: 0 } : undefined;
        // Rows of plain data are each their own tuple, so an item of them is their mean (`kind` of `("hatch", 0.6)` is
        // some kind, not the first row's); with one origin they read as one object repeated (`[store] * 12`), the
        // first standing for all, as rows of objects still do (some object of the source).
        const ownRows = name === 'enumerate' && source.kind === 'container' && !!source.items?.every((each) => isPlainData(each) || (each.kind === 'container' && !!each.items?.every(isPlainData)));
        const numbered = name === 'enumerate' && source.kind === 'container' && source.items && source.items.length <= 16
          && start?.kind === 'number' && Number.isInteger(start.value)
          ? source.items.map((item, i): Value => {
            const origin = fresh();
            return { kind: 'container', type: 'tuple', items: [{ kind: 'number', value: start.value + i }, item], length: 2, origin: ownRows ? { ...origin, key: `${origin.key}#${i}` } : origin };
          })
          : undefined;
        const items = name === 'list' || name === 'tuple' || name === 'collections.deque' ? (source.kind === 'container' ? source.items : undefined)
          : name === 'sorted' ? this.sortedItems(source, args()) : name === 'set' || name === 'frozenset' ? distinctItems(source) : numbered;
        // A copy holds the same objects: `for job in list(self.jobs)` reaches the jobs themselves.
        // `for i, q in enumerate(quals)`: an index and an item of the source.
        const itemValue: Value | undefined = name === 'enumerate'
          ? { kind: 'container', type: 'tuple', items: [{ kind: 'number', value: Number.NaN }, elementOf(source)], length: 2, origin: fresh() }
          // Objects keep the identity they have as the source's items (`sorted(self.couriers)`: `couriers[]`).
          : source.kind === 'container' ? (source.itemValue?.kind === 'instance' ? elementOf(source) : source.itemValue ?? (source.items ? undefined : elementOf(source)))
          : source.kind === 'unknown' && source.origin ? elementOf(source)
          : source.kind === 'range' ? elementOf(source) : undefined;
        const length = args().positional.length === 0 ? 0 : lengthOf(source);
        // `deque(maxlen=48)`: a window that never holds more than that, however much is appended.
        const maxlen = name === 'collections.deque' ? args().keywords.get('maxlen')?.value ?? args().positional[1]?.value : undefined;
        const bounded = maxlen?.kind === 'number' && Number.isInteger(maxlen.value) && maxlen.value >= 0 ? maxlen.value : undefined;
        const sourceAtMost = length === undefined && source.kind === 'container' ? source.atMost : undefined;
        const atMostOf = bounded !== undefined ? Math.min(bounded, sourceAtMost ?? bounded) : sourceAtMost;
        const atMost = atMostOf !== undefined ? { atMost: atMostOf } : {};
        return { kind: 'container', type, length: bounded !== undefined && length !== undefined ? Math.min(length, bounded) : length, ...atMost, items, itemValue, origin: fresh() };
      }
      case 'memoryview': {
        // A view of bytes is as long as they are, and slices of it are bytes too.
        const viewed = arg0();
        return viewed.kind === 'str' ? { kind: 'str', bytes: true, length: viewed.length } : { kind: 'str', bytes: true };
      }
      case 'array.array': {
        // `array.array("h", samples)`: as many numbers as the initializer gives.
        const initial = args().positional[1]?.value;
        return { kind: 'container', type: 'list', length: initial ? lengthOf(initial) : 0, itemValue: { kind: 'number', value: Number.NaN }, origin: fresh() };
      }
      case 'random.random':
      case 'random.randint':
      case 'random.randrange':
      case 'random.uniform':
      case 'random.gauss':
      case 'random.expovariate':
        return this.drawAtMean(name.slice(7), args(), call);
      case 'random.choice':
      case 'random.choices':
      case 'random.sample':
        return pickedFrom(name.slice(7), args(), fresh());
      case 'io.StringIO':
      case 'io.BytesIO': {
        // An empty buffer written to (`csv.writer(buf)`, `buf.write(...)`), read back whole with `getvalue()`.
        if (call.children[1]?.children.length === 0) return { kind: 'instance', type: name, origin: fresh(), ctor: { call, frame } };
        // A stream over a text reads as its lines (`csv.reader(io.StringIO(text))`, `for line in stream`).
        const text = arg0();
        if (text.kind !== 'str' || text.lines === undefined) break;
        return { kind: 'container', type: 'list', length: text.lines, itemValue: { kind: 'str', bytes: text.bytes }, origin: fresh() };
      }
      case 'csv.reader':
      case 'csv.DictReader': {
        // One row per line of what it reads: a list of lines, or a file the code wrote.
        const over = arg0();
        const origin = fresh();
        // Each row a new list (a dict for DictReader) of the line's fields, texts.
        const cells: Value = { kind: 'str', bytes: false };
        const row: Value = { kind: 'container', type: name === 'csv.reader' ? 'list' : 'dict', itemValue: cells, origin: { key: `${origin.key}[]`, sharing: origin.sharing } };
        return { kind: 'container', type: 'list', length: over.kind === 'container' ? lengthOf(over) : this.fileLines(over), itemValue: row, origin };
      }
      case 'dict':
      case 'collections.defaultdict':
      case 'collections.OrderedDict':
      case 'collections.Counter': {
        // `dict(BASE_CONFIG)`: a shallow copy, as `copy.copy` makes (new slots, the same objects in them).
        const given = args();
        const source = given.positional[0]?.value;
        if ((name === 'dict' || name === 'collections.OrderedDict') && given.positional.length === 1 && !given.positional[0].splat
          && given.keywords.size === 0 && source?.kind === 'container' && source.type === 'dict') {
          return { ...source, origin: fresh(), holds: source.holds ?? source.origin };
        }
        // `dict(kwargs, worker_id=k)`, `dict(seed=3)`: keyword arguments, with those of a `**kwargs` it copies.
        const copied = given.positional.length === 0 ? new Map<string, Value>() : source?.kind === 'container' ? source.keywords : undefined;
        if (name === 'dict' && copied && !given.hasSplat && given.positional.length <= 1 && copied.size + given.keywords.size > 0) {
          const keywords = new Map(copied);
          for (const [keyword, arg] of given.keywords) keywords.set(keyword, arg.value);
          return { kind: 'container', type: 'dict', origin: fresh(), length: keywords.size, keywords };
        }
        // `Counter(l.subject for l in lessons)`: a key for each item counted, at most; each value a count. (Of many
        // items, the keys are the distinct ones, far fewer as a rule: the usual guess stands for them.)
        if (name === 'collections.Counter' && given.positional.length === 1 && !given.positional[0].splat && (source?.kind === 'container' || source?.kind === 'str')) {
          const counted = lengthOf(source) ?? (source.kind === 'container' ? source.atMost : undefined);
          if (counted !== undefined && counted <= ASSUMED_ITERATIONS) return { kind: 'container', type: 'dict', origin: fresh(), atMost: counted, itemValue: { kind: 'number', value: Number.NaN } };
        }
        // `defaultdict(list)`: the factory is not an item.
        const items = name === 'collections.defaultdict' ? given.positional.slice(1) : given.positional;
        // `dict(pool.map(minify, names, texts))`: a key for each pair, at most (a key can come again).
        const pairs = (name === 'dict' || name === 'collections.OrderedDict') && items.length === 1 && !items[0].splat && source?.kind === 'container' ? source : undefined;
        const atMost = pairs ? lengthOf(pairs) ?? pairs.atMost : undefined;
        // `dict(iter_chunks(data))` of `(i, data[a:b])` rows: each value is the second part of a row.
        const row = pairs ? elementOf(pairs) : undefined;
        const value = row?.kind === 'container' && row.type === 'tuple' && row.items?.length === 2 ? row.items[1] : undefined;
        const itemValue = value && value.kind !== 'unknown' ? { itemValue: value } : {};
        if (atMost !== undefined && given.keywords.size === 0) return { kind: 'container', type: 'dict', origin: fresh(), atMost, ...itemValue };
        return { kind: 'container', type: 'dict', origin: fresh(), length: items.length === 0 && given.keywords.size === 0 ? 0 : undefined };
      }
      // `dict.fromkeys(CLASSES, 0)`: a key for each item given.
      case 'dict.fromkeys':
        return { kind: 'container', type: 'dict', origin: fresh(), length: lengthOf(arg0()) };
      // `itertools.combinations(range(98), 3)`: C(n, r) rows of r items; permutations n!/(n-r)!, r defaulting to n.
      case 'itertools.combinations':
      case 'itertools.combinations_with_replacement':
      case 'itertools.permutations': {
        const given = args();
        const source = given.positional[0]?.value;
        const rValue = given.positional[1]?.value ?? given.keywords.get('r')?.value;
        const n = source ? lengthOf(source) : undefined;
        const r = rValue?.kind === 'number' && Number.isInteger(rValue.value) ? rValue.value : name === 'itertools.permutations' ? n : undefined;
        const length = n !== undefined && r !== undefined ? arrangements(name, n, r) : undefined;
        const row: Value | undefined = source && r !== undefined && r <= MAX_SPELLED_ITEMS
          ? { kind: 'container', type: 'tuple', length: r, items: Array.from({ length: r }, () => elementOf(source)), origin: fresh() } : undefined;
        return { kind: 'container', type: 'list', ...(length !== undefined && Number.isFinite(length) ? { length } : {}), ...(row ? { itemValue: row } : {}), origin: fresh() };
      }
      // `chain(tokens, ["</s>"])`: the items of each, one after the other.
      case 'itertools.chain': {
        const inputs = args().positional;
        if (inputs.length === 0 || inputs.some((arg) => arg.splat)) break;
        const lengths = inputs.map((arg) => lengthOf(arg.value));
        const length = lengths.every((l): l is number => l !== undefined) ? lengths.reduce((sum, l) => sum + l, 0) : undefined;
        // The item of the input that gives most of them (`chain([header], repeat(block, 16))`: a block).
        let item: Value | undefined;
        let most = -1;
        for (const [k, { value }] of inputs.entries()) {
          const its = value.kind === 'container' ? value.itemValue ?? value.items?.[0] : undefined;
          if (its && (lengths[k] ?? 0) > most) {
            item = its;
            most = lengths[k] ?? 0;
          }
        }
        return { kind: 'container', type: 'generator', length, ...(item ? { itemValue: item } : {}), origin: fresh() };
      }
      // `repeat(block, 16)`: the one value, that many times; without a count, forever (not sized), still that value
      // (`pool.map(render_job, jobs, repeat(shop))` hands every task the one shop).
      case 'itertools.repeat': {
        const [item, times] = args().positional;
        if (!item || item.splat) break;
        if (!times) return { kind: 'container', type: 'generator', itemValue: item.value, repeats: true, origin: fresh() };
        if (times.value.kind !== 'number' || !(times.value.value >= 0)) break;
        return { kind: 'container', type: 'generator', length: Math.floor(times.value.value), itemValue: item.value, repeats: true, origin: fresh() };
      }
      // `pairwise(words)`: each item with the next, one pair fewer than the items.
      case 'itertools.pairwise': {
        const source = arg0();
        const n = lengthOf(source);
        const item = elementOf(source);
        const pair: Value = { kind: 'container', type: 'tuple', length: 2, items: [item, item], origin: fresh() };
        return { kind: 'container', type: 'generator', ...(n !== undefined ? { length: Math.max(0, n - 1) } : {}), itemValue: pair, origin: fresh() };
      }
      // `itertools.islice(lines, k * per, (k + 1) * per)`: that many items of what it takes from, at most.
      case 'itertools.islice': {
        const [source, ...bounds] = args().positional;
        if (!source || source.splat || bounds.length === 0 || bounds.length > 3 || bounds.some((arg) => arg.splat)) break;
        const [start, stop, step] = bounds.length === 1 ? [undefined, bounds[0].value, undefined] : bounds.map((arg) => arg.value);
        const total = lengthOf(source.value);
        const from = start === undefined || start.kind === 'none' ? 0 : start.kind === 'number' && !Number.isNaN(start.value) ? start.value : undefined;
        const span = stop?.kind === 'none' ? (total !== undefined && from !== undefined ? total - from : undefined)
          : from === 0 && stop?.kind === 'number' && !Number.isNaN(stop.value) ? stop.value
          : difference(stop, start?.kind === 'none' ? undefined : start);
        const stride = step?.kind === 'number' && step.value >= 1 ? step.value : step === undefined || step.kind === 'none' ? 1 : undefined;
        const taken = span === undefined || stride === undefined ? undefined : Math.max(0, Math.ceil(span / stride));
        const length = taken !== undefined && total !== undefined ? Math.min(taken, total) : taken;
        const item = source.value.kind === 'container' ? source.value.itemValue : undefined;
        return { kind: 'container', type: 'generator', length, ...(item ? { itemValue: item } : {}), origin: fresh() };
      }
      // `itertools.product(FAST, SLOW)`: a row for each pair, the items' means standing for their numbers;
      // `product(range(6), repeat=5)` the inputs that many times over.
      case 'itertools.product': {
        const given = args();
        const repeat = given.keywords.get('repeat')?.value;
        const times = repeat === undefined ? 1 : repeat.kind === 'number' && Number.isInteger(repeat.value) && repeat.value >= 0 && repeat.value <= MAX_SPELLED_ITEMS ? repeat.value : undefined;
        const inputs = times === undefined ? [] : Array.from({ length: times }, () => given.positional).flat();
        if (inputs.length === 0 || inputs.some((arg) => arg.splat) || given.keywords.size > (repeat ? 1 : 0)) break;
        const lengths = inputs.map((arg) => lengthOf(arg.value));
        const length = lengths.every((l): l is number => l !== undefined) ? lengths.reduce((product, l) => product * l, 1) : undefined;
        const row: Value = { kind: 'container', type: 'tuple', length: inputs.length, items: inputs.map((arg) => elementOf(arg.value)), origin: fresh() };
        return { kind: 'container', type: 'list', length, itemValue: row, origin: fresh() };
      }
      case 'zip': {
        const inputs = args().positional;
        const lengths = inputs.map((arg) => lengthOf(arg.value));
        const sized = lengths.filter((l): l is number => l !== undefined);
        const known = sized.length === lengths.length && lengths.length > 0;
        // It stops at its shortest input: no longer than the inputs of known length.
        const atMost = !known && sized.length > 0 ? { atMost: Math.min(...sized) } : {};
        // Each item a tuple of one item of each input (`for batch, out in zip(batches, outputs)`).
        const row: Value | undefined = inputs.some((arg) => arg.splat) ? undefined
          : { kind: 'container', type: 'tuple', length: inputs.length, items: this.zippedItems(call, inputs.map((arg) => arg.value), frame), origin: fresh() };
        return { kind: 'container', type: 'list', length: known ? Math.min(...sized) : undefined, ...atMost, itemValue: row, origin: fresh() };
      }
      case 'filter': {
        // The items that pass: all of them, at most.
        const items = args().positional[1]?.value;
        const length = items ? lengthOf(items) : undefined;
        return { kind: 'container', type: 'list', ...(length !== undefined ? { atMost: length } : {}), itemValue: items ? elementOf(items) : undefined, origin: fresh() };
      }
      case 'map': {
        // One result per item of the shortest iterable.
        const [callable, ...iterables] = args().positional;
        const lengths = iterables.map((arg) => lengthOf(arg.value));
        const known = lengths.length > 0 && lengths.every((l) => l !== undefined);
        const itemValue = iterables.length === 1 ? this.mappedItem(callable?.value, iterables[0].value, frame) : undefined;
        return { kind: 'container', type: 'list', length: known ? Math.min(...(lengths as number[])) : undefined, itemValue, origin: fresh() };
      }
      case 'multiprocessing.get_context':
        // A context offers the module's API with its own start method: `ctx.Process`, `ctx.Pool`.
        return { kind: 'external', name: 'multiprocessing' };
      case 'iter': {
        const given = args().positional;
        if (given.length !== 2) return arg0();
        // `iter(q.get, None)`: what each call gives, until the sentinel.
        const callable = given[0].value;
        const taken = callable.kind === 'external' && /^get(_nowait)?$/.test(queueMethod(callable) ?? '')
          ? this.methodResult(callable, call, frame)
          : callable.kind === 'function' && callable.fn.params.length === 0 && !callable.fn.isAsync
            ? this.returnValue(callable.fn, new Map(), frame, callable.closure) : undefined;
        return { kind: 'container', type: 'generator', ...(taken && taken.kind !== 'unknown' ? { itemValue: taken } : {}), origin: fresh() };
      }
      case 're.compile':
        return { kind: 'instance', type: 're.Pattern', origin: fresh(), ctor: { call, frame } };
      case 're.findall':
      case 're.finditer': {
        const [pattern, text] = args().positional;
        return matches(pattern?.value, text?.value, fresh());
      }
      case 'functools.partial': {
        const all = args();
        const [fnArg, ...rest] = all.positional;
        if (!fnArg) return UNKNOWN;
        const keywords = new Map([...all.keywords].map(([k, v]) => [k, v.value] as const));
        const splatFrom = rest.findIndex((r) => r.splat);
        return {
          kind: 'partial', fn: fnArg.value, args: rest.map((r) => r.value), keywords,
          argNodes: rest.flatMap((r) => (r.node ? [r.node] : [])), ...(splatFrom >= 0 ? { splatFrom } : {}),
          keywordNodes: new Map([...all.keywords].flatMap(([k, v]) => (v.node ? [[k, v.node] as const] : []))),
        };
      }
      // `textwrap.wrap(body, 44)`: the text in lines of at most 44 characters (70 by default), broken at spaces, so
      // filled to about nine tenths of the width on average.
      case 'textwrap.wrap': {
        const given = args();
        const text = given.positional[0]?.value;
        const width = given.positional[1]?.value ?? given.keywords.get('width')?.value ?? { kind: 'number', value: 70 };
        if (text?.kind !== 'str' || text.length === undefined || width.kind !== 'number' || !(width.value >= 1)) return UNKNOWN;
        const lines = Math.max(1, Math.ceil(text.length / (0.9 * width.value)));
        return { kind: 'container', type: 'list', length: lines, itemValue: { kind: 'str', bytes: false, length: Math.round(text.length / lines) }, origin: fresh() };
      }
      case 'socket.socketpair': {
        const made = fresh();
        const end = (side: number): Value => ({ kind: 'instance', type: 'socket.socket', origin: { ...made, key: `${made.key}.${side}` }, local: true });
        return { kind: 'container', type: 'tuple', items: [end(0), end(1)], length: 2, origin: made };
      }
      default:
        break;
    }
    if (callee.self) return this.methodResult(callee, call, frame);
    if (KNOWN_CLASSES.has(name) || THREADING_SERVERS.has(name)) return { kind: 'instance', type: canonicalType(name), origin: fresh(), ctor: { call, frame } };
    const returnType = RETURN_TYPES.get(name);
    if (returnType) return { kind: 'instance', type: returnType, origin: fresh(), ctor: { call, frame } };
    return UNKNOWN;
  }

  private argumentDefaults: Map<string, Value | undefined> | undefined;

  /**
   * `args.rows` after `parser.add_argument("--rows", type=int, default=100_000)`: the default, as a script run without
   * that option sees it. A name given different defaults (two parsers) stays unknown.
   */
  private argumentDefault(name: string): Value | undefined {
    if (!this.argumentDefaults) {
      const defaults = new Map<string, Value | undefined>();
      for (const call of this.argumentCalls()) {
        const args = this.callArgs(call, this.frameFor(scopeOf(this.module, call), this.moduleFrame));
        const dest = args.keywords.get('dest')?.value;
        const flags = args.positional.flatMap((arg) => (arg.value.kind === 'str' && arg.value.value !== undefined ? [arg.value.value] : []));
        const long = flags.find((flag) => flag.startsWith('--')) ?? flags.find((flag) => !flag.startsWith('-')) ?? flags[0];
        const key = dest?.kind === 'str' && dest.value !== undefined ? dest.value : long?.replace(/^-+/, '').replace(/-/g, '_');
        const value = args.keywords.get('default')?.value;
        if (!key) continue;
        const known = value && (value.kind === 'number' || value.kind === 'str' || value.kind === 'bool') ? value : undefined;
        defaults.set(key, defaults.has(key) && JSON.stringify(defaults.get(key)) !== JSON.stringify(known) ? undefined : known);
      }
      this.argumentDefaults = defaults;
    }
    return this.argumentDefaults.get(name);
  }

  /** Every `.add_argument(...)` call of the module (any parser: a script has one, as a rule). */
  private argumentCalls(): Syntax[] {
    const calls: Syntax[] = [];
    const source = this.module.source;
    for (let at = source.indexOf('.add_argument('); at >= 0; at = source.indexOf('.add_argument(', at + 1)) {
      const node = nodeAt(this.module.root, at + 1, new Set());
      const call = node.type === 'identifier' ? node.parent?.parent : undefined;
      if (call?.type === 'call') calls.push(call);
    }
    return calls;
  }

  /**
   * The pairs of a dict written out as a literal that nothing adds to (`{"blur": box_blur, "north": [150_000]}`):
   * its entries are what the file spells, so lookups, loops and `.items()` can follow them one by one.
   */
  private literalPairs(value: Value): Syntax[] | undefined {
    if (value.kind !== 'container' || value.type !== 'dict' || value.length === undefined) return undefined;
    const literal = value.spelledAt ?? (value.holds ?? value.origin).site;
    return literal?.type === 'dictionary' && literal.children.length === value.length ? literal.children : undefined;
  }

  /** The value such a dict gives for a string key it spells out (`SITE_BATCHES["north"]`). */
  private literalEntry(dict: Extract<Value, { kind: 'container' }>, key: string, frame: Frame): Value | undefined {
    const pairs = this.literalPairs(dict);
    const at = pairs?.findIndex((entry) => {
      const written = entry.children[0] ? this.evaluate(entry.children[0], frame) : undefined;
      return written?.kind === 'str' && written.value === key;
    }) ?? -1;
    const pair = at >= 0 ? pairs![at] : undefined;
    // Evaluated where the literal was made, when it was: a reader elsewhere does not see the maker's local names.
    const made = dict.entries && dict.entries.site === pair?.parent ? dict.entries.values[at] : undefined;
    const value = made ?? (pair?.children[1] ? this.evaluate(pair.children[1], frame) : undefined);
    // Its shape is the entry's; its identity stays the dict's item, as every other lookup in it names it (a shallow
    // copy's, the copied dict's).
    const owner = dict.holds ?? dict.origin;
    // `{"treatment": [], "control": []}` whose lists main fills (`outcomes[arm].append(v)`): each holds its share.
    const grown = dict.itemsGrown && dict.itemValue?.kind === 'container' ? dict.itemValue : undefined;
    if (grown && value?.kind === 'container' && grown.type === value.type) {
      return { ...value, length: grown.length, items: undefined, origin: { key: `${owner.key}[]`, sharing: owner.sharing } };
    }
    // Objects of different classes under different keys (`{"options": MonteCarlo(), "spot": FlatFee()}`), or a
    // context of several kinds of things (`{"config": CONFIG, "calendar": Calendar(), "rejected": []}`), are
    // different objects: each keeps its key in its identity.
    const distinct = (value?.kind === 'instance' || value?.kind === 'container') && this.literalPairs(dict)!.length > 1 && this.literalKindsDiffer(dict, frame);
    const origin: Origin = { key: distinct ? `${owner.key}[]${JSON.stringify(key)}` : `${owner.key}[]`, sharing: owner.sharing };
    // A dict spelled in place (`CONFIG["channels"]` of `{"window": {...}, "web": {...}}`) keeps its literal: its
    // `.items()` are its entries one by one, as a dict named on its own gives them.
    const spelledAt = value?.kind === 'container' && value.origin.site?.type === 'dictionary' ? { spelledAt: value.spelledAt ?? value.origin.site } : {};
    return value?.kind === 'container' || value?.kind === 'instance' ? { ...value, ...spelledAt, origin } : value;
  }

  /**
   * The methods of an object of this file's classes that a name built as `"handle_" + kind` (or `f"handle_{kind}"`)
   * can pick, with the default `getattr` falls back on: the first, the others as alternatives.
   */
  private prefixedMethods(object: Value, nameNode: Syntax, fallback: Value | undefined): Value | undefined {
    if (object.kind !== 'instance' || !object.cls) return undefined;
    const prefix = this.namePrefix(nameNode);
    // A prefix that names a family (`handle_`, `visit_`, `cmd_`), not any private method (`"_" + name`).
    if (!prefix || !/[A-Za-z]{2}/.test(prefix)) return undefined;
    const methods = new Map<string, FunctionInfo>();
    for (const owner of classChain(this.module, object.cls)) {
      for (const [methodName, method] of owner.methods) {
        if (methodName.startsWith(prefix) && !methodName.startsWith('__') && !methods.has(methodName)) methods.set(methodName, method);
      }
    }
    const found = [...methods.values()];
    if (found.length > MAX_PREFIXED_METHODS) return undefined;
    if (fallback?.kind === 'function' && !found.includes(fallback.fn)) found.push(fallback.fn);
    if (found.length === 0) return undefined;
    return { kind: 'function', fn: found[0], self: object, ...(found.length > 1 ? { alternatives: found.slice(1) } : {}) };
  }

  /** The literal start of a name built as `"handle_" + kind` or `f"handle_{kind}"`. */
  private namePrefix(node: Syntax): string | undefined {
    const [left, right] = node.type === 'binary_operator' ? node.children : [node, undefined];
    if (left?.type !== 'string') return undefined;
    const built = right ? this.module.source.slice(left.end, right.start).trim() === '+' : /^[a-eg-z]*f/i.test(this.text(left));
    return built ? /^[a-zA-Z]*["']{1,3}([A-Za-z_][A-Za-z0-9_]*)/.exec(this.text(left))?.[1] : undefined;
  }

  /**
   * Are the values of this dict literal objects or containers, of more than one class or container type (numbers and
   * texts beside them aside)?
   */
  private literalKindsDiffer(dict: Extract<Value, { kind: 'container' }>, frame: Frame): boolean {
    const classes = new Set((this.literalPairs(dict) ?? []).flatMap((pair) => {
      const value = pair.children[1] ? this.evaluate(pair.children[1], frame) : undefined;
      if (value && value.kind !== 'unknown' && isPlainData(value)) return [];
      return [value?.kind === 'instance' ? value.cls ?? value.type : value?.kind === 'container' ? `container:${value.type}` : undefined];
    }));
    return classes.size > 1 && !classes.has(undefined);
  }

  /** `for site in SITE_BATCHES:` over such a dict, when short: its keys, one by one. */
  literalKeys(value: Value, frame: Frame): Value[] | undefined {
    const pairs = this.literalPairs(value);
    // A registry filled by a method under keys the file spells (see registeredEntries): those keys.
    if (!pairs && value.kind === 'container') return this.registeredEntries(value)?.map((entry) => entry.key);
    if (!pairs || pairs.length === 0 || pairs.length > LITERAL_ENTRIES_UNROLLED) return undefined;
    return pairs.map((pair) => this.evaluate(pair.children[0], frame));
  }

  /** `ops.items()` or `ops.values()` on such a dict, when short: its entries one by one, so each thread knows its own. */
  private literalEntries(dict: Extract<Value, { kind: 'container' }>, method: 'items' | 'values', frame: Frame): Value[] | undefined {
    const pairs = this.literalPairs(dict);
    const registered = pairs ? undefined : this.registeredEntries(dict);
    if (registered) {
      return registered.map(({ key, value }) => (method === 'values' ? value
        : { kind: 'container', type: 'tuple', items: [key, value], length: 2, origin: this.fresh(dict.origin.site!, frame) }));
    }
    if (!pairs || pairs.length === 0 || pairs.length > LITERAL_ENTRIES_UNROLLED) return undefined;
    // `{"east": {}, "west": {}}` whose dicts the code fills (see literalEntry): each holds its share.
    const grown = dict.itemsGrown && dict.itemValue?.kind === 'container' ? dict.itemValue : undefined;
    return pairs.map((pair) => {
      const made = this.evaluate(pair.children[1], frame);
      const value = grown && made.kind === 'container' && grown.type === made.type ? { ...made, length: grown.length, items: undefined } : made;
      if (method === 'values') return value;
      return { kind: 'container', type: 'tuple', items: [this.evaluate(pair.children[0], frame), value], length: 2, origin: this.fresh(pair, frame) };
    });
  }

  /**
   * `kinds.get(name, VatWatcher)` of a dict literal of classes, with a class as the default: the entry's class for a
   * key it spells, the default for one it does not, and for a key the model does not know one of them all.
   */
  private classOrDefault(dict: Extract<Value, { kind: 'container' }>, key: Value, fallback: Extract<Value, { kind: 'class' }>, frame: Frame): Value | undefined {
    const pairs = this.literalPairs(dict);
    if (fallback.alternatives || !pairs || pairs.length === 0 || pairs.length > LITERAL_ENTRIES_UNROLLED) return undefined;
    const classes = new Map<string, ClassInfo>();
    for (const pair of pairs) {
      const [name, value] = [this.evaluate(pair.children[0]!, frame), this.evaluate(pair.children[1]!, frame)];
      if (name.kind !== 'str' || name.value === undefined || value.kind !== 'class' || value.alternatives) return undefined;
      classes.set(name.value, value.cls);
    }
    if (key.kind === 'str' && key.value !== undefined) return { kind: 'class', cls: classes.get(key.value) ?? fallback.cls };
    const all = [...new Set([...classes.values(), fallback.cls])];
    return { kind: 'class', cls: all[0], ...(all.length > 1 ? { alternatives: all } : {}) };
  }

  private methodResult(callee: Extract<Value, { kind: 'external' }>, call: Syntax, frame: Frame): Value {
    const self = callee.self!;
    const method = callee.name.slice(callee.name.lastIndexOf('.') + 1);
    // `threading.current_thread().getName()`, the older spelling of `.name`.
    if (method === 'getName' && self.kind === 'instance' && (self.origin === CURRENT_THREAD || (self.cls && libraryBaseOf(this, self.cls) === 'threading.Thread'))) {
      return threadIdentityAttribute('name', self.origin.key)!;
    }
    if (self.kind === 'container') {
      // `stage_kwargs.get(stage["name"], {})` of a dict of keywords the file spells: that keyword's value, or the default.
      // `cfg.pop("entry")` of a copy of a spelled row: its value too.
      if ((method === 'get' || (method === 'pop' && self.type === 'dict')) && self.keywords) {
        const [key, fallback] = this.callArgs(call, frame).positional;
        const name = key?.value.kind === 'str' ? key.value.value : undefined;
        if (name !== undefined && self.keywords.has(name)) return self.keywords.get(name)!;
        if (name !== undefined && fallback) return fallback.value;
        // `self.options.get("beats") or clock.beats_per_test` of a dict that holds just the keywords it spells (its
        // length says so): no such entry, None.
        if (name !== undefined && method === 'get' && self.length === self.keywords.size) return { kind: 'none' };
      }
      const entries = method === 'items' || method === 'values' ? this.literalEntries(self, method, frame) : undefined;
      if (entries) return { kind: 'container', type: 'list', length: entries.length, items: entries, origin: this.fresh(call, frame) };
      // `Plugin.registry.items()` of a registry the file's classes fill as they are defined: one entry a class.
      const registered = method === 'items' || method === 'keys' || method === 'values' ? this.registeredClass(self) : undefined;
      if (registered?.kind === 'class') {
        const count = registered.alternatives?.length ?? 1;
        const entry: Value = method === 'values' ? registered : method === 'keys' ? { kind: 'str', bytes: false }
          : { kind: 'container', type: 'tuple', items: [{ kind: 'str', bytes: false }, registered], length: 2, origin: this.fresh(call, frame) };
        return { kind: 'container', type: 'list', length: count, itemValue: entry, origin: this.fresh(call, frame) };
      }
      if (method === 'items' || method === 'keys' || method === 'values' || method === 'copy') {
        // `modules.values()` holds what the dict holds (a dict's item value is its values' shape); `items()` pairs
        // with keys the file does not know.
        // A value the file does not show is still this dict's item (`for code, check in RULES.items(): check(form)`
        // calls one of the functions the file stores in RULES).
        const value: Value = self.itemValue ? elementOf(self) : { kind: 'unknown', origin: { key: `${self.origin.key}[]`, sharing: self.origin.sharing } };
        const itemValue: Value | undefined = method === 'values' || method === 'copy' ? madeItemAsItem(self)
          : method === 'items' && self.type === 'dict'
            ? { kind: 'container', type: 'tuple', items: [UNKNOWN, value], length: 2, origin: this.fresh(call, frame) } : undefined;
        const atMost = self.length === undefined && self.atMost !== undefined ? { atMost: self.atMost, ...(self.guessedGroups ? { guessedGroups: true as const } : {}) } : {};
        return { kind: 'container', type: 'list', length: self.length, ...atMost, itemValue, origin: this.fresh(call, frame), holds: self.holds ?? self.origin };
      }
      // `buckets.setdefault(ip, TokenBucket(...))`: an item of the container, shaped as the default it may store.
      const given = method === 'setdefault' ? this.callArgs(call, frame).positional : [];
      const stored = given[1]?.value;
      if (stored && (stored.kind === 'instance' || stored.kind === 'container')) {
        const item = { ...stored, origin: { key: `${self.origin.key}[]`, sharing: self.origin.sharing } } as Value;
        // A thread's own key (`stats.setdefault(worker_id, Counter())`) picks its own item.
        return given[0] && ownKeyOf(given[0].value, self) ? ownItem(item) : item;
      }
      if (method === 'pop' || method === 'get' || method === 'popleft' || method === 'setdefault') {
        // An item taken out of a shared container is the taker's alone, as one taken from a queue is: another thread
        // can take another, not this one (`job = self.pending.pop(0)`, then `job.received += n`).
        const taken = (method === 'pop' || method === 'popleft') && self.origin.sharing === 'shared';
        // A row the file spells (`(accounts[i % 4], accounts[j], amount)`): the row is the taker's, the objects in it
        // are still whoever's they were.
        // Rows the file lists (`deque([("report", 120_000), ("upload", 4)])`) are taken one by one: each place's mean.
        const item = self.itemValue ?? (self.items ? elementOf(self) : undefined);
        const row = item?.kind === 'container' && item.type === 'tuple' && item.items ? item : undefined;
        if (row && taken) return { ...row, origin: { key: `${self.origin.key}[]`, sharing: 'per-instance' } };
        // Data taken off a list (`batch = batches.pop(0)` of the weight lists main appended): its size goes with it.
        if (taken && item && !row && (item.kind === 'str' || (item.kind === 'container' && dataOnly(item)))) {
          const spelledAt = item.kind === 'container' && item.origin.site?.type === 'dictionary' ? { spelledAt: item.spelledAt ?? item.origin.site } : {};
          return item.kind === 'str' ? item : { ...item, ...spelledAt, origin: { key: `${self.origin.key}[]`, sharing: 'per-instance' } };
        }
        // An object taken off a shared list (`conn = self._idle.pop()` of a pool's connections): that object, the
        // taker's while it holds it.
        if (taken && item?.kind === 'instance') return { ...item, origin: { ...item.origin, sharing: 'per-instance' } };
        const given = method === 'get' ? this.callArgs(call, frame).positional : undefined;
        const key = given ? given[0]?.value ?? UNKNOWN : undefined;
        const fallback = given?.[1]?.value;
        // `self._routes.get(topic)` of a dict of handlers: an object as `self._routes[topic]` is (or None). Other
        // values stay unknown: a crawler's `SITE.get(url, [])` may find no entry, so its links are not sized from them.
        const found = key && self.type === 'dict' ? this.itemAtKey(self, key, frame) : undefined;
        // `options.get("sample_count", 1_000)` of keywords the file spells: the one given, or else the default when
        // the dict is a function's `**options` (it holds those keywords and no others).
        const spelled = key?.kind === 'str' && key.value !== undefined && self.keywords ? self.keywords.get(key.value) : undefined;
        if (spelled && spelled.kind !== 'container' && spelled.kind !== 'instance') return spelled;
        if (key?.kind === 'str' && key.value !== undefined && self.keywords && !spelled && method === 'get' && self.origin.key.startsWith('kw')) {
          return fallback ?? { kind: 'none' };
        }
        const fallbackClass = key && fallback?.kind === 'class' && self.type === 'dict' ? this.classOrDefault(self, key, fallback, frame) : undefined;
        if (fallbackClass) return fallbackClass;
        const picked = found?.kind === 'instance' || found?.kind === 'class' ? found : key && this.itemOfDict(self, key);
        return picked ?? { kind: 'unknown', origin: { key: `${self.origin.key}[]`, sharing: taken ? 'per-instance' : self.origin.sharing } };
      }
    }
    // An item taken off a queue is the taker's alone (`job = jobs.get()`, then `job.func(*job.args)`), and it is one
    // of the queue's items: what was put there.
    // Shaped like the items the file puts there (`jobs.put((name, make_image(seed)))`), when it says.
    if (self.kind === 'instance' && self.type === 'struct.Struct' && self.ctor) {
      const format = structFormat(this.constructorArgs(self.ctor).positional[0]?.value ?? UNKNOWN);
      return structResult(method, format, this.callArgs(call, frame).positional[0]?.value, this.fresh(call, frame));
    }
    if (self.kind === 'instance' && self.type && QUEUE_TYPES.has(canonicalType(self.type)) && (method === 'get' || method === 'get_nowait')) {
      const origin: Origin = { key: `${self.origin.key}[]`, sharing: 'per-instance' };
      const item = this.queuedItem(self);
      return item && (item.kind === 'container' || item.kind === 'instance') ? { ...item, origin } as Value : item ?? { kind: 'unknown', origin };
    }
    if (self.kind === 'instance' && (method === 'map' || method === 'imap' || method === 'imap_unordered')) {
      // A pool's map yields one result per item.
      const [callable, iterable] = this.callArgs(call, frame).positional;
      const items = iterable?.value;
      const itemValue = this.mappedItem(callable?.value, items, frame);
      return { kind: 'container', type: 'list', length: items ? lengthOf(items) : undefined, itemValue, origin: this.fresh(call, frame) };
    }
    if (self.kind === 'str') {
      // Text and its bytes have the same lines and words (and, for the ASCII most programs make, length).
      if (method === 'encode' || method === 'decode') {
        return {
          kind: 'str', bytes: method === 'encode', length: self.length, lines: self.lines, words: self.words, packed: self.packed,
          ...(self.noise ? { noise: self.noise } : {}), ...(self.filler ? { filler: self.filler } : {}),
        };
      }
      if (method === 'split' || method === 'splitlines' || method === 'rsplit') {
        const given = method === 'splitlines' ? undefined : this.callArgs(call, frame).positional[0]?.value;
        const byWhitespace = method !== 'splitlines' && (!given || given.kind === 'none');
        // `line.split(",")`: one part more than the separators; of a line of known length, at most one a character
        // and separator.
        const separator = given?.kind === 'str' && given.value ? given.value : undefined;
        const parts = separator === undefined ? undefined
          : self.value !== undefined ? self.value.split(separator).length
          : self.length !== undefined ? Math.floor(self.length / (separator.length + 1)) + 1 : undefined;
        // `text.split("\n")`: its lines, as splitlines gives them.
        const byLine = separator === '\n' && self.value === undefined;
        const length = method === 'splitlines' || byLine ? self.lines ?? parts : byWhitespace ? self.words : parts;
        // Parts of a text the file spells out have their mean length (`"the quick brown fox".split()`).
        const spelled = self.value === undefined ? undefined : method === 'splitlines' ? self.value.split(/\r?\n/) : byWhitespace ? self.value.split(/\s+/).filter(Boolean) : separator === undefined ? undefined : self.value.split(separator);
        const mean = (measure: (part: string) => number) => Math.round(spelled!.reduce((sum, part) => sum + measure(part), 0) / spelled!.length);
        // Otherwise a text of known length split into a known count of words or lines: their mean length, less the
        // separators between them.
        const pieces = method === 'splitlines' || byLine ? self.lines : byWhitespace ? self.words : undefined;
        const itemValue: Value = spelled && spelled.length > 0
          ? { kind: 'str', bytes: self.bytes, length: mean((part) => part.length), words: mean((part) => part.split(/\s+/).filter(Boolean).length) }
          : pieces && self.length !== undefined
            ? { kind: 'str', bytes: self.bytes, length: Math.max(1, Math.round((self.length - pieces + 1) / pieces)), ...(byWhitespace ? { words: 1 } : {}) }
            : { kind: 'str', bytes: self.bytes, part: true };
        // A line or a field of unknown length split again (`hms.split(":")` of `stamp.split(",")`): a few fields.
        const fields = length === undefined && self.part && method !== 'splitlines' ? { atMost: FIELDS_OF_A_PART } : {};
        return { kind: 'container', type: 'list', length, ...fields, itemValue, origin: this.fresh(call, frame) };
      }
      if (method === 'join') return joined(self, this.callArgs(call, frame).positional[0]?.value);
      if (method === 'ljust' || method === 'rjust' || method === 'center') {
        const width = this.callArgs(call, frame).positional[0]?.value;
        const length = width?.kind === 'number' && self.length !== undefined ? Math.max(width.value, self.length) : undefined;
        return { kind: 'str', bytes: self.bytes, length };
      }
      // `text.lower().split()`: changing case keeps the words and lines (and the length); stripping keeps the words.
      // `translate` maps each character (or byte) to one: it keeps the length too.
      if (['lower', 'upper', 'casefold', 'title', 'capitalize', 'swapcase', 'translate'].includes(method)) {
        return { kind: 'str', bytes: self.bytes, length: self.length, words: self.words, lines: self.lines };
      }
      // Stripping takes off the few spaces or the newline at the ends: about the same length (a line's, a field's).
      if (method === 'strip' || method === 'lstrip' || method === 'rstrip') return { kind: 'str', bytes: self.bytes, words: self.words, length: self.length, part: self.part };
      return { kind: 'str', bytes: self.bytes };
    }
    if (self.kind === 'instance' && (self.type === 'io.StringIO' || self.type === 'io.BytesIO') && self.ctor && method === 'getvalue') {
      return this.bufferContent(self.ctor.call, self.type === 'io.BytesIO');
    }
    // `path.read_bytes()` of a `pathlib.Path`: the whole file, as the file's own writes put it there.
    if (self.kind === 'instance' && self.type && canonicalType(self.type) === 'pathlib.Path' && (method === 'read_bytes' || method === 'read_text')) {
      const bytes = method === 'read_bytes';
      return this.writtenContent(bytes) ?? { kind: 'str', bytes };
    }
    if (self.kind === 'instance' && (self.type === 'socket.socket' ? SOCKET_READS.has(method) : self.type === SOCKET_STREAM && (method === 'read' || method === 'readline'))) {
      const read = this.socketRead(method, call, frame);
      if (read) return read;
    }
    if (self.kind === 'instance' && self.type === 'file' && (method === 'read' || method === 'readlines')) {
      // `f.read(1 << 20)`: a block of that size (the last one is shorter).
      const size = method === 'read' ? this.callArgs(call, frame).positional[0]?.value : undefined;
      const length = size?.kind === 'number' && !Number.isNaN(size.value) && size.value >= 0 ? size.value : undefined;
      // Read whole: what the file's own writes put in a file, when it wrote one (a test's data, a generated log).
      const { bytes, written: whole } = this.readBack(self);
      const written = length === undefined ? whole : undefined;
      if (method === 'read') return written ? { ...written, bytes } : { kind: 'str', bytes, length };
      return { kind: 'container', type: 'list', length: written?.lines, itemValue: this.fileLine(self), origin: this.fresh(call, frame) };
    }
    // `rng.choice(accounts)`, `rng.sample(accounts, 2)`, `rng.choices("ACGT", k=n)`: items, with their identity.
    if (self.kind === 'instance' && self.type === 'random.Random' && RANDOM_NUMBERS.has(method)) return this.drawAtMean(method, this.callArgs(call, frame), call);
    if (self.kind === 'instance' && self.type === 'random.Random' && method === 'randbytes') {
      const size = this.callArgs(call, frame).positional[0]?.value;
      const length = size?.kind === 'number' && !Number.isNaN(size.value) ? size.value : undefined;
      return { kind: 'str', bytes: true, length, ...(length !== undefined ? { noise: length } : {}) };
    }
    if (self.kind === 'instance' && self.type === 'random.Random' && (method === 'choice' || method === 'choices' || method === 'sample')) {
      return pickedFrom(method, this.callArgs(call, frame), this.fresh(call, frame));
    }
    // `m.group("data")`: a part of the text matched.
    if (self.kind === 'instance' && self.type === 're.Match' && method === 'group') return { kind: 'str', bytes: false, part: true };
    // `TOKEN.findall(text)` with `TOKEN = re.compile(r"[a-z]+")`: one match a word.
    if (self.kind === 'instance' && self.type === 're.Pattern' && self.ctor && (method === 'findall' || method === 'finditer')) {
      const pattern = this.constructorArgs(self.ctor).positional[0]?.value;
      return matches(pattern, this.callArgs(call, frame).positional[0]?.value, this.fresh(call, frame));
    }
    // A library method whose result type the model knows (`parser.parse_args()` gives a Namespace).
    const returnType = RETURN_TYPES.get(callee.name);
    // `path.open("a")` is a file opened as `open(path, "a")` is: its call gives the mode (see openMode).
    if (returnType === 'file') return { kind: 'instance', type: returnType, origin: this.fresh(call, frame), ctor: { call, frame } };
    if (returnType) return { kind: 'instance', type: returnType, origin: this.fresh(call, frame) };
    if (self.kind === 'instance' && self.type === 'hashlib.hash' && (method === 'digest' || method === 'hexdigest')) {
      // `hashlib.sha256(data).digest()`: 32 bytes, 64 hex digits.
      const size = self.ctor ? digestSize(this.text(self.ctor.call.children[0]!).split('.').pop()!, this.constructorArgs(self.ctor)) : undefined;
      return size === undefined ? { kind: 'str', bytes: method === 'digest' } : { kind: 'str', bytes: method === 'digest', length: method === 'digest' ? size : 2 * size };
    }
    if (self.kind === 'instance' && (self.type === 'concurrent.futures.ThreadPoolExecutor' || self.type === 'concurrent.futures.ProcessPoolExecutor') && method === 'submit') {
      return { kind: 'instance', type: 'concurrent.futures.Future', origin: this.fresh(call, frame) };
    }
    return UNKNOWN;
  }
}

/**
 * The matches of a regular expression in a text: as many as the text has words when the pattern matches a run of
 * word characters (`\w+`, `[a-z]+`, `\S+`, `\b[A-Za-z']+\b`); unknown otherwise.
 */
function matches(pattern: Value | undefined, text: Value | undefined, origin: Origin): Value {
  const source = pattern?.kind === 'str' ? pattern.value : undefined;
  const wordRun = source !== undefined && /^(\\b)?(\\w|\\S|\[[^\]\\]*\]|\[\^\\s\])\+(\\b)?$/.test(source);
  // A pattern with a line's worth of literal text that cannot cross a line (`"GET (\S+) HTTP/1\.1" (\d{3})`) over
  // a text of known lines: one match a line.
  const lineShaped = source !== undefined && !wordRun && text?.kind === 'str' && text.lines !== undefined && linePattern(source);
  const length = wordRun && text?.kind === 'str' ? text.words : lineShaped ? text.lines : undefined;
  // No more matches than the text has characters (one more, for a pattern that matches the empty string).
  const atMost = length === undefined && text?.kind === 'str' && text.length !== undefined ? { atMost: text.length + 1 } : {};
  return { kind: 'container', type: 'list', length, ...atMost, itemValue: { kind: 'str', bytes: false }, origin };
}

/** At least eight literal characters, and nothing that can match a line break (`\s`, `\n`, `.` under DOTALL, `[^...]`). */
function linePattern(source: string): boolean {
  if (/\\[sn]|\(\?[a-z]*s|\[\^/.test(source)) return false;
  let literal = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      // An escaped punctuation mark is a literal one; `\d`, `\w`... are classes.
      if (i + 1 < source.length && !/[A-Za-z0-9]/.test(source[i + 1])) literal++;
      i++;
    } else if (ch === '[') {
      while (i < source.length && source[i] !== ']') i++;
    } else if (ch === '(' && source[i + 1] === '?') {
      // A group's name or flags are no text to match.
      while (i < source.length && source[i] !== '>' && source[i] !== ')' && source[i] !== ':') i++;
    } else if (/[A-Za-z0-9 "'/:=,;-]/.test(ch)) {
      literal++;
    }
  }
  return literal >= 8;
}

/** A short description of argument values for remembering results: kinds, numbers, sizes and identities. */
function argumentShape(args: ReadonlyMap<string, Value>): string {
  let shape = '';
  for (const [name, value] of args) {
    shape += `${name}:${value.kind}`;
    if (value.kind === 'number') shape += `=${value.value}${affineShape(value.affine)}`;
    else if (value.kind === 'bool') shape += `=${value.value}`;
    // A spelled text (`resolve("metrics")`) is a key: the value itself, not only its size, tells calls apart.
    else if (value.kind === 'str') shape += `#${value.length}w${value.words}${value.value !== undefined && value.value.length <= 64 ? `=${JSON.stringify(value.value)}` : ''}`;
    else if (value.kind === 'range') shape += `#${value.length}${value.perThread ? '!own' : ''}`;
    else if (value.kind === 'container') shape += `#${value.length}@${value.origin.key}/${value.origin.sharing}`;
    else if (value.kind === 'instance') shape += `@${value.origin.key}/${value.origin.sharing}`;
    else if (value.kind === 'unknown' && value.origin) shape += `@${value.origin.key}/${value.origin.sharing}`;
    // A closure handed to a decorator (`logged(extract)`) reads its own cells: another closure, another wrapper.
    else if (value.kind === 'function') shape += `@${value.fn.id}${value.closure ? `^${value.closure.id}` : ''}`;
    else if (value.kind === 'external') shape += `@${value.name}`;
    // A thread's own key picks its own items (`buckets[client]`).
    if (perThreadKey(value)) shape += `!own${(value as { ownWithin?: number }).ownWithin ?? ''}`;
    shape += ';';
  }
  return shape;
}

export function affineShape(affine: Affine | undefined): string {
  return affine ? `~${affine.scale}*${affine.key}${affine.perThread ? `!own${affine.rounds ?? ''}/${affine.spacing ?? 1}` : ''}+${affine.offset}` : '';
}

/**
 * What `with value as x` binds: the object itself for the types we know (their __enter__ returns self); for the
 * generator a `@contextmanager` function gives, what it yields.
 */
function enterValue(value: Value): Value {
  return value.kind === 'container' && value.type === 'generator' && value.itemValue ? value.itemValue : value;
}

/** A name as the text `__name__` gives. */
function nameText(name: string): Value {
  return { kind: 'str', bytes: false, length: name.length, value: name, words: 1, lines: 1 };
}

/** A library name's value: the `string` module's text constants are known text; anything else stays a name. */
function externalValue(name: string): Value {
  const text = STRING_CONSTANTS.get(name);
  return text === undefined ? { kind: 'external', name } : { kind: 'str', bytes: false, length: text.length, value: text };
}

/** An item value without the call that made it (see elementOf's `madeBy`). */
function unmade(item: Value | undefined): Value | undefined {
  return item?.kind === 'instance' && item.origin.site ? { ...item, origin: { key: item.origin.key, sharing: item.origin.sharing } } : item;
}

/** Keys a dict's stores add: at most a number (`{ atMost }` or a plain number), or exactly one a round (`{ exactly }`). */
type KeyedStores = number | { atMost: number; guessedGroups?: true } | { exactly: number };

/** A `decimal.Decimal` or `fractions.Fraction`: numbers as objects, whose arithmetic gives such objects. */
function isExactNumber(value: Value | undefined): value is Extract<Value, { kind: 'instance' }> & { readonly type: string } {
  return value?.kind === 'instance' && (value.type === 'decimal.Decimal' || value.type === 'fractions.Fraction');
}

/** Operators of arithmetic, which keep a Decimal a Decimal. */
const ARITHMETIC: ReadonlySet<string> = new Set(['+', '-', '*', '/', '//', '%', '**']);

/** How many groups `d.setdefault(kind, []).append(x)` is assumed to make, the kinds not being known (see groupSizes). */
const GUESSED_GROUPS = 8;

/** `extra` more rounds than `rounds`, exact or a bound. */
function plusRounds(rounds: number | { atMost: number } | undefined, extra: number): number | { atMost: number } | undefined {
  return typeof rounds === 'object' ? { atMost: rounds.atMost + extra } : rounds === undefined ? undefined : rounds + extra;
}

/** The expression at `path` in a value spelled as a tuple or list (`[], []` at [1] is the second `[]`). */
function spelledPart(value: Syntax, path: readonly number[]): Syntax | undefined {
  let at: Syntax | undefined = value;
  for (const index of path) {
    while (at?.type === 'parenthesized_expression') at = at.children[0];
    if (!at || !(at.type === 'expression_list' || at.type === 'tuple' || at.type === 'list')) return undefined;
    // A starred part moves the positions after it.
    if (at.children.some((part, i) => i <= index && part.type === 'list_splat')) return undefined;
    at = at.children[index];
  }
  return at;
}

const SET_OPERATORS: ReadonlySet<string> = new Set(['|', '&', '-', '^']);

function isWrapped(outer: Syntax | undefined, inner: Syntax): boolean {
  if (outer === inner) return true;
  if (outer?.type === 'parenthesized_expression') return isWrapped(outer.children[0], inner);
  // `stack = [(0, first)] if holes else []`: either branch is made right here.
  if (outer?.type === 'conditional_expression') return isWrapped(outer.children[0], inner) || isWrapped(outer.children[2], inner);
  return false;
}

/** Is this a key each thread has its own of (see the number's `perThread`)? */
export function perThreadKey(value: Value): boolean {
  return (value.kind === 'number' || value.kind === 'str' || value.kind === 'unknown') && value.perThread === true;
}

/** Is this key the thread's own in this container (one made by the frame that started the threads, if need be)? */
export function ownKeyOf(key: Value, container: Value): boolean {
  // `(job, stream)` of the keys of every loop around the start (see combinedKey).
  if (key.kind === 'container' && key.type === 'tuple' && key.items) return !!combinedKey(key.items).perThread;
  if (!perThreadKey(key) || (key.kind !== 'number' && key.kind !== 'str' && key.kind !== 'unknown')) return false;
  if (key.ownWithin === undefined) return true;
  const origin = container.kind === 'container' || container.kind === 'instance' || container.kind === 'unknown' ? container.origin : undefined;
  return !!origin?.key.startsWith(`f${key.ownWithin}:`);
}

/** An item a thread picked with its own key: its own, when it is an object of the container's. */
function ownItem(item: Value): Value {
  if ((item.kind !== 'instance' && item.kind !== 'container' && item.kind !== 'unknown') || item.origin?.sharing !== 'shared') return item;
  return { ...item, origin: { ...item.origin, sharing: 'per-instance' } } as Value;
}

/** How many rows `itertools.combinations` (with or without replacement) or `permutations` of r from n items gives. */
function arrangements(name: string, n: number, r: number): number | undefined {
  if (r < 0 || n < 0) return undefined;
  let count = 1;
  if (name === 'itertools.permutations') {
    if (r > n) return 0;
    for (let k = 0; k < r; k++) count *= n - k;
    return count;
  }
  const total = name === 'itertools.combinations_with_replacement' ? n + r - 1 : n;
  if (r > total) return 0;
  for (let k = 1; k <= r; k++) count = (count * (total - r + k)) / k;
  return Math.round(count);
}

/** One place of rows mapped over, as a row's: the mean of known numbers, or text of the mean length; else undefined. */
/** Does this container hold objects (whose identities a merged copy would lose)? */
function hasIdentity(value: Value): boolean {
  return value.kind === 'container' && [...(value.items ?? []), ...(value.itemValue ? [value.itemValue] : [])].some((item) => item.kind === 'instance' || item.kind === 'container');
}

/**
 * `("5th-Main", ActuatedController, {...})` rows: the place that holds a class in each is one of those classes
 * (`for name, cls, rates in layout: cls(...)` makes an object of each).
 */
function classPart(parts: readonly Value[]): Value | undefined {
  const first = parts[0];
  if (first?.kind !== 'class' || !parts.every((part) => part.kind === 'class')) return undefined;
  const classes = [...new Set(parts.map((part) => (part as Extract<Value, { kind: 'class' }>).cls))];
  return classes.length > 1 ? { kind: 'class', cls: first.cls, alternatives: classes } : first;
}

/** Bytes in a digest of each hashlib algorithm (blake2's unless `digest_size` says otherwise). */
const DIGEST_SIZES: Readonly<Record<string, number>> = {
  md5: 16, sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64, sha3_224: 28, sha3_256: 32, sha3_384: 48, sha3_512: 64, blake2b: 64, blake2s: 32,
};

function digestSize(algorithm: string, args: CallArgs): number | undefined {
  const given = args.keywords.get('digest_size')?.value;
  if (given?.kind === 'number' && Number.isInteger(given.value)) return given.value;
  return Object.prototype.hasOwnProperty.call(DIGEST_SIZES, algorithm) ? DIGEST_SIZES[algorithm] : undefined;
}

/** Objects of one class whose fields an item of their list is given (see the instance Value's `examples`). */
const MAX_FIELD_EXAMPLES = 16;

/**
 * What a field of some one of several objects is: the mean of numbers or texts (see meanPart), a flag they all share,
 * or a container of their mean length (`rules` of one rule or two), under the item's own identity.
 */
function commonField(values: readonly Value[], origin: Origin): Value | undefined {
  const first = values[0];
  if (!first) return undefined;
  if (first.kind === 'bool' && values.every((value) => value.kind === 'bool' && value.value === first.value)) return first;
  if (first.kind === 'container') {
    const containers = values.filter((value): value is Extract<Value, { kind: 'container' }> => value.kind === 'container' && value.type === first.type);
    const lengths = containers.map((value) => value.length);
    if (containers.length !== values.length || lengths.some((length) => length === undefined)) return undefined;
    const items = containers.flatMap((value) => value.items ?? []);
    const itemValue = first.itemValue ?? (items.length > 0 && items.every((item) => item.kind === items[0].kind) ? items[0] : undefined);
    // `{"samples": 12000, "seed": 1}` in each row, handed on as `**kwargs`: each key's mean over the rows that spell
    // it, when they are numbers or text.
    const keywords = commonKeywords(containers);
    return { kind: 'container', type: first.type, length: Math.round(meanOf(lengths.map((value) => ({ value: value! })))), ...(itemValue ? { itemValue } : {}), ...(keywords ? { keywords } : {}), origin };
  }
  return meanPart(values);
}

/**
 * The keywords dicts spell (`{"samples": 12000, "seed": 1}` in each row): each key's mean over the rows that spell
 * it, when all of them are numbers or text.
 */
function commonKeywords(dicts: ReadonlyArray<Extract<Value, { kind: 'container' }>>): Map<string, Value> | undefined {
  if (dicts.length === 0 || !dicts.every((value) => value.keywords && value.keywords.size > 0)) return undefined;
  // A key only some rows spell (`"angle": 22.0` in the bevel orders) is what those rows give it: some one row's.
  const keys = [...new Set(dicts.flatMap((value) => [...value.keywords!.keys()]))];
  const means = keys.map((key) => [key, meanPart(dicts.flatMap((value) => (value.keywords!.has(key) ? [value.keywords!.get(key)!] : [])))] as const);
  return means.every(([, value]) => value !== undefined) ? new Map(means as Array<readonly [string, Value]>) : undefined;
}

function meanPart(parts: readonly Value[]): Value | undefined {
  if (parts.every((part) => part.kind === 'number' && !Number.isNaN(part.value))) {
    return { kind: 'number', value: meanOf(parts as ReadonlyArray<{ value: number }>) };
  }
  const texts = parts.filter((part): part is Extract<Value, { kind: 'str' }> => part.kind === 'str');
  if (texts.length !== parts.length || texts.some((text) => text.bytes !== texts[0].bytes)) return undefined;
  const lengths = texts.map((text) => text.length);
  const length = lengths.every((n) => n !== undefined) ? Math.round(meanOf(lengths.map((value) => ({ value: value! })))) : undefined;
  // Their words too: `text.split()` of some title has about as many as the titles have.
  const words = texts.every((text) => text.words !== undefined) ? Math.round(meanOf(texts.map((text) => ({ value: text.words! })))) : undefined;
  return { kind: 'str', bytes: texts[0].bytes, ...(length !== undefined ? { length } : {}), ...(words !== undefined ? { words } : {}) };
}

/**
 * Texts the code spells (`"bread"`, `"coal"`), when they differ: some one of them, standing for the first and saying
 * the others, as a conditional pick of them is.
 */
function eitherText(items: readonly Value[]): Value | undefined {
  const first = items[0];
  if (first?.kind !== 'str' || items.length > LITERAL_ENTRIES_UNROLLED || !items.every((item) => item.kind === 'str' && item.value !== undefined)) return undefined;
  const texts = [...new Set(items.map((item) => (item as Extract<Value, { kind: 'str' }>).value!))];
  return texts.length > 1 ? { ...first, either: texts } : undefined;
}

/** One item of an iterable, keeping the iterable's identity for shared elements. */
export function elementOf(iterable: Value): Value {
  // `for line in fh`: a line of the file.
  if (iterable.kind === 'instance' && iterable.type === 'file') return { kind: 'str', bytes: false, part: true };
  if (iterable.kind === 'range') return iterable.perThread ? { kind: 'number', value: Number.NaN, perThread: true } : { kind: 'number', value: Number.NaN };
  if (iterable.kind === 'container') {
    if (iterable.items && iterable.items.length > 0 && iterable.items.every((item) => item.kind === iterable.items![0].kind)) {
      const first = iterable.items[0];
      // `[store] * 12`: the one object, whichever item.
      const key = (first.kind === 'instance' || first.kind === 'container') ? first.origin.key : undefined;
      if (key && iterable.items.every((item) => (item.kind === 'instance' || item.kind === 'container') && item.origin.key === key)) return first;
      // Numbers stand for the work they size (`map(work, [700_000, 1_000_000])`): their mean keeps the total right.
      if (first.kind === 'number') return { kind: 'number', value: meanOf(iterable.items as ReadonlyArray<{ value: number }>) };
      // Rows of numbers and text (`[(1, 12_501), (12_501, 25_001)]`, `[("So What", 196.0, 35), ...]` mapped over):
      // each place's mean, so `lo, hi = bounds` keeps the span between them and `title, freq, seconds = track` its
      // sizes. Text is some text of that row's place, not one row's words (which would be a key every task shares).
      const width = first.kind === 'container' && first.type === 'tuple' ? first.items?.length : undefined;
      const rows = width ? iterable.items.map((item) => (item.kind === 'container' && item.type === 'tuple' && item.items?.length === width
        ? item.items : undefined)) : [];
      const places = width && rows.every((row) => row !== undefined)
        ? Array.from({ length: width }, (_, k) => {
          const parts = rows.map((row) => row![k]);
          // Containers at a place (`{"N": 0.12, ...}` in each row): one of their mean size, under the rows' identity.
          const origin: Origin = { key: `${iterable.origin.key}[][${k}]`, sharing: iterable.origin.sharing };
          // Rows in rows (`enumerate([("hatch", 0.6), ("crosshatch", 0.4)])`): each inner place's mean too.
          const inner = parts.every((part) => part.kind === 'container' && part.type === 'tuple' && !!part.items)
            ? elementOf({ kind: 'container', type: 'list', items: parts, length: parts.length, origin }) : undefined;
          return meanPart(parts) ?? classPart(parts) ?? (inner?.kind === 'container' && inner.type === 'tuple' ? inner : undefined)
            ?? (parts[0]?.kind === 'container' && parts[0].type !== 'tuple' && !parts.some(hasIdentity) ? commonField(parts, origin) : undefined);
        }) : [];
      if (width && places.every((part) => part !== undefined)) {
        return {
          kind: 'container', type: 'tuple', length: width, items: places as Value[],
          origin: { key: `${iterable.origin.key}[]`, sharing: iterable.origin.sharing },
        };
      }
      // `PLUGINS = [EchoPlugin, WeatherPlugin]`: one of those classes (`[cls() for cls in PLUGINS]` makes one of each).
      if (first.kind === 'class') {
        const classes = [...new Set(iterable.items.map((item) => (item as Extract<Value, { kind: 'class' }>).cls))];
        if (classes.length > 1) return { kind: 'class', cls: first.cls, alternatives: classes };
      }
      // `[compute_checksum, luminance_histogram, notify_uploader]`: one of those functions (each may run where the
      // code calls `handler(event)`).
      const someFunction = oneOfFunctions(iterable.items);
      if (someFunction) return someFunction;
      // `rng.choice(("bread", "coal"))`: some one of the texts (a key that picks either entry, `funds[request.kind]`).
      const either = eitherText(iterable.items);
      if (either) return either;
      if (first.kind !== 'container' && first.kind !== 'instance' && first.kind !== 'unknown') return first;
      // `[rows[:60_000], rows[60_000:]]` mapped over: a list of that size on average, each task its own part.
      if (first.kind === 'container' && iterable.items.every((item) => item.kind === 'container' && item.type === first.type && item.length !== undefined)) {
        const mean = meanOf(iterable.items.map((item) => ({ value: (item as { length: number }).length })));
        // Rows of dicts (`{"ref": "MH1", "length_m": 38.0}` in each): each key's mean over the rows that spell it.
        const keywords = first.type === 'dict' ? commonKeywords(iterable.items as ReadonlyArray<Extract<Value, { kind: 'container' }>>) : undefined;
        return {
          kind: 'container', type: first.type, length: Math.round(mean), itemValue: first.itemValue, ...(keywords ? { keywords } : {}),
          origin: { key: `${iterable.origin.key}[]`, sharing: iterable.origin.sharing },
        };
      }
      // `[Lobby("arena", 4), Lobby("canyon", 4)]`: some Lobby, whichever the index picks.
      if (first.kind === 'instance' && iterable.items.every((item) => item.kind === 'instance' && item.cls === first.cls && item.type === first.type)) {
        const instances = iterable.items as ReadonlyArray<Extract<Value, { kind: 'instance' }>>;
        const examples = first.cls && instances.length <= MAX_FIELD_EXAMPLES && instances.every((item) => !!item.ctor) ? { examples: instances } : {};
        return { kind: 'instance', cls: first.cls, type: first.type, ...examples, origin: { key: `${iterable.origin.key}[]`, sharing: iterable.origin.sharing } };
      }
      // `[BoxBlurStage(), ThresholdStage(128), histogram]`: an object of one of those classes (each stage's method
      // may run where the code calls `stage.process(t)`).
      if (first.kind === 'instance' && first.cls && iterable.items.every((item) => item.kind === 'instance' && !!item.cls)) {
        const classes = [...new Set(iterable.items.map((item) => (item as Extract<Value, { kind: 'instance' }>).cls!))];
        return { kind: 'instance', cls: first.cls, alternatives: classes, origin: { key: `${iterable.origin.key}[]`, sharing: iterable.origin.sharing } };
      }
    }
    const origin: Origin = { key: `${iterable.origin.key}[]`, sharing: iterable.origin.sharing };
    const item = iterable.itemValue;
    // Objects picked from another container (`rng.sample(accounts, 2)`) stay that container's items; one object
    // repeated (`itertools.repeat(shop)`, `rng.choices(hosts)`) stays itself.
    if (item && (item.kind === 'container' || item.kind === 'instance')) {
      if (item.origin?.key.endsWith('[]') || iterable.repeats) return item;
      if (item.kind === 'instance' && item.origin.site) return { ...item, origin, madeBy: item.origin.site };
      // A dict the comprehension spells (`{"id": i, "keys": 20_000}`) keeps its literal: `shard["keys"]` reads it.
      return item.kind === 'container' && item.origin.site?.type === 'dictionary' ? { ...item, origin, spelledAt: item.origin.site } : { ...item, origin };
    }
    // Items that are objects from elsewhere (`[a for a in accounts]`, a sample of them) keep their identity.
    if (item?.kind === 'unknown' && item.origin) return item;
    if (item && item.kind !== 'unknown') return item;
    return { kind: 'unknown', origin };
  }
  if (iterable.kind === 'str') return { kind: 'str', bytes: false, length: 1 };
  if (iterable.kind === 'unknown' && iterable.origin) {
    return { kind: 'unknown', origin: { key: `${iterable.origin.key}[]`, sharing: iterable.origin.sharing } };
  }
  return UNKNOWN;
}

/** `[compute_checksum, notify_uploader]`: one of those plain functions (each may run where the code calls one). */
function oneOfFunctions(values: readonly Value[]): Value | undefined {
  const first = values[0];
  if (first?.kind !== 'function' || first.self || first.alternatives) return undefined;
  if (!values.every((value) => value.kind === 'function' && !value.self && !value.alternatives && value.closure === first.closure)) return undefined;
  const others = [...new Set(values.map((value) => (value as typeof first).fn))].filter((fn) => fn !== first.fn);
  return others.length > 0 ? { ...first, alternatives: others } : undefined;
}

function meanOf(numbers: ReadonlyArray<{ value: number }>): number {
  let total = 0;
  for (const { value } of numbers) total += value;
  const mean = total / numbers.length;
  return numbers.every(({ value }) => Number.isInteger(value)) ? Math.round(mean) : mean;
}

/** How many items iterating over a value gives, when known. */
/** The values JSON writes for `value`, containers and scalars at every depth; undefined when a size is unknown. */
export function jsonValues(value: Value, depth = 0): number | undefined {
  if (value.kind !== 'container') return 1;
  if (depth > 4) return undefined;
  const keys = value.type === 'dict' ? 1 : 0;
  if (value.items && value.items.length === value.length) {
    let sum = 1;
    for (const item of value.items) {
      const inner = jsonValues(item, depth + 1);
      if (inner === undefined) return undefined;
      sum += inner + keys;
    }
    return sum;
  }
  const each = value.itemValue ? jsonValues(value.itemValue, depth + 1) : 1;
  return value.length === undefined || each === undefined ? undefined : 1 + value.length * (each + keys);
}

/** About how long `json.dumps(value)` is, in characters; undefined when a size is unknown. */
export function jsonTextLength(value: Value, depth = 0): number | undefined {
  switch (value.kind) {
    case 'number':
      return Number.isNaN(value.value) ? NUMBER_TEXT_LENGTH : String(value.value).length;
    case 'bool':
      return 5;
    case 'none':
      return 4;
    case 'str':
      return value.length === undefined ? undefined : value.length + 2;
    case 'container': {
      if (depth > 4) return undefined;
      // A dict's key is a short name in quotes and a colon; every item has a separator.
      const perItem = value.type === 'dict' ? 12 : 2;
      if (value.items && value.items.length === value.length) {
        let sum = 2;
        for (const item of value.items) {
          const inner = jsonTextLength(item, depth + 1);
          if (inner === undefined) return undefined;
          sum += inner + perItem;
        }
        return sum;
      }
      // Values the file does not show (a dict literal's mixed fields) are taken as short numbers.
      const each = value.itemValue ? jsonTextLength(value.itemValue, depth + 1) : NUMBER_TEXT_LENGTH;
      return value.length === undefined || each === undefined ? undefined : 2 + value.length * (each + perItem);
    }
    default:
      return undefined;
  }
}

/** `Order(**json.load(fh))`, `kwargs=self.config[name]`: keywords the file cannot spell, which may set any parameter. */
export function unseenKeywords(args: CallArgs): boolean {
  return args.hasSplat && !args.positional.some((arg) => arg.splat);
}

export function lengthOf(value: Value): number | undefined {
  switch (value.kind) {
    case 'range':
    case 'container':
    case 'str':
      // Arithmetic on an unknown number gives NaN: still unknown.
      return value.length === undefined || Number.isNaN(value.length) ? undefined : value.length;
    default:
      return undefined;
  }
}

/** Which method of a queue this is (`q.get` of a queue.Queue or asyncio.Queue: `get`); undefined if none. */
export function queueMethod(value: Value | undefined): string | undefined {
  if (value?.kind !== 'external' || value.self?.kind !== 'instance' || !value.self.type || !QUEUE_TYPES.has(canonicalType(value.self.type))) return undefined;
  return value.name.slice(value.name.lastIndexOf('.') + 1);
}

export function canonicalType(name: string): string {
  return TYPE_ALIASES.get(name) ?? name;
}

/** A class and its bases defined in this file, nearest first. */
export function classChain(module: ModuleInfo, cls: ClassInfo): ClassInfo[] {
  const chain: ClassInfo[] = [];
  const pending = [cls];
  while (pending.length > 0 && chain.length < 16) {
    const at = pending.shift()!;
    if (chain.includes(at)) continue;
    chain.push(at);
    for (const base of at.bases) {
      if (base.type !== 'identifier') continue;
      const name = module.source.slice(base.start, base.end);
      const binding = resolveName(at.scope.parent ?? module.scope, name, module.scope);
      const site = binding?.sites.find((s) => s.kind === 'class');
      if (site?.kind === 'class') pending.push(site.cls);
    }
  }
  return chain;
}

/**
 * Does `acquire()` on an object of this class of the file take no lock? A rate limiter's `acquire` (with no
 * `release`) waits for a token; a resource manager's `acquire(name)` that hands on to no other `acquire` counts the
 * users of a handle. A lock wrapper's `acquire` calls its lock's.
 */
export function acquiresNoLock(module: ModuleInfo, cls: ClassInfo): boolean {
  const acquire = findMethod(module, cls, 'acquire');
  if (!acquire) return false;
  if (!findMethod(module, cls, 'release')) return true;
  let delegates = false;
  if (acquire.body) {
    walk(acquire.body, (node) => {
      if (delegates || node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda') return false;
      const callee = node.type === 'call' ? node.children[0] : undefined;
      const name = callee?.type === 'attribute' ? callee.children[callee.children.length - 1] : undefined;
      if (name && module.source.slice(name.start, name.end) === 'acquire') delegates = true;
      return undefined;
    });
  }
  return !delegates;
}

/** An object of a class of this file with `__call__` (`RateLimit(5)`, a stored `TopicCounter()`): that method, bound. */
export function callMethodOf(module: ModuleInfo, value: Value): Extract<Value, { kind: 'function' }> | undefined {
  const method = value.kind === 'instance' && value.cls ? findMethod(module, value.cls, '__call__') : undefined;
  return method && { kind: 'function', fn: method, self: value };
}

/**
 * The object a method runs on when it was called on an object of one of several classes (`players[turn].choose(...)`,
 * a factory's `MonteCarloPricer(...)` or `ClosedFormPricer()`): an object of the method's own class (`self.lock` is
 * the ByteMeter's, not the ProgressBar's). One the file made of that class, when it says which, brings its
 * constructor's arguments (`self.paths`), and its own identity when the value stands for one of the objects made
 * (a pick of two, a factory's return) rather than for items of a container.
 */
export function selfForMethod(module: ModuleInfo, self: Value | undefined, method: FunctionInfo): Value | undefined {
  if (self?.kind !== 'instance' || !method.cls) return self;
  // (Objects of one class, items of a list of them, keep what their fields have in common: see dataclassField.)
  const example = self.alternatives ? self.examples?.find((made) => made.cls && findMethod(module, made.cls, method.name) === method) : undefined;
  // A method some of the classes share (`digest` of the base, `_fold` each one's own): the object is one of those
  // classes, so what it calls on itself is theirs.
  const sharing = !example && self.alternatives ? self.alternatives.filter((cls) => findMethod(module, cls, method.name) === method) : [];
  if (sharing.length > 1 || (sharing.length === 1 && sharing[0] !== method.cls)) {
    return { ...self, cls: sharing.length === 1 ? sharing[0] : method.cls, alternatives: sharing.length > 1 ? sharing : undefined, examples: undefined };
  }
  return {
    ...self, cls: example?.cls ?? method.cls, alternatives: undefined, examples: undefined, ...(example?.ctor ? { ctor: example.ctor } : {}),
    ...(example && self.origin.key === self.examples?.[0]?.origin.key ? { origin: example.origin } : {}),
  };
}

export function findMethod(module: ModuleInfo, cls: ClassInfo, name: string): FunctionInfo | undefined {
  for (const owner of classChain(module, cls)) {
    const method = owner.methods.get(name);
    // `@setpoint.setter def setpoint(...)` is defined last, but the class keeps the property under the name, and
    // reading it runs the getter.
    if (method && method.decorators.some((text) => text === `${name}.setter` || text === `${name}.deleter`)) {
      return module.functions.find((fn) => fn.cls === owner && fn.name === name && fn.decorators.includes('property')) ?? method;
    }
    if (method) return method;
  }
  return undefined;
}

/** Whether `with Cls(...) as x:` binds the object itself: the class's `__enter__` returns `self` and nothing else. */
export function entersItself(module: ModuleInfo, cls: ClassInfo): boolean {
  const enter = findMethod(module, cls, '__enter__');
  const self = enter?.params[0]?.name;
  if (!enter?.body || !self) return false;
  let returns = 0;
  let other = false;
  walk(enter.body, (node) => {
    if (DEFINITIONS.has(node.type) || other) return false;
    if (node.type !== 'return_statement') return undefined;
    const value = node.children[0];
    if (value?.type === 'identifier' && module.source.slice(value.start, value.end) === self) returns++;
    else other = true;
    return false;
  });
  return returns > 0 && !other;
}

/** The library class a class of this file derives from (`threading.Thread`), if any. */
export function libraryBaseOf(evaluator: Evaluator, cls: ClassInfo): string | undefined {
  for (const owner of classChain(evaluator.module, cls)) {
    for (const base of owner.bases) {
      const value = evaluator.evaluate(base, evaluator.moduleFrame);
      if (value.kind === 'external') return canonicalType(value.name);
    }
  }
  return undefined;
}

/** Right sides of `self.a, self.b = call()`: the part of the call's result each attribute takes, by attribute name. */
const UNPACKED = new WeakMap<Syntax, Map<string, number>>();

/** The part of an unpacked value an attribute takes (see UNPACKED); the value itself when it is not unpacked. */
function unpackedPart(value: Value, site: Syntax, name: string): Value {
  const part = UNPACKED.get(site)?.get(name);
  if (part === undefined) return value;
  return value.kind === 'container' && value.items ? value.items[part] ?? UNKNOWN : UNKNOWN;
}

function findSelfAssignments(source: string, method: FunctionInfo, selfName: string): Map<string, Syntax> {
  const found = new Map<string, Syntax>();
  const pending: Syntax[] = method.body ? [method.body] : [];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda') continue;
    if (node.type === 'assignment') {
      const [left] = node.children;
      const right = node.children.filter((c) => c.type !== 'type').slice(1).pop();
      // `self.grid, self.routes = grid, routes`: each attribute gets the expression in its place.
      const unpacked = left?.type === 'pattern_list' || left?.type === 'tuple_pattern';
      const pairs = unpacked && (right?.type === 'expression_list' || right?.type === 'tuple')
        && left.children.length === right.children.length ? left.children.map((target, i) => [target, right.children[i]] as const)
        : left && right ? [[left, right] as const] : [];
      // `self.client, self.server = socket.socketpair()`: each attribute gets its part of what the call gives.
      const parts = unpacked && pairs.length === 1 && pairs[0][0] === left ? left.children.map((target, i) => [target, right!, i] as const) : undefined;
      for (const [target, value, part] of parts ?? pairs.map(([target, value]) => [target, value, undefined] as const)) {
        if (target.type !== 'attribute') continue;
        const [object, name] = [target.children[0], target.children[target.children.length - 1]];
        if (object?.type === 'identifier' && source.slice(object.start, object.end) === selfName && name) {
          const attr = source.slice(name.start, name.end);
          const previous = found.get(attr);
          if (!previous || value.start < previous.start) {
            found.set(attr, value);
            if (part !== undefined) UNPACKED.set(value, new Map([...(UNPACKED.get(value) ?? []), [attr, part]]));
          }
        }
      }
    }
    for (const child of node.children) pending.push(child);
  }
  return found;
}

/** The items of a spelled list a slice of constant bounds takes (`[:2]`, `[1:]`, `[::2]`), or undefined. */
function spelledSlice(items: readonly Value[], parts: ReadonlyArray<Value | null>): Value[] | undefined {
  const bounds = parts.map((part) => (part === null || part === undefined ? undefined : part.kind === 'number' && Number.isInteger(part.value) && !part.drawn ? part.value : Number.NaN));
  if (bounds.some((bound) => Number.isNaN(bound))) return undefined;
  const [start, stop, step = 1] = bounds;
  if (step === undefined || step < 1) return undefined;
  return items.slice(start, stop).filter((_, i) => i % step === 0);
}

/** Whether the text at `at` (after a target) assigns: blanks, then `=` that is not `==`. */
function assignedAt(source: string, at: number): boolean {
  let i = at;
  while (source.charCodeAt(i) === 32 || source.charCodeAt(i) === 9) i++;
  return source.charCodeAt(i) === 61 && source.charCodeAt(i + 1) !== 61;
}

/** Whether the dot at `dot` follows a bare `self` (`self.name`, not `myself.name` or `a.self.name`). */
function isSelfBefore(source: string, dot: number): boolean {
  const before = dot - 5;
  return source.startsWith('self', dot - 4) && (before < 0 || (!isWordChar(source.charCodeAt(before)) && source.charCodeAt(before) !== 46));
}

/** An object (and the items it holds) as one that every thread holding it shares, under a name of its own. */
function sharedAs(value: Value, key: string, depth = 0): Value {
  if ((value.kind !== 'container' && value.kind !== 'instance') || depth > 3) return value;
  const origin: Origin = { key, sharing: 'shared' };
  if (value.kind === 'instance') return { ...value, origin };
  return {
    ...value, origin,
    ...(value.items ? { items: value.items.map((item, i) => sharedAs(item, `${key}[${i}]`, depth + 1)) } : {}),
    ...(value.itemValue ? { itemValue: sharedAs(value.itemValue, `${key}[]`, depth + 1) } : {}),
  };
}

/** An attribute's value made for this object alone (`worker.results = []`): named as the object's own. */
function ownAttribute(object: Extract<Value, { kind: 'instance' }>, name: string, value: Value): Value {
  return value.kind === 'container' || value.kind === 'instance' ? { ...value, origin: { key: `${object.origin.key}.${name}`, sharing: object.origin.sharing } } : value;
}

/** The name of the one object every object of a class is given for an attribute (see sharedAs). */
function givenKey(cls: ClassInfo, name: string): string {
  return `given:${cls.id}.${name}`;
}

/** A value an attribute starts with until it is given its own: None, or an empty literal container. */
function isPlaceholder(site: Syntax): boolean {
  return site.type === 'none' || ((site.type === 'dictionary' || site.type === 'list' || site.type === 'set') && site.children.length === 0);
}

/**
 * One yielded item standing for all (`yield gate, False, ticket` and `yield gate, True, ticket`): a flag the yields
 * disagree on is not known, in the item or in a place of its rows, so a test of it takes either branch; texts they
 * disagree on (`yield "fire", batch` and `yield "xrf", rest`) are some one of them.
 */
function withWhatTheyDisagreeOn(first: Value, items: readonly Value[]): Value {
  const disagree = (places: readonly (Value | undefined)[]) => {
    const [one] = places;
    return one?.kind === 'bool' && places.some((place) => place?.kind !== 'bool' || place.value !== one.value);
  };
  if (disagree(items)) return UNKNOWN;
  if (first.kind !== 'container' || first.type !== 'tuple') return first;
  const rows = first.items;
  if (!rows || !items.every((item) => item.kind === 'container' && item.type === 'tuple' && item.items?.length === rows.length)) return first;
  const places = rows.map((place, i) => {
    const column = items.map((item) => (item as Extract<Value, { kind: 'container' }>).items![i]);
    return disagree(column) ? UNKNOWN : eitherText(column) ?? place;
  });
  return places.every((place, i) => place === rows[i]) ? first : { ...first, items: places };
}

/** The `yield` expressions of a function body, not those of nested functions. */
export function yieldExpressions(body: Syntax): Syntax[] {
  const found: Syntax[] = [];
  const pending: Syntax[] = [body];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda') continue;
    if (node.type === 'yield') found.push(node);
    for (const child of node.children) pending.push(child);
  }
  return found;
}

/** The expressions of a function body's `return` statements, not those of nested functions. */
export function returnExpressions(body: Syntax): Syntax[] {
  const found: Syntax[] = [];
  const pending: Syntax[] = [body];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda') continue;
    if (node.type === 'return_statement') {
      if (node.children[0]) found.push(node.children[0]);
      continue;
    }
    for (const child of node.children) pending.push(child);
  }
  return found;
}

export function parseNumber(text: string): number | undefined {
  const clean = text.replace(/_/g, '').toLowerCase();
  if (/^0x[0-9a-f]+$/.test(clean)) return parseInt(clean.slice(2), 16);
  if (/^0o[0-7]+$/.test(clean)) return parseInt(clean.slice(2), 8);
  if (/^0b[01]+$/.test(clean)) return parseInt(clean.slice(2), 2);
  if (clean.endsWith('j')) return undefined;
  const value = Number(clean.replace(/l$/, ''));
  return Number.isFinite(value) ? value : undefined;
}

function stringLiteral(text: string): Value {
  const quoteAt = text.search(/["']/);
  if (quoteAt < 0) return { kind: 'str', bytes: false };
  const prefix = text.slice(0, quoteAt).toLowerCase();
  const bytes = prefix.includes('b');
  if (prefix.includes('f')) return { kind: 'str', bytes: false };
  const quote = text.startsWith(text[quoteAt].repeat(3), quoteAt) ? text[quoteAt].repeat(3) : text[quoteAt];
  const body = text.slice(quoteAt + quote.length, text.length - quote.length);
  // Escapes shorten a literal; count them as one character each.
  const length = prefix.includes('r') ? body.length : body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|N\{[^}]*\}|[0-7]{1,3}|.)/gs, '.').length;
  const words = body.split(/\s+/).filter(Boolean).length;
  const lines = body.length === 0 ? 0 : body.split(/\\n|\n/).length - (/(\\n|\n)$/.test(body) ? 1 : 0);
  // The value as Python reads it: `"\n".join(...)` joins with a newline.
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"' };
  const value = prefix.includes('r') ? body : body.replace(/\\(.)/gs, (escape, ch: string) => simple[ch] ?? escape);
  const openEnd = body.length > 0 && !/(\\n|\n)$/.test(body) ? { openEnd: true as const } : {};
  return { kind: 'str', bytes, length, value: body.length <= MAX_SPELLED_TEXT ? value : undefined, words, lines, ...openEnd };
}

/** Texts up to this long are kept spelled out (`value`), so their words and lines are counted, not estimated. */
const MAX_SPELLED_TEXT = 256;

/** A text the code spells out whole (a literal's value, its copies and sums). */
function spelledText(value: string, bytes: boolean): Value {
  const lines = value.length === 0 ? 0 : value.split('\n').length - (value.endsWith('\n') ? 1 : 0);
  const openEnd = value.length > 0 && !value.endsWith('\n') ? { openEnd: true as const } : {};
  return { kind: 'str', bytes, length: value.length, value, words: value.split(/\s+/).filter(Boolean).length, lines, ...openEnd };
}

/**
 * `separator.join(items)`: with a whitespace separator, as many words as the items have (one each when unknown,
 * as with `" ".join(rng.choice(words) for _ in range(n))`).
 */
function joined(separator: Extract<Value, { kind: 'str' }>, items: Value | undefined): Value {
  // What a filter kept (`"".join(line for line in lines if not line.startswith(">"))`): all of it, at most.
  const count = items ? lengthOf(items) ?? (items.kind === 'container' ? items.atMost : undefined) : undefined;
  const item = items?.kind === 'container' ? items.itemValue ?? sameItems(items.items) : undefined;
  const itemLength = item?.kind === 'str' ? item.length : undefined;
  const length = count !== undefined && itemLength !== undefined && separator.length !== undefined
    ? count * itemLength + Math.max(0, count - 1) * separator.length
    : undefined;
  const spaced = separator.value !== undefined && separator.value.length > 0 && separator.value.trim() === '';
  const itemWords = item?.kind === 'str' && item.words !== undefined ? item.words : 1;
  const words = spaced && count !== undefined ? count * itemWords : undefined;
  const itemLines = item?.kind === 'str' && item.lines !== undefined ? Math.max(1, item.lines) : 1;
  // Joined by newlines, or each item a line of its own (`"".join(f"...\n" for ...)`).
  const lines = count === undefined ? undefined : separator.value === '\n' ? count * itemLines
    : separator.value === '' && item?.kind === 'str' && item.lines !== undefined ? count * item.lines : undefined;
  return { kind: 'str', bytes: separator.bytes, length, words, lines };
}

type NumberValue = Extract<Value, { kind: 'number' }>;

/**
 * `+`, `-`, `*` and division by a known number keep an unknown number affine (`(i + 1) * size`, `n * k // parts`);
 * anything else makes it plainly unknown.
 */
function affineArithmetic(operator: string, left: NumberValue, right: NumberValue): NumberValue {
  const a = affineOf(left);
  const b = affineOf(right);
  let affine: Affine | undefined;
  if (operator === '+' || operator === '-') {
    const sign = operator === '+' ? 1 : -1;
    if (!a.key || !b.key || a.key === b.key) {
      affine = { ...(a.key ? a : b), scale: a.scale + sign * b.scale, offset: a.offset + sign * b.offset };
    }
  } else if (operator === '*') {
    if (!a.key) affine = { ...b, scale: b.scale * a.offset, offset: b.offset * a.offset };
    else if (!b.key) affine = { ...a, scale: a.scale * b.offset, offset: a.offset * b.offset };
    else if (a.key === b.key && a.mean !== undefined) {
      // `width * height` of one job row, both moving with the row's number X: a size, taken at its mean over X
      // (the mean of X², from X's spread when its values are known, keeps the rows' total right).
      const spread = a.rounds !== undefined && a.spacing !== undefined ? (a.spacing ** 2) * (a.rounds ** 2 - 1) / 12 : 0;
      const value = a.scale * b.scale * (a.mean ** 2 + spread) + (a.scale * b.offset + b.scale * a.offset) * a.mean + a.offset * b.offset;
      return Number.isFinite(value) ? { kind: 'number', value, drawn: true } : { kind: 'number', value: Number.NaN };
    }
  } else if ((operator === '/' || operator === '//') && !b.key && b.offset !== 0) {
    // `n * k // parts`: about n/parts per k (the floor moves a bound by less than one item).
    affine = { ...a, scale: a.scale / b.offset, offset: a.offset / b.offset };
  }
  if (!affine || !Number.isFinite(affine.scale) || !Number.isFinite(affine.offset)) return { kind: 'number', value: Number.NaN };
  // A known number (the unknowns cancelled, or the operation was on known numbers).
  if (!affine.key || affine.scale === 0) return { kind: 'number', value: affine.offset };
  return { kind: 'number', value: Number.NaN, affine };
}

function roundedAs(name: string, value: number): number {
  switch (name) {
    case 'abs': return Math.abs(value);
    case 'int':
    case 'math.trunc': return Math.trunc(value);
    case 'math.ceil': return Math.ceil(value);
    case 'math.floor': return Math.floor(value);
    default: return value;
  }
}

/**
 * `min(hi, len(seq) - k + 1)` with `hi` a loop's affine bound: the bound itself. A known cap binds at most at the
 * last part, so the span of `range(lo, min(hi, cap))` is taken as `hi - lo`. Bounds of different unknowns stay unknown.
 */
function cappedAffine(name: string, values: readonly NumberValue[]): Value {
  const affines = values.filter((v) => v.affine).map((v) => v.affine!);
  if (affines.length === 0 || values.some((v) => Number.isNaN(v.value) && !v.affine)) return UNKNOWN;
  const [first] = affines;
  if (!affines.every((a) => a.key === first.key && a.scale === first.scale)) return UNKNOWN;
  // `min(hi, 2)` with `hi` at least 250,000 in every round: the constant, whatever the round.
  const constants = values.filter((v) => !v.affine).map((v) => v.value);
  const reach = affineReach(first);
  if (constants.length > 0 && reach) {
    const bound = name === 'min' ? Math.min(...constants) : Math.max(...constants);
    const ends = affines.flatMap((a) => [a.scale * reach.low + a.offset, a.scale * reach.high + a.offset]);
    if (name === 'min' ? bound <= Math.min(...ends) : bound >= Math.max(...ends)) return { kind: 'number', value: bound };
  }
  const offsets = affines.map((a) => a.offset);
  const offset = name === 'min' ? Math.min(...offsets) : Math.max(...offsets);
  // `min(hi, n)` only brings a thread's stop down, so its span stays its own; `max` could push it into the next one.
  // (A start brought down by `min` could reach back into the previous span; code does not write spans that way.)
  const { perThread, ...rest } = first;
  return { kind: 'number', value: Number.NaN, affine: { ...rest, offset, ...(perThread && name === 'min' ? { perThread } : {}) } };
}

/** A `bytearray(...)` (a list of its bytes to the model, for the races on its items) written out: that many bytes. */
function asBytes(value: Value, text: (node: Syntax) => string): Value {
  const made = value.kind === 'container' && value.type === 'list' ? value.origin.site : undefined;
  const callee = made?.type === 'call' ? made.children[0] : undefined;
  if (value.kind !== 'container' || callee?.type !== 'identifier' || text(callee) !== 'bytearray' || value.length === undefined) return value;
  return { kind: 'str', bytes: true, length: value.length };
}

/**
 * `self.offset + i`, with `offset` a thread's own number a stride apart from the next thread's (`for o in range(0,
 * n, step)`, `k * chunk`) and `i` a count that stays below the stride (an index into the thread's own slice): a key
 * no other thread reaches, so the slot it picks is the thread's own. Undefined when that cannot be shown.
 */
function withinOwnSpan(base: NumberValue, index: NumberValue): NumberValue | undefined {
  const own = base.affine;
  const counted = index.affine;
  // The thread's own number itself (`offset`, given a loop's number) or one moving with it (`start = k * chunk`).
  if (!(base.perThread || own?.perThread) || !own || own.spacing === undefined) return undefined;
  // A number the walk knows in each round of a loop it unrolls (`for j, c in enumerate(local)` over four counts).
  const constant = !counted && !Number.isNaN(index.value) ? index.value : undefined;
  if (constant === undefined && (!counted || counted.key === own.key)) return undefined;
  // Its steps add up (`base + j + 1`): the sum's whole offset must stay within the thread's stretch.
  const reach = counted ? affineReach(counted) : { low: own.offset + constant!, high: own.offset + constant! };
  if (!reach) return undefined;
  const stride = Math.abs(own.scale) * own.spacing;
  const low = counted ? Math.min(counted.scale * reach.low, counted.scale * reach.high) + counted.offset : reach.low;
  const high = counted ? Math.max(counted.scale * reach.low, counted.scale * reach.high) + counted.offset : reach.high;
  if (!(low >= 0 && high < stride)) return undefined;
  const within = base.ownWithin !== undefined ? { ownWithin: base.ownWithin } : {};
  // A known step keeps the sum's line (`start + 3` still sizes what it bounds); a moving one spans too many values.
  return constant !== undefined ? { ...affineArithmetic('+', base, index), perThread: true, ...within } : { kind: 'number', value: Number.NaN, perThread: true, ...within };
}

/**
 * A number as a size: its value when known, else its middle over the values its loop gives it (`n - 1` for `n` of
 * `range(3, limit, 2)`). Undefined when neither is known.
 */
export function typicalSize(value: Value | undefined): number | undefined {
  if (value?.kind !== 'number') return undefined;
  if (!Number.isNaN(value.value)) return value.value;
  const affine = value.affine;
  if (!affine) return undefined;
  const reach = affineReach(affine);
  const middle = affine.mean ?? (reach ? (reach.low + reach.high) / 2 : undefined);
  return middle === undefined ? undefined : affine.scale * middle + affine.offset;
}

/** The square root of an unknown number's typical size (see typicalSize), as a size; unknown without one. */
function typicalRoot(value: NumberValue): NumberValue {
  const size = typicalSize(value);
  return size !== undefined && size >= 0 ? { kind: 'number', value: Math.sqrt(size), drawn: true } : { kind: 'number', value: Number.NaN };
}

/** The least and the greatest value X takes, when it is a range's number with a known first value and count or mean. */
function affineReach(affine: Affine): { low: number; high: number } | undefined {
  const { first, spacing, rounds, mean } = affine;
  if (first === undefined) return undefined;
  // A range's numbers are spread evenly: the last is as far past the mean as the first is before it.
  const last = spacing !== undefined && rounds !== undefined && rounds >= 1 ? first + spacing * (rounds - 1)
    : mean !== undefined ? 2 * mean - first : undefined;
  return last === undefined ? undefined : { low: Math.min(first, last), high: Math.max(first, last) };
}

/** A number as `scale·X + offset`: a known number has no X (empty key). */
function affineOf(value: NumberValue): Affine {
  if (value.affine) return value.affine;
  return Number.isNaN(value.value) ? { key: '', scale: 0, offset: Number.NaN } : { key: '', scale: 0, offset: value.value };
}

/**
 * `range(k * size, (k + 1) * size)`, with `k` a thread's own whole number (see Affine's `perThread`), or
 * `range(k, n, workers)`: the numbers of two threads never meet, so each number in it is that thread's alone. Steps
 * other than forward ones, bounds of different unknowns, a span longer than the scale (`range(k * size, (k + 2) *
 * size)`: neighbours overlap) or a stride shorter than the number of threads are not.
 */
export function ownSpan(start: Value | undefined, stop: Value | undefined, step: number | undefined): boolean {
  if (start?.kind !== 'number' || !start.affine?.perThread) return false;
  // `range(k, n, workers)`: thread k takes every workers-th number from k, and no two threads start alike modulo
  // the step when there are no more of them than the step.
  const { rounds } = start.affine;
  if (rounds !== undefined && Math.abs(start.affine.scale) === 1 && step !== undefined && step >= rounds) return true;
  if (stop?.kind !== 'number' || !stop.affine?.perThread) return false;
  if (step !== undefined && !(step >= 1)) return false;
  const { key, scale, offset } = start.affine;
  const span = stop.affine.offset - offset;
  const apart = scale * (start.affine.spacing ?? 1);
  return stop.affine.key === key && stop.affine.scale === scale && scale > 0 && span >= 0 && span <= apart + 1e-9;
}

/**
 * The item of a list made as `[f(k) for k in range(first, n, step)]` (an affine number of its k) at an index: k is
 * `first + step · index`, so `cuts[i]` and `cuts[i + 1]` are a step of f apart. Undefined when the list is not of
 * that shape or the index is not a number.
 */
function itemAt(item: Value | undefined, index: Value): Value | undefined {
  const made = item?.kind === 'number' ? item.affine : undefined;
  if (!made || made.first === undefined || index.kind !== 'number') return undefined;
  const step = made.spacing ?? 1;
  // f(k) = scale · k + offset, with k = first + step · index.
  const base = made.scale * made.first + made.offset;
  const per = made.scale * step;
  if (!Number.isNaN(index.value) && !index.affine) return { kind: 'number', value: base + per * index.value };
  const at = index.affine;
  if (!at) return undefined;
  return { kind: 'number', value: Number.NaN, affine: { ...at, scale: per * at.scale, offset: base + per * at.offset } };
}

/**
 * Slice bounds `start:stop` moving with one X (`k * size:(k + 1) * size + 1`) whose span is longer than the distance
 * between successive rounds' starts: each slice reaches into the next.
 */
function overlapping(parts: ReadonlyArray<Value | null>): boolean {
  const [start, stop] = parts;
  if (start?.kind !== 'number' || stop?.kind !== 'number' || !start.affine || !stop.affine) return false;
  const { key, scale, offset } = start.affine;
  if (stop.affine.key !== key || stop.affine.scale !== scale || !(scale > 0)) return false;
  return stop.affine.offset - offset > scale * (start.affine.spacing ?? 1) + 1e-9;
}

/** `stop - start` when it is known, even if both are unknown: both the same X, at the same scale. */
export function difference(stop: Value | undefined, start: Value | undefined): number | undefined {
  if (stop?.kind !== 'number' || start?.kind !== 'number') return undefined;
  if (!Number.isNaN(stop.value) && !Number.isNaN(start.value)) return stop.value - start.value;
  const a = stop.affine;
  const b = start.affine;
  return a && b && a.key === b.key && a.scale === b.scale ? a.offset - b.offset : undefined;
}

function arithmetic(operator: string, a: number, b: number): number | undefined {
  switch (operator) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return b === 0 ? undefined : a / b;
    case '//': return b === 0 ? undefined : Math.floor(a / b);
    case '%': return b === 0 ? undefined : ((a % b) + b) % b;
    case '**': return Math.abs(b) > 1024 ? undefined : a ** b;
    case '<<': return b > 60 ? undefined : a * 2 ** b;
    case '>>': return Math.floor(a / 2 ** b);
    default: return undefined;
  }
}

/** The mean of a range's numbers, when its first number (or that number's middle, typicalFirst), step and length are known. */
export function rangeMean(range: Extract<Value, { kind: 'range' }>): number | undefined {
  const { length } = range;
  const first = range.first ?? range.typicalFirst;
  const step = range.step ?? 1;
  return first === undefined || length === undefined || length < 1 ? undefined : first + (step * (length - 1)) / 2;
}

/** A number's value, or for an unknown one that follows a loop's number (see Affine.mean), its mean. */
function expectedNumber(value: Value): number | undefined {
  if (value.kind !== 'number') return undefined;
  const affine = value.affine;
  if (!Number.isNaN(value.value) || !affine) return value.value;
  // `for i, row in enumerate(rows): for j in range(i):` counts from its first number, one a round: its middle.
  const reach = affine.mean === undefined && !affine.perThread ? affineReach(affine) : undefined;
  const mean = affine.mean ?? (reach ? (reach.low + reach.high) / 2 : undefined);
  return mean === undefined ? value.value : affine.scale * mean + affine.offset;
}

/** An object taken over by one name (see takenBySwap): no other thread reaches it any more. */
function taken(value: Value): Value {
  if ((value.kind === 'container' || value.kind === 'instance') && value.origin.sharing === 'shared') {
    return { ...value, origin: { ...value.origin, sharing: 'private' } };
  }
  if (value.kind === 'unknown' && value.origin?.sharing === 'shared') return { ...value, origin: { ...value.origin, sharing: 'private' } };
  return value;
}

export function rangeLength(args: Array<number | undefined>): number | undefined {
  if (args.length === 0 || args.some((a) => a === undefined || Number.isNaN(a))) return undefined;
  const [start, stop, step] = args.length === 1 ? [0, args[0]!, 1] : [args[0]!, args[1]!, args[2] ?? 1];
  if (step === 0) return undefined;
  return Math.max(0, Math.ceil((stop - start) / step));
}

/** Items from `start` up to `stop` by `step` when `stop - start` is known (at most `limit`). */
function spanLength(stop: Value | undefined, start: Value | undefined, step: number | undefined, limit: number): number | undefined {
  const span = difference(stop, start);
  if (span === undefined || step === undefined || step === 0 || Number.isNaN(step)) return undefined;
  return Math.max(0, Math.ceil(Math.min(span, limit) / step));
}

/**
 * `range(part, n, step)` with `part` unknown: each of `step` threads takes every step-th number from its own offset,
 * about n / step of them (as `items[part::step]`).
 */
function strideLength(values: Array<number | undefined>): number | undefined {
  const [start, stop, step] = values;
  if (values.length !== 3 || start === undefined || !Number.isNaN(start) || stop === undefined || Number.isNaN(stop)) return undefined;
  if (step === undefined || Number.isNaN(step) || step <= 1) return undefined;
  return Math.max(0, Math.ceil(stop / step));
}

/** Calls that list a directory (see Evaluator.listing). */
const LISTINGS: ReadonlySet<string> = new Set(['os.listdir', 'os.scandir', 'pathlib.Path.iterdir']);

/** The last names of calls that can make a file (see Evaluator.fileMade). */
const FILE_MAKING_CALLS = new Set(['open', 'write_text', 'write_bytes', 'copy', 'copy2', 'copyfile', 'makedirs', 'mkdir']);

/** What copies of a text are made of (see the str value's `noise` and `filler`). */
function repeatedParts(text: Extract<Value, { kind: 'str' }>, count: number): { noise?: number; filler?: number } {
  if (text.length === undefined || !(count >= 1)) return {};
  if (text.length > DEFLATE_WINDOW) {
    return { ...(text.noise ? { noise: text.noise * count } : {}), ...(text.filler ? { filler: text.filler * count } : {}) };
  }
  return { ...(text.noise ? { noise: text.noise } : {}), filler: (text.filler ?? 0) + text.length * (count - 1) };
}

/** How far back deflate (zlib, gzip) looks for a repeat. */
const DEFLATE_WINDOW = 32 * 1024;

/** A file pathlib opens for one call (`path.read_text()`): nobody else's. */
const A_FILE: Value = { kind: 'instance', type: 'file', origin: { key: 'file', sharing: 'private' } };
/** The same, read as bytes (`path.read_bytes()`). */
const A_BINARY_FILE: Value = { kind: 'instance', type: 'file', origin: { key: 'file', sharing: 'private' } };

const DEFINITIONS: ReadonlySet<string> = new Set(['function_definition', 'class_definition', 'decorated_definition', 'lambda']);

/** An object's copy, as deepcopy makes it: its shape without its identity. */
function withoutIdentity(value: Value): Value {
  return value.kind === 'container' || value.kind === 'instance' || (value.kind === 'unknown' && value.origin) ? UNKNOWN : value;
}

/** A tuple's shape without the identities of the objects in it. */
function withoutIdentities(value: Value | undefined): Value | undefined {
  if (value?.kind !== 'container' || value.type !== 'tuple' || !value.items) return value;
  // A pair of texts inside the row (`(n, (town, subject))`) is plain data, whoever holds it: kept.
  const plain = (item: Value) => item.kind === 'container' && item.type === 'tuple' && !!item.items
    && item.items.every((part) => part.kind === 'str' || part.kind === 'number' || part.kind === 'bool' || part.kind === 'none');
  return { ...value, items: value.items.map((item) => (plain(item) ? item : item.kind === 'container' || item.kind === 'instance' || item.kind === 'unknown' ? UNKNOWN : item)) };
}

/** The fields assumed at most in a line or field of unknown length split again (a CSV row, a timestamp). */
const FIELDS_OF_A_PART = 16;

/** A random generator's methods that give a number. */
const RANDOM_NUMBERS = new Set(['random', 'randint', 'randrange', 'uniform', 'gauss', 'expovariate']);

/** Characters of a number written out when its value is unknown: an int of a few million, or a short float. */
const NUMBER_TEXT_LENGTH = 8;

/**
 * Expressions that may make text, a number or a row of them (a call may be `" ".join(...)` or `str(n)`; a tuple
 * `(name, data, digest)`; a dict literal `{"id": i, "items": [...]}`).
 */
const TEXT_OR_NUMBER_NODES: ReadonlySet<string> = new Set(['string', 'concatenated_string', 'binary_operator', 'integer', 'float', 'call', 'list_comprehension', 'dictionary_comprehension', 'list', 'tuple', 'dictionary']);

/** Is `node` under an `if`, `try` or `with` between it and `ancestor` (a round may skip it)? */
function insideBranch(node: Syntax, ancestor: Syntax): boolean {
  for (let at = node.parent; at && at !== ancestor; at = at.parent) {
    if (at.type === 'if_statement' || at.type === 'elif_clause' || at.type === 'else_clause' || at.type === 'try_statement') return true;
  }
  return false;
}

/** An arm of an `if` chain (its block, or an `elif`/`else` clause) whose last statement is `continue`. */
function endsWithContinue(arm: Syntax): boolean {
  const block = arm.type === 'block' ? arm : arm.children.find((child) => child.type === 'block');
  return block?.children[block.children.length - 1]?.type === 'continue_statement';
}

/** Is this node inside a loop (or comprehension) below `root`? */
export function insideLoop(node: Syntax, root: Syntax): boolean {
  for (let child = node, at = node.parent; at && at !== root; child = at, at = at.parent) {
    // What a loop runs over is evaluated once, before its rounds (`for p in write_shards(tmp)`).
    if (at.type === 'for_statement' && child === at.children[1]) continue;
    if (at.type === 'for_in_clause' && child === at.children[at.children.length - 1]
      && at.parent?.children.find((clause) => clause.type === 'for_in_clause') === at) {
      child = at;
      at = at.parent!;
      if (at === root) break;
      continue;
    }
    if (at.type === 'for_statement' || at.type === 'while_statement' || at.type.endsWith('comprehension') || at.type === 'generator_expression') return true;
  }
  return false;
}

/** Containers stored into in more places than this are not worth reading for what they hold. */
const MAX_STORE_SITES = 8;

/** Dict methods that add, replace or remove keys. */
const DICT_MUTATORS = new Set(['update', 'setdefault', 'pop', 'popitem', 'clear', '__setitem__', '__delitem__']);

/** Builtins that only read the container they are handed. */
const DICT_READERS = new Set(['len', 'list', 'sorted', 'dict', 'set', 'tuple', 'print', 'repr', 'str', 'iter', 'enumerate', 'any', 'all', 'sum', 'min', 'max', 'zip', 'bool']);
const NO_OPAQUE_NODES: ReadonlySet<string> = new Set();

/**
 * What a growth of a container at this name stores: `name[key] = value`, `name.append(value)`, `name.add(value)`,
 * `name.setdefault(key, value)`; undefined for any other growth (`name += more`, `name.extend(more)`).
 */
/** `group.append(value)` or `group.add(value)` on an item of a container (`self.listeners[kind]`): the value. */
function groupStore(group: Syntax, text: (node: Syntax) => string): Syntax | undefined {
  const parent = group.parent;
  if (parent?.type !== 'attribute' || parent.children[0] !== group || parent.parent?.type !== 'call') return undefined;
  const method = text(parent.children[parent.children.length - 1]);
  const args = parent.parent.children[1]?.children ?? [];
  return (method === 'append' || method === 'add') && args.length === 1 ? args[0] : undefined;
}

function storedExpression(name: Syntax, text: (node: Syntax) => string): Syntax | undefined {
  const parent = name.parent;
  if (parent?.type === 'subscript' && parent.children[0] === name) {
    const assignment = parent.parent;
    if (assignment?.type !== 'assignment' || assignment.children[0] !== parent) return undefined;
    return assignmentParts(assignment).right;
  }
  if (parent?.type !== 'attribute' || parent.children[0] !== name || parent.parent?.type !== 'call') return undefined;
  const method = text(parent.children[parent.children.length - 1]);
  const args = parent.parent.children[1]?.children ?? [];
  if (method === 'append' || method === 'add' || method === 'appendleft' || method === 'put') return args.length === 1 ? args[0] : undefined;
  if (method === 'setdefault' || method === 'insert') return args.length === 2 ? args[1] : undefined;
  return undefined;
}

/**
 * An item put into a queue, as the taker holds it: what the putting code made for it (a tuple, the image a call
 * returned) is the taker's alone; objects named in the module or on an instance stay shared.
 */
/** A row put in a queue from another frame: its objects are some objects that every taker may get, by the queue's key. */
function sharedRow(value: Value, queue: string): Value | undefined {
  const shared = (index: number): Value => ({ kind: 'unknown', origin: { key: `${queue}[].${index}`, sharing: 'shared' } });
  if (value.kind === 'instance') return shared(0);
  if (value.kind !== 'container' || value.type !== 'tuple' || !value.items) return undefined;
  return { ...value, items: value.items.map((item, i) => (item.kind === 'instance' ? shared(i) : item)) };
}

/** The objects a value is or holds as a row (`("captured", order)`), by their keys. */
function objectKeysOf(value: Value): string[] {
  if (value.kind === 'instance') return [value.origin.key];
  if (value.kind === 'container' && value.type === 'tuple' && value.items) {
    return value.items.flatMap((item) => (item.kind === 'instance' ? [item.origin.key] : []));
  }
  return [];
}

function handedOver(value: Value, depth = 0): Value {
  if (value.kind !== 'container' && value.kind !== 'instance') return value;
  if (depth > 3 || /^(g|class|self):/.test(value.origin.key) || value.origin.sharing !== 'shared') return value;
  const origin: Origin = { key: value.origin.key, sharing: 'per-instance' };
  if (value.kind === 'instance') return { ...value, origin };
  return {
    ...value, origin,
    ...(value.items ? { items: value.items.map((item) => handedOver(item, depth + 1)) } : {}),
    ...(value.itemValue ? { itemValue: handedOver(value.itemValue, depth + 1) } : {}),
  };
}

/** The characters assumed of a line when a file's lines are known but not their length: a log line's worth. */
const LINE_LENGTH = 80;

/** A file the code writes, and what its writes add up to. */
interface WrittenFile {
  readonly bytes: boolean;
  /** An `io.StringIO()` buffer's, by the offset of the call that made it: not a file on disk. */
  readonly buffer?: number;
  /** Unknown when only the lines are known (records of unknown length, one a line). */
  readonly length: number | undefined;
  readonly lines: number | undefined;
  readonly words: number | undefined;
}

/** Whether `open`'s mode writes the file (`"w"`, `"a"`, `"x"`, `"wb"`...); a read when unknown. */
function writes(mode: Value | undefined): boolean {
  return mode?.kind === 'str' && mode.value !== undefined && /[wax]/.test(mode.value);
}

/** Text, numbers and containers of them, to a few levels: no function or object that has an identity. */
function dataOnly(value: Value, depth = 0): boolean {
  if (value.kind !== 'container') return isPlainData(value) || value.kind === 'range';
  if (depth > 3) return false;
  return (value.items ?? []).every((item) => dataOnly(item, depth + 1)) && (!value.itemValue || dataOnly(value.itemValue, depth + 1));
}

/** Sizes of struct's format codes in standard mode (`<`, `>`, `!`, `=`); native mode uses the same here, aligned. */
const STRUCT_SIZES: Readonly<Record<string, number>> = {
  x: 1, c: 1, b: 1, B: 1, '?': 1, h: 2, H: 2, i: 4, I: 4, l: 4, L: 4, q: 8, Q: 8, n: 8, N: 8, e: 2, f: 4, d: 8, s: 1, p: 1, P: 8,
};

/**
 * A struct format's packed size and how many values it packs (`"<IHhf"`: 12 bytes, 4 values), as `struct.calcsize`
 * gives it (native mode, `@` or none, pads each item to its own size, with C's `long` of 8 bytes); undefined when
 * the file does not spell it.
 */
function structFormat(format: Value): { size: number; fields: number } | undefined {
  if (format.kind !== 'str' || format.value === undefined) return undefined;
  const text = format.value.replace(/\s+/g, '');
  const native = !/^[<>!=]/.test(text);
  let size = 0;
  let fields = 0;
  for (const match of text.replace(/^[@<>!=]/, '').matchAll(/(\d*)(.)/g)) {
    const count = match[1] ? Number(match[1]) : 1;
    const code = match[2];
    const width = native && (code === 'l' || code === 'L') ? 8 : STRUCT_SIZES[code];
    if (width === undefined) return undefined;
    if (native && width > 1) size = Math.ceil(size / width) * width;
    if (code === 's' || code === 'p') {
      size += count;
      fields += 1;
    } else {
      size += width * count;
      if (code !== 'x') fields += count;
    }
  }
  return { size, fields };
}

/** What a struct function or a Struct's method gives: packed bytes, a tuple of values, or the tuples of a buffer. */
function structResult(how: string, format: { size: number; fields: number } | undefined, data: Value | undefined, origin: Origin): Value {
  if (how === 'calcsize') return { kind: 'number', value: format?.size ?? Number.NaN };
  if (how === 'pack') return { kind: 'str', bytes: true, length: format?.size };
  const row: Value = { kind: 'container', type: 'tuple', length: format?.fields, origin };
  if (how === 'unpack' || how === 'unpack_from') return row;
  if (how !== 'iter_unpack') return UNKNOWN;
  const length = format && format.size > 0 && data?.kind === 'str' && data.length !== undefined ? Math.floor(data.length / format.size) : undefined;
  return { kind: 'container', type: 'generator', length, itemValue: row, origin };
}

/** More methods than this sharing a prefix is not a dispatch table but a naming habit. */
const MAX_PREFIXED_METHODS = 16;

/** `f12:dispatcher.jobs`, an object named by a variable of one frame of a function, as `f:dispatcher.jobs`. */
function localName(key: string): string | undefined {
  const match = /^f\d+:/.exec(key);
  return match ? `f:${key.slice(match[0].length)}` : undefined;
}

/**
 * The constructor arguments of a thread's own object: what the call itself made is that thread's own; what its
 * creator owned (a thread's private object) the creator now shares with it.
 */
/** The arguments with each value mapped (positional and keyword alike). */
function mapArgs(args: CallArgs, map: (value: Value, node: Syntax | undefined) => Value): CallArgs {
  return {
    positional: args.positional.map((arg) => ({ ...arg, value: map(arg.value, arg.node) })),
    keywords: new Map([...args.keywords].map(([name, arg]) => [name, { ...arg, value: map(arg.value, arg.node) }])),
    hasSplat: args.hasSplat,
  };
}

function madeBy(call: Syntax, args: CallArgs, owned: ReadonlySet<Syntax> | undefined): CallArgs {
  const own = (value: Value, node?: Syntax): Value => {
    const origin = 'origin' in value ? value.origin : undefined;
    if (!origin) return value;
    const madeHere = (!!origin.site && origin.site.start >= call.start && origin.site.end <= call.end) || (!!node && !!owned?.has(node));
    if (madeHere) return { ...value, origin: { ...origin, sharing: 'per-instance' } } as Value;
    if (origin.sharing === 'private' || origin.sharing === 'per-instance') return { ...value, origin: { ...origin, sharing: 'shared' } } as Value;
    return value;
  };
  return mapArgs(args, own);
}

/**
 * What `choice(items)` (one item), `sample(items, k)` or `choices(items, weights, k=k)` (k items, one by default)
 * returns: items keep their identity.
 */
function pickedFrom(how: string, args: CallArgs, origin: Origin): Value {
  const items = args.positional[0]?.value ?? UNKNOWN;
  if (how === 'choice') return elementOf(items);
  const count = how === 'choices' ? args.keywords.get('k')?.value ?? { kind: 'number', value: 1 } : args.positional[1]?.value ?? args.keywords.get('k')?.value;
  const length = count?.kind === 'number' && !Number.isNaN(count.value) ? count.value : undefined;
  // `choices` draws with replacement; `sample` never takes an item twice.
  return { kind: 'container', type: 'list', length, itemValue: elementOf(items), origin, ...(how === 'choices' && (length ?? 2) > 1 ? { repeats: true as const } : how === 'sample' && !(items.kind === 'container' && items.repeats) ? { distinct: true as const } : {}) };
}

/** Objects callers hand in to a method that stores them (`feed.attach(obs)`, see passedInstances). */
function isHandedIn(stored: Value): stored is Extract<Value, { kind: 'instance' }> {
  return stored.kind === 'instance' && stored.origin.key.startsWith('passed:');
}

/**
 * What a container attribute's methods store (see storedAttributeItem), as its item: the container's, whichever copy
 * it is read from; objects callers hand in (observers every feed gets) stay theirs, shared whoever holds the list.
 */
function storedAsItem(stored: Value, container: Origin): Value {
  return { ...stored, origin: { key: `${container.key}[]`, sharing: isHandedIn(stored) ? 'shared' : container.sharing } } as Value;
}

/** The scope a node's code runs in, seen through the comprehensions around it (they read the enclosing names). */
function ownScope(scope: Scope): Scope {
  let at = scope;
  while (at.kind === 'comprehension' && at.parent) at = at.parent;
  return at;
}

/**
 * The item shape of `accounts = {n: Account(n) for n in numbers}`, as its items are known elsewhere: objects its own
 * comprehension made are its items (`accounts[n]` names them so), not objects of the comprehension's frame.
 */
function madeItemAsItem(container: Extract<Value, { kind: 'container' }>): Value | undefined {
  const item = container.itemValue;
  const made = container.origin.site;
  const site = item && 'origin' in item ? item.origin?.site : undefined;
  if (!item || !made || !site || (item.kind !== 'instance' && item.kind !== 'container') || site.start < made.start || site.end > made.end) return item;
  return { ...item, origin: { key: `${container.origin.key}[]`, sharing: container.origin.sharing } } as Value;
}

/** The number `int(text)` or `float(text)` gives, when the text is one (`"300_000"`, `" 2.5 "`); else undefined. */
function numberInText(text: string, as: 'int' | 'float'): number | undefined {
  const pattern = as === 'int' ? /^\s*[+-]?\d(?:_?\d)*\s*$/ : /^\s*[+-]?(?:\d(?:_?\d)*)?(?:\.\d(?:_?\d)*)?(?:[eE][+-]?\d+)?\s*$/;
  if (!pattern.test(text) || !/\d/.test(text)) return undefined;
  const value = Number(text.trim().replace(/_/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

/** Whether a value is true as a condition, when the file decides it (a flag passed as False, a None). */
export function truthOfValue(value: Value): boolean | undefined {
  if (value.kind === 'bool') return value.value;
  if (value.kind === 'none') return false;
  if (value.kind === 'number' && !Number.isNaN(value.value) && !value.drawn) return value.value !== 0;
  return undefined;
}

/**
 * `first + second` of two lists: items alike on both sides stay one item value; unlike ones (`[ChecksumTask(b) for b
 * in blobs] + [Sha256Task(b) for b in blobs]`) are spelled out one by one when there are few, so a loop over them
 * starts each kind of task with its own code.
 */
function concatenated(left: Extract<Value, { kind: 'container' }>, right: Extract<Value, { kind: 'container' }>, origin: Origin): Value {
  const length = left.length !== undefined && right.length !== undefined ? left.length + right.length : undefined;
  // `CITIES[i:] + CITIES[:i]`: a side with a bound bounds the whole.
  const leftMost = left.length ?? left.atMost;
  const rightMost = right.length ?? right.atMost;
  const bounded = length === undefined && leftMost !== undefined && rightMost !== undefined ? { atMost: leftMost + rightMost }
    : length === undefined && (left.length ?? left.atLeast ?? right.length ?? right.atLeast) !== undefined
      ? { atLeast: (left.length ?? left.atLeast ?? 0) + (right.length ?? right.atLeast ?? 0) } : {};
  // Spelled out, the items of `[Trader(i) for i in range(2)]` stay objects of their own, one each.
  const spelled = (side: Extract<Value, { kind: 'container' }>): readonly Value[] | undefined =>
    side.items ?? (side.itemValue && side.length !== undefined && side.length <= MAX_SPELLED_ITEMS
      ? Array.from({ length: side.length }, (_, i) => eachItsOwn(side, side.itemValue!, i)) : undefined);
  const leftItem = left.itemValue ?? sameItems(left.items);
  const rightItem = right.itemValue ?? sameItems(right.items);
  // `(lo, hi) + (slot,)`: items the file spells keep their places (a thread's arguments are read by position).
  const written = left.items && right.items && left.items.length + right.items.length <= MAX_SPELLED_ITEMS ? [...left.items, ...right.items] : undefined;
  if (leftItem && rightItem && !alikeItems(leftItem, rightItem)) {
    const [first, second] = [spelled(left), spelled(right)];
    if (first && second && first.length + second.length <= MAX_SPELLED_ITEMS) return { kind: 'container', type: left.type, length, items: [...first, ...second], origin };
    return { kind: 'container', type: left.type, length, ...bounded, origin };
  }
  const itemValue = leftItem ?? rightItem;
  return { kind: 'container', type: left.type, length, ...bounded, ...(written ? { items: written } : {}), ...(itemValue ? { itemValue } : {}), origin };
}

/** The i-th item of a container, as its own object when a comprehension made the items one a round. */
function eachItsOwn(container: Extract<Value, { kind: 'container' }>, item: Value, i: number): Value {
  if (item.kind !== 'instance' && item.kind !== 'container') return item;
  const [made, site] = [container.origin.site, item.origin.site];
  const comprehension = made?.type.endsWith('_comprehension') || made?.type === 'generator_expression';
  if (!made || !site || !comprehension || site.start < made.start || site.end > made.end) return item;
  return { ...item, origin: { ...item.origin, key: `${item.origin.key}#${i}` } };
}

/** Items that a loop can treat as one: the same kind, and for objects the same class. */
function alikeItems(a: Value, b: Value): boolean {
  if (a.kind !== b.kind) return false;
  // Objects made by different calls may hold different things (`BackupJob(media, ...)`, `BackupJob(logs, ...)`).
  // Library objects carry no constructor: their making call tells them apart (`Thread(target=a)`, `Thread(target=b)`).
  if (a.kind === 'instance' && b.kind === 'instance') return a.cls === b.cls && a.type === b.type && a.ctor?.call === b.ctor?.call && a.origin.site === b.origin.site;
  if (a.kind === 'function' && b.kind === 'function') return a.fn === b.fn;
  return a.kind !== 'container' && a.kind !== 'unknown';
}

const MAX_SPELLED_ITEMS = 16;
/** Iterations assumed for a loop over something the file does not size. */
export const ASSUMED_ITERATIONS = 1000;

/** Comprehensions and generator expressions: each makes a new object from what it iterates. */
export const COMPREHENSION_TYPES: ReadonlySet<string> = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/** A dict literal's values are read for their shape up to this many. */
const LITERAL_VALUES_READ = 32;
/** A dict literal's entries are followed one by one up to this many (see literalEntries). */
const LITERAL_ENTRIES_UNROLLED = 8;

/**
 * What every one of these values looks like, when they are alike: text (of the longest length), numbers, or lists of
 * such (`{"en": "the quick ...".split(), "de": ...}`). Objects are left out: each value is its own.
 */
/** A dict literal's values when all are empty containers of one type (`{"a": [], "b": []}`): one such container. */
function emptyRows(dict: Extract<Value, { kind: 'container' }>): Value | undefined {
  // `{"east": {}, "west": {}}`, or `[[], [], []]`: empty containers of one kind.
  const values = dict.type === 'dict' ? dict.entries?.values : dict.type === 'list' ? dict.items : undefined;
  const first = values?.[0];
  if (first?.kind !== 'container' || !values!.every((v) => v.kind === 'container' && v.type === first.type && v.length === 0)) return undefined;
  return { kind: 'container', type: first.type, length: 0, origin: { key: 'literal', sharing: 'private' } };
}

function sharedShape(values: readonly Value[]): Value | undefined {
  const first = values[0];
  if (!first) return undefined;
  if (first.kind === 'str' && values.every((v) => v.kind === 'str' && v.bytes === first.bytes)) {
    const lengths = values.map((v) => (v.kind === 'str' ? v.length : undefined));
    return { kind: 'str', bytes: first.bytes, length: lengths.every((l) => l !== undefined) ? Math.max(...(lengths as number[])) : undefined };
  }
  if (first.kind === 'number' && values.every((v) => v.kind === 'number')) return { kind: 'number', value: Number.NaN };
  // Items the model cannot tell (`base + wobble * math.sin(i)`): still alike, lists of them still sized.
  if (values.every((v) => v.kind === 'unknown' && !v.origin)) return UNKNOWN;
  // `operator.add` or `operator.mul`: one C call either way.
  if (values.every((v) => v.kind === 'external' && !v.self && PURE_MODULES.has(v.name.split('.')[0]))) return first;
  // `shed.pack_bale` in some rows, `shed.grade_bale` in others: either method, as a conditional pick of them is.
  if (values.every((v) => v.kind === 'function')) {
    const either = eitherFunction(values as ReadonlyArray<Extract<Value, { kind: 'function' }>>);
    if (either) return either;
  }
  // Rows of one length (`{"+": (1, operator.add), "*": (2, operator.mul)}`): each part what its parts share.
  const arity = first.kind === 'container' && first.type === 'tuple' ? first.items?.length : undefined;
  if (arity && values.every((v) => v.kind === 'container' && v.type === 'tuple' && v.items?.length === arity)) {
    const parts = Array.from({ length: arity }, (_, i) => sharedShape(values.map((v) => (v.kind === 'container' ? v.items![i] : v))) ?? UNKNOWN);
    return { kind: 'container', type: 'tuple', length: arity, items: parts, origin: { key: 'literal', sharing: 'private' } };
  }
  if (first.kind === 'container' && values.every((v) => v.kind === 'container' && v.type === first.type)) {
    const items = values.map((v) => (v.kind === 'container' ? v.itemValue ?? sameItems(v.items) : undefined));
    const item = items.every((i): i is Value => i !== undefined && isPlainData(i)) ? sharedShape(items) : undefined;
    if (!item) return undefined;
    const lengths = values.map((v) => (v.kind === 'container' ? v.length : undefined));
    const length = lengths.every((l) => l !== undefined) ? Math.round((lengths as number[]).reduce((a, b) => a + b, 0) / lengths.length) : undefined;
    // `PROFILES[kind]["char_steps"]` of `{"light": {"char_steps": 400_000}, "heavy": {...}}`: each key's mean.
    const keywords = commonKeywords(values as ReadonlyArray<Extract<Value, { kind: 'container' }>>);
    return { kind: 'container', type: first.type, length, itemValue: item, ...(keywords ? { keywords } : {}), origin: { key: 'literal', sharing: 'private' } };
  }
  return undefined;
}



/** The identity of a stored list of rows (see storedItem) until the container holding it names it as its item. */
const STORED_ROWS = 'stored-rows';

/**
 * A list of plain rows as another container holds it: its length and the shape of its rows (numbers, text, tuples
 * of them), with no identity of its own yet; undefined when it holds objects.
 */
function plainShape(value: Extract<Value, { kind: 'container' }>): Value | undefined {
  const rows = value.items ?? (value.itemValue ? [value.itemValue] : []);
  const plainRow = (row: Value) => isPlainData(row)
    || (row.kind === 'container' && row.type === 'tuple' && !!row.items && row.items.every(isPlainData));
  if (!rows.every(plainRow)) return undefined;
  const anonymous = (row: Value): Value => (row.kind === 'unknown' ? UNKNOWN : row.kind === 'container' ? { ...row, items: row.items?.map(anonymous), origin: { key: STORED_ROWS, sharing: 'private' } } : row);
  return { ...value, items: value.items?.map(anonymous), itemValue: value.itemValue && anonymous(value.itemValue), origin: { key: STORED_ROWS, sharing: 'private' }, holds: undefined };
}

/** `set((3, 17, 30))`: the numbers or texts a container spells, when they are all known and all different. */
function distinctItems(source: Value): Value[] | undefined {
  const items = spelledConstants(source);
  const keys = items?.map((item) => (item.kind === 'number' ? `n${item.value}` : item.kind === 'str' ? `s${item.value}` : ''));
  return items && keys && new Set(keys).size === keys.length ? items : undefined;
}

/** A short container's items when each is a number or a text the file spells (not drawn, not a loop's number). */
function spelledConstants(source: Value): Value[] | undefined {
  if (source.kind !== 'container' || !source.items || source.items.length > MAX_SPELLED_ITEMS) return undefined;
  const constant = (item: Value) => (item.kind === 'number' && Number.isFinite(item.value) && !item.drawn && !item.affine)
    || (item.kind === 'str' && item.value !== undefined);
  return source.items.every(constant) ? [...source.items] : undefined;
}

/** Text, bytes, numbers and the like, or values not known at all: no objects a thread could share. */
function isPlainData(value: Value): boolean {
  return value.kind === 'str' || value.kind === 'number' || value.kind === 'bool' || value.kind === 'none' || value.kind === 'unknown';
}

/**
 * A part of a row a thread owns (`name, series = row` with the row a pool task's own): a part that stands for "this
 * row's item" (`rows[]`, an unknown part or a list each row's call made) is owned with it; a named object is not.
 */
function ownedPart(row: Extract<Value, { kind: 'container' }>, part: Value): Value {
  const owner = row.origin.sharing;
  if (owner !== 'per-instance' && owner !== 'private') return part;
  // A call's `*args` (`fn(self, *args)` in a decorator's wrapper) holds what its caller gave, owned or not.
  if (isVarargs(row)) return part;
  if ((part.kind !== 'container' && part.kind !== 'unknown') || !part.origin || part.origin.sharing !== 'shared' || !part.origin.key.endsWith('[]')) return part;
  return { ...part, origin: { ...part.origin, sharing: owner } } as Value;
}

/** A call of a partial (`partial(ingest, rows, source=name)(more)`): its arguments first, its keywords unless the call names them. */
export function withPartialArgs(partial: Extract<Value, { kind: 'partial' }>, args: CallArgs): CallArgs {
  return {
    positional: [...partial.args.map((value) => ({ value })), ...args.positional],
    keywords: new Map([...[...partial.keywords].map(([name, value]) => [name, { value }] as const), ...args.keywords]),
    hasSplat: args.hasSplat,
  };
}

/** The key prefix of the tuple a function's `*args` parameter is bound to (`va` and the function's id). */
const VARARGS = 'va';

export function isVarargs(value: Extract<Value, { kind: 'container' }>): boolean {
  return value.origin.key.startsWith(VARARGS) && /^\d+$/.test(value.origin.key.slice(VARARGS.length));
}

/** Growth by one item, as read right after the container's name. */
const SINGLE_ITEM_GROWTH = /^\s*\.\s*(append|appendleft|add|insert)\(/;

/** A container of plain data made where it is evaluated (its key names the expression that made it), not a named one. */
function isFreshRow(value: Value): boolean {
  return value.kind === 'container' && /^s\d+@/.test(value.origin.key) && (value.items ?? (value.itemValue ? [value.itemValue] : [])).every(isPlainData);
}

/** The one item value of a tuple or list whose items all look alike. */
function sameItems(items: readonly Value[] | undefined): Value | undefined {
  const first = items?.[0];
  return first && items!.every((item) => item.kind === first.kind) ? first : undefined;
}

function sliceLength(length: number | undefined, given: Array<Value | null>): number | undefined {
  if (length === undefined) {
    // `rows[i:i + BATCH]` of rows the file does not count: a batch is BATCH rows, all but the last.
    if (given[0] && given[1] && given[2] === null) return spanLength(given[1], given[0], 1, Infinity);
    // `buffer[:WINDOW]`, the first batch: WINDOW items (taken once there are that many, as a window usually is).
    const stop = given[1];
    const fromStart = given[0] === null || (given[0]?.kind === 'number' && given[0].value === 0);
    if (fromStart && given[2] === null && stop?.kind === 'number' && stop.value > 0 && !stop.drawn) return stop.value;
    // `readings[-60:]`, the last window: 60 items, the same way.
    const start = given[0];
    return start?.kind === 'number' && start.value < 0 && Number.isFinite(start.value) && !start.drawn && given[1] === null && given[2] === null ? -start.value : undefined;
  }
  const numberOf = (value: Value | null | undefined) => (value === null || value === undefined ? null : value.kind === 'number' ? value.value : undefined);
  const [start, stop, step] = [numberOf(given[0]), numberOf(given[1]), numberOf(given[2])];
  // `values[i * size:(i + 1) * size]` with `i` unknown: `size` items.
  if (given[0] && given[1] && (Number.isNaN(start) || Number.isNaN(stop)) && (step ?? 1) > 0) {
    return spanLength(given[1], given[0], step ?? 1, length);
  }
  if (stop === undefined || step === undefined) return undefined;
  const s = step ?? 1;
  if (s === 0) return undefined;
  // `items[i::2]` with `i` unknown: about a step's share of the items.
  if (start === undefined || Number.isNaN(start)) return stop === null ? Math.ceil(length / Math.abs(s)) : undefined;
  const norm = (v: number) => (v < 0 ? Math.max(0, length + v) : Math.min(v, length));
  if (s > 0) {
    const from = start === null ? 0 : norm(start);
    const to = stop === null ? length : norm(stop);
    return Math.max(0, Math.ceil((to - from) / s));
  }
  const from = start === null ? length - 1 : Math.min(norm(start), length - 1);
  const to = stop === null ? -1 : norm(stop);
  return Math.max(0, Math.ceil((from - to) / -s));
}

function countColons(source: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (source[i] === ':') count++;
  return count;
}

/**
 * `return self._create(token)` (a new Session, which it stores in the table) on one path and `return
 * self._sessions[token]` on the other: an object of that class, and the caller may get one that other threads hold
 * too, so it is named as the shared table's item.
 */
function fetchedOrMade(values: readonly Value[]): Value | undefined {
  const made = values.filter((v): v is Extract<Value, { kind: 'instance' }> => v.kind === 'instance');
  const fetched = values.filter((v) => v.kind !== 'instance');
  if (made.length === 0 || fetched.length === 0 || made.some((v) => v.cls !== made[0].cls)) return undefined;
  const origin = fetched[0].kind === 'unknown' ? fetched[0].origin : undefined;
  if (origin?.sharing !== 'shared' || fetched.some((v) => v.kind !== 'unknown' || v.origin?.key !== origin.key)) return undefined;
  return { ...made[0], origin };
}

/** Two callables bound to the same object (or to none), with the same enclosing frame. */
function sameReceiver(a: Extract<Value, { kind: 'function' }>, b: Extract<Value, { kind: 'function' }>): boolean {
  if (a.closure !== b.closure) return false;
  if (!a.self || !b.self) return !a.self && !b.self;
  return a.self === b.self || ('origin' in a.self && 'origin' in b.self && a.self.origin?.key === b.self.origin?.key);
}

/**
 * One of several callables, when they can stand as one: methods of the one object (`ledger.transfer_locked`,
 * `ledger.transfer`) as a function with alternatives, or one decorator's wrapper around several (`@logged` on
 * `take` and `take_unsafe`: one wrapper, two closures) as the wrapper with `others`.
 */
function eitherFunction(values: ReadonlyArray<Extract<Value, { kind: 'function' }>>): Value | undefined {
  const [first] = values;
  if (!first) return undefined;
  if (values.every((v) => sameReceiver(first, v))) {
    const alternatives = values.flatMap((v) => [v.fn, ...v.alternatives ?? []]).filter((fn, i, all) => fn !== first.fn && all.indexOf(fn) === i);
    return alternatives.length > 0 ? { ...first, alternatives } : first;
  }
  if (!values.every((v) => v.fn === first.fn)) return undefined;
  const others = values.filter((v) => v.closure !== first.closure).flatMap((v) => [v, ...v.others ?? []]);
  return { ...first, others: [...first.others ?? [], ...others] };
}

/**
 * `fills[1]` of `fills = [{} for _ in inboxes]`: each round of the comprehension made an object of its own, so the
 * items at two constant indexes are two objects (`fills[0]` for one thread, `fills[1]` for another share nothing).
 */
function itemMadeAt(list: Extract<Value, { kind: 'container' }>, index: Value): Value | undefined {
  const item = list.itemValue;
  if (index.kind !== 'number' || Number.isNaN(index.value) || index.affine || index.drawn) return undefined;
  if (item?.kind !== 'container' && item?.kind !== 'instance') return undefined;
  const site = item.origin.site;
  if (site?.parent?.type !== 'list_comprehension' || site.parent.children[0] !== site) return undefined;
  // Made there and kept only there, it is the list's: an object's grid (`self.heights[mid]`) is that object's row.
  const owned = list.origin.site === site.parent;
  const key = owned ? `${list.origin.key}[]` : item.origin.key;
  return { ...item, origin: { ...item.origin, key: `${key}#${index.value}`, ...(owned ? { sharing: list.origin.sharing } : {}) } } as Value;
}

interface AssignmentSites {
  readonly sites: ReadonlyArray<{ readonly site: Extract<BindingSite, { kind: 'assign' }>; readonly statement: Syntax }>;
  /** Their statements' starts, in order. */
  readonly starts: readonly number[];
}

interface LoopSites {
  readonly loops: ReadonlyArray<{ readonly site: Extract<BindingSite, { kind: 'assign' }>; readonly start: number; readonly end: number }>;
  /** The loops' body starts, in order. */
  readonly starts: readonly number[];
  readonly positions: readonly number[];
}

/** How many of the sorted `values` are at most `value`. */
function upperBound(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Is there a loop (in their function) around both `a` and `b`, so that `b` also runs before a later round's `a`? */
function inLoopAround(a: Syntax, b: Syntax): boolean {
  for (let at = a.parent; at && at.type !== 'function_definition' && at.type !== 'lambda'; at = at.parent) {
    if ((at.type === 'for_statement' || at.type === 'while_statement') && b.start >= at.start && b.end <= at.end) return true;
  }
  return false;
}

/** The names an assignment's left side binds, through tuples, lists and starred parts. */
export function flattenTargets(node: Syntax | undefined): Syntax[] {
  if (!node) return [];
  const found: Syntax[] = [];
  const pending = [node];
  while (pending.length > 0) {
    const at = pending.pop()!;
    if (['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'expression_list'].includes(at.type)) {
      for (const child of at.children) pending.push(child);
    } else if (at.type === 'list_splat_pattern' || at.type === 'list_splat') {
      if (at.children[0]) pending.push(at.children[0]);
    } else {
      found.push(at);
    }
  }
  return found;
}
