-- A subscription its push service called gone (404, 410) is kept a while, no longer sent to: the browser's
-- service worker may still renew it with the old secret (pushsubscriptionchange often arrives after the
-- server learned of the old one's end, or when the browser next starts). The nightly sweep deletes it after
-- PushSubscriptions.GONE_KEPT.
alter table push_subscription add column gone_at timestamp with time zone;
