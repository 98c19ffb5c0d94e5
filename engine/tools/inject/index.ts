/** Attack injection into real logs: learn a benign log, simulate attacks against its users, merge, redact. */
export { injectIntoLog } from './injectIntoLog.ts';
export type { InjectedLog, InjectOptions } from './injectIntoLog.ts';
export { profileLog, networkOf } from './LogProfile.ts';
export type { LogProfile, UserProfile } from './LogProfile.ts';
export { simulateInjection, INJECTED_ID_PREFIX } from './simulateInjection.ts';
export type { Injection } from './simulateInjection.ts';
export { Redactor } from './Redactor.ts';
