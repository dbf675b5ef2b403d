import { stringValue, tokenize, type Token } from './proto-tokens';

/**
 * The `.proto` subset people paste, read into a small tree: `syntax`, `package`, messages with scalar, message,
 * enum, `repeated`, `optional`, `required` and `map<K, V>` fields, nested messages and enums, `oneof`. Imports,
 * options (but `packed`, `default` and `json_name` on fields), `reserved`, `extensions`, `extend` and services are
 * read past. Groups and editions are refused with a message.
 */

export interface ProtoFile {
  syntax: 'proto2' | 'proto3';
  package: string;
  messages: MessageNode[];
  enums: EnumNode[];
}

export interface MessageNode {
  name: string;
  fields: FieldNode[];
  oneofs: string[];
  messages: MessageNode[];
  enums: EnumNode[];
}

export interface FieldNode {
  name: string;
  number: number;
  label?: 'optional' | 'required' | 'repeated';
  /** A scalar type's name, or a message or enum name as written. */
  type: string;
  map?: { key: string; value: string };
  /** Index into the message's `oneofs`. */
  oneof?: number;
  packed?: boolean;
  defaultValue?: string;
  jsonName?: string;
}

export interface EnumNode {
  name: string;
  values: { name: string; number: number }[];
}

/** Why the text cannot be read, and where. */
export class ProtoSyntaxError extends Error {}

export function parseProto(text: string): ProtoFile {
  return new ProtoParser(tokenize(text)).file();
}

