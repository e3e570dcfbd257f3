// The compose page: the rich-text editor over the textarea, address suggestions, cloud files picked,
// and drafts saved every 30 seconds and on leaving. Without script the textarea and the buttons work.
const form = document.getElementById('compose-form');
const textarea = document.getElementById('compose-text');
const editor = document.getElementById('compose-editor');
const toolbar = form.querySelector('.toolbar');
const status = document.getElementById('autosave-status');

const htmlMode = () => form.querySelector('input[name=format]:checked')?.value !== 'text';

function showEditor() {
  const rich = htmlMode();
  if (rich && editor.hidden) {
    // the server cleaned this HTML (a reply's quote, a draft); the editor shows it as markup
    editor.innerHTML = textarea.value;
  } else if (!rich && !editor.hidden) {
    textarea.value = editor.innerText;
  }
  editor.hidden = !rich;
  toolbar.hidden = !rich;
  textarea.hidden = rich;
}

function sync() {
  if (htmlMode()) textarea.value = editor.innerHTML;
}

form.querySelectorAll('input[name=format]').forEach((radio) => radio.addEventListener('change', showEditor));
showEditor();

toolbar.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-command]');
  if (!button) return;
  editor.focus();
  if (button.dataset.command === 'createLink') {
    const url = window.prompt(form.dataset.textLink, 'https://');
    if (url && /^(https?:|mailto:)/i.test(url)) document.execCommand('createLink', false, url);
  } else {
    document.execCommand(button.dataset.command, false, null);
  }
  dirty = true;
});

// a suggestion replaces what is typed after the last comma
document.addEventListener('click', (event) => {
  const choice = event.target.closest('.suggestions button[data-address]');
  if (!choice) return;
  const input = document.getElementById('field-' + choice.dataset.field);
  const parts = input.value.split(/[,;]/);
  parts[parts.length - 1] = ' ' + choice.dataset.address;
  input.value = parts.map((p) => p.trim()).filter((p) => p).join(', ') + ', ';
  choice.closest('.suggestions').innerHTML = '';
  input.focus();
  dirty = true;
});

// Escape closes the suggestions; arrow down moves into them
form.addEventListener('keydown', (event) => {
  const list = event.target.id?.startsWith('field-') ? document.getElementById('suggest-' + event.target.id.slice(6)) : null;
  if (list && event.key === 'ArrowDown' && list.querySelector('button')) {
    event.preventDefault();
    list.querySelector('button').focus();
  } else if (event.key === 'Escape') {
    form.querySelectorAll('.suggestions').forEach((s) => { s.innerHTML = ''; });
  }
});

// a cloud file ticked moves to the chosen ones, so the next search keeps it
document.getElementById('cloud-results').addEventListener('change', (event) => {
  const box = event.target.closest('input[data-cloud]');
  if (box && box.checked) {
    document.getElementById('cloud-chosen').append(box.closest('li'));
    dirty = true;
  }
});

let dirty = false;
form.addEventListener('input', () => { dirty = true; });
editor.addEventListener('input', () => { dirty = true; });
form.addEventListener('submit', (event) => {
  // files larger than the school allows are refused here, before a long upload the server would refuse anyway
  const files = [...document.getElementById('field-files').files];
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (event.submitter?.value === 'senden' && total > Number(form.dataset.maxBytes)) {
    event.preventDefault();
    let problem = document.getElementById('compose-problem');
    if (!problem) {
      problem = document.createElement('div');
      problem.id = 'compose-problem';
      problem.className = 'alert error';
      problem.setAttribute('role', 'alert');
      form.before(problem);
    }
    problem.textContent = form.dataset.textTooLarge;
    document.getElementById('field-files').focus();
    return;
  }
  sync();
  dirty = false;
});

// files chosen on the computer and cloud files wait for the buttons; the rest is saved now
function draftData() {
  sync();
  const data = new FormData(form);
  data.delete('anhang');
  data.delete('cloud');
  data.delete('dateisuche');
  data.delete('aktion');
  return data;
}

async function autosave() {
  if (!dirty) return;
  dirty = false;
  try {
    const response = await fetch(form.dataset.autosaveUrl, { method: 'POST', body: draftData(), credentials: 'same-origin' });
    if (response.status === 507) {
      // the own mailbox is full: say so where the saved state shows, keep the text and try again later
      status.textContent = form.dataset.textFull;
      dirty = true;
      return;
    }
    if (!response.ok) { dirty = true; return; }
    const saved = await response.json();
    document.getElementById('draft-id').value = saved.entwurf;
    // the kept attachments now live in the new draft, in the same order
    document.getElementById('source-id').value = saved.entwurf;
    const kept = [...form.querySelectorAll('input[data-kept]')];
    const checked = kept.filter((box) => box.checked);
    kept.filter((box) => !box.checked).forEach((box) => box.closest('li').remove());
    checked.forEach((box, i) => { box.value = saved.teile[i]; });
    status.textContent = form.dataset.textSaved;
  } catch (e) {
    dirty = true;
  }
}

setInterval(autosave, 30000);
window.addEventListener('pagehide', () => {
  if (dirty) navigator.sendBeacon(form.dataset.autosaveUrl, draftData());
});
