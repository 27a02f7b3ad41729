// A stand-in for the `vscode` module, for timing the extension's activation in plain Node
// (bench/suites/activation.ts). It answers like an empty VS Code window: no workspace folders, no
// editors, settings at their defaults, and every call that registers something returns a
// disposable. Anything not listed is a callable proxy, so a new API use does not break the bench.
// Plain JavaScript on purpose: the measured process must not load a TypeScript loader.
'use strict';

const calls = [];
/** Messages the extension showed (an activation that shows an error has failed). */
const shown = [];
const show = (level) => async (message) => {
  shown.push(`${level}: ${message}`);
  return undefined;
};

/** A callable, constructible object whose every property is another such object. */
function anything(name) {
  const cache = new Map();
  const target = function () {};
  return new Proxy(target, {
    get(_t, prop) {
      if (prop === 'then') return undefined; // not a promise
      if (prop === Symbol.iterator) return function* () {};
      if (prop === Symbol.toPrimitive) return () => 0;
      if (typeof prop === 'symbol') return undefined;
      if (prop === 'dispose') return () => undefined;
      if (!cache.has(prop)) cache.set(prop, /^on(Did|Will)/.test(prop) ? event(`${name}.${prop}`) : anything(`${name}.${prop}`));
      return cache.get(prop);
    },
    set(_t, prop, value) {
      cache.set(prop, value); // e.g. statusBarItem.text = …
      return true;
    },
    apply(_t, _this, args) {
      calls.push(name);
      return anything(`${name}()`, args);
    },
    construct() {
      return anything(`new ${name}`);
    },
  });
}

const disposable = () => ({ dispose() {} });
const event = (name) => () => {
  calls.push(name);
  return disposable();
};

class EventEmitter {
  constructor() {
    this.listeners = [];
    this.event = (listener) => {
      this.listeners.push(listener);
      return disposable();
    };
  }
  fire(value) {
    for (const l of this.listeners) l(value);
  }
  dispose() {
    this.listeners = [];
  }
}

class Disposable {
  constructor(fn) {
    this.fn = fn;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose() {
    if (this.fn) this.fn();
  }
}

class Uri {
  constructor(fsPath) {
    this.scheme = 'file';
    this.fsPath = fsPath;
    this.path = fsPath;
  }
  static file(p) {
    return new Uri(p);
  }
  static joinPath(base, ...parts) {
    return new Uri([base.fsPath, ...parts].join('/'));
  }
  toString() {
    return `file://${this.fsPath}`;
  }
  with() {
    return this;
  }
}

const configuration = {
  get: (_key, fallback) => fallback,
  inspect: () => undefined,
  has: () => false,
  update: async () => undefined,
};

const registered = () => {
  calls.push('register');
  return disposable();
};

// Bundlers copy the module's own keys (esbuild's __toESM), so every top-level name the
// extension may touch must exist as a key; their members are proxies.
const TOP_LEVEL = [
  'CodeAction', 'CodeActionKind', 'CodeLens', 'Diagnostic', 'DiagnosticSeverity', 'DiagnosticTag', 'Hover', 'MarkdownString',
  'Position', 'Range', 'Selection', 'TextEdit', 'WorkspaceEdit', 'Location', 'CancellationTokenSource', 'RelativePattern',
  'TreeItem', 'TreeItemCollapsibleState', 'QuickPickItemKind', 'ConfigurationTarget', 'FileType', 'ThemeIcon', 'ColorThemeKind',
  'TextEditorRevealType', 'EndOfLine', 'LogLevel', 'env', 'extensions', 'debug', 'tasks', 'tests', 'l10n', 'authentication', 'notebooks', 'scm',
];
const base = anything('vscode');
const vscode = new Proxy(
  {
    ...Object.fromEntries(TOP_LEVEL.map((name) => [name, anything(name)])),
    EventEmitter,
    Disposable,
    Uri,
    ThemeColor: class ThemeColor {
      constructor(id) {
        this.id = id;
      }
    },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
    OverviewRulerLane: { Left: 1, Center: 2, Right: 4, Full: 7 },
    DecorationRangeBehavior: { OpenOpen: 0, ClosedClosed: 1, OpenClosed: 2, ClosedOpen: 3 },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    commands: new Proxy({ registerCommand: registered, executeCommand: async () => undefined }, { get: (t, p) => t[p] ?? base.commands[p] }),
    languages: new Proxy(
      { registerHoverProvider: registered, registerCodeLensProvider: registered, registerCodeActionsProvider: registered },
      { get: (t, p) => t[p] ?? base.languages[p] },
    ),
    workspace: new Proxy(
      { getConfiguration: () => configuration, workspaceFolders: undefined, isTrusted: true, textDocuments: [] },
      { get: (t, p) => (p in t ? t[p] : base.workspace[p]) },
    ),
    window: new Proxy(
      {
        visibleTextEditors: [],
        activeTextEditor: undefined,
        terminals: [],
        showErrorMessage: show('error'),
        showWarningMessage: show('warning'),
        showInformationMessage: show('info'),
      },
      { get: (t, p) => (p in t ? t[p] : base.window[p]) },
    ),
  },
  { get: (t, p) => (p in t ? t[p] : base[p]) },
);

module.exports = vscode;
module.exports.__calls = calls;
module.exports.__shown = shown;
