import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

// Discord's side of HTTP interactions, for tests and the benchmark: an application key pair made
// here (the public key given to the bot as DISCORD_PUBLIC_KEY), and requests signed with it as
// Discord signs them: Ed25519 over the timestamp followed by the raw body.

/** A locally generated Ed25519 key pair standing in for the application's. */
export interface TestKeyPair {
  /** The public key as the Developer Portal shows it: 64 hex characters. */
  publicKeyHex: string;
  privateKey: KeyObject;
}

export function testKeyPair(): TestKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { publicKeyHex: der.subarray(der.length - 32).toString('hex'), privateKey };
}

/** The X-Signature-Ed25519 value for a body sent at `timestamp` (seconds, as text). */
export function signatureOf(keys: TestKeyPair, timestamp: string, body: string | Buffer): string {
  return sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), keys.privateKey).toString(
    'hex',
  );
}

/** The headers of a request signed now (or at `timestamp`). */
export function signedHeaders(
  keys: TestKeyPair,
  body: string,
  timestamp = String(Math.floor(Date.now() / 1000)),
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-signature-ed25519': signatureOf(keys, timestamp, body),
    'x-signature-timestamp': timestamp,
  };
}

/** What the endpoint answered. */
export interface EndpointAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are arbitrary JSON, inspected by tests
  body: any;
}

/** POSTs an interaction (an object as JSON, a string as it is), signed unless headers say otherwise. */
export async function postInteraction(
  url: string,
  keys: TestKeyPair,
  payload: unknown,
  headers: Record<string, string> = {},
): Promise<EndpointAnswer> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...signedHeaders(keys, body), ...headers },
    body,
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: kept as text
  }
  return { status: response.status, body: parsed };
}
