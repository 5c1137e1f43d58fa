/**
 * The grader's per-job watchdog: the wall time one job (a program on a seed) may take before its
 * worker is terminated and the job fails with its own message. The rest of the class is graded.
 *
 * It sits above everything an honest job can spend: the sandbox's own watchdog (which stops a
 * runaway program first, with the world's score, wherever its interrupt handler still runs), the
 * simulation at a real-time factor of 2 (measured: 150-185 on an idle machine, over 20 with the
 * machine shared by a dozen processes) and a worker's start-up. Only a job stuck where nothing
 * else can stop it (one built-in call that never returns) reaches it.
 */
import { DEFAULT_LIMITS, format, type Locale, type Localized } from "../../runtime/engine.ts";

/** Simulated seconds per wall second below which the grader gives up on a job. */
const SLOWEST_REAL_TIME_FACTOR = 2;
/** A worker's start-up (physics engine, sandbox, classifier), generously. */
const START_UP_MS = 30_000;

/** Wall milliseconds a job on a challenge of `timeLimit` simulated seconds may take. */
export function jobWatchdogMs(timeLimit: number): number {
  return DEFAULT_LIMITS.watchdogMs + (timeLimit * 1000) / SLOWEST_REAL_TIME_FACTOR + START_UP_MS;
}

const MESSAGE = {
  fr: "Ce programme a été arrêté par sécurité : son parcours n'était pas fini après {seconds} s (une instruction qui ne rend jamais la main ?). Score : 0. Les autres programmes sont notés normalement.",
  en: "This program was stopped for safety: its run was not over after {seconds} s (an instruction that never hands back control?). Score: 0. The other programs are graded as usual.",
} satisfies Localized;

export function jobWatchdogMessage(timeoutMs: number, locale: Locale): string {
  return format(MESSAGE, locale, { seconds: Math.round(timeoutMs / 1000) });
}
