import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same (by its JSON) for `delayMs`: what a live query
 * should follow while someone is still typing.
 */
export function useDebounced<T>(value: T, delayMs: number): T {
  const key = JSON.stringify(value);
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(key), delayMs);
    return () => clearTimeout(timer);
  }, [key, delayMs]);
  return JSON.parse(settled) as T;
}
