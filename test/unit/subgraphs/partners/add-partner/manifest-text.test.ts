import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repositoryPath } from '../../../../../schema/repository-files.js';
import { withPartnerEntry } from '../../../../../subgraphs/partners/add-partner/manifest-text.js';

const ENTRY = { id: 'aurora-marine-lab', url: 'http://127.0.0.1:4104/graphql', catalog: 'subgraphs/partners/aurora-marine-lab/catalog.json' };
const INDEX = '"catalogIndex": { "name": "catalog-index", "url": "http://127.0.0.1:4100/graphql" }';

describe('a partner added to the manifest\'s text', () => {
  it.each([
    [
      'one key a line, as in the repository',
      `{\n  ${INDEX},\n  "partners": [\n    {\n      "id": "a",\n      "url": "http://127.0.0.1:4101/graphql",\n      "catalog": "a.json"\n    }\n  ]\n}\n`,
      `{\n  ${INDEX},\n  "partners": [\n    {\n      "id": "a",\n      "url": "http://127.0.0.1:4101/graphql",\n      "catalog": "a.json"\n    },\n    {\n      "id": "aurora-marine-lab",\n      "url": "http://127.0.0.1:4104/graphql",\n      "catalog": "subgraphs/partners/aurora-marine-lab/catalog.json"\n    }\n  ]\n}\n`,
    ],
    [
      'one entry a line',
      `{\n  ${INDEX},\n  "partners": [\n    { "id": "a", "url": "http://127.0.0.1:4101/graphql", "catalog": "a.json" }\n  ]\n}`,
      `{\n  ${INDEX},\n  "partners": [\n    { "id": "a", "url": "http://127.0.0.1:4101/graphql", "catalog": "a.json" },\n    { "id": "aurora-marine-lab", "url": "http://127.0.0.1:4104/graphql", "catalog": "subgraphs/partners/aurora-marine-lab/catalog.json" }\n  ]\n}`,
    ],
    [
      'tab indentation and another key order',
      `{\n\t${INDEX},\n\t"partners": [\n\t\t{\n\t\t\t"catalog": "a.json",\n\t\t\t"id": "a",\n\t\t\t"url": "http://127.0.0.1:4101/graphql"\n\t\t}\n\t]\n}\n`,
      `{\n\t${INDEX},\n\t"partners": [\n\t\t{\n\t\t\t"catalog": "a.json",\n\t\t\t"id": "a",\n\t\t\t"url": "http://127.0.0.1:4101/graphql"\n\t\t},\n\t\t{\n\t\t\t"catalog": "subgraphs/partners/aurora-marine-lab/catalog.json",\n\t\t\t"id": "aurora-marine-lab",\n\t\t\t"url": "http://127.0.0.1:4104/graphql"\n\t\t}\n\t]\n}\n`,
    ],
    [
      'compact, on one line',
      `{"partners":[{"id":"a","url":"http://127.0.0.1:4101/graphql","catalog":"a.json"}],${INDEX}}`,
      `{"partners":[{"id":"a","url":"http://127.0.0.1:4101/graphql","catalog":"a.json"},{"id":"aurora-marine-lab","url":"http://127.0.0.1:4104/graphql","catalog":"subgraphs/partners/aurora-marine-lab/catalog.json"}],${INDEX}}`,
    ],
    [
      'Windows line ends',
      `{\r\n  ${INDEX},\r\n  "partners": [\r\n    { "id": "a", "url": "http://127.0.0.1:4101/graphql", "catalog": "a.json" }\r\n  ]\r\n}\r\n`,
      `{\r\n  ${INDEX},\r\n  "partners": [\r\n    { "id": "a", "url": "http://127.0.0.1:4101/graphql", "catalog": "a.json" },\r\n    { "id": "aurora-marine-lab", "url": "http://127.0.0.1:4104/graphql", "catalog": "subgraphs/partners/aurora-marine-lab/catalog.json" }\r\n  ]\r\n}\r\n`,
    ],
    [
      'a partner whose id is a key name, and strings with escapes and brackets',
      `{\n  "note": "partners: [\\"x\\"] {}",\n  "partners": [\n    { "id": "catalog", "url": "http://127.0.0.1:4101/graphql", "catalog": "catalog" }\n  ]\n}`,
      `{\n  "note": "partners: [\\"x\\"] {}",\n  "partners": [\n    { "id": "catalog", "url": "http://127.0.0.1:4101/graphql", "catalog": "catalog" },\n    { "id": "aurora-marine-lab", "url": "http://127.0.0.1:4104/graphql", "catalog": "subgraphs/partners/aurora-marine-lab/catalog.json" }\n  ]\n}`,
    ],
  ])('keeps the layout: %s', (_case, before, after) => {
    expect(withPartnerEntry(before, ENTRY)).toBe(after);
  });

  it.each([
    ['no partners yet', `{ ${INDEX}, "partners": [] }`],
    ['an entry with a key of another kind', `{ ${INDEX}, "partners": [{ "id": "a", "url": "http://127.0.0.1:4101/graphql", "catalog": "a.json", "port": 4101 }] }`],
    ['an entry missing a key', `{ ${INDEX}, "partners": [{ "id": "a", "url": "http://127.0.0.1:4101/graphql" }] }`],
    ['a "partners" key nested, not at the top', `{ "x": { "partners": [{ "id": "a", "url": "u", "catalog": "c" }] }, "partners": [] }`],
  ])('writes two-space JSON when the layout cannot be followed: %s', (_case, before) => {
    const json = JSON.parse(before) as { partners: unknown[] };
    const after = withPartnerEntry(before, ENTRY);
    expect(after).toBe(`${JSON.stringify({ ...json, partners: [...json.partners, ENTRY] }, null, 2)}\n`);
  });

  it('changes the repository\'s manifest by adding the entry\'s lines alone', () => {
    const before = readFileSync(repositoryPath('schema/subgraphs.json'), 'utf8');
    const after = withPartnerEntry(before, ENTRY);
    const removed = before.split('\n').filter((line) => !after.split('\n').includes(line));
    expect(removed).toEqual([]);
    expect(JSON.parse(after).partners.at(-1)).toEqual(ENTRY);
    expect(after.split('\n').length - before.split('\n').length).toBe(5);
  });
});
