import { Injectable } from '@nestjs/common';
import { CompletionDayRow } from './completion-dashboard.repository';

const MAX_ENTRIES = 2000;

/**
 * The daily completions of a subtree, kept between requests. Summing a quarter of day rows for the
 * whole country reads some 20 000 rows, far more than the figures themselves; yet those rows change
 * only when CompletionRecorderService records a completion, which in the same statement adds to the
 * subtree's completed count and moves its counters' updated_at. So an entry stored with those two
 * is still right for as long as they are unchanged, in this process or any other: no expiry needed.
 */
@Injectable()
export class CompletionTrendCacheService {
  private readonly entries = new Map<string, { version: string; days: CompletionDayRow[] }>();

  get(key: string, version: string): CompletionDayRow[] | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    // Map keeps insertion order: re-inserting makes this the most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.days;
  }

  set(key: string, version: string, days: CompletionDayRow[]): void {
    this.entries.delete(key);
    this.entries.set(key, { version, days });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** The subtree, course and window a trend is for. */
export function trendKey(rootId: string, courseId: string, fromDay: string): string {
  return `${rootId}|${courseId}|${fromDay}`;
}

/** What must be unchanged for a stored trend to be current: the subtree's completions and its counters' last move. */
export function trendVersion(root: { completed: number; countersUpdatedAt: Date | null }): string {
  return `${root.completed}|${root.countersUpdatedAt?.getTime() ?? 0}`;
}
