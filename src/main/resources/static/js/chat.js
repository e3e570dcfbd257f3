// The messenger page, live: new messages over /ws (resumed from the last seen seq of every room, so
// nothing is missed or shown twice after a reconnect), posting over the same connection (through the
// API while it is down, and for files and edits), the open room marked read, unread counts in the room
// list and beside the app's tile. Without it the page still works: links switch rooms and the form posts.
const root = document.getElementById('chat');
const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
const csrfHeader = document.querySelector('meta[name="csrf-header"]')?.content;

const PAGE = 50;
const MAX_BACKOFF = 30000;

const me = root.dataset.me;
const api = root.dataset.api;
const openRoom = root.dataset.openRoom || null;
const list = document.getElementById('chat-room-list');
const log = document.getElementById('chat-log');
const items = document.getElementById('chat-list');
const form = document.getElementById('chat-composer');
const textarea = document.getElementById('chat-text');
const counter = document.getElementById('chat-counter');
const problem = document.getElementById('chat-problem');
const status = document.getElementById('chat-status');
const older = document.getElementById('chat-older');
const empty = document.getElementById('chat-empty');
// a page of older messages gets no live ones below it; the room only counts
const live = log && root.dataset.lastShown !== undefined;

/**
 * Per room: the newest seq this page has (a room's seqs number its messages and their changes alike), the read
 * marker, the unread messages, its list entry.
 */
const rooms = new Map();
if (list) {
  for (const li of list.querySelectorAll('li[data-room-id]')) {
    rooms.set(li.dataset.roomId, { lastSeq: Number(li.dataset.lastSeq), lastReadSeq: Number(li.dataset.lastReadSeq), unread: Number(li.dataset.unread), li });
  }
}
if (live && rooms.has(openRoom)) {
  rooms.get(openRoom).lastSeq = Number(root.dataset.lastShown);
}

const german = document.documentElement.lang !== 'en';
const { messageItem: renderMessage, decorate, updateQuotes, bytes } = await import(root.dataset.moduleMessage);
const d = root.dataset;
const texts = {
  edited: d.textEdited, deleted: d.textDeleted, replyDeleted: d.textReplyDeleted, unknown: d.textUnknown, actions: d.textActions,
  reply: d.textReply, edit: d.textEdit, delete: d.textDelete, react: d.textReact, reactMenu: d.textReactMenu,
};
const actions = { me, leader: d.leader === 'true', mayPost: !!form, emoji: (d.emoji || '').split(' ').filter(Boolean), texts };

function headers(json) {
  const h = { Accept: 'application/json, application/problem+json' };
  if (json) h['Content-Type'] = 'application/json';
  if (csrfToken && csrfHeader) h[csrfHeader] = csrfToken;
  return h;
}

// ---- showing messages: the text's HTML is the server's (sanitized there), everything else as text

function messageItem(m) {
  const li = renderMessage(m, me, texts);
  if (root.dataset.textReport) {
    // as the server renders it: report the message (the leaders' pin needs a reload)
    const report = document.createElement('p');
    report.className = 'chat-actions';
    const link = document.createElement('a');
    link.href = `${root.dataset.roomHref}${m.roomId}/nachrichten/${m.id}/melden`;
    link.textContent = root.dataset.textReport;
    report.append(link);
    li.append(report);
  }
  if (live) decorate(li, actions);
  linkCards(li);
  return li;
}

// ---- links to an event or a file of this platform: a card for those who may see it (the server answers 404 otherwise)

const cardCache = new Map();
const cardLink = /^\/(kalender\/[0-9a-f-]{36}\/termin|dateien\/[^/]+\/details)$/i;

function cardFor(href) {
  if (!cardCache.has(href)) {
    cardCache.set(href, fetch(`${api}/link-card?url=${encodeURIComponent(href)}`, { headers: headers(false) })
      .then((r) => (r.ok ? r.json() : null)).catch(() => null));
  }
  return cardCache.get(href);
}

