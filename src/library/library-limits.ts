import { VerbatimError } from '../core/errors.js';

export const hourMs = 3_600_000;

export interface LimitCheck {
  /** Articles the server's library holds now. */
  articleCount: number;
  /** Times (ms) of the server's adds within the last hour, oldest first. */
  recentAdds: readonly number[];
  nowMs: number;
  maxArticles: number;
  addsPerHour: number;
}

/** Throws LIBRARY_FULL or RATE_LIMITED (saying when to retry) before anything is fetched. */
export function checkAddLimits({ articleCount, recentAdds, nowMs, maxArticles, addsPerHour }: LimitCheck): void {
  if (articleCount >= maxArticles) {
    throw new VerbatimError(
      'LIBRARY_FULL',
      `This server's library is full (${maxArticles} ${maxArticles === 1 ? 'article' : 'articles'}). Remove an article with /remove first.`,
    );
  }
  if (recentAdds.length >= addsPerHour) {
    // The add that frees a slot is the one that leaves the hour's window first.
    const freedAt = (recentAdds[recentAdds.length - addsPerHour] ?? nowMs) + hourMs;
    const minutes = Math.max(1, Math.ceil((freedAt - nowMs) / 60_000));
    throw new VerbatimError(
      'RATE_LIMITED',
      `This server has added ${addsPerHour} ${addsPerHour === 1 ? 'article' : 'articles'} in the last hour, the most it may. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
    );
  }
}
