// The Earshot dashboard: one page over the API (/api/v1), signed in by an HttpOnly cookie. Every number comes from
// the same endpoint that feeds its export; every chart point opens the mentions behind it.

const $ = (id) => document.getElementById(id);
const STEP = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const RANGES = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };
const SENTIMENT_COLORS = { positive: '#16a34a', neutral: '#9ca3af', negative: '#dc2626' };

const state = {
  me: null,
  scope: localStorage.getItem('earshot.scope') || '',
  range: localStorage.getItem('earshot.range') || '24h',
  view: 'overview',
  search: { cursor: null },
  charts: {},
  rules: [],
  projects: [],
};

// ---- API --------------------------------------------------------------------------------------------------------

class SignedOut extends Error {}

async function api(path, options = {}) {
  const init = { credentials: 'same-origin', headers: {}, ...options };
  if (options.body !== undefined) {
    init.method = init.method || 'POST';
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  const response = await fetch('/api/v1' + path, init);
  if (response.status === 401) throw new SignedOut();
  if (response.status === 204) return null;
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

// ---- Signing in -------------------------------------------------------------------------------------------------

async function signIn() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const code = fragment.get('signin');
  if (fragment.get('range') in RANGES) {
    state.range = fragment.get('range');
    $('range').value = state.range;
  }
  if (code) {
    history.replaceState(null, '', location.pathname); // the code works once; never leave it in the address bar
    try {
      await api('/signin', { body: { code } });
    } catch (e) {
      showSignIn('That sign-in link has been used or is too old; ask for a new one or paste a token.');
      return false;
    }
  }
  try {
    state.me = await api('/me');
  } catch (e) {
    if (e instanceof SignedOut) {
      showSignIn('');
      return false;
    }
    throw e;
  }
  $('who').textContent = `${state.me.name} (${state.me.role})`;
  document.body.dataset.role = state.me.role;
  $('signin').classList.add('hidden');
  return true;
}

function showSignIn(message) {
  for (const v of document.querySelectorAll('.view')) v.classList.add('hidden');
  $('signin').classList.remove('hidden');
  $('signin-error').textContent = message;
  $('token').focus();
}

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    await api('/signin', { body: { token: $('token').value.trim() } });
    $('token').value = '';
    if (await signIn()) await start();
  } catch (e) {
    $('signin-error').textContent = 'That token is not valid.';
  }
});

// ---- Scope and period -------------------------------------------------------------------------------------------

function scopeParams() {
  const [kind, id] = state.scope.split(':');
  return kind && id ? { [kind]: id } : {};
}

function scopeKind() {
  return state.scope.split(':')[0];
}

function period() {
  if ($('range').value === 'custom' && $('from').value && $('to').value) {
    return { from: new Date($('from').value).toISOString(), to: new Date($('to').value).toISOString() };
  }
  const to = new Date();
  return { from: new Date(to.getTime() - (RANGES[$('range').value] || RANGES['24h'])).toISOString(), to: to.toISOString() };
}

/** Points every download link of the overview at the report export for the scope, period and filters shown. */
function setDownloads(p) {
  for (const a of document.querySelectorAll('#overview a[data-format]')) {
    a.href = '/api/v1/reports/export' + query({ ...p, format: a.dataset.format, view: a.dataset.view });
  }
}

/**
 * The overview's period: a range back from now, which the server ends at now rounded to its cache step, so that
 * everyone watching the same range shares one answer; or the custom from and to.
 */
function viewPeriod() {
  const custom = $('range').value === 'custom' && $('from').value && $('to').value;
  return custom ? period() : { range: RANGES[$('range').value] ? $('range').value : '24h' };
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    for (const one of [].concat(v)) q.append(k, one);
  }
  return '?' + q.toString();
}

async function loadScopes() {
  [state.rules, state.projects] = await Promise.all([api('/rules'), api('/projects')]);
  const select = $('scope');
  select.replaceChildren();
  const group = (label, items, kind) => {
    if (!items.length) return;
    const g = document.createElement('optgroup');
    g.label = label;
    for (const item of items) g.append(new Option(item.name || item.id, `${kind}:${item.id}`));
    select.append(g);
  };
  group('Projects', state.projects, 'project');
  group('Rules', state.rules, 'rule');
  const values = [...select.options].map((o) => o.value);
  if (!values.includes(state.scope)) state.scope = values[0] || '';
  select.value = state.scope;
}

// ---- Overview ---------------------------------------------------------------------------------------------------

function chart(id) {
  if (!state.charts[id]) {
    const c = echarts.init($(id), document.body.classList.contains('dark') ? 'dark' : null, { renderer: 'canvas' });
    const setOption = c.setOption.bind(c);
    // Every chart sits on its card's own colour, in either theme.
    c.setOption = (option, notMerge) => setOption({ backgroundColor: 'transparent', ...option }, notMerge);
    state.charts[id] = c;
  }
  return state.charts[id];
}

function change(now, before) {
  if (!before) return '';
  const pct = ((now - before) / before) * 100;
  return `${pct >= 0 ? '▲' : '▼'} ${Math.abs(pct).toFixed(0)}% vs previous`;
}

