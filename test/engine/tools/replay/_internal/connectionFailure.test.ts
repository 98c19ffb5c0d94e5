import { describe, expect, it } from 'vitest';
import { connectionFailure } from '../../../../../engine/tools/replay/_internal/connectionFailure.ts';

const failed = (cause: unknown) => Object.assign(new TypeError('fetch failed'), { cause });
const socketError = (code: string, message = `connect ${code} 127.0.0.1:8088`) => Object.assign(new Error(message), { code });

describe('connectionFailure', () => {
  it('names the failures no retry cures: refused, unknown host, no route, a certificate, a port fetch blocks', () => {
    expect(connectionFailure(failed(socketError('ECONNREFUSED')))).toEqual({
      code: 'ECONNREFUSED',
      problem: 'connection refused (ECONNREFUSED)',
    });
    expect(connectionFailure(failed(socketError('ENOTFOUND')))).toEqual({ code: 'ENOTFOUND', problem: 'no such host (ENOTFOUND)' });
    expect(connectionFailure(failed(socketError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate')))).toEqual({
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      problem: 'TLS: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)',
    });
    expect(connectionFailure(failed(new Error('bad port')))).toEqual({
      code: undefined,
      problem: 'a port fetch refuses to connect to (bad port)',
    });
  });

  it('reads the first of the errors of every address tried (happy eyeballs)', () => {
    const all = Object.assign(
      new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED', 'connect ECONNREFUSED ::1:8088')]),
      { code: 'ECONNREFUSED' },
    );
    expect(connectionFailure(failed(all))?.code).toBe('ECONNREFUSED');
    expect(connectionFailure(failed(new AggregateError([socketError('EHOSTUNREACH')])))?.code).toBe('EHOSTUNREACH');
  });

  it('leaves failures that may pass to the retries: a reset, a closed socket, an abort, anything unknown', () => {
    expect(connectionFailure(failed(socketError('ECONNRESET', 'read ECONNRESET')))).toBeUndefined();
    expect(connectionFailure(failed(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })))).toBeUndefined();
    expect(connectionFailure(new DOMException('This operation was aborted', 'AbortError'))).toBeUndefined();
    expect(connectionFailure(undefined)).toBeUndefined();
    expect(connectionFailure('boom')).toBeUndefined();
  });
});
