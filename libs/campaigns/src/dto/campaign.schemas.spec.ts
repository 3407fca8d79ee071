import { newCampaignSchema } from './campaign.schemas';

const campaign = (scheduledAt: string | null) => ({
  name: 'Prévention hiver',
  purpose: 'lettrePreventionCcapex',
  target: { territory: '93', stage: 'premier_impaye' },
  scheduledAt,
});
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

describe('a campaign’s launch date', () => {
  it('may be left empty (launched at approval) or fall in the year ahead', () => {
    expect(newCampaignSchema.safeParse(campaign(null)).success).toBe(true);
    expect(newCampaignSchema.safeParse(campaign(inHours(48))).success).toBe(true);
  });

  it('is refused in the past, or years ahead, naming scheduledAt and what to do', () => {
    for (const at of [inHours(-24), '2020-01-01T00:00:00Z', inHours(24 * 400)]) {
      const parsed = newCampaignSchema.safeParse(campaign(at));
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['scheduledAt']);
    }
    expect(newCampaignSchema.safeParse(campaign(inHours(-24))).error?.issues[0]?.message).toMatch(/laissez-la vide/);
  });
});
