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
if (scroller && seven) scroller.scrollTop = seven.offsetTop;

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
    form.querySelector('[data-repeat-any]').hidden = value === 'keine' || value === 'beibehalten';
  };
  allDay.addEventListener('change', update);
  repeat.addEventListener('change', update);
  update();
}
formBehaviour(document);
