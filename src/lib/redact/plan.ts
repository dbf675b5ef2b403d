import { holdsVariableReference } from '../compose/variables';
import type { SecretVariable, SessionMeta } from '../model/session';
import type { Redaction } from './findings';
import { Findings, REDACTED } from './findings';
import { formsOf } from './secret-forms';
import { redactBinary } from './binary';
import { isCredentialField, secretPartOfProtocol } from './credential-shapes';
import { isRedactable, redactCredentialShapes } from './text-shapes';
import { redactUrl } from './url';

/**
 * What an export, a share link or a profile file must not carry by default: URL userinfo, credentials in the
 * URL and the subprotocols, credentials texts show by their shape, and the values of secret variables in every
 * form they take (see secret-forms.ts). A plan lists what it redacted, never the values: a file's header and the
 * preview show that list.
 */
export class RedactionPlan {
  readonly #findings: Findings;
  /** Replaced first: the whole URL and subprotocols, so a note quoting them gets their redacted form. */
  readonly #whole: readonly (readonly [string, string])[];
  /** Then every form of every secret, longest first, with what to list when it is found. */
  readonly #secrets: readonly { form: string; found: Redaction | null }[];
  readonly #detectShapes: boolean;
  readonly #url: string;
  readonly #protocols: readonly string[];
  #uncheckedBinary = 0;

  private constructor(
    original: { url: string; protocols: readonly string[] },
    recorded: readonly SecretVariable[],
    searchAlso: readonly SecretVariable[],
    detectShapes: boolean,
  ) {
    const findings = new Findings();
    this.#findings = findings;
    this.#detectShapes = detectShapes;
    const urlSecrets: string[] = [];
    let url = original.url;
    let protocols = [...original.protocols];
    if (detectShapes) {
      const redacted = redactUrl(original.url, findings);
      url = redacted.url;
      urlSecrets.push(...redacted.secrets);
      protocols = protocols.map((protocol) => {
        const secret = secretPartOfProtocol(protocol);
        if (secret === null || holdsVariableReference(secret)) return protocol;
        const shown = protocol.replace(secret, REDACTED);
        findings.add('subprotocol', `a credential in subprotocol “${shown}”`);
        urlSecrets.push(secret);
        return shown;
      });
    }
    // Secrets the session recorded as filled in are in it by definition: listed at once.
    for (const { name, value } of recorded) {
      if (formsOf(value).length > 0) findings.add('variable', describe(name));
    }
    this.#secrets = secretForms(recorded, searchAlso, urlSecrets);
    this.#whole = [original.url, ...original.protocols]
      .map((text, i) => [text, [url, ...protocols][i] ?? text] as const)
      .filter(([from, to]) => from !== to && from !== '');
    // A secret variable may also sit in the URL or a subprotocol.
    this.#url = this.#replaceSecrets(url);
    this.#protocols = protocols.map((protocol) => this.#replaceSecrets(protocol));
  }

  /** Nothing redacted: the person chose to include secrets. */
  static none(url: string, protocols: readonly string[]): RedactionPlan {
    return new RedactionPlan({ url, protocols }, [], [], false);
  }

  /**
   * `recorded`: the secret values filled in when the session was recorded, listed whether or not their profile
   * still exists. `searchAlso`: secrets that may be in it (today's secret variables), listed only when found.
   */
  static for(
    url: string,
    protocols: readonly string[],
    recorded: readonly SecretVariable[],
    searchAlso: readonly SecretVariable[] = [],
  ): RedactionPlan {
    return new RedactionPlan({ url, protocols }, recorded, searchAlso, true);
  }

  /** A recorded session's plan: the secrets its meta recorded, and those of the profiles as they are now. */
  static forSession(
    meta: Pick<SessionMeta, 'url' | 'protocols' | 'secrets'>,
    currentSecrets: readonly SecretVariable[],
  ): RedactionPlan {
    return RedactionPlan.for(meta.url, meta.protocols, meta.secrets ?? [], currentSecrets);
  }

