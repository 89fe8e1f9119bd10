// What the GIL will do to a program: each thread's work, the four scenarios' wall times, and the predicted timeline
// of the program as written. Everything here comes from the facts and a profile; nothing is looked up by file.

import type { CancelCheck } from './cancel';
import type { Facts } from './facts';
import type { Value } from './facts/values';
import type { Syntax } from './parse/syntax';
import type { TimelineSegment } from './simulate/engine';
import { runScenarios } from './simulate/scenarios';
import { buildWorkload } from './workload/programs';
import { DEFAULT_PYTHON, type StartMethod, type VersionProfile, profileFor } from './workload/profiles';

export interface PredictOptions {
  /** `3.10` ... `3.14t`; the default profile's version when absent. */
  readonly python?: string;
  readonly cores?: number;
  /** A calibrated profile to use instead of the shipped one. */
  readonly profile?: VersionProfile;
  /** Overrides both the profile's interval and what the file sets. */
  readonly switchIntervalMs?: number;
  /** How long a blocking call the code gives no duration for takes (network, file, subprocess): the profile's 5 ms by default. */
  readonly ioLatencyMs?: number;
  readonly maxSegments?: number;
}

export interface PredictedThread {
  readonly id: number;
  readonly name: string;
  readonly target: string;
  readonly line: number;
  readonly kind: 'cpu' | 'io' | 'mixed';
  readonly cpuMs: number;
  readonly ioMs: number;
  readonly nativeMs: number;
  /** A daemon thread: the program does not wait for it, and its times are what it did before the program ended. */
  readonly daemon?: true;
  /** Not a thread: a child process (`multiprocessing`, a process pool), or an asyncio task on its loop's thread. */
  readonly runsAs?: 'process' | 'task';
}

/**
 * A scenario's wall time; `endless` when a thread was still running at the simulation's horizon: `wallMs` is then the
 * horizon. `cutShort` when the simulation stopped at its budget of events: `wallMs` is where it stopped, a lower bound.
 */
export interface ScenarioWall {
  readonly wallMs: number;
  readonly endless?: true;
  readonly cutShort?: true;
}

export interface Prediction {
  readonly version: 1;
  readonly python: string;
  readonly cores: number;
  readonly switchIntervalMs: number;
  readonly threads: PredictedThread[];
  readonly scenarios: {
    readonly sequential: ScenarioWall;
    readonly threads: ScenarioWall;
    readonly processes: ScenarioWall;
    readonly freeThreaded: ScenarioWall;
  };
  readonly timeline: { readonly scenario: 'threads'; readonly segments: TimelineSegment[]; readonly truncated: boolean };
  readonly assumptions: string[];
}

export const DEFAULT_CORES = 2;

