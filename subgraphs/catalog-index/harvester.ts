import { Agent } from 'undici';
import type { Logger } from '../../runtime/logger.js';
import type { CatalogIndex, IndexedDataset } from './catalog-index.js';
import { fetchHarvestPage, HarvestError } from './harvest-client.js';
import type { PartnerEndpoint } from './partner-directory.js';

export { HARVEST_QUERY } from './harvest-client.js';

export interface PartnerCatalogStatus {
  partnerId: string;
  lastHarvestAt: string | null;
  lastAttemptAt: string | null;
  /** Seconds since the last successful harvest; null if none has succeeded. */
  staleSeconds: number | null;
  datasetCount: number;
  stale: boolean;
  lastError: string | null;
}

/**
 * Where harvested datasets go: the index, or any other holder of partners' public metadata (the
 * governance subgraph keeps the facts it validates requests with).
 */
export type HarvestSink = Pick<CatalogIndex, 'replacePartner' | 'applyChanges' | 'countFor'>;

export interface HarvesterOptions {
  partners: readonly PartnerEndpoint[];
  index: HarvestSink;
  logger: Logger;
  timeoutMs?: number;
  /** The key each partner verifies its requests with. */
  signingSecretFor: (partnerId: string) => string;
  /** Datasets per harvest request. */
  pageSize?: number;
  now?: () => Date;
  /** Also harvest the translations and identifiers that search reads, where partners serve them (harvest-client.ts). */
  searchTexts?: boolean;
}

interface PartnerState {
  status: PartnerCatalogStatus;
  /** The partner's own clock at its last successful harvest: the next one asks for changes since then. */
  changesSince: string | null;
  running: boolean;
}

/**
 * Full harvest at start, then incremental harvests by modification date. A partner that fails
 * keeps its last good snapshot and is reported stale; a dataset a partner no longer lists is removed.
 */
export class CatalogHarvester {
  readonly #options: HarvesterOptions;
  readonly #agent: Agent;
  readonly #partners = new Map<string, PartnerState>();
  readonly #now: () => Date;
  #timer: NodeJS.Timeout | undefined;
  #rounds = 0;

  constructor(options: HarvesterOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    const timeout = options.timeoutMs ?? 10_000;
    this.#agent = new Agent({ keepAliveTimeout: 30_000, headersTimeout: timeout, bodyTimeout: timeout, connectTimeout: timeout });
    for (const partner of options.partners) {
      this.#partners.set(partner.id, {
        status: { partnerId: partner.id, lastHarvestAt: null, lastAttemptAt: null, staleSeconds: null, datasetCount: 0, stale: false, lastError: null },
        changesSince: null,
        running: false,
      });
    }
  }

  /** Completed harvest rounds; the index is ready once the first one is done, whatever its outcome. */
  get rounds(): number {
    return this.#rounds;
  }

  status(): PartnerCatalogStatus[] {
    const now = this.#now().getTime();
    return [...this.#partners.values()].map(({ status }) => ({
      ...status,
      datasetCount: this.#options.index.countFor(status.partnerId),
      staleSeconds: status.lastHarvestAt ? Math.round((now - Date.parse(status.lastHarvestAt)) / 1000) : null,
    }));
  }

  /** Harvests every partner in parallel; one partner failing never affects the others. */
  async harvestAll(mode: 'full' | 'incremental' = 'incremental'): Promise<void> {
    const started = performance.now();
    const { partners, logger } = this.#options;
    logger.info({ partners: partners.length, mode }, 'harvest started');
    let done = 0;
    await Promise.all(partners.map(async (partner) => {
      await this.#harvestPartner(partner, mode);
      done++;
      logger.info({ partner: partner.id, progress: `${done}/${partners.length}` }, 'harvest progress');
    }));
    this.#rounds++;
    const total = partners.reduce((sum, p) => sum + this.#options.index.countFor(p.id), 0);
    logger.info({ datasets: total, ms: Math.round(performance.now() - started) }, 'harvest finished');
  }

  start(intervalMs: number): void {
    this.stop();
    this.#timer = setInterval(() => void this.harvestAll('incremental'), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async close(): Promise<void> {
    this.stop();
    await this.#agent.close();
  }

  async #harvestPartner(partner: PartnerEndpoint, mode: 'full' | 'incremental'): Promise<void> {
    const state = this.#partners.get(partner.id)!;
    // A slow partner's harvest still running when the next round starts is not started twice.
    if (state.running) return;
    state.running = true;
    state.status.lastAttemptAt = this.#now().toISOString();
    const since = mode === 'full' ? null : state.changesSince;
    try {
      const { datasets, datasetIds, generatedAt } = await this.#fetchAll(partner, since);
      if (since === null) this.#options.index.replacePartner(partner.id, datasets);
      else this.#options.index.applyChanges(partner.id, datasets, new Set(datasetIds));
      state.changesSince = generatedAt;
      Object.assign(state.status, { lastHarvestAt: this.#now().toISOString(), stale: false, lastError: null });
      this.#options.logger.info({ partner: partner.id, changed: datasets.length, incremental: since !== null }, 'partner harvested');
    } catch (error) {
      // Keep the last good snapshot: a partner that is down is shown stale, not empty.
      const reason = error instanceof HarvestError ? error.publicReason : 'unexpected error';
      Object.assign(state.status, { stale: true, lastError: reason });
      this.#options.logger.warn({ partner: partner.id, url: partner.url, err: error }, 'partner harvest failed; keeping last snapshot');
    } finally {
      state.running = false;
    }
  }

  async #fetchAll(partner: PartnerEndpoint, since: string | null): Promise<{ datasets: IndexedDataset[]; datasetIds: string[]; generatedAt: string }> {
    const limit = this.#options.pageSize ?? 1000;
    const datasets: IndexedDataset[] = [];
    let datasetIds: string[] = [];
    let generatedAt = '';
    for (let offset = 0; ; offset += limit) {
      const page = await fetchHarvestPage(
        partner, { modifiedSince: since, offset, limit, withIds: offset === 0 }, this.#agent, this.#options.signingSecretFor(partner.id), this.#options.searchTexts ?? false,
      );
      if (offset === 0) {
        datasetIds = page.datasetIds ?? [];
        generatedAt = page.generatedAt;
      }
      datasets.push(...page.datasets);
      if (page.searchTextsMissing) {
        this.#options.logger.warn({ partner: partner.id }, 'partner serves no translations or identifiers (schema/partner.graphql); its datasets are searched without them');
      }
      if (page.totalCount > limit) {
        this.#options.logger.info({ partner: partner.id, harvested: datasets.length, of: page.totalCount }, 'harvest progress within partner');
      }
      if (offset + limit >= page.totalCount || page.datasets.length === 0) break;
    }
    return { datasets, datasetIds, generatedAt };
  }
}