function kpi(label, value, note, exact) {
  const card = document.createElement('div');
  if (exact) card.title = exact;
  card.className = 'kpi';
  const l = document.createElement('span');
  l.textContent = label;
  const v = document.createElement('strong');
  v.textContent = value;
  const n = document.createElement('small');
  n.textContent = note;
  card.append(l, v, n);
  return card;
}

/** The overview's filters, as the views take them. */
function filters() {
  return { network: $('network').value, sentiment: $('sentiment').value };
}

async function loadOverview() {
  if (!state.scope) return;
  const p = { ...scopeParams(), ...viewPeriod(), ...filters() };
  setDownloads(p);
  const [volume, sentiment, emotions, authors, trending, top] = await Promise.all([
    api('/views/volume' + query(p)),
    api('/views/sentiment' + query(p)),
    api('/views/emotions' + query(p)),
    api('/views/top-authors' + query({ ...p, by: $('authors-by').value, limit: 10 })),
    api('/views/trending' + query({ ...p, kind: $('trend-kind').value, limit: 10 })),
    api('/views/top-mentions' + query({ ...p, by: $('top-by').value, limit: 10 })),
  ]);
  const fmt = new Intl.NumberFormat();
  $('kpis').replaceChildren(
    kpi('Mentions', fmt.format(volume.totals.mentions), change(volume.totals.mentions, volume.previous.totals.mentions)),
    kpi('Reach', new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(volume.totals.reach),
      change(volume.totals.reach, volume.previous.totals.reach), fmt.format(volume.totals.reach)),
    kpi('Net sentiment', `${sentiment.totals.net > 0 ? '+' : ''}${sentiment.totals.net}`,
      `was ${sentiment.previous.totals.net} in the previous period`),
    kpi('Authors', fmt.format(authors.totals.authors), change(authors.totals.authors, authors.previous.totals.authors)));
  const networks = $('network');
  const known = new Set([...networks.options].map((o) => o.value));
  for (const row of volume.table.rows) if (!known.has(row[1])) { networks.append(new Option(row[1], row[1])); known.add(row[1]); }
  drawVolume(volume);
  drawSentiment(sentiment);
  drawEmotions(emotions);
  $('sov-card').classList.toggle('hidden', scopeKind() !== 'project');
  if (scopeKind() === 'project') drawShareOfVoice(await api('/views/share-of-voice' + query(p)));
  fillTable($('authors'), authors.table, (row) => ({ q: `author:"${row[0]}"` }));
  fillTable($('trending'), trending.table, (row) => ({ q: $('trend-kind').value === 'hashtag' ? `#${row[0].replace(/^#/, '')}` : row[0] }));
  fillMentions($('top-mentions'), top.table.rows.map((r) => ({ id: r[0], published: r[1], network: r[2], author: r[3], text: r[4], reach: r[6] })));
}

function series(table, keyColumn, valueColumn) {
  const bySeries = new Map();
  for (const row of table.rows) {
    const key = row[keyColumn];
    if (!bySeries.has(key)) bySeries.set(key, []);
    bySeries.get(key).push([row[0], row[valueColumn]]);
  }
  return bySeries;
}

/** The period's whole width, whatever buckets have mentions: an hour of data in a day shows as an hour. */
function timeAxis(view) {
  return { type: 'time', min: view.period.from, max: view.period.to, axisLabel: { hideOverlap: true } };
}

const PREVIOUS = 'previous period (all networks)';

/** The period before, all networks together, moved forward by the period's length so that it lies under this one. */
function previousSeries(view) {
  const shift = new Date(view.period.to) - new Date(view.period.from);
  const byTime = new Map();
  for (const row of view.previous.table.rows) {
    const t = new Date(row[0]).getTime() + shift;
    byTime.set(t, (byTime.get(t) || 0) + row[2]);
  }
  return {
    name: PREVIOUS, type: 'line', symbol: 'none', color: '#94a3b8', lineStyle: { type: 'dashed', width: 1.5 }, z: 1,
    data: [...byTime].sort((a, b) => a[0] - b[0]),
  };
}

function drawVolume(view) {
  const c = chart('chart-volume');
  const bySeries = series(view.table, 1, 2);
  c.setOption({
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 48, right: 16, top: 16, bottom: 48 },
    xAxis: timeAxis(view),
    yAxis: { type: 'value', minInterval: 1 },
    series: [...[...bySeries].map(([name, data]) => ({ name, type: 'line', symbolSize: 7, data })), previousSeries(view)],
  }, true);
  c.off('click');
  c.on('click', (e) => {
    if (e.seriesName !== PREVIOUS) drill({ bucket: view.period.bucket, at: e.value[0], network: e.seriesName });
  });
}

