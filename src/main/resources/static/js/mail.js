// The message list: "select all", and a live update that waits while the reader has messages selected.
document.addEventListener('change', (event) => {
  const all = event.target.closest('input[data-select-all]');
  if (!all) return;
  document.querySelectorAll('#mail-list input[name=auswahl]').forEach((box) => { box.checked = all.checked; });
});

document.addEventListener('htmx:beforeSwap', (event) => {
  const list = event.detail.target;
  if (list?.id === 'mail-list' && list.querySelector('input[name=auswahl]:checked')) {
    // the next poll asks again; the selection is not thrown away under the reader's hands
    event.detail.shouldSwap = false;
  }
});
