import type { RecordedRequest } from '../../fakes/discord-fake.ts';

// Reading what the bot sent, whichever REST call carried it.

/** The message body of a request: the `data` of an interaction callback, else the body itself. */
// biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON
export function messageOf(request: RecordedRequest): any {
  return request.path.endsWith('/callback') ? request.body?.data : request.body;
}

/** The first embed the request sends. */
// biome-ignore lint/suspicious/noExplicitAny: embeds are arbitrary JSON
export function embedOf(request: RecordedRequest): any {
  return messageOf(request)?.embeds?.[0];
}

/** Every button the request sends, row by row. */
export function buttonsOf(request: RecordedRequest): { label: string; custom_id: string; style: number }[] {
  const rows = (messageOf(request)?.components ?? []) as {
    components: { label: string; custom_id: string; style: number }[];
  }[];
  return rows.flatMap((row) => row.components);
}

/** Whether the request carries a message: a reply callback (type 4), a webhook edit or follow-up, a channel message. */
export function isMessageRequest(request: RecordedRequest): boolean {
  if (request.path.endsWith('/callback')) return request.body?.type === 4 || request.body?.type === 7;
  if (request.method === 'PATCH' && request.path.startsWith('/webhooks/')) return true;
  return (
    request.method === 'POST' &&
    (/^\/webhooks\/\d+\/[^/]+$/.test(request.path) || /^\/channels\/\d+\/messages$/.test(request.path))
  );
}

/** True when the message sets allowed_mentions so that it can notify no one. */
export function allowsNoMentions(request: RecordedRequest): boolean {
  const allowed = messageOf(request)?.allowed_mentions;
  return (
    Array.isArray(allowed?.parse) &&
    allowed.parse.length === 0 &&
    !allowed.replied_user &&
    !(allowed.users?.length > 0) &&
    !(allowed.roles?.length > 0)
  );
}
