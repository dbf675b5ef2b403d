/** The frames a STOMP client sends (STOMP 1.2 §Client Frames). `STOMP` is 1.1's alias of `CONNECT`. */
export const CLIENT_COMMANDS = [
  'CONNECT',
  'STOMP',
  'SEND',
  'SUBSCRIBE',
  'UNSUBSCRIBE',
  'ACK',
  'NACK',
  'BEGIN',
  'COMMIT',
  'ABORT',
  'DISCONNECT',
] as const;

/** The frames a STOMP server sends (STOMP 1.2 §Server Frames). */
export const SERVER_COMMANDS = ['CONNECTED', 'MESSAGE', 'RECEIPT', 'ERROR'] as const;

export const COMMANDS: readonly string[] = [...CLIENT_COMMANDS, ...SERVER_COMMANDS];

/** Frames whose header values are never escaped, in any version: they are exchanged before a version is agreed. */
export function isHandshakeCommand(command: string): boolean {
  return command === 'CONNECT' || command === 'STOMP' || command === 'CONNECTED';
}
