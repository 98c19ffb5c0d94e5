/**
 * GENERATED from engine/model/schema/alert.schema.json by engine/model/schema/generateTypes.ts — do not edit.
 * Run `npm run gen:types` after changing the schema; a test fails while this file is stale.
 */

/**
 * One alert thread about one entity (user, Mac or source), written as NDJSON: a line when it opens and, if it grew, a line when it closes. Consumers key threads by `id`; `status` and `update` tell the two lines apart.
 */
export interface Alert {
  /**
   * Thread id, stable for the same input and parameters.
   */
  id: string;
  status: 'open' | 'closed';
  /**
   * 1 when the thread opens; the closing line carries the number of times it grew plus one.
   */
  update: number;
  detector: {
    id: string;
    version: string;
    /**
     * True for reimplementations of public rules, kept for comparison.
     */
    baseline: boolean;
    params: {
      [k: string]: number;
    };
    /**
     * Name of the parameter set, when several run in one pass.
     */
    paramSet: string;
  };
  severity: 'low' | 'medium' | 'high' | 'critical';
  title: string;
  attack: {
    technique: string;
    analytic?: string;
  };
  entity: {
    kind: 'user' | 'device' | 'source';
    value: string;
  };
  /**
   * The user, when the entity is a user or the thread concerns one user.
   */
  user?: string;
  /**
   * Users involved (source-keyed detectors).
   */
  users?: string[];
  /**
   * Time of the first evidence event, UTC epoch ms.
   */
  firstTime: number;
  /**
   * Time of the last evidence event.
   */
  lastTime: number;
  /**
   * Event time at which the detector decided (for time to detect).
   */
  alertTime: number;
  /**
   * MFA challenges (pushes) the evidence is about — sent, requested or answered — each counted once however many records it has (a login-window push is logged by the Mac and by the IdP under one transaction).
   */
  challenges: number;
  /**
   * Challenge results among the evidence (approved, denied, timeout, fraud, wrong_number, error, pending), one per push and result.
   */
  outcomes: {
    [k: string]: number;
  };
  sources: {
    ip: string;
    asn?: number;
    asOrg?: string;
    country?: string;
    city?: string;
    proxy?: boolean;
    count: number;
  }[];
  devices: {
    id: string;
    kind: string;
    hostname?: string;
    os?: string;
    osVersion?: string;
    managed?: boolean;
    compliant?: boolean;
  }[];
  apps: string[];
  /**
   * Successful interactive logins of the entity around the thread (IdP session.start, mac.session.start / unlock).
   */
  relatedLogins: {
    id: string;
    time: number;
    type: string;
    ip?: string;
  }[];
  /**
   * Ids of the evidence events (the first 200).
   */
  evidence: string[];
  evidenceTotal: number;
}
