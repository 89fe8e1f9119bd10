// Numbers as the views write them: durations in ms or s, errors as signed percentages.

/** `12.3 ms`, or `1.23 s` from a second up. */
export function durationText(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

/** A relative error (0.25) as `+25%`. */
export function signedPercent(fraction: number): string {
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(0)}%`;
}
