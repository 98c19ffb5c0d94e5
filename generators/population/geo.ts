/**
 * Small, fixed geography tables: office cities per time zone, residential ISPs per country and anonymising egress
 * networks. Real AS numbers and organisations; IP blocks are illustrative (documentation-like allocations are avoided
 * only where a realistic first octet helps a reader).
 */

/** A place with coordinates. */
export interface Place {
  city: string;
  country: string;
  lat: number;
  lon: number;
}

/** An autonomous system egress. */
export interface Network {
  asn: number;
  asOrg: string;
  /** First two octets of the block addresses are drawn from. */
  prefix: [number, number];
}

const places: Record<string, Place> = {
  'America/New_York': { city: 'New York', country: 'US', lat: 40.7128, lon: -74.006 },
  'America/Chicago': { city: 'Chicago', country: 'US', lat: 41.8781, lon: -87.6298 },
  'America/Denver': { city: 'Denver', country: 'US', lat: 39.7392, lon: -104.9903 },
  'America/Los_Angeles': { city: 'San Francisco', country: 'US', lat: 37.7749, lon: -122.4194 },
  'America/Sao_Paulo': { city: 'São Paulo', country: 'BR', lat: -23.5505, lon: -46.6333 },
  'Europe/London': { city: 'London', country: 'GB', lat: 51.5074, lon: -0.1278 },
  'Europe/Paris': { city: 'Paris', country: 'FR', lat: 48.8566, lon: 2.3522 },
  'Europe/Berlin': { city: 'Berlin', country: 'DE', lat: 52.52, lon: 13.405 },
  'Europe/Madrid': { city: 'Madrid', country: 'ES', lat: 40.4168, lon: -3.7038 },
  'Europe/Warsaw': { city: 'Warsaw', country: 'PL', lat: 52.2297, lon: 21.0122 },
  'Asia/Kolkata': { city: 'Bengaluru', country: 'IN', lat: 12.9716, lon: 77.5946 },
  'Asia/Singapore': { city: 'Singapore', country: 'SG', lat: 1.3521, lon: 103.8198 },
  'Asia/Tokyo': { city: 'Tokyo', country: 'JP', lat: 35.6762, lon: 139.6503 },
  'Australia/Sydney': { city: 'Sydney', country: 'AU', lat: -33.8688, lon: 151.2093 },
};

const countryPlaces: Record<string, Place> = {
  US: places['America/New_York'],
  BR: places['America/Sao_Paulo'],
  GB: places['Europe/London'],
  FR: places['Europe/Paris'],
  DE: places['Europe/Berlin'],
  ES: { city: 'Barcelona', country: 'ES', lat: 41.3874, lon: 2.1686 },
  PL: places['Europe/Warsaw'],
  NL: { city: 'Amsterdam', country: 'NL', lat: 52.3676, lon: 4.9041 },
  IN: places['Asia/Kolkata'],
  SG: places['Asia/Singapore'],
  JP: places['Asia/Tokyo'],
  AU: places['Australia/Sydney'],
  RU: { city: 'Moscow', country: 'RU', lat: 55.7558, lon: 37.6173 },
  RO: { city: 'Bucharest', country: 'RO', lat: 44.4268, lon: 26.1025 },
  NG: { city: 'Lagos', country: 'NG', lat: 6.5244, lon: 3.3792 },
  VN: { city: 'Ho Chi Minh City', country: 'VN', lat: 10.8231, lon: 106.6297 },
  CA: { city: 'Toronto', country: 'CA', lat: 43.6532, lon: -79.3832 },
};

