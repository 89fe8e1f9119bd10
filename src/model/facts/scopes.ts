// Functions, classes, scopes and bindings of one module, built in a single walk of the syntax tree.
// Python's rules: a name bound anywhere in a function is local to it unless declared `global`/`nonlocal`; class
// bodies do not enclose their methods; comprehensions have their own scope; imports bind qualified names.

import { LineIndex, type Syntax, childOfType } from '../parse/syntax';
import { type Spans, WordIndex } from './text';

export interface ParamInfo {
  readonly name: string;
  readonly kind: 'positional' | 'keyword-only' | 'varargs' | 'kwargs';
  readonly node: Syntax;
  readonly defaultValue: Syntax | undefined;
  /** `pool: ProcessPoolExecutor`: the annotation, a leaf whose text is the type. */
  readonly annotation?: Syntax;
}

export interface FunctionInfo {
  readonly id: number;
  readonly name: string;
  /** `function_definition` or `lambda`. */
  readonly node: Syntax;
  /** The statement that defines it (its `decorated_definition` when decorated). */
  readonly statement: Syntax;
  /** A `block`, or the expression of a lambda. */
  readonly body: Syntax | undefined;
  readonly params: ParamInfo[];
  readonly isAsync: boolean;
  readonly isLambda: boolean;
  /** The class whose body defines it directly (a method). */
  readonly cls: ClassInfo | undefined;
  readonly decorators: string[];
  readonly scope: Scope;
}

export interface ClassInfo {
  readonly id: number;
  readonly name: string;
  readonly node: Syntax;
  readonly bases: Syntax[];
  readonly methods: Map<string, FunctionInfo>;
  readonly scope: Scope;
}

export type BindingSite =
  /** `target = value` (also `for target in iterable` with `iterable` set, and `with value as target`). */
  | {
      readonly kind: 'assign';
      readonly target: Syntax;
      readonly value: Syntax | undefined;
      /** Positions inside nested tuple targets: `a, (b, c) = ...` binds c at [1, 1]. */
      readonly path: number[];
      readonly statement: Syntax;
      readonly iterable?: Syntax;
      readonly withItem?: boolean;
    }
  | { readonly kind: 'augmented'; readonly target: Syntax; readonly statement: Syntax }
  | { readonly kind: 'function'; readonly fn: FunctionInfo }
  | { readonly kind: 'class'; readonly cls: ClassInfo }
  /** `import a.b` binds `a` to "a"; `import a.b as c` binds c to "a.b"; `from a import b` binds b to "a.b". */
  | { readonly kind: 'import'; readonly qualified: string; readonly node: Syntax }
  | { readonly kind: 'param'; readonly param: ParamInfo }
  | { readonly kind: 'other'; readonly node: Syntax };

export interface Binding {
  readonly name: string;
  readonly scope: Scope;
  readonly sites: BindingSite[];
}

export interface Scope {
  readonly kind: 'module' | 'function' | 'class' | 'comprehension';
  readonly node: Syntax;
  readonly parent: Scope | undefined;
  readonly fn: FunctionInfo | undefined;
  readonly cls: ClassInfo | undefined;
  readonly bindings: Map<string, Binding>;
  readonly globals: Set<string>;
  readonly nonlocals: Set<string>;
}

export interface ModuleInfo {
  readonly source: string;
  /** Offsets to lines, built once. */
  readonly lines: LineIndex;
  readonly root: Syntax;
  readonly scope: Scope;
  readonly functions: FunctionInfo[];
  readonly classes: ClassInfo[];
  readonly functionByNode: Map<Syntax, FunctionInfo>;
  readonly classByNode: Map<Syntax, ClassInfo>;
  /** Scopes by the node that opens them (function, lambda, class, comprehension, module). */
  readonly scopeByNode: Map<Syntax, Scope>;
  /** `scopeOf` answers, remembered. */
  readonly scopeOfNode: Map<Syntax, Scope>;
  /** Modules imported with `*`. */
  readonly wildcardImports: string[];
  /**
   * The modules import statements name, wherever they are, by dotted name: `import urllib.request` names
   * `urllib.request`; `from http import server` names `http` and `http.server` (the name may be a module).
   */
  readonly importedModules: Array<{ readonly name: string; readonly node: Syntax }>;
  /** Where each word of the source stands, to find a name's mentions without scanning the whole text. */
  readonly words: WordIndex;
  /** The spans of the source that hold code, for a part of a module (see parts.ts); undefined: all of it. */
  readonly spans: Spans | undefined;
}

