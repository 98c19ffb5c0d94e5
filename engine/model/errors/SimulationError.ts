import { PushstormError } from './PushstormError.ts';

/** An actor failed while the world ran: names the actor and the virtual time, so the run can be reproduced. */
export class SimulationError extends PushstormError {
  override name = 'SimulationError';
  constructor(
    readonly actorId: string,
    readonly virtualTime: number,
    override readonly cause: unknown,
  ) {
    super(
      `actor ${actorId} failed at virtual time ${new Date(virtualTime).toISOString()}: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
  }
}
