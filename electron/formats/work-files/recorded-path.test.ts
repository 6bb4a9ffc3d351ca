import { describe, expect, it } from 'vitest';
import { looksLikeAbsolutePath, splitRecordedPath } from './recorded-path';

describe('splitRecordedPath', () => {
  it('splits a Windows path with Korean folders and finds the user of C:\\Users', () => {
    expect(splitRecordedPath('D:\\작업\\invincible\\ep3\\bg_수정.png', 'footage')).toEqual({
      path: 'D:\\작업\\invincible\\ep3\\bg_수정.png',
      style: 'windows',
      drive: 'D:',
      folders: ['작업', 'invincible', 'ep3'],
      file: 'bg_수정.png',
      where: 'footage',
    });
    expect(splitRecordedPath('c:/Users/김철수/Desktop/원화/', 'x')).toMatchObject({
      drive: 'C:',
      user: '김철수',
      folders: ['Users', '김철수', 'Desktop', '원화'],
    });
    expect(splitRecordedPath('C:\\Documents and Settings\\zhang\\桌面\\修改.psd', 'x')).toMatchObject({ user: 'zhang', file: '修改.psd' });
  });

  it('splits macOS paths: home folders, volumes, and the volume name Photoshop puts in file URLs', () => {
    expect(splitRecordedPath('/Users/zhang/Desktop/原画/cut012_修改.psd', 'x')).toMatchObject({
      style: 'mac',
      user: 'zhang',
      folders: ['Users', 'zhang', 'Desktop', '原画'],
      file: 'cut012_修改.psd',
    });
    expect(splitRecordedPath('/Volumes/작업디스크/invincible/ep3.aep', 'x')).toMatchObject({
      style: 'mac',
      drive: '작업디스크',
      folders: ['invincible'],
    });
    expect(splitRecordedPath('file:///Macintosh HD/Users/Joey/psd_files/linked-layer.png', 'x')).toMatchObject({
      style: 'mac',
      drive: 'Macintosh HD',
      user: 'Joey',
      folders: ['Users', 'Joey', 'psd_files'],
      file: 'linked-layer.png',
    });
    expect(splitRecordedPath('Macintosh HD:Users:kim:원화:cut012.psd', 'x')).toMatchObject({
      style: 'mac',
      drive: 'Macintosh HD',
      user: 'kim',
      file: 'cut012.psd',
    });
  });

  it('decodes file URLs (percent-escapes, drive letters, hosts) and splits network shares', () => {
    expect(splitRecordedPath('file:///D:/%EC%9E%91%EC%97%85/a.png', 'x')).toMatchObject({
      style: 'windows',
      drive: 'D:',
      folders: ['작업'],
      file: 'a.png',
    });
    expect(splitRecordedPath('file://studio-nas/share/원화/a.png', 'x')).toMatchObject({
      style: 'unc',
      host: 'studio-nas',
      folders: ['share', '원화'],
    });
    expect(splitRecordedPath('\\\\192.168.0.7\\작업\\ep3\\cut012.mov', 'x')).toMatchObject({
      style: 'unc',
      host: '192.168.0.7',
      folders: ['작업', 'ep3'],
      file: 'cut012.mov',
    });
  });

  it('keeps POSIX home folders, Shared and Public not counting as users, and relative paths as they are', () => {
    expect(splitRecordedPath('/home/pak/animation/ep3/a.tnz', 'x')).toMatchObject({ style: 'posix', user: 'pak' });
    expect(splitRecordedPath('/Users/Shared/원화/a.psd', 'x')?.user).toBeUndefined();
    expect(splitRecordedPath('C:\\Users\\Public\\a.psd', 'x')?.user).toBeUndefined();
    expect(splitRecordedPath('"+drawings/원화_A.pli"', 'x')).toEqual({
      path: '+drawings/원화_A.pli',
      style: 'relative',
      folders: ['+drawings'],
      file: '원화_A.pli',
      where: 'x',
    });
    expect(splitRecordedPath('  ', 'x')).toBeUndefined();
  });
});

describe('looksLikeAbsolutePath', () => {
  it.each([
    ['D:\\작업\\a.png', true],
    ['/Users/kim/a.psd', true],
    ['\\\\nas\\share\\a', true],
    ['file:///C:/a.png', true],
    ['Macintosh HD:Users:kim:a.psd', true],
    ['Comp 01', false],
    ['javascript-1.0', false],
    ['a/b', false],
    ['/', false],
    ['12:30:45', false],
  ])('%s → %s', (text, expected) => {
    expect(looksLikeAbsolutePath(text)).toBe(expected);
  });
});