function drawSentiment(view) {
  const c = chart('chart-sentiment');
  const rows = view.table.rows;
  c.setOption({
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 48, right: 48, top: 16, bottom: 48 },
    xAxis: timeAxis(view),
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', min: -100, max: 100, name: 'net' }],
    series: [
      ...['positive', 'neutral', 'negative'].map((s, i) => ({
        name: s, type: 'bar', stack: 's', color: SENTIMENT_COLORS[s], data: rows.map((r) => [r[0], r[i + 1]]),
      })),
      { name: 'net', type: 'line', yAxisIndex: 1, color: '#f59e0b', data: rows.map((r) => [r[0], r[4]]) },
    ],
  }, true);
  c.off('click');
  c.on('click', (e) => drill({ bucket: view.period.bucket, at: e.value[0], sentiment: e.seriesName === 'net' ? null : e.seriesName }));
}

function drawEmotions(view) {
  const c = chart('chart-emotions');
  c.setOption({
    tooltip: {},
    grid: { left: 72, right: 16, top: 8, bottom: 24 },
    xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: view.table.rows.map((r) => r[0]) },
    series: [{ type: 'bar', data: view.table.rows.map((r) => r[2]), color: '#7c3aed' }],
  }, true);
  c.off('click');
  c.on('click', (e) => drill({ emotion: view.table.rows[e.dataIndex][0] }));
}

function drawShareOfVoice(view) {
  const c = chart('chart-sov');
  c.setOption({
    tooltip: { formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['40%', '70%'], data: view.table.rows.map((r) => ({ name: r[1], value: r[3], rule: r[0] })) }],
  }, true);
  c.off('click');
  c.on('click', (e) => drill({ rule: e.data.rule }));
}

function fillTable(table, data, drillTo) {
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const col of data.columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = col.name;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of data.rows) {
    const tr = body.insertRow();
    row.forEach((value, i) => {
      const td = tr.insertCell();
      if (i === 0 && drillTo) {
        td.append(linkButton(value, () => drill(drillTo(row))));
      } else {
        td.textContent = typeof value === 'number' ? new Intl.NumberFormat().format(value) : value;
      }
    });
  }
  if (!data.rows.length) body.insertRow().insertCell().textContent = 'Nothing in this period.';
}

// ---- Mentions ---------------------------------------------------------------------------------------------------

/** Text the server highlighted: HTML-escaped, with <mark> around the words found. Rebuilt node by node, never as HTML. */
function highlighted(node, escaped, fallback) {
  node.replaceChildren();
  if (!escaped) {
    node.textContent = fallback || '';
    return;
  }
  const decode = (s) => new DOMParser().parseFromString(`<p>${s}</p>`, 'text/html').body.textContent;
  escaped.split(/(<mark>.*?<\/mark>)/g).forEach((part) => {
    if (part.startsWith('<mark>')) {
      const m = document.createElement('mark');
      m.textContent = decode(part.slice(6, -7));
      node.append(m);
    } else if (part) {
      node.append(document.createTextNode(decode(part)));
    }
  });
}

function mentionItem(m, marked) {
  const li = document.createElement('li');
  li.className = 'mention';
  const meta = document.createElement('div');
  meta.className = 'meta';
  meta.textContent = `${m.network} · ${m.author || ''} · ${new Date(m.published).toLocaleString()}${m.reach ? ' · reach ' + new Intl.NumberFormat().format(m.reach) : ''}`;
  const text = document.createElement('p');
  highlighted(text, marked, m.text);
  li.append(meta, text, linkButton('Details', () => showMention(m.id)));
  return li;
}

function fillMentions(list, mentions) {
  list.replaceChildren(...mentions.map((m) => mentionItem(m)));
  if (!mentions.length) list.append(Object.assign(document.createElement('li'), { textContent: 'No mentions in this period.' }));
}

/** Opens the mention stream filtered to what a number counted. */
function drill(filter) {
  state.drill = { network: $('network').value || null, sentiment: $('sentiment').value || null, ...filter };
  filter = state.drill;
  const p = period();
  if (filter.bucket && filter.at) {
    const at = new Date(filter.at);
    p.from = at.toISOString();
    p.to = new Date(at.getTime() + STEP[filter.bucket]).toISOString();
  }
  state.drill.from = p.from;
  state.drill.to = p.to;
  $('q').value = filter.q || '';
  const networks = $('f-network');
  if (filter.network && ![...networks.options].some((o) => o.value === filter.network)) networks.append(new Option(filter.network, filter.network));
  networks.value = filter.network || '';
  $('f-sentiment').value = filter.sentiment || '';
  go('mentions');
  search(false);
}

