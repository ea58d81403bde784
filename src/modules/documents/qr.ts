import QRCode from 'qrcode';

/** The verification QR code (error correction M, no quiet zone: the layout leaves the white space) as SVG, for the PDF. */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
}

/** The same code as a PNG (for Word), 8 pixels a module: sharp when printed at 2 cm. */
export function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', margin: 0, scale: 8, errorCorrectionLevel: 'M' });
}

/** The caption printed under the code. */
export const qrCaption = '扫码核验';