const SCOPE_NODES = new Set([
  'function_definition', 'lambda', 'class_definition', 'list_comprehension', 'set_comprehension',
  'dictionary_comprehension', 'generator_expression', 'module',
]);

/** Is the function's first parameter the object (or class) it is called on: a method, not a staticmethod? */
export function takesReceiver(fn: FunctionInfo): boolean {
  return fn.cls !== undefined && !fn.decorators.includes('staticmethod');
}

/** The scope that an expression or statement is evaluated in. */
export function scopeOf(module: ModuleInfo, node: Syntax): Scope {
  const cached = module.scopeOfNode.get(node);
  if (cached) return cached;
  let found = module.scope;
  // Everything inside a block that no nearer scope takes is in the block's scope (a block is never a parameter,
  // the one exception to "a node's scope is its ancestors' "): blocks passed on the way are remembered too, unless
  // a scope on the way is not built yet (the answer may change once it is).
  let blocks: Syntax[] | undefined;
  let unbuilt = false;
  for (let at: Syntax | undefined = node.parent; at; at = at.parent) {
    if (at.type === 'block') {
      const known = module.scopeOfNode.get(at);
      if (known) {
        found = known;
        break;
      }
      (blocks ??= []).push(at);
      continue;
    }
    if (!SCOPE_NODES.has(at.type)) continue;
    // A function's name, parameters' defaults and decorators belong to the enclosing scope; only its body is inside.
    if ((at.type === 'function_definition' || at.type === 'lambda') && !insideBody(at, node)) continue;
    if (at.type === 'class_definition' && !insideBody(at, node)) continue;
    const scope = module.scopeByNode.get(at);
    if (scope) {
      found = scope;
      break;
    }
    unbuilt = true;
  }
  module.scopeOfNode.set(node, found);
  if (!unbuilt) for (const block of blocks ?? []) module.scopeOfNode.set(block, found);
  return found;
}

function insideBody(owner: Syntax, node: Syntax): boolean {
  const body = owner.type === 'lambda' ? owner.children[owner.children.length - 1] : childOfType(owner, 'block');
  if (!body) return false;
  if (owner.type === 'function_definition') {
    // Parameters are bound inside the function even though their defaults are evaluated outside.
    const params = childOfType(owner, 'parameters');
    if (params && node.start >= params.start && node.end <= params.end) return isParamName(node);
  }
  if (owner.type === 'lambda') {
    const params = childOfType(owner, 'lambda_parameters');
    if (params && node.start >= params.start && node.end <= params.end) return isParamName(node);
  }
  return node.start >= body.start && node.end <= body.end;
}

function isParamName(node: Syntax): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'parameters' || parent.type === 'lambda_parameters') return true;
  return parent.children[0] === node && /parameter|splat_pattern/.test(parent.type);
}

/** Finds the binding a name refers to from `scope`, following Python's LEGB rule (classes do not enclose). */
export function resolveName(scope: Scope, name: string, moduleScope: Scope): Binding | undefined {
  if (scope.globals.has(name)) return moduleScope.bindings.get(name);
  if (!scope.nonlocals.has(name)) {
    const own = scope.bindings.get(name);
    if (own) return own;
  }
  for (let at = scope.parent; at; at = at.parent) {
    if (at.kind === 'class') continue;
    if (at.kind === 'module') return at.bindings.get(name);
    if (at.globals.has(name)) return moduleScope.bindings.get(name);
    if (at.nonlocals.has(name)) continue;
    const binding = at.bindings.get(name);
    if (binding) return binding;
  }
  return undefined;
}

/** `lines`: the source's line index, when the caller has one already. */
export function buildModule(root: Syntax, source: string, lines = new LineIndex(source), spans?: Spans): ModuleInfo {
  const builder = new ScopeBuilder(root, source, lines, spans);
  builder.run();
  return builder.module;
}

class ScopeBuilder {
  readonly module: ModuleInfo;
  private nextId = 1;