async function search(more) {
  const d = state.drill || {};
  const p = d.from ? { from: d.from, to: d.to } : period();
  const params = {
    ...(d.rule ? { rule: d.rule } : scopeParams()), ...p, q: $('q').value, network: $('f-network').value,
    sentiment: $('f-sentiment').value, emotion: d.emotion, sort: $('f-sort').value, limit: 20, after: more ? state.search.cursor : null,
  };
  $('filters').textContent = `Showing ${Object.entries(params).filter(([k, v]) => v && !['limit', 'after'].includes(k))
    .map(([k, v]) => `${k} ${k === 'from' || k === 'to' ? new Date(v).toLocaleString() : v}`).join(', ')}`;
  $('search-error').textContent = '';
  let result;
  try {
    result = await api('/mentions' + query(params));
  } catch (e) {
    if (e instanceof SignedOut) throw e;
    $('search-error').textContent = e.message;
    return;
  }
  state.search.cursor = result.next;
  $('hits-total').textContent = `${new Intl.NumberFormat().format(result.total)} mentions`;
  const items = result.hits.map((h) => mentionItem({ ...h.mention, author: h.mention.author && h.mention.author.handle,
    published: h.mention.publishedAt, reach: h.mention.reach }, h.highlighted));
  if (more) $('hits').append(...items); else $('hits').replaceChildren(...items);
  $('more').classList.toggle('hidden', !result.next);
  const facets = $('facets');
  facets.replaceChildren();
  for (const [dim, counts] of Object.entries(result.facets)) {
    if (!counts.length) continue;
    const h = document.createElement('h3');
    h.textContent = dim;
    const ul = document.createElement('ul');
    for (const c of counts) {
      const li = document.createElement('li');
      li.textContent = `${c.value} `;
      const n = document.createElement('span');
      n.className = 'count';
      n.textContent = new Intl.NumberFormat().format(c.count);
      li.append(n);
      ul.append(li);
    }
    facets.append(h, ul);
  }
  const networks = $('f-network');
  const chosen = networks.value;
  const known = new Set([...networks.options].map((o) => o.value));
  for (const c of result.facets.network || []) if (!known.has(c.value)) networks.append(new Option(c.value, c.value));
  networks.value = chosen;
}

$('search').addEventListener('submit', (e) => {
  e.preventDefault();
  state.drill = { ...(state.drill || {}), q: $('q').value };
  search(false).catch(fail);
});
$('more').addEventListener('click', () => search(true).catch(fail));

async function showMention(id) {
  const m = await api('/mentions/' + encodeURIComponent(id));
  const panel = $('detail');
  panel.replaceChildren();
  const h = document.createElement('h3');
  h.id = 'detail-title';
  h.textContent = `${m.network} · ${m.author}`;
  const text = document.createElement('p');
  text.textContent = m.text;
  const facts = document.createElement('p');
  facts.className = 'meta';
  facts.textContent = `${new Date(m.published).toLocaleString()} · reach ${m.reach} · ${m.likes} likes · ${m.reposts} reposts · `
    + `${m.sentiment} · ${m.emotion} · rules: ${(m.rules || []).join(', ') || 'none'}`;
  const link = document.createElement('a');
  link.href = m.url;
  link.rel = 'noopener noreferrer';
  link.target = '_blank';
  link.textContent = 'Open the post';
  const copies = document.createElement('ul');
  for (const c of m.copies) copies.append(Object.assign(document.createElement('li'), { textContent: `copy on ${c.network} (${c.matched_by}) ${c.id}` }));
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Close';
  close.addEventListener('click', () => panel.classList.add('hidden'));
  const replies = document.createElement('section');
  replies.id = 'replies';
  panel.append(h, text, facts, link, copies, replies, close);
  panel.classList.remove('hidden');
  close.focus();
  showReplies(replies, m).catch(fail);
}

// ---- Replies ----------------------------------------------------------------------------------------------------

/** Characters as the network counts them: user-perceived ones; on Mastodon every URL as 23. */
function postLength(text, account) {
  const counted = account.urlChars > 0 ? text.replace(/https?:\/\/[^\s<>"]+/g, 'x'.repeat(account.urlChars)) : text;
  return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(counted)].length;
}

/** The replies to a mention, and a box to write one from an account on its network, the limit counted as you type. */
async function showReplies(section, m) {
  const [{ publications }, { accounts }] = await Promise.all([
    api('/publications' + query({ mention: m.id })), api('/publications/accounts')]);
  const heading = Object.assign(document.createElement('h4'), { textContent: `Replies (${publications.length})` });
  const list = document.createElement('ul');
  list.className = 'replies';
  for (const p of publications) {
    const li = document.createElement('li');
    const status = Object.assign(document.createElement('span'), { className: `status ${p.status}`, textContent: p.status });
    li.append(status, ` ${p.account}: ${p.text} `);
    if (p.url) li.append(Object.assign(document.createElement('a'), { href: p.url, textContent: 'open', rel: 'noopener noreferrer', target: '_blank' }));
    if (p.error) li.append(Object.assign(document.createElement('span'), { className: 'error', textContent: p.error }));
    if (p.scheduledAt && p.status === 'scheduled') li.append(` at ${new Date(p.scheduledAt).toLocaleString()}`);
    list.append(li);
  }
  section.replaceChildren(heading, list);
  const usable = accounts.filter((a) => a.network === m.network || a.network === 'webhook');
  if (!usable.length) {
    section.append(Object.assign(document.createElement('p'), { className: 'meta',
      textContent: `No account posts to ${m.network}: earshot accounts add ${m.network} … adds one.` }));
    return;
  }
  const form = document.createElement('form');
  form.className = 'reply-form';
  form.id = 'reply-form';
  const account = document.createElement('select');
  account.id = 'reply-account';
  account.setAttribute('aria-label', 'Account');
  for (const a of usable) account.append(new Option(`${a.name} (${a.network})`, a.name));
  const box = document.createElement('textarea');
  box.id = 'reply-text';
  box.rows = 3;
  box.setAttribute('aria-label', 'Reply');
  box.placeholder = 'Write a reply…';
  const counter = Object.assign(document.createElement('span'), { id: 'reply-count', className: 'meta' });
  const at = Object.assign(document.createElement('input'), { type: 'datetime-local', id: 'reply-at' });
  at.setAttribute('aria-label', 'Send at (empty: now)');
  const send = Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Reply', id: 'reply-send' });
  const error = Object.assign(document.createElement('p'), { className: 'error', id: 'reply-error' });
  error.setAttribute('role', 'alert');
  const chosen = () => usable.find((a) => a.name === account.value);
  const count = () => {
    const a = chosen();
    const n = postLength(box.value, a);
    counter.textContent = `${n} / ${a.maxChars}`;
    counter.classList.toggle('over', n > a.maxChars);
    send.disabled = n === 0 || n > a.maxChars;
  };
  box.addEventListener('input', count);
  account.addEventListener('change', count);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      await api('/publications', { body: { account: account.value, text: box.value, inReplyTo: m.id,
        scheduledAt: at.value ? new Date(at.value).toISOString() : null } });
      await showReplies(section, m);
    } catch (err) {
      if (err instanceof SignedOut) throw err;
      error.textContent = err.message;
    }
  });
  const row = document.createElement('div');
  row.className = 'reply-row';
  row.append(account, at, counter, send);
  form.append(box, row, error);
  section.append(form);
  count();
}

