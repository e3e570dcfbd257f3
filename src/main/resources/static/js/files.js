// The file browser: selection, the move dialog, and uploads (buttons, drag & drop, whole folders)
// with a progress bar per file and overall. Files travel as resumable (tus) uploads.
const main = document.querySelector('main.files[data-upload-url]');
const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
const csrfHeader = document.querySelector('meta[name="csrf-header"]')?.content;

function text(name, ...args) {
  const raw = main?.dataset['text' + name[0].toUpperCase() + name.slice(1)] || '';
  return args.reduce((s, a, i) => s.replace('{' + i + '}', a), raw);
}

// --- selection -------------------------------------------------------------------------------
function updateSelection() {
  const form = document.getElementById('selection');
  if (!form) return;
  const boxes = [...form.querySelectorAll('input[name="auswahl"]')];
  const chosen = boxes.filter((b) => b.checked).length;
  form.querySelectorAll('[data-needs-selection]').forEach((b) => { b.disabled = chosen === 0; });
  const all = form.querySelector('[data-select-all]');
  if (all) {
    all.checked = chosen > 0 && chosen === boxes.length;
    all.indeterminate = chosen > 0 && chosen < boxes.length;
  }
  const count = document.getElementById('selected-count');
  if (count && main) count.textContent = chosen === 0 ? text('none') : text('selected', chosen);
}

document.addEventListener('change', (event) => {
  const target = event.target;
  if (target.matches('[data-select-all]')) {
    target.closest('form').querySelectorAll('input[name="auswahl"]').forEach((b) => { b.checked = target.checked; });
  }
  if (target.matches('[data-select-all], input[name="auswahl"]')) updateSelection();
});

// --- dialogs ---------------------------------------------------------------------------------
document.addEventListener('click', (event) => {
  const opener = event.target.closest('[data-dialog]');
  if (opener) {
    document.getElementById(opener.dataset.dialog)?.showModal();
    return;
  }
  const closer = event.target.closest('[data-close-dialog]');
  if (closer) closer.closest('dialog')?.close();
});

// --- uploads ---------------------------------------------------------------------------------
function targetPath(relative) {
  const base = (main.dataset.uploadPath || '/').replace(/\/$/, '');
  return base + '/' + relative.replace(/^\/+/, '');
}

/**
 * Uploads one file to a path of the current space and reports progress; the only place that knows
 * how a file travels. It goes by the tus protocol (/api/files/uploads) in pieces of 8 MiB: when the
 * network drops (a phone in a lift, a train), it waits, asks the server how much arrived and goes on
 * from there instead of starting again. Resolves to {ok, message}.
 */
const PIECE = 8 * 1024 * 1024;

function base64(value) {
  return btoa(String.fromCharCode(...new TextEncoder().encode(value)));
}

function problemText(xhr, fallback) {
  try { return JSON.parse(xhr.responseText).detail || fallback; } catch { return fallback; }
}

function tusRequest(method, url, headers, body, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.setRequestHeader('Tus-Resumable', '1.0.0');
    if (method !== 'HEAD' && csrfToken && csrfHeader) xhr.setRequestHeader(csrfHeader, csrfToken);
    Object.entries(headers).forEach(([name, value]) => xhr.setRequestHeader(name, value));
    if (onProgress) xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded); };
    xhr.onload = () => resolve(xhr);
    xhr.onerror = () => reject(new Error('network'));
    xhr.ontimeout = () => reject(new Error('network'));
    xhr.send(body ?? null);
  });
}

function pause(attempt) {
  const wait = Math.min(30000, 1000 * 2 ** Math.min(attempt, 5));
  return new Promise((resolve) => {
    if (!navigator.onLine) {
      window.addEventListener('online', () => resolve(), { once: true });
    } else {
      setTimeout(resolve, wait);
    }
  });
}

// --- resuming after a reload ---------------------------------------------------------------------
// An upload's address is kept in localStorage under the file's fingerprint (space, target path, size,
// last change), so that choosing the same file again after a reload or a closed tab goes on where the
// server stands instead of starting again. Finished, refused and expired uploads are forgotten.
const RESUME = 'schulhaus.upload:';
const KEEP_WITHOUT_EXPIRY = 24 * 60 * 60 * 1000;

