// One message of the messenger as the page shows it (the same as templates/chat/message.html renders on the
// server) and what one can do with it: answer, react, edit and delete one's own (room leaders delete any).
// The text's HTML comes from the server, which made it from the Markdown subset and sanitized it; everything
// else is set as text.

const dateFormat = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hour12: false });
const german = document.documentElement.lang !== 'en';

export function when(iso) {
  const at = new Date(iso);
  return `${dateFormat.format(at)}, ${timeFormat.format(at)}${german ? ' Uhr' : ''}`;
}

/** A file's size as the server writes it (German decimal comma, or point in English). */
export function bytes(n) {
  const german = document.documentElement.lang !== 'en';
  const units = ['Bytes', 'KB', 'MB', 'GB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 ? String(value) : value.toLocaleString(german ? 'de-DE' : 'en', { maximumFractionDigits: 1 });
  return `${shown} ${units[unit]}`;
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

/** The list entry of a message frame or API answer {@code m}, for the reader {@code me}. */
export function messageItem(m, me, texts) {
  const li = el('li', 'chat-message' + (m.authorId === me ? ' mine' : ''));
  li.id = `nachricht-${m.seq}`;
  li.dataset.seq = m.seq;
  li.dataset.changedSeq = m.changedSeq;
  li.dataset.id = m.id;
  li.dataset.authorId = m.authorId;
  li.dataset.deleted = String(m.deleted);
  if (m.authorId === me && !m.deleted) li.dataset.body = m.body;

  const meta = el('p', 'chat-meta');
  const time = el('time', null, when(m.createdAt));
  time.dateTime = m.createdAt;
  meta.append(el('span', 'chat-author', m.authorName || texts.unknown), ' ', time);
  if (m.edited) meta.append(' ', el('span', 'chat-edited', texts.edited));
  li.append(meta);

  if (m.replyTo) {
    const quote = el('blockquote', 'chat-quote');
    quote.dataset.replySeq = m.replyTo.seq;
    if (m.replyTo.deleted) {
      quote.append(el('span', 'chat-quote-text', texts.replyDeleted));
    } else {
      quote.append(el('span', 'chat-quote-author', m.replyTo.authorName || texts.unknown), ' ', el('span', 'chat-quote-text', m.replyTo.firstLine));
    }
    li.append(quote);
  }

  if (m.deleted) {
    li.append(el('p', 'chat-body chat-deleted', texts.deleted));
  } else {
    const body = el('div', 'chat-body');
    // made by the server from the Markdown subset and sanitized there: no markup of the author's gets through
    body.innerHTML = m.html;
    li.append(body);
  }

  if (!m.deleted && m.attachments && m.attachments.length) {
    const list = el('ul', 'chat-attachments');
    for (const a of m.attachments) {
      const item = el('li');
      const link = el('a', a.image ? 'chat-image' : 'chat-file');
      link.href = a.href;
      if (a.image) {
        link.target = '_blank';
        link.rel = 'noopener';
        const img = el('img');
        // a smaller copy in the list where the server makes one; the picture itself opens on click
        img.src = a.previewHref || a.href;
        img.alt = a.name;
        img.loading = 'lazy';
        link.append(img);
      } else {
        link.download = '';
        link.append(el('span', null, a.name));
      }
      item.append(link, ' ', el('span', 'hint', bytes(a.size)));
      list.append(item);
    }
    li.append(list);
  }

  if (m.reactions && m.reactions.length) {
    const list = el('ul', 'chat-reactions');
    for (const r of m.reactions) {
      const item = el('li', r.mine ? 'mine' : '');
      item.dataset.emoji = r.emoji;
      const emoji = el('span', null, r.emoji);
      emoji.setAttribute('aria-hidden', 'true');
      item.append(emoji, ' ', el('span', null, String(r.count)));
      list.append(item);
    }
    li.append(list);
  }
  return li;
}

/** Adds the buttons to a message's entry: reactions for everyone, edit for the author, delete for the author and leaders. */
export function decorate(li, ctx) {
  li.querySelector('.chat-buttons')?.remove();
  const deleted = li.dataset.deleted === 'true';
  const own = li.dataset.authorId === ctx.me;
  const bar = el('div', 'chat-buttons');
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', ctx.texts.actions);
  if (!deleted && ctx.mayPost) {
    bar.append(button('reply', ctx.texts.reply));
    // the reactions: the ones already chosen are toggled on their own chip, all of them from this menu
    const menu = el('details', 'chat-react');
    const summary = el('summary', 'button secondary small', '☺+');
    summary.setAttribute('aria-label', ctx.texts.reactMenu);
    menu.append(summary);
    for (const emoji of ctx.emoji) {
      const b = button('react', emoji);
      b.dataset.emoji = emoji;
      b.setAttribute('aria-label', ctx.texts.react.replace('%e', emoji));
      b.setAttribute('aria-pressed', String(!!li.querySelector(`.chat-reactions li.mine[data-emoji="${emoji}"]`)));
      menu.append(b);
    }
    bar.append(menu);
    if (own) bar.append(button('edit', ctx.texts.edit));
  }
  if (!deleted && (own || ctx.leader)) bar.append(button('delete', ctx.texts.delete));
  if (bar.childElementCount) li.append(bar);
  // a reaction chip is a toggle itself
  if (!deleted && ctx.mayPost) {
    for (const chip of li.querySelectorAll('.chat-reactions li[data-emoji]')) {
      const emoji = chip.dataset.emoji;
      const b = button('react', '');
      b.dataset.emoji = emoji;
      b.setAttribute('aria-pressed', String(chip.classList.contains('mine')));
      b.setAttribute('aria-label', `${ctx.texts.react.replace('%e', emoji)} (${chip.textContent.trim()})`);
      b.append(...chip.childNodes);
      chip.append(b);
    }
  }
}

function button(action, label) {
  const b = el('button', 'button secondary small', label);
  b.type = 'button';
  b.dataset.action = action;
  return b;
}

/** The quotes of answers to {@code m} on the page, brought up to its current state (edited or deleted since). */
export function updateQuotes(items, m, texts) {
  for (const quote of items.querySelectorAll(`.chat-quote[data-reply-seq="${m.seq}"]`)) {
    if (m.deleted) {
      quote.replaceChildren(el('span', 'chat-quote-text', texts.replyDeleted));
    } else {
      const line = (m.body.split('\n').map((l) => l.trim()).find((l) => l) || '');
      quote.replaceChildren(el('span', 'chat-quote-author', m.authorName || texts.unknown), ' ',
        el('span', 'chat-quote-text', line.length > 120 ? `${line.slice(0, 119)}…` : line));
    }
  }
}
