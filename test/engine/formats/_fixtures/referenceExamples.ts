/**
 * One example record of each vendor format (and of macOS Endpoint Security, which pushstorm does not read), shaped
 * as the vendors document them (see docs/formats.md, a section per format; values invented, trimmed), keyed by the
 * format they belong to. Every format must sniff its own and no other's.
 * @module
 */
export const referenceExamples = {
  okta: {
    uuid: 'c41e07a2-5d1b-4f0e-9a33-8e2f61b0d7c4',
    published: '2026-03-04T02:17:09.412Z',
    eventType: 'user.authentication.auth_via_mfa',
    legacyEventType: 'core.user.factor.attempt_fail',
    displayMessage: 'Authentication of user via MFA',
    severity: 'INFO',
    version: '0',
    actor: { id: '00u7hq2mXr4Kp9Tz1d8', type: 'User', alternateId: 'lena.varga@example.org', displayName: 'Lena Varga' },
    client: {
      ipAddress: '198.51.100.40',
      zone: 'null',
      device: 'Computer',
      userAgent: { browser: 'CHROME', os: 'Windows 10' },
      geographicalContext: { city: 'Porto', country: 'Portugal' },
    },
    device: null,
    authenticationContext: { authenticationStep: 0, externalSessionId: 'idxR7uQ2cWf0ZsLk8pVa3NnE' },
    outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' },
    debugContext: {
      debugData: {
        factor: 'OKTA_VERIFY_PUSH',
        pushOnlyResponseType: 'OV_RESPONSE_DENY',
        behaviors: '{New IP=POSITIVE, New Device=POSITIVE}',
        risk: '{level=HIGH}',
        threatSuspected: 'false',
      },
    },
    securityContext: { asNumber: 64511, isProxy: false },
    transaction: { type: 'WEB', id: 'Yq3Lm0pVt8' },
  },
  entra: {
    time: '2026-05-12T22:41:03.000Z',
    operationName: 'Sign-in activity',
    category: 'SignInLogs',
    resultType: '500121',
    resultDescription: 'Authentication failed during strong authentication request.',
    callerIpAddress: '192.0.2.145',
    correlationId: '5b0e2f7c-91d4-4a6e-b3c8-0d7f1e2a9c55',
    location: 'BR',
    properties: {
      id: 'e1a9',
      createdDateTime: '2026-05-12T17:41:03.4810000-05:00',
      userPrincipalName: 'tomas.reyes@contoso.example',
      appDisplayName: 'Office 365',
      isInteractive: true,
      ipAddress: '192.0.2.145',
      clientAppUsed: 'Browser',
      status: { errorCode: 500121, additionalDetails: 'MFA denied; user did not respond to mobile app notification' },
      deviceDetail: { deviceId: '', operatingSystem: 'Linux', browser: 'Firefox 146.0' },
      authenticationRequirement: 'multiFactorAuthentication',
      authenticationDetails: [
        {
          authenticationMethod: 'Mobile app notification',
          succeeded: false,
          authenticationStepRequirement: 'Multifactor authentication',
          authenticationStepResultDetail: 'MFA denied; user did not respond to mobile app notification',
        },
      ],
    },
  },
  duo: {
    txid: '3f6d2c8e-0b71-4e5a-a9d4-71c2e8f05b13',
    timestamp: 1767311405,
    isotimestamp: '2026-01-01T23:50:05.118204+00:00',
    event_type: 'authentication',
    factor: 'duo_push',
    result: 'denied',
    reason: 'no_response',
    user: { name: 'akiko.sato', key: 'DUQ4R7T2W9Y1E3U5I8O0', groups: ['Staff'] },
    application: { key: 'DI2M5N8B1V4C7X0Z3L6K', name: 'Corporate VPN' },
    access_device: {
      ip: '203.0.113.201',
      hostname: null,
      os: 'Windows',
      os_version: '11',
      is_encryption_enabled: 'unknown',
      location: { city: 'Warsaw', country: 'Poland' },
    },
    auth_device: { name: 'iPhone (+1 555-0142)', ip: '198.51.100.9', key: 'DPA1S2D3F4G5H6J7K8L9' },
  },
  ocsf: {
    class_uid: 3002,
    category_uid: 3,
    activity_id: 1,
    type_uid: 300201,
    severity_id: 3,
    time: 1772590629412,
    status_id: 2,
    status: 'Failure',
    status_code: 'INVALID_CREDENTIALS',
    status_detail: 'OV_RESPONSE_DENY',
    is_mfa: true,
    auth_factors: [{ factor_type_id: 5, factor_type: 'Push Notification' }],
    user: { uid: '00u7hq2mXr4Kp9Tz1d8', email_addr: 'lena.varga@example.org' },
    session: { uid: 'idxR7uQ2cWf0ZsLk8pVa3NnE' },
    src_endpoint: { ip: '198.51.100.40' },
    service: { name: 'Okta' },
    metadata: {
      version: '1.8.0',
      uid: 'c41e07a2-5d1b-4f0e-9a33-8e2f61b0d7c4',
      event_code: 'user.authentication.auth_via_mfa',
      product: { name: 'Okta System Log', vendor_name: 'Okta' },
    },
  },
  unifiedlog: {
    timezoneName: '',
    messageType: 'Default',
    eventType: 'logEvent',
    source: null,
    formatString: 'Validating credential %{public}s (%d) for %{public}s (engine %d)',
    userID: 0,
    subsystem: 'com.apple.Authorization',
    category: 'authd',
    processID: 311,
    threadID: 48213,
    activityIdentifier: 920114,
    parentActivityIdentifier: 920113,
    processImagePath: '/System/Library/Frameworks/Security.framework/Versions/A/XPCServices/authd.xpc/Contents/MacOS/authd',
    timestamp: '2026-03-04 03:17:11.204518+0100',
    machTimestamp: 88412009733105,
    bootUUID: '6A1F0C2E-0000-0000-0000-000000000000',
    eventMessage: 'Validating credential lvarga (501) for system.login.console (engine 57)',
    traceID: 4102217830051844,
  },
  /** §6: an eslogger record; pushstorm reads no Endpoint Security format, so no format may claim it. */
  endpointSecurity: {
    time: '2026-03-04T02:17:40.551203Z',
    seq_num: 1184,
    event_type: 111,
    process: {
      executable: {
        path: '/System/Library/Frameworks/Security.framework/Versions/A/MachServices/authorizationhost.bundle/Contents/MacOS/authorizationhost',
      },
      audit_token: { pid: 7702 },
    },
    event: { authentication: { success: false, type: 0, data: { od: { record_type: 'user', record_name: 'lvarga' } } } },
  },
} as const;

/** The reference examples that are not of `format` (the Entra example belongs to both Entra ids). */
export function examplesNotOf(format: string): unknown[] {
  const family = format.startsWith('entra') ? 'entra' : format;
  return Object.entries(referenceExamples)
    .filter(([id]) => id !== family)
    .map(([, record]) => record);
}
