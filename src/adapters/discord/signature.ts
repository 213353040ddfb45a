import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/** How far a request's timestamp may be from this clock, either way. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

// An Ed25519 public key in DER (SubjectPublicKeyInfo) is this fixed prefix and then the 32 raw bytes.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The application's public key, as the Developer Portal shows it (64 hex characters), made usable. */
export function publicKeyFromHex(hex: string): KeyObject {
  const raw = Buffer.from(hex, 'hex');
  if (raw.length !== 32 || raw.toString('hex') !== hex.toLowerCase())
    throw new Error('expected an Ed25519 public key: 64 hexadecimal characters');
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Why a request's signature was refused, or undefined when it is Discord's. */
export type SignatureProblem = 'missing' | 'malformed' | 'stale' | 'forged';

/**
 * Checks Discord's Ed25519 signature (X-Signature-Ed25519) over the timestamp
 * (X-Signature-Timestamp) followed by the raw body, and that the timestamp is within five minutes of
 * this clock, in the past or the future.
 */
export function checkSignature(
  key: KeyObject,
  signature: string | string[] | undefined,
  timestamp: string | string[] | undefined,
  body: Buffer,
  nowSeconds = Date.now() / 1000,
): SignatureProblem | undefined {
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return 'missing';
  if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return 'malformed';
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return 'stale';
  const signed = Buffer.concat([Buffer.from(timestamp), body]);
  return verify(null, signed, key, Buffer.from(signature, 'hex')) ? undefined : 'forged';
}
