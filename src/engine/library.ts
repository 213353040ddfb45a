import { ConfigError } from '../config.ts';
import { loadStory, type Story, StoryLoadError, storySlugs } from '../knowledge/load-story.ts';
import { QueryEngine } from './engine.ts';

/**
 * Every story the bot can answer from, each with its own engine (indexes built once, at start), and
 * the default one: channels that chose no story answer from it.
 */
export class StoryLibrary {
  private readonly byslug: ReadonlyMap<string, Story>;
  private readonly engines = new Map<string, QueryEngine>();

  constructor(
    /** Every story, or engines built already (their stories come with them). */
    stories: readonly (Story | QueryEngine)[],
    /** The story of a channel that chose none. */
    readonly defaultSlug: string,
  ) {
    const all = stories.map((s) => (s instanceof QueryEngine ? s.story : s));
    this.byslug = new Map(all.map((story) => [story.slug, story]));
    for (const s of stories) if (s instanceof QueryEngine) this.engines.set(s.story.slug, s);
    if (!this.byslug.has(defaultSlug)) throw new StoryLoadError(`there is no story “${defaultSlug}”`);
    // The default answers the first question at once; another story's indexes are built when first asked.
    this.engine(defaultSlug);
  }

  /** Loads every shipped story (or the given ones), with `defaultSlug` as the default. */
  static load(defaultSlug: string, slugs: readonly string[] = storySlugs()): StoryLibrary {
    const all = slugs.includes(defaultSlug) ? slugs : [defaultSlug, ...slugs];
    return new StoryLibrary(
      all.map((slug) => loadStory(slug)),
      defaultSlug,
    );
  }

  /** The engine of a story; the default's for an unknown or absent slug. */
  engine(slug?: string): QueryEngine {
    const story = (slug ? this.byslug.get(slug) : undefined) ?? (this.byslug.get(this.defaultSlug) as Story);
    let engine = this.engines.get(story.slug);
    if (!engine) {
      engine = new QueryEngine(story);
      this.engines.set(story.slug, engine);
    }
    return engine;
  }

  has(slug: string): boolean {
    return this.byslug.has(slug);
  }

  /** The stories, the default first, then by slug. */
  stories(): Story[] {
    return [...this.byslug.values()].sort((a, b) =>
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
