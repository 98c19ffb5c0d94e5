import { createHash } from 'node:crypto';

/** RFC 9562's URL namespace: a Sigma rule's id is the name-based (v5) UUID of a pushstorm name in it. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/**
 * The name-based UUID (version 5: SHA-1) of `name` in `namespace`, as RFC 9562 defines it — the same text any UUID
 * library gives, and the same for the same name on every run.
 *
 * @example uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8') // '886313e1-3b8a-5372-9b90-0c9aee199e5d'
 */
export function uuidV5(name: string, namespace: string = URL_NAMESPACE): string {
  const digest = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What names one exported rule set: the detector, the log format and the parameter values. */
export interface RuleSetKey {
  detector: string;
  format: string;
  params: Readonly<Record<string, number>>;
}

/** The key as one line of text, parameters in name order so that the order they were given in does not matter. */
const keyText = ({ detector, format, params }: RuleSetKey) =>
  `pushstorm/sigma/${detector}/${format}/${Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join(',')}`;

/** The `id` of one rule of a set (`role` tells the set's rules apart): a UUID that changes with any part of the key. */
export const sigmaRuleId = (key: RuleSetKey, role: string): string => uuidV5(`${keyText(key)}/${role}`);

/**
 * The `name` of one rule of a set, by which correlations refer to it: letters, digits and `_` only, since pySigma
 * parses the names in an extended temporal condition as such identifiers, ending in eight hex digits of the set's
 * key so that two exports of one detector (default and tuned) can sit in one rule collection.
 */
export function sigmaRuleName(key: RuleSetKey, role: string): string {
  const tag = createHash('sha256').update(keyText(key)).digest('hex').slice(0, 8);
  return `${key.detector.replace(/[^A-Za-z0-9]+/g, '_')}_${role}_${tag}`.replace(/^(?=[0-9])/, 'r_');
}
