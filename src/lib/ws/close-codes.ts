const MEANINGS: Record<number, string> = {
  1000: 'Normal closure: the purpose of the connection was fulfilled.',
  1001: 'Going away: the server is shutting down or the page is navigating away.',
  1002: 'Protocol error: an endpoint received a frame that breaks the WebSocket protocol.',
  1003: 'Unsupported data: an endpoint received a type of data it cannot accept.',
  1005: 'No status received: the close frame carried no code.',
  1006:
    'Abnormal closure: the connection ended without a close frame. A page sees DNS failures, refused TCP ' +
    'connections, TLS errors, rejected handshakes (a wrong path, a refused subprotocol, an HTTP error) and dropped ' +
    'connections all as this one code; the browser console or the server log has the real cause.',
  1007: 'Invalid payload data: a text message was not valid UTF-8, or the data did not match its type.',
  1008: 'Policy violation: the endpoint refused a message that breaks its policy.',
  1009: 'Message too big: a message was larger than the endpoint accepts.',
  1010: 'Mandatory extension: the client expected the server to negotiate an extension it did not.',
  1011: 'Internal error: the server met an unexpected condition.',
  1012: 'Service restart: the server is restarting.',
  1013: 'Try again later: the server is overloaded or temporarily unavailable.',
  1014: 'Bad gateway: a gateway or proxy received an invalid response upstream.',
  1015: 'TLS handshake failure: the certificate could not be verified.',
};

/** What a close code means, for the connection details and the close row. */
export function describeCloseCode(code: number): string {
  const known = MEANINGS[code];
  if (known !== undefined) return known;
  if (code >= 3000 && code <= 3999) return 'Registered for libraries and frameworks (see the IANA registry).';
  if (code >= 4000 && code <= 4999) return 'Private use: defined by this application.';
  return 'Not a code the WebSocket standard defines.';
}