  constructor(private readonly root: Syntax, private readonly source: string, lines: LineIndex, spans: Spans | undefined) {
    const scope = newScope('module', root, undefined, undefined, undefined);
    this.module = {
      source, lines, root, scope, functions: [], classes: [], functionByNode: new Map(), classByNode: new Map(),
      scopeByNode: new Map([[root, scope]]), scopeOfNode: new Map(), wildcardImports: [], importedModules: [],
      words: new WordIndex(source, spans), spans,
    };
  }

  run(): void {
    this.process(this.root.children.map((child): [Syntax, Scope, undefined] => [child, this.module.scope, undefined]));
  }

  /** The bindings of a function's body, found the first time anything reads the body. */
  processBody(fn: FunctionInfo, body: Syntax): void {
    if (fn.isLambda) this.process([[body, fn.scope, undefined]]);
    else this.process(body.children.map((child): [Syntax, Scope, undefined] => [child, fn.scope, undefined]));
  }

  /** Work items: a node and the scope its contents bind into. */
  private process(items: Array<[Syntax, Scope, ClassInfo | undefined]>): void {
    const pending = [...items].reverse();
    while (pending.length > 0) {
      const [node, scope, ownerClass] = pending.pop()!;
      const children = this.visit(node, scope, ownerClass);
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
    }
  }

  private text(node: Syntax): string {
    return this.source.slice(node.start, node.end);
  }

  /** Records what `node` binds and returns the nodes to visit next with their scopes. */
  private visit(node: Syntax, scope: Scope, ownerClass: ClassInfo | undefined): Array<[Syntax, Scope, ClassInfo | undefined]> {
    const next = (nodes: Syntax[], into: Scope = scope, cls: ClassInfo | undefined = undefined) =>
      nodes.map((child): [Syntax, Scope, ClassInfo | undefined] => [child, into, cls]);
    switch (node.type) {
      case 'decorated_definition': {
        const definition = node.children[node.children.length - 1];
        const decorators = node.children.filter((child) => child.type === 'decorator');
        if (definition?.type === 'function_definition') {
          return [...next(decorators), ...this.defineFunction(definition, node, scope, ownerClass, decorators)];
        }
        if (definition?.type === 'class_definition') return [...next(decorators), ...this.defineClass(definition, scope)];
        return next(node.children);
      }
      case 'function_definition':
        return this.defineFunction(node, node, scope, ownerClass, []);
      case 'class_definition':
        return this.defineClass(node, scope);
      case 'lambda': {
        const fn = this.newFunction(node, node, scope, undefined, [], true);
        const params = childOfType(node, 'lambda_parameters');
        const defaults = params ? fn.params.flatMap((p) => (p.defaultValue ? [p.defaultValue] : [])) : [];
        return next(defaults);
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression': {
        const inner = newScope('comprehension', node, scope, scope.fn, undefined);
        this.module.scopeByNode.set(node, inner);
        const visits: Array<[Syntax, Scope, ClassInfo | undefined]> = [];
        let firstIterable = true;
        for (const child of node.children) {
          if (child.type === 'for_in_clause') {
            const [left, ...rights] = child.children;
            if (left) this.bindTarget(left, inner, { value: undefined, iterable: rights[0], statement: child });
            // The first iterable is evaluated in the enclosing scope.
            visits.push(...rights.map((r): [Syntax, Scope, undefined] => [r, firstIterable ? scope : inner, undefined]));
            firstIterable = false;
          } else {
            visits.push([child, inner, undefined]);
          }
        }
        return visits;
      }
      case 'global_statement':
        for (const child of node.children) if (child.type === 'identifier') scope.globals.add(this.text(child));
        return [];
      case 'nonlocal_statement':
        for (const child of node.children) if (child.type === 'identifier') scope.nonlocals.add(this.text(child));
        return [];
      case 'import_statement':
        for (const child of node.children) {
          const dotted = child.type === 'aliased_import' ? child.children[0] : child;
          if (dotted?.type === 'dotted_name') this.module.importedModules.push({ name: this.text(dotted).replace(/\s+/g, ''), node });
          this.bindImport(child, scope, undefined);
        }
        return [];
      case 'import_from_statement': {
        const [moduleName, ...names] = node.children;
        const from = moduleName ? this.text(moduleName).replace(/\s+/g, '') : '';
        // A relative import (`from . import x`) names a module of the program, not of the standard library.
        if (moduleName?.type === 'dotted_name') {
          this.module.importedModules.push({ name: from, node });
          for (const child of names) {
            const dotted = child.type === 'aliased_import' ? child.children[0] : child;
            if (dotted?.type === 'dotted_name') this.module.importedModules.push({ name: `${from}.${this.text(dotted).replace(/\s+/g, '')}`, node });
          }
        }
        for (const child of names) {
          if (child.type === 'wildcard_import') this.module.wildcardImports.push(from);
          else this.bindImport(child, scope, from);
        }
        return [];
      }
      case 'assignment': {
        const { left, right } = assignmentParts(node);
        // `WIDTH = HEIGHT = 400`: each target gets the last value.
        let value = right;
        while (value?.type === 'assignment') value = assignmentParts(value).right;
        if (left) this.bindTarget(left, scope, { value, statement: node });
        return next(right ? [...(left ? [left] : []), right] : left ? [left] : []);
      }
      case 'augmented_assignment': {
        const [left, right] = node.children;
        if (left?.type === 'identifier') this.addSite(scope, this.text(left), { kind: 'augmented', target: left, statement: node });
        return next(node.children.filter((c) => c !== undefined && c !== right).concat(right ? [right] : []));
      }
      case 'for_statement': {
        const [left, right] = node.children;
        if (left && right) this.bindTarget(left, scope, { value: undefined, iterable: right, statement: node });
        return next(node.children);
      }
      case 'with_item': {
        const value = node.children[0];
        if (value?.type === 'as_pattern') {
          const expression = value.children[0];
          const name = asTarget(value);
          if (name && expression) this.bindTarget(name, scope, { value: expression, statement: node, withItem: true });
          return next(expression ? [expression] : []);
        }
        return next(node.children);
      }
      case 'except_clause': {
        for (const child of node.children) {
          if (child.type === 'as_pattern') {
            const name = asTarget(child);
            if (name?.type === 'identifier') this.addSite(scope, this.text(name), { kind: 'other', node: name });
          }
        }
        return next(node.children);
      }
      case 'named_expression': {
        const [name, value] = node.children;
        // Walrus targets bind in the nearest enclosing non-comprehension scope.
        let target: Scope = scope;
        while (target.kind === 'comprehension' && target.parent) target = target.parent;
        if (name?.type === 'identifier') {
          this.addSite(target, this.text(name), { kind: 'assign', target: name, value, path: [], statement: node });
        }
        return next(value ? [value] : []);
      }
      default:
        // Compound statements in a class body (if/try) can still define methods.
        return next(node.children, scope, ownerClass);
    }
  }

