import { setImmediate as nextTurn, setTimeout as pauseFor } from 'node:timers/promises';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../schema/error-codes.js';

// Bounds on full-text search (issue 12: one request of forty aliased searches, each with the same
// 115 KB query, kept the index busy for about 20 s, so every other search and /ready failed). A
// query's words are each matched with typos and prefixes, so its length and word count bound what
// one search costs; a request's searches run one after another and share one time budget, and after
// each the request pauses as long as the search took, so that it never holds the process more than
// half the time and other requests (which need several turns of the event loop each) go on.

export interface SearchLimits {
  /** Characters in one `query`. */
  maxQueryLength: number;
  /** Words in one `query`, as the index splits them (on spaces and punctuation). */
  maxQueryWords: number;
  /** Time every search of one request may take together, in milliseconds. */
  timeBudgetMs: number;
}

export const SEARCH_LIMIT_DEFAULTS: SearchLimits = { maxQueryLength: 256, maxQueryWords: 10, timeBudgetMs: 1_000 };

/** How MiniSearch splits a text into words (its default tokenizer), so that the count is what it matches. */
const WORD_SEPARATORS = /[\n\r\p{Z}\p{P}]+/u;

/** The query as given, or a BAD_USER_INPUT error naming the argument and the bound it passes. */
export function checkSearchQuery(query: string, limits: SearchLimits): string {
  if (query.length > limits.maxQueryLength) {
    throw badQuery(`"query" must be at most ${limits.maxQueryLength} characters, got ${query.length}`);
  }
  const words = query.split(WORD_SEPARATORS).filter(Boolean).length;
  if (words > limits.maxQueryWords) throw badQuery(`"query" must have at most ${limits.maxQueryWords} words, got ${words}`);
  return query;
}

function badQuery(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput, argumentName: 'query' } });
}

export interface SearchClock {
  /** Milliseconds on a monotonic clock. */
  elapsedMs(): number;
  /** Waits, letting the process serve others. */
  pause(ms: number): Promise<void>;
}

const REAL_CLOCK: SearchClock = { elapsedMs: () => performance.now(), pause: (ms) => pauseFor(ms) };

/** One request's searches: run in turn, each after the process has served others, within one budget. */
export class SearchBudget {
  #spentMs = 0;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly budgetMs: number, private readonly clock: SearchClock = REAL_CLOCK) {}

  run<T>(search: () => T): Promise<T> {
    let tookMs = 0;
    const turn = this.#queue.then(async () => {
      await nextTurn();
      if (this.#spentMs >= this.budgetMs) {
        throw new GraphQLError(`This request's searches took their time budget of ${this.budgetMs} ms; send fewer searches per request`, {
          extensions: { code: ErrorCode.BadUserInput, argumentName: 'query' },
        });
      }
      const started = this.clock.elapsedMs();
      try {
        return search();
      } finally {
        tookMs = this.clock.elapsedMs() - started;
        this.#spentMs += tookMs;
      }
    });
    this.#queue = turn.catch(() => undefined).then(() => this.clock.pause(tookMs));
    return turn;
  }
}
