/** Content-Disposition with a Chinese file name (RFC 6266 / RFC 5987): an ASCII fallback plus the UTF-8 name. */
export function contentDisposition(type: 'inline' | 'attachment', filename: string, fallback: string): string {
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}
