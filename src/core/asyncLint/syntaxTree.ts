/**
 * Small questions about tree-sitter-python nodes that the rules ask again and again: which
 * scope an await belongs to, which names an expression reads or a statement binds, how a call
 * is shaped. Node types and field names are tree-sitter-python 0.25's (grammar.js).
 */
import type { Node } from 'web-tree-sitter';

/** Where an `await` stops belonging to the enclosing function (ESLint's `isBoundary`). */
export const SCOPE_BOUNDARIES: ReadonlySet<string> = new Set(['function_definition', 'lambda', 'class_definition']);

/** Comprehension node types (a generator expression with `await` is an async generator). */
export const COMPREHENSIONS: ReadonlySet<string> = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);

/**
 * True when `child` is the node in `parent`'s field `field`. Only for fields that hold one
 * node (every caller's: body, left, right, name, alias, object, value, function, attribute):
 * fetching one node is much cheaper than the array of a repeated field.
 */
export function isField(parent: Node, field: string, child: Node): boolean {
  return parent.childForFieldName(field)?.id === child.id;
}

/** True for `async def`, `async for`, `async with` and async comprehension clauses. */
export function hasAsyncKeyword(node: Node): boolean {
  return node.firstChild?.type === 'async';
}

/** Statement nodes are the children of a block or of the module. */
export function isStatement(node: Node): boolean {
  const t = node.parent?.type;
  return t === 'block' || t === 'module';
}

/** The statement that contains `node` (itself when it is one). */
export function enclosingStatement(node: Node): Node {
  let n: Node = node;
  while (!isStatement(n) && n.parent !== null) n = n.parent;
  return n;
}

/** Named children of a block, without comments. */
export function statementsOf(block: Node): Node[] {
  return block.namedChildren.filter((c) => c.type !== 'comment');
}

/** The previous statement in the same block, skipping comments. */
export function previousStatement(stmt: Node): Node | undefined {
  let p = stmt.previousNamedSibling;
  while (p !== null && p.type === 'comment') p = p.previousNamedSibling;
  return p ?? undefined;
}

/** The next statement in the same block, skipping comments. */
export function nextStatement(stmt: Node): Node | undefined {
  let p = stmt.nextNamedSibling;
  while (p !== null && p.type === 'comment') p = p.nextNamedSibling;
  return p ?? undefined;
}

/** namesRead's answers per tree and node id: the loop rule asks three checks about the same operand. */
const namesReadCache = new WeakMap<object, Map<number, ReadonlySet<string>>>();

/** Identifiers that `node` reads: not attribute names (`x.NAME`) and not keyword names (`f(NAME=…)`). */
export function namesRead(node: Node): ReadonlySet<string> {
  let perTree = namesReadCache.get(node.tree);
  if (perTree === undefined) {
    perTree = new Map();
    namesReadCache.set(node.tree, perTree);
  }
  let names = perTree.get(node.id);
  if (names === undefined) {
    names = readNames(node);
    perTree.set(node.id, names);
  }
  return names;
}

function readNames(node: Node): Set<string> {
  const out = new Set<string>();
  if (node.type === 'identifier') {
    // `object.attribute` and `name=value`: the object and the name start where their parent
    // starts, the attribute and the value cannot (a position compare instead of a field lookup).
    const parent = node.parent;
    const type = parent?.type;
    if (parent !== null && type === 'attribute' && node.startIndex !== parent.startIndex) return out;
    if (parent !== null && type === 'keyword_argument' && node.startIndex === parent.startIndex) return out;
    out.add(node.text);
    return out;
  }
  // One lookup for the identifiers and the nodes that can make one not a read, instead of the
  // parent of every identifier (each `.parent` searches down from the root of the whole file).
  // An attribute's name is the only identifier ending where the attribute ends without starting
  // where it starts; a keyword argument's name the only one starting where the argument starts.
  const found = node.descendantsOfType(READ_TYPES);
  const attributeEnds = new Map<number, number[]>();
  const keywordStarts = new Set<number>();
  for (const n of found) {
    if (n.type === 'attribute') {
      const end = n.endIndex;
      const starts = attributeEnds.get(end);
      if (starts === undefined) attributeEnds.set(end, [n.startIndex]);
      else starts.push(n.startIndex);
    } else if (n.type === 'keyword_argument') {
      keywordStarts.add(n.startIndex);
    }
  }
  for (const id of found) {
    if (id.type !== 'identifier') continue;
    const start = id.startIndex;
    const text = id.text;
    if (keywordStarts.has(start)) continue;
    const starts = attributeEnds.get(start + text.length);
    if (starts !== undefined && starts.some((s) => s < start)) continue;
    out.add(text);
  }
  return out;
}

const READ_TYPES = ['identifier', 'attribute', 'keyword_argument'];

/** Names a binding target introduces: `a`, `a, b`, `[a, *b]`; none for `x.attr` or `x[i]`. */
export function targetNames(target: Node): string[] {
  switch (target.type) {
    case 'identifier':
      return [target.text];
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'tuple':
    case 'list':
    case 'expression_list':
    case 'parenthesized_expression':
    case 'list_splat_pattern':
    case 'list_splat':
    case 'as_pattern_target':
      return target.namedChildren.flatMap(targetNames);
    default:
      return [];
  }
}

const BINDERS = [
  'assignment',
  'augmented_assignment',
  'for_statement',
  'as_pattern_target',
  'named_expression',
  'function_definition',
  'class_definition',
  'delete_statement',
  'aliased_import',
  'import_statement',
  'global_statement',
  'nonlocal_statement',
];

