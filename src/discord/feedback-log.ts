import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface FeedbackEntry {
  question: string;
  verdict: 'up' | 'down';
  sentenceIds: readonly string[];
  userId: string;
  timestamp: string;
}

export interface FeedbackLog {
  record(entry: Omit<FeedbackEntry, 'timestamp'>): Promise<void>;
}

/** Appends one JSON line per 👍/👎 to `file`; appends of a single line do not interleave. */
export function createFeedbackLog({ file, now = () => new Date() }: { file: string; now?: () => Date }): FeedbackLog {
  return {
    async record(entry) {
      const line: FeedbackEntry = { ...entry, timestamp: now().toISOString() };
      await mkdir(dirname(file), { recursive: true });
      await appendFile(file, `${JSON.stringify(line)}\n`, 'utf8');
    },
  };
}
