import type { Result } from '../../result';
import type { ComposeContext, OutgoingFrame } from '../decoder';
import { CLIENT_COMMANDS, isHandshakeCommand } from './commands';
import { escapeHeader } from './header-escaping';

/**
 * The composer's STOMP description (ui-contract "Protocols"): `{"command":"SEND","headers":{…},"body":"…"}`.
 * Header values may be strings, numbers or booleans; a body that is not a string is sent as JSON (with
 * `content-type: application/json` unless one is given). A SUBSCRIBE without an `id` gets one. Frames come out as
 * stompjs writes them: headers in the order given, 1.2 escaping (not in CONNECT/STOMP), and a `content-length`
 * after them when the body is not empty.
 */

interface Description {
  command: string;
  headers: Record<string, string>;
  body: string;
}

export function composeStomp(description: unknown, context: ComposeContext): Result<OutgoingFrame[], string> {
  const read = readDescription(description);
  if (!read.ok) return read;
  const { command, headers, body } = read.value;
  if (command === 'SUBSCRIBE' && headers['id'] === undefined) headers['id'] = String(context.nextId());
  const handshake = isHandshakeCommand(command);
  const lines = [command];
  for (const [name, value] of Object.entries(headers)) {
    if (handshake && /[\r\n]/.test(name + value)) {
      return {
        ok: false,
        error: `${command} headers are not escaped, so header “${name}” cannot hold a line break`,
      };
    }
    lines.push(handshake ? `${name}:${value}` : `${escapeHeader(name)}:${escapeHeader(value)}`);
  }
  if (body !== '' && headers['content-length'] === undefined) {
    lines.push(`content-length:${new TextEncoder().encode(body).length}`);
  }
  return { ok: true, value: [{ text: `${lines.join('\n')}\n\n${body}\0` }] };
}

function readDescription(description: unknown): Result<Description, string> {
  if (!isRecord(description))
    return { ok: false, error: 'a STOMP frame is described as {"command":…,"headers":{…},"body":…}' };
  const command = typeof description['command'] === 'string' ? description['command'].toUpperCase() : '';
  if (!(CLIENT_COMMANDS as readonly string[]).includes(command)) {
    return { ok: false, error: `"command" must be one a client sends: ${CLIENT_COMMANDS.join(', ')}` };
  }
  const given = description['headers'] ?? {};
  if (!isRecord(given)) return { ok: false, error: '"headers" must be an object of header names and values' };
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(given)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      return { ok: false, error: `header “${name}” must be a string, a number or true/false` };
    }
    entries.push([name, String(value)]);
  }
  // fromEntries, not assignment: a header named `__proto__` stays a header.
  const headers: Record<string, string> = Object.fromEntries(entries);
  const body = description['body'];
  if (body === undefined || typeof body === 'string')
    return { ok: true, value: { command, headers, body: body ?? '' } };
  headers['content-type'] ??= 'application/json';
  return { ok: true, value: { command, headers, body: JSON.stringify(body) } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
