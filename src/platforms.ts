import { consoleModule } from './adapters/console/module.ts';
import { discordModule } from './adapters/discord/module.ts';
import { slackModule } from './adapters/slack/module.ts';
import type { PlatformModule, PlatformTraits } from './core/platform.ts';

/**
 * Every platform the bot can run on, the way commands/index.ts lists commands. Configuration, the
 * bot process and the dispatcher's wording all loop over this list; a new platform is a folder under
 * src/adapters/ and one line here.
 */
export const platformModules = [discordModule, slackModule, consoleModule] as const;

type Module = (typeof platformModules)[number];
type ConfigOf<M> = M extends PlatformModule<infer C> ? C : never;

/** Each platform's settings by id; a platform is absent when it is off. */
export type PlatformConfigs = { [M in Module as M['id']]?: ConfigOf<M> };

/** A platform's traits (what replies call its tenants and admins) by id. */
export function traitsOf(id: string): PlatformTraits | undefined {
  return platformModules.find((m) => m.id === id)?.traits;
}
