import type { IndexedDataset } from '../catalog-index/catalog-index.js';
import type { HarvestSink } from '../catalog-index/harvester.js';
import type { DatasetFacts } from '../../schema/policy/facts.js';

// The public governance facts of every partner's datasets, harvested exactly as the catalog index
// harvests them (ARCHITECTURE.md "Governance facts and retention"): what an access request is
// checked against with the gateway's own pure policies. The deletion date belongs to the
// stewards-only retention schedule and is never harvested: a dataset past it is left out of the
// harvest by its partner, and so is unknown here.

/** The facts a policy reads, with the licence's maximum duration that caps a grant. */
export interface GovernedDataset extends DatasetFacts {
  licenceMaxDurationMonths: number | null;
}

export class DatasetFactsTable implements HarvestSink {
  readonly #byPartner = new Map<string, Map<string, GovernedDataset>>();

  replacePartner(partnerId: string, datasets: readonly IndexedDataset[]): void {
    this.#byPartner.set(partnerId, new Map(datasets.map((d) => [d.id, toFacts(d)])));
  }

  applyChanges(partnerId: string, changed: readonly IndexedDataset[], currentIds: ReadonlySet<string>): void {
    const table = this.#byPartner.get(partnerId) ?? new Map<string, GovernedDataset>();
    for (const dataset of changed) table.set(dataset.id, toFacts(dataset));
    for (const id of table.keys()) if (!currentIds.has(id)) table.delete(id);
    this.#byPartner.set(partnerId, table);
  }

  countFor(partnerId: string): number {
    return this.#byPartner.get(partnerId)?.size ?? 0;
  }

  /** The dataset's facts, or undefined when no partner publishes it (unknown, or past its deletion date). */
  get(datasetId: string): GovernedDataset | undefined {
    for (const table of this.#byPartner.values()) {
      const facts = table.get(datasetId);
      if (facts) return facts;
    }
    return undefined;
  }
}

function toFacts(dataset: IndexedDataset): GovernedDataset {
  return Object.freeze({
    datasetId: dataset.id,
    partnerId: dataset.partnerId,
    dataClass: dataset.dataClass,
    licenceId: dataset.licenceId,
    licenceMaxDurationMonths: dataset.licenceMaxDurationMonths ?? null,
    useConditions: dataset.useConditions,
    embargoUntil: dataset.embargoUntil,
    deletionDue: null,
  });
}
