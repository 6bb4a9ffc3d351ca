import { describe, expect, it } from 'vitest';
import { cjkPresentation, streamsOf } from '../../test-support/generate/legacy-office';
import { powerPointText } from './powerpoint';

const streams = streamsOf(cjkPresentation().bytes);
const document = streams.get('PowerPoint Document')!;
const currentUser = streams.get('Current User')!;

describe('powerPointText', () => {
  it('reads only the records the last edit left live, without master-slide prompts', () => {
    const { text, warnings } = powerPointText(document, currentUser);
    expect(warnings).toEqual([]);
    expect(text).toBe('第12话 原画审核\n원화 검토\nReview notes\n\n수정 의견\n눈 크기 조정\n\n备注：第3镜');
  });

  it('falls back to every record in file order when the edit chain is broken, and says so', () => {
    const broken = currentUser.slice();
    new DataView(broken.buffer).setUint32(16, 3, true);
    const { text, warnings } = powerPointText(document, broken);
    expect(warnings).toEqual(['PowerPoint: no UserEditAtom at byte 3; every record was read']);
    expect(text?.startsWith('旧标题 (superseded)')).toBe(true);
    expect(powerPointText(document).text).toContain('旧标题 (superseded)');
  });

  it('does not read an encrypted presentation', () => {
    const encrypted = currentUser.slice();
    new DataView(encrypted.buffer).setUint32(12, 0xf3d1c4df, true);
    expect(powerPointText(document, encrypted)).toEqual({ warnings: ['PowerPoint presentation is encrypted: its text was not extracted'] });
  });

  it('warns about a record that runs past its container and keeps the text before it', () => {
    const cut = document.subarray(0, 60);
    const { warnings } = powerPointText(cut);
    expect(warnings[0]).toMatch(/^PowerPoint: record 0x3e8 at byte 0 runs past its container$/);
    for (let n = 0; n < document.byteLength; n += 5) powerPointText(document.subarray(0, n), currentUser);
  });
});
