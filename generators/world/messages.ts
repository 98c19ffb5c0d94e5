import type { AnyActorRef } from 'xstate';
import type { Device, NetworkOrigin } from '../../engine/model/generated/event.ts';
import type { MacIdentity } from '../population/UserIdentity.ts';
import type { VictimResponse } from '../scenario/ResolvedScenario.ts';

/**
 * How the owner of a challenge answered it.
 * @public exported for the declarations of the machines that carry it
 */
export type PushResponse = 'approve' | 'deny' | 'fraud';

/** A sign-in request to the user's IdP account (from a browser, the Mac plug-in or an attacker). */
export interface LoginRequest {
  type: 'LOGIN';
  txn: string;
  app: string;
  origin: NetworkOrigin;
  /** The device asking for access (browser on a Mac, the Mac at its login window, an attacker's machine). */
  device?: Device;
  passwordOk: boolean;
  factor: 'push' | 'desktop_mfa';
  /** Who gets the LOGIN_RESULT. */
  replyTo: AnyActorRef;
  /** Truth label for every record of this transaction (incident id or noise kind). */
  label?: string;
  /** Set when the Mac plug-in asks, for the Mac context on the IdP records. */
  mac?: MacIdentity;
}

/** The answer sent from the phone to the IdP. */
export interface AnswerMessage {
  type: 'ANSWER';
  txn: string;
  response: PushResponse;
  /** With number matching: whether the number entered was right. */
  numberCorrect: boolean;
}

/** Events the IdP account machine accepts. */
export type IdpEvent =
  | LoginRequest
  | AnswerMessage
  | { type: 'CHALLENGE_TIMEOUT'; txn: string }
  | { type: 'ENROLL'; device: Device; origin: NetworkOrigin; label?: string; reset: boolean };

/** A push on its way to the phone. */
export interface PushMessage {
  type: 'PUSH';
  txn: string;
  factor: 'push' | 'push_number' | 'desktop_mfa';
  app: string;
  origin: NetworkOrigin;
  label?: string;
}

/** Events the phone machine accepts. */
export type PhoneEvent = PushMessage | { type: 'OFFLINE' } | { type: 'ONLINE' } | { type: 'REPLACE'; device: Device & { kind: 'phone' } };

/** The result of a sign-in, to whoever asked. */
export interface LoginResult {
  type: 'LOGIN_RESULT';
  txn: string;
  ok: boolean;
  /** approved, denied, timeout, fraud, wrong_number, bad_password, locked_out, rate_limited, muted, skipped. */
  reason: string;
}

/** A prompt shown on the user's phone. */
export interface PromptMessage {
  type: 'PROMPT';
  txn: string;
  factor: 'push' | 'push_number' | 'desktop_mfa';
  app: string;
  origin: NetworkOrigin;
}

/**
 * A "this is IT, accept the prompt to make them stop" message from an attacker.
 * @public exported for the declarations of the machines that carry it
 */
export interface ItMessage {
  type: 'IT_MESSAGE';
  channel: string;
  /** Chance the victim reads the matching number to the caller. */
  numberRelay: number;
}

/** Agenda items a user schedules for themselves each day. */
export type AgendaEvent =
  | { type: 'DAY' }
  | { type: 'ARRIVE' }
  | { type: 'SIGN_IN'; app: string; attempt: number; label?: string }
  | { type: 'BREAK' }
  | { type: 'BACK' }
  | { type: 'LEAVE' }
  | { type: 'SLEEP' }
  | { type: 'TRAVEL_START'; until: number }
  | { type: 'LANDED' }
  | { type: 'NEW_PHONE'; label: string }
  | { type: 'ENROL_FACTOR'; label: string }
  | { type: 'LAB_START' }
  | { type: 'LAB_END' }
  | { type: 'REMOTE'; method: 'ssh' | 'screen_sharing' }
  | { type: 'MAC_RETRY'; attempt: number; lab: boolean }
  | { type: 'MAC_RESTART'; label: string }
  | { type: 'MAC_REENROL'; label: string; prompts: number };

/**
 * From an attacker whose scenario sets how the victim answers: the user answers the prompts they did not ask for by
 * this rule from now on, counting them from 1.
 * @public exported for the declarations of the machines that carry it
 */
export interface ResponseRuleMessage {
  type: 'RESPONSE_RULE';
  rule: VictimResponse;
}

/** Events the user machine accepts. */
export type UserEvent = AgendaEvent | PromptMessage | LoginResult | ItMessage | ResponseRuleMessage;

/** Typing a password at whatever the Mac shows: the login window (with desktop MFA) or the lock screen. */
export interface AuthenticateMessage {
  type: 'AUTHENTICATE';
  txn: string;
  passwordOk: boolean;
  /** Who hears the outcome (LOGIN_RESULT), if anyone. */
  replyTo?: AnyActorRef;
  label?: string;
  /** The Mac's network, reported to the IdP by the plug-in. */
  origin: NetworkOrigin;
}

/** Events the Mac machine accepts. */
export type MacEvent =
  | { type: 'WAKE'; label?: string }
  | { type: 'SLEEP' }
  | { type: 'LOCK' }
  | { type: 'LOGOUT' }
  | { type: 'RESTART'; label?: string }
  | AuthenticateMessage
  | { type: 'REMOTE_LOGIN'; method: 'ssh' | 'screen_sharing'; ip: string; passwordOk: boolean; label?: string }
  | LoginResult;

/**
 * From a victim's user actor to an attacker whose start is anchored to the victim's day: the day just planned, its
 * items' times and kinds (sent when the user plans the day, at their wake-up).
 */
export interface VictimDayMessage {
  type: 'VICTIM_DAY';
  items: Array<{ at: number; type: AgendaEvent['type'] }>;
}

/** Events an attacker machine accepts. */
export type AttackerEvent = LoginResult | { type: 'START' } | VictimDayMessage;
