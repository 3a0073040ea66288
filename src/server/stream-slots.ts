import { DomainError } from '../domain/errors.ts';

// How many live event streams (`GET /v1/events`) may be open: a few per session, so one signed-in caller
// cannot hold any number (each asks the store, for every event, whether its caller may be told), and a
// ceiling for the process, so many sessions together cannot either. Counted in this process's memory:
// the streams are its own connections (a hub of several processes allows the ceiling in each).

/** Streams one session (or one machine client's key) may hold open: a browser's tabs, a script. */
export const STREAMS_PER_SESSION = 4;
/** Streams the whole process holds open. */
export const STREAMS_PER_PROCESS = 500;

export interface StreamSlots {
  /** Takes a slot for the session, or throws TOO_MANY_STREAMS; the function given back frees it (once). */
  take(session: string): () => void;
  /** Streams open now (for tests and the log). */
  open(): number;
}

export function streamSlots(perSession = STREAMS_PER_SESSION, perProcess = STREAMS_PER_PROCESS): StreamSlots {
  const bySession = new Map<string, number>();
  let total = 0;
  return {
    take(session) {
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
      bySession.set(session, held + 1);
      total++;
      let freed = false;
      return () => {
        if (freed) return;
        freed = true;
        total--;
        const left = (bySession.get(session) ?? 1) - 1;
        if (left > 0) bySession.set(session, left);
        else bySession.delete(session);
      };
    },
    open: () => total,
  };
}