const residential: Record<string, Network[]> = {
  US: [
    { asn: 7922, asOrg: 'Comcast Cable Communications, LLC', prefix: [73, 12] },
    { asn: 7018, asOrg: 'AT&T Services, Inc.', prefix: [99, 35] },
    { asn: 701, asOrg: 'Verizon Business', prefix: [71, 185] },
    { asn: 20115, asOrg: 'Charter Communications', prefix: [97, 84] },
  ],
  GB: [
    { asn: 2856, asOrg: 'British Telecommunications PLC', prefix: [86, 128] },
    { asn: 5089, asOrg: 'Virgin Media Limited', prefix: [82, 36] },
  ],
  DE: [{ asn: 3320, asOrg: 'Deutsche Telekom AG', prefix: [91, 34] }],
  FR: [{ asn: 3215, asOrg: 'Orange S.A.', prefix: [90, 12] }],
  ES: [{ asn: 3352, asOrg: 'Telefonica de Espana S.A.U.', prefix: [83, 45] }],
  PL: [{ asn: 5617, asOrg: 'Orange Polska Spolka Akcyjna', prefix: [83, 29] }],
  BR: [{ asn: 28573, asOrg: 'Claro NXT Telecomunicacoes Ltda', prefix: [177, 96] }],
  IN: [{ asn: 24560, asOrg: 'Bharti Airtel Ltd.', prefix: [122, 161] }],
  SG: [{ asn: 9506, asOrg: 'Singtel Fibre Broadband', prefix: [116, 15] }],
  JP: [{ asn: 2516, asOrg: 'KDDI CORPORATION', prefix: [106, 154] }],
  AU: [{ asn: 1221, asOrg: 'Telstra Limited', prefix: [120, 148] }],
  NL: [{ asn: 1136, asOrg: 'KPN B.V.', prefix: [77, 160] }],
  CA: [{ asn: 812, asOrg: 'Rogers Communications Canada Inc.', prefix: [99, 224] }],
  RU: [{ asn: 12389, asOrg: 'PJSC Rostelecom', prefix: [95, 24] }],
  RO: [{ asn: 8708, asOrg: 'RCS & RDS SA', prefix: [86, 120] }],
  NG: [{ asn: 29465, asOrg: 'MTN NIGERIA Communication limited', prefix: [102, 89] }],
  VN: [{ asn: 7552, asOrg: 'Viettel Group', prefix: [27, 72] }],
};

const anonymising: Record<'vpn' | 'hosting' | 'tor', Network[]> = {
  vpn: [
    { asn: 9009, asOrg: 'M247 Europe SRL', prefix: [146, 70] },
    { asn: 60068, asOrg: 'Datacamp Limited', prefix: [185, 153] },
    { asn: 212238, asOrg: 'Datacamp Limited', prefix: [89, 187] },
  ],
  hosting: [
    { asn: 14061, asOrg: 'DigitalOcean, LLC', prefix: [159, 203] },
    { asn: 16276, asOrg: 'OVH SAS', prefix: [51, 75] },
    { asn: 24940, asOrg: 'Hetzner Online GmbH', prefix: [95, 217] },
    { asn: 16509, asOrg: 'Amazon.com, Inc.', prefix: [3, 88] },
  ],
  tor: [
    { asn: 60729, asOrg: 'Stiftung Erneuerbare Freiheit', prefix: [185, 220] },
    { asn: 53667, asOrg: 'FranTech Solutions', prefix: [209, 141] },
  ],
};

const corporate: Network = { asn: 64512, asOrg: 'Corporate WAN', prefix: [198, 18] };

/** Office location for a time zone (falls back to the first table entry's shape with the zone's city name). */
export function placeForZone(zone: string): Place {
  return places[zone] ?? { city: zone.split('/').pop()!.replace(/_/g, ' '), country: 'US', lat: 0, lon: 0 };
}

/** A representative place in a country (ISO alpha-2). */
export function placeForCountry(country: string): Place {
  return countryPlaces[country] ?? { city: 'Unknown', country, lat: 0, lon: 0 };
}

/** Residential ISPs of a country (US ISPs when the country is not in the table). */
export function residentialNetworks(country: string): Network[] {
  return residential[country] ?? residential.US;
}

/** Networks of an anonymising egress kind. */
export function anonymisingNetworks(kind: 'vpn' | 'hosting' | 'tor'): Network[] {
  return anonymising[kind];
}

/** The company's own egress network (offices, corporate VPN). */
export function corporateNetwork(): Network {
  return corporate;
}

/** Countries attackers' residential proxies commonly exit from. */
export const proxyCountries = ['US', 'BR', 'IN', 'VN', 'NG', 'RO', 'RU', 'PL', 'CA', 'GB'];

/** Where an autonomous system of pushstorm's tables egresses: its network, and its country for a residential ISP. */
export interface KnownNetwork {
  network: Network;
  kind: 'residential' | 'vpn' | 'hosting' | 'tor';
  country?: string;
}

/** The network of `asn` in pushstorm's tables (residential ISPs by country, VPN, hosting and Tor), or undefined. */
export function networkByAsn(asn: number): KnownNetwork | undefined {
  for (const [country, networks] of Object.entries(residential)) {
    const network = networks.find((n) => n.asn === asn);
    if (network) return { network, kind: 'residential', country };
  }
  for (const kind of ['vpn', 'hosting', 'tor'] as const) {
    const network = anonymising[kind].find((n) => n.asn === asn);
    if (network) return { network, kind };
  }
  return undefined;
}

/** Every AS number of pushstorm's tables, ascending: what `sources.asn` may name. */
export function knownAsns(): number[] {
  const all = [...Object.values(residential).flat(), ...Object.values(anonymising).flat()].map((n) => n.asn);
  return [...new Set(all)].sort((a, b) => a - b);
}
