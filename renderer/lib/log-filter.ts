import type { LogFilter } from '../../shared/domain/logs';

/** `CN · Liaoning`, with `??` for an unknown country and no region part when there is none. */
export function placeLabel(country: string | null | undefined, region: string | null | undefined): string {
  return [country || '??', region].filter(Boolean).join(' · ');
}

/** `AS4837 CHINA UNICOM China169 Backbone`; `private` or `No AS` when the address has none. */
export function networkLabel(asn: number | null | undefined, network: string | null | undefined): string {
  if (asn !== null && asn !== undefined && asn !== 0) return `AS${asn}${network ? ` ${network}` : ''}`;
  return network || 'No AS';
}

/** What a filter narrows requests to, as the timeline's filter chip says it: `Client 1.2.3.4`, `CN · Jilin`, `AS4837`. */
export function describeLogFilter(filter: LogFilter): string {
  const parts: string[] = [];
  if (filter.ip !== undefined) parts.push(`Client ${filter.ip}`);
  if (filter.asn !== undefined) parts.push(filter.asn === 0 ? 'No AS' : `AS${filter.asn}`);
  if (filter.country !== undefined || filter.region !== undefined)
    parts.push(
      filter.region === ''
        ? `${filter.country || '??'} · region unknown`
        : placeLabel(filter.country === '' ? null : filter.country, filter.region),
    );
  return parts.join(', ');
}
