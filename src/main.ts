import { mount } from 'svelte';
import App from './App.svelte';
import UpdateNotice from './pwa/UpdateNotice.svelte';
import { appUpdate } from './pwa/update.svelte';
import './ui/global.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// Which build is running, for the user's "about" and for the update test.
document.documentElement.dataset.build = __BUILD_ID__;

export default mount(App, { target });

// The update notice lives outside the app's own layout, above everything.
const noticeHost = document.body.appendChild(document.createElement('div'));
mount(UpdateNotice, { target: noticeHost });

// Offline support is for the production build only: in development the service worker
// would serve stale modules.
if (import.meta.env.PROD) appUpdate.start();
