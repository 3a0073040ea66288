import { useCallback, useEffect, useRef, useState } from 'react';

export type Async<T> = {
  loading: boolean;
  error: unknown;
  data: T | undefined;
  reload: () => void;
  /** Loads again without flagging `loading` (what is shown stays until the new data arrives). */
  refresh: () => void;
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
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what `load` depends on (`deps`, checked where useAsync is called); `tick` is the reload trigger
  useEffect(() => {
    const mine = ++gen.current;
    if (!quiet.current) setState((s) => ({ ...s, loading: true, error: null }));
    quiet.current = false;
    load().then(
      (data) => mine === gen.current && setState({ loading: false, error: null, data }),
      (error: unknown) => mine === gen.current && setState({ loading: false, error, data: undefined }),
    );
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const refresh = useCallback(() => {
    quiet.current = true;
    setTick((n) => n + 1);
  }, []);
  const setData = useCallback((data: T) => setState({ loading: false, error: null, data }), []);
  return { ...state, reload, refresh, setData };
}
