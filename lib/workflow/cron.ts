// Standard five-field cron (minute hour day-of-month month day-of-week), evaluated in UTC.
// Fields take *, numbers, ranges a-b, steps */n and a-b/n, lists, and names (JAN-DEC, SUN-SAT);
// day-of-week 7 is Sunday too. When both day fields are restricted a day matching either one
// fires (classic cron). Macros @hourly, @daily/@midnight, @weekly, @monthly, @yearly/@annually.

export class CronError extends Error {
  constructor(expression: string, reason: string) {
    super(`invalid cron "${expression}": ${reason}`);
    this.name = "CronError";
  }
}

export type CronSchedule = {
  expression: string;
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  daysOfWeek: ReadonlySet<number>;
  /** Both day fields restricted: a day matching either fires. */
  eitherDay: boolean;
};

const MACROS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

type FieldSpec = { min: number; max: number; names?: readonly string[]; nameOffset?: number };

const FIELDS: readonly FieldSpec[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTH_NAMES, nameOffset: 1 },
  { min: 0, max: 7, names: DAY_NAMES, nameOffset: 0 },
];

function parseValue(text: string, spec: FieldSpec, fail: (reason: string) => never): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + (spec.nameOffset ?? 0);
  if (!/^\d+$/.test(text)) fail(`"${text}" is not a number`);
  const value = Number(text);
  if (value < spec.min || value > spec.max) fail(`${value} is outside ${spec.min}-${spec.max}`);
  return value;
}

function parseField(text: string, spec: FieldSpec, fail: (reason: string) => never): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(",")) {
    const [range = "", stepText] = item.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) fail(`bad step in "${item}"`);
    let from = spec.min;
    let to = spec.max;
    if (range !== "*") {
      const [start = "", end] = range.split("-");
      from = parseValue(start, spec, fail);
      // "a/n" means from a to the end of the field, as in Vixie cron.
      to = end !== undefined ? parseValue(end, spec, fail) : stepText !== undefined ? spec.max : from;
      if (to < from) fail(`range "${range}" runs backwards`);
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

export function parseCron(expression: string): CronSchedule {
  const fail = (reason: string): never => {
    throw new CronError(expression, reason);
  };
  const trimmed = expression.trim();
  if (/^(CRON_)?TZ=/i.test(trimmed)) fail("time zones are not supported: schedules are evaluated in UTC");
  const fields = (MACROS[trimmed.toLowerCase()] ?? trimmed).split(/\s+/);
  if (fields.length !== 5) fail("expected five fields: minute hour day-of-month month day-of-week");
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = fields.map((field, index) =>
    parseField(field, FIELDS[index] ?? fail("too many fields"), fail),
  ) as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  if (daysOfWeek.delete(7)) daysOfWeek.add(0);
  const restricted = (field: string | undefined) => field !== undefined && !field.startsWith("*");
  return {
    expression,
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek,
    eitherDay: restricted(fields[2]) && restricted(fields[4]),
  };
}

function dayMatches(schedule: CronSchedule, date: Date): boolean {
  const inMonth = schedule.daysOfMonth.has(date.getUTCDate());
  const inWeek = schedule.daysOfWeek.has(date.getUTCDay());
  return schedule.eitherDay ? inMonth || inWeek : inMonth && inWeek;
}

const MINUTE = 60_000;
/** How far back a slot is looked for: a schedule with no slot in five years never fires. */
const SEARCH_LIMIT_MS = 5 * 366 * 86_400_000;

/**
 * The latest minute at or before `at` that the schedule fires on, or undefined. Walks back a
 * month, a day or an hour at a time past values that cannot match, so a yearly schedule costs a
 * few hundred steps, not half a million minutes.
 */
export function latestSlot(schedule: CronSchedule, at: Date): Date | undefined {
  let time = Math.floor(at.getTime() / MINUTE) * MINUTE;
  const limit = time - SEARCH_LIMIT_MS;
  while (time >= limit) {
    const date = new Date(time);
    const [year, month, day, hour] = [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours()];
    if (!schedule.months.has(month + 1)) time = Date.UTC(year, month, 1) - MINUTE;
    else if (!dayMatches(schedule, date)) time = Date.UTC(year, month, day) - MINUTE;
    else if (!schedule.hours.has(hour)) time = Date.UTC(year, month, day, hour) - MINUTE;
    else if (!schedule.minutes.has(date.getUTCMinutes())) time -= MINUTE;
    else return date;
  }
  return undefined;
}
