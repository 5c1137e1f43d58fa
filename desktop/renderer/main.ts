/** The web app's entry: builds the app in the page. */
import { App } from "./app.ts";

const app = new App(document.body);
// For the browser tests and for curious pupils in the developer tools.
(globalThis as { robotyc?: App }).robotyc = app;
