/**
 * The shell of Unisson's server-rendered pages (admin, campaigns, journal): French, no script
 * or style from outside the service, values always escaped.
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Template literal tag: every interpolated value is escaped unless wrapped in `raw()`. */
export interface RawHtml {
  readonly __html: string;
}
export const raw = (html: string): RawHtml => ({ __html: html });

export function html(strings: TemplateStringsArray, ...values: unknown[]): RawHtml {
  let out = strings[0];
  values.forEach((value, i) => {
    const render = (v: unknown): string =>
      Array.isArray(v) ? v.map(render).join('') : v && typeof v === 'object' && '__html' in v ? (v as RawHtml).__html : escapeHtml(v);
    out += render(value) + strings[i + 1];
  });
  return raw(out);
}

export interface PageOptions {
  title: string;
  /** Signed-in person's label and the CSRF token for the sign-out form; null on public pages. */
  session?: { label: string; csrfToken: string } | null;
  /** Links of the top bar: [href, label]. */
  nav?: ReadonlyArray<[string, string]>;
  /** A message shown above the content (result of the last form). */
  notice?: { kind: 'ok' | 'error'; text: string } | null;
}

const STYLE = `body{font-family:system-ui,Arial,sans-serif;max-width:1100px;margin:1.5rem auto;padding:0 1rem;color:#1b1b35}
h1{color:#000091;font-size:1.6rem}h2{color:#000091;font-size:1.2rem;margin-top:2rem}
nav{display:flex;gap:1rem;flex-wrap:wrap;align-items:center;border-bottom:2px solid #000091;padding-bottom:.5rem}
nav a{color:#000091}nav form{margin-left:auto}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top;font-size:.92rem}
th{background:#f0f0ff}form.inline{display:inline}fieldset{border:1px solid #ccd;margin:.8rem 0;padding:.6rem 1rem}
label{display:block;margin:.3rem 0}input[type=text],input[type=email],input[type=password],input[type=number],input[type=url],input[type=datetime-local],select{padding:.3rem;min-width:16rem}
button{background:#000091;color:#fff;border:0;padding:.4rem .9rem;border-radius:4px;cursor:pointer}button.secondary{background:#666}button.danger{background:#b00020}
.notice{padding:.6rem 1rem;border-radius:4px;margin:1rem 0}.ok{background:#e6f4ea;border:1px solid #1e7e34}.error{background:#fdecea;border:1px solid #b00020}
.secret{font-family:monospace;background:#fff8e1;border:1px dashed #b58900;padding:.5rem;word-break:break-all}
.bar{background:#eee;border-radius:4px;height:1.1rem;width:100%;max-width:420px}.bar>span{display:block;height:100%;background:#000091;border-radius:4px}
small,.muted{color:#555}code{background:#f4f4f8;padding:0 .2rem}`;

export function renderPage(options: PageOptions, body: RawHtml): string {
  const nav = options.nav ?? [];
  const session = options.session;
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(options.title)} — Unisson</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head><body>
<nav><strong>Unisson</strong>${nav.map(([href, label]) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`).join('')}${
    session
      ? `<form method="post" action="/deconnexion"><input type="hidden" name="_csrf" value="${escapeHtml(session.csrfToken)}"><small>${escapeHtml(
          session.label,
        )}</small> <button class="secondary">Se déconnecter</button></form>`
      : ''
  }</nav>
${options.notice ? `<p class="notice ${options.notice.kind}" role="status">${escapeHtml(options.notice.text)}</p>` : ''}
<h1>${escapeHtml(options.title)}</h1>
${body.__html}
</body></html>`;
}
