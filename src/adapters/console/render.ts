import type { Reply } from '../../core/reply.ts';

export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
}

export const plainStyle: TextStyle = { bold: (t) => t, dim: (t) => t };
export const ansiStyle: TextStyle = {
  bold: (t) => `\u001b[1m${t}\u001b[22m`,
  dim: (t) => `\u001b[2m${t}\u001b[22m`,
};

function indentQuote(quote: string, prefix: string): string {
  return quote
    .split('\n')
    .map((line) => `${prefix}> ${line}`)
    .join('\n');
}

/**
 * Renders a Reply as terminal text; suggestions are numbered so the console can ask them by number.
 * A picture is drawn in text, with where its PNG was saved (`saved`), when it was.
 */
export function renderReplyAsText(
  reply: Reply,
  style: TextStyle = plainStyle,
  saved?: { path: string } | { error: string },
): string {
  const lines: string[] = [];
  if (reply.title)
    lines.push(
      style.bold(reply.kind === 'answer' || reply.kind === 'no_answer' ? `Q: ${reply.title}` : reply.title),
    );
  lines.push(reply.body);
  if (reply.quote) {
    lines.push(style.dim(indentQuote(reply.quote.text, '  ')));
    lines.push(style.dim(`  — ${reply.quote.story}`));
  }
  for (const item of reply.items ?? []) {
    lines.push(`• ${item.label ? `${style.bold(item.label)} — ` : ''}${item.text}`);
    if (item.quote) lines.push(style.dim(indentQuote(item.quote, '    ')));
  }
  if (reply.image) {
    lines.push('', reply.image.text);
    if (saved && 'path' in saved) lines.push(style.dim(`Chart saved as ${saved.path}`));
    else if (saved) lines.push(style.dim(`(The chart could not be saved: ${saved.error})`));
  }
  for (const field of reply.fields ?? []) lines.push(`${style.bold(`${field.name}:`)} ${field.value}`);
  if (reply.suggestions?.length) {
    lines.push(reply.kind === 'answer' ? 'Related questions:' : 'You could ask:');
    reply.suggestions.forEach((s, i) => {
      lines.push(`  ${i + 1}. ${s}`);
    });
  }
  if (reply.kind === 'answer' && reply.confidence !== undefined) {
    lines.push(style.dim(`(confidence ${Math.round(reply.confidence * 100)}%)`));
  }
  if (reply.footer) lines.push(style.dim(reply.footer));
  return lines.join('\n');
}
