import { describe, expect, it } from 'vitest';
import { describeLogFilter, networkLabel, placeLabel } from './log-filter';

describe('log filter labels', () => {
  it('names a client, a network and a place the way the log view shows them', () => {
    expect(describeLogFilter({ ip: '175.167.13.9' })).toBe('Client 175.167.13.9');
    expect(describeLogFilter({ asn: 4837 })).toBe('AS4837');
    expect(describeLogFilter({ asn: 0 })).toBe('No AS');
    expect(describeLogFilter({ country: 'CN', region: 'Jilin' })).toBe('CN · Jilin');
    expect(describeLogFilter({ country: 'CN', region: '' })).toBe('CN · region unknown');
    expect(describeLogFilter({ country: '' })).toBe('??');
  });

  it('labels places and networks with their unknowns spelled out', () => {
    expect(placeLabel('CN', 'Liaoning')).toBe('CN · Liaoning');
    expect(placeLabel(null, null)).toBe('??');
    expect(networkLabel(56044, 'China Mobile Communications Corporation')).toBe('AS56044 China Mobile Communications Corporation');
    expect(networkLabel(null, 'private')).toBe('private');
    expect(networkLabel(null, null)).toBe('No AS');
  });
});
