// Loaded with `node -r` into an app process a test runs (startCompiledApp with `now`): the app's
// injected Clock then says DASV_FIXED_NOW, as FixedClock does for apps a test runs in-process.
// Not exported from the testing library's index: loading it is what changes the clock.
import { Clock } from '@dasv/common';

const fixedNow = process.env.DASV_FIXED_NOW;
if (fixedNow) {
  const at = new Date(fixedNow).getTime();
  if (Number.isNaN(at)) throw new Error(`DASV_FIXED_NOW is not a date: ${fixedNow}`);
  Clock.prototype.now = function now(): Date {
    return new Date(at);
  };
}
