// From a clone: npx tsx examples/library/simulateDetectScore.ts. From an installed package, import from 'pushstorm'.
import { detect, score, simulate } from '../../engine/index.ts';

const world = await simulate('scenarios/uber-burst.yaml', { users: 200 });
const { alerts, instances } = await detect(world.events, { detectors: ['mfa-without-login', 'denied-burst'] });
const result = score(world.truth, alerts, { events: world.events, instances });
console.log(world.events.length, 'events,', alerts.length, 'alerts');
console.log('recall', result.overall.recall, 'false alerts per 1,000 user-days', result.overall.falseAlertsPer1000UserDays);
