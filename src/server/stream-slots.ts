import { DomainError } from '../domain/errors.ts';

// How many live event streams (`GET /v1/events`) may be open: a few per session, so one signed-in caller
// cannot hold any number (each asks the store, for every event, whether its caller may be told); a few more
// per person (or machine client), so one who signs in again and again (a fresh code every 30 s) cannot
// either; and a ceiling for the process, so many people together cannot. Counted in this process's memory:
// the streams are its own connections (a hub of several processes allows the ceiling in each).

/** Streams one session (or one machine client's key) may hold open: a browser's tabs, a script. */
export const STREAMS_PER_SESSION = 4;
/** Streams one person (or machine client) holds open over all their sessions: two sessions' worth. */
export const STREAMS_PER_PERSON = 8;
/** Streams the whole process holds open. */
export const STREAMS_PER_PROCESS = 500;

export interface StreamSlots {
  /**
   * Takes a slot for the session of this person, or throws TOO_MANY_STREAMS; the function given back frees it
   * (once).
   */
  take(session: string, person: string): () => void;
  /** Streams open now (for tests and the log). */
  open(): number;
}

/** One more held under `key`, or one fewer (the key forgotten at none). */
function step(counts: Map<string, number>, key: string, by: 1 | -1): void {
  const n = (counts.get(key) ?? 0) + by;
  if (n > 0) counts.set(key, n);
  else counts.delete(key);
}

export function streamSlots(
  perSession = STREAMS_PER_SESSION,
  perProcess = STREAMS_PER_PROCESS,
  perPerson = STREAMS_PER_PERSON,
): StreamSlots {
  const bySession = new Map<string, number>();
  const byPerson = new Map<string, number>();
  let total = 0;
  return {
    take(session, person) {
      const held = bySession.get(session) ?? 0;
      if (held >= perSession) {
        throw new DomainError(
          'TOO_MANY_STREAMS',
          {
            ja:
              `このセッションで開ける更新の通知は${perSession}つまでです。` +
              'ほかのタブやウィンドウを閉じてください（この画面は1分ごとに更新されます）',
            en:
              `at most ${perSession} live update streams per session: close another tab or window ` +
              '(this screen still refreshes every minute)',
          },
          { limit: perSession },
        );
      }
      if ((byPerson.get(person) ?? 0) >= perPerson) {
        throw new DomainError(
          'TOO_MANY_STREAMS',
          {
            ja:
              `一人が開ける更新の通知は、すべてのセッションを合わせて${perPerson}つまでです。` +
              'ほかのタブやウィンドウ、使っていないログインを閉じてください（この画面は1分ごとに更新されます）',
            en:
              `at most ${perPerson} live update streams per person over all their sessions: close another tab, ` +
              'window or unused sign-in (this screen still refreshes every minute)',
          },
          { limit: perPerson },
        );
      }
      if (total >= perProcess) {
        throw new DomainError(
          'TOO_MANY_STREAMS',
          {
            ja:
              'ハブが開いている更新の通知が上限に達しています。' +
              'しばらくしてから画面を開き直してください（この画面は1分ごとに更新されます）',
            en:
              'the hub holds as many live update streams as it allows: open the screen again later ' +
              '(it still refreshes every minute)',
          },
          { limit: perProcess },
        );
      }
      step(bySession, session, 1);
      step(byPerson, person, 1);
      total++;
      let freed = false;
      return () => {
        if (freed) return;
        freed = true;
        total--;
        step(bySession, session, -1);
        step(byPerson, person, -1);
      };
    },
    open: () => total,
  };
}
