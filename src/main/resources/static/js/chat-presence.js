// Typing and read markers of the open room's other members, best effort over /ws: "Anna schreibt …" for a few
// seconds after each typing frame, and "gelesen von n" under one's own newest message. Neither is stored or
// caught up: what does not arrive is simply not shown.

const SHOWN_MILLIS = 5000;
const SEND_EVERY_MILLIS = 3000;

export function presence({ items, status, readersUrl, headers, texts }) {
  const typing = new Map();
  const readers = new Map();
  let lastSent = 0;

  function showTyping() {
    const names = [...typing.values()].map((t) => t.name);
    status.textContent = names.length === 0 ? '' : names.length === 1 ? texts.typingOne.replace('%n', names[0])
      : texts.typingMany.replace('%n', names.join(', '));
  }

  function showRead() {
    items.querySelectorAll('.chat-read-by').forEach((e) => e.remove());
    const mine = items.querySelectorAll('li.chat-message.mine:not([data-deleted="true"])');
    const last = mine[mine.length - 1];
    if (!last) return;
    const seq = Number(last.dataset.seq);
    const n = [...readers.values()].filter((s) => s >= seq).length;
    if (n === 0) return;
    const line = document.createElement('p');
    line.className = 'chat-read-by hint';
    line.textContent = texts.readBy.replace('%n', n);
    last.append(line);
  }

  fetch(readersUrl, { headers: headers(false) })
    .then((r) => (r.ok ? r.json() : []))
    .then((list) => {
      for (const r of list) readers.set(r.accountId, Math.max(readers.get(r.accountId) || 0, r.lastReadSeq));
      showRead();
    })
    .catch(() => {});

  return {
    /** A typing or read frame of the open room. */
    onFrame(frame) {
      if (frame.type === 'typing') {
        clearTimeout(typing.get(frame.accountId)?.timer);
        const timer = setTimeout(() => {
          typing.delete(frame.accountId);
          showTyping();
        }, SHOWN_MILLIS);
        typing.set(frame.accountId, { name: frame.name, timer });
        showTyping();
      } else if (frame.type === 'read') {
        readers.set(frame.accountId, Math.max(readers.get(frame.accountId) || 0, frame.seq));
        showRead();
      }
    },
    /** Someone of them wrote a message: they no longer type. */
    posted(accountId) {
      clearTimeout(typing.get(accountId)?.timer);
      if (typing.delete(accountId)) showTyping();
      showRead();
    },
    /** A message was shown anew: the line under one's newest own message again. */
    refresh: showRead,
    /** The person types: tell the others at most every few seconds. */
    typed(send) {
      const now = Date.now();
      if (now - lastSent >= SEND_EVERY_MILLIS) {
        lastSent = now;
        send();
      }
    },
  };
}
