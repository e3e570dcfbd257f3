// An upload-only link: each chosen file goes up as the raw request body (streamed to storage,
// no multipart), with a progress bar per file and the server's reason when it refuses one.
const form = document.getElementById('link-upload');
const results = document.getElementById('link-upload-results');
const texts = document.getElementById('link-upload-texts').content;
const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
const csrfHeader = document.querySelector('meta[name="csrf-header"]')?.content;

function upload(file, item) {
  return new Promise((resolve) => {
    const progress = item.querySelector('progress');
    const status = item.querySelector('.status');
    const request = new XMLHttpRequest();
    request.open('POST', form.dataset.target + '?name=' + encodeURIComponent(file.name));
    if (csrfToken && csrfHeader) {
      request.setRequestHeader(csrfHeader, csrfToken);
    }
    request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) {
        progress.value = event.loaded / event.total;
      }
    };
    request.onload = () => {
      progress.value = 1;
      if (request.status === 201) {
        status.textContent = texts.querySelector('[data-done]').textContent + ': ' + JSON.parse(request.responseText).name;
      } else {
        let detail = '';
        try { detail = JSON.parse(request.responseText).detail || ''; } catch (e) { /* not JSON */ }
        status.textContent = texts.querySelector('[data-failed]').textContent + (detail ? ' – ' + detail : '');
        item.classList.add('error');
      }
      resolve();
    };
    request.onerror = () => {
      status.textContent = texts.querySelector('[data-failed]').textContent;
      item.classList.add('error');
      resolve();
    };
    request.send(file);
  });
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const files = Array.from(form.querySelector('input[type=file]').files);
  for (const file of files) {
    const item = document.createElement('li');
    const label = document.createElement('span');
    label.textContent = file.name;
    const progress = document.createElement('progress');
    progress.max = 1;
    progress.value = 0;
    progress.setAttribute('aria-label', file.name);
    const status = document.createElement('span');
    status.className = 'status';
    item.append(label, ' ', progress, ' ', status);
    results.append(item);
    await upload(file, item);
  }
  form.reset();
});
