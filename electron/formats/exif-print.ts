import type { JsonValue } from '../../shared/domain/json';

/**
 * ExifTool's print conversions (lib/Image/ExifTool/Exif.pm, GPS.pm) for the EXIF tags analysts read most: the text
 * `exiftool` shows without `-n`. The machine value stays beside it as `raw`. Tables are ExifTool's own wording, so a
 * value can be searched for with the same words an analyst copies from ExifTool output.
 */

type Table = Readonly<Record<number | string, string>>;

const ORIENTATION: Table = {
  1: 'Horizontal (normal)',
  2: 'Mirror horizontal',
  3: 'Rotate 180',
  4: 'Mirror vertical',
  5: 'Mirror horizontal and rotate 270 CW',
  6: 'Rotate 90 CW',
  7: 'Mirror horizontal and rotate 90 CW',
  8: 'Rotate 270 CW',
};
const RESOLUTION_UNIT: Table = { 1: 'None', 2: 'inches', 3: 'cm' };
const FOCAL_PLANE_UNIT: Table = { 1: 'None', 2: 'inches', 3: 'cm', 4: 'mm', 5: 'um' };
const EXPOSURE_PROGRAM: Table = {
  0: 'Not Defined',
  1: 'Manual',
  2: 'Program AE',
  3: 'Aperture-priority AE',
  4: 'Shutter speed priority AE',
  5: 'Creative (Slow speed)',
  6: 'Action (High speed)',
  7: 'Portrait',
  8: 'Landscape',
  9: 'Bulb',
};
const METERING_MODE: Table = {
  0: 'Unknown',
  1: 'Average',
  2: 'Center-weighted average',
  3: 'Spot',
  4: 'Multi-spot',
  5: 'Multi-segment',
  6: 'Partial',
  255: 'Other',
};
const LIGHT_SOURCE: Table = {
  0: 'Unknown',
  1: 'Daylight',
  2: 'Fluorescent',
  3: 'Tungsten (Incandescent)',
  4: 'Flash',
  9: 'Fine Weather',
  10: 'Cloudy',
  11: 'Shade',
  12: 'Daylight Fluorescent',
  13: 'Day White Fluorescent',
  14: 'Cool White Fluorescent',
  15: 'White Fluorescent',
  16: 'Warm White Fluorescent',
  17: 'Standard Light A',
  18: 'Standard Light B',
  19: 'Standard Light C',
  20: 'D55',
  21: 'D65',
  22: 'D75',
  23: 'D50',
  24: 'ISO Studio Tungsten',
  255: 'Other',
};
const FLASH: Table = {
  0x00: 'No Flash',
  0x01: 'Fired',
  0x05: 'Fired, Return not detected',
  0x07: 'Fired, Return detected',
  0x08: 'On, Did not fire',
  0x09: 'On, Fired',
  0x0d: 'On, Return not detected',
  0x0f: 'On, Return detected',
  0x10: 'Off, Did not fire',
  0x14: 'Off, Did not fire, Return not detected',
  0x18: 'Auto, Did not fire',
  0x19: 'Auto, Fired',
  0x1d: 'Auto, Fired, Return not detected',
  0x1f: 'Auto, Fired, Return detected',
  0x20: 'No flash function',
  0x30: 'Off, No flash function',
  0x41: 'Fired, Red-eye reduction',
  0x45: 'Fired, Red-eye reduction, Return not detected',
  0x47: 'Fired, Red-eye reduction, Return detected',
  0x49: 'On, Red-eye reduction',
  0x4d: 'On, Red-eye reduction, Return not detected',
  0x4f: 'On, Red-eye reduction, Return detected',
  0x50: 'Off, Red-eye reduction',
  0x58: 'Auto, Did not fire, Red-eye reduction',
  0x59: 'Auto, Fired, Red-eye reduction',
  0x5d: 'Auto, Fired, Red-eye reduction, Return not detected',
  0x5f: 'Auto, Fired, Red-eye reduction, Return detected',
};
const COMPRESSION: Table = {
  1: 'Uncompressed',
  2: 'CCITT 1D',
  3: 'T4/Group 3 Fax',
  4: 'T6/Group 4 Fax',
  5: 'LZW',
  6: 'JPEG (old-style)',
  7: 'JPEG',
  8: 'Adobe Deflate',
  9: 'JBIG B&W',
  10: 'JBIG Color',
  99: 'JPEG',
  262: 'Kodak 262',
  32766: 'Next',
  32767: 'Sony ARW Compressed',
  32769: 'Packed RAW',
  32770: 'Samsung SRW Compressed',
  32771: 'CCIRLEW',
  32772: 'Samsung SRW Compressed 2',
  32773: 'PackBits',
  32809: 'Thunderscan',
  32867: 'Kodak KDC Compressed',
  32895: 'IT8CTPAD',
  32896: 'IT8LW',
  32897: 'IT8MP',
  32898: 'IT8BL',
  32908: 'PixarFilm',
  32909: 'PixarLog',
  32946: 'Deflate',
  32947: 'DCS',
  33003: 'Aperio JPEG 2000 YCbCr',
  33005: 'Aperio JPEG 2000 RGB',
  34661: 'JBIG',
  34676: 'SGILog',
  34677: 'SGILog24',
  34712: 'JPEG 2000',
  34713: 'Nikon NEF Compressed',
  34316: 'Panasonic RAW 1',
  34826: 'Panasonic RAW 2',
  34828: 'Panasonic RAW 3',
  34830: 'Panasonic RAW 4',
  34715: 'JBIG2 TIFF FX',
  34892: 'Lossy JPEG',
  34925: 'LZMA2',
  34933: 'PNG',
  34934: 'JPEG XR',
  50000: 'ZSTD',
  50001: 'WebP',
  50002: 'JPEG XL (old ID)',
  52546: 'JPEG XL',
  65000: 'Kodak DCR Compressed',
  65535: 'Pentax PEF Compressed',
};
const PHOTOMETRIC: Table = {
  0: 'WhiteIsZero',
  1: 'BlackIsZero',
  2: 'RGB',
  3: 'RGB Palette',
  4: 'Transparency Mask',
  5: 'CMYK',
  6: 'YCbCr',
  8: 'CIELab',
  9: 'ICCLab',
  10: 'ITULab',
  32803: 'Color Filter Array',
  32844: 'Pixar LogL',
  32845: 'Pixar LogLuv',
  32892: 'Sequential Color Filter',
  34892: 'Linear Raw',
  51177: 'Depth Map',
  52527: 'Semantic Mask',
};
const SENSING_METHOD: Table = {
  1: 'Not defined',
  2: 'One-chip color area',
  3: 'Two-chip color area',
  4: 'Three-chip color area',
  5: 'Color sequential area',
  7: 'Trilinear',
  8: 'Color sequential linear',
};
const NORMAL_LOW_HIGH: Table = { 0: 'Normal', 1: 'Low', 2: 'High' };
const NORTH_REF: Table = { M: 'Magnetic North', T: 'True North' };