class ProtoParser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  file(): ProtoFile {
    const file: ProtoFile = { syntax: 'proto2', package: '', messages: [], enums: [] };
    let first = true;
    while (this.peek()) {
      const word = this.next().text;
      if (word === 'syntax') {
        if (!first) this.fail('syntax must come first');
        this.expect('=');
        const syntax = stringValue(this.take('string').text);
        if (syntax !== 'proto2' && syntax !== 'proto3')
          this.fail(`syntax "${syntax}" is neither proto2 nor proto3`);
        file.syntax = syntax;
        this.expect(';');
      } else if (word === 'edition')
        this.fail('editions are not supported: use syntax = "proto3" or "proto2"');
      else if (word === 'package') {
        file.package = this.take('name').text;
        this.expect(';');
      } else if (word === 'import' || word === 'option') this.skipStatement();
      else if (word === 'message') file.messages.push(this.message());
      else if (word === 'enum') file.enums.push(this.enumeration());
      else if (word === 'service' || word === 'extend') this.skipDeclaration();
      else if (word !== ';') this.fail(`unexpected “${word}”`, -1);
      first = false;
    }
    return file;
  }

  private message(): MessageNode {
    const node: MessageNode = {
      name: this.take('name').text,
      fields: [],
      oneofs: [],
      messages: [],
      enums: [],
    };
    this.expect('{');
    while (!this.accept('}')) {
      const word = this.peekText();
      if (word === 'option' || word === 'reserved' || word === 'extensions') this.skipStatement();
      else if (word === ';') this.next();
      else if (word !== 'message' && word !== 'enum' && word !== 'oneof' && word !== 'extend') {
        node.fields.push(this.field());
      } else {
        this.next();
        if (word === 'message') node.messages.push(this.message());
        else if (word === 'enum') node.enums.push(this.enumeration());
        else if (word === 'oneof') this.oneof(node);
        else this.skipDeclaration();
      }
    }
    return node;
  }

  private oneof(message: MessageNode): void {
    const index = message.oneofs.push(this.take('name').text) - 1;
    this.expect('{');
    while (!this.accept('}')) {
      if (this.peekText() === 'option') this.skipStatement();
      else if (!this.accept(';')) message.fields.push({ ...this.field(), oneof: index });
    }
  }

  private field(): FieldNode {
    let label: FieldNode['label'];
    const word = this.peekText();
    if (word === 'optional' || word === 'required' || word === 'repeated') {
      label = word;
      this.next();
    }
    const typeToken = this.take('name');
    if (typeToken.text === 'group') this.fail('groups are not supported', -1);
    let field: FieldNode;
    if (typeToken.text === 'map' && this.accept('<')) {
      const key = this.take('name').text;
      this.expect(',');
      const value = this.take('name').text;
      this.expect('>');
      field = { name: this.take('name').text, number: 0, type: 'map', map: { key, value } };
    } else {
      field = { name: this.take('name').text, number: 0, type: typeToken.text, ...(label && { label }) };
    }
    this.expect('=');
    field.number = this.integer();
    if (this.accept('[')) this.fieldOptions(field);
    this.expect(';');
    return field;
  }

  private fieldOptions(field: FieldNode): void {
    do {
      const name = this.optionName();
      this.expect('=');
      const value = this.constant();
      if (name === 'packed') field.packed = value === 'true';
      else if (name === 'default') field.defaultValue = value;
      else if (name === 'json_name') field.jsonName = value;
    } while (this.accept(','));
    this.expect(']');
  }

  private enumeration(): EnumNode {
    const node: EnumNode = { name: this.take('name').text, values: [] };
    this.expect('{');
    while (!this.accept('}')) {
      const word = this.peekText();
      if (word === 'option' || word === 'reserved') this.skipStatement();
      else if (!this.accept(';')) {
        const name = this.take('name').text;
        this.expect('=');
        node.values.push({ name, number: this.integer() });
        if (this.accept('[')) this.skipTo(']');
        this.expect(';');
      }
    }
    if (node.values.length === 0) this.fail(`enum ${node.name} has no values`, -1);
    return node;
  }

  /** An option's name: `packed`, or `(my.ext).field`. */
  private optionName(): string {
    if (!this.accept('(')) return this.take('name').text;
    const name = `(${this.take('name').text})`;
    this.expect(')');
    return this.peekText()?.startsWith('.') ? name + this.next().text : name;
  }

  /** A constant's text: a name, number, string (unquoted) or a whole `{…}` aggregate. */
  private constant(): string {
    if (this.peekText() === '{') {
      this.next();
      this.skipTo('}');
      return '{…}';
    }
    const token = this.next();
    if (token.text === '-' && this.peek()?.kind !== 'symbol') return `-${this.next().text}`;
    return token.kind === 'string' ? stringValue(token.text) : token.text;
  }

  private integer(): number {
    const token = this.take('number');
    const value = Number(
      token.text.replace(/^(-?)0([0-7]+)$/, (_, sign: string, octal: string) => `${sign}0o${octal}`),
    );
    if (!Number.isInteger(value)) this.fail(`“${token.text}” is not an integer`, -1);
    return value;
  }

  /** Skips to the end of a statement (`;`), past any `{…}` aggregate it holds. */
  private skipStatement(): void {
    for (;;) {
      const token = this.next();
      if (token.text === ';') return;
      if (token.text === '{') this.skipTo('}');
    }
  }

  /** Skips a name and its `{…}` body: a service, an `extend`. */
  private skipDeclaration(): void {
    while (!this.accept('{')) this.next();
    this.skipTo('}');
  }

  /** Skips to the matching closing symbol, the opening one already read. */
  private skipTo(close: string): void {
    const open = close === '}' ? '{' : '[';
    let depth = 1;
    while (depth > 0) {
      const text = this.next().text;
      if (text === open) depth++;
      else if (text === close) depth--;
    }
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.position + offset];
  }

  private peekText(offset = 0): string | undefined {
    return this.peek(offset)?.text;
  }

  private next(): Token {
    const token = this.tokens[this.position];
    if (!token) return this.fail('a declaration is not finished');
    this.position++;
    return token;
  }

  private accept(symbol: string): boolean {
    if (this.peekText() !== symbol) return false;
    this.position++;
    return true;
  }

  private expect(symbol: string): void {
    if (!this.accept(symbol)) this.fail(`expected “${symbol}”`);
  }

  private take(kind: Token['kind']): Token {
    const token = this.peek();
    if (token?.kind !== kind) this.fail(`expected a ${kind}`);
    return this.next();
  }

  /** Throws with the line and column of the token at `offset` from the current one. */
  private fail(why: string, offset = 0): never {
    const token = this.peek(offset);
    if (!token) throw new ProtoSyntaxError(`the text ends too early: ${why}`);
    throw new ProtoSyntaxError(`line ${token.line}, column ${token.column}: ${why} (found “${token.text}”)`);
  }
}
