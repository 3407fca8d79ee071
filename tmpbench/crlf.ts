import { readFileSync } from 'node:fs';
const html = readFileSync('/tmp/email.html', 'utf8').replaceAll('\n', '\r\n');
const N = 5000;
function bench(name: string, f: (s: string) => unknown) {
  const t = performance.now();
  for (let i = 0; i < N; i++) f(html + i);
  console.log(name.padEnd(12), ((performance.now() - t) / N).toFixed(4));
}
for (let k = 0; k < 3; k++) {
  bench('flatten', (s) => s.charCodeAt(100));
  bench('bareTest', (s) => /\r(?!\n)|(?<!\r)\n/.test(s));
  bench('countTest', (s) => { let a = 0, b = 0, i = -1; while ((i = s.indexOf('\n', i + 1)) >= 0) { a++; if (s.charCodeAt(i - 1) !== 13) return false; } i = -1; while ((i = s.indexOf('\r', i + 1)) >= 0) { b++; } return a === b; });
  bench('regexrepl', (s) => s.replace(/\r\n|\r|\n/g, '\r\n'));
}
