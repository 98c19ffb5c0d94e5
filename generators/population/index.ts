export { buildPopulation } from './buildPopulation.ts';
export { addressIn, buildIdentity, drawPhone, labMacIdentity, officeOrigin, originAt } from './buildIdentity.ts';
export {
  anonymisingNetworks,
  corporateNetwork,
  placeForCountry,
  placeForZone,
  proxyCountries,
  residentialNetworks,
} from './geo.ts';
export type { Network, Place } from './geo.ts';
export type { AnswerBehaviour, MacIdentity, UserIdentity } from './UserIdentity.ts';
export { localMidnight, localWeekday, zoneOffset } from './zoneOffset.ts';
