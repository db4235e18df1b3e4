import sharp from 'sharp';

const MAX_INPUT_PIXELS = 50_000_000;
const SCREENSHOT_WIDTH = 1000;
const SCREENSHOT_MAX_HEIGHT = 1500;

const toDataUri = (jpeg: Buffer) => `data:image/jpeg;base64,${jpeg.toString('base64')}`;

/**
 * The screenshot as it goes into the PDF: scaled to the page width, the top part only (the full one is in
 * the pack), blurred here with sharp when it must be, so the unblurred pixels are never inside the PDF.
 */
export async function screenshotForReport(png: Buffer, blur: boolean, bannerHeight = 0): Promise<{ dataUri: string; cropped: boolean; picture: { width: number; height: number }; shownHeight: number } | null> {
  try {
    const original = await sharp(png, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    const scaled = await sharp(png, { limitInputPixels: MAX_INPUT_PIXELS }).resize({ width: SCREENSHOT_WIDTH, withoutEnlargement: true }).png().toBuffer({ resolveWithObject: true });
    const height = Math.min(scaled.info.height, SCREENSHOT_MAX_HEIGHT);
    const top = await sharp(scaled.data).extract({ left: 0, top: 0, width: scaled.info.width, height }).png().toBuffer();
    let pipeline = sharp(top);
    if (blur) {
      pipeline = pipeline.blur(28);
      // The stamped banner (URL, time, capture id) stays readable: only the page below it is blurred.
      const bannerRows = Math.min(height, Math.ceil((bannerHeight * scaled.info.width) / (original.width || scaled.info.width)));
      if (bannerRows > 0) pipeline = pipeline.composite([{ input: await sharp(top).extract({ left: 0, top: 0, width: scaled.info.width, height: bannerRows }).png().toBuffer(), top: 0, left: 0 }]);
    }
    // The size of the screenshot and how much of it (in its own pixels) the report shows, for outlines drawn over it.
    const picture = { width: original.width || scaled.info.width, height: original.height || scaled.info.height };
    const shownHeight = Math.min(picture.height, (height * picture.height) / scaled.info.height);
    return { dataUri: toDataUri(await pipeline.jpeg({ quality: 72 }).toBuffer()), cropped: scaled.info.height > height, picture, shownHeight };
  } catch {
    return null;
  }
}

/** A matched image from a hostile page: decoded with a pixel limit, shrunk, blurred when asked; null when it cannot be decoded. */
export async function thumbnailForReport(bytes: Buffer, blur: boolean): Promise<string | null> {
  try {
    let pipeline = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate().resize({ width: 320, height: 320, fit: 'inside', withoutEnlargement: false }).flatten({ background: '#ffffff' });
    if (blur) pipeline = pipeline.blur(20);
    return toDataUri(await pipeline.jpeg({ quality: 70 }).toBuffer());
  } catch {
    return null;
  }
}

/** What the dashboard shows before someone chooses to reveal a sensitive image: heavily blurred, never the original pixels. */
export async function blurredPreview(bytes: Buffer): Promise<Buffer | null> {
  try {
    return await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: 800, height: 2400, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .blur(30)
      .jpeg({ quality: 60 })
      .toBuffer();
  } catch {
    return null;
  }
}
