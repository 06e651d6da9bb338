/** Runs checks with each way an entity's names are read (src/store/name-groups.ts): alone, and in groups of every size that splits them. */
import { nameReads } from '../../src/store/name-groups.ts';

export const nameReadSettings: (typeof nameReads)[] = [{ ...nameReads }, { oneByOneUpTo: 0, groupSize: 300 }, { oneByOneUpTo: 0, groupSize: 1 }, { oneByOneUpTo: 0, groupSize: 2 }];

/** Runs `check` once under each of `nameReadSettings`, the settings put back after. */
export async function withEachNameRead(check: (reads: typeof nameReads) => Promise<void>): Promise<void> {
  const kept = { ...nameReads };
  try {
    for (const reads of nameReadSettings) {
      Object.assign(nameReads, reads);
      await check(reads);
    }
  } finally {
    Object.assign(nameReads, kept);
  }
}
