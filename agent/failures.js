// @ts-check
/** Turns what Node and ws throw while connecting into a code the app can act on and words a person understands. */

/** @typedef {{ code: string, message: string, closeCode?: number }} Failure */

/** The close code ws sends when it fails a connection for these errors (RFC 6455 §7.4.1). */
const CLOSE_CODES = { 'frame-too-big': 1009, 'protocol-utf8': 1007, protocol: 1002 };

/** @type {Record<string, [string, string]>} Node/OpenSSL error code → [our code, what it means] */
const KNOWN = {
  CERT_HAS_EXPIRED: ['tls-expired', 'the server’s certificate has expired'],
  CERT_NOT_YET_VALID: ['tls-not-yet-valid', 'the server’s certificate is not valid yet'],
  ERR_TLS_CERT_ALTNAME_INVALID: ['tls-wrong-host', 'the server’s certificate is for another host name'],
  DEPTH_ZERO_SELF_SIGNED_CERT: [
    'tls-unknown-ca',
    'the server’s certificate is self-signed (unknown CA): give its CA or allow it for this host',
  ],
  SELF_SIGNED_CERT_IN_CHAIN: [
    'tls-unknown-ca',
    'the server’s certificate chain ends in a self-signed CA that is not trusted (unknown CA)',
  ],
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: ['tls-unknown-ca', 'the server’s certificate was issued by an unknown CA'],
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: [
    'tls-unknown-ca',
    'the server’s certificate was issued by an unknown CA',
  ],
  UNABLE_TO_GET_ISSUER_CERT: ['tls-unknown-ca', 'the server’s certificate was issued by an unknown CA'],
  CERT_REVOKED: ['tls-revoked', 'the server’s certificate has been revoked'],
  CERT_SIGNATURE_FAILURE: ['tls-bad-certificate', 'the server’s certificate signature does not verify'],
  ERR_SSL_WRONG_VERSION_NUMBER: [
    'tls-not-tls',
    'the server did not answer with TLS (is it ws:// rather than wss://?)',
  ],
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: [
    'tls-client-cert-required',
    'the server requires a client certificate',
  ],
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: [
    'tls-client-cert-refused',
    'the server refused the client certificate',
  ],
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: [
    'tls-client-cert-refused',
    'the server does not trust the client certificate’s CA',
  ],
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: [
    'tls-handshake-failed',
    'the TLS handshake failed (no common cipher or protocol, or a client certificate is required)',
  ],
  ERR_OSSL_PEM_NO_START_LINE: ['tls-bad-pem', 'a certificate or key is not PEM text'],
  ECONNREFUSED: ['refused', 'nothing is listening on that host and port'],
  ENOTFOUND: ['dns', 'the host name was not found'],
  EAI_AGAIN: ['dns', 'the host name could not be resolved now'],
  ECONNRESET: ['reset', 'the server reset the connection'],
  EHOSTUNREACH: ['unreachable', 'the host is unreachable'],
  ENETUNREACH: ['unreachable', 'the network is unreachable'],
  ETIMEDOUT: ['timeout', 'the connection timed out'],
  ERR_INVALID_HTTP_TOKEN: ['bad-header', 'a header name holds a character HTTP forbids'],
  ERR_INVALID_CHAR: ['bad-header', 'a header value holds a character HTTP forbids (such as a line break)'],
  WS_ERR_UNSUPPORTED_MESSAGE_LENGTH: ['frame-too-big', 'a message was larger than the frame size limit'],
  WS_ERR_INVALID_UTF8: ['protocol-utf8', 'the server sent a text message that is not valid UTF-8'],
};

/**
 * @param {unknown} error
 * @returns {Failure}
 */
export function describeFailure(error) {
  const err = /** @type {{ code?: unknown, message?: unknown }} */ (error ?? {});
  const code = typeof err.code === 'string' ? err.code : '';
  const message = typeof err.message === 'string' ? err.message : String(error);
  const known = KNOWN[code];
  if (known) return withCloseCode({ code: known[0], message: `${capitalise(known[1])} (${code}).` });
  if (message === 'Opening handshake has timed out') {
    return { code: 'connect-timeout', message: 'The server did not complete the handshake in time.' };
  }
  if (code.startsWith('WS_ERR_'))
    return { code: 'protocol', message: `The server broke the WebSocket protocol: ${message}.` };
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'))
    return { code: 'tls', message: `TLS failed: ${message}` };
  return { code: 'failed', message: code ? `${message} (${code})` : message };
}

/** @param {Failure} failure */
function withCloseCode(failure) {
  const closeCode = CLOSE_CODES[/** @type {keyof typeof CLOSE_CODES} */ (failure.code)];
  return closeCode ? { ...failure, closeCode } : failure;
}

/** @param {string} text */
const capitalise = (text) => text.charAt(0).toUpperCase() + text.slice(1);
