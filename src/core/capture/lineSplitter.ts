/** Cuts a stream of text chunks into lines (\n or \r\n), calling `onLine` for each complete line. */
export class LineSplitter {
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  /** Feeds a chunk; complete lines are emitted at once. */
  push(chunk: string): void {
    const parts = (this.pending + chunk).split('\n');
    this.pending = parts.pop() ?? '';
    for (const part of parts) this.onLine(part.endsWith('\r') ? part.slice(0, -1) : part);
  }

  /** Emits a last line that had no newline. */
  end(): void {
    if (this.pending !== '') this.onLine(this.pending);
    this.pending = '';
  }
}
