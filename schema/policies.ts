// The named policies of the catalog contract (schema/partner.graphql, `@policy(policies: ...)`) and
// what each will check. They are pure functions of (principal, dataset facts, grants, now); until
// they are implemented the gateway denies every field that names them (fail closed).

export interface PolicyDescription {
  /** Fields of the contract that carry it. */
  guards: readonly string[];
  checks: readonly string[];
}

export const CATALOG_POLICIES: Readonly<Record<string, PolicyDescription>> = {
  'dataset:access': {
    guards: ['Distribution.accessUrl', 'Distribution.downloadUrl'],
    checks: [
      'data class: PUBLIC for everyone; PARTNER_SHARED for consortium members; ANONYMIZED for members who accepted the consortium data use agreement; PROPRIETARY for the owning partner and grant holders',
      'licence: the principal accepted the dataset licence (accepted_terms)',
      'purpose: the declared purpose is compatible with every DUO use condition of the dataset',
      'grant: an active, unexpired grant for this dataset where the data class or a DUO term (US, PS, IS) requires one',
      'embargo: lifted (embargoUntil in the past), except for the owning partner',
      'retention: the deletion date has not passed',
    ],
  },
  'dataset:sample-records': {
    guards: ['Dataset.sampleRecords'],
    checks: ['the same checks as dataset:access: sample records are content'],
  },
  'dataset:retention-schedule': {
    guards: ['Dataset.retention'],
    checks: ['the principal is a steward of the owning partner (scope steward:<partner id>)'],
  },
  'licence:royalty-terms': {
    guards: ['Licence.royalty'],
    checks: [
      'the principal belongs to the owning partner, holds an active grant for the dataset, or accepted the licence',
    ],
  },
};