// the fingerprint is hashed: a computer room's shared browser should not list the names others uploaded
function hash(text) {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export function resumeKey(file, path, space) {
  return RESUME + hash(JSON.stringify([space || '', path, file.size, file.lastModified]));
}

function storage() {
  try { return window.localStorage; } catch { return null; } // off in some private modes: uploads just do not resume
}

function forget(key) {
  try { storage()?.removeItem(key); } catch { /* nothing to forget */ }
}

function remember(key, url, expires, replaced) {
  const until = Date.parse(expires || '') || Date.now() + KEEP_WITHOUT_EXPIRY;
  try { storage()?.setItem(key, JSON.stringify({ url, until, replaced })); } catch { /* full: this upload will not resume */ }
}

function remembered(key) {
  let entry = null;
  try { entry = JSON.parse(storage()?.getItem(key) || 'null'); } catch { /* unreadable: forgotten below */ }
  if (entry && typeof entry.url === 'string' && entry.until > Date.now()) return entry;
  if (entry !== null) forget(key);
  return null;
}

/** Forgets every remembered upload that has expired on the server meanwhile. */
function sweepRemembered() {
  const store = storage();
  if (!store) return;
  const keys = [];
  for (let i = 0; i < store.length; i++) if (store.key(i)?.startsWith(RESUME)) keys.push(store.key(i));
  keys.forEach(remembered);
}

/** Asks the server where a remembered upload stands: {url, offset, replaced}, or null to start anew. */
async function resumable(key, size) {
  const known = remembered(key);
  if (!known) return null;
  try {
    const head = await tusRequest('HEAD', known.url, {});
    const offset = Number(head.getResponseHeader('Upload-Offset'));
    if (head.status === 200 && Number(head.getResponseHeader('Upload-Length')) === size && offset >= 0 && offset <= size) {
      return { url: known.url, offset, replaced: known.replaced === true };
    }
  } catch {
    return null; // offline: creating the upload says so
  }
  forget(key); // gone, expired, another person's or another file's
  return null;
}

/** @param onResume called with the offset when a remembered upload goes on */
export async function uploadFile(file, path, onProgress, onResume = () => {}) {
  const key = resumeKey(file, path, main.dataset.space);
  let location;
  let replaced;
  let offset;
  const earlier = await resumable(key, file.size);
  if (earlier) {
    ({ url: location, offset, replaced } = earlier);
    onResume(offset, file.size);
  } else {
    const slash = path.lastIndexOf('/');
    const metadata = [['filename', path.slice(slash + 1)], ['folder', path.slice(0, slash)], ['filetype', file.type || ''],
      ['space', main.dataset.space], ['mkdirs', '1']].map(([name, value]) => name + ' ' + base64(value)).join(',');
    let created;
    try {
      created = await tusRequest('POST', main.dataset.tusUrl, { 'Upload-Length': String(file.size), 'Upload-Metadata': metadata });
    } catch {
      return { ok: false, message: text('network') };
    }
    if (created.status !== 201) {
      return { ok: false, message: created.status === 413 && /quota/.test(created.responseText) ? text('quota') : problemText(created, text('failed')) };
    }
    location = created.getResponseHeader('Location');
    replaced = created.getResponseHeader('X-Schulhaus-Replaces') === 'true';
    offset = Number(created.getResponseHeader('Upload-Offset') || 0);
    remember(key, location, created.getResponseHeader('Upload-Expires'), replaced);
  }
  const result = await send(file, location, offset, onProgress);
  // a broken connection keeps the address (a reload resumes); done or refused, there is nothing to resume
  if (result.ok || !result.resumable) forget(key);
  return result.ok ? { ok: true, replaced } : result;
}

async function send(file, location, from, onProgress) {
  let offset = from;
  let failures = 0;
  onProgress(offset, file.size);
  while (offset < file.size) {
    const piece = file.slice(offset, Math.min(file.size, offset + PIECE));
    try {
      const start = offset;
      const sent = await tusRequest('PATCH', location, { 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
        piece, (loaded) => onProgress(start + loaded, file.size));
      if (sent.status === 204) {
        offset = Number(sent.getResponseHeader('Upload-Offset'));
        failures = 0;
      } else if (sent.status === 409 || sent.status === 423) {
        offset = Number(sent.getResponseHeader('Upload-Offset') || offset);
        await pause(failures++);
      } else {
        return { ok: false, message: sent.status === 413 ? text('quota') : problemText(sent, text('failed')) };
      }
    } catch {
      // the connection broke: wait for the network, then ask how much arrived
      if (++failures > 40) return { ok: false, resumable: true, message: text('network') };
      await pause(failures);
      try {
        const head = await tusRequest('HEAD', location, {});
        if (head.status === 200) offset = Number(head.getResponseHeader('Upload-Offset'));
        else if (head.status === 404) return { ok: false, message: text('failed') };
      } catch { /* still offline: the next round waits again */ }
    }
  }
  return { ok: true };
}

function row(item) {
  const li = document.createElement('li');
  const name = document.createElement('span');
  name.className = 'upload-name';
  name.textContent = item.path;
  const state = document.createElement('span');
  state.className = 'upload-state';
  state.textContent = text('waiting');
  const bar = document.createElement('progress');
  bar.max = 100;
  bar.value = 0;
  bar.setAttribute('aria-label', item.path);
  li.append(name, state, bar);
  document.getElementById('upload-list').append(li);
  return { li, state, bar };
}

async function uploadAll(items) {
  if (!items.length) return;
  const panel = document.getElementById('uploads');
  panel.hidden = false;
  const total = document.getElementById('upload-total');
  const summary = document.getElementById('upload-summary');
  const totalBytes = items.reduce((s, i) => s + i.file.size, 0) || 1;
  const loaded = new Map();
  let available = main.dataset.available ? Number(main.dataset.available) : Infinity;
  let done = 0;
  const show = () => {
    const sum = [...loaded.values()].reduce((s, v) => s + v, 0);
    total.value = Math.round((sum / totalBytes) * 100);
    summary.textContent = text('summary', done, items.length);
  };
  const rows = items.map(row);
  show();
  // two at a time: a second request hides each one's round trips without crowding a school's uplink
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index];
      const view = rows[index];
      let result;
      if (item.file.size > available) {
        result = { ok: false, message: text('quota') };
      } else {
        available -= item.file.size;
        result = await uploadFile(item.file, targetPath(item.path), (sent, size) => {
          view.bar.value = Math.round((sent / size) * 100);
          loaded.set(index, sent);
          show();
        }, (offset, size) => {
          view.state.textContent = text('resumed', Math.floor((offset / size) * 100));
        });
      }
      if (result.ok) {
        done++;
        view.bar.value = 100;
        view.li.classList.add('done');
        view.state.textContent = result.replaced ? text('replaced') : text('done');
        loaded.set(index, item.file.size);
      } else {
        available += item.file.size;
        view.li.classList.add('failed');
        view.state.textContent = text('failed') + ': ' + result.message;
        loaded.set(index, item.file.size);
      }
      show();
    }
  };
  await Promise.all([worker(), worker()]);
  await refreshList();
}

