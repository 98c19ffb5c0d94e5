import { describe, expect, it } from 'vitest';
import { storyIncident, timelineMarks } from '../../../../../engine/evaluate/report/_internal/incidentStory.ts';
import { scoreDetection } from '../../../../../engine/evaluate/scoring/scoreDetection.ts';
import { simulateScenario } from '../../../../../engine/evaluate/simulateScenario.ts';

describe('timelineMarks', () => {
  it('marks the prompts scoring counts: a login-window request whose push the IdP muted after a fraud report is no prompt', async () => {
    // The gate's night-login-window world: the victim reports fraud, the IdP mutes the rest, the Mac keeps asking.
    const world = await simulateScenario('scenarios/night-login-window.yaml', { users: 260, seed: 454 });
    const score = scoreDetection(world.truth, [], { events: world.events });
    const muted = world.events.filter(
      (e) => e.type === 'mfa.challenge' && e.outcome !== 'success' && world.truth.labels[e.id]?.includes('#'),
    );
    expect(muted.length).toBeGreaterThan(0);
    for (const story of score.perIncident) {
      const prompts = timelineMarks(story, world.events, world.truth.labels).filter((m) => m.lane === 'prompt');
      expect(prompts.length, story.incident.id).toBe(story.incident.prompts);
    }
    expect(storyIncident(score.perIncident)).toBeDefined();
  });
});
