import type { ComponentChildren } from 'preact';

/** A form whose submit (a button or Enter) runs `onSubmit` in the page instead of navigating. */
export function SubmitForm({ onSubmit, class: cls, children }: { onSubmit: () => unknown; class?: string; children: ComponentChildren }) {
  return (
    <form
      class={cls}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
  );
}