// ---- Rules ------------------------------------------------------------------------------------------------------

/** A button that reads as a link: what opens a rule, a project, a mention or a drill-down. */
function linkButton(text, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'link';
  b.textContent = text;
  b.addEventListener('click', onClick);
  return b;
}

/** A list of rules or projects by name, each opening {@code open}. */
function fillList(list, items, open) {
  list.replaceChildren(...items.map((item) => {
    const li = document.createElement('li');
    li.append(linkButton(item.name || item.id, () => open(item)));
    return li;
  }));
}

function loadRules() {
  fillList($('rule-list'), state.rules, editRule);
  if (!$('rule-id').value && state.rules.length) editRule(state.rules[0]);
  loadProjects();
}

// ---- Projects: a brand's rules against its competitors' ---------------------------------------------------------

function loadProjects() {
  fillList($('project-list'), state.projects, editProject);
  editProject(state.projects.find((p) => p.id === $('project-id').value) || state.projects[0] || null);
}

function editProject(p) {
  $('project-id').value = p ? p.id : '';
  $('project-id').readOnly = !!p;
  $('project-name').value = p ? p.name : '';
  for (const [select, chosen] of [[$('project-brand'), p ? p.brandRules : []], [$('project-competitors'), p ? p.competitorRules : []]]) {
    select.replaceChildren(...state.rules.map((r) => {
      const o = new Option(r.name || r.id, r.id);
      o.selected = chosen.includes(r.id);
      return o;
    }));
  }
  $('project-check').textContent = '';
}

$('project-new').addEventListener('click', () => editProject(null));
$('project-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const id = $('project-id').value;
  const chosen = (select) => [...select.selectedOptions].map((o) => o.value);
  const body = { id, name: $('project-name').value, brandRules: chosen($('project-brand')), competitorRules: chosen($('project-competitors')) };
  try {
    const exists = state.projects.some((p) => p.id === id);
    await api(exists ? '/projects/' + encodeURIComponent(id) : '/projects', { method: exists ? 'PUT' : 'POST', body });
    await loadScopes();
    loadProjects();
    $('project-check').className = 'check-result ok';
    $('project-check').textContent = 'Saved.';
  } catch (err) {
    $('project-check').className = 'check-result error';
    $('project-check').textContent = err.message;
  }
});
$('project-delete').addEventListener('click', async () => {
  const id = $('project-id').value;
  if (!id || !confirm(`Delete the project ${id}?`)) return;
  await api('/projects/' + encodeURIComponent(id), { method: 'DELETE' });
  $('project-id').value = '';
  await loadScopes();
  loadProjects();
});

function editRule(r) {
  $('rule-id').value = r ? r.id : '';
  $('rule-id').readOnly = !!r;
  $('rule-name').value = r ? r.name : '';
  $('rule-query').value = r ? r.query : '';
  checkRule();
}