/**
 * Names bound anywhere inside `node` (assignments, loop targets, `with … as`, walrus, `del`,
 * nested `def`/`class` names, imports). Over-approximates on purpose: a name too many only
 * makes a check refuse a fix.
 */
export function namesBound(node: Node): Set<string> {
  const out = new Set<string>();
  for (const b of [node, ...node.descendantsOfType(BINDERS)]) {
    switch (b.type) {
      case 'assignment':
      case 'augmented_assignment':
      case 'for_statement': {
        const left = b.childForFieldName('left');
        if (left !== null) for (const n of targetNames(left)) out.add(n);
        break;
      }
      case 'as_pattern_target':
        for (const n of targetNames(b)) out.add(n);
        break;
      case 'named_expression':
      case 'function_definition':
      case 'class_definition': {
        const name = b.childForFieldName('name');
        if (name !== null) out.add(name.text);
        break;
      }
      case 'aliased_import': {
        const alias = b.childForFieldName('alias');
        if (alias !== null) out.add(alias.text);
        break;
      }
      case 'import_statement':
        for (const n of b.childrenForFieldName('name')) {
          if (n.type === 'dotted_name') out.add(n.text.split('.')[0]);
        }
        break;
      case 'delete_statement':
      case 'global_statement':
      case 'nonlocal_statement':
        for (const c of b.namedChildren) for (const n of targetNames(c)) out.add(n);
        break;
      default:
        break;
    }
  }
  return out;
}

/** Nodes of `types` under `node` that belong to `node`'s own scope (not inside a nested def, lambda or class). */
export function ownDescendants(node: Node, types: readonly string[]): Node[] {
  // One lookup for the nodes and the nested scopes (each call costs a scan of the grammar's types).
  const all = node.descendantsOfType([...types, ...SCOPE_TYPES]);
  const found: Node[] = [];
  const scopes: Node[] = [];
  for (const n of all) {
    if (types.includes(n.type)) found.push(n);
    else if (n.id !== node.id) scopes.push(n);
  }
  if (found.length === 0) return found;
  // Nested scopes by position, instead of walking every result's parents (each step crosses into wasm).
  if (scopes.length === 0) return found;
  return found.filter((d) => {
    for (const s of scopes) {
      if (s.startIndex > d.startIndex || s.endIndex < d.endIndex || s.id === d.id) continue;
      // Same span: `s` may be d's child (`lambda: x` as a whole statement), not its scope.
      if (s.startIndex === d.startIndex && s.endIndex === d.endIndex) return !insideScope(d, node);
      return false;
    }
    return true;
  });
}

const SCOPE_TYPES = [...SCOPE_BOUNDARIES];

function insideScope(d: Node, node: Node): boolean {
  for (let p = d.parent; p !== null && p.id !== node.id; p = p.parent) {
    if (SCOPE_BOUNDARIES.has(p.type)) return true;
  }
  return false;
}

/** The parts of a call: `recv.name(args)` or `name(args)`. */
export interface CallShape {
  readonly call: Node;
  /** The last name of the callee: `get` in `client.get(u)`, `fetch` in `fetch(u)`. */
  readonly name: string;
  /** The callee expression. */
  readonly callee: Node;
  /** `client` in `client.get(u)`, `self._http` in `self._http.get(u)`; undefined for a plain name. */
  readonly receiver?: Node;
  /** The first identifier of the receiver (`self` for `self._http`). */
  readonly receiverRoot?: string;
  /** Arguments in source order: the value, and the keyword for `name=value`. */
  readonly args: readonly CallArgument[];
}

/** One argument of a call. */
export interface CallArgument {
  readonly value: Node;
  readonly keyword?: string;
}

/** Describes `node` when it is a call through a name or an attribute chain. */
export function callShape(node: Node): CallShape | undefined {
  if (node.type !== 'call') return undefined;
  const callee = node.childForFieldName('function');
  const argList = node.childForFieldName('arguments');
  if (callee === null || argList === null || argList.type !== 'argument_list') return undefined;
  const args: CallArgument[] = [];
  for (const a of argList.namedChildren) {
    if (a.type === 'comment') continue;
    if (a.type === 'keyword_argument') {
      const value = a.childForFieldName('value');
      if (value !== null) args.push({ value, keyword: a.childForFieldName('name')?.text });
    } else {
      args.push({ value: a });
    }
  }
  if (callee.type === 'identifier') return { call: node, name: callee.text, callee, args };
  if (callee.type === 'attribute') {
    const receiver = callee.childForFieldName('object');
    const attr = callee.childForFieldName('attribute');
    if (receiver === null || attr === null) return undefined;
    return { call: node, name: attr.text, callee, receiver, receiverRoot: rootName(receiver), args };
  }
  return undefined;
}

/** The leftmost identifier of `a.b.c`, `a[0].b` or `a().b`; undefined for other shapes. */
export function rootName(node: Node): string | undefined {
  let n: Node | null = node;
  while (n !== null) {
    if (n.type === 'identifier') return n.text;
    if (n.type === 'attribute') n = n.childForFieldName('object');
    else if (n.type === 'subscript') n = n.childForFieldName('value');
    else if (n.type === 'call') n = n.childForFieldName('function');
    else return undefined;
  }
  return undefined;
}

/** The last segment of a dotted expression: `_session` for `self._session`. */
export function lastName(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text;
  return undefined;
}
