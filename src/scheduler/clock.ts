/** Time as the scheduler sees it, so tests can drive it without waiting. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  setInterval(fn: () => void, ms: number): { cancel(): void };
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  setInterval(fn, ms) {
    const handle = setInterval(fn, ms);
    handle.unref();
    return { cancel: () => clearInterval(handle) };
  },
};
