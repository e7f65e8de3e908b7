// What is kept of an uploaded image: decoded by sharp within the pixel limit (checked from the
// header before anything is decoded, and again by sharp itself), turned upright, and re-encoded
// in its own format without its metadata (EXIF, with the place a photo was taken, XMP, comments),
// which also drops whatever else a polyglot carried after or between its pixels; and a WebP
// thumbnail. Images are decoded in memory: their size is bounded by FILE_SIZE_LIMIT_MB and what
// they decode to by FILE_MAX_MEGAPIXELS.
import type createSharp from 'sharp';
import type { Metadata, Sharp, SharpOptions } from 'sharp';
import { AppError } from '../../domain/errors.js';
import { checkImagePixels, THUMBNAIL_SIZE } from '../../domain/files/fileLimits.js';

let loading: Promise<typeof createSharp> | undefined;

/** sharp (libvips) is loaded with the first image, not at start-up, which it would slow. */
function loadSharp(): Promise<typeof createSharp> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    // Every image is new: libvips's operation cache would only hold memory.
    sharp.cache(false);
    return sharp;
  });
  return loading;
}

const FORMAT_OF: Record<string, 'png' | 'jpeg' | 'gif' | 'webp'> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

export interface ProcessedImage {
  image: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
}

const unreadable = (label: string) =>
  new AppError('FILE_UNREADABLE', `The file starts like ${label} but cannot be read as one`);

/** The image to keep and its thumbnail, from `input` whose content was found to be `mime`. */
export async function processImage(
  input: Buffer,
  mime: string,
  label: string,
  maxPixels: number,
): Promise<ProcessedImage> {
  const format = FORMAT_OF[mime];
  if (!format) throw new Error(`not a raster image type: ${mime}`);
  const sharp = await loadSharp();
  let metadata: Metadata;
  try {
    // The header alone: the pixel limit is ours to apply, with a message saying why.
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw unreadable(label);
  }
  // libvips must read it as the type the content was decided to be, or it is not what it says.
  if (metadata.format !== format || !metadata.width || !metadata.height) throw unreadable(label);
  const frames = metadata.pages ?? 1;
  const frameHeight = metadata.pageHeight ?? metadata.height;
  checkImagePixels(metadata.width, frameHeight, frames, maxPixels);
  const options: SharpOptions = {
    limitInputPixels: maxPixels,
    failOn: 'error',
    animated: frames > 1,
  };
  try {
    const { data: image, info } = await encode(sharp(input, options).rotate(), format).toBuffer({
      resolveWithObject: true,
    });
    const thumbnail = await sharp(input, { ...options, animated: false })
      .rotate()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer();
    return { image, thumbnail, width: info.width, height: info.pageHeight ?? info.height };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unreadable(label);
  }
}

function encode(pipeline: Sharp, format: 'png' | 'jpeg' | 'gif' | 'webp'): Sharp {
  switch (format) {
    case 'png':
      return pipeline.png();
    case 'jpeg':
      return pipeline.jpeg({ quality: 90 });
    case 'gif':
      return pipeline.gif();
    case 'webp':
      return pipeline.webp({ quality: 90 });
  }
}
