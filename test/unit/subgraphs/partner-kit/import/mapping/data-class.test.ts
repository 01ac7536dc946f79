import { describe, expect, it } from 'vitest';
import { Findings } from '../../../../../../subgraphs/partner-kit/import/findings.js';
import { accessStatement, dataClassOf } from '../../../../../../subgraphs/partner-kit/import/mapping/data-class.js';

const EU = 'http://publications.europa.eu/resource/authority/access-right/';

describe('the data class, from what the source says about access', () => {
  it.each([
    [`${EU}PUBLIC`, 'public'], [`${EU}RESTRICTED`, 'restricted'], [`${EU}NON_PUBLIC`, 'restricted'], [`${EU}SENSITIVE`, 'restricted'],
    ['public', 'public'], ['restricted public', 'restricted'], ['non-public', 'restricted'],
    ['true', 'unstated'], ['false', 'restricted'], [undefined, 'unstated'],
    ['Public access with no restrictions.', 'unreadable'], ['Only approved researchers', 'unreadable'],
  ])('%s is %s', (accessRights, statement) => {
    expect(accessStatement(accessRights)).toBe(statement);
  });

  const defaults = { dataClass: { whenUnstated: 'PUBLIC' as const, whenRestricted: 'ANONYMIZED' as const } };

  it.each([
    ['public access', `${EU}PUBLIC`, [], 'PUBLIC', 0],
    ['public access, even with DUO terms', 'public', ['DS'], 'PUBLIC', 0],
    ['restricted access', `${EU}RESTRICTED`, [], 'ANONYMIZED', 1],
    ['unreadable access', 'Ask us', [], 'ANONYMIZED', 1],
    ['nothing said', undefined, [], 'PUBLIC', 1],
    ['nothing said but restricting DUO terms', undefined, ['DS'], 'ANONYMIZED', 1],
  ])('%s: %s', (_name, accessRights, restricting, dataClass, warnings) => {
    const findings = new Findings();
    expect(dataClassOf(accessRights, restricting, defaults, findings)).toBe(dataClass);
    expect(findings.warnings).toHaveLength(warnings);
  });

  it.each([
    ['restricted access naming its class', `${EU}RESTRICTED`, 'PARTNER_SHARED', 'PARTNER_SHARED', 0],
    ['non-public access naming its class', `${EU}NON_PUBLIC`, 'PROPRIETARY', 'PROPRIETARY', 0],
    ['restricted access naming PUBLIC, which disagrees', `${EU}RESTRICTED`, 'PUBLIC', 'ANONYMIZED', 1],
    ['public access naming a restricted class, which disagrees', `${EU}PUBLIC`, 'PROPRIETARY', 'PUBLIC', 0],
    ['nothing said but a class named', undefined, 'PROPRIETARY', 'PUBLIC', 1],
    ['a name that is no class', `${EU}RESTRICTED`, 'SECRET', 'ANONYMIZED', 1],
  ])('the class the source names (Concord\'s DCAT export), taken where its access statement agrees: %s', (_name, accessRights, named, dataClass, warnings) => {
    const findings = new Findings();
    expect(dataClassOf(accessRights, [], defaults, findings, named)).toBe(dataClass);
    expect(findings.warnings).toHaveLength(warnings);
  });

  it.each([
    ['restricted access', `${EU}NON_PUBLIC`, 'dataClass.whenRestricted'],
    ['nothing said', undefined, 'dataClass.whenUnstated'],
  ])('refuses %s without the defaults file\'s class, naming the setting', (_name, accessRights, setting) => {
    const findings = new Findings();
    expect(dataClassOf(accessRights, [], undefined, findings)).toBeUndefined();
    expect(findings.refusals).toEqual([{ field: 'dataClass', message: expect.stringContaining(setting) }]);
  });
});