function linkCards(li) {
  const body = li.querySelector('.chat-body');
  if (!body || li.querySelector('.chat-card')) return;
  const links = [...body.querySelectorAll('a[href]')].filter((a) => {
    const u = new URL(a.href, location.href);
    return u.host === location.host && cardLink.test(u.pathname);
  });
  for (const a of links.slice(0, 3)) {
    cardFor(a.href).then((card) => {
      if (!card) return;
      const box = document.createElement('a');
      box.className = 'chat-card';
      box.href = card.href;
      const title = document.createElement('strong');
      const detail = document.createElement('span');
      detail.className = 'hint';
      if (card.kind === 'event') {
        title.textContent = card.title;
        const start = new Date(card.start);
        const day = start.toLocaleDateString(german ? 'de-DE' : 'en-GB', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' });
        detail.textContent = card.allDay ? `${day} · ${card.calendar}`
          : `${day}, ${start.toLocaleTimeString(german ? 'de-DE' : 'en-GB', { hour: '2-digit', minute: '2-digit' })} · ${card.calendar}`;
      } else {
        title.textContent = card.name;
        detail.textContent = `${card.place} · ${bytes(card.size)}`;
      }
      box.append(title, ' ', detail);
      body.after(box);
    });
  }
}

function nearBottom() {
  return log.scrollHeight - log.scrollTop - log.clientHeight < 80;
}

/** Shows the message as it is now: in place if the page has it, else in its place by seq (if the page reaches that far). */
function show(m) {
  const fresh = messageItem(m);
  const old = items.querySelector(`li.chat-message[data-id="${m.id}"]`);
  if (old) {
    if (Number(old.dataset.changedSeq) <= m.changedSeq) {
      old.replaceWith(fresh);
      updateQuotes(items, m, texts);
      others?.refresh();
    }
    return;
  }
  const first = items.querySelector('li.chat-message');
  if (first && m.seq < Number(first.dataset.seq)) return;
  const stick = nearBottom() || m.authorId === me;
  const later = [...items.querySelectorAll('li.chat-message')].find((li) => Number(li.dataset.seq) > m.seq);
  items.insertBefore(fresh, later || null);
  if (empty) empty.hidden = true;
  if (stick) log.scrollTop = log.scrollHeight;
}

// ---- counts

function fill(template, n) {
  return template.replace('%n', n);
}

function showCount(holder, n, template) {
  holder.querySelectorAll('.count, .count + .visually-hidden').forEach((e) => e.remove());
  if (n <= 0) return;
  const count = document.createElement('span');
  count.className = 'count';
  count.setAttribute('aria-hidden', 'true');
  count.textContent = n > 99 ? '99+' : String(n);
  const spoken = document.createElement('span');
  spoken.className = 'visually-hidden';
  spoken.textContent = fill(template, n);
  holder.append(count, spoken);
}

function renderCounts() {
  let total = 0;
  for (const room of rooms.values()) {
    const unread = Math.max(0, room.unread);
    total += unread;
    const holder = room.li.querySelector('.room-unread');
    if (holder && Number(holder.dataset.shown ?? -1) !== unread) {
      showCount(holder, unread, root.dataset.textUnread);
      holder.dataset.shown = unread;
    }
  }
  const tile = document.querySelector('.apps a[data-app="chat"]');
  if (tile && Number(tile.dataset.shown ?? -1) !== total) {
    showCount(tile, total, root.dataset.textBadge);
    tile.dataset.shown = total;
  }
}

// ---- read markers

let marking = null;

function markOpenRoomRead() {
  const room = rooms.get(openRoom);
  if (!live || !room || room.unread <= 0 || room.lastReadSeq >= room.lastSeq || document.visibilityState !== 'visible' || marking) return;
  const seq = room.lastSeq;
  marking = fetch(`${api}/rooms/${openRoom}/read`, { method: 'POST', headers: headers(true), body: JSON.stringify({ seq }) })
    .then((r) => (r.ok ? r.json() : null))
    .then((answer) => {
      if (answer) {
        room.lastReadSeq = Math.max(room.lastReadSeq, answer.lastReadSeq);
        // what came while the answer was on its way stays unread until the next round
        if (room.lastReadSeq >= seq) room.unread = answer.unread;
      }
      renderCounts();
    })
    .catch(() => {})
    .finally(() => {
      marking = null;
      if (room.unread > 0) markOpenRoomRead();
    });
}

document.addEventListener('visibilitychange', markOpenRoomRead);

// ---- one message, from the socket: each change once, in seq order (the server sees to it)

let resumed = false;

function receive(m) {
  const room = rooms.get(m.roomId);
  if (!room || m.changedSeq <= room.lastSeq) return;
  const isNew = m.seq > room.lastSeq;
  room.lastSeq = m.changedSeq;
  if (isNew && m.authorId === me) {
    // posting marks the room read up to one's own message
    room.lastReadSeq = Math.max(room.lastReadSeq, m.seq);
    room.unread = 0;
  } else if (isNew && !m.deleted) {
    room.unread++;
  }
  if (live && m.roomId === openRoom) {
    show(m);
    others?.posted(isNew ? m.authorId : null);
    markOpenRoomRead();
  }
  if (isNew && list && list.firstElementChild !== room.li) list.prepend(room.li);
  renderCounts();
}

// the roster changed (a new class, a room gone): the list anew from the API, keeping what is counted
async function reloadRooms() {
  const r = await fetch(`${api}/rooms`, { headers: headers(false) });
  if (!r.ok || !list) return;
  const fresh = await r.json();
  const seen = new Set();
  for (const json of fresh) {
    // archived rooms are listed under "Archiv", not here
    if (json.archived && json.id !== openRoom) continue;
    seen.add(json.id);
    let room = rooms.get(json.id);
    if (!room) {
      const li = document.createElement('li');
      li.dataset.roomId = json.id;
      const a = document.createElement('a');
      a.href = root.dataset.roomHref + json.id;
      const name = document.createElement('span');
      name.className = 'room-name';
      name.textContent = json.name;
      const unread = document.createElement('span');
      unread.className = 'room-unread';
      a.append(name, unread);
      li.append(a);
      room = { lastSeq: json.lastSeq, lastReadSeq: json.lastReadSeq, unread: json.unread, li };
      rooms.set(json.id, room);
    } else {
      room.lastReadSeq = Math.max(room.lastReadSeq, json.lastReadSeq);
    }
    if (json.id === openRoom) {
      showPosting(json);
      watchMute(json.mayPost ? null : json.mutedUntil);
    }
    list.append(room.li);
  }
  for (const [id, room] of rooms) {
    if (!seen.has(id)) {
      room.li.remove();
      rooms.delete(id);
    }
  }
  renderCounts();
}

// the open room was locked, archived or the person muted (or that ended): the composer follows
function showPosting(json) {
  const composer = document.getElementById('chat-composer');
  if (!json.mayPost) {
    let why = document.getElementById('chat-why');
    if (!why) {
      why = document.createElement('p');
      why.id = 'chat-why';
      why.className = 'hint chat-why';
      why.setAttribute('role', 'status');
      status?.after(why);
    }
    why.textContent = json.notPosting || '';
    if (composer) composer.hidden = true;
  } else if (!composer) {
    // the page was rendered without a composer: the server renders it again
    location.reload();
  } else {
    composer.hidden = false;
    document.getElementById('chat-why')?.remove();
  }
}

// a mute that runs out: at its end the rooms are asked again, and the composer comes back (showPosting). Lifting a
// mute early comes as a "rooms" frame like every change of who may post. The end is measured on the server's clock
// (the page says what time it was there), so a device whose clock is off is not early or late.
const skew = d.serverNow ? Number(d.serverNow) - Date.now() : 0;
let muteTimer = null;
let muteEnd = null;

function watchMute(until) {
  clearTimeout(muteTimer);
  muteTimer = null;
  muteEnd = until || null;
  if (!until) return;
  const left = Date.parse(until) - (Date.now() + skew);
  // the server still says muted after the end (the clocks disagree a little more): ask again less eagerly
  const wait = left > 0 ? left + 500 : 10000;
  // setTimeout takes at most about 24 days; a longer mute is looked at again then
  muteTimer = setTimeout(() => {
    muteTimer = null;
    reloadRooms().catch(() => watchMute(muteEnd));
  }, Math.min(wait, 2 ** 31 - 1));
}

if (live && d.mutedUntil) watchMute(d.mutedUntil);

// ---- the live connection, resumed from where this page is, reconnecting with backoff

let attempts = 0;
let roomsFrames = 0;

function connect() {
  const url = new URL(root.dataset.ws, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(url);
  current = socket;
  socket.addEventListener('open', () => {
    const from = {};
    for (const [id, room] of rooms) from[id] = room.lastSeq;
    socket.send(JSON.stringify({ type: 'resume', rooms: from }));
  });
  socket.addEventListener('message', (event) => {
    const frame = JSON.parse(event.data);
    if (frame.type === 'message') {
      receive(frame);
    } else if (frame.type === 'posted') {
      answerPost(frame.ref, { ok: true });
    } else if (frame.type === 'refused') {
      answerPost(frame.ref, { ok: false, detail: frame.title });
    } else if (frame.type === 'typing' || frame.type === 'read') {
      if (frame.roomId === openRoom) others?.onFrame(frame);
    } else if (frame.type === 'rooms' || frame.type === 'resumed') {
      if (frame.type === 'resumed') {
        resumed = true;
        attempts = 0;
        if (status) status.textContent = '';
        root.dataset.live = 'true';
      }
      const ids = Object.keys(frame.rooms || {});
      // a later "rooms" frame says something changed: who reads which room, or who may post where
      if ((frame.type === 'rooms' && roomsFrames++ > 0) || ids.length !== rooms.size || ids.some((id) => !rooms.has(id))) reloadRooms();
    }
  });
  socket.addEventListener('close', (event) => {
    resumed = false;
    delete root.dataset.live;
    // whether these were stored is unknown now: said like a failed request (the socket brings them if they were)
    for (const ref of [...waitingPosts.keys()]) answerPost(ref, { ok: false });
    // 1008: signed out (or not signed in, or the session timed out); a new page load is the way back
    if (event.code === 1008) {
      if (status) status.textContent = root.dataset.textSignedOut;
      return;
    }
    if (status) status.textContent = root.dataset.textOffline;
    const delay = Math.min(MAX_BACKOFF, 1000 * 2 ** attempts) * (0.5 + Math.random() / 2);
    attempts++;
    setTimeout(connect, delay);
  });
}

// ---- posting over the live connection while it is up: no HTTP request (and session look-up) per post, which
// took most of the server's time per post (bench/RESULTS.md); over the API when it is down, and for files and edits

const POST_ANSWER_MILLIS = 15000;
const waitingPosts = new Map();
let postRefs = 0;

/** The server's answer ({ ok, detail }) to a post over the socket, or null when the socket is not live. */
function postOverSocket(room, body, replyTo) {
  const socket = current;
  if (!resumed || socket?.readyState !== WebSocket.OPEN) return null;
  const ref = `p${++postRefs}-${Date.now().toString(36)}`;
  return new Promise((resolve) => {
    const timer = setTimeout(() => answerPost(ref, { ok: false }), POST_ANSWER_MILLIS);
    waitingPosts.set(ref, { resolve, timer });
    socket.send(JSON.stringify({ type: 'post', ref, room, body, replyTo: replyTo || null }));
  });
}

function answerPost(ref, answer) {
  const waiting = waitingPosts.get(ref);
  if (!waiting) return;
  waitingPosts.delete(ref);
  clearTimeout(waiting.timer);
  waiting.resolve(answer);
}

// ---- older messages: the button, or scrolling to the top

let loadingOlder = false;

async function loadOlder() {
  if (!older || loadingOlder || older.hidden) return;
  loadingOlder = true;
  try {
    const before = Number(older.dataset.before);
    const r = await fetch(`${api}/rooms/${openRoom}/messages?before=${before}&limit=${PAGE}`, { headers: headers(false) });
    if (!r.ok) return;
    const page = await r.json();
    const height = log.scrollHeight;
    items.prepend(...page.map(messageItem));
    log.scrollTop += log.scrollHeight - height;
    if (page.length < PAGE || page[0].seq <= 1) {
      older.closest('p').hidden = true;
      older.hidden = true;
    } else {
      older.dataset.before = page[0].seq;
    }
  } finally {
    loadingOlder = false;
  }
}

if (live && older) {
  older.addEventListener('click', (event) => {
    event.preventDefault();
    loadOlder();
  });
  log.addEventListener('scroll', () => {
    if (log.scrollTop < 40) loadOlder();
  });
}

// ---- the composer: Enter sends, Shift+Enter is a new line, the API's refusal shown as it says it

function showProblem(text) {
  problem.textContent = text;
  problem.hidden = !text;
}

function count() {
  if (!counter || !root.dataset.textCounter) return;
  const n = textarea.value.length;
  counter.textContent = fill(root.dataset.textCounter, n.toLocaleString(german ? 'de-DE' : 'en'));
  counter.classList.toggle('near', n > textarea.maxLength - 500);
}

// answering or editing a message: a line above the text field says which, with a button to stop
let mode = {};
const modeLine = document.createElement('p');
modeLine.className = 'chat-mode';
modeLine.hidden = true;
const modeText = document.createElement('span');
const modeCancel = document.createElement('button');
modeCancel.type = 'button';
modeCancel.className = 'button secondary small';
modeCancel.textContent = d.textCancel;
modeLine.append(modeText, ' ', modeCancel);

function setMode(next) {
  if (mode.editing && !next.editing) textarea.value = '';
  mode = next;
  modeLine.hidden = !next.replyTo && !next.editing;
  modeText.textContent = next.editing ? d.textEditing : next.replyTo ? fill(d.textReplying, next.replyName || '') : '';
  count();
}

async function act(li, action, button) {
  const id = li.dataset.id;
  let r;
  if (action === 'reply') {
    setMode({ replyTo: id, replyName: li.querySelector('.chat-author')?.textContent });
    textarea.focus();
    return;
  } else if (action === 'edit') {
    setMode({ editing: id });
    textarea.value = li.dataset.body || '';
    count();
    textarea.focus();
    return;
  } else if (action === 'delete') {
    // the browser's own dialog: keyboard and screen readers know it
    if (!window.confirm(d.textConfirmDelete)) return;
    r = await fetch(`${api}/messages/${id}`, { method: 'DELETE', headers: headers(false) });
  } else if (action === 'react') {
    const reacted = button.getAttribute('aria-pressed') !== 'true';
    r = await fetch(`${api}/messages/${id}/reactions`, { method: 'POST', headers: headers(true), body: JSON.stringify({ emoji: button.dataset.emoji, reacted }) });
  } else {
    return;
  }
  if (r.ok) {
    showProblem('');
    show(await r.json());
  } else {
    const answer = await r.json().catch(() => null);
    showProblem(answer?.detail || root.dataset.textNetwork);
  }
}

if (live && items) {
  for (const li of items.querySelectorAll('li.chat-message')) {
    decorate(li, actions);
    linkCards(li);
  }
  items.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    const li = button?.closest('li.chat-message');
    if (!li) return;
    act(li, button.dataset.action, button).catch(() => showProblem(root.dataset.textNetwork));
  });
}