let checking;
function checkRule() {
  clearTimeout(checking);
  checking = setTimeout(async () => {
    const q = $('rule-query').value;
    const result = await api('/rules/validate', { body: { query: q } });
    const box = $('rule-query');
    if (!result.valid) {
      box.setAttribute('aria-invalid', 'true');
      const lines = q.slice(0, result.error.position - 1).split('\n');
      $('rule-caret').textContent = `${q.split('\n')[lines.length - 1]}\n${' '.repeat(Math.max(0, lines[lines.length - 1].length))}^`;
      $('rule-check').textContent = `Not valid, ${result.error.message}`;
      $('rule-check').className = 'check-result error';
      $('preview-summary').textContent = '';
      return;
    }
    box.removeAttribute('aria-invalid');
    $('rule-caret').textContent = '';
    $('rule-check').className = 'check-result ok';
    $('rule-check').textContent = `Valid: ${result.reads}` + (result.warnings.length ? ` (warning: ${result.warnings.map((w) => w.message).join('; ')})` : '');
    const preview = await api('/rules/preview', { body: { query: q } });
    $('preview-summary').textContent = `${new Intl.NumberFormat().format(preview.total)} mentions in the last 7 days would match.`;
    $('preview-words').replaceChildren(...preview.matched.map((w) => Object.assign(document.createElement('li'), { textContent: `${w.word} (${w.samples})` })));
    $('preview-samples').replaceChildren(...preview.samples.map((h) => mentionItem({ ...h.mention, author: h.mention.author && h.mention.author.handle,
      published: h.mention.publishedAt }, h.highlighted)));
  }, 300);
}

$('rule-query').addEventListener('input', checkRule);
$('rule-new').addEventListener('click', () => editRule(null));
$('rule-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const id = $('rule-id').value;
  const body = { id, name: $('rule-name').value, query: $('rule-query').value };
  try {
    const exists = state.rules.some((r) => r.id === id);
    await api(exists ? '/rules/' + encodeURIComponent(id) : '/rules', { method: exists ? 'PUT' : 'POST', body });
    $('rule-check').textContent = 'Saved: the Listen job matches it from now on.';
    await loadScopes();
    loadRules();
  } catch (err) {
    $('rule-check').textContent = err.message;
    $('rule-check').className = 'check-result error';
  }
});
$('rule-delete').addEventListener('click', async () => {
  const id = $('rule-id').value;
  if (!id || !confirm(`Delete the rule ${id}?`)) return;
  await api('/rules/' + encodeURIComponent(id), { method: 'DELETE' });
  $('rule-id').value = '';
  await loadScopes();
  loadRules();
});

// ---- Scheduled reports: emailed every day or week ---------------------------------------------------------------

async function loadReports() {
  const answer = await api('/reports/schedules');
  $('sending').textContent = answer.sending ? 'This server emails them at their time.'
    : 'No SMTP server is set (reports.smtp.host): schedules are kept, and sent once one is.';
  const head = document.createElement('tr');
  for (const h of ['Report of', 'When', 'As', 'To', 'Next', 'Last sent', '']) head.append(Object.assign(document.createElement('th'), { textContent: h }));
  const rows = answer.schedules.map((s) => {
    const tr = document.createElement('tr');
    const last = s.deliveries[0];
    const cells = [s.project ? `project ${s.project}` : `rule ${s.rule}`, `every ${s.every === 'week' ? s.weekday : 'day'} at ${s.at} ${s.zone}`,
      s.format, s.recipients.join(', '), new Date(s.next).toLocaleString(),
      last ? (last.error ? `refused: ${last.error}` : new Date(last.sent).toLocaleString()) : 'not yet'];
    for (const c of cells) tr.append(Object.assign(document.createElement('td'), { textContent: c }));
    const stop = linkButton('Stop', async () => {
      if (!confirm('Stop this scheduled report?')) return;
      await api('/reports/schedules/' + encodeURIComponent(s.id), { method: 'DELETE' });
      loadReports().catch(fail);
    });
    stop.setAttribute('aria-label', `Stop the report of ${cells[0]} ${cells[1]}`);
    const td = document.createElement('td');
    td.append(stop);
    tr.append(td);
    return tr;
  });
  $('schedules').replaceChildren(head, ...rows);
  if (!rows.length) $('schedules').append(Object.assign(document.createElement('caption'), { textContent: 'No scheduled reports yet.' }));
  $('schedule-scope').replaceChildren(...[...$('scope').options].map((o) => new Option(o.textContent, o.value)));
  $('schedule-scope').value = $('scope').value;
  if (!$('schedule-zone').value) $('schedule-zone').value = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

$('schedule-every').addEventListener('change', () => { $('schedule-weekday').disabled = $('schedule-every').value !== 'week'; });
$('schedule-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const [kind, id] = $('schedule-scope').value.split(':');
  const body = { [kind]: id, every: $('schedule-every').value, at: $('schedule-at').value, zone: $('schedule-zone').value,
    format: $('schedule-format').value, recipients: $('schedule-to').value.split(',').map((a) => a.trim()).filter((a) => a) };
  if (body.every === 'week') body.weekday = $('schedule-weekday').value;
  try {
    await api('/reports/schedules', { body });
    $('schedule-check').className = 'check-result ok';
    $('schedule-check').textContent = 'Scheduled.';
    await loadReports();
  } catch (err) {
    if (err instanceof SignedOut) throw err;
    $('schedule-check').className = 'check-result error';
    $('schedule-check').textContent = err.message;
  }
});

// ---- Alerts: what the subscriptions raised, acknowledged here or through the link in a message -------------------

