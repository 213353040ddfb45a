/** What `within` resolves with when time ran out first. */
export const TIMED_OUT: unique symbol = Symbol('timed out');

/**
 * Resolves with the promise's value, or with TIMED_OUT once `ms` pass first; a rejection passes
 * through. The timer is cleared when the promise settles and never keeps the process alive.
 */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  // One promise and one timer, settled by whichever comes first: no race, no extra promise chained.
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms, TIMED_OUT);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Runs a shutdown to its end, then `exit(code)`. If it is still going at `deadlineMs` (something it
 * waits for never settles: a write to a pipe no one reads, a connection that never closes), it is
 * given up on and `exit(1)` is called all the same, after `onOverdue`: a process told to stop always
 * ends, so that its supervisor can start another. A shutdown that fails is told to `onFailed`, then
 * exits 1.
 */
export function finishWithin(
  shutdown: Promise<unknown>,
  deadlineMs: number,
  code: number,
  exit: (code: number) => void,
  onOverdue: () => void = () => {},
  onFailed: (error: unknown) => void = () => {},
): void {
  // Not unref'd: the process is to end by exit(), said why, never by its loop running dry mid-shutdown.
  const timer = setTimeout(() => {
    onOverdue();
    exit(1);
  }, deadlineMs);
  void shutdown.then(
    () => {
      clearTimeout(timer);
      exit(code);
    },
    (error: unknown) => {
      clearTimeout(timer);
      onFailed(error);
      exit(1);
    },
  );
}
