import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { cjkWorkbook, streamsOf } from '../../test-support/generate/legacy-office';
import { workbookText } from './excel';

const workbook = streamsOf(cjkWorkbook().bytes).get('Workbook')!;
const record = (type: number, data: Uint8Array): Uint8Array => {
  const out = new Uint8Array(4 + data.byteLength);
  const view = new DataView(out.buffer);
  view.setUint16(0, type, true);
  view.setUint16(2, data.byteLength, true);
  out.set(data, 4);
  return out;
};
const join = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));
const bof = (kind: number): Uint8Array => record(0x0809, Uint8Array.of(0, 6, kind, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
const u16 = (n: number): number[] => [n & 0xff, n >> 8];

describe('workbookText', () => {
  it('joins a shared string whose characters switch from 8-bit to UTF-16 in a CONTINUE record', () => {
    expect(workbookText(workbook).text?.split('\n')[1]).toBe('시간표\tScene 12 - 修改意见 수정 의견\t\t7.5');
  });

  it('reads the string a formula cached, and BIFF5 labels in the CODEPAGE the workbook declares', () => {
    const gbk = Uint8Array.from(iconv.encode('第二十', 'gbk'));
    const biff5Bof = (kind: number): Uint8Array => record(0x0809, Uint8Array.of(0, 5, kind, 0, 0, 0, 0, 0));
    const formula = new Uint8Array(20);
    formula.set([0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]);
    const book = join(
      biff5Bof(0x0005),
      record(0x0042, Uint8Array.of(...u16(936))),
      record(0x000a, new Uint8Array(0)),
      biff5Bof(0x0010),
      record(0x0204, Uint8Array.of(0, 0, 0, 0, 15, 0, ...u16(gbk.byteLength), ...gbk)),
      record(0x0006, formula),
      record(0x0207, Uint8Array.of(...u16(2), ...Buffer.from('ok'))),
      record(0x000a, new Uint8Array(0)),
    );
    expect(workbookText(book)).toEqual({ text: 'Sheet1\t第二十\tok', warnings: [] });
  });

  it('stops at FILEPASS: an encrypted workbook has no readable text', () => {
    expect(workbookText(join(bof(5), record(0x002f, new Uint8Array(6)), record(0x000a, new Uint8Array(0))))).toEqual({
      warnings: ['Excel workbook is encrypted: its text was not extracted'],
    });
  });

  it('warns about a shared string table cut short and keeps what it read', () => {
    const sst = Uint8Array.of(0, 0, 0, 0, 2, 0, 0, 0, ...u16(2), 0, ...Buffer.from('ab'), ...u16(9), 0, ...Buffer.from('cd'));
    expect(workbookText(join(bof(5), record(0x00fc, sst), record(0x000a, new Uint8Array(0))))).toEqual({
      text: 'ab',
      warnings: ['Excel: shared string 1 is truncated'],
    });
  });

  it('survives every truncation of a real workbook stream', () => {
    for (let cut = 0; cut < workbook.byteLength; cut += 7) workbookText(workbook.subarray(0, cut));
  });
});
