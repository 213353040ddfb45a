import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { finishWithin } from '../../src/core/timeouts.ts';

describe('a shutdown that must end', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('exits with the code asked once the shutdown has finished, and not again later', async () => {
    const exits: number[] = [];
    finishWithin(Promise.resolve(), 5_000, 0, (code) => exits.push(code));
    await vi.advanceTimersByTimeAsync(0);
    expect(exits).toEqual([0]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(exits).toEqual([0]);
  });

  it('gives up on a shutdown that never finishes: says so, then exits 1 at the deadline', async () => {
    const exits: number[] = [];
    const said: string[] = [];
    finishWithin(
      new Promise(() => {}),
      5_000,
      0,
      (code) => exits.push(code),
      () => said.push('overdue'),
    );
    await vi.advanceTimersByTimeAsync(4_999);
    expect(exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(said).toEqual(['overdue']);
    expect(exits).toEqual([1]);
  });

  it('exits 1 when the shutdown fails', async () => {
    const exits: number[] = [];
    finishWithin(Promise.reject(new Error('the database would not close')), 5_000, 0, (code) =>
      exits.push(code),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(exits).toEqual([1]);
  });
});

describe('a shutdown that fails', () => {
  it('is told, with its error, before the process exits 1', async () => {
    vi.useFakeTimers();
    try {
      const told: unknown[] = [];
      const exits: number[] = [];
      const error = new Error('the database would not close');
      finishWithin(
        Promise.reject(error),
        5_000,
        0,
        (code) => exits.push(code),
        undefined,
        (e) => told.push(e),
      );
      await vi.advanceTimersByTimeAsync(0);
      expect(told).toEqual([error]);
      expect(exits).toEqual([1]);
    } finally {
      vi.useRealTimers();
    }
  });
});