const STATE_WORDS = { ACTIVE: 'active', ACKNOWLEDGED: 'acknowledged', COMPLETED: 'completed', ERROR: 'not delivered' };

async function loadAlerts() {
  const chosen = $('alert-state').value;
  const [answer, subs] = await Promise.all([api('/alerts' + query(chosen ? { state: chosen, limit: 200 } : { limit: 200 })), api('/alerts/subscriptions')]);
  const head = document.createElement('tr');
  for (const h of ['Raised', 'State', 'Kind', 'Subscription', 'What', '']) head.append(Object.assign(document.createElement('th'), { textContent: h }));
  const rows = answer.alerts.map((a) => {
    const tr = document.createElement('tr');
    tr.dataset.state = a.state;
    const cells = [new Date(a.raisedAt).toLocaleString(), STATE_WORDS[a.state] || a.state, a.kind, a.subscriptionId, a.summary || a.details];
    for (const c of cells) tr.append(Object.assign(document.createElement('td'), { textContent: c }));
    tr.children[1].className = 'state ' + a.state.toLowerCase();
    const td = document.createElement('td');
    if (a.state === 'ACTIVE' || a.state === 'ERROR') {
      const ack = linkButton('Acknowledge', async () => {
        await api('/alerts/' + encodeURIComponent(a.alertId) + '/ack', { method: 'POST' });
        loadAlerts().catch(fail);
      });
      ack.setAttribute('aria-label', `Acknowledge ${a.kind} alert of ${a.subscriptionId} raised ${cells[0]}`);
      td.append(ack);
    } else if (a.state === 'ACKNOWLEDGED') {
      td.textContent = a.details || '';
    }
    tr.append(td);
    return tr;
  });
  $('alert-list').replaceChildren(head, ...rows);
  if (!rows.length) $('alert-list').append(Object.assign(document.createElement('caption'), { textContent: 'No alerts in this state.' }));

  const subHead = document.createElement('tr');
  for (const h of ['Id', 'Condition', 'Rules', 'Channels', 'Owner', '']) subHead.append(Object.assign(document.createElement('th'), { textContent: h }));
  const subRows = subs.subscriptions.map((s) => {
    const tr = document.createElement('tr');
    const channels = s.channels.map((c) => c.type + (c.url ? ' ' + c.url : c.to ? ' ' + c.to.join(', ') : '')).join('; ');
    for (const c of [s.name ? `${s.name} (${s.id})` : s.id, s.condition.type, s.rules.join(', '), channels, s.owner || '']) {
      tr.append(Object.assign(document.createElement('td'), { textContent: c }));
    }
    const stop = linkButton('Unsubscribe', async () => {
      if (!confirm(`Unsubscribe ${s.id}?`)) return;
      await api('/alerts/subscriptions/' + encodeURIComponent(s.id), { method: 'DELETE' });
      loadAlerts().catch(fail);
    });
    stop.setAttribute('aria-label', `Unsubscribe ${s.id}`);
    const td = document.createElement('td');
    td.append(stop);
    tr.append(td);
    return tr;
  });
  $('subscription-list').replaceChildren(subHead, ...subRows);
  if (!subRows.length) $('subscription-list').append(Object.assign(document.createElement('caption'), { textContent: 'No subscriptions yet.' }));
  $('sub-scope').replaceChildren(...[...$('scope').options].map((o) => new Option(o.textContent, o.value)));
  $('sub-scope').value = $('scope').value;
  if (!$('sub-zone').value) $('sub-zone').value = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  showConditionFields();
}

/** Only the fields the chosen condition and channel take. */
function showConditionFields() {
  const type = $('sub-type').value;
  for (const l of document.querySelectorAll('#subscription-form [data-for]')) l.classList.toggle('hidden', !l.dataset.for.split(' ').includes(type));
  for (const l of document.querySelectorAll('#subscription-form [data-for-channel]')) l.classList.toggle('hidden', l.dataset.forChannel !== $('sub-channel').value);
}

$('sub-type').addEventListener('change', showConditionFields);
$('sub-channel').addEventListener('change', showConditionFields);
$('subscription-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const [kind, id] = $('sub-scope').value.split(':');
  const type = $('sub-type').value;
  const condition = { type };
  if (type === 'threshold') condition.count = Number($('sub-count').value);
  if (['threshold', 'volume-spike', 'sentiment-shift', 'every-match'].includes(type)) condition.window = $('sub-window').value;
  if (type === 'volume-spike') condition.sensitivity = $('sub-sensitivity').value;
  if (type === 'sentiment-shift') condition.negativeShare = Number($('sub-negative').value);
  if (type === 'digest') Object.assign(condition, { every: $('sub-every').value, at: $('sub-at').value });
  const channelType = $('sub-channel').value;
  const target = $('sub-target').value.trim();
  const channel = channelType === 'email' ? { type: 'email', to: target.split(',').map((a) => a.trim()).filter((a) => a) }
    : { type: channelType, url: target };
  if (channelType === 'webhook') channel.secret = $('sub-secret').value.trim() || newSecret();
  const body = { id: $('sub-id').value.trim(), condition, channels: [channel], zone: $('sub-zone').value.trim() };
  if (kind === 'project') body.project = id; else body.rules = [id];
  try {
    await api('/alerts/subscriptions', { body });
    $('subscription-check').className = 'check-result ok';
    $('subscription-check').textContent = channelType === 'webhook' && !$('sub-secret').value.trim()
      ? `Subscribed. The webhook's signing secret, shown once: ${channel.secret}` : 'Subscribed.';
    await loadAlerts();
  } catch (err) {
    if (err instanceof SignedOut) throw err;
    $('subscription-check').className = 'check-result error';
    $('subscription-check').textContent = err.message;
  }
});

