import { ConfigError } from '../config.ts';
import { loadStory, type Story, StoryLoadError, storySlugs } from '../knowledge/load-story.ts';
import { QueryEngine } from './engine.ts';

/**
 * Every story the bot can answer from, each with its own engine (indexes built once, at start), and
 * the default one: channels that chose no story answer from it.
 */
export class StoryLibrary {
  private readonly engines: ReadonlyMap<string, QueryEngine>;

  constructor(
    engines: readonly QueryEngine[],
    /** The story of a channel that chose none. */
    readonly defaultSlug: string,
  ) {
    this.engines = new Map(engines.map((engine) => [engine.story.slug, engine]));
    if (!this.engines.has(defaultSlug)) throw new StoryLoadError(`there is no story “${defaultSlug}”`);
  }

  /** Loads every shipped story (or the given ones), with `defaultSlug` as the default. */
  static load(defaultSlug: string, slugs: readonly string[] = storySlugs()): StoryLibrary {
    const all = slugs.includes(defaultSlug) ? slugs : [defaultSlug, ...slugs];
    return new StoryLibrary(
      all.map((slug) => new QueryEngine(loadStory(slug))),
      defaultSlug,
    );
  }

  /** The engine of a story; the default's for an unknown or absent slug. */
  engine(slug?: string): QueryEngine {
    return (slug ? this.engines.get(slug) : undefined) ?? (this.engines.get(this.defaultSlug) as QueryEngine);
  }

  has(slug: string): boolean {
    return this.engines.has(slug);
  }

  /** The stories, the default first, then by slug. */
  stories(): Story[] {
    return [...this.engines.values()]
      .map((engine) => engine.story)
      .sort((a, b) =>
        a.slug === this.defaultSlug ? -1 : b.slug === this.defaultSlug ? 1 : a.slug.localeCompare(b.slug),
      );
  }
}

/** The value of `--story <slug>` (the console's and the CLI's story), if given. */
export function storyArgument(argv: readonly string[]): string | undefined {
  const at = argv.indexOf('--story');
  return at >= 0 ? argv[at + 1] : undefined;
}

/** Every story, with the default; an unknown default is a configuration error naming where it was set. */
export function loadLibrary(slug: string, setBy: string): StoryLibrary {
  const slugs = storySlugs();
  if (!slugs.includes(slug))
    throw new ConfigError([`${setBy}: there is no story “${slug}”; the stories are ${slugs.join(', ')}`]);
  return StoryLibrary.load(slug, slugs);
}

export type { Story };
