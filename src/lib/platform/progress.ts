// A progress bar for long CLI jobs: redraws in place on a terminal, prints a
// line every 10 % when the output is a file or a CI log.
export interface Progress {
  tick(done: number): void;
  done(message?: string): void;
}

export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  let lastDecile = -1;
  const render = (done: number): string => {
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const width = 28;
    const filled = Math.round(ratio * width);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    return `${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${Math.round(ratio * 100)}% ${done}/${total} ${secs}s`;
  };
  return {
    tick(done) {
      if (stream.isTTY) {
        if (done % Math.max(1, Math.floor(total / 200)) === 0 || done === total) stream.write(`\r${render(done)}`);
      } else {
        const decile = Math.floor((done / Math.max(1, total)) * 10);
        if (decile !== lastDecile) {
          lastDecile = decile;
          stream.write(`${render(done)}\n`);
        }
      }
    },
    done(message) {
      if (stream.isTTY) stream.write('\n');
      if (message) stream.write(`${message}\n`);
    },
  };
}
