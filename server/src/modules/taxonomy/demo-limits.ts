import type { DemoUnitName } from './demo-units.js';
import type { StageLimit, TimeLimits } from './stages.js';

export const minutes = (amount: number): StageLimit => ({ amount, unit: 'minute' });
export const hours = (amount: number): StageLimit => ({ amount, unit: 'hour' });
export const days = (amount: number): StageLimit => ({ amount, unit: 'day' });

/** What the demo data says about one minor category; the dispose limit is the part that varies. */
export interface MinorSpec {
  unit: DemoUnitName | null;
  dispose: StageLimit;
  filing: string;
  closing: string;
}

/** A minor the city adds under 扩展事件 / 扩展部件: not in CJ/T 214, so it brings its own names. */
export interface LocalMinorSpec extends MinorSpec {
  code: string;
  name: string;
  nameEn: string;
}

// Centre-side steps (受理 … 结案) are timed in minutes; one county system defaults 核实/核查 to
// 30 min (DOMAIN §1.5). 核查 gets 60 because the supervisor has to travel back to the site.
export const routineSteps: Omit<TimeLimits, 'dispose'> = {
  accept: minutes(30),
  verify: minutes(30),
  file: minutes(30),
  dispatch: minutes(30),
  request_check: minutes(30),
  check: minutes(60),
  close: minutes(30),
};

// 突发事件 are usually phoned straight to the hall and a unit is sent at once, so the centre's
// own steps are tighter. These are demo values (no national table exists, DOMAIN §1.5).
export const urgentSteps: Omit<TimeLimits, 'dispose'> = {
  accept: minutes(10),
  verify: minutes(15),
  file: minutes(10),
  dispatch: minutes(10),
  request_check: minutes(10),
  check: minutes(30),
  close: minutes(30),
};
