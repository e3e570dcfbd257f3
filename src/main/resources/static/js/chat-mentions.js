// Suggestions after "@" in the composer: the room's members by name or sign-in, picked with the arrow keys and
// Enter or Tab (or a click); what is inserted is "@Vorname Nachname", which the server turns into a mention.

export function mentionSuggestions(textarea, url, label, headers) {
  let people = null;
  let loading = null;
  let matches = [];
  let active = -1;
  let start = -1;

  const list = document.createElement('ul');
  list.id = 'chat-mention-list';
  list.className = 'chat-mentions';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', label);
  list.hidden = true;
  textarea.after(list);
  textarea.setAttribute('aria-autocomplete', 'list');
  textarea.setAttribute('aria-controls', list.id);

  function load() {
    if (!loading) {
      loading = fetch(url, { headers: headers(false) })
        .then((r) => (r.ok ? r.json() : []))
        .then((json) => { people = json; })
        .catch(() => { people = []; });
    }
    return loading;
  }

  function close() {
    list.hidden = true;
    list.replaceChildren();
    matches = [];
    active = -1;
    textarea.removeAttribute('aria-activedescendant');
  }

  function render() {
    list.replaceChildren();
    matches.forEach((p, i) => {
      const option = document.createElement('li');
      option.id = `chat-mention-${i}`;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', String(i === active));
      option.textContent = p.name;
      const login = document.createElement('span');
      login.className = 'hint';
      login.textContent = ` ${p.login}`;
      option.append(login);
      option.addEventListener('mousedown', (event) => {
        event.preventDefault();
        pick(i);
      });
      list.append(option);
    });
    list.hidden = matches.length === 0;
    if (active >= 0) textarea.setAttribute('aria-activedescendant', `chat-mention-${active}`);
    else textarea.removeAttribute('aria-activedescendant');
  }

  async function update() {
    const before = textarea.value.slice(0, textarea.selectionStart);
    const typed = /(^|[\s(])@([^\s@]{0,40}(?: [^\s@]{0,40})?)$/.exec(before);
    if (!typed) {
      close();
      return;
    }
    start = before.length - typed[2].length - 1;
    await load();
    const q = typed[2].toLowerCase();
    matches = people.filter((p) => p.name.toLowerCase().includes(q) || (p.login || '').toLowerCase().startsWith(q)).slice(0, 8);
    active = matches.length ? 0 : -1;
    render();
  }

  function pick(i) {
    const p = matches[i];
    if (!p) return;
    const end = textarea.selectionStart;
    const inserted = `@${p.name} `;
    textarea.value = textarea.value.slice(0, start) + inserted + textarea.value.slice(end);
    const caret = start + inserted.length;
    textarea.setSelectionRange(caret, caret);
    close();
    textarea.dispatchEvent(new Event('input'));
    textarea.focus();
  }

  textarea.addEventListener('input', () => { update(); });
  textarea.addEventListener('blur', () => setTimeout(close, 150));
  // registered before the composer's own keys, so Enter picks a name instead of sending while the list is open
  textarea.addEventListener('keydown', (event) => {
    if (list.hidden || !matches.length) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      active = (active + (event.key === 'ArrowDown' ? 1 : -1) + matches.length) % matches.length;
      render();
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      pick(active);
    } else if (event.key === 'Escape') {
      close();
    } else {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
  });
}
