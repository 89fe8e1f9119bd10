// Sound pre-checks on raw source text, run before a function's body is built: they may say yes when the syntax
// tree would say no, never the reverse, so they only save work. Also the regular-expression helpers they share.

import { GROWING_METHODS } from './library';

/**
 * Might the text assign `<object>.name = value` or `<object>.name: T = value`, also as one of several targets
 * (`self.name, self.other = a, b`)?
 */
export function mayAssign(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
    let next = at + name.length;
    if (next < text.length && isWordChar(text.charCodeAt(next))) continue;
    while (next < text.length && isBlank(text[next])) next++;
    const ch = text[next];
    if ((ch === '=' && text[next + 1] !== '=') || ch === ':') return true;
    if ((ch === ',' || ch === ')' || ch === ']') && assignsLater(text, at, next)) return true;
  }
  return false;
}

/**
 * Whether the statement going on at `from` has an `=` that assigns (a keyword argument's `=` counts too). The
 * brackets opened on the line before `name` (at `start`) keep the statement going over line breaks.
 */
function assignsLater(text: string, start: number, from: number): boolean {
  let depth = 0;
  for (let at = start - 1; at >= 0 && text[at] !== '\n'; at--) {
    if (text[at] === '(' || text[at] === '[') depth++;
    else if (text[at] === ')' || text[at] === ']') depth--;
  }
  for (let at = from; at < text.length && at < from + 2000; at++) {
    const ch = text[at];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === '\n' && depth <= 0 && text[at - 1] !== '\\') return false;
    else if (ch === '=' && text[at + 1] !== '=' && !'=!<>'.includes(text[at - 1])) return true;
  }
  return true;
}

/** Might the text call `name(...)` or `<object>.name(...)`? (A comment may stand before the parenthesis.) */
export function mayCall(text: string, name: string): boolean {
  return someOccurrence(text, name, undefined, (next) => next === '(' || next === '#');
}

/**
 * Might the text pass the word `name` as an argument (`f(name)`, `args=(part, name)`, `out=name`)? A container passed
 * to a function that adds to its parameter grows by another name.
 */
export function mayPassAsArgument(text: string, name: string, words?: WordIndex): boolean {
  return someOccurrence(text, name, words, (next, _after, at) => {
    if (next !== ',' && next !== ')') return false;
    let before = at - 1;
    while (before >= 0 && isBlank(text[before])) before--;
    return text[before] === '(' || text[before] === ',' || (text[before] === '=' && !'=!<>'.includes(text[before - 1] ?? ''));
  });
}

/**
 * Might the text make a `threading.local` (or `_thread._local`)? Every way to reach one names `local` or `_local` as
 * code: called, a class's base, imported (`import local as L`), or bound (`L = threading.local`). So only prose and
 * quoted words are ruled out: the word followed by a quote or by a word that is not a keyword (`local time`).
 */
export function mayMakeThreadLocal(text: string): boolean {
  for (const name of ['local', '_local']) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      if (at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
      let next = at + name.length;
      if (next < text.length && isWordChar(text.charCodeAt(next))) continue;
      // Spaces only: a word at the end of a line is code (`L = threading.local`).
      while (text[next] === ' ' || text[next] === '\t') next++;
      const code = text.charCodeAt(next);
      const quoted = text[next] === "'" || text[next] === '"';
      if (!(quoted || isWordChar(code)) || FOLLOWING_KEYWORDS.some((word) => wordAt(text, next, word))) return true;
    }
  }
  return false;
}

/** Keywords that can follow an expression (`local as L`, `local if threaded else dict`). */
const FOLLOWING_KEYWORDS = ['and', 'as', 'else', 'for', 'if', 'in', 'is', 'not', 'or'];

function wordAt(text: string, at: number, word: string): boolean {
  return text.startsWith(word, at) && !isWordChar(text.charCodeAt(at + word.length));
}

/**
 * Whether some occurrence of the word `name` is followed, past spaces, line breaks and line continuations, by
 * characters that `follows` accepts (the next one and the one after it; `at` is where the word starts).
 */
function someOccurrence(
  text: string, name: string, words: WordIndex | undefined, follows: (next: string, after: string, at: number) => boolean,
): boolean {
  for (const at of candidates(text, name, words)) {
    if (at > 0 && isWordChar(text.charCodeAt(at - 1))) continue;
    let next = at + name.length;
    if (next < text.length && isWordChar(text.charCodeAt(next))) continue;
    while (next < text.length && isBlank(text[next])) next++;
    if (follows(text[next] ?? '', text[next + 1] ?? '', at)) return true;
  }
  return false;
}

/**
 * Might the text add items to the container named `name` (`name.append(`, `name +=`, and with `keyed`, a dict's
 * `name[key] =`)? Sound like the others: it may say yes for another object of the same name, never no for a growth.
 */
