import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Clock } from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { MAX_SECONDS_PER_VISIT } from '@dasv/elearning';

const STAMP = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/;

/**
 * Time on a course page, measured by the server from showing the page to the Next that saves it.
 * The form carries when the page was shown, signed for this learner and this page, so a crafted
 * form can neither claim an earlier start nor reuse another page's; what it says is still capped.
 */
@Injectable()
export class ReadingTimeService {
  private readonly key: Buffer;

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    // A key of its own, derived so that a stamp can never pass for a session signature or vice versa.
    this.key = createHmac('sha256', config.env.SESSION_SECRET).update('dasv:course-page-shown').digest();
  }

  /** Goes in the page's form as it is shown. */
  stamp(userId: string, pageId: string): string {
    const shownAt = this.clock.now().getTime();
    return `${shownAt}.${this.sign(userId, pageId, shownAt)}`;
  }

  /** Whole seconds since the page was shown; 0 for a stamp that is missing, forged, another page's or from the future. */
  secondsSince(stamp: unknown, userId: string, pageId: string): number {
    const match = typeof stamp === 'string' ? STAMP.exec(stamp) : null;
    if (!match) return 0;
    const shownAt = Number(match[1]);
    const expected = Buffer.from(this.sign(userId, pageId, shownAt));
    const given = Buffer.from(match[2]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 0;
    const seconds = Math.floor((this.clock.now().getTime() - shownAt) / 1000);
    // A visit longer than the API accepts counts as the longest it accepts: a tab left open for hours is not time spent learning.
    return Math.min(Math.max(seconds, 0), MAX_SECONDS_PER_VISIT);
  }

  private sign(userId: string, pageId: string, shownAt: number): string {
    return createHmac('sha256', this.key).update(`${userId}:${pageId}:${shownAt}`).digest('base64url');
  }
}
