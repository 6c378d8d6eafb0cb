/**
 * The validation report: what an operator needs to understand a verdict without reading XML.
 * Which element each signature covered, which trusted certificate matched (by fingerprint), and
 * every check with its inputs and verdict, in the order they ran. Messages and inputs never hold
 * XML or stack traces; inputs may hold identity values (NameID, Issuer…): log them with care.
 */
import type { ErrorCode, ErrorDetails } from '@saml-jit/core';

export type CheckVerdict = 'pass' | 'fail' | 'skip';

export interface ReportCheck {
  /** Stable check name, e.g. `audience`, `signature.assertion`, `replay`. */
  readonly name: string;
  readonly verdict: CheckVerdict;
  /** What the check compared (expected and actual values, instants, algorithms). */
  readonly inputs: ErrorDetails;
  /** The failure code, when the verdict is `fail`. */
  readonly code?: ErrorCode;
}

export interface SignatureReport {
  /** The element the signature covers: always its own parent. */
  readonly element: 'Response' | 'Assertion';
  readonly elementId: string | null;
  /** True for the Assertion's signature found inside an EncryptedAssertion. */
  readonly insideEncryptedAssertion: boolean;
  readonly verified: boolean;
  readonly signatureAlgorithm: string | null;
  readonly digestAlgorithm: string | null;
  readonly canonicalization: string | null;
  /** The trusted certificate whose key verified it. */
  readonly matchedCertificate: {
    readonly sha1Fingerprint: string;
    readonly sha256Fingerprint: string;
  } | null;
  readonly code?: ErrorCode;
}

export interface ValidationReport {
  readonly outcome: 'accepted' | 'rejected';
  /** The failure code, or null when accepted. */
  readonly code: ErrorCode | null;
  readonly input: { readonly encoding: 'xml' | 'base64' | null; readonly bytes: number };
  /** Elements whose signature verified, e.g. `['Response', 'Assertion']`. */
  readonly signedElements: readonly ('Response' | 'Assertion')[];
  readonly signatures: readonly SignatureReport[];
  readonly encryptedAssertion: boolean;
  readonly checks: readonly ReportCheck[];
}

/** Collects a report while validation runs; `finish` freezes it. */
export class ReportBuilder {
  encoding: 'xml' | 'base64' | null = null;
  bytes = 0;
  encrypted = false;
  readonly checks: ReportCheck[] = [];
  readonly signatures: SignatureReport[] = [];

  pass(name: string, inputs: ErrorDetails = {}): void {
    this.checks.push({ name, verdict: 'pass', inputs });
  }

  fail(name: string, code: ErrorCode, inputs: ErrorDetails = {}): void {
    this.checks.push({ name, verdict: 'fail', inputs, code });
  }

  skip(name: string, inputs: ErrorDetails = {}): void {
    this.checks.push({ name, verdict: 'skip', inputs });
  }

  finish(code: ErrorCode | null): ValidationReport {
    const signedElements = this.signatures.filter((s) => s.verified).map((s) => s.element);
    return Object.freeze({
      outcome: code === null ? 'accepted' : 'rejected',
      code,
      input: { encoding: this.encoding, bytes: this.bytes },
      signedElements,
      signatures: [...this.signatures],
      encryptedAssertion: this.encrypted,
      checks: [...this.checks],
    });
  }
}

/**
 * Renders a report as plain text lines for logs and the CLI.
 * @example
 * console.log(formatReport(rejection.report))
 * // rejected: SIGNATURE_DIGEST_MISMATCH
 * //   fail  signature.assertion  referenceId=_a1
 */
export const formatReport = (report: ValidationReport): string => {
  const lines = [report.code === null ? 'accepted' : `rejected: ${report.code}`];
  lines.push(`  input: ${report.input.encoding ?? 'unknown'}, ${report.input.bytes} bytes`);
  for (const s of report.signatures) {
    const key =
      s.matchedCertificate === null
        ? 'no trusted key matched'
        : `key sha256 ${s.matchedCertificate.sha256Fingerprint}`;
    lines.push(
      `  signature over ${s.element}${s.insideEncryptedAssertion ? ' (encrypted)' : ''} ${s.elementId ?? ''}: ${s.verified ? 'verified' : `failed (${s.code ?? 'unknown'})`}, ${key}`,
    );
  }
  for (const c of report.checks) {
    const inputs = Object.entries(c.inputs)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
    lines.push(`  ${c.verdict.padEnd(4)}  ${c.name}${c.code === undefined ? '' : ` [${c.code}]`}  ${inputs}`);
  }
  return lines.join('\n');
};
