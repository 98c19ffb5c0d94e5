import { PushstormError } from '../../engine/model/errors/PushstormError.ts';

/** A simulation worker thread failed: carries what it reported (the actor and virtual time for a simulation error). */
export class WorkerFailedError extends PushstormError {
  override name = 'WorkerFailedError';
  constructor(
    readonly part: number,
    readonly detail: { name?: string; message?: string; actorId?: string; virtualTime?: number; stack?: string },
  ) {
    super(`simulation worker ${part} failed: ${detail.name ?? 'Error'}: ${detail.message ?? 'unknown error'}`);
  }
}
