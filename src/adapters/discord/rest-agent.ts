import { Agent } from 'undici';

/**
 * At most this many connections to Discord's REST API. Replies to interactions are exempt from the
 * global rate limit, so a burst of interactions sends its replies all at once; past this many, they
 * wait for a connection to come free instead of each opening (and TLS-handshaking) one of its own.
 */
export const REST_CONNECTIONS = 64;

/**
 * The HTTP agent for discord.js's REST calls: a bounded pool of keep-alive connections. Without one,
 * discord.js uses undici's global agent, which opens another connection whenever all are busy.
 */
export function createRestAgent(connections = REST_CONNECTIONS): Agent {
  return new Agent({ connections });
}
