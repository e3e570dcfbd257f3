// This browser's Web Push subscription on every page (a PageScript of the push module) and for the switch on
// Mein Konto (push.js imports this module by its versioned URL). The browser remembers whose it is (the
// account that switched notifications on here) and which subscription the server was told of last, and
// when; both only as their SHA-256 (the endpoint is the push service's secret address of this browser, and a
// shared computer need not keep in plain who used it).
//
// The check on every page: if the person signed in is the one who switched notifications on here, and the
// browser's subscription is not the one the server was told of (the push service renewed it and the
// service worker could not say so: Chrome sends it no pushsubscriptionchange), or the server was last told
// a day ago (it stops sending to a subscription its push service calls gone), tell the server again.
// Another person's pages on a shared computer leave the device alone: it is not theirs to take over.
const KEY = 'schulhaus.push';
const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content;
const csrfHeader = document.querySelector('meta[name="csrf-header"]')?.content;

export function headers(json) {
  const h = json ? { 'Content-Type': 'application/json' } : {};
  if (csrfToken && csrfHeader) h[csrfHeader] = csrfToken;
  return h;
}

export function remembered() {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) || 'null');
    return value && typeof value.account === 'string' ? value : null;
  } catch (e) {
    return null;
  }
}

export function forget() {
  localStorage.removeItem(KEY);
}

export async function fingerprint(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

// Posts the subscription to /api/v1/push/subscriptions (api: that path's parent) and, if the server took
// it, remembers it as the signed-in account's; the server's answer.
export async function tell(api, subscription) {
  const answer = await fetch(api + '/subscriptions', {
    method: 'POST', headers: headers(true), credentials: 'same-origin', body: JSON.stringify(subscription.toJSON()),
  });
  const account = document.body.dataset.account;
  if (answer.ok && account) {
    localStorage.setItem(KEY, JSON.stringify({
      account: await fingerprint(account), endpoint: await fingerprint(subscription.endpoint), told: Date.now(),
    }));
  }
  return answer;
}

const DAY = 24 * 60 * 60 * 1000;

async function check() {
  const mine = remembered();
  const account = document.body.dataset.account;
  // Mein Konto's switch tells the server itself
  if (!mine || !account || document.querySelector('[data-push]') || mine.account !== await fingerprint(account)) return;
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return;
  if (Notification.permission !== 'granted') return;
  const reg = await navigator.serviceWorker.getRegistration();
  const subscription = reg && await reg.pushManager.getSubscription();
  if (!subscription) return;
  if (mine.endpoint === await fingerprint(subscription.endpoint) && Date.now() - mine.told < DAY) return;
  await tell(new URL('../api/v1/push', import.meta.url).href, subscription);
}

check().catch(() => {});