/** Tables by tag name; one table serves every group the tag appears in, as in ExifTool. */
const TABLES: Readonly<Record<string, Table>> = {
  SubfileType: {
    0: 'Full-resolution image',
    1: 'Reduced-resolution image',
    2: 'Single page of multi-page image',
    3: 'Single page of multi-page reduced-resolution image',
    4: 'Transparency mask',
    5: 'Transparency mask of reduced-resolution image',
    6: 'Transparency mask of multi-page image',
    7: 'Transparency mask of reduced-resolution multi-page image',
    8: 'Depth map',
    9: 'Depth map of reduced-resolution image',
    16: 'Enhanced image data',
    0x10001: 'Alternate reduced-resolution image',
  },
  SampleFormat: { 1: 'Unsigned', 2: 'Signed', 3: 'Float', 4: 'Undefined', 5: 'Complex int', 6: 'Complex float' },
  Predictor: {
    1: 'None',
    2: 'Horizontal differencing',
    3: 'Floating point',
    34892: 'Horizontal difference X2',
    34893: 'Horizontal difference X4',
    34894: 'Floating point X2',
    34895: 'Floating point X4',
  },
  SensitivityType: {
    0: 'Unknown',
    1: 'Standard Output Sensitivity',
    2: 'Recommended Exposure Index',
    3: 'ISO Speed',
    4: 'Standard Output Sensitivity and Recommended Exposure Index',
    5: 'Standard Output Sensitivity and ISO Speed',
    6: 'Recommended Exposure Index and ISO Speed',
    7: 'Standard Output Sensitivity, Recommended Exposure Index and ISO Speed',
  },
  Orientation: ORIENTATION,
  ResolutionUnit: RESOLUTION_UNIT,
  FocalPlaneResolutionUnit: FOCAL_PLANE_UNIT,
  YCbCrPositioning: { 1: 'Centered', 2: 'Co-sited' },
  ExposureProgram: EXPOSURE_PROGRAM,
  MeteringMode: METERING_MODE,
  LightSource: LIGHT_SOURCE,
  CalibrationIlluminant1: LIGHT_SOURCE,
  CalibrationIlluminant2: LIGHT_SOURCE,
  Flash: FLASH,
  ColorSpace: { 1: 'sRGB', 2: 'Adobe RGB', 0xfffd: 'Wide Gamut RGB', 0xfffe: 'ICC Profile', 0xffff: 'Uncalibrated' },
  Compression: COMPRESSION,
  PhotometricInterpretation: PHOTOMETRIC,
  PlanarConfiguration: { 1: 'Chunky', 2: 'Planar' },
  SensingMethod: SENSING_METHOD,
  ExposureMode: { 0: 'Auto', 1: 'Manual', 2: 'Auto bracket' },
  WhiteBalance: { 0: 'Auto', 1: 'Manual' },
  SceneCaptureType: { 0: 'Standard', 1: 'Landscape', 2: 'Portrait', 3: 'Night', 4: 'Other' },
  CustomRendered: {
    0: 'Normal',
    1: 'Custom',
    2: 'HDR (no original saved)',
    3: 'HDR (original saved)',
    4: 'Original (for HDR)',
    6: 'Panorama',
    7: 'Portrait HDR',
    8: 'Portrait',
  },
  GainControl: { 0: 'None', 1: 'Low gain up', 2: 'High gain up', 3: 'Low gain down', 4: 'High gain down' },
  Contrast: NORMAL_LOW_HIGH,
  Saturation: NORMAL_LOW_HIGH,
  Sharpness: { 0: 'Normal', 1: 'Soft', 2: 'Hard' },
  SubjectDistanceRange: { 0: 'Unknown', 1: 'Macro', 2: 'Close', 3: 'Distant' },
  FileSource: { 1: 'Film Scanner', 2: 'Reflection Print Scanner', 3: 'Digital Camera' },
  SceneType: { 1: 'Directly photographed' },
  InteropIndex: { R98: 'R98 - DCF basic file (sRGB)', R03: 'R03 - DCF option file (Adobe RGB)', THM: 'THM - DCF thumbnail file' },
  GPSLatitudeRef: { N: 'North', S: 'South' },
  GPSDestLatitudeRef: { N: 'North', S: 'South' },
  GPSLongitudeRef: { E: 'East', W: 'West' },
  GPSDestLongitudeRef: { E: 'East', W: 'West' },
  GPSImgDirectionRef: NORTH_REF,
  GPSDestBearingRef: NORTH_REF,
  GPSTrackRef: NORTH_REF,
  GPSSpeedRef: { K: 'km/h', M: 'mph', N: 'knots' },
  GPSDestDistanceRef: { K: 'Kilometers', M: 'Miles', N: 'Nautical Miles' },
  GPSStatus: { A: 'Measurement Active', V: 'Measurement Void' },
  GPSMeasureMode: { 2: '2-Dimensional Measurement', 3: '3-Dimensional Measurement' },
  GPSDifferential: { 0: 'No Correction', 1: 'Differential Corrected' },
};

