import type { Alert } from '../../model/generated/alert.ts';
import type { CanonicalEvent } from '../../model/generated/event.ts';
import type { DetectorDefinition, Finding } from '../DetectorDefinition.ts';
import { threadId } from '../threadRules.ts';

const severityRank: Record<Alert['severity'], number> = { low: 0, medium: 1, high: 2, critical: 3 };

/**
 * One alert thread: the findings a detector made about one key while they kept coming, merged — evidence by id,
 * triage context counted from it.
 */
export class AlertThread {
  /**
   * Fixed when the thread opens, so its opening and closing lines share it: detector, parameter set, entity and the
   * event time the thread opened at — unique, since a key's next thread opens only after this one's last finding.
   */
  readonly id: string;
  readonly firstFindingAt: number;
  lastFindingAt: number;
  /** The runtime's timer that closes the thread a thread gap after its last finding (cancelled by setting `live`). */
  closeTimer: { live: boolean } | undefined = undefined;
  growths = 0;
  private changedSinceOpen = false;
  private severity: Alert['severity'];
  private readonly evidence = new Map<string, CanonicalEvent>();
  private readonly logins = new Map<string, CanonicalEvent>();

  constructor(
    private readonly definition: DetectorDefinition<Record<string, number>, unknown>,
    private readonly params: Record<string, number>,
    private readonly paramSet: string,
    private readonly key: string,
    finding: Finding,
    now: number,
    private readonly maxEvidence: number,
  ) {
    this.firstFindingAt = now;
    this.lastFindingAt = now;
    this.severity = finding.severity ?? definition.severity;
    this.absorb(finding);
    this.id = threadId(definition.id, paramSet, definition.entity, key, now);
  }

  /** Adds a later finding; returns whether it brought anything new. */
  grow(finding: Finding, now: number): boolean {
    this.lastFindingAt = now;
    const before = this.evidence.size + this.logins.size;
    const severityBefore = this.severity;
    if (finding.severity && severityRank[finding.severity] > severityRank[this.severity]) this.severity = finding.severity;
    this.absorb(finding);
    const grew = this.evidence.size + this.logins.size > before || this.severity !== severityBefore;
    if (grew) {
      this.growths++;
      this.changedSinceOpen = true;
    }
    return grew;
  }

  /** Whether the closing line would say anything the opening line did not. */
  get changed(): boolean {
    return this.changedSinceOpen;
  }

  private absorb(finding: Finding): void {
    for (const e of finding.evidence) this.evidence.set(e.id, e);
    for (const e of finding.relatedLogins ?? []) this.logins.set(e.id, e);
  }

  /** The alert as it stands. */
  toAlert(status: Alert['status']): Alert {
    const events = [...this.evidence.values()].sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const outcomes: Record<string, number> = {};
    const sources = new Map<string, Alert['sources'][number]>();
    const devices = new Map<string, Alert['devices'][number]>();
    const apps = new Set<string>();
    const users = new Set<string>();
    // A login-window push is logged by the Mac and by the IdP under one transaction: count pushes, not records.
    const pushes = new Set<string>();
    const answered = new Set<string>();
    for (const e of events) {
      users.add(e.user);
      const push = e.transaction ?? e.challenge?.id ?? e.id;
      const isResult = e.type === 'mfa.result' || e.type === 'mac.mfa.result';
      if ((e.type === 'mfa.challenge' && e.outcome === 'success') || e.type === 'mac.mfa.request' || isResult) pushes.add(push);
      const result = e.challenge?.result;
      if (isResult && result && !answered.has(`${result} ${push}`)) {
        answered.add(`${result} ${push}`);
        outcomes[result] = (outcomes[result] ?? 0) + 1;
      }
      if (e.origin) {
        const s = sources.get(e.origin.ip);
        if (s) s.count++;
        else {
          const { ip, asn, asOrg, country, city, proxy } = e.origin;
          sources.set(ip, { ip, asn, asOrg, country, city, proxy, count: 1 });
        }
      }
      if (e.device && !devices.has(e.device.id)) {
        const { id, kind, hostname, os, osVersion, managed, compliant } = e.device;
        devices.set(id, { id, kind, hostname, os, osVersion, managed, compliant });
      }
      if (e.app) apps.add(e.app);
    }
    const d = this.definition;
    const entity = { kind: d.entity, value: this.key };
    const userList = [...users].sort();
    const alert: Alert = {
      id: this.id,
      status,
      update: status === 'open' ? 1 : this.growths + 1,
      detector: { id: d.id, version: d.version, baseline: d.baseline !== undefined, params: this.params, paramSet: this.paramSet },
      severity: this.severity,
      title: d.title,
      attack: d.attack,
      entity,
      ...(userList.length === 1 ? { user: userList[0] } : {}),
      ...(d.entity !== 'user' ? { users: userList } : {}),
      firstTime: events[0]?.time ?? this.firstFindingAt,
      lastTime: events[events.length - 1]?.time ?? this.lastFindingAt,
      alertTime: status === 'open' ? this.firstFindingAt : this.lastFindingAt,
      challenges: pushes.size,
      outcomes,
      sources: [...sources.values()].sort((a, b) => b.count - a.count || (a.ip < b.ip ? -1 : 1)),
      devices: [...devices.values()],
      apps: [...apps].sort(),
      relatedLogins: [...this.logins.values()]
        .sort((a, b) => a.time - b.time)
        .map((e) => ({ id: e.id, time: e.time, type: e.type, ...(e.origin ? { ip: e.origin.ip } : {}) })),
      evidence: events.slice(0, this.maxEvidence).map((e) => e.id),
      evidenceTotal: events.length,
    };
    return alert;
  }
}
