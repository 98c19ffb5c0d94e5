/**
 * GENERATED from engine/model/schema/truth.schema.json by engine/model/schema/generateTypes.ts — do not edit.
 * Run `npm run gen:types` after changing the schema; a test fails while this file is stale.
 */

/**
 * Ground truth of one simulated run, written beside events.ndjson and never inside it. Detectors never read it; scoring does.
 */
export interface Truth {
  pushstormVersion: string;
  scenario: {
    name: string;
    /**
     * sha256 of the scenario after defaults and overrides, as canonical JSON.
     */
    hash: string;
  };
  seed: number;
  /**
   * Simulation start, UTC epoch ms.
   */
  start: number;
  /**
   * Simulation end, UTC epoch ms.
   */
  end: number;
  users: number;
  days: number;
  incidents: Incident[];
  /**
   * Label per event id: an incident id for attack events, or a noise label (noise:outage, noise:enrolment, noise:travel, noise:fat-finger, noise:retry, noise:shared-mac). Events not listed are ordinary benign activity (label "benign").
   */
  labels: {
    [k: string]: string;
  };
}
/**
 * This interface was referenced by `Truth`'s JSON-Schema
 * via the `definition` "Incident".
 */
export interface Incident {
  id: string;
  /**
   * Attack strategy: burst, low-and-slow, night, spray, login-window, script.
   */
  kind: string;
  /**
   * Name of the scenario attack this incident belongs to; a spray is one campaign with one incident per target.
   */
  campaign: string;
  /**
   * Target user login.
   */
  target: string;
  /**
   * Mac device id, for login-window attacks.
   */
  device?: string;
  /**
   * The target's department, when the population has departments.
   */
  department?: string;
  /**
   * The target's roles (executive, contractor, helpDesk, it, labUser), when they hold any.
   */
  roles?: string[];
  /**
   * For a recurring attack (repeat): each burst's first and last attempt, UTC epoch ms.
   */
  bursts?: {
    start: number;
    end: number;
  }[];
  /**
   * For an attack anchored to the target's own day: the rule (firstSignIn+2m~10m: the moment, the offset, the jitter; during:evening) and the start it gave, UTC epoch ms.
   */
  anchor?: {
    rule: string;
    at: number;
  };
  /**
   * For a scripted attack: each step in the order it ran, its kind and time (UTC epoch ms), and whether it could be done (a login-window step needs the Mac, an enrolment an approval first).
   */
  steps?: {
    kind: 'push' | 'password' | 'loginWindow' | 'contact' | 'enrolFactor';
    at: number;
    done: boolean;
    reason?: string;
  }[];
  /**
   * The victim-response rule the scenario set for this attack (never, deniesAll, approvesAfterContact, approvesAt:N, reportsFraudAt:N); absent when the victim answered by their behaviour profile.
   */
  response?: string;
  /**
   * Attacker source IPs used.
   */
  sources: string[];
  /**
   * First attacker action, UTC epoch ms.
   */
  start: number;
  /**
   * Last attacker action (or compromise follow-up), UTC epoch ms.
   */
  end: number;
  /**
   * Time the victim approved a prompt of this incident, or null.
   */
  compromisedAt: number | null;
  /**
   * MFA challenges the attacker caused for this incident.
   */
  prompts: number;
  /**
   * Time of the 'this is IT' message, if one was sent.
   */
  socialEngineeringAt?: number | null;
  /**
   * Time the attacker enrolled their own factor, if they did.
   */
  factorEnrolledAt?: number | null;
}
