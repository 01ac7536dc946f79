import type { NamedNode } from 'n3';
import type { ExportedSeries } from './export-operation.js';
import type { MappingContext } from './mapping-context.js';
import { dcat, dct, rdf } from './rdf-vocabulary.js';
import { calendarDate, dateTime, plain, text } from './triple-sink.js';

/**
 * A dcat:DatasetSeries a dataset is in, described once per document. Series are reached through
 * dcat:inSeries and are not among the catalog's dcat:dataset, so every page lists datasets only and
 * their count is the index's.
 */
export function seriesNode({ sink, addresses }: MappingContext, series: ExportedSeries): NamedNode {
  const node = addresses.series(series.id);
  if (sink.describes(node)) return node;
  sink.add(node, rdf.type, dcat.DatasetSeries);
  sink.add(node, dct.identifier, plain(series.id));
  sink.add(node, dct.title, text(series.title, series.language));
  if (series.description) sink.add(node, dct.description, text(series.description, series.language));
  for (const translation of series.translations) {
    if (translation.title) sink.add(node, dct.title, text(translation.title, translation.language));
    if (translation.description) sink.add(node, dct.description, text(translation.description, translation.language));
  }
  sink.add(node, dct.issued, calendarDate(series.issued));
  sink.add(node, dct.modified, dateTime(series.modified));
  return node;
}