/** ExifTool's PrintExposureTime: fractions of a second up to 1/4 s, decimal seconds above. */
export function printExposureTime(secs: number): string {
  if (secs > 0 && secs < 0.25001) return `1/${Math.floor(0.5 + 1 / secs)}`;
  return secs.toFixed(1).replace(/\.0$/, '');
}

/** ExifTool's PrintFraction: exposure compensation as +1/3, -2/3, +1, or three significant digits. */
export function printFraction(value: number): string {
  const v = value * 1.00001; // ExifTool's own nudge against round-off (0.3333 is still a third)
  if (!v) return '0';
  const sign = (n: number): string => (n >= 0 ? `+${n}` : String(n));
  if (Math.trunc(v) / v > 0.999) return sign(Math.trunc(v));
  if (Math.trunc(v * 2) / (v * 2) > 0.999) return `${sign(Math.trunc(v * 2))}/2`;
  if (Math.trunc(v * 3) / (v * 3) > 0.999) return `${sign(Math.trunc(v * 3))}/3`;
  const g = Number(v.toPrecision(3));
  return g >= 0 ? `+${g}` : String(g);
}

/**
 * ExifTool's ToDMS with its default CoordFormat `%d deg %d' %.2f"`: seconds that round to 60.00 carry into the
 * minutes (and degrees), as ExifTool does. `ref` ('N' or 'E') adds the hemisphere letter and makes the number unsigned.
 */