export function mayGrow(text: string, name: string, keyed: boolean, asAttribute = false, words?: WordIndex): boolean {
  for (const at of candidates(text, name, words)) {
    // A class attribute grows through `Account.registry.append(...)`; a variable through `registry.append(...)`.
    if (at > 0 && (isWordChar(text.charCodeAt(at - 1)) || (text[at - 1] === '.' && !asAttribute))) continue;
    if (growsAt(text, at, name, keyed) || grownByCall(text, at, name)) return true;
  }
  return false;
}

/**
 * Where `name` may stand in `text`: every place its characters appear, or, given the index of this very text, the
 * places it stands as a whole word (the only ones the callers accept).
 */
function candidates(text: string, name: string, words: WordIndex | undefined): readonly number[] {
  if (words) return words.occurrences(name);
  const found: number[] = [];
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) found.push(at);
  return found;
}

/** Functions that add an item to the list given first: `heapq.heappush(heap, item)`, `bisect.insort(items, x)`. */
const GROWING_FUNCTIONS: ReadonlySet<string> = new Set(['heappush', 'insort', 'insort_left', 'insort_right']);

/** Whether the word `name` at `at` is the first argument of a call of a growing function: `heappush(name, ...)`. */
function grownByCall(text: string, at: number, name: string): boolean {
  // The name itself, not an attribute, item or call result of it (`heappush(self.heap, ...)` grows another object).
  const next = text.charCodeAt(at + name.length);
  if (isWordChar(next) || next === 46 || next === 91 || next === 40) return false;
  let before = at - 1;
  while (before >= 0 && isBlank(text[before])) before--;
  if (text[before] !== '(') return false;
  before--;
  while (before >= 0 && isBlank(text[before])) before--;
  let word = before;
  while (word >= 0 && isWordChar(text.charCodeAt(word))) word--;
  return GROWING_FUNCTIONS.has(text.slice(word + 1, before + 1));
}

/** Whether the occurrence of `name` at `at` (a whole word) adds items to it. */
function growsAt(text: string, at: number, name: string, keyed: boolean): boolean {
  let next = at + name.length;
  if (next < text.length && isWordChar(text.charCodeAt(next))) return false;
  while (next < text.length && isBlank(text[next])) next++;
  const ch = text[next];
  if ((ch === '+' || ch === '|') && text[next + 1] === '=') return true;
  if (ch === '.') {
    let word = next + 1;
    while (word < text.length && isBlank(text[word])) word++;
    let end = word;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    return GROWING_METHODS.has(text.slice(word, end));
  }
  if (!keyed || ch !== '[') return false;
  const end = pastKey(text, next);
  return text[end] === '=' && text[end + 1] !== '=';
}

/** Where the text goes on after the key that opens at `open` (`name[key]`), blanks skipped. */
function pastKey(text: string, open: number): number {
  let depth = 0;
  let end = open;
  // A key is short: an unclosed bracket must not send every occurrence to the end of the text.
  for (const last = Math.min(text.length, open + 1000); end < last; end++) {
    if (text[end] === '[') depth++;
    else if (text[end] === ']' && --depth === 0) break;
  }
  end++;
  while (end < text.length && isBlank(text[end])) end++;
  return end;
}

/**
 * Might the items of `name` grow, as `name[key].append(value)` (or `.add`) grows a `defaultdict(list)`: a word the
 * text has at `name`'s places, read as an attribute's name too.
 */
export function growsByGroup(text: string, name: string, words?: WordIndex): boolean {
  for (const at of candidates(text, name, words)) {
    let next = at + name.length;
    if (next < text.length && isWordChar(text.charCodeAt(next))) continue;
    while (next < text.length && isBlank(text[next])) next++;
    if (text[next] !== '[') continue;
    let word = pastKey(text, next);
    if (text[word] !== '.') continue;
    word++;
    while (word < text.length && isBlank(text[word])) word++;
    let end = word;
    while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    const method = text.slice(word, end);
    if (method === 'append' || method === 'add') return true;
  }
  return false;
}

/**
 * The names `mayGrow` says yes for, in one pass over a long text (a whole module), without and with keyed
 * assignments.
 */
