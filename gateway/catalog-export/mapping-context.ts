import type { ExportAddresses } from './export-addresses.js';
import type { TripleSink } from './triple-sink.js';

/** What every part of the mapping writes into and mints its IRIs from. */
export interface MappingContext {
  sink: TripleSink;
  addresses: ExportAddresses;
}
