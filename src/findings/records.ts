/** Findings in the flat form reports print (`eval --json`). */
import type { JsonPath, Severity } from '../engine/index.ts';
import type { FindingCode } from './codes.ts';
import type { Finding } from './types.ts';

/** A finding as `eval --json` prints it: position as line and column (1-based; null when unknown). */
export interface FindingRecord {
  code: FindingCode;
  severity: Severity;
  message: string;
  path: JsonPath;
  line: number | null;
  column: number | null;
  docs: string;
}

/** The machine-readable form of findings for `eval --json` and other reports. */
export function findingRecords(findings: readonly Finding[]): FindingRecord[] {
  return findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    message: f.message,
    path: f.path,
    line: f.range?.line ?? null,
    column: f.range?.column ?? null,
    docs: f.docs.url,
  }));
}