export function grownNames(text: string, spans?: Spans): {
  readonly byMethod: ReadonlySet<string>;
  readonly keyed: ReadonlySet<string>;
  /** Where each name in `byMethod` grows, every place (`name.append(`, `name +=`). */
  readonly sites: ReadonlyMap<string, readonly number[]>;
  /** Where names grow by a keyed assignment only (`name[key] =`). */
  readonly keyedSites: ReadonlyMap<string, readonly number[]>;
} {
  const byMethod = new Set<string>();
  const keyed = new Set<string>();
  const sites = new Map<string, number[]>();
  const keyedSites = new Map<string, number[]>();
  const note = (map: Map<string, number[]>, name: string, at: number) => {
    const found = map.get(name);
    if (found) found.push(at);
    else map.set(name, [at]);
  };
  // `heapq.heappush(frontier, item)`, `bisect.insort(ranks, r)`: the first argument grows.
  for (const match of matchesIn(text, /\b(?:heappush|insort|insort_left|insort_right)[ \t\\\n\r\f]*\([ \t\\\n\r\f]*([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)(?![\w\u0080-\uffff.\[(])/g, spans)) {
    const name = match[1];
    byMethod.add(name);
    keyed.add(name);
    note(sites, name, match.index + match[0].length - name.length);
  }
  for (const match of matchesIn(text, /(?<![\w\u0080-\uffff.])([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)(?![\w\u0080-\uffff])[ \t\\\n\r\f]*(?:\.|\+=|\|=|\[)/g, spans)) {
    const name = match[1];
    const at = match.index;
    if (at > 0 && (isWordChar(text.charCodeAt(at - 1)) || text[at - 1] === '.')) continue;
    if (growsAt(text, at, name, false)) {
      byMethod.add(name);
      note(sites, name, at);
    } else if (growsAt(text, at, name, true)) {
      note(keyedSites, name, at);
    }
    // Growth by method counts for both sets.
    if (byMethod.has(name) || keyedSites.has(name)) keyed.add(name);
  }
  return { byMethod, keyed, sites, keyedSites };
}

function isBlank(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\\' || ch === '\n' || ch === '\r' || ch === '\f';
}

/**
 * The parts of a text that hold code, when the rest is blank (a module part's source: see parts.ts); where spans
 * are optional, none means the whole text. Scans read only these: the blanks would give nothing but take as long
 * as the text they stand for.
 */
export type Spans = ReadonlyArray<readonly [number, number]>;

/** The matches of a global pattern within the spans (each read on its own), or within the whole text. */
export function* matchesIn(text: string, pattern: RegExp, spans?: Spans): Generator<RegExpMatchArray & { index: number }> {
  for (const [start, end] of spans ?? [[0, text.length]]) {
    const read = start === 0 && end === text.length ? text : text.slice(start, end);
    for (const match of read.matchAll(pattern)) {
      match.index = (match.index ?? 0) + start;
      yield match as RegExpMatchArray & { index: number };
    }
  }
}

/** ASCII letters, digits, underscore, and every non-ASCII code unit (Python identifiers may use them). */
export function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code >= 128;
}

/** Words as alternatives of a regular expression, escaped. */
export function alternatives(words: readonly string[]): string {
  return words.map(escapeRegExp).join('|');
}

/** A text matched literally inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Where each word of a text stands: maximal runs of word characters that do not start with a digit, found in one
 * pass the first time anyone asks. Looking a name up here replaces a scan of the whole text per name.
 */
export class WordIndex {
  private byWord: Map<string, number[]> | undefined;

  constructor(private readonly text: string, private readonly spans?: Spans) {}

  /** The offsets, ascending, where `word` stands as a whole word (no word character on either side). */
  occurrences(word: string): readonly number[] {
    if (!this.byWord) {
      this.byWord = new Map();
      for (const [start, end] of this.spans ?? [[0, this.text.length]]) indexWords(this.text, start, end, this.byWord);
    }
    return this.byWord.get(word) ?? NONE;
  }

  /** The occurrences that start within [start, end). */
  within(word: string, start: number, end: number): readonly number[] {
    const all = this.occurrences(word);
    const from = firstAtOrAfter(all, start);
    const to = firstAtOrAfter(all, end);
    return from === 0 && to === all.length ? all : all.slice(from, to);
  }

  /** Whether `word` stands somewhere within [start, end). */
  has(word: string, start: number, end: number): boolean {
    const all = this.occurrences(word);
    const from = firstAtOrAfter(all, start);
    return from < all.length && all[from] < end;
  }
}

const NONE: readonly number[] = [];

/** Adds the words of text[start, stop) to `byWord`. */
function indexWords(text: string, start: number, stop: number, byWord: Map<string, number[]>): void {
  for (let at = start; at < stop;) {
    const code = text.charCodeAt(at);
    if (!isWordChar(code)) {
      at++;
      continue;
    }
    let end = at + 1;
    while (end < stop && isWordChar(text.charCodeAt(end))) end++;
    // A run that starts with a digit is a number (or a number's tail): no name.
    if (code < 48 || code > 57) {
      const word = text.slice(at, end);
      const found = byWord.get(word);
      if (found) found.push(at);
      else byWord.set(word, [at]);
    }
    at = end;
  }
}

/** The index of the first offset at or after `at` in an ascending list. */
function firstAtOrAfter(offsets: readonly number[], at: number): number {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (offsets[middle] < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The offsets where a global regular expression matches a text, to ask whether any match lies in a range. */
export class WordHits {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(text: string, pattern: RegExp, spans?: Spans) {
    for (const match of matchesIn(text, pattern, spans)) {
      this.starts.push(match.index);
      this.ends.push(match.index + match[0].length);
    }
  }

  /** True when a whole match lies within [start, end). */
  within(start: number, end: number): boolean {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.starts[middle] < start) low = middle + 1;
      else high = middle;
    }
    return low < this.starts.length && this.ends[low] <= end;
  }
}