  /**
   * An export's plan: the session's own secrets and `currentSecrets`, or nothing redacted when `currentSecrets` is
   * null (the person chose to include secrets). The page and each export worker make the same one.
   */
  static forExport(
    meta: Pick<SessionMeta, 'url' | 'protocols' | 'secrets'>,
    currentSecrets: readonly SecretVariable[] | null,
  ): RedactionPlan {
    return currentSecrets === null
      ? RedactionPlan.none(meta.url, meta.protocols)
      : RedactionPlan.forSession(meta, currentSecrets);
  }

  /**
   * What was found, in words. It grows as `text()` finds more: until the texts were passed through it, it speaks
   * for the URL, the subprotocols and the recorded secrets only.
   */
  get redactions(): readonly Redaction[] {
    return this.#findings.list;
  }

  /** True only when nothing was found so far: the one case where "No secrets found" is true. */
  get isEmpty(): boolean {
    return this.#findings.list.length === 0;
  }

  /** The URL as exported. */
  get url(): string {
    return this.#url;
  }

  get protocols(): readonly string[] {
    return this.#protocols;
  }

  /** The text with the URL and subprotocols, every form of every known secret, and credential shapes replaced. */
  text(text: string): string {
    let result = text;
    for (const [from, to] of this.#whole) {
      if (result.includes(from)) result = result.split(from).join(to);
    }
    result = this.#replaceSecrets(result);
    return this.#detectShapes ? redactCredentialShapes(result, this.#findings) : result;
  }

  /**
   * A binary frame with its secrets replaced, where it decodes as MessagePack or CBOR (see binary.ts); any other
   * is kept as recorded and counted in `uncheckedBinary`.
   */
  bytes(bytes: Uint8Array): Uint8Array {
    if (!this.#detectShapes && this.#secrets.length === 0) return bytes;
    const result = redactBinary(bytes, {
      text: (text) => this.text(text),
      field: (name, value) => {
        if (!this.#detectShapes || !isRedactable(value) || !isCredentialField(name)) return value;
        this.#findings.add('text', 'the value of a credential-named field in a binary message');
        return REDACTED;
      },
    });
    if (!result.checked) this.#uncheckedBinary++;
    return result.bytes;
  }

  /**
   * Takes in what another plan for the same export found: a worker's, which formatted part of the records. The
   * file's header or end then lists it, and `uncheckedBinary` counts its frames.
   */
  absorb(found: readonly Redaction[], uncheckedBinary: number): void {
    for (const { where, what } of found) this.#findings.add(where, what);
    this.#uncheckedBinary += uncheckedBinary;
  }

  /** Binary frames passed through `bytes()` that could not be searched for secrets so far. */
  get uncheckedBinary(): number {
    return this.#uncheckedBinary;
  }

  #replaceSecrets(text: string): string {
    let result = text;
    for (const { form, found } of this.#secrets) {
      if (!result.includes(form)) continue;
      result = result.split(form).join(REDACTED);
      if (found) this.#findings.add(found.where, found.what);
    }
    return result;
  }
}

function describe(name: string): string {
  return `the value of secret variable “${name}”`;
}

/** Every form of every secret once, longest first, so a secret that contains another is replaced whole. */
function secretForms(
  recorded: readonly SecretVariable[],
  searchAlso: readonly SecretVariable[],
  fromUrl: readonly string[],
): { form: string; found: Redaction | null }[] {
  const byForm = new Map<string, Redaction | null>();
  for (const { name, value } of [...recorded, ...searchAlso]) {
    for (const form of formsOf(value)) {
      if (!byForm.has(form)) byForm.set(form, { where: 'variable', what: describe(name) });
    }
  }
  // Taken from the URL or a subprotocol, which are already listed.
  for (const secret of fromUrl) {
    for (const form of formsOf(secret)) if (!byForm.has(form)) byForm.set(form, null);
  }
  return [...byForm].map(([form, found]) => ({ form, found })).sort((a, b) => b.form.length - a.form.length);
}
