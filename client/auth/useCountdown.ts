import { useEffect, useState } from 'react';

/** Whole seconds left until `until` (epoch ms), ticking once a second; 0 once passed or null. */
export function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= until) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

/** "45 seconds", "2 minutes 5 seconds": how long to wait, in words. */
export function formatWait(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const secs = `${rest} ${rest === 1 ? 'second' : 'seconds'}`;
  if (minutes === 0) return secs;
  const mins = `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  return rest === 0 ? mins : `${mins} ${secs}`;
}
