// Schulhaus' service worker: shows the notifications the server pushes (Web Push), opens the one
// clicked, and tells the server when the browser renews its subscription. Served from the root (/sw.js)
// so that its scope is the whole site; no other work is done here (no caching of pages: nothing of a
// school stays on a shared computer).
'use strict';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (e) {
    data = {};
  }
  // opening /benachrichtigungen/<id> marks it read and leads to its link, as the bell does
  const target = data.id ? 'benachrichtigungen/' + encodeURIComponent(data.id)
    : (typeof data.link === 'string' && data.link.startsWith('/') && !data.link.startsWith('//') ? data.link.substring(1) : 'benachrichtigungen');
  const url = new URL(target, self.registration.scope).href;
  event.waitUntil(self.registration.showNotification(data.title || 'Schulhaus', {
    // a chat's pushes share the room's tag: a phone shows its newest one, and rings again for it
    tag: data.tag || data.id || undefined,
    renotify: Boolean(data.tag),
    icon: new URL('img/favicon.svg', self.registration.scope).href,
    data: { url },
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data && event.notification.data.url || self.registration.scope, self.registration.scope);
  if (url.origin !== self.location.origin) {
    return;
  }
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
    const open = windows.find((w) => w.url === url.href && 'focus' in w);
    return open ? open.focus() : self.clients.openWindow(url.href);
  }));
});

// The push service rotated this browser's subscription (Firefox does so when it likes, often while nobody is
// signed in). The server learns the new one from the old one's endpoint and secret, without a session; of a
// browser that gives no old subscription (or no event, as Chrome), the next page its person opens tells the
// server (js/push-device.js).
self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil(renew(event.oldSubscription, event.newSubscription));
});

async function renew(oldSubscription, newSubscription) {
  if (!oldSubscription) {
    return;
  }
  const renewed = newSubscription || await self.registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: oldSubscription.options && oldSubscription.options.applicationServerKey || await serverKey(),
  });
  await fetch(new URL('api/v1/push/renewal', self.registration.scope).href, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    credentials: 'omit',
    body: JSON.stringify({ oldSubscription: oldSubscription.toJSON(), newSubscription: renewed.toJSON() }),
  });
}

// the server's VAPID key (public), as the octets subscribe wants
async function serverKey() {
  const key = await fetch(new URL('api/v1/push/key', self.registration.scope).href, { credentials: 'omit' }).then((r) => r.json());
  const base64 = (key.publicKey + '='.repeat((4 - key.publicKey.length % 4) % 4)).replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
