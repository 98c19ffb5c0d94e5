import type { Device } from '../../../model/generated/event.ts';
import { unregisteredDeviceId } from './entraIds.ts';

/**
 * The canonical device ↔ Entra `deviceDetail`, both ways, and what of a device survives the trip. Entra knows a
 * device only when it is registered or joined (`deviceId`, `displayName`, `trustType`); for any other it writes
 * `deviceId: ""` and only what the user agent says (operating system, browser).
 * @module
 */

/** `deviceDetail` as pushstorm writes it. */
export interface EntraDeviceDetail {
  deviceId: string;
  displayName: string;
  operatingSystem: string;
  browser: string;
  isCompliant: boolean;
  isManaged: boolean;
  trustType: string;
}

/** A device Entra knows by id: pushstorm's Macs and phones are registered, browsers are not. */
const isRegistered = (device: Device): boolean => device.kind !== 'browser' && device.id !== '';

/** `trustType` of a registered device (the "Azure AD …" wording became "Microsoft Entra …"). */
const REGISTERED_TRUST = 'Microsoft Entra registered';

/**
 * `operatingSystem` of a device: `MacOs`, `Ios`, `Android`, `Linux`, and `Windows10` for any Windows 10 or 11 (Entra
 * reports Windows 11 as Windows10). Entra writes no version for the others.
 */
function entraOperatingSystem(device: Device): string {
  switch (device.os) {
    case 'macOS':
      return 'MacOs';
    case 'iOS':
      return 'Ios';
    case 'Android':
      return 'Android';
    case 'Linux':
      return 'Linux';
    case 'Windows':
      if (device.osVersion === undefined || device.osVersion === '') return 'Windows';
      return device.osVersion === '11' ? 'Windows10' : `Windows${device.osVersion}`;
    case undefined:
      return device.kind === 'mac' ? 'MacOs' : '';
    default:
      return device.os;
  }
}

/** Canonical `os` and `osVersion` of an Entra `operatingSystem` (`MacOs`, `Windows10`, `Ios 17.5.1`, `Windows 10`…). */
function canonicalOs(operatingSystem: string): { os?: string; osVersion?: string } {
  const text = operatingSystem.trim();
  if (text === '') return {};
  const families: [RegExp, string][] = [
    [/^mac ?os(?: ?x)?/i, 'macOS'],
    [/^ios/i, 'iOS'],
    [/^android/i, 'Android'],
    [/^windows/i, 'Windows'],
    [/^linux/i, 'Linux'],
  ];
  for (const [pattern, os] of families) {
    const m = pattern.exec(text);
    if (!m) continue;
    const version = /^\s*(\d[\w.]*)$/.exec(text.slice(m[0].length))?.[1];
    return version === undefined ? { os } : { os, osVersion: version };
  }
  return { os: text };
}

/** The browser pushstorm names for a browser sign-in from an operating system (canonical events name none). */
const BROWSERS: Record<string, { browser: string; userAgent: string }> = {
  MacOs: {
    browser: 'Safari 18.5',
    userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15',
  },
  Windows: {
    browser: 'Edge 142.0.0',
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0',
  },
  Linux: { browser: 'Firefox 146.0', userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:146.0) Gecko/20100101 Firefox/146.0' },
  Ios: {
    browser: 'Mobile Safari 18.5',
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1',
  },
  Android: {
    browser: 'Chrome Mobile 142.0.0',
    userAgent: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Mobile Safari/537.36',
  },
};

/** `deviceDetail.browser` and `userAgent` of a browser sign-in from an `operatingSystem` (`""` when unknown). */
export function browserOf(operatingSystem: string): { browser: string; userAgent: string } {
  const family = operatingSystem.startsWith('Windows') ? 'Windows' : operatingSystem;
  return BROWSERS[family] ?? { browser: '', userAgent: '' };
}

/** `deviceDetail` of a canonical device (or of none: every field empty, as Entra writes for an unknown client). */
export function deviceDetailOf(device: Device | undefined, desktopClient: boolean): EntraDeviceDetail {
  if (device === undefined) {
    return { deviceId: '', displayName: '', operatingSystem: '', browser: '', isCompliant: false, isManaged: false, trustType: '' };
  }
  const registered = isRegistered(device);
  const operatingSystem = entraOperatingSystem(device);
  return {
    deviceId: registered ? device.id : '',
    displayName: registered ? (device.hostname ?? '') : '',
    operatingSystem,
    browser: desktopClient ? '' : browserOf(operatingSystem).browser,
    isCompliant: device.compliant ?? false,
    isManaged: device.managed ?? false,
    trustType: registered ? REGISTERED_TRUST : '',
  };
}

/** The typed `deviceDetail` fields the decoder reads (absent or null fields undefined). */
export interface DeviceDetailFields {
  deviceId?: string;
  displayName?: string;
  operatingSystem?: string;
  isCompliant?: boolean;
  isManaged?: boolean;
}

/**
 * The canonical device of a `deviceDetail`, or undefined when it says nothing (no id, no operating system). A
 * registered device keeps its id and name; its kind comes from its system (MacOs → mac, Ios/Android → phone, any
 * other → browser). An unregistered one is a browser named by {@link unregisteredDeviceId}.
 */
export function deviceOfDetail(detail: DeviceDetailFields, ip: string): Device | undefined {
  const deviceId = detail.deviceId ?? '';
  const { os, osVersion } = canonicalOs(detail.operatingSystem ?? '');
  if (deviceId === '' && os === undefined) return undefined;
  const kind: Device['kind'] =
    deviceId === '' ? 'browser' : os === 'macOS' ? 'mac' : os === 'iOS' || os === 'Android' ? 'phone' : 'browser';
  const device: Device = { id: deviceId === '' ? unregisteredDeviceId(ip, detail.operatingSystem ?? '') : deviceId, kind };
  if (deviceId !== '' && detail.displayName !== undefined && detail.displayName !== '') device.hostname = detail.displayName;
  if (os !== undefined) device.os = os;
  if (osVersion !== undefined) device.osVersion = osVersion;
  if (detail.isManaged !== undefined) device.managed = detail.isManaged;
  if (detail.isCompliant !== undefined) device.compliant = detail.isCompliant;
  return device;
}

/** What of a canonical device a round trip gives back: {@link deviceOfDetail} of {@link deviceDetailOf}. */
export function heldDevice(device: Device | undefined, ip: string): Device | undefined {
  if (device === undefined) return undefined;
  const detail = deviceDetailOf(device, false);
  return deviceOfDetail(detail, ip);
}
