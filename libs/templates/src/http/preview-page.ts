/**
 * The preview page: static HTML plus a small script calling GET /v1/templates and
 * GET /v1/templates/:key/preview. Texts are inserted with textContent; emails and letters are
 * shown in sandboxed iframes (srcdoc), so nothing from a template can run in the page.
 */
export const PREVIEW_PAGE_HTML = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Modèles de messages — prévisualisation</title>
<style>
  body { font-family: system-ui, Arial, sans-serif; margin: 0; color: #1b1b35; background: #f6f6fb; }
  header { background: #000091; color: #fff; padding: 12px 24px; }
  header h1 { margin: 0; font-size: 1.3rem; }
  header p { margin: 4px 0 0; font-size: .95rem; opacity: .9; }
  main { display: grid; grid-template-columns: 320px 1fr; gap: 24px; padding: 24px; }
  form { background: #fff; border-radius: 8px; padding: 16px; align-self: start; box-shadow: 0 1px 3px #0002; }
  label { display: block; font-weight: 600; margin: 12px 0 4px; }
  select { width: 100%; font-size: 1rem; padding: 6px; }
  .purpose { font-size: .9rem; color: #444; margin-top: 8px; }
  .meta { font-size: .85rem; color: #555; margin: 0 0 12px; }
  .meta code { background: #eef; padding: 1px 4px; border-radius: 3px; }
  #result { background: #fff; border-radius: 8px; padding: 16px; box-shadow: 0 1px 3px #0002; min-height: 400px; }
  .phone { width: 340px; border: 10px solid #222; border-radius: 32px; padding: 24px 12px; background: #fafafa; }
  .bubble { background: #e5e5ea; border-radius: 18px; padding: 10px 14px; white-space: pre-wrap; line-height: 1.4; font-size: 15px; }
  .bubble[dir="rtl"] { text-align: right; }
  .badges span { display: inline-block; background: #000091; color: #fff; border-radius: 12px; padding: 2px 10px; margin: 8px 6px 0 0; font-size: .85rem; }
  .badges span.warn { background: #b34000; }
  iframe { width: 100%; height: 720px; border: 1px solid #ccc; border-radius: 6px; background: #fff; }
  pre { white-space: pre-wrap; font-family: inherit; font-size: 1.05rem; line-height: 1.5; background: #fafafa; padding: 12px; border-radius: 6px; }
  .subject { font-weight: 700; margin-bottom: 8px; }
  .error { color: #b00020; font-weight: 600; }
  @media (max-width: 800px) { main { grid-template-columns: 1fr; } }
</style>
</head>
<body>
<header>
  <h1>Modèles de messages Unisson</h1>
  <p>Relisez chaque message, dans chaque langue, sur chaque canal, avec des données d'exemple. Relecteurs FALC et traducteurs : la <a href="/modeles/relecture" style="color:#fff">liste de relecture</a> donne les constats de chaque rendu et chaque version à côté de la précédente.</p>
</header>
<main>
  <form id="choices" aria-label="Choix du message">
    <label for="key">Message</label><select id="key" name="key"></select>
    <div class="purpose" id="purpose"></div>
    <label for="channel">Canal</label><select id="channel" name="channel"></select>
    <label for="locale">Langue</label><select id="locale" name="locale"></select>
    <label for="tone">Ton</label><select id="tone" name="tone"></select>
    <label for="length">Longueur</label><select id="length" name="length"></select>
    <label for="pictograms">Pictogrammes</label>
    <select id="pictograms" name="pictograms"><option value="true">Avec pictogrammes</option><option value="false">Sans pictogrammes</option></select>
  </form>
  <section id="result" aria-live="polite"></section>
</main>
<script>
(function () {
  var LABELS = {
    channel: { sms: 'SMS', email: 'Courriel', letter: 'Lettre', voice: 'Message vocal', call: "Script d'appel" },
    tone: { reassuring: 'Rassurant', neutral: 'Neutre', firm: 'Ferme' },
    length: { short: 'Court', detailed: 'Détaillé' }
  };
  var $ = function (id) { return document.getElementById(id); };
  var catalogue = null;

  function fill(select, values, labels) {
    select.innerHTML = '';
    values.forEach(function (v) {
      var o = document.createElement('option');
      o.value = typeof v === 'string' ? v : v.value;
      o.textContent = typeof v === 'string' ? (labels && labels[v]) || v : v.label;
      select.appendChild(o);
    });
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function params() {
    var p = new URLSearchParams();
    ['channel', 'locale', 'tone', 'length', 'pictograms'].forEach(function (k) { p.set(k, $(k).value); });
    return p;
  }
  function show(msg) {
    var out = $('result');
    out.innerHTML = '';
    var meta = el('p', '', 'meta');
    meta.appendChild(document.createTextNode('Version ' + msg.version + ' — empreinte '));
    meta.appendChild(el('code', msg.templateVersion));
    meta.appendChild(document.createTextNode(' — sens de lecture : ' + (msg.direction === 'rtl' ? 'droite à gauche' : 'gauche à droite')));
    out.appendChild(meta);
    if (msg.channel === 'sms') {
      var phone = el('div', undefined, 'phone');
      var bubble = el('div', msg.text, 'bubble');
      bubble.setAttribute('dir', msg.direction);
      bubble.setAttribute('lang', msg.locale === 'fr-falc' ? 'fr' : msg.locale);
      phone.appendChild(bubble);
      out.appendChild(phone);
      var badges = el('div', undefined, 'badges');
      badges.appendChild(el('span', msg.segments + (msg.segments > 1 ? ' segments' : ' segment')));
      badges.appendChild(el('span', msg.encoding, msg.encoding === 'UCS-2' ? 'warn' : ''));
      badges.appendChild(el('span', msg.text.length + ' caractères'));
      out.appendChild(badges);
    } else if (msg.html) {
      if (msg.subject) out.appendChild(el('div', 'Objet : ' + msg.subject, 'subject'));
      var frame = document.createElement('iframe');
      frame.setAttribute('sandbox', '');
      frame.setAttribute('title', 'Aperçu du message');
      frame.srcdoc = msg.html;
      out.appendChild(frame);
    } else {
      var pre = el('pre', msg.text);
      pre.setAttribute('dir', msg.direction);
      out.appendChild(pre);
    }
  }
  function refresh() {
    var key = $('key').value;
    var t = catalogue.templates.find(function (x) { return x.key === key; });
    $('purpose').textContent = t ? t.purpose + ' (étape : ' + t.stage + ')' : '';
    history.replaceState(null, '', '?key=' + key + '&' + params().toString());
    fetch('/v1/templates/' + encodeURIComponent(key) + '/preview?' + params().toString())
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (r) {
        if (!r.ok) { $('result').innerHTML = ''; $('result').appendChild(el('p', r.body.message || 'Erreur', 'error')); return; }
        show(r.body);
      })
      .catch(function () { $('result').innerHTML = ''; $('result').appendChild(el('p', "Le serveur ne répond pas : rechargez la page dans un instant.", 'error')); });
  }
  fetch('/v1/templates').then(function (r) { return r.json(); }).then(function (c) {
    catalogue = c;
    fill($('key'), c.templates.map(function (t) { return { value: t.key, label: t.title }; }));
    fill($('channel'), c.channels, LABELS.channel);
    fill($('locale'), c.locales.map(function (l) { return { value: l.locale, label: l.label }; }));
    fill($('tone'), c.tones, LABELS.tone);
    fill($('length'), c.lengths, LABELS.length);
    var q = new URLSearchParams(location.search);
    ['key', 'channel', 'locale', 'tone', 'length', 'pictograms'].forEach(function (k) { if (q.get(k)) $(k).value = q.get(k); });
    $('choices').addEventListener('change', refresh);
    refresh();
  });
})();
</script>
</body>
</html>
`;