  private defineFunction(
    node: Syntax, statement: Syntax, scope: Scope, ownerClass: ClassInfo | undefined, decorators: Syntax[],
  ): Array<[Syntax, Scope, ClassInfo | undefined]> {
    const fn = this.newFunction(node, statement, scope, ownerClass, decorators, false);
    this.addSite(scope, fn.name, { kind: 'function', fn });
    if (ownerClass && !ownerClass.methods.has(fn.name)) ownerClass.methods.set(fn.name, fn);
    else if (ownerClass) ownerClass.methods.set(fn.name, fn); // a later definition wins, as in Python
    // Defaults are evaluated where the function is defined; the body waits until something reads it.
    const defaults = fn.params.flatMap((p) => (p.defaultValue ? [p.defaultValue] : []));
    return defaults.map((d): [Syntax, Scope, undefined] => [d, scope, undefined]);
  }

  private newFunction(
    node: Syntax, statement: Syntax, scope: Scope, ownerClass: ClassInfo | undefined, decorators: Syntax[], isLambda: boolean,
  ): FunctionInfo {
    const nameNode = isLambda ? undefined : childOfType(node, 'identifier');
    const body = isLambda ? node.children[node.children.length - 1] : childOfType(node, 'block');
    const paramsNode = childOfType(node, isLambda ? 'lambda_parameters' : 'parameters');
    const fnScope = newScope('function', node, scope, undefined, undefined);
    const fn: FunctionInfo = new LazyFunction(
      {
        id: this.nextId++,
        name: nameNode ? this.text(nameNode) : '<lambda>',
        node,
        statement,
        params: paramsNode ? this.params(paramsNode) : [],
        isAsync: !isLambda && this.source.startsWith('async', node.start),
        isLambda,
        cls: ownerClass,
        decorators: decorators.map((d) => this.text(d).replace(/^@\s*/, '')),
        scope: fnScope,
      },
      isLambda && body?.type === 'lambda_parameters' ? undefined : body,
      this,
    );
    (fnScope as { fn: FunctionInfo | undefined }).fn = fn;
    for (const param of fn.params) this.addSite(fnScope, param.name, { kind: 'param', param });
    this.module.functions.push(fn);
    this.module.functionByNode.set(node, fn);
    this.module.scopeByNode.set(node, fnScope);
    return fn;
  }

