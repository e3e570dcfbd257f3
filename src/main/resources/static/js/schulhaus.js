// Small progressive enhancements; every page works without them.
const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
const csrfHeader = document.querySelector('meta[name="csrf-header"]')?.content;

// htmx requests carry the CSRF token like forms do.
document.addEventListener('htmx:configRequest', (event) => {
  if (csrfToken && csrfHeader) {
    event.detail.headers[csrfHeader] = csrfToken;
  }
});

// Buttons with data-confirm ask before submitting (deleting, deactivating).
document.addEventListener('submit', (event) => {
  const submitter = event.submitter;
  const message = submitter?.dataset.confirm || event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// Copy buttons for secrets that are shown once.
document.addEventListener('click', async (event) => {
  const button = event.target.closest('[data-copy]');
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (source && navigator.clipboard) {
    await navigator.clipboard.writeText(source.textContent.trim());
    button.textContent = button.dataset.copied || button.textContent;
  }
});

// Close the profile menu with Escape, returning focus to its button.
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  const open = document.querySelector('details.profile-menu[open]');
  if (open) {
    open.removeAttribute('open');
    open.querySelector('summary')?.focus();
  }
});

// A poll (data-poll) answered by a redirect got a whole page (the session ended, the sign-in gate):
// keep the fragment as it was and stop polling, instead of swapping the sign-in page into it.
document.addEventListener('htmx:beforeSwap', (event) => {
  const { xhr, pathInfo } = event.detail;
  const elt = event.detail.requestConfig?.elt || event.detail.elt;
  if (!elt.matches('[data-poll]') || !xhr.responseURL || !pathInfo?.requestPath) return;
  if (new URL(xhr.responseURL).pathname !== new URL(pathInfo.requestPath, location.href).pathname) {
    event.detail.shouldSwap = false;
    const quiet = elt.cloneNode(true);
    quiet.removeAttribute('hx-trigger');
    elt.replaceWith(quiet);
  }
});
