import { commands } from '../commands/index.ts';
import { type Core, type CoreOptions, createCore } from '../src/app.ts';
import { Dispatcher, type DispatcherOptions } from '../src/core/dispatcher.ts';
import type { Invocation } from '../src/core/invocation.ts';
import { traitsOf } from '../src/platforms.ts';

let shared: Core | undefined;

/** One core (story, engine, router) shared by the tests of a file; building it is the slow part. */
export function core(): Core {
  shared ??= createCore({ commands });
  return shared;
}

/** An invocation as the console would make it, with overrides. */
export function invocation(overrides: Partial<Invocation> = {}): Invocation {
  return {
    platform: 'console',
    source: 'console',
    command: '',
    text: '',
    options: {},
    user: { id: 'u1', isAdmin: false },
    channelId: 'c1',
    ...overrides,
  };
}

/** A core with scheduling on the given store, sharing the tests' engine; platforms are attached to its dispatcher. */
export function schedulingCore(
  schedules: NonNullable<CoreOptions['schedules']>,
  options: Omit<CoreOptions, 'schedules' | 'engine' | 'commands'> = {},
): Core & { scheduler: NonNullable<Core['scheduler']> } {
  const made = createCore({ commands, ...options, engine: core().engine, schedules });
  return made as Core & { scheduler: NonNullable<Core['scheduler']> };
}

/** A dispatcher of its own (its own conversations and rate limit) over the shared core's router unless another is given. */
export function testDispatcher(options: Partial<DispatcherOptions> = {}): Dispatcher {
  return new Dispatcher({ router: core().router, traits: traitsOf, ...options });
}
