import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../kernel/canonical-json.js';
import { entryText } from './events.js';

const text = fc.string({ unit: 'binary', maxLength: 12 });

describe('entryText', () => {
  it('writes exactly the RFC 8785 canonical JSON of the entry object', () => {
    fc.assert(
      fc.property(
        fc.record({
          salt: text,
          id: text,
          occurredAt: text,
          actor: fc.record({ id: fc.option(text, { nil: null }), label: text }),
          agencyId: fc.option(text, { nil: null }),
          subject: fc.record({ type: text, id: text }),
          action: text,
          state: fc.jsonValue(),
          stateDigest: fc.record({ sha256: text, sm3: text }),
        }),
        fc.boolean(),
        (entry, isAgencyMissing) => {
          const stateJson = canonicalJson(entry.state);
          const agencyId = isAgencyMissing ? undefined : entry.agencyId;
          const expected = canonicalJson({ ...entry, agencyId, state: JSON.parse(stateJson) });
          expect(entryText({ ...entry, agencyId, stateJson })).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