/** `cancelled`, when it says so, stops the simulations by throwing `Cancelled`. */
export function predict(facts: Facts, options: PredictOptions = {}, cancelled?: CancelCheck): Prediction {
  const profile = options.profile ?? profileFor(options.python ?? DEFAULT_PYTHON) ?? profileFor(DEFAULT_PYTHON)!;
  const cores = Math.max(1, Math.floor(options.cores ?? DEFAULT_CORES));
  const fromFile = switchIntervalSet(facts);
  const switchIntervalMs = options.switchIntervalMs ?? fromFile ?? profile.switchIntervalMs;
  const startMethod = startMethodSet(facts);
  const effective: VersionProfile = {
    ...profile, defaultStartMethod: startMethod ?? profile.defaultStartMethod, blockMs: options.ioLatencyMs ?? profile.blockMs,
  };
  const workload = buildWorkload(facts, effective);
  const scenarios = runScenarios(workload, effective, { cores, switchIntervalMs, maxSegments: options.maxSegments, cancelled });
  const assumptions = [...workload.assumptions];
  if (startMethod && facts.starts.some((start) => start.isProcess)) assumptions.push(`processes start by ${startMethod}, as the file sets`);
  if (fromFile !== undefined && options.switchIntervalMs === undefined) {
    assumptions.push(`switch interval ${round(fromFile)} ms, as the file sets with sys.setswitchinterval`);
  }
  if (profile.source.startsWith('not measured')) assumptions.push(`CPython ${profile.python}: ${profile.source}`);
  if (facts.executions.some((e) => e.kind === 'async') && !facts.starts.some((start) => start.isTask)) {
    assumptions.push('no asyncio event loop was found to run the coroutines (asyncio.run, gather, create_task): they are not simulated');
  }
  if (scenarios.threads.endless) assumptions.push('the program did not end in the simulated time: a thread loops without end, or runs longer than that');
  else if (scenarios.threads.cutShort) {
    assumptions.push('the simulation stopped at its budget of events (many threads taking many short turns): the times cover the program up to there');
  } else if (scenarios.threads.unfinished) {
    assumptions.push('the simulation stopped with threads still waiting (a get() nobody answers, or a wake-up the model does not see, such as a timeout or a notify): the times cover the program up to there');
  }
  if (facts.truncated) assumptions.push('the analysis stopped early: the workload is partial');
  const draws = [...facts.evaluator.draws];
  if (draws.length > 0) {
    const shown = draws.slice(0, 3).map(([text, mean]) => `\`${text.length > 40 ? `${text.slice(0, 37)}…` : text}\` as ${Number(mean.toPrecision(3))}`);
    assumptions.push(`random or cycling numbers taken at their mean: ${shown.join(', ')}${draws.length > 3 ? `, and ${draws.length - 3} more` : ''}`);
  }

  const simulated = new Map(scenarios.threads.threads.map((thread) => [thread.id, thread]));
  const threads = workload.threads.map((thread): PredictedThread => {
    // Waits on other threads (a queue, a pipe, a join) have no length in the code: the simulation gives it.
    const run = simulated.get(thread.id);
    // Threads draining one list share its items, a loop runs until another thread says stop: what each did is the
    // simulation's to say.
    // A daemon the program left running did only part of its work (a `while True:` heartbeat, none of its end).
    const bySimulation = run && ((thread.drains && run.finished) || (thread.daemon && !run.finished));
    const ioMs = bySimulation ? run.ioNs / 1e6 : Math.max(thread.ioMs, (run?.ioNs ?? 0) / 1e6);
    const cpuMs = bySimulation ? run.runningNs / 1e6 : thread.cpuMs;
    const nativeMs = bySimulation && thread.daemon ? run.nativeNs / 1e6 : thread.nativeMs;
    return {
      id: thread.id, name: thread.name, target: thread.target, line: thread.line, kind: kindOf(cpuMs, ioMs, nativeMs),
      cpuMs: round(cpuMs), ioMs: round(ioMs), nativeMs: round(nativeMs), ...(thread.daemon ? { daemon: true as const } : {}),
      ...(thread.isProcess ? { runsAs: 'process' as const } : thread.isTask ? { runsAs: 'task' as const } : {}),
    };
  });
  const wall = (result: { wallNs: number; endless: boolean; cutShort: boolean }): ScenarioWall =>
    (result.endless ? { wallMs: round(result.wallNs / 1e6), endless: true }
      : result.cutShort ? { wallMs: round(result.wallNs / 1e6), cutShort: true } : { wallMs: round(result.wallNs / 1e6) });
  return {
    version: 1,
    python: profile.python,
    cores,
    switchIntervalMs: round(switchIntervalMs),
    threads,
    scenarios: {
      sequential: wall(scenarios.sequential),
      threads: wall(scenarios.threads),
      processes: wall(scenarios.processes),
      freeThreaded: wall(scenarios.freeThreaded),
    },
    timeline: {
      scenario: 'threads',
      segments: scenarios.threads.segments.map((s) => ({ ...s, startMs: round(s.startMs), endMs: round(s.endMs) })),
      truncated: scenarios.threads.truncated,
    },
    assumptions,
  };
}

/** CPU-bound when GIL-held work dominates; native work needs a core too but is counted with waits for the GIL. */
function kindOf(cpuMs: number, ioMs: number, nativeMs: number): PredictedThread['kind'] {
  const total = cpuMs + ioMs + nativeMs;
  if (total <= 0) return 'io';
  if (cpuMs / total >= 0.7) return 'cpu';
  if (cpuMs / total <= 0.3) return 'io';
  return 'mixed';
}

/** The interval the file sets with `sys.setswitchinterval(seconds)`, in milliseconds, when it says. */
function switchIntervalSet(facts: Facts): number | undefined {
  const value = moduleLevelArgument(facts, ['sys.setswitchinterval'], 'setswitchinterval');
  return value?.kind === 'number' && value.value > 0 ? value.value * 1000 : undefined;
}

/** The start method the file chooses with `multiprocessing.set_start_method(...)` or `get_context(...)`. */
function startMethodSet(facts: Facts): StartMethod | undefined {
  const value = moduleLevelArgument(facts, ['multiprocessing.set_start_method', 'multiprocessing.get_context'], 'multiprocessing');
  return value?.kind === 'str' && (value.value === 'fork' || value.value === 'spawn' || value.value === 'forkserver') ? value.value : undefined;
}

/** The first argument of the first call to one of `names` in the module's own statements (not in functions). */
function moduleLevelArgument(facts: Facts, names: readonly string[], hint: string): Value | undefined {
  const evaluator = facts.evaluator;
  const source = facts.module.source;
  // Only statements whose text says so are looked into (function bodies are built when read).
  const pending: Syntax[] = facts.module.root.children.filter((node) => source.slice(node.start, node.end).includes(hint)).reverse();
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (NESTED_SCOPES.has(node.type)) continue;
    if (node.type === 'call') {
      const callee = evaluator.evaluate(node.children[0], evaluator.moduleFrame);
      if (callee.kind === 'external' && names.includes(callee.name)) {
        const value = evaluator.callArgs(node, evaluator.moduleFrame).positional[0]?.value;
        if (value) return value;
      }
    }
    for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]);
  }
  return undefined;
}

const NESTED_SCOPES = new Set(['function_definition', 'class_definition', 'decorated_definition', 'lambda']);

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
