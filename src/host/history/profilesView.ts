import * as vscode from 'vscode';
import { entryDescription, entryTimeLabel, entryTooltip, groupKeyOf, groupLabel, type HistoryEntry } from '../../core/history';
import type { Log } from '../log';
import type { ProfileHistory } from './profileHistory';

/** The view's id (package.json `contributes.views`). */
export const PROFILES_VIEW_ID = 'profileFirst.profiles';
/** contextValue of a recording item: the menus' `when` clauses select history commands by it. */
export const HISTORY_ITEM_CONTEXT = 'profileFirst.historyEntry';
/** Opens a recording (the item's click, and its context menu). */
export const OPEN_HISTORY_COMMAND = 'profileFirst.history.open';

/** A recording in the Profiles view; command handlers receive this object as their argument. */
export class HistoryItemNode {
  constructor(readonly entry: HistoryEntry) {}
}

/** A script's recordings. */
export class HistoryGroupNode {
  constructor(
    readonly key: string,
    readonly entries: readonly HistoryEntry[],
  ) {}
}

type Node = HistoryGroupNode | HistoryItemNode;

/**
 * The Profiles view: recordings of the recordings folder grouped by script (the group of the
 * newest recording first), newest first inside each group. Nothing is read until VS Code asks
 * for the first children, so activation and window reloads stay cheap.
 */
export class ProfilesViewProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly history: ProfileHistory,
    private readonly log: Log,
  ) {
    this.subscription = history.onDidChange(() => this.changed.fire(undefined));
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (node instanceof HistoryItemNode) return [];
    if (node instanceof HistoryGroupNode) return node.entries.map((e) => new HistoryItemNode(e));
    let entries: HistoryEntry[];
    try {
      entries = await this.history.entries();
    } catch (err) {
      // The view shows its welcome text; the reason goes to the log (a missing folder is not an error).
      this.log.warn(`Profiles view: ${(err as Error).message}`);
      return [];
    }
    const groups = new Map<string, HistoryEntry[]>();
    for (const e of entries) {
      const key = groupKeyOf(e);
      const list = groups.get(key);
      if (list === undefined) groups.set(key, [e]);
      else list.push(e);
    }
    return [...groups].map(([key, list]) => new HistoryGroupNode(key, list));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node instanceof HistoryGroupNode) {
      const item = new vscode.TreeItem(groupLabel(node.key), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${node.key}`;
      item.description = `${node.entries.length} recording${node.entries.length === 1 ? '' : 's'}`;
      item.tooltip = node.key === '' ? 'Recordings attached to running processes' : node.key;
      item.iconPath = new vscode.ThemeIcon('file-code');
      item.contextValue = 'profileFirst.historyGroup';
      return item;
    }
    const { entry } = node;
    const item = new vscode.TreeItem(entryTimeLabel(entry), vscode.TreeItemCollapsibleState.None);
    item.id = `entry:${entry.profilePath}`;
    item.description = entryDescription(entry);
    item.tooltip = entryTooltip(entry);
    item.iconPath = new vscode.ThemeIcon(entry.kind === 'memory' ? 'graph' : 'flame');
    item.contextValue = HISTORY_ITEM_CONTEXT;
    item.command = { command: OPEN_HISTORY_COMMAND, title: 'Open', arguments: [node] };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