  private params(node: Syntax): ParamInfo[] {
    const params: ParamInfo[] = [];
    let keywordOnly = false;
    for (const child of node.children) {
      let nameNode: Syntax | undefined;
      let defaultValue: Syntax | undefined;
      let kind: ParamInfo['kind'] = keywordOnly ? 'keyword-only' : 'positional';
      switch (child.type) {
        case 'identifier':
          nameNode = child;
          break;
        case 'default_parameter':
          nameNode = child.children[0];
          defaultValue = child.children[1];
          break;
        case 'typed_parameter':
          nameNode = child.children[0];
          break;
        case 'typed_default_parameter':
          nameNode = child.children[0];
          defaultValue = child.children[child.children.length - 1];
          break;
        case 'list_splat_pattern':
          nameNode = child.children[0];
          kind = 'varargs';
          keywordOnly = true;
          break;
        case 'dictionary_splat_pattern':
          nameNode = child.children[0];
          kind = 'kwargs';
          break;
        case 'keyword_separator':
          keywordOnly = true;
          continue;
        default:
          continue;
      }
      if (nameNode?.type === 'list_splat_pattern') {
        kind = 'varargs';
        keywordOnly = true;
        nameNode = nameNode.children[0];
      } else if (nameNode?.type === 'dictionary_splat_pattern') {
        kind = 'kwargs';
        nameNode = nameNode.children[0];
      }
      if (nameNode?.type !== 'identifier') continue;
      const annotation = child.type === 'typed_parameter' || child.type === 'typed_default_parameter'
        ? child.children.find((part) => part.type === 'type') : undefined;
      params.push({ name: this.text(nameNode), kind, node: child, defaultValue, annotation });
    }
    return params;
  }

  private defineClass(node: Syntax, scope: Scope): Array<[Syntax, Scope, ClassInfo | undefined]> {
    const nameNode = childOfType(node, 'identifier');
    const superclasses = childOfType(node, 'argument_list');
    const body = childOfType(node, 'block');
    const classScope = newScope('class', node, scope, scope.fn, undefined);
    const cls: ClassInfo = {
      id: this.nextId++,
      name: nameNode ? this.text(nameNode) : '<class>',
      node,
      bases: superclasses ? superclasses.children.filter((c) => c.type !== 'keyword_argument') : [],
      methods: new Map(),
      scope: classScope,
    };
    (classScope as { cls: ClassInfo | undefined }).cls = cls;
    this.module.classes.push(cls);
    this.module.classByNode.set(node, cls);
    this.module.scopeByNode.set(node, classScope);
    this.addSite(scope, cls.name, { kind: 'class', cls });
    const visits: Array<[Syntax, Scope, ClassInfo | undefined]> = superclasses ? [[superclasses, scope, undefined]] : [];
    if (body) for (const child of body.children) visits.push([child, classScope, cls]);
    return visits;
  }

  /** Where a binding made in `scope` lands: `global` and `nonlocal` declarations send it outwards. */
  private bindingScope(scope: Scope, name: string): Scope {
    if (scope.globals.has(name)) return this.module.scope;
    if (!scope.nonlocals.has(name)) return scope;
    for (let at = scope.parent; at; at = at.parent) {
      if (at.kind === 'class' || at.kind === 'module') continue;
      if (at.bindings.has(name) && !at.nonlocals.has(name)) return at;
    }
    return scope;
  }

