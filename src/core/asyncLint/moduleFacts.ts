/**
 * Facts about one Python module that every finding in it needs: how asyncio is imported (and
 * where to add `import asyncio`), whether trio/anyio/curio is in use, which names are modules,
 * which classes are marked safe to share between concurrent calls.
 */
import type { Node } from 'web-tree-sitter';
import type { SourceText } from './sourceText';
import { hasAsyncKeyword, namesBound, ownDescendants, targetNames } from './syntaxTree';

/** The marker a class definition line carries to say its instances may be shared by concurrent calls. */
export const CONCURRENCY_SAFE_MARKER = 'profile-first: concurrency-safe';

const MARKED_CLASS = /^[ \t]*class[ \t]+([A-Za-z_]\w*)[^\n]*#[ \t]*profile-first:[ \t]*concurrency-safe\b/gm;

/** Frameworks where `asyncio.gather` is wrong (hazard 13). */
const OTHER_FRAMEWORKS = ['trio', 'anyio', 'curio'] as const;
export type OtherFramework = (typeof OTHER_FRAMEWORKS)[number];

export interface ModuleFacts {
  /** The name asyncio is imported under at module level (`asyncio` or an `as` alias); undefined: not imported. */
  readonly asyncioName: string | undefined;
  /** Set when the module binds `asyncio` to something else, so `import asyncio` cannot be added. */
  readonly asyncioShadowed: boolean;
  readonly otherFramework: OtherFramework | undefined;
  /** Local name → module, for `import x` (`x` → `x`) and `import x as y` (`y` → `x`). */
  readonly moduleAliases: ReadonlyMap<string, string>;
  /** Local name → `module.name`, for `from module import name [as local]`. */
  readonly fromImports: ReadonlyMap<string, string>;
  /** Classes whose `class` line carries `# profile-first: concurrency-safe`. */
  readonly markedSafeClasses: ReadonlySet<string>;
  /** Where `import asyncio` goes when it is missing, and the text to insert there. */
  readonly importInsertion: { readonly offset: number; readonly text: string };
  /** True when `name` is a generator function defined at the top level of this module. */
  isGeneratorFunction(name: string): boolean;
}

/** Reads the facts of a parsed module. */
export function moduleFacts(root: Node, source: SourceText): ModuleFacts {
  const moduleAliases = new Map<string, string>();
  const fromImports = new Map<string, string>();
  let asyncioName: string | undefined;
  let otherFramework: OtherFramework | undefined;
  for (const imp of importStatements(root, source.text)) {
    const topLevel = imp.parent?.type === 'module';
    if (imp.type === 'import_statement') {
      for (const n of imp.childrenForFieldName('name')) {
        const dotted = n.type === 'aliased_import' ? n.childForFieldName('name') : n;
        const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : undefined;
        if (dotted === null) continue;
        const module = dotted.text;
        const top = module.split('.')[0];
        otherFramework ??= frameworkOf(top);
        moduleAliases.set(alias ?? top, alias === undefined ? top : module);
        if (topLevel && module === 'asyncio') asyncioName = alias ?? 'asyncio';
      }
    } else {
      const module = imp.childForFieldName('module_name')?.text ?? '';
      otherFramework ??= frameworkOf(module.split('.')[0]);
      for (const n of imp.childrenForFieldName('name')) {
        const name = n.type === 'aliased_import' ? n.childForFieldName('name')?.text : n.text;
        const alias = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : undefined;
        if (name !== undefined) fromImports.set(alias ?? name, `${module}.${name}`);
      }
    }
  }
  const markedSafeClasses = new Set<string>();
  for (const m of source.text.matchAll(MARKED_CLASS)) markedSafeClasses.add(m[1]);
  const generators = new Map<string, boolean>();
  return {
    asyncioName,
    asyncioShadowed: asyncioName === undefined && boundAtTopLevel(root).has('asyncio'),
    otherFramework,
    moduleAliases,
    fromImports,
    markedSafeClasses,
    importInsertion: importInsertion(root, source),
    isGeneratorFunction(name) {
      if (!generators.has(name)) generators.set(name, isTopLevelGenerator(root, name));
      return generators.get(name) === true;
    },
  };
}

