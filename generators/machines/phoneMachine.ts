import { setup } from 'xstate';
import type { Device } from '../../engine/model/generated/event.ts';
import type { RandomStream } from '../random/RandomStream.ts';
import type { WorldPort } from '../world/WorldPort.ts';
import type { PhoneEvent, PromptMessage } from '../world/messages.ts';

/** Input of {@link phoneMachine}. */
export interface PhoneInput {
  world: WorldPort;
  cell: number;
  rng: RandomStream;
  device: Device & { kind: 'phone' };
}

/** The phone's mutable state: which device holds the authenticator, pushes seen and lost. */
export interface PhoneContext extends PhoneInput {
  delivered: number;
  lost: number;
}

/**
 * The authenticator app on the user's phone. A push arrives after the push service's delay and shows as a
 * notification (with the number-matching prompt when the IdP asks for one), which reaches the owner after a short
 * notification delay. Offline (in flight, no signal) the push is lost and the IdP times it out.
 */
export const phoneMachine = setup({
  types: {
    context: {} as PhoneContext,
    events: {} as PhoneEvent,
    input: {} as PhoneInput,
  },
  actions: {
    notify: ({ context: ctx, event }) => {
      if (event.type !== 'PUSH') return;
      ctx.delivered++;
      const prompt: PromptMessage = {
        type: 'PROMPT',
        txn: event.txn,
        factor: event.factor,
        app: event.app,
        origin: event.origin,
      };
      ctx.world.deliver(ctx.world.cell(ctx.cell).user, prompt, ctx.rng.logNormal(400, 0.5));
    },
    drop: ({ context }) => {
      context.lost++;
    },
    replace: ({ context, event }) => {
      if (event.type === 'REPLACE') context.device = event.device;
    },
  },
}).createMachine({
  id: 'phone',
  context: ({ input }) => ({ ...input, delivered: 0, lost: 0 }),
  initial: 'online',
  on: { REPLACE: { actions: 'replace' } },
  states: {
    online: {
      on: { PUSH: { actions: 'notify' }, OFFLINE: 'offline' },
    },
    offline: {
      on: { PUSH: { actions: 'drop' }, ONLINE: 'online' },
    },
  },
});
