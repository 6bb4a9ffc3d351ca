export { imageExtractor } from './image-extractor';
export { detectImageFormat, type ImageFormat } from './format';
