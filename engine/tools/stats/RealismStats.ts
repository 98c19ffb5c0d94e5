import type { CanonicalEvent } from '../../model/generated/event.ts';

const DAY = 86_400_000;
/** A prompt this soon after an unanswered or denied one, for the same user, is a retry. */
const RETRY_WINDOW_MS = 10 * 60_000;

/** The realism figures of a log: volume, answers, retries and timing of MFA prompts, per user and day. */
export interface RealismFigures {
  /** Events read. */
  events: number;
  /** Distinct users named by the events. */
  users: number;
  /** First and last event time, UTC epoch ms; null for no events. */
  first: number | null;
  last: number | null;
  /** Whole days the events span (at least 1 when there is any event). */
  days: number;
  userDays: number;
  /** IdP sign-in attempts (`auth.attempt`), and per user-day. */
  signIns: number;
  signInsPerUserDay: number;
  /** Interactive IdP sessions started, and per user-day. */
  sessions: number;
  sessionsPerUserDay: number;
  /** MFA prompts (IdP challenges and Mac login-window requests), and per user-day. */
  prompts: number;
  promptsPerUserDay: number;
  /** Shares of the prompts' answers (of prompts answered or timed out): approved, denied, timeout, fraud, other. */
  answers: { approved: number; denied: number; timeout: number; fraud: number; other: number };
  /** Share of prompts that came within 10 minutes after an unanswered or denied prompt of the same user. */
  retryShare: number;
  /** Share of prompts between 00:00 and 06:00 UTC, and on a Saturday or Sunday (UTC). */
  nightShare: number;
  weekendShare: number;
}

/**
 * Counts the realism figures of any event stream — a simulated world or a real export read through a format's
 * decoder — so a team can set the synthetic organisation beside their own: prompts per user per day, how prompts are
 * answered, how often users retry, how much happens at night and at weekends. Streams: push events one by one.
 *
 * @example
 * const stats = new RealismStats();
 * for await (const e of reader.events()) stats.push(e);
 * stats.figures().promptsPerUserDay // 1.25
 */
export class RealismStats {
  #events = 0;
  readonly #users = new Set<string>();
  #first = Number.POSITIVE_INFINITY;
  #last = Number.NEGATIVE_INFINITY;
  #signIns = 0;
  #sessions = 0;
  #prompts = 0;
  #retries = 0;
  #night = 0;
  #weekend = 0;
  readonly #answers = { approved: 0, denied: 0, timeout: 0, fraud: 0, other: 0 };
  /** Per user: when their last prompt went unanswered or was denied. */
  readonly #lastFailure = new Map<string, number>();

  /** Counts one event. */
  push(event: CanonicalEvent): void {
    this.#events++;
    this.#users.add(event.user);
    if (event.time < this.#first) this.#first = event.time;
    if (event.time > this.#last) this.#last = event.time;
    switch (event.type) {
      case 'auth.attempt':
        this.#signIns++;
        return;
      case 'session.start':
        this.#sessions++;
        return;
      case 'mfa.challenge':
      case 'mac.mfa.request':
        this.#prompt(event);
        return;
      case 'mfa.result':
      case 'mac.mfa.result':
        this.#answer(event);
        return;
    }
  }

  #prompt(event: CanonicalEvent): void {
    this.#prompts++;
    const failed = this.#lastFailure.get(event.user);
    if (failed !== undefined && event.time - failed <= RETRY_WINDOW_MS) this.#retries++;
    const msOfDay = ((event.time % DAY) + DAY) % DAY;
    if (msOfDay < 6 * 3_600_000) this.#night++;
    const weekday = new Date(event.time).getUTCDay();
    if (weekday === 0 || weekday === 6) this.#weekend++;
  }

  #answer(event: CanonicalEvent): void {
    const reason = event.outcome === 'success' ? 'approved' : (event.reason ?? 'other');
    const kind =
      reason === 'approved'
        ? 'approved'
        : reason === 'denied'
          ? 'denied'
          : reason === 'timeout'
            ? 'timeout'
            : reason === 'fraud'
              ? 'fraud'
              : 'other';
    this.#answers[kind]++;
    if (kind === 'approved') this.#lastFailure.delete(event.user);
    else this.#lastFailure.set(event.user, event.time);
  }

  /** The figures so far. */
  figures(): RealismFigures {
    const any = this.#events > 0;
    const days = any ? Math.max(1, Math.ceil((this.#last - this.#first) / DAY)) : 0;
    const userDays = this.#users.size * days;
    const per = (n: number) => (userDays > 0 ? n / userDays : 0);
    const share = (n: number, of: number) => (of > 0 ? n / of : 0);
    const answered = Object.values(this.#answers).reduce((a, b) => a + b, 0);
    return {
      events: this.#events,
      users: this.#users.size,
      first: any ? this.#first : null,
      last: any ? this.#last : null,
      days,
      userDays,
      signIns: this.#signIns,
      signInsPerUserDay: per(this.#signIns),
      sessions: this.#sessions,
      sessionsPerUserDay: per(this.#sessions),
      prompts: this.#prompts,
      promptsPerUserDay: per(this.#prompts),
      answers: {
        approved: share(this.#answers.approved, answered),
        denied: share(this.#answers.denied, answered),
        timeout: share(this.#answers.timeout, answered),
        fraud: share(this.#answers.fraud, answered),
        other: share(this.#answers.other, answered),
      },
      retryShare: share(this.#retries, this.#prompts),
      nightShare: share(this.#night, this.#prompts),
      weekendShare: share(this.#weekend, this.#prompts),
    };
  }
}
