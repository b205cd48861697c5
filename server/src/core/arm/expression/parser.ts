import type { Ast, Parsed } from './ast';

const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]

/** True when ARM treats the JSON string as an expression: `[...]` but not the escape `[[...]`. */
export function isExpression(s: string): boolean {
  const n = s.length;
  return n >= 2 && s.charCodeAt(0) === OPEN_BRACKET && s.charCodeAt(n - 1) === CLOSE_BRACKET && s.charCodeAt(1) !== OPEN_BRACKET;
}

/** Default maximum nesting of calls / accessors inside one expression. */
export const DEFAULT_MAX_PARSE_DEPTH = 64;

/**
 * Reads a JSON string value as ARM does: a literal, an escaped literal (`[[x]` → `[x]`) or an
 * expression. Never throws: syntax errors come back as `{ kind: 'error' }`.
 */
export function parseString(text: string, maxDepth = DEFAULT_MAX_PARSE_DEPTH): Parsed {
  const n = text.length;
  if (n < 2 || text.charCodeAt(0) !== OPEN_BRACKET || text.charCodeAt(n - 1) !== CLOSE_BRACKET) {
    return { kind: 'literal', value: text };
  }
  if (text.charCodeAt(1) === OPEN_BRACKET) return { kind: 'literal', value: text.slice(1) };
  return parseExpressionBody(text, 1, n - 1, maxDepth);
}

/** Parses `text[start, end)` as one expression (no surrounding brackets). */
export function parseExpressionBody(text: string, start: number, end: number, maxDepth = DEFAULT_MAX_PARSE_DEPTH): Parsed {
  const p = new Parser(text, start, end, maxDepth);
  try {
    p.skipWs();
    if (p.pos >= end) return { kind: 'error', message: 'cannot parse expression: the expression is empty' };
    const ast = p.expr(0);
    p.skipWs();
    if (p.pos < end) p.fail(`unexpected '${text[p.pos]}'`);
    return { kind: 'expr', ast };
  } catch (e) {
    if (e instanceof ParseFailure) return { kind: 'error', message: `cannot parse expression: ${e.message}` };
    return { kind: 'error', message: `cannot parse expression: ${e instanceof Error ? e.message : String(e)}` };
  }
}

class ParseFailure extends Error {}

function isIdentStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x24; // a-z A-Z _ $
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 0x30 && c <= 0x39);
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

class Parser {
  pos: number;
  constructor(
    private readonly s: string,
    start: number,
    private readonly end: number,
    private readonly maxDepth: number,
  ) {
    this.pos = start;
  }

  fail(msg: string): never {
    throw new ParseFailure(`${msg} at position ${this.pos}`);
  }

  skipWs(): void {
    const s = this.s;
    while (this.pos < this.end) {
      const c = s.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.pos++;
      else break;
    }
  }

  peek(): number {
    return this.pos < this.end ? this.s.charCodeAt(this.pos) : -1;
  }

  expect(c: number, what: string): void {
    this.skipWs();
    if (this.peek() !== c) this.fail(this.pos >= this.end ? `expected ${what} but the expression ended` : `expected ${what} but found '${this.s[this.pos]}'`);
    this.pos++;
  }

  ident(): string {
    const start = this.pos;
    while (this.pos < this.end && isIdentPart(this.s.charCodeAt(this.pos))) this.pos++;
    return this.s.slice(start, this.pos);
  }

  expr(depth: number): Ast {
    if (depth > this.maxDepth) this.fail('expression is nested too deeply');
    let node = this.primary(depth);
    for (;;) {
      this.skipWs();
      const c = this.peek();
      if (c === 0x2e) {
        // .member
        this.pos++;
        this.skipWs();
        if (!isIdentStart(this.peek())) this.fail('expected a property name after "."');
        const name = this.ident();
        node = { k: 'prop', target: node, name };
      } else if (c === OPEN_BRACKET) {
        this.pos++;
        this.skipWs();
        const index = this.expr(depth + 1);
        this.expect(CLOSE_BRACKET, "']'");
        node = { k: 'index', target: node, index };
      } else break;
    }
    return node;
  }

  primary(depth: number): Ast {
    this.skipWs();
    const c = this.peek();
    if (c === 0x27) return { k: 'str', v: this.string() };
    if (isDigit(c) || c === 0x2d /* - */ || c === 0x2b /* + */) return { k: 'num', v: this.number() };
    if (isIdentStart(c)) {
      let display = this.ident();
      this.skipWs();
      // namespaced function: ns.name(
      if (this.peek() === 0x2e) {
        const save = this.pos;
        this.pos++;
        this.skipWs();
        if (isIdentStart(this.peek())) {
          const member = this.ident();
          this.skipWs();
          if (this.peek() === 0x28) display = `${display}.${member}`;
          else this.pos = save;
        } else this.pos = save;
      }
      this.skipWs();
      if (this.peek() !== 0x28) {
        const lower = display.toLowerCase();
        if (lower === 'true' || lower === 'false') return { k: 'bool', v: lower === 'true' };
        this.fail(`expected '(' after '${display}'`);
      }
      this.pos++; // (
      const args: Ast[] = [];
      this.skipWs();
      if (this.peek() === 0x29) this.pos++;
      else {
        for (;;) {
          args.push(this.expr(depth + 1));
          this.skipWs();
          const d = this.peek();
          if (d === 0x2c) {
            this.pos++;
            continue;
          }
          if (d === 0x29) {
            this.pos++;
            break;
          }
          this.fail(d < 0 ? `expected ')' but the expression ended` : `expected ',' or ')' but found '${this.s[this.pos]}'`);
        }
      }
      let name = display.toLowerCase();
      if (name.startsWith('sys.')) name = name.slice(4);
      return { k: 'call', name, display, args };
    }
    if (c < 0) this.fail('unexpected end of expression');
    this.fail(`unexpected '${this.s[this.pos]}'`);
  }

  string(): string {
    const s = this.s;
    this.pos++; // opening quote
    let out = '';
    let chunk = this.pos;
    for (;;) {
      if (this.pos >= this.end) this.fail('unterminated string literal');
      const c = s.charCodeAt(this.pos);
      if (c === 0x27) {
        if (this.pos + 1 < this.end && s.charCodeAt(this.pos + 1) === 0x27) {
          out += s.slice(chunk, this.pos + 1);
          this.pos += 2;
          chunk = this.pos;
          continue;
        }
        out += s.slice(chunk, this.pos);
        this.pos++;
        return out;
      }
      this.pos++;
    }
  }

  number(): number {
    const s = this.s;
    const start = this.pos;
    if (s.charCodeAt(this.pos) === 0x2d || s.charCodeAt(this.pos) === 0x2b) this.pos++;
    if (!isDigit(this.peek())) this.fail('expected a digit');
    while (isDigit(this.peek())) this.pos++;
    if (this.peek() === 0x2e && this.pos + 1 < this.end && isDigit(s.charCodeAt(this.pos + 1))) {
      this.pos++;
      while (isDigit(this.peek())) this.pos++;
    }
    if (isIdentStart(this.peek())) this.fail('invalid number');
    return Number(s.slice(start, this.pos));
  }
}