/** A webhook signing secret made in the browser: whsec_ and 24 random bytes in base64. */
function newSecret() {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return 'whsec_' + btoa(String.fromCharCode(...bytes));
}

$('alert-state').addEventListener('change', () => loadAlerts().catch(fail));

/** A link from a message (#ack=ID&sig=…) asks once, then acknowledges; signing in is not needed, the link is signed. */
function offerAck() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const alert = fragment.get('ack');
  const sig = fragment.get('sig');
  if (!alert || !sig) return;
  history.replaceState(null, '', location.pathname);
  $('ack-text').textContent = `Acknowledge alert ${alert}? Colleagues will see that someone is on it.`;
  $('ack-banner').classList.remove('hidden');
  $('ack-confirm').onclick = async () => {
    try {
      const done = await api('/alerts/ack', { body: { alert, sig } });
      $('ack-text').textContent = `Alert ${done.alertId} is acknowledged.`;
      if (state.view === 'alerts' && state.me) loadAlerts().catch(fail);
    } catch (e) {
      $('ack-text').textContent = `Not acknowledged: ${e.message}`;
    }
    $('ack-confirm').classList.add('hidden');
    $('ack-dismiss').textContent = 'Close';
  };
  $('ack-dismiss').onclick = () => $('ack-banner').classList.add('hidden');
  $('ack-confirm').classList.remove('hidden');
  $('ack-dismiss').textContent = 'Not now';
}

window.addEventListener('hashchange', offerAck); // a link followed in an open tab changes only the fragment

// ---- Navigation, theme, live updates ----------------------------------------------------------------------------

function go(view) {
  state.view = view;
  for (const v of document.querySelectorAll('.view')) v.classList.toggle('hidden', v.id !== view);
  for (const b of document.querySelectorAll('[data-go]')) {
    if (b.dataset.go === view) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
  }
  if (view === 'overview') {
    loadOverview().catch(fail);
    requestAnimationFrame(() => Object.values(state.charts).forEach((c) => c.resize()));
  }
  if (view === 'rules') loadRules();
  if (view === 'reports') loadReports().catch(fail);
  if (view === 'alerts') loadAlerts().catch(fail);
}

function fail(e) {
  if (e instanceof SignedOut) showSignIn('Your session ended; sign in again.');
  else console.error(e);
}

function theme(dark) {
  document.body.classList.toggle('dark', dark);
  $('theme').setAttribute('aria-pressed', String(dark));
  $('theme').textContent = dark ? 'Light theme' : 'Dark theme';
  localStorage.setItem('earshot.theme', dark ? 'dark' : 'light');
  for (const [id, c] of Object.entries(state.charts)) {
    c.dispose();
    delete state.charts[id];
  }
  if (state.view === 'overview' && state.me) loadOverview().catch(fail);
}

for (const b of document.querySelectorAll('[data-go]')) b.addEventListener('click', () => {
  if (b.dataset.go === 'mentions') state.drill = null;
  go(b.dataset.go);
  if (b.dataset.go === 'mentions') search(false).catch(fail);
});
$('scope').addEventListener('change', () => {
  state.scope = $('scope').value;
  localStorage.setItem('earshot.scope', state.scope);
  go(state.view);
});
$('range').addEventListener('change', () => {
  localStorage.setItem('earshot.range', $('range').value);
  $('custom').classList.toggle('hidden', $('range').value !== 'custom');
  go(state.view);
});
for (const id of ['from', 'to', 'authors-by', 'trend-kind', 'top-by', 'network', 'sentiment']) $(id).addEventListener('change', () => go(state.view));
$('theme').addEventListener('click', () => theme(!document.body.classList.contains('dark')));
window.addEventListener('resize', () => Object.values(state.charts).forEach((c) => c.resize()));
setInterval(() => {
  if ($('live').checked && state.me && state.view === 'overview' && document.visibilityState === 'visible') loadOverview().catch(fail);
}, 10_000);

async function start() {
  await loadScopes();
  go(state.view);
}

window.addEventListener('load', async () => {
  $('range').value = RANGES[state.range] || state.range === 'custom' ? state.range : '24h';
  $('custom').classList.toggle('hidden', $('range').value !== 'custom');
  theme(localStorage.getItem('earshot.theme') === 'dark' || (!localStorage.getItem('earshot.theme') && matchMedia('(prefers-color-scheme: dark)').matches));
  offerAck();
  try {
    if (await signIn()) await start();
  } catch (e) {
    fail(e);
  }
});
