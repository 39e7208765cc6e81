/**
 * A RecordStore in this page's memory: what the widget keeps when the browser's storage is
 * missing or failing, and the copy every value and image written in this page is read back from
 * first. Same contract as the IndexedDB store (records.ts), TTL included; gone with the page.
 */
import { DEFAULT_TTL_MS, type RecordStore, type RecordStoreOptions } from './records.js';

interface Entry {
  savedAt: number;
  data: unknown;
}

export function createMemoryRecordStore(options: Pick<RecordStoreOptions, 'ttlMs' | 'now'> = {}): RecordStore {
  const { ttlMs = DEFAULT_TTL_MS, now = Date.now } = options;
  const spaces = { value: new Map<string, Entry>(), blob: new Map<string, Entry>() };
  const fresh = (entry: Entry | undefined) => (entry && now() - entry.savedAt <= ttlMs ? entry : undefined);
  const read = (space: Map<string, Entry>, key: string): unknown => {
    const entry = fresh(space.get(key));
    if (!entry) space.delete(key);
    return entry ? entry.data : null;
  };
  const each = (work: (space: Map<string, Entry>) => void) => Object.values(spaces).forEach(work);
  return {
    load: async <T>(key: string) => read(spaces.value, key) as T | null,
    save: async (key, value) => void spaces.value.set(key, { savedAt: now(), data: value }),
    saveBlob: async (key, blob) => void spaces.blob.set(key, { savedAt: now(), data: blob }),
    loadBlob: async (key) => {
      const data = read(spaces.blob, key);
      return data instanceof Blob ? data : null;
    },
    deleteBlob: async (key) => void spaces.blob.delete(key),
    wipe: async (keyPrefix) =>
      each((space) => {
        for (const key of [...space.keys()]) if (keyPrefix === undefined || key.startsWith(keyPrefix)) space.delete(key);
      }),
    sweepExpired: async () =>
      each((space) => {
        for (const [key, entry] of [...space]) if (!fresh(entry)) space.delete(key);
      }),
    isAvailable: async () => true,
  };
}
