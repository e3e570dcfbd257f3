// The calendar: the event dialog (htmx fills it, this opens it and hands focus back when it closes),
// new events from a click on a day or a time slot, the calendar list that applies itself, and the
// repeat fields shown only when they matter. Every view and form also works without it.
const dialog = document.getElementById('event-dialog');
const body = document.getElementById('event-dialog-body');
let opener = null;

function open(url) {
  if (!dialog || !window.htmx) {
    window.location.href = url;
    return;
  }
  window.htmx.ajax('GET', url, { target: body, swap: 'innerHTML' });
}

if (dialog) {
  document.addEventListener('htmx:beforeRequest', (event) => {
    if (!dialog.open && event.detail.target === body) opener = document.activeElement;
  });
  document.addEventListener('htmx:afterSwap', (event) => {
    if (event.detail.target !== body) return;
    if (!dialog.open) dialog.showModal();
    formBehaviour(body);
    const focus = body.querySelector('[aria-invalid="true"]') || body.querySelector('input:not([type=hidden]), select, textarea')
      || body.querySelector('h2');
    if (focus) {
      if (focus.tagName === 'H2') focus.setAttribute('tabindex', '-1');
      focus.focus();
    }
  });
  dialog.addEventListener('close', () => {
    body.replaceChildren();
    if (opener && document.contains(opener)) opener.focus();
    opener = null;
  });
}

document.addEventListener('click', (event) => {
  const closer = event.target.closest('[data-close-dialog]');
  if (closer && closer.closest('dialog')) {
    closer.closest('dialog').close();
    return;
  }
  // a click on a day's or a slot's free space (not on an event or a link) starts a new event there
  const cell = event.target.closest('[data-new]');
  if (cell && !event.target.closest('a, button, input, label')) {
    opener = cell.querySelector('a') || document.getElementById('new-event');
    open(cell.dataset.new);
  }
});

// the list of calendars applies itself when a box is ticked; its button stays for browsers without script
const list = document.getElementById('calendar-list');
if (list) {
  list.querySelector('[data-apply]')?.setAttribute('hidden', '');
  list.addEventListener('change', () => list.requestSubmit());
}

// week and day start at 07:00 rather than midnight
const scroller = document.querySelector('.timegrid-scroll');
const seven = scroller?.querySelector('.hour-label.at-28');
const hours = scroller?.querySelector('.timegrid-body');
if (scroller && seven && hours) scroller.scrollTop = seven.getBoundingClientRect().top - hours.getBoundingClientRect().top;

// time fields only for timed events; weekdays only for weekly repetition; an end only for repetition
function formBehaviour(root) {
  const form = root.querySelector('.event-form');
  if (!form) return;
  const allDay = form.querySelector('[data-all-day]');
  const repeat = form.querySelector('[data-repeat]');
  const update = () => {
    form.querySelectorAll('[data-time]').forEach((f) => { f.hidden = allDay.checked; });
    const value = repeat.value;
    form.querySelector('[data-repeat-weekly]').hidden = value !== 'woechentlich';
    const monthly = form.querySelector('[data-repeat-monthly]');
    if (monthly) monthly.hidden = value !== 'monatlich';
    form.querySelector('[data-repeat-any]').hidden = value === 'keine' || value === 'beibehalten';
  };
  allDay.addEventListener('change', update);
  repeat.addEventListener('change', update);
  form.querySelector('#ev-von-datum')?.addEventListener('change', (event) => monthlyLabels(form, event.target.value));
  update();
}

// the monthly choices said again for a new start date ("jeden 2. Dienstag"), from the patterns the server wrote;
// "jeden letzten …" only when that weekday does not come again in the month, the n-th only up to the 4th
function monthlyLabels(form, value) {
  const set = form.querySelector('[data-repeat-monthly]');
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || '');
  if (!set || !match) return;
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  const day = date.getUTCDate();
  const length = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  const weekday = set.dataset.weekdays.split(',')[(date.getUTCDay() + 6) % 7];
  const ordinal = Math.floor((day - 1) / 7) + 1;
  const fill = (pattern, ...args) => args.reduce((text, arg, i) => text.replace(`{${i}}`, arg), pattern);
  const texts = {
    tag: fill(set.dataset.patternTag, day),
    wochentag: fill(set.dataset.patternWochentag, set.dataset.ordinals.split(',')[Math.min(ordinal, 4) - 1], weekday),
    letzter: fill(set.dataset.patternLetzter, weekday),
  };
  const offered = { tag: true, wochentag: ordinal <= 4, letzter: day + 7 > length };
  set.querySelectorAll('[data-monthly]').forEach((label) => {
    const choice = label.dataset.monthly;
    label.querySelector('span').textContent = texts[choice];
    label.hidden = !offered[choice];
    const radio = label.querySelector('input');
    if (label.hidden && radio.checked) set.querySelector('input[value="tag"]').checked = true;
  });
}
formBehaviour(document);

// drag an event in the week or day view to move it (15-minute steps, to another day), or its lower
// edge to make it longer or shorter; the keyboard's way is the edit dialog
const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
const csrfHeader = document.querySelector('meta[name="csrf-header"]')?.content;
let dragged = false;

