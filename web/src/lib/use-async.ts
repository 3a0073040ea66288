import { useCallback, useEffect, useRef, useState } from 'react';

export type Async<T> = {
  loading: boolean;
  error: unknown;
  data: T | undefined;
  /** Loads again; resolves once that load (or a newer one) has landed. */
  reload: () => Promise<void>;
  /** Loads again without flagging `loading` (what is shown stays until the new data arrives); resolves as reload. */
  refresh: () => Promise<void>;
  setData: (d: T) => void;
};

/** Runs `load` when `deps` change; `reload` runs it again. Late answers of a superseded load are dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<{ loading: boolean; error: unknown; data: T | undefined }>({
    loading: true,
    error: null,
    data: undefined,
  });
  const [tick, setTick] = useState(0);
  const gen = useRef(0);
  const quiet = useRef(false);
  // Those awaiting a reload or refresh: told when the newest load lands.
  const waiting = useRef<(() => void)[]>([]);
  /* biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what `load` depends on
     (`deps`, checked where useAsync is called); `tick` is the reload trigger */
  useEffect(() => {
    const mine = ++gen.current;
    if (!quiet.current) setState((s) => ({ ...s, loading: true, error: null }));
    quiet.current = false;
    const land = (next: { loading: false; error: unknown; data: T | undefined }) => {
      if (mine !== gen.current) return;
      setState(next);
      for (const told of waiting.current.splice(0)) told();
    };
    load().then(
      (data) => land({ loading: false, error: null, data }),
      (error: unknown) => land({ loading: false, error, data: undefined }),
    );
  }, [...deps, tick]);
  const again = useCallback(
    (quietly: boolean) =>
      new Promise<void>((resolve) => {
        quiet.current = quietly;
        waiting.current.push(resolve);
        setTick((n) => n + 1);
      }),
    [],
  );
  const reload = useCallback(() => again(false), [again]);
  const refresh = useCallback(() => again(true), [again]);
  const setData = useCallback((data: T) => setState({ loading: false, error: null, data }), []);
  return { ...state, reload, refresh, setData };
}
