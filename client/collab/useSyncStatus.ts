import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SyncSnapshot, SyncTracker } from './syncTracker.ts';

/** How long a change may take to be confirmed before "Saving…" is shown. */
const SAVING_GRACE_MS = 400;

/**
 * The save state to display. Typing flips the raw state between saved and saving
 * on every keystroke; showing that would flicker and make screen readers chatter,
 * so "Saving…" appears only once a change has gone unconfirmed for a moment.
 * Every other transition shows at once. (The beforeunload check reads the raw
 * tracker, so this delay never hides unsaved work.)
 */
export function useSyncStatus(tracker: SyncTracker): SyncSnapshot {
  const raw = useSyncExternalStore(tracker.subscribe, tracker.getSnapshot);
  const [shown, setShown] = useState(raw);

  useEffect(() => {
    if (raw.state !== 'saving' || shown.state !== 'saved') {
      setShown(raw);
      return;
    }
    const timer = setTimeout(() => setShown(raw), SAVING_GRACE_MS);
    return () => clearTimeout(timer);
  }, [raw, shown.state]);

  // Only the state shown waits out the grace; whether the server lacks something
  // is always the tracker's own answer (tests wait on it through data-unsaved).
  return shown.unsaved === raw.unsaved ? shown : { ...shown, unsaved: raw.unsaved };
}

/**
 * Asks before the tab closes or reloads while the server lacks some of this
 * tab's changes. Off for read-only roles: the server would refuse those changes
 * anyway, and staying would not save them (the local copy keeps them).
 */
export function useUnsavedChangesPrompt(tracker: SyncTracker, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!tracker.hasUnsavedChanges()) return;
      event.preventDefault();
      // Older Chromium needs returnValue set to show the prompt.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [tracker, enabled]);
}
