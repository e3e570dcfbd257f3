// "Benachrichtigungen auf diesem Gerät" on Mein Konto: subscribes this browser to Web Push (with the
// server's VAPID key) and tells the server, or ends it. The texts come from the section's data-* attributes.
const section = document.querySelector('[data-push]');
// by its versioned URL (a plain relative import would be cached unversioned for a year)
const { forget, headers, tell } = section ? await import(section.dataset.moduleDevice) : {};

// the VAPID key comes as base64url; subscribe wants its octets
function octets(base64url) {
  const base64 = (base64url + '='.repeat((4 - base64url.length % 4) % 4)).replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

async function registration() {
  return navigator.serviceWorker.register(section.dataset.sw, { scope: section.dataset.scope });
}

async function subscribe(api) {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') {
    return false;
  }
  const key = await fetch(api + '/key', { headers: headers(false), credentials: 'same-origin' }).then((r) => r.json());
  const reg = await registration();
  await navigator.serviceWorker.ready;
  let subscription = await reg.pushManager.getSubscription();
  if (!subscription) {
    subscription = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: octets(key.publicKey) });
  }
  const answer = await tell(api, subscription);
  if (!answer.ok) {
    await subscription.unsubscribe();
    throw new Error('server answered ' + answer.status);
  }
  return true;
}

async function unsubscribe(api) {
  const reg = await navigator.serviceWorker.getRegistration(section.dataset.scope);
  const subscription = reg && await reg.pushManager.getSubscription();
  if (subscription) {
    // 404: the server had forgotten it already (a push service said it was gone)
    await fetch(api + '/subscriptions?endpoint=' + encodeURIComponent(subscription.endpoint), {
      method: 'DELETE', headers: headers(false), credentials: 'same-origin',
    });
    await subscription.unsubscribe();
  }
  forget();
}

async function init() {
  const toggle = section.querySelector('[data-push-toggle]');
  const status = section.querySelector('[data-push-status]');
  const say = (name) => { status.textContent = section.dataset[name] || ''; };
  const api = section.dataset.api;
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    say('textUnsupported');
    return;
  }
  if (Notification.permission === 'denied') {
    say('textDenied');
    return;
  }
  const reg = await navigator.serviceWorker.getRegistration(section.dataset.scope);
  const current = reg && await reg.pushManager.getSubscription();
  toggle.checked = Boolean(current) && Notification.permission === 'granted';
  if (toggle.checked) {
    // tell the server again (the browser may have renewed the subscription since); whoever sees the switch on
    // here and leaves it on takes the device as theirs
    tell(api, current).catch(() => {});
  }
  toggle.disabled = false;
  say(toggle.checked ? 'textOn' : 'textOff');
  toggle.addEventListener('change', async () => {
    toggle.disabled = true;
    try {
      if (toggle.checked) {
        const on = await subscribe(api);
        toggle.checked = on;
        say(on ? 'textOn' : (Notification.permission === 'denied' ? 'textDenied' : 'textOff'));
      } else {
        await unsubscribe(api);
        say('textOff');
      }
    } catch (e) {
      toggle.checked = false;
      say('textFailed');
    } finally {
      toggle.disabled = Notification.permission === 'denied';
    }
  });
}

if (section) {
  init();
}
