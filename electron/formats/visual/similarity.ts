/**
 * Largest pHash distance at which two pictures are taken for the same one. Measured on a generated drawing: re-saved,
 * 50 % resized, JPEG q60, WebP, TIFF, GIF, greyscale and hue-rotated copies are 0 to 4 bits away and copies cropped
 * by 3 to 5 % per side 4; 100 unrelated seeded drawings were 22 or more bits from it and 16 or more from each other
 * (4,950 pairs). 10 sits in the gap with room on both sides. dHash separates less well (a 5 % crop moved it 15 bits,
 * while two unrelated drawings came as close as 13), so it is kept as corroboration, not used to cluster.
 */
export const SIMILARITY_THRESHOLD = 10;
