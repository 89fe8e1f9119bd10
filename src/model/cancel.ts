// Stopping a long analysis or prediction whose result nobody wants any more (the file changed meanwhile).

/** Asked now and then during a walk or a simulation: true when the caller no longer wants the result. */
export type CancelCheck = () => boolean;

/** Thrown from inside a walk or a simulation once its `CancelCheck` says so; the entry points turn it into a result. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled: the result is no longer wanted');
  }
}
