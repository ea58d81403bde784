/**
 * The text being redacted, and a copy of it for matching. The copy has the same length and indices as the text
 * (every change is one UTF-16 unit for one): full-width ASCII (０-９, Ａ-Ｚ, ＋, －, （, ：, ＠ …) becomes ASCII,
 * ideographic and no-break spaces become spaces, dashes become hyphens. Every span already decided — masked, or kept on
 * purpose — is overwritten in the copy by `claimed`, which later patterns treat like a letter or digit: nothing starts
 * or ends next to it, and nothing matches inside it.
 */
export const claimed = '\uE000';

export interface Claim {
  start: number;
  end: number;
  /** The masked form, or null for a span kept as it is (a date, a document number, a listed value). */
  replacement: string | null;
  kind: string | null;
}

export function normalizeForMatching(text: string): string {
  const units = new Array<string>(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) units[i] = String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000 || code === 0x00a0 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f) units[i] = ' ';
    else if ((code >= 0x2010 && code <= 0x2015) || code === 0x2212) units[i] = '-';
    else units[i] = text[i] as string;
  }
  return units.join('');
}

export class WorkingText {
  readonly original: string;
  private units: string[];
  private current: string;
  private readonly claims: Claim[] = [];
  private pending: Claim[] = [];

  constructor(original: string) {
    this.original = original;
    this.current = normalizeForMatching(original);
    this.units = this.current.split('');
  }

  /** The matching copy as it stands after the last `commit`. */
  get text(): string {
    return this.current;
  }

  isFree(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.units[i] === claimed) return false;
    return true;
  }

  /** Decide a span; takes effect in the matching copy at the next `commit` (so a pass's regex runs on a stable string). */
  claim(start: number, end: number, kind: string | null, replacement: string | null): void {
    if (end <= start) return;
    this.pending.push({ start, end, kind, replacement });
  }

  commit(): void {
    for (const claim of this.pending) {
      if (!this.isFree(claim.start, claim.end)) continue;
      for (let i = claim.start; i < claim.end; i++) this.units[i] = claimed;
      this.claims.push(claim);
    }
    this.pending = [];
    this.current = this.units.join('');
  }

  /** The text with every masked span replaced, and where each was in the original. */
  result(): { text: string; masked: Claim[] } {
    const masked = this.claims.filter((c) => c.replacement !== null).sort((a, b) => a.start - b.start);
    let text = '';
    let at = 0;
    for (const claim of masked) {
      text += this.original.slice(at, claim.start) + claim.replacement;
      at = claim.end;
    }
    return { text: text + this.original.slice(at), masked };
  }
}