const IMPORT_WORD = /\bimport\b/g;

/**
 * Every `import` and `from … import` statement, anywhere, in source order: found by the word
 * `import` in the text (each statement has exactly one) and the node at it, which is cheaper
 * than walking the whole tree. The word elsewhere (a string, a comment, `__future__`) is skipped.
 */
function importStatements(root: Node, text: string): Node[] {
  const out: Node[] = [];
  IMPORT_WORD.lastIndex = 0;
  for (let m = IMPORT_WORD.exec(text); m !== null; m = IMPORT_WORD.exec(text)) {
    const keyword = root.descendantForIndex(m.index, m.index + 6);
    if (keyword === null || keyword.type !== 'import' || keyword.startIndex !== m.index) continue;
    const statement = keyword.parent;
    if (statement !== null && (statement.type === 'import_statement' || statement.type === 'import_from_statement')) out.push(statement);
  }
  return out;
}

function frameworkOf(top: string): OtherFramework | undefined {
  return (OTHER_FRAMEWORKS as readonly string[]).includes(top) ? (top as OtherFramework) : undefined;
}

/** Names bound by top-level statements other than imports (`asyncio = …`, `def asyncio():`). */
function boundAtTopLevel(root: Node): Set<string> {
  const out = new Set<string>();
  for (const stmt of root.namedChildren) {
    if (stmt.type === 'expression_statement') {
      for (const a of stmt.namedChildren) {
        const left = a.type === 'assignment' ? a.childForFieldName('left') : null;
        if (left !== null) for (const n of targetNames(left)) out.add(n);
      }
    } else if (stmt.type === 'function_definition' || stmt.type === 'class_definition') {
      const name = stmt.childForFieldName('name');
      if (name !== null) out.add(name.text);
    } else if (stmt.type === 'import_from_statement') {
      for (const n of namesBound(stmt)) out.add(n);
      for (const n of stmt.childrenForFieldName('name')) if (n.type === 'dotted_name') out.add(n.text);
    }
  }
  return out;
}

function isTopLevelGenerator(root: Node, name: string): boolean {
  for (const stmt of root.namedChildren) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def?.type !== 'function_definition' || def.childForFieldName('name')?.text !== name) continue;
    return !hasAsyncKeyword(def) && ownDescendants(def, ['yield']).length > 0;
  }
  return false;
}

/**
 * `import asyncio` goes before the first top-level import; else after the docstring and
 * `from __future__` imports; else after the leading comment lines (shebang, encoding).
 */
function importInsertion(root: Node, source: SourceText): { offset: number; text: string } {
  const line = `import asyncio${source.newline}`;
  let after: Node | undefined;
  // namedChild(i), not namedChildren: the loop stops at the first ordinary statement, and a big
  // module has thousands of top-level statements.
  for (let i = 0, stmt = root.namedChild(0); stmt !== null; stmt = root.namedChild(++i)) {
    if (stmt.type === 'comment') continue;
    if (stmt.type === 'import_statement' || stmt.type === 'import_from_statement') {
      return { offset: source.lineStart(stmt.startIndex), text: line };
    }
    const isDocstring = after === undefined && stmt.type === 'expression_statement' && stmt.namedChild(0)?.type === 'string';
    if (stmt.type === 'future_import_statement' || isDocstring) {
      after = stmt;
      continue;
    }
    break;
  }
  if (after !== undefined) {
    const end = source.lineEnd(after.endIndex);
    if (end >= source.text.length) return { offset: source.text.length, text: `${source.newline}${line}` };
    return { offset: end + source.newline.length, text: line };
  }
  let offset = 0;
  while (offset < source.text.length && source.text[offset] === '#') {
    const end = source.lineEnd(offset);
    if (end >= source.text.length) return { offset: source.text.length, text: `${source.newline}${line}` };
    offset = end + source.newline.length;
  }
  return { offset, text: line };
}
