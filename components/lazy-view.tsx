import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A component whose code is a separate chunk, loaded the first time it renders (the options page's
 * rarely used steps, to keep its start bundle small). Until then a quiet, screen-reader-visible placeholder.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<void> | undefined;
  return function LazyView(props: P) {
    const [, rerender] = useState(0);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      pending ??= load().then((c) => {
        loaded = c;
      });
      void pending.then(() => live && rerender((n) => n + 1));
      return () => {
        live = false;
      };
    }, []);
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <p class="loading" aria-busy="true">…</p>;
  };
}