/** Fetches the folder again and swaps in the list and the quota, leaving the upload panel as it is. */
async function refreshList() {
  const response = await fetch(location.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
  if (!response.ok) return;
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  for (const id of ['selection', 'quota']) {
    const fresh = page.getElementById(id);
    const old = document.getElementById(id);
    if (fresh && old) {
      old.replaceWith(fresh);
      window.htmx?.process(fresh);
    }
  }
  const available = page.querySelector('main.files')?.dataset.available;
  if (available) main.dataset.available = available;
  updateSelection();
  sweepRemembered();
}

function fromInput(input) {
  const items = [...input.files].map((file) => ({ file, path: file.webkitRelativePath || file.name }));
  input.value = '';
  return items;
}

function readEntries(reader) {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function walk(entry, prefix, out) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    out.push({ file, path: prefix + entry.name });
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    let empty = true;
    // readEntries answers in batches (100 in Chrome) until it answers none
    for (let batch = await readEntries(reader); batch.length; batch = await readEntries(reader)) {
      for (const child of batch) {
        empty = false;
        await walk(child, prefix + entry.name + '/', out);
      }
    }
    // no file will make it on the way: it is made on its own
    if (empty) out.push({ folder: true, path: prefix + entry.name });
  }
}

/** Makes the empty folders of a drop, each with the folders above it (a folder that is there already is fine). */
async function makeFolders(paths) {
  for (const path of paths) {
    const names = path.split('/').filter(Boolean);
    for (let depth = 0; depth < names.length; depth++) {
      const parent = targetPath(names.slice(0, depth).join('/')).replace(/\/$/, '') || '/';
      const body = new URLSearchParams({ pfad: parent, name: names[depth] });
      const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
      if (csrfToken && csrfHeader) headers[csrfHeader] = csrfToken;
      try {
        await fetch(main.dataset.folderUrl, { method: 'POST', body, headers, redirect: 'manual', credentials: 'same-origin' });
      } catch { /* offline: the uploads that follow say so */ }
    }
  }
}

async function fromDrop(dataTransfer) {
  // the entries must be taken while the drop event lasts, before anything is awaited
  const entries = [...dataTransfer.items].filter((i) => i.kind === 'file').map((i) => i.webkitGetAsEntry?.()).filter(Boolean);
  if (!entries.length) return [...dataTransfer.files].map((file) => ({ file, path: file.name }));
  const out = [];
  for (const entry of entries) await walk(entry, '', out);
  return out;
}

if (main) {
  for (const id of ['upload-files', 'upload-folder']) {
    document.getElementById(id)?.addEventListener('change', (event) => uploadAll(fromInput(event.target)));
  }
  const carriesFiles = (event) => [...(event.dataTransfer?.types || [])].includes('Files');
  main.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    main.classList.add('dragging');
  });
  main.addEventListener('dragleave', (event) => {
    if (!main.contains(event.relatedTarget)) main.classList.remove('dragging');
  });
  main.addEventListener('drop', async (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    main.classList.remove('dragging');
    const items = await fromDrop(event.dataTransfer);
    const folders = items.filter((i) => i.folder).map((i) => i.path);
    await makeFolders(folders);
    const files = items.filter((i) => !i.folder);
    if (files.length) uploadAll(files);
    else if (folders.length) await refreshList();
  });
  updateSelection();
  sweepRemembered();
}
