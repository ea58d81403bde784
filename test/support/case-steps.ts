/**
 * Recording a case's steps through the API in tests: at the case's current version, as the staff app does.
 */
import type { Client } from './http.js';

// biome-ignore lint/suspicious/noExplicitAny: API answers are read loosely in tests
export type Json = Record<string, any>;

/** The legal review's nine findings, every point passed (no possible crime). */
export const passedFindings = {
  authority: 'pass',
  qualification: 'pass',
  procedure: 'pass',
  factsClear: 'pass',
  evidence: 'pass',
  legalBasis: 'pass',
  discretion: 'pass',
  documents: 'pass',
  crime: 'not_applicable',
} as const;

/** Posts a step at the case's current version and answers the raw response (for tests of refusals). */
export async function postStep(client: Client, caseId: string, body: Json) {
  const current = (await client.request({ method: 'GET', url: `/api/cases/${caseId}` })).json();
  return client.request({ method: 'POST', url: `/api/cases/${caseId}/steps`, payload: { version: current.version, ...body } });
}

/** Posts a step that must be accepted; otherwise fails with the server's answer. Answers the case as it now is. */
export async function recordStep(client: Client, caseId: string, body: Json): Promise<Json> {
  const response = await postStep(client, caseId, body);
  if (response.statusCode !== 200) throw new Error(`${String(body.step)}: ${response.statusCode} ${response.body}`);
  return response.json() as Json;
}