  private bindImport(node: Syntax, scope: Scope, from: string | undefined): void {
    if (node.type === 'dotted_name') {
      const dotted = this.text(node).replace(/\s+/g, '');
      if (from === undefined) {
        const first = dotted.split('.')[0];
        this.addSite(scope, first, { kind: 'import', qualified: first, node });
      } else {
        const name = dotted.split('.').pop()!;
        this.addSite(scope, name, { kind: 'import', qualified: joinModule(from, dotted), node });
      }
    } else if (node.type === 'aliased_import') {
      const [dotted, alias] = node.children;
      if (!dotted || alias?.type !== 'identifier') return;
      const name = this.text(dotted).replace(/\s+/g, '');
      const qualified = from === undefined ? name : joinModule(from, name);
      this.addSite(scope, this.text(alias), { kind: 'import', qualified, node });
    }
  }

  private bindTarget(
    target: Syntax, scope: Scope, how: { value: Syntax | undefined; statement: Syntax; iterable?: Syntax; withItem?: boolean },
  ): void {
    const pending: Array<[Syntax, number[]]> = [[target, []]];
    while (pending.length > 0) {
      const [node, path] = pending.pop()!;
      switch (node.type) {
        case 'identifier':
          this.addSite(scope, this.text(node), {
            kind: 'assign', target: node, value: how.value, path, statement: how.statement, iterable: how.iterable,
            withItem: how.withItem,
          });
          break;
        case 'pattern_list':
        case 'tuple_pattern':
        case 'list_pattern':
        case 'tuple':
        case 'list':
        case 'expression_list':
          node.children.forEach((child, i) => pending.push([child, [...path, i]]));
          break;
        case 'parenthesized_expression':
          if (node.children[0]) pending.push([node.children[0], path]);
          break;
        case 'list_splat_pattern':
        case 'list_splat':
          if (node.children[0]) pending.push([node.children[0], [...path, -1]]);
          break;
        default:
          // Attribute and subscript targets bind no name.
          break;
      }
    }
  }

  private addSite(declaredIn: Scope, name: string, site: BindingSite): void {
    const scope = this.bindingScope(declaredIn, name);
    let binding = scope.bindings.get(name);
    if (!binding) {
      binding = { name, scope, sites: [] };
      scope.bindings.set(name, binding);
    }
    binding.sites.push(site);
  }
}

/**
 * A function whose body's bindings (and the functions and classes it defines) are found on the first read of
 * `body`: most functions of a large file are never looked into.
 */
class LazyFunction implements FunctionInfo {
  readonly id: number;
  readonly name: string;
  readonly node: Syntax;
  readonly statement: Syntax;
  readonly params: ParamInfo[];
  readonly isAsync: boolean;
  readonly isLambda: boolean;
  readonly cls: ClassInfo | undefined;
  readonly decorators: string[];
  readonly scope: Scope;
  private builder: ScopeBuilder | undefined;

  constructor(fields: Omit<FunctionInfo, 'body'>, private readonly rawBody: Syntax | undefined, builder: ScopeBuilder) {
    ({
      id: this.id, name: this.name, node: this.node, statement: this.statement, params: this.params, isAsync: this.isAsync,
      isLambda: this.isLambda, cls: this.cls, decorators: this.decorators, scope: this.scope,
    } = fields);
    this.builder = builder;
  }

  get body(): Syntax | undefined {
    const builder = this.builder;
    if (builder) {
      this.builder = undefined;
      if (this.rawBody) builder.processBody(this, this.rawBody);
    }
    return this.rawBody;
  }
}

function joinModule(from: string, name: string): string {
  // Relative imports (`from . import x`) refer to this package: keep the name as it is written.
  return from.startsWith('.') ? name : `${from}.${name}`;
}

function newScope(
  kind: Scope['kind'], node: Syntax, parent: Scope | undefined, fn: FunctionInfo | undefined, cls: ClassInfo | undefined,
): Scope {
  return { kind, node, parent, fn, cls, bindings: new Map(), globals: new Set(), nonlocals: new Set() };
}

/** The parts of an `assignment` node: `left [: type] [= right]`. */
export function assignmentParts(node: Syntax): { left: Syntax | undefined; right: Syntax | undefined; annotation: Syntax | undefined } {
  const [left, ...rest] = node.children;
  const annotation = rest.find((child) => child.type === 'type');
  const right = rest.filter((child) => child.type !== 'type').pop();
  return { left, right, annotation };
}

/** The name or place `with ... as <target>` (or `except ... as <target>`) binds. */
export function asTarget(pattern: Syntax): Syntax | undefined {
  const target = pattern.children[1];
  return target?.type === 'as_pattern_target' ? target.children[0] : target;
}