// typing and read markers of the others in the open room (best effort, see chat-presence.js)
const others = live && d.modulePresence ? (await import(d.modulePresence)).presence({
  items, status: document.getElementById('chat-typing'), readersUrl: `${api}/rooms/${openRoom}/readers`, headers,
  texts: { typingOne: d.textTypingOne, typingMany: d.textTypingMany, readBy: d.textReadBy },
}) : null;
let current = null;

if (live && form && others) {
  textarea.addEventListener('input', () => others.typed(() => {
    if (current?.readyState === WebSocket.OPEN) current.send(JSON.stringify({ type: 'typing', room: openRoom }));
  }));
}

if (live && form && d.moduleMentions) {
  // before the composer's keys below: Enter picks a suggested name while the list is open
  const { mentionSuggestions } = await import(d.moduleMentions);
  mentionSuggestions(textarea, `${api}/rooms/${openRoom}/mentionable`, d.textMentions, headers);
}

if (live && form) {
  form.insertBefore(modeLine, textarea);
  modeCancel.addEventListener('click', () => setMode({}));
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && (mode.editing || mode.replyTo)) setMode({});
  });
  textarea.addEventListener('input', count);
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  const fileInput = form.querySelector('#chat-file');
  const fileHint = form.querySelector('#chat-file-hint');
  const hintText = fileHint ? fileHint.textContent : '';
  const maxBytes = Number(form.dataset.maxBytes || 0);
  const chosen = () => (fileInput && fileInput.files.length ? fileInput.files[0] : null);
  const fileChanged = () => {
    const file = chosen();
    if (file && maxBytes && file.size > maxBytes) {
      showProblem(form.dataset.textTooLarge);
      fileInput.value = '';
    } else if (file) {
      showProblem('');
    }
    if (fileHint) fileHint.textContent = chosen() ? form.dataset.textChosen.replace('%n', chosen().name) : hintText;
  };
  if (fileInput) {
    fileInput.addEventListener('change', fileChanged);
    // drag and drop onto the composer: the first file becomes the chosen one
    form.addEventListener('dragover', (event) => {
      if (!event.dataTransfer || ![...event.dataTransfer.types].includes('Files')) return;
      event.preventDefault();
      form.classList.add('dropping');
      if (fileHint) fileHint.textContent = form.dataset.textDrop;
    });
    form.addEventListener('dragleave', (event) => {
      if (form.contains(event.relatedTarget)) return;
      form.classList.remove('dropping');
      fileChanged();
    });
    form.addEventListener('drop', (event) => {
      if (!event.dataTransfer || !event.dataTransfer.files.length) return;
      event.preventDefault();
      form.classList.remove('dropping');
      const transfer = new DataTransfer();
      transfer.items.add(event.dataTransfer.files[0]);
      fileInput.files = transfer.files;
      fileChanged();
      textarea.focus();
    });
  }

  // a file of one's own files, posted by reference (the server checks that it is one's own)
  const picker = form.querySelector('#chat-from-files');
  if (picker) {
    picker.hidden = false;
    const query = picker.querySelector('#chat-files-q');
    const results = picker.querySelector('#chat-files-results');
    let searching;
    query.addEventListener('input', () => {
      clearTimeout(searching);
      searching = setTimeout(async () => {
        const q = query.value.trim();
        results.replaceChildren();
        if (!q) return;
        const r = await fetch(`${api}/my-files?q=${encodeURIComponent(q)}`, { headers: headers(false) }).catch(() => null);
        if (!r || !r.ok) return;
        const found = await r.json();
        if (!found.length) {
          const none = document.createElement('li');
          none.className = 'hint';
          none.textContent = picker.dataset.textNone;
          results.append(none);
          return;
        }
        for (const f of found) {
          const item = document.createElement('li');
          const pick = document.createElement('button');
          pick.type = 'button';
          pick.className = 'link';
          pick.textContent = f.name;
          pick.setAttribute('aria-label', picker.dataset.textPick.replace('%n', f.name));
          const where = document.createElement('span');
          where.className = 'hint';
          where.textContent = ` ${f.place} · ${bytes(f.size)}`;
          pick.addEventListener('click', async () => {
            const text = textarea.value;
            const r2 = await fetch(`${api}/rooms/${openRoom}/my-files`, { method: 'POST', headers: headers(true),
              body: JSON.stringify({ fileId: f.id, body: text.trim() ? text : null, replyTo: mode.editing ? null : mode.replyTo }) }).catch(() => null);
            if (r2 && r2.ok) {
              textarea.value = '';
              count();
              showProblem('');
              setMode({});
              query.value = '';
              results.replaceChildren();
              picker.open = false;
              show(await r2.json());
              textarea.focus();
            } else {
              const answer = r2 ? await r2.json().catch(() => null) : null;
              showProblem(answer?.detail || root.dataset.textNetwork);
            }
          });
          item.append(pick, where);
          results.append(item);
        }
      }, 250);
    });
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = textarea.value;
    const file = mode.editing ? null : chosen();
    if (!text.trim() && !file) {
      showProblem(root.dataset.textEmpty);
      return;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    const sent = () => {
      textarea.value = '';
      if (fileInput) {
        fileInput.value = '';
        fileChanged();
      }
      count();
      showProblem('');
      setMode({});
    };
    try {
      const viaSocket = file || mode.editing ? null : postOverSocket(openRoom, text, mode.replyTo);
      if (viaSocket) {
        // the message itself comes over the socket like everyone's
        const answer = await viaSocket;
        if (answer.ok) sent();
        else showProblem(answer.detail || root.dataset.textNetwork);
        return;
      }
      let upload;
      if (file) {
        upload = new FormData();
        upload.append('file', file);
        if (text.trim()) upload.append('body', text);
        if (mode.replyTo) upload.append('replyTo', mode.replyTo);
      }
      const r = file
        ? await fetch(`${api}/rooms/${openRoom}/attachments`, { method: 'POST', headers: headers(false), body: upload })
        : mode.editing
        ? await fetch(`${api}/messages/${mode.editing}`, { method: 'PATCH', headers: headers(true), body: JSON.stringify({ body: text }) })
        : await fetch(`${api}/rooms/${openRoom}/messages`, { method: 'POST', headers: headers(true), body: JSON.stringify({ body: text, replyTo: mode.replyTo }) });
      if (r.ok) {
        sent();
        // shown now; the socket brings it too (and counts it), which then changes nothing
        show(await r.json());
      } else {
        const answer = await r.json().catch(() => null);
        showProblem(answer?.detail || root.dataset.textNetwork);
      }
    } catch (e) {
      showProblem(root.dataset.textNetwork);
    } finally {
      button.disabled = false;
      textarea.focus();
    }
  });
  count();
}

if (log) log.scrollTop = log.scrollHeight;
if (me) {
  renderCounts();
  connect();
}