export function toDms(value: number, ref?: 'N' | 'E'): string {
  const abs = Math.abs(value);
  let deg = Math.trunc(abs);
  let min = Math.trunc((abs - deg) * 60);
  let sec = Number(((abs - deg - min / 60) * 3600).toFixed(2));
  if (sec >= 60) {
    sec = 0;
    min++;
  }
  if (min >= 60) {
    min = 0;
    deg++;
  }
  const hemisphere = ref === undefined ? '' : ` ${value < 0 ? (ref === 'N' ? 'S' : 'W') : ref}`;
  return `${deg} deg ${min}' ${sec.toFixed(2)}"${hemisphere}`;
}

/** ExifTool's PrintLensInfo: "min max minF maxF" as `18-55mm f/3.5-5.6`, unknown parts as `?`. */
export function printLensInfo(value: string): string | undefined {
  const parts = value.split(' ').map((p) => (p === 'inf' || p === 'undef' ? '?' : p));
  if (parts.length !== 4 || parts.some((p) => p !== '?' && !Number.isFinite(Number(p)))) return undefined;
  const [minFocal, maxFocal, minF, maxF] = parts as [string, string, string, string];
  const focal = maxFocal !== '0' && maxFocal !== minFocal ? `${minFocal}-${maxFocal}` : minFocal;
  const aperture = maxF !== '0' && maxF !== minF ? `${minF}-${maxF}` : minF;
  return `${focal}mm f/${aperture}`;
}

/** `$val m`: the value was already rounded like ExifTool's (10 digits), so JS and Perl print it alike. */
const withUnit = (unit: string) => (v: number | string) => (typeof v === 'number' ? `${v} ${unit}` : undefined);
const oneDecimal = (v: number | string) => (typeof v === 'number' ? v.toFixed(1) : undefined);

/** Formula conversions by tag name; each takes the raw value (a number unless the tag is text or a list). */
const FORMULAS: Readonly<Record<string, (v: number | string) => string | undefined>> = {
  ExposureTime: (v) => (typeof v === 'number' ? printExposureTime(v) : undefined),
  ShutterSpeedValue: (v) => (typeof v === 'number' ? printExposureTime(v) : undefined),
  FNumber: (v) => (typeof v === 'number' && v > 0 ? v.toFixed(v < 1 ? 2 : 1) : undefined),
  ApertureValue: oneDecimal,
  MaxApertureValue: oneDecimal,
  FocalLength: (v) => (typeof v === 'number' ? `${v.toFixed(1)} mm` : undefined),
  FocalLengthIn35mmFormat: withUnit('mm'),
  ExposureCompensation: (v) => (typeof v === 'number' ? printFraction(v) : undefined),
  SubjectDistance: withUnit('m'),
  GPSAltitude: withUnit('m'),
  GPSHPositioningError: withUnit('m'),
  GPSLatitude: (v) => (typeof v === 'number' ? toDms(v) : undefined),
  GPSLongitude: (v) => (typeof v === 'number' ? toDms(v) : undefined),
  GPSDestLatitude: (v) => (typeof v === 'number' ? toDms(v) : undefined),
  GPSDestLongitude: (v) => (typeof v === 'number' ? toDms(v) : undefined),
  LensInfo: (v) => (typeof v === 'string' ? printLensInfo(v) : undefined),
  DNGLensInfo: (v) => (typeof v === 'string' ? printLensInfo(v) : undefined),
  DNGVersion: (v) => (typeof v === 'string' ? v.replace(/ /g, '.') : undefined),
  DNGBackwardVersion: (v) => (typeof v === 'string' ? v.replace(/ /g, '.') : undefined),
};

/**
 * The text ExifTool prints for an EXIF/GPS tag's raw value, or `undefined` when ExifTool prints the value unchanged.
 * A coded value outside a table prints as ExifTool's `Unknown (n)`.
 */
export function printExifValue(tag: string, raw: JsonValue): string | undefined {
  if (typeof raw !== 'number' && typeof raw !== 'string') return undefined;
  const table = TABLES[tag];
  if (table) {
    const key = typeof raw === 'string' ? raw.trim() : raw;
    const text = table[key];
    if (text !== undefined) return text;
    return typeof raw === 'number' ? `Unknown (${raw})` : undefined;
  }
  return FORMULAS[tag]?.(raw);
}
