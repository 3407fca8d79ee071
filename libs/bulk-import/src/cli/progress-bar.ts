/** A terminal progress bar (or, when the output is not a terminal, one line per 10 %). */
export class ProgressBar {
  private lastDecile = -1;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly width = 30,
  ) {}

  update(done: number, total: number | null, label: string): void {
    const ratio = total ? Math.min(1, done / total) : 0;
    const percent = Math.floor(ratio * 100);
    const text = `${String(percent).padStart(3)} % ${done.toLocaleString('fr-FR')} / ${total === null ? '…' : total.toLocaleString('fr-FR')} ${label}`;
    if (this.stream.isTTY) {
      const filled = Math.round(ratio * this.width);
      this.stream.write(`\r[${'█'.repeat(filled)}${'░'.repeat(this.width - filled)}] ${text}   `);
    } else if (Math.floor(percent / 10) !== this.lastDecile) {
      this.lastDecile = Math.floor(percent / 10);
      this.stream.write(`${text}\n`);
    }
  }

  end(message: string): void {
    if (this.stream.isTTY) this.stream.write('\n');
    this.stream.write(`${message}\n`);
    this.lastDecile = -1;
  }
}
