import { Injectable } from '@nestjs/common';

/**
 * The only source of "now" for business rules. Tests replace it with a FixedClock so that deadlines,
 * expiries and chase schedules are exercised without waiting on the wall clock.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

export class FixedClock extends Clock {
  constructor(private current: Date = new Date()) {
    super();
  }
  override now(): Date {
    return new Date(this.current.getTime());
  }
  set(to: Date): void {
    this.current = new Date(to.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
