import { describe, expect, it } from 'vitest';
import { DEMO_STEWARD_PARTNER, personaClaims } from '../../../../subgraphs/demo/demo-personas.js';

// A partner added with `npm run add-partner` gets a steward of its own: the steward persona's
// organisation and scopes follow the partner it is minted for (README, "How a new partner joins").
describe('the demo steward persona', () => {
  it.each([
    { partner: undefined, sub: 'demo-steward', org: DEMO_STEWARD_PARTNER },
    { partner: DEMO_STEWARD_PARTNER, sub: 'demo-steward', org: DEMO_STEWARD_PARTNER },
    { partner: 'helix-therapeutics', sub: 'demo-steward-helix-therapeutics', org: 'helix-therapeutics' },
    { partner: 'acme-labs', sub: 'demo-steward-acme-labs', org: 'acme-labs' },
  ])('for $partner is $sub of $org, with that partner\'s scopes only', ({ partner, sub, org }) => {
    const claims = personaClaims('steward', 0, partner)!;
    expect(claims.sub).toBe(sub);
    expect(claims.org).toBe(org);
    const scopes = claims.scope!.split(' ');
    expect(scopes).toContain(`partner:${org}`);
    expect(scopes).toContain(`steward:${org}`);
    expect(scopes.filter((s) => s.startsWith('steward:') || s.startsWith('partner:'))).toHaveLength(2);
  });

  it('names no partner for any other persona', () => {
    expect(personaClaims('analyst', 0, 'acme-labs')!.org).toBe('acme-analytics');
  });
});
