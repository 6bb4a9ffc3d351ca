import { describe, expect, it } from 'vitest';
import { printExifValue, printExposureTime, printFraction, printLensInfo, toDms } from './exif-print';

// Expected strings are ExifTool 12.57's output for the same raw values (checked with `exiftool` on written files).
describe('ExifTool print conversions', () => {
  it('prints exposure times as fractions up to 1/4 s and as seconds above', () => {
    expect(printExposureTime(0.005)).toBe('1/200');
    expect(printExposureTime(1 / 41)).toBe('1/41');
    expect(printExposureTime(0.25)).toBe('1/4');
    expect(printExposureTime(0.3)).toBe('0.3');
    expect(printExposureTime(2)).toBe('2');
    expect(printExposureTime(2.5)).toBe('2.5');
  });

  it('prints exposure compensation as signed thirds and halves', () => {
    expect(printFraction(0)).toBe('0');
    expect(printFraction(1)).toBe('+1');
    expect(printFraction(0.3333333333)).toBe('+1/3');
    expect(printFraction(-2 / 3)).toBe('-2/3');
    expect(printFraction(-0.5)).toBe('-1/2');
    expect(printFraction(-0.65)).toBe('-0.65');
  });

  it('prints coordinates as degrees, minutes and seconds, carrying seconds that round to 60', () => {
    expect(toDms(33 + 51 / 60 + 35.4 / 3600)).toBe(`33 deg 51' 35.40"`);
    expect(toDms(37 + 33 / 60 + 59.999 / 3600, 'N')).toBe(`37 deg 34' 0.00" N`);
    expect(toDms(-(118 + 14 / 60 + 37 / 3600), 'E')).toBe(`118 deg 14' 37.00" W`);
    expect(toDms(-33.5, 'N')).toBe(`33 deg 30' 0.00" S`);
  });

  it('prints lens ranges with unknown apertures as ?', () => {
    expect(printLensInfo('24 70 2.8 2.8')).toBe('24-70mm f/2.8');
    expect(printLensInfo('16 50 3.5 5.6')).toBe('16-50mm f/3.5-5.6');
    expect(printLensInfo('15 85 undef undef')).toBe('15-85mm f/?');
    expect(printLensInfo('100 100 0 0')).toBe('100mm f/0');
    expect(printLensInfo('a b')).toBeUndefined();
  });

  it('looks coded values up in ExifTool tables, and names values outside them unknown', () => {
    expect(printExifValue('Flash', 0x10)).toBe('Off, Did not fire');
    expect(printExifValue('Flash', 0x07)).toBe('Fired, Return detected');
    expect(printExifValue('Orientation', 6)).toBe('Rotate 90 CW');
    expect(printExifValue('MeteringMode', 2)).toBe('Center-weighted average');
    expect(printExifValue('ExposureProgram', 2)).toBe('Program AE');
    expect(printExifValue('ColorSpace', 1)).toBe('sRGB');
    expect(printExifValue('Compression', 7)).toBe('JPEG');
    expect(printExifValue('MeteringMode', 42)).toBe('Unknown (42)');
    expect(printExifValue('GPSLongitudeRef', 'W')).toBe('West');
    expect(printExifValue('FocalLength', 50)).toBe('50.0 mm');
    expect(printExifValue('FNumber', 0.64)).toBe('0.64');
    expect(printExifValue('GPSAltitude', 1252)).toBe('1252 m');
    expect(printExifValue('DNGVersion', '1 4 0 0')).toBe('1.4.0.0');
    expect(printExifValue('Make', 'Canon')).toBeUndefined();
  });
});
