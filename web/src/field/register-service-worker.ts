/**
 * Registers the field app's service worker (service-worker.ts, built to /m-sw.js) for the /m
 * scope, in production builds only: the dev server has no built file list to precache, and a
 * worker there would serve stale modules.
 */
export function registerFieldServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/m-sw.js', { scope: '/m' }).catch((error: unknown) => {
      // Without the worker the app still runs online; only the offline cold start is lost.
      console.warn('城管通离线缓存未启用', error);
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
