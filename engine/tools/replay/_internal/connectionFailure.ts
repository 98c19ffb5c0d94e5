/** Why a request never reached its endpoint, when the failure is one that retrying cannot cure. */
export interface ConnectionFailure {
  /** The system's error code (`ECONNREFUSED`), when it gave one. */
  code: string | undefined;
  /** In words, with the code: `connection refused (ECONNREFUSED)`. */
  problem: string;
}

/** Connection failures by code: nobody listening, no such host, no route, or no answer to the connection at all. */
const PERMANENT: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

/** TLS failures: the certificate will not become trustworthy by asking again. */
const TLS_CODE = /^(CERT_|ERR_TLS_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/;

/**
 * The connection failure behind a `fetch` rejection (`TypeError: fetch failed` with the socket's error as its cause),
 * or undefined when the failure may pass (a reset, a socket closed mid-answer, an abort) and is worth a retry.
 */
export function connectionFailure(error: unknown): ConnectionFailure | undefined {
  const cause = (error as { cause?: unknown } | undefined)?.cause ?? error;
  const errors = (cause as { errors?: unknown[] } | undefined)?.errors;
  // Happy eyeballs tries every address of a name; each refusal comes back inside an AggregateError.
  const first = Array.isArray(errors) && errors.length > 0 ? errors[0] : cause;
  const code = (first as { code?: unknown } | undefined)?.code;
  const message = String((first as { message?: unknown } | undefined)?.message ?? '');
  if (typeof code === 'string' && Object.hasOwn(PERMANENT, code)) return { code, problem: `${PERMANENT[code]} (${code})` };
  if (typeof code === 'string' && TLS_CODE.test(code)) return { code, problem: `TLS: ${message || code} (${code})` };
  // fetch refuses ports browsers block (1, 9, 25, 6000…) before connecting, with no code.
  if (message === 'bad port') return { code: undefined, problem: 'a port fetch refuses to connect to (bad port)' };
  return undefined;
}