document.addEventListener('pointerdown', (event) => {
  const chip = event.target.closest('.chip.timed[data-move]');
  if (!chip || event.button !== 0) return;
  const resizing = event.target.classList.contains('resize');
  const column = chip.closest('.day-column');
  const rowHeight = column.getBoundingClientRect().height / 96;
  const columns = [...document.querySelectorAll('.day-column')];
  const startX = event.clientX;
  const startY = event.clientY;
  const height = chip.getBoundingClientRect().height;
  let rows = 0;
  let days = 0;
  chip.setPointerCapture(event.pointerId);
  const move = (e) => {
    rows = Math.round((e.clientY - startY) / rowHeight);
    const over = columns.findIndex((c) => { const r = c.getBoundingClientRect(); return e.clientX >= r.left && e.clientX < r.right; });
    days = resizing || over < 0 ? 0 : over - columns.indexOf(column);
    if (Math.abs(e.clientY - startY) + Math.abs(e.clientX - startX) > 4) chip.classList.add('dragging');
    if (resizing) {
      chip.style.height = `${Math.max(rowHeight, height + rows * rowHeight)}px`;
    } else {
      const dx = days === 0 ? 0 : columns[columns.indexOf(column) + days].getBoundingClientRect().left - column.getBoundingClientRect().left;
      chip.style.transform = `translate(${dx}px, ${rows * rowHeight}px)`;
    }
  };
  const up = async () => {
    chip.removeEventListener('pointermove', move);
    chip.removeEventListener('pointerup', up);
    chip.removeEventListener('pointercancel', up);
    if (!chip.classList.contains('dragging')) return;
    dragged = true;
    setTimeout(() => { dragged = false; }, 0);
    const minutes = resizing ? 0 : rows * 15 + days * 1440;
    const longer = resizing ? rows * 15 : 0;
    if (minutes === 0 && longer === 0) {
      chip.classList.remove('dragging');
      chip.style.transform = '';
      chip.style.height = '';
      return;
    }
    const shown = document.getElementById('move-problem');
    if (shown) shown.hidden = true;
    const url = new URL(chip.dataset.move, location.href);
    url.searchParams.set('minuten', minutes);
    url.searchParams.set('laenger', longer);
    const headers = csrfToken && csrfHeader ? { [csrfHeader]: csrfToken } : {};
    const response = await fetch(url, { method: 'POST', headers: { ...headers, Accept: 'application/problem+json' }, credentials: 'same-origin' });
    if (response.ok) {
      location.reload();
    } else {
      chip.classList.remove('dragging');
      chip.style.transform = '';
      chip.style.height = '';
      let detail = '';
      try {
        detail = (await response.json()).detail || '';
      } catch (e) {
        // not a problem document (a proxy's error page): the general text below
      }
      moveProblem(detail);
      chip.focus();
    }
  };
  chip.addEventListener('pointermove', move);
  chip.addEventListener('pointerup', up);
  chip.addEventListener('pointercancel', up);
});

// why a drag was refused, in the alert above the grid (announced by screen readers); hidden again by the next drag
function moveProblem(text) {
  const region = document.getElementById('move-problem');
  if (!region) return;
  region.hidden = false;
  region.textContent = text || region.dataset.fallback || '';
}

// press on a free slot of the week or day view and drag down: the new event's dialog opens with that span
// (15-minute steps); the keyboard's and a tap's way is the click on a slot, an hour from there
document.addEventListener('pointerdown', (event) => {
  const slot = event.target.closest('.slot[data-new]');
  const column = slot?.closest('.day-column[data-new-span]');
  if (!column || event.button !== 0 || event.pointerType === 'touch') return;
  const rowHeight = column.getBoundingClientRect().height / 96;
  const rowAt = (y) => Math.max(0, Math.min(95, Math.floor((y - column.getBoundingClientRect().top) / rowHeight)));
  const first = rowAt(event.clientY);
  const startY = event.clientY;
  let last = first;
  let span = null;
  const clock = (row) => `${String(Math.floor(row / 4)).padStart(2, '0')}:${String((row % 4) * 15).padStart(2, '0')}`;
  const move = (e) => {
    if (!span && Math.abs(e.clientY - startY) < rowHeight / 2) return;
    last = Math.max(first, rowAt(e.clientY));
    if (!span) {
      // captured only once it is a drag: a plain click stays the slot's, which opens its hour
      column.setPointerCapture(e.pointerId);
      span = document.createElement('div');
      span.className = 'new-span';
      span.setAttribute('aria-hidden', 'true');
      column.appendChild(span);
    }
    span.style.gridRow = `${first + 1} / ${last + 2}`;
    span.textContent = `${clock(first)}–${last + 1 === 96 ? '24:00' : clock(last + 1)}`;
  };
  const up = () => {
    column.removeEventListener('pointermove', move);
    column.removeEventListener('pointerup', up);
    column.removeEventListener('pointercancel', up);
    if (!span) return;
    span.remove();
    dragged = true;
    setTimeout(() => { dragged = false; }, 0);
    const day = column.dataset.date;
    const url = new URL(column.dataset.newSpan, location.href);
    url.searchParams.set('beginn', `${day}T${clock(first)}`);
    // the end of the last quarter hour; midnight is the next day's start
    const end = last + 1 === 96 ? `${nextDay(day)}T00:00` : `${day}T${clock(last + 1)}`;
    url.searchParams.set('ende', end);
    opener = document.getElementById('new-event');
    open(url.pathname + url.search);
  };
  column.addEventListener('pointermove', move);
  column.addEventListener('pointerup', up);
  column.addEventListener('pointercancel', up);
});

function nextDay(date) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

// the click that ends a drag opens no dialog
document.addEventListener('click', (event) => {
  if (dragged && (event.target.closest('.chip.timed') || event.target.closest('.day-column'))) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

// the dialog's attendee search: Enter searches instead of saving, a ticked result joins the attendees so the next search keeps it
document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && event.target.matches('[data-invite-search]')) {
    event.preventDefault();
  }
});
document.addEventListener('change', (event) => {
  const box = event.target;
  if (!box.matches('#ev-treffer input[name="teilnehmende"]') || !box.checked) {
    return;
  }
  const list = document.getElementById('ev-teilnehmende');
  if (list) {
    list.appendChild(box.closest('li'));
    box.focus();
  }
});
