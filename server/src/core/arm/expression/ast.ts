/** Syntax tree of one ARM template expression (the text between the outer `[` and `]`). */
export type Ast = AStr | ANum | ABool | ACall | AProp | AIndex;

export interface AStr { readonly k: 'str'; readonly v: string }
export interface ANum { readonly k: 'num'; readonly v: number }
export interface ABool { readonly k: 'bool'; readonly v: boolean }
export interface ACall {
  readonly k: 'call';
  /** Lower-cased full name, `sys.` prefix removed (`concat`, `myns.myfunc`). */
  readonly name: string;
  /** The name as written. */
  readonly display: string;
  readonly args: readonly Ast[];
}
/** Member access `target.name`. */
export interface AProp { readonly k: 'prop'; readonly target: Ast; readonly name: string }
/** Index access `target[index]`. */
export interface AIndex { readonly k: 'index'; readonly target: Ast; readonly index: Ast }

/** Result of reading one JSON string value as ARM does. */
export type Parsed =
  /** Not an expression (or an escaped `[[...]`): the string value ARM uses. */
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'expr'; readonly ast: Ast }
  | { readonly kind: 'error'; readonly message: string };
