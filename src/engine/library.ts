import { ConfigError } from '../config.ts';
import { loadStory, type Story, StoryLoadError, storySlugs } from '../knowledge/load-story.ts';
import { QueryEngine } from './engine.ts';

/**
 * Every story the bot can answer from, each with its own engine (indexes built once, at start), and
 * the default one: channels that chose no story answer from it.
 */
/** How a reload of the story packs went. */
export type ReloadResult = { ok: true; stories: number } | { ok: false; problems: string[] };

export class StoryLibrary {
  private byslug: ReadonlyMap<string, Story>;
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
    // A pack still all drafts has nothing to serve yet.
    const loaded = all
      .map((slug) => loadStory(slug))
      .filter((s) => s.facts.length > 0 || s.slug === defaultSlug);
    return new StoryLibrary(loaded, defaultSlug);
  }

  /**
   * Loads every pack again (new stories, corrected facts), without a restart. A pack that fails to
   * load refuses the whole reload, with its problems, and the stories served so far stay served.
   */
  reload(slugs: readonly string[] = storySlugs()): ReloadResult {
    const loaded: Story[] = [];
    const problems: string[] = [];
    for (const slug of slugs) {
      try {
        const story = loadStory(slug);
        // A pack still all drafts has nothing to serve yet.
        if (story.facts.length > 0 || slug === this.defaultSlug) loaded.push(story);
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
    if (!loaded.some((story) => story.slug === this.defaultSlug))
      problems.push(`the default story “${this.defaultSlug}” is no longer there`);
    if (problems.length > 0) return { ok: false, problems };
    this.byslug = new Map(loaded.map((story) => [story.slug, story]));
    this.engines.clear();
    this.engine(this.defaultSlug);
    return { ok: true, stories: loaded.length };
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
